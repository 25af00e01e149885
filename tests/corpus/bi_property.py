# Corpus: property(): decorator chains, getter/setter/deleter copies, doc handling, errors, subclass overrides.
class Temperature:
    def __init__(self):
        self._c = 0.0
        self.log = []

    @property
    def celsius(self):
        "Temperature in degrees Celsius."
        self.log.append("get")
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError(f"{v} is below absolute zero")
        self.log.append(f"set {v}")
        self._c = v

    @celsius.deleter
    def celsius(self):
        self.log.append("del")
        self._c = None

    fahrenheit = property(lambda self: self._c * 9 / 5 + 32, doc="derived, read-only")


t = Temperature()
t.celsius = 25
print(t.celsius, t.fahrenheit)
del t.celsius
print(t._c, t.log)
try:
    t.celsius = -300
except ValueError as e:
    print(type(e).__name__, e)
for action in ("set", "del"):
    try:
        if action == "set":
            t.fahrenheit = 1
        else:
            del t.fahrenheit
    except AttributeError as e:
        print(type(e).__name__, e)
p = Temperature.__dict__["celsius"]
print(type(p).__name__, p.__doc__, Temperature.fahrenheit.__doc__, p.fget.__name__, p.fset.__name__, p.fdel.__name__)
print(Temperature.celsius is p, p.__get__(None, Temperature) is p, p.__isabstractmethod__)
ro = property(lambda self: 1)
rw = ro.setter(lambda self, v: None)
print(ro is not rw, ro.fset is None, rw.fset is not None, rw.fget is ro.fget)
empty = property()
print(empty.fget, empty.fset, empty.fdel, empty.__doc__)


class UsesEmpty:
    e = property()


for op in ("get", "set", "del"):
    try:
        if op == "get":
            UsesEmpty().e
        elif op == "set":
            UsesEmpty().e = 1
        else:
            del UsesEmpty().e
    except AttributeError as e:
        print(type(e).__name__, e)


class Base:
    @property
    def value(self):
        return "base value"


class Derived(Base):
    @Base.value.getter
    def value(self):
        return "derived+" + super().value


print(Derived().value, Base().value)


class Named:
    def get_x(self):
        "getter doc"
        return 1

    x = property(get_x)
    y = property(get_x, doc="explicit doc")


print(Named.x.__doc__, Named.y.__doc__, Named().x, Named.x.__name__)


class Raising:
    @property
    def broken(self):
        raise KeyError("inside getter")

    @property
    def attr_error(self):
        return self.missing_attribute


try:
    Raising().broken
except KeyError as e:
    print(type(e).__name__, e)
try:
    Raising().attr_error
except AttributeError as e:
    print(type(e).__name__, e)
try:
    property(5)()
except TypeError as e:
    print(type(e).__name__, e)


class NotCallableGetter:
    p = property(5)


try:
    NotCallableGetter().p
except TypeError as e:
    print(type(e).__name__, e)
try:
    property(1, 2, 3, 4, 5)
except TypeError as e:
    print(type(e).__name__, e)


class Counter:
    _n = 0

    @property
    def n(self):
        type(self)._n += 1
        return type(self)._n


c = Counter()
print(c.n, c.n, c.n, Counter._n)
c.__dict__["n"] = "instance dict ignored for data descriptor"
print(c.n)
