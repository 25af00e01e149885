# Corpus: __call__ on instances, callable(), call argument errors, callable classes and metaclass __call__.
class Adder:
    def __init__(self, base):
        self.base = base
        self.calls = 0
    def __call__(self, *args, scale=1, **kw):
        self.calls += 1
        return (self.base + sum(args)) * scale, sorted(kw.items())

add = Adder(10)
print(add(1, 2), add(scale=3), add(1, x=5, y=6), add.calls)
print(callable(add), callable(Adder), callable(5), callable(len), callable(None), callable(lambda: 0))
print(callable("x".upper), callable(type), callable(Adder.__call__), callable(add.__call__))

class NotCallable:
    pass
try:
    NotCallable()()
except TypeError as e:
    print(type(e).__name__, e)
for obj in (5, "s", None, [1], (1,), {}):
    try:
        obj()
    except TypeError as e:
        print(type(e).__name__, e)

# __call__ looked up on the type, not on the instance
nc = NotCallable()
nc.__call__ = lambda: "instance attr"
print(callable(nc))
try:
    nc()
except TypeError as e:
    print(type(e).__name__, e)
print(nc.__call__())

# __call__ can itself be a callable object
class Inner:
    def __call__(self, *a):
        return ("inner", a)
class Outer:
    __call__ = Inner()
print(Outer()(1, 2))

# __call__ as staticmethod / classmethod
class S:
    @staticmethod
    def __call__(x):
        return x * 2
class C:
    @classmethod
    def __call__(cls, x):
        return (cls.__name__, x)
print(S()(21), C()(1))

# Argument errors produced by __call__ signatures
class Strict:
    def __call__(self, a, b=2, *, c):
        return a, b, c
st = Strict()
print(st(1, c=3), st(1, 5, c=6))
for args, kwargs in (((), {"c": 1}), ((1,), {}), ((1, 2, 3), {"c": 4}), ((1,), {"c": 1, "d": 2}), ((1,), {"a": 1, "c": 2})):
    try:
        st(*args, **kwargs)
    except TypeError as e:
        print(type(e).__name__, e)

# Metaclass __call__ controls instance creation
class Singleton(type):
    instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in Singleton.instances:
            print("creating", cls.__name__, args)
            Singleton.instances[cls] = super().__call__(*args, **kwargs)
        return Singleton.instances[cls]
class Config(metaclass=Singleton):
    def __init__(self, name):
        self.name = name
c1 = Config("first")
c2 = Config("second")
print(c1 is c2, c1.name)

class Counting(type):
    def __call__(cls, *args):
        obj = cls.__new__(cls)
        obj.created_by = "Counting"
        cls.__init__(obj, *args)
        return obj
class Thing(metaclass=Counting):
    def __init__(self, v):
        self.v = v
t = Thing(5)
print(t.v, t.created_by, type(t).__name__)

# Metaclass __call__ returning something else entirely
class Factory(type):
    def __call__(cls, n):
        return [cls.__name__] * n
class Made(metaclass=Factory):
    pass
print(Made(3))

# Calling a method-wrapper / bound __call__
print(add.__call__(5), type(add).__call__(add, 1))
# Calling functions with too many positional / unexpected kwargs
def f(a, /, b):
    return a, b
for args, kw in (((1,), {"b": 2}), ((), {"a": 1, "b": 2}), ((1, 2, 3), {})):
    try:
        print(f(*args, **kw))
    except TypeError as e:
        print(type(e).__name__, e)
