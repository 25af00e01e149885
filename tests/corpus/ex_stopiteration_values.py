# Corpus: a StopIteration raised by a class's __next__ keeps its value for `yield from` and next(), while every
# consumer (for, list, zip, map, sum, unpacking, extend, ...) treats it as plain exhaustion.
class Counter:
    def __init__(self, n, payload=None):
        self.i = 0
        self.n = n
        self.payload = payload

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration(self.payload)
        self.i += 1
        return self.i


def delegate(it):
    result = yield from it
    return result


g = delegate(Counter(2, "done"))
print(list(g))
g = delegate(Counter(0, ("a", "b")))
try:
    next(g)
except StopIteration as e:
    print("value:", e.value, e.args)
try:
    next(Counter(0, "bare next"))
except StopIteration as e:
    print("next():", e.value, e.args)
print(next(Counter(0, "x"), "default"))
print(list(Counter(3)), tuple(Counter(3)), set(Counter(3)), frozenset(Counter(2)), dict.fromkeys(Counter(2)))
print(list(zip(Counter(3), Counter(2))), list(enumerate(Counter(2))), list(map(str, Counter(3))))
print(list(filter(None, Counter(3))), sorted(Counter(3), reverse=True), sum(Counter(4)), min(Counter(3)))
print(max(Counter(3)), any(Counter(3)), all(Counter(3)), 2 in Counter(3), 5 in Counter(3))
print(",".join(map(str, Counter(3))), bytes(Counter(3)), bytearray(Counter(2)), [*Counter(2)], (*Counter(2),))
for strict_args in ((Counter(3), Counter(2)), (Counter(2), Counter(3))):
    try:
        print(list(zip(*strict_args, strict=True)))
    except ValueError as e:
        print("strict:", e)
a, b = Counter(2)
print(a, b)
try:
    a, b = Counter(3)
except ValueError as e:
    print(e)
items = [0]
items.extend(Counter(2))
print(items, [x * 2 for x in Counter(3)], {x: x for x in Counter(2)}, max(Counter(0), default=-1))
total = 0
for x in Counter(4, "ignored by for"):
    total += x
print("for total:", total)


def gen_raises_stop():
    yield 1
    raise StopIteration("inside generator")


try:
    list(gen_raises_stop())
except RuntimeError as e:
    print(type(e).__name__, e, "| cause:", repr(e.__cause__))
next(Counter(0, "uncaught payload"))
