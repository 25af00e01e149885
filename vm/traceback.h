// Formatting uncaught exceptions the way CPython 3.13's default excepthook prints them.
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

// The full report for `exc`: chained causes/contexts, tracebacks with source lines, exception groups as trees.
std::string format_exception(Object* exc);
// What the default sys.unraisablehook writes for `exc` raised where nothing can propagate it (a finaliser): an
// "Exception ignored in: <where>" header, the traceback and the exception.
std::string format_unraisable(const std::string& where, Object* exc);

}  // namespace pyvm
