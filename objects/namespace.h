// types.SimpleNamespace: an object whose attributes are its keyword arguments (sys.implementation is one).
#pragma once

#include "objects/object.h"

namespace pyvm {

extern Type namespace_type;

// A new SimpleNamespace whose attributes are the items of `kwds` (a dict, or null for none).
[[nodiscard]] Object* namespace_new(Object* kwds);

}  // namespace pyvm
