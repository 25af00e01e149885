// Iterators: the built-in sequences' iterators, the __getitem__ and iter(f, sentinel) protocols, and the iterator
// builtins enumerate, zip, map, filter and reversed; plus small helpers the sequence types share.
#include "objects/iterators.h"

#include <limits>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

using sync::CriticalSection;

constexpr ssize kSsizeMax = std::numeric_limits<ssize>::max();

inline ssize load_index(const ssize* p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
inline void store_index(ssize* p, ssize v) { __atomic_store_n(p, v, __ATOMIC_RELAXED); }

Object* self_iter(Object* self) { return newref(self); }

// Allocates an instance of a (possibly user-subclassed) iterator type.
Object* alloc_instance(Type* type, size_t size) {
  if (type->tp_alloc) return type->tp_alloc(type, 0);
  return new_object(type, size);
}

void free_instance(Object* self) {
  Type* t = type_of(self);
  object_free(self);
  dealloc_type_ref(t);
}

int visit_all(std::initializer_list<Object*> objs, visitproc visit, void* arg) {
  for (Object* o : objs) {
    if (o) {
      if (int r = visit(o, arg)) return r;
    }
  }
  return 0;
}

// Calls tp_iternext; null means exhausted (StopIteration cleared) or an error.
inline Object* next_of(Object* it) {
  iternextfunc f = type_of(it)->tp_iternext;
  return f ? f(it) : iter_next(it);
}

// True when the pending error (if any) is the end of iteration; clears it.
bool clear_stop_iteration() {
  if (!error_occurred()) return true;
  if (!error_matches(&exc_StopIteration)) return false;
  error_clear();
  return true;
}

bool kw_equals(Object* key, const char* name) {
  return type_check(key, &str_type) && str_view(key) == std::string_view(name);
}

// The keyword arguments of a tp_new call as parallel arrays (insertion order).
struct Keywords {
  std::vector<Object*> keys, values;  // borrowed from the dict
};
void collect_keywords(Object* kwds, Keywords* out) {
  if (!kwds) return;
  ssize pos = 0;
  Object *k, *v;
  while (dict_next(kwds, &pos, &k, &v)) {
    out->keys.push_back(k);
    out->values.push_back(v);
    // dict_next returns new references; the dict keeps its own for the duration of the call.
    decref(k);
    decref(v);
  }
}

// PySequence_Size for reversed().
ssize sequence_size(Object* s) {
  Type* t = type_of(s);
  if (t->tp_as_sequence && t->tp_as_sequence->sq_length) return t->tp_as_sequence->sq_length(s);
  if (t->tp_as_mapping && t->tp_as_mapping->mp_length) {
    set_errorf(&exc_TypeError, "{} is not a sequence", type_name(s));
    return -1;
  }
  set_errorf(&exc_TypeError, "object of type '{}' has no len()", type_name(s));
  return -1;
}

// PySequence_Check. A class defining __getitem__ gets sq_item in CPython; accept such heap types by their
// mp_subscript too, as get_iter does, in case the slot table only filled that one.
bool sequence_check(Object* s) {
  Type* t = type_of(s);
  if (has_flag(t, Py_TPFLAGS_DICT_SUBCLASS)) return false;
  if (t->tp_as_sequence && t->tp_as_sequence->sq_item) return true;
  return has_flag(t, Py_TPFLAGS_HEAPTYPE) && t->tp_as_mapping && t->tp_as_mapping->mp_subscript;
}

// ---- trashcan ----

struct Deferred {
  Object* o;
  void (*body)(Object*);
};
constexpr int kTrashcanDepth = 50;
thread_local int t_dealloc_depth = 0;
thread_local std::vector<Deferred> t_deferred;

// ---- list_iterator / list_reverseiterator (CPython's _PyListIterObject layout) ----

// it_index of a list_iterator: the next index; -1 once __setstate__ stopped it (CPython keeps the list then, so
// a later __setstate__ revives it); kIterDropped once next() ran off the end.
// it_index of a list_reverseiterator: the next index; -1 once exhausted counting down; kIterDropped once next()
// found the index past the end of a list that shrank (only then does CPython drop the list).
struct ListIterObject {
  PyObject ob_base;
  ssize it_index;
  Object* it_seq;  // kept until dealloc, so that concurrent next() calls never see it freed
};
inline ListIterObject* LI(Object* o) { return reinterpret_cast<ListIterObject*>(o); }

void listiter_dealloc(Object* self) {
  xdecref(LI(self)->it_seq);
  free_instance(self);
}
int listiter_traverse(Object* self, visitproc visit, void* arg) { return visit_all({LI(self)->it_seq}, visit, arg); }

Object* listiter_next(Object* self) {
  ListIterObject* it = LI(self);
  ssize index = load_index(&it->it_index);
  if (index < 0) return nullptr;
  Object* item = list_item_ref(it->it_seq, index);
  if (!item) {
    store_index(&it->it_index, kIterDropped);
    return nullptr;
  }
  store_index(&it->it_index, index + 1);
  return item;
}

Object* listiter_len(Object* self, Object*) {
  ListIterObject* it = LI(self);
  ssize index = load_index(&it->it_index);
  if (index >= 0) {
    ssize len = list_size(it->it_seq) - index;
    if (len >= 0) return int_from_ssize(len);
  }
  return int_from_i64(0);
}

Object* listreviter_next(Object* self) {
  ListIterObject* it = LI(self);
  ssize index = load_index(&it->it_index);
  if (index < 0) return nullptr;
  Object* item = list_item_ref(it->it_seq, index);
  if (item) {
    store_index(&it->it_index, index - 1);
    return item;
  }
  store_index(&it->it_index, kIterDropped);
  return nullptr;
}

Object* listreviter_len(Object* self, Object*) {
  ListIterObject* it = LI(self);
  ssize len = load_index(&it->it_index) + 1;
  if (len < 0 || list_size(it->it_seq) < len) len = 0;
  return int_from_ssize(len);
}

// (iter, (list,), index) while live, (iter, ([],)) once stopped; the reverse iterator uses builtins.reversed.
Object* listiter_reduce_common(Object* self, const char* builtin) {
  // The lookup comes first: it can run Python code (a builtins dict key's __eq__) that advances this iterator.
  ORef callable = steal(builtin_object(builtin));
  if (!callable) return nullptr;
  ListIterObject* it = LI(self);
  ssize index = load_index(&it->it_index);
  if (index >= 0) {
    ORef state = steal(int_from_ssize(index));
    if (!state) return nullptr;
    return iter_reduce_value(callable.get(), it->it_seq, state.get());
  }
  ORef empty = steal(list_new(0));
  if (!empty) return nullptr;
  return iter_reduce_value(callable.get(), empty.get(), nullptr);
}

Object* listiter_reduce(Object* self, Object*) { return listiter_reduce_common(self, "iter"); }
Object* listreviter_reduce(Object* self, Object*) { return listiter_reduce_common(self, "reversed"); }

// Clamps to [-1, len] (list_iterator) or [-1, len - 1] (list_reverseiterator); ignored once dropped.
Object* listiter_setstate_common(Object* self, Object* state, bool reverse) {
  ssize index;
  if (!iter_state_ssize(state, &index)) return nullptr;
  ListIterObject* it = LI(self);
  if (load_index(&it->it_index) == kIterDropped) return newref(none());
  ssize hi = list_size(it->it_seq) - (reverse ? 1 : 0);
  if (index < -1)
    index = -1;
  else if (index > hi)
    index = hi;
  store_index(&it->it_index, index);
  return newref(none());
}

Object* listiter_setstate(Object* self, Object* state) { return listiter_setstate_common(self, state, false); }
Object* listreviter_setstate(Object* self, Object* state) { return listiter_setstate_common(self, state, true); }

constexpr const char* kLengthHintDoc = "Private method returning an estimate of len(list(it)).";
constexpr const char* kReduceDoc = "Return state information for pickling.";
constexpr const char* kSetstateDoc = "Set state information for unpickling.";

PyMethodDef listiter_methods[] = {{"__length_hint__", listiter_len, METH_NOARGS, kLengthHintDoc},
                                  {"__reduce__", listiter_reduce, METH_NOARGS, kReduceDoc},
                                  {"__setstate__", listiter_setstate, METH_O, kSetstateDoc},
                                  {nullptr, nullptr, 0, nullptr}};
PyMethodDef listreviter_methods[] = {{"__length_hint__", listreviter_len, METH_NOARGS, kLengthHintDoc},
                                     {"__reduce__", listreviter_reduce, METH_NOARGS, kReduceDoc},
                                     {"__setstate__", listreviter_setstate, METH_O, kSetstateDoc},
                                     {nullptr, nullptr, 0, nullptr}};

// ---- tuple_iterator ----

struct TupleIterObject {
  PyObject ob_base;
  ssize it_index;  // next index; kIterDropped once next() ran off the end
  Object* it_seq;
};
inline TupleIterObject* TI(Object* o) { return reinterpret_cast<TupleIterObject*>(o); }

void tupleiter_dealloc(Object* self) {
  xdecref(TI(self)->it_seq);
  free_instance(self);
}
int tupleiter_traverse(Object* self, visitproc visit, void* arg) { return visit_all({TI(self)->it_seq}, visit, arg); }

Object* tupleiter_next(Object* self) {
  TupleIterObject* it = TI(self);
  ssize index = load_index(&it->it_index);
  if (index < 0) return nullptr;
  if (index < tuple_size(it->it_seq)) {
    store_index(&it->it_index, index + 1);
    return newref(tuple_get(it->it_seq, index));
  }
  store_index(&it->it_index, kIterDropped);
  return nullptr;
}

Object* tupleiter_len(Object* self, Object*) {
  TupleIterObject* it = TI(self);
  ssize index = load_index(&it->it_index);
  ssize len = index < 0 ? 0 : tuple_size(it->it_seq) - index;
  return int_from_ssize(len > 0 ? len : 0);
}

Object* tupleiter_reduce(Object* self, Object*) {
  ORef iter = steal(builtin_object("iter"));  // first: the lookup can run code that advances this iterator
  if (!iter) return nullptr;
  TupleIterObject* it = TI(self);
  ssize index = load_index(&it->it_index);
  if (index < 0) return iter_reduce_value(iter.get(), tuple_empty(), nullptr);
  ORef state = steal(int_from_ssize(index));
  if (!state) return nullptr;
  return iter_reduce_value(iter.get(), it->it_seq, state.get());
}

// Clamps to [0, len]; ignored once dropped.
Object* tupleiter_setstate(Object* self, Object* state) {
  ssize index;
  if (!iter_state_ssize(state, &index)) return nullptr;
  TupleIterObject* it = TI(self);
  if (load_index(&it->it_index) < 0) return newref(none());
  if (index < 0)
    index = 0;
  else if (index > tuple_size(it->it_seq))
    index = tuple_size(it->it_seq);
  store_index(&it->it_index, index);
  return newref(none());
}

PyMethodDef tupleiter_methods[] = {{"__length_hint__", tupleiter_len, METH_NOARGS, kLengthHintDoc},
                                   {"__reduce__", tupleiter_reduce, METH_NOARGS, kReduceDoc},
                                   {"__setstate__", tupleiter_setstate, METH_O, kSetstateDoc},
                                   {nullptr, nullptr, 0, nullptr}};

// ---- iterator: the __getitem__ protocol ----

struct SeqIterObject {
  PyObject ob_base;
  ssize it_index;  // next index; kIterDropped once exhausted
  Object* it_seq;
};
inline SeqIterObject* SI(Object* o) { return reinterpret_cast<SeqIterObject*>(o); }

void seqiter_dealloc(Object* self) {
  xdecref(SI(self)->it_seq);
  free_instance(self);
}
int seqiter_traverse(Object* self, visitproc visit, void* arg) { return visit_all({SI(self)->it_seq}, visit, arg); }

Object* seqiter_next(Object* self) {
  SeqIterObject* it = SI(self);
  ssize index = load_index(&it->it_index);
  if (index < 0) return nullptr;
  if (index == kSsizeMax) return set_error(&exc_OverflowError, "iter index too large");
  Object* result = sequence_get_index(it->it_seq, index);
  if (result) {
    store_index(&it->it_index, index + 1);
    return result;
  }
  if (error_matches(&exc_IndexError) || error_matches(&exc_StopIteration)) {
    error_clear();
    store_index(&it->it_index, kIterDropped);
  }
  return nullptr;
}

// A sequence without __len__ gives NotImplemented (operator.length_hint then falls back to its default).
Object* seqiter_len(Object* self, Object*) {
  SeqIterObject* it = SI(self);
  ssize index = load_index(&it->it_index);
  if (index >= 0) {
    Type* t = type_of(it->it_seq);
    bool has_len =
        (t->tp_as_sequence && t->tp_as_sequence->sq_length) || (t->tp_as_mapping && t->tp_as_mapping->mp_length);
    if (!has_len) return newref(not_implemented());
    ssize seqsize = object_length(it->it_seq);
    if (seqsize == -1) return nullptr;
    ssize len = seqsize - index;
    if (len >= 0) return int_from_ssize(len);
  }
  return int_from_i64(0);
}

Object* seqiter_reduce(Object* self, Object*) {
  ORef iter = steal(builtin_object("iter"));  // first: the lookup can run code that advances this iterator
  if (!iter) return nullptr;
  SeqIterObject* it = SI(self);
  ssize index = load_index(&it->it_index);
  if (index < 0) return iter_reduce_value(iter.get(), tuple_empty(), nullptr);
  ORef state = steal(int_from_ssize(index));
  if (!state) return nullptr;
  return iter_reduce_value(iter.get(), it->it_seq, state.get());
}

// Negative indexes become 0 (there is no upper bound to clamp to); ignored once dropped.
Object* seqiter_setstate(Object* self, Object* state) {
  ssize index;
  if (!iter_state_ssize(state, &index)) return nullptr;
  SeqIterObject* it = SI(self);
  if (load_index(&it->it_index) < 0) return newref(none());
  store_index(&it->it_index, index < 0 ? 0 : index);
  return newref(none());
}

PyMethodDef seqiter_methods[] = {{"__length_hint__", seqiter_len, METH_NOARGS, kLengthHintDoc},
                                 {"__reduce__", seqiter_reduce, METH_NOARGS, kReduceDoc},
                                 {"__setstate__", seqiter_setstate, METH_O, kSetstateDoc},
                                 {nullptr, nullptr, 0, nullptr}};

// ---- callable_iterator: iter(callable, sentinel) ----

struct CallIterObject {
  PyObject ob_base;
  Object* it_callable;
  Object* it_sentinel;
  int exhausted;  // set (atomically) once the sentinel or StopIteration was seen
};
inline CallIterObject* CI(Object* o) { return reinterpret_cast<CallIterObject*>(o); }

void calliter_dealloc(Object* self) {
  xdecref(CI(self)->it_callable);
  xdecref(CI(self)->it_sentinel);
  free_instance(self);
}
int calliter_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({CI(self)->it_callable, CI(self)->it_sentinel}, visit, arg);
}

Object* calliter_next(Object* self) {
  CallIterObject* it = CI(self);
  if (__atomic_load_n(&it->exhausted, __ATOMIC_RELAXED)) return nullptr;
  Object* result = call0(it->it_callable);
  if (result) {
    // A call that exhausted this iterator re-entrantly ends it, whatever it returned (CPython gh-101892).
    if (__atomic_load_n(&it->exhausted, __ATOMIC_RELAXED)) {
      decref(result);
      return nullptr;
    }
    int ok = rich_compare_bool(it->it_sentinel, result, Py_EQ);
    if (ok == 0) return result;
    if (ok > 0) __atomic_store_n(&it->exhausted, 1, __ATOMIC_RELAXED);
    decref(result);
    return nullptr;
  }
  if (error_matches(&exc_StopIteration)) {
    error_clear();
    __atomic_store_n(&it->exhausted, 1, __ATOMIC_RELAXED);
  }
  return nullptr;
}

// (iter, (callable, sentinel)); (iter, ((),)) once exhausted (CPython drops both then).
Object* calliter_reduce(Object* self, Object*) {
  ORef iter = steal(builtin_object("iter"));  // first: the lookup can run code that exhausts this iterator
  if (!iter) return nullptr;
  CallIterObject* it = CI(self);
  if (__atomic_load_n(&it->exhausted, __ATOMIC_RELAXED)) return iter_reduce_value(iter.get(), tuple_empty(), nullptr);
  ORef args = steal(tuple_pack({it->it_callable, it->it_sentinel}));
  if (!args) return nullptr;
  return tuple_pack({iter.get(), args.get()});
}

PyMethodDef calliter_methods[] = {{"__reduce__", calliter_reduce, METH_NOARGS, kReduceDoc},
                                  {nullptr, nullptr, 0, nullptr}};

// ---- enumerate ----

struct EnumObject {
  PyObject ob_base;
  ssize en_index;        // next index while it fits; kSsizeMax switches to en_longindex
  Object* en_sit;        // the underlying iterator
  Object* en_longindex;  // next index as an int once past kSsizeMax (or a huge start); else null
};
inline EnumObject* EN(Object* o) { return reinterpret_cast<EnumObject*>(o); }

Object* enum_new_impl(Type* type, Object* iterable, Object* start) {
  ORef it = steal(get_iter(iterable));
  if (!it) return nullptr;
  ssize index = 0;
  ORef longindex;
  if (start) {
    ORef s = steal(number_index(start));
    if (!s) return nullptr;
    int overflow = 0;
    int64_t v = int_as_i64(s.get(), &overflow);
    if (overflow || v == kSsizeMax) {
      index = kSsizeMax;
      longindex = std::move(s);
    } else {
      index = v;
    }
  }
  Object* o = alloc_instance(type, sizeof(EnumObject));
  if (!o) return nullptr;
  EN(o)->en_index = index;
  EN(o)->en_sit = it.release();
  EN(o)->en_longindex = longindex.release();
  return o;
}

Object* enum_tp_new(Type* type, Object* args, Object* kwds) {
  ssize nargs = args ? tuple_size(args) : 0;
  Keywords kw;
  collect_keywords(kwds, &kw);
  ssize nkw = ssize(kw.keys.size());
  auto invalid = [](Object* key) -> Object* {
    return set_errorf(&exc_TypeError, "'{}' is an invalid keyword argument for enumerate()", str_view(key));
  };
  // Mirrors CPython's enum_vectorcall argument handling and messages.
  if (nargs + nkw == 2) {
    if (nkw == 1) {
      if (!kw_equals(kw.keys[0], "start")) return invalid(kw.keys[0]);
      return enum_new_impl(type, tuple_get(args, 0), kw.values[0]);
    }
    if (nkw == 2) {
      if (kw_equals(kw.keys[0], "start")) {
        if (!kw_equals(kw.keys[1], "iterable")) return invalid(kw.keys[1]);
        return enum_new_impl(type, kw.values[1], kw.values[0]);
      }
      if (!kw_equals(kw.keys[0], "iterable")) return invalid(kw.keys[0]);
      if (!kw_equals(kw.keys[1], "start")) return invalid(kw.keys[1]);
      return enum_new_impl(type, kw.values[0], kw.values[1]);
    }
    return enum_new_impl(type, tuple_get(args, 0), tuple_get(args, 1));
  }
  if (nargs + nkw == 1) {
    if (nkw == 1) {
      if (!kw_equals(kw.keys[0], "iterable")) return invalid(kw.keys[0]);
      return enum_new_impl(type, kw.values[0], nullptr);
    }
    return enum_new_impl(type, tuple_get(args, 0), nullptr);
  }
  if (nargs == 0) return set_error(&exc_TypeError, "enumerate() missing required argument 'iterable'");
  return set_errorf(&exc_TypeError, "enumerate() takes at most 2 arguments ({} given)", nargs + nkw);
}

void enum_dealloc(Object* self) {
  xdecref(EN(self)->en_sit);
  xdecref(EN(self)->en_longindex);
  free_instance(self);
}
int enum_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({EN(self)->en_sit, EN(self)->en_longindex}, visit, arg);
}

Object* enum_next(Object* self) {
  EnumObject* en = EN(self);
  ORef item = steal(next_of(en->en_sit));
  if (!item) return nullptr;
  ORef index;
  {
    // The counter advances under the iterator's section, so a shared enumerate never loses an index object.
    CriticalSection cs(self);
    if (en->en_index == kSsizeMax) {
      if (!en->en_longindex) {
        en->en_longindex = int_from_ssize(kSsizeMax);
        if (!en->en_longindex) return nullptr;
      }
      ORef one = steal(int_from_i64(1));
      ORef next = steal(binary_op(en->en_longindex, one.get(), NB_ADD));
      if (!next) return nullptr;
      index = steal(en->en_longindex);
      en->en_longindex = next.release();
    } else {
      index = steal(int_from_ssize(en->en_index));
      if (!index) return nullptr;
      en->en_index++;
    }
  }
  Object* result = tuple_new(2);
  if (!result) return nullptr;
  tuple_set(result, 0, index.release());
  tuple_set(result, 1, item.release());
  return result;
}

Object* enum_reduce(Object* self, Object*) {
  EnumObject* en = EN(self);
  ORef index;
  {
    CriticalSection cs(self);
    index = en->en_longindex ? borrow(en->en_longindex) : steal(int_from_ssize(en->en_index));
  }
  if (!index) return nullptr;
  ORef args = steal(tuple_pack({en->en_sit, index.get()}));
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

PyMethodDef enum_methods[] = {{"__reduce__", enum_reduce, METH_NOARGS, kReduceDoc}, {nullptr, nullptr, 0, nullptr}};

// ---- zip ----

struct ZipObject {
  PyObject ob_base;
  ssize tuplesize;
  Object* ittuple;  // tuple of iterators
  int strict;       // read and written with relaxed atomics: __setstate__ may race with next()
};
inline ZipObject* ZO(Object* o) { return reinterpret_cast<ZipObject*>(o); }

Object* zip_tp_new(Type* type, Object* args, Object* kwds) {
  int strict = 0;
  if (kwds && dict_size(kwds) > 0) {
    Keywords kw;
    collect_keywords(kwds, &kw);
    if (kw.keys.size() > 1)
      return set_errorf(&exc_TypeError, "zip() takes at most 1 keyword argument ({} given)", kw.keys.size());
    for (size_t i = 0; i < kw.keys.size(); i++) {
      if (!kw_equals(kw.keys[i], "strict")) {
        return set_errorf(&exc_TypeError, "zip() got an unexpected keyword argument '{}'", str_view(kw.keys[i]));
      }
      strict = object_is_true(kw.values[i]);
      if (strict < 0) return nullptr;
    }
  }
  ssize n = args ? tuple_size(args) : 0;
  ORef ittuple = steal(tuple_new(n));
  if (!ittuple) return nullptr;
  for (ssize i = 0; i < n; i++) {
    Object* it = get_iter(tuple_get(args, i));
    if (!it) return nullptr;
    tuple_set(ittuple.get(), i, it);
  }
  Object* o = alloc_instance(type, sizeof(ZipObject));
  if (!o) return nullptr;
  ZO(o)->tuplesize = n;
  ZO(o)->ittuple = ittuple.release();
  ZO(o)->strict = strict;
  return o;
}

void zip_dealloc(Object* self) {
  xdecref(ZO(self)->ittuple);
  free_instance(self);
}
int zip_traverse(Object* self, visitproc visit, void* arg) { return visit_all({ZO(self)->ittuple}, visit, arg); }

Object* zip_next(Object* self) {
  ZipObject* lz = ZO(self);
  ssize tuplesize = lz->tuplesize;
  if (tuplesize == 0) return nullptr;
  ORef result = steal(tuple_new(tuplesize));
  if (!result) return nullptr;
  ssize i = 0;
  for (; i < tuplesize; i++) {
    Object* item = next_of(tuple_get(lz->ittuple, i));
    if (!item) {
      if (__atomic_load_n(&lz->strict, __ATOMIC_RELAXED)) break;
      return nullptr;
    }
    tuple_set(result.get(), i, item);
  }
  if (i == tuplesize) return result.release();
  // strict=True and iterator i stopped: it is an error unless every iterator stops together.
  if (!clear_stop_iteration()) return nullptr;
  if (i) {
    if (i == 1) return set_errorf(&exc_ValueError, "zip() argument {} is shorter than argument {}", i + 1, i);
    return set_errorf(&exc_ValueError, "zip() argument {} is shorter than arguments 1-{}", i + 1, i);
  }
  for (i = 1; i < tuplesize; i++) {
    Object* item = next_of(tuple_get(lz->ittuple, i));
    if (item) {
      decref(item);
      if (i == 1) return set_errorf(&exc_ValueError, "zip() argument {} is longer than argument {}", i + 1, i);
      return set_errorf(&exc_ValueError, "zip() argument {} is longer than arguments 1-{}", i + 1, i);
    }
    if (!clear_stop_iteration()) return nullptr;
  }
  return nullptr;
}

Object* zip_reduce(Object* self, Object*) {
  ZipObject* lz = ZO(self);
  if (__atomic_load_n(&lz->strict, __ATOMIC_RELAXED)) {
    return tuple_pack({reinterpret_cast<Object*>(type_of(self)), lz->ittuple, true_()});
  }
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), lz->ittuple});
}

// The state is strict=, as __reduce__ gives it.
Object* zip_setstate(Object* self, Object* state) {
  int strict = object_is_true(state);
  if (strict < 0) return nullptr;
  __atomic_store_n(&ZO(self)->strict, strict, __ATOMIC_RELAXED);
  return newref(none());
}

PyMethodDef zip_methods[] = {{"__reduce__", zip_reduce, METH_NOARGS, kReduceDoc},
                             {"__setstate__", zip_setstate, METH_O, kSetstateDoc},
                             {nullptr, nullptr, 0, nullptr}};

// ---- map ----

struct MapObject {
  PyObject ob_base;
  Object* iters;  // tuple of iterators
  Object* func;
};
inline MapObject* MO(Object* o) { return reinterpret_cast<MapObject*>(o); }

Object* map_tp_new(Type* type, Object* args, Object* kwds) {
  if (type == &map_type && kwds && dict_size(kwds) > 0) {
    return set_error(&exc_TypeError, "map() takes no keyword arguments");
  }
  ssize numargs = args ? tuple_size(args) : 0;
  if (numargs < 2) return set_error(&exc_TypeError, "map() must have at least two arguments.");
  ORef iters = steal(tuple_new(numargs - 1));
  if (!iters) return nullptr;
  for (ssize i = 1; i < numargs; i++) {
    Object* it = get_iter(tuple_get(args, i));
    if (!it) return nullptr;
    tuple_set(iters.get(), i - 1, it);
  }
  Object* o = alloc_instance(type, sizeof(MapObject));
  if (!o) return nullptr;
  MO(o)->iters = iters.release();
  MO(o)->func = newref(tuple_get(args, 0));
  return o;
}

void map_dealloc(Object* self) {
  xdecref(MO(self)->iters);
  xdecref(MO(self)->func);
  free_instance(self);
}
int map_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({MO(self)->iters, MO(self)->func}, visit, arg);
}

Object* map_next(Object* self) {
  MapObject* lz = MO(self);
  ssize niters = tuple_size(lz->iters);
  Object* small_stack[8];
  std::vector<Object*> big;
  Object** stack = small_stack;
  if (niters > 8) {
    big.resize(size_t(niters));
    stack = big.data();
  }
  ssize nargs = 0;
  Object* result = nullptr;
  for (ssize i = 0; i < niters; i++) {
    Object* val = next_of(tuple_get(lz->iters, i));
    if (!val) goto exit;
    stack[i] = val;
    nargs++;
  }
  result = call(lz->func, stack, size_t(nargs), nullptr);
exit:
  for (ssize i = 0; i < nargs; i++) decref(stack[i]);
  return result;
}

Object* map_reduce(Object* self, Object*) {
  MapObject* lz = MO(self);
  ssize n = tuple_size(lz->iters);
  ORef args = steal(tuple_new(n + 1));
  if (!args) return nullptr;
  tuple_set(args.get(), 0, newref(lz->func));
  for (ssize i = 0; i < n; i++) tuple_set(args.get(), i + 1, newref(tuple_get(lz->iters, i)));
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

PyMethodDef map_methods[] = {{"__reduce__", map_reduce, METH_NOARGS, kReduceDoc}, {nullptr, nullptr, 0, nullptr}};

// ---- filter ----

struct FilterObject {
  PyObject ob_base;
  Object* func;
  Object* it;
};
inline FilterObject* FO(Object* o) { return reinterpret_cast<FilterObject*>(o); }

Object* filter_tp_new(Type* type, Object* args, Object* kwds) {
  if (type == &filter_type && kwds && dict_size(kwds) > 0) {
    return set_error(&exc_TypeError, "filter() takes no keyword arguments");
  }
  ssize nargs = args ? tuple_size(args) : 0;
  if (nargs != 2) return set_errorf(&exc_TypeError, "filter expected 2 arguments, got {}", nargs);
  ORef it = steal(get_iter(tuple_get(args, 1)));
  if (!it) return nullptr;
  Object* o = alloc_instance(type, sizeof(FilterObject));
  if (!o) return nullptr;
  FO(o)->func = newref(tuple_get(args, 0));
  FO(o)->it = it.release();
  return o;
}

void filter_dealloc(Object* self) {
  xdecref(FO(self)->func);
  xdecref(FO(self)->it);
  free_instance(self);
}
int filter_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({FO(self)->func, FO(self)->it}, visit, arg);
}

Object* filter_next(Object* self) {
  FilterObject* lz = FO(self);
  Object* it = lz->it;
  bool checktrue = lz->func == none() || lz->func == reinterpret_cast<Object*>(&bool_type);
  for (;;) {
    ORef item = steal(next_of(it));
    if (!item) return nullptr;
    int ok;
    if (checktrue) {
      ok = object_is_true(item.get());
    } else {
      ORef good = steal(call1(lz->func, item.get()));
      if (!good) return nullptr;
      ok = object_is_true(good.get());
    }
    if (ok > 0) return item.release();
    if (ok < 0) return nullptr;
  }
}

// (type, (func, it)).
Object* filter_reduce(Object* self, Object*) {
  ORef args = steal(tuple_pack({FO(self)->func, FO(self)->it}));
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

PyMethodDef filter_methods[] = {{"__reduce__", filter_reduce, METH_NOARGS, kReduceDoc}, {nullptr, nullptr, 0, nullptr}};

// ---- reversed ----

struct ReversedObject {
  PyObject ob_base;
  ssize index;  // next index; -1 once counted down; kIterDropped once next() found nothing more
  Object* seq;
};
inline ReversedObject* RO(Object* o) { return reinterpret_cast<ReversedObject*>(o); }

Object* reversed_new_impl(Type* type, Object* seq) {
  Object* meth = nullptr;
  int found = seq_lookup_special(seq, strs::reversed, &meth);
  if (found < 0) return nullptr;
  if (found) {
    ORef m = steal(meth);
    if (m.get() == none()) return set_errorf(&exc_TypeError, "'{}' object is not reversible", type_name(seq));
    return call0(m.get());
  }
  if (!sequence_check(seq)) return set_errorf(&exc_TypeError, "'{}' object is not reversible", type_name(seq));
  ssize n = sequence_size(seq);
  if (n == -1) return nullptr;
  Object* o = alloc_instance(type, sizeof(ReversedObject));
  if (!o) return nullptr;
  RO(o)->index = n - 1;
  RO(o)->seq = newref(seq);
  return o;
}

Object* reversed_tp_new(Type* type, Object* args, Object* kwds) {
  if (type == &reversed_type && kwds && dict_size(kwds) > 0) {
    return set_error(&exc_TypeError, "reversed() takes no keyword arguments");
  }
  ssize nargs = args ? tuple_size(args) : 0;
  if (nargs != 1) return set_errorf(&exc_TypeError, "reversed expected 1 argument, got {}", nargs);
  return reversed_new_impl(type, tuple_get(args, 0));
}

void reversed_dealloc(Object* self) {
  xdecref(RO(self)->seq);
  free_instance(self);
}
int reversed_traverse(Object* self, visitproc visit, void* arg) { return visit_all({RO(self)->seq}, visit, arg); }

Object* reversed_next(Object* self) {
  ReversedObject* ro = RO(self);
  ssize index = load_index(&ro->index);
  if (index >= 0) {
    Object* item = sequence_get_index(ro->seq, index);
    if (item) {
      store_index(&ro->index, index - 1);
      return item;
    }
    // Any other error also ends the iteration (with the error raised), as in CPython.
    if (error_matches(&exc_IndexError) || error_matches(&exc_StopIteration)) error_clear();
  }
  store_index(&ro->index, kIterDropped);
  return nullptr;
}

Object* reversed_len(Object* self, Object*) {
  ReversedObject* ro = RO(self);
  ssize index = load_index(&ro->index);
  if (index == kIterDropped) return int_from_i64(0);
  ssize seqsize = sequence_size(ro->seq);
  if (seqsize == -1) return nullptr;
  ssize position = index + 1;
  return int_from_ssize(seqsize < position ? 0 : position);
}

// (type, (seq,), index); (type, ((),)) once dropped.
Object* reversed_reduce(Object* self, Object*) {
  ReversedObject* ro = RO(self);
  Object* type = reinterpret_cast<Object*>(type_of(self));
  ssize index = load_index(&ro->index);
  if (index == kIterDropped) return iter_reduce_value(type, tuple_empty(), nullptr);
  ORef state = steal(int_from_ssize(index));
  if (!state) return nullptr;
  return iter_reduce_value(type, ro->seq, state.get());
}

// Clamps to [-1, len(seq) - 1]; ignored once dropped.
Object* reversed_setstate(Object* self, Object* state) {
  ssize index;
  if (!iter_state_ssize(state, &index)) return nullptr;
  ReversedObject* ro = RO(self);
  if (load_index(&ro->index) == kIterDropped) return newref(none());
  ssize n = sequence_size(ro->seq);
  if (n < 0) return nullptr;
  if (index < -1)
    index = -1;
  else if (index > n - 1)
    index = n - 1;
  store_index(&ro->index, index);
  return newref(none());
}

PyMethodDef reversed_methods[] = {{"__length_hint__", reversed_len, METH_NOARGS, kLengthHintDoc},
                                  {"__reduce__", reversed_reduce, METH_NOARGS, kReduceDoc},
                                  {"__setstate__", reversed_setstate, METH_O, kSetstateDoc},
                                  {nullptr, nullptr, 0, nullptr}};

// Audited (vm/gc.cc): every iterator's traverse visits exactly the fields its dealloc releases, which it keeps
// until then (exhaustion marks the index, it does not drop the sequence).
constexpr unsigned long kBuiltinIterFlags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE;

}  // namespace

// ---- type objects ----

#define PYVM_ITER_TYPE(var, name, Struct, dealloc, traverse, next, methods, flags) \
  Type var = {                                                                     \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),                          \
      .tp_name = name,                                                             \
      .tp_basicsize = sizeof(Struct),                                              \
      .tp_dealloc = dealloc,                                                       \
      .tp_getattro = generic_getattr,                                              \
      .tp_flags = flags,                                                           \
      .tp_traverse = traverse,                                                     \
      .tp_iter = self_iter,                                                        \
      .tp_iternext = next,                                                         \
      .tp_methods = methods,                                                       \
      .tp_free = object_free,                                                      \
  };

PYVM_ITER_TYPE(list_iterator_type, "list_iterator", ListIterObject, listiter_dealloc, listiter_traverse, listiter_next,
               listiter_methods, Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited)
PYVM_ITER_TYPE(list_reverseiterator_type, "list_reverseiterator", ListIterObject, listiter_dealloc, listiter_traverse,
               listreviter_next, listreviter_methods, Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited)
PYVM_ITER_TYPE(tuple_iterator_type, "tuple_iterator", TupleIterObject, tupleiter_dealloc, tupleiter_traverse,
               tupleiter_next, tupleiter_methods, Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited)
PYVM_ITER_TYPE(seq_iterator_type, "iterator", SeqIterObject, seqiter_dealloc, seqiter_traverse, seqiter_next,
               seqiter_methods, Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited)
PYVM_ITER_TYPE(callable_iterator_type, "callable_iterator", CallIterObject, calliter_dealloc, calliter_traverse,
               calliter_next, calliter_methods, Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited)
#undef PYVM_ITER_TYPE

#define PYVM_BUILTIN_ITER_TYPE(var, name, Struct, prefix, doc) \
  Type var = {                                                 \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),      \
      .tp_name = name,                                         \
      .tp_basicsize = sizeof(Struct),                          \
      .tp_dealloc = prefix##_dealloc,                          \
      .tp_getattro = generic_getattr,                          \
      .tp_flags = kBuiltinIterFlags,                           \
      .tp_doc = doc,                                           \
      .tp_traverse = prefix##_traverse,                        \
      .tp_iter = self_iter,                                    \
      .tp_iternext = prefix##_next,                            \
      .tp_methods = prefix##_methods,                          \
      .tp_new = prefix##_tp_new,                               \
      .tp_free = object_free,                                  \
  };

PYVM_BUILTIN_ITER_TYPE(enumerate_type, "enumerate", EnumObject, enum,
                       "Return an enumerate object.\n\n  iterable\n    an object supporting iteration\n\n"
                       "The enumerate object yields pairs containing a count (from start, which\n"
                       "defaults to zero) and a value yielded by the iterable argument.")
PYVM_BUILTIN_ITER_TYPE(zip_type, "zip", ZipObject, zip,
                       "zip(*iterables, strict=False)\n--\n\nThe zip object yields n-length tuples, where n is the "
                       "number of iterables\npassed as positional arguments to zip().")
PYVM_BUILTIN_ITER_TYPE(map_type, "map", MapObject, map,
                       "map(function, iterable, /, *iterables)\n--\n\nMake an iterator that computes the function "
                       "using arguments from\neach of the iterables.  Stops when the shortest iterable is exhausted.")
PYVM_BUILTIN_ITER_TYPE(filter_type, "filter", FilterObject, filter,
                       "filter(function, iterable, /)\n--\n\nReturn an iterator yielding those items of iterable "
                       "for which function(item)\nis true. If function is None, return the items that are true.")
PYVM_BUILTIN_ITER_TYPE(reversed_type, "reversed", ReversedObject, reversed,
                       "reversed(sequence, /)\n--\n\nReturn a reverse iterator over the values of the given "
                       "sequence.")
#undef PYVM_BUILTIN_ITER_TYPE

int iterator_types_ready() {
  Type* types[] = {&enumerate_type,
                   &zip_type,
                   &map_type,
                   &filter_type,
                   &reversed_type,
                   &list_iterator_type,
                   &list_reverseiterator_type,
                   &tuple_iterator_type,
                   &range_iterator_type,
                   &longrange_iterator_type,
                   &seq_iterator_type,
                   &callable_iterator_type};
  for (Type* t : types) {
    if (type_ready(t) < 0) return -1;
  }
  return 0;
}

Object* list_iter_new(Object* list) {
  Object* o = new_object(&list_iterator_type, sizeof(ListIterObject));
  if (!o) return nullptr;
  LI(o)->it_index = 0;
  LI(o)->it_seq = newref(list);
  return o;
}

Object* list_reviter_new(Object* list) {
  Object* o = new_object(&list_reverseiterator_type, sizeof(ListIterObject));
  if (!o) return nullptr;
  LI(o)->it_index = list_size(list) - 1;
  LI(o)->it_seq = newref(list);
  return o;
}

Object* tuple_iter_new(Object* tuple) {
  Object* o = new_object(&tuple_iterator_type, sizeof(TupleIterObject));
  if (!o) return nullptr;
  TI(o)->it_index = 0;
  TI(o)->it_seq = newref(tuple);
  return o;
}

Object* seq_iter_new(Object* seq) {
  Object* o = new_object(&seq_iterator_type, sizeof(SeqIterObject));
  if (!o) return nullptr;
  SI(o)->it_index = 0;
  SI(o)->it_seq = newref(seq);
  return o;
}

Object* callable_iter_new(Object* callable, Object* sentinel) {
  Object* o = new_object(&callable_iterator_type, sizeof(CallIterObject));
  if (!o) return nullptr;
  CI(o)->it_callable = newref(callable);
  CI(o)->it_sentinel = newref(sentinel);
  CI(o)->exhausted = 0;
  return o;
}

// ---- shared helpers ----

bool iter_state_ssize(Object* state, ssize* out) {
  if (!has_flag(type_of(state), Py_TPFLAGS_LONG_SUBCLASS)) {
    set_error(&exc_TypeError, "an integer is required");
    return false;
  }
  ssize v = int_as_ssize(state);
  if (v == -1 && error_occurred()) return false;
  *out = v;
  return true;
}

Object* iter_reduce_value(Object* callable, Object* arg, Object* state) {
  ORef args = steal(tuple_pack({arg}));
  if (!args) return nullptr;
  if (state) return tuple_pack({callable, args.get(), state});
  return tuple_pack({callable, args.get()});
}

ssize seq_length_hint(Object* o, ssize dflt) {
  Type* t = type_of(o);
  if ((t->tp_as_sequence && t->tp_as_sequence->sq_length) || (t->tp_as_mapping && t->tp_as_mapping->mp_length)) {
    ssize res = object_length(o);
    if (res >= 0) return res;
    if (!error_matches(&exc_TypeError)) return -1;
    error_clear();
  }
  Object* hint = nullptr;
  int found = seq_lookup_special(o, strs::length_hint, &hint);
  if (found < 0) return -1;
  if (found == 0) return dflt;
  ORef h = steal(hint);
  ORef result = steal(call0(h.get()));
  if (!result) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      return dflt;
    }
    return -1;
  }
  if (result.get() == not_implemented()) return dflt;
  if (!has_flag(type_of(result.get()), Py_TPFLAGS_LONG_SUBCLASS)) {
    set_errorf(&exc_TypeError, "__length_hint__ must be an integer, not {}", type_name(result.get()));
    return -1;
  }
  ssize res = int_as_ssize(result.get());
  if (res < 0 && error_occurred()) return -1;
  if (res < 0) {
    set_error(&exc_ValueError, "__length_hint__() should return >= 0");
    return -1;
  }
  return res;
}

int seq_lookup_special(Object* o, Object* name, Object** out) {
  *out = nullptr;
  Object* descr = type_lookup(type_of(o), name);
  if (!descr) return 0;
  ORef d = borrow(descr);
  if (descrgetfunc f = type_of(descr)->tp_descr_get) {
    Object* bound = f(descr, o, reinterpret_cast<Object*>(type_of(o)));
    if (!bound) return -1;
    *out = bound;
    return 1;
  }
  *out = d.release();
  return 1;
}

void dealloc_with_trashcan(Object* o, void (*body)(Object*)) {
  if (t_dealloc_depth >= kTrashcanDepth) {
    t_deferred.push_back({o, body});
    return;
  }
  ++t_dealloc_depth;
  body(o);
  --t_dealloc_depth;
  if (t_dealloc_depth == 0) {
    while (!t_deferred.empty()) {
      Deferred d = t_deferred.back();
      t_deferred.pop_back();
      ++t_dealloc_depth;
      d.body(d.o);
      --t_dealloc_depth;
    }
  }
}

Object* seq_repr_join(const char* open, Object* parts, const char* close) {
  ORef sep = steal(str_from_utf8(", "));
  if (!sep) return nullptr;
  ORef body = steal(str_join(sep.get(), parts));
  if (!body) return nullptr;
  ORef o = steal(str_from_utf8(open));
  if (!o) return nullptr;
  ORef head = steal(str_concat(o.get(), body.get()));
  if (!head) return nullptr;
  ORef c = steal(str_from_utf8(close));
  if (!c) return nullptr;
  return str_concat(head.get(), c.get());
}

}  // namespace pyvm
