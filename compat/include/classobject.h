/* classobject.h: bound method objects (types.MethodType). Owner: types. */
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

#ifdef __cplusplus
}
#endif
#endif
