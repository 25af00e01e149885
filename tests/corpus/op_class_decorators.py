# Corpus: class decorators: ordering, arguments, replacing the class, adding methods, registries.
applied = []


def tag(label):
    def deco(cls):
        applied.append(f"{label}:{cls.__name__}")
        cls.tags = getattr(cls, "tags", ()) + (label,)
        return cls
    return deco


@tag("outer")
@tag("middle")
@tag("inner")
class Tagged:
    pass


print(applied, Tagged.tags)


def add_repr(cls):
    fields = [k for k in cls.__dict__.get("__annotations__", {})]

    def __repr__(self):
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in fields)
        return f"{cls.__name__}({inner})"

    def __init__(self, *args):
        for f, a in zip(fields, args):
            setattr(self, f, a)

    def __eq__(self, other):
        return type(self) is type(other) and all(getattr(self, f) == getattr(other, f) for f in fields)
    cls.__repr__ = __repr__
    cls.__init__ = __init__
    cls.__eq__ = __eq__
    return cls


@add_repr
class Pair:
    left: int
    right: str


p = Pair(1, "b")
print(p, p == Pair(1, "b"), p == Pair(2, "b"), Pair.__hash__ is object.__hash__)


def singleton(cls):
    instance = cls()
    return instance


@singleton
class Config:
    def __init__(self):
        self.values = {"debug": False}

    def __repr__(self):
        return f"Config{self.values}"


print(Config, type(Config).__name__)


def replace_with_function(cls):
    def factory(*a):
        return ("made", cls.__name__, a)
    return factory


@replace_with_function
class Made:
    pass


print(Made(1, 2))

order = []


def trace(name):
    order.append(f"evaluate {name}")

    def deco(cls):
        order.append(f"apply {name}")
        return cls
    return deco


@trace("first")
@trace("second")
class Traced:
    order.append("class body runs")


print(order)
registry = {}


def register(*, key):
    def deco(cls):
        if key in registry:
            raise KeyError(f"{key} already registered")
        registry[key] = cls
        return cls
    return deco


@register(key="a")
class A: pass


try:
    @register(key="a")
    class B:
        pass
except KeyError as e:
    print(type(e).__name__, e)
print(sorted(registry), "B" in globals())


@(lambda cls: cls.__name__.upper())
class ByLambda: pass


print(ByLambda)
decorators = [tag("x"), tag("y")]


@decorators[1]
@decorators[0]
class FromList:
    pass
print(FromList.tags)


class Holder:
    deco = staticmethod(lambda cls: setattr(cls, "held", True) or cls)


@Holder.deco
class Dotted:
    pass


print(Dotted.held, Dotted.__qualname__)
