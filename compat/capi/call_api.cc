// The call C-API (abstract.h): PyObject_Call*, vectorcall. Thin wrappers over objects/abstract.h's call(), which
// the interpreter's CALL instructions use too, so a C type's tp_vectorcall_offset pointer (with
// Py_TPFLAGS_HAVE_VECTORCALL) is honoured from Python code and from C alike. Owner: containers-abstract.
#include "Python.h"

#include <cstdarg>
#include <vector>

#include "compat/capi/abstract_internal.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"

using namespace pyvm;
using pyvm::capi::null_error;

namespace {

// CPython's _Py_CheckFunctionResult: a NULL result needs an exception, a result must come without one.
Object* check_result(Object* callable, Object* r) {
  if (!r) {
    if (!error_occurred()) {
      std::string rep;
      if (!repr_utf8(callable, &rep)) return nullptr;
      set_errorf(&exc_SystemError, "{} returned NULL without setting an exception", rep);
    }
    return nullptr;
  }
  if (error_occurred()) {
    Py_DECREF(r);
    ORef cause = steal(error_take());
    std::string rep;
    if (!repr_utf8(callable, &rep)) return nullptr;
    set_errorf(&exc_SystemError, "{} returned a result with an exception set", rep);
    static Object* cause_name = str_interned("__cause__");
    ORef exc = steal(error_take());
    if (set_attr(exc.get(), cause_name, cause.get()) < 0) error_clear();
    set_error_steal(exc.release_obj());
    return nullptr;
  }
  return r;
}

vectorcallfunc vectorcall_of(Object* callable) {
  Type* t = type_of(callable);
  if (!has_flag(t, Py_TPFLAGS_HAVE_VECTORCALL) || t->tp_vectorcall_offset <= 0) return nullptr;
  return *reinterpret_cast<vectorcallfunc*>(reinterpret_cast<char*>(callable) + t->tp_vectorcall_offset);
}

// Positional arguments plus a dict's keywords as a vectorcall array and kwnames; `keep` owns the values.
bool stack_from_dict(Object* const* args, ssize nargs, Object* kwargs, std::vector<Object*>* stack, ORef* kwnames,
                     std::vector<ORef>* keep) {
  stack->assign(args, args + nargs);
  ssize nk = kwargs ? dict_size(kwargs) : 0;
  if (nk == 0) return true;
  *kwnames = steal(tuple_new(nk));
  if (!*kwnames) return false;
  ssize pos = 0, i = 0;
  Object *k, *v;
  while (i < nk && dict_next(kwargs, &pos, &k, &v)) {
    tuple_set(kwnames->get(), i++, k);  // steals k
    keep->push_back(steal(v));
    stack->push_back(v);
  }
  if (i < nk) {  // the dict shrank meanwhile
    ORef shorter = steal(tuple_get_slice(kwnames->get(), 0, i));
    if (!shorter) return false;
    *kwnames = std::move(shorter);
  }
  return true;
}

}  // namespace

extern "C" {

PyObject* PyObject_Call(PyObject* callable, PyObject* args, PyObject* kwargs) {
  if (!args || !PyTuple_Check(args)) return set_error(&exc_TypeError, "argument list must be a tuple");
  if (kwargs && !PyDict_Check(kwargs)) return set_error(&exc_TypeError, "keyword list must be a dictionary");
  return check_result(callable, call_tuple_dict(callable, args, kwargs && dict_size(kwargs) ? kwargs : nullptr));
}

PyObject* PyObject_CallObject(PyObject* callable, PyObject* args) {
  if (!args) return check_result(callable, call0(callable));
  if (!PyTuple_Check(args)) return set_error(&exc_TypeError, "argument list must be a tuple");
  return check_result(callable, call_tuple_dict(callable, args, nullptr));
}

PyObject* PyObject_CallNoArgs(PyObject* func) { return check_result(func, call0(func)); }

PyObject* PyObject_CallOneArg(PyObject* func, PyObject* arg) { return check_result(func, call1(func, arg)); }

PyObject* PyObject_CallFunctionObjArgs(PyObject* callable, ...) {
  if (!callable) return null_error();
  std::vector<Object*> args;
  va_list ap;
  va_start(ap, callable);
  while (Object* a = va_arg(ap, PyObject*)) args.push_back(a);
  va_end(ap);
  return check_result(callable, call(callable, args.data(), args.size(), nullptr));
}

PyObject* PyObject_CallMethodObjArgs(PyObject* obj, PyObject* name, ...) {
  if (!obj || !name) return null_error();
  ORef m = steal(get_attr(obj, name));
  if (!m) return nullptr;
  std::vector<Object*> args;
  va_list ap;
  va_start(ap, name);
  while (Object* a = va_arg(ap, PyObject*)) args.push_back(a);
  va_end(ap);
  return check_result(m.get(), call(m.get(), args.data(), args.size(), nullptr));
}

PyObject* PyObject_CallMethodNoArgs(PyObject* self, PyObject* name) {
  ORef m = steal(get_attr(self, name));
  if (!m) return nullptr;
  return check_result(m.get(), call0(m.get()));
}

PyObject* PyObject_CallMethodOneArg(PyObject* self, PyObject* name, PyObject* arg) {
  ORef m = steal(get_attr(self, name));
  if (!m) return nullptr;
  return check_result(m.get(), call1(m.get(), arg));
}

Py_ssize_t(PyVectorcall_NARGS)(size_t nargsf) { return Py_ssize_t(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET); }

vectorcallfunc PyVectorcall_Function(PyObject* callable) { return vectorcall_of(callable); }

// tp_call for types that implement vectorcall: unpacks the tuple and dict into a vectorcall.
PyObject* PyVectorcall_Call(PyObject* callable, PyObject* tuple, PyObject* dict) {
  vectorcallfunc f = vectorcall_of(callable);
  if (!f) return set_errorf(&exc_TypeError, "'{}' object does not support vectorcall", type_name(callable));
  std::vector<Object*> stack;
  ORef kwnames;
  std::vector<ORef> keep;
  ssize n = tuple_size(tuple);
  if (!stack_from_dict(tuple_items(tuple), n, dict, &stack, &kwnames, &keep)) return nullptr;
  return check_result(callable, f(callable, stack.data(), size_t(n), kwnames.get()));
}

PyObject* PyObject_Vectorcall(PyObject* callable, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (kwnames && tuple_size(kwnames) == 0) kwnames = nullptr;
  return check_result(callable, call(callable, args, nargsf, kwnames));
}

PyObject* PyObject_VectorcallDict(PyObject* callable, PyObject* const* args, size_t nargsf, PyObject* kwdict) {
  if (!kwdict || dict_size(kwdict) == 0) return check_result(callable, call(callable, args, nargsf, nullptr));
  std::vector<Object*> stack;
  ORef kwnames;
  std::vector<ORef> keep;
  ssize n = PyVectorcall_NARGS(nargsf);
  if (!stack_from_dict(args, n, kwdict, &stack, &kwnames, &keep)) return nullptr;
  return check_result(callable, call(callable, stack.data(), size_t(n), kwnames.get()));
}

// args[0] is self; the method is looked up on it and called with the rest.
PyObject* PyObject_VectorcallMethod(PyObject* name, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  ssize nargs = PyVectorcall_NARGS(nargsf);
  if (nargs < 1) return PYVM_BAD_INTERNAL_CALL();
  ORef m = steal(get_attr(args[0], name));
  if (!m) return nullptr;
  if (kwnames && tuple_size(kwnames) == 0) kwnames = nullptr;
  // args[0] belongs to the caller, so the callee may borrow that slot (PY_VECTORCALL_ARGUMENTS_OFFSET).
  return check_result(m.get(), call(m.get(), args + 1, size_t(nargs - 1) | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames));
}

}  // extern "C"
