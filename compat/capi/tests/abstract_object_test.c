/* abstract.h: the generic object functions and the number, sequence, mapping and iterator protocols, with
 * CPython 3.13's results and messages. */
#include <Python.h>

#include "compat/capi/abstract_testutil.h"

/* eval(src, {"x": x}) through builtins.eval: runs real bytecode. */
static PyObject *t_eval(const char *src, PyObject *x) {
  PyObject *ev = t_builtin("eval"), *g = PyDict_New(), *s = t_str(src);
  if (x) PyDict_SetItemString(g, "x", x);
  PyObject *r = PyObject_CallFunctionObjArgs(ev, s, g, NULL);
  Py_DECREF(ev), Py_DECREF(g), Py_DECREF(s);
  return r;
}

static void test_generic(void) {
  PyObject *i = t_int(42), *s = t_str("hé");
  PyObject *r = PyObject_Repr(s);
  T_CHECK(t_str_is(r, "'hé'"), "Repr");
  Py_XDECREF(r);
  r = PyObject_Str(i);
  T_CHECK(t_str_is(r, "42"), "Str");
  Py_XDECREF(r);
  r = PyObject_ASCII(s);
  T_CHECK(t_str_is(r, "'h\\xe9'"), "ASCII");
  Py_XDECREF(r);
  r = PyObject_Repr(NULL);
  T_CHECK(t_str_is(r, "<NULL>"), "Repr(NULL)");
  Py_XDECREF(r);
  T_CHECK(PyObject_Bytes(i) == NULL && t_exc("TypeError", "cannot convert 'int' object to bytes"), "Bytes(int)");
  T_CHECK(PyObject_Bytes(s) == NULL && t_exc("TypeError", "cannot convert 'str' object to bytes"), "Bytes(str)");
  PyObject *l = PyList_New(0);
  PyList_Append(l, i);
  r = PyObject_Bytes(l);
  T_CHECK(t_repr_is(r, "b'*'"), "Bytes(list)");
  Py_XDECREF(r);

  FILE *fp = tmpfile();
  char buf[64] = {0};
  T_CHECK(fp && PyObject_Print(s, fp, 0) == 0 && PyObject_Print(s, fp, Py_PRINT_RAW) == 0 &&
              PyObject_Print(NULL, fp, 0) == 0,
          "Print");
  if (fp) {
    rewind(fp);
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = 0;
    T_CHECK(strcmp(buf, "'h\xc3\xa9'h\xc3\xa9<nil>") == 0, "Print output: %s", buf);
    fclose(fp);
  }

  /* Attributes. */
  PyObject *name = t_str("real");
  r = PyObject_GetAttr(i, name);
  T_CHECK(r && t_long(r) == 42, "GetAttr");
  Py_XDECREF(r);
  r = PyObject_GetAttrString(i, "nope");
  T_CHECK(!r && t_exc("AttributeError", "'int' object has no attribute 'nope'"), "GetAttrString missing");
  T_CHECK(PyObject_GetAttr(i, i) == NULL && t_exc("TypeError", "attribute name must be string, not 'int'"),
          "GetAttr(non-str)");
  T_CHECK(PyObject_GetOptionalAttrString(i, "nope", &r) == 0 && r == NULL && !t_err(), "GetOptionalAttr missing");
  T_CHECK(PyObject_GetOptionalAttr(i, name, &r) == 1 && r && t_long(r) == 42, "GetOptionalAttr found");
  Py_XDECREF(r);
  T_CHECK(PyObject_HasAttr(i, name) == 1 && PyObject_HasAttrString(i, "nope") == 0, "HasAttr");
  T_CHECK(PyObject_HasAttrWithError(i, name) == 1 && PyObject_HasAttrStringWithError(i, "imag") == 1, "HasAttrWithError");
  T_CHECK(PyObject_SetAttrString(i, "x", i) == -1 &&
              t_exc("AttributeError", "'int' object has no attribute 'x' and no __dict__ for setting new attributes"),
          "SetAttr on int");
  PyObject *ns = t_eval("__import__('types').SimpleNamespace()", NULL);
  T_CHECK(ns && PyObject_SetAttrString(ns, "x", i) == 0 && PyObject_HasAttrString(ns, "x") == 1, "SetAttrString");
  PyObject *xname = t_str("x");
  r = PyObject_GenericGetAttr(ns, xname);
  T_CHECK(r == i, "GenericGetAttr");
  Py_XDECREF(r);
  Py_DECREF(xname);
  T_CHECK(PyObject_DelAttrString(ns, "x") == 0 && PyObject_HasAttrString(ns, "x") == 0, "DelAttrString");
  T_CHECK(PyObject_DelAttrString(ns, "x") == -1 && t_exc("AttributeError", "'types.SimpleNamespace' object has no attribute 'x'"), "DelAttrString missing");
  PyObject *dd = PyObject_GenericGetDict(ns, NULL);
  T_CHECK(dd && PyDict_Check(dd), "GenericGetDict");
  Py_XDECREF(dd);
  T_CHECK(PyObject_GenericGetDict(i, NULL) == NULL && t_exc("AttributeError", "This object has no __dict__"),
          "GenericGetDict(int)");

  /* Comparison, hashing, truth. */
  PyObject *j = t_int(7);
  T_CHECK(PyObject_RichCompareBool(i, j, Py_GT) == 1 && PyObject_RichCompareBool(i, j, Py_EQ) == 0, "RichCompareBool");
  r = PyObject_RichCompare(i, j, Py_LT);
  T_CHECK(r == Py_False, "RichCompare");
  Py_XDECREF(r);
  T_CHECK(PyObject_RichCompare(i, s, Py_LT) == NULL &&
              t_exc("TypeError", "'<' not supported between instances of 'int' and 'str'"),
          "RichCompare int < str");
  T_CHECK(PyObject_RichCompareBool(l, l, Py_EQ) == 1, "identity implies equality");
  T_CHECK(PyObject_Hash(i) == 42, "Hash");
  T_CHECK(PyObject_Hash(l) == -1 && t_exc("TypeError", "unhashable type: 'list'"), "Hash(list)");
  T_CHECK(PyObject_HashNotImplemented(i) == -1 && t_exc("TypeError", "unhashable type: 'int'"), "HashNotImplemented");
  T_CHECK(PyObject_IsTrue(i) == 1 && PyObject_IsTrue(Py_None) == 0 && PyObject_Not(i) == 0 && PyObject_Not(l) == 0 && PyObject_Not(Py_None) == 1,
          "IsTrue/Not");
  r = PyObject_Type(i);
  T_CHECK(r == (PyObject *)&PyLong_Type, "Type");
  Py_XDECREF(r);
  T_CHECK(PyObject_IsInstance(i, (PyObject *)&PyLong_Type) == 1 && PyObject_IsInstance(i, (PyObject *)&PyList_Type) == 0,
          "IsInstance");
  T_CHECK(PyObject_IsSubclass((PyObject *)&PyBool_Type, (PyObject *)&PyLong_Type) == 1, "IsSubclass");
  T_CHECK(PyObject_IsInstance(i, i) == -1 &&
              t_exc("TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union"),
          "IsInstance(bad)");
  PyObject *fmt = t_str("x");
  r = PyObject_Format(t_int(255), fmt);
  T_CHECK(t_str_is(r, "ff"), "Format");
  Py_XDECREF(r);
  r = PyObject_Dir(i);
  T_CHECK(r && PyList_Check(r) && PySequence_Contains(r, name) == 1, "Dir");
  Py_XDECREF(r);
  T_CHECK(PyCallable_Check(l) == 0 && PyCallable_Check((PyObject *)&PyLong_Type) == 1 && PyCallable_Check(NULL) == 0,
          "PyCallable_Check");
  T_CHECK(Py_ReprEnter(l) == 0 && Py_ReprEnter(l) == 1, "ReprEnter");
  Py_ReprLeave(l);
  T_CHECK(Py_ReprEnter(l) == 0, "ReprLeave");
  Py_ReprLeave(l);
  T_CHECK(PyObject_SelfIter(l) == l, "SelfIter");
  Py_DECREF(l);  /* SelfIter's reference */
  Py_DECREF(fmt), Py_DECREF(j), Py_XDECREF(ns), Py_DECREF(name), Py_DECREF(l), Py_DECREF(s), Py_DECREF(i);
}

static void test_number(void) {
  PyObject *a = t_int(17), *b = t_int(5), *r;
#define BIN(fn, expect)                                  \
  r = fn(a, b);                                          \
  T_CHECK(t_repr_is(r, expect), #fn);                    \
  Py_XDECREF(r);
  BIN(PyNumber_Add, "22") BIN(PyNumber_Subtract, "12") BIN(PyNumber_Multiply, "85") BIN(PyNumber_FloorDivide, "3")
  BIN(PyNumber_TrueDivide, "3.4") BIN(PyNumber_Remainder, "2") BIN(PyNumber_Divmod, "(3, 2)")
  BIN(PyNumber_Lshift, "544") BIN(PyNumber_Rshift, "0") BIN(PyNumber_And, "1") BIN(PyNumber_Xor, "20")
  BIN(PyNumber_Or, "21") BIN(PyNumber_InPlaceAdd, "22") BIN(PyNumber_InPlaceSubtract, "12")
  BIN(PyNumber_InPlaceMultiply, "85") BIN(PyNumber_InPlaceFloorDivide, "3") BIN(PyNumber_InPlaceTrueDivide, "3.4")
  BIN(PyNumber_InPlaceRemainder, "2") BIN(PyNumber_InPlaceLshift, "544") BIN(PyNumber_InPlaceRshift, "0")
  BIN(PyNumber_InPlaceAnd, "1") BIN(PyNumber_InPlaceXor, "20") BIN(PyNumber_InPlaceOr, "21")
#undef BIN
  r = PyNumber_Power(a, b, Py_None);
  T_CHECK(t_repr_is(r, "1419857"), "Power");
  Py_XDECREF(r);
  PyObject *m = t_int(7);
  r = PyNumber_Power(a, b, m);
  T_CHECK(t_repr_is(r, "5"), "Power mod");
  Py_XDECREF(r);
  r = PyNumber_InPlacePower(a, b, Py_None);
  T_CHECK(t_repr_is(r, "1419857"), "InPlacePower");
  Py_XDECREF(r);
  r = PyNumber_Negative(a);
  T_CHECK(t_repr_is(r, "-17"), "Negative");
  PyObject *ab = PyNumber_Absolute(r);
  T_CHECK(t_repr_is(ab, "17"), "Absolute");
  Py_XDECREF(ab), Py_XDECREF(r);
  r = PyNumber_Invert(a);
  T_CHECK(t_repr_is(r, "-18"), "Invert");
  Py_XDECREF(r);
  r = PyNumber_Positive(a);
  T_CHECK(r == a, "Positive");
  Py_XDECREF(r);
  PyObject *s = t_str("a");
  T_CHECK(PyNumber_Add(a, s) == NULL && t_exc("TypeError", "unsupported operand type(s) for +: 'int' and 'str'"),
          "Add int+str");
  T_CHECK(PyNumber_MatrixMultiply(a, b) == NULL &&
              t_exc("TypeError", "unsupported operand type(s) for @: 'int' and 'int'"),
          "MatrixMultiply");
  T_CHECK(PyNumber_InPlaceMatrixMultiply(a, b) == NULL &&
              t_exc("TypeError", "unsupported operand type(s) for @=: 'int' and 'int'"),
          "InPlaceMatrixMultiply");
  PyObject *z = t_int(0);
  T_CHECK(PyNumber_TrueDivide(a, z) == NULL && t_exc("ZeroDivisionError", "division by zero"), "a / 0");
  r = PyNumber_Multiply(s, b);
  T_CHECK(t_str_is(r, "aaaaa"), "str * int");
  Py_XDECREF(r);

  T_CHECK(PyNumber_Check(a) && !PyNumber_Check(s) && PyIndex_Check(a) && !PyIndex_Check(s), "Check");
  r = PyNumber_Index(Py_True);
  T_CHECK(r && Py_IS_TYPE(r, &PyLong_Type) && t_long(r) == 1, "Index(True) is an exact int");
  Py_XDECREF(r);
  r = PyNumber_Float(a);
  T_CHECK(t_repr_is(r, "17.0"), "Float");
  PyObject *back = PyNumber_Long(r);
  T_CHECK(t_repr_is(back, "17"), "Long");
  T_CHECK(PyNumber_Index(r) == NULL && t_exc("TypeError", "'float' object cannot be interpreted as an integer"),
          "Index(float)");
  Py_XDECREF(back), Py_XDECREF(r);
  T_CHECK(PyNumber_Long(Py_None) == NULL &&
              t_exc("TypeError", "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"),
          "Long(None)");
  T_CHECK(PyNumber_AsSsize_t(a, NULL) == 17, "AsSsize_t");
  PyObject *big = t_eval("2**70", NULL), *nbig = t_eval("-2**70", NULL);
  T_CHECK(PyNumber_AsSsize_t(big, NULL) == PY_SSIZE_T_MAX && !t_err(), "AsSsize_t clamps high");
  T_CHECK(PyNumber_AsSsize_t(nbig, NULL) == PY_SSIZE_T_MIN && !t_err(), "AsSsize_t clamps low");
  PyObject *ovf = t_builtin("OverflowError"), *ie = t_builtin("IndexError");
  T_CHECK(PyNumber_AsSsize_t(big, ovf) == -1 && t_exc("OverflowError", "cannot fit 'int' into an index-sized integer"),
          "AsSsize_t OverflowError");
  T_CHECK(PyNumber_AsSsize_t(big, ie) == -1 && t_exc("IndexError", "cannot fit 'int' into an index-sized integer"),
          "AsSsize_t IndexError");
  T_CHECK(PyNumber_AsSsize_t(s, ovf) == -1 && t_exc("TypeError", "'str' object cannot be interpreted as an integer"),
          "AsSsize_t(str)");
  PyObject *n255 = t_int(255);
  r = PyNumber_ToBase(n255, 16);
  T_CHECK(t_str_is(r, "0xff"), "ToBase 16");
  Py_XDECREF(r);
  r = PyNumber_ToBase(n255, 2);
  T_CHECK(t_str_is(r, "0b11111111"), "ToBase 2");
  Py_XDECREF(r);
  r = PyNumber_ToBase(n255, 8);
  T_CHECK(t_str_is(r, "0o377"), "ToBase 8");
  Py_XDECREF(r);
  r = PyNumber_ToBase(n255, 10);
  T_CHECK(t_str_is(r, "255"), "ToBase 10");
  Py_XDECREF(r);
  T_CHECK(PyNumber_ToBase(n255, 3) == NULL && t_exc("SystemError", "PyNumber_ToBase: base must be 2, 8, 10 or 16"),
          "ToBase 3");
  Py_DECREF(n255), Py_DECREF(ovf), Py_DECREF(ie), Py_XDECREF(big), Py_XDECREF(nbig), Py_DECREF(z), Py_DECREF(s);
  Py_DECREF(m), Py_DECREF(a), Py_DECREF(b);
}

static void test_sequence(void) {
  PyObject *l = t_eval("[1, 2, 3, 2]", NULL), *t = t_eval("(7, 8)", NULL), *d = PyDict_New(), *five = t_int(5);
  PyObject *two = t_int(2), *r;
  T_CHECK(PySequence_Check(l) && PySequence_Check(t) && !PySequence_Check(d) && !PySequence_Check(five), "Check");
  T_CHECK(PySequence_Size(l) == 4 && PySequence_Length(t) == 2, "Size");
  T_CHECK(PySequence_Size(d) == -1 && t_exc("TypeError", "dict is not a sequence"), "Size(dict)");
  T_CHECK(PySequence_Size(five) == -1 && t_exc("TypeError", "object of type 'int' has no len()"), "Size(int)");
  r = PySequence_Concat(t, t);
  T_CHECK(t_repr_is(r, "(7, 8, 7, 8)"), "Concat");
  Py_XDECREF(r);
  T_CHECK(PySequence_Concat(five, five) == NULL && t_exc("TypeError", "'int' object can't be concatenated"), "Concat int");
  T_CHECK(PySequence_Concat(l, t) == NULL &&
              t_exc("TypeError", "can only concatenate list (not \"tuple\") to list"),
          "Concat list+tuple");
  r = PySequence_Repeat(t, 2);
  T_CHECK(t_repr_is(r, "(7, 8, 7, 8)"), "Repeat");
  Py_XDECREF(r);
  T_CHECK(PySequence_Repeat(five, 2) == NULL && t_exc("TypeError", "'int' object can't be repeated"), "Repeat int");
  PyObject *l2 = PySequence_List(t);
  r = PySequence_InPlaceConcat(l2, t);
  T_CHECK(r == l2 && t_repr_is(l2, "[7, 8, 7, 8]"), "InPlaceConcat mutates a list");
  Py_XDECREF(r);
  r = PySequence_InPlaceRepeat(l2, 2);
  T_CHECK(r == l2 && PyList_GET_SIZE(l2) == 8, "InPlaceRepeat");
  Py_XDECREF(r);
  r = PySequence_GetItem(l, -1);
  T_CHECK(r && t_long(r) == 2, "GetItem -1");
  Py_XDECREF(r);
  T_CHECK(PySequence_GetItem(l, 10) == NULL && t_exc("IndexError", "list index out of range"), "GetItem 10");
  T_CHECK(PySequence_GetItem(d, 0) == NULL && t_exc("TypeError", "dict is not a sequence"), "GetItem(dict)");
  T_CHECK(PySequence_GetItem(five, 0) == NULL && t_exc("TypeError", "'int' object does not support indexing"),
          "GetItem(int)");
  r = PySequence_GetSlice(l, 1, 3);
  T_CHECK(t_repr_is(r, "[2, 3]"), "GetSlice");
  Py_XDECREF(r);
  T_CHECK(PySequence_GetSlice(five, 0, 1) == NULL && t_exc("TypeError", "'int' object is unsliceable"), "GetSlice(int)");
  T_CHECK(PySequence_SetItem(l2, -1, five) == 0 && PySequence_DelItem(l2, 0) == 0 && PyList_GET_SIZE(l2) == 7,
          "SetItem/DelItem");
  T_CHECK(PySequence_SetItem(t, 0, five) == -1 &&
              t_exc("TypeError", "'tuple' object does not support item assignment"),
          "SetItem(tuple)");
  T_CHECK(PySequence_DelItem(t, 0) == -1 && t_exc("TypeError", "'tuple' object doesn't support item deletion"),
          "DelItem(tuple)");
  T_CHECK(PySequence_SetSlice(l2, 0, 100, t) == 0 && t_repr_is(l2, "[7, 8]"), "SetSlice");
  T_CHECK(PySequence_DelSlice(l2, 0, 1) == 0 && t_repr_is(l2, "[8]"), "DelSlice");
  T_CHECK(PySequence_SetSlice(t, 0, 1, l) == -1 &&
              t_exc("TypeError", "'tuple' object doesn't support slice assignment"),
          "SetSlice(tuple)");
  T_CHECK(PySequence_DelSlice(t, 0, 1) == -1 && t_exc("TypeError", "'tuple' object doesn't support slice deletion"),
          "DelSlice(tuple)");
  r = PySequence_Tuple(l);
  T_CHECK(t_repr_is(r, "(1, 2, 3, 2)"), "Tuple");
  Py_XDECREF(r);
  r = PySequence_Tuple(t);
  T_CHECK(r == t, "Tuple(tuple) is the same object");
  Py_XDECREF(r);
  T_CHECK(PySequence_Tuple(five) == NULL && t_exc("TypeError", "'int' object is not iterable"), "Tuple(int)");
  r = PySequence_Fast(t, "msg");
  T_CHECK(r == t && PySequence_Fast_GET_SIZE(r) == 2 && PySequence_Fast_GET_ITEM(r, 1) == PyTuple_GET_ITEM(t, 1) &&
              PySequence_Fast_ITEMS(r)[0] == PyTuple_GET_ITEM(t, 0),
          "Fast(tuple)");
  Py_XDECREF(r);
  PyObject *it = PyObject_GetIter(l);
  r = PySequence_Fast(it, "msg");
  T_CHECK(r && PyList_Check(r) && PySequence_Fast_GET_SIZE(r) == 4, "Fast(iterator)");
  Py_XDECREF(r), Py_XDECREF(it);
  T_CHECK(PySequence_Fast(five, "custom msg") == NULL && t_exc("TypeError", "custom msg"), "Fast(int)");
  T_CHECK(PySequence_Count(l, two) == 2 && PySequence_Contains(l, two) == 1 && PySequence_In(l, five) == 0 && (PySequence_In)(l, two) == 1 &&
              PySequence_Index(l, two) == 1,
          "Count/Contains/In/Index");
  T_CHECK(PySequence_Index(l, five) == -1 && t_exc("ValueError", "sequence.index(x): x not in sequence"), "Index missing");
  T_CHECK(PySequence_Contains(five, two) == -1 && t_exc("TypeError", "argument of type 'int' is not iterable"),
          "Contains(int)");
  Py_DECREF(l2), Py_DECREF(two), Py_DECREF(five), Py_DECREF(d), Py_DECREF(t), Py_DECREF(l);
}

static void test_mapping(void) {
  PyObject *d = t_eval("{'a': 1, 'b': 2}", NULL), *l = t_eval("[1]", NULL), *five = t_int(5), *r;
  T_CHECK(PyMapping_Check(d) && PyMapping_Check(l) && !PyMapping_Check(five), "Check");
  T_CHECK(PyMapping_Size(d) == 2 && PyMapping_Length(l) == 1, "Size");
  T_CHECK(PyMapping_Size(five) == -1 && t_exc("TypeError", "object of type 'int' has no len()"), "Size(int)");
  r = PyMapping_Keys(d);
  T_CHECK(t_repr_is(r, "['a', 'b']"), "Keys");
  Py_XDECREF(r);
  r = PyMapping_Values(d);
  T_CHECK(t_repr_is(r, "[1, 2]"), "Values");
  Py_XDECREF(r);
  r = PyMapping_Items(d);
  T_CHECK(t_repr_is(r, "[('a', 1), ('b', 2)]"), "Items");
  Py_XDECREF(r);
  PyObject *mp = t_eval("__import__('types').MappingProxyType(x)", d);
  r = PyMapping_Keys(mp);
  T_CHECK(t_repr_is(r, "['a', 'b']"), "Keys(mappingproxy)");
  Py_XDECREF(r);
  T_CHECK(PyMapping_Keys(five) == NULL && t_exc("AttributeError", "'int' object has no attribute 'keys'"), "Keys(int)");
  r = PyMapping_GetItemString(d, "a");
  T_CHECK(r && t_long(r) == 1, "GetItemString");
  Py_XDECREF(r);
  T_CHECK(PyMapping_GetItemString(d, "k") == NULL && t_exc("KeyError", "'k'"), "GetItemString missing");
  T_CHECK(PyMapping_GetOptionalItemString(d, "k", &r) == 0 && r == NULL && !t_err(), "GetOptionalItemString missing");
  T_CHECK(PyMapping_GetOptionalItemString(mp, "b", &r) == 1 && r && t_long(r) == 2, "GetOptionalItemString proxy");
  Py_XDECREF(r);
  PyObject *k = t_str("zz");
  T_CHECK(PyMapping_GetOptionalItem(mp, k, &r) == 0 && r == NULL && !t_err(), "GetOptionalItem proxy missing");
  T_CHECK(PyMapping_SetItemString(d, "zz", five) == 0 && PyMapping_HasKey(d, k) == 1 &&
              PyMapping_HasKeyString(d, "zz") == 1 && PyMapping_HasKeyWithError(d, k) == 1 &&
              PyMapping_HasKeyStringWithError(d, "q") == 0,
          "SetItemString / HasKey");
  T_CHECK(PyMapping_DelItemString(d, "zz") == 0 && PyMapping_HasKeyString(d, "zz") == 0, "DelItemString");
  T_CHECK(PyMapping_DelItem(d, k) == -1 && t_exc("KeyError", "'zz'"), "DelItem missing");
  T_CHECK(PyObject_DelItemString(d, "k") == -1 && t_exc("KeyError", "'k'"), "PyObject_DelItemString missing");
  r = PyObject_GetItem(d, k);
  T_CHECK(!r && t_exc("KeyError", "'zz'"), "PyObject_GetItem missing");
  T_CHECK(PyObject_GetItem(five, k) == NULL && t_exc("TypeError", "'int' object is not subscriptable"), "GetItem(int)");
  T_CHECK(PyObject_SetItem(d, k, five) == 0 && PyObject_Size(d) == 3 && PyObject_DelItem(d, k) == 0, "PyObject_SetItem");
  T_CHECK(PyObject_Size(five) == -1 && t_exc("TypeError", "object of type 'int' has no len()"), "PyObject_Size(int)");
  Py_DECREF(k), Py_XDECREF(mp), Py_DECREF(five), Py_DECREF(l), Py_DECREF(d);
}

static void test_iter(void) {
  PyObject *l = t_eval("[1, 2]", NULL), *five = t_int(5);
  PyObject *it = PyObject_GetIter(l);
  T_CHECK(it && PyIter_Check(it) && !PyIter_Check(l), "GetIter / Check");
  T_CHECK(PyObject_LengthHint(it, 9) == 2, "LengthHint");
  PyObject *a = PyIter_Next(it), *b = PyIter_Next(it), *c = PyIter_Next(it);
  T_CHECK(a && b && !c && !t_err() && t_long(a) == 1 && t_long(b) == 2, "Next");
  Py_XDECREF(a), Py_XDECREF(b);
  T_CHECK(PyObject_LengthHint(five, 9) == 9, "LengthHint default");
  T_CHECK(PyObject_GetIter(five) == NULL && t_exc("TypeError", "'int' object is not iterable"), "GetIter(int)");
  T_CHECK(PyObject_GetAIter(five) == NULL && t_exc("TypeError", "'int' object is not an async iterable"), "GetAIter");
  T_CHECK(!PyAIter_Check(it), "AIter_Check");
  Py_XDECREF(it);

  PyObject *gen = t_eval("(lambda: ((yield 1), (yield 2)))()", NULL), *r = NULL;
  T_CHECK(gen && PyGen_Check(gen) && PyGen_CheckExact(gen) && !PyCoro_CheckExact(gen), "generator checks");
  T_CHECK(PyIter_Send(gen, Py_None, &r) == PYGEN_NEXT && r && t_long(r) == 1, "Send first");
  Py_XDECREF(r);
  T_CHECK(PyIter_Send(gen, five, &r) == PYGEN_NEXT && r && t_long(r) == 2, "Send second");
  Py_XDECREF(r);
  T_CHECK(PyIter_Send(gen, Py_True, &r) == PYGEN_RETURN && t_repr_is(r, "(5, True)") && !t_err(), "Send return");
  Py_XDECREF(r);
  PyObject *coro = t_eval("(lambda: (yield))", NULL);
  Py_XDECREF(coro);
  /* Python classes: the checks follow the slots their dunders fill. */
  PyObject *plain = t_eval("type('P', (), {})()", NULL);
  PyObject *itc = t_eval("type('I', (), {'__iter__': lambda s: s, '__next__': lambda s: 1})()", NULL);
  PyObject *ait = t_eval("type('A', (), {'__aiter__': lambda s: s, '__anext__': lambda s: 1})()", NULL);
  PyObject *seqc = t_eval("type('S', (), {'__getitem__': lambda s, i: i, '__len__': lambda s: 3})()", NULL);
  PyObject *flt = t_eval("type('F', (), {'__float__': lambda s: 1.5})()", NULL);
  PyObject *dsub = t_eval("type('D', (dict,), {})()", NULL);
  T_CHECK(plain && !PyIter_Check(plain) && !PyAIter_Check(plain) && !PySequence_Check(plain) &&
              !PyMapping_Check(plain) && !PyNumber_Check(plain) && !PyIndex_Check(plain),
          "plain instance checks");
  T_CHECK(itc && PyIter_Check(itc), "PyIter_Check(class with __next__)");
  T_CHECK(ait && PyAIter_Check(ait), "PyAIter_Check(class with __anext__)");
  r = ait ? PyObject_GetAIter(ait) : NULL;
  T_CHECK(r == ait, "PyObject_GetAIter");
  Py_XDECREF(r);
  T_CHECK(seqc && PySequence_Check(seqc) && PySequence_Size(seqc) == 3, "sequence class");
  r = seqc ? PySequence_GetItem(seqc, -1) : NULL;
  T_CHECK(r && t_long(r) == 2, "PySequence_GetItem(-1) adds the length");
  Py_XDECREF(r);
  PyObject *lst = t_eval("type('L', (list,), {'__setitem__': lambda s, i, v: list.__setitem__(s, i, v * 2)})([1, 2])", NULL);
  T_CHECK(lst && PySequence_SetItem(lst, -1, t_int(5)) == 0 && t_repr_is(lst, "[1, 10]"), "SetItem(list subclass)");
  r = lst ? PySequence_GetItem(lst, 0) : NULL;
  T_CHECK(r && t_long(r) == 1, "GetItem(list subclass) without its own __getitem__");
  Py_XDECREF(r);
  Py_XDECREF(lst);
  T_CHECK(flt && PyNumber_Check(flt), "PyNumber_Check(class with __float__)");
  r = flt ? PyNumber_Float(flt) : NULL;
  T_CHECK(t_repr_is(r, "1.5"), "PyNumber_Float(class)");
  Py_XDECREF(r);
  T_CHECK(dsub && !PySequence_Check(dsub) && PyMapping_Check(dsub) && PyDict_Check(dsub) && !PyDict_CheckExact(dsub),
          "dict subclass");
  Py_XDECREF(plain), Py_XDECREF(itc), Py_XDECREF(ait), Py_XDECREF(seqc), Py_XDECREF(flt), Py_XDECREF(dsub);
  PyObject *rng = t_eval("range(3)", NULL);
  T_CHECK(rng && PyRange_Check(rng) && Py_IS_TYPE(rng, &PyRange_Type), "PyRange_Type");
  Py_XDECREF(rng);
  Py_XDECREF(gen), Py_DECREF(five), Py_DECREF(l);
}

int main(void) {
  Py_Initialize();
  test_generic();
  test_number();
  test_sequence();
  test_mapping();
  test_iter();
  return t_finish("abstract_object_test");
}
