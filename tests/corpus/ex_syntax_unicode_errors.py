# Corpus: SyntaxError fields via direct construction, and UnicodeDecode/Encode/TranslateError attributes.
fields = ("msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset", "print_file_and_line")
for args in [(), ("bad syntax",), ("bad", ("file.py", 3, 7, "x = = 1\n")),
             ("bad", ("f.py", 1, 2, "ab", 1, 4)), ("bad", (None, None, None, None)), (1, 2, 3)]:
    e = SyntaxError(*args)
    print(repr(str(e)), [getattr(e, f) for f in fields], e.args)
for bad in [("m", ("f", 1)), ("m", 5), ("m", ("f", 1, 2, "t", 1, 2, 3))]:
    try:
        SyntaxError(*bad)
    except (TypeError, IndexError) as err:
        print(type(err).__name__, err)
se = SyntaxError("invalid", ("prog.py", 10, 4, "if x\n"))
print(str(se), repr(se))
se.lineno = 11
se.msg = "changed"
print(str(se), se.args)
print(str(SyntaxError("m", (None, 5, 1, "t"))), str(SyntaxError("m", ("f", None, 1, "t"))))
ie = IndentationError("expected an indented block", ("i.py", 2, 1, "pass\n"))
print(type(ie).__name__, str(ie), ie.lineno, isinstance(ie, SyntaxError), str(TabError("tabs")))
raw = b"ab\xff\xfecd"
try:
    raw.decode("utf-8")
except UnicodeDecodeError as err:
    print(type(err).__name__, "|", err, "|", err.encoding, err.object, err.start, err.end, err.reason)
try:
    b"\xc3".decode("utf-8")
except UnicodeDecodeError as err:
    print(err, err.start, err.end)
try:
    b"\x80abc".decode("ascii")
except UnicodeDecodeError as err:
    print(err, err.args)
try:
    "caf\xe9 \u4e2d".encode("ascii")
except UnicodeEncodeError as err:
    print(type(err).__name__, "|", err, "|", err.encoding, repr(err.object), err.start, err.end, err.reason)
try:
    "\ud800".encode("utf-8")
except UnicodeEncodeError as err:
    print(err)
d = UnicodeDecodeError("my-codec", b"\x00\x01\x02", 1, 2, "custom reason")
print(str(d), d.args, d.object, d.start, d.end)
d.start = 0
d.end = 3
d.reason = "changed"
print(str(d))
u = UnicodeEncodeError("enc", "text", 0, 4, "why")
print(str(u), repr(u))
t = UnicodeTranslateError("abc", 1, 2, "no mapping")
print(type(t).__name__, str(t), t.encoding, t.object, t.start, t.end, t.reason)
for bad in [("c", "not bytes", 0, 1, "r"), ("c", b"x", 0, 1), ("c", b"x", "0", 1, "r")]:
    try:
        UnicodeDecodeError(*bad)
    except TypeError as err:
        print(type(err).__name__, err)
try:
    UnicodeEncodeError("c", b"bytes", 0, 1, "r")
except TypeError as err:
    print(type(err).__name__, err)
print(str(UnicodeDecodeError("x", b"ab", 5, 9, "out of range")), str(UnicodeEncodeError("x", "ab", 1, 1, "empty")))
print(b"a\xffb".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "backslashreplace"), "\xe9".encode("ascii", "xmlcharrefreplace"))
try:
    b"x".decode("utf-8", "no-such-handler")
    "\xe9".encode("ascii", "no-such-handler")
except LookupError as err:
    print(type(err).__name__, err)
