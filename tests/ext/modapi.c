/* The module C-API's error paths, called from Python (modapi_test.py checks the exceptions, as CPython raises
 * them). Declared free of the GIL. */
#include <Python.h>

#include "testext.h"

static PyObject *f_self(PyObject *self, PyObject *unused) { return Py_NewRef(self); }
static PyMethodDef bad_funcs[] = {{"cls", f_self, METH_NOARGS | METH_CLASS, NULL}, {NULL, NULL, 0, NULL}};

static int exec_silent(PyObject *m) { return -1; }
static PyModuleDef_Slot silent_slots[] = {{Py_mod_exec, exec_silent}, {0, NULL}};
static PyModuleDef silent_def = {PyModuleDef_HEAD_INIT, "tsilent", NULL, 0, NULL, silent_slots};
static PyModuleDef_Slot unknown_slots[] = {{99, NULL}, {0, NULL}};
static PyModuleDef unknown_def = {PyModuleDef_HEAD_INIT, "tunknown", NULL, 0, NULL, unknown_slots};
static PyObject *create_nothing(PyObject *spec, PyModuleDef *def) { return NULL; }
static PyModuleDef_Slot nocreate_slots[] = {{Py_mod_create, create_nothing}, {0, NULL}};
static PyModuleDef nocreate_def = {PyModuleDef_HEAD_INIT, "tnocreate", NULL, 0, NULL, nocreate_slots};
static PyObject *create_object(PyObject *spec, PyModuleDef *def) { return Py_NewRef(spec); }
static PyModuleDef_Slot objcreate_slots[] = {{Py_mod_create, create_object}, {0, NULL}};
static PyModuleDef objcreate_def = {PyModuleDef_HEAD_INIT, "tobj", NULL, 8, NULL, objcreate_slots};

static PyObject *name_of(PyObject *self, PyObject *arg) { return PyModule_GetNameObject(arg); }
static PyObject *filename_of(PyObject *self, PyObject *arg) { return PyModule_GetFilenameObject(arg); }
static PyObject *add_bad(PyObject *self, PyObject *arg) {
  return PyModule_AddFunctions(arg, bad_funcs) < 0 ? NULL : Py_NewRef(Py_None);
}
static PyObject *exec_silent_module(PyObject *self, PyObject *spec) {
  PyObject *m = PyModule_FromDefAndSpec(&silent_def, spec);
  if (m == NULL) return NULL;
  if (PyModule_ExecDef(m, &silent_def) < 0) {
    Py_DECREF(m);
    return NULL;
  }
  return m;
}
static PyObject *unknown_slot(PyObject *self, PyObject *spec) { return PyModule_FromDefAndSpec(&unknown_def, spec); }
static PyObject *create_null(PyObject *self, PyObject *spec) { return PyModule_FromDefAndSpec(&nocreate_def, spec); }
static PyObject *create_obj(PyObject *self, PyObject *spec) { return PyModule_FromDefAndSpec(&objcreate_def, spec); }
static PyObject *state_add_slots(PyObject *self, PyObject *arg) {
  return PyState_AddModule(self, &silent_def) < 0 ? NULL : Py_NewRef(Py_None);
}

static PyMethodDef modapi_methods[] = {
    {"name_of", name_of, METH_O, NULL},
    {"filename_of", filename_of, METH_O, NULL},
    {"add_bad", add_bad, METH_O, NULL},
    {"exec_silent", exec_silent_module, METH_O, NULL},
    {"unknown_slot", unknown_slot, METH_O, NULL},
    {"create_null", create_null, METH_O, NULL},
    {"create_obj", create_obj, METH_O, NULL},
    {"state_add_slots", state_add_slots, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
static PyModuleDef_Slot modapi_slots[] = {{Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static PyModuleDef modapi_def = {PyModuleDef_HEAD_INIT, "modapi", NULL, 0, modapi_methods, modapi_slots};

PyMODINIT_FUNC PyInit_modapi(void) { return PyModuleDef_Init(&modapi_def); }
