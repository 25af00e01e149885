// dict: insertion-ordered hash table with CPython's iteration order, guarded by its critical section.
#pragma once

#include "objects/object.h"

namespace pyvm {

// Thread contract: every dict operation holds the dict's critical section while it reads or writes the table.
// Keys' __hash__/__eq__ may run Python code; the table is re-validated after such calls (mutation during lookup
// restarts the lookup, as in CPython).

[[nodiscard]] Object* dict_new();
// Lookup. Returns 1 and a new reference in *out when found, 0 when missing (no error), -1 on error.
[[nodiscard]] int dict_get(Object* d, Object* key, Object** out);
[[nodiscard]] int dict_get_str(Object* d, const char* key, Object** out);
[[nodiscard]] int dict_set(Object* d, Object* key, Object* value);  // borrows both
[[nodiscard]] int dict_set_str(Object* d, const char* key, Object* value);
[[nodiscard]] int dict_del(Object* d, Object* key);  // KeyError when missing
[[nodiscard]] int dict_contains(Object* d, Object* key);
[[nodiscard]] int dict_pop(Object* d, Object* key, Object** out);  // 1 found (new ref), 0 missing
ssize dict_size(Object* d);
// Iteration by position: returns false at the end; *key and *value are new references.
bool dict_next(Object* d, ssize* pos, Object** key, Object** value);
[[nodiscard]] Object* dict_copy(Object* d);
[[nodiscard]] int dict_update(Object* d, Object* other);  // mapping or iterable of pairs (dict.update semantics)
[[nodiscard]] int dict_merge(Object* d, Object* other, bool override);  // mapping only; for **kwargs
[[nodiscard]] Object* dict_keys_list(Object* d);
[[nodiscard]] Object* dict_items_list(Object* d);
[[nodiscard]] Object* dict_values_list(Object* d);

}  // namespace pyvm
