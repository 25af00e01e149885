# Corpus: float formatting with e/f/g/%/n-free types, precision, alternate form, signs and %-formatting.
vals = [0.0, -0.0, 1.0, 0.5, 1.25, 2.5, 3.14159265, -2.71828, 123456.789, 1e-5, 1.5e-10, 9.9999, 1e16, 1e21, 12345678.9, 0.000123456]
specs = ["e", ".2e", "E", "f", ".0f", ".3f", "F", "g", ".3g", ".10g", "G", "%", ".1%", "", ".2", "r"[:0] + "10.3f", "+.2f", " .1f", "#.0f", "#g", "#.3g", "015.4f", ",.2f", "_.1f"]
for v in vals:
    print(repr(v), [format(v, s) for s in specs])

# Width, fill, alignment
for spec in (">12.3f", "<12.3f", "^12.3f", "=+12.3f", "*^14.2e", "0=12.1f", "x<10g", "012,.2f", "-^9.0%"):
    print(spec, "[" + format(-1234.5678, spec) + "]", "[" + format(42.0, spec) + "]")

# Rounding half-even in formatting (based on the exact binary value)
print([format(x, ".0f") for x in (0.5, 1.5, 2.5, 3.5, -0.5, -1.5)])
print([format(x, ".1f") for x in (0.05, 0.15, 0.25, 0.35, 0.45, 0.55)])
print([format(x, ".2f") for x in (1.005, 1.015, 1.025, 2.675, 1.125)])
print(format(1e300, ".3f")[:20], len(format(1e300, "f")), format(1e-300, ".5e"), format(5e-324, ".3g"), format(1.7976931348623157e308, "g"))

# 'g' switching between fixed and exponent
for v in (1e-4, 1e-5, 123456, 1234567, 1e15, 1.5e16, 0.0001, 100000.0, 999999.5):
    print(repr(v), format(v, "g"), format(v, ".3g"), format(v, "#.3g"), format(v, ".0g"), format(v, ".20g"))

# Empty type with precision behaves like 'g' but keeps at least one decimal
for v in (1.0, 1e16, 1.5, 123.456, 1e-7):
    print(format(v, ".3"), format(v, ".1"), format(v, ""), str(v))

# %-formatting
print("%f|%.2f|%10.3f|%-10.1f|%+f|% f|%010.2f" % (3.14159, 3.14159, 3.14159, 3.14159, 3.14159, 3.14159, -3.14159))
print("%e|%.1e|%E|%g|%.3g|%G|%#g|%#.0f|%#x" % (12345.678, 12345.678, 0.00012, 0.00001234, 1234567.0, 1e-10, 1.0, 3.0, 255))
print("%5.1f%%" % 99.44, "%.0f" % 0.5, "%.0f" % 1.5, "%r" % 1.1, "%s" % 1e22, "%d" % 3.99, "%i" % -2.5)
print("%(a).2f %(b)e" % {"a": 1.0, "b": 2.0}, "%*.*f" % (10, 3, 2.5), "%-*d|" % (6, 42))

# Errors
for spec in ("d", "s", "x", "c", ".2d", "==10f", ",_f", "_,f", ".f" if False else "..2f", "10.2.f", "z"):
    try:
        print(repr(spec), repr(format(1.5, spec)))
    except ValueError as e:
        print(repr(spec), type(e).__name__, e)
try:
    "%d" % "1.5"
except TypeError as e:
    print(type(e).__name__, e)
try:
    "%f" % "x"
except TypeError as e:
    print(type(e).__name__, e)
# 'z' option coerces negative zero (3.11+)
print(format(-0.0, "z.1f"), format(-0.0001, "z.2f"), format(-0.0001, ".2f"), f"{-0.0:z}", format(-1e-9, "z.3e"))
print(f"{3.5:{'^'}{10}.{2}f}", f"{2.5:.0f}", f"{-0.5:.0f}", f"{1e-7:.3}", f"{12.0:.3g}")
