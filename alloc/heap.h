// Per-thread mimalloc heaps and the per-thread allocator record (merge queue, thread registry) of DESIGN.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include "pyvm_abi/base.h"

struct mi_heap_s;

namespace pyvm::alloc {

enum class HeapKind : int { kObject = 0, kGcObject = 1, kRaw = 2 };

// One per OS thread that allocates Python objects. Owned by the thread; registered globally by thread id so
// that other threads can queue objects whose shared count went negative.
//
// Thread contract: `heaps` are used only by the owning thread (mimalloc heaps are thread-local; frees from
// any thread are fine). `queue` is appended by any thread under `queue_mu` and drained by the owner.
struct ThreadAlloc {
  uintptr_t tid = 0;
  mi_heap_s* heaps[3] = {nullptr, nullptr, nullptr};
  std::mutex queue_mu;
  std::vector<PyObject*> queue;  // objects to merge; each entry holds one reference
  bool queue_nonempty = false;   // read racily as a hint by the owner; written under queue_mu
};

// Returns the calling thread's record, creating and registering it on first use.
ThreadAlloc& this_thread();

// Called by a thread before it exits (also run automatically from a thread_local destructor): merges its queue,
// unregisters it and deletes its heaps. mimalloc migrates the still-live blocks to the thread's backing heap,
// which is abandoned at thread exit and adopted by other threads, so objects outlive their creator safely.
void thread_exit();

// Object allocation. The memory is zeroed except for the header, which is set so that the calling thread owns
// the object with one local reference. `size` includes the header.
[[nodiscard]] PyObject* alloc_object(size_t size, PyTypeObject* type, bool gc = false);
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

// Statistics for tests.
size_t registered_threads();

}  // namespace pyvm::alloc
