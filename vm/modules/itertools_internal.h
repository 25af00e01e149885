// Helpers and types shared by the two halves of the itertools module (itertools_module.cc and itertools_combi.cc).
#pragma once

#include <initializer_list>

#include "objects/object.h"
#include "vm/sync/mutex.h"

namespace pyvm::itertools {

// Allocates an instance of a (possibly user-subclassed) itertools type; the fields start zeroed.
[[nodiscard]] Object* alloc_instance(Type* type, size_t size);
// tp_dealloc tail: frees the object and drops the heap type's reference for subclass instances.
void free_instance(Object* self);
// tp_traverse helper: visits every non-null object in `objs`.
int visit_all(std::initializer_list<Object*> objs, visitproc visit, void* arg);
// next(it) through tp_iternext: null means exhausted (no error) or failed (error set).
[[nodiscard]] Object* next_of(Object* it);
// Parses a tp_new call's (args tuple, kwargs dict) like parse_args does for fastcall methods.
[[nodiscard]] bool parse_new(const char* fname, Object* args, Object* kwds, std::initializer_list<const char*> names,
                             int required, Object** out, int max_positional = -1);
// "<fname>() takes no keyword arguments" when kwds is non-empty.
[[nodiscard]] bool new_no_keywords(const char* fname, Object* kwds);
// An argument converted the way the "n" format does (__index__, then OverflowError when it does not fit).
[[nodiscard]] ssize ssize_arg(Object* o);

// tp_iternext adapter: runs F inside the iterator's critical section, so that threads sharing one iterator never
// see its state half-updated. The section is re-entrant for the thread holding it.
template <Object* (*F)(Object*)>
Object* locked_next(Object* self) {
  sync::CriticalSection cs(self);
  return F(self);
}

inline Object* self_iter(Object* self) { return newref(self); }

// Types defined in itertools_combi.cc, readied by the module creator.
extern Type groupby_type;
extern Type grouper_type;
extern Type tee_type;
extern Type teedataobject_type;
extern Type product_type;
extern Type permutations_type;
extern Type combinations_type;
extern Type cwr_type;
// itertools.tee(iterable, n=2).
[[nodiscard]] Object* tee_function(Object* module, Object* const* args, ssize nargs, Object* kwnames);

constexpr unsigned long kIterFlags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE;

// The common shape of an itertools iterator type; `repr` and `methods` may be null.
#define PYVM_ITERTOOLS_TYPE(var, name, Struct, dealloc, repr, flags, traverse, next, methods, newfn) \
  Type var = {                                                                                       \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),                                            \
      .tp_name = name,                                                                               \
      .tp_basicsize = sizeof(Struct),                                                                \
      .tp_dealloc = dealloc,                                                                         \
      .tp_repr = repr,                                                                               \
      .tp_getattro = generic_getattr,                                                                \
      .tp_flags = flags,                                                                             \
      .tp_traverse = traverse,                                                                       \
      .tp_iter = self_iter,                                                                          \
      .tp_iternext = next,                                                                           \
      .tp_methods = methods,                                                                         \
      .tp_new = newfn,                                                                               \
      .tp_free = object_free,                                                                        \
  };

}  // namespace pyvm::itertools
