# Corpus: dict methods: get/setdefault/pop/popitem/update/fromkeys/copy/clear, |, |=, ordering, errors.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, list(d), len(d), d.get("a"), d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(d.setdefault("a", 100), d.setdefault("d"), d.setdefault("e", []), d)
d["e"].append(1)
print(d.pop("d"), d.pop("zz", "dflt"), d)
try:
    d.pop("zz")
except KeyError as e:
    print(type(e).__name__, e)
print(d.popitem(), d.popitem(), d)
try:
    {}.popitem()
except KeyError as e:
    print(type(e).__name__, e)
d.update({"x": 1}, y=2)
d.update([("z", 3), ["w", 4]])
d.update(k=5)
d.update()
print(d)
for bad in ([1], [(1, 2, 3)], 5, ["ab", "cde"]):
    try:
        d.update(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    d.update({}, {})
except TypeError as e:
    print(type(e).__name__, e)

# fromkeys
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys(range(3), []), dict.fromkeys(()))
shared = dict.fromkeys(["p", "q"], [])
shared["p"].append(1)
print(shared)
class MyDict(dict):
    pass
print(type(MyDict.fromkeys("ab")).__name__, MyDict.fromkeys("ab", 1))
try:
    dict.fromkeys(5)
except TypeError as e:
    print(type(e).__name__, e)

# Constructor forms
print(dict(), dict(a=1), dict([("a", 1), ("b", 2)]), dict({"a": 1}, b=2), dict(zip("xy", (1, 2))), dict([("k", 1), ("k", 2)]))
for bad in ([("a",)], [1, 2], "ab", [("a", 1, 2)]):
    try:
        dict(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    dict({}, {})
except TypeError as e:
    print(type(e).__name__, e)

# Merge operators
x = {"a": 1, "b": 2}
y = {"b": 3, "c": 4}
print(x | y, y | x, x, {} | x)
x |= y
print(x)
x |= [("d", 5)]
print(x)
try:
    x | [("e", 6)]
except TypeError as e:
    print(type(e).__name__, e)
try:
    x | 1
except TypeError as e:
    print(type(e).__name__, e)

# copy / clear / equality
c = x.copy()
c["a"] = "changed"
print(x["a"], c["a"], c == x, {1: 2} == {1: 2.0}, {1: 2, 3: 4} == {3: 4, 1: 2}, {} == dict())
c.clear()
print(c, len(c))

# KeyError messages
for key in ("missing", 0, (1, 2), None, ""):
    try:
        {}[key]
    except KeyError as e:
        print(type(e).__name__, e, repr(e.args[0]))
try:
    del d["nope"]
except KeyError as e:
    print(type(e).__name__, e)

# Ordering: insertion order, deletion then re-insertion moves to end, value update keeps position
o = {}
for k in "hello world":
    o[k] = o.get(k, 0) + 1
print(o)
del o["h"]
o["h"] = 0
o["e"] = 99
print(list(o), list(o.values()))
print(list(reversed(o)), next(iter(o)), {k: v for k, v in sorted(o.items()) if v > 1})
# Keys of different but equal numeric types collapse
print({1: "int", 1.0: "float", True: "bool"}, {0: "a", -0.0: "b", False: "c"}, {2**64: 1, float(2**64): 2})
# Methods on dict class
print(dict.get(d, "x"), dict.__contains__(d, "y"), dict.__len__(d), dict.__getitem__(d, "z"), d.__class__.__name__)
try:
    d.get()
except TypeError as e:
    print(type(e).__name__, e)
try:
    d.setdefault()
except TypeError as e:
    print(type(e).__name__, e)
