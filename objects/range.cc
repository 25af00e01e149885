// range (arbitrary-size bounds with a machine-int fast path), its two iterator types, and slice objects with
// CPython's index-resolution rules (PySlice_Unpack, PySlice_AdjustIndices, slice.indices).
#include "objects/range.h"

#include <limits>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

constexpr ssize kSsizeMax = std::numeric_limits<ssize>::max();
constexpr ssize kSsizeMin = std::numeric_limits<ssize>::min();
constexpr int64_t kI64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kI64Min = std::numeric_limits<int64_t>::min();

// Immutable after creation. start/stop/step/length are exact ints; the i* copies are valid when `small`
// (all four fit in int64), which is what the fast paths use.
struct RangeObject {
  PyObject ob_base;
  Object* start;
  Object* stop;
  Object* step;
  Object* length;
  bool small;
  int64_t istart, istop, istep, ilen;
};
inline RangeObject* R(Object* o) { return reinterpret_cast<RangeObject*>(o); }

// ---- int helpers (new references; null with an error set) ----

Object* add(Object* a, Object* b) { return binary_op(a, b, NB_ADD); }
Object* sub(Object* a, Object* b) { return binary_op(a, b, NB_SUBTRACT); }
Object* mul(Object* a, Object* b) { return binary_op(a, b, NB_MULTIPLY); }
Object* one() { return int_from_i64(1); }
Object* zero() { return int_from_i64(0); }

bool as_i64(Object* o, int64_t* out) {
  int overflow = 0;
  int64_t v = int_as_i64(o, &overflow);
  if (overflow) return false;
  if (v == -1 && error_occurred()) {
    error_clear();
    return false;
  }
  *out = v;
  return true;
}

// Number of items of range(lo, hi, step) on machine ints (CPython's get_len_of_range; exact in uint64).
uint64_t len_of_range(int64_t lo, int64_t hi, int64_t step) {
  if (step > 0 && lo < hi) return 1 + (uint64_t(hi) - 1 - uint64_t(lo)) / uint64_t(step);
  if (step < 0 && lo > hi) return 1 + (uint64_t(lo) - 1 - uint64_t(hi)) / (0 - uint64_t(step));
  return 0;
}

// The length on arbitrary ints: (hi - lo - 1) // step + 1, or 0.
Object* compute_range_length(Object* start, Object* stop, Object* step) {
  ORef zero_obj = steal(zero());
  int cmp = rich_compare_bool(step, zero_obj.get(), Py_GT);
  if (cmp < 0) return nullptr;
  Object *lo, *hi;
  ORef pos_step;
  if (cmp == 1) {
    lo = start;
    hi = stop;
    pos_step = borrow(step);
  } else {
    lo = stop;
    hi = start;
    pos_step = steal(number_negative(step));
    if (!pos_step) return nullptr;
  }
  cmp = rich_compare_bool(lo, hi, Py_GE);
  if (cmp != 0) return cmp < 0 ? nullptr : zero();
  ORef one_obj = steal(one());
  ORef diff = steal(sub(hi, lo));
  if (!diff) return nullptr;
  ORef diff1 = steal(sub(diff.get(), one_obj.get()));
  if (!diff1) return nullptr;
  ORef q = steal(binary_op(diff1.get(), pos_step.get(), NB_FLOOR_DIVIDE));
  if (!q) return nullptr;
  return add(q.get(), one_obj.get());
}

// Creates a range from exact ints, stealing all three.
Object* make_range(Object* start_in, Object* stop_in, Object* step_in) {
  ORef start = steal(start_in), stop = steal(stop_in), step = steal(step_in);
  int64_t s = 0, e = 0, st = 0;
  ORef length;
  bool small = false;
  uint64_t ulen = 0;
  if (as_i64(start.get(), &s) && as_i64(stop.get(), &e) && as_i64(step.get(), &st)) {
    ulen = len_of_range(s, e, st);
    length = steal(int_from_u64(ulen));
    small = ulen <= uint64_t(kI64Max);
  } else {
    length = steal(compute_range_length(start.get(), stop.get(), step.get()));
  }
  if (!length) return nullptr;
  Object* o = new_object(&range_type, sizeof(RangeObject));
  if (!o) return nullptr;
  RangeObject* r = R(o);
  r->start = start.release();
  r->stop = stop.release();
  r->step = step.release();
  r->length = length.release();
  r->small = small;
  if (small) {
    r->istart = s;
    r->istop = e;
    r->istep = st;
    r->ilen = int64_t(ulen);
  }
  return o;
}

// start + i * step for an index object already known to be in range.
Object* compute_item(RangeObject* r, Object* i) {
  ORef incr = steal(mul(i, r->step));
  if (!incr) return nullptr;
  return add(r->start, incr.get());
}

Object* compute_range_item(RangeObject* r, Object* arg) {
  int64_t i;
  if (r->small && as_i64(arg, &i)) {
    if (i < 0) i += r->ilen;  // no overflow: ilen >= 0
    if (i < 0 || i >= r->ilen) return set_error(&exc_IndexError, "range object index out of range");
    // The result lies between start and stop, so it fits; compute in uint64 to keep the arithmetic defined.
    return int_from_i64(int64_t(uint64_t(r->istart) + uint64_t(i) * uint64_t(r->istep)));
  }
  ORef zero_obj = steal(zero());
  int cmp = rich_compare_bool(arg, zero_obj.get(), Py_LT);
  if (cmp < 0) return nullptr;
  ORef idx = cmp == 1 ? steal(add(r->length, arg)) : borrow(arg);
  if (!idx) return nullptr;
  cmp = rich_compare_bool(idx.get(), zero_obj.get(), Py_LT);
  if (cmp == 0) cmp = rich_compare_bool(idx.get(), r->length, Py_GE);
  if (cmp < 0) return nullptr;
  if (cmp == 1) return set_error(&exc_IndexError, "range object index out of range");
  return compute_item(r, idx.get());
}

// _PySlice_GetLongIndices: slice.indices() on arbitrary ints. Returns false with an error set.
bool slice_long_indices(SliceObject* self, Object* length, ORef* start_out, ORef* stop_out, ORef* step_out);

Object* compute_slice(RangeObject* r, Object* slice) {
  ORef start, stop, step;
  if (!slice_long_indices(reinterpret_cast<SliceObject*>(slice), r->length, &start, &stop, &step)) return nullptr;
  ORef substep = steal(mul(r->step, step.get()));
  if (!substep) return nullptr;
  ORef substart = steal(compute_item(r, start.get()));
  if (!substart) return nullptr;
  ORef substop = steal(compute_item(r, stop.get()));
  if (!substop) return nullptr;
  return make_range(substart.release(), substop.release(), substep.release());
}

inline bool is_exact_int_or_bool(Object* o) {
  return type_check_exact(o, &int_type) || type_check_exact(o, &bool_type);
}

// `ob in r` for an int or bool, in O(1).
int range_contains_long(RangeObject* r, Object* ob) {
  int64_t v;
  if (r->small && as_i64(ob, &v)) {
    if (r->istep > 0) {
      if (!(r->istart <= v && v < r->istop)) return 0;
    } else {
      if (!(r->istop < v && v <= r->istart)) return 0;
    }
    __int128 d = __int128(v) - r->istart;
    return d % r->istep == 0;
  }
  ORef zero_obj = steal(zero());
  int cmp1 = rich_compare_bool(r->step, zero_obj.get(), Py_GT);
  if (cmp1 < 0) return -1;
  int cmp2, cmp3;
  if (cmp1 == 1) {  // positive steps: start <= ob < stop
    cmp2 = rich_compare_bool(r->start, ob, Py_LE);
    cmp3 = rich_compare_bool(ob, r->stop, Py_LT);
  } else {  // negative steps: stop < ob <= start
    cmp2 = rich_compare_bool(ob, r->start, Py_LE);
    cmp3 = rich_compare_bool(r->stop, ob, Py_LT);
  }
  if (cmp2 < 0 || cmp3 < 0) return -1;
  if (cmp2 == 0 || cmp3 == 0) return 0;
  ORef tmp1 = steal(sub(ob, r->start));
  if (!tmp1) return -1;
  ORef tmp2 = steal(binary_op(tmp1.get(), r->step, NB_REMAINDER));
  if (!tmp2) return -1;
  return rich_compare_bool(tmp2.get(), zero_obj.get(), Py_EQ);
}

enum class Search { kContains, kCount, kIndex };

// _PySequence_IterSearch over the range's items.
ssize iter_search(Object* seq, Object* obj, Search op) {
  ORef it = steal(get_iter(seq));
  if (!it) return -1;
  ssize n = 0;
  for (;;) {
    ORef item = steal(iter_next(it.get()));
    if (!item) {
      if (error_occurred()) return -1;
      break;
    }
    int cmp = rich_compare_bool(item.get(), obj, Py_EQ);
    if (cmp < 0) return -1;
    if (cmp > 0) {
      if (op == Search::kContains) return 1;
      if (op == Search::kIndex) return n;
      n++;  // kCount
      continue;
    }
    if (op == Search::kIndex) n++;
  }
  if (op == Search::kIndex) {
    set_error(&exc_ValueError, "sequence.index(x): x not in sequence");
    return -1;
  }
  return op == Search::kCount ? n : 0;
}

// ---- range slots ----

void range_dealloc(Object* self) {
  RangeObject* r = R(self);
  decref(r->start);
  decref(r->stop);
  decref(r->step);
  decref(r->length);
  object_free(self);
}

Object* range_tp_new(Type* type, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds) > 0) return set_error(&exc_TypeError, "range() takes no keyword arguments");
  (void)type;
  ssize nargs = args ? tuple_size(args) : 0;
  if (nargs == 0) return set_error(&exc_TypeError, "range expected at least 1 argument, got 0");
  if (nargs > 3) return set_errorf(&exc_TypeError, "range expected at most 3 arguments, got {}", nargs);
  if (nargs == 1) {
    ORef stop = steal(number_index(tuple_get(args, 0)));
    if (!stop) return nullptr;
    return make_range(zero(), stop.release(), one());
  }
  ORef start = steal(number_index(tuple_get(args, 0)));
  if (!start) return nullptr;
  ORef stop = steal(number_index(tuple_get(args, 1)));
  if (!stop) return nullptr;
  ORef step;
  if (nargs == 3) {
    step = steal(number_index(tuple_get(args, 2)));
    if (!step) return nullptr;
    if (int_is_zero(step.get())) return set_error(&exc_ValueError, "range() arg 3 must not be zero");
  } else {
    step = steal(one());
  }
  return make_range(start.release(), stop.release(), step.release());
}

Object* range_vectorcall(Object* type, Object* const* args, size_t nargsf, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) return set_error(&exc_TypeError, "range() takes no keyword arguments");
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  ORef t = steal(tuple_from_array(args, nargs));
  if (!t) return nullptr;
  return range_tp_new(reinterpret_cast<Type*>(type), t.get(), nullptr);
}

Object* range_repr(Object* self) {
  RangeObject* r = R(self);
  std::string a, b;
  if (!repr_utf8(r->start, &a) || !repr_utf8(r->stop, &b)) return nullptr;
  int64_t st;
  if (as_i64(r->step, &st) && st == 1) return str_from_utf8("range(" + a + ", " + b + ")");
  std::string c;
  if (!repr_utf8(r->step, &c)) return nullptr;
  return str_from_utf8("range(" + a + ", " + b + ", " + c + ")");
}

ssize range_length(Object* self) {
  RangeObject* r = R(self);
  if (r->small) return r->ilen;
  return int_as_ssize(r->length);
}

int range_bool(Object* self) { return !int_is_zero(R(self)->length); }

Object* range_item(Object* self, ssize i) {
  ORef arg = steal(int_from_ssize(i));
  if (!arg) return nullptr;
  return compute_range_item(R(self), arg.get());
}

Object* range_subscript(Object* self, Object* item) {
  if (type_check_exact(item, &slice_type)) return compute_slice(R(self), item);
  if (index_check(item)) {
    ORef i = steal(number_index(item));
    if (!i) return nullptr;
    return compute_range_item(R(self), i.get());
  }
  return set_errorf(&exc_TypeError, "range indices must be integers or slices, not {}", type_name(item));
}

int range_contains(Object* self, Object* ob) {
  if (is_exact_int_or_bool(ob)) return range_contains_long(R(self), ob);
  return int(iter_search(self, ob, Search::kContains));
}

// r0 == r1: same length, and (when non-empty) same start, and (when longer than 1) same step.
int range_equals(RangeObject* r0, RangeObject* r1) {
  if (r0 == r1) return 1;
  int cmp = rich_compare_bool(r0->length, r1->length, Py_EQ);
  if (cmp != 1) return cmp;
  if (int_is_zero(r0->length)) return 1;
  cmp = rich_compare_bool(r0->start, r1->start, Py_EQ);
  if (cmp != 1) return cmp;
  int64_t len;
  if (as_i64(r0->length, &len) && len == 1) return 1;
  return rich_compare_bool(r0->step, r1->step, Py_EQ);
}

Object* range_richcompare(Object* self, Object* other, int op) {
  if (!type_check(other, &range_type)) return newref(not_implemented());
  if (op != Py_EQ && op != Py_NE) return newref(not_implemented());
  int result = range_equals(R(self), R(other));
  if (result < 0) return nullptr;
  if (op == Py_NE) result = !result;
  return newref(bool_obj(result != 0));
}

// hash((len, None, None)) when empty, hash((len, start, None)) for one item, else hash((len, start, step)).
hash_t range_hash(Object* self) {
  RangeObject* r = R(self);
  Object* second = none();
  Object* third = none();
  if (!int_is_zero(r->length)) {
    second = r->start;
    int64_t len;
    if (!(as_i64(r->length, &len) && len == 1)) third = r->step;
  }
  ORef t = steal(tuple_pack({r->length, second, third}));
  if (!t) return -1;
  return tuple_hash(t.get());
}

Object* range_count(Object* self, Object* ob) {
  if (is_exact_int_or_bool(ob)) {
    int result = range_contains_long(R(self), ob);
    if (result < 0) return nullptr;
    return int_from_i64(result);
  }
  ssize count = iter_search(self, ob, Search::kCount);
  if (count < 0) return nullptr;
  return int_from_ssize(count);
}

Object* range_index(Object* self, Object* ob) {
  RangeObject* r = R(self);
  if (!is_exact_int_or_bool(ob)) {
    ssize index = iter_search(self, ob, Search::kIndex);
    if (index < 0) return nullptr;
    return int_from_ssize(index);
  }
  int contains = range_contains_long(r, ob);
  if (contains < 0) return nullptr;
  if (contains) {
    ORef tmp = steal(sub(ob, r->start));
    if (!tmp) return nullptr;
    return binary_op(tmp.get(), r->step, NB_FLOOR_DIVIDE);
  }
  std::string s;
  if (!repr_utf8(ob, &s)) return nullptr;
  return set_errorf(&exc_ValueError, "{} is not in range", s);
}

Object* range_reduce(Object* self, Object*) {
  RangeObject* r = R(self);
  ORef args = steal(tuple_pack({r->start, r->stop, r->step}));
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

// ---- range iterators ----

// range_iterator: machine ints. Fields are read and written with relaxed atomics, so a shared iterator may
// repeat or skip items under contention but never misbehaves.
struct RangeIterObject {
  PyObject ob_base;
  int64_t start;
  int64_t step;
  int64_t len;
};

// longrange_iterator: arbitrary ints, updated under the iterator's critical section.
struct LongRangeIterObject {
  PyObject ob_base;
  Object* start;
  Object* step;
  Object* len;
};

Object* fast_range_iter(int64_t start, int64_t step, int64_t len) {
  Object* o = new_object(&range_iterator_type, sizeof(RangeIterObject));
  if (!o) return nullptr;
  auto* it = reinterpret_cast<RangeIterObject*>(o);
  it->start = start;
  it->step = step;
  it->len = len;
  return o;
}

Object* long_range_iter(Object* start, Object* step, Object* len) {  // steals all three
  ORef s = steal(start), st = steal(step), l = steal(len);
  if (!s || !st || !l) return nullptr;
  Object* o = new_object(&longrange_iterator_type, sizeof(LongRangeIterObject));
  if (!o) return nullptr;
  auto* it = reinterpret_cast<LongRangeIterObject*>(o);
  it->start = s.release();
  it->step = st.release();
  it->len = l.release();
  return o;
}

Object* range_iter(Object* self) {
  RangeObject* r = R(self);
  if (r->small) {
    int64_t lstart = r->istart, lstop = r->istop, lstep = r->istep;
    uint64_t ulen = uint64_t(r->ilen);
    // The iterator computes start + len * step one step past the end: make sure that cannot overflow.
    bool ok = true;
    if (ulen) {
      if (lstep > 0)
        ok = !(lstop > kI64Max - (lstep - 1));
      else
        ok = !(lstop < kI64Min + (-1 - lstep));
    }
    if (ok) return fast_range_iter(lstart, lstep, int64_t(ulen));
  }
  return long_range_iter(newref(r->start), newref(r->step), newref(r->length));
}

// reversed(range(start, stop, step)) is range(start + (n-1)*step, start - step, -step).
Object* range_reversed(Object* self, Object*) {
  RangeObject* r = R(self);
  if (r->small) {
    int64_t lstart = r->istart, lstep = r->istep;
    bool ok = lstep != kI64Min;
    if (ok) {
      if (lstep > 0)
        ok = !(uint64_t(lstart) - uint64_t(kI64Min) < uint64_t(lstep));
      else
        ok = !(uint64_t(kI64Max) - uint64_t(lstart) < 0 - uint64_t(lstep));
    }
    if (ok) {
      uint64_t ulen = uint64_t(r->ilen);
      int64_t new_stop = lstart - lstep;
      int64_t new_start = int64_t(uint64_t(new_stop) + ulen * uint64_t(lstep));
      return fast_range_iter(new_start, -lstep, int64_t(ulen));
    }
  }
  ORef one_obj = steal(one());
  ORef diff = steal(sub(r->length, one_obj.get()));
  if (!diff) return nullptr;
  ORef product = steal(mul(diff.get(), r->step));
  if (!product) return nullptr;
  return long_range_iter(add(r->start, product.get()), number_negative(r->step), newref(r->length));
}

Object* rangeiter_next(Object* self) {
  auto* it = reinterpret_cast<RangeIterObject*>(self);
  int64_t len = __atomic_load_n(&it->len, __ATOMIC_RELAXED);
  if (len <= 0) return nullptr;
  int64_t result = __atomic_load_n(&it->start, __ATOMIC_RELAXED);
  __atomic_store_n(&it->start, int64_t(uint64_t(result) + uint64_t(it->step)), __ATOMIC_RELAXED);
  __atomic_store_n(&it->len, len - 1, __ATOMIC_RELAXED);
  return int_from_i64(result);
}

Object* rangeiter_length_hint(Object* self, Object*) {
  auto* it = reinterpret_cast<RangeIterObject*>(self);
  int64_t len = __atomic_load_n(&it->len, __ATOMIC_RELAXED);
  return int_from_i64(len > 0 ? len : 0);
}

// (iter, (range(start, start + len * step, step),), None): the range of what is left.
Object* range_iter_reduce_value(Object* start, Object* step, Object* len) {
  ORef iter = steal(builtin_object("iter"));
  if (!iter) return nullptr;
  ORef product = steal(mul(len, step));
  if (!product) return nullptr;
  ORef stop = steal(add(start, product.get()));
  if (!stop) return nullptr;
  ORef range = steal(make_range(newref(start), stop.release(), newref(step)));
  if (!range) return nullptr;
  return iter_reduce_value(iter.get(), range.get(), none());
}

Object* rangeiter_reduce(Object* self, Object*) {
  auto* it = reinterpret_cast<RangeIterObject*>(self);
  // Read as next() reads them: a racing next() can make the pair stale, never invalid.
  int64_t len = __atomic_load_n(&it->len, __ATOMIC_RELAXED);
  int64_t start = __atomic_load_n(&it->start, __ATOMIC_RELAXED);
  ORef start_obj = steal(int_from_i64(start));
  ORef step_obj = steal(int_from_i64(it->step));
  ORef len_obj = steal(int_from_i64(len > 0 ? len : 0));
  if (!start_obj || !step_obj || !len_obj) return nullptr;
  return range_iter_reduce_value(start_obj.get(), step_obj.get(), len_obj.get());
}

// Skips `state` items (clamped to [0, len]), as CPython's rangeiter_setstate does: the index is relative to
// where the iterator stands, which for an unpickled one (built from the remaining range) is its start.
Object* rangeiter_setstate(Object* self, Object* state) {
  ORef index_obj = steal(number_index(state));
  if (!index_obj) return nullptr;
  int overflow = 0;
  int64_t index = int_as_i64(index_obj.get(), &overflow);
  if (overflow) return set_error(&exc_OverflowError, "Python int too large to convert to C long");
  if (index == -1 && error_occurred()) return nullptr;
  auto* it = reinterpret_cast<RangeIterObject*>(self);
  int64_t len = __atomic_load_n(&it->len, __ATOMIC_RELAXED);
  if (index < 0)
    index = 0;
  else if (index > len)
    index = len;
  int64_t start = __atomic_load_n(&it->start, __ATOMIC_RELAXED);
  // start + index * step stays within start + len * step, which range_iter checked cannot overflow.
  __atomic_store_n(&it->start, int64_t(uint64_t(start) + uint64_t(index) * uint64_t(it->step)), __ATOMIC_RELAXED);
  __atomic_store_n(&it->len, len - index, __ATOMIC_RELAXED);
  return newref(none());
}

void rangeiter_dealloc(Object* self) { object_free(self); }

Object* longrangeiter_next(Object* self) {
  auto* it = reinterpret_cast<LongRangeIterObject*>(self);
  sync::CriticalSection cs(self);
  if (int_sign(it->len) <= 0) return nullptr;
  ORef new_start = steal(add(it->start, it->step));
  if (!new_start) return nullptr;
  ORef one_obj = steal(one());
  ORef new_len = steal(sub(it->len, one_obj.get()));
  if (!new_len) return nullptr;
  Object* result = it->start;
  it->start = new_start.release();
  set_slot(&it->len, new_len.release());
  return result;
}

Object* longrangeiter_length_hint(Object* self, Object*) {
  sync::CriticalSection cs(self);
  return newref(reinterpret_cast<LongRangeIterObject*>(self)->len);
}

Object* longrangeiter_reduce(Object* self, Object*) {
  auto* it = reinterpret_cast<LongRangeIterObject*>(self);
  ORef start, step, len;
  {
    sync::CriticalSection cs(self);
    start = borrow(it->start);
    step = borrow(it->step);
    len = borrow(it->len);
  }
  return range_iter_reduce_value(start.get(), step.get(), len.get());
}

// As rangeiter_setstate, on ints. CPython clamps by comparison and then does the arithmetic with whatever it was
// given; this takes the clamped value's __index__ instead, so a float state raises TypeError here where CPython
// accepts it (and leaves a float start behind).
Object* longrangeiter_setstate(Object* self, Object* state) {
  auto* it = reinterpret_cast<LongRangeIterObject*>(self);
  ORef zero_obj = steal(zero());
  if (!zero_obj) return nullptr;
  ORef len;
  {
    sync::CriticalSection cs(self);
    len = borrow(it->len);
  }
  ORef index = borrow(state);
  int cmp = rich_compare_bool(state, zero_obj.get(), Py_LT);
  if (cmp < 0) return nullptr;
  if (cmp > 0) {
    index = borrow(zero_obj.get());
  } else {
    cmp = rich_compare_bool(len.get(), state, Py_LT);
    if (cmp < 0) return nullptr;
    if (cmp > 0) index = borrow(len.get());
  }
  index = steal(number_index(index.get()));
  if (!index) return nullptr;
  sync::CriticalSection cs(self);
  // Recomputed from the current fields, so that a racing next() is not undone.
  ORef product = steal(mul(index.get(), it->step));
  if (!product) return nullptr;
  ORef new_start = steal(add(it->start, product.get()));
  if (!new_start) return nullptr;
  ORef new_len = steal(sub(it->len, index.get()));
  if (!new_len) return nullptr;
  set_slot(&it->start, new_start.release());
  set_slot(&it->len, new_len.release());
  return newref(none());
}

void longrangeiter_dealloc(Object* self) {
  auto* it = reinterpret_cast<LongRangeIterObject*>(self);
  xdecref(it->start);
  xdecref(it->step);
  xdecref(it->len);
  object_free(self);
}

Object* self_iter(Object* self) { return newref(self); }

PyMethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", rangeiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", rangeiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr}};
PyMethodDef longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", longrangeiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", longrangeiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr}};

PyMethodDef range_methods[] = {
    {"__reversed__", range_reversed, METH_NOARGS, "Return a reverse iterator."},
    {"__reduce__", range_reduce, METH_NOARGS, nullptr},
    {"count", range_count, METH_O, "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", range_index, METH_O,
     "rangeobject.index(value) -> integer -- return index of value.\nRaise ValueError if the value is not present."},
    {nullptr, nullptr, 0, nullptr}};

// Read-only object members, as in CPython (assignment says "readonly attribute").
PyMemberDef range_members[] = {{"start", 6 /* T_OBJECT */, offsetof(RangeObject, start), 1 /* READONLY */, nullptr},
                               {"stop", 6 /* T_OBJECT */, offsetof(RangeObject, stop), 1 /* READONLY */, nullptr},
                               {"step", 6 /* T_OBJECT */, offsetof(RangeObject, step), 1 /* READONLY */, nullptr},
                               {nullptr, 0, 0, 0, nullptr}};

PyNumberMethods range_as_number = {.nb_bool = range_bool};
PySequenceMethods range_as_sequence = {
    .sq_length = range_length,
    .sq_item = range_item,
    .sq_contains = range_contains,
};
PyMappingMethods range_as_mapping = {
    .mp_length = range_length,
    .mp_subscript = range_subscript,
};

// ---- slice ----

inline SliceObject* S(Object* o) { return reinterpret_cast<SliceObject*>(o); }

// evaluate_slice_index: an int via __index__, or the TypeError slices raise.
Object* evaluate_slice_index(Object* v) {
  if (index_check(v)) return number_index(v);
  return set_error(&exc_TypeError, "slice indices must be integers or None or have an __index__ method");
}

bool slice_long_indices(SliceObject* self, Object* length, ORef* start_out, ORef* stop_out, ORef* step_out) {
  ORef step;
  bool step_is_negative = false;
  if (self->step == none()) {
    step = steal(one());
  } else {
    step = steal(evaluate_slice_index(self->step));
    if (!step) return false;
    int sign = int_sign(step.get());
    if (sign == 0) {
      set_error(&exc_ValueError, "slice step cannot be zero");
      return false;
    }
    step_is_negative = sign < 0;
  }
  // Bounds for start and stop: [-1, length-1] for negative steps, [0, length] otherwise.
  ORef lower, upper;
  if (step_is_negative) {
    lower = steal(int_from_i64(-1));
    upper = steal(add(length, lower.get()));
    if (!upper) return false;
  } else {
    lower = steal(zero());
    upper = borrow(length);
  }
  auto resolve = [&](Object* v, Object* dflt, ORef* out) -> bool {
    if (v == none()) {
      *out = borrow(dflt);
      return true;
    }
    ORef x = steal(evaluate_slice_index(v));
    if (!x) return false;
    if (int_sign(x.get()) < 0) {
      x = steal(add(x.get(), length));
      if (!x) return false;
      int cmp = rich_compare_bool(x.get(), lower.get(), Py_LT);
      if (cmp < 0) return false;
      if (cmp) x = lower;
    } else {
      int cmp = rich_compare_bool(x.get(), upper.get(), Py_GT);
      if (cmp < 0) return false;
      if (cmp) x = upper;
    }
    *out = std::move(x);
    return true;
  };
  ORef start, stop;
  if (!resolve(self->start, step_is_negative ? upper.get() : lower.get(), &start)) return false;
  if (!resolve(self->stop, step_is_negative ? lower.get() : upper.get(), &stop)) return false;
  *start_out = std::move(start);
  *stop_out = std::move(stop);
  *step_out = std::move(step);
  return true;
}

void slice_dealloc(Object* self) {
  SliceObject* s = S(self);
  decref(s->start);
  decref(s->stop);
  decref(s->step);
  object_free(self);
}

int slice_traverse(Object* self, visitproc visit, void* arg) {
  SliceObject* s = S(self);
  for (Object* v : {s->start, s->stop, s->step}) {
    if (int r = visit(v, arg)) return r;
  }
  return 0;
}

Object* slice_tp_new(Type*, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds) > 0) return set_error(&exc_TypeError, "slice() takes no keyword arguments");
  ssize nargs = args ? tuple_size(args) : 0;
  if (nargs == 0) return set_error(&exc_TypeError, "slice expected at least 1 argument, got 0");
  if (nargs > 3) return set_errorf(&exc_TypeError, "slice expected at most 3 arguments, got {}", nargs);
  if (nargs == 1) return slice_new(nullptr, tuple_get(args, 0), nullptr);
  return slice_new(tuple_get(args, 0), tuple_get(args, 1), nargs == 3 ? tuple_get(args, 2) : nullptr);
}

Object* slice_repr(Object* self) {
  SliceObject* s = S(self);
  std::string a, b, c;
  if (!repr_utf8(s->start, &a) || !repr_utf8(s->stop, &b) || !repr_utf8(s->step, &c)) return nullptr;
  return str_from_utf8("slice(" + a + ", " + b + ", " + c + ")");
}

Object* slice_richcompare(Object* v, Object* w, int op) {
  if (!type_check_exact(v, &slice_type) || !type_check_exact(w, &slice_type)) return newref(not_implemented());
  if (v == w) return newref(bool_obj(op == Py_EQ || op == Py_LE || op == Py_GE));
  ORef t1 = steal(tuple_pack({S(v)->start, S(v)->stop, S(v)->step}));
  if (!t1) return nullptr;
  ORef t2 = steal(tuple_pack({S(w)->start, S(w)->stop, S(w)->step}));
  if (!t2) return nullptr;
  return rich_compare(t1.get(), t2.get(), op);
}

// The tuple hash of (start, stop, step) without the length term (CPython 3.12+).
hash_t slice_hash(Object* self) {
  constexpr uint64_t kP1 = 11400714785074694791ULL, kP2 = 14029467366897019727ULL, kP5 = 2870177450012600261ULL;
  SliceObject* s = S(self);
  uint64_t acc = kP5;
  for (Object* v : {s->start, s->stop, s->step}) {
    hash_t lane = object_hash(v);
    if (lane == -1) return -1;
    acc += uint64_t(lane) * kP2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kP1;
  }
  if (acc == uint64_t(-1)) return 1546275796;
  return hash_t(acc);
}

Object* slice_indices(Object* self, Object* len) {
  ORef length = steal(number_index(len));
  if (!length) return nullptr;
  if (int_sign(length.get()) < 0) return set_error(&exc_ValueError, "length should not be negative");
  ORef start, stop, step;
  if (!slice_long_indices(S(self), length.get(), &start, &stop, &step)) return nullptr;
  return tuple_pack({start.get(), stop.get(), step.get()});
}

Object* slice_reduce(Object* self, Object*) {
  SliceObject* s = S(self);
  ORef args = steal(tuple_pack({s->start, s->stop, s->step}));
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

PyMethodDef slice_methods[] = {
    {"indices", slice_indices, METH_O,
     "S.indices(len) -> (start, stop, stride)\n\nAssuming a sequence of length len, calculate the start and stop\n"
     "indices, and the stride length of the extended slice described by\nS. Out of bounds indices are clipped in "
     "a manner consistent with the\nhandling of normal slices."},
    {"__reduce__", slice_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr}};

PyMemberDef slice_members[] = {{"start", 6 /* T_OBJECT */, offsetof(SliceObject, start), 1 /* READONLY */, nullptr},
                               {"stop", 6 /* T_OBJECT */, offsetof(SliceObject, stop), 1 /* READONLY */, nullptr},
                               {"step", 6 /* T_OBJECT */, offsetof(SliceObject, step), 1 /* READONLY */, nullptr},
                               {nullptr, 0, 0, 0, nullptr}};

}  // namespace

Type range_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "range",
    .tp_basicsize = sizeof(RangeObject),
    .tp_dealloc = range_dealloc,
    .tp_repr = range_repr,
    .tp_as_number = &range_as_number,
    .tp_as_sequence = &range_as_sequence,
    .tp_as_mapping = &range_as_mapping,
    .tp_hash = range_hash,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_SEQUENCE,
    .tp_doc =
        "range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\n"
        "Return an object that produces a sequence of integers from start (inclusive)\n"
        "to stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\n"
        "start defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\n"
        "These are exactly the valid indices for a list of 4 elements.\n"
        "When step is given, it specifies the increment (or decrement).",
    .tp_richcompare = range_richcompare,
    .tp_iter = range_iter,
    .tp_methods = range_methods,
    .tp_members = range_members,
    .tp_new = range_tp_new,
    .tp_free = object_free,
    .tp_vectorcall = range_vectorcall,
};

Type range_iterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "range_iterator",
    .tp_basicsize = sizeof(RangeIterObject),
    .tp_dealloc = rangeiter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = 0,
    .tp_iter = self_iter,
    .tp_iternext = rangeiter_next,
    .tp_methods = rangeiter_methods,
    .tp_free = object_free,
};

Type longrange_iterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "longrange_iterator",
    .tp_basicsize = sizeof(LongRangeIterObject),
    .tp_dealloc = longrangeiter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = 0,
    .tp_iter = self_iter,
    .tp_iternext = longrangeiter_next,
    .tp_methods = longrangeiter_methods,
    .tp_free = object_free,
};

Type slice_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "slice",
    .tp_basicsize = sizeof(SliceObject),
    .tp_dealloc = slice_dealloc,
    .tp_repr = slice_repr,
    .tp_hash = slice_hash,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC,
    .tp_doc =
        "slice(stop)\nslice(start, stop[, step])\n\n"
        "Create a slice object.  This is used for extended slicing (e.g. a[0:10:2]).",
    .tp_traverse = slice_traverse,
    .tp_richcompare = slice_richcompare,
    .tp_methods = slice_methods,
    .tp_members = slice_members,
    .tp_new = slice_tp_new,
    .tp_free = object_free,
};

Object* range_new(ssize start, ssize stop, ssize step) {
  if (step == 0) return set_error(&exc_ValueError, "range() arg 3 must not be zero");
  Object* a = int_from_ssize(start);
  Object* b = int_from_ssize(stop);
  Object* c = int_from_ssize(step);
  if (!a || !b || !c) {
    xdecref(a);
    xdecref(b);
    xdecref(c);
    return nullptr;
  }
  return make_range(a, b, c);
}

Object* slice_new(Object* start, Object* stop, Object* step) {
  Object* o = new_object(&slice_type, sizeof(SliceObject));
  if (!o) return nullptr;
  SliceObject* s = S(o);
  s->start = newref(start ? start : none());
  s->stop = newref(stop ? stop : none());
  s->step = newref(step ? step : none());
  return o;
}

bool slice_index(Object* v, ssize* out) {
  if (v == none()) return true;
  if (type_check_exact(v, &int_type) && int_is_compact(v)) {
    *out = int_compact_value(v);
    return true;
  }
  if (!index_check(v)) {
    set_error(&exc_TypeError, "slice indices must be integers or None or have an __index__ method");
    return false;
  }
  ssize x = number_as_ssize(v, nullptr);
  if (x == -1 && error_occurred()) return false;
  *out = x;
  return true;
}

int slice_unpack(Object* slice, ssize* start, ssize* stop, ssize* step) {
  SliceObject* r = S(slice);
  if (r->step == none()) {
    *step = 1;
  } else {
    if (!slice_index(r->step, step)) return -1;
    if (*step == 0) {
      set_error(&exc_ValueError, "slice step cannot be zero");
      return -1;
    }
    // -PY_SSIZE_T_MAX-1 becomes -PY_SSIZE_T_MAX, so that later code may negate the step safely.
    if (*step < -kSsizeMax) *step = -kSsizeMax;
  }
  if (r->start == none()) {
    *start = *step < 0 ? kSsizeMax : 0;
  } else if (!slice_index(r->start, start)) {
    return -1;
  }
  if (r->stop == none()) {
    *stop = *step < 0 ? kSsizeMin : kSsizeMax;
  } else if (!slice_index(r->stop, stop)) {
    return -1;
  }
  return 0;
}

ssize slice_adjust_indices(ssize length, ssize* start, ssize* stop, ssize step) {
  if (*start < 0) {
    *start += length;
    if (*start < 0) *start = step < 0 ? -1 : 0;
  } else if (*start >= length) {
    *start = step < 0 ? length - 1 : length;
  }
  if (*stop < 0) {
    *stop += length;
    if (*stop < 0) *stop = step < 0 ? -1 : 0;
  } else if (*stop >= length) {
    *stop = step < 0 ? length - 1 : length;
  }
  if (step < 0) {
    if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
  } else if (*start < *stop) {
    return (*stop - *start - 1) / step + 1;
  }
  return 0;
}

ssize slice_adjust(Object* slice, ssize length, ssize* start, ssize* stop, ssize* step) {
  if (slice_unpack(slice, start, stop, step) < 0) return -1;
  return slice_adjust_indices(length, start, stop, *step);
}

}  // namespace pyvm
