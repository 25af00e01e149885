/* warnings.h: PyErr_WarnEx and friends go through the warnings module's filters. */
#include <Python.h>

static int bad = 0;
#define CHECK(cond, ...)                   \
  do {                                     \
    if (!(cond)) {                         \
      bad = 1;                             \
      printf("FAIL: line %d: ", __LINE__); \
      printf(__VA_ARGS__);                 \
      printf("\n");                        \
    }                                      \
  } while (0)

/* The UTF-8 text of a str (through PyArg_Parse "s"); "<?>" if it is not one. The str must stay alive. */
static const char *text(PyObject *s) {
  const char *p = NULL;
  if (s == NULL || !PyArg_Parse(s, "s", &p)) {
    PyErr_Clear();
    return "<?>";
  }
  return p;
}

/* repr(o) as a C string (kept alive in a small ring of str objects). */
static const char *repr(PyObject *o) {
  static PyObject *ring[16];
  static int next = 0;
  PyObject *r = PyUnicode_FromFormat("%R", o);
  if (!r) {
    PyErr_Clear();
    return "<repr failed>";
  }
  Py_XDECREF(ring[next]);
  ring[next] = r;
  next = (next + 1) % 16;
  return text(r);
}

/* Checks that `type` is raised with message `msg` (NULL: any), and clears it. */
static void expect_exc_at(int line, PyObject *type, const char *msg) {
  PyObject *exc = PyErr_GetRaisedException();
  if (!exc) {
    bad = 1;
    printf("FAIL: line %d: no exception (expected %s)\n", line, ((PyTypeObject *)type)->tp_name);
    return;
  }
  if (!PyErr_GivenExceptionMatches(exc, type)) {
    bad = 1;
    printf("FAIL: line %d: expected %s, got %s: %s\n", line, ((PyTypeObject *)type)->tp_name, Py_TYPE(exc)->tp_name,
           repr(exc));
  } else if (msg) {
    PyObject *s = PyObject_CallMethod(exc, "__str__", NULL);
    if (!s || strcmp(text(s), msg) != 0) {
      bad = 1;
      printf("FAIL: line %d: %s message\n  got:      %s\n  expected: %s\n", line, ((PyTypeObject *)type)->tp_name,
             s ? text(s) : "?", msg);
    }
    Py_XDECREF(s);
    PyErr_Clear();
  }
  Py_DECREF(exc);
}
#define expect_exc(type, msg) expect_exc_at(__LINE__, (type), (msg))
#define expect_no_exc() CHECK(!PyErr_Occurred(), "unexpected exception %s", repr(PyErr_GetRaisedException()))

static void expect_str_at(int line, PyObject *s, const char *want) {
  if (!s) {
    bad = 1;
    PyObject *e = PyErr_GetRaisedException();
    printf("FAIL: line %d: NULL (expected '%s'): %s\n", line, want, e ? repr(e) : "no exception");
    Py_XDECREF(e);
    return;
  }
  if (strcmp(text(s), want) != 0) {
    bad = 1;
    printf("FAIL: line %d:\n  got:      '%s'\n  expected: '%s'\n", line, text(s), want);
  }
  Py_DECREF(s);
}
#define expect_str(s, want) expect_str_at(__LINE__, (s), (want))

static PyObject *import(const char *name) {
  PyObject *builtins = PyEval_GetBuiltins();
  PyObject *imp = builtins ? PyObject_CallMethod(builtins, "get", "s", "__import__") : NULL;
  PyObject *m = imp ? PyObject_CallFunction(imp, "s", name) : NULL;
  Py_XDECREF(imp);
  return m;
}

int main(void) {
  Py_Initialize();
  /* Default filters: a UserWarning is shown (stderr) and the call succeeds. */
  CHECK(PyErr_WarnEx(PyExc_UserWarning, "shown once", 1) == 0, "WarnEx default");
  expect_no_exc();
  CHECK(PyErr_WarnFormat(NULL, 1, "formatted %d", 7) == 0, "WarnFormat default (RuntimeWarning)");
  expect_no_exc();
  /* ResourceWarning is ignored by default. */
  CHECK(PyErr_ResourceWarning(NULL, 1, "unclosed %s", "thing") == 0, "ResourceWarning default");
  expect_no_exc();

  PyObject *warnings = import("warnings");
  CHECK(warnings != NULL, "import warnings");
  if (!warnings) {
    PyErr_Print();
    puts("FAIL");
    return 1;
  }
  PyObject *r = PyObject_CallMethod(warnings, "simplefilter", "s", "error");
  CHECK(r != NULL, "simplefilter('error')");
  Py_XDECREF(r);

  CHECK(PyErr_WarnEx(PyExc_DeprecationWarning, "old api", 1) == -1, "WarnEx as error");
  expect_exc(PyExc_DeprecationWarning, "old api");
  CHECK(PyErr_WarnFormat(PyExc_UserWarning, 1, "value %R", Py_None) == -1, "WarnFormat as error");
  expect_exc(PyExc_UserWarning, "value None");
  CHECK(PyErr_Warn(PyExc_FutureWarning, "future") == -1, "PyErr_Warn macro");
  expect_exc(PyExc_FutureWarning, "future");
  CHECK(PyErr_WarnExplicit(PyExc_SyntaxWarning, "explicit", "file.py", 3, "mod", NULL) == -1, "WarnExplicit");
  expect_exc(PyExc_SyntaxWarning, "explicit");
  CHECK(PyErr_WarnExplicitFormat(PyExc_UserWarning, "f.py", 1, NULL, NULL, "n=%d", 5) == -1, "WarnExplicitFormat");
  expect_exc(PyExc_UserWarning, "n=5");
  PyObject *src = Py_BuildValue("s", "the source");
  CHECK(PyErr_ResourceWarning(src, 1, "unclosed %s", "file") == -1, "ResourceWarning with source");
  expect_exc(PyExc_ResourceWarning, "unclosed file");
  Py_DECREF(src);

  /* "ignore": nothing happens. */
  r = PyObject_CallMethod(warnings, "simplefilter", "s", "ignore");
  Py_XDECREF(r);
  CHECK(PyErr_WarnEx(PyExc_UserWarning, "ignored", 1) == 0, "ignored");
  expect_no_exc();
  CHECK(PyErr_WarnExplicit(PyExc_UserWarning, "ignored", "x.py", 1, NULL, NULL) == 0, "explicit ignored");
  expect_no_exc();
  r = PyObject_CallMethod(warnings, "resetwarnings", NULL);
  Py_XDECREF(r);
  Py_DECREF(warnings);
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
