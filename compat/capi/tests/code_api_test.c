/* code.h: code objects built from C and their extra data, where pyvm knowingly differs from CPython 3.13 or goes
 * past what tests/ext/methcode_test.py can compare with it:
 *   - bytecode is verified: code that does not verify is refused with ValueError (CPython accepts it and may crash
 *     running it); an empty co_code (what Cython passes) gives a code object that cannot be run: every way to make
 *     it runnable raises SystemError (CPython would run off the end of nothing);
 *   - PyCode_Addr2Location past the last instruction gives -1s (CPython 3.13 repeats the last entry's position);
 *   - PyCode_GetNumFree / PyUnstable_Code_GetFirstFree are functions (inline field reads in CPython's headers);
 *   - the index limit of PyUnstable_Eval_RequestCodeExtraIndex, and extra blocks that grow while another thread
 *     reads them (QSBR keeps a replaced block alive; run this under --config=asan to see a use-after-free). */
#include <Python.h>

#include "capi_check.h"

static PyObject *run(const char *src, PyObject *globals) { return PyRun_String(src, Py_file_input, globals, globals); }
static PyObject *eval(const char *src, PyObject *globals) { return PyRun_String(src, Py_eval_input, globals, globals); }

/* A code object with the given co_code, no names, `stacksize` and no line table. */
static PyCodeObject *code_with(PyObject *code, int stacksize) {
  PyObject *empty = PyTuple_New(0), *file = PyUnicode_FromString("c.py"), *name = PyUnicode_FromString("cname");
  PyObject *noline = PyBytes_FromStringAndSize("", 0);
  PyCodeObject *co = PyUnstable_Code_NewWithPosOnlyArgs(0, 0, 0, 0, stacksize, 0, code, empty, empty, empty, empty,
                                                        empty, file, name, name, 3, noline, noline);
  Py_DECREF(empty), Py_DECREF(file), Py_DECREF(name), Py_DECREF(noline);
  return co;
}

/* ---- extra blocks growing under a reader ---- */

static Py_ssize_t first_index;
static volatile int writer_done = 0;
static long reader_misses = 0, reader_reads = 0;

/* reader(code): reads first_index until the writer is done; it must always see 4242. It detaches now and then (a
 * quiescent state, after which blocks it read before may be freed, and room for a stop-the-world). */
static PyObject *reader(PyObject *self, PyObject *code) {
  while (!__atomic_load_n(&writer_done, __ATOMIC_ACQUIRE)) {
    void *v = NULL;
    if (PyUnstable_Code_GetExtra(code, first_index, &v) < 0) return NULL;
    if (v != (void *)4242) __atomic_fetch_add(&reader_misses, 1, __ATOMIC_RELAXED);
    if (__atomic_add_fetch(&reader_reads, 1, __ATOMIC_RELAXED) % 64 == 0) {
      Py_BEGIN_ALLOW_THREADS Py_END_ALLOW_THREADS
    }
  }
  Py_RETURN_NONE;
}
/* writer(code): takes new indices one at a time and sets each on code, so its block grows every time, running a
 * little Python code between steps (where replaced blocks may be freed). Returns how many indices it set. */
static PyObject *write_all(PyObject *code) {
  Py_ssize_t n = 0;
  for (;;) {
    Py_ssize_t i = PyUnstable_Eval_RequestCodeExtraIndex(NULL);
    if (i < 0) break;
    if (PyUnstable_Code_SetExtra(code, i, (void *)(i + 1)) < 0) return NULL;
    n++;
    PyObject *r = PyRun_String("sum(range(50))", Py_eval_input, PyEval_GetGlobals(), PyEval_GetGlobals());
    Py_XDECREF(r);
    if (!r) return NULL;
  }
  return PyLong_FromSsize_t(n);
}
static PyObject *writer(PyObject *self, PyObject *code) {
  PyObject *r = write_all(code);
  __atomic_store_n(&writer_done, 1, __ATOMIC_RELEASE);
  return r;
}
static PyMethodDef reader_def = {"reader", reader, METH_O, NULL};
static PyMethodDef writer_def = {"writer", writer, METH_O, NULL};

int main(void) {
  Py_Initialize();
  PyObject *g = PyDict_New();
  PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());

  /* Verified bytecode: a RESUME that falls off the end is refused. */
  PyObject *resume_only = PyBytes_FromStringAndSize("\x95\x00", 2);
  CHECK(code_with(resume_only, 0) == NULL, "unverifiable code accepted");
  expect_exc(PyExc_ValueError,
             "PyUnstable_Code_NewWithPosOnlyArgs: pyvm refuses this code object: bad marshal data "
             "(invalid bytecode: control falls off the end)");

  /* No bytecode: a code object with every other field, never run. */
  PyObject *nothing = PyBytes_FromStringAndSize("", 0);
  PyCodeObject *empty = code_with(nothing, 0);
  CHECK(empty != NULL, "empty co_code refused");
  if (!empty) PyErr_Print();
  PyObject *ec = (PyObject *)empty;
  const char *no_run =
      "code object 'cname' has no bytecode (it was made by PyUnstable_Code_New with an empty "
      "co_code) and cannot be run";
  CHECK(PyEval_EvalCode(ec, g, g) == NULL, "exec of code without bytecode");
  expect_exc(PyExc_SystemError, no_run);
  PyDict_SetItemString(g, "ec", ec);
  CHECK(run("def f(): pass\nf.__code__ = ec\n", g) == NULL, "__code__ = code without bytecode");
  expect_exc(PyExc_SystemError, no_run);
  CHECK(run("import types\ntypes.FunctionType(ec, {})\n", g) == NULL, "FunctionType(code without bytecode)");
  expect_exc(PyExc_SystemError, no_run);
  /* As a constant of code that makes a function of it (MAKE_FUNCTION). */
  CHECK(run("def outer():\n  def inner(): pass\n  return inner\n"
            "oc = outer.__code__\n"
            "k = [i for i, c in enumerate(oc.co_consts) if hasattr(c, 'co_code')][0]\n"
            "consts = list(oc.co_consts); consts[k] = ec.replace(co_name='inner', co_qualname='outer.<locals>.inner')\n"
            "outer.__code__ = oc.replace(co_consts=tuple(consts))\n",
            g) != NULL,
        "code whose constant has no bytecode");
  expect_no_exc();
  CHECK(eval("outer()", g) == NULL, "MAKE_FUNCTION of code without bytecode");
  expect_exc(PyExc_SystemError,
             "code object 'outer.<locals>.inner' has no bytecode (it was made by "
             "PyUnstable_Code_New with an empty co_code) and cannot be run");
  /* replace() keeps such an object valid; giving it real code makes it runnable. */
  expect_str(eval("ec.replace(co_name='other').co_name", g), "other");
  expect_str(eval("repr(ec.replace(co_code=b'').co_code)", g), "b''");
  CHECK(eval("ec.replace(co_code=b'\\x95\\x00')", g) == NULL, "replace with unverifiable code");
  expect_exc(PyExc_ValueError, NULL);
  PyObject *runnable = eval(
      "ec.replace(co_code=compile('', 'c.py', 'exec').co_code, co_consts=(None,), "
      "co_linetable=compile('', 'c.py', 'exec').co_linetable)",
      g);
  CHECK(runnable != NULL, "replace with real code");
  if (!runnable) PyErr_Print();
  if (runnable) {
    PyObject *r = PyEval_EvalCode(runnable, g, g);
    CHECK(r == Py_None, "it runs");
    Py_XDECREF(r);
  }
  PyErr_Clear();
  Py_XDECREF(runnable);

  /* The number of free variables and where they start. */
  CHECK(run("def mk(a):\n  b = a\n  def inner(c):\n    return a + b + c\n  return inner\nfn = mk(1)\n", g) != NULL,
        "closure");
  PyObject *inner = eval("fn.__code__", g), *outer = eval("mk.__code__", g);
  CHECK(inner && PyCode_GetNumFree((PyCodeObject *)inner) == 2, "inner has 2 free variables");
  CHECK(inner && PyUnstable_Code_GetFirstFree((PyCodeObject *)inner) == 1, "after its one local");
  CHECK(outer && PyCode_GetNumFree((PyCodeObject *)outer) == 0 &&
            PyUnstable_Code_GetFirstFree((PyCodeObject *)outer) == 3,
        "mk: no free variables; a, b, inner before them");
  CHECK(PyCode_GetNumFree((PyCodeObject *)g) == -1, "GetNumFree of a dict");
  expect_exc(PyExc_SystemError, NULL);
  CHECK(PyCode_GetCode((PyCodeObject *)g) == NULL && PyCode_GetVarnames((PyCodeObject *)g) == NULL, "Get* of a dict");
  expect_exc(PyExc_SystemError, NULL);
  CHECK(PyCode_Addr2Line((PyCodeObject *)g, 0) == -1, "Addr2Line of a dict");
  expect_exc(PyExc_SystemError, NULL);

  /* Past the end: -1 everywhere. */
  int sl = 0, sc = 0, el = 0, ec2 = 0;
  CHECK(inner && PyCode_Addr2Location((PyCodeObject *)inner, 100000, &sl, &sc, &el, &ec2) == 1 && sl == -1 &&
            sc == -1 && el == -1 && ec2 == -1,
        "Addr2Location past the end: %d %d %d %d", sl, sc, el, ec2);
  CHECK(inner && PyCode_Addr2Line((PyCodeObject *)inner, 100000) == -1, "Addr2Line past the end");

  /* PyCode_NewEmpty's code raises AssertionError where it says. */
  PyCodeObject *ne = PyCode_NewEmpty("ne.py", "nefunc", 7);
  CHECK(ne && PyCode_Addr2Line(ne, 0) == 7, "NewEmpty's line");
  PyObject *r = ne ? PyEval_EvalCode((PyObject *)ne, g, g) : NULL;
  CHECK(r == NULL, "NewEmpty's code runs");
  expect_exc(PyExc_AssertionError, "");

  /* Extra data: a reader sees its value while a writer grows the block to every index there is. */
  first_index = PyUnstable_Eval_RequestCodeExtraIndex(NULL);
  CHECK(first_index >= 0, "an index");
  PyObject *shared = eval("compile('x = 1', 's.py', 'exec')", g);
  CHECK(shared && PyUnstable_Code_SetExtra(shared, first_index, (void *)4242) == 0, "set the first value");
  PyObject *rf = PyCFunction_New(&reader_def, NULL), *wf = PyCFunction_New(&writer_def, NULL);
  PyDict_SetItemString(g, "reader", rf);
  PyDict_SetItemString(g, "writer", wf);
  PyDict_SetItemString(g, "shared", shared);
  CHECK(run("import threading\n"
            "out = []\n"
            "rs = [threading.Thread(target=reader, args=(shared,)) for i in range(3)]\n"
            "for t in rs: t.start()\n"
            "out.append(writer(shared))\n"
            "for t in rs: t.join()\n",
            g) != NULL,
        "threads ran");
  PyErr_Print();
  PyObject *taken = eval("out[0]", g);
  long n = taken ? PyLong_AsLong(taken) : -1;
  /* 255 indices in all; a few were taken before the writer started. */
  CHECK(n >= 200 && n + first_index + 1 == 255, "the writer took every index left (%ld after %zd)", n, first_index);
  CHECK(PyUnstable_Eval_RequestCodeExtraIndex(NULL) == -1 && !PyErr_Occurred(), "no more indices, no exception");
  CHECK(reader_misses == 0, "the readers saw another value %ld times in %ld reads", reader_misses, reader_reads);
  printf("readers: %ld reads while the block grew %ld times\n", reader_reads, n);
  void *v = NULL;
  CHECK(PyUnstable_Code_GetExtra(shared, 254, &v) == 0 && v == (void *)255, "the last index's value");
  CHECK(PyUnstable_Code_GetExtra(shared, first_index, &v) == 0 && v == (void *)4242, "the first value survived");
  CHECK(PyUnstable_Code_GetExtra(shared, 255, &v) == 0 && v == NULL, "past the last index: NULL");
  CHECK(PyUnstable_Code_SetExtra(shared, 255, (void *)1) == -1, "set past the last index");
  expect_exc(PyExc_SystemError, NULL);

  Py_XDECREF(taken), Py_XDECREF(rf), Py_XDECREF(wf), Py_XDECREF(shared), Py_XDECREF(inner), Py_XDECREF(outer);
  Py_XDECREF((PyObject *)ne), Py_XDECREF(ec), Py_DECREF(nothing), Py_DECREF(resume_only), Py_DECREF(g);
  CHECK(!PyErr_Occurred(), "an exception left over");
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
