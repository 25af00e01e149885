import re

# sub / subn (literal, template and callable replacements), split, findall, finditer.

print(re.sub(r"\d", "#", "a1b22c"), re.subn(r"\d", "#", "a1b22c"), re.sub(r"\d", "#", "a1b22c", count=2))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@host, ann@box"))
print(re.sub(r"(?P<k>\w+)=(?P<v>\w+)", r"\g<v>=\g<k> [\g<0>] \g<1>", "a=1 b=2"))
print(re.sub(r"x", r"\n\t\\", "axb"), repr(re.sub("a", r"\101\0\0101", "a")))
print(re.sub(r"(a)|b", r"[\1]", "ab"))  # an unmatched group expands to ''
print(re.sub(r"\w+", lambda m: m.group().upper() + str(m.start()), "hello big world"))
print(re.sub(r"\d+", lambda m: None if m.group() == "2" else "<%s>" % m.group(), "1 2 3"))
print(re.subn(r"", "-", "abc"), re.subn(r"x*", "-", "abxd"), re.sub(r"\b", "|", "hi there"))
print(re.sub("^", ">", "a\nb\nc", flags=re.M), re.sub("$", "<", "a\nb\n", flags=re.M), re.sub("(?m)^$", "E", "\n\n"))
print(re.sub("a", "b", ""), re.sub("", "x", ""), re.subn("z", "y", "abc"))
print(re.compile("o").sub("0", "foo boo", 1), re.compile("o").subn(repl="0", string="foo", count=5))
print(re.sub(b"(.)", rb"\1\1", b"ab"), re.sub(b"b", b"\\\\", b"abc"), re.sub(b"x", lambda m: b"yy", b"axa"))
print(re.sub("a", "b", "aaa" * 3, count=0), re.sub(r"(?i)ß", "ss", "Straße STRAẞE"))
class S(str):
    pass
print(re.sub("a", S(r"\g<0>!"), "banana"), type(re.sub("a", "b", S("xyz"))).__name__)
print(re.sub(b"a", bytearray(rb"\g<0>!"), b"banana"), re.sub(b"a", memoryview(b"-"), b"banana"))

# Template errors come from re._parser.
for repl in [r"\3", r"\g<nope>", r"\g<1", r"\q", r"\g<-1>", "\\"]:
    try:
        re.sub(r"(a)(b)?", repl, "ab")
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
try:
    re.sub("a", lambda m: 5, "a")
except TypeError as e:
    print("TypeError", e)
try:
    re.sub("a", b"x", "a")
except TypeError as e:
    print("TypeError", e)
try:
    re.sub(b"a", "x", b"a")
except TypeError as e:
    print("TypeError", e)

# split.
print(re.split(r"\W+", "Words, words, words."), re.split(r"(\W+)", "Words, words, words."))
print(re.split(r"\W+", "Words, words, words.", maxsplit=1), re.split(r"\W+", "Words, words, words.", maxsplit=2))
print(re.split(r"[a-f]+", "0a3B9", flags=re.I), re.split(r"(a)|(b)", "xaybz"))
print(re.split(r"x*", "axbc"), re.split(r"\b", "a b"), re.split(r"(?=b)", "abab"), re.split("", "abc"))
print(re.split("x", ""), re.split("", ""), re.split(r"(\d)", "1a2", maxsplit=0), re.split(b",", b"a,b,,c"))
print(re.compile(r"\s").split(string="a b  c", maxsplit=1))

# findall / finditer.
print(re.findall(r"\w+", "a bc def"), re.findall(r"(\w)(\w)?", "abc"), re.findall(r"(\d)", "a1b2"))
print(re.findall(r"x*", "axxb"), re.findall(r"(a)|(b)", "ab"), re.findall("", "ab"), re.compile(r"\d").findall("123", 1, 2))
print([(m.span(), m.group()) for m in re.finditer(r"\d+|(?=x)", "12x3xx")])
print([m.groups() for m in re.compile(r"(\w)=(\d)?").finditer("a=1 b= c=3", pos=2)])
it = re.finditer("a", "aa")
print(type(it).__name__, next(it).span(), next(it).span(), next(it, "end"))
print(re.findall(b"[a-c]+", b"xabcyca"), re.findall(r"(?i)[à-ÿ]+", "ÀÉÎx àéî"))
