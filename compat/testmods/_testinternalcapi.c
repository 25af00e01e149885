/* _testinternalcapi for pyvm: the internal-state probes that the CPython Lib/test modules pyvm runs and test.support
 * use, answered for pyvm's runtime (whose layouts are CPython 3.13t's), written on pyvm's C-API. Probes of CPython
 * machinery pyvm does not have (the instruction-sequence compiler API, sub-interpreters, the optimizer, the C
 * recursion counter) are not defined. */
#include <Python.h>

/* get_recursion_depth(): the number of Python frames on the calling thread's stack (a C function has no frame, so
 * sys._getframe() here is the caller's frame); 1 at the top level of a module. */
static PyObject *get_recursion_depth(PyObject *self, PyObject *unused) {
  PyObject *sys = PyImport_ImportModule("sys");
  if (sys == NULL) return NULL;
  PyObject *frame = PyObject_CallMethod(sys, "_getframe", NULL);
  Py_DECREF(sys);
  if (frame == NULL) return NULL;
  long depth = 0;
  while (frame != Py_None) {
    depth++;
    PyObject *back = PyObject_GetAttrString(frame, "f_back");
    Py_DECREF(frame);
    if (back == NULL) return NULL;
    frame = back;
  }
  Py_DECREF(frame);
  return PyLong_FromLong(depth);
}

/* has_inline_values(obj): whether obj keeps its attribute values inline (Py_TPFLAGS_INLINE_VALUES). pyvm has no
 * inline values: instance attributes live in the __dict__ held in the managed pre-header, so this is False. */
static PyObject *has_inline_values(PyObject *self, PyObject *obj) {
  return PyBool_FromLong(0);
}

/* dict_getitem_knownhash(dict, key, hash): _PyDict_GetItem_KnownHash; KeyError when absent. */
static PyObject *dict_getitem_knownhash(PyObject *self, PyObject *args) {
  PyObject *mp, *key;
  Py_ssize_t hash;
  if (!PyArg_ParseTuple(args, "OOn:dict_getitem_knownhash", &mp, &key, &hash)) return NULL;
  PyObject *result = _PyDict_GetItem_KnownHash(mp, key, (Py_hash_t)hash);
  if (result == NULL) {
    if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, key);
    return NULL;
  }
  return Py_NewRef(result);
}

/* pymem_getallocatorsname(): PyMem_* and PyObject_* allocate from mimalloc heaps (compat/capi/mem_alloc.cc). */
static PyObject *pymem_getallocatorsname(PyObject *self, PyObject *unused) {
  return PyUnicode_FromString("mimalloc");
}

/* get_config(): the runtime configuration entries pyvm has; code objects always carry column positions
 * (co_positions), since pyvm has no -X no_debug_ranges. Other PyConfig keys are absent (KeyError). */
static PyObject *get_config(PyObject *self, PyObject *unused) {
  PyObject *d = PyDict_New();
  if (d == NULL) return NULL;
  if (PyDict_SetItemString(d, "code_debug_ranges", Py_True) < 0) {
    Py_DECREF(d);
    return NULL;
  }
  return d;
}

/* pyvm never immortalizes objects that use deferred reference counting (code, functions, ...) when threads start,
 * so there is nothing to suppress, and get_immortalize_deferred() is False. */
static PyObject *suppress_immortalization(PyObject *self, PyObject *value) {
  if (PyObject_IsTrue(value) < 0) return NULL;
  Py_RETURN_NONE;
}
static PyObject *get_immortalize_deferred(PyObject *self, PyObject *unused) { return PyBool_FromLong(0); }

static PyMethodDef internal_methods[] = {
    {"get_recursion_depth", get_recursion_depth, METH_NOARGS, NULL},
    {"has_inline_values", has_inline_values, METH_O, NULL},
    {"dict_getitem_knownhash", dict_getitem_knownhash, METH_VARARGS, NULL},
    {"pymem_getallocatorsname", pymem_getallocatorsname, METH_NOARGS, NULL},
    {"get_config", get_config, METH_NOARGS, NULL},
    {"suppress_immortalization", suppress_immortalization, METH_O, NULL},
    {"get_immortalize_deferred", get_immortalize_deferred, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int internal_exec(PyObject *m) {
  /* Objects have CPython 3.13t's layout: GC state lives in the object header (no PyGC_Head in front), and types
   * with a managed dict or weakref list carry a two-word pre-header. */
  if (PyModule_Add(m, "SIZEOF_PYGC_HEAD", PyLong_FromLong(0)) < 0 ||
      PyModule_Add(m, "SIZEOF_MANAGED_PRE_HEADER", PyLong_FromSize_t(2 * sizeof(PyObject *))) < 0)
    return -1;
  return 0;
}

static PyModuleDef_Slot internal_slots[] = {
    {Py_mod_exec, internal_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static PyModuleDef internal_def = {
    PyModuleDef_HEAD_INIT, "_testinternalcapi", "pyvm's internal-state test probes (the part CPython's tests use).",
    0, internal_methods, internal_slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__testinternalcapi(void) { return PyModuleDef_Init(&internal_def); }
