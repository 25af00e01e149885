/* abstract.h calls: PyObject_Call* and vectorcall, including a C type whose instances are called through their
 * tp_vectorcall_offset pointer, from C and from Python code (the interpreter's CALL / CALL_KW / CALL_FUNCTION_EX). */
#include <Python.h>
#include <stddef.h>

#include "compat/capi/abstract_testutil.h"

/* A callable C type: calls return (nargs, args tuple, kwnames or None). */
typedef struct {
  PyObject_HEAD
  vectorcallfunc vectorcall;
} VcObject;

static int vc_calls = 0;

static PyObject *vc_call(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
  (void)self;
  vc_calls++;
  Py_ssize_t n = PyVectorcall_NARGS(nargsf);
  Py_ssize_t nk = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  PyObject *all = PyTuple_New(n + nk);
  for (Py_ssize_t i = 0; i < n + nk; i++) PyTuple_SET_ITEM(all, i, Py_NewRef(args[i]));
  PyObject *r = PyTuple_Pack(3, t_int(n), all, kwnames ? kwnames : Py_None);
  Py_DECREF(all);
  return r;
}

static PyTypeObject VcType = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "vctest.Vc",
    .tp_basicsize = sizeof(VcObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_vectorcall_offset = offsetof(VcObject, vectorcall),
    .tp_call = PyVectorcall_Call,
};

static VcObject vc_obj = {PyObject_HEAD_INIT(&VcType) vc_call};

/* A callable that breaks the rules: returns NULL without an exception. */
static PyObject *bad_call(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
  (void)self, (void)args, (void)nargsf, (void)kwnames;
  return NULL;
}
static VcObject bad_obj = {PyObject_HEAD_INIT(&VcType) bad_call};

static PyObject *t_eval(const char *src, PyObject *x) {
  PyObject *ev = t_builtin("eval"), *g = PyDict_New(), *s = t_str(src);
  if (x) PyDict_SetItemString(g, "f", x);
  PyObject *r = PyObject_CallFunctionObjArgs(ev, s, g, NULL);
  Py_DECREF(ev), Py_DECREF(g), Py_DECREF(s);
  return r;
}

static void test_vectorcall_type(void) {
  T_CHECK(pyvm_t_type_ready(&VcType) == 0, "type ready");
  PyObject *f = (PyObject *)&vc_obj;
  T_CHECK(PyCallable_Check(f), "callable");
  T_CHECK(PyVectorcall_Function(f) == vc_call, "PyVectorcall_Function");
  T_CHECK(PyVectorcall_Function(Py_None) == NULL, "PyVectorcall_Function(None)");
  PyObject *one = t_int(1), *two = t_int(2);
  PyObject *args[3] = {NULL, one, two};
  PyObject *r = PyObject_Vectorcall(f, args + 1, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
  T_CHECK(t_repr_is(r, "(2, (1, 2), None)"), "PyObject_Vectorcall");
  Py_XDECREF(r);
  PyObject *kwn = PyTuple_Pack(1, t_str("k"));
  r = PyObject_Vectorcall(f, args + 1, 1, kwn);
  T_CHECK(t_repr_is(r, "(1, (1, 2), ('k',))"), "PyObject_Vectorcall with kwnames");
  Py_XDECREF(r);
  PyObject *kw = PyDict_New();
  PyDict_SetItemString(kw, "k", two);
  r = PyObject_VectorcallDict(f, args + 1, 1, kw);
  T_CHECK(t_repr_is(r, "(1, (1, 2), ('k',))"), "PyObject_VectorcallDict");
  Py_XDECREF(r);
  PyObject *targs = PyTuple_Pack(1, one);
  r = PyObject_Call(f, targs, kw);
  T_CHECK(t_repr_is(r, "(1, (1, 2), ('k',))"), "PyObject_Call -> vectorcall");
  Py_XDECREF(r);
  r = PyVectorcall_Call(f, targs, NULL);
  T_CHECK(t_repr_is(r, "(1, (1,), None)"), "PyVectorcall_Call");
  Py_XDECREF(r);
  /* From Python code: CALL, CALL_KW, CALL_FUNCTION_EX and a call from inside a builtin (map). */
  int before = vc_calls;
  r = t_eval("f(1, 2)", f);
  T_CHECK(t_repr_is(r, "(2, (1, 2), None)"), "Python f(1, 2)");
  Py_XDECREF(r);
  r = t_eval("f(1, k=3)", f);
  T_CHECK(t_repr_is(r, "(1, (1, 3), ('k',))"), "Python f(1, k=3)");
  Py_XDECREF(r);
  r = t_eval("f(*[1], **{'a': 4})", f);
  T_CHECK(t_repr_is(r, "(1, (1, 4), ('a',))"), "Python f(*a, **k)");
  Py_XDECREF(r);
  r = t_eval("list(map(f, 'ab'))", f);
  T_CHECK(t_repr_is(r, "[(1, ('a',), None), (1, ('b',), None)]"), "map(f, ...)");
  Py_XDECREF(r);
  T_CHECK(vc_calls == before + 5, "every Python call went through the vectorcall pointer (%d)", vc_calls - before);

  r = PyObject_CallNoArgs((PyObject *)&bad_obj);
  T_CHECK(!r && t_exc_suffix("SystemError", "returned NULL without setting an exception"), "NULL without error");
  Py_DECREF(targs), Py_DECREF(kw), Py_DECREF(kwn), Py_DECREF(one), Py_DECREF(two);
}

static void test_calls(void) {
  PyObject *lenf = t_builtin("len"), *maxf = t_builtin("max"), *l = t_eval("[3, 1, 2]", NULL), *r;
  PyObject *targs = PyTuple_Pack(1, l);
  r = PyObject_Call(lenf, targs, NULL);
  T_CHECK(r && t_long(r) == 3, "PyObject_Call");
  Py_XDECREF(r);
  T_CHECK(PyObject_Call(lenf, l, NULL) == NULL && t_exc("TypeError", "argument list must be a tuple"),
          "Call with a list");
  T_CHECK(PyObject_Call(lenf, targs, l) == NULL && t_exc("TypeError", "keyword list must be a dictionary"),
          "Call with list kwargs");
  r = PyObject_CallObject(lenf, targs);
  T_CHECK(r && t_long(r) == 3, "CallObject");
  Py_XDECREF(r);
  r = PyObject_CallObject((PyObject *)&PyList_Type, NULL);
  T_CHECK(t_repr_is(r, "[]"), "CallObject NULL args");
  Py_XDECREF(r);
  r = PyObject_CallNoArgs((PyObject *)&PyTuple_Type);
  T_CHECK(t_repr_is(r, "()"), "CallNoArgs");
  Py_XDECREF(r);
  r = PyObject_CallOneArg(maxf, l);
  T_CHECK(r && t_long(r) == 3, "CallOneArg");
  Py_XDECREF(r);
  PyObject *one = t_int(1), *seven = t_int(7);
  r = PyObject_CallFunctionObjArgs(maxf, one, seven, NULL);
  T_CHECK(r && t_long(r) == 7, "CallFunctionObjArgs");
  Py_XDECREF(r);
  T_CHECK(PyObject_CallOneArg(lenf, one) == NULL && t_exc("TypeError", "object of type 'int' has no len()"),
          "error passes through");
  T_CHECK(PyObject_CallNoArgs(one) == NULL && t_exc("TypeError", "'int' object is not callable"), "not callable");
  PyObject *append = t_str("append"), *sort = t_str("sort"), *index = t_str("index"), *count = t_str("count");
  r = PyObject_CallMethodObjArgs(l, append, seven, NULL);
  T_CHECK(r == Py_None && PyList_GET_SIZE(l) == 4, "CallMethodObjArgs");
  Py_XDECREF(r);
  r = PyObject_CallMethodNoArgs(l, sort);
  T_CHECK(r == Py_None && t_repr_is(l, "[1, 2, 3, 7]"), "CallMethodNoArgs");
  Py_XDECREF(r);
  r = PyObject_CallMethodOneArg(l, index, seven);
  T_CHECK(r && t_long(r) == 3, "CallMethodOneArg");
  Py_XDECREF(r);
  T_CHECK(PyObject_CallMethodNoArgs(l, one) == NULL && t_exc("TypeError", "attribute name must be string, not 'int'"),
          "method name not a str");
  PyObject *nope = t_str("nope");
  T_CHECK(PyObject_CallMethodNoArgs(l, nope) == NULL && t_exc("AttributeError", "'list' object has no attribute 'nope'"),
          "missing method");
  PyObject *margs[3] = {NULL, l, seven};
  r = PyObject_VectorcallMethod(count, margs + 1, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
  T_CHECK(r && t_long(r) == 1, "VectorcallMethod");
  Py_XDECREF(r);
  T_CHECK(PyVectorcall_NARGS(3 | PY_VECTORCALL_ARGUMENTS_OFFSET) == 3, "PyVectorcall_NARGS");
  T_CHECK((PyVectorcall_NARGS)(5 | PY_VECTORCALL_ARGUMENTS_OFFSET) == 5, "PyVectorcall_NARGS function");
  PyObject *kw = PyDict_New(), *rev = t_str("reverse");
  PyDict_SetItem(kw, rev, Py_True);
  PyObject *sortedf = t_builtin("sorted");
  r = PyObject_Call(sortedf, targs, kw);
  T_CHECK(t_repr_is(r, "[7, 3, 2, 1]"), "Call with keywords");
  Py_XDECREF(r);
  r = PyObject_VectorcallDict(sortedf, &l, 1, kw);
  T_CHECK(t_repr_is(r, "[7, 3, 2, 1]"), "VectorcallDict with keywords");
  Py_XDECREF(r);
  T_CHECK(PyVectorcall_Call(l, targs, NULL) == NULL && t_exc("TypeError", "'list' object does not support vectorcall"),
          "PyVectorcall_Call on a non-vectorcall object");
  Py_DECREF(sortedf), Py_DECREF(rev), Py_DECREF(kw), Py_DECREF(nope), Py_DECREF(count), Py_DECREF(index);
  Py_DECREF(sort), Py_DECREF(append), Py_DECREF(one), Py_DECREF(seven), Py_DECREF(targs), Py_DECREF(l);
  Py_DECREF(maxf), Py_DECREF(lenf);
}

int main(void) {
  Py_Initialize();
  test_calls();
  test_vectorcall_type();
  return t_finish("call_vectorcall_test");
}
