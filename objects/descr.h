// Descriptors and built-in callables: method/getset/member/wrapper descriptors, builtin functions, bound
// method-wrappers (descr.cc), and staticmethod, classmethod, property and super (descr_decorators.cc).
#pragma once

#include "objects/object.h"

namespace pyvm {

struct SlotDef;  // slots.h

// Layout compatible with CPython's PyCFunctionObject.
struct CFunctionObject {
  PyObject ob_base;
  PyMethodDef* m_ml;
  Object* m_self;    // bound self, module, or null
  Object* m_module;  // __module__ (may be null)
  Object* m_weakreflist;
  vectorcallfunc vectorcall;
  Type* mm_class;  // METH_METHOD functions only: the defining class (CPython's PyCMethodObject.mm_class), strong
};

struct DescrObject {
  PyObject ob_base;
  Type* d_type;    // the class that defines the descriptor
  Object* d_name;  // str
  Object* d_qualname;
};
struct MethodDescrObject {
  DescrObject base;
  PyMethodDef* d_method;
  vectorcallfunc vectorcall;
};
struct GetSetDescrObject {
  DescrObject base;
  PyGetSetDef* d_getset;
};
struct MemberDescrObject {
  DescrObject base;
  PyMemberDef* d_member;
};
struct WrapperDescrObject {
  DescrObject base;
  const SlotDef* d_slot;
  void* d_wrapped;  // the slot function being wrapped
};
struct MethodWrapperObject {
  PyObject ob_base;
  WrapperDescrObject* descr;
  Object* self;
};
struct StaticMethodObject {  // staticmethod and classmethod
  PyObject ob_base;
  Object* callable;
  Object* dict;
};
struct PropertyObject {
  PyObject ob_base;
  Object* fget;
  Object* fset;
  Object* fdel;
  Object* doc;
  Object* name;
  int getter_doc;  // doc came from fget.__doc__ (so copies take the new getter's)
};
struct SuperObject {
  PyObject ob_base;
  Type* type;
  Object* obj;
  Type* obj_type;
};

[[nodiscard]] Object* cfunction_new(PyMethodDef* ml, Object* self, Object* module);
// The vectorcall of a C function that runs without a lock (every function cfunction_new makes, and the functions of
// an extension module that declared Py_MOD_GIL_NOT_USED). The interpreter's CALL recognises it and calls such a
// function's METH_FASTCALL / METH_O / METH_NOARGS implementation directly.
Object* cfunction_vectorcall(Object* f, Object* const* args, size_t nargsf, Object* kwnames);
// The vectorcall of an instance method's descriptor (a classmethod's has another): CALL calls its PyMethodDef
// directly when the receiver's type is exactly the descriptor's class.
Object* method_descr_vectorcall(Object* d, Object* const* args, size_t nargsf, Object* kwnames);
// The same for a METH_METHOD function, which receives `cls` (its defining class) when called: an object of
// builtin_method_type (PyCMethod_Type, a subclass of builtin_function_type) when cls is given.
[[nodiscard]] Object* cmethod_new(PyMethodDef* ml, Object* self, Object* module, Type* cls);
[[nodiscard]] Object* method_descr_new(Type* type, PyMethodDef* ml);
[[nodiscard]] Object* getset_descr_new(Type* type, PyGetSetDef* gs);
[[nodiscard]] Object* member_descr_new(Type* type, PyMemberDef* m);
[[nodiscard]] Object* wrapper_descr_new(Type* type, const SlotDef* slot, void* wrapped);
[[nodiscard]] Object* staticmethod_new(Object* callable);
[[nodiscard]] Object* classmethod_new(Object* callable);

// PyMember_GetOne / PyMember_SetOne (member.cc): the field that `m` describes in the object at obj_addr, with
// CPython 3.13's conversions and errors for every member type (value null deletes). member_warn_hook, when set,
// issues the RuntimeWarnings for truncated values (the C-API layer installs it; objects/ has no warnings).
[[nodiscard]] Object* member_get_one(const char* obj_addr, PyMemberDef* m);
[[nodiscard]] int member_set_one(char* obj_addr, PyMemberDef* m, Object* value);
extern int (*member_warn_hook)(const char* message);

// Calls a PyMethodDef function with vectorcall-style arguments, honouring its METH_* convention.
[[nodiscard]] Object* call_method_def(PyMethodDef* ml, Object* self, Object* const* args, ssize nargs,
                                      Object* kwnames, Type* defining_class = nullptr);

// super(type, obj).name lookup without creating the super object (LOAD_SUPER_ATTR's fast path). Returns a new
// reference; for `method` lookups, when the found attribute is a plain function *unbound is set to true and the
// raw function is returned.
[[nodiscard]] Object* super_lookup(Type* type, Object* obj, Object* name, bool want_method, bool* unbound);

}  // namespace pyvm
