# cmath: every function over ordinary, huge, tiny, zero, infinite and NaN arguments, with CPython's results and
# errors (ValueError "math domain error", OverflowError "math range error").
import cmath
import math

inf, nan = math.inf, math.nan
parts = [-inf, -1e308, -2.5, -1.0, -1e-310, -0.0, 0.0, 1e-310, 0.5, 1.0, 1.5, 1e308, inf, nan]
names = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp', 'log', 'log10', 'sin', 'sinh',
         'sqrt', 'tan', 'tanh', 'phase', 'polar', 'isfinite', 'isinf', 'isnan']


def show(f, *args):
    try:
        return repr(f(*args))
    except Exception as e:
        return f'{type(e).__name__}: {e}'


for name in names:
    f = getattr(cmath, name)
    out = []
    for re in parts:
        for im in parts:
            out.append(show(f, complex(re, im)))
    print(name, ' '.join(out))

for name in names[:16]:
    f = getattr(cmath, name)
    print(name, [show(f, x) for x in [0, 1, -1, 2, 0.3, -0.3, 3 + 4j, -3 - 4j, 1j, -1j, 700, -700, 710, 1e-20j]])

for r in parts:
    print('rect', r, [show(cmath.rect, r, phi) for phi in parts + [math.pi / 2, -math.pi]])
print([show(cmath.log, z, b) for z in [0, 1, 2, 8, -1, 1j, 1e308] for b in [0, 1, 2, 10, 1j, -2.5]])
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nan, cmath.nanj)
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1, 1.1, rel_tol=0.2), cmath.isclose(0, 1e-10),
      cmath.isclose(0, 1e-10, abs_tol=1e-9), cmath.isclose(complex(inf, 0), complex(inf, 0)),
      cmath.isclose(complex(inf, 1), complex(inf, 2)), cmath.isclose(nan, nan))


class C:
    def __complex__(self):
        return 1 + 2j


class D:
    def __complex__(self):
        return 1.5


class E:
    def __float__(self):
        return 2.5


class G:
    def __index__(self):
        return 7


class Sub(complex):
    pass


print([show(cmath.sqrt, o) for o in [C(), E(), G(), Sub(4, 0), True, D(), 'x', None, 2**2000]])
for f in [lambda: cmath.sqrt(1, 2), lambda: cmath.log(), lambda: cmath.log(1, 2, 3), lambda: cmath.log(x=1),
          lambda: cmath.rect(1), lambda: cmath.rect(1, 2, x=3), lambda: cmath.isclose(1),
          lambda: cmath.isclose(1, 1, rel_tol=-1), lambda: cmath.isclose(1, 2, 3), lambda: cmath.phase('a'),
          lambda: cmath.polar(complex(1e308, 1e308)), lambda: cmath.polar(complex(inf, nan)),
          lambda: cmath.exp(1000), lambda: cmath.cosh(1000), lambda: cmath.log(10**400)]:
    print(show(f))
print(sorted(n for n in dir(cmath) if not n.startswith('_')))
