/* _testlimitedcapi for pyvm: the limited-API test helpers that the CPython Lib/test modules pyvm runs call, written
 * on pyvm's C-API. As in CPython, None passed for an object argument stands for a C NULL. */
#include <Python.h>

#define NULL_IF_NONE(x) ((x) == Py_None ? NULL : (x))

static PyObject *sequence_getitem(PyObject *self, PyObject *args) {
  PyObject *seq;
  Py_ssize_t i;
  if (!PyArg_ParseTuple(args, "On:sequence_getitem", &seq, &i)) return NULL;
  return PySequence_GetItem(NULL_IF_NONE(seq), i);
}

static PyObject *sequence_setitem(PyObject *self, PyObject *args) {
  PyObject *seq, *val;
  Py_ssize_t i;
  if (!PyArg_ParseTuple(args, "OnO:sequence_setitem", &seq, &i, &val)) return NULL;
  if (PySequence_SetItem(NULL_IF_NONE(seq), i, NULL_IF_NONE(val)) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *sequence_delitem(PyObject *self, PyObject *args) {
  PyObject *seq;
  Py_ssize_t i;
  if (!PyArg_ParseTuple(args, "On:sequence_delitem", &seq, &i)) return NULL;
  if (PySequence_DelItem(NULL_IF_NONE(seq), i) < 0) return NULL;
  Py_RETURN_NONE;
}

/* object_hasattrstring(obj, name: bytes) -> 0 or 1; PyObject_HasAttrString swallows any error. */
static PyObject *object_hasattrstring(PyObject *self, PyObject *args) {
  PyObject *obj;
  const char *name;
  Py_ssize_t size;
  if (!PyArg_ParseTuple(args, "Oz#:object_hasattrstring", &obj, &name, &size)) return NULL;
  return PyLong_FromLong(PyObject_HasAttrString(NULL_IF_NONE(obj), name));
}

static PyMethodDef limited_methods[] = {
    {"sequence_getitem", sequence_getitem, METH_VARARGS, NULL},
    {"sequence_setitem", sequence_setitem, METH_VARARGS, NULL},
    {"sequence_delitem", sequence_delitem, METH_VARARGS, NULL},
    {"object_hasattrstring", object_hasattrstring, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot limited_slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static PyModuleDef limited_def = {
    PyModuleDef_HEAD_INIT, "_testlimitedcapi", "pyvm's limited-API test helpers (the part CPython's tests use).", 0,
    limited_methods, limited_slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__testlimitedcapi(void) { return PyModuleDef_Init(&limited_def); }
