// LOAD_GLOBAL's inline cache: a name found once in a function's globals or builtins is found again, while neither
// dict's key set changes, by reading the value slot it was found in, without hashing or probing.
//
// Design (our own, after the idea of CPython's LOAD_GLOBAL_MODULE / LOAD_GLOBAL_BUILTIN):
// - Each LOAD_GLOBAL of a code object is a "site", numbered 1.. when the code object is made (code_new writes the
//   number into the instruction's first inline-cache unit; 0 = no site: more than 65535 of them). co_code is kept
//   apart (CodeObject::code), so the numbers are never visible.
// - The code object has one Entry per site (CodeObject::global_cache, made on the first fill and published with a
//   CAS). An entry records the key-set versions of the globals table (and of the builtins table when the name was
//   found there) and the byte offset of the value slot from the table that holds the name. Key-set versions are
//   unique across all tables and change whenever a table gains or loses a key (objects/dict.h): equal versions
//   mean the name is still at that offset (and, for a builtin, still absent from globals).
//
// Thread contract:
// - Entries are shared by every thread running the code. A fill writes one under a sequence counter (odd while
//   writing; a fill that finds it odd, or loses the CAS, just skips the store); a hit reads the fields between two
//   readings of the counter and uses them only if both are equal and even. All fields are accessed atomically.
// - A hit reads the value slot of a table it loaded from the dict without a lock. That is safe because a fill
//   marks both dicts shared first (dict_probe_str): every key and value reference their tables give up from then
//   on, and every table they replace, goes through QSBR, so what the hit loaded stays alive until this thread is
//   quiescent, and it may take a reference (the lookup_lockfree protocol). A slot found empty (a concurrent
//   delete) is a miss.
// - A miss takes the ordinary path (load_global) through the fill, which never holds more than one dict's section.
#pragma once

#include <cstdint>

#include "objects/dict.h"
#include "objects/object.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/function.h"

namespace pyvm::global_cache {

struct Entry {
  uint32_t seq;               // even: stable (0: never filled); odd: a fill is writing the entry
  uint32_t unused;
  uint64_t globals_version;   // key-set version of the globals table
  uint64_t builtins_version;  // key-set version of the builtins table; 0: the name was found in globals
  int64_t value_offset;       // byte offset of the value slot from the table that holds the name
};

// The site number of the LOAD_GLOBAL whose first cache unit is `cache` (0: none).
inline unsigned site_of(const uint16_t* cache) { return cache[0]; }

// The cached value of a site (new reference), or null on a miss (no error set).
[[gnu::always_inline]] inline Object* lookup(const CodeObject* co, Frame* f, unsigned site) {
  const Entry* table = static_cast<const Entry*>(__atomic_load_n(&co->global_cache, __ATOMIC_ACQUIRE));
  if (!table || !site) return nullptr;
  const Entry* e = &table[site - 1];
  uint32_t seq = __atomic_load_n(&e->seq, __ATOMIC_ACQUIRE);
  uint64_t gv = __atomic_load_n(&e->globals_version, __ATOMIC_RELAXED);
  uint64_t bv = __atomic_load_n(&e->builtins_version, __ATOMIC_RELAXED);
  int64_t off = __atomic_load_n(&e->value_offset, __ATOMIC_RELAXED);
  __atomic_thread_fence(__ATOMIC_ACQUIRE);
  if ((seq & 1) || seq == 0 || __atomic_load_n(&e->seq, __ATOMIC_RELAXED) != seq) return nullptr;
  // f->globals is always a dict (exec and FunctionType insist); a subclass's table can never match a version a
  // fill recorded, since fills read exact dicts only.
  DictKeys* k = __atomic_load_n(&as_dict(f->globals)->ma_keys, __ATOMIC_ACQUIRE);
  if (dict_keys_version(k) != gv) return nullptr;
  if (bv) {
    if (type_of(f->builtins) != &dict_type) return nullptr;  // builtins may be any mapping
    k = __atomic_load_n(&as_dict(f->builtins)->ma_keys, __ATOMIC_ACQUIRE);
    if (dict_keys_version(k) != bv) return nullptr;
  }
  Object* v = __atomic_load_n(reinterpret_cast<Object**>(reinterpret_cast<char*>(k) + off), __ATOMIC_ACQUIRE);
  if (!v) return nullptr;
  incref(v);
  return v;
}

// The miss path: LOAD_GLOBAL's ordinary lookup (new reference, or null with NameError or another error set), which
// also fills the site's entry when globals and builtins are exact dicts.
[[nodiscard]] Object* load_and_fill(CodeObject* co, Frame* f, unsigned site, Object* name);

// Numbers the LOAD_GLOBAL sites of a new code object (its instructions verified, the object not yet shared).
void number_sites(CodeObject* co);
// Frees the entries (code_dealloc: nothing runs the code any more).
void release(CodeObject* co);

}  // namespace pyvm::global_cache
