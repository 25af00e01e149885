// The str C-API, part 2 (unicodeobject.h): the string operations (concatenation, splitting, searching, comparison,
// formatting). Where CPython's function is a str method, it runs str's own method, not a subclass override.
// Owner: numbers-strings.
#include "Python.h"

#include <cstring>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/types.h"

namespace {

using pyvm::ORef;
using pyvm::Object;

std::nullptr_t bad_internal_call() { return pyvm::set_error(&pyvm::exc_SystemError, "bad argument to internal function"); }
bool is_str(Object* o) { return PyUnicode_Check(o); }

// CPython's ensure_unicode: TypeError "must be str, not X" for anything else.
bool ensure_str(Object* o) {
  if (!o) {
    bad_internal_call();
    return false;
  }
  if (is_str(o)) return true;
  pyvm::set_errorf(&pyvm::exc_TypeError, "must be str, not {:.100}", pyvm::type_name(o));
  return false;
}

// str.<name>(self, *args), looked up on str itself.
Object* str_method(const char* name, Object* self, std::initializer_list<Object*> args) {
  Object* m = pyvm::type_lookup(&pyvm::str_type, pyvm::str_interned(name));
  if (!m) return pyvm::set_errorf(&pyvm::exc_SystemError, "str.{} is missing", name);
  Object* argv[4];
  size_t n = 0;
  argv[n++] = self;
  for (Object* a : args) argv[n++] = a;
  return pyvm::call(m, argv, n, nullptr);
}

// Slice-style clamping of [start, end) to a string of length len (CPython's ADJUST_INDICES).
void adjust_indices(Py_ssize_t* start, Py_ssize_t* end, Py_ssize_t len) {
  if (*end > len) {
    *end = len;
  } else if (*end < 0) {
    *end += len;
    if (*end < 0) *end = 0;
  }
  if (*start < 0) {
    *start += len;
    if (*start < 0) *start = 0;
  }
}

}  // namespace

extern "C" {

PyObject* PyUnicode_Concat(PyObject* left, PyObject* right) {
  if (!left || !right) return bad_internal_call();
  if (!ensure_str(left)) return nullptr;
  if (!is_str(right)) {
    return pyvm::set_errorf(&pyvm::exc_TypeError, "can only concatenate str (not \"{:.200}\") to str",
                            pyvm::type_name(right));
  }
  return pyvm::str_concat(left, right);
}

void PyUnicode_Append(PyObject** pleft, PyObject* right) {
  if (!pleft) {
    if (!pyvm::error_occurred()) bad_internal_call();
    return;
  }
  PyObject* left = *pleft;
  if (!left) return;
  if (!right || !is_str(left) || !is_str(right)) {
    if (!pyvm::error_occurred()) bad_internal_call();
    Py_CLEAR(*pleft);
    return;
  }
  PyObject* r = pyvm::str_concat(left, right);
  Py_DECREF(left);
  *pleft = r;
}

void PyUnicode_AppendAndDel(PyObject** pleft, PyObject* right) {
  PyUnicode_Append(pleft, right);
  Py_XDECREF(right);
}

PyObject* PyUnicode_Split(PyObject* s, PyObject* sep, Py_ssize_t maxsplit) {
  if (!ensure_str(s) || (sep && !ensure_str(sep))) return nullptr;
  ORef n = pyvm::steal(PyLong_FromSsize_t(maxsplit));
  if (!n) return nullptr;
  return str_method("split", s, {sep ? sep : Py_None, n.get()});
}

PyObject* PyUnicode_RSplit(PyObject* s, PyObject* sep, Py_ssize_t maxsplit) {
  if (!ensure_str(s) || (sep && !ensure_str(sep))) return nullptr;
  ORef n = pyvm::steal(PyLong_FromSsize_t(maxsplit));
  if (!n) return nullptr;
  return str_method("rsplit", s, {sep ? sep : Py_None, n.get()});
}

PyObject* PyUnicode_Splitlines(PyObject* s, int keepends) {
  if (!ensure_str(s)) return nullptr;
  return str_method("splitlines", s, {keepends ? Py_True : Py_False});
}

PyObject* PyUnicode_Partition(PyObject* s, PyObject* sep) {
  if (!ensure_str(s) || !ensure_str(sep)) return nullptr;
  return str_method("partition", s, {sep});
}

PyObject* PyUnicode_RPartition(PyObject* s, PyObject* sep) {
  if (!ensure_str(s) || !ensure_str(sep)) return nullptr;
  return str_method("rpartition", s, {sep});
}

PyObject* PyUnicode_Join(PyObject* separator, PyObject* seq) {
  if (!seq) return bad_internal_call();
  ORef sep;
  if (!separator) {
    sep = pyvm::steal(pyvm::str_from_char(' '));
  } else if (!is_str(separator)) {
    return pyvm::set_errorf(&pyvm::exc_TypeError, "separator: expected str instance, {:.80} found",
                            pyvm::type_name(separator));
  } else {
    sep = pyvm::borrow(separator);
  }
  return pyvm::str_join(sep.get(), seq);
}

Py_ssize_t PyUnicode_Tailmatch(PyObject* str, PyObject* substr, Py_ssize_t start, Py_ssize_t end, int direction) {
  if (!ensure_str(str) || !ensure_str(substr)) return -1;
  Py_ssize_t len = PyUnicode_GET_LENGTH(str), sublen = PyUnicode_GET_LENGTH(substr);
  adjust_indices(&start, &end, len);
  end -= sublen;
  if (end < start) return 0;
  if (sublen == 0) return 1;
  Py_ssize_t at = direction > 0 ? end : start;
  pyvm::StrChars a(str), b(substr);
  for (Py_ssize_t i = 0; i < sublen; i++) {
    if (a[at + i] != b[i]) return 0;
  }
  return 1;
}

Py_ssize_t PyUnicode_Find(PyObject* str, PyObject* substr, Py_ssize_t start, Py_ssize_t end, int direction) {
  if (!ensure_str(str) || !ensure_str(substr)) return -2;
  Py_ssize_t len = PyUnicode_GET_LENGTH(str);
  adjust_indices(&start, &end, len);
  if (end - start < PyUnicode_GET_LENGTH(substr)) return -1;
  return pyvm::str_find(str, substr, start, end, direction);
}

Py_ssize_t PyUnicode_FindChar(PyObject* str, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end, int direction) {
  if (!ensure_str(str)) return -2;
  Py_ssize_t len = PyUnicode_GET_LENGTH(str);
  adjust_indices(&start, &end, len);
  if (end - start < 1) return -1;
  int kind = PyUnicode_KIND(str);
  const void* data = PyUnicode_DATA(str);
  if (direction > 0) {
    for (Py_ssize_t i = start; i < end; i++) {
      if (PyUnicode_READ(kind, data, i) == ch) return i;
    }
  } else {
    for (Py_ssize_t i = end - 1; i >= start; i--) {
      if (PyUnicode_READ(kind, data, i) == ch) return i;
    }
  }
  return -1;
}

Py_ssize_t PyUnicode_Count(PyObject* str, PyObject* substr, Py_ssize_t start, Py_ssize_t end) {
  if (!ensure_str(str) || !ensure_str(substr)) return -1;
  Py_ssize_t len = PyUnicode_GET_LENGTH(str);
  adjust_indices(&start, &end, len);
  if (end - start < PyUnicode_GET_LENGTH(substr)) return 0;
  return pyvm::str_count(str, substr, start, end);
}

PyObject* PyUnicode_Replace(PyObject* str, PyObject* substr, PyObject* replstr, Py_ssize_t maxcount) {
  if (!ensure_str(str) || !ensure_str(substr) || !ensure_str(replstr)) return nullptr;
  ORef n = pyvm::steal(PyLong_FromSsize_t(maxcount));
  if (!n) return nullptr;
  return str_method("replace", str, {substr, replstr, n.get()});
}

int PyUnicode_Compare(PyObject* left, PyObject* right) {
  if (left && right && is_str(left) && is_str(right)) return pyvm::str_compare(left, right);
  if (!left || !right) {
    bad_internal_call();
    return -1;
  }
  pyvm::set_errorf(&pyvm::exc_TypeError, "Can't compare {:.100} and {:.100}", pyvm::type_name(left),
                   pyvm::type_name(right));
  return -1;
}

int PyUnicode_CompareWithASCIIString(PyObject* uni, const char* str) {
  Py_ssize_t len = PyUnicode_GET_LENGTH(uni);
  int kind = PyUnicode_KIND(uni);
  const void* data = PyUnicode_DATA(uni);
  Py_ssize_t i = 0;
  for (; i < len && str[i]; i++) {
    Py_UCS4 a = PyUnicode_READ(kind, data, i), b = (unsigned char)str[i];
    if (a != b) return a < b ? -1 : 1;
  }
  if (i < len) return 1;  // uni is longer
  if (str[i]) return -1;  // str is longer
  return 0;
}

int PyUnicode_EqualToUTF8AndSize(PyObject* unicode, const char* str, Py_ssize_t size) {
  if (!unicode || !str || !is_str(unicode) || size < 0) return 0;
  Py_ssize_t n = 0;
  const char* p = pyvm::str_utf8(unicode, &n);
  if (!p) {  // lone surrogates: no UTF-8 text can be equal
    pyvm::error_clear();
    return 0;
  }
  return n == size && std::memcmp(p, str, size_t(size)) == 0;
}

int PyUnicode_EqualToUTF8(PyObject* unicode, const char* str) {
  if (!str) return 0;
  return PyUnicode_EqualToUTF8AndSize(unicode, str, Py_ssize_t(std::strlen(str)));
}

PyObject* PyUnicode_RichCompare(PyObject* left, PyObject* right, int op) {
  if (!left || !right) return bad_internal_call();
  if (!is_str(left) || !is_str(right)) return Py_NotImplemented;
  if (op < Py_LT || op > Py_GE) return bad_internal_call();
  int c = (op == Py_EQ || op == Py_NE) ? (pyvm::str_equal(left, right) ? 0 : 1) : pyvm::str_compare(left, right);
  bool r = false;
  switch (op) {
    case Py_LT: r = c < 0; break;
    case Py_LE: r = c <= 0; break;
    case Py_EQ: r = c == 0; break;
    case Py_NE: r = c != 0; break;
    case Py_GT: r = c > 0; break;
    case Py_GE: r = c >= 0; break;
  }
  return r ? Py_True : Py_False;
}

int PyUnicode_Contains(PyObject* container, PyObject* element) {
  if (!element) {
    bad_internal_call();
    return -1;
  }
  if (!ensure_str(container)) return -1;
  if (!is_str(element)) {
    pyvm::set_errorf(&pyvm::exc_TypeError, "'in <string>' requires string as left operand, not {:.100}",
                     pyvm::type_name(element));
    return -1;
  }
  Py_ssize_t len = PyUnicode_GET_LENGTH(container);
  if (PyUnicode_GET_LENGTH(element) > len) return 0;
  return pyvm::str_find(container, element, 0, len, 1) >= 0;
}

PyObject* PyUnicode_Format(PyObject* format, PyObject* args) {
  if (!format || !args) return bad_internal_call();
  if (!ensure_str(format)) return nullptr;
  return pyvm::str_percent_format(format, args);
}

int PyUnicode_IsIdentifier(PyObject* s) {
  if (!ensure_str(s)) return -1;
  ORef r = pyvm::steal(str_method("isidentifier", s, {}));
  if (!r) return -1;
  return r.get() == Py_True;
}

}  // extern "C"
