// The _bisect module: binary search (bisect_left/right) and sorted insertion (insort_left/right) on any sequence,
// with lo/hi bounds and key functions.
//
// Thread-safety: each probe is one sequence indexing (which locks a list for that access), and the comparisons
// and key calls run unlocked; a sequence mutated meanwhile gives an unspecified position, never a crash.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

// The parsed (a, x, lo, hi, key) arguments; hi is -1 for "len(a)".
struct BisectArgs {
  Object* a;
  Object* x;
  ssize lo = 0;
  ssize hi = -1;
  Object* key = nullptr;
};

bool ssize_arg(Object* o, ssize* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  *out = number_as_ssize(i.get(), &exc_OverflowError);
  return !(*out == -1 && error_occurred());
}

bool parse_bisect(const char* fname, Object* const* args, ssize nargs, Object* kwnames, BisectArgs* out) {
  Object* v[5] = {};
  if (!parse_args(fname, args, nargs, kwnames, {"a", "x", "lo", "hi", "$key"}, 2, v)) return false;
  out->a = v[0];
  out->x = v[1];
  if (v[2] && !ssize_arg(v[2], &out->lo)) return false;
  if (v[3] && v[3] != none()) {
    if (!index_check(v[3])) {
      set_errorf(&exc_TypeError, "argument should be integer or None, not '{}'", type_name(v[3]));
      return false;
    }
    if (!ssize_arg(v[3], &out->hi)) return false;
  }
  out->key = v[4] == none() ? nullptr : v[4];
  return true;
}

// The insertion point of `x` (already passed through the key function by insort) in a[lo:hi]; `right` places it
// after equal items. -1 with an exception on error.
ssize bisect(Object* a, Object* x, ssize lo, ssize hi, Object* key, bool right) {
  if (lo < 0) {
    set_error(&exc_ValueError, "lo must be non-negative");
    return -1;
  }
  if (hi == -1) {
    hi = object_length(a);
    if (hi < 0) return -1;
  }
  while (lo < hi) {
    // (lo + hi) / 2 without overflow: both are non-negative ssize values.
    ssize mid = ssize((size_t(lo) + size_t(hi)) / 2);
    ORef item = steal(sequence_get_index(a, mid));
    if (!item) return -1;
    if (key) {
      item = steal(call1(key, item.get()));
      if (!item) return -1;
    }
    int lt = right ? rich_compare_bool(x, item.get(), Py_LT) : rich_compare_bool(item.get(), x, Py_LT);
    if (lt < 0) return -1;
    if (right ? lt : !lt)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

template <bool kRight>
Object* bisect_fn(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  BisectArgs b;
  if (!parse_bisect(kRight ? "bisect_right" : "bisect_left", args, nargs, kwnames, &b)) return nullptr;
  ssize i = bisect(b.a, b.x, b.lo, b.hi, b.key, kRight);
  return i < 0 ? nullptr : int_from_ssize(i);
}

template <bool kRight>
Object* insort_fn(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  BisectArgs b;
  if (!parse_bisect(kRight ? "insort_right" : "insort_left", args, nargs, kwnames, &b)) return nullptr;
  ssize i;
  if (b.key) {
    ORef kx = steal(call1(b.key, b.x));
    if (!kx) return nullptr;
    i = bisect(b.a, kx.get(), b.lo, b.hi, b.key, kRight);
  } else {
    i = bisect(b.a, b.x, b.lo, b.hi, nullptr, kRight);
  }
  if (i < 0) return nullptr;
  if (type_check_exact(b.a, &list_type)) {
    if (list_insert(b.a, i, b.x) < 0) return nullptr;
    return newref(none());
  }
  ORef idx = steal(int_from_ssize(i));
  if (!idx) return nullptr;
  Object* call_args[2] = {idx.get(), b.x};
  ORef r = steal(call_method(b.a, str_interned("insert"), call_args, 2));
  if (!r) return nullptr;
  return newref(none());
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef bisect_methods[] = {
    {"bisect_right", FAST(bisect_fn<true>), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"insort_right", FAST(insort_fn<true>), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"bisect_left", FAST(bisect_fn<false>), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"insort_left", FAST(insort_fn<false>), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Object* create_bisect_module() {
  ORef m = steal(module_new(str_interned("_bisect")));
  if (!m || module_add_functions(m.get(), bisect_methods) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
