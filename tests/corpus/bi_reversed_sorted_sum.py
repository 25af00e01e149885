# Corpus: reversed(), sorted() and sum(): __reversed__/sequence protocol, key/reverse stability, start values.
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1,))), list(reversed(range(4))))
print(list(reversed({"a": 1, "b": 2})), list(reversed({"a": 1}.items())), list(reversed([])))
rv = reversed([10, 20, 30])
print(type(rv).__name__, next(rv), list(rv), list(rv))


class Custom:
    def __reversed__(self):
        return iter(["custom", "reverse"])


class SeqOnly:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        return f"item{i}"


print(list(reversed(Custom())), list(reversed(SeqOnly())))
for bad in [5, {1, 2}, iter([1]), None, (x for x in "ab")]:
    try:
        reversed(bad)
    except TypeError as e:
        print(type(e).__name__, e)


class NoneReversed:
    __reversed__ = None

    def __len__(self):
        return 1

    def __getitem__(self, i):
        return i


try:
    reversed(NoneReversed())
except TypeError as e:
    print(type(e).__name__, e)
try:
    reversed()
except TypeError as e:
    print(type(e).__name__, e)
data = [("b", 2), ("a", 2), ("c", 1), ("a", 1)]
print(sorted(data), sorted(data, key=lambda p: p[1]), sorted(data, key=lambda p: p[1], reverse=True))
print(sorted("hello"), sorted({3: "x", 1: "y"}), sorted((5, -2, 0)), sorted([]), sorted("bca", reverse=True))
print(sorted([3, 1, 2], key=None), sorted(["B", "a", "C"], key=str.lower), sorted([-3, 2, -1], key=abs))
stable = sorted([("x", 1), ("y", 1), ("z", 0)], key=lambda t: t[1], reverse=True)
print(stable)
original = [3, 1, 2]
result = sorted(original)
print(original, result, result is not original)
for args, kwargs in [(([1, "a"],), {}), ((5,), {}), (([1], None), {}), (([1],), {"cmp": 1}),
                     (([2, 1],), {"key": 5}), ((), {})]:
    try:
        sorted(*args, **kwargs)
    except TypeError as e:
        print(type(e).__name__, e)
print(sorted([0.5, -1, 3, True, 2.25]), sorted([[2, 1], [1, 9], [1, 2, 0]]), sorted([(1, "b"), (1, "a")]))


class Rec:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v > other.v

    def __repr__(self):
        return f"Rec({self.v})"


print(sorted([Rec(1), Rec(3), Rec(2)]), min([Rec(1), Rec(3)]))
print(sum([1, 2, 3]), sum([]), sum([], 10), sum(range(101)), sum([0.1] * 10), sum([1, 2], start=0.5))
print(sum([[1], [2, 3]], []), sum([(1,), (2,)], ()), sum([True, True, False]), sum([1 + 2j, 3j]))
print(sum([10**20, 1.5]), sum(x * x for x in range(5)), sum([0.1, 0.2, 0.3]), sum([1e100, 1.0, -1e100]))
print(sum([2**62, 2**62, 2**62]), sum([-5, 5.0]), type(sum([1, 2.0])).__name__, sum(iter([]), -1))
for args, kwargs in [((["a", "b"],), {}), ((["a"], ""), {}), (([b"a"], b""), {}), (([bytearray(b"a")], bytearray()), {}),
                     ((5,), {}), (([1, "x"],), {}), (([[1]],), {}), ((), {}), (([1], 2, 3), {})]:
    try:
        print(sum(*args, **kwargs))
    except TypeError as e:
        print(type(e).__name__, e)


class Vec:
    def __init__(self, *c):
        self.c = c

    def __add__(self, other):
        if other == 0:
            return self
        return Vec(*(a + b for a, b in zip(self.c, other.c)))

    __radd__ = __add__

    def __repr__(self):
        return f"Vec{self.c}"


print(sum([Vec(1, 2), Vec(3, 4)]), sum([Vec(1, 1)], Vec(5, 5)))
print(sum([float("inf"), 1.0]), sum([float("inf"), float("-inf")]), sum([-0.0, -0.0]), sum([-0.0]))
