# Corpus: __getattribute__ intercepts every attribute access; object.__getattribute__ and __getattr__ fallback.
class Tracing:
    def __init__(self):
        self.a = 1
        self.b = 2

    def __getattribute__(self, name):
        if not name.startswith("__"):
            object.__getattribute__(self, "log").append(name)
        return object.__getattribute__(self, name)

    def method(self):
        return self.a + self.b

t = Tracing.__new__(Tracing)
object.__setattr__(t, "log", [])
t.__init__()
print(t.a, t.b, t.method())
print(object.__getattribute__(t, "log"))

class Upper:
    def __getattribute__(self, name):
        if name.isupper():
            return name.lower() * 2
        return super().__getattribute__(name)
    def __getattr__(self, name):
        return "missing:" + name
    x = 10

u = Upper()
print(u.ABC, u.x, u.zzz)

# AttributeError in __getattribute__ triggers __getattr__.
class Both:
    def __getattribute__(self, name):
        if name == "special":
            raise AttributeError("no special")
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "getattr(" + name + ")"
    special = "class-value"
    normal = "normal-value"

bo = Both()
print(bo.special, bo.normal, bo.absent)

# Other exceptions from __getattribute__ propagate.
class Exploding:
    def __getattribute__(self, name):
        raise RuntimeError("boom " + name)
    def __getattr__(self, name):
        return "never"
try:
    Exploding().foo
except RuntimeError as e:
    print(type(e).__name__, e)
print(type(Exploding()).__name__)

# Implicit special-method lookup bypasses __getattribute__.
class Implicit:
    def __getattribute__(self, name):
        print("intercepted", name)
        return object.__getattribute__(self, name)
    def __len__(self):
        return 3
    def __repr__(self):
        return "Implicit()"

im = Implicit()
print(len(im))
print(repr(im))
print(im.__len__())

# Returning constants for everything
class Everything:
    def __getattribute__(self, name):
        return 7
e = Everything()
print(e.foo, e.bar, e.__dict__, e.__class__)
print(type(e).__name__)

# object.__getattribute__ with bad argument types
try:
    object.__getattribute__(t, 5)
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    object.__getattribute__(t, "nope")
except AttributeError as ex:
    print(type(ex).__name__, ex)
try:
    getattr(t, 3)
except TypeError as ex:
    print(type(ex).__name__, ex)

# Inheritance of __getattribute__
class Base:
    def __getattribute__(self, name):
        v = object.__getattribute__(self, name)
        if isinstance(v, int):
            return v * 100
        return v
class Child(Base):
    n = 2
    s = "s"
c = Child()
print(c.n, c.s, Child.n)
