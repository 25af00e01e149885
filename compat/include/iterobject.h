/* iterobject.h: the iterator over an object's __getitem__ and the iterator over a callable's results. Owner: types. */
#ifndef PYVM_CAPI_ITEROBJECT_H
#define PYVM_CAPI_ITEROBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PySeqIter_Type;
PyAPI_DATA(PyTypeObject) PyCallIter_Type;

#define PySeqIter_Check(op) Py_IS_TYPE((op), &PySeqIter_Type)
#define PyCallIter_Check(op) Py_IS_TYPE((op), &PyCallIter_Type)

PyAPI_FUNC(PyObject *) PySeqIter_New(PyObject *);
/* Calls `callable` with no arguments until it returns a value equal to `sentinel`. */
PyAPI_FUNC(PyObject *) PyCallIter_New(PyObject *callable, PyObject *sentinel);

#ifdef __cplusplus
}
#endif
#endif
