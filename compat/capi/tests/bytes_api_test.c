/* bytes and bytearray C-API (bytesobject.h, bytearrayobject.h). Expected results and messages were checked with
 * ctypes.pythonapi on CPython 3.13.0. */
#include <Python.h>

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
static int beq(PyObject *b, const char *want, Py_ssize_t n) {
  return b && PyBytes_Check(b) && PyBytes_GET_SIZE(b) == n && memcmp(PyBytes_AS_STRING(b), want, (size_t)n) == 0;
}
static int baeq(PyObject *b, const char *want, Py_ssize_t n) {
  return b && PyByteArray_Check(b) && PyByteArray_GET_SIZE(b) == n &&
         memcmp(PyByteArray_AS_STRING(b), want, (size_t)n) == 0;
}

int main(void) {
  Py_Initialize();
  PyObject *one = PyLong_FromLong(1), *s = PyUnicode_FromString("s"), *r;

  /* Construction and access. */
  PyObject *b = PyBytes_FromStringAndSize("a\0b", 3);
  CHECK(beq(b, "a\0b", 3) && PyBytes_AS_STRING(b)[3] == '\0', "FromStringAndSize is NUL-terminated");
  CHECK(PyBytes_Check(b) && PyBytes_CheckExact(b) && !PyBytes_Check(s), "checks");
  CHECK(PyBytes_Size(b) == 3 && PyBytes_AsString(b) == PyBytes_AS_STRING(b), "Size/AsString");
  CHECK(PyBytes_Size(one) == -1, "Size(int)");
  CHECK_ERR("TypeError: expected bytes, int found");
  CHECK(PyBytes_AsString(s) == NULL, "AsString(str)");
  CHECK_ERR("TypeError: expected bytes, str found");
  char *p = NULL;
  Py_ssize_t n = 0;
  CHECK(PyBytes_AsStringAndSize(b, &p, &n) == 0 && n == 3 && p == PyBytes_AS_STRING(b), "AsStringAndSize");
  CHECK(PyBytes_AsStringAndSize(b, &p, NULL) == -1, "AsStringAndSize embedded NUL");
  CHECK_ERR("ValueError: embedded null byte");
  CHECK(PyBytes_FromStringAndSize("ab", -1) == NULL, "negative size");
  CHECK_ERR("SystemError: Negative size passed to PyBytes_FromStringAndSize");
  PyObject *fresh = PyBytes_FromStringAndSize(NULL, 4);
  CHECK(fresh && Py_REFCNT(fresh) == 1 && PyBytes_GET_SIZE(fresh) == 4, "uninitialised bytes");
  memcpy(PyBytes_AS_STRING(fresh), "wxyz", 4);
  CHECK(_PyBytes_Resize(&fresh, 2) == 0 && beq(fresh, "wx", 2) && PyBytes_AS_STRING(fresh)[2] == 0, "_PyBytes_Resize");
  CHECK(_PyBytes_Resize(&fresh, 6) == 0 && PyBytes_GET_SIZE(fresh) == 6 && memcmp(PyBytes_AS_STRING(fresh), "wx", 2) == 0,
        "_PyBytes_Resize grows");
  Py_INCREF(fresh);
  PyObject *keep = fresh;
  CHECK(_PyBytes_Resize(&fresh, 1) == -1 && fresh == NULL, "_PyBytes_Resize on a shared object");
  CHECK_ERR("SystemError: bad argument to internal function");
  Py_DECREF(keep);

  /* FromObject. */
  r = PyBytes_FromObject(b);
  CHECK(r == b, "FromObject(bytes) is the same object");
  Py_XDECREF(r);
  PyObject *ba = PyByteArray_FromStringAndSize("yz", 2);
  r = PyBytes_FromObject(ba);
  CHECK(beq(r, "yz", 2), "FromObject(bytearray)");
  Py_XDECREF(r);
  PyObject *lst = PyUnicode_Split(PyUnicode_FromString("a b"), NULL, -1);
  CHECK(PyBytes_FromObject(lst) == NULL, "FromObject(list of str)");
  CHECK_ERR("TypeError: 'str' object cannot be interpreted as an integer");
  CHECK(PyBytes_FromObject(one) == NULL, "FromObject(int)");
  CHECK_ERR("TypeError: cannot convert 'int' object to bytes");
  CHECK(PyBytes_FromObject(s) == NULL, "FromObject(str)");
  CHECK_ERR("TypeError: cannot convert 'str' object to bytes");

  /* FromFormat. */
  r = PyBytes_FromFormat("%5d|%.2s|%x|%c|%-3i|%ld|%zu|%%|%u", 42, "hello", 255, 65, -7, -5L, (size_t)7, 3u);
  CHECK(beq(r, "42|he|ff|A|-7|-5|7|%|3", 22), "FromFormat units");
  Py_XDECREF(r);
  r = PyBytes_FromFormat("%p", (void *)0x1234);
  CHECK(beq(r, "0x1234", 6), "FromFormat %%p");
  Py_XDECREF(r);
  r = PyBytes_FromFormat("a%qb%d", 1);
  CHECK(beq(r, "a%qb%d", 6), "FromFormat copies the rest after an unknown unit");
  Py_XDECREF(r);
  r = PyBytes_FromFormat("%lld", 1LL);
  CHECK(beq(r, "%lld", 4), "FromFormat has no %%lld (as CPython 3.13)");
  Py_XDECREF(r);
  CHECK(PyBytes_FromFormat("%c", 300) == NULL, "FromFormat %%c range");
  CHECK_ERR("OverflowError: PyBytes_FromFormatV(): %c format expects an integer in range [0; 255]");

  /* Repr, concatenation, escapes. */
  PyObject *q = PyBytes_FromString("a'\"\n\x80");
  r = PyBytes_Repr(q, 1);
  CHECK(r && PyUnicode_EqualToUTF8(r, "b'a\\'\"\\n\\x80'"), "Repr smartquotes");
  Py_XDECREF(r);
  PyObject *q2 = PyBytes_FromString("a'");
  r = PyBytes_Repr(q2, 1);
  CHECK(r && PyUnicode_EqualToUTF8(r, "b\"a'\""), "Repr picks double quotes");
  Py_XDECREF(r);
  r = PyBytes_Repr(q2, 0);
  CHECK(r && PyUnicode_EqualToUTF8(r, "b'a\\''"), "Repr without smartquotes");
  Py_XDECREF(r);
  PyObject *acc = PyBytes_FromString("ab");
  PyBytes_Concat(&acc, ba);
  CHECK(beq(acc, "abyz", 4), "Concat(bytes, bytearray)");
  PyBytes_ConcatAndDel(&acc, PyBytes_FromString("!"));
  CHECK(beq(acc, "abyz!", 5), "ConcatAndDel");
  PyBytes_Concat(&acc, s);
  CHECK(acc == NULL, "Concat(str) clears");
  CHECK_ERR("TypeError: can't concat str to bytes");
  r = PyBytes_DecodeEscape("\\x41\\n", 6, NULL, 0, NULL);
  CHECK(beq(r, "A\n", 2), "DecodeEscape");
  Py_XDECREF(r);

  /* bytearray. */
  CHECK(baeq(ba, "yz", 2) && PyByteArray_CheckExact(ba) && !PyByteArray_Check(b), "bytearray basics");
  CHECK(PyByteArray_Size(ba) == 2 && PyByteArray_AsString(ba) == PyByteArray_AS_STRING(ba), "Size/AsString");
  CHECK(PyByteArray_Resize(ba, 5) == 0 && PyByteArray_GET_SIZE(ba) == 5 && memcmp(PyByteArray_AS_STRING(ba), "yz", 2) == 0,
        "Resize grows");
  CHECK(PyByteArray_Resize(ba, 0) == 0 && PyByteArray_GET_SIZE(ba) == 0 && PyByteArray_AS_STRING(ba)[0] == 0,
        "Resize to empty");
  CHECK(PyByteArray_Resize(ba, -1) == -1, "Resize(-1)");
  CHECK_ERR("ValueError: Can only resize to positive sizes, got -1");
  r = PyByteArray_Concat(b, q2);
  CHECK(baeq(r, "a\0ba'", 5), "Concat gives a bytearray");
  Py_XDECREF(r);
  CHECK(PyByteArray_Concat(ba, s) == NULL, "Concat(bytearray, str)");
  CHECK_ERR("TypeError: can't concat str to bytearray");
  PyObject *five = PyLong_FromLong(5);
  r = PyByteArray_FromObject(five);
  CHECK(baeq(r, "\0\0\0\0\0", 5), "FromObject(5) is bytearray(5)");
  Py_XDECREF(r);
  CHECK(PyByteArray_FromObject(s) == NULL, "FromObject(str)");
  CHECK_ERR("TypeError: string argument without an encoding");
  CHECK(PyByteArray_FromStringAndSize("ab", -1) == NULL, "negative size");
  CHECK_ERR("SystemError: Negative size passed to PyByteArray_FromStringAndSize");

  Py_DECREF(b);
  Py_DECREF(ba);
  Py_DECREF(q);
  Py_DECREF(q2);
  Py_DECREF(five);
  Py_DECREF(one);
  Py_DECREF(s);
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
