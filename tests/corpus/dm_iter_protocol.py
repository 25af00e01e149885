# Corpus: __iter__/__next__ protocol, StopIteration, iterator exhaustion and errors.
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        print("iter called")
        return CountdownIter(self.n)

class CountdownIter:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

c = Countdown(3)
print(list(c), tuple(c), sum(c), max(c))
for x in Countdown(2):
    print("loop", x)
a, b, c2 = Countdown(3)
print(a, b, c2)
print([x * 2 for x in Countdown(3)], {x for x in Countdown(2)}, dict(zip(Countdown(2), "ab")))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"), next(it, "done"))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e), e.value)

# StopIteration with value
class ValueStop:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration(42)
try:
    next(ValueStop())
except StopIteration as e:
    print("value", e.value, e.args)
print(list(ValueStop()))

# Errors
class NoIter:
    pass
class BadIter:
    def __iter__(self):
        return 5
class IterNoNext:
    def __iter__(self):
        return self
for obj in (NoIter(), BadIter(), IterNoNext(), 5, None):
    try:
        iter(obj)
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        for _ in obj:
            pass
    except TypeError as e:
        print(type(e).__name__, e)
try:
    next([1, 2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    next(NoIter())
except TypeError as e:
    print(type(e).__name__, e)

# __iter__ = None marks non-iterable
class NotIterable:
    __iter__ = None
    def __getitem__(self, i):
        return i
try:
    iter(NotIterable())
except TypeError as e:
    print(type(e).__name__, e)

# Iterator raising other exception mid-iteration
class Faulty:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i == 3:
            raise ValueError("broken at 3")
        return self.i
out = []
try:
    for v in Faulty():
        out.append(v)
except ValueError as e:
    print(type(e).__name__, e, out)

# iter(callable, sentinel)
state = [0]
def counter():
    state[0] += 1
    return state[0]
print(list(iter(counter, 5)))
try:
    iter(5, 1)
except TypeError as e:
    print(type(e).__name__, e)

# Builtin iterators are their own iterators
for obj in ([1], (1,), "a", {1: 2}, {1}, range(1), b"a", enumerate([]), zip(), map(abs, [])):
    i = iter(obj)
    print(type(i).__name__, iter(i) is i, end="; ")
print()
# Exhausted iterator stays exhausted
li = iter([1, 2])
print(list(li), list(li), next(li, None))
# Generators
def gen():
    yield 1
    return "ret"
g = gen()
print(next(g), next(g, "exhausted"))
