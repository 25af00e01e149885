// Per-thread mimalloc heaps and the per-thread allocator record (merge queue, thread registry) of DESIGN.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include "pyvm_abi/base.h"

struct mi_heap_s;

namespace pyvm::alloc {
// One thread's published QSBR sequence. Slots live in a grow-only list that is never freed (a slot is reused by a
// later thread), so any thread may walk it without a lock. `seq` is written by the owning thread only.
struct alignas(64) QsbrSlot {
  uint64_t seq = 0;           // last write sequence seen at a quiescent point; 0 = offline or unused
  struct ThreadAlloc* owner = nullptr;  // guarded by the registry lock (requests)
  QsbrSlot* next = nullptr;   // immutable once published
};
}  // namespace pyvm::alloc

namespace pyvm::alloc {

enum class HeapKind : int { kObject = 0, kGcObject = 1, kRaw = 2 };

// One per OS thread that allocates Python objects. Owned by the thread; registered globally by thread id so
// that other threads can queue objects whose shared count went negative.
//
// Thread contract: `heaps` are used only by the owning thread (mimalloc heaps are thread-local; frees from
// any thread are fine). `queue` is appended by any thread under `queue_mu` and drained by the owner.
struct alignas(64) ThreadAlloc {  // own cache lines: the owner writes it often, others read `breaker`
  uintptr_t tid = 0;
  mi_heap_s* heaps[3] = {nullptr, nullptr, nullptr};
  std::mutex queue_mu;
  std::vector<PyObject*> queue;  // objects to merge; each entry holds one reference
  // The eval-breaker word: bits that ask the owner to do work at its next check (RESUME, backward jumps). Any
  // thread sets bits with an atomic OR; the owner clears them. kBreakMergeQueue is set under queue_mu when the queue
  // becomes non-empty; the vm layer (vm/threads.h) defines the other bits.
  uint32_t breaker = 0;
  bool retired = false;  // thread_retire ran (owner only)
  // QSBR (safe reclamation, see release_deferred): this thread's slot in the global slot list, which holds the
  // write sequence it last observed at a quiescent point (0 while offline). Pollers read it without a lock.
  struct QsbrSlot* qsbr = nullptr;
  // References this thread gave up through release_deferred, with the sequence each waits for. Owner only.
  // Entries with goal 0 are not stamped yet: `unstamped` counts them (see release_deferred).
  std::vector<std::pair<uint64_t, PyObject*>> deferred;
  size_t unstamped = 0;
};

constexpr uint32_t kBreakMergeQueue = 1;
constexpr uint32_t kBreakQsbr = 4;  // please report a quiescent state (a deferred release is waiting for you)
constexpr uint32_t kBreakGc = 16;   // enough collectable objects were made: run the cycle collector (vm/gc.h)

namespace detail {
extern constinit thread_local ThreadAlloc* t_rec;
// &t_rec->breaker while the thread is registered, else a word that stays 0: the check needs no null test.
extern constinit thread_local uint32_t* t_breaker;
}
// The calling thread's eval-breaker word, or 0 before the thread allocated anything. The interpreter's fast check.
inline uint32_t pending_breaker() { return __atomic_load_n(detail::t_breaker, __ATOMIC_RELAXED); }
inline void set_breaker_bits(ThreadAlloc* r, uint32_t bits) { __atomic_fetch_or(&r->breaker, bits, __ATOMIC_RELEASE); }
inline void clear_breaker_bits(ThreadAlloc* r, uint32_t bits) {
  __atomic_fetch_and(&r->breaker, ~bits, __ATOMIC_RELAXED);
}

// Creates and registers the calling thread's record (the slow path of this_thread).
[[gnu::noinline]] ThreadAlloc& create_thread_record();
// Returns the calling thread's record, creating and registering it on first use. Inline: every allocation asks.
inline ThreadAlloc& this_thread() {
  if (detail::t_rec) [[likely]]
    return *detail::t_rec;
  return create_thread_record();
}

// Called by a thread before it exits (also run automatically from a thread_local destructor): merges its queue,
// unregisters it and deletes its heaps. mimalloc migrates the still-live blocks to the thread's backing heap,
// which is abandoned at thread exit and adopted by other threads, so objects outlive their creator safely.
void thread_exit();
// The part of thread_exit that frees objects (merging the queue) and hands over deferred releases and the GC
// registry log, for a Python thread about to leave the thread registry: called while it still takes part in
// stop-the-world, so no object is freed behind the cycle collector's back (vm/gc.cc). The thread must not drop
// references afterwards. When a thread exits without it (a host thread's TLS teardown), thread_exit frees nothing
// and leaves its queued references to the surviving threads.
void thread_retire();

// Object allocation. The memory is zeroed except for the header, which is set so that the calling thread owns
// the object with one local reference. `size` includes the header; `prefix` zeroed bytes come before the object
// (the block starts there).
[[nodiscard]] PyObject* alloc_object(size_t size, PyTypeObject* type, bool gc = false, size_t prefix = 0);
void free_object(void* p);

// Raw memory for buffers (list item arrays, string data kept out of line ...). Any thread may free.
[[nodiscard]] void* raw_alloc(size_t size);
[[nodiscard]] void* raw_calloc(size_t n, size_t size);
[[nodiscard]] void* raw_realloc(void* p, size_t size);
void raw_free(void* p);

// Queues `o` (which holds one reference given up by the caller) to its owning thread. If the owner is gone, the
// reference is merged and dropped at once.
void queue_to_owner(PyObject* o);

// Merges every object queued to the calling thread: the owner's eval-breaker work.
void drain_merge_queue();
// Merges the objects queued to every other registered thread on their owners' behalf, as CPython's collector does.
// Only while the world is stopped (vm/threads.h): the owners are parked or detached, so none is touching the local
// counts of its objects. Objects whose count reached zero are appended to `dead`, each to be released with dealloc()
// by the caller once the world has restarted (a destructor may run Python code).
void merge_other_queues(std::vector<PyObject*>* dead);
// Also only while the world is stopped: moves every thread's pending QSBR releases (release_deferred, the caller's
// own and exited threads' included) to *out. They are safe to run once this returns: every other thread is parked
// at a quiescent point or offline, so none holds a pointer read before those references were given up. Run them
// with run_deferred_entry (after start_the_world is fine).
void take_all_deferred(std::vector<PyObject*>* out);
void run_deferred_entry(PyObject* entry);

// ---- QSBR: quiescent-state-based reclamation (DESIGN.md "Safe reclamation") ----
//
// Some reads take a reference to an object found in a shared slot without a lock: a __slots__ member, a closure
// cell, a type's attribute. The reader loads the pointer and then increments the count; a writer that replaced the
// value must not drop its reference in between. So writers give up such references with release_deferred(): the
// reference is dropped only after every other thread has passed a quiescent state, a point where it holds no
// pointer read that way. Quiescent states: the interpreter's eval-breaker check when kBreakQsbr is set, and being
// detached (offline). While only one thread exists, references are dropped at once.
void release_deferred(PyObject* o);
// The same for raw memory (raw_alloc) that lock-free readers may still be reading: a dict's replaced key table, a
// list's replaced item array. Freed once every other thread has passed a quiescent state.
void release_deferred_raw(void* p);
// The calling thread is at a quiescent state: publishes it and runs its own releases that became safe.
void qsbr_quiescent();
// Offline (detached: blocked, holding no such pointers) and back online.
void qsbr_offline();
void qsbr_online();

// os.fork (vm/modules/posix_fork.cc), with the world stopped: fork_prepare takes the allocator's registry
// mutexes (the thread registry, the orphaned releases, the GC registry's logs), which a thread outside
// stop-the-world (one exiting, or a host thread) may hold, and keeps them across fork(). fork_parent releases them.
// fork_child, in the child, also retires every other thread's record as abandon() does for a thread that exits:
// what was queued to it and its pending QSBR releases become orphans that the caller runs, its QSBR slot is freed
// and its GC log joins the orphan log. The records themselves are leaked (a signal handler may still name one).
void fork_prepare();
void fork_parent();
void fork_child();

// Statistics for tests.
size_t registered_threads();

}  // namespace pyvm::alloc
