# Corpus: float repr is the shortest string that round-trips; str() equals repr(); exponent switching.
vals = [0.0, -0.0, 1.0, -1.5, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 10 / 3, 1e15, 1e16, 1.5e16, 12345678901234567.0,
        1e-4, 1e-5, 0.0001234, 0.00001234, 123456789.123456789, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
        9007199254740993.0, 0.30000000000000004, 100.0, 1e22, 1e23, 3.141592653589793, 2.718281828459045,
        1 / 7, 1e100, 1.0000000000000002, 0.9999999999999999, 4.35, 0.15, 2.675, 1e-7, 123e-20, 6.02214076e23]
for v in vals:
    r = repr(v)
    print(r, str(v) == r, float(r) == v)

# repr of computed values
print(0.1 * 3, 1.1 * 1.1, 1 - 0.9, 3 * 1.1, 100 * 1.1, 0.7 + 0.1, 1e16 + 1, 2**0.5, 10**0.5)
print(sum([0.1] * 10), 1e308 * 10, -1e308 * 10, 1e-320, 1e-320 / 10, 2.5e-324, 2.4e-324)
print([x / 10 for x in range(11)])
print([1 / x for x in range(1, 12)])
print([2.0 ** e for e in (-3, -1, 10, 52, 53, 60, 100)])

# Float from strings: accepted forms
for s in ("1", "  -2.5  ", "+.5", "5.", "1e3", "1E-3", "1_000.000_1", "infinity", "-Infinity", "INF", "nan", "-NaN",
          "0x1p3" if False else "8", "1e500", "-1e500", "1e-500", "00012.5000", ".1e1", "\t3.0\n"):
    print(repr(s), float(s))
for s in ("1__0", "_1", "1_", "1e", "e1", ".", "1.2.3", "1e1.5", "infinit", "nan1", "0x10", "1,5", "--1", "1 0", "i n f"):
    try:
        float(s)
    except ValueError as e:
        print(type(e).__name__, e)

# Integers that are exactly representable
print(float(2**53), float(2**53 + 1), float(2**53 + 2), float(10**16), float(-(10**17) - 1), float(123456789012345678))
print(int(1e16), int(1.5e16), int(-2.5e-3), int(9.999999999999999e22), int(1e23))
# Rounding in float()
print(float("0.1000000000000000055511151231257827"), float("1.00000000000000011102230246251565404236316680908203125"),
      float("9007199254740993"), float("9007199254740995"))
# float.__repr__ of subclasses
class F(float):
    pass
print(repr(F(1.5)), str(F(0.1)), F(2) + 0.5, type(F(2) + 0.5).__name__)
print(float.__repr__(2.0), float.__str__(1e16), format(1e16), format(1e16, ""), f"{1e16}", "%s %r" % (0.1, 0.2))

# Neighbouring doubles have distinct shortest reprs
x = 0.1
ups = []
for _ in range(4):
    m, e = x.as_integer_ratio()
    x = float.fromhex(x.hex()[:-5] + "p-4") if False else x + 2**-56
    ups.append(repr(x))
print(ups)
print(repr(1e16 - 2), repr(1e16 + 2), repr(2**63 + 0.0), repr(-(2**63) - 1.0), repr(1 / 1024), repr(1 / 3e10))
print([repr(10.0 ** k) for k in range(14, 18)], [repr(10.0 ** -k) for k in range(3, 7)])
