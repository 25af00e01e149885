// list: a growable array in CPython's PyListObject layout, guarded by its critical section.
#pragma once

#include "objects/object.h"

namespace pyvm {

// Thread contract: list mutations and multi-step reads hold the list's critical section (sync::CriticalSection).
// The item array is replaced only under the section. (Lock-free reads with QSBR: issue 6.)

[[nodiscard]] Object* list_new(ssize n);  // n null slots that the caller fills (stealing) before escape
[[nodiscard]] Object* list_from_array(Object* const* items, ssize n);  // borrows
[[nodiscard]] int list_append(Object* list, Object* v);  // borrows v
[[nodiscard]] int list_extend(Object* list, Object* iterable);
// Relaxed-atomic: read without the lock (lock-free readers, size checks before locking).
inline ssize list_size(const Object* l) {
  return __atomic_load_n(&reinterpret_cast<const VarObject*>(l)->ob_size, __ATOMIC_RELAXED);
}
inline Object** list_items(Object* l) { return reinterpret_cast<PyListObject*>(l)->ob_item; }
[[nodiscard]] Object* list_get(Object* l, ssize i);  // new reference; bounds-checked (IndexError)
// New reference to item i, or null with no error set when i is out of range. Lock-free where it can be.
[[nodiscard]] Object* list_item_ref(Object* l, ssize i);
[[nodiscard]] Object* list_as_tuple(Object* l);
// Stable in-place sort; key may be null. Returns -1 on error (the list is left a permutation of itself).
[[nodiscard]] int list_sort(Object* l, Object* key, bool reverse);
[[nodiscard]] int list_reverse(Object* l);

// C-API counterparts (PyList_Insert, PyList_SetItem, PyList_GetSlice, PyList_SetSlice, PyList_Clear). Each takes
// the list's critical section itself.
[[nodiscard]] int list_insert(Object* l, ssize where, Object* v);  // borrows v; clamps `where` like list.insert
[[nodiscard]] int list_set_item(Object* l, ssize i, Object* v);    // steals v; IndexError when out of range
[[nodiscard]] Object* list_get_slice(Object* l, ssize lo, ssize hi);  // clamped, step 1
[[nodiscard]] int list_set_slice(Object* l, ssize lo, ssize hi, Object* v);  // v null deletes
[[nodiscard]] int list_clear(Object* l);
// The allocation size CPython's list_resize would choose (kept identical so __sizeof__ matches).
inline ssize list_allocated(const Object* l) { return reinterpret_cast<const PyListObject*>(l)->allocated; }

}  // namespace pyvm
