/* modsupport.h: argument parsing and value building, and adding objects to modules (CPython 3.13's documented
 * API, written by us). Owner: capi-b. PY_SSIZE_T_CLEAN semantics always apply: '#' lengths are Py_ssize_t.
 * The module creation functions (PyModule_Create2, PyModule_FromDefAndSpec2, PyModule_AddFunctions ...) are
 * declared with the module API in moduleobject.h. */
#ifndef PYVM_CAPI_MODSUPPORT_H
#define PYVM_CAPI_MODSUPPORT_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The keyword list is `char * const *` for C callers and `const char * const *` for C++ ones (CPython 3.13). */
#ifndef PY_CXX_CONST
#ifdef __cplusplus
#define PY_CXX_CONST const
#else
#define PY_CXX_CONST
#endif
#endif

/* An "O&" converter that returns Py_CLEANUP_SUPPORTED is called again with NULL if a later argument fails. */
#define Py_CLEANUP_SUPPORTED 0x20000

PyAPI_FUNC(int) PyArg_Parse(PyObject *, const char *, ...);
PyAPI_FUNC(int) PyArg_ParseTuple(PyObject *, const char *, ...);
PyAPI_FUNC(int) PyArg_ParseTupleAndKeywords(PyObject *, PyObject *, const char *, PY_CXX_CONST char *const *, ...);
PyAPI_FUNC(int) PyArg_VaParse(PyObject *, const char *, va_list);
PyAPI_FUNC(int) PyArg_VaParseTupleAndKeywords(PyObject *, PyObject *, const char *, PY_CXX_CONST char *const *,
                                              va_list);
PyAPI_FUNC(int) PyArg_ValidateKeywordArguments(PyObject *);
PyAPI_FUNC(int) PyArg_UnpackTuple(PyObject *, const char *, Py_ssize_t, Py_ssize_t, ...);
/* The _SizeT spellings older extensions link against (identical behaviour). */
PyAPI_FUNC(int) _PyArg_Parse_SizeT(PyObject *, const char *, ...);
PyAPI_FUNC(int) _PyArg_ParseTuple_SizeT(PyObject *, const char *, ...);
PyAPI_FUNC(int) _PyArg_ParseTupleAndKeywords_SizeT(PyObject *, PyObject *, const char *,
                                                   PY_CXX_CONST char *const *, ...);

PyAPI_FUNC(PyObject *) Py_BuildValue(const char *, ...);
PyAPI_FUNC(PyObject *) Py_VaBuildValue(const char *, va_list);
PyAPI_FUNC(PyObject *) _Py_BuildValue_SizeT(const char *, ...);
PyAPI_FUNC(PyObject *) _Py_VaBuildValue_SizeT(const char *, va_list);

/* Calls whose arguments are built by Py_BuildValue. CPython declares these in abstract.h / ceval.h (the rest of
 * the call API is capi-cont's, in abstract.h). A single tuple argument is spread into positional arguments. */
PyAPI_FUNC(PyObject *) PyObject_CallFunction(PyObject *callable, const char *format, ...);
PyAPI_FUNC(PyObject *) PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...);
PyAPI_FUNC(PyObject *) _PyObject_CallFunction_SizeT(PyObject *callable, const char *format, ...);
PyAPI_FUNC(PyObject *) _PyObject_CallMethod_SizeT(PyObject *obj, const char *name, const char *format, ...);
PyAPI_FUNC(PyObject *) PyEval_CallFunction(PyObject *callable, const char *format, ...);
PyAPI_FUNC(PyObject *) PyEval_CallMethod(PyObject *obj, const char *name, const char *format, ...);

PyAPI_FUNC(int) PyModule_AddObjectRef(PyObject *mod, const char *name, PyObject *value);
PyAPI_FUNC(int) PyModule_Add(PyObject *mod, const char *name, PyObject *value);
PyAPI_FUNC(int) PyModule_AddObject(PyObject *mod, const char *name, PyObject *value);
PyAPI_FUNC(int) PyModule_AddIntConstant(PyObject *, const char *, long);
PyAPI_FUNC(int) PyModule_AddStringConstant(PyObject *, const char *, const char *);
PyAPI_FUNC(int) PyModule_AddType(PyObject *module, PyTypeObject *type);
#define PyModule_AddIntMacro(m, c) PyModule_AddIntConstant((m), #c, (c))
#define PyModule_AddStringMacro(m, c) PyModule_AddStringConstant((m), #c, (c))

#define PYTHON_API_VERSION 1013
#define PYTHON_API_STRING "1013"
#define PYTHON_ABI_VERSION 3
#define PYTHON_ABI_STRING "3"

#ifdef __cplusplus
}
#endif
#endif
