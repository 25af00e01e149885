// The Unicode Character Database behind the unicodedata module, \N{...} escapes (compiler and codecs) and the
// compiler's NFKC: tables generated at build time from Debian's unicode-data by tools/gen_unicodedata.py.
//
// A dependency-free library (//objects:unicodedata) so that vm/compiler can share it with objects. The numeric
// values (decimal, digit, numeric) are str's (objects/str.h, uchar_*), not repeated here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pyvm {

const char* unidata_version();  // "15.0.0": Debian 12's UCD (CPython 3.13 has 15.1.0; see the generator)

// Per code point properties, as CPython's unicodedata returns them ("Cn", "" and 'N'/'W' for unassigned ones).
const char* unidata_category(uint32_t cp);
const char* unidata_bidirectional(uint32_t cp);
const char* unidata_east_asian_width(uint32_t cp);
int unidata_combining(uint32_t cp);
bool unidata_mirrored(uint32_t cp);
// The decomposition field of UnicodeData.txt, e.g. "<compat> 0020 0308"; "" when there is none (Hangul too).
std::string unidata_decomposition(uint32_t cp);

enum class NormalForm { kNFC, kNFD, kNFKC, kNFKD };
// "NFC", "NFD", "NFKC" or "NFKD"; false for anything else.
bool unidata_parse_form(std::string_view name, NormalForm* form);
std::u32string unidata_normalize(NormalForm form, std::u32string_view s);

// The name of a code point (algorithmic ones included); false when it has none.
bool unidata_name(uint32_t cp, std::string* out);

constexpr int kUnidataMaxLookup = 4;  // the longest named sequence
// The code points a name stands for, as unicodedata.lookup() finds them: names (stored ones case-insensitively,
// "HANGUL SYLLABLE ..." and "CJK UNIFIED IDEOGRAPH-XXXX" as written), aliases and, when `named_sequences`,
// named sequences. Writes at most kUnidataMaxLookup code points and returns their count; 0 when unknown.
int unidata_lookup(std::string_view name, bool named_sequences, uint32_t* out);

}  // namespace pyvm
