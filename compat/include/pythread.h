/* pythread.h: OS threads, raw locks and thread-specific storage (CPython 3.13's documented API, written by us).
 * Owner: capi-b. These locks are plain OS-level binary semaphores: waiting on one does not detach the thread. */
#ifndef PYVM_CAPI_PYTHREAD_H
#define PYVM_CAPI_PYTHREAD_H

#include <pthread.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void *PyThread_type_lock;

typedef enum PyLockStatus { PY_LOCK_FAILURE = 0, PY_LOCK_ACQUIRED = 1, PY_LOCK_INTR } PyLockStatus;

#define WAIT_LOCK 1
#define NOWAIT_LOCK 0
#define PY_TIMEOUT_T long long
PyAPI_DATA(const long long) PY_TIMEOUT_MAX;
#define PYTHREAD_INVALID_THREAD_ID ((unsigned long)-1)

PyAPI_FUNC(void) PyThread_init_thread(void);
/* Starts a detached OS thread running func(arg); PYTHREAD_INVALID_THREAD_ID on failure. The thread has no Python
 * state until it calls PyGILState_Ensure. */
PyAPI_FUNC(unsigned long) PyThread_start_new_thread(void (*func)(void *), void *arg);
PyAPI_FUNC(void) _Py_NO_RETURN PyThread_exit_thread(void);
PyAPI_FUNC(unsigned long) PyThread_get_thread_ident(void);
#define PY_HAVE_THREAD_NATIVE_ID
PyAPI_FUNC(unsigned long) PyThread_get_thread_native_id(void);

PyAPI_FUNC(PyThread_type_lock) PyThread_allocate_lock(void);
PyAPI_FUNC(void) PyThread_free_lock(PyThread_type_lock);
PyAPI_FUNC(int) PyThread_acquire_lock(PyThread_type_lock, int waitflag);
/* microseconds: 0 = try, < 0 = wait forever, > 0 = wait at most that long (clamped to PY_TIMEOUT_MAX). */
PyAPI_FUNC(PyLockStatus) PyThread_acquire_lock_timed(PyThread_type_lock, PY_TIMEOUT_T microseconds, int intr_flag);
PyAPI_FUNC(void) PyThread_release_lock(PyThread_type_lock);


/* Thread-specific storage (PEP 539). */
typedef struct _Py_tss_t Py_tss_t;
struct _Py_tss_t {
  int _is_initialized;
  pthread_key_t _key;
};
#define Py_tss_NEEDS_INIT {0}

PyAPI_FUNC(Py_tss_t *) PyThread_tss_alloc(void);
PyAPI_FUNC(void) PyThread_tss_free(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_is_created(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_create(Py_tss_t *key);
PyAPI_FUNC(void) PyThread_tss_delete(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_set(Py_tss_t *key, void *value);
PyAPI_FUNC(void *) PyThread_tss_get(Py_tss_t *key);

#ifdef __cplusplus
}
#endif
#endif
