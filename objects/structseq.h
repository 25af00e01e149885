// Struct sequences (CPython's PyStructSequence): tuple subclasses whose items are also named, read-only attributes.
#pragma once

#include "objects/object.h"

namespace pyvm {

// One field of a struct sequence. `name` is the attribute name, or kStructSeqUnnamed for a field that is only
// reachable by index (os.stat_result's integer times); a null name ends the list.
struct StructSeqField {
  const char* name;
  const char* doc;
};
// The marker for an unnamed field (compared by address).
extern const char* const kStructSeqUnnamed;

// What a struct sequence type looks like. Every pointer must outlive the type (string literals and static tables).
struct StructSeqDesc {
  const char* name;  // "module.name", e.g. "os.stat_result"; the part before the last dot is __module__
  const char* doc;   // may be null
  const StructSeqField* fields;
  // How many leading fields make up the tuple (len(), indexing, repr, hash, comparison). The rest are attributes
  // only and read None until set. Unnamed fields must all lie within this visible part.
  int n_in_sequence;
  // False for types Python code cannot instantiate (sys.flags, sys.version_info): calling them raises TypeError.
  bool constructible = true;
  // Replaces the generic constructor T(sequence[, dict]); it usually calls structseq_tp_new and then adjusts the
  // result (os.stat_result fills its float times from the integer ones).
  newfunc tp_new = nullptr;
};

// The type object of a struct sequence: a Type followed by the shape its instances share.
struct StructSeqType {
  Type type;
  const StructSeqDesc* desc;
  ssize n_fields;       // all fields, hidden ones included (the real item count)
  ssize n_in_sequence;  // the visible tuple length
  ssize n_unnamed;
  PyMemberDef* members;  // the named fields in order, each a read-only member on its item
};

// Creates a struct sequence type from `desc`: a non-heap, immortal, non-subclassable subtype of tuple with
// __reduce__, __replace__, __match_args__ and the n_sequence_fields / n_fields / n_unnamed_fields class attributes.
// Returns null with an error set on failure. Types are never freed, so callers create each type once per process
// (e.g. in a function-local static) and share it between threads: it is immutable after creation.
[[nodiscard]] Type* structseq_new_type(const StructSeqDesc* desc);
// True for types created by structseq_new_type.
bool structseq_type_check(const Type* t);
inline const StructSeqType* structseq_shape(const Type* t) { return reinterpret_cast<const StructSeqType*>(t); }

// A new instance with every field null. The caller sets each visible field (structseq_set) before the object
// escapes; hidden fields left null read as None.
[[nodiscard]] Object* structseq_new(Type* type);
// Sets field i (0 <= i < n_fields) of a fresh instance, stealing v.
inline void structseq_set(Object* o, ssize i, Object* v) {
  set_slot(&reinterpret_cast<PyTupleObject*>(o)->ob_item[i], v);
}
// Field i (borrowed; null for an unset hidden field).
inline Object* structseq_get(Object* o, ssize i) { return reinterpret_cast<PyTupleObject*>(o)->ob_item[i]; }

// The generic constructor T(sequence, dict=None) with CPython's checks and messages; custom tp_new functions call
// it first.
[[nodiscard]] Object* structseq_tp_new(Type* type, Object* args, Object* kwds);

}  // namespace pyvm
