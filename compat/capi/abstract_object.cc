// The generic object functions of the C-API (repr/str, attributes, comparison, hashing, truth, isinstance ...),
// declared in abstract.h: thin wrappers over objects/abstract.h. Owner: containers-abstract.
#include "Python.h"

#include <cstdio>
#include <cstring>
#include <string>

#include "compat/capi/abstract_internal.h"
#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/slots.h"
#include "objects/str.h"
#include "objects/types.h"

using namespace pyvm;
using pyvm::capi::null_error;

namespace {

Object* str_key(const char* s) { return str_from_utf8(s, ssize(std::strlen(s))); }

}  // namespace

extern "C" {

PyObject* PyObject_Repr(PyObject* o) {
  if (!o) return str_from_utf8("<NULL>", 6);
  return object_repr(o);
}

PyObject* PyObject_Str(PyObject* o) {
  if (!o) return str_from_utf8("<NULL>", 6);
  return object_str(o);
}

PyObject* PyObject_ASCII(PyObject* o) {
  if (!o) return str_from_utf8("<NULL>", 6);
  ORef f = steal(builtin_object("ascii"));
  if (!f) return nullptr;
  return call1(f.get(), o);
}

PyObject* PyObject_Bytes(PyObject* o) {
  if (!o) return bytes_from("<NULL>", 6);
  if (type_check_exact(o, &bytes_type)) return Py_NewRef(o);
  // bytes(o) without bytes()'s int and str special cases (CPython's PyBytes_FromObject refuses both).
  static Object* name = str_interned("__bytes__");
  if (!type_lookup(type_of(o), name) && (type_check(o, &str_type) || index_check(o)))
    return set_errorf(&exc_TypeError, "cannot convert '{}' object to bytes", type_name(o));
  return call1(reinterpret_cast<Object*>(&bytes_type), o);
}

int PyObject_Print(PyObject* o, FILE* fp, int flags) {
  if (!o) {
    std::fputs("<nil>", fp);
    return 0;
  }
  ORef s = steal((flags & Py_PRINT_RAW) ? object_str(o) : object_repr(o));
  if (!s) return -1;
  ssize n = 0;
  const char* text = str_utf8(s.get(), &n);
  if (!text) return -1;
  std::fwrite(text, 1, size_t(n), fp);
  if (std::ferror(fp)) {
    set_error(&exc_OSError, std::strerror(errno));
    clearerr(fp);
    return -1;
  }
  return 0;
}

PyObject* PyObject_GetAttr(PyObject* o, PyObject* name) {
  if (!o || !name) return null_error();
  return get_attr(o, name);
}

PyObject* PyObject_GetAttrString(PyObject* o, const char* name) {
  if (!o) return null_error();
  ORef k = steal(str_key(name));
  if (!k) return nullptr;
  return get_attr(o, k.get());
}

int PyObject_GetOptionalAttr(PyObject* o, PyObject* name, PyObject** result) {
  if (!type_check(name, &str_type)) {
    *result = nullptr;
    set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
    return -1;
  }
  return get_attr_optional(o, name, result);
}

int PyObject_GetOptionalAttrString(PyObject* o, const char* name, PyObject** result) {
  *result = nullptr;
  ORef k = steal(str_key(name));
  if (!k) return -1;
  return get_attr_optional(o, k.get(), result);
}

int PyObject_SetAttr(PyObject* o, PyObject* name, PyObject* v) { return set_attr(o, name, v); }

int PyObject_SetAttrString(PyObject* o, const char* name, PyObject* v) {
  ORef k = steal(str_key(name));
  if (!k) return -1;
  return set_attr(o, k.get(), v);
}

int PyObject_DelAttr(PyObject* o, PyObject* name) { return set_attr(o, name, nullptr); }

int PyObject_DelAttrString(PyObject* o, const char* name) { return PyObject_SetAttrString(o, name, nullptr); }

int PyObject_HasAttrWithError(PyObject* o, PyObject* name) {
  PyObject* r = nullptr;
  int x = PyObject_GetOptionalAttr(o, name, &r);
  Py_XDECREF(r);
  return x;
}

int PyObject_HasAttrStringWithError(PyObject* o, const char* name) {
  PyObject* r = nullptr;
  int x = PyObject_GetOptionalAttrString(o, name, &r);
  Py_XDECREF(r);
  return x;
}

// 3.13: an error other than AttributeError is reported as unraisable and the answer is 0.
int PyObject_HasAttr(PyObject* o, PyObject* name) {
  int r = PyObject_HasAttrWithError(o, name);
  if (r < 0) {
    write_unraisable_msg("Exception ignored in PyObject_HasAttr(); consider using PyObject_HasAttrWithError()",
                         nullptr);
    return 0;
  }
  return r;
}

int PyObject_HasAttrString(PyObject* o, const char* name) {
  int r = PyObject_HasAttrStringWithError(o, name);
  if (r < 0) {
    write_unraisable_msg(
        "Exception ignored in PyObject_HasAttrString(); consider using PyObject_HasAttrStringWithError()", nullptr);
    return 0;
  }
  return r;
}

PyObject* PyObject_GenericGetAttr(PyObject* o, PyObject* name) {
  if (!type_check(name, &str_type))
    return set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
  return generic_getattr(o, name);
}

int PyObject_GenericSetAttr(PyObject* o, PyObject* name, PyObject* value) {
  if (!type_check(name, &str_type)) {
    set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
    return -1;
  }
  return generic_setattr(o, name, value);
}

// The instance dict (created on first use), for tp_getset's "__dict__" entry of C types.
PyObject* PyObject_GenericGetDict(PyObject* o, void*) {
  Object** dp = instance_dict_ptr(o);
  if (!dp) return set_error(&exc_AttributeError, "This object has no __dict__");
  Object* d = load_shared_slot(dp);
  if (d) return d;
  ORef fresh = steal(dict_new());
  if (!fresh) return nullptr;
  Object* expected = nullptr;
  if (__atomic_compare_exchange_n(dp, &expected, fresh.get(), false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    return Py_NewRef(fresh.release_obj());  // one reference stays in the slot
  }
  return Py_NewRef(expected);  // another thread installed one first
}

int PyObject_GenericSetDict(PyObject* o, PyObject* value, void*) {
  Object** dp = instance_dict_ptr(o);
  if (!dp) {
    set_error(&exc_AttributeError, "This object has no __dict__");
    return -1;
  }
  if (!value) {
    set_error(&exc_TypeError, "cannot delete __dict__");
    return -1;
  }
  if (!PyDict_Check(value)) {
    set_errorf(&exc_TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name(value));
    return -1;
  }
  set_shared_slot(dp, newref(value));  // the setter borrows value; the slot keeps its own reference
  return 0;
}

PyObject* PyObject_RichCompare(PyObject* a, PyObject* b, int op) {
  if (!a || !b) {
    if (!error_occurred()) PYVM_BAD_INTERNAL_CALL();
    return nullptr;
  }
  return rich_compare(a, b, op);
}

int PyObject_RichCompareBool(PyObject* a, PyObject* b, int op) { return rich_compare_bool(a, b, op); }

Py_hash_t PyObject_Hash(PyObject* o) { return object_hash(o); }

Py_hash_t PyObject_HashNotImplemented(PyObject* o) { return hash_not_implemented(o); }

int PyObject_IsTrue(PyObject* o) { return object_is_true(o); }

int PyObject_Not(PyObject* o) {
  int r = object_is_true(o);
  return r < 0 ? r : !r;
}

PyObject* PyObject_Dir(PyObject* o) {
  ORef f = steal(builtin_object("dir"));
  if (!f) return nullptr;
  return o ? call1(f.get(), o) : call0(f.get());
}

PyObject* PyObject_SelfIter(PyObject* o) { return Py_NewRef(o); }

int Py_ReprEnter(PyObject* o) { return repr_enter(o); }

void Py_ReprLeave(PyObject* o) { repr_leave(o); }

int PyCallable_Check(PyObject* o) { return o && is_callable(o) ? 1 : 0; }

PyObject* PyObject_Type(PyObject* o) {
  if (!o) return null_error();
  return Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(o)));
}

int PyObject_IsInstance(PyObject* inst, PyObject* cls) { return object_isinstance(inst, cls); }

int PyObject_IsSubclass(PyObject* derived, PyObject* cls) { return object_issubclass(derived, cls); }

PyObject* PyObject_Format(PyObject* obj, PyObject* format_spec) { return format_object(obj, format_spec); }

}  // extern "C"
