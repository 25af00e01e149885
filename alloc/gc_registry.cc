// The registry of collectable objects (alloc/gc_registry.h, which states the contract).
#include "alloc/gc_registry.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

#include "alloc/heap.h"

namespace pyvm::alloc {
namespace {

constexpr size_t kChunkSlots = 2046;  // with the two header words, a 16 KiB chunk

struct Chunk {
  Chunk* next;
  size_t used;  // entries ever filled from the front (the owner's append cursor)
  PyObject* slots[kChunkSlots];
};

// A thread's log: a list of chunks. `fill` is where the owner appends (its `used` cursor), and once every chunk
// is full the owner scans older chunks for entries that frees cleared (`scan`, `scan_at`) and fills those.
struct Log {
  Chunk* chunks = nullptr;
  Chunk* fill = nullptr;
  Chunk* scan = nullptr;
  size_t scan_at = 0;
  size_t nchunks = 0;
  size_t since_scan = 0;  // appends since the last refill scan found nothing (grow rather than rescan each time)
  bool registered = false;
};

std::mutex& logs_mu() {
  static std::mutex* m = new std::mutex;
  return *m;
}
// Live threads' logs, and the orphan log (exited threads' chunks). Guarded by logs_mu(); the collector walks them
// with the world stopped (and the mutex held).
std::vector<Log*>& live_logs() {
  static auto* v = new std::vector<Log*>;
  return *v;
}
Log& orphan_log() {
  static Log* l = new Log;
  return *l;
}

thread_local Log* t_log = nullptr;

// Registrations minus frees: per thread, folded into the global count every kFlush changes.
std::atomic<int64_t> g_young{0};
thread_local int64_t t_young = 0;
constexpr int64_t kFlush = 64;

std::atomic<int64_t> g_trigger{INT64_MAX};

inline void count_young(int64_t d) {
  t_young += d;
  if (t_young >= kFlush || t_young <= -kFlush) {
    int64_t now = g_young.fetch_add(t_young, std::memory_order_relaxed) + t_young;
    t_young = 0;
    if (d > 0 && now > g_trigger.load(std::memory_order_relaxed)) {
      if (ThreadAlloc* rec = detail::t_rec) set_breaker_bits(rec, kBreakGc);
    }
  }
}

Log& my_log() {
  if (Log* l = t_log) [[likely]]
    return *l;
  Log* l = new Log;
  {
    std::lock_guard<std::mutex> g(logs_mu());
    live_logs().push_back(l);
    l->registered = true;
  }
  t_log = l;
  return *l;
}

Chunk* new_chunk(Log& log) {
  auto* c = static_cast<Chunk*>(std::calloc(1, sizeof(Chunk)));
  if (!c) {
    std::fputs("pyvm: out of memory (GC registry)\n", stderr);
    std::abort();
  }
  c->next = log.chunks;
  log.chunks = c;
  log.nchunks++;
  return c;
}

// A free entry in the log for a new registration: the fill chunk's cursor, else an entry that a free cleared in
// an older chunk (scanned round-robin), else a new chunk. Scanning stops after one pass without finding anything
// until the log grew by a chunk's worth of appends, so the cost stays amortised.
PyObject** take_entry(Log& log) {
  if (Chunk* c = log.fill; c && c->used < kChunkSlots) return &c->slots[c->used++];
  if (log.nchunks > 1 && log.since_scan >= kChunkSlots) {
    size_t visited = 0;
    while (visited <= log.nchunks) {
      if (!log.scan) {
        log.scan = log.chunks;
        log.scan_at = 0;
        visited++;
      }
      Chunk* c = log.scan;
      for (; log.scan_at < c->used; log.scan_at++) {
        PyObject** e = &c->slots[log.scan_at];
        if (!__atomic_load_n(e, __ATOMIC_RELAXED)) {
          log.scan_at++;
          return e;
        }
      }
      log.scan = c->next;
      log.scan_at = 0;
    }
    log.since_scan = 0;
  }
  Chunk* c = new_chunk(log);
  log.fill = c;
  c->used = 1;
  return &c->slots[0];
}

}  // namespace

void gc_register(PyObject* o, GcHead* h) {
  Log& log = my_log();
  PyObject** e = take_entry(log);
  log.since_scan++;
  __atomic_store_n(e, o, __ATOMIC_RELAXED);
  h->slot = e;
  h->gc_refs = 0;
  count_young(1);
}

void gc_unregister(GcHead* h) {
  if (PyObject** s = h->slot) {
    __atomic_store_n(s, nullptr, __ATOMIC_RELAXED);
    h->slot = nullptr;
    count_young(-1);
  }
}

int64_t gc_young_count() { return g_young.load(std::memory_order_relaxed); }
void gc_reset_young() { g_young.store(0, std::memory_order_relaxed); }
void gc_set_trigger(int64_t n) { g_trigger.store(n, std::memory_order_relaxed); }

void gc_log_thread_exit() {
  Log* l = t_log;
  if (!l) return;
  t_log = nullptr;
  std::lock_guard<std::mutex> g(logs_mu());
  auto& v = live_logs();
  for (size_t i = 0; i < v.size(); i++) {
    if (v[i] == l) {
      v[i] = v.back();
      v.pop_back();
      break;
    }
  }
  Log& o = orphan_log();
  while (Chunk* c = l->chunks) {
    l->chunks = c->next;
    c->next = o.chunks;
    o.chunks = c;
    o.nchunks++;
  }
  o.fill = nullptr;  // nobody appends to the orphan log
  o.scan = nullptr;
  delete l;
}

void gc_for_each(void (*fn)(PyObject*, void*), void* arg) {
  std::lock_guard<std::mutex> g(logs_mu());
  auto walk = [&](Log& log) {
    Chunk** link = &log.chunks;
    while (Chunk* c = *link) {
      bool any = false;
      for (size_t i = 0; i < c->used; i++) {
        if (PyObject* o = __atomic_load_n(&c->slots[i], __ATOMIC_RELAXED)) {
          any = true;
          fn(o, arg);
        }
      }
      // An empty chunk other than the one being filled goes (no object names an entry in it, so no free can
      // write to it later).
      if (!any && c != log.fill) {
        *link = c->next;
        if (log.scan == c) {
          log.scan = nullptr;
          log.scan_at = 0;
        }
        log.nchunks--;
        std::free(c);
        continue;
      }
      link = &c->next;
    }
  };
  for (Log* l : live_logs()) walk(*l);
  walk(orphan_log());
}

}  // namespace pyvm::alloc
