// types.UnionType: what `int | str` (PEP 604) evaluates to for classes, None, generic aliases and type aliases.
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/typevar.h"

namespace pyvm {

namespace {

constexpr int kMemberObject = 6;
constexpr int kReadonly = 1;

struct UnionObject {
  PyObject ob_base;
  Object* args;        // tuple of at least two distinct members; None is stored as NoneType
  Object* parameters;  // computed on first use
};

UnionObject* as_union(Object* o) { return reinterpret_cast<UnionObject*>(o); }
Object* none_type_obj() { return reinterpret_cast<Object*>(&none_type); }

bool is_unionable(Object* o) {
  return o == none() || type_check(o, &type_type) || is_generic_alias(o) || is_union(o) ||
         type_of(o) == &typealias_type;
}

// Members are the same when identical, or equal generic aliases (list[int] | list[int] is list[int]).
int is_same(Object* a, Object* b) {
  if (is_generic_alias(a) && is_generic_alias(b)) return rich_compare_bool(a, b, Py_EQ);
  return a == b;
}

// Flattens nested unions, turns None into NoneType and drops duplicates; a single member is returned as itself.
Object* make_union(Object* const* items, ssize n) {
  std::vector<Object*> flat;
  for (ssize i = 0; i < n; i++) {
    Object* x = items[i];
    if (is_union(x)) {
      Object* a = as_union(x)->args;
      for (ssize k = 0; k < tuple_size(a); k++) flat.push_back(tuple_get(a, k));
    } else {
      flat.push_back(x == none() ? none_type_obj() : x);
    }
  }
  std::vector<Object*> members;
  for (Object* x : flat) {
    bool dup = false;
    for (Object* m : members) {
      int same = is_same(m, x);
      if (same < 0) return nullptr;
      if (same) {
        dup = true;
        break;
      }
    }
    if (!dup) members.push_back(x);
  }
  if (members.size() == 1) return newref(members[0]);
  ORef args = steal(tuple_from_array(members.data(), ssize(members.size())));
  if (!args) return nullptr;
  UnionObject* u = as_union(new_object(&union_type, sizeof(UnionObject)));
  if (!u) return nullptr;
  u->args = args.release();
  return reinterpret_cast<Object*>(u);
}

void union_dealloc(Object* o) {
  xdecref(as_union(o)->args);
  xdecref(as_union(o)->parameters);
  object_free(o);
}

int union_traverse(Object* o, visitproc visit, void* arg) {
  for (Object* f : {as_union(o)->args, as_union(o)->parameters})
    if (f)
      if (int r = visit(f, arg)) return r;
  return 0;
}

Object* union_repr(Object* o) {
  Object* args = as_union(o)->args;
  std::string s;
  for (ssize i = 0; i < tuple_size(args); i++) {
    if (i) s += " | ";
    Object* p = tuple_get(args, i);
    if (p == none_type_obj()) {
      s += "None";
    } else if (!ga_repr_item(p, &s)) {
      return nullptr;
    }
  }
  return str_from_utf8(s);
}

hash_t union_hash(Object* o) {
  ORef fs = steal(frozenset_new(as_union(o)->args));
  if (!fs) return -1;
  return object_hash(fs.get());
}

Object* union_richcompare(Object* a, Object* b, int op) {
  if (!is_union(b) || (op != Py_EQ && op != Py_NE)) return newref(not_implemented());
  ORef fa = steal(frozenset_new(as_union(a)->args));
  if (!fa) return nullptr;
  ORef fb = steal(frozenset_new(as_union(b)->args));
  if (!fb) return nullptr;
  return rich_compare(fa.get(), fb.get(), op);
}

Object* union_get_parameters(Object* o, void*) {
  UnionObject* u = as_union(o);
  Object* p = __atomic_load_n(&u->parameters, __ATOMIC_ACQUIRE);
  if (p) return newref(p);
  p = make_parameters(u->args);
  if (!p) return nullptr;
  Object* expected = nullptr;
  incref(p);
  if (!__atomic_compare_exchange_n(&u->parameters, &expected, p, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    decref(p);
    decref(p);
    return newref(expected);
  }
  return p;
}

// (list[T] | int)[str] substitutes in each member and joins the results with |.
Object* union_getitem(Object* self, Object* item) {
  ORef params = steal(union_get_parameters(self, nullptr));
  if (!params) return nullptr;
  ORef newargs = steal(subs_parameters(self, as_union(self)->args, params.get(), item));
  if (!newargs) return nullptr;
  ssize n = tuple_size(newargs.get());
  if (n == 0) return make_union(nullptr, 0);
  ORef res = borrow(tuple_get(newargs.get(), 0));
  for (ssize i = 1; i < n; i++) {
    res = steal(binary_op(res.get(), tuple_get(newargs.get(), i), NB_OR));
    if (!res) return nullptr;
  }
  return res.release();
}

// typing.py reads __module__ from unions; it is the class's ("types").
Object* union_getattro(Object* self, Object* name) {
  if (type_check(name, &str_type) && str_view(name) == "__module__")
    return get_attr(reinterpret_cast<Object*>(type_of(self)), name);
  return generic_getattr(self, name);
}

PyMemberDef union_members[] = {{"__args__", kMemberObject, offsetof(UnionObject, args), kReadonly, nullptr},
                               {nullptr, 0, 0, 0, nullptr}};
PyGetSetDef union_getset[] = {{"__parameters__", union_get_parameters, nullptr, nullptr, nullptr},
                              {nullptr, nullptr, nullptr, nullptr, nullptr}};
PyNumberMethods union_as_number = {.nb_or = union_type_or};
PyMappingMethods union_as_mapping = {nullptr, union_getitem, nullptr};

}  // namespace

Type union_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "types.UnionType",
    .tp_basicsize = sizeof(UnionObject),
    .tp_dealloc = union_dealloc,
    .tp_repr = union_repr,
    .tp_as_number = &union_as_number,
    .tp_as_mapping = &union_as_mapping,
    .tp_hash = union_hash,
    .tp_getattro = union_getattro,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "Represent a PEP 604 union type\n\nE.g. for int | str",
    .tp_traverse = union_traverse,
    .tp_richcompare = union_richcompare,
    .tp_members = union_members,
    .tp_getset = union_getset,
};

Object* union_type_or(Object* a, Object* b) {
  if (!is_unionable(a) || !is_unionable(b)) return newref(not_implemented());
  Object* items[2] = {a, b};
  return make_union(items, 2);
}

Object* union_args(Object* u) { return as_union(u)->args; }

int union_init_types() { return type_ready(&union_type); }

}  // namespace pyvm
