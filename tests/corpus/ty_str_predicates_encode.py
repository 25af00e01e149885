# Corpus: str predicates (ASCII/Latin-1) and encode/decode with error handlers.
samples = ["abc", "ABC", "Abc", "abc123", "123", "1.5", "", " ", "\t\n", "a b", "_", "\xe9", "\xc9t\xe9", "\xb2", "\xbd",
           "\xaa", "\xdf", "A1_", "if", "1abc", "abc!", "\x00", "\xa0", "0x1F", "Hello World", "HELLO WORLD", "\x7f"]
preds = ["isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric",
         "isprintable", "isspace", "istitle", "isupper"]
print(" ".join(p[2:] for p in preds))
for s in samples:
    print(repr(s), "".join("T" if getattr(s, p)() else "." for p in preds))

# encode with various codecs and error handlers
text = "caf\xe9 \xff na\xefve \xa9"
for enc in ("utf-8", "latin-1", "ascii", "utf-16-le", "utf-16-be", "utf-32-be", "cp1252" if False else "iso-8859-1"):
    for errors in ("strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace"):
        try:
            print(enc, errors, text.encode(enc, errors))
        except UnicodeEncodeError as e:
            print(enc, errors, type(e).__name__, e)
print("abc".encode(), "\xe9".encode("UTF8"), "\xe9".encode("Latin1"), "x".encode(encoding="ascii"), "\xe9".encode(errors="strict"))
try:
    "\xe9".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e, e.encoding, e.start, e.end, e.reason)
try:
    "abc\xe9\xe8".encode("ascii", "strict")
except UnicodeEncodeError as e:
    print(type(e).__name__, e, e.start, e.end)
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print(type(e).__name__, e)
try:
    "x".encode("ascii", "no-such-handler")
except LookupError as e:
    print(type(e).__name__, e)
print("x".encode("ascii", "no-such-handler"))
try:
    "x".encode(5)
except TypeError as e:
    print(type(e).__name__, e)

# decode
raw = b"caf\xc3\xa9 \xff!"
for errors in ("strict", "ignore", "replace", "backslashreplace", "surrogateescape" if False else "replace"):
    try:
        print(errors, ascii(raw.decode("utf-8", errors)))
    except UnicodeDecodeError as e:
        print(errors, type(e).__name__, e)
print(ascii(raw.decode("latin-1")), raw.decode("ascii", "ignore"), ascii(b"\xe9".decode("cp1252")) if False else "")
try:
    b"\x80abc".decode("ascii")
except UnicodeDecodeError as e:
    print(type(e).__name__, e, e.start, e.end, e.reason, e.object)
try:
    b"\xc3".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    b"\xed\xa0\x80".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
print(b"\xff\xfeh\x00i\x00".decode("utf-16"), b"h\x00".decode("utf-16-le"), b"\x00\x00\x00A".decode("utf-32-be"))
print("\xe9".encode("utf-8").decode("latin-1").encode("latin-1").decode("utf-8") == "\xe9")
print(bytes("abc", "ascii"), bytearray("\xe9", "latin-1"), str(b"\xe9", "latin-1") == "\xe9")
try:
    bytes("abc")
except TypeError as e:
    print(type(e).__name__, e)
try:
    bytes(5, "ascii")
except TypeError as e:
    print(type(e).__name__, e)
