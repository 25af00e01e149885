// pythread.h: OS threads, raw locks and thread-specific storage. Owner: capi-b.
#include "Python.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <condition_variable>
#include <mutex>

namespace {

// A binary semaphore: any thread may release it (CPython's PyThread locks allow that).
struct RawLock {
  std::mutex mu;
  std::condition_variable cv;
  bool locked = false;
};

struct Start {
  void (*func)(void*);
  void* arg;
};

void* thread_trampoline(void* p) {
  Start s = *static_cast<Start*>(p);
  delete static_cast<Start*>(p);
  s.func(s.arg);
  return nullptr;
}

}  // namespace

extern "C" {

const long long PY_TIMEOUT_MAX = LLONG_MAX / 1000;

void PyThread_init_thread(void) {}

unsigned long PyThread_start_new_thread(void (*func)(void*), void* arg) {
  auto* s = new Start{func, arg};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t th;
  int rc = pthread_create(&th, &attr, thread_trampoline, s);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    delete s;
    return PYTHREAD_INVALID_THREAD_ID;
  }
  return static_cast<unsigned long>(th);
}

void PyThread_exit_thread(void) { pthread_exit(nullptr); }

unsigned long PyThread_get_thread_ident(void) { return static_cast<unsigned long>(pthread_self()); }

unsigned long PyThread_get_thread_native_id(void) { return static_cast<unsigned long>(syscall(SYS_gettid)); }

PyThread_type_lock PyThread_allocate_lock(void) { return new (std::nothrow) RawLock; }

void PyThread_free_lock(PyThread_type_lock lock) { delete static_cast<RawLock*>(lock); }

PyLockStatus PyThread_acquire_lock_timed(PyThread_type_lock lock, PY_TIMEOUT_T microseconds, int /*intr_flag*/) {
  auto* l = static_cast<RawLock*>(lock);
  std::unique_lock<std::mutex> g(l->mu);
  auto free_now = [l] { return !l->locked; };
  if (!l->locked) {
    l->locked = true;
    return PY_LOCK_ACQUIRED;
  }
  if (microseconds == 0) return PY_LOCK_FAILURE;
  if (microseconds > PY_TIMEOUT_MAX) microseconds = PY_TIMEOUT_MAX;
  // Beyond about 12 days a deadline could overflow the clock arithmetic: wait without one.
  if (microseconds < 0 || microseconds > (1LL << 40)) {
    l->cv.wait(g, free_now);
  } else if (!l->cv.wait_for(g, std::chrono::microseconds(microseconds), free_now)) {
    return PY_LOCK_FAILURE;
  }
  l->locked = true;
  return PY_LOCK_ACQUIRED;
}

int PyThread_acquire_lock(PyThread_type_lock lock, int waitflag) {
  return PyThread_acquire_lock_timed(lock, waitflag ? -1 : 0, 0) == PY_LOCK_ACQUIRED ? 1 : 0;
}

void PyThread_release_lock(PyThread_type_lock lock) {
  auto* l = static_cast<RawLock*>(lock);
  {
    std::lock_guard<std::mutex> g(l->mu);
    l->locked = false;
  }
  l->cv.notify_one();
}

// ---- Thread-specific storage ----

Py_tss_t* PyThread_tss_alloc(void) {
  auto* k = static_cast<Py_tss_t*>(PyMem_RawMalloc(sizeof(Py_tss_t)));
  if (k) k->_is_initialized = 0;
  return k;
}

void PyThread_tss_free(Py_tss_t* key) {
  if (!key) return;
  PyThread_tss_delete(key);
  PyMem_RawFree(key);
}

int PyThread_tss_is_created(Py_tss_t* key) { return key->_is_initialized; }

int PyThread_tss_create(Py_tss_t* key) {
  if (key->_is_initialized) return 0;
  if (pthread_key_create(&key->_key, nullptr) != 0) return -1;
  key->_is_initialized = 1;
  return 0;
}

void PyThread_tss_delete(Py_tss_t* key) {
  if (!key->_is_initialized) return;
  pthread_key_delete(key->_key);
  key->_is_initialized = 0;
}

int PyThread_tss_set(Py_tss_t* key, void* value) { return pthread_setspecific(key->_key, value) == 0 ? 0 : -1; }

void* PyThread_tss_get(Py_tss_t* key) { return pthread_getspecific(key->_key); }

}  // extern "C"
