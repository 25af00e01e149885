// Digit-array ("magnitude") arithmetic behind int: add/sub, Karatsuba multiplication, Knuth division, shifts and
// divide-and-conquer radix conversion between 30-bit digits and base-10**9 limbs.
#include <algorithm>
#include <cstring>

#include "objects/int_impl.h"

namespace pyvm::intimpl {
namespace {

// The two radices the multiplication code runs in: binary digits (int values) and decimal limbs (text).
struct Bin {
  static constexpr uint64_t kBase = uint64_t{1} << PyLong_SHIFT;
  static void split(uint64_t t, digit* low, uint64_t* high) {
    *low = digit(t & kMask);
    *high = t >> PyLong_SHIFT;
  }
};
struct Dec {
  static constexpr uint64_t kBase = 1000000000;
  static void split(uint64_t t, digit* low, uint64_t* high) {
    uint64_t h = t / kBase;
    *low = digit(t - h * kBase);
    *high = h;
  }
};

constexpr ssize kKaratsubaCutoff = 70;
constexpr ssize kKaratsubaSquareCutoff = 2 * kKaratsubaCutoff;

// z[0..nz) += a[0..na), nz >= na; returns the carry out of the top.
template <class B>
digit add_into(digit* z, ssize nz, const digit* a, ssize na) {
  digit carry = 0;
  ssize i = 0;
  for (; i < na; i++) {
    uint64_t t = uint64_t(z[i]) + a[i] + carry;
    if (t >= B::kBase) {
      z[i] = digit(t - B::kBase);
      carry = 1;
    } else {
      z[i] = digit(t);
      carry = 0;
    }
  }
  for (; carry && i < nz; i++) {
    uint64_t t = uint64_t(z[i]) + 1;
    if (t >= B::kBase) {
      z[i] = 0;
    } else {
      z[i] = digit(t);
      carry = 0;
    }
  }
  return carry;
}

// z[0..nz) -= a[0..na), nz >= na; returns the borrow out of the top.
template <class B>
digit sub_into(digit* z, ssize nz, const digit* a, ssize na) {
  digit borrow = 0;
  ssize i = 0;
  for (; i < na; i++) {
    int64_t t = int64_t(z[i]) - a[i] - borrow;
    if (t < 0) {
      z[i] = digit(t + int64_t(B::kBase));
      borrow = 1;
    } else {
      z[i] = digit(t);
      borrow = 0;
    }
  }
  for (; borrow && i < nz; i++) {
    if (z[i] == 0) {
      z[i] = digit(B::kBase - 1);
    } else {
      z[i]--;
      borrow = 0;
    }
  }
  return borrow;
}

// z = a + b into max(na, nb) + 1 digits; returns the trimmed length.
template <class B>
ssize add_to(const digit* a, ssize na, const digit* b, ssize nb, digit* z) {
  if (na < nb) {
    std::swap(a, b);
    std::swap(na, nb);
  }
  std::memcpy(z, a, size_t(na) * sizeof(digit));
  z[na] = add_into<B>(z, na, b, nb);
  return mag_trim(z, na + 1);
}

template <class B>
void school_mul(const digit* a, ssize na, const digit* b, ssize nb, digit* z) {
  // The inner loop runs over the longer operand.
  if (na < nb) {
    std::swap(a, b);
    std::swap(na, nb);
  }
  std::memset(z, 0, size_t(na + nb) * sizeof(digit));
  for (ssize i = 0; i < nb; i++) {
    uint64_t f = b[i];
    if (f == 0) continue;
    uint64_t carry = 0;
    digit* pz = z + i;
    for (ssize j = 0; j < na; j++) {
      uint64_t t = pz[j] + f * a[j] + carry;
      B::split(t, &pz[j], &carry);
    }
    pz[na] = digit(carry);
  }
}

// Squaring: each cross product is added twice in one pass (CPython's x_mul for a == b).
template <class B>
void school_square(const digit* a, ssize n, digit* z) {
  std::memset(z, 0, size_t(2 * n) * sizeof(digit));
  for (ssize i = 0; i < n; i++) {
    uint64_t f = a[i];
    digit* pz = z + 2 * i;
    uint64_t carry;
    B::split(uint64_t(*pz) + f * f, pz, &carry);
    pz++;
    f <<= 1;
    for (ssize j = i + 1; j < n; j++) {
      uint64_t t = uint64_t(*pz) + a[j] * f + carry;
      B::split(t, pz, &carry);
      pz++;
    }
    while (carry) {
      uint64_t t = uint64_t(*pz) + carry;
      B::split(t, pz, &carry);
      pz++;
    }
  }
}

template <class B>
void kmul(const digit* a, ssize na, const digit* b, ssize nb, digit* z);

// a is at least twice as long as b: multiply b by slices of a the size of b.
template <class B>
void lopsided_mul(const digit* a, ssize na, const digit* b, ssize nb, digit* z) {
  std::memset(z, 0, size_t(na + nb) * sizeof(digit));
  std::vector<digit> tmp(size_t(2 * nb));
  for (ssize s = 0; s < na; s += nb) {
    ssize len = std::min(nb, na - s);
    kmul<B>(a + s, len, b, nb, tmp.data());
    add_into<B>(z + s, na + nb - s, tmp.data(), len + nb);
  }
}

// Karatsuba: with a = ah*X + al and b = bh*X + bl (X = base**k),
// a*b = ah*bh*X**2 + ((ah+al)*(bh+bl) - ah*bh - al*bl)*X + al*bl.
template <class B>
void kmul(const digit* a, ssize na, const digit* b, ssize nb, digit* z) {
  if (na < nb) {
    std::swap(a, b);
    std::swap(na, nb);
  }
  bool square = a == b && na == nb;
  if (nb <= (square ? kKaratsubaSquareCutoff : kKaratsubaCutoff)) {
    if (nb == 0) {
      std::memset(z, 0, size_t(na) * sizeof(digit));
    } else if (square) {
      school_square<B>(a, na, z);
    } else {
      school_mul<B>(a, na, b, nb, z);
    }
    return;
  }
  if (2 * nb <= na) {
    lopsided_mul<B>(a, na, b, nb, z);
    return;
  }
  ssize k = na / 2;  // nb > k because 2 * nb > na
  ssize nah = na - k, nbh = nb - k;
  kmul<B>(a, k, b, k, z);                      // al*bl -> z[0 .. 2k)
  kmul<B>(a + k, nah, b + k, nbh, z + 2 * k);  // ah*bh -> z[2k .. na+nb)

  std::vector<digit> buf(size_t(nah + 1 + std::max(nbh, k) + 1));
  digit* sa = buf.data();
  ssize nsa = add_to<B>(a + k, nah, a, k, sa);
  digit* sb = sa;
  ssize nsb = nsa;
  if (!square) {
    sb = sa + nah + 1;
    nsb = add_to<B>(b + k, nbh, b, k, sb);
  }
  ssize nt = nsa + nsb;
  std::vector<digit> t(size_t(std::max(nt, na + nb - k)));
  kmul<B>(sa, nsa, sb, nsb, t.data());
  ssize tlen = ssize(t.size());
  std::fill(t.begin() + nt, t.end(), 0);
  sub_into<B>(t.data(), tlen, z, 2 * k);
  sub_into<B>(t.data(), tlen, z + 2 * k, na + nb - 2 * k);
  add_into<B>(z + k, na + nb - k, t.data(), mag_trim(t.data(), tlen));
}

// ---- radix conversion

constexpr ssize kRadixCutoff = 250;  // below this many digits/limbs the quadratic loops win

std::vector<uint32_t> to_1e9_school(const digit* a, ssize n) {
  std::vector<uint32_t> out;
  out.reserve(size_t(n + n / 30 + 2));
  for (ssize i = n - 1; i >= 0; i--) {
    uint64_t hi = a[i];
    for (auto& o : out) {
      uint64_t z = (uint64_t(o) << PyLong_SHIFT) | hi;
      hi = z / Dec::kBase;
      o = uint32_t(z - hi * Dec::kBase);
    }
    while (hi) {
      out.push_back(uint32_t(hi % Dec::kBase));
      hi /= Dec::kBase;
    }
  }
  return out;
}

std::vector<digit> from_1e9_school(const uint32_t* l, ssize n) {
  std::vector<digit> out;
  out.reserve(size_t(n + n / 30 + 2));
  for (ssize i = n - 1; i >= 0; i--) {
    uint64_t carry = l[i];
    for (auto& o : out) {
      uint64_t t = uint64_t(o) * Dec::kBase + carry;
      o = digit(t & kMask);
      carry = t >> PyLong_SHIFT;
    }
    while (carry) {
      out.push_back(digit(carry & kMask));
      carry >>= PyLong_SHIFT;
    }
  }
  return out;
}

// powers[j] = radix ** (2 ** j) in the other base, computed by squaring on demand.
template <class B>
struct Powers {
  std::vector<std::vector<digit>> p;
  const std::vector<digit>& get(int j) {
    while (int(p.size()) <= j) {
      const std::vector<digit>& prev = p.back();
      std::vector<digit> sq(prev.size() * 2);
      kmul<B>(prev.data(), ssize(prev.size()), prev.data(), ssize(prev.size()), sq.data());
      sq.resize(size_t(mag_trim(sq.data(), ssize(sq.size()))));
      p.push_back(std::move(sq));
    }
    return p[size_t(j)];
  }
};

int floor_log2(uint64_t n) { return 63 - __builtin_clzll(n); }

void to_1e9_rec(const digit* a, ssize n, Powers<Dec>& pw, std::vector<uint32_t>* out) {
  n = mag_trim(a, n);
  if (n <= kRadixCutoff) {
    *out = to_1e9_school(a, n);
    return;
  }
  int j = floor_log2(uint64_t(n - 1));
  ssize k = ssize(1) << j;  // k < n <= 2k
  std::vector<uint32_t> hi, low;
  to_1e9_rec(a + k, n - k, pw, &hi);
  to_1e9_rec(a, k, pw, &low);
  const std::vector<digit>& p = pw.get(j);
  out->assign(hi.size() + p.size() + 1, 0);
  kmul<Dec>(hi.data(), ssize(hi.size()), p.data(), ssize(p.size()), out->data());
  add_into<Dec>(out->data(), ssize(out->size()), low.data(), ssize(low.size()));
  out->resize(size_t(mag_trim(out->data(), ssize(out->size()))));
}

void from_1e9_rec(const uint32_t* l, ssize n, Powers<Bin>& pw, std::vector<digit>* out) {
  n = mag_trim(l, n);
  if (n <= kRadixCutoff) {
    *out = from_1e9_school(l, n);
    return;
  }
  int j = floor_log2(uint64_t(n - 1));
  ssize k = ssize(1) << j;
  std::vector<digit> hi, low;
  from_1e9_rec(l + k, n - k, pw, &hi);
  from_1e9_rec(l, k, pw, &low);
  const std::vector<digit>& p = pw.get(j);
  out->assign(hi.size() + p.size() + 1, 0);
  kmul<Bin>(hi.data(), ssize(hi.size()), p.data(), ssize(p.size()), out->data());
  add_into<Bin>(out->data(), ssize(out->size()), low.data(), ssize(low.size()));
  out->resize(size_t(mag_trim(out->data(), ssize(out->size()))));
}

}  // namespace

int bit_length_digit(digit d) { return d == 0 ? 0 : 32 - __builtin_clz(d); }

ssize mag_trim(const digit* a, ssize n) {
  while (n > 0 && a[n - 1] == 0) n--;
  return n;
}

int mag_cmp(const digit* a, ssize na, const digit* b, ssize nb) {
  if (na != nb) return na < nb ? -1 : 1;
  for (ssize i = na - 1; i >= 0; i--) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

void mag_add(const digit* a, ssize na, const digit* b, ssize nb, digit* z) {
  digit carry = 0;
  ssize i = 0;
  for (; i < nb; i++) {
    carry += a[i] + b[i];
    z[i] = carry & kMask;
    carry >>= kShift;
  }
  for (; i < na; i++) {
    carry += a[i];
    z[i] = carry & kMask;
    carry >>= kShift;
  }
  z[i] = carry;
}

void mag_sub(const digit* a, ssize na, const digit* b, ssize nb, digit* z) {
  digit borrow = 0;
  ssize i = 0;
  for (; i < nb; i++) {
    borrow = a[i] - b[i] - borrow;
    z[i] = borrow & kMask;
    borrow = (borrow >> kShift) & 1;
  }
  for (; i < na; i++) {
    borrow = a[i] - borrow;
    z[i] = borrow & kMask;
    borrow = (borrow >> kShift) & 1;
  }
}

void mag_mul(const digit* a, ssize na, const digit* b, ssize nb, digit* z) { kmul<Bin>(a, na, b, nb, z); }

digit mag_divrem1(digit* q, const digit* a, ssize n, digit d) {
  twodigits rem = 0;
  for (ssize i = n - 1; i >= 0; i--) {
    twodigits t = (rem << kShift) | a[i];
    digit hi = digit(t / d);
    rem = t - twodigits(hi) * d;
    q[i] = hi;
  }
  return digit(rem);
}

digit mag_muladd1(digit* a, ssize n, digit m, digit c) {
  twodigits carry = c;
  for (ssize i = 0; i < n; i++) {
    carry += twodigits(a[i]) * m;
    a[i] = digit(carry & kMask);
    carry >>= kShift;
  }
  return digit(carry);
}

digit mag_lshift(digit* z, const digit* a, ssize n, int d) {
  digit carry = 0;
  for (ssize i = 0; i < n; i++) {
    twodigits acc = (twodigits(a[i]) << d) | carry;
    z[i] = digit(acc) & kMask;
    carry = digit(acc >> kShift);
  }
  return carry;
}

digit mag_rshift(digit* z, const digit* a, ssize n, int d) {
  digit carry = 0;
  digit mask = (digit(1) << d) - 1U;
  for (ssize i = n - 1; i >= 0; i--) {
    twodigits acc = (twodigits(carry) << kShift) | a[i];
    carry = digit(acc) & mask;
    z[i] = digit(acc >> d);
  }
  return carry;
}

// Knuth, TAOCP vol. 2, 4.3.1 Algorithm D, following CPython's x_divrem: the trial quotient digit may be one too
// large (at most kBase), which the add-back step corrects.
void mag_divrem(const digit* a, ssize na, const digit* b, ssize nb, digit* q, digit* r) {
  std::vector<digit> vbuf(static_cast<size_t>(na + 1)), wbuf(static_cast<size_t>(nb));
  digit* v = vbuf.data();
  digit* w = wbuf.data();
  int d = kShift - bit_length_digit(b[nb - 1]);
  mag_lshift(w, b, nb, d);
  digit carry = mag_lshift(v, a, na, d);
  ssize size_v = na;
  if (carry != 0 || v[na - 1] >= w[nb - 1]) {
    v[na] = carry;
    size_v++;
  }
  ssize k = size_v - nb;
  ssize nq = na - nb + 1;
  for (ssize i = k; i < nq; i++) q[i] = 0;
  digit wm1 = w[nb - 1], wm2 = w[nb - 2];
  for (ssize j = k - 1; j >= 0; j--) {
    digit* vk = v + j;
    digit vtop = vk[nb];
    twodigits vv = (twodigits(vtop) << kShift) | vk[nb - 1];
    digit qd = digit(vv / wm1);
    digit rd = digit(vv % wm1);
    while (twodigits(wm2) * qd > ((twodigits(rd) << kShift) | vk[nb - 2])) {
      --qd;
      rd += wm1;
      if (rd >= kBase) break;
    }
    // vk[0..nb] -= qd * w
    sdigit zhi = 0;
    for (ssize i = 0; i < nb; i++) {
      stwodigits z = sdigit(vk[i]) + zhi - stwodigits(qd) * stwodigits(w[i]);
      vk[i] = digit(z) & kMask;
      zhi = sdigit(z >> kShift);  // arithmetic shift
    }
    if (sdigit(vtop) + zhi < 0) {
      digit c = 0;
      for (ssize i = 0; i < nb; i++) {
        c += vk[i] + w[i];
        vk[i] = c & kMask;
        c >>= kShift;
      }
      --qd;
    }
    q[j] = qd;
  }
  mag_rshift(r, v, nb, d);
}

std::vector<uint32_t> mag_to_base1e9(const digit* a, ssize n) {
  n = mag_trim(a, n);
  if (n <= kRadixCutoff) return to_1e9_school(a, n);
  Powers<Dec> pw;
  pw.p.push_back({73741824, 1});  // 2**30 in base 10**9
  std::vector<uint32_t> out;
  to_1e9_rec(a, n, pw, &out);
  return out;
}

std::vector<digit> mag_from_base1e9(const uint32_t* limbs, ssize n) {
  n = mag_trim(limbs, n);
  if (n <= kRadixCutoff) return from_1e9_school(limbs, n);
  Powers<Bin> pw;
  pw.p.push_back({digit(Dec::kBase)});
  std::vector<digit> out;
  from_1e9_rec(limbs, n, pw, &out);
  return out;
}

}  // namespace pyvm::intimpl
