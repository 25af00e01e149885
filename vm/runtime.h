// Start-up of the runtime: readies the built-in types, the immortal constants, builtins and sys.
#pragma once

namespace pyvm {

// Idempotent and thread-safe. Returns 0, or -1 after printing why start-up failed.
[[nodiscard]] int runtime_init();

}  // namespace pyvm
