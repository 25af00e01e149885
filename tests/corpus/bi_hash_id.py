# Corpus: hash() of ints/floats/tuples/frozensets/None/bool, __hash__ overrides, unhashables; id() comparisons.
for v in [0, 1, -1, -2, 2**61 - 2, 2**61 - 1, 2**61, 2**64, -(2**61), 10**30, -(10**30), True, False]:
    print(v, hash(v))
for v in [0.0, -0.0, 1.0, 1.5, -1.5, 0.1, 1e100, 2.0**61, 1e-300, float("inf"), float("-inf"), 123.456]:
    print(v, hash(v))
nan = float("nan")
print(hash(nan) == hash(nan), hash(1) == hash(1.0) == hash(True), hash(2**61 - 1) == hash(0))
print(hash(()), hash((1,)), hash((1, 2)), hash((1, (2, 3))), hash((-1,)), hash((0.5, True, None is None)))
print(hash(frozenset()), hash(frozenset([1])) == hash(frozenset([1])), hash(1 + 0j) == hash(1), hash(2j))
print(hash(None) == hash(None), type(hash(None)).__name__, hash(range(3)) == hash(range(3)))
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) != hash((2, 1)), hash(slice(1, 2)) == hash(slice(1, 2)))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))


print(hash(Point(1, 2)) == hash((1, 2)), len({Point(1, 2), Point(1, 2), Point(2, 1)}))


class EqOnly:
    def __eq__(self, other):
        return True


class HashNone:
    __hash__ = None


class BigHash:
    def __hash__(self):
        return 2**100


class NegOne:
    def __hash__(self):
        return -1


class BadHash:
    def __hash__(self):
        return "h"


class FloatHash:
    def __hash__(self):
        return 1.5


print(EqOnly.__hash__ is None, hash(BigHash()) == hash(2**100), hash(NegOne()))
for obj in [EqOnly(), HashNone(), [1], {1: 2}, {1}, bytearray(b"x"), (1, [2]), BadHash(), FloatHash()]:
    try:
        hash(obj)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    hash()
except TypeError as e:
    print(type(e).__name__, e)
try:
    hash(1, 2)
except TypeError as e:
    print(type(e).__name__, e)


class Child(Point):
    def __eq__(self, other):
        return False


print(Child.__hash__ is None, Point.__hash__ is not None)


class IntSub(int):
    pass


print(hash(IntSub(7)) == hash(7), hash(-1) == hash(-2))
a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), id(a) != id(c), type(id(a)).__name__, id(a) >= 0)
print(id(None) == id(None), id(True) == id(1 == 1), id(len) == id(len))


class Obj:
    pass


o1, o2 = Obj(), Obj()
print(id(o1) == id(o1), id(o1) != id(o2), (o1 is o2) == (id(o1) == id(o2)))
try:
    id()
except TypeError as e:
    print(type(e).__name__, e)
keys = {(i, i % 3): i for i in range(6)}
print(keys[(4, 1)], (5, 2) in keys, sorted(keys.values()))
print(hash(0.5) == hash(1 / 2), hash(10**400 // 10**390) == hash(10**10), hash(2**61 + 5) == hash(5))
