/* Benchmark extension for tools/bench/capi/run, opted in to free threading (Py_mod_gil = Py_MOD_GIL_NOT_USED).
 * Call cost: add(a, b) and f(*args) (METH_FASTCALL), o(x) (METH_O), n() (METH_NOARGS).
 * Parallel calls: work(seed, rounds), CPU-bound on a stack buffer, touching nothing but its arguments. */
#include <Python.h>

#include "benchwork.h"

static PyObject *bench_add(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_Format(PyExc_TypeError, "add() takes exactly 2 arguments (%zd given)", nargs);
    return NULL;
  }
  long a = PyLong_AsLong(args[0]);
  if (a == -1 && PyErr_Occurred()) return NULL;
  long b = PyLong_AsLong(args[1]);
  if (b == -1 && PyErr_Occurred()) return NULL;
  return PyLong_FromLong(a + b);
}

static PyObject *bench_f(PyObject *self, PyObject *const *args, Py_ssize_t nargs) { Py_RETURN_NONE; }

static PyObject *bench_o(PyObject *self, PyObject *arg) { Py_RETURN_NONE; }

static PyObject *bench_n(PyObject *self, PyObject *unused) { Py_RETURN_NONE; }

static PyObject *bench_work(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  uint64_t seed;
  long rounds;
  if (bench_work_args(args, nargs, &seed, &rounds) < 0) return NULL;
  uint64_t buf[BENCH_WORDS];
  return PyLong_FromUnsignedLongLong(bench_stir(buf, seed, rounds));
}

static PyMethodDef bench_methods[] = {
    {"add", (PyCFunction)(void (*)(void))bench_add, METH_FASTCALL, "add(a, b): a + b for two C longs"},
    {"f", (PyCFunction)(void (*)(void))bench_f, METH_FASTCALL, "f(*args): does nothing"},
    {"o", bench_o, METH_O, "o(x): does nothing"},
    {"n", bench_n, METH_NOARGS, "n(): does nothing"},
    {"work", (PyCFunction)(void (*)(void))bench_work, METH_FASTCALL, "work(seed, rounds): CPU-bound hash"},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot bench_slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static PyModuleDef bench_def = {
    .m_base = PyModuleDef_HEAD_INIT, .m_name = "benchext",
    .m_size = 0, .m_methods = bench_methods, .m_slots = bench_slots};

PyMODINIT_FUNC PyInit_benchext(void) { return PyModuleDef_Init(&bench_def); }
