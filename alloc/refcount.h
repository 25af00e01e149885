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

// The total count as Python's sys.getrefcount sees it (approximate while other threads are active).
Py_ssize_t refcount(const PyObject* o);

// Turns a live object immortal (used for the immortal region and interned strings).
inline void make_immortal(PyObject* o) {
  __atomic_store_n(&o->ob_tid, uintptr_t{0}, __ATOMIC_RELAXED);
  store_local(o, kImmortalLocal);
  __atomic_store_n(&o->ob_ref_shared, Py_ssize_t{0}, __ATOMIC_RELAXED);
}

}  // namespace pyvm::alloc
