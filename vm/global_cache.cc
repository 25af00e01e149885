// LOAD_GLOBAL's inline cache: site numbering and the fill (the design and thread contract are in global_cache.h).
#include "vm/global_cache.h"

#include "objects/str.h"
#include "vm/interp_support.h"
#include "vm/opcodes.h"
#include "vm/site_table.h"

namespace pyvm::global_cache {

void number_sites(CodeObject* co) {
  co->nglobal_sites = site_table::number(co, [](int op) { return op == LOAD_GLOBAL; });
}

void release(CodeObject* co) { site_table::release(&co->global_cache); }

namespace {

Entry* entries_of(CodeObject* co) {
  return static_cast<Entry*>(site_table::get(&co->global_cache, co->nglobal_sites, sizeof(Entry)));
}

void store(Entry* e, uint64_t gv, uint64_t bv, int64_t off) {
  uint32_t seq = __atomic_load_n(&e->seq, __ATOMIC_RELAXED);
  if (seq & 1) return;  // another fill is writing it
  if (!__atomic_compare_exchange_n(&e->seq, &seq, seq + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
  __atomic_thread_fence(__ATOMIC_RELEASE);  // readers that see a field written below also see the odd counter
  __atomic_store_n(&e->globals_version, gv, __ATOMIC_RELAXED);
  __atomic_store_n(&e->builtins_version, bv, __ATOMIC_RELAXED);
  __atomic_store_n(&e->value_offset, off, __ATOMIC_RELAXED);
  __atomic_store_n(&e->seq, seq + 2, __ATOMIC_RELEASE);
}

}  // namespace

Object* load_and_fill(CodeObject* co, Frame* f, unsigned site, Object* name) {
  if (!site || site > co->nglobal_sites || type_of(name) != &str_type || type_of(f->globals) != &dict_type ||
      type_of(f->builtins) != &dict_type)
    return load_global(f, name);
  Entry* table = entries_of(co);
  if (!table) return load_global(f, name);
  hash_t h = str_hash(name);
  uint64_t gv = 0, bv = 0;
  int64_t off;
  Object* v;
  int r = dict_probe_str(f->globals, name, h, &gv, &off, &v);
  if (r < 0) return nullptr;
  if (r == 0) {
    r = dict_probe_str(f->builtins, name, h, &bv, &off, &v);
    if (r < 0) return nullptr;
    if (r == 0) return name_error(name);
  }
  store(&table[site - 1], gv, bv, off);
  return v;
}

}  // namespace pyvm::global_cache
