/* The container functions from several Python threads at once (no GIL): a C callable, run by 8 threading.Thread
 * targets, appends to one shared list, sets keys in one shared dict and adds to one shared set through the C-API.
 * Nothing may be lost and the containers must stay consistent. */
#include <Python.h>
#include <stddef.h>

#include "compat/capi/abstract_testutil.h"

enum { kThreads = 8, kPerThread = 3000 };

typedef struct {
  PyObject_HEAD
  vectorcallfunc vectorcall;
} WorkerObject;

static int worker_errors = 0;

/* worker(list, dict, set, thread_index) */
static PyObject *worker_call(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
  (void)self, (void)nargsf, (void)kwnames;
  PyObject *list = args[0], *dict = args[1], *set = args[2];
  long base = t_long(args[3]) * kPerThread;
  for (long i = 0; i < kPerThread; i++) {
    PyObject *v = t_int(base + i);
    if (PyList_Append(list, v) < 0) __atomic_fetch_add(&worker_errors, 1, __ATOMIC_RELAXED);
    if (PyDict_SetItem(dict, v, v) < 0) __atomic_fetch_add(&worker_errors, 1, __ATOMIC_RELAXED);
    if (PySet_Add(set, v) < 0) __atomic_fetch_add(&worker_errors, 1, __ATOMIC_RELAXED);
    /* Readers racing with the writers: the *Ref forms are safe. */
    PyObject *got = NULL;
    if (PyDict_GetItemRef(dict, v, &got) != 1 || got != v) __atomic_fetch_add(&worker_errors, 1, __ATOMIC_RELAXED);
    Py_XDECREF(got);
    Py_ssize_t n = PyList_Size(list);
    PyObject *item = PyList_GetItemRef(list, n - 1);
    if (!item) __atomic_fetch_add(&worker_errors, 1, __ATOMIC_RELAXED);
    Py_XDECREF(item);
    if (PySet_Contains(set, v) != 1) __atomic_fetch_add(&worker_errors, 1, __ATOMIC_RELAXED);
    Py_DECREF(v);
  }
  Py_RETURN_NONE;
}

static PyTypeObject WorkerType = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "threadtest.Worker",
    .tp_basicsize = sizeof(WorkerObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_vectorcall_offset = offsetof(WorkerObject, vectorcall),
    .tp_call = PyVectorcall_Call,
};

static WorkerObject worker = {PyObject_HEAD_INIT(&WorkerType) worker_call};

int main(void) {
  Py_Initialize();
  T_CHECK(pyvm_t_type_ready(&WorkerType) == 0, "type ready");
  PyObject *list = PyList_New(0), *dict = PyDict_New(), *set = PySet_New(NULL), *g = PyDict_New();
  PyDict_SetItemString(g, "f", (PyObject *)&worker);
  PyDict_SetItemString(g, "L", list);
  PyDict_SetItemString(g, "D", dict);
  PyDict_SetItemString(g, "S", set);
  PyObject *exec = t_builtin("exec");
  PyObject *src = t_str(
      "import threading\n"
      "ts = [threading.Thread(target=f, args=(L, D, S, i)) for i in range(8)]\n"
      "for t in ts: t.start()\n"
      "for t in ts: t.join()\n");
  PyObject *r = PyObject_CallFunctionObjArgs(exec, src, g, NULL);
  T_CHECK(r == Py_None, "the threads ran");
  if (!r) t_exc("?", NULL);
  Py_XDECREF(r);
  T_CHECK(worker_errors == 0, "C-API calls failed inside the threads: %d", worker_errors);
  T_CHECK(PyList_Size(list) == kThreads * kPerThread, "list has every item (%zd)", PyList_Size(list));
  T_CHECK(PyDict_Size(dict) == kThreads * kPerThread, "dict has every key (%zd)", PyDict_Size(dict));
  T_CHECK(PySet_Size(set) == kThreads * kPerThread, "set has every key (%zd)", PySet_Size(set));
  /* Every value appears exactly once in the list. */
  PyObject *sorted = PySequence_List(list);
  if (sorted && PyList_Sort(sorted) == 0) {
    int ok = 1;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(sorted); i++)
      if (t_long(PyList_GET_ITEM(sorted, i)) != i) ok = 0;
    T_CHECK(ok, "the list holds 0 .. N-1 once each");
  }
  Py_XDECREF(sorted);
  Py_DECREF(src), Py_DECREF(exec), Py_DECREF(g), Py_DECREF(set), Py_DECREF(dict), Py_DECREF(list);
  return t_finish("list_dict_threads_test");
}
