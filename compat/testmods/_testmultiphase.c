/* _testmultiphase for pyvm: a multi-phase-init extension (PyModuleDef_Init with exec slots and per-module state), as
 * CPython's import tests expect to find among the extension modules. */
#include <Python.h>

typedef struct {
  long calls; /* how many times call_count() ran on this module object */
} multi_state;

static PyObject *multi_call_count(PyObject *self, PyObject *unused) {
  multi_state *st = PyModule_GetState(self);
  if (st == NULL) return NULL;
  return PyLong_FromLong(++st->calls);
}

/* sum(a, b) */
static PyObject *multi_sum(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll:sum", &a, &b)) return NULL;
  return PyLong_FromLong(a + b);
}

static PyMethodDef multi_methods[] = {
    {"call_count", multi_call_count, METH_NOARGS, "call_count() -> calls so far on this module object, this one included"},
    {"sum", multi_sum, METH_VARARGS, "sum(a, b) -> a + b"},
    {NULL, NULL, 0, NULL},
};

static int multi_exec(PyObject *m) {
  multi_state *st = PyModule_GetState(m);
  st->calls = 0;
  PyObject *error = PyErr_NewException("_testmultiphase.error", NULL, NULL);
  if (PyModule_Add(m, "error", error) < 0 || PyModule_AddIntConstant(m, "int_const", 1969) < 0 ||
      PyModule_AddStringConstant(m, "str_const", "something different") < 0)
    return -1;
  return 0;
}

static PyModuleDef_Slot multi_slots[] = {
    {Py_mod_exec, multi_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static PyModuleDef multi_def = {
    PyModuleDef_HEAD_INIT, "_testmultiphase", "Test module _testmultiphase (multi-phase init)", sizeof(multi_state),
    multi_methods, multi_slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__testmultiphase(void) { return PyModuleDef_Init(&multi_def); }
