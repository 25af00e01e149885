// The reference-counting entry points that 3.13t's inline Py_INCREF/Py_DECREF call, and the function forms.
// Owner: core.
#include "Python.h"

#include "alloc/refcount.h"

extern "C" {

void _Py_DecRefShared(PyObject* o) { pyvm::alloc::decref_shared(o); }
void _Py_MergeZeroLocalRefcount(PyObject* o) { pyvm::alloc::merge_zero_local(o); }
void _Py_Dealloc(PyObject* o) { pyvm::alloc::dealloc(o); }
void Py_IncRef(PyObject* o) { pyvm::alloc::xincref(o); }
void Py_DecRef(PyObject* o) { pyvm::alloc::xdecref(o); }
void _Py_IncRef(PyObject* o) { pyvm::alloc::incref(o); }
void _Py_DecRef(PyObject* o) { pyvm::alloc::decref(o); }
void _Py_SetImmortal(PyObject* o) { pyvm::alloc::make_immortal(o); }
int(Py_Is)(PyObject* x, PyObject* y) { return x == y; }
int(Py_IsNone)(PyObject* x) { return x == Py_None; }

}  // extern "C"
