// The intern table (unique immortal strings), the pointer cache behind str_interned, and the static strings of
// static_strings.def.
#include "objects/strings.h"

#include <atomic>
#include <cstring>
#include <mutex>
#include <unordered_set>

#include "objects/errors.h"
#include "objects/str.h"
#include "objects/types.h"

namespace pyvm {
namespace strs {
#define PYVM_STR(name, text) Object* name = nullptr;
#include "objects/static_strings.def"
#undef PYVM_STR
}  // namespace strs

namespace {

struct ContentHash {
  size_t operator()(Object* s) const { return size_t(str_hash(s)); }
};
struct ContentEq {
  bool operator()(Object* a, Object* b) const { return str_equal(a, b); }
};

// Pointer cache for str_interned: C string address -> interned str. Lookups are lock-free: a writer (holding
// InternTable::mu) stores the value, then publishes the key with release; readers load the key with acquire and
// check the value's contents (so a torn or stale slot is never trusted). When the cache is three-quarters full,
// further addresses go through the content table only.
constexpr size_t kPtrCacheSize = 4096;
struct PtrSlot {
  std::atomic<const char*> key{nullptr};
  std::atomic<Object*> value{nullptr};
};

struct InternTable {
  // Lock order: `mu` is a leaf lock. It guards `set`, `ptr_used` and insertions into `ptr_cache`; nothing that
  // runs Python code or allocates Python objects through other locks happens while it is held (str_hash and
  // str_equal only read string data; str_copy_immortal only takes the immortal arena's leaf lock).
  std::mutex mu;
  std::unordered_set<Object*, ContentHash, ContentEq> set;
  PtrSlot ptr_cache[kPtrCacheSize];
  size_t ptr_used = 0;
};

InternTable& table() {
  static InternTable* t = new InternTable;  // never destroyed: interned strings are immortal
  return *t;
}

inline size_t ptr_slot(const char* p) {
  uint64_t h = reinterpret_cast<uintptr_t>(p) * 0x9e3779b97f4a7c15ull;
  return size_t(h >> 52) & (kPtrCacheSize - 1);
}

// Marks an interned string; only done on fresh immortal copies before they are published.
inline void mark_interned(Object* s) { reinterpret_cast<PyASCIIObject*>(s)->state.interned = 2; }

}  // namespace

Object* str_intern(Object* s) {
  if (!s) return nullptr;
  if (str_is_interned(s)) return s;  // interned strings are the unique immortal instance already
  str_hash(s);                       // computed outside the lock
  InternTable& t = table();
  Object* result;
  {
    std::lock_guard<std::mutex> g(t.mu);
    auto it = t.set.find(s);
    if (it != t.set.end()) {
      result = *it;
    } else if (type_of(s) == &str_type && alloc::is_owned_by_current(s) && alloc::load_shared(s) == 0) {
      // No other thread has counted a reference to `s` (its shared word is still 0: no shared increments, no weak
      // references), so it can be made immortal in place and sys.intern(s) returns s itself, as in CPython. A
      // thread that increments concurrently through the shared path only adds to a count that immortality
      // ignores from then on.
      alloc::make_immortal(s);
      result = s;
      incref(s);  // balances the decref of the caller's reference below (a no-op on an immortal object)
      mark_interned(result);
      t.set.insert(result);
    } else {
      // `s` may be shared with other threads: turning it immortal would race with their reference-count updates,
      // so the interned instance is a copy in the immortal region.
      result = str_copy_immortal(s);
      str_hash(result);
      mark_interned(result);
      t.set.insert(result);
    }
  }
  decref(s);
  return result;
}

// The cache is keyed by address, but a hit is only used when the cached string's contents equal `p`: callers such as
// get_attr_str pass buffers that may be reused for other text, so the address alone proves nothing.
Object* str_interned(const char* p) {
  InternTable& t = table();
  size_t i = ptr_slot(p);
  for (size_t probe = 0; probe < kPtrCacheSize; probe++) {
    PtrSlot& slot = t.ptr_cache[(i + probe) & (kPtrCacheSize - 1)];
    const char* k = slot.key.load(std::memory_order_acquire);
    if (k == p) {
      Object* v = slot.value.load(std::memory_order_acquire);
      const char* text = str_utf8(v);
      if (text && std::strcmp(text, p) == 0) return v;
      break;
    }
    if (!k) break;
  }
  Object* s = str_intern(str_from_utf8(p, ssize(std::strlen(p))));
  if (!s) return nullptr;
  std::lock_guard<std::mutex> g(t.mu);
  for (size_t probe = 0; probe < kPtrCacheSize; probe++) {
    PtrSlot& slot = t.ptr_cache[(i + probe) & (kPtrCacheSize - 1)];
    const char* k = slot.key.load(std::memory_order_relaxed);
    if (k == p) {
      slot.value.store(s, std::memory_order_release);  // the address now holds other text
      return s;
    }
    if (!k) {
      if (t.ptr_used >= kPtrCacheSize * 3 / 4) return s;
      slot.value.store(s, std::memory_order_release);
      slot.key.store(p, std::memory_order_release);
      t.ptr_used++;
      return s;
    }
  }
  return s;
}

namespace strs {

int init_all() {
#define PYVM_STR(name, text) \
  name = str_interned(text); \
  if (!name) return -1;
#include "objects/static_strings.def"
#undef PYVM_STR
  // The Latin-1 singletons are created eagerly so that they sit next to the other start-up strings.
  for (uint32_t ch = 0; ch < 256; ch++) {
    if (!str_from_char(ch)) return -1;
  }
  return 0;
}

}  // namespace strs
}  // namespace pyvm
