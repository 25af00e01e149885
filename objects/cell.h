// Cell objects: the boxes that hold variables shared between a function and its closures.
#pragma once

#include "objects/object.h"

namespace pyvm {

struct CellObject {
  PyObject ob_base;
  Object* ob_ref;  // null when empty
};

}  // namespace pyvm
