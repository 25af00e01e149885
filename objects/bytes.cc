// bytes and bytearray in CPython 3.13's layouts: construction, storage, the slots (repr, hash, compare, sequence,
// mapping, buffer) and the iterators. The methods are in bytes_methods.cc.
#include "objects/bytes.h"

#include <cstring>
#include <mutex>
#include <vector>

#include "alloc/heap.h"
#include "alloc/immortal.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/str_docs.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace pyvm {

extern PyMethodDef bytes_method_table[];
extern PyMethodDef bytearray_method_table[];

namespace {

constexpr ssize kSsizeMax = PTRDIFF_MAX;
constexpr size_t kBytesHeader = offsetof(PyBytesObject, ob_sval);

inline PyBytesObject* bobj(Object* o) { return reinterpret_cast<PyBytesObject*>(o); }
inline PyByteArrayObject* baobj(Object* o) { return reinterpret_cast<PyByteArrayObject*>(o); }

Object* immortal_bytes(const char* data, ssize n) {
  Object* o = alloc::immortal_object(kBytesHeader + size_t(n) + 1, &bytes_type);
  set_var_size(o, n);
  bobj(o)->ob_shash = -1;
  if (n) std::memcpy(bobj(o)->ob_sval, data, size_t(n));
  return o;
}

Object* const* char_table() {
  // A magic static: built once, thread-safely, on first use.
  static Object* const* table = [] {
    auto* t = new Object*[256];
    for (int i = 0; i < 256; i++) {
      char c = char(i);
      t[i] = immortal_bytes(&c, 1);
    }
    return t;
  }();
  return table;
}

// A fresh exact bytes of n bytes (zeroed) that the caller fills before it escapes.
Object* bytes_alloc(ssize n) {
  if (n < 0) return set_error(&exc_SystemError, "Negative size passed to bytes_alloc");
  if (n > kSsizeMax / 2) return no_memory();
  Object* o = new_var_object(&bytes_type, n);
  if (!o) return nullptr;
  bobj(o)->ob_shash = -1;
  return o;
}

// Copies `o` into a new instance of the bytes subclass `type`.
Object* bytes_subtype_new(Type* type, Object* b) {
  ssize n = bytes_size(b);
  Object* o = type->tp_alloc ? type->tp_alloc(type, n) : new_var_object(type, n);
  if (!o) return nullptr;
  set_var_size(o, n);
  bobj(o)->ob_shash = -1;
  std::memcpy(bobj(o)->ob_sval, bytes_data(b), size_t(n));
  bobj(o)->ob_sval[n] = 0;
  return o;
}

int fill_buffer_info(Py_buffer* view, Object* obj, void* buf, ssize len, bool readonly, int flags) {
  if ((flags & PyBUF_WRITABLE) && readonly) {
    set_error(&exc_BufferError, "Object is not writable.");
    return -1;
  }
  view->obj = newref(obj);
  view->buf = buf;
  view->len = len;
  view->readonly = readonly;
  view->itemsize = 1;
  view->format = (flags & PyBUF_FORMAT) ? const_cast<char*>("B") : nullptr;
  view->ndim = 1;
  view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &view->len : nullptr;
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &view->itemsize : nullptr;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  return 0;
}

// A bytearray with room for n bytes (size n, zeroed), or of type `type` for subclasses.
Object* bytearray_alloc(Type* type, ssize n) {
  Object* o = type->tp_alloc ? type->tp_alloc(type, 0) : new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  if (n > 0) {
    char* buf = static_cast<char*>(alloc::raw_calloc(size_t(n) + 1, 1));
    if (!buf) {
      decref(o);
      return no_memory();
    }
    baobj(o)->ob_bytes = baobj(o)->ob_start = buf;
    baobj(o)->ob_alloc = n + 1;
  }
  set_var_size(o, n);
  return o;
}

}  // namespace

// ---- Construction ----

Object* bytes_empty() {
  static Object* empty = immortal_bytes(nullptr, 0);
  return empty;
}

Object* bytes_from(const char* data, ssize len) {
  if (len == 0) return bytes_empty();
  if (len == 1 && data) return char_table()[uint8_t(data[0])];
  Object* o = bytes_alloc(len);
  if (!o) return nullptr;
  if (data) std::memcpy(bobj(o)->ob_sval, data, size_t(len));
  return o;
}

Object* bytearray_from(const char* data, ssize len) {
  Object* o = bytearray_alloc(&bytearray_type, len);
  if (o && len && data) std::memcpy(baobj(o)->ob_start, data, size_t(len));
  return o;
}

int bytearray_resize(Object* o, ssize size) {
  PyByteArrayObject* b = baobj(o);
  ssize cur = var_size(o);
  if (size == cur) return 0;
  if (b->ob_exports > 0) {
    set_error(&exc_BufferError, "Existing exports of data: object cannot be re-sized");
    return -1;
  }
  if (size < 0) {
    set_error(&exc_SystemError, "Negative size passed to bytearray_resize");
    return -1;
  }
  // CPython's PyByteArray_Resize policy, so that __sizeof__ (which reports ob_alloc) matches.
  ssize alloc = b->ob_alloc;
  if (size + 1 <= alloc) {
    if (size < alloc / 2) {
      alloc = size + 1;
    } else {
      set_var_size(o, size);
      b->ob_start[size] = '\0';
      return 0;
    }
  } else if (double(size) <= double(alloc) * 1.125) {
    alloc = size + (size >> 3) + (size < 9 ? 3 : 6);
  } else {
    alloc = size + 1;
  }
  if (alloc > kSsizeMax / 2) {
    no_memory();
    return -1;
  }
  char* buf = static_cast<char*>(alloc::raw_realloc(b->ob_bytes, size_t(alloc)));
  if (!buf) {
    no_memory();
    return -1;
  }
  b->ob_bytes = b->ob_start = buf;
  b->ob_alloc = alloc;
  set_var_size(o, size);
  buf[size] = '\0';
  return 0;
}

hash_t bytes_hash(Object* o) {
  hash_t h = __atomic_load_n(&bobj(o)->ob_shash, __ATOMIC_RELAXED);
  if (h != -1) return h;
  h = hash_buffer(bytes_data(o), bytes_size(o));
  __atomic_store_n(&bobj(o)->ob_shash, h, __ATOMIC_RELAXED);
  return h;
}

bool bytes_like_copy(Object* o, std::string* out) {
  if (type_check(o, &bytes_type)) {
    out->assign(bytes_data(o), size_t(bytes_size(o)));
    return true;
  }
  if (type_check(o, &bytearray_type)) {
    sync::CriticalSection cs(o);
    out->assign(bytearray_data(o), size_t(bytearray_size(o)));
    return true;
  }
  // Any other exporter (memoryview, C extensions): a simple request, which fails for non-contiguous memory as
  // CPython's PyObject_GetBuffer(PyBUF_SIMPLE) callers do.
  BufferHold h;
  if (h.get(o, PyBUF_SIMPLE) < 0) return false;
  out->assign(static_cast<const char*>(h->buf), size_t(h->len));
  return true;
}

bool bytes_from_object(Object* x, std::string* out, bool bytearray_msgs) {
  const char* range_msg = bytearray_msgs ? "byte must be in range(0, 256)" : "bytes must be in range(0, 256)";
  if (type_check(x, &bytes_type) || type_check(x, &bytearray_type)) return bytes_like_copy(x, out);
  // Other exporters may be strided (a sliced memoryview): copied item by item in C order.
  if (has_buffer(x)) return buffer_copy_bytes(x, out);
  auto add = [&](Object* item) {
    ssize v = number_as_ssize(item, nullptr);
    if (v == -1 && error_occurred()) return false;
    if (v < 0 || v >= 256) {
      set_error(&exc_ValueError, range_msg);
      return false;
    }
    out->push_back(char(v));
    return true;
  };
  out->clear();
  if (type_check_exact(x, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(x); i++)
      if (!add(tuple_get(x, i))) return false;
    return true;
  }
  if (!type_check(x, &str_type)) {
    ORef it = steal(get_iter(x));
    if (it) {
      for (;;) {
        ORef item = steal(iter_next(it.get()));
        if (!item) return !error_occurred();
        if (!add(item.get())) return false;
      }
    }
    if (!error_matches(&exc_TypeError)) return false;
    error_clear();
  }
  set_errorf(&exc_TypeError, "cannot convert '{}' object to {}", type_name(x), bytearray_msgs ? "bytearray" : "bytes");
  return false;
}

// ---- repr ----

namespace {

constexpr char kHex[] = "0123456789abcdef";

// The b'...' part of a repr. bytearray's repr (bytearray_mode) escapes a single quote even inside double quotes,
// as CPython's bytearray_repr does.
std::string repr_body(const char* p, ssize n, bool bytearray_mode) {
  ssize squotes = 0, dquotes = 0;
  for (ssize i = 0; i < n; i++) {
    if (p[i] == '\'') squotes++;
    if (p[i] == '"') dquotes++;
  }
  char quote = (squotes && !dquotes) ? '"' : '\'';
  std::string out;
  out.reserve(size_t(n) + 3);
  out.push_back('b');
  out.push_back(quote);
  for (ssize i = 0; i < n; i++) {
    unsigned char c = uint8_t(p[i]);
    if (c == quote || c == '\\' || (bytearray_mode && c == '\'')) {
      out.push_back('\\');
      out.push_back(char(c));
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < ' ' || c >= 0x7f) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    } else {
      out.push_back(char(c));
    }
  }
  out.push_back(quote);
  return out;
}

}  // namespace

Object* bytes_repr(Object* o) {
  std::string r = repr_body(bytes_data(o), bytes_size(o), false);
  return str_from_utf8(r);
}

namespace {

Object* bytearray_repr(Object* o) {
  std::string body;
  {
    sync::CriticalSection cs(o);
    body = repr_body(bytearray_data(o), bytearray_size(o), true);
  }
  // The class name without its module, as CPython's _PyType_Name.
  const char* name = type_of(o)->tp_name;
  const char* dot = std::strrchr(name, '.');
  std::string r = std::string(dot ? dot + 1 : name) + "(" + body + ")";
  return str_from_utf8(r);
}

// ---- Shared slot helpers ----

// A snapshot of any bytes-like object (bytearray read under its critical section).
bool snapshot(Object* o, std::string* out) { return bytes_like_copy(o, out); }

// _Py_bytes_contains: an int in range(256) or a bytes-like subsequence.
int contains_impl(std::string_view hay, Object* arg) {
  if (index_check(arg)) {
    ssize v = number_as_ssize(arg, nullptr);
    if (v == -1 && error_occurred()) return -1;
    if (v < 0 || v >= 256) {
      set_error(&exc_ValueError, "byte must be in range(0, 256)");
      return -1;
    }
    return hay.find(char(v)) != std::string_view::npos;
  }
  std::string needle;
  if (!bytes_like_copy(arg, &needle)) return -1;
  return hay.find(needle) != std::string_view::npos;
}

Object* richcompare_views(std::string_view a, std::string_view b, int op) {
  if ((op == Py_EQ || op == Py_NE) && a.size() != b.size()) return bool_obj(op == Py_NE);
  int c = a.compare(b);
  bool r;
  switch (op) {
    case Py_EQ:
      r = c == 0;
      break;
    case Py_NE:
      r = c != 0;
      break;
    case Py_LT:
      r = c < 0;
      break;
    case Py_LE:
      r = c <= 0;
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

// Collects a slice of `data` (already adjusted).
std::string take_slice(std::string_view data, ssize start, ssize step, ssize n) {
  std::string out(size_t(n), '\0');
  for (ssize i = 0, j = start; i < n; i++, j += step) out[size_t(i)] = data[size_t(j)];
  return out;
}

// Parses the (source, encoding, errors) of bytes() / bytearray() from a (tuple, dict) call.
struct CtorArgs {
  Object* source = nullptr;
  Object* encoding = nullptr;
  Object* errors = nullptr;
  std::vector<Object*> flat;
  std::vector<ORef> keep;
  ORef kwnames;
  bool parse(const char* fname, Object* args, Object* kwargs) {
    ssize nargs = args ? tuple_size(args) : 0;
    for (ssize i = 0; i < nargs; i++) flat.push_back(tuple_get(args, i));
    ssize nkw = kwargs ? dict_size(kwargs) : 0;
    if (nkw > 0) {
      kwnames = steal(tuple_new(nkw));
      if (!kwnames) return false;
      ssize pos = 0, i = 0;
      Object *k, *v;
      while (i < nkw && dict_next(kwargs, &pos, &k, &v)) {
        tuple_set(kwnames.get(), i++, k);
        keep.push_back(steal(v));
        flat.push_back(v);
      }
    }
    Object* out[3] = {nullptr, nullptr, nullptr};
    if (!parse_args(fname, flat.data(), nargs, kwnames.get(), {"source", "encoding", "errors"}, 0, out)) {
      return false;
    }
    source = out[0];
    encoding = out[1];
    errors = out[2];
    for (int i = 1; i < 3; i++) {
      if (out[i] && !type_check(out[i], &str_type)) {
        set_errorf(&exc_TypeError, "{}() argument '{}' must be str, not {}", fname, i == 1 ? "encoding" : "errors",
                   out[i] == none() ? "None" : type_name(out[i]));
        return false;
      }
    }
    return true;
  }
};

// ---- bytes slots ----

void bytes_dealloc(Object* o) {
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

Object* bytes_repr_slot(Object* o) { return bytes_repr(o); }

Object* bytes_str_slot(Object* o) {
  // str(b) is repr(b) (with a BytesWarning under -b; warnings are not wired yet).
  return bytes_repr(o);
}

hash_t bytes_hash_slot(Object* o) { return bytes_hash(o); }

Object* bytes_richcompare(Object* a, Object* b, int op) {
  if (!type_check(a, &bytes_type) || !type_check(b, &bytes_type)) return newref(not_implemented());
  return richcompare_views(bytes_view(a), bytes_view(b), op);
}

ssize bytes_length(Object* o) { return bytes_size(o); }

Object* bytes_concat(Object* a, Object* b) {
  std::string va, vb;
  // As CPython, any failure to get either buffer (no buffer, or a non-contiguous one) reads "can't concat".
  if (!has_buffer(a) || !has_buffer(b) || !snapshot(a, &va) || !snapshot(b, &vb)) {
    error_clear();
    return set_errorf(&exc_TypeError, "can't concat {} to {}", type_name(b), type_name(a));
  }
  if (va.empty() && type_check_exact(b, &bytes_type)) return newref(b);
  if (vb.empty() && type_check_exact(a, &bytes_type)) return newref(a);
  if (ssize(va.size()) > kSsizeMax / 2 - ssize(vb.size())) return no_memory();
  Object* o = bytes_from(nullptr, ssize(va.size() + vb.size()));
  if (!o) return nullptr;
  std::memcpy(bytes_data(o), va.data(), va.size());
  std::memcpy(bytes_data(o) + va.size(), vb.data(), vb.size());
  return o;
}

Object* bytes_repeat(Object* a, ssize n) {
  ssize len = bytes_size(a);
  if (n < 0) n = 0;
  if (n == 1 && type_check_exact(a, &bytes_type)) return newref(a);
  if (len && n > kSsizeMax / len) return set_error(&exc_OverflowError, "repeated bytes are too long");
  if (len && n > kSsizeMax / 2 / len) return no_memory();  // representable, but more than any machine can hold
  ssize total = len * n;
  if (total == 0) return bytes_empty();
  Object* o = bytes_from(nullptr, total);
  if (!o) return nullptr;
  char* out = bytes_data(o);
  if (len == 1) {
    std::memset(out, bytes_data(a)[0], size_t(total));
    return o;
  }
  std::memcpy(out, bytes_data(a), size_t(len));
  ssize done = len;
  while (done < total) {
    ssize chunk = done < total - done ? done : total - done;
    std::memcpy(out + done, out, size_t(chunk));
    done += chunk;
  }
  return o;
}

Object* bytes_item(Object* a, ssize i) {
  if (i < 0 || i >= bytes_size(a)) return set_error(&exc_IndexError, "index out of range");
  return int_from_i64(uint8_t(bytes_data(a)[i]));
}

Object* bytes_subscript(Object* self, Object* key) {
  if (index_check(key)) {
    ssize i = number_as_ssize(key, &exc_IndexError);
    if (i == -1 && error_occurred()) return nullptr;
    if (i < 0) i += bytes_size(self);
    return bytes_item(self, i);
  }
  if (type_check(key, &slice_type)) {
    ssize start, stop, step;
    ssize n = slice_adjust(key, bytes_size(self), &start, &stop, &step);
    if (n < 0) return nullptr;
    if (n == 0) return bytes_empty();
    if (step == 1) {
      if (n == bytes_size(self) && type_check_exact(self, &bytes_type)) return newref(self);
      return bytes_from(bytes_data(self) + start, n);
    }
    std::string s = take_slice(bytes_view(self), start, step, n);
    return bytes_from(s.data(), n);
  }
  return set_errorf(&exc_TypeError, "byte indices must be integers or slices, not {}", type_name(key));
}

int bytes_contains(Object* self, Object* arg) { return contains_impl(bytes_view(self), arg); }

Object* bytes_mod(Object* a, Object* b) {
  if (!type_check(a, &bytes_type)) return newref(not_implemented());
  std::string out;
  if (!bytes_percent_format(bytes_view(a), b, &out)) return nullptr;
  return bytes_from(out.data(), ssize(out.size()));
}

Object* bytes_tp_new(Type* type, Object* args, Object* kwargs) {
  CtorArgs a;
  if (!a.parse("bytes", args, kwargs)) return nullptr;
  Object* x = a.source;
  ORef result;
  if (!x) {
    if (a.encoding || a.errors) {
      return set_error(&exc_TypeError,
                       a.encoding ? "encoding without a string argument" : "errors without a string argument");
    }
    result = borrow(bytes_empty());
  } else if (a.encoding) {
    if (!type_check(x, &str_type)) return set_error(&exc_TypeError, "encoding without a string argument");
    const char* enc = str_utf8(a.encoding);
    const char* err = a.errors ? str_utf8(a.errors) : "strict";
    if (!enc || !err) return nullptr;
    result = steal(str_encode(x, enc, err));
  } else if (a.errors) {
    return set_error(&exc_TypeError, type_check(x, &str_type) ? "string argument without an encoding"
                                                              : "errors without a string argument");
  } else {
    static Object* bytes_name = str_interned("__bytes__");
    ORef meth = borrow(type_lookup(type_of(x), bytes_name));
    if (meth) {
      result = steal(call(meth.get(), &x, 1, nullptr));
      if (!result) return nullptr;
      if (!type_check(result.get(), &bytes_type)) {
        return set_errorf(&exc_TypeError, "__bytes__ returned non-bytes (type {})", type_name(result.get()));
      }
    } else if (type_check(x, &str_type)) {
      return set_error(&exc_TypeError, "string argument without an encoding");
    } else {
      bool done = false;
      if (index_check(x)) {
        ssize size = number_as_ssize(x, &exc_OverflowError);
        if (size == -1 && error_occurred()) {
          if (!error_matches(&exc_TypeError)) return nullptr;
          error_clear();
        } else {
          if (size < 0) return set_error(&exc_ValueError, "negative count");
          Object* o = bytes_from(nullptr, size);
          if (!o) return nullptr;
          if (size) std::memset(bytes_data(o), 0, size_t(size));
          result = steal(o);
          done = true;
        }
      }
      if (!done) {
        if (type_check_exact(x, &bytes_type)) {
          result = borrow(x);
        } else {
          std::string data;
          if (!bytes_from_object(x, &data, false)) return nullptr;
          result = steal(bytes_from(data.data(), ssize(data.size())));
        }
      }
    }
  }
  if (!result) return nullptr;
  if (type != &bytes_type) return bytes_subtype_new(type, result.get());
  return result.release_obj();
}

int bytes_getbuffer(Object* self, Py_buffer* view, int flags) {
  return fill_buffer_info(view, self, bytes_data(self), bytes_size(self), true, flags);
}

// ---- bytearray slots ----

void bytearray_dealloc(Object* o) {
  alloc::raw_free(baobj(o)->ob_bytes);
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

Object* bytearray_richcompare(Object* a, Object* b, int op) {
  if (!has_buffer(a) || !has_buffer(b)) return newref(not_implemented());
  std::string va, vb;
  if (!snapshot(a, &va)) {
    error_clear();
    return newref(not_implemented());
  }
  if (!snapshot(b, &vb)) {
    error_clear();
    return newref(not_implemented());
  }
  return richcompare_views(va, vb, op);
}

ssize bytearray_length(Object* o) { return bytearray_size(o); }

Object* bytearray_concat(Object* a, Object* b) {
  std::string va, vb;
  if (!has_buffer(a) || !has_buffer(b) || !snapshot(a, &va) || !snapshot(b, &vb)) {
    error_clear();
    return set_errorf(&exc_TypeError, "can't concat {} to {}", type_name(b), type_name(a));
  }
  va += vb;
  return bytearray_from(va.data(), ssize(va.size()));
}

Object* bytearray_repeat(Object* a, ssize n) {
  std::string v;
  if (!snapshot(a, &v)) return nullptr;
  if (n < 0) n = 0;
  if (!v.empty() && n > kSsizeMax / 2 / ssize(v.size())) return no_memory();
  Object* o = bytearray_from(nullptr, ssize(v.size()) * n);
  if (!o) return nullptr;
  char* out = bytearray_data(o);
  for (ssize i = 0; i < n; i++) std::memcpy(out + size_t(i) * v.size(), v.data(), v.size());
  return o;
}

Object* bytearray_item(Object* a, ssize i) {
  sync::CriticalSection cs(a);
  if (i < 0 || i >= bytearray_size(a)) return set_error(&exc_IndexError, "bytearray index out of range");
  return int_from_i64(uint8_t(bytearray_data(a)[i]));
}

Object* bytearray_subscript(Object* self, Object* key) {
  if (index_check(key)) {
    ssize i = number_as_ssize(key, &exc_IndexError);
    if (i == -1 && error_occurred()) return nullptr;
    sync::CriticalSection cs(self);
    if (i < 0) i += bytearray_size(self);
    return bytearray_item(self, i);
  }
  if (type_check(key, &slice_type)) {
    ssize start, stop, step;
    if (slice_unpack(key, &start, &stop, &step) < 0) return nullptr;
    std::string s;
    {
      sync::CriticalSection cs(self);
      ssize n = slice_adjust_indices(bytearray_size(self), &start, &stop, step);
      std::string_view data(bytearray_data(self), size_t(bytearray_size(self)));
      s = step == 1 ? std::string(data.substr(size_t(start), size_t(n))) : take_slice(data, start, step, n);
    }
    return bytearray_from(s.data(), ssize(s.size()));
  }
  return set_errorf(&exc_TypeError, "bytearray indices must be integers or slices, not {}", type_name(key));
}

// _getbytevalue: an int in range(256) via __index__.
bool byte_value(Object* v, int* out) {
  int overflow = 0;
  ORef i = steal(number_index(v));
  if (!i) return false;
  int64_t x = int_as_i64(i.get(), &overflow);
  if (overflow || x < 0 || x >= 256) {
    error_clear();
    set_error(&exc_ValueError, "byte must be in range(0, 256)");
    return false;
  }
  *out = int(x);
  return true;
}

// bytearray_setslice_linear; caller holds the critical section.
int setslice_linear(Object* self, ssize lo, ssize hi, const char* bytes, ssize needed) {
  ssize avail = hi - lo;
  ssize growth = needed - avail;
  ssize size = bytearray_size(self);
  if (growth < 0) {
    if (baobj(self)->ob_exports > 0) {
      set_error(&exc_BufferError, "Existing exports of data: object cannot be re-sized");
      return -1;
    }
    char* buf = bytearray_data(self);
    std::memmove(buf + lo + needed, buf + hi, size_t(size - hi));
    if (bytearray_resize(self, size + growth) < 0) return -1;
  } else if (growth > 0) {
    if (size > kSsizeMax / 2 - growth) {
      no_memory();
      return -1;
    }
    if (bytearray_resize(self, size + growth) < 0) return -1;
    char* buf = bytearray_data(self);
    std::memmove(buf + lo + needed, buf + hi, size_t(size + growth - lo - needed));
  }
  if (needed > 0) std::memcpy(bytearray_data(self) + lo, bytes, size_t(needed));
  return 0;
}

int bytearray_ass_item(Object* self, ssize i, Object* value) {
  int ival = -1;
  if (value && !byte_value(value, &ival)) return -1;
  sync::CriticalSection cs(self);
  if (i < 0) i += bytearray_size(self);
  if (i < 0 || i >= bytearray_size(self)) {
    set_error(&exc_IndexError, "bytearray index out of range");
    return -1;
  }
  if (!value) return setslice_linear(self, i, i + 1, nullptr, 0);
  bytearray_data(self)[i] = char(ival);
  return 0;
}

bool number_like(Object* o) {
  PyNumberMethods* nb = type_of(o)->tp_as_number;
  return (nb && (nb->nb_index || nb->nb_int || nb->nb_float)) || type_check(o, &complex_type);
}

int bytearray_ass_subscript(Object* self, Object* index, Object* values) {
  if (index_check(index)) {
    ssize i = number_as_ssize(index, &exc_IndexError);
    if (i == -1 && error_occurred()) return -1;
    return bytearray_ass_item(self, i, values);
  }
  if (!type_check(index, &slice_type)) {
    set_errorf(&exc_TypeError, "bytearray indices must be integers or slices, not {}", type_name(index));
    return -1;
  }
  ssize start, stop, step;
  if (slice_unpack(index, &start, &stop, &step) < 0) return -1;
  // The new contents are collected before the lock is taken: converting them may run Python code.
  std::string data;
  if (values) {
    if (!type_check(values, &bytearray_type) && (number_like(values) || type_check(values, &str_type))) {
      set_error(&exc_TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
      return -1;
    }
    if (!bytes_from_object(values, &data, true)) return -1;
  }
  ssize needed = ssize(data.size());
  sync::CriticalSection cs(self);
  ssize size = bytearray_size(self);
  ssize slicelen = slice_adjust_indices(size, &start, &stop, step);
  if ((step < 0 && start < stop) || (step > 0 && start > stop)) stop = start;
  if (step == 1) return setslice_linear(self, start, stop, data.data(), needed);
  char* buf = bytearray_data(self);
  if (needed == 0) {
    if (baobj(self)->ob_exports > 0) {
      set_error(&exc_BufferError, "Existing exports of data: object cannot be re-sized");
      return -1;
    }
    if (slicelen == 0) return 0;
    if (step < 0) {
      stop = start + 1;
      start = stop + step * (slicelen - 1) - 1;
      step = -step;
    }
    size_t cur;
    ssize i;
    for (cur = size_t(start), i = 0; i < slicelen; cur += size_t(step), i++) {
      ssize lim = step - 1;
      if (cur + size_t(step) >= size_t(size)) lim = size - ssize(cur) - 1;
      std::memmove(buf + cur - i, buf + cur + 1, size_t(lim));
    }
    cur = size_t(start) + size_t(slicelen) * size_t(step);
    if (cur < size_t(size)) std::memmove(buf + cur - slicelen, buf + cur, size_t(size) - cur);
    return bytearray_resize(self, size - slicelen);
  }
  if (needed != slicelen) {
    set_errorf(&exc_ValueError, "attempt to assign bytes of size {} to extended slice of size {}", needed, slicelen);
    return -1;
  }
  for (ssize i = 0, cur = start; i < slicelen; cur += step, i++) buf[cur] = data[size_t(i)];
  return 0;
}

int bytearray_contains(Object* self, Object* arg) {
  std::string v;
  if (!snapshot(self, &v)) return -1;
  return contains_impl(v, arg);
}

Object* bytearray_iconcat(Object* self, Object* other) {
  if (!has_buffer(other)) {
    return set_errorf(&exc_TypeError, "can't concat {} to {}", type_name(other), type_name(self));
  }
  std::string v;
  if (!snapshot(other, &v)) return nullptr;
  sync::CriticalSection cs(self);
  ssize size = bytearray_size(self);
  if (size > kSsizeMax / 2 - ssize(v.size())) return no_memory();
  if (bytearray_resize(self, size + ssize(v.size())) < 0) return nullptr;
  std::memcpy(bytearray_data(self) + size, v.data(), v.size());
  return newref(self);
}

Object* bytearray_irepeat(Object* self, ssize n) {
  sync::CriticalSection cs(self);
  ssize size = bytearray_size(self);
  if (n < 0) n = 0;
  if (size && n > kSsizeMax / 2 / size) return no_memory();
  std::string v(bytearray_data(self), size_t(size));
  if (bytearray_resize(self, size * n) < 0) return nullptr;
  char* out = bytearray_data(self);
  for (ssize i = 0; i < n; i++) std::memcpy(out + size_t(i) * v.size(), v.data(), v.size());
  return newref(self);
}

Object* bytearray_mod(Object* a, Object* b) {
  if (!type_check(a, &bytearray_type)) return newref(not_implemented());
  std::string fmt, out;
  if (!snapshot(a, &fmt)) return nullptr;
  if (!bytes_percent_format(fmt, b, &out)) return nullptr;
  return bytearray_from(out.data(), ssize(out.size()));
}

Object* bytearray_tp_new(Type* type, Object*, Object*) { return bytearray_alloc(type, 0); }

int bytearray_init(Object* self, Object* args, Object* kwargs) {
  CtorArgs a;
  if (!a.parse("bytearray", args, kwargs)) return -1;
  {
    sync::CriticalSection cs(self);
    if (bytearray_resize(self, 0) < 0) return -1;
  }
  Object* x = a.source;
  std::string data;
  if (!x) {
    if (a.encoding || a.errors) {
      set_error(&exc_TypeError, a.encoding ? "encoding without a string argument" : "errors without a string argument");
      return -1;
    }
    return 0;
  }
  if (type_check(x, &str_type)) {
    if (!a.encoding) {
      set_error(&exc_TypeError, "string argument without an encoding");
      return -1;
    }
    const char* enc = str_utf8(a.encoding);
    const char* err = a.errors ? str_utf8(a.errors) : "strict";
    if (!enc || !err) return -1;
    ORef b = steal(str_encode(x, enc, err));
    if (!b) return -1;
    data.assign(bytes_data(b.get()), size_t(bytes_size(b.get())));
  } else if (a.encoding || a.errors) {
    set_error(&exc_TypeError, a.encoding ? "encoding without a string argument" : "errors without a string argument");
    return -1;
  } else {
    bool done = false;
    if (index_check(x)) {
      ssize count = number_as_ssize(x, &exc_OverflowError);
      if (count == -1 && error_occurred()) {
        if (!error_matches(&exc_TypeError)) return -1;
        error_clear();
      } else {
        if (count < 0) {
          set_error(&exc_ValueError, "negative count");
          return -1;
        }
        data.assign(size_t(count), '\0');
        done = true;
      }
    }
    if (!done && !bytes_from_object(x, &data, true)) return -1;
  }
  sync::CriticalSection cs(self);
  if (bytearray_resize(self, ssize(data.size())) < 0) return -1;
  if (!data.empty()) std::memcpy(bytearray_data(self), data.data(), data.size());
  return 0;
}

int bytearray_getbuffer(Object* self, Py_buffer* view, int flags) {
  if (!view) {
    set_error(&exc_BufferError, "bytearray_getbuffer: view==NULL argument is obsolete");
    return -1;
  }
  sync::CriticalSection cs(self);
  fill_buffer_info(view, self, bytearray_data(self), bytearray_size(self), false, flags);
  baobj(self)->ob_exports++;
  return 0;
}

void bytearray_releasebuffer(Object* self, Py_buffer*) {
  sync::CriticalSection cs(self);
  baobj(self)->ob_exports--;
}

// ---- Iterators ----

// CPython's striterobject / bytesiterobject layout; the sequence is kept until the iterator dies.
struct BytesIterObject {
  PyObject ob_base;
  ssize index;
  Object* seq;
};

Object* iter_new(Type* t, Object* seq) {
  // Readied by str_types_init(); until the runtime calls it, the first iterator readies them.
  static std::once_flag once;
  std::call_once(once, [] {
    if (str_types_init() < 0) error_clear();
  });
  auto* it = reinterpret_cast<BytesIterObject*>(new_object(t, sizeof(BytesIterObject)));
  if (!it) return nullptr;
  it->index = 0;
  it->seq = newref(seq);
  return reinterpret_cast<Object*>(it);
}

Object* bytes_iter(Object* self) { return iter_new(&bytes_iterator_type, self); }
Object* bytearray_iter(Object* self) { return iter_new(&bytearray_iterator_type, self); }

void iter_dealloc(Object* o) {
  xdecref(reinterpret_cast<BytesIterObject*>(o)->seq);
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

Object* bytes_iter_next(Object* o) {
  auto* it = reinterpret_cast<BytesIterObject*>(o);
  ssize i = __atomic_load_n(&it->index, __ATOMIC_RELAXED);
  if (i >= bytes_size(it->seq)) return nullptr;
  __atomic_store_n(&it->index, i + 1, __ATOMIC_RELAXED);
  return int_from_i64(uint8_t(bytes_data(it->seq)[i]));
}

Object* bytearray_iter_next(Object* o) {
  auto* it = reinterpret_cast<BytesIterObject*>(o);
  sync::CriticalSection cs(it->seq);
  ssize i = __atomic_load_n(&it->index, __ATOMIC_RELAXED);
  if (i >= bytearray_size(it->seq)) return nullptr;
  __atomic_store_n(&it->index, i + 1, __ATOMIC_RELAXED);
  return int_from_i64(uint8_t(bytearray_data(it->seq)[i]));
}

Object* iter_length_hint(Object* o, Object*) {
  auto* it = reinterpret_cast<BytesIterObject*>(o);
  ssize len = var_size(it->seq);
  ssize left = len - __atomic_load_n(&it->index, __ATOMIC_RELAXED);
  return int_from_ssize(left < 0 ? 0 : left);
}

Object* iter_setstate(Object* o, Object* state) {
  auto* it = reinterpret_cast<BytesIterObject*>(o);
  ssize i = number_as_ssize(state, nullptr);
  if (i == -1 && error_occurred()) return nullptr;
  if (i < 0) i = 0;
  ssize len = var_size(it->seq);
  if (i > len) i = len;
  __atomic_store_n(&it->index, i, __ATOMIC_RELAXED);
  return newref(none());
}

Object* self_iter(Object* o) { return newref(o); }

PyMethodDef iter_methods[] = {
    {"__length_hint__", iter_length_hint, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__setstate__", iter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr}};

PyNumberMethods bytes_as_number = {.nb_remainder = bytes_mod};
PySequenceMethods bytes_as_sequence = {
    .sq_length = bytes_length,
    .sq_concat = bytes_concat,
    .sq_repeat = bytes_repeat,
    .sq_item = bytes_item,
    .sq_contains = bytes_contains,
};
PyMappingMethods bytes_as_mapping = {.mp_length = bytes_length, .mp_subscript = bytes_subscript};
PyBufferProcs bytes_as_buffer = {.bf_getbuffer = bytes_getbuffer, .bf_releasebuffer = nullptr};

PyNumberMethods bytearray_as_number = {.nb_remainder = bytearray_mod};
PySequenceMethods bytearray_as_sequence = {
    .sq_length = bytearray_length,
    .sq_concat = bytearray_concat,
    .sq_repeat = bytearray_repeat,
    .sq_item = bytearray_item,
    .sq_ass_item = bytearray_ass_item,
    .sq_contains = bytearray_contains,
    .sq_inplace_concat = bytearray_iconcat,
    .sq_inplace_repeat = bytearray_irepeat,
};
PyMappingMethods bytearray_as_mapping = {
    .mp_length = bytearray_length,
    .mp_subscript = bytearray_subscript,
    .mp_ass_subscript = bytearray_ass_subscript,
};
PyBufferProcs bytearray_as_buffer = {.bf_getbuffer = bytearray_getbuffer, .bf_releasebuffer = bytearray_releasebuffer};

}  // namespace

Type bytes_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "bytes",
    .tp_basicsize = ssize(kBytesHeader) + 1,
    .tp_itemsize = 1,
    .tp_dealloc = bytes_dealloc,
    .tp_repr = bytes_repr_slot,
    .tp_as_number = &bytes_as_number,
    .tp_as_sequence = &bytes_as_sequence,
    .tp_as_mapping = &bytes_as_mapping,
    .tp_hash = bytes_hash_slot,
    .tp_str = bytes_str_slot,
    .tp_getattro = generic_getattr,
    .tp_as_buffer = &bytes_as_buffer,
    // Not Py_TPFLAGS_SEQUENCE: str, bytes and bytearray never match sequence patterns (PEP 634).
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS | Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_IMMUTABLETYPE,
    .tp_doc = DOC_bytes___new__,
    .tp_richcompare = bytes_richcompare,
    .tp_iter = bytes_iter,
    .tp_methods = bytes_method_table,
    .tp_base = &object_type,
    .tp_new = bytes_tp_new,
    .tp_free = object_free,
};

Type bytearray_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "bytearray",
    .tp_basicsize = sizeof(PyByteArrayObject),
    .tp_itemsize = 0,
    .tp_dealloc = bytearray_dealloc,
    .tp_repr = bytearray_repr,
    .tp_as_number = &bytearray_as_number,
    .tp_as_sequence = &bytearray_as_sequence,
    .tp_as_mapping = &bytearray_as_mapping,
    .tp_hash = hash_not_implemented,
    .tp_str = bytearray_repr,
    .tp_getattro = generic_getattr,
    .tp_as_buffer = &bytearray_as_buffer,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF,
    .tp_doc = DOC_bytearray___new__,
    .tp_richcompare = bytearray_richcompare,
    .tp_iter = bytearray_iter,
    .tp_methods = bytearray_method_table,
    .tp_base = &object_type,
    .tp_init = bytearray_init,
    .tp_new = bytearray_tp_new,
    .tp_free = object_free,
};

Type bytes_iterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "bytes_iterator",
    .tp_basicsize = sizeof(BytesIterObject),
    .tp_dealloc = iter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = self_iter,
    .tp_iternext = bytes_iter_next,
    .tp_methods = iter_methods,
    .tp_base = &object_type,
    .tp_free = object_free,
};

Type bytearray_iterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "bytearray_iterator",
    .tp_basicsize = sizeof(BytesIterObject),
    .tp_dealloc = iter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = self_iter,
    .tp_iternext = bytearray_iter_next,
    .tp_methods = iter_methods,
    .tp_base = &object_type,
    .tp_free = object_free,
};

}  // namespace pyvm
