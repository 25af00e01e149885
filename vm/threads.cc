// Thread states: the registry, attach/detach, the eval breaker and stop-the-world (see vm/threads.h).
#include "vm/threads.h"
#include "vm/gc.h"
#include "vm/instrument.h"

#include "vm/signals.h"

#include <pthread.h>

#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <mutex>
#include <new>

#include "vm/sync/mutex.h"

namespace pyvm {

constinit thread_local ThreadState t_state;

namespace {

// Registry contract: `mu` guards the list of registered states (head / prev / next), `main_ident`, and the
// stop-the-world bookkeeping (`stw_requester`). `cv` is notified whenever a state changes in a way a waiter may care
// about (a thread parked, detached during a stop, unregistered, or the world restarted). `stw_mu` serialises
// stop-the-world requesters and is held from stop_the_world() to start_the_world(). `stw_active` is also read
// without `mu` as a hint by detaching threads.
struct Registry {
  std::mutex mu;
  std::condition_variable cv;
  std::mutex stw_mu;
  ThreadState* head = nullptr;
  int count = 0;
  uint64_t main_ident = 0;
  bool have_main = false;
  ThreadState* stw_requester = nullptr;
  int stw_active = 0;  // atomic access
};

Registry& reg() {
  static Registry* r = new Registry;  // never destroyed: daemon threads may outlive static destruction
  return *r;
}

int load_status(ThreadState& ts) { return __atomic_load_n(&ts.status, __ATOMIC_ACQUIRE); }
void store_status(ThreadState& ts, ThreadStatus s) { __atomic_store_n(&ts.status, int(s), __ATOMIC_RELEASE); }
bool cas_status(ThreadState& ts, ThreadStatus from, ThreadStatus to) {
  int expected = int(from);
  return __atomic_compare_exchange_n(&ts.status, &expected, int(to), false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

// Moves the calling thread from detached to attached, waiting while a stop-the-world keeps it suspended.
void attach(ThreadState& ts) {
  for (;;) {
    if (cas_status(ts, ThreadStatus::kDetached, ThreadStatus::kAttached)) {
      alloc::qsbr_online();
      break;
    }
    if (load_status(ts) == int(ThreadStatus::kAttached)) return;
    Registry& r = reg();
    std::unique_lock<std::mutex> g(r.mu);
    r.cv.wait(g, [&] { return load_status(ts) != int(ThreadStatus::kSuspended); });
  }
  sync::resume_top_section();
}

void detach(ThreadState& ts) {
  sync::suspend_all_sections();
  alloc::qsbr_offline();
  store_status(ts, ThreadStatus::kDetached);
  Registry& r = reg();
  if (__atomic_load_n(&r.stw_active, __ATOMIC_ACQUIRE)) {
    std::lock_guard<std::mutex> g(r.mu);
    r.cv.notify_all();
  }
}

// Parks the calling (attached) thread for a stop-the-world in progress.
void park(ThreadState& ts) {
  Registry& r = reg();
  sync::suspend_all_sections();
  {
    std::unique_lock<std::mutex> g(r.mu);
    if (!__atomic_load_n(&r.stw_active, __ATOMIC_ACQUIRE) || r.stw_requester == &ts) {
      g.unlock();
      sync::resume_top_section();
      return;
    }
    store_status(ts, ThreadStatus::kSuspended);
    r.cv.notify_all();
    r.cv.wait(g, [&] { return load_status(ts) != int(ThreadStatus::kSuspended); });
  }
  attach(ts);
}

}  // namespace


void thread_attach() {
  ThreadState& ts = t_state;
  bool must_stop = false;
  if (!ts.registered) {
    ts.alloc = &alloc::this_thread();
    ts.ident = uint64_t(pthread_self());
    Registry& r = reg();
    std::lock_guard<std::mutex> g(r.mu);
    if (!r.have_main) {
      r.have_main = true;
      r.main_ident = ts.ident;
      ts.is_main = true;
    }
    ts.next = r.head;
    if (r.head) r.head->prev = &ts;
    r.head = &ts;
    r.count++;
    ts.registered = true;
    // A world stopped before we joined the list did not count us: join it suspended, so attach() below waits for
    // start_the_world instead of running Python code while the world is stopped (a collection in progress, say).
    if (__atomic_load_n(&r.stw_active, __ATOMIC_ACQUIRE)) store_status(ts, ThreadStatus::kSuspended);
    // A second thread that was not started through _thread (which ends single-threaded mode before starting it):
    // the running thread's sections are made real when it parks for the stop below.
    must_stop = r.count > 1 && __atomic_load_n(&sync::g_single_threaded, __ATOMIC_ACQUIRE);
    if (must_stop) __atomic_store_n(&sync::g_single_threaded, false, __ATOMIC_RELEASE);
  }
  attach(ts);
  if (must_stop) {
    stop_the_world();
    start_the_world();
  }
}

void thread_unregister() {
  ThreadState& ts = t_state;
  if (!ts.registered) return;
  detach(ts);
  Registry& r = reg();
  std::lock_guard<std::mutex> g(r.mu);
  if (ts.prev) ts.prev->next = ts.next;
  else r.head = ts.next;
  if (ts.next) ts.next->prev = ts.prev;
  ts.prev = ts.next = nullptr;
  ts.registered = false;
  r.count--;
  r.cv.notify_all();
  ts.frames.release();  // the thread runs no more Python code
}

void FrameArena::release() {
  while (chunk_) {
    Chunk* c = chunk_;
    chunk_ = c->prev;
    std::free(c);
  }
  std::free(spare_);
  spare_ = nullptr;
  top_ = limit_ = nullptr;
}

void* FrameArena::push_slow(size_t bytes) {
  constexpr size_t kChunkBytes = 64 * 1024;
  Chunk* c = nullptr;
  if (spare_ && size_t(spare_->limit - spare_->data()) >= bytes) {
    c = spare_;
    spare_ = nullptr;
  } else {
    size_t cap = bytes > kChunkBytes - sizeof(Chunk) ? bytes : kChunkBytes - sizeof(Chunk);
    c = static_cast<Chunk*>(std::malloc(sizeof(Chunk) + cap));
    if (!c) return nullptr;
    c->limit = c->data() + cap;
  }
  c->prev = chunk_;
  c->prev_top = top_;
  chunk_ = c;
  top_ = c->data() + bytes;
  limit_ = c->limit;
  return c->data();
}

void FrameArena::pop_chunk() {
  Chunk* c = chunk_;
  chunk_ = c->prev;
  top_ = c->prev_top;
  limit_ = chunk_ ? chunk_->limit : nullptr;
  std::free(spare_);
  spare_ = c;
}

uint64_t main_thread_ident() {
  Registry& r = reg();
  std::lock_guard<std::mutex> g(r.mu);
  return r.main_ident;
}

int registered_thread_count() {
  Registry& r = reg();
  std::lock_guard<std::mutex> g(r.mu);
  return r.count;
}

BlockingSection::BlockingSection() {
  ThreadState& ts = t_state;
  was_attached_ = ts.registered && load_status(ts) == int(ThreadStatus::kAttached);
  if (was_attached_) detach(ts);
}

BlockingSection::~BlockingSection() {
  if (was_attached_) attach(t_state);
}

int handle_eval_breaker() {
  ThreadState& ts = t_state;
  uint32_t bits = alloc::pending_breaker();
  if (bits & alloc::kBreakMergeQueue) alloc::drain_merge_queue();
  if (bits & alloc::kBreakQsbr) alloc::qsbr_quiescent();
  if (bits & kBreakStopTheWorld) {
    alloc::clear_breaker_bits(ts.alloc, kBreakStopTheWorld);
    if (ts.registered) park(ts);
  }
  // An automatic collection stops the world, which would wait forever for a thread that is itself waiting
  // (attached) for a critical section this thread holds: a sort's key function, say, runs inside the list's
  // section. The collection waits, with its bit still set, until this thread is outside every section.
  if ((bits & alloc::kBreakGc) && !sync::in_critical_section()) {
    alloc::clear_breaker_bits(ts.alloc, alloc::kBreakGc);
    gc_run_scheduled();
  }
  if (bits & kBreakInstrument) {
    alloc::clear_breaker_bits(ts.alloc, kBreakInstrument);
    instrument::refresh_thread(ts);
  }
  if (bits & kBreakSignal) {
    alloc::clear_breaker_bits(ts.alloc, kBreakSignal);
    if (signals::run_pending() < 0) return -1;
  }
  return 0;
}

void set_breaker_bits_all_threads(uint32_t bits) {
  Registry& r = reg();
  std::lock_guard<std::mutex> g(r.mu);
  for (ThreadState* t = r.head; t; t = t->next)
    if (t->alloc) alloc::set_breaker_bits(t->alloc, bits);
}

void stop_the_world() {
  ThreadState& me = t_state;
  Registry& r = reg();
  {
    BlockingSection b;  // another requester may stop us while we wait for our turn
    r.stw_mu.lock();
  }
  std::unique_lock<std::mutex> g(r.mu);
  r.stw_requester = &me;
  __atomic_store_n(&r.stw_active, 1, __ATOMIC_RELEASE);
  for (;;) {
    bool all = true;
    for (ThreadState* t = r.head; t; t = t->next) {
      if (t == &me) continue;
      int s = load_status(*t);
      if (s == int(ThreadStatus::kSuspended)) continue;
      if (s == int(ThreadStatus::kDetached) && cas_status(*t, ThreadStatus::kDetached, ThreadStatus::kSuspended))
        continue;
      all = false;
      if (t->alloc) alloc::set_breaker_bits(t->alloc, kBreakStopTheWorld);
    }
    if (all) break;
    // Parking threads notify; the timeout covers a thread that attached between our scan and its parking.
    r.cv.wait_for(g, std::chrono::milliseconds(1));
  }
}

void start_the_world() {
  ThreadState& me = t_state;
  Registry& r = reg();
  {
    std::lock_guard<std::mutex> g(r.mu);
    __atomic_store_n(&r.stw_active, 0, __ATOMIC_RELEASE);
    r.stw_requester = nullptr;
    for (ThreadState* t = r.head; t; t = t->next) {
      if (t == &me) continue;
      if (t->alloc) alloc::clear_breaker_bits(t->alloc, kBreakStopTheWorld);
      if (load_status(*t) == int(ThreadStatus::kSuspended)) store_status(*t, ThreadStatus::kDetached);
    }
    r.cv.notify_all();
  }
  r.stw_mu.unlock();
}

void fork_prepare_threads() { stop_the_world(); }
void fork_lock_thread_registry() { reg().mu.lock(); }
void fork_unlock_thread_registry() { reg().mu.unlock(); }

void fork_child_threads() {
  ThreadState& me = t_state;
  Registry& r = reg();
  // The other states live in the thread-local storage of threads that no longer exist: unlink them without
  // touching them (glibc may hand their memory to threads this process starts later).
  r.head = me.registered ? &me : nullptr;
  me.prev = me.next = nullptr;
  r.count = me.registered ? 1 : 0;
  r.have_main = true;
  r.main_ident = me.ident = uint64_t(pthread_self());
  me.is_main = true;
  // Threads that were parked or waiting to attach were blocked on `cv`: a condition variable with waiters that
  // will never wake can block its next notify (glibc waits for old waiters to leave their group), so it is
  // replaced rather than reused. `mu` and `stw_mu` are held by this thread and released normally.
  new (&r.cv) std::condition_variable();
  r.mu.unlock();
}

}  // namespace pyvm
