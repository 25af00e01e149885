/* _testcapi for pyvm: the subset of CPython's C-API test helper module that the CPython Lib/test modules pyvm runs
 * (tests/cpython/modules.bzl) and test.support use, written on pyvm's C-API. Each function keeps the contract those
 * tests rely on; helpers for CPython internals pyvm does not have (set_nomemory, run_in_subinterp, ...) are left
 * out, so a test that needs one fails with AttributeError instead of passing falsely. */
#include <Python.h>

#include <float.h>
#include <limits.h>
#include <signal.h>

/* None stands for a C NULL argument, as in CPython's test helpers. */
#define NULL_IF_NONE(x) ((x) == Py_None ? NULL : (x))

static PyObject *testcapi_error; /* _testcapi.error */

/* getbuffer_with_null_view(obj): PyObject_GetBuffer with a NULL view, which every exporter must refuse. */
static PyObject *getbuffer_with_null_view(PyObject *self, PyObject *obj) {
  if (PyObject_GetBuffer(obj, NULL, PyBUF_SIMPLE) < 0) return NULL;
  Py_RETURN_NONE; /* not reached for a conforming exporter */
}

/* bad_get(self, obj, cls): a METH_FASTCALL function used as a descriptor's __get__; it calls cls() (whose __new__
 * may delete the descriptor from the class while it is being called) and returns repr(self). */
static PyObject *bad_get(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 3) {
    PyErr_SetString(PyExc_TypeError, "bad_get requires exactly 3 arguments");
    return NULL;
  }
  PyObject *res = PyObject_CallNoArgs(args[2]);
  if (res == NULL) return NULL;
  Py_DECREF(res);
  return PyObject_Repr(args[0]);
}

static PyObject *test_with_docstring(PyObject *self, PyObject *unused) { Py_RETURN_NONE; }

/* raise_exception(exc, n): raises exc with the arguments 0, 1, ..., n-1. */
static PyObject *raise_exception(PyObject *self, PyObject *args) {
  PyObject *exc;
  int n;
  if (!PyArg_ParseTuple(args, "Oi:raise_exception", &exc, &n)) return NULL;
  PyObject *exc_args = PyTuple_New(n);
  if (exc_args == NULL) return NULL;
  for (int i = 0; i < n; i++) {
    PyObject *v = PyLong_FromLong(i);
    if (v == NULL) {
      Py_DECREF(exc_args);
      return NULL;
    }
    PyTuple_SET_ITEM(exc_args, i, v);
  }
  PyErr_SetObject(exc, exc_args);
  Py_DECREF(exc_args);
  return NULL;
}

static PyObject *raise_memoryerror(PyObject *self, PyObject *unused) { return PyErr_NoMemory(); }

/* make_exception_with_doc(name, doc=None, base=None, dict=None): PyErr_NewExceptionWithDoc. */
static PyObject *make_exception_with_doc(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"name", "doc", "base", "dict", NULL};
  const char *name;
  const char *doc = NULL;
  PyObject *base = NULL, *dict = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|sOO:make_exception_with_doc", kwlist, &name, &doc, &base, &dict))
    return NULL;
  return PyErr_NewExceptionWithDoc(name, doc, base, dict);
}

/* err_writeunraisable(exc, obj): sets exc as the raised exception (None: none) and reports it with
 * PyErr_WriteUnraisable(obj) (None: NULL). */
static PyObject *err_writeunraisable(PyObject *self, PyObject *args) {
  PyObject *exc, *obj;
  if (!PyArg_ParseTuple(args, "OO:err_writeunraisable", &exc, &obj)) return NULL;
  exc = NULL_IF_NONE(exc);
  obj = NULL_IF_NONE(obj);
  if (exc) PyErr_SetRaisedException(Py_NewRef(exc));
  PyErr_WriteUnraisable(obj);
  Py_RETURN_NONE;
}

/* err_formatunraisable(exc, format, *args): the same with PyErr_FormatUnraisable(format, *args), format None: NULL;
 * up to six object arguments (for %R, %S, %U ...). */
static PyObject *err_formatunraisable(PyObject *self, PyObject *args) {
  PyObject *exc;
  const char *fmt;
  PyObject *a[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
  if (!PyArg_ParseTuple(args, "Oz|OOOOOO:err_formatunraisable", &exc, &fmt, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5]))
    return NULL;
  exc = NULL_IF_NONE(exc);
  if (exc) PyErr_SetRaisedException(Py_NewRef(exc));
  PyErr_FormatUnraisable(fmt, a[0], a[1], a[2], a[3], a[4], a[5]);
  Py_RETURN_NONE;
}

/* create_cfunction(): a new builtin function object each call (for weakref tests). */
static PyObject *create_cfunction(PyObject *self, PyObject *unused);
static PyMethodDef create_cfunction_def = {"create_cfunction", create_cfunction, METH_NOARGS, NULL};
static PyObject *create_cfunction(PyObject *self, PyObject *unused) {
  return PyCFunction_NewEx(&create_cfunction_def, self, NULL);
}

/* raise_SIGINT_then_send_None is not provided: pyvm does not turn SIGINT into KeyboardInterrupt yet (no Python-level
 * signal handling), so raising SIGINT would kill the process instead of testing the generator chain. */

/* call_in_temporary_c_thread(callback, wait=True): runs callback() on a thread started with
 * PyThread_start_new_thread (not by the threading module), attached with PyGILState_Ensure. Returns once the thread
 * has started; with wait, once it has finished. join_temporary_c_thread() waits for the last one to finish. One
 * such thread at a time, as in CPython. */
static struct {
  PyThread_type_lock started;
  PyThread_type_lock finished;
  PyObject *callback;
} c_thread;

static void c_thread_main(void *unused) {
  PyThread_release_lock(c_thread.started);
  PyGILState_STATE st = PyGILState_Ensure();
  PyObject *res = PyObject_CallNoArgs(c_thread.callback);
  Py_CLEAR(c_thread.callback);
  if (res == NULL)
    PyErr_Print();
  else
    Py_DECREF(res);
  PyGILState_Release(st);
  PyThread_release_lock(c_thread.finished);
}

static void c_thread_free_locks(void) {
  if (c_thread.started) PyThread_free_lock(c_thread.started);
  if (c_thread.finished) PyThread_free_lock(c_thread.finished);
  c_thread.started = c_thread.finished = NULL;
}

static PyObject *join_temporary_c_thread(PyObject *self, PyObject *unused) {
  if (c_thread.finished == NULL) {
    PyErr_SetString(PyExc_RuntimeError, "no temporary C thread was started");
    return NULL;
  }
  Py_BEGIN_ALLOW_THREADS
  PyThread_acquire_lock(c_thread.finished, WAIT_LOCK);
  PyThread_release_lock(c_thread.finished);
  Py_END_ALLOW_THREADS
  Py_CLEAR(c_thread.callback);
  c_thread_free_locks();
  Py_RETURN_NONE;
}

static PyObject *call_in_temporary_c_thread(PyObject *self, PyObject *args) {
  PyObject *callback;
  int wait = 1;
  if (!PyArg_ParseTuple(args, "O|i:call_in_temporary_c_thread", &callback, &wait)) return NULL;
  if (c_thread.finished != NULL) {
    PyErr_SetString(PyExc_RuntimeError, "a temporary C thread is still to be joined");
    return NULL;
  }
  c_thread.started = PyThread_allocate_lock();
  c_thread.finished = PyThread_allocate_lock();
  if (!c_thread.started || !c_thread.finished) {
    c_thread_free_locks();
    return PyErr_NoMemory();
  }
  c_thread.callback = Py_NewRef(callback);
  PyThread_acquire_lock(c_thread.started, WAIT_LOCK);
  PyThread_acquire_lock(c_thread.finished, WAIT_LOCK);
  if (PyThread_start_new_thread(c_thread_main, NULL) == PYTHREAD_INVALID_THREAD_ID) {
    PyErr_SetString(PyExc_RuntimeError, "unable to start the thread");
    Py_CLEAR(c_thread.callback);
    c_thread_free_locks();
    return NULL;
  }
  Py_BEGIN_ALLOW_THREADS
  PyThread_acquire_lock(c_thread.started, WAIT_LOCK);
  PyThread_release_lock(c_thread.started);
  Py_END_ALLOW_THREADS
  if (wait) return join_temporary_c_thread(self, NULL);
  Py_RETURN_NONE;
}

/* RecursingInfinitelyError: instantiating it sets an exception of its own type, which instantiates it again, until
 * the recursion limit stops it. */
static int recursing_infinitely_init(PyObject *self, PyObject *args, PyObject *kwargs) {
  PyErr_SetObject((PyObject *)Py_TYPE(self), NULL);
  return -1;
}

static PyType_Slot recursing_slots[] = {
    {Py_tp_init, recursing_infinitely_init},
    {Py_tp_doc, "Instantiating this exception starts infinite recursion."},
    {0, NULL},
};
static PyType_Spec recursing_spec = {
    "_testcapi.RecursingInfinitelyError", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, recursing_slots,
};

/* dict_version(d): the dict's ma_version_tag (3.13t's PyDictObject: after ob_base and ma_used). */
static PyObject *dict_version(PyObject *self, PyObject *d) {
  if (!PyDict_Check(d)) {
    PyErr_SetString(PyExc_TypeError, "dict_version() argument must be dict");
    return NULL;
  }
  uint64_t v = __atomic_load_n((uint64_t *)((char *)d + sizeof(PyObject) + sizeof(Py_ssize_t)), __ATOMIC_RELAXED);
  return PyLong_FromUnsignedLongLong(v);
}

/* _spawn_pthread_waiter() starts an OS thread that never runs Python code and waits until _end_spawned_pthread():
 * test_os checks that os.fork() warns about such a thread too. One at a time, as in CPython. */
static PyThread_type_lock waiter_lock = NULL;

static void wait_for_lock(void *unused) {
  PyThread_type_lock l = waiter_lock;
  PyThread_acquire_lock(l, WAIT_LOCK);
  PyThread_release_lock(l);
  PyThread_free_lock(l);
  waiter_lock = NULL;
}

static PyObject *spawn_pthread_waiter(PyObject *self, PyObject *unused) {
  if (waiter_lock) {
    PyErr_SetString(PyExc_RuntimeError, "thread already running");
    return NULL;
  }
  waiter_lock = PyThread_allocate_lock();
  if (!waiter_lock) return PyErr_NoMemory();
  PyThread_acquire_lock(waiter_lock, WAIT_LOCK);
  if (PyThread_start_new_thread(wait_for_lock, NULL) == PYTHREAD_INVALID_THREAD_ID) {
    PyErr_SetString(PyExc_RuntimeError, "thread creation failed");
    PyThread_release_lock(waiter_lock);
    PyThread_free_lock(waiter_lock);
    waiter_lock = NULL;
    return NULL;
  }
  Py_RETURN_NONE;
}

static PyObject *end_spawned_pthread(PyObject *self, PyObject *unused) {
  if (!waiter_lock) {
    PyErr_SetString(PyExc_RuntimeError, "call _spawn_pthread_waiter 1st");
    return NULL;
  }
  PyThread_release_lock(waiter_lock);
  Py_RETURN_NONE;
}

static PyMethodDef testcapi_methods[] = {
    {"_spawn_pthread_waiter", spawn_pthread_waiter, METH_NOARGS, NULL},
    {"_end_spawned_pthread", end_spawned_pthread, METH_NOARGS, NULL},
    {"dict_version", dict_version, METH_O, NULL},
    {"getbuffer_with_null_view", getbuffer_with_null_view, METH_O, NULL},
    {"bad_get", (PyCFunction)(void (*)(void))bad_get, METH_FASTCALL, NULL},
    {"test_with_docstring", test_with_docstring, METH_NOARGS, "This is a pretty normal docstring."},
    {"raise_exception", raise_exception, METH_VARARGS, NULL},
    {"raise_memoryerror", raise_memoryerror, METH_NOARGS, NULL},
    {"make_exception_with_doc", (PyCFunction)(void (*)(void))make_exception_with_doc, METH_VARARGS | METH_KEYWORDS,
     NULL},
    {"err_writeunraisable", err_writeunraisable, METH_VARARGS, NULL},
    {"err_formatunraisable", err_formatunraisable, METH_VARARGS, NULL},
    {"create_cfunction", create_cfunction, METH_NOARGS, NULL},
    {"call_in_temporary_c_thread", call_in_temporary_c_thread, METH_VARARGS, NULL},
    {"join_temporary_c_thread", join_temporary_c_thread, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int add_int(PyObject *m, const char *name, long long v) { return PyModule_Add(m, name, PyLong_FromLongLong(v)); }

static int testcapi_exec(PyObject *m) {
  if (add_int(m, "CHAR_MAX", CHAR_MAX) < 0 || add_int(m, "CHAR_MIN", CHAR_MIN) < 0 ||
      add_int(m, "UCHAR_MAX", UCHAR_MAX) < 0 || add_int(m, "SHRT_MAX", SHRT_MAX) < 0 ||
      add_int(m, "SHRT_MIN", SHRT_MIN) < 0 || add_int(m, "USHRT_MAX", USHRT_MAX) < 0 ||
      add_int(m, "INT_MAX", INT_MAX) < 0 || add_int(m, "INT_MIN", INT_MIN) < 0 ||
      add_int(m, "UINT_MAX", UINT_MAX) < 0 || add_int(m, "LONG_MAX", LONG_MAX) < 0 ||
      add_int(m, "LONG_MIN", LONG_MIN) < 0 || add_int(m, "LLONG_MAX", LLONG_MAX) < 0 ||
      add_int(m, "LLONG_MIN", LLONG_MIN) < 0 || add_int(m, "PY_SSIZE_T_MAX", PY_SSIZE_T_MAX) < 0 ||
      add_int(m, "PY_SSIZE_T_MIN", PY_SSIZE_T_MIN) < 0 || add_int(m, "SIZEOF_VOID_P", sizeof(void *)) < 0 ||
      add_int(m, "SIZEOF_WCHAR_T", sizeof(wchar_t)) < 0 || add_int(m, "SIZEOF_TIME_T", sizeof(time_t)) < 0)
    return -1;
  if (PyModule_Add(m, "ULONG_MAX", PyLong_FromUnsignedLong(ULONG_MAX)) < 0 ||
      PyModule_Add(m, "ULLONG_MAX", PyLong_FromUnsignedLongLong(ULLONG_MAX)) < 0 ||
      PyModule_Add(m, "FLT_MAX", PyFloat_FromDouble(FLT_MAX)) < 0 ||
      PyModule_Add(m, "FLT_MIN", PyFloat_FromDouble(FLT_MIN)) < 0 ||
      PyModule_Add(m, "DBL_MAX", PyFloat_FromDouble(DBL_MAX)) < 0 ||
      PyModule_Add(m, "DBL_MIN", PyFloat_FromDouble(DBL_MIN)) < 0)
    return -1;
  /* pyvm's C recursion cap (objects/stack_guard.h kCRecursionLimit), CPython 3.13's value. */
  if (add_int(m, "Py_C_RECURSION_LIMIT", 10000) < 0) return -1;
  /* PyMem_* / PyObject_* allocate from mimalloc heaps; there is no pymalloc. */
  if (PyModule_AddObjectRef(m, "WITH_PYMALLOC", Py_False) < 0 ||
      PyModule_AddObjectRef(m, "WITH_MIMALLOC", Py_True) < 0)
    return -1;
  testcapi_error = PyErr_NewException("_testcapi.error", NULL, NULL);
  if (PyModule_AddObjectRef(m, "error", testcapi_error) < 0) return -1;
  PyObject *bases = PyTuple_Pack(1, PyExc_Exception);
  if (bases == NULL) return -1;
  PyObject *rie = PyType_FromSpecWithBases(&recursing_spec, bases);
  Py_DECREF(bases);
  if (PyModule_Add(m, "RecursingInfinitelyError", rie) < 0) return -1;
  return 0;
}

static PyModuleDef_Slot testcapi_slots[] = {
    {Py_mod_exec, testcapi_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static PyModuleDef testcapi_def = {
    PyModuleDef_HEAD_INIT, "_testcapi", "pyvm's C-API test helpers (the part CPython's tests use).", 0,
    testcapi_methods, testcapi_slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__testcapi(void) { return PyModuleDef_Init(&testcapi_def); }
