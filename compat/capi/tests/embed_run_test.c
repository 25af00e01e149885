/* Embedding: PyStatus, PyConfig (+ PyWideStringList), Py_InitializeFromConfig with sys.argv and sys.path,
 * PyRun_String/SimpleString/SimpleFile, Py_CompileString*, PyEval_EvalCode, PyImport_* and PyImport_ExecCodeModule*,
 * Py_FinalizeEx. Error messages are checked from Python (tests/ext), since this test has no PyErr_* API. */
#define _GNU_SOURCE 1 /* mkstemp, fdopen under -std=c11 */
#include <Python.h>

#ifndef Py_True /* until boolobject.h declares it */
PyAPI_DATA(PyLongObject) _Py_TrueStruct;
#define Py_True ((PyObject *)&_Py_TrueStruct)
#endif

static int bad = 0;
#define CHECK(cond, what)                                            \
  do {                                                               \
    if (!(cond)) bad = 1, printf("FAIL: %s (line %d)\n", what, __LINE__); \
  } while (0)

static PyObject *main_dict(void) { return PyModule_GetDict(PyImport_AddModule("__main__")); }

/* Evaluates a Python expression in __main__ and says whether it is True. */
static int is_true(const char *expr) {
  PyObject *d = main_dict();
  PyObject *r = PyRun_String(expr, Py_eval_input, d, d);
  int ok = r == Py_True;
  if (r == NULL) printf("  (%s raised)\n", expr);
  Py_XDECREF(r);
  return ok;
}

int main(void) {
  /* PyStatus. */
  PyStatus ok = PyStatus_Ok(), err = PyStatus_Error("boom"), ex = PyStatus_Exit(3), nomem = PyStatus_NoMemory();
  CHECK(!PyStatus_Exception(ok) && !PyStatus_IsError(ok) && !PyStatus_IsExit(ok), "PyStatus_Ok");
  CHECK(PyStatus_Exception(err) && PyStatus_IsError(err) && strcmp(err.err_msg, "boom") == 0, "PyStatus_Error");
  CHECK(PyStatus_Exception(ex) && PyStatus_IsExit(ex) && ex.exitcode == 3, "PyStatus_Exit");
  CHECK(PyStatus_IsError(nomem), "PyStatus_NoMemory");

  /* PyConfig. */
  PyConfig c;
  PyConfig_InitPythonConfig(&c);
  CHECK(c.parse_argv == 1 && c.site_import == 1 && c.isolated == 0 && c.use_environment == 1, "python config");
  PyConfig_Clear(&c);
  PyConfig_InitIsolatedConfig(&c);
  CHECK(c.isolated == 1 && c.use_environment == 0 && c.parse_argv == 0 && c.safe_path == 1, "isolated config");
  char *argv[] = {"prog", "-x", "caf\xc3\xa9"};
  CHECK(!PyStatus_Exception(PyConfig_SetBytesArgv(&c, 3, argv)), "SetBytesArgv");
  CHECK(c.argv.length == 3 && wcscmp(c.argv.items[1], L"-x") == 0 && wcscmp(c.argv.items[2], L"caf\xe9") == 0,
        "argv copied and decoded (UTF-8)");
  wchar_t *wargv[] = {L"prog", L"one"};
  CHECK(!PyStatus_Exception(PyConfig_SetArgv(&c, 2, wargv)) && c.argv.length == 2, "SetArgv");
  CHECK(!PyStatus_Exception(PyWideStringList_Append(&c.argv, L"two")), "Append");
  CHECK(!PyStatus_Exception(PyWideStringList_Insert(&c.argv, 1, L"zero")), "Insert");
  CHECK(c.argv.length == 4 && wcscmp(c.argv.items[1], L"zero") == 0 && wcscmp(c.argv.items[3], L"two") == 0,
        "list order");
  wchar_t *str = NULL;
  CHECK(!PyStatus_Exception(PyConfig_SetString(&c, &str, L"abc")) && wcscmp(str, L"abc") == 0, "SetString");
  CHECK(!PyStatus_Exception(PyConfig_SetBytesString(&c, &str, "xyz")) && wcscmp(str, L"xyz") == 0, "SetBytesString");
  free(str);
  /* sys.path: the standard library (found as the pyvm binary finds it) plus one folder of ours. */
  c.site_import = 0;
  PyStatus s = Py_InitializeFromConfig(&c);
  CHECK(!PyStatus_Exception(s), "Py_InitializeFromConfig");
  PyConfig_Clear(&c);
  CHECK(c.argv.length == 0 && c.argv.items == NULL, "PyConfig_Clear");
  CHECK(Py_IsInitialized(), "Py_IsInitialized");
  CHECK(is_true("__import__('sys').argv == ['prog', 'zero', 'one', 'two']"), "sys.argv from the config");
  CHECK(is_true("__import__('sys').flags.isolated == 1 and 'site' not in __import__('sys').modules"), "flags");
  CHECK(is_true("__builtins__ is __import__('builtins') and __name__ == '__main__'"), "__main__");

  /* PyRun_String. */
  PyObject *d = main_dict();
  PyObject *r = PyRun_String("a = 20\nb = a + 1\n", Py_file_input, d, d);
  CHECK(r == Py_None, "Py_file_input gives None");
  Py_XDECREF(r);
  CHECK(is_true("b == 21"), "file input ran");
  CHECK(PyRun_SimpleString("c = [b] * 2") == 0 && is_true("c == [21, 21]"), "PyRun_SimpleString");
  PyObject *fresh = PyModule_New("scratch");
  PyObject *fd = PyModule_GetDict(fresh);
  r = PyRun_String("len([1, 2])", Py_eval_input, fd, fd);
  CHECK(r != NULL, "PyRun_String adds __builtins__");
  Py_XDECREF(r);

  /* Compiling. */
  PyObject *co = Py_CompileString("e = 'compiled'\n", "<c>", Py_file_input);
  CHECK(co != NULL, "Py_CompileString");
  r = PyEval_EvalCode(co, d, d);
  CHECK(r == Py_None && is_true("e == 'compiled'"), "PyEval_EvalCode");
  Py_XDECREF(r);
  PyCompilerFlags flags = _PyCompilerFlags_INIT;
  PyObject *ev = Py_CompileStringExFlags("b * 2", "<ev>", Py_eval_input, &flags, -1);
  CHECK(ev != NULL, "Py_CompileStringExFlags");
  r = ev ? PyEval_EvalCode(ev, d, d) : NULL;
  Py_XDECREF(r);
  Py_XDECREF(ev);
  PyObject *fname = PyRun_String("'<obj>'", Py_eval_input, d, d);
  PyObject *co2 = Py_CompileStringObject("f = 1\n", fname, Py_file_input, NULL, 0);
  CHECK(co2 != NULL, "Py_CompileStringObject");
  Py_XDECREF(co2);
  Py_XDECREF(fname);

  /* Importing. */
  PyObject *os_path = PyImport_ImportModule("os.path");
  CHECK(os_path != NULL && strcmp(PyModule_GetName(os_path), "posixpath") == 0, "PyImport_ImportModule(dotted)");
  Py_XDECREF(os_path);
  PyObject *json = PyImport_ImportModuleLevel("json", NULL, NULL, NULL, 0);
  CHECK(json != NULL && strcmp(PyModule_GetName(json), "json") == 0, "PyImport_ImportModuleLevel");
  PyObject *name = PyModule_GetNameObject(json);
  PyObject *again = PyImport_GetModule(name);
  CHECK(again == json, "PyImport_GetModule");
  Py_XDECREF(again);
  PyObject *imp = PyImport_Import(name);
  CHECK(imp == json, "PyImport_Import");
  Py_XDECREF(imp);
  Py_XDECREF(name);
  Py_XDECREF(json);
  PyObject *sm = PyImport_GetModuleDict();
  CHECK(sm != NULL && is_true("__import__('sys').modules is __import__('sys').modules"), "GetModuleDict");
  PyObject *added = PyImport_AddModuleRef("added_mod");
  CHECK(added != NULL && Py_REFCNT(added) >= 2, "PyImport_AddModuleRef");
  CHECK(PyImport_AddModule("added_mod") == added, "PyImport_AddModule finds it");
  Py_XDECREF(added);
  CHECK(is_true("'added_mod' in __import__('sys').modules"), "added to sys.modules");
  r = PyImport_ExecCodeModuleEx("from_code", co, "/virtual/from_code.py");
  CHECK(r != NULL, "PyImport_ExecCodeModuleEx");
  Py_XDECREF(r);
  CHECK(is_true("__import__('from_code').e == 'compiled' and __import__('from_code').__file__ == "
                "'/virtual/from_code.py'"),
        "module from code");
  Py_XDECREF(co);

  /* PyRun_SimpleFile. */
  char path[] = "/tmp/embed_run_testXXXXXX";
  int fdn = mkstemp(path);
  FILE *fp = fdopen(fdn, "w+");
  fputs("ran_file = __file__\n", fp);
  rewind(fp);
  CHECK(PyRun_SimpleFileExFlags(fp, path, 1, NULL) == 0, "PyRun_SimpleFile");
  char expr[128];
  snprintf(expr, sizeof expr, "ran_file == '%s' and '__file__' not in globals()", path);
  CHECK(is_true(expr), "__file__ while the file runs, removed after");
  unlink(path);

  CHECK(Py_FinalizeEx() == 0, "Py_FinalizeEx");
  CHECK(!Py_IsInitialized(), "not initialised after Py_FinalizeEx");
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
