# Corpus: object and type: construction, attributes, __mro__, mro(), __subclasses__, __bases__, dir-free introspection.
o = object()
print(type(o).__name__, isinstance(o, object), o == o, o != object(), hasattr(o, "__dict__"), type(o).__bases__)
for args, kw in (((1,), {}), ((), {"x": 1})):
    try:
        object(*args, **kw)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    o.attr = 1
except AttributeError as e:
    print(type(e).__name__, e)
print(object.__name__, object.__qualname__, object.__module__, object.__doc__[:30], object.__base__, object.__mro__)
print(type.__name__, type(type).__name__, type(object).__name__, type.__base__, type.__mro__, isinstance(type, type), isinstance(object, type))
print(type(1), type("s"), type(None), type(type(None)), type(len), type(lambda: 0).__name__, type([].append).__name__)

# type() with one argument vs three
class A:
    pass
class B(A):
    pass
class C(A):
    pass
class D(B, C):
    pass
print(type(D()) is D, type(D) is type, D.__mro__, D.mro(), D.__bases__, D.__base__)
print(A.__subclasses__(), B.__subclasses__(), D.__subclasses__(), [c.__name__ for c in bool.__subclasses__()])
Dyn = type("Dyn", (A,), {"x": 1, "f": lambda self: self.x + 1})
print(Dyn.__name__, Dyn.__qualname__, Dyn().f(), Dyn.__bases__, A.__subclasses__())
print(type("E", (), {}).__mro__, type("F", (object,), {}).__bases__)
try:
    type("G", (A,), {}, extra=1)
except TypeError as e:
    print(type(e).__name__, e)

# __name__ / __qualname__ / __module__ / __doc__ assignment on classes
class Named:
    "doc"
Named.__name__ = "Renamed"
Named.__qualname__ = "Outer.Renamed"
print(Named.__name__, Named.__qualname__, Named, Named.__doc__)
for attr, val in (("__name__", 1), ("__qualname__", None), ("__bases__", [A]), ("__mro__", ())):
    try:
        setattr(Named, attr, val)
    except (TypeError, AttributeError) as e:
        print(attr, type(e).__name__, e)
try:
    object.__name__ = "x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    del Named.__name__
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)

# mro() and __mro__ consistency, type.__subclasses__ with deletion-free determinism
print(type.mro(D) == list(D.__mro__), int.mro(), object.mro(), bool.mro())
print(issubclass(type, object), issubclass(object, type), type.__instancecheck__(type, type), type.__subclasscheck__(object, int))

# object methods
print(object.__eq__(o, o), object.__eq__(o, 1), object.__ne__(o, 1), object.__lt__(o, o), object.__hash__(o) == hash(o))
a1, a2 = A(), A()  # both alive: distinct addresses, whatever the allocator reuses
print(object.__str__(a1) == object.__repr__(a2), object.__str__(a1) == object.__repr__(a1), object.__format__(1, ""), object.__sizeof__(o) > 0, object.__reduce_ex__ is not None)
print(o.__class__ is object, A().__class__.__name__, type(A().__class__).__name__, object.__init__(o), object.__new__(A).__class__.__name__)
try:
    object.__init__(o, 1)
except TypeError as e:
    print(type(e).__name__, e)
print(A.__init__ is object.__init__, A.__new__ is object.__new__, A.__repr__ is object.__repr__, A.__dict__.get("__init__"))
print(sorted(k for k in vars(A) if not k.startswith("__")), "__module__" in vars(A), "__dict__" in vars(A), "__doc__" in vars(A), A.__doc__)

# __class__ assignment between compatible classes
class P:
    def who(self):
        return "P"
class Q:
    def who(self):
        return "Q"
p = P()
p.__class__ = Q
print(p.who(), type(p).__name__, isinstance(p, P))
try:
    p.__class__ = int
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1).__class__ = bool
except TypeError as e:
    print(type(e).__name__, e)
# vars() / __dict__ errors
print(vars(p), vars(A)["__module__"])
try:
    vars(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    vars()
    print("vars() ok")
except TypeError as e:
    print(type(e).__name__, e)
