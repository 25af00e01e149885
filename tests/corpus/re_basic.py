import re

# search / match / fullmatch, groups, named groups, Match and Pattern objects.

p = re.compile(r"(\d+)-(\d+)")
m = p.search("call 555-1234 now")
print(m)
print(m.group(), m.group(0), m.group(1), m.group(2), m.group(1, 2))
print(m.groups(), m.span(), m.span(1), m.start(2), m.end(2), m.regs)
print(m.pos, m.endpos, m.lastindex, m.lastgroup, m.re is p, m.string)
print(m[0], m[1], m[2])
print(p.match("call 555-1234"), p.match("555-1234 x"), p.fullmatch("555-1234 x"), p.fullmatch("555-1234"))
print(p.search("555-1234", 1), p.search("555-1234", 0, 5), p.match("x555-1", 1))
print(p.fullmatch("a12-34b", 1, 6), p.search("12-34", pos=-5, endpos=100))

# Named groups.
m = re.match(r"(?P<first>\w+) (?P<last>\w+)(?: (?P<suffix>Jr|Sr))?", "Ada Lovelace")
print(m.groupdict(), m.groupdict("?"), m.groups(), m.groups(default="-"))
print(m["first"], m.group("last"), m.start("last"), m.span("suffix"), m.lastgroup, m.lastindex)
print(m.re.groupindex, m.re.groups, type(m.re.groupindex).__name__)
for bad in (3 + 1, "nope", -1, 1.5):
    try:
        m.group(bad)
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
try:
    m.group([1])
except TypeError as e:
    print("TypeError", e)
print(m.group(True), m.start(False))

# lastindex / lastgroup follow the group that closed last.
for pat, s in [(r"(a)(b)?", "a"), (r"(a)|(b)", "b"), (r"((a)(b))", "ab"), (r"(?P<x>a(?P<y>b))", "ab"), (r"a", "a")]:
    m = re.match(pat, s)
    print(pat, m.lastindex, m.lastgroup, m.groups(), m.regs)

# Unmatched groups and empty matches.
m = re.search(r"(x)?(y)?z", "z")
print(m.groups(), m.span(1), m.start(2), m.group(1, 2), m.groups(0))
print(re.search("", "abc"), re.match("a*", "bbb"), re.fullmatch("", ""))

# Pattern objects.
for pat, flags in [("abc", 0), ("abc", re.I), (r"a\d", re.M | re.S), (b"ab", 0), (b"x", re.I | re.L),
                   ("x", re.ASCII | re.VERBOSE), ("y" * 300, 0), ("q", re.U), ("w", re.DEBUG * 0 | 512 * 0)]:
    c = re.compile(pat, flags)
    print(repr(c)[:80], c.flags, c.groups, c.pattern == pat)
print(re.compile("(?x) a b # comment").pattern)
a, b = re.compile("a+b"), re.compile("a+b")
print(a == b, a != b, hash(a) == hash(b), a == re.compile("a+b", re.I), a == "a+b", a is re.compile("a+b"))
import copy
print(copy.copy(a) is a, copy.deepcopy(a) is a, copy.copy(m) is m, copy.deepcopy(m) is m)
print(re.Pattern, re.Match, type(a) is re.Pattern, type(m) is re.Match, re.Pattern[str], re.Match[bytes])
try:
    re.Pattern()
except TypeError as e:
    print("TypeError", e)
sc = a.scanner("ab")
for obj, attr in [(a, "flags"), (a, "pattern"), (a, "groups"), (a, "groupindex"), (m, "pos"), (m, "string"),
                  (m, "re"), (m, "lastindex"), (m, "regs"), (sc, "pattern")]:
    try:
        setattr(obj, attr, 1)
    except AttributeError as e:
        print("AttributeError", e)

# Match repr truncates long matches.
print(re.match(".*", "x" * 100))
print(re.match(".*", "é€😀"))
print(bool(re.match("", "")), re.match(b"a.", b"ab\xff"))

# Scanner.
sc = re.compile(r"\s*(\w+|[+*/-])").scanner("12 + ab * 3")
print(sc.pattern.pattern)
print([sc.match().group(1) for _ in range(5)], sc.match(), sc.search())
sc = re.compile(r"\d").scanner("a1b2c3", 1, 5)
print([m.group() for m in iter(sc.search, None)])

# expand.
m = re.match(r"(?P<a>\w)(\w)", "xy")
print(m.expand(r"\2\1-\g<a>-\g<0>\n"), m.expand(b"x" and r"\g<2>"))

# The module's own helpers.
import _sre
print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.ascii_iscased(ord("a")), _sre.ascii_iscased(ord("1")), _sre.unicode_iscased(0xdf),
      _sre.unicode_iscased(ord("1")), _sre.ascii_tolower(ord("Q")), _sre.unicode_tolower(0x130),
      _sre.unicode_tolower(ord("Σ")), _sre.ascii_tolower(0xc0))
print(re.escape("a.b*c"), re.purge())
