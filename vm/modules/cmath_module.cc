// The cmath module: complex elementary functions with CPython 3.13's algorithms (Kahan's branch-cut formulas,
// overflow-avoiding rescaling), its special values for infinite and NaN parts (C99 Annex G), and its errors:
// ValueError("math domain error") and OverflowError("math range error").
//
// Thread-safety: the functions are pure; errno, which carries a result's error as in libm, is thread-local.
#include <cerrno>
#include <cfloat>
#include <cmath>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/iterators.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/math_internal.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

constexpr double kPi = 3.141592653589793238462643383279502884197;
constexpr double kE = 2.718281828459045235360287471352662497757;
constexpr double kLn2 = 0.6931471805599453094;
constexpr double kLn10 = 2.302585092994045684;
constexpr double INF = HUGE_VAL;
constexpr double N = NAN;
constexpr double U = NAN;  // a cell of a special-value table that is never read (both parts finite)
constexpr double P = kPi;
constexpr double P2 = kPi / 2;
constexpr double P4 = kPi / 4;
constexpr double P34 = 3 * kPi / 4;

// Thresholds below which the straightforward formulas neither overflow nor lose precision.
const double kLargeDouble = DBL_MAX / 4.;
const double kSqrtLargeDouble = std::sqrt(kLargeDouble);
const double kLogLargeDouble = std::log(kLargeDouble);
const double kSqrtDblMin = std::sqrt(DBL_MIN);
// Scale factors that keep subnormal arguments of sqrt exact.
constexpr int kScaleUp = 2 * (DBL_MANT_DIG / 2) + 1;
constexpr int kScaleDown = -(kScaleUp + 1) / 2;

// The classes a part of an argument falls in when indexing the special-value tables.
enum SpecialType { kNInf, kNeg, kNZero, kPZero, kPos, kPInf, kNan };

int special_type(double d) {
  if (std::isfinite(d)) {
    if (d != 0) return std::copysign(1., d) == 1. ? kPos : kNeg;
    return std::copysign(1., d) == 1. ? kPZero : kNZero;
  }
  if (std::isnan(d)) return kNan;
  return std::copysign(1., d) == 1. ? kPInf : kNInf;
}

// The tables, indexed [class of real part][class of imaginary part]: the values CPython 3.13 returns for
// arguments with an infinite or NaN part (measured with CPython; cells where it raises hold NaN).
constexpr Py_complex kAcosSpecial[7][7] = {
    {{P34, INF}, {P, INF}, {P, INF}, {P, -INF}, {P, -INF}, {P34, -INF}, {N, INF}},
    {{P2, INF}, {U, U}, {U, U}, {U, U}, {U, U}, {P2, -INF}, {N, N}},
    {{P2, INF}, {U, U}, {U, U}, {U, U}, {U, U}, {P2, -INF}, {P2, N}},
    {{P2, INF}, {U, U}, {U, U}, {U, U}, {U, U}, {P2, -INF}, {P2, N}},
    {{P2, INF}, {U, U}, {U, U}, {U, U}, {U, U}, {P2, -INF}, {N, N}},
    {{P4, INF}, {0., INF}, {0., INF}, {0., -INF}, {0., -INF}, {P4, -INF}, {N, INF}},
    {{N, INF}, {N, N}, {N, N}, {N, N}, {N, N}, {N, -INF}, {N, N}},
};
constexpr Py_complex kAcoshSpecial[7][7] = {
    {{INF, -P34}, {INF, -P}, {INF, -P}, {INF, P}, {INF, P}, {INF, P34}, {INF, N}},
    {{INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, P2}, {N, N}},
    {{INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, P2}, {N, N}},
    {{INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, P2}, {N, N}},
    {{INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, P2}, {N, N}},
    {{INF, -P4}, {INF, -0.}, {INF, -0.}, {INF, 0.}, {INF, 0.}, {INF, P4}, {INF, N}},
    {{INF, N}, {N, N}, {N, N}, {N, N}, {N, N}, {INF, N}, {N, N}},
};
constexpr Py_complex kAsinhSpecial[7][7] = {
    {{-INF, -P4}, {-INF, -0.}, {-INF, -0.}, {-INF, 0.}, {-INF, 0.}, {-INF, P4}, {-INF, N}},
    {{-INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {-INF, P2}, {N, N}},
    {{-INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {-INF, P2}, {N, N}},
    {{INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, P2}, {N, N}},
    {{INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, P2}, {N, N}},
    {{INF, -P4}, {INF, -0.}, {INF, -0.}, {INF, 0.}, {INF, 0.}, {INF, P4}, {INF, N}},
    {{INF, N}, {N, N}, {N, -0.}, {N, 0.}, {N, N}, {INF, N}, {N, N}},
};
constexpr Py_complex kAtanhSpecial[7][7] = {
    {{-0., -P2}, {-0., -P2}, {-0., -P2}, {-0., P2}, {-0., P2}, {-0., P2}, {-0., N}},
    {{-0., -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {-0., P2}, {N, N}},
    {{-0., -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {-0., P2}, {-0., N}},
    {{0., -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {0., P2}, {0., N}},
    {{0., -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {0., P2}, {N, N}},
    {{0., -P2}, {0., -P2}, {0., -P2}, {0., P2}, {0., P2}, {0., P2}, {0., N}},
    {{0., -P2}, {N, N}, {N, N}, {N, N}, {N, N}, {0., P2}, {N, N}},
};
constexpr Py_complex kCoshSpecial[7][7] = {
    {{N, N}, {U, U}, {INF, 0.}, {INF, -0.}, {U, U}, {N, N}, {INF, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, 0.}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, 0.}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {INF, -0.}, {INF, 0.}, {U, U}, {N, N}, {INF, N}},
    {{N, N}, {N, N}, {N, 0.}, {N, 0.}, {N, N}, {N, N}, {N, N}},
};
constexpr Py_complex kExpSpecial[7][7] = {
    {{0., 0.}, {U, U}, {0., -0.}, {0., 0.}, {U, U}, {0., 0.}, {0., 0.}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {INF, -0.}, {INF, 0.}, {U, U}, {N, N}, {INF, N}},
    {{N, N}, {N, N}, {N, -0.}, {N, 0.}, {N, N}, {N, N}, {N, N}},
};
constexpr Py_complex kLogSpecial[7][7] = {
    {{INF, -P34}, {INF, -P}, {INF, -P}, {INF, P}, {INF, P}, {INF, P34}, {INF, N}},
    {{INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, P2}, {N, N}},
    {{INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, P2}, {N, N}},
    {{INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, P2}, {N, N}},
    {{INF, -P2}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, P2}, {N, N}},
    {{INF, -P4}, {INF, -0.}, {INF, -0.}, {INF, 0.}, {INF, 0.}, {INF, P4}, {INF, N}},
    {{INF, N}, {N, N}, {N, N}, {N, N}, {N, N}, {INF, N}, {N, N}},
};
constexpr Py_complex kSinhSpecial[7][7] = {
    {{N, N}, {U, U}, {-INF, -0.}, {-INF, 0.}, {U, U}, {N, N}, {INF, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {0., N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {0., N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {INF, -0.}, {INF, 0.}, {U, U}, {N, N}, {INF, N}},
    {{N, N}, {N, N}, {N, -0.}, {N, 0.}, {N, N}, {N, N}, {N, N}},
};
constexpr Py_complex kSqrtSpecial[7][7] = {
    {{INF, -INF}, {0., -INF}, {0., -INF}, {0., INF}, {0., INF}, {INF, INF}, {N, INF}},
    {{INF, -INF}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, INF}, {N, N}},
    {{INF, -INF}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, INF}, {N, N}},
    {{INF, -INF}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, INF}, {N, N}},
    {{INF, -INF}, {U, U}, {U, U}, {U, U}, {U, U}, {INF, INF}, {N, N}},
    {{INF, -INF}, {INF, -0.}, {INF, -0.}, {INF, 0.}, {INF, 0.}, {INF, INF}, {INF, N}},
    {{INF, -INF}, {N, N}, {N, N}, {N, N}, {N, N}, {INF, INF}, {N, N}},
};
constexpr Py_complex kTanhSpecial[7][7] = {
    {{-1., 0.}, {U, U}, {-1., -0.}, {-1., 0.}, {U, U}, {-1., 0.}, {-1., 0.}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{1., 0.}, {U, U}, {1., -0.}, {1., 0.}, {U, U}, {1., 0.}, {1., 0.}},
    {{N, N}, {N, N}, {N, -0.}, {N, 0.}, {N, N}, {N, N}, {N, N}},
};
constexpr Py_complex kRectSpecial[7][7] = {
    {{N, N}, {U, U}, {-INF, 0.}, {-INF, -0.}, {U, U}, {N, N}, {INF, N}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{0., 0.}, {U, U}, {U, U}, {U, U}, {U, U}, {0., 0.}, {0., 0.}},
    {{0., 0.}, {U, U}, {U, U}, {U, U}, {U, U}, {0., 0.}, {0., 0.}},
    {{N, N}, {U, U}, {U, U}, {U, U}, {U, U}, {N, N}, {N, N}},
    {{N, N}, {U, U}, {INF, -0.}, {INF, 0.}, {U, U}, {N, N}, {INF, N}},
    {{N, N}, {N, N}, {N, 0.}, {N, 0.}, {N, N}, {N, N}, {N, N}},
};

bool is_special(Py_complex z) { return !std::isfinite(z.real) || !std::isfinite(z.imag); }
Py_complex special_value(const Py_complex table[7][7], Py_complex z) {
  errno = 0;
  return table[special_type(z.real)][special_type(z.imag)];
}

// ---- The functions. Each sets errno: 0, EDOM or ERANGE.

Py_complex c_sqrt(Py_complex z) {
  if (is_special(z)) return special_value(kSqrtSpecial, z);
  Py_complex r;
  if (z.real == 0. && z.imag == 0.) {
    r.real = 0.;
    r.imag = z.imag;
    return r;
  }
  double ax = std::fabs(z.real), ay = std::fabs(z.imag), s;
  if (ax < DBL_MIN && ay < DBL_MIN) {
    // Scale subnormal arguments up so that the square root stays exact.
    ax = std::ldexp(ax, kScaleUp);
    s = std::ldexp(std::sqrt(ax + std::hypot(ax, std::ldexp(ay, kScaleUp))), kScaleDown);
  } else {
    ax /= 8.;
    s = 2. * std::sqrt(ax + std::hypot(ax, ay / 8.));
  }
  double d = ay / (2. * s);
  if (z.real >= 0.) {
    r.real = s;
    r.imag = std::copysign(d, z.imag);
  } else {
    r.real = d;
    r.imag = std::copysign(s, z.imag);
  }
  errno = 0;
  return r;
}

Py_complex c_acos(Py_complex z) {
  if (is_special(z)) return special_value(kAcosSpecial, z);
  Py_complex r;
  if (std::fabs(z.real) > kLargeDouble || std::fabs(z.imag) > kLargeDouble) {
    r.real = std::atan2(std::fabs(z.imag), z.real);
    double l = std::log(std::hypot(z.real / 2., z.imag / 2.)) + kLn2 * 2.;
    r.imag = z.real < 0 ? -std::copysign(l, z.imag) : std::copysign(l, -z.imag);
  } else {
    Py_complex s1 = c_sqrt({1. - z.real, -z.imag});
    Py_complex s2 = c_sqrt({1. + z.real, z.imag});
    r.real = 2. * std::atan2(s1.real, s2.real);
    r.imag = std::asinh(s2.real * s1.imag - s2.imag * s1.real);
  }
  errno = 0;
  return r;
}

Py_complex c_acosh(Py_complex z) {
  if (is_special(z)) return special_value(kAcoshSpecial, z);
  Py_complex r;
  if (std::fabs(z.real) > kLargeDouble || std::fabs(z.imag) > kLargeDouble) {
    r.real = std::log(std::hypot(z.real / 2., z.imag / 2.)) + kLn2 * 2.;
    r.imag = std::atan2(z.imag, z.real);
  } else {
    Py_complex s1 = c_sqrt({z.real - 1., z.imag});
    Py_complex s2 = c_sqrt({z.real + 1., z.imag});
    r.real = std::asinh(s1.real * s2.real + s1.imag * s2.imag);
    r.imag = 2. * std::atan2(s1.imag, s2.real);
  }
  errno = 0;
  return r;
}

Py_complex c_asinh(Py_complex z) {
  if (is_special(z)) return special_value(kAsinhSpecial, z);
  Py_complex r;
  if (std::fabs(z.real) > kLargeDouble || std::fabs(z.imag) > kLargeDouble) {
    double l = std::log(std::hypot(z.real / 2., z.imag / 2.)) + kLn2 * 2.;
    r.real = z.imag >= 0. ? std::copysign(l, z.real) : -std::copysign(l, -z.real);
    r.imag = std::atan2(z.imag, std::fabs(z.real));
  } else {
    Py_complex s1 = c_sqrt({1. + z.imag, -z.real});
    Py_complex s2 = c_sqrt({1. - z.imag, z.real});
    r.real = std::asinh(s1.real * s2.imag - s2.real * s1.imag);
    r.imag = std::atan2(z.imag, s1.real * s2.real - s1.imag * s2.imag);
  }
  errno = 0;
  return r;
}

// asin(z) = -i asinh(iz)
Py_complex c_asin(Py_complex z) {
  Py_complex s = c_asinh({-z.imag, z.real});
  return {s.imag, -s.real};
}

Py_complex c_atanh(Py_complex z) {
  if (is_special(z)) return special_value(kAtanhSpecial, z);
  // atanh(z) = -atanh(-z): reduce to a non-negative real part.
  if (z.real < 0.) {
    Py_complex r = c_atanh({-z.real, -z.imag});
    return {-r.real, -r.imag};
  }
  Py_complex r;
  double ay = std::fabs(z.imag);
  if (z.real > kSqrtLargeDouble || ay > kSqrtLargeDouble) {
    double h = std::hypot(z.real / 2., z.imag / 2.);  // safe from overflow
    r.real = z.real / 4. / h / h;
    r.imag = -std::copysign(kPi / 2., -z.imag);
    errno = 0;
  } else if (z.real == 1. && ay < kSqrtDblMin) {
    if (ay == 0.) {  // atanh(1 +/- 0i) is a singularity
      r.real = INF;
      r.imag = z.imag;
      errno = EDOM;
    } else {
      r.real = -std::log(std::sqrt(ay) / std::sqrt(std::hypot(ay, 2.)));
      r.imag = std::copysign(std::atan2(2., -ay) / 2, z.imag);
      errno = 0;
    }
  } else {
    r.real = std::log1p(4. * z.real / ((1 - z.real) * (1 - z.real) + ay * ay)) / 4.;
    r.imag = -std::atan2(-2. * z.imag, (1 - z.real) * (1 + z.real) - ay * ay) / 2.;
    errno = 0;
  }
  return r;
}

// atan(z) = -i atanh(iz)
Py_complex c_atan(Py_complex z) {
  Py_complex s = c_atanh({-z.imag, z.real});
  return {s.imag, -s.real};
}

Py_complex c_cosh(Py_complex z) {
  Py_complex r;
  if (is_special(z)) {
    if (std::isinf(z.real) && std::isfinite(z.imag) && z.imag != 0.) {
      r.real = std::copysign(INF, std::cos(z.imag));
      r.imag = z.real > 0 ? std::copysign(INF, std::sin(z.imag)) : -std::copysign(INF, std::sin(z.imag));
    } else {
      r = kCoshSpecial[special_type(z.real)][special_type(z.imag)];
    }
    errno = std::isinf(z.imag) && !std::isnan(z.real) ? EDOM : 0;
    return r;
  }
  if (std::fabs(z.real) > kLogLargeDouble) {
    // cosh(x) overflows where cosh(z) need not: scale by e.
    double x_minus_one = z.real - std::copysign(1., z.real);
    r.real = std::cos(z.imag) * std::cosh(x_minus_one) * kE;
    r.imag = std::sin(z.imag) * std::sinh(x_minus_one) * kE;
  } else {
    r.real = std::cos(z.imag) * std::cosh(z.real);
    r.imag = std::sin(z.imag) * std::sinh(z.real);
  }
  errno = std::isinf(r.real) || std::isinf(r.imag) ? ERANGE : 0;
  return r;
}

// cos(z) = cosh(iz)
Py_complex c_cos(Py_complex z) { return c_cosh({-z.imag, z.real}); }

Py_complex c_sinh(Py_complex z) {
  Py_complex r;
  if (is_special(z)) {
    if (std::isinf(z.real) && std::isfinite(z.imag) && z.imag != 0.) {
      r.real = z.real > 0 ? std::copysign(INF, std::cos(z.imag)) : -std::copysign(INF, std::cos(z.imag));
      r.imag = std::copysign(INF, std::sin(z.imag));
    } else {
      r = kSinhSpecial[special_type(z.real)][special_type(z.imag)];
    }
    errno = std::isinf(z.imag) && !std::isnan(z.real) ? EDOM : 0;
    return r;
  }
  if (std::fabs(z.real) > kLogLargeDouble) {
    double x_minus_one = z.real - std::copysign(1., z.real);
    r.real = std::cos(z.imag) * std::sinh(x_minus_one) * kE;
    r.imag = std::sin(z.imag) * std::cosh(x_minus_one) * kE;
  } else {
    r.real = std::cos(z.imag) * std::sinh(z.real);
    r.imag = std::sin(z.imag) * std::cosh(z.real);
  }
  errno = std::isinf(r.real) || std::isinf(r.imag) ? ERANGE : 0;
  return r;
}

// sin(z) = -i sinh(iz)
Py_complex c_sin(Py_complex z) {
  Py_complex s = c_sinh({-z.imag, z.real});
  return {s.imag, -s.real};
}

Py_complex c_tanh(Py_complex z) {
  Py_complex r;
  if (is_special(z)) {
    if (std::isinf(z.real) && std::isfinite(z.imag) && z.imag != 0.) {
      r.real = z.real > 0 ? 1.0 : -1.0;
      r.imag = std::copysign(0., 2. * std::sin(z.imag) * std::cos(z.imag));
    } else {
      r = kTanhSpecial[special_type(z.real)][special_type(z.imag)];
    }
    errno = std::isinf(z.imag) && std::isfinite(z.real) ? EDOM : 0;
    return r;
  }
  if (std::fabs(z.real) > kLogLargeDouble) {
    r.real = std::copysign(1., z.real);
    r.imag = 4. * std::sin(z.imag) * std::cos(z.imag) * std::exp(-2. * std::fabs(z.real));
  } else {
    double tx = std::tanh(z.real);
    double ty = std::tan(z.imag);
    double cx = 1. / std::cosh(z.real);
    double txty = tx * ty;
    double denom = 1. + txty * txty;
    r.real = tx * (1. + ty * ty) / denom;
    r.imag = ((ty / denom) * cx) * cx;
  }
  errno = 0;
  return r;
}

// tan(z) = -i tanh(iz)
Py_complex c_tan(Py_complex z) {
  Py_complex s = c_tanh({-z.imag, z.real});
  return {s.imag, -s.real};
}

Py_complex c_exp(Py_complex z) {
  Py_complex r;
  if (is_special(z)) {
    if (std::isinf(z.real) && std::isfinite(z.imag) && z.imag != 0.) {
      if (z.real > 0) {
        r.real = std::copysign(INF, std::cos(z.imag));
        r.imag = std::copysign(INF, std::sin(z.imag));
      } else {
        r.real = std::copysign(0., std::cos(z.imag));
        r.imag = std::copysign(0., std::sin(z.imag));
      }
    } else {
      r = kExpSpecial[special_type(z.real)][special_type(z.imag)];
    }
    errno = std::isinf(z.imag) && (std::isfinite(z.real) || (std::isinf(z.real) && z.real > 0)) ? EDOM : 0;
    return r;
  }
  if (z.real > kLogLargeDouble) {
    double l = std::exp(z.real - 1.);
    r.real = l * std::cos(z.imag) * kE;
    r.imag = l * std::sin(z.imag) * kE;
  } else {
    double l = std::exp(z.real);
    r.real = l * std::cos(z.imag);
    r.imag = l * std::sin(z.imag);
  }
  errno = std::isinf(r.real) || std::isinf(r.imag) ? ERANGE : 0;
  return r;
}

Py_complex c_log(Py_complex z) {
  if (is_special(z)) return special_value(kLogSpecial, z);
  Py_complex r;
  double ax = std::fabs(z.real), ay = std::fabs(z.imag);
  if (ax > kLargeDouble || ay > kLargeDouble) {
    r.real = std::log(std::hypot(ax / 2., ay / 2.)) + kLn2;
  } else if (ax < DBL_MIN && ay < DBL_MIN) {
    if (ax > 0. || ay > 0.) {
      // hypot(ax, ay) would be subnormal: scale up first.
      r.real = std::log(std::hypot(std::ldexp(ax, DBL_MANT_DIG), std::ldexp(ay, DBL_MANT_DIG))) - DBL_MANT_DIG * kLn2;
    } else {
      r.real = -INF;  // log(+/-0 +/- 0i)
      r.imag = std::atan2(z.imag, z.real);
      errno = EDOM;
      return r;
    }
  } else {
    double h = std::hypot(ax, ay);
    if (0.71 <= h && h <= 1.73) {
      // Near the unit circle log(h) loses precision; log1p of (am-1)(am+1)+an^2 does not.
      double am = ax > ay ? ax : ay, an = ax > ay ? ay : ax;
      r.real = std::log1p((am - 1) * (am + 1) + an * an) / 2.;
    } else {
      r.real = std::log(h);
    }
  }
  r.imag = std::atan2(z.imag, z.real);
  errno = 0;
  return r;
}

Py_complex c_log10(Py_complex z) {
  Py_complex x = c_log(z);
  int saved = errno;
  Py_complex r = {x.real / kLn10, x.imag / kLn10};
  errno = saved;
  return r;
}

// ---- Argument conversion and errors.

// CPython's PyComplex_AsCComplex: a complex, an object with __complex__, or a real number (float()).
bool to_complex(Object* o, Py_complex* out) {
  if (type_check(o, &complex_type)) {
    *out = complex_value(o);
    return true;
  }
  Object* meth = nullptr;
  int found = seq_lookup_special(o, str_interned("__complex__"), &meth);
  if (found < 0) return false;
  if (found > 0) {
    ORef m = steal(meth);
    ORef res = steal(call0(m.get()));
    if (!res) return false;
    if (!type_check(res.get(), &complex_type)) {
      set_errorf(&exc_TypeError, "__complex__ returned non-complex (type {})", type_name(res.get()));
      return false;
    }
    *out = complex_value(res.get());
    return true;
  }
  out->imag = 0.;
  return math::to_double(o, &out->real);
}

// The result, or the exception errno calls for.
Object* result(Py_complex r) {
  if (errno == EDOM) return set_error(&exc_ValueError, "math domain error");
  if (errno == ERANGE) return set_error(&exc_OverflowError, "math range error");
  return complex_from_doubles(r.real, r.imag);
}

template <Py_complex (*F)(Py_complex)>
Object* unary(Object*, Object* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  errno = 0;
  Py_complex r = F(z);
  return result(r);
}

Object* cmath_log(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("cmath.log", kwnames)) return nullptr;
  if (nargs < 1) return set_errorf(&exc_TypeError, "log expected at least 1 argument, got {}", nargs);
  if (nargs > 2) return set_errorf(&exc_TypeError, "log expected at most 2 arguments, got {}", nargs);
  Py_complex x, y;
  if (!to_complex(args[0], &x)) return nullptr;
  if (nargs == 2 && !to_complex(args[1], &y)) return nullptr;
  errno = 0;
  x = c_log(x);
  if (nargs == 2) {
    // As in CPython, the base's logarithm resets errno: only its own error and the division's count.
    y = c_log(y);
    x = complex_quot(x, y);
  }
  return result(x);
}

Object* cmath_phase(Object*, Object* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  errno = 0;
  double phi = std::atan2(z.imag, z.real);
  if (errno == EDOM) return set_error(&exc_ValueError, "math domain error");
  if (errno == ERANGE) return set_error(&exc_OverflowError, "math range error");
  return float_from_double(phi);
}

Object* cmath_polar(Object*, Object* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  double phi = std::atan2(z.imag, z.real);
  errno = 0;
  double r = complex_abs_value(z);
  if (errno == ERANGE) return set_error(&exc_OverflowError, "math range error");
  ORef a = steal(float_from_double(r));
  ORef b = steal(float_from_double(phi));
  if (!a || !b) return nullptr;
  return tuple_pack({a.get(), b.get()});
}

Object* cmath_rect(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("cmath.rect", kwnames)) return nullptr;
  if (nargs != 2) return set_errorf(&exc_TypeError, "rect expected 2 arguments, got {}", nargs);
  double r, phi;
  if (!math::to_double(args[0], &r) || !math::to_double(args[1], &phi)) return nullptr;
  Py_complex z;
  errno = 0;
  if (!std::isfinite(r) || !std::isfinite(phi)) {
    if (std::isinf(r) && std::isfinite(phi) && phi != 0.) {
      double s = r > 0 ? 1. : -1.;
      z.real = s * std::copysign(INF, std::cos(phi));
      z.imag = s * std::copysign(INF, std::sin(phi));
    } else {
      z = kRectSpecial[special_type(r)][special_type(phi)];
    }
    errno = r != 0. && !std::isnan(r) && std::isinf(phi) ? EDOM : 0;
  } else if (phi == 0.0) {
    z.real = r;
    z.imag = r * phi;
  } else {
    z.real = r * std::cos(phi);
    z.imag = r * std::sin(phi);
  }
  return result(z);
}

Object* cmath_isfinite(Object*, Object* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  return newref(bool_obj(std::isfinite(z.real) && std::isfinite(z.imag)));
}

Object* cmath_isnan(Object*, Object* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  return newref(bool_obj(std::isnan(z.real) || std::isnan(z.imag)));
}

Object* cmath_isinf(Object*, Object* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  return newref(bool_obj(std::isinf(z.real) || std::isinf(z.imag)));
}

Object* cmath_isclose(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[4] = {};
  if (!parse_args("isclose", args, nargs, kwnames, {"a", "b", "$rel_tol", "$abs_tol"}, 2, a, 2)) return nullptr;
  Py_complex x, y;
  double rel_tol = 1e-09, abs_tol = 0.0;
  if (!to_complex(a[0], &x) || !to_complex(a[1], &y)) return nullptr;
  if (a[2] && !math::to_double(a[2], &rel_tol)) return nullptr;
  if (a[3] && !math::to_double(a[3], &abs_tol)) return nullptr;
  if (rel_tol < 0.0 || abs_tol < 0.0) return set_error(&exc_ValueError, "tolerances must be non-negative");
  if (x.real == y.real && x.imag == y.imag) return true_();  // also equal infinities
  if (std::isinf(x.real) || std::isinf(x.imag) || std::isinf(y.real) || std::isinf(y.imag))
    return false_();
  double diff = complex_abs_value({x.real - y.real, x.imag - y.imag});
  return newref(bool_obj((diff <= rel_tol * complex_abs_value(y)) || (diff <= rel_tol * complex_abs_value(x)) ||
                         diff <= abs_tol));
}

PyMethodDef cmath_functions[] = {
    {"acos", unary<c_acos>, METH_O, "Return the arc cosine of z."},
    {"acosh", unary<c_acosh>, METH_O, "Return the inverse hyperbolic cosine of z."},
    {"asin", unary<c_asin>, METH_O, "Return the arc sine of z."},
    {"asinh", unary<c_asinh>, METH_O, "Return the inverse hyperbolic sine of z."},
    {"atan", unary<c_atan>, METH_O, "Return the arc tangent of z."},
    {"atanh", unary<c_atanh>, METH_O, "Return the inverse hyperbolic tangent of z."},
    {"cos", unary<c_cos>, METH_O, "Return the cosine of z."},
    {"cosh", unary<c_cosh>, METH_O, "Return the hyperbolic cosine of z."},
    {"exp", unary<c_exp>, METH_O, "Return the exponential value e**z."},
    {"isclose", as_cfunc(cmath_isclose), METH_FASTCALL | METH_KEYWORDS,
     "Determine whether two complex numbers are close in value."},
    {"isfinite", cmath_isfinite, METH_O, "Return True if both the real and imaginary parts of z are finite, else "
                                         "False."},
    {"isinf", cmath_isinf, METH_O, "Checks if the real or imaginary part of z is infinite."},
    {"isnan", cmath_isnan, METH_O, "Checks if the real or imaginary part of z not a number (NaN)."},
    {"log", as_cfunc(cmath_log), METH_FASTCALL | METH_KEYWORDS,
     "log(z[, base]) -> the logarithm of z to the given base.\n\nIf the base is not specified, returns the natural "
     "logarithm (base e) of z."},
    {"log10", unary<c_log10>, METH_O, "Return the base-10 logarithm of z."},
    {"phase", cmath_phase, METH_O, "Return argument, also known as the phase angle, of a complex."},
    {"polar", cmath_polar, METH_O, "Convert a complex from rectangular coordinates to polar coordinates.\n\nr is "
                                   "the distance from 0 and phi the phase angle."},
    {"rect", as_cfunc(cmath_rect), METH_FASTCALL | METH_KEYWORDS,
     "Convert from polar coordinates to rectangular coordinates."},
    {"sin", unary<c_sin>, METH_O, "Return the sine of z."},
    {"sinh", unary<c_sinh>, METH_O, "Return the hyperbolic sine of z."},
    {"sqrt", unary<c_sqrt>, METH_O, "Return the square root of z."},
    {"tan", unary<c_tan>, METH_O, "Return the tangent of z."},
    {"tanh", unary<c_tanh>, METH_O, "Return the hyperbolic tangent of z."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Object* create_cmath_module() {
  ORef m = steal(module_new(str_interned("cmath")));
  if (!m || module_add_functions(m.get(), cmath_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8(
      "This module provides access to mathematical functions for complex\nnumbers."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  const struct {
    const char* name;
    double real, imag;
    bool is_complex;
  } constants[] = {{"pi", kPi, 0, false},   {"e", kE, 0, false},      {"tau", 2 * kPi, 0, false},
                   {"inf", INF, 0, false},  {"infj", 0, INF, true},   {"nan", NAN, 0, false},
                   {"nanj", 0, NAN, true}};
  for (const auto& c : constants) {
    ORef v = steal(c.is_complex ? complex_from_doubles(c.real, c.imag) : float_from_double(c.real));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  return m.release();
}

}  // namespace pyvm
