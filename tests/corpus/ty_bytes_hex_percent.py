# Corpus: bytes/bytearray hex()/fromhex() with separators, %-formatting of bytes, repr of bytes.
data = bytes(range(0, 256, 17))
print(data.hex(), data.hex(":"), data.hex("-", 2), data.hex(" ", -3), data.hex(b"|", 4), data.hex("_", 100))
print(b"".hex(), b"".hex(":"), b"\x01".hex(":", 2), bytearray(b"\xde\xad\xbe\xef").hex("."), memoryview(b"\xab\xcd").hex())
for args in (("::",), ("",), ("\xe9",), (5,), (":", "2")):
    try:
        data.hex(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

for s in ("", "00", "deadBEEF", " 01 02  03 ", "0a\n0b", "ff\t00"):
    print(repr(s), bytes.fromhex(s), bytearray.fromhex(s))
for s in ("0", "0g", "1 2", "abc", "zz", "0x10", "\xe9"):
    try:
        bytes.fromhex(s)
    except ValueError as e:
        print(repr(s), type(e).__name__, e)
try:
    bytes.fromhex(b"00")
except TypeError as e:
    print(type(e).__name__, e)
class B(bytes):
    pass
print(type(B.fromhex("41")).__name__, B.fromhex("41"))

# repr of bytes
print(repr(b"plain"), repr(b"'"), repr(b'"'), repr(b"'\""), repr(b"\\"), repr(b"\t\n\r\x00\x7f\x80\xff"), repr(bytearray(b"a'b")))
print(str(b"x"), bytes(range(30, 40)), bytes([7, 8, 9, 10, 11, 12, 13]))

# %-formatting for bytes
print(b"%s|%b|%r|%a" % (b"x", bytearray(b"y"), b"z", "\xe9"))
print(b"%d %i %x %X %o %#x %#o %5d|%-5d|%05d|%+d" % (1, -2, 255, 255, 8, 255, 8, 3, 3, 3, 3))
print(b"%c%c%c" % (65, b"B", bytearray(b"C")), b"%.2f %e %g" % (3.14159, 1500.0, 0.0001), b"%%" % ())
print(b"%(a)s-%(b)d" % {b"a": b"key", b"b": 2}, b"%5s|%-5s|" % (b"ab", b"cd"), b"%.1s" % b"xyz")
class HasBytes:
    def __bytes__(self):
        return b"BYTES"
class HasBuffer:
    pass
print(b"%s" % HasBytes(), b"%s" % memoryview(b"mv"), b"%r" % "str", b"%a" % [1])
errors = [(b"%s", "str"), (b"%s", 5), (b"%c", 256), (b"%c", b"ab"), (b"%c", "a"), (b"%d", b"1"), (b"%x", 1.5),
          (b"%s %s", (b"a",)), (b"%s", (b"a", b"b")), (b"%(k)s", {"k": b"v"}), (b"%y", 1), (b"%", ()), (b"%b", HasBuffer())]
for fmt, args in errors:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(fmt, type(e).__name__, e)
ba = bytearray(b"%d-%s")
r = ba % (1, b"x")
print(r, type(r).__name__)
try:
    "%s" % b"x" + b"y"
except TypeError as e:
    print(type(e).__name__, e)
