// Per-thread C stack bounds for the recursion guard.
#include "objects/stack_guard.h"

#include <pthread.h>

#include <algorithm>
#include <string>

#include "objects/errors.h"

namespace pyvm {

constinit thread_local uintptr_t t_stack_limit = 0;
constinit thread_local int t_c_recursion = 0;

uintptr_t stack_limit_init() {
  void* addr = nullptr;
  size_t size = 0;
  pthread_attr_t attr;
  uintptr_t here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
  }
  uintptr_t low = reinterpret_cast<uintptr_t>(addr);
  if (!addr || size == 0 || here < low || here > low + size) {
    // Unknown bounds: assume 1 MiB below the current frame.
    low = here > (size_t{1} << 20) ? here - (size_t{1} << 20) : 0;
    size = size_t{1} << 20;
  }
  // Keep a margin for the C code that runs after the check (error formatting, deallocation, sanitizers).
  size_t margin = std::clamp(size / 4, size_t{64} << 10, size_t{1} << 20);
  t_stack_limit = low + margin;
  return t_stack_limit;
}

// Raising the RecursionError itself calls through the guarded paths (creating the exception calls its type): the
// margin below the limit is reserved for that, so the guard is off while the error is being built.
static thread_local bool t_raising = false;

bool stack_check_slow(const char* suffix) {
  if (t_raising) return true;
  t_raising = true;
  set_error(&exc_RecursionError, std::string("maximum recursion depth exceeded") + suffix);
  t_raising = false;
  return false;
}

bool CRecursionGuard::stack_check_slow_force(const char* suffix) {
  if (t_raising) return true;
  t_raising = true;
  set_error(&exc_RecursionError, std::string("maximum recursion depth exceeded") + suffix);
  t_raising = false;
  return false;
}

}  // namespace pyvm
