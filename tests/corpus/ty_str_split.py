# Corpus: str split/rsplit/splitlines/partition/rpartition/join/strip families with all argument forms.
s = "  a,b,,c  d\te\n"
print(s.split(), s.split(","), s.split(",", 1), s.rsplit(",", 1), s.split(None, 1), s.rsplit(None, 1), s.split(" "))
print("".split(), "".split(","), "   ".split(), "   ".split(" "), "a".split("a"), "aXbXc".split("X", 0), "aXbXc".rsplit("X", -1))
print("1 2 3".split(maxsplit=1), "1 2 3".rsplit(maxsplit=1), "a-b-c".split(sep="-"), "a--b".split("--"), "a::b::".split("::"))
for bad in ("", None if False else ""):
    try:
        "abc".split(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    "abc".split(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    "abc".rsplit(",", "1")
except TypeError as e:
    print(type(e).__name__, e)

# splitlines with every separator
text = "l1\nl2\r\nl3\rl4\x0bl5\x0cl6\x1cl7\x1dl8\x1el9\x85l10\u2028l11\u2029l12"
print(text.splitlines())
print(text.splitlines(True))
print("a\n\nb\n".splitlines(), "a\n\nb\n".splitlines(keepends=True), "".splitlines(), "\n".splitlines(), "no newline".splitlines())
print("x\r\n\r\ny".splitlines(), "x\n\ry".splitlines(), "a\n".split("\n"), "a\r\nb".split("\n"))

# partition / rpartition
for sep in ("=", "==", "x", "a"):
    print(repr(sep), "a=b==c".partition(sep), "a=b==c".rpartition(sep))
print("".partition("x"), "".rpartition("x"), "abc".partition("abc"), "abcabc".rpartition("bc"))
try:
    "abc".partition("")
except ValueError as e:
    print(type(e).__name__, e)
try:
    "abc".rpartition(None)
except TypeError as e:
    print(type(e).__name__, e)

# join
print(",".join(["a", "b", "c"]), "".join("xyz"), "-".join([]), " ".join(("1",)), "/".join(map(str, range(5))), ", ".join({"k": 1}))
for bad in (["a", 1], [None], [b"x"], 5):
    try:
        ",".join(bad)
    except TypeError as e:
        print(type(e).__name__, e)
class S(str):
    pass
print(type("".join([S("a")])).__name__, "".join([S("ab"), "c"]))

# strip family
for w in ("  pad  ", "xxhixx", "\t\n text \r\x0b\x0c", "", "abc", "\x1c\x1dsep\x1e\x1f", "\xa0nbsp\xa0", "\x85x\x85"):
    print(repr(w.strip()), repr(w.lstrip()), repr(w.rstrip()), repr(w.strip("x")), repr(w.strip("")))
print("www.example.com".strip("cmowz."), "<<a>>".lstrip("<"), "<<a>>".rstrip("<>"), "aaa".strip("a"), "abcba".strip("ab"))
try:
    "x".strip(1)
except TypeError as e:
    print(type(e).__name__, e)
print("abc".strip(None), "  x ".lstrip(None))

# removeprefix / removesuffix
for w in ("prefix-body-suffix", "body", "prefix-", "-suffix", ""):
    print(repr(w.removeprefix("prefix-")), repr(w.removesuffix("-suffix")), repr(w.removeprefix("")), repr(w.removesuffix(w)))
try:
    "a".removeprefix(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a".removesuffix(("a",))
except TypeError as e:
    print(type(e).__name__, e)
