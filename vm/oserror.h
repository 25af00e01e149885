// Raising OSError from a failed system call, the way CPython's PyErr_SetFromErrnoWithFilename does.
#pragma once

#include <cstddef>

#include "objects/object.h"

namespace pyvm {

// Raises OSError(err, strerror(err)[, filename]); the constructor picks the subclass for the errno
// (FileNotFoundError, PermissionError, ...). `filename` (a str or bytes object, or a UTF-8 path) may be null.
std::nullptr_t raise_os_error(int err, Object* filename);
std::nullptr_t raise_os_error(int err, const char* filename);

}  // namespace pyvm
