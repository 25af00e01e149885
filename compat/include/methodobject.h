/* methodobject.h: built-in functions and methods (CPython 3.13's documented API, written by us). Owner: capi-b.
 * The PyCFunction* typedefs are in pyvm_abi/base.h, PyMethodDef and the METH_* flags in pyvm_abi/typeobject.h.
 * The object layouts below are the runtime's own (objects/descr.h), compatible with CPython's. */
#ifndef PYVM_CAPI_METHODOBJECT_H
#define PYVM_CAPI_METHODOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyCFunction_Type;
#define PyCFunction_CheckExact(op) Py_IS_TYPE((op), &PyCFunction_Type)
#define PyCFunction_Check(op) PyObject_TypeCheck((op), &PyCFunction_Type)
/* Functions with a defining class (METH_METHOD) are of PyCMethod_Type ("builtin_method"), a subclass of
 * PyCFunction_Type: PyCFunction_Check is true for them, PyCFunction_CheckExact is not. */
PyAPI_DATA(PyTypeObject) PyCMethod_Type;
#define PyCMethod_CheckExact(op) Py_IS_TYPE((op), &PyCMethod_Type)
#define PyCMethod_Check(op) PyObject_TypeCheck((op), &PyCMethod_Type)

typedef PyCFunctionFast _PyCFunctionFast;
typedef PyCFunctionWithKeywords _PyCFunctionWithKeywords;
typedef PyCFunctionFastWithKeywords _PyCFunctionFastWithKeywords;

/* Casts any function pointer to PyCFunction without a -Wcast-function-type warning. */
#define _PyCFunction_CAST(func) _Py_CAST(PyCFunction, _Py_CAST(void (*)(void), (func)))

PyAPI_FUNC(PyCFunction) PyCFunction_GetFunction(PyObject *);
PyAPI_FUNC(PyObject *) PyCFunction_GetSelf(PyObject *);
PyAPI_FUNC(int) PyCFunction_GetFlags(PyObject *);
PyAPI_FUNC(PyObject *) PyCFunction_Call(PyObject *callable, PyObject *args, PyObject *kwargs);

PyAPI_FUNC(PyObject *) PyCFunction_New(PyMethodDef *, PyObject *);
PyAPI_FUNC(PyObject *) PyCFunction_NewEx(PyMethodDef *, PyObject *, PyObject *);
PyAPI_FUNC(PyObject *) PyCMethod_New(PyMethodDef *, PyObject *, PyObject *, PyTypeObject *);
#define PyCFunction_New(ML, SELF) PyCFunction_NewEx((ML), (SELF), NULL)
#define PyCFunction_NewEx(ML, SELF, MOD) PyCMethod_New((ML), (SELF), (MOD), NULL)

/* The instance layouts (CPython's cpython/methodobject.h). */
typedef struct {
  PyObject_HEAD
  PyMethodDef *m_ml;
  PyObject *m_self;
  PyObject *m_module;
  PyObject *m_weakreflist;
  vectorcallfunc vectorcall;
} PyCFunctionObject;

typedef struct {
  PyCFunctionObject func;
  PyTypeObject *mm_class;
} PyCMethodObject;

#define _PyCFunctionObject_CAST(func) ((PyCFunctionObject *)(func))
#define _PyCMethodObject_CAST(func) ((PyCMethodObject *)(func))

static inline PyCFunction PyCFunction_GET_FUNCTION(PyObject *func) {
  return _PyCFunctionObject_CAST(func)->m_ml->ml_meth;
}
#define PyCFunction_GET_FUNCTION(func) PyCFunction_GET_FUNCTION(_PyObject_CAST(func))

static inline PyObject *PyCFunction_GET_SELF(PyObject *func_obj) {
  PyCFunctionObject *func = _PyCFunctionObject_CAST(func_obj);
  if (func->m_ml->ml_flags & METH_STATIC) return _Py_NULL;
  return func->m_self;
}
#define PyCFunction_GET_SELF(func) PyCFunction_GET_SELF(_PyObject_CAST(func))

static inline int PyCFunction_GET_FLAGS(PyObject *func) { return _PyCFunctionObject_CAST(func)->m_ml->ml_flags; }
#define PyCFunction_GET_FLAGS(func) PyCFunction_GET_FLAGS(_PyObject_CAST(func))

static inline PyTypeObject *PyCFunction_GET_CLASS(PyObject *func_obj) {
  PyCFunctionObject *func = _PyCFunctionObject_CAST(func_obj);
  if (func->m_ml->ml_flags & METH_METHOD) return _PyCMethodObject_CAST(func)->mm_class;
  return _Py_NULL;
}
#define PyCFunction_GET_CLASS(func) PyCFunction_GET_CLASS(_PyObject_CAST(func))

#ifdef __cplusplus
}
#endif
#endif
