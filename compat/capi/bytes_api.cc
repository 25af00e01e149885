// The bytes and bytearray C-API (bytesobject.h, bytearrayobject.h). Owner: numbers-strings.
#include "Python.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/codecs.h"
#include "objects/errors.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace {

using pyvm::ORef;
using pyvm::Object;

std::nullptr_t bad_internal_call() { return pyvm::set_error(&pyvm::exc_SystemError, "bad argument to internal function"); }

std::nullptr_t expected_bytes(Object* o) {
  return pyvm::set_errorf(&pyvm::exc_TypeError, "expected bytes, {:.200} found", pyvm::type_name(o));
}

// The contents of a buffer exporter for concatenation; TypeError "can't concat B to A" otherwise.
bool concat_operand(Object* o, Object* a, Object* b, std::string* out) {
  if (pyvm::has_buffer(o) && pyvm::bytes_like_copy(o, out)) return true;
  if (pyvm::error_occurred() && !pyvm::error_matches(&pyvm::exc_TypeError)) return false;
  pyvm::error_clear();
  pyvm::set_errorf(&pyvm::exc_TypeError, "can't concat {:.100} to {:.100}", pyvm::type_name(b), pyvm::type_name(a));
  return false;
}

}  // namespace

extern "C" {

char _PyByteArray_empty_string[] = "";

// ---- bytes

PyObject* PyBytes_FromStringAndSize(const char* u, Py_ssize_t size) {
  if (size < 0) return pyvm::set_error(&pyvm::exc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
  if (!u && size > 1) {
    // A fresh object for the caller to fill (bytes_from shares the 1-byte singletons only when given data).
    return pyvm::bytes_from(nullptr, size);
  }
  if (!u && size == 1) return pyvm::bytes_from(nullptr, 1);
  return pyvm::bytes_from(u, size);
}

PyObject* PyBytes_FromString(const char* u) {
  if (!u) return bad_internal_call();
  size_t n = std::strlen(u);
  if (n > size_t(PY_SSIZE_T_MAX) - sizeof(PyBytesObject)) {
    return pyvm::set_error(&pyvm::exc_OverflowError, "byte string is too large");
  }
  return pyvm::bytes_from(u, Py_ssize_t(n));
}

PyObject* PyBytes_FromObject(PyObject* o) {
  if (!o) return bad_internal_call();
  if (PyBytes_CheckExact(o)) return pyvm::newref(o);
  std::string data;
  if (!pyvm::bytes_from_object(o, &data, false)) return nullptr;
  return pyvm::bytes_from(data.data(), Py_ssize_t(data.size()));
}

PyObject* PyBytes_FromFormatV(const char* format, va_list vargs) {
  std::string out;
  char num[64];
  const char* f = format;
  while (*f) {
    if (*f != '%') {
      out.push_back(*f++);
      continue;
    }
    const char* start = f++;
    // Width is skipped; only a precision (for %s) is kept, as in CPython.
    while (*f >= '0' && *f <= '9') f++;
    Py_ssize_t prec = -1;
    if (*f == '.') {
      f++;
      prec = 0;
      for (; *f >= '0' && *f <= '9'; f++) prec = prec * 10 + (*f - '0');
    }
    while (*f && *f != '%' && !((*f >= 'a' && *f <= 'z') || (*f >= 'A' && *f <= 'Z'))) f++;
    char mod = 0;
    if (*f == 'l' || *f == 'z') mod = *f++;
    switch (*f) {
      case 'c': {
        int c = va_arg(vargs, int);
        if (c < 0 || c > 255) {
          return pyvm::set_error(&pyvm::exc_OverflowError,
                                 "PyBytes_FromFormatV(): %c format expects an integer in range [0; 255]");
        }
        out.push_back(char(c));
        break;
      }
      case 'd':
      case 'i':
        if (mod == 'l') {
          std::snprintf(num, sizeof num, "%ld", va_arg(vargs, long));
        } else if (mod == 'z') {
          std::snprintf(num, sizeof num, "%zd", va_arg(vargs, Py_ssize_t));
        } else {
          std::snprintf(num, sizeof num, "%d", va_arg(vargs, int));
        }
        out += num;
        break;
      case 'u':
        if (mod == 'l') {
          std::snprintf(num, sizeof num, "%lu", va_arg(vargs, unsigned long));
        } else if (mod == 'z') {
          std::snprintf(num, sizeof num, "%zu", va_arg(vargs, size_t));
        } else {
          std::snprintf(num, sizeof num, "%u", va_arg(vargs, unsigned));
        }
        out += num;
        break;
      case 'x':
        std::snprintf(num, sizeof num, "%x", va_arg(vargs, int));
        out += num;
        break;
      case 's': {
        const char* s = va_arg(vargs, const char*);
        size_t n = std::strlen(s);
        if (prec >= 0 && size_t(prec) < n) n = size_t(prec);
        out.append(s, n);
        break;
      }
      case 'p':
        std::snprintf(num, sizeof num, "%p", va_arg(vargs, void*));
        if (num[1] == 'X') num[1] = 'x';
        if (num[1] != 'x') {  // glibc prints "0x..." already; "(nil)" becomes 0x0
          std::snprintf(num, sizeof num, "0x0");
        }
        out += num;
        break;
      case '%':
        out.push_back('%');
        break;
      default:  // an unknown unit: the rest of the format is copied unformatted
        out += start;
        return pyvm::bytes_from(out.data(), Py_ssize_t(out.size()));
    }
    f++;
  }
  return pyvm::bytes_from(out.data(), Py_ssize_t(out.size()));
}

PyObject* PyBytes_FromFormat(const char* format, ...) {
  va_list vargs;
  va_start(vargs, format);
  PyObject* r = PyBytes_FromFormatV(format, vargs);
  va_end(vargs);
  return r;
}

Py_ssize_t PyBytes_Size(PyObject* o) {
  if (!o || !PyBytes_Check(o)) {
    if (o) expected_bytes(o); else bad_internal_call();
    return -1;
  }
  return PyBytes_GET_SIZE(o);
}

char* PyBytes_AsString(PyObject* o) {
  if (!o) return bad_internal_call();
  if (!PyBytes_Check(o)) return expected_bytes(o);
  return PyBytes_AS_STRING(o);
}

int PyBytes_AsStringAndSize(PyObject* obj, char** buffer, Py_ssize_t* length) {
  if (!obj || !buffer) {
    bad_internal_call();
    return -1;
  }
  if (!PyBytes_Check(obj)) {
    expected_bytes(obj);
    return -1;
  }
  *buffer = PyBytes_AS_STRING(obj);
  if (length) {
    *length = PyBytes_GET_SIZE(obj);
  } else if (std::strlen(*buffer) != size_t(PyBytes_GET_SIZE(obj))) {
    pyvm::set_error(&pyvm::exc_ValueError, "embedded null byte");
    return -1;
  }
  return 0;
}

PyObject* PyBytes_Repr(PyObject* o, int smartquotes) {
  if (!o || !PyBytes_Check(o)) return bad_internal_call();
  if (smartquotes) return pyvm::bytes_repr(o);
  // Always single quotes, with the quote escaped.
  static const char kHex[] = "0123456789abcdef";
  std::string r = "b'";
  const unsigned char* p = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(o));
  for (Py_ssize_t i = 0; i < PyBytes_GET_SIZE(o); i++) {
    unsigned char c = p[i];
    if (c == '\'' || c == '\\') {
      r.push_back('\\');
      r.push_back(char(c));
    } else if (c == '\t') {
      r += "\\t";
    } else if (c == '\n') {
      r += "\\n";
    } else if (c == '\r') {
      r += "\\r";
    } else if (c < 0x20 || c >= 0x7f) {
      r += "\\x";
      r.push_back(kHex[c >> 4]);
      r.push_back(kHex[c & 15]);
    } else {
      r.push_back(char(c));
    }
  }
  r.push_back('\'');
  return PyUnicode_FromStringAndSize(r.data(), Py_ssize_t(r.size()));
}

void PyBytes_Concat(PyObject** pv, PyObject* w) {
  if (!pv || !*pv) return;
  if (!w) {
    Py_CLEAR(*pv);
    return;
  }
  std::string a, b;
  if (!concat_operand(*pv, *pv, w, &a) || !concat_operand(w, *pv, w, &b)) {
    Py_CLEAR(*pv);
    return;
  }
  a += b;
  PyObject* r = pyvm::bytes_from(a.data(), Py_ssize_t(a.size()));
  Py_SETREF(*pv, r);
}

void PyBytes_ConcatAndDel(PyObject** pv, PyObject* w) {
  PyBytes_Concat(pv, w);
  Py_XDECREF(w);
}

int _PyBytes_Resize(PyObject** pv, Py_ssize_t newsize) {
  PyObject* v = pv ? *pv : nullptr;
  if (!v || !PyBytes_Check(v) || newsize < 0) {
    if (pv) Py_CLEAR(*pv);
    bad_internal_call();
    return -1;
  }
  Py_ssize_t old = PyBytes_GET_SIZE(v);
  if (old == newsize) return 0;
  if (old != 0 && (Py_REFCNT(v) != 1 || !PyBytes_CheckExact(v))) {
    Py_CLEAR(*pv);
    bad_internal_call();
    return -1;
  }
  // A new object with the old prefix: nobody else holds v, so replacing it is as good as CPython's realloc.
  PyObject* r = pyvm::bytes_from(nullptr, newsize);
  if (!r) {
    Py_CLEAR(*pv);
    return -1;
  }
  if (newsize) {
    std::memcpy(PyBytes_AS_STRING(r), PyBytes_AS_STRING(v), size_t(old < newsize ? old : newsize));
    PyBytes_AS_STRING(r)[newsize] = '\0';
  }
  Py_DECREF(v);
  *pv = r;
  return 0;
}

PyObject* PyBytes_DecodeEscape(const char* s, Py_ssize_t len, const char* errors, Py_ssize_t, const char*) {
  if (len < 0 || (!s && len)) return bad_internal_call();
  return pyvm::bytes_escape_decode(s ? s : "", len, errors);
}

// ---- bytearray

PyObject* PyByteArray_FromObject(PyObject* o) {
  if (!o) return bad_internal_call();
  return pyvm::call1(reinterpret_cast<Object*>(&pyvm::bytearray_type), o);
}

PyObject* PyByteArray_FromStringAndSize(const char* s, Py_ssize_t len) {
  if (len < 0) return pyvm::set_error(&pyvm::exc_SystemError, "Negative size passed to PyByteArray_FromStringAndSize");
  return pyvm::bytearray_from(s, len);
}

PyObject* PyByteArray_Concat(PyObject* a, PyObject* b) {
  if (!a || !b) return bad_internal_call();
  std::string x, y;
  if (!concat_operand(a, a, b, &x) || !concat_operand(b, a, b, &y)) return nullptr;
  x += y;
  return pyvm::bytearray_from(x.data(), Py_ssize_t(x.size()));
}

Py_ssize_t PyByteArray_Size(PyObject* o) {
  if (!o || !PyByteArray_Check(o)) {
    bad_internal_call();
    return -1;
  }
  return PyByteArray_GET_SIZE(o);
}

char* PyByteArray_AsString(PyObject* o) {
  if (!o || !PyByteArray_Check(o)) return bad_internal_call();
  return PyByteArray_AS_STRING(o);
}

int PyByteArray_Resize(PyObject* o, Py_ssize_t len) {
  if (!o || !PyByteArray_Check(o)) {
    bad_internal_call();
    return -1;
  }
  if (len < 0) {
    pyvm::set_errorf(&pyvm::exc_ValueError, "Can only resize to positive sizes, got {}", len);
    return -1;
  }
  pyvm::sync::CriticalSection cs(o);
  return pyvm::bytearray_resize(o, len);
}

}  // extern "C"
