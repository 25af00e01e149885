/* ceval.h: the evaluation loop's C-API: detaching around blocking code, recursion guards and the current frame's
 * namespaces (CPython 3.13's documented API, written by us). Owner: capi-b. */
#ifndef PYVM_CAPI_CEVAL_H
#define PYVM_CAPI_CEVAL_H

#ifdef __cplusplus
extern "C" {
#endif

/* The current frame's builtins (the builtins module's dict when no frame runs), globals and locals. Borrowed. */
PyAPI_FUNC(PyObject *) PyEval_GetBuiltins(void);
PyAPI_FUNC(PyObject *) PyEval_GetGlobals(void);
PyAPI_FUNC(PyObject *) PyEval_GetLocals(void);

/* Detaches the calling thread (its critical sections are suspended) and returns its state; RestoreThread attaches
 * it again, waiting while a stop-the-world is in progress. */
PyAPI_FUNC(PyThreadState *) PyEval_SaveThread(void);
PyAPI_FUNC(void) PyEval_RestoreThread(PyThreadState *);

#define Py_BEGIN_ALLOW_THREADS \
  {                            \
    PyThreadState *_save;      \
    _save = PyEval_SaveThread();
#define Py_BLOCK_THREADS PyEval_RestoreThread(_save);
#define Py_UNBLOCK_THREADS _save = PyEval_SaveThread();
#define Py_END_ALLOW_THREADS    \
  PyEval_RestoreThread(_save); \
  }

/* C-level recursion guard: returns -1 with RecursionError("maximum recursion depth exceeded" + where) when the
 * nesting limit or the C stack is exhausted; each successful Enter must be matched by a Leave. */
PyAPI_FUNC(int) Py_EnterRecursiveCall(const char *where);
PyAPI_FUNC(void) Py_LeaveRecursiveCall(void);

#ifdef __cplusplus
}
#endif
#endif
