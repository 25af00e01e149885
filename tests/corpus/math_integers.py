# math: exact integer functions (gcd, lcm, isqrt, factorial, comb, perm) on small and huge ints, and their errors.
import math


def t(f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(f.__name__, args, "!!", type(e).__name__, e)
    else:
        if isinstance(r, int) and r.bit_length() > 400:
            s = "<%d bits, hash %d, mod %d>" % (r.bit_length(), hash(r), r % 1000000007)
        else:
            s = repr(r)
        print(f.__name__, args, "->", type(r).__name__, s)


big = 2**200 * 3**50
other = 2**150 * 5**30 * 3**7
for args in [(), (0,), (-12,), (12, 18), (-12, 18), (12, -18), (0, 0), (0, -5), (7, 13), (2**64, 2**32),
             (big, other), (-big, other), (big * 7919, other * 7919), (12, 18, 27), (1, 2**300, 3),
             (True, 4), (10**40 + 1, 10**40 - 1), (2**63 - 1, 2**62), (-2**63, 2**63)]:
    t(math.gcd, *args)
    t(math.lcm, *args)
print(math.gcd(*[2**100 * k for k in range(1, 50)]) == 2**100, math.lcm(*range(1, 60)))
t(math.gcd, 1.5)
t(math.gcd, 4, 2.0)
t(math.lcm, 4, "2")
t(math.lcm, 0, 1.5)
t(math.gcd, 1, 1.5)

for n in [0, 1, 2, 3, 4, 8, 15, 16, 17, 24, 99, 100, 2**32 - 1, 2**32, 2**52 + 1, 2**62, 2**63 - 1, 2**63,
          2**64, 10**30, 10**30 - 1, 2**200, 2**200 - 1, 3**501, 10**1000 + 12345, True]:
    r = math.isqrt(n)
    print("isqrt", n if n < 10**40 else hash(n), r if r < 10**40 else hash(r), r * r <= n < (r + 1) * (r + 1))
for bad in [-1, -10**30, 1.5, "4", None]:
    t(math.isqrt, bad)

for n in [0, 1, 2, 5, 10, 20, 21, 25, 50, 100, 171, 500, 1000, 3000, True]:
    t(math.factorial, n)
f = math.factorial(20000)
print("factorial(20000)", f.bit_length(), f % (10**9 + 7), hash(f))
for bad in [-1, -10**30, 10**30, 2**63, 5.0, "5", None]:
    t(math.factorial, bad)

for n, k in [(5, 0), (5, 1), (5, 2), (5, 5), (5, 6), (0, 0), (10, 3), (52, 5), (100, 50), (1000, 3),
             (1000, 997), (2**70, 3), (2**70, 2**70 - 2), (10**30, 10**30), (10**30, 10**30 + 1), (30, 2**70),
             (10**30, 10**25), (10**30, 10**31), (True, True), (3000, 1500)]:
    t(math.comb, n, k)
    t(math.perm, n, k)
for n in [0, 5, 20, -1]:
    t(math.perm, n)
    t(math.perm, n, None)
for args in [(-1, 2), (5, -1), (-1, -1), (5, 1.0), (5.0, 1), ("5", 1), (5,), (), (1, 2, 3)]:
    t(math.comb, *args)
    t(math.perm, *args)
c = math.comb(100000, 50000)
print("comb(100000, 50000)", c.bit_length(), c % 1000000007)
p = math.perm(50000, 20000)
print("perm(50000, 20000)", p.bit_length(), p % 1000000007)
