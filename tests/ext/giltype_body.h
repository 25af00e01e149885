/* The body of two test extensions, giltype (no Py_mod_gil slot: loads with a RuntimeWarning, and its functions and
 * types run under the module's own lock) and giltype_free (declares Py_MOD_GIL_NOT_USED: nothing is serialised).
 * Every entry point below, whether a module function, a slot, a method or a getset of a heap type made by
 * PyType_FromModuleAndSpec or of a static type readied by PyType_Ready during Py_mod_exec, increments one plain C
 * counter non-atomically (read, spin, write) and notes when two threads are inside at once. The includer defines
 * GT_NAME, GT_INIT and GT_GIL_SLOTS. */
#define _POSIX_C_SOURCE 200809L /* nanosleep under -std=c11 */
#include <Python.h>
#include <time.h>

#include "testext.h"

static volatile long counter = 0;
static volatile long deallocs = 0;
static volatile int inside = 0;
static volatile int overlapped = 0;
static volatile int pinged = 0;

static void bump_once(void) {
  if (inside) overlapped = 1;
  inside = 1;
  long v = counter;
  for (volatile int i = 0; i < 2000; i++) {
  }
  counter = v + 1;
  if (inside != 1) overlapped = 1;
  inside = 0;
}

/* ---- Counter: a heap type ---- */

typedef struct {
  PyObject_HEAD
} CounterObject;

static PyObject *counter_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
  bump_once();
  return type->tp_alloc(type, 0);
}
static void counter_dealloc(PyObject *self) {
  PyTypeObject *tp = Py_TYPE(self);
  long v = deallocs;
  for (volatile int i = 0; i < 100; i++) {
  }
  deallocs = v + 1;
  tp->tp_free(self);
  Py_DECREF(tp);
}
static PyObject *counter_bump(PyObject *self, PyObject *unused) {
  bump_once();
  Py_RETURN_NONE;
}
static PyObject *counter_call(PyObject *self, PyObject *args, PyObject *kw) {
  bump_once();
  Py_RETURN_NONE;
}
static PyObject *counter_add(PyObject *a, PyObject *b) {
  bump_once();
  return Py_NewRef(a);
}
static PyObject *counter_repr(PyObject *self) {
  bump_once();
  return PyUnicode_FromString("<Counter>");
}
static Py_ssize_t counter_len(PyObject *self) {
  bump_once();
  return 1;
}
static PyObject *counter_tick(PyObject *self, void *closure) {
  bump_once();
  return PyLong_FromLong(counter);
}
static PyObject *counter_ping(PyObject *self, PyObject *unused) {
  pinged = 1;
  Py_RETURN_NONE;
}
/* wait_for_ping(seconds): releases the thread (Py_BEGIN_ALLOW_THREADS) and waits for another thread's ping(); true
 * when it came, false on timeout (what happens when the module's lock stays held while the thread is released). */
static PyObject *counter_wait_for_ping(PyObject *self, PyObject *arg) {
  double seconds = PyFloat_AsDouble(arg);
  if (seconds == -1.0 && PyErr_Occurred()) return NULL;
  pinged = 0;
  int got = 0;
  Py_BEGIN_ALLOW_THREADS
  struct timespec ms = {0, 1000000};
  for (long i = 0; i < (long)(seconds * 1000) && !got; i++) {
    got = pinged;
    nanosleep(&ms, NULL);
  }
  Py_END_ALLOW_THREADS
  return PyBool_FromLong(got);
}

static PyMethodDef counter_methods[] = {
    {"bump", counter_bump, METH_NOARGS, NULL},
    {"ping", counter_ping, METH_NOARGS, NULL},
    {"wait_for_ping", counter_wait_for_ping, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
static PyGetSetDef counter_getset[] = {{"tick", counter_tick, NULL, NULL, NULL}, {NULL}};
static PyType_Slot counter_slots[] = {
    {Py_tp_new, counter_new},         {Py_tp_dealloc, counter_dealloc}, {Py_tp_call, counter_call},
    {Py_nb_add, counter_add},         {Py_tp_repr, counter_repr},       {Py_sq_length, counter_len},
    {Py_tp_methods, counter_methods}, {Py_tp_getset, counter_getset},   {0, NULL},
};
static PyType_Spec counter_spec = {GT_NAME ".Counter", sizeof(CounterObject), 0,
                                   Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, counter_slots};

/* ---- StaticCounter: a static type ---- */

static int static_init(PyObject *self, PyObject *args, PyObject *kw) {
  bump_once();
  return 0;
}
static void static_dealloc(PyObject *self) {
  long v = deallocs;
  for (volatile int i = 0; i < 100; i++) {
  }
  deallocs = v + 1;
  Py_TYPE(self)->tp_free(self);
}
static PyMethodDef static_methods[] = {{"bump", counter_bump, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static PyTypeObject StaticCounter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = GT_NAME ".StaticCounter",
    .tp_basicsize = sizeof(CounterObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = static_init,
    .tp_dealloc = static_dealloc,
    .tp_methods = static_methods,
};

/* ---- the module ---- */

static PyObject *gt_count(PyObject *self, PyObject *unused) { return PyLong_FromLong(counter); }
static PyObject *gt_deallocs(PyObject *self, PyObject *unused) { return PyLong_FromLong(deallocs); }
static PyObject *gt_overlapped(PyObject *self, PyObject *unused) { return PyBool_FromLong(overlapped); }

static PyMethodDef gt_methods[] = {
    {"count", gt_count, METH_NOARGS, NULL},
    {"deallocs", gt_deallocs, METH_NOARGS, NULL},
    {"overlapped", gt_overlapped, METH_NOARGS, NULL},
    {"bump", counter_bump, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int gt_exec(PyObject *m) {
  PyObject *t = PyType_FromModuleAndSpec(m, &counter_spec, NULL);
  if (t == NULL || PyModule_AddObjectRef(m, "Counter", t) < 0) {
    Py_XDECREF(t);
    return -1;
  }
  Py_DECREF(t);
  if (PyType_Ready(&StaticCounter_Type) < 0) return -1;
  return PyModule_AddObjectRef(m, "StaticCounter", (PyObject *)&StaticCounter_Type);
}

static PyModuleDef_Slot gt_slots[] = {{Py_mod_exec, gt_exec}, GT_GIL_SLOTS {0, NULL}};
static PyModuleDef gt_def = {PyModuleDef_HEAD_INIT, GT_NAME, NULL, 0, gt_methods, gt_slots};

PyMODINIT_FUNC GT_INIT(void) { return PyModuleDef_Init(&gt_def); }
