/* int C-API (longobject.h): construction, conversions to C with CPython 3.13's overflow and TypeError messages,
 * native byte buffers and the compact-int inline helpers. Expected values were checked with ctypes.pythonapi on
 * CPython 3.13.0. */
#include <Python.h>

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

static PyObject *big(const char *text) { return PyLong_FromString(text, NULL, 0); }

int main(void) {
  Py_Initialize();

  /* Construction, small ints shared, checks. */
  PyObject *a = PyLong_FromLong(5), *b = PyLong_FromLong(5);
  CHECK(a == b, "small ints are not shared");
  CHECK(PyLong_Check(a) && PyLong_CheckExact(a), "PyLong_Check");
  CHECK(PyLong_Check(Py_True) && !PyLong_CheckExact(Py_True), "bool is an int subclass");
  CHECK(PyUnstable_Long_IsCompact((PyLongObject *)a) && PyUnstable_Long_CompactValue((PyLongObject *)a) == 5,
        "compact value");
  Py_DECREF(a);
  Py_DECREF(b);
  PyObject *m = PyLong_FromLong(-1000);
  CHECK(_PyLong_IsCompact((PyLongObject *)m) && _PyLong_CompactValue((PyLongObject *)m) == -1000, "negative compact");
  CHECK(Py_REFCNT(m) == 1, "new int refcount %zd", Py_REFCNT(m));
  Py_DECREF(m);

  PyObject *x = PyLong_FromUnsignedLongLong(18446744073709551615ULL);
  CHECK(!PyUnstable_Long_IsCompact((PyLongObject *)x), "2**64-1 is not compact");
  CHECK(PyLong_AsUnsignedLongLong(x) == 18446744073709551615ULL, "AsUnsignedLongLong max");
  CHECK(PyLong_AsLong(x) == -1, "AsLong overflow returns -1");
  CHECK_ERR("OverflowError: Python int too large to convert to C long");
  CHECK(PyLong_AsLongLong(x) == -1, "AsLongLong overflow");
  CHECK_ERR("OverflowError: int too big to convert");
  int ov = 0;
  CHECK(PyLong_AsLongAndOverflow(x, &ov) == -1 && ov == 1, "AsLongAndOverflow +");
  CHECK_NO_ERR();
  Py_DECREF(x);
  x = PyLong_FromLongLong(LLONG_MIN);
  CHECK(PyLong_AsLongLong(x) == LLONG_MIN, "LLONG_MIN round trip");
  Py_DECREF(x);

  x = big("-18446744073709551616");
  CHECK(x != NULL, "FromString");
  CHECK(PyLong_AsLongLongAndOverflow(x, &ov) == -1 && ov == -1, "AsLongLongAndOverflow -");
  CHECK(PyLong_AsUnsignedLong(x) == (unsigned long)-1, "AsUnsignedLong negative");
  CHECK_ERR("OverflowError: can't convert negative value to unsigned int");
  CHECK(PyLong_AsUnsignedLongLong(x) == (unsigned long long)-1, "AsUnsignedLongLong negative");
  CHECK_ERR("OverflowError: can't convert negative int to unsigned");
  CHECK(PyLong_AsSize_t(x) == (size_t)-1, "AsSize_t negative");
  CHECK_ERR("OverflowError: can't convert negative value to size_t");
  CHECK(PyLong_AsSsize_t(x) == -1, "AsSsize_t overflow");
  CHECK_ERR("OverflowError: Python int too large to convert to C ssize_t");
  CHECK(PyLong_AsUnsignedLongMask(x) == 0, "mask of -2**64");
  CHECK(PyLong_AsVoidPtr(x) == NULL, "AsVoidPtr negative overflow");
  CHECK_ERR("OverflowError: Python int too large to convert to C long");
  Py_DECREF(x);

  x = PyLong_FromLong(-1);
  CHECK(PyLong_AsUnsignedLongMask(x) == ULONG_MAX && PyLong_AsUnsignedLongLongMask(x) == ULLONG_MAX, "mask of -1");
  CHECK(PyLong_AsVoidPtr(x) == (void *)-1, "AsVoidPtr(-1)");
  Py_DECREF(x);
  x = PyLong_FromLong(2147483648L);
  CHECK(PyLong_AsInt(x) == -1, "AsInt overflow");
  CHECK_ERR("OverflowError: Python int too large to convert to C int");
  Py_DECREF(x);
  x = big("2**64");
  CHECK(x == NULL, "FromString rejects an expression");
  CHECK_ERR("ValueError: invalid literal for int() with base 0: '2**64'");
  x = big("0x1_0");
  CHECK(x && PyLong_AsLong(x) == 16, "FromString base 0 with prefix and underscore");
  Py_XDECREF(x);
  char *end = NULL;
  const char *text = "  42  ";
  x = PyLong_FromString(text, &end, 10);
  CHECK(x && PyLong_AsLong(x) == 42 && end == text + 6, "FromString whitespace and pend");
  Py_XDECREF(x);
  CHECK(PyLong_FromString("1", NULL, 1) == NULL, "base 1");
  CHECK_ERR("ValueError: int() arg 2 must be >= 2 and <= 36");

  /* Non-ints: __index__ where CPython uses it, "an integer is required" where it does not. */
  PyObject *f = PyFloat_FromDouble(1.5);
  CHECK(PyLong_AsLong(f) == -1, "AsLong(float)");
  CHECK_ERR("TypeError: 'float' object cannot be interpreted as an integer");
  CHECK(PyLong_AsUnsignedLongMask(f) == (unsigned long)-1, "mask(float)");
  CHECK_ERR("TypeError: 'float' object cannot be interpreted as an integer");
  CHECK(PyLong_AsSsize_t(f) == -1, "AsSsize_t(float)");
  CHECK_ERR("TypeError: an integer is required");
  CHECK(PyLong_AsUnsignedLong(f) == (unsigned long)-1, "AsUnsignedLong(float)");
  CHECK_ERR("TypeError: an integer is required");
  CHECK(PyLong_AsDouble(f) == -1.0, "AsDouble(float)");
  CHECK_ERR("TypeError: an integer is required");
  CHECK(PyLong_AsLong(Py_True) == 1, "AsLong(True)");

  /* Doubles. */
  x = PyLong_FromDouble(-3.99);
  CHECK(x && PyLong_AsLong(x) == -3, "FromDouble truncates");
  Py_XDECREF(x);
  CHECK(PyLong_FromDouble(1.0 / 0.0) == NULL, "FromDouble(inf)");
  CHECK_ERR("OverflowError: cannot convert float infinity to integer");
  CHECK(PyLong_FromDouble(NAN) == NULL, "FromDouble(nan)");
  CHECK_ERR("ValueError: cannot convert float NaN to integer");
  x = PyLong_FromDouble(1e300);
  CHECK(x && PyLong_AsDouble(x) == 1e300, "1e300 round trip");
  Py_XDECREF(x);
  x = big("1" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
          "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
          "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
          "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000");
  CHECK(x && PyLong_AsDouble(x) == -1.0, "AsDouble overflow");
  CHECK_ERR("OverflowError: int too large to convert to float");
  Py_XDECREF(x);
  x = PyLong_FromVoidPtr((void *)0xdeadbeef);
  CHECK(PyLong_AsVoidPtr(x) == (void *)0xdeadbeef, "void* round trip");
  Py_DECREF(x);
  x = PyLong_FromSize_t((size_t)-1);
  CHECK(PyLong_AsSize_t(x) == (size_t)-1, "size_t max");
  CHECK_NO_ERR();
  Py_DECREF(x);

  /* Native bytes: sizes and contents as CPython 3.13 reports them. */
  unsigned char buf[16];
  x = PyLong_FromLong(128);
  CHECK(PyLong_AsNativeBytes(x, NULL, 0, -1) == 8, "compact size query");
  CHECK(PyLong_AsNativeBytes(x, buf, 1, 0) == 2 && buf[0] == 0x80, "128 signed in 1 byte");
  CHECK(PyLong_AsNativeBytes(x, buf, 1, Py_ASNATIVEBYTES_UNSIGNED_BUFFER) == 1, "128 unsigned in 1 byte");
  CHECK(PyLong_AsNativeBytes(x, buf, 4, Py_ASNATIVEBYTES_BIG_ENDIAN) == 4 && buf[3] == 0x80 && buf[0] == 0,
        "big endian");
  Py_DECREF(x);
  x = PyLong_FromLong(-129);
  CHECK(PyLong_AsNativeBytes(x, buf, 1, -1) == 8 && buf[0] == 0x7f, "-129 truncated");
  CHECK(PyLong_AsNativeBytes(x, buf, 1, Py_ASNATIVEBYTES_REJECT_NEGATIVE) == -1, "reject negative");
  CHECK_ERR("ValueError: Cannot convert negative int");
  Py_DECREF(x);
  x = big("9223372036854775808");
  CHECK(PyLong_AsNativeBytes(x, NULL, 0, -1) == 9, "2**63 size");
  CHECK(PyLong_AsNativeBytes(x, buf, 8, -1) == 8 && buf[7] == 0x80, "2**63 unsigned fits 8");
  CHECK(PyLong_AsNativeBytes(x, buf, 8, 0) == 9, "2**63 signed needs 9");
  Py_DECREF(x);
  x = big("-9223372036854775808");
  CHECK(PyLong_AsNativeBytes(x, buf, 8, -1) == 8, "-2**63 fits 8");
  CHECK(PyLong_AsNativeBytes(x, NULL, 0, -1) == 9, "-2**63 size query");
  Py_DECREF(x);
  CHECK(PyLong_AsNativeBytes(Py_None, buf, 8, -1) == -1, "AsNativeBytes(None)");
  CHECK_ERR("TypeError: expect int, got NoneType");
  x = PyLong_FromNativeBytes("\x01\x80", 2, -1);
  CHECK(x && PyLong_AsLong(x) == -32767, "FromNativeBytes signed LE");
  Py_XDECREF(x);
  x = PyLong_FromNativeBytes("\x01\x80", 2, Py_ASNATIVEBYTES_BIG_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
  CHECK(x && PyLong_AsLong(x) == 384, "FromNativeBytes unsigned BE");
  Py_XDECREF(x);
  x = PyLong_FromUnsignedNativeBytes("\xff\xff\xff\xff\xff\xff\xff\xff\xff", 9, -1);
  CHECK(x && PyLong_AsNativeBytes(x, NULL, 0, -1) == 10, "FromUnsignedNativeBytes 2**72-1");
  Py_XDECREF(x);

  /* Unicode text, sys.int_info. */
  PyObject *s = PyUnicode_FromString("\xd9\xa3\xd9\xa2");  /* Arabic-Indic digits 3 2 */
  x = PyLong_FromUnicodeObject(s, 10);
  CHECK(x && PyLong_AsLong(x) == 32, "FromUnicodeObject with Unicode digits");
  Py_XDECREF(x);
  Py_DECREF(s);
  PyObject *info = PyLong_GetInfo();
  CHECK(info && Py_SIZE(info) == 4, "GetInfo");
  Py_XDECREF(info);

  puts(bad ? "FAIL" : "PASS");
  return bad;
}
