/* boolobject.h: the bool type and its two singletons, True and False (ints with the values 1 and 0).
 * Written by us to CPython 3.13's documented API. Owner: numbers-strings. */
#ifndef PYVM_CAPI_BOOLOBJECT_H
#define PYVM_CAPI_BOOLOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyBool_Type;
#define PyBool_Check(x) Py_IS_TYPE((x), &PyBool_Type)

PyAPI_DATA(PyLongObject) _Py_FalseStruct;
PyAPI_DATA(PyLongObject) _Py_TrueStruct;
#define Py_False _PyObject_CAST(&_Py_FalseStruct)
#define Py_True _PyObject_CAST(&_Py_TrueStruct)

PyAPI_FUNC(int) Py_IsTrue(PyObject *x);
#define Py_IsTrue(x) Py_Is((x), Py_True)
PyAPI_FUNC(int) Py_IsFalse(PyObject *x);
#define Py_IsFalse(x) Py_Is((x), Py_False)

/* True and False are immortal: no reference needs taking. */
#define Py_RETURN_TRUE return Py_True
#define Py_RETURN_FALSE return Py_False

PyAPI_FUNC(PyObject *) PyBool_FromLong(long);

#ifdef __cplusplus
}
#endif
#endif
