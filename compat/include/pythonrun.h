/* pythonrun.h: compiling and running source from C (PyRun_*, Py_CompileString*), and PyEval_EvalCode.
 * Owner: capi-a. */
#ifndef PYVM_CAPI_PYTHONRUN_H
#define PYVM_CAPI_PYTHONRUN_H

#include "compile.h" /* PyCompilerFlags, Py_file_input ... */

#ifdef __cplusplus
extern "C" {
#endif

/* Compiling. `start` is Py_file_input, Py_eval_input, Py_single_input or Py_func_type_input; `optimize` -1 means
 * the interpreter's level. PyCF_ONLY_AST gives an ast object instead of a code object. */
PyAPI_FUNC(PyObject *) Py_CompileString(const char *str, const char *filename, int start);
PyAPI_FUNC(PyObject *) Py_CompileStringExFlags(const char *str, const char *filename, int start,
                                               PyCompilerFlags *flags, int optimize);
PyAPI_FUNC(PyObject *) Py_CompileStringObject(const char *str, PyObject *filename, int start, PyCompilerFlags *flags,
                                              int optimize);
#define Py_CompileString(str, p, s) Py_CompileStringExFlags((str), (p), (s), NULL, -1)
#define Py_CompileStringFlags(str, p, s, f) Py_CompileStringExFlags((str), (p), (s), (f), -1)

/* Evaluates a code object with the given globals (a dict; __builtins__ is added when missing) and locals. */
PyAPI_FUNC(PyObject *) PyEval_EvalCode(PyObject *co, PyObject *globals, PyObject *locals);

/* Running source. The Simple forms run in __main__ and print an uncaught exception (returning -1); SystemExit
 * ends the process, as in CPython. */
PyAPI_FUNC(PyObject *) PyRun_StringFlags(const char *str, int start, PyObject *globals, PyObject *locals,
                                         PyCompilerFlags *flags);
PyAPI_FUNC(PyObject *) PyRun_String(const char *str, int start, PyObject *globals, PyObject *locals);
PyAPI_FUNC(int) PyRun_SimpleStringFlags(const char *command, PyCompilerFlags *flags);
PyAPI_FUNC(int) PyRun_SimpleString(const char *command);
PyAPI_FUNC(PyObject *) PyRun_FileExFlags(FILE *fp, const char *filename, int start, PyObject *globals,
                                         PyObject *locals, int closeit, PyCompilerFlags *flags);
PyAPI_FUNC(PyObject *) PyRun_File(FILE *fp, const char *filename, int start, PyObject *globals, PyObject *locals);
PyAPI_FUNC(PyObject *) PyRun_FileEx(FILE *fp, const char *filename, int start, PyObject *globals, PyObject *locals,
                                    int closeit);
PyAPI_FUNC(PyObject *) PyRun_FileFlags(FILE *fp, const char *filename, int start, PyObject *globals,
                                       PyObject *locals, PyCompilerFlags *flags);
PyAPI_FUNC(int) PyRun_SimpleFileExFlags(FILE *fp, const char *filename, int closeit, PyCompilerFlags *flags);
PyAPI_FUNC(int) PyRun_SimpleFile(FILE *fp, const char *filename);
PyAPI_FUNC(int) PyRun_SimpleFileEx(FILE *fp, const char *filename, int closeit);

#define PyRun_String(str, s, g, l) PyRun_StringFlags((str), (s), (g), (l), NULL)
#define PyRun_SimpleString(s) PyRun_SimpleStringFlags((s), NULL)
#define PyRun_SimpleFile(f, p) PyRun_SimpleFileExFlags((f), (p), 0, NULL)
#define PyRun_SimpleFileEx(f, p, c) PyRun_SimpleFileExFlags((f), (p), (c), NULL)
#define PyRun_File(fp, p, s, g, l) PyRun_FileExFlags((fp), (p), (s), (g), (l), 0, NULL)
#define PyRun_FileEx(fp, p, s, g, l, c) PyRun_FileExFlags((fp), (p), (s), (g), (l), (c), NULL)
#define PyRun_FileFlags(fp, p, s, g, l, flags) PyRun_FileExFlags((fp), (p), (s), (g), (l), 0, (flags))

#ifdef __cplusplus
}
#endif
#endif
