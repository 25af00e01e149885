// set and frozenset: open-addressing hash sets with CPython's probing, so int sets iterate in CPython's order.
#pragma once

#include "objects/object.h"

namespace pyvm {

[[nodiscard]] Object* set_new(Object* iterable);        // iterable may be null
[[nodiscard]] Object* frozenset_new(Object* iterable);  // iterable may be null
[[nodiscard]] int set_add(Object* s, Object* key);
[[nodiscard]] int set_contains(Object* s, Object* key);  // -1 error
[[nodiscard]] int set_discard(Object* s, Object* key);   // 1 removed, 0 absent
ssize set_size(Object* s);
bool set_next(Object* s, ssize* pos, Object** key);  // new reference

}  // namespace pyvm
