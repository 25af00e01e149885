# Corpus: globals(), locals() and vars(): scopes, class bodies, instance/class __dict__, comprehension scoping.
g_value = "module level"
print(sorted(k for k in globals() if not k.startswith("__")))
print(globals()["g_value"], globals() is globals(), "__name__" in globals(), globals()["__name__"])
globals()["injected"] = "via globals()"
print(injected)


def show_locals(a, b=2, *args, **kw):
    c = a + b
    snapshot = locals()
    d = "after snapshot"
    return sorted(snapshot), snapshot["c"], "d" in snapshot


print(show_locals(1, 5, 7, x=1))


def locals_is_snapshot():
    x = 1
    loc = locals()
    loc["x"] = 99
    loc["new"] = 1
    return x, sorted(locals())


print(locals_is_snapshot())


def closure_locals():
    outer_var = "outer"

    def inner():
        return outer_var, sorted(locals())
    return inner()


print(closure_locals())


def comprehension_locals():
    y = 5
    inside = [sorted(locals()) for _ in range(1)]
    return inside, sorted(locals())


print(comprehension_locals())
print(locals() is globals(), vars() is globals())


class Body:
    a = 1
    b = a + 1
    body_locals = sorted(k for k in locals() if not k.startswith("__"))
    body_vars = sorted(k for k in vars() if not k.startswith("__"))


print(Body.body_locals, Body.body_vars)


class Thing:
    cls_attr = "c"

    def __init__(self):
        self.x = 1
        self.y = [2]


t = Thing()
print(vars(t), vars(t) is t.__dict__)
vars(t)["z"] = "added via vars"
print(t.z, sorted(k for k in vars(Thing) if not k.startswith("__")), type(vars(Thing)).__name__)
try:
    vars(Thing)["new"] = 1
except TypeError as e:
    print(type(e).__name__, e)


class Slotted:
    __slots__ = ("s",)


for obj in [Slotted(), 5, "str", None, [1]]:
    try:
        vars(obj)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    vars(t, t)
except TypeError as e:
    print(type(e).__name__, e)
try:
    globals(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    locals(1)
except TypeError as e:
    print(type(e).__name__, e)


def f():
    pass


f.attr = "function attribute"
print(vars(f))


class WithDictProp:
    @property
    def __dict__(self):
        return {"fake": True}


print(vars(WithDictProp()))


def modifies_global():
    globals()["from_function"] = "created"


modifies_global()
print(from_function, sorted(k for k in globals() if k.startswith("from")))


def gen_locals():
    a = 1
    yield sorted(locals())
    b = 2
    yield sorted(locals())


print(list(gen_locals()))
del globals()["injected"]
print("injected" in globals())
