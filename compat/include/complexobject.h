/* complexobject.h: complex objects (PyComplexObject, a Py_complex pair of doubles).
 * Written by us to CPython 3.13's documented API. Owner: numbers-strings. */
#ifndef PYVM_CAPI_COMPLEXOBJECT_H
#define PYVM_CAPI_COMPLEXOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyComplex_Type;
#define PyComplex_Check(op) _PyVM_ObjectTypeCheck(_PyObject_CAST(op), &PyComplex_Type)
#define PyComplex_CheckExact(op) Py_IS_TYPE((op), &PyComplex_Type)

PyAPI_FUNC(PyObject *) PyComplex_FromDoubles(double real, double imag);
PyAPI_FUNC(PyObject *) PyComplex_FromCComplex(Py_complex);
PyAPI_FUNC(double) PyComplex_RealAsDouble(PyObject *op);
PyAPI_FUNC(double) PyComplex_ImagAsDouble(PyObject *op);
PyAPI_FUNC(Py_complex) PyComplex_AsCComplex(PyObject *op);

#ifdef __cplusplus
}
#endif
#endif
