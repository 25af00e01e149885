# Corpus: __getitem__/__setitem__/__delitem__ with ints, slices and tuples; slice objects passed through.
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
        self.log = []
    def __getitem__(self, key):
        self.log.append(("get", key))
        if isinstance(key, tuple):
            x, y = key
            if isinstance(x, slice) or isinstance(y, slice):
                xs = range(self.w)[x] if isinstance(x, slice) else [x]
                ys = range(self.h)[y] if isinstance(y, slice) else [y]
                return [[self.cells.get((i, j), ".") for i in xs] for j in ys]
            if not (0 <= x < self.w and 0 <= y < self.h):
                raise IndexError(f"cell {key} out of range")
            return self.cells.get(key, ".")
        raise TypeError(f"Grid indices must be pairs, not {type(key).__name__}")
    def __setitem__(self, key, value):
        self.log.append(("set", key, value))
        self.cells[key] = value
    def __delitem__(self, key):
        self.log.append(("del", key))
        del self.cells[key]
    def __len__(self):
        return self.w * self.h
    def __contains__(self, value):
        return value in self.cells.values()

g = Grid(3, 2)
g[0, 0] = "X"
g[2, 1] = "O"
print(g[0, 0], g[1, 1], g[2, 1], "X" in g, "Z" in g, len(g))
print(g[:, 0], g[0, :], g[::2, :], g[1:, 1])
del g[0, 0]
print(g[0, 0])
for bad in ((5, 5), "a1", 3):
    try:
        g[bad]
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
try:
    del g[9, 9]
except KeyError as e:
    print(type(e).__name__, e)
print(g.log[:4])

class Recorder:
    def __getitem__(self, key):
        return key
r = Recorder()
print(r[1], r[1:2], r[1:2:3], r[:], r[::], r[1, 2], r[1:2, ::3], r[...], r[:, ...], r["k"], r[()])
s = r[1:10:2]
print(type(s).__name__, s.start, s.stop, s.step, s.indices(5))
print(r[-1:], r[None:None:None], r[1:2,], r[::-1])

class Store:
    def __init__(self):
        self.d = {}
    def __setitem__(self, k, v):
        self.d[repr(k)] = v
s2 = Store()
s2[1:3] = "slice"
s2[::2] = "step"
s2[1, 2] = "tuple"
s2[...] = "ellipsis"
print(s2.d)
try:
    s2[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    del s2[0]
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
try:
    Recorder()[0] = 1
except TypeError as e:
    print(type(e).__name__, e)

# Subscript errors on builtins
for obj, key in ((5, 0), (None, 0), ({1}, 0), (len, 1)):
    try:
        obj[key]
    except TypeError as e:
        print(type(e).__name__, e)
for obj in ((1, 2), "ab", b"ab", range(3), frozenset()):
    try:
        obj[0] = 1
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        del obj[0]
    except TypeError as e:
        print(type(e).__name__, e)

# List subclass overriding __getitem__ affects indexing but not iteration
class Doubling(list):
    def __getitem__(self, i):
        v = super().__getitem__(i)
        return [x * 2 for x in v] if isinstance(i, slice) else v * 2
dl = Doubling([1, 2, 3])
print(dl[0], dl[1:], list(dl), [x for x in dl], dl[-1], sorted(dl))
