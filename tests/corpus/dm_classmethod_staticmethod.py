# Corpus: classmethod and staticmethod behaviour, binding, wrapping, attributes.
class Shape:
    count = 0

    def __init__(self, name):
        self.name = name
        type(self).count += 1

    @classmethod
    def make(cls, name):
        return cls(name)

    @staticmethod
    def area_of(w, h):
        return w * h

    @classmethod
    def who(cls):
        return cls.__name__

class Square(Shape):
    count = 0

s = Shape.make("a")
q = Square.make("b")
print(type(s).__name__, type(q).__name__, Shape.count, Square.count)
print(Shape.area_of(2, 3), s.area_of(4, 5), Square.area_of(1, 1))
print(Shape.who(), Square.who(), q.who())

bm = Square.make
print(bm.__self__ is Square, bm.__func__ is Shape.__dict__["make"].__func__)
print(type(Shape.__dict__["make"]).__name__, type(Shape.__dict__["area_of"]).__name__)
print(Shape.__dict__["area_of"].__func__ is Shape.area_of)
print(Shape.__dict__["make"].__wrapped__ is Shape.__dict__["make"].__func__)
print(Shape.area_of.__name__, Shape.make.__name__, Shape.make.__qualname__)

# staticmethod objects are callable since 3.10
sm = staticmethod(lambda x: x * 2)
print(sm(21))
cm = classmethod(lambda cls: cls)
try:
    cm()
except TypeError as e:
    print(type(e).__name__, e)

# classmethod via __get__
class K:
    pass
f = classmethod(lambda cls, n: (cls.__name__, n))
bound = f.__get__(None, K)
print(bound(1))
bound2 = f.__get__(K(), None)
print(bound2(2))

# Calling with wrong args
try:
    Shape.area_of(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    Shape.make()
except TypeError as e:
    print(type(e).__name__, e)

# staticmethod/classmethod wrapping non-callables
try:
    staticmethod(5)()
except TypeError as e:
    print(type(e).__name__, e)
print(classmethod(5).__func__, staticmethod("x").__func__)

# Attributes copied from wrapped function
def documented(a, b=2):
    "doc of documented"
    return a + b
smd = staticmethod(documented)
cmd = classmethod(documented)
print(smd.__doc__, smd.__name__, smd.__qualname__, cmd.__doc__, cmd.__name__)

# classmethod on metaclass and alternative constructor pattern
class Meta(type):
    @classmethod
    def meta_cm(mcls):
        return mcls.__name__
    def meta_method(cls):
        return "meta_method on " + cls.__name__
class Uses(metaclass=Meta):
    pass
print(Uses.meta_cm(), Uses.meta_method())
try:
    Uses().meta_method()
except AttributeError as e:
    print(type(e).__name__, e)

# Regular method accessed through class is plain function
class R:
    def m(self):
        return "m"
print(type(R.m).__name__, type(R().m).__name__, R.m(None))

class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def parse(cls, s):
        return cls(*map(int, s.split("-")))
    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    def __repr__(self):
        return f"{type(self).__name__}({self.y}, {self.m}, {self.d})"
class MyDate(Date):
    pass
print(Date.parse("2024-02-29"), MyDate.parse("1999-12-31"))
print([y for y in (1900, 2000, 2023, 2024) if Date.is_leap(y)])
