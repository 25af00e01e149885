// Starting OS threads for _thread: start_new_thread, start_joinable_thread and its _ThreadHandle, _count,
// stack_size, _shutdown and the main thread's identity.
//
// Thread-safety contract:
// - A HandleState is shared (std::shared_ptr) by the Python handle object, the running thread and the shutdown list.
//   Its fields are guarded by its `mu`; `cv` is notified when the thread is done.
// - `g_shutdown` (the handles of running non-daemon threads, which _shutdown() joins) is guarded by `g_shutdown_mu`.
// - Every HandleState is also listed in `all_handles()` (guarded by `g_handles_mu`, taken after `g_shutdown_mu`
//   when both are held), so that a child of fork() can mark the handles of the threads it lost as done.
// - The new thread receives its callable and arguments as references given up by the starter; it drops them
//   through the shared path of biased counting (they are owned by the starter).
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <new>
#include <vector>

#include "alloc/heap.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/structseq.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/modules/modules.h"
#include "vm/modules/thread_internal.h"
#include "vm/sysmodule.h"
#include "vm/sync/mutex.h"
#include "vm/deferred_walk.h"
#include "vm/threads.h"
#include "vm/traceback.h"

namespace pyvm {
namespace {

enum class HState { kNotStarted, kStarting, kRunning, kDone };

struct HandleState;
std::mutex g_handles_mu;
std::vector<HandleState*>& all_handles() {
  static auto* v = new std::vector<HandleState*>;
  return *v;
}

struct HandleState {
  HandleState() {
    std::lock_guard<std::mutex> g(g_handles_mu);
    all_handles().push_back(this);
  }
  ~HandleState() {
    std::lock_guard<std::mutex> g(g_handles_mu);
    auto& v = all_handles();
    auto it = std::find(v.begin(), v.end(), this);
    if (it != v.end()) {
      *it = v.back();
      v.pop_back();
    }
  }
  HandleState(const HandleState&) = delete;
  HandleState& operator=(const HandleState&) = delete;
  std::mutex mu;
  std::condition_variable cv;
  HState state = HState::kNotStarted;
  uint64_t ident = 0;
  pthread_t thread{};
  bool has_thread = false;  // an OS thread that must be joined or detached exactly once
  bool joined = false;
};

struct HandleObject {
  PyObject ob_base;
  std::shared_ptr<HandleState>* state;
  Object* weakreflist;
};

std::mutex g_shutdown_mu;
std::vector<std::shared_ptr<HandleState>>& shutdown_list() {
  static auto* v = new std::vector<std::shared_ptr<HandleState>>;
  return *v;
}
std::atomic<int> g_running{0};        // threads started here and not finished (_count)
thread_local bool t_started_here = false;  // the calling thread was started by launch() (counts in g_running)
thread_local sigset_t t_starter_mask;      // Boot::mask, when t_started_here
std::atomic<size_t> g_stack_size{0};  // 0: the platform default

void remove_from_shutdown(const std::shared_ptr<HandleState>& h) {
  std::lock_guard<std::mutex> g(g_shutdown_mu);
  auto& v = shutdown_list();
  v.erase(std::remove(v.begin(), v.end(), h), v.end());
}

struct Boot {
  Object* func;
  Object* args;    // tuple
  Object* kwargs;  // dict or null
  std::shared_ptr<HandleState> handle;  // null for start_new_thread
  sigset_t mask;  // the starter's signal mask: what the thread would run with if it did not leave signals to main
};

// CPython's report for an exception that escapes a thread's function.
void report_thread_error(Object* func) {
  ORef exc = steal(error_take());
  std::string where;
  if (!repr_utf8(func, &where)) {
    error_clear();
    where = "<object repr() failed>";
  }
  set_error_steal(exc.release());
  write_unraisable_msg(("Exception ignored in thread started by " + where).c_str(), nullptr);
}

void* thread_main(void* p) {
  auto* boot = static_cast<Boot*>(p);
  t_started_here = true;
  t_starter_mask = boot->mask;
  thread_attach();
  {
    ORef r = steal(call_tuple_dict(boot->func, boot->args, boot->kwargs));
    if (!r) {
      if (error_matches(&exc_SystemExit))
        error_clear();
      else
        report_thread_error(boot->func);
    }
  }
  decref(boot->func);
  decref(boot->args);
  xdecref(boot->kwargs);
  ThreadState& ts = thread_state();
  ts.thrown = nullptr;
  if (ts.handled) {
    decref(ts.handled);
    ts.handled = nullptr;
  }
  thread_local_clear_current();  // this thread's _thread._local dicts
  context_thread_clear();        // this thread's contextvars.Context
  g_running.fetch_sub(1);
  std::shared_ptr<HandleState> h = std::move(boot->handle);
  delete boot;
  alloc::thread_retire();  // frees what is still queued to us while we take part in stop-the-world (vm/gc.cc)
  thread_unregister();
  if (h) {
    {
      std::lock_guard<std::mutex> g(h->mu);
      h->state = HState::kDone;
    }
    h->cv.notify_all();
    remove_from_shutdown(h);
  }
  return nullptr;
}

// Starts the OS thread. On failure sets an error, gives the references back and returns false.
bool launch(Boot* boot, bool joinable, pthread_t* out) {
  enable_deferred_immortalization();  // the first thread: shared functions and classes stop counting references
  sync::enter_multithreaded();  // we are still the only thread: our open sections take their mutexes now
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  if (size_t ss = g_stack_size.load()) pthread_attr_setstacksize(&attr, ss);
  if (!joinable) pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  // The new thread starts with every signal blocked that the main thread handles (CPython leaves signal handling to
  // the main thread).
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  boot->mask = t_started_here ? t_starter_mask : old;  // a started thread's own mask blocks everything
  g_running.fetch_add(1);
  int rc = pthread_create(out, &attr, thread_main, boot);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    g_running.fetch_sub(1);
    decref(boot->func);
    decref(boot->args);
    xdecref(boot->kwargs);
    delete boot;
    set_error(&exc_RuntimeError, "can't start new thread");
    return false;
  }
  return true;
}

// ---- _ThreadHandle ----

HandleObject* as_handle(Object* o) { return reinterpret_cast<HandleObject*>(o); }
std::shared_ptr<HandleState>& hs(Object* o) { return *as_handle(o)->state; }

Type& handle_type();

Object* handle_new(std::shared_ptr<HandleState> st) {
  Type* t = &handle_type();
  Object* o = new_object(t, size_t(t->tp_basicsize));
  if (!o) return nullptr;
  as_handle(o)->state = new std::shared_ptr<HandleState>(std::move(st));
  return o;
}

Object* handle_tp_new(Type*, Object* args, Object* kwargs) {
  if ((args && tuple_size(args)) || (kwargs && dict_size(kwargs)))
    return set_error(&exc_TypeError, "_ThreadHandle() takes no arguments");
  return handle_new(std::make_shared<HandleState>());
}

void handle_dealloc(Object* o) {
  clear_weakrefs(o);
  if (auto* sp = as_handle(o)->state) {
    HandleState& h = **sp;
    {
      std::lock_guard<std::mutex> g(h.mu);
      if (h.has_thread && !h.joined) {
        pthread_detach(h.thread);  // never joined: let the OS reclaim it when it ends
        h.joined = true;
      }
    }
    delete sp;
  }
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

Object* handle_repr(Object* o) {
  HandleState& h = *hs(o);
  uint64_t ident;
  {
    std::lock_guard<std::mutex> g(h.mu);
    ident = h.ident;
  }
  return str_from_utf8(fmt::format("<_thread._ThreadHandle object: ident={}>", ident));
}

Object* handle_ident(Object* o, void*) {
  HandleState& h = *hs(o);
  std::lock_guard<std::mutex> g(h.mu);
  return int_from_u64(h.ident);
}

// Waits (detached) until the thread is done or the timeout passes; true when done.
bool wait_done(HandleState& h, double timeout) {
  BlockingSection b;
  std::unique_lock<std::mutex> g(h.mu);
  auto done = [&] { return h.state == HState::kDone; };
  if (timeout < 0) {
    h.cv.wait(g, done);
    return true;
  }
  return h.cv.wait_for(g, std::chrono::duration<double>(timeout), done);
}

Object* handle_join(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[1] = {};
  if (!parse_args("join", args, nargs, kwnames, {"timeout"}, 0, out)) return nullptr;
  double timeout = -1;
  if (out[0] && out[0] != none()) {
    bool ok = true;
    timeout = float_as_double(out[0], &ok);
    if (!ok) return nullptr;
    if (timeout < 0) timeout = 0;  // negative timeouts poll, as CPython's handle join does
  }
  std::shared_ptr<HandleState> h = hs(self);
  {
    std::lock_guard<std::mutex> g(h->mu);
    if (h->state == HState::kNotStarted) return set_error(&exc_RuntimeError, "thread not started");
    if (h->ident == uint64_t(pthread_self()) && h->state != HState::kDone)
      return set_error(&exc_RuntimeError, "Cannot join current thread");
  }
  if (!wait_done(*h, timeout)) return newref(none());
  pthread_t to_join{};
  bool join = false;
  {
    std::lock_guard<std::mutex> g(h->mu);
    if (h->has_thread && !h->joined) {
      h->joined = true;
      to_join = h->thread;
      join = true;
    }
  }
  if (join) {
    BlockingSection b;
    pthread_join(to_join, nullptr);  // the thread is past its last Python step; this returns promptly
  }
  return newref(none());
}

Object* handle_is_done(Object* self, Object*) {
  HandleState& h = *hs(self);
  std::lock_guard<std::mutex> g(h.mu);
  return newref(bool_obj(h.state == HState::kDone));
}

Object* handle_set_done(Object* self, Object*) {
  HandleState& h = *hs(self);
  {
    std::lock_guard<std::mutex> g(h.mu);
    if (h.state == HState::kNotStarted) return set_error(&exc_RuntimeError, "thread not started");
    h.state = HState::kDone;
  }
  h.cv.notify_all();
  return newref(none());
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef handle_methods[] = {
    {"join", FAST(handle_join), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"is_done", handle_is_done, METH_NOARGS, nullptr},
    {"_set_done", handle_set_done, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef handle_getset[] = {
    {"ident", handle_ident, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

Type& handle_type() {
  static Type t = {
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
      .tp_name = "_thread._ThreadHandle",
      .tp_basicsize = sizeof(HandleObject),
      .tp_dealloc = handle_dealloc,
      .tp_repr = handle_repr,
      .tp_getattro = generic_getattr,
      .tp_flags = Py_TPFLAGS_DEFAULT,
      .tp_weaklistoffset = offsetof(HandleObject, weakreflist),
      .tp_methods = handle_methods,
      .tp_getset = handle_getset,
      .tp_new = handle_tp_new,
  };
  return t;
}

// ---- module functions ----

Object* start_new_thread(Object*, Object* const* args, ssize nargs) {
  if (nargs < 2 || nargs > 3)
    return set_errorf(&exc_TypeError, "start_new_thread expected {} 2 arguments, got {}", nargs < 2 ? "at least" : "at most",
                      nargs);
  Object* func = args[0];
  Object* targs = args[1];
  Object* kwargs = nargs > 2 ? args[2] : nullptr;
  if (!is_callable(func)) return set_error(&exc_TypeError, "first arg must be callable");
  if (!type_check(targs, &tuple_type)) return set_error(&exc_TypeError, "2nd arg must be a tuple");
  if (kwargs && !dict_check(kwargs)) return set_error(&exc_TypeError, "optional 3rd arg must be a dictionary");
  auto* boot = new Boot{newref(func), newref(targs), kwargs ? newref(kwargs) : nullptr, nullptr};
  pthread_t th;
  if (!launch(boot, false, &th)) return nullptr;
  return int_from_u64(uint64_t(th));
}

Object* start_joinable_thread(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[3] = {};
  if (!parse_args("start_joinable_thread", args, nargs, kwnames, {"function", "handle", "daemon"}, 1, out))
    return nullptr;
  Object* func = out[0];
  if (!is_callable(func)) return set_error(&exc_TypeError, "thread function must be callable");
  bool daemon = true;
  if (out[2]) {
    int t = object_is_true(out[2]);
    if (t < 0) return nullptr;
    daemon = t;
  }
  ORef handle;
  if (out[1] && out[1] != none()) {
    if (type_of(out[1]) != &handle_type()) return set_error(&exc_TypeError, "'handle' must be a _ThreadHandle");
    handle = steal(newref(out[1]));
  } else {
    handle = steal(handle_new(std::make_shared<HandleState>()));
    if (!handle) return nullptr;
  }
  std::shared_ptr<HandleState> h = hs(handle.get());
  {
    std::lock_guard<std::mutex> g(h->mu);
    if (h->state != HState::kNotStarted) return set_error(&exc_RuntimeError, "thread already started");
    h->state = HState::kStarting;
  }
  ORef empty = steal(tuple_new(0));
  if (!empty) return nullptr;
  if (!daemon) {
    std::lock_guard<std::mutex> g(g_shutdown_mu);
    shutdown_list().push_back(h);
  }
  auto* boot = new Boot{newref(func), empty.release(), nullptr, h};
  // The handle's fields are filled before the thread can finish: it sets kDone under the same mutex.
  std::unique_lock<std::mutex> g(h->mu);
  pthread_t th;
  if (!launch(boot, true, &th)) {
    h->state = HState::kNotStarted;
    g.unlock();
    if (!daemon) remove_from_shutdown(h);
    return nullptr;
  }
  h->thread = th;
  h->has_thread = true;
  h->ident = uint64_t(th);
  if (h->state == HState::kStarting) h->state = HState::kRunning;
  g.unlock();
  return handle.release();
}

Object* make_thread_handle(Object*, Object* ident) {
  int ovf = 0;
  uint64_t id = uint64_t(int_as_i64(ident, &ovf));
  if (error_occurred()) return nullptr;
  auto st = std::make_shared<HandleState>();
  st->state = HState::kRunning;
  st->ident = id;
  return handle_new(std::move(st));
}

Object* thread_shutdown(Object*, Object*) {
  uint64_t me = uint64_t(pthread_self());
  for (;;) {
    std::shared_ptr<HandleState> h;
    {
      std::lock_guard<std::mutex> g(g_shutdown_mu);
      for (auto& c : shutdown_list()) {
        std::lock_guard<std::mutex> hg(c->mu);
        if (c->ident != me) {
          h = c;
          break;
        }
      }
    }
    if (!h) break;
    wait_done(*h, -1);
    remove_from_shutdown(h);
  }
  return newref(none());
}

Object* thread_count(Object*, Object*) { return int_from_i64(g_running.load()); }

Object* thread_stack_size(Object*, Object* const* args, ssize nargs) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "stack_size expected at most 1 argument, got {}", nargs);
  size_t old = g_stack_size.load();
  if (nargs == 1) {
    int ovf = 0;
    int64_t v = int_as_i64(args[0], &ovf);
    if (v == -1 && error_occurred()) return nullptr;
    if (ovf || v < 0) return set_error(&exc_ValueError, "size must be 0 or a positive value");
    if (v != 0 && v < 32768) return set_error(&exc_ValueError, "size not valid: 32768 bytes");
    g_stack_size.store(size_t(v));
  }
  return int_from_u64(old);
}

// ---- _excepthook ----

const StructSeqField kHookFields[] = {{"exc_type", "Exception type"},
                                      {"exc_value", "Exception value"},
                                      {"exc_traceback", "Exception traceback"},
                                      {"thread", "Thread"},
                                      {nullptr, nullptr}};
const StructSeqDesc kHookDesc = {"_thread._ExceptHookArgs", "ExceptHookArgs\n\nType used to pass arguments to threading.excepthook.",
                                 kHookFields, 4};

Type* hook_args_type() {
  static Type* t = structseq_new_type(&kHookDesc);
  return t;
}

// The default threading.excepthook: "Exception in thread NAME:" and the traceback, on sys.stderr (or the thread's
// saved _stderr when sys.stderr is None). SystemExit is silently ignored.
Object* thread_excepthook(Object*, Object* args) {
  if (type_of(args) != hook_args_type())
    return set_error(&exc_TypeError, "_thread._excepthook argument type must be ExceptHookArgs");
  Object* exc_type = structseq_get(args, 0);
  Object* exc_value = structseq_get(args, 1);
  Object* thread = structseq_get(args, 3);
  if (type_check(exc_type, &type_type) && is_subtype(reinterpret_cast<Type*>(exc_type), &exc_SystemExit))
    return newref(none());
  ORef file = borrow(sys_get("stderr"));
  if (!file || file.get() == none()) {
    error_clear();
    if (thread == none()) return newref(none());
    file = steal(get_attr(thread, str_interned("_stderr")));
    if (!file) return nullptr;
    if (file.get() == none()) return newref(none());
  }
  std::string head = "Exception in thread ";
  ORef name;
  if (thread != none()) {
    name = steal(get_attr(thread, str_interned("name")));
    if (!name) error_clear();
  }
  std::string name_text;
  if (name && name.get() != none()) {
    if (!object_str_utf8(name.get(), &name_text)) return nullptr;
  } else {
    name_text = std::to_string(uint64_t(pthread_self()));
  }
  if (sys_write_text(file.get(), head + name_text + ":\n") < 0) return nullptr;
  ORef fl = steal(call_method0(file.get(), str_interned("flush")));
  if (!fl) error_clear();
  if (is_exception_instance(exc_value) && sys_write_text(file.get(), format_exception(exc_value)) < 0) return nullptr;
  fl = steal(call_method0(file.get(), str_interned("flush")));
  if (!fl) error_clear();
  return newref(none());
}

Object* thread_main_ident(Object*, Object*) { return int_from_u64(main_thread_ident()); }
Object* thread_true(Object*, Object*) { return newref(true_()); }
Object* thread_exit(Object*, Object*) { return set_error_value(&exc_SystemExit, nullptr); }

PyMethodDef start_methods[] = {
    {"start_new_thread", FAST(start_new_thread), METH_FASTCALL, nullptr},
    {"start_new", FAST(start_new_thread), METH_FASTCALL, nullptr},
    {"start_joinable_thread", FAST(start_joinable_thread), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"_make_thread_handle", make_thread_handle, METH_O, nullptr},
    {"_shutdown", thread_shutdown, METH_NOARGS, nullptr},
    {"_count", thread_count, METH_NOARGS, nullptr},
    {"stack_size", FAST(thread_stack_size), METH_FASTCALL, nullptr},
    {"_get_main_thread_ident", thread_main_ident, METH_NOARGS, nullptr},
    {"_is_main_interpreter", thread_true, METH_NOARGS, nullptr},
    {"daemon_threads_allowed", thread_true, METH_NOARGS, nullptr},
    {"exit", thread_exit, METH_NOARGS, nullptr},
    {"_excepthook", thread_excepthook, METH_O, nullptr},
    {"exit_thread", thread_exit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

int thread_start_init(Object* module) {
  if (type_ready(&handle_type()) < 0 || module_add_functions(module, start_methods) < 0) return -1;
  Type* hook = hook_args_type();
  if (!hook || dict_set_str(module_dict(module), "_ExceptHookArgs", reinterpret_cast<Object*>(hook)) < 0) return -1;
  return dict_set_str(module_dict(module), "_ThreadHandle", reinterpret_cast<Object*>(&handle_type()));
}

int threads_running() { return g_running.load(); }

void thread_handles_fork_prepare() {
  g_shutdown_mu.lock();
  g_handles_mu.lock();
}

void thread_handles_fork_parent() {
  g_handles_mu.unlock();
  g_shutdown_mu.unlock();
}

void thread_handles_fork_child() {
  uint64_t me = uint64_t(pthread_self());
  for (HandleState* h : all_handles()) {
    // A joiner or the thread itself may have held the mutex or waited on the condition variable.
    new (&h->mu) std::mutex();
    new (&h->cv) std::condition_variable();
    if (h->ident == me || h->state == HState::kNotStarted) continue;
    // The thread did not survive the fork: its handle is done, and there is no OS thread to join or detach.
    h->state = HState::kDone;
    h->has_thread = false;
    h->joined = true;
  }
  auto& v = shutdown_list();
  v.erase(std::remove_if(v.begin(), v.end(), [&](const std::shared_ptr<HandleState>& h) { return h->ident != me; }),
          v.end());
  g_running.store(t_started_here ? 1 : 0);
  // We are the child's only thread, hence its main thread: it takes signals again, with the mask its starter had.
  if (t_started_here) pthread_sigmask(SIG_SETMASK, &t_starter_mask, nullptr);
  g_handles_mu.unlock();
  g_shutdown_mu.unlock();
}

}  // namespace pyvm
