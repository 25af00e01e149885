// Class creation: type.__new__(meta, name, bases, namespace) — layout, __slots__, and the hooks a new class runs.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/cell.h"
#include "objects/deferred.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/list.h"
#include "objects/slots.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/type.h"
#include "objects/types.h"
#include "objects/weakref.h"

namespace pyvm {

// str.isidentifier(): XID_Start or '_' followed by XID_Continue characters.
static bool is_identifier(Object* s) {
  StrChars c(s);
  if (c.len == 0 || (!uchar_is_xid_start(c[0]) && c[0] != '_')) return false;
  for (ssize i = 1; i < c.len; i++)
    if (!uchar_is_xid_continue(c[i])) return false;
  return true;
}

// The globals of the running Python frame, for a new class's default __module__; installed by the interpreter.
// Returns a borrowed reference or null.
Object* (*g_current_globals)() = nullptr;


// Runs the class's __del__ on a dying instance (CPython's tp_finalize for classes). The object is resurrected for
// the call; an exception is reported as unraisable (naming __del__) and the thread's current exception is kept.
// Returns false when __del__ kept the object alive: the caller must stop deallocating it.
// Calls self.__del__ (`del`, found on its class), reporting an exception as unraisable and keeping the thread's
// current exception. The caller holds a reference to self.
static void run_del(Object* self, Object* del) {
  ORef pending = steal(error_take());
  ORef fn = borrow(del);
  ORef r;
  if (descrgetfunc get = type_of(del)->tp_descr_get) {
    ORef bound = steal(get(del, self, reinterpret_cast<Object*>(type_of(self))));
    if (bound) r = steal(call(bound.get(), nullptr, 0, nullptr));
  } else {
    Object* a[1] = {self};
    r = steal(call(del, a, 1, nullptr));
  }
  if (!r) write_unraisable(del);
  if (pending) set_error_steal(pending.release());
}

static bool call_del(Object* self, Object* del) {
  alloc::gc_bits_set(self, alloc::kGcBitFinalized);
  // Tracked again while __del__ runs and afterwards if it resurrects the object (dealloc untracked it), so a cycle
  // it joins can still be collected.
  bool gc = has_flag(type_of(self), Py_TPFLAGS_HAVE_GC);
  if (gc) alloc::gc_bits_set(self, alloc::kGcBitTracked);
  alloc::resurrect_start(self);
  run_del(self, del);
  if (!alloc::resurrect_end(self)) return false;
  if (gc) alloc::gc_bits_clear(self, alloc::kGcBitTracked);
  return true;
}

bool finalize_for_gc(Object* self) {
  if (alloc::gc_bits_test(self, alloc::kGcBitFinalized)) return false;
  Type* t = type_of(self);
  if (t->tp_finalize) {
    alloc::gc_bits_set(self, alloc::kGcBitFinalized);
    ORef pending = steal(error_take());
    t->tp_finalize(self);
    if (error_occurred()) write_unraisable(self);
    if (pending) set_error_steal(pending.release());
    return true;
  }
  if (t->tp_dealloc != subtype_dealloc) return false;
  Object* del = type_lookup(t, strs::del);
  if (!del) return false;
  alloc::gc_bits_set(self, alloc::kGcBitFinalized);
  run_del(self, del);
  return true;
}

// ---- the cycle collector's view of class instances ----
// An instance holds its class (heap types), the values of its __slots__ and its managed __dict__, then whatever
// the nearest base with its own layout holds. That base's tp_traverse / tp_clear are used only when the collector
// trusts them (the runtime's audited types, kTpFlagGcAudited, and extension types, as vm/gc.cc): an unaudited
// runtime one might visit references it does not own, and visiting fewer only makes the collector keep more.

// The nearest base that is not a class made by type_new (its own tp_traverse / tp_clear), or null.
static Type* layout_base(Type* t) {
  while (t && t->tp_traverse == subtype_traverse) t = t->tp_base;
  return t;
}

bool gc_trusts_traverse(Type* t) {
  if (!t->tp_traverse) return false;
  if (t->tp_traverse == subtype_traverse || has_flag(t, kTpFlagGcAudited)) return true;
  return has_flag(t, kTpFlagCApiStatic) || has_flag(t, Py_TPFLAGS_HEAPTYPE);  // extension types
}

int subtype_traverse(Object* self, visitproc visit, void* arg) {
  Type* t = type_of(self);
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    if (int r = visit(reinterpret_cast<Object*>(t), arg)) return r;
  }
  for (Type* h = t; h && h->tp_traverse == subtype_traverse; h = h->tp_base) {
    if (!reinterpret_cast<HeapType*>(h)->ht_slots || !h->tp_members) continue;
    for (PyMemberDef* m = h->tp_members; m->name; m++) {
      Object* v = *reinterpret_cast<Object**>(reinterpret_cast<char*>(self) + m->offset);
      if (v) {
        if (int r = visit(v, arg)) return r;
      }
    }
  }
  if (has_flag(t, Py_TPFLAGS_MANAGED_DICT)) {
    if (Object* d = *managed_dict_ptr(self)) {
      if (int r = visit(d, arg)) return r;
    }
  }
  Type* base = layout_base(t);
  if (base && gc_trusts_traverse(base)) return base->tp_traverse(self, visit, arg);
  return 0;
}

int subtype_clear(Object* self) {
  Type* t = type_of(self);
  for (Type* h = t; h && h->tp_traverse == subtype_traverse; h = h->tp_base) {
    if (!reinterpret_cast<HeapType*>(h)->ht_slots || !h->tp_members) continue;
    for (PyMemberDef* m = h->tp_members; m->name; m++) {
      Object** slot = reinterpret_cast<Object**>(reinterpret_cast<char*>(self) + m->offset);
      xdecref(__atomic_exchange_n(slot, nullptr, __ATOMIC_ACQ_REL));
    }
  }
  if (has_flag(t, Py_TPFLAGS_MANAGED_DICT)) xdecref(__atomic_exchange_n(managed_dict_ptr(self), nullptr, __ATOMIC_ACQ_REL));
  Type* base = layout_base(t);
  if (base && base->tp_clear && gc_trusts_traverse(base)) return base->tp_clear(self);
  return 0;
}

void subtype_dealloc(Object* self) {
  Type* t = type_of(self);
  if (!alloc::gc_bits_test(self, alloc::kGcBitFinalized)) {
    if (Object* del = type_lookup(t, strs::del)) {
      if (!call_del(self, del)) return;  // resurrected
    }
  }
  // The nearest base with a deallocator of its own releases its fields and the memory at the end: a static type,
  // or a heap type made from a PyType_Spec with a Py_tp_dealloc (CPython's walk over subtype_dealloc).
  Type* base = t;
  while (base && base->tp_dealloc == subtype_dealloc) base = base->tp_base;
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
  if (base && base->tp_dealloc) {
    // The runtime's own static types drop a heap type's reference in their tp_dealloc, and so do heap types made
    // from specs (CPython's rule for heap types); static types defined by extensions do not (CPython's
    // subtype_dealloc drops it for them). Read before the call: it may free the type.
    bool drop_type = has_flag(base, kTpFlagCApiStatic);
    base->tp_dealloc(self);
    if (drop_type) dealloc_type_ref(t);
  } else {
    object_free(self);
    dealloc_type_ref(t);
  }
}

// ---- layout: solid base and best base ----

// Whether t's instances are laid out differently from b's (CPython's shape_differs).
static bool shape_differs(Type* t, Type* b) {
  return t->tp_basicsize != b->tp_basicsize || t->tp_itemsize != b->tp_itemsize;
}

Type* type_solid_base(Type* t) {
  Type* base = t->tp_base ? type_solid_base(t->tp_base) : &object_type;
  return shape_differs(t, base) ? t : base;
}

Type* type_best_base(Object* bases) {
  Type* base = nullptr;
  Type* winner = nullptr;
  for (ssize i = 0; i < tuple_size(bases); i++) {
    Object* b = tuple_get(bases, i);
    if (!type_check(b, &type_type)) {
      int has = has_attr(b, strs::mro_entries);
      if (has < 0) return nullptr;
      if (has) {
        set_error(&exc_TypeError, "type() doesn't support MRO entry resolution; use types.new_class()");
        return nullptr;
      }
      set_error(&exc_TypeError, "bases must be types");
      return nullptr;
    }
    Type* bt = reinterpret_cast<Type*>(b);
    if (!has_flag(bt, Py_TPFLAGS_READY) && type_ready(bt) < 0) return nullptr;
    if (!has_flag(bt, Py_TPFLAGS_BASETYPE)) {
      set_errorf(&exc_TypeError, "type '{}' is not an acceptable base type", bt->tp_name);
      return nullptr;
    }
    Type* candidate = type_solid_base(bt);
    if (!winner) {
      winner = candidate;
      base = bt;
    } else if (is_subtype(winner, candidate)) {
    } else if (is_subtype(candidate, winner)) {
      winner = candidate;
      base = bt;
    } else {
      set_error(&exc_TypeError, "multiple bases have instance lay-out conflict");
      return nullptr;
    }
  }
  return base;
}

Type* type_calculate_metaclass(Type* meta, Object* bases) {
  Type* winner = meta;
  for (ssize i = 0; i < tuple_size(bases); i++) {
    Type* bt = type_of(tuple_get(bases, i));
    if (is_subtype(winner, bt)) continue;
    if (is_subtype(bt, winner)) {
      winner = bt;
      continue;
    }
    set_error(&exc_TypeError,
              "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the "
              "metaclasses of all its bases");
    return nullptr;
  }
  return winner;
}

// ---- __dict__ and __weakref__ of instances ----

// The `__dict__` attribute of instances of classes that introduce a managed instance dict.
static Object* subtype_get_dict(Object* o, void*) {
  Object** dp = managed_dict_ptr(o);
  if (!*dp) {
    Object* d = dict_new();
    if (!d) return nullptr;
    Object* expected = nullptr;
    if (!__atomic_compare_exchange_n(dp, &expected, d, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) decref(d);
  }
  return load_shared_slot(dp);
}
static int subtype_set_dict(Object* o, Object* value, void*) {
  if (value && !type_check(value, &dict_type)) {
    set_errorf(&exc_TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name(value));
    return -1;
  }
  // Lock-free readers (attribute lookup, the getter) may hold the old dict's pointer: it goes through QSBR.
  set_shared_slot(managed_dict_ptr(o), xnewref(value));
  return 0;
}
static PyGetSetDef subtype_dict_getset = {"__dict__", subtype_get_dict, subtype_set_dict,
                                          "dictionary for instance variables", nullptr};

// The `__weakref__` attribute: the first weak reference to the instance, or None (read-only).
static Object* subtype_get_weakref(Object* o, void*) { return weakref_first(o); }
static PyGetSetDef subtype_weakref_getset = {"__weakref__", subtype_get_weakref, nullptr,
                                             "list of weak references to the object", nullptr};

// ---- __slots__ ----

// Private names are mangled like attribute names: __x in class C is stored as _C__x.
static std::string mangle(std::string_view cls, std::string_view name) {
  if (name.size() < 2 || name.substr(0, 2) != "__" || (name.size() >= 2 && name.substr(name.size() - 2) == "__"))
    return std::string(name);
  size_t strip = cls.find_first_not_of('_');
  if (strip == std::string_view::npos) return std::string(name);
  return "_" + std::string(cls.substr(strip)) + std::string(name);
}

struct SlotsPlan {
  bool add_dict = false;
  bool add_weak = false;
  std::vector<Object*> members;  // interned, mangled, sorted
  ORef slots;                    // the normalised __slots__ tuple (ht_slots), or null
};

// Decides the instance layout: one member per __slots__ name, and whether instances get __dict__ and
// __weakref__ (always, unless __slots__ says otherwise or a base already provides them). -1 with an error set.
static int plan_slots(Object* name, Type* base, Object* bases, Object* dict, SlotsPlan* plan) {
  bool may_add_dict = base->tp_dictoffset == 0 && !has_flag(base, Py_TPFLAGS_MANAGED_DICT);
  // Weak references cannot be added to a variable-sized layout (there is no fixed place for the list).
  bool may_add_weak = !type_supports_weakrefs(base) && base->tp_itemsize == 0;
  Object* slots = nullptr;
  int r = dict_get(dict, strs::slots, &slots);
  if (r < 0) return -1;
  if (r == 0) {
    plan->add_dict = may_add_dict;
    plan->add_weak = may_add_weak;
    return 0;
  }
  ORef slots_ref = steal(slots);
  plan->slots = type_check(slots, &str_type) ? steal(tuple_pack({slots})) : steal(sequence_tuple(slots));
  if (!plan->slots) return -1;
  Object* names = plan->slots.get();
  ssize n = tuple_size(names);
  if (n > 0 && base->tp_itemsize != 0) {
    set_errorf(&exc_TypeError, "nonempty __slots__ not supported for subtype of '{}'", base->tp_name);
    return -1;
  }
  for (ssize i = 0; i < n; i++) {
    Object* s = tuple_get(names, i);
    if (!type_check(s, &str_type)) {
      set_errorf(&exc_TypeError, "__slots__ items must be strings, not '{}'", type_name(s));
      return -1;
    }
    if (!is_identifier(s)) {
      set_error(&exc_TypeError, "__slots__ must be identifiers");
      return -1;
    }
    std::string_view v = str_view(s);
    if (v == "__dict__") {
      if (!may_add_dict || plan->add_dict) {
        set_error(&exc_TypeError, "__dict__ slot disallowed: we already got one");
        return -1;
      }
      plan->add_dict = true;
    } else if (v == "__weakref__") {
      if (!may_add_weak || plan->add_weak) {
        set_error(&exc_TypeError, "__weakref__ slot disallowed: we already got one");
        return -1;
      }
      plan->add_weak = true;
    }
  }
  std::string cls(str_view(name));
  for (ssize i = 0; i < n; i++) {
    Object* s = tuple_get(names, i);
    std::string_view v = str_view(s);
    if ((plan->add_dict && v == "__dict__") || (plan->add_weak && v == "__weakref__")) continue;
    Object* key = str_interned(mangle(cls, v).c_str());
    int has = dict_contains(dict, key);
    if (has < 0) return -1;
    if (has) {
      ORef rep = steal(object_repr(key));
      if (!rep) return -1;
      set_errorf(&exc_ValueError, "{} in __slots__ conflicts with class variable", str_view(rep.get()));
      return -1;
    }
    plan->members.push_back(key);
  }
  std::sort(plan->members.begin(), plan->members.end(), [](Object* a, Object* b) { return str_compare(a, b) < 0; });
  // Secondary bases may provide a __dict__ or weak references.
  for (ssize i = 0; i < tuple_size(bases); i++) {
    Type* b = reinterpret_cast<Type*>(tuple_get(bases, i));
    if (b == base) continue;
    if (may_add_dict && !plan->add_dict && (b->tp_dictoffset != 0 || has_flag(b, Py_TPFLAGS_MANAGED_DICT)))
      plan->add_dict = true;
    if (may_add_weak && !plan->add_weak && type_supports_weakrefs(b)) plan->add_weak = true;
  }
  return 0;
}

// Lays out the members and the __dict__/__weakref__ descriptors planned for t. -1 with an error set.
static int apply_slots(HeapType* ht, Type* base, SlotsPlan* plan) {
  Type* t = &ht->ht_type;
  enum { kMemberObjectEx = 16 };
  // A base that keeps its own dict field (like BaseException) or weakref list (like set) goes on using it; a
  // managed dict or weakref list of the base, or one this class adds, lives in the pre-header (object.cc), whose
  // flags must be set before the first instance is allocated.
  if (has_flag(base, Py_TPFLAGS_MANAGED_DICT) || plan->add_dict) t->tp_flags |= Py_TPFLAGS_MANAGED_DICT;
  if (has_flag(base, Py_TPFLAGS_MANAGED_WEAKREF) || plan->add_weak) {
    t->tp_flags |= Py_TPFLAGS_MANAGED_WEAKREF;
    t->tp_weaklistoffset = kManagedWeakrefOffset;
  }
  // The member table lives as long as the type (types are never freed while instances exist).
  size_t n = plan->members.size();
  auto* defs = static_cast<PyMemberDef*>(alloc::raw_calloc(n + 1, sizeof(PyMemberDef)));
  if (!defs) {
    no_memory();
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    defs[i].name = str_utf8(plan->members[i]);
    defs[i].type = kMemberObjectEx;
    defs[i].offset = t->tp_basicsize + ssize(i * sizeof(Object*));
  }
  t->tp_basicsize += ssize(n * sizeof(Object*));
  t->tp_members = defs;
  if (plan->slots) set_slot(&ht->ht_slots, plan->slots.release());
  // Members first, then the instance __dict__ and __weakref__ descriptors (CPython's dict order).
  for (size_t i = 0; i < n; i++) {
    ORef d = steal(member_descr_new(t, &defs[i]));
    if (!d || dict_set(t->tp_dict, plan->members[i], d.get()) < 0) return -1;
  }
  if (plan->add_dict && !dict_contains(t->tp_dict, strs::dict)) {
    ORef gs = steal(getset_descr_new(t, &subtype_dict_getset));
    if (!gs || dict_set(t->tp_dict, strs::dict, gs.get()) < 0) return -1;
  }
  Object* weakref_name = str_interned("__weakref__");
  if (plan->add_weak && !dict_contains(t->tp_dict, weakref_name)) {
    ORef gs = steal(getset_descr_new(t, &subtype_weakref_getset));
    if (!gs || dict_set(t->tp_dict, weakref_name, gs.get()) < 0) return -1;
  }
  return 0;
}

// ---- the namespace's special entries ----

// __new__ becomes a staticmethod, __init_subclass__ and __class_getitem__ classmethods, when plain functions.
static int wrap_implicit_methods(Object* dict) {
  Object* v = nullptr;
  int r = dict_get(dict, strs::new_, &v);
  if (r < 0) return -1;
  if (r > 0) {
    ORef vr = steal(v);
    if (type_check_exact(v, &function_type)) {
      ORef sm = steal(staticmethod_new(v));
      if (!sm || dict_set(dict, strs::new_, sm.get()) < 0) return -1;
    }
  }
  for (Object* cname : {strs::init_subclass, strs::class_getitem}) {
    r = dict_get(dict, cname, &v);
    if (r < 0) return -1;
    if (r == 0) continue;
    ORef vr = steal(v);
    if (type_check_exact(v, &function_type)) {
      ORef cm = steal(classmethod_new(v));
      if (!cm || dict_set(dict, cname, cm.get()) < 0) return -1;
    }
  }
  return 0;
}

// __classcell__: the cell that zero-argument super() and __class__ read; it receives the new class.
// A str docstring becomes the type's C-level doc (UTF-8) in CPython, so one that cannot be encoded (a lone
// surrogate) makes class creation fail with UnicodeEncodeError; setting __doc__ later has no such check.
static int check_doc_encodable(Object* dict) {
  Object* doc = nullptr;
  int r = dict_get(dict, strs::doc, &doc);
  if (r <= 0) return r;
  ORef dr = steal(doc);
  if (type_check(doc, &str_type) && !str_utf8(doc)) return -1;
  return 0;
}

static int set_classcell(Type* t) {
  Object* cell = nullptr;
  int r = dict_get(t->tp_dict, strs::classcell, &cell);
  if (r <= 0) return r;
  ORef cr = steal(cell);
  if (type_of(cell) != &cell_type) {
    ORef rep = steal(object_repr(reinterpret_cast<Object*>(type_of(cell))));
    if (!rep) return -1;
    set_errorf(&exc_TypeError, "__classcell__ must be a nonlocal cell, not {}", str_view(rep.get()));
    return -1;
  }
  set_slot(&reinterpret_cast<CellObject*>(cell)->ob_ref, newref(reinterpret_cast<Object*>(t)));
  return dict_del(t->tp_dict, strs::classcell);
}

// Calls __set_name__(cls, name) on every namespace value that has one; a failure gets CPython's note.
static int set_names(Type* t) {
  ORef items = steal(dict_items_list(t->tp_dict));
  if (!items) return -1;
  for (ssize i = 0; i < list_size(items.get()); i++) {
    Object* pair = list_items(items.get())[i];
    Object* key = tuple_get(pair, 0);
    Object* val = tuple_get(pair, 1);
    Object* sn = type_lookup(type_of(val), strs::set_name);
    if (!sn) continue;
    ORef keep = borrow(sn);
    ORef bound;
    if (descrgetfunc g = type_of(sn)->tp_descr_get) {
      bound = steal(g(sn, val, reinterpret_cast<Object*>(type_of(val))));
      if (!bound) return -1;
    } else {
      bound = borrow(sn);
    }
    Object* a[2] = {reinterpret_cast<Object*>(t), key};
    ORef r = steal(call(bound.get(), a, 2, nullptr));
    if (!r) {
      ORef rep = steal(object_repr(key));
      if (!rep) return -1;
      ORef exc = steal(error_take());
      ORef note = steal(str_from_utf8(fmt::format("Error calling __set_name__ on '{}' instance {} in '{}'",
                                                  type_of(val)->tp_name, str_view(rep.get()), t->tp_name)));
      if (note) {
        ORef added = steal(call_method1(exc.get(), str_interned("add_note"), note.get()));
        if (!added) return -1;
      }
      set_error_steal(exc.release());
      return -1;
    }
  }
  return 0;
}

// super(t, t).__init_subclass__(**kwds)
static int init_subclass(Type* t, Object* kwds) {
  bool unbound = false;
  ORef isc = steal(super_lookup(t, reinterpret_cast<Object*>(t), strs::init_subclass, false, &unbound));
  if (!isc) return -1;
  ORef kwnames;
  std::vector<Object*> kwvals;
  if (kwds && dict_size(kwds)) {
    ORef keys = steal(dict_keys_list(kwds));
    ORef vals = steal(dict_values_list(kwds));
    if (!keys || !vals) return -1;
    kwnames = steal(list_as_tuple(keys.get()));
    if (!kwnames) return -1;
    for (ssize i = 0; i < list_size(vals.get()); i++) kwvals.push_back(list_items(vals.get())[i]);
  }
  ORef r = steal(call(isc.get(), kwvals.data(), 0, kwnames.get()));
  return r ? 0 : -1;
}

// ---- type.__new__ ----

Object* type_new_impl(Type* meta, Object* args, Object* kwds) {
  if (tuple_size(args) != 3)
    return set_errorf(&exc_TypeError, "type.__new__() takes exactly 3 arguments ({} given)", tuple_size(args));
  Object* name = tuple_get(args, 0);
  Object* bases = tuple_get(args, 1);
  Object* orig_dict = tuple_get(args, 2);
  if (!type_check(name, &str_type))
    return set_errorf(&exc_TypeError, "type.__new__() argument 1 must be str, not {}", type_name(name));
  if (!type_check(bases, &tuple_type))
    return set_errorf(&exc_TypeError, "type.__new__() argument 2 must be tuple, not {}", type_name(bases));
  if (!type_check(orig_dict, &dict_type))
    return set_errorf(&exc_TypeError, "type.__new__() argument 3 must be dict, not {}", type_name(orig_dict));
  ORef bases_ref;
  Type* base;
  if (tuple_size(bases) == 0) {
    bases_ref = steal(tuple_pack({reinterpret_cast<Object*>(&object_type)}));
    if (!bases_ref) return nullptr;
    base = &object_type;
  } else {
    for (ssize i = 0; i < tuple_size(bases); i++) {
      Object* b = tuple_get(bases, i);
      if (type_check(b, &type_type)) continue;
      int has = has_attr(b, strs::mro_entries);
      if (has < 0) return nullptr;
      if (has) return set_error(&exc_TypeError, "type() doesn't support MRO entry resolution; use types.new_class()");
    }
    Type* winner = type_calculate_metaclass(meta, bases);
    if (!winner) return nullptr;
    if (winner != meta) {
      // A more derived metaclass with its own __new__ takes over.
      if (winner->tp_new != type_type.tp_new) return winner->tp_new(winner, args, kwds);
      meta = winner;
    }
    base = type_best_base(bases);
    if (!base) return nullptr;
    bases_ref = borrow(bases);
  }
  ssize nlen = 0;
  const char* nm = str_utf8(name, &nlen);
  if (!nm) return nullptr;
  if (std::strlen(nm) != size_t(nlen)) return set_error(&exc_ValueError, "type name must not contain null characters");
  ORef dict = steal(dict_copy(orig_dict));
  if (!dict) return nullptr;
  SlotsPlan plan;
  if (plan_slots(name, base, bases_ref.get(), dict.get(), &plan) < 0) return nullptr;

  auto* ht = reinterpret_cast<HeapType*>(new_object(meta, size_t(meta->tp_basicsize)));
  if (!ht) return nullptr;
  maybe_immortalize_new(reinterpret_cast<Object*>(ht));  // a class made after threads started (objects/deferred.h)
  Type* t = &ht->ht_type;
  ORef tref = steal(reinterpret_cast<Object*>(t));
  // Every class is collectable, as in CPython: its instances carry a GC header (objects/object.cc).
  t->tp_flags = Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC;
  t->tp_as_async = &ht->as_async;
  t->tp_as_number = &ht->as_number;
  t->tp_as_sequence = &ht->as_sequence;
  t->tp_as_mapping = &ht->as_mapping;
  t->tp_as_buffer = &ht->as_buffer;
  ht->ht_name = newref(name);
  ht->ht_qualname = newref(name);
  ht->_ht_tpname = static_cast<char*>(alloc::raw_alloc(size_t(nlen) + 1));
  std::memcpy(ht->_ht_tpname, nm, size_t(nlen) + 1);
  t->tp_name = ht->_ht_tpname;
  t->tp_base = reinterpret_cast<Type*>(newref(reinterpret_cast<Object*>(base)));
  t->tp_bases = bases_ref.release();
  t->tp_basicsize = base->tp_basicsize;
  t->tp_itemsize = base->tp_itemsize;
  t->tp_dealloc = subtype_dealloc;
  t->tp_traverse = subtype_traverse;
  t->tp_clear = subtype_clear;
  t->tp_free = object_free;
  t->tp_dict = dict.release();
  // __module__ defaults to the calling frame's __name__.
  int has_module = dict_contains(t->tp_dict, strs::module);
  if (has_module < 0) return nullptr;
  if (!has_module && g_current_globals) {
    if (Object* globals = g_current_globals()) {
      Object* mod = nullptr;
      int r = type_check(globals, &dict_type) ? dict_get(globals, strs::name, &mod) : 0;
      if (r < 0) return nullptr;
      ORef mr = steal(mod);
      if (mod && dict_set(t->tp_dict, strs::module, mod) < 0) return nullptr;
    }
  }
  // __qualname__ comes from the namespace and leaves it.
  Object* q = nullptr;
  int r = dict_get(t->tp_dict, strs::qualname, &q);
  if (r < 0) return nullptr;
  if (r > 0) {
    ORef qr = steal(q);
    if (!type_check(q, &str_type))
      return set_errorf(&exc_TypeError, "type __qualname__ must be a str, not {}", type_name(q));
    set_slot(&ht->ht_qualname, qr.release());
    if (dict_del(t->tp_dict, strs::qualname) < 0) return nullptr;
  }
  if (wrap_implicit_methods(t->tp_dict) < 0) return nullptr;
  if (apply_slots(ht, base, &plan) < 0) return nullptr;
  if (set_classcell(t) < 0) return nullptr;
  // A class without a docstring still has __doc__ (None) in its own dict, as in CPython.
  int has_doc = dict_contains(t->tp_dict, strs::doc);
  if (has_doc < 0 || (!has_doc && dict_set(t->tp_dict, strs::doc, none()) < 0)) return nullptr;
  if (has_doc && check_doc_encodable(t->tp_dict) < 0) return nullptr;
  if (type_ready(t) < 0) return nullptr;
  fixup_heap_slots(t);
  // Managed-dict classes keep tp_dictoffset at -1 as CPython does; slotted classes without __dict__ have none.
  if (has_flag(t, Py_TPFLAGS_MANAGED_DICT)) t->tp_dictoffset = -1;
  if (set_names(t) < 0 || init_subclass(t, kwds) < 0) return nullptr;
  return tref.release();
}

}  // namespace pyvm
