import re

# Flags: IGNORECASE (ASCII and Unicode, with the special case folds), MULTILINE, DOTALL, VERBOSE, ASCII, LOCALE
# (bytes), inline and scoped flags.

def show(pat, s, flags=0, fn="findall"):
    try:
        r = getattr(re.compile(pat, flags), fn)(s)
    except re.error as e:
        r = "error: %s" % e
    if isinstance(r, re.Match):
        r = (r.span(), r.group())
    print(fn, repr(pat), flags and re.RegexFlag(flags), "->", r)

show("abc", "ABC aBc abc", re.I)
show("[a-z]+", "Hello WORLD", re.I)
show("[^a-z]+", "Hello WORLD 42", re.I)
show(r"\w+", "Ünïcödé ÄÖ", re.I)
show("ǆ", "Ǆ ǅ ǆ", re.I)            # titlecase forms fold together
show("k", "K k \u212a", re.I)        # KELVIN SIGN
show("s", "S s \u017f", re.I)        # LONG S
show("[k-m]", "K \u212a L", re.I)
show("[\u212a]", "k K", re.I)
show("σ", "Σ σ ς", re.I)
show("[σ]+", "ΣσςΣ", re.I)
show("ß", "ß ẞ SS", re.I)
show("İ", "i İ I", re.I)
show("ı", "i ı I", re.I)
show("\U00010400", "\U00010428 \U00010400", re.I)  # DESERET, outside the BMP
show("[\U00010400-\U00010410]", "\U00010428\U00010430", re.I)
show("abc", "ABC", re.I | re.A)
show("k", "K \u212a", re.I | re.A)
show(r"(a)\1", "aA Aa aa", re.I)
show(r"(é)\1", "éÉ", re.I)
show(r"(?i:a)b", "Ab AB ab")
show(r"a(?-i:b)", "AB Ab ab", re.I)
show(r"(?i)ab", "AB")
show("^b", "a\nb\nc")
show("^b", "a\nb\nc", re.M)
show("a$", "a\na\n", re.M)
show("a$", "a\na\n")
show(r"a\Z", "a\na")
show(r"\Aa", "a\na", re.M)
show("a.b", "a\nb axb")
show("a.b", "a\nb axb", re.S)
show("(?s:a.)b", "a\nb")
show(r"""
    (\d{3})   # area
    [-.\s]?   # separator
    (\d{4})   # number
    \#x       # literal hash
""", "555-1234#x 5551234#x", re.X)
show(r"(?x) a b c [ ] ]", "abc ]")
show(r"\w+", "naïve café 12", re.A)
show(r"\w+", "naïve café 12")
show(r"(?a)\d+", "12٣٤")
show(r"\d+", "12٣٤")
show(r"(?u)\s+", "a\u00a0\u2003b")
show(r"(?a)\s+", "a\u00a0 b")
show(br"\w+", b"caf\xe9 na\xefve", re.L)
show(br"[a-z]+", b"ABC def", re.L | re.I)
show(br"(?L)\bb", b"a b")
show(br"\w+", b"caf\xe9 x")
show(r"(?i)\bfoo\b", "a FOO b foobar")
show(r"\b\w", "one two", re.A)
show(r"\Bo", "too oo")
show(r"(?m)^\s*#.*$", "x\n  # c1\ny\n# c2")
show(r"(?im)^hello", "HELLO\nhello\nHeLLo")
show(r"(?x)a#comment\n b", "ab")
for f in [re.I, re.M, re.S, re.X, re.A, re.U, re.L, re.DEBUG * 0, re.I | re.M]:
    print(repr(f), int(f))
print(re.compile("a", re.I | re.M).flags, re.compile(b"a").flags, re.compile("(?i)a").flags, re.compile("(?s)a", re.M).flags)
for bad in [("a", re.A | re.U), (b"a", re.U), ("a", re.L), ("(?u)a", re.A), (b"(?u)a", 0), ("(?L)a", 0), ("(?i", 0), ("(?z)a", 0)]:
    try:
        re.compile(*bad)
    except (ValueError, re.error) as e:
        print(type(e).__name__, e)
