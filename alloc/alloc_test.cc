// Tests for the memory layer: heaps, the immortal region and biased reference counting across threads.
#include <atomic>
#include <catch2/catch.hpp>
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
