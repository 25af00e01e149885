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

// ---- Additions: layout, checks and the operations dict views and dict.fromkeys build on. ----

// CPython 3.13's PySetObject layout (PySet_GET_SIZE reads `used`). Open addressing over `table`: a slot is empty
// (key null, hash 0), active, or a dummy (key == the dummy marker, hash -1) left by a deletion. Probing looks at 10
// neighbouring slots (LINEAR_PROBES 9 after the first) before jumping along CPython's perturbed sequence, so the
// slot every int lands in, and hence iteration order, matches CPython.
//
// Thread contract: a set's fill/used/mask/table/finger are read and written inside the set's critical section
// (CriticalSection2 when two sets are involved). A frozenset is never mutated once another thread can see it, so
// frozensets are read without a section; their hash is cached with relaxed atomics (racing writers store the
// same value).
struct SetEntry {
  Object* key;
  hash_t hash;
};
constexpr int kSetMinSize = 8;
struct SetObject {
  Object ob_base;
  ssize fill;       // active + dummy slots
  ssize used;       // active slots
  ssize mask;       // slots - 1
  SetEntry* table;  // smalltable, or a raw allocation of mask + 1 slots
  hash_t hash;      // frozenset's cached hash; -1 until computed (always -1 for sets)
  ssize finger;     // where set.pop() starts looking
  SetEntry smalltable[kSetMinSize];
  Object* weakreflist;
};
static_assert(offsetof(SetObject, used) == 40 && offsetof(SetObject, table) == 56 &&
                  offsetof(SetObject, smalltable) == 80 && sizeof(SetObject) == 216,
              "SetObject keeps CPython 3.13t's PySetObject layout");

bool anyset_check(const Object* o);        // set, frozenset or a subclass of either
bool anyset_check_exact(const Object* o);  // exactly set or frozenset
bool set_check(const Object* o);           // set or a subclass (the mutable kind)

extern Type set_iterator_type;
// Readies set_iterator_type (not in PYVM_BUILTIN_TYPES); init_types must call it.
[[nodiscard]] int set_init_types();

// Like set_next, also giving the stored hash.
bool set_next_hash(Object* s, ssize* pos, Object** key, hash_t* hash);
// The methods of the same names (single argument), for sets only.
[[nodiscard]] int set_update(Object* s, Object* iterable);
[[nodiscard]] int set_difference_update(Object* s, Object* other);
[[nodiscard]] int set_symmetric_difference_update(Object* s, Object* other);
[[nodiscard]] Object* set_intersection(Object* s, Object* other);  // a new set of s's base type
[[nodiscard]] int set_clear(Object* s);
[[nodiscard]] Object* set_pop(Object* s);  // KeyError "pop from an empty set"

}  // namespace pyvm
