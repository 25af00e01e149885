// int <-> text: decimal output through base-10**9 limbs, power-of-two bases, int(text, base) parsing with
// CPython's syntax and messages, and the sys.set_int_max_str_digits limit.
#include <atomic>
#include <charconv>
#include <cstring>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/int_impl.h"
#include "objects/str.h"

namespace pyvm {

using namespace intimpl;

namespace {

std::atomic<int> g_max_str_digits{kIntMaxStrDigitsDefault};

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 37;
}

std::nullptr_t to_str_limit_error(int maxd) {
  return set_errorf(&exc_ValueError,
                    "Exceeds the limit ({} digits) for integer string conversion; use "
                    "sys.set_int_max_str_digits() to increase the limit",
                    maxd);
}

void append_u32(std::string* out, uint32_t v, int width) {
  char buf[16];
  int n = 0;
  do {
    buf[n++] = char('0' + v % 10);
    v /= 10;
  } while (v || n < width);
  while (n) out->push_back(buf[--n]);
}

bool to_decimal(Object* o, std::string* out) {
  out->clear();
  if (int_is_compact(o)) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, int64_t(int_compact_value(o)));
    out->assign(buf, r.ptr);
    return true;
  }
  ssize n = ndigits(o);
  int maxd = g_max_str_digits.load(std::memory_order_relaxed);
  // The quick pre-check CPython does before converting (avoids the work for absurdly large values).
  if (n >= 10 * kIntMaxStrDigitsThreshold / (3 * kShift) + 2 && maxd > 0 && maxd / (3 * kShift) <= (n - 11) / 10) {
    to_str_limit_error(maxd);
    return false;
  }
  std::vector<uint32_t> limbs = mag_to_base1e9(dig(o), n);
  uint32_t top = limbs.back();
  size_t topd = 1;
  for (uint32_t t = top; t >= 10; t /= 10) topd++;
  size_t nd = topd + 9 * (limbs.size() - 1);
  if (nd > size_t(kIntMaxStrDigitsThreshold) && maxd > 0 && nd > size_t(maxd)) {
    to_str_limit_error(maxd);
    return false;
  }
  out->reserve(nd + 1);
  if (is_negative(o)) out->push_back('-');
  append_u32(out, top, 1);
  for (size_t i = limbs.size() - 1; i-- > 0;) append_u32(out, limbs[i], 9);
  return true;
}

void to_pow2_base(Object* o, int base, bool prefix, std::string* out) {
  static const char kChars[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  int bits = base == 2 ? 1 : base == 4 ? 2 : base == 8 ? 3 : base == 16 ? 4 : 5;
  int64_t nbits = bit_length(o);
  size_t nchars = nbits == 0 ? 1 : size_t((nbits + bits - 1) / bits);
  out->clear();
  out->reserve(nchars + 3);
  if (is_negative(o)) out->push_back('-');
  if (prefix) {
    out->push_back('0');
    out->push_back(base == 2 ? 'b' : base == 8 ? 'o' : 'x');
  }
  size_t start = out->size();
  out->append(nchars, '0');
  char* body = out->data() + start;
  const digit* d = dig(o);
  uint64_t acc = 0;
  int accbits = 0;
  size_t pos = nchars;
  unsigned mask = (1u << bits) - 1;
  for (ssize i = 0; i < ndigits(o); i++) {
    acc |= uint64_t(d[i]) << accbits;
    accbits += kShift;
    while (accbits >= bits && pos > 0) {
      body[--pos] = kChars[acc & mask];
      acc >>= bits;
      accbits -= bits;
    }
  }
  if (pos > 0 && accbits > 0) body[--pos] = kChars[acc & mask];
}

// Quadratic repeated division for the bases nobody prints big numbers in.
void to_other_base(Object* o, int base, std::string* out) {
  static const char kChars[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::vector<digit> m(dig(o), dig(o) + ndigits(o));
  digit chunk = digit(base);
  int per = 1;
  while (uint64_t(chunk) * base < kBase) {
    chunk *= digit(base);
    per++;
  }
  std::string rev;
  ssize n = ssize(m.size());
  while (n > 0) {
    digit r = mag_divrem1(m.data(), m.data(), n, chunk);
    n = mag_trim(m.data(), n);
    for (int i = 0; i < per; i++) {
      if (n == 0 && r == 0) break;
      rev.push_back(kChars[r % digit(base)]);
      r /= digit(base);
    }
  }
  if (rev.empty()) rev.push_back('0');
  out->clear();
  if (is_negative(o)) out->push_back('-');
  out->append(rev.rbegin(), rev.rend());
}

// Digits of a validated literal (digits and single underscores between them) in a power-of-two base.
Object* from_binary_base(const char* start, const char* end, ssize ndig, int base) {
  int bits = base == 2 ? 1 : base == 4 ? 2 : base == 8 ? 3 : base == 16 ? 4 : 5;
  int64_t total = int64_t(ndig) * bits;
  ssize n = ssize((total + kShift - 1) / kShift);
  Object* z = long_alloc(n);
  if (!z) return nullptr;
  digit* d = dig(z);
  uint64_t acc = 0;
  int accbits = 0;
  ssize di = 0;
  for (const char* p = end; p > start;) {
    char c = *--p;
    if (c == '_') continue;
    acc |= uint64_t(digit_value(c)) << accbits;
    accbits += bits;
    if (accbits >= kShift) {
      d[di++] = digit(acc & kMask);
      acc >>= kShift;
      accbits -= kShift;
    }
  }
  if (accbits) d[di++] = digit(acc);
  return finish(z, n, 1);
}

Object* from_decimal(const char* start, const char* end, ssize ndig) {
  if (ndig <= 18) {
    int64_t v = 0;
    for (const char* p = start; p < end; p++) {
      if (*p != '_') v = v * 10 + (*p - '0');
    }
    return int_from_i64(v);
  }
  std::vector<uint32_t> limbs(size_t((ndig + 8) / 9));
  size_t li = 0;
  uint32_t cur = 0, mul = 1;
  int cnt = 0;
  for (const char* p = end; p > start;) {
    char c = *--p;
    if (c == '_') continue;
    cur += uint32_t(c - '0') * mul;
    mul *= 10;
    if (++cnt == 9) {
      limbs[li++] = cur;
      cur = 0;
      mul = 1;
      cnt = 0;
    }
  }
  if (cnt) limbs[li++] = cur;
  std::vector<digit> m = mag_from_base1e9(limbs.data(), ssize(li));
  return from_mag(m, 1);
}

Object* from_other_base(const char* start, const char* end, int base) {
  digit convmult = digit(base);
  int convwidth = 1;
  while (uint64_t(convmult) * base < kBase) {
    convmult *= digit(base);
    convwidth++;
  }
  std::vector<digit> m;
  digit c = 0, mult = 1;
  int k = 0;
  auto flush = [&] {
    digit carry = mag_muladd1(m.data(), ssize(m.size()), mult, c);
    if (carry) m.push_back(carry);
    c = 0;
    mult = 1;
    k = 0;
  };
  for (const char* p = start; p < end; p++) {
    if (*p == '_') continue;
    c = c * digit(base) + digit(digit_value(*p));
    mult *= digit(base);
    if (++k == convwidth) flush();
  }
  if (k) flush();
  return from_mag(m, 1);
}

// Cuts a repr to n code points, as "%.200R" does.
std::string truncate_codepoints(std::string_view s, size_t n) {
  size_t cps = 0, i = 0;
  for (; i < s.size(); i++) {
    if ((uint8_t(s[i]) & 0xC0) != 0x80) {
      if (cps == n) break;
      cps++;
    }
  }
  return std::string(s.substr(0, i));
}

std::nullptr_t invalid_literal_str(Object* s, int base) {
  std::string r;
  if (!repr_utf8(s, &r)) return nullptr;
  return set_errorf(&exc_ValueError, "invalid literal for int() with base {}: {}", base, truncate_codepoints(r, 200));
}

}  // namespace

namespace intimpl {

// The ASCII form of a str for numeric parsing: Unicode spaces become ' ', Unicode decimal digits their ASCII
// digit, any other non-ASCII character '?'. Returns false (no error) for strings that are not valid UTF-8.
bool numeric_ascii(std::string_view s, std::string* out) {
  out->clear();
  out->reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint8_t c = uint8_t(s[i]);
    if (c < 0x80) {
      out->push_back(char(c));
      i++;
      continue;
    }
    uint32_t cp;
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (i + size_t(len) > s.size()) return false;
    cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (int k = 1; k < len; k++) cp = (cp << 6) | (uint8_t(s[i + size_t(k)]) & 0x3F);
    i += size_t(len);
    int digit = uchar_decimal(cp);
    out->push_back(uchar_isspace(cp) ? ' ' : digit >= 0 ? char('0' + digit) : '?');
  }
  return true;
}

Object* parse_int(const char* s, ssize len, int base, bool* bad) {
  *bad = false;
  const char* p = s;
  const char* end = s + len;
  auto fail = [&]() -> Object* {
    *bad = true;
    return nullptr;
  };
  auto at = [&](ssize i) -> char { return p + i < end ? p[i] : '\0'; };
  while (p < end && is_ascii_space(*p)) p++;
  int sgn = 1;
  if (at(0) == '+') {
    p++;
  } else if (at(0) == '-') {
    p++;
    sgn = -1;
  }
  bool error_if_nonzero = false;
  if (base == 0) {
    char c1 = at(1);
    if (at(0) != '0') {
      base = 10;
    } else if (c1 == 'x' || c1 == 'X') {
      base = 16;
    } else if (c1 == 'o' || c1 == 'O') {
      base = 8;
    } else if (c1 == 'b' || c1 == 'B') {
      base = 2;
    } else {
      error_if_nonzero = true;  // an old C-style octal literal is only valid when it is zero
      base = 10;
    }
  }
  if (at(0) == '0') {
    char c1 = at(1);
    if ((base == 16 && (c1 == 'x' || c1 == 'X')) || (base == 8 && (c1 == 'o' || c1 == 'O')) ||
        (base == 2 && (c1 == 'b' || c1 == 'B'))) {
      p += 2;
      if (at(0) == '_') p++;  // one underscore allowed after the prefix
    }
  }
  const char* start = p;
  if (at(0) == '_') return fail();
  char prev = 0;
  ssize ndig = 0;
  while (p < end && (digit_value(*p) < base || *p == '_')) {
    if (*p == '_') {
      if (prev == '_') return fail();
    } else {
      ndig++;
    }
    prev = *p++;
  }
  if (prev == '_') return fail();
  const char* dend = p;
  if (start == dend) return fail();
  while (p < end && is_ascii_space(*p)) p++;
  if (p != end) return fail();

  Object* z;
  if ((base & (base - 1)) == 0) {
    z = from_binary_base(start, dend, ndig, base);
  } else {
    if (ndig > kIntMaxStrDigitsThreshold) {
      int maxd = g_max_str_digits.load(std::memory_order_relaxed);
      if (maxd > 0 && ndig > maxd) {
        return set_errorf(&exc_ValueError,
                          "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use "
                          "sys.set_int_max_str_digits() to increase the limit",
                          maxd, ndig);
      }
    }
    z = base == 10 ? from_decimal(start, dend, ndig) : from_other_base(start, dend, base);
  }
  if (!z) return nullptr;
  if (error_if_nonzero && !is_zero(z)) {
    decref(z);
    return fail();
  }
  if (sgn < 0 && !is_zero(z)) {
    if (int_is_compact(z)) {
      Object* r = int_from_i64(-int64_t(int_compact_value(z)));
      decref(z);
      return r;
    }
    set_tag(z, -1, ndigits(z));  // a fresh object we own alone
  }
  return z;
}

Object* int_repr(Object* o) {
  std::string s;
  if (!to_decimal(o, &s)) return nullptr;
  return str_from_utf8(s);
}

}  // namespace intimpl

bool int_to_text(Object* o, int base, bool prefix, std::string* out) {
  if (base == 10) return to_decimal(o, out);
  if (base == 2 || base == 4 || base == 8 || base == 16 || base == 32) {
    to_pow2_base(o, base, prefix && (base == 2 || base == 8 || base == 16), out);
    return true;
  }
  if (base < 2 || base > 36) {
    set_error(&exc_SystemError, "int_to_text: bad base");
    return false;
  }
  to_other_base(o, base, out);
  return true;
}

bool int_to_string(Object* o, int base, std::string* out) { return int_to_text(o, base, false, out); }

Object* int_from_string(const char* s, ssize len, int base) {
  if ((base != 0 && base < 2) || base > 36) return set_error(&exc_ValueError, "int() arg 2 must be >= 2 and <= 36");
  bool bad;
  Object* r = parse_int(s, len, base, &bad);
  if (r || !bad) return r;
  ORef so = steal(str_from_utf8(s, len));
  if (!so) return nullptr;
  return invalid_literal_str(so.get(), base);
}

Object* int_from_str_object(Object* s, int base) {
  if ((base != 0 && base < 2) || base > 36) return set_error(&exc_ValueError, "int() arg 2 must be >= 2 and <= 36");
  ssize len;
  const char* p = str_utf8(s, &len);
  bool bad = false;
  Object* r = nullptr;
  if (!p) {
    error_clear();  // lone surrogates: not a valid literal
    bad = true;
  } else if (str_is_ascii(s)) {
    r = parse_int(p, len, base, &bad);
  } else {
    std::string ascii;
    if (!numeric_ascii(std::string_view(p, size_t(len)), &ascii)) {
      bad = true;
    } else {
      r = parse_int(ascii.data(), ssize(ascii.size()), base, &bad);
    }
  }
  if (r || !bad) return r;
  return invalid_literal_str(s, base);
}

Object* int_from_bytes_text(const char* s, ssize len, int base) {
  if ((base != 0 && base < 2) || base > 36) return set_error(&exc_ValueError, "int() arg 2 must be >= 2 and <= 36");
  bool bad;
  Object* r = parse_int(s, len, base, &bad);
  if (r || !bad) return r;
  ORef b = steal(bytes_from(s, len < 200 ? len : 200));
  if (!b) return nullptr;
  std::string rep;
  if (!repr_utf8(b.get(), &rep)) return nullptr;
  return set_errorf(&exc_ValueError, "invalid literal for int() with base {}: {}", base, rep);
}

int int_max_str_digits() { return g_max_str_digits.load(std::memory_order_relaxed); }
void set_int_max_str_digits(int n) { g_max_str_digits.store(n, std::memory_order_relaxed); }

}  // namespace pyvm
