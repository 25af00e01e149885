// Tests for the memory layer: heaps, the immortal region and biased reference counting across threads.
#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "alloc/heap.h"
#include "alloc/immortal.h"
#include "alloc/refcount.h"
#include "pyvm_abi/typeobject.h"

using namespace pyvm::alloc;

namespace {

constexpr int kMaxObjects = 4096;
std::atomic<int> g_freed[kMaxObjects];
std::atomic<int> g_total_freed{0};

struct TestObject {
  PyObject base;
  int id;
};

void test_dealloc(PyObject* o) {
  int id = reinterpret_cast<TestObject*>(o)->id;
  g_freed[id].fetch_add(1);
  g_total_freed.fetch_add(1);
  free_object(o);
}

PyTypeObject& test_type() {
  static PyTypeObject t = [] {
    PyTypeObject t{};
    t.tp_name = "test";
    t.tp_basicsize = sizeof(TestObject);
    t.tp_dealloc = test_dealloc;
    return t;
  }();
  return t;
}

void reset_counts() {
  for (auto& f : g_freed) f.store(0);
  g_total_freed.store(0);
}

PyObject* make(int id) {
  auto* o = reinterpret_cast<TestObject*>(alloc_object(sizeof(TestObject), &test_type()));
  o->id = id;
  return &o->base;
}

}  // namespace

TEST_CASE("a new object is owned by its creator with one local reference") {
  reset_counts();
  PyObject* o = make(0);
  CHECK(o->ob_tid == thread_id());
  CHECK(o->ob_ref_local == 1);
  CHECK(o->ob_ref_shared == 0);
  incref(o);
  CHECK(o->ob_ref_local == 2);
  CHECK(refcount(o) == 2);
  decref(o);
  CHECK(g_freed[0] == 0);
  decref(o);
  CHECK(g_freed[0] == 1);
}

TEST_CASE("immortal objects ignore reference counting") {
  reset_counts();
  PyObject* o = immortal_object(sizeof(TestObject), &test_type());
  CHECK(in_immortal_region(o));
  CHECK(o->ob_tid == 0);
  CHECK(o->ob_ref_local == UINT32_MAX);
  for (int i = 0; i < 1000; i++) decref(o);
  for (int i = 0; i < 1000; i++) incref(o);
  CHECK(o->ob_ref_local == UINT32_MAX);
  CHECK(o->ob_ref_shared == 0);
  CHECK(g_total_freed == 0);
  std::thread([&] {
    incref(o);
    decref(o);
    decref(o);
  }).join();
  CHECK(g_total_freed == 0);
}

TEST_CASE("another thread's references use the shared count, and the last one frees") {
  reset_counts();
  PyObject* o = make(1);
  std::thread([&] { incref(o); }).join();
  CHECK(o->ob_ref_shared == (1 << kSharedShift));
  decref(o);  // owner's local count hits zero: merge, ownership given up
  CHECK(g_freed[1] == 0);
  CHECK(o->ob_tid == 0);
  CHECK((o->ob_ref_shared & kSharedFlagMask) == kFlagMerged);
  std::thread([&] { decref(o); }).join();
  CHECK(g_freed[1] == 1);
}

TEST_CASE("a non-owner's decref below zero queues the object to its owner") {
  reset_counts();
  PyObject* o = make(2);
  incref(o);  // local 2
  std::thread([&] { decref(o); }).join();  // shared would go negative: queued
  CHECK((o->ob_ref_shared & kSharedFlagMask) == kFlagQueued);
  CHECK(g_freed[2] == 0);
  drain_merge_queue();  // owner merges: local 2 + queued -1 = 1
  CHECK(o->ob_tid == 0);
  CHECK(refcount(o) == 1);
  decref(o);
  CHECK(g_freed[2] == 1);
}

TEST_CASE("objects outlive an exited owner and are merged at once") {
  reset_counts();
  PyObject* o = nullptr;
  std::thread([&] {
    o = make(3);
    incref(o);  // local 2: one for us, one handed to the main thread below
    decref(o);
    // thread exits still owning o with local count 1
  }).join();
  CHECK(g_freed[3] == 0);
  decref(o);  // non-owner, shared 0 => queue; owner gone => merge now => free
  CHECK(g_freed[3] == 1);
}

TEST_CASE("a reference queued to an owner that exits without merging is merged by a survivor") {
  reset_counts();
  PyObject* o = nullptr;
  std::mutex mu;
  std::condition_variable cv;
  int step = 0;
  auto wait_for = [&](int s) {
    std::unique_lock<std::mutex> g(mu);
    cv.wait(g, [&] { return step >= s; });
  };
  auto advance = [&](int s) {
    std::lock_guard<std::mutex> g(mu);
    step = s;
    cv.notify_all();
  };
  std::thread owner([&] {
    o = make(4);  // local 1: the reference handed to the other thread
    advance(1);
    wait_for(2);  // the other thread's decref is in our queue now; exit without draining it
  });
  std::thread([&] {
    wait_for(1);
    decref(o);  // shared would go negative while the owner is alive: queued to it
    advance(2);
  }).join();
  owner.join();
  CHECK(g_freed[4] == 0);
  qsbr_quiescent();  // runs the orphaned queue entry: a merge (local 1 + queued -1 = 0), not a plain decref
  CHECK(g_freed[4] == 1);
}

TEST_CASE("memory allocated by one thread can be freed by another") {
  std::vector<void*> blocks;
  std::thread([&] {
    for (int i = 0; i < 10000; i++) blocks.push_back(raw_alloc(16 + i % 200));
  }).join();
  for (void* p : blocks) raw_free(p);
  CHECK(registered_threads() >= 1);
}

// 4 threads each take and drop 1,000,000 references to objects owned by another thread; every object is freed
// exactly once and nothing leaks.
TEST_CASE("stress: 4 threads x 1,000,000 references to objects owned by another thread") {
  reset_counts();
  constexpr int kObjects = 1000;
  constexpr int kThreads = 4;
  constexpr int kRefs = 1000000;
  std::vector<PyObject*> objs(kObjects);
  std::atomic<bool> created{false};
  std::atomic<int> finished{0}, holding{0};

  std::thread owner([&] {
    for (int i = 0; i < kObjects; i++) objs[i] = make(i);
    created.store(true);
    // The owner churns its own references while the workers run, then drops its last ones and exits.
    while (holding.load() < kThreads || finished.load() < kThreads / 2) {
      for (PyObject* o : objs) {
        incref(o);
        decref(o);
      }
      drain_merge_queue();
    }
    for (PyObject* o : objs) decref(o);
    drain_merge_queue();
  });
  while (!created.load()) std::this_thread::yield();

  // Each worker keeps one reference to every object until the end, so the objects outlive the owner.
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; t++) {
    workers.emplace_back([&, t] {
      for (PyObject* o : objs) incref(o);
      holding.fetch_add(1);
      uint32_t x = 12345 + t;
      for (int i = 0; i < kRefs; i++) {
        x = x * 1103515245 + 12345;
        PyObject* o = objs[(x >> 8) % kObjects];
        incref(o);
        decref(o);
      }
      finished.fetch_add(1);
      while (finished.load() < kThreads) std::this_thread::yield();
      for (PyObject* o : objs) decref(o);
    });
  }
  for (auto& w : workers) w.join();
  owner.join();
  CHECK(g_total_freed == kObjects);
  int wrong = 0;
  for (int i = 0; i < kObjects; i++) wrong += g_freed[i] != 1;
  CHECK(wrong == 0);
}

// ---- try_incref: taking a reference through a borrowed pointer that may be racing with the destructor ----

namespace {

std::atomic<int> g_try_result{-1};

// A destructor that asks, from inside, whether its object can still be revived: on the freeing thread (the owner
// on its fast path) and from another thread (after a merge to zero).
void probing_dealloc(PyObject* o) {
  g_try_result.store(try_incref(o) ? 1 : 0);
  int other = -1;
  std::thread([&] { other = try_incref(o) ? 1 : 0; }).join();
  if (other == 1) g_try_result.store(2);
  test_dealloc(o);
}

PyTypeObject& probing_type() {
  static PyTypeObject t = [] {
    PyTypeObject t = test_type();
    t.tp_dealloc = probing_dealloc;
    return t;
  }();
  return t;
}

}  // namespace

TEST_CASE("try_incref takes a reference to live objects only") {
  reset_counts();
  PyObject* o = make(10);
  CHECK(try_incref(o));  // owner, live
  CHECK(o->ob_ref_local == 2);
  decref(o);
  // Another thread cannot prove a never-flagged object alive (the owner could free it without a CAS).
  bool other = true;
  std::thread([&] { other = try_incref(o); }).join();
  CHECK_FALSE(other);
  set_maybe_weakref(o);
  CHECK((o->ob_ref_shared & kSharedFlagMask) == kFlagMaybeWeakref);
  std::thread([&] { other = try_incref(o); }).join();
  CHECK(other);
  CHECK(refcount(o) == 2);
  decref(o);  // local 0: merged with the other thread's reference
  CHECK(g_freed[10] == 0);
  std::thread([&] { decref(o); }).join();
  CHECK(g_freed[10] == 1);

  PyObject* im = immortal_object(sizeof(TestObject), &test_type());
  CHECK(try_incref(im));
  std::thread([&] { other = try_incref(im); }).join();
  CHECK(other);
}

TEST_CASE("try_incref fails once the destructor has started, on any thread") {
  reset_counts();
  // Owner fast path (shared word 0): the destructor runs with the owner's local count at 0.
  auto* o = reinterpret_cast<TestObject*>(alloc_object(sizeof(TestObject), &probing_type()));
  o->id = 11;
  g_try_result.store(-1);
  decref(&o->base);
  CHECK(g_try_result.load() == 0);
  CHECK(g_freed[11] == 1);
  // Flagged object: the owner merges to zero by CAS before freeing.
  o = reinterpret_cast<TestObject*>(alloc_object(sizeof(TestObject), &probing_type()));
  o->id = 12;
  set_maybe_weakref(&o->base);
  g_try_result.store(-1);
  decref(&o->base);
  CHECK(g_try_result.load() == 0);
  CHECK(g_freed[12] == 1);
}

TEST_CASE("try_incref on a queued object keeps it alive through the owner's merge") {
  reset_counts();
  PyObject* o = make(13);
  set_maybe_weakref(o);
  incref(o);  // local 2: one of them is handed to another thread, which drops it
  bool got = false;
  std::thread([&] {
    decref(o);  // shared count 0: queued to the owner
    got = try_incref(o);
  }).join();
  CHECK(got);
  CHECK((o->ob_ref_shared & kSharedFlagMask) == kFlagQueued);
  drain_merge_queue();  // local 2 + shared 1 - queued 1
  CHECK(refcount(o) == 2);
  decref(o);
  std::thread([&] { decref(o); }).join();
  CHECK(g_freed[13] == 1);
}

// The weak-reference pattern under contention: owners publish objects in lock-guarded slots (as a weakref list
// would), their destructors unpublish under the same lock, and readers revive published objects with try_incref
// while the owners and other readers drop the last references. Every object is freed exactly once, and a reader
// never revives a freed object (ASan/TSan see the use-after-free otherwise).
namespace {

constexpr int kSlots = 32;
std::mutex g_slot_mu[kSlots];
PyObject* g_slot[kSlots];
std::atomic<long> g_slot_created{0}, g_slot_freed{0}, g_slot_revived{0};

struct SlotObject {
  PyObject base;
  int slot;
  long payload;
};

void slot_dealloc(PyObject* o) {
  int s = reinterpret_cast<SlotObject*>(o)->slot;
  {
    std::lock_guard<std::mutex> g(g_slot_mu[s]);
    if (g_slot[s] == o) g_slot[s] = nullptr;
  }
  reinterpret_cast<SlotObject*>(o)->payload = -1;
  g_slot_freed.fetch_add(1);
  free_object(o);
}

PyTypeObject& slot_type() {
  static PyTypeObject t = [] {
    PyTypeObject t{};
    t.tp_name = "slot";
    t.tp_basicsize = sizeof(SlotObject);
    t.tp_dealloc = slot_dealloc;
    return t;
  }();
  return t;
}

}  // namespace

TEST_CASE("stress: try_incref races with the last decref of published objects") {
  constexpr int kOwners = 2, kReaders = 3, kRounds = 100000;
  std::atomic<int> owners_done{0};
  std::atomic<long> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kOwners; t++) {
    threads.emplace_back([&, t] {
      uint32_t x = 777 + t;
      for (int i = 0; i < kRounds; i++) {
        x = x * 1103515245 + 12345;
        int s = int((x >> 8) % kSlots);
        auto* o = reinterpret_cast<SlotObject*>(alloc_object(sizeof(SlotObject), &slot_type()));
        o->slot = s;
        o->payload = 42;
        g_slot_created.fetch_add(1);
        set_maybe_weakref(&o->base);  // before publication, as weakref creation does
        {
          std::lock_guard<std::mutex> g(g_slot_mu[s]);
          if (!g_slot[s]) g_slot[s] = &o->base;
        }
        if (x & 0x10000) std::this_thread::yield();
        decref(&o->base);
        if ((i & 63) == 0) drain_merge_queue();
      }
      owners_done.fetch_add(1);
      drain_merge_queue();
    });
  }
  for (int t = 0; t < kReaders; t++) {
    threads.emplace_back([&, t] {
      uint32_t x = 99 + t;
      std::vector<PyObject*> held;
      while (owners_done.load() < kOwners) {
        x = x * 1103515245 + 12345;
        int s = int((x >> 8) % kSlots);
        PyObject* got = nullptr;
        {
          std::lock_guard<std::mutex> g(g_slot_mu[s]);
          if (g_slot[s] && try_incref(g_slot[s])) got = g_slot[s];
        }
        if (!got) continue;
        g_slot_revived.fetch_add(1);
        if (reinterpret_cast<SlotObject*>(got)->payload != 42) bad.fetch_add(1);
        held.push_back(got);
        if (held.size() > 4 || (x & 0x300) == 0) {
          for (PyObject* h : held) decref(h);
          held.clear();
        }
      }
      for (PyObject* h : held) decref(h);
    });
  }
  for (auto& th : threads) th.join();
  drain_merge_queue();
  CHECK(bad.load() == 0);
  CHECK(g_slot_revived.load() > 0);
  CHECK(g_slot_freed.load() == g_slot_created.load());
}
