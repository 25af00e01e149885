// tuple: immutable arrays in CPython's PyTupleObject layout, with CPython 3.13's xxHash-based hash and an
// immortal empty tuple.
#include "objects/tuple.h"

#include <cstring>
#include <limits>
#include <string>

#include "alloc/gc_registry.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/types.h"

namespace pyvm {
namespace {

constexpr ssize kSsizeMax = std::numeric_limits<ssize>::max();

// The empty tuple: statically allocated and immortal, like None.
PyTupleObject g_empty_tuple = {PYVM_IMMORTAL_VAR_HEADER(&tuple_type, 0), {nullptr}};

inline bool is_tuple(Object* o) { return has_flag(type_of(o), Py_TPFLAGS_TUPLE_SUBCLASS); }
inline bool valid_index(ssize i, ssize limit) { return size_t(i) < size_t(limit); }

// xxHash constants and lane rotation used by CPython's tuple hash (64-bit build).
constexpr uint64_t kXXPrime1 = 11400714785074694791ULL;
constexpr uint64_t kXXPrime2 = 14029467366897019727ULL;
constexpr uint64_t kXXPrime5 = 2870177450012600261ULL;
inline uint64_t xx_rotate(uint64_t x) { return (x << 31) | (x >> 33); }

// Per-thread free lists of small exact tuples (sizes 1..kFreeSizes), as CPython 3.13t keeps them: a thread's next
// tuple of a size reuses the last one it freed (so the id() of short-lived tuples repeats, as in CPython) without a
// trip through the allocator. Thread-local, so no locking; a list is capped at kFreeMax tuples and released when its
// thread exits. A free tuple links to the next through its first item slot.
constexpr ssize kFreeSizes = 20;
constexpr int kFreeMax = 200;
struct TupleFreeLists {
  Object* head[kFreeSizes] = {};
  int count[kFreeSizes] = {};
  ~TupleFreeLists() {
    for (Object*& h : head) {
      while (h) {
        Object* next = tuple_items(h)[0];
        object_free(h);  // its GC header was unregistered when it joined the list
        h = next;
      }
    }
  }
};
thread_local TupleFreeLists t_tuple_free;

void tuple_dealloc_body(Object* self) {
  Type* t = type_of(self);
  Object** items = tuple_items(self);
  ssize n = tuple_size(self);
  for (ssize i = n; --i >= 0;) xdecref(items[i]);
  if (t == &tuple_type && n > 0 && n <= kFreeSizes) {
    TupleFreeLists& fl = t_tuple_free;
    if (fl.count[n - 1] < kFreeMax) {
      alloc::gc_unregister(gc_head_of(self));  // a free tuple is not an object the collector may see
      items[0] = fl.head[n - 1];
      fl.head[n - 1] = self;
      fl.count[n - 1]++;
      return;
    }
  }
  object_free(self);
  dealloc_type_ref(t);
}

// A tuple of size n from the current thread's free list, initialised as a new object; null when the list is empty.
Object* tuple_from_free_list(ssize n) {
  TupleFreeLists& fl = t_tuple_free;
  Object* o = fl.head[n - 1];
  if (!o) return nullptr;
  Object** items = tuple_items(o);
  fl.head[n - 1] = items[0];
  fl.count[n - 1]--;
  std::memset(static_cast<void*>(items), 0, sizeof(Object*) * size_t(n));
  init_recycled_header(o, &tuple_type, alloc::kGcBitTracked);
  alloc::gc_register(o, gc_head_of(o));
  return o;
}
void tuple_dealloc(Object* self) { dealloc_with_trashcan(self, tuple_dealloc_body); }

int tuple_traverse(Object* self, visitproc visit, void* arg) {
  for (ssize i = tuple_size(self); --i >= 0;) {
    if (Object* v = tuple_get(self, i)) {
      if (int r = visit(v, arg)) return r;
    }
  }
  return 0;
}

Object* tuple_repr(Object* self) {
  ssize n = tuple_size(self);
  if (n == 0) return str_from_utf8("()");
  // A tuple cannot contain itself directly, but it can through a mutable container.
  int r = repr_enter(self);
  if (r != 0) return r > 0 ? str_from_utf8("(...)") : nullptr;
  ORef parts = steal(list_new(n));
  if (!parts) {
    repr_leave(self);
    return nullptr;
  }
  for (ssize i = 0; i < n; i++) {
    Object* s = object_repr(tuple_get(self, i));
    if (!s) {
      repr_leave(self);
      return nullptr;
    }
    list_items(parts.get())[i] = s;
  }
  repr_leave(self);
  return seq_repr_join("(", parts.get(), n == 1 ? ",)" : ")");
}

ssize tuple_length(Object* self) { return tuple_size(self); }

int tuple_contains(Object* self, Object* el) {
  int cmp = 0;
  for (ssize i = 0; cmp == 0 && i < tuple_size(self); ++i) cmp = rich_compare_bool(tuple_get(self, i), el, Py_EQ);
  return cmp;
}

Object* tuple_item(Object* self, ssize i) {
  if (!valid_index(i, tuple_size(self))) return set_error(&exc_IndexError, "tuple index out of range");
  return newref(tuple_get(self, i));
}

Object* tuple_concat(Object* a, Object* bb) {
  if (!is_tuple(bb)) {
    return set_errorf(&exc_TypeError, "can only concatenate tuple (not \"{}\") to tuple", type_name(bb));
  }
  if (tuple_size(bb) == 0 && type_check_exact(a, &tuple_type)) return newref(a);
  if (tuple_size(a) == 0 && type_check_exact(bb, &tuple_type)) return newref(bb);
  ssize na = tuple_size(a), nb = tuple_size(bb);
  ssize size = na + nb;
  if (size == 0) return tuple_empty();
  Object* np = tuple_new(size);
  if (!np) return nullptr;
  Object** dest = tuple_items(np);
  for (ssize i = 0; i < na; i++) dest[i] = newref(tuple_get(a, i));
  for (ssize i = 0; i < nb; i++) dest[na + i] = newref(tuple_get(bb, i));
  return np;
}

Object* tuple_repeat(Object* a, ssize n) {
  ssize input_size = tuple_size(a);
  if ((input_size == 0 || n == 1) && type_check_exact(a, &tuple_type)) return newref(a);
  if (input_size == 0 || n <= 0) return tuple_empty();
  if (input_size > kSsizeMax / n) return no_memory();
  ssize output_size = input_size * n;
  Object* np = tuple_new(output_size);
  if (!np) return nullptr;
  Object** dest = tuple_items(np);
  for (ssize k = 0; k < n; k++)
    for (ssize j = 0; j < input_size; j++) *dest++ = newref(tuple_get(a, j));
  return np;
}

Object* tuple_subscript(Object* self, Object* item) {
  if (index_check(item)) {
    ssize i = number_as_ssize(item, &exc_IndexError);
    if (i == -1 && error_occurred()) return nullptr;
    if (i < 0) i += tuple_size(self);
    return tuple_item(self, i);
  }
  if (type_check_exact(item, &slice_type)) {
    ssize start, stop, step;
    if (slice_unpack(item, &start, &stop, &step) < 0) return nullptr;
    ssize len = slice_adjust_indices(tuple_size(self), &start, &stop, step);
    if (len <= 0) return tuple_empty();
    if (start == 0 && step == 1 && len == tuple_size(self) && type_check_exact(self, &tuple_type)) {
      return newref(self);
    }
    Object* result = tuple_new(len);
    if (!result) return nullptr;
    Object** dest = tuple_items(result);
    ssize cur = start;
    for (ssize i = 0; i < len; i++, cur += step) dest[i] = newref(tuple_get(self, cur));
    return result;
  }
  return set_errorf(&exc_TypeError, "tuple indices must be integers or slices, not {}", type_name(item));
}

hash_t tuple_hash_slot(Object* self) { return tuple_hash(self); }

Object* tuple_richcompare(Object* v, Object* w, int op) {
  if (!is_tuple(v) || !is_tuple(w)) return newref(not_implemented());
  ssize vlen = tuple_size(v), wlen = tuple_size(w);
  ssize i = 0;
  // Search for the first index where items differ (identity implies equality, as in rich_compare_bool).
  for (; i < vlen && i < wlen; i++) {
    int k = rich_compare_bool(tuple_get(v, i), tuple_get(w, i), Py_EQ);
    if (k < 0) return nullptr;
    if (!k) break;
  }
  if (i >= vlen || i >= wlen) {
    bool r = false;
    switch (op) {
      case Py_LT:
        r = vlen < wlen;
        break;
      case Py_LE:
        r = vlen <= wlen;
        break;
      case Py_EQ:
        r = vlen == wlen;
        break;
      case Py_NE:
        r = vlen != wlen;
        break;
      case Py_GT:
        r = vlen > wlen;
        break;
      case Py_GE:
        r = vlen >= wlen;
        break;
    }
    return newref(bool_obj(r));
  }
  if (op == Py_EQ) return newref(false_());
  if (op == Py_NE) return newref(true_());
  return rich_compare(tuple_get(v, i), tuple_get(w, i), op);
}

Object* tuple_iter(Object* self) { return tuple_iter_new(self); }

// tuple.__new__ for a subclass: build a plain tuple, then copy it into an instance of `type`.
Object* tuple_subtype_new(Type* type, Object* iterable) {
  ORef tmp = steal(iterable ? sequence_tuple(iterable) : tuple_empty());
  if (!tmp) return nullptr;
  ssize n = tuple_size(tmp.get());
  Object* newobj = type->tp_alloc ? type->tp_alloc(type, n) : new_var_object(type, n);
  if (!newobj) return nullptr;
  for (ssize i = 0; i < n; i++) tuple_items(newobj)[i] = newref(tuple_get(tmp.get(), i));
  return newobj;
}

Object* tuple_new_impl(Type* type, Object* iterable) {
  if (type != &tuple_type) return tuple_subtype_new(type, iterable);
  if (!iterable) return tuple_empty();
  if (type_check_exact(iterable, &tuple_type)) return newref(iterable);
  return sequence_tuple(iterable);
}

Object* tuple_tp_new(Type* type, Object* args, Object* kwds) {
  if ((type == &tuple_type || type->tp_init == tuple_type.tp_init) && kwds && dict_size(kwds) > 0) {
    return set_error(&exc_TypeError, "tuple() takes no keyword arguments");
  }
  ssize n = args ? tuple_size(args) : 0;
  if (n > 1) return set_errorf(&exc_TypeError, "tuple expected at most 1 argument, got {}", n);
  return tuple_new_impl(type, n ? tuple_get(args, 0) : nullptr);
}

Object* tuple_vectorcall(Object* type, Object* const* args, size_t nargsf, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) return set_error(&exc_TypeError, "tuple() takes no keyword arguments");
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  if (nargs > 1) return set_errorf(&exc_TypeError, "tuple expected at most 1 argument, got {}", nargs);
  return tuple_new_impl(reinterpret_cast<Type*>(type), nargs ? args[0] : nullptr);
}

// ---- methods ----

bool arg_slice_index_not_none(Object* o, ssize* out) {
  if (!index_check(o)) {
    set_error(&exc_TypeError, "slice indices must be integers or have an __index__ method");
    return false;
  }
  ssize v = number_as_ssize(o, nullptr);
  if (v == -1 && error_occurred()) return false;
  *out = v;
  return true;
}

Object* tuple_index_meth(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("index", nargs, kwnames, 1, 3)) return nullptr;
  ssize start = 0, stop = kSsizeMax;
  if (nargs >= 2 && !arg_slice_index_not_none(args[1], &start)) return nullptr;
  if (nargs >= 3 && !arg_slice_index_not_none(args[2], &stop)) return nullptr;
  ssize n = tuple_size(self);
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0)
    stop += n;
  else if (stop > n)
    stop = n;
  for (ssize i = start; i < stop; i++) {
    int cmp = rich_compare_bool(tuple_get(self, i), args[0], Py_EQ);
    if (cmp > 0) return int_from_ssize(i);
    if (cmp < 0) return nullptr;
  }
  return set_error(&exc_ValueError, "tuple.index(x): x not in tuple");
}

Object* tuple_count_meth(Object* self, Object* value) {
  ssize count = 0;
  for (ssize i = 0; i < tuple_size(self); i++) {
    int cmp = rich_compare_bool(tuple_get(self, i), value, Py_EQ);
    if (cmp > 0) count++;
    if (cmp < 0) return nullptr;
  }
  return int_from_ssize(count);
}

Object* tuple_getnewargs_meth(Object* self, Object*) {
  ORef copy = steal(tuple_get_slice(self, 0, tuple_size(self)));
  if (!copy) return nullptr;
  return tuple_pack({copy.get()});
}

PyMethodDef tuple_methods[] = {{"__getnewargs__", tuple_getnewargs_meth, METH_NOARGS, nullptr},
                               {"index", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(tuple_index_meth)),
                                METH_FASTCALL | METH_KEYWORDS, "Return first index of value."},
                               {"count", tuple_count_meth, METH_O, "Return number of occurrences of value."},
                               {nullptr, nullptr, 0, nullptr}};

PySequenceMethods tuple_as_sequence = {
    .sq_length = tuple_length,
    .sq_concat = tuple_concat,
    .sq_repeat = tuple_repeat,
    .sq_item = tuple_item,
    .sq_contains = tuple_contains,
};

PyMappingMethods tuple_as_mapping = {
    .mp_length = tuple_length,
    .mp_subscript = tuple_subscript,
};

}  // namespace

Type tuple_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "tuple",
    .tp_basicsize = sizeof(PyTupleObject) - sizeof(Object*),
    .tp_itemsize = sizeof(Object*),
    .tp_dealloc = tuple_dealloc,
    .tp_repr = tuple_repr,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_hash = tuple_hash_slot,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_MATCH_SELF |
                Py_TPFLAGS_SEQUENCE,
    .tp_doc =
        "Built-in immutable sequence.\n\nIf no argument is given, the constructor returns an empty tuple.\n"
        "If iterable is specified the tuple is initialized from iterable's items.\n\n"
        "If the argument is a tuple, the return value is the same object.",
    .tp_traverse = tuple_traverse,
    .tp_richcompare = tuple_richcompare,
    .tp_iter = tuple_iter,
    .tp_methods = tuple_methods,
    .tp_new = tuple_tp_new,
    .tp_free = object_free,
    .tp_vectorcall = tuple_vectorcall,
};

Object* tuple_empty() { return reinterpret_cast<Object*>(&g_empty_tuple); }

Object* tuple_new(ssize n) {
  if (n == 0) return tuple_empty();
  if (n < 0) return set_error(&exc_SystemError, "bad argument to internal function");
  if (n <= kFreeSizes) {
    if (Object* o = tuple_from_free_list(n)) return o;
  }
  return new_var_object(&tuple_type, n);
}

Object* tuple_pack(std::initializer_list<Object*> items) {
  return tuple_from_array(items.begin(), ssize(items.size()));
}

Object* tuple_from_array(Object* const* items, ssize n) {
  if (n == 0) return tuple_empty();
  Object* t = tuple_new(n);
  if (!t) return nullptr;
  Object** dest = tuple_items(t);
  for (ssize i = 0; i < n; i++) dest[i] = newref(items[i]);
  return t;
}

Object* tuple_get_slice(Object* t, ssize lo, ssize hi) {
  ssize n = tuple_size(t);
  if (lo < 0) lo = 0;
  if (hi > n) hi = n;
  if (hi < lo) hi = lo;
  if (lo == 0 && hi == n && type_check_exact(t, &tuple_type)) return newref(t);
  return tuple_from_array(tuple_items(t) + lo, hi - lo);
}

hash_t tuple_hash(Object* t) {
  ssize len = tuple_size(t);
  uint64_t acc = kXXPrime5;
  for (ssize i = 0; i < len; i++) {
    hash_t lane = object_hash(tuple_get(t, i));
    if (lane == -1) return -1;
    acc += uint64_t(lane) * kXXPrime2;
    acc = xx_rotate(acc);
    acc *= kXXPrime1;
  }
  // Add the length, so that tuples of different lengths hash differently (as CPython).
  acc += uint64_t(len) ^ (kXXPrime5 ^ 3527539UL);
  if (acc == uint64_t(-1)) return 1546275796;
  return hash_t(acc);
}

int tuple_resize(Object** pt, ssize newsize) {
  Object* v = *pt;
  if (!v || !type_check_exact(v, &tuple_type) || newsize < 0) {
    if (v) decref(v);
    *pt = nullptr;
    set_error(&exc_SystemError, "bad argument to internal function");
    return -1;
  }
  ssize oldsize = tuple_size(v);
  if (oldsize == newsize) return 0;
  if (oldsize == 0) {
    *pt = tuple_new(newsize);
    return *pt ? 0 : -1;
  }
  Object* nv = newsize == 0 ? tuple_empty() : tuple_new(newsize);
  if (!nv) {
    decref(v);
    *pt = nullptr;
    return -1;
  }
  // Move the kept items over without touching their counts; drop the cut-off ones.
  ssize keep = oldsize < newsize ? oldsize : newsize;
  if (keep) std::memcpy(tuple_items(nv), tuple_items(v), size_t(keep) * sizeof(Object*));
  for (ssize i = keep; i < oldsize; i++) xdecref(tuple_items(v)[i]);
  object_free(v);  // a fresh tuple: nobody else holds it
  *pt = nv;
  return 0;
}

}  // namespace pyvm
