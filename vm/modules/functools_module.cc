// The _functools module: reduce, cmp_to_key (functools.KeyWrapper) and functools.partial. The C LRU cache
// (_lru_cache_wrapper) is not provided: functools.py then uses its pure-Python cache.
//
// Thread-safety: partial's func/args/keywords are replaced only by __setstate__, under the object's critical
// section; calls read them under the section and keep their own references while calling out. KeyWrapper is
// immutable.
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

using sync::CriticalSection;

// ---- reduce ----

Object* functools_reduce(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("reduce", nargs, kwnames, 2, 3)) return nullptr;
  Object* func = args[0];
  ORef it = steal(get_iter(args[1]));
  if (!it) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      return set_error(&exc_TypeError, "reduce() arg 2 must support iteration");
    }
    return nullptr;
  }
  ORef result = nargs == 3 ? borrow(args[2]) : ORef();
  for (;;) {
    ORef item = steal(iter_next(it.get()));
    if (!item) {
      if (error_occurred()) return nullptr;
      break;
    }
    if (!result) {
      result = std::move(item);
      continue;
    }
    result = steal(call2(func, result.get(), item.get()));
    if (!result) return nullptr;
  }
  if (!result) return set_error(&exc_TypeError, "reduce() of empty iterable with no initial value");
  return result.release();
}

// ---- cmp_to_key ----

struct KeyObject {
  PyObject ob_base;
  Object* cmp;
  Object* object;  // null in the wrapper cmp_to_key returns
};
inline KeyObject* K(Object* o) { return reinterpret_cast<KeyObject*>(o); }
extern Type keyobject_type;

void keyobject_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(K(self)->cmp);
  xdecref(K(self)->object);
  object_free(self);
  dealloc_type_ref(t);
}

int keyobject_traverse(Object* self, visitproc visit, void* arg) {
  for (Object* o : {K(self)->cmp, K(self)->object})
    if (o)
      if (int r = visit(o, arg)) return r;
  return 0;
}

Object* keyobject_new(Object* cmp, Object* obj) {
  Object* o = new_object(&keyobject_type, sizeof(KeyObject));
  if (!o) return nullptr;
  K(o)->cmp = newref(cmp);
  K(o)->object = xnewref(obj);
  return o;
}

Object* keyobject_call(Object* self, Object* args, Object* kwds) {
  Object* obj = nullptr;
  ORef kwnames;
  std::vector<Object*> argv(tuple_items(args), tuple_items(args) + tuple_size(args));
  if (kwds && dict_size(kwds) > 0) {
    kwnames = steal(tuple_new(dict_size(kwds)));
    if (!kwnames) return nullptr;
    ssize pos = 0, i = 0;
    Object *k, *v;
    while (dict_next(kwds, &pos, &k, &v)) {
      tuple_set(kwnames.get(), i++, newref(k));
      argv.push_back(v);
    }
  }
  if (!parse_args("K", argv.data(), tuple_size(args), kwnames.get(), {"obj"}, 1, &obj)) return nullptr;
  return keyobject_new(K(self)->cmp, obj);
}

Object* keyobject_richcompare(Object* a, Object* b, int op) {
  if (type_of(b) != &keyobject_type) return set_error(&exc_TypeError, "other argument must be K instance");
  Object* x = K(a)->object;
  Object* y = K(b)->object;
  if (!x || !y) return set_error(&exc_AttributeError, "object");
  ORef res = steal(call2(K(a)->cmp, x, y));
  if (!res) return nullptr;
  ORef zero = steal(int_from_ssize(0));
  if (!zero) return nullptr;
  return rich_compare(res.get(), zero.get(), op);
}

Object* keyobject_obj_get(Object* self, void*) {
  if (!K(self)->object) return set_error(&exc_AttributeError, "obj");
  return newref(K(self)->object);
}

PyGetSetDef keyobject_getset[] = {{"obj", keyobject_obj_get, nullptr, "Value wrapped by a key function.", nullptr},
                                  {nullptr, nullptr, nullptr, nullptr, nullptr}};

Type keyobject_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "functools.KeyWrapper",
    .tp_basicsize = sizeof(KeyObject),
    .tp_dealloc = keyobject_dealloc,
    .tp_hash = hash_not_implemented,
    .tp_call = keyobject_call,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC,
    .tp_traverse = keyobject_traverse,
    .tp_richcompare = keyobject_richcompare,
    .tp_getset = keyobject_getset,
    .tp_free = object_free,
};

Object* functools_cmp_to_key(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* cmp = nullptr;
  if (!parse_args("cmp_to_key", args, nargs, kwnames, {"mycmp"}, 1, &cmp)) return nullptr;
  return keyobject_new(cmp, nullptr);
}

// ---- partial ----

struct PartialObject {
  PyObject ob_base;
  Object* fn;
  Object* args;  // tuple
  Object* kw;    // dict
  vectorcallfunc vectorcall;
};
inline PartialObject* PT(Object* o) { return reinterpret_cast<PartialObject*>(o); }
extern Type partial_type;

// A snapshot of the three fields (new references), so a concurrent __setstate__ cannot free them mid-call.
struct PartialState {
  ORef fn, args, kw;
};
PartialState snapshot(Object* self) {
  CriticalSection cs(self);
  return {borrow(PT(self)->fn), borrow(PT(self)->args), borrow(PT(self)->kw)};
}

Object* partial_vectorcall(Object* self, Object* const* args, size_t nargsf, Object* kwnames) {
  ssize nargs = ssize(nargsf & ~(size_t(1) << (8 * sizeof(size_t) - 1)));
  PartialState st = snapshot(self);
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  std::vector<Object*> argv(tuple_items(st.args.get()), tuple_items(st.args.get()) + tuple_size(st.args.get()));
  argv.insert(argv.end(), args, args + nargs + nkw);
  ssize total = tuple_size(st.args.get()) + nargs;
  if (dict_size(st.kw.get()) == 0) return call(st.fn.get(), argv.data(), size_t(total), kwnames);
  // Stored keywords: merge them with the call's (the call's win) into a dict call.
  ORef kw = steal(dict_copy(st.kw.get()));
  if (!kw) return nullptr;
  for (ssize i = 0; i < nkw; i++)
    if (dict_set(kw.get(), tuple_get(kwnames, i), args[nargs + i]) < 0) return nullptr;
  ORef tup = steal(tuple_from_array(argv.data(), total));
  if (!tup) return nullptr;
  return call_tuple_dict(st.fn.get(), tup.get(), kw.get());
}

Object* partial_call(Object* self, Object* args, Object* kwds) {
  PartialState st = snapshot(self);
  ORef all;
  if (tuple_size(st.args.get()) == 0) {
    all = borrow(args);
  } else {
    std::vector<Object*> argv(tuple_items(st.args.get()), tuple_items(st.args.get()) + tuple_size(st.args.get()));
    argv.insert(argv.end(), tuple_items(args), tuple_items(args) + tuple_size(args));
    all = steal(tuple_from_array(argv.data(), ssize(argv.size())));
    if (!all) return nullptr;
  }
  ORef kw;
  if (dict_size(st.kw.get()) == 0) {
    kw = kwds ? borrow(kwds) : ORef();
  } else {
    kw = steal(dict_copy(st.kw.get()));
    if (!kw || (kwds && dict_merge(kw.get(), kwds, true) < 0)) return nullptr;
  }
  return call_tuple_dict(st.fn.get(), all.get(), kw.get());
}

Object* partial_new(Type* type, Object* args, Object* kwds) {
  if (tuple_size(args) < 1) return set_error(&exc_TypeError, "type 'partial' takes at least one argument");
  Object* func = tuple_get(args, 0);
  ORef pargs, pkw;
  if (type == &partial_type && type_check(func, &partial_type)) {
    Object** dp = managed_dict_ptr(func);
    if (!*dp || dict_size(*dp) == 0) {
      PartialState st = snapshot(func);
      pargs = std::move(st.args);
      pkw = std::move(st.kw);
      func = PT(func)->fn;
    }
  }
  if (!is_callable(func)) return set_error(&exc_TypeError, "the first argument must be callable");
  ORef fn = borrow(func);
  ORef rest = steal(tuple_get_slice(args, 1, tuple_size(args)));
  if (!rest) return nullptr;
  ORef all;
  if (pargs && tuple_size(pargs.get()) > 0) {
    std::vector<Object*> argv(tuple_items(pargs.get()), tuple_items(pargs.get()) + tuple_size(pargs.get()));
    argv.insert(argv.end(), tuple_items(rest.get()), tuple_items(rest.get()) + tuple_size(rest.get()));
    all = steal(tuple_from_array(argv.data(), ssize(argv.size())));
  } else {
    all = std::move(rest);
  }
  if (!all) return nullptr;
  ORef kw = steal(pkw ? dict_copy(pkw.get()) : dict_new());
  if (!kw || (kwds && dict_merge(kw.get(), kwds, true) < 0)) return nullptr;
  Object* o = new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  PT(o)->fn = fn.release();
  PT(o)->args = all.release();
  PT(o)->kw = kw.release();
  PT(o)->vectorcall = partial_vectorcall;
  return o;
}

void partial_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(PT(self)->fn);
  xdecref(PT(self)->args);
  xdecref(PT(self)->kw);
  Object** dp = managed_dict_ptr(self);
  Object* d = *dp;
  *dp = nullptr;
  xdecref(d);
  object_free(self);
  dealloc_type_ref(t);
}

// Collector support: fn, args and kw are strong. The managed dict is visited here only for partial itself: a
// subclass's traverse (subtype_traverse) visits it before calling this one, and a second visit would make the
// collector think the dict had one more reference from inside than it has.
int partial_traverse(Object* self, visitproc visit, void* arg) {
  Object* d = type_of(self) == &partial_type ? *managed_dict_ptr(self) : nullptr;
  for (Object* o : {PT(self)->fn, PT(self)->args, PT(self)->kw, d})
    if (o)
      if (int r = visit(o, arg)) return r;
  return 0;
}
// Drops the dict only: fn, args and kw stay valid for a call (a subclass's dict is subtype_clear's).
int partial_clear(Object* self) {
  if (type_of(self) == &partial_type) xdecref(__atomic_exchange_n(managed_dict_ptr(self), nullptr, __ATOMIC_ACQ_REL));
  return 0;
}

Object* partial_repr(Object* self) {
  Type* t = type_of(self);
  std::string name;
  if (t == &partial_type) {
    name = "functools.partial";
  } else {
    ORef mod = steal(get_attr_str(reinterpret_cast<Object*>(t), "__module__"));
    if (!mod) return nullptr;
    ORef qual = steal(get_attr_str(reinterpret_cast<Object*>(t), "__qualname__"));
    if (!qual) return nullptr;
    std::string m, q;
    if (!object_str_utf8(mod.get(), &m) || !object_str_utf8(qual.get(), &q)) return nullptr;
    name = m + "." + q;
  }
  int rec = repr_enter(self);
  if (rec < 0) return nullptr;
  if (rec > 0) return str_from_utf8("...");
  PartialState st = snapshot(self);
  std::string out;
  bool ok = repr_utf8(st.fn.get(), &out);
  for (ssize i = 0; ok && i < tuple_size(st.args.get()); i++) {
    std::string r;
    ok = repr_utf8(tuple_get(st.args.get(), i), &r);
    out += ", " + r;
  }
  ssize pos = 0;
  Object *k, *v;
  while (ok && dict_next(st.kw.get(), &pos, &k, &v)) {
    std::string ks, vs;
    ok = object_str_utf8(k, &ks) && repr_utf8(v, &vs);
    out += ", " + ks + "=" + vs;
  }
  repr_leave(self);
  if (!ok) return nullptr;
  return str_from_utf8(name + "(" + out + ")");
}

Object* partial_descr_get(Object* self, Object* obj, Object*) {
  if (obj && obj != none()) {
    if (runtime_warn(&exc_FutureWarning,
                     "functools.partial will be a method descriptor in future Python versions; wrap it in "
                     "staticmethod() if you want to preserve the old behavior",
                     1) < 0)
      return nullptr;
  }
  return newref(self);
}

Object* partial_reduce(Object* self, Object*) {
  PartialState st = snapshot(self);
  Object* d = *managed_dict_ptr(self);
  ORef dict = borrow(d ? d : none());
  ORef fnargs = steal(tuple_pack({st.fn.get()}));
  if (!fnargs) return nullptr;
  ORef state = steal(tuple_pack({st.fn.get(), st.args.get(), st.kw.get(), dict.get()}));
  if (!state) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), fnargs.get(), state.get()});
}

Object* partial_setstate(Object* self, Object* state) {
  if (!type_check(state, &tuple_type) || tuple_size(state) != 4)
    return set_error(&exc_TypeError, "invalid partial state");
  Object* fn = tuple_get(state, 0);
  Object* fnargs = tuple_get(state, 1);
  Object* kw = tuple_get(state, 2);
  Object* dict = tuple_get(state, 3);
  if (!is_callable(fn) || !type_check(fnargs, &tuple_type) || (kw != none() && !dict_check(kw)))
    return set_error(&exc_TypeError, "invalid partial state");
  ORef args = steal(type_of(fnargs) == &tuple_type ? newref(fnargs) : tuple_get_slice(fnargs, 0, tuple_size(fnargs)));
  if (!args) return nullptr;
  ORef kwd = steal(kw == none() ? dict_new() : (dict_check_exact(kw) ? newref(kw) : dict_copy(kw)));
  if (!kwd) return nullptr;
  {
    CriticalSection cs(self);
    set_slot(&PT(self)->fn, newref(fn));
    set_slot(&PT(self)->args, args.release());
    set_slot(&PT(self)->kw, kwd.release());
    set_slot(managed_dict_ptr(self), dict == none() ? nullptr : newref(dict));
  }
  return none();
}

Object* partial_func_get(Object* self, void*) { return snapshot(self).fn.release(); }
Object* partial_args_get(Object* self, void*) { return snapshot(self).args.release(); }
Object* partial_kw_get(Object* self, void*) { return snapshot(self).kw.release(); }

Object* partial_dict_get(Object* self, void*) {
  CriticalSection cs(self);
  Object** dp = managed_dict_ptr(self);
  if (!*dp) {
    *dp = dict_new();
    if (!*dp) return nullptr;
  }
  return newref(*dp);
}

int partial_dict_set(Object* self, Object* value, void*) {
  if (!value || !dict_check(value)) {
    set_error(&exc_TypeError, value ? "setting partial object's dictionary to a non-dict"
                                    : "a partial object's dictionary may not be deleted");
    return -1;
  }
  CriticalSection cs(self);
  set_slot(managed_dict_ptr(self), newref(value));
  return 0;
}

PyMethodDef partial_methods[] = {
    {"__reduce__", partial_reduce, METH_NOARGS, nullptr},
    {"__setstate__", partial_setstate, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef partial_getset[] = {
    {"func", partial_func_get, nullptr, "function object to use in future partial calls", nullptr},
    {"args", partial_args_get, nullptr, "tuple of arguments to future partial calls", nullptr},
    {"keywords", partial_kw_get, nullptr, "dictionary of keyword arguments to future partial calls", nullptr},
    {"__dict__", partial_dict_get, partial_dict_set, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

Type partial_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "functools.partial",
    .tp_basicsize = sizeof(PartialObject),
    .tp_dealloc = partial_dealloc,
    .tp_vectorcall_offset = offsetof(PartialObject, vectorcall),
    .tp_repr = partial_repr,
    .tp_call = partial_call,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_VECTORCALL |
                Py_TPFLAGS_MANAGED_DICT,
    .tp_doc =
        "partial(func, /, *args, **keywords)\n--\n\nCreate a new function with partial application of the given "
        "arguments\nand keywords.",
    .tp_traverse = partial_traverse,
    .tp_clear = partial_clear,
    .tp_methods = partial_methods,
    .tp_getset = partial_getset,
    .tp_descr_get = partial_descr_get,
    .tp_new = partial_new,
    .tp_free = object_free,
};

PyMethodDef functools_functions[] = {
    {"reduce", as_cfunc(functools_reduce), METH_FASTCALL | METH_KEYWORDS,
     "reduce(function, iterable[, initial], /) -> value\n\nApply a function of two arguments cumulatively to the "
     "items of an iterable, from left to right."},
    {"cmp_to_key", as_cfunc(functools_cmp_to_key), METH_FASTCALL | METH_KEYWORDS,
     "Convert a cmp= function into a key= function."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Object* create_functools_module() {
  if (type_ready(&keyobject_type) < 0 || type_ready(&partial_type) < 0) return nullptr;
  if (generic_alias_install_class_getitem(&partial_type) < 0) return nullptr;
  ORef m = steal(module_new(str_interned("_functools")));
  if (!m) return nullptr;
  if (module_add_functions(m.get(), functools_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("Tools that operate on functions."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  if (dict_set_str(d, "partial", reinterpret_cast<Object*>(&partial_type)) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
