# Corpus: __class_getitem__, builtin generic aliases (list[int]) and their attributes.
class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"

print(Box[int], Box["x"], Box[1, 2], Box[()], Box[None])
print(type(Box.__dict__["__class_getitem__"]).__name__)

class Sub(Box):
    pass
print(Sub[str])

# __class_getitem__ is not used for instances
try:
    Box()[0]
except TypeError as e:
    print(type(e).__name__, e)

# __getitem__ on the metaclass takes precedence
class Meta(type):
    def __getitem__(cls, item):
        return ("meta", cls.__name__, item)
class WithMeta(metaclass=Meta):
    def __class_getitem__(cls, item):
        return "class_getitem"
print(WithMeta[5])

# Classes without __class_getitem__
class Plain:
    pass
try:
    Plain[int]
except TypeError as e:
    print(type(e).__name__, e)
try:
    int[str]
except TypeError as e:
    print(type(e).__name__, e)

# Explicit classmethod decoration works the same
class Explicit:
    @classmethod
    def __class_getitem__(cls, item):
        return (cls.__name__, item)
print(Explicit[1])

# Builtin generic aliases
for alias in (list[int], dict[str, int], tuple[int, ...], set[bytes], frozenset[int], type[int], tuple[()]):
    print(repr(alias), alias.__origin__.__name__, alias.__args__)
ga = list[int]
print(type(ga).__name__, ga == list[int], ga != list[str], ga() == [], ga([1, 2]), type(ga((1,))).__name__)
print(dict[str, list[int]], list[list[int]].__args__[0].__args__)
print(isinstance([], list), issubclass(list, list))
try:
    isinstance([], list[int])
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(list, list[int])
except TypeError as e:
    print(type(e).__name__, e)
print(list[int] | None, int | str, type(int | str).__name__, (int | str).__args__)
print(isinstance(5, int | str), isinstance(5.0, int | str), issubclass(bool, int | None))
print(int | str == str | int, (int | int) is int, repr(int | None | str))

# __class_getitem__ receiving a tuple
class Multi:
    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        return len(params), [p.__name__ if isinstance(p, type) else p for p in params]
print(Multi[int], Multi[int, str], Multi[int, "x", 3])

# Using a generic class as a base
class MyList(list[int]):
    pass
print(MyList.__bases__, MyList.__orig_bases__ if hasattr(MyList, "__orig_bases__") else "no-orig", MyList([3]))

# Generic alias attribute access forwards to the origin
print(list[int].append is list.append, dict[str, int].fromkeys("ab", 0))
print(tuple[int, str].__parameters__, list[int].__name__ if hasattr(list[int], "__name__") else "")
