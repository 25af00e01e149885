/* PyTypeObject and the slot tables, method/member/getset tables, buffers and module defs (3.13t x86-64 ABI). */
#ifndef PYVM_ABI_TYPEOBJECT_H
#define PYVM_ABI_TYPEOBJECT_H

#include "pyvm_abi/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  void *buf;
  PyObject *obj;
  Py_ssize_t len;
  Py_ssize_t itemsize;
  int readonly;
  int ndim;
  char *format;
  Py_ssize_t *shape;
  Py_ssize_t *strides;
  Py_ssize_t *suboffsets;
  void *internal;
} Py_buffer;

/* Buffer request flags (PyObject_GetBuffer) and limits, as in CPython's pybuffer.h. */
#define PyBUF_MAX_NDIM 64
#define PyBUF_SIMPLE 0
#define PyBUF_WRITABLE 0x0001
#define PyBUF_WRITEABLE PyBUF_WRITABLE
#define PyBUF_FORMAT 0x0004
#define PyBUF_ND 0x0008
#define PyBUF_STRIDES (0x0010 | PyBUF_ND)
#define PyBUF_C_CONTIGUOUS (0x0020 | PyBUF_STRIDES)
#define PyBUF_F_CONTIGUOUS (0x0040 | PyBUF_STRIDES)
#define PyBUF_ANY_CONTIGUOUS (0x0080 | PyBUF_STRIDES)
#define PyBUF_INDIRECT (0x0100 | PyBUF_STRIDES)
#define PyBUF_CONTIG (PyBUF_ND | PyBUF_WRITABLE)
#define PyBUF_CONTIG_RO (PyBUF_ND)
#define PyBUF_STRIDED (PyBUF_STRIDES | PyBUF_WRITABLE)
#define PyBUF_STRIDED_RO (PyBUF_STRIDES)
#define PyBUF_RECORDS (PyBUF_STRIDES | PyBUF_WRITABLE | PyBUF_FORMAT)
#define PyBUF_RECORDS_RO (PyBUF_STRIDES | PyBUF_FORMAT)
#define PyBUF_FULL (PyBUF_INDIRECT | PyBUF_WRITABLE | PyBUF_FORMAT)
#define PyBUF_FULL_RO (PyBUF_INDIRECT | PyBUF_FORMAT)
#define PyBUF_READ 0x100
#define PyBUF_WRITE 0x200

typedef int (*getbufferproc)(PyObject *, Py_buffer *, int);
typedef void (*releasebufferproc)(PyObject *, Py_buffer *);

typedef struct {
  binaryfunc nb_add;
  binaryfunc nb_subtract;
  binaryfunc nb_multiply;
  binaryfunc nb_remainder;
  binaryfunc nb_divmod;
  ternaryfunc nb_power;
  unaryfunc nb_negative;
  unaryfunc nb_positive;
  unaryfunc nb_absolute;
  inquiry nb_bool;
  unaryfunc nb_invert;
  binaryfunc nb_lshift;
  binaryfunc nb_rshift;
  binaryfunc nb_and;
  binaryfunc nb_xor;
  binaryfunc nb_or;
  unaryfunc nb_int;
  void *nb_reserved;
  unaryfunc nb_float;
  binaryfunc nb_inplace_add;
  binaryfunc nb_inplace_subtract;
  binaryfunc nb_inplace_multiply;
  binaryfunc nb_inplace_remainder;
  ternaryfunc nb_inplace_power;
  binaryfunc nb_inplace_lshift;
  binaryfunc nb_inplace_rshift;
  binaryfunc nb_inplace_and;
  binaryfunc nb_inplace_xor;
  binaryfunc nb_inplace_or;
  binaryfunc nb_floor_divide;
  binaryfunc nb_true_divide;
  binaryfunc nb_inplace_floor_divide;
  binaryfunc nb_inplace_true_divide;
  unaryfunc nb_index;
  binaryfunc nb_matrix_multiply;
  binaryfunc nb_inplace_matrix_multiply;
} PyNumberMethods;

typedef struct {
  lenfunc sq_length;
  binaryfunc sq_concat;
  ssizeargfunc sq_repeat;
  ssizeargfunc sq_item;
  void *was_sq_slice;
  ssizeobjargproc sq_ass_item;
  void *was_sq_ass_slice;
  objobjproc sq_contains;
  binaryfunc sq_inplace_concat;
  ssizeargfunc sq_inplace_repeat;
} PySequenceMethods;

typedef struct {
  lenfunc mp_length;
  binaryfunc mp_subscript;
  objobjargproc mp_ass_subscript;
} PyMappingMethods;

typedef struct {
  unaryfunc am_await;
  unaryfunc am_aiter;
  unaryfunc am_anext;
  sendfunc am_send;
} PyAsyncMethods;

typedef struct {
  getbufferproc bf_getbuffer;
  releasebufferproc bf_releasebuffer;
} PyBufferProcs;

struct PyMethodDef {
  const char *ml_name;
  PyCFunction ml_meth;
  int ml_flags;
  const char *ml_doc;
};
typedef struct PyMethodDef PyMethodDef;

struct PyMemberDef {
  const char *name;
  int type;
  Py_ssize_t offset;
  int flags;
  const char *doc;
};
typedef struct PyMemberDef PyMemberDef;

struct PyGetSetDef {
  const char *name;
  getter get;
  setter set;
  const char *doc;
  void *closure;
};
typedef struct PyGetSetDef PyGetSetDef;

struct _typeobject {
  PyVarObject ob_base;
  const char *tp_name;
  Py_ssize_t tp_basicsize, tp_itemsize;
  destructor tp_dealloc;
  Py_ssize_t tp_vectorcall_offset;
  getattrfunc tp_getattr;
  setattrfunc tp_setattr;
  PyAsyncMethods *tp_as_async;
  reprfunc tp_repr;
  PyNumberMethods *tp_as_number;
  PySequenceMethods *tp_as_sequence;
  PyMappingMethods *tp_as_mapping;
  hashfunc tp_hash;
  ternaryfunc tp_call;
  reprfunc tp_str;
  getattrofunc tp_getattro;
  setattrofunc tp_setattro;
  PyBufferProcs *tp_as_buffer;
  unsigned long tp_flags;
  const char *tp_doc;
  traverseproc tp_traverse;
  inquiry tp_clear;
  richcmpfunc tp_richcompare;
  Py_ssize_t tp_weaklistoffset;
  getiterfunc tp_iter;
  iternextfunc tp_iternext;
  PyMethodDef *tp_methods;
  PyMemberDef *tp_members;
  PyGetSetDef *tp_getset;
  PyTypeObject *tp_base;
  PyObject *tp_dict;
  descrgetfunc tp_descr_get;
  descrsetfunc tp_descr_set;
  Py_ssize_t tp_dictoffset;
  initproc tp_init;
  allocfunc tp_alloc;
  newfunc tp_new;
  freefunc tp_free;
  inquiry tp_is_gc;
  PyObject *tp_bases;
  PyObject *tp_mro;
  PyObject *tp_cache;
  void *tp_subclasses;
  PyObject *tp_weaklist;
  destructor tp_del;
  unsigned int tp_version_tag;
  destructor tp_finalize;
  vectorcallfunc tp_vectorcall;
  unsigned char tp_watched;
  uint16_t tp_versions_used;
};

typedef struct {
  int slot;
  void *pfunc;
} PyType_Slot;

typedef struct {
  const char *name;
  int basicsize;
  int itemsize;
  unsigned int flags;
  PyType_Slot *slots;
} PyType_Spec;

typedef struct PyModuleDef_Base {
  PyObject ob_base;
  PyObject *(*m_init)(void);
  Py_ssize_t m_index;
  PyObject *m_copy;
} PyModuleDef_Base;

typedef struct PyModuleDef_Slot {
  int slot;
  void *value;
} PyModuleDef_Slot;

typedef struct PyModuleDef {
  PyModuleDef_Base m_base;
  const char *m_name;
  const char *m_doc;
  Py_ssize_t m_size;
  PyMethodDef *m_methods;
  PyModuleDef_Slot *m_slots;
  traverseproc m_traverse;
  inquiry m_clear;
  freefunc m_free;
} PyModuleDef;

/* tp_flags bits. */
#define Py_TPFLAGS_MANAGED_WEAKREF (1UL << 3)
#define Py_TPFLAGS_MANAGED_DICT (1UL << 4)
/* Instances carry the two-word pre-header [weakref list, dict] in front of the object. */
#define Py_TPFLAGS_PREHEADER (Py_TPFLAGS_MANAGED_WEAKREF | Py_TPFLAGS_MANAGED_DICT)
#define Py_TPFLAGS_SEQUENCE (1UL << 5)
#define Py_TPFLAGS_MAPPING (1UL << 6)
#define Py_TPFLAGS_DISALLOW_INSTANTIATION (1UL << 7)
#define Py_TPFLAGS_IMMUTABLETYPE (1UL << 8)
#define Py_TPFLAGS_HEAPTYPE (1UL << 9)
#define Py_TPFLAGS_BASETYPE (1UL << 10)
#define Py_TPFLAGS_HAVE_VECTORCALL (1UL << 11)
#define Py_TPFLAGS_READY (1UL << 12)
#define Py_TPFLAGS_READYING (1UL << 13)
#define Py_TPFLAGS_HAVE_GC (1UL << 14)
#define Py_TPFLAGS_METHOD_DESCRIPTOR (1UL << 17)
#define Py_TPFLAGS_VALID_VERSION_TAG (1UL << 19)
#define Py_TPFLAGS_IS_ABSTRACT (1UL << 20)
#define Py_TPFLAGS_MATCH_SELF (1UL << 22)
#define Py_TPFLAGS_ITEMS_AT_END (1UL << 23)
#define Py_TPFLAGS_LONG_SUBCLASS (1UL << 24)
#define Py_TPFLAGS_LIST_SUBCLASS (1UL << 25)
#define Py_TPFLAGS_TUPLE_SUBCLASS (1UL << 26)
#define Py_TPFLAGS_BYTES_SUBCLASS (1UL << 27)
#define Py_TPFLAGS_UNICODE_SUBCLASS (1UL << 28)
#define Py_TPFLAGS_DICT_SUBCLASS (1UL << 29)
#define Py_TPFLAGS_BASE_EXC_SUBCLASS (1UL << 30)
#define Py_TPFLAGS_TYPE_SUBCLASS (1UL << 31)
#define Py_TPFLAGS_DEFAULT 0UL

/* PyMethodDef.ml_flags. */
#define METH_VARARGS 0x0001
#define METH_KEYWORDS 0x0002
#define METH_NOARGS 0x0004
#define METH_O 0x0008
#define METH_CLASS 0x0010
#define METH_STATIC 0x0020
#define METH_COEXIST 0x0040
#define METH_FASTCALL 0x0080
#define METH_METHOD 0x0200

PYVM_ABI_ASSERT(sizeof(Py_buffer) == 80, "Py_buffer size");
PYVM_ABI_ASSERT(offsetof(Py_buffer, obj) == 8 && offsetof(Py_buffer, len) == 16 &&
                    offsetof(Py_buffer, itemsize) == 24 && offsetof(Py_buffer, readonly) == 32 &&
                    offsetof(Py_buffer, ndim) == 36 && offsetof(Py_buffer, format) == 40 &&
                    offsetof(Py_buffer, shape) == 48 && offsetof(Py_buffer, strides) == 56 &&
                    offsetof(Py_buffer, suboffsets) == 64 && offsetof(Py_buffer, internal) == 72,
                "Py_buffer fields");
PYVM_ABI_ASSERT(sizeof(PyNumberMethods) == 288, "PyNumberMethods size");
PYVM_ABI_ASSERT(offsetof(PyNumberMethods, nb_bool) == 72 && offsetof(PyNumberMethods, nb_int) == 128 &&
                    offsetof(PyNumberMethods, nb_float) == 144 &&
                    offsetof(PyNumberMethods, nb_inplace_add) == 152 &&
                    offsetof(PyNumberMethods, nb_floor_divide) == 232 &&
                    offsetof(PyNumberMethods, nb_index) == 264 &&
                    offsetof(PyNumberMethods, nb_matrix_multiply) == 272,
                "PyNumberMethods fields");
PYVM_ABI_ASSERT(sizeof(PySequenceMethods) == 80, "PySequenceMethods size");
PYVM_ABI_ASSERT(offsetof(PySequenceMethods, sq_item) == 24 &&
                    offsetof(PySequenceMethods, sq_ass_item) == 40 &&
                    offsetof(PySequenceMethods, sq_contains) == 56 &&
                    offsetof(PySequenceMethods, sq_inplace_repeat) == 72,
                "PySequenceMethods fields");
PYVM_ABI_ASSERT(sizeof(PyMappingMethods) == 24 && offsetof(PyMappingMethods, mp_ass_subscript) == 16,
                "PyMappingMethods");
PYVM_ABI_ASSERT(sizeof(PyAsyncMethods) == 32 && offsetof(PyAsyncMethods, am_send) == 24, "PyAsyncMethods");
PYVM_ABI_ASSERT(sizeof(PyBufferProcs) == 16 && offsetof(PyBufferProcs, bf_releasebuffer) == 8,
                "PyBufferProcs");
PYVM_ABI_ASSERT(sizeof(PyMethodDef) == 32 && offsetof(PyMethodDef, ml_meth) == 8 &&
                    offsetof(PyMethodDef, ml_flags) == 16 && offsetof(PyMethodDef, ml_doc) == 24,
                "PyMethodDef");
PYVM_ABI_ASSERT(sizeof(PyMemberDef) == 40 && offsetof(PyMemberDef, type) == 8 &&
                    offsetof(PyMemberDef, offset) == 16 && offsetof(PyMemberDef, flags) == 24 &&
                    offsetof(PyMemberDef, doc) == 32,
                "PyMemberDef");
PYVM_ABI_ASSERT(sizeof(PyGetSetDef) == 40 && offsetof(PyGetSetDef, get) == 8 &&
                    offsetof(PyGetSetDef, set) == 16 && offsetof(PyGetSetDef, doc) == 24 &&
                    offsetof(PyGetSetDef, closure) == 32,
                "PyGetSetDef");
PYVM_ABI_ASSERT(sizeof(PyModuleDef_Base) == 56 && offsetof(PyModuleDef_Base, m_init) == 32 &&
                    offsetof(PyModuleDef_Base, m_index) == 40 && offsetof(PyModuleDef_Base, m_copy) == 48,
                "PyModuleDef_Base");
PYVM_ABI_ASSERT(sizeof(PyModuleDef) == 120 && offsetof(PyModuleDef, m_name) == 56 &&
                    offsetof(PyModuleDef, m_doc) == 64 && offsetof(PyModuleDef, m_size) == 72 &&
                    offsetof(PyModuleDef, m_methods) == 80 && offsetof(PyModuleDef, m_slots) == 88 &&
                    offsetof(PyModuleDef, m_traverse) == 96 && offsetof(PyModuleDef, m_clear) == 104 &&
                    offsetof(PyModuleDef, m_free) == 112,
                "PyModuleDef");
PYVM_ABI_ASSERT(sizeof(PyType_Spec) == 32 && offsetof(PyType_Spec, basicsize) == 8 &&
                    offsetof(PyType_Spec, itemsize) == 12 && offsetof(PyType_Spec, flags) == 16 &&
                    offsetof(PyType_Spec, slots) == 24 && sizeof(PyType_Slot) == 16,
                "PyType_Spec");
PYVM_ABI_ASSERT(sizeof(PyTypeObject) == 432, "PyTypeObject size");
#define PYVM_TP_AT(f, o) PYVM_ABI_ASSERT(offsetof(PyTypeObject, f) == o, "PyTypeObject." #f)
PYVM_TP_AT(tp_name, 40); PYVM_TP_AT(tp_basicsize, 48); PYVM_TP_AT(tp_itemsize, 56);
PYVM_TP_AT(tp_dealloc, 64); PYVM_TP_AT(tp_vectorcall_offset, 72); PYVM_TP_AT(tp_getattr, 80);
PYVM_TP_AT(tp_setattr, 88); PYVM_TP_AT(tp_as_async, 96); PYVM_TP_AT(tp_repr, 104);
PYVM_TP_AT(tp_as_number, 112); PYVM_TP_AT(tp_as_sequence, 120); PYVM_TP_AT(tp_as_mapping, 128);
PYVM_TP_AT(tp_hash, 136); PYVM_TP_AT(tp_call, 144); PYVM_TP_AT(tp_str, 152);
PYVM_TP_AT(tp_getattro, 160); PYVM_TP_AT(tp_setattro, 168); PYVM_TP_AT(tp_as_buffer, 176);
PYVM_TP_AT(tp_flags, 184); PYVM_TP_AT(tp_doc, 192); PYVM_TP_AT(tp_traverse, 200);
PYVM_TP_AT(tp_clear, 208); PYVM_TP_AT(tp_richcompare, 216); PYVM_TP_AT(tp_weaklistoffset, 224);
PYVM_TP_AT(tp_iter, 232); PYVM_TP_AT(tp_iternext, 240); PYVM_TP_AT(tp_methods, 248);
PYVM_TP_AT(tp_members, 256); PYVM_TP_AT(tp_getset, 264); PYVM_TP_AT(tp_base, 272);
PYVM_TP_AT(tp_dict, 280); PYVM_TP_AT(tp_descr_get, 288); PYVM_TP_AT(tp_descr_set, 296);
PYVM_TP_AT(tp_dictoffset, 304); PYVM_TP_AT(tp_init, 312); PYVM_TP_AT(tp_alloc, 320);
PYVM_TP_AT(tp_new, 328); PYVM_TP_AT(tp_free, 336); PYVM_TP_AT(tp_is_gc, 344);
PYVM_TP_AT(tp_bases, 352); PYVM_TP_AT(tp_mro, 360); PYVM_TP_AT(tp_cache, 368);
PYVM_TP_AT(tp_subclasses, 376); PYVM_TP_AT(tp_weaklist, 384); PYVM_TP_AT(tp_del, 392);
PYVM_TP_AT(tp_version_tag, 400); PYVM_TP_AT(tp_finalize, 408); PYVM_TP_AT(tp_vectorcall, 416);
PYVM_TP_AT(tp_watched, 424); PYVM_TP_AT(tp_versions_used, 426);
#undef PYVM_TP_AT

#ifdef __cplusplus
}
#endif
#endif
