/* typeobject_api.h: types defined in C (PyType_Ready on a static PyTypeObject), heap types made from a
 * PyType_Spec, and the type queries (PyType_IsSubtype, PyType_GetName ...). Owner: types. */
#ifndef PYVM_CAPI_TYPEOBJECT_API_H
#define PYVM_CAPI_TYPEOBJECT_API_H

#ifdef __cplusplus
extern "C" {
#endif

struct PyModuleDef;

/* Readying a static type: fills in ob_type, tp_base (object), the inherited slots, tp_alloc/tp_free, tp_dict with
 * the methods, members, getsets and the slot wrappers (__add__, __repr__ ...). 0, or -1 with an exception. */
PyAPI_FUNC(int) PyType_Ready(PyTypeObject *);

PyAPI_FUNC(int) PyType_IsSubtype(PyTypeObject *, PyTypeObject *);
static inline int PyObject_TypeCheck(PyObject *ob, PyTypeObject *type) {
  return Py_IS_TYPE(ob, type) || PyType_IsSubtype(Py_TYPE(ob), type);
}
#define PyObject_TypeCheck(ob, type) PyObject_TypeCheck(_PyObject_CAST(ob), (type))

PyAPI_FUNC(PyObject *) PyType_GenericAlloc(PyTypeObject *, Py_ssize_t);
PyAPI_FUNC(PyObject *) PyType_GenericNew(PyTypeObject *, PyObject *, PyObject *);
PyAPI_FUNC(unsigned long) PyType_GetFlags(PyTypeObject *);
PyAPI_FUNC(void) PyType_Modified(PyTypeObject *);
PyAPI_FUNC(unsigned int) PyType_ClearCache(void);

/* Names: new references to str objects. */
PyAPI_FUNC(PyObject *) PyType_GetName(PyTypeObject *);
PyAPI_FUNC(PyObject *) PyType_GetQualName(PyTypeObject *);
PyAPI_FUNC(PyObject *) PyType_GetFullyQualifiedName(PyTypeObject *type);
PyAPI_FUNC(PyObject *) PyType_GetModuleName(PyTypeObject *type);
PyAPI_FUNC(const char *) _PyType_Name(PyTypeObject *);

/* The type's dict (a new reference); _PyType_Lookup finds a name along the MRO (borrowed, no exception). */
PyAPI_FUNC(PyObject *) PyType_GetDict(PyTypeObject *);
PyAPI_FUNC(PyObject *) _PyType_Lookup(PyTypeObject *, PyObject *);
PyAPI_FUNC(PyObject *) _PyType_LookupRef(PyTypeObject *, PyObject *);

/* A slot by its typeslots.h id; NULL when unset (SystemError for a bad id). */
PyAPI_FUNC(void *) PyType_GetSlot(PyTypeObject *, int);

/* Heap types from specs. */
PyAPI_FUNC(PyObject *) PyType_FromSpec(PyType_Spec *);
PyAPI_FUNC(PyObject *) PyType_FromSpecWithBases(PyType_Spec *, PyObject *);
PyAPI_FUNC(PyObject *) PyType_FromModuleAndSpec(PyObject *, PyType_Spec *, PyObject *);
PyAPI_FUNC(PyObject *) PyType_FromMetaclass(PyTypeObject *, PyObject *, PyType_Spec *, PyObject *);
PyAPI_FUNC(PyObject *) PyType_GetModule(PyTypeObject *);
PyAPI_FUNC(void *) PyType_GetModuleState(PyTypeObject *);
PyAPI_FUNC(PyObject *) PyType_GetModuleByDef(PyTypeObject *, struct PyModuleDef *);

/* Types whose spec gave a negative basicsize (extend the base's layout by -basicsize opaque bytes). */
PyAPI_FUNC(void *) PyObject_GetTypeData(PyObject *obj, PyTypeObject *cls);
PyAPI_FUNC(Py_ssize_t) PyType_GetTypeDataSize(PyTypeObject *cls);

#ifdef __cplusplus
}
#endif
#endif
