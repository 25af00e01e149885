/* exports.h: symbol visibility of the exported C-API. Owner: core. */
#ifndef Py_EXPORTS_H
#define Py_EXPORTS_H

#define Py_IMPORTED_SYMBOL __attribute__((visibility("default")))
#define Py_EXPORTED_SYMBOL __attribute__((visibility("default")))
#define Py_LOCAL_SYMBOL __attribute__((visibility("hidden")))

#ifdef __cplusplus
#define PYVM_EXTERN_C extern "C"
#else
#define PYVM_EXTERN_C extern
#endif

/* Declarations of functions and data that libpyvm.so exports with C linkage. */
#define PyAPI_FUNC(RTYPE) PYVM_EXTERN_C Py_EXPORTED_SYMBOL RTYPE
#define PyAPI_DATA(RTYPE) PYVM_EXTERN_C Py_EXPORTED_SYMBOL RTYPE

/* An extension's module initialisation function (PyInit_<name>): exported, C linkage. */
#ifdef __cplusplus
#define PyMODINIT_FUNC extern "C" Py_EXPORTED_SYMBOL PyObject *
#else
#define PyMODINIT_FUNC Py_EXPORTED_SYMBOL PyObject *
#endif

#endif
