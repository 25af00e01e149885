// dict: insertion-ordered hash table with CPython's iteration order, guarded by its critical section.
#pragma once

#include "objects/object.h"

namespace pyvm {

// Thread contract: every dict operation holds the dict's critical section while it reads or writes the table.
// Keys' __hash__/__eq__ may run Python code; the table is re-validated after such calls (mutation during lookup
// restarts the lookup, as in CPython).

[[nodiscard]] Object* dict_new();
// Lookup. Returns 1 and a new reference in *out when found, 0 when missing (no error), -1 on error.
[[nodiscard]] int dict_get(Object* d, Object* key, Object** out);
[[nodiscard]] int dict_get_str(Object* d, const char* key, Object** out);
[[nodiscard]] int dict_set(Object* d, Object* key, Object* value);  // borrows both
[[nodiscard]] int dict_set_str(Object* d, const char* key, Object* value);
[[nodiscard]] int dict_del(Object* d, Object* key);  // KeyError when missing
[[nodiscard]] int dict_contains(Object* d, Object* key);
[[nodiscard]] int dict_pop(Object* d, Object* key, Object** out);  // 1 found (new ref), 0 missing
ssize dict_size(Object* d);
// Iteration by position: returns false at the end; *key and *value are new references.
bool dict_next(Object* d, ssize* pos, Object** key, Object** value);
[[nodiscard]] Object* dict_copy(Object* d);
[[nodiscard]] int dict_update(Object* d, Object* other);  // mapping or iterable of pairs (dict.update semantics)
[[nodiscard]] int dict_merge(Object* d, Object* other, bool override);  // mapping only; for **kwargs
[[nodiscard]] Object* dict_keys_list(Object* d);
[[nodiscard]] Object* dict_items_list(Object* d);
[[nodiscard]] Object* dict_values_list(Object* d);

// ---- Additions: layout, checks and the fast paths used by the interpreter, sets and the view types. ----

// The dict's table (our own design, after CPython's "combined" table): an index array of int8/16/32/64 slots,
// chosen by the table size, followed by a dense array of entries in insertion order. An index slot holds an
// entry number, kDictIxEmpty (never used: ends a probe) or kDictIxDummy (deleted: probing continues). A deleted
// entry keeps its place with key == value == null until the next resize compacts the array.
struct DictEntry {
  hash_t hash;
  Object* key;    // null once deleted
  Object* value;  // null once deleted
};
struct DictKeys {
  uint8_t log2_size;         // the index array has 1 << log2_size slots
  uint8_t log2_index_bytes;  // ... and takes 1 << log2_index_bytes bytes
  uint8_t unicode;           // CPython's DICT_KEYS_UNICODE: every key so far is an exact str (sizes only)
  uint32_t capacity;         // entries the table has room for (fixed: usable + nentries when it is made)
  ssize usable;              // entries that can still be appended before a resize (2/3 load)
  ssize nentries;            // entries used so far, deleted ones included
  // The key-set version (LOAD_GLOBAL's cache, vm/global_cache.h): unique across all tables, and taken anew whenever
  // this table gains or loses a key; a value replaced in place keeps it. Two equal readings therefore mean the same
  // table holding the same keys in the same entries. Written inside the dict's section, read by anyone (relaxed).
  uint64_t keys_version;
  // The index array, then the entries, follow in the same allocation.
  char* indices() { return reinterpret_cast<char*>(this + 1); }
  const char* indices() const { return reinterpret_cast<const char*>(this + 1); }
  DictEntry* entries() { return reinterpret_cast<DictEntry*>(indices() + (size_t{1} << log2_index_bytes)); }
};
constexpr ssize kDictIxEmpty = -1;
constexpr ssize kDictIxDummy = -2;
constexpr int kDictPerturbShift = 5;  // the probe sequence: i = i * 5 + (perturb >>= 5) + 1

// The object. Its prefix is CPython's PyDictObject, so the C-API's PyDict_GET_SIZE reads ma_used.
//
// Thread contract: every read or write of ma_used / ma_keys and of the table behind it happens inside the dict's
// critical section (sync::CriticalSection on the dict; CriticalSection2 when two dicts are involved). Keys'
// __hash__ runs before the section is taken; keys' __eq__ runs inside it and may mutate the dict through the
// re-entered section, so a lookup that called out re-checks that ma_keys and the entry are unchanged and
// restarts otherwise (as CPython does). A resize builds a new DictKeys and swaps ma_keys as a whole (never
// patches a live table in place), so a future lock-free reader that loaded ma_keys sees a consistent table as
// long as the old one is freed through QSBR (today it is freed at once: there are no lock-free readers yet).
// Values and keys that are dropped by a mutation are released after the section ends where possible, so
// their __del__ cannot observe a half-updated table.
struct DictObject {
  Object ob_base;
  ssize ma_used;             // live entries
  // CPython 3.13's ma_version_tag (deprecated): bits 0-11 are watcher flags (always 0 here), the rest a version,
  // unique across all dicts, that each creation and each mutation takes anew (dict.cc next_version). Written inside
  // the dict's critical section, read by anyone (relaxed).
  uint64_t ma_version_tag;
  DictKeys* ma_keys;         // never null: empty dicts share an immortal empty table
  Object** ma_values;        // CPython's split tables; always null in pyvm
};
static_assert(offsetof(DictObject, ma_used) == 32 && offsetof(DictObject, ma_keys) == 48 && sizeof(DictObject) == 64,
              "DictObject keeps CPython 3.13t's PyDictObject layout");

inline DictObject* as_dict(Object* o) { return reinterpret_cast<DictObject*>(o); }
inline bool dict_check(const Object* o) { return has_flag(type_of(o), Py_TPFLAGS_DICT_SUBCLASS); }
bool dict_check_exact(const Object* o);

// The view and iterator types (dict_views.cc), named as in CPython.
extern Type dict_keys_type asm("PyDictKeys_Type");  // the C-API names the views (compat/include/dictobject.h)
extern Type dict_values_type asm("PyDictValues_Type");
extern Type dict_items_type asm("PyDictItems_Type");
extern Type dict_keyiterator_type;
extern Type dict_valueiterator_type;
extern Type dict_itemiterator_type;
extern Type dict_reversekeyiterator_type;
extern Type dict_reversevalueiterator_type;
extern Type dict_reverseitemiterator_type;
// Readies the view and iterator types above (they are not in PYVM_BUILTIN_TYPES); init_types must call it.
[[nodiscard]] int dict_init_types();

// Lookup of a key already known to be an exact str whose hash is `hash` (str_hash): the interpreter's globals,
// builtins and attribute path. Same result convention as dict_get (1 found with a new reference, 0 missing).
[[nodiscard]] int dict_get_str_key(Object* d, Object* str_key, hash_t hash, Object** out);
// The lock-free part of those lookups alone, for a caller that does not hold a reference to `d` (it read `d` from a
// slot whose writers release through QSBR, such as an instance's __dict__): 1 found (new reference), 0 missing, and
// kDictRetry when only the locked path can answer (the caller then takes a reference to `d` and calls
// dict_get_str_key / dict_get). `key` must be an exact str or int.
constexpr int kDictRetry = -2;
[[nodiscard]] int dict_get_lockfree(Object* d, Object* key, hash_t hash, Object** out);

// ---- LOAD_GLOBAL's cache (vm/global_cache.h) ----
inline uint64_t dict_keys_version(const DictKeys* k) { return __atomic_load_n(&k->keys_version, __ATOMIC_RELAXED); }
// A cache fill: looks the exact str `key` up in the dict d (exact dict) under d's section. Marks d shared first, so
// that from then on every key and value reference its tables give up goes through QSBR: a thread that read a value
// pointer through a cached entry offset may then take a reference to it, as lookup_lockfree's readers do. Reports
// the key-set version of d's table and the byte offset, from that table, of the entry's value slot.
// 1: found (*out a new reference); 0: absent (*value_offset -1); -1: error (a key's __eq__ raised).
[[nodiscard]] int dict_probe_str(Object* d, Object* key, hash_t hash, uint64_t* keys_version, int64_t* value_offset,
                                 Object** out);

// ---- LOAD_ATTR's cache (vm/attr_cache.h) ----
// The entry number that holds the exact str `key` itself in d (any dict; the lookup takes d's section and calls no
// __eq__), or -1 when it is absent or another key with the same hash comes first on its probe sequence.
[[nodiscard]] ssize dict_str_entry_index(Object* d, Object* key, hash_t hash);
// STORE_ATTR's hit: replaces the value of entry `ix` with `value` (borrowed) if that entry holds `key` (under d's
// section; the old value is released after it). False, with nothing changed, when the entry holds another key.
[[nodiscard]] bool dict_replace_at(Object* d, ssize ix, Object* key, Object* value);
// Lock-free reads for the cache's hits, with lookup_lockfree's protocol (dict.cc): each answers only when it can
// without the section and declines (null / false) otherwise; the caller then takes the full path.
// The value of entry `ix` if that entry holds `key` (an interned str): a new reference.
inline Object* dict_entry_value_if_key(Object* d, ssize ix, Object* key) {
  if (!alloc::lockfree_read_ok(d)) return nullptr;
  DictObject* mp = as_dict(d);
  DictKeys* k = __atomic_load_n(&mp->ma_keys, __ATOMIC_ACQUIRE);
  if (size_t(ix) >= k->capacity) return nullptr;  // beyond this table's entries
  DictEntry* ep = &k->entries()[ix];
  if (__atomic_load_n(&ep->key, __ATOMIC_ACQUIRE) != key) return nullptr;
  Object* v = __atomic_load_n(&ep->value, __ATOMIC_ACQUIRE);
  if (!v) return nullptr;
  incref(v);
  if (__atomic_load_n(&ep->key, __ATOMIC_ACQUIRE) != key || __atomic_load_n(&mp->ma_keys, __ATOMIC_ACQUIRE) != k)
    [[unlikely]] {
    decref(v);
    return nullptr;
  }
  return v;
}
// True when the interned str `key` (hash `hash`) is certainly not in d: its probe sequence reaches an empty slot
// having met only entries with other hashes. False when it is there, or when only the full lookup can tell.
inline bool dict_str_certainly_absent(Object* d, Object* key, hash_t hash) {
  if (!alloc::lockfree_read_ok(d)) return false;
  DictObject* mp = as_dict(d);
  DictKeys* k = __atomic_load_n(&mp->ma_keys, __ATOMIC_ACQUIRE);
  int s = k->log2_size;
  if (s >= 8) return false;  // large tables (wider index slots): the full lookup
  size_t mask = (size_t{1} << s) - 1;
  const int8_t* index = reinterpret_cast<const int8_t*>(k->indices());
  size_t i = size_t(hash) & mask;
  for (size_t perturb = size_t(hash);;) {
    int8_t ix = __atomic_load_n(&index[i], __ATOMIC_ACQUIRE);
    if (ix == kDictIxEmpty) return __atomic_load_n(&mp->ma_keys, __ATOMIC_ACQUIRE) == k;
    if (ix >= 0) {
      const DictEntry* ep = &k->entries()[ix];
      if (__atomic_load_n(&ep->key, __ATOMIC_ACQUIRE) == key || __atomic_load_n(&ep->hash, __ATOMIC_RELAXED) == hash)
        return false;
    }
    perturb >>= kDictPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

// Lookup / insert / delete / contains with a hash the caller already has (set <-> dict operations).
[[nodiscard]] int dict_get_known_hash(Object* d, Object* key, hash_t hash, Object** out);
[[nodiscard]] int dict_set_known_hash(Object* d, Object* key, hash_t hash, Object* value);
[[nodiscard]] int dict_del_known_hash(Object* d, Object* key, hash_t hash);  // KeyError when missing
[[nodiscard]] int dict_contains_known_hash(Object* d, Object* key, hash_t hash);
// Like dict_next, also giving the stored hash (any out pointer may be null).
bool dict_next_hash(Object* d, ssize* pos, Object** key, Object** value, hash_t* hash);
// dict.setdefault: *out receives the (new reference to the) existing or inserted value. Returns 1 when the key
// was present, 0 when default_value was inserted, -1 on error (PyDict_SetDefaultRef's convention).
[[nodiscard]] int dict_setdefault(Object* d, Object* key, Object* default_value, Object** out);
void dict_clear(Object* d);
// dict_merge with CPython's three modes: 0 keeps existing keys, 1 overrides, 2 raises KeyError(key) on a
// duplicate (the interpreter's DICT_MERGE turns that into "got multiple values for keyword argument").
[[nodiscard]] int dict_merge_ex(Object* d, Object* other, int override);
// PyDict_MergeFromSeq2: an iterable of pairs.
[[nodiscard]] int dict_merge_from_seq2(Object* d, Object* seq, bool override);
// d[key] with dict's subscript semantics (__missing__ for subclasses, KeyError otherwise).
[[nodiscard]] Object* dict_subscript(Object* d, Object* key);
// The slots the views and the type table share (dict_views.cc).
[[nodiscard]] Object* dict_iter(Object* d);
[[nodiscard]] Object* dict_keys_view(Object* d, Object* unused);
[[nodiscard]] Object* dict_values_view(Object* d, Object* unused);
[[nodiscard]] Object* dict_items_view(Object* d, Object* unused);
[[nodiscard]] Object* dict_reversed(Object* d, Object* unused);
// KeyError(key) with the key as the single argument (a tuple key is not unpacked).
std::nullptr_t set_key_error(Object* key);

}  // namespace pyvm
