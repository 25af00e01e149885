// Thread states (DESIGN.md "Threads"): one ThreadState per OS thread that runs Python code, the registry of them,
// attaching and detaching around blocking calls, the eval breaker, and stop-the-world.
#pragma once

#include <cstdint>

#include "alloc/heap.h"
#include "objects/object.h"

namespace pyvm {

struct Frame;

enum class ThreadStatus : int {
  kDetached = 0,   // not touching Python objects (blocked in the kernel, or not started / exited)
  kAttached = 1,   // running Python code; parks at its next eval-breaker check when the world stops
  kSuspended = 2,  // parked by stop-the-world; cannot attach until the world restarts
};

// Eval-breaker bits beyond alloc::kBreakMergeQueue (they share the word in alloc::ThreadAlloc).
constexpr uint32_t kBreakStopTheWorld = 2;
constexpr uint32_t kBreakInstrument = 32;  // re-read the tracing state (vm/instrument.h)
constexpr uint32_t kBreakSignal = 8;  // main thread only: a signal with a Python handler arrived (vm/signals.h)

// The frames of the Python-to-Python calls the interpreter makes in place, without recursing in C (vm/interp.cc,
// CALL): a stack of malloc'd chunks. Owned by one thread, which pushes and pops in LIFO order; nothing else touches
// it. One emptied chunk is kept as a spare, so a call loop at a chunk boundary does not allocate each time.
class FrameArena {
 public:
  // No destructor: ThreadState is a thread_local, and one with a non-trivial destructor costs a guard check on every
  // access. thread_unregister calls release() instead.
  // Frees the chunks (the arena must hold no frame); a later push starts afresh.
  void release();
  // `bytes` of 16-byte aligned memory, or null when out of memory (no exception set).
  void* push(size_t bytes) {
    bytes = (bytes + 15) & ~size_t(15);
    if (size_t(limit_ - top_) >= bytes) {
      void* p = top_;
      top_ += bytes;
      return p;
    }
    return push_slow(bytes);
  }
  // Releases the block `p` (the last pushed) and everything above it.
  void pop(void* p) {
    if (chunk_ && p == chunk_->data()) {
      pop_chunk();
    } else {
      top_ = static_cast<char*>(p);
    }
  }

 private:
  struct alignas(16) Chunk {
    Chunk* prev;
    char* prev_top;  // the previous chunk's top when this one was opened
    char* limit;
    char* data() { return reinterpret_cast<char*>(this + 1); }
  };
  void* push_slow(size_t bytes);
  void pop_chunk();
  Chunk* chunk_ = nullptr;
  Chunk* spare_ = nullptr;
  char* top_ = nullptr;
  char* limit_ = nullptr;
};

// Per-thread interpreter state. The allocator part (heaps, merge queue, the eval-breaker word) is alloc::ThreadAlloc.
//
// Thread contract: everything but `status` and the registry links is touched only by the owning thread. `status`
// changes by CAS: the owner moves kDetached <-> kAttached, a stop-the-world requester moves kDetached ->
// kSuspended and back. The registry links are guarded by the registry mutex (threads.cc).
struct ThreadState {
  Frame* frame = nullptr;     // innermost executing frame
  int depth = 0;              // Python call depth, for RecursionError
  Object* handled = nullptr;  // the exception being handled by the innermost frame (or generator), strong
  // The callers' handled exceptions while a generator or coroutine runs (CPython's exc_info->previous_item): each
  // resume links the state it swapped out, so sys.exception() inside a generator sees its caller's exception.
  struct HandledLink {
    Object* handled;  // borrowed: the resumer holds it
    HandledLink* prev;
  };
  HandledLink* handled_prev = nullptr;
  // The exception last thrown into a generator (gen.throw()): like CPython's PyErr_Restore it is not chained to
  // the exception being handled, so chain_context leaves it alone. Identity only (no reference, so a thrown
  // exception's traceback and frames are not kept alive); cleared when an except clause catches it.
  Object* thrown = nullptr;
  Object* context = nullptr;  // the current contextvars.Context, strong; null until first needed (_contextvars)

  int status = int(ThreadStatus::kDetached);  // atomic access only
  bool registered = false;
  bool is_main = false;
  uint64_t ident = 0;      // pthread_self(), as _thread.get_ident() reports it
  alloc::ThreadAlloc* alloc = nullptr;
  ThreadState* prev = nullptr;
  ThreadState* next = nullptr;
  // This thread has a trace or profile function (vm/instrument.h): its frames dispatch through the traced table.
  bool instrumented = false;
  FrameArena frames;  // frames of in-place calls (see FrameArena)
};

// The calling thread's state (always exists; registered once the thread attached for the first time). Inline: with
// the initial-exec TLS model and a trivially destructible ThreadState, this is one thread-pointer-relative address.
extern constinit thread_local ThreadState t_state;
inline ThreadState& thread_state() { return t_state; }

// The exception being handled as sys.exception() reports it: the innermost one along the generator resume chain
// (CPython's _PyErr_GetTopmostException). Borrowed; null when none.
inline Object* topmost_handled(const ThreadState& ts) {
  if (ts.handled) return ts.handled;
  for (const ThreadState::HandledLink* l = ts.handled_prev; l; l = l->prev)
    if (l->handled) return l->handled;
  return nullptr;
}

// Registers the calling thread (if needed) and attaches it. The first thread to call it is the main thread.
void thread_attach();
// Detaches the calling thread and removes it from the registry: the last thing a Python thread does.
void thread_unregister();
// The ident of the main thread.
uint64_t main_thread_ident();
// Number of registered threads (the main thread included).
int registered_thread_count();

// Detached section: RAII around anything that may block (a lock wait, sleep, a blocking system call). While
// detached the thread must not touch Python objects; its critical sections are suspended, and a stop-the-world may
// proceed without it. The constructor never fails; the destructor re-attaches (waiting while the world is stopped).
class BlockingSection {
 public:
  BlockingSection();
  ~BlockingSection();
  BlockingSection(const BlockingSection&) = delete;
  BlockingSection& operator=(const BlockingSection&) = delete;

 private:
  bool was_attached_;
};

// The interpreter's check at RESUME and backward jumps. Returns -1 with an exception set to unwind.
[[nodiscard]] int handle_eval_breaker();
inline int eval_breaker_check() {
  if (alloc::pending_breaker()) [[unlikely]]
    return handle_eval_breaker();
  return 0;
}

// Stop-the-world: parks every other attached thread at its next eval-breaker check and keeps detached ones from
// attaching, until start_the_world(). Requests are serialised; the caller must be attached and must not hold a
// critical section another thread could be waiting for (it may wait while detached to become the requester).
void stop_the_world();
// Sets `bits` in every registered thread's eval breaker.
void set_breaker_bits_all_threads(uint32_t bits);
void start_the_world();

// os.fork's steps for the thread registry (vm/modules/posix_fork.cc runs the whole sequence). The caller is
// attached. fork_prepare_threads stops the world; once the other runtime mutexes are taken,
// fork_lock_thread_registry takes the registry's, so no thread is half-way through (un)registering when the
// process is copied. In the parent, fork_unlock_thread_registry, then start_the_world(). In the child,
// fork_child_threads forgets every other thread state (their OS threads did not survive the fork), makes the
// caller the main thread, gives the registry a fresh condition variable (dead threads may have been waiting on it)
// and releases the registry's mutex; then start_the_world().
void fork_prepare_threads();
void fork_lock_thread_registry();
void fork_unlock_thread_registry();
void fork_child_threads();

}  // namespace pyvm
