// The rest of the builtins module: aiter/anext (with the awaitable that supplies anext's default), input,
// breakpoint (and sys.breakpointhook), exit/quit, __debug__ and open (io.open); compile() lives in vm/compile_api.cc.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/compile_api.h"
#include "vm/function.h"
#include "vm/import.h"
#include "vm/runtime.h"
#include "vm/sysmodule.h"

namespace pyvm {
namespace {

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))

// ---- aiter / anext ----

Object* builtin_aiter(Object*, Object* it) {
  Type* t = type_of(it);
  if (!t->tp_as_async || !t->tp_as_async->am_aiter)
    return set_errorf(&exc_TypeError, "'{}' object is not an async iterable", t->tp_name);
  Object* r = t->tp_as_async->am_aiter(it);
  if (!r) return nullptr;
  Type* rt = type_of(r);
  if (!rt->tp_as_async || !rt->tp_as_async->am_anext) {
    decref(r);
    return set_errorf(&exc_TypeError, "aiter() returned not an async iterator of type '{}'", rt->tp_name);
  }
  return r;
}

// anext(it, default): awaiting it awaits it.__anext__() and turns StopAsyncIteration into the default value.
// Immutable after creation except `iter`, which only the thread driving the await touches (like a coroutine).
struct AnextAwaitable {
  PyObject ob_base;
  Object* wrapped;        // the awaitable that __anext__ returned
  Object* default_value;  // returned (as StopIteration's value) at the end of iteration
  Object* iter;           // the iterator that drives `wrapped`, made on first use
};

extern Type anext_awaitable_type;

AnextAwaitable* as_anext(Object* o) { return reinterpret_cast<AnextAwaitable*>(o); }

void anext_dealloc(Object* o) {
  AnextAwaitable* a = as_anext(o);
  xdecref(a->wrapped);
  xdecref(a->default_value);
  xdecref(a->iter);
  object_free(o);
}

Object* anext_get_iter(AnextAwaitable* a) {
  if (!a->iter) {
    Object* it = get_awaitable_iter(a->wrapped, 0);
    if (!it) return nullptr;
    if (!type_of(it)->tp_iternext) {
      // A coroutine has no __next__: drive it through its __await__() wrapper.
      Object* w = call_method0(it, strs::await);
      decref(it);
      if (!w) return nullptr;
      it = w;
    }
    a->iter = it;
  }
  return a->iter;
}

// Turns the end of the async iteration into StopIteration(default).
Object* anext_finish(AnextAwaitable* a, Object* r) {
  if (r || !error_matches(&exc_StopAsyncIteration)) return r;
  error_clear();
  Object* arg = a->default_value;
  Object* exc = call(reinterpret_cast<Object*>(&exc_StopIteration), &arg, 1, nullptr);
  if (exc) set_error_steal(exc);
  return nullptr;
}

// tp_iternext of `it`, or TypeError when it has none (any more).
static Object* iter_next_raw(Object* it) {
  iternextfunc fn = type_of(it)->tp_iternext;
  if (!fn) return set_errorf(&exc_TypeError, "'{}' object is not an iterator", type_name(it));
  return fn(it);
}

Object* anext_iternext(Object* self) {
  AnextAwaitable* a = as_anext(self);
  Object* it = anext_get_iter(a);
  if (!it) return nullptr;
  Object* r = iter_next_raw(it);
  if (!r && !error_occurred()) set_error_value(&exc_StopIteration, nullptr);
  return anext_finish(a, r);
}

Object* anext_proxy(Object* self, const char* method, Object* const* args, ssize nargs) {
  AnextAwaitable* a = as_anext(self);
  Object* it = anext_get_iter(a);
  if (!it) return nullptr;
  ORef m = steal(get_attr_str(it, method));
  if (!m) return nullptr;
  return anext_finish(a, call(m.get(), args, nargs, nullptr));
}

Object* anext_send(Object* self, Object* arg) { return anext_proxy(self, "send", &arg, 1); }
Object* anext_throw(Object* self, Object* const* args, ssize nargs) { return anext_proxy(self, "throw", args, nargs); }
Object* anext_close(Object* self, Object*) { return anext_proxy(self, "close", nullptr, 0); }

PyMethodDef anext_methods[] = {
    {"send", anext_send, METH_O, nullptr},
    {"throw", FAST(anext_throw), METH_FASTCALL, nullptr},
    {"close", anext_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Object* anext_self(Object* self) { return newref(self); }

PyAsyncMethods anext_as_async = {.am_await = anext_self, .am_aiter = nullptr, .am_anext = nullptr, .am_send = nullptr};

Object* builtin_anext(Object*, Object* const* args, ssize nargs) {
  if (nargs < 1 || nargs > 2)
    return set_errorf(&exc_TypeError, "anext expected {}, got {}", nargs < 1 ? "at least 1 argument" : "at most 2 arguments",
                      nargs);
  Object* it = args[0];
  Type* t = type_of(it);
  if (!t->tp_as_async || !t->tp_as_async->am_anext)
    return set_errorf(&exc_TypeError, "'{}' object is not an async iterator", t->tp_name);
  Object* awaitable = t->tp_as_async->am_anext(it);
  if (!awaitable || nargs == 1) return awaitable;
  Object* o = new_object(&anext_awaitable_type, sizeof(AnextAwaitable));
  if (!o) {
    decref(awaitable);
    return nullptr;
  }
  AnextAwaitable* a = as_anext(o);
  a->wrapped = awaitable;
  a->default_value = newref(args[1]);
  return o;
}

// ---- input ----

Object* builtin_input(Object*, Object* const* args, ssize nargs) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "input expected at most 1 argument, got {}", nargs);
  ORef in = borrow(sys_get("stdin"));
  if (!in || in.get() == none()) return set_error(&exc_RuntimeError, "input(): lost sys.stdin");
  Object* out = sys_get("stdout");
  Object* err = sys_get("stderr");
  if (!out || out == none()) return set_error(&exc_RuntimeError, "input(): lost sys.stdout");
  if (err && err != none()) {
    ORef r = steal(call_method0(err, str_interned("flush")));
    if (!r) error_clear();  // CPython ignores a failing stderr flush here
  }
  if (nargs == 1) {
    ORef prompt = steal(object_str(args[0]));
    if (!prompt) return nullptr;
    ORef r = steal(call_method1(out, str_interned("write"), prompt.get()));
    if (!r) return nullptr;
  }
  ORef fl = steal(call_method0(out, str_interned("flush")));
  if (!fl) error_clear();  // and a failing (or missing) stdout flush too
  // The line comes from sys.stdin.readline() (CPython does the same unless it can use GNU readline on a terminal,
  // which pyvm does not have), so input() and sys.stdin share one buffer.
  ORef line = steal(call_method0(in.get(), str_interned("readline")));
  if (!line) return nullptr;
  if (type_check(line.get(), &bytes_type)) {  // PyFile_GetLine accepts bytes too
    ssize nb = var_size(line.get());
    if (nb == 0) return set_error(&exc_EOFError, "EOF when reading a line");
    const char* p = reinterpret_cast<PyBytesObject*>(line.get())->ob_sval;
    if (p[nb - 1] == '\n') return bytes_from(p, nb - 1);
    return line.release();
  }
  if (!type_check(line.get(), &str_type))
    return set_error(&exc_TypeError, "object.readline() returned non-string");
  ssize n = str_length(line.get());
  if (n == 0) return set_error(&exc_EOFError, "EOF when reading a line");
  if (str_char_at(line.get(), n - 1) == '\n') return str_substring(line.get(), 0, n - 1);
  return line.release();
}

// ---- breakpoint ----

Object* builtin_breakpoint(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* hook = sys_get("breakpointhook");
  if (!hook) return set_error(&exc_RuntimeError, "lost sys.breakpointhook");
  return call(hook, args, size_t(nargs), kwnames);
}

// CPython warns (RuntimeWarning) and carries on when PYTHONBREAKPOINT names nothing that can be imported.
Object* breakpoint_unimportable(const std::string& hookname) {
  std::string msg = "Ignoring unimportable $PYTHONBREAKPOINT: \"" + hookname + "\"";
  if (runtime_warn(&exc_RuntimeWarning, msg.c_str(), 1) < 0) return nullptr;
  return newref(none());
}

// sys.breakpointhook: PYTHONBREAKPOINT names the callable ("0" disables it; empty means pdb.set_trace).
Object* sys_breakpointhook(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  const char* env = std::getenv("PYTHONBREAKPOINT");
  std::string hookname = env && *env ? env : "pdb.set_trace";
  if (hookname == "0") return newref(none());
  size_t dot = hookname.rfind('.');
  // A name that starts with its only module dot (".", ".int") names no module: it is unimportable, like one that
  // fails to import.
  if (dot == 0) return breakpoint_unimportable(hookname);
  std::string modname = dot == std::string::npos ? "builtins" : hookname.substr(0, dot);
  std::string attr = dot == std::string::npos ? hookname : hookname.substr(dot + 1);
  ORef name = steal(str_from_utf8(modname));
  if (!name) return nullptr;
  ORef fromlist = steal(tuple_pack({name.get()}));
  if (!fromlist) return nullptr;
  ORef mod = steal(import_module_level(name.get(), nullptr, nullptr, fromlist.get(), 0));
  ORef fn = mod ? steal(get_attr_str(mod.get(), attr.c_str())) : ORef();
  if (!fn) {
    if (!error_matches(&exc_ImportError) && !error_matches(&exc_AttributeError)) return nullptr;
    error_clear();
    return breakpoint_unimportable(hookname);
  }
  return call(fn.get(), args, size_t(nargs), kwnames);
}

// ---- exit / quit ----

// What site.py installs as exit and quit (it replaces these once pyvm runs site).
struct Quitter {
  PyObject ob_base;
  const char* name;
};

extern Type quitter_type;

Object* quitter_repr(Object* self) {
  return str_from_utf8(fmt::format("Use {}() or Ctrl-D (i.e. EOF) to exit", reinterpret_cast<Quitter*>(self)->name));
}

Object* quitter_call(Object*, Object* args, Object* kwargs) {
  if (kwargs && object_length(kwargs) > 0)
    return set_error(&exc_TypeError, "Quitter.__call__() got an unexpected keyword argument");
  ssize n = tuple_size(args);
  if (n > 1)
    return set_errorf(&exc_TypeError, "Quitter.__call__() takes from 1 to 2 positional arguments but {} were given",
                      n + 1);
  std::fflush(stdin);
  return set_error_value(&exc_SystemExit, n ? tuple_get(args, 0) : nullptr);
}

// ---- open ----

Object* builtin_open(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  return builtin_io_open(self, args, nargs, kwnames);
}

PyMethodDef more_methods[] = {
    {"aiter", builtin_aiter, METH_O, nullptr},
    {"anext", FAST(builtin_anext), METH_FASTCALL, nullptr},
    {"input", FAST(builtin_input), METH_FASTCALL, nullptr},
    {"breakpoint", FAST(builtin_breakpoint), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"compile", FAST(builtin_compile), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"open", FAST(builtin_open), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// sys.displayhook: prints repr(value) on sys.stdout and keeps it as builtins._ (None is not shown).
Object* sys_displayhook(Object*, Object* value) {
  if (value == none()) return newref(none());
  Object* b = builtins_module();
  if (set_attr_str(b, "_", none()) < 0) return nullptr;
  Object* out = sys_get("stdout");
  if (!out || out == none()) return set_error(&exc_RuntimeError, "lost sys.stdout");
  ORef keep = borrow(out);
  ORef text = steal(object_repr(value));
  if (!text) return nullptr;
  ORef r = steal(call_method1(out, str_interned("write"), text.get()));
  if (!r) return nullptr;
  ORef nl = steal(str_from_utf8("\n"));
  if (!nl) return nullptr;
  r = steal(call_method1(out, str_interned("write"), nl.get()));
  if (!r) return nullptr;
  if (set_attr_str(b, "_", value) < 0) return nullptr;
  return newref(none());
}

PyMethodDef sys_more_methods[] = {
    {"displayhook", sys_displayhook, METH_O, nullptr},
    {"breakpointhook", FAST(sys_breakpointhook), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

#undef FAST

Type anext_awaitable_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "anext_awaitable",
    .tp_basicsize = sizeof(AnextAwaitable),
    .tp_dealloc = anext_dealloc,
    .tp_as_async = &anext_as_async,
    .tp_iter = anext_self,
    .tp_iternext = anext_iternext,
    .tp_methods = anext_methods,
};

Type quitter_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_sitebuiltins.Quitter",
    .tp_basicsize = sizeof(Quitter),
    .tp_repr = quitter_repr,
    .tp_call = quitter_call,
};

}  // namespace

int builtins_more_init(Object* builtins_module) {
  if (type_ready(&anext_awaitable_type) < 0 || type_ready(&quitter_type) < 0) return -1;
  if (module_add_functions(builtins_module, more_methods) < 0) return -1;
  Object* d = module_dict(builtins_module);
  static Quitter exit_obj = {PYVM_IMMORTAL_HEADER(&quitter_type), "exit"};
  static Quitter quit_obj = {PYVM_IMMORTAL_HEADER(&quitter_type), "quit"};
  if (dict_set_str(d, "exit", reinterpret_cast<Object*>(&exit_obj)) < 0 ||
      dict_set_str(d, "quit", reinterpret_cast<Object*>(&quit_obj)) < 0 || dict_set_str(d, "__debug__", true_()) < 0)
    return -1;
  return 0;
}

int sys_more_init(Object* sys_module) {
  if (module_add_functions(sys_module, sys_more_methods) < 0) return -1;
  Object* d = module_dict(sys_module);
  Object* hook = nullptr;
  if (dict_get_str(d, "displayhook", &hook) <= 0) return -1;
  ORef keep = steal(hook);
  return dict_set_str(d, "__displayhook__", hook);
}

}  // namespace pyvm
