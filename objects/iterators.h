// The iterator types behind iteration builtins (enumerate, zip, map, filter, reversed, iter(f, sentinel)) and
// the built-in sequences' own iterators.
#pragma once

#include "objects/object.h"

namespace pyvm {

// Builtins registered under their Python names by the builtins module.
extern Type enumerate_type;  // "enumerate"
extern Type zip_type;        // "zip"
extern Type map_type;        // "map"
extern Type filter_type;     // "filter"
extern Type reversed_type;   // "reversed"

// Iterator types (not builtins, but visible through type(iter(x))).
extern Type list_iterator_type;         // "list_iterator"
extern Type list_reverseiterator_type;  // "list_reverseiterator"
extern Type tuple_iterator_type;        // "tuple_iterator"
extern Type range_iterator_type;        // "range_iterator" (defined in range.cc)
extern Type longrange_iterator_type;    // "longrange_iterator" (defined in range.cc)
extern Type seq_iterator_type asm("PySeqIter_Type");          // "iterator": the __getitem__ protocol
extern Type callable_iterator_type asm("PyCallIter_Type");     // "callable_iterator": iter(callable, sentinel)

// Readies every type above (type_ready). Called once at start-up by the runtime after init_types().
[[nodiscard]] int iterator_types_ready();

// Constructors the abstract layer and the builtins use. All borrow their arguments.
[[nodiscard]] Object* list_iter_new(Object* list);
[[nodiscard]] Object* list_reviter_new(Object* list);
[[nodiscard]] Object* tuple_iter_new(Object* tuple);
[[nodiscard]] Object* seq_iter_new(Object* seq);  // iter(obj) for objects with __getitem__ but no __iter__
[[nodiscard]] Object* callable_iter_new(Object* callable, Object* sentinel);  // caller checked callable

// Helpers shared by the sequence types.
// Pickling support of the index-based iterators. kIterDropped is the index such an iterator stores once next()
// ran off the end: CPython's default build drops the sequence there, so from then on __reduce__ reports an empty
// sequence and __setstate__ is ignored. (pyvm keeps the sequence until the iterator dies, so that a racing
// next() never sees it freed.)
constexpr ssize kIterDropped = -2;
// __setstate__'s argument read as CPython's PyLong_AsSsize_t reads it: an int (no __index__), OverflowError past
// ssize. False with an error set.
[[nodiscard]] bool iter_state_ssize(Object* state, ssize* out);
// An iterator's __reduce__ value: (callable, (arg,)), or (callable, (arg,), state) when state is non-null. Borrows.
[[nodiscard]] Object* iter_reduce_value(Object* callable, Object* arg, Object* state);
// operator.length_hint(o, dflt): len(o), else o.__length_hint__(), else dflt. -1 with an error set on failure.
[[nodiscard]] ssize seq_length_hint(Object* o, ssize dflt);
// Looks a special method up on type(o) and binds it to o (CPython's _PyObject_LookupSpecial).
// Returns 1 with a new reference in *out, 0 when the type has no such attribute, -1 on error.
[[nodiscard]] int seq_lookup_special(Object* o, Object* name, Object** out);
// Runs body(o) (a container's tp_dealloc body) without deep C recursion: destroying a deeply nested structure
// defers the inner objects to a per-thread queue drained by the outermost call (CPython's trashcan).
void dealloc_with_trashcan(Object* o, void (*body)(Object*));
// open + ", ".join(parts) + close, where parts is a list of str (a container's repr).
[[nodiscard]] Object* seq_repr_join(const char* open, Object* parts, const char* close);

}  // namespace pyvm
