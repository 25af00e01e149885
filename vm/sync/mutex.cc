// The parking lot behind PyMutex's slow path, and the per-thread critical-section stack.
#include "vm/sync/mutex.h"

#include <condition_variable>
#include <mutex>
#include <new>
#include <vector>

namespace pyvm::sync {
namespace {

// Waiters park in a bucket chosen by the mutex address. Contract: a waiter sets kHasParked only while holding its
// bucket's mutex, and an unlocker that sees kHasParked clears the byte and notifies under the same bucket mutex,
// so no wake-up is lost. Woken waiters retry from scratch (and set kHasParked again if still contended).
struct Bucket {
  std::mutex mu;
  std::condition_variable cv;
};
constexpr int kBuckets = 251;
Bucket* buckets() {
  static Bucket* b = new Bucket[kBuckets];
  return b;
}
Bucket& bucket_for(const void* addr) { return buckets()[(reinterpret_cast<uintptr_t>(addr) >> 3) % kBuckets]; }


}  // namespace

constinit thread_local CriticalSection* t_top = nullptr;

void mutex_lock_slow(PyMutex* m) {
  for (int spin = 0; spin < 40; spin++) {
    if (mutex_try_lock(m)) return;
    __builtin_ia32_pause();
  }
  Bucket& b = bucket_for(m);
  std::unique_lock<std::mutex> g(b.mu);
  for (;;) {
    uint8_t v = __atomic_load_n(&m->_bits, __ATOMIC_RELAXED);
    if (!(v & kLocked)) {
      // Keep kHasParked if set: other waiters may still be parked; the next unlock wakes them.
      if (__atomic_compare_exchange_n(&m->_bits, &v, uint8_t(v | kLocked), false, __ATOMIC_ACQUIRE,
                                      __ATOMIC_RELAXED))
        return;
      continue;
    }
    if (!(v & kHasParked) && !__atomic_compare_exchange_n(&m->_bits, &v, uint8_t(v | kHasParked), false,
                                                          __ATOMIC_RELAXED, __ATOMIC_RELAXED))
      continue;
    b.cv.wait(g);
  }
}

void mutex_unlock_slow(PyMutex* m) {
  Bucket& b = bucket_for(m);
  std::lock_guard<std::mutex> g(b.mu);
  __atomic_store_n(&m->_bits, uint8_t{0}, __ATOMIC_RELEASE);
  b.cv.notify_all();
}

void parking_lot_after_fork() {
  Bucket* b = buckets();
  for (int i = 0; i < kBuckets; i++) {
    new (&b[i].mu) std::mutex();
    new (&b[i].cv) std::condition_variable();
  }
}

bool g_single_threaded = false;

void enable_single_threaded_mode() { g_single_threaded = true; }

void enter_multithreaded() {
  if (!g_single_threaded) return;
  // Outermost first, as they were entered; a mutex that appears again further in (re-entry) is taken once.
  std::vector<CriticalSection*> chain;
  for (CriticalSection* c = t_top; c; c = c->prev_) chain.push_back(c);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    CriticalSection* c = *it;
    if (!c->elided_) continue;
    c->elided_ = false;
    if (c->suspended_) continue;  // taken back when it resumes
    if (mutex_is_locked(c->m_)) {
      c->m_ = nullptr;  // an outer section of ours holds it: this one is a re-entry
    } else {
      mutex_lock(c->m_);
    }
  }
  __atomic_store_n(&g_single_threaded, false, __ATOMIC_RELEASE);
}

bool holds_section(PyMutex* m) {
  for (CriticalSection* c = t_top; c; c = c->prev_)
    if (c->m_ == m && !c->suspended_) return true;
  return false;
}

bool in_critical_section() { return t_top != nullptr; }

CriticalSection::CriticalSection(PyObject* o, bool paired) : m_(&o->ob_mutex), prev_(t_top), paired_(paired) {
  if (g_single_threaded) {
    elided_ = true;
  } else if (!mutex_try_lock(m_)) {
    enter_slow();
  }
  t_top = this;
}

void CriticalSection::enter_slow() {
  if (holds_section(m_)) {
    reentered_ = m_;
    m_ = nullptr;  // re-entry: the outer section already protects the object
  } else {
    mutex_lock_slow(m_);
  }
}

void suspend_all_sections() {
  for (CriticalSection* c = t_top; c; c = c->prev_) {
    if (c->m_ && !c->suspended_) {
      c->suspended_ = true;
      if (!c->elided_) mutex_unlock(c->m_);
      c->elided_ = false;  // resumed for real (the process may be multi-threaded by then)
    }
  }
}

void resume_top_section() {
  CriticalSection* c = t_top;
  if (!c) return;
  if (!c->m_ && c->reentered_) {
    // The object of a re-entered section is protected by the outer section holding its mutex: take that one back
    // (only it: the sections in between stay suspended until the ones above them end, as usual).
    for (CriticalSection* o = c->prev_; o; o = o->prev_) {
      if (o->m_ != c->reentered_) continue;
      if (o->suspended_) {
        mutex_lock(o->m_);
        o->suspended_ = false;
      }
      return;
    }
    return;
  }
  CriticalSection* first = c->paired_ ? c->prev_ : nullptr;
  // Lower address first (a pair is ordered that way), exactly as when it was entered.
  if (first && first->suspended_) {
    mutex_lock(first->m_);
    first->suspended_ = false;
  }
  if (c->suspended_) {
    mutex_lock(c->m_);
    c->suspended_ = false;
  }
}

CriticalSection2::CriticalSection2(PyObject* a, PyObject* b) : two_(a != b) {
  if (two_ && b < a) std::swap(a, b);
  new (first_) CriticalSection(a);
  if (two_) new (second_) CriticalSection(b, true);
}

CriticalSection2::~CriticalSection2() {
  if (two_) reinterpret_cast<CriticalSection*>(second_)->~CriticalSection();
  reinterpret_cast<CriticalSection*>(first_)->~CriticalSection();
}

}  // namespace pyvm::sync
