// Coroutines (`async def`), the iterator `await` drives, and the awaitable protocol used by the async opcodes.
#include <string>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/function.h"
#include "vm/interp.h"

namespace pyvm {

// ---- coroutine: a generator object whose frame runs an `async def` body; not an iterator itself ----

static Object* coro_repr(Object* o) {
  auto* g = reinterpret_cast<GeneratorObject*>(o);
  return str_from_utf8(fmt::format("<coroutine object {} at {}>", str_view(g->qualname), static_cast<void*>(o)));
}

struct CoroWrapperObject {
  PyObject ob_base;
  Object* coro;
};

static Object* coro_await(Object* o) {
  auto* w = reinterpret_cast<CoroWrapperObject*>(new_object(&coroutine_wrapper_type, sizeof(CoroWrapperObject)));
  if (!w) return nullptr;
  w->coro = newref(o);
  return reinterpret_cast<Object*>(w);
}

static PyAsyncMethods coro_as_async = {.am_await = coro_await};

static PyMethodDef coro_methods[] = {
    {"send", gen_send, METH_O, nullptr},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(gen_throw)), METH_FASTCALL, nullptr},
    {"close", gen_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
// cr_origin: None unless sys.set_coroutine_origin_tracking_depth was on when the coroutine was made.
static Object* coro_get_origin(Object* o, void*) {
  Object* origin = reinterpret_cast<GeneratorObject*>(o)->origin;
  return newref(origin ? origin : none());
}
static PyGetSetDef coro_getset[] = {{"__name__", gen_get_name, gen_set_name, nullptr, nullptr},
                                    {"__qualname__", gen_get_qualname, gen_set_qualname, nullptr, nullptr},
                                    {"cr_running", gen_get_running, nullptr, nullptr, nullptr},
                                    {"cr_suspended", gen_get_suspended, nullptr, nullptr, nullptr},
                                    {"cr_frame", gen_get_frame, nullptr, nullptr, nullptr},
                                    {"cr_await", gen_get_yieldfrom, nullptr, nullptr, nullptr},
                                    {"cr_code", gen_get_code, nullptr, nullptr, nullptr},
                                    {"cr_origin", coro_get_origin, nullptr, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};

Type coroutine_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "coroutine",
    .tp_basicsize = sizeof(GeneratorObject),
    .tp_dealloc = gen_dealloc,
    .tp_as_async = &coro_as_async,
    .tp_repr = coro_repr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = gen_traverse,
    .tp_weaklistoffset = offsetof(GeneratorObject, weakreflist),
    .tp_methods = coro_methods,
    .tp_getset = coro_getset,
    .tp_finalize = gen_tp_finalize,
};

// ---- coroutine_wrapper: the iterator coroutine.__await__() returns ----

static void wrapper_dealloc(Object* o) {
  decref(reinterpret_cast<CoroWrapperObject*>(o)->coro);
  object_free(o);
}
static Object* wrapper_iternext(Object* o) {
  return gen_send_impl(reinterpret_cast<GeneratorObject*>(reinterpret_cast<CoroWrapperObject*>(o)->coro), none());
}
static Object* wrapper_send(Object* o, Object* v) { return gen_send(reinterpret_cast<CoroWrapperObject*>(o)->coro, v); }
static Object* wrapper_throw(Object* o, Object* const* args, ssize nargs) {
  return gen_throw(reinterpret_cast<CoroWrapperObject*>(o)->coro, args, nargs);
}
static Object* wrapper_close(Object* o, Object*) { return gen_close(reinterpret_cast<CoroWrapperObject*>(o)->coro, nullptr); }
static Object* self_iter(Object* o) { return newref(o); }
static PyMethodDef wrapper_methods[] = {
    {"send", wrapper_send, METH_O, nullptr},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(wrapper_throw)), METH_FASTCALL, nullptr},
    {"close", wrapper_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
Type coroutine_wrapper_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "coroutine_wrapper",
    .tp_basicsize = sizeof(CoroWrapperObject),
    .tp_dealloc = wrapper_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = wrapper_iternext,
    .tp_methods = wrapper_methods,
};

// ---- the awaitable protocol ----

Object* get_awaitable_iter(Object* o, int where) {
  Type* t = type_of(o);
  if (t == &coroutine_type) {
    // A coroutine suspended in its own `await` already has an awaiter (CPython checks _PyGen_yf).
    ORef yf = steal(gen_get_yieldfrom(o, nullptr));
    if (!yf) return nullptr;
    if (yf.get() != none()) return set_error(&exc_RuntimeError, "coroutine is being awaited already");
    return newref(o);
  }
  if (t == &generator_type) {
    // Only generator-based coroutines (types.coroutine) are awaitable.
    auto* g = reinterpret_cast<GeneratorObject*>(o);
    if (as_code(reinterpret_cast<FunctionObject*>(g->func)->code)->flags & kCoIterableCoroutine) return newref(o);
  }
  unaryfunc await = t->tp_as_async ? t->tp_as_async->am_await : nullptr;
  if (!await) {
    if (where == 1)
      return set_errorf(&exc_TypeError,
                        "'async with' received an object from __aenter__ that does not implement __await__: {}",
                        type_name(o));
    if (where == 2)
      return set_errorf(&exc_TypeError,
                        "'async with' received an object from __aexit__ that does not implement __await__: {}",
                        type_name(o));
    return set_errorf(&exc_TypeError, "object {} can't be used in 'await' expression", type_name(o));
  }
  Object* it = await(o);
  if (!it) return nullptr;
  if (type_of(it) == &coroutine_type) {
    decref(it);
    return set_error(&exc_TypeError, "__await__() returned a coroutine");
  }
  if (!type_of(it)->tp_iternext) {
    std::string n = type_name(it);
    decref(it);
    return set_errorf(&exc_TypeError, "__await__() returned non-iterator of type '{}'", n);
  }
  return it;
}

}  // namespace pyvm
