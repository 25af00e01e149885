// The tuple C-API (tupleobject.h): thin wrappers over objects/tuple.h. Owner: containers-abstract.
#include "Python.h"

#include <cstdarg>

#include "compat/capi/abstract_internal.h"
#include "objects/tuple.h"
#include "objects/types.h"

using namespace pyvm;

extern "C" {

PyObject* PyTuple_New(Py_ssize_t size) {
  if (size < 0) return PYVM_BAD_INTERNAL_CALL();
  if (size == 0) return tuple_empty();
  return tuple_new(size);
}

Py_ssize_t PyTuple_Size(PyObject* p) {
  if (!PyTuple_Check(p)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return tuple_size(p);
}

PyObject* PyTuple_GetItem(PyObject* p, Py_ssize_t pos) {
  if (!PyTuple_Check(p)) return PYVM_BAD_INTERNAL_CALL();
  if (pos < 0 || pos >= tuple_size(p)) return set_error(&exc_IndexError, "tuple index out of range");
  return tuple_get(p, pos);
}

int PyTuple_SetItem(PyObject* p, Py_ssize_t pos, PyObject* o) {
  // As CPython: only a tuple nobody else holds yet may be filled in.
  if (!PyTuple_Check(p) || Py_REFCNT(p) != 1) {
    Py_XDECREF(o);
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  if (pos < 0 || pos >= tuple_size(p)) {
    Py_XDECREF(o);
    set_error(&exc_IndexError, "tuple assignment index out of range");
    return -1;
  }
  PyObject* old = tuple_get(p, pos);
  tuple_set(p, pos, o);
  Py_XDECREF(old);
  return 0;
}

PyObject* PyTuple_GetSlice(PyObject* p, Py_ssize_t low, Py_ssize_t high) {
  if (!p || !PyTuple_Check(p)) return PYVM_BAD_INTERNAL_CALL();
  return tuple_get_slice(p, low, high);
}

PyObject* PyTuple_Pack(Py_ssize_t n, ...) {
  if (n < 0) return PYVM_BAD_INTERNAL_CALL();
  if (n == 0) return tuple_empty();
  PyObject* t = tuple_new(n);
  if (!t) return nullptr;
  va_list ap;
  va_start(ap, n);
  for (Py_ssize_t i = 0; i < n; i++) tuple_set(t, i, Py_NewRef(va_arg(ap, PyObject*)));
  va_end(ap);
  return t;
}

int _PyTuple_Resize(PyObject** p, Py_ssize_t newsize) { return tuple_resize(p, newsize); }

}  // extern "C"
