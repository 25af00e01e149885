// Immortalizing deferred objects when the first extra thread starts (objects/deferred.h).
#pragma once

#include "objects/object.h"

namespace pyvm {

// Called by every path that starts a Python thread, before the thread exists. The first call stops the world,
// immortalizes the deferred objects reachable from sys.modules (modules, their functions and classes, the classes'
// functions and nested classes, the code objects and constants of those functions) and turns on immortalization at
// creation. Later calls return at once.
void enable_deferred_immortalization();

// A module-level function (code without CO_NESTED) made after the switch: immortal with its code and constants.
void maybe_immortalize_function(Object* func);

}  // namespace pyvm
