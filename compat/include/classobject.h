/* classobject.h: bound method objects (types.MethodType) and instancemethod. Owner: types. */
#ifndef PYVM_CAPI_CLASSOBJECT_H
#define PYVM_CAPI_CLASSOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_HEAD
  PyObject *im_func; /* the callable */
  PyObject *im_self; /* the instance it is bound to */
  PyObject *im_weakreflist;
  vectorcallfunc vectorcall;
} PyMethodObject;

PyAPI_DATA(PyTypeObject) PyMethod_Type;
#define PyMethod_Check(op) Py_IS_TYPE((op), &PyMethod_Type)

PyAPI_FUNC(PyObject *) PyMethod_New(PyObject *func, PyObject *self);
PyAPI_FUNC(PyObject *) PyMethod_Function(PyObject *);
PyAPI_FUNC(PyObject *) PyMethod_Self(PyObject *);

static inline PyObject *PyMethod_GET_FUNCTION(PyObject *meth) { return ((PyMethodObject *)meth)->im_func; }
#define PyMethod_GET_FUNCTION(meth) PyMethod_GET_FUNCTION(_PyObject_CAST(meth))
static inline PyObject *PyMethod_GET_SELF(PyObject *meth) { return ((PyMethodObject *)meth)->im_self; }
#define PyMethod_GET_SELF(meth) PyMethod_GET_SELF(_PyObject_CAST(meth))

/* instancemethod: a descriptor that binds any callable as a method (accessed on an instance it gives a bound
 * method, on the class the callable itself). The layout is CPython's. */
typedef struct {
  PyObject_HEAD
  PyObject *func; /* the callable */
} PyInstanceMethodObject;

PyAPI_DATA(PyTypeObject) PyInstanceMethod_Type;
#define PyInstanceMethod_Check(op) Py_IS_TYPE((op), &PyInstanceMethod_Type)

PyAPI_FUNC(PyObject *) PyInstanceMethod_New(PyObject *);
PyAPI_FUNC(PyObject *) PyInstanceMethod_Function(PyObject *); /* borrowed */

static inline PyObject *PyInstanceMethod_GET_FUNCTION(PyObject *meth) {
  return ((PyInstanceMethodObject *)meth)->func;
}
#define PyInstanceMethod_GET_FUNCTION(meth) PyInstanceMethod_GET_FUNCTION(_PyObject_CAST(meth))

#ifdef __cplusplus
}
#endif
#endif
