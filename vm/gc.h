// The cycle collector: finds groups of objects that only reference each other and frees them.
#pragma once

#include <cstdint>
#include <vector>

#include "objects/object.h"

namespace pyvm {

// Merges every thread's queued reference counts and runs pending QSBR releases, with the world stopped, then frees
// what reached zero (gc.collect() does this before looking for cycles).
void merge_queued_refcounts();

// One full collection (gc.collect(), PyGC_Collect, the automatic trigger). Returns how many unreachable objects it
// found, or 0 without collecting when a collection is already running (in this thread or another) or the caller
// is the only thread and in the middle of one's callbacks. Runs gc.callbacks ("start", "stop") when `callbacks`.
int64_t gc_collect_cycles(int generation, bool callbacks);

// Installed by the gc module: runs gc.callbacks for a phase ("start" or "stop").
void set_gc_callback_runner(void (*fn)(const char* phase, int generation, int64_t collected, int64_t uncollectable));

// gc.get_objects() / gc.get_referrers(): the tracked collectable objects (all of them, or those whose tp_traverse
// visits one of `targets`), each as a new reference, found with the world stopped.
std::vector<Object*> gc_tracked_objects();
std::vector<Object*> gc_referrers(const std::vector<Object*>& targets);

// Statistics for gc.get_stats(): collections run, objects collected, uncollectable.
struct GcStats {
  int64_t collections;
  int64_t collected;
  int64_t uncollectable;
};
GcStats gc_stats(int generation);  // 0..2: collections asked for that generation (automatic ones count as 0)

// The automatic trigger: once more collectable objects were made than freed since the last collection, by the
// first threshold (gc.set_threshold) plus a quarter of the objects that survived it (as CPython 3.13t), the thread
// that notices is asked to collect at its next eval-breaker check (alloc::kBreakGc), which calls this.
void gc_run_scheduled();

// gc.enable()/disable()/isenabled() and the first threshold (0 disables automatic collection too).
void gc_set_enabled(bool on);
// gc.freeze(): every object the collector tracks now is frozen, and collections ignore it (what it references
// counts as referenced from outside) until gc_unfreeze(). gc_freeze_count() counts the frozen objects still alive.
// Each stops the world.
void gc_freeze();
void gc_unfreeze();
int64_t gc_freeze_count();
// gc.DEBUG_SAVEALL: while `sink` (a list) is set, the garbage a collection finds is appended to it instead of being
// cleared and freed; null restores normal collection.
void gc_set_saveall_sink(Object* sink);
bool gc_is_enabled();
void gc_set_threshold0(int64_t n);

}  // namespace pyvm
