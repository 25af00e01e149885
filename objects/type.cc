// The `type` type: readying types, the attribute cache, MROs, the subclass registry and attributes of classes.
#include "objects/type.h"

#include <atomic>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "alloc/heap.h"
#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/slots.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"

namespace pyvm {

// ---- the attribute cache ----
//
// type_lookup walks the MRO's dicts (each lookup takes the dict's critical section), which dominated attribute
// access. Results are cached per thread, keyed by (type, interned name), and validated by a global epoch that is
// bumped whenever any type dict changes or a type is freed. Only interned (immortal) names are cached, so a key's
// address can never be reused for different text. Thread contract: each thread owns its cache; the epoch is an
// atomic counter. Known gap (issue 6): a cached value is borrowed from the type dict, as type_lookup's result always
// was; a concurrent class-attribute assignment can free it under a reader (CPython 3.13t has the same window
// without its QSBR-protected cache).
// The hit path is inline in objects/abstract.h (type_lookup); the entries and the epoch live here.
namespace type_cache {
std::atomic<uint64_t> g_epoch{1};
constinit thread_local Entry t_entries[kSize];
}  // namespace type_cache
void type_cache_invalidate() { type_cache::g_epoch.fetch_add(1, std::memory_order_release); }

static Object* type_lookup_uncached(Type* type, Object* name);

Object* type_lookup_slow(Type* type, Object* name) {
  if (!str_is_interned(name)) return type_lookup_uncached(type, name);
  uint64_t epoch = type_cache::g_epoch.load(std::memory_order_acquire);  // before the walk: a change during it
  Object* v = type_lookup_uncached(type, name);                           // leaves the entry stale
  if (!error_occurred()) type_cache::t_entries[type_cache::slot(type, name)] = type_cache::Entry{type, name, epoch, v};
  return v;
}

static Object* lookup_in_dict(Type* t, Object* name) {
  if (!t->tp_dict) return nullptr;
  Object* v = nullptr;
  int r = dict_get(t->tp_dict, name, &v);
  if (r > 0) {
    decref(v);  // type dicts keep their values alive; callers get a borrowed reference
    return v;
  }
  if (r < 0) error_clear();
  return nullptr;
}

static Object* type_lookup_uncached(Type* type, Object* name) {
  Object* mro = type->tp_mro;
  if (!mro) {
    for (Type* t = type; t; t = t->tp_base)
      if (Object* v = lookup_in_dict(t, name)) return v;
    return nullptr;
  }
  ssize n = tuple_size(mro);
  for (ssize i = 0; i < n; i++)
    if (Object* v = lookup_in_dict(reinterpret_cast<Type*>(tuple_get(mro, i)), name)) return v;
  return nullptr;
}

// ---- names ----

std::string type_qualname(Type* t) {
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    Object* q = reinterpret_cast<HeapType*>(t)->ht_qualname;
    if (q) return std::string(str_view(q));
  }
  const char* dot = std::strrchr(t->tp_name, '.');
  return dot ? dot + 1 : t->tp_name;
}

// type.__name__: ht_name for classes, the part of tp_name after the last dot for static types.
static std::string type_short_name(Type* t) {
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) return std::string(str_view(reinterpret_cast<HeapType*>(t)->ht_name));
  const char* dot = std::strrchr(t->tp_name, '.');
  return dot ? dot + 1 : t->tp_name;
}

// type.__module__: the class dict's own entry for classes (AttributeError when deleted), else from tp_name.
static Object* type_module(Type* t) {
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    Object* m = nullptr;
    int r = dict_get(t->tp_dict, strs::module, &m);
    if (r < 0) return nullptr;
    if (r == 0) return set_error(&exc_AttributeError, "__module__");
    return m;
  }
  const char* dot = std::strrchr(t->tp_name, '.');
  if (dot) return str_from_utf8(t->tp_name, dot - t->tp_name);
  return newref(str_interned("builtins"));
}

static Object* type_repr(Object* self) {
  Type* t = reinterpret_cast<Type*>(self);
  ORef mod = steal(type_module(t));
  std::string q = type_qualname(t);
  if (mod && type_check(mod.get(), &str_type) && str_view(mod.get()) != "builtins")
    return str_from_utf8(fmt::format("<class '{}.{}'>", str_view(mod.get()), q));
  error_clear();
  return str_from_utf8(fmt::format("<class '{}'>", q));
}

// ---- the subclass registry (contract in type.h) ----

using SubclassList = std::vector<Type*>;
static std::mutex g_subclasses_mu;  // guards every type's SubclassList

static SubclassList* subclass_list(Type* t) { return static_cast<SubclassList*>(t->tp_subclasses); }

void type_add_subclass(Type* base, Type* sub) {
  std::lock_guard<std::mutex> g(g_subclasses_mu);
  SubclassList* l = subclass_list(base);
  if (!l) {
    l = new SubclassList();
    base->tp_subclasses = l;
  }
  l->push_back(sub);
}

static void remove_subclass_locked(Type* base, Type* sub) {
  SubclassList* l = subclass_list(base);
  if (!l) return;
  for (auto it = l->begin(); it != l->end(); ++it)
    if (*it == sub) {
      l->erase(it);
      return;
    }
}

void type_remove_subclass(Type* base, Type* sub) {
  std::lock_guard<std::mutex> g(g_subclasses_mu);
  remove_subclass_locked(base, sub);
}

std::vector<Ref<Type>> type_subclasses(Type* t) {
  std::vector<Ref<Type>> out;
  std::lock_guard<std::mutex> g(g_subclasses_mu);
  if (SubclassList* l = subclass_list(t))
    for (Type* s : *l) out.push_back(Ref<Type>::borrow(s));
  return out;
}

// ---- MRO (C3 linearisation) ----

// CPython's set_mro_error: names the heads of the sequences that could not be merged, each once.
static std::nullptr_t mro_error(const std::vector<std::vector<Object*>>& seqs, const std::vector<size_t>& heads) {
  std::vector<Object*> seen;
  std::string names;
  for (size_t i = 0; i < seqs.size(); i++) {
    if (heads[i] >= seqs[i].size()) continue;
    Object* c = seqs[i][heads[i]];
    bool dup = false;
    for (Object* s : seen) dup |= s == c;
    if (dup) continue;
    seen.push_back(c);
    names += (names.empty() ? " " : ", ") + type_short_name(reinterpret_cast<Type*>(c));
  }
  return set_errorf(&exc_TypeError, "Cannot create a consistent method resolution order (MRO) for bases{}", names);
}

Object* type_c3_mro(Type* t) {
  Object* bases = t->tp_bases;
  ssize nb = bases ? tuple_size(bases) : 0;
  for (ssize i = 0; i < nb; i++) {
    Type* b = reinterpret_cast<Type*>(tuple_get(bases, i));
    if (!b->tp_mro) return set_errorf(&exc_TypeError, "Cannot extend an incomplete type '{}'", b->tp_name);
  }
  if (nb == 1) {
    Object* bm = reinterpret_cast<Type*>(tuple_get(bases, 0))->tp_mro;
    ssize n = tuple_size(bm);
    Object* r = tuple_new(n + 1);
    if (!r) return nullptr;
    tuple_set(r, 0, newref(reinterpret_cast<Object*>(t)));
    for (ssize i = 0; i < n; i++) tuple_set(r, i + 1, newref(tuple_get(bm, i)));
    return r;
  }
  for (ssize i = 0; i < nb; i++)
    for (ssize j = i + 1; j < nb; j++)
      if (tuple_get(bases, i) == tuple_get(bases, j))
        return set_errorf(&exc_TypeError, "duplicate base class {}",
                          type_short_name(reinterpret_cast<Type*>(tuple_get(bases, i))));
  std::vector<std::vector<Object*>> seqs;
  for (ssize i = 0; i < nb; i++) {
    Object* bm = reinterpret_cast<Type*>(tuple_get(bases, i))->tp_mro;
    seqs.emplace_back(tuple_items(bm), tuple_items(bm) + tuple_size(bm));
  }
  if (nb) seqs.emplace_back(tuple_items(bases), tuple_items(bases) + nb);
  std::vector<Object*> result{reinterpret_cast<Object*>(t)};
  std::vector<size_t> heads(seqs.size(), 0);
  for (;;) {
    bool empty = true;
    Object* candidate = nullptr;
    for (size_t i = 0; i < seqs.size() && !candidate; i++) {
      if (heads[i] >= seqs[i].size()) continue;
      empty = false;
      Object* c = seqs[i][heads[i]];
      bool in_tail = false;
      for (size_t j = 0; j < seqs.size() && !in_tail; j++)
        for (size_t k = heads[j] + 1; k < seqs[j].size() && !in_tail; k++) in_tail = seqs[j][k] == c;
      if (!in_tail) candidate = c;
    }
    if (empty) break;
    if (!candidate) return mro_error(seqs, heads);
    result.push_back(candidate);
    for (size_t i = 0; i < seqs.size(); i++)
      if (heads[i] < seqs[i].size() && seqs[i][heads[i]] == candidate) heads[i]++;
  }
  return tuple_from_array(result.data(), ssize(result.size()));
}

static Object* type_mro_method(Object* self, Object*);

// A metaclass may override mro(); its result must list classes whose layouts fit t's (CPython's mro_check).
Object* type_compute_mro(Type* t) {
  Type* meta = type_of(reinterpret_cast<Object*>(t));
  if (meta == &type_type) return type_c3_mro(t);
  Object* f = type_lookup(meta, strs::mro);
  if (!f || (type_of(f) == &method_descr_type &&
             reinterpret_cast<MethodDescrObject*>(f)->d_method->ml_meth == type_mro_method))
    return type_c3_mro(t);
  ORef keep = borrow(f);
  ORef res = steal(call1(f, reinterpret_cast<Object*>(t)));
  if (!res) return nullptr;
  ORef mro = steal(sequence_tuple(res.get()));
  if (!mro) return nullptr;
  Type* solid = type_solid_base(t);
  for (ssize i = 0; i < tuple_size(mro.get()); i++) {
    Object* c = tuple_get(mro.get(), i);
    if (!type_check(c, &type_type))
      return set_errorf(&exc_TypeError, "mro() returned a non-class ('{}')", type_of(c)->tp_name);
    if (!is_subtype(solid, type_solid_base(reinterpret_cast<Type*>(c))))
      return set_errorf(&exc_TypeError, "mro() returned base with unsuitable layout ('{}')",
                        reinterpret_cast<Type*>(c)->tp_name);
  }
  return mro.release();
}

// ---- slot inheritance ----

template <class T>
static void inherit_table(T* dst, const T* src) {
  if (!dst || !src) return;
  void** d = reinterpret_cast<void**>(dst);
  void* const* s = reinterpret_cast<void* const*>(src);
  for (size_t i = 0; i < sizeof(T) / sizeof(void*); i++)
    if (!d[i]) d[i] = s[i];
}

// CPython's overrides_hash: a class that defines __eq__ or __hash__ itself inherits neither comparison nor hash.
static bool overrides_hash(Type* t) {
  return has_flag(t, Py_TPFLAGS_HEAPTYPE) && t->tp_dict &&
         (dict_contains(t->tp_dict, strs::eq) > 0 || dict_contains(t->tp_dict, strs::hash) > 0);
}

static void inherit_slots(Type* t, Type* b) {
  bool heap = has_flag(t, Py_TPFLAGS_HEAPTYPE);
  if (!t->tp_as_number && b->tp_as_number && !heap)
    t->tp_as_number = b->tp_as_number;
  else
    inherit_table(t->tp_as_number, b->tp_as_number);
  if (!t->tp_as_sequence && b->tp_as_sequence && !heap)
    t->tp_as_sequence = b->tp_as_sequence;
  else
    inherit_table(t->tp_as_sequence, b->tp_as_sequence);
  if (!t->tp_as_mapping && b->tp_as_mapping && !heap)
    t->tp_as_mapping = b->tp_as_mapping;
  else
    inherit_table(t->tp_as_mapping, b->tp_as_mapping);
  if (!t->tp_as_async && b->tp_as_async && !heap)
    t->tp_as_async = b->tp_as_async;
  else
    inherit_table(t->tp_as_async, b->tp_as_async);
  if (!t->tp_as_buffer && b->tp_as_buffer && !heap)
    t->tp_as_buffer = b->tp_as_buffer;
  else
    inherit_table(t->tp_as_buffer, b->tp_as_buffer);
#define INH(f) \
  if (!t->f) t->f = b->f
  INH(tp_dealloc);
  INH(tp_repr);
  // tp_vectorcall_offset is always inherited; the vectorcall flag only with tp_call (a class whose own __call__
  // replaces tp_call loses it again in fixup_heap_slots, objects/slots.cc), as CPython 3.12+.
  if (!t->tp_vectorcall_offset && b == t->tp_base) t->tp_vectorcall_offset = b->tp_vectorcall_offset;
  if (!t->tp_call && has_flag(b, Py_TPFLAGS_HAVE_VECTORCALL)) t->tp_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
  INH(tp_call);
  INH(tp_str);
  INH(tp_getattro);
  INH(tp_setattro);
  INH(tp_iter);
  INH(tp_iternext);
  INH(tp_descr_get);
  INH(tp_descr_set);
  INH(tp_init);
  INH(tp_alloc);
  INH(tp_free);
  if (!t->tp_richcompare && !t->tp_hash && !overrides_hash(t)) {
    t->tp_richcompare = b->tp_richcompare;
    t->tp_hash = b->tp_hash;
  }
  // The instance dict and weakref list are part of the layout, which comes from tp_base only (a class gets them
  // from other bases by adding its own, see plan_slots in type_new.cc). A managed one lives in the pre-header: its
  // flag travels with the offset, so that instances are allocated with the pre-header.
  if (b == t->tp_base) {
    if (!t->tp_dictoffset) {
      t->tp_dictoffset = b->tp_dictoffset;
      t->tp_flags |= b->tp_flags & Py_TPFLAGS_MANAGED_DICT;
    }
    if (!t->tp_weaklistoffset) {
      t->tp_weaklistoffset = b->tp_weaklistoffset;
      t->tp_flags |= b->tp_flags & Py_TPFLAGS_MANAGED_WEAKREF;
    }
  }
  if (!t->tp_itemsize) t->tp_itemsize = b->tp_itemsize;
#undef INH
  constexpr unsigned long kSubclassBits =
      Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_BYTES_SUBCLASS |
      Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_DICT_SUBCLASS | Py_TPFLAGS_BASE_EXC_SUBCLASS | Py_TPFLAGS_TYPE_SUBCLASS;
  t->tp_flags |= b->tp_flags & kSubclassBits;
  // Pattern matching's class flags are inherited unless the type set either itself (CPython's inherit_special).
  if (!(t->tp_flags & (Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING)))
    t->tp_flags |= b->tp_flags & (Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING);
  t->tp_flags |= b->tp_flags & Py_TPFLAGS_MATCH_SELF;
}

static int add_methods(Type* t) {
  if (t->tp_methods) {
    for (PyMethodDef* m = t->tp_methods; m->ml_name; m++) {
      Object* name = str_interned(m->ml_name);
      int has = dict_contains(t->tp_dict, name);
      if (has) {
        if (has < 0) return -1;
        if (!(m->ml_flags & METH_COEXIST)) continue;
      }
      ORef d;
      if (m->ml_flags & METH_CLASS) {
        ORef f = steal(method_descr_new(t, m));
        if (!f) return -1;
        // Class methods are described by a classmethod_descriptor: reuse the method descriptor's layout.
        f.get()->ob_type = &classmethod_descr_type;
        d = std::move(f);
      } else if (m->ml_flags & METH_STATIC) {
        ORef f = steal(cfunction_new(m, nullptr, nullptr));
        if (!f) return -1;
        // The owner, for __qualname__ and __reduce__ ('str.maketrans'); calls never see it (no METH_METHOD).
        reinterpret_cast<CFunctionObject*>(f.get())->mm_class =
            reinterpret_cast<Type*>(newref(reinterpret_cast<Object*>(t)));
        d = steal(staticmethod_new(f.get()));
      } else {
        d = steal(method_descr_new(t, m));
      }
      if (!d || dict_set(t->tp_dict, name, d.get()) < 0) return -1;
    }
  }
  if (t->tp_members) {
    for (PyMemberDef* m = t->tp_members; m->name; m++) {
      Object* name = str_interned(m->name);
      if (dict_contains(t->tp_dict, name)) continue;
      ORef d = steal(member_descr_new(t, m));
      if (!d || dict_set(t->tp_dict, name, d.get()) < 0) return -1;
    }
  }
  // Getsets after members, as CPython's type_ready orders the type dict.
  if (t->tp_getset) {
    for (PyGetSetDef* g = t->tp_getset; g->name; g++) {
      Object* name = str_interned(g->name);
      if (dict_contains(t->tp_dict, name)) continue;
      ORef d = steal(getset_descr_new(t, g));
      if (!d || dict_set(t->tp_dict, name, d.get()) < 0) return -1;
    }
  }
  return 0;
}

static Object* tp_new_wrapper(Object* self, Object* const* args, ssize nargs, Object* kwnames);
static PyMethodDef tp_new_def = {"__new__", as_cfunc(tp_new_wrapper), METH_FASTCALL | METH_KEYWORDS,
                                 "Create and return a new object.  See help(type) for accurate signature."};

newfunc type_new_wrapper_target(Object* d) {
  if (type_of(d) != &builtin_function_type) return nullptr;
  auto* c = reinterpret_cast<CFunctionObject*>(d);
  if (c->m_ml != &tp_new_def || !c->m_self) return nullptr;
  return reinterpret_cast<Type*>(c->m_self)->tp_new;
}

int type_ready(Type* t) {
  if (has_flag(t, Py_TPFLAGS_READY)) return 0;
  type_cache_invalidate();
  t->tp_flags |= Py_TPFLAGS_READYING;
  if (!t->tp_base && t != &object_type) t->tp_base = &object_type;
  if (t->tp_base && !has_flag(t->tp_base, Py_TPFLAGS_READY) && type_ready(t->tp_base) < 0) return -1;
  if (!t->ob_base.ob_base.ob_type) t->ob_base.ob_base.ob_type = &type_type;
  if (!t->tp_bases) {
    t->tp_bases = t->tp_base ? tuple_pack({reinterpret_cast<Object*>(t->tp_base)}) : newref(tuple_empty());
    if (!t->tp_bases) return -1;
  }
  if (!t->tp_dict) {
    t->tp_dict = dict_new();
    if (!t->tp_dict) return -1;
  }
  Object* mro = type_compute_mro(t);
  if (!mro) return -1;
  t->tp_mro = mro;
  if (add_methods(t) < 0) return -1;
  if (add_slot_wrappers(t) < 0) return -1;
  if (t->tp_new && !dict_contains(t->tp_dict, strs::new_)) {
    ORef f = steal(cfunction_new(&tp_new_def, reinterpret_cast<Object*>(t), nullptr));
    if (!f || dict_set(t->tp_dict, strs::new_, f.get()) < 0) return -1;
  }
  // Every type has __doc__ in its own dict (None without tp_doc), so it is never inherited, as in CPython (classes
  // set theirs in type_new_impl, after their descriptors).
  if (!dict_contains(t->tp_dict, strs::doc)) {
    ORef d = t->tp_doc ? steal(str_from_utf8(t->tp_doc, ssize(std::strlen(t->tp_doc)))) : borrow(none());
    if (!d || dict_set(t->tp_dict, strs::doc, d.get()) < 0) return -1;
  }
  // A static type based directly on object without its own tp_new cannot be instantiated (CPython's
  // type_ready_set_new): object.__new__ would not set up its fields.
  if (!t->tp_new && t->tp_base == &object_type && !has_flag(t, Py_TPFLAGS_HEAPTYPE))
    t->tp_flags |= Py_TPFLAGS_DISALLOW_INSTANTIATION;
  for (ssize i = 1; i < tuple_size(mro); i++) inherit_slots(t, reinterpret_cast<Type*>(tuple_get(mro, i)));
  // tp_new comes from the layout base only, not from whichever class is first in the MRO (CPython's
  // inherit_special): class C(Plain, SomeMetaclass) must construct with type.__new__, not object.__new__.
  if (!t->tp_new && t->tp_base) t->tp_new = t->tp_base->tp_new;
  if (has_flag(t, Py_TPFLAGS_DISALLOW_INSTANTIATION)) t->tp_new = nullptr;
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    // A class that defines __eq__ without __hash__ is unhashable: __hash__ = None in its own dict.
    if (!t->tp_hash) {
      int has = dict_contains(t->tp_dict, strs::hash);
      if (has < 0) return -1;
      if (!has) {
        if (dict_set(t->tp_dict, strs::hash, none()) < 0) return -1;
        t->tp_hash = hash_not_implemented;
      }
    }
  } else if (t->tp_hash == nullptr && t->tp_richcompare == nullptr) {
    t->tp_hash = object_type.tp_hash;
  }
  if (t->tp_vectorcall_offset && !has_flag(t, Py_TPFLAGS_HEAPTYPE)) t->tp_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
  for (ssize i = 0; i < tuple_size(t->tp_bases); i++)
    type_add_subclass(reinterpret_cast<Type*>(tuple_get(t->tp_bases, i)), t);
  t->tp_flags = (t->tp_flags & ~Py_TPFLAGS_READYING) | Py_TPFLAGS_READY;
  return 0;
}

// ---- calling a type: type(x), and instantiation ----

static Object* type_call(Object* self, Object* args, Object* kwds) {
  Type* t = reinterpret_cast<Type*>(self);
  if (t == &type_type) {
    ssize n = tuple_size(args);
    if (n == 1) {
      if (kwds && dict_size(kwds)) return set_error(&exc_TypeError, "type() takes no keyword arguments");
      return newref(reinterpret_cast<Object*>(type_of(tuple_get(args, 0))));
    }
    if (n != 3) return set_error(&exc_TypeError, "type() takes 1 or 3 arguments");
  }
  if (!t->tp_new) return set_errorf(&exc_TypeError, "cannot create '{}' instances", t->tp_name);
  Object* obj = t->tp_new(t, args, kwds);
  if (!obj) return nullptr;
  if (!type_check(obj, t)) return obj;  // __new__ returned something else: skip __init__
  Type* ot = type_of(obj);
  if (ot->tp_init && ot->tp_init(obj, args, kwds) < 0) {
    decref(obj);
    return nullptr;
  }
  return obj;
}

// T.__new__(S, ...) for a type T written in C: S must be a subtype of T whose nearest non-Python base
// allocates like T (so that object.__new__(dict) cannot make a half-built dict).
static Object* tp_new_wrapper(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Type* owner = reinterpret_cast<Type*>(self);
  if (nargs < 1) return set_errorf(&exc_TypeError, "{}.__new__(): not enough arguments", owner->tp_name);
  Object* sub = args[0];
  if (!type_check(sub, &type_type))
    return set_errorf(&exc_TypeError, "{}.__new__(X): X is not a type object ({})", owner->tp_name,
                      type_of(sub)->tp_name);
  Type* st = reinterpret_cast<Type*>(sub);
  if (!is_subtype(st, owner))
    return set_errorf(&exc_TypeError, "{}.__new__({}): {} is not a subtype of {}", owner->tp_name, st->tp_name,
                      st->tp_name, owner->tp_name);
  Type* staticbase = st;
  while (staticbase && staticbase->tp_new == slot_tp_new) staticbase = staticbase->tp_base;
  if (staticbase && staticbase->tp_new != owner->tp_new)
    return set_errorf(&exc_TypeError, "{}.__new__({}) is not safe, use {}.__new__()", owner->tp_name, st->tp_name,
                      staticbase->tp_name);
  ORef targs = steal(tuple_from_array(args + 1, nargs - 1));
  if (!targs) return nullptr;
  ORef kw;
  if (kwnames && tuple_size(kwnames)) {
    kw = steal(dict_new());
    if (!kw) return nullptr;
    for (ssize i = 0; i < tuple_size(kwnames); i++)
      if (dict_set(kw.get(), tuple_get(kwnames, i), args[nargs + i]) < 0) return nullptr;
  }
  return owner->tp_new(st, targs.get(), kw.get());
}

static int type_init(Object*, Object* args, Object* kwds) {
  ssize n = tuple_size(args);
  if (n == 1 && kwds && dict_size(kwds)) {
    set_error(&exc_TypeError, "type.__init__() takes no keyword arguments");
    return -1;
  }
  if (n != 1 && n != 3) {
    set_error(&exc_TypeError, "type.__init__() takes 1 or 3 arguments");
    return -1;
  }
  return 0;
}

// ---- attribute access on classes ----

static Object* type_getattro(Object* self, Object* name) {
  if (!type_check(name, &str_type))
    return set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
  Type* t = reinterpret_cast<Type*>(self);
  Type* meta = type_of(self);
  Object* meta_attr = type_lookup(meta, name);
  ORef meta_ref = borrow(meta_attr);
  descrgetfunc meta_get = meta_attr ? type_of(meta_attr)->tp_descr_get : nullptr;
  if (meta_get && type_of(meta_attr)->tp_descr_set) return meta_get(meta_attr, self, reinterpret_cast<Object*>(meta));
  Object* attr = type_lookup(t, name);
  if (attr) {
    ORef keep = borrow(attr);
    descrgetfunc g = type_of(attr)->tp_descr_get;
    if (g) return g(attr, nullptr, self);
    return keep.release();
  }
  if (meta_get) return meta_get(meta_attr, self, reinterpret_cast<Object*>(meta));
  if (meta_attr) return meta_ref.release();
  return set_errorf(&exc_AttributeError, "type object '{}' has no attribute '{}'", t->tp_name, str_view(name));
}

static bool is_dunder(Object* name) {
  std::string_view v = str_view(name);
  return v.size() > 4 && v.substr(0, 2) == "__" && v.substr(v.size() - 2) == "__";
}

static int type_setattro(Object* self, Object* name, Object* value) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    ORef r = steal(object_repr(name));
    if (!r) return -1;
    set_errorf(&exc_TypeError, "cannot set {} attribute of immutable type '{}'", str_view(r.get()), t->tp_name);
    return -1;
  }
  if (!type_check(name, &str_type)) {
    set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
    return -1;
  }
  // Interned names keep the attribute cache and the slot table (keyed by interned pointers) effective.
  ORef iname = steal(str_intern(newref(name)));
  name = iname.get();
  Object* meta_attr = type_lookup(type_of(self), name);
  if (meta_attr && type_of(meta_attr)->tp_descr_set) {
    ORef keep = borrow(meta_attr);
    return type_of(meta_attr)->tp_descr_set(meta_attr, self, value);
  }
  // Other threads may hold the old value borrowed from their attribute caches (type_lookup): keep it alive until
  // they have all passed a quiescent state.
  Object* old = nullptr;
  if (dict_get(t->tp_dict, name, &old) < 0) return -1;
  int r;
  if (value) {
    r = dict_set(t->tp_dict, name, value);
  } else {
    r = dict_del(t->tp_dict, name);
    if (r < 0 && error_matches(&exc_KeyError)) {
      error_clear();
      set_errorf(&exc_AttributeError, "type object '{}' has no attribute '{}'", t->tp_name, str_view(name));
    }
  }
  type_cache_invalidate();
  if (old) alloc::release_deferred(old);
  if (r == 0 && is_dunder(name)) update_slot(t, name);
  return r;
}

// ---- type's attributes ----

// CPython's check_set_special_type_attr: static types and deletion are refused.
static bool check_special_set(Type* t, Object* value, const char* name) {
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    set_errorf(&exc_TypeError, "cannot set '{}' attribute of immutable type '{}'", name, t->tp_name);
    return false;
  }
  if (!value) {
    set_errorf(&exc_TypeError, "cannot delete '{}' attribute of immutable type '{}'", name, t->tp_name);
    return false;
  }
  return true;
}

static Object* type_get_name(Object* self, void*) {
  return str_from_utf8(type_short_name(reinterpret_cast<Type*>(self)));
}
static int type_set_name(Object* self, Object* v, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!check_special_set(t, v, "__name__")) return -1;
  if (!type_check(v, &str_type)) {
    set_errorf(&exc_TypeError, "can only assign string to {}.__name__, not '{}'", t->tp_name, type_name(v));
    return -1;
  }
  ssize n = 0;
  const char* s = str_utf8(v, &n);
  if (!s) return -1;
  if (std::strlen(s) != size_t(n)) {
    set_error(&exc_ValueError, "type name must not contain null characters");
    return -1;
  }
  // tp_name points into ht_name's UTF-8 (kept alive by ht_name); the old text may still be read by another
  // thread, so the previous name string is leaked rather than freed (renaming classes is rare).
  auto* ht = reinterpret_cast<HeapType*>(t);
  ht->ht_name = newref(v);  // the old name is deliberately not released
  t->tp_name = s;
  return 0;
}
static Object* type_get_qualname(Object* self, void*) {
  return str_from_utf8(type_qualname(reinterpret_cast<Type*>(self)));
}
static int type_set_qualname(Object* self, Object* v, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!check_special_set(t, v, "__qualname__")) return -1;
  if (!type_check(v, &str_type)) {
    set_errorf(&exc_TypeError, "can only assign string to {}.__qualname__, not '{}'", t->tp_name, type_name(v));
    return -1;
  }
  set_slot(&reinterpret_cast<HeapType*>(t)->ht_qualname, newref(v));
  return 0;
}
static Object* type_get_module(Object* self, void*) { return type_module(reinterpret_cast<Type*>(self)); }
static int type_set_module(Object* self, Object* v, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!check_special_set(t, v, "__module__")) return -1;
  type_cache_invalidate();
  if (dict_set(t->tp_dict, strs::module, v) < 0) return -1;
  // The class now claims another module, so the line where its source started no longer applies.
  Object* old = nullptr;
  if (dict_pop(t->tp_dict, str_interned("__firstlineno__"), &old) < 0) return -1;
  xdecref(old);
  return 0;
}
static Object* type_get_mro(Object* self, void*) {
  Object* m = reinterpret_cast<Type*>(self)->tp_mro;
  return newref(m ? m : none());
}
static Object* type_get_bases(Object* self, void*) { return newref(reinterpret_cast<Type*>(self)->tp_bases); }
static int type_set_bases(Object* self, Object* v, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!check_special_set(t, v, "__bases__")) return -1;
  if (!type_check(v, &tuple_type)) {
    set_errorf(&exc_TypeError, "can only assign tuple to {}.__bases__, not {}", t->tp_name, type_name(v));
    return -1;
  }
  if (tuple_size(v) == 0) {
    set_errorf(&exc_TypeError, "can only assign non-empty tuple to {}.__bases__, not ()", t->tp_name);
    return -1;
  }
  for (ssize i = 0; i < tuple_size(v); i++) {
    Object* b = tuple_get(v, i);
    if (!type_check(b, &type_type)) {
      set_errorf(&exc_TypeError, "{}.__bases__ must be tuple of classes, not '{}'", t->tp_name, type_name(b));
      return -1;
    }
    // Also along tp_base: a custom mro() re-entering here sees tp_base already assigned while the MROs are not
    // updated yet, and a tp_base cycle would make every walk of that chain loop forever.
    bool base_chain_cycle = false;
    for (Type* c = reinterpret_cast<Type*>(b); c && !base_chain_cycle; c = c->tp_base) base_chain_cycle = c == t;
    if (is_subtype(reinterpret_cast<Type*>(b), t) || base_chain_cycle) {
      set_error(&exc_TypeError, "a __bases__ item causes an inheritance cycle");
      return -1;
    }
  }
  Type* new_base = type_best_base(v);
  if (!new_base) return -1;
  if (type_solid_base(new_base) != type_solid_base(t->tp_base)) {
    set_errorf(&exc_TypeError, "__bases__ assignment: '{}' object layout differs from '{}'", new_base->tp_name,
               t->tp_base->tp_name);
    return -1;
  }
  // Threads may be walking the old bases and MRO tuples right now (type_lookup, is_subtype): the old tuples are
  // deliberately never released. Assigning __bases__ is rare; CPython stops the world for it instead.
  Object* old_bases = t->tp_bases;
  Type* old_base = t->tp_base;
  t->tp_bases = newref(v);
  t->tp_base = reinterpret_cast<Type*>(newref(reinterpret_cast<Object*>(new_base)));
  if (type_mro_update(t) < 0) {
    t->tp_bases = old_bases;
    t->tp_base = old_base;
    return -1;
  }
  for (ssize i = 0; i < tuple_size(old_bases); i++)
    type_remove_subclass(reinterpret_cast<Type*>(tuple_get(old_bases, i)), t);
  for (ssize i = 0; i < tuple_size(v); i++) type_add_subclass(reinterpret_cast<Type*>(tuple_get(v, i)), t);
  return 0;
}

// Recomputes the MROs of t and its subclasses, recording each replaced MRO in `undo`.
static int mro_update_rec(Type* t, std::vector<std::pair<Type*, Object*>>* undo) {
  Object* mro = type_compute_mro(t);
  if (!mro) return -1;
  undo->emplace_back(t, t->tp_mro);
  __atomic_store_n(&t->tp_mro, mro, __ATOMIC_RELEASE);
  for (Ref<Type>& sub : type_subclasses(t))
    if (mro_update_rec(sub.get(), undo) < 0) return -1;
  return 0;
}

int type_mro_update(Type* t) {
  std::vector<std::pair<Type*, Object*>> undo;
  int r = mro_update_rec(t, &undo);
  if (r < 0) {
    // Put every MRO back as it was; the new tuples may have been seen by other threads, so they stay alive too.
    for (auto it = undo.rbegin(); it != undo.rend(); ++it)
      __atomic_store_n(&it->first->tp_mro, it->second, __ATOMIC_RELEASE);
  }
  type_cache_invalidate();
  for (auto& [ty, old] : undo) fixup_heap_slots(ty);
  return r;
}

static Object* type_get_base(Object* self, void*) {
  Type* b = reinterpret_cast<Type*>(self)->tp_base;
  return newref(b ? reinterpret_cast<Object*>(b) : none());
}
static Object* type_get_dict(Object* self, void*) { return mappingproxy_new(reinterpret_cast<Type*>(self)->tp_dict); }
static Object* type_get_doc(Object* self, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE) && t->tp_doc) return str_from_utf8(t->tp_doc);
  Object* d = nullptr;
  int r = dict_get(t->tp_dict, strs::doc, &d);
  if (r < 0) return nullptr;
  if (r == 0) return newref(none());
  if (type_of(d)->tp_descr_get) {
    ORef dr = steal(d);
    return type_of(d)->tp_descr_get(d, nullptr, self);
  }
  return d;
}
static int type_set_doc(Object* self, Object* v, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!check_special_set(t, v, "__doc__")) return -1;
  type_cache_invalidate();
  return dict_set(t->tp_dict, strs::doc, v);
}
static Object* type_get_abstractmethods(Object* self, void*) {
  Object* v = nullptr;
  if (self != reinterpret_cast<Object*>(&type_type)) {
    int r = dict_get_str(reinterpret_cast<Type*>(self)->tp_dict, "__abstractmethods__", &v);
    if (r < 0) return nullptr;
  }
  if (!v) return set_error_value(&exc_AttributeError, str_interned("__abstractmethods__"));
  return v;
}
static int type_set_abstractmethods(Object* self, Object* v, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    set_errorf(&exc_TypeError, "cannot set '__abstractmethods__' attribute of immutable type '{}'", t->tp_name);
    return -1;
  }
  int abstract = 0;
  if (v) {
    abstract = object_is_true(v);
    if (abstract < 0 || dict_set_str(t->tp_dict, "__abstractmethods__", v) < 0) return -1;
  } else if (dict_del(t->tp_dict, str_interned("__abstractmethods__")) < 0) {
    if (error_matches(&exc_KeyError)) {
      error_clear();
      set_error_value(&exc_AttributeError, str_interned("__abstractmethods__"));
    }
    return -1;
  }
  type_cache_invalidate();
  if (abstract)
    t->tp_flags |= Py_TPFLAGS_IS_ABSTRACT;
  else
    t->tp_flags &= ~Py_TPFLAGS_IS_ABSTRACT;
  return 0;
}
static Object* type_get_type_params(Object* self, void*) {
  Object* v = nullptr;
  int r = dict_get_str(reinterpret_cast<Type*>(self)->tp_dict, "__type_params__", &v);
  if (r < 0) return nullptr;
  return r ? v : newref(tuple_empty());
}
static int type_set_type_params(Object* self, Object* v, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!check_special_set(t, v, "__type_params__")) return -1;  // any value, as CPython 3.13 allows
  type_cache_invalidate();
  return dict_set_str(t->tp_dict, "__type_params__", v);
}
static Object* type_get_basicsize(Object* self, void*) {
  return int_from_ssize(reinterpret_cast<Type*>(self)->tp_basicsize);
}
static Object* type_get_itemsize(Object* self, void*) {
  return int_from_ssize(reinterpret_cast<Type*>(self)->tp_itemsize);
}
// Without pyvm's private bits (kTpFlagCApiStatic, kTpFlagGcAudited), which CPython's types never show.
static Object* type_get_flags(Object* self, void*) {
  return int_from_u64(reinterpret_cast<Type*>(self)->tp_flags & ~(kTpFlagCApiStatic | kTpFlagGcAudited));
}
static Object* type_get_dictoffset(Object* self, void*) {
  return int_from_ssize(reinterpret_cast<Type*>(self)->tp_dictoffset);
}
static Object* type_get_weakrefoffset(Object* self, void*) {
  return int_from_ssize(reinterpret_cast<Type*>(self)->tp_weaklistoffset);
}

// __annotations__ (3.13): the class's own dict entry (bound if it is a descriptor); a heap type without one gets
// a new empty dict stored there; static types have none.
static Object* type_get_annotations(Object* self, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE))
    return set_errorf(&exc_AttributeError, "type object '{}' has no attribute '__annotations__'", t->tp_name);
  Object* v = nullptr;
  int r = dict_get(t->tp_dict, strs::annotations, &v);
  if (r < 0) return nullptr;
  if (r > 0) {
    ORef keep = steal(v);
    descrgetfunc get = type_of(v)->tp_descr_get;
    return get ? get(v, nullptr, self) : keep.release();
  }
  ORef d = steal(dict_new());
  if (!d || dict_set(t->tp_dict, strs::annotations, d.get()) < 0) return nullptr;
  type_cache_invalidate();
  return d.release();
}
static int type_set_annotations(Object* self, Object* v, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    set_errorf(&exc_TypeError, "cannot {} '__annotations__' attribute of immutable type '{}'", v ? "set" : "delete",
               t->tp_name);
    return -1;
  }
  int r;
  if (v) {
    r = dict_set(t->tp_dict, strs::annotations, v);
  } else {
    r = dict_contains(t->tp_dict, strs::annotations);
    if (r == 0) {
      set_error_value(&exc_AttributeError, strs::annotations);
      return -1;
    }
    if (r > 0) r = dict_del(t->tp_dict, strs::annotations);
  }
  type_cache_invalidate();
  return r < 0 ? -1 : 0;
}

static PyGetSetDef type_getset[] = {
    {"__annotations__", type_get_annotations, type_set_annotations, nullptr, nullptr},
    {"__name__", type_get_name, type_set_name, nullptr, nullptr},
    {"__qualname__", type_get_qualname, type_set_qualname, nullptr, nullptr},
    {"__module__", type_get_module, type_set_module, nullptr, nullptr},
    {"__mro__", type_get_mro, nullptr, nullptr, nullptr},
    {"__bases__", type_get_bases, type_set_bases, nullptr, nullptr},
    {"__base__", type_get_base, nullptr, nullptr, nullptr},
    {"__dict__", type_get_dict, nullptr, nullptr, nullptr},
    {"__doc__", type_get_doc, type_set_doc, nullptr, nullptr},
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods, nullptr, nullptr},
    {"__type_params__", type_get_type_params, type_set_type_params, nullptr, nullptr},
    {"__basicsize__", type_get_basicsize, nullptr, nullptr, nullptr},
    {"__itemsize__", type_get_itemsize, nullptr, nullptr, nullptr},
    {"__flags__", type_get_flags, nullptr, nullptr, nullptr},
    {"__dictoffset__", type_get_dictoffset, nullptr, nullptr, nullptr},
    {"__weakrefoffset__", type_get_weakrefoffset, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

static Object* type_mro_method(Object* self, Object*) {
  ORef m = steal(type_c3_mro(reinterpret_cast<Type*>(self)));
  if (!m) return nullptr;
  return sequence_list(m.get());
}
static Object* type_prepare(Object*, Object* const*, ssize, Object*) { return dict_new(); }
static Object* type_instancecheck(Object* self, Object* inst) {
  int r = object_real_isinstance(inst, self);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}
static Object* type_subclasscheck(Object* self, Object* sub) {
  int r = object_real_issubclass(sub, self);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}
static Object* type_subclasses_method(Object* self, Object*) {
  std::vector<Ref<Type>> subs = type_subclasses(reinterpret_cast<Type*>(self));
  ORef l = steal(list_new(0));
  if (!l) return nullptr;
  for (Ref<Type>& s : subs)
    if (list_append(l.get(), s.obj()) < 0) return nullptr;
  return l.release();
}
static Object* type_sizeof(Object* self, Object*) {
  Type* t = reinterpret_cast<Type*>(self);
  return int_from_ssize(has_flag(t, Py_TPFLAGS_HEAPTYPE) ? ssize(sizeof(HeapType)) : ssize(sizeof(Type)));
}

Object* type_dir_impl(Object* self, Object*);  // object.cc

static PyMethodDef type_methods[] = {
    {"mro", type_mro_method, METH_NOARGS, "Return a type's method resolution order."},
    {"__dir__", type_dir_impl, METH_NOARGS, "Specialized __dir__ implementation for types."},
    {"__prepare__", as_cfunc(type_prepare), METH_FASTCALL | METH_KEYWORDS | METH_CLASS, nullptr},
    {"__instancecheck__", type_instancecheck, METH_O, "Check if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, METH_O, "Check if a class is a subclass."},
    {"__subclasses__", type_subclasses_method, METH_NOARGS, "Return a list of immediate subclasses."},
    {"__sizeof__", type_sizeof, METH_NOARGS, "Return memory consumption of the type object."},
    {nullptr, nullptr, 0, nullptr}};

static void type_dealloc(Object* self) {
  Type* t = reinterpret_cast<Type*>(self);
  {
    // Unlink from the bases' registries first. A reader of a registry may have taken a reference between our
    // count reaching zero and this point (it holds the same lock): then the type lives on, and the last of those
    // references frees it (explicit_merge hands the count to the shared field, marked merged).
    std::lock_guard<std::mutex> g(g_subclasses_mu);
    if (t->tp_bases)
      for (ssize i = 0; i < tuple_size(t->tp_bases); i++)
        remove_subclass_locked(reinterpret_cast<Type*>(tuple_get(t->tp_bases, i)), t);
    if (alloc::load_local(self) != 0 || (alloc::load_shared(self) >> alloc::kSharedShift) != 0) {
      (void)alloc::explicit_merge(self, 0);
      return;
    }
  }
  // Past the resurrection check the type is certainly dying: its weak references die now (weakref_get refuses a
  // zero count, so none of them could have revived it meanwhile).
  clear_weakrefs(self);
  type_cache_invalidate();  // the address may be reused by a new type
  auto* ht = reinterpret_cast<HeapType*>(self);
  xdecref(t->tp_dict);
  xdecref(t->tp_mro);
  xdecref(t->tp_bases);
  xdecref(reinterpret_cast<Object*>(t->tp_base));
  xdecref(ht->ht_name);
  xdecref(ht->ht_qualname);
  xdecref(ht->ht_slots);
  xdecref(ht->ht_module);  // heap types made from specs by PyType_FromModuleAndSpec
  delete subclass_list(t);
  alloc::raw_free(ht->_ht_tpname);
  Type* meta = type_of(self);
  object_free(self);
  dealloc_type_ref(meta);
}

// Collector support. Only heap types are collectable (static types are never registered with the collector; the
// type_is_gc below says so too). A heap type holds its dict, mro, bases, base, names, __slots__ tuple, module and,
// when the metaclass is a heap type itself, its metaclass. tp_clear empties the dict (keeping the object, which
// attribute lookups read) and drops the mro (the mro tuple holds the type itself; lookups then walk tp_base), after
// invalidating the attribute cache.
static int type_traverse(Object* self, visitproc visit, void* arg) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE)) return 0;
  auto* ht = reinterpret_cast<HeapType*>(self);
  Type* meta = type_of(self);
  for (Object* v : {t->tp_dict, t->tp_mro, t->tp_bases, reinterpret_cast<Object*>(t->tp_base), ht->ht_name,
                    ht->ht_qualname, ht->ht_slots, ht->ht_module,
                    has_flag(meta, Py_TPFLAGS_HEAPTYPE) ? reinterpret_cast<Object*>(meta) : nullptr})
    if (v)
      if (int r = visit(v, arg)) return r;
  return 0;
}
static int type_clear(Object* self) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE)) return 0;
  type_cache_invalidate();
  if (t->tp_dict) dict_clear(t->tp_dict);
  Object* mro = t->tp_mro;
  t->tp_mro = nullptr;
  xdecref(mro);
  type_cache_invalidate();
  return 0;
}
static int type_is_gc(Object* self) { return has_flag(reinterpret_cast<Type*>(self), Py_TPFLAGS_HEAPTYPE); }

// `X | Y` on classes builds a types.UnionType.
static PyNumberMethods type_as_number = {.nb_or = union_type_or};

Type type_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "type",
    .tp_basicsize = sizeof(HeapType),
    .tp_dealloc = type_dealloc,
    .tp_vectorcall_offset = offsetof(PyTypeObject, tp_vectorcall),
    .tp_repr = type_repr,
    .tp_as_number = &type_as_number,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TYPE_SUBCLASS | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
    .tp_traverse = type_traverse,
    .tp_clear = type_clear,
    .tp_weaklistoffset = offsetof(PyTypeObject, tp_weaklist),
    .tp_methods = type_methods,
    .tp_getset = type_getset,
    .tp_base = &object_type,
    .tp_dictoffset = offsetof(PyTypeObject, tp_dict),
    .tp_init = type_init,
    .tp_new = type_new_impl,
    .tp_is_gc = type_is_gc,
};

}  // namespace pyvm
