// Thread states, attaching and detaching, PyGILState_*, recursion guards and the current frame's namespaces
// (pystate.h, ceval.h). Owner: capi-b.
//
// A PyThreadState* is the address of the calling OS thread's pyvm::ThreadState (vm/threads.h); it is "current"
// while that thread is attached. PyGILState_Ensure on a thread that has never run Python code registers and
// attaches it (thread_attach); the outermost PyGILState_Release on such a thread clears its per-thread objects
// and unregisters it (thread_unregister), so the host may call Ensure again later or let the thread exit.
// Nesting is counted per thread (t_gil_counter), as CPython's gilstate_counter.
#include "Python.h"

#include <new>

#include "alloc/heap.h"
#include "compat/capi/module_internal.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "objects/stack_guard.h"
#include "vm/function.h"
#include "vm/modules/modules.h"
#include "vm/modules/thread_internal.h"
#include "vm/runtime.h"
#include "vm/threads.h"

using namespace pyvm;

struct _is {
  int64_t id;
};

namespace {

_is g_interp{0};

thread_local int t_gil_counter = 0;        // PyGILState_Ensure nesting on this thread
thread_local bool t_ensure_created = false;  // this thread's state was created by PyGILState_Ensure
thread_local Object* t_dict = nullptr;      // PyThreadState_GetDict
thread_local Object* t_locals = nullptr;    // keeps PyEval_GetLocals' snapshot alive (borrowed result)

bool is_attached(ThreadState& ts) {
  return ts.registered && __atomic_load_n(&ts.status, __ATOMIC_ACQUIRE) == int(ThreadStatus::kAttached);
}

PyThreadState* as_c(ThreadState* ts) { return reinterpret_cast<PyThreadState*>(ts); }

// Detaches the calling thread until thread_attach() (a BlockingSection whose destructor never runs: its
// constructor is the runtime's detach, and PyEval_RestoreThread / PyGILState_Ensure attach again).
void detach_current() {
  alignas(BlockingSection) static thread_local unsigned char buf[sizeof(BlockingSection)];
  new (buf) BlockingSection();
}

// What a Python thread does before it ends (vm/modules/thread_start.cc), then leaves the registry.
void destroy_current(ThreadState& ts) {
  error_clear();
  ts.thrown = nullptr;
  if (ts.handled) {
    decref(ts.handled);
    ts.handled = nullptr;
  }
  if (t_dict) {
    decref(t_dict);
    t_dict = nullptr;
  }
  if (t_locals) {
    decref(t_locals);
    t_locals = nullptr;
  }
  thread_local_clear_current();
  context_thread_clear();
  // References other threads handed back to us are merged now; objects we still own stay valid after we leave
  // (the allocator's record lives until the OS thread exits, or until the next Ensure reuses it).
  alloc::drain_merge_queue();
  thread_unregister();
}

}  // namespace

extern "C" {

PyInterpreterState* PyInterpreterState_Get(void) { return &g_interp; }
PyInterpreterState* PyInterpreterState_Main(void) { return &g_interp; }
int64_t PyInterpreterState_GetID(PyInterpreterState* interp) {
  if (!interp) {
    set_error(&exc_RuntimeError, "no interpreter provided");
    return -1;
  }
  return interp->id;
}

PyThreadState* PyThreadState_GetUnchecked(void) {
  ThreadState& ts = thread_state();
  return is_attached(ts) ? as_c(&ts) : nullptr;
}

PyThreadState* PyThreadState_Get(void) {
  PyThreadState* ts = PyThreadState_GetUnchecked();
  if (!ts)
    Py_FatalError("the function must be called with an attached thread state (the current Python thread state is "
                  "NULL)");
  return ts;
}

PyObject* PyThreadState_GetDict(void) {
  if (!is_attached(thread_state())) return nullptr;
  if (!t_dict) {
    t_dict = dict_new();
    if (!t_dict) error_clear();
  }
  return t_dict;
}

PyInterpreterState* PyThreadState_GetInterpreter(PyThreadState* /*tstate*/) { return &g_interp; }

uint64_t PyThreadState_GetID(PyThreadState* tstate) { return reinterpret_cast<ThreadState*>(tstate)->ident; }

PyThreadState* PyEval_SaveThread(void) {
  ThreadState& ts = thread_state();
  if (!is_attached(ts)) Py_FatalError("the function must be called with an attached thread state");
  capi::module_locks_save();  // as releasing the GIL: GIL-using modules' locks (compat/capi/module_lock.cc)
  detach_current();
  return as_c(&ts);
}

void PyEval_RestoreThread(PyThreadState* tstate) {
  if (!tstate) Py_FatalError("NULL tstate");
  if (reinterpret_cast<ThreadState*>(tstate) != &thread_state())
    Py_FatalError("the thread state belongs to another thread");
  thread_attach();
  capi::module_locks_restore();
}

PyGILState_STATE PyGILState_Ensure(void) {
  ThreadState& ts = thread_state();
  if (!ts.registered) {
    thread_attach();
    t_ensure_created = true;
    t_gil_counter = 1;
    return PyGILState_UNLOCKED;
  }
  t_gil_counter++;
  if (is_attached(ts)) return PyGILState_LOCKED;
  thread_attach();
  return PyGILState_UNLOCKED;
}

void PyGILState_Release(PyGILState_STATE oldstate) {
  ThreadState& ts = thread_state();
  if (!ts.registered) Py_FatalError("auto-releasing thread-state, but no thread-state for this thread");
  if (!is_attached(ts)) Py_FatalError("thread state must be current when releasing");
  --t_gil_counter;
  if (t_gil_counter < 0) Py_FatalError("PyGILState_Release called more often than PyGILState_Ensure");
  if (t_ensure_created && t_gil_counter == 0) {
    t_ensure_created = false;
    destroy_current(ts);
    return;
  }
  if (oldstate == PyGILState_UNLOCKED) detach_current();
}

PyThreadState* PyGILState_GetThisThreadState(void) {
  ThreadState& ts = thread_state();
  return ts.registered ? as_c(&ts) : nullptr;
}

int PyGILState_Check(void) { return is_attached(thread_state()) ? 1 : 0; }

// ---- ceval.h ----

PyObject* PyEval_GetBuiltins(void) {
  Frame* f = thread_state().frame;
  if (f && f->builtins) return f->builtins;
  Object* m = builtins_module();
  return m ? module_dict(m) : nullptr;
}

PyObject* PyEval_GetGlobals(void) {
  Frame* f = thread_state().frame;
  return f ? f->globals : nullptr;
}

PyObject* PyEval_GetLocals(void) {
  Frame* f = thread_state().frame;
  if (!f) return set_error(&exc_SystemError, "frame does not exist");
  if (f->locals) return f->locals;
  Object* d = frame_locals_dict(f);
  if (!d) return nullptr;
  Object* old = t_locals;
  t_locals = d;
  xdecref(old);
  return d;
}

int Py_EnterRecursiveCall(const char* where) {
  if (!where) where = "";
  if (++t_c_recursion > kCRecursionLimit) {
    --t_c_recursion;
    set_error(&exc_RecursionError, std::string("maximum recursion depth exceeded") + where);
    return -1;
  }
  if (!stack_check(where)) {
    --t_c_recursion;
    return -1;
  }
  return 0;
}

void Py_LeaveRecursiveCall(void) { --t_c_recursion; }

}  // extern "C"
