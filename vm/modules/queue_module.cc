// The _queue module: SimpleQueue, the unbounded FIFO queue that queue.SimpleQueue is, and the Empty exception.
//
// Thread-safety contract: a queue's items and its waiter count are guarded by the queue's own std::mutex. Nothing
// runs Python code or allocates Python objects while holding it (items are C++ deque entries), so put() is
// reentrant: a finalizer or a signal handler that runs in the middle of another put() or get() on the same thread
// may call put() again. A get() that has to wait sleeps on the queue's condition variable detached (vm/threads.h
// BlockingSection); on the main thread it wakes every 50 ms to run signal handlers, whose exception ends the wait.
// The collector's traverse takes the mutex too: a detached waiter may still be taking an item while the world is
// stopped, and it holds the mutex only for that.
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <new>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/genericalias.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/modules/modules.h"
#include "vm/signals.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

Object* g_empty = nullptr;  // _queue.Empty, created once

struct QueueState {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Object*> items;  // owned references, oldest first
  int waiters = 0;            // get() calls sleeping on cv
};

struct SimpleQueueObject {
  PyObject ob_base;
  QueueState* state;
  Object* weakreflist;
};

QueueState* st(Object* o) { return reinterpret_cast<SimpleQueueObject*>(o)->state; }

extern Type simplequeue_type;

Object* sq_tp_new(Type* t, Object* args, Object* kwds) {
  // The arguments are checked only where SimpleQueue's own (absent) __init__ would see them, as in CPython: a
  // subclass with an __init__ of its own takes what it likes.
  if (t == &simplequeue_type || t->tp_init == simplequeue_type.tp_init) {
    if (args && tuple_size(args) > 0) return set_error(&exc_TypeError, "SimpleQueue() takes no positional arguments");
    if (kwds && dict_size(kwds) > 0) return set_error(&exc_TypeError, "SimpleQueue() takes no keyword arguments");
  }
  Object* o = new_object(t, size_t(t->tp_basicsize));
  if (!o) return nullptr;
  reinterpret_cast<SimpleQueueObject*>(o)->state = new (std::nothrow) QueueState();
  if (!st(o)) {
    decref(o);
    return no_memory();
  }
  return o;
}

// Takes every item out under the lock and releases them after it (their finalizers may use the queue).
void drop_items(QueueState* s) {
  std::deque<Object*> items;
  {
    std::lock_guard<std::mutex> g(s->mu);
    items.swap(s->items);
  }
  for (Object* o : items) decref(o);
}

int sq_clear(Object* self) {
  if (QueueState* s = st(self)) drop_items(s);
  return 0;
}

int sq_traverse(Object* self, visitproc visit, void* arg) {
  QueueState* s = st(self);
  if (!s) return 0;
  std::lock_guard<std::mutex> g(s->mu);
  for (Object* o : s->items)
    if (int r = visit(o, arg)) return r;
  return 0;
}

void sq_dealloc(Object* self) {
  clear_weakrefs(self);
  Type* t = type_of(self);
  if (QueueState* s = st(self)) {
    drop_items(s);
    delete s;
    reinterpret_cast<SimpleQueueObject*>(self)->state = nullptr;
  }
  object_free(self);
  dealloc_type_ref(t);
}

bool put_item(Object* self, Object* item) {
  QueueState* s = st(self);
  bool wake;
  {
    std::lock_guard<std::mutex> g(s->mu);
    s->items.push_back(item);  // the build has no exceptions: running out of memory here aborts, as elsewhere
    incref(item);
    wake = s->waiters > 0;
  }
  if (wake) s->cv.notify_one();
  return true;
}

// put(item, block=True, timeout=None): never blocks; block and timeout exist for Queue's signature.
Object* sq_put(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[3] = {};
  if (!parse_args("put", args, nargs, kwnames, {"item", "block", "timeout"}, 1, out)) return nullptr;
  if (!put_item(self, out[0])) return nullptr;
  return newref(none());
}

Object* sq_put_nowait(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* item = nullptr;
  if (!parse_args("put_nowait", args, nargs, kwnames, {"item"}, 1, &item)) return nullptr;
  if (!put_item(self, item)) return nullptr;
  return newref(none());
}

// The timeout as CPython's time conversion reads it (rounded up to whole nanoseconds there); false with an error.
bool convert_timeout(Object* obj, double* seconds) {
  constexpr double kMaxSeconds = 9223372036.854775807;  // a signed 64-bit count of nanoseconds
  if (type_check(obj, &float_type)) {
    double d = float_value(obj);
    if (std::isnan(d)) {
      set_error(&exc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    if (!(std::fabs(d) <= kMaxSeconds)) {
      set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
      return false;
    }
    *seconds = d;
    return true;
  }
  ORef i = steal(number_index(obj));
  if (!i) return false;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (v == -1 && error_occurred()) return false;
  if (overflow || v > int64_t(kMaxSeconds) || v < -int64_t(kMaxSeconds)) {
    set_error(&exc_OverflowError, "timestamp too large to convert to C PyTime_t");
    return false;
  }
  *seconds = double(v);
  return true;
}

Object* take_front(QueueState* s) {
  Object* item = s->items.front();
  s->items.pop_front();
  return item;
}

// Waits for an item for at most `timeout` seconds (-1: forever, 0: not at all); a new reference, or null with
// Empty (or a signal handler's exception) set.
Object* get_item(Object* self, double timeout) {
  QueueState* s = st(self);
  {
    std::lock_guard<std::mutex> g(s->mu);
    if (!s->items.empty()) return take_front(s);
  }
  if (timeout == 0) return set_error_object(g_empty);
  using clock = std::chrono::steady_clock;
  const bool forever = timeout < 0;
  const clock::time_point deadline =
      forever ? clock::time_point::max()
              : clock::now() + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(timeout));
  const bool main = signals::is_main_thread();
  for (;;) {
    Object* item = nullptr;
    {
      BlockingSection detached;
      std::unique_lock<std::mutex> w(s->mu);  // released before `detached` re-attaches
      auto ready = [s] { return !s->items.empty(); };
      clock::time_point until = deadline;
      if (main) until = std::min(deadline, clock::now() + std::chrono::milliseconds(50));
      s->waiters++;
      if (forever && !main)
        s->cv.wait(w, ready);
      else
        s->cv.wait_until(w, until, ready);
      s->waiters--;
      if (ready()) item = take_front(s);
    }
    if (item) return item;
    if (!forever && clock::now() >= deadline) return set_error_object(g_empty);
    if (main && signals::run_pending() < 0) return nullptr;
  }
}

// get(block=True, timeout=None)
Object* sq_get(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[2] = {};
  if (!parse_args("get", args, nargs, kwnames, {"block", "timeout"}, 0, out)) return nullptr;
  int block = 1;
  if (out[0]) {
    block = object_is_true(out[0]);
    if (block < 0) return nullptr;
  }
  double timeout = -1;
  if (!block) {
    timeout = 0;
  } else if (out[1] && out[1] != none()) {
    if (!convert_timeout(out[1], &timeout)) return nullptr;
    if (timeout < 0) return set_error(&exc_ValueError, "'timeout' must be a non-negative number");
  }
  return get_item(self, timeout);
}

Object* sq_get_nowait(Object* self, Object* const*, ssize nargs, Object* kwnames) {
  if (nargs || (kwnames && tuple_size(kwnames))) return set_error(&exc_TypeError, "get_nowait() takes no arguments");
  return get_item(self, 0);
}

Object* sq_empty(Object* self, Object*) {
  QueueState* s = st(self);
  std::lock_guard<std::mutex> g(s->mu);
  return newref(bool_obj(s->items.empty()));
}

Object* sq_qsize(Object* self, Object*) {
  QueueState* s = st(self);
  size_t n;
  {
    std::lock_guard<std::mutex> g(s->mu);
    n = s->items.size();
  }
  return int_from_ssize(ssize(n));
}

Object* sq_class_getitem(Object* cls, Object* item) { return generic_alias_new(cls, item); }

PyMethodDef sq_methods[] = {
    {"empty", sq_empty, METH_NOARGS, "Return True if the queue holds no items at this moment, else False."},
    {"get", as_cfunc(sq_get), METH_FASTCALL | METH_KEYWORDS,
     "get($self, /, block=True, timeout=None)\n--\n\nRemove and return the oldest item. With block true and timeout "
     "None, wait until\nthere is one; with a timeout, wait at most that many seconds; with block\nfalse, do not "
     "wait. Raise Empty when no item came."},
    {"get_nowait", as_cfunc(sq_get_nowait), METH_FASTCALL | METH_KEYWORDS,
     "get_nowait($self, /)\n--\n\nRemove and return the oldest item without waiting; the same as get(False)."},
    {"put", as_cfunc(sq_put), METH_FASTCALL | METH_KEYWORDS,
     "put($self, /, item, block=True, timeout=None)\n--\n\nAdd item at the end of the queue. This never blocks: "
     "block and timeout\nare accepted for compatibility with queue.Queue and have no effect."},
    {"put_nowait", as_cfunc(sq_put_nowait), METH_FASTCALL | METH_KEYWORDS,
     "put_nowait($self, /, item)\n--\n\nAdd item at the end of the queue; the same as put(item)."},
    {"qsize", sq_qsize, METH_NOARGS, "Return how many items the queue holds at this moment."},
    {"__class_getitem__", sq_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

Type simplequeue_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_queue.SimpleQueue",
    .tp_basicsize = sizeof(SimpleQueueObject),
    .tp_dealloc = sq_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE,  // traverse: every item, once
    .tp_doc = "SimpleQueue()\n--\n\nAn unbounded first-in, first-out queue that threads may share; put() never "
              "blocks\nand may be called reentrantly.",
    .tp_traverse = sq_traverse,
    .tp_clear = sq_clear,
    .tp_weaklistoffset = offsetof(SimpleQueueObject, weakreflist),
    .tp_methods = sq_methods,
    .tp_new = sq_tp_new,
    .tp_free = object_free,
};

}  // namespace

Object* create_queue_module() {
  static const int ready = [] {
    if (type_ready(&simplequeue_type) < 0) return -1;
    g_empty = new_exception_class("_queue.Empty", reinterpret_cast<Object*>(&exc_Exception),
                                  "Raised by get() and get_nowait() when the queue has no item to give.");
    return g_empty ? 0 : -1;
  }();
  if (ready < 0) {
    if (!error_occurred()) set_error(&exc_SystemError, "_queue: initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("_queue")));
  if (!m) return nullptr;
  Object* d = module_dict(m.get());
  if (dict_set_str(d, "SimpleQueue", reinterpret_cast<Object*>(&simplequeue_type)) < 0 ||
      dict_set_str(d, "Empty", g_empty) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
