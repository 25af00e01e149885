// Function, method, cell, traceback, frame and generator objects, and argument binding for Python calls.
#include "vm/function.h"

#include <alloca.h>

#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/interp.h"
#include "vm/opcodes.h"

namespace pyvm {

// ---- function ----

Object* function_new(Object* code, Object* globals, Object* qualname) {
  auto* f = reinterpret_cast<FunctionObject*>(new_object(&function_type, sizeof(FunctionObject)));
  if (!f) return nullptr;
  CodeObject* co = as_code(code);
  f->code = newref(code);
  f->globals = newref(globals);
  f->builtins = newref(g_builtins);
  f->name = newref(co->name);
  f->qualname = newref(qualname ? qualname : co->name);
  f->vectorcall = function_vectorcall;
  Object* mod = nullptr;
  if (dict_get(globals, strs::name, &mod) > 0) f->module = mod;
  if (error_occurred()) error_clear();
  // The docstring is the first constant when the code has one (3.13 marks none with co_flags bit 0x4000000? no:
  // compilers put the doc at consts[0] for functions whose body starts with a string).
  f->doc = newref(none());
  if (tuple_size(co->consts) > 0 && type_check_exact(tuple_get(co->consts, 0), &str_type) &&
      (co->flags & 0x4000000))
    set_slot(&f->doc, newref(tuple_get(co->consts, 0)));
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
  object_free(o);
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

// Binds call arguments into the frame's locals, with CPython's error messages. Returns -1 on error.
static int bind_args(FunctionObject* func, CodeObject* co, Object** locals, Object* const* args, ssize nargs,
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
    std::string extra = given_kwonly ? fmt::format(" positional argument{} (and {} keyword-only argument{})",
                                                   argcount == 1 && !ndef ? "" : "s", given_kwonly,
                                                   given_kwonly == 1 ? "" : "s")
                                     : fmt::format(" positional argument{}", argcount == 1 && !ndef ? "" : "s");
    set_errorf(&exc_TypeError, "{}() takes {}{} but {} {} given", fname(func), takes, extra, nargs,
               nargs == 1 ? "was" : "were");
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
  size_t nslots = size_t(co->nlocalsplus + co->stacksize);
  size_t size = offsetof(Frame, localsplus) + nslots * sizeof(Object*);
  auto* f = static_cast<Frame*>(alloca(size));
  // Only the header and the locals need zeroing; the value stack is written before it is read.
  std::memset(f, 0, offsetof(Frame, localsplus) + size_t(co->nlocalsplus) * sizeof(Object*));
  f->code = co;
  f->func = callable;
  f->globals = func->globals;
  f->builtins = func->builtins;
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  if (!kwnames && nargs == co->argcount && !(co->flags & (kCoVarargs | kCoVarkeywords)) && co->kwonlyargcount == 0) {
    // The common case: exactly the positional parameters.
    for (ssize i = 0; i < nargs; i++) f->localsplus[i] = newref(args[i]);
  } else if (bind_args(func, co, f->localsplus, args, nargs, kwnames) < 0) {
    for (size_t i = 0; i < size_t(co->nlocalsplus); i++) xdecref(f->localsplus[i]);
    return nullptr;
  }
  ORef keep = borrow(callable);
  ts.depth++;
  Object* r = eval_frame(f);
  ts.depth--;
  return r;
}

Object* eval_code(Object* code, Object* globals, Object* locals, Object* closure) {
  ORef fn = steal(function_new(code, globals, nullptr));
  if (!fn) return nullptr;
  auto* func = reinterpret_cast<FunctionObject*>(fn.get());
  func->closure = xnewref(closure);
  CodeObject* co = as_code(code);
  size_t nslots = size_t(co->nlocalsplus + co->stacksize);
  size_t size = offsetof(Frame, localsplus) + nslots * sizeof(Object*);
  auto* f = static_cast<Frame*>(alloca(size));
  std::memset(f, 0, size);
  f->code = co;
  f->func = fn.get();
  f->globals = globals;
  f->builtins = func->builtins;
  f->locals = xnewref(locals);
  ThreadState& ts = thread_state();
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
#define FUNC_OPT_GETSET(field)                                                           \
  static Object* func_get_##field(Object* o, void*) {                                    \
    Object* v = reinterpret_cast<FunctionObject*>(o)->field;                             \
    return newref(v ? v : none());                                                       \
  }                                                                                      \
  static int func_set_##field(Object* o, Object* v, void*) {                             \
    set_slot(&reinterpret_cast<FunctionObject*>(o)->field, v == none() ? nullptr : xnewref(v)); \
    return 0;                                                                            \
  }
FUNC_OPT_GETSET(defaults)
FUNC_OPT_GETSET(kwdefaults)
FUNC_OPT_GETSET(doc)
FUNC_OPT_GETSET(module)
#undef FUNC_OPT_GETSET
static Object* func_get_closure(Object* o, void*) {
  Object* v = reinterpret_cast<FunctionObject*>(o)->closure;
  return newref(v ? v : none());
}
static Object* func_get_globals(Object* o, void*) { return newref(reinterpret_cast<FunctionObject*>(o)->globals); }
static Object* func_get_annotations(Object* o, void*) {
  auto* f = reinterpret_cast<FunctionObject*>(o);
  if (!f->annotations) f->annotations = dict_new();
  else if (type_check(f->annotations, &tuple_type)) {
    Object* d = dict_new();
    if (!d) return nullptr;
    for (ssize i = 0; i + 1 < tuple_size(f->annotations); i += 2)
      if (dict_set(d, tuple_get(f->annotations, i), tuple_get(f->annotations, i + 1)) < 0) return nullptr;
    set_slot(&f->annotations, d);
  }
  return xnewref(f->annotations);
}
static Object* func_get_dict(Object* o, void*) {
  auto* f = reinterpret_cast<FunctionObject*>(o);
  if (!f->dict) f->dict = dict_new();
  return xnewref(f->dict);
}
static PyGetSetDef func_getset[] = {
    {"__code__", func_get_code, nullptr, nullptr, nullptr},
    {"__name__", func_get_name, func_set_name, nullptr, nullptr},
    {"__qualname__", func_get_qualname, func_set_qualname, nullptr, nullptr},
    {"__defaults__", func_get_defaults, func_set_defaults, nullptr, nullptr},
    {"__kwdefaults__", func_get_kwdefaults, func_set_kwdefaults, nullptr, nullptr},
    {"__doc__", func_get_doc, func_set_doc, nullptr, nullptr},
    {"__module__", func_get_module, func_set_module, nullptr, nullptr},
    {"__closure__", func_get_closure, nullptr, nullptr, nullptr},
    {"__globals__", func_get_globals, nullptr, nullptr, nullptr},
    {"__annotations__", func_get_annotations, nullptr, nullptr, nullptr},
    {"__dict__", func_get_dict, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

static Object* func_descr_get(Object* self, Object* obj, Object*) {
  if (!obj) return newref(self);
  return method_new(self, obj);
}
static Object* func_repr(Object* o) {
  return str_from_utf8(fmt::format("<function {} at {}>", fname(reinterpret_cast<FunctionObject*>(o)),
                                   static_cast<void*>(o)));
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
    .tp_flags = Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_weaklistoffset = offsetof(FunctionObject, weakreflist),
    .tp_getset = func_getset,
    .tp_descr_get = func_descr_get,
    .tp_dictoffset = offsetof(FunctionObject, dict),
};

// ---- bound method ----

static Object* method_vectorcall(Object* callable, Object* const* args, size_t nargsf, Object* kwnames) {
  auto* m = reinterpret_cast<MethodObject*>(callable);
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  Object* small[16];
  Object** buf = nargs + nkw + 1 <= 16 ? small : static_cast<Object**>(alloca(size_t(nargs + nkw + 1) * sizeof(Object*)));
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
static void method_dealloc(Object* o) {
  auto* m = reinterpret_cast<MethodObject*>(o);
  clear_weakrefs(o);
  decref(m->im_func);
  decref(m->im_self);
  object_free(o);
}
static Object* method_repr(Object* o) {
  auto* m = reinterpret_cast<MethodObject*>(o);
  std::string name = "?";
  Object* q = nullptr;
  if (get_attr_optional(m->im_func, strs::qualname, &q) > 0) {
    name = std::string(str_view(q));
    decref(q);
  }
  error_clear();
  std::string self;
  if (!repr_utf8(m->im_self, &self)) return nullptr;
  return str_from_utf8(fmt::format("<bound method {} of {}>", name, self));
}
static Object* method_get_func(Object* o, void*) { return newref(reinterpret_cast<MethodObject*>(o)->im_func); }
static Object* method_get_self(Object* o, void*) { return newref(reinterpret_cast<MethodObject*>(o)->im_self); }
static PyGetSetDef method_getset[] = {{"__func__", method_get_func, nullptr, nullptr, nullptr},
                                      {"__self__", method_get_self, nullptr, nullptr, nullptr},
                                      {nullptr, nullptr, nullptr, nullptr, nullptr}};
static Object* method_getattro(Object* o, Object* name) {
  Object* r = generic_getattr(o, name);
  if (r || !error_matches(&exc_AttributeError)) return r;
  error_clear();
  return get_attr(reinterpret_cast<MethodObject*>(o)->im_func, name);
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
    .tp_flags = Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_richcompare = method_richcompare,
    .tp_weaklistoffset = offsetof(MethodObject, im_weakreflist),
    .tp_getset = method_getset,
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
static Object* cell_get_contents(Object* o, void*) {
  Object* v = reinterpret_cast<CellObject*>(o)->ob_ref;
  if (!v) return set_error(&exc_ValueError, "Cell is empty");
  return newref(v);
}
static PyGetSetDef cell_getset[] = {{"cell_contents", cell_get_contents, nullptr, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};
Type cell_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "cell",
    .tp_basicsize = sizeof(CellObject),
    .tp_dealloc = cell_dealloc,
    .tp_getset = cell_getset,
};

// ---- frame snapshots and tracebacks ----

static void frame_dealloc(Object* o) {
  auto* f = reinterpret_cast<FrameObject*>(o);
  xdecref(f->f_code);
  xdecref(f->f_globals);
  xdecref(f->f_back);
  object_free(o);
}
static Object* frame_get_code(Object* o, void*) { return newref(reinterpret_cast<FrameObject*>(o)->f_code); }
static Object* frame_get_globals(Object* o, void*) { return newref(reinterpret_cast<FrameObject*>(o)->f_globals); }
Object* int_from_i64(int64_t v);
static Object* frame_get_lineno(Object* o, void*) { return int_from_i64(reinterpret_cast<FrameObject*>(o)->f_lineno); }
static PyGetSetDef frame_getset[] = {{"f_code", frame_get_code, nullptr, nullptr, nullptr},
                                     {"f_globals", frame_get_globals, nullptr, nullptr, nullptr},
                                     {"f_lineno", frame_get_lineno, nullptr, nullptr, nullptr},
                                     {nullptr, nullptr, nullptr, nullptr, nullptr}};
Type frame_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "frame",
    .tp_basicsize = sizeof(FrameObject),
    .tp_dealloc = frame_dealloc,
    .tp_getset = frame_getset,
};

Object* traceback_new(Object* next, CodeObject* code, Object* globals, int lasti, int lineno) {
  auto* fo = reinterpret_cast<FrameObject*>(new_object(&frame_type, sizeof(FrameObject)));
  if (!fo) return nullptr;
  fo->f_code = newref(reinterpret_cast<Object*>(code));
  fo->f_globals = newref(globals);
  fo->f_lineno = lineno;
  fo->f_lasti = lasti;
  auto* tb = reinterpret_cast<TracebackObject*>(new_object(&traceback_type, sizeof(TracebackObject)));
  if (!tb) {
    decref(reinterpret_cast<Object*>(fo));
    return nullptr;
  }
  tb->tb_next = xnewref(next);
  tb->tb_frame = reinterpret_cast<Object*>(fo);
  tb->tb_lasti = lasti * 2;
  tb->tb_lineno = lineno;
  return reinterpret_cast<Object*>(tb);
}
static void tb_dealloc(Object* o) {
  auto* tb = reinterpret_cast<TracebackObject*>(o);
  xdecref(tb->tb_next);
  xdecref(tb->tb_frame);
  object_free(o);
}
static Object* tb_get_next(Object* o, void*) {
  Object* n = reinterpret_cast<TracebackObject*>(o)->tb_next;
  return newref(n ? n : none());
}
static Object* tb_get_frame(Object* o, void*) { return newref(reinterpret_cast<TracebackObject*>(o)->tb_frame); }
static Object* tb_get_lineno(Object* o, void*) { return int_from_i64(reinterpret_cast<TracebackObject*>(o)->tb_lineno); }
static PyGetSetDef tb_getset[] = {{"tb_next", tb_get_next, nullptr, nullptr, nullptr},
                                  {"tb_frame", tb_get_frame, nullptr, nullptr, nullptr},
                                  {"tb_lineno", tb_get_lineno, nullptr, nullptr, nullptr},
                                  {nullptr, nullptr, nullptr, nullptr, nullptr}};
Type traceback_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "traceback",
    .tp_basicsize = sizeof(TracebackObject),
    .tp_dealloc = tb_dealloc,
    .tp_getset = tb_getset,
};

// ---- generators ----

Object* generator_new(Object* func, Frame* frame) {
  CodeObject* co = as_code(reinterpret_cast<FunctionObject*>(func)->code);
  Type* t = (co->flags & kCoCoroutine) ? &coroutine_type
             : (co->flags & kCoAsyncGenerator) ? &async_gen_type
                                                : &generator_type;
  auto* g = reinterpret_cast<GeneratorObject*>(new_object(t, sizeof(GeneratorObject)));
  if (!g) {
    alloc::raw_free(frame);
    return nullptr;
  }
  auto* fn = reinterpret_cast<FunctionObject*>(func);
  g->func = newref(func);
  g->name = newref(fn->name);
  g->qualname = newref(fn->qualname);
  g->frame = frame;
  frame->func = func;
  return reinterpret_cast<Object*>(g);
}

static void gen_clear_frame(GeneratorObject* g) {
  Frame* f = g->frame;
  if (!f) return;
  g->frame = nullptr;
  CodeObject* co = f->code;
  if (f->next_index >= 0) {
    for (int i = 0; i < co->nlocalsplus + f->stack_depth; i++) xdecref(f->localsplus[i]);
    xdecref(f->locals);
  }
  alloc::raw_free(f);
}

void gen_dealloc(Object* o) {
  auto* g = reinterpret_cast<GeneratorObject*>(o);
  clear_weakrefs(o);
  gen_clear_frame(g);
  xdecref(g->func);
  xdecref(g->name);
  xdecref(g->qualname);
  xdecref(g->exc_state);
  object_free(o);
}

Object* generator_resume(GeneratorObject* g, Object* value, bool* returned) {
  *returned = false;
  if (g->running) return set_error(&exc_ValueError, "generator already executing");
  if (g->finished || !g->frame) {
    if (type_of(reinterpret_cast<Object*>(g)) == &coroutine_type) {
      // Sending or throwing into a finished coroutine (close() returns before reaching here), as CPython.
      error_clear();
      return set_error(&exc_RuntimeError, "cannot reuse already awaited coroutine");
    }
    if (!value) return nullptr;  // throwing into a finished generator: the error stands
    set_error_value(&exc_StopIteration, nullptr);
    return nullptr;
  }
  Frame* f = g->frame;
  bool started = f->stack_depth > 0 || f->next_index > 0;
  (void)started;
  ThreadState& ts = thread_state();
  // Push the sent value where YIELD_VALUE/RETURN_GENERATOR left room for it. A throw pushes None too, as CPython
  // does: the handler of a yield inside `yield from`/`await` (CLEANUP_THROW) expects that slot.
  f->localsplus[f->code->nlocalsplus + f->stack_depth] = newref(value ? value : none());
  f->stack_depth++;
  // Swap the handled-exception state.
  Object* saved = ts.handled;
  ts.handled = g->exc_state;
  g->exc_state = nullptr;
  g->running = true;
  g->started = true;
  ts.depth++;
  Object* r;
  if (value) {
    r = eval_frame(f);
  } else {
    // Throw: resume the frame straight into its exception handler for the current instruction.
    f->next_index = f->next_index;  // unwinding starts from lasti (the YIELD_VALUE)
    r = eval_frame(f, true);
  }
  ts.depth--;
  g->running = false;
  g->exc_state = ts.handled;
  ts.handled = saved;
  if (f->next_index < 0) {
    g->finished = true;
    gen_clear_frame(g);
    if (r) {
      *returned = true;
    }
  }
  return r;
}

Object* gen_send_impl(GeneratorObject* g, Object* value) {
  bool returned = false;
  Object* r = generator_resume(g, value, &returned);
  if (r && returned) {
    if (r == none()) {
      set_error_value(&exc_StopIteration, nullptr);
    } else {
      ORef t = steal(tuple_pack({r}));
      set_error_value(&exc_StopIteration, t.get());
    }
    decref(r);
    return nullptr;
  }
  if (!r && error_matches(&exc_StopIteration) && !returned && g->finished) {
    // A StopIteration escaping the body was already converted by the compiler's handler.
  }
  return r;
}

static Object* gen_iternext(Object* o) {
  auto* g = reinterpret_cast<GeneratorObject*>(o);
  bool returned = false;
  if (g->finished) return nullptr;
  Object* r = generator_resume(g, none(), &returned);
  if (r && returned) {
    if (r != none()) {
      ORef t = steal(tuple_pack({r}));
      set_error_value(&exc_StopIteration, t.get());
    }
    decref(r);
    return nullptr;
  }
  return r;
}
Object* gen_send(Object* o, Object* v) {
  auto* g = reinterpret_cast<GeneratorObject*>(o);
  if (!g->started && !g->finished && v != none())
    return set_error(&exc_TypeError, "can't send non-None value to a just-started generator");
  return gen_send_impl(g, v);
}
// The sub-iterator a suspended generator is delegating to (`yield from` / `await`), or null: the frame stopped at a
// YIELD_VALUE followed by RESUME with oparg >= 2, and the receiver is on top of its stack (CPython's _PyGen_yf).
static Object* gen_delegate(GeneratorObject* g) {
  Frame* f = g->frame;
  if (!f || !g->started || g->finished || f->next_index < 0 || f->stack_depth < 1) return nullptr;
  CodeObject* co = f->code;
  int li = f->lasti;
  if (li < 0 || li + 1 >= co->ninstrs) return nullptr;
  if ((co->instrs[li] & 0xff) != YIELD_VALUE) return nullptr;
  uint16_t next = co->instrs[li + 1];
  if ((next & 0xff) != RESUME || (next >> 8) < 2) return nullptr;
  return f->localsplus[co->nlocalsplus + f->stack_depth - 1];
}

// Resumes `g` with the current exception thrown in. A generator suspended in `yield from`/`await` first passes the
// exception to its sub-iterator (GeneratorExit closes it instead); whatever the sub-iterator raises, StopIteration
// included, is then thrown into this frame, whose CLEANUP_THROW handler finishes the delegation.
static Object* gen_throw_current(GeneratorObject* g, bool* returned) {
  *returned = false;
  if (Object* yf = gen_delegate(g)) {
    ORef sub = borrow(yf);
    ORef exc = steal(error_take());
    bool closing = type_check(exc.get(), &exc_GeneratorExit);
    Type* yt = type_of(yf);
    bool is_gen = yt == &generator_type || yt == &coroutine_type;
    Object* r = nullptr;
    bool delegated = true;
    g->running = true;
    if (closing) {
      ORef c = is_gen ? steal(gen_close(yf, nullptr)) : ORef();
      if (!is_gen) {
        Object* m = nullptr;
        int has = get_attr_optional(yf, str_interned("close"), &m);
        if (has > 0) {
          c = steal(call0(m));
          decref(m);
        }
      }
      if (error_occurred()) exc = steal(error_take());  // an error while closing replaces GeneratorExit
      delegated = false;
    } else if (is_gen) {
      Object* a[1] = {exc.get()};
      r = gen_throw(yf, a, 1);
    } else {
      Object* m = nullptr;
      int has = get_attr_optional(yf, str_interned("throw"), &m);
      if (has > 0) {
        r = call1(m, exc.get());
        decref(m);
      } else {
        delegated = false;  // no throw(): raise the exception here
      }
    }
    g->running = false;
    if (delegated) {
      if (r) return r;  // the sub-iterator yielded: stay suspended in the delegation
    } else {
      set_error_steal(exc.release());
    }
  }
  return generator_resume(g, nullptr, returned);
}

Object* gen_throw(Object* o, Object* const* args, ssize nargs) {
  auto* g = reinterpret_cast<GeneratorObject*>(o);
  if (nargs < 1 || nargs > 3) return set_errorf(&exc_TypeError, "throw expected at least 1 argument, got {}", nargs);
  Object* typ = args[0];
  if (is_exception_class(typ)) {
    if (nargs >= 2 && args[1] != none()) {
      set_error_value(reinterpret_cast<Type*>(typ), args[1]);
    } else {
      set_error_value(reinterpret_cast<Type*>(typ), nullptr);
    }
  } else if (is_exception_instance(typ)) {
    set_error_steal(newref(typ));
  } else {
    return set_errorf(&exc_TypeError, "exceptions must be classes or instances deriving from BaseException, not {}",
                      type_name(typ));
  }
  if (g->finished || !g->frame) return nullptr;
  bool returned = false;
  Object* r = gen_throw_current(g, &returned);
  if (r && returned) {
    if (r != none()) {
      ORef t = steal(tuple_pack({r}));
      set_error_value(&exc_StopIteration, t.get());
    } else {
      set_error_value(&exc_StopIteration, nullptr);
    }
    decref(r);
    return nullptr;
  }
  return r;
}
Object* gen_close(Object* o, Object*) {
  auto* g = reinterpret_cast<GeneratorObject*>(o);
  if (g->finished || !g->frame) return newref(none());
  if (g->frame->next_index <= 0) {
    g->finished = true;
    gen_clear_frame(g);
    return newref(none());
  }
  set_error_value(&exc_GeneratorExit, nullptr);
  bool returned = false;
  Object* r = gen_throw_current(g, &returned);
  if (r) {
    decref(r);
    if (!returned) return set_error(&exc_RuntimeError, "generator ignored GeneratorExit");
    return newref(none());
  }
  if (error_matches(&exc_StopIteration) || error_matches(&exc_GeneratorExit)) {
    error_clear();
    return newref(none());
  }
  return nullptr;
}
static Object* gen_iter(Object* o) { return newref(o); }
static Object* gen_repr(Object* o) {
  auto* g = reinterpret_cast<GeneratorObject*>(o);
  return str_from_utf8(fmt::format("<generator object {} at {}>", str_view(g->qualname), static_cast<void*>(o)));
}
Object* gen_get_name(Object* o, void*) { return newref(reinterpret_cast<GeneratorObject*>(o)->name); }
Object* gen_get_qualname(Object* o, void*) { return newref(reinterpret_cast<GeneratorObject*>(o)->qualname); }
Object* gen_get_running(Object* o, void*) { return newref(bool_obj(reinterpret_cast<GeneratorObject*>(o)->running)); }
static PyGetSetDef gen_getset[] = {{"__name__", gen_get_name, nullptr, nullptr, nullptr},
                                   {"__qualname__", gen_get_qualname, nullptr, nullptr, nullptr},
                                   {"gi_running", gen_get_running, nullptr, nullptr, nullptr},
                                   {nullptr, nullptr, nullptr, nullptr, nullptr}};
static PyMethodDef gen_methods[] = {
    {"send", gen_send, METH_O, nullptr},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(gen_throw)), METH_FASTCALL, nullptr},
    {"close", gen_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
Type generator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "generator",
    .tp_basicsize = sizeof(GeneratorObject),
    .tp_dealloc = gen_dealloc,
    .tp_repr = gen_repr,
    .tp_weaklistoffset = offsetof(GeneratorObject, weakreflist),
    .tp_iter = gen_iter,
    .tp_iternext = gen_iternext,
    .tp_methods = gen_methods,
    .tp_getset = gen_getset,
};

}  // namespace pyvm
