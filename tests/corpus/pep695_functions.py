# Corpus: PEP 695 generic functions: __type_params__, TypeVar attributes, lazy bounds, nested scopes.
def ident[T](x: T) -> T:
    return x


print(ident(3), ident("a"))
print(ident.__type_params__)
(T,) = ident.__type_params__
print(type(T).__name__, T.__name__, repr(T), str(T))
print(ident.__annotations__["x"] is T, ident.__annotations__["return"] is T)
print(T.__bound__, T.__constraints__, T.__default__, T.has_default())
print(T.__covariant__, T.__contravariant__, T.__infer_variance__)
print(T.__module__, type(T).__module__, type(T).__qualname__)


def plain():
    pass


print(plain.__type_params__, type(plain.__type_params__).__name__)


def many[A, B: int, C: (str, bytes), D = list](a: A, b: B) -> tuple:
    return (a, b)


print(many.__type_params__)
A, B, C, D = many.__type_params__
print(A.__bound__, B.__bound__, C.__bound__)
print(A.__constraints__, B.__constraints__, C.__constraints__)
print(A.has_default(), D.has_default(), D.__default__, A.__default__)
print(many(1, 2))


# Bounds, constraints and defaults are evaluated lazily, on first access.
def lazy[T: Later, U: (Later, int), V = Later]():
    pass


class Later:
    pass


T, U, V = lazy.__type_params__
print(T.__bound__.__name__, U.__constraints__[0].__name__, V.__default__.__name__)
print(T.__bound__ is T.__bound__)


def broken[T: undefined_name]():
    pass


(T,) = broken.__type_params__
for _ in range(2):
    try:
        T.__bound__
    except NameError as e:
        print("NameError:", e)


# The type parameter is visible inside the function body and in nested functions.
def outer[T](x):
    def inner():
        return T

    return inner() is outer.__type_params__[0], T.__name__


print(outer(1))


# Methods of a generic class can have their own type parameters.
class Box[T]:
    def map[U](self, f: "callable[[T], U]") -> U:
        return U

    def same(self) -> T:
        return T


print(Box.map.__type_params__, Box().map(None), Box().same())
print(Box.map.__type_params__[0] is not Box.__type_params__[0])


# Generic async functions and generators.
async def agen[T](x: T):
    return x


def gen[T](x: T):
    yield x


print(agen.__type_params__, gen.__type_params__, list(gen(5)))


# Decorators see the function after __type_params__ is set.
def show(f):
    print("decorating", f.__name__, f.__type_params__)
    return f


@show
def decorated[K, V](k: K, v: V):
    pass


# __type_params__ is writable with a tuple only.
def f():
    pass


f.__type_params__ = (T,)
print(f.__type_params__)
try:
    f.__type_params__ = [T]
except TypeError as e:
    print("TypeError:", e)
try:
    del f.__type_params__
except TypeError as e:
    print("TypeError:", e)
print(f.__type_params__)


# Same-named type parameters in different functions are different objects.
def g1[T]():
    pass


def g2[T]():
    pass


print(g1.__type_params__[0] == g2.__type_params__[0], g1.__type_params__[0] == g1.__type_params__[0])
print(hash(g1.__type_params__[0]) == hash(g1.__type_params__[0]))

try:
    class Sub(T):
        pass
except TypeError as e:
    print("TypeError:", e)
