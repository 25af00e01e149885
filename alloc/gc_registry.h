// The registry of collectable objects: every object of a Py_TPFLAGS_HAVE_GC type that new_object allocates has a
// GC header in front of it and one entry in a per-thread log, so the cycle collector (vm/gc.cc) can find them all.
//
// Why not walk mimalloc's pages (DESIGN.md's first plan): the system mimalloc (2.0) cannot visit the pages a thread
// abandons when it exits, and it reclaims them into whichever heap asks next, mixing object kinds. The log costs
// an append at allocation and a store at free, and 16 + 8 bytes per collectable object.
//
// Contract (who writes what):
// - A log's chunk list, its fill cursor and the values it appends are written only by the owning thread, and by
//   the collector while the world is stopped (vm/threads.h), when every thread that could register or free an
//   object is parked or detached. A thread must not register or free collectable objects while detached.
// - An entry is cleared (stored null, relaxed atomic) by whichever thread frees its object; no thread writes an
//   entry that does not hold its own object, so the owner may refill a null entry without a lock.
// - When a thread exits, its chunks move to the orphan log (under the registry mutex); entries there are only
//   cleared (by frees) until the collector, with the world stopped, drops empty chunks.
// - GcHead::slot is written by the registering thread before the object is published, by the freeing thread when
//   it clears it, and by nobody else. GcHead::gc_refs is the collector's, only while the world is stopped.
#pragma once

#include <cstddef>
#include <cstdint>

#include "pyvm_abi/typeobject.h"

namespace pyvm::alloc {

struct GcHead {
  PyObject** slot;   // the object's entry in a log; null when it is not registered
  intptr_t gc_refs;  // collector scratch (world stopped)
};
constexpr size_t kGcHeadSize = sizeof(GcHead);
static_assert(kGcHeadSize == 16, "the GC header keeps objects 16-byte aligned");

// Records `o` (just allocated, not yet visible to other threads) in the calling thread's log.
void gc_register(PyObject* o, GcHead* h);
// Forgets `o` (being freed, or parked on a free list). No-op when it is not registered.
void gc_unregister(GcHead* h);
// The object moved (resized in place by realloc): its entry now names `o`.
inline void gc_moved(PyObject* o, GcHead* h) {
  if (PyObject** s = h->slot) __atomic_store_n(s, o, __ATOMIC_RELAXED);
}

// World stopped: calls fn(o, arg) for every registered object and drops chunks that became empty.
void gc_for_each(void (*fn)(PyObject*, void*), void* arg);

// Registrations since the last collection, minus objects freed since (approximate; for the automatic trigger).
int64_t gc_young_count();
void gc_reset_young();
// When the young count passes `n`, the registering thread gets kBreakGc (alloc/heap.h). INT64_MAX: never.
void gc_set_trigger(int64_t n);

// The calling thread is exiting: its chunks move to the orphan log. Called from alloc::thread_exit.
void gc_log_thread_exit();

// os.fork (see fork_prepare in alloc/heap.h): the logs' mutex is held across fork(). In the child,
// gc_logs_fork_child moves every log but the caller's to the orphan log (their threads are gone) and releases it.
void gc_logs_lock();
void gc_logs_unlock();
void gc_logs_fork_child();

}  // namespace pyvm::alloc
