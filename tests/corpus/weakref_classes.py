# Which objects support weak references: classes with and without __slots__, __weakref__, inheritance, built-ins,
# subclasses of ref, and referents that die inside containers and objects.
import _weakref

ref = _weakref.ref


def weakable(obj):
    try:
        r = ref(obj)
    except TypeError as exc:
        return str(exc)
    return r() is obj


class Plain:
    pass


class Slotted:
    __slots__ = ("a",)


class SlottedWeak:
    __slots__ = ("a", "__weakref__")


class SlottedBoth:
    __slots__ = ("__dict__", "__weakref__")


class FromSlotted(Slotted):
    pass


class FromSlottedWeak(SlottedWeak):
    __slots__ = ("b",)


class IntSub(int):
    pass


class SetSub(set):
    pass


class SetSubSlots(set):
    __slots__ = ()


class Mixed(Slotted, Plain):
    # The weakref list and dict come from the second base.
    __slots__ = ()


for cls in (Plain, Mixed, Slotted, SlottedWeak, SlottedBoth, FromSlotted, FromSlottedWeak, IntSub, SetSub, SetSubSlots):
    obj = cls()
    print(cls.__name__, weakable(obj), "__weakref__" in cls.__dict__, hasattr(obj, "__weakref__"))

print(list(Plain.__dict__))
print(list(SlottedWeak.__dict__))
print(list(SlottedBoth.__dict__))
print(type(Plain.__dict__["__weakref__"]).__name__, Plain.__weakref__)

for name, bases, slots in (("A", (Plain,), ("__weakref__",)), ("B", (SlottedWeak,), ("__weakref__",)),
                           ("C", (object,), ("__weakref__", "__weakref__")), ("D", (int,), ("__weakref__",)),
                           ("E", (set,), ("__weakref__",)), ("F", (Slotted,), ("__dict__", "__dict__")),
                           ("G", (tuple,), ("__dict__",))):
    try:
        type(name, bases, {"__slots__": slots})
        print(name, "ok")
    except TypeError as exc:
        print(name, "TypeError:", exc)

# __weakref__ is the first weak reference, read-only.
p = Plain()
print(p.__weakref__)
r = ref(p)
print(p.__weakref__ is r)
r2 = ref(p, lambda wr: None)
print(p.__weakref__ is r, _weakref.getweakrefcount(p))
for op in (lambda: setattr(p, "__weakref__", 1), lambda: delattr(p, "__weakref__")):
    try:
        op()
    except AttributeError as exc:
        print("AttributeError:", exc)
try:
    Plain.__dict__["__weakref__"].__get__(1)
except TypeError as exc:
    print("TypeError:", exc)
s = SlottedWeak()
s.a = 1
rs = ref(s)
print(s.__weakref__ is rs)
del s
print(rs())


# Built-in kinds: functions, methods, generators, coroutines, code, modules, types, sets.
def gen():
    yield 1


async def coro():
    pass


class M:
    def meth(self):
        pass


co = coro()
for obj in (gen, M().meth, gen(), co, gen.__code__, _weakref, int, Plain, frozenset(), [].append, len):
    print(type(obj).__name__, weakable(obj))
co.close()
for obj in (1, 1.5, "x", b"x", [], (), {}, None, True, range(2), slice(1), object(), Slotted(), M.meth.__get__,
            ValueError()):
    print(weakable(obj))

# Referents that die with their container, their function or their class.
events = []


def note(tag):
    return lambda wr: events.append(tag)


def make():
    local = Plain()
    return ref(local, note("local"))


dead = make()
print(dead(), events)
holder = [Plain(), Plain()]
refs = [ref(x, note("item%d" % i)) for i, x in enumerate(holder)]
del holder
print(events, [r() for r in refs])
events.clear()


def temp():
    pass


rt = ref(temp, note("function"))
rc = ref(temp.__code__)
del temp
print(events, rt(), rc() is not None)
events.clear()


class Temp:
    pass


rtc = ref(Temp, note("class"))
print(rtc() is Temp)
g = gen()
rg = ref(g, note("generator"))
del g
print(events)


# Subclasses of ref: extra attributes, own __init__, never reused.
class Named(ref):
    def __init__(self, obj, callback=None, name=""):
        super().__init__(obj, callback)
        self.name = name


target = Plain()
n1 = Named(target, None, name="one")
n2 = Named(target)
print(n1.name, n2.name, n1() is target, n1 is not n2, ref(target) is not n1)
print(type(n1).__name__, isinstance(n1, ref), hash(n1) == hash(target), n1 == n2)
print(_weakref.getweakrefcount(target), [type(w).__name__ for w in _weakref.getweakrefs(target)])
wn = ref(n1)
print(wn() is n1)
del n1
print(wn())
try:
    Named(target, None, None, None)
except TypeError as exc:
    print("TypeError:", exc)


class Bare(ref):
    pass


try:
    Bare(target, foo=1)
except TypeError as exc:
    print("TypeError:", exc)
print(list(Bare.__dict__))
del target
print(n2(), events)
