#!/usr/bin/python3
"""Generates objects/unicodedata_db.inc, the tables of the unicodedata module and of \\N{...} names, from Debian's UCD.

Runs at build time (a genrule in objects/BUILD) under Debian's /usr/bin/python3, like tools/gen_unicode.py, whose
helpers (file parsing, the multi-level index) it imports; the data comes from Debian's unicode-data package
(/usr/share/unicode), never from a Python's unicodedata module.

Usage: gen_unicodedata.py --out FILE UnicodeData.txt EastAsianWidth.txt DerivedNormalizationProps.txt
                          NameAliases.txt NamedSequences.txt
(the inputs are recognised by their file names, in any order).

Unicode version: Debian 12 ships Unicode 15.0.0, CPython 3.13 uses 15.1.0, so unicodedata.unidata_version says
"15.0.0". The characters Unicode 15.1 assigned (U+2FFC..U+2FFF, U+31EF, CJK Extension I U+2EBF0..U+2EE5D) are
unassigned here (category Cn, no name); the 15.1 name aliases and named sequences are missing; see gen_unicode.py
for the str-level differences. The numeric values (decimal, digit, numeric) come from str's tables
(objects/unicode_db.inc), which read Unihan as CPython does.

What the tables hold, per code point: general category, bidirectional class, East Asian width (from
EastAsianWidth.txt, which covers unassigned code points too: CPython reports 'W' for unassigned CJK planes),
mirrored, canonical combining class, and the decomposition field of UnicodeData.txt (tag and code points). Besides:
the canonical composition pairs (canonical two-code-point decompositions minus Full_Composition_Exclusion), the
character names (word-coded, see emit_names), the name aliases and the named sequences. Hangul syllables and
CJK unified ideographs are algorithmic and stored as ranges only.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_unicode import UNICODE_VERSION, MAX_CP, data_lines, code_range, best_split, ctype, c_array  # noqa: E402

CATEGORIES = ["Cn", "Lu", "Ll", "Lt", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co",
              "Lm", "Lo", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"]
BIDI = ["", "L", "LRE", "LRO", "R", "AL", "RLE", "RLO", "PDF", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S",
        "WS", "ON", "LRI", "RLI", "FSI", "PDI"]
WIDTHS = ["F", "H", "W", "Na", "A", "N"]
DECOMP_TAGS = ["", "<font>", "<noBreak>", "<initial>", "<medial>", "<final>", "<isolated>", "<circle>", "<super>",
               "<sub>", "<vertical>", "<wide>", "<narrow>", "<small>", "<square>", "<fraction>", "<compat>"]
# Names computed from the code point. CJK UNIFIED IDEOGRAPH- is algorithmic in CPython too (lookup wants upper-case
# hex, 4 or 5 digits); the other prefixes are stored names there (looked up case-insensitively, exactly "%04X"), but
# storing each hex word would cost ~20 KB, so they are ranges here as well.
HEX_PREFIXES = ["CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-", "KHITAN SMALL SCRIPT CHARACTER-",
                "NUSHU CHARACTER-"]
NAME_BLOCK = 32  # names per block of the cp -> name index


class Char:
    __slots__ = ("name", "category", "combining", "bidi", "decomposition", "mirrored")

    def __init__(self, fields, name):
        self.name = name
        self.category = fields[2]
        self.combining = int(fields[3])
        self.bidi = fields[4]
        self.decomposition = fields[5]
        self.mirrored = fields[9] == "Y"


def read_unicode_data(path):
    """(chars, cjk ranges): chars indexed by code point (None where unassigned); ranges expanded, with no name."""
    chars = [None] * MAX_CP
    cjk = []
    first = None
    for fields in data_lines(path):
        cp, name = int(fields[0], 16), fields[1]
        if name.endswith(", First>"):
            first = cp
            continue
        if name.endswith(", Last>"):
            c = Char(fields, None)
            for x in range(first, cp + 1):
                chars[x] = c
            if name.startswith("<CJK Ideograph"):
                cjk.append((first, cp))
            first = None
            continue
        chars[cp] = Char(fields, None if name.startswith("<") else name)
    return chars, cjk


def read_widths(path):
    widths = ["N"] * MAX_CP
    for fields in data_lines(path):
        for cp in code_range(fields[0]):
            widths[cp] = fields[1]
    return widths


def three_level(name, values, out):
    """Emits kXxxLowShift/kXxxMidShift and the kXxxTop/Mid/Low tables of a three-level index over `values`."""
    low, mid, top, mids, leaves = best_split(values)
    out += [f"constexpr int k{name}LowShift = {low};", f"constexpr int k{name}MidShift = {mid};",
            c_array(ctype(top)[0], f"k{name}Top", top), c_array(ctype(mids)[0], f"k{name}Mid", mids),
            c_array(ctype(leaves)[0], f"k{name}Low", leaves), ""]


def c_string(text, per_line=110):
    """A C string literal split over lines; `text` is ASCII without quotes or backslashes."""
    assert all(32 <= ord(ch) < 127 and ch not in '"\\' for ch in text)
    return "\n".join(f'    "{text[i:i + per_line]}"' for i in range(0, len(text), per_line)) or '    ""'


def emit_properties(chars, widths, out):
    records, record_index = [], {}
    index = [0] * MAX_CP
    for cp in range(MAX_CP):
        c = chars[cp]
        if c is None:
            rec = (0, 0, WIDTHS.index(widths[cp]), 0, 0)
        else:
            rec = (CATEGORIES.index(c.category), BIDI.index(c.bidi), WIDTHS.index(widths[cp]), int(c.mirrored),
                   c.combining)
        if rec not in record_index:
            record_index[rec] = len(records)
            records.append(rec)
        index[cp] = record_index[rec]
    out += ["// One record per distinct combination of properties; the fields index the name tables above.",
            "struct UnidataRecord {", "  uint8_t category, bidirectional, east_asian_width, mirrored, combining;",
            "};", f"constexpr UnidataRecord kUnidataRecords[{len(records)}] = {{"]
    for i in range(0, len(records), 6):
        out.append("    " + " ".join("{%d, %d, %d, %d, %d}," % r for r in records[i:i + 6]))
    out += ["};", "", "// Code point -> record: a three-level index (see unidata_record() in unicodedata.cc)."]
    three_level("Unidata", index, out)


def emit_decompositions(chars, exclusions, out):
    data = [0]  # offset 0 means "no decomposition"
    index = [0] * MAX_CP
    canonical_pairs = []
    for cp in range(MAX_CP):
        c = chars[cp]
        if c is None or not c.decomposition:
            continue
        parts = c.decomposition.split()
        tag = parts.pop(0) if parts[0].startswith("<") else ""
        cps = [int(p, 16) for p in parts]
        index[cp] = len(data)
        data.append(DECOMP_TAGS.index(tag) << 8 | len(cps))
        data.extend(cps)
        if not tag and len(cps) == 2 and cp not in exclusions:
            canonical_pairs.append((cps[0], cps[1], cp))
    if len(data) >= 1 << 16:
        sys.exit("gen_unicodedata: decomposition data too large for 16-bit offsets")
    out += ["// Decompositions (the UnicodeData.txt field): kDecompositionData[offset] is tag << 8 | count, the",
            "// code points follow. Hangul syllables are algorithmic and have none here.",
            "constexpr const char* kDecompositionTags[] = {" + ", ".join(f'"{t}"' for t in DECOMP_TAGS) + "};",
            c_array("uint32_t", "kDecompositionData", [f"{v:#x}" for v in data], 12), "",
            "// Code point -> offset into kDecompositionData (0: none)."]
    three_level("Decomposition", index, out)
    canonical_pairs.sort()
    out += ["// Canonical composition: (first, second, composite), sorted; the primary composites of two code points",
            "// (Full_Composition_Exclusion removed). Hangul syllables are composed algorithmically.",
            f"constexpr uint32_t kCompositions[{len(canonical_pairs)}][3] = {{"]
    for i in range(0, len(canonical_pairs), 5):
        out.append("    " + " ".join("{%#x, %#x, %#x}," % p for p in canonical_pairs[i:i + 5]))
    out += ["};", ""]


def emit_names(chars, cjk, out):
    """Names in code point order, each word-coded; see the comment emitted below."""
    hex_ranges = [(0, a, b) for a, b in cjk]
    entries = []
    for cp in range(MAX_CP):
        c = chars[cp]
        if c is None or c.name is None:
            continue
        prefix = next((i for i, p in enumerate(HEX_PREFIXES) if c.name == p + "%04X" % cp), None)
        if prefix is not None:
            if hex_ranges and hex_ranges[-1][0] == prefix and hex_ranges[-1][2] == cp - 1:
                hex_ranges[-1] = (prefix, hex_ranges[-1][1], cp)
            else:
                hex_ranges.append((prefix, cp, cp))
            continue
        entries.append((cp, c.name.split(" ")))
    counts = {}
    for _, words in entries:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], w))
    ids = {w: i for i, w in enumerate(words)}
    if len(words) > 0xC0 + (0x100 - 0xC0) * 256:
        sys.exit("gen_unicodedata: too many distinct name words")
    data, blocks = [], []
    prev = -1
    for n, (cp, ws) in enumerate(entries):
        if n % NAME_BLOCK == 0:
            blocks.append((cp, len(data)))
            prev = cp - 1
        gap = cp - prev - 1
        data.append(min(gap, 15) << 4 | len(ws))
        if gap >= 15:
            rest = gap - 15
            while True:
                data.append((rest & 0x7F) | (0x80 if rest > 0x7F else 0))
                rest >>= 7
                if not rest:
                    break
        for w in ws:
            i = ids[w]
            if i < 0xC0:
                data.append(i)
            else:
                data += [0xC0 + ((i - 0xC0) >> 8), (i - 0xC0) & 0xFF]
        prev = cp
    out += ["// Character names, in code point order. Each name is a header byte (gap << 4 | word count; gap is the",
            "// number of skipped code points, and a gap of 15 or more continues in little-endian base-128 bytes)",
            "// and its words: a byte below 0xC0 is a word number, a byte b from 0xC0 starts a two-byte number",
            "// 0xC0 + (b - 0xC0) * 256 + next. Words are numbered most frequent first, in kNameWords (space-separated).",
            f"// kNameBlocks gives the first code point and byte offset of every {NAME_BLOCK}th name; a block starts",
            "// with a gap of 0 from its first code point.",
            f"constexpr int kNameBlockSize = {NAME_BLOCK};",
            f"constexpr int kNameCount = {len(entries)};",
            f"constexpr int kNameWordCount = {len(words)};",
            "constexpr const char kNameWords[] =", c_string(" ".join(words)) + ";",
            c_array("uint8_t", "kNameData", data, 24),
            f"constexpr uint32_t kNameBlocks[{len(blocks)}][2] = {{"]
    for i in range(0, len(blocks), 6):
        out.append("    " + " ".join("{%#x, %d}," % b for b in blocks[i:i + 6]))
    out += ["};", "",
            "// Names that are a prefix and the code point in hex: (prefix number, first, last).",
            "constexpr const char* kHexNamePrefixes[] = {" + ", ".join(f'"{p}"' for p in HEX_PREFIXES) + "};",
            f"constexpr uint32_t kHexNameRanges[{len(hex_ranges)}][3] = {{"]
    for i in range(0, len(hex_ranges), 4):
        out.append("    " + " ".join("{%d, %#x, %#x}," % r for r in hex_ranges[i:i + 4]))
    out += ["};", ""]


def emit_aliases_and_sequences(alias_path, seq_path, out):
    aliases = [(int(f[0], 16), f[1]) for f in data_lines(alias_path)]
    out += ["// NameAliases.txt (every type: correction, control, alternate, figment, abbreviation); lookup() and",
            "// \\N{...} accept them, name() never returns them.",
            "struct NameAlias {", "  uint32_t cp;", "  const char* name;", "};",
            f"constexpr NameAlias kNameAliases[{len(aliases)}] = {{"]
    out += [f'    {{{cp:#x}, "{name}"}},' for cp, name in aliases]
    seqs = []
    for f in data_lines(seq_path):
        seqs.append((f[0], [int(x, 16) for x in f[1].split()]))
    longest = max(len(s) for _, s in seqs)
    out += ["};", "", "// NamedSequences.txt: lookup() accepts these names (\\N{...} does not).",
            f"constexpr int kMaxNamedSequence = {longest};",
            "struct NamedSequence {", "  const char* name;", "  uint32_t length;",
            "  uint32_t cps[kMaxNamedSequence];", "};",
            f"constexpr NamedSequence kNamedSequences[{len(seqs)}] = {{"]
    for name, cps in seqs:
        out.append(f'    {{"{name}", {len(cps)}, {{' + ", ".join(f"{c:#x}" for c in cps) + "}},")
    out += ["};", ""]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()
    needed = ["UnicodeData.txt", "EastAsianWidth.txt", "DerivedNormalizationProps.txt", "NameAliases.txt",
              "NamedSequences.txt"]
    inputs = {os.path.basename(p): p for p in args.inputs}
    missing = [n for n in needed if n not in inputs]
    if missing:
        sys.exit(f"gen_unicodedata: missing inputs: {', '.join(missing)}")
    chars, cjk = read_unicode_data(inputs["UnicodeData.txt"])
    widths = read_widths(inputs["EastAsianWidth.txt"])
    # The files name their version in their first line ("# DerivedNormalizationProps-15.0.0.txt"); str's tables
    # (gen_unicode.py) and these must describe the same Unicode version.
    for name in needed[1:]:
        with open(inputs[name], encoding="utf-8") as f:
            first = f.readline()
        if f"-{UNICODE_VERSION}.txt" not in first:
            sys.exit(f"gen_unicodedata: {name} is not Unicode {UNICODE_VERSION}: {first.strip()}")
    exclusions = set()
    for fields in data_lines(inputs["DerivedNormalizationProps.txt"]):
        if fields[1] == "Full_Composition_Exclusion":
            exclusions.update(code_range(fields[0]))
    out = [f"// Generated by tools/gen_unicodedata.py from Debian's unicode-data (Unicode {UNICODE_VERSION}): "
           f"{', '.join(needed)}. Do not edit.",
           "// Included by objects/unicodedata.cc inside its namespace; see the generator for the layout.", "",
           f'constexpr char kUnidataVersion[] = "{UNICODE_VERSION}";',
           "constexpr const char* kCategoryNames[] = {" + ", ".join(f'"{c}"' for c in CATEGORIES) + "};",
           "constexpr const char* kBidiNames[] = {" + ", ".join(f'"{c}"' for c in BIDI) + "};",
           "constexpr const char* kWidthNames[] = {" + ", ".join(f'"{c}"' for c in WIDTHS) + "};", ""]
    emit_properties(chars, widths, out)
    emit_decompositions(chars, exclusions, out)
    emit_names(chars, cjk, out)
    emit_aliases_and_sequences(inputs["NameAliases.txt"], inputs["NamedSequences.txt"], out)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
