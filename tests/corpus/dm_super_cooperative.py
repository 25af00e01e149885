# Corpus: cooperative multiple inheritance with super(), **kwargs threading, super().__init_subclass__.
trace = []

class Root:
    def __init__(self, **kw):
        trace.append("Root")
        if kw:
            trace.append(("leftover", sorted(kw)))
        super().__init__()

class Named(Root):
    def __init__(self, name, **kw):
        trace.append("Named")
        self.name = name
        super().__init__(**kw)

class Aged(Root):
    def __init__(self, age, **kw):
        trace.append("Aged")
        self.age = age
        super().__init__(**kw)

class Person(Named, Aged):
    def __init__(self, **kw):
        trace.append("Person")
        super().__init__(**kw)

p = Person(name="ann", age=30, extra=1)
print(p.name, p.age, trace)
print([c.__name__ for c in Person.__mro__])
trace.clear()

# Mixin order determines super chain
class LogMixin:
    def save(self):
        trace.append("log")
        return super().save()
class ValidateMixin:
    def save(self):
        trace.append("validate")
        return super().save()
class Store:
    def save(self):
        trace.append("store")
        return "saved"
class Model(LogMixin, ValidateMixin, Store):
    pass
class Model2(ValidateMixin, LogMixin, Store):
    pass
print(Model().save(), trace)
trace.clear()
print(Model2().save(), trace)
trace.clear()

# __init_subclass__ with super() and keyword arguments
registry = {}
class Plugin:
    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        registry[key or cls.__name__] = cls
        trace.append(("Plugin.init_subclass", cls.__name__))

class Tagged:
    def __init_subclass__(cls, tag="none", **kw):
        trace.append(("Tagged.init_subclass", cls.__name__, tag))
        super().__init_subclass__(**kw)
        cls.tag = tag

class CSV(Plugin, key="csv"):
    pass
class JSON(Plugin):
    pass
class Both(Tagged, Plugin, tag="both", key="b"):
    pass
print(sorted(registry), registry["b"].tag)
print(trace)
trace.clear()
try:
    class Bad(Plugin, unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Bad2(unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# __init_subclass__ is implicitly a classmethod
class Auto:
    def __init_subclass__(cls):
        cls.auto = cls.__name__.lower()
class Derived(Auto):
    pass
class Deeper(Derived):
    pass
print(Derived.auto, Deeper.auto, hasattr(Auto, "auto"))
print(type(Auto.__dict__["__init_subclass__"]).__name__)

# object.__init_subclass__ takes no keyword arguments
try:
    object.__init_subclass__(x=1)
except TypeError as e:
    print(type(e).__name__, e)
print(object.__init_subclass__())

# Diamond with __init__ arguments consumed at different levels
class A:
    def __init__(self, *, a=0, **kw):
        super().__init__(**kw)
        self.a = a
class B(A):
    def __init__(self, *, b=0, **kw):
        super().__init__(**kw)
        self.b = b
class C(A):
    def __init__(self, *, c=0, **kw):
        super().__init__(**kw)
        self.c = c
class D(B, C):
    pass
d = D(a=1, b=2, c=3)
print(d.a, d.b, d.c)
try:
    D(a=1, z=2)
except TypeError as e:
    print(type(e).__name__, e)
