# Corpus: __missing__ in dict subclasses and which dict operations consult it.
class Default(dict):
    def __init__(self, factory, *a, **kw):
        super().__init__(*a, **kw)
        self.factory = factory
        self.missing_calls = []
    def __missing__(self, key):
        self.missing_calls.append(key)
        v = self[key] = self.factory()
        return v

d = Default(list)
d["a"].append(1)
d["a"].append(2)
d["b"].append(3)
print(sorted(d.items()), d.missing_calls)
print(d.get("zzz"), "zzz" in d, d.setdefault("c", "set"), d.pop("c"), d.missing_calls)
print(sorted(d), len(d))

class Echo(dict):
    def __missing__(self, key):
        return f"<{key}>"
e = Echo(x=1)
print(e["x"], e["y"], e.get("y", "get-default"), "y" in e, len(e))
print("{x} {y} {z}".format_map(e))
print("%(x)s %(q)s" % e)

class Raises(dict):
    def __missing__(self, key):
        raise LookupError("custom missing " + repr(key))
try:
    Raises()["k"]
except LookupError as e:
    print(type(e).__name__, e)

# No __missing__: KeyError with the key
class Plain(dict):
    pass
for key in ("k", 1, (1, 2), None):
    try:
        Plain()[key]
    except KeyError as e:
        print(type(e).__name__, e, e.args)

# __missing__ on plain dict instance is not used
d2 = {}
try:
    d2.__missing__
except AttributeError as e:
    print(type(e).__name__, e)

# __missing__ defined as non-callable
class NotCallableMissing(dict):
    __missing__ = 5
try:
    NotCallableMissing()["x"]
except TypeError as e:
    print(type(e).__name__, e)

# Counting via __missing__
class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
for ch in "mississippi":
    c[ch] += 1
print(sorted(c.items()))

# __missing__ receives the exact key object and only for __getitem__
class Recorder(dict):
    seen = []
    def __missing__(self, key):
        Recorder.seen.append((type(key).__name__, key))
        return None
r = Recorder({1: "one"})
r[1]; r[2]; r[1.0]; r[True]; r["s"]; r[(1,)]
print(Recorder.seen)
r.get(3); r.pop(4, None); 5 in r; r.setdefault(6)
print(Recorder.seen, sorted(r, key=repr))

# __getitem__ override bypasses __missing__
class Override(dict):
    def __getitem__(self, key):
        return "override"
    def __missing__(self, key):
        return "missing"
print(Override()["x"], Override({"x": 1})["x"])

# dict subclass __missing__ with super().__getitem__
class Chain(dict):
    def __init__(self, parent, **kw):
        super().__init__(**kw)
        self.parent = parent
    def __missing__(self, key):
        return self.parent[key]
base = {"a": 1, "b": 2}
child = Chain(base, b=20, c=30)
print(child["a"], child["b"], child["c"])
try:
    child["zz"]
except KeyError as e:
    print(type(e).__name__, e)
# __missing__ with __class_getitem__-free generic usage
print(type(child).__mro__[1].__name__, isinstance(child, dict))
