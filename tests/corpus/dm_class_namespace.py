# Corpus: class body namespace, __qualname__, __module__, __dict__, type() with 3 args, name mangling.
class Outer:
    "Outer docstring"
    attr = 1
    class Inner:
        class Deepest:
            pass
        def method(self):
            def local():
                pass
            return local
    def meth(self):
        pass
    lam = lambda self: 0

print(Outer.__name__, Outer.__qualname__, Outer.Inner.__qualname__, Outer.Inner.Deepest.__qualname__)
print(Outer.meth.__qualname__, Outer.Inner().method().__qualname__, Outer.lam.__qualname__)
print(Outer.__module__, Outer.__doc__, Outer.Inner.__doc__, type(Outer.__dict__).__name__)
print(sorted(k for k in Outer.__dict__ if not k.startswith("__")), "__dict__" in Outer.__dict__, "__weakref__" in Outer.__dict__)

def factory():
    class Local:
        pass
    return Local
print(factory().__qualname__, factory().__name__)

# Class body scope: names not visible in methods, comprehension quirk
class Scope:
    x = 10
    y = [x + i for i in range(2)] if False else None
    z = x * 2
    def get(self):
        try:
            return x
        except NameError as e:
            return "NameError: " + str(e)
print(Scope.z, Scope().get())

# type(name, bases, dict)
def init(self, v):
    self.v = v
T = type("T", (object,), {"__init__": init, "double": lambda self: self.v * 2, "k": 5, "__doc__": "made by type"})
t = T(4)
print(T.__name__, T.__qualname__, T.__module__, T.__doc__, t.double(), T.k, T.__bases__)
U = type("U", (T,), {})
print(U(3).double(), U.__mro__[1].__name__, U.__doc__)
V = type("V", (), {"__qualname__": "Custom.Qual", "__module__": "fake_mod"})
print(V.__name__, V.__qualname__, V.__module__)
try:
    type("W", (), {"__qualname__": 5})
except TypeError as e:
    print(type(e).__name__, e)

# Assigning __name__ / __qualname__
class Renamed:
    pass
Renamed.__name__ = "NewName"
Renamed.__qualname__ = "Some.NewName"
print(Renamed.__name__, Renamed.__qualname__, repr(Renamed))
for bad in (5, None):
    try:
        Renamed.__name__ = bad
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        Renamed.__qualname__ = bad
    except TypeError as e:
        print(type(e).__name__, e)
try:
    Renamed.__name__ = "bad\x00name"
except ValueError as e:
    print(type(e).__name__, e)
try:
    int.__name__ = "integer"
except TypeError as e:
    print(type(e).__name__, e)
Renamed.__doc__ = "new doc"
Renamed.__module__ = "elsewhere"
print(Renamed.__doc__, Renamed.__module__, repr(Renamed))

# Private name mangling
class Mangle:
    __secret = "s"
    def __init__(self):
        self.__hidden = 1
        self.__dunder__ = 2
    def reveal(self):
        return self.__secret, self.__hidden
print(Mangle().reveal(), sorted(Mangle().__dict__), sorted(k for k in Mangle.__dict__ if "secret" in k))
try:
    Mangle().__hidden
except AttributeError as e:
    print(type(e).__name__, e)
class _Under:
    __x = 1
class __Dunder:
    __y = 2
print([k for k in _Under.__dict__ if "x" in k], [k for k in vars(__Dunder) if "y" in k])

# __dict__ of class is read-only mappingproxy
try:
    Outer.__dict__["attr"] = 2
except TypeError as e:
    print(type(e).__name__, e)
Outer.attr = 3
print(Outer.__dict__["attr"], vars(Outer)["attr"])
try:
    Outer.__dict__ = {}
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
