// LOAD_ATTR's and STORE_ATTR's inline cache: site numbering and the fills (the design and thread contract are in attr_cache.h).
#include "vm/attr_cache.h"

#include "objects/str.h"
#include "vm/interp_support.h"
#include "vm/opcodes.h"
#include "vm/site_table.h"

namespace pyvm::attr_cache {

void number_sites(CodeObject* co) {
  co->nattr_sites = site_table::number(co, [](int op) { return op == LOAD_ATTR || op == STORE_ATTR; });
}

void release(CodeObject* co) { site_table::release(&co->attr_cache); }

namespace {

Site* sites_of(CodeObject* co) {
  return static_cast<Site*>(site_table::get(&co->attr_cache, co->nattr_sites, sizeof(Site)));
}

// Per thread: which misses of a megamorphic site may fill (one in 64).
thread_local uint32_t t_miss_count = 0;

// Writes `way` for `epoch` into the site: into the way that already has the type, else the next one round-robin;
// the other ways are dropped when the epoch is newer than the site's.
// The site's table entry if a fill may write it now, else null: megamorphic sites fill on one miss in 64.
Site* fillable(CodeObject* co, unsigned site) {
  if (!site || site > co->nattr_sites) return nullptr;
  Site* table = sites_of(co);
  if (!table) return nullptr;
  Site* s = &table[site - 1];
  if (__atomic_load_n(&s->fills, __ATOMIC_RELAXED) >= kMaxFills && (++t_miss_count & 63) != 0) return nullptr;
  return s;
}

void write_way(Site* s, uint64_t epoch, const Way& way) {
  uint32_t seq = __atomic_load_n(&s->seq, __ATOMIC_RELAXED);
  if (seq & 1) return;  // another fill is writing it
  uint32_t fills = __atomic_load_n(&s->fills, __ATOMIC_RELAXED);
  if (!__atomic_compare_exchange_n(&s->seq, &seq, seq + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
  __atomic_thread_fence(__ATOMIC_RELEASE);  // readers that see a field written below also see the odd counter
  bool fresh = __atomic_load_n(&s->epoch, __ATOMIC_RELAXED) != epoch;
  int slot = -1;
  if (!fresh) {
    for (int i = 0; i < kWays && slot < 0; i++)
      if (__atomic_load_n(&s->ways[i].type, __ATOMIC_RELAXED) == way.type) slot = i;
  }
  if (slot < 0) slot = fresh ? 0 : int(fills % kWays);
  for (int i = 0; i < kWays; i++) {
    const Way& src = i == slot ? way : Way{};
    if (i != slot && !fresh) continue;
    Way* w = &s->ways[i];
    __atomic_store_n(&w->type, src.type, __ATOMIC_RELAXED);
    __atomic_store_n(&w->descr, src.descr, __ATOMIC_RELAXED);
    __atomic_store_n(&w->dict_offset, src.dict_offset, __ATOMIC_RELAXED);
    __atomic_store_n(&w->hint, src.hint, __ATOMIC_RELAXED);
    __atomic_store_n(&w->kind, src.kind, __ATOMIC_RELAXED);
  }
  __atomic_store_n(&s->epoch, epoch, __ATOMIC_RELAXED);
  __atomic_store_n(&s->fills, fills + 1, __ATOMIC_RELAXED);
  __atomic_store_n(&s->seq, seq + 2, __ATOMIC_RELEASE);
}

// Where the instance dict pointer of t's instances is, from the object's start (0: none), as instance_dict_ptr.
int32_t dict_offset_of(Type* t) {
  if (has_flag(t, Py_TPFLAGS_MANAGED_DICT)) return -int32_t(sizeof(Object*));  // managed_dict_ptr: the word before
  if (t->tp_dictoffset > 0 && t->tp_dictoffset < INT32_MAX) return int32_t(t->tp_dictoffset);
  return 0;
}

void fill(Site* s, Object* owner, Object* name, bool method) {
  Type* t = type_of(owner);
  if (t->tp_getattro != generic_getattr && t->tp_getattro != module_type.tp_getattro) return;
  if (type_of(name) != &str_type || !str_is_interned(name)) return;
  uint64_t epoch = type_cache::g_epoch.load(std::memory_order_acquire);  // before the lookups: a change during them
  Object* descr = type_lookup(t, name);                                  // leaves the site stale
  Type* dt = descr ? type_of(descr) : nullptr;
  if (dt && dt->tp_descr_set) return;  // a data descriptor: its __get__ decides
  int32_t off = dict_offset_of(t);
  Object* d = off ? __atomic_load_n(reinterpret_cast<Object**>(reinterpret_cast<char*>(owner) + off),
                                    __ATOMIC_ACQUIRE)
                  : nullptr;
  Way way{t, nullptr, off, 0, kEmpty, 0};
  if (d && dict_check(d)) {
    ORef keep = borrow(d);
    ssize ix = dict_str_entry_index(d, name, str_hash(name));
    if (ix >= 0 && ix < INT32_MAX) {
      way.kind = kDictValue;
      way.hint = int32_t(ix);
    }
  }
  if (way.kind == kEmpty && method && t->tp_getattro == generic_getattr &&
      (dt == &function_type || dt == &method_descr_type)) {
    way.kind = kMethod;  // (the instance dict, if any, lacked the name: the hit checks it again)
    way.descr = descr;
  }
  if (way.kind != kEmpty) write_way(s, epoch, way);
}

// After a successful owner.name = value: records where the name is in the instance dict.
void fill_store(Site* s, Object* owner, Object* name) {
  Type* t = type_of(owner);
  if (t->tp_setattro != generic_setattr || type_of(name) != &str_type || !str_is_interned(name)) return;
  uint64_t epoch = type_cache::g_epoch.load(std::memory_order_acquire);
  Object* descr = type_lookup(t, name);
  if (descr && type_of(descr)->tp_descr_set) return;  // a data descriptor's __set__ decides
  int32_t off = dict_offset_of(t);
  Object* d = instance_dict_at(owner, off);
  if (!d || !dict_check(d)) return;
  ORef keep = borrow(d);
  ssize ix = dict_str_entry_index(d, name, str_hash(name));
  if (ix >= 0 && ix < INT32_MAX) write_way(s, epoch, Way{t, nullptr, off, int32_t(ix), kStoreDict, 0});
}

}  // namespace

Object* load_and_fill(CodeObject* co, unsigned site, Object* owner, Object* name, bool method, Object** self_out) {
  if (Site* s = fillable(co, site)) fill(s, owner, name, method);
  if (method) return load_method(owner, name, self_out);
  *self_out = nullptr;
  return get_attr(owner, name);
}

int store_and_fill(CodeObject* co, unsigned site, Object* owner, Object* name, Object* value) {
  if (set_attr(owner, name, value) < 0) return -1;
  if (Site* s = fillable(co, site)) fill_store(s, owner, name);
  return 0;
}

}  // namespace pyvm::attr_cache
