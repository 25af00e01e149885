# Corpus: with a module named `typing` in sys.modules, PEP 695 objects call into it exactly as CPython's C code does.
import sys
from _typing import Generic, TypeVar, ParamSpec, TypeVarTuple

calls = []


class FakeAlias:
    def __init__(self, origin, args):
        self.origin, self.args = origin, args

    def __repr__(self):
        return f"FakeAlias({self.origin.__name__}, {self.args!r})"

    def __mro_entries__(self, bases):
        return (self.origin,)


class FakeUnpack:
    def __getitem__(self, item):
        calls.append(("Unpack", item))
        return ("unpacked", item)


class FakeTyping:
    Unpack = FakeUnpack()

    @staticmethod
    def _GenericAlias(origin, params):
        calls.append(("_GenericAlias", origin.__name__, params))
        return FakeAlias(origin, params)

    @staticmethod
    def _generic_class_getitem(cls, params):
        calls.append(("_generic_class_getitem", cls.__name__, params))
        return FakeAlias(cls, params)

    @staticmethod
    def _generic_init_subclass(cls, *args, **kwargs):
        calls.append(("_generic_init_subclass", cls.__name__, args, kwargs))

    @staticmethod
    def _type_check(arg, msg):
        calls.append(("_type_check", arg, msg))
        return arg

    @staticmethod
    def _make_union(left, right):
        calls.append(("_make_union", left, right))
        return "union"

    @staticmethod
    def _typevar_subst(tv, arg):
        calls.append(("_typevar_subst", tv, arg))
        return arg

    @staticmethod
    def _paramspec_subst(ps, arg):
        calls.append(("_paramspec_subst", ps, arg))
        return arg

    @staticmethod
    def _paramspec_prepare_subst(ps, alias, args):
        calls.append(("_paramspec_prepare_subst", ps, alias, args))
        return args

    @staticmethod
    def _typevartuple_prepare_subst(tvt, alias, args):
        calls.append(("_typevartuple_prepare_subst", tvt, alias, args))
        return args


sys.modules["typing"] = FakeTyping


def show():
    for c in calls:
        print(*c)
    calls.clear()


class A[T, *Ts]:
    pass


print(A.__bases__, A.__orig_bases__)
show()
print(A[int])
show()
T = TypeVar("T", bound=int)
print(T.__bound__)
show()
print(T | int, int | T, ParamSpec("P") | None)
show()
print(T.__typing_subst__(str))
P = ParamSpec("P")
print(P.__typing_subst__([int]), P.__typing_prepare_subst__("alias", (int,)))
Ts = TypeVarTuple("Ts")
print(Ts.__typing_prepare_subst__("alias", (int,)), [*Ts])
show()
print(Generic.__class_getitem__(T))
show()
del sys.modules["typing"]
