// The small object types of the C-API: weak references, cells, the two iterator types, slices, bound methods and
// function objects. Thin wrappers over the runtime's own functions. Owner: types.
#include "Python.h"

#include "objects/cell.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/object.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/code.h"
#include "vm/function.h"
#include "compat/capi/type_slots.h"

using namespace pyvm;

// The C-API structs of funcobject.h, classobject.h, cellobject.h and sliceobject.h describe the runtime's objects.
static_assert(offsetof(PyFunctionObject, func_code) == offsetof(FunctionObject, code));
static_assert(offsetof(PyFunctionObject, func_closure) == offsetof(FunctionObject, closure));
static_assert(offsetof(PyFunctionObject, func_module) == offsetof(FunctionObject, module));
static_assert(offsetof(PyFunctionObject, func_annotations) == offsetof(FunctionObject, annotations));
static_assert(offsetof(PyFunctionObject, vectorcall) == offsetof(FunctionObject, vectorcall));
static_assert(sizeof(PyMethodObject) == sizeof(MethodObject) &&
              offsetof(PyMethodObject, im_self) == offsetof(MethodObject, im_self));
static_assert(sizeof(PyCellObject) == sizeof(CellObject));
static_assert(sizeof(PySliceObject) == sizeof(SliceObject) && offsetof(PySliceObject, step) == offsetof(SliceObject, step));

extern "C" {

// ---- weak references ----

PyObject* PyWeakref_NewRef(PyObject* ob, PyObject* callback) { return weakref_new(ob, callback); }
PyObject* PyWeakref_NewProxy(PyObject* ob, PyObject* callback) { return weakref_proxy_new(ob, callback); }

int PyWeakref_GetRef(PyObject* ref, PyObject** pobj) {
  if (!ref || !weakref_check(ref)) {
    *pobj = nullptr;
    set_error(&exc_TypeError, "expected a weakref");
    return -1;
  }
  *pobj = weakref_get(ref);
  return *pobj ? 1 : 0;
}

// Borrowed, as CPython's deprecated function: the referent (kept alive only by its other references) or None.
PyObject* PyWeakref_GetObject(PyObject* ref) {
  if (!ref || !weakref_check(ref)) return capi::bad_internal_call();
  Object* o = weakref_get(ref);
  if (!o) return none();
  decref(o);
  return o;
}

void PyObject_ClearWeakRefs(PyObject* o) {
  if (o && type_supports_weakrefs(Py_TYPE(o))) clear_weakrefs(o);
}

// ---- cells ----

PyObject* PyCell_New(PyObject* obj) { return cell_new(obj); }

PyObject* PyCell_Get(PyObject* cell) {
  if (!cell || type_of(cell) != &cell_type) return capi::bad_internal_call();
  return load_shared_slot(&reinterpret_cast<CellObject*>(cell)->ob_ref);
}

int PyCell_Set(PyObject* cell, PyObject* value) {
  if (!cell || type_of(cell) != &cell_type) {
    capi::bad_internal_call();
    return -1;
  }
  set_shared_slot(&reinterpret_cast<CellObject*>(cell)->ob_ref, xnewref(value));
  return 0;
}

// ---- iterators ----

PyObject* PySeqIter_New(PyObject* seq) { return seq_iter_new(seq); }
PyObject* PyCallIter_New(PyObject* callable, PyObject* sentinel) { return callable_iter_new(callable, sentinel); }

// ---- slices ----

PyObject* PySlice_New(PyObject* start, PyObject* stop, PyObject* step) { return slice_new(start, stop, step); }

int PySlice_Unpack(PyObject* slice, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t* step) {
  return slice_unpack(slice, start, stop, step);
}

Py_ssize_t PySlice_AdjustIndices(Py_ssize_t length, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t step) {
  return slice_adjust_indices(length, start, stop, step);
}

int(PySlice_GetIndicesEx)(PyObject* slice, Py_ssize_t length, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t* step,
                          Py_ssize_t* slicelength) {
  if (slice_unpack(slice, start, stop, step) < 0) {
    *slicelength = 0;
    return -1;
  }
  *slicelength = slice_adjust_indices(length, start, stop, *step);
  return 0;
}

// The old interface: int bounds only (no __index__), -1 without an exception for anything else, as CPython.
int PySlice_GetIndices(PyObject* slice, Py_ssize_t length, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t* step) {
  auto* s = reinterpret_cast<SliceObject*>(slice);
  auto get = [](Object* v, Py_ssize_t dflt, Py_ssize_t* out) -> bool {
    if (v == none()) {
      *out = dflt;
      return true;
    }
    if (!type_check(v, &int_type)) return false;
    *out = int_as_ssize(v);
    return !(*out == -1 && error_occurred());
  };
  if (!get(s->step, 1, step)) return -1;
  if (!get(s->start, *step < 0 ? length - 1 : 0, start)) return -1;
  if (s->start != none() && *start < 0) *start += length;
  if (!get(s->stop, *step < 0 ? -1 : length, stop)) return -1;
  if (s->stop != none() && *stop < 0) *stop += length;
  if (*stop > length) return -1;
  if (*start >= length) return -1;
  if (*step == 0) return -1;
  return 0;
}

// ---- bound methods ----

PyObject* PyMethod_New(PyObject* func, PyObject* self) {
  if (!self) return capi::bad_internal_call();
  return method_new(func, self);
}

PyObject* PyMethod_Function(PyObject* m) {
  if (!m || type_of(m) != &method_type) return capi::bad_internal_call();
  return reinterpret_cast<MethodObject*>(m)->im_func;
}

PyObject* PyMethod_Self(PyObject* m) {
  if (!m || type_of(m) != &method_type) return capi::bad_internal_call();
  return reinterpret_cast<MethodObject*>(m)->im_self;
}

// ---- functions (borrowed references) ----

static FunctionObject* as_function(PyObject* op) {
  if (!op || type_of(op) != &function_type) {
    capi::bad_internal_call();
    return nullptr;
  }
  return reinterpret_cast<FunctionObject*>(op);
}

PyObject* PyFunction_GetCode(PyObject* op) {
  FunctionObject* f = as_function(op);
  return f ? f->code : nullptr;
}
PyObject* PyFunction_GetGlobals(PyObject* op) {
  FunctionObject* f = as_function(op);
  return f ? f->globals : nullptr;
}
PyObject* PyFunction_GetModule(PyObject* op) {
  FunctionObject* f = as_function(op);
  return f ? f->module : nullptr;
}
PyObject* PyFunction_GetDefaults(PyObject* op) {
  FunctionObject* f = as_function(op);
  return f ? f->defaults : nullptr;
}
PyObject* PyFunction_GetKwDefaults(PyObject* op) {
  FunctionObject* f = as_function(op);
  return f ? f->kwdefaults : nullptr;
}
PyObject* PyFunction_GetClosure(PyObject* op) {
  FunctionObject* f = as_function(op);
  return f ? f->closure : nullptr;
}
PyObject* PyFunction_GetAnnotations(PyObject* op) {
  FunctionObject* f = as_function(op);
  return f ? f->annotations : nullptr;
}

PyObject* PyFunction_NewWithQualName(PyObject* code, PyObject* globals, PyObject* qualname) {
  if (!code || type_of(code) != &code_type || !globals || !type_check(globals, &dict_type) ||
      (qualname && !type_check(qualname, &str_type)))
    return capi::bad_internal_call();
  return function_new(code, globals, qualname ? qualname : as_code(code)->qualname);
}

PyObject* PyFunction_New(PyObject* code, PyObject* globals) { return PyFunction_NewWithQualName(code, globals, nullptr); }

// The setters take None for "none" and check the type as CPython's do (SystemError: these are internal calls).
static int set_function_field(PyObject* op, Object* FunctionObject::*field, PyObject* v, Type* want,
                              const char* what) {
  FunctionObject* f = as_function(op);
  if (!f) return -1;
  if (v == Py_None) v = nullptr;
  if (v && !type_check(v, want)) {
    set_errorf(&exc_SystemError, "{}", what);
    return -1;
  }
  set_slot(&(f->*field), xnewref(v));
  return 0;
}

int PyFunction_SetDefaults(PyObject* op, PyObject* defaults) {
  return set_function_field(op, &FunctionObject::defaults, defaults, &tuple_type, "non-tuple default args");
}

int PyFunction_SetKwDefaults(PyObject* op, PyObject* defaults) {
  return set_function_field(op, &FunctionObject::kwdefaults, defaults, &dict_type,
                            "non-dict keyword only default args");
}

int PyFunction_SetAnnotations(PyObject* op, PyObject* annotations) {
  return set_function_field(op, &FunctionObject::annotations, annotations, &dict_type, "non-dict annotations");
}

// A closure must hold one cell per free variable of the code: COPY_FREE_VARS reads it without checking (CPython
// does not check here and crashes later; we refuse).
int PyFunction_SetClosure(PyObject* op, PyObject* closure) {
  FunctionObject* f = as_function(op);
  if (!f) return -1;
  if (closure && closure != Py_None) {
    if (!type_check(closure, &tuple_type)) {
      set_errorf(&exc_SystemError, "expected tuple for closure, got '{}'", type_of(closure)->tp_name);
      return -1;
    }
    bool ok = tuple_size(closure) == as_code(f->code)->nfreevars;
    for (ssize i = 0; ok && i < tuple_size(closure); i++) ok = type_of(tuple_get(closure, i)) == &cell_type;
    if (!ok) {
      set_errorf(&exc_SystemError, "closure must be a tuple of {} cells for code object '{}'",
                 as_code(f->code)->nfreevars, str_view(as_code(f->code)->qualname));
      return -1;
    }
  }
  return set_function_field(op, &FunctionObject::closure, closure, &tuple_type, "expected tuple for closure");
}

void PyFunction_SetVectorcall(PyFunctionObject* func, vectorcallfunc vectorcall) {
  reinterpret_cast<FunctionObject*>(func)->vectorcall = vectorcall;
}

}  // extern "C"
