// LOAD_ATTR's and STORE_ATTR's inline cache: an attribute found once through a site is found (or replaced) again,
// while the types involved are unchanged, without the type's MRO walk, hashing or probing.
//
// Design (our own; the ideas are CPython's LOAD_ATTR_WITH_HINT, LOAD_ATTR_MODULE and LOAD_ATTR_METHOD_*):
// - Each LOAD_ATTR and STORE_ATTR of a code object is a "site", numbered 1.. when the code object is made
//   (number_sites writes the number into the instruction's first inline-cache unit; 0 = no site). The code object
//   has one Site per site (CodeObject::attr_cache, made on the first fill and published with a CAS).
// - A site holds up to kWays (type -> how to find the attribute) ways, all valid for one value of the type
//   attribute cache's epoch (objects/type.cc: bumped whenever any type dict, MRO or base changes, or a type is
//   freed). An equal epoch therefore means that what type_lookup(type, name) returned at the fill is still what it
//   returns, and the type's tp_getattro is still the one the fill saw.
// - Two kinds of way:
//   kDictValue: the type's getattro is the generic one (or the module type's, which differs only when the lookup
//     fails), the name is not a data descriptor on the type, and the instance's dict (at `dict_offset`) held the
//     name at entry number `hint`. A hit reads that entry lock-free (dict_entry_value_if_key) and checks that it
//     still holds the name; any other instance whose dict has the name at the same entry hits too.
//   kMethod: only for the method form (oparg & 1). The name is a Python function or a method descriptor on the type
//     and the instance dict does not shadow it. A hit checks that the instance dict (if any) certainly lacks the
//     name (dict_str_certainly_absent) and pushes the cached function with the instance as self.
// - Polymorphic sites use the ways round-robin. A site that has been refilled kMaxFills times (megamorphic, or
//   epochs that keep changing) fills again only on one miss in 64 of each thread, so that threads running the same
//   code do not keep writing its cache line.
//
// Thread contract:
// - Sites are shared by every thread running the code. A fill writes under a sequence counter (odd while writing;
//   a fill that finds it odd, or loses the CAS, skips the store); a hit reads the fields between two readings of
//   the counter and uses them only if both are equal and even. All fields are accessed atomically.
// - A kMethod hit takes a reference to the cached function, borrowed from the type dict, as the type attribute
//   cache's hits do (type dicts release replaced values through QSBR, so a pointer read before this thread's next
//   quiescent point stays valid; the epoch check rejects a value the type no longer holds).
// - A kDictValue hit reads the instance dict's table with lookup_lockfree's protocol (objects/dict.cc): it declines
//   for a dict that another thread owns and has not marked shared, and re-checks the entry after taking its
//   reference.
// - A miss takes the ordinary path (load_method / get_attr) after the fill, which holds no lock but the instance
//   dict's section for the index lookup.
#pragma once

#include <cstdint>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/object.h"
#include "objects/types.h"
#include "vm/code.h"

namespace pyvm::attr_cache {

constexpr int kWays = 4;
constexpr uint32_t kMaxFills = 64;
enum Kind : uint32_t { kEmpty = 0, kDictValue = 1, kMethod = 2, kStoreDict = 3 };

struct Way {
  Type* type;          // null: unused
  Object* descr;       // kMethod: the function (borrowed from the type dict)
  int32_t dict_offset; // where the instance dict pointer is, from the object's start (0: no dict)
  int32_t hint;        // kDictValue: the entry number
  uint32_t kind;
  uint32_t unused;
};
struct Site {
  uint32_t seq;    // even: stable (0: never filled); odd: a fill is writing the site
  uint32_t fills;  // how many fills wrote this site
  uint64_t epoch;  // the type cache epoch the ways are valid for
  Way ways[kWays];
};

// The site number of the LOAD_ATTR whose first cache unit is `cache` (0: none).
inline unsigned site_of(const uint16_t* cache) { return cache[0]; }

// Reads the way of site `site` for type t, consistently (the sequence counter) and only while the epoch it was
// filled for holds. False when there is none.
[[gnu::always_inline]] inline bool read_way(const CodeObject* co, unsigned site, Type* t, Way* out) {
  const Site* table = static_cast<const Site*>(__atomic_load_n(&co->attr_cache, __ATOMIC_ACQUIRE));
  if (!table || !site) return false;
  const Site* s = &table[site - 1];
  uint32_t seq = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
  uint64_t epoch = __atomic_load_n(&s->epoch, __ATOMIC_RELAXED);
  const Way* w = nullptr;
  for (int i = 0; i < kWays; i++) {
    if (__atomic_load_n(&s->ways[i].type, __ATOMIC_RELAXED) == t) {
      w = &s->ways[i];
      break;
    }
  }
  if (!w) return false;
  out->kind = __atomic_load_n(&w->kind, __ATOMIC_RELAXED);
  out->dict_offset = __atomic_load_n(&w->dict_offset, __ATOMIC_RELAXED);
  out->hint = __atomic_load_n(&w->hint, __ATOMIC_RELAXED);
  out->descr = __atomic_load_n(&w->descr, __ATOMIC_RELAXED);
  __atomic_thread_fence(__ATOMIC_ACQUIRE);
  return !(seq & 1) && __atomic_load_n(&s->seq, __ATOMIC_RELAXED) == seq &&
         epoch == type_cache::g_epoch.load(std::memory_order_acquire);
}

inline Object* instance_dict_at(Object* owner, int32_t off) {
  return off ? __atomic_load_n(reinterpret_cast<Object**>(reinterpret_cast<char*>(owner) + off), __ATOMIC_ACQUIRE)
             : nullptr;
}

// LOAD_ATTR's hit: the attribute (new reference), *is_method set when it is a method to be called with `owner` as
// self (a kMethod way); null on a miss (no error set). `method`: the method form, the only one kMethod ways apply to.
[[gnu::always_inline]] inline Object* lookup(const CodeObject* co, unsigned site, Object* owner, Object* name,
                                             bool method, bool* is_method) {
  Way w;
  if (!read_way(co, site, type_of(owner), &w)) return nullptr;
  Object* d = instance_dict_at(owner, w.dict_offset);
  if (w.kind == kDictValue) {
    if (!d) return nullptr;
    *is_method = false;
    return dict_entry_value_if_key(d, w.hint, name);
  }
  if (w.kind != kMethod || !method) return nullptr;
  if (d && !dict_str_certainly_absent(d, name, str_hash(name))) return nullptr;
  *is_method = true;
  incref(w.descr);
  return w.descr;
}

// STORE_ATTR's hit: owner.name = value done (true), or a miss (false, nothing done, no error set).
[[gnu::always_inline]] inline bool store(const CodeObject* co, unsigned site, Object* owner, Object* name,
                                         Object* value) {
  Way w;
  if (!read_way(co, site, type_of(owner), &w) || w.kind != kStoreDict) return false;
  Object* d = instance_dict_at(owner, w.dict_offset);
  return d && dict_replace_at(d, w.hint, name, value);
}

// The miss path: fills the site when the attribute can be cached, then does LOAD_ATTR's ordinary lookup (a new
// reference, or null with an error set). For the method form *self_out receives the instance (new reference) or
// null, as load_method's.
[[nodiscard]] Object* load_and_fill(CodeObject* co, unsigned site, Object* owner, Object* name, bool method,
                                    Object** self_out);

// STORE_ATTR's miss path: the ordinary store (0, or -1 with an error set), then a fill when it can be cached.
[[nodiscard]] int store_and_fill(CodeObject* co, unsigned site, Object* owner, Object* name, Object* value);

// Numbers the LOAD_ATTR and STORE_ATTR sites of a new code object (its instructions verified, the object not yet shared).
void number_sites(CodeObject* co);
// Frees the sites (code_dealloc: nothing runs the code any more).
void release(CodeObject* co);

}  // namespace pyvm::attr_cache
