# Corpus: __class_getitem__ (implicit classmethod), generic aliases of builtins, and subscription errors.
class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"


print(Box[int], Box["x"], Box[1, 2], Box[()])


class SubBox(Box):
    pass


print(SubBox[float])
print(type(Box.__dict__["__class_getitem__"]).__name__)


class Meta(type):
    def __getitem__(cls, item):
        return f"Meta.__getitem__ {cls.__name__} {item}"


class WithMeta(metaclass=Meta):
    def __class_getitem__(cls, item):
        return "class_getitem not used"


print(WithMeta[3])


class InstanceAndClass:
    def __getitem__(self, i):
        return f"instance item {i}"

    def __class_getitem__(cls, i):
        return f"class item {i}"


print(InstanceAndClass()[1], InstanceAndClass[2])


class Plain:
    pass


try:
    Plain[int]
except TypeError as e:
    print(type(e).__name__, e)
try:
    Plain()[0]
except TypeError as e:
    print(type(e).__name__, e)

alias = list[int]
print(alias, type(alias).__name__, alias.__origin__ is list, alias.__args__)
print(dict[str, list[int]], tuple[int, ...], type[int])
print(list[int]([1, 2, 3]), alias == list[int], alias != list[str])
for g in [tuple, set, frozenset, type]:
    print(g[int].__origin__.__name__, end=" ")
print()
print(isinstance([1], list), list[int].__parameters__)
try:
    isinstance([], list[int])
except TypeError as e:
    print(type(e).__name__, e)
try:
    int[str]
except TypeError as e:
    print(type(e).__name__, e)


class NotCallableCGI:
    __class_getitem__ = 42


try:
    NotCallableCGI[1]
except TypeError as e:
    print(type(e).__name__, e)


class Cache:
    seen = []

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        cls.seen.append(len(params))
        return type(f"{cls.__name__}Of{len(params)}", (cls,), {"params": params})


A = Cache[int, str]
B = Cache[bool]
print(A.__name__, [p.__name__ for p in A.params], B.__name__, issubclass(A, Cache), Cache.seen)
print(A[None].__name__)
u = int | str
print(u, type(u).__name__, u.__args__, (int | None), (list[int] | None))
