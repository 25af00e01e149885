# Corpus: dunders assigned or deleted after class creation reach subclasses; __subclasses__, __bases__ changes.
class Base:
    pass
class Mid(Base):
    pass
class Leaf(Mid):
    def __add__(self, other):
        return "Leaf.__add__"

Base.__add__ = lambda self, other: "Base.__add__"
Base.__len__ = lambda self: 3
print(Mid() + 1, Leaf() + 1, len(Mid()), len(Leaf()))
Mid.__add__ = lambda self, other: "Mid.__add__"
print(Mid() + 1, Leaf() + 1, Base() + 1)
del Mid.__add__
print(Mid() + 1)
del Base.__add__
for obj in (Base(), Mid()):
    try:
        obj + 1
    except TypeError as e:
        print(type(e).__name__, e)
print(Leaf() + 1)

# __hash__ / __eq__ toggled later
class H:
    pass
class H2(H):
    pass
h = H2()
print(hash(h) == hash(h))
H.__hash__ = None
try:
    hash(h)
except TypeError as e:
    print(type(e).__name__, e)
del H.__hash__
print(hash(h) == hash(h))
H.__eq__ = lambda self, other: True
print(h == 5, H2.__hash__ is object.__hash__)

# reflected operands: only an overriding subclass goes first
calls = []
class A:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        calls.append("A.__add__")
        return NotImplemented
    def __radd__(self, o):
        calls.append("A.__radd__")
        return "A.__radd__"
class B(A):
    pass
class C(A):
    def __radd__(self, o):
        calls.append("C.__radd__")
        return "C.__radd__"
print(A(1) + B(2), calls)
calls.clear()
print(A(1) + C(2), calls)
calls.clear()
B.__radd__ = lambda self, o: calls.append("B.__radd__ (set later)") or "B.__radd__"
print(A(1) + B(2), calls)

# __subclasses__ follows __bases__ assignment
class P1:
    pass
class P2:
    pass
class Kid(P1):
    pass
print([c.__name__ for c in P1.__subclasses__()], [c.__name__ for c in P2.__subclasses__()])
Kid.__bases__ = (P2,)
print([c.__name__ for c in P1.__subclasses__()], [c.__name__ for c in P2.__subclasses__()], Kid.__mro__[1].__name__)
P2.__iter__ = lambda self: iter([1, 2])
print(list(Kid()))

# metaclass __call__ / __new__ and a class-level __getattr__
class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["made_by"] = mcls.__name__
        return super().__new__(mcls, name, bases, ns)
    def __getattr__(cls, name):
        return f"{cls.__name__}.{name} via Meta"
class M(metaclass=Meta):
    pass
print(M.made_by, M.missing, type(M).__name__, M.__subclasses__())
Meta.__call__ = lambda cls, *a: f"called {cls.__name__}{a}"
print(M(1, 2))
