/* warnings.h: PyErr_WarnEx and friends go through the warnings module's filters. */
#include <Python.h>

#include "capi_check.h"

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
