/* tupleobject.h and listobject.h: creation, access, the steal/borrow rules, the layout macros and CPython 3.13's
 * IndexError / SystemError results. */
#include <Python.h>

#include "compat/capi/abstract_testutil.h"

static void test_tuple(void) {
  PyObject *t = PyTuple_New(3);
  T_CHECK(t && PyTuple_Check(t) && PyTuple_CheckExact(t), "PyTuple_New");
  T_CHECK(PyTuple_Size(t) == 3 && PyTuple_GET_SIZE(t) == 3, "tuple size");
  PyObject *a = t_int(1000001);
  Py_INCREF(a);
  Py_ssize_t rc = Py_REFCNT(a);
  T_CHECK(PyTuple_SetItem(t, 0, a) == 0, "SetItem 0");
  T_CHECK(Py_REFCNT(a) == rc, "PyTuple_SetItem steals");
  PyTuple_SET_ITEM(t, 1, t_int(2));
  T_CHECK(PyTuple_SetItem(t, 2, t_str("x")) == 0, "SetItem 2");
  T_CHECK(PyTuple_GetItem(t, 0) == a && PyTuple_GET_ITEM(t, 0) == a, "GetItem borrowed");
  T_CHECK(Py_REFCNT(a) == rc, "GetItem does not add a reference");
  T_CHECK(t_repr_is(t, "(1000001, 2, 'x')"), "repr");
  T_CHECK(PyTuple_GetItem(t, 3) == NULL && t_exc("IndexError", "tuple index out of range"), "GetItem 3");
  T_CHECK(PyTuple_GetItem(t, -1) == NULL && t_exc("IndexError", "tuple index out of range"), "GetItem -1");
  PyObject *x = t_int(7);
  T_CHECK(PyTuple_SetItem(t, 5, x) == -1 && t_exc("IndexError", "tuple assignment index out of range"),
          "SetItem 5");
  /* A tuple someone else holds cannot be filled in. */
  Py_INCREF(t);
  T_CHECK(PyTuple_SetItem(t, 0, t_int(3)) == -1 && T_BADCALL(), "SetItem on a shared tuple");
  Py_DECREF(t);
  PyObject *l = PyList_New(0);
  T_CHECK(PyTuple_Size(l) == -1 && T_BADCALL(), "PyTuple_Size(list)");
  T_CHECK(PyTuple_GetItem(l, 0) == NULL && T_BADCALL(), "PyTuple_GetItem(list)");
  T_CHECK(PyTuple_New(-1) == NULL && T_BADCALL(), "PyTuple_New(-1)");
  PyObject *s = PyTuple_GetSlice(t, 1, 100);
  T_CHECK(t_repr_is(s, "(2, 'x')"), "GetSlice clamps");
  Py_XDECREF(s);
  s = PyTuple_GetSlice(t, -5, 1);
  T_CHECK(t_repr_is(s, "(1000001,)"), "GetSlice low clamps");
  Py_XDECREF(s);
  PyObject *e = PyTuple_New(0);
  T_CHECK(e && PyTuple_GET_SIZE(e) == 0 && t_repr_is(e, "()"), "empty tuple");
  Py_XDECREF(e);
  PyObject *p = PyTuple_Pack(2, a, Py_None);
  T_CHECK(t_repr_is(p, "(1000001, None)") && Py_REFCNT(a) == rc + 1, "PyTuple_Pack borrows");
  Py_XDECREF(p);
  T_CHECK(Py_REFCNT(a) == rc, "pack released");
  PyObject *r = PyTuple_New(2);
  PyTuple_SET_ITEM(r, 0, t_int(1));
  PyTuple_SET_ITEM(r, 1, t_int(2));
  T_CHECK(_PyTuple_Resize(&r, 4) == 0 && PyTuple_GET_SIZE(r) == 4, "_PyTuple_Resize grows");
  PyTuple_SET_ITEM(r, 2, t_int(3));
  PyTuple_SET_ITEM(r, 3, t_int(4));
  T_CHECK(_PyTuple_Resize(&r, 3) == 0 && t_repr_is(r, "(1, 2, 3)"), "_PyTuple_Resize shrinks");
  Py_XDECREF(r);
  T_CHECK(!PyTuple_Check(l) && !PyTuple_CheckExact(Py_None), "PyTuple_Check");
  Py_DECREF(l);
  Py_DECREF(t);
}

static void test_list(void) {
  PyObject *l = PyList_New(2);
  T_CHECK(l && PyList_Check(l) && PyList_CheckExact(l) && PyList_Size(l) == 2 && PyList_GET_SIZE(l) == 2, "new");
  T_CHECK(PyList_GET_ITEM(l, 0) == NULL, "PyList_New leaves NULL slots");
  PyList_SET_ITEM(l, 0, t_int(5));
  PyObject *v = t_str("a longer string");
  Py_ssize_t rc = Py_REFCNT(v);
  T_CHECK(PyList_SetItem(l, 1, v) == 0 && Py_REFCNT(v) == rc, "SetItem steals");
  T_CHECK(PyList_GetItem(l, 1) == v && Py_REFCNT(v) == rc, "GetItem borrowed");
  PyObject *ref = PyList_GetItemRef(l, 1);
  T_CHECK(ref == v && Py_REFCNT(v) == rc + 1, "GetItemRef new reference");
  Py_XDECREF(ref);
  T_CHECK(PyList_GetItem(l, 2) == NULL && t_exc("IndexError", "list index out of range"), "GetItem 2");
  T_CHECK(PyList_GetItem(l, -1) == NULL && t_exc("IndexError", "list index out of range"), "GetItem -1");
  T_CHECK(PyList_GetItemRef(l, 9) == NULL && t_exc("IndexError", "list index out of range"), "GetItemRef 9");
  T_CHECK(PyList_GetItemRef(Py_None, 0) == NULL && t_exc("TypeError", "expected a list"), "GetItemRef(None)");
  T_CHECK(PyList_SetItem(l, 2, t_int(1)) == -1 && t_exc("IndexError", "list assignment index out of range"),
          "SetItem 2");
  T_CHECK(PyList_Append(l, Py_None) == 0 && PyList_GET_SIZE(l) == 3, "Append");
  T_CHECK(PyList_Insert(l, 0, Py_True) == 0, "Insert 0");
  T_CHECK(PyList_Insert(l, -100, Py_False) == 0, "Insert clamps");
  T_CHECK(PyList_Insert(l, 100, Py_Ellipsis) == 0, "Insert clamps high");
  T_CHECK(t_repr_is(l, "[False, True, 5, 'a longer string', None, Ellipsis]"), "after inserts");
  T_CHECK(PyList_Insert(l, 0, NULL) == -1 && T_BADCALL(), "Insert NULL");
  T_CHECK(PyList_Append(Py_None, Py_None) == -1 && T_BADCALL(), "Append(None)");
  T_CHECK(PyList_Size(Py_None) == -1 && T_BADCALL(), "Size(None)");
  T_CHECK(PyList_GetItem(Py_None, 0) == NULL && T_BADCALL(), "GetItem(None)");
  T_CHECK(PyList_New(-1) == NULL && T_BADCALL(), "New(-1)");
  PyObject *s = PyList_GetSlice(l, 1, 3);
  T_CHECK(t_repr_is(s, "[True, 5]"), "GetSlice");
  T_CHECK(PyList_SetSlice(l, 0, 2, s) == 0 && t_repr_is(l, "[True, 5, 5, 'a longer string', None, Ellipsis]"), "SetSlice");
  T_CHECK(PyList_SetSlice(l, 3, 100, NULL) == 0 && t_repr_is(l, "[True, 5, 5]"), "SetSlice NULL deletes");
  Py_XDECREF(s);
  PyObject *t = PyList_AsTuple(l);
  T_CHECK(t_repr_is(t, "(True, 5, 5)"), "AsTuple");
  T_CHECK(PyList_Extend(l, t) == 0 && PyList_GET_SIZE(l) == 6, "Extend");
  Py_XDECREF(t);
  T_CHECK(PyList_Extend(l, Py_None) == -1 && t_exc("TypeError", "'NoneType' object is not iterable"), "Extend(None)");
  PyObject *n = PyList_New(0);
  PyList_Append(n, t_int(3));
  PyList_Append(n, t_int(1));
  PyList_Append(n, t_int(2));
  /* PyList_Append does not steal: the ints above leak one reference each; fine for a test. */
  T_CHECK(PyList_Sort(n) == 0 && t_repr_is(n, "[1, 2, 3]"), "Sort");
  T_CHECK(PyList_Reverse(n) == 0 && t_repr_is(n, "[3, 2, 1]"), "Reverse");
  PyList_Append(n, Py_None);
  T_CHECK(PyList_Sort(n) == -1 &&
              t_exc("TypeError", "'<' not supported between instances of 'NoneType' and 'int'"),
          "Sort mixed");
  T_CHECK(PyList_Sort(Py_None) == -1 && T_BADCALL(), "Sort(None)");
  T_CHECK(PyList_Reverse(NULL) == -1 && T_BADCALL(), "Reverse(NULL)");
  T_CHECK(PyList_Clear(l) == 0 && PyList_GET_SIZE(l) == 0 && t_repr_is(l, "[]"), "Clear");
  T_CHECK(PyList_Clear(Py_None) == -1 && T_BADCALL(), "Clear(None)");
  T_CHECK(!PyList_Check(Py_None), "PyList_Check(None)");
  Py_DECREF(n);
  Py_DECREF(l);
}

int main(void) {
  Py_Initialize();
  test_tuple();
  test_list();
  return t_finish("tuple_list_test");
}
