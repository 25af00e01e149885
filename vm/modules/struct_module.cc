// The _struct module: converting between Python values and C structs packed in bytes (pack, unpack, pack_into,
// unpack_from, iter_unpack, calcsize, the Struct type and struct.error).
//
// Thread-safety: a Struct's parsed format is an immutable Layout object published through a shared slot;
// Struct.__init__ (the only mutation) swaps in a new Layout, and every operation takes its own reference to the
// Layout it started with, so a concurrent re-init never tears a pack or an unpack. The format cache is a dict,
// whose own critical sections serialise it. An unpack_iterator's position advances with an atomic add, so a shared
// iterator may hand items out in any order but never reads outside its buffer. Packing calls __index__/__float__/
// __bool__ of the values without holding any lock.
#include <climits>
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
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/modules/io_internal.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

constexpr ssize kSsizeMax = std::numeric_limits<ssize>::max();
constexpr ssize kMaxCache = 100;  // CPython's MAXCACHE: the cache is emptied when it reaches this size

Object* g_error = nullptr;  // struct.error (created once, shared by every instance of the module)
Object* g_cache = nullptr;  // format -> Struct

std::nullptr_t struct_error(std::string_view msg) { return set_error(reinterpret_cast<Type*>(g_error), msg); }

// What a format character converts.
enum Kind : uint8_t { kPad, kChar, kSigned, kUnsigned, kBool, kHalf, kFloat, kDouble, kString, kPascal, kPointer };

struct FormatDef {
  char code;
  Kind kind;
  uint8_t size;
};

// Standard sizes (the '<', '>', '!' and '=' prefixes), then the native ones ('@', the default): x86-64 Linux.
constexpr FormatDef kStandard[] = {
    {'x', kPad, 1},      {'c', kChar, 1},     {'b', kSigned, 1},   {'B', kUnsigned, 1}, {'?', kBool, 1},
    {'h', kSigned, 2},   {'H', kUnsigned, 2}, {'i', kSigned, 4},   {'I', kUnsigned, 4}, {'l', kSigned, 4},
    {'L', kUnsigned, 4}, {'q', kSigned, 8},   {'Q', kUnsigned, 8}, {'e', kHalf, 2},     {'f', kFloat, 4},
    {'d', kDouble, 8},   {'s', kString, 1},   {'p', kPascal, 1},
};
constexpr FormatDef kNative[] = {
    {'x', kPad, 1},      {'c', kChar, 1},     {'b', kSigned, 1},   {'B', kUnsigned, 1}, {'?', kBool, 1},
    {'h', kSigned, 2},   {'H', kUnsigned, 2}, {'i', kSigned, 4},   {'I', kUnsigned, 4}, {'l', kSigned, 8},
    {'L', kUnsigned, 8}, {'q', kSigned, 8},   {'Q', kUnsigned, 8}, {'n', kSigned, 8},   {'N', kUnsigned, 8},
    {'e', kHalf, 2},     {'f', kFloat, 4},    {'d', kDouble, 8},   {'s', kString, 1},   {'p', kPascal, 1},
    {'P', kPointer, 8},
};

const FormatDef* lookup(char c, bool native) {
  if (native) {
    for (const FormatDef& d : kNative)
      if (d.code == c) return &d;
  } else {
    for (const FormatDef& d : kStandard)
      if (d.code == c) return &d;
  }
  return nullptr;
}

// One run of a format: `repeat` items of `size` bytes each from `offset` ('s' and 'p' are one item of `size`
// bytes). Pad bytes are not recorded.
struct Code {
  char code;
  Kind kind;
  ssize offset;
  ssize size;
  ssize repeat;
};

// A parsed format. Immutable once built; see the thread contract at the top.
struct Layout {
  PyObject ob_base;
  Object* format;  // str
  ssize size;      // bytes
  ssize nitems;    // values packed or unpacked
  bool native;     // '@': native sizes (alignment is already in the offsets)
  bool little;
  Code* codes;  // malloc'd
  ssize ncodes;
};

struct StructObj {
  PyObject ob_base;
  Object* layout;  // Layout; a shared slot
  Object* weakreflist;
};

struct UnpackIter {
  PyObject ob_base;
  Object* layout;
  Py_buffer view;
  ssize index;  // the next item; advanced atomically
  ssize count;
};

extern Type layout_type;
extern Type struct_type;
extern Type unpackiter_type;

Layout* LY(Object* o) { return reinterpret_cast<Layout*>(o); }
StructObj* ST(Object* o) { return reinterpret_cast<StructObj*>(o); }

void layout_dealloc(Object* o) {
  decref(LY(o)->format);
  std::free(LY(o)->codes);
  object_free(o);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Parses `fmt` (the ASCII bytes of the format; `format` is the str kept for Struct.format).
Object* layout_new(std::string_view fmt, Object* format) {
  if (fmt.find('\0') != std::string_view::npos) return struct_error("embedded null character");
  size_t i = 0;
  bool native = true, little = true;
  if (!fmt.empty()) {
    switch (fmt[0]) {
      case '@':
        i = 1;
        break;
      case '=':
        native = false;
        i = 1;
        break;
      case '<':
        native = false;
        i = 1;
        break;
      case '>':
      case '!':
        native = false;
        little = false;
        i = 1;
        break;
      default:
        break;
    }
  }
  // Two passes: count the runs and the size, then fill them in.
  auto too_long = [] { return struct_error("total struct size too long"); };
  ssize size = 0, nitems = 0, ncodes = 0;
  std::string runs;  // code characters
  std::vector<ssize> counts;
  while (i < fmt.size()) {
    char c = fmt[i++];
    if (is_space(c)) continue;
    ssize num = 1;
    if (c >= '0' && c <= '9') {
      num = c - '0';
      while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
        int d = fmt[i++] - '0';
        if (num > (kSsizeMax - d) / 10) return too_long();
        num = num * 10 + d;
      }
      if (i >= fmt.size()) return struct_error("repeat count given without format specifier");
      c = fmt[i++];
    }
    const FormatDef* e = lookup(c, native);
    if (!e) return struct_error("bad char in struct format");
    if (e->kind == kString || e->kind == kPascal) {
      nitems++;
      ncodes++;
    } else if (e->kind != kPad) {
      nitems += num;
      if (num) ncodes++;
    }
    if (native && size) {
      ssize extra = (e->size - 1) - (size - 1) % e->size;
      if (extra > kSsizeMax - size) return too_long();
      size += extra;
    }
    if (num > (kSsizeMax - size) / e->size) return too_long();
    size += num * e->size;
    runs.push_back(c);
    counts.push_back(num);
  }
  ORef o = steal(new_object(&layout_type, sizeof(Layout)));
  if (!o) return nullptr;
  Layout* L = LY(o.get());
  L->format = newref(format);
  L->size = size;
  L->nitems = nitems;
  L->native = native;
  L->little = little;
  L->codes = static_cast<Code*>(std::malloc(sizeof(Code) * size_t(ncodes ? ncodes : 1)));
  if (!L->codes) return no_memory();
  ssize off = 0, k = 0;
  for (size_t r = 0; r < runs.size(); r++) {
    const FormatDef* e = lookup(runs[r], native);
    ssize num = counts[r];
    if (native && off) off += (e->size - 1) - (off - 1) % e->size;
    if (e->kind == kString || e->kind == kPascal) {
      L->codes[k++] = Code{e->code, e->kind, off, num, 1};
    } else if (e->kind != kPad && num) {
      L->codes[k++] = Code{e->code, e->kind, off, e->size, num};
    }
    off += num * e->size;
  }
  L->ncodes = k;
  return o.release();
}

// The Layout of a str or bytes format. TypeError for other types, as CPython's Struct() says.
Object* layout_from_format(Object* format) {
  ORef text;
  if (type_check(format, &str_type)) {
    ORef enc = steal(str_encode(format, "ascii", "strict"));
    if (!enc) return nullptr;
    return layout_new(bytes_view(enc.get()), format);
  }
  if (type_check(format, &bytes_type)) {
    ORef s = steal(str_decode(bytes_data(format), bytes_size(format), "latin-1", "strict"));
    if (!s) return nullptr;
    return layout_new(bytes_view(format), s.get());
  }
  return set_errorf(&exc_TypeError, "Struct() argument 1 must be a str or bytes object, not {}", type_name(format));
}

// ---- Packing ----

// v as an exact int (through __index__), or struct.error when it is not an integer.
Object* get_pylong(Object* v) {
  if (type_check(v, &int_type)) return newref(v);
  if (index_check(v)) return number_index(v);
  return struct_error("required argument is not an integer");
}

// An exact int's value as a 65-bit quantity: *neg and the magnitude-or-two's-complement in *u. False when it does
// not fit in [-2**63, 2**64).
bool int_to_65(Object* v, bool* neg, uint64_t* u) {
  int overflow;
  int64_t s = int_as_i64(v, &overflow);
  if (!overflow) {
    *neg = s < 0;
    *u = uint64_t(s);
    return true;
  }
  if (overflow < 0) return false;
  ssize n = int_ndigits(v);
  const digit* d = int_digits(v);
  uint64_t acc = 0;
  for (ssize i = n - 1; i >= 0; i--) {
    if (acc >> (64 - PyLong_SHIFT)) return false;
    acc = (acc << PyLong_SHIFT) | d[i];
  }
  *neg = false;
  *u = acc;
  return true;
}

std::nullptr_t range_error(char code, int size, bool is_unsigned) {
  if (is_unsigned) {
    uint64_t hi = size == 8 ? UINT64_MAX : (uint64_t(1) << (8 * size)) - 1;
    return struct_error(fmt::format("'{}' format requires 0 <= number <= {}", code, hi));
  }
  int64_t hi = size == 8 ? INT64_MAX : (int64_t(1) << (8 * size - 1)) - 1;
  return struct_error(fmt::format("'{}' format requires {} <= number <= {}", code, -hi - 1, hi));
}

void store_uint(char* p, uint64_t x, ssize size, bool little) {
  for (ssize i = 0; i < size; i++) {
    unsigned char b = static_cast<unsigned char>(x >> (8 * i));
    p[little ? i : size - 1 - i] = char(b);
  }
}

uint64_t load_uint(const char* p, ssize size, bool little) {
  uint64_t x = 0;
  for (ssize i = 0; i < size; i++) {
    unsigned char b = static_cast<unsigned char>(p[little ? i : size - 1 - i]);
    x |= uint64_t(b) << (8 * i);
  }
  return x;
}

bool pack_integer(const Code& c, Object* v, char* p, bool little) {
  ORef n = steal(get_pylong(v));
  if (!n) return false;
  bool neg;
  uint64_t u;
  bool fits = int_to_65(n.get(), &neg, &u);
  if (c.kind == kPointer) {
    if (!fits) return struct_error("int too large to convert"), false;
  } else if (c.kind == kUnsigned) {
    if (!fits || neg || (c.size < 8 && u >> (8 * c.size))) return range_error(c.code, int(c.size), true), false;
  } else {
    int64_t s = int64_t(u);
    bool ok = fits && (neg || u <= uint64_t(INT64_MAX));
    if (ok && c.size < 8) {
      int64_t hi = (int64_t(1) << (8 * c.size - 1)) - 1;
      ok = s >= -hi - 1 && s <= hi;
    }
    if (!ok) return range_error(c.code, int(c.size), false), false;
  }
  store_uint(p, u, c.size, little);
  return true;
}

bool float_arg(Object* v, double* out) {
  bool ok;
  *out = float_as_double(v, &ok);
  if (!ok) {
    error_clear();
    struct_error("required argument is not a float");
  }
  return ok;
}

bool pack_one(const Code& c, Object* v, char* p, const Layout* L) {
  bool little = L->little;
  switch (c.kind) {
    case kSigned:
    case kUnsigned:
    case kPointer:
      return pack_integer(c, v, p, little);
    case kBool: {
      int t = object_is_true(v);
      if (t < 0) return false;
      *p = char(t);
      return true;
    }
    case kChar: {
      if (type_check(v, &bytes_type) && bytes_size(v) == 1) {
        *p = bytes_data(v)[0];
        return true;
      }
      return struct_error("char format requires a bytes object of length 1"), false;
    }
    case kHalf: {
      double x;
      if (!float_arg(v, &x)) return false;
      unsigned char b[2];
      if (!pack_half(x, b)) return false;
      p[little ? 0 : 1] = char(b[0]);
      p[little ? 1 : 0] = char(b[1]);
      return true;
    }
    case kFloat: {
      double x;
      if (!float_arg(v, &x)) return false;
      float f = float(x);
      if (!L->native && std::isinf(f) && !std::isinf(x)) {
        set_error(&exc_OverflowError, "float too large to pack with f format");
        return false;
      }
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      store_uint(p, bits, 4, little);
      return true;
    }
    case kDouble: {
      double x;
      if (!float_arg(v, &x)) return false;
      uint64_t bits;
      std::memcpy(&bits, &x, 8);
      store_uint(p, bits, 8, little);
      return true;
    }
    case kString:
    case kPascal: {
      std::string_view data;
      if (type_check(v, &bytes_type)) {
        data = bytes_view(v);
      } else if (type_check(v, &bytearray_type)) {
        data = {bytearray_data(v), size_t(bytearray_size(v))};
      } else {
        struct_error(c.kind == kString ? "argument for 's' must be a bytes object"
                                       : "argument for 'p' must be a bytes object");
        return false;
      }
      ssize n = ssize(data.size());
      if (c.kind == kString) {
        if (n > c.size) n = c.size;
        std::memcpy(p, data.data(), size_t(n));
        return true;
      }
      if (c.size == 0) return true;
      if (n > c.size - 1) n = c.size - 1;
      std::memcpy(p + 1, data.data(), size_t(n));
      *p = char(n > 255 ? 255 : n);
      return true;
    }
    case kPad:
      return true;
  }
  return true;
}

// Packs args into buf (L->size bytes, zeroed by the caller). The caller checked the count.
bool pack_all(const Layout* L, Object* const* args, char* buf) {
  ssize a = 0;
  for (ssize k = 0; k < L->ncodes; k++) {
    const Code& c = L->codes[k];
    for (ssize r = 0; r < c.repeat; r++) {
      if (!pack_one(c, args[a++], buf + c.offset + r * c.size, L)) return false;
    }
  }
  return true;
}

bool check_count(const Layout* L, ssize n) {
  if (n != L->nitems) {
    struct_error(fmt::format("pack expected {} items for packing (got {})", L->nitems, n));
    return false;
  }
  return true;
}

Object* layout_pack(const Layout* L, Object* const* args, ssize nargs) {
  if (!check_count(L, nargs)) return nullptr;
  std::string buf(size_t(L->size), '\0');
  if (!pack_all(L, args, buf.data())) return nullptr;
  return bytes_from(buf.data(), L->size);
}

// pack_into(buffer, offset, *v) with args[0] the buffer.
Object* layout_pack_into(const Layout* L, Object* const* args, ssize nargs) {
  if (nargs < 1) return struct_error("pack_into expected buffer argument");
  if (nargs < 2) return struct_error("pack_into expected offset argument");
  if (!check_count(L, nargs - 2)) return nullptr;
  BufferHold view;
  if (view.get(args[0], PyBUF_WRITABLE) < 0) {
    error_clear();
    return set_errorf(&exc_TypeError, "argument must be read-write bytes-like object, not {}", type_name(args[0]));
  }
  ORef off_obj = steal(number_index(args[1]));
  if (!off_obj) return nullptr;
  ssize offset = number_as_ssize(off_obj.get(), &exc_IndexError);
  if (offset == -1 && error_occurred()) return nullptr;
  ssize len = view->len;
  if (offset < 0) {
    if (offset + L->size > 0)
      return struct_error(fmt::format("no space to pack {} bytes at offset {}", L->size, offset));
    if (offset + len < 0) return struct_error(fmt::format("offset {} out of range for {}-byte buffer", offset, len));
    offset += len;
  }
  if (len - offset < L->size)
    return struct_error(
        fmt::format("pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {} "
                    "(actual buffer size is {})",
                    size_t(L->size) + size_t(offset), L->size, offset, len));
  // As in CPython, the items before a failing one stay written.
  char* p = static_cast<char*>(view->buf) + offset;
  std::memset(p, 0, size_t(L->size));
  if (!pack_all(L, args + 2, p)) return nullptr;
  return newref(none());
}

// ---- Unpacking ----

Object* unpack_one(const Code& c, const char* p, const Layout* L) {
  bool little = L->little;
  switch (c.kind) {
    case kSigned: {
      uint64_t u = load_uint(p, c.size, little);
      if (c.size < 8 && (u >> (8 * c.size - 1)) & 1) u |= ~uint64_t(0) << (8 * c.size);
      return int_from_i64(int64_t(u));
    }
    case kUnsigned:
    case kPointer:
      return int_from_u64(load_uint(p, c.size, little));
    case kBool: {
      if (L->native) return newref(bool_obj(*p != 0));
      for (ssize i = 0; i < c.size; i++)
        if (p[i]) return newref(true_());
      return newref(false_());
    }
    case kChar:
      return bytes_from(p, 1);
    case kHalf: {
      unsigned char b[2] = {static_cast<unsigned char>(p[little ? 0 : 1]),
                            static_cast<unsigned char>(p[little ? 1 : 0])};
      return float_from_double(unpack_half(b));
    }
    case kFloat: {
      uint32_t bits = uint32_t(load_uint(p, 4, little));
      float f;
      std::memcpy(&f, &bits, 4);
      return float_from_double(double(f));
    }
    case kDouble: {
      uint64_t bits = load_uint(p, 8, little);
      double d;
      std::memcpy(&d, &bits, 8);
      return float_from_double(d);
    }
    case kString:
      return bytes_from(p, c.size);
    case kPascal: {
      if (c.size == 0) return bytes_from(nullptr, 0);
      ssize n = static_cast<unsigned char>(p[0]);
      if (n >= c.size) n = c.size - 1;
      return bytes_from(p + 1, n);
    }
    case kPad:
      break;
  }
  return newref(none());
}

// The tuple of values in buf (L->size bytes).
Object* unpack_all(const Layout* L, const char* buf) {
  ORef t = steal(tuple_new(L->nitems));
  if (!t) return nullptr;
  ssize i = 0;
  for (ssize k = 0; k < L->ncodes; k++) {
    const Code& c = L->codes[k];
    for (ssize r = 0; r < c.repeat; r++) {
      Object* v = unpack_one(c, buf + c.offset + r * c.size, L);
      if (!v) {
        // Fill the rest so the tuple can be freed.
        for (ssize j = i; j < L->nitems; j++) tuple_set(t.get(), j, newref(none()));
        return nullptr;
      }
      tuple_set(t.get(), i++, v);
    }
  }
  return t.release();
}

Object* layout_unpack(const Layout* L, Object* buffer) {
  BufferHold view;
  if (view.get(buffer, PyBUF_SIMPLE) < 0) return nullptr;
  if (view->len != L->size) return struct_error(fmt::format("unpack requires a buffer of {} bytes", L->size));
  return unpack_all(L, static_cast<const char*>(view->buf));
}

Object* layout_unpack_from(const Layout* L, Object* buffer, Object* offset_obj) {
  ssize offset = 0;
  if (offset_obj) {
    ORef o = steal(number_index(offset_obj));
    if (!o) return nullptr;
    offset = number_as_ssize(o.get(), &exc_OverflowError);
    if (offset == -1 && error_occurred()) return nullptr;
  }
  BufferHold view;
  if (view.get(buffer, PyBUF_SIMPLE) < 0) return nullptr;
  ssize len = view->len;
  if (offset < 0) {
    if (offset + len < 0) return struct_error(fmt::format("offset {} out of range for {}-byte buffer", offset, len));
    if (offset + L->size > 0)
      return struct_error(fmt::format("not enough data to unpack {} bytes at offset {}", L->size, offset));
    offset += len;
  }
  if (len - offset < L->size)
    return struct_error(
        fmt::format("unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} "
                    "(actual buffer size is {})",
                    size_t(L->size) + size_t(offset), L->size, offset, len));
  return unpack_all(L, static_cast<const char*>(view->buf) + offset);
}

Object* layout_iter_unpack(Object* layout, Object* buffer) {
  const Layout* L = LY(layout);
  if (L->size == 0) return struct_error("cannot iteratively unpack with a struct of length 0");
  ORef it = steal(new_object(&unpackiter_type, sizeof(UnpackIter)));
  if (!it) return nullptr;
  auto* u = reinterpret_cast<UnpackIter*>(it.get());
  if (get_buffer(buffer, &u->view, PyBUF_SIMPLE) < 0) return nullptr;
  if (u->view.len % L->size != 0)
    return struct_error(fmt::format("iterative unpacking requires a buffer of a multiple of {} bytes", L->size));
  u->layout = newref(layout);
  u->count = u->view.len / L->size;
  return it.release();
}

// ---- unpack_iterator ----

void unpackiter_dealloc(Object* o) {
  auto* u = reinterpret_cast<UnpackIter*>(o);
  release_buffer(&u->view);
  xdecref(u->layout);
  object_free(o);
}

Object* unpackiter_self(Object* o) { return newref(o); }

Object* unpackiter_next(Object* o) {
  auto* u = reinterpret_cast<UnpackIter*>(o);
  if (!u->layout) return nullptr;
  ssize i = __atomic_fetch_add(&u->index, 1, __ATOMIC_RELAXED);
  if (i >= u->count) {
    __atomic_store_n(&u->index, u->count, __ATOMIC_RELAXED);
    return nullptr;
  }
  const Layout* L = LY(u->layout);
  return unpack_all(L, static_cast<const char*>(u->view.buf) + i * L->size);
}

Object* unpackiter_length_hint(Object* o, Object*) {
  auto* u = reinterpret_cast<UnpackIter*>(o);
  ssize i = __atomic_load_n(&u->index, __ATOMIC_RELAXED);
  return int_from_ssize(u->count > i ? u->count - i : 0);
}

PyMethodDef unpackiter_methods[] = {
    {"__length_hint__", unpackiter_length_hint, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// ---- Struct ----

// A new reference to the struct's current Layout.
ORef struct_layout(Object* self) { return steal(load_shared_slot(&ST(self)->layout)); }

Object* struct_tp_new(Type* type, Object*, Object*) {
  ORef o = steal(new_object(type, size_t(type->tp_basicsize)));
  if (!o) return nullptr;
  Object* layout = layout_new("", str_empty());
  if (!layout) return nullptr;
  ST(o.get())->layout = layout;
  return o.release();
}

int struct_tp_init(Object* self, Object* args, Object* kwds) {
  Object* a[1] = {};
  if (!io::parse_tuple_dict("Struct", args, kwds, {"format"}, 1, a)) return -1;
  Object* layout = layout_from_format(a[0]);
  if (!layout) return -1;
  set_shared_slot(&ST(self)->layout, layout);
  return 0;
}

void struct_dealloc(Object* o) {
  Type* t = type_of(o);
  clear_weakrefs(o);
  set_shared_slot(&ST(o)->layout, nullptr);
  object_free(o);
  dealloc_type_ref(t);
}

Object* struct_repr(Object* self) {
  ORef L = struct_layout(self);
  ORef r = steal(object_repr(LY(L.get())->format));
  if (!r) return nullptr;
  std::string_view name = type_of(self)->tp_name;
  if (size_t dot = name.rfind('.'); dot != std::string_view::npos) name.remove_prefix(dot + 1);
  return str_from_utf8(fmt::format("{}({})", name, str_view(r.get())));
}

Object* struct_pack(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("Struct.pack", kwnames)) return nullptr;
  ORef L = struct_layout(self);
  return layout_pack(LY(L.get()), args, nargs);
}

Object* struct_pack_into(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("Struct.pack_into", kwnames)) return nullptr;
  ORef L = struct_layout(self);
  return layout_pack_into(LY(L.get()), args, nargs);
}

Object* struct_unpack(Object* self, Object* buffer) {
  ORef L = struct_layout(self);
  return layout_unpack(LY(L.get()), buffer);
}

Object* struct_unpack_from(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("unpack_from", args, nargs, kwnames, {"buffer", "offset"}, 1, a)) return nullptr;
  ORef L = struct_layout(self);
  return layout_unpack_from(LY(L.get()), a[0], a[1]);
}

Object* struct_iter_unpack(Object* self, Object* buffer) {
  ORef L = struct_layout(self);
  return layout_iter_unpack(L.get(), buffer);
}

Object* struct_sizeof(Object* self, Object*) {
  ORef L = struct_layout(self);
  return int_from_ssize(type_of(self)->tp_basicsize + ssize(sizeof(Layout)) +
                        ssize(sizeof(Code)) * (LY(L.get())->ncodes + 1));
}

Object* struct_get_format(Object* self, void*) {
  ORef L = struct_layout(self);
  return newref(LY(L.get())->format);
}

Object* struct_get_size(Object* self, void*) {
  ORef L = struct_layout(self);
  return int_from_ssize(LY(L.get())->size);
}

#define FAST(f) as_cfunc(f), METH_FASTCALL | METH_KEYWORDS
PyMethodDef struct_methods[] = {
    {"iter_unpack", struct_iter_unpack, METH_O,
     "iter_unpack($self, buffer, /)\n--\n\nReturn an iterator yielding tuples.\n\nTuples are unpacked from the "
     "given bytes source, like a repeated invocation of unpack_from().\n\nRequires that the bytes length be a "
     "multiple of the struct size."},
    {"pack", FAST(struct_pack),
     "S.pack(v1, v2, ...) -> bytes\n\nReturn a bytes object containing values v1, v2, ... packed according\nto the "
     "format string S.format.  See help(struct) for more on format\nstrings."},
    {"pack_into", FAST(struct_pack_into),
     "S.pack_into(buffer, offset, v1, v2, ...)\n\nPack the values v1, v2, ... according to the format string "
     "S.format\nand write the packed bytes into the writable buffer buf starting at\noffset.  Note that the offset "
     "is a required argument.  See\nhelp(struct) for more on format strings."},
    {"unpack", struct_unpack, METH_O,
     "unpack($self, buffer, /)\n--\n\nReturn a tuple containing unpacked values.\n\nUnpack according to the format "
     "string Struct.format. The buffer's size\nin bytes must be Struct.size.\n\nSee help(struct) for more on "
     "format strings."},
    {"unpack_from", FAST(struct_unpack_from),
     "unpack_from($self, /, buffer, offset=0)\n--\n\nReturn a tuple containing unpacked values.\n\nValues are "
     "unpacked according to the format string Struct.format.\n\nThe buffer's size in bytes, starting at position "
     "offset, must be\nat least Struct.size.\n\nSee help(struct) for more on format strings."},
    {"__sizeof__", struct_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef struct_getset[] = {
    {"format", struct_get_format, nullptr, "struct format string", nullptr},
    {"size", struct_get_size, nullptr, "struct size in bytes", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// ---- Module functions ----

// The cached Struct for `format` (new reference).
Object* cached_struct(Object* format) {
  Object* s = nullptr;
  // Only hashable str/bytes formats are cached; anything else goes straight to Struct() for its error.
  bool cacheable = type_check_exact(format, &str_type) || type_check_exact(format, &bytes_type);
  if (cacheable) {
    if (dict_get(g_cache, format, &s) < 0) return nullptr;
    if (s) return s;
  }
  s = call1(reinterpret_cast<Object*>(&struct_type), format);
  if (!s || !cacheable) return s;
  if (dict_size(g_cache) >= kMaxCache) dict_clear(g_cache);
  if (dict_set(g_cache, format, s) < 0) {
    decref(s);
    return nullptr;
  }
  return s;
}

Object* mod_pack(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("_struct.pack", kwnames)) return nullptr;
  if (nargs < 1) return set_error(&exc_TypeError, "missing format argument");
  ORef s = steal(cached_struct(args[0]));
  if (!s) return nullptr;
  return struct_pack(s.get(), args + 1, nargs - 1, nullptr);
}

Object* mod_pack_into(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("_struct.pack_into", kwnames)) return nullptr;
  if (nargs < 1) return set_error(&exc_TypeError, "missing format argument");
  ORef s = steal(cached_struct(args[0]));
  if (!s) return nullptr;
  return struct_pack_into(s.get(), args + 1, nargs - 1, nullptr);
}

Object* mod_unpack(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("unpack", nargs, kwnames, 2, 2)) return nullptr;
  ORef s = steal(cached_struct(args[0]));
  if (!s) return nullptr;
  return struct_unpack(s.get(), args[1]);
}

Object* mod_unpack_from(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse_args("unpack_from", args, nargs, kwnames, {"/format", "buffer", "offset"}, 2, a)) return nullptr;
  ORef s = steal(cached_struct(a[0]));
  if (!s) return nullptr;
  ORef L = struct_layout(s.get());
  return layout_unpack_from(LY(L.get()), a[1], a[2]);
}

Object* mod_iter_unpack(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("iter_unpack", nargs, kwnames, 2, 2)) return nullptr;
  ORef s = steal(cached_struct(args[0]));
  if (!s) return nullptr;
  return struct_iter_unpack(s.get(), args[1]);
}

Object* mod_calcsize(Object*, Object* format) {
  ORef s = steal(cached_struct(format));
  if (!s) return nullptr;
  return struct_get_size(s.get(), nullptr);
}

Object* mod_clearcache(Object*, Object*) {
  dict_clear(g_cache);
  return newref(none());
}

PyMethodDef module_methods[] = {
    {"_clearcache", mod_clearcache, METH_NOARGS, "Clear the internal cache."},
    {"calcsize", mod_calcsize, METH_O,
     "calcsize($module, format, /)\n--\n\nReturn size in bytes of the struct described by the format string."},
    {"iter_unpack", FAST(mod_iter_unpack),
     "iter_unpack($module, format, buffer, /)\n--\n\nReturn an iterator yielding tuples unpacked from the given "
     "bytes.\n\nThe bytes are unpacked according to the format string, like\na repeated invocation of "
     "unpack_from().\n\nRequires that the bytes length be a multiple of the format struct size."},
    {"pack", FAST(mod_pack),
     "pack(format, v1, v2, ...) -> bytes\n\nReturn a bytes object containing the values v1, v2, ... packed "
     "according\nto the format string.  See help(struct) for more on format strings."},
    {"pack_into", FAST(mod_pack_into),
     "pack_into(format, buffer, offset, v1, v2, ...)\n\nPack the values v1, v2, ... according to the format "
     "string and write\nthe packed bytes into the writable buffer buf starting at offset.  Note\nthat the offset "
     "is a required argument.  See help(struct) for more\non format strings."},
    {"unpack", FAST(mod_unpack),
     "unpack($module, format, buffer, /)\n--\n\nReturn a tuple containing values unpacked according to the format "
     "string.\n\nThe buffer's size in bytes must be calcsize(format).\n\nSee help(struct) for more on format "
     "strings."},
    {"unpack_from", FAST(mod_unpack_from),
     "unpack_from($module, format, /, buffer, offset=0)\n--\n\nReturn a tuple containing values unpacked "
     "according to the format string.\n\nThe buffer's size, minus offset, must be at least calcsize(format).\n\n"
     "See help(struct) for more on format strings."},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

namespace {

Type layout_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_struct._Layout",
    .tp_basicsize = sizeof(Layout),
    .tp_dealloc = layout_dealloc,
    .tp_flags = 0,
};

Type struct_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_struct.Struct",
    .tp_basicsize = sizeof(StructObj),
    .tp_dealloc = struct_dealloc,
    .tp_repr = struct_repr,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_doc = "Struct(fmt) --> compiled struct object\n\n",
    .tp_weaklistoffset = offsetof(StructObj, weakreflist),
    .tp_methods = struct_methods,
    .tp_getset = struct_getset,
    .tp_init = struct_tp_init,
    .tp_new = struct_tp_new,
    .tp_free = object_free,
};

Type unpackiter_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_struct.unpack_iterator",
    .tp_basicsize = sizeof(UnpackIter),
    .tp_dealloc = unpackiter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = 0,
    .tp_iter = unpackiter_self,
    .tp_iternext = unpackiter_next,
    .tp_methods = unpackiter_methods,
};

}  // namespace

Object* create_struct_module() {
  static const int ready = [] {
    for (Type* t : {&layout_type, &struct_type, &unpackiter_type})
      if (type_ready(t) < 0) return -1;
    g_error = new_exception_class("struct.error", reinterpret_cast<Object*>(&exc_Exception), nullptr);
    if (!g_error) return -1;
    g_cache = dict_new();
    return g_cache ? 0 : -1;
  }();
  if (ready < 0) {
    if (!error_occurred()) set_error(&exc_SystemError, "_struct: initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("_struct")));
  if (!m || module_add_functions(m.get(), module_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  if (dict_set_str(d, "Struct", reinterpret_cast<Object*>(&struct_type)) < 0 || dict_set_str(d, "error", g_error) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
