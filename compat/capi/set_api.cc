// The set C-API (setobject.h): thin wrappers over objects/set.h, whose functions lock the set. Owner:
// containers-abstract.
#include "Python.h"

#include "compat/capi/abstract_internal.h"
#include "objects/set.h"
#include "objects/types.h"

using namespace pyvm;

extern "C" {

PyObject* PySet_New(PyObject* iterable) { return set_new(iterable); }

PyObject* PyFrozenSet_New(PyObject* iterable) { return frozenset_new(iterable); }

Py_ssize_t PySet_Size(PyObject* anyset) {
  if (!anyset_check(anyset)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return set_size(anyset);
}

int PySet_Contains(PyObject* anyset, PyObject* key) {
  if (!anyset_check(anyset)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return set_contains(anyset, key);
}

int PySet_Add(PyObject* set, PyObject* key) {
  // As CPython: a frozenset may be filled in only while its creator holds the only reference.
  if (!set_check(set) && (!PyFrozenSet_Check(set) || Py_REFCNT(set) != 1)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return set_add(set, key);
}

int PySet_Discard(PyObject* set, PyObject* key) {
  if (!set_check(set)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return set_discard(set, key);
}

PyObject* PySet_Pop(PyObject* set) {
  if (!set_check(set)) return PYVM_BAD_INTERNAL_CALL();
  return set_pop(set);
}

int PySet_Clear(PyObject* set) {
  if (!set_check(set)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return set_clear(set);
}

}  // extern "C"
