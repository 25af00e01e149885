// typing.Generic and native stand-ins for typing.py's _GenericAlias, Unpack and the helpers behind generic classes,
// used while the typing module is not loaded (when it is, CPython's C code calls typing.py and so do we).
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/typevar.h"

namespace pyvm {

namespace {

constexpr int kMemberObject = 6;
constexpr int kMemberBool = 14;
constexpr int kReadonly = 1;

// typing._GenericAlias (and its subclass _UnpackGenericAlias): `origin[args]` for classes that derive from Generic.
struct TypingAliasObject {
  PyObject ob_base;
  Object* origin;
  Object* args;        // tuple
  Object* parameters;  // tuple
};

TypingAliasObject* as_talias(Object* o) { return reinterpret_cast<TypingAliasObject*>(o); }
bool is_typing_alias(Object* o) { return type_check(o, &typing_alias_type); }
Object* generic_obj() { return reinterpret_cast<Object*>(&generic_type); }

// typing._SpecialForm; the native instances are typing.Unpack and typing.Union.
struct SpecialFormObject {
  PyObject ob_base;
  const char* name;
  Object* (*getitem)(Object* item);  // Form[item]
};
extern Type special_form_type;
extern Type union_alias_type;
Object* unpack_getitem(Object* item);
SpecialFormObject unpack_form = {PYVM_IMMORTAL_HEADER(&special_form_type), "Unpack", unpack_getitem};
SpecialFormObject union_form = {PYVM_IMMORTAL_HEADER(&special_form_type), "Union", typing_union};
Object* unpack_obj() { return reinterpret_cast<Object*>(&unpack_form); }
Object* union_obj() { return reinterpret_cast<Object*>(&union_form); }

bool is_dunder(std::string_view s) { return s.size() >= 2 && s.substr(0, 2) == "__" && s.substr(s.size() - 2) == "__"; }

// Tuple items as a vector of owned references.
std::vector<ORef> to_vector(Object* seq) {
  std::vector<ORef> v;
  for (ssize i = 0; i < tuple_size(seq); i++) v.push_back(borrow(tuple_get(seq, i)));
  return v;
}

Object* vector_tuple(const std::vector<ORef>& v) {
  Object* t = tuple_new(ssize(v.size()));
  if (!t) return nullptr;
  for (size_t i = 0; i < v.size(); i++) tuple_set(t, ssize(i), newref(v[i].get()));
  return t;
}

// `x in v` with ==, as Python's list.__contains__ does. -1 on error.
int vector_contains(const std::vector<ORef>& v, Object* x) {
  for (const ORef& e : v) {
    int eq = rich_compare_bool(e.get(), x, Py_EQ);
    if (eq) return eq;
  }
  return 0;
}

bool has_typing_subst(Object* t, int* err) {
  *err = 0;
  if (is_typevar(t) || is_paramspec(t) || is_typevartuple(t)) return true;
  int r = has_attr(t, str_interned("__typing_subst__"));
  if (r < 0) *err = 1;
  return r > 0;
}

// t.has_default(): 1, 0, or -1 on error.
int has_default(Object* t) {
  int r = typeparam_has_default(t);
  if (r >= 0) return r;
  ORef v = steal(call_method0(t, str_interned("has_default")));
  if (!v) return -1;
  return object_is_true(v.get());
}

// typing._is_unpacked_typevartuple: -1 on error.
int is_unpacked_typevartuple(Object* x) {
  if (type_check(x, &type_type)) return 0;
  if (type_of(x) == &unpack_alias_type) return is_typevartuple(tuple_get(as_talias(x)->args, 0));
  Object* v = nullptr;
  int r = get_attr_optional(x, str_interned("__typing_is_unpacked_typevartuple__"), &v);
  if (r <= 0) return r;
  ORef vr = steal(v);
  return object_is_true(v);
}

// ---- typing.ForwardRef: what a string becomes inside Box["Foo"] or T | "Foo" ----
//
// A native stand-in for the unevaluated state of typing.py's class. Known gap: the string is not compiled, so an
// invalid expression is not rejected with SyntaxError and there is no __forward_code__.

struct ForwardRefObject {
  PyObject ob_base;
  Object* arg;  // str
  Object* module;
  bool evaluated;
  bool is_argument;
  bool is_class;
  Object* value;
};
extern Type forwardref_type;
ForwardRefObject* as_fref(Object* o) { return reinterpret_cast<ForwardRefObject*>(o); }

Object* forwardref_new(Object* arg) {
  auto* f = as_fref(new_object(&forwardref_type, sizeof(ForwardRefObject)));
  if (!f) return nullptr;
  f->arg = newref(arg);
  f->is_argument = true;
  return reinterpret_cast<Object*>(f);
}

void forwardref_dealloc(Object* o) {
  xdecref(as_fref(o)->arg);
  xdecref(as_fref(o)->module);
  xdecref(as_fref(o)->value);
  object_free(o);
}

int forwardref_traverse(Object* o, visitproc visit, void* arg) {
  for (Object* f : {as_fref(o)->arg, as_fref(o)->module, as_fref(o)->value})
    if (f)
      if (int r = visit(f, arg)) return r;
  return 0;
}

Object* forwardref_repr(Object* o) {
  std::string a;
  if (!repr_utf8(as_fref(o)->arg, &a)) return nullptr;
  if (!as_fref(o)->module) return str_from_utf8(fmt::format("ForwardRef({})", a));
  std::string m;
  if (!repr_utf8(as_fref(o)->module, &m)) return nullptr;
  return str_from_utf8(fmt::format("ForwardRef({}, module={})", a, m));
}

hash_t forwardref_hash(Object* o) {
  ORef t = steal(tuple_pack({as_fref(o)->arg, as_fref(o)->module ? as_fref(o)->module : none()}));
  if (!t) return -1;
  return object_hash(t.get());
}

Object* forwardref_richcompare(Object* a, Object* b, int op) {
  if (type_of(b) != &forwardref_type || (op != Py_EQ && op != Py_NE)) return newref(not_implemented());
  int eq = rich_compare_bool(as_fref(a)->arg, as_fref(b)->arg, Py_EQ);
  if (eq > 0) {
    Object* ma = as_fref(a)->module ? as_fref(a)->module : none();
    Object* mb = as_fref(b)->module ? as_fref(b)->module : none();
    eq = rich_compare_bool(ma, mb, Py_EQ);
  }
  if (eq < 0) return nullptr;
  return newref(bool_obj(op == Py_EQ ? eq : !eq));
}

Object* forwardref_or(Object* a, Object* b) {
  ORef pair = steal(tuple_pack({a, b}));
  if (!pair) return nullptr;
  return typing_union(pair.get());
}

PyMemberDef forwardref_members[] = {
    {"__forward_arg__", kMemberObject, offsetof(ForwardRefObject, arg), kReadonly, nullptr},
    {"__forward_module__", kMemberObject, offsetof(ForwardRefObject, module), kReadonly, nullptr},
    {"__forward_evaluated__", kMemberBool, offsetof(ForwardRefObject, evaluated), kReadonly, nullptr},
    {"__forward_value__", kMemberObject, offsetof(ForwardRefObject, value), kReadonly, nullptr},
    {"__forward_is_argument__", kMemberBool, offsetof(ForwardRefObject, is_argument), kReadonly, nullptr},
    {"__forward_is_class__", kMemberBool, offsetof(ForwardRefObject, is_class), kReadonly, nullptr},
    {nullptr, 0, 0, 0, nullptr}};
PyNumberMethods forwardref_as_number = {.nb_or = forwardref_or};

Type forwardref_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing.ForwardRef",
    .tp_basicsize = sizeof(ForwardRefObject),
    .tp_dealloc = forwardref_dealloc,
    .tp_repr = forwardref_repr,
    .tp_as_number = &forwardref_as_number,
    .tp_hash = forwardref_hash,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "Internal wrapper to hold a forward reference.",
    .tp_traverse = forwardref_traverse,
    .tp_richcompare = forwardref_richcompare,
    .tp_members = forwardref_members,
};

// typing._type_convert: None becomes NoneType and a string a ForwardRef.
Object* type_convert(Object* arg) {
  if (arg == none()) return newref(reinterpret_cast<Object*>(&none_type));
  if (type_check(arg, &str_type)) return forwardref_new(arg);
  return newref(arg);
}

// A tuple of the arguments: `args` itself when it is a tuple, else (args,).
Object* as_args_tuple(Object* args) {
  if (type_check(args, &tuple_type)) return newref(args);
  return tuple_pack({args});
}

// typing._collect_type_parameters(args, enforce_default_ordering=...).
Object* collect_type_parameters(Object* args, bool enforce) {
  bool default_seen = false;
  bool tvt_seen = false;
  std::vector<ORef> params;
  for (ssize i = 0; i < tuple_size(args); i++) {
    Object* t = tuple_get(args, i);
    if (type_check(t, &type_type)) continue;  // not the __parameters__ descriptor of a bare class
    if (type_check(t, &tuple_type)) {
      for (ssize j = 0; j < tuple_size(t); j++) {
        ORef one = steal(tuple_pack({tuple_get(t, j)}));
        if (!one) return nullptr;
        ORef sub = steal(collect_type_parameters(one.get(), false));
        if (!sub) return nullptr;
        for (ssize k = 0; k < tuple_size(sub.get()); k++) {
          int has = vector_contains(params, tuple_get(sub.get(), k));
          if (has < 0) return nullptr;
          if (!has) params.push_back(borrow(tuple_get(sub.get(), k)));
        }
      }
      continue;
    }
    int err = 0;
    if (has_typing_subst(t, &err)) {
      int has = vector_contains(params, t);
      if (has < 0) return nullptr;
      if (has) continue;
      if (enforce) {
        int d = has_default(t);
        if (d < 0) return nullptr;
        if (tvt_seen && d) return set_error(&exc_TypeError, "Type parameter with a default follows TypeVarTuple");
        if (d) {
          default_seen = true;
        } else if (default_seen) {
          std::string r;
          if (!repr_utf8(t, &r)) return nullptr;
          return set_errorf(&exc_TypeError, "Type parameter {} without a default follows type parameter with a default",
                            r);
        }
      }
      params.push_back(borrow(t));
      continue;
    }
    if (err) return nullptr;
    int unpacked = is_unpacked_typevartuple(t);
    if (unpacked < 0) return nullptr;
    if (unpacked) tvt_seen = true;
    Object* sub = nullptr;
    int r = get_attr_optional(t, str_interned("__parameters__"), &sub);
    if (r < 0) return nullptr;
    if (!r) continue;
    ORef subt = steal(sequence_tuple(sub));
    decref(sub);
    if (!subt) return nullptr;
    for (ssize k = 0; k < tuple_size(subt.get()); k++) {
      int has = vector_contains(params, tuple_get(subt.get(), k));
      if (has < 0) return nullptr;
      if (!has) params.push_back(borrow(tuple_get(subt.get(), k)));
    }
  }
  return vector_tuple(params);
}

Object* talias_create(Type* type, Object* origin, Object* args) {
  ORef targs = steal(as_args_tuple(args));
  if (!targs) return nullptr;
  ORef params = steal(collect_type_parameters(targs.get(), origin == generic_obj()));
  if (!params) return nullptr;
  auto* a = as_talias(new_object(type, sizeof(TypingAliasObject)));
  if (!a) return nullptr;
  a->origin = newref(origin);
  a->args = targs.release();
  a->parameters = params.release();
  return reinterpret_cast<Object*>(a);
}

void talias_dealloc(Object* o) {
  TypingAliasObject* a = as_talias(o);
  xdecref(a->origin);
  xdecref(a->args);
  xdecref(a->parameters);
  Object** d = managed_dict_ptr(o);
  xdecref(*d);
  *d = nullptr;
  object_free(o);
}

int talias_traverse(Object* o, visitproc visit, void* arg) {
  TypingAliasObject* a = as_talias(o);
  for (Object* f : {a->origin, a->args, a->parameters, *managed_dict_ptr(o)})
    if (f)
      if (int r = visit(f, arg)) return r;
  return 0;
}

Object* talias_repr(Object* o) {
  TypingAliasObject* a = as_talias(o);
  std::string s;
  if (!typing_type_repr(a->origin, &s)) return nullptr;
  s += '[';
  ssize n = tuple_size(a->args);
  for (ssize i = 0; i < n; i++) {
    if (i) s += ", ";
    if (!typing_type_repr(tuple_get(a->args, i), &s)) return nullptr;
  }
  if (n == 0) s += "()";  // keeps the repr eval-able
  s += ']';
  return str_from_utf8(s);
}

Object* unpack_alias_repr(Object* o) {
  std::string s = "typing.Unpack[";
  if (!typing_type_repr(tuple_get(as_talias(o)->args, 0), &s)) return nullptr;
  s += ']';
  return str_from_utf8(s);
}

hash_t talias_hash(Object* o) {
  ORef t = steal(tuple_pack({as_talias(o)->origin, as_talias(o)->args}));
  if (!t) return -1;
  return object_hash(t.get());
}

Object* talias_richcompare(Object* a, Object* b, int op) {
  if (!is_typing_alias(b) || (op != Py_EQ && op != Py_NE)) return newref(not_implemented());
  int eq = rich_compare_bool(as_talias(a)->origin, as_talias(b)->origin, Py_EQ);
  if (eq < 0) return nullptr;
  if (eq) eq = rich_compare_bool(as_talias(a)->args, as_talias(b)->args, Py_EQ);
  if (eq < 0) return nullptr;
  return newref(bool_obj(op == Py_EQ ? eq : !eq));
}

// Non-dunder attributes come from the origin; __name__ and __qualname__ are the origin's name.
Object* talias_getattro(Object* self, Object* name) {
  Object* r = generic_getattr(self, name);
  if (r || !error_matches(&exc_AttributeError)) return r;
  error_clear();
  Object* origin = as_talias(self)->origin;
  std::string_view n = str_view(name);
  if (n == "__name__" || n == "__qualname__") return get_attr(origin, strs::name);
  if (n == "__module__") return get_attr(origin, strs::module);  // typing.py copies it at creation
  if (!is_dunder(n)) return get_attr(origin, name);
  return set_error_value(&exc_AttributeError, name);
}

// Dunders (and typing's private fields) live on the alias; everything else is set on the origin.
int talias_setattro(Object* self, Object* name, Object* value) {
  std::string_view n = str_view(name);
  if (is_dunder(n) || n == "_name" || n == "_inst" || n == "_nparams" || n == "_defaults")
    return generic_setattr(self, name, value);
  return set_attr(as_talias(self)->origin, name, value);
}

Object* talias_call(Object* self, Object* args, Object* kwds) {
  ORef result = steal(call_tuple_dict(as_talias(self)->origin, args, kwds));
  if (!result) return nullptr;
  if (set_attr(result.get(), str_interned("__orig_class__"), self) < 0) {
    if (!error_matches(&exc_Exception)) return nullptr;
    error_clear();
  }
  return result.release();
}

Object* talias_iter(Object* self) {
  ORef u = steal(typing_unpack(self));
  if (!u) return nullptr;
  ORef t = steal(tuple_pack({u.get()}));
  if (!t) return nullptr;
  return get_iter(t.get());
}

Object* talias_mro_entries(Object* self, Object* bases) {
  TypingAliasObject* a = as_talias(self);
  if (type_of(a->origin) == &special_form_type) {
    std::string r;
    if (!repr_utf8(self, &r)) return nullptr;
    return set_errorf(&exc_TypeError, "Cannot subclass {}", r);
  }
  if (a->origin == generic_obj() && type_check(bases, &tuple_type)) {
    ssize n = tuple_size(bases);
    ssize i = 0;
    for (; i < n; i++) {
      int eq = rich_compare_bool(tuple_get(bases, i), self, Py_EQ);
      if (eq < 0) return nullptr;
      if (eq) break;
    }
    if (i == n) return set_error(&exc_ValueError, "tuple.index(x): x not in tuple");
    for (ssize j = i + 1; j < n; j++) {
      Object* b = tuple_get(bases, j);
      if (is_typing_alias(b) && b != self) return newref(tuple_empty());
    }
  }
  return tuple_pack({a->origin});
}

Object* talias_instancecheck(Object*, Object*) {
  return set_error(&exc_TypeError, "Subscripted generics cannot be used with class and instance checks");
}

// Box[int] | X and X | Box[int] make typing.Union[left, right].
Object* talias_or(Object* a, Object* b) {
  ORef pair = steal(tuple_pack({a, b}));
  if (!pair) return nullptr;
  ORef u = steal(typing_func("Union"));
  if (u) return get_item(u.get(), pair.get());
  if (error_occurred()) return nullptr;
  return typing_union(pair.get());
}

// Looks `key` up in the parameter -> argument pairs (borrowed), raising KeyError like typing's dict does.
Object* subst_lookup(const std::vector<std::pair<ORef, ORef>>& map, Object* key) {
  for (const auto& [p, a] : map) {
    int eq = rich_compare_bool(p.get(), key, Py_EQ);
    if (eq < 0) return nullptr;
    if (eq) return a.get();
  }
  return set_error_value(&exc_KeyError, key);
}

// Extends `out` with the items of the iterable `seq`.
bool extend_with(std::vector<ORef>* out, Object* seq) {
  ORef t = steal(sequence_tuple(seq));
  if (!t) return false;
  for (ssize i = 0; i < tuple_size(t.get()); i++) out->push_back(borrow(tuple_get(t.get(), i)));
  return true;
}

// typing._GenericAlias._make_substitution.
bool make_substitution(Object* args, const std::vector<std::pair<ORef, ORef>>& map, std::vector<ORef>* out) {
  for (ssize i = 0; i < tuple_size(args); i++) {
    Object* old_arg = tuple_get(args, i);
    if (type_check(old_arg, &type_type)) {
      out->push_back(borrow(old_arg));
      continue;
    }
    ORef new_arg;
    Object* substfunc = nullptr;
    int r = get_attr_optional(old_arg, str_interned("__typing_subst__"), &substfunc);
    if (r < 0) return false;
    if (r) {
      ORef sf = steal(substfunc);
      Object* a = subst_lookup(map, old_arg);
      if (!a) return false;
      new_arg = steal(call1(substfunc, a));
    } else {
      Object* subparams = nullptr;
      r = get_attr_optional(old_arg, str_interned("__parameters__"), &subparams);
      if (r < 0) return false;
      ORef sp = steal(subparams);
      ORef spt = sp ? steal(sequence_tuple(sp.get())) : borrow(tuple_empty());
      if (!spt) return false;
      if (tuple_size(spt.get()) == 0) {
        new_arg = borrow(old_arg);
      } else {
        std::vector<ORef> subargs;
        for (ssize k = 0; k < tuple_size(spt.get()); k++) {
          Object* x = tuple_get(spt.get(), k);
          Object* a = subst_lookup(map, x);
          if (!a) return false;
          if (is_typevartuple(x)) {
            if (!extend_with(&subargs, a)) return false;
          } else {
            subargs.push_back(borrow(a));
          }
        }
        ORef st = steal(vector_tuple(subargs));
        if (!st) return false;
        new_arg = steal(get_item(old_arg, st.get()));
      }
    }
    if (!new_arg) return false;
    int unpacked = is_unpacked_typevartuple(old_arg);
    if (unpacked < 0) return false;
    if (unpacked) {
      if (!extend_with(out, new_arg.get())) return false;
    } else if (type_check(old_arg, &tuple_type)) {
      std::vector<ORef> inner;
      if (!make_substitution(old_arg, map, &inner)) return false;
      ORef t = steal(vector_tuple(inner));
      if (!t) return false;
      out->push_back(std::move(t));
    } else {
      out->push_back(std::move(new_arg));
    }
  }
  return true;
}

// typing._unpack_args: *tuple[int, str] arguments are spliced in (unless they end in ...).
Object* unpack_args(Object* args) {
  std::vector<ORef> out;
  for (ssize i = 0; i < tuple_size(args); i++) {
    Object* arg = tuple_get(args, i);
    Object* sub = nullptr;
    int r = get_attr_optional(arg, str_interned("__typing_unpacked_tuple_args__"), &sub);
    if (r < 0) return nullptr;
    ORef subr = steal(sub);
    if (r && sub != none()) {
      ORef st = steal(sequence_tuple(sub));
      if (!st) return nullptr;
      ssize n = tuple_size(st.get());
      if (!(n && tuple_get(st.get(), n - 1) == ellipsis())) {
        for (ssize k = 0; k < n; k++) out.push_back(borrow(tuple_get(st.get(), k)));
        continue;
      }
    }
    out.push_back(borrow(arg));
  }
  return vector_tuple(out);
}

// Calls param.__typing_prepare_subst__(alias, args) for each parameter that has one; returns the final args tuple.
Object* prepare_args(Object* alias, Object* params, Object* args) {
  ORef cur = borrow(args);
  for (ssize i = 0; i < tuple_size(params); i++) {
    Object* prepare = nullptr;
    int r = get_attr_optional(tuple_get(params, i), str_interned("__typing_prepare_subst__"), &prepare);
    if (r < 0) return nullptr;
    if (!r) continue;
    ORef pr = steal(prepare);
    if (prepare == none()) continue;
    ORef res = steal(call2(prepare, alias, cur.get()));
    if (!res) return nullptr;
    cur = steal(sequence_tuple(res.get()));
    if (!cur) return nullptr;
  }
  return cur.release();
}

// _GenericAlias.__getitem__: substitutes arguments for the alias's free parameters.
Object* talias_getitem(Object* self, Object* item) {
  TypingAliasObject* a = as_talias(self);
  std::string s;
  if (a->origin == generic_obj()) {
    if (!object_str_utf8(self, &s)) return nullptr;
    return set_errorf(&exc_TypeError, "Cannot subscript already-subscripted {}", s);
  }
  if (tuple_size(a->parameters) == 0) {
    if (!object_str_utf8(self, &s)) return nullptr;
    return set_errorf(&exc_TypeError, "{} is not a generic class", s);
  }
  ORef raw = steal(as_args_tuple(item));
  if (!raw) return nullptr;
  std::vector<ORef> converted;
  for (ssize i = 0; i < tuple_size(raw.get()); i++) {
    converted.push_back(steal(type_convert(tuple_get(raw.get(), i))));
    if (!converted.back()) return nullptr;
  }
  ORef ct = steal(vector_tuple(converted));
  if (!ct) return nullptr;
  ORef args = steal(unpack_args(ct.get()));
  if (!args) return nullptr;
  args = steal(prepare_args(self, a->parameters, args.get()));
  if (!args) return nullptr;
  ssize alen = tuple_size(args.get());
  ssize plen = tuple_size(a->parameters);
  if (alen != plen) {
    if (!object_str_utf8(self, &s)) return nullptr;
    return set_errorf(&exc_TypeError, "Too {} arguments for {}; actual {}, expected {}", alen > plen ? "many" : "few",
                      s, alen, plen);
  }
  std::vector<std::pair<ORef, ORef>> map;
  for (ssize i = 0; i < plen; i++)
    map.emplace_back(borrow(tuple_get(a->parameters, i)), borrow(tuple_get(args.get(), i)));
  std::vector<ORef> new_args;
  if (!make_substitution(a->args, map, &new_args)) return nullptr;
  ORef nt = steal(vector_tuple(new_args));
  if (!nt) return nullptr;
  // copy_with: a union is rebuilt through Union[...], which may collapse it.
  if (type_of(self) == &union_alias_type) return typing_union(nt.get());
  return talias_create(type_of(self), a->origin, nt.get());
}

// Unpack[Ts][...] hands the arguments back (typing's _UnpackGenericAlias.__getitem__).
Object* unpack_alias_getitem(Object* self, Object* item) {
  if (is_typevartuple(tuple_get(as_talias(self)->args, 0))) return newref(item);
  return talias_getitem(self, item);
}

Object* unpack_alias_unpacked_tuple_args(Object* self, void*) {
  Object* arg = tuple_get(as_talias(self)->args, 0);
  if (is_typing_alias(arg) || is_generic_alias(arg)) {
    ORef origin = steal(get_attr(arg, str_interned("__origin__")));
    if (!origin) return nullptr;
    if (origin.get() != reinterpret_cast<Object*>(&tuple_type))
      return set_error(&exc_TypeError, "Unpack[...] must be used with a tuple type");
    return get_attr(arg, str_interned("__args__"));
  }
  return newref(none());
}

Object* unpack_alias_is_unpacked_tvt(Object* self, void*) {
  return newref(bool_obj(is_typevartuple(tuple_get(as_talias(self)->args, 0))));
}

// _GenericAlias(origin, args, *, inst=True, name=None), as typing.py's constructor is called.
Object* talias_new(Type* type, Object* args, Object* kwds) {
  ssize n = tuple_size(args);
  if (n != 2 || (kwds && dict_size(kwds)))
    return set_errorf(&exc_TypeError, "_GenericAlias() takes exactly 2 positional arguments ({} given)", n);
  return talias_create(type, tuple_get(args, 0), tuple_get(args, 1));
}

PyMemberDef talias_members[] = {
    {"__origin__", kMemberObject, offsetof(TypingAliasObject, origin), kReadonly, nullptr},
    {"__args__", kMemberObject, offsetof(TypingAliasObject, args), kReadonly, nullptr},
    {"__parameters__", kMemberObject, offsetof(TypingAliasObject, parameters), kReadonly, nullptr},
    {nullptr, 0, 0, 0, nullptr}};
PyMethodDef talias_methods[] = {{"__mro_entries__", talias_mro_entries, METH_O, nullptr},
                                {"__instancecheck__", talias_instancecheck, METH_O, nullptr},
                                {"__subclasscheck__", talias_instancecheck, METH_O, nullptr},
                                {nullptr, nullptr, 0, nullptr}};
PyNumberMethods talias_as_number = {.nb_or = talias_or};
PyMappingMethods talias_as_mapping = {nullptr, talias_getitem, nullptr};
PyMappingMethods unpack_alias_as_mapping = {nullptr, unpack_alias_getitem, nullptr};
PyGetSetDef unpack_alias_getset[] = {
    {"__typing_unpacked_tuple_args__", unpack_alias_unpacked_tuple_args, nullptr, nullptr, nullptr},
    {"__typing_is_unpacked_typevartuple__", unpack_alias_is_unpacked_tvt, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

// ---- typing.Unpack (a _SpecialForm) ----

Object* special_form_repr(Object* o) {
  return str_from_utf8(fmt::format("typing.{}", reinterpret_cast<SpecialFormObject*>(o)->name));
}
Object* special_form_getitem(Object* self, Object* item) {
  return reinterpret_cast<SpecialFormObject*>(self)->getitem(item);
}
Object* unpack_getitem(Object* item) {
  ORef checked = steal(typing_type_check(item, "typing.Unpack accepts only single type."));
  if (!checked) return nullptr;
  return talias_create(&unpack_alias_type, unpack_obj(), checked.get());
}

// ---- typing._UnionGenericAlias: Union[X, Y], what `T | X` makes ----

bool is_any_union(Object* o) { return type_of(o) == &union_alias_type || is_union(o); }

Object* any_union_args(Object* o) { return type_of(o) == &union_alias_type ? as_talias(o)->args : union_args(o); }

Object* union_alias_repr(Object* o) {
  Object* args = as_talias(o)->args;
  Object* none_type_obj = reinterpret_cast<Object*>(&none_type);
  if (tuple_size(args) == 2 && (tuple_get(args, 0) == none_type_obj || tuple_get(args, 1) == none_type_obj)) {
    std::string s = "typing.Optional[";
    if (!typing_type_repr(tuple_get(args, tuple_get(args, 0) == none_type_obj ? 1 : 0), &s)) return nullptr;
    s += ']';
    return str_from_utf8(s);
  }
  return talias_repr(o);
}

hash_t union_alias_hash(Object* o) {
  ORef fs = steal(frozenset_new(as_talias(o)->args));
  if (!fs) return -1;
  return object_hash(fs.get());
}

// Same members in any order (typing's set comparison, with its fallback for unhashable members).
Object* union_alias_richcompare(Object* a, Object* b, int op) {
  if (!is_any_union(b) || (op != Py_EQ && op != Py_NE)) return newref(not_implemented());
  Object* aa = as_talias(a)->args;
  Object* ba = any_union_args(b);
  int eq = -1;
  ORef fa = steal(frozenset_new(aa));
  ORef fb = fa ? steal(frozenset_new(ba)) : ORef();
  if (fa && fb) {
    eq = rich_compare_bool(fa.get(), fb.get(), Py_EQ);
  } else if (error_matches(&exc_TypeError)) {
    error_clear();
    std::vector<ORef> left, right;
    for (ssize i = 0; i < tuple_size(aa); i++) {
      int has = vector_contains(left, tuple_get(aa, i));
      if (has < 0) return nullptr;
      if (!has) left.push_back(borrow(tuple_get(aa, i)));
    }
    for (ssize i = 0; i < tuple_size(ba); i++) {
      int has = vector_contains(right, tuple_get(ba, i));
      if (has < 0) return nullptr;
      if (!has) right.push_back(borrow(tuple_get(ba, i)));
    }
    eq = left.size() == right.size();
    for (size_t i = 0; eq == 1 && i < left.size(); i++) eq = vector_contains(right, left[i].get());
  }
  if (eq < 0) return nullptr;
  return newref(bool_obj(op == Py_EQ ? eq : !eq));
}

// typing.py sets __iter__ = None on unions (_NotIterable); the class is named without its module there.
Object* union_alias_iter(Object*) { return set_error(&exc_TypeError, "'_UnionGenericAlias' object is not iterable"); }

Object* union_alias_subclasscheck(Object* self, Object* cls) {
  Object* args = as_talias(self)->args;
  for (ssize i = 0; i < tuple_size(args); i++) {
    int r = object_issubclass(cls, tuple_get(args, i));
    if (r < 0) return nullptr;
    if (r) return newref(true_());
  }
  return newref(false_());
}

Object* union_alias_instancecheck(Object* self, Object* obj) {
  return union_alias_subclasscheck(self, reinterpret_cast<Object*>(type_of(obj)));
}

PyMethodDef union_alias_methods[] = {{"__instancecheck__", union_alias_instancecheck, METH_O, nullptr},
                                     {"__subclasscheck__", union_alias_subclasscheck, METH_O, nullptr},
                                     {nullptr, nullptr, 0, nullptr}};
Object* special_form_mro_entries(Object* self, Object*) {
  return set_errorf(&exc_TypeError, "Cannot subclass typing.{}", reinterpret_cast<SpecialFormObject*>(self)->name);
}
Object* special_form_call(Object* self, Object*, Object*) {
  return set_errorf(&exc_TypeError, "Cannot instantiate typing.{}", reinterpret_cast<SpecialFormObject*>(self)->name);
}
void special_form_dealloc(Object*) {}  // immortal
PyMappingMethods special_form_as_mapping = {nullptr, special_form_getitem, nullptr};
PyMethodDef special_form_methods[] = {{"__mro_entries__", special_form_mro_entries, METH_O, nullptr},
                                      {nullptr, nullptr, 0, nullptr}};

Type special_form_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing._SpecialForm",
    .tp_basicsize = sizeof(SpecialFormObject),
    .tp_dealloc = special_form_dealloc,
    .tp_repr = special_form_repr,
    .tp_as_mapping = &special_form_as_mapping,
    .tp_call = special_form_call,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = special_form_methods,
};

// ---- Generic ----

// Generic.__class_getitem__(params) and Generic.__init_subclass__(*args, **kwargs): typing.py's functions when it
// is loaded, the native versions otherwise.
Object* call_typing_with_cls(const char* name, Object* cls, Object* args, Object* kwargs, bool* called) {
  *called = false;
  ORef f = steal(typing_func(name));
  if (!f) return nullptr;
  *called = true;
  ORef full = steal(tuple_new(tuple_size(args) + 1));
  if (!full) return nullptr;
  tuple_set(full.get(), 0, newref(cls));
  for (ssize i = 0; i < tuple_size(args); i++) tuple_set(full.get(), i + 1, newref(tuple_get(args, i)));
  return call_tuple_dict(f.get(), full.get(), kwargs);
}

Object* generic_class_getitem(Object* cls, Object* args, Object* kwargs) {
  bool called = false;
  Object* r = call_typing_with_cls("_generic_class_getitem", cls, args, kwargs, &called);
  if (called || error_occurred()) return r;
  if (kwargs && dict_size(kwargs))
    return set_error(&exc_TypeError, "_generic_class_getitem() got an unexpected keyword argument");
  if (tuple_size(args) == 0)
    return set_error(&exc_TypeError, "_generic_class_getitem() missing 1 required positional argument: 'args'");
  if (tuple_size(args) != 1)
    return set_errorf(&exc_TypeError, "_generic_class_getitem() takes 2 positional arguments but {} were given",
                      tuple_size(args) + 1);
  return generic_class_getitem_native(cls, tuple_get(args, 0));
}

Object* generic_init_subclass(Object* cls, Object* args, Object* kwargs) {
  bool called = false;
  Object* r = call_typing_with_cls("_generic_init_subclass", cls, args, kwargs, &called);
  if (called || error_occurred()) return r;
  return generic_init_subclass_native(cls, args, kwargs);
}

PyMethodDef generic_methods[] = {
    {"__class_getitem__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(generic_class_getitem)),
     METH_VARARGS | METH_KEYWORDS | METH_CLASS, "Parameterizes a generic class."},
    {"__init_subclass__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(generic_init_subclass)),
     METH_VARARGS | METH_KEYWORDS | METH_CLASS, "Function to initialize subclasses."},
    {nullptr, nullptr, 0, nullptr}};

// typing._check_generic_specialization(cls, args).
bool check_generic_specialization(Object* cls, Object* params, Object* args) {
  ssize expected = tuple_size(params);
  std::string s;
  if (!expected) {
    if (!object_str_utf8(cls, &s)) return false;
    set_errorf(&exc_TypeError, "{} is not a generic class", s);
    return false;
  }
  ssize actual = tuple_size(args);
  if (actual == expected) return true;
  std::string expect_val;
  if (actual < expected) {
    int d = has_default(tuple_get(params, actual));
    if (d < 0) return false;
    if (d) return true;
    for (ssize i = 0; i < tuple_size(params); i++) {
      d = has_default(tuple_get(params, i));
      if (d < 0) return false;
      expected -= d;
    }
    expect_val = fmt::format("at least {}", expected);
  } else {
    expect_val = fmt::format("{}", expected);
  }
  if (!object_str_utf8(cls, &s)) return false;
  set_errorf(&exc_TypeError, "Too {} arguments for {}; actual {}, expected {}", actual > expected ? "many" : "few", s,
             actual, expect_val);
  return false;
}

// typing._is_param_expr: ..., a tuple or list, a ParamSpec (Concatenate is typing.py's). -1 on error.
bool is_param_expr(Object* arg) {
  return arg == ellipsis() || type_check(arg, &tuple_type) || type_check(arg, &list_type) || is_paramspec(arg);
}

// params.index(self) for a __parameters__ attribute; -1 with ValueError when absent.
ssize param_index(Object* params, Object* self) {
  for (ssize i = 0; i < tuple_size(params); i++) {
    int eq = rich_compare_bool(tuple_get(params, i), self, Py_EQ);
    if (eq < 0) return -1;
    if (eq) return i;
  }
  set_error(&exc_ValueError, "tuple.index(x): x not in tuple");
  return -1;
}

Object* alias_parameters(Object* alias) {
  ORef p = steal(get_attr(alias, str_interned("__parameters__")));
  if (!p) return nullptr;
  return sequence_tuple(p.get());
}

}  // namespace

Type typing_alias_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing._GenericAlias",
    .tp_basicsize = sizeof(TypingAliasObject),
    .tp_dealloc = talias_dealloc,
    .tp_repr = talias_repr,
    .tp_as_number = &talias_as_number,
    .tp_as_mapping = &talias_as_mapping,
    .tp_hash = talias_hash,
    .tp_call = talias_call,
    .tp_getattro = talias_getattro,
    .tp_setattro = talias_setattro,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT,
    .tp_traverse = talias_traverse,
    .tp_richcompare = talias_richcompare,
    .tp_iter = talias_iter,
    .tp_methods = talias_methods,
    .tp_members = talias_members,
    .tp_new = talias_new,
};

Type unpack_alias_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing._UnpackGenericAlias",
    .tp_basicsize = sizeof(TypingAliasObject),
    .tp_dealloc = talias_dealloc,
    .tp_repr = unpack_alias_repr,
    .tp_as_mapping = &unpack_alias_as_mapping,
    .tp_hash = talias_hash,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_traverse = talias_traverse,
    .tp_richcompare = talias_richcompare,
    .tp_getset = unpack_alias_getset,
    .tp_base = &typing_alias_type,
};

Type generic_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing.Generic",
    .tp_basicsize = sizeof(Object),
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_doc = "Abstract base class for generic types.",
    .tp_methods = generic_methods,
};

namespace {
Type union_alias_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "typing._UnionGenericAlias",
    .tp_basicsize = sizeof(TypingAliasObject),
    .tp_dealloc = talias_dealloc,
    .tp_repr = union_alias_repr,
    .tp_hash = union_alias_hash,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_traverse = talias_traverse,
    .tp_richcompare = union_alias_richcompare,
    .tp_iter = union_alias_iter,
    .tp_methods = union_alias_methods,
    .tp_base = &typing_alias_type,
};
}  // namespace

Object* typing_alias_new(Object* origin, Object* args) { return talias_create(&typing_alias_type, origin, args); }

Object* typing_union(Object* params) {
  if (type_check(params, &tuple_type) && tuple_size(params) == 0)
    return set_error(&exc_TypeError, "Cannot take a Union of no types.");
  ORef args = steal(as_args_tuple(params));
  if (!args) return nullptr;
  // Check each member, flatten nested unions (typing's and types.UnionType) and drop duplicates.
  std::vector<ORef> members;
  for (ssize i = 0; i < tuple_size(args.get()); i++) {
    ORef p = steal(typing_type_check(tuple_get(args.get(), i), "Union[arg, ...]: each arg must be a type."));
    if (!p) return nullptr;
    std::vector<ORef> flat;
    if (is_any_union(p.get())) {
      flat = to_vector(any_union_args(p.get()));
    } else {
      flat.push_back(p);
    }
    for (ORef& x : flat) {
      int has = vector_contains(members, x.get());
      if (has < 0) return nullptr;
      if (!has) members.push_back(x);
    }
  }
  if (members.size() == 1) return newref(members[0].get());
  ORef t = steal(vector_tuple(members));
  if (!t) return nullptr;
  return talias_create(&union_alias_type, union_obj(), t.get());
}

Object* typing_unpack(Object* arg) {
  ORef u = steal(typing_func("Unpack"));
  if (u) return get_item(u.get(), arg);
  if (error_occurred()) return nullptr;
  return unpack_getitem(arg);
}

bool typing_type_repr(Object* obj, std::string* out) {
  if (type_check(obj, &type_type)) {
    ORef module = steal(get_attr(obj, strs::module));
    if (!module) return false;
    ORef qualname = steal(get_attr(obj, strs::qualname));
    if (!qualname) return false;
    std::string m, q;
    if (!object_str_utf8(module.get(), &m) || !object_str_utf8(qualname.get(), &q)) return false;
    *out += m == "builtins" ? q : m + "." + q;
    return true;
  }
  if (obj == ellipsis()) {
    *out += "...";
    return true;
  }
  if (type_check(obj, &function_type)) {
    ORef name = steal(get_attr(obj, strs::name));
    std::string n;
    if (!name || !object_str_utf8(name.get(), &n)) return false;
    *out += n;
    return true;
  }
  if (type_check(obj, &tuple_type)) {
    *out += '[';
    for (ssize i = 0; i < tuple_size(obj); i++) {
      if (i) *out += ", ";
      if (!typing_type_repr(tuple_get(obj, i), out)) return false;
    }
    *out += ']';
    return true;
  }
  std::string r;
  if (!repr_utf8(obj, &r)) return false;
  *out += r;
  return true;
}

Object* typing_type_check(Object* arg, const char* msg) {
  ORef a = steal(type_convert(arg));
  if (!a) return nullptr;
  std::string s;
  if (is_typing_alias(a.get()) && as_talias(a.get())->origin == generic_obj()) {
    if (!object_str_utf8(a.get(), &s)) return nullptr;
    return set_errorf(&exc_TypeError, "{} is not valid as type argument", s);
  }
  if (type_of(a.get()) == &special_form_type || a.get() == generic_obj()) {
    if (!object_str_utf8(a.get(), &s)) return nullptr;
    return set_errorf(&exc_TypeError, "Plain {} is not valid as type argument", s);
  }
  if (type_check_exact(a.get(), &tuple_type)) {
    ORef r = steal(object_repr(a.get()));
    if (!r) return nullptr;
    if (str_length(r.get()) > 100) r = steal(str_substring(r.get(), 0, 100));
    if (!r) return nullptr;
    return set_errorf(&exc_TypeError, "{} Got {}.", msg, str_view(r.get()));
  }
  return a.release();
}

Object* typevar_subst_native(Object*, Object* arg) {
  ORef a = steal(typing_type_check(arg, "Parameters to generic types must be types."));
  if (!a) return nullptr;
  bool bad = type_of(a.get()) == &unpack_alias_type;
  if (!bad && is_generic_alias(a.get())) {
    ORef u = steal(get_attr(a.get(), str_interned("__unpacked__")));
    if (!u) return nullptr;
    int t = object_is_true(u.get());
    if (t < 0) return nullptr;
    bad = t;
  }
  if (bad) {
    std::string s;
    if (!object_str_utf8(a.get(), &s)) return nullptr;
    return set_errorf(&exc_TypeError, "{} is not valid as type argument", s);
  }
  return a.release();
}

Object* paramspec_subst_native(Object*, Object* arg) {
  if (type_check(arg, &tuple_type) || type_check(arg, &list_type)) {
    ORef items = steal(sequence_tuple(arg));
    if (!items) return nullptr;
    ORef out = steal(tuple_new(tuple_size(items.get())));
    if (!out) return nullptr;
    for (ssize i = 0; i < tuple_size(items.get()); i++) {
      Object* c = typing_type_check(tuple_get(items.get(), i), "Expected a type.");
      if (!c) return nullptr;
      tuple_set(out.get(), i, c);
    }
    return out.release();
  }
  if (!is_param_expr(arg)) {
    std::string s;
    if (!object_str_utf8(arg, &s)) return nullptr;
    return set_errorf(&exc_TypeError, "Expected a list of types, an ellipsis, ParamSpec, or Concatenate. Got {}", s);
  }
  return newref(arg);
}

Object* paramspec_prepare_subst_native(Object* self, Object* alias, Object* args) {
  ORef params = steal(alias_parameters(alias));
  if (!params) return nullptr;
  ssize i = param_index(params.get(), self);
  if (i < 0) return nullptr;
  std::vector<ORef> a;
  if (!extend_with(&a, args)) return nullptr;
  if (i == ssize(a.size())) {
    int d = has_default(self);
    if (d < 0) return nullptr;
    if (d) {
      a.push_back(steal(typeparam_default(self)));
      if (!a.back()) return nullptr;
    }
  }
  if (i >= ssize(a.size())) {
    std::string s;
    if (!object_str_utf8(alias, &s)) return nullptr;
    return set_errorf(&exc_TypeError, "Too few arguments for {}", s);
  }
  // Z[[int, str, bool]] == Z[int, str, bool] when Z has a single ParamSpec (PEP 612).
  if (tuple_size(params.get()) == 1 && !is_param_expr(a[0].get())) {
    ORef all = steal(vector_tuple(a));
    if (!all) return nullptr;
    return tuple_pack({all.get()});
  }
  if (type_check(a[size_t(i)].get(), &list_type)) {
    a[size_t(i)] = steal(sequence_tuple(a[size_t(i)].get()));
    if (!a[size_t(i)]) return nullptr;
  }
  return vector_tuple(a);
}

Object* typevartuple_prepare_subst_native(Object* self, Object* alias, Object* args) {
  ORef params = steal(alias_parameters(alias));
  if (!params) return nullptr;
  ssize idx = param_index(params.get(), self);
  if (idx < 0) return nullptr;
  std::string s;
  for (ssize i = idx + 1; i < tuple_size(params.get()); i++) {
    if (is_typevartuple(tuple_get(params.get(), i))) {
      if (!object_str_utf8(alias, &s)) return nullptr;
      return set_errorf(&exc_TypeError, "More than one TypeVarTuple parameter in {}", s);
    }
  }
  std::vector<ORef> a;
  if (!extend_with(&a, args)) return nullptr;
  ssize alen = ssize(a.size());
  ssize plen = tuple_size(params.get());
  ssize left = idx;
  ssize right = plen - idx - 1;
  ssize var_tuple_index = -1;
  ORef fillarg;
  for (ssize k = 0; k < alen; k++) {
    Object* arg = a[size_t(k)].get();
    if (type_check(arg, &type_type)) continue;
    Object* sub = nullptr;
    int r = get_attr_optional(arg, str_interned("__typing_unpacked_tuple_args__"), &sub);
    if (r < 0) return nullptr;
    ORef subr = steal(sub);
    if (!r || sub == none()) continue;
    ORef st = steal(sequence_tuple(sub));
    if (!st) return nullptr;
    if (tuple_size(st.get()) == 2 && tuple_get(st.get(), 1) == ellipsis()) {
      if (var_tuple_index >= 0)
        return set_error(&exc_TypeError, "More than one unpacked arbitrary-length tuple argument");
      var_tuple_index = k;
      fillarg = borrow(tuple_get(st.get(), 0));
    }
  }
  if (var_tuple_index >= 0) {
    left = std::min(left, var_tuple_index);
    right = std::min(right, alen - var_tuple_index - 1);
  } else if (left + right > alen) {
    if (!object_str_utf8(alias, &s)) return nullptr;
    return set_errorf(&exc_TypeError, "Too few arguments for {}; actual {}, expected at least {}", s, alen, plen - 1);
  }
  ORef replacement;
  int d = left == alen - right ? has_default(self) : 0;
  if (d < 0) return nullptr;
  if (d) {
    ORef dflt = steal(typeparam_default(self));
    if (!dflt) return nullptr;
    ORef one = steal(tuple_pack({dflt.get()}));
    if (!one) return nullptr;
    replacement = steal(unpack_args(one.get()));
  } else {
    std::vector<ORef> mid(a.begin() + left, a.begin() + (alen - right));
    replacement = steal(vector_tuple(mid));
  }
  if (!replacement) return nullptr;
  std::vector<ORef> out(a.begin(), a.begin() + left);
  for (ssize i = 0; i < idx - left; i++) out.push_back(fillarg);
  out.push_back(replacement);
  for (ssize i = 0; i < plen - right - left - idx - 1; i++) out.push_back(fillarg);
  for (ssize i = alen - right; i < alen; i++) out.push_back(a[size_t(i)]);
  return vector_tuple(out);
}

Object* generic_class_getitem_native(Object* cls, Object* params) {
  ORef raw = steal(as_args_tuple(params));
  if (!raw) return nullptr;
  std::vector<ORef> conv;
  for (ssize i = 0; i < tuple_size(raw.get()); i++) {
    conv.push_back(steal(type_convert(tuple_get(raw.get(), i))));
    if (!conv.back()) return nullptr;
  }
  ORef args = steal(vector_tuple(conv));
  if (!args) return nullptr;
  if (cls == generic_obj()) {
    if (tuple_size(args.get()) == 0) return set_error(&exc_TypeError, "Parameter list to Generic[...] cannot be empty");
    for (ssize i = 0; i < tuple_size(args.get()); i++) {
      Object* p = tuple_get(args.get(), i);
      int ok = is_typevar(p) || is_paramspec(p);
      if (!ok) ok = is_unpacked_typevartuple(p);
      if (ok < 0) return nullptr;
      if (!ok)
        return set_error(&exc_TypeError,
                         "Parameters to Generic[...] must all be type variables or parameter specification "
                         "variables.");
    }
    ORef unique = steal(set_new(args.get()));
    if (!unique) return nullptr;
    if (set_size(unique.get()) != tuple_size(args.get()))
      return set_error(&exc_TypeError, "Parameters to Generic[...] must all be unique");
    return typing_alias_new(cls, args.get());
  }
  ORef cparams = steal(alias_parameters(cls));
  if (!cparams) return nullptr;
  args = steal(prepare_args(cls, cparams.get(), args.get()));
  if (!args) return nullptr;
  if (!check_generic_specialization(cls, cparams.get(), args.get())) return nullptr;
  std::vector<ORef> new_args;
  ssize n = std::min(tuple_size(cparams.get()), tuple_size(args.get()));
  for (ssize i = 0; i < n; i++) {
    Object* a = tuple_get(args.get(), i);
    if (is_typevartuple(tuple_get(cparams.get(), i))) {
      if (!extend_with(&new_args, a)) return nullptr;
    } else {
      new_args.push_back(borrow(a));
    }
  }
  ORef nt = steal(vector_tuple(new_args));
  if (!nt) return nullptr;
  return typing_alias_new(cls, nt.get());
}

Object* generic_init_subclass_native(Object* cls, Object* args, Object* kwargs) {
  // super(Generic, cls).__init_subclass__(*args, **kwargs)
  bool unbound = false;
  ORef isc = steal(super_lookup(&generic_type, cls, strs::init_subclass, false, &unbound));
  if (!isc) return nullptr;
  ORef r = steal(call_tuple_dict(isc.get(), args, kwargs && dict_size(kwargs) ? kwargs : nullptr));
  if (!r) return nullptr;
  if (!type_check(cls, &type_type)) return set_error(&exc_TypeError, "__init_subclass__ expects a class");
  Type* t = reinterpret_cast<Type*>(cls);
  Object* orig_bases = nullptr;
  int has_orig = dict_get(t->tp_dict, strs::orig_bases, &orig_bases);
  if (has_orig < 0) return nullptr;
  ORef ob = steal(orig_bases);
  int error;
  if (has_orig) {
    error = sequence_contains(orig_bases, generic_obj());
  } else {
    error = sequence_contains(t->tp_bases, generic_obj());
    if (error > 0) {
      ORef name = steal(get_attr(cls, strs::name));
      if (!name) return nullptr;
      error = !(type_check(name.get(), &str_type) && str_view(name.get()) == "Protocol");
    }
  }
  if (error < 0) return nullptr;
  if (error) return set_error(&exc_TypeError, "Cannot inherit from plain Generic");
  ORef tvars = borrow(tuple_empty());
  if (has_orig) {
    ORef obt = steal(sequence_tuple(orig_bases));
    if (!obt) return nullptr;
    tvars = steal(collect_type_parameters(obt.get(), true));
    if (!tvars) return nullptr;
    ORef gvars;
    for (ssize i = 0; i < tuple_size(obt.get()); i++) {
      Object* base = tuple_get(obt.get(), i);
      if (is_typing_alias(base) && as_talias(base)->origin == generic_obj()) {
        if (gvars) return set_error(&exc_TypeError, "Cannot inherit from Generic[...] multiple times.");
        gvars = borrow(as_talias(base)->parameters);
      }
    }
    if (gvars) {
      std::vector<ORef> gv = to_vector(gvars.get());
      std::string s_vars;
      for (ssize i = 0; i < tuple_size(tvars.get()); i++) {
        Object* tv = tuple_get(tvars.get(), i);
        int in = vector_contains(gv, tv);
        if (in < 0) return nullptr;
        if (in) continue;
        std::string one;
        if (!object_str_utf8(tv, &one)) return nullptr;
        if (!s_vars.empty()) s_vars += ", ";
        s_vars += one;
      }
      if (!s_vars.empty()) {
        std::string s_args;
        for (size_t i = 0; i < gv.size(); i++) {
          if (i) s_args += ", ";
          std::string one;
          if (!object_str_utf8(gv[i].get(), &one)) return nullptr;
          s_args += one;
        }
        return set_errorf(&exc_TypeError, "Some type variables ({}) are not listed in Generic[{}]", s_vars, s_args);
      }
      tvars = gvars;
    }
  }
  if (set_attr(cls, str_interned("__parameters__"), tvars.get()) < 0) return nullptr;
  return newref(none());
}

int generic_init_types() {
  for (Type* t :
       {&generic_type, &typing_alias_type, &unpack_alias_type, &union_alias_type, &special_form_type, &forwardref_type})
    if (type_ready(t) < 0) return -1;
  // typing.py's special forms and aliases report module 'typing'.
  ORef typing = steal(str_from_utf8("typing"));
  if (!typing || dict_set(special_form_type.tp_dict, strs::module, typing.get()) < 0 ||
      dict_set(forwardref_type.tp_dict, strs::module, typing.get()) < 0)
    return -1;
  return 0;
}

}  // namespace pyvm
