// float: construction and parsing, CPython's arithmetic and sign rules, exact comparison with int, numeric hash,
// shortest repr, correctly rounded round(), hex()/fromhex() and the float methods.
#include "objects/float.h"

#include "alloc/heap.h"
#include "alloc/refcount.h"

#include <locale.h>
#include <strings.h>

#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <climits>
#include <clocale>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float_impl.h"
#include "objects/int_impl.h"
#include "objects/methods.h"
#include "objects/number_format.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"

namespace pyvm {

using intimpl::is_int;

namespace {

inline bool is_float(const Object* o) { return type_of(o) == &float_type || type_check(o, &float_type); }
inline bool is_str(Object* o) { return has_flag(type_of(o), Py_TPFLAGS_UNICODE_SUBCLASS); }
inline bool is_bytes(Object* o) { return has_flag(type_of(o), Py_TPFLAGS_BYTES_SUBCLASS); }
inline Object* not_impl() { return newref(not_implemented()); }

// 1: converted, 0: not a float or int (NotImplemented), -1: error (an int too large for a float).
int to_double(Object* o, double* d) {
  if (is_float(o)) {
    *d = float_value(o);
    return 1;
  }
  if (is_int(o)) {
    bool ok;
    *d = int_as_double(o, &ok);
    return ok ? 1 : -1;
  }
  return 0;
}

#define PYVM_CONVERT_TO_DOUBLE(o, d)                    \
  do {                                                  \
    int r_ = to_double((o), &(d));                      \
    if (r_ <= 0) return r_ == 0 ? not_impl() : nullptr; \
  } while (0)

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

locale_t c_locale() {
  static locale_t loc = newlocale(LC_ALL_MASK, "C", locale_t(nullptr));
  return loc;
}

}  // namespace

// ---- Parsing (PyOS_string_to_double without the overflow exception, and float()'s rules around it).

const char* parse_inf_or_nan(const char* s, const char* end, double* out) {
  const char* p = s;
  bool neg = false;
  if (p < end && (*p == '+' || *p == '-')) {
    neg = *p == '-';
    p++;
  }
  auto match = [&](const char* word) {
    size_t n = std::strlen(word);
    return size_t(end - p) >= n && strncasecmp(p, word, n) == 0;
  };
  if (match("infinity")) {
    *out = neg ? -HUGE_VAL : HUGE_VAL;
    return p + 8;
  }
  if (match("inf")) {
    *out = neg ? -HUGE_VAL : HUGE_VAL;
    return p + 3;
  }
  if (match("nan")) {
    *out = std::copysign(NAN, neg ? -1.0 : 1.0);
    return p + 3;
  }
  return s;
}

const char* parse_double_prefix(const char* s, const char* end, double* out) {
  const char* special = parse_inf_or_nan(s, end, out);
  if (special != s) return special;
  const char* p = s;
  if (p < end && (*p == '+' || *p == '-')) p++;
  const char* ds = p;
  while (p < end && *p >= '0' && *p <= '9') p++;
  ssize ndig = p - ds;
  if (p < end && *p == '.') {
    const char* q = p + 1;
    while (q < end && *q >= '0' && *q <= '9') q++;
    ndig += q - p - 1;
    if (ndig > 0) p = q;
  }
  if (ndig == 0) return s;
  if (p < end && (*p == 'e' || *p == 'E')) {
    const char* q = p + 1;
    if (q < end && (*q == '+' || *q == '-')) q++;
    const char* es = q;
    while (q < end && *q >= '0' && *q <= '9') q++;
    if (q > es) p = q;
  }
  std::string buf(s, p);
  *out = strtod_l(buf.c_str(), nullptr, c_locale());  // correctly rounded; +-inf on overflow, 0 on underflow
  return p;
}

// Removes underscores that sit between digits (CPython's _Py_string_to_number_with_underscores); false when
// an underscore is misplaced or the text has a NUL.
bool strip_number_underscores(std::string_view s, std::string* out) {
  out->clear();
  char prev = 0;
  for (char c : s) {
    if (c == '\0') return false;
    if (c == '_') {
      if (!(prev >= '0' && prev <= '9')) return false;
    } else {
      if (prev == '_' && !(c >= '0' && c <= '9')) return false;
      out->push_back(c);
    }
    prev = c;
  }
  return prev != '_';
}

namespace {

// float_from_string_inner: surrounding whitespace, then exactly one number.
bool parse_float_text(std::string_view text, double* out) {
  std::string clean;
  if (!strip_number_underscores(text, &clean)) return false;
  const char* s = clean.data();
  const char* last = s + clean.size();
  while (s < last && is_ascii_space(*s)) s++;
  if (s == last) return false;
  while (s < last - 1 && is_ascii_space(last[-1])) last--;
  const char* e = parse_double_prefix(s, last, out);
  return e == last && e != s;
}

std::nullptr_t cannot_convert(Object* obj) {
  std::string r;
  if (!repr_utf8(obj, &r)) return nullptr;
  return set_errorf(&exc_ValueError, "could not convert string to float: {}", r);
}

Object* float_from_string(Object* v) {
  double x;
  if (is_str(v)) {
    ssize len;
    const char* p = str_utf8(v, &len);
    std::string ascii;
    if (!p) {
      error_clear();
      return cannot_convert(v);
    }
    std::string_view text(p, size_t(len));
    if (!str_is_ascii(v)) {
      if (!intimpl::numeric_ascii(text, &ascii)) return cannot_convert(v);
      text = ascii;
    }
    if (!parse_float_text(text, &x)) return cannot_convert(v);
    return float_from_double(x);
  }
  std::string_view text;
  std::string copy;
  if (is_bytes(v)) {
    text = bytes_view(v);
  } else if (type_check(v, &bytearray_type)) {
    auto* b = reinterpret_cast<PyByteArrayObject*>(v);
    text = std::string_view(b->ob_start ? b->ob_start : "", size_t(var_size(v)));
  } else if (has_buffer(v) && bytes_like_copy(v, &copy)) {  // other exporters (memoryview)
    text = copy;
  } else {
    error_clear();
    return set_errorf(&exc_TypeError, "float() argument must be a string or a real number, not '{}'", type_name(v));
  }
  if (!parse_float_text(text, &x)) return cannot_convert(v);
  return float_from_double(x);
}

}  // namespace

// ---- Construction and conversion.

// A per-thread free list of exact floats (CPython keeps one too): float arithmetic allocates and frees constantly.
// Thread contract: each thread pushes and pops only its own list; a float freed by another thread goes on that
// thread's list, and any thread may reuse or free any block. Sanitizer builds skip the list so ASan sees every
// use after free.
namespace {
constexpr int kFloatFreeListMax = 100;
struct FloatFreeList {
  PyFloatObject* head = nullptr;  // linked through ob_type
  int size = 0;
  ~FloatFreeList() {
    while (head) {
      PyFloatObject* next = reinterpret_cast<PyFloatObject*>(head->ob_base.ob_type);
      alloc::free_object(head);
      head = next;
    }
  }
};
thread_local FloatFreeList t_float_free;
}  // namespace

Object* float_from_double(double v) {
#ifndef PYVM_SANITIZER
  FloatFreeList& fl = t_float_free;
  if (PyFloatObject* f = fl.head) {
    fl.head = reinterpret_cast<PyFloatObject*>(f->ob_base.ob_type);
    fl.size--;
    Object* o = &f->ob_base;
    init_recycled_header(o, &float_type, 0);
    f->ob_fval = v;
    return o;
  }
#endif
  Object* o = new_object(&float_type, sizeof(PyFloatObject));
  if (!o) return nullptr;
  reinterpret_cast<PyFloatObject*>(o)->ob_fval = v;
  return o;
}

Object* float_from_object(Object* o) {
  if (type_of(o) == &float_type) return newref(o);
  PyNumberMethods* m = type_of(o)->tp_as_number;
  if (m && m->nb_float) {
    Object* res = m->nb_float(o);
    if (!res || type_of(res) == &float_type) return res;
    ORef r = steal(res);
    if (!is_float(res)) {
      return set_errorf(&exc_TypeError, "{}.__float__ returned non-float (type {})", type_name(o), type_name(res));
    }
    return float_from_double(float_value(res));
  }
  if (m && m->nb_index) {
    ORef i = steal(number_index(o));
    if (!i) return nullptr;
    bool ok;
    double d = int_as_double(i.get(), &ok);
    if (!ok) return nullptr;
    return float_from_double(d);
  }
  if (is_float(o)) return float_from_double(float_value(o));
  return float_from_string(o);
}

double float_as_double(Object* o, bool* ok) {
  *ok = true;
  if (is_float(o)) return float_value(o);
  PyNumberMethods* m = type_of(o)->tp_as_number;
  if (m && m->nb_float) {
    ORef res = steal(m->nb_float(o));
    if (!res) {
      *ok = false;
      return -1.0;
    }
    if (!is_float(res.get())) {
      set_errorf(&exc_TypeError, "{}.__float__ returned non-float (type {})", type_name(o), type_name(res.get()));
      *ok = false;
      return -1.0;
    }
    return float_value(res.get());
  }
  if (m && m->nb_index) {
    ORef i = steal(number_index(o));
    if (!i) {
      *ok = false;
      return -1.0;
    }
    double d = int_as_double(i.get(), ok);
    return *ok ? d : -1.0;
  }
  set_errorf(&exc_TypeError, "must be real number, not {}", type_name(o));
  *ok = false;
  return -1.0;
}

std::string float_repr(double v) { return double_to_string(v, 'r', 0, kDtsfAddDot0); }

std::string float_format(double v, char type, int precision, bool alternate) {
  int flags = alternate ? kDtsfAlt : 0;
  if (type == 'r') return double_to_string(v, 'r', 0, flags | kDtsfAddDot0);
  if (type == '%') return double_to_string(v * 100, 'f', precision, flags) + "%";
  return double_to_string(v, type, precision, flags);
}

// CPython's _Py_HashDouble: the value modulo 2**61 - 1, processed 28 bits at a time. NaN hashes to 0 here; the
// float type hashes a NaN object by its address.
hash_t float_hash(double v) {
  if (!std::isfinite(v)) {
    if (std::isinf(v)) return v > 0 ? kHashInf : -kHashInf;
    return 0;
  }
  int e;
  double m = std::frexp(v, &e);
  int sgn = 1;
  if (m < 0) {
    sgn = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & kHashModulus) | x >> (kHashBits - 28);
    m *= 268435456.0;  // 2**28
    e -= 28;
    uint64_t y = uint64_t(m);
    m -= double(y);
    x += y;
    if (x >= kHashModulus) x -= kHashModulus;
  }
  e = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
  x = ((x << e) & kHashModulus) | x >> (kHashBits - e);
  x = x * uint64_t(int64_t(sgn));
  if (x == uint64_t(-1)) x = uint64_t(-2);
  return hash_t(x);
}

namespace {

hash_t pointer_hash(const void* p) {
  size_t y = reinterpret_cast<size_t>(p);
  y = (y >> 4) | (y << (8 * sizeof(void*) - 4));
  hash_t h = hash_t(y);
  return h == -1 ? -2 : h;
}

// OverflowError(34, 'Numerical result out of range') as PyErr_SetFromErrno makes it.
std::nullptr_t errno_error(int err) {
  Type* t = err == ERANGE ? &exc_OverflowError : &exc_ValueError;
  ORef code = steal(int_from_i64(err));
  ORef msg = steal(str_from_utf8(std::strerror(err)));
  if (!code || !msg) return nullptr;
  ORef exc = steal(call2(reinterpret_cast<Object*>(t), code.get(), msg.get()));
  if (!exc) return nullptr;
  return set_error_object(exc.get());
}

// ---- Slots.

void float_dealloc(Object* o) {
  Type* t = type_of(o);
#ifndef PYVM_SANITIZER
  FloatFreeList& fl = t_float_free;
  if (t == &float_type && fl.size < kFloatFreeListMax) {
    o->ob_type = reinterpret_cast<Type*>(fl.head);
    fl.head = reinterpret_cast<PyFloatObject*>(o);
    fl.size++;
    return;
  }
#endif
  object_free(o);
  dealloc_type_ref(t);
}

Object* float_repr_slot(Object* o) { return str_from_utf8(float_repr(float_value(o))); }

hash_t float_hash_slot(Object* o) {
  double v = float_value(o);
  if (std::isnan(v)) return pointer_hash(o);
  return float_hash(v);
}

Object* float_add(Object* a, Object* b) {
  double x, y;
  PYVM_CONVERT_TO_DOUBLE(a, x);
  PYVM_CONVERT_TO_DOUBLE(b, y);
  return float_from_double(x + y);
}

Object* float_sub(Object* a, Object* b) {
  double x, y;
  PYVM_CONVERT_TO_DOUBLE(a, x);
  PYVM_CONVERT_TO_DOUBLE(b, y);
  return float_from_double(x - y);
}

Object* float_mul(Object* a, Object* b) {
  double x, y;
  PYVM_CONVERT_TO_DOUBLE(a, x);
  PYVM_CONVERT_TO_DOUBLE(b, y);
  return float_from_double(x * y);
}

Object* float_div(Object* a, Object* b) {
  double x, y;
  PYVM_CONVERT_TO_DOUBLE(a, x);
  PYVM_CONVERT_TO_DOUBLE(b, y);
  if (y == 0.0) return set_error(&exc_ZeroDivisionError, "float division by zero");
  return float_from_double(x / y);
}

Object* float_rem(Object* a, Object* b) {
  double vx, wx;
  PYVM_CONVERT_TO_DOUBLE(a, vx);
  PYVM_CONVERT_TO_DOUBLE(b, wx);
  if (wx == 0.0) return set_error(&exc_ZeroDivisionError, "float modulo by zero");
  double mod = std::fmod(vx, wx);
  if (mod) {
    if ((wx < 0) != (mod < 0)) mod += wx;  // the remainder takes the sign of the divisor
  } else {
    mod = std::copysign(0.0, wx);
  }
  return float_from_double(mod);
}

void float_div_mod(double vx, double wx, double* floordiv, double* mod) {
  *mod = std::fmod(vx, wx);
  double div = (vx - *mod) / wx;
  if (*mod) {
    if ((wx < 0) != (*mod < 0)) {
      *mod += wx;
      div -= 1.0;
    }
  } else {
    *mod = std::copysign(0.0, wx);
  }
  if (div) {
    *floordiv = std::floor(div);
    if (div - *floordiv > 0.5) *floordiv += 1.0;
  } else {
    *floordiv = std::copysign(0.0, vx / wx);
  }
}

Object* float_divmod(Object* a, Object* b) {
  double vx, wx;
  PYVM_CONVERT_TO_DOUBLE(a, vx);
  PYVM_CONVERT_TO_DOUBLE(b, wx);
  if (wx == 0.0) return set_error(&exc_ZeroDivisionError, "float divmod()");
  double q, m;
  float_div_mod(vx, wx, &q, &m);
  ORef qo = steal(float_from_double(q)), mo = steal(float_from_double(m));
  if (!qo || !mo) return nullptr;
  return tuple_pack({qo.get(), mo.get()});
}

Object* float_floor_div(Object* a, Object* b) {
  double vx, wx;
  PYVM_CONVERT_TO_DOUBLE(a, vx);
  PYVM_CONVERT_TO_DOUBLE(b, wx);
  if (wx == 0.0) return set_error(&exc_ZeroDivisionError, "float floor division by zero");
  double q, m;
  float_div_mod(vx, wx, &q, &m);
  return float_from_double(q);
}

bool is_odd_integer(double x) { return std::fmod(std::fabs(x), 2.0) == 1.0; }

Object* float_pow(Object* v, Object* w, Object* z) {
  if (z && z != none()) {
    return set_error(&exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
  }
  double iv, iw;
  PYVM_CONVERT_TO_DOUBLE(v, iv);
  PYVM_CONVERT_TO_DOUBLE(w, iw);
  bool negate_result = false;
  if (iw == 0) return float_from_double(1.0);
  if (std::isnan(iv)) return float_from_double(iv);
  if (std::isnan(iw)) return float_from_double(iv == 1.0 ? 1.0 : iw);
  if (std::isinf(iw)) {
    iv = std::fabs(iv);
    if (iv == 1.0) return float_from_double(1.0);
    if ((iw > 0.0) == (iv > 1.0)) return float_from_double(std::fabs(iw));
    return float_from_double(0.0);
  }
  if (std::isinf(iv)) {
    bool odd = is_odd_integer(iw);
    if (iw > 0.0) return float_from_double(odd ? iv : std::fabs(iv));
    return float_from_double(odd ? std::copysign(0.0, iv) : 0.0);
  }
  if (iv == 0.0) {
    bool odd = is_odd_integer(iw);
    if (iw < 0.0) return set_error(&exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return float_from_double(odd ? iv : 0.0);
  }
  if (iv < 0.0) {
    if (iw != std::floor(iw)) {
      // A negative number to a fractional power is complex.
      return complex_type.tp_as_number->nb_power(v, w, z ? z : none());
    }
    iv = -iv;
    negate_result = is_odd_integer(iw);
  }
  if (iv == 1.0) return float_from_double(negate_result ? -1.0 : 1.0);
  errno = 0;
  double ix = std::pow(iv, iw);
  if (errno == 0) {
    if (ix == HUGE_VAL || ix == -HUGE_VAL) errno = ERANGE;
  } else if (errno == ERANGE && ix == 0.0) {
    errno = 0;
  }
  if (negate_result) ix = -ix;
  if (errno != 0) return errno_error(errno);
  return float_from_double(ix);
}

Object* float_neg(Object* a) { return float_from_double(-float_value(a)); }
Object* float_abs(Object* a) { return float_from_double(std::fabs(float_value(a))); }
int float_bool(Object* a) { return float_value(a) != 0.0; }

// float(self) as an exact float.
Object* float_float(Object* a) {
  if (type_of(a) == &float_type) return newref(a);
  return float_from_double(float_value(a));
}

Object* float_trunc(Object* a, Object* = nullptr) { return int_from_double(float_value(a)); }
Object* float_floor(Object* a, Object*) { return int_from_double(std::floor(float_value(a))); }
Object* float_ceil(Object* a, Object*) { return int_from_double(std::ceil(float_value(a))); }
Object* float_int_slot(Object* a) { return float_trunc(a); }

// Exact comparison of a float with an int, following CPython's float_richcompare.
Object* float_richcompare(Object* v, Object* w, int op) {
  double i = float_value(v), j;
  if (is_float(w)) {
    j = float_value(w);
  } else if (!std::isfinite(i)) {
    if (!is_int(w)) return not_impl();
    j = 0.0;  // inf and nan compare the same way against every int
  } else if (is_int(w)) {
    int vsign = i == 0.0 ? 0 : i < 0.0 ? -1 : 1;
    int wsign = int_sign(w);
    if (vsign != wsign) {
      i = vsign;
      j = wsign;
    } else if (intimpl::bit_length(w) <= 48) {
      bool ovf;
      j = intimpl::int_to_double(w, &ovf);  // exact
    } else {
      if (vsign < 0) {
        i = -i;
        static const int kSwapped[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};
        op = kSwapped[op];
      }
      int exponent;
      std::frexp(i, &exponent);
      int64_t nbits = intimpl::bit_length(w);
      if (exponent < 0 || exponent < nbits) {
        i = 1.0;
        j = 2.0;
      } else if (exponent > nbits) {
        i = 2.0;
        j = 1.0;
      } else {
        // Same number of integer bits: compare the integer parts exactly, the fraction breaks a tie.
        double intpart;
        double fracpart = std::modf(i, &intpart);
        ORef vv = steal(int_from_double(intpart));
        if (!vv) return nullptr;
        ORef ww = steal(intimpl::copy_exact(w, wsign < 0 ? -1 : 1));
        if (!ww) return nullptr;
        int c = int_compare(vv.get(), ww.get());
        if (c == 0 && fracpart != 0.0) c = 1;
        i = c;
        j = 0.0;
      }
    }
  } else {
    return not_impl();
  }
  bool r;
  switch (op) {
    case Py_EQ:
      r = i == j;
      break;
    case Py_NE:
      r = i != j;
      break;
    case Py_LE:
      r = i <= j;
      break;
    case Py_GE:
      r = i >= j;
      break;
    case Py_LT:
      r = i < j;
      break;
    default:
      r = i > j;
      break;
  }
  return bool_obj(r);
}

// ---- Methods.

Object* float_is_integer(Object* self, Object*) {
  double x = float_value(self);
  if (!std::isfinite(x)) return false_();
  return bool_obj(std::floor(x) == x);
}

Object* float_conjugate(Object* self, Object*) { return float_float(self); }
Object* float_get_real(Object* self, void*) { return float_float(self); }
Object* float_get_imag(Object*, void*) { return float_from_double(0.0); }

Object* float_getnewargs(Object* self, Object*) {
  ORef f = steal(float_from_double(float_value(self)));
  if (!f) return nullptr;
  return tuple_pack({f.get()});
}

Object* float_as_integer_ratio(Object* self, Object*) {
  double x = float_value(self);
  if (std::isinf(x)) return set_error(&exc_OverflowError, "cannot convert Infinity to integer ratio");
  if (std::isnan(x)) return set_error(&exc_ValueError, "cannot convert NaN to integer ratio");
  int exponent;
  double fp = std::frexp(x, &exponent);
  for (int i = 0; i < 300 && fp != std::floor(fp); i++) {
    fp *= 2.0;
    exponent--;
  }
  ORef num = steal(int_from_double(fp));
  if (!num) return nullptr;
  ORef den = borrow(intimpl::small_int(1));
  if (exponent > 0) {
    num = steal(intimpl::int_lshift(num.get(), exponent));
    if (!num) return nullptr;
  } else {
    den = steal(intimpl::int_lshift(den.get(), -int64_t(exponent)));
    if (!den) return nullptr;
  }
  return tuple_pack({num.get(), den.get()});
}

// round(x, n) for n < 0: x = m * 2**q exactly, so the nearest multiple of 10**-n (ties to even) is integer
// arithmetic; the final int -> float conversion rounds correctly.
Object* round_negative_ndigits(double x, int64_t ndigits) {
  int e;
  double fr = std::frexp(std::fabs(x), &e);
  int64_t m = int64_t(std::ldexp(fr, DBL_MANT_DIG));
  int64_t q = e - DBL_MANT_DIG;
  ORef p = steal(intimpl::int_pow_small(10, -ndigits));
  ORef num = steal(int_from_i64(m));
  if (!p || !num) return nullptr;
  ORef den = p;
  if (q >= 0) {
    num = steal(intimpl::int_lshift(num.get(), q));
  } else {
    den = steal(intimpl::int_lshift(p.get(), -q));
  }
  if (!num || !den) return nullptr;
  Object *quo, *rem;
  if (!intimpl::int_divmod(num.get(), den.get(), &quo, &rem)) return nullptr;
  ORef qo = steal(quo), ro = steal(rem);
  ORef twice = steal(intimpl::int_lshift(rem, 1));
  if (!twice) return nullptr;
  int c = int_compare(twice.get(), den.get());
  if (c > 0 || (c == 0 && intimpl::ndigits(quo) > 0 && (intimpl::dig(quo)[0] & 1))) {
    qo = steal(intimpl::int_add(quo, intimpl::small_int(1)));
    if (!qo) return nullptr;
  }
  ORef res = steal(intimpl::int_mul(qo.get(), p.get()));
  if (!res) return nullptr;
  bool overflow;
  double r = intimpl::int_to_double(res.get(), &overflow);
  if (overflow) return set_error(&exc_OverflowError, "rounded value too large to represent");
  return float_from_double(std::copysign(r, x));
}

Object* float_round(Object* self, Object* const* args, ssize nargs) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "__round__ expected at most 1 argument, got {}", nargs);
  double x = float_value(self);
  if (nargs == 0 || args[0] == none()) {
    double rounded = std::round(x);
    if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);  // ties to even
    return int_from_double(rounded);
  }
  ssize ndigits = number_as_ssize(args[0], nullptr);
  if (ndigits == -1 && error_occurred()) return nullptr;
  if (!std::isfinite(x) || x == 0.0) return float_from_double(x);
  constexpr int kNdigitsMax = int((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
  constexpr int kNdigitsMin = -int((DBL_MAX_EXP + 1) * 0.30103);
  if (ndigits > kNdigitsMax) return float_from_double(x);
  if (ndigits < kNdigitsMin) return float_from_double(0.0 * x);
  if (ndigits < 0) return round_negative_ndigits(x, ndigits);
  // Correctly rounded decimal text with ndigits places (ties to even on the exact value), read back.
  std::string digits;
  int decpt;
  double_digits(x, 3, int(ndigits), &digits, &decpt);
  std::string text = "0" + digits + "e" + std::to_string(decpt - int(digits.size()));
  double r = strtod_l(text.c_str(), nullptr, c_locale());
  return float_from_double(std::copysign(r, x));
}

Object* float_hex(Object* self, Object*) {
  double x = float_value(self);
  if (std::isnan(x) || std::isinf(x)) return float_repr_slot(self);
  if (x == 0.0) return str_from_utf8(std::copysign(1.0, x) == -1.0 ? "-0x0.0p+0" : "0x0.0p+0");
  static const char kHex[] = "0123456789abcdef";
  int e;
  double m = std::frexp(std::fabs(x), &e);
  int shift = 1 - std::max(DBL_MIN_EXP - e, 0);
  m = std::ldexp(m, shift);
  e -= shift;
  std::string s;
  s.push_back(kHex[int(m)]);
  m -= int(m);
  s.push_back('.');
  constexpr int kNbits = DBL_MANT_DIG + 3 - (DBL_MANT_DIG + 2) % 4;
  for (int i = 0; i < (kNbits - 1) / 4; i++) {
    m *= 16.0;
    s.push_back(kHex[int(m)]);
    m -= int(m);
  }
  return str_from_utf8(fmt::format("{}0x{}p{}{}", x < 0.0 ? "-" : "", s, e < 0 ? '-' : '+', e < 0 ? -e : e));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// float.fromhex, after CPython's float_fromhex: exact value, rounded half-even once, with subnormals.
Object* float_fromhex(Object* cls, Object* arg) {
  if (!is_str(arg)) return set_error(&exc_TypeError, "bad argument type for built-in operation");
  ssize len;
  const char* s = str_utf8(arg, &len);
  if (!s) return nullptr;
  const char* end = s + len;
  auto parse_error = [] { return set_error(&exc_ValueError, "invalid hexadecimal floating-point string"); };
  auto overflow_error = [] {
    return set_error(&exc_OverflowError, "hexadecimal value too large to represent as a float");
  };
  while (s < end && is_ascii_space(*s)) s++;
  double x = 0.0;
  bool negate = false;
  double special;
  const char* coeff_end = parse_inf_or_nan(s, end, &special);
  if (coeff_end != s) {
    s = coeff_end;
    x = special;
  } else {
    if (s < end && *s == '-') {
      negate = true;
      s++;
    } else if (s < end && *s == '+') {
      s++;
    }
    if (end - s >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2;
    const char* coeff_start = s;
    while (s < end && hex_value(*s) >= 0) s++;
    const char* int_end = s;
    const char* frac_start = s;
    if (s < end && *s == '.') {
      s++;
      frac_start = s;
      while (s < end && hex_value(*s) >= 0) s++;
    }
    const char* frac_end = s;
    ssize int_digits = int_end - coeff_start;
    ssize frac_digits = frac_end - frac_start;
    if (int_digits + frac_digits == 0) return parse_error();
    long exp = 0;
    if (s < end && (*s == 'p' || *s == 'P')) {
      s++;
      const char* exp_start = s;
      if (s < end && (*s == '-' || *s == '+')) s++;
      if (!(s < end && *s >= '0' && *s <= '9')) return parse_error();
      while (s < end && *s >= '0' && *s <= '9') s++;
      std::string es(exp_start, s);
      exp = std::strtol(es.c_str(), nullptr, 10);  // clamps to LONG_MIN/LONG_MAX
    }
    // Hex digits, least significant first.
    std::vector<int> hd;
    for (const char* p = frac_end; p > frac_start;) hd.push_back(hex_value(*--p));
    for (const char* p = int_end; p > coeff_start;) hd.push_back(hex_value(*--p));
    while (!hd.empty() && hd.back() == 0) hd.pop_back();
    ssize ndigits = ssize(hd.size());
    if (ndigits > (LONG_MAX / 4 - 1) || frac_digits > (LONG_MAX / 4 - 1)) {
      return set_error(&exc_ValueError, "hexadecimal string too long to convert");
    }
    if (ndigits == 0 || exp < LONG_MIN / 2) {
      x = 0.0;
    } else if (exp > LONG_MAX / 2) {
      return overflow_error();
    } else {
      exp -= 4 * long(frac_digits);
      long top_exp = exp + 4 * (long(ndigits) - 1);
      for (int d = hd[size_t(ndigits - 1)]; d != 0; d /= 2) top_exp++;
      if (top_exp < DBL_MIN_EXP - DBL_MANT_DIG) {
        x = 0.0;
      } else if (top_exp > DBL_MAX_EXP) {
        return overflow_error();
      } else {
        long lsb = std::max(top_exp, long(DBL_MIN_EXP)) - DBL_MANT_DIG;
        if (exp >= lsb) {
          for (ssize i = ndigits - 1; i >= 0; i--) x = 16.0 * x + hd[size_t(i)];
          x = std::ldexp(x, int(exp));
        } else {
          int half_eps = 1 << int((lsb - exp - 1) % 4);
          ssize key_digit = ssize((lsb - exp - 1) / 4);
          for (ssize i = ndigits - 1; i > key_digit; i--) x = 16.0 * x + hd[size_t(i)];
          int digit = hd[size_t(key_digit)];
          x = 16.0 * x + double(digit & (16 - 2 * half_eps));
          if (digit & half_eps) {
            bool round_up = false;
            if ((digit & (3 * half_eps - 1)) != 0 ||
                (half_eps == 8 && key_digit + 1 < ndigits && (hd[size_t(key_digit + 1)] & 1) != 0)) {
              round_up = true;
            } else {
              for (ssize i = key_digit - 1; i >= 0; i--) {
                if (hd[size_t(i)] != 0) {
                  round_up = true;
                  break;
                }
              }
            }
            if (round_up) {
              x += 2 * half_eps;
              if (top_exp == DBL_MAX_EXP && x == std::ldexp(double(2 * half_eps), DBL_MANT_DIG)) {
                return overflow_error();
              }
            }
          }
          x = std::ldexp(x, int(exp + 4 * long(key_digit)));
        }
      }
    }
  }
  while (s < end && is_ascii_space(*s)) s++;
  if (s != end) return parse_error();
  ORef result = steal(float_from_double(negate ? -x : x));
  if (!result) return nullptr;
  if (cls != reinterpret_cast<Object*>(&float_type)) return call1(cls, result.get());
  return result.release();
}

Object* float_getformat(Object*, Object* arg) {
  if (!is_str(arg)) {
    return set_errorf(&exc_TypeError, "float.__getformat__() argument must be str, not {}", type_name(arg));
  }
  std::string_view s = str_view(arg);
  if (s != "double" && s != "float") {
    return set_error(&exc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
  }
  return str_from_utf8("IEEE, little-endian");
}

Object* float_format_meth(Object* self, Object* spec) {
  if (!is_str(spec)) return set_errorf(&exc_TypeError, "__format__() argument must be str, not {}", type_name(spec));
  if (str_length(spec) == 0) return object_str(self);
  ssize len;
  const char* sp = str_utf8(spec, &len);
  if (!sp) return nullptr;
  std::string out;
  if (!format_float_spec(self, float_value(self), std::string_view(sp, size_t(len)), &out)) return nullptr;
  return str_from_utf8(out);
}

// ---- float().

Object* float_new_impl(Type* type, Object* x) {
  Object* f;
  if (!x) {
    f = float_from_double(0.0);
  } else if (type_of(x) == &str_type) {
    f = float_from_string(x);
  } else {
    f = float_from_object(x);
  }
  if (!f || type == &float_type) return f;
  ORef tmp = steal(f);
  Object* o = type->tp_alloc ? type->tp_alloc(type, 0) : new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  reinterpret_cast<PyFloatObject*>(o)->ob_fval = float_value(f);
  return o;
}

Object* float_new(Type* type, Object* args, Object* kwargs) {
  if (kwargs && dict_size(kwargs)) return set_error(&exc_TypeError, "float() takes no keyword arguments");
  ssize nargs = tuple_size(args);
  if (nargs > 1) return set_errorf(&exc_TypeError, "float expected at most 1 argument, got {}", nargs);
  return float_new_impl(type, nargs ? tuple_get(args, 0) : nullptr);
}

Object* float_vectorcall(Object* type, Object* const* args, size_t nargsf, Object* kwnames) {
  if (kwnames && tuple_size(kwnames)) return set_error(&exc_TypeError, "float() takes no keyword arguments");
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  if (nargs > 1) return set_errorf(&exc_TypeError, "float expected at most 1 argument, got {}", nargs);
  return float_new_impl(reinterpret_cast<Type*>(type), nargs ? args[0] : nullptr);
}

PyMethodDef float_methods[] = {
    {"conjugate", float_conjugate, METH_NOARGS, "Return self, the complex conjugate of any float."},
    {"__trunc__", float_trunc, METH_NOARGS, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor, METH_NOARGS, "Return the floor as an Integral."},
    {"__ceil__", float_ceil, METH_NOARGS, "Return the ceiling as an Integral."},
    {"__round__", as_cfunc(float_round), METH_FASTCALL, "Return the Integral closest to x, rounding half toward even."},
    {"as_integer_ratio", float_as_integer_ratio, METH_NOARGS,
     "Return a pair of integers, whose ratio is exactly equal to the original float."},
    {"fromhex", float_fromhex, METH_O | METH_CLASS, "Create a floating-point number from a hexadecimal string."},
    {"hex", float_hex, METH_NOARGS, "Return a hexadecimal representation of a floating-point number."},
    {"is_integer", float_is_integer, METH_NOARGS, "Return True if the float is an integer."},
    {"__getnewargs__", float_getnewargs, METH_NOARGS, nullptr},
    {"__getformat__", float_getformat, METH_O | METH_CLASS, "You probably don't want to use this function."},
    {"__format__", float_format_meth, METH_O, "Formats the float according to format_spec."},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef float_getset[] = {
    {"real", float_get_real, nullptr, "the real part of a complex number", nullptr},
    {"imag", float_get_imag, nullptr, "the imaginary part of a complex number", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyNumberMethods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_rem,
    .nb_divmod = float_divmod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_float,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_int_slot,
    .nb_float = float_float,
    .nb_floor_divide = float_floor_div,
    .nb_true_divide = float_div,
};

}  // namespace

Type float_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "float",
    .tp_basicsize = sizeof(PyFloatObject),
    .tp_dealloc = float_dealloc,
    .tp_repr = float_repr_slot,
    .tp_as_number = &float_as_number,
    .tp_hash = float_hash_slot,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_IMMUTABLETYPE,
    .tp_doc = "Convert a string or number to a floating-point number, if possible.",
    .tp_richcompare = float_richcompare,
    .tp_methods = float_methods,
    .tp_getset = float_getset,
    .tp_new = float_new,
    .tp_free = object_free,
    .tp_vectorcall = float_vectorcall,
};

}  // namespace pyvm
