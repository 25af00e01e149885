# Corpus: __set_name__ is called at class creation with (owner, name), in definition order.
calls = []

class Field:
    def __init__(self, default=None):
        self.default = default
        self.name = None
        self.owner = None

    def __set_name__(self, owner, name):
        calls.append((owner.__name__, name))
        self.name = name
        self.owner = owner
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, self.default)

    def __set__(self, obj, value):
        setattr(obj, self.private, value)

class Model:
    id = Field(0)
    name = Field("anon")
    tags = Field(())

print(calls)
m = Model()
print(m.id, m.name, m.tags)
m.name = "bob"
print(m.name, m._name, Model.name.private, Model.name.owner is Model)

class Sub(Model):
    extra = Field(1)

print(calls)
print(Sub.extra.owner.__name__, Sub.id.owner.__name__)

# Same descriptor object bound to two names gets __set_name__ twice.
calls.clear()
shared = Field()
class Two:
    a = shared
    b = shared
print(calls, shared.name)

# __set_name__ not called for attributes added after class creation.
calls.clear()
late = Field(5)
Two.c = late
print(calls, late.name)
late.__set_name__(Two, "c")
print(calls, late.name)

# __set_name__ receives only descriptors present in the namespace at type() creation.
calls.clear()
T = type("T", (), {"p": Field(1), "q": Field(2), "r": 3})
print(calls)

# Errors in __set_name__ propagate (3.12+: no wrapping RuntimeError).
class Bad:
    def __set_name__(self, owner, name):
        raise ValueError("bad name " + name)

try:
    class Broken:
        attr = Bad()
except Exception as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__ if e.__cause__ else None)

# Non-callable __set_name__ attribute
class NotCallable:
    __set_name__ = 5

try:
    class X:
        y = NotCallable()
except TypeError as e:
    print(type(e).__name__, e)

# __set_name__ with the owner being a metaclass-created class
class Meta(type):
    def __new__(mcls, name, bases, ns):
        print("meta new", name, sorted(k for k in ns if not k.startswith("__")))
        return super().__new__(mcls, name, bases, ns)

calls.clear()
class WithMeta(metaclass=Meta):
    f1 = Field()
    f2 = Field()
print(calls)

# __set_name__ defined on class (instance lookup via type)
class Counter:
    count = 0
    def __set_name__(self, owner, name):
        Counter.count += 1
        self.label = owner.__name__ + "." + name

class Holder:
    a = Counter()
    b = Counter()
    c = Counter()
print(Counter.count, Holder.a.label, Holder.c.label)
