# Corpus: dict methods: get, keys/values/items, update, setdefault, pop, popitem, copy.
d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["b"])
print(d.get("a"), d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
d.update({"b": 20, "d": 4})
d.update(e=5)
d.update([("f", 6)])
print(d)
print(d.setdefault("a", 100), d.setdefault("g", 7), d)
print(d.pop("a"), d.pop("missing", "default"), d)
print(d.popitem(), d)
del d["b"]
print(d)
c = d.copy()
c["new"] = 0
print(d, c, d == c)
c.clear()
print(c, len(c), bool(c))
print(dict(a=1, b=2), dict([(1, "x"), (2, "y")]), dict(zip("abc", range(3))), dict())
print(dict({"x": 0}, y=0), dict(d))
inv = {v: k for k, v in {"one": 1, "two": 2, "three": 3}.items()}
print(inv, inv[2])
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
groups = {}
for w in ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]:
    groups.setdefault(w[0], []).append(w)
print(groups)
for k in sorted(groups):
    print(k, len(groups[k]), ",".join(groups[k]))
merged = {**{"x": 1, "y": 2}, **{"y": 3, "z": 4}}
print(merged, {"a": 1} | {"b": 2})
nested = {"outer": {"inner": {"leaf": 42}}}
print(nested["outer"]["inner"]["leaf"], nested.get("outer").get("inner"))
print({1: "int", 1.0: "float"}, {True: "t", 1: "one"}, {(1, 2): "tuple"})
print({"a": 1, "b": 2} == {"b": 2, "a": 1}, {"a": 1} != {"a": 2})
keys = list(d)
for k in keys:
    d[k] *= 10
print(d, sorted(d.values()), max(d, key=lambda k: d[k]))
