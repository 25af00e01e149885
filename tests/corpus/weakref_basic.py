# Weak references: ref(), calling a ref, reuse, callbacks (newest first), dead refs, hash, ==, repr without addresses.
import _weakref

ref = _weakref.ref


class Node:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Node(%s)" % self.name


def shape(r):
    # The repr with its addresses removed.
    text = repr(r)
    head, _, rest = text.partition("; ")
    assert head.startswith("<weakref at 0x"), text
    if rest == "dead>":
        return "<weakref; dead>"
    target, _, tail = rest.partition(" at 0x")
    name = tail.partition(">")[0].partition(" ")[2]
    return "<weakref; %s%s>" % (target, (" " + name) if name else "")


print(ref is _weakref.ReferenceType, ref.__name__, ref.__module__)

a = Node("a")
r = ref(a)
print(r() is a, r(), r.__callback__)
print(shape(r))
print(ref(a) is r, ref(a, None) is r)
print(_weakref.getweakrefcount(a), len(_weakref.getweakrefs(a)))
del a
print(r(), r() is None, shape(r))

# Callbacks run when the referent dies, newest first, with the weak reference as argument.
events = []


def make_cb(tag):
    def cb(wr):
        events.append((tag, wr() is None, type(wr).__name__))
    return cb


b = Node("b")
r1 = ref(b, make_cb("first"))
r2 = ref(b, make_cb("second"))
r3 = ref(b)
print(r1 is not r2, r1 is not r3, _weakref.getweakrefcount(b))
print(r1.__callback__.__name__)
del b
print(events)
print(r1.__callback__, r2.__callback__)

# A reference that dies before its referent never calls back.
c = Node("c")
r4 = ref(c, make_cb("never"))
del r4
events.clear()
del c
print(events)

# The callback sees its own reference, which is already dead.
d = Node("d")
keep = []


def check(wr):
    keep.append(wr is rd)
    keep.append(wr())


rd = ref(d, check)
del d
print(keep)

# An exception in a callback is reported, not raised; the other callbacks still run. (The callback has a fixed
# repr: the report names it, and a function's repr would carry an address.)
e = Node("e")


class Bad:
    def __call__(self, wr):
        raise ValueError("callback failed")

    def __repr__(self):
        return "<bad callback>"


re1 = ref(e, make_cb("after"))
re2 = ref(e, Bad())
events.clear()
del e
print("still running", events)

# Hash: the referent's, computed once and kept after death.
f = frozenset([1, 2, 3])
rf = ref(f)
print(hash(rf) == hash(f))
g = frozenset([4])
rg = ref(g)
del f, g
print(hash(rf) == hash(frozenset([1, 2, 3])))
try:
    hash(rg)
except TypeError as exc:
    print("TypeError:", exc)


# ==: referents compared while both live, identity afterwards.
class Eq:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


x, y = Eq(), Eq()
rx, ry = ref(x), ref(y)
print(rx == ry, rx != ry, rx == 1, rx.__eq__(1))
del x
print(rx == ry, rx == rx, rx != ry)
try:
    rx < ry
except TypeError as exc:
    print("TypeError:", exc)

# Functions, classes and sets can be weakly referenced; ints, strs, lists cannot.
def func():
    pass


print(shape(ref(func)), shape(ref(Node)), shape(ref(len)))
s = {1}
print(shape(ref(s)), ref(s)() is s)
for obj in (1, "s", [], (), {}, None, 1.5):
    try:
        ref(obj)
    except TypeError as exc:
        print("TypeError:", exc)

# Argument errors.
for call in (lambda: ref(), lambda: ref(1, 2, 3), lambda: ref(s, callback=None), lambda: ref(s)(1),
             lambda: ref(s)(x=1), lambda: _weakref.getweakrefcount()):
    try:
        call()
    except TypeError as exc:
        print("TypeError:", exc)
try:
    ref(s).__callback__ = None
except AttributeError as exc:
    print("AttributeError:", exc)
print(_weakref.getweakrefcount(1), _weakref.getweakrefs(1))

# _remove_dead_weakref deletes an entry only when it holds a dead reference.
h = Node("h")
table = {"alive": ref(s), "dead": ref(h), "other": 1}
del h
_weakref._remove_dead_weakref(table, "dead")
_weakref._remove_dead_weakref(table, "alive")
_weakref._remove_dead_weakref(table, "missing")
print(sorted(table))
for args in ((table, "other"), (1, 2)):
    try:
        _weakref._remove_dead_weakref(*args)
    except TypeError as exc:
        print("TypeError:", exc)
print("end")
