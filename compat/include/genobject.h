/* genobject.h: generator, coroutine and async generator type checks. (Creating generators from C frames,
 * PyGen_New and friends, is not supported.) Owner: containers-abstract. */
#ifndef PYVM_CAPI_GENOBJECT_H
#define PYVM_CAPI_GENOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyGen_Type;
PyAPI_DATA(PyTypeObject) PyCoro_Type;
PyAPI_DATA(PyTypeObject) PyAsyncGen_Type;

/* PyType_IsSubtype belongs to typeobject_api.h; declared here too so that these macros stand alone. */
PyAPI_FUNC(int) PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b);

#define PyGen_Check(op) (Py_IS_TYPE((op), &PyGen_Type) || PyType_IsSubtype(Py_TYPE(op), &PyGen_Type))
#define PyGen_CheckExact(op) Py_IS_TYPE((op), &PyGen_Type)
#define PyCoro_CheckExact(op) Py_IS_TYPE((op), &PyCoro_Type)
#define PyAsyncGen_CheckExact(op) Py_IS_TYPE((op), &PyAsyncGen_Type)

#ifdef __cplusplus
}
#endif
#endif
