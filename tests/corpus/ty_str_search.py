# Corpus: str searching: find/rfind/index/rindex/count/startswith/endswith with start/end and tuples.
s = "the quick brown fox jumps over the lazy dog; the end"
for sub in ("the", "o", "", "dog", "cat", "e", "the end", " "):
    print(repr(sub), s.find(sub), s.rfind(sub), s.count(sub), s.find(sub, 10), s.rfind(sub, 0, 30), s.count(sub, 5, -5))
print(s.find("o", -10), s.find("o", 100), s.rfind("o", -100, -40), s.find("", 100), s.rfind("", 5, 3), s.count("", 3, 1))
print("".find(""), "".count(""), "abc".count(""), "aaaa".count("aa"), "aaaa".find("aa", 1), "abc".find("c", None, None))
print(s.index("quick"), s.rindex("the"), s.index("e", 3, 40), s.rindex("o", None, 20))
for args in (("cat",), ("the", 45), ("t", 1, 2)):
    try:
        s.index(*args)
    except ValueError as e:
        print(type(e).__name__, e)
    try:
        s.rindex(*args)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    s.find(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    s.count("a", "b")
except TypeError as e:
    print(type(e).__name__, e)
try:
    s.find()
except TypeError as e:
    print(type(e).__name__, e)

# startswith / endswith
print(s.startswith("the"), s.startswith("quick", 4), s.startswith("quick", 4, 8), s.startswith(("a", "t")), s.startswith(()))
print(s.endswith("end"), s.endswith("dog", 0, 43), s.endswith(("x", "nd")), s.endswith("", 100), s.startswith("", 52), s.startswith("", 53))
print("abc".startswith("abc", -3), "abc".endswith("a", 0, 1), "abc".endswith("bc", -2), "abc".startswith("b", -2, -1))
try:
    s.startswith(["the"])
except TypeError as e:
    print(type(e).__name__, e)
try:
    s.endswith(("a", 1))
except TypeError as e:
    print(type(e).__name__, e)
try:
    s.startswith(1)
except TypeError as e:
    print(type(e).__name__, e)

# in / not in
print("fox" in s, "Fox" in s, "" in s, "dog;" not in s, s in s, "the" * 2 in "thethe")
try:
    None in "abc"
except TypeError as e:
    print(type(e).__name__, e)

# Case methods on ASCII / Latin-1
words = ["hello world", "HELLO", "hELLO wORLD", "it's a dog's life", "x1y2 z3", "ABC-def_ghi", "stra\xdfe", "\xe9t\xe9 \xc9T\xc9", "", "123abc", "they're bill's friends from the UK"]
for w in words:
    print(repr(w), repr(w.upper()), repr(w.lower()), repr(w.title()), repr(w.capitalize()), repr(w.swapcase()), repr(w.casefold()))
print("\xdf".upper(), "\xdf".casefold(), "\xff".upper(), "\xb5".upper(), "\xb5".casefold(), "I".lower())
print("hello".upper().lower() == "hello", "Hello World".istitle(), "Hello world".istitle(), "HELLO".isupper(), "hello1".islower(), "123".isupper())

# replace with count
print(s.replace("the", "THE"), s.replace("the", "THE", 1), s.replace("o", "0", -1), s.replace("", "|", 3), "aaa".replace("a", "bb", 2))
print("abc".replace("", "-"), "".replace("", "x"), "abc".replace("abc", ""), "abab".replace("ab", "ba", 0))
try:
    s.replace("a")
except TypeError as e:
    print(type(e).__name__, e)
try:
    s.replace("a", "b", "c")
except TypeError as e:
    print(type(e).__name__, e)
print("x".replace("x", "y", count=1) if False else "y")
