// The `type` type: readying static types, creating classes (C3 MRO, slots), attribute access on classes.
#include <atomic>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/cell.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/list.h"
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
static std::atomic<uint64_t> g_type_epoch{1};
void type_cache_invalidate() { g_type_epoch.fetch_add(1, std::memory_order_release); }

namespace {
struct TypeCacheEntry {
  Type* type;
  Object* name;
  uint64_t epoch;
  Object* value;
};
constexpr size_t kTypeCacheSize = 4096;
thread_local TypeCacheEntry t_type_cache[kTypeCacheSize];
}  // namespace

static Object* type_lookup_uncached(Type* type, Object* name);

Object* type_lookup(Type* type, Object* name) {
  if (!str_is_interned(name)) return type_lookup_uncached(type, name);
  size_t h = ((reinterpret_cast<uintptr_t>(type) >> 4) ^ (reinterpret_cast<uintptr_t>(name) >> 3) * 31) &
             (kTypeCacheSize - 1);
  uint64_t epoch = g_type_epoch.load(std::memory_order_acquire);
  TypeCacheEntry& e = t_type_cache[h];
  if (e.type == type && e.name == name && e.epoch == epoch) return e.value;
  Object* v = type_lookup_uncached(type, name);
  if (!error_occurred()) e = TypeCacheEntry{type, name, epoch, v};
  return v;
}

static Object* type_lookup_uncached(Type* type, Object* name) {
  Object* mro = type->tp_mro;
  if (!mro) {
    for (Type* t = type; t; t = t->tp_base) {
      if (!t->tp_dict) continue;
      Object* v = nullptr;
      int r = dict_get(t->tp_dict, name, &v);
      if (r > 0) {
        decref(v);  // type dicts keep their values alive; callers get a borrowed reference
        return v;
      }
      if (r < 0) error_clear();
    }
    return nullptr;
  }
  ssize n = tuple_size(mro);
  for (ssize i = 0; i < n; i++) {
    Type* t = reinterpret_cast<Type*>(tuple_get(mro, i));
    if (!t->tp_dict) continue;
    Object* v = nullptr;
    int r = dict_get(t->tp_dict, name, &v);
    if (r > 0) {
      decref(v);
      return v;
    }
    if (r < 0) error_clear();
  }
  return nullptr;
}

static std::string type_qualname(Type* t) {
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    Object* q = reinterpret_cast<HeapType*>(t)->ht_qualname;
    if (q) return std::string(str_view(q));
  }
  const char* dot = std::strrchr(t->tp_name, '.');
  return dot ? dot + 1 : t->tp_name;
}

static Object* type_module(Type* t) {
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    Object* m = nullptr;
    if (dict_get(t->tp_dict, strs::module, &m) > 0) return m;
    return newref(str_interned("builtins"));
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

// ---- MRO (C3 linearisation) ----

static Object* compute_mro(Type* t) {
  Object* bases = t->tp_bases;
  ssize nb = bases ? tuple_size(bases) : 0;
  std::vector<std::vector<Object*>> seqs;
  for (ssize i = 0; i < nb; i++) {
    Type* b = reinterpret_cast<Type*>(tuple_get(bases, i));
    std::vector<Object*> s;
    if (b->tp_mro)
      for (ssize j = 0; j < tuple_size(b->tp_mro); j++) s.push_back(tuple_get(b->tp_mro, j));
    else
      s.push_back(tuple_get(bases, i));
    seqs.push_back(std::move(s));
  }
  std::vector<Object*> bl;
  for (ssize i = 0; i < nb; i++) bl.push_back(tuple_get(bases, i));
  seqs.push_back(bl);
  std::vector<Object*> result{reinterpret_cast<Object*>(t)};
  std::vector<size_t> heads(seqs.size(), 0);
  for (;;) {
    bool empty = true;
    Object* candidate = nullptr;
    for (size_t i = 0; i < seqs.size(); i++) {
      if (heads[i] >= seqs[i].size()) continue;
      empty = false;
      Object* c = seqs[i][heads[i]];
      bool in_tail = false;
      for (size_t j = 0; j < seqs.size() && !in_tail; j++)
        for (size_t k = heads[j] + 1; k < seqs[j].size(); k++)
          if (seqs[j][k] == c) {
            in_tail = true;
            break;
          }
      if (!in_tail) {
        candidate = c;
        break;
      }
    }
    if (empty) break;
    if (!candidate) {
      std::string names;
      for (ssize i = 0; i < nb; i++) {
        if (i) names += ", ";
        names += type_qualname(reinterpret_cast<Type*>(tuple_get(bases, i)));
      }
      return set_errorf(&exc_TypeError, "Cannot create a consistent method resolution order (MRO) for bases {}",
                        names);
    }
    result.push_back(candidate);
    for (size_t i = 0; i < seqs.size(); i++)
      if (heads[i] < seqs[i].size() && seqs[i][heads[i]] == candidate) heads[i]++;
  }
  return tuple_from_array(result.data(), ssize(result.size()));
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

static void inherit_slots(Type* t, Type* b) {
  if (!t->tp_as_number && b->tp_as_number && !has_flag(t, Py_TPFLAGS_HEAPTYPE)) t->tp_as_number = b->tp_as_number;
  else inherit_table(t->tp_as_number, b->tp_as_number);
  if (!t->tp_as_sequence && b->tp_as_sequence && !has_flag(t, Py_TPFLAGS_HEAPTYPE)) t->tp_as_sequence = b->tp_as_sequence;
  else inherit_table(t->tp_as_sequence, b->tp_as_sequence);
  if (!t->tp_as_mapping && b->tp_as_mapping && !has_flag(t, Py_TPFLAGS_HEAPTYPE)) t->tp_as_mapping = b->tp_as_mapping;
  else inherit_table(t->tp_as_mapping, b->tp_as_mapping);
  if (!t->tp_as_async && b->tp_as_async && !has_flag(t, Py_TPFLAGS_HEAPTYPE)) t->tp_as_async = b->tp_as_async;
  else inherit_table(t->tp_as_async, b->tp_as_async);
#define INH(f) \
  if (!t->f) t->f = b->f
  INH(tp_dealloc);
  INH(tp_repr);
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
  if (!has_flag(t, Py_TPFLAGS_DISALLOW_INSTANTIATION)) INH(tp_new);
  INH(tp_free);
  INH(tp_as_buffer);
  if (!t->tp_richcompare && !t->tp_hash) {
    t->tp_richcompare = b->tp_richcompare;
    t->tp_hash = b->tp_hash;
  }
  // The instance dict and weakref list are part of the layout, which comes from tp_base only (a class gets them
  // from other bases by adding its own, see apply_slots). A managed one lives in the pre-header: its flag travels
  // with the offset, so that instances are allocated with the pre-header.
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
  constexpr unsigned long kSubclassBits = Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_LIST_SUBCLASS |
                                          Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_BYTES_SUBCLASS |
                                          Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_DICT_SUBCLASS |
                                          Py_TPFLAGS_BASE_EXC_SUBCLASS | Py_TPFLAGS_TYPE_SUBCLASS;
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
static PyMethodDef tp_new_def = {"__new__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(tp_new_wrapper)),
                                 METH_FASTCALL | METH_KEYWORDS, "Create and return a new object."};

int type_ready(Type* t) {
  if (has_flag(t, Py_TPFLAGS_READY)) return 0;
  type_cache_invalidate();
  t->tp_flags |= Py_TPFLAGS_READYING;
  if (!t->tp_base && t != &object_type) t->tp_base = &object_type;
  // A static type directly under object that has no tp_new cannot be instantiated from Python, as in CPython: it
  // does not inherit object.__new__ (which would build an instance of a layout it knows nothing about).
  if (!t->tp_new && t->tp_base == &object_type && !has_flag(t, Py_TPFLAGS_HEAPTYPE))
    t->tp_flags |= Py_TPFLAGS_DISALLOW_INSTANTIATION;
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
  if (add_methods(t) < 0) return -1;
  if (add_slot_wrappers(t) < 0) return -1;
  if (t->tp_new && !dict_contains(t->tp_dict, strs::new_)) {
    ORef f = steal(cfunction_new(&tp_new_def, reinterpret_cast<Object*>(t), nullptr));
    if (!f || dict_set(t->tp_dict, strs::new_, f.get()) < 0) return -1;
  }
  // Every type has __doc__ in its own dict (None without tp_doc), so it is never inherited; classes get it after
  // their descriptors, as CPython orders the class dict.
  if (!dict_contains(t->tp_dict, strs::doc)) {
    ORef d = t->tp_doc ? steal(str_from_utf8(t->tp_doc, ssize(std::strlen(t->tp_doc)))) : borrow(none());
    if (!d || dict_set(t->tp_dict, strs::doc, d.get()) < 0) return -1;
  }
  Object* mro = compute_mro(t);
  if (!mro) return -1;
  t->tp_mro = mro;
  for (ssize i = 1; i < tuple_size(mro); i++) inherit_slots(t, reinterpret_cast<Type*>(tuple_get(mro, i)));
  if (t->tp_hash == nullptr && t->tp_richcompare == nullptr) t->tp_hash = object_type.tp_hash;
  if (t->tp_vectorcall_offset) t->tp_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
  t->tp_flags = (t->tp_flags & ~Py_TPFLAGS_READYING) | Py_TPFLAGS_READY;
  return 0;
}

// ---- calling a type: type(x), and instantiation ----

static Object* type_call(Object* self, Object* args, Object* kwds) {
  Type* t = reinterpret_cast<Type*>(self);
  if (t == &type_type) {
    ssize n = tuple_size(args);
    if (n == 1 && (!kwds || dict_size(kwds) == 0)) return newref(reinterpret_cast<Object*>(type_of(tuple_get(args, 0))));
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

static Object* tp_new_wrapper(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Type* owner = reinterpret_cast<Type*>(self);
  if (nargs < 1) return set_errorf(&exc_TypeError, "{}.__new__(): not enough arguments", owner->tp_name);
  Object* sub = args[0];
  if (!type_check(sub, &type_type))
    return set_errorf(&exc_TypeError, "{}.__new__(X): X is not a type object ({})", owner->tp_name, type_name(sub));
  Type* st = reinterpret_cast<Type*>(sub);
  if (!is_subtype(st, owner))
    return set_errorf(&exc_TypeError, "{}.__new__({}): {} is not a subtype of {}", owner->tp_name, type_qualname(st),
                      type_qualname(st), owner->tp_name);
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

// ---- class creation: type(name, bases, dict) ----

static void subtype_dealloc(Object* self) {
  Type* t = type_of(self);
  // The nearest static base releases its own fields and the memory at the end.
  Type* base = t;
  while (base && has_flag(base, Py_TPFLAGS_HEAPTYPE)) base = base->tp_base;
  // Weak references die first (their callbacks see the object gone), unless the static base keeps the list and
  // clears it in its own tp_dealloc, as CPython's subtype_dealloc leaves it to the base.
  if (type_supports_weakrefs(t) && !(base && type_supports_weakrefs(base))) clear_weakrefs(self);
  for (Type* h = t; h && has_flag(h, Py_TPFLAGS_HEAPTYPE); h = h->tp_base) {
    if (!reinterpret_cast<HeapType*>(h)->ht_slots || !h->tp_members) continue;
    for (PyMemberDef* m = h->tp_members; m->name; m++) {
      Object** slot = reinterpret_cast<Object**>(reinterpret_cast<char*>(self) + m->offset);
      Object* v = *slot;
      *slot = nullptr;
      xdecref(v);
    }
  }
  if (has_flag(t, Py_TPFLAGS_MANAGED_DICT)) {
    Object** d = managed_dict_ptr(self);
    Object* dict = *d;
    *d = nullptr;
    xdecref(dict);
  }
  if (base && base->tp_dealloc && base->tp_dealloc != subtype_dealloc) {
    base->tp_dealloc(self);
  } else {
    object_free(self);
    dealloc_type_ref(t);
  }
}

static Type* best_base(Object* bases) {
  Type* best = nullptr;
  for (ssize i = 0; i < tuple_size(bases); i++) {
    Type* b = reinterpret_cast<Type*>(tuple_get(bases, i));
    if (!best) {
      best = b;
    } else if (is_subtype(b, best)) {
      best = b;
    } else if (!is_subtype(best, b)) {
      // Layout conflict only matters between distinct solid bases.
      Type* sb = b;
      while (sb->tp_base && sb->tp_basicsize == sb->tp_base->tp_basicsize) sb = sb->tp_base;
      Type* sbest = best;
      while (sbest->tp_base && sbest->tp_basicsize == sbest->tp_base->tp_basicsize) sbest = sbest->tp_base;
      if (sb != sbest && !is_subtype(sb, sbest) && !is_subtype(sbest, sb) && sb != &object_type &&
          sbest != &object_type) {
        set_error(&exc_TypeError, "multiple bases have instance lay-out conflict");
        return nullptr;
      }
      if (is_subtype(sb, sbest)) best = b;
    }
  }
  return best;
}

// The `__dict__` attribute of instances of classes that introduce a managed instance dict.
static Object* subtype_get_dict(Object* o, void*) {
  Object** dp = managed_dict_ptr(o);
  if (!*dp) {
    Object* d = dict_new();
    if (!d) return nullptr;
    Object* expected = nullptr;
    if (!__atomic_compare_exchange_n(dp, &expected, d, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) decref(d);
  }
  return newref(*dp);
}
static int subtype_set_dict(Object* o, Object* value, void*) {
  if (value && !type_check(value, &dict_type)) {
    set_errorf(&exc_TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name(value));
    return -1;
  }
  Object* old = __atomic_exchange_n(managed_dict_ptr(o), xnewref(value), __ATOMIC_ACQ_REL);
  xdecref(old);
  return 0;
}
// `__weakref__`: the first weak reference to the instance, or None (read-only).
static Object* subtype_get_weakref(Object* o, void*) { return weakref_first(o); }

// The attributes a class adds when it introduces an instance dict and/or weak references (CPython's
// subtype_getsets_*); type_ready turns the rows into getset descriptors in the class dict.
static PyGetSetDef subtype_getsets_full[] = {{"__dict__", subtype_get_dict, subtype_set_dict, nullptr, nullptr},
                                             {"__weakref__", subtype_get_weakref, nullptr, nullptr, nullptr},
                                             {nullptr, nullptr, nullptr, nullptr, nullptr}};
static PyGetSetDef subtype_getsets_dict[] = {subtype_getsets_full[0], {nullptr, nullptr, nullptr, nullptr, nullptr}};
static PyGetSetDef subtype_getsets_weakref[] = {subtype_getsets_full[1], {nullptr, nullptr, nullptr, nullptr, nullptr}};

// __slots__: one member descriptor per name, stored after the base's fields; no instance __dict__ unless a
// base has one or "__dict__" is listed, and no weak references unless a base supports them or "__weakref__" is
// listed or a secondary base has them. Without __slots__ a class gets both (weak references only when the base is
// not variable-sized), as in CPython. Managed dicts and weakref lists live in the pre-header. *adds_dict /
// *adds_weakref say whether this class introduces them (it then gets the `__dict__` / `__weakref__` attributes).
// Returns -1 with an error set.
enum { kMemberObjectEx = 16 };
static int apply_slots(HeapType* ht, Type* base, Object* bases, Object* dict, bool* adds_dict, bool* adds_weakref) {
  Type* t = &ht->ht_type;
  *adds_dict = *adds_weakref = false;
  // What the base layout already has is inherited (flags here, offsets in type_ready).
  t->tp_flags |= base->tp_flags & Py_TPFLAGS_PREHEADER;
  Object* slots = nullptr;
  int r = dict_get(dict, strs::slots, &slots);
  if (r < 0) return -1;
  bool base_has_dict = has_flag(base, Py_TPFLAGS_MANAGED_DICT) || base->tp_dictoffset != 0;
  bool may_add_weakref = !type_supports_weakrefs(base) && base->tp_itemsize == 0;
  if (r == 0) {
    // No __slots__: instances get a __dict__.
    // (A base that keeps its own dict field, like BaseException, goes on using it.)
    *adds_dict = !base_has_dict;
    if (!base_has_dict) t->tp_flags |= Py_TPFLAGS_MANAGED_DICT;
    *adds_weakref = may_add_weakref;
    if (may_add_weakref) t->tp_flags |= Py_TPFLAGS_MANAGED_WEAKREF;
    return 0;
  }
  ORef slots_ref = steal(slots);
  ORef names = type_check(slots, &str_type) ? steal(tuple_pack({slots})) : steal(sequence_tuple(slots));
  if (!names) return -1;
  if (tuple_size(names.get()) > 0 && base->tp_itemsize != 0) {
    set_errorf(&exc_TypeError, "nonempty __slots__ not supported for subtype of '{}'", base->tp_name);
    return -1;
  }
  std::vector<Object*> members;
  bool want_dict = false;
  bool want_weakref = false;
  std::string cls_name(str_view(ht->ht_name));
  for (ssize i = 0; i < tuple_size(names.get()); i++) {
    Object* n = tuple_get(names.get(), i);
    if (!type_check(n, &str_type)) {
      set_errorf(&exc_TypeError, "__slots__ items must be strings, not '{}'", type_name(n));
      return -1;
    }
    std::string name(str_view(n));
    if (name == "__dict__") {
      if (want_dict || base_has_dict) {
        set_error(&exc_TypeError, "__dict__ slot disallowed: we already got one");
        return -1;
      }
      want_dict = true;
      continue;
    }
    if (name == "__weakref__") {
      if (!may_add_weakref || want_weakref) {
        set_error(&exc_TypeError, "__weakref__ slot disallowed: we already got one");
        return -1;
      }
      want_weakref = true;
      continue;
    }
    // Private names are mangled like attribute names: __x in class C is stored as _C__x.
    std::string stored = name;
    if (name.size() > 2 && name.compare(0, 2, "__") == 0 && name.compare(name.size() - 2, 2, "__") != 0) {
      size_t strip = cls_name.find_first_not_of('_');
      if (strip != std::string::npos) stored = "_" + cls_name.substr(strip) + name;
    }
    Object* key = str_interned(stored.c_str());
    int has = dict_contains(dict, key);
    if (has < 0) return -1;
    if (has) {
      set_errorf(&exc_ValueError, "'{}' in __slots__ conflicts with class variable", stored);
      return -1;
    }
    members.push_back(key);
  }
  // Secondary bases may provide a dict or weak references: the class then adds its own.
  for (ssize i = 0; i < tuple_size(bases); i++) {
    auto* b = reinterpret_cast<Type*>(tuple_get(bases, i));
    if (b == base) continue;
    if (!base_has_dict && b->tp_dictoffset != 0) want_dict = true;
    if (may_add_weakref && type_supports_weakrefs(b)) want_weakref = true;
  }
  *adds_dict = want_dict;
  if (want_dict) t->tp_flags |= Py_TPFLAGS_MANAGED_DICT;
  *adds_weakref = want_weakref;
  if (want_weakref) t->tp_flags |= Py_TPFLAGS_MANAGED_WEAKREF;
  // The member table lives as long as the type (types are never freed while instances exist).
  auto* defs = static_cast<PyMemberDef*>(alloc::raw_calloc(members.size() + 1, sizeof(PyMemberDef)));
  if (!defs) {
    no_memory();
    return -1;
  }
  for (size_t i = 0; i < members.size(); i++) {
    defs[i].name = str_utf8(members[i]);
    defs[i].type = kMemberObjectEx;
    defs[i].offset = t->tp_basicsize + ssize(i * sizeof(Object*));
  }
  t->tp_basicsize += ssize(members.size() * sizeof(Object*));
  t->tp_members = defs;
  set_slot(&ht->ht_slots, names.release());
  return 0;
}

static Object* type_new(Type* meta, Object* args, Object* kwds) {
  if (tuple_size(args) != 3) return set_error(&exc_TypeError, "type.__new__() takes exactly 3 arguments");
  Object* name = tuple_get(args, 0);
  Object* bases = tuple_get(args, 1);
  Object* dict = tuple_get(args, 2);
  if (!type_check(name, &str_type))
    return set_errorf(&exc_TypeError, "type.__new__() argument 1 must be str, not {}", type_name(name));
  if (!type_check(bases, &tuple_type))
    return set_errorf(&exc_TypeError, "type.__new__() argument 2 must be tuple, not {}", type_name(bases));
  if (!type_check(dict, &dict_type))
    return set_errorf(&exc_TypeError, "type.__new__() argument 3 must be dict, not {}", type_name(dict));
  ORef bases_ref;
  if (tuple_size(bases) == 0) {
    bases_ref = steal(tuple_pack({reinterpret_cast<Object*>(&object_type)}));
  } else {
    bases_ref = borrow(bases);
  }
  for (ssize i = 0; i < tuple_size(bases_ref.get()); i++) {
    Object* b = tuple_get(bases_ref.get(), i);
    if (!type_check(b, &type_type)) return set_errorf(&exc_TypeError, "bases must be types");
    if (!has_flag(reinterpret_cast<Type*>(b), Py_TPFLAGS_BASETYPE))
      return set_errorf(&exc_TypeError, "type '{}' is not an acceptable base type", reinterpret_cast<Type*>(b)->tp_name);
  }
  Type* base = best_base(bases_ref.get());
  if (!base) return nullptr;

  auto* ht = reinterpret_cast<HeapType*>(new_object(meta, sizeof(HeapType)));
  if (!ht) return nullptr;
  Type* t = &ht->ht_type;
  ORef tref = steal(reinterpret_cast<Object*>(t));
  t->tp_flags = Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE;
  t->tp_as_async = &ht->as_async;
  t->tp_as_number = &ht->as_number;
  t->tp_as_sequence = &ht->as_sequence;
  t->tp_as_mapping = &ht->as_mapping;
  t->tp_as_buffer = &ht->as_buffer;
  ht->ht_name = newref(name);
  ht->ht_qualname = newref(name);
  ssize nlen = 0;
  const char* nm = str_utf8(name, &nlen);
  if (!nm) return nullptr;
  ht->_ht_tpname = static_cast<char*>(alloc::raw_alloc(size_t(nlen) + 1));
  std::memcpy(ht->_ht_tpname, nm, size_t(nlen) + 1);
  t->tp_name = ht->_ht_tpname;
  t->tp_base = base;
  incref(reinterpret_cast<Object*>(base));
  t->tp_bases = bases_ref.release();
  t->tp_basicsize = base->tp_basicsize;
  t->tp_itemsize = base->tp_itemsize;
  bool adds_dict = false, adds_weakref = false;
  if (apply_slots(ht, base, t->tp_bases, dict, &adds_dict, &adds_weakref) < 0) return nullptr;
  if (has_flag(t, Py_TPFLAGS_MANAGED_WEAKREF)) t->tp_weaklistoffset = kManagedWeakrefOffset;
  // type_ready adds these after the slot members, as CPython orders the class dict.
  t->tp_getset = adds_dict ? (adds_weakref ? subtype_getsets_full : subtype_getsets_dict)
                           : (adds_weakref ? subtype_getsets_weakref : nullptr);
  t->tp_dealloc = subtype_dealloc;
  t->tp_free = object_free;
  t->tp_dict = dict_copy(dict);
  if (!t->tp_dict) return nullptr;
  // __qualname__ from the namespace.
  Object* q = nullptr;
  if (dict_pop(t->tp_dict, strs::qualname, &q) > 0) {
    if (!type_check(q, &str_type)) {
      decref(q);
      return set_errorf(&exc_TypeError, "type __qualname__ must be a str, not {}", type_name(q));
    }
    set_slot(&ht->ht_qualname, q);
  }
  if (error_occurred()) return nullptr;
  // __module__ defaults to the caller's __name__ (set by the class body); keep whatever is there.
  // __new__, __init_subclass__ and __class_getitem__ are implicitly static/class methods.
  Object* v = nullptr;
  if (dict_get(t->tp_dict, strs::new_, &v) > 0) {
    ORef vr = steal(v);
    if (type_check_exact(v, &function_type)) {
      ORef sm = steal(staticmethod_new(v));
      if (!sm || dict_set(t->tp_dict, strs::new_, sm.get()) < 0) return nullptr;
    }
  }
  for (Object* cname : {strs::init_subclass, strs::class_getitem}) {
    if (dict_get(t->tp_dict, cname, &v) > 0) {
      ORef vr = steal(v);
      if (type_check_exact(v, &function_type)) {
        ORef cm = steal(classmethod_new(v));
        if (!cm || dict_set(t->tp_dict, cname, cm.get()) < 0) return nullptr;
      }
    }
  }
  if (error_occurred()) return nullptr;
  // __classcell__: the cell that zero-argument super() and __class__ read; it receives the new class.
  Object* cell = nullptr;
  if (dict_pop(t->tp_dict, strs::classcell, &cell) > 0) {
    if (type_of(cell) != &cell_type) {
      set_errorf(&exc_TypeError, "__classcell__ must be a nonlocal cell, not {}", type_name(cell));
      decref(cell);
      return nullptr;
    }
    set_slot(&reinterpret_cast<CellObject*>(cell)->ob_ref, newref(reinterpret_cast<Object*>(t)));
    decref(cell);
  }
  if (error_occurred()) return nullptr;
  if (type_ready(t) < 0) return nullptr;
  fixup_heap_slots(t);
  // Managed-dict classes keep tp_dictoffset at -1 as CPython does; slotted classes without __dict__ have none.
  if (has_flag(t, Py_TPFLAGS_MANAGED_DICT)) t->tp_dictoffset = -1;
  // __set_name__ on descriptors, then the parent's __init_subclass__.
  ORef items = steal(dict_items_list(t->tp_dict));
  if (!items) return nullptr;
  for (ssize i = 0; i < list_size(items.get()); i++) {
    Object* pair = list_items(items.get())[i];
    Object* val = tuple_get(pair, 1);
    Object* sn = type_lookup(type_of(val), strs::set_name);
    if (!sn) continue;
    Object* a[3] = {val, reinterpret_cast<Object*>(t), tuple_get(pair, 0)};
    ORef r = steal(call(sn, a, 3, nullptr));
    if (!r) return nullptr;
  }
  // super(t, t).__init_subclass__(**kwds)
  bool unbound = false;
  ORef isc = steal(super_lookup(t, reinterpret_cast<Object*>(t), strs::init_subclass, false, &unbound));
  if (!isc) return nullptr;
  ORef kwnames;
  std::vector<Object*> kwvals;
  if (kwds && dict_size(kwds)) {
    ORef keys = steal(dict_keys_list(kwds));
    ORef vals = steal(dict_values_list(kwds));
    if (!keys || !vals) return nullptr;
    kwnames = steal(list_as_tuple(keys.get()));
    for (ssize i = 0; i < list_size(vals.get()); i++) kwvals.push_back(list_items(vals.get())[i]);
  }
  ORef r = steal(call(isc.get(), kwvals.data(), 0, kwnames.get()));
  if (!r) return nullptr;
  return tref.release();
}

static Object* type_new_entry(Type* meta, Object* args, Object* kwds) {
  if (meta == &type_type && tuple_size(args) == 1) return newref(reinterpret_cast<Object*>(type_of(tuple_get(args, 0))));
  return type_new(meta, args, kwds);
}

static int type_init(Object*, Object* args, Object*) {
  ssize n = tuple_size(args);
  if (n != 1 && n != 3) {
    set_error(&exc_TypeError, "type.__init__() takes 1 or 3 arguments");
    return -1;
  }
  return 0;
}

// ---- attribute access on classes ----

static Object* type_getattro(Object* self, Object* name) {
  Type* t = reinterpret_cast<Type*>(self);
  Type* meta = type_of(self);
  Object* meta_attr = type_lookup(meta, name);
  ORef meta_ref = borrow(meta_attr);
  if (meta_attr) {
    descrgetfunc g = type_of(meta_attr)->tp_descr_get;
    if (g && type_of(meta_attr)->tp_descr_set) return g(meta_attr, self, reinterpret_cast<Object*>(meta));
  }
  Object* attr = type_lookup(t, name);
  if (attr) {
    ORef keep = borrow(attr);
    descrgetfunc g = type_of(attr)->tp_descr_get;
    if (g) return g(attr, nullptr, self);
    return keep.release();
  }
  if (meta_attr) {
    descrgetfunc g = type_of(meta_attr)->tp_descr_get;
    if (g) return g(meta_attr, self, reinterpret_cast<Object*>(meta));
    return meta_ref.release();
  }
  return set_errorf(&exc_AttributeError, "type object '{}' has no attribute '{}'", type_qualname(t), str_view(name));
}

static int type_setattro(Object* self, Object* name, Object* value) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    set_errorf(&exc_TypeError,
               "cannot set '{}' attribute of immutable type '{}'", str_view(name), t->tp_name);
    return -1;
  }
  Object* meta_attr = type_lookup(type_of(self), name);
  if (meta_attr && type_of(meta_attr)->tp_descr_set) return type_of(meta_attr)->tp_descr_set(meta_attr, self, value);
  int r;
  if (value) {
    r = dict_set(t->tp_dict, name, value);
  } else {
    r = dict_del(t->tp_dict, name);
    if (r < 0 && error_matches(&exc_KeyError)) {
      error_clear();
      set_errorf(&exc_AttributeError, "type object '{}' has no attribute '{}'", type_qualname(t), str_view(name));
    }
  }
  type_cache_invalidate();
  if (r == 0) update_slot(t, name);
  return r;
}

static Object* type_get_name(Object* self, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) return newref(reinterpret_cast<HeapType*>(t)->ht_name);
  const char* dot = std::strrchr(t->tp_name, '.');
  return str_from_utf8(dot ? dot + 1 : t->tp_name);
}
static int type_set_name(Object* self, Object* v, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE) || !v || !type_check(v, &str_type)) {
    set_error(&exc_TypeError, "can only assign string to __name__");
    return -1;
  }
  set_slot(&reinterpret_cast<HeapType*>(t)->ht_name, newref(v));
  return 0;
}
static Object* type_get_qualname(Object* self, void*) {
  return str_from_utf8(type_qualname(reinterpret_cast<Type*>(self)));
}
static int type_set_qualname(Object* self, Object* v, void*) {
  Type* t = reinterpret_cast<Type*>(self);
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE) || !v || !type_check(v, &str_type)) {
    set_error(&exc_TypeError, "can only assign string to __qualname__");
    return -1;
  }
  set_slot(&reinterpret_cast<HeapType*>(t)->ht_qualname, newref(v));
  return 0;
}
static Object* type_get_module(Object* self, void*) { return type_module(reinterpret_cast<Type*>(self)); }
static Object* type_get_mro(Object* self, void*) {
  Object* m = reinterpret_cast<Type*>(self)->tp_mro;
  return newref(m ? m : none());
}
static Object* type_get_bases(Object* self, void*) { return newref(reinterpret_cast<Type*>(self)->tp_bases); }
static Object* type_get_base(Object* self, void*) {
  Type* b = reinterpret_cast<Type*>(self)->tp_base;
  return newref(b ? reinterpret_cast<Object*>(b) : none());
}
static Object* type_get_dict(Object* self, void*) { return mappingproxy_new(reinterpret_cast<Type*>(self)->tp_dict); }
static Object* type_get_doc(Object* self, void*) {
  Type* t = reinterpret_cast<Type*>(self);
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

static PyGetSetDef type_getset[] = {
    {"__name__", type_get_name, type_set_name, nullptr, nullptr},
    {"__qualname__", type_get_qualname, type_set_qualname, nullptr, nullptr},
    {"__module__", type_get_module, nullptr, nullptr, nullptr},
    {"__mro__", type_get_mro, nullptr, nullptr, nullptr},
    {"__bases__", type_get_bases, nullptr, nullptr, nullptr},
    {"__base__", type_get_base, nullptr, nullptr, nullptr},
    {"__dict__", type_get_dict, nullptr, nullptr, nullptr},
    {"__doc__", type_get_doc, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

static Object* type_mro_method(Object* self, Object*) {
  Object* m = compute_mro(reinterpret_cast<Type*>(self));
  if (!m) return nullptr;
  ORef mr = steal(m);
  return sequence_list(m);
}
static Object* type_prepare(Object*, Object* const*, ssize, Object*) { return dict_new(); }
static Object* type_instancecheck(Object* self, Object* inst) {
  int r = type_isinstance(inst, reinterpret_cast<Type*>(self));
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}
static Object* type_subclasscheck(Object* self, Object* sub) {
  if (!type_check(sub, &type_type)) return set_error(&exc_TypeError, "issubclass() arg 1 must be a class");
  return newref(bool_obj(is_subtype(reinterpret_cast<Type*>(sub), reinterpret_cast<Type*>(self))));
}
static Object* type_subclasses(Object*, Object*) { return list_new(0); }

Object* type_dir_impl(Object* self, Object*);  // object.cc

static PyMethodDef type_methods[] = {
    {"mro", type_mro_method, METH_NOARGS, nullptr},
    {"__dir__", type_dir_impl, METH_NOARGS, nullptr},
    {"__prepare__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(type_prepare)),
     METH_FASTCALL | METH_KEYWORDS | METH_CLASS, nullptr},
    {"__instancecheck__", type_instancecheck, METH_O, nullptr},
    {"__subclasscheck__", type_subclasscheck, METH_O, nullptr},
    {"__subclasses__", type_subclasses, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

static void type_dealloc(Object* self) {
  clear_weakrefs(self);
  type_cache_invalidate();  // the address may be reused by a new type
  Type* t = reinterpret_cast<Type*>(self);
  auto* ht = reinterpret_cast<HeapType*>(self);
  xdecref(t->tp_dict);
  xdecref(t->tp_mro);
  xdecref(t->tp_bases);
  xdecref(reinterpret_cast<Object*>(t->tp_base));
  xdecref(ht->ht_name);
  xdecref(ht->ht_qualname);
  xdecref(ht->ht_slots);
  alloc::raw_free(ht->_ht_tpname);
  Type* meta = type_of(self);
  object_free(self);
  dealloc_type_ref(meta);
}

Type type_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "type",
    .tp_basicsize = sizeof(HeapType),
    .tp_dealloc = type_dealloc,
    .tp_vectorcall_offset = offsetof(PyTypeObject, tp_vectorcall),
    .tp_repr = type_repr,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TYPE_SUBCLASS,
    .tp_weaklistoffset = offsetof(PyTypeObject, tp_weaklist),
    .tp_methods = type_methods,
    .tp_getset = type_getset,
    .tp_base = &object_type,
    .tp_init = type_init,
    .tp_new = type_new_entry,
};

}  // namespace pyvm
