# Corpus: _typing.Generic used explicitly with TypeVar objects: Generic[...] checks and __parameters__ collection.
from _typing import Generic, TypeVar, ParamSpec, TypeVarTuple

T = TypeVar("T")
U = TypeVar("U")
P = ParamSpec("P")
Ts = TypeVarTuple("Ts")

print(Generic, Generic.__mro__, Generic.__module__, Generic.__name__)
print(Generic[T], Generic[T, U], Generic[P], Generic[*Ts], Generic[T].__parameters__)
print(Generic[T].__origin__ is Generic, Generic[T].__args__)


class A(Generic[T]):
    pass


print(A.__parameters__, A.__orig_bases__, A.__bases__, A.__mro__)
print(A[int], A[U], A[U].__parameters__, A[U][str])
print(A.__type_params__)


class B(A[T], Generic[U, T]):
    pass


print(B.__parameters__, B.__orig_bases__, B.__mro__)


class C(A[U]):
    pass


print(C.__parameters__, C[bytes])


class D(A[int]):
    pass


print(D.__parameters__)


class V(Generic[*Ts]):
    pass


print(V.__parameters__, V[int, str], V[()])


class Q(Generic[P]):
    pass


print(Q[[int, str]], Q[int, str], Q[...], Q[P])

for body in [
    lambda: type("X", (Generic,), {}),
    lambda: Generic[int],
    lambda: Generic[T, T],
    lambda: Generic[()],
    lambda: Generic[T][int],
    lambda: type("X", (A[U],), {"__orig_bases__": (A[U], Generic[T])}),
    lambda: type(Generic()).__name__,
]:
    try:
        print(body())
    except TypeError as e:
        print("TypeError:", e)

try:
    class X(Generic[T], Generic[U]):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Y(A[U], Generic[T]):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Z(Generic):
        pass
except TypeError as e:
    print("TypeError:", e)

print(Generic.__class_getitem__(T), A.__class_getitem__(int))
print(A() is not None, type(A[int]()).__name__, A[int]().__orig_class__)
