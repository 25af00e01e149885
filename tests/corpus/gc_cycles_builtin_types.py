# Reference cycles through the runtime's own types are found and freed by gc.collect(): functions and their
# closures, bound methods, exceptions with their tracebacks and frames, generators and coroutines, descriptors,
# modules and containers from collections and functools.
import gc, weakref, functools, collections, sys, types

class O: pass

def check(name, make):
    r = make()
    gc.collect()
    print(name, "collected" if r() is None else "LEAKED")

def closure():
    def f(): return f
    return weakref.ref(f)
check("recursive closure", closure)

def exc():
    o = O()
    def g():
        x = o
        try: 1/0
        except Exception as e: return e
    o.e = g()
    return weakref.ref(o)
check("exception traceback frame", exc)

def exc_saved():
    o = O()
    try:
        raise ValueError(o)
    except ValueError as e:
        err = e          # the classic cycle: the frame's locals hold the exception that holds the frame
    o.err = err
    return weakref.ref(o)
check("saved exception", exc_saved)

def gen():
    o = O()
    def g(x):
        yield x
    o.g = g(o)
    next(o.g)
    return weakref.ref(o)
check("suspended generator", gen)

def gen_unstarted():
    o = O()
    def g(x):
        yield x
    o.g = g(o)
    return weakref.ref(o)
check("unstarted generator", gen_unstarted)

log = []
def gen_finally():
    o = O()
    def g(x):
        try:
            yield x
        finally:
            log.append("finally ran, x alive: %s" % (type(x).__name__))
    o.g = g(o)
    next(o.g)
    return weakref.ref(o)
check("generator finally", gen_finally)
print(log)

def coro():
    o = O()
    async def c(x):
        return x
    o.c = c(o)
    r = weakref.ref(o)
    o.c.close()
    return r
check("coroutine", coro)

def bm():
    class C:
        def m(self): pass
    c = C(); c.cb = c.m
    return weakref.ref(c)
check("bound method", bm)

def dq():
    o = O(); o.d = collections.deque([o]); return weakref.ref(o)
check("deque", dq)

def dq_self():
    d = collections.deque(); d.append(d)
    class Box: pass
    b = Box(); b.d = d; d.append(b)
    return weakref.ref(b)
check("deque holding itself", dq_self)

def od():
    o = O(); o.d = collections.OrderedDict(a=o); return weakref.ref(o)
check("OrderedDict", od)

def dd():
    o = O(); o.d = collections.defaultdict(list, a=o); return weakref.ref(o)
check("defaultdict", dd)

def dd_factory():
    o = O(); o.d = collections.defaultdict(lambda: o); return weakref.ref(o)
check("defaultdict factory", dd_factory)

def pt():
    o = O(); o.p = functools.partial(print, o); return weakref.ref(o)
check("partial", pt)

def pt_dict():
    class P(functools.partial): pass
    o = O(); p = P(print); p.o = o; o.p = p; p2 = functools.partial(print); p2.o = o; o.p2 = p2
    return weakref.ref(o)
check("partial dicts", pt_dict)

def prop():
    o = O(); o.p = property(lambda s: o); return weakref.ref(o)
check("property", prop)

def sm():
    o = O(); o.s = staticmethod(o); o.c = classmethod(o); return weakref.ref(o)
check("static/classmethod", sm)

def mod():
    m = types.ModuleType("m"); m.m = m; return weakref.ref(m)
check("module", mod)

def ns():
    o = O(); o.ns = types.SimpleNamespace(o=o); return weakref.ref(o)
check("SimpleNamespace", ns)

def cell_fn():
    o = O()
    def f(): return o
    o.f = f
    return weakref.ref(o)
check("function closure over instance", cell_fn)

def defaults():
    o = O()
    def f(x=o): pass
    o.f = f
    return weakref.ref(o)
check("function defaults", defaults)

def fattr():
    o = O()
    def f(): pass
    f.o = o; o.f = f
    return weakref.ref(o)
check("function attribute", fattr)

def lru():
    o = O()
    @functools.lru_cache
    def f(x): return o
    o.f = f
    return weakref.ref(o)
check("lru_cache", lru)

def frame():
    o = O()
    o.f = sys._getframe()
    return weakref.ref(o)
check("frame", frame)

def sup():
    class C:
        def m(self): return super()
    c = C(); c.s = c.m(); return weakref.ref(c)
check("super", sup)

def exc_args():
    o = O(); e = ValueError(o); o.e = e; return weakref.ref(o)
check("exception args", exc_args)

def exc_chain():
    o = O()
    try:
        try:
            raise KeyError(o)
        except KeyError:
            raise ValueError("outer")
    except ValueError as e:
        o.e = e
    return weakref.ref(o)
check("exception context", exc_chain)

# A collected function leaves the cleared state readable; a cleared closure cannot be called.
class Fin:
    def __del__(self):
        global rescued
        rescued = self.f
def rescue():
    o = O()
    fin = Fin()
    def f(): return o
    fin.f = f
    o.fin = fin
    o.f = f
check("finalizer sees function", lambda: (rescue(), weakref.ref(O()))[1])
print("rescued:", type(rescued).__name__, rescued.__name__ == "f")

# gc.get_referents sees the fields of the new GC types.
def g2(a, b=[1]): return a
print(sorted(type(x).__name__ for x in gc.get_referents(g2) if type(x).__name__ in ("tuple", "code", "dict", "str")))
class WithMethod:
    def m(self): pass
print(gc.is_tracked(g2), gc.is_tracked(WithMethod().m), gc.is_tracked(property()), gc.is_tracked(sys))

# Classes: every class is in a cycle (its mro holds it); a dropped one is collected with its instances.
def cls():
    class C: pass
    return weakref.ref(C)
check("class", cls)

def cls_instances():
    class C:
        def m(self): return self
    c = C(); c.me = c
    return weakref.ref(C)
check("class with instances", cls_instances)

def metaclass():
    class Meta(type): pass
    class C(metaclass=Meta): pass
    C.meta = Meta
    return weakref.ref(Meta)
check("metaclass", metaclass)

def slotted():
    class S:
        __slots__ = ("a",)
    s = S(); s.a = S
    return weakref.ref(S)
check("slotted class", slotted)

def subclass_of_builtin():
    class L(list): pass
    l = L(); l.append(l)
    return weakref.ref(L)
check("list subclass", subclass_of_builtin)

def dynamic():
    refs = [weakref.ref(type("T%d" % i, (object,), {"f": lambda self: self})) for i in range(200)]
    return refs[-1]
check("many dynamic classes", dynamic)
print("subclasses of object keep no dead class:", all(not c.__name__.startswith("T1") for c in object.__subclasses__()))

# Iterators, views and bound C methods.
def iters():
    o = O(); l = [o]; o.it = iter(l); o.rit = reversed(l); o.tit = iter((o,)); o.dit = iter({1: o}.values())
    o.sit = iter({1}); o.view = {o: 1}.keys(); o.ci = iter(lambda: o, None); o.si = iter(collections.UserList([o]))
    return weakref.ref(o)
check("iterators", iters)

def builtin_iters():
    o = O(); o.e = enumerate([o]); o.z = zip([o]); o.m = map(id, [o]); o.f = filter(None, [o]); o.r = reversed([o])
    return weakref.ref(o)
check("enumerate/zip/map/filter/reversed", builtin_iters)

def cmethods():
    o = O(); l = [o]; o.app = l.append; o.mw = o.__repr__; o.mw2 = o.__init__
    return weakref.ref(o)
check("bound C methods", cmethods)
