// tuple: immutable arrays in CPython's PyTupleObject layout.
#pragma once

#include <initializer_list>

#include "objects/object.h"

namespace pyvm {

// A tuple of n null slots; the caller fills every slot (stealing) before the tuple escapes.
[[nodiscard]] Object* tuple_new(ssize n);
[[nodiscard]] Object* tuple_pack(std::initializer_list<Object*> items);  // borrows items
[[nodiscard]] Object* tuple_from_array(Object* const* items, ssize n);   // borrows items
inline Object** tuple_items(Object* t) { return reinterpret_cast<PyTupleObject*>(t)->ob_item; }
inline ssize tuple_size(const Object* t) { return var_size(t); }
inline Object* tuple_get(Object* t, ssize i) { return tuple_items(t)[i]; }  // borrowed
inline void tuple_set(Object* t, ssize i, Object* v) { tuple_items(t)[i] = v; }  // steals; fresh tuples only
Object* tuple_empty();  // immortal

}  // namespace pyvm
