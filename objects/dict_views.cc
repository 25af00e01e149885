// dict's views (dict_keys, dict_values, dict_items) with their set operations, and dict's forward and reverse
// iterators.
#include <string>
#include <utility>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

using sync::CriticalSection;

// A view holds its dict and reads it through the dict's own (locking) API.
struct DictViewObject {
  Object ob_base;
  Object* dv_dict;
};

inline Object* view_dict(Object* v) { return reinterpret_cast<DictViewObject*>(v)->dv_dict; }
inline bool is_set_view(const Object* o) { return type_of(o) == &dict_keys_type || type_of(o) == &dict_items_type; }

// Thread contract: di_dict is set at creation and kept until the iterator dies (CPython drops it when exhausted;
// keeping it means a racing next() can never see it freed). Every other field is read and written only inside
// the dict's critical section, so an iterator shared by threads may skip or repeat items but stays consistent.
struct DictIterObject {
  Object ob_base;
  Object* di_dict;
  ssize di_used;  // ma_used when created; -1 once a size change was reported (every later call raises again)
  ssize di_pos;   // next entry to look at (forward: upwards, reverse: downwards)
  ssize len;      // items left, for __length_hint__ and the "keys changed" check
  bool done;
};

inline DictIterObject* DI(Object* o) { return reinterpret_cast<DictIterObject*>(o); }

enum class Kind { kKeys, kValues, kItems };

Object* new_iter(Object* d, Type* type, bool reverse) {
  Object* o = new_object(type, sizeof(DictIterObject));
  if (!o) return nullptr;
  DictIterObject* di = DI(o);
  di->di_dict = newref(d);
  CriticalSection cs(d);
  DictObject* mp = as_dict(d);
  di->di_used = mp->ma_used;
  di->len = mp->ma_used;
  di->di_pos = reverse ? mp->ma_keys->nentries - 1 : 0;
  return o;
}

// Steps to the next live entry: 1 with new references in *key / *value (either may be null), 0 at the end,
// -1 with RuntimeError when the dict changed size (or, going forward, its keys) since the iterator was made.
template <bool kReverse>
int advance(DictIterObject* di, Object** key, Object** value) {
  CriticalSection cs(di->di_dict);
  if (di->done) return 0;
  DictObject* d = as_dict(di->di_dict);
  if (di->di_used != d->ma_used) {
    di->di_used = -1;
    set_error(&exc_RuntimeError, "dictionary changed size during iteration");
    return -1;
  }
  DictKeys* k = d->ma_keys;
  DictEntry* e = k->entries();
  ssize i = di->di_pos;
  if (!kReverse) {
    ssize n = k->nentries;
    while (i < n && !e[i].value) i++;
    if (i >= n) {
      di->done = true;
      return 0;
    }
    // Same size but an entry we did not expect: keys were deleted and others added.
    if (di->len == 0) {
      di->done = true;
      set_error(&exc_RuntimeError, "dictionary keys changed during iteration");
      return -1;
    }
    di->di_pos = i + 1;
  } else {
    if (i >= k->nentries) i = k->nentries - 1;  // a resize compacted the entries meanwhile
    while (i >= 0 && !e[i].value) i--;
    if (i < 0) {
      di->done = true;
      return 0;
    }
    di->di_pos = i - 1;
  }
  di->len--;
  if (key) *key = newref(e[i].key);
  if (value) *value = newref(e[i].value);
  return 1;
}

// next() on the iterator's fields (also run on a copy of them by __reduce__).
template <Kind K, bool kReverse>
Object* dictiter_step(DictIterObject* di) {
  Object* key = nullptr;
  Object* value = nullptr;
  if (advance<kReverse>(di, K != Kind::kValues ? &key : nullptr, K != Kind::kKeys ? &value : nullptr) <= 0)
    return nullptr;
  if (K == Kind::kKeys) return key;
  if (K == Kind::kValues) return value;
  Object* pair = tuple_new(2);
  if (!pair) {
    decref(key);
    decref(value);
    return nullptr;
  }
  tuple_set(pair, 0, key);
  tuple_set(pair, 1, value);
  return pair;
}

template <Kind K, bool kReverse>
Object* dictiter_next(Object* self) {
  return dictiter_step<K, kReverse>(DI(self));
}

// (iter, (list of what is left,)), found by running a copy of the iterator (so a dict that changed size raises
// RuntimeError here too, as in CPython).
template <Kind K, bool kReverse>
Object* dictiter_reduce(Object* self, Object*) {
  ORef iter = steal(builtin_object("iter"));
  if (!iter) return nullptr;
  DictIterObject* di = DI(self);
  DictIterObject copy;
  {
    CriticalSection cs(di->di_dict);
    copy = *di;
  }
  ORef list = steal(list_new(0));
  if (!list) return nullptr;
  while (Object* item = dictiter_step<K, kReverse>(&copy)) {
    int r = list_append(list.get(), item);
    decref(item);
    if (r < 0) return nullptr;
  }
  if (error_occurred()) return nullptr;
  return iter_reduce_value(iter.get(), list.get(), nullptr);
}

Object* dictiter_len(Object* self, Object*) {
  DictIterObject* di = DI(self);
  ssize len = 0;
  {
    CriticalSection cs(di->di_dict);
    if (!di->done && di->di_used == as_dict(di->di_dict)->ma_used) len = di->len;
  }
  return int_from_ssize(len);
}

Object* dictiter_self(Object* self) { return newref(self); }

void dictiter_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(DI(self)->di_dict);
  object_free(self);
  dealloc_type_ref(t);
}

int dictiter_traverse(Object* self, visitproc visit, void* arg) {
  Object* d = DI(self)->di_dict;
  return d ? visit(d, arg) : 0;
}

template <Kind K, bool kReverse>
PyMethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", dictiter_reduce<K, kReverse>, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- views ----

Object* new_view(Object* d, Type* type) {
  Object* o = new_object(type, sizeof(DictViewObject));
  if (o) reinterpret_cast<DictViewObject*>(o)->dv_dict = newref(d);
  return o;
}

void view_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(view_dict(self));
  object_free(self);
  dealloc_type_ref(t);
}

int view_traverse(Object* self, visitproc visit, void* arg) {
  Object* d = view_dict(self);
  return d ? visit(d, arg) : 0;
}

ssize view_len(Object* self) { return dict_size(view_dict(self)); }

Object* keys_iter(Object* self) { return new_iter(view_dict(self), &dict_keyiterator_type, false); }
Object* values_iter(Object* self) { return new_iter(view_dict(self), &dict_valueiterator_type, false); }
Object* items_iter(Object* self) { return new_iter(view_dict(self), &dict_itemiterator_type, false); }

Object* keys_reversed(Object* self, Object*) { return new_iter(view_dict(self), &dict_reversekeyiterator_type, true); }
Object* values_reversed(Object* self, Object*) {
  return new_iter(view_dict(self), &dict_reversevalueiterator_type, true);
}
Object* items_reversed(Object* self, Object*) {
  return new_iter(view_dict(self), &dict_reverseitemiterator_type, true);
}

int keys_contains(Object* self, Object* key) { return dict_contains(view_dict(self), key); }

// (key, value) in d.items(): d has key and d[key] == value.
int items_contains(Object* self, Object* obj) {
  if (!type_check(obj, &tuple_type) || tuple_size(obj) != 2) return 0;
  Object* found;
  int r = dict_get(view_dict(self), tuple_get(obj, 0), &found);
  if (r <= 0) return r;
  ORef f = steal(found);
  return rich_compare_bool(f.get(), tuple_get(obj, 1), Py_EQ);
}

// dict_keys([1, 2]): the view's name around the repr of its items as a list.
Object* view_repr(Object* self) {
  int r = repr_enter(self);
  if (r != 0) return r > 0 ? str_from_utf8("...") : nullptr;
  ORef seq = steal(sequence_list(self));
  ORef rep = seq ? steal(object_repr(seq.get())) : ORef();
  repr_leave(self);
  if (!rep) return nullptr;
  ORef head = steal(str_from_utf8(std::string(type_of(self)->tp_name) + "("));
  if (!head) return nullptr;
  ORef s = steal(str_concat(head.get(), rep.get()));
  if (!s) return nullptr;
  ORef tail = steal(str_from_utf8(")"));
  if (!tail) return nullptr;
  return str_concat(s.get(), tail.get());
}

// 1 if every item of `self` is in `other`.
int all_contained_in(Object* self, Object* other) {
  ORef it = steal(get_iter(self));
  if (!it) return -1;
  for (;;) {
    ORef item = steal(iter_next(it.get()));
    if (!item) return error_occurred() ? -1 : 1;
    int ok = sequence_contains(other, item.get());
    if (ok <= 0) return ok;
  }
}

Object* view_richcompare(Object* self, Object* other, int op) {
  if (!anyset_check(other) && !is_set_view(other)) return newref(not_implemented());
  ssize len_self = object_length(self);
  if (len_self < 0) return nullptr;
  ssize len_other = object_length(other);
  if (len_other < 0) return nullptr;
  int ok = 0;
  switch (op) {
    case Py_NE:
    case Py_EQ:
      if (len_self == len_other) ok = all_contained_in(self, other);
      if (op == Py_NE && ok >= 0) ok = !ok;
      break;
    case Py_LT:
      if (len_self < len_other) ok = all_contained_in(self, other);
      break;
    case Py_LE:
      if (len_self <= len_other) ok = all_contained_in(self, other);
      break;
    case Py_GT:
      if (len_self > len_other) ok = all_contained_in(other, self);
      break;
    case Py_GE:
      if (len_self >= len_other) ok = all_contained_in(other, self);
      break;
  }
  if (ok < 0) return nullptr;
  return newref(bool_obj(ok));
}

// The set operations: set(self) op other. `self` may be the non-view operand when the view is on the right.
Object* views_sub(Object* self, Object* other) {
  ORef result = steal(set_new(self));
  if (!result || set_difference_update(result.get(), other) < 0) return nullptr;
  return result.release();
}

Object* views_or(Object* self, Object* other) {
  ORef result = steal(set_new(self));
  if (!result || set_update(result.get(), other) < 0) return nullptr;
  return result.release();
}

Object* views_and(Object* self, Object* other) {
  if (!is_set_view(self)) std::swap(self, other);  // the view was the right operand
  ssize len_self = dict_size(view_dict(self));
  // A larger exact set: its own intersection does the work.
  if (type_of(other) == &set_type && len_self <= set_size(other)) return set_intersection(other, self);
  // Another view: iterate over the smaller one.
  if (is_set_view(other) && dict_size(view_dict(other)) > len_self) std::swap(self, other);
  ORef result = steal(set_new(nullptr));
  if (!result) return nullptr;
  ORef it = steal(get_iter(other));
  if (!it) return nullptr;
  bool keys = type_of(self) == &dict_keys_type;
  for (;;) {
    ORef key = steal(iter_next(it.get()));
    if (!key) break;
    int rv = keys ? keys_contains(self, key.get()) : items_contains(self, key.get());
    if (rv < 0) return nullptr;
    if (rv && set_add(result.get(), key.get()) < 0) return nullptr;
  }
  if (error_occurred()) return nullptr;
  return result.release();
}

// d1.items() ^ d2.items(), pairing by key (CPython's dictitems_xor).
Object* items_xor(Object* self, Object* other) {
  Object* d1 = view_dict(self);
  Object* d2 = view_dict(other);
  ORef temp = steal(dict_copy(d1));
  if (!temp) return nullptr;
  ORef result = steal(set_new(nullptr));
  if (!result) return nullptr;
  ssize pos = 0;
  Object *k, *v;
  hash_t hash;
  while (dict_next_hash(d2, &pos, &k, &v, &hash)) {
    ORef key = steal(k), val2 = steal(v);
    Object* found;
    int r = dict_get_known_hash(temp.get(), key.get(), hash, &found);
    if (r < 0) return nullptr;
    int to_delete = 0;
    if (r > 0) {
      ORef val1 = steal(found);
      to_delete = rich_compare_bool(val1.get(), val2.get(), Py_EQ);
      if (to_delete < 0) return nullptr;
    }
    if (to_delete) {
      if (dict_del_known_hash(temp.get(), key.get(), hash) < 0) return nullptr;
    } else {
      ORef pair = steal(tuple_pack({key.get(), val2.get()}));
      if (!pair || set_add(result.get(), pair.get()) < 0) return nullptr;
    }
  }
  ORef remaining = steal(dict_items_view(temp.get(), nullptr));
  if (!remaining || set_update(result.get(), remaining.get()) < 0) return nullptr;
  return result.release();
}

Object* views_xor(Object* self, Object* other) {
  if (type_of(self) == &dict_items_type && type_of(other) == &dict_items_type) return items_xor(self, other);
  ORef result = steal(set_new(self));
  if (!result || set_symmetric_difference_update(result.get(), other) < 0) return nullptr;
  return result.release();
}

Object* views_isdisjoint(Object* self, Object* other) {
  if (self == other) return newref(bool_obj(dict_size(view_dict(self)) == 0));
  // Iterate over the shorter one, when other is a set (its `in` is cheap).
  if (anyset_check(other) || is_set_view(other)) {
    ssize len_self = dict_size(view_dict(self));
    ssize len_other = object_length(other);
    if (len_other < 0) return nullptr;
    if (len_other > len_self) std::swap(self, other);
  }
  ORef it = steal(get_iter(other));
  if (!it) return nullptr;
  for (;;) {
    ORef item = steal(iter_next(it.get()));
    if (!item) break;
    int contains = sequence_contains(self, item.get());
    if (contains < 0) return nullptr;
    if (contains) return newref(false_());
  }
  if (error_occurred()) return nullptr;
  return newref(true_());
}

PyNumberMethods set_view_as_number = {
    .nb_subtract = views_sub,
    .nb_and = views_and,
    .nb_xor = views_xor,
    .nb_or = views_or,
};

PySequenceMethods keys_as_sequence = {
    .sq_length = view_len,
    .sq_contains = keys_contains,
};
PySequenceMethods values_as_sequence = {
    .sq_length = view_len,
};
PySequenceMethods items_as_sequence = {
    .sq_length = view_len,
    .sq_contains = items_contains,
};

PyMethodDef keys_methods[] = {
    {"isdisjoint", views_isdisjoint, METH_O,
     "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", keys_reversed, METH_NOARGS, "Return a reverse iterator over the dict keys."},
    {nullptr, nullptr, 0, nullptr},
};
PyMethodDef values_methods[] = {
    {"__reversed__", values_reversed, METH_NOARGS, "Return a reverse iterator over the dict values."},
    {nullptr, nullptr, 0, nullptr},
};
PyMethodDef items_methods[] = {
    {"isdisjoint", views_isdisjoint, METH_O,
     "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", items_reversed, METH_NOARGS, "Return a reverse iterator over the dict items."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Object* dict_iter(Object* d) { return new_iter(d, &dict_keyiterator_type, false); }
Object* dict_reversed(Object* d, Object*) { return new_iter(d, &dict_reversekeyiterator_type, true); }
Object* dict_keys_view(Object* d, Object*) { return new_view(d, &dict_keys_type); }
Object* dict_values_view(Object* d, Object*) { return new_view(d, &dict_values_type); }
Object* dict_items_view(Object* d, Object*) { return new_view(d, &dict_items_type); }

// view.mapping: a read-only proxy of the underlying dict.
static Object* view_get_mapping(Object* v, void*) { return mappingproxy_new(view_dict(v)); }
static PyGetSetDef view_getset[] = {{"mapping", view_get_mapping, nullptr, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};

#define PYVM_DICT_VIEW_TYPE(cname, pyname, number, sequence, hash, richcompare, iter, methods) \
  Type cname = {                                                                               \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),                                      \
      .tp_name = pyname,                                                                       \
      .tp_basicsize = sizeof(DictViewObject),                                                  \
      .tp_itemsize = 0,                                                                        \
      .tp_dealloc = view_dealloc,                                                              \
      .tp_repr = view_repr,                                                                    \
      .tp_as_number = number,                                                                  \
      .tp_as_sequence = sequence,                                                              \
      .tp_hash = hash,                                                                         \
      .tp_getattro = generic_getattr,                                                          \
      .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,                                       \
      .tp_traverse = view_traverse,                                                            \
      .tp_richcompare = richcompare,                                                           \
      .tp_iter = iter,                                                                         \
      .tp_methods = methods,                                                                   \
      .tp_getset = view_getset,                                                                \
      .tp_free = object_free,                                                                  \
  };

// keys and items views are set-like (comparisons, & | - ^) and so unhashable; values views are neither.
PYVM_DICT_VIEW_TYPE(dict_keys_type, "dict_keys", &set_view_as_number, &keys_as_sequence,
                    reinterpret_cast<hashfunc>(hash_not_implemented), view_richcompare, keys_iter, keys_methods)
PYVM_DICT_VIEW_TYPE(dict_values_type, "dict_values", nullptr, &values_as_sequence, nullptr, nullptr, values_iter,
                    values_methods)
PYVM_DICT_VIEW_TYPE(dict_items_type, "dict_items", &set_view_as_number, &items_as_sequence,
                    reinterpret_cast<hashfunc>(hash_not_implemented), view_richcompare, items_iter, items_methods)
#undef PYVM_DICT_VIEW_TYPE

#define PYVM_DICT_ITER_TYPE(cname, pyname, K, R)          \
  Type cname = {                                          \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0), \
      .tp_name = pyname,                                  \
      .tp_basicsize = sizeof(DictIterObject),             \
      .tp_itemsize = 0,                                   \
      .tp_dealloc = dictiter_dealloc,                     \
      .tp_getattro = generic_getattr,                     \
      .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,  \
      .tp_traverse = dictiter_traverse,                   \
      .tp_iter = dictiter_self,                           \
      .tp_iternext = dictiter_next<K, R>,                 \
      .tp_methods = dictiter_methods<K, R>,               \
      .tp_free = object_free,                             \
  };

PYVM_DICT_ITER_TYPE(dict_keyiterator_type, "dict_keyiterator", Kind::kKeys, false)
PYVM_DICT_ITER_TYPE(dict_valueiterator_type, "dict_valueiterator", Kind::kValues, false)
PYVM_DICT_ITER_TYPE(dict_itemiterator_type, "dict_itemiterator", Kind::kItems, false)
PYVM_DICT_ITER_TYPE(dict_reversekeyiterator_type, "dict_reversekeyiterator", Kind::kKeys, true)
PYVM_DICT_ITER_TYPE(dict_reversevalueiterator_type, "dict_reversevalueiterator", Kind::kValues, true)
PYVM_DICT_ITER_TYPE(dict_reverseitemiterator_type, "dict_reverseitemiterator", Kind::kItems, true)
#undef PYVM_DICT_ITER_TYPE

int dict_init_types() {
  for (Type* t : {&dict_keys_type, &dict_values_type, &dict_items_type, &dict_keyiterator_type,
                  &dict_valueiterator_type, &dict_itemiterator_type, &dict_reversekeyiterator_type,
                  &dict_reversevalueiterator_type, &dict_reverseitemiterator_type}) {
    if (type_ready(t) < 0) return -1;
  }
  return 0;
}

}  // namespace pyvm
