/* Shared by the C-API tests: the failure counter, CHECK, text/repr of objects, and checks for an expected
 * exception (type and message) or str value. Include after <Python.h>. */
#ifndef PYVM_CAPI_CHECK_H
#define PYVM_CAPI_CHECK_H

#include <stdio.h>
#include <string.h>

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

#endif
