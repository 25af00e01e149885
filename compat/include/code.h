/* code.h: code objects (CPython 3.13's documented API, written by us). Owner: capi-b.
 * A code object's layout is pyvm's own (vm/code.h) and opaque, so what CPython's headers read from its fields inline
 * (PyCode_GetNumFree, PyUnstable_Code_GetFirstFree) is a function here. */
#ifndef PYVM_CAPI_CODE_H
#define PYVM_CAPI_CODE_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct PyCodeObject PyCodeObject;

PyAPI_DATA(PyTypeObject) PyCode_Type;
#define PyCode_Check(op) Py_IS_TYPE((op), &PyCode_Type)

/* co_flags bits (CPython 3.13's values). */
#define CO_OPTIMIZED 0x0001
#define CO_NEWLOCALS 0x0002
#define CO_VARARGS 0x0004
#define CO_VARKEYWORDS 0x0008
#define CO_NESTED 0x0010
#define CO_GENERATOR 0x0020
#define CO_COROUTINE 0x0080
#define CO_ITERABLE_COROUTINE 0x0100
#define CO_ASYNC_GENERATOR 0x0200
#define CO_FUTURE_DIVISION 0x20000
#define CO_FUTURE_ABSOLUTE_IMPORT 0x40000
#define CO_FUTURE_WITH_STATEMENT 0x80000
#define CO_FUTURE_PRINT_FUNCTION 0x100000
#define CO_FUTURE_UNICODE_LITERALS 0x200000
#define CO_FUTURE_BARRY_AS_BDFL 0x400000
#define CO_FUTURE_GENERATOR_STOP 0x800000
#define CO_FUTURE_ANNOTATIONS 0x1000000
#define CO_NO_MONITORING_EVENTS 0x2000000
#define CO_MAXBLOCKS 21

/* The number of free variables, and the index of the first one among the locals-plus slots. */
PyAPI_FUNC(Py_ssize_t) PyCode_GetNumFree(PyCodeObject *);
PyAPI_FUNC(int) PyUnstable_Code_GetFirstFree(PyCodeObject *);
Py_DEPRECATED(3.13) static inline int PyCode_GetFirstFree(PyCodeObject *op) { return PyUnstable_Code_GetFirstFree(op); }

/* A code object from its parts. The tuples' items must be str (names, varnames, freevars, cellvars); nlocals must
 * equal len(varnames). pyvm verifies the bytecode before anything can run it, so code that does not verify raises
 * ValueError. An empty `code` is accepted, as Cython passes for the code objects it only shows in tracebacks: that
 * object has every other field, but cannot be run (making a function of it raises SystemError). */
PyAPI_FUNC(PyCodeObject *)
    PyUnstable_Code_New(int argcount, int kwonlyargcount, int nlocals, int stacksize, int flags, PyObject *code,
                        PyObject *consts, PyObject *names, PyObject *varnames, PyObject *freevars, PyObject *cellvars,
                        PyObject *filename, PyObject *name, PyObject *qualname, int firstlineno, PyObject *linetable,
                        PyObject *exceptiontable);
PyAPI_FUNC(PyCodeObject *)
    PyUnstable_Code_NewWithPosOnlyArgs(int argcount, int posonlyargcount, int kwonlyargcount, int nlocals,
                                       int stacksize, int flags, PyObject *code, PyObject *consts, PyObject *names,
                                       PyObject *varnames, PyObject *freevars, PyObject *cellvars, PyObject *filename,
                                       PyObject *name, PyObject *qualname, int firstlineno, PyObject *linetable,
                                       PyObject *exceptiontable);
/* The 3.12 names of the two constructors, deprecated. */
Py_DEPRECATED(3.12) static inline PyCodeObject *PyCode_New(int argcount, int kwonlyargcount, int nlocals, int stacksize,
                                                           int flags, PyObject *code, PyObject *consts, PyObject *names,
                                                           PyObject *varnames, PyObject *freevars, PyObject *cellvars,
                                                           PyObject *filename, PyObject *name, PyObject *qualname,
                                                           int firstlineno, PyObject *linetable,
                                                           PyObject *exceptiontable) {
  return PyUnstable_Code_New(argcount, kwonlyargcount, nlocals, stacksize, flags, code, consts, names, varnames,
                             freevars, cellvars, filename, name, qualname, firstlineno, linetable, exceptiontable);
}
Py_DEPRECATED(3.12) static inline PyCodeObject *PyCode_NewWithPosOnlyArgs(
    int argcount, int posonlyargcount, int kwonlyargcount, int nlocals, int stacksize, int flags, PyObject *code,
    PyObject *consts, PyObject *names, PyObject *varnames, PyObject *freevars, PyObject *cellvars, PyObject *filename,
    PyObject *name, PyObject *qualname, int firstlineno, PyObject *linetable, PyObject *exceptiontable) {
  return PyUnstable_Code_NewWithPosOnlyArgs(argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize, flags, code,
                                            consts, names, varnames, freevars, cellvars, filename, name, qualname,
                                            firstlineno, linetable, exceptiontable);
}

/* A code object for `funcname` in `filename` at `firstlineno` whose code raises AssertionError: what extensions
 * put in tracebacks. */
PyAPI_FUNC(PyCodeObject *) PyCode_NewEmpty(const char *filename, const char *funcname, int firstlineno);

/* The source line of the instruction at byte offset `addr` (co_firstlineno for a negative one, -1 when unknown), and
 * its full position (-1 for what is unknown; the first line and column 0 for a negative offset). Addr2Location
 * returns 1, or 0 with SystemError when given something other than a code object. */
PyAPI_FUNC(int) PyCode_Addr2Line(PyCodeObject *, int addr);
PyAPI_FUNC(int)
    PyCode_Addr2Location(PyCodeObject *, int addr, int *start_line, int *start_column, int *end_line, int *end_column);

/* co_code, co_varnames, co_cellvars and co_freevars. New references. */
PyAPI_FUNC(PyObject *) PyCode_GetCode(PyCodeObject *code);
PyAPI_FUNC(PyObject *) PyCode_GetVarnames(PyCodeObject *code);
PyAPI_FUNC(PyObject *) PyCode_GetCellvars(PyCodeObject *code);
PyAPI_FUNC(PyObject *) PyCode_GetFreevars(PyCodeObject *code);

/* Extensions' own data on code objects, under an index from PyUnstable_Eval_RequestCodeExtraIndex (ceval.h).
 * GetExtra sets *extra to NULL when nothing is stored there. SetExtra hands the value over: the index's free
 * function runs on it when it is replaced or its code object dies. Any thread may call them. */
PyAPI_FUNC(int) PyUnstable_Code_GetExtra(PyObject *code, Py_ssize_t index, void **extra);
PyAPI_FUNC(int) PyUnstable_Code_SetExtra(PyObject *code, Py_ssize_t index, void *extra);
Py_DEPRECATED(3.12) static inline int _PyCode_GetExtra(PyObject *code, Py_ssize_t index, void **extra) {
  return PyUnstable_Code_GetExtra(code, index, extra);
}
Py_DEPRECATED(3.12) static inline int _PyCode_SetExtra(PyObject *code, Py_ssize_t index, void *extra) {
  return PyUnstable_Code_SetExtra(code, index, extra);
}

/* A new index for PyUnstable_Code_GetExtra/SetExtra; `free` (may be NULL) releases the values stored under it.
 * -1, with no exception set, once all 255 indices are taken. */
PyAPI_FUNC(Py_ssize_t) PyUnstable_Eval_RequestCodeExtraIndex(freefunc free);
Py_DEPRECATED(3.12) static inline Py_ssize_t _PyEval_RequestCodeExtraIndex(freefunc f) {
  return PyUnstable_Eval_RequestCodeExtraIndex(f);
}

#ifdef __cplusplus
}
#endif
#endif
