// Biased reference counting (DESIGN.md "Memory"): the owner thread's plain fast path, everyone else's atomic path.
#pragma once

#include <cstdint>

#include "pyvm_abi/typeobject.h"

namespace pyvm::alloc {

// The current thread's TLS base (fs:0 on x86-64 Linux): the value CPython 3.13t's _Py_ThreadId() returns and
// the value stored in ob_tid of the objects this thread owns.
inline uintptr_t thread_id() {
  uintptr_t tid;
#if defined(__x86_64__)
  __asm__("movq %%fs:0, %0" : "=r"(tid));
#elif defined(__aarch64__)
  __asm__("mrs %0, tpidr_el0" : "=r"(tid));
#else
#error "pyvm needs the thread pointer on this architecture"
#endif
  return tid;
}

constexpr uint32_t kImmortalLocal = UINT32_MAX;
constexpr int kSharedShift = _Py_REF_SHARED_SHIFT;
constexpr Py_ssize_t kSharedFlagMask = _Py_REF_SHARED_FLAG_MASK;
constexpr Py_ssize_t kFlagMaybeWeakref = _Py_REF_MAYBE_WEAKREF;
constexpr Py_ssize_t kFlagQueued = _Py_REF_QUEUED;
constexpr Py_ssize_t kFlagMerged = _Py_REF_MERGED;

// Field accessors. ob_ref_local is written only by the owner but read by anyone (the immortal check), and
// ob_tid can be cleared by the owner while others read it: both go through relaxed atomics.
inline uint32_t load_local(const PyObject* o) { return __atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED); }
inline void store_local(PyObject* o, uint32_t v) { __atomic_store_n(&o->ob_ref_local, v, __ATOMIC_RELAXED); }
inline uintptr_t load_tid(const PyObject* o) { return __atomic_load_n(&o->ob_tid, __ATOMIC_RELAXED); }
inline Py_ssize_t load_shared(const PyObject* o) { return __atomic_load_n(&o->ob_ref_shared, __ATOMIC_RELAXED); }

inline bool is_immortal(const PyObject* o) { return load_local(o) == kImmortalLocal; }
inline bool is_owned_by_current(const PyObject* o) { return load_tid(o) == thread_id(); }

// The "shared" mark (ob_gc_bits bit 4, 3.13t's _PyGC_BITS_SHARED) of containers read without their lock (dict,
// list). The contract:
// - The owner thread may read lock-free at any time. A non-owner reads lock-free only once the container is marked;
//   it marks it on its first locked read (inside the container's critical section).
// - A writer (inside the section) releases the references and memory it unlinks through QSBR when the container is
//   marked or the writer is not its owner (which marks it); otherwise no lock-free reader can exist, and it releases
//   them at once. Both decisions are taken under the same section, so they are ordered.
constexpr uint8_t kGcBitShared = 1 << 4;
// The collector's bits (3.13t's values). Tracked: the cycle collector may examine the object (runtime objects from
// birth, extension objects after PyObject_GC_Track; cleared when deallocation starts). Finalized: its tp_finalize
// (__del__) ran (PEP 442: at most once). Candidate (3.13t's UNREACHABLE): the collector's mark, only while the
// world is stopped. Other threads set the shared bit at any time, so changes are atomic read-modify-writes.
constexpr uint8_t kGcBitTracked = 1;
constexpr uint8_t kGcBitFinalized = 2;
constexpr uint8_t kGcBitCandidate = 4;
inline bool gc_bits_test(const PyObject* o, uint8_t b) { return (__atomic_load_n(&o->ob_gc_bits, __ATOMIC_RELAXED) & b) != 0; }
inline void gc_bits_set(PyObject* o, uint8_t b) { __atomic_fetch_or(&o->ob_gc_bits, b, __ATOMIC_RELAXED); }
inline void gc_bits_clear(PyObject* o, uint8_t b) { __atomic_fetch_and(&o->ob_gc_bits, uint8_t(~b), __ATOMIC_RELAXED); }
inline bool is_marked_shared(const PyObject* o) {
  return (__atomic_load_n(&o->ob_gc_bits, __ATOMIC_ACQUIRE) & kGcBitShared) != 0;
}
inline void mark_shared(PyObject* o) {
  if (!is_marked_shared(o)) __atomic_fetch_or(&o->ob_gc_bits, kGcBitShared, __ATOMIC_RELEASE);
}
inline bool lockfree_read_ok(const PyObject* o) { return is_owned_by_current(o) || is_marked_shared(o); }
// Caller holds o's critical section (or o is not reachable by other threads).
inline bool writer_must_defer(PyObject* o) {
  if (is_owned_by_current(o)) return is_marked_shared(o);
  mark_shared(o);
  return true;
}
// A non-owner's locked read: later reads by this thread may go lock-free. Caller holds o's critical section.
inline void note_locked_read(PyObject* o) {
  if (!is_owned_by_current(o)) mark_shared(o);
}

// Slow paths (refcount.cc).
void merge_zero_local(PyObject* o);  // owner's local count reached zero
void decref_shared(PyObject* o);     // a non-owner drops a reference
// Folds local + shared + extra into the shared field, gives up ownership; returns the merged count.
Py_ssize_t explicit_merge(PyObject* o, Py_ssize_t extra);
// Runs the object's destructor. Called when the total count reaches zero.
void dealloc(PyObject* o);

inline void incref(PyObject* o) {
  uint32_t local = load_local(o);
  uint32_t next = local + 1;
  if (next == 0) return;  // immortal: UINT32_MAX + 1 wraps to 0
  if (is_owned_by_current(o)) {
    store_local(o, next);
  } else {
    __atomic_fetch_add(&o->ob_ref_shared, Py_ssize_t{1} << kSharedShift, __ATOMIC_RELAXED);
  }
}

// The owner's increment, for a caller that already checked is_owned_by_current(o): no immortal test, since an
// immortal object is never owned (make_immortal clears ob_tid first).
inline void incref_owned(PyObject* o) { store_local(o, load_local(o) + 1); }

inline void decref(PyObject* o) {
  uint32_t local = load_local(o);
  if (local == kImmortalLocal) return;
  if (is_owned_by_current(o)) {
    local--;
    store_local(o, local);
    if (local == 0) merge_zero_local(o);
  } else {
    decref_shared(o);
  }
}

inline void xincref(PyObject* o) {
  if (o) incref(o);
}
inline void xdecref(PyObject* o) {
  if (o) decref(o);
}

// Resurrection for finalizers that run Python code from a tp_dealloc (a suspended generator's close()): the dying
// object gets one reference owned by the current thread; resurrect_end drops it and returns true when nobody else
// took a reference meanwhile, so the caller finishes deallocating. On false the object lives on (or was already
// deallocated again through the normal path) and the caller must not touch it. A reference that another thread
// takes and drops while the finalizer runs leaves the object alive (it is treated as escaped).
void resurrect_start(PyObject* o);
[[nodiscard]] bool resurrect_end(PyObject* o);

// Marks `o` as possibly weakly referenced (the maybe-weakref flag of ob_shared's low bits), unless it already has
// a non-zero flag or is immortal. Called with a strong reference held, before the first weak reference to `o` is
// published. Afterwards the flag bits never return to 0 (maybe-weakref -> queued -> merged), so the owner can no
// longer free `o` on its unsynchronised fast path (local count 0 and shared word exactly 0): every path that
// frees `o` then goes through a compare-and-swap of ob_ref_shared that try_incref also uses.
void set_maybe_weakref(PyObject* o);

// Takes a new reference to `o` unless `o` is already dying (its count reached zero and its destructor has run or
// is about to run). Returns false, with no reference taken, when it cannot prove `o` alive. The memory of `o`
// must stay valid for the call: callers hold a lock that `o`'s destructor also takes before freeing (the weakref
// list lock).
//
// Why this is correct for biased counting (refcount.cc has the paths it races with):
// - Immortal objects are always alive.
// - The owner thread with a non-zero local count holds a live reference itself: a plain increment is safe. A zero
//   local count seen by the owner means the owner is inside `o`'s destructor (the fast path frees without giving
//   up ownership), so the answer is no.
// - Any other thread increments ob_ref_shared with a CAS that fails when the word is exactly 0 (flags never set:
//   the owner may free on its fast path without a CAS, so nothing can be proven) or exactly `merged` with a zero
//   count (the last reference is gone; merge_zero_local / decref_shared / explicit_merge free `o` only after
//   installing that exact value by CAS). Every other value means a live count or a pending merge: a queued entry
//   with count c means the owner will fold c into its local count later, and the object is freed only after that
//   merge's CAS installs `merged` with zero, which our successful CAS would have changed first.
// Callers that take weak references must set_maybe_weakref() when the weak reference is created, otherwise the
// shared path refuses objects whose shared word is still 0.
[[nodiscard]] bool try_incref(PyObject* o);

// The total count as Python's sys.getrefcount sees it (approximate while other threads are active).
Py_ssize_t refcount(const PyObject* o);

// Turns a live object immortal (used for the immortal region and interned strings).
inline void make_immortal(PyObject* o) {
  __atomic_store_n(&o->ob_tid, uintptr_t{0}, __ATOMIC_RELAXED);
  store_local(o, kImmortalLocal);
  __atomic_store_n(&o->ob_ref_shared, Py_ssize_t{0}, __ATOMIC_RELAXED);
}

}  // namespace pyvm::alloc
