/* An embedding program linked against libpyvm.so: starts the runtime from a PyConfig, registers a built-in module
 * (PyImport_AppendInittab), runs code (PyRun_SimpleString, PyRun_String, Py_CompileString + PyEval_EvalCode,
 * PyRun_SimpleFile), imports modules (PyImport_ImportModule, PyImport_ExecCodeModule, PyImport_AddModule), calls
 * functions from them, runs Python from several threads the host created itself (PyGILState_Ensure/Release, nested,
 * while the main thread is released by PyEval_SaveThread), and finalises (atexit callbacks, non-daemon threads,
 * flushed output). */
#include <Python.h>
#include <pthread.h>

#include "testext.h"

static PyObject *emb_same(PyObject *self, PyObject *arg) { return Py_NewRef(arg); }

static PyMethodDef emb_methods[] = {{"same", emb_same, METH_O, "same(x) -> x"}, {NULL, NULL, 0, NULL}};
static PyModuleDef_Slot emb_slots[] = {{Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static PyModuleDef emb_def = {PyModuleDef_HEAD_INIT, "embedded", "a module of the embedding program", 0, emb_methods,
                              emb_slots};
static PyObject *PyInit_embedded(void) { return PyModuleDef_Init(&emb_def); }

static int fail(const char *what) {
  printf("FAIL: %s\n", what);
  return 1;
}

/* Host threads: each round takes the runtime with PyGILState_Ensure (the first one registers the thread), imports a
 * module (the first rounds race to import colorsys), calls a Python function that appends (thread, round, value) to
 * a shared list, nests a second Ensure/Release, and releases; the outermost Release forgets the thread state. */
enum { kHostThreads = 4, kRounds = 50 };
static PyObject *g_record; /* __main__.record */
static int g_host_errors = 0;
static pthread_mutex_t g_err_mu = PTHREAD_MUTEX_INITIALIZER;

static void host_error(const char *what, long id) {
  pthread_mutex_lock(&g_err_mu);
  g_host_errors++;
  fprintf(stderr, "host thread %ld: %s\n", id, what);
  pthread_mutex_unlock(&g_err_mu);
}

static void *host_thread(void *arg) {
  long id = (long)arg;
  for (long i = 0; i < kRounds; i++) {
    PyGILState_STATE g = PyGILState_Ensure();
    if (!PyGILState_Check() || PyGILState_GetThisThreadState() == NULL) host_error("not attached after Ensure", id);
    PyObject *cs = PyImport_ImportModule("colorsys");
    PyObject *v = cs ? PyObject_CallMethod(cs, "rgb_to_hsv", "ddd", 0.0, 0.0, (double)i / kRounds) : NULL;
    PyObject *r = v ? PyObject_CallFunction(g_record, "llO", id, i, v) : NULL;
    if (r == NULL) {
      PyErr_Print();
      host_error("call failed", id);
    }
    Py_XDECREF(r);
    Py_XDECREF(v);
    Py_XDECREF(cs);
    PyGILState_STATE inner = PyGILState_Ensure();
    if (inner != PyGILState_LOCKED) host_error("nested Ensure did not report LOCKED", id);
    if (PyRun_SimpleString("hits.append(1)") != 0) host_error("nested PyRun_SimpleString", id);
    PyGILState_Release(inner);
    PyGILState_Release(g);
    if (PyGILState_GetThisThreadState() != NULL) host_error("thread state kept after the outermost Release", id);
  }
  return NULL;
}

static int run_host_threads(void) {
  if (PyRun_SimpleString("shared = []\nhits = []\n"
                         "def record(t, i, v):\n"
                         "    shared.append((t, i, v[2]))\n") != 0)
    return fail("host thread setup");
  g_record = PyObject_GetAttrString(PyImport_AddModule("__main__"), "record");
  if (g_record == NULL) return fail("__main__.record");
  /* The main thread lets go, as it must under CPython before waiting for threads that need the runtime. */
  PyThreadState *save = PyEval_SaveThread();
  pthread_t th[kHostThreads];
  for (long t = 0; t < kHostThreads; t++)
    if (pthread_create(&th[t], NULL, host_thread, (void *)t) != 0) return fail("pthread_create");
  for (int t = 0; t < kHostThreads; t++) pthread_join(th[t], NULL);
  PyEval_RestoreThread(save);
  Py_DECREF(g_record);
  if (g_host_errors) return fail("host threads");
  return PyRun_SimpleString(
             "want = sorted((t, i, i / 50) for t in range(4) for i in range(50))\n"
             "print('host threads:', len(shared), sorted(shared) == want, len(hits),\n"
             "      sorted(set(t for t, i, v in shared)))\n") != 0
             ? fail("host thread results")
             : 0;
}

int main(int argc, char **argv) {
  if (PyImport_AppendInittab("embedded", PyInit_embedded) != 0) return fail("PyImport_AppendInittab");

  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  char *args[] = {"embed_demo", "arg1"};
  PyStatus st = PyConfig_SetBytesArgv(&config, 2, args);
  if (PyStatus_Exception(st)) return fail("PyConfig_SetBytesArgv");
  config.site_import = 0;
  st = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(st)) Py_ExitStatusException(st);
  if (!Py_IsInitialized()) return fail("Py_IsInitialized");

  if (PyRun_SimpleString("import sys\nprint('argv', sys.argv, 'flags', sys.flags.isolated, sys.flags.no_site)") != 0)
    return fail("PyRun_SimpleString");

  /* Import a stdlib module and call one of its functions. */
  PyObject *json = PyImport_ImportModule("json");
  if (json == NULL) return fail("PyImport_ImportModule(json)");
  PyObject *jd = PyModule_GetDict(json);
  PyObject *s = PyRun_String("dumps({'a': [1, 2.5, None]}, sort_keys=True)", Py_eval_input, jd, jd);
  if (s == NULL) return fail("calling json.dumps");
  PyObject *main = PyImport_AddModule("__main__");
  PyObject *md = PyModule_GetDict(main);
  if (PyImport_GetModuleDict() == NULL) return fail("PyImport_GetModuleDict");
  if (PyRun_SimpleString("import sys\nprint('json.dumps ->', sys.modules['json'].dumps([1, 'x']))") != 0)
    return fail("json from __main__");
  Py_DECREF(s);
  Py_DECREF(json);

  /* The inittab module. */
  if (PyRun_SimpleString("import embedded\nprint(embedded.__doc__, embedded.same(7), embedded.__spec__.origin)") != 0)
    return fail("import embedded");

  /* Compile + evaluate. */
  PyObject *code = Py_CompileString("x = 6 * 7\n", "<embed>", Py_file_input);
  if (code == NULL) return fail("Py_CompileString");
  PyObject *r = PyEval_EvalCode(code, md, md);
  if (r == NULL) return fail("PyEval_EvalCode");
  Py_DECREF(r);
  PyObject *m2 = PyImport_ExecCodeModule("made_from_code", code);
  if (m2 == NULL) return fail("PyImport_ExecCodeModule");
  Py_DECREF(m2);
  Py_DECREF(code);
  if (PyRun_SimpleString("import made_from_code\nprint('x', x, made_from_code.x, made_from_code.__file__)") != 0)
    return fail("results of the compiled code");

  /* An uncaught exception is printed and PyRun_SimpleString returns -1. */
  fflush(stdout);
  if (PyRun_SimpleString("raise KeyError('shown on stderr')") != -1) return fail("uncaught exception");

  /* A syntax error: printed, -1. */
  if (PyRun_SimpleString("1 +") != -1) return fail("syntax error");

  if (run_host_threads() != 0) return 1;

  /* Finalisation runs atexit callbacks and waits for non-daemon threads. */
  if (PyRun_SimpleString("import atexit, threading, time\n"
                         "atexit.register(print, 'atexit callback ran')\n"
                         "def late():\n"
                         "    time.sleep(0.2)\n"
                         "    print('non-daemon thread finished')\n"
                         "threading.Thread(target=late).start()\n") != 0)
    return fail("atexit setup");
  if (Py_FinalizeEx() != 0) return fail("Py_FinalizeEx");
  printf("finalized, initialized=%d\n", Py_IsInitialized());
  return 0;
}
