/* dictobject.h: dicts and their views. The functions take the dict's per-object lock (3.13t's critical sections)
 * inside the runtime. PyDict_GetItem, PyDict_GetItemString, PyDict_GetItemWithError and PyDict_SetDefault return
 * borrowed references, as in 3.13t: they are only safe while nothing else can replace or delete the entry; prefer
 * the *Ref variants on dicts other threads may mutate. PyDict_Next is not thread-safe on a dict that another thread
 * may mutate, in 3.13t as here: wrap the loop in Py_BEGIN_CRITICAL_SECTION(dict) ... Py_END_CRITICAL_SECTION().
 * Owner: containers-abstract. */
#ifndef PYVM_CAPI_DICTOBJECT_H
#define PYVM_CAPI_DICTOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyDict_Type;
PyAPI_DATA(PyTypeObject) PyDictKeys_Type;
PyAPI_DATA(PyTypeObject) PyDictValues_Type;
PyAPI_DATA(PyTypeObject) PyDictItems_Type;

#define PyDict_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_DICT_SUBCLASS)
#define PyDict_CheckExact(op) Py_IS_TYPE((op), &PyDict_Type)
/* PyType_IsSubtype belongs to typeobject_api.h; declared here too so that these macros stand alone. */
PyAPI_FUNC(int) PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b);
#define PyDictKeys_Check(op) (Py_IS_TYPE((op), &PyDictKeys_Type) || PyType_IsSubtype(Py_TYPE(op), &PyDictKeys_Type))
#define PyDictValues_Check(op) \
  (Py_IS_TYPE((op), &PyDictValues_Type) || PyType_IsSubtype(Py_TYPE(op), &PyDictValues_Type))
#define PyDictItems_Check(op) (Py_IS_TYPE((op), &PyDictItems_Type) || PyType_IsSubtype(Py_TYPE(op), &PyDictItems_Type))
#define PyDictViewSet_Check(op) (PyDictKeys_Check(op) || PyDictItems_Check(op))

PyAPI_FUNC(PyObject *) PyDict_New(void);
PyAPI_FUNC(PyObject *) PyDict_GetItem(PyObject *mp, PyObject *key);          /* borrowed; errors swallowed */
PyAPI_FUNC(PyObject *) PyDict_GetItemWithError(PyObject *mp, PyObject *key); /* borrowed */
PyAPI_FUNC(PyObject *) PyDict_GetItemString(PyObject *dp, const char *key);  /* borrowed; errors swallowed */
PyAPI_FUNC(int) PyDict_GetItemRef(PyObject *mp, PyObject *key, PyObject **result);
PyAPI_FUNC(int) PyDict_GetItemStringRef(PyObject *mp, const char *key, PyObject **result);
PyAPI_FUNC(int) PyDict_SetItem(PyObject *mp, PyObject *key, PyObject *item);
PyAPI_FUNC(int) PyDict_SetItemString(PyObject *dp, const char *key, PyObject *item);
PyAPI_FUNC(int) PyDict_DelItem(PyObject *mp, PyObject *key);
PyAPI_FUNC(int) PyDict_DelItemString(PyObject *dp, const char *key);
PyAPI_FUNC(int) PyDict_Contains(PyObject *mp, PyObject *key);
PyAPI_FUNC(int) PyDict_ContainsString(PyObject *mp, const char *key);
PyAPI_FUNC(void) PyDict_Clear(PyObject *mp);
PyAPI_FUNC(int) PyDict_Next(PyObject *mp, Py_ssize_t *pos, PyObject **key, PyObject **value); /* borrowed */
PyAPI_FUNC(PyObject *) PyDict_Keys(PyObject *mp);
PyAPI_FUNC(PyObject *) PyDict_Values(PyObject *mp);
PyAPI_FUNC(PyObject *) PyDict_Items(PyObject *mp);
PyAPI_FUNC(Py_ssize_t) PyDict_Size(PyObject *mp);
PyAPI_FUNC(PyObject *) PyDict_Copy(PyObject *mp);
PyAPI_FUNC(int) PyDict_Update(PyObject *mp, PyObject *other);
PyAPI_FUNC(int) PyDict_Merge(PyObject *mp, PyObject *other, int override);
PyAPI_FUNC(int) PyDict_MergeFromSeq2(PyObject *d, PyObject *seq2, int override);
PyAPI_FUNC(PyObject *) PyDict_SetDefault(PyObject *mp, PyObject *key, PyObject *defaultobj); /* borrowed */
PyAPI_FUNC(int) PyDict_SetDefaultRef(PyObject *mp, PyObject *key, PyObject *default_value, PyObject **result);
PyAPI_FUNC(int) PyDict_Pop(PyObject *dict, PyObject *key, PyObject **result);
PyAPI_FUNC(int) PyDict_PopString(PyObject *dict, const char *key, PyObject **result);

/* CPython 3.13's semi-private dict functions that extensions (Cython's output among them) call. */
PyAPI_FUNC(PyObject *) _PyDict_NewPresized(Py_ssize_t minused);
PyAPI_FUNC(PyObject *) _PyDict_GetItem_KnownHash(PyObject *mp, PyObject *key, Py_hash_t hash); /* borrowed */
PyAPI_FUNC(PyObject *) _PyDict_GetItemStringWithError(PyObject *mp, const char *key);         /* borrowed */
PyAPI_FUNC(int) _PyDict_SetItem_KnownHash(PyObject *mp, PyObject *key, PyObject *item, Py_hash_t hash);

static inline Py_ssize_t PyDict_GET_SIZE(PyObject *op) {
  assert(PyDict_Check(op));
  /* ma_used: the second field after the header (pyvm's dict layout matches 3.13t's PyDictObject there). */
  return __atomic_load_n((Py_ssize_t *)((char *)op + sizeof(PyObject)), __ATOMIC_RELAXED);
}
#define PyDict_GET_SIZE(op) PyDict_GET_SIZE(_PyObject_CAST(op))

#ifdef __cplusplus
}
#endif
#endif
