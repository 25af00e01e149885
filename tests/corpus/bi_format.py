# Corpus: format() builtin: spec mini-language for int/float/str/bool/None, __format__ dispatch, errors.
print(format(42), format(42, ""), format(42, "d"), format(42, "5"), format(42, "<5") + "|", format(42, "^7"))
print(format(-42, "+"), format(42, "+"), format(42, " "), format(-42, "=8"), format(42, "08"), format(-42, "08"))
print(format(1234567, ","), format(1234567, "_"), format(255, "_x"), format(2**32, "_b"), format(1234567, ",d"))
print(format(255, "x"), format(255, "#X"), format(255, "#o"), format(5, "#b"), format(65, "c"), format(255, "n"))
print(format(3.14159, ".2f"), format(3.14159, "10.3f"), format(-3.14159, "+.1f"), format(0.000012345, ".3e"))
print(format(1e10, "g"), format(1e-10, "g"), format(123456789.0, "g"), format(0.5, "%"), format(0.12345, ".1%"))
print(format(1.0, ""), format(1e16, ""), format(1.5, "5"), format(2.0, "e"), format(2.0, "E"), format(1e100, "G"))
print(format(float("inf"), "f"), format(float("-inf"), "F"), format(float("nan"), ".2f"), format(float("nan"), "F"))
print(format(-0.0, ".1f"), format(-0.0, "z.1f"), format(-0.001, "z.1f"), format(0.5, ".0f"), format(1.5, ".0f"))
print(format(1234.5678, ",.2f"), format(1234.5678, "_.1f"), format(12.5, "08.2f"), format(-12.5, "=+9.2f"))
print(format("abc"), format("abc", "5") + "|", format("abc", ">5"), format("abc", "^6") + "|", format("abc", "*^7"))
print(format("abcdef", ".3"), format("abcdef", "8.2") + "|", format("xy", "s"), format("", "3") + "|")
print(format(True), format(True, "d"), format(False, "5") + "|", format(True, ">5"), format(None), format(None, ""))
print(format(3 + 4j), format(3 + 4j, ".2f"), format(1j, ">8"), format([1, 2]), format((1,)), format({"a": 1}))
print(format(10**25, ","), format(-(10**20), "x"), format(7, "010b"), format(7, "#010b"), format(-7, "#010x"))


class Temp:
    def __init__(self, c):
        self.c = c

    def __format__(self, spec):
        if spec.endswith("F"):
            return format(self.c * 9 / 5 + 32, spec[:-1] + "f") + "°F"
        return format(self.c, spec or "g") + "°C"


t = Temp(21.5)
print(format(t), format(t, ".2F"), format(t, ">8"), f"{t:.0F}")
for value, spec in [(42, "s"), ("abc", "d"), (1.5, "d"), (42, ".2"), ("x", "="), ("x", "+"), (42, "z"),
                    (42, "xx"), (1.5, ",,"), ("s", ","), (object(), "x"), (42, "\n<5"), (3, "c"),
                    (-1, "c"), (0x110000, "c"), (1.5, "c"), (True, "s")]:
    try:
        print(repr(format(value, spec)))
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)


class BadFormat:
    def __format__(self, spec):
        return 42


for args in [(BadFormat(),), (1, 2), (), (1, "", 3)]:
    try:
        format(*args)
    except TypeError as e:
        print(type(e).__name__, e)


class Sub(int):
    pass


class NoFormatOverride:
    def __str__(self):
        return "str of NoFormatOverride"


print(format(Sub(5), "03"), format(NoFormatOverride()), format(NoFormatOverride(), ""))
try:
    format(NoFormatOverride(), ">30")
except TypeError as e:
    print(type(e).__name__, e)
print(repr(format(12, "\x00^6")), "|".join(format(i, "02x") for i in b"\x01\xfe"), format(1e-5, ".2g"), format(1e-4, "g"))
