// int and bool: the small-int table, construction and conversion, hashing, comparison, int()/bool() and the
// int methods. Arithmetic lives in int_ops.cc, text conversion in int_text.cc, digit algorithms in int_mag.cc.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <utility>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int_impl.h"
#include "objects/methods.h"
#include "objects/number_format.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"

namespace pyvm {

using namespace intimpl;

// ---- Statically allocated immortal objects: small ints, True and False.

namespace {
constexpr size_t kSmallCount = kSmallIntMax - kSmallIntMin + 1;

constexpr PyLongObject make_small(int v) {
  return PyLongObject{PYVM_IMMORTAL_HEADER(&int_type),
                      {make_tag(v < 0 ? -1 : 1, v == 0 ? 0 : 1), {digit(v < 0 ? -v : v)}}};
}
template <size_t... I>
constexpr std::array<PyLongObject, sizeof...(I)> make_small_table(std::index_sequence<I...>) {
  return {{make_small(int(I) + kSmallIntMin)...}};
}
}  // namespace

// Constant-initialised: no start-up code and no first-use race.
constinit std::array<PyLongObject, kSmallCount> intimpl::small_ints =
    make_small_table(std::make_index_sequence<kSmallCount>());

constinit PyLongObject true_obj = {PYVM_IMMORTAL_HEADER(&bool_type), {make_tag(1, 1), {1}}};
constinit PyLongObject false_obj = {PYVM_IMMORTAL_HEADER(&bool_type), {make_tag(1, 0), {0}}};

// ---- Allocation.

namespace intimpl {

// Digit counts beyond this cannot be represented (the count must fit lv_tag and the byte size an ssize).
constexpr ssize kMaxDigits = (ssize(1) << 58) / ssize(sizeof(digit));

std::nullptr_t too_many_digits() { return set_error(&exc_OverflowError, "too many digits in integer"); }

}  // namespace intimpl

// One-digit ints of exact type are recycled through a per-thread free list: a loop counter or any arithmetic result
// beyond the small-int table would otherwise cost an allocation and a free per value. A free int links to the next
// through its first word (ob_tid), as mimalloc links a freed block, so its type and value stay readable as they
// would in freed memory. The list is the thread's own (no lock), capped at kIntFreeMax, and released when the thread
// exits: the list itself is trivially destructible (a cheap TLS access on every alloc and free); a separate
// thread_local with a destructor is touched once, when the list first gains an entry, to release it at thread exit.
namespace {
constexpr int kIntFreeMax = 256;
struct IntFreeList {
  Object* head = nullptr;
  int count = 0;
};
constinit thread_local IntFreeList t_int_free;
struct IntFreeListReleaser {
  bool armed = false;
  ~IntFreeListReleaser() {
    IntFreeList& fl = t_int_free;
    while (Object* o = fl.head) {
      fl.head = reinterpret_cast<Object*>(o->ob_tid);
      object_free(o);
    }
    fl.count = 0;
  }
};
thread_local IntFreeListReleaser t_int_free_releaser;
[[gnu::noinline]] void arm_int_free_releaser() { t_int_free_releaser.armed = true; }

// Takes a freed one-digit int from the thread's list as a new object (refcount 1, owned here); null when empty.
inline Object* int_from_free_list() {
  IntFreeList& fl = t_int_free;
  Object* o = fl.head;
  if (!o) return nullptr;
  fl.head = reinterpret_cast<Object*>(o->ob_tid);
  fl.count--;
  init_recycled_header(o, &int_type, 0);
  return o;
}
}  // namespace

namespace intimpl {

[[gnu::noinline]] Object* long_alloc_new(ssize n);

Object* long_alloc(ssize n) {
  if (n <= 1) {
    if (Object* o = int_from_free_list()) {
      set_tag(o, 1, n);
      return o;
    }
  }
  return long_alloc_new(n);
}

Object* long_alloc_new(ssize n) {
  if (n > kMaxDigits) return too_many_digits();
  ssize cap = n < 1 ? 1 : n;
  Object* o = new_object(&int_type, offsetof(PyLongObject, long_value.ob_digit) + size_t(cap) * sizeof(digit));
  if (!o) return nullptr;
  set_tag(o, 1, n);
  return o;
}

Object* finish(Object* v, ssize n, int sign) {
  const digit* d = dig(v);
  while (n > 0 && d[n - 1] == 0) n--;
  if (n <= 1) {
    int64_t val = n ? int64_t(d[0]) : 0;
    if (sign < 0) val = -val;
    if (is_small(val)) {
      decref(v);
      return small_int(val);
    }
  }
  set_tag(v, sign, n);
  return v;
}

Object* from_mag(const digit* m, ssize n, int sign) {
  n = mag_trim(m, n);
  if (n <= 1) {
    int64_t val = n ? int64_t(m[0]) : 0;
    return int_from_i64(sign < 0 ? -val : val);
  }
  Object* z = long_alloc(n);
  if (!z) return nullptr;
  std::memcpy(dig(z), m, size_t(n) * sizeof(digit));
  set_tag(z, sign, n);
  return z;
}

Object* from_mag(const std::vector<digit>& m, int sign) { return from_mag(m.data(), ssize(m.size()), sign); }

Object* copy_exact(Object* o, int sign_factor) {
  if (is_int_exact(o) && sign_factor == 1) return newref(o);
  return from_mag(dig(o), ndigits(o), sign(o) * sign_factor);
}

int64_t bit_length(const Object* o) {
  ssize n = ndigits(o);
  if (n == 0) return 0;
  return int64_t(n - 1) * kShift + bit_length_digit(dig(o)[n - 1]);
}

}  // namespace intimpl

namespace {

Object* from_u64_signed(uint64_t u, int sgn) {
  if (u <= uint64_t(kSmallIntMax) && (sgn > 0 || u <= uint64_t(-kSmallIntMin))) {
    return small_int(sgn < 0 ? -int64_t(u) : int64_t(u));
  }
  ssize n = u < kBase ? 1 : (u >> kShift) < kBase ? 2 : 3;
  Object* o = long_alloc(n);
  if (!o) return nullptr;
  digit* d = dig(o);
  for (ssize i = 0; i < n; i++) {
    d[i] = digit(u & kMask);
    u >>= kShift;
  }
  set_tag(o, sgn, n);
  return o;
}

}  // namespace

// ---- Public construction and conversion.

namespace {
[[gnu::noinline]] Object* int_from_i64_slow(int64_t v) {
  return from_u64_signed(v < 0 ? 0 - uint64_t(v) : uint64_t(v), v < 0 ? -1 : 1);
}
}  // namespace

// The common cases are leaves: a small int, or a one-digit int straight from the free list.
Object* int_from_i64(int64_t v) {
  if (is_small(v)) return small_int(v);
  uint64_t u = v < 0 ? 0 - uint64_t(v) : uint64_t(v);
  if (u < kBase && t_int_free.head) [[likely]] {
    Object* o = int_from_free_list();
    dig(o)[0] = digit(u);
    set_tag(o, v < 0 ? -1 : 1, 1);
    return o;
  }
  return int_from_i64_slow(v);
}

Object* int_from_u64(uint64_t v) { return from_u64_signed(v, 1); }

Object* int_from_double(double d) {
  if (std::isinf(d)) return set_error(&exc_OverflowError, "cannot convert float infinity to integer");
  if (std::isnan(d)) return set_error(&exc_ValueError, "cannot convert float NaN to integer");
  if (std::fabs(d) < 9.2e18) return int_from_i64(int64_t(d));
  bool neg = d < 0;
  int expo;
  double frac = std::frexp(std::fabs(d), &expo);  // |d| = frac * 2**expo, 0.5 <= frac < 1
  ssize n = (expo - 1) / kShift + 1;
  Object* v = long_alloc(n);
  if (!v) return nullptr;
  frac = std::ldexp(frac, (expo - 1) % kShift + 1);
  for (ssize i = n - 1; i >= 0; i--) {
    digit bits = digit(frac);
    dig(v)[i] = bits;
    frac = std::ldexp(frac - double(bits), kShift);
  }
  return finish(v, n, neg ? -1 : 1);
}

Object* int_from_digits(bool negative, const digit* digits, ssize n) { return from_mag(digits, n, negative ? -1 : 1); }

int64_t int_as_i64(Object* o, int* overflow) {
  *overflow = 0;
  if (int_is_compact(o)) return int_compact_value(o);
  ssize n = ndigits(o);
  const digit* d = dig(o);
  if (n > 3) {
    *overflow = sign(o);
    return -1;
  }
  uint64_t u = 0;
  for (ssize i = n - 1; i >= 0; i--) {
    if (u >> (64 - kShift)) {
      *overflow = sign(o);
      return -1;
    }
    u = (u << kShift) | d[i];
  }
  if (is_negative(o)) {
    if (u > uint64_t(1) << 63) {
      *overflow = -1;
      return -1;
    }
    return int64_t(0 - u);
  }
  if (u > uint64_t(INT64_MAX)) {
    *overflow = 1;
    return -1;
  }
  return int64_t(u);
}

ssize int_as_ssize(Object* o) {
  if (!is_int(o)) {
    set_error(&exc_TypeError, "an integer is required");
    return -1;
  }
  int overflow;
  int64_t v = int_as_i64(o, &overflow);
  if (overflow) {
    set_error(&exc_OverflowError, "Python int too large to convert to C ssize_t");
    return -1;
  }
  return ssize(v);
}

namespace intimpl {

// Correct rounding: take the top 64 bits with a sticky bit for everything below; the conversion of that
// 64-bit value to double then rounds half-to-even exactly as the full value would.
double int_to_double(Object* o, bool* overflow) {
  *overflow = false;
  if (int_is_compact(o)) return double(int_compact_value(o));
  int64_t nbits = bit_length(o);
  const digit* d = dig(o);
  ssize n = ndigits(o);
  double r;
  if (nbits <= 64) {
    uint64_t u = 0;
    for (ssize i = n - 1; i >= 0; i--) u = (u << kShift) | d[i];
    r = double(u);
  } else {
    if (nbits > 1025) {
      *overflow = true;
      return 0;
    }
    int64_t shift = nbits - 64;
    ssize i0 = ssize(shift / kShift);
    int off = int(shift % kShift);
    unsigned __int128 acc = 0;
    int got = 0;
    for (ssize j = i0; j < n && got < 64 + off; j++) {
      acc |= static_cast<unsigned __int128>(d[j]) << got;
      got += kShift;
    }
    uint64_t top = uint64_t(acc >> off);
    bool sticky = off && (d[i0] & ((digit(1) << off) - 1));
    for (ssize j = 0; !sticky && j < i0; j++) sticky = d[j] != 0;
    r = std::ldexp(double(top | (sticky ? 1 : 0)), int(shift));
    if (std::isinf(r)) {
      *overflow = true;
      return 0;
    }
  }
  return is_negative(o) ? -r : r;
}

}  // namespace intimpl

double int_as_double(Object* o, bool* ok) {
  bool overflow;
  double r = int_to_double(o, &overflow);
  if (overflow) {
    set_error(&exc_OverflowError, "int too large to convert to float");
    *ok = false;
    return -1.0;
  }
  *ok = true;
  return r;
}

bool int_is_zero(Object* o) { return is_zero(o); }
int int_sign(Object* o) { return sign(o); }
ssize int_ndigits(Object* o) { return ndigits(o); }
const digit* int_digits(Object* o) { return dig(o); }

hash_t int_hash(Object* o) {
  if (int_is_compact(o)) {
    hash_t x = int_compact_value(o);
    return x == -1 ? -2 : x;
  }
  uint64_t x = 0;
  const digit* d = dig(o);
  for (ssize i = ndigits(o) - 1; i >= 0; i--) {
    x = ((x << kShift) & kHashModulus) | (x >> (kHashBits - kShift));
    x += d[i];
    if (x >= kHashModulus) x -= kHashModulus;
  }
  if (is_negative(o)) x = 0 - x;
  if (x == uint64_t(-1)) x = uint64_t(-2);
  return hash_t(x);
}

int int_compare(Object* a, Object* b) {
  int sa = sign(a), sb = sign(b);
  if (sa != sb) return sa < sb ? -1 : 1;
  int c = mag_cmp(dig(a), ndigits(a), dig(b), ndigits(b));
  return sa < 0 ? -c : c;
}

// ---- int() and bool().

namespace {

bool is_str(Object* o) { return has_flag(type_of(o), Py_TPFLAGS_UNICODE_SUBCLASS); }
bool is_bytes(Object* o) { return has_flag(type_of(o), Py_TPFLAGS_BYTES_SUBCLASS); }
bool is_bytearray(Object* o) { return type_check(o, &bytearray_type); }
std::string_view bytearray_view(Object* o) {
  auto* b = reinterpret_cast<PyByteArrayObject*>(o);
  return {b->ob_start ? b->ob_start : "", size_t(var_size(o))};
}

// Finds a special method on the type and calls it bound to o; *found says whether it exists.
Object* call_special(Object* o, Object* name, bool* found) { return call_special_method(o, name, nullptr, 0, found); }

}  // namespace

Object* int_from_object(Object* o) {
  if (is_int_exact(o)) return newref(o);
  PyNumberMethods* m = type_of(o)->tp_as_number;
  if (m && m->nb_int) {
    Object* res = m->nb_int(o);
    if (!res || is_int_exact(res)) return res;
    ORef r = steal(res);
    if (!is_int(res)) return set_errorf(&exc_TypeError, "__int__ returned non-int (type {})", type_name(res));
    return copy_exact(res);
  }
  if (m && m->nb_index) return number_index(o);
  bool found;
  Object* res = call_special(o, strs::trunc, &found);
  if (found) {
    if (!res || is_int_exact(res)) return res;
    ORef r = steal(res);
    if (is_int(res)) return copy_exact(res);
    if (!index_check(res)) {
      return set_errorf(&exc_TypeError, "__trunc__ returned non-Integral (type {})", type_name(res));
    }
    return number_index(res);
  }
  if (is_str(o)) return int_from_str_object(o, 10);
  if (is_bytes(o)) return int_from_bytes_text(bytes_data(o), bytes_size(o), 10);
  if (is_bytearray(o)) {
    std::string_view v = bytearray_view(o);
    return int_from_bytes_text(v.data(), ssize(v.size()), 10);
  }
  if (has_buffer(o)) {  // other exporters (memoryview): their contiguous bytes as text
    std::string text;
    if (bytes_like_copy(o, &text)) return int_from_bytes_text(text.data(), ssize(text.size()), 10);
    error_clear();
  }
  return set_errorf(&exc_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    type_name(o));
}

namespace {

Object* int_new_impl(Type* type, Object* x, Object* obase);

// A subclass instance holding the value of int(x, base).
Object* int_subtype_new(Type* type, Object* x, Object* obase) {
  ORef tmp = steal(int_new_impl(&int_type, x, obase));
  if (!tmp) return nullptr;
  ssize n = ndigits(tmp.get());
  Object* o = type->tp_alloc ? type->tp_alloc(type, n < 1 ? 1 : n) : new_var_object(type, n < 1 ? 1 : n);
  if (!o) return nullptr;
  lo(o)->long_value.lv_tag = tag(tmp.get());
  std::memcpy(dig(o), dig(tmp.get()), size_t(n) * sizeof(digit));
  return o;
}

Object* int_new_impl(Type* type, Object* x, Object* obase) {
  if (type != &int_type) return int_subtype_new(type, x, obase);
  if (!x) {
    if (obase) return set_error(&exc_TypeError, "int() missing string argument");
    return small_int(0);
  }
  if (!obase) return int_from_object(x);
  ssize base = number_as_ssize(obase, nullptr);
  if (base == -1 && error_occurred()) return nullptr;
  if ((base != 0 && base < 2) || base > 36) {
    return set_error(&exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
  }
  if (is_str(x)) return int_from_str_object(x, int(base));
  if (is_bytes(x)) return int_from_bytes_text(bytes_data(x), bytes_size(x), int(base));
  if (is_bytearray(x)) {
    std::string_view v = bytearray_view(x);
    return int_from_bytes_text(v.data(), ssize(v.size()), int(base));
  }
  return set_error(&exc_TypeError, "int() can't convert non-string with explicit base");
}

Object* int_new(Type* type, Object* args, Object* kwargs) {
  ssize nargs = tuple_size(args);
  Object* x = nargs > 0 ? tuple_get(args, 0) : nullptr;
  Object* obase = nargs > 1 ? tuple_get(args, 1) : nullptr;
  ssize nkw = kwargs ? dict_size(kwargs) : 0;
  if (nargs + nkw > 2) return set_errorf(&exc_TypeError, "int() takes at most 2 arguments ({} given)", nargs + nkw);
  ORef kbase;
  if (nkw) {
    ssize pos = 0;
    Object *k, *v;
    while (dict_next(kwargs, &pos, &k, &v)) {
      ORef kr = steal(k), vr = steal(v);
      if (is_str(k) && str_view(k) == "base") {
        if (obase) {
          return set_error(&exc_TypeError, "argument for int() given by name ('base') and position (2)");
        }
        kbase = vr;
        obase = vr.get();
      } else {
        return set_errorf(&exc_TypeError, "int() got an unexpected keyword argument '{}'", str_view(k));
      }
    }
  }
  return int_new_impl(type, x, obase);
}

Object* int_vectorcall(Object* type, Object* const* args, size_t nargsf, Object* kwnames) {
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  if (kwnames && tuple_size(kwnames)) {
    ORef t = steal(tuple_from_array(args, nargs));
    if (!t) return nullptr;
    ORef kw = steal(dict_new());
    if (!kw) return nullptr;
    for (ssize i = 0; i < tuple_size(kwnames); i++) {
      if (dict_set(kw.get(), tuple_get(kwnames, i), args[nargs + i]) < 0) return nullptr;
    }
    return int_new(reinterpret_cast<Type*>(type), t.get(), kw.get());
  }
  switch (nargs) {
    case 0:
      return small_int(0);
    case 1:
      return int_from_object(args[0]);
    case 2:
      return int_new_impl(reinterpret_cast<Type*>(type), args[0], args[1]);
    default:
      return set_errorf(&exc_TypeError, "int expected at most 2 arguments, got {}", nargs);
  }
}

Object* bool_new(Type*, Object* args, Object* kwargs) {
  if (kwargs && dict_size(kwargs)) return set_error(&exc_TypeError, "bool() takes no keyword arguments");
  ssize nargs = tuple_size(args);
  if (nargs > 1) return set_errorf(&exc_TypeError, "bool expected at most 1 argument, got {}", nargs);
  if (nargs == 0) return false_();
  int r = object_is_true(tuple_get(args, 0));
  if (r < 0) return nullptr;
  return bool_obj(r);
}

Object* bool_vectorcall(Object*, Object* const* args, size_t nargsf, Object* kwnames) {
  if (kwnames && tuple_size(kwnames)) return set_error(&exc_TypeError, "bool() takes no keyword arguments");
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  if (nargs > 1) return set_errorf(&exc_TypeError, "bool expected at most 1 argument, got {}", nargs);
  if (nargs == 0) return false_();
  int r = object_is_true(args[0]);
  if (r < 0) return nullptr;
  return bool_obj(r);
}

// ---- Slots that are not arithmetic.

[[gnu::noinline]] void int_dealloc_slow(Object* o) {
  Type* t = type_of(o);
  IntFreeList& fl = t_int_free;
  if (t == &int_type && ndigits(o) <= 1 && fl.count < kIntFreeMax) {
    arm_int_free_releaser();  // the list is empty here: it may be the thread's first entry
    o->ob_tid = reinterpret_cast<uintptr_t>(fl.head);
    fl.head = o;
    fl.count++;
    return;
  }
  object_free(o);
  dealloc_type_ref(t);
}

// The common case is a leaf: a one-digit int joins a list that already has entries.
void int_dealloc(Object* o) {
  IntFreeList& fl = t_int_free;
  // 1 <= count < kIntFreeMax, in one unsigned comparison.
  if (type_of(o) == &int_type && ndigits(o) <= 1 && unsigned(fl.count - 1) < unsigned(kIntFreeMax - 1)) [[likely]] {
    o->ob_tid = reinterpret_cast<uintptr_t>(fl.head);
    fl.head = o;
    fl.count++;
    return;
  }
  int_dealloc_slow(o);
}

hash_t int_hash_slot(Object* o) { return int_hash(o); }

Object* bool_repr(Object* o) { return newref(str_interned(o == true_() ? "True" : "False")); }

// ---- Methods.

Object* int_long_meth(Object* self, Object*) { return copy_exact(self); }
Object* int_get0(Object*, void*) { return small_int(0); }
Object* int_get1(Object*, void*) { return small_int(1); }
Object* int_get_self(Object* self, void*) { return copy_exact(self); }

Object* int_bit_length(Object* self, Object*) { return int_from_i64(bit_length(self)); }

Object* int_bit_count(Object* self, Object*) {
  int64_t c = 0;
  const digit* d = dig(self);
  for (ssize i = 0; i < ndigits(self); i++) c += __builtin_popcount(d[i]);
  return int_from_i64(c);
}

Object* int_as_integer_ratio(Object* self, Object*) {
  ORef n = steal(copy_exact(self));
  if (!n) return nullptr;
  return tuple_pack({n.get(), small_int(1)});
}

Object* int_is_integer(Object*, Object*) { return true_(); }

Object* int_getnewargs(Object* self, Object*) {
  ORef n = steal(copy_exact(self));
  if (!n) return nullptr;
  return tuple_pack({n.get()});
}

Object* int_sizeof(Object* self, Object*) {
  ssize n = ndigits(self);
  Type* t = type_of(self);
  return int_from_i64(t->tp_basicsize + (n < 1 ? 1 : n) * t->tp_itemsize);
}

Object* int_format(Object* self, Object* spec) {
  if (!is_str(spec)) return set_errorf(&exc_TypeError, "__format__() argument must be str, not {}", type_name(spec));
  if (str_length(spec) == 0) return object_str(self);
  ssize len;
  const char* sp = str_utf8(spec, &len);
  if (!sp) return nullptr;
  std::string out;
  if (!format_int_spec(self, std::string_view(sp, size_t(len)), &out)) return nullptr;
  return str_from_utf8(out);
}

// round(self, ndigits): the nearest multiple of 10**-ndigits, ties to even.
Object* int_round(Object* self, Object* const* args, ssize nargs) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "__round__ expected at most 1 argument, got {}", nargs);
  if (nargs == 0) return copy_exact(self);
  ORef nd = steal(number_index(args[0]));
  if (!nd) return nullptr;
  if (!is_negative(nd.get())) return copy_exact(self);
  // 10**k with k > digits(self) + 1 exceeds 2*|self|: the result is 0.
  int overflow;
  int64_t k = int_as_i64(nd.get(), &overflow);
  if (overflow || -k > bit_length(self) / 3 + 2) return small_int(0);
  k = -k;
  ORef p = steal(int_pow_small(10, k));
  if (!p) return nullptr;
  Object *q, *r;
  if (!int_divmod(self, p.get(), &q, &r)) return nullptr;
  ORef qr = steal(q), rr = steal(r);
  // Round up when 2*r > p, or 2*r == p and q is odd.
  ORef twice = steal(int_lshift(r, 1));
  if (!twice) return nullptr;
  int c = int_compare(twice.get(), p.get());
  bool q_odd = ndigits(q) > 0 && (dig(q)[0] & 1);
  if (c > 0 || (c == 0 && q_odd)) {
    ORef r2 = steal(int_sub(r, p.get()));
    if (!r2) return nullptr;
    rr = r2;
  }
  return int_sub(self, rr.get());
}

bool parse_byteorder(const char* fname, Object* o, bool* little) {
  if (!o) {
    *little = false;
    return true;
  }
  if (!is_str(o)) {
    set_errorf(&exc_TypeError, "{}() argument 'byteorder' must be str, not {}", fname, type_name(o));
    return false;
  }
  std::string_view s = str_view(o);
  if (s == "little") {
    *little = true;
  } else if (s == "big") {
    *little = false;
  } else {
    set_error(&exc_ValueError, "byteorder must be either 'little' or 'big'");
    return false;
  }
  return true;
}

Object* int_to_bytes(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse_args("to_bytes", args, nargs, kwnames, {"length", "byteorder", "$signed"}, 0, a, 2)) return nullptr;
  ssize length = 1;
  if (a[0]) {
    ORef li = steal(number_index(a[0]));
    if (!li) return nullptr;
    length = int_as_ssize(li.get());
    if (length == -1 && error_occurred()) return nullptr;
    if (length < 0) return set_error(&exc_ValueError, "length argument must be non-negative");
  }
  bool little;
  if (!parse_byteorder("to_bytes", a[1], &little)) return nullptr;
  bool is_signed = false;
  if (a[2]) {
    int t = object_is_true(a[2]);
    if (t < 0) return nullptr;
    is_signed = t;
  }
  bool neg = is_negative(self);
  if (neg && !is_signed) return set_error(&exc_OverflowError, "can't convert negative int to unsigned");
  // Fits: unsigned needs bits <= 8*len; signed non-negative bits <= 8*len - 1; negative bits(|v|-1) <= 8*len - 1.
  int64_t bits = bit_length(self);
  if (neg) {
    ORef m1 = steal(int_add(self, small_int(1)));  // -( |v| - 1 )
    if (!m1) return nullptr;
    bits = bit_length(m1.get());
  }
  // 0 and -1 (no significant bits) fit even in zero bytes, as in CPython: (-1).to_bytes(0, signed=True) == b''.
  if (bits > 0 && bits > int64_t(length) * 8 - (is_signed ? 1 : 0))
    return set_error(&exc_OverflowError, "int too big to convert");
  std::string buf(size_t(length), '\0');
  // Little-endian magnitude bytes, then two's complement for negative values.
  const digit* d = dig(self);
  ssize n = ndigits(self);
  uint64_t acc = 0;
  int accbits = 0;
  size_t pos = 0;
  for (ssize i = 0; i < n && pos < buf.size(); i++) {
    acc |= uint64_t(d[i]) << accbits;
    accbits += kShift;
    while (accbits >= 8 && pos < buf.size()) {
      buf[pos++] = char(acc & 0xff);
      acc >>= 8;
      accbits -= 8;
    }
  }
  if (accbits > 0 && pos < buf.size()) buf[pos++] = char(acc & 0xff);
  if (neg) {
    unsigned carry = 1;
    for (auto& c : buf) {
      unsigned v = (~unsigned(uint8_t(c)) & 0xff) + carry;
      c = char(v & 0xff);
      carry = v >> 8;
    }
  }
  if (!little) std::reverse(buf.begin(), buf.end());
  return bytes_from(buf.data(), ssize(buf.size()));
}

Object* int_from_bytes(Object* cls, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse_args("from_bytes", args, nargs, kwnames, {"bytes", "byteorder", "$signed"}, 1, a, 2)) return nullptr;
  bool little;
  if (!parse_byteorder("from_bytes", a[1], &little)) return nullptr;
  bool is_signed = false;
  if (a[2]) {
    int t = object_is_true(a[2]);
    if (t < 0) return nullptr;
    is_signed = t;
  }
  ORef holder;
  std::string_view data;
  Object* src = a[0];
  if (is_bytes(src)) {
    data = bytes_view(src);
  } else if (is_bytearray(src)) {
    data = bytearray_view(src);
  } else {
    if (is_str(src) || index_check(src)) {
      return set_errorf(&exc_TypeError, "cannot convert '{}' object to bytes", type_name(src));
    }
    holder = steal(call1(reinterpret_cast<Object*>(&bytes_type), src));
    if (!holder) return nullptr;
    data = bytes_view(holder.get());
  }
  size_t nb = data.size();
  auto byte_at = [&](size_t i) -> uint8_t {  // i-th least significant byte
    return uint8_t(little ? data[i] : data[nb - 1 - i]);
  };
  bool neg = is_signed && nb > 0 && (byte_at(nb - 1) & 0x80);
  std::vector<uint8_t> mag(nb);
  for (size_t i = 0; i < nb; i++) mag[i] = byte_at(i);
  if (neg) {  // magnitude = two's complement negation
    unsigned carry = 1;
    for (auto& c : mag) {
      unsigned v = (~unsigned(c) & 0xff) + carry;
      c = uint8_t(v & 0xff);
      carry = v >> 8;
    }
  }
  std::vector<digit> dg(nb * 8 / kShift + 2, 0);
  uint64_t acc = 0;
  int accbits = 0;
  size_t di = 0;
  for (size_t i = 0; i < nb; i++) {
    acc |= uint64_t(mag[i]) << accbits;
    accbits += 8;
    if (accbits >= kShift) {
      dg[di++] = digit(acc & kMask);
      acc >>= kShift;
      accbits -= kShift;
    }
  }
  if (accbits) dg[di++] = digit(acc);
  // A negative value whose magnitude bytes wrapped to zero (e.g. b'\x80' signed: magnitude 0x80).
  ORef v = steal(from_mag(dg.data(), ssize(di), neg ? -1 : 1));
  if (!v) return nullptr;
  if (cls != reinterpret_cast<Object*>(&int_type)) return call1(cls, v.get());
  return v.release();
}

PyMethodDef int_methods[] = {
    {"conjugate", int_long_meth, METH_NOARGS, "Returns self, the complex conjugate of any int."},
    {"bit_length", int_bit_length, METH_NOARGS, "Number of bits necessary to represent self in binary."},
    {"bit_count", int_bit_count, METH_NOARGS, "Number of ones in the binary representation of the absolute value."},
    {"to_bytes", as_cfunc(int_to_bytes), METH_FASTCALL | METH_KEYWORDS,
     "Return an array of bytes representing an integer."},
    {"from_bytes", as_cfunc(int_from_bytes), METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", int_as_integer_ratio, METH_NOARGS,
     "Return a pair of integers, whose ratio is equal to the original int."},
    {"__trunc__", int_long_meth, METH_NOARGS, "Truncating an Integral returns itself."},
    {"__floor__", int_long_meth, METH_NOARGS, "Flooring an Integral returns itself."},
    {"__ceil__", int_long_meth, METH_NOARGS, "Ceiling of an Integral returns itself."},
    {"__round__", as_cfunc(int_round), METH_FASTCALL, "Rounding an Integral returns itself."},
    {"__getnewargs__", int_getnewargs, METH_NOARGS, nullptr},
    {"__format__", int_format, METH_O, "Convert to a string according to format_spec."},
    {"__sizeof__", int_sizeof, METH_NOARGS, "Returns size in memory, in bytes."},
    {"is_integer", int_is_integer, METH_NOARGS,
     "Returns True. Exists for duck type compatibility with float.is_integer."},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef int_getset[] = {
    {"real", int_get_self, nullptr, "the real part of a complex number", nullptr},
    {"imag", int_get0, nullptr, "the imaginary part of a complex number", nullptr},
    {"numerator", int_get_self, nullptr, "the numerator of a rational number in lowest terms", nullptr},
    {"denominator", int_get1, nullptr, "the denominator of a rational number in lowest terms", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyNumberMethods int_as_number = {
    .nb_add = nb_add,
    .nb_subtract = nb_subtract,
    .nb_multiply = nb_multiply,
    .nb_remainder = nb_remainder,
    .nb_divmod = nb_divmod,
    .nb_power = nb_power,
    .nb_negative = nb_negative,
    .nb_positive = nb_positive,
    .nb_absolute = nb_absolute,
    .nb_bool = nb_bool,
    .nb_invert = nb_invert,
    .nb_lshift = nb_lshift,
    .nb_rshift = nb_rshift,
    .nb_and = nb_and,
    .nb_xor = nb_xor,
    .nb_or = nb_or,
    .nb_int = nb_int,
    .nb_float = nb_float,
    .nb_floor_divide = nb_floor_divide,
    .nb_true_divide = nb_true_divide,
    .nb_index = nb_int,
};

// bool: &, |, ^ of two bools stay bool; everything else is int's.
Object* bool_and(Object* a, Object* b) {
  if (type_of(a) == &bool_type && type_of(b) == &bool_type) return bool_obj(a == true_() && b == true_());
  return nb_and(a, b);
}
Object* bool_or(Object* a, Object* b) {
  if (type_of(a) == &bool_type && type_of(b) == &bool_type) return bool_obj(a == true_() || b == true_());
  return nb_or(a, b);
}
Object* bool_xor(Object* a, Object* b) {
  if (type_of(a) == &bool_type && type_of(b) == &bool_type) return bool_obj((a == true_()) != (b == true_()));
  return nb_xor(a, b);
}

// CPython warns here (~ on bool is deprecated); pyvm has no warnings yet, so this is int's ~.
Object* bool_invert(Object* a) { return nb_invert(a); }

// The other slots are inherited from int by type_ready, as in CPython.
PyNumberMethods bool_as_number = {
    .nb_invert = bool_invert,
    .nb_and = bool_and,
    .nb_xor = bool_xor,
    .nb_or = bool_or,
};

}  // namespace

Type int_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "int",
    .tp_basicsize = offsetof(PyLongObject, long_value.ob_digit),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = int_dealloc,
    .tp_repr = int_repr,
    .tp_as_number = &int_as_number,
    .tp_hash = int_hash_slot,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_MATCH_SELF |
                Py_TPFLAGS_IMMUTABLETYPE,
    .tp_doc =
        "int([x]) -> integer\nint(x, base=10) -> integer\n\n"
        "Convert a number or string to an integer, or return 0 if no arguments\nare given.",
    .tp_richcompare = richcompare,
    .tp_methods = int_methods,
    .tp_getset = int_getset,
    .tp_new = int_new,
    .tp_free = object_free,
    .tp_vectorcall = int_vectorcall,
};

Type bool_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "bool",
    .tp_basicsize = offsetof(PyLongObject, long_value.ob_digit),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = int_dealloc,
    .tp_repr = bool_repr,
    .tp_as_number = &bool_as_number,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_IMMUTABLETYPE,
    .tp_doc =
        "Returns True when the argument is true, False otherwise.\n"
        "The builtins True and False are the only two instances of the class bool.\n"
        "The class bool is a subclass of the class int, and cannot be subclassed.",
    .tp_base = &int_type,
    .tp_new = bool_new,
    .tp_free = object_free,
    .tp_vectorcall = bool_vectorcall,
};

}  // namespace pyvm
