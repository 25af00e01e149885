// Generator objects: resuming their heap frames (send/throw/close), their gi_* attributes, and finalisation. The
// same machinery drives coroutines (vm/coroutine.cc) and async generators (vm/async_gen.cc).
//
// Threads: a generator is not safe to resume from two threads at once (as in CPython 3.13t, `running` is a plain
// flag that only catches re-entry from the same thread); its frame belongs to whichever thread is resuming it.
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/function.h"
#include "vm/traceback_source.h"
#include "vm/interp.h"
#include "vm/interp_support.h"
#include "vm/opcodes.h"
#include "vm/threads.h"
#include "vm/warn.h"

namespace pyvm {

static GeneratorObject* as_gen(Object* o) { return reinterpret_cast<GeneratorObject*>(o); }

// "generator", "coroutine" or "async generator", for messages.
static const char* gen_kind(GeneratorObject* g) {
  Type* t = type_of(reinterpret_cast<Object*>(g));
  return t == &coroutine_type ? "coroutine" : t == &async_gen_type ? "async generator" : "generator";
}

Object* generator_new(Object* func, Frame* frame) {
  CodeObject* co = frame->code;
  Type* t = (co->flags & kCoCoroutine)        ? &coroutine_type
            : (co->flags & kCoAsyncGenerator) ? &async_gen_type
                                              : &generator_type;
  auto* g = as_gen(new_object(t, sizeof(GeneratorObject)));
  if (!g) {
    alloc::raw_free(frame);
    return nullptr;
  }
  auto* fn = reinterpret_cast<FunctionObject*>(func);
  g->func = newref(func);
  g->code = newref(reinterpret_cast<Object*>(co));
  g->name = newref(fn->name);
  g->qualname = newref(fn->qualname);
  g->frame = frame;
  frame->func = func;
  frame->generator = reinterpret_cast<Object*>(g);
  if (t == &coroutine_type) {
    if (int depth = coro_origin_tracking_depth(); depth > 0) {
      // The coroutine function's own frame is still the current one: the origin starts at its caller.
      Frame* top = thread_state().frame;
      g->origin = coro_origin(top ? top->previous : nullptr, depth);
      if (!g->origin) {
        decref(reinterpret_cast<Object*>(g));
        return nullptr;
      }
    }
  }
  return reinterpret_cast<Object*>(g);
}

Object* coro_origin(Frame* f, int depth) {
  int n = 0;
  for (Frame* p = f; p && n < depth; p = p->previous) n++;
  ORef r = steal(tuple_new(n));
  if (!r) return nullptr;
  for (int i = 0; i < n; i++, f = f->previous) {
    ORef line = steal(int_from_i64(frame_lineno(f)));
    if (!line) return nullptr;
    Object* item = tuple_pack({f->code->filename, line.get(), f->code->name});
    if (!item) return nullptr;
    tuple_set(r.get(), i, item);
  }
  return r.release();
}

// Frees the generator's frame. A frame that has not finished still owns its variables and value stack; a frame
// object made for it (gi_frame) keeps the variables.
static void gen_clear_frame(GeneratorObject* g) {
  Frame* f = g->frame;
  if (!f) return;
  g->frame = nullptr;
  CodeObject* co = f->code;
  if (f->next_index >= 0) {
    frame_detach(f);
    for (int i = 0; i < co->nlocalsplus + f->stack_depth; i++) xdecref(f->localsplus[i]);
    xdecref(f->locals);
  }
  alloc::raw_free(f);
}

Object* generator_resume(GeneratorObject* g, Object* value, bool* returned) {
  *returned = false;
  if (g->running) return set_errorf(&exc_ValueError, "{} already executing", gen_kind(g));
  if (g->finished || !g->frame) {
    if (type_of(reinterpret_cast<Object*>(g)) == &coroutine_type) {
      // Sending or throwing into a finished coroutine (close() returns before reaching here), as CPython.
      error_clear();
      return set_error(&exc_RuntimeError, "cannot reuse already awaited coroutine");
    }
    if (!value) return nullptr;  // throwing into a finished generator: the error stands
    *returned = true;            // sending: it returns None again (StopIteration / StopAsyncIteration)
    return newref(none());
  }
  Frame* f = g->frame;
  ThreadState& ts = thread_state();
  // Push the sent value where YIELD_VALUE/RETURN_GENERATOR left room for it. A throw pushes None too, as CPython
  // does: the handler of a yield inside `yield from`/`await` (CLEANUP_THROW) expects that slot.
  f->localsplus[f->code->nlocalsplus + f->stack_depth] = newref(value ? value : none());
  f->stack_depth++;
  // Swap the handled-exception state.
  Object* saved = ts.handled;
  ThreadState::HandledLink link{saved, ts.handled_prev};
  ts.handled_prev = &link;
  ts.handled = g->exc_state;
  g->exc_state = nullptr;
  g->running = true;
  g->started = true;
  ts.depth++;
  // A throw resumes the frame straight into its exception handler for the current instruction (lasti).
  Object* r = eval_frame(f, value == nullptr);
  ts.depth--;
  g->running = false;
  g->exc_state = ts.handled;
  ts.handled = saved;
  ts.handled_prev = link.prev;
  if (f->next_index < 0) {
    g->finished = true;
    gen_clear_frame(g);
    if (r) *returned = true;
  }
  return r;
}

// Turns a return from the frame into StopIteration(value) (no value for None); an async generator's return is
// StopAsyncIteration.
static Object* return_to_stop_iteration(GeneratorObject* g, Object* r) {
  if (type_of(reinterpret_cast<Object*>(g)) == &async_gen_type) {
    set_error_value(&exc_StopAsyncIteration, nullptr);
  } else if (r == none()) {
    set_error_value(&exc_StopIteration, nullptr);
  } else {
    ORef t = steal(tuple_pack({r}));
    if (t) set_error_value(&exc_StopIteration, t.get());
  }
  decref(r);
  return nullptr;
}

Object* gen_send_impl(GeneratorObject* g, Object* value) {
  bool returned = false;
  Object* r = generator_resume(g, value, &returned);
  if (r && returned) return return_to_stop_iteration(g, r);
  return r;
}

static Object* gen_iternext(Object* o) {
  auto* g = as_gen(o);
  bool returned = false;
  if (g->finished) return nullptr;
  Object* r = generator_resume(g, none(), &returned);
  if (r && returned) {
    if (r != none()) {
      ORef t = steal(tuple_pack({r}));
      if (t) set_error_value(&exc_StopIteration, t.get());
    }
    decref(r);
    return nullptr;
  }
  return r;
}

Object* gen_send(Object* o, Object* v) {
  auto* g = as_gen(o);
  if (!g->started && !g->finished && v != none())
    return set_errorf(&exc_TypeError, "can't send non-None value to a just-started {}", gen_kind(g));
  return gen_send_impl(g, v);
}

// The sub-iterator a suspended generator is delegating to (`yield from` / `await`), or null: the frame stopped at a
// YIELD_VALUE followed by RESUME with oparg >= 2, and the receiver is on top of its stack (CPython's _PyGen_yf).
static Object* gen_delegate(GeneratorObject* g) {
  Frame* f = g->frame;
  if (!f || !g->started || g->running || g->finished || f->next_index < 0 || f->stack_depth < 1) return nullptr;
  CodeObject* co = f->code;
  int li = frame_lasti(f);
  if (li < 0 || li + 1 >= co->ninstrs) return nullptr;
  if ((co->instrs[li] & 0xff) != YIELD_VALUE) return nullptr;
  uint16_t next = co->instrs[li + 1];
  if ((next & 0xff) != RESUME || (next >> 8) < 2) return nullptr;
  return f->localsplus[co->nlocalsplus + f->stack_depth - 1];
}

// Resumes `g` with the current exception thrown in. A generator suspended in `yield from`/`await` first passes the
// exception to its sub-iterator (GeneratorExit closes it instead); whatever the sub-iterator raises, StopIteration
// included, is then thrown into this frame, whose CLEANUP_THROW handler finishes the delegation.
// `close_on_genexit` false throws GeneratorExit into the sub-iterator like any other exception (aclose()).
static Object* gen_throw_current(GeneratorObject* g, bool* returned, bool close_on_genexit = true) {
  *returned = false;
  if (Object* yf = gen_delegate(g)) {
    ORef sub = borrow(yf);
    ORef exc = steal(error_take());
    bool closing = close_on_genexit && type_check(exc.get(), &exc_GeneratorExit);
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
  {
    // A thrown exception is chained only to the exception the generator itself is handling (CPython's
    // _PyErr_ChainStackItem), never to its caller's; later frames leave it alone.
    ThreadState& ts = thread_state();
    Object* thrown = error_peek();
    if (thrown && g->exc_state && is_exception_instance(thrown) && !as_exc(thrown)->context)
      chain_exception_to(thrown, g->exc_state);
    ts.thrown = thrown;
  }
  return generator_resume(g, nullptr, returned);
}

// CPython 3.12+ deprecates throw(type, value, tb) (and athrow's) with a DeprecationWarning, which the default
// filters show only for code in __main__.
void warn_throw_signature(const char* method) {
  warn_default(
      "DeprecationWarning",
      fmt::format("the (type, exc, tb) signature of {}() is deprecated, use the single-arg signature instead.", method),
      true, false);
}

Object* gen_throw(Object* o, Object* const* args, ssize nargs) {
  if (nargs < 1 || nargs > 3) return set_errorf(&exc_TypeError, "throw expected at least 1 argument, got {}", nargs);
  if (nargs > 1) warn_throw_signature("throw");
  return gen_throw_ex(o, args[0], nargs >= 2 ? args[1] : nullptr, nargs == 3 ? args[2] : nullptr, true);
}

Object* gen_throw_ex(Object* o, Object* typ, Object* val, Object* tb, bool close_on_genexit) {
  auto* g = as_gen(o);
  if (tb == none()) tb = nullptr;
  if (tb && type_of(tb) != &traceback_type)
    return set_error(&exc_TypeError, "throw() third argument must be a traceback object");
  if (is_exception_class(typ)) {
    if (val && is_exception_instance(val) && type_check(val, reinterpret_cast<Type*>(typ))) {
      set_error_steal(newref(val));
    } else {
      set_error_value(reinterpret_cast<Type*>(typ), val && val != none() ? val : nullptr);
    }
  } else if (is_exception_instance(typ)) {
    if (val && val != none()) return set_error(&exc_TypeError, "instance exception may not have a separate value");
    set_error_steal(newref(typ));
  } else {
    return set_errorf(&exc_TypeError, "exceptions must be classes or instances deriving from BaseException, not {}",
                      type_name(typ));
  }
  if (!error_occurred()) return nullptr;
  if (tb) exception_set_traceback(error_peek(), tb);
  bool returned = false;
  Object* r = gen_throw_current(g, &returned, close_on_genexit);
  if (r && returned) return return_to_stop_iteration(g, r);
  return r;
}

Object* gen_close(Object* o, Object*) {
  auto* g = as_gen(o);
  if (g->finished || !g->frame) return newref(none());
  if (!g->started) {
    // Nothing ran yet: there is no code to unwind.
    g->finished = true;
    gen_clear_frame(g);
    return newref(none());
  }
  if (g->running) return set_errorf(&exc_ValueError, "{} already executing", gen_kind(g));
  set_error_value(&exc_GeneratorExit, nullptr);
  bool returned = false;
  Object* r = gen_throw_current(g, &returned);
  if (r) {
    if (returned) return r;  // the frame returned on GeneratorExit: close() gives back its value (3.13)
    decref(r);
    return set_errorf(&exc_RuntimeError, "{} ignored GeneratorExit", gen_kind(g));
  }
  if (error_matches(&exc_GeneratorExit)) {
    error_clear();
    return newref(none());
  }
  if (error_matches(&exc_StopIteration)) {
    ORef exc = steal(error_take());
    Object* v = as_exc(exc.get())->value;
    return newref(v ? v : none());
  }
  return nullptr;
}

// A suspended generator that is deallocated is closed first, so its finally blocks run (CPython's
// _PyGen_Finalize); an error from that is reported as unraisable.
static void gen_finalize(GeneratorObject* g) {
  Object* o = reinterpret_cast<Object*>(g);
  ORef pending = steal(error_take());
  Object* r = gen_close(o, nullptr);
  if (r) {
    decref(r);
  } else if (error_occurred()) {
    write_unraisable(o);
  }
  if (pending) set_error_steal(pending.release());
}

// Collector support (generators and coroutines). func, code, name, qualname and exc_state are strong. The heap
// frame's variables, value stack, locals and frame object are the generator's while it is suspended or not yet
// started; while it runs they belong to the running activation (its stack depth is in the interpreter, not in the
// frame) and are not visited. No tp_clear: the finalizer below closes a suspended generator, which frees its
// frame, and a generator that never started is released through the other members of its cycle.
int gen_traverse(Object* o, visitproc visit, void* arg) {
  auto* g = as_gen(o);
  for (Object* v : {g->func, g->code, g->name, g->qualname, g->exc_state, g->origin})
    if (v)
      if (int r = visit(v, arg)) return r;
  Frame* f = g->frame;
  if (!f || g->running || f->next_index < 0) return 0;
  int n = f->code->nlocalsplus + f->stack_depth;
  for (int i = 0; i < n; i++)
    if (Object* v = f->localsplus[i])
      if (int r = visit(v, arg)) return r;
  for (Object* v : {f->locals, f->frame_obj})
    if (v)
      if (int r = visit(v, arg)) return r;
  return 0;
}

// The collector's finalizer: closes a suspended generator (its finally blocks run) before any member of its cycle
// is cleared, as CPython's _PyGen_Finalize; gen_dealloc then does not close it again.
// An unfinished async generator whose first iteration saw a sys.set_asyncgen_hooks finalizer is handed to it
// (asyncio's schedules aclose() on the loop) instead of being closed here, as CPython's _PyGen_Finalize does.
static bool agen_wants_finalizer(GeneratorObject* g) {
  return type_of(reinterpret_cast<Object*>(g)) == &async_gen_type && g->origin && !g->ag_closed && g->frame &&
         !g->finished && !g->finalizing && !g->running;
}
static void agen_call_finalizer(GeneratorObject* g) {
  Object* o = reinterpret_cast<Object*>(g);
  g->finalizing = true;
  ORef pending = steal(error_take());
  ORef fin = borrow(g->origin);
  ORef r = steal(call1(fin.get(), o));
  if (!r) write_unraisable(o);
  if (pending) set_error_steal(pending.release());
}

void gen_tp_finalize(Object* o) {
  auto* g = as_gen(o);
  if (agen_wants_finalizer(g)) {
    agen_call_finalizer(g);
    return;
  }
  if (g->frame && g->started && !g->finished && !g->finalizing && !g->running) {
    g->finalizing = true;
    gen_finalize(g);
  }
}

// "coroutine '...' was never awaited", followed by where it was made when cr_origin was recorded, worded as
// warnings._warn_unawaited_coroutine words it (CPython 3.13 routes the warning through that function).
static std::string unawaited_message(GeneratorObject* g) {
  std::string msg = fmt::format("coroutine '{}' was never awaited\n", str_view(g->qualname));
  if (g->origin) {
    msg += "Coroutine created at (most recent call last)\n";
    for (ssize i = tuple_size(g->origin) - 1; i >= 0; i--) {
      Object* item = tuple_get(g->origin, i);
      std::string file(str_view(tuple_get(item, 0)));
      int line = int(int_as_ssize(tuple_get(item, 1)));
      msg += fmt::format("  File \"{}\", line {}, in {}\n", file, line, str_view(tuple_get(item, 2)));
      msg += traceback_source_block(file, line, line, -1, -1);
    }
  }
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  return msg;
}

void gen_dealloc(Object* o) {
  auto* g = as_gen(o);
  // Weak references die before the finalizer runs, as in CPython: a generator that its finally blocks resurrect
  // has lost them.
  clear_weakrefs(o);
  if (g->frame && !g->started && !g->finished && type_of(o) == &coroutine_type) {
    // A coroutine that was created and dropped without ever being awaited (CPython's _PyErr_WarnUnawaitedCoroutine).
    warn_default("RuntimeWarning", unawaited_message(g), false, true);
  }
  if (agen_wants_finalizer(g)) {
    alloc::resurrect_start(o);
    agen_call_finalizer(g);
    if (!alloc::resurrect_end(o)) return;  // the finalizer kept it (to close it later)
  }
  if (g->frame && g->started && !g->finished && !g->finalizing) {
    g->finalizing = true;
    alloc::resurrect_start(o);
    gen_finalize(g);
    if (!alloc::resurrect_end(o)) return;  // the finally blocks kept it alive
  }
  gen_clear_frame(g);
  xdecref(g->func);
  xdecref(g->code);
  xdecref(g->name);
  xdecref(g->qualname);
  xdecref(g->exc_state);
  xdecref(g->origin);
  object_free(o);
}

static Object* gen_iter(Object* o) { return newref(o); }
static Object* gen_repr(Object* o) {
  auto* g = as_gen(o);
  return str_from_utf8(fmt::format("<generator object {} at {}>", str_view(g->qualname), static_cast<void*>(o)));
}

// ---- attributes shared by generators (gi_*), coroutines (cr_*) and async generators (ag_*) ----

Object* gen_get_name(Object* o, void*) { return newref(as_gen(o)->name); }
Object* gen_get_qualname(Object* o, void*) { return newref(as_gen(o)->qualname); }
int gen_set_name(Object* o, Object* v, void*) {
  if (!v || !type_check(v, &str_type)) {
    set_error(&exc_TypeError, "__name__ must be set to a string object");
    return -1;
  }
  set_slot(&as_gen(o)->name, newref(v));
  return 0;
}
int gen_set_qualname(Object* o, Object* v, void*) {
  if (!v || !type_check(v, &str_type)) {
    set_error(&exc_TypeError, "__qualname__ must be set to a string object");
    return -1;
  }
  set_slot(&as_gen(o)->qualname, newref(v));
  return 0;
}
Object* gen_get_running(Object* o, void*) { return newref(bool_obj(as_gen(o)->running)); }
Object* gen_get_suspended(Object* o, void*) {
  auto* g = as_gen(o);
  return newref(bool_obj(g->frame && g->started && !g->running && !g->finished));
}
Object* gen_get_frame(Object* o, void*) {
  auto* g = as_gen(o);
  if (!g->frame || g->finished) return newref(none());
  return frame_object_for(g->frame);
}
Object* gen_get_yieldfrom(Object* o, void*) {
  Object* yf = gen_delegate(as_gen(o));
  return newref(yf ? yf : none());
}
Object* gen_get_code(Object* o, void*) { return newref(as_gen(o)->code); }

static PyGetSetDef gen_getset[] = {{"__name__", gen_get_name, gen_set_name, nullptr, nullptr},
                                   {"__qualname__", gen_get_qualname, gen_set_qualname, nullptr, nullptr},
                                   {"gi_running", gen_get_running, nullptr, nullptr, nullptr},
                                   {"gi_suspended", gen_get_suspended, nullptr, nullptr, nullptr},
                                   {"gi_frame", gen_get_frame, nullptr, nullptr, nullptr},
                                   {"gi_yieldfrom", gen_get_yieldfrom, nullptr, nullptr, nullptr},
                                   {"gi_code", gen_get_code, nullptr, nullptr, nullptr},
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
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = gen_traverse,
    .tp_weaklistoffset = offsetof(GeneratorObject, weakreflist),
    .tp_iter = gen_iter,
    .tp_iternext = gen_iternext,
    .tp_methods = gen_methods,
    .tp_getset = gen_getset,
    .tp_finalize = gen_tp_finalize,
};

}  // namespace pyvm
