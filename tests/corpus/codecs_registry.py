# Conformance: _codecs registries (search functions, lookup, error handlers) and custom handlers in str.encode.
import _codecs


def show(f):
    try:
        print(repr(f()))
    except (UnicodeError, TypeError, ValueError, LookupError, IndexError) as e:
        print(type(e).__name__, e)


seen = []


def search(name):
    seen.append(name)
    if name == "my_codec":
        return (lambda s, errors="strict": (s.upper().encode("ascii"), len(s)),
                lambda b, errors="strict": (bytes(b).decode("ascii").lower(), len(b)), None, None)
    if name == "bad_codec":
        return 42
    return None


_codecs.register(search)
show(lambda: _codecs.lookup("My-Codec")[0]("abc"))
show(lambda: _codecs.lookup("my codec")[1](b"ABC"))
print(seen)
show(lambda: "hello".encode("my_codec"))
show(lambda: b"HELLO".decode("my_codec"))
show(lambda: _codecs.encode("xy", "my_codec"))
show(lambda: _codecs.decode(b"XY", "my_codec"))
show(lambda: _codecs.lookup("bad_codec"))
show(lambda: _codecs.lookup("no-such-codec-xyz"))
show(lambda: "x".encode("no-such-codec-xyz"))
show(lambda: _codecs.register(5))
show(lambda: _codecs.lookup(5))
print(_codecs.unregister(search))

show(lambda: _codecs.encode("abc", "utf-16-le"))
show(lambda: _codecs.decode(b"a\x00", "utf-16-le"))
show(lambda: _codecs.encode("\xe9", "ascii", "replace"))
show(lambda: _codecs.decode(b"\xe9", "ascii", "strict"))

# The error-handler registry.
for name in ("strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "surrogateescape",
             "surrogatepass"):
    print(name, callable(_codecs.lookup_error(name)))
show(lambda: _codecs.lookup_error("nope"))
show(lambda: _codecs.register_error("x", 5))
show(lambda: _codecs.lookup_error("strict")(ValueError("boom")))
show(lambda: _codecs.lookup_error("strict")(1))
show(lambda: _codecs.lookup_error("ignore")(ValueError("boom")))

ee = UnicodeEncodeError("ascii", "ab\xe9\u20acc", 2, 4, "nope")
de = UnicodeDecodeError("utf-8", b"ab\xff\xfec", 2, 4, "nope")
for name in ("ignore", "replace", "backslashreplace", "xmlcharrefreplace", "surrogateescape", "surrogatepass"):
    show(lambda: (name, _codecs.lookup_error(name)(ee)))
    show(lambda: (name, _codecs.lookup_error(name)(de)))
show(lambda: _codecs.lookup_error("surrogateescape")(UnicodeEncodeError("ascii", "a\udcff\udc80", 1, 3, "x")))
show(lambda: _codecs.lookup_error("surrogatepass")(UnicodeEncodeError("utf-8", "a\ud800", 1, 2, "x")))
show(lambda: _codecs.lookup_error("surrogatepass")(UnicodeEncodeError("utf-16-le", "a\ud800", 1, 2, "x")))
show(lambda: _codecs.lookup_error("surrogatepass")(UnicodeDecodeError("utf-8", b"a\xed\xa0\x80", 1, 2, "x")))
show(lambda: _codecs.lookup_error("replace")(UnicodeTranslateError("abc", 1, 3, "x")))

# Custom handlers are honoured by str.encode and bytes.decode.
calls = []


def star(exc):
    calls.append((type(exc).__name__, exc.start, exc.end, exc.reason))
    if isinstance(exc, UnicodeEncodeError):
        return ("*" * (exc.end - exc.start), exc.end)
    return ("<%d>" % exc.start, exc.end)


_codecs.register_error("test.star", star)
print(_codecs.lookup_error("test.star") is star)
show(lambda: "a\xe9\xe8b\u20ac".encode("ascii", "test.star"))
show(lambda: "a\xe9b\u20ac".encode("latin-1", "test.star"))
show(lambda: "a\ud800b".encode("utf-8", "test.star"))
show(lambda: "a\ud800b".encode("utf-16-le", "test.star"))
show(lambda: b"a\xffb\xc3".decode("utf-8", "test.star"))
show(lambda: b"a\x80".decode("ascii", "test.star"))
show(lambda: b"a\x00\x00\xdc".decode("utf-16-le", "test.star"))
print(calls)

_codecs.register_error("test.bytes", lambda e: (b"<B>", e.end))
show(lambda: "a\xe9".encode("ascii", "test.bytes"))
show(lambda: "a\ud800".encode("utf-16-le", "test.bytes"))
_codecs.register_error("test.neg", lambda e: ("?", -1) if e.start == 3 else ("[", e.end))
show(lambda: "ab\xe9\xe8".encode("ascii", "test.neg"))
_codecs.register_error("test.far", lambda e: ("?", 100))
show(lambda: "ab\xe9".encode("ascii", "test.far"))
_codecs.register_error("test.badret", lambda e: "oops")
show(lambda: "ab\xe9".encode("ascii", "test.badret"))
show(lambda: b"ab\xe9".decode("ascii", "test.badret"))
_codecs.register_error("test.raise", lambda e: (_ for _ in ()).throw(KeyError("inner")))
try:
    "\xe9".encode("ascii", "test.raise")
except KeyError as e:
    print("KeyError", e)
_codecs.register_error("test.nonascii", lambda e: ("\xe9", e.end))
show(lambda: "a\u20ac".encode("latin-1", "test.nonascii"))
show(lambda: "a\u20ac".encode("ascii", "test.nonascii"))

# Built-in names through the generic path decode with final=True.
show(lambda: _codecs.decode(b"a\xc3", "utf-8"))
show(lambda: _codecs.decode(b"a\x00b", "utf-16-le"))
show(lambda: _codecs.decode(b"a\xc3", "utf-8", "replace"))
show(lambda: _codecs.encode("a\xe9", "latin-1"))
show(lambda: _codecs.decode(b"\\x41", "unicode_escape"))
