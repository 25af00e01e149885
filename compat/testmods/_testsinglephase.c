/* _testsinglephase for pyvm: a single-phase-init extension (PyModule_Create in PyInit, no slots), as CPython's
 * import tests expect to find among the extension modules: it records when it was initialised and offers a few
 * functions and constants. */
#define _POSIX_C_SOURCE 200809L
#include <Python.h>

#include <time.h>

static struct PyModuleDef single_def;
static double initialized_at; /* seconds (CLOCK_MONOTONIC) when PyInit last ran */
static long init_count;

/* sum(a, b) */
static PyObject *single_sum(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll:sum", &a, &b)) return NULL;
  return PyLong_FromLong(a + b);
}

/* look_up_self(): the module registered for this definition (PyState_FindModule). */
static PyObject *single_look_up_self(PyObject *self, PyObject *unused) {
  PyObject *m = PyState_FindModule(&single_def);
  if (m == NULL) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "_testsinglephase is not registered");
    return NULL;
  }
  return Py_NewRef(m);
}

/* state_initialized(): the monotonic time at which the module was initialised. */
static PyObject *single_state_initialized(PyObject *self, PyObject *unused) {
  return PyFloat_FromDouble(initialized_at);
}

static PyObject *single_initialized_count(PyObject *self, PyObject *unused) { return PyLong_FromLong(init_count); }

static PyMethodDef single_methods[] = {
    {"sum", single_sum, METH_VARARGS, "sum(a, b) -> a + b"},
    {"look_up_self", single_look_up_self, METH_NOARGS, NULL},
    {"state_initialized", single_state_initialized, METH_NOARGS, NULL},
    {"initialized_count", single_initialized_count, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef single_def = {
    PyModuleDef_HEAD_INIT, "_testsinglephase", "Test module _testsinglephase (single-phase init)", -1,
    single_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__testsinglephase(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  PyObject *m = PyModule_Create(&single_def);
  if (m == NULL) return NULL;
  /* Its functions keep no unguarded shared state (the counters are written here only, under the import lock). */
  if (PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) < 0) {
    Py_DECREF(m);
    return NULL;
  }
  initialized_at = ts.tv_sec + ts.tv_nsec / 1e9;
  init_count++;
  PyObject *error = PyErr_NewException("_testsinglephase.error", NULL, NULL);
  if (PyModule_Add(m, "error", error) < 0 || PyModule_AddIntConstant(m, "int_const", 1969) < 0 ||
      PyModule_AddStringConstant(m, "str_const", "something different") < 0) {
    Py_DECREF(m);
    return NULL;
  }
  return m;
}
