import re

# Odds and ends: re.Scanner, bounds where pos > endpos, str subclasses, groupindex, weak references, DEBUG output.

p = re.compile('')
print(p.match('abc', 2, 1), p.search('abc', 2, 1), p.fullmatch('abc', 2, 1), p.findall('abc', 2, 1))
print(re.compile('a|').match('abc', 3, 1), re.compile(r'\b').search('ab', 2, 1), re.compile('$').search('ab', 3, 1))
def s_ident(scanner, token): return token
def s_operator(scanner, token): return "op%s" % token
def s_float(scanner, token): return float(token)
def s_int(scanner, token): return int(token)
scanner = re.Scanner([
    (r"[a-zA-Z_]\w*", s_ident),
    (r"\d+\.\d*", s_float),
    (r"\d+", s_int),
    (r"=|\+|-|\*|/", s_operator),
    (r"\s+", None),
    ])
print(scanner.scanner.scanner("").pattern, scanner.scan("sum = 3*foo + 312.50 + bar"), scanner.scan("x = 1 ?"))
class MyStr(str): pass
m = re.match(r"(\w+)", MyStr("hello world"))
print(m, type(m.group(1)).__name__, type(m.string).__name__)
print(re.compile(r"(?P<a>x)|(?P<b>y)").sub(lambda m: m.lastgroup, "xyz"))
print(re.compile("x").search("x" * 10, endpos=-3), re.compile("x").search("axx", pos=-100, endpos=100).span())
p = re.compile("(?P<n>a)")
gi = p.groupindex
try:
    gi["x"] = 1
except TypeError as e:
    print("TypeError", e)
print(dict(gi), p.groupindex == {"n": 1})
print(re.compile("a", re.I).match("A").re.flags, re.template if hasattr(re, "template") else "no template")
print(re.compile(r"(\d)(?P<x>\d)?").match("1").groupdict(default=0), re.match("(a)(b)?", "a").groups(default=""))
m = re.match("(?P<x>a)(?P<y>b)", "ab")
print(m.span("y"), m.start("x"), m.end(2), m.group("x", 2, "y"), m.regs)
import weakref
r = weakref.ref(p)
print(r() is p)
print(re.sub("(?i)(?<!\\w)hello(?!\\w)", "bye", "Hello, HELLO! othello"))
print(re.compile("a").match(string="a"), re.compile("a").search("ba", pos=1))
print(re.compile(r"\d+").split("a1b2c3", maxsplit=-1))
print(re.compile(r"x").sub("y", "xxx", count=-1))
print(re.findall(r"(?:a|(b))+", "ab a"))
print(re.compile("a+").finditer("aa baa", 1, 5).__next__())
print(list(re.compile(r"(\d)").scanner("1 2 3").search.__self__.pattern.finditer("45")))
re.compile(r"(?i)a[bc]+(?P<x>d|e)*?\1(?=f)[^\W\d]{2,}", re.DEBUG)
re.compile(r"[\u0100-\u0200\u0300-\u0400\u0500]", re.DEBUG)
