/* floatobject.h: float objects (PyFloatObject, a C double) and the IEEE 754 packing helpers.
 * Written by us to CPython 3.13's documented API. Owner: numbers-strings. */
#ifndef PYVM_CAPI_FLOATOBJECT_H
#define PYVM_CAPI_FLOATOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

/* Whether ob's type is `type` or a subclass of it (the MRO walk of PyType_IsSubtype), for the concrete types whose
 * subclasses have no fast-subclass flag (float, complex, bytearray). */
static inline int _PyVM_ObjectTypeCheck(PyObject *ob, PyTypeObject *type) {
  PyTypeObject *t = Py_TYPE(ob);
  if (t == type) return 1;
  PyObject *mro = t->tp_mro;
  if (mro != NULL) {
    Py_ssize_t n = Py_SIZE(mro);
    for (Py_ssize_t i = 0; i < n; i++) {
      if (((PyTupleObject *)mro)->ob_item[i] == (PyObject *)type) return 1;
    }
    return 0;
  }
  for (; t != NULL; t = t->tp_base) {
    if (t == type) return 1;
  }
  return type == &PyBaseObject_Type;
}

PyAPI_DATA(PyTypeObject) PyFloat_Type;
#define PyFloat_Check(op) _PyVM_ObjectTypeCheck(_PyObject_CAST(op), &PyFloat_Type)
#define PyFloat_CheckExact(op) Py_IS_TYPE((op), &PyFloat_Type)

#define Py_RETURN_NAN return PyFloat_FromDouble(Py_NAN)
#define Py_RETURN_INF(sign)                                                       \
  do {                                                                            \
    if (copysign(1., (sign)) == 1.) return PyFloat_FromDouble(Py_HUGE_VAL);      \
    return PyFloat_FromDouble(-Py_HUGE_VAL);                                      \
  } while (0)

PyAPI_FUNC(double) PyFloat_GetMax(void);
PyAPI_FUNC(double) PyFloat_GetMin(void);
PyAPI_FUNC(PyObject *) PyFloat_GetInfo(void);
PyAPI_FUNC(PyObject *) PyFloat_FromString(PyObject *);
PyAPI_FUNC(PyObject *) PyFloat_FromDouble(double);
PyAPI_FUNC(double) PyFloat_AsDouble(PyObject *);

/* The value of a float (or subclass) without a check. */
static inline double PyFloat_AS_DOUBLE(PyObject *op) { return ((PyFloatObject *)op)->ob_fval; }
#define PyFloat_AS_DOUBLE(op) PyFloat_AS_DOUBLE(_PyObject_CAST(op))

/* IEEE 754 binary16/32/64 in 2/4/8 bytes; le selects little endian. Pack returns 0, or -1 with OverflowError. */
PyAPI_FUNC(int) PyFloat_Pack2(double x, char *p, int le);
PyAPI_FUNC(int) PyFloat_Pack4(double x, char *p, int le);
PyAPI_FUNC(int) PyFloat_Pack8(double x, char *p, int le);
PyAPI_FUNC(double) PyFloat_Unpack2(const char *p, int le);
PyAPI_FUNC(double) PyFloat_Unpack4(const char *p, int le);
PyAPI_FUNC(double) PyFloat_Unpack8(const char *p, int le);

#ifdef __cplusplus
}
#endif
#endif
