// types.SimpleNamespace: attribute bag with a keyword constructor, a repr listing its attributes, and equality by
// attributes. The attribute dict is the object's own __dict__ (tp_dictoffset), guarded like any dict.
#include "objects/namespace.h"

#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {
namespace {

struct NamespaceObject {
  PyObject ob_base;
  Object* ns_dict;
};

Object*& ns_dict(Object* o) { return reinterpret_cast<NamespaceObject*>(o)->ns_dict; }

Object* namespace_tp_new(Type* t, Object*, Object*) {
  Object* o = new_object(t, size_t(t->tp_basicsize));
  if (!o) return nullptr;
  ns_dict(o) = dict_new();
  if (!ns_dict(o)) {
    decref(o);
    return nullptr;
  }
  return o;
}

int namespace_init(Object* self, Object* args, Object* kwds) {
  ssize n = args ? tuple_size(args) : 0;
  if (n > 1) {
    set_errorf(&exc_TypeError, "SimpleNamespace expected at most 1 argument, got {}", n);
    return -1;
  }
  if (n == 1) {
    // A mapping or an iterable of pairs, like dict().
    ORef d = steal(dict_new());
    if (!d || dict_update(d.get(), tuple_get(args, 0)) < 0) return -1;
    ssize pos = 0;
    Object *k, *v;
    while (dict_next(d.get(), &pos, &k, &v)) {
      if (!type_check(k, &str_type)) {
        set_errorf(&exc_TypeError, "keywords must be strings, not '{}'", type_name(k));
        return -1;
      }
    }
    if (dict_merge(ns_dict(self), d.get(), true) < 0) return -1;
  }
  if (kwds && dict_merge(ns_dict(self), kwds, true) < 0) return -1;
  return 0;
}

// The dict is strong and never null; no tp_clear (a cycle through the namespace is broken by its dict's clear).
int namespace_traverse(Object* o, visitproc visit, void* arg) { return ns_dict(o) ? visit(ns_dict(o), arg) : 0; }

void namespace_dealloc(Object* o) {
  Type* t = type_of(o);
  xdecref(ns_dict(o));
  object_free(o);
  dealloc_type_ref(t);
}

Object* namespace_repr(Object* self) {
  Type* t = type_of(self);
  std::string name = t == &namespace_type ? "namespace" : t->tp_name;
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    std::string s;
    ORef n = steal(get_attr_str(reinterpret_cast<Object*>(t), "__name__"));
    if (n && object_str_utf8(n.get(), &s)) name = s;
    error_clear();
  }
  int r = repr_enter(self);
  if (r < 0) return nullptr;
  if (r > 0) return str_from_utf8(name + "(...)");
  std::string out = name + "(";
  bool first = true;
  ssize pos = 0;
  Object *k, *v;
  bool ok = true;
  ORef keep = borrow(ns_dict(self));
  while (dict_next(keep.get(), &pos, &k, &v)) {
    if (!type_check(k, &str_type)) continue;
    std::string vr;
    ORef vref = borrow(v);
    if (!repr_utf8(v, &vr)) {
      ok = false;
      break;
    }
    if (!first) out += ", ";
    first = false;
    out += std::string(str_view(k)) + "=" + vr;
  }
  repr_leave(self);
  if (!ok) return nullptr;
  return str_from_utf8(out + ")");
}

Object* namespace_richcompare(Object* a, Object* b, int op) {
  if ((op == Py_EQ || op == Py_NE) && type_check(a, &namespace_type) && type_check(b, &namespace_type))
    return rich_compare(ns_dict(a), ns_dict(b), op);
  return newref(not_implemented());
}

Object* namespace_reduce(Object* self, Object*) {
  ORef args = steal(tuple_new(0));
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get(), ns_dict(self)});
}

// __replace__(**changes) (3.13): a copy with some attributes changed.
Object* namespace_replace(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs) return set_error(&exc_TypeError, "__replace__() takes no positional arguments");
  ORef empty = steal(tuple_new(0));
  if (!empty) return nullptr;
  ORef copy = steal(call_tuple_dict(reinterpret_cast<Object*>(type_of(self)), empty.get(), ns_dict(self)));
  if (!copy) return nullptr;
  ssize nk = kwnames ? tuple_size(kwnames) : 0;
  for (ssize i = 0; i < nk; i++)
    if (dict_set(ns_dict(copy.get()), tuple_get(kwnames, i), args[i]) < 0) return nullptr;
  return copy.release();
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef namespace_methods[] = {
    {"__reduce__", namespace_reduce, METH_NOARGS, nullptr},
    {"__replace__", FAST(namespace_replace), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Type namespace_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "types.SimpleNamespace",
    .tp_basicsize = sizeof(NamespaceObject),
    .tp_dealloc = namespace_dealloc,
    .tp_repr = namespace_repr,
    .tp_hash = hash_not_implemented,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_doc = "A simple attribute-based namespace.",
    .tp_traverse = namespace_traverse,
    .tp_richcompare = namespace_richcompare,
    .tp_methods = namespace_methods,
    .tp_dictoffset = offsetof(NamespaceObject, ns_dict),
    .tp_init = namespace_init,
    .tp_new = namespace_tp_new,
};

Object* namespace_new(Object* kwds) {
  if (type_ready(&namespace_type) < 0) return nullptr;
  Object* o = namespace_tp_new(&namespace_type, nullptr, nullptr);
  if (o && kwds && dict_merge(ns_dict(o), kwds, true) < 0) {
    decref(o);
    return nullptr;
  }
  return o;
}

}  // namespace pyvm
