/* weakrefobject.h: weak references and proxies. PyWeakReference's layout is in pyvm_abi/concrete.h. Owner: types. */
#ifndef PYVM_CAPI_WEAKREFOBJECT_H
#define PYVM_CAPI_WEAKREFOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) _PyWeakref_RefType;
PyAPI_DATA(PyTypeObject) _PyWeakref_ProxyType;
PyAPI_DATA(PyTypeObject) _PyWeakref_CallableProxyType;

#define PyWeakref_CheckRef(op) PyObject_TypeCheck((op), &_PyWeakref_RefType)
#define PyWeakref_CheckRefExact(op) Py_IS_TYPE((op), &_PyWeakref_RefType)
#define PyWeakref_CheckProxy(op) \
  (Py_IS_TYPE((op), &_PyWeakref_ProxyType) || Py_IS_TYPE((op), &_PyWeakref_CallableProxyType))
#define PyWeakref_Check(op) (PyWeakref_CheckRef(op) || PyWeakref_CheckProxy(op))

PyAPI_FUNC(PyObject *) PyWeakref_NewRef(PyObject *ob, PyObject *callback);
PyAPI_FUNC(PyObject *) PyWeakref_NewProxy(PyObject *ob, PyObject *callback);
/* Deprecated in 3.13: a borrowed reference to the referent, or None when it is dead. */
PyAPI_FUNC(PyObject *) PyWeakref_GetObject(PyObject *ref);
/* *pobj = a new reference to the referent (1), or NULL when it is dead (0); -1 with TypeError for a non-weakref. */
PyAPI_FUNC(int) PyWeakref_GetRef(PyObject *ref, PyObject **pobj);
PyAPI_FUNC(void) PyObject_ClearWeakRefs(PyObject *);

/* Deprecated in 3.13; the referent (borrowed) or None. wr_object is None once the referent died. */
static inline PyObject *PyWeakref_GET_OBJECT(PyObject *ref_obj) {
  PyObject *obj = ((PyWeakReference *)ref_obj)->wr_object;
  if (Py_REFCNT(obj) > 0) return obj;
  return Py_None;
}
#define PyWeakref_GET_OBJECT(ref) PyWeakref_GET_OBJECT(_PyObject_CAST(ref))

#ifdef __cplusplus
}
#endif
#endif
