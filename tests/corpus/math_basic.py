# math: constants, the float functions over libm, special values (inf, nan, -0.0) and their error messages.
import math

INF = float("inf")
NAN = float("nan")


def show(args):
    return tuple(a if type(a) in (int, float, bool, str, complex, type(None)) else type(a).__name__ for a in args)


def t(f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(f.__name__, show(args), kw or "", "!!", type(e).__name__, e)
    else:
        print(f.__name__, show(args), kw or "", "->", type(r).__name__, repr(r))


print(math.pi, math.e, math.tau, math.inf, math.nan, -math.inf)
print(type(math.pi), math.__name__)

values = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 1e-300, 5e-324, 0.7, 3.0, 10.0, 100.0, 709.0, 710.0, 1e300,
          -1e300, 1e16, -3.5, INF, -INF, NAN, 7, -7, True, 2**60]
for fn in [math.sqrt, math.exp, math.exp2, math.expm1, math.log, math.log2, math.log10, math.log1p,
           math.sin, math.cos, math.tan, math.asin, math.acos, math.atan, math.sinh, math.cosh, math.tanh,
           math.asinh, math.acosh, math.atanh, math.erf, math.erfc, math.gamma, math.lgamma, math.fabs,
           math.cbrt, math.degrees, math.radians, math.isfinite, math.isinf, math.isnan, math.frexp, math.modf,
           math.ulp]:
    for v in values:
        t(fn, v)

for fn in [math.ceil, math.floor, math.trunc]:
    for v in [0.0, -0.0, 1.5, -1.5, 2.5, 1e300, INF, -INF, NAN, 7, -7, True, 2**100]:
        t(fn, v)

pairs = [(0.0, 0.0), (-0.0, 0.0), (1.0, 0.0), (1.0, -0.0), (0.0, -1.0), (-0.0, -1.0), (2.0, 10.0),
         (2.0, 0.5), (-2.0, 0.5), (-2.0, 3.0), (-2.0, -3.0), (10.0, 400.0), (10.0, -400.0), (INF, 2.0),
         (INF, -2.0), (-INF, 3.0), (-INF, -3.0), (-INF, 2.0), (NAN, 0.0), (1.0, NAN), (NAN, 1.0), (0.5, INF),
         (0.5, -INF), (2.0, INF), (2.0, -INF), (-1.0, INF), (INF, INF), (-INF, INF), (7.5, 2.0), (-7.5, 2.0),
         (7.5, -2.0), (1e308, 1e-308), (5, 3), (3, INF), (INF, 3)]
for fn in [math.pow, math.atan2, math.copysign, math.fmod, math.remainder, math.ldexp]:
    for a, b in pairs:
        t(fn, a, b)

for a, b in [(1.0, 5), (1.0, -1075), (1.0, 1024), (1.0, 10**30), (1.0, -10**30), (0.0, 10**30), (INF, -5),
             (NAN, 3), (-1.5, True), (1.0, 2.0), (5e-324, 1074), (3, 2)]:
    t(math.ldexp, a, b)

for args in [(2, 3), (2, 3, 4), (1e300, 1e300, -INF), (INF, 0, 1), (NAN, 0, 1), (1e308, 10, 0), (0.1, 10, -1),
             (-0.0, 1, 0.0), (1, 1)]:
    t(math.fma, *args)

for args in [(1.0, 2.0), (1.0, 0.0), (0.0, -1.0), (-0.0, 1.0), (1.0, 1.0), (NAN, 1.0), (1.0, NAN), (INF, 0.0),
             (1e308, INF)]:
    t(math.nextafter, *args)
for steps in [0, 1, 2, 10, 2**53, 2**64, 2**100, -1, 1.5, None]:
    t(math.nextafter, 1.0, 2.0, steps=steps)
    t(math.nextafter, 1.0, -2.0, steps=steps)
    t(math.nextafter, -5e-324, 5e-324, steps=steps)
    t(math.nextafter, 0.0, -1.0, steps=steps)

for a, b, kw in [(1.0, 1.0, {}), (1.0, 1.0 + 1e-10, {}), (1.0, 1.1, {}), (1.0, 1.1, {"rel_tol": 0.2}),
                 (0.0, 1e-10, {}), (0.0, 1e-10, {"abs_tol": 1e-9}), (INF, INF, {}), (INF, -INF, {}),
                 (NAN, NAN, {}), (1.0, 2.0, {"rel_tol": -1}), (1.0, 2.0, {"abs_tol": -1}), (5, 5, {})]:
    t(math.isclose, a, b, **kw)

# log with a base, and of huge ints
for args in [(8, 2), (100, 10), (1, 1), (2.0, 0.5), (0, 2), (8, 0), (-1, 2), (10**400,), (10**400, 10),
             (2**1024,), (2**1023 * 3,), (2**2000 - 1,), (10**1000, 10**500), (True,), (False,), ("x",)]:
    t(math.log, *args)
for v in [10**400, 2**5000, 2**1024 - 1, 3**2000, 0, -10**400]:
    t(math.log2, v)
    t(math.log10, v)
    t(math.log1p, v)
    t(math.sqrt, v)

# argument errors
t(math.sqrt, "x")
t(math.sqrt, None)
t(math.sqrt, 1j)
t(math.sqrt, 10**400)
t(math.pow, 1)
t(math.pow, 1, 2, 3)
t(math.log)
t(math.log, 1, 2, 3)
t(math.copysign, 1)
t(math.atan2, 1, "a")
t(math.ldexp, 1.0, 1.5)
t(math.ldexp, 1.0, "1")
t(math.trunc, "a")
t(math.trunc, 1.5j)
t(math.ceil, "a")
t(math.floor, 1j)
t(math.ceil, None)
t(math.fma, 1, 2)
t(math.isclose, 1)
t(math.isclose, 1, 2, 3)
t(math.isclose, 1, 2, tol=3)
t(math.nextafter, 1, 2, 3)
t(math.frexp, "1")
t(math.isnan, "1")


class Num:
    def __ceil__(self):
        return "ceil!"

    def __floor__(self):
        return "floor!"

    def __trunc__(self):
        return "trunc!"

    def __float__(self):
        return 2.5


class F(float):
    def __ceil__(self):
        return "F.ceil"


class Idx:
    def __index__(self):
        return 5


for fn in [math.ceil, math.floor, math.trunc, math.sqrt, math.isnan]:
    t(fn, Num())
    t(fn, F(1.5))
t(math.floor, F(1.5))
t(math.sqrt, Idx())
t(math.ldexp, 1.0, Idx())
t(math.pow, Num(), 2)

# Keyword arguments to positional-only functions, argument counts, and the module's names.
t(math.pow, x=1, y=2)
t(math.sqrt)
t(math.sqrt, 1, 2)
t(math.hypot, x=1)
t(math.gcd, x=1)
t(math.cos, x=1)
t(math.log, x=1)
t(math.fsum, seq=[1])
t(math.prod, iterable=[1])
t(math.perm, n=1)
t(math.fma, x=1, y=2, z=3)
t(math.nextafter, 1, 2, steps=3, z=1)
t(math.isclose, a=1, b=1)
print(math.ceil.__name__, math.gcd.__module__, repr(math.gcd), math.__doc__[:30], math.sqrt.__doc__[:10])
print(sorted(n for n in dir(math) if not n.startswith("_")))
