/* Included by the test extensions after Python.h: stand-ins for the few names that other parts of the C-API
 * headers will declare (boolobject.h, objimpl.h), so the tests build on this branch alone; each stands down when the
 * real one exists. */
#ifndef PYVM_TESTEXT_H
#define PYVM_TESTEXT_H
#ifndef Py_True
PyAPI_DATA(PyLongObject) _Py_TrueStruct;
PyAPI_DATA(PyLongObject) _Py_FalseStruct;
#define Py_True ((PyObject *)&_Py_TrueStruct)
#define Py_False ((PyObject *)&_Py_FalseStruct)
#endif
#ifndef Py_VISIT
#define Py_VISIT(op)                                 \
  do {                                               \
    if (op) {                                        \
      int vret_ = visit((PyObject *)(op), arg);      \
      if (vret_) return vret_;                       \
    }                                                \
  } while (0)
#endif
#endif
