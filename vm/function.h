// Functions, bound methods, cells, frames, generators and tracebacks: the objects the interpreter works with.
#pragma once

#include "objects/cell.h"
#include "objects/object.h"
#include "vm/code.h"

namespace pyvm {

struct FunctionObject {
  PyObject ob_base;
  Object* globals;
  Object* builtins;
  Object* name;
  Object* qualname;
  Object* code;
  Object* defaults;    // tuple or null
  Object* kwdefaults;  // dict or null
  Object* closure;     // tuple of cells or null
  Object* doc;
  Object* dict;
  Object* weakreflist;
  Object* module;
  Object* annotations;
  Object* typeparams;
  vectorcallfunc vectorcall;
  Object* retired_code;  // code objects replaced through __code__, kept alive for frames still running them
};

struct MethodObject {
  PyObject ob_base;
  Object* im_func;
  Object* im_self;
  Object* im_weakreflist;
  vectorcallfunc vectorcall;
};

// An activation record. Frames of calls the interpreter runs in place (CALL/CALL_KW of a Python function) live on
// the thread's FrameArena (vm/threads.h); other normal frames on the C stack of function_vectorcall (alloca);
// generator frames inside their generator object. localsplus holds nlocalsplus locals/cells/frees, then the value stack. A frame is touched only by
// the thread running it (or, while its generator is suspended, by whichever thread holds the generator).
struct Frame {
  Frame* previous;    // the caller while this frame runs; null while a generator frame is suspended
  CodeObject* code;   // borrowed: kept alive by func or by the caller
  Object* func;       // borrowed (the caller or the generator owns it), may be null
  Object* globals;    // borrowed
  Object* builtins;   // borrowed
  Object* locals;     // strong or null (module / class bodies)
  Object* frame_obj;  // the FrameObject made for this activation (strong), or null: see frame_object_for
  int next_index;     // code-unit index of the next instruction to execute
  // The instruction being executed (null before the first): a pointer into code->instrs, which the interpreter
  // stores on every call without computing an index. frame_lasti() gives its code-unit index.
  const uint16_t* instr_ptr;
  int stack_depth;    // saved value-stack depth (generators)
  bool is_generator;
  Object* generator;  // the generator whose heap frame this is (borrowed: it owns the frame), else null
  Object* localsplus[1];
};

// The bytes a frame for `co` takes: the header, the locals and the value stack.
inline size_t frame_size(const CodeObject* co) {
  return offsetof(Frame, localsplus) + size_t(co->nlocalsplus + co->stacksize) * sizeof(Object*);
}

// Sets up the header of a new activation of function `func` (code `co`); the caller binds the locals. Only the
// header needs initialising, field by field (a memset costs more for frames this small); the value stack is written
// before it is read.
inline void frame_init(Frame* f, Object* func, CodeObject* co, Object* globals, Object* builtins) {
  f->previous = nullptr;
  f->code = co;
  f->func = func;
  f->globals = globals;
  f->builtins = builtins;
  f->locals = nullptr;
  f->frame_obj = nullptr;
  f->next_index = 0;
  f->instr_ptr = nullptr;
  f->stack_depth = 0;
  f->is_generator = false;
  f->generator = nullptr;
}

// Binds call arguments (borrowed: the locals get new references) into a new frame's locals, which must be null,
// with CPython's error messages. Returns -1 on error; the locals bound so far are then the caller's to release.
int bind_args(FunctionObject* func, CodeObject* co, Object** locals, Object* const* args, ssize nargs,
              Object* kwnames);

// The code-unit index of the instruction frame `f` is executing (0 before the first).
inline int frame_lasti(const Frame* f) { return f->instr_ptr ? int(f->instr_ptr - f->code->instrs) : 0; }

struct TracebackObject {
  PyObject ob_base;
  Object* tb_next;
  Object* tb_frame;  // a FrameObject
  int tb_lasti;      // in bytes, as CPython reports it
  int tb_lineno;
};

// The Python-visible frame (our own layout: frames are opaque to extensions). While its activation runs, or its
// generator holds it suspended, `frame` is the live Frame; when the activation ends, frame_detach moves the locals
// into a heap copy that this object owns (as CPython's frame objects take ownership of their frame). The fields
// change only on the thread that ends the activation; reading a frame that another thread is running is a race,
// as in CPython 3.13t.
struct FrameObject {
  PyObject ob_base;
  Frame* frame;
  Object* back;      // the caller's frame object, captured when the activation ended; strong or null
  Object* code;      // strong (the owned copy borrows code, globals and builtins from here)
  Object* globals;   // strong
  Object* builtins;  // strong
  Object* trace;     // f_trace, strong or null
  bool owns_frame;   // `frame` is our heap copy
  bool no_trace_lines;  // f_trace_lines is False (the default is True)
  bool trace_opcodes;   // f_trace_opcodes
};

// The frame object of a live frame (created on first use and cached in f->frame_obj). New reference.
[[nodiscard]] Object* frame_object_for(Frame* f);
// Ends the frame object's view of `f` (the activation is ending): moves the locals into the object's own copy and
// drops f->frame_obj. No-op without a frame object.
void frame_detach(Frame* f);
// The frame's variables as a new dict (locals(), f_locals): the locals mapping itself for module and class bodies.
[[nodiscard]] Object* frame_locals_dict(Frame* f);
// The source line the frame is at (from lasti); -1 when unknown.
int frame_lineno(Frame* f);

struct GeneratorObject {
  PyObject ob_base;
  Object* func;
  Object* code;  // strong: gi_code (func.__code__ may be reassigned later)
  Object* name;
  Object* qualname;
  Object* weakreflist;
  Object* exc_state;  // the handled exception saved while suspended
  bool running;
  bool started;  // resumed at least once (sending non-None before that is an error)
  bool finished;
  bool finalizing;  // its dealloc is closing it (so a resurrection does not close it twice)
  // Async generators only: an asend/athrow awaitable is being iterated (ag_running), and aclose() has started or
  // the generator has ended (CPython's ag_running_async and ag_closed).
  bool running_async;
  bool ag_closed;
  Frame* frame;     // heap copy, owned
  // Coroutines: cr_origin, the ((filename, lineno, name), ...) of the frames that made it, innermost first, when
  // sys.set_coroutine_origin_tracking_depth was on. Async generators: the finalizer hook (sys.set_asyncgen_hooks)
  // in force at the first iteration, called instead of closing it when it is dropped unfinished. Strong, or null.
  Object* origin;
  bool ag_hooks_inited;  // async generators: the hooks were looked at (the first asend/athrow/aclose/__anext__)
};

extern Type traceback_type;
extern Type frame_type;
extern Type coroutine_type asm("PyCoro_Type");          // vm/coroutine.cc
extern Type coroutine_wrapper_type;  // what coroutine.__await__() returns
extern Type async_gen_type asm("PyAsyncGen_Type");          // vm/async_gen.cc
extern Type async_gen_asend_type;
extern Type async_gen_athrow_type;
extern Type async_gen_wrapped_type;
// CALL_INTRINSIC_1 ASYNC_GEN_WRAP: marks a value produced by `yield` inside an async generator.
[[nodiscard]] Object* async_gen_wrap(Object* v);

// Shared by generators and coroutines (function.cc).
[[nodiscard]] Object* gen_send_impl(GeneratorObject* g, Object* value);
[[nodiscard]] Object* gen_send(Object* o, Object* v);
[[nodiscard]] Object* gen_throw(Object* o, Object* const* args, ssize nargs);
// throw(typ[, val[, tb]]) without the argument-count check and the deprecation warning (val, tb may be null).
// `close_on_genexit` false passes GeneratorExit to a sub-iterator's throw() instead of closing it (aclose()).
[[nodiscard]] Object* gen_throw_ex(Object* o, Object* typ, Object* val, Object* tb, bool close_on_genexit);
// Writes CPython's DeprecationWarning for the 3-argument form of `method` (throw, athrow) when called from __main__.
void warn_throw_signature(const char* method);
[[nodiscard]] Object* gen_close(Object* o, Object*);
void gen_dealloc(Object* o);
int gen_traverse(Object* o, visitproc visit, void* arg);  // generators and coroutines (vm/gc.cc)
void gen_tp_finalize(Object* o);
// Attribute getters shared by generators (gi_*), coroutines (cr_*) and async generators (ag_*).
Object* gen_get_name(Object* o, void*);
Object* gen_get_qualname(Object* o, void*);
int gen_set_name(Object* o, Object* v, void*);
int gen_set_qualname(Object* o, Object* v, void*);
Object* gen_get_running(Object* o, void*);
Object* gen_get_suspended(Object* o, void*);
Object* gen_get_frame(Object* o, void*);
Object* gen_get_yieldfrom(Object* o, void*);  // gi_yieldfrom, cr_await, ag_await
Object* gen_get_code(Object* o, void*);

// The iterator that `await obj` drives (GET_AWAITABLE); `where` is 0 for await, 1 after __aenter__, 2 after
// __aexit__, selecting CPython's error message.
[[nodiscard]] Object* get_awaitable_iter(Object* o, int where);

[[nodiscard]] Object* function_new(Object* code, Object* globals, Object* qualname);
[[nodiscard]] Object* method_new(Object* func, Object* self);
[[nodiscard]] Object* cell_new(Object* value);  // borrows value (may be null)
// A traceback entry for frame `f` at code-unit index `lasti`. New reference.
[[nodiscard]] Object* traceback_new(Object* next, Frame* f, int lasti, int lineno);
[[nodiscard]] Object* generator_new(Object* func, Frame* frame);  // takes over the heap frame
// cr_origin for a coroutine made while frame `f` runs: (filename, lineno, co_name) of f and its callers, at most
// `depth` of them (a new tuple).
[[nodiscard]] Object* coro_origin(Frame* f, int depth);
// sys.get_coroutine_origin_tracking_depth() of the current thread (vm/sys_asyncgen.cc).
int coro_origin_tracking_depth();
// The current thread's sys.set_asyncgen_hooks hooks (borrowed; null when unset).
Object* asyncgen_firstiter_hook();
Object* asyncgen_finalizer_hook();

}  // namespace pyvm
