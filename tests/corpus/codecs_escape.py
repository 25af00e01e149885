# Conformance: unicode_escape, raw_unicode_escape, escape_encode/decode, charmap and readbuffer in _codecs.
import _codecs


def show(f):
    try:
        print(repr(f()))
    except (UnicodeError, TypeError, ValueError, LookupError) as e:
        print(type(e).__name__, e, getattr(e, "start", None), getattr(e, "end", None))


s = "a\xe9\u1234\U00012345\n\\'\"\t\r\x00\x7f"
show(lambda: _codecs.unicode_escape_encode(s))
show(lambda: _codecs.raw_unicode_escape_encode(s))
show(lambda: s.encode("unicode_escape"))
show(lambda: s.encode("raw_unicode_escape"))
show(lambda: s.encode("unicode_escape").decode("unicode_escape") == s)
show(lambda: s.encode("raw_unicode_escape").decode("raw_unicode_escape") == s)
for data in (b"a\\x41\\u0042\\U00000043", b"\\n\\t\\r\\b\\f\\v\\a\\\\\\'\\\"", b"\\101\\7\\0\\377", b"x\\\ny",
             b"\xe9\\xe9", b"a\\x4", b"\\x4g", b"\\u12", b"\\U00110000", b"a\\", b"\\N{SPACE",
             b"\\uabcz"):
    for h in ("strict", "ignore", "replace", "backslashreplace"):
        show(lambda: (_codecs.unicode_escape_decode(data, h), h))
show(lambda: _codecs.unicode_escape_decode(b"a\\", "strict", False))
show(lambda: _codecs.unicode_escape_decode(b"a\\u12", "strict", False))
show(lambda: _codecs.unicode_escape_decode("\\x41\xe9"))
for data in (b"a\\u0041\\U00000042", b"\\\\u1234\\\\\\u0041", b"\\x41\\n", b"\\u12", b"\\U00110000", b"\\", b"\xff"):
    for h in ("strict", "ignore", "replace"):
        show(lambda: (_codecs.raw_unicode_escape_decode(data, h), h))

show(lambda: _codecs.escape_encode(b"a\x00\n\x80'\\\"\t\r\x7f"))
show(lambda: _codecs.escape_decode(b"a\\x41\\n\\t\\\\\\'\\101"))
show(lambda: _codecs.escape_decode("a\\x41"))
show(lambda: _codecs.escape_decode(b"\\x4"))
show(lambda: _codecs.escape_decode(b"\\x4g", "replace"))
show(lambda: _codecs.escape_decode(b"\\x4g", "ignore"))
show(lambda: _codecs.escape_decode(b"abc\\"))
show(lambda: _codecs.escape_encode("abc"))

show(lambda: _codecs.readbuffer_encode(b"ab"))
show(lambda: _codecs.readbuffer_encode("ab\xe9"))
show(lambda: _codecs.readbuffer_encode(bytearray(b"xyz"), "strict"))

table = "ab\ufffec"
show(lambda: _codecs.charmap_decode(b"\x00\x01\x03"))
show(lambda: _codecs.charmap_decode(b"\x00\x01\x03", "strict", table))
show(lambda: _codecs.charmap_decode(b"\x00\x02\x07", "strict", table))
for h in ("ignore", "replace", "backslashreplace", "surrogateescape"):
    show(lambda: _codecs.charmap_decode(b"\x00\x02\x87", h, table))
show(lambda: _codecs.charmap_decode(b"\x00\x01\x02", "strict", {0: "x", 1: 0x20ac, 2: "yz"}))
show(lambda: _codecs.charmap_decode(b"\x00\x01", "strict", {0: "x", 1: None}))
show(lambda: _codecs.charmap_decode(b"\x00", "strict", {0: 1.5}))
show(lambda: _codecs.charmap_decode(b"\x00", "strict", {0: 0x110000}))
show(lambda: _codecs.charmap_encode("ab\xe9"))
show(lambda: _codecs.charmap_encode("abc", "strict", {97: 1, 98: b"xy", 99: 3}))
show(lambda: _codecs.charmap_encode("abz", "strict", {97: 1, 98: 2}))
show(lambda: _codecs.charmap_encode("azzb", "replace", {97: 1, 98: 2, 63: 0x3f}))
show(lambda: _codecs.charmap_encode("azb", "replace", {97: 1, 98: 2}))
show(lambda: _codecs.charmap_encode("azb", "ignore", {97: 1, 98: 2}))
show(lambda: _codecs.charmap_encode("a", "strict", {97: 300}))
show(lambda: _codecs.charmap_encode("a", "strict", {97: "x"}))
m = _codecs.charmap_build("ab\u20ac")
show(lambda: _codecs.charmap_encode("a\u20acb", "strict", m))
show(lambda: _codecs.charmap_decode(b"\x02\x00", "strict", "ab\u20ac"))
