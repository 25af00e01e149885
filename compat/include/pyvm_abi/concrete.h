/* Layouts of the concrete built-in objects whose fields extensions reach through macros (3.13t x86-64 ABI). */
#ifndef PYVM_ABI_CONCRETE_H
#define PYVM_ABI_CONCRETE_H

#include "pyvm_abi/typeobject.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyVarObject ob_base;
  PyObject *ob_item[1];
} PyTupleObject;

typedef struct {
  PyVarObject ob_base;
  PyObject **ob_item;
  Py_ssize_t allocated;
} PyListObject;

typedef struct {
  PyObject ob_base;
  double ob_fval;
} PyFloatObject;

typedef struct {
  double real;
  double imag;
} Py_complex;

typedef struct {
  PyObject ob_base;
  Py_complex cval;
} PyComplexObject;

/* Integers: 30-bit digits in uint32. lv_tag = (ndigits << 3) | sign bits
 * (0 positive, 1 zero, 2 negative) | bit 2 reserved. */
typedef uint32_t digit;
typedef int32_t sdigit;
typedef uint64_t twodigits;
typedef int64_t stwodigits;
#define PyLong_SHIFT 30
#define PyLong_BASE ((digit)1 << PyLong_SHIFT)
#define PyLong_MASK ((digit)(PyLong_BASE - 1))
#define _PyLong_NON_SIZE_BITS 3
#define _PyLong_SIGN_MASK 3

struct _PyLongValue {
  uintptr_t lv_tag;
  digit ob_digit[1];
};

typedef struct _longobject {
  PyObject ob_base;
  struct _PyLongValue long_value;
} PyLongObject;

/* PEP 393 strings. */
typedef struct {
  PyObject ob_base;
  Py_ssize_t length;
  Py_hash_t hash;
  struct {
    unsigned int interned : 2;
    unsigned int kind : 3;
    unsigned int compact : 1;
    unsigned int ascii : 1;
    unsigned int statically_allocated : 1;
    unsigned int : 24;
  } state;
} PyASCIIObject;

typedef struct {
  PyASCIIObject _base;
  Py_ssize_t utf8_length;
  char *utf8;
} PyCompactUnicodeObject;

typedef struct {
  PyCompactUnicodeObject _base;
  union {
    void *any;
    uint8_t *latin1;
    uint16_t *ucs2;
    uint32_t *ucs4;
  } data;
} PyUnicodeObject;

typedef uint32_t Py_UCS4;
typedef uint16_t Py_UCS2;
typedef uint8_t Py_UCS1;

enum PyUnicode_Kind { PyUnicode_1BYTE_KIND = 1, PyUnicode_2BYTE_KIND = 2, PyUnicode_4BYTE_KIND = 4 };

typedef struct {
  PyVarObject ob_base;
  Py_hash_t ob_shash; /* deprecated; kept for layout */
  char ob_sval[1];
} PyBytesObject;

typedef struct {
  PyVarObject ob_base;
  Py_ssize_t ob_alloc;
  char *ob_bytes;
  char *ob_start;
  Py_ssize_t ob_exports;
} PyByteArrayObject;

/* memoryview: a view registers with a managed buffer, which holds the one buffer obtained from the exporter. */
#define _Py_MANAGED_BUFFER_RELEASED 0x001    /* the exporter's buffer has been released */
#define _Py_MANAGED_BUFFER_FREE_FORMAT 0x002 /* master.format is owned (freed with the managed buffer) */

typedef struct {
  PyObject ob_base;
  int flags;
  Py_ssize_t exports; /* memoryviews registered with this buffer */
  Py_buffer master;   /* the exporter's buffer */
} _PyManagedBufferObject;

#define _Py_MEMORYVIEW_RELEASED 0x001   /* released: the buffer may no longer be touched */
#define _Py_MEMORYVIEW_C 0x002          /* C-contiguous */
#define _Py_MEMORYVIEW_FORTRAN 0x004    /* Fortran-contiguous */
#define _Py_MEMORYVIEW_SCALAR 0x008     /* ndim == 0 */
#define _Py_MEMORYVIEW_PIL 0x010        /* has suboffsets */
#define _Py_MEMORYVIEW_RESTRICTED 0x020 /* no new views may be made from it */

typedef struct {
  PyVarObject ob_base;           /* ob_size = 3 * ndim (at least 3) */
  _PyManagedBufferObject *mbuf;
  Py_hash_t hash;                /* cached hash of a read-only view, -1 when not computed */
  int flags;
  Py_ssize_t exports;            /* buffers this view has exported */
  Py_buffer view;                /* the view's own copy of the buffer description */
  PyObject *weakreflist;
  Py_ssize_t ob_array[1];        /* shape, strides, suboffsets: ndim entries each */
} PyMemoryViewObject;

/* Weak references (ReferenceType, ProxyType, CallableProxyType), 3.13t layout. wr_object is not a counted
 * reference; it becomes Py_None when the referent dies. wr_prev/wr_next link the referent's list of weak
 * references. weakrefs_lock is the striped lock guarding that list (kept because wr_object may already be
 * Py_None when the reference itself is freed). */
typedef struct _PyWeakReference PyWeakReference;
struct _PyWeakReference {
  PyObject ob_base;
  PyObject *wr_object;
  PyObject *wr_callback;
  Py_hash_t hash;
  PyWeakReference *wr_prev;
  PyWeakReference *wr_next;
  vectorcallfunc vectorcall;
  PyMutex *weakrefs_lock;
};

PYVM_ABI_ASSERT(sizeof(PyTupleObject) == 48 && offsetof(PyTupleObject, ob_item) == 40, "PyTupleObject");
PYVM_ABI_ASSERT(sizeof(PyListObject) == 56 && offsetof(PyListObject, ob_item) == 40 &&
                    offsetof(PyListObject, allocated) == 48,
                "PyListObject");
PYVM_ABI_ASSERT(sizeof(PyFloatObject) == 40 && offsetof(PyFloatObject, ob_fval) == 32, "PyFloatObject");
PYVM_ABI_ASSERT(sizeof(PyComplexObject) == 48 && offsetof(PyComplexObject, cval) == 32, "PyComplexObject");
PYVM_ABI_ASSERT(sizeof(PyLongObject) == 48 && offsetof(PyLongObject, long_value.lv_tag) == 32 &&
                    offsetof(PyLongObject, long_value.ob_digit) == 40,
                "PyLongObject");
PYVM_ABI_ASSERT(sizeof(PyASCIIObject) == 56 && offsetof(PyASCIIObject, length) == 32 &&
                    offsetof(PyASCIIObject, hash) == 40 && offsetof(PyASCIIObject, state) == 48,
                "PyASCIIObject");
PYVM_ABI_ASSERT(sizeof(PyCompactUnicodeObject) == 72 &&
                    offsetof(PyCompactUnicodeObject, utf8_length) == 56 &&
                    offsetof(PyCompactUnicodeObject, utf8) == 64,
                "PyCompactUnicodeObject");
PYVM_ABI_ASSERT(sizeof(PyUnicodeObject) == 80 && offsetof(PyUnicodeObject, data) == 72, "PyUnicodeObject");
PYVM_ABI_ASSERT(sizeof(PyBytesObject) == 56 && offsetof(PyBytesObject, ob_shash) == 40 &&
                    offsetof(PyBytesObject, ob_sval) == 48,
                "PyBytesObject");
PYVM_ABI_ASSERT(sizeof(PyByteArrayObject) == 72 && offsetof(PyByteArrayObject, ob_alloc) == 40 &&
                    offsetof(PyByteArrayObject, ob_bytes) == 48 &&
                    offsetof(PyByteArrayObject, ob_start) == 56 &&
                    offsetof(PyByteArrayObject, ob_exports) == 64,
                "PyByteArrayObject");
PYVM_ABI_ASSERT(sizeof(PyWeakReference) == 88 && offsetof(PyWeakReference, wr_object) == 32 &&
                    offsetof(PyWeakReference, wr_callback) == 40 && offsetof(PyWeakReference, hash) == 48 &&
                    offsetof(PyWeakReference, wr_prev) == 56 && offsetof(PyWeakReference, wr_next) == 64 &&
                    offsetof(PyWeakReference, vectorcall) == 72 && offsetof(PyWeakReference, weakrefs_lock) == 80,
                "PyWeakReference");

PYVM_ABI_ASSERT(sizeof(_PyManagedBufferObject) == 128 && offsetof(_PyManagedBufferObject, flags) == 32 &&
                    offsetof(_PyManagedBufferObject, exports) == 40 &&
                    offsetof(_PyManagedBufferObject, master) == 48,
                "_PyManagedBufferObject");
PYVM_ABI_ASSERT(sizeof(PyMemoryViewObject) == 168 && offsetof(PyMemoryViewObject, mbuf) == 40 &&
                    offsetof(PyMemoryViewObject, hash) == 48 && offsetof(PyMemoryViewObject, flags) == 56 &&
                    offsetof(PyMemoryViewObject, exports) == 64 && offsetof(PyMemoryViewObject, view) == 72 &&
                    offsetof(PyMemoryViewObject, weakreflist) == 152 &&
                    offsetof(PyMemoryViewObject, ob_array) == 160,
                "PyMemoryViewObject");

#ifdef __cplusplus
}
#endif
#endif
