// Per-thread mimalloc heaps, the thread registry and the merge queues of biased reference counting.
#include "alloc/heap.h"

#ifndef PYVM_SANITIZER
#include <mimalloc.h>
#endif

#include <atomic>
#include <mutex>
#include <new>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "alloc/gc_registry.h"
#include "alloc/refcount.h"

namespace pyvm::alloc {
namespace {

// Registry contract: `registry_mu` guards `registry`. A thread that queues an object holds registry_mu while it
// pushes, so a thread cannot unregister and free its record under a concurrent push.
std::mutex& registry_mu() {
  static std::mutex* mu = new std::mutex;  // leaked: used by threads exiting after static destruction
  return *mu;
}
std::unordered_map<uintptr_t, ThreadAlloc*>& registry() {
  static auto* map = new std::unordered_map<uintptr_t, ThreadAlloc*>;
  return *map;
}

std::atomic<size_t> g_thread_count{0};  // registry().size(), readable without the lock
std::atomic<uint64_t> g_wr_seq{1};        // QSBR write sequence: bumped by every deferred release
std::mutex& orphans_mu() {
  static std::mutex* mu = new std::mutex;
  return *mu;
}
// Deferred releases left by exited threads (guarded by orphans_mu).
std::vector<std::pair<uint64_t, PyObject*>>& orphans() {
  static auto* v = new std::vector<std::pair<uint64_t, PyObject*>>;
  return *v;
}
std::atomic<bool> g_have_orphans{false};

// The QSBR slot list (see QsbrSlot): pushed at the head under registry_mu, walked lock-free.
std::atomic<QsbrSlot*> g_qsbr_slots{nullptr};

// Caller holds registry_mu. A free slot (owner null) is reused, else a new one is published.
QsbrSlot* claim_slot(ThreadAlloc* rec) {
  for (QsbrSlot* s = g_qsbr_slots.load(std::memory_order_acquire); s; s = s->next) {
    if (!s->owner) {
      s->owner = rec;
      return s;
    }
  }
  auto* s = new QsbrSlot;
  s->owner = rec;
  s->next = g_qsbr_slots.load(std::memory_order_relaxed);
  g_qsbr_slots.store(s, std::memory_order_release);
  return s;
}

struct ThreadSlot {
  ThreadAlloc* rec = nullptr;
  ~ThreadSlot() {
    if (rec) thread_exit();
  }
};
thread_local ThreadSlot t_slot;
}  // namespace
namespace detail {
constinit thread_local ThreadAlloc* t_rec = nullptr;  // trivially destructible fast-path copy of t_slot.rec
uint32_t g_no_breaker = 0;  // never written: what pending_breaker() reads on an unregistered thread
constinit thread_local uint32_t* t_breaker = &g_no_breaker;
}  // namespace detail
using detail::t_rec;

ThreadAlloc& create_thread_record() {
  auto* rec = new ThreadAlloc;
  rec->tid = thread_id();
#ifndef PYVM_SANITIZER
  // Every kind uses the thread's default mimalloc heap for now. One mi_heap_new() per kind and thread, deleted at
  // thread exit, made starting threads quadratic with Debian's mimalloc 2.0 (10,000 short threads took 10-25 s
  // instead of 3.5 s: each new heap scanned the abandoned ones). The cycle collector finds GC objects through its
  // own registry (alloc/gc_registry.h), not through the heaps.
  for (auto& h : rec->heaps) h = mi_heap_get_default();
#endif
  {
    std::lock_guard<std::mutex> g(registry_mu());
    registry()[rec->tid] = rec;
    g_thread_count.store(registry().size(), std::memory_order_relaxed);
    rec->qsbr = claim_slot(rec);
    __atomic_store_n(&rec->qsbr->seq, g_wr_seq.load(), __ATOMIC_RELEASE);
  }
  t_slot.rec = rec;
  t_rec = rec;
  detail::t_breaker = &rec->breaker;
  return *rec;
}

namespace {

void stamp(ThreadAlloc* rec);  // QSBR, below

void merge_one(PyObject* o) {
  if (explicit_merge(o, -1) == 0) dealloc(o);
}

}  // namespace


void thread_retire() {
  ThreadAlloc* rec = t_rec;
  if (!rec || rec->retired) return;
  // Merge what others queued to us, and unregister only once the queue is empty: pushes happen under registry_mu,
  // so none can follow. The decrefs a merge runs take the owner's path for the objects we own (relaxed stores to
  // their local counts); other threads merge such objects themselves once we are unregistered, so every such
  // decref must come before that (registry_mu orders them).
  std::vector<std::pair<uint64_t, PyObject*>> pending;
  for (;;) {
    drain_merge_queue();
    std::lock_guard<std::mutex> g(registry_mu());
    {
      std::lock_guard<std::mutex> q(rec->queue_mu);
      if (!rec->queue.empty()) continue;  // more came meanwhile
    }
    stamp(rec);
    pending.swap(rec->deferred);
    auto it = registry().find(rec->tid);
    if (it != registry().end() && it->second == rec) registry().erase(it);
    g_thread_count.store(registry().size(), std::memory_order_relaxed);
    __atomic_store_n(&rec->qsbr->seq, uint64_t{0}, __ATOMIC_RELEASE);
    rec->qsbr->owner = nullptr;
    break;
  }
  if (!pending.empty()) {
    // Still waiting for other threads: the survivors finish them (orphans are polled by every thread).
    std::lock_guard<std::mutex> g(orphans_mu());
    for (auto& e : pending) orphans().push_back(e);
    g_have_orphans.store(true, std::memory_order_relaxed);
  }
  // The default heap is mimalloc's own: at thread exit it abandons its pages and other threads adopt them, so
  // objects outlive their creator safely.
  gc_log_thread_exit();  // after the merges above, which may free (and, through __del__, make) objects
  rec->retired = true;
}

namespace {
// thread_exit without thread_retire (a thread's TLS teardown, perhaps outside stop-the-world): leaves the registry
// and hands everything that would free objects to the survivors, frees nothing itself. The queued references
// become orphans that any thread drops (a drop by a non-owner merges at once now that we are unregistered).
void abandon(ThreadAlloc* rec) {
  std::vector<std::pair<uint64_t, PyObject*>> pending;
  {
    std::lock_guard<std::mutex> g(registry_mu());
    {
      std::lock_guard<std::mutex> q(rec->queue_mu);
      // A queued reference is not a plain reference: its owner was to merge it (explicit_merge(o, -1)). A decref
      // from a survivor would see the queued flag, not the owner's local count, and leak the object; the entry is
      // tagged so that run_entry merges it instead (any thread may, now that the owner is unregistered).
      for (PyObject* o : rec->queue) pending.emplace_back(1, reinterpret_cast<PyObject*>(reinterpret_cast<uintptr_t>(o) | 2));
      rec->queue.clear();
    }
    stamp(rec);
    for (auto& e : rec->deferred) pending.push_back(e);
    rec->deferred.clear();
    auto it = registry().find(rec->tid);
    if (it != registry().end() && it->second == rec) registry().erase(it);
    g_thread_count.store(registry().size(), std::memory_order_relaxed);
    __atomic_store_n(&rec->qsbr->seq, uint64_t{0}, __ATOMIC_RELEASE);
    rec->qsbr->owner = nullptr;
  }
  if (!pending.empty()) {
    std::lock_guard<std::mutex> g(orphans_mu());
    for (auto& e : pending) orphans().push_back(e);
    g_have_orphans.store(true, std::memory_order_relaxed);
  }
  gc_log_thread_exit();
  rec->retired = true;
}
}  // namespace

void thread_exit() {
  ThreadAlloc* rec = t_rec;
  if (!rec) return;
  if (!rec->retired) abandon(rec);
  for (auto& h : rec->heaps) h = nullptr;
  t_rec = nullptr;
  detail::t_breaker = &detail::g_no_breaker;
  t_slot.rec = nullptr;
  delete rec;
}

// Under ASan/TSan (PYVM_SANITIZER) every block comes from the C allocator, which the sanitizer replaces: mimalloc's
// own recycling is invisible to the sanitizer (it would hide overflows and report false races on reused blocks).
#ifdef PYVM_SANITIZER
#define PYVM_HEAP_ALLOC(heap, size) std::calloc(1, size)
#define PYVM_HEAP_MALLOC(heap, size) std::malloc(size)
#define PYVM_HEAP_CALLOC(heap, n, size) std::calloc(n, size)
#define PYVM_HEAP_REALLOC(heap, p, size) std::realloc(p, size)
#define PYVM_FREE(p) std::free(p)
#else
#define PYVM_HEAP_ALLOC(heap, size) mi_heap_zalloc(heap, size)
#define PYVM_HEAP_MALLOC(heap, size) mi_heap_malloc(heap, size)
#define PYVM_HEAP_CALLOC(heap, n, size) mi_heap_calloc(heap, n, size)
#define PYVM_HEAP_REALLOC(heap, p, size) mi_heap_realloc(heap, p, size)
#define PYVM_FREE(p) mi_free(p)
#endif

PyObject* alloc_object(size_t size, PyTypeObject* type, bool gc, size_t prefix) {
  ThreadAlloc& rec = this_thread();
  void* block = PYVM_HEAP_ALLOC(rec.heaps[int(gc ? HeapKind::kGcObject : HeapKind::kObject)], size + prefix);
  if (!block) return nullptr;
  auto* o = reinterpret_cast<PyObject*>(static_cast<char*>(block) + prefix);
  o->ob_tid = rec.tid;
  o->ob_ref_local = 1;
  o->ob_ref_shared = 0;
  o->ob_type = type;
  return o;
}

void free_object(void* p) { PYVM_FREE(p); }

void* raw_alloc(size_t size) { return PYVM_HEAP_MALLOC(this_thread().heaps[int(HeapKind::kRaw)], size); }
void* raw_calloc(size_t n, size_t size) {
  return PYVM_HEAP_CALLOC(this_thread().heaps[int(HeapKind::kRaw)], n, size);
}
void* raw_realloc(void* p, size_t size) {
  return PYVM_HEAP_REALLOC(this_thread().heaps[int(HeapKind::kRaw)], p, size);
}
void raw_free(void* p) { PYVM_FREE(p); }

void queue_to_owner(PyObject* o) {
  uintptr_t tid = load_tid(o);
  {
    std::lock_guard<std::mutex> g(registry_mu());
    auto it = registry().find(tid);
    if (tid != 0 && it != registry().end()) {
      ThreadAlloc* owner = it->second;
      std::lock_guard<std::mutex> q(owner->queue_mu);
      owner->queue.push_back(o);
      set_breaker_bits(owner, kBreakMergeQueue);
      return;
    }
  }
  merge_one(o);  // the owner has exited (or gave up ownership): merge here
}

void drain_merge_queue() {
  ThreadAlloc* rec = t_rec;
  if (!rec || !(__atomic_load_n(&rec->breaker, __ATOMIC_ACQUIRE) & kBreakMergeQueue)) return;
  std::vector<PyObject*> batch;
  {
    std::lock_guard<std::mutex> q(rec->queue_mu);
    batch.swap(rec->queue);
    clear_breaker_bits(rec, kBreakMergeQueue);
  }
  for (PyObject* o : batch) merge_one(o);
}

void merge_other_queues(std::vector<PyObject*>* dead) {
  ThreadAlloc* self = t_rec;
  std::vector<PyObject*> batch;
  std::lock_guard<std::mutex> g(registry_mu());
  for (auto& [tid, rec] : registry()) {
    if (rec == self) continue;
    {
      std::lock_guard<std::mutex> q(rec->queue_mu);
      batch.swap(rec->queue);
      clear_breaker_bits(rec, kBreakMergeQueue);
    }
    for (PyObject* o : batch)
      if (explicit_merge(o, -1) == 0) dead->push_back(o);
    batch.clear();
  }
}

// ---- QSBR ----

void take_all_deferred(std::vector<PyObject*>* out) {
  {
    std::lock_guard<std::mutex> g(registry_mu());
    for (auto& [tid, rec] : registry()) {
      for (auto& e : rec->deferred) out->push_back(e.second);
      rec->deferred.clear();
      rec->unstamped = 0;
    }
  }
  std::lock_guard<std::mutex> g(orphans_mu());
  for (auto& e : orphans()) out->push_back(e.second);
  orphans().clear();
  g_have_orphans.store(false, std::memory_order_relaxed);
}

namespace {

// The smallest sequence every other online thread has published (UINT64_MAX when there is none). Lock-free: the
// slot list only grows, and a slot whose thread exits reads 0 (skipped) or a sequence that is merely conservative.
uint64_t min_read_seq(ThreadAlloc* self) {
  uint64_t m = UINT64_MAX;
  for (QsbrSlot* s = g_qsbr_slots.load(std::memory_order_acquire); s; s = s->next) {
    if (s == self->qsbr) continue;
    uint64_t v = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
    if (v != 0 && v < m) m = v;
  }
  return m;
}

// Asks the threads that hold up `goal` (published sequence below it) to report a quiescent state. Only those are
// interrupted, and only if not asked already: a poller does not touch the others' cache lines.
void request_quiescence(ThreadAlloc* self, uint64_t goal) {
  std::lock_guard<std::mutex> g(registry_mu());
  for (QsbrSlot* s = g_qsbr_slots.load(std::memory_order_acquire); s; s = s->next) {
    if (s == self->qsbr || !s->owner) continue;
    uint64_t v = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
    if (v == 0 || v >= goal) continue;
    if (!(__atomic_load_n(&s->owner->breaker, __ATOMIC_RELAXED) & kBreakQsbr)) set_breaker_bits(s->owner, kBreakQsbr);
  }
}

// An entry of a deferred list is a reference (a PyObject*), raw memory (release_deferred_raw, marked by the low
// pointer bit), or a queued reference left by a thread that exited without merging it (abandon, marked by bit 1).
// Blocks and objects are at least 8-aligned.
inline void run_entry(PyObject* o) {
  uintptr_t bits = reinterpret_cast<uintptr_t>(o);
  if (bits & 1) {
    PYVM_FREE(reinterpret_cast<void*>(bits & ~uintptr_t{1}));
  } else if (bits & 2) {
    merge_one(reinterpret_cast<PyObject*>(bits & ~uintptr_t{2}));
  } else {
    decref(o);
  }
}

// Runs the entries of `v` whose goal is reached; returns how many remain. Entries with goal 0 are not stamped yet
// (poll stamps them first) and stay.
size_t run_ready(std::vector<std::pair<uint64_t, PyObject*>>& v, uint64_t safe) {
  // The ready entries are taken out before any runs (a decref may defer more, appending to v). The scratch vector is
  // reused across polls (a poll comes every 64 deferrals); a nested poll from inside run_entry gets its own.
  thread_local std::vector<PyObject*> scratch;
  thread_local bool scratch_busy = false;
  std::vector<PyObject*> local;
  std::vector<PyObject*>& ready = scratch_busy ? local : scratch;
  bool owns_scratch = !scratch_busy;
  scratch_busy = true;
  ready.clear();
  size_t keep = 0;
  for (auto& e : v) {
    if (e.first != 0 && e.first <= safe)
      ready.push_back(e.second);
    else
      v[keep++] = e;
  }
  v.resize(keep);
  for (PyObject* o : ready) run_entry(o);  // may defer more (appends to v)
  ready.clear();
  if (owns_scratch) scratch_busy = false;
  return v.size();
}

// Stamps the unstamped entries (goal 0) with a fresh write sequence. One atomic increment covers every entry
// unlinked since the last stamp: they were all unlinked before it in program order, so a reader that publishes a
// sequence >= the stamp (an acquire load that reads this increment or a later one) has passed a quiescent point
// after those unlinks.
}  // namespace

void run_deferred_entry(PyObject* entry) { run_entry(entry); }

namespace {

void stamp(ThreadAlloc* rec) {
  if (rec->unstamped == 0) return;
  uint64_t goal = g_wr_seq.fetch_add(1, std::memory_order_acq_rel) + 1;
  for (auto& e : rec->deferred)
    if (e.first == 0) e.first = goal;
  rec->unstamped = 0;
}

void poll(ThreadAlloc* rec, bool request) {
  stamp(rec);
  uint64_t safe = min_read_seq(rec);
  if (!rec->deferred.empty() && run_ready(rec->deferred, safe) >= 64 && request) {
    uint64_t oldest = UINT64_MAX;
    for (auto& e : rec->deferred)
      if (e.first != 0 && e.first < oldest) oldest = e.first;
    if (oldest != UINT64_MAX) request_quiescence(rec, oldest);
  }
  if (g_have_orphans.load(std::memory_order_relaxed)) {
    std::vector<std::pair<uint64_t, PyObject*>> mine;
    {
      std::lock_guard<std::mutex> g(orphans_mu());
      mine.swap(orphans());
      g_have_orphans.store(false, std::memory_order_relaxed);
    }
    run_ready(mine, safe);
    if (!mine.empty()) {
      std::lock_guard<std::mutex> g(orphans_mu());
      for (auto& e : mine) orphans().push_back(e);
      g_have_orphans.store(true, std::memory_order_relaxed);
    }
  }
}

}  // namespace

namespace {
void defer_entry(PyObject* entry) {
  ThreadAlloc& rec = this_thread();
  rec.deferred.emplace_back(0, entry);  // stamped at the next poll (see stamp)
  rec.unstamped++;
  if ((rec.deferred.size() & 63) == 0) poll(&rec, true);
}
}  // namespace

void release_deferred(PyObject* o) {
  if (is_immortal(o)) return;
  if (g_thread_count.load(std::memory_order_relaxed) <= 1) {
    decref(o);  // no other thread can be reading
    return;
  }
  defer_entry(o);
}

void release_deferred_raw(void* p) {
  if (!p) return;
  if (g_thread_count.load(std::memory_order_relaxed) <= 1) {
    PYVM_FREE(p);
    return;
  }
  defer_entry(reinterpret_cast<PyObject*>(reinterpret_cast<uintptr_t>(p) | 1));
}

void qsbr_quiescent() {
  ThreadAlloc* rec = t_rec;
  if (!rec) return;
  clear_breaker_bits(rec, kBreakQsbr);
  __atomic_store_n(&rec->qsbr->seq, g_wr_seq.load(std::memory_order_acquire), __ATOMIC_RELEASE);
  if (!rec->deferred.empty() || g_have_orphans.load(std::memory_order_relaxed)) poll(rec, false);
}

void qsbr_offline() {
  if (ThreadAlloc* rec = t_rec) __atomic_store_n(&rec->qsbr->seq, uint64_t{0}, __ATOMIC_RELEASE);
}

void qsbr_online() {
  if (ThreadAlloc* rec = t_rec) __atomic_store_n(&rec->qsbr->seq, g_wr_seq.load(std::memory_order_acquire), __ATOMIC_RELEASE);
}

// ---- fork ----

void fork_prepare() {
  registry_mu().lock();
  orphans_mu().lock();
  gc_logs_lock();
}

void fork_parent() {
  gc_logs_unlock();
  orphans_mu().unlock();
  registry_mu().unlock();
}

void fork_child() {
  ThreadAlloc* self = t_rec;
  std::vector<std::pair<uint64_t, PyObject*>> pending;
  for (auto it = registry().begin(); it != registry().end();) {
    ThreadAlloc* rec = it->second;
    if (rec == self) {
      ++it;
      continue;
    }
    // As abandon(): a queued reference is merged by whoever runs the orphan entry (tagged with bit 1 of the
    // pointer), not dropped as a plain reference. The queue's mutex may have been held by a thread that is gone.
    new (&rec->queue_mu) std::mutex();
    for (PyObject* o : rec->queue)
      pending.emplace_back(1, reinterpret_cast<PyObject*>(reinterpret_cast<uintptr_t>(o) | 2));
    rec->queue.clear();
    for (auto& e : rec->deferred) pending.emplace_back(1, e.second);  // every reader but us is gone: all are due
    rec->deferred.clear();
    rec->unstamped = 0;
    __atomic_store_n(&rec->qsbr->seq, uint64_t{0}, __ATOMIC_RELEASE);
    rec->qsbr->owner = nullptr;
    rec->retired = true;
    it = registry().erase(it);
  }
  g_thread_count.store(registry().size(), std::memory_order_relaxed);
  for (auto& e : pending) orphans().push_back(e);
  bool have_orphans = !orphans().empty();
  if (have_orphans) g_have_orphans.store(true, std::memory_order_relaxed);
  gc_logs_fork_child();
  orphans_mu().unlock();
  registry_mu().unlock();
  // The orphans run at this thread's next eval-breaker check (qsbr_quiescent polls them).
  if (self && have_orphans) set_breaker_bits(self, kBreakQsbr);
}

size_t registered_threads() {
  std::lock_guard<std::mutex> g(registry_mu());
  return registry().size();
}

}  // namespace pyvm::alloc
