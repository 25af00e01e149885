/* dictobject.h and setobject.h: lookups (borrowed and *Ref), updates, iteration, merging, setdefault/pop, and the
 * set functions, with CPython 3.13's results and exceptions. */
#include <Python.h>

#include "compat/capi/abstract_testutil.h"

static void test_dict(void) {
  PyObject *d = PyDict_New();
  T_CHECK(d && PyDict_Check(d) && PyDict_CheckExact(d) && PyDict_Size(d) == 0, "PyDict_New");
  PyObject *k = t_str("key"), *v = t_int(123456);
  T_CHECK(PyDict_SetItem(d, k, v) == 0, "SetItem");
  T_CHECK(PyDict_SetItemString(d, "b", Py_None) == 0, "SetItemString");
  T_CHECK(PyDict_Size(d) == 2 && PyDict_GET_SIZE(d) == 2, "size 2");
  Py_ssize_t rc = Py_REFCNT(v);
  T_CHECK(PyDict_GetItem(d, k) == v && Py_REFCNT(v) == rc, "GetItem borrowed");
  T_CHECK(PyDict_GetItemString(d, "key") == v, "GetItemString");
  T_CHECK(PyDict_GetItemWithError(d, Py_True) == NULL && !t_err(), "GetItemWithError missing: no error");
  PyObject *r = NULL;
  T_CHECK(PyDict_GetItemRef(d, k, &r) == 1 && r == v && Py_REFCNT(v) == rc + 1, "GetItemRef found");
  Py_XDECREF(r);
  T_CHECK(PyDict_GetItemStringRef(d, "zz", &r) == 0 && r == NULL && !t_err(), "GetItemStringRef missing");
  PyObject *unhashable = PyList_New(0);
  T_CHECK(PyDict_GetItem(d, unhashable) == NULL && !t_err(), "GetItem swallows the TypeError");
  T_CHECK(PyDict_GetItemWithError(d, unhashable) == NULL && t_exc("TypeError", "unhashable type: 'list'"),
          "GetItemWithError unhashable");
  T_CHECK(PyDict_GetItemRef(d, unhashable, &r) == -1 && r == NULL && t_exc("TypeError", "unhashable type: 'list'"),
          "GetItemRef unhashable");
  T_CHECK(PyDict_SetItem(d, unhashable, v) == -1 && t_exc("TypeError", "unhashable type: 'list'"), "SetItem unhashable");
  T_CHECK(PyDict_GetItem(Py_None, k) == NULL && !t_err(), "GetItem(None)");
  T_CHECK(PyDict_SetItem(Py_None, k, v) == -1 && T_BADCALL(), "SetItem(None)");
  T_CHECK(PyDict_GetItemRef(Py_None, k, &r) == -1 && r == NULL && T_BADCALL(), "GetItemRef(None)");
  T_CHECK(PyDict_Contains(d, k) == 1 && PyDict_ContainsString(d, "b") == 1 && PyDict_ContainsString(d, "c") == 0,
          "Contains");
  T_CHECK(PyDict_Contains(d, unhashable) == -1 && t_exc("TypeError", "unhashable type: 'list'"), "Contains unhashable");
  T_CHECK(t_repr_is(d, "{'key': 123456, 'b': None}"), "repr");

  PyObject *keys = PyDict_Keys(d), *values = PyDict_Values(d), *items = PyDict_Items(d);
  T_CHECK(t_repr_is(keys, "['key', 'b']") && t_repr_is(values, "[123456, None]") &&
              t_repr_is(items, "[('key', 123456), ('b', None)]"),
          "Keys/Values/Items lists");
  Py_XDECREF(keys), Py_XDECREF(values), Py_XDECREF(items);

  Py_ssize_t pos = 0;
  PyObject *pk, *pv;
  int n = 0;
  while (PyDict_Next(d, &pos, &pk, &pv)) {
    if (n == 0) T_CHECK(pk == k && pv == v, "Next first entry");
    n++;
  }
  T_CHECK(n == 2, "Next visits 2 entries");
  pos = 0;
  T_CHECK(PyDict_Next(d, &pos, NULL, NULL) == 1, "Next with NULL outputs");

  PyObject *c = PyDict_Copy(d);
  T_CHECK(c && c != d && t_repr_is(c, "{'key': 123456, 'b': None}"), "Copy");
  T_CHECK(PyDict_DelItem(d, k) == 0 && PyDict_Size(d) == 1, "DelItem");
  T_CHECK(PyDict_DelItem(d, k) == -1 && t_exc("KeyError", "'key'"), "DelItem missing: KeyError");
  T_CHECK(PyDict_DelItemString(d, "b") == 0 && PyDict_Size(d) == 0, "DelItemString");
  T_CHECK(PyDict_DelItemString(d, "nope") == -1 && t_exc("KeyError", "'nope'"), "DelItemString missing");

  T_CHECK(PyDict_Update(d, c) == 0 && PyDict_Size(d) == 2, "Update");
  PyDict_SetItemString(c, "b", Py_True);
  T_CHECK(PyDict_Merge(d, c, 0) == 0 && PyDict_GetItemString(d, "b") == Py_None, "Merge without override");
  T_CHECK(PyDict_Merge(d, c, 1) == 0 && PyDict_GetItemString(d, "b") == Py_True, "Merge with override");
  T_CHECK(PyDict_Update(d, Py_None) == -1 && t_exc("AttributeError", "'NoneType' object has no attribute 'keys'"),
          "Update(None)");
  PyObject *seq = PyList_New(0);
  PyObject *pair = PyTuple_Pack(2, Py_False, Py_None);
  PyList_Append(seq, pair);
  T_CHECK(PyDict_MergeFromSeq2(d, seq, 1) == 0 && PyDict_GetItem(d, Py_False) == Py_None, "MergeFromSeq2");
  PyList_Append(seq, Py_None);
  T_CHECK(PyDict_MergeFromSeq2(d, seq, 1) == -1 &&
              t_exc("TypeError", "cannot convert dictionary update sequence element #1 to a sequence"),
          "MergeFromSeq2 bad element");
  Py_DECREF(pair);
  Py_DECREF(seq);

  PyObject *dflt = t_int(99);
  PyObject *got = PyDict_SetDefault(d, Py_Ellipsis, dflt);
  T_CHECK(got == dflt, "SetDefault inserts");
  T_CHECK(PyDict_SetDefault(d, Py_Ellipsis, Py_None) == dflt, "SetDefault keeps");
  T_CHECK(PyDict_SetDefaultRef(d, Py_Ellipsis, Py_None, &r) == 1 && r == dflt, "SetDefaultRef present -> 1");
  Py_XDECREF(r);
  T_CHECK(PyDict_SetDefaultRef(d, Py_NotImplemented, Py_None, &r) == 0 && r == Py_None, "SetDefaultRef inserted -> 0");
  Py_XDECREF(r);
  T_CHECK(PyDict_SetDefaultRef(d, Py_NotImplemented, Py_True, NULL) == 1, "SetDefaultRef NULL result");
  T_CHECK(PyDict_Pop(d, Py_Ellipsis, &r) == 1 && r == dflt, "Pop found");
  Py_XDECREF(r);
  T_CHECK(PyDict_Pop(d, Py_Ellipsis, &r) == 0 && r == NULL && !t_err(), "Pop missing");
  T_CHECK(PyDict_Pop(d, Py_NotImplemented, NULL) == 1, "Pop NULL result");
  T_CHECK(PyDict_PopString(d, "key", &r) == 1 && t_long(r) == 123456, "PopString");
  Py_XDECREF(r);
  T_CHECK(PyDict_Pop(Py_None, k, &r) == -1 && r == NULL && T_BADCALL(), "Pop(None)");
  PyObject *hk = t_str("hashed key");
  Py_hash_t h = PyObject_Hash(hk);
  T_CHECK(_PyDict_SetItem_KnownHash(d, hk, Py_True, h) == 0 && _PyDict_GetItem_KnownHash(d, hk, h) == Py_True &&
              _PyDict_GetItemStringWithError(d, "hashed key") == Py_True,
          "_PyDict_*_KnownHash");
  Py_DECREF(hk);
  PyObject *pre = _PyDict_NewPresized(100);
  T_CHECK(pre && PyDict_CheckExact(pre) && PyDict_Size(pre) == 0, "_PyDict_NewPresized");
  Py_XDECREF(pre);
  PyDict_Clear(d);
  T_CHECK(PyDict_Size(d) == 0, "Clear");
  T_CHECK(PyDict_Size(Py_None) == -1 && T_BADCALL(), "Size(None)");
  T_CHECK(PyDict_Keys(Py_None) == NULL && T_BADCALL(), "Keys(None)");

  PyObject *kname = t_str("keys");
  PyObject *kv = PyObject_CallMethodNoArgs(c, kname);
  T_CHECK(kv && Py_IS_TYPE(kv, &PyDictKeys_Type) && PyDictKeys_Check(kv) && PyDictViewSet_Check(kv) &&
              !PyDictValues_Check(kv),
          "PyDictKeys_Type is dict_keys");
  Py_XDECREF(kv);
  Py_DECREF(kname);
  Py_DECREF(dflt);
  Py_DECREF(unhashable);
  Py_DECREF(c);
  Py_DECREF(k);
  Py_DECREF(d);
}

static void test_set(void) {
  PyObject *s = PySet_New(NULL);
  T_CHECK(s && PySet_Check(s) && PySet_CheckExact(s) && PyAnySet_Check(s) && PyAnySet_CheckExact(s) &&
              !PyFrozenSet_Check(s),
          "PySet_New");
  PyObject *one = t_int(1);
  T_CHECK(PySet_Add(s, one) == 0 && PySet_Add(s, one) == 0 && PySet_Size(s) == 1 && PySet_GET_SIZE(s) == 1, "Add");
  T_CHECK(PySet_Contains(s, one) == 1 && PySet_Contains(s, Py_None) == 0, "Contains");
  PyObject *l = PyList_New(0);
  T_CHECK(PySet_Add(s, l) == -1 && t_exc("TypeError", "unhashable type: 'list'"), "Add unhashable");
  T_CHECK(PySet_Contains(s, l) == -1 && t_exc("TypeError", "unhashable type: 'list'"), "Contains unhashable");
  T_CHECK(PySet_Discard(s, one) == 1 && PySet_Discard(s, one) == 0 && PySet_Size(s) == 0, "Discard");
  T_CHECK(PySet_Pop(s) == NULL && t_exc("KeyError", "'pop from an empty set'"), "Pop empty");
  PySet_Add(s, Py_None);
  PyObject *p = PySet_Pop(s);
  T_CHECK(p == Py_None && PySet_Size(s) == 0, "Pop");
  Py_XDECREF(p);
  PySet_Add(s, Py_True);
  T_CHECK(PySet_Clear(s) == 0 && PySet_Size(s) == 0, "Clear");
  T_CHECK(PySet_Size(l) == -1 && T_BADCALL(), "Size(list)");
  T_CHECK(PySet_Discard(l, one) == -1 && T_BADCALL(), "Discard(list)");

  PyObject *t = PyTuple_Pack(3, one, one, Py_None);
  PyObject *f = PyFrozenSet_New(t);
  T_CHECK(f && PyFrozenSet_Check(f) && PyFrozenSet_CheckExact(f) && PyAnySet_Check(f) && !PySet_Check(f) &&
              PySet_Size(f) == 2,
          "PyFrozenSet_New");
  T_CHECK(PySet_Contains(f, Py_None) == 1, "frozenset Contains");
  T_CHECK(PySet_Discard(f, one) == -1 && T_BADCALL(), "Discard(frozenset)");
  T_CHECK(PySet_Clear(f) == -1 && T_BADCALL(), "Clear(frozenset)");
  /* A fresh frozenset may be filled in by its creator; a shared one may not. */
  T_CHECK(PySet_Add(f, Py_False) == 0 && PySet_Size(f) == 3, "Add to a fresh frozenset");
  Py_INCREF(f);
  T_CHECK(PySet_Add(f, Py_Ellipsis) == -1 && T_BADCALL(), "Add to a shared frozenset");
  Py_DECREF(f);
  PyObject *s2 = PySet_New(t);
  T_CHECK(s2 && PySet_Size(s2) == 2, "PySet_New(iterable)");
  T_CHECK(PySet_New(Py_None) == NULL && t_exc("TypeError", "'NoneType' object is not iterable"), "PySet_New(None)");
  Py_XDECREF(s2);
  Py_DECREF(f);
  Py_DECREF(t);
  Py_DECREF(l);
  Py_DECREF(one);
  Py_DECREF(s);
}

int main(void) {
  Py_Initialize();
  test_dict();
  test_set();
  return t_finish("dict_set_test");
}
