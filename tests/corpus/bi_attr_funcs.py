# Corpus: getattr/setattr/delattr/hasattr: defaults, descriptors, __getattr__/__getattribute__, errors.
class Plain:
    cls_attr = "class value"

    def __init__(self):
        self.inst = "instance value"


p = Plain()
print(getattr(p, "inst"), getattr(p, "cls_attr"), getattr(p, "missing", "default"), getattr(p, "missing", None))
print(hasattr(p, "inst"), hasattr(p, "missing"), hasattr(Plain, "inst"), hasattr(Plain, "cls_attr"))
setattr(p, "new", 42)
setattr(p, "with space", "odd name")
print(p.new, getattr(p, "with space"), sorted(vars(p)))
delattr(p, "new")
print(hasattr(p, "new"))
try:
    getattr(p, "missing")
except AttributeError as e:
    print(type(e).__name__, e, "| name:", e.name, "| obj is p:", e.obj is p)
try:
    delattr(p, "missing")
except AttributeError as e:
    print(type(e).__name__, e)
for args in [(p, 5), (p, None, 1)]:
    try:
        getattr(*args)
    except TypeError as e:
        print(type(e).__name__, e)
for fn, args in [(getattr, (p,)), (setattr, (p, "x")), (delattr, (p,)), (hasattr, (p,)), (getattr, ()),
                 (setattr, (p, 1, 2)), (delattr, (p, 1)), (hasattr, (p, 1))]:
    try:
        fn(*args)
    except TypeError as e:
        print(fn.__name__, type(e).__name__, e)


class Dyn:
    def __getattr__(self, name):
        if name.startswith("dyn_"):
            return name.upper()
        raise AttributeError(f"no dynamic {name}")


d = Dyn()
print(getattr(d, "dyn_x"), hasattr(d, "dyn_y"), hasattr(d, "other"), getattr(d, "other", "fallback"))


class Raising:
    @property
    def bad(self):
        raise ValueError("property error is not swallowed")

    @property
    def attr_err(self):
        raise AttributeError("property raised AttributeError")


r = Raising()
try:
    hasattr(r, "bad")
except ValueError as e:
    print(type(e).__name__, e)
print(hasattr(r, "attr_err"), getattr(r, "attr_err", "default used"))


class Guarded:
    __slots__ = ("a",)


g = Guarded()
setattr(g, "a", 1)
try:
    setattr(g, "b", 2)
except AttributeError as e:
    print(type(e).__name__, e)
for target, name in [(5, "real"), ("s", "upper"), (int, "from_bytes")]:
    print(hasattr(target, name), end=" ")
print()
for target in [5, "s", None, object()]:
    try:
        setattr(target, "x", 1)
    except AttributeError as e:
        print(type(e).__name__, e)
try:
    setattr(int, "x", 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    delattr(int, "real")
except TypeError as e:
    print(type(e).__name__, e)


class Logged:
    def __setattr__(self, name, value):
        print("  __setattr__", name, value)
        object.__setattr__(self, name, value * 2)

    def __delattr__(self, name):
        print("  __delattr__", name)
        object.__delattr__(self, name)


lg = Logged()
setattr(lg, "v", 21)
print(getattr(lg, "v"))
delattr(lg, "v")
print(hasattr(lg, "v"))


class StrSub(str):
    pass


setattr(p, StrSub("sub"), "via str subclass")
print(getattr(p, "sub"), getattr(p, StrSub("inst")))
print(getattr(Plain, "__name__"), getattr(len, "__name__"), getattr([], "append").__name__)
