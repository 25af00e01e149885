// bytes and bytearray.
#pragma once

#include <string_view>

#include "objects/object.h"

namespace pyvm {

[[nodiscard]] Object* bytes_from(const char* data, ssize len);
inline char* bytes_data(Object* o) { return reinterpret_cast<PyBytesObject*>(o)->ob_sval; }
inline ssize bytes_size(const Object* o) { return var_size(o); }
inline std::string_view bytes_view(Object* o) { return {bytes_data(o), size_t(bytes_size(o))}; }
[[nodiscard]] Object* bytes_repr(Object* o);
[[nodiscard]] Object* bytearray_from(const char* data, ssize len);

}  // namespace pyvm
