# Corpus: inf and nan handling: arithmetic, comparisons, containers, conversions and hashing.
inf = float("inf")
ninf = float("-inf")
nan = float("nan")
print(inf, ninf, nan, -nan, repr(inf), str(ninf), abs(ninf), -inf, +nan)
print(inf + 1, inf - inf, inf * 0, inf * -1, inf / inf, 1 / inf, -1 / inf, inf // 2 if False else "", inf % 2 if False else "")
print(nan + 1, nan * 0, nan - nan, 0 * nan, nan ** 0, 1 ** nan, nan ** 1)
print(inf == inf, inf > 1e308, ninf < -1e308, inf == -ninf, inf > 10**1000, ninf < -(10**1000), 10**1000 < inf)
print(nan == nan, nan != nan, nan < 1, nan > 1, nan <= nan, nan >= nan, 1 < nan, nan is nan)
x = nan
print(x == x, x is x, [x] == [x], (x,) == (x,), x in [x], x in [float("nan")], {x: 1}.get(x), [x].count(x), [x].index(x))
print([nan, 1.0].count(nan), float("nan") in {nan}, len({nan, nan}), len({float("nan"), float("nan")}))
print(max(1, nan), max(nan, 1), min(nan, 1), min(1, nan), sorted([3, nan, 1]) if False else "sort-skip")
print(sorted([inf, 1, ninf, 0, -0.0, 1e308]))
print(hash(inf), hash(ninf), hash(0.0) == hash(-0.0), 0.0 == -0.0, hash(1.0) == hash(1))

# Conversions
for v in (inf, ninf, nan):
    for f in (int, round):
        try:
            f(v)
        except (OverflowError, ValueError) as e:
            print(type(e).__name__, e)
    print(v.is_integer(), str(v), format(v, ".3f"), format(v, "e"), format(v, "g"), format(v, "%"), format(v, "+"), format(v, "08.2f"))
print(f"{inf:>8}|{nan:<6}|{ninf:^10}|{inf:E}|{nan:F}|{nan:G}")
print("%f %e %g %F %E %G" % (inf, ninf, nan, inf, ninf, nan))
print(float("InFiNiTy"), float("-iNF"), float("NAN"), float("+nan"), repr(float("-nan")))

# Signed zero
nz = -0.0
print(nz, repr(nz), str(nz), nz == 0, 1 / inf == nz, -1 / inf, 0.0 * -1, -0.0 + 0.0, -0.0 - 0.0, -0.0 * -0.0)
print(format(nz, ".2f"), "%.1f" % nz, round(nz), round(nz, 2), int(nz), abs(nz), -nz, nz.hex(), nz.as_integer_ratio())
print(divmod(nz, 1), nz // 1, nz % 1, 0.0 % -1, (-1e-300) % 1)

# Overflow to inf in arithmetic vs exceptions
print(1e308 + 1e308, 1e308 * 10, -1e308 * 10, 1e-323 / 10, 1e308 * 1e308)
try:
    1e308 ** 2
except OverflowError as e:
    print(type(e).__name__, e)
try:
    2.0 ** 10000
except OverflowError as e:
    print(type(e).__name__, e)
print(inf ** 2, ninf ** 3, ninf ** 2, inf ** -1, (-inf) ** 0.5 if False else "", 0.0 ** inf, 2.0 ** ninf)
try:
    1.0 / 0.0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    inf / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(inf * 1j, complex(inf, nan), complex(nan, 0) == complex(nan, 0), abs(complex(inf, nan)), abs(complex(nan, inf)))
print(inf // 1, inf % 1, ninf // 1, 5 // inf, -5 // inf, 5 % inf, -5 % inf, 5 % ninf)
print(sum([inf, ninf]), sum([1e308, 1e308, -1e308]), float(10**308 * 10) if False else "", 1e309, -1e309)
