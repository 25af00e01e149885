// The math module's accurate summations: fsum (Shewchuk's exact partials), hypot and dist (a scaled, compensated
// norm), sumprod (triple-length accumulation of products) and prod, following CPython 3.13's algorithms so that
// results agree bit for bit.
#include <cfloat>
#include <cmath>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/math_internal.h"

namespace pyvm::math {

namespace {

// Exact sum of two doubles when |a| >= |b| (Fast2Sum).
DoubleLength fast_two_sum(double a, double b) {
  double hi = a + b;
  return {hi, (a - hi) + b};
}

// Exact sum of any two doubles (Knuth's TwoSum).
DoubleLength two_sum(double a, double b) {
  double x = a + b;
  double z = x - a;
  double y = (a - (x - z)) + (b - z);
  return {x, y};
}

// Exact product of two doubles.
DoubleLength two_product(double x, double y) {
  double hi = x * y;
  return {hi, std::fma(x, y, -hi)};
}

// The Euclidean norm of n non-negative finite values with maximum `max`: scale so the largest is in [0.5, 1),
// accumulate the squares exactly into csum (with the rounding errors in frac1/frac2), take the square root and
// apply one differential correction.
double vector_norm(ssize n, double* vec, double max, bool found_nan) {
  if (std::isinf(max)) return max;
  if (found_nan) return NAN;
  if (max == 0.0 || n <= 1) return max;
  int max_e;
  std::frexp(max, &max_e);
  if (max_e < -1023) {
    // ldexp(1.0, -max_e) would overflow: bring subnormal inputs into the normal range first.
    for (ssize i = 0; i < n; i++) vec[i] /= DBL_MIN;
    return DBL_MIN * vector_norm(n, vec, max / DBL_MIN, found_nan);
  }
  double scale = std::ldexp(1.0, -max_e);
  double csum = 1.0, frac1 = 0.0, frac2 = 0.0;
  for (ssize i = 0; i < n; i++) {
    double x = vec[i] * scale;  // exact
    DoubleLength pr = two_product(x, x);
    DoubleLength sm = fast_two_sum(csum, pr.hi);
    csum = sm.hi;
    frac1 += pr.lo;
    frac2 += sm.lo;
  }
  double h = std::sqrt(csum - 1.0 + (frac1 + frac2));
  DoubleLength pr = two_product(-h, h);
  DoubleLength sm = fast_two_sum(csum, pr.hi);
  csum = sm.hi;
  frac1 += pr.lo;
  frac2 += sm.lo;
  double x = csum - 1.0 + (frac1 + frac2);
  h += x / (2.0 * h);
  return h / scale;
}

// A triple-length accumulator for sums of products.
struct TripleLength {
  double hi = 0.0, lo = 0.0, tiny = 0.0;
};

TripleLength tl_fma(double x, double y, TripleLength t) {
  DoubleLength pr = two_product(x, y);
  DoubleLength sm = two_sum(t.hi, pr.hi);
  DoubleLength r1 = two_sum(t.lo, pr.lo);
  DoubleLength r2 = two_sum(r1.hi, sm.lo);
  return {sm.hi, r2.hi, t.tiny + r1.lo + r2.lo};
}

double tl_to_double(TripleLength t) {
  DoubleLength last = two_sum(t.lo, t.hi);
  return t.tiny + last.lo + last.hi;
}

}  // namespace

Object* math_fsum(Object*, Object* seq) {
  ORef it = steal(get_iter(seq));
  if (!it) return nullptr;
  std::vector<double> p;  // non-overlapping partials, increasing magnitude
  double special_sum = 0.0, inf_sum = 0.0;
  for (;;) {
    ORef item = steal(iter_next(it.get()));
    if (!item) {
      if (error_occurred()) return nullptr;
      break;
    }
    double x;
    if (!to_double(item.get(), &x)) return nullptr;
    double xsave = x;
    size_t i = 0;
    for (size_t j = 0; j < p.size(); j++) {
      double y = p[j];
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) p[i++] = lo;
      x = hi;
    }
    p.resize(i);
    if (x != 0.0) {
      if (!std::isfinite(x)) {
        // A non-finite partial from finite inputs is an overflow; infinities and NaNs in the input are summed
        // on the side (inf + -inf gives NaN, reported below).
        if (std::isfinite(xsave)) return set_error(&exc_OverflowError, "intermediate overflow in fsum");
        if (std::isinf(xsave)) inf_sum += xsave;
        special_sum += xsave;
        p.clear();
      } else {
        p.push_back(x);
      }
    }
  }
  if (special_sum != 0.0) {
    if (std::isnan(inf_sum)) return set_error(&exc_ValueError, "-inf + inf in fsum");
    return float_from_double(special_sum);
  }
  double hi = 0.0;
  size_t n = p.size();
  if (n > 0) {
    hi = p[--n];
    double lo = 0.0;
    // Add the partials from the top down until the sum becomes inexact.
    while (n > 0) {
      double x = hi;
      double y = p[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    // Round half-even correctly: if the next partial has the same sign as the rounding error, the true sum is
    // past the halfway point.
    if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) hi = x;
    }
  }
  return float_from_double(hi);
}

Object* math_hypot(Object*, Object* const* args, ssize nargs) {
  std::vector<double> coords(size_t(nargs > 0 ? nargs : 1));
  double max = 0.0;
  bool found_nan = false;
  for (ssize i = 0; i < nargs; i++) {
    double x;
    if (!to_double(args[i], &x)) return nullptr;
    x = std::fabs(x);
    coords[size_t(i)] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return float_from_double(vector_norm(nargs, coords.data(), max, found_nan));
}

Object* math_dist(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("dist", nargs, nullptr, 2, 2)) return nullptr;
  ORef p = type_check(args[0], &tuple_type) ? borrow(args[0]) : steal(sequence_tuple(args[0]));
  if (!p) return nullptr;
  ORef q = type_check(args[1], &tuple_type) ? borrow(args[1]) : steal(sequence_tuple(args[1]));
  if (!q) return nullptr;
  ssize n = tuple_size(p.get());
  if (n != tuple_size(q.get()))
    return set_error(&exc_ValueError, "both points must have the same number of dimensions");
  std::vector<double> diffs(size_t(n > 0 ? n : 1));
  double max = 0.0;
  bool found_nan = false;
  for (ssize i = 0; i < n; i++) {
    double px, qx;
    if (!to_double(tuple_get(p.get(), i), &px) || !to_double(tuple_get(q.get(), i), &qx)) return nullptr;
    double x = std::fabs(px - qx);
    diffs[size_t(i)] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return float_from_double(vector_norm(n, diffs.data(), max, found_nan));
}

namespace {

bool is_exact_int(Object* o) { return type_of(o) == &int_type; }
bool is_int_or_bool(Object* o) { return type_of(o) == &int_type || type_of(o) == &bool_type; }

}  // namespace

// sumprod keeps exact machine-integer and triple-length float running totals while the pairs allow, and falls
// back to generic multiply/add (flushing those totals into `total`) from the first pair that does not.
Object* math_sumprod(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("sumprod", nargs, nullptr, 2, 2)) return nullptr;
  ORef p_it = steal(get_iter(args[0]));
  if (!p_it) return nullptr;
  ORef q_it = steal(get_iter(args[1]));
  if (!q_it) return nullptr;
  ORef total = steal(int_from_i64(0));
  if (!total) return nullptr;
  bool int_path = true, int_in_use = false;
  bool flt_path = true, flt_in_use = false;
  int64_t int_total = 0;
  TripleLength flt_total;
  // Adds `term` (stolen) to the generic total.
  auto add_term = [&](Object* term) -> bool {
    ORef t = steal(term);
    if (!t) return false;
    total = steal(binary_op(total.get(), t.get(), NB_ADD));
    return bool(total);
  };
  for (;;) {
    ORef p_i = steal(iter_next(p_it.get()));
    if (!p_i && error_occurred()) return nullptr;
    ORef q_i = steal(iter_next(q_it.get()));
    if (!q_i && error_occurred()) return nullptr;
    bool p_stopped = !p_i, q_stopped = !q_i;
    if (p_stopped != q_stopped) return set_error(&exc_ValueError, "Inputs are not the same length");
    bool finished = p_stopped;
    if (int_path) {
      if (!finished && is_exact_int(p_i.get()) && is_exact_int(q_i.get())) {
        int ovf1, ovf2;
        int64_t a = int_as_i64(p_i.get(), &ovf1);
        int64_t b = int_as_i64(q_i.get(), &ovf2);
        int64_t prod, sum;
        if (!ovf1 && !ovf2 && !__builtin_mul_overflow(a, b, &prod) && !__builtin_add_overflow(int_total, prod, &sum)) {
          int_total = sum;
          int_in_use = true;
          continue;
        }
      }
      // Finished, overflowed or met a non-int: flush the machine total and leave the int path for good.
      int_path = false;
      if (int_in_use) {
        if (!add_term(int_from_i64(int_total))) return nullptr;
        int_total = 0;
        int_in_use = false;
      }
    }
    if (flt_path) {
      bool take = false;
      double x = 0.0, y = 0.0;
      if (!finished) {
        bool pf = type_of(p_i.get()) == &float_type, qf = type_of(q_i.get()) == &float_type;
        bool ok = true;
        if (pf && qf) {
          x = float_value(p_i.get());
          y = float_value(q_i.get());
          take = true;
        } else if (pf && is_int_or_bool(q_i.get())) {
          x = float_value(p_i.get());
          y = int_as_double(q_i.get(), &ok);
          take = ok;
        } else if (qf && is_int_or_bool(p_i.get())) {
          y = float_value(q_i.get());
          x = int_as_double(p_i.get(), &ok);
          take = ok;
        }
        if (!ok) error_clear();
      }
      if (take) {
        TripleLength next = tl_fma(x, y, flt_total);
        if (std::isfinite(next.hi)) {
          flt_total = next;
          flt_in_use = true;
          continue;
        }
      }
      flt_path = false;
      if (flt_in_use) {
        if (!add_term(float_from_double(tl_to_double(flt_total)))) return nullptr;
        flt_total = TripleLength();
        flt_in_use = false;
      }
    }
    if (finished) return total.release();
    if (!add_term(binary_op(p_i.get(), q_i.get(), NB_MULTIPLY))) return nullptr;
  }
}

Object* math_prod(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs != 1) return set_errorf(&exc_TypeError, "prod() takes exactly 1 positional argument ({} given)", nargs);
  Object* a[2] = {};
  if (!parse_args("prod", args, nargs, kwnames, {"iterable", "$start"}, 1, a, 1)) return nullptr;
  ORef it = steal(get_iter(a[0]));
  if (!it) return nullptr;
  ORef result = a[1] ? borrow(a[1]) : steal(int_from_i64(1));
  if (!result) return nullptr;
  for (;;) {
    ORef item = steal(iter_next(it.get()));
    if (!item) {
      if (error_occurred()) return nullptr;
      return result.release();
    }
    result = steal(binary_op(result.get(), item.get(), NB_MULTIPLY));
    if (!result) return nullptr;
  }
}

}  // namespace pyvm::math
