# Corpus: `|` with type variables and parameterized generic classes builds typing.Union (natively when typing is
# not loaded): reprs, Optional, flattening, equality, substitution and checks.
def tryit(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


def first[T](xs: list[T]) -> T | None:
    return xs[0] if xs else None


print(first([3]), first([]), first.__annotations__["return"])
T = first.__type_params__[0]
U = TypeVar = None


class Box[X]:
    pass


X = Box.__type_params__[0]
u = T | int
print(u, int | T, T | None, None | T, type(u).__name__, u.__origin__, u.__args__, u.__parameters__)
print(T | X | int | T, (int | str) | T, T | (int | str), T | list[int], list[T] | T)
print(Box[int] | None, None | Box[int], Box[T] | int, int | Box[T], Box[int] | Box[int])
print(u == (int | T), u == (T | int | T), u == (T | str), hash(u) == hash(int | T), u == (int | str))
print((T | None)[int], (T | X)[int, str], (T | int)[int], (Box[T] | None)[str], (T | X)[X, X])
print(u.__module__, type(u).__module__, repr(u.__origin__), (T | None).__args__)
tryit(lambda: isinstance(1, T | int))
tryit(lambda: isinstance(1, Box[int] | int))
tryit(lambda: isinstance(None, Box[int] | None))
tryit(lambda: issubclass(int, Box[int] | int))
tryit(lambda: [*u])
tryit(lambda: u[int, str])
tryit(lambda: (int | str | None)[int])
tryit(lambda: u.__origin__[()])
tryit(lambda: u.__origin__[int])
tryit(lambda: u.__origin__[int, T])
tryit(lambda: u.__origin__[(int, str)])
tryit(lambda: u.__origin__[3])
tryit(lambda: u.__origin__())


def mk():
    class Sub(T | int):
        pass


tryit(mk)
d = {T | int: "a"}
print(d[int | T])

# Strings in generic subscriptions and unions become forward references.
fr = Box["Foo"].__args__[0]
print(Box["Foo"], type(fr).__name__, type(fr).__module__, fr.__module__, fr)
print(fr.__forward_arg__, fr.__forward_evaluated__, fr.__forward_value__, fr.__forward_module__)
print(fr.__forward_is_argument__, fr.__forward_is_class__)
print(fr == Box["Foo"].__args__[0], fr == Box["Bar"].__args__[0], hash(fr) == hash(Box["Foo"].__args__[0]))
print(T | "Foo", fr | int, int | fr, fr | None)
print(Box[T]["int"], (T | None)["X"], {fr: 1}[Box["Foo"].__args__[0]])
print(list["Foo"], list["Foo"].__args__)
