// sys.get_asyncgen_hooks / sys.set_asyncgen_hooks and sys.is_finalizing, which asyncio's event loop calls.
//
// Thread contract: the hooks are per thread, as in CPython (thread-local strong references, so no locking); a
// thread's references are not released when it exits. Async generators (vm/async_gen.cc) call firstiter at their
// first iteration and keep the finalizer in force then, which their dealloc calls instead of closing them.
#include <atomic>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/structseq.h"
#include "objects/types.h"
#include "vm/function.h"
#include "vm/sysmodule.h"

namespace pyvm {
namespace {

thread_local Object* t_firstiter = nullptr;  // strong, null = None
thread_local Object* t_finalizer = nullptr;

const StructSeqField kHooksFields[] = {{"firstiter", "Hook to intercept first iteration"},
                                       {"finalizer", "Hook to intercept finalization"},
                                       {nullptr, nullptr}};
const StructSeqDesc kHooksDesc = {"asyncgen_hooks",
                                  "asyncgen_hooks\n\nA named tuple providing information about asynchronous\n"
                                  "generators hooks.  The attributes are read only.",
                                  kHooksFields, 2, false};
Type* g_hooks_type = nullptr;

Object* sys_get_asyncgen_hooks(Object*, Object*) {
  Object* r = structseq_new(g_hooks_type);
  if (!r) return nullptr;
  structseq_set(r, 0, newref(t_firstiter ? t_firstiter : none()));
  structseq_set(r, 1, newref(t_finalizer ? t_finalizer : none()));
  return r;
}

// Replaces one hook: None clears it; anything else must be callable.
bool check_hook(Object* v, const char* what) {
  if (!v || v == none() || is_callable(v)) return true;
  set_errorf(&exc_TypeError, "callable {} expected, got {}", what, type_name(v));
  return false;
}
void store_hook(Object** slot, Object* v) {
  if (!v) return;  // not given: unchanged
  Object* old = *slot;
  *slot = v == none() ? nullptr : newref(v);
  xdecref(old);
}

Object* sys_set_asyncgen_hooks(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("set_asyncgen_hooks", args, nargs, kwnames, {"firstiter", "finalizer"}, 0, a)) return nullptr;
  // CPython checks the finalizer first.
  if (!check_hook(a[1], "finalizer") || !check_hook(a[0], "firstiter")) return nullptr;
  store_hook(&t_finalizer, a[1]);
  store_hook(&t_firstiter, a[0]);
  return newref(none());
}

// sys.set_coroutine_origin_tracking_depth: per thread, as CPython's.
thread_local int t_coro_origin_depth = 0;

Object* sys_set_coroutine_origin_tracking_depth(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("set_coroutine_origin_tracking_depth", args, nargs, kwnames, {"depth"}, 1, a)) return nullptr;
  ssize depth = number_as_ssize(a[0], &exc_OverflowError);
  if (depth == -1 && error_occurred()) return nullptr;
  if (depth > INT32_MAX || depth < INT32_MIN) return set_error(&exc_OverflowError, "Python int too large to convert to C int");
  if (depth < 0) return set_error(&exc_ValueError, "depth must be >= 0");
  t_coro_origin_depth = int(depth);
  return newref(none());
}

Object* sys_get_coroutine_origin_tracking_depth(Object*, Object*) { return int_from_i64(t_coro_origin_depth); }

std::atomic<bool> g_finalizing{false};

Object* sys_is_finalizing(Object*, Object*) { return newref(bool_obj(g_finalizing.load(std::memory_order_acquire))); }

PyMethodDef kDefs[] = {
    {"get_asyncgen_hooks", sys_get_asyncgen_hooks, METH_NOARGS,
     "Return the installed asynchronous generators hooks.\n\nThis returns a namedtuple of the form (firstiter, "
     "finalizer)."},
    {"set_asyncgen_hooks", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(sys_set_asyncgen_hooks)),
     METH_FASTCALL | METH_KEYWORDS,
     "set_asyncgen_hooks([firstiter] [, finalizer])\n\nSet a finalizer for async generators objects."},
    {"is_finalizing", sys_is_finalizing, METH_NOARGS, "Return True if Python is exiting."},
    {"set_coroutine_origin_tracking_depth",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(sys_set_coroutine_origin_tracking_depth)),
     METH_FASTCALL | METH_KEYWORDS,
     "Enable or disable origin tracking for coroutine objects in this thread.\n\nCoroutine objects will track "
     "'depth' frames of traceback information about where they came from, available in their cr_origin "
     "attribute.\n\nSet a depth of 0 to disable."},
    {"get_coroutine_origin_tracking_depth", sys_get_coroutine_origin_tracking_depth, METH_NOARGS,
     "Check status of origin tracking for coroutine objects in this thread."},
};

}  // namespace

int coro_origin_tracking_depth() { return t_coro_origin_depth; }
Object* asyncgen_firstiter_hook() { return t_firstiter; }
Object* asyncgen_finalizer_hook() { return t_finalizer; }

void sys_set_finalizing() { g_finalizing.store(true, std::memory_order_release); }
bool sys_finalizing() { return g_finalizing.load(std::memory_order_acquire); }

int sys_asyncgen_init(Object* sys_dict) {
  if (!g_hooks_type) {
    g_hooks_type = structseq_new_type(&kHooksDesc);
    if (!g_hooks_type) return -1;
  }
  for (PyMethodDef& def : kDefs) {
    ORef f = steal(cfunction_new(&def, nullptr, str_interned("sys")));
    if (!f || dict_set_str(sys_dict, def.ml_name, f.get()) < 0) return -1;
  }
  return 0;
}

}  // namespace pyvm
