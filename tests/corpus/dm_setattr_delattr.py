# Corpus: __setattr__ / __delattr__ hooks, object.__setattr__, frozen objects and error messages.
class Logged:
    def __init__(self):
        self.a = 1

    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        print("del", name)
        object.__delattr__(self, name)

l = Logged()
l.b = 2
l.a += 5
print(l.a, l.b, sorted(l.__dict__.items()))
del l.b
try:
    del l.b
except AttributeError as e:
    print(type(e).__name__, e)
setattr(l, "c", 3)
delattr(l, "c")
print(hasattr(l, "c"))

class Frozen:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}")
    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}")
    def __repr__(self):
        return f"Frozen({self.x}, {self.y})"

f = Frozen(1, 2)
print(f)
for action in ("set", "del"):
    try:
        if action == "set":
            f.x = 10
        else:
            del f.y
    except AttributeError as e:
        print(type(e).__name__, e)
print(f)

class Validated:
    def __setattr__(self, name, value):
        if name == "age" and not isinstance(value, int):
            raise TypeError("age must be int")
        if name == "age" and value < 0:
            raise ValueError("age must be >= 0")
        super().__setattr__(name, value)

v = Validated()
v.age = 3
for bad in ("x", -1):
    try:
        v.age = bad
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(v.age)

# setattr on builtins and objects without __dict__
for target, name in ((1, "x"), ("s", "upper"), (object(), "a"), ([], "append")):
    try:
        setattr(target, name, 1)
    except AttributeError as e:
        print(type(e).__name__, e)
try:
    del (1).real
except AttributeError as e:
    print(type(e).__name__, e)
try:
    setattr(int, "foo", 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    setattr(v, 1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__setattr__(int, "x", 1)
except TypeError as e:
    print(type(e).__name__, e)

# Deleting class attribute via instance fails
class K:
    attr = 1
k = K()
try:
    del k.attr
except AttributeError as e:
    print(type(e).__name__, e)
del K.attr
print(hasattr(K, "attr"))
try:
    del K.attr
except AttributeError as e:
    print(type(e).__name__, e)

# __setattr__ interacting with properties
class P:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, val):
        self._v = val * 2
    def __setattr__(self, name, value):
        print("P set", name)
        super().__setattr__(name, value)
p = P()
p.v = 5
print(p.v)
try:
    p.__class__ = K
    print(type(p).__name__)
except TypeError as e:
    print(type(e).__name__, e)
