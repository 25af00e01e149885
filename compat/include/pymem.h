/* pymem.h: memory allocation for extensions (CPython 3.13's documented API, written by us). Owner: capi-b.
 * Every allocator is thread-safe (mimalloc underneath); any thread may free a block another allocated. A request
 * for 0 bytes returns a unique non-NULL pointer, as in CPython. PyObject_Malloc and friends are declared here too
 * (CPython declares them in objimpl.h). */
#ifndef PYVM_CAPI_PYMEM_H
#define PYVM_CAPI_PYMEM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(void *) PyMem_Malloc(size_t size);
PyAPI_FUNC(void *) PyMem_Calloc(size_t nelem, size_t elsize);
PyAPI_FUNC(void *) PyMem_Realloc(void *ptr, size_t new_size);
PyAPI_FUNC(void) PyMem_Free(void *ptr);

PyAPI_FUNC(void *) PyMem_RawMalloc(size_t size);
PyAPI_FUNC(void *) PyMem_RawCalloc(size_t nelem, size_t elsize);
PyAPI_FUNC(void *) PyMem_RawRealloc(void *ptr, size_t new_size);
PyAPI_FUNC(void) PyMem_RawFree(void *ptr);

PyAPI_FUNC(void *) PyObject_Malloc(size_t size);
PyAPI_FUNC(void *) PyObject_Calloc(size_t nelem, size_t elsize);
PyAPI_FUNC(void *) PyObject_Realloc(void *ptr, size_t new_size);
PyAPI_FUNC(void) PyObject_Free(void *ptr);

/* Deprecated aliases CPython keeps. */
#define PyMem_MALLOC(n) PyMem_Malloc((n))
#define PyMem_REALLOC(p, n) PyMem_Realloc((p), (n))
#define PyMem_FREE(p) PyMem_Free((p))
#define PyMem_Del PyMem_Free
#define PyMem_DEL PyMem_Free
#define PyObject_MALLOC PyObject_Malloc
#define PyObject_REALLOC PyObject_Realloc
#define PyObject_FREE PyObject_Free
#define PyObject_Del PyObject_Free
#define PyObject_DEL PyObject_Free

/* Typed allocation: NULL when n * sizeof(type) would overflow Py_ssize_t. */
#define PyMem_New(type, n) \
  ((size_t)(n) > PY_SSIZE_T_MAX / sizeof(type) ? NULL : ((type *)PyMem_Malloc((size_t)(n) * sizeof(type))))
#define PyMem_NEW(type, n) PyMem_New(type, n)
#define PyMem_Resize(p, type, n)                                                             \
  ((p) = ((size_t)(n) > PY_SSIZE_T_MAX / sizeof(type)) ? NULL                                \
                                                        : (type *)PyMem_Realloc((p), (size_t)(n) * sizeof(type)))
#define PyMem_RESIZE(p, type, n) PyMem_Resize(p, type, n)

#ifdef __cplusplus
}
#endif
#endif
