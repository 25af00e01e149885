// The generic object protocols (CPython's "abstract" layer): repr, hash, compare, attributes, calls, numbers, items.
// Every function returns a new reference (or -1 / nullptr with an exception set) unless it says otherwise.
#pragma once

#include <string>

#include <atomic>

#include "objects/object.h"
#include "objects/str.h"

namespace pyvm {

[[nodiscard]] Object* object_repr(Object* o);
[[nodiscard]] Object* object_str(Object* o);
// repr()/str() as UTF-8 std::string; false with an error set on failure.
[[nodiscard]] bool repr_utf8(Object* o, std::string* out);
[[nodiscard]] bool object_str_utf8(Object* o, std::string* out);
[[nodiscard]] hash_t object_hash(Object* o);  // -1 on error
hash_t hash_not_implemented(Object* o);  // tp_hash of unhashable types: raises TypeError
[[nodiscard]] Object* rich_compare(Object* a, Object* b, int op);
// -1 error, 0 false, 1 true. For Py_EQ/Py_NE identity implies equality, as in CPython.
[[nodiscard]] int rich_compare_bool(Object* a, Object* b, int op);
[[nodiscard]] int object_is_true(Object* o);  // -1 on error
[[nodiscard]] Object* object_not(Object* o);

// Attributes. `name` must be a str.
[[nodiscard]] Object* get_attr(Object* o, Object* name);
[[nodiscard]] Object* get_attr_str(Object* o, const char* name);
// os.fspath(): str and bytes as they are, else the result of type(o).__fspath__(o) (which must be str or bytes).
[[nodiscard]] Object* fspath(Object* o);
// PySequence_Check: has sq_item and is not a dict.
bool is_sequence(Object* o);
// Like get_attr but returns 0 with no error when the attribute is missing (AttributeError suppressed).
[[nodiscard]] int get_attr_optional(Object* o, Object* name, Object** result);
[[nodiscard]] int set_attr(Object* o, Object* name, Object* value);  // value null = delete
[[nodiscard]] int set_attr_str(Object* o, const char* name, Object* value);
[[nodiscard]] int has_attr(Object* o, Object* name);  // -1 error
// The generic implementations used as tp_getattro / tp_setattro by object and most types.
[[nodiscard]] Object* generic_getattr(Object* o, Object* name);
[[nodiscard]] int generic_setattr(Object* o, Object* name, Object* value);
// The same with `dict` (borrowed, non-null) standing in for the instance dict (thread-local objects).
[[nodiscard]] Object* generic_getattr_dict(Object* o, Object* name, Object* dict);
[[nodiscard]] int generic_setattr_dict(Object* o, Object* name, Object* value, Object* dict);
// Looks `name` up along type's MRO; returns a borrowed reference or null (no error set). The per-thread cache hit
// is inline (objects/type.cc has the cache's contract); a miss, or a name that is not interned, takes
// type_lookup_slow, which fills the entry.
namespace type_cache {
struct Entry {
  Type* type;
  Object* name;
  uint64_t epoch;
  Object* value;
};
constexpr size_t kSize = 4096;
extern constinit thread_local Entry t_entries[kSize];
extern std::atomic<uint64_t> g_epoch;
// Multiplicative hashing of both addresses: types and interned names come from allocator pages at regular strides,
// and a plain shift-and-xor of the addresses left whole groups of (type, name) pairs on the same entries.
inline size_t slot(const Type* type, const Object* name) {
  static_assert(kSize == 4096, "the hash below yields 12 bits");
  return size_t(((reinterpret_cast<uintptr_t>(type) * 0x9E3779B97F4A7C15ull) ^
                 (reinterpret_cast<uintptr_t>(name) * 0xC2B2AE3D27D4EB4Full)) >>
                (64 - 12));
}
}  // namespace type_cache
Object* type_lookup_slow(Type* type, Object* name);
inline Object* type_lookup(Type* type, Object* name) {
  if (str_is_interned(name)) [[likely]] {
    const type_cache::Entry& e = type_cache::t_entries[type_cache::slot(type, name)];
    if (e.type == type && e.name == name && e.epoch == type_cache::g_epoch.load(std::memory_order_acquire))
      return e.value;
  }
  return type_lookup_slow(type, name);
}

// Calls. `nargsf` may carry PY_VECTORCALL_ARGUMENTS_OFFSET. kwnames is a tuple of str or null; the keyword
// values follow the positional arguments in `args`.
[[nodiscard]] Object* call(Object* callable, Object* const* args, size_t nargsf, Object* kwnames);
[[nodiscard]] Object* call_tuple_dict(Object* callable, Object* args, Object* kwargs);  // kwargs may be null
[[nodiscard]] Object* call0(Object* callable);
[[nodiscard]] Object* call1(Object* callable, Object* a);
[[nodiscard]] Object* call2(Object* callable, Object* a, Object* b);
[[nodiscard]] Object* call_method(Object* self, Object* name, Object* const* args, ssize nargs);
[[nodiscard]] Object* call_method0(Object* self, Object* name);
// Calls the special method `name` of o's type on o, as CPython's _PyObject_LookupSpecial plus a call: found on the
// type only, bound through its __get__ (a plain function gets o prepended, a non-descriptor is called as it is).
// *found is false, with no error and a null result, when the type has no such attribute.
[[nodiscard]] Object* call_special_method(Object* o, Object* name, Object* const* args, ssize nargs, bool* found);
[[nodiscard]] Object* call_method1(Object* self, Object* name, Object* a);
bool is_callable(Object* o);

// Iteration. iter_next returns null without an error at the end.
[[nodiscard]] Object* get_iter(Object* o);
[[nodiscard]] Object* iter_next(Object* it);
// Collects an iterable into a new list / tuple.
[[nodiscard]] Object* sequence_list(Object* iterable);
[[nodiscard]] Object* sequence_tuple(Object* iterable);

// Containers.
[[nodiscard]] ssize object_length(Object* o);  // -1 on error
[[nodiscard]] Object* get_item(Object* o, Object* key);
[[nodiscard]] int set_item(Object* o, Object* key, Object* value);
[[nodiscard]] int del_item(Object* o, Object* key);
[[nodiscard]] int sequence_contains(Object* container, Object* item);  // -1 error
[[nodiscard]] Object* sequence_get_index(Object* o, ssize i);

// Numbers. `op` is the BINARY_OP oparg (NB_ADD ... NB_INPLACE_XOR).
enum BinaryOp : int {
  NB_ADD = 0, NB_AND = 1, NB_FLOOR_DIVIDE = 2, NB_LSHIFT = 3, NB_MATRIX_MULTIPLY = 4, NB_MULTIPLY = 5,
  NB_REMAINDER = 6, NB_OR = 7, NB_POWER = 8, NB_RSHIFT = 9, NB_SUBTRACT = 10, NB_TRUE_DIVIDE = 11, NB_XOR = 12,
  NB_INPLACE_ADD = 13, NB_INPLACE_AND = 14, NB_INPLACE_FLOOR_DIVIDE = 15, NB_INPLACE_LSHIFT = 16,
  NB_INPLACE_MATRIX_MULTIPLY = 17, NB_INPLACE_MULTIPLY = 18, NB_INPLACE_REMAINDER = 19, NB_INPLACE_OR = 20,
  NB_INPLACE_POWER = 21, NB_INPLACE_RSHIFT = 22, NB_INPLACE_SUBTRACT = 23, NB_INPLACE_TRUE_DIVIDE = 24,
  NB_INPLACE_XOR = 25,
};
[[nodiscard]] Object* binary_op(Object* a, Object* b, int op);
[[nodiscard]] Object* number_power(Object* a, Object* b, Object* mod);  // pow(a, b, mod); mod may be None
[[nodiscard]] Object* number_divmod(Object* a, Object* b);              // divmod(a, b)
[[nodiscard]] Object* number_negative(Object* o);
[[nodiscard]] Object* number_positive(Object* o);
[[nodiscard]] Object* number_invert(Object* o);
[[nodiscard]] Object* number_absolute(Object* o);
[[nodiscard]] Object* number_index(Object* o);  // an exact int via __index__
[[nodiscard]] Object* number_long(Object* o);   // int(o)
[[nodiscard]] Object* number_float(Object* o);  // float(o)
// Converts via __index__ to ssize; on overflow raises `overflow` (or clamps when overflow is null).
[[nodiscard]] ssize number_as_ssize(Object* o, Type* overflow);
bool index_check(Object* o);

// isinstance / issubclass with __instancecheck__ / __subclasscheck__ support. -1 on error.
[[nodiscard]] int object_isinstance(Object* o, Object* cls);
[[nodiscard]] int object_issubclass(Object* derived, Object* cls);
// The checks without the __instancecheck__ / __subclasscheck__ hooks (type's own implementations of those).
[[nodiscard]] int object_real_isinstance(Object* o, Object* cls);
[[nodiscard]] int object_real_issubclass(Object* derived, Object* cls);

// builtins.<name> as a new reference, looked up in the running frame's builtins (else the interpreter's), the
// way CPython's _PyEval_GetBuiltin does; AttributeError(name) when missing. The objects layer cannot see the
// builtins module, so the vm registers the lookup once at start-up, before any thread starts.
[[nodiscard]] Object* builtin_object(const char* name);
using BuiltinLookup = Object* (*)(const char* name);
void set_builtin_lookup(BuiltinLookup lookup);

// Repr recursion guard for containers (per thread): enter returns 1 if `o` is already being repr'd.
[[nodiscard]] int repr_enter(Object* o);
void repr_leave(Object* o);

}  // namespace pyvm
