/* import.h: importing from C, sys.modules, executing code as a module, and the embedder's inittab.
 * Owner: capi-a. */
#ifndef PYVM_CAPI_IMPORT_H
#define PYVM_CAPI_IMPORT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(PyObject *) PyImport_GetModuleDict(void);                 /* sys.modules, borrowed */
PyAPI_FUNC(PyObject *) PyImport_GetModule(PyObject *name);           /* new reference, or NULL (no error) */
PyAPI_FUNC(PyObject *) PyImport_AddModuleRef(const char *name);      /* new reference */
PyAPI_FUNC(PyObject *) PyImport_AddModuleObject(PyObject *name);     /* borrowed */
PyAPI_FUNC(PyObject *) PyImport_AddModule(const char *name);         /* borrowed */
PyAPI_FUNC(PyObject *) PyImport_ImportModule(const char *name);
PyAPI_FUNC(PyObject *) PyImport_Import(PyObject *name);
PyAPI_FUNC(PyObject *) PyImport_ImportModuleLevel(const char *name, PyObject *globals, PyObject *locals,
                                                  PyObject *fromlist, int level);
PyAPI_FUNC(PyObject *) PyImport_ImportModuleLevelObject(PyObject *name, PyObject *globals, PyObject *locals,
                                                        PyObject *fromlist, int level);
#define PyImport_ImportModuleEx(n, g, l, f) PyImport_ImportModuleLevel((n), (g), (l), (f), 0)

PyAPI_FUNC(PyObject *) PyImport_ExecCodeModule(const char *name, PyObject *co);
PyAPI_FUNC(PyObject *) PyImport_ExecCodeModuleEx(const char *name, PyObject *co, const char *pathname);
PyAPI_FUNC(PyObject *) PyImport_ExecCodeModuleWithPathnames(const char *name, PyObject *co, const char *pathname,
                                                            const char *cpathname);
PyAPI_FUNC(PyObject *) PyImport_ExecCodeModuleObject(PyObject *name, PyObject *co, PyObject *pathname,
                                                     PyObject *cpathname);

/* A built-in module of the embedding program: call before Py_Initialize (returns -1 afterwards). The module is
 * created from initfunc (single- or multi-phase) on its first import, like an extension module without a file. */
PyAPI_FUNC(int) PyImport_AppendInittab(const char *name, PyObject *(*initfunc)(void));

#ifdef __cplusplus
}
#endif
#endif
