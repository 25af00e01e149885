// Deferred objects (DESIGN.md "Deferred references"): module-level functions, classes, modules and the code and
// constants behind those functions are shared by every thread and mostly read. While only one thread runs they
// are counted as usual. When the program starts its first extra thread they are made immortal, so their reference
// counts no longer bounce cache lines between cores (CPython 3.13t does the same: it immortalizes objects that use
// deferred reference counting when the first thread starts).
//
// What that costs: such an object is never freed once threads have started, even when the cycle collector
// (vm/gc.cc, which examines classes and functions) finds it unreachable: a class or a module-level function made
// after the first thread starts lives until exit. Functions nested in other functions (closures, made on every
// call) and code objects built by compile()/exec() at run time stay ordinary objects.
#pragma once

#include <atomic>

#include "objects/object.h"

namespace pyvm {

namespace detail {
extern std::atomic<bool> g_deferred_immortal;
}

// True once deferred objects are immortalized (the first extra thread has started).
inline bool deferred_immortal_on() { return detail::g_deferred_immortal.load(std::memory_order_relaxed); }

// Immortalizes a freshly created deferred object (a class or a module) once threads have started. The caller
// holds the only reference, so there is no race with other threads' counting.
inline void maybe_immortalize_new(Object* o) {
  if (o && deferred_immortal_on()) alloc::make_immortal(o);
}

}  // namespace pyvm
