// Internals shared by the int implementation files (int.cc, int_ops.cc, int_mag.cc, int_text.cc) and float.cc:
// lv_tag accessors, allocation, and the digit-array ("magnitude") algorithms.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "objects/int.h"
#include "objects/types.h"

namespace pyvm::intimpl {

constexpr int kShift = PyLong_SHIFT;
constexpr digit kMask = PyLong_MASK;
constexpr twodigits kBase = PyLong_BASE;

// ---- lv_tag accessors. lv_tag = (ndigits << 3) | sign bits (0 positive, 1 zero, 2 negative).
inline PyLongObject* lo(Object* o) { return reinterpret_cast<PyLongObject*>(o); }
inline const PyLongObject* lo(const Object* o) { return reinterpret_cast<const PyLongObject*>(o); }
inline uintptr_t tag(const Object* o) { return lo(o)->long_value.lv_tag; }
inline ssize ndigits(const Object* o) { return ssize(tag(o) >> _PyLong_NON_SIZE_BITS); }
inline int sign(const Object* o) { return 1 - int(tag(o) & _PyLong_SIGN_MASK); }
inline bool is_negative(const Object* o) { return (tag(o) & _PyLong_SIGN_MASK) == 2; }
inline bool is_zero(const Object* o) { return (tag(o) & _PyLong_SIGN_MASK) == 1; }
inline digit* dig(Object* o) { return lo(o)->long_value.ob_digit; }
inline const digit* dig(const Object* o) { return lo(o)->long_value.ob_digit; }
constexpr uintptr_t make_tag(int sign, ssize n) {
  return n == 0 ? 1 : (uintptr_t(n) << _PyLong_NON_SIZE_BITS) | (sign < 0 ? 2u : 0u);
}
inline void set_tag(Object* o, int sign, ssize n) { lo(o)->long_value.lv_tag = make_tag(sign, n); }
// int or a subclass (bool included): the bit is set on every int type (CPython's PyLong_Check).
inline bool is_int(const Object* o) { return has_flag(type_of(o), Py_TPFLAGS_LONG_SUBCLASS); }
inline bool is_int_exact(const Object* o) { return type_of(o) == &int_type; }

// ---- The small-int table: immortal statically allocated objects for kSmallIntMin..kSmallIntMax.
extern std::array<PyLongObject, kSmallIntMax - kSmallIntMin + 1> small_ints;
inline bool is_small(int64_t v) { return v >= kSmallIntMin && v <= kSmallIntMax; }
inline Object* small_int(int64_t v) { return reinterpret_cast<Object*>(&small_ints[size_t(v - kSmallIntMin)]); }

// Allocates an exact int with room for n digits (at least one), tagged positive with n digits. The digits are
// zero. Returns null with MemoryError / OverflowError set on failure.
[[nodiscard]] Object* long_alloc(ssize n);
// Finishes an int built in place by long_alloc(): strips leading zero digits from the first n, sets the sign, and
// returns the small-int singleton instead when the value is small (releasing v). Steals v.
[[nodiscard]] Object* finish(Object* v, ssize n, int sign);
// A new exact int with the digits of `o` (any int, including subclasses and bool) and the given sign factor.
[[nodiscard]] Object* copy_exact(Object* o, int sign_factor = 1);
// From a magnitude held in a vector.
[[nodiscard]] Object* from_mag(const std::vector<digit>& m, int sign);
[[nodiscard]] Object* from_mag(const digit* m, ssize n, int sign);
// Raises the error CPython uses when a result would be too large.
std::nullptr_t too_many_digits();

// Number of bits of |o| (0 for zero).
int64_t bit_length(const Object* o);
int bit_length_digit(digit d);

// ---- Magnitude algorithms (int_mag.cc). Arrays are little-endian 30-bit digits; sizes may include leading
// zeros unless stated. Output arrays never alias inputs unless stated.
ssize mag_trim(const digit* a, ssize n);                          // length without leading zeros
int mag_cmp(const digit* a, ssize na, const digit* b, ssize nb);  // both trimmed; -1/0/1
// z[0..na] = a + b with na >= nb (writes na + 1 digits).
void mag_add(const digit* a, ssize na, const digit* b, ssize nb, digit* z);
// z[0..na) = a - b with a >= b, na >= nb. z may alias a.
void mag_sub(const digit* a, ssize na, const digit* b, ssize nb, digit* z);
// z[0..na+nb) = a * b (schoolbook / Karatsuba). z must not alias a or b.
void mag_mul(const digit* a, ssize na, const digit* b, ssize nb, digit* z);
// q[0..n) = a / d, returns a % d. q may alias a. d != 0.
digit mag_divrem1(digit* q, const digit* a, ssize n, digit d);
// a * m + c in place over n digits; returns the carry digit.
digit mag_muladd1(digit* a, ssize n, digit m, digit c);
// Knuth D: a (na digits, trimmed) divided by b (nb >= 2 digits, trimmed), na >= nb. q gets na - nb + 1 digits,
// r gets nb digits.
void mag_divrem(const digit* a, ssize na, const digit* b, ssize nb, digit* q, digit* r);
// Shifts by 0 <= d < 30 bits within n digits; return the bits shifted out. z may alias a.
digit mag_lshift(digit* z, const digit* a, ssize n, int d);
digit mag_rshift(digit* z, const digit* a, ssize n, int d);

// Radix conversion for decimal text, divide-and-conquer on Karatsuba products: binary digits <-> base 10**9
// limbs (little-endian).
std::vector<uint32_t> mag_to_base1e9(const digit* a, ssize n);
std::vector<digit> mag_from_base1e9(const uint32_t* limbs, ssize n);

// ---- Integer helpers used across files (int_ops.cc).
[[nodiscard]] Object* int_lshift(Object* a, int64_t n);  // a << n, n >= 0
[[nodiscard]] Object* int_rshift(Object* a, int64_t n);  // a >> n (floor), n >= 0
[[nodiscard]] Object* int_add(Object* a, Object* b);     // both ints; exact int result
[[nodiscard]] Object* int_sub(Object* a, Object* b);
[[nodiscard]] Object* int_mul(Object* a, Object* b);
[[nodiscard]] Object* int_neg(Object* a);
// Floor division and modulo of ints; `b` non-zero. Either output may be null when not wanted.
[[nodiscard]] bool int_divmod(Object* a, Object* b, Object** q, Object** r);
// Truncating division of magnitudes with signs applied (C semantics); b non-zero.
[[nodiscard]] bool int_divrem_trunc(Object* a, Object* b, Object** q, Object** r);
[[nodiscard]] Object* int_pow_small(int64_t base, int64_t exp);  // base ** exp with exp >= 0
// Correctly rounded int -> double; sets *overflow when |o| rounds past DBL_MAX.
double int_to_double(Object* o, bool* overflow);

// The number slots, for the int/bool type tables in int.cc.
Object* nb_add(Object* a, Object* b);
Object* nb_subtract(Object* a, Object* b);
Object* nb_multiply(Object* a, Object* b);
Object* nb_remainder(Object* a, Object* b);
Object* nb_divmod(Object* a, Object* b);
Object* nb_power(Object* a, Object* b, Object* c);
Object* nb_negative(Object* a);
Object* nb_positive(Object* a);
Object* nb_absolute(Object* a);
int nb_bool(Object* a);
Object* nb_invert(Object* a);
Object* nb_lshift(Object* a, Object* b);
Object* nb_rshift(Object* a, Object* b);
Object* nb_and(Object* a, Object* b);
Object* nb_xor(Object* a, Object* b);
Object* nb_or(Object* a, Object* b);
Object* nb_int(Object* a);
Object* nb_float(Object* a);
Object* nb_floor_divide(Object* a, Object* b);
Object* nb_true_divide(Object* a, Object* b);
Object* richcompare(Object* a, Object* b, int op);

// Text (int_text.cc).
[[nodiscard]] Object* int_repr(Object* o);
// Parses an ASCII buffer as int(text, base). Returns the int, or null with *bad set (no exception) when the
// literal is invalid, or null with an exception (limit exceeded).
[[nodiscard]] Object* parse_int(const char* s, ssize len, int base, bool* bad);
// The ASCII form of UTF-8 text for numeric parsing (CPython's _PyUnicode_TransformDecimalAndSpaceToASCII):
// Unicode spaces become ' ', Unicode decimal digits their ASCII digit, other non-ASCII characters '?'.
// Returns false for malformed UTF-8.
bool numeric_ascii(std::string_view s, std::string* out);

}  // namespace pyvm::intimpl
