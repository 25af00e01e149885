// Bump allocator over a reserved address range for objects that never die.
#include "alloc/immortal.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "alloc/refcount.h"

#if defined(__SANITIZE_ADDRESS__)
#define PYVM_LSAN 1
#include <sanitizer/lsan_interface.h>
#endif

namespace pyvm::alloc {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kArenaReserve = size_t{64} << 20;  // smaller under ASan: LeakSanitizer scans the whole range
#else
constexpr size_t kArenaReserve = size_t{1} << 30;  // address space only; pages are committed on touch
#endif

struct Arena {
  std::mutex mu;  // guards `next`
  char* base = nullptr;
  char* next = nullptr;
  char* end = nullptr;
  Arena() {
    void* p = mmap(nullptr, kArenaReserve, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (p == MAP_FAILED) {
      std::fputs("pyvm: cannot reserve the immortal region\n", stderr);
      std::abort();
    }
    base = next = static_cast<char*>(p);
    end = base + kArenaReserve;
#ifdef PYVM_LSAN
    // LeakSanitizer does not scan anonymous mappings: make it see the pointers immortal objects hold.
    __lsan_register_root_region(base, kArenaReserve);
#endif
  }
};

Arena& arena() {
  static Arena* a = new Arena;
  return *a;
}

}  // namespace

void* immortal_raw(size_t size) {
  Arena& a = arena();
  size = (size + 15) & ~size_t{15};
  std::lock_guard<std::mutex> g(a.mu);
  if (size > size_t(a.end - a.next)) {
    std::fputs("pyvm: immortal region exhausted\n", stderr);
    std::abort();
  }
  void* p = a.next;
  a.next += size;
  return p;  // fresh anonymous pages are zero
}

PyObject* immortal_object(size_t size, PyTypeObject* type) {
  auto* o = static_cast<PyObject*>(immortal_raw(size));
  o->ob_type = type;
  make_immortal(o);
  return o;
}

bool in_immortal_region(const void* p) {
  Arena& a = arena();
  auto* c = static_cast<const char*>(p);
  return c >= a.base && c < a.end;
}

}  // namespace pyvm::alloc
