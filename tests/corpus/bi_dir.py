# Corpus: dir(): objects, classes, inheritance, __dir__ overrides, slots, modules-free cases, errors.
class Base:
    base_attr = 1

    def base_method(self):
        pass


class Child(Base):
    child_attr = 2

    def __init__(self):
        self.instance_attr = 3

    def child_method(self):
        pass


def public(names):
    return [n for n in names if not n.startswith("__")]


c = Child()
print(public(dir(c)))
print(public(dir(Child)))
print(public(dir(Base)))
print(dir(c) == sorted(dir(c)), "__init__" in dir(c), "__dict__" in dir(c), "__class__" in dir(c))


class Custom:
    def __dir__(self):
        return ["zeta", "alpha", "alpha", "mid"]


print(dir(Custom()), type(dir(Custom())).__name__)


class TupleDir:
    def __dir__(self):
        return ("b", "a")


print(dir(TupleDir()))


class BadDir:
    def __dir__(self):
        return 5


try:
    dir(BadDir())
except TypeError as e:
    print(type(e).__name__, e)


class Slotted:
    __slots__ = ("x", "y")


print(public(dir(Slotted())), "__dict__" in dir(Slotted()))
print(dir(object) == sorted(dir(object)), len(dir(object)) > 20)
print([n for n in dir(object)])
print(public(dir(1)))
print(public(dir("")))
print(public(dir([])))
print(public(dir({})))
print(public(dir(())))
print(public(dir(None)), public(dir(True)) == public(dir(1)))


def func():
    pass


func.custom = 1
print(public(dir(func)))


def local_dir():
    a = 1
    b = 2
    return dir()


print(local_dir())


class Meta(type):
    def meta_method(cls):
        pass


class WithMeta(metaclass=Meta):
    own = 1


print(public(dir(WithMeta)), "meta_method" in dir(Meta))
try:
    dir(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
print(public(dir(type)) == public(dir(Meta)) or public(dir(Meta)))
module_level = [n for n in dir() if not n.startswith("__")]
print(module_level)


class DirFromGetattr:
    def __getattr__(self, name):
        return name


print(public(dir(DirFromGetattr())))
print(public(dir(range(3))), public(dir(slice(1))))
print(public(dir(Exception())), public(dir(KeyError)))
