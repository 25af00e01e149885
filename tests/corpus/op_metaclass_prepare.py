# Corpus: __prepare__ returning custom namespaces: recording order, rejecting duplicates, default lookups.
class RecordingNS(dict):
    def __init__(self):
        super().__init__()
        self.order = []

    def __setitem__(self, key, value):
        if not key.startswith("__"):
            self.order.append(key)
        super().__setitem__(key, value)


class OrderedMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print(f"__prepare__({name}, {[b.__name__ for b in bases]}, {sorted(kw.items())})")
        return RecordingNS()

    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.field_order = list(ns.order)
        return cls

    def __init__(cls, *a, **kw):
        super().__init__(*a)


class Record(metaclass=OrderedMeta, tag="t"):
    zeta = 1
    alpha = 2

    def method(self):
        return "m"
    mid = 3
    zeta = 4


print(Record.field_order, Record.zeta)


class NoDupNS(dict):
    def __setitem__(self, key, value):
        if key in self and not key.startswith("__"):
            raise TypeError(f"duplicate member {key!r}")
        super().__setitem__(key, value)


class NoDupMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return NoDupNS()


try:
    class Enumish(metaclass=NoDupMeta):
        A = 1
        B = 2
        A = 3
except TypeError as e:
    print(type(e).__name__, e)


class AutoNS(dict):
    def __init__(self):
        super().__init__()
        self.counter = 0

    def __missing__(self, key):
        if key.startswith("__") or key in ("print", "len", "range"):
            raise KeyError(key)
        self.counter += 1
        self[key] = self.counter
        return self.counter


class AutoMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return AutoNS()

    def __new__(mcls, name, bases, ns):
        return super().__new__(mcls, name, bases, dict(ns))


class Auto(metaclass=AutoMeta):
    RED
    GREEN
    BLUE
    total = RED + GREEN + BLUE
    print("inside body, len builtin still works:", len([RED, GREEN]))


print(Auto.RED, Auto.GREEN, Auto.BLUE, Auto.total)


class NotMappingMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 42


try:
    class Bad(metaclass=NotMappingMeta):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class NameSeenMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        ns = {"preloaded": f"made for {name}"}
        return ns


class Pre(metaclass=NameSeenMeta):
    seen = preloaded + "!"


print(Pre.preloaded, Pre.seen)
print(sorted(k for k in vars(Record) if not k.startswith("__")))
print(Record().method(), type(Record.__dict__).__name__)


class Plain:
    __qualname__ = "Custom.Qual"
    x = __module__
    y = __qualname__


print(Plain.__qualname__, Plain.x, Plain.y)
print(type.__prepare__("X", ()), type(type.__prepare__()).__name__)
