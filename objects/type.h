// The `type` type's internal interface, shared by type.cc (readying, attributes), type_new.cc (class creation)
// and slots.cc (slot updates): the attribute cache, the subclass registry and the MRO.
#pragma once

#include <string>
#include <vector>

#include "objects/object.h"

namespace pyvm {

// Drops every thread's cached type_lookup results. Call after any change to a type's dict, bases or MRO.
void type_cache_invalidate();

// CPython's type name for messages: ht_qualname for heap types, the part after the last dot otherwise.
std::string type_qualname(Type* t);

// ---- subclass registry ----
//
// Every readied type lists its live direct subclasses (type.__subclasses__(), and the slot updates that follow a
// class attribute assignment). The list hangs off tp_subclasses (our own opaque use of that internal field) as a
// std::vector<Type*> of borrowed pointers in creation order.
// Thread contract: every list is read and written only under one process-wide mutex (type.cc's
// g_subclasses_mu). A subclass holds strong references to its bases, so a base outlives its entries; a subclass
// unlinks itself in type_dealloc before it is freed, and readers take references only through type_subclasses(),
// which refuses types whose count already reached zero (see type_dealloc for the resurrection check).
void type_add_subclass(Type* base, Type* sub);
void type_remove_subclass(Type* base, Type* sub);
// New references to the live direct subclasses of t, in creation order.
std::vector<Ref<Type>> type_subclasses(Type* t);

// Computes t's MRO: the C3 linearisation of its bases, or the result of a metaclass's mro() override.
// Returns a new tuple or null with an error set.
[[nodiscard]] Object* type_compute_mro(Type* t);
// The plain C3 linearisation (type.mro()'s default). Returns a new tuple.
[[nodiscard]] Object* type_c3_mro(Type* t);

// Re-derives t's MRO and slot functions after its __bases__ changed, and those of every subclass. -1 on error.
[[nodiscard]] int type_mro_update(Type* t);

// The tp_new that the `__new__` entry `d` of a type dict wraps (the builtin made by type_ready), or null.
newfunc type_new_wrapper_target(Object* d);

// The metaclass type_new would use for `bases` starting from `meta`, or null with CPython's conflict error.
Type* type_calculate_metaclass(Type* meta, Object* bases);
// The instance layout base (CPython's "best base") among `bases`, or null with an error set.
Type* type_best_base(Object* bases);
// The solid base: the first ancestor whose instance layout differs from its base's.
Type* type_solid_base(Type* t);

// The tp_dealloc of classes (and of heap types from specs without a Py_tp_dealloc).
void subtype_dealloc(Object* self);
// Their tp_traverse and tp_clear, for the cycle collector.
int subtype_traverse(Object* self, visitproc visit, void* arg);
int subtype_clear(Object* self);
// Whether the cycle collector may call t's tp_traverse (and tp_clear): classes, the runtime's types marked
// kTpFlagGcAudited, and extension types (their author's contract, as in CPython).
bool gc_trusts_traverse(Type* t);
// The cycle collector's finalizer step for an unreachable object the caller holds: runs its tp_finalize, or a
// class's __del__, unless it ran already (PEP 442); returns whether one ran.
bool finalize_for_gc(Object* self);

// Class creation: type.__new__(meta, name, bases, dict, **kwds).
[[nodiscard]] Object* type_new_impl(Type* meta, Object* args, Object* kwds);

}  // namespace pyvm
