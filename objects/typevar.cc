// TypeVar, ParamSpec, TypeVarTuple, ParamSpecArgs/Kwargs, TypeAliasType and NoDefault, plus the PEP 695 intrinsics.
#include "objects/typevar.h"

#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

TypingHooks g_typing_hooks = {nullptr, nullptr};

namespace {

// PyMemberDef kinds and flags (CPython's Py_T_OBJECT, Py_T_BOOL, Py_READONLY).
constexpr int kMemberObject = 6;
constexpr int kMemberBool = 14;
constexpr int kReadonly = 1;

TypeParamObject* as_param(Object* o) { return reinterpret_cast<TypeParamObject*>(o); }

// The (args tuple, kwargs dict) of a tp_new call in the vectorcall form parse_args takes.
struct FlatArgs {
  std::vector<Object*> items;
  ORef kwnames;
  ssize nargs = 0;
  // Takes the first `max_positional` positional arguments (all when negative) and every keyword.
  bool init(Object* args, Object* kwds, ssize max_positional = -1) {
    nargs = tuple_size(args);
    if (max_positional >= 0 && nargs > max_positional) nargs = max_positional;
    for (ssize i = 0; i < nargs; i++) items.push_back(tuple_get(args, i));
    if (kwds && dict_size(kwds)) {
      ORef keys = steal(dict_keys_list(kwds));
      if (!keys) return false;
      kwnames = steal(list_as_tuple(keys.get()));
      if (!kwnames) return false;
      for (ssize k = 0; k < tuple_size(kwnames.get()); k++) {
        Object* v = nullptr;
        int r = dict_get(kwds, tuple_get(kwnames.get(), k), &v);
        if (r <= 0) {
          if (r == 0) set_error(&exc_RuntimeError, "keyword arguments changed during the call");
          return false;
        }
        items.push_back(v);
        decref(v);  // the dict keeps it alive for the duration of the call
      }
    }
    return true;
  }
};

// The module of the Python code calling a constructor (CPython's caller()); None when unknown.
Object* caller_module() {
  Object* m = g_typing_hooks.caller_module ? g_typing_hooks.caller_module() : nullptr;
  return m ? m : none();
}

// Returns *field, computing it with `evaluate()` on first use and publishing it with a compare-and-swap (new
// reference). When the evaluation fails the field stays empty, so a later access retries, as in CPython.
Object* lazy_field(Object** field, Object* evaluate) {
  Object* v = __atomic_load_n(field, __ATOMIC_ACQUIRE);
  if (v) return newref(v);
  Object* r = call0(evaluate);
  if (!r) return nullptr;
  incref(r);
  Object* expected = nullptr;
  if (!__atomic_compare_exchange_n(field, &expected, r, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    decref(r);
    decref(r);
    return newref(expected);
  }
  return r;
}

bool check_name(const char* fname, Object* name) {
  if (type_check(name, &str_type)) return true;
  set_errorf(&exc_TypeError, "{}() argument 'name' must be str, not {}", fname, type_name(name));
  return false;
}

// typing._type_check(bound, "Bound must be a type."), delegated to typing when it is loaded (None is converted
// to NoneType first, as CPython's C code does).
Object* check_bound(Object* bound) {
  if (bound == none()) return newref(reinterpret_cast<Object*>(&none_type));
  ORef msg = steal(str_from_utf8("Bound must be a type."));
  if (!msg) return nullptr;
  Object* a[2] = {bound, msg.get()};
  Object* r = nullptr;
  int called = typing_call("_type_check", a, 2, &r);
  if (called < 0) return nullptr;
  if (called) return r;
  return typing_type_check(bound, "Bound must be a type.");
}

// Parses the variance flags shared by the three constructors; -1 on error.
int parse_variance(Object* cov, Object* contra, Object* infer, bool* out) {
  Object* flags[3] = {cov, contra, infer};
  for (int i = 0; i < 3; i++) {
    out[i] = false;
    if (!flags[i]) continue;
    int t = object_is_true(flags[i]);
    if (t < 0) return -1;
    out[i] = t;
  }
  if (out[0] && out[1]) {
    set_error(&exc_ValueError, "Bivariant types are not supported.");
    return -1;
  }
  if (out[2] && (out[0] || out[1])) {
    set_error(&exc_ValueError, "Variance cannot be specified with infer_variance.");
    return -1;
  }
  return 0;
}

// Allocates a type parameter of `type`. References are borrowed; `dflt` may be NoDefault (stored as null). A
// non-null `module` becomes the instance's __module__.
Object* typeparam_alloc(Type* type, Object* name, Object* bound, Object* evaluate_bound, Object* constraints,
                        Object* evaluate_constraints, Object* dflt, bool cov, bool contra, bool infer, Object* module) {
  ORef o = steal(new_object(type, sizeof(TypeParamObject)));
  if (!o) return nullptr;
  TypeParamObject* p = as_param(o.get());
  p->name = newref(name);
  p->bound = xnewref(bound);
  p->evaluate_bound = xnewref(evaluate_bound);
  p->constraints = xnewref(constraints);
  p->evaluate_constraints = xnewref(evaluate_constraints);
  p->default_value = dflt == no_default() ? nullptr : xnewref(dflt);
  p->covariant = cov;
  p->contravariant = contra;
  p->infer_variance = infer;
  if (module && set_attr(o.get(), strs::module, module) < 0) return nullptr;
  return o.release();
}

void typeparam_dealloc(Object* o) {
  TypeParamObject* p = as_param(o);
  xdecref(p->name);
  xdecref(p->bound);
  xdecref(p->evaluate_bound);
  xdecref(p->constraints);
  xdecref(p->evaluate_constraints);
  xdecref(p->default_value);
  xdecref(p->evaluate_default);
  Object** d = managed_dict_ptr(o);
  xdecref(*d);
  *d = nullptr;
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

int typeparam_traverse(Object* o, visitproc visit, void* arg) {
  TypeParamObject* p = as_param(o);
  for (Object* f : {p->name, p->bound, p->evaluate_bound, p->constraints, p->evaluate_constraints, p->default_value,
                    p->evaluate_default, *managed_dict_ptr(o)})
    if (f)
      if (int r = visit(f, arg)) return r;
  return 0;
}

Object* typeparam_repr(Object* o) {
  TypeParamObject* p = as_param(o);
  if (p->infer_variance || is_typevartuple(o)) return newref(p->name);  // TypeVarTuple has no variance
  const char* variance = p->covariant ? "+" : p->contravariant ? "-" : "~";
  return str_from_utf8(fmt::format("{}{}", variance, str_view(p->name)));
}

Object* typeparam_reduce(Object* o, Object*) { return newref(as_param(o)->name); }

Object* typeparam_has_default_method(Object* o, Object*) { return newref(bool_obj(typeparam_has_default(o) > 0)); }

Object* typeparam_get_default(Object* o, void*) { return typeparam_default(o); }

// `T | X` and `X | T` make typing.Union[T, X] (typing._make_union when typing is loaded).
Object* typeparam_or(Object* a, Object* b) {
  Object* args[2] = {a, b};
  Object* r = nullptr;
  int called = typing_call("_make_union", args, 2, &r);
  if (called < 0) return nullptr;
  if (called) return r;
  ORef pair = steal(tuple_pack({a, b}));
  if (!pair) return nullptr;
  return typing_union(pair.get());
}

PyNumberMethods typeparam_as_number = {.nb_or = typeparam_or};

// ---- TypeVar ----

Object* typevar_get_bound(Object* o, void*) {
  TypeParamObject* p = as_param(o);
  if (!p->evaluate_bound) return newref(p->bound ? p->bound : none());
  return lazy_field(&p->bound, p->evaluate_bound);
}

Object* typevar_get_constraints(Object* o, void*) {
  TypeParamObject* p = as_param(o);
  if (!p->evaluate_constraints) return newref(p->constraints ? p->constraints : tuple_empty());
  return lazy_field(&p->constraints, p->evaluate_constraints);
}

Object* typevar_new(Type* type, Object* args, Object* kwds) {
  // With *constraints in the signature, a name given both ways gets the generic message CPython's parser gives.
  if (tuple_size(args) && kwds) {
    int has = dict_contains(kwds, str_interned("name"));
    if (has < 0) return nullptr;
    if (has) return set_error(&exc_TypeError, "invalid keyword argument for typevar()");
  }
  FlatArgs fa;
  if (!fa.init(args, kwds, 1)) return nullptr;
  Object* a[6];
  if (!parse_args("typevar", fa.items.data(), fa.nargs, fa.kwnames.get(),
                  {"name", "$bound", "$default", "$covariant", "$contravariant", "$infer_variance"}, 1, a))
    return nullptr;
  if (!check_name("typevar", a[0])) return nullptr;
  bool variance[3];
  if (parse_variance(a[3], a[4], a[5], variance) < 0) return nullptr;
  ORef bound;
  if (a[1] && a[1] != none()) {
    bound = steal(check_bound(a[1]));
    if (!bound) return nullptr;
  }
  ORef constraints;
  ssize nconstraints = tuple_size(args) > 1 ? tuple_size(args) - 1 : 0;
  if (nconstraints == 1) return set_error(&exc_TypeError, "A single constraint is not allowed");
  if (nconstraints > 1) {
    if (bound) return set_error(&exc_TypeError, "Constraints cannot be combined with bound=...");
    constraints = steal(tuple_get_slice(args, 1, tuple_size(args)));
    if (!constraints) return nullptr;
  }
  return typeparam_alloc(type, a[0], bound.get(), nullptr, constraints.get(), nullptr, a[2], variance[0], variance[1],
                         variance[2], caller_module());
}

Object* typevar_typing_subst(Object* self, Object* arg) {
  Object* a[2] = {self, arg};
  Object* r = nullptr;
  int called = typing_call("_typevar_subst", a, 2, &r);
  if (called < 0) return nullptr;
  if (called) return r;
  return typevar_subst_native(self, arg);
}

// TypeVar.__typing_prepare_subst__(alias, args): fills in the default when the argument for this parameter is
// missing (C code in CPython 3.13 too).
Object* typevar_typing_prepare_subst(Object* self, Object* const* args, ssize nargs) {
  if (!check_positional("__typing_prepare_subst__", nargs, nullptr, 2, 2)) return nullptr;
  Object* alias = args[0];
  Object* targs = args[1];
  ORef params = steal(get_attr(alias, str_interned("__parameters__")));
  if (!params) return nullptr;
  ORef seq = steal(sequence_tuple(params.get()));
  if (!seq) return nullptr;
  ssize i = 0;
  for (; i < tuple_size(seq.get()); i++) {
    int eq = rich_compare_bool(tuple_get(seq.get(), i), self, Py_EQ);
    if (eq < 0) return nullptr;
    if (eq) break;
  }
  if (i == tuple_size(seq.get())) return set_error(&exc_ValueError, "sequence.index(x): x not in sequence");
  ssize args_len = object_length(targs);
  if (args_len < 0) return nullptr;
  if (i < args_len) return newref(targs);
  if (i == args_len) {
    ORef dflt = steal(typeparam_default(self));
    if (!dflt) return nullptr;
    if (dflt.get() != no_default()) {
      ORef extra = steal(tuple_pack({dflt.get()}));
      if (!extra) return nullptr;
      return binary_op(targs, extra.get(), NB_ADD);
    }
  }
  std::string r;
  if (!object_str_utf8(alias, &r)) return nullptr;
  return set_errorf(&exc_TypeError, "Too few arguments for {}; actual {}, expected at least {}", r, args_len, i + 1);
}

Object* typevar_mro_entries(Object*, Object*) {
  return set_error(&exc_TypeError, "Cannot subclass an instance of TypeVar");
}

PyMemberDef typevar_members[] = {
    {"__name__", kMemberObject, offsetof(TypeParamObject, name), kReadonly, nullptr},
    {"__covariant__", kMemberBool, offsetof(TypeParamObject, covariant), kReadonly, nullptr},
    {"__contravariant__", kMemberBool, offsetof(TypeParamObject, contravariant), kReadonly, nullptr},
    {"__infer_variance__", kMemberBool, offsetof(TypeParamObject, infer_variance), kReadonly, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyGetSetDef typevar_getset[] = {{"__bound__", typevar_get_bound, nullptr, nullptr, nullptr},
                                {"__constraints__", typevar_get_constraints, nullptr, nullptr, nullptr},
                                {"__default__", typeparam_get_default, nullptr, nullptr, nullptr},
                                {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMethodDef typevar_methods[] = {
    {"__typing_subst__", typevar_typing_subst, METH_O, nullptr},
    {"__typing_prepare_subst__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(typevar_typing_prepare_subst)),
     METH_FASTCALL, nullptr},
    {"__reduce__", typeparam_reduce, METH_NOARGS, nullptr},
    {"has_default", typeparam_has_default_method, METH_NOARGS, nullptr},
    {"__mro_entries__", typevar_mro_entries, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr}};

// ---- ParamSpec ----

Object* paramspec_get_args(Object* o, void*);
Object* paramspec_get_kwargs(Object* o, void*);

Object* paramspec_new(Type* type, Object* args, Object* kwds) {
  FlatArgs fa;
  if (!fa.init(args, kwds)) return nullptr;
  Object* a[6];
  if (!parse_args("paramspec", fa.items.data(), fa.nargs, fa.kwnames.get(),
                  {"name", "$bound", "$default", "$covariant", "$contravariant", "$infer_variance"}, 1, a))
    return nullptr;
  if (!check_name("paramspec", a[0])) return nullptr;
  bool variance[3];
  if (parse_variance(a[3], a[4], a[5], variance) < 0) return nullptr;
  // CPython 3.13 type-checks the bound even when it is the default None, which gives NoneType.
  ORef bound = steal(check_bound(a[1] ? a[1] : none()));
  if (!bound) return nullptr;
  return typeparam_alloc(type, a[0], bound.get(), nullptr, nullptr, nullptr, a[2], variance[0], variance[1],
                         variance[2], caller_module());
}

Object* paramspec_typing_subst(Object* self, Object* arg) {
  Object* a[2] = {self, arg};
  Object* r = nullptr;
  int called = typing_call("_paramspec_subst", a, 2, &r);
  if (called < 0) return nullptr;
  if (called) return r;
  return paramspec_subst_native(self, arg);
}

Object* paramspec_typing_prepare_subst(Object* self, Object* const* args, ssize nargs) {
  if (!check_positional("__typing_prepare_subst__", nargs, nullptr, 2, 2)) return nullptr;
  Object* a[3] = {self, args[0], args[1]};
  Object* r = nullptr;
  int called = typing_call("_paramspec_prepare_subst", a, 3, &r);
  if (called < 0) return nullptr;
  if (called) return r;
  return paramspec_prepare_subst_native(self, args[0], args[1]);
}

Object* paramspec_mro_entries(Object*, Object*) {
  return set_error(&exc_TypeError, "Cannot subclass an instance of ParamSpec");
}

PyMemberDef paramspec_members[] = {
    {"__name__", kMemberObject, offsetof(TypeParamObject, name), kReadonly, nullptr},
    {"__bound__", kMemberObject, offsetof(TypeParamObject, bound), kReadonly, nullptr},
    {"__covariant__", kMemberBool, offsetof(TypeParamObject, covariant), kReadonly, nullptr},
    {"__contravariant__", kMemberBool, offsetof(TypeParamObject, contravariant), kReadonly, nullptr},
    {"__infer_variance__", kMemberBool, offsetof(TypeParamObject, infer_variance), kReadonly, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyGetSetDef paramspec_getset[] = {{"args", paramspec_get_args, nullptr, nullptr, nullptr},
                                  {"kwargs", paramspec_get_kwargs, nullptr, nullptr, nullptr},
                                  {"__default__", typeparam_get_default, nullptr, nullptr, nullptr},
                                  {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMethodDef paramspec_methods[] = {
    {"__typing_subst__", paramspec_typing_subst, METH_O, nullptr},
    {"__typing_prepare_subst__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(paramspec_typing_prepare_subst)),
     METH_FASTCALL, nullptr},
    {"has_default", typeparam_has_default_method, METH_NOARGS, nullptr},
    {"__reduce__", typeparam_reduce, METH_NOARGS, nullptr},
    {"__mro_entries__", paramspec_mro_entries, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr}};

// ---- TypeVarTuple ----

Object* typevartuple_new(Type* type, Object* args, Object* kwds) {
  FlatArgs fa;
  if (!fa.init(args, kwds)) return nullptr;
  Object* a[2];
  if (!parse_args("typevartuple", fa.items.data(), fa.nargs, fa.kwnames.get(), {"name", "$default"}, 1, a))
    return nullptr;
  if (!check_name("typevartuple", a[0])) return nullptr;
  return typeparam_alloc(type, a[0], nullptr, nullptr, nullptr, nullptr, a[1], false, false, false, caller_module());
}

// iter(Ts) yields Unpack[Ts] once: that is what `*Ts` means.
Object* typevartuple_iter(Object* self) {
  ORef u = steal(typing_unpack(self));
  if (!u) return nullptr;
  ORef t = steal(tuple_pack({u.get()}));
  if (!t) return nullptr;
  return get_iter(t.get());
}

Object* typevartuple_typing_subst(Object*, Object*) {
  return set_error(&exc_TypeError, "Substitution of bare TypeVarTuple is not supported");
}

Object* typevartuple_typing_prepare_subst(Object* self, Object* const* args, ssize nargs) {
  if (!check_positional("__typing_prepare_subst__", nargs, nullptr, 2, 2)) return nullptr;
  Object* a[3] = {self, args[0], args[1]};
  Object* r = nullptr;
  int called = typing_call("_typevartuple_prepare_subst", a, 3, &r);
  if (called < 0) return nullptr;
  if (called) return r;
  return typevartuple_prepare_subst_native(self, args[0], args[1]);
}

Object* typevartuple_mro_entries(Object*, Object*) {
  return set_error(&exc_TypeError, "Cannot subclass an instance of TypeVarTuple");
}

PyMemberDef typevartuple_members[] = {{"__name__", kMemberObject, offsetof(TypeParamObject, name), kReadonly, nullptr},
                                      {nullptr, 0, 0, 0, nullptr}};

PyGetSetDef typevartuple_getset[] = {{"__default__", typeparam_get_default, nullptr, nullptr, nullptr},
                                     {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMethodDef typevartuple_methods[] = {
    {"__typing_subst__", typevartuple_typing_subst, METH_O, nullptr},
    {"__typing_prepare_subst__",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(typevartuple_typing_prepare_subst)), METH_FASTCALL, nullptr},
    {"__reduce__", typeparam_reduce, METH_NOARGS, nullptr},
    {"has_default", typeparam_has_default_method, METH_NOARGS, nullptr},
    {"__mro_entries__", typevartuple_mro_entries, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr}};

// ---- ParamSpecArgs / ParamSpecKwargs ----

struct ParamSpecAttrObject {
  PyObject ob_base;
  Object* origin;
};

Object* paramspecattr_alloc(Type* type, Object* origin) {
  auto* o = reinterpret_cast<ParamSpecAttrObject*>(new_object(type, sizeof(ParamSpecAttrObject)));
  if (!o) return nullptr;
  o->origin = newref(origin);
  return reinterpret_cast<Object*>(o);
}

Object* paramspec_get_args(Object* o, void*) { return paramspecattr_alloc(&paramspecargs_type, o); }
Object* paramspec_get_kwargs(Object* o, void*) { return paramspecattr_alloc(&paramspeckwargs_type, o); }

void paramspecattr_dealloc(Object* o) {
  xdecref(reinterpret_cast<ParamSpecAttrObject*>(o)->origin);
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

int paramspecattr_traverse(Object* o, visitproc visit, void* arg) {
  Object* origin = reinterpret_cast<ParamSpecAttrObject*>(o)->origin;
  return origin ? visit(origin, arg) : 0;
}

Object* paramspecattr_richcompare(Object* a, Object* b, int op) {
  if (type_of(a) != type_of(b) || (op != Py_EQ && op != Py_NE)) return newref(not_implemented());
  return rich_compare(reinterpret_cast<ParamSpecAttrObject*>(a)->origin,
                      reinterpret_cast<ParamSpecAttrObject*>(b)->origin, op);
}

Object* paramspecattr_repr(Object* o, const char* suffix) {
  Object* origin = reinterpret_cast<ParamSpecAttrObject*>(o)->origin;
  if (is_paramspec(origin)) return str_from_utf8(fmt::format("{}.{}", str_view(as_param(origin)->name), suffix));
  std::string r;
  if (!repr_utf8(origin, &r)) return nullptr;
  return str_from_utf8(fmt::format("{}.{}", r, suffix));
}
Object* paramspecargs_repr(Object* o) { return paramspecattr_repr(o, "args"); }
Object* paramspeckwargs_repr(Object* o) { return paramspecattr_repr(o, "kwargs"); }

Object* paramspecattr_new(Type* type, Object* args, Object* kwds, const char* fname) {
  ssize given = tuple_size(args) + (kwds ? dict_size(kwds) : 0);
  if (given > 1) return set_errorf(&exc_TypeError, "{}() takes at most 1 argument ({} given)", fname, given);
  FlatArgs fa;
  if (!fa.init(args, kwds)) return nullptr;
  Object* a[1];
  if (!parse_args(fname, fa.items.data(), fa.nargs, fa.kwnames.get(), {"origin"}, 1, a)) return nullptr;
  return paramspecattr_alloc(type, a[0]);
}
Object* paramspecargs_new(Type* t, Object* args, Object* kwds) {
  return paramspecattr_new(t, args, kwds, "paramspecargs");
}
Object* paramspeckwargs_new(Type* t, Object* args, Object* kwds) {
  return paramspecattr_new(t, args, kwds, "paramspeckwargs");
}

Object* paramspecargs_mro_entries(Object*, Object*) {
  return set_error(&exc_TypeError, "Cannot subclass an instance of ParamSpecArgs");
}
Object* paramspeckwargs_mro_entries(Object*, Object*) {
  return set_error(&exc_TypeError, "Cannot subclass an instance of ParamSpecKwargs");
}

PyMemberDef paramspecattr_members[] = {
    {"__origin__", kMemberObject, offsetof(ParamSpecAttrObject, origin), kReadonly, nullptr},
    {nullptr, 0, 0, 0, nullptr}};
PyMethodDef paramspecargs_methods[] = {{"__mro_entries__", paramspecargs_mro_entries, METH_O, nullptr},
                                       {nullptr, nullptr, 0, nullptr}};
PyMethodDef paramspeckwargs_methods[] = {{"__mro_entries__", paramspeckwargs_mro_entries, METH_O, nullptr},
                                         {nullptr, nullptr, 0, nullptr}};

// ---- TypeAliasType ----

struct TypeAliasObject {
  PyObject ob_base;
  Object* name;
  Object* type_params;    // non-empty tuple, or null
  Object* compute_value;  // the function of a `type` statement, or null
  Object* value;          // null until computed
  Object* module;         // set by the constructor; `type` statements use compute_value's module
};

TypeAliasObject* as_alias(Object* o) { return reinterpret_cast<TypeAliasObject*>(o); }

Object* typealias_alloc(Object* name, Object* type_params, Object* compute_value, Object* value, Object* module) {
  auto* ta = as_alias(new_object(&typealias_type, sizeof(TypeAliasObject)));
  if (!ta) return nullptr;
  ta->name = newref(name);
  ta->type_params = type_params && tuple_size(type_params) ? newref(type_params) : nullptr;
  ta->compute_value = xnewref(compute_value);
  ta->value = xnewref(value);
  ta->module = xnewref(module);
  return reinterpret_cast<Object*>(ta);
}

void typealias_dealloc(Object* o) {
  TypeAliasObject* ta = as_alias(o);
  xdecref(ta->name);
  xdecref(ta->type_params);
  xdecref(ta->compute_value);
  xdecref(ta->value);
  xdecref(ta->module);
  object_free(o);
}

int typealias_traverse(Object* o, visitproc visit, void* arg) {
  TypeAliasObject* ta = as_alias(o);
  for (Object* f : {ta->name, ta->type_params, ta->compute_value, ta->value, ta->module})
    if (f)
      if (int r = visit(f, arg)) return r;
  return 0;
}

Object* typealias_repr(Object* o) { return newref(as_alias(o)->name); }

Object* typealias_get_value(Object* o, void*) {
  TypeAliasObject* ta = as_alias(o);
  if (!ta->compute_value) return newref(ta->value);
  return lazy_field(&ta->value, ta->compute_value);
}

Object* typealias_get_type_params(Object* o, void*) {
  Object* tp = as_alias(o)->type_params;
  return newref(tp ? tp : tuple_empty());
}

Object* typealias_get_parameters(Object* o, void*) {
  Object* tp = as_alias(o)->type_params;
  if (!tp) return newref(tuple_empty());
  return unpack_typevartuples(tp);
}

Object* typealias_get_module(Object* o, void*) {
  TypeAliasObject* ta = as_alias(o);
  if (ta->module) return newref(ta->module);
  if (ta->compute_value) {
    Object* m = nullptr;
    int r = get_attr_optional(ta->compute_value, strs::module, &m);
    if (r < 0) return nullptr;
    if (r > 0) return m;
  }
  return newref(none());
}

Object* typealias_reduce(Object* o, Object*) { return newref(as_alias(o)->name); }

Object* typealias_subscript(Object* o, Object* args) {
  if (!as_alias(o)->type_params) return set_error(&exc_TypeError, "Only generic type aliases are subscriptable");
  return generic_alias_new(o, args);
}

Object* typealias_new(Type*, Object* args, Object* kwds) {
  FlatArgs fa;
  if (!fa.init(args, kwds)) return nullptr;
  Object* a[3];
  if (!parse_args("typealias", fa.items.data(), fa.nargs, fa.kwnames.get(), {"name", "value", "$type_params"}, 2, a))
    return nullptr;
  if (!check_name("typealias", a[0])) return nullptr;
  if (a[2] && !type_check(a[2], &tuple_type)) return set_error(&exc_TypeError, "type_params must be a tuple");
  return typealias_alloc(a[0], a[2], nullptr, a[1], caller_module());
}

PyMemberDef typealias_members[] = {{"__name__", kMemberObject, offsetof(TypeAliasObject, name), kReadonly, nullptr},
                                   {nullptr, 0, 0, 0, nullptr}};
PyGetSetDef typealias_getset[] = {{"__parameters__", typealias_get_parameters, nullptr, nullptr, nullptr},
                                  {"__type_params__", typealias_get_type_params, nullptr, nullptr, nullptr},
                                  {"__value__", typealias_get_value, nullptr, nullptr, nullptr},
                                  {"__module__", typealias_get_module, nullptr, nullptr, nullptr},
                                  {nullptr, nullptr, nullptr, nullptr, nullptr}};
PyMethodDef typealias_methods[] = {{"__reduce__", typealias_reduce, METH_NOARGS, nullptr},
                                   {nullptr, nullptr, 0, nullptr}};
PyNumberMethods typealias_as_number = {.nb_or = union_type_or};
PyMappingMethods typealias_as_mapping = {nullptr, typealias_subscript, nullptr};

// ---- NoDefault ----

Object* nodefault_repr(Object*) { return str_from_utf8("typing.NoDefault"); }
Object* nodefault_reduce(Object*, Object*) { return str_from_utf8("NoDefault"); }
Object* nodefault_new(Type*, Object* args, Object* kwds) {
  if (tuple_size(args) || (kwds && dict_size(kwds)))
    return set_error(&exc_TypeError, "NoDefaultType takes no arguments");
  return no_default();  // immortal
}
void nodefault_dealloc(Object*) {}  // immortal: never freed
PyMethodDef nodefault_methods[] = {{"__reduce__", nodefault_reduce, METH_NOARGS, nullptr},
                                   {nullptr, nullptr, 0, nullptr}};

constexpr unsigned long kParamFlags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT;

}  // namespace

// ---- the types ----

Type typevar_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing.TypeVar",
    .tp_basicsize = sizeof(TypeParamObject),
    .tp_dealloc = typeparam_dealloc,
    .tp_repr = typeparam_repr,
    .tp_as_number = &typeparam_as_number,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = kParamFlags,
    .tp_doc = "Type variable.",
    .tp_traverse = typeparam_traverse,
    .tp_methods = typevar_methods,
    .tp_members = typevar_members,
    .tp_getset = typevar_getset,
    .tp_new = typevar_new,
};

Type paramspec_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing.ParamSpec",
    .tp_basicsize = sizeof(TypeParamObject),
    .tp_dealloc = typeparam_dealloc,
    .tp_repr = typeparam_repr,
    .tp_as_number = &typeparam_as_number,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = kParamFlags,
    .tp_doc = "Parameter specification variable.",
    .tp_traverse = typeparam_traverse,
    .tp_methods = paramspec_methods,
    .tp_members = paramspec_members,
    .tp_getset = paramspec_getset,
    .tp_new = paramspec_new,
};

Type typevartuple_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing.TypeVarTuple",
    .tp_basicsize = sizeof(TypeParamObject),
    .tp_dealloc = typeparam_dealloc,
    .tp_repr = typeparam_repr,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = kParamFlags,
    .tp_doc = "Type variable tuple. A specialized form of type variable that enables\nvariadic generics.",
    .tp_traverse = typeparam_traverse,
    .tp_iter = typevartuple_iter,
    .tp_methods = typevartuple_methods,
    .tp_members = typevartuple_members,
    .tp_getset = typevartuple_getset,
    .tp_new = typevartuple_new,
};

Type paramspecargs_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing.ParamSpecArgs",
    .tp_basicsize = sizeof(ParamSpecAttrObject),
    .tp_dealloc = paramspecattr_dealloc,
    .tp_repr = paramspecargs_repr,
    .tp_hash = hash_not_implemented,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC,
    .tp_doc = "The args for a ParamSpec object.",
    .tp_traverse = paramspecattr_traverse,
    .tp_richcompare = paramspecattr_richcompare,
    .tp_methods = paramspecargs_methods,
    .tp_members = paramspecattr_members,
    .tp_new = paramspecargs_new,
};

Type paramspeckwargs_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing.ParamSpecKwargs",
    .tp_basicsize = sizeof(ParamSpecAttrObject),
    .tp_dealloc = paramspecattr_dealloc,
    .tp_repr = paramspeckwargs_repr,
    .tp_hash = hash_not_implemented,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC,
    .tp_doc = "The kwargs for a ParamSpec object.",
    .tp_traverse = paramspecattr_traverse,
    .tp_richcompare = paramspecattr_richcompare,
    .tp_methods = paramspeckwargs_methods,
    .tp_members = paramspecattr_members,
    .tp_new = paramspeckwargs_new,
};

Type typealias_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing.TypeAliasType",
    .tp_basicsize = sizeof(TypeAliasObject),
    .tp_dealloc = typealias_dealloc,
    .tp_repr = typealias_repr,
    .tp_as_number = &typealias_as_number,
    .tp_as_mapping = &typealias_as_mapping,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Type alias.",
    .tp_traverse = typealias_traverse,
    .tp_methods = typealias_methods,
    .tp_members = typealias_members,
    .tp_getset = typealias_getset,
    .tp_new = typealias_new,
};

Type nodefault_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "NoDefaultType",
    .tp_basicsize = sizeof(Object),
    .tp_dealloc = nodefault_dealloc,
    .tp_repr = nodefault_repr,
    .tp_getattro = generic_getattr,
    .tp_doc = "The type of the NoDefault singleton.",
    .tp_methods = nodefault_methods,
    .tp_new = nodefault_new,
};

Object nodefault_obj = PYVM_IMMORTAL_HEADER(&nodefault_type);

// ---- shared helpers and the intrinsics ----

Object* typeparam_default(Object* param) {
  TypeParamObject* p = as_param(param);
  if (!p->evaluate_default) return newref(p->default_value ? p->default_value : no_default());
  return lazy_field(&p->default_value, p->evaluate_default);
}

int typeparam_has_default(Object* param) {
  if (!is_typevar(param) && !is_paramspec(param) && !is_typevartuple(param)) return -1;
  TypeParamObject* p = as_param(param);
  return p->evaluate_default || __atomic_load_n(&p->default_value, __ATOMIC_ACQUIRE) ? 1 : 0;
}

Object* typing_func(const char* name) {
  Object* typing = g_typing_hooks.typing_module ? g_typing_hooks.typing_module() : nullptr;
  if (!typing) return nullptr;
  return get_attr_str(typing, name);
}

int typing_call(const char* name, Object* const* args, ssize nargs, Object** result) {
  ORef f = steal(typing_func(name));
  if (!f) return error_occurred() ? -1 : 0;
  *result = call(f.get(), args, size_t(nargs), nullptr);
  return *result ? 1 : -1;
}

Object* typevar_make(Object* name, Object* evaluate_bound, Object* evaluate_constraints) {
  return typeparam_alloc(&typevar_type, name, nullptr, evaluate_bound, nullptr, evaluate_constraints, nullptr, false,
                         false, true, nullptr);
}

Object* paramspec_make(Object* name) {
  return typeparam_alloc(&paramspec_type, name, nullptr, nullptr, nullptr, nullptr, nullptr, false, false, true,
                         nullptr);
}

Object* typevartuple_make(Object* name) {
  return typeparam_alloc(&typevartuple_type, name, nullptr, nullptr, nullptr, nullptr, nullptr, false, false, true,
                         nullptr);
}

Object* typeparam_set_default(Object* param, Object* evaluate_default) {
  if (!is_typevar(param) && !is_paramspec(param) && !is_typevartuple(param)) {
    std::string r;
    if (!repr_utf8(param, &r)) return nullptr;
    return set_errorf(&exc_TypeError, "Expected a type param, got {}", r);
  }
  set_slot(&as_param(param)->evaluate_default, newref(evaluate_default));
  return newref(param);
}

Object* typealias_make(Object* args) {
  if (!type_check_exact(args, &tuple_type) || tuple_size(args) != 3 || !type_check(tuple_get(args, 0), &str_type))
    return set_error(&exc_SystemError, "INTRINSIC_TYPEALIAS expects (name, type_params, compute_value)");
  Object* type_params = tuple_get(args, 1);
  if (type_params == none()) type_params = nullptr;
  if (type_params && !type_check(type_params, &tuple_type))
    return set_error(&exc_SystemError, "INTRINSIC_TYPEALIAS: type_params must be a tuple");
  return typealias_alloc(tuple_get(args, 0), type_params, tuple_get(args, 2), nullptr, nullptr);
}

Object* subscript_generic(Object* params) {
  if (!type_check(params, &tuple_type))
    return set_error(&exc_SystemError, "INTRINSIC_SUBSCRIPT_GENERIC expects a tuple");
  ORef unpacked = steal(unpack_typevartuples(params));
  if (!unpacked) return nullptr;
  Object* a[2] = {reinterpret_cast<Object*>(&generic_type), unpacked.get()};
  Object* r = nullptr;
  int called = typing_call("_GenericAlias", a, 2, &r);
  if (called < 0) return nullptr;
  if (called) return r;
  return typing_alias_new(a[0], a[1]);
}

Object* unpack_typevartuples(Object* params) {
  ssize n = tuple_size(params);
  bool any = false;
  for (ssize i = 0; i < n; i++) any = any || is_typevartuple(tuple_get(params, i));
  if (!any) return newref(params);
  ORef out = steal(tuple_new(n));
  if (!out) return nullptr;
  for (ssize i = 0; i < n; i++) {
    Object* p = tuple_get(params, i);
    Object* v = is_typevartuple(p) ? typing_unpack(p) : newref(p);
    if (!v) return nullptr;
    tuple_set(out.get(), i, v);
  }
  return out.release();
}

int typing_init_types() {
  for (Type* t : {&typevar_type, &paramspec_type, &typevartuple_type, &paramspecargs_type, &paramspeckwargs_type,
                  &typealias_type, &nodefault_type}) {
    if (type_ready(t) < 0) return -1;
  }
  // Instances of these find __module__ on their class unless they were given their own, as with CPython's heap
  // types (a PEP 695 T says 'typing'; TypeVar('T') says its caller's module).
  ORef typing = steal(str_from_utf8("typing"));
  if (!typing) return -1;
  for (Type* t : {&typevar_type, &paramspec_type, &typevartuple_type, &paramspecargs_type, &paramspeckwargs_type}) {
    if (dict_set(t->tp_dict, strs::module, typing.get()) < 0) return -1;
  }
  if (generic_init_types() < 0) return -1;
  return genericalias_init_types();
}

}  // namespace pyvm
