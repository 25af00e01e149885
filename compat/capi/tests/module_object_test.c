/* Module objects: PyModule_New, GetDict, GetName(Object), GetDef, GetState, PyModule_Create (single-phase, state,
 * functions, docstring), PyModule_FromDefAndSpec + PyModule_ExecDef (multi-phase, slots), PyState_*, SetGIL.
 * The error paths (with CPython's messages) are checked from Python by tests/ext/modapi_test.py. */
#include <Python.h>

#ifndef Py_True /* until boolobject.h declares it */
PyAPI_DATA(PyLongObject) _Py_TrueStruct;
#define Py_True ((PyObject *)&_Py_TrueStruct)
#endif

static int bad = 0;
#define CHECK(cond, what) \
  do { \
    if (!(cond)) bad = 1, printf("FAIL: %s (line %d)\n", what, __LINE__); \
  } while (0)

static PyObject *f_noargs(PyObject *self, PyObject *unused) { return Py_NewRef(self); }

static PyMethodDef funcs[] = {{"me", f_noargs, METH_NOARGS, "me() -> the module"}, {NULL, NULL, 0, NULL}};

static PyModuleDef single_def = {PyModuleDef_HEAD_INIT, "tsingle", "single doc", 16, funcs};

static int exec_count = 0;
static int exec_ok(PyObject *m) {
  exec_count++;
  return PyModule_GetState(m) != NULL ? 0 : -1;
}
static PyModuleDef_Slot multi_slots[] = {{Py_mod_exec, exec_ok}, {Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static PyModuleDef multi_def = {PyModuleDef_HEAD_INIT, "tmulti", NULL, 8, funcs, multi_slots};

int main(void) {
  Py_Initialize();

  PyObject *m = PyModule_New("fresh");
  CHECK(m && PyModule_CheckExact(m), "PyModule_New");
  CHECK(strcmp(PyModule_GetName(m), "fresh") == 0, "PyModule_GetName");
  PyObject *name = PyModule_GetNameObject(m);
  CHECK(name != NULL, "PyModule_GetNameObject");
  Py_XDECREF(name);
  CHECK(PyModule_GetDict(m) != NULL, "PyModule_GetDict");
  CHECK(PyModule_GetDef(m) == NULL && PyModule_GetState(m) == NULL, "plain module has no def/state");
  PyObject *r;
  CHECK(PyModule_SetDocString(m, "hello") == 0, "PyModule_SetDocString");
  r = PyRun_String("__doc__ == 'hello' and __name__ == 'fresh' and __spec__ is None and __loader__ is None",
                   Py_eval_input, PyModule_GetDict(m), PyModule_GetDict(m));
  CHECK(r == Py_True, "module attributes");
  Py_XDECREF(r);
  Py_DECREF(m);

  /* Single-phase. */
  m = PyModule_Create(&single_def);
  CHECK(m != NULL, "PyModule_Create");
  CHECK(PyModule_GetDef(m) == &single_def, "GetDef");
  char *st = PyModule_GetState(m);
  CHECK(st != NULL && st[0] == 0 && st[15] == 0, "state zeroed");
  CHECK(Py_TYPE((PyObject *)&single_def) == &PyModuleDef_Type, "def typed by PyModuleDef_Init");
  r = PyRun_String("me() is me.__self__ and __doc__ == 'single doc' and "
                   "me.__module__ == 'tsingle' and me.__doc__ == 'me() -> the module'",
                   Py_eval_input, PyModule_GetDict(m), PyModule_GetDict(m));
  CHECK(r == Py_True, "functions of a single-phase module");
  Py_XDECREF(r);
  CHECK(PyState_FindModule(&single_def) == NULL, "FindModule before AddModule");
  CHECK(PyState_AddModule(m, &single_def) == 0, "PyState_AddModule");
  CHECK(PyState_FindModule(&single_def) == m, "PyState_FindModule");
  CHECK(PyState_RemoveModule(&single_def) == 0, "PyState_RemoveModule");
  CHECK(PyState_FindModule(&single_def) == NULL, "FindModule after RemoveModule");
  CHECK(PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) == 0, "SetGIL");
  Py_DECREF(m);

  /* Multi-phase. */
  PyObject *ns = PyRun_String("__import__('types').SimpleNamespace(name='pkg.tmulti')", Py_eval_input,
                              PyModule_GetDict(PyImport_AddModule("__main__")),
                              PyModule_GetDict(PyImport_AddModule("__main__")));
  CHECK(ns != NULL, "spec");
  CHECK(PyModuleDef_Init(&multi_def) == (PyObject *)&multi_def, "PyModuleDef_Init returns the def");
  m = PyModule_FromDefAndSpec(&multi_def, ns);
  CHECK(m != NULL, "PyModule_FromDefAndSpec");
  CHECK(strcmp(PyModule_GetName(m), "pkg.tmulti") == 0, "multi-phase name from the spec");
  CHECK(PyModule_GetState(m) == NULL, "state comes with exec");
  CHECK(PyModule_ExecDef(m, &multi_def) == 0 && exec_count == 1, "PyModule_ExecDef runs the exec slot");
  CHECK(PyModule_GetState(m) != NULL, "state allocated by exec");
  Py_DECREF(m);

  Py_XDECREF(ns);

  if (Py_FinalizeEx() != 0) bad = 1, puts("FAIL: Py_FinalizeEx");
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
