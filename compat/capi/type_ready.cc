// Types defined in C: PyType_Ready on an extension's static PyTypeObject, allocation through the type, and the type
// queries (names, flags, slots, module). Owner: types.
#include "Python.h"

#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "objects/object.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/type.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "compat/capi/module_internal.h"
#include "compat/capi/type_slots.h"

using namespace pyvm;
using namespace pyvm::capi;

extern "C" {

int PyType_Ready(PyTypeObject* t) {
  if (t->tp_flags & Py_TPFLAGS_READY) return 0;
  bool heap = t->tp_flags & Py_TPFLAGS_HEAPTYPE;
  if (!heap) {
    // CPython 3.13 requires these of static types; pyvm's own static types never come through here.
    if (t->tp_flags & (Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_MANAGED_WEAKREF)) {
      if (!(t->tp_flags & Py_TPFLAGS_HAVE_GC)) {
        set_errorf(&exc_SystemError, "type {} has the Py_TPFLAGS_MANAGED_DICT or Py_TPFLAGS_MANAGED_WEAKREF flag "
                   "but not Py_TPFLAGS_HAVE_GC flag", t->tp_name);
        return -1;
      }
      if (t->tp_flags & Py_TPFLAGS_MANAGED_DICT) t->tp_dictoffset = -1;
      if (t->tp_flags & Py_TPFLAGS_MANAGED_WEAKREF) t->tp_weaklistoffset = kManagedWeakrefOffset;
    }
    t->tp_flags |= kTpFlagCApiStatic;
  }
  if (t->tp_base && !(t->tp_base->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(t->tp_base) < 0) return -1;
  // A static type readied by a GIL-using module's init runs under the module's lock (heap types are bound by
  // PyType_FromMetaclass); before type_ready, so subclasses and slot wrappers inherit the trampolines.
  if (!heap && type_bind_module_lock(t) < 0) return -1;
  if (type_ready(t) < 0) return -1;
  // The inherited allocator and deallocator are the runtime's equivalents of PyType_GenericAlloc and
  // PyObject_GC_Del; extensions may compare against the C-API names.
  if (t->tp_alloc == object_type.tp_alloc) t->tp_alloc = PyType_GenericAlloc;
  if (t->tp_free == object_type.tp_free && (t->tp_flags & Py_TPFLAGS_HAVE_GC)) t->tp_free = PyObject_GC_Del;
  // PyObject_GenericGetAttr / SetAttr are the runtime's generic functions under their C-API names already.
  return 0;
}

int PyType_IsSubtype(PyTypeObject* a, PyTypeObject* b) { return is_subtype(a, b) ? 1 : 0; }

// Zeroed memory for the instance plus one extra item (CPython's sentinel slot), the header initialised; a heap
// type gains a reference. Instances of managed-dict/weakref types get their pre-header.
PyObject* PyType_GenericAlloc(PyTypeObject* type, Py_ssize_t nitems) {
  if (nitems < 0) {
    return bad_internal_call();
  }
  size_t size = size_t(type->tp_basicsize);
  if (type->tp_itemsize) size += size_t(nitems + 1) * size_t(type->tp_itemsize);
  size = (size + 7) & ~size_t{7};
  Object* o = new_object(type, size);
  if (!o) return nullptr;
  if (type->tp_itemsize) set_var_size(o, nitems);
  return o;
}

PyObject* PyType_GenericNew(PyTypeObject* type, PyObject*, PyObject*) { return type->tp_alloc(type, 0); }

unsigned long PyType_GetFlags(PyTypeObject* t) { return t->tp_flags & ~(kTpFlagCApiStatic | kTpFlagGcAudited); }

void PyType_Modified(PyTypeObject*) { type_cache_invalidate(); }

unsigned int PyType_ClearCache(void) {
  type_cache_invalidate();
  return 0;
}

static bool check_type(PyTypeObject* t) {
  if (!t || !type_check(reinterpret_cast<Object*>(t), &type_type)) {
    bad_internal_call();
    return false;
  }
  return true;
}

PyObject* PyType_GetName(PyTypeObject* t) {
  if (!check_type(t)) return nullptr;
  return get_attr_str(reinterpret_cast<Object*>(t), "__name__");
}

PyObject* PyType_GetQualName(PyTypeObject* t) {
  if (!check_type(t)) return nullptr;
  return get_attr_str(reinterpret_cast<Object*>(t), "__qualname__");
}

PyObject* PyType_GetModuleName(PyTypeObject* t) {
  if (!check_type(t)) return nullptr;
  return get_attr_str(reinterpret_cast<Object*>(t), "__module__");
}

// "module.qualname", or the qualname alone for builtins and __main__ (CPython 3.13).
PyObject* PyType_GetFullyQualifiedName(PyTypeObject* t) {
  if (!check_type(t)) return nullptr;
  if (!(t->tp_flags & Py_TPFLAGS_HEAPTYPE)) return str_from_utf8(t->tp_name, ssize(std::strlen(t->tp_name)));
  ORef qual = steal(PyType_GetQualName(t));
  if (!qual) return nullptr;
  ORef mod = steal(PyType_GetModuleName(t));
  if (!mod) return nullptr;
  if (!type_check(mod.get(), &str_type)) {
    return set_errorf(&exc_TypeError, "type.__module__ must be a string, not {}", type_name(mod.get()));
  }
  std::string_view m = str_view(mod.get());
  if (m == "builtins" || m == "__main__") return qual.release();
  return str_from_utf8(std::string(m) + "." + std::string(str_view(qual.get())));
}

const char* _PyType_Name(PyTypeObject* t) {
  const char* s = std::strrchr(t->tp_name, '.');
  return s ? s + 1 : t->tp_name;
}

PyObject* PyType_GetDict(PyTypeObject* t) {
  if (!t->tp_dict) return dict_new();
  return newref(t->tp_dict);
}

PyObject* _PyType_Lookup(PyTypeObject* t, PyObject* name) {
  Object* r = type_lookup(t, name);
  if (!r && error_occurred()) error_clear();
  return r;
}

PyObject* _PyType_LookupRef(PyTypeObject* t, PyObject* name) { return xnewref(_PyType_Lookup(t, name)); }

void* PyType_GetSlot(PyTypeObject* t, int slot) {
  const SlotInfo* info = slot_info(slot);
  if (!info) {
    return bad_internal_call();
  }
  return slot_read(t, *info);
}

PyObject* PyType_GetModule(PyTypeObject* t) {
  if (!(t->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
    return set_errorf(&exc_TypeError, "PyType_GetModule: Type '{}' is not a heap type", t->tp_name);
  }
  Object* m = reinterpret_cast<HeapType*>(t)->ht_module;
  if (!m) {
    return set_errorf(&exc_TypeError, "PyType_GetModule: Type '{}' has no associated module", t->tp_name);
  }
  return m;
}

void* PyType_GetModuleState(PyTypeObject* t) {
  Object* m = PyType_GetModule(t);
  if (!m) return nullptr;
  return reinterpret_cast<ModuleObject*>(m)->md_state;
}

PyObject* PyType_GetModuleByDef(PyTypeObject* t, PyModuleDef* def) {
  Object* mro = t->tp_mro;
  for (ssize i = 0; mro && i < tuple_size(mro); i++) {
    auto* s = reinterpret_cast<Type*>(tuple_get(mro, i));
    if (!(s->tp_flags & Py_TPFLAGS_HEAPTYPE)) continue;
    Object* m = reinterpret_cast<HeapType*>(s)->ht_module;
    if (m && type_check(m, &module_type) && reinterpret_cast<ModuleObject*>(m)->md_def == def) return m;
  }
  return set_errorf(&exc_TypeError, "PyType_GetModuleByDef: No superclass of '{}' has the given module", t->tp_name);
}

}  // extern "C"
