// Object allocation (PyObject_New, PyObject_Init ...) and the garbage-collector interface of objimpl.h. The
// tracked bit (ob_gc_bits bit 0, as in 3.13t) set by PyObject_GC_Track tells the cycle collector (vm/gc.cc) that it
// may examine the object through tp_traverse; PyGC_Collect runs a collection. Owner: types.
#include "Python.h"

#include <atomic>
#include <cstring>

#include "alloc/gc_registry.h"
#include "alloc/heap.h"
#include "alloc/refcount.h"
#include "objects/errors.h"
#include "objects/object.h"
#include "objects/weakref.h"
#include "compat/capi/type_slots.h"
#include "vm/gc.h"

using namespace pyvm;

namespace {
constexpr uint8_t kGcTracked = alloc::kGcBitTracked;
constexpr uint8_t kGcFinalized = alloc::kGcBitFinalized;

size_t var_size_of(PyTypeObject* t, Py_ssize_t n) {
  size_t size = size_t(t->tp_basicsize) + size_t(n) * size_t(t->tp_itemsize);
  return (size + 7) & ~size_t{7};
}
}  // namespace

extern "C" {

PyObject* PyObject_Init(PyObject* op, PyTypeObject* type) {
  if (!op) return no_memory();
  op->ob_tid = alloc::thread_id();
  op->_padding = 0;
  op->ob_mutex._bits = 0;
  op->ob_gc_bits = 0;
  op->ob_ref_local = 1;
  op->ob_ref_shared = 0;
  op->ob_type = type;
  if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) incref(reinterpret_cast<Object*>(type));
  return op;
}

PyVarObject* PyObject_InitVar(PyVarObject* op, PyTypeObject* type, Py_ssize_t size) {
  if (!op) return (no_memory(), nullptr);
  PyObject_Init(&op->ob_base, type);
  op->ob_size = size;
  return op;
}

PyObject* _PyObject_New(PyTypeObject* type) { return new_object(type, size_t(type->tp_basicsize)); }

PyVarObject* _PyObject_NewVar(PyTypeObject* type, Py_ssize_t n) {
  if (n < 0) return (capi::bad_internal_call(), nullptr);
  Object* o = new_object(type, var_size_of(type, n));
  if (o) set_var_size(o, n);
  return reinterpret_cast<PyVarObject*>(o);
}

// Extensions track their objects themselves (PyObject_GC_Track) once the fields are set.
PyObject* _PyObject_GC_New(PyTypeObject* type) {
  PyObject* o = _PyObject_New(type);
  if (o) alloc::gc_bits_clear(o, kGcTracked);
  return o;
}
PyVarObject* _PyObject_GC_NewVar(PyTypeObject* type, Py_ssize_t n) {
  PyVarObject* o = _PyObject_NewVar(type, n);
  if (o) alloc::gc_bits_clear(&o->ob_base, kGcTracked);
  return o;
}

// Only an object without a pre-header can move (as CPython, which refuses managed-dict types here too).
PyVarObject* _PyObject_GC_Resize(PyVarObject* op, Py_ssize_t n) {
  PyTypeObject* t = Py_TYPE(&op->ob_base);
  if (n < 0 || (t->tp_flags & Py_TPFLAGS_PREHEADER))
    return (capi::bad_internal_call(), nullptr);
  // The block starts at the GC header (objects of GC types made by new_object); its registry entry follows the move.
  bool head = t->tp_flags & Py_TPFLAGS_HAVE_GC;
  size_t pre = head ? alloc::kGcHeadSize : 0;
  char* block = reinterpret_cast<char*>(op) - pre;
  auto* nb = static_cast<char*>(alloc::raw_realloc(block, var_size_of(t, n) + pre));
  if (!nb) return (no_memory(), nullptr);
  auto* r = reinterpret_cast<PyVarObject*>(nb + pre);
  if (head) alloc::gc_moved(&r->ob_base, reinterpret_cast<alloc::GcHead*>(nb));
  r->ob_size = n;
  return r;
}

void PyObject_GC_Track(void* op) { alloc::gc_bits_set(static_cast<PyObject*>(op), kGcTracked); }
void PyObject_GC_UnTrack(void* op) { alloc::gc_bits_clear(static_cast<PyObject*>(op), kGcTracked); }
int PyObject_GC_IsTracked(PyObject* op) {
  return (Py_TYPE(op)->tp_flags & Py_TPFLAGS_HAVE_GC) && (op->ob_gc_bits & kGcTracked) ? 1 : 0;
}
int PyObject_GC_IsFinalized(PyObject* op) {
  return (Py_TYPE(op)->tp_flags & Py_TPFLAGS_HAVE_GC) && (op->ob_gc_bits & kGcFinalized) ? 1 : 0;
}

// Frees an object made by PyType_GenericAlloc / PyObject_GC_New (pre-header included). Its weak references are
// cleared first, as object_free always does.
void PyObject_GC_Del(void* op) { object_free(op); }

int PyObject_IS_GC(PyObject* obj) {
  PyTypeObject* t = Py_TYPE(obj);
  if (!(t->tp_flags & Py_TPFLAGS_HAVE_GC)) return 0;
  return t->tp_is_gc ? t->tp_is_gc(obj) : 1;
}

int PyType_SUPPORTS_WEAKREFS(PyTypeObject* type) { return type->tp_weaklistoffset != 0; }

PyObject** PyObject_GET_WEAKREFS_LISTPTR(PyObject* op) {
  if (!type_supports_weakrefs(Py_TYPE(op))) return nullptr;
  return weaklist_ptr(op);
}

Py_ssize_t PyGC_Collect(void) { return Py_ssize_t(gc_collect_cycles(2, true)); }
// The same switch as gc.enable()/disable() (automatic collection).
int PyGC_Enable(void) {
  bool was = gc_is_enabled();
  gc_set_enabled(true);
  return was ? 1 : 0;
}
int PyGC_Disable(void) {
  bool was = gc_is_enabled();
  gc_set_enabled(false);
  return was ? 1 : 0;
}
int PyGC_IsEnabled(void) { return gc_is_enabled() ? 1 : 0; }

// PEP 442: tp_finalize runs at most once per object (the finalized bit).
void PyObject_CallFinalizer(PyObject* self) {
  PyTypeObject* t = Py_TYPE(self);
  if (!t->tp_finalize) return;
  if ((t->tp_flags & Py_TPFLAGS_HAVE_GC) && (self->ob_gc_bits & kGcFinalized)) return;
  t->tp_finalize(self);
  if (t->tp_flags & Py_TPFLAGS_HAVE_GC) self->ob_gc_bits |= kGcFinalized;
}

int PyObject_CallFinalizerFromDealloc(PyObject* self) {
  alloc::resurrect_start(self);
  PyObject_CallFinalizer(self);
  return alloc::resurrect_end(self) ? 0 : -1;
}

}  // extern "C"
