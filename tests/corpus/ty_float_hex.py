# Corpus: float.hex / float.fromhex, as_integer_ratio, is_integer and other float methods.
vals = [0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 3.0, 255.0, 1e-10, 1e300, 5e-324, 2.2250738585072014e-308,
        1.7976931348623157e308, 0.3333333333333333, -123.456, float("inf"), float("-inf"), float("nan")]
for v in vals:
    print(repr(v), v.hex())
for s in ("0x1p0", "0x1.8p1", "-0x1p-1", "0x.8p1", "0X1P+4", "0x1.fffffffffffffp+1023", "0x1p-1074", "0x0p0",
          "  0x1p3  ", "inf", "-Infinity", "nan", "0xAp0", "0x10", "1p4", "0x1.00000000000008p0", "0x1.00000000000018p0",
          "0x1p-1075", "0x1.8p-1074", "0x3p-1076", "-0x0.0p0", "0x1_0p0" if False else "0x10p0", "0x.1", "0x1."):
    try:
        v = float.fromhex(s)
        print(repr(s), repr(v))
    except (ValueError, OverflowError) as e:
        print(repr(s), type(e).__name__, e)
for s in ("", "0x", "0xg", "0x1p", "0x1pq", "1x1", "0x1p99999", "0x1.fffffffffffff8p1023", "--0x1", "0x1p1 x"):
    try:
        print(repr(s), float.fromhex(s))
    except (ValueError, OverflowError) as e:
        print(repr(s), type(e).__name__, e)
try:
    float.fromhex(1.0)
except TypeError as e:
    print(type(e).__name__, e)
# Round-trip through hex
ok = all(float.fromhex(x.hex()) == x for x in (0.1, 1 / 3, 1e-300, 12345.6789, -2.5e100, 5e-324))
print("hex round trip", ok)
class F(float):
    pass
print(type(F.fromhex("0x1p1")).__name__, F.fromhex("0x1p1"))

# as_integer_ratio
for v in (0.0, -0.0, 1.0, 0.5, 0.1, -0.75, 3.0, 1e20, 1e-5, 2.5e-324 * 2, 1.7976931348623157e308):
    n, d = v.as_integer_ratio()
    print(repr(v), n, d, n / d == v)
for bad in (float("inf"), float("-inf"), float("nan")):
    try:
        bad.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)

# is_integer, conjugate, real/imag
for v in (0.0, -0.0, 1.0, 1.5, 1e300, 5e-324, float("inf"), float("nan"), -3.0, 2.0**53 + 2):
    print(repr(v), v.is_integer(), v.conjugate(), v.real, v.imag)
print(type((1.5).real).__name__, (2.5).__trunc__(), (-2.5).__floor__(), (-2.5).__ceil__(), (2.5).__round__())
try:
    (1.5).real = 2
except AttributeError as e:
    print(type(e).__name__, e)
try:
    float.fromhex()
except TypeError as e:
    print(type(e).__name__, e)
print(float.__getformat__("double"))
try:
    float.__getformat__("long")
except ValueError as e:
    print(type(e).__name__, e)
