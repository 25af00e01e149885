// Allocation, subtype checks, and the root types: object, NoneType, NotImplementedType and ellipsis.
#include "objects/object.h"

#include <fmt/format.h>

#include <cstring>

#include "alloc/gc_registry.h"
#include "alloc/heap.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/set.h"
#include "objects/slots.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"

namespace pyvm {

// Instances of types with Py_TPFLAGS_MANAGED_DICT or Py_TPFLAGS_MANAGED_WEAKREF carry a two-word pre-header
// [weakrefs, dict] in front of the object, as CPython 3.13t does, so that any base layout (including variable-sized
// ones) can have a __dict__ and weak references.
constexpr size_t kPreHeader = 2 * sizeof(Object*);
static_assert(kManagedWeakrefOffset == -ssize(kPreHeader), "the weakref list is the first pre-header word");

static bool has_preheader(const Type* t) { return has_flag(t, Py_TPFLAGS_PREHEADER); }
static bool has_gc_head(const Type* t) { return has_flag(t, Py_TPFLAGS_HAVE_GC); }
// Bytes in front of an object of type t: the GC header (collectable types), then the managed pre-header.
static size_t prefix_size(const Type* t) {
  return (has_gc_head(t) ? alloc::kGcHeadSize : 0) + (has_preheader(t) ? kPreHeader : 0);
}

alloc::GcHead* gc_head_of(Object* o) {
  return reinterpret_cast<alloc::GcHead*>(reinterpret_cast<char*>(o) - prefix_size(type_of(o)));
}

Object* new_object(Type* type, size_t size) {
  bool gc = has_gc_head(type);
  size_t pre = prefix_size(type);
  Object* o;
  if (pre) {
    o = alloc::alloc_object(size, type, gc, pre);
    if (!o) return no_memory();
    char* block = reinterpret_cast<char*>(o) - pre;
    if (gc) {
      // Registered for the cycle collector, and tracked: the runtime's own types are tracked from birth (their
      // fields start null, which every tp_traverse skips); PyObject_GC_New untracks for extensions, which call
      // PyObject_GC_Track themselves.
      alloc::gc_register(o, reinterpret_cast<alloc::GcHead*>(block));
      o->ob_gc_bits = alloc::kGcBitTracked;
    }
  } else {
    o = alloc::alloc_object(size, type, gc);
    if (!o) return no_memory();
  }
  if (has_flag(type, Py_TPFLAGS_HEAPTYPE)) incref(reinterpret_cast<Object*>(type));
  return o;
}

Object* new_var_object(Type* type, ssize nitems) {
  if (nitems < 0 || nitems > (ssize(1) << 48)) return no_memory();
  size_t size = size_t(type->tp_basicsize) + size_t(nitems) * size_t(type->tp_itemsize);
  size = (size + 7) & ~size_t{7};
  Object* o = new_object(type, size);
  if (o) set_var_size(o, nitems);
  return o;
}

void set_shared_slot(Object** slot, Object* v) {
  Object* old = __atomic_exchange_n(slot, v, __ATOMIC_ACQ_REL);
  if (old) alloc::release_deferred(old);
}

void object_free(void* p) {
  auto* o = static_cast<Object*>(p);
  // Every tp_dealloc of a type with weak references clears them first, as CPython's do; this is the backstop for a
  // deallocator that forgot (a no-op when the list is empty): no weak reference may outlive its referent's memory.
  Type* t = type_of(o);
  if (type_supports_weakrefs(t)) clear_weakrefs(o);
  size_t pre = prefix_size(t);
  if (pre) {
    char* block = reinterpret_cast<char*>(o) - pre;
    if (has_gc_head(t)) alloc::gc_unregister(reinterpret_cast<alloc::GcHead*>(block));
    alloc::free_object(block);
  } else {
    alloc::free_object(o);
  }
}

Object** managed_dict_ptr(Object* o) { return reinterpret_cast<Object**>(o) - 1; }

bool is_subtype(Type* a, Type* b) {
  if (a == b) return true;
  Object* mro = a->tp_mro;
  if (mro) {
    ssize n = tuple_size(mro);
    Object** items = tuple_items(mro);
    for (ssize i = 0; i < n; i++)
      if (items[i] == reinterpret_cast<Object*>(b)) return true;
    return false;
  }
  for (Type* t = a; t; t = t->tp_base)
    if (t == b) return true;
  return b == &object_type;
}

// ---- object ----

static Object* object_repr_impl(Object* self) {
  Type* t = type_of(self);
  Object* mod = nullptr;
  std::string prefix;
  if (t->tp_dict && has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    Object* m = type_lookup(t, strs::module);
    if (m && type_check(m, &str_type)) {
      std::string_view v = str_view(m);
      if (v != "builtins") prefix = std::string(v) + ".";
    }
  }
  (void)mod;
  std::string qual;
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    Object* q = reinterpret_cast<HeapType*>(t)->ht_qualname;
    qual = q ? std::string(str_view(q)) : t->tp_name;
  } else {
    qual = t->tp_name;
  }
  return str_from_utf8(fmt::format("<{}{} object at {}>", prefix, qual, static_cast<void*>(self)));
}

static Object* object_str_impl(Object* self) {
  reprfunc f = type_of(self)->tp_repr;
  return f ? f(self) : object_repr_impl(self);
}

static hash_t object_hash_impl(Object* self) {
  uintptr_t p = reinterpret_cast<uintptr_t>(self);
  hash_t h = hash_t((p >> 4) | (p << (8 * sizeof(void*) - 4)));
  return h == -1 ? -2 : h;
}

static Object* object_richcompare_impl(Object* self, Object* other, int op) {
  switch (op) {
    case Py_EQ:
      return newref(self == other ? true_() : not_implemented());
    case Py_NE: {
      // By default, != delegates to == and inverts the result unless it is NotImplemented.
      // A type without its own slot has object's (CPython's types inherit it; ours leave it null).
      richcmpfunc eq = type_of(self)->tp_richcompare;
      if (!eq) eq = object_richcompare_impl;
      Object* r = eq(self, other, Py_EQ);
      if (!r || r == not_implemented()) return r;
      int t = object_is_true(r);
      decref(r);
      if (t < 0) return nullptr;
      return newref(bool_obj(!t));
    }
    default:
      return newref(not_implemented());
  }
}

static bool excess_args(Object* args, Object* kwds) {
  return (args && tuple_size(args)) || (kwds && type_check(kwds, &dict_type) && object_length(kwds) > 0);
}

// "Can't instantiate abstract class C without an implementation for abstract methods 'a', 'b'".
static Object* abstract_instantiation_error(Type* type) {
  ORef methods = steal(get_attr_str(reinterpret_cast<Object*>(type), "__abstractmethods__"));
  if (!methods) return nullptr;
  ORef sorted = steal(sequence_list(methods.get()));
  if (!sorted || list_sort(sorted.get(), nullptr, false) < 0) return nullptr;
  ORef sep = steal(str_from_utf8("', '"));
  if (!sep) return nullptr;
  ORef joined = steal(str_join(sep.get(), sorted.get()));
  if (!joined) return nullptr;
  return set_errorf(&exc_TypeError,
                    "Can't instantiate abstract class {} without an implementation for abstract method{} '{}'",
                    type->tp_name, list_size(sorted.get()) > 1 ? "s" : "", str_view(joined.get()));
}

static Object* object_new_impl(Type* type, Object* args, Object* kwds) {
  if (excess_args(args, kwds)) {
    if (type->tp_new != object_new_impl) return set_error(&exc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
    if (type->tp_init == object_type.tp_init) {
      return set_errorf(&exc_TypeError, "{}() takes no arguments", type->tp_name);
    }
  }
  if (has_flag(type, Py_TPFLAGS_IS_ABSTRACT)) return abstract_instantiation_error(type);
  return type->tp_alloc ? type->tp_alloc(type, 0) : new_object(type, size_t(type->tp_basicsize));
}

static int object_init_impl(Object* self, Object* args, Object* kwds) {
  Type* type = type_of(self);
  if (excess_args(args, kwds)) {
    if (type->tp_init != object_init_impl) {
      set_error(&exc_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
      return -1;
    }
    if (type->tp_new == object_type.tp_new) {
      set_errorf(&exc_TypeError, "{}.__init__() takes exactly one argument (the instance to initialize)",
                 type->tp_name);
      return -1;
    }
  }
  return 0;
}

static void object_dealloc(Object* self) {
  Type* t = type_of(self);
  // The memory goes back through the type's tp_free, as CPython's object_dealloc does: an extension type may give
  // its own (a C++ object made by `new` whose Py_tp_free runs `delete`).
  if (t->tp_free) {
    t->tp_free(self);
  } else {
    object_free(self);
  }
  dealloc_type_ref(t);
}

static Object* object_alloc(Type* type, ssize nitems) {
  if (type->tp_itemsize) return new_var_object(type, nitems);
  return new_object(type, size_t(type->tp_basicsize));
}

static Object* object_get_class(Object* self, void*) { return newref(reinterpret_cast<Object*>(type_of(self))); }

static Object* object_format_impl(Object* self, Object* spec) {
  if (!type_check(spec, &str_type)) return set_error(&exc_TypeError, "format spec must be a string");
  if (str_length(spec) > 0) {
    return set_errorf(&exc_TypeError, "unsupported format string passed to {}.__format__", type_of(self)->tp_name);
  }
  return object_str(self);
}

// Adds the keys of `d` (a dict) to the set `names`.
static int add_keys(Object* names, Object* d) {
  if (!d || !type_check(d, &dict_type)) return 0;
  ORef keys = steal(dict_keys_list(d));
  if (!keys) return -1;
  for (ssize i = 0; i < list_size(keys.get()); i++)
    if (set_add(names, list_items(keys.get())[i]) < 0) return -1;
  return 0;
}

// The names along a class's MRO (type.__dir__).
static int add_class_names(Object* names, Type* t) {
  Object* mro = t->tp_mro;
  if (!mro) return add_keys(names, t->tp_dict);
  for (ssize i = 0; i < tuple_size(mro); i++)
    if (add_keys(names, reinterpret_cast<Type*>(tuple_get(mro, i))->tp_dict) < 0) return -1;
  return 0;
}

// object.__dir__: the instance __dict__'s keys plus everything the class and its bases define.
static Object* object_dir_impl(Object* self, Object*) {
  ORef names = steal(set_new(nullptr));
  if (!names) return nullptr;
  Object* d = nullptr;
  int r = get_attr_optional(self, strs::dict, &d);
  if (r < 0) return nullptr;
  ORef dref = steal(d);
  if (add_keys(names.get(), d) < 0) return nullptr;
  Object* cls = nullptr;
  r = get_attr_optional(self, strs::class_, &cls);
  if (r < 0) return nullptr;
  ORef cref = steal(cls);
  if (cls && type_check(cls, &type_type) && add_class_names(names.get(), reinterpret_cast<Type*>(cls)) < 0)
    return nullptr;
  return sequence_list(names.get());
}

Object* type_dir_impl(Object* self, Object*) {
  ORef names = steal(set_new(nullptr));
  if (!names || add_class_names(names.get(), reinterpret_cast<Type*>(self)) < 0) return nullptr;
  return sequence_list(names.get());
}

static Object* object_subclasshook(Object*, Object* const*, ssize, Object*) { return newref(not_implemented()); }
// object.__init_subclass__ takes no arguments: a class statement's keywords that nobody consumed end up here.
static Object* object_init_subclass(Object*, Object*) { return newref(none()); }

static Object* object_sizeof(Object* self, Object*) {
  Type* t = type_of(self);
  ssize size = t->tp_basicsize;
  if (t->tp_itemsize > 0) {
    ssize n = var_size(self);
    size += (n < 0 ? -n : n) * t->tp_itemsize;
  }
  return int_from_ssize(size);
}

// The default pickling state: None, the instance __dict__, or (dict-or-None, {slot: value}) when slots are set.
static Object* object_getstate_impl(Object* self, bool required) {
  Type* t = type_of(self);
  if (required && t->tp_itemsize) return set_errorf(&exc_TypeError, "cannot pickle '{}' object", t->tp_name);
  ORef state;
  Object** dp = instance_dict_ptr(self);
  if (dp && *dp && dict_size(*dp) > 0) {
    state = steal(dict_copy(*dp));
    if (!state) return nullptr;
  } else {
    state = borrow(none());
  }
  ORef slots = steal(dict_new());
  if (!slots) return nullptr;
  for (Type* h = t; h && has_flag(h, Py_TPFLAGS_HEAPTYPE); h = h->tp_base) {
    if (!reinterpret_cast<HeapType*>(h)->ht_slots || !h->tp_members) continue;
    for (PyMemberDef* m = h->tp_members; m->name; m++) {
      Object* v = *reinterpret_cast<Object**>(reinterpret_cast<char*>(self) + m->offset);
      if (v && dict_set(slots.get(), str_interned(m->name), v) < 0) return nullptr;
    }
  }
  // An object whose C layout holds more than object's header, its dict and weakref pointers and its slots keeps
  // state that the default pickling cannot see (a lock, a queue): refuse it rather than lose that state.
  if (required) {
    ssize expected = object_type.tp_basicsize;
    if (t->tp_dictoffset && !has_flag(t, Py_TPFLAGS_MANAGED_DICT)) expected += ssize(sizeof(Object*));
    if (t->tp_weaklistoffset > 0) expected += ssize(sizeof(Object*));
    for (Type* h = t; h && has_flag(h, Py_TPFLAGS_HEAPTYPE); h = h->tp_base) {
      if (!reinterpret_cast<HeapType*>(h)->ht_slots || !h->tp_members) continue;
      for (PyMemberDef* m = h->tp_members; m->name; m++) expected += ssize(sizeof(Object*));
    }
    if (t->tp_basicsize > expected) return set_errorf(&exc_TypeError, "cannot pickle '{}' object", t->tp_name);
  }
  if (dict_size(slots.get()) == 0) return state.release();
  return tuple_pack({state.get(), slots.get()});
}
static Object* object_getstate(Object* self, Object*) { return object_getstate_impl(self, false); }

// copyreg, which the default __reduce__/__reduce_ex__ build on; the interpreter installs the importer.
Object* (*g_import_module)(const char* name) = nullptr;
static Object* import_copyreg() {
  if (!g_import_module) return set_error(&exc_ImportError, "copyreg is not available");
  return g_import_module("copyreg");
}

// The arguments for cls.__new__ from __getnewargs_ex__ (args and kwargs) or __getnewargs__ (args only), looked up
// on the type as special methods (CPython's _PyObject_GetNewArguments): *args stays null when the object has
// neither. -1 with an error.
static int get_new_arguments(Object* self, ORef* args, ORef* kwargs) {
  Object* f = nullptr;
  int r = seq_lookup_special(self, str_interned("__getnewargs_ex__"), &f);
  if (r < 0) return -1;
  if (r > 0) {
    ORef fn = steal(f);
    ORef newargs = steal(call0(fn.get()));
    if (!newargs) return -1;
    if (!type_check(newargs.get(), &tuple_type)) {
      set_errorf(&exc_TypeError, "__getnewargs_ex__ should return a tuple, not '{}'", type_name(newargs.get()));
      return -1;
    }
    if (tuple_size(newargs.get()) != 2) {
      set_errorf(&exc_ValueError, "__getnewargs_ex__ should return a tuple of length 2, not {}",
                 tuple_size(newargs.get()));
      return -1;
    }
    Object* a = tuple_get(newargs.get(), 0);
    Object* k = tuple_get(newargs.get(), 1);
    if (!type_check(a, &tuple_type)) {
      set_errorf(&exc_TypeError,
                 "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'", type_name(a));
      return -1;
    }
    if (!dict_check(k)) {
      set_errorf(&exc_TypeError, "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                 type_name(k));
      return -1;
    }
    *args = borrow(a);
    *kwargs = borrow(k);
    return 0;
  }
  r = seq_lookup_special(self, str_interned("__getnewargs__"), &f);
  if (r < 0) return -1;
  if (r > 0) {
    ORef fn = steal(f);
    *args = steal(call0(fn.get()));
    if (!*args) return -1;
    if (!type_check(args->get(), &tuple_type)) {
      set_errorf(&exc_TypeError, "__getnewargs__ should return a tuple, not '{}'", type_name(args->get()));
      return -1;
    }
  }
  return 0;
}

// Protocol 2+: (copyreg.__newobj__, (cls, *args), state, listitems, dictitems), or with keyword arguments for
// __new__, (copyreg.__newobj_ex__, (cls, args, kwargs), ...).
static Object* reduce_newobj(Object* self) {
  Type* t = type_of(self);
  if (!t->tp_new) return set_errorf(&exc_TypeError, "cannot pickle '{}' object", t->tp_name);
  ORef args, kwargs;
  if (get_new_arguments(self, &args, &kwargs) < 0) return nullptr;
  bool has_args = bool(args);
  ORef copyreg = steal(import_copyreg());
  if (!copyreg) return nullptr;
  ORef newobj, newargs;
  if (!kwargs || dict_size(kwargs.get()) == 0) {
    newobj = steal(get_attr_str(copyreg.get(), "__newobj__"));
    if (!newobj) return nullptr;
    ssize n = args ? tuple_size(args.get()) : 0;
    newargs = steal(tuple_new(n + 1));
    if (!newargs) return nullptr;
    tuple_set(newargs.get(), 0, newref(reinterpret_cast<Object*>(t)));
    for (ssize i = 0; i < n; i++) tuple_set(newargs.get(), i + 1, newref(tuple_get(args.get(), i)));
  } else {
    newobj = steal(get_attr_str(copyreg.get(), "__newobj_ex__"));
    if (!newobj) return nullptr;
    newargs = steal(tuple_pack({reinterpret_cast<Object*>(t), args.get(), kwargs.get()}));
    if (!newargs) return nullptr;
  }
  bool is_list = type_check(self, &list_type), is_dict = type_check(self, &dict_type);
  // Without constructor arguments, list items or dict items, the state must carry everything: the default
  // __getstate__ then refuses objects with C-level state (object_getstate_impl). An overriding __getstate__ is
  // called as it is.
  bool required = !(has_args || is_list || is_dict);
  ORef state;
  Object* own = type_lookup(t, str_interned("__getstate__"));
  Object* base = object_type.tp_dict ? type_lookup(&object_type, str_interned("__getstate__")) : nullptr;
  if (own && own == base) {
    state = steal(object_getstate_impl(self, required));
  } else {
    ORef getstate = steal(get_attr_str(self, "__getstate__"));
    if (!getstate) return nullptr;
    state = steal(call0(getstate.get()));
  }
  if (!state) return nullptr;
  ORef listitems = is_list ? steal(get_iter(self)) : borrow(none());
  ORef dictitems = is_dict ? steal(call_method0(self, str_interned("items"))) : borrow(none());
  if (!listitems || !dictitems) return nullptr;
  if (is_dict) {
    dictitems = steal(get_iter(dictitems.get()));
    if (!dictitems) return nullptr;
  }
  return tuple_pack({newobj.get(), newargs.get(), state.get(), listitems.get(), dictitems.get()});
}

static Object* common_reduce(Object* self, int proto) {
  if (proto >= 2) return reduce_newobj(self);
  ORef copyreg = steal(import_copyreg());
  if (!copyreg) return nullptr;
  ORef f = steal(get_attr_str(copyreg.get(), "_reduce_ex"));
  if (!f) return nullptr;
  ORef p = steal(int_from_i64(proto));
  if (!p) return nullptr;
  return call2(f.get(), self, p.get());
}

static Object* object_reduce(Object* self, Object*) { return common_reduce(self, 0); }

static Object* object_reduce_ex(Object* self, Object* proto) {
  if (!type_check(proto, &int_type))
    return set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(proto));
  ssize p = int_as_ssize(proto);
  if (p == -1 && error_occurred()) return nullptr;
  // A class that overrides __reduce__ gets it called instead.
  Object* own = type_lookup(type_of(self), str_interned("__reduce__"));
  Object* base = object_type.tp_dict ? type_lookup(&object_type, str_interned("__reduce__")) : nullptr;
  if (own && own != base) {
    ORef f = steal(get_attr_str(self, "__reduce__"));
    if (!f) return nullptr;
    return call0(f.get());
  }
  return common_reduce(self, int(p));
}

static PyMethodDef object_methods[] = {
    {"__reduce_ex__", object_reduce_ex, METH_O, "Helper for pickle."},
    {"__reduce__", object_reduce, METH_NOARGS, "Helper for pickle."},
    {"__getstate__", object_getstate, METH_NOARGS, "Helper for pickle."},
    {"__subclasshook__", as_cfunc(object_subclasshook), METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     "Abstract classes can override this to customize issubclass()."},
    {"__init_subclass__", object_init_subclass, METH_NOARGS | METH_CLASS,
     "This method is called when a class is subclassed."},
    {"__format__", object_format_impl, METH_O, "Default object formatter."},
    {"__sizeof__", object_sizeof, METH_NOARGS, "Size of object in memory, in bytes."},
    {"__dir__", object_dir_impl, METH_NOARGS, "Default dir() implementation."},
    {nullptr, nullptr, 0, nullptr}};

static int object_set_class(Object* self, Object* value, void*) {
  if (!value) return set_error(&exc_TypeError, "can't delete __class__ attribute"), -1;
  if (!type_check(value, &type_type)) {
    set_errorf(&exc_TypeError, "__class__ must be set to a class, not '{}' object", type_name(value));
    return -1;
  }
  Type* nt = reinterpret_cast<Type*>(value);
  Type* ot = type_of(self);
  if (!has_flag(nt, Py_TPFLAGS_HEAPTYPE) || !has_flag(ot, Py_TPFLAGS_HEAPTYPE)) {
    set_error(&exc_TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
    return -1;
  }
  // The instance must fit the new class: same size, same pre-header words, and its dict and weakref list where the
  // new class looks for them (a weakref list the new class does not know of would never be cleared).
  if (nt->tp_basicsize != ot->tp_basicsize ||
      (nt->tp_flags & Py_TPFLAGS_PREHEADER) != (ot->tp_flags & Py_TPFLAGS_PREHEADER) ||
      (nt->tp_flags & Py_TPFLAGS_HAVE_GC) != (ot->tp_flags & Py_TPFLAGS_HAVE_GC) ||
      nt->tp_dictoffset != ot->tp_dictoffset || nt->tp_weaklistoffset != ot->tp_weaklistoffset) {
    set_errorf(&exc_TypeError, "__class__ assignment: '{}' object layout differs from '{}'", nt->tp_name, ot->tp_name);
    return -1;
  }
  // Threads may assign __class__ at once: swap atomically and drop the reference to the class actually replaced
  // (each class passed the layout check against the one it replaces). A reader may have loaded the old class from
  // ob_type and not yet taken its reference (type(obj)), so that reference is dropped through QSBR.
  incref(value);
  Type* old = __atomic_exchange_n(&self->ob_type, nt, __ATOMIC_ACQ_REL);
  alloc::release_deferred(reinterpret_cast<Object*>(old));
  return 0;
}

static PyGetSetDef object_getset[] = {
    {"__class__", object_get_class, object_set_class, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

Type object_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "object",
    .tp_basicsize = sizeof(Object),
    .tp_dealloc = object_dealloc,
    .tp_repr = object_repr_impl,
    .tp_hash = object_hash_impl,
    .tp_str = object_str_impl,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_doc = "The base class of the class hierarchy.",
    .tp_richcompare = object_richcompare_impl,
    .tp_methods = object_methods,
    .tp_getset = object_getset,
    .tp_init = object_init_impl,
    .tp_alloc = object_alloc,
    .tp_new = object_new_impl,
    .tp_free = object_free,
};

// ---- None, NotImplemented, Ellipsis ----

static Object* none_repr(Object*) { return newref(str_interned("None")); }
static int none_bool(Object*) { return 0; }
static hash_t none_hash(Object*) { return hash_t(0xFCA86420); }  // CPython 3.12+: a constant
static Object* none_new(Type*, Object* args, Object* kwds) {
  if (excess_args(args, kwds)) return set_error(&exc_TypeError, "NoneType takes no arguments");
  return none();
}
static PyNumberMethods none_as_number = {.nb_bool = none_bool};
static void immortal_dealloc(Object*) {}

Type none_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "NoneType",
    .tp_basicsize = sizeof(Object),
    .tp_dealloc = immortal_dealloc,
    .tp_repr = none_repr,
    .tp_as_number = &none_as_number,
    .tp_hash = none_hash,
    .tp_new = none_new,
};
Object none_obj = PYVM_IMMORTAL_HEADER(&none_type);

static Object* notimpl_repr(Object*) { return newref(str_interned("NotImplemented")); }
static Object* notimpl_reduce(Object*, Object*) { return newref(str_interned("NotImplemented")); }
static PyMethodDef notimpl_methods[] = {{"__reduce__", notimpl_reduce, METH_NOARGS, nullptr},
                                        {nullptr, nullptr, 0, nullptr}};
static Object* notimpl_new(Type*, Object* args, Object* kwds) {
  if (excess_args(args, kwds)) return set_error(&exc_TypeError, "NotImplementedType takes no arguments");
  return not_implemented();
}
// 3.13 deprecates NotImplemented's truth value (3.14 makes it a TypeError): a DeprecationWarning, then true.
static int notimpl_bool(Object*) {
  if (issue_warning(&exc_DeprecationWarning, "NotImplemented should not be used in a boolean context", 1) < 0)
    return -1;
  return 1;
}
static PyNumberMethods notimpl_as_number = {.nb_bool = notimpl_bool};
Type notimplemented_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "NotImplementedType",
    .tp_basicsize = sizeof(Object),
    .tp_dealloc = immortal_dealloc,
    .tp_repr = notimpl_repr,
    .tp_as_number = &notimpl_as_number,
    .tp_methods = notimpl_methods,
    .tp_new = notimpl_new,
};
Object notimplemented_obj = PYVM_IMMORTAL_HEADER(&notimplemented_type);

static Object* ellipsis_repr(Object*) { return newref(str_interned("Ellipsis")); }
static Object* ellipsis_reduce(Object*, Object*) { return newref(str_interned("Ellipsis")); }
static PyMethodDef ellipsis_methods[] = {{"__reduce__", ellipsis_reduce, METH_NOARGS, nullptr},
                                         {nullptr, nullptr, 0, nullptr}};
static Object* ellipsis_new(Type*, Object* args, Object* kwds) {
  if (excess_args(args, kwds)) return set_error(&exc_TypeError, "EllipsisType takes no arguments");
  return ellipsis();
}
Type ellipsis_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "ellipsis",
    .tp_basicsize = sizeof(Object),
    .tp_dealloc = immortal_dealloc,
    .tp_repr = ellipsis_repr,
    .tp_methods = ellipsis_methods,
    .tp_new = ellipsis_new,
};
Object ellipsis_obj = PYVM_IMMORTAL_HEADER(&ellipsis_type);

}  // namespace pyvm
