// The error indicator, exception objects and the PyExc_* class pointers (pyerrors.h). Owner: capi-b.
#include "Python.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/signals.h"
#include "vm/function.h"
#include "vm/oserror.h"
#include "vm/sysmodule.h"
#include "vm/threads.h"
#include "vm/traceback.h"

using namespace pyvm;

namespace {
Object* O(Type* t) { return reinterpret_cast<Object*>(t); }
Type* T(Object* o) { return reinterpret_cast<Type*>(o); }
}  // namespace

extern "C" {

// ---- The class pointers: each points at the runtime's own exception type (objects/exceptions.def). ----
#define PYVM_DECLARE_EXC(name, base) PyObject* PyExc_##name = reinterpret_cast<PyObject*>(&pyvm::exc_##name);
#include "objects/exceptions.def"
#undef PYVM_DECLARE_EXC
PyObject* PyExc_EnvironmentError = reinterpret_cast<PyObject*>(&pyvm::exc_OSError);
PyObject* PyExc_IOError = reinterpret_cast<PyObject*>(&pyvm::exc_OSError);

// ---- The indicator ----

PyObject* PyErr_Occurred(void) {
  Object* e = error_peek();
  return e ? O(type_of(e)) : nullptr;
}

void PyErr_Clear(void) { error_clear(); }

PyObject* PyErr_GetRaisedException(void) { return error_take(); }

void PyErr_SetRaisedException(PyObject* exc) { set_error_steal(exc); }

void PyErr_SetObject(PyObject* type, PyObject* value) {
  if (type == nullptr || !is_exception_class(type)) {
    ORef r = steal(type ? object_repr(type) : str_from_utf8("NULL"));
    error_clear();
    set_errorf(&exc_SystemError, "_PyErr_SetObject: exception {} is not a BaseException subclass",
               r ? std::string(str_view(r.get())) : std::string("?"));
    return;
  }
  ORef keep = borrow(value);  // the value may be the current exception, which set_error_value replaces
  set_error_value(T(type), value == Py_None ? nullptr : value);
  Object* exc = error_peek();
  if (!exc || !is_exception_instance(exc)) return;
  // Chain to the exception being handled, as CPython's PyErr_SetObject does (breaking a cycle through exc).
  Object* handled = topmost_handled(thread_state());
  if (handled && handled != exc && is_exception_instance(handled)) {
    for (Object* o = handled; o;) {
      Object* ctx = as_exc(o)->context;
      if (ctx == exc) {
        exception_set_context(o, nullptr);
        break;
      }
      o = ctx;
    }
    exception_set_context(exc, newref(handled));
  }
}

void PyErr_SetNone(PyObject* type) { PyErr_SetObject(type, nullptr); }

void PyErr_SetString(PyObject* type, const char* s) {
  ORef msg = steal(str_from_utf8(s, ssize(std::strlen(s))));
  if (!msg) return;
  PyErr_SetObject(type, msg.get());
}

void PyErr_Fetch(PyObject** ptype, PyObject** pvalue, PyObject** ptb) {
  Object* e = error_take();
  if (!e) {
    *ptype = *pvalue = *ptb = nullptr;
    return;
  }
  *ptype = newref(O(type_of(e)));
  *pvalue = e;
  *ptb = is_exception_instance(e) ? xnewref(as_exc(e)->traceback) : nullptr;
}

// CPython's _PyErr_CreateException: type(), type(*value) or type(value).
static Object* create_exception(Object* type, Object* value) {
  if (!value || value == Py_None) return call0(type);
  if (type_check(value, &tuple_type)) return call_tuple_dict(type, value, nullptr);
  return call1(type, value);
}

void PyErr_Restore(PyObject* type, PyObject* value, PyObject* tb) {
  if (!type) {
    xdecref(value);
    xdecref(tb);
    error_clear();
    return;
  }
  ORef t = steal(type), v = steal(value), trace = steal(tb);
  if (!is_exception_class(type)) {
    error_clear();
    set_error(&exc_SystemError, "PyErr_Restore: type is not an exception class");
    return;
  }
  if (!v || type_of(v.get()) != T(type)) {
    ORef exc = steal(create_exception(type, v.get()));
    if (!exc) return;
    if (!is_exception_instance(exc.get())) {
      set_errorf(&exc_TypeError, "calling {} should have returned an instance of BaseException, not {}",
                 T(type)->tp_name, type_name(exc.get()));
      return;
    }
    v = std::move(exc);
  }
  if (trace && trace.get() != Py_None) {
    if (type_of(trace.get()) != &traceback_type) {
      error_clear();
      set_error(&exc_SystemError, "PyErr_Restore: traceback is not a traceback object");
      return;
    }
    exception_set_traceback(v.get(), trace.get());
  }
  set_error_steal(v.release());
}

void PyErr_NormalizeException(PyObject** exc, PyObject** val, PyObject** tb) {
  if (!*exc) return;
  Object* type = *exc;
  Object* value = *val;
  if (!value) value = *val = newref(Py_None);
  if (!is_exception_class(type)) return;
  Object* inclass = is_exception_instance(value) ? O(type_of(value)) : nullptr;
  int sub = 0;
  if (inclass) {
    sub = object_issubclass(inclass, type);
    if (sub < 0) goto fail;
  }
  if (!sub) {
    Object* fixed = create_exception(type, value);
    if (!fixed) goto fail;
    decref(value);
    *val = fixed;
  } else if (inclass != type) {
    *exc = newref(inclass);
    decref(type);
  }
  return;
fail: {
  // CPython replaces the triple by the error raised while normalising.
  Object* e = error_take();
  decref(*exc);
  xdecref(*val);
  xdecref(*tb);
  *exc = newref(O(type_of(e)));
  *val = e;
  *tb = xnewref(as_exc(e)->traceback);
}
}

PyObject* PyErr_GetHandledException(void) { return xnewref(topmost_handled(thread_state())); }

void PyErr_SetHandledException(PyObject* exc) {
  ThreadState& ts = thread_state();
  set_slot(&ts.handled, (exc && exc != Py_None) ? newref(exc) : nullptr);
}

void PyErr_GetExcInfo(PyObject** ptype, PyObject** pvalue, PyObject** ptb) {
  Object* e = topmost_handled(thread_state());
  if (!e) {
    *ptype = *pvalue = *ptb = nullptr;
    return;
  }
  *ptype = newref(O(type_of(e)));
  *pvalue = newref(e);
  *ptb = is_exception_instance(e) ? xnewref(as_exc(e)->traceback) : nullptr;
}

void PyErr_SetExcInfo(PyObject* type, PyObject* value, PyObject* tb) {
  PyErr_SetHandledException(value);
  xdecref(type);
  xdecref(value);
  xdecref(tb);
}

int PyErr_GivenExceptionMatches(PyObject* err, PyObject* exc) {
  if (!err || !exc) return 0;
  if (type_check(exc, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(exc); i++)
      if (PyErr_GivenExceptionMatches(err, tuple_get(exc, i))) return 1;
    return 0;
  }
  if (is_exception_instance(err)) err = O(type_of(err));
  if (is_exception_class(err) && is_exception_class(exc)) return is_subtype(T(err), T(exc)) ? 1 : 0;
  return err == exc;
}

int PyErr_ExceptionMatches(PyObject* exc) { return PyErr_GivenExceptionMatches(PyErr_Occurred(), exc); }

// ---- Exception objects ----

int PyException_SetTraceback(PyObject* ex, PyObject* tb) {
  if (tb == nullptr) {
    set_error(&exc_TypeError, "__traceback__ may not be deleted");
    return -1;
  }
  if (tb != Py_None && type_of(tb) != &traceback_type) {
    set_error(&exc_TypeError, "__traceback__ must be a traceback or None");
    return -1;
  }
  exception_set_traceback(ex, tb == Py_None ? nullptr : tb);
  return 0;
}
PyObject* PyException_GetTraceback(PyObject* ex) { return xnewref(as_exc(ex)->traceback); }
PyObject* PyException_GetCause(PyObject* ex) { return xnewref(as_exc(ex)->cause); }
void PyException_SetCause(PyObject* ex, PyObject* cause) { exception_set_cause(ex, cause); }
PyObject* PyException_GetContext(PyObject* ex) { return xnewref(as_exc(ex)->context); }
void PyException_SetContext(PyObject* ex, PyObject* ctx) { exception_set_context(ex, ctx); }
PyObject* PyException_GetArgs(PyObject* ex) {
  Object* a = as_exc(ex)->args;
  return newref(a ? a : tuple_empty());
}
void PyException_SetArgs(PyObject* ex, PyObject* args) { set_slot(&as_exc(ex)->args, newref(args)); }

const char* PyExceptionClass_Name(PyObject* cls) { return T(cls)->tp_name; }

// ---- Raising ----

int PyErr_BadArgument(void) {
  set_error(&exc_TypeError, "bad argument type for built-in operation");
  return 0;
}

PyObject* PyErr_NoMemory(void) { return no_memory(); }

#undef PyErr_BadInternalCall
void PyErr_BadInternalCall(void) { set_error(&exc_SystemError, "bad argument to internal function"); }
void _PyErr_BadInternalCall(const char* filename, int lineno) {
  set_errorf(&exc_SystemError, "{}:{}: bad argument to internal function", filename, lineno);
}

PyObject* PyErr_FormatV(PyObject* exception, const char* format, va_list vargs) {
  ORef msg = steal(PyUnicode_FromFormatV(format, vargs));
  if (msg) PyErr_SetObject(exception, msg.get());
  return nullptr;
}

PyObject* PyErr_Format(PyObject* exception, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyErr_FormatV(exception, format, va);
  va_end(va);
  return nullptr;
}

PyObject* PyErr_SetFromErrnoWithFilenameObjects(PyObject* exc, PyObject* filename, PyObject* filename2) {
  int err = errno;
  ORef msg = steal(err ? strerror_text(err) : str_from_utf8("Error"));
  if (!msg) return nullptr;
  ORef num = steal(int_from_i64(err));
  if (!num) return nullptr;
  ORef args;
  if (filename) {
    if (filename2) {
      ORef zero = steal(int_from_i64(0));
      if (!zero) return nullptr;
      args = steal(tuple_pack({num.get(), msg.get(), filename, zero.get(), filename2}));
    } else {
      args = steal(tuple_pack({num.get(), msg.get(), filename}));
    }
  } else {
    args = steal(tuple_pack({num.get(), msg.get()}));
  }
  if (!args) return nullptr;
  PyErr_SetObject(exc, args.get());
  return nullptr;
}

PyObject* PyErr_SetFromErrnoWithFilenameObject(PyObject* exc, PyObject* filename) {
  return PyErr_SetFromErrnoWithFilenameObjects(exc, filename, nullptr);
}

PyObject* PyErr_SetFromErrno(PyObject* exc) { return PyErr_SetFromErrnoWithFilenameObjects(exc, nullptr, nullptr); }

PyObject* PyErr_SetFromErrnoWithFilename(PyObject* exc, const char* filename) {
  int err = errno;
  ORef name;
  if (filename) {
    name = steal(str_decode(filename, ssize(std::strlen(filename)), "utf-8", "surrogateescape"));
    if (!name) return nullptr;
  }
  errno = err;
  return PyErr_SetFromErrnoWithFilenameObjects(exc, name.get(), nullptr);
}

PyObject* PyErr_SetImportErrorSubclass(PyObject* exception, PyObject* msg, PyObject* name, PyObject* path) {
  if (!is_exception_class(exception) || !is_subtype(T(exception), &exc_ImportError))
    return set_error(&exc_TypeError, "expected a subclass of ImportError");
  if (!msg) return set_error(&exc_TypeError, "expected a message argument");
  ORef kw = steal(dict_new());
  if (!kw || dict_set_str(kw.get(), "name", name ? name : Py_None) < 0 ||
      dict_set_str(kw.get(), "path", path ? path : Py_None) < 0)
    return nullptr;
  ORef args = steal(tuple_pack({msg}));
  if (!args) return nullptr;
  ORef e = steal(call_tuple_dict(exception, args.get(), kw.get()));
  if (e) PyErr_SetObject(O(type_of(e.get())), e.get());
  return nullptr;
}

PyObject* PyErr_SetImportError(PyObject* msg, PyObject* name, PyObject* path) {
  return PyErr_SetImportErrorSubclass(PyExc_ImportError, msg, name, path);
}

PyObject* PyErr_NewExceptionWithDoc(const char* name, const char* doc, PyObject* base, PyObject* dict) {
  const char* dot = std::strrchr(name, '.');
  if (!dot) return set_error(&exc_SystemError, "PyErr_NewException: name must be module.class");
  if (!base) base = PyExc_Exception;
  ORef ns = steal(dict ? newref(dict) : dict_new());
  if (!ns) return nullptr;
  int has = dict_contains(ns.get(), str_interned("__module__"));
  if (has < 0) return nullptr;
  if (!has) {
    ORef mod = steal(str_from_utf8(name, ssize(dot - name)));
    if (!mod || dict_set_str(ns.get(), "__module__", mod.get()) < 0) return nullptr;
  }
  if (doc) {
    ORef d = steal(str_from_utf8(doc, ssize(std::strlen(doc))));
    if (!d || dict_set_str(ns.get(), "__doc__", d.get()) < 0) return nullptr;
  }
  ORef bases = steal(type_check(base, &tuple_type) ? newref(base) : tuple_pack({base}));
  ORef cname = steal(str_from_utf8(dot + 1, ssize(std::strlen(dot + 1))));
  if (!bases || !cname) return nullptr;
  Object* a[3] = {cname.get(), bases.get(), ns.get()};
  return call(O(&type_type), a, 3, nullptr);
}

PyObject* PyErr_NewException(const char* name, PyObject* base, PyObject* dict) {
  return PyErr_NewExceptionWithDoc(name, nullptr, base, dict);
}

// ---- Reporting ----

void PyErr_WriteUnraisable(PyObject* obj) { write_unraisable(obj); }

void PyErr_FormatUnraisable(const char* format, ...) {
  if (!format) {
    write_unraisable(nullptr);
    return;
  }
  ORef exc = steal(error_take());
  va_list va;
  va_start(va, format);
  ORef msg = steal(PyUnicode_FromFormatV(format, va));
  va_end(va);
  std::string text = msg ? std::string(str_view(msg.get())) : std::string(format);
  error_clear();
  set_error_steal(exc.release());
  write_unraisable_msg(text.c_str(), nullptr);
}

void PyErr_DisplayException(PyObject* exc) {
  std::string out;
  if (exc && is_exception_instance(exc)) {
    out = format_exception(exc);
  } else {
    std::string r;
    if (!exc || !repr_utf8(exc, &r)) error_clear();
    out = "TypeError: print_exception(): Exception expected for value, " +
          std::string(exc ? type_name(exc) : "NoneType") + " found\n";
  }
  std::fflush(stdout);
  Object* err = sys_get("stderr");
  if (err && err != Py_None && sys_write_text(err, out) == 0) {
    ORef r = steal(call_method0(err, str_interned("flush")));
    if (!r) error_clear();
    return;
  }
  error_clear();
  std::fputs(out.c_str(), stderr);
  std::fflush(stderr);
}

void PyErr_Display(PyObject* /*type*/, PyObject* value, PyObject* tb) {
  if (value && is_exception_instance(value) && tb && type_of(tb) == &traceback_type && !as_exc(value)->traceback)
    exception_set_traceback(value, tb);
  PyErr_DisplayException(value);
}

void PyErr_PrintEx(int set_sys_last_vars) {
  ORef exc = steal(error_take());
  if (!exc) return;
  if (type_check(exc.get(), &exc_SystemExit)) {
    // CPython's handle_system_exit: the process exits with the code.
    Object* code = as_exc(exc.get())->value;
    int status = 0;
    if (code && code != Py_None) {
      if (type_check(code, &int_type)) {
        int ovf = 0;
        status = int(int_as_i64(code, &ovf));
        if (ovf) status = -1;
      } else {
        std::string s;
        if (!object_str_utf8(code, &s)) error_clear();
        std::fflush(stdout);
        std::fprintf(stderr, "%s\n", s.c_str());
        status = 1;
      }
    }
    std::fflush(stdout);
    std::fflush(stderr);
    std::exit(status);
  }
  if (set_sys_last_vars) {
    Object* sys = sys_module();
    Object* tb = as_exc(exc.get())->traceback;
    if (!sys || set_attr_str(sys, "last_exc", exc.get()) < 0 ||
        set_attr_str(sys, "last_type", O(type_of(exc.get()))) < 0 ||
        set_attr_str(sys, "last_value", exc.get()) < 0 || set_attr_str(sys, "last_traceback", tb ? tb : Py_None) < 0)
      error_clear();
  }
  Object* hook = sys_get("excepthook");
  if (hook && hook != Py_None) {
    ORef keep = borrow(hook);
    Object* tb = as_exc(exc.get())->traceback;
    Object* args[3] = {O(type_of(exc.get())), exc.get(), tb ? tb : Py_None};
    ORef r = steal(call(hook, args, 3, nullptr));
    if (r) return;
    ORef hook_exc = steal(error_take());
    std::fflush(stdout);
    std::fputs("Error in sys.excepthook:\n", stderr);
    if (hook_exc) std::fputs(format_exception(hook_exc.get()).c_str(), stderr);
    std::fputs("\nOriginal exception was:\n", stderr);
    std::fputs(format_exception(exc.get()).c_str(), stderr);
    std::fflush(stderr);
    return;
  }
  std::fputs("sys.excepthook is missing\n", stderr);
  PyErr_DisplayException(exc.get());
}

void PyErr_Print(void) { PyErr_PrintEx(1); }

void _Py_FatalErrorFunc(const char* func, const char* message) {
  std::fflush(stdout);
  if (func)
    std::fprintf(stderr, "Fatal Python error: %s: %s\n", func, message);
  else
    std::fprintf(stderr, "Fatal Python error: %s\n", message);
  if (Object* e = error_peek()) {
    std::fputs(format_exception(e).c_str(), stderr);
  }
  std::fflush(stderr);
  std::abort();
}

#undef Py_FatalError
void Py_FatalError(const char* message) { _Py_FatalErrorFunc(nullptr, message); }

// ---- Signals: Python handlers run on the main thread (vm/signals.h). ----

int PyErr_CheckSignals(void) { return pyvm::signals::run_pending(); }

int PyErr_SetInterruptEx(int signum) { return pyvm::signals::trip(signum); }

void PyErr_SetInterrupt(void) { (void)PyErr_SetInterruptEx(SIGINT); }

// ---- Formatting helpers ----

int PyOS_vsnprintf(char* str, size_t size, const char* format, va_list va) {
  if (size == 0) return -1;  // CPython: the buffer must have room for the terminator
  int n = std::vsnprintf(str, size, format, va);
  str[size - 1] = '\0';
  return n;
}

int PyOS_snprintf(char* str, size_t size, const char* format, ...) {
  va_list va;
  va_start(va, format);
  int n = PyOS_vsnprintf(str, size, format, va);
  va_end(va);
  return n;
}

}  // extern "C"
