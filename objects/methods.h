// Adapters that make a type's method table declare its locking: rows name the function and the lock it needs.
#pragma once

#include "objects/object.h"
#include "vm/sync/mutex.h"

namespace pyvm {

// METH_NOARGS / METH_O methods that run inside the critical section of `self`.
template <Object* (*F)(Object*, Object*)>
Object* locked(Object* self, Object* arg) {
  sync::CriticalSection cs(self);
  return F(self, arg);
}
// METH_FASTCALL | METH_KEYWORDS methods that run inside the critical section of `self`.
template <Object* (*F)(Object*, Object* const*, ssize, Object*)>
Object* locked_fast(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  sync::CriticalSection cs(self);
  return F(self, args, nargs, kwnames);
}

// Casts a fastcall function to the PyCFunction stored in PyMethodDef.
template <class F>
PyCFunction as_cfunc(F f) {
  return reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f));
}

}  // namespace pyvm
