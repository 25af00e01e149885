// Name suggestions for uncaught NameError / AttributeError / ImportError reports (CPython 3.13's traceback module).
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

// What CPython appends to the exception's message: ". Did you mean: 'x'?" and, for a NameError naming a standard
// module, the "forget to import" hint; empty when there is nothing to add. `tb` is the exception's traceback (its
// last frame gives a NameError's candidates). Never leaves an error set.
std::string exception_suggestion(Object* exc, Object* tb);

}  // namespace pyvm
