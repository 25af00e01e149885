// list: CPython's growable array (PyListObject layout, growth policy and messages). Writers hold the list's
// critical section; item reads are lock-free (the contract is in objects/list_storage.h).
#include "objects/list.h"

#include <cstring>
#include <limits>

#include "alloc/heap.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list_storage.h"
#include "objects/methods.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

using sync::CriticalSection;
using sync::CriticalSection2;
using list_storage::free_array;
using list_storage::move_slots;
using list_storage::null_slots;
using list_storage::put;
using list_storage::release_item;
using list_storage::set_allocated;
using list_storage::set_items;
using list_storage::sharing;
using list_storage::xrelease_item;

constexpr ssize kSsizeMax = std::numeric_limits<ssize>::max();

inline PyListObject* L(Object* o) { return reinterpret_cast<PyListObject*>(o); }
inline bool valid_index(ssize i, ssize limit) { return size_t(i) < size_t(limit); }
inline bool is_list(Object* o) { return has_flag(type_of(o), Py_TPFLAGS_LIST_SUBCLASS); }

// ---- storage (every function here expects the caller to hold the list's critical section) ----

Object** alloc_items(size_t n) {
  if (n > size_t(kSsizeMax) / sizeof(Object*)) return nullptr;
  return static_cast<Object**>(alloc::raw_alloc(n * sizeof(Object*)));
}

// CPython's list_resize: ensures room for newsize items and sets ob_size; new slots hold null while the list is
// shared, garbage otherwise. The over-allocation formula is CPython's, so that `allocated` (and __sizeof__) evolve
// exactly as there. While shared, slots a shrink vacates are nulled and a new array replaces the old one (freed
// through QSBR) rather than a realloc.
int resize(PyListObject* self, ssize newsize) {
  ssize allocated = self->allocated;
  ssize oldsize = self->ob_base.ob_size;
  bool sh = sharing(self);
  if (allocated >= newsize && newsize >= (allocated >> 1)) {
    if (newsize < oldsize) null_slots(self->ob_item, newsize, oldsize, sh);
    set_var_size(reinterpret_cast<Object*>(self), newsize);
    return 0;
  }
  size_t new_allocated = (size_t(newsize) + (size_t(newsize) >> 3) + 6) & ~size_t{3};
  if (newsize - oldsize > ssize(new_allocated - size_t(newsize))) new_allocated = (size_t(newsize) + 3) & ~size_t{3};
  if (newsize == 0) new_allocated = 0;
  if (new_allocated > size_t(kSsizeMax) / sizeof(Object*)) {
    no_memory();
    return -1;
  }
  Object** old = self->ob_item;
  Object** items = nullptr;
  if (!sh) {
    if (new_allocated) {
      items = static_cast<Object**>(alloc::raw_realloc(old, new_allocated * sizeof(Object*)));
      if (!items) {
        no_memory();
        return -1;
      }
    } else {
      alloc::raw_free(old);
    }
    self->ob_item = items;
    self->allocated = ssize(new_allocated);
    set_var_size(reinterpret_cast<Object*>(self), newsize);
    return 0;
  }
  if (new_allocated) {
    items = static_cast<Object**>(alloc::raw_calloc(new_allocated, sizeof(Object*)));
    if (!items) {
      no_memory();
      return -1;
    }
    ssize keep = oldsize < newsize ? oldsize : newsize;
    if (keep > 0) std::memcpy(items, old, size_t(keep) * sizeof(Object*));  // not yet visible to readers
  }
  if (newsize < oldsize) {
    set_var_size(reinterpret_cast<Object*>(self), newsize);
    null_slots(old, newsize, oldsize, sh);
  }
  if (ssize(new_allocated) >= allocated) {
    set_items(self, items);
    set_allocated(self, ssize(new_allocated));
  } else {
    set_allocated(self, ssize(new_allocated));
    set_items(self, items);
  }
  set_var_size(reinterpret_cast<Object*>(self), newsize);
  free_array(old, sh);
  return 0;
}

// list_preallocate_exact: the first allocation of an empty list whose final size is known.
int preallocate_exact(PyListObject* self, ssize size) {
  size = (size + 1) & ~ssize{1};
  // Zeroed: the slot rounding adds may be past ob_size, where lock-free readers expect null (list_storage.h).
  Object** items = size_t(size) > size_t(kSsizeMax) / sizeof(Object*)
                       ? nullptr
                       : static_cast<Object**>(alloc::raw_calloc(size_t(size), sizeof(Object*)));
  if (!items) {
    no_memory();
    return -1;
  }
  set_items(self, items);  // from null: ob_item before allocated
  set_allocated(self, size);
  return 0;
}

// An empty list with room for exactly `size` items (size > 0); the caller fills them and sets ob_size.
Object* new_prealloc(ssize size) {
  Object* op = new_object(&list_type, sizeof(PyListObject));
  if (!op) return nullptr;
  Object** items = alloc_items(size_t(size));
  if (!items) {
    decref(op);
    return no_memory();
  }
  L(op)->ob_item = items;
  L(op)->allocated = size;
  return op;
}

int append_steal(PyListObject* self, Object* v) {
  ssize n = self->ob_base.ob_size;
  if (self->allocated > n) {
    put(&self->ob_item[n], v);
    set_var_size(reinterpret_cast<Object*>(self), n + 1);
    return 0;
  }
  if (resize(self, n + 1) < 0) {
    decref(v);
    return -1;
  }
  put(&self->ob_item[n], v);
  return 0;
}

int ins1(PyListObject* self, ssize where, Object* v) {
  ssize n = self->ob_base.ob_size;
  if (resize(self, n + 1) < 0) return -1;
  if (where < 0) {
    where += n;
    if (where < 0) where = 0;
  }
  if (where > n) where = n;
  Object** items = self->ob_item;
  move_slots(&items[where + 1], &items[where], size_t(n - where), sharing(self));
  put(&items[where], newref(v));
  return 0;
}

// Empties the list. Items are released after the list is already empty, since their destructors may run code
// that touches this list again.
void clear_locked(PyListObject* a) {
  Object** items = a->ob_item;
  if (!items) return;
  bool sh = sharing(a);
  ssize i = a->ob_base.ob_size;
  set_var_size(reinterpret_cast<Object*>(a), 0);
  set_allocated(a, 0);  // shrinking: allocated before ob_item
  set_items(a, nullptr);
  while (--i >= 0) xrelease_item(items[i], sh);
  free_array(items, sh);
}

Object* slice_locked(PyListObject* a, ssize ilow, ssize ihigh) {
  ssize len = ihigh - ilow;
  if (len <= 0) return list_new(0);
  Object* np = new_prealloc(len);
  if (!np) return nullptr;
  Object** src = a->ob_item + ilow;
  Object** dest = L(np)->ob_item;
  for (ssize i = 0; i < len; i++) dest[i] = newref(src[i]);
  set_var_size(np, len);
  return np;
}

Object* slice_step_locked(PyListObject* a, ssize start, ssize step, ssize len) {
  Object* np = new_prealloc(len);
  if (!np) return nullptr;
  Object** src = a->ob_item;
  Object** dest = L(np)->ob_item;
  size_t cur = size_t(start);
  for (ssize i = 0; i < len; i++, cur += size_t(step)) dest[i] = newref(src[cur]);
  set_var_size(np, len);
  return np;
}

// PySequence_Fast: a list or tuple holding the items of `v` (v itself when it is an exact list or tuple).
Object* seq_fast(Object* v, const char* msg) {
  if (type_check_exact(v, &list_type) || type_check_exact(v, &tuple_type)) return newref(v);
  ORef it = steal(get_iter(v));
  if (!it) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      set_error(&exc_TypeError, msg);
    }
    return nullptr;
  }
  return sequence_list(it.get());
}
inline Object** fast_items(Object* seq) {
  return type_check_exact(seq, &tuple_type) ? tuple_items(seq) : L(seq)->ob_item;
}
inline ssize fast_size(Object* seq) { return var_size(seq); }

// a[ilow:ihigh] = v (v a list or tuple from seq_fast, or null to delete). CPython's list_ass_slice: removed items
// are released only once the list is back in a consistent state.
int ass_slice_locked(PyListObject* a, ssize ilow, ssize ihigh, Object* v) {
  Object* recycle_on_stack[8];
  Object** recycle = recycle_on_stack;
  ORef v_fast;
  Object** vitem = nullptr;
  ssize n = 0;
  if (v) {
    v_fast = steal(seq_fast(v, "can only assign an iterable"));
    if (!v_fast) return -1;
    n = fast_size(v_fast.get());
    vitem = fast_items(v_fast.get());
  }
  ssize size = a->ob_base.ob_size;
  if (ilow < 0)
    ilow = 0;
  else if (ilow > size)
    ilow = size;
  if (ihigh < ilow)
    ihigh = ilow;
  else if (ihigh > size)
    ihigh = size;
  ssize norig = ihigh - ilow;
  ssize d = n - norig;
  if (size + d == 0) {
    clear_locked(a);
    return 0;
  }
  Object** item = a->ob_item;
  size_t s = size_t(norig) * sizeof(Object*);
  if (s) {
    if (s > sizeof(recycle_on_stack)) {
      recycle = static_cast<Object**>(alloc::raw_alloc(s));
      if (!recycle) {
        no_memory();
        return -1;
      }
    }
    std::memcpy(recycle, &item[ilow], s);
  }
  int result = -1;
  bool sh = sharing(a);
  if (d < 0) {  // delete -d items
    size_t tail = size_t(size - ihigh);
    move_slots(&item[ihigh + d], &item[ihigh], tail, sh);
    if (resize(a, size + d) < 0) {
      move_slots(&item[ihigh], &item[ihigh + d], tail, sh);
      for (ssize k = 0; k < norig; k++) put(&item[ilow + k], recycle[k]);
      goto done;
    }
    item = a->ob_item;
  } else if (d > 0) {  // insert d items
    if (resize(a, size + d) < 0) goto done;
    item = a->ob_item;
    move_slots(&item[ihigh + d], &item[ihigh], size_t(size - ihigh), sh);
  }
  for (ssize k = 0; k < n; k++, ilow++) put(&item[ilow], xnewref(vitem[k]));
  for (ssize k = norig - 1; k >= 0; --k) xrelease_item(recycle[k], sh);
  result = 0;
done:
  if (recycle != recycle_on_stack) alloc::raw_free(recycle);
  return result;
}

int ass_slice(Object* a, ssize ilow, ssize ihigh, Object* v) {
  if (a == v) {
    CriticalSection cs(a);
    ORef copy = steal(slice_locked(L(a), 0, var_size(a)));
    if (!copy) return -1;
    return ass_slice_locked(L(a), ilow, ihigh, copy.get());
  }
  if (v && type_check_exact(v, &list_type)) {
    CriticalSection2 cs(a, v);
    return ass_slice_locked(L(a), ilow, ihigh, v);
  }
  CriticalSection cs(a);
  return ass_slice_locked(L(a), ilow, ihigh, v);
}

int inplace_repeat_locked(PyListObject* self, ssize n) {
  ssize input_size = self->ob_base.ob_size;
  if (input_size == 0 || n == 1) return 0;
  if (n < 1) {
    clear_locked(self);
    return 0;
  }
  if (input_size > kSsizeMax / n) {
    no_memory();
    return -1;
  }
  ssize output_size = input_size * n;
  if (resize(self, output_size) < 0) return -1;
  Object** items = self->ob_item;
  bool sh = sharing(self);
  for (ssize j = 0; j < input_size; j++)
    for (ssize k = 1; k < n; k++) incref(items[j]);
  for (ssize done = input_size; done < output_size;) {
    ssize chunk = done < output_size - done ? done : output_size - done;
    move_slots(items + done, items, size_t(chunk), sh);
    done += chunk;
  }
  return 0;
}

int ass_item_locked(PyListObject* a, ssize i, Object* v) {
  ssize size = a->ob_base.ob_size;
  if (!valid_index(i, size)) {
    set_error(&exc_IndexError, "list assignment index out of range");
    return -1;
  }
  Object* old = a->ob_item[i];
  bool sh = sharing(a);
  if (!v) {
    move_slots(&a->ob_item[i], &a->ob_item[i + 1], size_t(size - 1 - i), sh);
    set_var_size(reinterpret_cast<Object*>(a), size - 1);
    null_slots(a->ob_item, size - 1, size, sh);
  } else {
    put(&a->ob_item[i], newref(v));
  }
  release_item(old, sh);
  return 0;
}

// Lock-free read of item i (see list_storage.h): 1 with *out a new reference, 0 when i is out of range, kRetry
// when the locked path must decide.
constexpr int kRetry = -2;
int get_lockfree(PyListObject* a, ssize i, Object** out) {
  if (!alloc::lockfree_read_ok(reinterpret_cast<Object*>(a))) return kRetry;
  ssize n = __atomic_load_n(&a->ob_base.ob_size, __ATOMIC_ACQUIRE);
  if (!valid_index(i, n)) return 0;
  Object** items = __atomic_load_n(&a->ob_item, __ATOMIC_ACQUIRE);
  ssize cap = __atomic_load_n(&a->allocated, __ATOMIC_ACQUIRE);
  if (!items || cap < 0 || i >= cap || __atomic_load_n(&a->ob_item, __ATOMIC_ACQUIRE) != items) return kRetry;
  Object* v = __atomic_load_n(&items[i], __ATOMIC_ACQUIRE);
  if (!v) return kRetry;
  incref(v);
  if (__atomic_load_n(&items[i], __ATOMIC_ACQUIRE) != v || __atomic_load_n(&a->ob_item, __ATOMIC_ACQUIRE) != items) {
    decref(v);
    return kRetry;
  }
  *out = v;
  return 1;
}

// A new reference to item i, or null (no error) when i is out of range. Lock-free when it can be; otherwise takes
// the section for the read only, so that callers may run Python code (comparisons) between reads.
Object* item_ref(Object* self, ssize i) {
  Object* v = nullptr;
  int r = get_lockfree(L(self), i, &v);
  if (r != kRetry) return v;
  CriticalSection cs(self);
  sharing(L(self));  // a non-owner marks the list: its next reads go lock-free
  if (!valid_index(i, var_size(self))) return nullptr;
  return newref(L(self)->ob_item[i]);
}

// ---- extend ----

int extend_fast(PyListObject* self, Object* seq) {
  ssize n = fast_size(seq);
  if (n == 0) return 0;
  ssize m = self->ob_base.ob_size;
  if (!self->ob_item) {
    if (preallocate_exact(self, n) < 0) return -1;
    set_var_size(reinterpret_cast<Object*>(self), n);
  } else if (resize(self, m + n) < 0) {
    return -1;
  }
  // Resize first: for a.extend(a) the source array is the (possibly moved) destination.
  Object** src = fast_items(seq);
  Object** dest = self->ob_item + m;
  for (ssize i = 0; i < n; i++) put(&dest[i], newref(src[i]));
  return 0;
}

int extend_iter_locked(PyListObject* self, Object* iterable) {
  ORef it = steal(get_iter(iterable));
  if (!it) return -1;
  iternextfunc iternext = type_of(it.get())->tp_iternext;
  ssize n = seq_length_hint(iterable, 8);
  if (n < 0) return -1;
  ssize m = self->ob_base.ob_size;
  if (m > kSsizeMax - n) {
    // m + n overflowed: n may have lied; grow as needed instead.
  } else if (!self->ob_item) {
    if (n && preallocate_exact(self, n) < 0) return -1;
  } else {
    if (resize(self, m + n) < 0) return -1;
    set_var_size(reinterpret_cast<Object*>(self), m);
  }
  for (;;) {
    Object* item = iternext ? iternext(it.get()) : iter_next(it.get());
    if (!item) {
      if (error_occurred()) {
        if (!error_matches(&exc_StopIteration)) return -1;
        error_clear();
      }
      break;
    }
    if (append_steal(self, item) < 0) return -1;
  }
  // Cut back if the guess was too large.
  if (self->ob_base.ob_size < self->allocated) {
    if (resize(self, self->ob_base.ob_size) < 0) return -1;
  }
  return 0;
}

int extend_impl(Object* self, Object* iterable) {
  if (self == iterable) {
    CriticalSection cs(self);
    return inplace_repeat_locked(L(self), 2);
  }
  if (type_check_exact(iterable, &list_type)) {
    CriticalSection2 cs(self, iterable);
    return extend_fast(L(self), iterable);
  }
  if (type_check_exact(iterable, &tuple_type)) {
    CriticalSection cs(self);
    return extend_fast(L(self), iterable);
  }
  CriticalSection cs(self);
  return extend_iter_locked(L(self), iterable);
}

// ---- slots ----

void list_dealloc_body(Object* self) {
  Type* t = type_of(self);
  PyListObject* op = L(self);
  if (op->ob_item) {
    for (ssize i = op->ob_base.ob_size; --i >= 0;) xdecref(op->ob_item[i]);
    alloc::raw_free(op->ob_item);
  }
  object_free(self);
  dealloc_type_ref(t);
}
void list_dealloc(Object* self) { dealloc_with_trashcan(self, list_dealloc_body); }

int list_traverse(Object* self, visitproc visit, void* arg) {
  PyListObject* o = L(self);
  for (ssize i = o->ob_base.ob_size; --i >= 0;) {
    if (Object* v = o->ob_item[i]) {
      if (int r = visit(v, arg)) return r;
    }
  }
  return 0;
}

int list_tp_clear(Object* self) {
  CriticalSection cs(self);
  clear_locked(L(self));
  return 0;
}

Object* list_repr(Object* self) {
  if (var_size(self) == 0) return str_from_utf8("[]");
  CriticalSection cs(self);
  int r = repr_enter(self);
  if (r != 0) return r > 0 ? str_from_utf8("[...]") : nullptr;
  ORef parts = steal(list_new(0));
  if (!parts) {
    repr_leave(self);
    return nullptr;
  }
  // repr(item) may mutate the list: re-read the size every time and hold the item meanwhile.
  for (ssize i = 0; i < var_size(self); ++i) {
    ORef item = borrow(L(self)->ob_item[i]);
    ORef s = steal(object_repr(item.get()));
    if (!s || append_steal(L(parts.get()), s.release()) < 0) {
      repr_leave(self);
      return nullptr;
    }
  }
  repr_leave(self);
  return seq_repr_join("[", parts.get(), "]");
}

ssize list_length(Object* self) {
  return __atomic_load_n(&reinterpret_cast<VarObject*>(self)->ob_size, __ATOMIC_RELAXED);
}

int list_contains(Object* self, Object* el) {
  for (ssize i = 0;; i++) {
    ORef item = steal(item_ref(self, i));
    if (!item) return 0;
    int cmp = rich_compare_bool(item.get(), el, Py_EQ);
    if (cmp != 0) return cmp;
  }
}

Object* list_item(Object* self, ssize i) {
  Object* item = item_ref(self, i);
  if (!item) return set_error(&exc_IndexError, "list index out of range");
  return item;
}

Object* list_concat(Object* a, Object* b) {
  if (!is_list(b)) return set_errorf(&exc_TypeError, "can only concatenate list (not \"{}\") to list", type_name(b));
  CriticalSection2 cs(a, b);
  ssize na = var_size(a), nb = var_size(b);
  ssize size = na + nb;
  if (size == 0) return list_new(0);
  Object* np = new_prealloc(size);
  if (!np) return nullptr;
  Object** dest = L(np)->ob_item;
  for (ssize i = 0; i < na; i++) dest[i] = newref(L(a)->ob_item[i]);
  for (ssize i = 0; i < nb; i++) dest[na + i] = newref(L(b)->ob_item[i]);
  set_var_size(np, size);
  return np;
}

Object* list_repeat(Object* a, ssize n) {
  CriticalSection cs(a);
  ssize input_size = var_size(a);
  if (input_size == 0 || n <= 0) return list_new(0);
  if (input_size > kSsizeMax / n) return no_memory();
  ssize output_size = input_size * n;
  Object* np = new_prealloc(output_size);
  if (!np) return nullptr;
  Object** dest = L(np)->ob_item;
  Object** src = L(a)->ob_item;
  for (ssize k = 0; k < n; k++)
    for (ssize j = 0; j < input_size; j++) *dest++ = newref(src[j]);
  set_var_size(np, output_size);
  return np;
}

int list_ass_item(Object* self, ssize i, Object* v) {
  CriticalSection cs(self);
  return ass_item_locked(L(self), i, v);
}

Object* list_inplace_concat(Object* self, Object* other) {
  if (extend_impl(self, other) < 0) return nullptr;
  return newref(self);
}

Object* list_inplace_repeat(Object* self, ssize n) {
  CriticalSection cs(self);
  if (inplace_repeat_locked(L(self), n) < 0) return nullptr;
  return newref(self);
}

Object* list_subscript(Object* self, Object* item) {
  if (type_check_exact(item, &int_type) && int_is_compact(item)) {
    ssize i = int_compact_value(item);
    if (i < 0) i += list_length(self);
    return list_item(self, i);
  }
  if (index_check(item)) {
    ssize i = number_as_ssize(item, &exc_IndexError);
    if (i == -1 && error_occurred()) return nullptr;
    if (i < 0) i += list_length(self);
    return list_item(self, i);
  }
  if (type_check_exact(item, &slice_type)) {
    ssize start, stop, step;
    if (slice_unpack(item, &start, &stop, &step) < 0) return nullptr;
    CriticalSection cs(self);
    ssize len = slice_adjust_indices(var_size(self), &start, &stop, step);
    if (len <= 0) return list_new(0);
    if (step == 1) return slice_locked(L(self), start, stop);
    return slice_step_locked(L(self), start, step, len);
  }
  return set_errorf(&exc_TypeError, "list indices must be integers or slices, not {}", type_name(item));
}

ssize adjust_slice_indexes(PyListObject* lst, ssize* start, ssize* stop, ssize step) {
  ssize slicelength = slice_adjust_indices(lst->ob_base.ob_size, start, stop, step);
  // Make sure s[5:2] = [..] inserts at the right place: before 5, not before 2.
  if ((step < 0 && *start < *stop) || (step > 0 && *start > *stop)) *stop = *start;
  return slicelength;
}

int ass_subscript_locked(Object* oself, Object* item, Object* value) {
  PyListObject* self = L(oself);
  if (index_check(item)) {
    ssize i = number_as_ssize(item, &exc_IndexError);
    if (i == -1 && error_occurred()) return -1;
    if (i < 0) i += self->ob_base.ob_size;
    return ass_item_locked(self, i, value);
  }
  if (!type_check_exact(item, &slice_type)) {
    set_errorf(&exc_TypeError, "list indices must be integers or slices, not {}", type_name(item));
    return -1;
  }
  ssize start, stop, step;
  if (slice_unpack(item, &start, &stop, &step) < 0) return -1;
  if (!value) {  // delete slice
    ssize slicelength = adjust_slice_indexes(self, &start, &stop, step);
    if (step == 1) return ass_slice_locked(self, start, stop, nullptr);
    if (slicelength <= 0) return 0;
    if (step < 0) {
      stop = start + 1;
      start = stop + step * (slicelength - 1) - 1;
      step = -step;
    }
    Object** garbage = alloc_items(size_t(slicelength));
    if (!garbage) {
      no_memory();
      return -1;
    }
    // Slide the kept items down over the removed ones, one gap at a time, then the tail.
    bool sh = sharing(self);
    size_t cur = size_t(start);
    ssize i = 0;
    for (; cur < size_t(stop); cur += size_t(step), i++) {
      ssize lim = step - 1;
      garbage[i] = self->ob_item[cur];
      if (cur + size_t(step) >= size_t(self->ob_base.ob_size)) lim = self->ob_base.ob_size - ssize(cur) - 1;
      move_slots(self->ob_item + cur - i, self->ob_item + cur + 1, size_t(lim), sh);
    }
    cur = size_t(start) + size_t(slicelength) * size_t(step);
    if (cur < size_t(self->ob_base.ob_size))
      move_slots(self->ob_item + cur - slicelength, self->ob_item + cur, size_t(self->ob_base.ob_size) - cur, sh);
    // resize nulls the vacated tail while shared. A shrink that fails to get a new array keeps the old one.
    int res = resize(self, self->ob_base.ob_size - slicelength);
    if (res < 0) {
      error_clear();
      null_slots(self->ob_item, self->ob_base.ob_size - slicelength, self->ob_base.ob_size, sh);
      set_var_size(oself, self->ob_base.ob_size - slicelength);
      res = 0;
    }
    for (i = 0; i < slicelength; i++) release_item(garbage[i], sh);
    alloc::raw_free(garbage);
    return res;
  }
  // assign slice
  ORef seq;
  if (oself == value) {  // a[::-1] = a
    seq = steal(slice_locked(self, 0, self->ob_base.ob_size));
  } else {
    seq = steal(seq_fast(value, "must assign iterable to extended slice"));
  }
  if (!seq) return -1;
  ssize slicelength = adjust_slice_indexes(self, &start, &stop, step);
  if (step == 1) return ass_slice_locked(self, start, stop, seq.get());
  if (fast_size(seq.get()) != slicelength) {
    set_errorf(&exc_ValueError, "attempt to assign sequence of size {} to extended slice of size {}",
               fast_size(seq.get()), slicelength);
    return -1;
  }
  if (!slicelength) return 0;
  Object** garbage = alloc_items(size_t(slicelength));
  if (!garbage) {
    no_memory();
    return -1;
  }
  Object** selfitems = self->ob_item;
  Object** seqitems = fast_items(seq.get());
  bool sh = sharing(self);
  size_t cur = size_t(start);
  for (ssize i = 0; i < slicelength; cur += size_t(step), i++) {
    garbage[i] = selfitems[cur];
    put(&selfitems[cur], newref(seqitems[i]));
  }
  for (ssize i = 0; i < slicelength; i++) release_item(garbage[i], sh);
  alloc::raw_free(garbage);
  return 0;
}

int list_ass_subscript(Object* self, Object* item, Object* value) {
  if (value && type_check_exact(item, &slice_type) && type_check_exact(value, &list_type)) {
    CriticalSection2 cs(self, value);
    return ass_subscript_locked(self, item, value);
  }
  CriticalSection cs(self);
  return ass_subscript_locked(self, item, value);
}

Object* list_richcompare_locked(Object* v, Object* w, int op) {
  ssize i;
  if (var_size(v) != var_size(w) && (op == Py_EQ || op == Py_NE)) return newref(bool_obj(op == Py_NE));
  // Search for the first index where items differ; the lists may change during the comparisons.
  for (i = 0; i < var_size(v) && i < var_size(w); i++) {
    Object* vi = L(v)->ob_item[i];
    Object* wi = L(w)->ob_item[i];
    if (vi == wi) continue;
    ORef vref = borrow(vi), wref = borrow(wi);
    int k = rich_compare_bool(vi, wi, Py_EQ);
    if (k < 0) return nullptr;
    if (!k) break;
  }
  if (i >= var_size(v) || i >= var_size(w)) {
    ssize a = var_size(v), b = var_size(w);
    bool r = false;
    switch (op) {
      case Py_LT:
        r = a < b;
        break;
      case Py_LE:
        r = a <= b;
        break;
      case Py_EQ:
        r = a == b;
        break;
      case Py_NE:
        r = a != b;
        break;
      case Py_GT:
        r = a > b;
        break;
      case Py_GE:
        r = a >= b;
        break;
    }
    return newref(bool_obj(r));
  }
  if (op == Py_EQ) return newref(false_());
  if (op == Py_NE) return newref(true_());
  ORef vref = borrow(L(v)->ob_item[i]), wref = borrow(L(w)->ob_item[i]);
  return rich_compare(vref.get(), wref.get(), op);
}

Object* list_richcompare(Object* v, Object* w, int op) {
  if (!is_list(v) || !is_list(w)) return newref(not_implemented());
  CriticalSection2 cs(v, w);
  return list_richcompare_locked(v, w, op);
}

Object* list_iter(Object* self) { return list_iter_new(self); }

Object* list_tp_new(Type* type, Object*, Object*) {
  if (type->tp_alloc) return type->tp_alloc(type, 0);
  return new_object(type, size_t(type->tp_basicsize));
}

int list_tp_init(Object* self, Object* args, Object* kwds) {
  if ((type_of(self) == &list_type || type_of(self)->tp_new == list_type.tp_new) && kwds && dict_size(kwds) > 0) {
    set_error(&exc_TypeError, "list() takes no keyword arguments");
    return -1;
  }
  ssize n = args ? tuple_size(args) : 0;
  if (n > 1) {
    set_errorf(&exc_TypeError, "list expected at most 1 argument, got {}", n);
    return -1;
  }
  if (L(self)->ob_item) {
    CriticalSection cs(self);
    clear_locked(L(self));
  }
  if (n == 1) return extend_impl(self, tuple_get(args, 0));
  return 0;
}

Object* list_vectorcall(Object* type, Object* const* args, size_t nargsf, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) return set_error(&exc_TypeError, "list() takes no keyword arguments");
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  if (nargs > 1) return set_errorf(&exc_TypeError, "list expected at most 1 argument, got {}", nargs);
  Type* tp = reinterpret_cast<Type*>(type);
  ORef list = steal(list_tp_new(tp, nullptr, nullptr));
  if (!list) return nullptr;
  if (nargs && extend_impl(list.get(), args[0]) < 0) return nullptr;
  return list.release();
}

// ---- methods ----

// Clinic's Py_ssize_t converter: __index__, then OverflowError when it does not fit.
bool arg_ssize(Object* o, ssize* out) {
  if (type_check_exact(o, &int_type) && int_is_compact(o)) {
    *out = int_compact_value(o);
    return true;
  }
  ORef i = steal(number_index(o));
  if (!i) return false;
  ssize v = int_as_ssize(i.get());
  if (v == -1 && error_occurred()) return false;
  *out = v;
  return true;
}

// Clinic's slice_index(accept={int}) converter (_PyEval_SliceIndexNotNone).
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

Object* list_append_meth(Object* self, Object* v) {
  if (append_steal(L(self), newref(v)) < 0) return nullptr;
  return none();
}

Object* list_extend_meth(Object* self, Object* iterable) {
  if (extend_impl(self, iterable) < 0) return nullptr;
  return none();
}

Object* list_insert_meth(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("insert", nargs, kwnames, 2, 2)) return nullptr;
  ssize index;
  if (!arg_ssize(args[0], &index)) return nullptr;
  if (ins1(L(self), index, args[1]) < 0) return nullptr;
  return none();
}

Object* list_pop_meth(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("pop", nargs, kwnames, 0, 1)) return nullptr;
  ssize index = -1;
  if (nargs && !arg_ssize(args[0], &index)) return nullptr;
  PyListObject* l = L(self);
  ssize size = l->ob_base.ob_size;
  if (size == 0) return set_error(&exc_IndexError, "pop from empty list");
  if (index < 0) index += size;
  if (!valid_index(index, size)) return set_error(&exc_IndexError, "pop index out of range");
  Object** items = l->ob_item;
  Object* v = items[index];
  ssize size_after_pop = size - 1;
  if (size_after_pop == 0) {
    incref(v);
    clear_locked(l);
    return v;
  }
  bool sh = sharing(l);
  if (size_after_pop - index > 0) move_slots(&items[index], &items[index + 1], size_t(size_after_pop - index), sh);
  if (resize(l, size_after_pop) < 0) {
    move_slots(&items[index + 1], &items[index], size_t(size_after_pop - index), sh);
    put(&items[index], v);
    return nullptr;
  }
  if (sh) {
    // A lock-free reader may have loaded v: the list's reference goes through QSBR, the caller gets its own.
    incref(v);
    alloc::release_deferred(v);
  }
  return v;  // the list's reference passes to the caller
}

Object* list_remove_meth(Object* self, Object* value) {
  PyListObject* l = L(self);
  for (ssize i = 0; i < l->ob_base.ob_size; i++) {
    ORef obj = borrow(l->ob_item[i]);
    int cmp = rich_compare_bool(obj.get(), value, Py_EQ);
    if (cmp > 0) {
      // ass_slice clamps, as in CPython, should the comparison have shrunk the list.
      if (ass_slice_locked(l, i, i + 1, nullptr) < 0) return nullptr;
      return none();
    }
    if (cmp < 0) return nullptr;
  }
  return set_error(&exc_ValueError, "list.remove(x): x not in list");
}

Object* list_index_meth(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("index", nargs, kwnames, 1, 3)) return nullptr;
  Object* value = args[0];
  ssize start = 0, stop = kSsizeMax;
  if (nargs >= 2 && !arg_slice_index_not_none(args[1], &start)) return nullptr;
  if (nargs >= 3 && !arg_slice_index_not_none(args[2], &stop)) return nullptr;
  ssize size = list_length(self);
  if (start < 0) {
    start += size;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += size;
    if (stop < 0) stop = 0;
  }
  for (ssize i = start; i < stop; i++) {
    ORef obj = steal(item_ref(self, i));
    if (!obj) break;
    int cmp = rich_compare_bool(obj.get(), value, Py_EQ);
    if (cmp > 0) return int_from_ssize(i);
    if (cmp < 0) return nullptr;
  }
  std::string r;
  if (!repr_utf8(value, &r)) return nullptr;
  return set_errorf(&exc_ValueError, "{} is not in list", r);
}

Object* list_count_meth(Object* self, Object* value) {
  ssize count = 0;
  for (ssize i = 0;; i++) {
    ORef obj = steal(item_ref(self, i));
    if (!obj) break;
    if (obj.get() == value) {
      count++;
      continue;
    }
    int cmp = rich_compare_bool(obj.get(), value, Py_EQ);
    if (cmp > 0) count++;
    if (cmp < 0) return nullptr;
  }
  return int_from_ssize(count);
}

Object* list_clear_meth(Object* self, Object*) {
  clear_locked(L(self));
  return none();
}

Object* list_copy_meth(Object* self, Object*) { return slice_locked(L(self), 0, var_size(self)); }

Object* list_reverse_meth(Object* self, Object*) {
  ssize n = var_size(self);
  Object** lo = L(self)->ob_item;
  for (ssize i = 0, j = n - 1; i < j; i++, j--) {
    Object* t = lo[i];
    put(&lo[i], lo[j]);
    put(&lo[j], t);
  }
  return none();
}

Object* list_sort_meth(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs > 0) return set_error(&exc_TypeError, "sort() takes no positional arguments");
  Object* out[2] = {nullptr, nullptr};
  if (!parse_args("sort", args, nargs, kwnames, {"$key", "$reverse"}, 0, out, 0)) return nullptr;
  Object* key = out[0] == none() ? nullptr : out[0];
  bool reverse = false;
  if (out[1]) {
    int r = object_is_true(out[1]);
    if (r < 0) return nullptr;
    reverse = r != 0;
  }
  if (list_sort(self, key, reverse) < 0) return nullptr;
  return none();
}

Object* list_reversed_meth(Object* self, Object*) { return list_reviter_new(self); }

// CPython 3.13's default build reports a 16-byte object header; ours is the free-threaded 32-byte one. Report the
// size CPython prints so programs comparing __sizeof__ (and sys.getsizeof) behave identically.
constexpr ssize kHeaderDelta = ssize(sizeof(PyObject)) - 16;

Object* list_sizeof_meth(Object* self, Object*) {
  ssize allocated = __atomic_load_n(&L(self)->allocated, __ATOMIC_RELAXED);
  if (allocated < 0) allocated = 0;
  return int_from_ssize(type_of(self)->tp_basicsize - kHeaderDelta + allocated * ssize(sizeof(void*)));
}

PyMethodDef list_methods[] = {
    {"__reversed__", list_reversed_meth, METH_NOARGS, "Return a reverse iterator over the list."},
    {"__sizeof__", list_sizeof_meth, METH_NOARGS, "Return the size of the list in memory, in bytes."},
    {"clear", locked<list_clear_meth>, METH_NOARGS, "Remove all items from list."},
    {"copy", locked<list_copy_meth>, METH_NOARGS, "Return a shallow copy of the list."},
    {"append", locked<list_append_meth>, METH_O, "Append object to the end of the list."},
    {"insert", as_cfunc(locked_fast<list_insert_meth>), METH_FASTCALL | METH_KEYWORDS, "Insert object before index."},
    {"extend", list_extend_meth, METH_O, "Extend list by appending elements from the iterable."},
    {"pop", as_cfunc(locked_fast<list_pop_meth>), METH_FASTCALL | METH_KEYWORDS,
     "Remove and return item at index (default last)."},
    {"remove", locked<list_remove_meth>, METH_O, "Remove first occurrence of value."},
    {"index", as_cfunc(list_index_meth), METH_FASTCALL | METH_KEYWORDS, "Return first index of value."},
    {"count", list_count_meth, METH_O, "Return number of occurrences of value."},
    {"reverse", locked<list_reverse_meth>, METH_NOARGS, "Reverse *IN PLACE*."},
    {"sort", as_cfunc(locked_fast<list_sort_meth>), METH_FASTCALL | METH_KEYWORDS,
     "Sort the list in ascending order and return None."},
    {nullptr, nullptr, 0, nullptr}};

PySequenceMethods list_as_sequence = {
    .sq_length = list_length,
    .sq_concat = list_concat,
    .sq_repeat = list_repeat,
    .sq_item = list_item,
    .sq_ass_item = list_ass_item,
    .sq_contains = list_contains,
    .sq_inplace_concat = list_inplace_concat,
    .sq_inplace_repeat = list_inplace_repeat,
};

PyMappingMethods list_as_mapping = {
    .mp_length = list_length,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
};

}  // namespace

Type list_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "list",
    .tp_basicsize = sizeof(PyListObject),
    .tp_itemsize = 0,
    .tp_dealloc = list_dealloc,
    .tp_repr = list_repr,
    .tp_as_sequence = &list_as_sequence,
    .tp_as_mapping = &list_as_mapping,
    .tp_hash = hash_not_implemented,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_MATCH_SELF |
                Py_TPFLAGS_SEQUENCE,
    .tp_doc =
        "Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.\n"
        "The argument must be an iterable if specified.",
    .tp_traverse = list_traverse,
    .tp_clear = list_tp_clear,
    .tp_richcompare = list_richcompare,
    .tp_iter = list_iter,
    .tp_methods = list_methods,
    .tp_init = list_tp_init,
    .tp_new = list_tp_new,
    .tp_free = object_free,
    .tp_vectorcall = list_vectorcall,
};

// ---- the C++ API (list.h) ----

Object* list_new(ssize n) {
  if (n < 0) return set_error(&exc_SystemError, "bad argument to internal function");
  Object* op = new_object(&list_type, sizeof(PyListObject));
  if (!op) return nullptr;
  if (n > 0) {
    auto** items = static_cast<Object**>(alloc::raw_calloc(size_t(n), sizeof(Object*)));
    if (!items) {
      decref(op);
      return no_memory();
    }
    L(op)->ob_item = items;
  }
  set_var_size(op, n);
  L(op)->allocated = n;
  return op;
}

Object* list_from_array(Object* const* items, ssize n) {
  Object* op = list_new(n);
  if (!op) return nullptr;
  for (ssize i = 0; i < n; i++) L(op)->ob_item[i] = newref(items[i]);
  return op;
}

int list_append(Object* list, Object* v) {
  CriticalSection cs(list);
  return append_steal(L(list), newref(v));
}

int list_extend(Object* list, Object* iterable) { return extend_impl(list, iterable); }

Object* list_get(Object* l, ssize i) { return list_item(l, i); }
Object* list_item_ref(Object* l, ssize i) { return item_ref(l, i); }

Object* list_as_tuple(Object* l) {
  CriticalSection cs(l);
  return tuple_from_array(L(l)->ob_item, var_size(l));
}

int list_reverse(Object* l) {
  CriticalSection cs(l);
  list_reverse_meth(l, nullptr);
  return 0;
}

int list_insert(Object* l, ssize where, Object* v) {
  CriticalSection cs(l);
  return ins1(L(l), where, v);
}

int list_set_item(Object* l, ssize i, Object* v) {
  CriticalSection cs(l);
  if (!valid_index(i, var_size(l))) {
    xdecref(v);
    set_error(&exc_IndexError, "list assignment index out of range");
    return -1;
  }
  Object* old = L(l)->ob_item[i];
  bool sh = sharing(L(l));
  put(&L(l)->ob_item[i], v);
  xrelease_item(old, sh);
  return 0;
}

Object* list_get_slice(Object* l, ssize lo, ssize hi) {
  CriticalSection cs(l);
  ssize n = var_size(l);
  if (lo < 0)
    lo = 0;
  else if (lo > n)
    lo = n;
  if (hi < lo)
    hi = lo;
  else if (hi > n)
    hi = n;
  return slice_locked(L(l), lo, hi);
}

int list_set_slice(Object* l, ssize lo, ssize hi, Object* v) { return ass_slice(l, lo, hi, v); }

int list_clear(Object* l) {
  CriticalSection cs(l);
  clear_locked(L(l));
  return 0;
}

}  // namespace pyvm
