// The math module's exact integer functions (gcd, lcm, isqrt, factorial, comb, perm) and the log of huge ints,
// built on the int implementation's arithmetic.
#include <cmath>
#include <cstdint>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/int_impl.h"
#include "objects/types.h"
#include "vm/modules/math_internal.h"

namespace pyvm::math {

using intimpl::bit_length;
using intimpl::copy_exact;
using intimpl::int_add;
using intimpl::int_mul;
using intimpl::int_rshift;
using intimpl::int_sub;
using intimpl::small_int;

bool int_log(Object* x, double (*func)(double), double* out) {
  bool overflow = false;
  double d = intimpl::int_to_double(x, &overflow);
  if (!overflow) {
    *out = func(d);
    return true;
  }
  // x = m * 2**e with 0.5 <= m < 1, m correctly rounded to 53 bits from the top 55 bits and a sticky bit.
  int64_t nbits = bit_length(x);
  int64_t shift = nbits - 55;
  ORef top = steal(int_rshift(x, shift));
  if (!top) return false;
  int ovf;
  uint64_t q = uint64_t(int_as_i64(top.get(), &ovf));
  const digit* dg = int_digits(x);
  int64_t whole = shift / PyLong_SHIFT;
  bool sticky = (dg[whole] & ((digit(1) << (shift % PyLong_SHIFT)) - 1)) != 0;
  for (int64_t i = 0; i < whole && !sticky; i++) sticky = dg[i] != 0;
  if (sticky) q |= 1;
  double m = std::ldexp(double(q), -55);
  int64_t e = nbits;
  if (m == 1.0) {
    m = 0.5;
    e += 1;
  }
  *out = func(m) + func(2.0) * double(e);
  return true;
}

namespace {

// |o| as a new exact int.
Object* int_abs(Object* o) { return copy_exact(o, int_sign(o) < 0 ? -1 : 1); }

bool fits_u63(Object* o, uint64_t* out) {
  int ovf;
  int64_t v = int_as_i64(o, &ovf);
  if (ovf || v < 0) return false;
  *out = uint64_t(v);
  return true;
}

uint64_t gcd_u64(uint64_t a, uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  while (b) {
    b >>= __builtin_ctzll(b);
    if (a > b) std::swap(a, b);
    b -= a;
  }
  return a << shift;
}

// gcd of two ints (any sign) as a new non-negative exact int: Euclid on big values, binary gcd once small.
Object* gcd2(Object* a, Object* b) {
  ORef x = steal(int_abs(a));
  if (!x) return nullptr;
  ORef y = steal(int_abs(b));
  if (!y) return nullptr;
  for (;;) {
    uint64_t ux, uy;
    if (fits_u63(x.get(), &ux) && fits_u63(y.get(), &uy)) return int_from_u64(gcd_u64(ux, uy));
    if (int_sign(y.get()) == 0) return x.release();
    Object* r = nullptr;
    if (!intimpl::int_divmod(x.get(), y.get(), nullptr, &r)) return nullptr;
    x = std::move(y);
    y = steal(r);
  }
}

// The product lo * (lo+1) * ... * (lo+count-1) for a non-negative int lo, split in halves so that the big
// multiplications are balanced (and use Karatsuba).
Object* range_product(Object* lo, int64_t count) {
  if (count <= 0) return small_int(1);
  if (count == 1) return newref(lo);
  uint64_t start;
  if (count <= 16 && fits_u63(lo, &start) && start + uint64_t(count) < (uint64_t(1) << 62)) {
    // Multiply in a machine word while it fits, spilling into an int when it would overflow.
    ORef acc = borrow(small_int(1));
    uint64_t word = 1;
    for (int64_t i = 0; i < count; i++) {
      uint64_t f = start + uint64_t(i), next;
      if (__builtin_mul_overflow(word, f, &next)) {
        ORef w = steal(int_from_u64(word));
        if (!w) return nullptr;
        acc = steal(int_mul(acc.get(), w.get()));
        if (!acc) return nullptr;
        next = f;
      }
      word = next;
    }
    ORef w = steal(int_from_u64(word));
    if (!w) return nullptr;
    return int_mul(acc.get(), w.get());
  }
  if (count <= 4) {
    ORef acc = borrow(lo);
    for (int64_t i = 1; i < count; i++) {
      ORef di = steal(int_from_i64(i));
      if (!di) return nullptr;
      ORef f = steal(int_add(lo, di.get()));
      if (!f) return nullptr;
      acc = steal(int_mul(acc.get(), f.get()));
      if (!acc) return nullptr;
    }
    return acc.release();
  }
  int64_t half = count / 2;
  ORef left = steal(range_product(lo, half));
  if (!left) return nullptr;
  ORef h = steal(int_from_i64(half));
  if (!h) return nullptr;
  ORef mid = steal(int_add(lo, h.get()));
  if (!mid) return nullptr;
  ORef right = steal(range_product(mid.get(), count - half));
  if (!right) return nullptr;
  return int_mul(left.get(), right.get());
}

Object* factorial_of(int64_t n) { return range_product(small_int(1), n); }

// n! / (n-k)! (perm) or n! / ((n-k)! k!) (comb) for 0 <= k <= n, with k a machine integer.
Object* perm_comb(Object* n, int64_t k, bool comb) {
  ORef kk = steal(int_from_i64(k - 1));
  if (!kk) return nullptr;
  ORef lo = steal(int_sub(n, kk.get()));
  if (!lo) return nullptr;
  ORef num = steal(range_product(lo.get(), k));
  if (!num || !comb) return num.release();
  ORef den = steal(factorial_of(k));
  if (!den) return nullptr;
  Object* q = nullptr;
  if (!intimpl::int_divmod(num.get(), den.get(), &q, nullptr)) return nullptr;
  return q;
}

}  // namespace

Object* math_gcd(Object*, Object* const* args, ssize nargs) {
  if (nargs == 0) return small_int(0);
  ORef res = steal(number_index(args[0]));
  if (!res) return nullptr;
  if (nargs == 1) return int_abs(res.get());
  for (ssize i = 1; i < nargs; i++) {
    ORef x = steal(number_index(args[i]));
    if (!x) return nullptr;
    res = steal(gcd2(res.get(), x.get()));
    if (!res) return nullptr;
  }
  return res.release();
}

Object* math_lcm(Object*, Object* const* args, ssize nargs) {
  if (nargs == 0) return small_int(1);
  ORef res = steal(number_index(args[0]));
  if (!res) return nullptr;
  if (nargs == 1) return int_abs(res.get());
  res = steal(int_abs(res.get()));
  if (!res) return nullptr;
  for (ssize i = 1; i < nargs; i++) {
    ORef x = steal(number_index(args[i]));
    if (!x) return nullptr;
    if (int_sign(res.get()) == 0) continue;  // still check that the rest are integers
    if (int_sign(x.get()) == 0) {
      res = borrow(small_int(0));
      continue;
    }
    ORef g = steal(gcd2(res.get(), x.get()));
    if (!g) return nullptr;
    Object* q = nullptr;
    if (!intimpl::int_divmod(res.get(), g.get(), &q, nullptr)) return nullptr;
    ORef qq = steal(q);
    ORef prod = steal(int_mul(qq.get(), x.get()));
    if (!prod) return nullptr;
    res = steal(int_abs(prod.get()));
    if (!res) return nullptr;
  }
  return res.release();
}

Object* math_isqrt(Object*, Object* arg) {
  ORef n = steal(number_index(arg));
  if (!n) return nullptr;
  if (int_sign(n.get()) < 0) return set_error(&exc_ValueError, "isqrt() argument must be nonnegative");
  uint64_t u;
  if (fits_u63(n.get(), &u)) {
    uint64_t r = uint64_t(std::sqrt(double(u)));
    // Correct the floating-point estimate to the exact floor square root.
    while (r > 0 && (r > UINT32_MAX || r * r > u)) r--;
    while ((r + 1) <= UINT32_MAX && (r + 1) * (r + 1) <= u) r++;
    return int_from_u64(r);
  }
  // Newton's iteration from an overestimate decreases monotonically to the floor square root.
  int64_t bits = bit_length(n.get());
  ORef x = steal(intimpl::int_lshift(small_int(1), (bits + 1) / 2));
  if (!x) return nullptr;
  for (;;) {
    Object* q = nullptr;
    if (!intimpl::int_divmod(n.get(), x.get(), &q, nullptr)) return nullptr;
    ORef qq = steal(q);
    ORef s = steal(int_add(x.get(), qq.get()));
    if (!s) return nullptr;
    ORef y = steal(int_rshift(s.get(), 1));
    if (!y) return nullptr;
    if (int_compare(y.get(), x.get()) >= 0) return x.release();
    x = std::move(y);
  }
}

Object* math_factorial(Object*, Object* arg) {
  ORef n = steal(number_index(arg));
  if (!n) return nullptr;
  int ovf;
  int64_t v = int_as_i64(n.get(), &ovf);
  if (ovf > 0) return set_errorf(&exc_OverflowError, "factorial() argument should not exceed {}", INT64_MAX);
  if (ovf < 0 || v < 0) return set_error(&exc_ValueError, "factorial() not defined for negative values");
  return factorial_of(v);
}

namespace {

Object* perm_or_comb(Object* const* args, bool comb) {
  ORef n = steal(number_index(args[0]));
  if (!n) return nullptr;
  ORef k = steal(number_index(args[1]));
  if (!k) return nullptr;
  if (int_sign(n.get()) < 0) return set_error(&exc_ValueError, "n must be a non-negative integer");
  if (int_sign(k.get()) < 0) return set_error(&exc_ValueError, "k must be a non-negative integer");
  int ovf;
  int64_t ni = int_as_i64(n.get(), &ovf);
  if (!ovf) {
    int64_t ki = int_as_i64(k.get(), &ovf);
    if (ovf || ki > ni) return small_int(0);
    if (comb && ni - ki < ki) ki = ni - ki;
    return perm_comb(n.get(), ki, comb);
  }
  if (comb) {
    ORef rest = steal(int_sub(n.get(), k.get()));
    if (!rest) return nullptr;
    if (int_sign(rest.get()) < 0) return small_int(0);
    if (int_compare(rest.get(), k.get()) < 0) k = std::move(rest);
  }
  int64_t ki = int_as_i64(k.get(), &ovf);
  if (ovf) {
    if (!comb && int_compare(k.get(), n.get()) > 0) return small_int(0);
    return set_errorf(&exc_OverflowError, "{} must not exceed {}", comb ? "min(n - k, k)" : "k", INT64_MAX);
  }
  return perm_comb(n.get(), ki, comb);
}

}  // namespace

Object* math_comb(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("comb", nargs, nullptr, 2, 2)) return nullptr;
  return perm_or_comb(args, true);
}

Object* math_perm(Object* self, Object* const* args, ssize nargs) {
  if (!check_positional("perm", nargs, nullptr, 1, 2)) return nullptr;
  if (nargs == 1 || args[1] == none()) return math_factorial(self, args[0]);
  return perm_or_comb(args, false);
}

}  // namespace pyvm::math
