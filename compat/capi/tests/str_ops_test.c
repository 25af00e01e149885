/* str C-API (unicodeobject.h), part 2: string operations, codecs, the locale and filesystem encodings and the path
 * converters. Expected results and messages were checked with ctypes.pythonapi on CPython 3.13.0. */
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
static int eq(PyObject *s, const char *want) { return s && PyUnicode_Check(s) && PyUnicode_EqualToUTF8(s, want); }
static int beq(PyObject *b, const char *want, Py_ssize_t n) {
  return b && PyBytes_Check(b) && PyBytes_GET_SIZE(b) == n && memcmp(PyBytes_AS_STRING(b), want, (size_t)n) == 0;
}
static PyObject *S(const char *s) { return PyUnicode_FromString(s); }

int main(void) {
  Py_Initialize();
  PyObject *abc = S("abcabc"), *c = S("c"), *bc = S("bc"), *ab = S("ab"), *e = S(""), *one = PyLong_FromLong(1);
  PyObject *r;

  /* Concat / Append. */
  r = PyUnicode_Concat(ab, c);
  CHECK(eq(r, "abc"), "Concat");
  Py_XDECREF(r);
  CHECK(PyUnicode_Concat(ab, one) == NULL, "Concat(str, int)");
  CHECK_ERR("TypeError: can only concatenate str (not \"int\") to str");
  CHECK(PyUnicode_Concat(one, ab) == NULL, "Concat(int, str)");
  CHECK_ERR("TypeError: must be str, not int");
  PyObject *acc = S("x");
  PyUnicode_Append(&acc, ab);
  CHECK(eq(acc, "xab"), "Append");
  PyUnicode_AppendAndDel(&acc, S("!"));
  CHECK(eq(acc, "xab!"), "AppendAndDel");
  PyUnicode_Append(&acc, one);
  CHECK(acc == NULL, "Append(int) clears the target");
  CHECK_ERR("SystemError: bad argument to internal function");

  /* Splitting and joining. */
  PyObject *text = S("a b  c");
  r = PyUnicode_Split(text, NULL, -1);
  CHECK(r && Py_SIZE(r) == 3 && eq(((PyListObject *)r)->ob_item[2], "c"), "Split");
  Py_XDECREF(r);
  r = PyUnicode_RSplit(text, NULL, 1);
  CHECK(r && Py_SIZE(r) == 2 && eq(((PyListObject *)r)->ob_item[0], "a b"), "RSplit maxsplit");
  Py_XDECREF(r);
  CHECK(PyUnicode_Split(text, one, -1) == NULL, "Split(int sep)");
  CHECK_ERR("TypeError: must be str, not int");
  PyObject *lines = S("a\nb\r\n");
  r = PyUnicode_Splitlines(lines, 1);
  CHECK(r && Py_SIZE(r) == 2 && eq(((PyListObject *)r)->ob_item[1], "b\r\n"), "Splitlines keepends");
  Py_XDECREF(r);
  PyObject *kv = S("k=v=w"), *eqs = S("=");
  r = PyUnicode_Partition(kv, eqs);
  CHECK(r && Py_SIZE(r) == 3 && eq(((PyTupleObject *)r)->ob_item[2], "v=w"), "Partition");
  Py_XDECREF(r);
  r = PyUnicode_RPartition(kv, eqs);
  CHECK(r && Py_SIZE(r) == 3 && eq(((PyTupleObject *)r)->ob_item[0], "k=v"), "RPartition");
  Py_XDECREF(r);
  CHECK(PyUnicode_Partition(kv, e) == NULL, "Partition(empty)");
  CHECK_ERR("ValueError: empty separator");
  r = PyUnicode_Split(kv, eqs, -1);
  PyObject *joined = PyUnicode_Join(eqs, r);
  CHECK(eq(joined, "k=v=w"), "Join");
  Py_XDECREF(joined);
  joined = PyUnicode_Join(NULL, r);
  CHECK(eq(joined, "k v w"), "Join(NULL) uses a space");
  Py_XDECREF(joined);
  CHECK(PyUnicode_Join(one, r) == NULL, "Join(int)");
  CHECK_ERR("TypeError: separator: expected str instance, int found");
  Py_XDECREF(r);

  /* Searching. */
  CHECK(PyUnicode_Find(abc, c, 0, 100, 1) == 2 && PyUnicode_Find(abc, c, 0, 100, -1) == 5, "Find");
  CHECK(PyUnicode_Find(abc, c, -3, 100, 1) == 5, "Find with a negative start");
  CHECK(PyUnicode_Find(abc, one, 0, 6, 1) == -2, "Find(int)");
  CHECK_ERR("TypeError: must be str, not int");
  CHECK(PyUnicode_FindChar(abc, 'b', 2, 6, 1) == 4 && PyUnicode_FindChar(abc, 'z', 0, 6, 1) == -1, "FindChar");
  CHECK(PyUnicode_Count(abc, bc, 0, 100) == 2 && PyUnicode_Count(abc, e, 0, 100) == 7, "Count");
  CHECK(PyUnicode_Tailmatch(abc, bc, 0, 100, 1) == 1 && PyUnicode_Tailmatch(abc, ab, 0, 100, -1) == 1 &&
        PyUnicode_Tailmatch(abc, ab, 0, 100, 1) == 0, "Tailmatch");
  CHECK(PyUnicode_Contains(abc, bc) == 1 && PyUnicode_Contains(ab, abc) == 0, "Contains");
  CHECK(PyUnicode_Contains(abc, one) == -1, "Contains(int)");
  CHECK_ERR("TypeError: 'in <string>' requires string as left operand, not int");
  r = PyUnicode_Replace(abc, c, ab, 1);
  CHECK(eq(r, "abababc"), "Replace maxcount");
  Py_XDECREF(r);

  /* Comparison. */
  CHECK(PyUnicode_Compare(ab, abc) < 0 && PyUnicode_Compare(abc, abc) == 0 && PyUnicode_Compare(c, ab) > 0,
        "Compare");
  CHECK(PyUnicode_Compare(ab, one) == -1, "Compare(int)");
  CHECK_ERR("TypeError: Can't compare str and int");
  CHECK(PyUnicode_CompareWithASCIIString(ab, "abc") == -1 && PyUnicode_CompareWithASCIIString(ab, "ab") == 0 &&
        PyUnicode_CompareWithASCIIString(ab, "a") == 1, "CompareWithASCIIString");
  PyObject *cafe = S("caf\xc3\xa9");
  CHECK(PyUnicode_EqualToUTF8(cafe, "caf\xc3\xa9") && !PyUnicode_EqualToUTF8(cafe, "cafe") &&
        !PyUnicode_EqualToUTF8(one, "1") && PyUnicode_EqualToUTF8AndSize(cafe, "caf\xc3\xa9xx", 5), "EqualToUTF8");
  r = PyUnicode_RichCompare(ab, one, Py_EQ);
  CHECK(r == Py_NotImplemented, "RichCompare(str, int)");
  r = PyUnicode_RichCompare(ab, abc, Py_LT);
  CHECK(r == Py_True, "RichCompare <");
  r = PyUnicode_RichCompare(ab, abc, Py_EQ);
  CHECK(r == Py_False, "RichCompare ==");

  /* Formatting, identifiers. */
  PyObject *fmt = S("<%s|%r>");
  PyObject *pair = PyUnicode_Partition(kv, eqs); /* ('k', '=', 'v=w'): a tuple without the tuple API */
  r = PyUnicode_Format(S("<%s|%s|%r>"), pair);
  CHECK(eq(r, "<k|=|'v=w'>"), "Format with a tuple");
  Py_XDECREF(r);
  Py_XDECREF(pair);
  r = PyUnicode_Format(S("<%s>"), c);
  CHECK(eq(r, "<c>"), "Format with one value");
  Py_XDECREF(r);
  PyObject *fmt2 = S("%d");
  r = PyUnicode_Format(fmt2, c);
  CHECK(r == NULL, "Format %d with a str");
  CHECK_ERR("TypeError: %d format: a real number is required, not str");
  PyObject *id1 = S("a1"), *id2 = S("1a");
  CHECK(PyUnicode_IsIdentifier(id1) == 1 && PyUnicode_IsIdentifier(id2) == 0, "IsIdentifier");

  /* Codecs. */
  r = PyUnicode_Decode("\xff", 1, "utf-8", NULL);
  CHECK(r == NULL, "Decode utf-8 error");
  CHECK_ERR("UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
  CHECK(PyUnicode_Decode("x", 1, "nope", NULL) == NULL, "unknown encoding");
  CHECK_ERR("LookupError: unknown encoding: nope");
  r = PyUnicode_Decode("\xff", 1, "utf-8", "replace");
  CHECK(eq(r, "\xef\xbf\xbd"), "Decode with replace");
  Py_XDECREF(r);
  r = PyUnicode_AsEncodedString(cafe, "ascii", "xmlcharrefreplace");
  CHECK(beq(r, "caf&#233;", 9), "AsEncodedString xmlcharrefreplace");
  Py_XDECREF(r);
  CHECK(PyUnicode_AsEncodedString(cafe, "ascii", NULL) == NULL, "ascii encode error");
  CHECK_ERR("UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 3: ordinal not in range(128)");
  r = PyUnicode_AsUTF8String(cafe);
  CHECK(beq(r, "caf\xc3\xa9", 5), "AsUTF8String");
  Py_XDECREF(r);
  r = PyUnicode_AsLatin1String(cafe);
  CHECK(beq(r, "caf\xe9", 4), "AsLatin1String");
  Py_XDECREF(r);
  CHECK(PyUnicode_AsASCIIString(one) == NULL, "AsASCIIString(int)");
  CHECK_ERR("TypeError: bad argument type for built-in operation");
  PyObject *a1 = S("a");
  r = PyUnicode_AsUTF16String(a1);
  CHECK(beq(r, "\xff\xfe" "a\0", 4), "AsUTF16String with BOM");
  Py_XDECREF(r);
  r = PyUnicode_AsUTF32String(a1);
  CHECK(beq(r, "\xff\xfe\0\0a\0\0\0", 8), "AsUTF32String with BOM");
  Py_XDECREF(r);
  int bo = 0;
  r = PyUnicode_DecodeUTF16("\xfe\xff\0a", 4, NULL, &bo);
  CHECK(eq(r, "a") && bo == 1, "DecodeUTF16 reads the BOM");
  Py_XDECREF(r);
  bo = -1;
  r = PyUnicode_DecodeUTF32("a\0\0\0", 4, NULL, &bo);
  CHECK(eq(r, "a"), "DecodeUTF32 little endian");
  Py_XDECREF(r);
  Py_ssize_t consumed = 0;
  r = PyUnicode_DecodeUTF8Stateful("a\xc3", 2, NULL, &consumed);
  CHECK(eq(r, "a") && consumed == 1, "DecodeUTF8Stateful leaves a truncated sequence");
  Py_XDECREF(r);
  r = PyUnicode_DecodeLatin1("\xe9", 1, NULL);
  CHECK(eq(r, "\xc3\xa9"), "DecodeLatin1");
  Py_XDECREF(r);
  CHECK(PyUnicode_DecodeASCII("\xe9", 1, NULL) == NULL, "DecodeASCII error");
  CHECK_ERR("UnicodeDecodeError: 'ascii' codec can't decode byte 0xe9 in position 0: ordinal not in range(128)");
  r = PyUnicode_DecodeUnicodeEscape("\\u00e9\\n", 8, NULL);
  CHECK(eq(r, "\xc3\xa9\n"), "DecodeUnicodeEscape");
  Py_XDECREF(r);
  CHECK(PyUnicode_DecodeUnicodeEscape("\\x", 2, NULL) == NULL, "truncated escape");
  CHECK_ERR("UnicodeDecodeError: 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape");
  r = PyUnicode_DecodeRawUnicodeEscape("\\u00e9\\n", 8, NULL);
  CHECK(eq(r, "\xc3\xa9\\n"), "DecodeRawUnicodeEscape");
  Py_XDECREF(r);
  r = PyUnicode_AsUnicodeEscapeString(cafe);
  CHECK(beq(r, "caf\\xe9", 7), "AsUnicodeEscapeString");
  Py_XDECREF(r);

  /* Locale and filesystem encodings (UTF-8). */
  r = PyUnicode_DecodeFSDefault("a\xff");
  CHECK(r && PyUnicode_GET_LENGTH(r) == 2 && PyUnicode_READ_CHAR(r, 1) == 0xdcff, "DecodeFSDefault escapes");
  PyObject *back = r ? PyUnicode_EncodeFSDefault(r) : NULL;
  CHECK(beq(back, "a\xff", 2), "EncodeFSDefault round trip");
  Py_XDECREF(back);
  back = r ? PyUnicode_EncodeLocale(r, "surrogateescape") : NULL;
  CHECK(beq(back, "a\xff", 2), "EncodeLocale surrogateescape");
  Py_XDECREF(back);
  CHECK(r && PyUnicode_EncodeLocale(r, NULL) == NULL, "EncodeLocale strict");
  CHECK_ERR("UnicodeEncodeError: 'locale' codec can't encode character '\\udcff' in position 1: encoding error");
  CHECK(PyUnicode_EncodeLocale(a1, "replace") == NULL, "EncodeLocale replace");
  CHECK_ERR("ValueError: unsupported error handler");
  Py_XDECREF(r);
  CHECK(PyUnicode_DecodeLocale("a\xff", NULL) == NULL, "DecodeLocale strict");
  CHECK_ERR("UnicodeDecodeError: 'locale' codec can't decode byte 0xff in position 1: decoding error");
  r = PyUnicode_DecodeLocale("a\xff", "surrogateescape");
  CHECK(r && PyUnicode_READ_CHAR(r, 1) == 0xdcff, "DecodeLocale surrogateescape");
  Py_XDECREF(r);
  r = PyUnicode_DecodeLocaleAndSize("\xc3\xa9", 2, NULL);
  CHECK(eq(r, "\xc3\xa9"), "DecodeLocaleAndSize");
  Py_XDECREF(r);

  PyObject *out = NULL;
  PyObject *path = S("/tmp/x");
  CHECK(PyUnicode_FSConverter(path, &out) == 0x20000 && beq(out, "/tmp/x", 6), "FSConverter(str)");
  CHECK(PyUnicode_FSConverter(NULL, &out) == 1 && out == NULL, "FSConverter cleanup");
  PyObject *nul = PyUnicode_FromStringAndSize("a\0b", 3);
  CHECK(PyUnicode_FSConverter(nul, &out) == 0, "FSConverter embedded NUL");
  CHECK_ERR("ValueError: embedded null byte");
  CHECK(PyUnicode_FSConverter(one, &out) == 0, "FSConverter(int)");
  CHECK_ERR("TypeError: expected str, bytes or os.PathLike object, not int");
  PyObject *bpath = PyBytes_FromString("/t\xff");
  CHECK(PyUnicode_FSDecoder(bpath, &out) == 0x20000 && out && PyUnicode_READ_CHAR(out, 2) == 0xdcff,
        "FSDecoder(bytes)");
  Py_XDECREF(out);
  out = NULL;
  CHECK(PyUnicode_FSDecoder(nul, &out) == 0, "FSDecoder embedded NUL");
  CHECK_ERR("ValueError: embedded null character");

  puts(bad ? "FAIL" : "PASS");
  return bad;
}
