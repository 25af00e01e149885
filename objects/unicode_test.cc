// Tests for the generated Unicode tables behind str (objects/str_ctype.cc): spot values across scripts, checked
// against CPython 3.13's str methods and unicodedata (tests/corpus/unicode_props.py covers every code point).
#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

#include "objects/str.h"

using namespace pyvm;

namespace {

std::vector<uint32_t> lower(uint32_t ch) {
  uint32_t out[3];
  return std::vector<uint32_t>(out, out + uchar_to_lower_full(ch, out));
}
std::vector<uint32_t> upper(uint32_t ch) {
  uint32_t out[3];
  return std::vector<uint32_t>(out, out + uchar_to_upper_full(ch, out));
}
std::vector<uint32_t> title(uint32_t ch) {
  uint32_t out[3];
  return std::vector<uint32_t>(out, out + uchar_to_title_full(ch, out));
}
std::vector<uint32_t> fold(uint32_t ch) {
  uint32_t out[3];
  return std::vector<uint32_t>(out, out + uchar_to_fold_full(ch, out));
}
using V = std::vector<uint32_t>;

double numeric(uint32_t ch) {
  double v = 0;
  return uchar_numeric_value(ch, &v) ? v : -99;
}

// The str.isidentifier() of a one-character string, and of "a" + that character.
bool starts_identifier(uint32_t ch) { return ch == '_' || uchar_is_xid_start(ch); }

}  // namespace

TEST_CASE("unicode: the data version", "[unicode]") { CHECK(std::strcmp(unicode_data_version(), "15.0.0") == 0); }

TEST_CASE("unicode: letters and case pairs across scripts", "[unicode]") {
  struct Pair {
    uint32_t upper, lower;
  };
  // Latin, Latin-1, Greek, Cyrillic, Armenian, Glagolitic, Cherokee, Deseret, Adlam, circled letters.
  for (Pair p : {Pair{'A', 'a'}, Pair{0xc0, 0xe0}, Pair{0x391, 0x3b1}, Pair{0x416, 0x436}, Pair{0x531, 0x561},
                 Pair{0x2c2f, 0x2c5f}, Pair{0x10400, 0x10428}, Pair{0x1e900, 0x1e922}, Pair{0x24b6, 0x24d0}}) {
    INFO("upper U+" << std::hex << p.upper);
    CHECK(uchar_isupper(p.upper));
    CHECK_FALSE(uchar_islower(p.upper));
    CHECK(uchar_islower(p.lower));
    CHECK(uchar_iscased(p.upper));
    CHECK(uchar_iscased(p.lower));
    CHECK(lower(p.upper) == V{p.lower});
    CHECK(upper(p.lower) == V{p.upper});
    CHECK(title(p.lower) == V{p.upper});
    CHECK(fold(p.upper) == V{p.lower});
    CHECK(uchar_to_lower_simple(p.upper) == p.lower);
    CHECK(uchar_to_upper_simple(p.lower) == p.upper);
  }
  CHECK(uchar_isalpha(0x2c2f));
  CHECK_FALSE(uchar_isalpha(0x24b6));  // So, yet Uppercase (Other_Uppercase)
  // Georgian: Mkhedruli letters are lowercase whose titlecase is themselves; Mtavruli uppercases them.
  CHECK(upper(0x10d0) == V{0x1c90});
  CHECK(title(0x10d0) == V{0x10d0});
  CHECK(lower(0x1c90) == V{0x10d0});
  // Cherokee folds to the uppercase letters, which fold to themselves.
  CHECK(lower(0x13a0) == V{0xab70});
  CHECK(fold(0x13a0) == V{0x13a0});
  CHECK(fold(0xab70) == V{0x13a0});
  // Titlecase digraphs.
  CHECK(uchar_istitle(0x1c5));
  CHECK_FALSE(uchar_isupper(0x1c5));
  CHECK(lower(0x1c5) == V{0x1c6});
  CHECK(upper(0x1c5) == V{0x1c4});
  CHECK(title(0x1c4) == V{0x1c5});
  // Unicased letters: Han, Hangul, Thai, Devanagari, Arabic.
  for (uint32_t ch : {0x4e00u, 0xac00u, 0xe01u, 0x915u, 0x628u, 0x20000u, 0x3134au}) {
    INFO("U+" << std::hex << ch);
    CHECK(uchar_isalpha(ch));
    CHECK(uchar_isprintable(ch));
    CHECK(starts_identifier(ch));
    CHECK_FALSE(uchar_iscased(ch));
    CHECK(upper(ch) == V{ch});
  }
  // Modifier letters are lowercase, cased and case-ignorable; U+0345 is lowercase but not alphabetic.
  CHECK(uchar_islower(0x2b0));
  CHECK(uchar_is_case_ignorable(0x2b0));
  CHECK(uchar_isalpha(0x2b0));
  CHECK(uchar_islower(0x345));
  CHECK_FALSE(uchar_isalpha(0x345));
  CHECK(fold(0x345) == V{0x3b9});
}

TEST_CASE("unicode: full case mappings from SpecialCasing and CaseFolding", "[unicode]") {
  CHECK(upper(0xdf) == V{'S', 'S'});
  CHECK(title(0xdf) == V{'S', 's'});
  CHECK(fold(0xdf) == V{'s', 's'});
  CHECK(lower(0xdf) == V{0xdf});
  CHECK(lower(0x1e9e) == V{0xdf});
  CHECK(fold(0x1e9e) == V{'s', 's'});
  CHECK(lower(0x130) == V{'i', 0x307});  // unconditional; the Turkic rows are not applied
  CHECK(upper(0x131) == V{'I'});
  CHECK(upper(0x390) == (V{0x399, 0x308, 0x301}));
  CHECK(upper(0xfb03) == (V{'F', 'F', 'I'}));
  CHECK(title(0xfb03) == (V{'F', 'f', 'i'}));
  CHECK(upper(0x149) == (V{0x2bc, 'N'}));
  CHECK(upper(0x1f80) == (V{0x1f08, 0x399}));  // ᾀ: the iota subscript becomes a capital iota
  CHECK(title(0x1f80) == V{0x1f88});
  CHECK(lower(0x1f88) == V{0x1f80});
  // Capital sigma lowercases to σ; str.lower() applies Final_Sigma itself.
  CHECK(lower(0x3a3) == V{0x3c3});
  CHECK(fold(0x3c2) == V{0x3c3});
  CHECK(uchar_to_fold_simple(0x1e9e) == 0xdf);  // the S row of CaseFolding
}

TEST_CASE("unicode: digits and numeric values", "[unicode]") {
  for (uint32_t zero : {0x30u, 0x660u, 0x966u, 0xe50u, 0xff10u, 0x104a0u, 0x1d7ceu, 0x1e950u, 0x1fbf0u}) {
    for (uint32_t d = 0; d < 10; d++) {
      INFO("U+" << std::hex << zero + d);
      CHECK(uchar_decimal(zero + d) == int(d));
      CHECK(uchar_digit(zero + d) == int(d));
      CHECK(uchar_isdecimal(zero + d));
      CHECK(uchar_isnumeric(zero + d));
      CHECK(numeric(zero + d) == double(d));
    }
  }
  CHECK(uchar_decimal(0xb2) == -1);  // superscript two: a digit, not decimal
  CHECK(uchar_digit(0xb2) == 2);
  CHECK(uchar_isdigit(0x2460));
  CHECK(uchar_digit(0x1369) == 1);  // Ethiopic digits have no zero, so they are not decimal
  CHECK_FALSE(uchar_isdecimal(0x1369));
  CHECK(numeric(0xbd) == 0.5);
  CHECK(numeric(0x2153) == 1.0 / 3.0);
  CHECK(numeric(0x216b) == 12.0);
  CHECK(numeric(0xf33) == -0.5);
  CHECK(numeric(0x4e07) == 10000.0);  // Unihan kPrimaryNumeric
  CHECK(numeric(0x5146) == 1e12);     // 1e6 in Unicode 15.1 (CPython 3.13): a known difference
  CHECK(numeric(0x3405) == 5.0);      // Unihan kOtherNumeric
  CHECK_FALSE(uchar_isnumeric('a'));
  CHECK(uchar_decimal(0x10ffff) == -1);
  CHECK(uchar_decimal(0x110000) == -1);  // not a code point
}

TEST_CASE("unicode: spaces, line breaks and printability", "[unicode]") {
  for (uint32_t ch : {0x09u, 0x1cu, 0x1fu, 0x20u, 0x85u, 0xa0u, 0x1680u, 0x2000u, 0x200au, 0x2028u, 0x202fu, 0x3000u}) {
    INFO("U+" << std::hex << ch);
    CHECK(uchar_isspace(ch));
  }
  CHECK_FALSE(uchar_isspace(0x200b));  // ZERO WIDTH SPACE is Cf, bidi BN
  CHECK_FALSE(uchar_isspace(0x180e));
  CHECK(uchar_islinebreak(0x2029));
  CHECK(uchar_islinebreak(0x85));
  CHECK_FALSE(uchar_islinebreak(0x1f));
  CHECK(uchar_isprintable(' '));
  for (uint32_t ch : {0xa0u, 0x378u, 0x200bu, 0x2028u, 0xd800u, 0xe000u, 0xfffeu, 0xe0001u, 0xf0000u, 0x10ffffu}) {
    INFO("U+" << std::hex << ch);
    CHECK_FALSE(uchar_isprintable(ch));
  }
  for (uint32_t ch : {0xe9u, 0x1f600u, 0x309bu, 0x2ebe0u, 0xe0100u}) {
    INFO("U+" << std::hex << ch);
    CHECK(uchar_isprintable(ch));
  }
}

TEST_CASE("unicode: identifiers", "[unicode]") {
  CHECK(starts_identifier('_'));
  CHECK_FALSE(uchar_is_xid_start('_'));
  CHECK(uchar_is_xid_continue('_'));
  CHECK(starts_identifier(0x2118));       // ℘: Other_ID_Start
  CHECK(starts_identifier(0x1885));       // a Mongolian mark that is Other_ID_Start
  CHECK(starts_identifier(0x216b));       // Roman numeral twelve (Nl)
  CHECK_FALSE(starts_identifier(0x966));  // digits continue identifiers but do not start them
  CHECK(uchar_is_xid_continue(0x966));
  CHECK(uchar_is_xid_continue(0xb7));  // MIDDLE DOT: Other_ID_Continue
  CHECK(uchar_is_xid_continue(0x1369));
  CHECK_FALSE(uchar_is_xid_continue(0x309b));  // excluded from XID by NFKC
  CHECK_FALSE(starts_identifier(0x1f600));
  // Unicode 15.1 made U+200D XID_Continue; these tables are 15.0.
  CHECK_FALSE(uchar_is_xid_continue(0x200d));
}

TEST_CASE("unicode: Latin-1 agrees with the full tables", "[unicode]") {
  // The predicates take a 256-entry fast path; the case mappings always read the records.
  for (uint32_t ch = 0; ch < 256; ch++) {
    INFO("U+" << std::hex << ch);
    bool ascii_alpha = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    if (ch < 128) {
      CHECK(uchar_isalpha(ch) == ascii_alpha);
      CHECK(uchar_isdecimal(ch) == (ch >= '0' && ch <= '9'));
      CHECK(uchar_isprintable(ch) == (ch >= 0x20 && ch < 0x7f));
    }
    if (uchar_isupper(ch)) CHECK(lower(ch) != V{ch});
  }
  CHECK(upper(0xb5) == V{0x39c});
  CHECK(fold(0xb5) == V{0x3bc});
  CHECK(upper(0xff) == V{0x178});
  CHECK(uchar_islower(0xaa));  // ª: Lo with Other_Lowercase
  CHECK(uchar_isalpha(0xaa));
  CHECK(uchar_is_case_ignorable(0xad));  // soft hyphen
}
