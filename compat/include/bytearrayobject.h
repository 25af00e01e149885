/* bytearrayobject.h: bytearray objects (PyByteArrayObject: a resizable buffer; ob_start points at the live bytes).
 * The buffer may be reallocated by any thread that resizes the bytearray: a pointer from PyByteArray_AS_STRING is
 * only good while nobody else changes the object's size, as in CPython 3.13t.
 * Written by us to CPython 3.13's documented API. Owner: numbers-strings. */
#ifndef PYVM_CAPI_BYTEARRAYOBJECT_H
#define PYVM_CAPI_BYTEARRAYOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyByteArray_Type;
#define PyByteArray_Check(op) _PyVM_ObjectTypeCheck(_PyObject_CAST(op), &PyByteArray_Type)
#define PyByteArray_CheckExact(op) Py_IS_TYPE((op), &PyByteArray_Type)

PyAPI_FUNC(PyObject *) PyByteArray_FromObject(PyObject *o);
PyAPI_FUNC(PyObject *) PyByteArray_FromStringAndSize(const char *string, Py_ssize_t len);
PyAPI_FUNC(PyObject *) PyByteArray_Concat(PyObject *a, PyObject *b);
PyAPI_FUNC(Py_ssize_t) PyByteArray_Size(PyObject *bytearray);
PyAPI_FUNC(char *) PyByteArray_AsString(PyObject *bytearray);
PyAPI_FUNC(int) PyByteArray_Resize(PyObject *bytearray, Py_ssize_t len);

/* The bytes (never NULL: an empty bytearray gives ""). */
PyAPI_DATA(char) _PyByteArray_empty_string[];
static inline char *PyByteArray_AS_STRING(PyObject *op) {
  PyByteArrayObject *self = (PyByteArrayObject *)op;
  if (Py_SIZE(self)) return self->ob_start;
  return _PyByteArray_empty_string;
}
#define PyByteArray_AS_STRING(self) PyByteArray_AS_STRING(_PyObject_CAST(self))
static inline Py_ssize_t PyByteArray_GET_SIZE(PyObject *op) { return Py_SIZE(op); }
#define PyByteArray_GET_SIZE(self) PyByteArray_GET_SIZE(_PyObject_CAST(self))

#ifdef __cplusplus
}
#endif
#endif
