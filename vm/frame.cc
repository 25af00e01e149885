// Frame objects (the Python view of an activation, made on demand) and traceback objects.
#include <cstring>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/instrument_internal.h"
#include "objects/types.h"
#include "vm/function.h"
#include "vm/interp.h"

namespace pyvm {

static FrameObject* as_frame_obj(Object* o) { return reinterpret_cast<FrameObject*>(o); }

// ---- frames ----

Object* frame_object_for(Frame* f) {
  if (f->frame_obj) return newref(f->frame_obj);
  auto* fo = reinterpret_cast<FrameObject*>(new_object(&frame_type, sizeof(FrameObject)));
  if (!fo) return nullptr;
  fo->frame = f;
  fo->code = newref(reinterpret_cast<Object*>(f->code));
  fo->globals = newref(f->globals);
  fo->builtins = newref(f->builtins);
  f->frame_obj = reinterpret_cast<Object*>(fo);
  return newref(f->frame_obj);
}

void frame_detach(Frame* f) {
  Object* obj = f->frame_obj;
  if (!obj) return;
  f->frame_obj = nullptr;
  FrameObject* fo = as_frame_obj(obj);
  int n = f->code->nlocalsplus;
  size_t size = offsetof(Frame, localsplus) + size_t(n > 0 ? n : 1) * sizeof(Object*);
  auto* copy = static_cast<Frame*>(alloc::raw_alloc(size));
  std::memset(copy, 0, size);
  copy->code = as_code(fo->code);
  copy->globals = fo->globals;
  copy->builtins = fo->builtins;
  copy->next_index = f->next_index;
  copy->instr_ptr = f->instr_ptr;
  copy->is_generator = f->is_generator;
  // Move (not copy) the variables: the activation is ending and would release them next.
  for (int i = 0; i < n; i++) {
    copy->localsplus[i] = f->localsplus[i];
    f->localsplus[i] = nullptr;
  }
  copy->locals = f->locals;
  f->locals = nullptr;
  if (f->previous && !fo->back) {
    fo->back = frame_object_for(f->previous);
    if (!fo->back) error_clear();  // only f_back is lost
  }
  fo->frame = copy;
  fo->owns_frame = true;
  decref(obj);
}

static void frame_free_copy(FrameObject* fo) {
  Frame* copy = fo->frame;
  fo->frame = nullptr;
  if (!copy || !fo->owns_frame) return;
  for (int i = 0; i < copy->code->nlocalsplus; i++) xdecref(copy->localsplus[i]);
  xdecref(copy->locals);
  alloc::raw_free(copy);
}

Object* frame_locals_dict(Frame* f) {
  if (f->locals) return newref(f->locals);
  ORef d = steal(dict_new());
  if (!d) return nullptr;
  CodeObject* co = f->code;
  const uint8_t* kinds = reinterpret_cast<const uint8_t*>(bytes_data(co->localspluskinds));
  for (int i = 0; i < co->nlocalsplus; i++) {
    Object* v = f->localsplus[i];
    if (v && (kinds[i] & (kFastCell | kFastFree)) && type_of(v) == &cell_type)
      v = reinterpret_cast<CellObject*>(v)->ob_ref;
    if (!v || (kinds[i] & kFastHidden)) continue;
    // Free variables of a function are only visible to locals() when they are also its own variables (3.13 rule).
    if ((kinds[i] & kFastFree) && !(co->flags & kCoOptimized)) continue;
    if (dict_set(d.get(), tuple_get(co->localsplusnames, i), v) < 0) return nullptr;
  }
  return d.release();
}

int frame_lineno(Frame* f) { return code_addr_to_line(f->code, frame_lasti(f)); }

static void frame_dealloc(Object* o) {
  auto* fo = as_frame_obj(o);
  frame_free_copy(fo);
  xdecref(fo->back);
  xdecref(fo->code);
  xdecref(fo->globals);
  xdecref(fo->builtins);
  xdecref(fo->trace);
  object_free(o);
}

static Object* frame_get_code(Object* o, void*) { return newref(as_frame_obj(o)->code); }
static Object* frame_get_globals(Object* o, void*) { return newref(as_frame_obj(o)->globals); }
static Object* frame_get_builtins(Object* o, void*) { return newref(as_frame_obj(o)->builtins); }
static Object* frame_get_lineno(Object* o, void*) {
  Frame* f = as_frame_obj(o)->frame;
  int line = f ? frame_lineno(f) : -1;
  return line < 0 ? newref(none()) : int_from_i64(line);
}
static Object* frame_get_lasti(Object* o, void*) {
  Frame* f = as_frame_obj(o)->frame;
  return int_from_i64(f ? frame_lasti(f) * 2 : -1);
}
static Object* frame_get_locals(Object* o, void*) {
  Frame* f = as_frame_obj(o)->frame;
  if (!f) return dict_new();  // cleared
  return frame_locals_dict(f);
}
static Object* frame_get_back(Object* o, void*) {
  auto* fo = as_frame_obj(o);
  if (!fo->owns_frame && fo->frame && fo->frame->previous) return frame_object_for(fo->frame->previous);
  return newref(fo->back ? fo->back : none());
}
static Object* frame_get_trace(Object* o, void*) {
  Object* t = as_frame_obj(o)->trace;
  return newref(t ? t : none());
}
static int frame_set_trace(Object* o, Object* v, void*) {
  set_slot(&as_frame_obj(o)->trace, v == none() ? nullptr : xnewref(v));
  return 0;
}
static Object* frame_get_trace_lines(Object* o, void*) { return newref(bool_obj(!as_frame_obj(o)->no_trace_lines)); }
static Object* frame_get_trace_opcodes(Object* o, void*) { return newref(bool_obj(as_frame_obj(o)->trace_opcodes)); }
static int frame_set_flag(Object* v, bool* flag, const char* name) {
  if (!v) return set_errorf(&exc_AttributeError, "cannot delete {}", name), -1;
  if (type_of(v) != &bool_type) return set_errorf(&exc_TypeError, "attribute value type must be bool"), -1;
  *flag = v == true_();
  return 0;
}
static int frame_set_trace_lines(Object* o, Object* v, void*) {
  bool on;
  if (frame_set_flag(v, &on, "f_trace_lines") < 0) return -1;
  as_frame_obj(o)->no_trace_lines = !on;
  return 0;
}
static int frame_set_trace_opcodes(Object* o, Object* v, void*) {
  // 'opcode' events reach the frame's f_trace while sys.settrace is active (its frames use the traced dispatch).
  return frame_set_flag(v, &as_frame_obj(o)->trace_opcodes, "f_trace_opcodes");
}
static PyGetSetDef frame_getset[] = {{"f_code", frame_get_code, nullptr, nullptr, nullptr},
                                     {"f_globals", frame_get_globals, nullptr, nullptr, nullptr},
                                     {"f_builtins", frame_get_builtins, nullptr, nullptr, nullptr},
                                     {"f_lineno", frame_get_lineno, nullptr, nullptr, nullptr},
                                     {"f_lasti", frame_get_lasti, nullptr, nullptr, nullptr},
                                     {"f_locals", frame_get_locals, nullptr, nullptr, nullptr},
                                     {"f_back", frame_get_back, nullptr, nullptr, nullptr},
                                     {"f_trace", frame_get_trace, frame_set_trace, nullptr, nullptr},
                                     {"f_trace_lines", frame_get_trace_lines, frame_set_trace_lines, nullptr, nullptr},
                                     {"f_trace_opcodes", frame_get_trace_opcodes, frame_set_trace_opcodes, nullptr, nullptr},
                                     {nullptr, nullptr, nullptr, nullptr, nullptr}};

// Drops the variables of a frame copy this object owns, each slot nulled before its value is released (a
// destructor may look at the frame again).
static void drop_variables(Frame* copy) {
  for (int i = 0; i < copy->code->nlocalsplus; i++) clear_ref(&copy->localsplus[i]);
  clear_ref(&copy->locals);
}

// frame.clear(): drops the variables of a finished frame; a running or suspended one cannot be cleared, and the
// frame of a generator that has not started yet finishes that generator first.
static Object* frame_clear(Object* o, Object*) {
  auto* fo = as_frame_obj(o);
  if (fo->frame && !fo->owns_frame) {
    auto* g = reinterpret_cast<GeneratorObject*>(fo->frame->generator);
    if (!g || g->running) return set_error(&exc_RuntimeError, "cannot clear an executing frame");
    if (g->started) return set_error(&exc_RuntimeError, "cannot clear a suspended frame");
    ORef keep = borrow(reinterpret_cast<Object*>(g));
    ORef r = steal(gen_close(reinterpret_cast<Object*>(g), nullptr));  // detaches this frame object
    if (!r) return nullptr;
  }
  if (Frame* copy = fo->frame) drop_variables(copy);
  return newref(none());
}
// Collector support. The fixed fields are strong. The variables are visited only when this object owns them (the
// activation has ended and moved them here): a running activation's variables belong to it, and a suspended
// generator's to the generator. tp_clear drops owned variables (as frame.clear() does for a finished frame) and
// f_trace; f_back stays (frames link only toward callers).
static int frame_traverse(Object* o, visitproc visit, void* arg) {
  auto* fo = as_frame_obj(o);
  for (Object* v : {fo->back, fo->code, fo->globals, fo->builtins, fo->trace})
    if (v)
      if (int r = visit(v, arg)) return r;
  if (Frame* copy = fo->frame; copy && fo->owns_frame) {
    for (int i = 0; i < copy->code->nlocalsplus; i++)
      if (Object* v = copy->localsplus[i])
        if (int r = visit(v, arg)) return r;
    if (copy->locals)
      if (int r = visit(copy->locals, arg)) return r;
  }
  return 0;
}
static int frame_tp_clear(Object* o) {
  auto* fo = as_frame_obj(o);
  if (Frame* copy = fo->frame; copy && fo->owns_frame) drop_variables(copy);
  clear_ref(&fo->trace);
  return 0;
}

static PyMethodDef frame_methods[] = {{"clear", frame_clear, METH_NOARGS, nullptr}, {nullptr, nullptr, 0, nullptr}};

static Object* frame_repr(Object* o) {
  auto* fo = as_frame_obj(o);
  CodeObject* co = as_code(fo->code);
  int line = fo->frame ? frame_lineno(fo->frame) : -1;
  ORef file = steal(object_repr(co->filename));
  if (!file) return nullptr;
  return str_from_utf8(fmt::format("<frame at {}, file {}, line {}, code {}>", static_cast<void*>(o),
                                   str_view(file.get()), line, str_view(co->name)));
}

Type frame_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "frame",
    .tp_basicsize = sizeof(FrameObject),
    .tp_dealloc = frame_dealloc,
    .tp_repr = frame_repr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = frame_traverse,
    .tp_clear = frame_tp_clear,
    .tp_methods = frame_methods,
    .tp_getset = frame_getset,
};

// ---- tracebacks ----

Object* traceback_new(Object* next, Frame* f, int lasti, int lineno) {
  ORef fo = steal(frame_object_for(f));
  if (!fo) return nullptr;
  auto* tb = reinterpret_cast<TracebackObject*>(new_object(&traceback_type, sizeof(TracebackObject)));
  if (!tb) return nullptr;
  tb->tb_next = xnewref(next);
  tb->tb_frame = fo.release();
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
// Collector support: both fields are strong. No tp_clear: a cycle through a traceback is broken by its frame's
// or its exception's clear.
static int tb_traverse(Object* o, visitproc visit, void* arg) {
  auto* tb = reinterpret_cast<TracebackObject*>(o);
  for (Object* v : {tb->tb_next, tb->tb_frame})
    if (v)
      if (int r = visit(v, arg)) return r;
  return 0;
}
static Object* tb_get_next(Object* o, void*) {
  Object* n = reinterpret_cast<TracebackObject*>(o)->tb_next;
  return newref(n ? n : none());
}
// tb_next may be replaced by another traceback (or None), as long as no loop forms.
static int tb_set_next(Object* o, Object* v, void*) {
  if (!v) {
    set_error(&exc_TypeError, "can't delete tb_next attribute");
    return -1;
  }
  if (v == none()) v = nullptr;
  if (v && type_of(v) != &traceback_type) {
    set_errorf(&exc_TypeError, "expected traceback object, got '{}'", type_name(v));
    return -1;
  }
  for (Object* c = v; c; c = reinterpret_cast<TracebackObject*>(c)->tb_next)
    if (c == o) {
      set_error(&exc_ValueError, "traceback loop detected");
      return -1;
    }
  set_slot(&reinterpret_cast<TracebackObject*>(o)->tb_next, xnewref(v));
  return 0;
}
static Object* tb_get_frame(Object* o, void*) { return newref(reinterpret_cast<TracebackObject*>(o)->tb_frame); }
static Object* tb_get_lineno(Object* o, void*) {
  return int_from_i64(reinterpret_cast<TracebackObject*>(o)->tb_lineno);
}
static Object* tb_get_lasti(Object* o, void*) { return int_from_i64(reinterpret_cast<TracebackObject*>(o)->tb_lasti); }
static PyGetSetDef tb_getset[] = {{"tb_next", tb_get_next, tb_set_next, nullptr, nullptr},
                                  {"tb_frame", tb_get_frame, nullptr, nullptr, nullptr},
                                  {"tb_lineno", tb_get_lineno, nullptr, nullptr, nullptr},
                                  {"tb_lasti", tb_get_lasti, nullptr, nullptr, nullptr},
                                  {nullptr, nullptr, nullptr, nullptr, nullptr}};

// dir(tb) lists only the four tb_* attributes, as CPython's traceback.__dir__.
static Object* tb_dir(Object*, Object*) {
  ORef l = steal(list_new(0));
  if (!l) return nullptr;
  for (const char* n : {"tb_frame", "tb_next", "tb_lasti", "tb_lineno"})
    if (list_append(l.get(), str_interned(n)) < 0) return nullptr;
  return l.release();
}
static PyMethodDef tb_methods[] = {{"__dir__", tb_dir, METH_NOARGS, nullptr}, {nullptr, nullptr, 0, nullptr}};

// types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)
static Object* tb_new(Type*, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds)) return set_error(&exc_TypeError, "traceback() takes no keyword arguments");
  ssize n = tuple_size(args);
  if (n != 4) return set_errorf(&exc_TypeError, "traceback expected 4 arguments, got {}", n);
  Object* next = tuple_get(args, 0);
  Object* frame = tuple_get(args, 1);
  if (next != none() && type_of(next) != &traceback_type)
    return set_errorf(&exc_TypeError, "expected traceback object or None, got '{}'", type_name(next));
  if (type_of(frame) != &frame_type)
    return set_errorf(&exc_TypeError, "traceback() argument 2 must be frame, not {}", type_name(frame));
  int vals[2];
  for (int i = 0; i < 2; i++) {
    Object* v = tuple_get(args, 2 + i);
    if (!type_check(v, &int_type))
      return set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    int overflow = 0;
    int64_t x = int_as_i64(v, &overflow);
    if (overflow || x < INT32_MIN || x > INT32_MAX)
      return set_error(&exc_OverflowError, "Python int too large to convert to C int");
    vals[i] = int(x);
  }
  auto* tb = reinterpret_cast<TracebackObject*>(new_object(&traceback_type, sizeof(TracebackObject)));
  if (!tb) return nullptr;
  tb->tb_next = next == none() ? nullptr : newref(next);
  tb->tb_frame = newref(frame);
  tb->tb_lasti = vals[0];
  tb->tb_lineno = vals[1];
  return reinterpret_cast<Object*>(tb);
}

Type traceback_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "traceback",
    .tp_basicsize = sizeof(TracebackObject),
    .tp_dealloc = tb_dealloc,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = tb_traverse,
    .tp_methods = tb_methods,
    .tp_getset = tb_getset,
    .tp_new = tb_new,
};

// ---- sys._getframe / sys._getframemodulename ----

// The frame `depth` calls out from the running Python frame, or null.
static Frame* frame_at_depth(ssize depth) {
  Frame* f = thread_state().frame;
  while (f && depth-- > 0) f = f->previous;
  return f;
}

static bool depth_arg(Object* v, ssize* out) {
  if (!type_check(v, &int_type)) {
    set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  *out = int_as_ssize(v);
  return !(*out == -1 && error_occurred());
}

static Object* sys_getframe(Object*, Object* const* args, ssize nargs) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "_getframe expected at most 1 argument, got {}", nargs);
  ssize depth = 0;
  if (nargs && !depth_arg(args[0], &depth)) return nullptr;
  Frame* f = frame_at_depth(depth < 0 ? 0 : depth);
  if (!f) return set_error(&exc_ValueError, "call stack is not deep enough");
  return frame_object_for(f);
}

// The __module__ of the function running `depth` frames out (None when there is none), for the stdlib's callers
// that want their caller's module.
static Object* sys_getframemodulename(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[1] = {};
  if (!parse_args("_getframemodulename", args, nargs, kwnames, {"depth"}, 0, out)) return nullptr;
  ssize depth = 0;
  if (out[0] && !depth_arg(out[0], &depth)) return nullptr;
  Frame* f = frame_at_depth(depth < 0 ? 0 : depth);
  if (!f || !f->func || type_of(f->func) != &function_type) return newref(none());
  Object* m = reinterpret_cast<FunctionObject*>(f->func)->module;
  return newref(m ? m : none());
}

static PyMethodDef sys_frame_methods[] = {
    {"_getframe", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(sys_getframe)), METH_FASTCALL, nullptr},
    {"_getframemodulename", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(sys_getframemodulename)),
     METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

Object* frame_local_trace(Object* frame_obj) { return as_frame_obj(frame_obj)->trace; }
void frame_set_local_trace(Object* frame_obj, Object* fn) { set_slot(&as_frame_obj(frame_obj)->trace, xnewref(fn)); }
bool frame_trace_lines(Object* frame_obj) { return !as_frame_obj(frame_obj)->no_trace_lines; }
bool frame_trace_opcodes(Object* frame_obj) { return as_frame_obj(frame_obj)->trace_opcodes; }

int sys_frame_init(Object* sys_module) { return module_add_functions(sys_module, sys_frame_methods); }

}  // namespace pyvm
