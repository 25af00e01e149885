// Numbered inline-cache sites and their side tables, shared by LOAD_GLOBAL's cache (global_cache.h) and
// LOAD_ATTR/STORE_ATTR's (attr_cache.h).
//
// Contract: a code object's sites are numbered once, when it is created (before any thread can see it); the number
// lives in the instruction's first inline-cache unit (0 = no site, past 0xffff sites). The side table of one entry
// per site is allocated zeroed by the first fill and published with a compare-and-swap, so every thread sees the
// same table; a thread that loses the race frees its own. The table is freed only with the code object.
#pragma once

#include <cstring>

#include "alloc/heap.h"
#include "vm/code.h"
#include "vm/opcodes.h"

namespace pyvm::site_table {

// Numbers the instructions for which `is_site(opcode)` holds, 1 upwards; returns how many there are.
template <class IsSite>
uint32_t number(CodeObject* co, IsSite is_site) {
  uint32_t n = 0;
  for (ssize i = 0; i < co->ninstrs;) {
    int op = co->instrs[i] & 0xff;
    i++;
    if (op == EXTENDED_ARG) continue;
    int ncache = kOpcodeTable[op].cache_entries;
    if (is_site(op) && ncache > 0) co->instrs[i] = n < 0xffff ? uint16_t(++n) : 0;
    i += ncache;
  }
  return n;
}

// The table in `*slot` (nsites entries of entry_size bytes), allocated and published on first use; null when the
// allocation fails (the caller then does its lookup without a cache).
inline void* get(void** slot, uint32_t nsites, size_t entry_size) {
  void* t = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
  if (t) return t;
  size_t bytes = entry_size * nsites;
  void* fresh = alloc::raw_alloc(bytes);
  if (!fresh) return nullptr;
  std::memset(fresh, 0, bytes);
  if (__atomic_compare_exchange_n(slot, &t, fresh, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return fresh;
  alloc::raw_free(fresh);  // another thread published first; `t` holds its table
  return t;
}

inline void release(void** slot) {
  alloc::raw_free(*slot);
  *slot = nullptr;
}

}  // namespace pyvm::site_table
