// The _thread module's locks and thread identity: lock (allocate_lock), RLock, get_ident, get_native_id.
// Starting threads: thread_start.cc; _local: thread_locals.cc.
//
// Thread-safety contract: a lock object's state (locked flag, RLock owner and count) is guarded by its own
// std::mutex; waiters sleep on its condition variable. A plain lock may be released by any thread (as in CPython);
// an RLock only by its owner.
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <new>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/modules/thread_internal.h"
#include "vm/signals.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

// The largest timeout accepted, in seconds (CPython's TIMEOUT_MAX on Linux is about this).
constexpr double kTimeoutMax = 9223372036.0;

uint64_t current_ident() { return uint64_t(pthread_self()); }

struct LockState {
  std::mutex mu;
  std::condition_variable cv;
  bool locked = false;
  uint64_t owner = 0;  // RLock only
  uint64_t count = 0;  // RLock only
};

struct LockObject {
  PyObject ob_base;
  LockState* state;
  Object* weakreflist;
};

LockState* st(Object* o) { return reinterpret_cast<LockObject*>(o)->state; }

Object* lock_alloc(Type* t) {
  Object* o = new_object(t, size_t(t->tp_basicsize));
  if (!o) return nullptr;
  reinterpret_cast<LockObject*>(o)->state = new (std::nothrow) LockState();
  if (!st(o)) {
    decref(o);
    return no_memory();
  }
  return o;
}

void lock_dealloc(Object* o) {
  clear_weakrefs(o);
  Type* t = type_of(o);
  delete st(o);
  object_free(o);
  dealloc_type_ref(t);
}

// Parses acquire(blocking=True, timeout=-1) into a deadline: -1 = forever, 0 = try once, else seconds.
bool parse_acquire(Object* const* args, ssize nargs, Object* kwnames, double* timeout) {
  Object* out[2] = {};
  if (!parse_args("acquire", args, nargs, kwnames, {"blocking", "timeout"}, 0, out)) return false;
  int blocking = 1;
  if (out[0]) {
    blocking = object_is_true(out[0]);
    if (blocking < 0) return false;
  }
  double t = -1;
  if (out[1]) {
    ORef f = steal(number_float(out[1]));
    if (!f) return false;
    t = float_value(f.get());
  }
  if (!blocking && t != -1) {
    set_error(&exc_ValueError, "can't specify a timeout for a non-blocking call");
    return false;
  }
  if (t < 0 && t != -1) {
    set_error(&exc_ValueError, "timeout value must be a non-negative number");
    return false;
  }
  if (t > kTimeoutMax) {
    set_error(&exc_OverflowError, "timeout value is too large");
    return false;
  }
  *timeout = blocking ? t : 0;
  return true;
}

// Waits until `ready()` holds (with the state's mutex held), for at most `timeout` seconds (-1: forever), and then
// runs `claim()` under the same hold. The caller holds `g`; a wait happens detached (vm/threads.h BlockingSection)
// and without `g`, which is re-taken before returning.
template <class Ready, class Claim>
bool wait_and_claim(LockState* s, std::unique_lock<std::mutex>& g, double timeout, Ready ready, Claim claim) {
  if (ready()) {
    claim();
    return true;
  }
  if (timeout == 0) return false;
  g.unlock();
  bool got;
  {
    BlockingSection detached;
    std::unique_lock<std::mutex> w(s->mu);  // released before `detached` re-attaches
    if (timeout < 0) {
      s->cv.wait(w, ready);
      got = true;
    } else {
      auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
      got = s->cv.wait_until(w, deadline, ready);
    }
    if (got) claim();
  }
  g.lock();
  return got;
}

// ---- lock ----

Object* lock_acquire(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  double timeout;
  if (!parse_acquire(args, nargs, kwnames, &timeout)) return nullptr;
  LockState* s = st(self);
  std::unique_lock<std::mutex> g(s->mu);
  bool got = wait_and_claim(s, g, timeout, [s] { return !s->locked; }, [s] { s->locked = true; });
  return newref(bool_obj(got));
}

Object* lock_release(Object* self, Object*) {
  LockState* s = st(self);
  {
    std::lock_guard<std::mutex> g(s->mu);
    if (!s->locked) return set_error(&exc_RuntimeError, "release unlocked lock");
    s->locked = false;
  }
  s->cv.notify_one();
  return newref(none());
}

Object* lock_exit(Object* self, Object* const*, ssize) { return lock_release(self, nullptr); }

Object* lock_locked(Object* self, Object*) {
  LockState* s = st(self);
  std::lock_guard<std::mutex> g(s->mu);
  return newref(bool_obj(s->locked));
}

Object* lock_at_fork_reinit(Object* self, Object*) {
  LockState* s = st(self);
  // A fresh mutex and condition variable, not just an unlocked flag: in a child of fork() a thread that no longer
  // exists may have held the mutex or waited on the condition variable (whose next notify could then block).
  new (&s->mu) std::mutex();
  new (&s->cv) std::condition_variable();
  s->locked = false;
  s->owner = 0;
  s->count = 0;
  return newref(none());
}

Object* lock_repr(Object* self) {
  LockState* s = st(self);
  bool locked;
  {
    std::lock_guard<std::mutex> g(s->mu);
    locked = s->locked;
  }
  return str_from_utf8(fmt::format("<{} {} object at {}>", locked ? "locked" : "unlocked", type_of(self)->tp_name,
                                   static_cast<const void*>(self)));
}

Object* lock_tp_new(Type* t, Object* args, Object* kwds) {
  if ((args && object_length(args) > 0) || (kwds && object_length(kwds) > 0))
    return set_error(&exc_TypeError, "lock() takes no arguments");
  return lock_alloc(t);
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef lock_methods[] = {
    {"acquire", FAST(lock_acquire), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"acquire_lock", FAST(lock_acquire), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"release", lock_release, METH_NOARGS, nullptr},
    {"release_lock", lock_release, METH_NOARGS, nullptr},
    {"locked", lock_locked, METH_NOARGS, nullptr},
    {"locked_lock", lock_locked, METH_NOARGS, nullptr},
    {"__enter__", FAST(lock_acquire), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"__exit__", FAST(lock_exit), METH_FASTCALL, nullptr},
    {"_at_fork_reinit", lock_at_fork_reinit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Type lock_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_thread.lock",
    .tp_basicsize = sizeof(LockObject),
    .tp_dealloc = lock_dealloc,
    .tp_repr = lock_repr,
    .tp_getattro = generic_getattr,
    .tp_weaklistoffset = offsetof(LockObject, weakreflist),
    .tp_methods = lock_methods,
    .tp_new = lock_tp_new,
};

// ---- RLock ----

Object* rlock_acquire(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  double timeout;
  if (!parse_acquire(args, nargs, kwnames, &timeout)) return nullptr;
  LockState* s = st(self);
  uint64_t me = current_ident();
  std::unique_lock<std::mutex> g(s->mu);
  if (s->count > 0 && s->owner == me) {
    if (s->count == UINT64_MAX) return set_error(&exc_OverflowError, "Internal lock count overflowed");
    s->count++;
    return newref(true_());
  }
  bool got = wait_and_claim(s, g, timeout, [s] { return s->count == 0; }, [s, me] {
    s->owner = me;
    s->count = 1;
  });
  return newref(bool_obj(got));
}

Object* rlock_release(Object* self, Object*) {
  LockState* s = st(self);
  {
    std::lock_guard<std::mutex> g(s->mu);
    if (s->count == 0 || s->owner != current_ident())
      return set_error(&exc_RuntimeError, "cannot release un-acquired lock");
    if (--s->count > 0) return newref(none());
    s->owner = 0;
  }
  s->cv.notify_one();
  return newref(none());
}

Object* rlock_exit(Object* self, Object* const*, ssize) { return rlock_release(self, nullptr); }

Object* rlock_is_owned(Object* self, Object*) {
  LockState* s = st(self);
  std::lock_guard<std::mutex> g(s->mu);
  return newref(bool_obj(s->count > 0 && s->owner == current_ident()));
}

Object* rlock_recursion_count(Object* self, Object*) {
  LockState* s = st(self);
  std::lock_guard<std::mutex> g(s->mu);
  return int_from_u64(s->owner == current_ident() ? s->count : 0);
}

// _release_save(): releases completely, returning (count, owner) for _acquire_restore (Condition uses these).
Object* rlock_release_save(Object* self, Object*) {
  LockState* s = st(self);
  uint64_t count, owner;
  {
    std::lock_guard<std::mutex> g(s->mu);
    if (s->count == 0) return set_error(&exc_RuntimeError, "cannot release un-acquired lock");
    count = s->count;
    owner = s->owner;
    s->count = 0;
    s->owner = 0;
  }
  s->cv.notify_one();
  ORef c = steal(int_from_u64(count));
  ORef o = steal(int_from_u64(owner));
  if (!c || !o) return nullptr;
  return tuple_pack({c.get(), o.get()});
}

Object* rlock_acquire_restore(Object* self, Object* state) {
  if (!type_check(state, &tuple_type) || tuple_size(state) != 2)
    return set_error(&exc_TypeError, "_acquire_restore() argument 1 must be tuple");
  int ovf = 0;
  uint64_t count = uint64_t(int_as_i64(tuple_get(state, 0), &ovf));
  uint64_t owner = uint64_t(int_as_i64(tuple_get(state, 1), &ovf));
  if (error_occurred()) return nullptr;
  LockState* s = st(self);
  std::unique_lock<std::mutex> g(s->mu);
  wait_and_claim(s, g, -1, [s] { return s->count == 0; }, [s, owner, count] {
    s->owner = owner;
    s->count = count;
  });
  return newref(none());
}

Object* rlock_repr(Object* self) {
  LockState* s = st(self);
  uint64_t owner, count;
  {
    std::lock_guard<std::mutex> g(s->mu);
    owner = s->owner;
    count = s->count;
  }
  std::string tname = type_of(self)->tp_name;
  return str_from_utf8(fmt::format("<{} {} object owner={} count={} at {}>", count ? "locked" : "unlocked", tname,
                                   count ? owner : 0, count, static_cast<const void*>(self)));
}

Object* rlock_tp_new(Type* t, Object*, Object*) { return lock_alloc(t); }

PyMethodDef rlock_methods[] = {
    {"acquire", FAST(rlock_acquire), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"release", rlock_release, METH_NOARGS, nullptr},
    {"_is_owned", rlock_is_owned, METH_NOARGS, nullptr},
    {"_recursion_count", rlock_recursion_count, METH_NOARGS, nullptr},
    {"_release_save", rlock_release_save, METH_NOARGS, nullptr},
    {"_acquire_restore", rlock_acquire_restore, METH_O, nullptr},
    {"__enter__", FAST(rlock_acquire), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"__exit__", FAST(rlock_exit), METH_FASTCALL, nullptr},
    {"_at_fork_reinit", lock_at_fork_reinit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Type rlock_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_thread.RLock",
    .tp_basicsize = sizeof(LockObject),
    .tp_dealloc = lock_dealloc,
    .tp_repr = rlock_repr,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_weaklistoffset = offsetof(LockObject, weakreflist),
    .tp_methods = rlock_methods,
    .tp_new = rlock_tp_new,
};

// ---- module functions ----

Object* thread_allocate_lock(Object*, Object*) { return lock_alloc(&lock_type); }
Object* thread_get_ident(Object*, Object*) { return int_from_u64(current_ident()); }
Object* thread_get_native_id(Object*, Object*) { return int_from_i64(int64_t(syscall(SYS_gettid))); }
// interrupt_main(signum=SIGINT, /): as if `signum` arrived; its Python handler runs on the main thread (vm/signals.h).
Object* thread_interrupt_main(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("interrupt_main", nargs, kwnames, 0, 1)) return nullptr;
  int sig = SIGINT;
  if (nargs && !posix::convert_int_i(args[0], &sig)) return nullptr;
  if (signals::trip(sig) < 0) return set_error(&exc_ValueError, "signal number out of range");
  return newref(none());
}

PyMethodDef thread_methods[] = {
    {"interrupt_main", as_cfunc(thread_interrupt_main), METH_FASTCALL | METH_KEYWORDS,
     "interrupt_main($module, signum=signal.SIGINT, /)\n--\n\nSimulate the arrival of the given signal in the main "
     "thread,\nwhere the corresponding signal handler will be executed."},
    {"allocate_lock", thread_allocate_lock, METH_NOARGS, nullptr},
    {"allocate", thread_allocate_lock, METH_NOARGS, nullptr},
    {"get_ident", thread_get_ident, METH_NOARGS, nullptr},
    {"get_native_id", thread_get_native_id, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Object* create_thread_module() {
  if (type_ready(&lock_type) < 0 || type_ready(&rlock_type) < 0) return nullptr;
  ORef m = steal(module_new(str_interned("_thread")));
  if (!m || module_add_functions(m.get(), thread_methods) < 0 || thread_start_init(m.get()) < 0 ||
      thread_locals_init(m.get()) < 0)
    return nullptr;
  Object* d = module_dict(m.get());
  ORef tmax = steal(float_from_double(kTimeoutMax));
  if (!tmax || dict_set_str(d, "LockType", reinterpret_cast<Object*>(&lock_type)) < 0 ||
      dict_set_str(d, "lock", reinterpret_cast<Object*>(&lock_type)) < 0 ||
      dict_set_str(d, "RLock", reinterpret_cast<Object*>(&rlock_type)) < 0 ||
      dict_set_str(d, "error", reinterpret_cast<Object*>(&exc_RuntimeError)) < 0 ||
      dict_set_str(d, "TIMEOUT_MAX", tmax.get()) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
