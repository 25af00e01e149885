// The math module: CPython 3.13's floating-point functions over the C library's libm, their error rules, and the
// module table (integer functions are in math_integer.cc, summations in math_sums.cc).
#include <cerrno>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstring>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/math_internal.h"
#include "vm/modules/modules.h"

namespace pyvm::math {

bool errno_error(double r) {
  if (errno == EDOM) {
    set_error(&exc_ValueError, "math domain error");
    return true;
  }
  if (errno == ERANGE) {
    // Underflow to a tiny value is not an error; a huge result is.
    if (std::fabs(r) < 1.5) return false;
    set_error(&exc_OverflowError, "math range error");
    return true;
  }
  set_error(&exc_ValueError, "unexpected libm error");
  return true;
}

bool to_double(Object* o, double* out) {
  if (type_of(o) == &float_type) {
    *out = float_value(o);
    return true;
  }
  bool ok;
  *out = float_as_double(o, &ok);
  return ok;
}

namespace {

constexpr double kPi = 3.141592653589793238462643383279502884197;
constexpr double kLogPi = 1.144729885849400174143427351353058711647;

Object* domain_error() { return set_error(&exc_ValueError, "math domain error"); }
Object* range_error() { return set_error(&exc_OverflowError, "math range error"); }

// One-argument libm wrapper with CPython's checks: a NaN from a non-NaN input is a domain error; an infinity from a
// finite input is an overflow (when the function can overflow) or a singularity (domain error).
Object* unary(Object* arg, double (*func)(double), bool can_overflow) {
  double x;
  if (!to_double(arg, &x)) return nullptr;
  errno = 0;
  double r = func(x);
  if (std::isnan(r) && !std::isnan(x)) return domain_error();
  if (std::isinf(r) && std::isfinite(x)) return can_overflow ? range_error() : domain_error();
  if (std::isfinite(r) && errno && errno_error(r)) return nullptr;
  return float_from_double(r);
}

// For functions that report their own errors through errno (gamma, lgamma).
Object* unary_errno(Object* arg, double (*func)(double)) {
  double x;
  if (!to_double(arg, &x)) return nullptr;
  errno = 0;
  double r = func(x);
  if (errno && errno_error(r)) return nullptr;
  return float_from_double(r);
}

// Two-argument wrapper (atan2, copysign, remainder): errno is derived from the result's class.
Object* binary(Object* const* args, ssize nargs, const char* name, double (*func)(double, double)) {
  if (!check_positional(name, nargs, nullptr, 2, 2)) return nullptr;
  double x, y;
  if (!to_double(args[0], &x) || !to_double(args[1], &y)) return nullptr;
  errno = 0;
  double r = func(x, y);
  if (std::isnan(r))
    errno = (!std::isnan(x) && !std::isnan(y)) ? EDOM : 0;
  else if (std::isinf(r))
    errno = (std::isfinite(x) && std::isfinite(y)) ? ERANGE : 0;
  if (errno && errno_error(r)) return nullptr;
  return float_from_double(r);
}

// ---- Gamma functions: the Lanczos approximation (g = 6.024680040776729583740234375, 13 terms, in rational form)
// that CPython uses, so that results agree bit for bit.
constexpr double kLanczosG = 6.024680040776729583740234375;
constexpr double kLanczosGMinusHalf = 5.524680040776729583740234375;
constexpr int kLanczosN = 13;
constexpr double kLanczosNum[kLanczosN] = {
    23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
// The denominator is the polynomial x (x+1) ... (x+11) expanded.
constexpr double kLanczosDen[kLanczosN] = {0.0,        39916800.0, 120543840.0, 150917976.0, 105258076.0,
                                           45995730.0, 13339535.0, 2637558.0,   357423.0,    32670.0,
                                           1925.0,     66.0,       1.0};
// gamma(n) = (n-1)! for n = 1..23, exactly representable.
constexpr int kGammaIntegralN = 23;
constexpr double kGammaIntegral[kGammaIntegralN] = {1.0,
                                                    1.0,
                                                    2.0,
                                                    6.0,
                                                    24.0,
                                                    120.0,
                                                    720.0,
                                                    5040.0,
                                                    40320.0,
                                                    362880.0,
                                                    3628800.0,
                                                    39916800.0,
                                                    479001600.0,
                                                    6227020800.0,
                                                    87178291200.0,
                                                    1307674368000.0,
                                                    20922789888000.0,
                                                    355687428096000.0,
                                                    6402373705728000.0,
                                                    121645100408832000.0,
                                                    2432902008176640000.0,
                                                    51090942171709440000.0,
                                                    1124000727777607680000.0};

double lanczos_sum(double x) {
  double num = 0.0, den = 0.0;
  // Evaluate as a polynomial in x for small x and in 1/x for large x, which keeps the terms from overflowing.
  if (x < 5.0) {
    for (int i = kLanczosN - 1; i >= 0; i--) {
      num = num * x + kLanczosNum[i];
      den = den * x + kLanczosDen[i];
    }
  } else {
    for (int i = 0; i < kLanczosN; i++) {
      num = num / x + kLanczosNum[i];
      den = den / x + kLanczosDen[i];
    }
  }
  return num / den;
}

// sin(pi * x), accurate for large x by reducing the argument first.
double sin_pi(double x) {
  double y = std::fmod(std::fabs(x), 2.0);
  int n = int(std::round(2.0 * y));
  double r;
  switch (n) {
    case 0:
      r = std::sin(kPi * y);
      break;
    case 1:
      r = std::cos(kPi * (y - 0.5));
      break;
    case 2:
      r = std::sin(kPi * (1.0 - y));
      break;
    case 3:
      r = -std::cos(kPi * (y - 1.5));
      break;
    default:
      r = std::sin(kPi * (y - 2.0));
      break;
  }
  return std::copysign(1.0, x) * r;
}

double gamma_impl(double x) {
  if (!std::isfinite(x)) {
    if (std::isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return NAN;
  }
  if (x == 0.0) {
    errno = EDOM;  // a pole
    return std::copysign(HUGE_VAL, x);
  }
  if (x == std::floor(x)) {
    if (x < 0.0) {
      errno = EDOM;
      return NAN;
    }
    if (x <= kGammaIntegralN) return kGammaIntegral[int(x) - 1];
  }
  double absx = std::fabs(x);
  if (absx < 1e-20) {
    double r = 1.0 / x;
    if (std::isinf(r)) errno = ERANGE;
    return r;
  }
  if (absx > 200.0) {
    if (x < 0.0) return 0.0 / sin_pi(x);
    errno = ERANGE;
    return HUGE_VAL;
  }
  double y = absx + kLanczosGMinusHalf;
  double q, z;
  // z is the rounding error of y, used as a first-order correction.
  if (absx > kLanczosGMinusHalf) {
    q = y - absx;
    z = q - kLanczosGMinusHalf;
  } else {
    q = y - kLanczosGMinusHalf;
    z = q - absx;
  }
  z = z * kLanczosG / y;
  double r;
  if (x < 0.0) {
    r = -kPi / sin_pi(absx) / absx * std::exp(y) / lanczos_sum(absx);
    r -= z * r;
    if (absx < 140.0) {
      r /= std::pow(y, absx - 0.5);
    } else {
      double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczos_sum(absx) / std::exp(y);
    r += z * r;
    if (absx < 140.0) {
      r *= std::pow(y, absx - 0.5);
    } else {
      double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  if (std::isinf(r)) errno = ERANGE;
  return r;
}

double lgamma_impl(double x) {
  if (!std::isfinite(x)) {
    if (std::isnan(x)) return x;
    return HUGE_VAL;  // lgamma(+-inf) = +inf
  }
  if (x == std::floor(x) && x <= 2.0) {
    if (x <= 0.0) {
      errno = EDOM;  // a pole
      return HUGE_VAL;
    }
    return 0.0;  // lgamma(1) = lgamma(2) = 0
  }
  double absx = std::fabs(x);
  if (absx < 1e-20) return -std::log(absx);
  double r = std::log(lanczos_sum(absx)) - kLanczosG;
  r += (absx - 0.5) * (std::log(absx + kLanczosG - 0.5) - 1);
  if (x < 0.0) r = kLogPi - std::log(std::fabs(sin_pi(absx))) - std::log(absx) - r;
  if (std::isinf(r)) errno = ERANGE;
  return r;
}

// Logarithms with C99 special values and errno set for the domain errors.
template <double (*F)(double)>
double checked_log(double x) {
  if (std::isfinite(x)) {
    if (x > 0.0) return F(x);
    errno = EDOM;
    return x == 0.0 ? -HUGE_VAL : NAN;
  }
  if (std::isnan(x) || x > 0.0) return x;
  errno = EDOM;
  return NAN;
}
double log_e(double x) { return std::log(x); }
double log_2(double x) { return std::log2(x); }
double log_10(double x) { return std::log10(x); }

double atan2_impl(double y, double x) {
  if (std::isnan(x) || std::isnan(y)) return NAN;
  if (std::isinf(y)) {
    if (std::isinf(x)) return std::copysign(std::copysign(1.0, x) == 1.0 ? 0.25 * kPi : 0.75 * kPi, y);
    return std::copysign(0.5 * kPi, y);
  }
  if (std::isinf(x) || y == 0.0) {
    if (std::copysign(1.0, x) == 1.0) return std::copysign(0.0, y);
    return std::copysign(kPi, y);
  }
  return std::atan2(y, x);
}

double remainder_impl(double x, double y) {
  if (std::isnan(x)) return x;
  if (std::isnan(y)) return y;
  if (std::isinf(x) || y == 0.0) return NAN;
  if (std::isinf(y)) return x;
  return std::remainder(x, y);  // exactly defined by IEEE 754, so libm's answer is CPython's
}

double copysign_impl(double x, double y) { return std::copysign(x, y); }

// A log helper for log/log2/log10: ints (of any size) are handled exactly enough, other numbers through libm.
Object* log_helper(Object* arg, double (*func)(double)) {
  if (has_flag(type_of(arg), Py_TPFLAGS_LONG_SUBCLASS)) {
    if (int_sign(arg) <= 0) return domain_error();
    double r;
    if (!int_log(arg, func, &r)) return nullptr;
    return float_from_double(r);
  }
  return unary(arg, func, false);
}

// ---- Module functions.
#define MATH_UNARY(name, func, can_overflow) \
  Object* math_##name(Object*, Object* x) { return unary(x, func, can_overflow); }
double d_acos(double x) { return std::acos(x); }
double d_acosh(double x) { return std::acosh(x); }
double d_asin(double x) { return std::asin(x); }
double d_asinh(double x) { return std::asinh(x); }
double d_atan(double x) { return std::atan(x); }
double d_atanh(double x) { return std::atanh(x); }
double d_cbrt(double x) { return std::cbrt(x); }
double d_cos(double x) { return std::cos(x); }
double d_cosh(double x) { return std::cosh(x); }
double d_erf(double x) { return std::erf(x); }
double d_erfc(double x) { return std::erfc(x); }
double d_exp(double x) { return std::exp(x); }
double d_exp2(double x) { return std::exp2(x); }
double d_expm1(double x) { return std::expm1(x); }
double d_fabs(double x) { return std::fabs(x); }
double d_log1p(double x) { return std::log1p(x); }
double d_sin(double x) { return std::sin(x); }
double d_sinh(double x) { return std::sinh(x); }
double d_sqrt(double x) { return std::sqrt(x); }
double d_tan(double x) { return std::tan(x); }
double d_tanh(double x) { return std::tanh(x); }
MATH_UNARY(acos, d_acos, false)
MATH_UNARY(acosh, d_acosh, false)
MATH_UNARY(asin, d_asin, false)
MATH_UNARY(asinh, d_asinh, false)
MATH_UNARY(atan, d_atan, false)
MATH_UNARY(atanh, d_atanh, false)
MATH_UNARY(cbrt, d_cbrt, false)
MATH_UNARY(cos, d_cos, false)
MATH_UNARY(cosh, d_cosh, true)
MATH_UNARY(erf, d_erf, false)
MATH_UNARY(erfc, d_erfc, false)
MATH_UNARY(exp, d_exp, true)
MATH_UNARY(exp2, d_exp2, true)
MATH_UNARY(expm1, d_expm1, true)
MATH_UNARY(fabs, d_fabs, false)
MATH_UNARY(log1p, d_log1p, false)
MATH_UNARY(sin, d_sin, false)
MATH_UNARY(sinh, d_sinh, true)
MATH_UNARY(sqrt, d_sqrt, false)
MATH_UNARY(tan, d_tan, false)
MATH_UNARY(tanh, d_tanh, false)
#undef MATH_UNARY

Object* math_gamma(Object*, Object* x) { return unary_errno(x, gamma_impl); }
Object* math_lgamma(Object*, Object* x) { return unary_errno(x, lgamma_impl); }

Object* math_atan2(Object*, Object* const* args, ssize nargs) { return binary(args, nargs, "atan2", atan2_impl); }
Object* math_copysign(Object*, Object* const* args, ssize nargs) {
  return binary(args, nargs, "copysign", copysign_impl);
}
Object* math_remainder(Object*, Object* const* args, ssize nargs) {
  return binary(args, nargs, "remainder", remainder_impl);
}

Object* math_fmod(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("fmod", nargs, nullptr, 2, 2)) return nullptr;
  double x, y;
  if (!to_double(args[0], &x) || !to_double(args[1], &y)) return nullptr;
  if (std::isinf(y) && std::isfinite(x)) return float_from_double(x);  // fmod(x, +-inf) = x for finite x
  errno = 0;
  double r = std::fmod(x, y);
  if (std::isnan(r)) errno = (!std::isnan(x) && !std::isnan(y)) ? EDOM : 0;
  if (errno && errno_error(r)) return nullptr;
  return float_from_double(r);
}

Object* math_pow(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("pow", nargs, nullptr, 2, 2)) return nullptr;
  double x, y, r;
  if (!to_double(args[0], &x) || !to_double(args[1], &y)) return nullptr;
  errno = 0;
  if (!std::isfinite(x) || !std::isfinite(y)) {
    // C99 Annex F special values, decided here so no platform quirks leak through.
    if (std::isnan(x)) {
      r = y == 0.0 ? 1.0 : x;
    } else if (std::isnan(y)) {
      r = x == 1.0 ? 1.0 : y;
    } else if (std::isinf(x)) {
      bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
      if (y > 0.0)
        r = odd_y ? x : std::fabs(x);
      else if (y == 0.0)
        r = 1.0;
      else
        r = odd_y ? std::copysign(0.0, x) : 0.0;
    } else if (std::fabs(x) == 1.0) {
      r = 1.0;
    } else if (y > 0.0 && std::fabs(x) > 1.0) {
      r = y;
    } else if (y < 0.0 && std::fabs(x) < 1.0) {
      r = -y;
    } else {
      r = 0.0;
    }
  } else {
    r = std::pow(x, y);
    // NaN comes only from a negative base and a non-integer exponent; infinity from 0**negative or overflow.
    if (std::isnan(r))
      errno = EDOM;
    else if (std::isinf(r))
      errno = x == 0.0 ? EDOM : ERANGE;
    else
      errno = 0;
  }
  if (errno && errno_error(r)) return nullptr;
  return float_from_double(r);
}

Object* math_log(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("log", nargs, nullptr, 1, 2)) return nullptr;
  ORef num = steal(log_helper(args[0], checked_log<log_e>));
  if (!num) return nullptr;
  if (nargs == 1) return num.release();
  ORef den = steal(log_helper(args[1], checked_log<log_e>));
  if (!den) return nullptr;
  return binary_op(num.get(), den.get(), NB_TRUE_DIVIDE);
}
Object* math_log2(Object*, Object* x) { return log_helper(x, checked_log<log_2>); }
Object* math_log10(Object*, Object* x) { return log_helper(x, checked_log<log_10>); }

// ceil/floor: exact floats directly, otherwise the type's __ceil__/__floor__, otherwise float(x).
Object* round_with(Object* number, const char* dunder, double (*func)(double)) {
  double x;
  if (type_of(number) == &float_type) {
    x = float_value(number);
  } else {
    Object* meth = nullptr;
    int found = seq_lookup_special(number, str_interned(dunder), &meth);
    if (found < 0) return nullptr;
    if (found) {
      ORef m = steal(meth);
      return call0(m.get());
    }
    if (!to_double(number, &x)) return nullptr;
  }
  return int_from_double(func(x));
}
double d_ceil(double x) { return std::ceil(x); }
double d_floor(double x) { return std::floor(x); }
Object* math_ceil(Object*, Object* x) { return round_with(x, "__ceil__", d_ceil); }
Object* math_floor(Object*, Object* x) {
  if (type_of(x) == &int_type) return newref(x);
  return round_with(x, "__floor__", d_floor);
}

Object* math_trunc(Object*, Object* x) {
  if (type_of(x) == &float_type) return int_from_double(float_value(x));
  Object* meth = nullptr;
  int found = seq_lookup_special(x, strs::trunc, &meth);
  if (found < 0) return nullptr;
  if (!found) return set_errorf(&exc_TypeError, "type {} doesn't define __trunc__ method", type_name(x));
  ORef m = steal(meth);
  return call0(m.get());
}

Object* math_frexp(Object*, Object* arg) {
  double x;
  if (!to_double(arg, &x)) return nullptr;
  int e = 0;
  // frexp of nan, inf and zero return the argument with exponent 0 (some libms differ, so decide it here).
  if (!std::isnan(x) && !std::isinf(x) && x != 0.0) x = std::frexp(x, &e);
  ORef m = steal(float_from_double(x));
  if (!m) return nullptr;
  ORef ex = steal(int_from_i64(e));
  if (!ex) return nullptr;
  return tuple_pack({m.get(), ex.get()});
}

Object* math_ldexp(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("ldexp", nargs, nullptr, 2, 2)) return nullptr;
  double x;
  if (!to_double(args[0], &x)) return nullptr;
  if (!has_flag(type_of(args[1]), Py_TPFLAGS_LONG_SUBCLASS))
    return set_error(&exc_TypeError, "Expected an int as second argument to ldexp.");
  int overflow;
  int64_t exp = int_as_i64(args[1], &overflow);
  if (overflow) exp = overflow > 0 ? INT64_MAX : INT64_MIN;
  double r;
  errno = 0;
  if (x == 0.0 || !std::isfinite(x)) {
    r = x;
  } else if (exp > INT_MAX) {
    r = std::copysign(HUGE_VAL, x);
    errno = ERANGE;
  } else if (exp < INT_MIN) {
    r = std::copysign(0.0, x);  // underflow to a signed zero is not an error
  } else {
    r = std::ldexp(x, int(exp));
    if (std::isinf(r)) errno = ERANGE;
  }
  if (errno && errno_error(r)) return nullptr;
  return float_from_double(r);
}

Object* math_modf(Object*, Object* arg) {
  double x;
  if (!to_double(arg, &x)) return nullptr;
  double ip;
  double fp;
  if (std::isinf(x)) {
    ip = x;
    fp = std::copysign(0.0, x);
  } else if (std::isnan(x)) {
    ip = fp = x;
  } else {
    fp = std::modf(x, &ip);
  }
  ORef a = steal(float_from_double(fp));
  if (!a) return nullptr;
  ORef b = steal(float_from_double(ip));
  if (!b) return nullptr;
  return tuple_pack({a.get(), b.get()});
}

Object* math_degrees(Object*, Object* arg) {
  double x;
  if (!to_double(arg, &x)) return nullptr;
  return float_from_double(x * (180.0 / kPi));
}
Object* math_radians(Object*, Object* arg) {
  double x;
  if (!to_double(arg, &x)) return nullptr;
  return float_from_double(x * (kPi / 180.0));
}

Object* math_isfinite(Object*, Object* arg) {
  double x;
  if (!to_double(arg, &x)) return nullptr;
  return bool_obj(std::isfinite(x));
}
Object* math_isinf(Object*, Object* arg) {
  double x;
  if (!to_double(arg, &x)) return nullptr;
  return bool_obj(std::isinf(x));
}
Object* math_isnan(Object*, Object* arg) {
  double x;
  if (!to_double(arg, &x)) return nullptr;
  return bool_obj(std::isnan(x));
}

Object* math_isclose(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[4] = {};
  if (!parse_args("isclose", args, nargs, kwnames, {"a", "b", "$rel_tol", "$abs_tol"}, 2, a, 2)) return nullptr;
  double x, y, rel_tol = 1e-09, abs_tol = 0.0;
  if (!to_double(a[0], &x) || !to_double(a[1], &y)) return nullptr;
  if (a[2] && !to_double(a[2], &rel_tol)) return nullptr;
  if (a[3] && !to_double(a[3], &abs_tol)) return nullptr;
  if (rel_tol < 0.0 || abs_tol < 0.0) return set_error(&exc_ValueError, "tolerances must be non-negative");
  if (x == y) return true_();  // also catches equal infinities
  if (std::isinf(x) || std::isinf(y)) return false_();
  double diff = std::fabs(y - x);
  return bool_obj(diff <= std::fabs(rel_tol * y) || diff <= std::fabs(rel_tol * x) || diff <= abs_tol);
}

uint64_t bits_of(double d) {
  uint64_t u;
  std::memcpy(&u, &d, 8);
  return u;
}
double double_of(uint64_t u) {
  double d;
  std::memcpy(&d, &u, 8);
  return d;
}

Object* math_nextafter(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse_args("nextafter", args, nargs, kwnames, {"x", "y", "$steps"}, 2, a, 2)) return nullptr;
  double x, y;
  if (!to_double(a[0], &x) || !to_double(a[1], &y)) return nullptr;
  if (!a[2] || a[2] == none()) return float_from_double(std::nextafter(x, y));
  ORef steps = steal(number_index(a[2]));
  if (!steps) return nullptr;
  if (int_sign(steps.get()) < 0) return set_error(&exc_ValueError, "steps must be a non-negative integer");
  // Doubles are ordered like their bit patterns within one sign, so n steps are n added to the pattern; a count
  // past 2**64 is as good as 2**64 - 1.
  uint64_t n;
  int overflow;
  int64_t v = int_as_i64(steps.get(), &overflow);
  if (!overflow) {
    n = uint64_t(v);
  } else if (int_ndigits(steps.get()) <= 3 && (int_ndigits(steps.get()) < 3 || int_digits(steps.get())[2] < 16)) {
    const digit* d = int_digits(steps.get());
    n = uint64_t(d[0]) | uint64_t(d[1]) << 30 | uint64_t(d[2]) << 60;
  } else {
    n = UINT64_MAX;
  }
  if (n == 0) return float_from_double(x);
  if (std::isnan(x)) return float_from_double(x);
  if (std::isnan(y)) return float_from_double(y);
  uint64_t ux = bits_of(x), uy = bits_of(y);
  if (ux == uy) return float_from_double(x);
  constexpr uint64_t kSign = uint64_t(1) << 63;
  uint64_t ax = ux & ~kSign, ay = uy & ~kSign;
  if ((ux ^ uy) & kSign) {
    // Opposite signs: walk down to zero, then up on y's side.
    if (ax + ay <= n) return float_from_double(y);
    if (ax < n) return float_from_double(double_of((uy & kSign) | (n - ax)));
    return float_from_double(double_of(ux - n));
  }
  if (ax > ay) return float_from_double(ax - ay >= n ? double_of(ux - n) : y);
  return float_from_double(ay - ax >= n ? double_of(ux + n) : y);
}

Object* math_ulp(Object*, Object* arg) {
  double x;
  if (!to_double(arg, &x)) return nullptr;
  if (std::isnan(x)) return float_from_double(x);
  x = std::fabs(x);
  if (std::isinf(x)) return float_from_double(x);
  double up = std::nextafter(x, INFINITY);
  if (std::isinf(up)) return float_from_double(x - std::nextafter(x, -INFINITY));  // x is the largest double
  return float_from_double(up - x);
}

Object* math_fma(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("fma", nargs, nullptr, 3, 3)) return nullptr;
  double x, y, z;
  if (!to_double(args[0], &x) || !to_double(args[1], &y) || !to_double(args[2], &z)) return nullptr;
  double r = std::fma(x, y, z);
  if (std::isfinite(r)) return float_from_double(r);
  if (std::isnan(r)) {
    if (!std::isnan(x) && !std::isnan(y) && !std::isnan(z))
      return set_error(&exc_ValueError, "invalid operation in fma");
  } else if (std::isfinite(x) && std::isfinite(y) && std::isfinite(z)) {
    return set_error(&exc_OverflowError, "overflow in fma");
  }
  return float_from_double(r);
}

#define FAST(f) as_cfunc(f)
PyMethodDef math_functions[] = {
    {"acos", math_acos, METH_O, "Return the arc cosine (measured in radians) of x.\n\nThe result is between 0 and pi."},
    {"acosh", math_acosh, METH_O, "Return the inverse hyperbolic cosine of x."},
    {"asin", math_asin, METH_O,
     "Return the arc sine (measured in radians) of x.\n\nThe result is between -pi/2 and pi/2."},
    {"asinh", math_asinh, METH_O, "Return the inverse hyperbolic sine of x."},
    {"atan", math_atan, METH_O,
     "Return the arc tangent (measured in radians) of x.\n\nThe result is between -pi/2 and pi/2."},
    {"atan2", FAST(math_atan2), METH_FASTCALL,
     "Return the arc tangent (measured in radians) of y/x.\n\nUnlike atan(y/x), the signs of both x and y are "
     "considered."},
    {"atanh", math_atanh, METH_O, "Return the inverse hyperbolic tangent of x."},
    {"cbrt", math_cbrt, METH_O, "Return the cube root of x."},
    {"ceil", math_ceil, METH_O, "Return the ceiling of x as an Integral.\n\nThis is the smallest integer >= x."},
    {"comb", FAST(math_comb), METH_FASTCALL,
     "Number of ways to choose k items from n items without repetition and without order."},
    {"copysign", FAST(math_copysign), METH_FASTCALL,
     "Return a float with the magnitude (absolute value) of x but the sign of y."},
    {"cos", math_cos, METH_O, "Return the cosine of x (measured in radians)."},
    {"cosh", math_cosh, METH_O, "Return the hyperbolic cosine of x."},
    {"degrees", math_degrees, METH_O, "Convert angle x from radians to degrees."},
    {"dist", FAST(math_dist), METH_FASTCALL, "Return the Euclidean distance between two points p and q."},
    {"erf", math_erf, METH_O, "Error function at x."},
    {"erfc", math_erfc, METH_O, "Complementary error function at x."},
    {"exp", math_exp, METH_O, "Return e raised to the power of x."},
    {"exp2", math_exp2, METH_O, "Return 2 raised to the power of x."},
    {"expm1", math_expm1, METH_O,
     "Return exp(x)-1.\n\nThis function avoids the loss of precision involved in the direct evaluation of exp(x)-1 for "
     "small x."},
    {"fabs", math_fabs, METH_O, "Return the absolute value of the float x."},
    {"factorial", math_factorial, METH_O, "Find n!."},
    {"floor", math_floor, METH_O, "Return the floor of x as an Integral.\n\nThis is the largest integer <= x."},
    {"fma", FAST(math_fma), METH_FASTCALL, "Fused multiply-add operation.\n\nCompute (x * y) + z with a single round."},
    {"fmod", FAST(math_fmod), METH_FASTCALL, "Return fmod(x, y), according to platform C.\n\nx % y may differ."},
    {"frexp", math_frexp, METH_O,
     "Return the mantissa and exponent of x, as pair (m, e).\n\nm is a float and e is an int, such that x = m * "
     "2.**e.\nIf x is 0, m and e are both 0.  Else 0.5 <= abs(m) < 1.0."},
    {"fsum", math_fsum, METH_O,
     "Return an accurate floating-point sum of values in the iterable seq.\n\nAssumes IEEE-754 floating-point "
     "arithmetic."},
    {"gamma", math_gamma, METH_O, "Gamma function at x."},
    {"gcd", FAST(math_gcd), METH_FASTCALL, "Greatest Common Divisor."},
    {"hypot", FAST(math_hypot), METH_FASTCALL, "Multidimensional Euclidean distance from the origin to a point."},
    {"isclose", FAST(math_isclose), METH_FASTCALL | METH_KEYWORDS,
     "Determine whether two floating-point numbers are close in value."},
    {"isfinite", math_isfinite, METH_O, "Return True if x is neither an infinity nor a NaN, and False otherwise."},
    {"isinf", math_isinf, METH_O, "Return True if x is a positive or negative infinity, and False otherwise."},
    {"isnan", math_isnan, METH_O, "Return True if x is a NaN (not a number), and False otherwise."},
    {"isqrt", math_isqrt, METH_O, "Return the integer part of the square root of the input."},
    {"lcm", FAST(math_lcm), METH_FASTCALL, "Least Common Multiple."},
    {"ldexp", FAST(math_ldexp), METH_FASTCALL, "Return x * (2**i).\n\nThis is essentially the inverse of frexp()."},
    {"lgamma", math_lgamma, METH_O, "Natural logarithm of absolute value of Gamma function at x."},
    {"log", FAST(math_log), METH_FASTCALL,
     "log(x, [base=math.e])\nReturn the logarithm of x to the given base.\n\nIf the base is not specified, returns the "
     "natural logarithm (base e) of x."},
    {"log10", math_log10, METH_O, "Return the base 10 logarithm of x."},
    {"log1p", math_log1p, METH_O,
     "Return the natural logarithm of 1+x (base e).\n\nThe result is computed in a way which is accurate for x near "
     "zero."},
    {"log2", math_log2, METH_O, "Return the base 2 logarithm of x."},
    {"modf", math_modf, METH_O,
     "Return the fractional and integer parts of x.\n\nBoth results carry the sign of x and are floats."},
    {"nextafter", FAST(math_nextafter), METH_FASTCALL | METH_KEYWORDS,
     "Return the floating-point value the given number of steps after x towards y."},
    {"perm", FAST(math_perm), METH_FASTCALL,
     "Number of ways to choose k items from n items without repetition and with order."},
    {"pow", FAST(math_pow), METH_FASTCALL, "Return x**y (x to the power of y)."},
    {"prod", FAST(math_prod), METH_FASTCALL | METH_KEYWORDS,
     "Calculate the product of all the elements in the input iterable."},
    {"radians", math_radians, METH_O, "Convert angle x from degrees to radians."},
    {"remainder", FAST(math_remainder), METH_FASTCALL, "Difference between x and the closest integer multiple of y."},
    {"sin", math_sin, METH_O, "Return the sine of x (measured in radians)."},
    {"sinh", math_sinh, METH_O, "Return the hyperbolic sine of x."},
    {"sqrt", math_sqrt, METH_O, "Return the square root of x."},
    {"sumprod", FAST(math_sumprod), METH_FASTCALL, "Return the sum of products of values from two iterables p and q."},
    {"tan", math_tan, METH_O, "Return the tangent of x (measured in radians)."},
    {"tanh", math_tanh, METH_O, "Return the hyperbolic tangent of x."},
    {"trunc", math_trunc, METH_O,
     "Truncates the Real x to the nearest Integral toward 0.\n\nUses the __trunc__ magic method."},
    {"ulp", math_ulp, METH_O, "Return the value of the least significant bit of the float x."},
    {nullptr, nullptr, 0, nullptr}};
#undef FAST

}  // namespace
}  // namespace pyvm::math

namespace pyvm {

Object* create_math_module() {
  ORef m = steal(module_new(str_interned("math")));
  if (!m) return nullptr;
  if (module_add_functions(m.get(), math::math_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc =
      steal(str_from_utf8("This module provides access to the mathematical functions\ndefined by the C standard."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  struct {
    const char* name;
    double value;
  } constants[] = {
      {"pi", math::kPi},
      {"e", 2.718281828459045235360287471352662498},
      {"tau", 6.283185307179586476925286766559005768},
      {"inf", INFINITY},
      {"nan", NAN},
  };
  for (auto& c : constants) {
    ORef v = steal(float_from_double(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  return m.release();
}

}  // namespace pyvm
