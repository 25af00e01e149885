# Corpus: nested try/finally, exceptions propagating through finally, and return in loops.
def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", repr(e))
    finally:
        print("outer finally")

nested()

log = []
def tracked(n):
    try:
        log.append("start " + str(n))
        if n == 2:
            raise RuntimeError("boom " + str(n))
        return n * 10
    finally:
        log.append("end " + str(n))

for n in range(4):
    try:
        print("tracked", tracked(n))
    except RuntimeError as e:
        print("error", e)
print(log)

def counter():
    count = 0
    while True:
        try:
            count += 1
            if count > 3:
                return count
        finally:
            print("tick", count)

print(counter())
