# Corpus: property getter/setter/deleter, docs, errors when a piece is missing, property copying.
class Temp:
    def __init__(self):
        self._c = 0.0

    @property
    def celsius(self):
        "Temperature in Celsius."
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("reset")
        self._c = 0.0

    fahrenheit = property(lambda self: self._c * 9 / 5 + 32,
                          lambda self, v: setattr(self, "celsius", (v - 32) * 5 / 9),
                          None, "Temperature in Fahrenheit.")

t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit)
t.fahrenheit = 32
print(t.celsius)
del t.celsius
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print(type(e).__name__, e)
print(Temp.celsius.__doc__, Temp.fahrenheit.__doc__)
print(type(Temp.celsius).__name__, Temp.celsius.fget.__name__, Temp.celsius.fset.__name__, Temp.celsius.fdel.__name__)
try:
    del t.fahrenheit
except AttributeError as e:
    print(type(e).__name__, e)

class RO:
    @property
    def x(self):
        return 1
    y = property()

r = RO()
print(r.x)
try:
    r.x = 2
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del r.x
except AttributeError as e:
    print(type(e).__name__, e)
try:
    r.y
except AttributeError as e:
    print(type(e).__name__, e)
print(RO.y.fget, RO.y.fset, RO.y.fdel, RO.y.__doc__)

# getter/setter/deleter return new property objects
p1 = property(lambda s: 1)
p2 = p1.setter(lambda s, v: None)
p3 = p2.deleter(lambda s: None)
print(p1 is p2, p2 is p3, p1.fset is None, p2.fset is not None, p3.fdel is not None)
p4 = p3.getter(lambda s: 2)
print(p4.fset is p3.fset, p4.fget is not p3.fget)

# Doc taken from getter; explicit doc wins
def getter(self):
    "getter doc"
    return 0
print(property(getter).__doc__, property(getter, doc="explicit").__doc__, property().__doc__)

# Property in subclass overriding only setter
class Base:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
class Child(Base):
    @Base.v.setter
    def v(self, val):
        self._v = val * 10
c = Child()
c.v = 4
print(c.v)
try:
    Base().v = 3
except AttributeError as e:
    print(type(e).__name__, e)

# Property getter raising
class Err:
    @property
    def bad(self):
        return 1 / 0
try:
    Err().bad
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(hasattr(Err, "bad"))
try:
    hasattr(Err(), "bad")
except ZeroDivisionError as e:
    print("hasattr raises", type(e).__name__)

# Property as class attribute access returns property itself
print(isinstance(Temp.celsius, property), Temp.__dict__["celsius"] is Temp.celsius)
# Property __set_name__ / __name__
print(Temp.celsius.__name__)
try:
    property(1)(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    property.fget.__set__(p1, None)
except AttributeError as e:
    print(type(e).__name__, e)
