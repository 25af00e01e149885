// The _collections module: deque (objects/deque.cc), defaultdict, _count_elements and _tuplegetter.
//
// Thread-safety: defaultdict keeps its items in the dict it extends (dict's own critical sections guard them);
// default_factory is a single pointer swapped under the object's critical section. _tuplegetter is immutable
// apart from __doc__, which is likewise swapped under its section.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/methods.h"
#include "objects/deque.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

using sync::CriticalSection;

// ---- defaultdict ----

struct DefDictObject {
  DictObject dict;
  Object* default_factory;  // null or None: no factory
};

inline DefDictObject* DD(Object* o) { return reinterpret_cast<DefDictObject*>(o); }
extern Type defdict_type;

// The factory (new reference, None when unset).
Object* factory_of(Object* self) {
  CriticalSection cs(self);
  Object* f = DD(self)->default_factory;
  return newref(f ? f : none());
}

Object* defdict_missing(Object* self, Object* key) {
  ORef factory = steal(factory_of(self));
  if (factory.get() == none()) {
    return set_key_error(key);
  }
  ORef value = steal(call0(factory.get()));
  if (!value) return nullptr;
  if (set_item(self, key, value.get()) < 0) return nullptr;
  return value.release();
}

// type(self)(default_factory, self): what copy() and `|` build.
Object* new_defdict(Object* self, Object* arg) {
  ORef factory = steal(factory_of(self));
  return call2(reinterpret_cast<Object*>(type_of(self)), factory.get(), arg);
}

Object* defdict_copy(Object* self, Object*) { return new_defdict(self, self); }

Object* defdict_reduce(Object* self, Object*) {
  ORef factory = steal(factory_of(self));
  ORef args = steal(factory.get() == none() ? newref(tuple_empty()) : tuple_pack({factory.get()}));
  if (!args) return nullptr;
  ORef items = steal(call_method0(self, str_interned("items")));
  if (!items) return nullptr;
  ORef it = steal(get_iter(items.get()));
  if (!it) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get(), none(), none(), it.get()});
}

Object* defdict_repr(Object* self) {
  ORef base = steal(dict_type.tp_repr(self));
  if (!base) return nullptr;
  ORef factory = steal(factory_of(self));
  std::string frepr;
  if (factory.get() == none()) {
    frepr = "None";
  } else {
    int r = repr_enter(factory.get());
    if (r < 0) return nullptr;
    if (r > 0) {
      frepr = "...";
    } else {
      bool ok = repr_utf8(factory.get(), &frepr);
      repr_leave(factory.get());
      if (!ok) return nullptr;
    }
  }
  std::string_view name = type_of(self)->tp_name;
  if (auto dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
  return str_from_utf8(fmt::format("{}({}, {})", name, frepr, str_view(base.get())));
}

Object* defdict_or(Object* left, Object* right) {
  Object* self;
  Object* other;
  if (type_check(left, &defdict_type)) {
    self = left;
    other = right;
  } else {
    self = right;
    other = left;
  }
  if (!dict_check(other)) return newref(not_implemented());
  ORef result = steal(new_defdict(self, left));
  if (!result) return nullptr;
  if (dict_update(result.get(), right) < 0) return nullptr;
  return result.release();
}

int defdict_init(Object* self, Object* args, Object* kwds) {
  Object* factory = nullptr;
  ORef rest;
  ssize n = tuple_size(args);
  if (n > 0) {
    factory = tuple_get(args, 0);
    if (factory == none()) {
      factory = nullptr;
    } else if (!is_callable(factory)) {
      set_error(&exc_TypeError, "first argument must be callable or None");
      return -1;
    }
    rest = steal(tuple_get_slice(args, 1, n));
  } else {
    rest = borrow(args);
  }
  if (!rest) return -1;
  {
    CriticalSection cs(self);
    set_slot(&DD(self)->default_factory, xnewref(factory));
  }
  return dict_type.tp_init(self, rest.get(), kwds);
}

Object* defdict_factory_get(Object* self, void*) { return factory_of(self); }

int defdict_factory_set(Object* self, Object* value, void*) {
  CriticalSection cs(self);
  set_slot(&DD(self)->default_factory, (value && value != none()) ? newref(value) : nullptr);
  return 0;
}

void defdict_dealloc(Object* self) {
  Object* f = DD(self)->default_factory;
  DD(self)->default_factory = nullptr;
  xdecref(f);
  dict_type.tp_dealloc(self);
}

int defdict_traverse(Object* self, visitproc visit, void* arg) {
  if (Object* f = DD(self)->default_factory)
    if (int r = visit(f, arg)) return r;
  return dict_type.tp_traverse(self, visit, arg);
}

int defdict_tp_clear(Object* self) {
  {
    CriticalSection cs(self);
    set_slot(&DD(self)->default_factory, nullptr);
  }
  return dict_type.tp_clear ? dict_type.tp_clear(self) : 0;
}

PyMethodDef defdict_methods[] = {
    {"__missing__", defdict_missing, METH_O,
     "__missing__(key) # Called by __getitem__ for missing key; pseudo-code:\n"
     "  if self.default_factory is None: raise KeyError((key,))\n"
     "  self[key] = value = self.default_factory()\n  return value\n"},
    {"copy", defdict_copy, METH_NOARGS, "D.copy() -> a shallow copy of D."},
    {"__copy__", defdict_copy, METH_NOARGS, "D.copy() -> a shallow copy of D."},
    {"__reduce__", defdict_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef defdict_getset[] = {
    {"default_factory", defdict_factory_get, defdict_factory_set, "Factory for default value called by __missing__().",
     nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyNumberMethods defdict_as_number = {.nb_or = defdict_or};

Type defdict_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "collections.defaultdict",
    .tp_basicsize = sizeof(DefDictObject),
    .tp_dealloc = defdict_dealloc,
    .tp_repr = defdict_repr,
    .tp_as_number = &defdict_as_number,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_DICT_SUBCLASS | Py_TPFLAGS_MAPPING,
    .tp_doc =
        "defaultdict(default_factory=None, /, [...]) --> dict with default factory\n\n"
        "The default factory is called without arguments to produce\n"
        "a new value when a key is not present, in __getitem__ only.\n"
        "A defaultdict compares equal to a dict with the same items.\n"
        "All remaining arguments are treated the same as if they were\n"
        "passed to the dict constructor, including keyword arguments.\n",
    .tp_traverse = defdict_traverse,
    .tp_clear = defdict_tp_clear,
    .tp_methods = defdict_methods,
    .tp_getset = defdict_getset,
    .tp_base = &dict_type,
    .tp_init = defdict_init,
    .tp_free = object_free,
};

// ---- _count_elements ----

Object* count_elements(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("_count_elements", nargs, kwnames, 2, 2)) return nullptr;
  Object* mapping = args[0];
  ORef it = steal(get_iter(args[1]));
  if (!it) return nullptr;
  ORef one = steal(int_from_ssize(1));
  ORef zero = steal(int_from_ssize(0));
  if (!one || !zero) return nullptr;
  bool exact = dict_check_exact(mapping);
  ORef get;
  if (!exact) {
    get = steal(get_attr_str(mapping, "get"));
    if (!get) return nullptr;
  }
  for (;;) {
    ORef key = steal(iter_next(it.get()));
    if (!key) {
      if (error_occurred()) return nullptr;
      break;
    }
    ORef old;
    if (exact) {
      Object* v = nullptr;
      int r = dict_get(mapping, key.get(), &v);
      if (r < 0) return nullptr;
      old = steal(r ? v : newref(zero.get()));
    } else {
      old = steal(call2(get.get(), key.get(), zero.get()));
      if (!old) return nullptr;
    }
    ORef n = steal(binary_op(old.get(), one.get(), NB_ADD));
    if (!n) return nullptr;
    if ((exact ? dict_set(mapping, key.get(), n.get()) : set_item(mapping, key.get(), n.get())) < 0) return nullptr;
  }
  return none();
}

// ---- _tuplegetter ----

struct TupleGetter {
  PyObject ob_base;
  ssize index;
  Object* doc;
};

inline TupleGetter* TG(Object* o) { return reinterpret_cast<TupleGetter*>(o); }

Object* tuplegetter_new(Type* type, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds) > 0) return set_error(&exc_TypeError, "_tuplegetter() takes no keyword arguments");
  if (tuple_size(args) != 2)
    return set_errorf(&exc_TypeError, "_tuplegetter expected 2 arguments, got {}", tuple_size(args));
  Object* idx = tuple_get(args, 0);
  if (!type_check(idx, &int_type))
    return set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_of(idx)->tp_name);
  ssize index = int_as_ssize(idx);
  if (index == -1 && error_occurred()) return nullptr;
  Object* o = new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  TG(o)->index = index;
  TG(o)->doc = newref(tuple_get(args, 1));
  return o;
}

void tuplegetter_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(TG(self)->doc);
  object_free(self);
  dealloc_type_ref(t);
}

int tuplegetter_traverse(Object* self, visitproc visit, void* arg) {
  if (Object* d = TG(self)->doc) return visit(d, arg);
  return 0;
}

Object* tuplegetter_get(Object* self, Object* obj, Object*) {
  if (!obj || obj == none()) return newref(self);
  ssize index = TG(self)->index;
  if (!type_check(obj, &tuple_type))
    return set_errorf(&exc_TypeError, "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
                      index, type_of(obj)->tp_name);
  if (index < 0 || index >= tuple_size(obj)) return set_error(&exc_IndexError, "tuple index out of range");
  return newref(tuple_get(obj, index));
}

int tuplegetter_set(Object*, Object*, Object* value) {
  set_error(&exc_AttributeError, value ? "can't set attribute" : "can't delete attribute");
  return -1;
}

Object* tuplegetter_reduce(Object* self, Object*) {
  ORef idx = steal(int_from_ssize(TG(self)->index));
  if (!idx) return nullptr;
  ORef doc;
  {
    CriticalSection cs(self);
    doc = borrow(TG(self)->doc ? TG(self)->doc : none());
  }
  ORef args = steal(tuple_pack({idx.get(), doc.get()}));
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

Object* tuplegetter_doc_get(Object* self, void*) {
  CriticalSection cs(self);
  return newref(TG(self)->doc ? TG(self)->doc : none());
}

int tuplegetter_doc_set(Object* self, Object* value, void*) {
  CriticalSection cs(self);
  set_slot(&TG(self)->doc, xnewref(value));
  return 0;
}

PyMethodDef tuplegetter_methods[] = {{"__reduce__", tuplegetter_reduce, METH_NOARGS, nullptr},
                                     {nullptr, nullptr, 0, nullptr}};

PyGetSetDef tuplegetter_getset[] = {{"__doc__", tuplegetter_doc_get, tuplegetter_doc_set, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};

Type tuplegetter_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "collections._tuplegetter",
    .tp_basicsize = sizeof(TupleGetter),
    .tp_dealloc = tuplegetter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_traverse = tuplegetter_traverse,
    .tp_methods = tuplegetter_methods,
    .tp_getset = tuplegetter_getset,
    .tp_descr_get = tuplegetter_get,
    .tp_descr_set = tuplegetter_set,
    .tp_new = tuplegetter_new,
    .tp_free = object_free,
};

PyMethodDef collections_functions[] = {
    {"_count_elements", as_cfunc(count_elements), METH_FASTCALL | METH_KEYWORDS,
     "Count elements in the iterable, updating the mapping"},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Object* create_collections_module() {
  if (deque_init_types() < 0 || type_ready(&defdict_type) < 0 || type_ready(&tuplegetter_type) < 0) return nullptr;
  ORef m = steal(module_new(str_interned("_collections")));
  if (!m) return nullptr;
  if (module_add_functions(m.get(), collections_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("High performance data structures.\n"
                                 "- deque:        ordered collection accessible from endpoints only\n"
                                 "- defaultdict:  dict subclass with a default value factory\n"));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  struct {
    const char* name;
    Type* type;
  } types[] = {
      {"deque", &deque_type},
      {"defaultdict", &defdict_type},
      {"_deque_iterator", &deque_iter_type},
      {"_deque_reverse_iterator", &deque_reverse_iter_type},
      {"_tuplegetter", &tuplegetter_type},
  };
  for (auto& t : types)
    if (dict_set_str(d, t.name, reinterpret_cast<Object*>(t.type)) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
