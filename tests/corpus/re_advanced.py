# pyvm cannot eval() source yet (functools builds namedtuples that way), so until its compiler lands give `re` the
# one functools feature it uses. On CPython the import succeeds and this changes nothing.
try:
    import functools
except NotImplementedError:
    import sys

    def _lru_cache(maxsize=128, typed=False):
        def decorate(f):
            f.cache_clear = lambda: None
            return f
        return decorate

    functools = type(sys)("functools")
    functools.lru_cache = _lru_cache
    sys.modules["functools"] = functools
import re

# Lookaround, possessive quantifiers and atomic groups (3.11+), conditionals, backreferences, lazy and bounded
# repeats, alternation order.

def show(pat, s, fn="search"):
    try:
        r = getattr(re.compile(pat), fn)(s)
    except re.error as e:
        r = "error: %s" % e
    if isinstance(r, re.Match):
        r = (r.span(), r.group(), r.groups())
    print(fn, repr(pat), repr(s), "->", r)

# Lookahead / lookbehind.
show(r"foo(?=bar)", "foobaz foobar")
show(r"foo(?!bar)", "foobar foobaz")
show(r"(?<=\$)\d+", "cost: $42")
show(r"(?<!\$)\b\d+", "$42 17")
show(r"(?<=ab|cd)x", "cdx")
show(r"(?<=(a))b", "ab")
show(r"(?=(\w+))\w", "hello", "findall")
show(r"(?<!^)(?=[A-Z])", "splitCamelCase", "split")
show(r"\b(?!un)\w+", "unhappy happy")
show(r"(?<=a(?=b)b)c", "abc")
show(r"(?!)", "abc")
show(r"(?=)", "abc", "findall")
show(r"(a(?!b))+", "aaab")
show(r"(?<=\d{3})x", "12x 123x")
show(r"(?<=a+)b", "aab")

# Possessive quantifiers and atomic groups.
show(r"a++b", "aaab")
show(r"a++a", "aaaa")
show(r"a*+a", "aaaa")
show(r"a?+a", "a")
show(r"a{1,3}+a", "aaaa")
show(r"(?:ab)++ab", "ababab")
show(r"(?:ab)*+c", "ababc")
show(r"(?>a+)b", "aaab")
show(r"(?>a+)a", "aaaa")
show(r"(?>(a)|ab)c", "abc")
show(r"(?>x|xy)z", "xyz")
show(r"((?>a*))+b", "aab")
show(r"(?:(\d)|x)++!", "1x2!")
show(r"[a-z]++\d", "abc1 def")
show(r"(?>[^()]+|\((?>[^()]+)\))*+$", "a(b)c(d)")
show(r"(\w+?)*+z", "abz")

# Conditionals.
show(r"(<)?(\w+)(?(1)>|$)", "<user>")
show(r"(<)?(\w+)(?(1)>|$)", "user")
show(r"(<)?(\w+)(?(1)>|$)", "<user")
show(r"(?P<q>['\"])?\w+(?(q)(?P=q))", "'abc'")
show(r"(a)?(?(1)b|c)", "c")
show(r"(a)?(?(1)b)", "ab")
show(r"^(?:(a)|b)(?(1)x|y)$", "by")

# Backreferences.
show(r"(\w+) \1", "hello hello world")
show(r"(?P<w>\w)(?P=w)", "abccd")
show(r"(a*)\1", "aaaa", "fullmatch")
show(r"(a)|\1", "x")
show(r"(?:(a)|b)\1", "ba")
show(r"((a)|b)+\2", "aba")
show(r"(\d+)-\1", "12-12 13-31", "findall")

# Lazy and bounded repeats.
show(r"<.*?>", "<a><b>")
show(r"<.*>", "<a><b>")
show(r"a{2,3}?", "aaaa", "findall")
show(r"a{2}", "aaaaa", "findall")
show(r"a{,2}", "aaaaa", "findall")
show(r"a{3,}", "aa aaaa", "findall")
show(r"(ab){2,}?", "ababab")
show(r"(?:a|ab)(?:c|bcd)(d*)", "abcd")
show(r"(a|ab)(c|bcd)(d*)", "abcd", "fullmatch")
show(r"(a+)+b", "aaab")
show(r"(a*)*b", "b")
show(r"(a*)+", "b")
show(r"(a|b)*?c", "abbc")
show(r"(?:x*)*", "xxy")
show(r"(x?)*?y", "xxy")
show(r"((a)|(b))*", "abab")
show(r"(a)*", "aaa")
show(r"(?:(a)|(b))+", "ab")
show(r"(?:()|a)+", "aa")
show(r"(a{0,1}){3}b", "aab")
show(r"(.)(?:\1){2,}", "abbbc")
show(r"(?:a{2}){2,3}", "aaaaaaa")
show(r"(?:.{3})*?x", "abcdefx")
show(r"\d{2,4}?\w", "12345")
show(r"(?:ab)*?b", "ababb")
show(r"[^\W\d]+", "ab12cd")
show(r"[\d\s]+", "a 1 2 b")
show(r"[-a]+", "--a-b")
show(r"[]a]+", "a]]b")
show(r"[^]]+", "ab]")
show(r"[\]\\]+", "\\]x")
show(r"a|ab|abc", "abc")
show(r"(?:abc|ab|a)$", "ab")
show(r"x(?:a|b|c|d)*y", "xabcdaby")
show(r"\x41\101\u0042\U00000061", "AABa")
show(r"[\x00-\x08\t-\r]+", "\x01\t\n")
show(r"a\b", "a b")
show(r".", "\n", "match")
show(r"(?s).", "\n", "match")
