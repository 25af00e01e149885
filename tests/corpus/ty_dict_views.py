# Corpus: dict views: keys/values/items, live updates, set operations, reversed, mapping attribute, repr.
d = {1: "one", 2: "two", 3: "three"}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, len(k), len(v), len(it))
d[4] = "four"
del d[1]
print(list(k), list(v), list(it), 2 in k, "two" in v, (2, "two") in it, (2, "x") in it, 2 in it)
print(type(k).__name__, type(v).__name__, type(it).__name__, type(iter(k)).__name__, type(iter(v)).__name__, type(iter(it)).__name__)

# Set operations on keys and items views (int keys only -> deterministic order)
a = {1: 0, 2: 0, 3: 0}.keys()
b = {2: 0, 3: 0, 4: 0}.keys()
print(a & b, a | b, a - b, a ^ b, a & {3, 9}, a | [7], a - (1,), {5, 2} - a)
print(sorted(a & b), type(a & b).__name__, a == {1, 2, 3}, a <= {1, 2, 3, 4}, a < {1, 2, 3}, a > {1}, a.isdisjoint({9}), a.isdisjoint([3]))
ia = {1: "x", 2: "y"}.items()
ib = {2: "y", 3: "z"}.items()
print(sorted(ia & ib), sorted(ia | ib), sorted(ia - ib), sorted(ia ^ ib), ia == {(1, "x"), (2, "y")}, (1, "x") in ia)
try:
    {1: []}.items() | {2: []}.items()
except TypeError as e:
    print(type(e).__name__, e)
try:
    a & 5
except TypeError as e:
    print(type(e).__name__, e)
print({1: 2}.values() == {1: 2}.values(), v == v, list(v) == list(v))
try:
    {1: 2}.values() | {3}
except TypeError as e:
    print(type(e).__name__, e)

# Views reflect mapping, and reversed() works on views
m = {"x": 1, "y": 2}
kv = m.keys()
print(kv.mapping, kv.mapping is not m, kv.mapping == m, m.values().mapping["y"], m.items().mapping["x"])
print(list(reversed(m.keys())), list(reversed(m.values())), list(reversed(m.items())))
try:
    kv.mapping["z"] = 3
except TypeError as e:
    print(type(e).__name__, e)

# Views are not subscriptable / hashable
try:
    kv[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    hash(kv)
except TypeError as e:
    print(type(e).__name__, e)

# Iterating a view while mutating -> RuntimeError
dd = {i: i for i in range(5)}
try:
    for key in dd.keys():
        dd[key + 100] = 0
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    for val in dd.values():
        dd.pop(0, None)
        dd.pop(1, None)
except RuntimeError as e:
    print(type(e).__name__, e)
dd2 = {1: 1, 2: 2}
for key, val in dd2.items():
    dd2[key] = val * 10
print(dd2)

# Unpacking and conversion
print(sorted({3: 1, 1: 2}.items(), key=lambda kv: kv[1]), dict({1: 2}.items()), set({5: 0, 6: 0}), tuple({7: 8}.values()))
(k1, v1), = {"only": 1}.items()
print(k1, v1, [*{1: 2, 3: 4}], [*{1: 2}.values()], {**{1: 2}, **{3: 4}})
print(max({1: "b", 2: "a"}, key=lambda k: {1: "b", 2: "a"}[k]), sum({1: 0, 2: 0}), sorted({5: 0, 3: 0}.keys(), reverse=True))
# keys view equality with other views and sets
print({1: 0}.keys() == {1: 1}.keys(), {1: 0}.items() == {1: 1}.items(), {1: 0}.keys() != {2: 0}.keys(), {}.keys() == set())
print(repr({}.keys()), repr({}.values()), repr({}.items()), repr({"a": [1]}.items()))
