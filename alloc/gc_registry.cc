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

// A thread's log: a list of chunks. `fill` is where the owner appends (its `used` cursor). Once it is full, the
// owner sweeps its chunks round-robin (`scan`) for entries that frees cleared and keeps them in `free` to refill;
// a null entry stays null until its owner refills it. The collector empties `free` before it drops chunks.
struct Log {
  Chunk* chunks = nullptr;
  Chunk* fill = nullptr;
  Chunk* scan = nullptr;
  size_t nchunks = 0;
  std::vector<PyObject**> free;
  int64_t young = 0;  // registrations minus frees by this thread, not yet added to g_young
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

// Registrations minus frees: per thread (Log::young), folded into the global count every kFlush changes.
std::atomic<int64_t> g_young{0};
constexpr int64_t kFlush = 64;

std::atomic<int64_t> g_trigger{INT64_MAX};

void flush_young(Log& log, bool grew) {
  int64_t now = g_young.fetch_add(log.young, std::memory_order_relaxed) + log.young;
  log.young = 0;
  if (grew && now > g_trigger.load(std::memory_order_relaxed)) {
    if (ThreadAlloc* rec = detail::t_rec) set_breaker_bits(rec, kBreakGc);
  }
}

Log& my_log() {
  if (Log* l = t_log) [[likely]]
    return *l;
  Log* l = new Log;
  {
    std::lock_guard<std::mutex> g(logs_mu());
    live_logs().push_back(l);
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

// A free entry when `fill` is full and `free` is empty: sweeps the chunks round-robin for cleared entries, stopping
// once an eighth of a chunk's worth was found (or all were seen), else starts a new chunk.
PyObject** take_entry_slow(Log& log) {
  for (size_t seen = 0; seen < log.nchunks && log.free.size() < kChunkSlots / 8; seen++) {
    if (!log.scan) log.scan = log.chunks;
    Chunk* c = log.scan;
    for (size_t i = 0; i < c->used; i++)
      if (!__atomic_load_n(&c->slots[i], __ATOMIC_RELAXED)) log.free.push_back(&c->slots[i]);
    log.scan = c->next;
  }
  if (!log.free.empty()) {
    PyObject** e = log.free.back();
    log.free.pop_back();
    return e;
  }
  Chunk* c = new_chunk(log);
  log.fill = c;
  c->used = 1;
  return &c->slots[0];
}

}  // namespace

void gc_register(PyObject* o, GcHead* h) {
  Log& log = my_log();
  PyObject** e;
  if (!log.free.empty()) {
    e = log.free.back();
    log.free.pop_back();
  } else if (Chunk* c = log.fill; c && c->used < kChunkSlots) [[likely]] {
    e = &c->slots[c->used++];
  } else {
    e = take_entry_slow(log);
  }
  __atomic_store_n(e, o, __ATOMIC_RELAXED);
  h->slot = e;
  h->gc_refs = 0;
  if (++log.young >= kFlush) flush_young(log, true);
}

void gc_unregister(GcHead* h) {
  if (PyObject** s = h->slot) {
    __atomic_store_n(s, nullptr, __ATOMIC_RELAXED);
    h->slot = nullptr;
    Log& log = my_log();
    if (--log.young <= -kFlush) flush_young(log, false);
  }
}

int64_t gc_young_count() { return g_young.load(std::memory_order_relaxed); }
void gc_reset_young() { g_young.store(0, std::memory_order_relaxed); }
void gc_set_trigger(int64_t n) { g_trigger.store(n, std::memory_order_relaxed); }

namespace {
// Caller holds logs_mu(); `l` is no longer in live_logs().
void orphan_chunks(Log* l) {
  Log& o = orphan_log();
  while (Chunk* c = l->chunks) {
    l->chunks = c->next;
    c->next = o.chunks;
    o.chunks = c;
    o.nchunks++;
  }
  o.fill = nullptr;  // nobody appends to the orphan log
  o.scan = nullptr;
  if (l->young) flush_young(*l, false);
  delete l;
}
}  // namespace

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
  orphan_chunks(l);
}

void gc_logs_lock() { logs_mu().lock(); }
void gc_logs_unlock() { logs_mu().unlock(); }

void gc_logs_fork_child() {
  auto& v = live_logs();
  std::vector<Log*> dead;
  size_t keep = 0;
  for (Log* l : v) {
    if (l == t_log) v[keep++] = l;
    else dead.push_back(l);
  }
  v.resize(keep);
  for (Log* l : dead) orphan_chunks(l);
  logs_mu().unlock();
}

void gc_for_each(void (*fn)(PyObject*, void*), void* arg) {
  std::lock_guard<std::mutex> g(logs_mu());
  auto walk = [&](Log& log) {
    log.free.clear();  // entries in chunks that may go; the owner sweeps again
    log.scan = nullptr;
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
