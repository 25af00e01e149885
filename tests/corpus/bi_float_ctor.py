# Corpus: float() construction: strings (inf/nan/exponents/underscores), ints, __float__/__index__, errors, repr.
for s in ["1.5", "  -2.25  ", "1e3", "1E-3", "+.5", "5.", "inf", "-Infinity", "nan", "-nan", "iNfInItY",
          "1_000.000_1", "010", "1e400", "-1e400", "1e-400", "  \n3.0\t", "١.٥"]:
    print(repr(s), repr(float(s)))
for s in ["", "abc", "1.2.3", "1e", "e5", "1_", "_1", "1__0", "0x10", "in", "nan1", "1 2", "--1", "1,5"]:
    try:
        float(s)
    except ValueError as e:
        print(type(e).__name__, e)
print(float(), float(7), float(-0), float(True), float(2**53 + 1), float(10**308), float(b"2.5"))
try:
    float(10**400)
except OverflowError as e:
    print(type(e).__name__, e)


class HasFloat:
    def __float__(self):
        return 1.25


class HasIndex:
    def __index__(self):
        return 3


class BadFloat:
    def __float__(self):
        return "no"


class FloatSub(float):
    pass


print(float(HasFloat()), float(HasIndex()), float(FloatSub(4.5)), type(float(FloatSub(4.5))).__name__)
for bad in [BadFloat(), None, [1.0], 1j, "1.0j", object()]:
    try:
        float(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    float(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    float(x=1)
except TypeError as e:
    print(type(e).__name__, e)
vals = [0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 1.5e-7, 123456789.123, 5e-324, 1.7976931348623157e308,
        -0.0, 100.0, 1e22, 1e23, 0.30000000000000004, 2.0 ** 0.5]
print([repr(v) for v in vals])
print([str(v) for v in vals[:6]])
print(float("nan") == float("nan"), float("inf") > 10**308, -float("inf") < -(10**308), float("-0.0"))
print((0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (2.5).is_integer(), (3.0).is_integer())
print(float.fromhex("0x1p-1074"), (1.0).hex())
print(1.0 == 1, 0.1 * 3 == 0.3, round(0.1 * 3, 15) == 0.3, 7.0 // 2, 7.5 % 2, -7.5 % 2, 2.0 ** -1)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1.0 % 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    2.0 ** 10000
except OverflowError as e:
    print(type(e).__name__, e)
print(int(1e300) == 10**300, float(int(1e300)) == 1e300, hash(1.0) == hash(1), hash(0.5))
