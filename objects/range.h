// range, slice and their helpers.
#pragma once

#include "objects/object.h"

namespace pyvm {

struct SliceObject {
  PyObject ob_base;
  Object* start;
  Object* stop;
  Object* step;
};

[[nodiscard]] Object* slice_new(Object* start, Object* stop, Object* step);  // borrows; null means None
// Resolves a slice against a sequence length, as slice.indices(); returns -1 on error, else the slice length.
[[nodiscard]] ssize slice_adjust(Object* slice, ssize length, ssize* start, ssize* stop, ssize* step);
[[nodiscard]] Object* range_new(ssize start, ssize stop, ssize step);

}  // namespace pyvm
