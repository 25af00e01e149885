/* modsupport.h: PyArg_ParseTuple / PyArg_ParseTupleAndKeywords / PyArg_Parse / PyArg_UnpackTuple with every
 * format unit; expected messages recorded from CPython 3.13 (ctypes.pythonapi). */
#include <Python.h>

#include "capi_check.h"

extern PyTypeObject PyUnicode_Type, PyLong_Type;

static PyObject *T(const char *fmt, ...) {
  va_list va;
  va_start(va, fmt);
  PyObject *r = Py_VaBuildValue(fmt, va);
  va_end(va);
  return r;
}

static int conv_calls = 0;
static int int_converter(PyObject *o, void *addr) {
  conv_calls++;
  if (o == NULL) return 1; /* cleanup call */
  int v;
  if (!PyArg_Parse(o, "i", &v)) return 0;
  *(int *)addr = v * 10;
  return 1;
}

static int cleanup_converter(PyObject *o, void *addr) {
  if (o == NULL) {
    *(int *)addr = -99; /* cleaned up */
    return 1;
  }
  *(int *)addr = 1;
  return Py_CLEANUP_SUPPORTED;
}

static void test_numbers(void) {
  PyObject *a = T("(iiiiiiiiiiii)", 200, 255, -3, 65535, 7, -1, 9, 10, 11, 12, 13, 14);
  unsigned char b, B;
  short h;
  unsigned short H;
  int i;
  unsigned int I;
  long l;
  unsigned long k;
  long long L;
  unsigned long long K;
  Py_ssize_t n;
  int p;
  CHECK(PyArg_ParseTuple(a, "bBhHiIlkLKnp", &b, &B, &h, &H, &i, &I, &l, &k, &L, &K, &n, &p), "integers");
  CHECK(b == 200 && B == 255 && h == -3 && H == 65535 && i == 7 && I == 0xffffffffu && l == 9 && k == 10 &&
            L == 11 && K == 12 && n == 13 && p == 1,
        "integer values");
  Py_DECREF(a);
  /* Masks: B, H, I, k, K wrap without overflow checks. */
  a = T("(iiL)", 256 + 5, -1, -1LL);
  CHECK(PyArg_ParseTuple(a, "BHK", &B, &H, &K) && B == 5 && H == 65535 && K == 0xffffffffffffffffull, "masks");
  Py_DECREF(a);
  double d;
  float f;
  Py_complex z;
  a = T("(dif)", 1.5, 3, 2.25);
  CHECK(PyArg_ParseTuple(a, "ddf", &d, &z.real, &f) && d == 1.5 && z.real == 3.0 && f == 2.25f, "floats");
  Py_DECREF(a);
  Py_complex zz = {1.0, -2.0};
  a = T("(Dd)", &zz, 4.0);
  CHECK(PyArg_ParseTuple(a, "DD", &z, &zz) && z.real == 1.0 && z.imag == -2.0 && zz.real == 4.0 && zz.imag == 0.0,
        "complex");
  Py_DECREF(a);

  a = T("(i)", -1);
  CHECK(!PyArg_ParseTuple(a, "b", &b), "b < 0");
  expect_exc(PyExc_OverflowError, "unsigned byte integer is less than minimum");
  Py_DECREF(a);
  a = T("(i)", 256);
  CHECK(!PyArg_ParseTuple(a, "b", &b), "b > 255");
  expect_exc(PyExc_OverflowError, "unsigned byte integer is greater than maximum");
  Py_DECREF(a);
  a = T("(i)", 40000);
  CHECK(!PyArg_ParseTuple(a, "h", &h), "h overflow");
  expect_exc(PyExc_OverflowError, "signed short integer is greater than maximum");
  Py_DECREF(a);
  a = T("(L)", 1LL << 40);
  CHECK(!PyArg_ParseTuple(a, "i", &i), "i overflow");
  expect_exc(PyExc_OverflowError, "signed integer is greater than maximum");
  Py_DECREF(a);
  a = Py_BuildValue("(O)", PyObject_CallFunction((PyObject *)&PyLong_Type, "s", "1180591620717411303424"));
  CHECK(!PyArg_ParseTuple(a, "n", &n), "n overflow");
  expect_exc(PyExc_OverflowError, "Python int too large to convert to C ssize_t");
  CHECK(!PyArg_ParseTuple(a, "l", &l), "l overflow");
  expect_exc(PyExc_OverflowError, "Python int too large to convert to C long");
  CHECK(!PyArg_ParseTuple(a, "L", &L), "L overflow");
  expect_exc(PyExc_OverflowError, "int too big to convert");
  CHECK(PyArg_ParseTuple(a, "K", &K) && K == 0, "K masks 2**70");
  Py_DECREF(a);
  a = T("(d)", 1.5);
  CHECK(!PyArg_ParseTuple(a, "i", &i), "float for i");
  expect_exc(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
  CHECK(!PyArg_ParseTuple(a, "k", &k), "float for k");
  expect_exc(PyExc_TypeError, "argument 1 must be int, not float");
  Py_DECREF(a);
  a = T("(s)", "x");
  CHECK(!PyArg_ParseTuple(a, "i:f", &i), "str for i");
  expect_exc(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
  CHECK(!PyArg_ParseTuple(a, "d", &d), "str for d");
  expect_exc(PyExc_TypeError, "must be real number, not str");
  Py_DECREF(a);
}

static void test_strings(void) {
  const char *s, *s2;
  Py_ssize_t n;
  PyObject *a = T("(sy#s)", "h\xc3\xa9llo", "by\0tes", (Py_ssize_t)6, "z");
  CHECK(PyArg_ParseTuple(a, "sy#z", &s, &s2, &n, &s) && n == 6 && memcmp(s2, "by\0tes", 6) == 0, "s y# z");
  CHECK(PyArg_ParseTuple(a, "s#s#z#", &s, &n, &s2, &n, &s, &n), "s# accepts bytes");
  Py_DECREF(a);
  a = T("(s)", "h\xc3\xa9");
  CHECK(PyArg_ParseTuple(a, "s#", &s, &n) && n == 3 && strcmp(s, "h\xc3\xa9") == 0, "s# utf-8 length");
  Py_DECREF(a);
  a = T("(zz#)", NULL, NULL, (Py_ssize_t)0);
  s = "x";
  s2 = "x";
  CHECK(PyArg_ParseTuple(a, "zz#", &s, &s2, &n) && s == NULL && s2 == NULL && n == 0, "z None");
  Py_DECREF(a);
  a = T("(i)", 1);
  CHECK(!PyArg_ParseTuple(a, "s:function", &s), "s int");
  expect_exc(PyExc_TypeError, "function() argument 1 must be str, not int");
  CHECK(!PyArg_ParseTuple(a, "s", &s), "s int");
  expect_exc(PyExc_TypeError, "argument 1 must be str, not int");
  CHECK(!PyArg_ParseTuple(a, "z", &s), "z int");
  expect_exc(PyExc_TypeError, "argument 1 must be str or None, not int");
  CHECK(!PyArg_ParseTuple(a, "y#", &s, &n), "y# int");
  expect_exc(PyExc_TypeError, "a bytes-like object is required, not 'int'");
  CHECK(!PyArg_ParseTuple(a, "z#", &s, &n), "z# int");
  expect_exc(PyExc_TypeError, "a bytes-like object is required, not 'int'");
  CHECK(!PyArg_ParseTuple(a, "S", &s), "S int");
  expect_exc(PyExc_TypeError, "argument 1 must be bytes, not int");
  CHECK(!PyArg_ParseTuple(a, "U", &s), "U int");
  expect_exc(PyExc_TypeError, "argument 1 must be str, not int");
  CHECK(!PyArg_ParseTuple(a, "Y", &s), "Y int");
  expect_exc(PyExc_TypeError, "argument 1 must be bytearray, not int");
  Py_DECREF(a);
  a = T("(O)", Py_None);
  CHECK(!PyArg_ParseTuple(a, "s", &s), "s None");
  expect_exc(PyExc_TypeError, "argument 1 must be str, not None");
  Py_DECREF(a);
  a = T("(s#)", "a\0b", (Py_ssize_t)3);
  CHECK(!PyArg_ParseTuple(a, "s", &s), "embedded NUL");
  expect_exc(PyExc_ValueError, "embedded null character");
  Py_DECREF(a);
  a = T("(y#)", "a\0b", (Py_ssize_t)3);
  CHECK(!PyArg_ParseTuple(a, "y", &s), "embedded NUL byte");
  expect_exc(PyExc_ValueError, "embedded null byte");
  Py_DECREF(a);
  a = T("(s)", "x");
  CHECK(!PyArg_ParseTuple(a, "y", &s), "y str");
  expect_exc(PyExc_TypeError, "a bytes-like object is required, not 'str'");
  Py_DECREF(a);

  /* S, U, Y, O, O!, c, C. */
  PyObject *ba = PyObject_CallFunction((PyObject *)Py_TYPE(Py_None), NULL); /* None() -> None */
  Py_XDECREF(ba);
  PyObject *bytes = Py_BuildValue("y", "q"), *str = Py_BuildValue("s", "\xe2\x82\xac");
  PyObject *bytearray_type = PyObject_CallFunction(PyEval_GetBuiltins() ? PyObject_CallMethod(PyEval_GetBuiltins(), "get", "s", "bytearray") : NULL, "y#", "r", (Py_ssize_t)1);
  a = Py_BuildValue("(OOOOO)", bytes, str, bytearray_type, bytes, str);
  PyObject *oS, *oU, *oY, *oO;
  char c;
  int C;
  CHECK(PyArg_ParseTuple(a, "SUYcC", &oS, &oU, &oY, &c, &C), "SUYcC");
  CHECK(oS == bytes && oU == str && c == 'q' && C == 0x20ac, "SUYcC values");
  CHECK(PyArg_ParseTuple(a, "O!O!OOO", &PyUnicode_Type, &oO, &PyUnicode_Type, &oU, &oO, &oO, &oO) == 0, "O! mismatch");
  expect_exc(PyExc_TypeError, "argument 1 must be str, not bytes");
  Py_DECREF(a);
  a = T("(y)", "ab");
  CHECK(!PyArg_ParseTuple(a, "c", &c), "c of length 2");
  expect_exc(PyExc_TypeError, "argument 1 must be a byte string of length 1, not bytes");
  Py_DECREF(a);
  a = T("(s)", "ab");
  CHECK(!PyArg_ParseTuple(a, "C", &C), "C of length 2");
  expect_exc(PyExc_TypeError, "argument 1 must be a unicode character, not str");
  Py_DECREF(a);

  /* Buffers: s*, y*, z*, w*. */
  Py_buffer v1, v2, v3, v4;
  a = Py_BuildValue("(OOOO)", str, bytes, Py_None, bytearray_type);
  CHECK(PyArg_ParseTuple(a, "s*y*z*w*", &v1, &v2, &v3, &v4), "s* y* z* w*");
  CHECK(v1.len == 3 && memcmp(v1.buf, "\xe2\x82\xac", 3) == 0 && v1.readonly, "s* of str");
  CHECK(v2.len == 1 && ((char *)v2.buf)[0] == 'q', "y*");
  CHECK(v3.buf == NULL && v3.obj == NULL, "z* None");
  CHECK(v4.len == 1 && !v4.readonly, "w* bytearray");
  ((char *)v4.buf)[0] = 'W';

  Py_DECREF(a);
  a = T("(y)", "x");
  CHECK(!PyArg_ParseTuple(a, "w*", &v4), "w* bytes");
  expect_exc(PyExc_TypeError, "argument 1 must be read-write bytes-like object, not bytes");
  Py_DECREF(a);
  a = Py_BuildValue("(O)", bytearray_type);
  CHECK(!PyArg_ParseTuple(a, "y#", &s, &n), "y# of bytearray");
  expect_exc(PyExc_TypeError, "argument 1 must be read-only bytes-like object, not bytearray");
  Py_DECREF(a);

  /* es, et, es#, et#. */
  char *buf = NULL;
  a = T("(s)", "\xc3\xa9t\xc3\xa9");
  CHECK(PyArg_ParseTuple(a, "es", "latin-1", &buf) && buf && strcmp(buf, "\xe9t\xe9") == 0, "es latin-1");
  PyMem_Free(buf);
  buf = NULL;
  n = 0;
  CHECK(PyArg_ParseTuple(a, "es#", NULL, &buf, &n) && n == 5 && strcmp(buf, "\xc3\xa9t\xc3\xa9") == 0, "es# alloc");
  PyMem_Free(buf);
  char fixed[4];
  buf = fixed;
  n = sizeof fixed;
  CHECK(!PyArg_ParseTuple(a, "es#", "utf-8", &buf, &n), "es# too long");
  expect_exc(PyExc_ValueError, "encoded string too long (5, maximum length 3)");
  buf = NULL;
  CHECK(!PyArg_ParseTuple(a, "es", "ascii", &buf), "es unencodable");
  expect_exc(PyExc_UnicodeEncodeError, NULL);
  Py_DECREF(a);
  a = Py_BuildValue("(O)", bytes);
  buf = NULL;
  CHECK(PyArg_ParseTuple(a, "et", "utf-8", &buf) && strcmp(buf, "q") == 0, "et passes bytes through");
  PyMem_Free(buf);
  buf = NULL;
  CHECK(!PyArg_ParseTuple(a, "es", "utf-8", &buf), "es bytes");
  expect_exc(PyExc_TypeError, "argument 1 must be str, not bytes");
  Py_DECREF(a);
  a = T("(i)", 1);
  CHECK(!PyArg_ParseTuple(a, "et", NULL, &buf), "et int");
  expect_exc(PyExc_TypeError, "argument 1 must be str, bytes or bytearray, not int");
  Py_DECREF(a);
  Py_DECREF(bytes);
  Py_DECREF(str);
  Py_XDECREF(bytearray_type);
}

static void test_structure(void) {
  int i = 0, j = 0, k = 0;
  PyObject *a = T("(iii)", 1, 2, 3);
  CHECK(!PyArg_ParseTuple(a, "ii:f", &i, &j), "too many");
  expect_exc(PyExc_TypeError, "f() takes exactly 2 arguments (3 given)");
  CHECK(!PyArg_ParseTuple(a, "i|i:f", &i, &j), "too many, optional");
  expect_exc(PyExc_TypeError, "f() takes at most 2 arguments (3 given)");
  CHECK(!PyArg_ParseTuple(a, "", &i), "no arguments");
  expect_exc(PyExc_TypeError, "function takes exactly 0 arguments (3 given)");
  Py_DECREF(a);
  a = T("()");
  CHECK(!PyArg_ParseTuple(a, "i|i", &i, &j), "too few");
  expect_exc(PyExc_TypeError, "function takes at least 1 argument (0 given)");
  CHECK(PyArg_ParseTuple(a, ""), "empty");
  Py_DECREF(a);
  a = T("(i)", 5);
  i = j = -1;
  CHECK(PyArg_ParseTuple(a, "i|ii", &i, &j, &k) && i == 5 && j == -1, "optional not touched");
  Py_DECREF(a);
  a = T("(is)", 1, "x");
  CHECK(!PyArg_ParseTuple(a, "ii;custom message", &i, &j), "custom message");
  expect_exc(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
  CHECK(!PyArg_ParseTuple(a, "ii|i;custom message", &i, &j, &k) || 1, "");
  PyErr_Clear();
  Py_DECREF(a);
  a = T("(ii)", 1, 2);
  CHECK(!PyArg_ParseTuple(a, "iii;give me three", &i, &j, &k), "custom count message");
  expect_exc(PyExc_TypeError, "give me three");
  Py_DECREF(a);
  /* Nested sequences. */
  a = T("((ii)[is])", 1, 2, 3, "four");
  const char *s;
  int x, y, z;
  CHECK(PyArg_ParseTuple(a, "(ii)(is)", &x, &y, &z, &s) && x == 1 && y == 2 && z == 3 && strcmp(s, "four") == 0,
        "nested");
  Py_DECREF(a);
  a = T("((i))", 1);
  CHECK(!PyArg_ParseTuple(a, "(ii)", &x, &y), "short nested");
  expect_exc(PyExc_TypeError, "argument 1 must be sequence of length 2, not 1");
  Py_DECREF(a);
  a = T("(i)", 1);
  CHECK(!PyArg_ParseTuple(a, "(ii)", &x, &y), "not a sequence");
  expect_exc(PyExc_TypeError, "argument 1 must be 2-item sequence, not int");
  Py_DECREF(a);
  a = T("(i(iy))", 1, 2, "b");
  CHECK(!PyArg_ParseTuple(a, "i(is):g", &x, &y, &s), "nested item type");
  expect_exc(PyExc_TypeError, "g() argument 2, item 1 must be str, not bytes");
  Py_DECREF(a);
  /* O&, with a cleanup converter undone on a later failure. */
  a = T("(ii)", 4, 5);
  conv_calls = 0;
  CHECK(PyArg_ParseTuple(a, "O&i", int_converter, &x, &y) && x == 40 && y == 5 && conv_calls == 1, "O&");
  Py_DECREF(a);
  a = T("(is)", 4, "x");
  x = 0;
  CHECK(!PyArg_ParseTuple(a, "O&i", cleanup_converter, &x, &y), "later failure");
  CHECK(x == -99, "Py_CLEANUP_SUPPORTED converter called with NULL (x=%d)", x);
  PyErr_Clear();
  Py_DECREF(a);
  a = T("(s)", "nope");
  CHECK(!PyArg_ParseTuple(a, "O&", int_converter, &x), "converter fails");
  expect_exc(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
  Py_DECREF(a);
  /* PyArg_Parse (one object, old style). */
  PyObject *o = Py_BuildValue("i", 42);
  CHECK(PyArg_Parse(o, "i", &x) && x == 42, "PyArg_Parse");
  CHECK(!PyArg_Parse(o, "s", &s), "PyArg_Parse error");
  expect_exc(PyExc_TypeError, "argument must be str, not int");
  Py_DECREF(o);
  CHECK(!PyArg_ParseTuple(Py_None, "i", &x), "not a tuple");
  expect_exc(PyExc_SystemError, "new style getargs format but argument is not a tuple");
  /* PyArg_UnpackTuple. */
  a = T("(ii)", 1, 2);
  PyObject *p1 = NULL, *p2 = NULL, *p3 = NULL;
  CHECK(PyArg_UnpackTuple(a, "f", 1, 3, &p1, &p2, &p3) && p1 && p2 && p3 == NULL, "UnpackTuple");
  CHECK(!PyArg_UnpackTuple(a, "f", 3, 4, &p1, &p2, &p3), "UnpackTuple too few");
  expect_exc(PyExc_TypeError, "f expected at least 3 arguments, got 2");
  CHECK(!PyArg_UnpackTuple(a, "f", 1, 1, &p1), "UnpackTuple too many");
  expect_exc(PyExc_TypeError, "f expected 1 argument, got 2");
  CHECK(!PyArg_UnpackTuple(a, NULL, 0, 1, &p1), "UnpackTuple unnamed");
  expect_exc(PyExc_TypeError, "unpacked tuple should have at most 1 element, but has 2");
  Py_DECREF(a);
}

static void test_keywords(void) {
  static char *ab[] = {"a", "b", NULL};
  static char *pos_b[] = {"", "b", NULL};
  static char *pos2_c[] = {"", "", "c", NULL};
  static char *p_b_c[] = {"", "b", "c", NULL};
  int i = 0, j = 0, k = 0;
  PyObject *a = T("(i)", 1), *kw = T("{si}", "b", 2);
  CHECK(PyArg_ParseTupleAndKeywords(a, kw, "i|i:f", ab, &i, &j) && i == 1 && j == 2, "keywords");
  Py_DECREF(kw);
  kw = T("{si}", "c", 2);
  CHECK(!PyArg_ParseTupleAndKeywords(a, kw, "i|i:f", ab, &i, &j), "unknown keyword");
  expect_exc(PyExc_TypeError, "f() got an unexpected keyword argument 'c'");
  CHECK(!PyArg_ParseTupleAndKeywords(a, kw, "i|i", ab, &i, &j), "unknown keyword, no name");
  expect_exc(PyExc_TypeError, "this function got an unexpected keyword argument 'c'");
  Py_DECREF(kw);
  kw = T("{si}", "a", 2);
  CHECK(!PyArg_ParseTupleAndKeywords(a, kw, "i|i:f", ab, &i, &j), "name and position");
  expect_exc(PyExc_TypeError, "argument for f() given by name ('a') and position (1)");
  Py_DECREF(kw);
  Py_DECREF(a);
  a = T("()");
  kw = T("{si}", "b", 2);
  CHECK(!PyArg_ParseTupleAndKeywords(a, kw, "i|i:f", ab, &i, &j), "missing required");
  expect_exc(PyExc_TypeError, "f() missing required argument 'a' (pos 1)");
  Py_DECREF(kw);
  kw = T("{sisisi}", "a", 1, "b", 2, "c", 3);
  CHECK(!PyArg_ParseTupleAndKeywords(a, kw, "i|i:f", ab, &i, &j), "too many keywords");
  expect_exc(PyExc_TypeError, "f() takes at most 2 keyword arguments (3 given)");
  Py_DECREF(kw);
  kw = T("{si}", "a", 1);
  CHECK(!PyArg_ParseTupleAndKeywords(a, kw, "i|i:f", pos_b, &i, &j), "positional-only by keyword");
  expect_exc(PyExc_TypeError, "f() takes at least 1 positional argument (0 given)");
  Py_DECREF(kw);
  CHECK(!PyArg_ParseTupleAndKeywords(a, NULL, "ii|i:f", pos2_c, &i, &j, &k), "positional-only missing");
  expect_exc(PyExc_TypeError, "f() takes at least 2 positional arguments (0 given)");
  Py_DECREF(a);
  a = T("(i)", 1);
  CHECK(!PyArg_ParseTupleAndKeywords(a, NULL, "ii|i:f", p_b_c, &i, &j, &k), "missing b");
  expect_exc(PyExc_TypeError, "f() missing required argument 'b' (pos 2)");
  Py_DECREF(a);
  a = T("(iii)", 1, 2, 3);
  CHECK(!PyArg_ParseTupleAndKeywords(a, NULL, "i|i:f", ab, &i, &j), "too many positional");
  expect_exc(PyExc_TypeError, "f() takes at most 2 arguments (3 given)");
  Py_DECREF(a);
  /* Keyword-only ($). */
  a = T("(ii)", 1, 2);
  CHECK(!PyArg_ParseTupleAndKeywords(a, NULL, "i|$i:f", ab, &i, &j), "kw-only given positionally");
  expect_exc(PyExc_TypeError, "f() takes at most 1 positional argument (2 given)");
  CHECK(!PyArg_ParseTupleAndKeywords(a, NULL, "|$ii:f", ab, &i, &j), "no positional");
  expect_exc(PyExc_TypeError, "f() takes no positional arguments");
  Py_DECREF(a);
  a = T("(i)", 1);
  kw = T("{si}", "b", 5);
  j = 0;
  CHECK(PyArg_ParseTupleAndKeywords(a, kw, "i|$i:f", ab, &i, &j) && j == 5, "kw-only by keyword");
  Py_DECREF(kw);
  kw = T("{ii}", 1, 2);
  CHECK(!PyArg_ParseTupleAndKeywords(a, kw, "i|i:f", ab, &i, &j), "non-str keyword");
  expect_exc(PyExc_TypeError, "keywords must be strings");
  CHECK(!PyArg_ValidateKeywordArguments(kw), "ValidateKeywordArguments");
  expect_exc(PyExc_TypeError, "keywords must be strings");
  Py_DECREF(kw);
  kw = T("{ss}", "b", "x");
  CHECK(!PyArg_ParseTupleAndKeywords(a, kw, "i|i:f", ab, &i, &j), "bad keyword value");
  expect_exc(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
  CHECK(PyArg_ValidateKeywordArguments(kw) == 1, "ValidateKeywordArguments ok");
  Py_DECREF(kw);
  kw = T("{sy}", "b", "x");
  const char *s = NULL, *s2 = NULL;
  CHECK(!PyArg_ParseTupleAndKeywords(a, kw, "i|s:f", ab, &i, &s), "keyword conversion error");
  expect_exc(PyExc_TypeError, "f() argument 2 must be str, not bytes");
  Py_DECREF(kw);
  (void)s2;
  Py_DECREF(a);
}

int main(void) {
  Py_Initialize();
  test_numbers();
  test_strings();
  test_structure();
  test_keywords();
  CHECK(!PyErr_Occurred(), "an exception left over");
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
