# Corpus: metaclasses: __new__/__init__/__call__ hooks, keyword arguments, inheritance of metaclass, conflicts.
log = []


class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        log.append(f"Meta.__new__ {name} bases={[b.__name__ for b in bases]} kw={sorted(kw.items())}")
        ns["created_by"] = mcls.__name__
        cls = super().__new__(mcls, name, bases, ns)
        cls.options = kw
        return cls

    def __init__(cls, name, bases, ns, **kw):
        log.append(f"Meta.__init__ {name} keys={sorted(k for k in ns if not k.startswith('__'))}")
        super().__init__(name, bases, ns)

    def __call__(cls, *args, **kwargs):
        log.append(f"Meta.__call__ {cls.__name__} args={args}")
        inst = super().__call__(*args, **kwargs)
        inst.via_meta = True
        return inst

    def describe(cls):
        return f"<class {cls.__name__} by {cls.created_by}>"


class Base(metaclass=Meta, flavor="vanilla"):
    def __init__(self, x):
        self.x = x


class Child(Base, size=3):
    y = 2


for line in log:
    print(line)
print(type(Base).__name__, type(Child).__name__, Child.options, Base.options)
print(Child.describe(), Child.created_by)
c = Child(10)
print(c.x, c.y, c.via_meta, log[-1])
print(isinstance(Child, Meta), isinstance(c, Meta), hasattr(c, "describe"))


class OtherMeta(type):
    pass


class Other(metaclass=OtherMeta):
    pass


try:
    class Mixed(Base, Other):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class SubMeta(Meta):
    pass


class Derived(Base, metaclass=SubMeta):
    pass


print(type(Derived).__name__, Derived.created_by)
log.clear()


class Promoted(Child, metaclass=type):
    pass


print(type(Promoted).__name__, log[0])


def function_metaclass(name, bases, ns):
    return f"not a class: {name} {sorted(k for k in ns if not k.startswith('__'))}"


class Weird(metaclass=function_metaclass):
    a = 1
    b = 2


print(Weird)
Dyn = Meta("Dyn", (object,), {"z": 26}, color="red")
print(Dyn.z, Dyn.options, Dyn.created_by, type(Dyn).__name__)
T = type("T", (), {"v": 1, "__repr__": lambda self: "T()"})
print(T(), T.v, T.__name__, T.__qualname__, T.__module__)
for args in [("x",), ("x", (), {}, 1), (1, (), {}), ("x", 1, {}), ("x", (), 1), ("x", (5,), {})]:
    try:
        r = type(*args)
        print("type() ->", r.__name__)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    class BadKw(kw=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class CountingMeta(type):
    count = 0

    def __call__(cls, *a):
        CountingMeta.count += 1
        return super().__call__(*a)


class Counted(metaclass=CountingMeta):
    pass


objs = [Counted() for _ in range(4)]
print(CountingMeta.count, type(objs[0]).__name__)
