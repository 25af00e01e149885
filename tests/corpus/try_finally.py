# Corpus: finally clauses interacting with return, break, continue and exceptions.
def f1():
    try:
        return "from try"
    finally:
        print("f1 finally")

print(f1())

def f2():
    try:
        return "try"
    finally:
        return "finally wins"

print(f2())

def f3(x):
    try:
        if x < 0:
            raise ValueError("negative")
        print("f3 body ok", x)
    except ValueError as e:
        print("f3 except", e)
        return "handled"
    else:
        print("f3 else")
        return "clean"
    finally:
        print("f3 finally", x)

print(f3(1))
print(f3(-1))

for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("loop body", i)
    finally:
        print("loop finally", i)
