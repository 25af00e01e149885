# Corpus: set methods and operators with int elements (iteration order matches CPython for small ints).
s = {5, 3, 1}
s.add(4)
s.add(3)
s.update([10, 2], (7,), range(20, 23))
print(s, len(s))
s.discard(10)
s.discard(999)
s.remove(7)
print(s)
try:
    s.remove(999)
except KeyError as e:
    print(type(e).__name__, e)
p = s.pop()
print(p, s)
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__, e)
c = s.copy()
c.clear()
print(c, s, c is not s)

a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [8]), a.intersection(b, {5}), a.difference(b, [1]), a.symmetric_difference([5, 9]), a.union(), a.intersection())
print(a <= b, a < a, a <= a, {1, 2} < a, a > {1}, a >= a, a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint([9, 10]), a.isdisjoint({5}))
print(a == {5, 4, 3, 2, 1}, a != b, {1, 2} == frozenset({1, 2}), set() == frozenset())

x = {1, 2, 3}
x |= {4}
x &= {1, 2, 4, 8}
x -= {1}
x ^= {2, 16}
print(x)
x.update()
x.intersection_update([4, 16, 32], range(100))
print(x)
x.difference_update({4}, [99])
print(x)
x.symmetric_difference_update([16, 1, 3])
print(x)

# Errors
for op in (lambda: a | [1], lambda: a & (1,), lambda: a - [1], lambda: a ^ "x", lambda: a < [1], lambda: a.union(5),
           lambda: a.issubset(5), lambda: {[]}, lambda: a.add([]), lambda: set(5), lambda: set([1], [2]), lambda: a.update(1)):
    try:
        op()
    except TypeError as e:
        print(type(e).__name__, e)
try:
    a.remove([1])
except TypeError as e:
    print(type(e).__name__, e)
print(a.discard(frozenset()) if False else [1] in [a] , {1}.__contains__(1))
try:
    [] in a
except TypeError as e:
    print(type(e).__name__, e)
# set containing a set: lookup with set converts to frozenset
fs = {frozenset({1, 2}), 3}
print({1, 2} in fs, {9} in fs, 3 in fs)
fs.discard({1, 2})
print(fs)

# Modification during iteration
m = {1, 2, 3}
try:
    for v in m:
        m.add(v + 10)
except RuntimeError as e:
    print(type(e).__name__, e)
m2 = {1, 2, 3}
try:
    for v in m2:
        m2.discard(v)
except RuntimeError as e:
    print(type(e).__name__, e)

# Iteration order for ints: hash(i) == i, order depends on table size
print(set(range(10)), set(range(10, 0, -1)), {100, 1, 10}, set([64, 32, 16, 8, 0]), {-1, -2, 0, 1})
print(list({33, 1, 65}), sorted({9, -9, 3}), {True, 2, False}, set((3, 1, 3, 2, 1)))
# Comprehensions, conversions
print({i % 5 for i in range(20)}, set("aaa") == {"a"}, len(set("mississippi")), sorted(set("mississippi")))
print(set(), repr(set()), str({1}), type({1} | frozenset({2})).__name__, type(frozenset({2}) | {1}).__name__)
# Equality-based de-duplication
print({1, 1.0, True}, {0, False, 0.0, -0.0}, len({1, 2.0, 2, 3j, 3j}), {2**64, 2.0**64})
class MySet(set):
    pass
ms = MySet([3, 1])
print(type(ms | {2}).__name__, type(ms.copy()).__name__, ms, MySet() == set())
print(set.union({1}, {2}), set.__len__({1, 2}), {1, 2}.__contains__(2), {1}.__or__([2]), {1}.__sub__({1}))
