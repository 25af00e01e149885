# Corpus: __slots__ with inheritance, __dict__/__weakref__ slots, conflicts and error messages.
class A:
    __slots__ = ("a",)

class B(A):
    __slots__ = ("b",)

class C(B):
    pass

b = B()
b.a, b.b = 1, 2
print(b.a, b.b, hasattr(b, "__dict__"))
try:
    b.c = 3
except AttributeError as e:
    print(type(e).__name__, e)
c = C()
c.a, c.b, c.c = 1, 2, 3
print(c.a, c.b, c.c, c.__dict__)
print(A.__slots__, B.__slots__, "__slots__" in C.__dict__)
print(type(A.__dict__["a"]).__name__, A.a.__name__, B.b.__objclass__.__name__)

# Uninitialised slot
a = A()
try:
    a.a
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del a.a
except AttributeError as e:
    print(type(e).__name__, e)
a.a = 5
del a.a
print(hasattr(a, "a"))

# Conflicts with class variables
try:
    class Bad:
        __slots__ = ("x",)
        x = 0
except ValueError as e:
    print(type(e).__name__, e)

# Invalid slot names / types
for slots in (("1abc",), (5,), ("a", "a"), ("__dict__", "__dict__")):
    try:
        type("T", (), {"__slots__": slots})
        print("created with", slots)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# Layout conflict between two bases with slots
class X:
    __slots__ = ("x",)
class Y:
    __slots__ = ("y",)
try:
    class XY(X, Y):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# Empty slots on both is fine
class E1:
    __slots__ = ()
class E2:
    __slots__ = ()
class E12(E1, E2):
    __slots__ = ()
try:
    E12().q = 1
except AttributeError as e:
    print(type(e).__name__, e)

# __dict__ in slots
class WithDict:
    __slots__ = ("fixed", "__dict__")
w = WithDict()
w.fixed = 1
w.free = 2
print(w.fixed, w.__dict__)

# Slot re-declared in subclass (allowed, shadows)
class Re(A):
    __slots__ = ("a",)
r = Re()
r.a = 9
print(r.a, A.a.__get__(r) if False else "shadow-ok")

# Slot mangling
class M:
    __slots__ = ("__priv", "pub")
    def set(self, v):
        self.__priv = v
        return self.__priv
m = M()
print(m.set(3), M.__slots__, sorted(k for k in M.__dict__ if "priv" in k))

# __slots__ as a string and as a dict
class S1:
    __slots__ = "single"
class S2:
    __slots__ = {"k1": "doc for k1", "k2": None}
s = S1(); s.single = "yes"
print(s.single, S2.k1.__doc__, S2.k2.__doc__)

# Slot descriptors work via object.__setattr__ and setattr
s2 = S2()
setattr(s2, "k1", 10)
object.__setattr__(s2, "k2", 20)
print(s2.k1, s2.k2)

# Subclassing builtins with nonempty slots
try:
    class BadInt(int):
        __slots__ = ("extra",)
except TypeError as e:
    print(type(e).__name__, e)
class OkTuple(tuple):
    __slots__ = ()
print(OkTuple((1, 2)), len(OkTuple((1, 2, 3))))
class OkList(list):
    __slots__ = ("tag",)
ol = OkList([1])
ol.tag = "t"
print(ol, ol.tag)
