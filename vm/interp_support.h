// The interpreter's out-of-line slow paths (interp_support.cc), shared by the eval loop.
#pragma once

#include "objects/abstract.h"
#include "objects/object.h"
#include "objects/types.h"
#include "vm/function.h"

namespace pyvm {

// CALL's direct path into a C implementation: when `direct` (the callable runs unlocked through its PyMethodDef
// and `self` is a valid receiver) and the convention is one of the common ones, calls ml_meth(self, args, n) at
// once; otherwise callable(all[0..total)) through call(). call()'s generic dispatch and stack check are for
// callables that may recurse in C; a C function that calls back into Python meets eval_frame's own recursion check.
[[gnu::always_inline]] inline Object* call_method_def_direct(bool direct, PyMethodDef* ml, Object* self,
                                                             Object* const* args, int n, Object* callable,
                                                             Object* const* all, int total) {
  if (direct) {
    int flags = ml->ml_flags;
    if (flags == METH_FASTCALL) [[likely]]
      return reinterpret_cast<PyCFunctionFast>(reinterpret_cast<void*>(ml->ml_meth))(self, args, n);
    if (flags == METH_O && n == 1) return ml->ml_meth(self, args[0]);
    if (flags == METH_NOARGS && n == 0) return ml->ml_meth(self, nullptr);
    if (flags == (METH_FASTCALL | METH_KEYWORDS))
      return reinterpret_cast<PyCFunctionFastWithKeywords>(reinterpret_cast<void*>(ml->ml_meth))(self, args, n,
                                                                                               nullptr);
  }
  return call(callable, all, size_t(total) | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
}

Object* name_error(Object* name);
Object* unbound_local(CodeObject* co, int i);
// A lookup in a frame's globals or builtins (an exact dict, or any mapping, a dict subclass's __getitem__
// included): 1 with a new reference in *out, 0 missing, -1 error.
int namespace_get(Object* ns, Object* name, Object** out);
// Globals, then builtins; NameError when missing. New reference.
Object* load_global(Frame* f, Object* name);
// Locals (dict or mapping), then globals and builtins. New reference.
Object* load_name(Frame* f, Object* name);
// Attribute load for method calls: the unbound function plus *self_out when binding can be skipped.
Object* load_method(Object* owner, Object* name, Object** self_out);
// Borrowed-operand fast paths (the interpreter fuses LOAD_FAST with the instruction that consumes the local, so a
// local that another thread owns is not counted up and down: see LOAD_FAST in interp.cc). Each answers only when
// no Python code can run and no error can occur; otherwise it returns null with no error set and the caller takes
// the ordinary path. They return new references.
// owner.name for an instance whose type uses the generic getattro and whose attribute is a plain value (instance
// dict entry, or a class attribute that is not a descriptor).
Object* attr_peek(Object* owner, Object* name);
// container[sub] for an exact dict with an exact str or int key that is present, or an exact tuple.
Object* subscr_peek(Object* container, Object* sub);
// Unpacks `v` into before [+ starred list + after] items written below out_top (stack order). -1 on error.
int unpack_iterable(Object* v, int before, int after, Object** out_top);
// The 3.13 exception table's handler covering code-unit `index`.
bool find_handler(CodeObject* co, int index, int* target, int* depth, bool* lasti);
Object* make_function(Frame* f, Object* code);
// SET_FUNCTION_ATTRIBUTE: stores `attr` (stolen) as the function's defaults (1), kwdefaults (2), annotations (4) or
// closure (8). -1 with SystemError when the types are not the ones the compiler passes (a corrupt .pyc).
int set_function_attribute(Object* fn, int which, Object* attr);
// RAISE_VARARGS: returns 1 for a bare re-raise (keep the traceback), 0 otherwise; the error is always set.
int do_raise(Object* exc, Object* cause);
// At the error label: gives an exception without a context the one being handled (see interp_support.cc).
void chain_context(Object* exc);
void add_traceback(Frame* f);
// SETUP_ANNOTATIONS: makes __annotations__ in the frame's locals. -1 on error.
int setup_annotations(Frame* f);
// RETURN_GENERATOR: moves the frame to the heap (next_instr and sp are its resume state) and returns the new
// generator that owns it; the frame's variables are cleared. Null on error.
[[nodiscard]] Object* return_generator(Frame* f, const uint16_t* next_instr, Object** sp);
// LOAD_SUPER_ATTR's lookup (consumes gsuper and cls; borrows self). *unbound: the result is a plain function to
// be called with self (method form). Null on error.
[[nodiscard]] Object* load_super_attr(Object* gsuper, Object* cls, Object* self, Object* name, int oparg,
                                      bool* unbound);
Object* format_value(Object* v, Object* spec);
Object* build_string(Object** items, int n);
// `code_flags` are the running code object's co_flags (STOPITERATION_ERROR words its message by them).
// CALL's stack is [callable, self_or_null, args...]. A bound method in the callable slot is split into its function
// and self. Returns where the arguments start (self included when present) and their count.
[[gnu::always_inline]] inline Object** call_args(Object** sp, int oparg, int* total) {
  Object** args = sp - oparg;
  Object* callable = sp[-oparg - 2];
  *total = oparg;
  if (!sp[-oparg - 1] && type_of(callable) == &method_type) {
    auto* m = reinterpret_cast<MethodObject*>(callable);
    sp[-oparg - 1] = newref(m->im_self);
    sp[-oparg - 2] = newref(m->im_func);
    decref(callable);
  }
  if (sp[-oparg - 1]) {
    args--;
    (*total)++;
  }
  return args;
}

// CALL_FUNCTION_EX: func(*callargs, **kwargs) (kwargs a dict or null), all borrowed. New reference, or null.
[[nodiscard]] Object* call_function_ex(Object* func, Object* callargs, Object* kwargs);
Object* call_intrinsic1(int which, Object* v, int code_flags);
// "mod.qualname()" (or "qualname()" for builtins), the way CPython names a callable in call errors.
std::string function_str(Object* func);
// After a failed DICT_MERGE of `kwargs` for a call to `func`: rewrites the error into CPython's messages
// ("... argument after ** must be a mapping", "... got multiple values for keyword argument", ...).
void format_kwargs_error(Object* func, Object* kwargs);
// CALL_INTRINSIC_2: v1 is the deeper stack operand. Returns a new reference.
Object* call_intrinsic2(int which, Object* v1, Object* v2);
// BEFORE_WITH / BEFORE_ASYNC_WITH: calls mgr.__enter__() (or __aenter__) and returns its result, with the bound
// __exit__ (or __aexit__) in *bound_exit.
Object* enter_context(Object* mgr, bool async, Object** bound_exit);
// Structural pattern matching (PEP 634).
Object* match_keys(Object* subject, Object* keys);
Object* match_class(Object* subject, Object* cls, int nargs, Object* kwnames);

// Sets exc.__context__ to `handled` (when it is an exception other than exc), cutting the chain where exc already
// appears so that no cycle is created, as CPython's _PyErr_SetObject does.
void chain_exception_to(Object* exc, Object* handled);

}  // namespace pyvm
