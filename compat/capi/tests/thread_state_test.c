/* pystate.h / ceval.h: thread states, SaveThread/RestoreThread, PyGILState_Ensure from host threads (many at
 * once, nested, repeated), PyThreadState_GetDict, the recursion guard and PyEval_GetBuiltins/Globals/Locals. */
#include <Python.h>
#include <pthread.h>

#include "capi_check.h"

#define NTHREADS 8
#define ROUNDS 20
#define APPENDS 50

static PyObject *shared_list;
static int thread_failures = 0;

static void *host_thread(void *arg) {
  long id = (long)arg;
  for (int r = 0; r < ROUNDS; r++) {
    if (PyGILState_Check()) __atomic_add_fetch(&thread_failures, 1, __ATOMIC_RELAXED);
    if (PyGILState_GetThisThreadState() != NULL) __atomic_add_fetch(&thread_failures, 1, __ATOMIC_RELAXED);
    PyGILState_STATE s = PyGILState_Ensure();
    if (s != PyGILState_UNLOCKED || !PyGILState_Check() || PyThreadState_Get() == NULL ||
        PyGILState_GetThisThreadState() != PyThreadState_Get())
      __atomic_add_fetch(&thread_failures, 1, __ATOMIC_RELAXED);
    /* Nested Ensure on an attached thread. */
    PyGILState_STATE s2 = PyGILState_Ensure();
    if (s2 != PyGILState_LOCKED) __atomic_add_fetch(&thread_failures, 1, __ATOMIC_RELAXED);
    PyObject *d = PyThreadState_GetDict();
    if (!d || PyObject_CallMethod(d, "setdefault", "si", "id", (int)id) == NULL)
      __atomic_add_fetch(&thread_failures, 1, __ATOMIC_RELAXED);
    for (int i = 0; i < APPENDS; i++) {
      PyObject *v = PyObject_CallMethod(shared_list, "append", "l", id * 1000 + i);
      if (!v) __atomic_add_fetch(&thread_failures, 1, __ATOMIC_RELAXED);
      Py_XDECREF(v);
    }
    /* Detach and attach again inside. */
    Py_BEGIN_ALLOW_THREADS
    if (PyGILState_Check()) __atomic_add_fetch(&thread_failures, 1, __ATOMIC_RELAXED);
    Py_END_ALLOW_THREADS
    PyGILState_Release(s2);
    if (!PyGILState_Check()) __atomic_add_fetch(&thread_failures, 1, __ATOMIC_RELAXED);
    PyGILState_Release(s);
    /* The outermost Release destroyed the state. */
    if (PyGILState_GetThisThreadState() != NULL || PyThreadState_GetUnchecked() != NULL)
      __atomic_add_fetch(&thread_failures, 1, __ATOMIC_RELAXED);
  }
  return NULL;
}

static int recurse(int n) {
  if (Py_EnterRecursiveCall(" in recurse")) return -1;
  int r = n == 0 ? 0 : recurse(n - 1);
  Py_LeaveRecursiveCall();
  return r;
}

int main(void) {
  Py_Initialize();
  PyThreadState *ts = PyThreadState_Get();
  CHECK(ts != NULL && PyThreadState_GetUnchecked() == ts, "main thread state");
  CHECK(PyGILState_Check() == 1, "main thread attached");
  CHECK(PyGILState_GetThisThreadState() == ts, "GetThisThreadState");
  PyInterpreterState *interp = PyInterpreterState_Get();
  CHECK(interp && interp == PyInterpreterState_Main() && PyThreadState_GetInterpreter(ts) == interp, "interpreter");
  CHECK(PyInterpreterState_GetID(interp) == 0, "main interpreter id 0");
  PyObject *d = PyThreadState_GetDict();
  CHECK(d != NULL && d == PyThreadState_GetDict(), "GetDict is per thread and stable");

  /* Save/Restore. */
  PyThreadState *saved = PyEval_SaveThread();
  CHECK(saved == ts, "SaveThread returns the state");
  CHECK(PyThreadState_GetUnchecked() == NULL && !PyGILState_Check(), "detached");
  CHECK(PyThreadState_GetDict() == NULL, "GetDict while detached");
  PyEval_RestoreThread(saved);
  CHECK(PyThreadState_GetUnchecked() == ts, "attached again");
  /* Ensure on the main thread (already attached) and on a detached one. */
  PyGILState_STATE s = PyGILState_Ensure();
  CHECK(s == PyGILState_LOCKED, "Ensure on an attached thread");
  PyGILState_Release(s);
  CHECK(PyGILState_Check(), "still attached");
  Py_BEGIN_ALLOW_THREADS
  PyGILState_STATE s2 = PyGILState_Ensure();
  CHECK(s2 == PyGILState_UNLOCKED && PyGILState_Check(), "Ensure inside ALLOW_THREADS attaches");
  PyGILState_Release(s2);
  CHECK(!PyGILState_Check(), "Release detaches again");
  Py_END_ALLOW_THREADS
  CHECK(PyGILState_Check(), "END_ALLOW_THREADS attaches");
  CHECK(PyThreadState_Get() == ts, "the main state survives");

  /* Host threads. */
  shared_list = Py_BuildValue("[]");
  pthread_t th[NTHREADS];
  for (long i = 0; i < NTHREADS; i++) pthread_create(&th[i], NULL, host_thread, (void *)i);
  Py_BEGIN_ALLOW_THREADS
  for (int i = 0; i < NTHREADS; i++) pthread_join(th[i], NULL);
  Py_END_ALLOW_THREADS
  CHECK(thread_failures == 0, "%d failures in host threads", thread_failures);
  PyObject *n = PyObject_CallMethod(shared_list, "__len__", NULL);
  long len = -1;
  CHECK(n && PyArg_Parse(n, "l", &len) && len == NTHREADS * ROUNDS * APPENDS, "list length %ld", len);
  Py_XDECREF(n);
  Py_DECREF(shared_list);

  /* The recursion guard. */
  CHECK(recurse(100) == 0, "shallow recursion");
  expect_no_exc();
  CHECK(recurse(1000000) == -1, "deep recursion stops");
  expect_exc(PyExc_RecursionError, "maximum recursion depth exceeded in recurse");
  CHECK(recurse(100) == 0, "the guard is balanced after a failure");

  /* Namespaces with no Python frame running. */
  PyObject *b = PyEval_GetBuiltins();
  CHECK(b != NULL, "GetBuiltins");
  if (b) {
    PyObject *len_fn = PyObject_CallMethod(b, "get", "s", "len");
    CHECK(len_fn && len_fn != Py_None, "builtins has len");
    Py_XDECREF(len_fn);
  }
  CHECK(PyEval_GetGlobals() == NULL, "no globals without a frame");
  expect_no_exc();
  CHECK(PyEval_GetLocals() == NULL, "no locals without a frame");
  expect_exc(PyExc_SystemError, "frame does not exist");

  puts(bad ? "FAIL" : "PASS");
  return bad;
}
