// Creators of the built-in modules in vm/modules/ (one file per module); registered in vm/builtin_modules.cc.
#pragma once

#include "objects/object.h"

namespace pyvm {

// Each returns a new module object, or null with an exception set.
[[nodiscard]] Object* create_weakref_module();  // _weakref (weakref_module.cc)

}  // namespace pyvm
