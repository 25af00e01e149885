// PyMutex (one byte: locked bit + has-parked bit) with a parking lot, and RAII critical sections on objects.
#pragma once

#include <cstdint>

#include "pyvm_abi/base.h"

namespace pyvm::sync {

constexpr uint8_t kLocked = 1;
constexpr uint8_t kHasParked = 2;

void mutex_lock_slow(PyMutex* m);
void mutex_unlock_slow(PyMutex* m);

inline bool mutex_try_lock(PyMutex* m) {
  uint8_t expected = 0;
  return __atomic_compare_exchange_n(&m->_bits, &expected, kLocked, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}
inline void mutex_lock(PyMutex* m) {
  if (!mutex_try_lock(m)) mutex_lock_slow(m);
}
inline void mutex_unlock(PyMutex* m) {
  uint8_t expected = kLocked;
  if (!__atomic_compare_exchange_n(&m->_bits, &expected, 0, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
    mutex_unlock_slow(m);
}
// In a child of fork(): gives the parking lot fresh bucket mutexes and condition variables. Threads of the parent
// that were parked there do not exist in the child, and a condition variable whose waiters never return can
// block its next notify. A PyMutex one of them held stays locked, as in CPython.
void parking_lot_after_fork();

inline bool mutex_is_locked(const PyMutex* m) { return __atomic_load_n(&m->_bits, __ATOMIC_RELAXED) & kLocked; }

// A critical section holds an object's ob_mutex for a C++ scope.
//
// Contract: every operation on a mutable built-in container holds that container's critical section. Re-entry by
// the same thread on an object whose section it already holds (e.g. `lst.append(lst)`, or a key function that
// reads the list being sorted) is a no-op instead of a self-deadlock.
//
// Suspension (DESIGN.md "Critical sections"): a thread that is about to block (a lock wait, sleep, I/O; see
// vm/threads.h BlockingSection) calls suspend_all_sections(), which releases every mutex it holds through its
// sections. When it resumes running Python code it re-takes only the innermost section (resume_top_section);
// each outer section is re-taken when the sections above it end. So a thread never waits for a second mutex while
// holding one across a block, which is what makes lock-order deadlocks through user code impossible. The price, as
// in CPython 3.13t: an object's section is not held across a blocking call made inside it.
// CriticalSection2 orders its pair by address and is suspended and resumed as a unit.
//
// Single-threaded mode: while a process has only one thread (pyvm starts that way; tests and embedders do not),
// sections are recorded but their mutexes are not taken. enter_multithreaded() ends the mode for good: the calling
// thread, which must be the only one running, takes the mutexes of the sections it has open. Whoever starts the
// second thread calls it first (see vm/threads.h).
void enable_single_threaded_mode();
void enter_multithreaded();
extern bool g_single_threaded;  // read on every section entry; written only while one thread exists

class CriticalSection;
extern constinit thread_local CriticalSection* t_top;  // the calling thread's innermost section
void resume_top_section();

class CriticalSection {
 public:
  // The fast paths are inline: containers enter a section on every operation.
  explicit CriticalSection(PyObject* o) : m_(&o->ob_mutex), prev_(t_top) {  // NOLINT (reentered_ defaults)
    if (g_single_threaded) {
      elided_ = true;
    } else if (!mutex_try_lock(m_)) {
      enter_slow();
    }
    t_top = this;
  }
  ~CriticalSection() {
    t_top = prev_;
    if (m_ && !suspended_ && !elided_) mutex_unlock(m_);
    // An outer section that was suspended while we blocked is taken back now that it is innermost again (the second
    // of a pair resumes both; the pair's own destructor pops the first right after, see ~CriticalSection2).
    if (prev_ && prev_->suspended_ && !paired_) [[unlikely]]
      resume_top_section();
  }
  CriticalSection(const CriticalSection&) = delete;
  CriticalSection& operator=(const CriticalSection&) = delete;

 private:
  friend class CriticalSection2;
  CriticalSection(PyObject* o, bool paired);
  void enter_slow();  // contended, or a re-entry
  PyMutex* m_;  // null when re-entered
  // A re-entry (m_ null): the mutex an outer section of this thread holds for the same object. Resuming this
  // section after a block takes that outer section back, since it is what protects the object (a sort's key
  // function may block while list.sort's re-entered section is innermost).
  PyMutex* reentered_ = nullptr;
  CriticalSection* prev_;
  bool suspended_ = false;  // m_ was released by suspend_all_sections and is not held now
  bool elided_ = false;     // single-threaded mode: m_ was never taken
  bool paired_ = false;     // the second of a CriticalSection2: resumed together with prev_
  friend bool holds_section(PyMutex* m);
  friend void suspend_all_sections();
  friend void resume_top_section();
  friend void enter_multithreaded();
};

class CriticalSection2 {
 public:
  CriticalSection2(PyObject* a, PyObject* b);
  ~CriticalSection2();
  CriticalSection2(const CriticalSection2&) = delete;
  CriticalSection2& operator=(const CriticalSection2&) = delete;

 private:
  alignas(CriticalSection) unsigned char first_[sizeof(CriticalSection)];
  alignas(CriticalSection) unsigned char second_[sizeof(CriticalSection)];
  bool two_;
};

// Releases every mutex held through the calling thread's sections (before blocking).
void suspend_all_sections();
// Re-takes the innermost suspended section (and its pair), after blocking. Blocks if another thread holds it.
void resume_top_section();
// True if the calling thread has any critical section open (held or suspended).
bool in_critical_section();

// True if the calling thread holds (not suspended) a critical section on `m`.
bool holds_section(PyMutex* m);

}  // namespace pyvm::sync
