# Corpus: tuple: construction, indexing, slicing, count/index, comparison, hashing, concatenation, errors.
t = (3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5)
print(len(t), t[0], t[-1], t[2:5], t[::3], t[::-1], t[-3:], t[100:], t.count(5), t.count(7), t.index(5), t.index(5, 5), t.index(1, -9, -6))
for args in ((7,), (5, 0, 4), (3, 100)):
    try:
        t.index(*args)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    t[11]
except IndexError as e:
    print(type(e).__name__, e)
try:
    t["a"]
except TypeError as e:
    print(type(e).__name__, e)
try:
    t[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    t.append(1)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    t.count()
except TypeError as e:
    print(type(e).__name__, e)

print(tuple(), tuple([1, 2]), tuple("ab"), tuple({1: 2}), tuple(range(3)), tuple(x * x for x in range(4)), (1,), (), ((),))
try:
    tuple(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    tuple([1], [2])
except TypeError as e:
    print(type(e).__name__, e)
print((1, 2) + (3,), (1,) * 3, 2 * (0, 1), () * 5, (1, 2) * -1, (1, 2) * 0)
for bad in ([3], "x", 1):
    try:
        (1, 2) + bad
    except TypeError as e:
        print(type(e).__name__, e)
try:
    (1,) * (1,)
except TypeError as e:
    print(type(e).__name__, e)

# Comparisons are lexicographic
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), () < (0,), (2,) > (1, 9), (1, 2) == (1, 2), (1, 2) != (2, 1), (1, "a") < (1, "b"))
print((1, 2.0) == (1, 2), (0, float("nan")) == (0, float("nan")), max([(1, 2), (1, 3), (0, 9)]), sorted([(2, "b"), (1, "z"), (2, "a")]))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print(type(e).__name__, e)

# Hashing
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()), hash((1, (2, 3))) == hash((1, (2, 3))), {(1, 2): "a"}[(1, 2)])
try:
    hash((1, [2]))
except TypeError as e:
    print(type(e).__name__, e)
print(hash((1, 2)) != hash((2, 1)), hash((-1,)) != hash((-2,)))

# Tuples holding mutable items
m = ([1], {"k": 0})
m[0].append(2)
m[1]["k"] += 1
print(m)
try:
    m[0] += [3]
except TypeError as e:
    print(type(e).__name__, e, m)

# Packing / unpacking
a, *rest = t
*init, last = t
x, (y, z) = 1, (2, 3)
print(a, rest[:3], init[-2:], last, x, y, z)
try:
    p, q = (1, 2, 3)
except ValueError as e:
    print(type(e).__name__, e)
try:
    p, q, r, s = (1, 2)
except ValueError as e:
    print(type(e).__name__, e)
try:
    a1, *b1, c1 = (1,)
except ValueError as e:
    print(type(e).__name__, e)

# repr of nested / recursive-like structures
print(repr((1,)), repr(((1, 2), [3], {4: (5,)})), str(("a", 'b"c', "d'e")), repr(tuple("xy")))
# tuple subclass
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    def __repr__(self):
        return f"Point{tuple(self)}"
p = Point(3, 4)
print(p, p.x, p[1], len(p), p + (5,), type(p + (5,)).__name__, p == (3, 4), isinstance(p, tuple), p[:1], type(p[:1]).__name__)
print(tuple(p) is not p, (1, 2).__getitem__(0), (1, 2).__len__(), (1, 2).__contains__(2), (1,).__add__((2,)), (1,).__mul__(2))
print(t.__class__.__name__, (1, 2, 3)[::-2], (1, 2, 3)[5:1:-1], (1, 2, 3)[-5:5], list(reversed((1, 2, 3))), 2 in (1, 2), 4 not in (1, 2))
