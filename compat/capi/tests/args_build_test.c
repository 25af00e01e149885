/* modsupport.h: Py_BuildValue with every unit, the PyObject_CallFunction/CallMethod family and PyModule_Add*. */
#include <Python.h>

#include "capi_check.h"

extern PyTypeObject PyModule_Type;

static void expect_build_at(int line, PyObject *o, const char *want) {
  if (!o) {
    bad = 1;
    PyObject *e = PyErr_GetRaisedException();
    printf("FAIL: line %d: NULL (expected %s): %s\n", line, want, e ? repr(e) : "no exception");
    Py_XDECREF(e);
    return;
  }
  const char *got = repr(o);
  if (strcmp(got, want) != 0) {
    bad = 1;
    printf("FAIL: line %d:\n  got:      %s\n  expected: %s\n", line, got, want);
  }
  Py_DECREF(o);
}
#define expect_build(o, want) expect_build_at(__LINE__, (o), (want))

static PyObject *make_answer(void *p) { return Py_BuildValue("i", *(int *)p); }

static PyObject *join3(PyObject *self, PyObject *args) {
  (void)self;
  return PyUnicode_FromFormat("%R", args);
}
static PyMethodDef join3_def = {"join3", join3, METH_VARARGS, NULL};

typedef struct {
  PyObject_HEAD
} Thing;
static PyTypeObject ThingType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "mod.Thing",
    .tp_basicsize = sizeof(Thing),
};

int main(void) {
  Py_Initialize();
  expect_build(Py_BuildValue(""), "None");
  expect_build(Py_BuildValue("i", 123), "123");
  expect_build(Py_BuildValue("iis", 123, 456, "hello"), "(123, 456, 'hello')");
  expect_build(Py_BuildValue("s", NULL), "None");
  expect_build(Py_BuildValue("s#", "hello", (Py_ssize_t)4), "'hell'");
  expect_build(Py_BuildValue("z#", NULL, (Py_ssize_t)0), "None");
  expect_build(Py_BuildValue("y", "bytes"), "b'bytes'");
  expect_build(Py_BuildValue("y#", "a\0b", (Py_ssize_t)3), "b'a\\x00b'");
  expect_build(Py_BuildValue("U", "u"), "'u'");
  expect_build(Py_BuildValue("u", L"w\u20ac"), "'w\xe2\x82\xac'");
  expect_build(Py_BuildValue("u#", L"wide", (Py_ssize_t)2), "'wi'");
  expect_build(Py_BuildValue("()"), "()");
  expect_build(Py_BuildValue("(i)", 123), "(123,)");
  expect_build(Py_BuildValue("(ii)", 123, 456), "(123, 456)");
  expect_build(Py_BuildValue("(i,i)", 123, 456), "(123, 456)");
  expect_build(Py_BuildValue("[i,i]", 123, 456), "[123, 456]");
  expect_build(Py_BuildValue("{s:i,s:i}", "abc", 123, "def", 456), "{'abc': 123, 'def': 456}");
  expect_build(Py_BuildValue("((ii)(ii)) (ii)", 1, 2, 3, 4, 5, 6), "(((1, 2), (3, 4)), (5, 6))");
  expect_build(Py_BuildValue("bBhHiI", -1, 255, -300, 65535, -5, 4000000000u), "(-1, 255, -300, 65535, -5, 4000000000)");
  expect_build(Py_BuildValue("lkLKn", -7L, 18446744073709551615ul, -9LL, 18446744073709551615ull, (Py_ssize_t)-11),
               "(-7, 18446744073709551615, -9, 18446744073709551615, -11)");
  expect_build(Py_BuildValue("(dfc)", 1.5, 2.5f, 'x'), "(1.5, 2.5, b'x')");
  expect_build(Py_BuildValue("C", 0x20ac), "'\xe2\x82\xac'");
  Py_complex z = {1.0, -2.0};
  expect_build(Py_BuildValue("D", &z), "(1-2j)");
  PyObject *s = Py_BuildValue("s", "obj");
  expect_build(Py_BuildValue("(OS)", s, s), "('obj', 'obj')");
  CHECK(Py_REFCNT(s) == 1, "O and S do not leak (refcnt %zd)", Py_REFCNT(s));
  Py_INCREF(s);
  expect_build(Py_BuildValue("N", s), "'obj'");
  CHECK(Py_REFCNT(s) == 1, "N steals (refcnt %zd)", Py_REFCNT(s));
  int answer = 42;
  expect_build(Py_BuildValue("O&", make_answer, &answer), "42");
  expect_build(Py_BuildValue("[O&, i]", make_answer, &answer, 1), "[42, 1]");
  CHECK(Py_BuildValue("O", NULL) == NULL, "O NULL");
  expect_exc(PyExc_SystemError, "NULL object passed to Py_BuildValue");
  /* N references after a failure are released, not leaked. */
  Py_INCREF(s);
  CHECK(Py_BuildValue("(ON)", NULL, s) == NULL, "failure with N");
  PyErr_Clear();
  CHECK(Py_REFCNT(s) == 1, "N released after an earlier failure (refcnt %zd)", Py_REFCNT(s));
  CHECK(Py_BuildValue("(i", 1) == NULL, "unmatched paren");
  expect_exc(PyExc_SystemError, "unmatched paren in format");
  CHECK(Py_BuildValue("{i}", 1) == NULL, "odd dict");
  expect_exc(PyExc_SystemError, "Bad dict format");
  CHECK(Py_BuildValue("w", 1) == NULL, "bad unit");
  expect_exc(PyExc_SystemError, "bad format char passed to Py_BuildValue");
  expect_build(_Py_BuildValue_SizeT("s#", "abc", (Py_ssize_t)2), "'ab'");

  /* Calls. */
  PyObject *fn = PyCFunction_New(&join3_def, NULL);
  CHECK(fn != NULL, "PyCFunction_New");
  expect_str(PyObject_CallFunction(fn, NULL), "()");
  expect_str(PyObject_CallFunction(fn, ""), "()");
  expect_str(PyObject_CallFunction(fn, "i", 1), "(1,)");
  expect_str(PyObject_CallFunction(fn, "is", 1, "a"), "(1, 'a')");
  expect_str(PyObject_CallFunction(fn, "(is)", 1, "a"), "(1, 'a')");  /* a single tuple is spread */
  PyObject *tup = Py_BuildValue("(ii)", 7, 8);
  expect_str(PyObject_CallFunction(fn, "O", tup), "(7, 8)");
  expect_str(PyObject_CallFunction(fn, "(O)", tup), "((7, 8),)");
  expect_str(_PyObject_CallFunction_SizeT(fn, "s#", "xyz", (Py_ssize_t)1), "('x',)");
  expect_str(PyEval_CallFunction(fn, "ii", 1, 2), "(1, 2)");
  Py_DECREF(tup);
  PyObject *str = Py_BuildValue("s", "a-b-c");
  expect_build(PyObject_CallMethod(str, "split", "s", "-"), "['a', 'b', 'c']");
  expect_build(PyObject_CallMethod(str, "upper", NULL), "'A-B-C'");
  expect_build(_PyObject_CallMethod_SizeT(str, "count", "s#", "-x", (Py_ssize_t)1), "2");
  expect_build(PyEval_CallMethod(str, "replace", "ss", "-", "+"), "'a+b+c'");
  CHECK(PyObject_CallMethod(str, "nope", NULL) == NULL, "missing method");
  expect_exc(PyExc_AttributeError, "'str' object has no attribute 'nope'");
  CHECK(PyObject_CallFunction(NULL, "i", 1) == NULL, "NULL callable");
  expect_exc(PyExc_SystemError, "null argument to internal routine");
  Py_DECREF(str);
  Py_DECREF(fn);

  /* PyModule_Add*. */
  PyObject *mod = PyObject_CallFunction((PyObject *)&PyModule_Type, "s", "mod");
  CHECK(mod != NULL, "module");
  PyObject *v = Py_BuildValue("s", "value");
  CHECK(PyModule_AddObjectRef(mod, "ref", v) == 0, "AddObjectRef");
  CHECK(Py_REFCNT(v) == 2, "AddObjectRef does not steal");
  Py_INCREF(v);
  CHECK(PyModule_AddObject(mod, "obj", v) == 0, "AddObject");
  CHECK(Py_REFCNT(v) == 3, "AddObject steals on success (refcnt %zd)", Py_REFCNT(v));
  Py_INCREF(v);
  CHECK(PyModule_Add(mod, "add", v) == 0 && Py_REFCNT(v) == 4, "Add steals");
  CHECK(PyModule_Add(mod, "null", NULL) == -1, "Add(NULL) without an error");
  expect_exc(PyExc_SystemError, "PyModule_AddObjectRef() must be called with an exception raised if value is NULL");
  CHECK(PyModule_AddObjectRef(v, "x", v) == -1, "not a module");
  expect_exc(PyExc_TypeError, "PyModule_AddObjectRef() first argument must be a module");
#define SOME_CONSTANT 17
#define SOME_STRING "macro"
  CHECK(PyModule_AddIntConstant(mod, "answer", 42) == 0 && PyModule_AddStringConstant(mod, "name", "pyvm") == 0,
        "constants");
  CHECK(PyModule_AddIntMacro(mod, SOME_CONSTANT) == 0 && PyModule_AddStringMacro(mod, SOME_STRING) == 0, "macros");
  CHECK(PyModule_AddType(mod, &ThingType) == 0, "AddType");
  expect_no_exc();
  expect_build(PyObject_CallMethod(mod, "__getattribute__", "s", "ref"), "'value'");
  expect_build(PyObject_CallMethod(mod, "__getattribute__", "s", "answer"), "42");
  expect_build(PyObject_CallMethod(mod, "__getattribute__", "s", "name"), "'pyvm'");
  expect_build(PyObject_CallMethod(mod, "__getattribute__", "s", "SOME_CONSTANT"), "17");
  expect_build(PyObject_CallMethod(mod, "__getattribute__", "s", "SOME_STRING"), "'macro'");
  expect_build(PyObject_CallMethod(mod, "__getattribute__", "s", "Thing"), "<class 'mod.Thing'>");
  Py_DECREF(v); /* the module holds the other three references */
  Py_XDECREF(mod);
  CHECK(!PyErr_Occurred(), "an exception left over");
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
