// The cycle collector (vm/gc.h).
//
// What it examines: the registered objects (alloc/gc_registry.h) that are tracked, not immortal, and whose type's
// tp_traverse it trusts: classes made by type_new (subtype_traverse), the runtime's types marked kTpFlagGcAudited,
// and extension types (whose tp_traverse is their author's contract, as in CPython). Every other object, frames
// and the C stack included, is outside the examined set: the references it holds count as references from outside,
// so whatever it reaches stays alive. An unaudited tp_traverse can therefore only make the collector keep more.
//
// How (CPython's algorithm, with the world stopped, as 3.13t does):
//   1. Each candidate's gc_refs = its true reference count (local + shared; exact while the world is stopped and
//      the merge queues were drained).
//   2. For every reference from one candidate to another (tp_traverse), the target's gc_refs drops by one. What is
//      left counts references from outside the candidates.
//   3. Candidates with gc_refs > 0, and everything they reach, are reachable; the rest is garbage.
// Then, PEP 442 style, in two passes:
//   - Pass A finds garbage G1, detaches the weak references to it (so nobody can reach it through them any more;
//     as in CPython, this happens before finalizers, even for objects they resurrect), holds a reference to each
//     object, restarts the world, runs the weak-reference callbacks, then the finalizers (tp_finalize, a class's
//     __del__) that have not run. Finalizers may resurrect objects.
//   - Pass B stops the world again and finds garbage G2 among G1 only (everything else counts as a root; the
//     references pass A holds are discounted), so nothing whose finalizer has not had its turn is cleared. It
//     detaches any weak reference a finalizer made to G2, holds a reference to each object, and restarts the world.
//     Then tp_clear breaks the cycles, and dropping the held references frees the objects.
// Objects with a legacy tp_del are never freed (CPython moves them to gc.garbage; they stay alive here).
//
// Thread-safety: one collection at a time (g_collecting). The candidate and CHECKED bits and GcHead::gc_refs are
// written only while the world is stopped. Threads that could touch objects are parked or detached then; a Python
// thread that exits frees what its allocator teardown must free before it leaves the thread registry
// (alloc::thread_retire, from vm/modules/thread_start.cc), and any other thread's teardown frees nothing
// (alloc::thread_exit), so no thread outside the stop frees objects during one.
#include "vm/gc.h"

#include <atomic>
#include <vector>

#include "alloc/gc_registry.h"
#include "alloc/heap.h"
#include "alloc/refcount.h"
#include "objects/errors.h"
#include "objects/list.h"
#include "objects/type.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

// Pass A's mark on the garbage it found (3.13t's FROZEN bit, which pyvm does not otherwise use); pass B clears it.
constexpr uint8_t kGcBitChecked = 8;
// gc.freeze()'s mark: the collector ignores the object (what it references counts as referenced from outside).
// Set and cleared only with the world stopped.
constexpr uint8_t kGcBitFrozen = 0x80;
// DEBUG_SAVEALL: the list garbage goes to instead of being cleared (gc.garbage), or null. Strong reference.
std::atomic<Object*> g_saveall_sink{nullptr};

std::atomic<bool> g_collecting{false};
std::atomic<bool> g_enabled{true};
std::atomic<int64_t> g_threshold0{2000};
std::atomic<int64_t> g_survivors{0};
std::atomic<int64_t> g_collections[3], g_collected[3], g_uncollectable[3];

alloc::GcHead* head(Object* o) { return gc_head_of(o); }


int64_t true_refcount(Object* o) {
  return int64_t(alloc::load_local(o)) + int64_t(alloc::load_shared(o) >> alloc::kSharedShift);
}

struct Scan {
  std::vector<Object*> cands;
  bool pass_b = false;
};

void add_candidate(PyObject* o, void* arg) {
  auto* s = static_cast<Scan*>(arg);
  if (!alloc::gc_bits_test(o, alloc::kGcBitTracked) || alloc::is_immortal(o) || alloc::gc_bits_test(o, kGcBitFrozen))
    return;
  Type* t = type_of(o);
  if (!gc_trusts_traverse(t)) return;
  if (t->tp_is_gc && !t->tp_is_gc(o)) return;
  int64_t refs = true_refcount(o);
  if (s->pass_b && alloc::gc_bits_test(o, kGcBitChecked)) refs--;  // the reference pass A holds
  head(o)->gc_refs = intptr_t(refs);
  alloc::gc_bits_set(o, alloc::kGcBitCandidate);
  s->cands.push_back(o);
}

int visit_decref(Object* o, void*) {
  if (o && alloc::gc_bits_test(o, alloc::kGcBitCandidate)) head(o)->gc_refs--;
  return 0;
}

int visit_reach(Object* o, void* arg) {
  if (o && alloc::gc_bits_test(o, alloc::kGcBitCandidate)) {
    alloc::gc_bits_clear(o, alloc::kGcBitCandidate);
    static_cast<std::vector<Object*>*>(arg)->push_back(o);
  }
  return 0;
}

void mark_from(std::vector<Object*>* stack) {
  while (!stack->empty()) {
    Object* o = stack->back();
    stack->pop_back();
    type_of(o)->tp_traverse(o, visit_reach, stack);
  }
}

// With the world stopped: the examined objects that nothing outside reaches. Candidate bits are cleared on return.
// In pass B only objects pass A found (CHECKED) may be garbage.
std::vector<Object*> find_garbage(bool pass_b, size_t* examined) {
  Scan s;
  s.pass_b = pass_b;
  alloc::gc_for_each(add_candidate, &s);
  for (Object* o : s.cands) type_of(o)->tp_traverse(o, visit_decref, nullptr);
  std::vector<Object*> stack;
  for (Object* o : s.cands) {
    bool root = head(o)->gc_refs > 0 || type_of(o)->tp_del != nullptr ||
                (pass_b && !alloc::gc_bits_test(o, kGcBitChecked));
    if (root && alloc::gc_bits_test(o, alloc::kGcBitCandidate)) {
      alloc::gc_bits_clear(o, alloc::kGcBitCandidate);
      stack.push_back(o);
      mark_from(&stack);
    }
  }
  std::vector<Object*> garbage;
  for (Object* o : s.cands) {
    if (alloc::gc_bits_test(o, alloc::kGcBitCandidate)) {
      alloc::gc_bits_clear(o, alloc::kGcBitCandidate);
      garbage.push_back(o);
    }
  }
  *examined = s.cands.size();
  return garbage;
}

void (*g_callback_runner)(const char*, int, int64_t, int64_t) = nullptr;

// The young count at which the next automatic collection starts: the first threshold plus a quarter of what
// survived the last collection (so a growing heap is examined less often, in proportion), or never.
void update_trigger() {
  int64_t t = g_threshold0.load(std::memory_order_relaxed);
  int64_t at = t + g_survivors.load(std::memory_order_relaxed) / 4;
  alloc::gc_set_trigger(g_enabled.load(std::memory_order_relaxed) && t > 0 ? at : INT64_MAX);
}

void stop_for_gc() { stop_the_world(); }
void start_after_gc() { start_the_world(); }

}  // namespace

void merge_queued_refcounts() {
  alloc::drain_merge_queue();
  if (registered_thread_count() <= 1) {
    // Alone: releases left pending (by this thread, or by threads that have exited) are safe to run now.
    std::vector<PyObject*> deferred;
    alloc::take_all_deferred(&deferred);
    for (PyObject* o : deferred) alloc::run_deferred_entry(o);
    alloc::drain_merge_queue();
    return;
  }
  // Freeing an object drops its references to others, which may be queued to their owners in turn (a list built
  // by another thread holds that thread's objects): repeat while a round frees something.
  // References given up through QSBR (a dict entry deleted while other threads run) are released too: with the
  // world stopped every thread is at a quiescent point.
  std::vector<PyObject*> dead, deferred;
  for (int round = 0; round < 64; round++) {
    stop_the_world();
    alloc::merge_other_queues(&dead);
    alloc::take_all_deferred(&deferred);
    start_the_world();
    if (dead.empty() && deferred.empty()) break;
    for (PyObject* o : deferred) alloc::run_deferred_entry(o);
    for (PyObject* o : dead) alloc::dealloc(o);
    dead.clear();
    deferred.clear();
    alloc::drain_merge_queue();
  }
}

void set_gc_callback_runner(void (*fn)(const char*, int, int64_t, int64_t)) { g_callback_runner = fn; }

int64_t gc_collect_cycles(int generation, bool callbacks) {
  bool expected = false;
  if (!g_collecting.compare_exchange_strong(expected, true)) return 0;
  if (callbacks && g_callback_runner) g_callback_runner("start", generation, 0, 0);

  // Pass A, after merging the queued reference counts and running the pending QSBR releases in the same stop (so
  // the counts are exact); what they free is freed with the world running, and then the world stops again.
  alloc::drain_merge_queue();
  std::vector<PyObject*> dead, deferred;
  for (int round = 0;; round++) {
    stop_for_gc();
    alloc::merge_other_queues(&dead);
    alloc::take_all_deferred(&deferred);
    if ((dead.empty() && deferred.empty()) || round == 64) break;
    start_after_gc();
    for (PyObject* o : deferred) alloc::run_deferred_entry(o);
    for (PyObject* o : dead) alloc::dealloc(o);
    dead.clear();
    deferred.clear();
    alloc::drain_merge_queue();
  }
  for (PyObject* o : dead) alloc::gc_bits_clear(o, alloc::kGcBitTracked);  // dying: not the collector's
  size_t examined = 0, examined_b = 0;
  std::vector<Object*> g1 = find_garbage(false, &examined);
  // As CPython: weak references to garbage die before any finalizer runs (even for objects a finalizer then
  // resurrects), and their callbacks run first.
  WeakrefCalls calls;
  for (Object* o : g1) {
    alloc::gc_bits_set(o, kGcBitChecked);
    if (type_supports_weakrefs(type_of(o))) detach_weakrefs(o, &calls);
    incref(o);
  }
  start_after_gc();
  run_weakref_callbacks(&calls);
  // After 64 rounds something may still have been merged to zero in the last stop: free it now.
  for (PyObject* o : deferred) alloc::run_deferred_entry(o);
  for (PyObject* o : dead) alloc::dealloc(o);
  int64_t found = 0, uncollectable = 0;
  if (!g1.empty()) {
    for (Object* o : g1) finalize_for_gc(o);

    // Pass B (weak references made by finalizers to what is still garbage are detached too).
    stop_for_gc();
    std::vector<Object*> g2 = find_garbage(true, &examined_b);
    for (Object* o : g1) alloc::gc_bits_clear(o, kGcBitChecked);
    for (Object* o : g2) {
      if (type_supports_weakrefs(type_of(o))) detach_weakrefs(o, &calls);
      incref(o);
    }
    start_after_gc();
    for (Object* o : g1) decref(o);
    run_weakref_callbacks(&calls);
    if (Object* sink = g_saveall_sink.load(std::memory_order_acquire)) {
      // DEBUG_SAVEALL: the garbage is kept in gc.garbage, not cleared.
      ORef pending = steal(error_take());
      for (Object* o : g2)
        if (list_append(sink, o) < 0) write_unraisable(o);
      if (pending) set_error_steal(pending.release());
    } else {
      for (Object* o : g2) {
        if (inquiry clear = type_of(o)->tp_clear) {
          ORef pending = steal(error_take());
          if (clear(o) < 0 || error_occurred()) write_unraisable(o);
          if (pending) set_error_steal(pending.release());
        }
      }
    }
    found = int64_t(g2.size());
    for (Object* o : g2) decref(o);
    // Objects that survived their clear (a tp_clear that cannot break the cycle alone) stay; they are counted as
    // uncollectable only if they are still registered garbage next time, so nothing more is reported here.
  }
  alloc::gc_reset_young();
  g_survivors.store(int64_t(examined) - found, std::memory_order_relaxed);
  update_trigger();
  int gen = generation < 0 || generation > 2 ? 2 : generation;
  g_collections[gen].fetch_add(1, std::memory_order_relaxed);
  g_collected[gen].fetch_add(found, std::memory_order_relaxed);
  g_uncollectable[gen].fetch_add(uncollectable, std::memory_order_relaxed);
  if (callbacks && g_callback_runner) g_callback_runner("stop", generation, found, uncollectable);
  g_collecting.store(false);
  return found;
}

namespace {
struct Referrers {
  const std::vector<Object*>* targets;
  std::vector<Object*> out;
  bool hit;
};
int visit_find(Object* o, void* arg) {
  auto* r = static_cast<Referrers*>(arg);
  for (Object* t : *r->targets)
    if (o == t) r->hit = true;
  return 0;
}
void collect_tracked(PyObject* o, void* arg) {
  auto* r = static_cast<Referrers*>(arg);
  if (!alloc::gc_bits_test(o, alloc::kGcBitTracked)) return;
  if (r->targets) {
    Type* t = type_of(o);
    if (!t->tp_traverse) return;
    r->hit = false;
    t->tp_traverse(o, visit_find, r);
    if (!r->hit) return;
  }
  incref(o);
  r->out.push_back(o);
}
}  // namespace

namespace {
void set_frozen(PyObject* o, void*) {
  if (alloc::gc_bits_test(o, alloc::kGcBitTracked)) alloc::gc_bits_set(o, kGcBitFrozen);
}
void clear_frozen(PyObject* o, void*) { alloc::gc_bits_clear(o, kGcBitFrozen); }
void count_frozen(PyObject* o, void* arg) {
  if (alloc::gc_bits_test(o, kGcBitFrozen)) ++*static_cast<int64_t*>(arg);
}
}  // namespace

void gc_freeze() {
  stop_for_gc();
  alloc::gc_for_each(set_frozen, nullptr);
  start_after_gc();
}

void gc_unfreeze() {
  stop_for_gc();
  alloc::gc_for_each(clear_frozen, nullptr);
  start_after_gc();
}

int64_t gc_freeze_count() {
  int64_t n = 0;
  stop_for_gc();
  alloc::gc_for_each(count_frozen, &n);
  start_after_gc();
  return n;
}

void gc_set_saveall_sink(Object* sink) {
  Object* old = g_saveall_sink.exchange(sink ? newref(sink) : nullptr, std::memory_order_acq_rel);
  if (old) alloc::release_deferred(old);  // a collection on another thread may be appending to it
}

std::vector<Object*> gc_tracked_objects() {
  Referrers r{nullptr, {}, false};
  stop_for_gc();
  alloc::gc_for_each(collect_tracked, &r);
  start_after_gc();
  return std::move(r.out);
}

std::vector<Object*> gc_referrers(const std::vector<Object*>& targets) {
  Referrers r{&targets, {}, false};
  stop_for_gc();
  alloc::gc_for_each(collect_tracked, &r);
  start_after_gc();
  return std::move(r.out);
}

GcStats gc_stats(int generation) {
  return {g_collections[generation].load(std::memory_order_relaxed),
          g_collected[generation].load(std::memory_order_relaxed),
          g_uncollectable[generation].load(std::memory_order_relaxed)};
}

void gc_run_scheduled() {
  if (!g_enabled.load(std::memory_order_relaxed) || g_threshold0.load(std::memory_order_relaxed) <= 0) return;
  if (alloc::gc_young_count() <= g_threshold0.load(std::memory_order_relaxed) + g_survivors.load() / 4) return;
  gc_collect_cycles(0, true);
}

void gc_set_enabled(bool on) {
  g_enabled.store(on, std::memory_order_relaxed);
  update_trigger();
}
bool gc_is_enabled() { return g_enabled.load(std::memory_order_relaxed); }
void gc_set_threshold0(int64_t n) {
  g_threshold0.store(n, std::memory_order_relaxed);
  update_trigger();
}

}  // namespace pyvm
