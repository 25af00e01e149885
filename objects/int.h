// int and bool: arbitrary precision with 30-bit digits in CPython 3.13's PyLongObject layout.
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

// Small ints -5..256 are immortal and preallocated.
constexpr int kSmallIntMin = -5;
constexpr int kSmallIntMax = 256;

[[nodiscard]] Object* int_from_i64(int64_t v);
[[nodiscard]] Object* int_from_u64(uint64_t v);
inline Object* int_from_ssize(ssize v) { return int_from_i64(v); }
[[nodiscard]] Object* int_from_double(double d);  // truncates; raises for inf/nan
// From little-endian 30-bit digits (as marshal stores 15-bit pairs, the caller converts). Normalises.
[[nodiscard]] Object* int_from_digits(bool negative, const digit* digits, ssize ndigits);
// Parses like int(s, base) on an ASCII buffer (underscores, whitespace, prefixes); raises ValueError.
[[nodiscard]] Object* int_from_string(const char* s, ssize len, int base);

// Conversions. int_as_i64 sets *overflow to +1/-1 (returning -1) when out of range.
int64_t int_as_i64(Object* o, int* overflow);
[[nodiscard]] ssize int_as_ssize(Object* o);  // raises OverflowError; -1 on error
[[nodiscard]] double int_as_double(Object* o, bool* ok);  // OverflowError "int too large to convert to float"
bool int_is_zero(Object* o);
int int_sign(Object* o);  // -1, 0, 1
ssize int_ndigits(Object* o);
const digit* int_digits(Object* o);
// Decimal/other-base text; raises ValueError for the 4300-digit limit in base 10.
[[nodiscard]] bool int_to_string(Object* o, int base, std::string* out);
hash_t int_hash(Object* o);
int int_compare(Object* a, Object* b);  // -1/0/1, both exact-or-subclass ints

// Fast check for a "compact" int that fits one digit (the interpreter's fast paths).
inline bool int_is_compact(const Object* o) {
  return reinterpret_cast<const PyLongObject*>(o)->long_value.lv_tag < (2 << _PyLong_NON_SIZE_BITS);
}
inline ssize int_compact_value(const Object* o) {
  uintptr_t tag = reinterpret_cast<const PyLongObject*>(o)->long_value.lv_tag;
  ssize sign = 1 - ssize(tag & _PyLong_SIGN_MASK);
  return sign * ssize(reinterpret_cast<const PyLongObject*>(o)->long_value.ob_digit[0]);
}

// ---- Added by the numeric-types implementation (int.cc, int_text.cc).
// int(o) with CPython's PyNumber_Long rules: __int__, __index__, __trunc__, str/bytes/bytearray text.
[[nodiscard]] Object* int_from_object(Object* o);
// int(s, base) for a str object (Unicode digits and spaces accepted) and for bytes-like text; raise ValueError
// with CPython's messages ("invalid literal for int() with base 10: 'x'", the digit limit).
[[nodiscard]] Object* int_from_str_object(Object* s, int base);
[[nodiscard]] Object* int_from_bytes_text(const char* s, ssize len, int base);
// int_to_string writes digits without a base prefix ("-ff"); int_to_text can add CPython's 0b/0o/0x prefix after
// the sign (_PyLong_Format, as hex()/oct()/bin() print). Bases 2..36.
[[nodiscard]] bool int_to_text(Object* o, int base, bool prefix, std::string* out);
// sys.{get,set}_int_max_str_digits: 0 means unlimited; otherwise at least kIntMaxStrDigitsThreshold.
constexpr int kIntMaxStrDigitsDefault = 4300;
constexpr int kIntMaxStrDigitsThreshold = 640;
int int_max_str_digits();
void set_int_max_str_digits(int n);

}  // namespace pyvm
