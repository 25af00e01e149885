// The str C-API, part 1 (unicodeobject.h): construction, conversion to C buffers, characters and interning.
// Owner: numbers-strings.
#include "Python.h"

#include <cstring>
#include <cwchar>

#include "alloc/heap.h"
#include "objects/abstract.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/types.h"

namespace {

using pyvm::ORef;
using pyvm::Object;

std::nullptr_t bad_internal_call() { return pyvm::set_error(&pyvm::exc_SystemError, "bad argument to internal function"); }
std::nullptr_t bad_argument() { return pyvm::set_error(&pyvm::exc_TypeError, "bad argument type for built-in operation"); }
bool is_str(Object* o) { return PyUnicode_Check(o); }

// A string the caller may still write to: only it holds a reference, and it has not been hashed or interned.
bool modifiable(Object* s) {
  return Py_REFCNT(s) == 1 && _PyASCIIObject_CAST(s)->hash == -1 && !pyvm::str_is_interned(s) &&
         PyUnicode_CheckExact(s);
}

}  // namespace

extern "C" {

PyObject* PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar) {
  if (size < 0) return pyvm::set_error(&pyvm::exc_SystemError, "Negative size passed to PyUnicode_New");
  if (maxchar > 0x10ffff) {
    return pyvm::set_error(&pyvm::exc_SystemError, "invalid maximum character passed to PyUnicode_New");
  }
  if (size == 0) return pyvm::newref(pyvm::str_empty());
  Object* s = pyvm::str_new(size, maxchar);
  if (!s) return nullptr;
  PyUnicode_WRITE(PyUnicode_KIND(s), PyUnicode_DATA(s), size, 0);  // the terminator, as CPython writes it
  return s;
}

PyObject* PyUnicode_FromStringAndSize(const char* u, Py_ssize_t size) {
  if (size < 0) {
    return pyvm::set_error(&pyvm::exc_SystemError, "Negative size passed to PyUnicode_FromStringAndSize");
  }
  if (!u && size != 0) {
    return pyvm::set_error(&pyvm::exc_SystemError,
                           "NULL string with positive size with NULL passed to PyUnicode_FromStringAndSize");
  }
  if (size == 0) return pyvm::newref(pyvm::str_empty());
  return pyvm::str_from_utf8(u, size);
}

PyObject* PyUnicode_FromString(const char* u) {
  if (!u) return bad_internal_call();
  return PyUnicode_FromStringAndSize(u, Py_ssize_t(std::strlen(u)));
}

PyObject* PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size) {
  if (size < 0) return pyvm::set_error(&pyvm::exc_ValueError, "size must be positive");
  if (kind != PyUnicode_1BYTE_KIND && kind != PyUnicode_2BYTE_KIND && kind != PyUnicode_4BYTE_KIND) {
    return pyvm::set_error(&pyvm::exc_SystemError, "invalid kind");
  }
  if (size == 0) return pyvm::newref(pyvm::str_empty());
  if (!buffer) return bad_internal_call();
  if (kind == PyUnicode_4BYTE_KIND) {
    const Py_UCS4* p = static_cast<const Py_UCS4*>(buffer);
    for (Py_ssize_t i = 0; i < size; i++) {
      if (p[i] > 0x10ffff) return pyvm::set_errorf(&pyvm::exc_ValueError, "character U+{:x} is not in range [U+0000; U+10ffff]", p[i]);
    }
  }
  return pyvm::str_from_kind(kind, buffer, size);
}

PyObject* PyUnicode_FromOrdinal(int ordinal) {
  if (ordinal < 0 || ordinal > 0x10ffff) {
    return pyvm::set_error(&pyvm::exc_ValueError, "chr() arg not in range(0x110000)");
  }
  return pyvm::str_from_char(uint32_t(ordinal));
}

PyObject* PyUnicode_FromObject(PyObject* obj) {
  if (!obj) return bad_internal_call();
  if (PyUnicode_CheckExact(obj)) return pyvm::newref(obj);
  if (is_str(obj)) return pyvm::str_from_kind(PyUnicode_KIND(obj), PyUnicode_DATA(obj), PyUnicode_GET_LENGTH(obj));
  return pyvm::set_errorf(&pyvm::exc_TypeError, "Can't convert '{:.100}' object to str implicitly",
                          pyvm::type_name(obj));
}

PyObject* PyUnicode_FromEncodedObject(PyObject* obj, const char* encoding, const char* errors) {
  if (!obj) return bad_internal_call();
  if (PyBytes_Check(obj)) {
    if (PyBytes_GET_SIZE(obj) == 0) return pyvm::newref(pyvm::str_empty());
    return pyvm::str_decode(PyBytes_AS_STRING(obj), PyBytes_GET_SIZE(obj), encoding, errors);
  }
  if (is_str(obj)) return pyvm::set_error(&pyvm::exc_TypeError, "decoding str is not supported");
  std::string data;
  if (!pyvm::bytes_like_copy(obj, &data)) {
    pyvm::error_clear();
    return pyvm::set_errorf(&pyvm::exc_TypeError, "decoding to str: need a bytes-like object, {:.80} found",
                            pyvm::type_name(obj));
  }
  if (data.empty()) return pyvm::newref(pyvm::str_empty());
  return pyvm::str_decode(data.data(), Py_ssize_t(data.size()), encoding, errors);
}

PyObject* PyUnicode_FromWideChar(const wchar_t* w, Py_ssize_t size) {
  if (!w && size != 0) return bad_internal_call();
  if (size == -1) size = Py_ssize_t(std::wcslen(w));
  if (size < 0) return bad_internal_call();
  if (size == 0) return pyvm::newref(pyvm::str_empty());
  static_assert(sizeof(wchar_t) == 4, "wchar_t is UCS-4");
  for (Py_ssize_t i = 0; i < size; i++) {
    if (uint32_t(w[i]) > 0x10ffff) {
      return pyvm::set_errorf(&pyvm::exc_ValueError, "character U+{:x} is not in range [U+0000; U+10ffff]",
                              uint32_t(w[i]));
    }
  }
  return pyvm::str_from_ucs4(reinterpret_cast<const uint32_t*>(w), size);
}

PyObject* PyUnicode_Substring(PyObject* str, Py_ssize_t start, Py_ssize_t end) {
  if (!str || !is_str(str)) return bad_argument();
  if (start < 0 || end < 0) return pyvm::set_error(&pyvm::exc_IndexError, "string index out of range");
  Py_ssize_t len = PyUnicode_GET_LENGTH(str);
  if (end > len) end = len;
  if (start >= end) return pyvm::newref(pyvm::str_empty());
  if (start == 0 && end == len && PyUnicode_CheckExact(str)) return pyvm::newref(str);
  return pyvm::str_from_kind(PyUnicode_KIND(str),
                             static_cast<char*>(PyUnicode_DATA(str)) + start * PyUnicode_KIND(str), end - start);
}

Py_ssize_t PyUnicode_AsWideChar(PyObject* unicode, wchar_t* w, Py_ssize_t size) {
  if (!unicode) {
    bad_internal_call();
    return -1;
  }
  if (!is_str(unicode)) {
    bad_argument();
    return -1;
  }
  Py_ssize_t len = PyUnicode_GET_LENGTH(unicode);
  if (!w) return len + 1;  // the size needed, terminator included
  Py_ssize_t n = size > len ? len + 1 : size;  // the terminator is copied only when it fits
  int kind = PyUnicode_KIND(unicode);
  const void* data = PyUnicode_DATA(unicode);
  for (Py_ssize_t i = 0; i < n; i++) w[i] = wchar_t(i < len ? PyUnicode_READ(kind, data, i) : 0);
  return size > len ? len : size;
}

wchar_t* PyUnicode_AsWideCharString(PyObject* unicode, Py_ssize_t* size) {
  if (!unicode) return bad_internal_call();
  if (!is_str(unicode)) return bad_argument();
  Py_ssize_t len = PyUnicode_GET_LENGTH(unicode);
  int kind = PyUnicode_KIND(unicode);
  const void* data = PyUnicode_DATA(unicode);
  if (!size) {
    for (Py_ssize_t i = 0; i < len; i++) {
      if (PyUnicode_READ(kind, data, i) == 0) return pyvm::set_error(&pyvm::exc_ValueError, "embedded null character");
    }
  }
  // PyMem_Malloc's allocator, so that PyMem_Free releases it.
  wchar_t* w = static_cast<wchar_t*>(pyvm::alloc::raw_alloc(size_t(len + 1) * sizeof(wchar_t)));
  if (!w) return pyvm::no_memory();
  for (Py_ssize_t i = 0; i < len; i++) w[i] = wchar_t(PyUnicode_READ(kind, data, i));
  w[len] = 0;
  if (size) *size = len;
  return w;
}

const char* PyUnicode_AsUTF8AndSize(PyObject* unicode, Py_ssize_t* size) {
  if (!unicode || !is_str(unicode)) {
    bad_argument();
    if (size) *size = -1;
    return nullptr;
  }
  // The runtime caches the UTF-8 form in the object (published with a compare-and-swap; it lives as long as the
  // string); lone surrogates raise UnicodeEncodeError.
  ssize_t n = 0;
  const char* p = pyvm::str_utf8(unicode, &n);
  if (size) *size = p ? n : -1;
  return p;
}

const char* PyUnicode_AsUTF8(PyObject* unicode) { return PyUnicode_AsUTF8AndSize(unicode, nullptr); }

Py_UCS4* PyUnicode_AsUCS4(PyObject* unicode, Py_UCS4* buffer, Py_ssize_t buflen, int copy_null) {
  if (!unicode || !buffer || buflen < 0) return bad_internal_call();
  if (!is_str(unicode)) return bad_argument();
  Py_ssize_t len = PyUnicode_GET_LENGTH(unicode);
  if (buflen < len || (copy_null && buflen < len + 1)) {
    pyvm::set_error(&pyvm::exc_SystemError, "string is longer than the buffer");
    if (copy_null && buflen > 0) buffer[0] = 0;
    return nullptr;
  }
  int kind = PyUnicode_KIND(unicode);
  const void* data = PyUnicode_DATA(unicode);
  for (Py_ssize_t i = 0; i < len; i++) buffer[i] = PyUnicode_READ(kind, data, i);
  if (copy_null) buffer[len] = 0;
  return buffer;
}

Py_UCS4* PyUnicode_AsUCS4Copy(PyObject* unicode) {
  if (!unicode) return bad_internal_call();
  if (!is_str(unicode)) return bad_argument();
  Py_ssize_t len = PyUnicode_GET_LENGTH(unicode);
  Py_UCS4* buf = static_cast<Py_UCS4*>(pyvm::alloc::raw_alloc(size_t(len + 1) * sizeof(Py_UCS4)));
  if (!buf) return pyvm::no_memory();
  return PyUnicode_AsUCS4(unicode, buf, len + 1, 1);
}

Py_ssize_t PyUnicode_GetLength(PyObject* unicode) {
  if (!unicode || !is_str(unicode)) {
    bad_argument();
    return -1;
  }
  return PyUnicode_GET_LENGTH(unicode);
}

Py_UCS4 PyUnicode_ReadChar(PyObject* unicode, Py_ssize_t index) {
  if (!unicode || !is_str(unicode)) {
    bad_argument();
    return Py_UCS4(-1);
  }
  if (index < 0 || index >= PyUnicode_GET_LENGTH(unicode)) {
    pyvm::set_error(&pyvm::exc_IndexError, "string index out of range");
    return Py_UCS4(-1);
  }
  return PyUnicode_READ_CHAR(unicode, index);
}

int PyUnicode_WriteChar(PyObject* unicode, Py_ssize_t index, Py_UCS4 ch) {
  if (!unicode || !is_str(unicode) || !PyUnicode_IS_COMPACT(unicode)) {
    bad_argument();
    return -1;
  }
  if (index < 0 || index >= PyUnicode_GET_LENGTH(unicode)) {
    pyvm::set_error(&pyvm::exc_IndexError, "string index out of range");
    return -1;
  }
  if (!modifiable(unicode)) {
    pyvm::set_error(&pyvm::exc_SystemError, "Cannot modify a string currently used");
    return -1;
  }
  if (ch > PyUnicode_MAX_CHAR_VALUE(unicode)) {
    pyvm::set_error(&pyvm::exc_ValueError, "character out of range");
    return -1;
  }
  PyUnicode_WRITE(PyUnicode_KIND(unicode), PyUnicode_DATA(unicode), index, ch);
  return 0;
}

void PyUnicode_InternInPlace(PyObject** p) {
  if (!p || !*p) return;
  PyObject* s = *p;
  if (!PyUnicode_CheckExact(s) || pyvm::str_is_interned(s)) return;
  // str_intern steals the reference and returns the unique immortal instance (possibly s itself).
  Object* r = pyvm::str_intern(s);
  if (r) *p = r;
}

PyObject* PyUnicode_InternFromString(const char* u) {
  PyObject* s = PyUnicode_FromString(u);
  if (s) PyUnicode_InternInPlace(&s);
  return s;
}

}  // extern "C"
