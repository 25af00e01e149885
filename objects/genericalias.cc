// types.GenericAlias: what list[int], dict[str, int] and other parameterized built-in classes evaluate to.
#include "objects/genericalias.h"

#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/typevar.h"
#include "objects/weakref.h"

namespace pyvm {

namespace {

constexpr int kMemberObject = 6;
constexpr int kMemberBool = 14;
constexpr int kReadonly = 1;

struct GenericAliasObject {
  PyObject ob_base;
  Object* origin;
  Object* args;        // tuple
  Object* parameters;  // tuple, computed on first use
  Object* weakreflist;
  bool starred;  // *tuple[int]: the result of unpacking an alias
};

GenericAliasObject* as_ga(Object* o) { return reinterpret_cast<GenericAliasObject*>(o); }

// Index of `item` (by identity) among the first `len` items of the vector, or -1.
ssize index_of(const std::vector<ORef>& v, Object* item) {
  for (size_t i = 0; i < v.size(); i++)
    if (v[i].get() == item) return ssize(i);
  return -1;
}

Object* vector_tuple(const std::vector<ORef>& v) {
  Object* t = tuple_new(ssize(v.size()));
  if (!t) return nullptr;
  for (size_t i = 0; i < v.size(); i++) tuple_set(t, ssize(i), newref(v[i].get()));
  return t;
}

Object* ga_alloc(Type* type, Object* origin, Object* args) {
  ORef targs = type_check(args, &tuple_type) ? borrow(args) : steal(tuple_pack({args}));
  if (!targs) return nullptr;
  GenericAliasObject* ga = as_ga(new_object(type, size_t(type->tp_basicsize)));
  if (!ga) return nullptr;
  ga->origin = newref(origin);
  ga->args = targs.release();
  return reinterpret_cast<Object*>(ga);
}

void ga_dealloc(Object* o) {
  clear_weakrefs(o);
  GenericAliasObject* ga = as_ga(o);
  xdecref(ga->origin);
  xdecref(ga->args);
  xdecref(ga->parameters);
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

int ga_traverse(Object* o, visitproc visit, void* arg) {
  GenericAliasObject* ga = as_ga(o);
  for (Object* f : {ga->origin, ga->args, ga->parameters})
    if (f)
      if (int r = visit(f, arg)) return r;
  return 0;
}

Object* ga_get_parameters(Object* o, void*) {
  GenericAliasObject* ga = as_ga(o);
  Object* p = __atomic_load_n(&ga->parameters, __ATOMIC_ACQUIRE);
  if (p) return newref(p);
  p = make_parameters(ga->args);
  if (!p) return nullptr;
  Object* expected = nullptr;
  incref(p);
  if (!__atomic_compare_exchange_n(&ga->parameters, &expected, p, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    decref(p);
    decref(p);
    return newref(expected);
  }
  return p;
}

Object* ga_repr(Object* o) {
  GenericAliasObject* ga = as_ga(o);
  std::string s = ga->starred ? "*" : "";
  if (!ga_repr_item(ga->origin, &s)) return nullptr;
  s += '[';
  ssize n = tuple_size(ga->args);
  for (ssize i = 0; i < n; i++) {
    if (i) s += ", ";
    if (!ga_repr_item(tuple_get(ga->args, i), &s)) return nullptr;
  }
  if (n == 0) s += "()";  // tuple[()]
  s += ']';
  return str_from_utf8(s);
}

hash_t ga_hash(Object* o) {
  hash_t h0 = object_hash(as_ga(o)->origin);
  if (h0 == -1) return -1;
  hash_t h1 = object_hash(as_ga(o)->args);
  if (h1 == -1) return -1;
  hash_t h = h0 ^ h1;
  return h == -1 ? -2 : h;
}

Object* ga_richcompare(Object* a, Object* b, int op) {
  if (!is_generic_alias(b) || (op != Py_EQ && op != Py_NE)) return newref(not_implemented());
  int eq = as_ga(a)->starred == as_ga(b)->starred;
  if (eq) eq = rich_compare_bool(as_ga(a)->origin, as_ga(b)->origin, Py_EQ);
  if (eq > 0) eq = rich_compare_bool(as_ga(a)->args, as_ga(b)->args, Py_EQ);
  if (eq < 0) return nullptr;
  return newref(bool_obj(op == Py_EQ ? eq : !eq));
}

// Calling list[int](...) makes a list and records the alias in __orig_class__ where the object allows it.
Object* ga_call(Object* self, Object* args, Object* kwds) {
  ORef obj = steal(call_tuple_dict(as_ga(self)->origin, args, kwds));
  if (!obj) return nullptr;
  if (set_attr(obj.get(), str_interned("__orig_class__"), self) < 0) {
    if (!error_matches(&exc_AttributeError) && !error_matches(&exc_TypeError)) return nullptr;
    error_clear();
  }
  return obj.release();
}

// Attributes the alias answers itself; everything else is looked up on the origin (list[int].append).
constexpr const char* kAttrExceptions[] = {
    "__class__",
    "__bases__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
};

Object* ga_getattro(Object* self, Object* name) {
  if (type_check(name, &str_type)) {
    std::string_view n = str_view(name);
    bool own = false;
    for (const char* e : kAttrExceptions) own = own || n == e;
    if (!own) return get_attr(as_ga(self)->origin, name);
  }
  return generic_getattr(self, name);
}

Object* ga_getitem(Object* self, Object* item) {
  ORef params = steal(ga_get_parameters(self, nullptr));
  if (!params) return nullptr;
  ORef newargs = steal(subs_parameters(self, as_ga(self)->args, params.get(), item));
  if (!newargs) return nullptr;
  Object* r = generic_alias_new(as_ga(self)->origin, newargs.get());
  if (r) as_ga(r)->starred = as_ga(self)->starred;
  return r;
}

Object* ga_mro_entries(Object* self, Object*) { return tuple_pack({as_ga(self)->origin}); }

Object* ga_instancecheck(Object*, Object*) {
  return set_error(&exc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}

Object* ga_subclasscheck(Object*, Object*) {
  return set_error(&exc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}

Object* ga_reduce(Object* self, Object*) {
  ORef inner = steal(tuple_pack({as_ga(self)->origin, as_ga(self)->args}));
  if (!inner) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), inner.get()});
}

// dir(list[int]): the origin's attributes plus the ones the alias answers itself.
Object* ga_dir(Object* self, Object*) {
  Object* origin = as_ga(self)->origin;
  // dir() looks __dir__ up on the type, as CPython's PyObject_Dir does.
  Object* dir = type_lookup(type_of(origin), str_interned("__dir__"));
  if (!dir) return set_error(&exc_TypeError, "object does not provide __dir__");
  ORef keep = borrow(dir);
  ORef names = steal(call1(dir, origin));
  if (!names) return nullptr;
  ORef list = steal(sequence_list(names.get()));
  if (!list || list_sort(list.get(), nullptr, false) < 0) return nullptr;
  for (const char* e : kAttrExceptions) {
    ORef name = steal(str_from_utf8(e));
    if (!name) return nullptr;
    int has = sequence_contains(list.get(), name.get());
    if (has < 0) return nullptr;
    if (!has && list_append(list.get(), name.get()) < 0) return nullptr;
  }
  return list.release();
}

Object* ga_unpacked_tuple_args(Object* self, void*) {
  GenericAliasObject* ga = as_ga(self);
  if (ga->starred && ga->origin == reinterpret_cast<Object*>(&tuple_type)) return newref(ga->args);
  return newref(none());
}

Object* ga_new(Type* type, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds)) return set_error(&exc_TypeError, "GenericAlias() takes no keyword arguments");
  ssize n = tuple_size(args);
  if (n != 2) return set_errorf(&exc_TypeError, "GenericAlias expected 2 arguments, got {}", n);
  return ga_alloc(type, tuple_get(args, 0), tuple_get(args, 1));
}

// iter(tuple[int, str]) yields *tuple[int, str] once.
// The alias is kept until the iterator dies (CPython drops it when exhausted): a thread racing next() or
// __reduce__ must never see it freed. `done` is claimed with an atomic exchange, so only one next() yields it.
struct GaIterObject {
  PyObject ob_base;
  Object* obj;  // the alias
  int done;
};

Object* ga_iter_next(Object* o) {
  auto* it = reinterpret_cast<GaIterObject*>(o);
  if (__atomic_exchange_n(&it->done, 1, __ATOMIC_RELAXED)) return nullptr;
  Object* alias = it->obj;
  Object* starred = generic_alias_new(as_ga(alias)->origin, as_ga(alias)->args);
  if (starred) as_ga(starred)->starred = true;
  return starred;
}

// (iter, (alias,)); (iter, ((),)) once exhausted.
Object* ga_iter_reduce(Object* o, Object*) {
  ORef iter = steal(builtin_object("iter"));  // first: the lookup can run code that exhausts this iterator
  if (!iter) return nullptr;
  auto* it = reinterpret_cast<GaIterObject*>(o);
  bool done = __atomic_load_n(&it->done, __ATOMIC_RELAXED);
  return iter_reduce_value(iter.get(), done ? tuple_empty() : it->obj, nullptr);
}

PyMethodDef ga_iter_methods[] = {{"__reduce__", ga_iter_reduce, METH_NOARGS, "Return state information for pickling."},
                                 {nullptr, nullptr, 0, nullptr}};

void ga_iter_dealloc(Object* o) {
  xdecref(reinterpret_cast<GaIterObject*>(o)->obj);
  object_free(o);
}

Object* self_iter(Object* o) { return newref(o); }

Type ga_iter_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "generic_alias_iterator",
    .tp_basicsize = sizeof(GaIterObject),
    .tp_dealloc = ga_iter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_iter = self_iter,
    .tp_iternext = ga_iter_next,
    .tp_methods = ga_iter_methods,
};

Object* ga_iter(Object* self) {
  auto* it = reinterpret_cast<GaIterObject*>(new_object(&ga_iter_type, sizeof(GaIterObject)));
  if (!it) return nullptr;
  it->obj = newref(self);
  it->done = 0;
  return reinterpret_cast<Object*>(it);
}

PyMemberDef ga_members[] = {{"__origin__", kMemberObject, offsetof(GenericAliasObject, origin), kReadonly, nullptr},
                            {"__args__", kMemberObject, offsetof(GenericAliasObject, args), kReadonly, nullptr},
                            {"__unpacked__", kMemberBool, offsetof(GenericAliasObject, starred), kReadonly, nullptr},
                            {nullptr, 0, 0, 0, nullptr}};
PyGetSetDef ga_getset[] = {{"__parameters__", ga_get_parameters, nullptr, nullptr, nullptr},
                           {"__typing_unpacked_tuple_args__", ga_unpacked_tuple_args, nullptr, nullptr, nullptr},
                           {nullptr, nullptr, nullptr, nullptr, nullptr}};
PyMethodDef ga_methods[] = {{"__mro_entries__", ga_mro_entries, METH_O, nullptr},
                            {"__instancecheck__", ga_instancecheck, METH_O, nullptr},
                            {"__subclasscheck__", ga_subclasscheck, METH_O, nullptr},
                            {"__reduce__", ga_reduce, METH_NOARGS, nullptr},
                            {"__dir__", ga_dir, METH_NOARGS, nullptr},
                            {nullptr, nullptr, 0, nullptr}};
PyNumberMethods ga_as_number = {.nb_or = union_type_or};
PyMappingMethods ga_as_mapping = {nullptr, ga_getitem, nullptr};

// The __class_getitem__ CPython gives the built-in generic classes: cls[item] is GenericAlias(cls, item).
Object* ga_class_getitem(Object* cls, Object* item) { return generic_alias_new(cls, item); }
PyMethodDef ga_class_getitem_def = {"__class_getitem__", ga_class_getitem, METH_O | METH_CLASS, "See PEP 585"};

// Appends the ga_repr_item of every item of a list ("[int, str]").
bool repr_items_list(Object* list, std::string* out) {
  ORef t = steal(sequence_tuple(list));
  if (!t) return false;
  *out += '[';
  for (ssize i = 0; i < tuple_size(t.get()); i++) {
    if (i) *out += ", ";
    if (!ga_repr_item(tuple_get(t.get(), i), out)) return false;
  }
  *out += ']';
  return true;
}

}  // namespace

Type generic_alias_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "types.GenericAlias",
    .tp_basicsize = sizeof(GenericAliasObject),
    .tp_dealloc = ga_dealloc,
    .tp_repr = ga_repr,
    .tp_as_number = &ga_as_number,
    .tp_as_mapping = &ga_as_mapping,
    .tp_hash = ga_hash,
    .tp_call = ga_call,
    .tp_getattro = ga_getattro,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc =
        "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).",
    .tp_traverse = ga_traverse,
    .tp_richcompare = ga_richcompare,
    .tp_weaklistoffset = offsetof(GenericAliasObject, weakreflist),
    .tp_iter = ga_iter,
    .tp_methods = ga_methods,
    .tp_members = ga_members,
    .tp_getset = ga_getset,
    .tp_new = ga_new,
};

Object* generic_alias_new(Object* origin, Object* args) { return ga_alloc(&generic_alias_type, origin, args); }

bool ga_repr_item(Object* p, std::string* out) {
  if (p == ellipsis()) {
    *out += "...";
    return true;
  }
  if (type_check(p, &list_type)) return repr_items_list(p, out);
  std::string r;
  // Something that looks like a generic alias prints its own repr.
  int has_origin = has_attr(p, str_interned("__origin__"));
  if (has_origin < 0) return false;
  int has_args = has_origin ? has_attr(p, str_interned("__args__")) : 0;
  if (has_args < 0) return false;
  if (!has_args) {
    Object* qualname = nullptr;
    int rq = get_attr_optional(p, strs::qualname, &qualname);
    if (rq < 0) return false;
    ORef q = steal(qualname);
    if (rq) {
      Object* module = nullptr;
      int rm = get_attr_optional(p, strs::module, &module);
      if (rm < 0) return false;
      ORef m = steal(module);
      if (rm && module != none()) {
        // Looks like a class: builtins need no module name.
        std::string qs, ms;
        if (!object_str_utf8(qualname, &qs)) return false;
        if (type_check(module, &str_type) && str_view(module) == "builtins") {
          *out += qs;
        } else {
          if (!object_str_utf8(module, &ms)) return false;
          *out += ms + "." + qs;
        }
        return true;
      }
    }
  }
  if (!repr_utf8(p, &r)) return false;
  *out += r;
  return true;
}

Object* make_parameters(Object* args) {
  ORef targs = borrow(args);
  std::vector<ORef> params;
  for (ssize i = 0; i < tuple_size(targs.get()); i++) {
    Object* t = tuple_get(targs.get(), i);
    if (type_check(t, &type_type)) continue;  // not the __parameters__ descriptor of a bare class
    int subst = is_typevar(t) || is_paramspec(t) || is_typevartuple(t);
    if (!subst) subst = has_attr(t, str_interned("__typing_subst__"));
    if (subst < 0) return nullptr;
    if (subst) {
      if (index_of(params, t) < 0) params.push_back(borrow(t));
      continue;
    }
    Object* sub = nullptr;
    int r = get_attr_optional(t, str_interned("__parameters__"), &sub);
    if (r < 0) return nullptr;
    ORef subparams = steal(sub);
    if (subparams && type_check(subparams.get(), &tuple_type)) {
      for (ssize k = 0; k < tuple_size(subparams.get()); k++) {
        Object* t2 = tuple_get(subparams.get(), k);
        if (index_of(params, t2) < 0) params.push_back(borrow(t2));
      }
    }
  }
  return vector_tuple(params);
}

namespace {

// The item of an argument `*tuple[...]`: its args, or null (no error) when it is not an unpacked tuple.
Object* unpacked_tuple_args(Object* arg) {
  if (is_generic_alias(arg) && as_ga(arg)->starred && as_ga(arg)->origin == reinterpret_cast<Object*>(&tuple_type))
    return newref(as_ga(arg)->args);
  Object* r = nullptr;
  if (get_attr_optional(arg, str_interned("__typing_unpacked_tuple_args__"), &r) > 0) {
    if (r != none()) return r;
    decref(r);
  }
  return nullptr;
}

// Splices the items of *tuple[int, str] arguments (unless they end in ...) into one tuple.
Object* unpack_items(Object* item) {
  ORef t = type_check(item, &tuple_type) ? borrow(item) : steal(tuple_pack({item}));
  if (!t) return nullptr;
  std::vector<ORef> out;
  for (ssize i = 0; i < tuple_size(t.get()); i++) {
    Object* a = tuple_get(t.get(), i);
    if (!type_check(a, &type_type)) {
      ORef sub = steal(unpacked_tuple_args(a));
      if (sub && type_check(sub.get(), &tuple_type)) {
        ssize n = tuple_size(sub.get());
        if (!(n && tuple_get(sub.get(), n - 1) == ellipsis())) {
          for (ssize k = 0; k < n; k++) out.push_back(borrow(tuple_get(sub.get(), k)));
          continue;
        }
      }
      if (error_occurred()) return nullptr;
    }
    out.push_back(borrow(a));
  }
  return vector_tuple(out);
}

int is_unpacked_tvt(Object* arg) {
  if (type_check(arg, &type_type)) return 0;
  Object* v = nullptr;
  int r = get_attr_optional(arg, str_interned("__typing_is_unpacked_typevartuple__"), &v);
  if (r <= 0) return r;
  ORef vr = steal(v);
  return object_is_true(v);
}

// Substitutes into an argument that has its own __parameters__ (list[T] inside dict[str, list[T]]).
Object* subs_tvars(Object* obj, Object* params, Object* argitems) {
  Object* sub = nullptr;
  int r = get_attr_optional(obj, str_interned("__parameters__"), &sub);
  if (r < 0) return nullptr;
  ORef subparams = steal(sub);
  if (!r || !type_check(sub, &tuple_type) || tuple_size(sub) == 0) return newref(obj);
  std::vector<ORef> subargs;
  for (ssize i = 0; i < tuple_size(sub); i++) {
    Object* arg = tuple_get(sub, i);
    ssize iparam = -1;
    for (ssize k = 0; k < tuple_size(params); k++)
      if (tuple_get(params, k) == arg) iparam = k;
    if (iparam >= 0) {
      Object* param = tuple_get(params, iparam);
      arg = tuple_get(argitems, iparam);
      if (type_of(param)->tp_iter && type_check(arg, &tuple_type)) {  // a TypeVarTuple
        for (ssize k = 0; k < tuple_size(arg); k++) subargs.push_back(borrow(tuple_get(arg, k)));
        continue;
      }
    }
    subargs.push_back(borrow(arg));
  }
  ORef t = steal(vector_tuple(subargs));
  if (!t) return nullptr;
  return get_item(obj, t.get());
}

}  // namespace

Object* subs_parameters(Object* self, Object* args, Object* parameters, Object* item) {
  ssize nparams = tuple_size(parameters);
  std::string s;
  if (nparams == 0) {
    if (!repr_utf8(self, &s)) return nullptr;
    return set_errorf(&exc_TypeError, "{} is not a generic class", s);
  }
  ORef items = steal(unpack_items(item));
  if (!items) return nullptr;
  for (ssize i = 0; i < nparams; i++) {
    Object* prepare = nullptr;
    int r = get_attr_optional(tuple_get(parameters, i), str_interned("__typing_prepare_subst__"), &prepare);
    if (r < 0) return nullptr;
    ORef pr = steal(prepare);
    if (!r || prepare == none()) continue;
    ORef res = steal(call2(prepare, self, items.get()));
    if (!res) return nullptr;
    items = type_check(res.get(), &tuple_type) ? std::move(res) : steal(tuple_pack({res.get()}));
    if (!items) return nullptr;
  }
  ssize nitems = tuple_size(items.get());
  if (nitems != nparams) {
    if (!repr_utf8(self, &s)) return nullptr;
    return set_errorf(&exc_TypeError, "Too {} arguments for {}; actual {}, expected {}",
                      nitems > nparams ? "many" : "few", s, nitems, nparams);
  }
  std::vector<ORef> newargs;
  for (ssize iarg = 0; iarg < tuple_size(args); iarg++) {
    Object* arg = tuple_get(args, iarg);
    if (type_check(arg, &type_type)) {
      newargs.push_back(borrow(arg));
      continue;
    }
    int unpack = is_unpacked_tvt(arg);
    if (unpack < 0) return nullptr;
    Object* subst = nullptr;
    int r = get_attr_optional(arg, str_interned("__typing_subst__"), &subst);
    if (r < 0) return nullptr;
    ORef sr = steal(subst);
    ORef res;
    if (r) {
      ssize iparam = -1;
      for (ssize k = 0; k < nparams; k++)
        if (tuple_get(parameters, k) == arg) iparam = k;
      if (iparam < 0) return set_error(&exc_SystemError, "a type parameter is missing from __parameters__");
      res = steal(call1(subst, tuple_get(items.get(), iparam)));
    } else {
      res = steal(subs_tvars(arg, parameters, items.get()));
    }
    if (!res) return nullptr;
    if (unpack) {
      ORef t = steal(sequence_tuple(res.get()));
      if (!t) return nullptr;
      for (ssize k = 0; k < tuple_size(t.get()); k++) newargs.push_back(borrow(tuple_get(t.get(), k)));
    } else {
      newargs.push_back(std::move(res));
    }
  }
  return vector_tuple(newargs);
}

int generic_alias_install_class_getitem(Type* t) {
  int has = dict_contains(t->tp_dict, strs::class_getitem);
  if (has) return has < 0 ? -1 : 0;
  ORef d = steal(method_descr_new(t, &ga_class_getitem_def));
  if (!d) return -1;
  // A class method: described by a classmethod_descriptor, as type_ready does for METH_CLASS rows.
  d.get()->ob_type = &classmethod_descr_type;
  if (dict_set(t->tp_dict, strs::class_getitem, d.get()) < 0) return -1;
  type_cache_invalidate();
  return 0;
}

int genericalias_init_types() {
  for (Type* t : {&generic_alias_type, &ga_iter_type})
    if (type_ready(t) < 0) return -1;
  // The built-in generic classes of this layer; the interpreter's (generator, coroutine, async_generator) are
  // added by the runtime.
  for (Type* t : {&list_type, &dict_type, &tuple_type, &set_type, &frozenset_type, &enumerate_type, &mappingproxy_type,
                  &exc_BaseExceptionGroup})
    if (generic_alias_install_class_getitem(t) < 0) return -1;
  return union_init_types();
}

}  // namespace pyvm
