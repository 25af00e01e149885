#define _POSIX_C_SOURCE 200809L
/* lock.h / critical_section.h / pythread.h: PyMutex under contention (shared with the runtime's mutex bits),
 * critical sections under contention and suspended across a blocking call, raw locks, threads and TSS. */
#include <Python.h>
#include <pthread.h>
#include <time.h>

#include "capi_check.h"

#define NTHREADS 6
#define ITERS 20000

static PyMutex mutex = {0};
static long mutex_counter = 0;

static void *mutex_worker(void *arg) {
  (void)arg;
  for (int i = 0; i < ITERS; i++) {
    PyMutex_Lock(&mutex);
    long v = mutex_counter;
    __asm__ volatile("" ::: "memory");
    mutex_counter = v + 1;
    PyMutex_Unlock(&mutex);
  }
  return NULL;
}

static PyObject *shared, *shared2;
static long cs_counter = 0;
static long cs2_counter = 0;
static int cs_failures = 0;

static void *cs_worker(void *arg) {
  (void)arg;
  PyGILState_STATE g = PyGILState_Ensure();
  for (int i = 0; i < ITERS / 4; i++) {
    Py_BEGIN_CRITICAL_SECTION(shared);
    long v = cs_counter;
    __asm__ volatile("" ::: "memory");
    cs_counter = v + 1;
    if (!(shared->ob_mutex._bits & 1)) __atomic_add_fetch(&cs_failures, 1, __ATOMIC_RELAXED);
    Py_END_CRITICAL_SECTION();
    Py_BEGIN_CRITICAL_SECTION2(shared2, shared);
    long w = cs2_counter;
    __asm__ volatile("" ::: "memory");
    cs2_counter = w + 1;
    /* The runtime's own list operations take the same section: re-entry must not deadlock. */
    PyObject *r = PyObject_CallMethod(shared, "append", "i", i);
    if (!r) __atomic_add_fetch(&cs_failures, 1, __ATOMIC_RELAXED);
    Py_XDECREF(r);
    Py_END_CRITICAL_SECTION2();
    if (i % 64 == 0) {
      PyObject *c = PyObject_CallMethod(shared, "clear", NULL);
      Py_XDECREF(c);
    }
  }
  PyGILState_Release(g);
  return NULL;
}

/* Suspension: the main thread holds a section on `shared` and blocks (detached) until this thread has entered
 * the same section, which it can only do if the main thread's section was suspended. */
static PyThread_type_lock go_lock, done_lock;
static int entered = 0;
static void *suspender(void *arg) {
  (void)arg;
  PyGILState_STATE g = PyGILState_Ensure();
  PyThread_acquire_lock(go_lock, WAIT_LOCK);
  Py_BEGIN_CRITICAL_SECTION(shared);
  entered = 1;
  Py_END_CRITICAL_SECTION();
  PyThread_release_lock(done_lock);
  PyGILState_Release(g);
  return NULL;
}

static Py_tss_t tss_key = Py_tss_NEEDS_INIT;
static int tss_ok = 1;
static void *tss_worker(void *arg) {
  if (PyThread_tss_get(&tss_key) != NULL) tss_ok = 0;
  PyThread_tss_set(&tss_key, arg);
  if (PyThread_tss_get(&tss_key) != arg) tss_ok = 0;
  return NULL;
}

static int started_ran = 0;
static unsigned long started_ident = 0;
static PyThread_type_lock started_lock;
static void started_func(void *arg) {
  PyGILState_STATE g = PyGILState_Ensure();
  PyObject *o = Py_BuildValue("(is)", 1, (const char *)arg);
  started_ran = o != NULL;
  Py_XDECREF(o);
  started_ident = PyThread_get_thread_ident();
  PyGILState_Release(g);
  PyThread_release_lock(started_lock);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void run_threads(void *(*fn)(void *)) {
  pthread_t th[NTHREADS];
  for (int i = 0; i < NTHREADS; i++) pthread_create(&th[i], NULL, fn, NULL);
  Py_BEGIN_ALLOW_THREADS
  for (int i = 0; i < NTHREADS; i++) pthread_join(th[i], NULL);
  Py_END_ALLOW_THREADS
}

int main(void) {
  Py_Initialize();

  /* PyMutex: the inline fast path and the slow paths, with the runtime's bit meanings. */
  PyMutex m = {0};
  PyMutex_Lock(&m);
  CHECK(m._bits == _Py_LOCKED, "locked bit");
  PyMutex_Unlock(&m);
  CHECK(m._bits == _Py_UNLOCKED, "unlocked");
  run_threads(mutex_worker);
  CHECK(mutex_counter == (long)NTHREADS * ITERS, "PyMutex counter %ld", mutex_counter);
  CHECK(mutex._bits == 0, "mutex free at the end (bits %d)", mutex._bits);

  /* Critical sections. */
  shared = Py_BuildValue("[]");
  shared2 = Py_BuildValue("{}");
  Py_BEGIN_CRITICAL_SECTION(shared);
  CHECK(shared->ob_mutex._bits & 1, "section holds ob_mutex");
  Py_BEGIN_CRITICAL_SECTION(shared); /* re-entry */
  PyObject *r = PyObject_CallMethod(shared, "append", "i", 1);
  Py_XDECREF(r);
  Py_END_CRITICAL_SECTION();
  CHECK(shared->ob_mutex._bits & 1, "still held after the inner section");
  Py_END_CRITICAL_SECTION();
  CHECK(!(shared->ob_mutex._bits & 1), "released");
  Py_BEGIN_CRITICAL_SECTION2(shared, shared); /* the same object twice */
  CHECK(shared->ob_mutex._bits & 1, "section2 on one object");
  Py_END_CRITICAL_SECTION2();
  CHECK(!(shared->ob_mutex._bits & 1) && !(shared2->ob_mutex._bits & 1), "section2 released");

  run_threads(cs_worker);
  CHECK(cs_counter == (long)NTHREADS * (ITERS / 4), "section counter %ld", cs_counter);
  CHECK(cs2_counter == (long)NTHREADS * (ITERS / 4), "section2 counter %ld", cs2_counter);
  CHECK(cs_failures == 0, "%d failures in section workers", cs_failures);

  go_lock = PyThread_allocate_lock();
  done_lock = PyThread_allocate_lock();
  PyThread_acquire_lock(go_lock, WAIT_LOCK);
  PyThread_acquire_lock(done_lock, WAIT_LOCK);
  pthread_t sth;
  pthread_create(&sth, NULL, suspender, NULL);
  Py_BEGIN_CRITICAL_SECTION(shared);
  PyThread_release_lock(go_lock);
  Py_BEGIN_ALLOW_THREADS /* detaching suspends our section */
  int got = PyThread_acquire_lock_timed(done_lock, 10 * 1000 * 1000, 0);
  CHECK(got == PY_LOCK_ACQUIRED, "the other thread entered the suspended section");
  Py_END_ALLOW_THREADS
  CHECK(entered == 1, "entered");
  CHECK(shared->ob_mutex._bits & 1, "our section was resumed");
  Py_END_CRITICAL_SECTION();
  Py_BEGIN_ALLOW_THREADS
  pthread_join(sth, NULL);
  Py_END_ALLOW_THREADS

  /* Raw locks. */
  PyThread_type_lock lk = PyThread_allocate_lock();
  CHECK(lk != NULL, "allocate_lock");
  CHECK(PyThread_acquire_lock(lk, NOWAIT_LOCK) == 1, "acquire free lock");
  CHECK(PyThread_acquire_lock(lk, NOWAIT_LOCK) == 0, "try on a held lock");
  double t0 = now();
  CHECK(PyThread_acquire_lock_timed(lk, 50000, 0) == PY_LOCK_FAILURE, "timed acquire times out");
  double dt = now() - t0;
  CHECK(dt >= 0.045 && dt < 5.0, "timeout took %.3fs", dt);
  PyThread_release_lock(lk);
  CHECK(PyThread_acquire_lock_timed(lk, -1, 0) == PY_LOCK_ACQUIRED, "acquire forever");
  PyThread_release_lock(lk);
  PyThread_free_lock(lk);
  CHECK(PY_TIMEOUT_MAX > 0, "PY_TIMEOUT_MAX");

  /* Thread identity and PyThread_start_new_thread. */
  CHECK(PyThread_get_thread_ident() == (unsigned long)pthread_self(), "get_thread_ident");
  CHECK(PyThread_get_thread_native_id() == (unsigned long)getpid(), "native id of the main thread");
  started_lock = PyThread_allocate_lock();
  PyThread_acquire_lock(started_lock, WAIT_LOCK);
  unsigned long ident = PyThread_start_new_thread(started_func, "arg");
  CHECK(ident != PYTHREAD_INVALID_THREAD_ID, "start_new_thread");
  Py_BEGIN_ALLOW_THREADS
  PyThread_acquire_lock(started_lock, WAIT_LOCK);
  Py_END_ALLOW_THREADS
  CHECK(started_ran && started_ident == ident, "the new thread ran with a Python state");
  PyThread_free_lock(started_lock);

  /* TSS. */
  CHECK(!PyThread_tss_is_created(&tss_key), "not created");
  CHECK(PyThread_tss_create(&tss_key) == 0 && PyThread_tss_is_created(&tss_key), "tss_create");
  CHECK(PyThread_tss_create(&tss_key) == 0, "create twice is fine");
  int mine;
  CHECK(PyThread_tss_set(&tss_key, &mine) == 0 && PyThread_tss_get(&tss_key) == &mine, "tss set/get");
  pthread_t tt[3];
  int vals[3];
  for (int i = 0; i < 3; i++) pthread_create(&tt[i], NULL, tss_worker, &vals[i]);
  for (int i = 0; i < 3; i++) pthread_join(tt[i], NULL);
  CHECK(tss_ok && PyThread_tss_get(&tss_key) == &mine, "tss is per thread");
  PyThread_tss_delete(&tss_key);
  CHECK(!PyThread_tss_is_created(&tss_key), "deleted");
  Py_tss_t *dyn = PyThread_tss_alloc();
  CHECK(dyn && !PyThread_tss_is_created(dyn) && PyThread_tss_create(dyn) == 0, "tss_alloc");
  PyThread_tss_free(dyn);

  Py_DECREF(shared);
  Py_DECREF(shared2);
  CHECK(!PyErr_Occurred(), "an exception left over");
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
