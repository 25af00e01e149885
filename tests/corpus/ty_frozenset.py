# Corpus: frozenset: immutability, hashing, operators with set, mixed-type results, errors.
f = frozenset([3, 1, 2, 3])
print(f, len(f), 2 in f, 9 in f, frozenset(), frozenset(range(5)), frozenset("aa"), frozenset(f) is f)
print(f | {4}, f & {1, 9}, f - {1}, f ^ {3, 4}, f.union([7]), f.intersection(range(2, 9)), f.difference([1], [2]), f.symmetric_difference({1}))
print(type(f | {4}).__name__, type({4} | f).__name__, type(f.union({4})).__name__, type(f.copy()).__name__, f.copy() is f)
print(f <= {1, 2, 3}, f < {1, 2, 3, 4}, f == {1, 2, 3}, {1, 2, 3} == f, f.issubset([1, 2, 3, 4]), f.issuperset({1}), f.isdisjoint(()))
for name in ("add", "remove", "discard", "pop", "clear", "update"):
    print(name, hasattr(f, name))
try:
    f.add(4)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    f |= {9}
    print("rebound", f)
except TypeError as e:
    print(type(e).__name__, e)
g = f
g -= {9, 1}
print(g, f, g is f)

# Hashing: frozensets are hashable, equal sets hash equal regardless of construction order
h1 = hash(frozenset([1, 2, 3]))
h2 = hash(frozenset([3, 2, 1]))
print(h1 == h2, hash(frozenset()) == hash(frozenset()), hash(frozenset({1})) == hash(frozenset({1.0})))
d = {frozenset({1, 2}): "pair", frozenset(): "empty"}
print(d[frozenset([2, 1])], d[frozenset()], {1, 2} in {frozenset({1, 2})}, frozenset({1, 2}) in {frozenset({2, 1})})
try:
    hash({1})
except TypeError as e:
    print(type(e).__name__, e)
try:
    frozenset([[1]])
except TypeError as e:
    print(type(e).__name__, e)
try:
    frozenset(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    frozenset([1], [2])
except TypeError as e:
    print(type(e).__name__, e)

# Nested frozensets (power set)
def powerset(items):
    result = {frozenset()}
    for x in items:
        result |= {s | {x} for s in result}
    return result
ps = powerset([1, 2, 3])
print(len(ps), sorted(sorted(s) for s in ps), frozenset({1}) in ps)
print(sorted(len(s) for s in powerset(range(4))))

# Comparisons and ordering between set and frozenset
print(sorted([frozenset({1, 2}), frozenset({1}), frozenset()], key=len), max(frozenset({5, 9, 1})), min(frozenset({-3, 4})))
print(frozenset({1}) < frozenset({1, 2}), frozenset({1, 2}) > {1}, frozenset({1}) != {1}, {frozenset({1}): 1} == {frozenset([1]): 1})
try:
    frozenset() < [1]
except TypeError as e:
    print(type(e).__name__, e)

# Subclass of frozenset
class Tags(frozenset):
    def __new__(cls, *items):
        return super().__new__(cls, items)
    def __repr__(self):
        return "Tags(" + ", ".join(map(str, sorted(self))) + ")"
t = Tags(3, 1, 2)
print(t, len(t), type(t | {4}).__name__, t == {1, 2, 3}, hash(t) == hash(frozenset({1, 2, 3})), isinstance(t, frozenset))
print(sorted(t), list(frozenset(range(3))), frozenset({10, 2, 33}), frozenset({1: "a", 2: "b"}))
print(frozenset.__name__, frozenset({1}).__class__.__name__, repr(frozenset({1, 2})), str(frozenset([4])))
# Order-independent equality of frozensets built from ints added in different orders
print(frozenset([8, 16, 24, 32]) == frozenset([32, 24, 16, 8]), list(frozenset([8, 16, 24, 32])), list(frozenset([32, 24, 16, 8])))
