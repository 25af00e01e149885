# Corpus: __getattr__ is only called when normal lookup fails (AttributeError).
class Proxy:
    def __init__(self, target):
        self._target = target
        self.hits = 0

    def __getattr__(self, name):
        self.hits += 1
        if name.startswith("secret"):
            raise AttributeError(f"{type(self).__name__!r} hides {name!r}")
        return getattr(self._target, name)

p = Proxy([3, 1, 2])
p.append(0)
print(p._target, p.hits)
print(p.count(1), p.hits)
print(p.__len__ is not None if hasattr(p, "__len__") else "no __len__")
try:
    len(p)
except TypeError as e:
    print(type(e).__name__, e)
try:
    p.secret_key
except AttributeError as e:
    print(type(e).__name__, e)
try:
    p.missing
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(p, "secret", "default"), hasattr(p, "secret2"), hasattr(p, "sort"))

class Dyn:
    known = 1
    def __getattr__(self, name):
        print("getattr", name)
        if name == "computed":
            return 42
        raise AttributeError(name)

d = Dyn()
print(d.known)
print(d.computed)
d.computed = 7
print(d.computed)
try:
    d.nothing
except AttributeError as e:
    print(type(e).__name__, e)

# Property raising AttributeError falls back to __getattr__.
class Fallback:
    @property
    def value(self):
        raise AttributeError("inner")
    def __getattr__(self, name):
        return "fallback:" + name

f = Fallback()
print(f.value, f.other)

# __getattr__ raising another exception type propagates.
class Loud:
    def __getattr__(self, name):
        raise KeyError(name)

try:
    Loud().x
except KeyError as e:
    print(type(e).__name__, e)
try:
    hasattr(Loud(), "y")
except KeyError as e:
    print("hasattr propagates", type(e).__name__, e)
try:
    print(getattr(Loud(), "z", 0))
except KeyError as e:
    print("getattr default propagates", type(e).__name__, e)

# __getattr__ is looked up on the type, not instance.
class Plain:
    pass
pl = Plain()
pl.__getattr__ = lambda name: "instance hook"
try:
    pl.anything
except AttributeError as e:
    print(type(e).__name__, e)

# Dunder lookups by the interpreter bypass __getattr__.
class Wrapper:
    def __init__(self):
        self.data = {"a": 1}
    def __getattr__(self, name):
        return getattr(self.data, name)

w = Wrapper()
print(w.keys(), w.get("a"), w.get("b", 2))
try:
    w["a"]
except TypeError as e:
    print(type(e).__name__, e)
print(w.__class__.__name__, type(w.__getattr__).__name__)

# Module-style AttributeError message and name attribute
try:
    Plain().nope
except AttributeError as e:
    print(type(e).__name__, e, e.name)
try:
    (5).nope
except AttributeError as e:
    print(type(e).__name__, e)
try:
    Plain.nope
except AttributeError as e:
    print(type(e).__name__, e)
