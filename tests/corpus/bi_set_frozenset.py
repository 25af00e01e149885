# Corpus: set() and frozenset() constructors and operators on int-only sets; hashing, errors, subclasses.
print(set(), frozenset(), set([3, 1, 2, 3]), frozenset(range(5)), set(range(0)), set((1, 1, 1)))
print(set({1: "a", 2: "b"}), frozenset(x % 4 for x in range(10)), set(iter([5, 6])))
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b, a <= b, {3} <= b, {3} < b, b < b, a >= {1}, a > a)
print(a.union([7], (8,)), a.intersection(range(3), [1, 2]), a.difference([1], {2}), a.symmetric_difference([1, 9]))
print(a.isdisjoint({9}), a.isdisjoint([4]), a.issubset(range(10)), a.issuperset([1, 2]))
fs = frozenset([1, 2])
print(fs | {3}, type(fs | {3}).__name__, type({3} | fs).__name__, fs & {2}, type(fs - set()).__name__)
print(hash(frozenset()) == hash(frozenset()), hash(fs) == hash(frozenset([2, 1])), fs == {1, 2}, {fs: "key"}[frozenset({1, 2})])
print(frozenset(fs) == fs, set(fs) is not fs, frozenset(set()) == frozenset())
s = set()
s.add(1)
s.update([2, 3], {4})
s.discard(99)
s.remove(1)
print(s, s.pop() in {2, 3, 4}, len(s))
s = {1, 2, 3}
s |= {10}
s &= {1, 2, 10}
s -= {2}
s ^= {1, 20}
print(s)
for bad in [5, None, [[1]], [{1}], [{}]]:
    try:
        set(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    set([1], [2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    frozenset(x=1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    {1}.remove(2)
except KeyError as e:
    print(type(e).__name__, e)
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__, e)
try:
    {1} | [2]
except TypeError as e:
    print(type(e).__name__, e)
try:
    {1} < 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    fs.add(3)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    hash({1})
except TypeError as e:
    print(type(e).__name__, e)
print({1, 2} == frozenset([1, 2]), set() == frozenset(), {1} != {1.0}, {1, 1.0, True}, {0, False, 0.0})
print(1 in fs, 3 not in fs, 1.0 in fs, {1} in {frozenset([1])})
try:
    [1] in {1}
except TypeError as e:
    print(type(e).__name__, e)
print({frozenset([1]), frozenset([1])}, set([frozenset()]), len({(1, 2), (1, 2), (2, 1)}))


class MySet(set):
    pass


class MyFrozen(frozenset):
    pass


ms = MySet([1, 2])
print(type(ms).__name__, type(ms | {3}).__name__, type(ms.copy()).__name__, ms == {1, 2})
mf = MyFrozen([1])
print(type(mf).__name__, MyFrozen(mf) is mf, type(frozenset(mf)).__name__, sorted(mf | {0}))
print(sorted({-5, 3, -1, 100, 0}), min({4, 2, 8}), max(frozenset([4, 2, 8])), sum({1, 2, 3}))
print(set(range(100, 0, -7)) == {x for x in range(2, 101) if (100 - x) % 7 == 0}, len(set(range(1000)) - set(range(500))))
print(sorted(set("mississippi")), sorted(frozenset("hello")))
c = {1, 2, 3}
try:
    for item in c:
        c.add(item + 10)
except RuntimeError as e:
    print(type(e).__name__, e)
print({i for i in range(10)} - {j * 2 for j in range(5)}, set().union(), frozenset().union([1]))
