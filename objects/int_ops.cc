// int arithmetic: the PyNumberMethods slots (with single-digit fast paths), floor division, correctly rounded
// true division, modular and plain powers, shifts and two's-complement bitwise operations.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int_impl.h"
#include "objects/tuple.h"

namespace pyvm::intimpl {

namespace {

inline int64_t cv(const Object* o) { return int_compact_value(o); }
inline bool both_compact(const Object* a, const Object* b) { return int_is_compact(a) && int_is_compact(b); }
inline Object* not_impl() { return newref(not_implemented()); }

#define PYVM_CHECK_BINOP(a, b) \
  if (!is_int(a) || !is_int(b)) return not_impl()

// Gives a fresh (or small, immortal) int the sign s; steals v. Never call it on a shared object.
Object* with_sign(Object* v, int s) {
  if (!v || s > 0 || is_zero(v)) return v;
  if (int_is_compact(v)) {
    Object* r = int_from_i64(-cv(v));
    decref(v);
    return r;
  }
  set_tag(v, -1, ndigits(v));
  return v;
}

// sa*|a| + sb*|b| where sa, sb are the operands' signs (0 for zero).
Object* signed_add(const digit* a, ssize na, int sa, const digit* b, ssize nb, int sb) {
  if (nb == 0) return from_mag(a, na, sa);
  if (na == 0) return from_mag(b, nb, sb);
  if (sa == sb) {
    if (na < nb) {
      std::swap(a, b);
      std::swap(na, nb);
    }
    Object* z = long_alloc(na + 1);
    if (!z) return nullptr;
    mag_add(a, na, b, nb, dig(z));
    return finish(z, na + 1, sa);
  }
  int c = mag_cmp(a, na, b, nb);
  if (c == 0) return small_int(0);
  if (c < 0) {
    std::swap(a, b);
    std::swap(na, nb);
    sa = sb;
  }
  Object* z = long_alloc(na);
  if (!z) return nullptr;
  mag_sub(a, na, b, nb, dig(z));
  return finish(z, na, sa);
}

// Truncated division of magnitudes: *q = |a| / |b|, *r = |a| % |b|, both fresh or small. b non-zero.
bool divrem_mag(Object* a, Object* b, Object** q, Object** r) {
  ssize na = ndigits(a), nb = ndigits(b);
  const digit* ad = dig(a);
  const digit* bd = dig(b);
  if (na < nb || (na == nb && mag_cmp(ad, na, bd, nb) < 0)) {
    *q = small_int(0);
    *r = from_mag(ad, na, 1);
    return *r != nullptr;
  }
  if (nb == 1) {
    Object* qz = long_alloc(na);
    if (!qz) return false;
    digit rem = mag_divrem1(dig(qz), ad, na, bd[0]);
    *q = finish(qz, na, 1);
    *r = int_from_i64(rem);
    return *r != nullptr;
  }
  Object* qz = long_alloc(na - nb + 1);
  if (!qz) return false;
  Object* rz = long_alloc(nb);
  if (!rz) {
    decref(qz);
    return false;
  }
  mag_divrem(ad, na, bd, nb, dig(qz), dig(rz));
  *q = finish(qz, na - nb + 1, 1);
  *r = finish(rz, nb, 1);
  return true;
}

// Increments a magnitude in place; returns the carry.
digit mag_inc(digit* d, ssize n) {
  for (ssize i = 0; i < n; i++) {
    if (++d[i] < kBase) return 0;
    d[i] = 0;
  }
  return 1;
}

// Two's complement of a magnitude over n digits (CPython's v_complement).
void complement(digit* z, const digit* a, ssize n) {
  digit carry = 1;
  for (ssize i = 0; i < n; i++) {
    carry += a[i] ^ kMask;
    z[i] = carry & kMask;
    carry >>= kShift;
  }
}

Object* bitwise(Object* a, char op, Object* b) {
  ssize na = ndigits(a), nb = ndigits(b);
  bool nega = is_negative(a), negb = is_negative(b);
  std::vector<digit> ca, cb;
  const digit* ad = dig(a);
  const digit* bd = dig(b);
  if (nega) {
    ca.resize(size_t(na));
    complement(ca.data(), ad, na);
    ad = ca.data();
  }
  if (negb) {
    cb.resize(size_t(nb));
    complement(cb.data(), bd, nb);
    bd = cb.data();
  }
  if (na < nb) {
    std::swap(ad, bd);
    std::swap(na, nb);
    std::swap(nega, negb);
  }
  bool negz;
  ssize nz;
  switch (op) {
    case '^':
      negz = nega ^ negb;
      nz = na;
      break;
    case '&':
      negz = nega & negb;
      nz = negb ? na : nb;
      break;
    default:
      negz = nega | negb;
      nz = negb ? nb : na;
      break;
  }
  std::vector<digit> z(size_t(nz + 1), 0);
  ssize i = 0;
  for (; i < nb && i < nz; i++) {
    z[size_t(i)] = op == '&' ? (ad[i] & bd[i]) : op == '|' ? (ad[i] | bd[i]) : (ad[i] ^ bd[i]);
  }
  for (; i < nz; i++) z[size_t(i)] = (op == '^' && negb) ? (ad[i] ^ kMask) : ad[i];
  if (negz) {
    z[size_t(nz)] = kMask;
    complement(z.data(), z.data(), nz + 1);
  }
  return from_mag(z.data(), nz + 1, negz ? -1 : 1);
}

// Plain power a ** b for b >= 0.
Object* pow_plain(Object* a, Object* b) {
  if (is_zero(b)) return small_int(1);
  if (is_zero(a)) return small_int(0);
  int overflow;
  int64_t e = int_as_i64(b, &overflow);
  if (int_is_compact(a)) {
    int64_t av = cv(a);
    if (av == 1) return small_int(1);
    if (av == -1) return small_int((dig(b)[0] & 1) ? -1 : 1);
    uint64_t mag = uint64_t(av < 0 ? -av : av);
    bool neg_result = av < 0 && (dig(b)[0] & 1);
    if ((mag & (mag - 1)) == 0 && !overflow) {  // a power of two: a single shift
      int k = __builtin_ctzll(mag);
      if (e > (int64_t(1) << 62) / k) return too_many_digits();
      Object* r = int_lshift(small_int(1), e * k);
      return neg_result ? with_sign(r, -1) : r;
    }
    if (!overflow && e < 64) {  // try machine arithmetic
      int64_t r = 1, base = av;
      int64_t ee = e;
      bool ok = true;
      while (ee) {
        if (ee & 1) ok = ok && !__builtin_mul_overflow(r, base, &r);
        ee >>= 1;
        if (ee) ok = ok && !__builtin_mul_overflow(base, base, &base);
        if (!ok) break;
      }
      if (ok) return int_from_i64(r);
    }
  }
  // |a| >= 3 here: the result has at least e * 1.58 bits.
  if (overflow || double(e) * double(bit_length(a) - 1) > 1e12) return no_memory();
  ORef result = borrow(a);
  int top = 63 - __builtin_clzll(uint64_t(e));
  for (int bit = top - 1; bit >= 0; bit--) {
    result = steal(int_mul(result.get(), result.get()));
    if (!result) return nullptr;
    if ((uint64_t(e) >> bit) & 1) {
      result = steal(int_mul(result.get(), a));
      if (!result) return nullptr;
    }
  }
  return copy_exact(result.get());
}

Object* int_mod(Object* a, Object* m) {
  Object* r;
  if (!int_divmod(a, m, nullptr, &r)) return nullptr;
  return r;
}

// The inverse of a modulo n (n > 0) by the extended Euclidean algorithm.
Object* invmod(Object* a0, Object* n0) {
  ORef a = borrow(a0), n = borrow(n0), b = borrow(small_int(1)), c = borrow(small_int(0));
  while (!is_zero(n.get())) {
    Object *q, *r;
    if (!int_divmod(a.get(), n.get(), &q, &r)) return nullptr;
    ORef qr = steal(q);
    a = n;
    n = steal(r);
    ORef t = steal(int_mul(q, c.get()));
    if (!t) return nullptr;
    ORef s = steal(int_sub(b.get(), t.get()));
    if (!s) return nullptr;
    b = c;
    c = s;
  }
  if (!(int_is_compact(a.get()) && cv(a.get()) == 1)) {
    return set_error(&exc_ValueError, "base is not invertible for the given modulus");
  }
  return b.release();
}

Object* pow_mod(Object* a0, Object* b0, Object* c0) {
  if (is_zero(c0)) return set_error(&exc_ValueError, "pow() 3rd argument cannot be 0");
  bool negative_output = is_negative(c0);
  ORef c = steal(copy_exact(c0, negative_output ? -1 : 1));
  if (!c) return nullptr;
  if (int_is_compact(c.get()) && cv(c.get()) == 1) return small_int(0);
  ORef a = borrow(a0), b = borrow(b0);
  if (is_negative(b0)) {
    a = steal(invmod(a0, c.get()));
    if (!a) return nullptr;
    b = steal(copy_exact(b0, -1));
    if (!b) return nullptr;
  }
  if (is_negative(a.get()) || int_compare(a.get(), c.get()) >= 0) {
    a = steal(int_mod(a.get(), c.get()));
    if (!a) return nullptr;
  }
  ORef result;
  if (int_is_compact(c.get())) {
    // Everything fits 30 bits: products fit 60.
    uint64_t m = uint64_t(cv(c.get())), x = uint64_t(cv(a.get())), r = 1 % m;
    const digit* bd = dig(b.get());
    for (ssize i = ndigits(b.get()) - 1; i >= 0; i--) {
      for (int bit = kShift - 1; bit >= 0; bit--) {
        r = r * r % m;
        if ((bd[i] >> bit) & 1) r = r * x % m;
      }
    }
    result = steal(int_from_i64(int64_t(r)));
  } else {
    result = borrow(small_int(1));
    const digit* bd = dig(b.get());
    for (ssize i = ndigits(b.get()) - 1; i >= 0; i--) {
      for (int bit = kShift - 1; bit >= 0; bit--) {
        ORef sq = steal(int_mul(result.get(), result.get()));
        if (!sq) return nullptr;
        result = steal(int_mod(sq.get(), c.get()));
        if (!result) return nullptr;
        if ((bd[i] >> bit) & 1) {
          ORef p = steal(int_mul(result.get(), a.get()));
          if (!p) return nullptr;
          result = steal(int_mod(p.get(), c.get()));
          if (!result) return nullptr;
        }
      }
    }
  }
  if (!result) return nullptr;
  if (negative_output && !is_zero(result.get())) return int_sub(result.get(), c.get());
  return result.release();
}

std::nullptr_t zero_div(const char* msg) { return set_error(&exc_ZeroDivisionError, msg); }

// Reads a shift count: -1 error, 0 ok, 1 "huge" (does not fit int64).
int shift_count(Object* b, int64_t* n) {
  if (is_negative(b)) {
    set_error(&exc_ValueError, "negative shift count");
    return -1;
  }
  int overflow;
  *n = int_as_i64(b, &overflow);
  return overflow ? 1 : 0;
}

}  // namespace

// ---- Helpers shared with other files.

Object* int_add(Object* a, Object* b) {
  if (both_compact(a, b)) return int_from_i64(cv(a) + cv(b));
  return signed_add(dig(a), ndigits(a), sign(a), dig(b), ndigits(b), sign(b));
}

Object* int_sub(Object* a, Object* b) {
  if (both_compact(a, b)) return int_from_i64(cv(a) - cv(b));
  return signed_add(dig(a), ndigits(a), sign(a), dig(b), ndigits(b), -sign(b));
}

Object* int_mul(Object* a, Object* b) {
  if (both_compact(a, b)) return int_from_i64(cv(a) * cv(b));
  ssize na = ndigits(a), nb = ndigits(b);
  if (na == 0 || nb == 0) return small_int(0);
  Object* z = long_alloc(na + nb);
  if (!z) return nullptr;
  mag_mul(dig(a), na, dig(b), nb, dig(z));
  return finish(z, na + nb, sign(a) * sign(b));
}

Object* int_neg(Object* a) {
  if (int_is_compact(a)) return int_from_i64(-cv(a));
  return copy_exact(a, -1);
}

bool int_divrem_trunc(Object* a, Object* b, Object** pq, Object** pr) {
  Object *q, *r;
  if (!divrem_mag(a, b, &q, &r)) return false;
  q = with_sign(q, sign(a) * sign(b));
  r = with_sign(r, sign(a));
  if (pq)
    *pq = q;
  else
    decref(q);
  if (pr)
    *pr = r;
  else
    decref(r);
  return true;
}

bool int_divmod(Object* a, Object* b, Object** pq, Object** pr) {
  if (both_compact(a, b)) {
    int64_t x = cv(a), y = cv(b);
    int64_t q = x / y, r = x % y;
    if (r && ((r ^ y) < 0)) {
      r += y;
      q -= 1;
    }
    Object* qo = nullptr;
    if (pq) {
      qo = int_from_i64(q);
      if (!qo) return false;
    }
    if (pr) {
      Object* ro = int_from_i64(r);
      if (!ro) {
        xdecref(qo);
        return false;
      }
      *pr = ro;
    }
    if (pq) *pq = qo;
    return true;
  }
  Object *q, *r;
  if (!divrem_mag(a, b, &q, &r)) return false;
  ORef qr = steal(q), rr = steal(r);
  int sa = sign(a), sb = sign(b);
  if (!is_zero(r) && sa != sb) {
    // Floor: q = -(|q| + 1), r = sign(b) * (|b| - |r|).
    if (pq) {
      Object* t = int_add(q, small_int(1));
      if (!t) return false;
      *pq = with_sign(t, -1);
    }
    if (pr) {
      Object* t = signed_add(dig(b), ndigits(b), 1, dig(r), ndigits(r), -1);
      if (!t) {
        if (pq) decref(*pq);
        return false;
      }
      *pr = with_sign(t, sb);
    }
    return true;
  }
  if (pq) *pq = with_sign(qr.release(), sa * sb);
  if (pr) *pr = with_sign(rr.release(), sa);
  return true;
}

Object* int_lshift(Object* a, int64_t n) {
  if (is_zero(a)) return small_int(0);
  if (int_is_compact(a) && n <= 32) return int_from_i64(cv(a) * (int64_t(1) << n));
  int64_t wordshift = n / kShift;
  int remshift = int(n % kShift);
  ssize na = ndigits(a);
  if (wordshift > (int64_t(1) << 56)) return too_many_digits();
  ssize nz = na + ssize(wordshift) + 1;
  Object* z = long_alloc(nz);
  if (!z) return nullptr;
  digit* zd = dig(z);
  std::memset(zd, 0, size_t(wordshift) * sizeof(digit));
  zd[nz - 1] = mag_lshift(zd + wordshift, dig(a), na, remshift);
  return finish(z, nz, sign(a));
}

Object* int_rshift(Object* a, int64_t n) {
  if (int_is_compact(a)) {
    int64_t v = cv(a);
    return int_from_i64(n >= 63 ? (v < 0 ? -1 : 0) : (v >> n));  // arithmetic shift floors
  }
  ssize na = ndigits(a);
  int64_t wordshift = n / kShift;
  if (wordshift >= na) return small_int(is_negative(a) ? -1 : 0);
  int remshift = int(n % kShift);
  ssize nz = na - ssize(wordshift);
  Object* z = long_alloc(nz + 1);
  if (!z) return nullptr;
  digit lost = mag_rshift(dig(z), dig(a) + wordshift, nz, remshift);
  if (is_negative(a)) {
    // Floor for negative values: round the magnitude up when any shifted-out bit was set.
    bool any = lost != 0;
    for (ssize i = 0; !any && i < ssize(wordshift); i++) any = dig(a)[i] != 0;
    if (any) dig(z)[nz] = mag_inc(dig(z), nz);
  }
  return finish(z, nz + 1, sign(a));
}

Object* int_pow_small(int64_t base, int64_t exp) {
  ORef b = steal(int_from_i64(base)), e = steal(int_from_i64(exp));
  if (!b || !e) return nullptr;
  return pow_plain(b.get(), e.get());
}

// ---- The slots.

Object* nb_add(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  return int_add(a, b);
}

Object* nb_subtract(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  return int_sub(a, b);
}

Object* nb_multiply(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  return int_mul(a, b);
}

Object* nb_floor_divide(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  if (is_zero(b)) return zero_div("integer division or modulo by zero");
  Object* q;
  if (!int_divmod(a, b, &q, nullptr)) return nullptr;
  return q;
}

Object* nb_remainder(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  if (is_zero(b)) return zero_div("integer modulo by zero");
  return int_mod(a, b);
}

Object* nb_divmod(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  if (is_zero(b)) return zero_div("integer division or modulo by zero");
  Object *q, *r;
  if (!int_divmod(a, b, &q, &r)) return nullptr;
  ORef qr = steal(q), rr = steal(r);
  return tuple_pack({q, r});
}

// Correctly rounded a / b (CPython's long_true_divide): scale a so that the integer quotient has 55 or 56
// significant bits, divide, fold the remainder into a sticky bit, round to 53 bits by hand, then scale back.
Object* nb_true_divide(Object* v, Object* w) {
  PYVM_CHECK_BINOP(v, w);
  ssize a_size = ndigits(v), b_size = ndigits(w);
  bool negate = is_negative(v) != is_negative(w);
  if (b_size == 0) return zero_div("division by zero");
  if (a_size == 0) return float_from_double(negate ? -0.0 : 0.0);
  const digit* ad = dig(v);
  const digit* bd = dig(w);
  constexpr int kMantDigitDigits = DBL_MANT_DIG / kShift;  // 1
  constexpr int kMantDigitBits = DBL_MANT_DIG % kShift;    // 23
  bool a_small =
      a_size <= kMantDigitDigits || (a_size == kMantDigitDigits + 1 && (ad[kMantDigitDigits] >> kMantDigitBits) == 0);
  bool b_small =
      b_size <= kMantDigitDigits || (b_size == kMantDigitDigits + 1 && (bd[kMantDigitDigits] >> kMantDigitBits) == 0);
  if (a_small && b_small) {
    double da = ad[a_size - 1], db = bd[b_size - 1];
    for (ssize i = a_size - 1; i-- > 0;) da = da * double(kBase) + ad[i];
    for (ssize i = b_size - 1; i-- > 0;) db = db * double(kBase) + bd[i];
    double r = da / db;
    return float_from_double(negate ? -r : r);
  }
  int64_t diff = int64_t(a_size) - b_size;
  if (diff > INT64_MAX / kShift - 1) goto overflow;
  if (diff < 1 - INT64_MAX / kShift) goto underflow_or_zero;
  diff = diff * kShift + bit_length_digit(ad[a_size - 1]) - bit_length_digit(bd[b_size - 1]);
  if (diff > DBL_MAX_EXP) goto overflow;
  if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) goto underflow_or_zero;
  {
    int64_t shift = std::max<int64_t>(diff, DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    bool inexact = false;
    std::vector<digit> x;
    if (shift <= 0) {
      ssize shift_digits = ssize(-shift / kShift);
      x.assign(size_t(a_size + shift_digits + 1), 0);
      x[size_t(a_size + shift_digits)] = mag_lshift(x.data() + shift_digits, ad, a_size, int(-shift % kShift));
    } else {
      ssize shift_digits = ssize(shift / kShift);
      x.assign(size_t(a_size - shift_digits), 0);
      digit rem = mag_rshift(x.data(), ad + shift_digits, a_size - shift_digits, int(shift % kShift));
      if (rem) inexact = true;
      while (!inexact && shift_digits > 0) {
        if (ad[--shift_digits]) inexact = true;
      }
    }
    ssize x_size = mag_trim(x.data(), ssize(x.size()));
    if (b_size == 1) {
      digit rem = mag_divrem1(x.data(), x.data(), x_size, bd[0]);
      x_size = mag_trim(x.data(), x_size);
      if (rem) inexact = true;
    } else {
      std::vector<digit> q(static_cast<size_t>(x_size - b_size + 1)), r(static_cast<size_t>(b_size));
      mag_divrem(x.data(), x_size, bd, b_size, q.data(), r.data());
      if (mag_trim(r.data(), b_size)) inexact = true;
      x = std::move(q);
      x_size = mag_trim(x.data(), ssize(x.size()));
    }
    int64_t x_bits = int64_t(x_size - 1) * kShift + bit_length_digit(x[size_t(x_size - 1)]);
    int64_t extra_bits = std::max<int64_t>(x_bits, DBL_MIN_EXP - shift) - DBL_MANT_DIG;
    digit mask = digit(1) << (extra_bits - 1);
    digit low = x[0] | (inexact ? 1 : 0);
    if ((low & mask) && (low & (3U * mask - 1U))) low += mask;
    x[0] = low & ~(2U * mask - 1U);
    double dx = x[size_t(x_size - 1)];
    for (ssize i = x_size - 1; i-- > 0;) dx = dx * double(kBase) + x[size_t(i)];
    if (shift + x_bits >= DBL_MAX_EXP && (shift + x_bits > DBL_MAX_EXP || dx == std::ldexp(1.0, int(x_bits)))) {
      goto overflow;
    }
    double result = std::ldexp(dx, int(shift));
    return float_from_double(negate ? -result : result);
  }
underflow_or_zero:
  return float_from_double(negate ? -0.0 : 0.0);
overflow:
  return set_error(&exc_OverflowError, "integer division result too large for a float");
}

Object* nb_power(Object* a, Object* b, Object* c) {
  PYVM_CHECK_BINOP(a, b);
  if (c && c != none()) {
    if (!is_int(c)) return not_impl();
    return pow_mod(a, b, c);
  }
  if (is_negative(b)) {
    // A negative exponent gives a float: CPython hands the operation to float's power.
    return float_type.tp_as_number->nb_power(a, b, none());
  }
  return pow_plain(a, b);
}

Object* nb_negative(Object* a) { return int_neg(a); }
Object* nb_positive(Object* a) { return copy_exact(a); }
Object* nb_absolute(Object* a) { return is_negative(a) ? int_neg(a) : copy_exact(a); }
int nb_bool(Object* a) { return !is_zero(a); }

Object* nb_invert(Object* a) {
  if (int_is_compact(a)) return int_from_i64(~cv(a));
  Object* t = int_add(a, small_int(1));  // ~a == -(a + 1)
  if (!t) return nullptr;
  Object* r = int_neg(t);
  decref(t);
  return r;
}

Object* nb_lshift(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  int64_t n;
  int k = shift_count(b, &n);
  if (k < 0) return nullptr;
  if (is_zero(a)) return small_int(0);
  if (k > 0) return too_many_digits();
  return int_lshift(a, n);
}

Object* nb_rshift(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  int64_t n;
  int k = shift_count(b, &n);
  if (k < 0) return nullptr;
  if (k > 0) return small_int(is_negative(a) ? -1 : 0);
  return int_rshift(a, n);
}

Object* nb_and(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  if (both_compact(a, b)) return int_from_i64(cv(a) & cv(b));
  return bitwise(a, '&', b);
}

Object* nb_or(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  if (both_compact(a, b)) return int_from_i64(cv(a) | cv(b));
  return bitwise(a, '|', b);
}

Object* nb_xor(Object* a, Object* b) {
  PYVM_CHECK_BINOP(a, b);
  if (both_compact(a, b)) return int_from_i64(cv(a) ^ cv(b));
  return bitwise(a, '^', b);
}

Object* nb_int(Object* a) { return copy_exact(a); }

Object* nb_float(Object* a) {
  bool ok;
  double d = int_as_double(a, &ok);
  if (!ok) return nullptr;
  return float_from_double(d);
}

Object* richcompare(Object* a, Object* b, int op) {
  PYVM_CHECK_BINOP(a, b);
  int c = a == b ? 0 : int_compare(a, b);
  bool r;
  switch (op) {
    case Py_LT:
      r = c < 0;
      break;
    case Py_LE:
      r = c <= 0;
      break;
    case Py_EQ:
      r = c == 0;
      break;
    case Py_NE:
      r = c != 0;
      break;
    case Py_GT:
      r = c > 0;
      break;
    default:
      r = c >= 0;
      break;
  }
  return bool_obj(r);
}

}  // namespace pyvm::intimpl
