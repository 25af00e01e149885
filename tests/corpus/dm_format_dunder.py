# Corpus: __format__ with format(), str.format and f-strings; object.__format__ rules.
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        if spec == "":
            return f"${self.cents / 100:.2f}"
        if spec == "raw":
            return str(self.cents)
        if spec.startswith("w"):
            return f"${self.cents / 100:.2f}".rjust(int(spec[1:]))
        raise ValueError(f"bad money spec {spec!r}")
    def __str__(self):
        return "Money-str"
    def __repr__(self):
        return "Money-repr"

m = Money(12345)
print(format(m), format(m, "raw"), f"{m}", f"{m:raw}", f"[{m:w12}]", "{0:raw}|{0}".format(m))
print(f"{m!s}", f"{m!r}", "{!r:>12}".format(m), f"{m!s:*^15}")
try:
    format(m, "zzz")
except ValueError as e:
    print(type(e).__name__, e)
width = 10
print(f"[{m:w{width}}]", f"{'nested':{'>'}{width}}")

class Plain:
    def __str__(self):
        return "plain!"
p = Plain()
print(format(p), f"{p}", "{}".format(p), format(p, ""))
try:
    format(p, "10")
except TypeError as e:
    print(type(e).__name__, e)
try:
    f"{p:>5}"
except TypeError as e:
    print(type(e).__name__, e)

class BadFormat:
    def __format__(self, spec):
        return 42
try:
    format(BadFormat())
except TypeError as e:
    print(type(e).__name__, e)
try:
    f"{BadFormat()}"
except TypeError as e:
    print(type(e).__name__, e)

# Subclasses of builtins inherit their __format__
class MyInt(int):
    pass
class MyFloat(float):
    def __str__(self):
        return "custom"
print(format(MyInt(255), "x"), f"{MyInt(1234567):,}", format(MyFloat(2.5), ".3f"), f"{MyFloat(2.5)}", str(MyFloat(1.0)))

# __format__ receives the spec after conversion processing
class Echo:
    def __format__(self, spec):
        return "<" + spec + ">"
e = Echo()
print(f"{e:abc}", f"{e:}", f"{e:{1+1}d}", "{:x{}y}".format(e, 5), "{0:{1}}".format(e, "inner"))
print(format(e, "spec"), type(e).__format__(e, "direct"))

# format() argument type errors
try:
    format(1, 2)
except TypeError as e2:
    print(type(e2).__name__, e2)
try:
    object.__format__(object(), "x")
except TypeError as e2:
    print(type(e2).__name__, e2)
print(object.__format__(p, ""), repr(format(None)), format(None, ""), format(True, "d"), format(True))
try:
    format(None, "d")
except (TypeError, ValueError) as e2:
    print(type(e2).__name__, e2)

# Format with builtin types
print(format(3.14159, ".2f"), format(42, "08b"), format("hi", "^6"), format(1e10, "g"), format([1, 2], ""))
try:
    format([1, 2], "10")
except TypeError as e2:
    print(type(e2).__name__, e2)
try:
    format(1, "s")
except ValueError as e2:
    print(type(e2).__name__, e2)
try:
    format("s", "d")
except ValueError as e2:
    print(type(e2).__name__, e2)
try:
    format(1.5, "d")
except ValueError as e2:
    print(type(e2).__name__, e2)
try:
    format(3 + 4j, "=10")
except ValueError as e2:
    print(type(e2).__name__, e2)
print(format(3 + 4j, ".1f"), format(3 + 4j, ">12"), format(-0.0, "+"), format(0.0, "+.0e"))
