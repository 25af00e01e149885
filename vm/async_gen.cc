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

namespace pyvm {

extern Type async_gen_type;
extern Type async_gen_asend_type;
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

enum class AsendKind { kSend, kThrow, kClose };
enum class AsendState { kInit, kIter, kClosed };

struct AsendObject {
  PyObject ob_base;
  Object* gen;
  Object* sendval;  // asend: the value; athrow: the exception to throw (null for aclose)
  AsendKind kind;
  AsendState state;
};

static Object* asend_new(Object* gen, Object* val, AsendKind kind) {
  auto* a = reinterpret_cast<AsendObject*>(new_object(&async_gen_asend_type, sizeof(AsendObject)));
  if (!a) return nullptr;
  a->gen = newref(gen);
  a->sendval = xnewref(val);
  a->kind = kind;
  a->state = AsendState::kInit;
  return reinterpret_cast<Object*>(a);
}

static Object* agen_anext(Object* o) { return asend_new(o, none(), AsendKind::kSend); }
static Object* agen_aiter(Object* o) { return newref(o); }
static Object* agen_asend(Object* o, Object* v) { return asend_new(o, v, AsendKind::kSend); }
static Object* agen_athrow(Object* o, Object* const* args, ssize nargs) {
  if (nargs < 1 || nargs > 3) return set_errorf(&exc_TypeError, "athrow expected at least 1 argument, got {}", nargs);
  return asend_new(o, args[0], AsendKind::kThrow);
}
static Object* agen_aclose(Object* o, Object*) { return asend_new(o, nullptr, AsendKind::kClose); }

static PyAsyncMethods agen_as_async = {.am_aiter = agen_aiter, .am_anext = agen_anext};
static PyMethodDef agen_methods[] = {
    {"asend", agen_asend, METH_O, nullptr},
    {"athrow", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(agen_athrow)), METH_FASTCALL, nullptr},
    {"aclose", agen_aclose, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
static PyGetSetDef agen_getset[] = {{"__name__", gen_get_name, nullptr, nullptr, nullptr},
                                    {"__qualname__", gen_get_qualname, nullptr, nullptr, nullptr},
                                    {"ag_running", gen_get_running, nullptr, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};
Type async_gen_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "async_generator",
    .tp_basicsize = sizeof(GeneratorObject),
    .tp_dealloc = gen_dealloc,
    .tp_as_async = &agen_as_async,
    .tp_repr = agen_repr,
    .tp_weaklistoffset = offsetof(GeneratorObject, weakreflist),
    .tp_methods = agen_methods,
    .tp_getset = agen_getset,
};

// ---- the awaitable of __anext__/asend/athrow/aclose ----

// Turns one step of the generator frame into the awaitable's protocol: a wrapped value finishes the awaitable
// (StopIteration(value)); anything else passes through to whoever drives the await; the end of the generator is
// StopAsyncIteration.
static Object* asend_unwrap(AsendObject* a, Object* r, bool returned) {
  if (!r) {
    a->state = AsendState::kClosed;
    if (error_matches(&exc_StopIteration) || (!error_occurred())) {
      error_clear();
      return set_error_value(&exc_StopAsyncIteration, nullptr);
    }
    if (a->kind == AsendKind::kClose && (error_matches(&exc_StopAsyncIteration) || error_matches(&exc_GeneratorExit))) {
      error_clear();
      return set_error_value(&exc_StopIteration, nullptr);
    }
    return nullptr;
  }
  if (returned) {
    decref(r);
    a->state = AsendState::kClosed;
    if (a->kind == AsendKind::kClose) return set_error_value(&exc_StopIteration, nullptr);
    return set_error_value(&exc_StopAsyncIteration, nullptr);
  }
  if (type_of(r) == &async_gen_wrapped_type) {
    a->state = AsendState::kClosed;
    if (a->kind == AsendKind::kClose) {
      decref(r);
      return set_error(&exc_RuntimeError, "async generator ignored GeneratorExit");
    }
    Object* v = newref(reinterpret_cast<WrappedValue*>(r)->value);
    decref(r);
    ORef t = steal(tuple_pack({v}));
    decref(v);
    if (!t) return nullptr;
    return set_error_value(&exc_StopIteration, t.get());
  }
  return r;  // a value from an inner await, for the event loop
}

static Object* asend_step(AsendObject* a, Object* val, bool throwing) {
  if (a->state == AsendState::kClosed) {
    return set_error(&exc_RuntimeError, a->kind == AsendKind::kSend
                                            ? "cannot reuse already awaited __anext__()/asend()"
                                            : a->kind == AsendKind::kThrow ? "cannot reuse already awaited athrow()"
                                                                           : "cannot reuse already awaited aclose()");
  }
  auto* g = reinterpret_cast<GeneratorObject*>(a->gen);
  bool returned = false;
  Object* r;
  if (a->state == AsendState::kInit) {
    a->state = AsendState::kIter;
    if (a->kind == AsendKind::kSend) {
      r = generator_resume(g, val == none() ? a->sendval : val, &returned);
    } else {
      if (g->finished || !g->frame) {
        a->state = AsendState::kClosed;
        if (a->kind == AsendKind::kClose) return set_error_value(&exc_StopIteration, nullptr);
        return set_error_value(&exc_StopAsyncIteration, nullptr);
      }
      Object* exc = a->kind == AsendKind::kClose ? reinterpret_cast<Object*>(&exc_GeneratorExit) : a->sendval;
      set_error_object(exc);
      r = generator_resume(g, nullptr, &returned);
    }
  } else if (throwing) {
    r = generator_resume(g, nullptr, &returned);
  } else {
    r = generator_resume(g, val, &returned);
  }
  return asend_unwrap(a, r, returned);
}

static Object* asend_iternext(Object* o) { return asend_step(reinterpret_cast<AsendObject*>(o), none(), false); }
static Object* asend_send(Object* o, Object* v) { return asend_step(reinterpret_cast<AsendObject*>(o), v, false); }
static Object* asend_throw(Object* o, Object* const* args, ssize nargs) {
  if (nargs < 1) return set_error(&exc_TypeError, "throw expected at least 1 argument, got 0");
  set_error_object(args[0]);
  return asend_step(reinterpret_cast<AsendObject*>(o), nullptr, true);
}
static Object* asend_close(Object* o, Object*) {
  reinterpret_cast<AsendObject*>(o)->state = AsendState::kClosed;
  return newref(none());
}
static Object* asend_await(Object* o) { return newref(o); }
static void asend_dealloc(Object* o) {
  auto* a = reinterpret_cast<AsendObject*>(o);
  decref(a->gen);
  xdecref(a->sendval);
  object_free(o);
}
static PyAsyncMethods asend_as_async = {.am_await = asend_await};
static PyMethodDef asend_methods[] = {
    {"send", asend_send, METH_O, nullptr},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(asend_throw)), METH_FASTCALL, nullptr},
    {"close", asend_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
static Object* self_iter(Object* o) { return newref(o); }
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

}  // namespace pyvm
