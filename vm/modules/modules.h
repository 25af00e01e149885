// Creators of the built-in modules in vm/modules/ (one file per module); registered in vm/builtin_modules.cc.
#pragma once

#include "objects/object.h"

namespace pyvm {

// posix (vm/modules/posix_module.cc and posix_*.cc): the operating-system interface os.py builds on.
[[nodiscard]] Object* create_posix_module();

}  // namespace pyvm
