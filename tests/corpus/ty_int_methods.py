# Corpus: int methods and attributes: bit_length, bit_count, as_integer_ratio, conjugate, is_integer, etc.
vals = [0, 1, -1, 7, -8, 255, 256, 2**31 - 1, -2**31, 2**63, -2**63 - 1, 10**30, -(10**30) + 7]
for v in vals:
    print(v, v.bit_length(), v.bit_count(), v.as_integer_ratio(), v.conjugate(), v.is_integer(),
          v.numerator, v.denominator, v.real, v.imag)
print(True.bit_length(), False.bit_count(), True.as_integer_ratio(), True.numerator, type(True.real).__name__)
print(type((5).conjugate()).__name__, type(True.conjugate()).__name__, type((3).as_integer_ratio()[0]).__name__)

# Methods are callable through the class too
print(int.bit_length(1023), int.bit_count(-255), int.as_integer_ratio(-4), int.is_integer(9))
print(int.__abs__(-3), int.__neg__(3), int.__bool__(0), int.__index__(7), int.__int__(True), type(int.__int__(True)).__name__)

# Attribute errors
for name in ("numerator", "real", "imag", "denominator"):
    try:
        setattr(5, name, 1)
    except AttributeError as e:
        print(type(e).__name__, e)
try:
    (5).bit_length(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int.bit_length("x")
except TypeError as e:
    print(type(e).__name__, e)

# int() constructor basics
print(int(), int(5), int(-5.9), int("  42  "), int("-0"), int("+17"), int(True), int(2.0**70))
print(int("1_000"), int("0_0"), int(" -1_2_3 "), int("\t9\n"))
class I(int):
    pass
print(int(I(5)), type(int(I(5))).__name__, I(3) + I(4), type(I(3) + I(4)).__name__, repr(I(-9)))
try:
    int(5, 10)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int(x=5)
except TypeError as e:
    print(type(e).__name__, e)
print(int("12", base=8), int("ff", 16), int(" 0x_f ", base=0))

# Bitwise with negatives
print(-1 & 0xFF, -256 | 15, -5 ^ 3, ~0, ~-1, ~(2**70), -(2**70) & (2**70 + 5), 6 & -6)
print(5 >> 1, -5 >> 1, -1 >> 100, 1 << 100, -3 << 3, 0 << 1000, 2**100 >> 98)

# Comparisons and hashing of ints
print(2**100 == 2**100, 2**100 < 2**100 + 1, -(2**100) < 0, hash(2**100) == hash(2**100))
print(max(3, 2**64, -5), min(-(2**64), 0), sorted([10**20, -3, 7, 2**65, 0]))
print(abs(-2**80), pow(-2, 63), (-2) ** 64, 0 ** 0, (-1) ** 10**9, 2 ** -1, (-8) ** (1 / 3) if False else "")

# int.__format__ / str and repr
print(str(-0), repr(12345678901234567890), f"{2**64:,}", f"{-2**40:_x}", format(255, "#o"), format(-255, "#b"))

# Float conversions of huge ints
print(float(2**1023), float(2**53 + 1), float(-(2**63)))
try:
    float(2**1024)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    2**1024 / 1
except OverflowError as e:
    print(type(e).__name__, e)
print((2**1024) // 3 > 0, 10**400 / 10**399, 1 / 3 == 1 / 3, (10**30) / (10**28))
try:
    1 / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1 // 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1 % 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print(type(e).__name__, e)
