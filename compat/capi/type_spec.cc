// Heap types made from a PyType_Spec (PyType_FromSpec ... PyType_FromMetaclass), as CPython 3.13 builds them:
// the spec's slots fill the heap type's own tables, Py_tp_members may carry __dictoffset__, __weaklistoffset__ and
// __vectorcalloffset__, a negative basicsize extends the base by opaque data. Owner: types.
#include "Python.h"

#include <cstring>
#include <string>

#include "alloc/heap.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/object.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "compat/capi/module_internal.h"
#include "compat/capi/type_slots.h"

using namespace pyvm;
using namespace pyvm::capi;

namespace {

constexpr ssize kMaxAlign = alignof(max_align_t);
ssize align_up(ssize n) { return (n + kMaxAlign - 1) & ~(kMaxAlign - 1); }

char* copy_cstr(const char* s) {
  size_t n = std::strlen(s) + 1;
  auto* p = static_cast<char*>(alloc::raw_alloc(n));
  if (p) std::memcpy(p, s, n);
  return p;
}

// Where the spec type's own data begins inside an instance (negative-basicsize specs), kept per type.
// ht_cached_keys is otherwise unused by pyvm; it holds (data offset + 1) so that 0 means "none".
void set_type_data_offset(PyHeapTypeObject* ht, ssize off) {
  ht->ht_cached_keys = reinterpret_cast<void*>(uintptr_t(off + 1));
}
ssize type_data_offset(PyTypeObject* t) {
  if (!(t->tp_flags & Py_TPFLAGS_HEAPTYPE)) return 0;
  auto v = reinterpret_cast<uintptr_t>(reinterpret_cast<PyHeapTypeObject*>(t)->ht_cached_keys);
  return v ? ssize(v - 1) : 0;
}

}  // namespace

extern "C" {

PyObject* PyType_FromMetaclass(PyTypeObject* meta, PyObject* module, PyType_Spec* spec, PyObject* bases_in) {
  // Pass 1: the special members, the bases and a sanity check of the slot ids.
  ssize weaklistoffset = 0, dictoffset = 0, vectorcalloffset = 0, nmembers = 0;
  const PyType_Slot* members_slot = nullptr;
  Object* slot_bases = nullptr;
  Type* slot_base = nullptr;
  const char* doc = nullptr;
  for (const PyType_Slot* s = spec->slots; s->slot; s++) {
    if (!slot_info(s->slot)) return set_error(&exc_RuntimeError, "invalid slot offset");
    if (s->slot == Py_tp_members) {
      members_slot = s;
      for (auto* m = static_cast<PyMemberDef*>(s->pfunc); m->name; m++) {
        nmembers++;
        if (std::strcmp(m->name, "__weaklistoffset__") == 0) weaklistoffset = m->offset;
        else if (std::strcmp(m->name, "__dictoffset__") == 0) dictoffset = m->offset;
        else if (std::strcmp(m->name, "__vectorcalloffset__") == 0) vectorcalloffset = m->offset;
        else continue;
        if (m->type != Py_T_PYSSIZET) return set_errorf(&exc_SystemError, "type of {} must be Py_T_PYSSIZET", m->name);
        if (m->flags & ~(Py_READONLY | Py_RELATIVE_OFFSET))
          return set_errorf(&exc_SystemError, "flags for {} must be Py_READONLY", m->name);
      }
    } else if (s->slot == Py_tp_bases) {
      slot_bases = static_cast<Object*>(s->pfunc);
    } else if (s->slot == Py_tp_base) {
      slot_base = static_cast<Type*>(s->pfunc);
    } else if (s->slot == Py_tp_doc) {
      doc = static_cast<const char*>(s->pfunc);
    }
  }
  (void)nmembers;
  // The bases: the argument, else Py_tp_bases, else Py_tp_base, else object.
  ORef bases;
  if (!bases_in) bases_in = slot_bases;
  if (!bases_in && slot_base) bases_in = reinterpret_cast<Object*>(slot_base);
  if (!bases_in) bases_in = reinterpret_cast<Object*>(&object_type);
  if (type_check(bases_in, &tuple_type)) bases = borrow(bases_in);
  else bases = steal(tuple_pack({bases_in}));
  if (!bases) return nullptr;
  for (ssize i = 0; i < tuple_size(bases.get()); i++) {
    Object* b = tuple_get(bases.get(), i);
    if (!type_check(b, &type_type)) return set_error(&exc_TypeError, "bases must be types");
    auto* bt = reinterpret_cast<Type*>(b);
    if (!(bt->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(bt) < 0) return nullptr;
    if (!(bt->tp_flags & Py_TPFLAGS_BASETYPE))
      return set_errorf(&exc_TypeError, "type '{}' is not an acceptable base type", bt->tp_name);
  }
  if (!meta) meta = &type_type;
  meta = type_calculate_metaclass(meta, bases.get());
  if (!meta) return nullptr;
  if (meta->tp_new != type_type.tp_new) return set_error(&exc_TypeError, "Metaclasses with custom tp_new are not supported.");
  Type* base = type_best_base(bases.get());
  if (!base) return nullptr;

  // The instance layout.
  ssize basicsize = spec->basicsize, itemsize = spec->itemsize, data_offset = 0;
  if (itemsize < 0) return set_error(&exc_SystemError, "Py_tp_itemsize must not be negative");
  if (basicsize == 0) {
    basicsize = base->tp_basicsize;
  } else if (basicsize < 0) {
    data_offset = align_up(base->tp_basicsize);
    basicsize = data_offset + align_up(-basicsize);
  }
  if (itemsize == 0) itemsize = base->tp_itemsize;
  if ((weaklistoffset | dictoffset | vectorcalloffset) && spec->basicsize >= 0 && members_slot)
    for (auto* m = static_cast<PyMemberDef*>(members_slot->pfunc); m->name; m++)
      if ((m->flags & Py_RELATIVE_OFFSET) && spec->basicsize >= 0)
        return set_error(&exc_SystemError, "With Py_RELATIVE_OFFSET, basicsize must be negative.");

  // The names: tp_name is the spec's full name; __name__ the part after the last dot, __module__ the part before.
  const char* dot = std::strrchr(spec->name, '.');
  const char* short_name = dot ? dot + 1 : spec->name;
  ORef name = steal(str_from_utf8(short_name, ssize(std::strlen(short_name))));
  if (!name) return nullptr;

  auto* ht = reinterpret_cast<PyHeapTypeObject*>(new_object(meta, size_t(meta->tp_basicsize)));
  if (!ht) return nullptr;
  Type* t = &ht->ht_type;
  ORef tref = steal(reinterpret_cast<Object*>(t));
  t->tp_flags = (unsigned long)spec->flags | Py_TPFLAGS_HEAPTYPE;
  t->tp_as_async = &ht->as_async;
  t->tp_as_number = &ht->as_number;
  t->tp_as_sequence = &ht->as_sequence;
  t->tp_as_mapping = &ht->as_mapping;
  t->tp_as_buffer = &ht->as_buffer;
  ht->ht_name = newref(name.get());
  ht->ht_qualname = newref(name.get());
  ht->_ht_tpname = copy_cstr(spec->name);
  if (!ht->_ht_tpname) return no_memory();
  t->tp_name = ht->_ht_tpname;
  ht->ht_module = xnewref(module);
  t->tp_base = reinterpret_cast<Type*>(newref(reinterpret_cast<Object*>(base)));
  t->tp_bases = bases.release();
  t->tp_basicsize = basicsize;
  t->tp_itemsize = itemsize;
  if (data_offset) set_type_data_offset(ht, data_offset);

  // Pass 2: copy the slots.
  for (const PyType_Slot* s = spec->slots; s->slot; s++) {
    switch (s->slot) {
      case Py_tp_base:
      case Py_tp_bases:
      case Py_tp_doc:
        continue;
      case Py_tp_members: {
        // A copy that lives as long as the type, with relative offsets resolved (the flag cleared).
        ssize n = 0;
        for (auto* m = static_cast<PyMemberDef*>(s->pfunc); m->name; m++) n++;
        auto* defs = static_cast<PyMemberDef*>(alloc::raw_calloc(size_t(n + 1), sizeof(PyMemberDef)));
        if (!defs) return no_memory();
        std::memcpy(defs, s->pfunc, size_t(n) * sizeof(PyMemberDef));
        for (ssize i = 0; i < n; i++)
          if (defs[i].flags & Py_RELATIVE_OFFSET) {
            defs[i].offset += data_offset;
            defs[i].flags &= ~Py_RELATIVE_OFFSET;
          }
        t->tp_members = defs;
        continue;
      }
      default:
        *slot_addr_heap(ht, *slot_info(s->slot)) = s->pfunc;
    }
  }
  if (doc) {
    t->tp_doc = copy_cstr(doc);
    if (!t->tp_doc) return no_memory();
  }
  // The special members' offsets, relative ones resolved in the copy above.
  if (t->tp_members)
    for (PyMemberDef* m = t->tp_members; m->name; m++) {
      if (std::strcmp(m->name, "__weaklistoffset__") == 0) t->tp_weaklistoffset = m->offset;
      else if (std::strcmp(m->name, "__dictoffset__") == 0) t->tp_dictoffset = m->offset;
      else if (std::strcmp(m->name, "__vectorcalloffset__") == 0) t->tp_vectorcall_offset = m->offset;
    }
  if (t->tp_flags & Py_TPFLAGS_MANAGED_DICT) t->tp_dictoffset = -1;
  if (t->tp_flags & Py_TPFLAGS_MANAGED_WEAKREF) t->tp_weaklistoffset = kManagedWeakrefOffset;
  // Heap types need a deallocator that drops the instance's type reference (CPython's rule).
  if (!t->tp_dealloc) t->tp_dealloc = subtype_dealloc;

  t->tp_dict = dict_new();
  if (!t->tp_dict) return nullptr;
  if (dot) {
    ORef modname = steal(str_from_utf8(spec->name, ssize(dot - spec->name)));
    if (!modname || dict_set_str(t->tp_dict, "__module__", modname.get()) < 0) return nullptr;
  }
  // Made by a GIL-using module's init: its slots, methods and getsets run under the module's lock.
  if (type_bind_module_lock(t) < 0) return nullptr;
  if (PyType_Ready(t) < 0) return nullptr;
  // The special members only set offsets; they are not attributes of the type.
  for (const char* special : {"__weaklistoffset__", "__dictoffset__", "__vectorcalloffset__"}) {
    Object* v = nullptr;
    int r = dict_get_str(t->tp_dict, special, &v);
    if (r < 0) return nullptr;
    xdecref(v);
    if (r > 0 && dict_del(t->tp_dict, str_interned(special)) < 0) return nullptr;
  }
  return tref.release();
}

PyObject* PyType_FromModuleAndSpec(PyObject* module, PyType_Spec* spec, PyObject* bases) {
  return PyType_FromMetaclass(nullptr, module, spec, bases);
}
PyObject* PyType_FromSpecWithBases(PyType_Spec* spec, PyObject* bases) {
  return PyType_FromMetaclass(nullptr, nullptr, spec, bases);
}
PyObject* PyType_FromSpec(PyType_Spec* spec) { return PyType_FromMetaclass(nullptr, nullptr, spec, nullptr); }

void* PyObject_GetTypeData(PyObject* obj, PyTypeObject* cls) {
  return reinterpret_cast<char*>(obj) + type_data_offset(cls);
}

Py_ssize_t PyType_GetTypeDataSize(PyTypeObject* cls) {
  ssize off = type_data_offset(cls);
  if (!off) return 0;
  ssize n = cls->tp_basicsize - off;
  return n < 0 ? 0 : n;
}

}  // extern "C"
