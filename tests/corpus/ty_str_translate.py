# Corpus: str.maketrans (1/2/3-argument forms) and str.translate with dicts, lists and custom mappings.
t1 = str.maketrans("abc", "xyz")
print(sorted(t1.items()), "aabbcc-abc".translate(t1))
t2 = str.maketrans("ab", "AB", "xyz")
print(sorted(t2.items()), "axbycz".translate(t2))
t3 = str.maketrans({"a": "1", "b": None, 99: "three", "d": 68})
print(sorted(t3.items()), "abcd".translate(t3))
print(str.maketrans("", ""), str.maketrans("", "", "aeiou") == {97: None, 101: None, 105: None, 111: None, 117: None})
print("hello world".translate(str.maketrans("", "", "lo")), "tab\there".translate({9: "    "}), "x".translate({}))

errors = [
    (("abc", "xy"), ValueError), ((1,), TypeError), (({"ab": 1},), ValueError), (({1.5: "x"},), TypeError),
    (("a", "b", 5), TypeError), ((["a"],), TypeError), (("a",), TypeError), ((), TypeError), (("a", 1), TypeError),
]
for args, _ in errors:
    try:
        str.maketrans(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# translate with sequence (list) lookup: IndexError/LookupError means "leave unchanged"
table = [None] * 97 + ["A"]
print("abc".translate(table), "a\x00b".translate(table))
class Upper:
    def __getitem__(self, k):
        if 97 <= k <= 122:
            return k - 32
        raise LookupError(k)
print("mixed Case 123".translate(Upper()))
class Bad:
    def __getitem__(self, k):
        return 1.5
try:
    "a".translate(Bad())
except TypeError as e:
    print(type(e).__name__, e)
class Raises:
    def __getitem__(self, k):
        raise ValueError("bad key %d" % k)
try:
    "a".translate(Raises())
except ValueError as e:
    print(type(e).__name__, e)
for bad_val in (-1, 0x110000):
    try:
        "a".translate({97: bad_val})
    except ValueError as e:
        print(type(e).__name__, e)
try:
    "a".translate(5)
except TypeError as e:
    print(type(e).__name__, e)

# ROT13 and other practical tables
lower = "abcdefghijklmnopqrstuvwxyz"
rot = str.maketrans(lower + lower.upper(), lower[13:] + lower[:13] + lower[13:].upper() + lower[:13].upper())
msg = "Hello, World! Why did the chicken cross the road?"
enc = msg.translate(rot)
print(enc, enc.translate(rot) == msg)
leet = str.maketrans({"a": "4", "e": "3", "l": "1", "o": "0", "t": "7", "s": "$$"})
print("let us test strings".translate(leet))
strip_punct = str.maketrans("", "", ",.!?;:'\"")
print(msg.translate(strip_punct).lower().split())
# Mapping to multi-char strings and empty strings
print("a-b-c".translate({ord("-"): " -- "}), "a-b-c".translate({ord("-"): ""}), "aaa".translate({97: "bb"}))
# Latin-1 characters
lat = str.maketrans("\xe0\xe1\xe2\xe8\xe9\xea\xe7", "aaaeeec")
print("fa\xe7ade caf\xe9 \xe0 la cr\xe8me br\xfbl\xe9e".translate(lat))
# translate returns plain str for subclasses
class S(str):
    pass
r = S("abc").translate({97: "z"})
print(r, type(r).__name__)
# maketrans is a staticmethod; also callable on instances
print("".maketrans("a", "b") == str.maketrans("a", "b"), type(str.__dict__["maketrans"]).__name__)
# Identity translate and chaining
s = "The Quick Brown Fox"
print(s.translate({}), s.translate(str.maketrans("TQBF", "tqbf")).translate({32: "_"}))
