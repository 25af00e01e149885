// Start-up of the runtime: readies the built-in types, the immortal constants, builtins and sys.
#pragma once

#include "objects/object.h"

namespace pyvm {

// Idempotent and thread-safe. Returns 0, or -1 after printing why start-up failed.
[[nodiscard]] int runtime_init();

// The builtins module (borrowed; immortal). Valid after runtime_init().
Object* builtins_module();

}  // namespace pyvm
