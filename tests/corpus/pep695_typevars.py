# Corpus: _typing.TypeVar/ParamSpec/TypeVarTuple constructors: bounds, constraints, defaults (PEP 696), variance.
from _typing import TypeVar, ParamSpec, TypeVarTuple, ParamSpecArgs, ParamSpecKwargs, NoDefault

T = TypeVar("T")
print(repr(T), T.__name__, T.__module__, T.__bound__, T.__constraints__, T.__default__, T.has_default())
print(T.__covariant__, T.__contravariant__, T.__infer_variance__)
print(repr(TypeVar("Co", covariant=True)), repr(TypeVar("Contra", contravariant=True)))
print(repr(TypeVar("Inf", infer_variance=True)))
S = TypeVar("S", bound=int)
print(S.__bound__, S.__constraints__)
print(TypeVar("N", bound=None).__bound__)
C = TypeVar("C", int, str)
print(C.__constraints__, C.__bound__)
D = TypeVar("D", default=int)
print(D.__default__, D.has_default())
print(TypeVar("DN", default=None).__default__, TypeVar("DN", default=None).has_default())
print(TypeVar("X", default=NoDefault).has_default())

for args, kwargs in [
    (("Bad", int), {}),
    (("Bad", int, str), {"bound": int}),
    (("Bad",), {"covariant": True, "contravariant": True}),
    (("Bad",), {"infer_variance": True, "covariant": True}),
    ((3,), {}),
    ((), {}),
    (("Bad",), {"bogus": 1}),
    (("Bad",), {"bound": (int, str)}),
]:
    try:
        TypeVar(*args, **kwargs)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

print(repr(TypeVar(name="K")), TypeVar("W", "x", "y").__constraints__)
for make in (lambda: TypeVar("T", name="T"), lambda: ParamSpecArgs(), lambda: ParamSpecKwargs(1, 2)):
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
print(T.__reduce__(), T == T, T != TypeVar("T"))
T.extra = 1
print(T.extra)
try:
    T.__name__ = "U"
except AttributeError as e:
    print("AttributeError:", e)
try:
    class Sub(TypeVar):
        pass
except TypeError as e:
    print("TypeError:", e)

# ParamSpec and its args/kwargs.
P = ParamSpec("P")
print(repr(P), P.__name__, P.__module__, P.__bound__, P.__default__, P.has_default())
print(P.args, P.kwargs, type(P.args).__name__, type(P.kwargs).__name__)
print(P.args.__origin__ is P, P.kwargs.__origin__ is P)
print(P.args == P.args, P.args == P.kwargs, P.args == ParamSpec("P").args)
print(repr(ParamSpec("Q", covariant=True)), repr(ParamSpec("Q", contravariant=True)))
print(ParamSpec("Q", bound=int).__bound__, ParamSpec("Q", default=[int, str]).__default__)
print(ParamSpecArgs(P), ParamSpecKwargs(T), ParamSpecArgs("x"))
try:
    ParamSpec("Q", int)
except TypeError as e:
    print("TypeError:", e)

# TypeVarTuple.
Ts = TypeVarTuple("Ts")
print(repr(Ts), Ts.__name__, Ts.__module__, Ts.__default__, Ts.has_default())
print(TypeVarTuple("Ts2", default=int).__default__)
print([*Ts], type([*Ts][0]).__name__, [*Ts][0].__origin__, [*Ts][0].__args__)
try:
    TypeVarTuple("Ts", bound=int)
except TypeError as e:
    print("TypeError:", e)
try:
    TypeVarTuple()
except TypeError as e:
    print("TypeError:", e)

# PEP 695 syntax with defaults for every kind of parameter.
class K[T = int, **P = [bytes]]:
    pass


class KV[*Ts = *tuple[str, ...]]:
    pass


T2, P2 = K.__type_params__
(Ts2,) = KV.__type_params__
print(T2.__default__, Ts2.__default__, P2.__default__)
print(T2.has_default(), Ts2.has_default(), P2.has_default())
print(repr(T2), repr(Ts2), repr(P2))
print(K[str], K[str, [int]], K.__parameters__)
try:
    class KBad[*Ts, T = int]:
        pass
except TypeError as e:
    print("TypeError:", e)


def fn[**P, *Ts]():
    pass


print(fn.__type_params__, type(fn.__type_params__[0]).__name__, type(fn.__type_params__[1]).__name__)
P3 = fn.__type_params__[0]
print(P3.args, P3.kwargs, P3.__infer_variance__)

# The alias constructor checks the order of defaults.
from _typing import TypeAliasType

try:
    TypeAliasType("A", int, type_params=(D, T))
except TypeError as e:
    print("TypeError:", e)
A = TypeAliasType("A", list, type_params=(T, D))
print(A, A.__value__, A.__type_params__, A.__parameters__, A.__module__)
for args, kwargs in [(("A", int), {"type_params": [T]}), ((1, int), {}), (("A",), {}), (("A", int, ()), {})]:
    try:
        TypeAliasType(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)

# The _typing module and the NoDefault sentinel.
import _typing

print(sorted(n for n in dir(_typing) if not n.startswith("__")), _typing.__doc__)
print(_typing._idfunc(5), _typing._idfunc is _typing._idfunc)
print(repr(NoDefault), type(NoDefault).__name__, type(NoDefault)() is NoDefault, NoDefault.__reduce__())
try:
    type(NoDefault)(1)
except TypeError as e:
    print("TypeError:", e)
print(type(T).__name__, type(T).__qualname__, type(T).__module__, _typing.Generic.__module__)
