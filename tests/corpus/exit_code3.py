# Corpus: ends with `raise SystemExit(3)` after finally blocks run; exit status 3.
def cleanup(name):
    print("cleanup", name)

def work(n):
    try:
        total = 0
        for i in range(n):
            total += i * i
            print("step", i, total)
        return total
    finally:
        cleanup("work")

result = work(5)
print("result", result)
try:
    raise SystemExit(7)
except SystemExit as e:
    print("caught SystemExit with code", e.code)
try:
    try:
        raise SystemExit(3)
    except Exception:
        print("not printed: SystemExit is not an Exception")
finally:
    print("outer finally ran")
print("unreachable")
