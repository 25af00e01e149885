// The array module: array.array, a mutable sequence of machine values of one typecode (b B u w h H i I l L q Q f d)
// that exports its storage through the buffer protocol, with _array_reconstructor for pickling.
//
// Thread contract (DESIGN.md "Critical sections", as list and bytearray): every read or write of an array's items,
// size or allocation happens inside that array's critical section; operations on two arrays take both with
// CriticalSection2. Converting Python values to items (which may run __index__ / __float__) happens before the
// section is entered, and building Python objects from items after copying them out, so no Python code runs while a
// section is held except comparisons in count/index/remove, which read one item at a time. While buffers are
// exported (exports > 0) the storage is never reallocated: resizing raises BufferError.
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/genericalias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/modules/modules.h"
#include "vm/runtime.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

constexpr ssize kSsizeMax = std::numeric_limits<ssize>::max();

// How a typecode's items convert (and how pickles describe them: CPython's machine format codes).
enum class Conv : uint8_t {
  kSchar,
  kUchar,
  kShort,
  kUshort,
  kInt,
  kUint,
  kLong,
  kUlong,
  kLlong,
  kUllong,
  kFloat,
  kDouble,
  kUnicode
};

struct TypeDesc {
  char code;
  int itemsize;
  Conv conv;
  const char* format;  // the buffer format
  bool is_int;
  bool is_signed;
  int mformat;  // machine format code on x86-64 Linux (little-endian, 4-byte wchar_t)
};

constexpr TypeDesc kDescs[] = {
    {'b', 1, Conv::kSchar, "b", true, true, 1},      {'B', 1, Conv::kUchar, "B", true, false, 0},
    {'u', 4, Conv::kUnicode, "w", false, false, 20}, {'w', 4, Conv::kUnicode, "w", false, false, 20},
    {'h', 2, Conv::kShort, "h", true, true, 4},      {'H', 2, Conv::kUshort, "H", true, false, 2},
    {'i', 4, Conv::kInt, "i", true, true, 8},        {'I', 4, Conv::kUint, "I", true, false, 6},
    {'l', 8, Conv::kLong, "l", true, true, 12},      {'L', 8, Conv::kUlong, "L", true, false, 10},
    {'q', 8, Conv::kLlong, "q", true, true, 12},     {'Q', 8, Conv::kUllong, "Q", true, false, 10},
    {'f', 4, Conv::kFloat, "f", false, false, 14},   {'d', 8, Conv::kDouble, "d", false, false, 16},
};

const TypeDesc* find_desc(uint32_t c) {
  for (const TypeDesc& d : kDescs)
    if (uint32_t(uint8_t(d.code)) == c) return &d;
  return nullptr;
}

struct ArrayObj {
  PyVarObject ob_base;  // ob_size: the number of items
  char* items;          // malloc'd, allocated * itemsize bytes
  ssize allocated;
  const TypeDesc* desc;
  Object* weakreflist;
  ssize exports;
};

struct ArrayIter {
  PyObject ob_base;
  Object* array;  // null once exhausted
  ssize index;
};

extern Type array_type;
extern Type arrayiter_type;

ArrayObj* AO(Object* o) { return reinterpret_cast<ArrayObj*>(o); }
bool is_array(Object* o) { return type_check(o, &array_type); }
ssize isz(Object* o) { return AO(o)->desc->itemsize; }
char* item_ptr(Object* o, ssize i) { return AO(o)->items + i * isz(o); }

std::nullptr_t bad_argument() { return set_error(&exc_TypeError, "bad argument type for built-in operation"); }

// ---- Item conversion ----

// A C long from v for the typecodes CPython converts with PyArg_Parse ("b h i l" style): __index__, then the
// C long range.
bool long_arg(Object* v, int64_t* out) {
  ORef n = steal(number_index(v));
  if (!n) return false;
  int overflow;
  *out = int_as_i64(n.get(), &overflow);
  if (overflow) {
    set_error(&exc_OverflowError, "Python int too large to convert to C long");
    return false;
  }
  return true;
}

bool range_check(int64_t x, int64_t lo, int64_t hi, const char* what) {
  if (x < lo) {
    set_errorf(&exc_OverflowError, "{} is less than minimum", what);
    return false;
  }
  if (x > hi) {
    set_errorf(&exc_OverflowError, "{} is greater than maximum", what);
    return false;
  }
  return true;
}

// An unsigned value for 'I' 'L' 'Q': negative and too-large values get PyLong_AsUnsigned*'s messages.
bool ulong_arg(Object* v, bool long_long, uint64_t* out) {
  ORef n = steal(number_index(v));
  if (!n) return false;
  if (int_sign(n.get()) < 0) {
    set_error(&exc_OverflowError,
              long_long ? "can't convert negative int to unsigned" : "can't convert negative value to unsigned int");
    return false;
  }
  int overflow;
  int64_t s = int_as_i64(n.get(), &overflow);
  if (!overflow) {
    *out = uint64_t(s);
    return true;
  }
  ssize nd = int_ndigits(n.get());
  const digit* d = int_digits(n.get());
  uint64_t acc = 0;
  for (ssize i = nd - 1; i >= 0; i--) {
    if (acc >> (64 - PyLong_SHIFT)) {
      set_error(&exc_OverflowError,
                long_long ? "int too big to convert" : "Python int too large to convert to C unsigned long");
      return false;
    }
    acc = (acc << PyLong_SHIFT) | d[i];
  }
  *out = acc;
  return true;
}

bool double_arg(Object* v, double* out) {
  if (!type_check(v, &float_type)) {
    PyNumberMethods* m = type_of(v)->tp_as_number;
    if (!m || (!m->nb_float && !m->nb_index)) {
      set_errorf(&exc_TypeError, "must be real number, not {}", type_name(v));
      return false;
    }
  }
  bool ok;
  *out = float_as_double(v, &ok);
  return ok;
}

template <class T>
void put(char* out, T v) {
  std::memcpy(out, &v, sizeof v);
}

// Converts v to one item of `d` in out[0 .. itemsize), with CPython's messages for each typecode.
bool to_item(const TypeDesc* d, Object* v, char* out) {
  int64_t x = 0;
  uint64_t u = 0;
  switch (d->conv) {
    case Conv::kSchar:
      if (!long_arg(v, &x) || !range_check(x, SHRT_MIN, SHRT_MAX, "signed short integer") ||
          !range_check(x, -128, 127, "signed char"))
        return false;
      put(out, int8_t(x));
      return true;
    case Conv::kUchar:
      if (!long_arg(v, &x) || !range_check(x, 0, 255, "unsigned byte integer")) return false;
      put(out, uint8_t(x));
      return true;
    case Conv::kShort:
      if (!long_arg(v, &x) || !range_check(x, SHRT_MIN, SHRT_MAX, "signed short integer")) return false;
      put(out, int16_t(x));
      return true;
    case Conv::kUshort:
      if (!long_arg(v, &x) || !range_check(x, INT_MIN, INT_MAX, "signed integer") ||
          !range_check(x, 0, USHRT_MAX, "unsigned short"))
        return false;
      put(out, uint16_t(x));
      return true;
    case Conv::kInt:
      if (!long_arg(v, &x) || !range_check(x, INT_MIN, INT_MAX, "signed integer")) return false;
      put(out, int32_t(x));
      return true;
    case Conv::kUint:
      if (!ulong_arg(v, false, &u)) return false;
      if (u > UINT_MAX) {
        set_error(&exc_OverflowError, "unsigned int is greater than maximum");
        return false;
      }
      put(out, uint32_t(u));
      return true;
    case Conv::kLong:
      if (!long_arg(v, &x)) return false;
      put(out, x);
      return true;
    case Conv::kLlong: {
      ORef n = steal(number_index(v));
      if (!n) return false;
      int overflow;
      x = int_as_i64(n.get(), &overflow);
      if (overflow) {
        set_error(&exc_OverflowError, "int too big to convert");
        return false;
      }
      put(out, x);
      return true;
    }
    case Conv::kUlong:
    case Conv::kUllong:
      if (!ulong_arg(v, d->conv == Conv::kUllong, &u)) return false;
      put(out, u);
      return true;
    case Conv::kFloat: {
      double f;
      if (!double_arg(v, &f)) return false;
      put(out, float(f));
      return true;
    }
    case Conv::kDouble: {
      double f;
      if (!double_arg(v, &f)) return false;
      put(out, f);
      return true;
    }
    case Conv::kUnicode:
      if (!type_check(v, &str_type) || str_length(v) != 1) {
        set_error(&exc_TypeError, "array item must be unicode character");
        return false;
      }
      put(out, uint32_t(str_char_at(v, 0)));
      return true;
  }
  return false;
}

template <class T>
T get(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

Object* unicode_char(uint32_t c) {
  if (c > 0x10ffff) return set_errorf(&exc_ValueError, "character U+{:x} is not in range [U+0000; U+10ffff]", c);
  return str_from_char(c);
}

// A new Python object for the item at p.
Object* from_item(const TypeDesc* d, const char* p) {
  switch (d->conv) {
    case Conv::kSchar:
      return int_from_i64(get<int8_t>(p));
    case Conv::kUchar:
      return int_from_i64(get<uint8_t>(p));
    case Conv::kShort:
      return int_from_i64(get<int16_t>(p));
    case Conv::kUshort:
      return int_from_i64(get<uint16_t>(p));
    case Conv::kInt:
      return int_from_i64(get<int32_t>(p));
    case Conv::kUint:
      return int_from_i64(get<uint32_t>(p));
    case Conv::kLong:
    case Conv::kLlong:
      return int_from_i64(get<int64_t>(p));
    case Conv::kUlong:
    case Conv::kUllong:
      return int_from_u64(get<uint64_t>(p));
    case Conv::kFloat:
      return float_from_double(double(get<float>(p)));
    case Conv::kDouble:
      return float_from_double(get<double>(p));
    case Conv::kUnicode:
      return unicode_char(get<uint32_t>(p));
  }
  return nullptr;
}

// Converts every item of a sequence (list or tuple snapshot) to item bytes.
bool convert_all(const TypeDesc* d, Object* const* vals, ssize n, std::string* out) {
  out->resize(size_t(n) * size_t(d->itemsize));
  for (ssize i = 0; i < n; i++)
    if (!to_item(d, vals[i], out->data() + i * d->itemsize)) return false;
  return true;
}

// ---- Storage (caller holds the array's section) ----

std::nullptr_t exports_error() {
  return set_error(&exc_BufferError, "cannot resize an array that is exporting buffers");
}

// Resizes to n items, keeping the first min(n, size); CPython's over-allocation pattern.
int resize_locked(Object* self, ssize n) {
  ArrayObj* a = AO(self);
  if (a->exports > 0 && n != var_size(self)) {
    exports_error();
    return -1;
  }
  if (a->allocated >= n && n + 16 >= a->allocated >> 1) {
    set_var_size(self, n);
    return 0;
  }
  if (n == 0) {
    std::free(a->items);
    a->items = nullptr;
    a->allocated = 0;
    set_var_size(self, 0);
    return 0;
  }
  ssize cap = n + (n >> 4) + (var_size(self) < 8 ? 3 : 7);
  if (cap > kSsizeMax / isz(self)) {
    no_memory();
    return -1;
  }
  char* p = static_cast<char*>(std::realloc(a->items, size_t(cap) * size_t(isz(self))));
  if (!p) {
    no_memory();
    return -1;
  }
  a->items = p;
  a->allocated = cap;
  set_var_size(self, n);
  return 0;
}

// Inserts raw item bytes (n items) before index `where` (clamped by the caller).
int insert_raw_locked(Object* self, ssize where, const char* data, ssize n) {
  if (n == 0) return 0;
  ssize size = var_size(self);
  if (n > kSsizeMax - size) {
    no_memory();
    return -1;
  }
  if (resize_locked(self, size + n) < 0) return -1;
  ssize s = isz(self);
  char* base = AO(self)->items;
  std::memmove(base + (where + n) * s, base + where * s, size_t((size - where) * s));
  std::memcpy(base + where * s, data, size_t(n * s));
  return 0;
}

int append_raw(Object* self, const char* data, ssize n) {
  sync::CriticalSection cs(self);
  return insert_raw_locked(self, var_size(self), data, n);
}

// Removes items [lo, hi).
int delete_range_locked(Object* self, ssize lo, ssize hi) {
  if (hi <= lo) return 0;
  ssize size = var_size(self), s = isz(self);
  if (AO(self)->exports > 0) {
    exports_error();
    return -1;
  }
  char* base = AO(self)->items;
  std::memmove(base + lo * s, base + hi * s, size_t((size - hi) * s));
  return resize_locked(self, size - (hi - lo));
}

// A copy of the items' bytes.
std::string snapshot(Object* self) {
  sync::CriticalSection cs(self);
  return std::string(AO(self)->items ? AO(self)->items : "", size_t(var_size(self) * isz(self)));
}

// ---- Creation ----

Object* new_array(Type* type, const TypeDesc* d, const char* data, ssize n) {
  ORef o = steal(new_var_object(type, 0));
  if (!o) return nullptr;
  ArrayObj* a = AO(o.get());
  a->desc = d;
  if (n > 0) {
    if (n > kSsizeMax / d->itemsize) return no_memory();
    a->items = static_cast<char*>(std::malloc(size_t(n) * size_t(d->itemsize)));
    if (!a->items) return no_memory();
    if (data) std::memcpy(a->items, data, size_t(n) * size_t(d->itemsize));
    a->allocated = n;
    set_var_size(o.get(), n);
  }
  return o.release();
}

// Appends the items of any iterable, one at a time (the array grows as the iterator runs).
int extend_iter(Object* self, Object* iterable) {
  ORef it = steal(get_iter(iterable));
  if (!it) return -1;
  const TypeDesc* d = AO(self)->desc;
  char buf[8];
  for (;;) {
    ORef v = steal(iter_next(it.get()));
    if (!v) return error_occurred() ? -1 : 0;
    if (!to_item(d, v.get(), buf) || append_raw(self, buf, 1) < 0) return -1;
  }
}

int frombytes_impl(Object* self, const char* p, ssize len) {
  ssize s = isz(self);
  if (len % s) {
    set_error(&exc_ValueError, "bytes length not a multiple of item size");
    return -1;
  }
  return append_raw(self, p, len / s);
}

int fromunicode_impl(Object* self, Object* str) {
  ssize n = str_length(str);
  std::vector<uint32_t> chars(static_cast<size_t>(n));
  for (ssize i = 0; i < n; i++) chars[size_t(i)] = str_char_at(str, i);
  return append_raw(self, reinterpret_cast<const char*>(chars.data()), n);
}

int deprecate_u(const TypeDesc* d) {
  if (d->code != 'u') return 0;
  return runtime_warn(&exc_DeprecationWarning, "The 'u' type code is deprecated and will be removed in Python 3.16", 1);
}

// array(typecode[, initializer]) for `type` (array or a subclass).
Object* array_create(Type* type, Object* tc_obj, Object* init) {
  if (!type_check(tc_obj, &str_type) || str_length(tc_obj) != 1)
    return set_errorf(&exc_TypeError, "array() argument 1 must be a unicode character, not {}", type_name(tc_obj));
  const TypeDesc* d = find_desc(str_char_at(tc_obj, 0));
  if (!d) return set_error(&exc_ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
  bool unicode = d->conv == Conv::kUnicode;
  if (init && init != none()) {
    if (type_check(init, &str_type) && !unicode)
      return set_errorf(&exc_TypeError, "cannot use a str to initialize an array with typecode '{}'", d->code);
    if (is_array(init) && AO(init)->desc->conv == Conv::kUnicode && !unicode)
      return set_errorf(&exc_TypeError, "cannot use a unicode array to initialize an array with typecode '{}'",
                        d->code);
  }
  if (deprecate_u(d) < 0) return nullptr;
  ORef a = steal(new_array(type, d, nullptr, 0));
  if (!a) return nullptr;
  if (!init || init == none()) return a.release();
  if (type_check(init, &list_type) || type_check(init, &tuple_type)) {
    ORef seq = steal(type_check(init, &tuple_type) ? newref(init) : list_as_tuple(init));
    if (!seq) return nullptr;
    std::string raw;
    if (!convert_all(d, tuple_items(seq.get()), tuple_size(seq.get()), &raw)) return nullptr;
    if (append_raw(a.get(), raw.data(), tuple_size(seq.get())) < 0) return nullptr;
  } else if (type_check(init, &bytes_type) || type_check(init, &bytearray_type)) {
    BufferHold view;
    if (view.get(init, PyBUF_SIMPLE) < 0) return nullptr;
    if (frombytes_impl(a.get(), static_cast<const char*>(view->buf), view->len) < 0) return nullptr;
  } else if (type_check(init, &str_type)) {
    if (fromunicode_impl(a.get(), init) < 0) return nullptr;
  } else if (is_array(init) && AO(init)->desc == d) {
    std::string raw = snapshot(init);
    if (append_raw(a.get(), raw.data(), ssize(raw.size()) / d->itemsize) < 0) return nullptr;
  } else {
    if (extend_iter(a.get(), init) < 0) return nullptr;
  }
  return a.release();
}

Object* array_tp_new(Type* type, Object* args, Object* kwds) {
  if (type == &array_type && kwds && dict_size(kwds) > 0)
    return set_error(&exc_TypeError, "array.array() takes no keyword arguments");
  ssize n = tuple_size(args);
  if (n < 1) return set_errorf(&exc_TypeError, "array() takes at least 1 argument ({} given)", n);
  if (n > 2) return set_errorf(&exc_TypeError, "array() takes at most 2 arguments ({} given)", n);
  return array_create(type, tuple_get(args, 0), n > 1 ? tuple_get(args, 1) : nullptr);
}

void array_dealloc(Object* self) {
  Type* t = type_of(self);
  clear_weakrefs(self);
  std::free(AO(self)->items);
  object_free(self);
  dealloc_type_ref(t);
}

// ---- Sequence and mapping protocols ----

// Lock-free, as len() of a list: writers change ob_size under the array's critical section with set_var_size's
// relaxed atomic store, so this read must be an atomic load too (a plain load races with append in another thread).
ssize array_length(Object* self) {
  return __atomic_load_n(&reinterpret_cast<VarObject*>(self)->ob_size, __ATOMIC_RELAXED);
}

// The item at i as a Python object, or IndexError with `msg`. Negative i is not adjusted here.
Object* item_at(Object* self, ssize i, const char* msg) {
  char buf[8];
  const TypeDesc* d = AO(self)->desc;
  {
    sync::CriticalSection cs(self);
    if (i < 0 || i >= var_size(self)) return set_error(&exc_IndexError, msg);
    std::memcpy(buf, item_ptr(self, i), size_t(d->itemsize));
  }
  return from_item(d, buf);
}

Object* array_item(Object* self, ssize i) { return item_at(self, i, "array index out of range"); }

Object* array_concat(Object* self, Object* other) {
  if (!is_array(other))
    return set_errorf(&exc_TypeError, "can only append array (not \"{}\") to array", type_name(other));
  if (AO(other)->desc != AO(self)->desc) return bad_argument();
  std::string a = snapshot(self);
  a += snapshot(other);
  return new_array(&array_type, AO(self)->desc, a.data(), ssize(a.size()) / isz(self));
}

Object* array_repeat(Object* self, ssize n) {
  std::string a = snapshot(self);
  if (n < 0) n = 0;
  if (!a.empty() && n > kSsizeMax / ssize(a.size())) return no_memory();
  std::string out;
  out.reserve(a.size() * size_t(n));
  for (ssize i = 0; i < n; i++) out += a;
  return new_array(&array_type, AO(self)->desc, out.data(), ssize(out.size()) / isz(self));
}

int array_ass_item(Object* self, ssize i, Object* v) {
  if (!v) {
    sync::CriticalSection cs(self);
    if (i < 0 || i >= var_size(self)) {
      set_error(&exc_IndexError, "array assignment index out of range");
      return -1;
    }
    return delete_range_locked(self, i, i + 1);
  }
  {
    sync::CriticalSection cs(self);
    if (i < 0 || i >= var_size(self)) {
      set_error(&exc_IndexError, "array assignment index out of range");
      return -1;
    }
  }
  char buf[8];
  if (!to_item(AO(self)->desc, v, buf)) return -1;
  sync::CriticalSection cs(self);
  if (i >= var_size(self)) {
    set_error(&exc_IndexError, "array assignment index out of range");
    return -1;
  }
  std::memcpy(item_ptr(self, i), buf, size_t(isz(self)));
  return 0;
}

// Calls f(item) for each item, one at a time (the array may change in between); stops when f returns nonzero.
template <class F>
int for_each_item(Object* self, F f) {
  const TypeDesc* d = AO(self)->desc;
  for (ssize i = 0;; i++) {
    char buf[8];
    {
      sync::CriticalSection cs(self);
      if (i >= var_size(self)) return 0;
      std::memcpy(buf, item_ptr(self, i), size_t(d->itemsize));
    }
    ORef item = steal(from_item(d, buf));
    if (!item) return -1;
    int r = f(i, item.get());
    if (r) return r;
  }
}

int array_contains(Object* self, Object* v) {
  int found = 0;
  int r = for_each_item(self, [&](ssize, Object* item) {
    int eq = rich_compare_bool(item, v, Py_EQ);
    if (eq < 0) return -1;
    found = eq;
    return eq;
  });
  return r < 0 ? -1 : found;
}

Object* array_inplace_concat(Object* self, Object* other) {
  if (!is_array(other))
    return set_errorf(&exc_TypeError, "can only extend array with array (not \"{}\")", type_name(other));
  if (AO(other)->desc != AO(self)->desc) return set_error(&exc_TypeError, "can only extend with array of same kind");
  std::string b = snapshot(other);
  if (append_raw(self, b.data(), ssize(b.size()) / isz(self)) < 0) return nullptr;
  return newref(self);
}

Object* array_inplace_repeat(Object* self, ssize n) {
  sync::CriticalSection cs(self);
  ssize size = var_size(self), s = isz(self);
  if (n <= 0 || size == 0) {
    if (size && resize_locked(self, 0) < 0) return nullptr;
    return newref(self);
  }
  if (n > kSsizeMax / size / s) return no_memory();
  if (resize_locked(self, size * n) < 0) return nullptr;
  char* base = AO(self)->items;
  for (ssize k = 1; k < n; k++) std::memcpy(base + k * size * s, base, size_t(size * s));
  return newref(self);
}

bool index_arg(Object* item, ssize* out) {
  ORef i = steal(number_index(item));
  if (!i) return false;
  *out = number_as_ssize(i.get(), &exc_IndexError);
  return !(*out == -1 && error_occurred());
}

Object* array_subscript(Object* self, Object* item) {
  if (index_check(item)) {
    ssize i;
    if (!index_arg(item, &i)) return nullptr;
    if (i < 0) i += var_size(self);
    return array_item(self, i);
  }
  if (!type_check(item, &slice_type)) return set_error(&exc_TypeError, "array indices must be integers");
  ssize start, stop, step;
  if (slice_unpack(item, &start, &stop, &step) < 0) return nullptr;
  const TypeDesc* d = AO(self)->desc;
  std::string out;
  {
    sync::CriticalSection cs(self);
    ssize n = slice_adjust_indices(var_size(self), &start, &stop, step);
    out.resize(size_t(n * d->itemsize));
    for (ssize k = 0, cur = start; k < n; k++, cur += step)
      std::memcpy(out.data() + k * d->itemsize, item_ptr(self, cur), size_t(d->itemsize));
  }
  return new_array(&array_type, d, out.data(), ssize(out.size()) / d->itemsize);
}

int array_ass_subscript(Object* self, Object* item, Object* value) {
  if (index_check(item)) {
    ssize i;
    if (!index_arg(item, &i)) return -1;
    if (i < 0) i += var_size(self);
    return array_ass_item(self, i, value);
  }
  if (!type_check(item, &slice_type)) {
    set_error(&exc_TypeError, "array indices must be integers");
    return -1;
  }
  ssize start, stop, step;
  if (slice_unpack(item, &start, &stop, &step) < 0) return -1;
  std::string src;
  if (value) {
    if (!is_array(value)) {
      set_errorf(&exc_TypeError, "can only assign array (not \"{}\") to array slice", type_name(value));
      return -1;
    }
    if (AO(value)->desc != AO(self)->desc) {
      bad_argument();
      return -1;
    }
    src = snapshot(value);  // also covers a[i:j] = a
  }
  ssize s = isz(self);
  ssize needed = ssize(src.size()) / s;
  sync::CriticalSection cs(self);
  ssize size = var_size(self);
  ssize slicelen = slice_adjust_indices(size, &start, &stop, step);
  if (step == 1) {
    if (stop < start) stop = start;
    ssize delta = needed - (stop - start);
    if (delta != 0 && AO(self)->exports > 0) {
      exports_error();
      return -1;
    }
    char* base = AO(self)->items;
    if (delta < 0) {
      std::memmove(base + (stop + delta) * s, base + stop * s, size_t((size - stop) * s));
      if (resize_locked(self, size + delta) < 0) return -1;
    } else if (delta > 0) {
      if (resize_locked(self, size + delta) < 0) return -1;
      base = AO(self)->items;
      std::memmove(base + (stop + delta) * s, base + stop * s, size_t((size - stop) * s));
    }
    if (needed) std::memcpy(AO(self)->items + start * s, src.data(), src.size());
    return 0;
  }
  if (!value) {
    if (slicelen == 0) return 0;
    if (AO(self)->exports > 0) {
      exports_error();
      return -1;
    }
    if (step < 0) {
      stop = start + 1;
      start = stop + step * (slicelen - 1) - 1;
      step = -step;
    }
    // Compact the kept items over the deleted ones.
    char* base = AO(self)->items;
    ssize out = start;
    for (ssize i = start; i < size; i++) {
      if (i < stop && (i - start) % step == 0) continue;
      if (out != i) std::memmove(base + out * s, base + i * s, size_t(s));
      out++;
    }
    return resize_locked(self, size - slicelen);
  }
  if (needed != slicelen) {
    set_errorf(&exc_ValueError, "attempt to assign array of size {} to extended slice of size {}", needed, slicelen);
    return -1;
  }
  for (ssize k = 0, cur = start; k < slicelen; k++, cur += step)
    std::memcpy(AO(self)->items + cur * s, src.data() + k * s, size_t(s));
  return 0;
}

// ---- Comparison, repr, iteration ----

Object* array_richcompare(Object* v, Object* w, int op) {
  if (!is_array(v) || !is_array(w)) return newref(not_implemented());
  std::string a = snapshot(v), b = snapshot(w);
  const TypeDesc *da = AO(v)->desc, *db = AO(w)->desc;
  ssize na = ssize(a.size()) / da->itemsize, nb = ssize(b.size()) / db->itemsize;
  if (na != nb && (op == Py_EQ || op == Py_NE)) return newref(bool_obj(op == Py_NE));
  // The first index where the items differ decides; otherwise the sizes do.
  ssize i = 0;
  for (; i < na && i < nb; i++) {
    ORef x = steal(from_item(da, a.data() + i * da->itemsize));
    ORef y = steal(from_item(db, b.data() + i * db->itemsize));
    if (!x || !y) return nullptr;
    int eq = rich_compare_bool(x.get(), y.get(), Py_EQ);
    if (eq < 0) return nullptr;
    if (!eq) {
      if (op == Py_EQ) return newref(false_());
      if (op == Py_NE) return newref(true_());
      return rich_compare(x.get(), y.get(), op);
    }
  }
  bool r;
  switch (op) {
    case Py_LT:
      r = na < nb;
      break;
    case Py_LE:
      r = na <= nb;
      break;
    case Py_EQ:
      r = na == nb;
      break;
    case Py_NE:
      r = na != nb;
      break;
    case Py_GT:
      r = na > nb;
      break;
    default:
      r = na >= nb;
      break;
  }
  return newref(bool_obj(r));
}

Object* array_tolist(Object* self, Object*);
Object* array_tounicode(Object* self, Object*);

Object* array_repr(Object* self) {
  std::string_view name = type_of(self)->tp_name;
  if (size_t dot = name.rfind('.'); dot != std::string_view::npos) name.remove_prefix(dot + 1);
  char code = AO(self)->desc->code;
  if (var_size(self) == 0) return str_from_utf8(fmt::format("{}('{}')", name, code));
  ORef contents =
      steal(AO(self)->desc->conv == Conv::kUnicode ? array_tounicode(self, nullptr) : array_tolist(self, nullptr));
  if (!contents) return nullptr;
  ORef r = steal(object_repr(contents.get()));
  if (!r) return nullptr;
  return str_from_utf8(fmt::format("{}('{}', {})", name, code, str_view(r.get())));
}

Object* array_iter(Object* self) {
  Object* it = new_object(&arrayiter_type, sizeof(ArrayIter));
  if (!it) return nullptr;
  reinterpret_cast<ArrayIter*>(it)->array = newref(self);
  return it;
}

// The iterator's fields are read and written inside its array's section.
Object* arrayiter_next(Object* o) {
  auto* it = reinterpret_cast<ArrayIter*>(o);
  ORef arr = steal(load_shared_slot(&it->array));
  if (!arr) return nullptr;
  char buf[8];
  const TypeDesc* d = AO(arr.get())->desc;
  {
    sync::CriticalSection cs(arr.get());
    if (it->index >= var_size(arr.get())) {
      set_shared_slot(&it->array, nullptr);
      return nullptr;
    }
    std::memcpy(buf, item_ptr(arr.get(), it->index), size_t(d->itemsize));
    it->index++;
  }
  return from_item(d, buf);
}

void arrayiter_dealloc(Object* o) {
  xdecref(reinterpret_cast<ArrayIter*>(o)->array);
  object_free(o);
}

Object* iter_self(Object* o) { return newref(o); }

Object* arrayiter_reduce(Object* o, Object*) {
  auto* it = reinterpret_cast<ArrayIter*>(o);
  Object* iter_fn = nullptr;
  if (dict_get_str(module_dict(builtins_module()), "iter", &iter_fn) < 0) return nullptr;
  ORef fn = steal(iter_fn);
  if (!fn) return set_error(&exc_RuntimeError, "builtins.iter is missing");
  ORef arr = steal(load_shared_slot(&it->array));
  if (!arr) {
    ORef empty = steal(tuple_pack({tuple_empty()}));
    if (!empty) return nullptr;
    return tuple_pack({fn.get(), empty.get()});
  }
  ORef args = steal(tuple_pack({arr.get()}));
  ORef idx = steal(int_from_ssize(__atomic_load_n(&it->index, __ATOMIC_RELAXED)));
  if (!args || !idx) return nullptr;
  return tuple_pack({fn.get(), args.get(), idx.get()});
}

Object* arrayiter_setstate(Object* o, Object* state) {
  auto* it = reinterpret_cast<ArrayIter*>(o);
  ssize index;
  if (!index_arg(state, &index)) return nullptr;
  ORef arr = steal(load_shared_slot(&it->array));
  if (!arr) return newref(none());
  sync::CriticalSection cs(arr.get());
  if (index < 0) index = 0;
  if (index > var_size(arr.get())) index = var_size(arr.get());
  it->index = index;
  return newref(none());
}

// ---- Buffer protocol ----

int array_getbuffer(Object* self, Py_buffer* view, int flags) {
  if (!view) {
    set_error(&exc_BufferError, "array_buffer_getbuf: view==NULL argument is obsolete");
    return -1;
  }
  sync::CriticalSection cs(self);
  ArrayObj* a = AO(self);
  if (!a->items) {
    // An empty array still exports a valid pointer.
    a->items = static_cast<char*>(std::malloc(size_t(isz(self))));
    if (!a->items) {
      no_memory();
      return -1;
    }
    a->allocated = 1;
  }
  view->buf = a->items;
  view->obj = newref(self);
  view->len = var_size(self) * isz(self);
  view->readonly = 0;
  view->ndim = 1;
  view->itemsize = isz(self);
  view->suboffsets = nullptr;
  view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &reinterpret_cast<PyVarObject*>(self)->ob_size : nullptr;
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &view->itemsize : nullptr;
  view->format = (flags & PyBUF_FORMAT) == PyBUF_FORMAT ? const_cast<char*>(a->desc->format) : nullptr;
  view->internal = nullptr;
  a->exports++;
  return 0;
}

void array_releasebuffer(Object* self, Py_buffer*) {
  sync::CriticalSection cs(self);
  AO(self)->exports--;
}

// ---- Methods ----

Object* array_append(Object* self, Object* v) {
  char buf[8];
  if (!to_item(AO(self)->desc, v, buf) || append_raw(self, buf, 1) < 0) return nullptr;
  return newref(none());
}

Object* array_extend(Object* self, Object* iterable) {
  if (is_array(iterable)) {
    if (AO(iterable)->desc != AO(self)->desc)
      return set_error(&exc_TypeError, "can only extend with array of same kind");
    std::string b = snapshot(iterable);
    if (append_raw(self, b.data(), ssize(b.size()) / isz(self)) < 0) return nullptr;
    return newref(none());
  }
  if (extend_iter(self, iterable) < 0) return nullptr;
  return newref(none());
}

Object* array_insert(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("insert", nargs, kwnames, 2, 2)) return nullptr;
  ssize i;
  if (!index_arg(args[0], &i)) return nullptr;
  char buf[8];
  if (!to_item(AO(self)->desc, args[1], buf)) return nullptr;
  sync::CriticalSection cs(self);
  ssize n = var_size(self);
  if (i < 0) {
    i += n;
    if (i < 0) i = 0;
  }
  if (i > n) i = n;
  if (insert_raw_locked(self, i, buf, 1) < 0) return nullptr;
  return newref(none());
}

Object* array_pop(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("pop", nargs, kwnames, 0, 1)) return nullptr;
  ssize i = -1;
  if (nargs && !index_arg(args[0], &i)) return nullptr;
  char buf[8];
  const TypeDesc* d = AO(self)->desc;
  {
    sync::CriticalSection cs(self);
    ssize n = var_size(self);
    if (n == 0) return set_error(&exc_IndexError, "pop from empty array");
    if (i < 0) i += n;
    if (i < 0 || i >= n) return set_error(&exc_IndexError, "pop index out of range");
    std::memcpy(buf, item_ptr(self, i), size_t(d->itemsize));
    if (delete_range_locked(self, i, i + 1) < 0) return nullptr;
  }
  return from_item(d, buf);
}

// The index of the first item equal to v in [start, stop), -1 when none, -2 on error.
ssize find_item(Object* self, Object* v, ssize start, ssize stop) {
  ssize found = -1;
  int r = for_each_item(self, [&](ssize i, Object* item) {
    if (i >= stop) return 1;
    if (i < start) return 0;
    int eq = rich_compare_bool(item, v, Py_EQ);
    if (eq < 0) return -1;
    if (eq) found = i;
    return eq;
  });
  return r < 0 ? -2 : found;
}

Object* array_remove(Object* self, Object* v) {
  ssize i = find_item(self, v, 0, kSsizeMax);
  if (i == -2) return nullptr;
  if (i < 0) return set_error(&exc_ValueError, "array.remove(x): x not in array");
  sync::CriticalSection cs(self);
  if (i < var_size(self) && delete_range_locked(self, i, i + 1) < 0) return nullptr;
  return newref(none());
}

Object* array_index(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("index", nargs, kwnames, 1, 3)) return nullptr;
  ssize start = 0, stop = kSsizeMax;
  if (nargs > 1 && !slice_index(args[1], &start)) return nullptr;
  if (nargs > 2 && !slice_index(args[2], &stop)) return nullptr;
  ssize n = var_size(self);
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += n;
    if (stop < 0) stop = 0;
  }
  ssize i = find_item(self, args[0], start, stop);
  if (i == -2) return nullptr;
  if (i < 0) return set_error(&exc_ValueError, "array.index(x): x not in array");
  return int_from_ssize(i);
}

Object* array_count(Object* self, Object* v) {
  ssize count = 0;
  int r = for_each_item(self, [&](ssize, Object* item) {
    int eq = rich_compare_bool(item, v, Py_EQ);
    if (eq < 0) return -1;
    count += eq;
    return 0;
  });
  if (r < 0) return nullptr;
  return int_from_ssize(count);
}

Object* array_reverse(Object* self, Object*) {
  sync::CriticalSection cs(self);
  ssize n = var_size(self), s = isz(self);
  char tmp[8];
  char* base = AO(self)->items;
  for (ssize i = 0, j = n - 1; i < j; i++, j--) {
    std::memcpy(tmp, base + i * s, size_t(s));
    std::memcpy(base + i * s, base + j * s, size_t(s));
    std::memcpy(base + j * s, tmp, size_t(s));
  }
  return newref(none());
}

Object* array_byteswap(Object* self, Object*) {
  sync::CriticalSection cs(self);
  ssize n = var_size(self), s = isz(self);
  char* base = AO(self)->items;
  for (ssize i = 0; i < n; i++) {
    char* p = base + i * s;
    for (ssize a = 0, b = s - 1; a < b; a++, b--) std::swap(p[a], p[b]);
  }
  return newref(none());
}

Object* array_clear(Object* self, Object*) {
  sync::CriticalSection cs(self);
  if (resize_locked(self, 0) < 0) return nullptr;
  return newref(none());
}

Object* array_buffer_info(Object* self, Object*) {
  uintptr_t addr;
  ssize n;
  {
    sync::CriticalSection cs(self);
    addr = reinterpret_cast<uintptr_t>(AO(self)->items);
    n = var_size(self);
  }
  ORef a = steal(int_from_u64(addr));
  ORef l = steal(int_from_ssize(n));
  if (!a || !l) return nullptr;
  return tuple_pack({a.get(), l.get()});
}

Object* array_tobytes(Object* self, Object*) {
  std::string b = snapshot(self);
  return bytes_from(b.data(), ssize(b.size()));
}

Object* array_frombytes(Object* self, Object* arg) {
  BufferHold view;
  if (view.get(arg, PyBUF_SIMPLE) < 0) return nullptr;
  if (frombytes_impl(self, static_cast<const char*>(view->buf), view->len) < 0) return nullptr;
  return newref(none());
}

Object* array_tolist(Object* self, Object*) {
  std::string b = snapshot(self);
  const TypeDesc* d = AO(self)->desc;
  ssize n = ssize(b.size()) / d->itemsize;
  ORef list = steal(list_new(0));
  if (!list) return nullptr;
  for (ssize i = 0; i < n; i++) {
    ORef v = steal(from_item(d, b.data() + i * d->itemsize));
    if (!v || list_append(list.get(), v.get()) < 0) return nullptr;
  }
  return list.release();
}

Object* array_fromlist(Object* self, Object* list) {
  if (!type_check(list, &list_type)) return set_error(&exc_TypeError, "arg must be list");
  ORef items = steal(list_as_tuple(list));
  if (!items) return nullptr;
  std::string raw;
  if (!convert_all(AO(self)->desc, tuple_items(items.get()), tuple_size(items.get()), &raw)) return nullptr;
  if (append_raw(self, raw.data(), tuple_size(items.get())) < 0) return nullptr;
  return newref(none());
}

Object* array_fromunicode(Object* self, Object* s) {
  if (!type_check(s, &str_type))
    return set_errorf(&exc_TypeError, "fromunicode() argument must be str, not {}", type_name(s));
  if (AO(self)->desc->conv != Conv::kUnicode)
    return set_error(&exc_ValueError, "fromunicode() may only be called on unicode type arrays ('u' or 'w')");
  if (fromunicode_impl(self, s) < 0) return nullptr;
  return newref(none());
}

Object* array_tounicode(Object* self, Object*) {
  if (AO(self)->desc->conv != Conv::kUnicode)
    return set_error(&exc_ValueError, "tounicode() may only be called on unicode type arrays ('u' or 'w')");
  std::string b = snapshot(self);
  ssize n = ssize(b.size()) / 4;
  std::vector<uint32_t> chars(static_cast<size_t>(n));
  if (n) std::memcpy(chars.data(), b.data(), b.size());
  for (uint32_t c : chars)
    if (c > 0x10ffff) return set_errorf(&exc_ValueError, "character U+{:x} is not in range [U+0000; U+10ffff]", c);
  return str_from_ucs4(chars.data(), n);
}

Object* array_fromfile(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("fromfile", nargs, kwnames, 2, 2)) return nullptr;
  ssize n;
  if (!index_arg(args[1], &n)) return nullptr;
  if (n < 0) return set_error(&exc_ValueError, "negative count");
  ssize s = isz(self);
  if (n > kSsizeMax / s) return no_memory();
  ssize nbytes = n * s;
  ORef size = steal(int_from_ssize(nbytes));
  if (!size) return nullptr;
  ORef b = steal(call_method1(args[0], str_interned("read"), size.get()));
  if (!b) return nullptr;
  if (!type_check(b.get(), &bytes_type)) return set_error(&exc_TypeError, "read() didn't return bytes");
  ssize got = bytes_size(b.get());
  // Whole items that did arrive are kept, as in CPython.
  if (frombytes_impl(self, bytes_data(b.get()), got - got % s) < 0) return nullptr;
  if (got != nbytes) return set_error(&exc_EOFError, "read() didn't return enough bytes");
  return newref(none());
}

Object* array_tofile(Object* self, Object* f) {
  constexpr size_t kBlock = 64 * 1024;
  std::string b = snapshot(self);
  for (size_t off = 0; off < b.size(); off += kBlock) {
    size_t n = std::min(kBlock, b.size() - off);
    ORef chunk = steal(bytes_from(b.data() + off, ssize(n)));
    if (!chunk) return nullptr;
    ORef r = steal(call_method1(f, str_interned("write"), chunk.get()));
    if (!r) return nullptr;
  }
  return newref(none());
}

Object* array_copy(Object* self, Object*) {
  std::string b = snapshot(self);
  return new_array(&array_type, AO(self)->desc, b.data(), ssize(b.size()) / isz(self));
}

Object* array_deepcopy(Object* self, Object*) { return array_copy(self, nullptr); }

Object* g_reconstructor = nullptr;  // array._array_reconstructor

Object* array_reduce_ex(Object* self, Object* proto_obj) {
  if (!index_check(proto_obj)) return set_error(&exc_TypeError, "__reduce_ex__ argument should be an integer");
  ssize proto;
  if (!index_arg(proto_obj, &proto)) return nullptr;
  Object* dict = nullptr;
  if (get_attr_optional(self, str_interned("__dict__"), &dict) < 0) return nullptr;
  ORef d = steal(dict ? dict : newref(none()));
  Object* cls = reinterpret_cast<Object*>(type_of(self));
  const TypeDesc* desc = AO(self)->desc;
  ORef code = steal(str_from_char(uint8_t(desc->code)));
  if (!code) return nullptr;
  if (proto < 3) {
    ORef list = steal(array_tolist(self, nullptr));
    if (!list) return nullptr;
    ORef args = steal(tuple_pack({code.get(), list.get()}));
    if (!args) return nullptr;
    return tuple_pack({cls, args.get(), d.get()});
  }
  ORef bytes = steal(array_tobytes(self, nullptr));
  ORef mformat = steal(int_from_i64(desc->mformat));
  if (!bytes || !mformat) return nullptr;
  ORef args = steal(tuple_pack({cls, code.get(), mformat.get(), bytes.get()}));
  if (!args) return nullptr;
  return tuple_pack({g_reconstructor, args.get(), d.get()});
}

Object* array_sizeof(Object* self, Object*) {
  sync::CriticalSection cs(self);
  return int_from_ssize(type_of(self)->tp_basicsize + AO(self)->allocated * isz(self));
}

Object* array_get_typecode(Object* self, void*) { return str_from_char(uint8_t(AO(self)->desc->code)); }
Object* array_get_itemsize(Object* self, void*) { return int_from_ssize(isz(self)); }

// ---- _array_reconstructor ----

struct MachineFormat {
  int size;
  bool is_signed;
  bool big_endian;
};
constexpr MachineFormat kMachineFormats[] = {
    {1, false, false}, {1, true, false}, {2, false, false}, {2, false, true}, {2, true, false},  {2, true, true},
    {4, false, false}, {4, false, true}, {4, true, false},  {4, true, true},  {8, false, false}, {8, false, true},
    {8, true, false},  {8, true, true},  {4, false, false}, {4, false, true}, {8, false, false}, {8, false, true},
    {4, false, false}, {4, false, true}, {8, false, false}, {8, false, true},
};
constexpr int kMformatFloatLE = 14, kMformatDoubleBE = 17, kMformatUtf16LE = 18, kMformatUtf32BE = 21;

Object* array_reconstructor(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("_array_reconstructor", nargs, kwnames, 4, 4)) return nullptr;
  Object* atype = args[0];
  if (!type_check(atype, &type_type))
    return set_errorf(&exc_TypeError, "first argument must be a type object, not {}", type_name(atype));
  Type* t = reinterpret_cast<Type*>(atype);
  if (!is_subtype(t, &array_type)) return set_errorf(&exc_TypeError, "{} is not a subtype of array.array", t->tp_name);
  if (!type_check(args[1], &str_type) || str_length(args[1]) != 1)
    return set_errorf(&exc_TypeError, "_array_reconstructor() argument 2 must be a unicode character, not {}",
                      type_name(args[1]));
  const TypeDesc* d = find_desc(str_char_at(args[1], 0));
  if (!d) return set_error(&exc_ValueError, "second argument must be a valid type code");
  ssize mf;
  if (!index_arg(args[2], &mf)) return nullptr;
  if (mf < 0 || mf > kMformatUtf32BE)
    return set_error(&exc_ValueError, "third argument must be a valid machine format code.");
  Object* items = args[3];
  if (!type_check(items, &bytes_type))
    return set_errorf(&exc_TypeError, "fourth argument should be bytes, not {}", type_name(items));
  if (mf == d->mformat) return array_create(t, args[1], items);
  const MachineFormat& m = kMachineFormats[mf];
  std::string_view raw = bytes_view(items);
  if (raw.size() % size_t(m.size)) return set_error(&exc_ValueError, "string length not a multiple of item size");
  ssize n = ssize(raw.size()) / m.size;
  auto load = [&](ssize i) {
    uint64_t x = 0;
    for (int k = 0; k < m.size; k++) {
      uint64_t byte = uint8_t(raw[size_t(i * m.size + (m.big_endian ? m.size - 1 - k : k))]);
      x |= byte << (8 * k);
    }
    return x;
  };
  ORef converted;
  Object* code = args[1];
  ORef code_ref;
  if (mf >= kMformatUtf16LE) {
    const char* enc = mf == 18 ? "utf-16-le" : mf == 19 ? "utf-16-be" : mf == 20 ? "utf-32-le" : "utf-32-be";
    converted = steal(str_decode(raw.data(), ssize(raw.size()), enc, "strict"));
  } else {
    converted = steal(list_new(0));
    if (!converted) return nullptr;
    bool is_float = mf >= kMformatFloatLE && mf <= kMformatDoubleBE;
    if (!is_float) {
      // The last integer typecode of the machine format's size and signedness.
      for (const TypeDesc& cand : kDescs)
        if (cand.is_int && cand.itemsize == m.size && cand.is_signed == m.is_signed) d = &cand;
      code_ref = steal(str_from_char(uint8_t(d->code)));
      if (!code_ref) return nullptr;
      code = code_ref.get();
    }
    for (ssize i = 0; i < n; i++) {
      uint64_t x = load(i);
      ORef v;
      if (is_float && m.size == 4) {
        uint32_t bits = uint32_t(x);
        float f;
        std::memcpy(&f, &bits, 4);
        v = steal(float_from_double(f));
      } else if (is_float) {
        double f;
        std::memcpy(&f, &x, 8);
        v = steal(float_from_double(f));
      } else if (m.is_signed) {
        if (m.size < 8 && (x >> (8 * m.size - 1)) & 1) x |= ~uint64_t(0) << (8 * m.size);
        v = steal(int_from_i64(int64_t(x)));
      } else {
        v = steal(int_from_u64(x));
      }
      if (!v || list_append(converted.get(), v.get()) < 0) return nullptr;
    }
  }
  if (!converted) return nullptr;
  return array_create(t, code, converted.get());
}

#define LK(f) as_cfunc(locked_fast<f>), METH_FASTCALL | METH_KEYWORDS
#define FAST(f) as_cfunc(f), METH_FASTCALL | METH_KEYWORDS
PyMethodDef array_methods[] = {
    {"append", array_append, METH_O, "append($self, v, /)\n--\n\nAppend new value v to the end of the array."},
    {"buffer_info", array_buffer_info, METH_NOARGS,
     "buffer_info($self, /)\n--\n\nReturn a tuple (address, length) giving the current memory address and the "
     "length in items of the buffer used to hold array's contents."},
    {"byteswap", array_byteswap, METH_NOARGS, "byteswap($self, /)\n--\n\nByteswap all items of the array."},
    {"clear", array_clear, METH_NOARGS, "clear($self, /)\n--\n\nRemove all items from the array."},
    {"__copy__", array_copy, METH_NOARGS, "__copy__($self, /)\n--\n\nReturn a copy of the array."},
    {"count", array_count, METH_O, "count($self, v, /)\n--\n\nReturn number of occurrences of v in the array."},
    {"__deepcopy__", array_deepcopy, METH_O, "__deepcopy__($self, unused, /)\n--\n\nReturn a copy of the array."},
    {"extend", array_extend, METH_O, "extend($self, bb, /)\n--\n\nAppend items to the end of the array."},
    {"frombytes", array_frombytes, METH_O,
     "frombytes($self, buffer, /)\n--\n\nAppends items from the string, interpreting it as an array of machine "
     "values, as if it had been read from a file using the fromfile() method."},
    {"fromfile", FAST(array_fromfile),
     "fromfile($self, f, n, /)\n--\n\nRead n objects from the file object f and append them to the end of the "
     "array."},
    {"fromlist", array_fromlist, METH_O, "fromlist($self, list, /)\n--\n\nAppend items to array from list."},
    {"fromunicode", array_fromunicode, METH_O,
     "fromunicode($self, ustr, /)\n--\n\nExtends this array with data from the unicode string ustr."},
    {"index", FAST(array_index),
     "index($self, v, start=0, stop=sys.maxsize, /)\n--\n\nReturn index of first occurrence of v in the array."},
    {"insert", FAST(array_insert),
     "insert($self, i, v, /)\n--\n\nInsert a new item v into the array before position i."},
    {"pop", FAST(array_pop),
     "pop($self, i=-1, /)\n--\n\nReturn the i-th element and delete it from the array.\n\ni defaults to -1."},
    {"__reduce_ex__", array_reduce_ex, METH_O,
     "__reduce_ex__($self, value, /)\n--\n\nReturn state information for pickling."},
    {"remove", array_remove, METH_O, "remove($self, v, /)\n--\n\nRemove the first occurrence of v in the array."},
    {"reverse", array_reverse, METH_NOARGS, "reverse($self, /)\n--\n\nReverse the order of the items in the array."},
    {"tofile", array_tofile, METH_O,
     "tofile($self, f, /)\n--\n\nWrite all items (as machine values) to the file "
     "object f."},
    {"tolist", array_tolist, METH_NOARGS,
     "tolist($self, /)\n--\n\nConvert array to an ordinary list with the same "
     "items."},
    {"tobytes", array_tobytes, METH_NOARGS,
     "tobytes($self, /)\n--\n\nConvert the array to an array of machine values and return the bytes "
     "representation."},
    {"tounicode", array_tounicode, METH_NOARGS,
     "tounicode($self, /)\n--\n\nExtends this array with data from the unicode string ustr.\n\nConvert the array "
     "to a unicode string.  The array must be a unicode type array; otherwise a ValueError is raised."},
    {"__sizeof__", array_sizeof, METH_NOARGS, "__sizeof__($self, /)\n--\n\nSize of the array in memory, in bytes."},
    {nullptr, nullptr, 0, nullptr},
};
#undef LK

PyGetSetDef array_getset[] = {
    {"typecode", array_get_typecode, nullptr, "the typecode character used to create the array", nullptr},
    {"itemsize", array_get_itemsize, nullptr, "the size, in bytes, of one array item", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef arrayiter_methods[] = {
    {"__reduce__", arrayiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", arrayiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

PySequenceMethods array_as_sequence = {
    .sq_length = array_length,
    .sq_concat = array_concat,
    .sq_repeat = array_repeat,
    .sq_item = array_item,
    .sq_ass_item = array_ass_item,
    .sq_contains = array_contains,
    .sq_inplace_concat = array_inplace_concat,
    .sq_inplace_repeat = array_inplace_repeat,
};

PyMappingMethods array_as_mapping = {
    .mp_length = array_length,
    .mp_subscript = array_subscript,
    .mp_ass_subscript = array_ass_subscript,
};

PyBufferProcs array_as_buffer = {array_getbuffer, array_releasebuffer};

PyMethodDef module_methods[] = {
    {"_array_reconstructor", FAST(array_reconstructor),
     "_array_reconstructor($module, arraytype, typecode, mformat_code, items, /)\n--\n\nInternal. Used for "
     "pickling support."},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

namespace {

Type array_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "array.array",
    .tp_basicsize = sizeof(ArrayObj),
    .tp_dealloc = array_dealloc,
    .tp_repr = array_repr,
    .tp_as_sequence = &array_as_sequence,
    .tp_as_mapping = &array_as_mapping,
    .tp_hash = hash_not_implemented,
    .tp_getattro = generic_getattr,
    .tp_as_buffer = &array_as_buffer,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_SEQUENCE,
    .tp_doc =
        "array(typecode [, initializer]) -> array\n\nReturn a new array whose items are restricted by "
        "typecode, and\ninitialized from the optional initializer value, which must be a list,\na bytes-like "
        "object, or iterable over elements of the\nappropriate type.\n\nArrays represent basic values and "
        "behave very much like lists, except\nthe type of objects stored in them is constrained. The type is "
        "specified\nat object creation time by using a type code, which is a single character.",
    .tp_richcompare = array_richcompare,
    .tp_weaklistoffset = offsetof(ArrayObj, weakreflist),
    .tp_iter = array_iter,
    .tp_methods = array_methods,
    .tp_getset = array_getset,
    .tp_new = array_tp_new,
    .tp_free = object_free,
};

Type arrayiter_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "array.arrayiterator",
    .tp_basicsize = sizeof(ArrayIter),
    .tp_dealloc = arrayiter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = 0,
    .tp_iter = iter_self,
    .tp_iternext = arrayiter_next,
    .tp_methods = arrayiter_methods,
};

}  // namespace

Object* create_array_module() {
  static const int ready = [] {
    if (type_ready(&array_type) < 0 || type_ready(&arrayiter_type) < 0) return -1;
    return generic_alias_install_class_getitem(&array_type);
  }();
  if (ready < 0) {
    if (!error_occurred()) set_error(&exc_SystemError, "array: initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("array")));
  if (!m || module_add_functions(m.get(), module_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  if (!g_reconstructor && dict_get_str(d, "_array_reconstructor", &g_reconstructor) < 0) return nullptr;
  ORef codes = steal(str_from_utf8("bBuwhHiIlLqQfd"));
  if (!codes || dict_set_str(d, "typecodes", codes.get()) < 0 ||
      dict_set_str(d, "array", reinterpret_cast<Object*>(&array_type)) < 0 ||
      dict_set_str(d, "ArrayType", reinterpret_cast<Object*>(&array_type)) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
