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

[[nodiscard]] Object* tuple_get_slice(Object* t, ssize lo, ssize hi);  // clamped, step 1
// CPython 3.13's xxHash-based tuple hash; -1 with an error set when an item is unhashable.
[[nodiscard]] hash_t tuple_hash(Object* t);
// _PyTuple_Resize: grows or shrinks a tuple nobody else has seen yet. On failure *t is released and set to null.
[[nodiscard]] int tuple_resize(Object** t, ssize newsize);

}  // namespace pyvm
