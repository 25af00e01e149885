/* refcount.h: reference counting, as CPython 3.13t's inline functions do it on the free-threaded object header.
 * The inline paths below are the ABI contract: they must stay bit-for-bit equivalent to 3.13t's, because
 * extensions compiled against CPython's own 3.13t headers run the same code on our objects. Owner: core. */
#ifndef Py_REFCOUNT_H
#define Py_REFCOUNT_H

#ifdef __cplusplus
extern "C" {
#endif

/* The value Py_REFCNT reports for an immortal object. */
#define _Py_IMMORTAL_REFCNT ((Py_ssize_t)UINT_MAX)

/* Slow paths, exported by libpyvm.so. */
PyAPI_FUNC(void) _Py_DecRefShared(PyObject *);
PyAPI_FUNC(void) _Py_MergeZeroLocalRefcount(PyObject *);
PyAPI_FUNC(void) _Py_Dealloc(PyObject *);
PyAPI_FUNC(void) Py_IncRef(PyObject *);
PyAPI_FUNC(void) Py_DecRef(PyObject *);
PyAPI_FUNC(void) _Py_IncRef(PyObject *);
PyAPI_FUNC(void) _Py_DecRef(PyObject *);
PyAPI_FUNC(void) _Py_SetImmortal(PyObject *);

/* The owning thread's id: its TLS base, as stored in ob_tid. */
static inline uintptr_t _Py_ThreadId(void) {
  uintptr_t tid;
#if defined(__x86_64__)
  __asm__("movq %%fs:0, %0" : "=r"(tid));
#elif defined(__aarch64__)
  __asm__("mrs %0, tpidr_el0" : "=r"(tid));
#else
#error "pyvm's C-API needs the thread pointer on this architecture"
#endif
  return tid;
}

static inline int _Py_IsOwnedByCurrentThread(PyObject *ob) {
  return __atomic_load_n(&ob->ob_tid, __ATOMIC_RELAXED) == _Py_ThreadId();
}

static inline int _Py_IsImmortal(PyObject *op) {
  return __atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED) == _Py_IMMORTAL_REFCNT_LOCAL;
}
#define _Py_IsImmortal(op) _Py_IsImmortal((PyObject *)(op))

static inline Py_ssize_t Py_REFCNT(PyObject *ob) {
  uint32_t local = __atomic_load_n(&ob->ob_ref_local, __ATOMIC_RELAXED);
  if (local == _Py_IMMORTAL_REFCNT_LOCAL) return _Py_IMMORTAL_REFCNT;
  Py_ssize_t shared = __atomic_load_n(&ob->ob_ref_shared, __ATOMIC_RELAXED);
  return (Py_ssize_t)local + Py_ARITHMETIC_RIGHT_SHIFT(Py_ssize_t, shared, _Py_REF_SHARED_SHIFT);
}
#define Py_REFCNT(ob) Py_REFCNT((PyObject *)(ob))

/* Sets the count of a new object the current thread owns (CPython's rules: immortal stays immortal). */
static inline void Py_SET_REFCNT(PyObject *ob, Py_ssize_t refcnt) {
  if (_Py_IsImmortal(ob)) return;
  if (_Py_IsOwnedByCurrentThread(ob)) {
    if ((size_t)refcnt > (size_t)UINT32_MAX) {
      ob->ob_tid = 0;
      ob->ob_ref_local = _Py_IMMORTAL_REFCNT_LOCAL;
      ob->ob_ref_shared = 0;
    } else {
      ob->ob_ref_local = (uint32_t)refcnt;
      ob->ob_ref_shared &= _Py_REF_SHARED_FLAG_MASK;
    }
  } else {
    ob->ob_tid = 0;
    ob->ob_ref_local = 0;
    ob->ob_ref_shared = (refcnt << _Py_REF_SHARED_SHIFT) | (ob->ob_ref_shared & _Py_REF_SHARED_FLAG_MASK);
  }
}
#define Py_SET_REFCNT(ob, refcnt) Py_SET_REFCNT((PyObject *)(ob), (refcnt))

static inline void Py_INCREF(PyObject *op) {
  uint32_t local = __atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED);
  uint32_t new_local = local + 1;
  if (new_local == 0) return; /* immortal */
  if (_Py_IsOwnedByCurrentThread(op)) {
    __atomic_store_n(&op->ob_ref_local, new_local, __ATOMIC_RELAXED);
  } else {
    __atomic_fetch_add(&op->ob_ref_shared, ((Py_ssize_t)1 << _Py_REF_SHARED_SHIFT), __ATOMIC_RELAXED);
  }
}
#define Py_INCREF(op) Py_INCREF((PyObject *)(op))

static inline void Py_DECREF(PyObject *op) {
  uint32_t local = __atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED);
  if (local == _Py_IMMORTAL_REFCNT_LOCAL) return;
  if (_Py_IsOwnedByCurrentThread(op)) {
    local--;
    __atomic_store_n(&op->ob_ref_local, local, __ATOMIC_RELAXED);
    if (local == 0) _Py_MergeZeroLocalRefcount(op);
  } else {
    _Py_DecRefShared(op);
  }
}
#define Py_DECREF(op) Py_DECREF((PyObject *)(op))

static inline void Py_XINCREF(PyObject *op) {
  if (op != NULL) Py_INCREF(op);
}
#define Py_XINCREF(op) Py_XINCREF((PyObject *)(op))

static inline void Py_XDECREF(PyObject *op) {
  if (op != NULL) Py_DECREF(op);
}
#define Py_XDECREF(op) Py_XDECREF((PyObject *)(op))

static inline PyObject *Py_NewRef(PyObject *obj) {
  Py_INCREF(obj);
  return obj;
}
static inline PyObject *Py_XNewRef(PyObject *obj) {
  Py_XINCREF(obj);
  return obj;
}
#define Py_NewRef(obj) Py_NewRef((PyObject *)(obj))
#define Py_XNewRef(obj) Py_XNewRef((PyObject *)(obj))

#define Py_CLEAR(op)                         \
  do {                                       \
    PyObject **_py_tmp_ptr = (PyObject **)&(op); \
    PyObject *_py_tmp_old = *_py_tmp_ptr;    \
    if (_py_tmp_old != NULL) {               \
      *_py_tmp_ptr = NULL;                   \
      Py_DECREF(_py_tmp_old);                \
    }                                        \
  } while (0)

#define Py_SETREF(dst, src)                  \
  do {                                       \
    PyObject **_tmp_dst_ptr = (PyObject **)&(dst); \
    PyObject *_tmp_old_dst = (*_tmp_dst_ptr); \
    *_tmp_dst_ptr = (PyObject *)(src);       \
    Py_DECREF(_tmp_old_dst);                 \
  } while (0)

#define Py_XSETREF(dst, src)                 \
  do {                                       \
    PyObject **_tmp_dst_ptr = (PyObject **)&(dst); \
    PyObject *_tmp_old_dst = (*_tmp_dst_ptr); \
    *_tmp_dst_ptr = (PyObject *)(src);       \
    Py_XDECREF(_tmp_old_dst);                \
  } while (0)

#ifdef __cplusplus
}
#endif
#endif
