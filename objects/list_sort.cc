// list.sort: CPython's adaptive, stable natural merge sort (timsort runs, powersort merge policy, galloping) and
// its pre-sort choice of specialised comparisons, so that even inconsistent orderings sort exactly as CPython.
#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

#include "alloc/heap.h"
#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/list_storage.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

constexpr ssize kMinGallop = 7;       // galloping starts after this many consecutive wins
constexpr ssize kTempSize = 256;      // merge scratch space kept on the stack
constexpr ssize kMaxMinrun = 64;      // natural runs shorter than minrun are extended by insertion sort
constexpr int kMaxMergePending = 64;  // bits in a ssize: enough pending runs for any list

// Keys and their values (the list items) move in lock step; values is null when the items are the keys.
struct SortSlice {
  Object** keys;
  Object** values;

  void advance(ssize n) {
    keys += n;
    if (values) values += n;
  }
  void copy_from(ssize i, const SortSlice& s, ssize j) {
    keys[i] = s.keys[j];
    if (values) values[i] = s.values[j];
  }
  void memcpy_from(ssize i, const SortSlice& s, ssize j, ssize n) {
    std::memcpy(&keys[i], &s.keys[j], size_t(n) * sizeof(Object*));
    if (values) std::memcpy(&values[i], &s.values[j], size_t(n) * sizeof(Object*));
  }
  void memmove_from(ssize i, const SortSlice& s, ssize j, ssize n) {
    std::memmove(&keys[i], &s.keys[j], size_t(n) * sizeof(Object*));
    if (values) std::memmove(&values[i], &s.values[j], size_t(n) * sizeof(Object*));
  }
};

// *dst++ = *src++ and *dst-- = *src-- on both arrays.
inline void copy_incr(SortSlice& dst, SortSlice& src) {
  *dst.keys++ = *src.keys++;
  if (dst.values) *dst.values++ = *src.values++;
}
inline void copy_decr(SortSlice& dst, SortSlice& src) {
  *dst.keys-- = *src.keys--;
  if (dst.values) *dst.values-- = *src.values--;
}

void reverse_range(Object** lo, Object** hi) {
  --hi;
  while (lo < hi) std::swap(*lo++, *hi--);
}
void reverse_slice(SortSlice& s, ssize n) {
  reverse_range(s.keys, s.keys + n);
  if (s.values) reverse_range(s.values, s.values + n);
}

struct MergeState;
using CompareFn = int (*)(Object*, Object*, MergeState*);

struct Run {
  SortSlice base;
  ssize len;
  int power;  // the run's depth in the powersort merge tree
};

struct MergeState {
  ssize min_gallop;
  ssize listlen;
  Object** basekeys;
  SortSlice a;  // merge scratch space; may point into temparray
  ssize alloced;
  int n;
  Run pending[kMaxMergePending];
  Object* temparray[kTempSize];
  CompareFn key_compare;
  richcmpfunc key_richcompare;
  CompareFn tuple_elem_compare;
};

// 1 if x < y, 0 if not, -1 on error.
inline int lt(MergeState* ms, Object* x, Object* y) { return ms->key_compare(x, y, ms); }

// ---- comparisons chosen by the pre-sort check ----

int safe_object_compare(Object* v, Object* w, MergeState*) { return rich_compare_bool(v, w, Py_LT); }

// All keys share one type: call its tp_richcompare directly.
int unsafe_object_compare(Object* v, Object* w, MergeState* ms) {
  if (type_of(v)->tp_richcompare != ms->key_richcompare) return rich_compare_bool(v, w, Py_LT);
  Object* res = ms->key_richcompare(v, w, Py_LT);
  if (res == not_implemented()) {
    decref(res);
    return rich_compare_bool(v, w, Py_LT);
  }
  if (!res) return -1;
  int r = type_check_exact(res, &bool_type) ? int(res == true_()) : object_is_true(res);
  decref(res);
  return r;
}

// Exact str keys of the 1-byte kind: byte comparison is code-point comparison.
int unsafe_latin_compare(Object* v, Object* w, MergeState*) {
  ssize lv = str_length(v), lw = str_length(w);
  int res = std::memcmp(str_data(v), str_data(w), size_t(lv < lw ? lv : lw));
  return res != 0 ? res < 0 : lv < lw;
}

// Exact int keys that each fit one digit.
int unsafe_long_compare(Object* v, Object* w, MergeState*) { return int_compact_value(v) < int_compact_value(w); }

int unsafe_float_compare(Object* v, Object* w, MergeState*) { return float_value(v) < float_value(w); }

// Exact non-empty tuples: find the first unequal position; the first element uses the specialised compare.
int unsafe_tuple_compare(Object* v, Object* w, MergeState* ms) {
  ssize vlen = tuple_size(v), wlen = tuple_size(w);
  ssize i = 0;
  for (; i < vlen && i < wlen; i++) {
    int k = rich_compare_bool(tuple_get(v, i), tuple_get(w, i), Py_EQ);
    if (k < 0) return -1;
    if (!k) break;
  }
  if (i >= vlen || i >= wlen) return vlen < wlen;
  if (i == 0) return ms->tuple_elem_compare(tuple_get(v, 0), tuple_get(w, 0), ms);
  return rich_compare_bool(tuple_get(v, i), tuple_get(w, i), Py_LT);
}

// ---- the sort ----

// Stable binary insertion sort of ss[0:n], where ss[0:ok] is already sorted. n <= kMaxMinrun.
int binarysort(MergeState* ms, const SortSlice& ss, ssize n, ssize ok) {
  Object** const a = ss.keys;
  Object** const v = ss.values;
  if (!ok) ++ok;
  for (; ok < n; ++ok) {
    ssize lo = 0, hi = ok;
    Object* pivot = a[ok];
    // a[0:lo] <= pivot < a[hi:ok]
    do {
      ssize m = (lo + hi) >> 1;
      int k = lt(ms, pivot, a[m]);
      if (k < 0) return -1;
      if (k)
        hi = m;
      else
        lo = m + 1;
    } while (lo < hi);
    for (ssize m = ok; m > lo; --m) a[m] = a[m - 1];
    a[lo] = pivot;
    if (v) {
      Object* vp = v[ok];
      for (ssize m = ok; m > lo; --m) v[m] = v[m - 1];
      v[lo] = vp;
    }
  }
  return 0;
}

// Length of the run starting at slo, made ascending in place (a strictly descending run is reversed, keeping
// equal elements stable). -1 on error.
ssize count_run(MergeState* ms, SortSlice& slo, ssize nremaining) {
  Object** const lo = slo.keys;
  ssize n = 1;
  int k;
  for (; n < nremaining; ++n) {  // ascending first
    if ((k = lt(ms, lo[n], lo[n - 1])) < 0) return -1;
    if (k) break;
  }
  if (n == nremaining) return n;
  // lo[n] < lo[n-1]. If the ascending prefix was all equal, it is really the start of a descending run.
  if (n > 1) {
    if ((k = lt(ms, lo[0], lo[n - 1])) < 0) return -1;
    if (k) return n;
    reverse_slice(slo, n);
  }
  ++n;
  // Finish the descending run, reversing each run of equal elements on the fly so that the final reversal
  // restores their original order.
  ssize neq = 0;
  auto reverse_last_neq = [&]() {
    if (neq) {
      SortSlice s = slo;
      ++neq;
      s.advance(n - neq);
      reverse_slice(s, neq);
      neq = 0;
    }
  };
  for (; n < nremaining; ++n) {
    if ((k = lt(ms, lo[n], lo[n - 1])) < 0) return -1;
    if (k) {
      reverse_last_neq();
    } else {
      if ((k = lt(ms, lo[n - 1], lo[n])) < 0) return -1;
      if (k) break;  // the descending run is over
      ++neq;         // neither is smaller: equal
    }
  }
  reverse_last_neq();
  reverse_slice(slo, n);
  // An ascending suffix may extend the reversed run (e.g. [3, 2, 3, 4, 1]).
  for (; n < nremaining; ++n) {
    if ((k = lt(ms, lo[n], lo[n - 1])) < 0) return -1;
    if (k) break;
  }
  return n;
}

// Where key belongs in the sorted a[0:n], left of any equal elements: a[k-1] < key <= a[k]. -1 on error.
ssize gallop_left(MergeState* ms, Object* key, Object** a, ssize n, ssize hint) {
  ssize ofs = 1, lastofs = 0;
  int k;
  a += hint;
  if ((k = lt(ms, *a, key)) < 0) return -1;
  if (k) {  // a[hint] < key: gallop right until a[hint + lastofs] < key <= a[hint + ofs]
    const ssize maxofs = n - hint;
    while (ofs < maxofs) {
      if ((k = lt(ms, a[ofs], key)) < 0) return -1;
      if (!k) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > maxofs) ofs = maxofs;
    lastofs += hint;
    ofs += hint;
  } else {  // key <= a[hint]: gallop left until a[hint - ofs] < key <= a[hint - lastofs]
    const ssize maxofs = hint + 1;
    while (ofs < maxofs) {
      if ((k = lt(ms, *(a - ofs), key)) < 0) return -1;
      if (k) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > maxofs) ofs = maxofs;
    ssize t = lastofs;
    lastofs = hint - ofs;
    ofs = hint - t;
  }
  a -= hint;
  // a[lastofs] < key <= a[ofs]: binary search in between.
  ++lastofs;
  while (lastofs < ofs) {
    ssize m = lastofs + ((ofs - lastofs) >> 1);
    if ((k = lt(ms, a[m], key)) < 0) return -1;
    if (k)
      lastofs = m + 1;
    else
      ofs = m;
  }
  return ofs;
}

// Like gallop_left, but right of any equal elements: a[k-1] <= key < a[k].
ssize gallop_right(MergeState* ms, Object* key, Object** a, ssize n, ssize hint) {
  ssize ofs = 1, lastofs = 0;
  int k;
  a += hint;
  if ((k = lt(ms, key, *a)) < 0) return -1;
  if (k) {  // key < a[hint]: gallop left until a[hint - ofs] <= key < a[hint - lastofs]
    const ssize maxofs = hint + 1;
    while (ofs < maxofs) {
      if ((k = lt(ms, key, *(a - ofs))) < 0) return -1;
      if (!k) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > maxofs) ofs = maxofs;
    ssize t = lastofs;
    lastofs = hint - ofs;
    ofs = hint - t;
  } else {  // a[hint] <= key: gallop right until a[hint + lastofs] <= key < a[hint + ofs]
    const ssize maxofs = n - hint;
    while (ofs < maxofs) {
      if ((k = lt(ms, key, a[ofs])) < 0) return -1;
      if (k) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > maxofs) ofs = maxofs;
    lastofs += hint;
    ofs += hint;
  }
  a -= hint;
  ++lastofs;
  while (lastofs < ofs) {
    ssize m = lastofs + ((ofs - lastofs) >> 1);
    if ((k = lt(ms, key, a[m])) < 0) return -1;
    if (k)
      ofs = m;
    else
      lastofs = m + 1;
  }
  return ofs;
}

void merge_init(MergeState* ms, ssize list_size, bool has_keyfunc, const SortSlice& lo) {
  if (has_keyfunc) {
    // Scratch for at most half the list; the rest of temparray may hold the keys (see list_sort).
    ms->alloced = (list_size + 1) / 2;
    if (kTempSize / 2 < ms->alloced) ms->alloced = kTempSize / 2;
    ms->a.values = &ms->temparray[ms->alloced];
  } else {
    ms->alloced = kTempSize;
    ms->a.values = nullptr;
  }
  ms->a.keys = ms->temparray;
  ms->n = 0;
  ms->min_gallop = kMinGallop;
  ms->listlen = list_size;
  ms->basekeys = lo.keys;
}

void merge_freemem(MergeState* ms) {
  if (ms->a.keys != ms->temparray) {
    alloc::raw_free(ms->a.keys);
    ms->a.keys = nullptr;
  }
}

int merge_getmem(MergeState* ms, ssize need) {
  if (need <= ms->alloced) return 0;
  int multiplier = ms->a.values ? 2 : 1;
  merge_freemem(ms);  // no realloc: the old contents do not matter
  if (size_t(need) > size_t(std::numeric_limits<ssize>::max()) / sizeof(Object*) / size_t(multiplier)) {
    no_memory();
    return -1;
  }
  ms->a.keys = static_cast<Object**>(alloc::raw_alloc(size_t(multiplier) * size_t(need) * sizeof(Object*)));
  if (ms->a.keys) {
    ms->alloced = need;
    if (ms->a.values) ms->a.values = &ms->a.keys[need];
    return 0;
  }
  no_memory();
  return -1;
}

// Merges ssa[0:na] and ssb[0:nb] (adjacent, na <= nb, ssa's last element belongs at the end) in place.
ssize merge_lo(MergeState* ms, SortSlice ssa, ssize na, SortSlice ssb, ssize nb) {
  ssize k;
  SortSlice dest;
  int result = -1;
  ssize min_gallop;
  if (merge_getmem(ms, na) < 0) return -1;
  ms->a.memcpy_from(0, ssa, 0, na);
  dest = ssa;
  ssa = ms->a;

  copy_incr(dest, ssb);
  --nb;
  if (nb == 0) goto succeed;
  if (na == 1) goto copy_b;

  min_gallop = ms->min_gallop;
  for (;;) {
    ssize acount = 0, bcount = 0;  // consecutive wins of each run
    for (;;) {
      k = lt(ms, ssb.keys[0], ssa.keys[0]);
      if (k) {
        if (k < 0) goto fail;
        copy_incr(dest, ssb);
        ++bcount;
        acount = 0;
        --nb;
        if (nb == 0) goto succeed;
        if (bcount >= min_gallop) break;
      } else {
        copy_incr(dest, ssa);
        ++acount;
        bcount = 0;
        --na;
        if (na == 1) goto copy_b;
        if (acount >= min_gallop) break;
      }
    }
    // One run wins consistently: gallop until neither does.
    ++min_gallop;
    do {
      min_gallop -= min_gallop > 1;
      ms->min_gallop = min_gallop;
      k = gallop_right(ms, ssb.keys[0], ssa.keys, na, 0);
      acount = k;
      if (k) {
        if (k < 0) goto fail;
        dest.memcpy_from(0, ssa, 0, k);
        dest.advance(k);
        ssa.advance(k);
        na -= k;
        if (na == 1) goto copy_b;
        if (na == 0) goto succeed;  // only possible with an inconsistent comparison
      }
      copy_incr(dest, ssb);
      --nb;
      if (nb == 0) goto succeed;

      k = gallop_left(ms, ssa.keys[0], ssb.keys, nb, 0);
      bcount = k;
      if (k) {
        if (k < 0) goto fail;
        dest.memmove_from(0, ssb, 0, k);
        dest.advance(k);
        ssb.advance(k);
        nb -= k;
        if (nb == 0) goto succeed;
      }
      copy_incr(dest, ssa);
      --na;
      if (na == 1) goto copy_b;
    } while (acount >= kMinGallop || bcount >= kMinGallop);
    ++min_gallop;  // penalise leaving galloping mode
    ms->min_gallop = min_gallop;
  }
succeed:
  result = 0;
fail:
  if (na) dest.memcpy_from(0, ssa, 0, na);
  return result;
copy_b:
  // The last element of ssa belongs at the end of the merge.
  dest.memmove_from(0, ssb, 0, nb);
  dest.copy_from(nb, ssa, 0);
  return 0;
}

// Like merge_lo for na >= nb, merging from the right.
ssize merge_hi(MergeState* ms, SortSlice ssa, ssize na, SortSlice ssb, ssize nb) {
  ssize k;
  SortSlice dest, basea, baseb;
  int result = -1;
  ssize min_gallop;
  if (merge_getmem(ms, nb) < 0) return -1;
  dest = ssb;
  dest.advance(nb - 1);
  ms->a.memcpy_from(0, ssb, 0, nb);
  basea = ssa;
  baseb = ms->a;
  ssb.keys = ms->a.keys + nb - 1;
  if (ssb.values) ssb.values = ms->a.values + nb - 1;
  ssa.advance(na - 1);

  copy_decr(dest, ssa);
  --na;
  if (na == 0) goto succeed;
  if (nb == 1) goto copy_a;

  min_gallop = ms->min_gallop;
  for (;;) {
    ssize acount = 0, bcount = 0;
    for (;;) {
      k = lt(ms, ssb.keys[0], ssa.keys[0]);
      if (k) {
        if (k < 0) goto fail;
        copy_decr(dest, ssa);
        ++acount;
        bcount = 0;
        --na;
        if (na == 0) goto succeed;
        if (acount >= min_gallop) break;
      } else {
        copy_decr(dest, ssb);
        ++bcount;
        acount = 0;
        --nb;
        if (nb == 1) goto copy_a;
        if (bcount >= min_gallop) break;
      }
    }
    ++min_gallop;
    do {
      min_gallop -= min_gallop > 1;
      ms->min_gallop = min_gallop;
      k = gallop_right(ms, ssb.keys[0], basea.keys, na, na - 1);
      if (k < 0) goto fail;
      k = na - k;
      acount = k;
      if (k) {
        dest.advance(-k);
        ssa.advance(-k);
        dest.memmove_from(1, ssa, 1, k);
        na -= k;
        if (na == 0) goto succeed;
      }
      copy_decr(dest, ssb);
      --nb;
      if (nb == 1) goto copy_a;

      k = gallop_left(ms, ssa.keys[0], baseb.keys, nb, nb - 1);
      if (k < 0) goto fail;
      k = nb - k;
      bcount = k;
      if (k) {
        dest.advance(-k);
        ssb.advance(-k);
        dest.memcpy_from(1, ssb, 1, k);
        nb -= k;
        if (nb == 1) goto copy_a;
        if (nb == 0) goto succeed;  // only possible with an inconsistent comparison
      }
      copy_decr(dest, ssa);
      --na;
      if (na == 0) goto succeed;
    } while (acount >= kMinGallop || bcount >= kMinGallop);
    ++min_gallop;
    ms->min_gallop = min_gallop;
  }
succeed:
  result = 0;
fail:
  if (nb) dest.memcpy_from(-(nb - 1), baseb, 0, nb);
  return result;
copy_a:
  // The first element of ssb belongs at the front of the merge.
  dest.memmove_from(1 - na, ssa, 1 - na, na);
  dest.advance(-na);
  ssa.advance(-na);
  dest.copy_from(0, ssb, 0);
  return 0;
}

// Merges the runs at stack indices i and i+1.
ssize merge_at(MergeState* ms, ssize i) {
  SortSlice ssa = ms->pending[i].base;
  ssize na = ms->pending[i].len;
  SortSlice ssb = ms->pending[i + 1].base;
  ssize nb = ms->pending[i + 1].len;

  ms->pending[i].len = na + nb;
  if (i == ms->n - 3) ms->pending[i + 1] = ms->pending[i + 2];
  --ms->n;

  // Elements of a before where b starts are already in place...
  ssize k = gallop_right(ms, *ssb.keys, ssa.keys, na, 0);
  if (k < 0) return -1;
  ssa.advance(k);
  na -= k;
  if (na == 0) return 0;
  // ... and so are elements of b after where a ends.
  nb = gallop_left(ms, ssa.keys[na - 1], ssb.keys, nb, nb - 1);
  if (nb <= 0) return nb;
  if (na <= nb) return merge_lo(ms, ssa, na, ssb, nb);
  return merge_hi(ms, ssa, na, ssb, nb);
}

// The powersort "power" of the boundary between runs [s1, s1+n1) and [s1+n1, s1+n1+n2) in a list of length n.
int powerloop(ssize s1, ssize n1, ssize n2, ssize n) {
  int result = 0;
  ssize a = 2 * s1 + n1;  // 2 * midpoint of the first run
  ssize b = a + n1 + n2;  // 2 * midpoint of the second run
  for (;;) {
    ++result;
    if (a >= n) {
      a -= n;
      b -= n;
    } else if (b >= n) {
      break;
    }
    a <<= 1;
    b <<= 1;
  }
  return result;
}

// A new run of length n2 follows the top run: merge stacked runs of greater power first.
int found_new_run(MergeState* ms, ssize n2) {
  if (ms->n) {
    Run* p = ms->pending;
    ssize s1 = p[ms->n - 1].base.keys - ms->basekeys;
    ssize n1 = p[ms->n - 1].len;
    int power = powerloop(s1, n1, n2, ms->listlen);
    while (ms->n > 1 && p[ms->n - 2].power > power) {
      if (merge_at(ms, ms->n - 2) < 0) return -1;
    }
    p[ms->n - 1].power = power;
  }
  return 0;
}

int merge_force_collapse(MergeState* ms) {
  Run* p = ms->pending;
  while (ms->n > 1) {
    ssize n = ms->n - 2;
    if (n > 0 && p[n - 1].len < p[n + 1].len) --n;
    if (merge_at(ms, n) < 0) return -1;
  }
  return 0;
}

// n itself if n < kMaxMinrun; else a k in [32, 64] with n/k just below a power of two.
ssize compute_minrun(ssize n) {
  ssize r = 0;
  while (n >= kMaxMinrun) {
    r |= n & 1;
    n >>= 1;
  }
  return n + r;
}

// Picks ms->key_compare from the key types, as CPython's pre-sort check does.
void choose_compare(MergeState* ms, Object** keys, ssize n) {
  bool keys_are_in_tuples = type_check_exact(keys[0], &tuple_type) && tuple_size(keys[0]) > 0;
  Type* key_type = keys_are_in_tuples ? type_of(tuple_get(keys[0], 0)) : type_of(keys[0]);
  bool keys_are_all_same_type = true;
  bool strings_are_latin = true;
  bool ints_are_bounded = true;
  for (ssize i = 0; i < n; i++) {
    if (keys_are_in_tuples && !(type_check_exact(keys[i], &tuple_type) && tuple_size(keys[i]) != 0)) {
      keys_are_in_tuples = false;
      keys_are_all_same_type = false;
      break;
    }
    Object* key = keys_are_in_tuples ? tuple_get(keys[i], 0) : keys[i];
    if (type_of(key) != key_type) {
      keys_are_all_same_type = false;
      if (!keys_are_in_tuples) break;  // tuples: keep checking that every key is one
    }
    if (keys_are_all_same_type) {
      if (key_type == &int_type && ints_are_bounded && !int_is_compact(key)) {
        ints_are_bounded = false;
      } else if (key_type == &str_type && strings_are_latin && str_kind(key) != PyUnicode_1BYTE_KIND) {
        strings_are_latin = false;
      }
    }
  }
  if (keys_are_all_same_type) {
    if (key_type == &str_type && strings_are_latin) {
      ms->key_compare = unsafe_latin_compare;
    } else if (key_type == &int_type && ints_are_bounded) {
      ms->key_compare = unsafe_long_compare;
    } else if (key_type == &float_type) {
      ms->key_compare = unsafe_float_compare;
    } else if ((ms->key_richcompare = key_type->tp_richcompare) != nullptr) {
      ms->key_compare = unsafe_object_compare;
    } else {
      ms->key_compare = safe_object_compare;
    }
  } else {
    ms->key_compare = safe_object_compare;
  }
  if (keys_are_in_tuples) {
    ms->tuple_elem_compare = key_type == &tuple_type ? safe_object_compare : ms->key_compare;
    ms->key_compare = unsafe_tuple_compare;
  }
}

// The sort proper; the caller holds the list's critical section.
int sort_locked(PyListObject* self, Object* keyfunc, bool reverse) {
  MergeState ms;
  ms.key_compare = safe_object_compare;
  ms.key_richcompare = nullptr;
  ms.tuple_elem_compare = safe_object_compare;
  ms.a.keys = ms.temparray;
  ms.a.values = nullptr;
  int result = -1;
  Object** keys = nullptr;
  SortSlice lo;

  // Make the list look empty while sorting, so that comparisons or key functions that mutate it cannot touch
  // the array being sorted. Any mutation resets `allocated` to >= 0, which is detected at the end.
  ssize saved_ob_size = self->ob_base.ob_size;
  Object** saved_ob_item = self->ob_item;
  ssize saved_allocated = self->allocated;
  // Lock-free readers (list_storage.h) see the list empty, or retry on the null array / negative capacity. A reader
  // may still be reading the old array, so a shared list is sorted in a copy and the old array goes through QSBR.
  set_var_size(reinterpret_cast<Object*>(self), 0);
  list_storage::set_items(self, nullptr);
  list_storage::set_allocated(self, -1);
  if (saved_ob_item && list_storage::sharing(self)) {
    if (auto* copy = static_cast<Object**>(alloc::raw_calloc(size_t(saved_allocated), sizeof(Object*)))) {
      std::memcpy(copy, saved_ob_item, size_t(saved_ob_size) * sizeof(Object*));
      list_storage::free_array(saved_ob_item, true);
      saved_ob_item = copy;
    }
  }

  if (!keyfunc) {
    lo.keys = saved_ob_item;
    lo.values = nullptr;
  } else {
    if (saved_ob_size < kTempSize / 2) {
      keys = &ms.temparray[saved_ob_size + 1];  // stack space merge_init leaves unused
    } else {
      keys = static_cast<Object**>(alloc::raw_alloc(sizeof(Object*) * size_t(saved_ob_size)));
      if (!keys) {
        no_memory();
        goto keyfunc_fail;
      }
    }
    for (ssize i = 0; i < saved_ob_size; i++) {
      keys[i] = call1(keyfunc, saved_ob_item[i]);
      if (!keys[i]) {
        for (i = i - 1; i >= 0; i--) decref(keys[i]);
        if (saved_ob_size >= kTempSize / 2) alloc::raw_free(keys);
        goto keyfunc_fail;
      }
    }
    lo.keys = keys;
    lo.values = saved_ob_item;
  }

  if (saved_ob_size > 1) choose_compare(&ms, lo.keys, saved_ob_size);
  merge_init(&ms, saved_ob_size, keys != nullptr, lo);

  if (saved_ob_size >= 2) {
    // Reverse stability: reverse, sort stably forward, reverse back.
    if (reverse) {
      if (keys) reverse_range(&keys[0], &keys[saved_ob_size]);
      reverse_range(&saved_ob_item[0], &saved_ob_item[saved_ob_size]);
    }
    ssize nremaining = saved_ob_size;
    ssize minrun = compute_minrun(nremaining);
    bool ok = true;
    do {
      ssize n = count_run(&ms, lo, nremaining);
      if (n < 0) {
        ok = false;
        break;
      }
      if (n < minrun) {
        const ssize force = nremaining <= minrun ? nremaining : minrun;
        if (binarysort(&ms, lo, force, n) < 0) {
          ok = false;
          break;
        }
        n = force;
      }
      if (found_new_run(&ms, n) < 0) {
        ok = false;
        break;
      }
      ms.pending[ms.n].base = lo;
      ms.pending[ms.n].len = n;
      ++ms.n;
      lo.advance(n);
      nremaining -= n;
    } while (nremaining);
    if (ok && merge_force_collapse(&ms) == 0) result = 0;
  } else {
    result = 0;
  }

  if (keys) {
    for (ssize i = 0; i < saved_ob_size; i++) decref(keys[i]);
    if (saved_ob_size >= kTempSize / 2) alloc::raw_free(keys);
  }
  if (self->allocated != -1 && result == 0) {
    set_error(&exc_ValueError, "list modified during sort");
    result = -1;
  }
  if (reverse && saved_ob_size > 1) reverse_range(saved_ob_item, saved_ob_item + saved_ob_size);
  merge_freemem(&ms);

keyfunc_fail:
  Object** final_ob_item = self->ob_item;
  ssize i = self->ob_base.ob_size;
  bool sh = list_storage::sharing(self);
  // The array is swapped back with a capacity no reader can over-read: the smaller one first, the real one after.
  set_var_size(reinterpret_cast<Object*>(self), 0);
  list_storage::set_allocated(self, std::min(self->allocated, saved_allocated));
  list_storage::set_items(self, saved_ob_item);
  list_storage::set_allocated(self, saved_allocated);
  set_var_size(reinterpret_cast<Object*>(self), saved_ob_size);
  if (final_ob_item) {
    // Whatever the key function or comparisons stored meanwhile is dropped.
    while (--i >= 0) list_storage::xrelease_item(final_ob_item[i], sh);
    list_storage::free_array(final_ob_item, sh);
  }
  return result;
}

}  // namespace

int list_sort(Object* l, Object* key, bool reverse) {
  sync::CriticalSection cs(l);
  return sort_locked(reinterpret_cast<PyListObject*>(l), key, reverse);
}

}  // namespace pyvm
