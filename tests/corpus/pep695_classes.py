# Corpus: PEP 695 generic classes: Generic in the MRO, __orig_bases__, __parameters__, subscription, inheritance.
class Box[T]:
    def __init__(self, item: T):
        self.item = item

    def get(self) -> T:
        return self.item


print(Box.__type_params__, Box.__parameters__)
print(Box.__mro__)
print(Box.__bases__, Box.__orig_bases__)
print(Box.__type_params__[0] is Box.__parameters__[0])

alias = Box[int]
print(alias, alias.__origin__ is Box, alias.__args__, alias.__parameters__)
print(repr(Box[str]), Box[Box[int]], Box[list[int]], Box[None], Box[...])
print(Box[int] == Box[int], Box[int] != Box[str], hash(Box[int]) == hash(Box[int]))
print(Box[int] == Box, Box[int].get is Box.get)
b = Box[int](5)
print(type(b).__name__, b.item, b.get(), b.__orig_class__)
print(Box(3).item, hasattr(Box(3), "__orig_class__"))

try:
    Box[int, str]
except TypeError as e:
    print("TypeError:", e)
try:
    isinstance(b, Box[int])
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(Box, Box[int])
except TypeError as e:
    print("TypeError:", e)


# Inheriting from a parameterized generic.
class IntBox(Box[int]):
    pass


print(IntBox.__bases__, IntBox.__orig_bases__, IntBox.__parameters__)
print(IntBox.__mro__)
print(IntBox(7).get(), IntBox.__type_params__)
try:
    IntBox[int]
except TypeError as e:
    print("TypeError:", e)


# A generic subclass of a generic class.
class Pair[K, V](Box[K]):
    def __init__(self, k: K, v: V):
        super().__init__(k)
        self.v = v


print(Pair.__orig_bases__, Pair.__parameters__, Pair.__type_params__)
print(Pair.__mro__)
p = Pair[str, int]("a", 1)
print(p.item, p.v, p.__orig_class__)
print(Pair[str, int].__args__)


# Partial specialization and substitution of an alias.
class Triple[A, B, C]:
    pass


A, B, C = Triple.__type_params__
t = Triple[int, B, C]
print(t, t.__parameters__)
print(t[str, float], t[str, float].__parameters__)
print(Triple[A, A, B][int, str])
try:
    t[int]
except TypeError as e:
    print("TypeError:", e)
try:
    Triple[int, int, int][str]
except TypeError as e:
    print("TypeError:", e)


# Nested classes and classes in functions have qualified reprs.
def make():
    class Local[T]:
        pass

    return Local


Local = make()
print(Local[int], Local.__qualname__)


class Outer:
    class Inner[T]:
        pass


print(Outer.Inner[str])


# Mixing with other bases and keywords.
class Base:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)
        super().__init_subclass__()


class Derived[T](Base, flag=True):
    pass


print(Derived.__mro__, Derived.__orig_bases__)


class Meta(type):
    pass


class WithMeta[T](metaclass=Meta):
    pass


print(type(WithMeta).__name__, WithMeta.__mro__)

# Generic attribute forwarding and setting through the alias.
Box[int].extra = 5
print(Box.extra)
print(Box[int].__name__, Box[int].__qualname__, Box[int].__module__)
