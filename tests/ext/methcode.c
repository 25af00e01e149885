/* methcode: three corners of the C-API in one extension, imported by methcode_test.py:
 *   - PyCMethod_Type: functions that receive their defining class (METH_METHOD), bound from a heap type's methods
 *     or made by PyCMethod_New, and the PyCFunction/PyCMethod checks on them;
 *   - instancemethod: PyInstanceMethod_New / _Function / _GET_FUNCTION / _Check;
 *   - code objects built from C (PyUnstable_Code_New*, PyCode_NewEmpty), read back (PyCode_Get*, PyCode_Addr2Line,
 *     PyCode_Addr2Location), and extensions' extra data on them (PyUnstable_Eval_RequestCodeExtraIndex,
 *     PyUnstable_Code_GetExtra / SetExtra), also from several threads at once.
 * It compiles against CPython 3.13's headers too: methcode_test.out is CPython's output (see BUILD). */
#include <Python.h>
#include <stdint.h>

#include "testext.h"

typedef struct {
  PyObject *thing_type;
} methcode_state;

static PyModuleDef methcode_def;

/* ---- METH_METHOD ---- */

static PyObject *who(PyObject *self, PyTypeObject *cls, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  return PyUnicode_FromFormat("who: class %s, self %s, %zd positional, keywords %R", cls ? cls->tp_name : "NULL",
                              self ? Py_TYPE(self)->tp_name : "NULL", nargs, kwnames ? kwnames : Py_None);
}
static PyObject *plain(PyObject *self, PyObject *arg) { return PyUnicode_FromFormat("plain %R", arg); }

typedef struct {
  PyObject_HEAD
} Thing;
static PyMethodDef thing_methods[] = {
    {"who", (PyCFunction)(void (*)(void))who, METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
     "who($self, /, *args, **kwargs)\n--\n\nThe defining class and self."},
    {"plain", plain, METH_O, "A method without its class."},
    {NULL, NULL, 0, NULL},
};
static PyType_Slot thing_slots[] = {{Py_tp_methods, thing_methods}, {0, NULL}};
static PyType_Spec thing_spec = {"methcode.Thing", sizeof(Thing), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
                                 thing_slots};

static PyMethodDef free_who_def = {"free_who", (PyCFunction)(void (*)(void))who,
                                   METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL};
static PyMethodDef bad_flags_def = {"bad_flags", plain, METH_METHOD | METH_O, NULL};
static PyMethodDef plain_def = {"plain", plain, METH_O, NULL};

/* cmethod(self): PyCMethod_New(free_who, self, the module's name, Thing). */
static PyObject *mc_cmethod(PyObject *m, PyObject *self) {
  methcode_state *st = PyModule_GetState(m);
  PyObject *name = PyModule_GetNameObject(m);
  if (!name) return NULL;
  PyObject *f = PyCMethod_New(&free_who_def, self, name, (PyTypeObject *)st->thing_type);
  Py_DECREF(name);
  return f;
}

/* kinds(obj): (PyCFunction_Check, PyCFunction_CheckExact, PyCMethod_Check, PyCMethod_CheckExact, the class name
 * from PyCFunction_GET_CLASS or None). */
static PyObject *mc_kinds(PyObject *m, PyObject *o) {
  PyObject *cls = Py_None;
  if (PyCFunction_Check(o) && PyCFunction_GET_CLASS(o))
    cls = PyUnicode_FromString(PyCFunction_GET_CLASS(o)->tp_name);
  else
    Py_INCREF(cls);
  if (!cls) return NULL;
  return Py_BuildValue("(iiiiN)", PyCFunction_Check(o), PyCFunction_CheckExact(o), PyCMethod_Check(o),
                       PyCMethod_CheckExact(o), cls);
}

static PyObject *take_error(void) {
  PyObject *exc = PyErr_GetRaisedException();
  if (!exc) return PyUnicode_FromString("no error");
  PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
  Py_DECREF(exc);
  return r;
}

/* bad_cmethods(): what PyCMethod_New says to a METH_METHOD function without a class, a class for a function
 * without METH_METHOD, and METH_METHOD with another calling convention than METH_FASTCALL | METH_KEYWORDS. */
static PyObject *mc_bad_cmethods(PyObject *m, PyObject *unused) {
  methcode_state *st = PyModule_GetState(m);
  PyTypeObject *cls = (PyTypeObject *)st->thing_type;
  PyObject *r = PyList_New(0);
  for (int i = 0; r && i < 3; i++) {
    PyObject *f = i == 0   ? PyCMethod_New(&free_who_def, NULL, m, NULL)
                  : i == 1 ? PyCMethod_New(&plain_def, NULL, m, cls)
                           : PyCMethod_New(&bad_flags_def, NULL, m, cls);
    PyObject *msg = f ? PyUnicode_FromString("no error") : take_error();
    Py_XDECREF(f);
    if (!msg || PyList_Append(r, msg) < 0) Py_CLEAR(r);
    Py_XDECREF(msg);
  }
  return r;
}

/* ---- instancemethod ---- */

static PyObject *mc_im_new(PyObject *m, PyObject *f) { return PyInstanceMethod_New(f); }
static PyObject *mc_im_function(PyObject *m, PyObject *im) { return Py_XNewRef(PyInstanceMethod_Function(im)); }
static PyObject *mc_im_get_function(PyObject *m, PyObject *im) { return Py_NewRef(PyInstanceMethod_GET_FUNCTION(im)); }
static PyObject *mc_im_check(PyObject *m, PyObject *o) { return PyBool_FromLong(PyInstanceMethod_Check(o)); }
/* A plain C function to store as an instancemethod: it sees the instance as its first argument. */
static PyObject *mc_describe(PyObject *m, PyObject *args) { return PyUnicode_FromFormat("describe%R", args); }

/* ---- code objects ---- */

/* code_new(argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize, flags, code, consts, names, varnames,
 *          freevars, cellvars, filename, name, qualname, firstlineno, linetable, exceptiontable)
 * through PyUnstable_Code_NewWithPosOnlyArgs; code_new_old(...) the same without posonlyargcount through
 * PyUnstable_Code_New. */
static PyObject *mc_code_new(PyObject *m, PyObject *args) {
  int a, p, k, n, s, f, first;
  PyObject *code, *consts, *names, *varnames, *freevars, *cellvars, *filename, *name, *qualname, *lt, *et;
  if (!PyArg_ParseTuple(args, "iiiiiiOOOOOOOOOiOO", &a, &p, &k, &n, &s, &f, &code, &consts, &names, &varnames,
                        &freevars, &cellvars, &filename, &name, &qualname, &first, &lt, &et))
    return NULL;
  return (PyObject *)PyUnstable_Code_NewWithPosOnlyArgs(a, p, k, n, s, f, code, consts, names, varnames, freevars,
                                                        cellvars, filename, name, qualname, first, lt, et);
}
static PyObject *mc_code_new_old(PyObject *m, PyObject *args) {
  int a, k, n, s, f, first;
  PyObject *code, *consts, *names, *varnames, *freevars, *cellvars, *filename, *name, *qualname, *lt, *et;
  if (!PyArg_ParseTuple(args, "iiiiiOOOOOOOOOiOO", &a, &k, &n, &s, &f, &code, &consts, &names, &varnames, &freevars,
                        &cellvars, &filename, &name, &qualname, &first, &lt, &et))
    return NULL;
  return (PyObject *)PyUnstable_Code_New(a, k, n, s, f, code, consts, names, varnames, freevars, cellvars, filename,
                                         name, qualname, first, lt, et);
}
static PyObject *mc_code_empty(PyObject *m, PyObject *args) {
  const char *file, *func;
  int line;
  if (!PyArg_ParseTuple(args, "ssi", &file, &func, &line)) return NULL;
  return (PyObject *)PyCode_NewEmpty(file, func, line);
}
/* code_parts(code): (PyCode_GetCode, PyCode_GetVarnames, PyCode_GetCellvars, PyCode_GetFreevars). */
static PyObject *mc_code_parts(PyObject *m, PyObject *c) {
  if (!PyCode_Check(c)) {
    PyErr_SetString(PyExc_TypeError, "code_parts wants a code object");
    return NULL;
  }
  PyCodeObject *co = (PyCodeObject *)c;
  return Py_BuildValue("(NNNN)", PyCode_GetCode(co), PyCode_GetVarnames(co), PyCode_GetCellvars(co),
                       PyCode_GetFreevars(co));
}
static PyObject *mc_addr2line(PyObject *m, PyObject *args) {
  PyObject *c;
  int addr;
  if (!PyArg_ParseTuple(args, "O!i", &PyCode_Type, &c, &addr)) return NULL;
  return PyLong_FromLong(PyCode_Addr2Line((PyCodeObject *)c, addr));
}
static PyObject *mc_addr2location(PyObject *m, PyObject *args) {
  PyObject *c;
  int addr, sl = -9, sc = -9, el = -9, ec = -9;
  if (!PyArg_ParseTuple(args, "O!i", &PyCode_Type, &c, &addr)) return NULL;
  int ok = PyCode_Addr2Location((PyCodeObject *)c, addr, &sl, &sc, &el, &ec);
  return Py_BuildValue("(iiiii)", ok, sl, sc, el, ec);
}

/* ---- extra data ---- */

static int counted_frees = 0; /* counting_free calls; only the main thread's scenario uses that index */
static void counting_free(void *p) { counted_frees++; }
static void decref_free(void *p) { Py_DecRef((PyObject *)p); }

/* extra_index(kind): a new index whose values are freed by nothing (0), Py_DecRef (1) or a counter (2). */
static PyObject *mc_extra_index(PyObject *m, PyObject *kind) {
  long k = PyLong_AsLong(kind);
  if (k == -1 && PyErr_Occurred()) return NULL;
  Py_ssize_t i = PyUnstable_Eval_RequestCodeExtraIndex(k == 1 ? decref_free : k == 2 ? counting_free : NULL);
  if (i < 0 && !PyErr_Occurred()) return PyLong_FromLong(-1);
  return PyLong_FromSsize_t(i);
}
/* extra_set_obj(code, index, obj): stores a new reference to obj (NULL for None). */
static PyObject *mc_extra_set_obj(PyObject *m, PyObject *args) {
  PyObject *c, *o;
  Py_ssize_t i;
  if (!PyArg_ParseTuple(args, "OnO", &c, &i, &o)) return NULL;
  if (PyUnstable_Code_SetExtra(c, i, o == Py_None ? NULL : Py_NewRef(o)) < 0) {
    if (o != Py_None) Py_DECREF(o);
    return NULL;
  }
  Py_RETURN_NONE;
}
static PyObject *mc_extra_get_obj(PyObject *m, PyObject *args) {
  PyObject *c;
  Py_ssize_t i;
  void *v = (void *)1;
  if (!PyArg_ParseTuple(args, "On", &c, &i)) return NULL;
  if (PyUnstable_Code_GetExtra(c, i, &v) < 0) return NULL;
  return Py_NewRef(v ? (PyObject *)v : Py_None);
}
/* extra_set_int(code, index, n) / extra_get_int(code, index): a plain number stored as the pointer. */
static PyObject *mc_extra_set_int(PyObject *m, PyObject *args) {
  PyObject *c;
  Py_ssize_t i, n;
  if (!PyArg_ParseTuple(args, "Onn", &c, &i, &n)) return NULL;
  if (PyUnstable_Code_SetExtra(c, i, (void *)(intptr_t)n) < 0) return NULL;
  Py_RETURN_NONE;
}
static PyObject *mc_extra_get_int(PyObject *m, PyObject *args) {
  PyObject *c;
  Py_ssize_t i;
  void *v = (void *)1;
  if (!PyArg_ParseTuple(args, "On", &c, &i)) return NULL;
  if (PyUnstable_Code_GetExtra(c, i, &v) < 0) return NULL;
  return PyLong_FromSsize_t((Py_ssize_t)(intptr_t)v);
}
static PyObject *mc_counted_frees(PyObject *m, PyObject *unused) { return PyLong_FromLong(counted_frees); }

/* extra_churn(code, index, tag, rounds): stores tag*1000000 + r under index for r in 1..rounds, each time reading
 * the value back at once, and reads another index (another thread's) in between. Returns the rounds whose value
 * did not read back. Threads run it with an index each on one code object, so its extra block grows under them. */
static PyObject *mc_extra_churn(PyObject *m, PyObject *args) {
  PyObject *c;
  Py_ssize_t i, tag, rounds, other, bad = 0;
  if (!PyArg_ParseTuple(args, "Onnnn", &c, &i, &other, &tag, &rounds)) return NULL;
  for (Py_ssize_t r = 1; r <= rounds; r++) {
    Py_ssize_t want = tag * 1000000 + r;
    void *v = NULL;
    if (PyUnstable_Code_SetExtra(c, i, (void *)(intptr_t)want) < 0) return NULL;
    if (PyUnstable_Code_GetExtra(c, other, &v) < 0) return NULL;
    if (PyUnstable_Code_GetExtra(c, i, &v) < 0) return NULL;
    if ((Py_ssize_t)(intptr_t)v != want) bad++;
  }
  return PyLong_FromSsize_t(bad);
}


/* func_new(code, globals[, qualname]): PyFunction_New / PyFunction_NewWithQualName. */
static PyObject *mc_func_new(PyObject *m, PyObject *args) {
  PyObject *c, *g, *q = NULL;
  if (!PyArg_ParseTuple(args, "OO|O", &c, &g, &q)) return NULL;
  return q ? PyFunction_NewWithQualName(c, g, q) : PyFunction_New(c, g);
}
/* func_set(which, func, value): PyFunction_SetDefaults / SetKwDefaults / SetClosure / SetAnnotations. */
static PyObject *mc_func_set(PyObject *m, PyObject *args) {
  const char *which;
  PyObject *f, *v;
  int r;
  if (!PyArg_ParseTuple(args, "sOO", &which, &f, &v)) return NULL;
  if (strcmp(which, "defaults") == 0) r = PyFunction_SetDefaults(f, v);
  else if (strcmp(which, "kwdefaults") == 0) r = PyFunction_SetKwDefaults(f, v);
  else if (strcmp(which, "closure") == 0) r = PyFunction_SetClosure(f, v);
  else r = PyFunction_SetAnnotations(f, v);
  if (r < 0) return NULL;
  return PyLong_FromLong(r);
}

static PyMethodDef methcode_methods[] = {
    {"cmethod", mc_cmethod, METH_O, "cmethod(self): PyCMethod_New with the Thing class"},
    {"kinds", mc_kinds, METH_O, "kinds(obj): the PyCFunction / PyCMethod checks"},
    {"bad_cmethods", mc_bad_cmethods, METH_NOARGS, "bad_cmethods(): PyCMethod_New's errors"},
    {"im_new", mc_im_new, METH_O, NULL},
    {"im_function", mc_im_function, METH_O, NULL},
    {"im_get_function", mc_im_get_function, METH_O, NULL},
    {"im_check", mc_im_check, METH_O, NULL},
    {"describe", mc_describe, METH_VARARGS, NULL},
    {"code_new", mc_code_new, METH_VARARGS, NULL},
    {"code_new_old", mc_code_new_old, METH_VARARGS, NULL},
    {"code_empty", mc_code_empty, METH_VARARGS, NULL},
    {"code_parts", mc_code_parts, METH_O, NULL},
    {"addr2line", mc_addr2line, METH_VARARGS, NULL},
    {"addr2location", mc_addr2location, METH_VARARGS, NULL},
    {"extra_index", mc_extra_index, METH_O, NULL},
    {"extra_set_obj", mc_extra_set_obj, METH_VARARGS, NULL},
    {"extra_get_obj", mc_extra_get_obj, METH_VARARGS, NULL},
    {"extra_set_int", mc_extra_set_int, METH_VARARGS, NULL},
    {"extra_get_int", mc_extra_get_int, METH_VARARGS, NULL},
    {"counted_frees", mc_counted_frees, METH_NOARGS, NULL},
    {"extra_churn", mc_extra_churn, METH_VARARGS, NULL},
    {"func_new", mc_func_new, METH_VARARGS, NULL},
    {"func_set", mc_func_set, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int methcode_exec(PyObject *m) {
  methcode_state *st = PyModule_GetState(m);
  st->thing_type = PyType_FromModuleAndSpec(m, &thing_spec, NULL);
  if (st->thing_type == NULL || PyModule_AddType(m, (PyTypeObject *)st->thing_type) < 0) return -1;
  return 0;
}
static int methcode_traverse(PyObject *m, visitproc visit, void *arg) {
  methcode_state *st = PyModule_GetState(m);
  if (st) Py_VISIT(st->thing_type);
  return 0;
}
static int methcode_clear(PyObject *m) {
  methcode_state *st = PyModule_GetState(m);
  if (st) Py_CLEAR(st->thing_type);
  return 0;
}
static void methcode_free(void *m) { methcode_clear((PyObject *)m); }

static PyModuleDef_Slot methcode_slots[] = {
    {Py_mod_exec, methcode_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static PyModuleDef methcode_def = {
    PyModuleDef_HEAD_INIT,  "methcode",       "PyCMethod_Type, instancemethod and code objects from C",
    sizeof(methcode_state), methcode_methods, methcode_slots,
    methcode_traverse,      methcode_clear,   methcode_free,
};

PyMODINIT_FUNC PyInit_methcode(void) { return PyModuleDef_Init(&methcode_def); }
