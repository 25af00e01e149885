// float and complex.
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

[[nodiscard]] Object* float_from_double(double v);
inline double float_value(const Object* o) { return reinterpret_cast<const PyFloatObject*>(o)->ob_fval; }
// float(o) semantics for int/float/__float__/__index__; sets *ok=false with an error on failure.
[[nodiscard]] double float_as_double(Object* o, bool* ok);
// repr(float): shortest round-trip text, as CPython ('1.0', '1e+16', 'inf', 'nan', '-0.0').
std::string float_repr(double v);
hash_t float_hash(double v);
// Formats with a format-spec type char ('e','f','g','%', 'r' for repr) and precision, like format(x, spec).
std::string float_format(double v, char type, int precision, bool alternate);

[[nodiscard]] Object* complex_from_doubles(double real, double imag);
inline Py_complex complex_value(const Object* o) { return reinterpret_cast<const PyComplexObject*>(o)->cval; }
// CPython's _Py_c_quot (Smith's division; errno = EDOM for a zero divisor) and _Py_c_abs (errno = ERANGE on
// overflow), for cmath.
Py_complex complex_quot(Py_complex a, Py_complex b);
double complex_abs_value(Py_complex z);

// ---- Added by the numeric-types implementation (float.cc).
// float(o) with CPython's PyNumber_Float rules: __float__, __index__, str/bytes/bytearray text.
[[nodiscard]] Object* float_from_object(Object* o);

}  // namespace pyvm
