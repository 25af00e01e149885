// The one table linking dunder methods to type slots: wrappers expose C slots as `__dunder__` descriptors, and
// slot functions let classes written in Python fill C slots.
#pragma once

#include "objects/object.h"

namespace pyvm {

// A wrapper calls the C slot function `wrapped` for a `__dunder__` call on `self`.
using SlotWrapper = Object* (*)(Object* self, Object* const* args, ssize nargs, void* wrapped);

struct SlotDef {
  const char* name;    // "__add__"
  int offset;          // the slot's offset inside PyHeapTypeObject
  void* slot_func;     // generic slot function installed when a Python class defines `name`
  SlotWrapper wrapper; // how a C slot is called for `name`
  Object* interned;    // the interned name (filled at start-up)
  const char* doc;     // internal docstring "name(sig)\n--\n\nbody" (CPython's text), or null
};

// Every SlotDef, terminated by a row with a null name.
SlotDef* slotdefs();
[[nodiscard]] int init_slotdefs();

// Address of the slot `offset` in type t, or null when t lacks the sub-table (static types).
void** slot_ptr(Type* t, int offset);

// Adds wrapper descriptors for the slots a static type defines itself (before inheritance).
[[nodiscard]] int add_slot_wrappers(Type* t);
// Points every slot of a heap type at the C function or generic slot function its MRO provides.
void fixup_heap_slots(Type* t);
// Re-derives the slots fed by `name` (interned) after `setattr(cls, name, ...)`, in t and in its subclasses that do
// not define `name` themselves (CPython's update_slot).
void update_slot(Type* t, Object* name);
// The tp_new of classes that define __new__ in Python.
[[nodiscard]] Object* slot_tp_new(Type* type, Object* args, Object* kwds);

// The instance dict pointer of `o`, or null when its type has no instance dict.
Object** instance_dict_ptr(Object* o);

}  // namespace pyvm
