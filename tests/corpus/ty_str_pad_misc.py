# Corpus: str padding and layout: center/ljust/rjust/zfill/expandtabs, multiplication, slicing helpers.
for w in ("abc", "", "abcdef", "ab"):
    print(repr(w.center(7)), repr(w.center(8, "*")), repr(w.ljust(6, "-")), repr(w.rjust(6, ".")), repr(w.center(2)), repr(w.ljust(-1)))
print(repr("a".center(4)), repr("ab".center(5)), repr("abc".center(6)), repr("a".center(2, "x")), repr("ab".center(3, "x")))
for args in (("ab",), (5, 1), (5, ""), (5, "xy")):
    try:
        "s".center(*args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    "s".ljust()
except TypeError as e:
    print(type(e).__name__, e)

# zfill
for w in ("42", "-42", "+42", "", "abc", "-", "+", "3.14", "-0.5", "--1", "1-"):
    print(repr(w), repr(w.zfill(6)), repr(w.zfill(1)), repr(w.zfill(-3)))
try:
    "1".zfill("5")
except TypeError as e:
    print(type(e).__name__, e)

# expandtabs
for w in ("a\tb", "\t", "ab\tc\td", "abcdefgh\ti", "x\n\ty", "a\r\tb", "\t\t", "12345\t6"):
    print(repr(w.expandtabs()), repr(w.expandtabs(4)), repr(w.expandtabs(0)), repr(w.expandtabs(1)), repr(w.expandtabs(-1)), repr(w.expandtabs(tabsize=3)))
try:
    "a\tb".expandtabs("4")
except TypeError as e:
    print(type(e).__name__, e)

# Repetition and concatenation
print("ab" * 3, 3 * "ab", "x" * 0, "x" * -2, "" * 100, repr("-" * 1))
try:
    "a" * 1.5
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a" * (2**62)
except (OverflowError, MemoryError) as e:
    print(type(e).__name__)
try:
    "a" + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 + "a"
except TypeError as e:
    print(type(e).__name__, e)

# Slicing and indexing
s = "0123456789"
print(s[3], s[-1], s[2:5], s[:3], s[7:], s[::2], s[::-1], s[8:2:-2], s[-3:], s[100:], s[-100:2], s[5:5], s[::-3])
for idx in (10, -11):
    try:
        s[idx]
    except IndexError as e:
        print(type(e).__name__, e)
try:
    s[::0]
except ValueError as e:
    print(type(e).__name__, e)
try:
    s["1"]
except TypeError as e:
    print(type(e).__name__, e)

# min/max/len/sorted/ord/chr on strings
print(len(s), min("hello"), max("hello"), sorted("banana"), ord("A"), ord("\xff"), chr(97), chr(0xe9), repr(chr(0)))
for bad in ("", "ab", 5):
    try:
        ord(bad)
    except TypeError as e:
        print(type(e).__name__, e)
for bad in (-1, 0x110000):
    try:
        chr(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    chr("a")
except TypeError as e:
    print(type(e).__name__, e)

# Comparisons and misc
print("a" < "b", "Z" < "a", "abc" < "abd", "ab" < "abc", "" < "a", "\xe9" > "z", "A" * 3 == "AAA", "a" != "A")
print(str(), str(123), str(None), str([1, "a"]), str(b"x"), str(3.0), str(-0.0), str(1e100))
print("abc".__len__(), "abc".__contains__("b"), "abc".__getitem__(1), "ab".__add__("cd"), "ab".__mul__(2), "ab".__rmul__(2))
print("a".__lt__(1), "a".__eq__(1), "a".__hash__() == hash("a"), "x".__mod__(()), "%s".__mod__(1))
