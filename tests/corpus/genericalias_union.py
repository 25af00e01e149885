# Corpus: types.UnionType from `X | Y` on classes, None and generic aliases: repr, args, equality, checks.
print(int | str, list[int] | None, None | dict[str, int], int | str | int)
u = int | str
print(type(u).__name__, type(u).__module__, u.__args__, u.__parameters__)
print(u == (str | int), hash(u) == hash(str | int), u == (int | bytes), u == int)
print(repr(int | None), (int | None).__args__, type(None) | int)
print(isinstance(3, int | str), isinstance(3.0, int | str), isinstance(None, int | None))
print(issubclass(bool, int | None), issubclass(float, int | str))
print(int | int, (int | str) | (bytes | int), list[int] | list[int], list[int] | list[str])
print(u | None, None | u)
print(isinstance(1, int | list[int]))
for check in (lambda: isinstance([], int | list[int]), lambda: issubclass(list, int | list[int])):
    try:
        check()
    except TypeError as e:
        print("TypeError:", e)
try:
    int | 3
except TypeError as e:
    print("TypeError:", e)
try:
    int | "str"
except TypeError as e:
    print("TypeError:", e)
try:
    u[int]
except TypeError as e:
    print("TypeError:", e)
try:
    type(u)()
except TypeError as e:
    print("TypeError:", e)


def f[T]():
    return T


T = f()
print(list[T] | int, (list[T] | int).__parameters__, (list[T] | int)[str])
print(dict[str, T] | None, (dict[str, T] | None)[bytes])
type Alias = int
print(Alias | None, None | Alias, (Alias | str).__args__)
d = {int | str: 1}
print(d[str | int])
