# Corpus: __slots__ (members, mangling, conflicts, __dict__ in slots, subclasses) and instance __dict__.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x)
try:
    p.y
except AttributeError as e:
    print(e)
try:
    p.z = 3
except AttributeError as e:
    print(e)
class Q(P):
    __slots__ = ["__w"]
    def set(self): self.__w = 5; return self.__w
q = Q(2)
print(q.set(), Q.__slots__, hasattr(q, "__dict__"), P.x)
class R(P):
    pass
r = R(3); r.z = 4; print(r.z, r.__dict__)
try:
    class S:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print(e)
class T:
    __slots__ = "only"
t = T(); t.only = 1; print(t.only)
del t.only
try:
    del t.only
except AttributeError as e:
    print(e)
class D:
    __slots__ = ("__dict__", "v")
d = D(); d.v = 1; d.other = 2; print(d.__dict__)
try:
    class I(int):
        __slots__ = ("a",)
except TypeError as e:
    print(e)
