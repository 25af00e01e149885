// Function, method, cell, traceback, frame and generator objects, and argument binding for Python calls.
#include "vm/function.h"
#include "vm/deferred_walk.h"

#include <alloca.h>

#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/interp.h"
#include "vm/opcodes.h"
#include "vm/sync/mutex.h"

namespace pyvm {

// ---- function ----

// The builtins a function created with `globals` sees: globals['__builtins__'] (a module stands for its dict), else
// those of the running frame, else the interpreter's (CPython's _PyEval_BuiltinsFromGlobals). Borrowed.
static Object* builtins_from_globals(Object* globals) {
  Object* b = nullptr;
  int r = dict_get(globals, strs::builtins, &b);
  if (r < 0) error_clear();
  if (r > 0) {
    decref(b);  // globals keeps it alive for as long as the function that borrows it here takes a reference
    if (type_check(b, &module_type)) {
      Object* d = module_dict(b);
      if (d) return d;
    }
    return b;
  }
  Frame* f = thread_state().frame;
  return f ? f->builtins : g_builtins;
}

// A code object made through the C-API without bytecode (CodeObject::no_bytecode) never becomes a function, so it
// never runs: every way to run code (MAKE_FUNCTION, FunctionType, exec/eval, __code__) goes through here or
// func_set_code.
static std::nullptr_t no_bytecode_error(CodeObject* co) {
  return set_errorf(&exc_SystemError,
                    "code object '{}' has no bytecode (it was made by PyUnstable_Code_New with an empty co_code) and "
                    "cannot be run",
                    str_view(co->qualname));
}

Object* function_new(Object* code, Object* globals, Object* qualname) {
  CodeObject* co = as_code(code);
  if (co->no_bytecode) [[unlikely]]
    return no_bytecode_error(co);
  auto* f = reinterpret_cast<FunctionObject*>(new_object(&function_type, sizeof(FunctionObject)));
  if (!f) return nullptr;
  f->code = newref(code);
  f->globals = newref(globals);
  f->builtins = newref(builtins_from_globals(globals));
  f->name = newref(co->name);
  f->qualname = newref(qualname ? qualname : co->name);
  f->vectorcall = function_vectorcall;
  Object* mod = nullptr;
  if (dict_get(globals, strs::name, &mod) > 0) f->module = mod;
  if (error_occurred()) error_clear();
  // 3.13: the docstring is the first constant when that is a str (the compiler puts None first otherwise).
  Object* doc = tuple_size(co->consts) > 0 ? tuple_get(co->consts, 0) : none();
  f->doc = newref(type_check(doc, &str_type) ? doc : none());
  maybe_immortalize_function(reinterpret_cast<Object*>(f));  // module-level, after threads started (deferred.h)
  return reinterpret_cast<Object*>(f);
}

static void function_dealloc(Object* o) {
  auto* f = reinterpret_cast<FunctionObject*>(o);
  clear_weakrefs(o);
  xdecref(f->globals);
  xdecref(f->builtins);
  xdecref(f->name);
  xdecref(f->qualname);
  xdecref(f->code);
  xdecref(f->defaults);
  xdecref(f->kwdefaults);
  xdecref(f->closure);
  xdecref(f->doc);
  xdecref(f->dict);
  xdecref(f->module);
  xdecref(f->annotations);
  xdecref(f->typeparams);
  xdecref(f->retired_code);
  object_free(o);
}

// Collector support (vm/gc.cc): every field is a strong reference. tp_clear drops the ones through which user
// data forms cycles and leaves code, globals, builtins and the names, so a cleared function still reads
// consistently (calling one whose closure was cleared raises SystemError in COPY_FREE_VARS); the names become "".
// A cycle through the globals dict is broken by the dict's own clear.
static int function_traverse(Object* o, visitproc visit, void* arg) {
  auto* f = reinterpret_cast<FunctionObject*>(o);
  for (Object* v : {f->globals, f->builtins, f->name, f->qualname, f->code, f->defaults, f->kwdefaults, f->closure,
                    f->doc, f->dict, f->module, f->annotations, f->typeparams, f->retired_code})
    if (v)
      if (int r = visit(v, arg)) return r;
  return 0;
}
static int function_clear(Object* o) {
  auto* f = reinterpret_cast<FunctionObject*>(o);
  for (Object** slot : {&f->defaults, &f->kwdefaults, &f->closure, &f->doc, &f->dict, &f->module, &f->annotations,
                        &f->typeparams})
    clear_ref(slot);
  // The names may be user strings in a cycle too; a cleared function is named "" (as CPython's).
  for (Object** slot : {&f->name, &f->qualname}) {
    Object* v = *slot;
    *slot = newref(str_empty());
    decref(v);
  }
  return 0;
}

static std::string fname(FunctionObject* f) { return std::string(str_view(f->qualname)); }

static std::string join_names(const std::vector<Object*>& names) {
  std::string s;
  for (size_t i = 0; i < names.size(); i++) {
    if (i) s += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    s += "'" + std::string(str_view(names[i])) + "'";
  }
  return s;
}

int bind_args(FunctionObject* func, CodeObject* co, Object** locals, Object* const* args, ssize nargs,
                     Object* kwnames) {
  int argcount = co->argcount;
  int kwonly = co->kwonlyargcount;
  int total = argcount + kwonly;
  ssize n = nargs < argcount ? nargs : argcount;
  for (ssize i = 0; i < n; i++) locals[i] = newref(args[i]);
  int var_idx = total;
  Object* kwdict = nullptr;
  if (co->flags & kCoVarargs) {
    Object* rest = nargs > argcount ? tuple_from_array(args + argcount, nargs - argcount) : newref(tuple_empty());
    if (!rest) return -1;
    locals[var_idx++] = rest;
  } else if (nargs > argcount) {
    ssize ndef = func->defaults ? tuple_size(func->defaults) : 0;
    int given_kwonly = 0;
    if (kwnames)
      for (ssize k = 0; k < tuple_size(kwnames); k++)
        for (int j = argcount; j < total; j++)
          if (str_equal(tuple_get(co->localsplusnames, j), tuple_get(kwnames, k))) given_kwonly++;
    std::string takes = ndef ? fmt::format("from {} to {}", argcount - ndef, argcount) : fmt::format("{}", argcount);
    bool plural = ndef || argcount != 1;
    std::string kwonly_sig = given_kwonly ? fmt::format(" positional argument{} (and {} keyword-only argument{})",
                                                        nargs != 1 ? "s" : "", given_kwonly, given_kwonly == 1 ? "" : "s")
                                          : std::string();
    set_errorf(&exc_TypeError, "{}() takes {} positional argument{} but {}{} {} given", fname(func), takes,
               plural ? "s" : "", nargs, kwonly_sig, nargs == 1 && !given_kwonly ? "was" : "were");
    return -1;
  }
  if (co->flags & kCoVarkeywords) {
    kwdict = dict_new();
    if (!kwdict) return -1;
    locals[var_idx] = kwdict;
  }
  if (kwnames) {
    for (ssize k = 0; k < tuple_size(kwnames); k++) {
      Object* key = tuple_get(kwnames, k);
      Object* value = args[nargs + k];
      int j = co->posonlyargcount;
      for (; j < total; j++)
        if (tuple_get(co->localsplusnames, j) == key || str_equal(tuple_get(co->localsplusnames, j), key)) break;
      if (j < total) {
        if (locals[j]) {
          set_errorf(&exc_TypeError, "{}() got multiple values for argument '{}'", fname(func), str_view(key));
          return -1;
        }
        locals[j] = newref(value);
        continue;
      }
      if (kwdict) {
        if (dict_set(kwdict, key, value) < 0) return -1;
        continue;
      }
      for (int p = 0; p < co->posonlyargcount; p++)
        if (str_equal(tuple_get(co->localsplusnames, p), key)) {
          set_errorf(&exc_TypeError, "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                     fname(func), str_view(key));
          return -1;
        }
      set_errorf(&exc_TypeError, "{}() got an unexpected keyword argument '{}'", fname(func), str_view(key));
      return -1;
    }
  }
  // Defaults for missing positionals.
  ssize ndef = func->defaults ? tuple_size(func->defaults) : 0;
  std::vector<Object*> missing;
  for (int i = int(nargs < argcount ? nargs : argcount); i < argcount; i++) {
    if (locals[i]) continue;
    int d = i - (argcount - int(ndef));
    if (d >= 0) {
      locals[i] = newref(tuple_get(func->defaults, d));
    } else {
      missing.push_back(tuple_get(co->localsplusnames, i));
    }
  }
  if (!missing.empty()) {
    set_errorf(&exc_TypeError, "{}() missing {} required positional argument{}: {}", fname(func), missing.size(),
               missing.size() == 1 ? "" : "s", join_names(missing));
    return -1;
  }
  for (int i = argcount; i < total; i++) {
    if (locals[i]) continue;
    Object* name = tuple_get(co->localsplusnames, i);
    Object* v = nullptr;
    if (func->kwdefaults && dict_get(func->kwdefaults, name, &v) > 0) {
      locals[i] = v;
    } else {
      missing.push_back(name);
    }
  }
  if (!missing.empty()) {
    set_errorf(&exc_TypeError, "{}() missing {} required keyword-only argument{}: {}", fname(func), missing.size(),
               missing.size() == 1 ? "" : "s", join_names(missing));
    return -1;
  }
  return 0;
}

Object* function_vectorcall(Object* callable, Object* const* args, size_t nargsf, Object* kwnames) {
  auto* func = reinterpret_cast<FunctionObject*>(callable);
  CodeObject* co = as_code(func->code);
  ThreadState& ts = thread_state();
  if (ts.depth >= g_recursion_limit) return set_error(&exc_RecursionError, "maximum recursion depth exceeded");
  if (!stack_check("")) return nullptr;
  auto* f = static_cast<Frame*>(alloca(frame_size(co)));
  frame_init(f, callable, co, func->globals, func->builtins);
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  ssize nlocals = co->nlocalsplus;
  if (!kwnames && nargs == co->argcount && !(co->flags & (kCoVarargs | kCoVarkeywords)) && co->kwonlyargcount == 0) {
    // The common case: exactly the positional parameters.
    for (ssize i = 0; i < nargs; i++) f->localsplus[i] = newref(args[i]);
    for (ssize i = nargs; i < nlocals; i++) f->localsplus[i] = nullptr;
  } else {
    for (ssize i = 0; i < nlocals; i++) f->localsplus[i] = nullptr;
    if (bind_args(func, co, f->localsplus, args, nargs, kwnames) < 0) {
      for (ssize i = 0; i < nlocals; i++) xdecref(f->localsplus[i]);
      return nullptr;
    }
  }
  ORef keep = borrow(callable);
  ts.depth++;
  Object* r = eval_frame(f);
  ts.depth--;
  return r;
}

Object* eval_code(Object* code, Object* globals, Object* locals, Object* closure) {
  CodeObject* co = as_code(code);
  ORef fn = steal(function_new(code, globals, co->qualname));
  if (!fn) return nullptr;
  auto* func = reinterpret_cast<FunctionObject*>(fn.get());
  func->closure = xnewref(closure);
  size_t nslots = size_t(co->nlocalsplus + co->stacksize);
  size_t size = offsetof(Frame, localsplus) + nslots * sizeof(Object*);
  auto* f = static_cast<Frame*>(alloca(size));
  std::memset(f, 0, size);
  f->code = co;
  f->func = fn.get();
  f->globals = globals;
  f->builtins = func->builtins;
  // A code object with parameters (eval(f.__code__)) is bound like a call without arguments: missing ones raise.
  if ((co->argcount || co->kwonlyargcount || (co->flags & (kCoVarargs | kCoVarkeywords))) &&
      bind_args(func, co, f->localsplus, nullptr, 0, nullptr) < 0) {
    for (int i = 0; i < co->nlocalsplus; i++) xdecref(f->localsplus[i]);
    return nullptr;
  }
  f->locals = xnewref(locals);
  ThreadState& ts = thread_state();
  if (ts.depth >= g_recursion_limit) {
    for (int i = 0; i < co->nlocalsplus; i++) xdecref(f->localsplus[i]);
    xdecref(f->locals);
    return set_error(&exc_RecursionError, "maximum recursion depth exceeded");
  }
  ts.depth++;
  Object* r = eval_frame(f);
  ts.depth--;
  return r;
}

static Object* func_get_code(Object* o, void*) { return newref(reinterpret_cast<FunctionObject*>(o)->code); }
static Object* func_get_name(Object* o, void*) { return newref(reinterpret_cast<FunctionObject*>(o)->name); }
static int func_set_name(Object* o, Object* v, void*) {
  if (!v || !type_check(v, &str_type)) {
    set_error(&exc_TypeError, "__name__ must be set to a string object");
    return -1;
  }
  set_slot(&reinterpret_cast<FunctionObject*>(o)->name, newref(v));
  return 0;
}
static Object* func_get_qualname(Object* o, void*) { return newref(reinterpret_cast<FunctionObject*>(o)->qualname); }
static int func_set_qualname(Object* o, Object* v, void*) {
  if (!v || !type_check(v, &str_type)) {
    set_error(&exc_TypeError, "__qualname__ must be set to a string object");
    return -1;
  }
  set_slot(&reinterpret_cast<FunctionObject*>(o)->qualname, newref(v));
  return 0;
}
// __code__ may be replaced while calls of the old code are still running on other threads (frames borrow their
// code from the function): the replaced code objects stay alive, chained through retired_code, until the function
// dies. The swap itself happens under the function's critical section.
static int func_set_code(Object* o, Object* v, void*) {
  auto* f = reinterpret_cast<FunctionObject*>(o);
  if (!v || type_of(v) != &code_type) {
    set_error(&exc_TypeError, "__code__ must be set to a code object");
    return -1;
  }
  if (as_code(v)->no_bytecode) {
    no_bytecode_error(as_code(v));
    return -1;
  }
  ssize nfree = as_code(v)->nfreevars;
  ssize nclosure = f->closure ? tuple_size(f->closure) : 0;
  if (nfree != nclosure) {
    set_errorf(&exc_ValueError, "{}() requires a code object with {} free vars, not {}", str_view(f->name), nclosure,
               nfree);
    return -1;
  }
  sync::CriticalSection cs(o);
  if (f->code != v) {
    Object* old = f->code;
    ORef chain = steal(f->retired_code ? tuple_pack({old, f->retired_code}) : tuple_pack({old}));
    if (!chain) return -1;
    set_slot(&f->retired_code, chain.release());
    f->code = newref(v);
    decref(old);  // retired_code holds it now
  }
  return 0;
}
static Object* func_get_defaults(Object* o, void*) {
  Object* v = reinterpret_cast<FunctionObject*>(o)->defaults;
  return newref(v ? v : none());
}
static int func_set_defaults(Object* o, Object* v, void*) {
  if (v == none()) v = nullptr;
  if (v && !type_check(v, &tuple_type)) {
    set_error(&exc_TypeError, "__defaults__ must be set to a tuple object");
    return -1;
  }
  set_slot(&reinterpret_cast<FunctionObject*>(o)->defaults, xnewref(v));
  return 0;
}
static Object* func_get_kwdefaults(Object* o, void*) {
  Object* v = reinterpret_cast<FunctionObject*>(o)->kwdefaults;
  return newref(v ? v : none());
}
static int func_set_kwdefaults(Object* o, Object* v, void*) {
  if (v == none()) v = nullptr;
  if (v && !type_check(v, &dict_type)) {
    set_error(&exc_TypeError, "__kwdefaults__ must be set to a dict object");
    return -1;
  }
  set_slot(&reinterpret_cast<FunctionObject*>(o)->kwdefaults, xnewref(v));
  return 0;
}
// The compiler hands 3.13 annotations over as a flat (name, value, ...) tuple; the dict is built on first access.
static Object* func_get_annotations(Object* o, void*) {
  auto* f = reinterpret_cast<FunctionObject*>(o);
  sync::CriticalSection cs(o);
  if (!f->annotations) {
    f->annotations = dict_new();
  } else if (type_check(f->annotations, &tuple_type)) {
    ORef d = steal(dict_new());
    if (!d) return nullptr;
    for (ssize i = 0; i + 1 < tuple_size(f->annotations); i += 2)
      if (dict_set(d.get(), tuple_get(f->annotations, i), tuple_get(f->annotations, i + 1)) < 0) return nullptr;
    set_slot(&f->annotations, d.release());
  }
  return xnewref(f->annotations);
}
static int func_set_annotations(Object* o, Object* v, void*) {
  if (v == none()) v = nullptr;
  if (v && !type_check(v, &dict_type)) {
    set_error(&exc_TypeError, "__annotations__ must be set to a dict object");
    return -1;
  }
  sync::CriticalSection cs(o);
  set_slot(&reinterpret_cast<FunctionObject*>(o)->annotations, xnewref(v));
  return 0;
}
static Object* func_get_dict(Object* o, void*) {
  auto* f = reinterpret_cast<FunctionObject*>(o);
  sync::CriticalSection cs(o);
  if (!f->dict) f->dict = dict_new();
  return xnewref(f->dict);
}
static int func_set_dict(Object* o, Object* v, void*) {
  if (!v) {
    set_error(&exc_TypeError, "cannot delete __dict__");
    return -1;
  }
  if (!type_check(v, &dict_type)) {
    set_errorf(&exc_TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name(v));
    return -1;
  }
  sync::CriticalSection cs(o);
  // Attribute lookups read the dict without a lock: the old one goes through QSBR.
  set_shared_slot(&reinterpret_cast<FunctionObject*>(o)->dict, newref(v));
  return 0;
}
static Object* func_get_type_params(Object* o, void*) {
  Object* v = reinterpret_cast<FunctionObject*>(o)->typeparams;
  return newref(v ? v : tuple_empty());
}
static int func_set_type_params(Object* o, Object* v, void*) {
  if (!v || !type_check(v, &tuple_type)) {
    set_error(&exc_TypeError, "__type_params__ must be set to a tuple");
    return -1;
  }
  set_slot(&reinterpret_cast<FunctionObject*>(o)->typeparams, newref(v));
  return 0;
}
static PyGetSetDef func_getset[] = {{"__code__", func_get_code, func_set_code, nullptr, nullptr},
                                    {"__name__", func_get_name, func_set_name, nullptr, nullptr},
                                    {"__qualname__", func_get_qualname, func_set_qualname, nullptr, nullptr},
                                    {"__defaults__", func_get_defaults, func_set_defaults, nullptr, nullptr},
                                    {"__kwdefaults__", func_get_kwdefaults, func_set_kwdefaults, nullptr, nullptr},
                                    {"__annotations__", func_get_annotations, func_set_annotations, nullptr, nullptr},
                                    {"__dict__", func_get_dict, func_set_dict, nullptr, nullptr},
                                    {"__type_params__", func_get_type_params, func_set_type_params, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};

// Plain members, as CPython declares them: __doc__ and __module__ take any value (deleting leaves None);
// __closure__, __globals__ and __builtins__ are read-only ("readonly attribute").
constexpr int kMemberObject = 6;  // Py_T_OBJECT
constexpr int kReadonly = 1;      // Py_READONLY
static PyMemberDef func_members[] = {
    {"__doc__", kMemberObject, offsetof(FunctionObject, doc), 0, nullptr},
    {"__module__", kMemberObject, offsetof(FunctionObject, module), 0, nullptr},
    {"__closure__", kMemberObject, offsetof(FunctionObject, closure), kReadonly, nullptr},
    {"__globals__", kMemberObject, offsetof(FunctionObject, globals), kReadonly, nullptr},
    {"__builtins__", kMemberObject, offsetof(FunctionObject, builtins), kReadonly, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

// types.FunctionType(code, globals, name=None, argdefs=None, closure=None, kwdefaults=None)
static Object* func_tp_new(Type*, Object* args, Object* kwds) {
  ORef kwnames;
  std::vector<Object*> stack(size_t(tuple_size(args)));
  for (ssize i = 0; i < tuple_size(args); i++) stack[size_t(i)] = tuple_get(args, i);
  if (kwds && dict_size(kwds)) {
    kwnames = steal(tuple_new(dict_size(kwds)));
    if (!kwnames) return nullptr;
    ssize pos = 0, k = 0;
    Object *key, *value;
    while (dict_next(kwds, &pos, &key, &value)) {
      tuple_set(kwnames.get(), k++, newref(key));
      stack.push_back(value);
    }
  }
  Object* a[6] = {};
  if (!parse_args("function", stack.data(), tuple_size(args), kwnames.get(),
                  {"code", "globals", "name", "argdefs", "closure", "kwdefaults"}, 2, a))
    return nullptr;
  Object *code = a[0], *globals = a[1];
  Object* name = a[2] ? a[2] : none();
  Object* defaults = a[3] ? a[3] : none();
  Object* closure = a[4] ? a[4] : none();
  Object* kwdefaults = a[5] ? a[5] : none();
  if (type_of(code) != &code_type)
    return set_errorf(&exc_TypeError, "function() argument 'code' must be code, not {}", type_name(code));
  if (!type_check(globals, &dict_type))
    return set_errorf(&exc_TypeError, "function() argument 'globals' must be dict, not {}", type_name(globals));
  if (name != none() && !type_check(name, &str_type))
    return set_error(&exc_TypeError, "arg 3 (name) must be None or string");
  if (defaults != none() && !type_check(defaults, &tuple_type))
    return set_error(&exc_TypeError, "arg 4 (defaults) must be None or tuple");
  CodeObject* co = as_code(code);
  if (!type_check(closure, &tuple_type)) {
    if (co->nfreevars && closure == none()) return set_error(&exc_TypeError, "arg 5 (closure) must be tuple");
    if (closure != none()) return set_error(&exc_TypeError, "arg 5 (closure) must be None or tuple");
  }
  if (kwdefaults != none() && !type_check(kwdefaults, &dict_type))
    return set_error(&exc_TypeError, "arg 6 (kwdefaults) must be None or dict");
  ssize nclosure = closure == none() ? 0 : tuple_size(closure);
  if (co->nfreevars != nclosure)
    return set_errorf(&exc_ValueError, "{} requires closure of length {}, not {}", str_view(co->name), co->nfreevars,
                      nclosure);
  for (ssize i = 0; i < nclosure; i++)
    if (type_of(tuple_get(closure, i)) != &cell_type)
      return set_errorf(&exc_TypeError, "arg 5 (closure) expected cell, found {}", type_name(tuple_get(closure, i)));
  ORef fn = steal(function_new(code, globals, co->qualname));
  if (!fn) return nullptr;
  auto* f = reinterpret_cast<FunctionObject*>(fn.get());
  if (name != none()) set_slot(&f->name, newref(name));
  if (defaults != none()) f->defaults = newref(defaults);
  if (closure != none()) f->closure = newref(closure);
  if (kwdefaults != none()) f->kwdefaults = newref(kwdefaults);
  return fn.release();
}

static Object* func_descr_get(Object* self, Object* obj, Object*) {
  if (!obj) return newref(self);
  return method_new(self, obj);
}
static Object* func_repr(Object* o) {
  return str_from_utf8(
      fmt::format("<function {} at {}>", fname(reinterpret_cast<FunctionObject*>(o)), static_cast<void*>(o)));
}
static Object* vc_tp_call(Object* self, Object* args, Object* kwds) { return call_tuple_dict(self, args, kwds); }

Type function_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "function",
    .tp_basicsize = sizeof(FunctionObject),
    .tp_dealloc = function_dealloc,
    .tp_vectorcall_offset = offsetof(FunctionObject, vectorcall),
    .tp_repr = func_repr,
    .tp_call = vc_tp_call,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = function_traverse,
    .tp_clear = function_clear,
    .tp_weaklistoffset = offsetof(FunctionObject, weakreflist),
    .tp_members = func_members,
    .tp_getset = func_getset,
    .tp_descr_get = func_descr_get,
    .tp_dictoffset = offsetof(FunctionObject, dict),
    .tp_new = func_tp_new,
};

// ---- bound method ----

static Object* method_vectorcall(Object* callable, Object* const* args, size_t nargsf, Object* kwnames) {
  auto* m = reinterpret_cast<MethodObject*>(callable);
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  Object* small[16];
  Object** buf =
      nargs + nkw + 1 <= 16 ? small : static_cast<Object**>(alloca(size_t(nargs + nkw + 1) * sizeof(Object*)));
  buf[0] = m->im_self;
  std::memcpy(buf + 1, args, size_t(nargs + nkw) * sizeof(Object*));
  return call(m->im_func, buf, size_t(nargs + 1), kwnames);
}

Object* method_new(Object* func, Object* self) {
  auto* m = reinterpret_cast<MethodObject*>(new_object(&method_type, sizeof(MethodObject)));
  if (!m) return nullptr;
  m->im_func = newref(func);
  m->im_self = newref(self);
  m->vectorcall = method_vectorcall;
  return reinterpret_cast<Object*>(m);
}
// types.MethodType(function, instance)
static Object* method_tp_new(Type*, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds)) return set_error(&exc_TypeError, "method() takes no keyword arguments");
  if (tuple_size(args) != 2) return set_errorf(&exc_TypeError, "method expected 2 arguments, got {}", tuple_size(args));
  Object* func = tuple_get(args, 0);
  Object* self = tuple_get(args, 1);
  if (!is_callable(func)) return set_error(&exc_TypeError, "first argument must be callable");
  if (self == none()) return set_error(&exc_TypeError, "instance must not be None");
  return method_new(func, self);
}

static void method_dealloc(Object* o) {
  auto* m = reinterpret_cast<MethodObject*>(o);
  clear_weakrefs(o);
  decref(m->im_func);
  decref(m->im_self);
  object_free(o);
}
static Object* method_repr(Object* o) {
  auto* m = reinterpret_cast<MethodObject*>(o);
  // The function's __qualname__, else its __name__ (a wrapped property has only that), else "?".
  std::string name = "?";
  for (Object* attr : {strs::qualname, strs::name}) {
    Object* q = nullptr;
    int r = get_attr_optional(m->im_func, attr, &q);
    if (r < 0) return nullptr;
    if (r == 0) continue;
    ORef qr = steal(q);
    if (type_check(q, &str_type)) name = std::string(str_view(q));
    break;
  }
  std::string self;
  if (!repr_utf8(m->im_self, &self)) return nullptr;
  return str_from_utf8(fmt::format("<bound method {} of {}>", name, self));
}
// __func__ and __self__ are read-only members; __doc__ is the function's.
static PyMemberDef method_members[] = {{"__func__", kMemberObject, offsetof(MethodObject, im_func), kReadonly, nullptr},
                                       {"__self__", kMemberObject, offsetof(MethodObject, im_self), kReadonly, nullptr},
                                       {nullptr, 0, 0, 0, nullptr}};
static Object* method_get_doc(Object* o, void*) {
  return get_attr(reinterpret_cast<MethodObject*>(o)->im_func, strs::doc);
}
static PyGetSetDef method_getset[] = {{"__doc__", method_get_doc, nullptr, nullptr, nullptr},
                                      {nullptr, nullptr, nullptr, nullptr, nullptr}};
// Pickling, as CPython: a bound method is saved as getattr(self, func.__name__).
static Object* method_reduce(Object* o, Object*) {
  auto* m = reinterpret_cast<MethodObject*>(o);
  ORef getattr = steal(builtin_object("getattr"));
  if (!getattr) return nullptr;
  ORef name = steal(get_attr(m->im_func, strs::name));
  if (!name) return nullptr;
  ORef args = steal(tuple_pack({m->im_self, name.get()}));
  if (!args) return nullptr;
  return tuple_pack({getattr.get(), args.get()});
}
static PyMethodDef method_methods[] = {{"__reduce__", method_reduce, METH_NOARGS, nullptr},
                                       {nullptr, nullptr, 0, nullptr}};
static Object* method_getattro(Object* o, Object* name) {
  Object* r = generic_getattr(o, name);
  if (r || !error_matches(&exc_AttributeError)) return r;
  error_clear();
  return get_attr(reinterpret_cast<MethodObject*>(o)->im_func, name);
}
// Both fields are strong and never null; no tp_clear (a cycle through a bound method is broken by its other
// members, as in CPython).
static int method_traverse(Object* o, visitproc visit, void* arg) {
  auto* m = reinterpret_cast<MethodObject*>(o);
  if (int r = visit(m->im_func, arg)) return r;
  return visit(m->im_self, arg);
}
static Object* method_richcompare(Object* a, Object* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || type_of(b) != &method_type) return newref(not_implemented());
  auto* x = reinterpret_cast<MethodObject*>(a);
  auto* y = reinterpret_cast<MethodObject*>(b);
  bool eq = x->im_func == y->im_func && x->im_self == y->im_self;
  return newref(bool_obj(op == Py_EQ ? eq : !eq));
}
static hash_t method_hash(Object* o) {
  auto* m = reinterpret_cast<MethodObject*>(o);
  hash_t h = hash_t(reinterpret_cast<uintptr_t>(m->im_self) >> 4) ^ object_hash(m->im_func);
  return h == -1 ? -2 : h;
}
Type method_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "method",
    .tp_basicsize = sizeof(MethodObject),
    .tp_dealloc = method_dealloc,
    .tp_vectorcall_offset = offsetof(MethodObject, vectorcall),
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_call = vc_tp_call,
    .tp_getattro = method_getattro,
    .tp_flags = Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = method_traverse,
    .tp_richcompare = method_richcompare,
    .tp_weaklistoffset = offsetof(MethodObject, im_weakreflist),
    .tp_methods = method_methods,
    .tp_members = method_members,
    .tp_getset = method_getset,
    .tp_new = method_tp_new,
};

// ---- cell ----

Object* cell_new(Object* value) {
  auto* c = reinterpret_cast<CellObject*>(new_object(&cell_type, sizeof(CellObject)));
  if (!c) return nullptr;
  c->ob_ref = xnewref(value);
  return reinterpret_cast<Object*>(c);
}
static void cell_dealloc(Object* o) {
  xdecref(reinterpret_cast<CellObject*>(o)->ob_ref);
  object_free(o);
}
// The contents are a strong reference (or null). The collector reads and clears them with the world stopped or
// on garbage, so the lock-free protocol of set_slot is not needed here.
static int cell_traverse(Object* o, visitproc visit, void* arg) {
  Object* v = reinterpret_cast<CellObject*>(o)->ob_ref;
  return v ? visit(v, arg) : 0;
}
static int cell_clear(Object* o) {
  clear_ref(&reinterpret_cast<CellObject*>(o)->ob_ref);
  return 0;
}
static Object* cell_get_contents(Object* o, void*) {
  Object* v = reinterpret_cast<CellObject*>(o)->ob_ref;
  if (!v) return set_error(&exc_ValueError, "Cell is empty");
  return newref(v);
}
// Assigning or deleting cell_contents is what `nonlocal` does from outside. A cell is a single pointer slot shared
// by frames on any thread; set_slot swaps it like STORE_DEREF does.
static int cell_set_contents(Object* o, Object* v, void*) {
  set_slot(&reinterpret_cast<CellObject*>(o)->ob_ref, xnewref(v));
  return 0;
}
static PyGetSetDef cell_getset[] = {{"cell_contents", cell_get_contents, cell_set_contents, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};
static Object* cell_repr(Object* o) {
  Object* v = reinterpret_cast<CellObject*>(o)->ob_ref;
  if (!v) return str_from_utf8(fmt::format("<cell at {}: empty>", static_cast<void*>(o)));
  return str_from_utf8(
      fmt::format("<cell at {}: {} object at {}>", static_cast<void*>(o), type_name(v), static_cast<void*>(v)));
}
// Cells compare by their contents; an empty cell sorts before any full one.
static Object* cell_richcompare(Object* a, Object* b, int op) {
  if (type_of(b) != &cell_type) return newref(not_implemented());
  ORef x = steal(xnewref(reinterpret_cast<CellObject*>(a)->ob_ref));
  ORef y = steal(xnewref(reinterpret_cast<CellObject*>(b)->ob_ref));
  if (x && y) return rich_compare(x.get(), y.get(), op);
  int c = (x ? 1 : 0) - (y ? 1 : 0);
  bool r = op == Py_LT   ? c < 0
           : op == Py_LE ? c <= 0
           : op == Py_EQ ? c == 0
           : op == Py_NE ? c != 0
           : op == Py_GT ? c > 0
                         : c >= 0;
  return newref(bool_obj(r));
}
static Object* cell_tp_new(Type*, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds)) return set_error(&exc_TypeError, "cell() takes no keyword arguments");
  ssize n = tuple_size(args);
  if (n > 1) return set_errorf(&exc_TypeError, "cell expected at most 1 argument, got {}", n);
  return cell_new(n ? tuple_get(args, 0) : nullptr);
}
Type cell_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "cell",
    .tp_basicsize = sizeof(CellObject),
    .tp_dealloc = cell_dealloc,
    .tp_repr = cell_repr,
    .tp_hash = hash_not_implemented,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
    .tp_richcompare = cell_richcompare,
    .tp_getset = cell_getset,
    .tp_new = cell_tp_new,
};

}  // namespace pyvm
