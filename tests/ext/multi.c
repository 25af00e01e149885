/* Multi-phase test extension: a PyModuleDef with module state, an exec slot (which adds functions and a docstring
 * and fills the state), and Py_mod_gil = Py_MOD_GIL_NOT_USED. */
#include <Python.h>

#include "testext.h"

typedef struct {
  PyObject *saved;
  int execs;
} multi_state;

static PyModuleDef multi_def;

static PyObject *multi_get(PyObject *self, PyObject *unused) {
  multi_state *st = PyModule_GetState(self);
  return Py_NewRef(st->saved);
}
static PyObject *multi_set(PyObject *self, PyObject *arg) {
  multi_state *st = PyModule_GetState(self);
  Py_SETREF(st->saved, Py_NewRef(arg));
  Py_RETURN_NONE;
}
static PyObject *multi_check(PyObject *self, PyObject *unused) {
  multi_state *st = PyModule_GetState(self);
  int ok = PyModule_GetDef(self) == &multi_def && st != NULL && st->execs == 1 && PyState_FindModule(&multi_def) == NULL;
  return Py_NewRef(ok ? Py_True : Py_False);
}

static PyMethodDef multi_methods[] = {
    {"get", multi_get, METH_NOARGS, NULL},
    {"set", multi_set, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
static PyMethodDef multi_extra[] = {
    {"check", multi_check, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int multi_exec(PyObject *m) {
  multi_state *st = PyModule_GetState(m);
  if (st == NULL) return -1;
  st->execs++;
  st->saved = PyModule_GetNameObject(m);
  if (st->saved == NULL) return -1;
  if (PyModule_AddFunctions(m, multi_extra) < 0) return -1;
  return PyModule_SetDocString(m, "set by the exec slot");
}

static int multi_traverse(PyObject *m, visitproc visit, void *arg) {
  multi_state *st = PyModule_GetState(m);
  if (st) Py_VISIT(st->saved);
  return 0;
}
static void multi_free(void *m) {
  multi_state *st = PyModule_GetState((PyObject *)m);
  if (st) Py_CLEAR(st->saved);
}

static PyModuleDef_Slot multi_slots[] = {
    {Py_mod_exec, multi_exec},
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static PyModuleDef multi_def = {
    PyModuleDef_HEAD_INIT, "multi", "the definition's doc", sizeof(multi_state), multi_methods, multi_slots,
    multi_traverse, NULL, multi_free,
};

PyMODINIT_FUNC PyInit_multi(void) { return PyModuleDef_Init(&multi_def); }
