/* methodobject.h: PyCFunction_New/NewEx, PyCMethod_New and every METH_* calling convention, on functions and on
 * a static type's methods (METH_CLASS, METH_STATIC, METH_COEXIST, METH_METHOD). */
#include <Python.h>

#include "capi_check.h"

extern PyTypeObject PyModule_Type;
static PyObject *the_self;

/* Each function returns a repr of what it received. */
static PyObject *f_noargs(PyObject *self, PyObject *unused) {
  return PyUnicode_FromFormat("noargs self=%R arg=%s", self ? self : Py_None, unused ? "set" : "NULL");
}
static PyObject *f_o(PyObject *self, PyObject *arg) { return PyUnicode_FromFormat("o %R", arg); }
static PyObject *f_varargs(PyObject *self, PyObject *args) { return PyUnicode_FromFormat("varargs %R", args); }
static PyObject *f_varkw(PyObject *self, PyObject *args, PyObject *kw) {
  return PyUnicode_FromFormat("varkw %R %R", args, kw ? kw : Py_None);
}
static PyObject *f_fast(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  return PyUnicode_FromFormat("fast %zd %R", nargs, nargs ? args[0] : Py_None);
}
static PyObject *f_fastkw(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  return PyUnicode_FromFormat("fastkw %zd %R %R", nargs, kwnames ? kwnames : Py_None,
                              kwnames ? args[nargs] : Py_None);
}
static PyObject *f_method(PyObject *self, PyTypeObject *cls, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
  Py_ssize_t nargs = (Py_ssize_t)(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  return PyUnicode_FromFormat("method cls=%s self=%s %zd %R", cls ? cls->tp_name : "NULL",
                              self ? Py_TYPE(self)->tp_name : "NULL", nargs, kwnames ? kwnames : Py_None);
}
static PyObject *f_class(PyObject *cls, PyObject *arg) { return PyUnicode_FromFormat("class %s %R", ((PyTypeObject *)cls)->tp_name, arg); }
static PyObject *f_static(PyObject *self, PyObject *args) {
  return PyUnicode_FromFormat("static self=%s %R", self ? "set" : "NULL", args);
}
static PyObject *f_coexist(PyObject *self, PyObject *arg) { return PyUnicode_FromFormat("coexist %R", arg); }

static PyMethodDef defs[] = {
    {"noargs", f_noargs, METH_NOARGS, NULL},
    {"o", f_o, METH_O, NULL},
    {"varargs", f_varargs, METH_VARARGS, NULL},
    {"varkw", _PyCFunction_CAST(f_varkw), METH_VARARGS | METH_KEYWORDS, NULL},
    {"fast", _PyCFunction_CAST(f_fast), METH_FASTCALL, NULL},
    {"fastkw", _PyCFunction_CAST(f_fastkw), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"method", _PyCFunction_CAST(f_method), METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
    {"bad", f_o, METH_O | METH_NOARGS, NULL},
    {"bad_method", f_o, METH_METHOD | METH_O, NULL},
};

typedef struct {
  PyObject_HEAD
} Thing;
static PyObject *thing_new(PyTypeObject *t, PyObject *a, PyObject *k) { return t->tp_alloc(t, 0); }
static PyObject *thing_contains(PyObject *self, PyObject *arg) { return PyUnicode_FromFormat("coexist %R", arg); }
static PyMethodDef thing_methods[] = {
    {"noargs", f_noargs, METH_NOARGS, NULL},
    {"fastkw", _PyCFunction_CAST(f_fastkw), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"method", _PyCFunction_CAST(f_method), METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
    {"cm", f_class, METH_O | METH_CLASS, NULL},
    {"sm", f_static, METH_VARARGS | METH_STATIC, NULL},
    {"__repr__", f_coexist, METH_O | METH_COEXIST, NULL},
    {NULL, NULL, 0, NULL},
};
static PyTypeObject ThingType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "mod.Thing",
    .tp_basicsize = sizeof(Thing),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = thing_new,
    .tp_methods = thing_methods,
};

#define expect_call(call, want) expect_str((call), (want))

int main(void) {
  Py_Initialize();
  the_self = Py_BuildValue("s", "SELF");
  PyObject *f[7];
  for (int i = 0; i < 6; i++) f[i] = PyCFunction_New(&defs[i], the_self);
  CHECK(f[0] && PyCFunction_CheckExact(f[0]), "PyCFunction_CheckExact");
  CHECK(PyCFunction_GetSelf(f[0]) == the_self && PyCFunction_GET_SELF(f[0]) == the_self, "GetSelf");
  CHECK(PyCFunction_GetFunction(f[1]) == f_o && PyCFunction_GET_FUNCTION(f[1]) == f_o, "GetFunction");
  CHECK(PyCFunction_GetFlags(f[2]) == METH_VARARGS && PyCFunction_GET_FLAGS(f[2]) == METH_VARARGS, "GetFlags");
  CHECK(PyCFunction_GET_CLASS(f[0]) == NULL, "no class");
  CHECK(PyCFunction_GetSelf(the_self) == NULL, "GetSelf on a str");
  expect_exc(PyExc_SystemError, NULL);

  expect_call(PyObject_CallFunction(f[0], NULL), "noargs self='SELF' arg=NULL");
  CHECK(PyObject_CallFunction(f[0], "i", 1) == NULL, "noargs with an argument");
  expect_exc(PyExc_TypeError, "str.noargs() takes no arguments (1 given)");
  expect_call(PyObject_CallFunction(f[1], "i", 5), "o 5");
  CHECK(PyObject_CallFunction(f[1], "ii", 1, 2) == NULL, "o with two");
  expect_exc(PyExc_TypeError, "str.o() takes exactly one argument (2 given)");
  expect_call(PyObject_CallFunction(f[2], "is", 1, "x"), "varargs (1, 'x')");
  PyObject *args = Py_BuildValue("(i)", 1), *kw = Py_BuildValue("{si}", "k", 2);
  expect_call(PyCFunction_Call(f[3], args, kw), "varkw (1,) {'k': 2}");
  expect_call(PyCFunction_Call(f[3], args, NULL), "varkw (1,) None");
  CHECK(PyCFunction_Call(f[2], args, kw) == NULL, "varargs with keywords");
  expect_exc(PyExc_TypeError, "str.varargs() takes no keyword arguments");
  expect_call(PyObject_CallFunction(f[4], "ii", 7, 8), "fast 2 7");
  CHECK(PyCFunction_Call(f[4], args, kw) == NULL, "fastcall with keywords");
  expect_exc(PyExc_TypeError, "str.fast() takes no keyword arguments");
  expect_call(PyCFunction_Call(f[5], args, kw), "fastkw 1 ('k',) 2");
  expect_call(PyObject_CallFunction(f[5], NULL), "fastkw 0 None None");

  /* METH_METHOD needs a class; the class is passed to the function. */
  CHECK(PyCFunction_New(&defs[6], the_self) == NULL, "METH_METHOD without a class");
  expect_exc(PyExc_SystemError, "attempting to create PyCMethod with a METH_METHOD flag but no class");
  CHECK(PyCMethod_New(&defs[1], the_self, NULL, &ThingType) == NULL, "class without METH_METHOD");
  expect_exc(PyExc_SystemError, "attempting to create PyCFunction with class but no METH_METHOD flag");
  CHECK(PyCFunction_New(&defs[7], NULL) == NULL, "bad flags");
  expect_exc(PyExc_SystemError, "bad() method: bad call flags");
  CHECK(PyCMethod_New(&defs[8], the_self, NULL, &ThingType) == NULL, "METH_METHOD with METH_O");
  expect_exc(PyExc_SystemError, "bad_method() method: bad call flags");
  f[6] = PyCMethod_New(&defs[6], the_self, NULL, &ThingType);
  CHECK(f[6] && PyCFunction_GET_CLASS(f[6]) == &ThingType, "PyCMethod_New class");
  /* A function with a defining class is a PyCMethod_Type object, a subclass of PyCFunction_Type. */
  CHECK(f[6] && Py_IS_TYPE(f[6], &PyCMethod_Type) && PyCMethod_CheckExact(f[6]) && PyCMethod_Check(f[6]),
        "PyCMethod_New gives a PyCMethod_Type object");
  CHECK(f[6] && PyCFunction_Check(f[6]) && !PyCFunction_CheckExact(f[6]), "PyCMethod is a PyCFunction subclass");
  CHECK(!PyCMethod_Check(f[0]) && !PyCMethod_CheckExact(f[0]), "a plain PyCFunction is no PyCMethod");
  CHECK(PyType_IsSubtype(&PyCMethod_Type, &PyCFunction_Type) && PyCMethod_Type.tp_base == &PyCFunction_Type,
        "PyCMethod_Type's base");
  CHECK(strcmp(PyCMethod_Type.tp_name, "builtin_method") == 0, "PyCMethod_Type's name");
  CHECK(f[6] && PyCFunction_GetFunction(f[6]) == (PyCFunction)(void (*)(void))f_method &&
            PyCFunction_GetSelf(f[6]) == the_self && PyCFunction_GetFlags(f[6]) == defs[6].ml_flags,
        "PyCFunction_Get* accept a PyCMethod");
  expect_call(PyObject_CallFunction(f[6], "i", 1), "method cls=mod.Thing self=str 1 None");
  CHECK(f[6] && strncmp(repr(f[6]), "<built-in method method of str object at 0x", 41) == 0, "PyCMethod repr: %s",
        repr(f[6]));
  expect_call(PyCFunction_Call(f[6], args, kw), "method cls=mod.Thing self=str 1 ('k',)");
  PyObject *mod = PyObject_CallFunction((PyObject *)&PyModule_Type, "s", "mod");
  PyObject *fm = PyCFunction_NewEx(&defs[0], NULL, mod);
  CHECK(fm != NULL, "NewEx with module");
  expect_call(PyObject_CallFunction(fm, NULL), "noargs self=None arg=NULL");
  Py_XDECREF(fm);

  /* A static type's methods. */
  CHECK(PyModule_AddType(mod, &ThingType) == 0, "AddType");
  PyObject *thing = PyObject_CallFunction((PyObject *)&ThingType, NULL);
  CHECK(thing != NULL, "instance");
  if (thing) {
    PyObject *r = PyObject_CallMethod(thing, "noargs", NULL);
    CHECK(r && strncmp(text(r), "noargs self=<mod.Thing object at 0x", 35) == 0, "noargs method: %s", r ? text(r) : "NULL");
    Py_XDECREF(r);
    expect_call(PyObject_CallMethod(thing, "fastkw", "i", 3), "fastkw 1 None None");
    expect_call(PyObject_CallMethod(thing, "method", "ii", 1, 2), "method cls=mod.Thing self=mod.Thing 2 None");
    PyObject *bound = PyObject_CallMethod(thing, "__getattribute__", "s", "method");
    CHECK(bound && PyCMethod_CheckExact(bound) && !PyCFunction_CheckExact(bound) && PyCFunction_Check(bound) &&
              PyCFunction_GET_CLASS(bound) == &ThingType,
          "bound METH_METHOD is a PyCMethod");
    if (bound) expect_call(PyCFunction_Call(bound, args, kw), "method cls=mod.Thing self=mod.Thing 1 ('k',)");
    Py_XDECREF(bound);
    expect_call(PyObject_CallMethod((PyObject *)&ThingType, "cm", "i", 4), "class mod.Thing 4");
    expect_call(PyObject_CallMethod(thing, "cm", "i", 4), "class mod.Thing 4");
    expect_call(PyObject_CallMethod((PyObject *)&ThingType, "sm", "ii", 1, 2), "static self=NULL (1, 2)");
    expect_call(PyObject_CallMethod(thing, "sm", NULL), "static self=NULL ()");
    expect_call(PyObject_CallMethod(thing, "__repr__", "i", 9), "coexist 9");
    Py_DECREF(thing);
  }

  /* instancemethod (classobject.h): binds f[1] (METH_O, self 'SELF') to instances of a class that stores it. */
  PyObject *im = PyInstanceMethod_New(f[1]);
  CHECK(im && PyInstanceMethod_Check(im) && !PyInstanceMethod_Check(f[1]), "PyInstanceMethod_Check");
  CHECK(im && PyInstanceMethod_Function(im) == f[1] && PyInstanceMethod_GET_FUNCTION(im) == f[1],
        "PyInstanceMethod_Function / GET_FUNCTION");
  CHECK(im && Py_IS_TYPE(im, &PyInstanceMethod_Type) && strcmp(PyInstanceMethod_Type.tp_name, "instancemethod") == 0,
        "PyInstanceMethod_Type");
  CHECK(PyInstanceMethod_Function(f[1]) == NULL, "PyInstanceMethod_Function of a function");
  expect_exc(PyExc_SystemError, NULL);
  if (im) {
    expect_call(PyObject_CallFunction(im, "i", 3), "o 3");
    PyObject *ns = PyDict_New();
    PyDict_SetItemString(ns, "m", im);
    PyObject *cls = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O)O", "Holder", &PyBaseObject_Type, ns);
    PyObject *inst = cls ? PyObject_CallNoArgs(cls) : NULL;
    PyObject *from_cls = cls ? PyObject_GetAttrString(cls, "m") : NULL;
    CHECK(from_cls == f[1], "on the class: the function itself");
    PyObject *bound = inst ? PyObject_GetAttrString(inst, "m") : NULL;
    CHECK(bound && PyMethod_Check(bound) && PyMethod_GET_FUNCTION(bound) == f[1] && PyMethod_GET_SELF(bound) == inst,
          "on an instance: a bound method");
    PyObject *got = bound ? PyObject_CallNoArgs(bound) : NULL;
    CHECK(got && strstr(text(got), "Holder object at 0x") && strncmp(text(got), "o <", 3) == 0,
          "the bound method passes the instance: %s", got ? text(got) : "NULL");
    Py_XDECREF(got);
    Py_XDECREF(bound), Py_XDECREF(from_cls), Py_XDECREF(inst), Py_XDECREF(cls), Py_XDECREF(ns);
  }
  Py_XDECREF(im);

  Py_DECREF(args);
  Py_DECREF(kw);
  for (int i = 0; i < 7; i++) Py_XDECREF(f[i]);
  Py_XDECREF(mod);
  CHECK(!PyErr_Occurred(), "an exception left over");
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
