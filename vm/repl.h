// The interactive prompt (CPython's basic REPL).
#pragma once

#include "objects/object.h"

namespace pyvm {

// Runs the prompt in `globals` (__main__'s dict) until end of input or SystemExit. `handle_uncaught` prints the
// pending exception (sys.excepthook) and returns the exit status it implies. Returns the process's exit status.
int run_repl(Object* globals, int (*handle_uncaught)());

}  // namespace pyvm
