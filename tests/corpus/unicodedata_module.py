# Corpus: the unicodedata module. Every property function over a sample of code points (every 37th one plus a
# hand-picked list), normalize()/is_normalized() of many strings in all four forms, name()/lookup() round trips
# (algorithmic names, aliases, named sequences), \N{...} escapes and the namereplace error handler, and the
# error messages.
#
# pyvm's database is Debian's unicode-data, Unicode 15.0.0; CPython 3.13 has 15.1.0. SKIP lists the code points
# whose unicodedata answers differ between the two (found by comparing every code point with CPython), which
# this program leaves out so that its output is the same under both:
#   - assigned in 15.1: U+2FFC..U+2FFF, U+31EF and CJK Extension I U+2EBF0..U+2EE5D;
#   - numeric values new or changed in 15.1's Unihan: U+4E24 U+4EAC U+4FE9 U+5006 U+5146 U+62D0 U+6D1E U+7695
#     U+79ED U+920E U+94A9.
# unidata_version (15.0.0 against 15.1.0) and ucd_3_2_0's methods (pyvm has no Unicode 3.2.0 data and raises
# NotImplementedError) are not printed.
import unicodedata as ud

SKIP = [(0x2FFC, 0x2FFF), (0x31EF, 0x31EF), (0x4E24, 0x4E24), (0x4EAC, 0x4EAC), (0x4FE9, 0x4FE9), (0x5006, 0x5006),
        (0x5146, 0x5146), (0x62D0, 0x62D0), (0x6D1E, 0x6D1E), (0x7695, 0x7695), (0x79ED, 0x79ED), (0x920E, 0x920E),
        (0x94A9, 0x94A9), (0x2EBF0, 0x2EE5D)]


def skipped(cp):
    return any(lo <= cp <= hi for lo, hi in SKIP)


def value(f, c):
    try:
        return repr(f(c))
    except ValueError:
        return "-"


def describe(cp):
    c = chr(cp)
    name = ud.name(c, None)
    parts = ["%04X" % cp, ud.category(c), repr(ud.bidirectional(c)), ud.east_asian_width(c), str(ud.combining(c)),
             str(ud.mirrored(c)), repr(ud.decomposition(c)), value(ud.decimal, c), value(ud.digit, c),
             value(ud.numeric, c), repr(name)]
    if name is not None:
        parts.append("lookup-ok" if ud.lookup(name) == c else "lookup-BAD")
    if not 0xD800 <= cp <= 0xDFFF:
        forms = [ud.normalize(f, c) for f in ("NFC", "NFD", "NFKC", "NFKD")]
        parts.append("=" if forms == [c] * 4 else ascii(forms))
    return " ".join(parts)


PICKED = [0x0, 0x9, 0x20, 0x30, 0x39, 0x41, 0x61, 0x7F, 0xA0, 0xAA, 0xB2, 0xBC, 0xBD, 0xC0, 0xC5, 0xE9, 0xFF, 0x130,
          0x149, 0x17F, 0x1C4, 0x1C5, 0x1F0, 0x300, 0x301, 0x307, 0x323, 0x340, 0x344, 0x345, 0x374, 0x37E, 0x385,
          0x390, 0x3D3, 0x5D0, 0x627, 0x660, 0x669, 0x6F0, 0x915, 0x958, 0x966, 0xE3F, 0xF43, 0xF73, 0xF77, 0x1100,
          0x1161, 0x11A8, 0x1E9B, 0x1F80, 0x200B, 0x200C, 0x200D, 0x2028, 0x2066, 0x2126, 0x212B, 0x2160, 0x2168,
          0x2460, 0x2474, 0x2488, 0x24B6, 0x2FF0, 0x3000, 0x3007, 0x3038, 0x3131, 0x3400, 0x4DBF, 0x4DC0, 0x4E00,
          0x4E8C, 0x5341, 0x9FFF, 0xA000, 0xAC00, 0xAC01, 0xD4DB, 0xD7A3, 0xD7A4, 0xD800, 0xDFFF, 0xE000, 0xF900,
          0xF9FF, 0xFA6D, 0xFB00, 0xFB1D, 0xFB2A, 0xFDFA, 0xFE00, 0xFEFF, 0xFF10, 0xFF21, 0xFF61, 0xFFFD, 0xFFFF,
          0x10000, 0x10107, 0x1D15E, 0x1D400, 0x1D7CE, 0x1F100, 0x1F12B, 0x1F1E6, 0x1F600, 0x1FBF0, 0x20000, 0x2A6DF,
          0x2A700, 0x2F800, 0x2FA1D, 0x30000, 0x31350, 0x323AF, 0x3FFFD, 0xE0001, 0xE0100, 0xF0000, 0x10FFFD,
          0x10FFFF, 0x17000, 0x18B00, 0x18D00, 0x1B170, 0x1B2FB, 0x1E900, 0x1F7D8, 0x11F00, 0x13430, 0x1E030]

print("sample (assigned code points; a run that differs only in the code point is counted, unassigned ones are a "
      "digest):")
unassigned, digest = 0, 0
shape, repeats = None, 0
for cp in sorted(set(range(0, 0x110000, 37)) | set(PICKED)):
    if skipped(cp):
        continue
    line = describe(cp)
    if ud.category(chr(cp)) == "Cn":
        unassigned += 1
        digest = (digest * 131 + sum(map(ord, line.split(" ", 1)[1]))) % 1000000007
        continue
    this = line.replace("%04X" % cp, "#")
    if this == shape:
        repeats += 1
        continue
    if repeats:
        print("  ... and %d more like it" % repeats)
    shape, repeats = this, 0
    print(line)
if repeats:
    print("  ... and %d more like it" % repeats)
print("unassigned sampled:", unassigned, digest)

print("normalize:")
STRINGS = [
    "", "abc", "\u00e9", "e\u0301", "\u1e9b\u0323", "\u0041\u030a", "\u212b", "\u2126", "\u00c5\u0327",
    "a\u0323\u0302", "a\u0302\u0323", "\u1ea5\u0323", "\u0071\u0307\u0323", "\u1e0b\u0323", "\ufb01", "\u2460\u00bd",
    "\u1100\u1161", "\u1100\u1161\u11a8", "\uac00\u11a8", "\ud4db", "\u1100\u1161\u0301\u11a8", "\u110b\u1175",
    "\u0f73", "\u0f77\u0f71\u0f72", "\u0958", "\u0915\u093c", "\u2000", "\u3300", "\ufdfa", "\u0344", "\u0374",
    "\u0340\u0341", "\u05d9\u05b4", "\ufb1d", "\U0001d15e\U0001d165",
    "\U0001d160", "\u00e0\u0316", "a\u0316\u0300\u0301\u0317", "\u0300a", "\u0308\u0301a\u0301", "\u1fc1",
    "\u03d3", "\u00a8\u0301", "\u2fa1d", "\U0002fa1d", "\uf900\uf901", "\u0386\u0345", "\u1f80\u0345", "\u0399\u0308\u0301",
    "\u0627\u0653", "\u0622", "\u09c7\u09be", "\u09cb", "\u0b47\u0b3e\u0b56", "\u0bc6\u0bbe", "\u0cc6\u0cc2\u0cd5",
    "\u1b05\u1b35", "\U00011099\U000110ba", "\U000114b9\U000114b0", "\U00011935\U00011930", "\u3099\u304b",
    "\u304b\u3099", "\u30cf\u309a", "\uff8a\uff9f", "\u1e0a\u0323\u0307", "\u0044\u0307\u031b\u0323",
    "x\u0300\u0300\u0300", "\u00c7\u0301", "\u1e08", "\u2126\u212a\u212b", "\u00b5\u00aa\u00ba", "\u1e9e\u00df",
    "\u0130i\u0307", "\ufe9b", "\u2474\u2488", "\u33ff", "\u01c4\u01c5\u01c6", "\u0149", "\u017f\u0307",
    "caf\u00e9 na\u00efve r\u00e9sum\u00e9", "\uac00\uac01\u1100\u1162\u11a9 \u1112\u1175", "\u1100\u1100\u1161",
    "\u11a8\u1161", "\uac00\u1161", "\u1103\u1170\u11b6",
]
for s in STRINGS:
    out = [ud.normalize(f, s) for f in ("NFC", "NFD", "NFKC", "NFKD")]
    flags = [ud.is_normalized(f, s) for f in ("NFC", "NFD", "NFKC", "NFKD")]
    print(ascii(s), ascii(out), flags)
# Idempotence and the identities between the forms over a block of text.
text = "".join(chr(cp) for cp in range(0xC0, 0x250)) + "".join(chr(cp) for cp in range(0x1E00, 0x1F00))
for f in ("NFC", "NFD", "NFKC", "NFKD"):
    n = ud.normalize(f, text)
    print(f, len(n), ud.normalize(f, n) == n, ud.is_normalized(f, n), sum(map(ord, n)) % 1000003)
s = "already normalized"
print(ud.normalize("NFC", s) is s, ud.normalize("NFKD", s) is s)

print("names:")
NAMES = [
    "LATIN SMALL LETTER A", "latin small letter a", "Latin Small Letter A With Grave", "SNOWMAN", "GRINNING FACE",
    "HANGUL SYLLABLE GA", "HANGUL SYLLABLE GAG", "HANGUL SYLLABLE HIH", "HANGUL SYLLABLE YI", "HANGUL SYLLABLE WAE",
    "HANGUL SYLLABLE NGAE", "hangul syllable ga", "HANGUL SYLLABLE ", "HANGUL SYLLABLE GGG", "HANGUL SYLLABLE G",
    "CJK UNIFIED IDEOGRAPH-4E00", "CJK UNIFIED IDEOGRAPH-04E00", "CJK UNIFIED IDEOGRAPH-20000",
    "CJK UNIFIED IDEOGRAPH-4e00", "cjk unified ideograph-4E00", "CJK UNIFIED IDEOGRAPH-4E0", "CJK UNIFIED IDEOGRAPH-",
    "CJK UNIFIED IDEOGRAPH-9FFF", "CJK UNIFIED IDEOGRAPH-A000", "CJK UNIFIED IDEOGRAPH-323AF",
    "CJK COMPATIBILITY IDEOGRAPH-F900", "cjk compatibility ideograph-f900", "CJK COMPATIBILITY IDEOGRAPH-0F900",
    "CJK COMPATIBILITY IDEOGRAPH-2F800", "CJK COMPATIBILITY IDEOGRAPH-FA6E", "NUSHU CHARACTER-1B170",
    "nushu character-1b170", "KHITAN SMALL SCRIPT CHARACTER-18B00", "TANGUT IDEOGRAPH-17000", "TANGUT COMPONENT-001",
    "BYTE ORDER MARK", "BOM", "bom", "NULL", "NUL", "LINE FEED", "LF", "ZWJ", "LATIN CAPITAL LETTER GHA",
    "LATIN CAPITAL LETTER OI", "PRESENTATION FORM FOR VERTICAL RIGHT WHITE LENTICULAR BRAKCET",
    "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE", "latin small letter a with macron and grave",
    "TAMIL SYLLABLE SSA", "KATAKANA LETTER AINU P", "foo", "", " ", "LATIN SMALL LETTER A ", "LATIN  SMALL LETTER A",
    "x" * 256, "x" * 257, "LATIN SMALL LETTER A\x00", "\u00e9", "YI SYLLABLE IT", "TIBETAN LETTER -A",
    "HANGUL JUNGSEONG O-E", "HANGUL JUNGSEONG OE", "SYRIAC SUBLINEAR COLON SKEWED LEFT", "MUSICAL SYMBOL G CLEF",
]
for n in NAMES:
    try:
        r = ud.lookup(n)
        print(ascii(n[:60]), ascii(r), [ud.name(c, None) for c in r])
    except KeyError as e:
        print(ascii(n[:60]), "KeyError", ascii(str(e)[:90]))
for b in [b"SNOWMAN", b"BOM", b"LATIN SMALL LETTER A WITH MACRON AND GRAVE", b"\xff\xfe"]:
    try:
        print(b, ascii(ud.lookup(b)))
    except KeyError as e:
        print(b, "KeyError", ascii(str(e)))
# Round trips over whole ranges: every name of the range finds its character again.
for lo, hi in [(0x0, 0x2FF0), (0xA000, 0xAD00), (0xD7A0, 0xFB00), (0x1F000, 0x1FC00), (0xE0000, 0xE0200)]:
    good = bad = unnamed = 0
    for cp in range(lo, hi):
        n = ud.name(chr(cp), None)
        if n is None:
            unnamed += 1
        elif ud.lookup(n) == chr(cp) and (n.startswith(("HANGUL SYLLABLE", "CJK UNIFIED"))
                                          or ud.lookup(n.lower()) == chr(cp)):
            good += 1
        else:
            bad += 1
    print("round trip %X..%X" % (lo, hi), good, bad, unnamed)
print(ud.name("\x00", "dflt"), ud.name("a", "dflt"), ud.name("\U000e0000", None), ud.name("\ue000", 7))

print("escapes:")
print(ascii("\N{LATIN SMALL LETTER E WITH ACUTE}\N{snowman}\N{BOM}\N{HANGUL SYLLABLE GAG}\N{CJK UNIFIED IDEOGRAPH-4E00}"))
print(ascii(b"\\N{DIGIT ONE}\\N{latin capital letter gha}x".decode("unicode_escape")))
for raw in [b"\\N{NO SUCH NAME}", b"\\N{}", b"\\N", b"\\Nx", b"\\N{SNOWMAN", b"\\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}"]:
    for errors in ("strict", "replace", "backslashreplace"):
        try:
            print(raw, errors, ascii(raw.decode("unicode_escape", errors)))
        except UnicodeDecodeError as e:
            print(raw, errors, "UnicodeDecodeError", e.start, e.end, e.reason)
for src in ['"\\N{NO SUCH NAME}"', '"\\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}"', '"\\N{}"', '"\\Nx"']:
    try:
        compile(src, "<s>", "eval")
    except SyntaxError as e:
        print(src, "SyntaxError", e.msg)
print("\u00e9\u2603\U0001F600\ue000\U000e0000\uac01\u4e00".encode("ascii", "namereplace"))
print("\u00e9x\u2603".encode("latin-1", "namereplace"))

print("errors:")


def attempt(f, *args):
    try:
        print(f.__name__, ascii(f(*args)))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)


for f in (ud.category, ud.bidirectional, ud.combining, ud.mirrored, ud.east_asian_width, ud.decomposition):
    attempt(f, 1)
    attempt(f, "ab")
    attempt(f, "")
for f in (ud.decimal, ud.digit, ud.numeric, ud.name):
    attempt(f, "a")
    attempt(f, 1)
    attempt(f, "ab", 0)
    attempt(f, "a", None)
    attempt(f)
    attempt(f, "a", 1, 2)
attempt(ud.normalize, "NFX", "a")
attempt(ud.normalize, "nfc", "a")
attempt(ud.normalize, 1, "a")
attempt(ud.normalize, "NFC", 1)
attempt(ud.normalize, "NFC")
attempt(ud.is_normalized, "NFX", "a")
attempt(ud.is_normalized, "NFC", b"a")
attempt(ud.lookup, 1)
attempt(ud.lookup, bytearray(b"BOM"))
attempt(ud.lookup)
attempt(ud.category)
attempt(ud.UCD)
print(type(ud.ucd_3_2_0).__name__, type(ud.ucd_3_2_0).__module__, isinstance(ud.ucd_3_2_0, ud.UCD))
print(sorted(n for n in dir(ud.ucd_3_2_0) if not n.startswith("_")))
print(ud.ucd_3_2_0.unidata_version, type(ud.unidata_version).__name__, ud.unidata_version.count("."))
print(sorted(n for n in dir(ud) if not n.startswith("_")))
