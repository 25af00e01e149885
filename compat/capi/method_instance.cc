// The instancemethod type (classobject.h's PyInstanceMethod_*): a descriptor that makes any callable bind like a
// Python function, so a C function stored in a class becomes a method of its instances. Only the C-API creates
// these. Owner: capi-b.
//
// Thread contract: an instancemethod is immutable after PyInstanceMethod_New (its one field is set before the object
// is published and never changes), so every operation reads it without a lock.
#include <mutex>

#include "Python.h"
#include "compat/capi/abstract_internal.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/object.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/function.h"

using namespace pyvm;

static_assert(offsetof(PyInstanceMethodObject, func) == sizeof(PyObject), "CPython's PyInstanceMethodObject layout");

namespace {

Object* func_of(Object* im) { return reinterpret_cast<PyInstanceMethodObject*>(im)->func; }

void im_dealloc(Object* o) {
  xdecref(func_of(o));
  object_free(o);
}

// Attributes the type does not define come from the function: im.__name__ is the wrapped function's __name__.
Object* im_getattro(Object* self, Object* name) {
  if (!type_check(name, &str_type))
    return set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
  Type* t = type_of(self);
  if (Object* descr = type_lookup(t, name)) {
    ORef keep = borrow(descr);
    if (descrgetfunc get = type_of(descr)->tp_descr_get) return get(descr, self, reinterpret_cast<Object*>(t));
    return keep.release();
  }
  return get_attr(func_of(self), name);
}

Object* im_get_doc(Object* self, void*) { return get_attr(func_of(self), strs::doc); }

// On an instance: a bound method of the function; on the class (obj null): the function itself.
Object* im_descr_get(Object* self, Object* obj, Object*) {
  if (!obj) return newref(func_of(self));
  return method_new(func_of(self), obj);
}

Object* im_call(Object* self, Object* args, Object* kwargs) { return call_tuple_dict(func_of(self), args, kwargs); }

// == and != compare the functions; the other orderings are not supported.
Object* im_richcompare(Object* a, Object* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || !PyInstanceMethod_Check(a) || !PyInstanceMethod_Check(b))
    return newref(not_implemented());
  int eq = rich_compare_bool(func_of(a), func_of(b), Py_EQ);
  if (eq < 0) return nullptr;
  return newref(bool_obj((eq == 1) == (op == Py_EQ)));
}

// <instancemethod NAME at ADDRESS>, NAME the function's __name__ when that is a str, else "?".
Object* im_repr(Object* self) {
  Object* name = nullptr;
  if (get_attr_optional(func_of(self), strs::name, &name) < 0) return nullptr;
  ORef keep = steal(name);
  std::string_view shown = name && type_check(name, &str_type) ? str_view(name) : "?";
  return str_from_utf8(fmt::format("<instancemethod {} at {}>", shown, static_cast<void*>(self)));
}

// instancemethod(function): one positional argument, which must be callable.
Object* im_new(Type*, Object* args, Object* kwargs) {
  if (kwargs && dict_size(kwargs)) return set_error(&exc_TypeError, "instancemethod() takes no keyword arguments");
  if (tuple_size(args) != 1)
    return set_errorf(&exc_TypeError, "instancemethod expected 1 argument, got {}", tuple_size(args));
  Object* func = tuple_get(args, 0);
  if (!is_callable(func)) return set_error(&exc_TypeError, "first argument must be callable");
  return PyInstanceMethod_New(func);
}

PyMemberDef im_members[] = {{"__func__", _Py_T_OBJECT, offsetof(PyInstanceMethodObject, func), Py_READONLY, nullptr},
                            {nullptr, 0, 0, 0, nullptr}};
PyGetSetDef im_getset[] = {{"__doc__", im_get_doc, nullptr, nullptr, nullptr},
                           {nullptr, nullptr, nullptr, nullptr, nullptr}};

}  // namespace

extern "C" {

PyTypeObject PyInstanceMethod_Type = {
    .ob_base = {{0, 0, {0}, 0, UINT32_MAX, 0, &PyType_Type}, 0},
    .tp_name = "instancemethod",
    .tp_basicsize = sizeof(PyInstanceMethodObject),
    .tp_dealloc = im_dealloc,
    .tp_repr = im_repr,
    .tp_hash = hash_not_implemented,  // == without hash: __hash__ is None, as in CPython
    .tp_call = im_call,
    .tp_getattro = im_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Bind a function to a class.",
    .tp_richcompare = im_richcompare,
    .tp_members = im_members,
    .tp_getset = im_getset,
    .tp_descr_get = im_descr_get,
    .tp_new = im_new,
};

// The type is readied on first use, once (type_ready is not meant to race with itself).
PyObject* PyInstanceMethod_New(PyObject* func) {
  static std::once_flag ready;
  static int ready_result = 0;
  std::call_once(ready, [] { ready_result = type_ready(&PyInstanceMethod_Type); });
  if (ready_result < 0)
    return set_error(&exc_SystemError, "PyInstanceMethod_New: the instancemethod type failed to initialise");
  if (!func) return PYVM_BAD_INTERNAL_CALL();
  auto* im =
      reinterpret_cast<PyInstanceMethodObject*>(new_object(&PyInstanceMethod_Type, sizeof(PyInstanceMethodObject)));
  if (!im) return nullptr;
  im->func = newref(func);
  return reinterpret_cast<PyObject*>(im);
}

// Borrowed, as in CPython.
PyObject* PyInstanceMethod_Function(PyObject* im) {
  if (!im || !PyInstanceMethod_Check(im)) return PYVM_BAD_INTERNAL_CALL();
  return func_of(im);
}

}  // extern "C"
