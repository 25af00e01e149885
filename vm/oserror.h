// Raising OSError from a failed system call, the way CPython's PyErr_SetFromErrnoWithFilename does.
#pragma once

#include <cstddef>

#include "objects/object.h"

namespace pyvm {

// Raises OSError(err, strerror(err)[, filename]); the constructor picks the subclass for the errno
// (FileNotFoundError, PermissionError, ...). `filename` (a str or bytes object, or a UTF-8 path) may be null.
std::nullptr_t raise_os_error(int err, Object* filename);
std::nullptr_t raise_os_error(int err, const char* filename);
// CPython's PyErr_SetFromErrnoWithFilenameObjects: OSError(err, strerror(err), filename, None, filename2) when
// filename2 is given ("[Errno 2] No such file or directory: 'a' -> 'b'"). Both filenames may be null.
std::nullptr_t raise_os_error_objects(int err, Object* filename = nullptr, Object* filename2 = nullptr);
// raise_os_error_objects with the calling thread's errno.
std::nullptr_t raise_errno(Object* filename = nullptr, Object* filename2 = nullptr);
// strerror(err) as a str, e.g. "No such file or directory", "Unknown error 99999". Unlike strerror() it is
// thread-safe (strerror_r), so threads failing at once never read each other's message buffer.
[[nodiscard]] Object* strerror_text(int err);

}  // namespace pyvm
