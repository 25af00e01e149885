// PyMutex slow paths (lock.h) and PyCriticalSection (critical_section.h) over the runtime's own mutex and
// critical-section stack (vm/sync/mutex.h). Owner: capi-b.
//
// Critical sections: the runtime's sections are C++ RAII objects linked into a per-thread stack (sync::t_top).
// PyCriticalSection_Begin constructs one in a per-thread pool slot (sections nest strictly, so the pool is a stack)
// and records the slot in the caller's struct; End destroys it. The C-API's sections are thus ordinary entries of
// the same stack: suspended when the thread blocks or detaches, resumed afterwards, re-entrant per object.
#include "Python.h"

#include <memory>
#include <new>
#include <vector>

#include "vm/sync/mutex.h"
#include "vm/threads.h"

using namespace pyvm;

namespace {

struct Slot {
  alignas(sync::CriticalSection2) alignas(sync::CriticalSection) unsigned char buf[sizeof(sync::CriticalSection2) > sizeof(sync::CriticalSection) ? sizeof(sync::CriticalSection2) : sizeof(sync::CriticalSection)];
};

thread_local std::vector<std::unique_ptr<Slot>> t_slots;
thread_local size_t t_depth = 0;

Slot* push_slot() {
  if (t_depth == t_slots.size()) t_slots.push_back(std::make_unique<Slot>());
  return t_slots[t_depth++].get();
}

Slot* pop_slot(uintptr_t tag, const char* who) {
  Slot* s = reinterpret_cast<Slot*>(tag);
  if (t_depth == 0 || t_slots[t_depth - 1].get() != s) {
    std::fprintf(stderr, "Fatal Python error: %s: critical sections must end in the reverse order they began\n", who);
    std::abort();
  }
  --t_depth;
  return s;
}

}  // namespace

extern "C" {

#undef PyMutex_Lock
#undef PyMutex_Unlock

void PyMutex_Lock(PyMutex* m) {
  for (int i = 0; i < 64; i++) {
    if (sync::mutex_try_lock(m)) return;
    __builtin_ia32_pause();
  }
  BlockingSection detached;  // no-op for a thread that is not attached
  sync::mutex_lock_slow(m);
}

void PyMutex_Unlock(PyMutex* m) {
  if (!(__atomic_load_n(&m->_bits, __ATOMIC_RELAXED) & sync::kLocked))
    Py_FatalError("unlocking mutex that is not locked");
  sync::mutex_unlock(m);
}

void PyCriticalSection_Begin(PyCriticalSection* c, PyObject* op) {
  Slot* s = push_slot();
  new (s->buf) sync::CriticalSection(op);
  c->_cs_prev = reinterpret_cast<uintptr_t>(s);
  c->_cs_mutex = &op->ob_mutex;
}

void PyCriticalSection_End(PyCriticalSection* c) {
  Slot* s = pop_slot(c->_cs_prev, "PyCriticalSection_End");
  std::launder(reinterpret_cast<sync::CriticalSection*>(s->buf))->~CriticalSection();
}

void PyCriticalSection2_Begin(PyCriticalSection2* c, PyObject* a, PyObject* b) {
  Slot* s = push_slot();
  new (s->buf) sync::CriticalSection2(a, b);
  c->_cs_base._cs_prev = reinterpret_cast<uintptr_t>(s);
  c->_cs_base._cs_mutex = &a->ob_mutex;
  c->_cs_mutex2 = &b->ob_mutex;
}

void PyCriticalSection2_End(PyCriticalSection2* c) {
  Slot* s = pop_slot(c->_cs_base._cs_prev, "PyCriticalSection2_End");
  std::launder(reinterpret_cast<sync::CriticalSection2*>(s->buf))->~CriticalSection2();
}

}  // extern "C"
