// Protection against C stack exhaustion: deep recursion through the interpreter or through C slots (repr of a
// deeply nested list, a __repr__ that calls itself) raises RecursionError instead of overflowing the stack.
#pragma once

#include <cstdint>

namespace pyvm {

// The lowest stack address this thread may reach before raising RecursionError (0 until first use).
extern constinit thread_local uintptr_t t_stack_limit;
uintptr_t stack_limit_init();

inline bool stack_low() {
  uintptr_t sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t limit = t_stack_limit ? t_stack_limit : stack_limit_init();
  return sp < limit;
}

[[nodiscard]] bool stack_check_slow(const char* suffix);

// Returns true when there is room; otherwise sets RecursionError("maximum recursion depth exceeded<suffix>").
[[nodiscard]] inline bool stack_check(const char* suffix) { return !stack_low() || stack_check_slow(suffix); }

// Nesting depth of C-level recursion (repr, str, comparisons), capped like CPython 3.13's C recursion limit so that
// pathological nesting fails fast instead of running until the stack guard trips.
constexpr int kCRecursionLimit = 10000;
extern constinit thread_local int t_c_recursion;

// RAII: enter with `if (!guard.ok()) return error;`.
class CRecursionGuard {
 public:
  explicit CRecursionGuard(const char* suffix) {
    ok_ = ++t_c_recursion <= kCRecursionLimit ? stack_check(suffix) : stack_check_slow_force(suffix);
  }
  ~CRecursionGuard() { --t_c_recursion; }
  bool ok() const { return ok_; }

 private:
  static bool stack_check_slow_force(const char* suffix);
  bool ok_;
};

}  // namespace pyvm
