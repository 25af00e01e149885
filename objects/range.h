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

// CPython's PySlice_Unpack: None -> defaults, bounds via __index__ clamped to ssize, ValueError for step 0.
[[nodiscard]] int slice_unpack(Object* slice, ssize* start, ssize* stop, ssize* step);
// CPython's PySlice_AdjustIndices: clamps unpacked bounds to `length` and returns the slice length.
ssize slice_adjust_indices(ssize length, ssize* start, ssize* stop, ssize step);
// _PyEval_SliceIndex: None leaves *out unchanged; otherwise __index__ clamped to ssize. False with a TypeError.
[[nodiscard]] bool slice_index(Object* v, ssize* out);

}  // namespace pyvm
