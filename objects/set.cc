// set and frozenset: CPython's open-addressing tables (linear probes, then perturbation), operations and types.
#include "objects/set.h"

#include <fmt/format.h>

#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

using sync::CriticalSection;
using sync::CriticalSection2;

constexpr size_t kLinearProbes = 9;
constexpr int kPerturbShift = 5;

// Marks a deleted slot (with hash -1). Never escapes a table.
Object g_dummy = PYVM_IMMORTAL_HEADER(&object_type);
Object* const dummy = &g_dummy;

inline SetObject* S(Object* o) { return reinterpret_cast<SetObject*>(o); }
inline Object* O(SetObject* s) { return &s->ob_base; }
inline bool is_exact_str(const Object* o) { return type_of(o) == &str_type; }
inline hash_t hash_of(Object* key) { return is_exact_str(key) ? str_hash(key) : object_hash(key); }

// The set's critical section, taken only for sets: frozensets are immutable once shared (see set.h).
class SetSection {
 public:
  explicit SetSection(Object* s) {
    if (set_check(s)) cs_.emplace(s);
  }

 private:
  std::optional<CriticalSection> cs_;
};

// Sections of a set and of `other` when that is a set too (ordered by address, see CriticalSection2).
class SetSection2 {
 public:
  SetSection2(Object* a, Object* b) {
    bool la = set_check(a);
    bool lb = b != a && set_check(b);
    if (la && lb) {
      two_.emplace(a, b);
    } else if (la) {
      one_.emplace(a);
    } else if (lb) {
      one_.emplace(b);
    }
  }

 private:
  std::optional<CriticalSection2> two_;
  std::optional<CriticalSection> one_;
};

// ---- the table (callers hold the set's section, or the set is not yet shared) ----

// Returns the slot holding `key`, or the empty slot that ends its probe sequence; null with an error set. A key's
// __eq__ may change the table; the search then restarts (CPython's set_lookkey).
SetEntry* lookkey(SetObject* so, Object* key, hash_t hash) {
  for (;;) {
    SetEntry* table = so->table;
    size_t mask = size_t(so->mask);
    size_t i = size_t(hash) & mask;
    size_t perturb = size_t(hash);
    bool restart = false;
    while (!restart) {
      SetEntry* entry = &table[i];
      size_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
      do {
        if (entry->hash == 0 && entry->key == nullptr) return entry;
        if (entry->hash == hash) {
          Object* startkey = entry->key;
          if (startkey == key) return entry;
          if (is_exact_str(startkey) && is_exact_str(key) && str_equal(startkey, key)) return entry;
          incref(startkey);
          int cmp = rich_compare_bool(startkey, key, Py_EQ);
          bool unchanged = table == so->table && entry->key == startkey;
          decref(startkey);
          if (cmp < 0) return nullptr;
          if (!unchanged) {
            restart = true;
            break;
          }
          if (cmp > 0) return entry;
        }
        entry++;
      } while (probes--);
      perturb >>= kPerturbShift;
      i = (i * 5 + 1 + perturb) & mask;
    }
  }
}

// Puts a key known to be absent into a table with no dummies (resizing and merging into an empty table).
void insert_clean(SetEntry* table, size_t mask, Object* key, hash_t hash) {
  size_t perturb = size_t(hash);
  size_t i = size_t(hash) & mask;
  for (;;) {
    SetEntry* entry = &table[i];
    if (entry->key == nullptr) {
      entry->key = key;
      entry->hash = hash;
      return;
    }
    if (i + kLinearProbes <= mask) {
      for (size_t j = 0; j < kLinearProbes; j++) {
        entry++;
        if (entry->key == nullptr) {
          entry->key = key;
          entry->hash = hash;
          return;
        }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// Rebuilds the table with the smallest power-of-two size above `minused`, dropping dummies. Slots are re-inserted
// in table order, which is what makes the resulting order match CPython's.
int table_resize(SetObject* so, ssize minused) {
  size_t newsize = kSetMinSize;
  while (newsize <= size_t(minused)) newsize <<= 1;
  SetEntry* oldtable = so->table;
  ssize oldmask = so->mask;
  bool old_allocated = oldtable != so->smalltable;
  SetEntry small_copy[kSetMinSize];
  SetEntry* newtable;
  if (newsize == size_t(kSetMinSize)) {
    newtable = so->smalltable;
    if (newtable == oldtable) {
      if (so->fill == so->used) return 0;  // no dummies: nothing to do
      // Rebuild in place to purge the dummies (a search needs at least one empty slot to end).
      std::memcpy(static_cast<void*>(small_copy), oldtable, sizeof(small_copy));
      oldtable = small_copy;
    }
  } else {
    newtable = static_cast<SetEntry*>(alloc::raw_alloc(sizeof(SetEntry) * newsize));
    if (!newtable) {
      no_memory();
      return -1;
    }
  }
  std::memset(static_cast<void*>(newtable), 0, sizeof(SetEntry) * newsize);
  so->mask = ssize(newsize) - 1;
  so->table = newtable;
  size_t newmask = size_t(so->mask);
  if (so->fill == so->used) {
    for (SetEntry* e = oldtable; e <= oldtable + oldmask; e++) {
      if (e->key) insert_clean(newtable, newmask, e->key, e->hash);
    }
  } else {
    so->fill = so->used;
    for (SetEntry* e = oldtable; e <= oldtable + oldmask; e++) {
      if (e->key && e->key != dummy) insert_clean(newtable, newmask, e->key, e->hash);
    }
  }
  if (old_allocated) alloc::raw_free(oldtable);  // QSBR-deferred once lock-free readers exist
  return 0;
}

// Adds `key` (borrowed) unless an equal key is present (CPython's set_add_entry: the probe goes on to an empty slot,
// then the key takes the last dummy seen on the way, if any).
int add_entry(SetObject* so, Object* key, hash_t hash) {
  ORef hold = borrow(key);  // keys' __eq__ may drop the caller's reference
  for (;;) {
    size_t mask = size_t(so->mask);
    size_t i = size_t(hash) & mask;
    size_t perturb = size_t(hash);
    SetEntry* freeslot = nullptr;
    SetEntry* empty = nullptr;
    bool restart = false;
    while (!empty && !restart) {
      SetEntry* entry = &so->table[i];
      size_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
      do {
        if (entry->hash == 0 && entry->key == nullptr) {
          empty = entry;
          break;
        }
        if (entry->hash == hash) {
          Object* startkey = entry->key;
          if (startkey == key) return 0;
          if (is_exact_str(startkey) && is_exact_str(key) && str_equal(startkey, key)) return 0;
          SetEntry* table = so->table;
          incref(startkey);
          int cmp = rich_compare_bool(startkey, key, Py_EQ);
          bool changed = table != so->table || entry->key != startkey;
          decref(startkey);
          if (cmp > 0) return 0;
          if (cmp < 0) return -1;
          if (changed) {
            restart = true;
            break;
          }
          mask = size_t(so->mask);
        } else if (entry->hash == -1) {
          freeslot = entry;  // CPython 3.13 reuses the last dummy on the probe path (checked against its orders)
        }
        entry++;
      } while (probes--);
      perturb >>= kPerturbShift;
      i = (i * 5 + 1 + perturb) & mask;
    }
    if (restart) continue;
    if (freeslot) {
      __atomic_store_n(&so->used, so->used + 1, __ATOMIC_RELAXED);
      freeslot->key = newref(key);
      freeslot->hash = hash;
      return 0;
    }
    so->fill++;
    __atomic_store_n(&so->used, so->used + 1, __ATOMIC_RELAXED);
    empty->key = newref(key);
    empty->hash = hash;
    if (size_t(so->fill) * 5 < mask * 3) return 0;
    return table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
  }
}

// 1 removed, 0 absent, -1 error.
int discard_entry(SetObject* so, Object* key, hash_t hash) {
  SetEntry* entry = lookkey(so, key, hash);
  if (!entry) return -1;
  if (!entry->key) return 0;
  Object* old = entry->key;
  entry->key = dummy;
  entry->hash = -1;
  __atomic_store_n(&so->used, so->used - 1, __ATOMIC_RELAXED);
  decref(old);
  return 1;
}

// 1 present, 0 absent, -1 error.
int contains_entry(SetObject* so, Object* key, hash_t hash) {
  SetEntry* entry = lookkey(so, key, hash);
  if (!entry) return -1;
  return entry->key != nullptr;
}

void empty_to_minsize(SetObject* so) {
  std::memset(static_cast<void*>(so->smalltable), 0, sizeof(so->smalltable));
  so->fill = 0;
  __atomic_store_n(&so->used, ssize(0), __ATOMIC_RELAXED);
  so->mask = kSetMinSize - 1;
  so->table = so->smalltable;
  so->hash = -1;
}

// Empties the set first, then drops the keys (whose __del__ may look at the set again).
void clear_internal(SetObject* so) {
  SetEntry* table = so->table;
  ssize fill = so->fill;
  ssize used = so->used;
  bool allocated = table != so->smalltable;
  SetEntry small_copy[kSetMinSize];
  if (allocated) {
    empty_to_minsize(so);
  } else if (fill > 0) {
    std::memcpy(static_cast<void*>(small_copy), table, sizeof(small_copy));
    table = small_copy;
    empty_to_minsize(so);
  }
  for (SetEntry* e = table; used > 0; e++) {
    if (e->key && e->key != dummy) {
      used--;
      decref(e->key);
    }
  }
  if (allocated) alloc::raw_free(table);
}

// The next active slot at or after *pos (slot order), or null at the end.
SetEntry* next_entry(SetObject* so, ssize* pos) {
  ssize i = *pos;
  ssize mask = so->mask;
  SetEntry* table = so->table;
  while (i <= mask && (table[i].key == nullptr || table[i].key == dummy)) i++;
  *pos = i + 1;
  if (i > mask) return nullptr;
  return &table[i];
}

// Adds every key of `other` (CPython's set_merge). Both sections are held.
int merge(SetObject* so, SetObject* other) {
  if (so == other || other->used == 0) return 0;
  // One big resize at the start rather than several while inserting (expect few overlapping keys).
  if ((so->fill + other->used) * 5 >= so->mask * 3) {
    if (table_resize(so, (so->used + other->used) * 2) != 0) return -1;
  }
  SetEntry* so_entry = so->table;
  SetEntry* other_entry = other->table;
  // Our table is empty, both have the same size and there are no dummies: copy slot by slot.
  if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
    for (ssize i = 0; i <= other->mask; i++, so_entry++, other_entry++) {
      if (Object* key = other_entry->key) {
        so_entry->key = newref(key);
        so_entry->hash = other_entry->hash;
      }
    }
    so->fill = other->fill;
    __atomic_store_n(&so->used, ssize(other->used), __ATOMIC_RELAXED);
    return 0;
  }
  // Our table is empty: no duplicates possible, insert_clean will do.
  if (so->fill == 0) {
    SetEntry* newtable = so->table;
    size_t newmask = size_t(so->mask);
    so->fill = other->used;
    __atomic_store_n(&so->used, ssize(other->used), __ATOMIC_RELAXED);
    for (ssize i = other->mask + 1; i > 0; i--, other_entry++) {
      Object* key = other_entry->key;
      if (key && key != dummy) insert_clean(newtable, newmask, newref(key), other_entry->hash);
    }
    return 0;
  }
  for (ssize i = 0; i <= other->mask; i++) {
    SetEntry* e = &other->table[i];
    Object* key = e->key;
    if (key && key != dummy) {
      ORef k = borrow(key);
      if (add_entry(so, k.get(), e->hash) != 0) return -1;
    }
  }
  return 0;
}

// set.update(other) for one argument. Caller holds so's section and other's when it is a set.
int update_internal(SetObject* so, Object* other) {
  if (anyset_check(other)) return merge(so, S(other));
  if (dict_check_exact(other)) {
    ssize dictsize = dict_size(other);
    if ((so->fill + dictsize) * 5 >= so->mask * 3) {
      if (table_resize(so, (so->used + dictsize) * 2) != 0) return -1;
    }
    ssize pos = 0;
    Object* key;
    hash_t hash;
    while (dict_next_hash(other, &pos, &key, nullptr, &hash)) {
      ORef k = steal(key);
      if (add_entry(so, k.get(), hash) != 0) return -1;
    }
    return 0;
  }
  ORef it = steal(get_iter(other));
  if (!it) return -1;
  for (;;) {
    ORef key = steal(iter_next(it.get()));
    if (!key) return error_occurred() ? -1 : 0;
    hash_t hash = hash_of(key.get());
    if (hash == -1 || add_entry(so, key.get(), hash) != 0) return -1;
  }
}

Object* make_new_set(Type* type, Object* iterable) {
  Object* o = type->tp_alloc ? type->tp_alloc(type, 0) : new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  SetObject* so = S(o);
  so->mask = kSetMinSize - 1;
  so->table = so->smalltable;
  so->hash = -1;
  if (iterable) {
    int r;
    {
      SetSection2 cs(o, iterable);
      r = update_internal(so, iterable);
    }
    if (r < 0) {
      decref(o);
      return nullptr;
    }
  }
  return o;
}

// Results of set operations are plain sets or frozensets, whatever subclass the operand was.
Object* make_new_set_basetype(Type* type, Object* iterable) {
  if (type != &set_type && type != &frozenset_type) type = is_subtype(type, &set_type) ? &set_type : &frozenset_type;
  return make_new_set(type, iterable);
}

Object* set_copy(Object* so) { return make_new_set_basetype(type_of(so), so); }

hash_t hash_retrying_set(Object* key);

// Caller holds so's section (and other's when it is a set).
int difference_update_internal(SetObject* so, Object* other) {
  if (O(so) == other) {
    clear_internal(so);
    return 0;
  }
  if (anyset_check(other)) {
    ORef o;
    // When the other set is more than 8 times larger, iterate over the (smaller) intersection instead.
    if ((set_size(other) >> 3) > so->used) {
      o = steal(set_intersection(O(so), other));
      if (!o) return -1;
    } else {
      o = borrow(other);
    }
    ssize pos = 0;
    while (SetEntry* e = next_entry(S(o.get()), &pos)) {
      ORef key = borrow(e->key);
      if (discard_entry(so, key.get(), e->hash) < 0) return -1;
    }
  } else {
    ORef it = steal(get_iter(other));
    if (!it) return -1;
    for (;;) {
      ORef key = steal(iter_next(it.get()));
      if (!key) {
        if (error_occurred()) return -1;
        break;
      }
      hash_t hash = hash_of(key.get());
      if (hash == -1 || discard_entry(so, key.get(), hash) < 0) return -1;
    }
  }
  // More than 1/4 dummies: resize them away.
  if (size_t(so->fill - so->used) <= size_t(so->mask) / 4) return 0;
  return table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

Object* copy_and_difference(Object* so, Object* other) {
  ORef result = steal(set_copy(so));
  if (!result) return nullptr;
  int r;
  {
    SetSection2 cs(result.get(), other);
    r = difference_update_internal(S(result.get()), other);
  }
  if (r < 0) return nullptr;
  return result.release();
}

Object* difference(Object* so_obj, Object* other) {
  ssize other_size;
  if (anyset_check(other)) {
    other_size = set_size(other);
  } else if (dict_check_exact(other)) {
    other_size = dict_size(other);
  } else {
    return copy_and_difference(so_obj, other);
  }
  // Much larger than other: copying and removing other's keys is cheaper.
  if ((set_size(so_obj) >> 2) > other_size) return copy_and_difference(so_obj, other);
  ORef result = steal(make_new_set_basetype(type_of(so_obj), nullptr));
  if (!result) return nullptr;
  SetObject* res = S(result.get());
  SetObject* so = S(so_obj);
  ssize pos = 0;
  if (dict_check_exact(other)) {
    SetSection cs(so_obj);
    while (SetEntry* e = next_entry(so, &pos)) {
      ORef key = borrow(e->key);
      hash_t hash = e->hash;
      int rv = dict_contains_known_hash(other, key.get(), hash);
      if (rv < 0) return nullptr;
      if (!rv && add_entry(res, key.get(), hash) != 0) return nullptr;
    }
    return result.release();
  }
  SetSection2 cs(so_obj, other);
  while (SetEntry* e = next_entry(so, &pos)) {
    ORef key = borrow(e->key);
    hash_t hash = e->hash;
    int rv = contains_entry(S(other), key.get(), hash);
    if (rv < 0) return nullptr;
    if (!rv && add_entry(res, key.get(), hash) != 0) return nullptr;
  }
  return result.release();
}

// Toggles each key of `other` in so. Caller holds both sections.
int symmetric_update_from_set(SetObject* so, SetObject* other) {
  ssize pos = 0;
  while (SetEntry* e = next_entry(other, &pos)) {
    ORef key = borrow(e->key);
    hash_t hash = e->hash;
    int rv = discard_entry(so, key.get(), hash);
    if (rv < 0) return -1;
    if (rv == 0 && add_entry(so, key.get(), hash) != 0) return -1;
  }
  return 0;
}

Object* symmetric_difference(Object* so, Object* other) {
  ORef result = steal(make_new_set_basetype(type_of(so), other));
  if (!result) return nullptr;
  int r;
  {
    SetSection2 cs(result.get(), so);
    r = symmetric_update_from_set(S(result.get()), S(so));
  }
  if (r < 0) return nullptr;
  return result.release();
}

void swap_bodies(SetObject* a, SetObject* b) {
  std::swap(a->fill, b->fill);
  std::swap(a->used, b->used);
  std::swap(a->mask, b->mask);
  SetEntry* u = a->table == a->smalltable ? b->smalltable : a->table;
  a->table = b->table == b->smalltable ? a->smalltable : b->table;
  b->table = u;
  if (a->table == a->smalltable || b->table == b->smalltable) {
    SetEntry tab[kSetMinSize];
    std::memcpy(static_cast<void*>(tab), a->smalltable, sizeof(tab));
    std::memcpy(static_cast<void*>(a->smalltable), b->smalltable, sizeof(tab));
    std::memcpy(static_cast<void*>(b->smalltable), tab, sizeof(tab));
  }
  if (type_check(O(a), &frozenset_type) && type_check(O(b), &frozenset_type)) {
    std::swap(a->hash, b->hash);
  } else {
    a->hash = -1;
    b->hash = -1;
  }
}

// True if every key of so is in other (both sets). Holds both sections.
Object* issubset_sets(Object* so, Object* other) {
  SetSection2 cs(so, other);
  if (S(so)->used > S(other)->used) return newref(false_());
  ssize pos = 0;
  while (SetEntry* e = next_entry(S(so), &pos)) {
    ORef key = borrow(e->key);
    int rv = contains_entry(S(other), key.get(), e->hash);
    if (rv < 0) return nullptr;
    if (!rv) return newref(false_());
  }
  return newref(true_());
}

inline uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL; }

// CPython's frozenset hash: order-independent, from the stored hashes of every slot.
hash_t frozenset_hash_impl(SetObject* so) {
  uint64_t hash = 0;
  for (SetEntry* e = so->table; e <= &so->table[so->mask]; e++) hash ^= shuffle_bits(uint64_t(e->hash));
  // Remove the effect of an odd number of empty slots, and of dummies.
  if ((so->mask + 1 - so->fill) & 1) hash ^= shuffle_bits(0);
  if ((so->fill - so->used) & 1) hash ^= shuffle_bits(uint64_t(-1));
  hash ^= (uint64_t(so->used) + 1) * 1927868237UL;
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * 69069U + 907133923UL;
  if (hash == uint64_t(-1)) hash = 590923713UL;
  return hash_t(hash);
}

// hash(key), where a set key is hashed as the frozenset it equals (`set() in s`, s.remove(set())).
hash_t hash_retrying_set(Object* key) {
  hash_t hash = hash_of(key);
  if (hash != -1 || !set_check(key) || !error_matches(&exc_TypeError)) return hash;
  error_clear();
  SetSection cs(key);
  return frozenset_hash_impl(S(key));
}

// A list of the keys (new references), taken inside the section.
Object* snapshot_list(Object* s) {
  SetSection cs(s);
  SetObject* so = S(s);
  Object* list = list_new(so->used);
  if (!list) return nullptr;
  ssize pos = 0, j = 0;
  while (SetEntry* e = next_entry(so, &pos)) list_items(list)[j++] = newref(e->key);
  return list;
}

}  // namespace

// ---- the C++ API (set.h) ----

bool anyset_check(const Object* o) {
  Type* t = type_of(o);
  return t == &set_type || t == &frozenset_type || is_subtype(t, &set_type) || is_subtype(t, &frozenset_type);
}
bool anyset_check_exact(const Object* o) { return type_of(o) == &set_type || type_of(o) == &frozenset_type; }
bool set_check(const Object* o) {
  Type* t = type_of(o);
  return t == &set_type || (t != &frozenset_type && is_subtype(t, &set_type));
}

Object* set_new(Object* iterable) { return make_new_set(&set_type, iterable); }
Object* frozenset_new(Object* iterable) { return make_new_set(&frozenset_type, iterable); }

int set_add(Object* s, Object* key) {
  hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  SetSection cs(s);
  return add_entry(S(s), key, hash);
}

int set_contains(Object* s, Object* key) {
  hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  SetSection cs(s);
  return contains_entry(S(s), key, hash);
}

int set_discard(Object* s, Object* key) {
  hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  SetSection cs(s);
  return discard_entry(S(s), key, hash);
}

ssize set_size(Object* s) { return __atomic_load_n(&S(s)->used, __ATOMIC_RELAXED); }

bool set_next_hash(Object* s, ssize* pos, Object** key, hash_t* hash) {
  SetSection cs(s);
  SetEntry* e = next_entry(S(s), pos);
  if (!e) return false;
  if (key) *key = newref(e->key);
  if (hash) *hash = e->hash;
  return true;
}

bool set_next(Object* s, ssize* pos, Object** key) { return set_next_hash(s, pos, key, nullptr); }

int set_update(Object* s, Object* iterable) {
  SetSection2 cs(s, iterable);
  return update_internal(S(s), iterable);
}

int set_difference_update(Object* s, Object* other) {
  SetSection2 cs(s, other);
  return difference_update_internal(S(s), other);
}

int set_symmetric_difference_update(Object* s, Object* other) {
  if (s == other) return set_clear(s);
  if (dict_check_exact(other)) {
    SetSection cs(s);
    ssize pos = 0;
    Object* key;
    hash_t hash;
    while (dict_next_hash(other, &pos, &key, nullptr, &hash)) {
      ORef k = steal(key);
      int rv = discard_entry(S(s), k.get(), hash);
      if (rv < 0) return -1;
      if (rv == 0 && add_entry(S(s), k.get(), hash) != 0) return -1;
    }
    return 0;
  }
  if (anyset_check(other)) {
    SetSection2 cs(s, other);
    return symmetric_update_from_set(S(s), S(other));
  }
  ORef otherset = steal(make_new_set_basetype(type_of(s), other));
  if (!otherset) return -1;
  SetSection cs(s);
  return symmetric_update_from_set(S(s), S(otherset.get()));
}

Object* set_intersection(Object* so_obj, Object* other) {
  if (so_obj == other) return set_copy(so_obj);
  ORef result = steal(make_new_set_basetype(type_of(so_obj), nullptr));
  if (!result) return nullptr;
  SetObject* res = S(result.get());
  if (anyset_check(other)) {
    SetSection2 cs(so_obj, other);
    SetObject* so = S(so_obj);
    SetObject* ot = S(other);
    if (ot->used > so->used) std::swap(so, ot);  // iterate over the smaller one
    ssize pos = 0;
    while (SetEntry* e = next_entry(ot, &pos)) {
      ORef key = borrow(e->key);
      hash_t hash = e->hash;
      int rv = contains_entry(so, key.get(), hash);
      if (rv < 0) return nullptr;
      if (rv && add_entry(res, key.get(), hash) != 0) return nullptr;
    }
    return result.release();
  }
  ORef it = steal(get_iter(other));
  if (!it) return nullptr;
  SetSection cs(so_obj);
  for (;;) {
    ORef key = steal(iter_next(it.get()));
    if (!key) break;
    hash_t hash = hash_of(key.get());
    if (hash == -1) return nullptr;
    int rv = contains_entry(S(so_obj), key.get(), hash);
    if (rv < 0) return nullptr;
    if (rv && add_entry(res, key.get(), hash) != 0) return nullptr;
  }
  if (error_occurred()) return nullptr;
  return result.release();
}

int set_clear(Object* s) {
  SetSection cs(s);
  clear_internal(S(s));
  return 0;
}

Object* set_pop(Object* s) {
  SetSection cs(s);
  SetObject* so = S(s);
  if (so->used == 0) return set_error(&exc_KeyError, "pop from an empty set");
  // Resume where the last pop stopped, so repeated pops do not rescan the emptied front of the table.
  SetEntry* entry = so->table + (so->finger & so->mask);
  SetEntry* limit = so->table + so->mask;
  while (entry->key == nullptr || entry->key == dummy) {
    entry++;
    if (entry > limit) entry = so->table;
  }
  Object* key = entry->key;
  entry->key = dummy;
  entry->hash = -1;
  __atomic_store_n(&so->used, so->used - 1, __ATOMIC_RELAXED);
  so->finger = entry - so->table + 1;
  return key;
}

// ---- slots and methods ----

namespace {

Object* set_or(Object* so, Object* other) {
  if (!anyset_check(so) || !anyset_check(other)) return newref(not_implemented());
  ORef result = steal(set_copy(so));
  if (!result) return nullptr;
  if (so == other) return result.release();
  if (set_update(result.get(), other) < 0) return nullptr;
  return result.release();
}

Object* set_ior(Object* so, Object* other) {
  if (!anyset_check(other)) return newref(not_implemented());
  if (set_update(so, other) < 0) return nullptr;
  return newref(so);
}

Object* set_and(Object* so, Object* other) {
  if (!anyset_check(so) || !anyset_check(other)) return newref(not_implemented());
  return set_intersection(so, other);
}

// so &= other: the intersection replaces so's body.
int intersection_update_one(Object* so, Object* other) {
  SetSection2 cs(so, other);
  ORef tmp = steal(set_intersection(so, other));
  if (!tmp) return -1;
  swap_bodies(S(so), S(tmp.get()));
  return 0;
}

Object* set_iand(Object* so, Object* other) {
  if (!anyset_check(other)) return newref(not_implemented());
  if (intersection_update_one(so, other) < 0) return nullptr;
  return newref(so);
}

Object* set_sub(Object* so, Object* other) {
  if (!anyset_check(so) || !anyset_check(other)) return newref(not_implemented());
  return difference(so, other);
}

Object* set_isub(Object* so, Object* other) {
  if (!anyset_check(other)) return newref(not_implemented());
  if (set_difference_update(so, other) < 0) return nullptr;
  return newref(so);
}

Object* set_xor(Object* so, Object* other) {
  if (!anyset_check(so) || !anyset_check(other)) return newref(not_implemented());
  return symmetric_difference(so, other);
}

Object* set_ixor(Object* so, Object* other) {
  if (!anyset_check(other)) return newref(not_implemented());
  if (set_symmetric_difference_update(so, other) < 0) return nullptr;
  return newref(so);
}

ssize set_len(Object* so) { return set_size(so); }

// `key in s`; a set key is looked up as the equal frozenset.
int set_sq_contains(Object* so, Object* key) {
  hash_t hash = hash_retrying_set(key);
  if (hash == -1) return -1;
  SetSection cs(so);
  return contains_entry(S(so), key, hash);
}

Object* set_richcompare(Object* v, Object* w, int op) {
  if (!anyset_check(w)) return newref(not_implemented());
  switch (op) {
    case Py_EQ: {
      if (set_size(v) != set_size(w)) return newref(false_());
      hash_t hv = __atomic_load_n(&S(v)->hash, __ATOMIC_RELAXED);
      hash_t hw = __atomic_load_n(&S(w)->hash, __ATOMIC_RELAXED);
      if (hv != -1 && hw != -1 && hv != hw) return newref(false_());
      return issubset_sets(v, w);
    }
    case Py_NE: {
      ORef r = steal(set_richcompare(v, w, Py_EQ));
      if (!r) return nullptr;
      return newref(bool_obj(r.get() != true_()));
    }
    case Py_LE:
      return issubset_sets(v, w);
    case Py_GE:
      return issubset_sets(w, v);
    case Py_LT:
      if (set_size(v) >= set_size(w)) return newref(false_());
      return issubset_sets(v, w);
    case Py_GT:
      if (set_size(v) <= set_size(w)) return newref(false_());
      return issubset_sets(w, v);
  }
  return newref(not_implemented());
}

hash_t frozenset_hash(Object* self) {
  SetObject* so = S(self);
  hash_t hash = __atomic_load_n(&so->hash, __ATOMIC_RELAXED);
  if (hash != -1) return hash;
  hash = frozenset_hash_impl(so);
  __atomic_store_n(&so->hash, hash, __ATOMIC_RELAXED);
  return hash;
}

Object* set_repr(Object* self) {
  const char* name = type_of(self)->tp_name;
  int r = repr_enter(self);
  if (r != 0) return r > 0 ? str_from_utf8(fmt::format("{}(...)", name)) : nullptr;
  if (set_size(self) == 0) {
    repr_leave(self);
    return str_from_utf8(fmt::format("{}()", name));
  }
  ORef keys = steal(snapshot_list(self));
  ORef parts = keys ? steal(list_new(0)) : ORef();
  bool ok = bool(parts);
  for (ssize i = 0; ok && i < list_size(keys.get()); i++) {
    ORef s = steal(object_repr(list_items(keys.get())[i]));
    ok = s && list_append(parts.get(), s.get()) == 0;
  }
  repr_leave(self);
  if (!ok) return nullptr;
  if (type_of(self) == &set_type) return seq_repr_join("{", parts.get(), "}");
  std::string open = std::string(name) + "({";
  return seq_repr_join(open.c_str(), parts.get(), "})");
}

void set_dealloc_body(Object* self) {
  Type* t = type_of(self);
  SetObject* so = S(self);
  clear_weakrefs(self);
  ssize used = so->used;
  for (SetEntry* e = so->table; used > 0; e++) {
    if (e->key && e->key != dummy) {
      used--;
      decref(e->key);
    }
  }
  if (so->table && so->table != so->smalltable) alloc::raw_free(so->table);
  object_free(self);
  dealloc_type_ref(t);
}
void set_dealloc(Object* self) { dealloc_with_trashcan(self, set_dealloc_body); }

int set_traverse(Object* self, visitproc visit, void* arg) {
  SetObject* so = S(self);
  ssize pos = 0;
  while (SetEntry* e = next_entry(so, &pos)) {
    if (int r = visit(e->key, arg)) return r;
  }
  return 0;
}

int set_tp_clear(Object* self) {
  SetSection cs(self);
  clear_internal(S(self));
  return 0;
}

Object* set_tp_new(Type* type, Object*, Object* kwds) {
  if (type == &set_type && kwds && dict_size(kwds) > 0)
    return set_error(&exc_TypeError, "set() takes no keyword arguments");
  return make_new_set(type, nullptr);
}

int set_tp_init(Object* self, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds) > 0) {
    set_error(&exc_TypeError, "set() takes no keyword arguments");
    return -1;
  }
  ssize n = args ? tuple_size(args) : 0;
  if (n > 1) {
    set_errorf(&exc_TypeError, "{} expected at most 1 argument, got {}", type_of(self)->tp_name, n);
    return -1;
  }
  {
    SetSection cs(self);
    if (S(self)->fill) clear_internal(S(self));
    S(self)->hash = -1;
  }
  if (n == 0) return 0;
  return set_update(self, tuple_get(args, 0));
}

Object* frozenset_tp_new(Type* type, Object* args, Object* kwds) {
  if ((type == &frozenset_type || type->tp_init == frozenset_type.tp_init) && kwds && dict_size(kwds) > 0)
    return set_error(&exc_TypeError, "frozenset() takes no keyword arguments");
  ssize n = args ? tuple_size(args) : 0;
  if (n > 1) return set_errorf(&exc_TypeError, "{} expected at most 1 argument, got {}", type->tp_name, n);
  Object* iterable = n ? tuple_get(args, 0) : nullptr;
  if (type != &frozenset_type) return make_new_set(type, iterable);
  if (iterable && type_of(iterable) == &frozenset_type) return newref(iterable);  // immutable: share it
  return make_new_set(type, iterable);
}

// Methods. Single-set mutators run inside the set's section (declared with locked<>); the others take the sections
// they need themselves, both operands at once, so two threads never lock the same pair in opposite orders.

Object* set_add_meth(Object* so, Object* key) {
  hash_t hash = hash_of(key);
  if (hash == -1 || add_entry(S(so), key, hash) != 0) return nullptr;
  return newref(none());
}

Object* set_clear_meth(Object* so, Object*) {
  clear_internal(S(so));
  return newref(none());
}

Object* set_pop_meth(Object* so, Object*) { return set_pop(so); }

Object* set_contains_meth(Object* so, Object* key) {
  int r = set_sq_contains(so, key);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}

// 1 removed, 0 absent, -1 error; a set key is matched as the equal frozenset.
int discard_retrying_set(Object* so, Object* key) {
  hash_t hash = hash_retrying_set(key);
  if (hash == -1) return -1;
  SetSection cs(so);
  return discard_entry(S(so), key, hash);
}

Object* set_discard_meth(Object* so, Object* key) {
  if (discard_retrying_set(so, key) < 0) return nullptr;
  return newref(none());
}

Object* set_remove_meth(Object* so, Object* key) {
  int rv = discard_retrying_set(so, key);
  if (rv < 0) return nullptr;
  if (rv == 0) return set_key_error(key);
  return newref(none());
}

Object* set_copy_meth(Object* so, Object*) { return set_copy(so); }

// __reduce__ for set, frozenset and their subclasses: (type(s), (list(s),), s.__getstate__()).
Object* set_reduce_meth(Object* so, Object*) {
  ORef keys = steal(sequence_list(so));
  if (!keys) return nullptr;
  ORef args = steal(tuple_pack({keys.get()}));
  if (!args) return nullptr;
  ORef state = steal(call_method0(so, str_interned("__getstate__")));
  if (!state) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(so)), args.get(), state.get()});
}

Object* frozenset_copy_meth(Object* so, Object*) {
  if (type_of(so) == &frozenset_type) return newref(so);
  return set_copy(so);
}

Object* set_union_meth(Object* so, Object* const* args, ssize nargs) {
  ORef result = steal(set_copy(so));
  if (!result) return nullptr;
  for (ssize i = 0; i < nargs; i++) {
    if (args[i] == so) continue;
    if (set_update(result.get(), args[i]) < 0) return nullptr;
  }
  return result.release();
}

Object* set_update_meth(Object* so, Object* const* args, ssize nargs) {
  for (ssize i = 0; i < nargs; i++) {
    if (set_update(so, args[i]) < 0) return nullptr;
  }
  return newref(none());
}

Object* intersection_multi(Object* so, Object* const* args, ssize nargs) {
  if (nargs == 0) return set_copy(so);
  ORef result = borrow(so);
  for (ssize i = 0; i < nargs; i++) {
    ORef next = steal(set_intersection(result.get(), args[i]));
    if (!next) return nullptr;
    result = std::move(next);
  }
  return result.release();
}

Object* set_intersection_meth(Object* so, Object* const* args, ssize nargs) {
  return intersection_multi(so, args, nargs);
}

Object* set_intersection_update_meth(Object* so, Object* const* args, ssize nargs) {
  if (nargs == 1) {
    if (intersection_update_one(so, args[0]) < 0) return nullptr;
    return newref(none());
  }
  ORef tmp = steal(intersection_multi(so, args, nargs));
  if (!tmp) return nullptr;
  {
    SetSection cs(so);
    swap_bodies(S(so), S(tmp.get()));
  }
  return newref(none());
}

Object* set_difference_meth(Object* so, Object* const* args, ssize nargs) {
  if (nargs == 0) return set_copy(so);
  ORef result = steal(difference(so, args[0]));
  if (!result) return nullptr;
  for (ssize i = 1; i < nargs; i++) {
    if (set_difference_update(result.get(), args[i]) < 0) return nullptr;
  }
  return result.release();
}

Object* set_difference_update_meth(Object* so, Object* const* args, ssize nargs) {
  for (ssize i = 0; i < nargs; i++) {
    if (set_difference_update(so, args[i]) < 0) return nullptr;
  }
  return newref(none());
}

Object* set_symmetric_difference_meth(Object* so, Object* other) { return symmetric_difference(so, other); }

Object* set_symmetric_difference_update_meth(Object* so, Object* other) {
  if (set_symmetric_difference_update(so, other) < 0) return nullptr;
  return newref(none());
}

Object* set_issubset_meth(Object* so, Object* other) {
  if (anyset_check(other)) return issubset_sets(so, other);
  ORef tmp = steal(make_new_set(&set_type, other));
  if (!tmp) return nullptr;
  return issubset_sets(so, tmp.get());
}

Object* set_issuperset_meth(Object* so, Object* other) {
  if (anyset_check(other)) return issubset_sets(other, so);
  ORef it = steal(get_iter(other));
  if (!it) return nullptr;
  for (;;) {
    ORef key = steal(iter_next(it.get()));
    if (!key) break;
    int rv = set_contains(so, key.get());
    if (rv < 0) return nullptr;
    if (!rv) return newref(false_());
  }
  if (error_occurred()) return nullptr;
  return newref(true_());
}

Object* set_isdisjoint_meth(Object* so, Object* other) {
  if (so == other) return newref(bool_obj(set_size(so) == 0));
  if (anyset_check_exact(other)) {
    SetSection2 cs(so, other);
    SetObject* a = S(so);
    SetObject* b = S(other);
    if (b->used > a->used) std::swap(a, b);  // iterate over the smaller one
    ssize pos = 0;
    while (SetEntry* e = next_entry(b, &pos)) {
      ORef key = borrow(e->key);
      int rv = contains_entry(a, key.get(), e->hash);
      if (rv < 0) return nullptr;
      if (rv) return newref(false_());
    }
    return newref(true_());
  }
  ORef it = steal(get_iter(other));
  if (!it) return nullptr;
  for (;;) {
    ORef key = steal(iter_next(it.get()));
    if (!key) break;
    int rv = set_contains(so, key.get());
    if (rv < 0) return nullptr;
    if (rv) return newref(false_());
  }
  if (error_occurred()) return nullptr;
  return newref(true_());
}

// CPython 3.13's default build reports a 16-byte object header where ours is 32 bytes: report CPython's number.
Object* set_sizeof_meth(Object* so, Object*) {
  constexpr ssize kHeaderDelta = ssize(sizeof(PyObject)) - 16;
  ssize res = type_of(so)->tp_basicsize - kHeaderDelta;
  SetSection cs(so);
  if (S(so)->table != S(so)->smalltable) res += (S(so)->mask + 1) * ssize(sizeof(SetEntry));
  return int_from_ssize(res);
}

PyMethodDef set_methods[] = {
    {"add", locked<set_add_meth>, METH_O,
     "Add an element to a set.\n\nThis has no effect if the element is already present."},
    {"clear", locked<set_clear_meth>, METH_NOARGS, "Remove all elements from this set."},
    {"__contains__", set_contains_meth, METH_O | METH_COEXIST, "x.__contains__(y) <==> y in x."},
    {"copy", set_copy_meth, METH_NOARGS, "Return a shallow copy of a set."},
    {"__reduce__", set_reduce_meth, METH_NOARGS, "Return state information for pickling."},
    {"discard", set_discard_meth, METH_O,
     "Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() method does not raise\n"
     "an exception when an element is missing from the set."},
    {"difference", as_cfunc(set_difference_meth), METH_FASTCALL,
     "Return a new set with elements in the set that are not in the others."},
    {"difference_update", as_cfunc(set_difference_update_meth), METH_FASTCALL,
     "Update the set, removing elements found in others."},
    {"intersection", as_cfunc(set_intersection_meth), METH_FASTCALL,
     "Return a new set with elements common to the set and all others."},
    {"intersection_update", as_cfunc(set_intersection_update_meth), METH_FASTCALL,
     "Update the set, keeping only elements found in it and all others."},
    {"isdisjoint", set_isdisjoint_meth, METH_O, "Return True if two sets have a null intersection."},
    {"issubset", set_issubset_meth, METH_O, "Report whether another set contains this set."},
    {"issuperset", set_issuperset_meth, METH_O, "Report whether this set contains another set."},
    {"pop", locked<set_pop_meth>, METH_NOARGS,
     "Remove and return an arbitrary set element.\n\nRaises KeyError if the set is empty."},
    {"remove", set_remove_meth, METH_O,
     "Remove an element from a set; it must be a member.\n\nIf the element is not a member, raise a KeyError."},
    {"__sizeof__", set_sizeof_meth, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", set_symmetric_difference_meth, METH_O,
     "Return a new set with elements in either the set or other but not both."},
    {"symmetric_difference_update", set_symmetric_difference_update_meth, METH_O,
     "Update the set, keeping only elements found in either set, but not in both."},
    {"union", as_cfunc(set_union_meth), METH_FASTCALL, "Return a new set with elements from the set and all others."},
    {"update", as_cfunc(set_update_meth), METH_FASTCALL, "Update the set, adding elements from all others."},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef frozenset_methods[] = {
    {"__contains__", set_contains_meth, METH_O | METH_COEXIST, "x.__contains__(y) <==> y in x."},
    {"copy", frozenset_copy_meth, METH_NOARGS, "Return a shallow copy of a set."},
    {"__reduce__", set_reduce_meth, METH_NOARGS, "Return state information for pickling."},
    {"difference", as_cfunc(set_difference_meth), METH_FASTCALL,
     "Return a new set with elements in the set that are not in the others."},
    {"intersection", as_cfunc(set_intersection_meth), METH_FASTCALL,
     "Return a new set with elements common to the set and all others."},
    {"isdisjoint", set_isdisjoint_meth, METH_O, "Return True if two sets have a null intersection."},
    {"issubset", set_issubset_meth, METH_O, "Report whether another set contains this set."},
    {"issuperset", set_issuperset_meth, METH_O, "Report whether this set contains another set."},
    {"__sizeof__", set_sizeof_meth, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", set_symmetric_difference_meth, METH_O,
     "Return a new set with elements in either the set or other but not both."},
    {"union", as_cfunc(set_union_meth), METH_FASTCALL, "Return a new set with elements from the set and all others."},
    {nullptr, nullptr, 0, nullptr},
};

PyNumberMethods set_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
    .nb_inplace_subtract = set_isub,
    .nb_inplace_and = set_iand,
    .nb_inplace_xor = set_ixor,
    .nb_inplace_or = set_ior,
};

PyNumberMethods frozenset_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
};

PySequenceMethods set_as_sequence = {
    .sq_length = set_len,
    .sq_contains = set_sq_contains,
};

// ---- the iterator ----

// Thread contract: si_set is fixed for the iterator's life (kept until dealloc, so a racing next() never sees it
// freed); the other fields change only inside the set's section (frozensets never change, so theirs need none).
struct SetIterObject {
  Object ob_base;
  Object* si_set;
  ssize si_used;  // `used` when created; -1 once a size change was reported
  ssize si_pos;   // next slot to look at
  ssize len;      // keys left, for __length_hint__
  bool done;
};

Object* set_iter(Object* so) {
  Object* it = new_object(&set_iterator_type, sizeof(SetIterObject));
  if (!it) return nullptr;
  auto* si = reinterpret_cast<SetIterObject*>(it);
  si->si_set = newref(so);
  SetSection cs(so);
  si->si_used = S(so)->used;
  si->len = S(so)->used;
  return it;
}

// next() on the iterator's fields (also run on a copy of them by __reduce__).
Object* setiter_step(SetIterObject* si) {
  SetSection cs(si->si_set);
  if (si->done) return nullptr;
  SetObject* so = S(si->si_set);
  if (si->si_used != so->used) {
    si->si_used = -1;  // keep raising, as CPython does
    return set_error(&exc_RuntimeError, "Set changed size during iteration");
  }
  ssize pos = si->si_pos;
  SetEntry* e = next_entry(so, &pos);
  si->si_pos = pos;
  if (!e) {
    si->done = true;
    return nullptr;
  }
  si->len--;
  return newref(e->key);
}

Object* setiter_next(Object* self) { return setiter_step(reinterpret_cast<SetIterObject*>(self)); }

// (iter, (list of what is left,)), found by running a copy of the iterator (so a set that changed size raises
// RuntimeError here too, as in CPython).
Object* setiter_reduce(Object* self, Object*) {
  ORef iter = steal(builtin_object("iter"));
  if (!iter) return nullptr;
  auto* si = reinterpret_cast<SetIterObject*>(self);
  SetIterObject copy;
  {
    SetSection cs(si->si_set);
    copy = *si;
  }
  ORef list = steal(list_new(0));
  if (!list) return nullptr;
  while (Object* key = setiter_step(&copy)) {
    int r = list_append(list.get(), key);
    decref(key);
    if (r < 0) return nullptr;
  }
  if (error_occurred()) return nullptr;
  return iter_reduce_value(iter.get(), list.get(), nullptr);
}

Object* setiter_len(Object* self, Object*) {
  auto* si = reinterpret_cast<SetIterObject*>(self);
  ssize len = 0;
  {
    SetSection cs(si->si_set);
    if (!si->done && si->si_used == S(si->si_set)->used) len = si->len;
  }
  return int_from_ssize(len);
}

Object* setiter_self(Object* self) { return newref(self); }

void setiter_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(reinterpret_cast<SetIterObject*>(self)->si_set);
  object_free(self);
  dealloc_type_ref(t);
}

int setiter_traverse(Object* self, visitproc visit, void* arg) {
  Object* s = reinterpret_cast<SetIterObject*>(self)->si_set;
  return s ? visit(s, arg) : 0;
}

PyMethodDef setiter_methods[] = {
    {"__length_hint__", setiter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", setiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Type set_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "set",
    .tp_basicsize = sizeof(SetObject),
    .tp_itemsize = 0,
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_number = &set_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = reinterpret_cast<hashfunc>(hash_not_implemented),
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF,
    .tp_doc =
        "set() -> new empty set object\nset(iterable) -> new set object\n\nBuild an unordered collection of "
        "unique elements.",
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_richcompare = set_richcompare,
    .tp_weaklistoffset = offsetof(SetObject, weakreflist),
    .tp_iter = set_iter,
    .tp_methods = set_methods,
    .tp_init = set_tp_init,
    .tp_new = set_tp_new,
    .tp_free = object_free,
};

Type frozenset_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "frozenset",
    .tp_basicsize = sizeof(SetObject),
    .tp_itemsize = 0,
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_number = &frozenset_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = frozenset_hash,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF,
    .tp_doc =
        "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\nBuild an immutable "
        "unordered collection of unique elements.",
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_richcompare = set_richcompare,
    .tp_weaklistoffset = offsetof(SetObject, weakreflist),
    .tp_iter = set_iter,
    .tp_methods = frozenset_methods,
    .tp_new = frozenset_tp_new,
    .tp_free = object_free,
};

Type set_iterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "set_iterator",
    .tp_basicsize = sizeof(SetIterObject),
    .tp_itemsize = 0,
    .tp_dealloc = setiter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = setiter_traverse,
    .tp_iter = setiter_self,
    .tp_iternext = setiter_next,
    .tp_methods = setiter_methods,
    .tp_free = object_free,
};

int set_init_types() { return type_ready(&set_iterator_type); }

}  // namespace pyvm
