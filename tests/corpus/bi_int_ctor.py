# Corpus: int() construction: strings with bases/underscores/whitespace, floats, __int__/__index__/__trunc__, errors.
for s in ["0", "-17", "+5", "  42  ", "\t\n7\n", "1_000_000", "0000", "-0", "١٢٣", "10" * 10]:
    print(repr(s), int(s))
for s, base in [("ff", 16), ("FF", 16), ("0xff", 16), ("0xff", 0), ("0o17", 0), ("0b101", 0), ("z", 36),
                ("Z", 36), ("777", 8), ("-101", 2), ("1_0", 0), ("  -0x1_f ", 0),
                ("10", 3), ("0", 0), ("00", 0)]:
    print(repr(s), base, int(s, base))
for s, base in [("", 10), ("12a", 10), ("0x", 16), ("1__0", 10), ("_1", 10), ("1_", 10), ("08", 0),
                ("9", 8), ("2", 2), ("1.5", 10), ("0b2", 0), ("--1", 10), ("1 2", 10), ("12", 37), ("12", 1),
                ("12", -1), ("zz", 35)]:
    try:
        print(int(s, base))
    except ValueError as e:
        print(type(e).__name__, e)
print(int(3.99), int(-3.99), int(-0.5), int(1e20), int(2.5e-3), int(True), int(), int(10**50 + 0.0 > 0))
for bad in [float("inf"), float("-inf"), float("nan")]:
    try:
        int(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(int(b"42"), int(bytearray(b"-7")), int(b"ff", 16), int("1" * 50) % 1000)


class HasInt:
    def __int__(self):
        return 7


class HasIndex:
    def __index__(self):
        return 8


class BadInt:
    def __int__(self):
        return "x"


print(int(HasInt()), int(HasIndex()), type(int(HasIndex())).__name__)
for bad in [BadInt(), None, [1], 1j, object]:
    try:
        int(bad)
    except TypeError as e:
        print(type(e).__name__, e)
for args in [(5, 10), (1.5, 10), ("1", "2"), ("1", 2, 3)]:
    try:
        print(int(*args))
    except TypeError as e:
        print(type(e).__name__, e)
print(int("10", base=16), int("5"), int("0x10", base=0))
try:
    int(x="5")
except TypeError as e:
    print(type(e).__name__, e)
try:
    int("1" * 5000)
except ValueError as e:
    print(type(e).__name__, str(e)[:60])


class MyInt(int):
    def __repr__(self):
        return f"MyInt({int(self)})"


m = MyInt("12", 5)
print(m, type(m).__name__, type(int(m)).__name__, MyInt(3.7), MyInt() + 1, type(MyInt(2) + 1).__name__)
print(int("٣"), int("𝟗"), int(" \u3000 12 \u2003"), int("0B11", 0), int("0O7", 0), int("0X1A", 0))
print((5).__int__(), int.__new__(int, "3"), int.from_bytes(b"\x01\x00", "big"), (258).to_bytes(2, "little"))
