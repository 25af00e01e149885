// The runtime's interned strings, generated from static_strings.def: strs::init is "__init__", and so on.
#pragma once

#include "objects/object.h"

namespace pyvm::strs {

#define PYVM_STR(name, text) extern Object* name;
#include "objects/static_strings.def"
#undef PYVM_STR

// Creates every string above as an interned immortal str. Called once by init_types(), before any type is readied.
// (Named init_all because `strs::init` is the interned "__init__" above.)
[[nodiscard]] int init_all();

}  // namespace pyvm::strs
