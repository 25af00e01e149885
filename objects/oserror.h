// Raising OSError from a C errno value, with CPython's errno-to-subclass choice, strerror text and filenames.
#pragma once

#include <cstddef>

#include "objects/object.h"

namespace pyvm {

// Raises OSError(err, strerror(err)[, filename[, None, filename2]]): the constructor picks the subclass for err
// (FileNotFoundError for ENOENT ...). Filenames are borrowed and may be null (absent). Always returns nullptr.
std::nullptr_t set_oserror(int err, Object* filename = nullptr, Object* filename2 = nullptr);
// The same with the calling thread's current errno.
std::nullptr_t set_oserror_errno(Object* filename = nullptr, Object* filename2 = nullptr);
// The text strerror() gives for err (thread-safe), e.g. "No such file or directory", "Unknown error 99999".
[[nodiscard]] Object* strerror_str(int err);

}  // namespace pyvm
