// Shared pieces of the math module, which is split into math_module.cc (floating-point functions and the module
// table), math_integer.cc (exact integer functions) and math_sums.cc (fsum, hypot, dist, sumprod, prod).
#pragma once

#include "objects/object.h"

namespace pyvm::math {

// Double-length arithmetic: hi + lo represents an exact sum or product.
struct DoubleLength {
  double hi;
  double lo;
};

// Raises CPython's error for a libm result with errno set: EDOM gives ValueError("math domain error"); ERANGE
// gives OverflowError("math range error") unless the result is tiny (an underflow, which is not an error). Returns
// true when an exception was set.
bool errno_error(double r);

// The argument as a C double, by CPython's PyFloat_AsDouble rules; false with an exception on failure.
[[nodiscard]] bool to_double(Object* o, double* out);

// log of an int that may be too large for a double: func(top bits) + func(2) * exponent. `x` is a positive int.
[[nodiscard]] bool int_log(Object* x, double (*func)(double), double* out);

// The module functions implemented outside math_module.cc (module-function signatures).
Object* math_gcd(Object*, Object* const* args, ssize nargs);
Object* math_lcm(Object*, Object* const* args, ssize nargs);
Object* math_isqrt(Object*, Object* n);
Object* math_factorial(Object*, Object* n);
Object* math_comb(Object*, Object* const* args, ssize nargs);
Object* math_perm(Object*, Object* const* args, ssize nargs);
Object* math_fsum(Object*, Object* seq);
Object* math_hypot(Object*, Object* const* args, ssize nargs);
Object* math_dist(Object*, Object* const* args, ssize nargs);
Object* math_sumprod(Object*, Object* const* args, ssize nargs);
Object* math_prod(Object*, Object* const* args, ssize nargs, Object* kwnames);

}  // namespace pyvm::math
