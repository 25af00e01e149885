/* moduleobject.h: module objects, module definitions (PyModuleDef) and their slots, single- and multi-phase module
 * creation. PyModuleDef and PyModuleDef_Slot themselves are in pyvm_abi/typeobject.h. Owner: capi-a. */
#ifndef PYVM_CAPI_MODULEOBJECT_H
#define PYVM_CAPI_MODULEOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyModule_Type;
PyAPI_DATA(PyTypeObject) PyModuleDef_Type;

#define PyModule_Check(op) PyObject_TypeCheck((op), &PyModule_Type)
#define PyModule_CheckExact(op) Py_IS_TYPE((op), &PyModule_Type)

PyAPI_FUNC(PyObject *) PyModule_NewObject(PyObject *name);
PyAPI_FUNC(PyObject *) PyModule_New(const char *name);
PyAPI_FUNC(PyObject *) PyModule_GetDict(PyObject *module);
PyAPI_FUNC(PyObject *) PyModule_GetNameObject(PyObject *module);
PyAPI_FUNC(const char *) PyModule_GetName(PyObject *module);
PyAPI_FUNC(const char *) PyModule_GetFilename(PyObject *module); /* deprecated since 3.2 */
PyAPI_FUNC(PyObject *) PyModule_GetFilenameObject(PyObject *module);
PyAPI_FUNC(PyModuleDef *) PyModule_GetDef(PyObject *module);
PyAPI_FUNC(void *) PyModule_GetState(PyObject *module);
PyAPI_FUNC(PyObject *) PyModuleDef_Init(PyModuleDef *def);

/* A module definition's object header: immortal and typeless until PyModuleDef_Init. */
#define PyModuleDef_HEAD_INIT {PyObject_HEAD_INIT(NULL) NULL, 0, NULL}

/* PyModuleDef_Slot ids. */
#define Py_mod_create 1
#define Py_mod_exec 2
#define Py_mod_multiple_interpreters 3
#define Py_mod_gil 4
#define _Py_mod_LAST_SLOT 4

/* Values of the Py_mod_multiple_interpreters slot (pyvm has one interpreter: the slot is accepted and ignored). */
#define Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED ((void *)0)
#define Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED ((void *)1)
#define Py_MOD_PER_INTERPRETER_GIL_SUPPORTED ((void *)2)

/* Values of the Py_mod_gil slot. A module that declares Py_MOD_GIL_NOT_USED runs free; any other loads with a
 * RuntimeWarning and its functions run under a lock of the module's own. */
#define Py_MOD_GIL_USED ((void *)0)
#define Py_MOD_GIL_NOT_USED ((void *)1)
PyAPI_FUNC(int) PyUnstable_Module_SetGIL(PyObject *module, void *gil);

/* Creating modules from definitions (CPython declares these in modsupport.h). */
#ifndef PYTHON_API_VERSION
#define PYTHON_API_VERSION 1013
#define PYTHON_API_STRING "1013"
#endif
#ifndef PYTHON_ABI_VERSION
#define PYTHON_ABI_VERSION 3
#define PYTHON_ABI_STRING "3"
#endif
PyAPI_FUNC(PyObject *) PyModule_Create2(PyModuleDef *def, int apiver);
#define PyModule_Create(module) PyModule_Create2((module), PYTHON_API_VERSION)
PyAPI_FUNC(PyObject *) PyModule_FromDefAndSpec2(PyModuleDef *def, PyObject *spec, int module_api_version);
#define PyModule_FromDefAndSpec(module, spec) PyModule_FromDefAndSpec2((module), (spec), PYTHON_API_VERSION)
PyAPI_FUNC(int) PyModule_ExecDef(PyObject *module, PyModuleDef *def);
PyAPI_FUNC(int) PyModule_AddFunctions(PyObject *module, PyMethodDef *functions);
PyAPI_FUNC(int) PyModule_SetDocString(PyObject *module, const char *doc);

/* Single-phase modules by definition (CPython declares these in pystate.h). */
PyAPI_FUNC(PyObject *) PyState_FindModule(PyModuleDef *def);
PyAPI_FUNC(int) PyState_AddModule(PyObject *module, PyModuleDef *def);
PyAPI_FUNC(int) PyState_RemoveModule(PyModuleDef *def);

#ifdef __cplusplus
}
#endif
#endif
