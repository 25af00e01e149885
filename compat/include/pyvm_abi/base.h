/* The object header and basic C types shared by pyvm's C++ code and C extensions (CPython 3.13t x86-64 ABI). */
#ifndef PYVM_ABI_BASE_H
#define PYVM_ABI_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#if defined(__cplusplus) && __cplusplus >= 201103L
#define PYVM_ABI_ASSERT(cond, msg) static_assert(cond, msg)
#elif defined(__cplusplus)
/* C++98/03 has no static_assert: a typedef of an array whose size is -1 when the condition is false. */
#define PYVM_ABI_ASSERT_JOIN2(a, b) a##b
#define PYVM_ABI_ASSERT_JOIN(a, b) PYVM_ABI_ASSERT_JOIN2(a, b)
#define PYVM_ABI_ASSERT(cond, msg) \
  typedef char PYVM_ABI_ASSERT_JOIN(pyvm_abi_assert_, __LINE__)[(cond) ? 1 : -1] __attribute__((unused))
#endif
#ifdef __cplusplus
extern "C" {
#else
#define PYVM_ABI_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif

typedef ssize_t Py_ssize_t;
typedef Py_ssize_t Py_hash_t;
typedef size_t Py_uhash_t;

/* One byte: bit 0 = locked, bit 1 = a waiter is parked. See vm/mutex.h. */
typedef struct PyMutex {
  uint8_t _bits;
} PyMutex;

typedef struct _typeobject PyTypeObject;

/* The 32-byte free-threaded object header.
 * ob_tid: owning thread's TLS base (0 = unowned/immortal).
 * ob_ref_local: owner's count, plain access; UINT32_MAX = immortal.
 * ob_ref_shared: other threads' count << 2, low two bits are merge-state flags. */
typedef struct _object {
  uintptr_t ob_tid;
  uint16_t _padding;
  PyMutex ob_mutex;
  uint8_t ob_gc_bits;
  uint32_t ob_ref_local;
  Py_ssize_t ob_ref_shared;
  PyTypeObject *ob_type;
} PyObject;

typedef struct {
  PyObject ob_base;
  Py_ssize_t ob_size;
} PyVarObject;

PYVM_ABI_ASSERT(sizeof(PyMutex) == 1, "PyMutex is one byte");
PYVM_ABI_ASSERT(sizeof(PyObject) == 32, "PyObject size");
PYVM_ABI_ASSERT(offsetof(PyObject, ob_tid) == 0, "ob_tid");
PYVM_ABI_ASSERT(offsetof(PyObject, _padding) == 8, "_padding");
PYVM_ABI_ASSERT(offsetof(PyObject, ob_mutex) == 10, "ob_mutex");
PYVM_ABI_ASSERT(offsetof(PyObject, ob_gc_bits) == 11, "ob_gc_bits");
PYVM_ABI_ASSERT(offsetof(PyObject, ob_ref_local) == 12, "ob_ref_local");
PYVM_ABI_ASSERT(offsetof(PyObject, ob_ref_shared) == 16, "ob_ref_shared");
PYVM_ABI_ASSERT(offsetof(PyObject, ob_type) == 24, "ob_type");
PYVM_ABI_ASSERT(sizeof(PyVarObject) == 40, "PyVarObject size");
PYVM_ABI_ASSERT(offsetof(PyVarObject, ob_size) == 32, "ob_size");

/* Refcount constants of the 3.13t scheme. */
#define _Py_IMMORTAL_REFCNT_LOCAL UINT32_MAX
#define _Py_REF_SHARED_SHIFT 2
#define _Py_REF_SHARED_FLAG_MASK 0x3
#define _Py_REF_SHARED_INIT 0x0
#define _Py_REF_MAYBE_WEAKREF 0x1
#define _Py_REF_QUEUED 0x2
#define _Py_REF_MERGED 0x3

/* Slot function signatures. */
typedef PyObject *(*unaryfunc)(PyObject *);
typedef PyObject *(*binaryfunc)(PyObject *, PyObject *);
typedef PyObject *(*ternaryfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*inquiry)(PyObject *);
typedef Py_ssize_t (*lenfunc)(PyObject *);
typedef PyObject *(*ssizeargfunc)(PyObject *, Py_ssize_t);
typedef PyObject *(*ssizessizeargfunc)(PyObject *, Py_ssize_t, Py_ssize_t);
typedef int (*ssizeobjargproc)(PyObject *, Py_ssize_t, PyObject *);
typedef int (*ssizessizeobjargproc)(PyObject *, Py_ssize_t, Py_ssize_t, PyObject *);
typedef int (*objobjargproc)(PyObject *, PyObject *, PyObject *);
typedef int (*objobjproc)(PyObject *, PyObject *);
typedef int (*visitproc)(PyObject *, void *);
typedef int (*traverseproc)(PyObject *, visitproc, void *);
typedef void (*freefunc)(void *);
typedef void (*destructor)(PyObject *);
typedef PyObject *(*getattrfunc)(PyObject *, char *);
typedef PyObject *(*getattrofunc)(PyObject *, PyObject *);
typedef int (*setattrfunc)(PyObject *, char *, PyObject *);
typedef int (*setattrofunc)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*reprfunc)(PyObject *);
typedef Py_hash_t (*hashfunc)(PyObject *);
typedef PyObject *(*richcmpfunc)(PyObject *, PyObject *, int);
typedef PyObject *(*getiterfunc)(PyObject *);
typedef PyObject *(*iternextfunc)(PyObject *);
typedef PyObject *(*descrgetfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*descrsetfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*initproc)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*newfunc)(PyTypeObject *, PyObject *, PyObject *);
typedef PyObject *(*allocfunc)(PyTypeObject *, Py_ssize_t);
typedef PyObject *(*vectorcallfunc)(PyObject *callable, PyObject *const *args, size_t nargsf,
                                    PyObject *kwnames);
typedef PyObject *(*PyCFunction)(PyObject *, PyObject *);
typedef PyObject *(*PyCFunctionFast)(PyObject *, PyObject *const *, Py_ssize_t);
typedef PyObject *(*PyCFunctionWithKeywords)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*PyCFunctionFastWithKeywords)(PyObject *, PyObject *const *, Py_ssize_t,
                                                 PyObject *);
typedef PyObject *(*PyCMethod)(PyObject *, PyTypeObject *, PyObject *const *, size_t,
                               PyObject *);
typedef PyObject *(*getter)(PyObject *, void *);
typedef int (*setter)(PyObject *, PyObject *, void *);

typedef enum { PYGEN_RETURN = 0, PYGEN_ERROR = -1, PYGEN_NEXT = 1 } PySendResult;
typedef PySendResult (*sendfunc)(PyObject *iter, PyObject *value, PyObject **result);

/* Rich comparison opcodes. */
#define Py_LT 0
#define Py_LE 1
#define Py_EQ 2
#define Py_NE 3
#define Py_GT 4
#define Py_GE 5

#define PY_VECTORCALL_ARGUMENTS_OFFSET ((size_t)1 << (8 * sizeof(size_t) - 1))

#ifdef __cplusplus
}
#endif
#endif
