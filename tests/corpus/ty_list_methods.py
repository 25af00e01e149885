# Corpus: list methods (append/extend/insert/remove/pop/clear/index/count/copy/reverse) and their errors.
l = [5, 3, 8]
l.append(1)
l.extend([9, 7])
l.extend("ab")
l.extend(range(2))
l.extend((x for x in [42]))
l.insert(0, "first")
l.insert(-1, "penult")
l.insert(100, "last")
l.insert(-100, "veryfirst")
print(l, len(l))
print(l.pop(), l.pop(0), l.pop(-2), l.pop(3), l)
l.remove("a")
l.remove(1)
print(l, l.index(5), l.index(0), l.index(9, 2), l.index(7, -6, -1), l.count(0), l.count("zz"))
for op in (lambda: l.remove("zz"), lambda: l.index("zz"), lambda: l.index(5, 3), lambda: [].pop(), lambda: l.pop(50),
           lambda: l.pop("0"), lambda: l.insert("0", 1), lambda: l.extend(5), lambda: l.append(), lambda: l.append(1, 2),
           lambda: l.count(), lambda: l.index()):
    try:
        op()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)

c = l.copy()
c.reverse()
print(c, l, c is l, c[0] is l[-1])
c.clear()
print(c, l[:2])
nested = [[1], [2]]
shallow = nested.copy()
shallow[0].append(99)
print(nested, shallow, nested == shallow)

# Equality-based methods use == (and identity first)
class Eq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Eq) and self.v % 10 == other.v % 10
    def __repr__(self):
        return f"Eq({self.v})"
objs = [Eq(1), Eq(12), Eq(21)]
print(objs.count(Eq(11)), objs.index(Eq(2)), Eq(31) in objs)
objs.remove(Eq(41))
print(objs)
nan = float("nan")
nl = [nan, 1]
print(nl.count(nan), nl.index(nan), nan in nl, nl.count(float("nan")))

# list() constructor and operators
print(list(), list("abc"), list((1, 2)), list({3: 4}), list(range(3)), list(map(str, [1, 2])), [1, 2] + [3], [0] * 3, 3 * [1, 2], [1] * -1)
try:
    list(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    [1] + (2,)
except TypeError as e:
    print(type(e).__name__, e)
try:
    [1] * 1.0
except TypeError as e:
    print(type(e).__name__, e)
grid = [[0] * 2] * 2
grid[0][0] = 1
print(grid)
x = [1, 2]
x += "cd"
x *= 2
print(x)

# Comparisons
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0], [2] > [1, 9], [1, [2]] == [1, [2]], [1, 2] != [1, 2.0])
try:
    [1] < ["a"]
except TypeError as e:
    print(type(e).__name__, e)

# Mutation while iterating (defined behaviour for lists)
items = [1, 2, 3, 4]
for v in items:
    if v == 2:
        items.remove(v)
print(items)
items = [1, 2, 3]
out = []
for v in items:
    out.append(v)
    if len(items) < 6:
        items.append(v * 10)
print(out, items)
# del statements
d = list(range(10))
del d[1]
del d[-2:]
del d[::3]
print(d)
try:
    del d[20]
except IndexError as e:
    print(type(e).__name__, e)
print([].__class__.__name__, [1, 2].__len__(), [3].__contains__(3), [1, 2].__getitem__(-1), [1].__add__([2]), [1, 2].__reversed__().__next__())
