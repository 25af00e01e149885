// The shared immortal region: one arena, filled at start-up and never freed (DESIGN.md "Memory").
#pragma once

#include <cstddef>

#include "pyvm_abi/base.h"

namespace pyvm::alloc {

// Allocates zeroed memory for an object that lives forever and sets its header immortal (tid 0, local count
// UINT32_MAX). Thread-safe, but meant for start-up and for interning.
[[nodiscard]] PyObject* immortal_object(size_t size, PyTypeObject* type);

// Raw immortal memory (for tables hanging off immortal objects).
[[nodiscard]] void* immortal_raw(size_t size);

// True when `p` points into the immortal arena.
bool in_immortal_region(const void* p);

}  // namespace pyvm::alloc
