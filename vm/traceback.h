// Formatting uncaught exceptions the way CPython 3.13's default excepthook prints them.
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

// The full report for `exc`: chained causes/contexts, tracebacks with source lines, exception groups as trees.
std::string format_exception(Object* exc);

// The unraisable-exception report of CPython's default sys.unraisablehook, written to stderr: "Exception ignored
// in: <repr(obj)>" (when obj is not null), the traceback and the exception line; causes and contexts are not
// printed. Installed as objects/errors.h's unraisable printer by runtime_init.
void print_unraisable(Object* exc, Object* obj);

}  // namespace pyvm
