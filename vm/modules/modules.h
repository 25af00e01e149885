// Creators of the built-in modules in vm/modules/ (one file per module); registered in vm/builtin_modules.cc.
#pragma once

#include "objects/object.h"

namespace pyvm {

// _typing (typing_module.cc).
[[nodiscard]] Object* create_typing_module();
// Readies the typing types and installs the hooks they need into the interpreter; called by runtime_init.
[[nodiscard]] int typing_runtime_init();

}  // namespace pyvm
