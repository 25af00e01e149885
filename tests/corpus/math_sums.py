# math: fsum, hypot, dist, sumprod, prod (accurate summation, n-ary arguments, mixed types), and gamma/lgamma and
# the libm functions over a sweep of pseudo-random arguments, compared bit for bit.
import math

INF = float("inf")
NAN = float("nan")


def t(f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(f.__name__, "!!", type(e).__name__, e)
    else:
        print(f.__name__, "->", type(r).__name__, repr(r))


# A deterministic stream of awkward doubles.
state = 12345


def rnd():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return state


def rfloat(scale_bits=60):
    m = rnd() >> 11
    e = rnd() % scale_bits - scale_bits // 2
    s = -1.0 if rnd() & 1 else 1.0
    return s * math.ldexp(m, e - 53)


vals = [rfloat() for _ in range(200)]

t(math.fsum, [])
t(math.fsum, [0.1] * 10)
t(math.fsum, [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])
t(math.fsum, [1.0, 1e-16, 1e-16])
t(math.fsum, [2.0**53, -0.5, -2.0**-54])
t(math.fsum, [1e308, 1e308, -1e308])
t(math.fsum, [INF, 1.0])
t(math.fsum, [INF, -INF])
t(math.fsum, [NAN, 1.0])
t(math.fsum, [INF, NAN])
t(math.fsum, [-0.0, -0.0])
t(math.fsum, [1, 2, 3, True])
t(math.fsum, iter([0.5, 0.25]))
t(math.fsum, ["a"])
t(math.fsum, 5)
t(math.fsum, [10**400])
t(math.fsum, vals)
t(math.fsum, [v * 1e200 for v in vals[:50]] + [-v * 1e200 for v in vals[:50]] + vals[50:60])
for i in range(0, 200, 20):
    print(math.fsum(vals[i:i + 20]), sum(vals[i:i + 20]))

t(math.hypot)
t(math.hypot, 3)
t(math.hypot, -3)
t(math.hypot, 3, 4)
t(math.hypot, 3, 4, 12)
t(math.hypot, INF, NAN)
t(math.hypot, NAN, 1)
t(math.hypot, 1e308, 1e308)
t(math.hypot, 5e-324, 5e-324)
t(math.hypot, 1e-310, 2e-310, 3e-311)
t(math.hypot, 0.0, -0.0)
t(math.hypot, *vals[:30])
t(math.hypot, 1, True, 2.5)
t(math.hypot, "a")
t(math.hypot, 10**400)
for i in range(0, 198, 2):
    print(math.hypot(vals[i], vals[i + 1]), end=" ")
print()
t(math.dist, (1, 2), (4, 6))
t(math.dist, [1.5, 2.5, 3.5], (0, 0, 0))
t(math.dist, (), ())
t(math.dist, iter([1, 2]), iter([3, 4]))
t(math.dist, (1,), (1, 2))
t(math.dist, 1, 2)
t(math.dist, (1,))
t(math.dist, ("a",), (1,))
t(math.dist, (INF,), (INF,))
t(math.dist, vals[:20], vals[20:40])

t(math.sumprod, [], [])
t(math.sumprod, [1, 2, 3], [4, 5, 6])
t(math.sumprod, [1.5, 2.5], [3, True])
t(math.sumprod, [0.1] * 10, [0.1] * 10)
t(math.sumprod, vals[:100], vals[100:])
t(math.sumprod, [2**62, 2**62, 5], [2, 2, 1])
t(math.sumprod, [10**30, 2], [3, 4])
t(math.sumprod, [1, 2.5, 3], [4, 5, 6])
t(math.sumprod, [1e308, 1e308, 1.0], [10.0, -10.0, 1.0])
t(math.sumprod, ["a", "b"], [2, 3])
t(math.sumprod, [1, 2], [3])
t(math.sumprod, [1], [3, 4])
t(math.sumprod, 1, [3])
t(math.sumprod, [1j, 2], [1j, 3.5])
t(math.sumprod, [INF, 1.0], [1.0, NAN])
t(math.sumprod, [1.0, 2**1100], [1.0, 1])
t(math.sumprod, [1.0, 2**1100], [1.0, 1.0])
t(math.sumprod, [1])

t(math.prod, [])
t(math.prod, [1, 2, 3, 4])
t(math.prod, [1.5, 2, 3])
t(math.prod, range(1, 30))
t(math.prod, [2] * 100)
t(math.prod, [], start=5)
t(math.prod, [2, 3], start=0.5)
t(math.prod, ["ab", 3])
t(math.prod, [3, "ab"])
t(math.prod, [[1], 3], start=2)
t(math.prod, vals[:20])
t(math.prod)
t(math.prod, [1], 2)
t(math.prod, [1], begin=2)
t(math.prod, 5)

# Gamma functions and libm over a sweep of arguments.
gvals = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.7, 23.0, 24.0, 30.5, 100.5, 140.0, 141.5, 170.5, 171.7, 200.0,
         -170.5, -180.3, -200.5, 1e-25, -1e-25, 1e-5, 5.5, 6.0, 171.0, 172.0, 1e308, -1e308, 0.0, -0.0, -1.0,
         -2.0, INF, -INF, NAN]
for v in gvals:
    t(math.gamma, v)
    t(math.lgamma, v)
for i in range(150):
    x = rfloat(12)
    print(repr(x), math.gamma(x) if x > -180 and (x > 0 or x != int(x)) and x < 171 else None,
          math.lgamma(x) if x != int(x) or x > 0 else None)
for i in range(100):
    x = rfloat(16)
    out = []
    for f in [math.sin, math.cos, math.tan, math.atan, math.sinh, math.tanh, math.asinh, math.erf, math.erfc,
              math.cbrt, math.exp, math.expm1, math.exp2, math.sqrt, math.log, math.log1p, math.acos]:
        try:
            out.append(repr(f(x)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__)
    print(repr(x), " ".join(out))
