# Corpus: PEP 695 `type` statements: TypeAliasType attributes, lazy and recursive values, generic aliases.
type Num = int
print(Num, repr(Num), type(Num).__name__, type(Num).__module__)
print(Num.__name__, Num.__value__, Num.__type_params__, Num.__parameters__, Num.__module__)

# The value is evaluated lazily, and only once.
calls = []


def note(v):
    calls.append(v)
    return v


type Lazy = note(Forward)


class Forward:
    pass


print(calls)
print(Lazy.__value__.__name__, Lazy.__value__ is Lazy.__value__, len(calls))

# Errors in the value surface on access and are retried.
type Bad = missing_name
for _ in range(2):
    try:
        Bad.__value__
    except NameError as e:
        print("NameError:", e)

# Recursive aliases refer to themselves by name.
type Tree = list[Tree]
print(Tree.__value__, Tree.__value__.__args__[0] is Tree)
type Json = dict[str, Json] | list[Json] | str | int | None
print(Json.__value__)

# Generic aliases.
type Pairs[K, V = int] = list[tuple[K, V]]
print(Pairs.__type_params__, Pairs.__parameters__, Pairs.__value__)
K, V = Pairs.__type_params__
print(V.__default__, V.has_default(), K.has_default())
print(Pairs[str, float], type(Pairs[str, float]).__name__)
print(Pairs[str, float].__origin__ is Pairs, Pairs[str, float].__args__)
print(Pairs[str])
try:
    Num[int]
except TypeError as e:
    print("TypeError:", e)

type Var[*Ts] = tuple[int, *Ts]
print(Var.__type_params__, Var.__parameters__, Var.__value__)
print(Var[str, bytes])

type Fn[**P, R] = tuple[P, R]
print(Fn.__type_params__, Fn[[int, str], bool])

# Aliases in classes and functions.
class Holder:
    type Inner = int


print(Holder.Inner, Holder.Inner.__name__, Holder.Inner.__value__)


def make():
    type Local[T] = list[T]
    return Local


L = make()
print(L, L.__name__, L.__value__, L.__type_params__)

# A type alias is not a class and cannot be subclassed or instantiated.
try:
    class Sub(Num):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    Num()
except TypeError as e:
    print("TypeError:", e)
try:
    Num.__value__ = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    Num.__module__ = "elsewhere"
except AttributeError as e:
    print("AttributeError:", e)
print(Num | None, None | Num, Num | str)
print(Num == Num, hash(Num) == hash(Num))
try:
    type(Num)()
except TypeError as e:
    print("TypeError:", e)
