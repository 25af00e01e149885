// Reading and writing CPython 3.13 marshal data, and reading .pyc files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "objects/object.h"

namespace pyvm {

constexpr uint16_t kPycMagic = 3571;  // CPython 3.13

// Unmarshals one object. On bad data raises EOFError ("marshal data too short") or ValueError ("bad marshal
// data (...)") and returns null. Never reads out of bounds; sizes are checked against the remaining input
// before anything is allocated; nesting depth is bounded.
[[nodiscard]] Object* marshal_loads(const uint8_t* data, size_t len);

// Marshals `value` in format `version` (0..4) as CPython 3.13's marshal.dumps does, byte for byte. ValueError for
// unmarshallable objects (and for code objects when !allow_code). Returns new bytes.
[[nodiscard]] Object* marshal_dumps(Object* value, int version, bool allow_code);

// Loads a .pyc: checks the 16-byte header (magic 3571, flags) and returns its code object. On failure sets
// an exception whose message names the problem (the caller prefixes the file name).
[[nodiscard]] Object* load_pyc_bytes(const uint8_t* data, size_t len);
[[nodiscard]] Object* load_pyc_file(const char* path);  // OSError subclasses for unreadable files


}  // namespace pyvm
