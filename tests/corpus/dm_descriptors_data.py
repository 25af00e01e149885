# Corpus: data descriptors (__get__/__set__/__delete__) take precedence over the instance __dict__.
log = []

class Typed:
    def __init__(self, name, kind):
        self.name = name
        self.kind = kind

    def __get__(self, obj, objtype=None):
        log.append(("get", self.name, obj is None, objtype.__name__ if objtype else None))
        if obj is None:
            return self
        return obj.__dict__.get("_" + self.name, "unset")

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}, got {type(value).__name__}")
        log.append(("set", self.name, value))
        obj.__dict__["_" + self.name] = value

    def __delete__(self, obj):
        log.append(("del", self.name))
        obj.__dict__.pop("_" + self.name, None)

class Point:
    x = Typed("x", int)
    y = Typed("y", int)

    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point(1, 2)
print(p.x, p.y)
print(type(Point.x).__name__, Point.x.name)
p.x = 10
print(p.x, sorted(p.__dict__.items()))
try:
    p.y = "no"
except TypeError as e:
    print(type(e).__name__, e)
del p.x
print(p.x)
# Data descriptor wins over instance dict entry with the same name.
p.__dict__["x"] = 999
print(p.x, p.__dict__["x"])
p.x = 5
print(p.x, p.__dict__["x"], p.__dict__["_x"])
for entry in log:
    print(entry)
log.clear()

# Descriptor with only __set__ (no __get__): reading returns the descriptor itself unless instance dict has it.
class SetOnly:
    def __set__(self, obj, value):
        obj.__dict__["so"] = value * 2

class H:
    so = SetOnly()

h = H()
print(type(h.so).__name__)
h.so = 21
print(h.so, h.__dict__)

# Descriptor with __get__ and __delete__ only is still a data descriptor.
class DelOnly:
    def __get__(self, obj, t=None):
        return "from-descriptor"
    def __delete__(self, obj):
        print("deleting via descriptor")

class K:
    d = DelOnly()

k = K()
k.__dict__["d"] = "from-dict"
print(k.d)
del k.d
print(k.__dict__)
try:
    k.d = 3
except AttributeError as e:
    print(type(e).__name__, e)

# Read-only data descriptor raising AttributeError in __set__.
class ReadOnly:
    def __init__(self, v):
        self.v = v
    def __get__(self, obj, t=None):
        return self.v
    def __set__(self, obj, value):
        raise AttributeError("read-only attribute")

class C:
    r = ReadOnly(42)

c = C()
print(c.r, C.r)
try:
    c.r = 1
except AttributeError as e:
    print(type(e).__name__, e)

# Descriptor accessed through the class and through a subclass instance.
class Sub(Point):
    pass
s = Sub(3, 4)
print(s.x + s.y, log[-1])
# Descriptors stored on instances are NOT invoked.
p2 = Point(0, 0)
p2.__dict__["z"] = Typed("z", str)
print(type(p2.z).__name__)
# __get__ called directly
print(Point.__dict__["x"].__get__(p, Point), Point.__dict__["x"].__get__(None, Point).name)
