/* One extension that combines what real extensions do, imported by fullext_test.py:
 *   - multi-phase init with module state (the heap types live there), Py_mod_gil = Py_MOD_GIL_NOT_USED;
 *   - Node: a GC type (Py_TPFLAGS_HAVE_GC, tp_traverse, tp_clear, tp_dealloc with PyObject_GC_UnTrack, weak
 *     references through __weaklistoffset__) made with PyType_FromModuleAndSpec, holding other objects;
 *   - Matrix: a buffer exporter (bf_getbuffer / bf_releasebuffer) of a 2-D C-contiguous int32 array with format,
 *     shape, strides and a read-only flag; it counts its exports and refuses to resize while exported, as
 *     bytearray does;
 *   - vectorcall: vsum and describe (METH_FASTCALL | METH_KEYWORDS), call_vc (PyObject_Vectorcall /
 *     PyObject_VectorcallMethod from C), and Adder, whose instances are called through a per-instance vectorcall
 *     pointer (__vectorcalloffset__, Py_TPFLAGS_HAVE_VECTORCALL) and whose type has a tp_vectorcall for
 *     construction. */
#include <Python.h>
#include <stddef.h>
#include <string.h>

#include "testext.h"

typedef struct {
  PyObject *node_type;
  PyObject *matrix_type;
  PyObject *adder_type;
  Py_ssize_t live_nodes;     /* Node objects not yet deallocated */
  Py_ssize_t vc_constructs;  /* Adder instances made through the type's tp_vectorcall */
} fullext_state;

static PyModuleDef fullext_def;

static fullext_state *state_of_type(PyTypeObject *t) {
  PyObject *m = PyType_GetModuleByDef(t, &fullext_def);
  return m ? (fullext_state *)PyModule_GetState(m) : NULL;
}

/* ---- Node: a GC type ---- */

typedef struct {
  PyObject_HEAD
  PyObject *value;
  PyObject *link;
  PyObject *items; /* a list */
  PyObject *weakreflist;
  fullext_state *st;
} NodeObject;

static PyObject *Node_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"value", "link", NULL};
  PyObject *value = Py_None, *link = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:Node", kwlist, &value, &link)) return NULL;
  fullext_state *st = state_of_type(type);
  if (st == NULL) return NULL;
  NodeObject *self = (NodeObject *)type->tp_alloc(type, 0);
  if (self == NULL) return NULL;
  self->items = PyList_New(0);
  if (self->items == NULL) {
    Py_DECREF(self);
    return NULL;
  }
  self->value = Py_NewRef(value);
  self->link = Py_NewRef(link);
  self->st = st;
  st->live_nodes++;
  return (PyObject *)self;
}

static int Node_traverse(PyObject *op, visitproc visit, void *arg) {
  NodeObject *self = (NodeObject *)op;
  Py_VISIT(Py_TYPE(op));
  Py_VISIT(self->value);
  Py_VISIT(self->link);
  Py_VISIT(self->items);
  return 0;
}

static int Node_clear(PyObject *op) {
  NodeObject *self = (NodeObject *)op;
  Py_CLEAR(self->value);
  Py_CLEAR(self->link);
  Py_CLEAR(self->items);
  return 0;
}

static void Node_dealloc(PyObject *op) {
  NodeObject *self = (NodeObject *)op;
  PyTypeObject *tp = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  if (self->weakreflist != NULL) PyObject_ClearWeakRefs(op);
  Node_clear(op);
  if (self->st) self->st->live_nodes--;
  tp->tp_free(op);
  Py_DECREF(tp);
}

static PyObject *Node_get_link(PyObject *op, void *closure) {
  NodeObject *self = (NodeObject *)op;
  return Py_NewRef(self->link ? self->link : Py_None);
}

static int Node_set_link(PyObject *op, PyObject *v, void *closure) {
  NodeObject *self = (NodeObject *)op;
  Py_XSETREF(self->link, Py_NewRef(v ? v : Py_None));
  return 0;
}

static PyObject *Node_add(PyObject *op, PyObject *item) {
  NodeObject *self = (NodeObject *)op;
  if (self->items == NULL) {
    PyErr_SetString(PyExc_RuntimeError, "the node was cleared");
    return NULL;
  }
  if (PyList_Append(self->items, item) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *Node_items(PyObject *op, PyObject *unused) {
  NodeObject *self = (NodeObject *)op;
  return self->items ? PyList_AsTuple(self->items) : PyTuple_New(0);
}

static PyObject *Node_repr(PyObject *op) {
  NodeObject *self = (NodeObject *)op;
  return PyUnicode_FromFormat("<Node %R, %zd items>", self->value ? self->value : Py_None,
                              self->items ? PyList_GET_SIZE(self->items) : (Py_ssize_t)0);
}

static PyMemberDef Node_members[] = {
    {"value", Py_T_OBJECT_EX, offsetof(NodeObject, value), 0, "the node's value"},
    {"__weaklistoffset__", Py_T_PYSSIZET, offsetof(NodeObject, weakreflist), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};
static PyGetSetDef Node_getset[] = {
    {"link", Node_get_link, Node_set_link, "another object (a strong reference)", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};
static PyMethodDef Node_methods[] = {
    {"add", Node_add, METH_O, "append an object to the node's item list"},
    {"items", Node_items, METH_NOARGS, "the node's items as a tuple"},
    {NULL, NULL, 0, NULL},
};
static PyType_Slot Node_slots[] = {
    {Py_tp_doc, "Node(value=None, link=None): a GC-tracked node"},
    {Py_tp_new, Node_new},
    {Py_tp_traverse, Node_traverse},
    {Py_tp_clear, Node_clear},
    {Py_tp_dealloc, Node_dealloc},
    {Py_tp_repr, Node_repr},
    {Py_tp_members, Node_members},
    {Py_tp_getset, Node_getset},
    {Py_tp_methods, Node_methods},
    {0, NULL},
};
static PyType_Spec Node_spec = {"fullext.Node", sizeof(NodeObject), 0,
                                Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC, Node_slots};

/* ---- Matrix: a 2-D buffer exporter ---- */

typedef struct {
  PyObject_HEAD
  int *data;
  Py_ssize_t shape[2];
  Py_ssize_t strides[2];
  int readonly;
  Py_ssize_t exports;
} MatrixObject;

static int matrix_fill(MatrixObject *self, Py_ssize_t rows, Py_ssize_t cols) {
  if (rows < 0 || cols < 0) {
    PyErr_SetString(PyExc_ValueError, "negative dimension");
    return -1;
  }
  int *data = PyMem_Calloc((size_t)(rows * cols > 0 ? rows * cols : 1), sizeof(int));
  if (data == NULL) {
    PyErr_NoMemory();
    return -1;
  }
  for (Py_ssize_t i = 0; i < rows * cols; i++) data[i] = (int)i;
  PyMem_Free(self->data);
  self->data = data;
  self->shape[0] = rows;
  self->shape[1] = cols;
  self->strides[0] = cols * (Py_ssize_t)sizeof(int);
  self->strides[1] = sizeof(int);
  return 0;
}

static PyObject *Matrix_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"rows", "cols", "readonly", NULL};
  Py_ssize_t rows, cols;
  int readonly = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "nn|p:Matrix", kwlist, &rows, &cols, &readonly)) return NULL;
  MatrixObject *self = (MatrixObject *)type->tp_alloc(type, 0);
  if (self == NULL) return NULL;
  if (matrix_fill(self, rows, cols) < 0) {
    Py_DECREF(self);
    return NULL;
  }
  self->readonly = readonly;
  return (PyObject *)self;
}

static void Matrix_dealloc(PyObject *op) {
  MatrixObject *self = (MatrixObject *)op;
  PyTypeObject *tp = Py_TYPE(op);
  PyMem_Free(self->data);
  tp->tp_free(op);
  Py_DECREF(tp);
}

static int Matrix_getbuffer(PyObject *op, Py_buffer *view, int flags) {
  MatrixObject *self = (MatrixObject *)op;
  if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && self->readonly) {
    PyErr_SetString(PyExc_BufferError, "Matrix: the matrix is read-only");
    view->obj = NULL;
    return -1;
  }
  view->obj = Py_NewRef(op);
  view->buf = self->data;
  view->itemsize = sizeof(int);
  view->len = self->shape[0] * self->shape[1] * (Py_ssize_t)sizeof(int);
  view->readonly = self->readonly;
  view->format = (flags & PyBUF_FORMAT) == PyBUF_FORMAT ? "i" : NULL;
  /* C-contiguous: a consumer that asks for no shape gets the bytes as one flat run. */
  if ((flags & PyBUF_ND) == PyBUF_ND) {
    view->ndim = 2;
    view->shape = self->shape;
  } else {
    view->ndim = 1;
    view->shape = NULL;
  }
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? self->strides : NULL;
  view->suboffsets = NULL;
  view->internal = NULL;
  self->exports++;
  return 0;
}

static void Matrix_releasebuffer(PyObject *op, Py_buffer *view) {
  MatrixObject *self = (MatrixObject *)op;
  self->exports--;
}

static PyObject *Matrix_resize(PyObject *op, PyObject *args) {
  MatrixObject *self = (MatrixObject *)op;
  Py_ssize_t rows, cols;
  if (!PyArg_ParseTuple(args, "nn:resize", &rows, &cols)) return NULL;
  if (self->exports > 0) {
    PyErr_SetString(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    return NULL;
  }
  if (matrix_fill(self, rows, cols) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *Matrix_get(PyObject *op, PyObject *args) {
  MatrixObject *self = (MatrixObject *)op;
  Py_ssize_t i, j;
  if (!PyArg_ParseTuple(args, "nn:get", &i, &j)) return NULL;
  if (i < 0 || j < 0 || i >= self->shape[0] || j >= self->shape[1]) {
    PyErr_SetString(PyExc_IndexError, "matrix index out of range");
    return NULL;
  }
  return PyLong_FromLong(self->data[i * self->shape[1] + j]);
}

static PyObject *Matrix_get_exports(PyObject *op, void *closure) {
  return PyLong_FromSsize_t(((MatrixObject *)op)->exports);
}
static PyObject *Matrix_get_shape(PyObject *op, void *closure) {
  MatrixObject *self = (MatrixObject *)op;
  return Py_BuildValue("(nn)", self->shape[0], self->shape[1]);
}

static PyMethodDef Matrix_methods[] = {
    {"resize", Matrix_resize, METH_VARARGS, "resize(rows, cols): refill; refused while the buffer is exported"},
    {"get", Matrix_get, METH_VARARGS, "get(i, j) -> int"},
    {NULL, NULL, 0, NULL},
};
static PyGetSetDef Matrix_getset[] = {
    {"exports", Matrix_get_exports, NULL, "buffers currently exported", NULL},
    {"shape", Matrix_get_shape, NULL, "(rows, cols)", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};
static PyType_Slot Matrix_slots[] = {
    {Py_tp_doc, "Matrix(rows, cols, readonly=False): a 2-D int32 buffer"},
    {Py_tp_new, Matrix_new},
    {Py_tp_dealloc, Matrix_dealloc},
    {Py_tp_methods, Matrix_methods},
    {Py_tp_getset, Matrix_getset},
    {Py_bf_getbuffer, Matrix_getbuffer},
    {Py_bf_releasebuffer, Matrix_releasebuffer},
    {0, NULL},
};
static PyType_Spec Matrix_spec = {"fullext.Matrix", sizeof(MatrixObject), 0, Py_TPFLAGS_DEFAULT, Matrix_slots};

/* ---- vectorcall functions ---- */

/* vsum(*numbers, scale=1, offset=0) -> sum(numbers) * scale + offset */
static PyObject *fx_vsum(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  PyObject *scale = NULL, *offset = NULL;
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  for (Py_ssize_t i = 0; i < nkw; i++) {
    PyObject *name = PyTuple_GET_ITEM(kwnames, i);
    if (PyUnicode_CompareWithASCIIString(name, "scale") == 0) scale = args[nargs + i];
    else if (PyUnicode_CompareWithASCIIString(name, "offset") == 0) offset = args[nargs + i];
    else return PyErr_Format(PyExc_TypeError, "vsum() got an unexpected keyword argument '%U'", name);
  }
  PyObject *total = PyLong_FromLong(0);
  for (Py_ssize_t i = 0; total && i < nargs; i++) Py_SETREF(total, PyNumber_Add(total, args[i]));
  if (total && scale) Py_SETREF(total, PyNumber_Multiply(total, scale));
  if (total && offset) Py_SETREF(total, PyNumber_Add(total, offset));
  return total;
}

/* describe(*args, **kw) -> (args tuple, kwnames tuple or None, kw values tuple): what the callee was given */
static PyObject *fx_describe(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  PyObject *pos = PyTuple_New(nargs);
  PyObject *kwv = PyTuple_New(nkw);
  if (pos == NULL || kwv == NULL) {
    Py_XDECREF(pos);
    Py_XDECREF(kwv);
    return NULL;
  }
  for (Py_ssize_t i = 0; i < nargs; i++) PyTuple_SET_ITEM(pos, i, Py_NewRef(args[i]));
  for (Py_ssize_t i = 0; i < nkw; i++) PyTuple_SET_ITEM(kwv, i, Py_NewRef(args[nargs + i]));
  return Py_BuildValue("(NON)", pos, kwnames ? kwnames : Py_None, kwv);
}

/* call_vc(callable, args, kwargs=None): calls through PyObject_Vectorcall with PY_VECTORCALL_ARGUMENTS_OFFSET (a
 * spare slot before the arguments), the keyword arguments spread into kwnames. */
static PyObject *fx_call_vc(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  if (nargs < 2 || nargs > 3 || kwnames) {
    PyErr_SetString(PyExc_TypeError, "call_vc(callable, args, kwargs=None)");
    return NULL;
  }
  PyObject *callable = args[0], *pos = args[1], *kw = nargs == 3 ? args[2] : Py_None;
  if (!PyTuple_Check(pos) || (kw != Py_None && !PyDict_Check(kw))) {
    PyErr_SetString(PyExc_TypeError, "call_vc: args must be a tuple and kwargs a dict or None");
    return NULL;
  }
  Py_ssize_t np = PyTuple_GET_SIZE(pos), nk = kw == Py_None ? 0 : PyDict_GET_SIZE(kw);
  PyObject **stack = PyMem_Malloc(sizeof(PyObject *) * (size_t)(1 + np + nk));
  if (stack == NULL) return PyErr_NoMemory();
  PyObject *names = nk ? PyTuple_New(nk) : NULL;
  if (nk && names == NULL) {
    PyMem_Free(stack);
    return NULL;
  }
  stack[0] = NULL;
  for (Py_ssize_t i = 0; i < np; i++) stack[1 + i] = PyTuple_GET_ITEM(pos, i);
  Py_ssize_t pos_i = 0, k = 0;
  PyObject *key, *value;
  while (nk && PyDict_Next(kw, &pos_i, &key, &value)) {
    PyTuple_SET_ITEM(names, k, Py_NewRef(key));
    stack[1 + np + k] = value;
    k++;
  }
  PyObject *r = PyObject_Vectorcall(callable, stack + 1, (size_t)np | PY_VECTORCALL_ARGUMENTS_OFFSET, names);
  Py_XDECREF(names);
  PyMem_Free(stack);
  return r;
}

/* call_method_vc(obj, name, *args): PyObject_VectorcallMethod (self in args[0]). */
static PyObject *fx_call_method_vc(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  if (nargs < 2 || kwnames) {
    PyErr_SetString(PyExc_TypeError, "call_method_vc(obj, name, *args)");
    return NULL;
  }
  PyObject *name = args[1];
  PyObject **stack = PyMem_Malloc(sizeof(PyObject *) * (size_t)(nargs - 1));
  if (stack == NULL) return PyErr_NoMemory();
  stack[0] = args[0];
  for (Py_ssize_t i = 2; i < nargs; i++) stack[i - 1] = args[i];
  PyObject *r = PyObject_VectorcallMethod(name, stack, (size_t)(nargs - 1), NULL);
  PyMem_Free(stack);
  return r;
}

static PyObject *fx_live_nodes(PyObject *module, PyObject *unused) {
  return PyLong_FromSsize_t(((fullext_state *)PyModule_GetState(module))->live_nodes);
}
static PyObject *fx_vc_constructs(PyObject *module, PyObject *unused) {
  return PyLong_FromSsize_t(((fullext_state *)PyModule_GetState(module))->vc_constructs);
}

/* ---- Adder: instances called through vectorcall ---- */

typedef struct {
  PyObject_HEAD
  PyObject *base;
  vectorcallfunc vectorcall;
  Py_ssize_t calls;
} AdderObject;

/* adder(*numbers) -> base + sum(numbers); no keyword arguments */
static PyObject *adder_add_vc(PyObject *op, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
  AdderObject *self = (AdderObject *)op;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (kwnames && PyTuple_GET_SIZE(kwnames)) {
    PyErr_SetString(PyExc_TypeError, "Adder() takes no keyword arguments");
    return NULL;
  }
  self->calls++;
  PyObject *total = Py_NewRef(self->base);
  for (Py_ssize_t i = 0; total && i < nargs; i++) Py_SETREF(total, PyNumber_Add(total, args[i]));
  return total;
}

/* A second per-instance entry point: the product instead of the sum (Adder(base, mul=True)). */
static PyObject *adder_mul_vc(PyObject *op, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
  AdderObject *self = (AdderObject *)op;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (kwnames && PyTuple_GET_SIZE(kwnames)) {
    PyErr_SetString(PyExc_TypeError, "Adder() takes no keyword arguments");
    return NULL;
  }
  self->calls++;
  PyObject *total = Py_NewRef(self->base);
  for (Py_ssize_t i = 0; total && i < nargs; i++) Py_SETREF(total, PyNumber_Multiply(total, args[i]));
  return total;
}

static PyObject *adder_make(PyTypeObject *type, PyObject *base, int mul) {
  AdderObject *self = (AdderObject *)type->tp_alloc(type, 0);
  if (self == NULL) return NULL;
  self->base = Py_NewRef(base);
  self->vectorcall = mul ? adder_mul_vc : adder_add_vc;
  return (PyObject *)self;
}

static PyObject *Adder_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
  static char *kwlist[] = {"base", "mul", NULL};
  PyObject *base;
  int mul = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|p:Adder", kwlist, &base, &mul)) return NULL;
  return adder_make(type, base, mul);
}

/* The type's tp_vectorcall: Adder(base) without a tuple and dict (keywords go the tp_new way). */
static PyObject *Adder_type_vc(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
  PyTypeObject *t = (PyTypeObject *)type;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (kwnames == NULL && nargs == 1) {
    fullext_state *st = state_of_type(t);
    if (st == NULL) return NULL;
    st->vc_constructs++;
    return adder_make(t, args[0], 0);
  }
  PyObject *tuple = PyTuple_New(nargs);
  if (tuple == NULL) return NULL;
  for (Py_ssize_t i = 0; i < nargs; i++) PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
  PyObject *kw = NULL;
  if (kwnames) {
    kw = PyDict_New();
    for (Py_ssize_t i = 0; kw && i < PyTuple_GET_SIZE(kwnames); i++)
      if (PyDict_SetItem(kw, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) Py_CLEAR(kw);
    if (kw == NULL) {
      Py_DECREF(tuple);
      return NULL;
    }
  }
  PyObject *r = Adder_new(t, tuple, kw);
  Py_DECREF(tuple);
  Py_XDECREF(kw);
  return r;
}

static void Adder_dealloc(PyObject *op) {
  AdderObject *self = (AdderObject *)op;
  PyTypeObject *tp = Py_TYPE(op);
  Py_CLEAR(self->base);
  tp->tp_free(op);
  Py_DECREF(tp);
}

static PyMemberDef Adder_members[] = {
    {"base", Py_T_OBJECT_EX, offsetof(AdderObject, base), Py_READONLY, NULL},
    {"calls", Py_T_PYSSIZET, offsetof(AdderObject, calls), Py_READONLY, "calls made through vectorcall"},
    {"__vectorcalloffset__", Py_T_PYSSIZET, offsetof(AdderObject, vectorcall), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};
static PyType_Slot Adder_slots[] = {
    {Py_tp_doc, "Adder(base, mul=False): calling it adds (or multiplies) its arguments to base"},
    {Py_tp_new, Adder_new},
    {Py_tp_dealloc, Adder_dealloc},
    {Py_tp_call, PyVectorcall_Call},
    {Py_tp_members, Adder_members},
    {0, NULL},
};
static PyType_Spec Adder_spec = {"fullext.Adder", sizeof(AdderObject), 0,
                                 Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_VECTORCALL, Adder_slots};

/* ---- the module ---- */

static PyMethodDef fullext_methods[] = {
    {"vsum", (PyCFunction)(void (*)(void))fx_vsum, METH_FASTCALL | METH_KEYWORDS,
     "vsum(*numbers, scale=1, offset=0)"},
    {"describe", (PyCFunction)(void (*)(void))fx_describe, METH_FASTCALL | METH_KEYWORDS,
     "describe(*args, **kw) -> (args, kwnames, kwvalues)"},
    {"call_vc", (PyCFunction)(void (*)(void))fx_call_vc, METH_FASTCALL | METH_KEYWORDS,
     "call_vc(callable, args, kwargs=None) through PyObject_Vectorcall"},
    {"call_method_vc", (PyCFunction)(void (*)(void))fx_call_method_vc, METH_FASTCALL | METH_KEYWORDS,
     "call_method_vc(obj, name, *args) through PyObject_VectorcallMethod"},
    {"live_nodes", fx_live_nodes, METH_NOARGS, "Node objects alive"},
    {"vc_constructs", fx_vc_constructs, METH_NOARGS, "Adder objects made through the type's vectorcall"},
    {NULL, NULL, 0, NULL},
};

static int fullext_exec(PyObject *m) {
  fullext_state *st = PyModule_GetState(m);
  st->node_type = PyType_FromModuleAndSpec(m, &Node_spec, NULL);
  if (st->node_type == NULL || PyModule_AddType(m, (PyTypeObject *)st->node_type) < 0) return -1;
  st->matrix_type = PyType_FromModuleAndSpec(m, &Matrix_spec, NULL);
  if (st->matrix_type == NULL || PyModule_AddType(m, (PyTypeObject *)st->matrix_type) < 0) return -1;
  st->adder_type = PyType_FromModuleAndSpec(m, &Adder_spec, NULL);
  if (st->adder_type == NULL) return -1;
  ((PyTypeObject *)st->adder_type)->tp_vectorcall = Adder_type_vc;
  if (PyModule_AddType(m, (PyTypeObject *)st->adder_type) < 0) return -1;
  return 0;
}

static int fullext_traverse(PyObject *m, visitproc visit, void *arg) {
  fullext_state *st = PyModule_GetState(m);
  if (st) {
    Py_VISIT(st->node_type);
    Py_VISIT(st->matrix_type);
    Py_VISIT(st->adder_type);
  }
  return 0;
}
static int fullext_clear(PyObject *m) {
  fullext_state *st = PyModule_GetState(m);
  if (st) {
    Py_CLEAR(st->node_type);
    Py_CLEAR(st->matrix_type);
    Py_CLEAR(st->adder_type);
  }
  return 0;
}
static void fullext_free(void *m) { fullext_clear((PyObject *)m); }

static PyModuleDef_Slot fullext_slots[] = {
    {Py_mod_exec, fullext_exec},
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static PyModuleDef fullext_def = {
    PyModuleDef_HEAD_INIT, "fullext", "GC, buffer and vectorcall together", sizeof(fullext_state), fullext_methods,
    fullext_slots, fullext_traverse, fullext_clear, fullext_free,
};

PyMODINIT_FUNC PyInit_fullext(void) { return PyModuleDef_Init(&fullext_def); }
