// dict: CPython's insertion-ordered hash table (index array + dense entries), its slots, methods and C++ API.
#include "objects/dict.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

using sync::CriticalSection;
using sync::CriticalSection2;

constexpr ssize kIxError = -3;
constexpr int kLog2MinSize = 3;
constexpr int kPerturbShift = kDictPerturbShift;

inline ssize usable_fraction(ssize n) { return (n << 1) / 3; }

// CPython's calculate_log2_keysize, bit for bit: bit_length(((minsize | 8) - 1) | 7). It rounds some sizes one
// step further up than "the smallest power of two >= minsize" (3 -> 16); __sizeof__ must agree with CPython.
int calculate_log2_keysize(ssize minsize) {
  size_t m = ((size_t(minsize) | 8) - 1) | 7;
  return 64 - __builtin_clzl(m);
}
// The table size that holds n entries without a resize.
int estimate_log2_keysize(ssize n) { return calculate_log2_keysize((n * 3 + 1) / 2); }

// The table every empty dict shares (immortal, never written: its `usable` is 0 so the first insertion resizes).
// As CPython's Py_EMPTY_KEYS it has a single slot (log2 size 0), which matters: dict_merge presizes an empty target
// because USABLE_FRACTION(1) is 0, and table sizes (hence __sizeof__) follow from that.
struct alignas(8) EmptyKeys {
  DictKeys keys;
  int8_t index[8];
};
// Its key-set version is a constant that next_version() never hands out: every dict without keys has the same (no)
// keys, so they may share it.
EmptyKeys g_empty_keys = {{0, 0, 1, 0, 0, 0, 1}, {-1, -1, -1, -1, -1, -1, -1, -1}};
inline DictKeys* empty_keys() { return &g_empty_keys.keys; }

inline ssize keys_size(const DictKeys* k) { return ssize{1} << k->log2_size; }
inline size_t keys_bytes(const DictKeys* k) {
  return sizeof(DictKeys) + (size_t{1} << k->log2_index_bytes) +
         size_t(usable_fraction(keys_size(k))) * sizeof(DictEntry);
}

// ma_version_tag values, as CPython 3.13t hands them out: each thread takes batches of 256 from a global counter.
constexpr uint64_t kVersionIncrement = uint64_t{1} << 12;  // below: watcher bits
constexpr uint64_t kVersionBatch = 256 * kVersionIncrement;
std::atomic<uint64_t> g_dict_version{0};
thread_local uint64_t t_dict_version = 0;
inline uint64_t next_version() {
  if ((t_dict_version & (kVersionBatch - 1)) == 0)
    t_dict_version = g_dict_version.fetch_add(kVersionBatch, std::memory_order_relaxed) + kVersionBatch;
  return t_dict_version += kVersionIncrement;
}
// A mutation (or the creation) of d. Caller holds d's section (or d is not shared yet).
inline void new_version(DictObject* d) { __atomic_store_n(&d->ma_version_tag, next_version(), __ATOMIC_RELAXED); }
// The table's keys changed (an entry appended, deleted or popped), or it is new. Caller holds the dict's section
// (or the table is not published yet).
inline void new_keys_version(DictKeys* k) { __atomic_store_n(&k->keys_version, next_version(), __ATOMIC_RELAXED); }

DictKeys* new_keys(int log2_size, bool unicode) {
  int log2_bytes = log2_size < 8    ? log2_size
                   : log2_size < 16 ? log2_size + 1
                   : log2_size < 32 ? log2_size + 2
                                    : log2_size + 3;
  ssize usable = usable_fraction(ssize{1} << log2_size);
  size_t bytes = sizeof(DictKeys) + (size_t{1} << log2_bytes) + size_t(usable) * sizeof(DictEntry);
  auto* k = static_cast<DictKeys*>(alloc::raw_alloc(bytes));
  if (!k) return nullptr;
  k->log2_size = uint8_t(log2_size);
  k->log2_index_bytes = uint8_t(log2_bytes);
  k->unicode = unicode;
  k->capacity = uint32_t(usable);
  k->usable = usable;
  k->nentries = 0;
  k->keys_version = next_version();
  std::memset(k->indices(), 0xff, size_t{1} << log2_bytes);  // every slot kDictIxEmpty
  std::memset(static_cast<void*>(k->entries()), 0, size_t(usable) * sizeof(DictEntry));
  return k;
}

// QSBR is needed only where a lock-free reader can exist (alloc::writer_must_defer). Caller holds d's section.
inline bool must_defer(DictObject* d) { return alloc::writer_must_defer(&d->ob_base); }

// A table no dict points to any more. A lock-free reader (lookup_lockfree) may still be walking it when `defer`: it
// is then freed through QSBR.
void free_keys(DictKeys* k, bool defer) {
  if (k == empty_keys()) return;
  if (defer) {
    alloc::release_deferred_raw(k);
  } else {
    alloc::raw_free(k);
  }
}

// Drops every key and value of a table that is no longer reachable from any dict, then frees it. `deferred`: lock-free
// readers may still hold pointers into it (dict.clear()), so the references go through QSBR too; a dying dict's table
// (dealloc) has no readers left and is released at once.
void release_keys(DictKeys* k, bool deferred) {
  if (k == empty_keys()) return;
  DictEntry* e = k->entries();
  for (ssize i = 0; i < k->nentries; i++) {
    if (deferred) {
      if (e[i].key) alloc::release_deferred(e[i].key);
      if (e[i].value) alloc::release_deferred(e[i].value);
    } else {
      xdecref(e[i].key);
      xdecref(e[i].value);
    }
  }
  if (deferred) {
    free_keys(k, true);
  } else {
    alloc::raw_free(k);
  }
}

// A reference the table gave up (a replaced or deleted key or value). A lock-free reader may have loaded the pointer
// just before the write and be about to take a reference: the table's reference is dropped through QSBR, after the
// section has been left (so a __del__ never sees a half-updated table).
class Dropped {
 public:
  Dropped() = default;
  Dropped(const Dropped&) = delete;
  Dropped& operator=(const Dropped&) = delete;
  ~Dropped() {
    if (!p_) return;
    if (defer_) {
      alloc::release_deferred(p_);
    } else {
      decref(p_);
    }
  }
  // `defer`: must_defer() of the dict, taken inside its section.
  void set(Object* p, bool defer) {
    p_ = p;
    defer_ = defer;
  }
  Object* get() const { return p_; }

 private:
  Object* p_ = nullptr;
  bool defer_ = true;
};

// A copy of a table with new references to its keys and values (CPython's clone_combined_dict_keys).
DictKeys* clone_keys(DictKeys* k) {
  size_t bytes = keys_bytes(k);
  auto* c = static_cast<DictKeys*>(alloc::raw_alloc(bytes));
  if (!c) return nullptr;
  std::memcpy(static_cast<void*>(c), k, bytes);
  c->keys_version = next_version();  // another dict's table from now on
  DictEntry* e = c->entries();
  for (ssize i = 0; i < c->nentries; i++) {
    xincref(e[i].key);
    xincref(e[i].value);
  }
  return c;
}

inline ssize get_index(const DictKeys* k, size_t i) {
  const char* ix = k->indices();
  int s = k->log2_size;
  if (s < 8) return reinterpret_cast<const int8_t*>(ix)[i];
  if (s < 16) return reinterpret_cast<const int16_t*>(ix)[i];
  if (s < 32) return reinterpret_cast<const int32_t*>(ix)[i];
  return reinterpret_cast<const int64_t*>(ix)[i];
}

// The same for a reader without the section (acquire: the entry it names is fully written).
inline ssize get_index_acquire(const DictKeys* k, size_t i) {
  const char* ix = k->indices();
  int s = k->log2_size;
  if (s < 8) return __atomic_load_n(&reinterpret_cast<const int8_t*>(ix)[i], __ATOMIC_ACQUIRE);
  if (s < 16) return __atomic_load_n(&reinterpret_cast<const int16_t*>(ix)[i], __ATOMIC_ACQUIRE);
  if (s < 32) return __atomic_load_n(&reinterpret_cast<const int32_t*>(ix)[i], __ATOMIC_ACQUIRE);
  return __atomic_load_n(&reinterpret_cast<const int64_t*>(ix)[i], __ATOMIC_ACQUIRE);
}

// Stores into a live table's entries that lock-free readers may be loading (see lookup_lockfree).
inline void store_ptr(Object** slot, Object* v) { __atomic_store_n(slot, v, __ATOMIC_RELEASE); }
inline void set_keys(DictObject* d, DictKeys* k) { __atomic_store_n(&d->ma_keys, k, __ATOMIC_RELEASE); }


inline void set_index(DictKeys* k, size_t i, ssize v) {
  char* ix = k->indices();
  int s = k->log2_size;
  // Release stores: an index published to lock-free readers comes after the entry it points to was written.
  if (s < 8) {
    __atomic_store_n(&reinterpret_cast<int8_t*>(ix)[i], int8_t(v), __ATOMIC_RELEASE);
  } else if (s < 16) {
    __atomic_store_n(&reinterpret_cast<int16_t*>(ix)[i], int16_t(v), __ATOMIC_RELEASE);
  } else if (s < 32) {
    __atomic_store_n(&reinterpret_cast<int32_t*>(ix)[i], int32_t(v), __ATOMIC_RELEASE);
  } else {
    __atomic_store_n(&reinterpret_cast<int64_t*>(ix)[i], int64_t(v), __ATOMIC_RELEASE);
  }
}

inline size_t keys_mask(const DictKeys* k) { return (size_t{1} << k->log2_size) - 1; }

// The first slot on hash's probe sequence that holds no entry (empty or dummy).
size_t find_empty_slot(const DictKeys* k, hash_t hash) {
  size_t mask = keys_mask(k);
  size_t i = size_t(hash) & mask;
  ssize ix = get_index(k, i);
  for (size_t perturb = size_t(hash); ix >= 0;) {
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
    ix = get_index(k, i);
  }
  return i;
}

// The slot that holds entry number `index` (which must be present).
size_t find_slot_of(const DictKeys* k, hash_t hash, ssize index) {
  size_t mask = keys_mask(k);
  size_t i = size_t(hash) & mask;
  for (size_t perturb = size_t(hash);;) {
    if (get_index(k, i) == index) return i;
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

inline bool is_exact_str(const Object* o) { return type_of(o) == &str_type; }

inline hash_t hash_of(Object* key) { return is_exact_str(key) ? str_hash(key) : object_hash(key); }

// Finds `key`: returns its entry number, kDictIxEmpty when absent, or kIxError with an exception set.
// Caller holds d's section. A key's __eq__ may mutate d (through the re-entered section); the lookup then restarts
// against the new table, as CPython's does. kStrKey: `key` is an exact str, so exact-str entries are compared by
// content without calling out.
template <bool kStrKey>
ssize lookup(DictObject* d, Object* key, hash_t hash) {
  for (;;) {
    DictKeys* k = d->ma_keys;
    size_t mask = keys_mask(k);
    size_t i = size_t(hash) & mask;
    size_t perturb = size_t(hash);
    bool restart = false;
    while (!restart) {
      ssize ix = get_index(k, i);
      if (ix == kDictIxEmpty) return kDictIxEmpty;
      if (ix >= 0) {
        DictEntry* ep = &k->entries()[ix];
        Object* ek = ep->key;
        if (ek == key) return ix;
        if (ep->hash == hash) {
          if (kStrKey && is_exact_str(ek)) {
            if (str_equal(ek, key)) return ix;
          } else {
            incref(ek);
            int cmp = rich_compare_bool(ek, key, Py_EQ);
            bool unchanged = k == d->ma_keys && ep->key == ek;
            decref(ek);
            if (cmp < 0) return kIxError;
            if (!unchanged) {
              restart = true;
              continue;
            }
            if (cmp > 0) return ix;
          }
        }
      }
      perturb >>= kPerturbShift;
      i = (i * 5 + perturb + 1) & mask;
    }
  }
}

inline ssize lookup_any(DictObject* d, Object* key, hash_t hash) {
  return is_exact_str(key) ? lookup<true>(d, key, hash) : lookup<false>(d, key, hash);
}

// ---- Lock-free reads (DESIGN.md: hot reads go lock-free with optimistic reads plus QSBR) ----
//
// The protocol, with the writers above (which hold the section):
// - ma_keys is swapped as a whole (release store) and a replaced table is freed through QSBR, so the table a reader
//   loaded stays readable until the reader's next quiescent point.
// - An entry is written before its index slot is published (release); the reader loads the slot with acquire.
// - Every key or value reference a table gives up goes through QSBR (Dropped, release_keys(.., true), popitem), so
//   an object whose pointer a reader loaded from a table keeps a reference until the reader is quiescent: the reader
//   may compare it and take a plain reference to it.
// - After taking its reference the reader checks that the entry still holds the key it matched and that ma_keys is
//   unchanged; if not (a concurrent delete, popitem + append, resize) it returns kRetry and the caller takes the
//   locked path, as it does whenever a comparison would need to call out (keys that are not exact str or int).
constexpr int kRetry = -2;

inline bool is_exact_int(const Object* o) { return type_of(o) == &int_type; }

// 1: found, *out a new reference; 0: absent; kRetry: take the locked path. `key` is an exact str or int.
int lookup_lockfree(DictObject* d, Object* key, hash_t hash, Object** out) {
  if (!alloc::lockfree_read_ok(&d->ob_base)) return kRetry;  // a non-owner's first read marks it (locked path)
  DictKeys* k = __atomic_load_n(&d->ma_keys, __ATOMIC_ACQUIRE);
  size_t mask = keys_mask(k);
  size_t i = size_t(hash) & mask;
  size_t perturb = size_t(hash);
  bool str_key = is_exact_str(key);
  for (;;) {
    ssize ix = get_index_acquire(k, i);
    if (ix == kDictIxEmpty) {
      *out = nullptr;
      return 0;
    }
    if (ix >= 0) {
      DictEntry* ep = &k->entries()[ix];
      Object* ek = __atomic_load_n(&ep->key, __ATOMIC_ACQUIRE);
      bool match = ek == key;
      if (!match && ek && __atomic_load_n(&ep->hash, __ATOMIC_RELAXED) == hash) {
        if (str_key && is_exact_str(ek)) {
          match = str_equal(ek, key);
        } else if (!str_key && is_exact_int(ek)) {
          match = int_compare(ek, key) == 0;
        } else {
          return kRetry;  // an equal hash on a key whose __eq__ may run code
        }
      }
      if (match) {
        Object* v = __atomic_load_n(&ep->value, __ATOMIC_ACQUIRE);
        if (!v) return kRetry;
        incref(v);
        if (__atomic_load_n(&ep->key, __ATOMIC_ACQUIRE) != ek || __atomic_load_n(&d->ma_keys, __ATOMIC_ACQUIRE) != k) {
          decref(v);
          return kRetry;
        }
        *out = v;
        return 1;
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

// Rebuilds the table with 1 << log2_newsize slots, compacting the entries (insertion order kept), and swaps it in
// as a whole. `unicode`: the new table may stay a str-keys table (only if the old one was). Caller holds d's section.
bool resize(DictObject* d, int log2_newsize, bool unicode) {
  if (log2_newsize >= 64) {
    no_memory();
    return false;
  }
  DictKeys* old = d->ma_keys;
  if (!old->unicode) unicode = false;
  DictKeys* nk = new_keys(log2_newsize, unicode);
  if (!nk) {
    no_memory();
    return false;
  }
  ssize n = d->ma_used;
  DictEntry* src = old->entries();
  DictEntry* dst = nk->entries();
  if (old->nentries == n) {
    if (n) std::memcpy(static_cast<void*>(dst), src, size_t(n) * sizeof(DictEntry));
  } else {
    ssize j = 0;
    for (ssize i = 0; i < old->nentries; i++) {
      if (src[i].key) dst[j++] = src[i];
    }
  }
  for (ssize j = 0; j < n; j++) set_index(nk, find_empty_slot(nk, dst[j].hash), j);
  nk->usable -= n;
  nk->nentries = n;
  set_keys(d, nk);
  free_keys(old, must_defer(d));
  return true;
}

// Appends key -> value (borrowed) for a key known to be absent, growing the table first when it is full.
// Caller holds d's section.
int append_entry(DictObject* d, Object* key, hash_t hash, Object* value) {
  bool is_str = is_exact_str(key);
  if (d->ma_keys->usable <= 0 && !resize(d, calculate_log2_keysize(d->ma_used * 3), is_str)) return -1;
  DictKeys* k = d->ma_keys;
  size_t slot = find_empty_slot(k, hash);
  DictEntry* ep = &k->entries()[k->nentries];
  // The entry is written before its index slot is published (set_index's release store). The slot may be one
  // that popitem() emptied, which a lock-free reader can still be looking at: it re-checks the key afterwards.
  __atomic_store_n(&ep->hash, hash, __ATOMIC_RELAXED);
  store_ptr(&ep->key, newref(key));
  store_ptr(&ep->value, newref(value));
  set_index(k, slot, k->nentries);
  if (!is_str) k->unicode = 0;
  k->usable--;
  k->nentries++;
  new_keys_version(k);
  __atomic_store_n(&d->ma_used, d->ma_used + 1, __ATOMIC_RELAXED);  // lock-free readers: dict_size
  new_version(d);
  return 0;
}

// CPython converts a str-keys table to a general one (with a resize) before the first non-str key goes in.
inline int convert_for_key(DictObject* d, Object* key) {
  DictKeys* k = d->ma_keys;
  if (k != empty_keys() && k->unicode && !is_exact_str(key)) {
    if (!resize(d, calculate_log2_keysize(d->ma_used * 3), false)) return -1;
  }
  return 0;
}

// d[key] = value (both borrowed). A replaced value moves to *old, to be released once the section is left.
// Caller holds d's section.
int insert(DictObject* d, Object* key, hash_t hash, Object* value, Dropped* old) {
  if (convert_for_key(d, key) < 0) return -1;
  ssize ix = lookup_any(d, key, hash);
  if (ix == kIxError) return -1;
  if (ix >= 0) {
    DictEntry* ep = &d->ma_keys->entries()[ix];
    if (ep->value != value) {
      old->set(ep->value, must_defer(d));
      store_ptr(&ep->value, newref(value));
      new_version(d);
    }
    return 0;
  }
  return append_entry(d, key, hash, value);
}

// Removes entry `ix` (whose hash is `hash`): its index slot becomes a dummy, the entry a hole. The key and value
// move to *old_key / *old_value. Caller holds d's section.
void delete_at(DictObject* d, ssize ix, hash_t hash, Dropped* old_key, Dropped* old_value) {
  DictKeys* k = d->ma_keys;
  set_index(k, find_slot_of(k, hash, ix), kDictIxDummy);
  DictEntry* ep = &k->entries()[ix];
  bool defer = must_defer(d);
  old_key->set(ep->key, defer);
  old_value->set(ep->value, defer);
  store_ptr(&ep->key, nullptr);
  store_ptr(&ep->value, nullptr);
  new_keys_version(k);
  __atomic_store_n(&d->ma_used, d->ma_used - 1, __ATOMIC_RELAXED);
  new_version(d);
}

int get_known_hash(DictObject* d, Object* key, hash_t hash, Object** out) {
  if (out && (is_exact_str(key) || is_exact_int(key))) {
    int r = lookup_lockfree(d, key, hash, out);
    if (r != kRetry) return r;
  }
  CriticalSection cs(&d->ob_base);
  alloc::note_locked_read(&d->ob_base);
  ssize ix = lookup_any(d, key, hash);
  if (ix < 0) {
    if (out) *out = nullptr;
    return ix == kIxError ? -1 : 0;
  }
  if (out) *out = newref(d->ma_keys->entries()[ix].value);
  return 1;
}

int set_known_hash(DictObject* d, Object* key, hash_t hash, Object* value) {
  Dropped old;  // released after the section ends
  CriticalSection cs(&d->ob_base);
  return insert(d, key, hash, value, &old);
}

// 1 deleted, 0 missing (no error), -1 error.
int del_known_hash(DictObject* d, Object* key, hash_t hash) {
  Dropped old_key, old_value;  // released after the section ends
  CriticalSection cs(&d->ob_base);
  ssize ix = lookup_any(d, key, hash);
  if (ix == kIxError) return -1;
  if (ix < 0) return 0;
  delete_at(d, ix, hash, &old_key, &old_value);
  return 1;
}

// Both dicts' sections are held. Copies `other` into `mp` (CPython's dict_merge fast path for real dicts).
int merge_dicts_locked(DictObject* mp, DictObject* other, int override) {
  if (other->ma_used == 0) return 0;
  if (mp->ma_used == 0) {
    override = 1;  // nothing to keep
    DictKeys* ok = other->ma_keys;
    // A compact `other` is cloned as is, table size included (what CPython does, so sizes agree).
    if (other->ma_used == ok->nentries &&
        (ok->log2_size == kLog2MinSize || usable_fraction(keys_size(ok) / 2) < other->ma_used)) {
      DictKeys* nk = clone_keys(ok);
      if (!nk) {
        no_memory();
        return -1;
      }
      DictKeys* oldk = mp->ma_keys;
      set_keys(mp, nk);
      __atomic_store_n(&mp->ma_used, other->ma_used, __ATOMIC_RELAXED);
      new_version(mp);
      free_keys(oldk, must_defer(mp));  // ma_used was 0: no live entries to release
      return 0;
    }
  }
  // One big resize up front rather than several while inserting.
  if (usable_fraction(keys_size(mp->ma_keys)) < other->ma_used) {
    if (!resize(mp, estimate_log2_keysize(mp->ma_used + other->ma_used), other->ma_keys->unicode)) return -1;
  }
  ssize orig_size = other->ma_used;
  ssize n = other->ma_keys->nentries;
  for (ssize i = 0; i < other->ma_keys->nentries; i++) {
    DictEntry* e = &other->ma_keys->entries()[i];
    if (!e->value) continue;
    ORef key = borrow(e->key);
    ORef value = borrow(e->value);
    hash_t hash = e->hash;
    if (override == 1) {
      Dropped old;
      if (insert(mp, key.get(), hash, value.get(), &old) < 0) return -1;
    } else {
      if (convert_for_key(mp, key.get()) < 0) return -1;
      ssize ix = lookup_any(mp, key.get(), hash);
      if (ix == kIxError) return -1;
      if (ix >= 0) {
        if (override == 2) {
          set_key_error(key.get());
          return -1;
        }
      } else if (append_entry(mp, key.get(), hash, value.get()) < 0) {
        return -1;
      }
    }
    if (orig_size != other->ma_used || n != other->ma_keys->nentries) {
      set_error(&exc_RuntimeError, "dict mutated during update");
      return -1;
    }
  }
  return 0;
}

// dict(arg) / dict.update(arg): a dict, anything with keys(), or an iterable of pairs.
int update_arg(Object* self, Object* arg) {
  if (dict_check_exact(arg)) return dict_merge_ex(self, arg, 1);
  int has_keys = has_attr(arg, strs::keys);
  if (has_keys < 0) return -1;
  if (has_keys) return dict_merge_ex(self, arg, 1);
  return dict_merge_from_seq2(self, arg, true);
}

// Keyword arguments given as (values, kwnames tuple) are inserted in order.
int update_kwnames(Object* self, Object* const* values, Object* kwnames) {
  ssize n = tuple_size(kwnames);
  for (ssize i = 0; i < n; i++) {
    if (dict_set(self, tuple_get(kwnames, i), values[i]) < 0) return -1;
  }
  return 0;
}

}  // namespace

// ---- the C++ API (dict.h) ----

bool dict_check_exact(const Object* o) { return type_of(o) == &dict_type; }

std::nullptr_t set_key_error(Object* key) {
  ORef args = steal(tuple_pack({key}));
  if (!args) return nullptr;
  ORef exc = steal(call_tuple_dict(reinterpret_cast<Object*>(&exc_KeyError), args.get(), nullptr));
  if (exc) set_error_steal(exc.release());
  return nullptr;
}

Object* dict_new() {
  Object* o = new_object(&dict_type, sizeof(DictObject));
  if (o) {
    as_dict(o)->ma_keys = empty_keys();
    new_version(as_dict(o));
  }
  return o;
}

int dict_get(Object* d, Object* key, Object** out) {
  hash_t h = hash_of(key);
  if (h == -1) {
    if (out) *out = nullptr;
    return -1;
  }
  return get_known_hash(as_dict(d), key, h, out);
}

int dict_get_known_hash(Object* d, Object* key, hash_t hash, Object** out) {
  return get_known_hash(as_dict(d), key, hash, out);
}

int dict_get_lockfree(Object* d, Object* key, hash_t hash, Object** out) {
  return lookup_lockfree(as_dict(d), key, hash, out);
}

int dict_probe_str(Object* d, Object* key, hash_t hash, uint64_t* keys_version, int64_t* value_offset,
                   Object** out) {
  DictObject* mp = as_dict(d);
  CriticalSection cs(d);
  alloc::mark_shared(d);
  ssize ix = lookup<true>(mp, key, hash);
  *out = nullptr;
  *value_offset = -1;
  if (ix == kIxError) return -1;
  DictKeys* k = mp->ma_keys;  // the table `ix` refers to (lookup restarts whenever the table changed under it)
  *keys_version = k->keys_version;
  if (ix < 0) return 0;
  DictEntry* ep = &k->entries()[ix];
  *value_offset = reinterpret_cast<char*>(&ep->value) - reinterpret_cast<char*>(k);
  *out = newref(ep->value);
  return 1;
}

ssize dict_str_entry_index(Object* d, Object* key, hash_t hash) {
  // Never calls out (a fill must have no effect a plain lookup would not have): an entry with the same hash and a
  // key that is not the same object ends the search. The hit compares keys by identity, so an equal key that is
  // another object could never hit anyway.
  CriticalSection cs(d);
  DictKeys* k = as_dict(d)->ma_keys;
  size_t mask = keys_mask(k);
  size_t i = size_t(hash) & mask;
  for (size_t perturb = size_t(hash);;) {
    ssize ix = get_index(k, i);
    if (ix == kDictIxEmpty) return -1;
    if (ix >= 0) {
      const DictEntry* ep = &k->entries()[ix];
      if (ep->key == key) return ix;
      if (ep->hash == hash) return -1;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

bool dict_replace_at(Object* d, ssize ix, Object* key, Object* value) {
  DictObject* mp = as_dict(d);
  Dropped old;  // released after the section ends
  CriticalSection cs(d);
  DictKeys* k = mp->ma_keys;
  if (size_t(ix) >= size_t(k->nentries)) return false;
  DictEntry* ep = &k->entries()[ix];
  if (ep->key != key) return false;
  if (ep->value != value) {
    old.set(ep->value, must_defer(mp));
    store_ptr(&ep->value, newref(value));
    new_version(mp);
  }
  return true;
}

int dict_get_str_key(Object* d, Object* str_key, hash_t hash, Object** out) {
  DictObject* mp = as_dict(d);
  int r = lookup_lockfree(mp, str_key, hash, out);
  if (r != kRetry) return r;
  CriticalSection cs(d);
  alloc::note_locked_read(d);
  ssize ix = lookup<true>(mp, str_key, hash);
  if (ix < 0) {
    *out = nullptr;
    return ix == kIxError ? -1 : 0;
  }
  *out = newref(mp->ma_keys->entries()[ix].value);
  return 1;
}

int dict_get_str(Object* d, const char* key, Object** out) {
  ORef k = steal(str_from_utf8(key, ssize(std::strlen(key))));
  if (!k) {
    if (out) *out = nullptr;
    return -1;
  }
  return dict_get(d, k.get(), out);
}

int dict_set(Object* d, Object* key, Object* value) {
  hash_t h = hash_of(key);
  if (h == -1) return -1;
  return set_known_hash(as_dict(d), key, h, value);
}

int dict_set_known_hash(Object* d, Object* key, hash_t hash, Object* value) {
  return set_known_hash(as_dict(d), key, hash, value);
}

int dict_set_str(Object* d, const char* key, Object* value) {
  // Like PyDict_SetItemString, the key is interned: such keys are names looked up again and again.
  Object* k = str_from_utf8(key, ssize(std::strlen(key)));
  if (!k) return -1;
  k = str_intern(k);
  if (!k) return -1;
  ORef kref = steal(k);
  return dict_set(d, k, value);
}

int dict_del(Object* d, Object* key) {
  hash_t h = hash_of(key);
  if (h == -1) return -1;
  return dict_del_known_hash(d, key, h);
}

int dict_del_known_hash(Object* d, Object* key, hash_t hash) {
  int r = del_known_hash(as_dict(d), key, hash);
  if (r == 0) {
    set_key_error(key);
    return -1;
  }
  return r < 0 ? -1 : 0;
}

int dict_contains(Object* d, Object* key) {
  hash_t h = hash_of(key);
  if (h == -1) return -1;
  return get_known_hash(as_dict(d), key, h, nullptr);
}

int dict_contains_known_hash(Object* d, Object* key, hash_t hash) {
  return get_known_hash(as_dict(d), key, hash, nullptr);
}

int dict_pop(Object* d, Object* key, Object** out) {
  if (out) *out = nullptr;
  DictObject* mp = as_dict(d);
  // As in CPython, popping from an empty dict does not hash the key ({}.pop([], 1) is 1).
  if (__atomic_load_n(&mp->ma_used, __ATOMIC_RELAXED) == 0) return 0;
  hash_t h = hash_of(key);
  if (h == -1) return -1;
  Dropped old_key, old_value;  // released after the section ends
  {
    CriticalSection cs(d);
    ssize ix = lookup_any(mp, key, h);
    if (ix == kIxError) return -1;
    if (ix < 0) return 0;
    delete_at(mp, ix, h, &old_key, &old_value);
  }
  if (out) *out = newref(old_value.get());
  return 1;
}

int dict_setdefault(Object* d, Object* key, Object* default_value, Object** out) {
  *out = nullptr;
  hash_t h = hash_of(key);
  if (h == -1) return -1;
  DictObject* mp = as_dict(d);
  CriticalSection cs(d);
  if (convert_for_key(mp, key) < 0) return -1;
  ssize ix = lookup_any(mp, key, h);
  if (ix == kIxError) return -1;
  if (ix >= 0) {
    *out = newref(mp->ma_keys->entries()[ix].value);
    return 1;
  }
  if (append_entry(mp, key, h, default_value) < 0) return -1;
  *out = newref(default_value);
  return 0;
}

ssize dict_size(Object* d) { return __atomic_load_n(&as_dict(d)->ma_used, __ATOMIC_RELAXED); }

bool dict_next_hash(Object* d, ssize* pos, Object** key, Object** value, hash_t* hash) {
  DictObject* mp = as_dict(d);
  CriticalSection cs(d);
  DictKeys* k = mp->ma_keys;
  ssize i = *pos;
  if (i < 0) return false;
  DictEntry* e = k->entries();
  while (i < k->nentries && !e[i].value) i++;
  if (i >= k->nentries) {
    *pos = i;
    return false;
  }
  *pos = i + 1;
  if (key) *key = newref(e[i].key);
  if (value) *value = newref(e[i].value);
  if (hash) *hash = e[i].hash;
  return true;
}

bool dict_next(Object* d, ssize* pos, Object** key, Object** value) {
  return dict_next_hash(d, pos, key, value, nullptr);
}

void dict_clear(Object* d) {
  DictObject* mp = as_dict(d);
  DictKeys* old;
  bool defer;
  {
    CriticalSection cs(d);
    defer = must_defer(mp);
    old = mp->ma_keys;
    if (old != empty_keys()) new_version(mp);
    set_keys(mp, empty_keys());
    __atomic_store_n(&mp->ma_used, ssize{0}, __ATOMIC_RELAXED);
  }
  // Outside the section: the values' __del__ may use the dict again, and sees it empty.
  release_keys(old, defer);
}

Object* dict_copy(Object* d) {
  DictObject* mp = as_dict(d);
  if (dict_size(d) == 0) return dict_new();
  if (type_of(d)->tp_iter != dict_iter) {
    // A subclass overriding __iter__ is copied through its mapping protocol (keys() and [ ]), as in CPython.
    ORef copy = steal(dict_new());
    if (!copy || dict_merge_ex(copy.get(), d, 1) < 0) return nullptr;
    return copy.release();
  }
  CriticalSection cs(d);
  // A dict with at most 1/3 holes is cloned table and all (CPython's fast copy); otherwise it is merged compactly.
  if (mp->ma_used > 0 && mp->ma_used >= (mp->ma_keys->nentries * 2) / 3) {
    DictKeys* nk = clone_keys(mp->ma_keys);
    if (!nk) return no_memory();
    Object* copy = new_object(&dict_type, sizeof(DictObject));
    if (!copy) {
      release_keys(nk, false);
      return nullptr;
    }
    as_dict(copy)->ma_keys = nk;
    as_dict(copy)->ma_used = mp->ma_used;
    new_version(as_dict(copy));
    return copy;
  }
  ORef copy = steal(dict_new());
  if (!copy) return nullptr;
  CriticalSection cs2(copy.get());
  if (merge_dicts_locked(as_dict(copy.get()), mp, 1) < 0) return nullptr;
  return copy.release();
}

int dict_merge_ex(Object* a, Object* b, int override) {
  if (dict_check(b) && type_of(b)->tp_iter == dict_iter) {
    if (a == b) return 0;
    CriticalSection2 cs(a, b);
    return merge_dicts_locked(as_dict(a), as_dict(b), override);
  }
  // A generic mapping: keys() (as a list), then b[key] for each.
  ORef keys = steal(call_method0(b, strs::keys));
  if (!keys) return -1;
  ORef list;
  if (type_of(keys.get()) == &list_type) {
    list = std::move(keys);
  } else {
    ORef it = steal(get_iter(keys.get()));
    if (!it) {
      if (error_matches(&exc_TypeError))
        set_errorf(&exc_TypeError, "{}.keys() returned a non-iterable (type {})", type_of(b)->tp_name,
                   type_of(keys.get())->tp_name);
      return -1;
    }
    list = steal(sequence_list(it.get()));
    if (!list) return -1;
  }
  for (ssize i = 0; i < list_size(list.get()); i++) {
    ORef key = steal(list_get(list.get(), i));
    if (!key) return -1;
    if (override != 1) {
      int status = dict_contains(a, key.get());
      if (status < 0) return -1;
      if (status > 0) {
        if (override == 0) continue;
        set_key_error(key.get());
        return -1;
      }
    }
    ORef value = steal(get_item(b, key.get()));
    if (!value || dict_set(a, key.get(), value.get()) < 0) return -1;
  }
  return 0;
}

int dict_merge(Object* d, Object* other, bool override) { return dict_merge_ex(d, other, override ? 1 : 0); }

int dict_merge_from_seq2(Object* d, Object* seq, bool override) {
  ORef it = steal(get_iter(seq));
  if (!it) return -1;
  for (ssize i = 0;; i++) {
    ORef item = steal(iter_next(it.get()));
    if (!item) return error_occurred() ? -1 : 0;
    ORef fast;
    if (type_of(item.get()) == &tuple_type) {
      fast = std::move(item);
    } else {
      fast = steal(sequence_tuple(item.get()));
      if (!fast) {
        if (error_matches(&exc_TypeError))
          set_errorf(&exc_TypeError, "cannot convert dictionary update sequence element #{} to a sequence", i);
        return -1;
      }
    }
    ssize n = tuple_size(fast.get());
    if (n != 2) {
      set_errorf(&exc_ValueError, "dictionary update sequence element #{} has length {}; 2 is required", i, n);
      return -1;
    }
    Object* key = tuple_get(fast.get(), 0);
    Object* value = tuple_get(fast.get(), 1);
    if (override) {
      if (dict_set(d, key, value) < 0) return -1;
    } else {
      Object* existing;
      if (dict_setdefault(d, key, value, &existing) < 0) return -1;
      decref(existing);
    }
  }
}

int dict_update(Object* d, Object* other) { return update_arg(d, other); }

Object* dict_keys_list(Object* d) {
  DictObject* mp = as_dict(d);
  CriticalSection cs(d);
  Object* list = list_new(mp->ma_used);
  if (!list) return nullptr;
  DictEntry* e = mp->ma_keys->entries();
  ssize j = 0;
  for (ssize i = 0; i < mp->ma_keys->nentries; i++) {
    if (e[i].value) list_items(list)[j++] = newref(e[i].key);
  }
  return list;
}

Object* dict_values_list(Object* d) {
  DictObject* mp = as_dict(d);
  CriticalSection cs(d);
  Object* list = list_new(mp->ma_used);
  if (!list) return nullptr;
  DictEntry* e = mp->ma_keys->entries();
  ssize j = 0;
  for (ssize i = 0; i < mp->ma_keys->nentries; i++) {
    if (e[i].value) list_items(list)[j++] = newref(e[i].value);
  }
  return list;
}

Object* dict_items_list(Object* d) {
  DictObject* mp = as_dict(d);
  CriticalSection cs(d);
  ssize n = mp->ma_used;
  Object* list = list_new(n);
  if (!list) return nullptr;
  // Allocate every pair first: nothing below may fail while entries are being read.
  for (ssize j = 0; j < n; j++) {
    Object* pair = tuple_new(2);
    if (!pair) {
      decref(list);
      return nullptr;
    }
    tuple_set(pair, 0, newref(none()));
    tuple_set(pair, 1, newref(none()));
    list_items(list)[j] = pair;
  }
  DictEntry* e = mp->ma_keys->entries();
  ssize j = 0;
  for (ssize i = 0; i < mp->ma_keys->nentries; i++) {
    if (!e[i].value) continue;
    Object* pair = list_items(list)[j++];
    tuple_items(pair)[0] = newref(e[i].key);
    tuple_items(pair)[1] = newref(e[i].value);
  }
  return list;
}

Object* dict_subscript(Object* d, Object* key) {
  hash_t h = hash_of(key);
  if (h == -1) return nullptr;
  Object* value;
  int r = get_known_hash(as_dict(d), key, h, &value);
  if (r < 0) return nullptr;
  if (r > 0) return value;
  if (!dict_check_exact(d)) {
    // A subclass's __missing__ (looked up on the type and bound, like CPython's _PyObject_LookupSpecial).
    if (Object* missing = type_lookup(type_of(d), strs::missing)) {
      ORef m = borrow(missing);
      if (descrgetfunc get = type_of(missing)->tp_descr_get) {
        ORef bound = steal(get(missing, d, reinterpret_cast<Object*>(type_of(d))));
        if (!bound) return nullptr;
        return call1(bound.get(), key);
      }
      return call1(missing, key);
    }
  }
  return set_key_error(key);
}

// ---- slots ----

namespace {

void dict_dealloc_body(Object* self) {
  Type* t = type_of(self);
  DictObject* mp = as_dict(self);
  DictKeys* k = mp->ma_keys;
  mp->ma_keys = empty_keys();
  __atomic_store_n(&mp->ma_used, ssize{0}, __ATOMIC_RELAXED);
  if (k) release_keys(k, false);
  object_free(self);
  dealloc_type_ref(t);
}
void dict_dealloc(Object* self) { dealloc_with_trashcan(self, dict_dealloc_body); }

int dict_traverse(Object* self, visitproc visit, void* arg) {
  DictKeys* k = as_dict(self)->ma_keys;
  DictEntry* e = k->entries();
  for (ssize i = 0; i < k->nentries; i++) {
    if (!e[i].value) continue;
    if (int r = visit(e[i].key, arg)) return r;
    if (int r = visit(e[i].value, arg)) return r;
  }
  return 0;
}

int dict_tp_clear(Object* self) {
  dict_clear(self);
  return 0;
}

ssize dict_length(Object* self) { return dict_size(self); }

int dict_ass_subscript(Object* self, Object* key, Object* value) {
  if (!value) return dict_del(self, key);
  return dict_set(self, key, value);
}

int dict_sq_contains(Object* self, Object* key) { return dict_contains(self, key); }

Object* dict_repr(Object* self) {
  int r = repr_enter(self);
  if (r != 0) return r > 0 ? str_from_utf8("{...}") : nullptr;
  if (dict_size(self) == 0) {
    repr_leave(self);
    return str_from_utf8("{}");
  }
  ORef parts = steal(list_new(0));
  Object* sep = str_interned(": ");
  bool ok = parts && sep;
  ssize pos = 0;
  Object *k, *v;
  // repr() of a key or value may mutate the dict: iterate by position, holding the pair meanwhile (as CPython).
  while (ok && dict_next(self, &pos, &k, &v)) {
    ORef key = steal(k), value = steal(v);
    ORef kr = steal(object_repr(key.get()));
    if (!kr) {
      ok = false;
      break;
    }
    ORef vr = steal(object_repr(value.get()));
    if (!vr) {
      ok = false;
      break;
    }
    ORef piece = steal(str_concat(kr.get(), sep));
    if (piece) piece = steal(str_concat(piece.get(), vr.get()));
    if (!piece || list_append(parts.get(), piece.get()) < 0) ok = false;
  }
  repr_leave(self);
  if (!ok) return nullptr;
  return seq_repr_join("{", parts.get(), "}");
}

// 1 equal, 0 not, -1 error. Holds both sections; values' __eq__ may mutate either dict, so entries are re-read.
int dict_equal(Object* a, Object* b) {
  CriticalSection2 cs(a, b);
  DictObject* da = as_dict(a);
  DictObject* db = as_dict(b);
  if (da->ma_used != db->ma_used) return 0;
  for (ssize i = 0; i < da->ma_keys->nentries; i++) {
    DictEntry* ep = &da->ma_keys->entries()[i];
    if (!ep->value) continue;
    ORef key = borrow(ep->key);
    ORef aval = borrow(ep->value);
    hash_t hash = ep->hash;
    ssize ix = lookup_any(db, key.get(), hash);
    if (ix == kIxError) return -1;
    if (ix < 0) return 0;
    ORef bval = borrow(db->ma_keys->entries()[ix].value);
    int cmp = rich_compare_bool(aval.get(), bval.get(), Py_EQ);
    if (cmp <= 0) return cmp;
  }
  return 1;
}

Object* dict_richcompare(Object* v, Object* w, int op) {
  if (!dict_check(v) || !dict_check(w) || (op != Py_EQ && op != Py_NE)) return newref(not_implemented());
  int cmp = dict_equal(v, w);
  if (cmp < 0) return nullptr;
  return newref(bool_obj(cmp == (op == Py_EQ)));
}

Object* dict_or(Object* self, Object* other) {
  if (!dict_check(self) || !dict_check(other)) return newref(not_implemented());
  ORef result = steal(dict_copy(self));
  if (!result || update_arg(result.get(), other) < 0) return nullptr;
  return result.release();
}

Object* dict_ior(Object* self, Object* other) {
  if (update_arg(self, other) < 0) return nullptr;
  return newref(self);
}

Object* dict_tp_new(Type* type, Object*, Object*) {
  Object* o = type->tp_alloc ? type->tp_alloc(type, 0) : new_object(type, size_t(type->tp_basicsize));
  if (o) {
    as_dict(o)->ma_keys = empty_keys();
    new_version(as_dict(o));
  }
  return o;
}

int dict_tp_init(Object* self, Object* args, Object* kwds) {
  ssize n = args ? tuple_size(args) : 0;
  if (n > 1) {
    set_errorf(&exc_TypeError, "dict expected at most 1 argument, got {}", n);
    return -1;
  }
  if (n == 1 && update_arg(self, tuple_get(args, 0)) < 0) return -1;
  if (kwds && dict_size(kwds) > 0) {
    ssize pos = 0;
    Object* key;
    while (dict_next(kwds, &pos, &key, nullptr)) {
      bool is_str = type_check(key, &str_type);
      decref(key);
      if (!is_str) {
        set_error(&exc_TypeError, "keywords must be strings");
        return -1;
      }
    }
    if (dict_merge_ex(self, kwds, 1) < 0) return -1;
  }
  return 0;
}

// ---- methods ----

Object* dict_contains_meth(Object* self, Object* key) {
  int r = dict_contains(self, key);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}

Object* dict_getitem_meth(Object* self, Object* key) { return dict_subscript(self, key); }

Object* dict_get_meth(Object* self, Object* const* args, ssize nargs) {
  if (!check_positional("get", nargs, nullptr, 1, 2)) return nullptr;
  Object* value;
  int r = dict_get(self, args[0], &value);
  if (r < 0) return nullptr;
  if (r > 0) return value;
  return newref(nargs > 1 ? args[1] : none());
}

Object* dict_setdefault_meth(Object* self, Object* const* args, ssize nargs) {
  if (!check_positional("setdefault", nargs, nullptr, 1, 2)) return nullptr;
  Object* value;
  if (dict_setdefault(self, args[0], nargs > 1 ? args[1] : none(), &value) < 0) return nullptr;
  return value;
}

Object* dict_pop_meth(Object* self, Object* const* args, ssize nargs) {
  if (!check_positional("pop", nargs, nullptr, 1, 2)) return nullptr;
  Object* value;
  int r = dict_pop(self, args[0], &value);
  if (r < 0) return nullptr;
  if (r > 0) return value;
  if (nargs > 1) return newref(args[1]);
  return set_key_error(args[0]);
}

// LIFO: removes the last live entry; the entry array shrinks to it (as CPython's popitem).
Object* dict_popitem_meth(Object* self, Object*) {
  DictObject* mp = as_dict(self);
  CriticalSection cs(self);
  if (mp->ma_used == 0) return set_error(&exc_KeyError, "popitem(): dictionary is empty");
  Object* pair = tuple_new(2);
  if (!pair) return nullptr;
  DictKeys* k = mp->ma_keys;
  DictEntry* e = k->entries();
  ssize i = k->nentries - 1;
  while (i >= 0 && !e[i].value) i--;
  set_index(k, find_slot_of(k, e[i].hash, i), kDictIxDummy);
  // New references for the pair; the table's go through QSBR (a lock-free reader may have just loaded them).
  tuple_set(pair, 0, newref(e[i].key));
  tuple_set(pair, 1, newref(e[i].value));
  if (must_defer(mp)) {
    alloc::release_deferred(e[i].key);
    alloc::release_deferred(e[i].value);
  } else {
    decref(e[i].key);
    decref(e[i].value);
  }
  store_ptr(&e[i].key, nullptr);
  store_ptr(&e[i].value, nullptr);
  k->nentries = i;
  new_keys_version(k);
  __atomic_store_n(&mp->ma_used, mp->ma_used - 1, __ATOMIC_RELAXED);
  new_version(mp);
  return pair;
}

Object* dict_clear_meth(Object* self, Object*) {
  dict_clear(self);
  return newref(none());
}

Object* dict_copy_meth(Object* self, Object*) { return dict_copy(self); }

Object* dict_update_meth(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "update expected at most 1 argument, got {}", nargs);
  if (nargs == 1 && update_arg(self, args[0]) < 0) return nullptr;
  if (kwnames && update_kwnames(self, args + nargs, kwnames) < 0) return nullptr;
  return newref(none());
}

// dict.fromkeys(iterable, value=None), a classmethod: `cls` is the class it was called on.
Object* dict_fromkeys_meth(Object* cls, Object* const* args, ssize nargs) {
  if (!check_positional("fromkeys", nargs, nullptr, 1, 2)) return nullptr;
  Object* iterable = args[0];
  Object* value = nargs > 1 ? args[1] : none();
  ORef d = steal(call0(cls));
  if (!d) return nullptr;
  if (dict_check_exact(d.get()) && dict_size(d.get()) == 0) {
    DictObject* mp = as_dict(d.get());
    if (dict_check_exact(iterable)) {
      // Presized like CPython: one resize, then the keys with their known hashes.
      CriticalSection2 cs(d.get(), iterable);
      DictKeys* ik = as_dict(iterable)->ma_keys;
      int log2 = std::max(estimate_log2_keysize(as_dict(iterable)->ma_used), int(mp->ma_keys->log2_size));
      if (!resize(mp, log2, ik->unicode)) return nullptr;
      for (ssize i = 0; i < as_dict(iterable)->ma_keys->nentries; i++) {
        DictEntry* e = &as_dict(iterable)->ma_keys->entries()[i];
        if (!e->value) continue;
        ORef key = borrow(e->key);
        Dropped old;
        if (insert(mp, key.get(), e->hash, value, &old) < 0) return nullptr;
      }
      return d.release();
    }
    if (anyset_check_exact(iterable)) {
      CriticalSection cs(d.get());
      if (!resize(mp, estimate_log2_keysize(set_size(iterable)), false)) return nullptr;
      ssize pos = 0;
      Object* key;
      hash_t hash;
      while (set_next_hash(iterable, &pos, &key, &hash)) {
        ORef k = steal(key);
        Dropped old;
        if (insert(mp, k.get(), hash, value, &old) < 0) return nullptr;
      }
      return d.release();
    }
  }
  ORef it = steal(get_iter(iterable));
  if (!it) return nullptr;
  bool exact = dict_check_exact(d.get());
  for (;;) {
    ORef key = steal(iter_next(it.get()));
    if (!key) break;
    if ((exact ? dict_set(d.get(), key.get(), value) : set_item(d.get(), key.get(), value)) < 0) return nullptr;
  }
  if (error_occurred()) return nullptr;
  return d.release();
}

// CPython 3.13's default build has a 16-byte object header where ours has the free-threaded 32-byte one; report
// the size CPython prints (list.cc does the same). A str-keys table counts 16-byte entries, as CPython's does.
Object* dict_sizeof_meth(Object* self, Object*) {
  constexpr ssize kHeaderDelta = ssize(sizeof(PyObject)) - 16;
  ssize res = type_of(self)->tp_basicsize - kHeaderDelta;
  CriticalSection cs(self);
  DictKeys* k = as_dict(self)->ma_keys;
  if (k != empty_keys()) {
    constexpr ssize kCPythonKeysHeader = 32;
    res +=
        kCPythonKeysHeader + (ssize{1} << k->log2_index_bytes) + usable_fraction(keys_size(k)) * (k->unicode ? 16 : 24);
  }
  return int_from_ssize(res);
}

PyMethodDef dict_methods[] = {
    {"__contains__", dict_contains_meth, METH_O | METH_COEXIST,
     "True if the dictionary has the specified key, else False."},
    {"__getitem__", dict_getitem_meth, METH_O | METH_COEXIST, "Return self[key]."},
    {"__sizeof__", dict_sizeof_meth, METH_NOARGS, "Return the size of the dict in memory, in bytes."},
    {"get", as_cfunc(dict_get_meth), METH_FASTCALL,
     "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", as_cfunc(dict_setdefault_meth), METH_FASTCALL,
     "Insert key with a value of default if key is not in the dictionary.\n\n"
     "Return the value for key if key is in the dictionary, else default."},
    {"pop", as_cfunc(dict_pop_meth), METH_FASTCALL,
     "D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\n"
     "If the key is not found, return the default if given; otherwise,\nraise a KeyError."},
    {"popitem", dict_popitem_meth, METH_NOARGS,
     "Remove and return a (key, value) pair as a 2-tuple.\n\n"
     "Pairs are returned in LIFO (last-in, first-out) order.\nRaises KeyError if the dict is empty."},
    {"keys", dict_keys_view, METH_NOARGS, "Return a set-like object providing a view on the dict's keys."},
    {"items", dict_items_view, METH_NOARGS, "Return a set-like object providing a view on the dict's items."},
    {"values", dict_values_view, METH_NOARGS, "Return an object providing a view on the dict's values."},
    {"update", as_cfunc(dict_update_meth), METH_FASTCALL | METH_KEYWORDS,
     "D.update([E, ]**F) -> None.  Update D from mapping/iterable E and F."},
    {"fromkeys", as_cfunc(dict_fromkeys_meth), METH_FASTCALL | METH_CLASS,
     "Create a new dictionary with keys from iterable and values set to value."},
    {"clear", dict_clear_meth, METH_NOARGS, "Remove all items from the dict."},
    {"copy", dict_copy_meth, METH_NOARGS, "Return a shallow copy of the dict."},
    {"__reversed__", dict_reversed, METH_NOARGS, "Return a reverse iterator over the dict keys."},
    {nullptr, nullptr, 0, nullptr},
};

PyNumberMethods dict_as_number = {
    .nb_or = dict_or,
    .nb_inplace_or = dict_ior,
};

PySequenceMethods dict_as_sequence = {
    .sq_contains = dict_sq_contains,
};

PyMappingMethods dict_as_mapping = {
    .mp_length = dict_length,
    .mp_subscript = dict_subscript,
    .mp_ass_subscript = dict_ass_subscript,
};

}  // namespace

Type dict_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "dict",
    .tp_basicsize = sizeof(DictObject),
    .tp_itemsize = 0,
    .tp_dealloc = dict_dealloc,
    .tp_repr = dict_repr,
    .tp_as_number = &dict_as_number,
    .tp_as_sequence = &dict_as_sequence,
    .tp_as_mapping = &dict_as_mapping,
    .tp_hash = reinterpret_cast<hashfunc>(hash_not_implemented),
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_DICT_SUBCLASS | Py_TPFLAGS_MATCH_SELF |
                Py_TPFLAGS_MAPPING,
    .tp_doc =
        "dict() -> new empty dictionary\n"
        "dict(mapping) -> new dictionary initialized from a mapping object's\n"
        "    (key, value) pairs\n"
        "dict(iterable) -> new dictionary initialized as if via:\n"
        "    d = {}\n"
        "    for k, v in iterable:\n"
        "        d[k] = v\n"
        "dict(**kwargs) -> new dictionary initialized with the name=value pairs\n"
        "    in the keyword argument list.  For example:  dict(one=1, two=2)",
    .tp_traverse = dict_traverse,
    .tp_clear = dict_tp_clear,
    .tp_richcompare = dict_richcompare,
    .tp_iter = dict_iter,
    .tp_methods = dict_methods,
    .tp_init = dict_tp_init,
    .tp_new = dict_tp_new,
    .tp_free = object_free,
};

}  // namespace pyvm
