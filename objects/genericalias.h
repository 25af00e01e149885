// types.GenericAlias (list[int]) and types.UnionType (int | str), with the type-parameter helpers they share.
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

extern Type generic_alias_type;  // types.GenericAlias
extern Type union_type;          // types.UnionType

inline bool is_generic_alias(Object* o) { return type_check(o, &generic_alias_type); }
inline bool is_union(Object* o) { return type_of(o) == &union_type; }

// GenericAlias(origin, args) (CPython's Py_GenericAlias); `args` may be a single argument or a tuple.
[[nodiscard]] Object* generic_alias_new(Object* origin, Object* args);

// The type parameters (anything with __typing_subst__) among `args` and their __parameters__, in order of first
// appearance (CPython 3.13's _Py_make_parameters, which does not look inside list arguments). `args` is a tuple.
[[nodiscard]] Object* make_parameters(Object* args);
// Substitutes `item` for `parameters` in `args` (CPython's _Py_subs_parameters): the new args tuple. `self` is the
// alias being subscripted (for error messages and __typing_prepare_subst__).
[[nodiscard]] Object* subs_parameters(Object* self, Object* args, Object* parameters, Object* item);
// The text GenericAlias.__repr__ and UnionType.__repr__ use for one argument ("int", "mod.Cls", "...").
[[nodiscard]] bool ga_repr_item(Object* p, std::string* out);

// X | Y for classes, None, GenericAlias, UnionType and TypeAliasType (CPython's _Py_union_type_or): a UnionType,
// or NotImplemented for other operands.
[[nodiscard]] Object* union_type_or(Object* a, Object* b);
// The members of a UnionType (borrowed tuple).
Object* union_args(Object* u);

// Gives a built-in class CPython's `__class_getitem__ = classmethod(GenericAlias)` (list[int] and friends).
[[nodiscard]] int generic_alias_install_class_getitem(Type* t);

// Readies GenericAlias, UnionType and their helpers and installs __class_getitem__ on the built-in containers of
// this layer (the interpreter adds its own: generator, coroutine, async_generator).
[[nodiscard]] int genericalias_init_types();
[[nodiscard]] int union_init_types();  // union.cc

}  // namespace pyvm
