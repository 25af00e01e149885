# Corpus: enumerate() and zip(): start values, laziness, strict mode, iterator protocol objects, errors.
print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate("ab", start=-5)))
print(list(enumerate([], 3)), list(enumerate(range(2), 10**20)), list(enumerate("x", True)))
e = enumerate(iter([10, 20, 30]))
print(type(e).__name__, iter(e) is e, next(e), list(e))
for bad in [(5,), ("ab", "x"), ("ab", 1.5), ()]:
    try:
        enumerate(*bad)
    except TypeError as err:
        print(type(err).__name__, err)
try:
    enumerate("ab", start=1, extra=2)
except TypeError as err:
    print(type(err).__name__, err)


class Idx:
    def __index__(self):
        return 7


print(list(enumerate("ab", Idx())))
print(list(zip()), list(zip("ab")), list(zip("abc", [1, 2, 3], (True, False, None))))
print(list(zip("abcd", range(2))), list(zip(range(3), "ab", strict=False)))
consumed = iter(range(10))
print(list(zip(consumed, "ab")), next(consumed))
for args in [("ab", [1]), ("a", [1, 2]), ([], [1])]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as err:
        print(type(err).__name__, err)
try:
    list(zip("abc", "ab", "abcd", strict=True))
except ValueError as err:
    print(type(err).__name__, err)
print(list(zip("ab", "cd", strict=True)))
for bad in [(1,), ("a", 2), (None,)]:
    try:
        zip(*bad)
    except TypeError as err:
        print(type(err).__name__, err)
try:
    zip("a", bogus=True)
except TypeError as err:
    print(type(err).__name__, err)
pairs = [("a", 1), ("b", 2), ("c", 3)]
letters, numbers = zip(*pairs)
print(letters, numbers)
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)), [list(r) for r in zip(*zip(*matrix))])
z = zip(range(3), range(3))
print(type(z).__name__, iter(z) is z, next(z), list(z), list(z))
log = []


class Noisy:
    def __init__(self, name, n):
        self.name, self.n = name, n

    def __iter__(self):
        return self

    def __next__(self):
        log.append(self.name)
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.name


print(list(zip(Noisy("a", 2), Noisy("b", 1))), log)
log.clear()
try:
    list(zip(Noisy("a", 2), Noisy("b", 1), strict=True))
except ValueError as err:
    print(type(err).__name__, err, log)
print(dict(enumerate("xyz")), {v: i for i, v in enumerate("xyz", 1)})
for i, (a, b) in enumerate(zip("pq", "rs"), start=100):
    print(i, a, b)


def gen():
    yield 1
    raise KeyError("gen failed")


try:
    list(enumerate(gen()))
except KeyError as err:
    print(type(err).__name__, err)
print(list(zip(*[iter(range(6))] * 2)), list(zip(*[iter("abcdefg")] * 3)))
