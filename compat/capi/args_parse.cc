// PyArg_Parse* and PyArg_UnpackTuple (modsupport.h): every format unit CPython 3.13 documents, with its error
// messages. Owner: capi-b.
//
// Structure follows the documented behaviour: the format is walked once per argument; a unit either converts its
// argument (writing through the caller's pointers) or, for optional arguments that were not given, is skipped
// (its varargs consumed). Buffers (s*, y*, z*, w*) and es/et allocations made before a later failure are released
// again, as CPython's freelist does; "O&" converters returning Py_CLEANUP_SUPPORTED are called with NULL then.
#include "Python.h"

#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"

using namespace pyvm;

namespace {

constexpr int kMaxLevels = 32;

struct FreeItem {
  enum Kind { kBuffer, kMem, kConverter } kind;
  void* ptr;
  int (*converter)(PyObject*, void*) = nullptr;
};

struct Freelist {
  std::vector<FreeItem> items;
  // On failure: release everything (converters get NULL); on success only the converter cleanups are dropped.
  int finish(int ok) {
    if (!ok) {
      for (auto it = items.rbegin(); it != items.rend(); ++it) {
        switch (it->kind) {
          case FreeItem::kBuffer: release_buffer(static_cast<Py_buffer*>(it->ptr)); break;
          case FreeItem::kMem: {
            char** p = static_cast<char**>(it->ptr);
            PyMem_Free(*p);
            *p = nullptr;
            break;
          }
          case FreeItem::kConverter: it->converter(nullptr, it->ptr); break;
        }
      }
    }
    items.clear();
    return ok;
  }
};

struct Ctx {
  va_list* va;
  Freelist* freelist;
  char msgbuf[256];
};

const char* tname(Object* o) { return o == Py_None ? "None" : type_of(o)->tp_name; }

// "must be <expected>, not <type>"; messages starting with '(' are internal errors (SystemError).
const char* converterr(Ctx& c, const char* expected, Object* arg) {
  if (expected[0] == '(') {
    std::snprintf(c.msgbuf, sizeof c.msgbuf, "%.50s", expected);
  } else {
    std::snprintf(c.msgbuf, sizeof c.msgbuf, "must be %.50s, not %.50s", expected, tname(arg));
  }
  return c.msgbuf;
}
const char* const kErrOccurred = "(error already set)";  // a sentinel: the exception is already set

// The integer value of `o` (__index__ for non-ints), as PyLong_AsLong/AsLongLong read it. `overflow_msg` null: set
// *ovf instead of raising.
bool as_i64(Object* o, int64_t* out, const char* overflow_msg) {
  ORef idx;
  if (!type_check(o, &int_type)) {
    idx = steal(number_index(o));
    if (!idx) return false;
    o = idx.get();
  }
  int ovf = 0;
  *out = int_as_i64(o, &ovf);
  if (ovf) {
    set_error(&exc_OverflowError, overflow_msg);
    return false;
  }
  return true;
}

// PyLong_AsUnsignedLongLongMask on an int: the value modulo 2**64.
uint64_t mask64(Object* o) {
  uint64_t v = 0;
  const digit* d = int_digits(o);
  ssize n = int_ndigits(o);
  for (ssize i = n - 1; i >= 0; i--) v = (v << PyLong_SHIFT) | d[i];
  return int_sign(o) < 0 ? uint64_t(0) - v : v;
}

// The mask conversions of B, H, I (any __index__ object) and k, K (ints only).
bool as_mask(Object* o, uint64_t* out) {
  ORef idx;
  if (!type_check(o, &int_type)) {
    idx = steal(number_index(o));
    if (!idx) return false;
    o = idx.get();
  }
  *out = mask64(o);
  return true;
}

// A read-only contiguous buffer of `arg` for s#, y#, z#, y (CPython's convertbuffer): the pointer stays valid
// while arg lives (objects whose buffers need releasing are refused).
Py_ssize_t convertbuffer(Object* arg, const void** p, const char** errmsg) {
  PyBufferProcs* pb = type_of(arg)->tp_as_buffer;
  if (pb && pb->bf_releasebuffer) {
    *errmsg = "read-only bytes-like object";
    return -1;
  }
  Py_buffer view;
  if (get_buffer(arg, &view, PyBUF_SIMPLE) < 0) {
    *errmsg = "bytes-like object";  // the buffer protocol's TypeError stays current, as in CPython
    return -1;
  }
  Py_ssize_t n = view.len;
  *p = view.buf;
  release_buffer(&view);
  return n;
}

// A contiguous buffer for s*, y*, z*, w* (CPython's getbuffer); registered for release on failure.
bool getbuffer(Ctx& c, Object* arg, Py_buffer* view, bool writable, const char** errmsg) {
  if (get_buffer(arg, view, writable ? PyBUF_WRITABLE : PyBUF_SIMPLE) < 0) {
    // w* reports its own message; the others keep the buffer protocol's TypeError, as CPython does.
    if (writable) error_clear();
    *errmsg = writable ? "read-write bytes-like object" : "bytes-like object";
    return false;
  }
  if (!buffer_is_contiguous(view, 'C')) {
    release_buffer(view);
    *errmsg = "contiguous buffer";
    return false;
  }
  c.freelist->items.push_back({FreeItem::kBuffer, view});
  return true;
}

// A buffer over the UTF-8 of a str (s*, z*): read-only, owned by the str.
bool str_buffer(Ctx& c, Object* s, Py_buffer* view) {
  ssize n = 0;
  const char* p = str_utf8(s, &n);
  if (!p) return false;
  view->buf = const_cast<char*>(p);
  view->obj = newref(s);
  view->len = n;
  view->itemsize = 1;
  view->readonly = 1;
  view->ndim = 1;
  view->format = nullptr;
  view->shape = nullptr;
  view->strides = nullptr;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  c.freelist->items.push_back({FreeItem::kBuffer, view});
  return true;
}

const char* convertitem(Object* arg, const char** pfmt, Ctx& c, int* levels);

// One non-tuple unit. Returns null on success, else a message (or kErrOccurred).
const char* convertsimple(Object* arg, const char** pfmt, Ctx& c) {
  const char* format = *pfmt;
  char ch = *format++;
  va_list& va = *c.va;
  const char* r = nullptr;
  switch (ch) {
    case 'b': {
      char* p = va_arg(va, char*);
      int64_t v;
      if (!as_i64(arg, &v, "Python int too large to convert to C long")) return kErrOccurred;
      if (v < 0) {
        set_error(&exc_OverflowError, "unsigned byte integer is less than minimum");
        return kErrOccurred;
      }
      if (v > UCHAR_MAX) {
        set_error(&exc_OverflowError, "unsigned byte integer is greater than maximum");
        return kErrOccurred;
      }
      *p = char(v);
      break;
    }
    case 'B': {
      unsigned char* p = va_arg(va, unsigned char*);
      uint64_t v;
      if (!as_mask(arg, &v)) return kErrOccurred;
      *p = static_cast<unsigned char>(v);
      break;
    }
    case 'h': {
      short* p = va_arg(va, short*);
      int64_t v;
      if (!as_i64(arg, &v, "Python int too large to convert to C long")) return kErrOccurred;
      if (v < SHRT_MIN) {
        set_error(&exc_OverflowError, "signed short integer is less than minimum");
        return kErrOccurred;
      }
      if (v > SHRT_MAX) {
        set_error(&exc_OverflowError, "signed short integer is greater than maximum");
        return kErrOccurred;
      }
      *p = short(v);
      break;
    }
    case 'H': {
      unsigned short* p = va_arg(va, unsigned short*);
      uint64_t v;
      if (!as_mask(arg, &v)) return kErrOccurred;
      *p = static_cast<unsigned short>(v);
      break;
    }
    case 'i': {
      int* p = va_arg(va, int*);
      int64_t v;
      if (!as_i64(arg, &v, "Python int too large to convert to C long")) return kErrOccurred;
      if (v > INT_MAX) {
        set_error(&exc_OverflowError, "signed integer is greater than maximum");
        return kErrOccurred;
      }
      if (v < INT_MIN) {
        set_error(&exc_OverflowError, "signed integer is less than minimum");
        return kErrOccurred;
      }
      *p = int(v);
      break;
    }
    case 'I': {
      unsigned int* p = va_arg(va, unsigned int*);
      uint64_t v;
      if (!as_mask(arg, &v)) return kErrOccurred;
      *p = static_cast<unsigned int>(v);
      break;
    }
    case 'n': {
      Py_ssize_t* p = va_arg(va, Py_ssize_t*);
      ORef idx = steal(number_index(arg));
      if (!idx) return kErrOccurred;
      int ovf = 0;
      int64_t v = int_as_i64(idx.get(), &ovf);
      if (ovf) {
        set_error(&exc_OverflowError, "Python int too large to convert to C ssize_t");
        return kErrOccurred;
      }
      *p = v;
      break;
    }
    case 'l': {
      long* p = va_arg(va, long*);
      int64_t v;
      if (!as_i64(arg, &v, "Python int too large to convert to C long")) return kErrOccurred;
      *p = long(v);
      break;
    }
    case 'k': {
      unsigned long* p = va_arg(va, unsigned long*);
      if (!type_check(arg, &int_type)) return converterr(c, "int", arg);
      *p = static_cast<unsigned long>(mask64(arg));
      break;
    }
    case 'L': {
      long long* p = va_arg(va, long long*);
      int64_t v;
      if (!as_i64(arg, &v, "int too big to convert")) return kErrOccurred;
      *p = v;
      break;
    }
    case 'K': {
      unsigned long long* p = va_arg(va, unsigned long long*);
      if (!type_check(arg, &int_type)) return converterr(c, "int", arg);
      *p = mask64(arg);
      break;
    }
    case 'f': case 'd': {
      bool ok = true;
      double d = float_as_double(arg, &ok);
      if (!ok) return kErrOccurred;
      if (ch == 'f') *va_arg(va, float*) = float(d);
      else *va_arg(va, double*) = d;
      break;
    }
    case 'D': {
      Py_complex* p = va_arg(va, Py_complex*);
      if (type_check(arg, &complex_type)) {
        *p = complex_value(arg);
        break;
      }
      if (Object* m = type_lookup(type_of(arg), str_interned("__complex__"))) {
        (void)m;
        ORef z = steal(call_method0(arg, str_interned("__complex__")));
        if (!z) return kErrOccurred;
        if (!type_check(z.get(), &complex_type)) {
          set_errorf(&exc_TypeError, "__complex__ returned non-complex (type {})", type_name(z.get()));
          return kErrOccurred;
        }
        *p = complex_value(z.get());
        break;
      }
      bool ok = true;
      double d = float_as_double(arg, &ok);
      if (!ok) return kErrOccurred;
      p->real = d;
      p->imag = 0.0;
      break;
    }
    case 'c': {
      char* p = va_arg(va, char*);
      if (type_check(arg, &bytes_type) && bytes_size(arg) == 1) *p = bytes_data(arg)[0];
      else if (type_check(arg, &bytearray_type) && bytearray_size(arg) == 1) *p = bytearray_data(arg)[0];
      else return converterr(c, "a byte string of length 1", arg);
      break;
    }
    case 'C': {
      int* p = va_arg(va, int*);
      if (!type_check(arg, &str_type) || str_length(arg) != 1) return converterr(c, "a unicode character", arg);
      *p = int(str_char_at(arg, 0));
      break;
    }
    case 'p': {
      int* p = va_arg(va, int*);
      int t = object_is_true(arg);
      if (t < 0) return kErrOccurred;
      *p = t;
      break;
    }
    case 'y': case 's': case 'z': {
      bool allow_none = ch == 'z';
      if (*format == '*') {
        format++;
        Py_buffer* view = va_arg(va, Py_buffer*);
        if (allow_none && arg == Py_None) {
          std::memset(view, 0, sizeof *view);
          view->obj = nullptr;
          view->buf = nullptr;
          view->len = 0;
          view->readonly = 1;
          view->itemsize = 1;
          view->ndim = 1;
          break;
        }
        if (ch != 'y' && type_check(arg, &str_type)) {
          if (!str_buffer(c, arg, view)) return converterr(c, "(unicode conversion error)", arg);
          break;
        }
        const char* err = nullptr;
        if (!getbuffer(c, arg, view, false, &err)) {
          return converterr(c, ch == 'y' ? err : ch == 's' ? "str or bytes-like object" : "str, bytes-like object or None", arg);
        }
        break;
      }
      if (*format == '#') {
        format++;
        const char** p = va_arg(va, const char**);
        Py_ssize_t* plen = va_arg(va, Py_ssize_t*);
        if (allow_none && arg == Py_None) {
          *p = nullptr;
          *plen = 0;
          break;
        }
        if (ch != 'y' && type_check(arg, &str_type)) {
          ssize n = 0;
          const char* s = str_utf8(arg, &n);
          if (!s) return converterr(c, "(unicode conversion error)", arg);
          *p = s;
          *plen = n;
          break;
        }
        const char* err = nullptr;
        const void* data = nullptr;
        Py_ssize_t n = convertbuffer(arg, &data, &err);
        if (n < 0) {
          return converterr(c, ch == 'y' ? err : ch == 's' ? "str or bytes-like object" : "str, bytes-like object or None", arg);
        }
        *p = static_cast<const char*>(data);
        *plen = n;
        break;
      }
      const char** p = va_arg(va, const char**);
      if (ch == 'y') {
        const char* err = nullptr;
        const void* data = nullptr;
        Py_ssize_t n = convertbuffer(arg, &data, &err);
        if (n < 0) return converterr(c, err, arg);
        if (ssize(std::strlen(static_cast<const char*>(data))) != n) {
          set_error(&exc_ValueError, "embedded null byte");
          return kErrOccurred;
        }
        *p = static_cast<const char*>(data);
        break;
      }
      if (allow_none && arg == Py_None) {
        *p = nullptr;
        break;
      }
      if (!type_check(arg, &str_type)) return converterr(c, allow_none ? "str or None" : "str", arg);
      ssize n = 0;
      const char* s = str_utf8(arg, &n);
      if (!s) return converterr(c, "(unicode conversion error)", arg);
      if (ssize(std::strlen(s)) != n) {
        set_error(&exc_ValueError, "embedded null character");
        return kErrOccurred;
      }
      *p = s;
      break;
    }
    case 'e': {
      char kind = *format++;
      if (kind != 's' && kind != 't') return "(unknown parser marker combination)";
      const char* encoding = va_arg(va, const char*);
      if (!encoding) encoding = "utf-8";
      char** buffer = va_arg(va, char**);
      bool with_len = *format == '#';
      Py_ssize_t* plen = nullptr;
      if (with_len) {
        format++;
        plen = va_arg(va, Py_ssize_t*);
      }
      std::string data;
      if (kind == 't' && (type_check(arg, &bytes_type) || type_check(arg, &bytearray_type))) {
        if (type_check(arg, &bytes_type)) data.assign(bytes_data(arg), size_t(bytes_size(arg)));
        else data.assign(bytearray_data(arg), size_t(bytearray_size(arg)));
      } else if (type_check(arg, &str_type)) {
        ORef enc = steal(str_encode(arg, encoding, nullptr));
        if (!enc) return converterr(c, "(encoding failed)", arg);
        if (!type_check(enc.get(), &bytes_type)) return converterr(c, "(encoder failed to return bytes)", arg);
        data.assign(bytes_data(enc.get()), size_t(bytes_size(enc.get())));
      } else {
        return converterr(c, kind == 't' ? "str, bytes or bytearray" : "str", arg);
      }
      ssize size = ssize(data.size());
      if (with_len) {
        if (!*buffer) {
          char* mem = static_cast<char*>(PyMem_Malloc(size_t(size + 1)));
          if (!mem) {
            no_memory();
            return kErrOccurred;
          }
          std::memcpy(mem, data.data(), size_t(size));
          mem[size] = 0;
          *buffer = mem;
          c.freelist->items.push_back({FreeItem::kMem, buffer});
        } else {
          if (size + 1 > *plen) {
            set_errorf(&exc_ValueError, "encoded string too long ({}, maximum length {})", size, *plen - 1);
            return kErrOccurred;
          }
          std::memcpy(*buffer, data.data(), size_t(size));
          (*buffer)[size] = 0;
        }
        *plen = size;
      } else {
        if (ssize(std::strlen(data.c_str())) != size) {
          set_error(&exc_ValueError, "encoded string without null bytes");
          return kErrOccurred;
        }
        char* mem = static_cast<char*>(PyMem_Malloc(size_t(size + 1)));
        if (!mem) {
          no_memory();
          return kErrOccurred;
        }
        std::memcpy(mem, data.c_str(), size_t(size + 1));
        *buffer = mem;
        c.freelist->items.push_back({FreeItem::kMem, buffer});
      }
      break;
    }
    case 'S': {
      Object** p = va_arg(va, Object**);
      if (!type_check(arg, &bytes_type)) return converterr(c, "bytes", arg);
      *p = arg;
      break;
    }
    case 'Y': {
      Object** p = va_arg(va, Object**);
      if (!type_check(arg, &bytearray_type)) return converterr(c, "bytearray", arg);
      *p = arg;
      break;
    }
    case 'U': {
      Object** p = va_arg(va, Object**);
      if (!type_check(arg, &str_type)) return converterr(c, "str", arg);
      *p = arg;
      break;
    }
    case 'O': {
      if (*format == '!') {
        format++;
        Type* t = va_arg(va, Type*);
        Object** p = va_arg(va, Object**);
        if (!type_check(arg, t)) return converterr(c, t->tp_name, arg);
        *p = arg;
      } else if (*format == '&') {
        format++;
        typedef int (*converter)(PyObject*, void*);
        converter conv = va_arg(va, converter);
        void* addr = va_arg(va, void*);
        int res = conv(arg, addr);
        if (res == Py_CLEANUP_SUPPORTED) {
          FreeItem it{FreeItem::kConverter, addr};
          it.converter = conv;
          c.freelist->items.push_back(it);
        }
        if (!res) return converterr(c, "(unspecified)", arg);
      } else {
        *va_arg(va, Object**) = arg;
      }
      break;
    }
    case 'w': {
      if (*format != '*') return "(invalid use of 'w' format character)";
      format++;
      Py_buffer* view = va_arg(va, Py_buffer*);
      const char* err = nullptr;
      if (!getbuffer(c, arg, view, true, &err)) return converterr(c, err, arg);
      break;
    }
    default:
      return "(impossible<bad format char>)";
  }
  (void)r;
  *pfmt = format;
  return nullptr;
}

// (items): arg must be a sequence of exactly the right length.
const char* converttuple(Object* arg, const char** pfmt, Ctx& c, int* levels, bool toplevel) {
  const char* format = *pfmt;
  int level = 0, n = 0;
  for (const char* f = format;; f++) {
    char ch = *f;
    if (ch == '(') {
      if (level == 0) n++;
      level++;
    } else if (ch == ')') {
      if (level == 0) break;
      level--;
    } else if (ch == ':' || ch == ';' || ch == '\0') {
      break;
    } else if (level == 0 && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) {
      n++;
    }
  }
  if (!is_sequence(arg) || type_check(arg, &bytes_type) || type_check(arg, &str_type) ||
      type_check(arg, &bytearray_type)) {
    levels[0] = 0;
    std::snprintf(c.msgbuf, sizeof c.msgbuf,
                  toplevel ? "expected %d arguments, not %.50s" : "must be %d-item sequence, not %.50s", n,
                  tname(arg));
    return c.msgbuf;
  }
  ssize len = object_length(arg);
  if (len < 0) return kErrOccurred;
  if (len != n) {
    levels[0] = 0;
    if (toplevel)
      std::snprintf(c.msgbuf, sizeof c.msgbuf, "expected %d argument%s, not %zd", n, n == 1 ? "" : "s", len);
    else
      std::snprintf(c.msgbuf, sizeof c.msgbuf, "must be sequence of length %d, not %zd", n, len);
    return c.msgbuf;
  }
  for (int i = 0; i < n; i++) {
    ORef item = steal(sequence_get_index(arg, i));
    if (!item) return kErrOccurred;
    // Borrowed results (O, S, U ...) point into the sequence, which the caller keeps alive.
    const char* msg = convertitem(item.get(), &format, c, levels + 1);
    if (msg) {
      levels[0] = i + 1;
      return msg;
    }
  }
  *pfmt = format;
  return nullptr;
}

const char* convertitem(Object* arg, const char** pfmt, Ctx& c, int* levels) {
  const char* format = *pfmt;
  const char* msg;
  if (*format == '(') {
    format++;
    msg = converttuple(arg, &format, c, levels, false);
    if (!msg) format++;  // the ')'
  } else {
    msg = convertsimple(arg, &format, c);
    if (msg) levels[0] = 0;
  }
  if (!msg) *pfmt = format;
  return msg;
}

// Consumes the varargs of one unit without converting (an optional argument that was not given).
const char* skipitem(const char** pfmt, va_list* va) {
  const char* format = *pfmt;
  char ch = *format++;
  switch (ch) {
    case 'b': case 'B': case 'h': case 'H': case 'i': case 'I': case 'l': case 'k': case 'L': case 'K': case 'n':
    case 'f': case 'd': case 'D': case 'c': case 'C': case 'p': case 'S': case 'Y': case 'U':
      (void)va_arg(*va, void*);
      break;
    case 'w':
      if (*format != '*') return "invalid use of 'w' format character";
      format++;
      (void)va_arg(*va, void*);
      break;
    case 'e':
      (void)va_arg(*va, const char*);
      if (*format != 's' && *format != 't') return "impossible<bad format char>";
      format++;
      [[fallthrough]];
    case 's': case 'z': case 'y':
      (void)va_arg(*va, void*);
      if (*format == '#') {
        (void)va_arg(*va, Py_ssize_t*);
        format++;
      } else if ((ch == 's' || ch == 'z' || ch == 'y') && *format == '*') {
        format++;
      }
      break;
    case 'O':
      if (*format == '!' || *format == '&') {
        format++;
        (void)va_arg(*va, void*);
      }
      (void)va_arg(*va, void*);
      break;
    case '(':
      for (;;) {
        if (*format == ')') break;
        if (*format == '\0' || *format == ':' || *format == ';') return "Unmatched left paren in format string";
        const char* msg = skipitem(&format, va);
        if (msg) return msg;
      }
      format++;
      break;
    case ')':
      return "Unmatched right paren in format string";
    default:
      return "impossible<bad format char>";
  }
  *pfmt = format;
  return nullptr;
}

void seterror(Py_ssize_t iarg, const char* msg, int* levels, const char* fname, const char* message) {
  if (error_occurred()) return;
  std::string buf;
  if (message == nullptr) {
    if (fname) buf += std::string(fname).substr(0, 200) + "() ";
    if (iarg != 0) {
      buf += "argument " + std::to_string(iarg);
      for (int i = 0; i < kMaxLevels && levels[i] > 0 && buf.size() < 220; i++)
        buf += ", item " + std::to_string(levels[i] - 1);
    } else {
      buf += "argument";
    }
    buf += " ";
    buf += msg;
    message = buf.c_str();
  }
  if (msg[0] == '(')
    set_error(&exc_SystemError, message);
  else
    set_error(&exc_TypeError, message);
}

bool is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
bool is_end(char ch) { return ch == '\0' || ch == ';' || ch == ':'; }

// Splits off the function name (":name") or the custom message (";msg") at the end of the format.
void format_tail(const char* format, std::string* fname, const char** message, bool* has_fname) {
  *has_fname = false;
  *message = nullptr;
  for (const char* f = format; *f; f++) {
    if (*f == ':') {
      *fname = f + 1;
      *has_fname = true;
      return;
    }
    if (*f == ';') {
      *message = f + 1;
      return;
    }
  }
}

// PyArg_Parse (compat: `args` is the single argument) and PyArg_ParseTuple.
int vgetargs1(Object* args, const char* format, va_list* va, bool compat) {
  int min = -1, max = 0, level = 0;
  bool endfmt = false;
  const char* formatsave = format;
  std::string fname_s;
  const char* message = nullptr;
  bool has_fname = false;
  for (const char* f = format; !endfmt;) {
    char ch = *f++;
    switch (ch) {
      case '(':
        if (level == 0) max++;
        level++;
        if (level >= 30) {
          set_error(&exc_SystemError, "too many tuple nesting levels in argument format string");
          return 0;
        }
        break;
      case ')':
        if (level == 0) {
          set_error(&exc_SystemError, "excess ')' in getargs format");
          return 0;
        }
        level--;
        break;
      case '\0': endfmt = true; break;
      case ':': has_fname = true; fname_s = f; endfmt = true; break;
      case ';': message = f; endfmt = true; break;
      case '|':
        if (level == 0) min = max;
        break;
      default:
        if (level == 0 && is_alpha(ch) && ch != 'e') max++;
        break;
    }
  }
  if (level != 0) {
    set_error(&exc_SystemError, "missing ')' in getargs format");
    return 0;
  }
  if (min < 0) min = max;
  const char* fname = has_fname ? fname_s.c_str() : nullptr;
  format = formatsave;
  Freelist freelist;
  Ctx c{va, &freelist, {}};
  int levels[kMaxLevels] = {};
  if (compat) {
    if (max == 0) {
      if (!args) return 1;
      set_errorf(&exc_TypeError, "{:.200}{} takes no arguments", fname ? fname : "function", fname ? "()" : "");
      return 0;
    }
    if (min == 1 && max == 1) {
      if (!args) {
        set_errorf(&exc_TypeError, "{:.200}{} takes at least one argument", fname ? fname : "function",
                   fname ? "()" : "");
        return 0;
      }
      const char* msg = convertitem(args, &format, c, levels);
      if (!msg) return freelist.finish(1);
      seterror(0, msg, levels, fname, message);
      return freelist.finish(0);
    }
    set_error(&exc_SystemError, "old style getargs format uses new features");
    return 0;
  }
  if (!args || !type_check(args, &tuple_type)) {
    set_error(&exc_SystemError, "new style getargs format but argument is not a tuple");
    return 0;
  }
  ssize len = tuple_size(args);
  if (len < min || max < len) {
    if (!message) {
      int n = len < min ? min : max;
      set_errorf(&exc_TypeError, "{:.150}{} takes {} {} argument{} ({} given)", fname ? fname : "function",
                 fname ? "()" : "", min == max ? "exactly" : len < min ? "at least" : "at most", n,
                 n == 1 ? "" : "s", len);
    } else {
      set_error(&exc_TypeError, message);
    }
    return 0;
  }
  for (ssize i = 0; i < len; i++) {
    if (*format == '|') format++;
    const char* msg = convertitem(tuple_get(args, i), &format, c, levels);
    if (msg) {
      seterror(i + 1, msg, levels, fname, message);
      return freelist.finish(0);
    }
  }
  if (*format != '\0' && !is_alpha(*format) && *format != '(' && *format != '|' && *format != ':' &&
      *format != ';') {
    set_errorf(&exc_SystemError, "bad format string: {:.200}", formatsave);
    return freelist.finish(0);
  }
  return freelist.finish(1);
}

int vgetargskeywords(Object* args, Object* kwargs, const char* format, const char* const* kwlist, va_list* va) {
  std::string fname_s;
  const char* custom_msg = nullptr;
  bool has_fname = false;
  format_tail(format, &fname_s, &custom_msg, &has_fname);
  const char* fname = has_fname ? fname_s.c_str() : nullptr;
  const char* fn = fname ? fname : "function";
  const char* fparen = fname ? "()" : "";
  int pos = 0, len;
  for (pos = 0; kwlist[pos] && !*kwlist[pos]; pos++) {
  }
  for (len = pos; kwlist[len]; len++) {
    if (!*kwlist[len]) {
      set_error(&exc_SystemError, "Empty keyword parameter name");
      return 0;
    }
  }
  ssize nargs = tuple_size(args);
  ssize nkwargs = kwargs ? dict_size(kwargs) : 0;
  if (nargs + nkwargs > len) {
    set_errorf(&exc_TypeError, "{:.200}{} takes at most {} {}argument{} ({} given)", fn, fparen, len,
               nargs == 0 ? "keyword " : "", len == 1 ? "" : "s", nargs + nkwargs);
    return 0;
  }
  Freelist freelist;
  Ctx c{va, &freelist, {}};
  int levels[kMaxLevels] = {};
  int min = INT_MAX, max = INT_MAX;
  bool skip = false;
  int i;
  for (i = 0; i < len; i++) {
    if (*format == '|') {
      if (min != INT_MAX) {
        set_error(&exc_SystemError, "Invalid format string (| specified twice)");
        return freelist.finish(0);
      }
      min = i;
      format++;
      if (max != INT_MAX) {
        set_error(&exc_SystemError, "Invalid format string ($ before |)");
        return freelist.finish(0);
      }
    }
    if (*format == '$') {
      if (max != INT_MAX) {
        set_error(&exc_SystemError, "Invalid format string ($ specified twice)");
        return freelist.finish(0);
      }
      max = i;
      format++;
      if (max < pos) {
        set_error(&exc_SystemError, "Empty parameter name after $");
        return freelist.finish(0);
      }
      if (skip) break;
      if (max < nargs) {
        if (max == 0)
          set_errorf(&exc_TypeError, "{:.200}{} takes no positional arguments", fn, fparen);
        else
          set_errorf(&exc_TypeError, "{:.200}{} takes {} {} positional argument{} ({} given)", fn, fparen,
                     min != INT_MAX ? "at most" : "exactly", max, max == 1 ? "" : "s", nargs);
        return freelist.finish(0);
      }
    }
    if (is_end(*format)) {
      set_errorf(&exc_SystemError, "More keyword list entries ({}) than format specifiers ({})", len, i);
      return freelist.finish(0);
    }
    if (!skip) {
      ORef current;
      if (i < nargs) {
        current = borrow(tuple_get(args, i));
      } else if (nkwargs && i >= pos) {
        Object* v = nullptr;
        int r = dict_get_str(kwargs, kwlist[i], &v);
        if (r < 0) return freelist.finish(0);
        if (r > 0) {
          current = steal(v);
          --nkwargs;
        }
      }
      if (current) {
        // The dict keeps keyword values alive for the caller's borrowed results.
        const char* msg = convertitem(current.get(), &format, c, levels);
        if (msg) {
          seterror(i + 1, msg, levels, fname, custom_msg);
          return freelist.finish(0);
        }
        continue;
      }
      if (i < min) {
        if (i < pos) {
          skip = true;  // reported below, once min and max are known
        } else {
          set_errorf(&exc_TypeError, "{:.200}{} missing required argument '{}' (pos {})", fn, fparen, kwlist[i],
                     i + 1);
          return freelist.finish(0);
        }
      }
      if (!nkwargs && !skip) return freelist.finish(1);
    }
    const char* msg = skipitem(&format, va);
    if (msg) {
      set_errorf(&exc_SystemError, "{}: '{}'", msg, format);
      return freelist.finish(0);
    }
  }
  if (skip) {
    int m = pos < min ? pos : min;
    set_errorf(&exc_TypeError, "{:.200}{} takes {} {} positional argument{} ({} given)", fn, fparen,
               m < i ? "at least" : "exactly", m, m == 1 ? "" : "s", nargs);
    return freelist.finish(0);
  }
  if (!is_end(*format) && *format != '|' && *format != '$') {
    set_errorf(&exc_SystemError, "more argument specifiers than keyword list entries (remaining format:'{}')",
               format);
    return freelist.finish(0);
  }
  if (nkwargs > 0) {
    for (ssize j = pos; j < nargs; j++) {
      int r = dict_contains(kwargs, ORef(steal(str_from_utf8(kwlist[j]))).get());
      if (r < 0) return freelist.finish(0);
      if (r) {
        set_errorf(&exc_TypeError, "argument for {:.200}{} given by name ('{}') and position ({})", fn, fparen,
                   kwlist[j], j + 1);
        return freelist.finish(0);
      }
    }
    ORef keys = steal(dict_keys_list(kwargs));
    if (!keys) return freelist.finish(0);
    ssize nk = object_length(keys.get());
    for (ssize k = 0; k < nk; k++) {
      ORef key = steal(sequence_get_index(keys.get(), k));
      if (!key) return freelist.finish(0);
      if (!type_check(key.get(), &str_type)) {
        set_error(&exc_TypeError, "keywords must be strings");
        return freelist.finish(0);
      }
      bool match = false;
      for (int m = pos; m < len && !match; m++) match = str_view(key.get()) == kwlist[m];
      if (!match) {
        set_errorf(&exc_TypeError, "{:.200}{} got an unexpected keyword argument '{}'",
                   fname ? fname : "this function", fparen, str_view(key.get()));
        return freelist.finish(0);
      }
    }
    set_errorf(&exc_TypeError, "invalid keyword argument for {:.200}{}", fname ? fname : "this function", fparen);
    return freelist.finish(0);
  }
  return freelist.finish(1);
}

}  // namespace

extern "C" {

int PyArg_Parse(PyObject* args, const char* format, ...) {
  va_list va;
  va_start(va, format);
  int r = vgetargs1(args, format, &va, true);
  va_end(va);
  return r;
}

int PyArg_VaParse(PyObject* args, const char* format, va_list va) {
  va_list lva;
  va_copy(lva, va);
  int r = vgetargs1(args, format, &lva, false);
  va_end(lva);
  return r;
}

int PyArg_ParseTuple(PyObject* args, const char* format, ...) {
  va_list va;
  va_start(va, format);
  int r = vgetargs1(args, format, &va, false);
  va_end(va);
  return r;
}

int _PyArg_Parse_SizeT(PyObject* args, const char* format, ...) {
  va_list va;
  va_start(va, format);
  int r = vgetargs1(args, format, &va, true);
  va_end(va);
  return r;
}

int _PyArg_ParseTuple_SizeT(PyObject* args, const char* format, ...) {
  va_list va;
  va_start(va, format);
  int r = vgetargs1(args, format, &va, false);
  va_end(va);
  return r;
}

int PyArg_VaParseTupleAndKeywords(PyObject* args, PyObject* kwargs, const char* format, const char* const* kwlist,
                                  va_list va) {
  if (!args || !type_check(args, &tuple_type) || (kwargs && !type_check(kwargs, &dict_type)) || !format ||
      !kwlist) {
    PyErr_BadInternalCall();
    return 0;
  }
  va_list lva;
  va_copy(lva, va);
  int r = vgetargskeywords(args, kwargs, format, kwlist, &lva);
  va_end(lva);
  return r;
}

int PyArg_ParseTupleAndKeywords(PyObject* args, PyObject* kwargs, const char* format, const char* const* kwlist,
                                ...) {
  va_list va;
  va_start(va, kwlist);
  int r = PyArg_VaParseTupleAndKeywords(args, kwargs, format, kwlist, va);
  va_end(va);
  return r;
}

int _PyArg_ParseTupleAndKeywords_SizeT(PyObject* args, PyObject* kwargs, const char* format,
                                       const char* const* kwlist, ...) {
  va_list va;
  va_start(va, kwlist);
  int r = PyArg_VaParseTupleAndKeywords(args, kwargs, format, kwlist, va);
  va_end(va);
  return r;
}

int PyArg_ValidateKeywordArguments(PyObject* kwargs) {
  if (!kwargs || !type_check(kwargs, &dict_type)) {
    PyErr_BadInternalCall();
    return 0;
  }
  ORef keys = steal(dict_keys_list(kwargs));
  if (!keys) return 0;
  ssize n = object_length(keys.get());
  for (ssize i = 0; i < n; i++) {
    ORef k = steal(sequence_get_index(keys.get(), i));
    if (!k) return 0;
    if (!type_check(k.get(), &str_type)) {
      set_error(&exc_TypeError, "keywords must be strings");
      return 0;
    }
  }
  return 1;
}

int PyArg_UnpackTuple(PyObject* args, const char* name, Py_ssize_t min, Py_ssize_t max, ...) {
  if (!args || !type_check(args, &tuple_type)) {
    set_error(&exc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
    return 0;
  }
  ssize l = tuple_size(args);
  if (l < min || l > max) {
    bool few = l < min;
    ssize n = few ? min : max;
    const char* qual = min == max ? "" : few ? "at least " : "at most ";
    if (name)
      set_errorf(&exc_TypeError, "{:.200} expected {}{} argument{}, got {}", name, qual, n, n == 1 ? "" : "s", l);
    else
      set_errorf(&exc_TypeError, "unpacked tuple should have {}{} element{}, but has {}", qual, n,
                 n == 1 ? "" : "s", l);
    return 0;
  }
  va_list va;
  va_start(va, max);
  for (ssize i = 0; i < l; i++) *va_arg(va, PyObject**) = tuple_get(args, i);
  va_end(va);
  return 1;
}

}  // extern "C"
