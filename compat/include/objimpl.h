/* objimpl.h: creating objects (PyObject_New, PyObject_Init ...) and the garbage-collector interface that types
 * with Py_TPFLAGS_HAVE_GC use. The cycle collector (vm/gc.cc) examines tracked objects (PyObject_GC_Track) of such
 * types through tp_traverse and breaks unreachable cycles with tp_clear, as CPython's does. Objects of GC types
 * must be allocated with PyObject_GC_New/NewVar or PyType_GenericAlloc (they carry a GC header) and freed with
 * PyObject_GC_Del. PyObject_Malloc/Free are declared in pymem.h. Owner: types. */
#ifndef PYVM_CAPI_OBJIMPL_H
#define PYVM_CAPI_OBJIMPL_H

#ifdef __cplusplus
extern "C" {
#endif

/* Objects made with PyObject_New are freed with PyObject_Del (PyObject_Free, pymem.h). */
#define PyObject_MALLOC PyObject_Malloc
#define PyObject_REALLOC PyObject_Realloc
#define PyObject_FREE PyObject_Free
#define PyObject_Del PyObject_Free
#define PyObject_DEL PyObject_Free

/* Initialise the header of memory the caller allocated: type (a new reference for heap types), size, one
 * reference owned by the calling thread. The rest of the memory is left as it is. */
PyAPI_FUNC(PyObject *) PyObject_Init(PyObject *, PyTypeObject *);
PyAPI_FUNC(PyVarObject *) PyObject_InitVar(PyVarObject *, PyTypeObject *, Py_ssize_t);
#define PyObject_INIT(op, typeobj) PyObject_Init(_PyObject_CAST(op), (typeobj))
#define PyObject_INIT_VAR(op, typeobj, size) PyObject_InitVar(_PyVarObject_CAST(op), (typeobj), (size))

/* Allocate tp_basicsize (+ n * tp_itemsize) bytes and initialise the header. */
PyAPI_FUNC(PyObject *) _PyObject_New(PyTypeObject *);
PyAPI_FUNC(PyVarObject *) _PyObject_NewVar(PyTypeObject *, Py_ssize_t);
#define PyObject_New(type, typeobj) ((type *)_PyObject_New(typeobj))
#define PyObject_NEW(type, typeobj) PyObject_New(type, (typeobj))
#define PyObject_NewVar(type, typeobj, n) ((type *)_PyObject_NewVar((typeobj), (n)))
#define PyObject_NEW_VAR(type, typeobj, n) PyObject_NewVar(type, (typeobj), (n))

/* The collector's switches (gc.collect / gc.enable ...). */
PyAPI_FUNC(Py_ssize_t) PyGC_Collect(void);
PyAPI_FUNC(int) PyGC_Enable(void);
PyAPI_FUNC(int) PyGC_Disable(void);
PyAPI_FUNC(int) PyGC_IsEnabled(void);

#define PyType_IS_GC(t) PyType_HasFeature((t), Py_TPFLAGS_HAVE_GC)
PyAPI_FUNC(int) PyObject_IS_GC(PyObject *obj);

/* Objects of Py_TPFLAGS_HAVE_GC types. */
PyAPI_FUNC(PyObject *) _PyObject_GC_New(PyTypeObject *);
PyAPI_FUNC(PyVarObject *) _PyObject_GC_NewVar(PyTypeObject *, Py_ssize_t);
PyAPI_FUNC(PyVarObject *) _PyObject_GC_Resize(PyVarObject *, Py_ssize_t);
PyAPI_FUNC(void) PyObject_GC_Track(void *);
PyAPI_FUNC(void) PyObject_GC_UnTrack(void *);
PyAPI_FUNC(void) PyObject_GC_Del(void *);
PyAPI_FUNC(int) PyObject_GC_IsTracked(PyObject *);
PyAPI_FUNC(int) PyObject_GC_IsFinalized(PyObject *);
#define PyObject_GC_New(type, typeobj) ((type *)_PyObject_GC_New(typeobj))
#define PyObject_GC_NewVar(type, typeobj, n) ((type *)_PyObject_GC_NewVar((typeobj), (n)))
#define PyObject_GC_Resize(type, op, n) ((type *)_PyObject_GC_Resize(_PyVarObject_CAST(op), (n)))

/* For tp_traverse: visit one member (which may be NULL). */
#define Py_VISIT(op)                                     \
  do {                                                   \
    if (op) {                                            \
      int vret = visit(_PyObject_CAST(op), arg);         \
      if (vret) return vret;                             \
    }                                                    \
  } while (0)

/* Weak reference support of a type and the list head of an object. */
PyAPI_FUNC(int) PyType_SUPPORTS_WEAKREFS(PyTypeObject *type);
PyAPI_FUNC(PyObject **) PyObject_GET_WEAKREFS_LISTPTR(PyObject *op);

/* Runs tp_finalize once (PEP 442) from a tp_dealloc; -1 when the finalizer resurrected the object, in which case
 * tp_dealloc must return at once. */
PyAPI_FUNC(int) PyObject_CallFinalizerFromDealloc(PyObject *);
PyAPI_FUNC(void) PyObject_CallFinalizer(PyObject *);

#ifdef __cplusplus
}
#endif
#endif
