# The cycle collector: cycles through instances, dicts, lists, sets, tuples, __slots__ and thread-locals are freed
# by gc.collect(); __del__ runs once (PEP 442) and may resurrect; weak references die first and their callbacks run;
# gc.callbacks, get_referrers, get_referents, is_finalized. Counts are printed as comparisons, since CPython's exact
# numbers depend on its object layouts (inline values).
import gc
import threading
import weakref
import _threading_local


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def pair():
    a, b = Node("a"), Node("b")
    a.other, b.other = b, a
    return weakref.ref(a), weakref.ref(b)


gc.collect()
wa, wb = pair()
print("pair alive before collect:", wa() is not None and wb() is not None)
n = gc.collect()
print("pair collected:", wa() is None and wb() is None, n >= 2)

# Containers.
lst = []
lst.append(lst)
box = Node("in list")
lst.append(box)
wbox = weakref.ref(box)
del box, lst
d = {}
d["me"] = d
d["node"] = Node("in dict")
wnode = weakref.ref(d["node"])
del d
s = Node("in set")
s.items = {frozenset([1]), (s,)}
ws = weakref.ref(s)
del s
gc.collect()
print("containers:", wbox() is None, wnode() is None, ws() is None)

# Something outside keeps the whole cycle alive.
keep = []
a, b = Node("a"), Node("b")
a.other, b.other = b, a
keep.append(a)
wa, wb = weakref.ref(a), weakref.ref(b)
del a, b
gc.collect()
print("reachable cycle kept:", wa() is not None and wb() is not None, keep[0].other.other is keep[0])
keep.clear()
gc.collect()
print("then freed:", wa() is None)

# __del__ runs once, before the cycle is broken, and sees its fields.
log = []


class Fin:
    def __init__(self, tag):
        self.tag = tag
        self.peer = None

    def __del__(self):
        log.append((self.tag, self.peer.tag if self.peer else None))


f1, f2 = Fin(1), Fin(2)
f1.peer, f2.peer = f2, f1
del f1, f2
gc.collect()
print("finalizers:", sorted(log))

# Resurrection: __del__ stores the object; it survives with its fields, and its __del__ never runs again.
saved = []


class Phoenix:
    def __del__(self):
        saved.append(self)


p = Phoenix()
p.me = p
del p
gc.collect()
print("resurrected:", len(saved), saved[0].me is saved[0], gc.is_finalized(saved[0]))
saved.clear()
gc.collect()
print("after second collect:", saved)

# Weak reference callbacks run; the referent is already gone when they do.
seen = []


class Cb:
    pass


c = Cb()
c.c = c
r = weakref.ref(c, lambda ref: seen.append(ref() is None))
del c
gc.collect()
print("callback:", seen)

# __slots__ cycles.
class Slotted:
    __slots__ = ("ref", "__weakref__")


x = Slotted()
x.ref = x
wx = weakref.ref(x)
del x
gc.collect()
print("slots:", wx() is None)

# Thread-local objects in a cycle (test_threading_local.test_cycle_collection).
for local in (threading.local, _threading_local.local):
    class X:
        pass

    x = X()
    x.local = local()
    x.local.x = x
    wr = weakref.ref(x)
    del x
    gc.collect()
    print("local", local.__module__, wr() is None)

# Cycles made in other threads, collected from this one.
refs = []


def make():
    for _ in range(50):
        a, b = Node("t"), Node("t")
        a.other, b.other = b, a
        refs.append(weakref.ref(a))


ts = [threading.Thread(target=make) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
gc.collect()
print("thread cycles freed:", sum(r() is None for r in refs), "of", len(refs))

# gc.callbacks, get_referrers, get_referents.
phases = []


def cb(phase, info):
    phases.append((phase, sorted(info)))


gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print("callbacks:", phases)
inner = Node("inner")
outer = [inner]
print("referrers:", any(r is outer for r in gc.get_referrers(inner)))
print("referents:", inner in gc.get_referents(outer))
print("enabled:", gc.isenabled())
