// Creators of the built-in modules in vm/modules/ (one file per module); registered in vm/builtin_modules.cc.
#pragma once

#include "objects/object.h"

namespace pyvm {}  // namespace pyvm
