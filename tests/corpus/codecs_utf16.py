# Conformance: UTF-16 / UTF-32 codecs (BOM handling, stateful decoding, every error handler) through _codecs and str.
import _codecs


def show(f):
    try:
        print(repr(f()))
    except (UnicodeError, TypeError, ValueError, LookupError) as e:
        print(type(e).__name__, e, getattr(e, "start", None), getattr(e, "end", None))


text = "a\xe9\u20ac\U0001f600z"
for enc in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "UTF16", "utf_32be"):
    b = text.encode(enc)
    print(enc, b, b.decode(enc) == text)

handlers = ("strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "surrogateescape", "surrogatepass")
for enc in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
    for h in handlers:
        show(lambda: ("a\ud800b\udc80".encode(enc, h), enc, h))

bad16 = [b"\x00\xd8a\x00", b"\x00\xdca\x00", b"\x00\xd8", b"\x00\xd8\x00", b"a\x00b", b"a\x00\xff",
         b"a\x00\x00\xd8\x00", b"\xff\xfe\x00\xd8\x00\xdc", b"\xfe\xff\xd8\x00\xdc\x00"]
for data in bad16:
    for enc in ("utf-16", "utf-16-le", "utf-16-be"):
        for h in handlers:
            show(lambda: (data.decode(enc, h), enc, h))

bad32 = [b"\x00\x00\x11\x00", b"\x00\xd8\x00\x00", b"a\x00\x00\x00b", b"\xff\xfe\x00\x00a\x00\x00\x00",
         b"\x00\x00\xfe\xff\x00\x00\x00a", b"\x80\x00\x00\x00"]
for data in bad32:
    for enc in ("utf-32", "utf-32-le", "utf-32-be"):
        for h in handlers:
            show(lambda: (data.decode(enc, h), enc, h))

# The per-codec functions and their stateful forms.
show(lambda: _codecs.utf_16_encode("ab"))
show(lambda: _codecs.utf_16_encode("ab", "strict", 1))
show(lambda: _codecs.utf_16_encode("ab", None, -1))
show(lambda: _codecs.utf_16_le_encode("a\ud800", "surrogatepass"))
show(lambda: _codecs.utf_16_be_encode("a\U00010000"))
show(lambda: _codecs.utf_16_decode(b"\xff\xfea\x00\x00\xd8", "strict", False))
show(lambda: _codecs.utf_16_decode(b"\xff\xfea\x00\x00\xd8", "strict", True))
show(lambda: _codecs.utf_16_decode(b"\xff"))
show(lambda: _codecs.utf_16_le_decode(b"a\x00\x00\xd8\x00", "strict", False))
show(lambda: _codecs.utf_16_le_decode(b"a\x00\x00\xd8\x00\xdc", "strict", False))
show(lambda: _codecs.utf_16_be_decode(b"\x00a\x00", None, False))
show(lambda: _codecs.utf_16_ex_decode(b"\xfe\xff\x00a", "strict", 0, True))
show(lambda: _codecs.utf_16_ex_decode(b"\xff\xfea\x00", "strict", 0, True))
show(lambda: _codecs.utf_16_ex_decode(b"a\x00", "strict", 0, True))
show(lambda: _codecs.utf_16_ex_decode(b"\x00a", "strict", 1, True))
show(lambda: _codecs.utf_16_ex_decode(b"\xfe", "strict", 0, False))
show(lambda: _codecs.utf_32_encode("ab"))
show(lambda: _codecs.utf_32_encode("ab", "strict", 1))
show(lambda: _codecs.utf_32_le_encode("a\ud800", "surrogatepass"))
show(lambda: _codecs.utf_32_decode(b"\xff\xfe\x00\x00a\x00\x00\x00b\x00", "strict", False))
show(lambda: _codecs.utf_32_be_decode(b"\x00\x00\x00a\x00", "strict", True))
show(lambda: _codecs.utf_32_ex_decode(b"\x00\x00\xfe\xff\x00\x00\x00a"))
show(lambda: _codecs.utf_32_le_decode(b"\x00\xd8\x00\x00", "surrogatepass"))
show(lambda: _codecs.utf_16_le_decode("abc"))
show(lambda: _codecs.utf_16_le_encode(b"abc"))
show(lambda: _codecs.utf_16_le_decode(bytearray(b"h\x00i\x00")))
show(lambda: _codecs.utf_16_le_decode(memoryview(b"h\x00i\x00")))
