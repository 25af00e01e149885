// The format-spec mini-language for numbers (int/float/complex __format__) and CPython's float-to-text rules.
#pragma once

#include <string>
#include <string_view>

#include "objects/object.h"

namespace pyvm {

// Flags of double_to_string (CPython's Py_DTSF_*).
enum DtsfFlags : int {
  kDtsfSign = 1,     // always write a sign
  kDtsfAddDot0 = 2,  // '1.0' rather than '1' when the text would look like an int
  kDtsfAlt = 4,      // '#': keep the point and trailing zeros
  kDtsfNoNeg0 = 8,   // 'z': no sign on a value that rounds to zero
};

// CPython's PyOS_double_to_string: `type` is 'e', 'E', 'f', 'F', 'g', 'G' (precision digits, correctly
// rounded) or 'r' (shortest round-trip repr; precision must be 0). inf/nan come out as 'inf', 'nan'
// ('INF', 'NAN' for the upper-case types).
std::string double_to_string(double v, char type, int precision, int flags);

// The correctly rounded decimal digits of |v| (finite) in the manner of David Gay's dtoa: mode 0 shortest
// round-trip, mode 2 at most `ndigits` significant digits, mode 3 `ndigits` (>= 0) digits after the point.
// Trailing zeros are stripped; zero gives "0" with *decpt 1; a value that rounds to zero in mode 3 gives ""
// with *decpt = -ndigits. The value is 0.DIGITS * 10**decpt.
void double_digits(double v, int mode, int ndigits, std::string* digits, int* decpt);

// format(v, spec) for ints, floats and complex numbers. `spec` is the UTF-8 text of a non-empty spec; the
// value's type name appears in error messages. Return false with CPython's exception set.
[[nodiscard]] bool format_int_spec(Object* v, std::string_view spec, std::string* out);
[[nodiscard]] bool format_float_spec(Object* v, double x, std::string_view spec, std::string* out);
[[nodiscard]] bool format_complex_spec(Object* v, double re, double im, std::string_view spec, std::string* out);

}  // namespace pyvm
