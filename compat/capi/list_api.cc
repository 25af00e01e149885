// The list C-API (listobject.h): thin wrappers over objects/list.h, which lock the list (critical sections) as
// CPython 3.13t's functions do. Owner: containers-abstract.
#include "Python.h"

#include "compat/capi/abstract_internal.h"
#include "objects/list.h"
#include "objects/types.h"

using namespace pyvm;

extern "C" {

PyObject* PyList_New(Py_ssize_t size) {
  if (size < 0) return PYVM_BAD_INTERNAL_CALL();
  return list_new(size);
}

Py_ssize_t PyList_Size(PyObject* list) {
  if (!PyList_Check(list)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return PyList_GET_SIZE(list);
}

PyObject* PyList_GetItemRef(PyObject* list, Py_ssize_t index) {
  if (!PyList_Check(list)) return set_error(&exc_TypeError, "expected a list");
  return list_get(list, index);  // IndexError "list index out of range"
}

// Borrowed, as in 3.13t: the item is only safe while the list keeps it.
PyObject* PyList_GetItem(PyObject* list, Py_ssize_t index) {
  if (!PyList_Check(list)) return PYVM_BAD_INTERNAL_CALL();
  PyObject* item = list_get(list, index);
  if (item) Py_DECREF(item);
  return item;
}

int PyList_SetItem(PyObject* list, Py_ssize_t index, PyObject* item) {
  if (!PyList_Check(list)) {
    Py_XDECREF(item);
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return list_set_item(list, index, item);
}

int PyList_Insert(PyObject* list, Py_ssize_t index, PyObject* item) {
  if (!PyList_Check(list) || !item) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return list_insert(list, index, item);
}

int PyList_Append(PyObject* list, PyObject* item) {
  if (!list || !PyList_Check(list) || !item) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return list_append(list, item);
}

PyObject* PyList_GetSlice(PyObject* list, Py_ssize_t low, Py_ssize_t high) {
  if (!PyList_Check(list)) return PYVM_BAD_INTERNAL_CALL();
  return list_get_slice(list, low, high);
}

int PyList_SetSlice(PyObject* list, Py_ssize_t low, Py_ssize_t high, PyObject* itemlist) {
  if (!PyList_Check(list)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return list_set_slice(list, low, high, itemlist);
}

int PyList_Sort(PyObject* list) {
  if (!list || !PyList_Check(list)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return list_sort(list, nullptr, false);
}

int PyList_Reverse(PyObject* list) {
  if (!list || !PyList_Check(list)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return list_reverse(list);
}

PyObject* PyList_AsTuple(PyObject* list) {
  if (!list || !PyList_Check(list)) return PYVM_BAD_INTERNAL_CALL();
  return list_as_tuple(list);
}

int PyList_Extend(PyObject* list, PyObject* iterable) {
  if (!PyList_Check(list)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return list_extend(list, iterable);
}

int PyList_Clear(PyObject* list) {
  if (!PyList_Check(list)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return list_clear(list);
}

}  // extern "C"
