// sys.get_asyncgen_hooks / sys.set_asyncgen_hooks and sys.is_finalizing, which asyncio's event loop calls.
//
// Thread contract: the hooks are per thread, as in CPython (thread-local strong references, so no locking); a
// thread's references are not released when it exits. pyvm's async generators do not call the hooks yet, so an
// event loop's shutdown_asyncgens() finds none to close.
#include <atomic>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/structseq.h"
#include "objects/types.h"
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
};

}  // namespace

void sys_set_finalizing() { g_finalizing.store(true, std::memory_order_release); }

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
