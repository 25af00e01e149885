/* Multi-phase test extension without a Py_mod_gil slot: it loads with a RuntimeWarning and its functions run under
 * the module's own lock. enter() notices when two threads are inside it at once (overlapped() then says so). */
#include <Python.h>

#include "testext.h"

static volatile int inside = 0;
static volatile int overlapped = 0;

static PyObject *gil_enter(PyObject *self, PyObject *unused) {
  if (inside) overlapped = 1;
  inside = 1;
  for (volatile int i = 0; i < 20000; i++) {
  }
  if (inside != 1) overlapped = 1;
  inside = 0;
  Py_RETURN_NONE;
}
static PyObject *gil_overlapped(PyObject *self, PyObject *unused) { return Py_NewRef(overlapped ? Py_True : Py_False); }

static PyMethodDef gil_methods[] = {
    {"enter", gil_enter, METH_NOARGS, NULL},
    {"overlapped", gil_overlapped, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
static PyModuleDef_Slot gil_slots[] = {{0, NULL}};
static PyModuleDef gil_def = {PyModuleDef_HEAD_INIT, "gilmod", NULL, 0, gil_methods, gil_slots};

PyMODINIT_FUNC PyInit_gilmod(void) { return PyModuleDef_Init(&gil_def); }
