# Corpus: int(str, base) edge cases: bases 0/2/16/36, prefixes, underscores, whitespace and error messages.
ok = [
    ("0", 0), ("0x1F", 0), ("0o17", 0), ("0b101", 0), ("  0X_ff  ", 0), ("-0b1", 0), ("+0o7", 0), ("00", 0), ("0_0", 0),
    ("101", 2), ("0b101", 2), ("-1_0", 2), ("777", 8), ("0o777", 8), ("ff", 16), ("0xFF", 16), ("0x_f_f", 16),
    ("zz", 36), ("Zz", 36), ("hello", 36), ("1a", 11), ("-z", 36), ("10", 3), ("1_2_3", 10),
    ("12", 8), (" -7 ", 10), ("-0", 10), ("0" * 50 + "1", 10),
]
for s, base in ok:
    print(repr(s), base, int(s, base))

bad = [
    ("", 10), ("08", 0), ("0x", 16), ("0b2", 0), ("2", 2), ("1__0", 10), ("_1", 10), ("1_", 10), ("0x_", 0),
    ("1.0", 10), ("- 1", 10), ("0o8", 8), ("z", 35), ("12", 1) , ("1e5", 10), ("++1", 10), ("0_7", 0), ("09", 0),
    ("abc" * 30, 10),
]
for s, base in bad:
    try:
        print(int(s, base))
    except ValueError as e:
        print(type(e).__name__, e)

for base in (-1, 1, 37, 100):
    try:
        int("1", base)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    int(10, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int("10", "2")
except TypeError as e:
    print(type(e).__name__, e)
try:
    int("10", 2.0)
except TypeError as e:
    print(type(e).__name__, e)

# bytes / bytearray inputs
print(int(b"42"), int(b" 0x10 ", 16), int(bytearray(b"-7")), int(b"z", 36))
try:
    int(b"4\xff")
except ValueError as e:
    print(type(e).__name__, e)

# Round trips with bin/oct/hex
for n in (0, 5, -5, 255, -4096, 2**70 + 3):
    print(n, bin(n), oct(n), hex(n), int(bin(n), 0) == n, int(hex(n), 16) == n, int(oct(n), 8) == n)

# Base conversion helper and base 36 alphabet
def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, b)
        out.append(digits[r])
    return sign + "".join(reversed(out))
for b in (2, 3, 7, 16, 36):
    s = to_base(123456789, b)
    print(b, s, int(s, b))
print(int("Python", 36), int("ZZZZZZ", 36), int("-0x" + "f" * 30, 16))
# int subclass with base
class MyInt(int):
    pass
print(MyInt("ff", 16), type(MyInt("11", 2)).__name__)
# Leading zeros allowed in base 10 but not base 0
print(int("0007"), int("0007", 10))
try:
    int("0007", 0)
except ValueError as e:
    print(type(e).__name__, e)
