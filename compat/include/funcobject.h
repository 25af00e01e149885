/* funcobject.h: Python function objects. PyFunctionObject lists the fields 3.13 exposes, in 3.13's order, up to
 * vectorcall (pyvm's own fields follow and are private). Owner: types. */
#ifndef PYVM_CAPI_FUNCOBJECT_H
#define PYVM_CAPI_FUNCOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_HEAD
  PyObject *func_globals;
  PyObject *func_builtins;
  PyObject *func_name;
  PyObject *func_qualname;
  PyObject *func_code;
  PyObject *func_defaults;   /* tuple or NULL */
  PyObject *func_kwdefaults; /* dict or NULL */
  PyObject *func_closure;    /* tuple of cells or NULL */
  PyObject *func_doc;
  PyObject *func_dict;
  PyObject *func_weakreflist;
  PyObject *func_module;
  PyObject *func_annotations;
  PyObject *func_typeparams;
  vectorcallfunc vectorcall;
} PyFunctionObject;

PyAPI_DATA(PyTypeObject) PyFunction_Type;
#define PyFunction_Check(op) Py_IS_TYPE((op), &PyFunction_Type)

/* Borrowed references; SystemError "bad internal call" for a non-function. */
PyAPI_FUNC(PyObject *) PyFunction_GetCode(PyObject *);
PyAPI_FUNC(PyObject *) PyFunction_GetGlobals(PyObject *);
PyAPI_FUNC(PyObject *) PyFunction_GetModule(PyObject *);
PyAPI_FUNC(PyObject *) PyFunction_GetDefaults(PyObject *);
PyAPI_FUNC(PyObject *) PyFunction_GetKwDefaults(PyObject *);
PyAPI_FUNC(PyObject *) PyFunction_GetClosure(PyObject *);
PyAPI_FUNC(PyObject *) PyFunction_GetAnnotations(PyObject *);

/* A new function for a code object and a globals dict (qualname: the code's co_qualname when NULL). */
PyAPI_FUNC(PyObject *) PyFunction_New(PyObject *code, PyObject *globals);
PyAPI_FUNC(PyObject *) PyFunction_NewWithQualName(PyObject *code, PyObject *globals, PyObject *qualname);
/* Setters: None clears the field; 0, or -1 with SystemError for a value of the wrong type. */
PyAPI_FUNC(int) PyFunction_SetDefaults(PyObject *func, PyObject *defaults);
PyAPI_FUNC(int) PyFunction_SetKwDefaults(PyObject *func, PyObject *defaults);
PyAPI_FUNC(int) PyFunction_SetClosure(PyObject *func, PyObject *closure);
PyAPI_FUNC(int) PyFunction_SetAnnotations(PyObject *func, PyObject *annotations);
PyAPI_FUNC(void) PyFunction_SetVectorcall(PyFunctionObject *func, vectorcallfunc vectorcall);

static inline PyObject *PyFunction_GET_CODE(PyObject *func) { return ((PyFunctionObject *)func)->func_code; }
#define PyFunction_GET_CODE(func) PyFunction_GET_CODE(_PyObject_CAST(func))
static inline PyObject *PyFunction_GET_GLOBALS(PyObject *func) { return ((PyFunctionObject *)func)->func_globals; }
#define PyFunction_GET_GLOBALS(func) PyFunction_GET_GLOBALS(_PyObject_CAST(func))
static inline PyObject *PyFunction_GET_MODULE(PyObject *func) { return ((PyFunctionObject *)func)->func_module; }
#define PyFunction_GET_MODULE(func) PyFunction_GET_MODULE(_PyObject_CAST(func))
static inline PyObject *PyFunction_GET_DEFAULTS(PyObject *func) { return ((PyFunctionObject *)func)->func_defaults; }
#define PyFunction_GET_DEFAULTS(func) PyFunction_GET_DEFAULTS(_PyObject_CAST(func))
static inline PyObject *PyFunction_GET_KW_DEFAULTS(PyObject *func) {
  return ((PyFunctionObject *)func)->func_kwdefaults;
}
#define PyFunction_GET_KW_DEFAULTS(func) PyFunction_GET_KW_DEFAULTS(_PyObject_CAST(func))
static inline PyObject *PyFunction_GET_CLOSURE(PyObject *func) { return ((PyFunctionObject *)func)->func_closure; }
#define PyFunction_GET_CLOSURE(func) PyFunction_GET_CLOSURE(_PyObject_CAST(func))
static inline PyObject *PyFunction_GET_ANNOTATIONS(PyObject *func) {
  return ((PyFunctionObject *)func)->func_annotations;
}
#define PyFunction_GET_ANNOTATIONS(func) PyFunction_GET_ANNOTATIONS(_PyObject_CAST(func))

#ifdef __cplusplus
}
#endif
#endif
