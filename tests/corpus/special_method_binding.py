# Special methods that builtins look up on the type (round, complex, sys.getsizeof, dir, math.trunc/floor/ceil,
# os.fspath) are bound through the attribute's __get__, as CPython's _PyObject_LookupSpecial does: a descriptor
# that is not a function, a staticmethod, a classmethod, and a plain callable stored in the class all work.
import math
import os
import sys


class Proxy:
    """A descriptor whose __get__ makes the callable (as unittest.mock's MagicProxy)."""

    def __init__(self, result):
        self.result = result

    def __get__(self, obj, objtype=None):
        return lambda *args: (self.result, args)


class Callable:
    def __call__(self, *args):
        return ("called without self", len(args))


class A:
    __round__ = Proxy("round")
    __complex__ = Proxy(2j)
    __sizeof__ = Proxy(64)
    __dir__ = Proxy(["b", "a"])
    __trunc__ = Proxy("trunc")
    __floor__ = Proxy("floor")
    __ceil__ = Proxy("ceil")
    __fspath__ = Proxy("path")


a = A()
print(round(a), round(a, 2))
try:
    complex(a)
except TypeError as e:
    print("TypeError:", e)
try:
    sys.getsizeof(a)
except TypeError as e:
    print("TypeError:", e)
try:
    print(dir(a))
except TypeError as e:
    print("TypeError:", e)
print(math.trunc(a), math.floor(a), math.ceil(a))
try:
    os.fspath(a)
except TypeError as e:
    print("TypeError:", e)


class B:
    __round__ = staticmethod(lambda *args: ("static", args))
    __complex__ = classmethod(lambda cls: complex(len(cls.__name__)))
    __sizeof__ = Callable()


b = B()
print(round(b), round(b, 3))
print(complex(b))
try:
    print(sys.getsizeof(b))
except TypeError as e:
    print("TypeError:", e)


class C:
    def __round__(self, n=None):
        return ("method", n)

    def __sizeof__(self):
        return 100

    def __complex__(self):
        return 3 + 4j

    def __dir__(self):
        return ["z", "y"]


c = C()
print(round(c), round(c, 1), sys.getsizeof(c) >= 100, complex(c), dir(c))  # (the header sizes differ in 3.13t)
try:
    round(object())
except TypeError as e:
    print("TypeError:", e)
