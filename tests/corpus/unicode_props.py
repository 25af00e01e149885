# Corpus: every str predicate and case mapping over all of Unicode (U+0000..U+10FFFF), as digests: for each
# predicate the number of code points where it holds and a checksum of them; for each mapping the length and a
# checksum of the result. Also the Final_Sigma context (cased / case-ignorable), title()'s notion of cased, split()
# and splitlines() boundaries, and the values int() gives decimal digits. To stay fast the mappings run over one
# string of all code points with a '\0' between them ('\0' is neither cased nor case-ignorable, so each code point
# is mapped as if alone).
#
# pyvm's tables come from Debian's unicode-data, Unicode 15.0; CPython 3.13 uses Unicode 15.1. SKIP lists the code
# points whose str behaviour differs between the two (found once by comparing Debian's 15.0 UnicodeData.txt,
# DerivedCoreProperties.txt and Unihan_NumericValues.txt with CPython 3.13's unicodedata), which this program leaves
# out so that its output is the same under both:
#   - new in 15.1: U+2FFC..U+2FFF (ideographic description characters), U+31EF (a CJK stroke) and CJK Extension I
#     U+2EBF0..U+2EE5D;
#   - XID_Continue since 15.1 (isidentifier): U+200C, U+200D, U+30FB, U+FF65;
#   - new or changed Unihan numeric values in 15.1 (isnumeric): U+4E24 U+4EAC U+4FE9 U+5006 U+5146 U+62D0
#     U+6D1E U+7695 U+79ED U+920E U+94A9.
SKIP = [(0x200C, 0x200D), (0x2FFC, 0x2FFF), (0x30FB, 0x30FB), (0x31EF, 0x31EF), (0x4E24, 0x4E24), (0x4EAC, 0x4EAC),
        (0x4FE9, 0x4FE9), (0x5006, 0x5006), (0x5146, 0x5146), (0x62D0, 0x62D0), (0x6D1E, 0x6D1E), (0x7695, 0x7695),
        (0x79ED, 0x79ED), (0x920E, 0x920E), (0x94A9, 0x94A9), (0xFF65, 0xFF65), (0x2EBF0, 0x2EE5D)]

MOD = (1 << 61) - 1


def checksum(s):
    """A checksum of a string (any code points, lone surrogates included)."""
    return int.from_bytes(s.encode("utf-8", "surrogatepass"), "little") % MOD


chars = []
start = 0
for lo, hi in SKIP:
    chars += map(chr, range(start, lo))
    start = hi + 1
chars += map(chr, range(start, 0x110000))
print("code points", len(chars))

for name in ["isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric",
             "isprintable", "isspace", "istitle", "isupper"]:
    holds = "".join(filter(getattr(str, name), chars))
    print(name, len(holds), checksum(holds))

joined = "\0".join(chars[1:])  # U+0000 (which maps to itself) is the separator
for name in ["lower", "upper", "title", "capitalize", "swapcase", "casefold"]:
    mapped = getattr(str, name)(joined)
    print(name, len(mapped), checksum(mapped))

# 'A' + c + 'Σ' ends in final sigma when c is cased or case-ignorable.
sigma = ("A" + "\u03a3\0A".join(chars) + "\u03a3").lower()
print("final sigma", sigma.count("\u03c2"), checksum(sigma))
# (c + 'a').title() keeps the 'a' lowercase when c is cased.
cased = ("a\0".join(chars) + "a").title()
print("cased", cased.count("a\0"), checksum(cased))
bar = "|".join(chars)
print("splitlines", [len(line) for line in bar.splitlines()])
print("split", [len(part) for part in bar.split()])
digits = "".join(filter(str.isdecimal, chars))
print("decimal values", int(digits) % MOD, int(digits[::-1]) % MOD)
# A few strings whose case mapping depends on context or expands.
for s in ["ΟΔΥΣΣΕΥΣ", "ὈΔΥΣΣΕΎΣ ΣΑ", "straße", "ǅungla", "ﬁre ﬂy", "İstanbul", "ŉ", "ᾳ ᾼ", "Ꭰꭰ", "ꭰ"]:
    print(s.lower(), s.upper(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
print(int("١٢٣") + int("߀߁"), float("۱.۵"), int(" \u3000४२\u2003 "), "𝟘𝟙𝟚".isdecimal(), int("𝟘𝟙𝟚"))
print(repr("a\u0378b\U000e0001c\u2028d\U0010fffd"), ascii("\u00e9\u0378"))
