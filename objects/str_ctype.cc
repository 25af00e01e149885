// Unicode character properties and case mappings for str's methods, looked up in the tables that
// tools/gen_unicode.py generates at build time from Debian's unicode-data (Unicode 15.0; see the generator for how
// that differs from CPython 3.13's Unicode 15.1).
#include <cstdint>

#include "objects/str.h"

namespace pyvm {
namespace {

#include "objects/unicode_db.inc"

constexpr uint32_t kMaxCodePoint = 0x10ffff;

const UcdRecord& record_of(uint32_t ch) {
  if (ch > kMaxCodePoint) return kRecords[0];  // not a code point: no properties, maps to itself
  uint32_t top = kIndexTop[ch >> (kLowShift + kMidShift)];
  uint32_t mid = kIndexMid[(top << kMidShift) + ((ch >> kLowShift) & ((1u << kMidShift) - 1))];
  return kRecords[kIndexLow[(mid << kLowShift) + (ch & ((1u << kLowShift) - 1))]];
}

// The flags of a code point; Latin-1 (the common case of str's predicates, split() and strip()) skips the index.
inline uint32_t flags_of(uint32_t ch) { return ch < 256 ? kLatin1Flags[ch] : record_of(ch).flags; }

inline bool has(uint32_t ch, uint32_t flag) { return (flags_of(ch) & flag) != 0; }

const FullCase& full_case_of(uint32_t ch) {
  size_t lo = 0, hi = sizeof(kFullCases) / sizeof(kFullCases[0]);
  while (lo + 1 < hi) {  // kFullCase guarantees that ch is present
    size_t mid = (lo + hi) / 2;
    if (kFullCases[mid].cp <= ch) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return kFullCases[lo];
}

int copy_span(FullCaseSpan span, uint32_t* out) {
  for (int i = 0; i < span.length; i++) out[i] = kFullCaseChars[span.offset + i];
  return span.length;
}

// One of the full mappings: `field` picks it from the side table, `delta` from the record otherwise.
template <FullCaseSpan FullCase::*field, int32_t UcdRecord::*delta>
int full_mapping(uint32_t ch, uint32_t* out) {
  const UcdRecord& r = record_of(ch);
  if (r.flags & kFullCase) return copy_span(full_case_of(ch).*field, out);
  out[0] = uint32_t(int32_t(ch) + r.*delta);
  return 1;
}

static_assert(sizeof(kRecords) / sizeof(kRecords[0]) > 0 && kRecords[0].flags == 0 && kRecords[0].lower == 0,
              "record 0 must be the empty record (unassigned code points)");

}  // namespace

const char* unicode_data_version() { return kUnicodeVersion; }

bool uchar_isspace(uint32_t ch) { return has(ch, kSpace); }
bool uchar_islinebreak(uint32_t ch) { return has(ch, kLineBreak); }
bool uchar_isprintable(uint32_t ch) { return has(ch, kPrintable); }
bool uchar_isalpha(uint32_t ch) { return has(ch, kAlpha); }
bool uchar_isdecimal(uint32_t ch) { return has(ch, kDecimal); }
bool uchar_isdigit(uint32_t ch) { return has(ch, kDigit); }
bool uchar_isnumeric(uint32_t ch) { return has(ch, kNumeric); }
bool uchar_islower(uint32_t ch) { return has(ch, kLower); }
bool uchar_isupper(uint32_t ch) { return has(ch, kUpper); }
bool uchar_istitle(uint32_t ch) { return has(ch, kTitle); }
bool uchar_iscased(uint32_t ch) { return has(ch, kCased); }
bool uchar_is_case_ignorable(uint32_t ch) { return has(ch, kCaseIgnorable); }
bool uchar_is_xid_start(uint32_t ch) { return has(ch, kXidStart); }
bool uchar_is_xid_continue(uint32_t ch) { return has(ch, kXidContinue); }

int uchar_decimal(uint32_t ch) {
  if (ch < 128) return ch >= '0' && ch <= '9' ? int(ch - '0') : -1;
  const UcdRecord& r = record_of(ch);
  return r.flags & kDecimal ? r.digit : -1;
}

int uchar_digit(uint32_t ch) {
  const UcdRecord& r = record_of(ch);
  return r.flags & kDigit ? r.digit : -1;
}

bool uchar_numeric_value(uint32_t ch, double* value) {
  const UcdRecord& r = record_of(ch);
  if (!(r.flags & kNumeric)) return false;
  *value = kNumericValues[r.numeric];
  return true;
}

uint32_t uchar_to_lower_simple(uint32_t ch) { return uint32_t(int32_t(ch) + record_of(ch).lower); }
uint32_t uchar_to_upper_simple(uint32_t ch) { return uint32_t(int32_t(ch) + record_of(ch).upper); }
uint32_t uchar_to_fold_simple(uint32_t ch) { return uint32_t(int32_t(ch) + record_of(ch).fold); }

int uchar_to_lower_full(uint32_t ch, uint32_t* out) {
  return full_mapping<&FullCase::lower, &UcdRecord::lower>(ch, out);
}
int uchar_to_upper_full(uint32_t ch, uint32_t* out) {
  return full_mapping<&FullCase::upper, &UcdRecord::upper>(ch, out);
}
int uchar_to_title_full(uint32_t ch, uint32_t* out) {
  return full_mapping<&FullCase::title, &UcdRecord::title>(ch, out);
}
int uchar_to_fold_full(uint32_t ch, uint32_t* out) { return full_mapping<&FullCase::fold, &UcdRecord::fold>(ch, out); }

}  // namespace pyvm
