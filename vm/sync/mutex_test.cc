// Tests for PyMutex and critical sections under contention.
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "vm/sync/mutex.h"

using namespace pyvm::sync;

TEST_CASE("PyMutex gives mutual exclusion under contention") {
  PyMutex m{};
  long counter = 0;
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; t++)
    ts.emplace_back([&] {
      for (int i = 0; i < 100000; i++) {
        mutex_lock(&m);
        counter++;
        mutex_unlock(&m);
      }
    });
  for (auto& t : ts) t.join();
  CHECK(counter == 400000);
  CHECK(m._bits == 0);
}

TEST_CASE("critical sections nest, re-enter and order pairs") {
  PyObject a{}, b{};
  {
    CriticalSection s(&a);
    CHECK(mutex_is_locked(&a.ob_mutex));
    {
      CriticalSection again(&a);  // re-entry is a no-op
      CHECK(holds_section(&a.ob_mutex));
    }
    CHECK(mutex_is_locked(&a.ob_mutex));
  }
  CHECK(!mutex_is_locked(&a.ob_mutex));
  long n = 0;
  std::thread t1([&] {
    for (int i = 0; i < 50000; i++) {
      CriticalSection2 s(&a, &b);
      n++;
    }
  });
  std::thread t2([&] {
    for (int i = 0; i < 50000; i++) {
      CriticalSection2 s(&b, &a);
      n++;
    }
  });
  t1.join();
  t2.join();
  CHECK(n == 100000);
}
