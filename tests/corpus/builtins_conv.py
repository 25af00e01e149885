# Corpus: conversion builtins: int, float, str, bool, list, tuple, dict, set, chr, ord, hex/bin/oct.
print(int("42"), int("-17"), int("+8"), int("1_000"), int(" 12\n"), int(3.7), int(-3.7), int(False))
print(int("ff", 16), int("FF", 16), int("1010", 2), int("17", 8), int("zz", 36), int("0o17", 0), int("0x10", 0))
for bad in ["", "1.5", "abc", "12x"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
print(float("1.5"), float("-0.25"), float("1e3"), float(" 7 "), float(2), float("nan") != float("nan"))
try:
    float("one")
except ValueError as e:
    print("ValueError:", e)
print(str(123), str(-4.5), str(None), str(True), str([1, "2"]), str((1,)), str({"a": 1}), str(""))
print(bool(0), bool(3), bool(""), bool("x"), bool([]), bool([[]]), bool({}), bool(None), bool(0.0))
print(list("abc"), list((1, 2)), list(range(3)), list({"k": 1, "j": 2}), list())
print(tuple([1, 2]), tuple("hi"), tuple(), tuple(x for x in range(3)))
print(dict([("a", 1), ("b", 2)]), dict(x=1), dict({"c": 3}), dict(zip(range(3), "abc")))
print(sorted(set([3, 1, 3, 2])), len(set("hello")), set() == set([]))
print(chr(65), chr(122), chr(48), chr(0x3b1), ord("A"), ord("z"), ord("0"), ord("\u03b1"), ord("\n"))
print("".join(chr(ord(c) + 1) for c in "HAL"), [ord(c) - ord("a") for c in "abcz"])
print(hex(0), hex(255), hex(-255), hex(4096), bin(0), bin(10), bin(-10), oct(0), oct(64), oct(-9))
print(int(hex(12345), 16), int(bin(999), 2), int(oct(777), 8))
print(repr(str(1.0)), repr(str(10 ** 20)), int(str(2 ** 70)) == 2 ** 70)
def caesar(text, shift):
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        else:
            out.append(ch)
    return "".join(out)
enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3))
print(int(True) + int("3") + int(2.9), float(True), str(3) * 3, list(str(12345)), sum(int(d) for d in str(2 ** 50)))
