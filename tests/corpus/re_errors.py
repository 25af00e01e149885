import re

# re.error (PatternError) messages, positions, line/column, and errors raised by _sre itself.

bad = [
    "(", ")", "a)", "[a", "[z-a]", "a**", "a{3,2}", "*a", "(?P<1x>a)", "(?P<a>x)(?P<a>y)", "(?P=nope)",
    r"\1", "(?<=a*)b", "(?#unterminated", "(?", "(?<", "(?P", "(?P<a", "a{1,2", r"\k", "a++*",
    "(?i", "x(?i)y", "(?(1)a|b|c)", "(?(x)a)", "(?(2)a)(b)", "[\\", "\\", "(?P<a>)(?P=a",
    "abc\n(def\nghi", b"(\n[", "a{99999999999}", "(?x)\n  [", "((?i)a)", r"[\d-z]", "(?<!a|bb)c", "(?>",
    "(?-i)", "(?a-u:x)", "(?q:x)", "a|*", "{", "x{2}{3}",
]
for pat in bad:
    try:
        r = re.compile(pat)
        print("ok", repr(pat), r.pattern == pat)
    except re.error as e:
        print("error", repr(pat), "|", e, "|", e.msg, e.pos, e.lineno, e.colno, repr(e.pattern) if e.pattern is not None else None)
    except Exception as e:
        print("other", repr(pat), type(e).__name__, e)

print(re.error is re.PatternError, re.PatternError.__module__, issubclass(re.error, Exception))
try:
    re.compile("(" * 3 + "a")
except re.error as e:
    print(repr(e))

# Errors from the matcher layer.
import _sre
for args in [("a", 0, [1, 2, 3], 0, {}, ()), ("a", 0, [14, 4, 0, 1, 1, 16, 97, 1], 0, {}, ()),
             ("a", 0, [16, 97, 1], 0, {}, ()), ("a", 0, (16, 97, 1), 0, {}, ()), ("a", 0, [2 ** 40], 0, {}, ()),
             ("a", 0, [17, 5, 1], 1, {}, ())]:
    try:
        p = _sre.compile(*args)
        print("compiled", p, p.match("a"))
    except (RuntimeError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
for t in [["x"], ["x", 1], ["x", -1, "y"], ["x", "1", "y"], ("x",)]:
    try:
        print(type(_sre.template(re.compile("(a)"), t)).__name__)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
m = re.match("(a)", "a")
for t in [r"\2", r"\g<2>"]:
    try:
        m.expand(t)
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
