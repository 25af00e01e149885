# LOAD_ATTR's inline cache (vm/attr_cache.h): every site below is run often enough to be cached, then the thing
# the cache relied on changes, and the next run through the same site must see the change.
import sys
import types


def get_x(o):
    return o.x


def call_m(o):
    return o.m()


def run(label, f, *objs):
    out = []
    for o in objs:
        for _ in range(3):
            try:
                out.append(f(o))
            except AttributeError as e:
                out.append("AttributeError: " + str(e))
    print(label, out)


class A:
    def __init__(self, x):
        self.x = x

    def m(self):
        return "A.m"


a1, a2 = A(1), A(2)
run("instances", get_x, a1, a2)
del a2.x
run("deleted instance attr", get_x, a1, a2)
a2.y = 5
a2.x = 7  # now at another entry of a2's dict
run("re-added at another entry", get_x, a1, a2)
a1.__dict__ = {"x": "replaced dict"}
run("__dict__ replaced", get_x, a1, a2)


# A data descriptor added to the class after the site was cached takes precedence over the instance dict.
class B:
    pass


b = B()
b.x = "instance"
run("before property", get_x, b)
B.x = property(lambda self: "property")
run("after property", get_x, b)
del B.x
run("property deleted", get_x, b)

# A non-data descriptor (a function) on the class is shadowed by the instance dict.
run("method", call_m, a1)
a1.m = lambda: "instance lambda"
run("shadowed by the instance", call_m, a1)
del a1.m
run("unshadowed", call_m, a1)
A.m = lambda self: "A.m replaced"
run("replaced on the class", call_m, a1, A(0))


# Shadowing by a key that equals the name but is a different str object.
class C:
    def m(self):
        return "C.m"


c = C()
run("C before", call_m, c)
c.__dict__["".join(["m"])] = lambda: "non-interned key"
run("C shadowed by an equal key", call_m, c)


# __getattr__ / __getattribute__ added to a class later.
class D:
    pass


d = D()
d.x = 1
run("D plain", get_x, d)
D.__getattribute__ = lambda self, name: "getattribute " + name
run("D __getattribute__", get_x, d)
del D.__getattribute__
run("D plain again", get_x, d)
del d.x
D.__getattr__ = lambda self, name: "getattr " + name
run("D __getattr__", get_x, d)


# Polymorphic sites: more types than the cache has ways.
classes = []
for i in range(7):
    ns = {"m": (lambda i: lambda self: "M%d" % i)(i)}
    classes.append(type("K%d" % i, (), ns))
objs = []
for i, k in enumerate(classes):
    o = k()
    o.x = i
    objs.append(o)
for _ in range(3):
    print("poly", [get_x(o) for o in objs], [call_m(o) for o in objs])


# __class__ assignment.
class E:
    def m(self):
        return "E.m"


class F:
    def m(self):
        return "F.m"


e = E()
run("E", call_m, e)
e.__class__ = F
run("as F", call_m, e)

# Modules, and a module attribute that goes away.
mod = types.ModuleType("mod")
mod.x = "mod.x"
mod.m = lambda: "mod.m"
run("module", get_x, mod)
run("module method", call_m, mod)
del mod.x
run("module attr deleted", get_x, mod)
mod.__getattr__ = lambda name: "module __getattr__ " + name
run("module __getattr__", get_x, mod)
run("sys", lambda o: o.maxsize > 0, sys)


# Slots, and a class attribute read through an instance.
class G:
    __slots__ = ("x",)
    K = "class attr"

    def m(self):
        return "G.m"


g = G()
g.x = "slot"
run("slots", get_x, g)
run("slots method", call_m, g)
run("class attr", lambda o: o.K, g)
G.K = "changed"
run("class attr changed", lambda o: o.K, g)


# The method's class gains a __set__ (becoming a data descriptor) after caching.
class Desc:
    def __get__(self, obj, typ=None):
        return lambda: "Desc.__get__"


class H:
    m = Desc()


h = H()
h.__dict__["m"] = lambda: "instance m"
run("H non-data descriptor shadowed", call_m, h)
Desc.__set__ = lambda self, obj, value: None
run("H data descriptor", call_m, h)


# Builtin types and their methods.
run("list method", lambda o: o.count(1), [1, 2, 1])
run("str method", lambda o: o.upper(), "abc")
run("int attr", lambda o: o.real, 5)


# STORE_ATTR sites.
def set_x(o, v):
    o.x = v


class S:
    pass


s1, s2 = S(), S()
for i in range(3):
    set_x(s1, i)
    set_x(s2, -i)
print("stores", s1.x, s2.x, s1.__dict__, s2.__dict__)
del s1.x
set_x(s1, "re-added")
print("store after delete", s1.__dict__)
S.x = property(lambda self: "prop", lambda self, v: print("property setter got", v))
set_x(s1, "through property")
print("with property", s1.x, s1.__dict__)
del S.x
S.__setattr__ = lambda self, n, v: print("__setattr__", n, v)
set_x(s2, "through __setattr__")
print("with __setattr__", s2.__dict__)
del S.__setattr__
set_x(s2, "plain again")
print("plain again", s2.__dict__)
s2.__dict__ = {"a": 1, "x": 2}
set_x(s2, "new dict")
print("new dict", s2.__dict__)
for o in objs:
    set_x(o, "poly")
print("poly stores", [o.x for o in objs])
g2 = G()
set_x(g2, "slot store")
print("slot store", g2.x)
set_x(mod, "module store")
print("module store", mod.x)
try:
    set_x(1, 2)
except AttributeError as e:
    print("AttributeError:", e)
