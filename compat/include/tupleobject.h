/* tupleobject.h: tuples (the PyTupleObject layout is in pyvm_abi/concrete.h). Owner: containers-abstract. */
#ifndef PYVM_CAPI_TUPLEOBJECT_H
#define PYVM_CAPI_TUPLEOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyTuple_Type;

#define PyTuple_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TUPLE_SUBCLASS)
#define PyTuple_CheckExact(op) Py_IS_TYPE((op), &PyTuple_Type)

PyAPI_FUNC(PyObject *) PyTuple_New(Py_ssize_t size);
PyAPI_FUNC(Py_ssize_t) PyTuple_Size(PyObject *p);
PyAPI_FUNC(PyObject *) PyTuple_GetItem(PyObject *p, Py_ssize_t pos); /* borrowed */
PyAPI_FUNC(int) PyTuple_SetItem(PyObject *p, Py_ssize_t pos, PyObject *o); /* steals o; the tuple must be fresh */
PyAPI_FUNC(PyObject *) PyTuple_GetSlice(PyObject *p, Py_ssize_t low, Py_ssize_t high);
PyAPI_FUNC(PyObject *) PyTuple_Pack(Py_ssize_t n, ...);
PyAPI_FUNC(int) _PyTuple_Resize(PyObject **p, Py_ssize_t newsize);

/* Unchecked layout access, as 3.13's macros. */
#define _PyTuple_CAST(op) (assert(PyTuple_Check(op)), _Py_CAST(PyTupleObject *, (op)))

static inline Py_ssize_t PyTuple_GET_SIZE(PyObject *op) {
  PyTupleObject *tuple = _PyTuple_CAST(op);
  return Py_SIZE(tuple);
}
#define PyTuple_GET_SIZE(op) PyTuple_GET_SIZE(_PyObject_CAST(op))

#define PyTuple_GET_ITEM(op, index) (_PyTuple_CAST(op)->ob_item[(index)])

static inline void PyTuple_SET_ITEM(PyObject *op, Py_ssize_t index, PyObject *value) {
  PyTupleObject *tuple = _PyTuple_CAST(op);
  assert(0 <= index);
  assert(index < Py_SIZE(tuple));
  tuple->ob_item[index] = value;
}
#define PyTuple_SET_ITEM(op, index, value) PyTuple_SET_ITEM(_PyObject_CAST(op), (index), _PyObject_CAST(value))

#ifdef __cplusplus
}
#endif
#endif
