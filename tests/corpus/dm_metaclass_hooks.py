# Corpus: metaclass hooks: __prepare__, __new__, __init__, __call__, class keyword arguments.
log = []

class OrderedMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        log.append(("prepare", mcls.__name__, name, sorted(kw)))
        ns = {"injected": "from-prepare"}
        return ns
    def __new__(mcls, name, bases, ns, **kw):
        log.append(("new", name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), sorted(kw.items())))
        cls = super().__new__(mcls, name, bases, ns)
        cls.flags = kw
        return cls
    def __init__(cls, name, bases, ns, **kw):
        log.append(("init", name))
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kw):
        log.append(("call", cls.__name__, args))
        return super().__call__(*args, **kw)

class Base(metaclass=OrderedMeta, debug=True):
    x = 1
    def method(self):
        return "m"

for entry in log:
    print(entry)
log.clear()
print(Base.injected, Base.flags, type(Base).__name__, Base.__module__, Base.__qualname__)

class Child(Base, verbose=2):
    y = 2
for entry in log:
    print(entry)
log.clear()
obj = Child()
print(log, obj.method(), Child.flags, Child.injected)
log.clear()

# __prepare__ returning a custom mapping that records assignments
class RecordingDict(dict):
    def __init__(self):
        super().__init__()
        self.order = []
    def __setitem__(self, k, v):
        if not k.startswith("__"):
            self.order.append(k)
        super().__setitem__(k, v)

class RecordMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return RecordingDict()
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.order = ns.order
        return cls

class Fields(metaclass=RecordMeta):
    z = 1
    a = 2
    z = 3
    def m(self):
        pass
print(Fields.order, Fields.z)

# __prepare__ returning non-mapping
class BadPrepare(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 5
try:
    class X(metaclass=BadPrepare):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# Metaclass that is a plain function
def func_meta(name, bases, ns, **kw):
    return ("made by function", name, sorted(k for k in ns if not k.startswith("__")), kw)
class NotAClass(metaclass=func_meta, extra=1):
    a = 1
print(NotAClass)

# __new__ returning an instance of a different type skips __init__
class OtherMeta(type):
    def __new__(mcls, name, bases, ns):
        return 42
    def __init__(cls, *a):
        print("never")
class Weird(metaclass=OtherMeta):
    pass
print(Weird)

# type.__call__ skips __init__ if __new__ returns non-instance
class Odd:
    def __new__(cls, *a):
        return "odd string"
    def __init__(self, *a):
        print("init not called")
print(Odd(1, 2))
class Normal:
    def __new__(cls, v):
        inst = super().__new__(cls)
        inst.from_new = v
        return inst
    def __init__(self, v):
        self.from_init = v * 2
n = Normal(4)
print(n.from_new, n.from_init)
try:
    object.__new__(Normal, 1) if False else object()
    class Strict:
        pass
    Strict(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__new__(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__new__(int)
except TypeError as e:
    print(type(e).__name__, e)
# Metaclass attribute lookup vs class attribute
class M(type):
    meta_attr = "meta"
class C(metaclass=M):
    pass
print(C.meta_attr, hasattr(C(), "meta_attr"), type(C).meta_attr)
