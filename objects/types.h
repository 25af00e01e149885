// Every built-in type object and singleton, declared once. Each is defined in its type's own .cc file.
#pragma once

#include "objects/object.h"

namespace pyvm {

// Header initialiser for statically allocated immortal objects (built-in types, None, True, False ...).
#define PYVM_IMMORTAL_HEADER(type_ptr) {0, 0, {0}, 0, UINT32_MAX, 0, (type_ptr)}
#define PYVM_IMMORTAL_VAR_HEADER(type_ptr, size) {PYVM_IMMORTAL_HEADER(type_ptr), (size)}

// X(c++ name, python name). Types whose objects the runtime creates directly.
#define PYVM_BUILTIN_TYPES(X)                     \
  X(type_type, "type")                            \
  X(object_type, "object")                        \
  X(none_type, "NoneType")                        \
  X(notimplemented_type, "NotImplementedType")    \
  X(ellipsis_type, "ellipsis")                    \
  X(bool_type, "bool")                            \
  X(int_type, "int")                              \
  X(float_type, "float")                          \
  X(complex_type, "complex")                      \
  X(str_type, "str")                              \
  X(bytes_type, "bytes")                          \
  X(bytearray_type, "bytearray")                  \
  X(memoryview_type, "memoryview")                \
  X(tuple_type, "tuple")                          \
  X(list_type, "list")                            \
  X(dict_type, "dict")                            \
  X(set_type, "set")                              \
  X(frozenset_type, "frozenset")                  \
  X(range_type, "range")                          \
  X(slice_type, "slice")                          \
  X(module_type, "module")                        \
  X(cell_type, "cell")                            \
  X(code_type, "code")                            \
  X(function_type, "function")                    \
  X(method_type, "method")                        \
  X(generator_type, "generator")                  \
  X(builtin_function_type, "builtin_function_or_method") \
  X(method_descr_type, "method_descriptor")       \
  X(classmethod_descr_type, "classmethod_descriptor") \
  X(wrapper_descr_type, "wrapper_descriptor")     \
  X(method_wrapper_type, "method-wrapper")        \
  X(getset_descr_type, "getset_descriptor")       \
  X(member_descr_type, "member_descriptor")       \
  X(staticmethod_type, "staticmethod")            \
  X(classmethod_type, "classmethod")              \
  X(property_type, "property")                    \
  X(super_type, "super")

#define PYVM_DECLARE_TYPE(name, pyname) extern Type name;
PYVM_BUILTIN_TYPES(PYVM_DECLARE_TYPE)
#undef PYVM_DECLARE_TYPE

// Singletons (statically allocated, immortal; the C-API exports them as _Py_NoneStruct etc.).
extern Object none_obj;
extern Object notimplemented_obj;
extern Object ellipsis_obj;
extern PyLongObject true_obj;
extern PyLongObject false_obj;

inline Object* none() { return &none_obj; }
inline Object* not_implemented() { return &notimplemented_obj; }
inline Object* ellipsis() { return &ellipsis_obj; }
inline Object* true_() { return reinterpret_cast<Object*>(&true_obj); }
inline Object* false_() { return reinterpret_cast<Object*>(&false_obj); }
inline Object* bool_obj(bool b) { return b ? true_() : false_(); }  // immortal: no incref needed

// A read-only view of `mapping` (what cls.__dict__ returns).
[[nodiscard]] Object* mappingproxy_new(Object* mapping);
extern Type mappingproxy_type;

// Registers a static type: fills tp_dict from tp_methods/tp_getset/tp_members and the slots, inherits slots from
// tp_base, computes tp_mro. Returns -1 with an error set on failure. Idempotent.
[[nodiscard]] int type_ready(Type* t);

// Invalidates every thread's type-attribute cache; call after changing a type's dict behind type_setattro's back.
void type_cache_invalidate();

// Called once at start-up by the runtime: readies every built-in type and creates the immortal constants.
[[nodiscard]] int init_types();

}  // namespace pyvm
