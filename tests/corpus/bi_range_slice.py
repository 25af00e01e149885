# Corpus: range() and slice(): construction, indexing, slicing, len, containment, equality, indices(), errors.
r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[2], r.start, r.stop, r.step, r.count(5), r.index(11))
print(range(5), range(0), range(5, 0), list(range(5, 0, -1)), list(range(-3, 3, 2)), range(1, 2, 1))
print(r[1:4], r[::-1], r[::2], list(r[::-2]), r[10:], range(10)[-3:], range(0, 10, 3)[1::2])
print(5 in r, 6 in r, 5.0 in r, "5" in r, 10**20 in range(10**21), -1 in range(0, -10, -1))
print(range(0) == range(5, 5), range(0, 3, 2) == range(0, 4, 2), range(3) == list(range(3)), range(3) != range(4))
print(range(10**30).stop, range(10**30)[10**29], range(-(10**20), 10**20, 10**19)[-1])
print(hash(range(3)) == hash(range(0, 3, 1)), reversed(range(3)).__class__.__name__, list(reversed(range(1, 10, 4))))
for args in [(1.5,), ("a",), (1, 2, 0), (), (1, 2, 3, 4), (None,)]:
    try:
        range(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for idx in [7, -8, 10**20]:
    try:
        r[idx]
    except IndexError as e:
        print(type(e).__name__, e)
try:
    r.index(4)
except ValueError as e:
    print(type(e).__name__, e)
try:
    len(range(10**30))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    r["1"]
except TypeError as e:
    print(type(e).__name__, e)


class Idx:
    def __index__(self):
        return 4


print(range(Idx()), range(1, Idx()), r[Idx()], list(range(True, 4, True)))
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None), slice(1, None), slice("a", [1], None))
print(s.indices(5), s.indices(100), slice(None, None, -1).indices(4), slice(-3, None).indices(10), slice(-100, 100).indices(7))
print(list("abcdefghij"[s]), "abcdef"[slice(None, None, -2)], [0, 1, 2, 3][slice(-2, None)], (1, 2, 3)[slice(5)])
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), slice(1, 2, 3) < slice(1, 2, 4), hash(slice(1, 2)) == hash(slice(1, 2)))
for bad in [(1, 2, 3, 4), ()]:
    try:
        slice(*bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    slice(1, 2, 0).indices(5)
except ValueError as e:
    print(type(e).__name__, e)
try:
    [1, 2][::0]
except ValueError as e:
    print(type(e).__name__, e)
try:
    slice(1, 2).indices(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    [1, 2, 3][slice("a", 2)]
except TypeError as e:
    print(type(e).__name__, e)
try:
    slice(1).start = 5
except AttributeError as e:
    print(type(e).__name__, e)


class Recorder:
    def __getitem__(self, key):
        return key


rec = Recorder()
print(rec[1:2], rec[::], rec[:5:], rec[1:2, ::3], rec[..., 1:], rec[slice(7)])
lst = list(range(10))
lst[slice(2, 5)] = ["x"]
print(lst)
del lst[slice(None, None, 3)]
print(lst)
print(list(range(0, 100, 7))[slice(2, -2, 3)], range(5)[slice(1, 4)], range(20)[slice(Idx(), None, Idx())])
