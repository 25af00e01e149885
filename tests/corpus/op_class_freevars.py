# Corpus: class bodies reading enclosing-function variables and globals (LOAD_FROM_DICT_OR_DEREF/GLOBALS).
x = "global x"
y = "global y"


def make(value):
    x = f"local x={value}"
    z = "free z"

    class Inner:
        a = x
        b = y
        c = z
        x = "class x"
        d = x

        def method(self):
            return x, z

        e = [x for _ in range(1)]
    return Inner


I = make(1)
print(I.a, "|", I.b, "|", I.c, "|", I.d, "|", I.method(None), "|", I.e)


def shadow_before_read():
    v = "function v"

    class K:
        v = "class v"
        got = v
    return K.got


print(shadow_before_read())


def conditional_shadow(flag):
    v = "function v"

    class K:
        if flag:
            v = "class v"
        try:
            got = v
        except NameError as e:
            got = f"{type(e).__name__}: {e}"
    return K.got


print(conditional_shadow(True), conditional_shadow(False))


def del_in_class():
    w = "outer w"

    class K:
        w = "class w"
        first = w
        del w
        try:
            second = w
        except NameError as e:
            second = f"{type(e).__name__}: {e}"
    return K.first, K.second


print(del_in_class())


def nested_classes():
    level = "function"

    class Outer:
        level = "Outer"

        class Middle:
            seen = level

            def meth(self):
                return level
    return Outer.Middle.seen, Outer.Middle().meth()


print(nested_classes())


def unbound_free():
    class K:
        try:
            value = never
        except NameError as e:
            value = f"{type(e).__name__}: {e}"
    never = 1
    return K.value


print(unbound_free())


def global_decl_in_class():
    g = "function g"

    class K:
        global y
        seen = y
        y = "rebound by class"
    return K.seen


print(global_decl_in_class(), y)


def prepared_namespace_wins():
    free = "function value"

    class Meta(type):
        @classmethod
        def __prepare__(mcls, name, bases):
            return {"free": "from __prepare__"}

    class K(metaclass=Meta):
        seen = free

        def method(self):
            return free
    return K.seen, K().method()


print(prepared_namespace_wins())


class ModuleLevel:
    x = "class-level x"
    xs = [x for _ in range(2)]
    gen_first = next(x for _ in range(1))
    names = [n for n in (x, "lit")]


print(ModuleLevel.xs, ModuleLevel.gen_first, ModuleLevel.names)
print(sorted(k for k in vars(I) if not k.startswith("__")))
