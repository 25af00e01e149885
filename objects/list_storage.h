// The item array of a list, as seen by lock-free readers (list.cc, list_sort.cc).
//
// Readers (list.cc get_lockfree): the owner thread at any time; another thread once the list is marked shared
// (alloc::lockfree_read_ok), which its first locked read does. A reader loads ob_size, ob_item, allocated, ob_item
// again, then the slot, takes a reference and re-checks the slot and ob_item; any mismatch, a null slot or a
// negative `allocated` (sorting) sends it to the locked path.
//
// Writers hold the list's critical section. When `sharing()` (marked shared, or the writer is not the owner):
// - every reference the list gives up goes through QSBR (release_item), pop's included (the caller gets its own);
// - a replaced array goes through QSBR and is never realloc'd in place;
// - the slots in [ob_size, allocated) hold null (marking the list nulls them first), so a reader that sees a size
//   grown before the new item was stored finds null;
// - when `allocated` grows, ob_item is stored before it; when it shrinks, after it (a reader that loaded a matching
//   ob_item twice never sees a capacity larger than that array's);
// - slots, ob_item and allocated are written with release stores.
// An unshared list written by its owner has no concurrent reader and uses plain memmove, realloc and decref.
#pragma once

#include <cstring>

#include "alloc/heap.h"
#include "alloc/refcount.h"
#include "objects/list.h"
#include "objects/object.h"

namespace pyvm::list_storage {

inline void put(Object** slot, Object* v) { __atomic_store_n(slot, v, __ATOMIC_RELEASE); }
inline void set_items(PyListObject* a, Object** items) { __atomic_store_n(&a->ob_item, items, __ATOMIC_RELEASE); }
inline void set_allocated(PyListObject* a, ssize n) { __atomic_store_n(&a->allocated, n, __ATOMIC_RELEASE); }

// Caller holds the list's section. True when lock-free readers other than the caller may exist; a non-owner marks
// the list, nulling the free slots first (see above).
inline bool sharing(PyListObject* a) {
  Object* o = reinterpret_cast<Object*>(a);
  if (alloc::is_marked_shared(o)) return true;
  if (alloc::is_owned_by_current(o)) return false;
  if (a->ob_item && a->allocated > a->ob_base.ob_size)
    for (ssize i = a->ob_base.ob_size; i < a->allocated; i++) put(&a->ob_item[i], nullptr);
  alloc::mark_shared(o);
  return true;
}

inline void release_item(Object* o, bool sh) {
  if (sh) {
    alloc::release_deferred(o);
  } else {
    decref(o);
  }
}
inline void xrelease_item(Object* o, bool sh) {
  if (o) release_item(o, sh);
}
inline void free_array(Object** items, bool sh) {
  if (!items) return;
  if (sh) {
    alloc::release_deferred_raw(items);
  } else {
    alloc::raw_free(items);
  }
}

// memmove of n slots; slot by slot with release stores while readers may be looking (a reader that acquires an
// item from its new slot must also see the item's initialisation, which a relaxed store would not carry).
inline void move_slots(Object** dst, Object** src, size_t n, bool sh) {
  if (!sh) {
    std::memmove(dst, src, n * sizeof(Object*));
  } else if (dst < src) {
    for (size_t i = 0; i < n; i++) __atomic_store_n(&dst[i], __atomic_load_n(&src[i], __ATOMIC_RELAXED), __ATOMIC_RELEASE);
  } else {
    for (size_t i = n; i-- > 0;) __atomic_store_n(&dst[i], __atomic_load_n(&src[i], __ATOMIC_RELAXED), __ATOMIC_RELEASE);
  }
}

// Nulls slots [from, to) (vacated by a shrink) while readers may be looking.
inline void null_slots(Object** items, ssize from, ssize to, bool sh) {
  if (!sh || !items) return;
  for (ssize i = from; i < to; i++) put(&items[i], nullptr);
}

}  // namespace pyvm::list_storage
