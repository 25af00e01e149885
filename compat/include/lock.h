/* lock.h: PyMutex (CPython 3.13t's documented API, written by us). Owner: capi-b.
 * The struct (one byte: bit 0 locked, bit 1 has-parked) is in pyvm_abi/base.h and is the runtime's own mutex
 * (vm/sync/mutex.h): an extension's PyMutex and the runtime's share bit meanings and parking lot. The inline fast
 * path below is 3.13t's: one compare-and-swap, falling back to the exported slow paths. */
#ifndef PYVM_CAPI_LOCK_H
#define PYVM_CAPI_LOCK_H

#ifdef __cplusplus
extern "C" {
#endif

#define _Py_UNLOCKED 0
#define _Py_LOCKED 1

/* Slow paths. PyMutex_Lock detaches the calling thread while it waits (so a stop-the-world is not held up and its
 * critical sections are suspended), as CPython's does. Unlocking an unlocked mutex is a fatal error. */
PyAPI_FUNC(void) PyMutex_Lock(PyMutex *m);
PyAPI_FUNC(void) PyMutex_Unlock(PyMutex *m);

static inline void _PyMutex_Lock(PyMutex *m) {
  uint8_t expected = _Py_UNLOCKED;
  if (!__atomic_compare_exchange_n(&m->_bits, &expected, (uint8_t)_Py_LOCKED, 0, __ATOMIC_SEQ_CST,
                                   __ATOMIC_SEQ_CST)) {
    PyMutex_Lock(m);
  }
}
#define PyMutex_Lock _PyMutex_Lock

static inline void _PyMutex_Unlock(PyMutex *m) {
  uint8_t expected = _Py_LOCKED;
  if (!__atomic_compare_exchange_n(&m->_bits, &expected, (uint8_t)_Py_UNLOCKED, 0, __ATOMIC_SEQ_CST,
                                   __ATOMIC_SEQ_CST)) {
    PyMutex_Unlock(m);
  }
}
#define PyMutex_Unlock _PyMutex_Unlock

#ifdef __cplusplus
}
#endif
#endif
