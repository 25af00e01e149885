# Corpus: the format mini-language for str and int: fill/align/sign/#/0/width/grouping/precision/type.
print([format("abc", s) for s in ("", "5", "<5", ">5", "^5", "^6", "*^7", "-<4", ".2", "8.1", ">8.2", "0>5", "s", "10s", "=^3")])
for spec in ("=5", "+", " ", "#", ",", "_", "05", "c", "d", "x"):
    try:
        print(repr(spec), format("abc", spec))
    except ValueError as e:
        print(repr(spec), type(e).__name__, e)

ints = [0, 7, -7, 255, -255, 1234567, -1234567890, 2**40]
specs = ["", "d", "5d", "<5d", "^7d", "+d", " d", "-d", "05d", "=+8d", "x", "X", "#x", "#X", "o", "#o", "b", "#b",
         "08b", "#010x", ",", "_", ",d", "_x", "_b", "#_o", "+,", "c" if False else "n", "e", ".2e", "f", ".1f", "%", "g", "G", "*>+12,"]
for n in ints:
    print(n, [format(n, s) for s in specs])
print([format(c, "c") for c in (65, 97, 0x7e, 0xe9, 48)], format(65, "^5c"), format(10, "c") == "\n")
for n, spec in ((-1, "c"), (0x110000, "c"), (65, "+c"), (65, ",c"), (65, ".2c"), (5, ".2d"), (5, ".2x"), (5, "s"), (5, "z"), (5, ",x"), (5, "#c")):
    try:
        print(n, repr(spec), repr(format(n, spec)))
    except (ValueError, OverflowError) as e:
        print(n, repr(spec), type(e).__name__, e)

# Grouping with widths and zero padding
print(format(1234567, "015,"), format(1234567, "015_"), format(-1234567, "015,"), format(1234567, "020_b"), format(0xABCDEF, "_X"))
print(format(1234.5, "015,.2f"), format(-0.5, "010,.3f"), format(10**20, ","), format(123, ",.2f"), format(12345.678, ",g"))

# Nested and computed specs in f-strings and str.format
w, p = 12, 3
val = 3.14159
print(f"[{val:{w}.{p}f}]", f"[{val:>{w}}]", f"[{'txt':{'*'}^{w}}]", "[{:{}.{}f}]".format(val, w, p), "[{0:{1}}]".format("s", 4))
print(f"{255:#0{10}x}", f"{'left':<{w}}|", f"{-42:=+{w}}", f"{1e6:,.0f}", f"{0.25:.0%}", f"{1/3:.3%}")

# Sign and zero handling
for v in (0, -0.0, 0.0, 3, -3, 1.5, -1.5):
    print(repr(v), [format(v, s) for s in ("+", "-", " ", "+05", " 05", "=+6", "+.1f" if isinstance(v, float) else "+d")])

# Alternate forms for floats
print(format(1.0, "#"), format(1.0, "#.0e"), format(1.0, "#.0f"), format(100.0, "#g"), format(1e-5, "#.2g"), format(0.0, "#.0%"))

# Invalid specs
for spec in ("<<5", "5<", "+-", ".", ".x", "10..2", "#-", "1_,", ",,", "__", "%d", "!", "{}", "00<"):
    try:
        print(repr(spec), repr(format(42, spec)))
    except ValueError as e:
        print(repr(spec), type(e).__name__, e)
try:
    format(42, "9" * 30)
except ValueError as e:
    print(type(e).__name__, e)
try:
    format("s", ".9999999999999999999")
except ValueError as e:
    print(type(e).__name__, e)
