// Character classes, case maps and set membership of the _sre engine (CPython 3.13's SRE rules: ASCII, LOCALE
// and Unicode variants of \d \s \w, line breaks, and the charset programs IN runs). Inline for the matcher's
// inner loops.
#pragma once

#include <cstdint>

#include "objects/str.h"
#include "vm/modules/sre_internal.h"

namespace pyvm::sre {

inline uint32_t lower_ascii(uint32_t ch) { return (ch < 128 && ch >= 'A' && ch <= 'Z') ? ch + 32 : ch; }

// SRE's Unicode case maps are the first character of the full mapping (CPython's _PyUnicode_ToLowercase and
// _PyUnicode_ToUppercase), e.g. upper('ß') == 'S'.
inline uint32_t lower_unicode(uint32_t ch) {
  if (ch < 128) return lower_ascii(ch);
  uint32_t out[3];
  return uchar_to_lower_full(ch, out) > 0 ? out[0] : ch;
}

inline uint32_t upper_unicode(uint32_t ch) {
  if (ch < 128) return (ch >= 'a' && ch <= 'z') ? ch - 32 : ch;
  uint32_t out[3];
  return uchar_to_upper_full(ch, out) > 0 ? out[0] : ch;
}

inline bool ascii_alnum(uint32_t ch) {
  return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}
inline bool is_digit(uint32_t ch) { return ch >= '0' && ch <= '9'; }
inline bool is_space(uint32_t ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }
inline bool is_linebreak(uint32_t ch) { return ch == '\n'; }
inline bool is_word(uint32_t ch) { return ch < 128 && (ascii_alnum(ch) || ch == '_'); }
// LOCALE classes: pyvm runs with the C/UTF-8 locale semantics for single bytes, where only ASCII letters and
// digits are alphanumeric and case mapping is ASCII's.
inline bool loc_word(uint32_t ch) { return ch < 128 && (ascii_alnum(ch) || ch == '_'); }
inline uint32_t lower_locale(uint32_t ch) { return ch < 256 ? lower_ascii(ch) : ch; }
inline uint32_t upper_locale(uint32_t ch) { return (ch < 256 && ch >= 'a' && ch <= 'z') ? ch - 32 : ch; }
inline bool uni_alnum(uint32_t ch) {
  if (ch < 128) return ascii_alnum(ch);
  return uchar_isalpha(ch) || uchar_isdecimal(ch) || uchar_isdigit(ch) || uchar_isnumeric(ch);
}
inline bool uni_word(uint32_t ch) { return ch == '_' || uni_alnum(ch); }
inline bool uni_digit(uint32_t ch) { return ch < 128 ? is_digit(ch) : uchar_isdecimal(ch); }
inline bool uni_space(uint32_t ch) {
  if (ch < 128) return is_space(ch) || (ch >= 0x1c && ch <= 0x1f);
  return uchar_isspace(ch);
}
inline bool uni_linebreak(uint32_t ch) {
  if (ch < 128) return ch == '\n' || ch == '\r' || (ch >= 0x0b && ch <= 0x0c) || (ch >= 0x1c && ch <= 0x1e);
  return uchar_islinebreak(ch);
}

inline bool in_category(Code cat, uint32_t ch) {
  switch (cat) {
    case CAT_DIGIT:
      return is_digit(ch);
    case CAT_NOT_DIGIT:
      return !is_digit(ch);
    case CAT_SPACE:
      return is_space(ch);
    case CAT_NOT_SPACE:
      return !is_space(ch);
    case CAT_WORD:
      return is_word(ch);
    case CAT_NOT_WORD:
      return !is_word(ch);
    case CAT_LINEBREAK:
      return is_linebreak(ch);
    case CAT_NOT_LINEBREAK:
      return !is_linebreak(ch);
    case CAT_LOC_WORD:
      return loc_word(ch);
    case CAT_LOC_NOT_WORD:
      return !loc_word(ch);
    case CAT_UNI_DIGIT:
      return uni_digit(ch);
    case CAT_UNI_NOT_DIGIT:
      return !uni_digit(ch);
    case CAT_UNI_SPACE:
      return uni_space(ch);
    case CAT_UNI_NOT_SPACE:
      return !uni_space(ch);
    case CAT_UNI_WORD:
      return uni_word(ch);
    case CAT_UNI_NOT_WORD:
      return !uni_word(ch);
    case CAT_UNI_LINEBREAK:
      return uni_linebreak(ch);
    case CAT_UNI_NOT_LINEBREAK:
      return !uni_linebreak(ch);
  }
  return false;
}

// Set membership: `set` is a charset program ending in FAILURE; NEGATE flips the answer.
inline bool in_charset(const Code* set, uint32_t ch) {
  bool member = true;  // the answer when an item matches (flipped by NEGATE)
  for (;;) {
    switch (*set++) {
      case OP_FAILURE:
        return !member;
      case OP_LITERAL:
        if (ch == set[0]) return member;
        set += 1;
        break;
      case OP_CATEGORY:
        if (in_category(set[0], ch)) return member;
        set += 1;
        break;
      case OP_CHARSET:  // a 256-bit map
        if (ch < 256 && (set[ch >> 5] & (1u << (ch & 31)))) return member;
        set += 256 / 32;
        break;
      case OP_RANGE:
        if (set[0] <= ch && ch <= set[1]) return member;
        set += 2;
        break;
      case OP_RANGE_UNI_IGNORE: {  // ch is already lower-cased
        if (set[0] <= ch && ch <= set[1]) return member;
        uint32_t up = upper_unicode(ch);
        if (set[0] <= up && up <= set[1]) return member;
        set += 2;
        break;
      }
      case OP_NEGATE:
        member = !member;
        break;
      case OP_BIGCHARSET: {  // block count, 256 block numbers (bytes), then 256-bit blocks
        Code blocks = *set++;
        const uint8_t* index = reinterpret_cast<const uint8_t*>(set);
        set += 256 / sizeof(Code);
        if (ch < 0x10000) {
          Code bit = Code(index[ch >> 8]) * 256 + (ch & 255);
          if (set[bit >> 5] & (1u << (bit & 31))) return member;
        }
        set += blocks * (256 / 32);
        break;
      }
      default:
        return false;  // the validator refuses other codes
    }
  }
}

inline bool in_charset_loc_ignore(const Code* set, uint32_t ch) {
  uint32_t lo = lower_locale(ch);
  if (in_charset(set, lo)) return true;
  uint32_t up = upper_locale(ch);
  return up != lo && in_charset(set, up);
}

inline bool loc_ignore_equal(Code pattern_ch, uint32_t ch) {
  return ch == pattern_ch || lower_locale(ch) == pattern_ch || upper_locale(ch) == pattern_ch;
}

}  // namespace pyvm::sre
