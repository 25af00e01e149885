// Slow paths of biased reference counting: merging, queueing to the owner, and deallocation.
#include "alloc/refcount.h"

#include "alloc/heap.h"

#include <vector>

namespace pyvm::alloc {

namespace {
// The trashcan: deallocating one object releases its fields, which may deallocate theirs, and so on; a chain a
// million objects deep (nested lists, method wrappers of method wrappers) would overflow the C stack. Past
// kMaxDeallocDepth nested deallocations the object is parked on this thread's list instead, and the outermost
// dealloc() frees the parked ones one at a time, each starting from depth 1 again. Per thread, no locking.
constexpr int kMaxDeallocDepth = 100;
struct Trashcan {
  int depth = 0;
  std::vector<PyObject*>* parked = nullptr;
};
constinit thread_local Trashcan t_trash;

[[gnu::noinline]] void park(PyObject* o) {
  if (!t_trash.parked) t_trash.parked = new std::vector<PyObject*>();
  t_trash.parked->push_back(o);
}
[[gnu::noinline]] void drain_parked() {
  Trashcan& tc = t_trash;
  while (!tc.parked->empty()) {
    PyObject* next = tc.parked->back();
    tc.parked->pop_back();
    ++tc.depth;
    next->ob_type->tp_dealloc(next);
    --tc.depth;
  }
}
}  // namespace

void dealloc(PyObject* o) {
  // A dying object is no longer the collector's (it may already be half torn down when a collection starts during
  // a finalizer or weakref callback it runs). Nobody else writes ob_gc_bits of an object without references.
  if (o->ob_gc_bits & kGcBitTracked) gc_bits_clear(o, kGcBitTracked);
  Trashcan& tc = t_trash;
  if (tc.depth >= kMaxDeallocDepth) [[unlikely]] {
    park(o);
    return;
  }
  ++tc.depth;
  o->ob_type->tp_dealloc(o);
  if (--tc.depth == 0 && tc.parked) [[unlikely]]
    drain_parked();
}

void merge_zero_local(PyObject* o) {
  Py_ssize_t shared = __atomic_load_n(&o->ob_ref_shared, __ATOMIC_ACQUIRE);
  if (shared == 0) {
    dealloc(o);  // nobody else ever took a reference
    return;
  }
  // Others hold references: give up ownership and mark the shared count merged.
  __atomic_store_n(&o->ob_tid, uintptr_t{0}, __ATOMIC_RELAXED);
  Py_ssize_t next;
  do {
    next = (shared & ~kSharedFlagMask) | kFlagMerged;
  } while (!__atomic_compare_exchange_n(&o->ob_ref_shared, &shared, next, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_RELAXED));
  if (next == kFlagMerged) dealloc(o);  // the shared references were already gone
}

void decref_shared(PyObject* o) {
  Py_ssize_t shared = load_shared(o);
  Py_ssize_t next;
  bool queue;
  do {
    // A shared count of zero that is neither queued nor merged would go negative: the owner still holds local
    // references, so hand this reference to the owner instead (the queue holds it until the owner merges).
    queue = shared == 0 || shared == kFlagMaybeWeakref;
    next = queue ? kFlagQueued : shared - (Py_ssize_t{1} << kSharedShift);
  } while (!__atomic_compare_exchange_n(&o->ob_ref_shared, &shared, next, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_RELAXED));
  if (queue) {
    queue_to_owner(o);
  } else if (next == kFlagMerged) {
    dealloc(o);  // count zero and already merged: this was the last reference
  }
}

Py_ssize_t explicit_merge(PyObject* o, Py_ssize_t extra) {
  if (is_immortal(o)) return Py_ssize_t{1} << 40;
  // Give up the local count and ownership before publishing the merged count: once the CAS below lands, another
  // thread may drop the last reference and free `o`, so this thread must not write to it afterwards.
  Py_ssize_t local = Py_ssize_t(load_local(o));
  store_local(o, 0);
  __atomic_store_n(&o->ob_tid, uintptr_t{0}, __ATOMIC_RELAXED);
  Py_ssize_t shared = __atomic_load_n(&o->ob_ref_shared, __ATOMIC_ACQUIRE);
  Py_ssize_t count, next;
  do {
    count = (shared >> kSharedShift) + local + extra;
    next = (count << kSharedShift) | kFlagMerged;
  } while (!__atomic_compare_exchange_n(&o->ob_ref_shared, &shared, next, false, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
  return count;
}

void resurrect_start(PyObject* o) {
  __atomic_store_n(&o->ob_ref_shared, Py_ssize_t{0}, __ATOMIC_RELAXED);
  __atomic_store_n(&o->ob_tid, thread_id(), __ATOMIC_RELAXED);
  store_local(o, 1);
}

bool resurrect_end(PyObject* o) {
  if (is_owned_by_current(o) && load_local(o) == 1 && load_shared(o) == 0) {
    store_local(o, 0);
    return true;
  }
  decref(o);  // escaped: the remaining references decide its life
  return false;
}

void set_maybe_weakref(PyObject* o) {
  if (is_immortal(o)) return;
  Py_ssize_t shared = load_shared(o);
  while ((shared & kSharedFlagMask) == 0) {
    if (__atomic_compare_exchange_n(&o->ob_ref_shared, &shared, shared | kFlagMaybeWeakref, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_RELAXED))
      return;
  }
}

bool try_incref(PyObject* o) {
  uint32_t local = load_local(o);
  if (local == kImmortalLocal) return true;
  if (is_owned_by_current(o)) {
    // The owner's own count: zero only while this very thread runs o's destructor.
    if (local == 0) return false;
    store_local(o, local + 1);
    return true;
  }
  Py_ssize_t shared = load_shared(o);
  for (;;) {
    if (shared == 0 || shared == kFlagMerged) return false;
    if (__atomic_compare_exchange_n(&o->ob_ref_shared, &shared, shared + (Py_ssize_t{1} << kSharedShift), false,
                                    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
      return true;
  }
}

Py_ssize_t refcount(const PyObject* o) {
  uint32_t local = load_local(o);
  if (local == kImmortalLocal) return Py_ssize_t{1} << 32;
  Py_ssize_t count = Py_ssize_t(local) + (load_shared(o) >> kSharedShift);
  return count < 1 ? 1 : count;
}

}  // namespace pyvm::alloc
