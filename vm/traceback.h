// Formatting uncaught exceptions the way CPython 3.13's default excepthook prints them.
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

// The full report for `exc`: chained causes/contexts, tracebacks with source lines, exception groups as trees.
std::string format_exception(Object* exc);
// What the default sys.unraisablehook writes for `exc` raised where nothing can propagate it (a finaliser, a
// weakref callback): an "Exception ignored in: <repr(obj)>" header (omitted when obj is null), the traceback and
// the exception line; causes and contexts are not printed.
std::string format_unraisable(Object* exc, Object* obj, const char* msg = nullptr);
// Writes format_unraisable(exc, obj) to stderr. Installed as objects/errors.h's unraisable printer
// (write_unraisable) by runtime_init.
void print_unraisable(Object* exc, Object* obj, const char* msg);

}  // namespace pyvm
