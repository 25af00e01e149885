# Corpus: bytes methods: search, split/join/strip, case, predicates, replace, padding, with error messages.
b = b"Hello, World! hello again."
print(b.find(b"llo"), b.rfind(b"llo"), b.find(111), b.count(b"l"), b.count(108, 5), b.index(b"W"), b.rindex(b"o", 0, 10))
print(b.startswith(b"Hell"), b.endswith((b"x", b".")), b.startswith(b"World", 7), b"llo" in b, 72 in b, b"" in b)
for args in ((b"zz",), (300,), ("str",)):
    try:
        b.index(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    "x" in b
except TypeError as e:
    print(type(e).__name__, e)
try:
    b.startswith("H")
except TypeError as e:
    print(type(e).__name__, e)

print(b.upper(), b.lower(), b.swapcase(), b.title(), b"hello world".capitalize(), b"\xe9abc".upper())
print(b.split(), b.split(b","), b.split(b"l", 2), b.rsplit(b"l", 2), b"a\nb\r\nc\rd".splitlines(), b"x\ny\n".splitlines(True))
print(b.partition(b", "), b.rpartition(b"l"), b.partition(b"zz"), b"-".join([b"a", bytearray(b"b"), memoryview(b"c")]))
try:
    b"-".join([b"a", "b"])
except TypeError as e:
    print(type(e).__name__, e)
try:
    b.split(b"")
except ValueError as e:
    print(type(e).__name__, e)
print(b"  pad \t\n".strip(), b"xxhixx".strip(b"x"), b"  a ".lstrip(), b"  a ".rstrip(), b"abcba".strip(b"ab"))
print(b.replace(b"l", b"L"), b.replace(b"l", b"", 2), b"aaa".replace(b"", b"-"), b.removeprefix(b"Hello"), b.removesuffix(b"again."))
print(b"ab".center(6, b"*"), b"ab".ljust(5), b"ab".rjust(5, b"0"), b"-42".zfill(6), b"a\tb".expandtabs(4))
try:
    b"ab".center(6, b"**")
except TypeError as e:
    print(type(e).__name__, e)
try:
    b"ab".center(6, "*")
except TypeError as e:
    print(type(e).__name__, e)

preds = ["isalnum", "isalpha", "isascii", "isdigit", "islower", "isspace", "istitle", "isupper"]
for s in (b"abc", b"ABC", b"Abc Def", b"123", b"", b" \t", b"a1", b"\xe9", b"\x7f", b"Hello World"):
    print(s, "".join("T" if getattr(s, p)() else "." for p in preds))

# translate / maketrans
table = bytes.maketrans(b"abc", b"xyz")
print(len(table), table[97:100], b"aabbcc".translate(table), b"abcdef".translate(None, b"ace"), b"abc".translate(table, b"b"))
try:
    bytes.maketrans(b"ab", b"x")
except ValueError as e:
    print(type(e).__name__, e)
try:
    b"a".translate(b"short")
except ValueError as e:
    print(type(e).__name__, e)

# Indexing / slicing / operators
print(b[0], b[-1], b[:5], b[::-1][:6], b[100:], b * 2 if False else b"ab" * 3, b"ab" + b"cd", b"a" < b"b", b"abc" == bytearray(b"abc"))
try:
    b[100]
except IndexError as e:
    print(type(e).__name__, e)
try:
    b"a" + "b"
except TypeError as e:
    print(type(e).__name__, e)
try:
    b"a" + 1
except TypeError as e:
    print(type(e).__name__, e)

# Constructors
print(bytes(), bytes(3), bytes([65, 66]), bytes(range(3)), bytes(b"x"), bytes(bytearray(b"y")), bytes((x for x in (1, 2))))
for arg in (-1, [256], [-1], ["a"], 1.5, "s", [1.0]):
    try:
        bytes(arg)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
class WithBytes:
    def __bytes__(self):
        return b"custom"
class BadBytes:
    def __bytes__(self):
        return "nope"
print(bytes(WithBytes()))
try:
    bytes(BadBytes())
except TypeError as e:
    print(type(e).__name__, e)
print(b"abc".decode(), bytes.fromhex("61 62"), list(b"hi"), b"%d" % 5, hash(b"abc") == hash(b"abc"), len(b"\x00\x00"))
print(b"ab".isalnum(), b"a".__len__(), b"abc".__getitem__(1), b"x".__add__(b"y"), b"ab".count(b""), b"abcabc".find(b"c", -2))
