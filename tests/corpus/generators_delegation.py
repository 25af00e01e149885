# Corpus: throw() and close() reach the sub-iterator of a yield from first, with finally blocks in CPython's order.
def inner():
    try:
        yield 1
        yield 2
    except KeyError as e:
        print("inner caught", repr(e))
        yield "recovered"
    finally:
        print("inner finally")
    return "inner result"

def outer():
    try:
        r = yield from inner()
        print("outer got", r)
        yield "after"
    except ValueError as e:
        print("outer caught", repr(e))
        yield "outer recovered"
    finally:
        print("outer finally")

g = outer()
print(next(g))
print(g.throw(KeyError("k")))
print(next(g))
print(next(g, "end"))
g2 = outer()
print(next(g2))
print(g2.throw(ValueError("v")))
g2.close()
g3 = outer()
next(g3)
g3.close()
print("closed g3")

class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        return self.n
    def throw(self, exc):
        print("It.throw got", repr(exc))
        return "from It.throw"
def uses_it():
    yield from It()
g4 = uses_it()
print(next(g4), g4.throw(IndexError("i")))
