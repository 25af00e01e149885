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

TEST_CASE("suspended sections release their mutexes and resume innermost first") {
  PyObject a{}, b{}, c{};
  {
    CriticalSection sa(&a);
    {
      CriticalSection2 sbc(&b, &c);
      CHECK(mutex_is_locked(&a.ob_mutex));
      CHECK(mutex_is_locked(&b.ob_mutex));
      suspend_all_sections();  // about to block
      CHECK(!mutex_is_locked(&a.ob_mutex));
      CHECK(!mutex_is_locked(&b.ob_mutex));
      CHECK(!mutex_is_locked(&c.ob_mutex));
      CHECK(!holds_section(&a.ob_mutex));
      // Another thread can take every one of them meanwhile.
      std::thread other([&] {
        CriticalSection x(&a);
        CriticalSection2 y(&b, &c);
      });
      other.join();
      resume_top_section();  // the pair comes back together; the outer section stays released for now
      CHECK(mutex_is_locked(&b.ob_mutex));
      CHECK(mutex_is_locked(&c.ob_mutex));
      CHECK(!mutex_is_locked(&a.ob_mutex));
      CHECK(in_critical_section());
    }
    // Leaving the pair re-takes the outer section.
    CHECK(!mutex_is_locked(&b.ob_mutex));
    CHECK(mutex_is_locked(&a.ob_mutex));
    CHECK(holds_section(&a.ob_mutex));
  }
  CHECK(!mutex_is_locked(&a.ob_mutex));
  CHECK(!in_critical_section());
}

TEST_CASE("resuming a re-entered section takes back the outer section holding the object's mutex") {
  PyObject a{}, b{};
  {
    CriticalSection outer(&a);  // e.g. the method wrapper's section
    {
      CriticalSection other(&b);  // a section on another object in between
      {
        CriticalSection inner(&a);  // re-entry (list.sort's own section): takes nothing
        suspend_all_sections();     // the key function blocks
        CHECK(!mutex_is_locked(&a.ob_mutex));
        CHECK(!mutex_is_locked(&b.ob_mutex));
        resume_top_section();
        // The object of the innermost section is protected again; the section in between stays released.
        CHECK(mutex_is_locked(&a.ob_mutex));
        CHECK(holds_section(&a.ob_mutex));
        CHECK(!mutex_is_locked(&b.ob_mutex));
      }
      CHECK(mutex_is_locked(&b.ob_mutex));  // taken back once it is innermost again
      CHECK(mutex_is_locked(&a.ob_mutex));
    }
    CHECK(!mutex_is_locked(&b.ob_mutex));
    CHECK(mutex_is_locked(&a.ob_mutex));
  }
  CHECK(!mutex_is_locked(&a.ob_mutex));
  CHECK(!in_critical_section());
}

TEST_CASE("single-threaded mode elides locks until a second thread is announced") {
  PyObject a{}, b{};
  enable_single_threaded_mode();
  {
    CriticalSection sa(&a);
    CHECK(!mutex_is_locked(&a.ob_mutex));  // elided
    {
      CriticalSection again(&a);  // a re-entry, elided too
      CriticalSection sb(&b);
      enter_multithreaded();  // the only thread is about to start another: open sections become real
      CHECK(mutex_is_locked(&a.ob_mutex));
      CHECK(mutex_is_locked(&b.ob_mutex));
      bool got = false;
      std::thread other([&] {
        got = mutex_try_lock(&a.ob_mutex);
        if (got) mutex_unlock(&a.ob_mutex);
      });
      other.join();
      CHECK(!got);  // the new thread is excluded
    }
    CHECK(!mutex_is_locked(&b.ob_mutex));
    CHECK(mutex_is_locked(&a.ob_mutex));  // the inner re-entry did not release the outer hold
  }
  CHECK(!mutex_is_locked(&a.ob_mutex));
  CHECK(!g_single_threaded);
}
