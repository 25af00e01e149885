/* Single-phase test extension: PyModule_Create with METH_NOARGS / METH_O / METH_VARARGS functions, module state
 * by definition (PyState_FindModule), declared free of the GIL with PyUnstable_Module_SetGIL. */
#include <Python.h>

#include "testext.h"

static PyModuleDef single_def;

static PyObject *single_name(PyObject *self, PyObject *unused) { return PyModule_GetNameObject(self); }
static PyObject *single_echo(PyObject *self, PyObject *arg) { return Py_NewRef(arg); }
static PyObject *single_args(PyObject *self, PyObject *args) { return Py_NewRef(args); }
static PyObject *single_found(PyObject *self, PyObject *unused) {
  return Py_NewRef(PyState_FindModule(&single_def) == self ? Py_True : Py_False);
}
static PyObject *single_def_is_ours(PyObject *self, PyObject *unused) {
  return Py_NewRef(PyModule_GetDef(self) == &single_def && PyModule_GetState(self) != NULL ? Py_True : Py_False);
}

static PyMethodDef single_methods[] = {
    {"name", single_name, METH_NOARGS, "name() -> the module's name"},
    {"echo", single_echo, METH_O, NULL},
    {"args", single_args, METH_VARARGS, NULL},
    {"found", single_found, METH_NOARGS, NULL},
    {"def_is_ours", single_def_is_ours, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef single_def = {
    PyModuleDef_HEAD_INIT, "single", "A single-phase test module.", sizeof(long), single_methods,
};

PyMODINIT_FUNC PyInit_single(void) {
  PyObject *m = PyModule_Create(&single_def);
  if (m == NULL) return NULL;
#ifdef Py_GIL_DISABLED
  PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
  return m;
}
