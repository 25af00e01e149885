/* pyerrors.h: PyExc_* objects, the error indicator, exception objects, raising helpers and PyUnicode_FromFormat. */
#include <Python.h>

#include "capi_check.h"

static void test_classes(void) {
  CHECK(PyExc_BaseException && PyExc_Exception && PyExc_ValueError && PyExc_ResourceWarning, "PyExc_ pointers");
  CHECK(PyExc_EnvironmentError == PyExc_OSError && PyExc_IOError == PyExc_OSError, "OSError aliases");
  CHECK(PyExceptionClass_Check(PyExc_KeyError), "PyExceptionClass_Check");
  CHECK(!PyExceptionClass_Check(Py_None), "PyExceptionClass_Check(None)");
  CHECK(strcmp(PyExceptionClass_Name(PyExc_ZeroDivisionError), "ZeroDivisionError") == 0, "class name %s",
        PyExceptionClass_Name(PyExc_ZeroDivisionError));
  CHECK(PyErr_GivenExceptionMatches(PyExc_FileNotFoundError, PyExc_OSError), "FileNotFoundError < OSError");
  CHECK(PyErr_GivenExceptionMatches(PyExc_UnicodeDecodeError, PyExc_ValueError), "UnicodeDecodeError < ValueError");
  CHECK(PyErr_GivenExceptionMatches(PyExc_ResourceWarning, PyExc_Warning), "ResourceWarning < Warning");
  CHECK(PyErr_GivenExceptionMatches(PyExc_PythonFinalizationError, PyExc_RuntimeError), "PythonFinalizationError");
  CHECK(PyErr_GivenExceptionMatches(PyExc_BaseExceptionGroup, PyExc_BaseException), "BaseExceptionGroup");
  CHECK(!PyErr_GivenExceptionMatches(PyExc_KeyboardInterrupt, PyExc_Exception), "KeyboardInterrupt !< Exception");
  CHECK(!PyErr_GivenExceptionMatches(NULL, PyExc_Exception), "NULL matches nothing");
}

static void test_indicator(void) {
  CHECK(PyErr_Occurred() == NULL, "clean start");
  PyErr_SetString(PyExc_ValueError, "bad value");
  CHECK(PyErr_Occurred() == PyExc_ValueError, "PyErr_Occurred returns the type");
  CHECK(PyErr_ExceptionMatches(PyExc_Exception), "matches Exception");
  CHECK(!PyErr_ExceptionMatches(PyExc_LookupError), "does not match LookupError");
  PyObject *matches = Py_BuildValue("(OO)", PyExc_KeyError, PyExc_ValueError);
  CHECK(PyErr_ExceptionMatches(matches), "matches a tuple");
  Py_DECREF(matches);

  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  CHECK(PyErr_Occurred() == NULL, "Fetch clears");
  CHECK(t == PyExc_ValueError, "Fetch type");
  CHECK(v && PyExceptionInstance_Check(v), "Fetch value is an instance (3.12+)");
  CHECK(PyExceptionInstance_Class(v) == PyExc_ValueError, "PyExceptionInstance_Class");
  CHECK(tb == NULL, "no traceback from C");
  PyErr_Restore(t, v, tb);
  expect_exc(PyExc_ValueError, "bad value");

  /* Restore with a non-normalised value builds the instance. */
  PyErr_Restore(Py_NewRef(PyExc_KeyError), Py_BuildValue("(s)", "k"), NULL);
  PyObject *e = PyErr_GetRaisedException();
  CHECK(e && Py_TYPE(e) == (PyTypeObject *)PyExc_KeyError, "Restore normalises");
  if (e) {
    PyObject *args = PyException_GetArgs(e);
    CHECK(strcmp(repr(args), "('k',)") == 0, "args %s", repr(args));
    Py_DECREF(args);
  }
  PyErr_SetRaisedException(e);
  CHECK(PyErr_Occurred() == PyExc_KeyError, "SetRaisedException");
  PyErr_Clear();
  CHECK(!PyErr_Occurred(), "Clear");

  /* NormalizeException. */
  t = Py_NewRef(PyExc_TypeError);
  v = Py_BuildValue("s", "oops");
  tb = NULL;
  PyErr_NormalizeException(&t, &v, &tb);
  CHECK(t == PyExc_TypeError && Py_TYPE(v) == (PyTypeObject *)PyExc_TypeError, "NormalizeException");
  CHECK(strcmp(repr(v), "TypeError('oops')") == 0, "normalised %s", repr(v));
  Py_DECREF(t);
  Py_DECREF(v);

  PyErr_SetNone(PyExc_StopIteration);
  expect_exc(PyExc_StopIteration, "");
  PyErr_SetObject(PyExc_KeyError, Py_None);
  expect_exc(PyExc_KeyError, "");
  PyObject *inst = PyObject_CallFunction(PyExc_IndexError, "s", "idx");
  PyErr_SetObject(PyExc_LookupError, inst);
  e = PyErr_GetRaisedException();
  CHECK(e == inst, "SetObject keeps an instance of a subclass");
  Py_XDECREF(e);
  Py_DECREF(inst);
  PyErr_SetObject(Py_None, NULL);
  expect_exc(PyExc_SystemError, "_PyErr_SetObject: exception None is not a BaseException subclass");

  PyErr_Format(PyExc_TypeError, "%s() takes %d args, got %R", "f", 2, Py_None);
  expect_exc(PyExc_TypeError, "f() takes 2 args, got None");
  CHECK(PyErr_BadArgument() == 0, "BadArgument returns 0");
  expect_exc(PyExc_TypeError, "bad argument type for built-in operation");
  PyErr_BadInternalCall();
  expect_exc(PyExc_SystemError, NULL);
  CHECK(PyErr_NoMemory() == NULL, "NoMemory");
  expect_exc(PyExc_MemoryError, NULL);
}

static void test_exception_objects(void) {
  PyObject *a = PyObject_CallFunction(PyExc_ValueError, "s", "a");
  PyObject *b = PyObject_CallFunction(PyExc_KeyError, "s", "b");
  CHECK(PyException_GetCause(a) == NULL && PyException_GetContext(a) == NULL, "no cause/context");
  PyException_SetCause(a, Py_NewRef(b));
  PyObject *c = PyException_GetCause(a);
  CHECK(c == b, "GetCause");
  Py_XDECREF(c);
  PyException_SetContext(a, Py_NewRef(b));
  c = PyException_GetContext(a);
  CHECK(c == b, "GetContext");
  Py_XDECREF(c);
  PyObject *args = Py_BuildValue("(si)", "x", 1);
  PyException_SetArgs(a, args);
  Py_DECREF(args);
  CHECK(strcmp(repr(a), "ValueError('x', 1)") == 0, "SetArgs: %s", repr(a));
  CHECK(PyException_GetTraceback(a) == NULL, "no traceback");
  CHECK(PyException_SetTraceback(a, Py_None) == 0, "SetTraceback(None)");
  CHECK(PyException_SetTraceback(a, Py_Ellipsis) == -1, "SetTraceback(Ellipsis) fails");
  expect_exc(PyExc_TypeError, "__traceback__ must be a traceback or None");

  /* The handled exception (sys.exception()). */
  CHECK(PyErr_GetHandledException() == NULL, "nothing handled");
  PyErr_SetHandledException(a);
  PyObject *h = PyErr_GetHandledException();
  CHECK(h == a, "GetHandledException");
  Py_XDECREF(h);
  PyObject *t, *v, *tb;
  PyErr_GetExcInfo(&t, &v, &tb);
  CHECK(t == PyExc_ValueError && v == a && tb == NULL, "GetExcInfo");
  Py_XDECREF(t);
  Py_XDECREF(v);
  /* A new exception raised while `a` is handled gets it as __context__. */
  PyErr_SetString(PyExc_RuntimeError, "during");
  PyObject *e = PyErr_GetRaisedException();
  c = PyException_GetContext(e);
  CHECK(c == a, "context chained to the handled exception");
  Py_XDECREF(c);
  Py_DECREF(e);
  PyErr_SetExcInfo(NULL, NULL, NULL);
  CHECK(PyErr_GetHandledException() == NULL, "SetExcInfo(NULL...) clears");
  Py_DECREF(a);
  Py_DECREF(b);
}

static void test_errno_and_classes(void) {
  errno = ENOENT;
  CHECK(PyErr_SetFromErrnoWithFilename(PyExc_OSError, "nofile") == NULL, "returns NULL");
  CHECK(PyErr_Occurred() == PyExc_FileNotFoundError, "errno picks FileNotFoundError");
  expect_exc(PyExc_FileNotFoundError, "[Errno 2] No such file or directory: 'nofile'");
  errno = EACCES;
  PyErr_SetFromErrno(PyExc_OSError);
  expect_exc(PyExc_PermissionError, "[Errno 13] Permission denied");
  errno = ENOENT;
  PyObject *f1 = Py_BuildValue("s", "a"), *f2 = Py_BuildValue("s", "b");
  PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, f1, f2);
  expect_exc(PyExc_FileNotFoundError, "[Errno 2] No such file or directory: 'a' -> 'b'");
  Py_DECREF(f1);
  Py_DECREF(f2);

  PyObject *cls = PyErr_NewException("spam.SpamError", NULL, NULL);
  CHECK(cls && PyExceptionClass_Check(cls), "NewException");
  if (cls) {
    CHECK(PyErr_GivenExceptionMatches(cls, PyExc_Exception), "default base Exception");
    CHECK(strcmp(repr(cls), "<class 'spam.SpamError'>") == 0, "repr %s", repr(cls));
    PyErr_SetString(cls, "spam!");
    expect_exc(cls, "spam!");
    Py_DECREF(cls);
  }
  cls = PyErr_NewExceptionWithDoc("spam.Eggs", "Eggs doc.", PyExc_KeyError, NULL);
  CHECK(cls && PyErr_GivenExceptionMatches(cls, PyExc_LookupError), "NewExceptionWithDoc base");
  if (cls) {
    PyObject *doc = PyObject_CallMethod(cls, "__getattribute__", "s", "__doc__");
    (void)doc;
    PyErr_Clear();
    Py_XDECREF(doc);
    Py_DECREF(cls);
  }
  CHECK(PyErr_NewException("nodot", NULL, NULL) == NULL, "name without a dot");
  expect_exc(PyExc_SystemError, "PyErr_NewException: name must be module.class");

  PyObject *msg = Py_BuildValue("s", "no module named x");
  PyObject *name = Py_BuildValue("s", "x");
  PyErr_SetImportError(msg, name, NULL);
  PyObject *e = PyErr_GetRaisedException();
  CHECK(e && Py_TYPE(e) == (PyTypeObject *)PyExc_ImportError, "SetImportError");
  if (e) {
    PyObject *n = PyObject_CallMethod(e, "__getattribute__", "s", "name");
    CHECK(n == name || (n && strcmp(text(n), "x") == 0), "ImportError.name");
    Py_XDECREF(n);
    Py_DECREF(e);
  }
  Py_DECREF(msg);
  Py_DECREF(name);
}

static void test_signals_unraisable(void) {
  CHECK(PyErr_CheckSignals() == 0, "no signal pending");
  PyErr_SetInterrupt();
  CHECK(PyErr_CheckSignals() == -1, "simulated SIGINT");
  expect_exc(PyExc_KeyboardInterrupt, NULL);
  CHECK(PyErr_CheckSignals() == 0, "delivered once");
  CHECK(PyErr_SetInterruptEx(-1) == -1, "bad signal number");
  PyErr_SetString(PyExc_ValueError, "ignored on purpose");
  PyErr_WriteUnraisable(NULL);
  CHECK(!PyErr_Occurred(), "WriteUnraisable clears");
  PyErr_SetString(PyExc_ValueError, "ignored on purpose too");
  PyErr_FormatUnraisable("Exception ignored in test %d", 42);
  CHECK(!PyErr_Occurred(), "FormatUnraisable clears");
  char buf[8];
  CHECK(PyOS_snprintf(buf, sizeof buf, "%s", "abcdefghij") == 10 && strcmp(buf, "abcdefg") == 0, "PyOS_snprintf");
}

static void test_unicode_errors(void) {
  PyObject *e = PyUnicodeDecodeError_Create("utf-8", "ab\xff", 3, 2, 3, "invalid start byte");
  CHECK(e != NULL, "PyUnicodeDecodeError_Create");
  if (!e) return;
  CHECK(strcmp(repr(e), "UnicodeDecodeError('utf-8', b'ab\\xff', 2, 3, 'invalid start byte')") == 0, "%s", repr(e));
  Py_ssize_t s = -1, n = -1;
  CHECK(PyUnicodeDecodeError_GetStart(e, &s) == 0 && s == 2, "GetStart %zd", s);
  CHECK(PyUnicodeDecodeError_GetEnd(e, &n) == 0 && n == 3, "GetEnd %zd", n);
  CHECK(PyUnicodeDecodeError_SetStart(e, 1) == 0 && PyUnicodeDecodeError_GetStart(e, &s) == 0 && s == 1, "SetStart");
  CHECK(PyUnicodeDecodeError_SetEnd(e, 10) == 0 && PyUnicodeDecodeError_GetEnd(e, &n) == 0 && n == 3, "end clamp");
  expect_str(PyUnicodeDecodeError_GetEncoding(e), "utf-8");
  expect_str(PyUnicodeDecodeError_GetReason(e), "invalid start byte");
  CHECK(PyUnicodeDecodeError_SetReason(e, "other") == 0, "SetReason");
  expect_str(PyUnicodeDecodeError_GetReason(e), "other");
  PyObject *o = PyUnicodeDecodeError_GetObject(e);
  CHECK(o && strcmp(repr(o), "b'ab\\xff'") == 0, "GetObject");
  Py_XDECREF(o);
  CHECK(PyUnicodeEncodeError_GetObject(e) == NULL, "encode accessor on bytes object");
  expect_exc(PyExc_TypeError, "object attribute must be unicode");
  Py_DECREF(e);
}

/* Expected outputs recorded from CPython 3.13's PyUnicode_FromFormat (ctypes.pythonapi). */
static void test_from_format(void) {
  expect_str(PyUnicode_FromFormat("%d|%5d|%-5d|%05d|%.3d|%5.3d", 42, 42, 42, -42, 7, 7), "42|   42|42   |-0042|007|  007");
  expect_str(PyUnicode_FromFormat("%u %ld %lu %lld %llu %zd %zu %i %li %lli %zi", (unsigned)-1, -5L, (unsigned long)-1,
                                  -3LL, (unsigned long long)-1, (Py_ssize_t)-9, (size_t)9, 3, 4L, 5LL, (Py_ssize_t)6),
             "4294967295 -5 18446744073709551615 -3 18446744073709551615 -9 9 3 4 5 6");
  expect_str(PyUnicode_FromFormat("%x %X %o %lx %#x", 255, 255, 8, -1L, 255), "ff FF 10 ffffffffffffffff ff");
  expect_str(PyUnicode_FromFormat("%p %p", (void *)0x1234, (void *)0), "0x1234 0x(nil)");
  expect_str(PyUnicode_FromFormat("%s|%.3s|%10s|%-10s|%10.2s|", "hello", "hello", "hello", "hello", "hello"),
             "hello|hel|     hello|hello     |        he|");
  expect_str(PyUnicode_FromFormat("%c%c", 65, 0x20ac), "A\xe2\x82\xac");
  CHECK(PyUnicode_FromFormat("%c", 0x110000) == NULL, "%%c range");
  expect_exc(PyExc_OverflowError, "character argument not in range(0x110000)");
  PyObject *abc = Py_BuildValue("s", "abc");
  expect_str(PyUnicode_FromFormat("%U|%5U|%.2U", abc, abc, abc), "abc|  abc|ab");
  expect_str(PyUnicode_FromFormat("%V|%V", abc, "x", NULL, "yz"), "abc|yz");
  PyObject *he = Py_BuildValue("s", "h\xc3\xa9");
  expect_str(PyUnicode_FromFormat("%S|%R|%A", he, he, he), "h\xc3\xa9|'h\xc3\xa9'|'h\\xe9'");
  PyObject *one = Py_BuildValue("i", 1);
  expect_str(PyUnicode_FromFormat("%T|%#T|%N|%N", one, PyExc_KeyError, (PyObject *)Py_TYPE(one), PyExc_KeyError),
             "int|type|int|KeyError");
  PyObject *cls = PyErr_NewException("spam.Ham", NULL, NULL);
  expect_str(PyUnicode_FromFormat("%N|%#N", cls, cls), "spam.Ham|spam:Ham");
  Py_XDECREF(cls);
  CHECK(PyUnicode_FromFormat("%%|%k") == NULL, "%%k");
  expect_exc(PyExc_SystemError, "invalid format string: %k");
  CHECK(PyUnicode_FromFormat("abc%") == NULL, "trailing %%");
  expect_exc(PyExc_SystemError, "invalid format string: %");
  CHECK(PyUnicode_FromFormat("%5c|", 65) == NULL, "%%5c");
  expect_exc(PyExc_SystemError, "invalid format string: %5c|");
  expect_str(PyUnicode_FromFormat("%*d|%.*d|%-*s|", 6, 1, 4, 2, 6, "ab"), "     1|0002|ab    |");
  expect_str(PyUnicode_FromFormat("%s", "\xff\xfe"), "\xef\xbf\xbd\xef\xbf\xbd");
  expect_str(PyUnicode_FromFormat("%ls|%.2ls", L"w\u20acde", L"wxyz"), "w\xe2\x82\xac" "de|wx");
  expect_str(PyUnicode_FromFormat("%.3S|%8R|", abc, abc), "abc|   'abc'|");
  expect_str(PyUnicode_FromFormat("%jd %td", (intmax_t)-1, (ptrdiff_t)-2), "-1 -2");
  CHECK(PyUnicode_FromFormat("%hd", 1) == NULL, "%%hd");
  expect_exc(PyExc_SystemError, "invalid format string: %hd");
  expect_str(PyUnicode_FromFormat("%5.1s|", "\xc3\xa9" "abc"), "    \xef\xbf\xbd|");
  CHECK(PyUnicode_FromFormat("%+d", 1) == NULL, "%%+d");
  expect_exc(PyExc_SystemError, "invalid format string: %+d");
  Py_DECREF(abc);
  Py_DECREF(he);
  Py_DECREF(one);
}

int main(void) {
  Py_Initialize();
  test_classes();
  test_indicator();
  test_exception_objects();
  test_errno_and_classes();
  test_signals_unraisable();
  test_unicode_errors();
  test_from_format();
  CHECK(!PyErr_Occurred(), "an exception left over");
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
