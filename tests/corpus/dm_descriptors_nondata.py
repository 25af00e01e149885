# Corpus: non-data descriptors (only __get__): instance __dict__ shadows them; functions are non-data descriptors.
class Lazy:
    def __init__(self, func):
        self.func = func
        self.name = func.__name__

    def __get__(self, obj, cls):
        if obj is None:
            return "Lazy(" + self.name + ")"
        value = self.func(obj)
        obj.__dict__[self.name] = value
        print("computed", self.name)
        return value

class Circle:
    def __init__(self, r):
        self.r = r

    @Lazy
    def area(self):
        return self.r * self.r * 3

    @Lazy
    def label(self):
        return "circle-" + str(self.r)

c = Circle(2)
print(Circle.area)
print(c.area)
print(c.area)
print(c.label, c.label)
print(sorted(c.__dict__))
del c.area
print(c.area)
c.area = -1
print(c.area)

class Const:
    def __init__(self, v):
        self.v = v
    def __get__(self, obj, cls=None):
        return (self.v, obj is not None, cls.__name__)

class A:
    k = Const(7)

a = A()
print(a.k)
print(A.k)
a.k = "shadow"
print(a.k, A.k)
del a.k
print(a.k)

# Functions are non-data descriptors.
def f(self, n):
    return ("f", type(self).__name__, n)

class B:
    pass

B.m = f
b = B()
print(b.m(1))
bound = f.__get__(b, B)
print(bound(2), bound.__func__ is f, bound.__self__ is b)
unbound = f.__get__(None, B)
print(unbound is f)
b.m = lambda n: ("instance", n)
print(b.m(3))
del b.m
print(b.m(4))
print(hasattr(f, "__get__"), hasattr(f, "__set__"))

# Class-level: descriptor on metaclass vs class attribute.
class Meta(type):
    info = Const("meta")

class WithMeta(metaclass=Meta):
    pass

print(WithMeta.info)

class WithMeta2(metaclass=Meta):
    info = "class-attr"

print(WithMeta2.info)

# __get__ receiving the owner when accessed via subclass.
class Base:
    k = Const(1)
class Derived(Base):
    pass
print(Derived.k, Derived().k)

# A descriptor returning a bound-like callable
class Method:
    def __init__(self, fn):
        self.fn = fn
    def __get__(self, obj, cls):
        if obj is None:
            return self
        def bound(*args):
            return self.fn(obj, *args)
        return bound

class Acc:
    def __init__(self):
        self.total = 0
    @Method
    def add(self, n):
        self.total += n
        return self.total

acc = Acc()
print(acc.add(5), acc.add(6), type(Acc.add).__name__)
add = acc.add
print(add(1), acc.total)
