// Built-in function objects created from C (methodobject.h): thin wrappers over the runtime's cfunctions
// (objects/descr.h), whose layout is CPython's PyCMethodObject. Owner: capi-b.
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

PyObject* PyCMethod_New(PyMethodDef* ml, PyObject* self, PyObject* module, PyTypeObject* cls) {
  if (!ml) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (ml->ml_flags & METH_METHOD) {
    if (!cls)
      return set_error(&exc_SystemError, "attempting to create PyCMethod with a METH_METHOD flag but no class");
    return cmethod_new(ml, self, module, cls);
  }
  if (cls) return set_error(&exc_SystemError, "attempting to create PyCFunction with class but no METH_METHOD flag");
  switch (ml->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST)) {
    case METH_VARARGS: case METH_VARARGS | METH_KEYWORDS: case METH_NOARGS: case METH_O: case METH_FASTCALL:
    case METH_FASTCALL | METH_KEYWORDS:
      break;
    default:
      return set_errorf(&exc_SystemError, "{}() method: bad call flags", ml->ml_name);
  }
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
