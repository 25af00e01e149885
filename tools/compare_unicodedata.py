#!/usr/bin/env python3
"""One-off check (not a Bazel test): every unicodedata property of every code point, pyvm against CPython 3.13.

Usage: tools/compare_unicodedata.py PYVM [CPYTHON]
Runs the same dump (one line per code point: category, bidirectional, east_asian_width, combining, mirrored,
decomposition, decimal, digit, numeric, name and its lookup() round trip, and the four normal forms of the
character) under both and prints the code points whose lines differ, as ranges. pyvm's data is Unicode 15.0, so
the expected difference is the 638 code points that Unicode 15.1 assigned or whose Unihan numeric value changed
(see tools/gen_unicodedata.py).
"""
import subprocess
import sys

DUMP = r'''
import sys
import unicodedata as u

def num(f, c):
    try:
        return repr(f(c))
    except ValueError:
        return "-"

w = sys.stdout.write
for cp in range(0x110000):
    c = chr(cp)
    name = u.name(c, None)
    rt = ""
    if name is not None:
        try:
            rt = "ok" if u.lookup(name) == c else "BAD"
        except KeyError:
            rt = "KEYERR"
    forms = "s" if 0xD800 <= cp < 0xE000 else "|".join(ascii(u.normalize(f, c)) for f in ("NFC", "NFD", "NFKC", "NFKD"))
    w("%X %s %s %s %d %d [%s] %s %s %s %s %s %s\n" % (
        cp, u.category(c), u.bidirectional(c) or "''", u.east_asian_width(c), u.combining(c), u.mirrored(c),
        u.decomposition(c), num(u.decimal, c), num(u.digit, c), num(u.numeric, c), name, rt, forms))
'''


def dump(exe):
    return subprocess.run([exe, "-c", DUMP], check=True, capture_output=True, text=True).stdout.splitlines()


def main():
    pyvm = sys.argv[1]
    cpython = sys.argv[2] if len(sys.argv) > 2 else subprocess.run(
        ["tools/find_cpython"], check=True, capture_output=True, text=True).stdout.strip()
    ours, theirs = dump(pyvm), dump(cpython)
    differ = [int(a.split()[0], 16) for a, b in zip(ours, theirs) if a != b]
    ranges = []
    for cp in differ:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    print("code points compared:", len(theirs), "identical:", len(theirs) - len(differ), "differ:", len(differ))
    print(" ".join("%X..%X" % (a, b) if a != b else "%X" % a for a, b in ranges))


if __name__ == "__main__":
    main()
