/* bool, float and complex C-API: singletons, conversions with CPython 3.13's messages, IEEE packing. Expected
 * values were checked with ctypes.pythonapi on CPython 3.13.0. */
#include <Python.h>
#include <float.h>

/* The test hook in compat/capi/num_testing.cc: takes the current exception as "Type: message". */
int _PyVM_TestTakeError(char *buf, size_t size);

static int bad = 0;
static char err[512];

#define CHECK(cond, ...)                  \
  do {                                    \
    if (!(cond)) {                        \
      bad = 1;                            \
      printf("FAIL line %d: ", __LINE__); \
      printf(__VA_ARGS__);                \
      printf("\n");                       \
    }                                     \
  } while (0)
/* The pending exception must be exactly `want` ("Type: message"); it is cleared. */
#define CHECK_ERR(want)                                                                   \
  do {                                                                                    \
    _PyVM_TestTakeError(err, sizeof err);                                                 \
    CHECK(strcmp(err, (want)) == 0, "expected exception '%s', got '%s'", (want), err);    \
  } while (0)
#define CHECK_NO_ERR()                                                              \
  do {                                                                              \
    if (_PyVM_TestTakeError(err, sizeof err)) CHECK(0, "unexpected exception '%s'", err); \
  } while (0)

int main(void) {
  Py_Initialize();

  /* bool */
  CHECK(PyBool_FromLong(7) == Py_True && PyBool_FromLong(0) == Py_False, "PyBool_FromLong");
  CHECK(PyBool_Check(Py_True) && !PyBool_Check(Py_None), "PyBool_Check");
  CHECK(Py_IsTrue(Py_True) && Py_IsFalse(Py_False) && !Py_IsTrue(Py_False), "Py_IsTrue/IsFalse");
  CHECK((Py_IsTrue)(Py_True) == 1 && (Py_IsFalse)(Py_True) == 0, "function forms");
  CHECK(Py_REFCNT(Py_True) == _Py_IMMORTAL_REFCNT, "True is immortal");
  CHECK(PyLong_AsLong(Py_True) == 1 && PyLong_AsLong(Py_False) == 0, "bool values");

  /* float */
  PyObject *f = PyFloat_FromDouble(2.5);
  CHECK(PyFloat_Check(f) && PyFloat_CheckExact(f) && PyFloat_AS_DOUBLE(f) == 2.5, "float basics");
  CHECK(!PyFloat_Check(Py_True), "bool is not a float");
  CHECK(PyFloat_AsDouble(f) == 2.5, "AsDouble(float)");
  PyObject *i = PyLong_FromLong(3);
  CHECK(PyFloat_AsDouble(i) == 3.0, "AsDouble(int)");
  PyObject *s = PyUnicode_FromString("x");
  CHECK(PyFloat_AsDouble(s) == -1.0, "AsDouble(str)");
  CHECK_ERR("TypeError: must be real number, not str");
  PyObject *t = PyUnicode_FromString(" 1_0.5 ");
  PyObject *g = PyFloat_FromString(t);
  CHECK(g && PyFloat_AS_DOUBLE(g) == 10.5, "FromString");
  Py_XDECREF(g);
  CHECK(PyFloat_FromString(s) == NULL, "FromString('x')");
  CHECK_ERR("ValueError: could not convert string to float: 'x'");
  CHECK(PyFloat_FromString(i) == NULL, "FromString(int)");
  CHECK_ERR("TypeError: float() argument must be a string or a real number, not 'int'");
  PyObject *b = PyBytes_FromString("7");
  g = PyFloat_FromString(b);
  CHECK(g && PyFloat_AS_DOUBLE(g) == 7.0, "FromString(bytes)");
  Py_XDECREF(g);
  CHECK(PyFloat_GetMax() == DBL_MAX && PyFloat_GetMin() == DBL_MIN, "GetMax/GetMin");
  PyObject *info = PyFloat_GetInfo();
  CHECK(info && Py_SIZE(info) == 11, "GetInfo");
  Py_XDECREF(info);

  char buf[8];
  CHECK(PyFloat_Pack2(65504.0, buf, 1) == 0 && (unsigned char)buf[0] == 0xff && (unsigned char)buf[1] == 0x7b,
        "Pack2 max half");
  CHECK(PyFloat_Unpack2(buf, 1) == 65504.0, "Unpack2");
  CHECK(PyFloat_Pack2(65520.0, buf, 1) == -1, "Pack2 overflow");
  CHECK_ERR("OverflowError: float too large to pack with e format");
  CHECK(PyFloat_Pack4(3.4e38, buf, 0) == 0 && (unsigned char)buf[0] == 0x7f && (unsigned char)buf[3] == 0x9e,
        "Pack4 big endian");
  CHECK(PyFloat_Unpack4(buf, 0) == (float)3.4e38, "Unpack4");
  CHECK(PyFloat_Pack4(3.5e38, buf, 1) == -1, "Pack4 overflow");
  CHECK_ERR("OverflowError: float too large to pack with f format");
  CHECK(PyFloat_Pack4(1.0 / 0.0, buf, 1) == 0, "Pack4(inf) is allowed");
  CHECK(PyFloat_Pack8(-1.5, buf, 0) == 0 && (unsigned char)buf[0] == 0xbf && PyFloat_Unpack8(buf, 0) == -1.5,
        "Pack8/Unpack8");

  /* complex */
  PyObject *c = PyComplex_FromDoubles(1.0, -2.0);
  CHECK(PyComplex_Check(c) && PyComplex_CheckExact(c) && !PyComplex_Check(f), "complex checks");
  CHECK(PyComplex_RealAsDouble(c) == 1.0 && PyComplex_ImagAsDouble(c) == -2.0, "complex parts");
  Py_complex v = PyComplex_AsCComplex(c);
  CHECK(v.real == 1.0 && v.imag == -2.0, "AsCComplex");
  Py_complex w = {3.0, 4.0};
  PyObject *c2 = PyComplex_FromCComplex(w);
  CHECK(c2 && ((PyComplexObject *)c2)->cval.imag == 4.0, "FromCComplex");
  CHECK(PyComplex_RealAsDouble(f) == 2.5 && PyComplex_ImagAsDouble(f) == 0.0, "float as complex");
  CHECK(PyComplex_ImagAsDouble(i) == 0.0, "int imag");
  v = PyComplex_AsCComplex(s);
  CHECK(v.real == -1.0, "AsCComplex(str)");
  CHECK_ERR("TypeError: must be real number, not str");
  CHECK(PyComplex_ImagAsDouble(s) == -1.0, "ImagAsDouble(str)");
  CHECK_ERR("TypeError: must be real number, not str");

  Py_DECREF(f);
  Py_DECREF(i);
  Py_DECREF(s);
  Py_DECREF(t);
  Py_DECREF(b);
  Py_DECREF(c);
  Py_XDECREF(c2);
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
