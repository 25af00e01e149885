// PEP 484/612/646/695/696 type parameters (TypeVar, ParamSpec, TypeVarTuple), TypeAliasType, Generic, and the
// native stand-ins for the typing-module helpers they call while `typing` cannot be imported.
#pragma once

#include "objects/object.h"

namespace pyvm {

// One layout serves TypeVar, ParamSpec and TypeVarTuple; each type exposes the members CPython 3.13 gives it.
// The lazily evaluated fields (bound, constraints, default_value) are published once with an atomic
// compare-and-swap, so concurrent readers see either null or the final value.
struct TypeParamObject {
  PyObject ob_base;
  Object* name;
  Object* bound;                 // null: none, or not evaluated yet
  Object* evaluate_bound;        // the PEP 695 function computing the bound, or null
  Object* constraints;           // tuple, or null
  Object* evaluate_constraints;  // the PEP 695 function computing the constraints, or null
  Object* default_value;         // null: no default, or not evaluated yet
  Object* evaluate_default;      // the PEP 696 function computing the default, or null
  bool covariant;
  bool contravariant;
  bool infer_variance;
};

extern Type typevar_type;          // typing.TypeVar
extern Type paramspec_type;        // typing.ParamSpec
extern Type typevartuple_type;     // typing.TypeVarTuple
extern Type paramspecargs_type;    // typing.ParamSpecArgs
extern Type paramspeckwargs_type;  // typing.ParamSpecKwargs
extern Type typealias_type;        // typing.TypeAliasType
extern Type generic_type;          // typing.Generic
extern Type nodefault_type;        // NoDefaultType
extern Type typing_alias_type;     // typing._GenericAlias (native stand-in; generic.cc)
extern Type unpack_alias_type;     // typing._UnpackGenericAlias (native stand-in; generic.cc)
extern Object nodefault_obj;       // typing.NoDefault
inline Object* no_default() { return &nodefault_obj; }

inline bool is_typevar(Object* o) { return type_of(o) == &typevar_type; }
inline bool is_paramspec(Object* o) { return type_of(o) == &paramspec_type; }
inline bool is_typevartuple(Object* o) { return type_of(o) == &typevartuple_type; }

// The intrinsics CPython 3.13 compiles PEP 695 syntax into (CALL_INTRINSIC_1 / CALL_INTRINSIC_2).
[[nodiscard]] Object* typevar_make(Object* name, Object* evaluate_bound, Object* evaluate_constraints);
[[nodiscard]] Object* paramspec_make(Object* name);
[[nodiscard]] Object* typevartuple_make(Object* name);
[[nodiscard]] Object* typeparam_set_default(Object* param, Object* evaluate_default);  // returns param
[[nodiscard]] Object* typealias_make(Object* args);       // args: (name, type_params or None, compute_value)
[[nodiscard]] Object* subscript_generic(Object* params);  // Generic[*params], the base of `class C[T]`

// The default of a type parameter (NoDefault when it has none), evaluating it lazily. New reference.
[[nodiscard]] Object* typeparam_default(Object* param);
// has_default(): 1, 0, or -1 when `param` is not a type parameter (no error set).
int typeparam_has_default(Object* param);

// The interpreter installs these at start-up: objects/ cannot see frames or sys.modules.
struct TypingHooks {
  Object* (*caller_module)();  // __module__ of the calling Python function (borrowed), or null
  Object* (*typing_module)();  // sys.modules['typing'] (borrowed), or null when it is not loaded
};
extern TypingHooks g_typing_hooks;

// typing.<name> when the typing module is loaded (new reference). Null without an error when it is not, so the
// caller runs the native stand-in; null with an error when typing is loaded but lookup failed.
[[nodiscard]] Object* typing_func(const char* name);
// Calls typing.<name>(args...) when typing is loaded: 1 with *result set (or -1 on error); 0 when it is not.
[[nodiscard]] int typing_call(const char* name, Object* const* args, ssize nargs, Object** result);

// ---- native typing helpers (generic.cc) ----

// typing._type_check(arg, msg): None becomes NoneType; rejects tuples and plain special forms.
[[nodiscard]] Object* typing_type_check(Object* arg, const char* msg);
// typing._type_repr(obj): "module.qualname" for classes, "..." for Ellipsis, [a, b] for tuples, else repr().
[[nodiscard]] bool typing_type_repr(Object* obj, std::string* out);
// typing._GenericAlias(origin, args) (args: a tuple or a single argument).
[[nodiscard]] Object* typing_alias_new(Object* origin, Object* args);
// typing.Unpack[arg].
[[nodiscard]] Object* typing_unpack(Object* arg);
// typing.Union[params]: checks, flattens and deduplicates the members; a single member is returned as itself.
[[nodiscard]] Object* typing_union(Object* params);
// The bodies of TypeVar/ParamSpec/TypeVarTuple.__typing_subst__ and __typing_prepare_subst__ that CPython 3.13
// delegates to typing.py.
[[nodiscard]] Object* typevar_subst_native(Object* self, Object* arg);
[[nodiscard]] Object* paramspec_subst_native(Object* self, Object* arg);
[[nodiscard]] Object* paramspec_prepare_subst_native(Object* self, Object* alias, Object* args);
[[nodiscard]] Object* typevartuple_prepare_subst_native(Object* self, Object* alias, Object* args);
// Generic.__class_getitem__ and Generic.__init_subclass__ (typing._generic_class_getitem / _generic_init_subclass).
[[nodiscard]] Object* generic_class_getitem_native(Object* cls, Object* params);
[[nodiscard]] Object* generic_init_subclass_native(Object* cls, Object* args, Object* kwargs);
// Replaces every TypeVarTuple in the tuple `params` by Unpack[it] (new tuple).
[[nodiscard]] Object* unpack_typevartuples(Object* params);

// Readies the types above and those of genericalias.cc/union.cc, and gives the built-in containers their
// __class_getitem__. Called once by the runtime after the exception types exist.
[[nodiscard]] int typing_init_types();
[[nodiscard]] int generic_init_types();  // generic.cc's part

}  // namespace pyvm
