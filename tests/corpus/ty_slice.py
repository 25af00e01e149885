# Corpus: slice objects: attributes, indices(), equality/hash, repr, use with builtins and custom classes.
s = slice(1, 10, 2)
print(s, repr(s), s.start, s.stop, s.step, slice(5), slice(5).start, slice(None), slice(1, 2), slice(None, None, -1))
print(s.indices(5), s.indices(20), slice(None).indices(3), slice(-3, None).indices(10), slice(None, None, -1).indices(4))
print(slice(-100, 100).indices(5), slice(100, -100, -1).indices(5), slice(2, 2).indices(0), slice(None, None, 3).indices(10))
print(slice(0, 10**20, 10**19).indices(10**21), slice(-2**70, None).indices(7))
for args in ((0,), (-1,), ("5",), (1.5,)):
    try:
        s.indices(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    slice(None, None, 0).indices(5)
except ValueError as e:
    print(type(e).__name__, e)
try:
    slice("a", "b").indices(3)
except TypeError as e:
    print(type(e).__name__, e)
try:
    s.indices()
except TypeError as e:
    print(type(e).__name__, e)

# Arbitrary objects allowed as attributes
o = slice("a", [1], {"k": 2})
print(o, o.start, o.stop, o.step)
try:
    s.start = 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    slice()
except TypeError as e:
    print(type(e).__name__, e)
try:
    slice(1, 2, 3, 4)
except TypeError as e:
    print(type(e).__name__, e)
try:
    slice(stop=3)
except TypeError as e:
    print(type(e).__name__, e)

# Equality and hashing (3.12+: slices are hashable)
print(slice(1, 2) == slice(1, 2, None), slice(1, 2) == slice(1, 2, 1), slice(1, 2) < slice(1, 3), slice(0, 5) > slice(0, 4, 1))
print(hash(slice(1, 2)) == hash(slice(1, 2)), {slice(1, 2): "x"}[slice(1, 2)])
try:
    hash(slice([], 1))
except TypeError as e:
    print(type(e).__name__, e)

# Using slice objects with sequences
data = list(range(10))
text = "abcdefghij"
for sl in (slice(2, 5), slice(None, None, 3), slice(-3, None), slice(8, 2, -2), slice(None, None, -1), slice(100, None)):
    print(sl, data[sl], text[sl], tuple(data)[sl], bytes(data)[sl], range(10)[sl])
data[slice(0, 3)] = ["x"]
del data[slice(None, None, 4)]
print(data)

# Custom __getitem__ receives slice objects; indices() used to materialize
class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, key):
        if isinstance(key, slice):
            return [i * 10 for i in range(*key.indices(self.n))]
        if key < 0:
            key += self.n
        if not 0 <= key < self.n:
            raise IndexError("Seq index out of range")
        return key * 10
q = Seq(6)
print(q[1:4], q[::-2], q[-2:], q[::], q[5:1:-1], q[-1], q[0])
# slice with __index__ objects
class I:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
print(text[I(1):I(7):I(2)], slice(I(1), I(3)).indices(10))
try:
    text[slice(1.5, 3)]
except TypeError as e:
    print(type(e).__name__, e)
print(type(s).__name__, slice.__name__, isinstance(s, slice), s == s, s is not slice(1, 10, 2))
