// Protection against C stack exhaustion: deep recursion through the interpreter or through C slots (repr of a
// deeply nested list, a __repr__ that calls itself) raises RecursionError instead of overflowing the stack.
#pragma once

#include <cstdint>

namespace pyvm {

// The lowest stack address this thread may reach before raising RecursionError (0 until first use).
extern thread_local uintptr_t t_stack_limit;
uintptr_t stack_limit_init();

inline bool stack_low() {
  uintptr_t sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t limit = t_stack_limit ? t_stack_limit : stack_limit_init();
  return sp < limit;
}

// Returns true when there is room; otherwise sets RecursionError("maximum recursion depth exceeded<suffix>").
[[nodiscard]] bool stack_check(const char* suffix);

}  // namespace pyvm
