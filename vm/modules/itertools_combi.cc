// The itertools iterators that share state between objects or keep index vectors: groupby and _grouper, tee with
// _tee and _tee_dataobject, and the combinatoric iterators (product, permutations, combinations,
// combinations_with_replacement).
#include <limits>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/itertools_internal.h"

namespace pyvm::itertools {
namespace {

using sync::CriticalSection;

void clear_field(Object** field) {
  Object* old = *field;
  *field = nullptr;
  xdecref(old);
}
void set_field(Object** field, Object* value) {  // steals value
  Object* old = *field;
  *field = value;
  xdecref(old);
}

// ---- groupby(iterable, key=None) and its _grouper ----

// All of a groupby's state, including what its _grouper objects read, is guarded by the groupby's critical section.
struct GroupbyObject {
  PyObject ob_base;
  Object* it;
  Object* keyfunc;      // null for identity
  Object* tgtkey;       // key of the group being handed out
  Object* currkey;      // key of currvalue
  Object* currvalue;    // the item read ahead, or null
  Object* currgrouper;  // borrowed identity of the live _grouper; older groupers are exhausted
};
inline GroupbyObject* GB(Object* o) { return reinterpret_cast<GroupbyObject*>(o); }

struct GrouperObject {
  PyObject ob_base;
  Object* parent;  // the groupby
  Object* tgtkey;
};
inline GrouperObject* GR(Object* o) { return reinterpret_cast<GrouperObject*>(o); }

Object* groupby_new(Type* type, Object* args, Object* kwds) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_new("groupby", args, kwds, {"iterable", "key"}, 1, a)) return nullptr;
  ORef it = steal(get_iter(a[0]));
  if (!it) return nullptr;
  Object* o = alloc_instance(type, sizeof(GroupbyObject));
  if (!o) return nullptr;
  GB(o)->it = it.release();
  GB(o)->keyfunc = a[1] && a[1] != none() ? newref(a[1]) : nullptr;
  return o;
}

void groupby_dealloc(Object* self) {
  GroupbyObject* g = GB(self);
  xdecref(g->it);
  xdecref(g->keyfunc);
  xdecref(g->tgtkey);
  xdecref(g->currkey);
  xdecref(g->currvalue);
  free_instance(self);
}
int groupby_traverse(Object* self, visitproc visit, void* arg) {
  GroupbyObject* g = GB(self);
  return visit_all({g->it, g->keyfunc, g->tgtkey, g->currkey, g->currvalue}, visit, arg);
}

// Reads the next item and its key into currvalue/currkey. Caller holds the groupby's section.
int groupby_step(GroupbyObject* g) {
  ORef it = borrow(g->it);
  ORef value = steal(next_of(it.get()));
  if (!value) return -1;
  ORef key;
  if (g->keyfunc) {
    ORef keyfunc = borrow(g->keyfunc);
    key = steal(call1(keyfunc.get(), value.get()));
    if (!key) return -1;
  } else {
    key = borrow(value.get());
  }
  set_field(&g->currvalue, value.release());
  set_field(&g->currkey, key.release());
  return 0;
}

Object* grouper_create(Object* parent, Object* tgtkey);

Object* groupby_next_impl(Object* self) {
  GroupbyObject* g = GB(self);
  g->currgrouper = nullptr;
  // Skip the rest of the current group.
  for (;;) {
    if (g->currkey) {
      if (!g->tgtkey) break;
      ORef tgt = borrow(g->tgtkey);
      ORef cur = borrow(g->currkey);
      int eq = rich_compare_bool(tgt.get(), cur.get(), Py_EQ);
      if (eq < 0) return nullptr;
      if (eq == 0) break;
    }
    if (groupby_step(g) < 0) return nullptr;
  }
  set_field(&g->tgtkey, newref(g->currkey));
  ORef key = borrow(g->tgtkey);
  ORef grouper = steal(grouper_create(self, key.get()));
  if (!grouper) return nullptr;
  g->currgrouper = grouper.get();
  return tuple_pack({key.get(), grouper.get()});
}

Object* grouper_create(Object* parent, Object* tgtkey) {
  Object* o = new_object(&grouper_type, sizeof(GrouperObject));
  if (!o) return nullptr;
  GR(o)->parent = newref(parent);
  GR(o)->tgtkey = newref(tgtkey);
  return o;
}

Object* grouper_new(Type* type, Object* args, Object* kwds) {
  if (!new_no_keywords("_grouper", kwds)) return nullptr;
  if (!check_positional("_grouper", args ? tuple_size(args) : 0, nullptr, 2, 2)) return nullptr;
  Object* parent = tuple_get(args, 0);
  if (!type_check(parent, &groupby_type)) {
    return set_errorf(&exc_TypeError, "_grouper() argument 1 must be itertools.groupby, not {}", type_name(parent));
  }
  Object* o = alloc_instance(type, sizeof(GrouperObject));
  if (!o) return nullptr;
  GR(o)->parent = newref(parent);
  GR(o)->tgtkey = newref(tuple_get(args, 1));
  return o;
}

void grouper_dealloc(Object* self) {
  xdecref(GR(self)->parent);
  xdecref(GR(self)->tgtkey);
  free_instance(self);
}
int grouper_traverse(Object* self, visitproc visit, void* arg) {
  return visit_all({GR(self)->parent, GR(self)->tgtkey}, visit, arg);
}

Object* grouper_next(Object* self) {
  GrouperObject* gr = GR(self);
  Object* parent = gr->parent;
  CriticalSection cs(parent);  // the grouper's state lives in its groupby
  GroupbyObject* g = GB(parent);
  if (g->currgrouper != self) return nullptr;
  if (!g->currvalue) {
    if (groupby_step(g) < 0) return nullptr;
  }
  ORef cur = borrow(g->currkey);
  int eq = rich_compare_bool(gr->tgtkey, cur.get(), Py_EQ);
  if (eq <= 0) return nullptr;
  Object* value = g->currvalue;
  g->currvalue = nullptr;
  return value;
}

// ---- _tee_dataobject: a shared, append-only run of up to kLinkCells items read from the source ----

constexpr int kLinkCells = 57;

// Guarded by the data object's own critical section; a filled cell is never changed again.
struct TeeDataObject {
  PyObject ob_base;
  Object* it;
  int numread;
  bool running;  // set while next(it) runs, to report re-entry
  Object* nextlink;
  Object* values[kLinkCells];
};
inline TeeDataObject* TD(Object* o) { return reinterpret_cast<TeeDataObject*>(o); }

Object* teedata_create(Object* it) {
  Object* o = new_object(&teedataobject_type, sizeof(TeeDataObject));
  if (!o) return nullptr;
  TD(o)->it = newref(it);
  return o;
}

// The next data object in the chain, created on demand.
Object* teedata_jumplink(Object* self) {
  CriticalSection cs(self);
  TeeDataObject* d = TD(self);
  if (!d->nextlink) {
    d->nextlink = teedata_create(d->it);
    if (!d->nextlink) return nullptr;
  }
  return newref(d->nextlink);
}

Object* teedata_getitem(Object* self, int i) {
  CriticalSection cs(self);
  TeeDataObject* d = TD(self);
  if (i < d->numread) return newref(d->values[i]);
  if (d->running) return set_error(&exc_RuntimeError, "cannot re-enter the tee iterator");
  d->running = true;
  ORef it = borrow(d->it);
  Object* value = next_of(it.get());
  d->running = false;
  if (!value) return nullptr;
  d->values[d->numread++] = value;
  return newref(value);
}

void teedata_dealloc_body(Object* self) {
  TeeDataObject* d = TD(self);
  for (int i = 0; i < d->numread; i++) xdecref(d->values[i]);
  xdecref(d->it);
  xdecref(d->nextlink);  // long chains are unwound by the trashcan, not by deep recursion
  free_instance(self);
}
void teedata_dealloc(Object* self) { dealloc_with_trashcan(self, teedata_dealloc_body); }

int teedata_traverse(Object* self, visitproc visit, void* arg) {
  TeeDataObject* d = TD(self);
  if (int r = visit_all({d->it, d->nextlink}, visit, arg)) return r;
  for (int i = 0; i < d->numread; i++)
    if (int r = visit(d->values[i], arg)) return r;
  return 0;
}

// _tee_dataobject(iterable, values, next): rebuilds a data object (the pickle form).
Object* teedata_new(Type* type, Object* args, Object* kwds) {
  if (!new_no_keywords("teedataobject", kwds)) return nullptr;
  if (!check_positional("teedataobject", args ? tuple_size(args) : 0, nullptr, 3, 3)) return nullptr;
  Object* it = tuple_get(args, 0);
  Object* values = tuple_get(args, 1);
  Object* next = tuple_get(args, 2);
  if (!type_check(values, &list_type)) {
    return set_errorf(&exc_TypeError, "teedataobject() argument 2 must be list, not {}", type_name(values));
  }
  ssize n = list_size(values);
  bool bad_next = next != none() && !type_check(next, &teedataobject_type);
  if (n > kLinkCells || (n == kLinkCells && next == none()) || (n < kLinkCells && next != none()) || bad_next)
    return set_error(&exc_ValueError, "Invalid arguments");
  Object* o = alloc_instance(type, sizeof(TeeDataObject));
  if (!o) return nullptr;
  TD(o)->it = newref(it);
  for (ssize i = 0; i < n; i++) TD(o)->values[i] = newref(list_items(values)[i]);
  TD(o)->numread = int(n);
  TD(o)->nextlink = next == none() ? nullptr : newref(next);
  return o;
}

// ---- _tee: one independent iterator over a chain of data objects ----

struct TeeObject {
  PyObject ob_base;
  Object* dataobj;
  int index;  // next cell of dataobj
  Object* weakreflist;
};
inline TeeObject* TE(Object* o) { return reinterpret_cast<TeeObject*>(o); }

Object* tee_copy_impl(Object* self) {
  Object* o = new_object(&tee_type, sizeof(TeeObject));
  if (!o) return nullptr;
  CriticalSection cs(self);
  TE(o)->dataobj = newref(TE(self)->dataobj);
  TE(o)->index = TE(self)->index;
  return o;
}
Object* tee_copy(Object* self, Object*) { return tee_copy_impl(self); }

// A tee over `iterable`; a tee of a tee is a copy sharing its data.
Object* tee_fromiterable(Object* iterable) {
  ORef it = steal(get_iter(iterable));
  if (!it) return nullptr;
  if (type_check(it.get(), &tee_type)) return tee_copy_impl(it.get());
  ORef data = steal(teedata_create(it.get()));
  if (!data) return nullptr;
  Object* o = new_object(&tee_type, sizeof(TeeObject));
  if (!o) return nullptr;
  TE(o)->dataobj = data.release();
  return o;
}

Object* tee_new(Type*, Object* args, Object* kwds) {
  if (!new_no_keywords("_tee", kwds)) return nullptr;
  if (!check_positional("_tee", args ? tuple_size(args) : 0, nullptr, 1, 1)) return nullptr;
  return tee_fromiterable(tuple_get(args, 0));
}

void tee_dealloc(Object* self) {
  xdecref(TE(self)->dataobj);
  free_instance(self);
}
int tee_traverse(Object* self, visitproc visit, void* arg) { return visit_all({TE(self)->dataobj}, visit, arg); }

Object* tee_next_impl(Object* self) {
  TeeObject* t = TE(self);
  if (t->index >= kLinkCells) {
    Object* link = teedata_jumplink(t->dataobj);
    if (!link) return nullptr;
    set_field(&t->dataobj, link);
    t->index = 0;
  }
  ORef data = borrow(t->dataobj);
  Object* value = teedata_getitem(data.get(), t->index);
  if (!value) return nullptr;
  t->index++;
  return value;
}

PyMethodDef tee_methods[] = {
    {"__copy__", tee_copy, METH_NOARGS, "Returns an independent iterator."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- product(*iterables, repeat=1) ----

struct ProductObject {
  PyObject ob_base;
  Object* pools;  // tuple of tuples, already repeated
  std::vector<ssize>* indices;
  bool started;
  bool stopped;
};
inline ProductObject* PD(Object* o) { return reinterpret_cast<ProductObject*>(o); }

Object* product_new(Type* type, Object* args, Object* kwds) {
  ssize repeat = 1;
  if (kwds && dict_size(kwds) > 0) {
    Object* r = nullptr;
    int found = dict_get_str(kwds, "repeat", &r);
    if (found < 0) return nullptr;
    if (!found || dict_size(kwds) > 1) {
      xdecref(r);
      ssize pos = 0;
      Object *k, *v;
      while (dict_next(kwds, &pos, &k, &v)) {
        ORef key = steal(k), value = steal(v);
        if (!type_check(k, &str_type) || str_view(k) != "repeat") {
          return set_errorf(&exc_TypeError, "product() got an unexpected keyword argument '{}'", str_view(k));
        }
      }
      return set_error(&exc_TypeError, "product() got an unexpected keyword argument");
    }
    ORef rv = steal(r);
    repeat = ssize_arg(rv.get());
    if (repeat == -1 && error_occurred()) return nullptr;
    if (repeat < 0) return set_error(&exc_ValueError, "repeat argument cannot be negative");
  }
  ssize nargs = args ? tuple_size(args) : 0;
  if (repeat && nargs > std::numeric_limits<ssize>::max() / 8 / repeat)
    return set_error(&exc_OverflowError, "repeat argument too large");
  ssize npools = nargs * repeat;
  ORef pools = steal(tuple_new(npools));
  if (!pools) return nullptr;
  ssize filled = 0;
  auto fail = [&]() -> Object* {
    for (ssize j = filled; j < npools; j++) tuple_set(pools.get(), j, newref(none()));
    return nullptr;
  };
  for (ssize i = 0; i < nargs; i++) {
    Object* pool = sequence_tuple(tuple_get(args, i));
    if (!pool) return fail();
    tuple_set(pools.get(), filled++, pool);
  }
  for (; filled < npools; filled++) tuple_set(pools.get(), filled, newref(tuple_get(pools.get(), filled - nargs)));
  Object* o = alloc_instance(type, sizeof(ProductObject));
  if (!o) return nullptr;
  PD(o)->pools = pools.release();
  PD(o)->indices = new std::vector<ssize>(size_t(npools), 0);
  return o;
}

void product_dealloc(Object* self) {
  xdecref(PD(self)->pools);
  delete PD(self)->indices;
  free_instance(self);
}
int product_traverse(Object* self, visitproc visit, void* arg) { return visit_all({PD(self)->pools}, visit, arg); }

// A tuple of pool[indices[i]] (pools a tuple of tuples, or one tuple for every position when `single`).
Object* pick(Object* pools, bool single, const std::vector<ssize>& indices, ssize r) {
  Object* result = tuple_new(r);
  if (!result) return nullptr;
  for (ssize i = 0; i < r; i++) {
    Object* pool = single ? pools : tuple_get(pools, i);
    tuple_set(result, i, newref(tuple_get(pool, indices[size_t(i)])));
  }
  return result;
}

Object* product_next_impl(Object* self) {
  ProductObject* p = PD(self);
  if (p->stopped) return nullptr;
  std::vector<ssize>& idx = *p->indices;
  ssize npools = tuple_size(p->pools);
  if (!p->started) {
    p->started = true;
    for (ssize i = 0; i < npools; i++) {
      if (tuple_size(tuple_get(p->pools, i)) == 0) {
        p->stopped = true;
        return nullptr;
      }
    }
  } else {
    // Advance the rightmost index that can move, resetting those after it (an odometer).
    ssize i = npools - 1;
    for (; i >= 0; i--) {
      if (++idx[size_t(i)] < tuple_size(tuple_get(p->pools, i))) break;
      idx[size_t(i)] = 0;
    }
    if (i < 0) {
      p->stopped = true;
      return nullptr;
    }
  }
  return pick(p->pools, false, idx, npools);
}

// ---- permutations(iterable, r=None) ----

struct PermutationsObject {
  PyObject ob_base;
  Object* pool;  // tuple
  std::vector<ssize>* indices;
  std::vector<ssize>* cycles;
  ssize r;
  bool started;
  bool stopped;
};
inline PermutationsObject* PM(Object* o) { return reinterpret_cast<PermutationsObject*>(o); }

Object* permutations_new(Type* type, Object* args, Object* kwds) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_new("permutations", args, kwds, {"iterable", "r"}, 1, a)) return nullptr;
  ORef pool = steal(sequence_tuple(a[0]));
  if (!pool) return nullptr;
  ssize n = tuple_size(pool.get());
  ssize r = n;
  if (a[1] && a[1] != none()) {
    if (!has_flag(type_of(a[1]), Py_TPFLAGS_LONG_SUBCLASS)) return set_error(&exc_TypeError, "Expected int as r");
    r = int_as_ssize(a[1]);
    if (r == -1 && error_occurred()) return nullptr;
  }
  if (r < 0) return set_error(&exc_ValueError, "r must be non-negative");
  Object* o = alloc_instance(type, sizeof(PermutationsObject));
  if (!o) return nullptr;
  PermutationsObject* p = PM(o);
  p->pool = pool.release();
  p->r = r;
  p->stopped = r > n;
  p->indices = new std::vector<ssize>(size_t(n));
  p->cycles = new std::vector<ssize>(size_t(r <= n ? r : 0));
  for (ssize i = 0; i < n; i++) (*p->indices)[size_t(i)] = i;
  for (ssize i = 0; i < ssize(p->cycles->size()); i++) (*p->cycles)[size_t(i)] = n - i;
  return o;
}

void permutations_dealloc(Object* self) {
  xdecref(PM(self)->pool);
  delete PM(self)->indices;
  delete PM(self)->cycles;
  free_instance(self);
}
int permutations_traverse(Object* self, visitproc visit, void* arg) { return visit_all({PM(self)->pool}, visit, arg); }

Object* permutations_next_impl(Object* self) {
  PermutationsObject* p = PM(self);
  if (p->stopped) return nullptr;
  std::vector<ssize>& idx = *p->indices;
  std::vector<ssize>& cycles = *p->cycles;
  ssize n = tuple_size(p->pool);
  ssize r = p->r;
  if (!p->started) {
    p->started = true;
    return pick(p->pool, true, idx, r);
  }
  if (n == 0) {
    p->stopped = true;
    return nullptr;
  }
  // Knuth-style: cycles[i] counts how many more swaps position i takes before rotating back.
  for (ssize i = r - 1; i >= 0; i--) {
    size_t ui = size_t(i);
    if (--cycles[ui] == 0) {
      ssize first = idx[ui];
      for (ssize j = i; j < n - 1; j++) idx[size_t(j)] = idx[size_t(j + 1)];
      idx[size_t(n - 1)] = first;
      cycles[ui] = n - i;
    } else {
      ssize j = cycles[ui];
      std::swap(idx[ui], idx[size_t(n - j)]);
      return pick(p->pool, true, idx, r);
    }
  }
  p->stopped = true;
  return nullptr;
}

// ---- combinations(iterable, r) and combinations_with_replacement(iterable, r) ----

struct CombObject {
  PyObject ob_base;
  Object* pool;  // tuple
  std::vector<ssize>* indices;
  ssize r;
  bool started;
  bool stopped;
};
inline CombObject* CB(Object* o) { return reinterpret_cast<CombObject*>(o); }

Object* comb_new_common(const char* fname, bool replace, Type* type, Object* args, Object* kwds) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_new(fname, args, kwds, {"iterable", "r"}, 2, a)) return nullptr;
  ORef pool = steal(sequence_tuple(a[0]));
  if (!pool) return nullptr;
  ssize r = ssize_arg(a[1]);
  if (r == -1 && error_occurred()) return nullptr;
  if (r < 0) return set_error(&exc_ValueError, "r must be non-negative");
  ssize n = tuple_size(pool.get());
  Object* o = alloc_instance(type, sizeof(CombObject));
  if (!o) return nullptr;
  CombObject* c = CB(o);
  c->pool = pool.release();
  c->r = r;
  c->stopped = replace ? (n == 0 && r > 0) : r > n;
  c->indices = new std::vector<ssize>(size_t(c->stopped ? 0 : r));
  if (!replace && !c->stopped)
    for (ssize i = 0; i < r; i++) (*c->indices)[size_t(i)] = i;
  return o;
}
Object* combinations_new(Type* type, Object* args, Object* kwds) {
  return comb_new_common("combinations", false, type, args, kwds);
}
Object* cwr_new(Type* type, Object* args, Object* kwds) {
  return comb_new_common("combinations_with_replacement", true, type, args, kwds);
}

void comb_dealloc(Object* self) {
  xdecref(CB(self)->pool);
  delete CB(self)->indices;
  free_instance(self);
}
int comb_traverse(Object* self, visitproc visit, void* arg) { return visit_all({CB(self)->pool}, visit, arg); }

Object* combinations_next_impl(Object* self) {
  CombObject* c = CB(self);
  if (c->stopped) return nullptr;
  std::vector<ssize>& idx = *c->indices;
  ssize n = tuple_size(c->pool);
  ssize r = c->r;
  if (c->started) {
    // The rightmost index not yet at its maximum moves up; those after it follow consecutively.
    ssize i = r - 1;
    while (i >= 0 && idx[size_t(i)] == i + n - r) i--;
    if (i < 0) {
      c->stopped = true;
      return nullptr;
    }
    idx[size_t(i)]++;
    for (ssize j = i + 1; j < r; j++) idx[size_t(j)] = idx[size_t(j - 1)] + 1;
  }
  c->started = true;
  return pick(c->pool, true, idx, r);
}

Object* cwr_next_impl(Object* self) {
  CombObject* c = CB(self);
  if (c->stopped) return nullptr;
  std::vector<ssize>& idx = *c->indices;
  ssize n = tuple_size(c->pool);
  ssize r = c->r;
  if (c->started) {
    // The rightmost index below n-1 moves up; all after it take the same value.
    ssize i = r - 1;
    while (i >= 0 && idx[size_t(i)] == n - 1) i--;
    if (i < 0) {
      c->stopped = true;
      return nullptr;
    }
    ssize v = idx[size_t(i)] + 1;
    for (ssize j = i; j < r; j++) idx[size_t(j)] = v;
  }
  c->started = true;
  return pick(c->pool, true, idx, r);
}

constexpr unsigned long kPrivateFlags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;

}  // namespace

// ---- tee(iterable, n=2) ----

Object* tee_function(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0)
    return set_error(&exc_TypeError, "itertools.tee() takes no keyword arguments");
  if (!check_positional("tee", nargs, nullptr, 1, 2)) return nullptr;
  ssize n = 2;
  if (nargs == 2) {
    n = ssize_arg(args[1]);
    if (n == -1 && error_occurred()) return nullptr;
  }
  if (n < 0) return set_error(&exc_ValueError, "n must be >= 0");
  ORef result = steal(tuple_new(n));
  if (!result) return nullptr;
  if (n == 0) return result.release();
  ssize filled = 0;
  auto fail = [&]() -> Object* {
    for (ssize j = filled; j < n; j++) tuple_set(result.get(), j, newref(none()));
    return nullptr;
  };
  ORef it = steal(get_iter(args[0]));
  if (!it) return fail();
  Object* copyfunc = nullptr;
  int has_copy = get_attr_optional(it.get(), str_interned("__copy__"), &copyfunc);
  if (has_copy < 0) return fail();
  ORef copy = steal(copyfunc);
  ORef copyable;
  if (has_copy) {
    copyable = borrow(it.get());
  } else {
    copyable = steal(tee_fromiterable(it.get()));
    if (!copyable) return fail();
    copy = steal(get_attr(copyable.get(), str_interned("__copy__")));
    if (!copy) return fail();
  }
  tuple_set(result.get(), filled++, copyable.release());
  for (; filled < n;) {
    Object* c = call0(copy.get());
    if (!c) return fail();
    tuple_set(result.get(), filled++, c);
  }
  return result.release();
}

// ---- type objects ----

PYVM_ITERTOOLS_TYPE(groupby_type, "itertools.groupby", GroupbyObject, groupby_dealloc, nullptr, kIterFlags,
                    groupby_traverse, locked_next<groupby_next_impl>, nullptr, groupby_new)
PYVM_ITERTOOLS_TYPE(grouper_type, "itertools._grouper", GrouperObject, grouper_dealloc, nullptr, kPrivateFlags,
                    grouper_traverse, grouper_next, nullptr, grouper_new)
PYVM_ITERTOOLS_TYPE(product_type, "itertools.product", ProductObject, product_dealloc, nullptr, kIterFlags,
                    product_traverse, locked_next<product_next_impl>, nullptr, product_new)
PYVM_ITERTOOLS_TYPE(permutations_type, "itertools.permutations", PermutationsObject, permutations_dealloc, nullptr,
                    kIterFlags, permutations_traverse, locked_next<permutations_next_impl>, nullptr, permutations_new)
PYVM_ITERTOOLS_TYPE(combinations_type, "itertools.combinations", CombObject, comb_dealloc, nullptr, kIterFlags,
                    comb_traverse, locked_next<combinations_next_impl>, nullptr, combinations_new)
PYVM_ITERTOOLS_TYPE(cwr_type, "itertools.combinations_with_replacement", CombObject, comb_dealloc, nullptr, kIterFlags,
                    comb_traverse, locked_next<cwr_next_impl>, nullptr, cwr_new)

Type tee_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "itertools._tee",
    .tp_basicsize = sizeof(TeeObject),
    .tp_dealloc = tee_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = kPrivateFlags,
    .tp_doc = "Iterator wrapped to make it copyable.",
    .tp_traverse = tee_traverse,
    .tp_weaklistoffset = offsetof(TeeObject, weakreflist),
    .tp_iter = self_iter,
    .tp_iternext = locked_next<tee_next_impl>,
    .tp_methods = tee_methods,
    .tp_new = tee_new,
    .tp_free = object_free,
};

Type teedataobject_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "itertools._tee_dataobject",
    .tp_basicsize = sizeof(TeeDataObject),
    .tp_dealloc = teedata_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = kPrivateFlags,
    .tp_doc = "Data container common to multiple tee objects.",
    .tp_traverse = teedata_traverse,
    .tp_new = teedata_new,
    .tp_free = object_free,
};

}  // namespace pyvm::itertools
