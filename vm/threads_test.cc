// Tests for thread states: stop-the-world parks attached threads and holds detached ones; QSBR defers releases.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "alloc/heap.h"
#include "alloc/refcount.h"
#include "objects/list.h"
#include "vm/runtime.h"
#include "vm/threads.h"

using namespace pyvm;

TEST_CASE("stop-the-world parks attached threads and keeps detached ones from attaching") {
  REQUIRE(runtime_init() == 0);
  thread_attach();
  std::atomic<bool> stop{false};
  std::atomic<long> ticks{0};
  std::atomic<int> ready{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; i++) {
    ts.emplace_back([&, i] {
      thread_attach();
      ready++;
      while (!stop.load()) {
        ticks++;
        REQUIRE(eval_breaker_check() == 0);  // where the interpreter would park
        if (i == 2) {
          BlockingSection blocked;  // a thread that keeps blocking and waking up
          std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
      }
      thread_unregister();
    });
  }
  while (ready.load() < 3) std::this_thread::yield();
  for (int round = 0; round < 20; round++) {
    stop_the_world();
    long before = ticks.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    CHECK(ticks.load() == before);  // nobody runs while the world is stopped
    start_the_world();
    long resumed = ticks.load();
    while (ticks.load() == resumed) std::this_thread::yield();  // and everybody runs again afterwards
  }
  stop.store(true);
  for (auto& t : ts) t.join();
  CHECK(registered_thread_count() == 1);
}

TEST_CASE("a deferred release waits until every other thread is quiescent") {
  REQUIRE(runtime_init() == 0);
  thread_attach();
  std::atomic<int> phase{0};
  std::thread reader([&] {
    thread_attach();
    phase = 1;
    while (phase.load() < 2) std::this_thread::yield();  // attached, never quiescent: holds up reclamation
    REQUIRE(eval_breaker_check() == 0);                  // kBreakQsbr was requested: report quiescence
    phase = 3;
    while (phase.load() < 4) std::this_thread::yield();
    thread_unregister();
  });
  while (phase.load() < 1) std::this_thread::yield();
  Object* lst = list_new(0);
  REQUIRE(lst);
  alloc::incref(lst);  // 2 references
  for (int i = 0; i < 64; i++) {
    alloc::incref(lst);
    alloc::release_deferred(lst);  // 64 deferred releases: the 64th polls and requests quiescence
  }
  CHECK(alloc::refcount(lst) == 66);  // still held: the reader has not been quiescent
  phase = 2;
  while (phase.load() < 3) std::this_thread::yield();
  alloc::qsbr_quiescent();  // polls: the reader published a newer sequence
  CHECK(alloc::refcount(lst) == 2);
  phase = 4;
  reader.join();
  alloc::decref(lst);
  alloc::decref(lst);
}
