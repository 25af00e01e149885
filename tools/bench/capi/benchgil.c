/* Benchmark extension for tools/bench/capi/run that does NOT opt in to free threading (no Py_mod_gil slot), and
 * relies on the GIL as such extensions do: work(seed, rounds) stirs a static buffer, so two threads inside it at
 * once would corrupt each other's results. pyvm runs its functions under the module's own lock (with a
 * RuntimeWarning at import); results must stay correct from any number of threads. */
#include <Python.h>

#include "benchwork.h"

static uint64_t shared_buf[BENCH_WORDS]; /* protected by the GIL under CPython, by the module lock under pyvm */

static PyObject *gil_work(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  uint64_t seed;
  long rounds;
  if (bench_work_args(args, nargs, &seed, &rounds) < 0) return NULL;
  return PyLong_FromUnsignedLongLong(bench_stir(shared_buf, seed, rounds));
}

static PyMethodDef gil_methods[] = {
    {"work", (PyCFunction)(void (*)(void))gil_work, METH_FASTCALL, "work(seed, rounds): CPU-bound hash"},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot gil_slots[] = {{0, NULL}};

static PyModuleDef gil_def = {
    .m_base = PyModuleDef_HEAD_INIT, .m_name = "benchgil",
    .m_size = 0, .m_methods = gil_methods, .m_slots = gil_slots};

PyMODINIT_FUNC PyInit_benchgil(void) { return PyModuleDef_Init(&gil_def); }
