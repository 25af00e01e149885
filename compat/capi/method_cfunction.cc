// Built-in function objects created from C (methodobject.h): thin wrappers over the runtime's cfunctions
// (objects/descr.h), whose layout is CPython's PyCMethodObject. PyCFunction_Type and PyCMethod_Type are the
// runtime's builtin_function_type and builtin_method_type (objects/types.h gives them their C names). Owner: capi-b.
#include "Python.h"

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/types.h"

using namespace pyvm;

static_assert(sizeof(PyCMethodObject) == sizeof(CFunctionObject), "cfunction layout");
static_assert(offsetof(PyCFunctionObject, vectorcall) == offsetof(CFunctionObject, vectorcall), "vectorcall");
static_assert(offsetof(PyCMethodObject, mm_class) == offsetof(CFunctionObject, mm_class), "mm_class");

extern "C" {

#undef PyCFunction_New
#undef PyCFunction_NewEx

// As CPython: the calling convention is checked first (METH_METHOD goes only with METH_FASTCALL | METH_KEYWORDS), then
// that a class is given exactly when METH_METHOD is set. With a class the object is a PyCMethod_Type.
PyObject* PyCMethod_New(PyMethodDef* ml, PyObject* self, PyObject* module, PyTypeObject* cls) {
  if (!ml) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  switch (ml->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST)) {
    case METH_VARARGS: case METH_VARARGS | METH_KEYWORDS: case METH_NOARGS: case METH_O: case METH_FASTCALL:
    case METH_FASTCALL | METH_KEYWORDS: case METH_METHOD | METH_FASTCALL | METH_KEYWORDS:
      break;
    default:
      return set_errorf(&exc_SystemError, "{}() method: bad call flags", ml->ml_name);
  }
  if (ml->ml_flags & METH_METHOD) {
    if (!cls)
      return set_error(&exc_SystemError, "attempting to create PyCMethod with a METH_METHOD flag but no class");
    return cmethod_new(ml, self, module, cls);
  }
  if (cls) return set_error(&exc_SystemError, "attempting to create PyCFunction with class but no METH_METHOD flag");
  return cfunction_new(ml, self, module);
}

PyObject* PyCFunction_NewEx(PyMethodDef* ml, PyObject* self, PyObject* module) {
  return PyCMethod_New(ml, self, module, nullptr);
}

PyObject* PyCFunction_New(PyMethodDef* ml, PyObject* self) { return PyCMethod_New(ml, self, nullptr, nullptr); }

PyCFunction PyCFunction_GetFunction(PyObject* op) {
  if (!type_check(op, &builtin_function_type)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return PyCFunction_GET_FUNCTION(op);
}

PyObject* PyCFunction_GetSelf(PyObject* op) {
  if (!type_check(op, &builtin_function_type)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return PyCFunction_GET_SELF(op);
}

int PyCFunction_GetFlags(PyObject* op) {
  if (!type_check(op, &builtin_function_type)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return PyCFunction_GET_FLAGS(op);
}

PyObject* PyCFunction_Call(PyObject* callable, PyObject* args, PyObject* kwargs) {
  return call_tuple_dict(callable, args, kwargs);
}

}  // extern "C"
