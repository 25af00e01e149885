// Async generators (`async def` with `yield`): the generator object, the awaitables that __anext__/asend/athrow/
// aclose return, and the wrapper that tells a real `yield` apart from values an inner `await` passes through.
#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/function.h"
#include "vm/interp.h"
#include "vm/warn.h"

namespace pyvm {

extern Type async_gen_asend_type;
extern Type async_gen_athrow_type;
extern Type async_gen_wrapped_type;

// ---- the value a real `yield` produces inside an async generator (CALL_INTRINSIC_1 ASYNC_GEN_WRAP) ----

struct WrappedValue {
  PyObject ob_base;
  Object* value;
};

Object* async_gen_wrap(Object* v) {
  auto* w = reinterpret_cast<WrappedValue*>(new_object(&async_gen_wrapped_type, sizeof(WrappedValue)));
  if (!w) return nullptr;
  w->value = newref(v);
  return reinterpret_cast<Object*>(w);
}
static void wrapped_dealloc(Object* o) {
  decref(reinterpret_cast<WrappedValue*>(o)->value);
  object_free(o);
}
Type async_gen_wrapped_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "async_generator_wrapped_value",
    .tp_basicsize = sizeof(WrappedValue),
    .tp_dealloc = wrapped_dealloc,
};

// ---- the async generator ----

static Object* agen_repr(Object* o) {
  auto* g = reinterpret_cast<GeneratorObject*>(o);
  return str_from_utf8(fmt::format("<async_generator object {} at {}>", str_view(g->qualname), static_cast<void*>(o)));
}

enum class AwaitState { kInit, kIter, kClosed };

// What __anext__() and asend(v) return: one step of the generator, from the next `yield` back.
struct AsendObject {
  PyObject ob_base;
  Object* gen;
  Object* sendval;
  AwaitState state;
};

// What athrow(...) and aclose() return; `args` holds athrow's arguments and is null for aclose().
struct AthrowObject {
  PyObject ob_base;
  Object* gen;
  Object* args;
  AwaitState state;
};

static Object* asend_new(Object* gen, Object* val) {
  auto* a = reinterpret_cast<AsendObject*>(new_object(&async_gen_asend_type, sizeof(AsendObject)));
  if (!a) return nullptr;
  a->gen = newref(gen);
  a->sendval = newref(val);
  a->state = AwaitState::kInit;
  return reinterpret_cast<Object*>(a);
}

static Object* athrow_new(Object* gen, Object* args) {
  auto* a = reinterpret_cast<AthrowObject*>(new_object(&async_gen_athrow_type, sizeof(AthrowObject)));
  if (!a) return nullptr;
  a->gen = newref(gen);
  a->args = xnewref(args);
  a->state = AwaitState::kInit;
  return reinterpret_cast<Object*>(a);
}

// sys.set_asyncgen_hooks at the first iteration (CPython's async_gen_init_hooks): the finalizer in force is kept
// for the generator's end, and firstiter is called with it. False with an error set when firstiter raised.
static bool agen_init_hooks(Object* o) {
  auto* g = reinterpret_cast<GeneratorObject*>(o);
  if (g->ag_hooks_inited) return true;
  g->ag_hooks_inited = true;
  if (Object* fin = asyncgen_finalizer_hook()) g->origin = newref(fin);
  if (Object* first = asyncgen_firstiter_hook()) {
    ORef keep = borrow(first);  // the hook may replace the hooks
    ORef r = steal(call1(first, o));
    if (!r) return false;
  }
  return true;
}

static Object* agen_anext(Object* o) { return agen_init_hooks(o) ? asend_new(o, none()) : nullptr; }
static Object* agen_aiter(Object* o) { return newref(o); }
static Object* agen_asend(Object* o, Object* v) { return agen_init_hooks(o) ? asend_new(o, v) : nullptr; }
static Object* agen_athrow(Object* o, Object* const* args, ssize nargs) {
  if (nargs < 1) return set_errorf(&exc_TypeError, "athrow expected at least 1 argument, got {}", nargs);
  if (nargs > 3) return set_errorf(&exc_TypeError, "athrow expected at most 3 arguments, got {}", nargs);
  if (nargs > 1) warn_throw_signature("athrow");
  if (!agen_init_hooks(o)) return nullptr;
  ORef t = steal(tuple_from_array(args, nargs));
  if (!t) return nullptr;
  return athrow_new(o, t.get());
}
static Object* agen_aclose(Object* o, Object*) { return agen_init_hooks(o) ? athrow_new(o, nullptr) : nullptr; }
static Object* agen_get_running(Object* o, void*) {
  return newref(bool_obj(reinterpret_cast<GeneratorObject*>(o)->running_async));
}

static PyAsyncMethods agen_as_async = {.am_aiter = agen_aiter, .am_anext = agen_anext};
static PyMethodDef agen_methods[] = {
    {"asend", agen_asend, METH_O, nullptr},
    {"athrow", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(agen_athrow)), METH_FASTCALL, nullptr},
    {"aclose", agen_aclose, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
static PyGetSetDef agen_getset[] = {{"__name__", gen_get_name, gen_set_name, nullptr, nullptr},
                                    {"__qualname__", gen_get_qualname, gen_set_qualname, nullptr, nullptr},
                                    {"ag_running", agen_get_running, nullptr, nullptr, nullptr},
                                    {"ag_suspended", gen_get_suspended, nullptr, nullptr, nullptr},
                                    {"ag_frame", gen_get_frame, nullptr, nullptr, nullptr},
                                    {"ag_await", gen_get_yieldfrom, nullptr, nullptr, nullptr},
                                    {"ag_code", gen_get_code, nullptr, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};
Type async_gen_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "async_generator",
    .tp_basicsize = sizeof(GeneratorObject),
    .tp_dealloc = gen_dealloc,
    .tp_as_async = &agen_as_async,
    .tp_repr = agen_repr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = gen_traverse,
    .tp_weaklistoffset = offsetof(GeneratorObject, weakreflist),
    .tp_methods = agen_methods,
    .tp_getset = agen_getset,
    .tp_finalize = gen_tp_finalize,
};

// ---- the awaitables of __anext__/asend and athrow/aclose ----
//
// Threads: like the generator itself, an awaitable is driven by one thread at a time; the flags below are plain.

// One step of the generator seen through the awaitable protocol (CPython's async_gen_unwrap_value): a wrapped value
// (a real `yield`) finishes the awaitable as StopIteration(value); the end of the generator is StopAsyncIteration;
// anything else is what an inner `await` passes out to the event loop.
static Object* agen_unwrap(GeneratorObject* g, Object* r) {
  if (!r) {
    if (!error_occurred()) set_error_value(&exc_StopAsyncIteration, nullptr);
    if (error_matches(&exc_StopAsyncIteration) || error_matches(&exc_GeneratorExit)) g->ag_closed = true;
    g->running_async = false;
    return nullptr;
  }
  if (type_of(r) == &async_gen_wrapped_type) {
    ORef v = borrow(reinterpret_cast<WrappedValue*>(r)->value);
    decref(r);
    g->running_async = false;
    ORef t = steal(tuple_pack({v.get()}));
    if (!t) return nullptr;
    return set_error_value(&exc_StopIteration, t.get());
  }
  return r;
}

static GeneratorObject* gen_of(Object* gen) { return reinterpret_cast<GeneratorObject*>(gen); }

static Object* asend_send_impl(AsendObject* a, Object* arg) {
  if (a->state == AwaitState::kClosed)
    return set_error(&exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
  GeneratorObject* g = gen_of(a->gen);
  if (a->state == AwaitState::kInit) {
    if (g->running_async) {
      a->state = AwaitState::kClosed;
      return set_error(&exc_RuntimeError, "anext(): asynchronous generator is already running");
    }
    if (!arg || arg == none()) arg = a->sendval;
    a->state = AwaitState::kIter;
  }
  g->running_async = true;
  Object* r = agen_unwrap(g, gen_send(a->gen, arg ? arg : none()));
  if (!r) a->state = AwaitState::kClosed;
  return r;
}

static Object* asend_iternext(Object* o) { return asend_send_impl(reinterpret_cast<AsendObject*>(o), nullptr); }
static Object* asend_send(Object* o, Object* v) { return asend_send_impl(reinterpret_cast<AsendObject*>(o), v); }
// Throwing into the awaitable throws into the generator, even before the first step (as CPython): the generator's
// own throw() passes it on to whatever the frame is awaiting.
static Object* asend_throw(Object* o, Object* const* args, ssize nargs) {
  auto* a = reinterpret_cast<AsendObject*>(o);
  if (a->state == AwaitState::kClosed)
    return set_error(&exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
  GeneratorObject* g = gen_of(a->gen);
  if (a->state == AwaitState::kInit) {
    if (g->running_async) {
      a->state = AwaitState::kClosed;
      return set_error(&exc_RuntimeError, "anext(): asynchronous generator is already running");
    }
    a->state = AwaitState::kIter;
    g->running_async = true;
  }
  Object* r = agen_unwrap(g, gen_throw(a->gen, args, nargs));
  if (!r) {
    g->running_async = false;
    a->state = AwaitState::kClosed;
  }
  return r;
}

// close() of either awaitable: throws GeneratorExit in through its throw(); the awaitable's end is fine, a value
// means the generator did not stop.
static Object* awaitable_close(Object* o, Object* (*throw_fn)(Object*, Object* const*, ssize)) {
  Object* exc = reinterpret_cast<Object*>(&exc_GeneratorExit);
  Object* r = throw_fn(o, &exc, 1);
  if (!r) {
    if (error_matches(&exc_StopIteration) || error_matches(&exc_StopAsyncIteration) ||
        error_matches(&exc_GeneratorExit)) {
      error_clear();
      return newref(none());
    }
    return nullptr;
  }
  decref(r);
  return set_error(&exc_RuntimeError, "coroutine ignored GeneratorExit");
}

static Object* asend_close(Object* o, Object*) {
  if (reinterpret_cast<AsendObject*>(o)->state == AwaitState::kClosed) return newref(none());
  return awaitable_close(o, asend_throw);
}
static Object* self_iter(Object* o) { return newref(o); }
// An awaitable dropped before its first step: CPython's _PyErr_WarnUnawaitedAgenMethod.
static void warn_unawaited(Object* gen, const char* method) {
  warn_default("RuntimeWarning",
               fmt::format("coroutine method '{}' of '{}' was never awaited", method, str_view(gen_of(gen)->qualname)),
               false, true);
}

static void asend_dealloc(Object* o) {
  auto* a = reinterpret_cast<AsendObject*>(o);
  if (a->state == AwaitState::kInit) warn_unawaited(a->gen, "asend");
  if (a->state == AwaitState::kIter) gen_of(a->gen)->running_async = false;  // abandoned mid-step
  decref(a->gen);
  xdecref(a->sendval);
  object_free(o);
}
static PyAsyncMethods asend_as_async = {.am_await = self_iter};
static PyMethodDef asend_methods[] = {
    {"send", asend_send, METH_O, nullptr},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(asend_throw)), METH_FASTCALL, nullptr},
    {"close", asend_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
Type async_gen_asend_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "async_generator_asend",
    .tp_basicsize = sizeof(AsendObject),
    .tp_dealloc = asend_dealloc,
    .tp_as_async = &asend_as_async,
    .tp_iter = self_iter,
    .tp_iternext = asend_iternext,
    .tp_methods = asend_methods,
};

// The end of an athrow()/aclose() step: aclose() turns the generator's end (StopAsyncIteration or GeneratorExit)
// into StopIteration, the awaitable's own end.
static Object* athrow_check_error(AthrowObject* a) {
  gen_of(a->gen)->running_async = false;
  a->state = AwaitState::kClosed;
  if (!a->args && (error_matches(&exc_StopAsyncIteration) || error_matches(&exc_GeneratorExit))) {
    error_clear();
    set_error_value(&exc_StopIteration, nullptr);
  }
  return nullptr;
}
// aclose() saw the generator `yield` again instead of stopping.
static Object* athrow_yield_close(AthrowObject* a) {
  gen_of(a->gen)->running_async = false;
  a->state = AwaitState::kClosed;
  return set_error(&exc_RuntimeError, "async generator ignored GeneratorExit");
}

static const char* athrow_running_msg(AthrowObject* a) {
  return a->args ? "athrow(): asynchronous generator is already running"
                 : "aclose(): asynchronous generator is already running";
}

static Object* athrow_send_impl(AthrowObject* a, Object* arg) {
  if (a->state == AwaitState::kClosed)
    return set_error(&exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  GeneratorObject* g = gen_of(a->gen);
  if (g->finished || !g->frame) {
    a->state = AwaitState::kClosed;
    return set_error_value(&exc_StopIteration, nullptr);
  }
  if (a->state == AwaitState::kInit) {
    if (g->running_async) {
      a->state = AwaitState::kClosed;
      return set_error(&exc_RuntimeError, athrow_running_msg(a));
    }
    if (g->ag_closed) {
      a->state = AwaitState::kClosed;
      return set_error_value(&exc_StopAsyncIteration, nullptr);
    }
    if (arg && arg != none())
      return set_error(&exc_RuntimeError, "can't send non-None value to a just-started coroutine");
    a->state = AwaitState::kIter;
    g->running_async = true;
    Object* r;
    if (!a->args) {
      g->ag_closed = true;
      r = gen_throw_ex(a->gen, reinterpret_cast<Object*>(&exc_GeneratorExit), nullptr, nullptr, false);
      if (r && type_of(r) == &async_gen_wrapped_type) {
        decref(r);
        return athrow_yield_close(a);
      }
    } else {
      ssize n = tuple_size(a->args);
      r = agen_unwrap(g, gen_throw_ex(a->gen, tuple_get(a->args, 0), n > 1 ? tuple_get(a->args, 1) : nullptr,
                                      n > 2 ? tuple_get(a->args, 2) : nullptr, false));
    }
    if (!r) return athrow_check_error(a);
    return r;
  }
  Object* r = gen_send(a->gen, arg ? arg : none());
  if (a->args) return agen_unwrap(g, r);
  if (!r) return athrow_check_error(a);
  if (type_of(r) == &async_gen_wrapped_type) {
    decref(r);
    return athrow_yield_close(a);
  }
  return r;
}

static Object* athrow_iternext(Object* o) { return athrow_send_impl(reinterpret_cast<AthrowObject*>(o), nullptr); }
static Object* athrow_send(Object* o, Object* v) { return athrow_send_impl(reinterpret_cast<AthrowObject*>(o), v); }
static Object* athrow_throw(Object* o, Object* const* args, ssize nargs) {
  auto* a = reinterpret_cast<AthrowObject*>(o);
  if (a->state == AwaitState::kClosed)
    return set_error(&exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  GeneratorObject* g = gen_of(a->gen);
  if (a->state == AwaitState::kInit) {
    if (g->running_async) {
      a->state = AwaitState::kClosed;
      return set_error(&exc_RuntimeError, athrow_running_msg(a));
    }
    a->state = AwaitState::kIter;
    g->running_async = true;
  }
  Object* r = gen_throw(a->gen, args, nargs);
  if (a->args) {
    r = agen_unwrap(g, r);
    if (!r) {
      g->running_async = false;
      a->state = AwaitState::kClosed;
    }
    return r;
  }
  if (r && type_of(r) == &async_gen_wrapped_type) {
    decref(r);
    return athrow_yield_close(a);
  }
  if (!r) return athrow_check_error(a);
  return r;
}
static Object* athrow_close(Object* o, Object*) {
  if (reinterpret_cast<AthrowObject*>(o)->state == AwaitState::kClosed) return newref(none());
  return awaitable_close(o, athrow_throw);
}
static void athrow_dealloc(Object* o) {
  auto* a = reinterpret_cast<AthrowObject*>(o);
  if (a->state == AwaitState::kInit) warn_unawaited(a->gen, a->args ? "athrow" : "aclose");
  if (a->state == AwaitState::kIter) gen_of(a->gen)->running_async = false;  // abandoned mid-step
  decref(a->gen);
  xdecref(a->args);
  object_free(o);
}
static PyAsyncMethods athrow_as_async = {.am_await = self_iter};
static PyMethodDef athrow_methods[] = {
    {"send", athrow_send, METH_O, nullptr},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(athrow_throw)), METH_FASTCALL, nullptr},
    {"close", athrow_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
Type async_gen_athrow_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "async_generator_athrow",
    .tp_basicsize = sizeof(AthrowObject),
    .tp_dealloc = athrow_dealloc,
    .tp_as_async = &athrow_as_async,
    .tp_iter = self_iter,
    .tp_iternext = athrow_iternext,
    .tp_methods = athrow_methods,
};

}  // namespace pyvm
