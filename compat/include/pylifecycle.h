/* pylifecycle.h: starting and stopping the runtime (embedding): Py_Initialize*, PyConfig and PyStatus,
 * Py_FinalizeEx, and Py_BytesMain. Owner: capi-a.
 *
 * PyConfig holds the subset of CPython 3.13's fields that pyvm honours (same names and meanings); the others do not
 * exist here, so code that sets them does not compile rather than being silently ignored:
 *   isolated, use_environment, parse_argv (only 0 with a non-empty argv: pyvm does not parse command-line options
 *   in an embedder; Py_InitializeFromConfig returns an error status otherwise), argv (sys.argv; [''] when empty),
 *   site_import, user_site_directory, write_bytecode, optimization_level, verbose, quiet, buffered_stdio, safe_path,
 *   warnoptions, module_search_paths_set + module_search_paths (replace sys.path), install_signal_handlers
 *   (accepted; pyvm installs no handlers for an embedder).
 * Not supported: a second interpreter, Py_RunMain, pre-initialisation (PyPreConfig), home/prefix/program_name
 * path computation (the standard library is found as the pyvm binary finds it: $PYVM_STDLIB, else CPython 3.13's). */
#ifndef Py_PYLIFECYCLE_H
#define Py_PYLIFECYCLE_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---- PyStatus: the result of an initialisation function ---- */
typedef struct {
  enum { _PyStatus_TYPE_OK = 0, _PyStatus_TYPE_ERROR = 1, _PyStatus_TYPE_EXIT = 2 } _type;
  const char *func;    /* the function that failed (errors), or NULL */
  const char *err_msg; /* the error message (errors), or NULL */
  int exitcode;        /* the exit code (exit requests) */
} PyStatus;

PyAPI_FUNC(PyStatus) PyStatus_Ok(void);
PyAPI_FUNC(PyStatus) PyStatus_Error(const char *err_msg);
PyAPI_FUNC(PyStatus) PyStatus_NoMemory(void);
PyAPI_FUNC(PyStatus) PyStatus_Exit(int exitcode);
PyAPI_FUNC(int) PyStatus_IsError(PyStatus err);
PyAPI_FUNC(int) PyStatus_IsExit(PyStatus err);
PyAPI_FUNC(int) PyStatus_Exception(PyStatus err);
/* Prints the error ("Fatal Python error: FUNC: MSG") and exits with status 1, or exits with the exit code. */
PyAPI_FUNC(void) _Py_NO_RETURN Py_ExitStatusException(PyStatus err);

/* ---- PyWideStringList ---- */
typedef struct {
  Py_ssize_t length;
  wchar_t **items;
} PyWideStringList;

PyAPI_FUNC(PyStatus) PyWideStringList_Append(PyWideStringList *list, const wchar_t *item);
PyAPI_FUNC(PyStatus) PyWideStringList_Insert(PyWideStringList *list, Py_ssize_t index, const wchar_t *item);

/* ---- PyConfig (see the field list above) ---- */
typedef struct PyConfig {
  int _config_init; /* 1: Python configuration, 2: isolated configuration */
  int isolated;
  int use_environment;
  int install_signal_handlers;
  int parse_argv;
  PyWideStringList argv;
  int site_import;
  int user_site_directory;
  int write_bytecode;
  int optimization_level;
  int verbose;
  int quiet;
  int buffered_stdio;
  int safe_path;
  PyWideStringList warnoptions;
  int module_search_paths_set;
  PyWideStringList module_search_paths;
} PyConfig;

PyAPI_FUNC(void) PyConfig_InitPythonConfig(PyConfig *config);
PyAPI_FUNC(void) PyConfig_InitIsolatedConfig(PyConfig *config);
PyAPI_FUNC(void) PyConfig_Clear(PyConfig *config);
PyAPI_FUNC(PyStatus) PyConfig_SetString(PyConfig *config, wchar_t **config_str, const wchar_t *str);
PyAPI_FUNC(PyStatus) PyConfig_SetBytesString(PyConfig *config, wchar_t **config_str, const char *str);
PyAPI_FUNC(PyStatus) PyConfig_SetArgv(PyConfig *config, Py_ssize_t argc, wchar_t *const *argv);
PyAPI_FUNC(PyStatus) PyConfig_SetBytesArgv(PyConfig *config, Py_ssize_t argc, char *const *argv);
PyAPI_FUNC(PyStatus) PyConfig_SetWideStringList(PyConfig *config, PyWideStringList *list, Py_ssize_t length,
                                                wchar_t **items);

/* ---- Starting and stopping ---- */
PyAPI_FUNC(void) Py_Initialize(void);
PyAPI_FUNC(void) Py_InitializeEx(int initsigs);
PyAPI_FUNC(PyStatus) Py_InitializeFromConfig(const PyConfig *config);
PyAPI_FUNC(int) Py_IsInitialized(void);
/* Waits for non-daemon threads (threading._shutdown), runs the atexit callbacks, flushes sys.stdout/stderr.
 * Objects are not torn down (as at the pyvm binary's exit); a later Py_Initialize finds the runtime running. */
PyAPI_FUNC(int) Py_FinalizeEx(void);
PyAPI_FUNC(void) Py_Finalize(void);
/* The command-line entry point: what the pyvm binary's main() calls. */
PyAPI_FUNC(int) Py_BytesMain(int argc, char **argv);

/* fork() from C (CPython declares these in intrcheck.h): call PyOS_BeforeFork, fork(), then PyOS_AfterFork_Parent
 * in the parent or PyOS_AfterFork_Child in the child, with an attached thread state. They run os.register_at_fork's
 * hooks and keep the runtime consistent in the child, as os.fork() does. */
PyAPI_FUNC(void) PyOS_BeforeFork(void);
PyAPI_FUNC(void) PyOS_AfterFork_Parent(void);
PyAPI_FUNC(void) PyOS_AfterFork_Child(void);
PyAPI_FUNC(void) PyOS_AfterFork(void); /* deprecated alias of PyOS_AfterFork_Child */

#ifdef __cplusplus
}
#endif
#endif
