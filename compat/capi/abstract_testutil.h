/* Test support for the containers/abstract C-API tests (compat/capi/tests/{tuple,list,dict,set,abstract,call}_*).
 * Those tests need ints, strings and the error indicator, whose C-API functions other helpers own (longobject.h,
 * unicodeobject.h, pyerrors.h). Until those land everywhere, the tests reach the runtime's own C++ functions by
 * their symbol names (Itanium C++ ABI), so that this branch's tests stand alone. C only; never in libpyvm's API.
 * Owner: containers-abstract. */
#ifndef PYVM_CAPI_ABSTRACT_TESTUTIL_H
#define PYVM_CAPI_ABSTRACT_TESTUTIL_H

#include <Python.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

PyObject *pyvm_t_int_from_i64(long v) __asm__("_ZN4pyvm12int_from_i64El");
long pyvm_t_int_as_i64(PyObject *o, int *overflow) __asm__("_ZN4pyvm10int_as_i64EP7_objectPi");
PyObject *pyvm_t_str_from_utf8(const char *s, Py_ssize_t n) __asm__("_ZN4pyvm13str_from_utf8EPKcl");
const char *pyvm_t_str_utf8(PyObject *o, Py_ssize_t *len) __asm__("_ZN4pyvm8str_utf8EP7_objectPl");
PyObject *pyvm_t_error_peek(void) __asm__("_ZN4pyvm10error_peekEv");
void pyvm_t_error_clear(void) __asm__("_ZN4pyvm11error_clearEv");
PyObject *pyvm_t_builtin(const char *name) __asm__("_ZN4pyvm14builtin_objectEPKc");
int pyvm_t_type_ready(PyTypeObject *t) __asm__("_ZN4pyvm10type_readyEP11_typeobject");

/* Declared by unicodeobject.h / longobject.h (another helper's); repeated here so these tests stand alone. */
PyAPI_DATA(PyTypeObject) PyUnicode_Type;
PyAPI_DATA(PyTypeObject) PyLong_Type;
PyAPI_DATA(PyTypeObject) PyBool_Type;
#ifndef Py_True
PyAPI_DATA(PyLongObject) _Py_TrueStruct;
PyAPI_DATA(PyLongObject) _Py_FalseStruct;
#define Py_True ((PyObject *)&_Py_TrueStruct)
#define Py_False ((PyObject *)&_Py_FalseStruct)
#endif

static int t_failures = 0;

#define T_CHECK(cond, ...)                  \
  do {                                      \
    if (!(cond)) {                          \
      t_failures++;                         \
      printf("FAIL: %s:%d: ", __FILE__, __LINE__); \
      printf(__VA_ARGS__);                  \
      printf("\n");                         \
    }                                       \
  } while (0)

static inline PyObject *t_int(long v) { return pyvm_t_int_from_i64(v); }
static inline long t_long(PyObject *o) {
  int ovf = 0;
  return pyvm_t_int_as_i64(o, &ovf);
}
static inline PyObject *t_str(const char *s) { return pyvm_t_str_from_utf8(s, (Py_ssize_t)strlen(s)); }
static inline const char *t_utf8(PyObject *s) { return pyvm_t_str_utf8(s, NULL); }
static inline PyObject *t_builtin(const char *name) { return pyvm_t_builtin(name); }
static inline bool t_err(void) { return pyvm_t_error_peek() != NULL; }
static inline void t_clear(void) { pyvm_t_error_clear(); }

/* True when the str's text equals `s`. */
static inline bool t_str_is(PyObject *o, const char *s) {
  if (!o || !Py_IS_TYPE(o, &PyUnicode_Type)) return false;
  return strcmp(t_utf8(o), s) == 0;
}
/* True when repr(o) is `s`. */
static inline bool t_repr_is(PyObject *o, const char *s) {
  if (!o) return false;
  PyObject *r = PyObject_Repr(o);
  bool ok = r && t_str_is(r, s);
  if (!ok && r) printf("  (repr is %s, expected %s)\n", t_utf8(r), s);
  Py_XDECREF(r);
  return ok;
}

/* Checks that the current exception is builtins.<type_name> with str(exc) == msg (msg NULL: any message), then
 * clears it. Prints what it found on a mismatch. */
static inline bool t_exc(const char *type_name, const char *msg) {
  PyObject *exc = pyvm_t_error_peek();
  if (!exc) {
    printf("  (no exception set; expected %s)\n", type_name);
    return false;
  }
  Py_INCREF(exc);
  pyvm_t_error_clear();
  bool ok = strcmp(Py_TYPE(exc)->tp_name, type_name) == 0;
  PyObject *s = PyObject_Str(exc);
  if (msg && !(s && t_str_is(s, msg))) ok = false;
  if (!ok) printf("  (got %s: %s; expected %s: %s)\n", Py_TYPE(exc)->tp_name, s ? t_utf8(s) : "?", type_name,
                  msg ? msg : "*");
  Py_XDECREF(s);
  Py_DECREF(exc);
  pyvm_t_error_clear();
  return ok;
}
/* The message ends with `suffix` (for CPython's "<file>:<line>: bad argument to internal function"). */
static inline bool t_exc_suffix(const char *type_name, const char *suffix) {
  PyObject *exc = pyvm_t_error_peek();
  if (!exc) {
    printf("  (no exception set; expected %s)\n", type_name);
    return false;
  }
  Py_INCREF(exc);
  pyvm_t_error_clear();
  PyObject *s = PyObject_Str(exc);
  const char *text = s ? t_utf8(s) : "";
  size_t n = strlen(text), m = strlen(suffix);
  bool ok = strcmp(Py_TYPE(exc)->tp_name, type_name) == 0 && n >= m && strcmp(text + n - m, suffix) == 0;
  if (!ok) printf("  (got %s: %s; expected %s: ...%s)\n", Py_TYPE(exc)->tp_name, text, type_name, suffix);
  Py_XDECREF(s);
  Py_DECREF(exc);
  return ok;
}
#define T_BADCALL() t_exc_suffix("SystemError", "bad argument to internal function")

static inline int t_finish(const char *name) {
  if (t_err()) {
    t_failures++;
    printf("FAIL: %s: an exception was left set at the end\n", name);
    t_clear();
  }
  printf("%s %s\n", t_failures ? "FAIL" : "PASS", name);
  return t_failures ? 1 : 0;
}

#endif
