# Corpus: types.GenericAlias: list[int] and friends, repr, attributes, substitution, calls, checks, unions.
print(list[int], dict[str, int], tuple[int, ...], tuple[()], set[bytes], frozenset[str])
print(type[int], type(list[int]).__name__, type(list[int]).__module__)
print(list[int].__origin__, list[int].__args__, list[int].__parameters__)
print(dict[str, list[int]], list[None], list[...], tuple[int, str][0] if False else "skip")
print(enumerate[int], BaseExceptionGroup[ValueError])
print(list[int] == list[int], list[int] == list[str], list[int] == list, hash(list[int]) == hash(list[int]))
print(list[int] != dict[int], dict[str, int] == dict[str, int])

# Calling the alias makes an instance of the origin.
x = list[int]([1, 2])
print(x, type(x).__name__, dict[str, int](a=1))


# Subclassing a parameterized builtin uses the origin as the base.
class MyList(list[int]):
    pass


print(MyList.__bases__, MyList.__orig_bases__, MyList.__mro__)
print(list[int].__mro_entries__(()))

# Attribute access falls through to the origin.
print(list[int].append is list.append, list[int].__name__, list[int].__qualname__, list[int].__module__)
print(list[int].__doc__ == list.__doc__)

try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(list, list[int])
except TypeError as e:
    print("TypeError:", e)
try:
    list[int][str]
except TypeError as e:
    print("TypeError:", e)
try:
    int[str]
except TypeError as e:
    print("TypeError:", e)
try:
    object()[1]
except TypeError as e:
    print("TypeError:", e)


# Substitution of type parameters.
def f[T, U]():
    return T, U


T, U = f()
print(list[T], list[T].__parameters__, list[T][int])
print(dict[T, list[U]], dict[T, list[U]].__parameters__, dict[T, list[U]][str, bytes])
print(dict[T, T][int], tuple[T, ...][str])
try:
    dict[T, U][int]
except TypeError as e:
    print("TypeError:", e)
try:
    dict[T, U][int, str, bytes]
except TypeError as e:
    print("TypeError:", e)

# Unpacking with * gives a starred alias.
(star,) = [*tuple[int, str]]
print(star, star.__unpacked__, list[int].__unpacked__, star == tuple[int, str], star.__origin__)
print(tuple[int, *tuple[str, ...]])

# The GenericAlias type can be called directly.
GA = type(list[int])
print(GA(list, int), GA(dict, (str, int)), GA(list, ()))
try:
    GA(list)
except TypeError as e:
    print("TypeError:", e)

