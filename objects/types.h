// Every built-in type object and singleton, declared once. Each is defined in its type's own .cc file.
#pragma once

#include "objects/object.h"

namespace pyvm {

// Header initialiser for statically allocated immortal objects (built-in types, None, True, False ...).
#define PYVM_IMMORTAL_HEADER(type_ptr) {0, 0, {0}, 0, UINT32_MAX, 0, (type_ptr)}
#define PYVM_IMMORTAL_VAR_HEADER(type_ptr, size) {PYVM_IMMORTAL_HEADER(type_ptr), (size)}

// X(c++ name, python name, exported C symbol: the name CPython's C-API gives the type object). Types whose objects the runtime creates directly.
#define PYVM_BUILTIN_TYPES(X)                     \
  X(type_type, "type", "PyType_Type")                            \
  X(object_type, "object", "PyBaseObject_Type")                        \
  X(none_type, "NoneType", "_PyNone_Type")                        \
  X(notimplemented_type, "NotImplementedType", "_PyNotImplemented_Type")    \
  X(ellipsis_type, "ellipsis", "PyEllipsis_Type")                    \
  X(bool_type, "bool", "PyBool_Type")                            \
  X(int_type, "int", "PyLong_Type")                              \
  X(float_type, "float", "PyFloat_Type")                          \
  X(complex_type, "complex", "PyComplex_Type")                      \
  X(str_type, "str", "PyUnicode_Type")                              \
  X(bytes_type, "bytes", "PyBytes_Type")                          \
  X(bytearray_type, "bytearray", "PyByteArray_Type")                  \
  X(memoryview_type, "memoryview", "PyMemoryView_Type")                \
  X(tuple_type, "tuple", "PyTuple_Type")                          \
  X(list_type, "list", "PyList_Type")                            \
  X(dict_type, "dict", "PyDict_Type")                            \
  X(set_type, "set", "PySet_Type")                              \
  X(frozenset_type, "frozenset", "PyFrozenSet_Type")                  \
  X(range_type, "range", "PyRange_Type")                          \
  X(slice_type, "slice", "PySlice_Type")                          \
  X(module_type, "module", "PyModule_Type")                        \
  X(cell_type, "cell", "PyCell_Type")                            \
  X(code_type, "code", "PyCode_Type")                            \
  X(function_type, "function", "PyFunction_Type")                    \
  X(method_type, "method", "PyMethod_Type")                        \
  X(generator_type, "generator", "PyGen_Type")                  \
  X(builtin_function_type, "builtin_function_or_method", "PyCFunction_Type") \
  X(builtin_method_type, "builtin_method", "PyCMethod_Type")                 \
  X(method_descr_type, "method_descriptor", "PyMethodDescr_Type")       \
  X(classmethod_descr_type, "classmethod_descriptor", "PyClassMethodDescr_Type") \
  X(wrapper_descr_type, "wrapper_descriptor", "PyWrapperDescr_Type")     \
  X(method_wrapper_type, "method-wrapper", "_PyMethodWrapper_Type")        \
  X(getset_descr_type, "getset_descriptor", "PyGetSetDescr_Type")       \
  X(member_descr_type, "member_descriptor", "PyMemberDescr_Type")       \
  X(staticmethod_type, "staticmethod", "PyStaticMethod_Type")            \
  X(classmethod_type, "classmethod", "PyClassMethod_Type")              \
  X(property_type, "property", "PyProperty_Type")                    \
  X(super_type, "super", "PySuper_Type")

#define PYVM_DECLARE_TYPE(name, pyname, csym) extern Type name asm(csym);
PYVM_BUILTIN_TYPES(PYVM_DECLARE_TYPE)
#undef PYVM_DECLARE_TYPE

// Singletons (statically allocated, immortal; the C-API exports them as _Py_NoneStruct etc.).
extern Object none_obj asm("_Py_NoneStruct");
extern Object notimplemented_obj asm("_Py_NotImplementedStruct");
extern Object ellipsis_obj asm("_Py_EllipsisObject");
extern PyLongObject true_obj asm("_Py_TrueStruct");
extern PyLongObject false_obj asm("_Py_FalseStruct");

inline Object* none() { return &none_obj; }
inline Object* not_implemented() { return &notimplemented_obj; }
inline Object* ellipsis() { return &ellipsis_obj; }
inline Object* true_() { return reinterpret_cast<Object*>(&true_obj); }
inline Object* false_() { return reinterpret_cast<Object*>(&false_obj); }
inline Object* bool_obj(bool b) { return b ? true_() : false_(); }  // immortal: no incref needed

// A read-only view of `mapping` (what cls.__dict__ returns).
[[nodiscard]] Object* mappingproxy_new(Object* mapping);
extern Type mappingproxy_type asm("PyDictProxy_Type");  // the C-API name

// Registers a static type: fills tp_dict from tp_methods/tp_getset/tp_members and the slots, inherits slots from
// tp_base, computes tp_mro. Returns -1 with an error set on failure. Idempotent.
[[nodiscard]] int type_ready(Type* t);

// Invalidates every thread's type-attribute cache; call after changing a type's dict behind type_setattro's back.
void type_cache_invalidate();

// Called once at start-up by the runtime: readies every built-in type and creates the immortal constants.
[[nodiscard]] int init_types();

}  // namespace pyvm
