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
};

struct MethodObject {
  PyObject ob_base;
  Object* im_func;
  Object* im_self;
  Object* im_weakreflist;
  vectorcallfunc vectorcall;
};

// An activation record. Normal frames live on the C stack of eval (alloca); generator frames live inside their
// generator object. localsplus holds nlocalsplus locals/cells/frees, then the value stack.
struct Frame {
  Frame* previous;
  CodeObject* code;  // borrowed: kept alive by func or by the caller
  Object* func;      // borrowed (the caller or the generator owns it), may be null
  Object* globals;   // borrowed
  Object* builtins;  // borrowed
  Object* locals;    // strong or null (module / class bodies)
  int next_index;    // code-unit index of the next instruction to execute
  int lasti;         // code-unit index of the instruction being executed
  int stack_depth;   // saved value-stack depth (generators)
  bool is_generator;
  Object* localsplus[1];
};

struct TracebackObject {
  PyObject ob_base;
  Object* tb_next;
  Object* tb_frame;  // a frame snapshot (FrameObject)
  int tb_lasti;
  int tb_lineno;
};

// A materialised frame: a snapshot of the code, globals and line (live f_locals etc. come later).
struct FrameObject {
  PyObject ob_base;
  Object* f_code;
  Object* f_globals;
  Object* f_back;
  int f_lineno;
  int f_lasti;
};

struct GeneratorObject {
  PyObject ob_base;
  Object* func;
  Object* name;
  Object* qualname;
  Object* weakreflist;
  Object* exc_state;  // the handled exception saved while suspended
  bool running;
  bool started;  // resumed at least once (sending non-None before that is an error)
  bool finished;
  Frame* frame;  // heap copy, owned
};

extern Type traceback_type;
extern Type frame_type;
extern Type coroutine_type;          // vm/coroutine.cc
extern Type coroutine_wrapper_type;  // what coroutine.__await__() returns
extern Type async_gen_type;          // vm/async_gen.cc
extern Type async_gen_asend_type;
extern Type async_gen_wrapped_type;
// CALL_INTRINSIC_1 ASYNC_GEN_WRAP: marks a value produced by `yield` inside an async generator.
[[nodiscard]] Object* async_gen_wrap(Object* v);

// Shared by generators and coroutines (function.cc).
[[nodiscard]] Object* gen_send_impl(GeneratorObject* g, Object* value);
[[nodiscard]] Object* gen_send(Object* o, Object* v);
[[nodiscard]] Object* gen_throw(Object* o, Object* const* args, ssize nargs);
[[nodiscard]] Object* gen_close(Object* o, Object*);
void gen_dealloc(Object* o);
Object* gen_get_name(Object* o, void*);
Object* gen_get_qualname(Object* o, void*);
Object* gen_get_running(Object* o, void*);

// The iterator that `await obj` drives (GET_AWAITABLE); `where` is 0 for await, 1 after __aenter__, 2 after
// __aexit__, selecting CPython's error message.
[[nodiscard]] Object* get_awaitable_iter(Object* o, int where);

[[nodiscard]] Object* function_new(Object* code, Object* globals, Object* qualname);
[[nodiscard]] Object* method_new(Object* func, Object* self);
[[nodiscard]] Object* cell_new(Object* value);  // borrows value (may be null)
[[nodiscard]] Object* traceback_new(Object* next, CodeObject* code, Object* globals, int lasti, int lineno);
[[nodiscard]] Object* generator_new(Object* func, Frame* frame);  // takes over the heap frame

}  // namespace pyvm
