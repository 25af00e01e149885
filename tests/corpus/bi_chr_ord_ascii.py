# Corpus: chr(), ord() and ascii(): code point ranges, surrogates, escapes, errors for wrong types/lengths.
print([chr(c) for c in [65, 97, 48, 32, 126]], repr(chr(0)), repr(chr(10)), repr(chr(127)), repr(chr(160)))
print(repr(chr(0xE9)), repr(chr(0x3B1)), repr(chr(0x4E2D)), repr(chr(0x1F600)), repr(chr(0x10FFFF)))
print(repr(chr(0xD800)), repr(chr(0xDFFF)), len(chr(0x1F600)), repr(chr(0x200B)), repr(chr(0xAD)))
print([ord(c) for c in "Aa0 ~\t\n"], ord("é"), ord("中"), ord("😀"), ord(b"A"), ord(bytearray(b"z")))
print(ord(chr(0x10FFFF)) == 0x10FFFF, all(ord(chr(i)) == i for i in range(0, 0x110000, 4099)))
for bad in [-1, 0x110000, 2**63, 1.5, "a", None]:
    try:
        chr(bad)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
for bad in ["", "ab", b"", b"ab", 65, None, ["a"]]:
    try:
        ord(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    chr()
except TypeError as e:
    print(type(e).__name__, e)
try:
    ord("a", "b")
except TypeError as e:
    print(type(e).__name__, e)


class Idx:
    def __index__(self):
        return 66


print(chr(Idx()), repr(chr(True)))
print(ascii("plain"), ascii("café"), ascii("中文"), ascii("😀"), ascii("\x00\x7f\x80\xff"), ascii("\ud800"))
print(ascii('quote"s'), ascii("it's"), ascii("both'\""), ascii("\t\n\r\\"))
print(ascii(["é", ("ü", {"ß": "ø"})]), ascii(b"\xff bytes"), ascii(1.5), ascii(None))


class Custom:
    def __repr__(self):
        return "Custom(ñ, 漢)"


print(ascii(Custom()), repr(Custom()), ascii([Custom()]))
print(repr("é\u200b\U0001F600\x1b"), ascii("é\u200b\U0001F600\x1b"))
print(ascii(str(chr(0x85))), repr(chr(0x85)), repr(chr(0x2028)), ascii(chr(0x2028)))


class BadRepr:
    def __repr__(self):
        return 5


try:
    ascii(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)
try:
    ascii()
except TypeError as e:
    print(type(e).__name__, e)
print("".join(chr(ord(c) + 1) for c in "HAL"), [hex(ord(c)) for c in "\u00e9\U0001f600"])
print(sorted("bcaBCA", key=ord), max("hello", key=ord), chr(ord("a") - 32))
print(str(chr(0x1F600).encode("utf-8")), ascii("\N{GREEK SMALL LETTER ALPHA}"))
