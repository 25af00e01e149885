#!/usr/bin/python3
"""Generates objects/unicode_db.inc, str's Unicode property and case tables, from the Unicode Character Database.

Runs at build time (a genrule in objects/BUILD) under Debian's /usr/bin/python3 with the standard library only; the
data comes from Debian's unicode-data package (/usr/share/unicode), never from a Python's unicodedata module.

Usage: gen_unicode.py --out FILE UnicodeData.txt SpecialCasing.txt CaseFolding.txt DerivedCoreProperties.txt
                      LineBreak.txt Unihan_NumericValues.txt.bz2
(the inputs are recognised by their file names, in any order).

Unicode version: Debian 12 ships Unicode 15.0.0 while CPython 3.13 uses 15.1.0, and we accept the difference. Unicode
15.1 assigned 627 code points (U+2FFC..U+2FFF, U+31EF and CJK Extension I U+2EBF0..U+2EE5D), made U+200C, U+200D,
U+30FB and U+FF65 XID_Continue, and gave 11 CJK ideographs new Unihan numeric values (U+4E24 U+4EAC U+4FE9 U+5006
U+5146 U+62D0 U+6D1E U+7695 U+79ED U+920E U+94A9). Those code points keep their 15.0 properties here (the new ones
are unassigned: not printable, not alphabetic, ...); tests/corpus/unicode_props.py skips exactly that set when it
compares with CPython. Every other code point gets exactly CPython 3.13's str behaviour.

What each str method needs, and where it comes from (matching CPython 3.13's str behaviour):
  alpha        general category Lu, Ll, Lt, Lm or Lo                       (UnicodeData field 2)
  decimal      a decimal digit value (field 6); digit: a digit value (field 7)
  numeric      a numeric value (field 8, or Unihan kAccountingNumeric / kOtherNumeric / kPrimaryNumeric)
  space        bidirectional class WS, B or S (field 4), or category Zs
  linebreak    Line_Break BK, CR, LF or NL (LineBreak.txt), or bidirectional class B
  printable    ' ', or a category outside C* and Z* (so unassigned code points are not printable)
  title        category Lt
  lower/upper  the Lowercase / Uppercase derived properties; cased, case_ignorable, XID_Start, XID_Continue likewise
  case maps    simple mappings from UnicodeData (title defaults to upper), full ones from the unconditional rows of
               SpecialCasing.txt (Final_Sigma is applied by str.lower itself), case folding from the C and F rows
               of CaseFolding.txt (a code point without a row folds to itself)

Output: a record per distinct combination of properties, and a three-level index from code point to record (each
level cuts its table into blocks and stores identical blocks once; the generator picks the block sizes that give
the smallest tables). Full case mappings that are not a single code point live in a small sorted side table.
"""

import argparse
import bz2
import copy
import os
import sys
from fractions import Fraction

UNICODE_VERSION = "15.0.0"
MAX_CP = 0x110000

# Record flags; the generated file declares them for str_ctype.cc (one source of truth).
FLAGS = [
    ("kAlpha", "general category L&, Lm or Lo"),
    ("kDecimal", "has a decimal digit value"),
    ("kDigit", "has a digit value"),
    ("kNumeric", "has a numeric value"),
    ("kLower", "Lowercase property"),
    ("kUpper", "Uppercase property"),
    ("kTitle", "category Lt"),
    ("kSpace", "str.isspace(): bidi WS, B or S, or category Zs"),
    ("kPrintable", "str.isprintable(): not C* or Z*, or ' '"),
    ("kCased", "Cased property"),
    ("kCaseIgnorable", "Case_Ignorable property"),
    ("kXidStart", "XID_Start property"),
    ("kXidContinue", "XID_Continue property"),
    ("kLineBreak", "str.splitlines() boundary: Line_Break BK/CR/LF/NL or bidi B"),
    ("kFullCase", "a full case mapping or case folding is not one code point: see kFullCases"),
]
FLAG = {name: 1 << i for i, (name, _) in enumerate(FLAGS)}


def data_lines(path):
    """The non-comment fields of a UCD text file, split at ';' and stripped."""
    opener = bz2.open if path.endswith(".bz2") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [field.strip() for field in line.split(";")]


def code_range(text):
    """'0041' or '0041..005A' as a range."""
    lo, _, hi = text.partition("..")
    return range(int(lo, 16), int(hi or lo, 16) + 1)


def code_points(text):
    return [int(c, 16) for c in text.split()]


class Char:
    __slots__ = ("category", "bidi", "decimal", "digit", "numeric", "upper", "lower", "title")

    def __init__(self, fields):
        self.category = fields[2]
        self.bidi = fields[4]
        self.decimal = int(fields[6]) if fields[6] else None
        self.digit = int(fields[7]) if fields[7] else None
        self.numeric = Fraction(fields[8]) if fields[8] else None
        self.upper = int(fields[12], 16) if fields[12] else None
        self.lower = int(fields[13], 16) if fields[13] else None
        self.title = int(fields[14], 16) if fields[14] else None


def read_unicode_data(path):
    """UnicodeData.txt as a list indexed by code point (None where unassigned); First/Last ranges are expanded."""
    chars = [None] * MAX_CP
    first = None
    for fields in data_lines(path):
        cp, name = int(fields[0], 16), fields[1]
        c = Char(fields)
        if name.endswith(", First>"):
            first = cp
            continue
        if name.endswith(", Last>"):
            for x in range(first, cp + 1):
                chars[x] = c
            first = None
            continue
        chars[cp] = c
    return chars


def read_properties(path, wanted):
    """{property: set of code points} for the named properties of a PropList-style file."""
    props = {p: set() for p in wanted}
    for fields in data_lines(path):
        if fields[1] in props:
            props[fields[1]].update(code_range(fields[0]))
    return props


def read_special_casing(path):
    """{cp: (lower, title, upper)} from the unconditional rows of SpecialCasing.txt."""
    special = {}
    for fields in data_lines(path):
        if len(fields) > 4 and fields[4]:  # a condition (Final_Sigma, a language, After_I ...): not applied by str
            continue
        cp = int(fields[0], 16)
        special[cp] = (code_points(fields[1]), code_points(fields[2]), code_points(fields[3]))
    return special


def read_case_folding(path):
    """(simple, full): {cp: [cps]} from the C+S and C+F rows of CaseFolding.txt (T rows are Turkic only)."""
    simple, full = {}, {}
    for fields in data_lines(path):
        cp, status, mapping = int(fields[0], 16), fields[1], code_points(fields[2])
        if status in ("C", "S"):
            simple[cp] = mapping
        if status in ("C", "F"):
            full[cp] = mapping
    return simple, full


def read_mandatory_breaks(path):
    breaks = set()
    for fields in data_lines(path):
        if fields[1] in ("BK", "CR", "LF", "NL"):
            breaks.update(code_range(fields[0]))
    return breaks


def read_unihan_numeric(path):
    """{cp: Fraction} from the Unihan numeric fields (tab-separated 'U+XXXX<tab>field<tab>value' lines)."""
    values = {}
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("U+"):
                continue
            code, field, value = line.rstrip("\n").split("\t")[:3]
            if field in ("kAccountingNumeric", "kOtherNumeric", "kPrimaryNumeric"):
                values[int(code[2:], 16)] = Fraction(value.replace(",", ""))
    return values


def build(inputs):
    chars = read_unicode_data(inputs["UnicodeData.txt"])
    core = read_properties(inputs["DerivedCoreProperties.txt"],
                           ["Lowercase", "Uppercase", "Cased", "Case_Ignorable", "XID_Start", "XID_Continue"])
    special = read_special_casing(inputs["SpecialCasing.txt"])
    simple_fold, full_fold = read_case_folding(inputs["CaseFolding.txt"])
    breaks = read_mandatory_breaks(inputs["LineBreak.txt"])
    for cp, value in read_unihan_numeric(inputs["Unihan_NumericValues.txt.bz2"]).items():
        if chars[cp] is not None:  # every Unihan character lies in an assigned CJK range
            chars[cp] = copy.copy(chars[cp])  # First/Last ranges share one Char
            chars[cp].numeric = value

    numerics = sorted({c.numeric for c in chars if c is not None and c.numeric is not None})
    numeric_index = {v: i for i, v in enumerate(numerics)}
    empty = (0, 0, 0, 0, 0, 0, 0)  # record 0: what an unassigned code point gets (str_ctype.cc relies on it)
    records, record_index = [empty], {empty: 0}
    index = [0] * MAX_CP
    full_cases = []  # (cp, lower, upper, title, fold) for code points whose full mappings are not single code points
    for cp in range(MAX_CP):
        c = chars[cp]
        flags = 0
        digit, numeric = 0, 0
        lower = upper = title = fold = cp
        if c is not None:
            cat = c.category
            if cat in ("Lu", "Ll", "Lt", "Lm", "Lo"):
                flags |= FLAG["kAlpha"]
            if c.decimal is not None:
                flags |= FLAG["kDecimal"]
            if c.digit is not None:
                flags |= FLAG["kDigit"]
                digit = c.digit
            if c.numeric is not None:
                flags |= FLAG["kNumeric"]
                numeric = numeric_index[c.numeric]
            if cat == "Lt":
                flags |= FLAG["kTitle"]
            if cat == "Zs" or c.bidi in ("WS", "B", "S"):
                flags |= FLAG["kSpace"]
            if cp == 0x20 or cat[0] not in "CZ":
                flags |= FLAG["kPrintable"]
            if cp in breaks or c.bidi == "B":
                flags |= FLAG["kLineBreak"]
            upper = c.upper if c.upper is not None else cp
            lower = c.lower if c.lower is not None else cp
            title = c.title if c.title is not None else upper
            fold = simple_fold.get(cp, [cp])[0]
        for prop, name in (("Lowercase", "kLower"), ("Uppercase", "kUpper"), ("Cased", "kCased"),
                           ("Case_Ignorable", "kCaseIgnorable"), ("XID_Start", "kXidStart"),
                           ("XID_Continue", "kXidContinue")):
            if cp in core[prop]:
                flags |= FLAG[name]
        full_lower, full_title, full_upper = special.get(cp, ([lower], [title], [upper]))
        full = (full_lower, full_upper, full_title, full_fold.get(cp, [cp]))
        if full != ([lower], [upper], [title], [fold]):
            flags |= FLAG["kFullCase"]
            full_cases.append((cp,) + full)
        rec = (flags, digit, numeric, lower - cp, upper - cp, title - cp, fold - cp)
        if rec not in record_index:
            record_index[rec] = len(records)
            records.append(rec)
        index[cp] = record_index[rec]
    return records, index, numerics, full_cases


def ctype(values):
    top = max(values) if values else 0
    if top < 1 << 8:
        return "uint8_t", 1
    if top < 1 << 16:
        return "uint16_t", 2
    return "uint32_t", 4


def split(values, shift):
    """Cuts values into blocks of 2**shift and stores each distinct block once: (block numbers, the blocks)."""
    size = 1 << shift
    seen, numbers, blocks = {}, [], []
    for start in range(0, len(values), size):
        block = tuple(values[start:start + size])
        if block not in seen:
            seen[block] = len(seen)
            blocks.extend(block)
        numbers.append(seen[block])
    return numbers, blocks


def nbytes(values):
    return len(values) * ctype(values)[1]


def best_split(index):
    """The three-level index (shifts and tables) with the fewest bytes."""
    best = None
    for low in range(2, 10):
        mid_numbers, leaves = split(index, low)
        for mid in range(2, 10):
            top, mids = split(mid_numbers, mid)
            size = nbytes(top) + nbytes(mids) + nbytes(leaves)
            if best is None or size < best[0]:
                best = (size, low, mid, top, mids, leaves)
    return best[1:]


def c_array(ctype_name, name, values, per_line=20):
    lines = [f"constexpr {ctype_name} {name}[{len(values)}] = {{"]
    for i in range(0, len(values), per_line):
        lines.append("    " + ", ".join(str(v) for v in values[i:i + per_line]) + ",")
    lines.append("};")
    return "\n".join(lines)


def c_double(value):
    if value.denominator == 1:
        return f"{value.numerator}.0"
    return f"{value.numerator}.0 / {value.denominator}.0"  # the same correctly rounded quotient CPython returns


def emit(records, index, numerics, full_cases, sources):
    low, mid, top, mids, leaves = best_split(index)
    out = [f"// Generated by tools/gen_unicode.py from Debian's unicode-data (Unicode {UNICODE_VERSION}): "
           f"{', '.join(sources)}. Do not edit.",
           "// Included by objects/str_ctype.cc inside its namespace; see the generator for what each flag means.",
           "", f'constexpr char kUnicodeVersion[] = "{UNICODE_VERSION}";', "", "enum : uint16_t {"]
    for name, doc in FLAGS:
        out.append(f"  {name} = {FLAG[name]},  // {doc}")
    out += ["};", "",
            "// One record per distinct combination of properties. The case fields are simple mappings stored as",
            "// deltas from the code point (fold: the C or S row of CaseFolding.txt).",
            "struct UcdRecord {", "  uint16_t flags;", "  uint8_t digit;    // the digit value when kDigit",
            "  uint8_t numeric;  // index into kNumericValues when kNumeric",
            "  int32_t lower, upper, title, fold;", "};", "",
            f"constexpr UcdRecord kRecords[{len(records)}] = {{"]
    for rec in records:
        out.append(f"    {{{rec[0]:#06x}, " + ", ".join(str(v) for v in rec[1:]) + "},")
    out += ["};", ""]
    if len(numerics) > 256:
        sys.exit("gen_unicode: more than 256 distinct numeric values")
    out.append(f"constexpr double kNumericValues[{len(numerics)}] = {{")
    for i in range(0, len(numerics), 6):
        out.append("    " + ", ".join(c_double(v) for v in numerics[i:i + 6]) + ",")
    out += ["};", "",
            "// Code point -> record: a three-level index. kIndexTop is indexed by cp >> (kLowShift + kMidShift), and",
            "// each level's entry numbers a block of the next: see record_of() in str_ctype.cc.",
            f"constexpr int kLowShift = {low};", f"constexpr int kMidShift = {mid};",
            c_array(ctype(top)[0], "kIndexTop", top), c_array(ctype(mids)[0], "kIndexMid", mids),
            c_array(ctype(leaves)[0], "kIndexLow", leaves), ""]
    # Full mappings: each is an offset and length into kFullCaseChars.
    chars, offsets = [], {}

    def place(seq):
        key = tuple(seq)
        if key not in offsets:
            offsets[key] = len(chars)
            chars.extend(seq)
        if len(seq) > 3:
            sys.exit(f"gen_unicode: a case mapping longer than 3 code points: {seq}")
        return offsets[key], len(seq)

    rows = []
    for cp, *maps in full_cases:
        placed = [place(m) for m in maps]
        rows.append("    {" + f"{cp:#x}, " + ", ".join("{%d, %d}" % p for p in placed) + "},")
    out += ["// The full case mappings of the code points flagged kFullCase, sorted by code point: lower, upper,",
            "// title, fold, each an offset and length (at most 3) into kFullCaseChars.",
            "struct FullCaseSpan {", "  uint16_t offset, length;", "};", "struct FullCase {", "  uint32_t cp;",
            "  FullCaseSpan lower, upper, title, fold;", "};", f"constexpr FullCase kFullCases[{len(rows)}] = {{"]
    out += rows
    out += ["};", c_array("uint32_t", "kFullCaseChars", [f"{c:#x}" for c in chars], 12), ""]
    latin1 = [records[index[cp]][0] for cp in range(256)]
    out += ["// The flags of U+0000..U+00FF, for the Latin-1 fast paths.",
            c_array("uint16_t", "kLatin1Flags", [f"{f:#06x}" for f in latin1], 14)]
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()
    needed = ["UnicodeData.txt", "SpecialCasing.txt", "CaseFolding.txt", "DerivedCoreProperties.txt", "LineBreak.txt",
              "Unihan_NumericValues.txt.bz2"]
    inputs = {os.path.basename(p): p for p in args.inputs}
    missing = [n for n in needed if n not in inputs]
    if missing:
        sys.exit(f"gen_unicode: missing inputs: {', '.join(missing)}")
    records, index, numerics, full_cases = build(inputs)
    text = emit(records, index, numerics, full_cases, needed)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
