/* str C-API (unicodeobject.h), part 1: the PEP 393 accessors, construction, C buffers, characters, interning.
 * Expected results and messages were checked with ctypes.pythonapi on CPython 3.13.0. */
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
/* A str from UTF-8 text, checked to equal `want`. */
static int eq(PyObject *s, const char *want) { return s && PyUnicode_EqualToUTF8(s, want); }

int main(void) {
  Py_Initialize();

  /* Kinds and the inline accessors. */
  PyObject *a = PyUnicode_FromString("abc");
  CHECK(PyUnicode_Check(a) && PyUnicode_CheckExact(a) && !PyUnicode_Check(Py_None), "checks");
  CHECK(PyUnicode_GET_LENGTH(a) == 3 && PyUnicode_KIND(a) == PyUnicode_1BYTE_KIND, "ascii kind");
  CHECK(PyUnicode_IS_ASCII(a) && PyUnicode_IS_COMPACT_ASCII(a) && PyUnicode_MAX_CHAR_VALUE(a) == 0x7f, "ascii");
  CHECK(memcmp(PyUnicode_1BYTE_DATA(a), "abc", 4) == 0, "ascii data with terminator");
  CHECK(PyUnicode_READ_CHAR(a, 1) == 'b', "READ_CHAR");
  PyObject *l1 = PyUnicode_FromString("caf\xc3\xa9");
  CHECK(!PyUnicode_IS_ASCII(l1) && PyUnicode_KIND(l1) == 1 && PyUnicode_MAX_CHAR_VALUE(l1) == 0xff, "latin-1");
  CHECK(PyUnicode_READ(PyUnicode_KIND(l1), PyUnicode_DATA(l1), 3) == 0xe9, "READ latin-1");
  PyObject *u2 = PyUnicode_FromString("\xe2\x82\xac!");  /* euro sign */
  CHECK(PyUnicode_KIND(u2) == 2 && PyUnicode_2BYTE_DATA(u2)[0] == 0x20ac && PyUnicode_GET_LENGTH(u2) == 2, "ucs2");
  PyObject *u4 = PyUnicode_FromString("\xf0\x9f\x98\x80");  /* U+1F600 */
  CHECK(PyUnicode_KIND(u4) == 4 && PyUnicode_4BYTE_DATA(u4)[0] == 0x1F600 && PyUnicode_MAX_CHAR_VALUE(u4) == 0x10ffff,
        "ucs4");
  CHECK(PyUnicode_READY(u4) == 0 && PyUnicode_IS_READY(u4), "READY");

  /* PyUnicode_New: the caller fills it. */
  PyObject *n = PyUnicode_New(3, 0x20ac);
  CHECK(n && PyUnicode_KIND(n) == 2, "New kind");
  PyUnicode_WRITE(PyUnicode_KIND(n), PyUnicode_DATA(n), 0, 'x');
  PyUnicode_WRITE(PyUnicode_KIND(n), PyUnicode_DATA(n), 1, 0x20ac);
  CHECK(PyUnicode_WriteChar(n, 2, 'y') == 0, "WriteChar on a fresh string");
  CHECK(eq(n, "x\xe2\x82\xacy"), "New filled");
  CHECK(PyUnicode_WriteChar(n, 3, 'y') == -1, "WriteChar out of range");
  CHECK_ERR("IndexError: string index out of range");
  Py_INCREF(a);
  CHECK(PyUnicode_WriteChar(a, 0, 'A') == -1, "WriteChar on a shared string");
  CHECK_ERR("SystemError: Cannot modify a string currently used");
  Py_DECREF(a);
  Py_DECREF(n);
  CHECK(PyUnicode_New(-1, 0) == NULL, "New(-1)");
  CHECK_ERR("SystemError: Negative size passed to PyUnicode_New");
  CHECK(PyUnicode_New(1, 0x110000) == NULL, "New(maxchar)");
  CHECK_ERR("SystemError: invalid maximum character passed to PyUnicode_New");
  n = PyUnicode_New(0, 0);
  CHECK(n && PyUnicode_GET_LENGTH(n) == 0, "New(0)");
  Py_XDECREF(n);

  /* Construction. */
  CHECK(PyUnicode_FromStringAndSize("ab", -1) == NULL, "negative size");
  CHECK_ERR("SystemError: Negative size passed to PyUnicode_FromStringAndSize");
  CHECK(PyUnicode_FromStringAndSize(NULL, 3) == NULL, "NULL with size");
  CHECK_ERR("SystemError: NULL string with positive size with NULL passed to PyUnicode_FromStringAndSize");
  CHECK(PyUnicode_FromStringAndSize("\xff", 1) == NULL, "invalid UTF-8");
  CHECK_ERR("UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
  n = PyUnicode_FromStringAndSize("a\0b", 3);
  CHECK(n && PyUnicode_GET_LENGTH(n) == 3 && PyUnicode_READ_CHAR(n, 1) == 0, "embedded NUL");
  Py_XDECREF(n);
  Py_UCS2 ucs2[] = {'h', 'i'};
  n = PyUnicode_FromKindAndData(PyUnicode_2BYTE_KIND, ucs2, 2);
  CHECK(eq(n, "hi") && PyUnicode_KIND(n) == 1, "FromKindAndData narrows to the canonical kind");
  Py_XDECREF(n);
  CHECK(PyUnicode_FromKindAndData(3, "ab", 1) == NULL, "bad kind");
  CHECK_ERR("SystemError: invalid kind");
  CHECK(PyUnicode_FromKindAndData(1, "ab", -1) == NULL, "negative size");
  CHECK_ERR("ValueError: size must be positive");
  n = PyUnicode_FromOrdinal(0x20ac);
  CHECK(eq(n, "\xe2\x82\xac"), "FromOrdinal");
  Py_XDECREF(n);
  CHECK(PyUnicode_FromOrdinal(0x110000) == NULL, "FromOrdinal range");
  CHECK_ERR("ValueError: chr() arg not in range(0x110000)");
  n = PyUnicode_FromObject(a);
  CHECK(n == a, "FromObject(exact str) is the same object");
  Py_XDECREF(n);
  CHECK(PyUnicode_FromObject(Py_None) == NULL, "FromObject(None)");
  CHECK_ERR("TypeError: Can't convert 'NoneType' object to str implicitly");
  PyObject *by = PyBytes_FromString("caf\xe9");
  n = PyUnicode_FromEncodedObject(by, "latin-1", NULL);
  CHECK(eq(n, "caf\xc3\xa9"), "FromEncodedObject latin-1");
  Py_XDECREF(n);
  CHECK(PyUnicode_FromEncodedObject(by, NULL, NULL) == NULL, "FromEncodedObject utf-8 error");
  CHECK_ERR("UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 3: unexpected end of data");
  CHECK(PyUnicode_FromEncodedObject(a, NULL, NULL) == NULL, "decoding str");
  CHECK_ERR("TypeError: decoding str is not supported");
  CHECK(PyUnicode_FromEncodedObject(Py_None, NULL, NULL) == NULL, "decoding None");
  CHECK_ERR("TypeError: decoding to str: need a bytes-like object, NoneType found");
  n = PyUnicode_FromWideChar(L"w\u20ac", -1);
  CHECK(eq(n, "w\xe2\x82\xac"), "FromWideChar");
  Py_XDECREF(n);

  /* C buffers. */
  wchar_t wb[8];
  CHECK(PyUnicode_AsWideChar(u2, wb, 8) == 2 && wb[0] == 0x20ac && wb[2] == 0, "AsWideChar");
  CHECK(PyUnicode_AsWideChar(a, wb, 2) == 2 && wb[1] == 'b', "AsWideChar truncated");
  CHECK(PyUnicode_AsWideChar(Py_None, wb, 2) == -1, "AsWideChar(None)");
  CHECK_ERR("TypeError: bad argument type for built-in operation");
  Py_ssize_t size = 0;
  wchar_t *ws = PyUnicode_AsWideCharString(u4, &size);
  CHECK(ws && size == 1 && ws[0] == 0x1F600 && ws[1] == 0, "AsWideCharString");
  /* ws belongs to PyMem_Free (pymem.h, another helper's); this test leaves it. */
  const char *utf = PyUnicode_AsUTF8AndSize(l1, &size);
  CHECK(utf && size == 5 && memcmp(utf, "caf\xc3\xa9", 6) == 0, "AsUTF8AndSize");
  CHECK(PyUnicode_AsUTF8(l1) == utf, "the UTF-8 form is cached in the string");
  PyObject *sur = PyUnicode_FromOrdinal(0xd800);
  CHECK(PyUnicode_AsUTF8(sur) == NULL, "AsUTF8 of a surrogate");
  CHECK_ERR("UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed");
  CHECK(PyUnicode_AsUTF8(Py_None) == NULL, "AsUTF8(None)");
  CHECK_ERR("TypeError: bad argument type for built-in operation");
  Py_UCS4 u4buf[4];
  CHECK(PyUnicode_AsUCS4(l1, u4buf, 4, 1) == NULL, "AsUCS4 too small");
  CHECK_ERR("SystemError: string is longer than the buffer");
  CHECK(PyUnicode_AsUCS4(a, u4buf, 4, 1) == u4buf && u4buf[2] == 'c' && u4buf[3] == 0, "AsUCS4");
  Py_UCS4 *copy = PyUnicode_AsUCS4Copy(u2);
  CHECK(copy && copy[0] == 0x20ac && copy[2] == 0, "AsUCS4Copy");
  /* copy likewise. */

  /* Characters. */
  CHECK(PyUnicode_GetLength(u4) == 1, "GetLength");
  CHECK(PyUnicode_GetLength(Py_None) == -1, "GetLength(None)");
  CHECK_ERR("TypeError: bad argument type for built-in operation");
  CHECK(PyUnicode_ReadChar(l1, 3) == 0xe9, "ReadChar");
  CHECK(PyUnicode_ReadChar(l1, 4) == (Py_UCS4)-1, "ReadChar range");
  CHECK_ERR("IndexError: string index out of range");
  n = PyUnicode_Substring(l1, 1, 100);
  CHECK(eq(n, "af\xc3\xa9"), "Substring");
  Py_XDECREF(n);
  CHECK(PyUnicode_Substring(l1, -1, 2) == NULL, "Substring(-1)");
  CHECK_ERR("IndexError: string index out of range");

  /* Interning. */
  PyObject *i1 = PyUnicode_InternFromString("pyvm_capi_interned");
  PyObject *i2 = PyUnicode_FromString("pyvm_capi_interned");
  CHECK(i2 != i1, "a fresh string is a new object");
  PyUnicode_InternInPlace(&i2);
  CHECK(i2 == i1 && PyUnicode_CHECK_INTERNED(i1), "InternInPlace");
  Py_DECREF(i1);
  Py_DECREF(i2);

  /* The character database. */
  CHECK(Py_UNICODE_ISSPACE(' ') && Py_UNICODE_ISSPACE(0x2003) && !Py_UNICODE_ISSPACE('x'), "ISSPACE");
  CHECK(Py_UNICODE_TOUPPER(0xdf) == 'S' && Py_UNICODE_TOLOWER(0x130) == 'i' && Py_UNICODE_TOTITLE(0x1c6) == 0x1c5,
        "case mappings");
  CHECK(Py_UNICODE_TODECIMAL(0x663) == 3 && Py_UNICODE_TODIGIT(0xb2) == 2 && Py_UNICODE_TODECIMAL(0xb2) == -1,
        "digits");
  CHECK(Py_UNICODE_TONUMERIC(0xbd) == 0.5 && Py_UNICODE_TONUMERIC('A') == -1.0, "numeric");
  CHECK(Py_UNICODE_ISALPHA(0xe9) && Py_UNICODE_ISALNUM('7') && Py_UNICODE_ISUPPER('Q') && Py_UNICODE_ISLOWER('q'),
        "classes");
  CHECK(Py_UNICODE_ISLINEBREAK(0x2028) && !Py_UNICODE_ISPRINTABLE('\n') && Py_UNICODE_ISTITLE(0x1c5), "more");
  CHECK(Py_UNICODE_IS_SURROGATE(0xdc00) && Py_UNICODE_JOIN_SURROGATES(0xd83d, 0xde00) == 0x1F600 &&
        Py_UNICODE_HIGH_SURROGATE(0x1F600) == 0xd83d && Py_UNICODE_LOW_SURROGATE(0x1F600) == 0xde00,
        "surrogates");

  Py_DECREF(a);
  Py_DECREF(l1);
  Py_DECREF(u2);
  Py_DECREF(u4);
  Py_DECREF(sur);
  Py_DECREF(by);
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
