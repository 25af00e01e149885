// The itertools module: its creator, shared helpers, and the simple iterators (count, cycle, repeat, accumulate,
// batched, chain, compress, dropwhile, takewhile, filterfalse, starmap, islice, pairwise, zip_longest).
#include <limits>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/itertools_internal.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace itertools {

using sync::CriticalSection;

constexpr ssize kSsizeMax = std::numeric_limits<ssize>::max();

// ---- shared helpers ----

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

Object* next_of(Object* it) {
  iternextfunc f = type_of(it)->tp_iternext;
  return f ? f(it) : iter_next(it);
}

bool parse_new(const char* fname, Object* args, Object* kwds, std::initializer_list<const char*> names, int required,
               Object** out, int max_positional) {
  ssize nargs = args ? tuple_size(args) : 0;
  std::vector<Object*> stack;
  for (ssize i = 0; i < nargs; i++) stack.push_back(tuple_get(args, i));
  ORef kwnames;
  if (kwds && dict_size(kwds) > 0) {
    kwnames = steal(tuple_new(dict_size(kwds)));
    if (!kwnames) return false;
    ssize pos = 0, i = 0;
    Object *k, *v;
    while (dict_next(kwds, &pos, &k, &v)) {
      tuple_set(kwnames.get(), i++, k);  // steals the key reference dict_next returned
      stack.push_back(v);                // the dict keeps the value alive for the duration of the call
      decref(v);
    }
  }
  return parse_args(fname, stack.data(), nargs, kwnames.get(), names, required, out, max_positional);
}

bool new_no_keywords(const char* fname, Object* kwds) {
  if (kwds && dict_size(kwds) > 0) {
    set_errorf(&exc_TypeError, "{}() takes no keyword arguments", fname);
    return false;
  }
  return true;
}

ssize ssize_arg(Object* o) {
  ORef i = steal(number_index(o));
  if (!i) return -1;
  return int_as_ssize(i.get());
}

namespace {

ssize nargs_of(Object* args) { return args ? tuple_size(args) : 0; }

// The positional-only constructors: no keywords, then between min and max positional arguments.
bool positional_new(const char* fname, Object* args, Object* kwds, ssize min, ssize max) {
  if (!new_no_keywords(fname, kwds)) return false;
  return check_positional(fname, nargs_of(args), nullptr, min, max);
}

// True when an error other than StopIteration is pending; a pending StopIteration is cleared.
bool real_error() {
  if (!error_occurred()) return false;
  if (!error_matches(&exc_StopIteration)) return true;
  error_clear();
  return false;
}

// PyNumber_Check: the object supports int(), float() or __index__, or is a complex.
bool number_check(Object* o) {
  Type* t = type_of(o);
  if (t->tp_as_number && (t->tp_as_number->nb_index || t->tp_as_number->nb_int || t->tp_as_number->nb_float))
    return true;
  return type_check(o, &complex_type);
}

Object* format_repr(const std::string& s) { return str_from_utf8(s); }

// The type's name without its module (CPython's _PyType_Name), for reprs.
std::string short_type_name(Object* o) {
  std::string_view n = type_of(o)->tp_name;
  if (size_t dot = n.rfind('.'); dot != std::string_view::npos) n = n.substr(dot + 1);
  return std::string(n);
}

constexpr const char* kLengthHintDoc = "Private method returning an estimate of len(list(it)).";

// ---- count(start=0, step=1) ----

struct CountObject {
  PyObject ob_base;
  ssize cnt;         // the next value while `fast`
  Object* long_cnt;  // the next value otherwise
  Object* long_step;
  bool fast;  // step is exactly int 1 and the count fits a ssize
};
inline CountObject* CO(Object* o) { return reinterpret_cast<CountObject*>(o); }

bool is_int_one(Object* o) {
  if (!has_flag(type_of(o), Py_TPFLAGS_LONG_SUBCLASS)) return false;
  int ovf = 0;
  return int_as_i64(o, &ovf) == 1 && !ovf;
}

Object* count_new(Type* type, Object* args, Object* kwds) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_new("count", args, kwds, {"start", "step"}, 0, a)) return nullptr;
  Object* start = a[0];
  Object* step = a[1];
  if ((start && !number_check(start)) || (step && !number_check(step)))
    return set_error(&exc_TypeError, "a number is required");
  ORef long_step = step ? borrow(step) : steal(int_from_i64(1));
  if (!long_step) return nullptr;
  bool fast = false;
  ssize cnt = 0;
  ORef long_cnt;
  bool start_fits = true;
  if (start && has_flag(type_of(start), Py_TPFLAGS_LONG_SUBCLASS)) {
    int ovf = 0;
    cnt = int_as_i64(start, &ovf);
    if (ovf || cnt == kSsizeMax) start_fits = false;
  } else if (start) {
    start_fits = false;
  }
  if (start_fits && type_of(long_step.get()) == &int_type && is_int_one(long_step.get())) {
    fast = true;
  } else {
    long_cnt = start ? borrow(start) : steal(int_from_i64(0));
    if (!long_cnt) return nullptr;
  }
  Object* o = alloc_instance(type, sizeof(CountObject));
  if (!o) return nullptr;
  CO(o)->cnt = cnt;
  CO(o)->fast = fast;
  CO(o)->long_cnt = long_cnt.release();
  CO(o)->long_step = long_step.release();
  return o;
}

void count_dealloc(Object* self) {
  xdecref(CO(self)->long_cnt);
  xdecref(CO(self)->long_step);
  free_instance(self);
}
int count_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({CO(self)->long_cnt, CO(self)->long_step}, visit, arg);
}

Object* count_next_impl(Object* self) {
  CountObject* c = CO(self);
  if (c->fast) {
    if (c->cnt < kSsizeMax) return int_from_ssize(c->cnt++);
    // Past sys.maxsize the count continues with int objects.
    c->long_cnt = int_from_ssize(kSsizeMax);
    if (!c->long_cnt) return nullptr;
    c->fast = false;
  }
  Object* next = binary_op(c->long_cnt, c->long_step, NB_ADD);
  if (!next) return nullptr;
  Object* result = c->long_cnt;
  c->long_cnt = next;
  return result;
}

Object* count_repr(Object* self) {
  CountObject* c = CO(self);
  ORef cnt, step;
  bool fast;
  {
    CriticalSection cs(self);
    fast = c->fast;
    if (fast) {
      cnt = steal(int_from_ssize(c->cnt));
      if (!cnt) return nullptr;
    } else {
      cnt = borrow(c->long_cnt);
    }
    step = borrow(c->long_step);
  }
  std::string out = short_type_name(self);
  std::string r;
  if (!repr_utf8(cnt.get(), &r)) return nullptr;
  out += "(" + r;
  if (!fast && !is_int_one(step.get())) {
    if (!repr_utf8(step.get(), &r)) return nullptr;
    out += ", " + r;
  }
  out += ")";
  return format_repr(out);
}

// ---- cycle(iterable) ----

struct CycleObject {
  PyObject ob_base;
  Object* it;     // null once the source is exhausted
  Object* saved;  // list of the items seen
  ssize index;
};
inline CycleObject* CY(Object* o) { return reinterpret_cast<CycleObject*>(o); }

Object* cycle_new(Type* type, Object* args, Object* kwds) {
  if (!positional_new("cycle", args, kwds, 1, 1)) return nullptr;
  ORef it = steal(get_iter(tuple_get(args, 0)));
  if (!it) return nullptr;
  ORef saved = steal(list_new(0));
  if (!saved) return nullptr;
  Object* o = alloc_instance(type, sizeof(CycleObject));
  if (!o) return nullptr;
  CY(o)->it = it.release();
  CY(o)->saved = saved.release();
  return o;
}

void cycle_dealloc(Object* self) {
  xdecref(CY(self)->it);
  xdecref(CY(self)->saved);
  free_instance(self);
}
int cycle_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({CY(self)->it, CY(self)->saved}, visit, arg);
}

Object* cycle_next_impl(Object* self) {
  CycleObject* c = CY(self);
  if (c->it) {
    ORef it = borrow(c->it);
    Object* item = next_of(it.get());
    if (item) {
      if (list_append(c->saved, item) < 0) {
        decref(item);
        return nullptr;
      }
      return item;
    }
    if (real_error()) return nullptr;
    Object* old = c->it;
    c->it = nullptr;
    xdecref(old);
  }
  ssize n = list_size(c->saved);
  if (n == 0) return nullptr;
  if (c->index >= n) c->index = 0;
  Object* item = newref(list_items(c->saved)[c->index]);
  if (++c->index >= n) c->index = 0;
  return item;
}

// ---- repeat(object[, times]) ----

struct RepeatObject {
  PyObject ob_base;
  Object* element;
  ssize cnt;  // items left; -1 for ever (atomic: next() needs no lock)
};
inline RepeatObject* RP(Object* o) { return reinterpret_cast<RepeatObject*>(o); }

Object* repeat_new(Type* type, Object* args, Object* kwds) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_new("repeat", args, kwds, {"object", "times"}, 1, a)) return nullptr;
  ssize cnt = -1;
  if (a[1]) {
    cnt = ssize_arg(a[1]);
    if (cnt == -1 && error_occurred()) return nullptr;
    if (cnt < 0) cnt = 0;  // a negative count means zero repetitions, unlike the default
  }
  Object* o = alloc_instance(type, sizeof(RepeatObject));
  if (!o) return nullptr;
  RP(o)->element = newref(a[0]);
  RP(o)->cnt = cnt;
  return o;
}

void repeat_dealloc(Object* self) {
  xdecref(RP(self)->element);
  free_instance(self);
}
int repeat_traverse(Object* self, visitproc visit, void* arg) { return visit_all({RP(self)->element}, visit, arg); }

Object* repeat_next(Object* self) {
  RepeatObject* r = RP(self);
  ssize cnt = __atomic_load_n(&r->cnt, __ATOMIC_RELAXED);
  for (;;) {
    if (cnt == 0) return nullptr;
    if (cnt < 0) break;
    if (__atomic_compare_exchange_n(&r->cnt, &cnt, cnt - 1, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) break;
  }
  return newref(r->element);
}

Object* repeat_repr(Object* self) {
  RepeatObject* r = RP(self);
  std::string e;
  if (!repr_utf8(r->element, &e)) return nullptr;
  ssize cnt = __atomic_load_n(&r->cnt, __ATOMIC_RELAXED);
  std::string name = short_type_name(self);
  if (cnt < 0) return format_repr(name + "(" + e + ")");
  return format_repr(name + "(" + e + ", " + std::to_string(cnt) + ")");
}

Object* repeat_len(Object* self, Object*) {
  ssize cnt = __atomic_load_n(&RP(self)->cnt, __ATOMIC_RELAXED);
  if (cnt < 0) return set_error(&exc_TypeError, "len() of unsized object");
  return int_from_ssize(cnt);
}

Object* repeat_reduce(Object* self, Object*) {
  if (runtime_warn(&exc_DeprecationWarning,
                   "Pickle, copy, and deepcopy support will be removed from itertools in Python 3.14.", 1) < 0)
    return nullptr;
  RepeatObject* r = RP(self);
  ssize cnt = __atomic_load_n(&r->cnt, __ATOMIC_RELAXED);
  ORef args;
  if (cnt < 0) {
    args = steal(tuple_pack({r->element}));
  } else {
    ORef n = steal(int_from_ssize(cnt));
    if (!n) return nullptr;
    args = steal(tuple_pack({r->element, n.get()}));
  }
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

PyMethodDef repeat_methods[] = {
    {"__length_hint__", repeat_len, METH_NOARGS, kLengthHintDoc},
    {"__reduce__", repeat_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- accumulate(iterable, func=None, *, initial=None) ----

struct AccumulateObject {
  PyObject ob_base;
  Object* it;
  Object* binop;    // null for addition
  Object* total;    // null before the first item
  Object* initial;  // yielded first, then cleared
};
inline AccumulateObject* AC(Object* o) { return reinterpret_cast<AccumulateObject*>(o); }

Object* accumulate_new(Type* type, Object* args, Object* kwds) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_new("accumulate", args, kwds, {"iterable", "func", "initial"}, 1, a, 2)) return nullptr;
  ORef it = steal(get_iter(a[0]));
  if (!it) return nullptr;
  Object* o = alloc_instance(type, sizeof(AccumulateObject));
  if (!o) return nullptr;
  AC(o)->it = it.release();
  AC(o)->binop = a[1] && a[1] != none() ? newref(a[1]) : nullptr;
  AC(o)->initial = a[2] && a[2] != none() ? newref(a[2]) : nullptr;
  return o;
}

void accumulate_dealloc(Object* self) {
  AccumulateObject* a = AC(self);
  xdecref(a->it);
  xdecref(a->binop);
  xdecref(a->total);
  xdecref(a->initial);
  free_instance(self);
}
int accumulate_traverse(Object* self, visitproc visit, void* arg) {
  AccumulateObject* a = AC(self);
  return visit_all({a->it, a->binop, a->total, a->initial}, visit, arg);
}

Object* accumulate_next_impl(Object* self) {
  AccumulateObject* a = AC(self);
  if (a->initial) {
    Object* initial = a->initial;
    a->initial = nullptr;
    xdecref(a->total);
    a->total = newref(initial);
    return initial;  // the reference a->initial held
  }
  ORef it = borrow(a->it);
  ORef val = steal(next_of(it.get()));
  if (!val) return nullptr;
  if (!a->total) {
    a->total = newref(val.get());
    return val.release();
  }
  ORef total = borrow(a->total);
  Object* next = a->binop ? call2(a->binop, total.get(), val.get()) : binary_op(total.get(), val.get(), NB_ADD);
  if (!next) return nullptr;
  Object* old = a->total;
  a->total = newref(next);
  xdecref(old);
  return next;
}

// ---- batched(iterable, n, *, strict=False) ----

struct BatchedObject {
  PyObject ob_base;
  Object* it;  // null once exhausted
  ssize batch_size;
  bool strict;
};
inline BatchedObject* BA(Object* o) { return reinterpret_cast<BatchedObject*>(o); }

Object* batched_new(Type* type, Object* args, Object* kwds) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_new("batched", args, kwds, {"iterable", "n", "strict"}, 2, a, 2)) return nullptr;
  ssize n = ssize_arg(a[1]);
  if (n == -1 && error_occurred()) return nullptr;
  bool strict = false;
  if (a[2]) {
    int t = object_is_true(a[2]);
    if (t < 0) return nullptr;
    strict = t;
  }
  if (n < 1) return set_error(&exc_ValueError, "n must be at least one");
  ORef it = steal(get_iter(a[0]));
  if (!it) return nullptr;
  Object* o = alloc_instance(type, sizeof(BatchedObject));
  if (!o) return nullptr;
  BA(o)->it = it.release();
  BA(o)->batch_size = n;
  BA(o)->strict = strict;
  return o;
}

void batched_dealloc(Object* self) {
  xdecref(BA(self)->it);
  free_instance(self);
}
int batched_traverse(Object* self, visitproc visit, void* arg) { return visit_all({BA(self)->it}, visit, arg); }

Object* batched_next_impl(Object* self) {
  BatchedObject* b = BA(self);
  if (!b->it) return nullptr;
  ORef it = borrow(b->it);
  ssize n = b->batch_size;
  std::vector<Object*> items;
  Object* item = nullptr;
  while (ssize(items.size()) < n && (item = next_of(it.get()))) items.push_back(item);
  auto release_items = [&] {
    for (Object* x : items) decref(x);
  };
  if (ssize(items.size()) == n) {
    Object* t = tuple_from_array(items.data(), n);
    release_items();
    return t;
  }
  if (real_error()) {
    release_items();
    return nullptr;
  }
  Object* old = b->it;
  b->it = nullptr;
  xdecref(old);
  if (items.empty()) return nullptr;
  if (b->strict) {
    release_items();
    return set_error(&exc_ValueError, "batched(): incomplete batch");
  }
  Object* t = tuple_from_array(items.data(), ssize(items.size()));
  release_items();
  return t;
}

// ---- chain(*iterables), chain.from_iterable(iterable) ----

struct ChainObject {
  PyObject ob_base;
  Object* source;  // iterator over the iterables; null once exhausted
  Object* active;  // iterator over the current iterable, or null
};
inline ChainObject* CH(Object* o) { return reinterpret_cast<ChainObject*>(o); }

Object* chain_from_source(Type* type, Object* source) {
  Object* o = alloc_instance(type, sizeof(ChainObject));
  if (!o) return nullptr;
  CH(o)->source = newref(source);
  return o;
}

Object* chain_new(Type* type, Object* args, Object* kwds) {
  if (!new_no_keywords("chain", kwds)) return nullptr;
  ORef source = steal(get_iter(args ? args : tuple_empty()));
  if (!source) return nullptr;
  return chain_from_source(type, source.get());
}

// A fastcall classmethod rather than METH_O, so that a wrong argument count names it as CPython does.
Object* chain_from_iterable(Object* cls, Object* const* args, ssize nargs) {
  if (nargs != 1) {
    return set_errorf(&exc_TypeError, "chain.from_iterable() takes exactly one argument ({} given)", nargs);
  }
  ORef source = steal(get_iter(args[0]));
  if (!source) return nullptr;
  return chain_from_source(reinterpret_cast<Type*>(cls), source.get());
}

void chain_dealloc(Object* self) {
  xdecref(CH(self)->source);
  xdecref(CH(self)->active);
  free_instance(self);
}
int chain_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({CH(self)->source, CH(self)->active}, visit, arg);
}

void clear_field(Object** field) {
  Object* old = *field;
  *field = nullptr;
  xdecref(old);
}

Object* chain_next_impl(Object* self) {
  ChainObject* c = CH(self);
  while (c->source) {
    if (!c->active) {
      ORef source = borrow(c->source);
      ORef iterable = steal(next_of(source.get()));
      if (!iterable) {
        if (!error_occurred()) clear_field(&c->source);
        return nullptr;
      }
      Object* active = get_iter(iterable.get());
      if (!active) return nullptr;
      xdecref(c->active);
      c->active = active;
    }
    ORef active = borrow(c->active);
    Object* item = next_of(active.get());
    if (item) return item;
    if (real_error()) return nullptr;
    if (c->active == active.get()) clear_field(&c->active);
  }
  return nullptr;
}

PyMethodDef chain_methods[] = {
    {"from_iterable", as_cfunc(chain_from_iterable), METH_FASTCALL | METH_CLASS,
     "Alternative chain() constructor taking a single iterable argument that evaluates lazily."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- compress(data, selectors) ----

struct CompressObject {
  PyObject ob_base;
  Object* data;
  Object* selectors;
};
inline CompressObject* CP(Object* o) { return reinterpret_cast<CompressObject*>(o); }

Object* compress_new(Type* type, Object* args, Object* kwds) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_new("compress", args, kwds, {"data", "selectors"}, 2, a)) return nullptr;
  ORef data = steal(get_iter(a[0]));
  if (!data) return nullptr;
  ORef selectors = steal(get_iter(a[1]));
  if (!selectors) return nullptr;
  Object* o = alloc_instance(type, sizeof(CompressObject));
  if (!o) return nullptr;
  CP(o)->data = data.release();
  CP(o)->selectors = selectors.release();
  return o;
}

void compress_dealloc(Object* self) {
  xdecref(CP(self)->data);
  xdecref(CP(self)->selectors);
  free_instance(self);
}
int compress_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({CP(self)->data, CP(self)->selectors}, visit, arg);
}

// The fields never change after construction, so next() needs no lock of its own.
Object* compress_next(Object* self) {
  CompressObject* c = CP(self);
  for (;;) {
    ORef datum = steal(next_of(c->data));
    if (!datum) return nullptr;
    ORef selector = steal(next_of(c->selectors));
    if (!selector) return nullptr;
    int ok = object_is_true(selector.get());
    if (ok < 0) return nullptr;
    if (ok) return datum.release();
  }
}

// ---- dropwhile / takewhile / filterfalse / starmap (predicate or function, iterable) ----

struct PredObject {
  PyObject ob_base;
  Object* func;
  Object* it;
  int flag;  // dropwhile: the predicate failed once; takewhile: the predicate failed (stop)
};
inline PredObject* PR(Object* o) { return reinterpret_cast<PredObject*>(o); }

Object* pred_new(const char* fname, Type* type, Object* args, Object* kwds) {
  if (!positional_new(fname, args, kwds, 2, 2)) return nullptr;
  ORef it = steal(get_iter(tuple_get(args, 1)));
  if (!it) return nullptr;
  Object* o = alloc_instance(type, sizeof(PredObject));
  if (!o) return nullptr;
  PR(o)->func = newref(tuple_get(args, 0));
  PR(o)->it = it.release();
  return o;
}
Object* dropwhile_new(Type* type, Object* args, Object* kwds) { return pred_new("dropwhile", type, args, kwds); }
Object* takewhile_new(Type* type, Object* args, Object* kwds) { return pred_new("takewhile", type, args, kwds); }
Object* filterfalse_new(Type* type, Object* args, Object* kwds) { return pred_new("filterfalse", type, args, kwds); }
Object* starmap_new(Type* type, Object* args, Object* kwds) { return pred_new("starmap", type, args, kwds); }

void pred_dealloc(Object* self) {
  xdecref(PR(self)->func);
  xdecref(PR(self)->it);
  free_instance(self);
}
int pred_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({PR(self)->func, PR(self)->it}, visit, arg);
}

// The flags are read and written atomically: a racing thread may see one item more or less, as in CPython 3.13t.
inline int load_flag(int* p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
inline void set_flag(int* p) { __atomic_store_n(p, 1, __ATOMIC_RELAXED); }

// 1 when func(item) is true, 0 when false, -1 on error.
int call_pred(Object* func, Object* item) {
  ORef good = steal(call1(func, item));
  if (!good) return -1;
  return object_is_true(good.get());
}

Object* dropwhile_next(Object* self) {
  PredObject* p = PR(self);
  for (;;) {
    ORef item = steal(next_of(p->it));
    if (!item) return nullptr;
    if (load_flag(&p->flag)) return item.release();
    int ok = call_pred(p->func, item.get());
    if (ok < 0) return nullptr;
    if (ok == 0) {
      set_flag(&p->flag);
      return item.release();
    }
  }
}

Object* takewhile_next(Object* self) {
  PredObject* p = PR(self);
  if (load_flag(&p->flag)) return nullptr;
  ORef item = steal(next_of(p->it));
  if (!item) return nullptr;
  int ok = call_pred(p->func, item.get());
  if (ok < 0) return nullptr;
  if (ok > 0) return item.release();
  set_flag(&p->flag);
  return nullptr;
}

Object* filterfalse_next(Object* self) {
  PredObject* p = PR(self);
  bool truth = p->func == none() || p->func == reinterpret_cast<Object*>(&bool_type);
  for (;;) {
    ORef item = steal(next_of(p->it));
    if (!item) return nullptr;
    int ok = truth ? object_is_true(item.get()) : call_pred(p->func, item.get());
    if (ok < 0) return nullptr;
    if (ok == 0) return item.release();
  }
}

Object* starmap_next(Object* self) {
  PredObject* p = PR(self);
  ORef args = steal(next_of(p->it));
  if (!args) return nullptr;
  if (type_of(args.get()) != &tuple_type) {
    args = steal(sequence_tuple(args.get()));
    if (!args) return nullptr;
  }
  return call_tuple_dict(p->func, args.get(), nullptr);
}

// ---- islice(iterable, stop) / islice(iterable, start, stop[, step]) ----

struct IsliceObject {
  PyObject ob_base;
  Object* it;  // null once exhausted
  ssize next;  // index of the next item to yield
  ssize stop;  // -1 for None
  ssize step;
  ssize cnt;  // items consumed from `it`
};
inline IsliceObject* IS(Object* o) { return reinterpret_cast<IsliceObject*>(o); }

// An islice index: -1 (and no error) when it is not an int in [0, sys.maxsize].
ssize islice_index(Object* o) {
  ssize v = number_as_ssize(o, &exc_OverflowError);
  if (v == -1 && error_occurred()) error_clear();
  return v;
}

Object* islice_new(Type* type, Object* args, Object* kwds) {
  if (!positional_new("islice", args, kwds, 2, 4)) return nullptr;
  ssize nargs = tuple_size(args);
  Object* seq = tuple_get(args, 0);
  ssize start = 0, stop = -1, step = 1;
  constexpr const char* kStopMsg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
  if (nargs == 2) {
    Object* a1 = tuple_get(args, 1);
    if (a1 != none()) {
      stop = islice_index(a1);
      if (stop == -1) return set_error(&exc_ValueError, kStopMsg);
    }
  } else {
    Object* a1 = tuple_get(args, 1);
    Object* a2 = tuple_get(args, 2);
    if (a1 != none()) start = islice_index(a1);
    if (a2 != none()) {
      stop = islice_index(a2);
      if (stop == -1) return set_error(&exc_ValueError, kStopMsg);
    }
  }
  if (start < 0 || stop < -1) {
    return set_error(&exc_ValueError, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
  }
  if (nargs == 4) {
    Object* a3 = tuple_get(args, 3);
    if (a3 != none()) step = islice_index(a3);
  }
  if (step < 1) return set_error(&exc_ValueError, "Step for islice() must be a positive integer or None.");
  ORef it = steal(get_iter(seq));
  if (!it) return nullptr;
  Object* o = alloc_instance(type, sizeof(IsliceObject));
  if (!o) return nullptr;
  IS(o)->it = it.release();
  IS(o)->next = start;
  IS(o)->stop = stop;
  IS(o)->step = step;
  return o;
}

void islice_dealloc(Object* self) {
  xdecref(IS(self)->it);
  free_instance(self);
}
int islice_traverse(Object* self, visitproc visit, void* arg) { return visit_all({IS(self)->it}, visit, arg); }

Object* islice_next_impl(Object* self) {
  IsliceObject* s = IS(self);
  if (!s->it) return nullptr;
  ORef it = borrow(s->it);
  ssize stop = s->stop;
  auto empty = [&]() -> Object* {
    if (s->it == it.get()) clear_field(&s->it);
    return nullptr;
  };
  while (s->cnt < s->next) {
    Object* item = next_of(it.get());
    if (!item) return empty();
    decref(item);
    s->cnt++;
  }
  if (stop != -1 && s->cnt >= stop) return empty();
  Object* item = next_of(it.get());
  if (!item) return empty();
  s->cnt++;
  ssize old_next = s->next;
  if (__builtin_add_overflow(s->next, s->step, &s->next)) s->next = stop;
  if (s->next < old_next || (stop != -1 && s->next > stop)) s->next = stop;
  return item;
}

// ---- pairwise(iterable) ----

struct PairwiseObject {
  PyObject ob_base;
  Object* it;   // null once exhausted
  Object* old;  // the previous item, or null before the first
};
inline PairwiseObject* PW(Object* o) { return reinterpret_cast<PairwiseObject*>(o); }

Object* pairwise_new(Type* type, Object* args, Object* kwds) {
  if (!positional_new("pairwise", args, kwds, 1, 1)) return nullptr;
  ORef it = steal(get_iter(tuple_get(args, 0)));
  if (!it) return nullptr;
  Object* o = alloc_instance(type, sizeof(PairwiseObject));
  if (!o) return nullptr;
  PW(o)->it = it.release();
  return o;
}

void pairwise_dealloc(Object* self) {
  xdecref(PW(self)->it);
  xdecref(PW(self)->old);
  free_instance(self);
}
int pairwise_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({PW(self)->it, PW(self)->old}, visit, arg);
}

Object* pairwise_next_impl(Object* self) {
  PairwiseObject* p = PW(self);
  if (!p->it) return nullptr;
  ORef it = borrow(p->it);
  if (!p->old) {
    Object* first = next_of(it.get());
    if (!first) {
      clear_field(&p->it);
      return nullptr;
    }
    xdecref(p->old);
    p->old = first;
    if (!p->it) return nullptr;  // the source re-entered this iterator and exhausted it
  }
  ORef old = borrow(p->old);
  ORef item = steal(next_of(it.get()));
  if (!item) {
    clear_field(&p->it);
    clear_field(&p->old);
    return nullptr;
  }
  Object* result = tuple_pack({old.get(), item.get()});
  if (!result) return nullptr;
  xdecref(p->old);
  p->old = item.release();
  return result;
}

// ---- zip_longest(*iterables, fillvalue=None) ----

struct ZipLongestObject {
  PyObject ob_base;
  Object* ittuple;  // tuple of iterators; an exhausted one is replaced by None
  ssize numactive;
  Object* fillvalue;
};
inline ZipLongestObject* ZL(Object* o) { return reinterpret_cast<ZipLongestObject*>(o); }

Object* zip_longest_new(Type* type, Object* args, Object* kwds) {
  Object* fillvalue = none();
  if (kwds && dict_size(kwds) > 0) {
    Object* fv = nullptr;
    int r = dict_get_str(kwds, "fillvalue", &fv);
    if (r < 0) return nullptr;
    if (r == 0 || dict_size(kwds) > 1) {
      xdecref(fv);
      return set_error(&exc_TypeError, "zip_longest() got an unexpected keyword argument");
    }
    decref(fv);  // the dict keeps it alive until the instance takes its own reference
    fillvalue = fv;
  }
  ssize n = nargs_of(args);
  ORef ittuple = steal(tuple_new(n));
  if (!ittuple) return nullptr;
  for (ssize i = 0; i < n; i++) {
    Object* it = get_iter(tuple_get(args, i));
    if (!it) {
      for (ssize j = i; j < n; j++) tuple_set(ittuple.get(), j, newref(none()));
      return nullptr;
    }
    tuple_set(ittuple.get(), i, it);
  }
  Object* o = alloc_instance(type, sizeof(ZipLongestObject));
  if (!o) return nullptr;
  ZL(o)->ittuple = ittuple.release();
  ZL(o)->numactive = n;
  ZL(o)->fillvalue = newref(fillvalue);
  return o;
}

void zip_longest_dealloc(Object* self) {
  xdecref(ZL(self)->ittuple);
  xdecref(ZL(self)->fillvalue);
  free_instance(self);
}
int zip_longest_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({ZL(self)->ittuple, ZL(self)->fillvalue}, visit, arg);
}

Object* zip_longest_next_impl(Object* self) {
  ZipLongestObject* z = ZL(self);
  ssize n = tuple_size(z->ittuple);
  if (n == 0 || z->numactive == 0) return nullptr;
  std::vector<Object*> items;
  auto fail = [&]() -> Object* {
    for (Object* x : items) decref(x);
    return nullptr;
  };
  for (ssize i = 0; i < n; i++) {
    ORef it = borrow(tuple_get(z->ittuple, i));
    if (it.get() == none()) {
      items.push_back(newref(z->fillvalue));
      continue;
    }
    Object* item = next_of(it.get());
    if (item) {
      items.push_back(item);
      continue;
    }
    if (z->numactive > 0) z->numactive--;
    if (z->numactive == 0 || real_error()) {
      z->numactive = 0;
      return fail();
    }
    // Our tuple is private, so replacing a slot in place is safe; `it` keeps the old iterator alive until here.
    Object** slot = &tuple_items(z->ittuple)[i];
    Object* old = *slot;
    *slot = newref(none());
    decref(old);
    items.push_back(newref(z->fillvalue));
  }
  Object* t = tuple_from_array(items.data(), n);
  fail();
  return t;
}

}  // namespace

// ---- type objects ----

PYVM_ITERTOOLS_TYPE(count_type, "itertools.count", CountObject, count_dealloc, count_repr, kIterFlags, count_traverse,
                    locked_next<count_next_impl>, nullptr, count_new)
PYVM_ITERTOOLS_TYPE(cycle_type, "itertools.cycle", CycleObject, cycle_dealloc, nullptr, kIterFlags, cycle_traverse,
                    locked_next<cycle_next_impl>, nullptr, cycle_new)
PYVM_ITERTOOLS_TYPE(repeat_type, "itertools.repeat", RepeatObject, repeat_dealloc, repeat_repr, kIterFlags,
                    repeat_traverse, repeat_next, repeat_methods, repeat_new)
PYVM_ITERTOOLS_TYPE(accumulate_type, "itertools.accumulate", AccumulateObject, accumulate_dealloc, nullptr, kIterFlags,
                    accumulate_traverse, locked_next<accumulate_next_impl>, nullptr, accumulate_new)
PYVM_ITERTOOLS_TYPE(batched_type, "itertools.batched", BatchedObject, batched_dealloc, nullptr, kIterFlags,
                    batched_traverse, locked_next<batched_next_impl>, nullptr, batched_new)
PYVM_ITERTOOLS_TYPE(chain_type, "itertools.chain", ChainObject, chain_dealloc, nullptr, kIterFlags, chain_traverse,
                    locked_next<chain_next_impl>, chain_methods, chain_new)
PYVM_ITERTOOLS_TYPE(compress_type, "itertools.compress", CompressObject, compress_dealloc, nullptr, kIterFlags,
                    compress_traverse, compress_next, nullptr, compress_new)
PYVM_ITERTOOLS_TYPE(dropwhile_type, "itertools.dropwhile", PredObject, pred_dealloc, nullptr, kIterFlags, pred_traverse,
                    dropwhile_next, nullptr, dropwhile_new)
PYVM_ITERTOOLS_TYPE(takewhile_type, "itertools.takewhile", PredObject, pred_dealloc, nullptr, kIterFlags, pred_traverse,
                    takewhile_next, nullptr, takewhile_new)
PYVM_ITERTOOLS_TYPE(filterfalse_type, "itertools.filterfalse", PredObject, pred_dealloc, nullptr, kIterFlags,
                    pred_traverse, filterfalse_next, nullptr, filterfalse_new)
PYVM_ITERTOOLS_TYPE(starmap_type, "itertools.starmap", PredObject, pred_dealloc, nullptr, kIterFlags, pred_traverse,
                    starmap_next, nullptr, starmap_new)
PYVM_ITERTOOLS_TYPE(islice_type, "itertools.islice", IsliceObject, islice_dealloc, nullptr, kIterFlags, islice_traverse,
                    locked_next<islice_next_impl>, nullptr, islice_new)
PYVM_ITERTOOLS_TYPE(pairwise_type, "itertools.pairwise", PairwiseObject, pairwise_dealloc, nullptr, kIterFlags,
                    pairwise_traverse, locked_next<pairwise_next_impl>, nullptr, pairwise_new)
PYVM_ITERTOOLS_TYPE(zip_longest_type, "itertools.zip_longest", ZipLongestObject, zip_longest_dealloc, nullptr,
                    kIterFlags, zip_longest_traverse, locked_next<zip_longest_next_impl>, nullptr, zip_longest_new)

namespace {

PyMethodDef module_functions[] = {
    {"tee", as_cfunc(tee_function), METH_FASTCALL | METH_KEYWORDS, "Returns a tuple of n independent iterators."},
    {nullptr, nullptr, 0, nullptr},
};

struct Export {
  const char* name;
  Type* type;
};
const Export kExports[] = {
    {"_grouper", &grouper_type},
    {"_tee", &tee_type},
    {"_tee_dataobject", &teedataobject_type},
    {"accumulate", &accumulate_type},
    {"batched", &batched_type},
    {"chain", &chain_type},
    {"combinations", &combinations_type},
    {"combinations_with_replacement", &cwr_type},
    {"compress", &compress_type},
    {"count", &count_type},
    {"cycle", &cycle_type},
    {"dropwhile", &dropwhile_type},
    {"filterfalse", &filterfalse_type},
    {"groupby", &groupby_type},
    {"islice", &islice_type},
    {"pairwise", &pairwise_type},
    {"permutations", &permutations_type},
    {"product", &product_type},
    {"repeat", &repeat_type},
    {"starmap", &starmap_type},
    {"takewhile", &takewhile_type},
    {"zip_longest", &zip_longest_type},
};

// Readies every type once (a function-local static, so concurrent first imports are safe).
int ready_types() {
  for (const Export& e : kExports)
    if (type_ready(e.type) < 0) return -1;
  return generic_alias_install_class_getitem(&chain_type);
}

constexpr const char* kModuleDoc =
    "Functional tools for creating and using iterators.\n\n"
    "Infinite: count, cycle, repeat.\n"
    "Terminating on the shortest input: accumulate, batched, chain, compress, dropwhile, filterfalse, groupby,\n"
    "islice, pairwise, starmap, takewhile, tee, zip_longest.\n"
    "Combinatoric: product, permutations, combinations, combinations_with_replacement.\n";

}  // namespace
}  // namespace itertools

Object* create_itertools_module() {
  static const int ready = itertools::ready_types();
  if (ready < 0) return set_error(&exc_SystemError, "itertools: readying the types failed");
  ORef m = steal(module_new(str_interned("itertools")));
  if (!m) return nullptr;
  if (module_add_functions(m.get(), itertools::module_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8(itertools::kModuleDoc));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  for (const itertools::Export& e : itertools::kExports)
    if (dict_set_str(d, e.name, reinterpret_cast<Object*>(e.type)) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
