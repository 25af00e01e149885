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
inline bool mutex_is_locked(const PyMutex* m) { return __atomic_load_n(&m->_bits, __ATOMIC_RELAXED) & kLocked; }

// A critical section holds an object's ob_mutex for a C++ scope.
//
// Contract: every operation on a mutable built-in container holds that container's critical section. Re-entry by
// the same thread on an object whose section it already holds (e.g. `lst.append(lst)`, or a key function that
// reads the list being sorted) is a no-op instead of a self-deadlock.
// Known gap (issue 6): sections are not yet suspended when a thread blocks, so two threads that lock two objects
// in opposite orders through user code can deadlock; CriticalSection2 orders its pair by address.
class CriticalSection {
 public:
  explicit CriticalSection(PyObject* o);
  ~CriticalSection();
  CriticalSection(const CriticalSection&) = delete;
  CriticalSection& operator=(const CriticalSection&) = delete;

 private:
  PyMutex* m_;  // null when re-entered
  CriticalSection* prev_;
  friend bool holds_section(PyMutex* m);
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

// True if the calling thread holds a critical section on `m`.
bool holds_section(PyMutex* m);

}  // namespace pyvm::sync
