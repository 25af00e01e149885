# Corpus: printf-style %-formatting for str: all conversions, flags, width/precision, dict form and errors.
print("%s|%r|%a|%d|%i|%u" % ("str", "str", "caf\xe9", 42, -7, 3))
print("%o|%x|%X|%#o|%#x|%#X|%e|%E|%f|%F|%g|%G|%c|%c|%%" % (8, 255, 255, 8, 255, 255, 1.5, 1.5, 1.5, 1.5, 1.5, 1e-10, "z", 65))
print("[%5s][%-5s][%.2s][%5.1s][%-8r]" % ("abc", "abc", "abc", "abc", "q"))
print("[%5d][%-5d][%05d][%+d][% d][%+05d][%.3d][%8.3d][%-+6d]" % (42, 42, 42, 42, 42, -42, 7, 7, 3))
print("[%x][%#8x][%-#8o][%08X][%#08b]" % (-255, 255, 8, 3054, 5) if False else "[%x][%#8x][%-#8o][%08X]" % (-255, 255, 8, 3054))
print("%*d|%-*d|%.*f|%*.*f" % (6, 1, 6, 2, 2, 3.14159, 8, 1, 2.55))
print("%s" % (1,), "%s" % [1, 2], "%s" % ((1, 2),), "%s %s" % (None, True), "%d%%" % 50, "%s" % "only")
print("%(name)s is %(age)d (%(name)r)" % {"name": "Bo", "age": 7}, "%(x)05.1f|%(x)-8.2e|" % {"x": 3.14159})
print("%(a)s %(a)s %%" % {"a": 1}, "%()s" % {"": "empty key"}, "%(k)s" % {"k": [1, 2]}, "no format" % ())
print("%d %i" % (3.99, -3.99), "%x" % 10**20, "%o" % -8, "%e" % 12345678901234567890, "%c%c" % (0xe9, "\xff"))
print("%s" % b"bytes", "%r" % b"bytes", "%a" % "\xff\n", "%5.3s|" % "abcdef", "%-10.3e|" % 12345.6789)
print("%.0f %.0f %.0f %.1f" % (0.5, 1.5, 2.5, 0.25), "%g %g %g %g" % (100000, 1000000, 1e-4, 1e-5), "%#g %#.3g" % (1.0, 2.0))
print("%i %d" % (True, False), "%x" % True, "%s" % {"a": 1}, "%r" % {"b"}, "%.3r" % "long")

class Obj:
    def __str__(self):
        return "OBJ-str"
    def __repr__(self):
        return "OBJ-repr"
    def __index__(self):
        return 11
    def __int__(self):
        return 12
    def __float__(self):
        return 2.5
o = Obj()
print("%s %r %a %d %x %o %f %c" % (o, o, o, o, o, o, o, 97))

errors = [
    ("%d", "x"), ("%d", [1]), ("%x", 1.5), ("%c", "ab"), ("%c", 0x110000), ("%c", -1), ("%f", "1"), ("%s %s", ("a",)),
    ("%s", ("a", "b")), ("%(k)s", ("a",)), ("%(k)s", {"j": 1}), ("%z", 1), ("%", ()), ("%(k", {"k": 1}), ("%*d", ("a", 1)),
    ("%.*f", (1.5, 1.0)), ("%s %(k)s", {"k": 1}), ("%d", None), ("%i", 1j), ("%o", 2.0), ("%c", 1.5), ("abc", 5), ("%s", ()),
    ("%-", (1,)), ("%5", (1,)),
]
for fmt, args in errors:
    try:
        print(repr(fmt), repr(fmt % args))
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(repr(fmt), type(e).__name__, e)

# Mapping with non-dict mapping and tuple args treated as mapping
class M:
    def __getitem__(self, k):
        return k.upper()
print("%(abc)s %(x)s" % M())
print("%s" % M.__name__, "%s" % (M.__name__,))
try:
    "%(a)s %s" % M()
except TypeError as e:
    print(type(e).__name__, e)
print("%%s %s" % "x", "%s%%" % 5, "%%%d%%" % 7)
try:
    "%5%|" % ()
except TypeError as e:
    print(type(e).__name__, e)
