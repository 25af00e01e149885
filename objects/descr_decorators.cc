// staticmethod, classmethod, property and super: the descriptor types that Python code builds and decorates with.
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

Object* method_new(Object* func, Object* self);  // vm/function.cc

enum { kMemberObject = 6, kMemberReadonly = 1 };

// Whether `o.__isabstractmethod__` is true (CPython's _PyObject_IsAbstract). -1 on error.
static int is_abstract(Object* o) {
  if (!o) return 0;
  Object* v = nullptr;
  int r = get_attr_optional(o, str_interned("__isabstractmethod__"), &v);
  if (r <= 0) return r;
  ORef vr = steal(v);
  return object_is_true(v);
}

// The tuple/dict calling convention's positional and keyword arguments as a vectorcall array plus kwnames.
static bool flatten_args(Object* args, Object* kwds, std::vector<Object*>* a, ORef* kwnames) {
  a->assign(tuple_items(args), tuple_items(args) + tuple_size(args));
  if (!kwds || dict_size(kwds) == 0) return true;
  ORef keys = steal(dict_keys_list(kwds));
  ORef vals = steal(dict_values_list(kwds));
  if (!keys || !vals) return false;
  // The values list keeps them alive; the caller's kwds dict does too for the duration of the call.
  for (ssize i = 0; i < object_length(vals.get()); i++) {
    Object* v = sequence_get_index(vals.get(), i);
    a->push_back(v);
    decref(v);
  }
  *kwnames = steal(sequence_tuple(keys.get()));
  return bool(*kwnames);
}

// ---- staticmethod / classmethod ----

static Object* sm_alloc(Type* t, Object* callable) {
  auto* s = reinterpret_cast<StaticMethodObject*>(new_object(t, size_t(t->tp_basicsize)));
  if (!s) return nullptr;
  s->callable = xnewref(callable);
  return reinterpret_cast<Object*>(s);
}
Object* staticmethod_new(Object* callable) { return sm_alloc(&staticmethod_type, callable); }
Object* classmethod_new(Object* callable) { return sm_alloc(&classmethod_type, callable); }

// Collector support: the callable and the dict are strong (either may be null).
static int sm_traverse(Object* o, visitproc visit, void* arg) {
  auto* s = reinterpret_cast<StaticMethodObject*>(o);
  for (Object* v : {s->callable, s->dict})
    if (v)
      if (int r = visit(v, arg)) return r;
  return 0;
}
static int sm_clear(Object* o) {
  auto* s = reinterpret_cast<StaticMethodObject*>(o);
  for (Object** slot : {&s->callable, &s->dict}) clear_ref(slot);
  return 0;
}

static void sm_dealloc(Object* o) {
  auto* s = reinterpret_cast<StaticMethodObject*>(o);
  Type* t = type_of(o);
  xdecref(s->callable);
  xdecref(s->dict);
  object_free(o);
  dealloc_type_ref(t);
}

// Like functools.wraps: the wrapper shows the wrapped callable's __module__, __name__, __qualname__ and __doc__
// (stored in the wrapper's own __dict__).
static int copy_wrapped_attrs(Object* wrapper, Object* wrapped) {
  for (const char* n : {"__module__", "__name__", "__qualname__", "__doc__"}) {
    Object* name = str_interned(n);
    Object* v = nullptr;
    int r = get_attr_optional(wrapped, name, &v);
    if (r < 0) return -1;
    if (r == 0) continue;
    ORef vr = steal(v);
    if (set_attr(wrapper, name, v) < 0) return -1;
  }
  return 0;
}

static int sm_init_common(Object* self, Object* args, Object* kwds, const char* name) {
  if (kwds && dict_size(kwds)) {
    set_errorf(&exc_TypeError, "{}() takes no keyword arguments", name);
    return -1;
  }
  if (tuple_size(args) != 1) {
    set_errorf(&exc_TypeError, "{} expected 1 argument, got {}", name, tuple_size(args));
    return -1;
  }
  Object* callable = tuple_get(args, 0);
  set_slot(&reinterpret_cast<StaticMethodObject*>(self)->callable, newref(callable));
  return copy_wrapped_attrs(self, callable);
}
static int sm_init(Object* self, Object* args, Object* kwds) {
  return sm_init_common(self, args, kwds, "staticmethod");
}
static int cm_init(Object* self, Object* args, Object* kwds) { return sm_init_common(self, args, kwds, "classmethod"); }
static Object* sm_new(Type* t, Object*, Object*) { return sm_alloc(t, nullptr); }
static Object* sm_get(Object* self, Object*, Object*) {
  Object* c = reinterpret_cast<StaticMethodObject*>(self)->callable;
  if (!c) return set_error(&exc_RuntimeError, "uninitialized staticmethod object");
  return newref(c);
}
static Object* sm_call(Object* self, Object* args, Object* kwds) {
  Object* c = reinterpret_cast<StaticMethodObject*>(self)->callable;
  if (!c) return set_error(&exc_RuntimeError, "uninitialized staticmethod object");
  return call_tuple_dict(c, args, kwds);
}
static Object* sm_repr_common(Object* self, const char* kind) {
  Object* c = reinterpret_cast<StaticMethodObject*>(self)->callable;
  std::string r;
  if (c && !repr_utf8(c, &r)) return nullptr;
  return str_from_utf8(fmt::format("<{}({})>", kind, c ? r : "NULL"));
}
static Object* sm_repr(Object* self) { return sm_repr_common(self, "staticmethod"); }
static Object* cm_repr(Object* self) { return sm_repr_common(self, "classmethod"); }
static Object* sm_get_isabstract(Object* self, void*) {
  int r = is_abstract(reinterpret_cast<StaticMethodObject*>(self)->callable);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}
static Object* sm_get_dict(Object* self, void*) {
  Object** dp = &reinterpret_cast<StaticMethodObject*>(self)->dict;
  if (!*dp) {
    Object* d = dict_new();
    if (!d) return nullptr;
    Object* expected = nullptr;
    if (!__atomic_compare_exchange_n(dp, &expected, d, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) decref(d);
  }
  return newref(*dp);
}
static int sm_set_dict(Object* self, Object* value, void*) {
  if (!value) {
    set_error(&exc_TypeError, "cannot delete __dict__");
    return -1;
  }
  if (!type_check(value, &dict_type)) {
    set_errorf(&exc_TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name(value));
    return -1;
  }
  // Attribute lookups read the dict without a lock: the old one goes through QSBR.
  set_shared_slot(&reinterpret_cast<StaticMethodObject*>(self)->dict, newref(value));
  return 0;
}
static PyGetSetDef sm_getset[] = {{"__isabstractmethod__", sm_get_isabstract, nullptr, nullptr, nullptr},
                                  {"__dict__", sm_get_dict, sm_set_dict, nullptr, nullptr},
                                  {nullptr, nullptr, nullptr, nullptr, nullptr}};
static PyMemberDef sm_members[] = {
    {"__func__", kMemberObject, offsetof(StaticMethodObject, callable), kMemberReadonly, nullptr},
    {"__wrapped__", kMemberObject, offsetof(StaticMethodObject, callable), kMemberReadonly, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

static Object* cm_get(Object* self, Object* obj, Object* type) {
  Object* c = reinterpret_cast<StaticMethodObject*>(self)->callable;
  if (!c) return set_error(&exc_RuntimeError, "uninitialized classmethod object");
  if (!type) type = reinterpret_cast<Object*>(type_of(obj));
  return method_new(c, type);
}

Type staticmethod_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "staticmethod",
    .tp_basicsize = sizeof(StaticMethodObject),
    .tp_dealloc = sm_dealloc,
    .tp_repr = sm_repr,
    .tp_call = sm_call,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_doc = "Convert a function to be a static method.",
    .tp_traverse = sm_traverse,
    .tp_clear = sm_clear,
    .tp_members = sm_members,
    .tp_getset = sm_getset,
    .tp_descr_get = sm_get,
    .tp_dictoffset = offsetof(StaticMethodObject, dict),
    .tp_init = sm_init,
    .tp_new = sm_new,
};
Type classmethod_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "classmethod",
    .tp_basicsize = sizeof(StaticMethodObject),
    .tp_dealloc = sm_dealloc,
    .tp_repr = cm_repr,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_doc = "Convert a function to be a class method.",
    .tp_traverse = sm_traverse,
    .tp_clear = sm_clear,
    .tp_members = sm_members,
    .tp_getset = sm_getset,
    .tp_descr_get = cm_get,
    .tp_dictoffset = offsetof(StaticMethodObject, dict),
    .tp_init = cm_init,
    .tp_new = sm_new,
};

// ---- property ----

// Collector support: the five fields are strong (any may be null); no tp_clear, as CPython's property.
static int prop_traverse(Object* o, visitproc visit, void* arg) {
  auto* p = reinterpret_cast<PropertyObject*>(o);
  for (Object* v : {p->fget, p->fset, p->fdel, p->doc, p->name})
    if (v)
      if (int r = visit(v, arg)) return r;
  return 0;
}

static void prop_dealloc(Object* o) {
  auto* p = reinterpret_cast<PropertyObject*>(o);
  Type* t = type_of(o);
  xdecref(p->fget);
  xdecref(p->fset);
  xdecref(p->fdel);
  xdecref(p->doc);
  xdecref(p->name);
  object_free(o);
  dealloc_type_ref(t);
}
static Object* prop_new(Type* t, Object*, Object*) { return new_object(t, size_t(t->tp_basicsize)); }
static int prop_init(Object* self, Object* args, Object* kwds) {
  Object* out[4] = {};
  std::vector<Object*> a;
  ORef kwnames;
  if (!flatten_args(args, kwds, &a, &kwnames)) return -1;
  if (tuple_size(args) > 4) {
    set_errorf(&exc_TypeError, "property() takes at most 4 arguments ({} given)", tuple_size(args));
    return -1;
  }
  if (!parse_args("property", a.data(), tuple_size(args), kwnames.get(), {"fget", "fset", "fdel", "doc"}, 0, out))
    return -1;
  auto* p = reinterpret_cast<PropertyObject*>(self);
  auto norm = [](Object* v) { return v == none() ? nullptr : xnewref(v); };
  set_slot(&p->fget, norm(out[0]));
  set_slot(&p->fset, norm(out[1]));
  set_slot(&p->fdel, norm(out[2]));
  // No explicit doc: take the getter's.
  ORef doc = out[3] && out[3] != none() ? borrow(out[3]) : ORef();
  p->getter_doc = 0;
  if (!doc && p->fget) {
    Object* d = nullptr;
    if (get_attr_optional(p->fget, strs::doc, &d) < 0) return -1;
    doc = steal(d);
    if (doc && doc.get() == none() && type_of(self) != &property_type) doc = nullptr;
    if (doc) p->getter_doc = 1;
  }
  if (type_of(self) == &property_type) {
    set_slot(&p->doc, doc.release());
    return 0;
  }
  // A subclass keeps __doc__ in the instance dict: the class's own __doc__ would shadow the member otherwise.
  if (!doc) doc = borrow(none());
  if (set_attr(self, strs::doc, doc.get()) < 0) {
    if (!p->getter_doc && error_matches(&exc_AttributeError)) {
      error_clear();
      return 0;
    }
    return -1;
  }
  return 0;
}

// "property 'x' of 'C' object has no getter", or the shorter forms when the name or object is unknown.
static std::nullptr_t prop_missing(PropertyObject* p, Object* obj, const char* what) {
  std::string qual;
  if (obj) {
    Type* t = type_of(obj);
    qual = has_flag(t, Py_TPFLAGS_HEAPTYPE) && reinterpret_cast<HeapType*>(t)->ht_qualname
               ? std::string(str_view(reinterpret_cast<HeapType*>(t)->ht_qualname))
               : std::string(t->tp_name);
  }
  std::string name;
  if (p->name && !repr_utf8(p->name, &name)) return nullptr;
  if (p->name && obj) return set_errorf(&exc_AttributeError, "property {} of '{}' object has no {}", name, qual, what);
  if (obj) return set_errorf(&exc_AttributeError, "property of '{}' object has no {}", qual, what);
  return set_errorf(&exc_AttributeError, "property has no {}", what);
}

static Object* prop_get(Object* self, Object* obj, Object*) {
  auto* p = reinterpret_cast<PropertyObject*>(self);
  if (!obj || obj == none()) return newref(self);
  if (!p->fget) return prop_missing(p, obj, "getter");
  return call1(p->fget, obj);
}
static int prop_set(Object* self, Object* obj, Object* value) {
  auto* p = reinterpret_cast<PropertyObject*>(self);
  Object* f = value ? p->fset : p->fdel;
  if (!f) {
    prop_missing(p, obj, value ? "setter" : "deleter");
    return -1;
  }
  ORef r = steal(value ? call2(f, obj, value) : call1(f, obj));
  return r ? 0 : -1;
}
// getter/setter/deleter: a new property of the same type with one function replaced (CPython's property_copy).
static Object* prop_copy(Object* self, Object* fget, Object* fset, Object* fdel) {
  auto* p = reinterpret_cast<PropertyObject*>(self);
  Object* get = fget ? fget : p->fget ? p->fget : none();
  Object* set = fset ? fset : p->fset ? p->fset : none();
  Object* del = fdel ? fdel : p->fdel ? p->fdel : none();
  Object* doc = p->getter_doc && get != none() ? none() : p->doc ? p->doc : none();
  Object* a[4] = {get, set, del, doc};
  ORef n = steal(call(reinterpret_cast<Object*>(type_of(self)), a, 4, nullptr));
  if (!n) return nullptr;
  if (type_check(n.get(), &property_type))
    set_slot(&reinterpret_cast<PropertyObject*>(n.get())->name, xnewref(p->name));
  return n.release();
}
static Object* prop_getter(Object* self, Object* f) { return prop_copy(self, f, nullptr, nullptr); }
static Object* prop_setter(Object* self, Object* f) { return prop_copy(self, nullptr, f, nullptr); }
static Object* prop_deleter(Object* self, Object* f) { return prop_copy(self, nullptr, nullptr, f); }
static Object* prop_set_name(Object* self, Object* const* args, ssize nargs) {
  if (nargs != 2)
    return set_errorf(&exc_TypeError, "__set_name__() takes 2 positional arguments but {} were given", nargs);
  set_slot(&reinterpret_cast<PropertyObject*>(self)->name, newref(args[1]));
  return newref(none());
}
static PyMethodDef prop_methods[] = {
    {"getter", prop_getter, METH_O, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", prop_setter, METH_O, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", prop_deleter, METH_O, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(prop_set_name)), METH_FASTCALL,
     "Method to set name of a property."},
    {nullptr, nullptr, 0, nullptr}};
static Object* prop_get_name(Object* s, void*) {
  auto* p = reinterpret_cast<PropertyObject*>(s);
  if (p->name) return newref(p->name);
  if (p->fget) {
    Object* v = nullptr;
    int r = get_attr_optional(p->fget, strs::name, &v);
    if (r < 0) return nullptr;
    if (r) return v;
  }
  return set_errorf(&exc_AttributeError, "'{}' object has no attribute '__name__'", type_name(s));
}
static int prop_set_name_attr(Object* s, Object* v, void*) {
  set_slot(&reinterpret_cast<PropertyObject*>(s)->name, xnewref(v));
  return 0;
}
static Object* prop_get_isabstract(Object* s, void*) {
  auto* p = reinterpret_cast<PropertyObject*>(s);
  for (Object* f : {p->fget, p->fset, p->fdel}) {
    int r = is_abstract(f);
    if (r < 0) return nullptr;
    if (r) return newref(true_());
  }
  return newref(false_());
}
static PyGetSetDef prop_getset[] = {{"__name__", prop_get_name, prop_set_name_attr, nullptr, nullptr},
                                    {"__isabstractmethod__", prop_get_isabstract, nullptr, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};
static PyMemberDef prop_members[] = {{"fget", kMemberObject, offsetof(PropertyObject, fget), kMemberReadonly, nullptr},
                                     {"fset", kMemberObject, offsetof(PropertyObject, fset), kMemberReadonly, nullptr},
                                     {"fdel", kMemberObject, offsetof(PropertyObject, fdel), kMemberReadonly, nullptr},
                                     {"__doc__", kMemberObject, offsetof(PropertyObject, doc), 0, nullptr},
                                     {nullptr, 0, 0, 0, nullptr}};
Type property_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "property",
    .tp_basicsize = sizeof(PropertyObject),
    .tp_dealloc = prop_dealloc,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = prop_traverse,
    .tp_methods = prop_methods,
    .tp_members = prop_members,
    .tp_getset = prop_getset,
    .tp_descr_get = prop_get,
    .tp_descr_set = prop_set,
    .tp_init = prop_init,
    .tp_new = prop_new,
};

// ---- super ----

// The type whose MRO super() searches: obj itself when it is a subclass of type, else obj's class (CPython's
// supercheck, including a __class__ that claims a subclass). Returns a new reference.
static Type* super_obj_type(Type* type, Object* obj) {
  if (type_check(obj, &type_type) && is_subtype(reinterpret_cast<Type*>(obj), type))
    return reinterpret_cast<Type*>(newref(obj));
  if (is_subtype(type_of(obj), type)) return reinterpret_cast<Type*>(newref(reinterpret_cast<Object*>(type_of(obj))));
  Object* cls = nullptr;
  int r = get_attr_optional(obj, strs::class_, &cls);
  if (r < 0) return nullptr;
  ORef cr = steal(cls);
  if (cls && type_check(cls, &type_type) && cls != reinterpret_cast<Object*>(type_of(obj)) &&
      is_subtype(reinterpret_cast<Type*>(cls), type))
    return reinterpret_cast<Type*>(cr.release());
  bool is_type = type_check(obj, &type_type);
  set_errorf(&exc_TypeError, "super(type, obj): obj ({} {}) is not an instance or subtype of type ({}).",
             is_type ? "type" : "instance of", is_type ? reinterpret_cast<Type*>(obj)->tp_name : type_of(obj)->tp_name,
             type->tp_name);
  return nullptr;
}

static Object* super_find(Type* type, Type* start_type, Object* name) {
  Object* mro = start_type->tp_mro;
  if (!mro) return nullptr;
  ssize n = tuple_size(mro), i = 0;
  for (; i < n; i++)
    if (tuple_get(mro, i) == reinterpret_cast<Object*>(type)) break;
  for (i++; i < n; i++) {
    Type* t = reinterpret_cast<Type*>(tuple_get(mro, i));
    Object* v = nullptr;
    int r = dict_get(t->tp_dict, name, &v);
    if (r < 0) return nullptr;
    if (r > 0) return v;
  }
  return nullptr;
}

Object* super_lookup(Type* type, Object* obj, Object* name, bool want_method, bool* unbound) {
  *unbound = false;
  Type* st = super_obj_type(type, obj);
  if (!st) return nullptr;
  ORef st_ref = steal(reinterpret_cast<Object*>(st));
  ORef v = steal(super_find(type, st, name));
  if (!v) {
    if (error_occurred()) return nullptr;
    return set_errorf(&exc_AttributeError, "'super' object has no attribute '{}'", str_view(name));
  }
  if (want_method && type_of(v.get()) == &function_type) {
    *unbound = true;
    return v.release();
  }
  descrgetfunc g = type_of(v.get())->tp_descr_get;
  if (!g) return v.release();
  return g(v.get(), obj == reinterpret_cast<Object*>(st) ? nullptr : obj, reinterpret_cast<Object*>(st));
}

// Collector support: the three fields are strong (any may be null); no tp_clear.
static int super_traverse(Object* o, visitproc visit, void* arg) {
  auto* s = reinterpret_cast<SuperObject*>(o);
  for (Object* v : {reinterpret_cast<Object*>(s->type), s->obj, reinterpret_cast<Object*>(s->obj_type)})
    if (v)
      if (int r = visit(v, arg)) return r;
  return 0;
}

static void super_dealloc(Object* o) {
  auto* s = reinterpret_cast<SuperObject*>(o);
  Type* t = type_of(o);
  xdecref(reinterpret_cast<Object*>(s->type));
  xdecref(s->obj);
  xdecref(reinterpret_cast<Object*>(s->obj_type));
  object_free(o);
  dealloc_type_ref(t);
}
static Object* super_new(Type* t, Object*, Object*) { return new_object(t, size_t(t->tp_basicsize)); }

// Zero-argument super() is resolved by the interpreter (it knows the frame); it registers this hook.
int (*g_super_zero_args)(Type** type, Object** obj) = nullptr;

static int super_set(Object* self, Type* type, Object* obj) {
  Type* ot = nullptr;
  if (obj) {
    ot = super_obj_type(type, obj);
    if (!ot) return -1;
  }
  auto* s = reinterpret_cast<SuperObject*>(self);
  set_slot(reinterpret_cast<Object**>(&s->type), newref(reinterpret_cast<Object*>(type)));
  set_slot(&s->obj, xnewref(obj));
  set_slot(reinterpret_cast<Object**>(&s->obj_type), reinterpret_cast<Object*>(ot));
  return 0;
}

static int super_init(Object* self, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds)) {
    set_error(&exc_TypeError, "super() takes no keyword arguments");
    return -1;
  }
  ssize n = tuple_size(args);
  if (n > 2) {
    set_errorf(&exc_TypeError, "super() expected at most 2 arguments, got {}", n);
    return -1;
  }
  Type* type = nullptr;
  Object* obj = nullptr;
  if (n == 0) {
    if (!g_super_zero_args || g_super_zero_args(&type, &obj) < 0) return -1;
  } else {
    Object* t = tuple_get(args, 0);
    if (!type_check(t, &type_type)) {
      set_errorf(&exc_TypeError, "super() argument 1 must be a type, not {}", type_name(t));
      return -1;
    }
    type = reinterpret_cast<Type*>(t);
    obj = n > 1 ? tuple_get(args, 1) : nullptr;
    if (obj == none()) obj = nullptr;
  }
  return super_set(self, type, obj);
}
static Object* super_getattro(Object* self, Object* name) {
  auto* s = reinterpret_cast<SuperObject*>(self);
  // __class__ is the super object's own class, not that of the object it proxies.
  if (s->obj_type && !(type_check(name, &str_type) && str_view(name) == "__class__")) {
    ORef v = steal(super_find(s->type, s->obj_type, name));
    if (v) {
      descrgetfunc g = type_of(v.get())->tp_descr_get;
      if (!g) return v.release();
      return g(v.get(), s->obj == reinterpret_cast<Object*>(s->obj_type) ? nullptr : s->obj,
               reinterpret_cast<Object*>(s->obj_type));
    }
    if (error_occurred()) return nullptr;
  }
  return generic_getattr(self, name);
}
// An unbound super(T) binds on attribute access through an instance, like a method.
static Object* super_descr_get(Object* self, Object* obj, Object*) {
  auto* s = reinterpret_cast<SuperObject*>(self);
  if (!obj || obj == none() || s->obj) return newref(self);
  if (type_of(self) != &super_type) {
    Object* a[2] = {reinterpret_cast<Object*>(s->type), obj};
    return call(reinterpret_cast<Object*>(type_of(self)), a, 2, nullptr);
  }
  ORef n = steal(super_new(&super_type, nullptr, nullptr));
  if (!n || super_set(n.get(), s->type, obj) < 0) return nullptr;
  return n.release();
}
static Object* super_repr(Object* self) {
  auto* s = reinterpret_cast<SuperObject*>(self);
  if (s->obj_type)
    return str_from_utf8(
        fmt::format("<super: <class '{}'>, <{} object>>", s->type ? s->type->tp_name : "NULL", s->obj_type->tp_name));
  return str_from_utf8(fmt::format("<super: <class '{}'>, NULL>", s->type ? s->type->tp_name : "NULL"));
}
static PyMemberDef super_members[] = {
    {"__thisclass__", kMemberObject, offsetof(SuperObject, type), kMemberReadonly, "the class invoking super()"},
    {"__self__", kMemberObject, offsetof(SuperObject, obj), kMemberReadonly,
     "the instance invoking super(); may be None"},
    {"__self_class__", kMemberObject, offsetof(SuperObject, obj_type), kMemberReadonly,
     "the type of the instance invoking super(); may be None"},
    {nullptr, 0, 0, 0, nullptr}};
Type super_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "super",
    .tp_basicsize = sizeof(SuperObject),
    .tp_dealloc = super_dealloc,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = super_traverse,
    .tp_members = super_members,
    .tp_descr_get = super_descr_get,
    .tp_init = super_init,
    .tp_new = super_new,
};

}  // namespace pyvm
