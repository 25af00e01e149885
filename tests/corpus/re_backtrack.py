import re

# Backtracking-heavy patterns with bounded cost, and large subjects: the matcher keeps its backtracking state on
# the heap, so long inputs and many iterations do not overflow the C stack.

# Exponential and polynomial backtracking, kept small enough to finish quickly.
print(re.match(r"(a+)+b", "a" * 18))
print(re.match(r"(x+x+)+y", "x" * 14))
print(re.match(r"a*a*a*a*b", "a" * 40))
print(re.match(r"(\w+\s?)+$", "word " * 5 + "!"))
print(re.match(r"(a|aa)+$", "a" * 24 + "b"))
# The same shapes made harmless by possessive quantifiers and atomic groups.
print(re.match(r"(a+)++b", "a" * 100000), re.match(r"(?>a+)+b", "a" * 100000))
print(re.match(r"(?:a|aa)++$", "a" * 100000 + "b"))

# Many iterations of a general repeat (REPEAT/MAX_UNTIL) and of lazy ones.
n = 200000
s = "ab" * n + "c"
m = re.match(r"(a|b)*c", s)
print(m.span(), m.group(1), m.lastindex)
m = re.fullmatch(r"(?:(a)|(b))*", "ab" * n)
print(m.span(), m.groups())
m = re.match(r"(?:ab)*?c", s)
print(m.span())
m = re.match(r"(.)*", "x" * n + "y")
print(m.span(), m.group(1))
m = re.search(r"(?:a(?=b)b)+c", s)
print(m.span())
print(len(re.findall(r"(?:x|y)+", "xy" * n + " " + "yx" * n)))

# Large subjects.
big = "lorem ipsum dolor sit amet, " * 40000
print(len(big), len(re.findall(r"\w+", big)), len(re.split(r"[ ,]+", big)), re.subn(r"o", "0", big)[1])
print(re.search(r"amet, $", big).span(), re.search(r"zzz", big), re.match(r".*", big).end())
print(re.match(r"(?s).*x", big), re.search(r"(\w+) \1", big), re.search(r"(\w+) amet, (?:\w+ ){3}\1", big).span(), len(re.sub(r"\s+", "", big)))
words = re.compile(r"(?P<w>[a-z]+)(?P<sep>[ ,]*)")
print(sum(1 for _ in words.finditer(big)), words.sub(r"\g<sep>\g<w>", big[:40]))
print(re.fullmatch(r"[a-z ,]*", big) is not None, re.fullmatch(r"(?:[a-z]+[ ,]*)*", big).end())
big_u = "naïve 😀 " * 50000
print(len(re.findall(r"\w+", big_u)), len(re.findall(r"[😀-😏]", big_u)), re.search(r"(?i)NAÏVE", big_u).span())
big_b = b"\x00\xff" * 100000
print(len(re.findall(rb"\xff\x00", big_b)), re.search(rb"\x00$", big_b))

# Deeply nested groups and long alternations.
deep = "(" * 200 + "a" + ")" * 200
m = re.match(deep, "a")
print(m.span(), len(m.groups()), m.lastindex)
alts = "|".join("w%d" % i for i in range(2000))
print(re.findall(r"\b(?:" + alts + r")\b", "w1 w1999 w2000 w42"))
print(re.match("(?:" + "a?" * 16 + ")" + "a" * 16, "a" * 16).span())
