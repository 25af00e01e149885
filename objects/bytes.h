// bytes and bytearray.
#pragma once

#include <string>
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

// ---- Added by the bytes implementation (bytes.cc, bytes_methods.cc). ----
namespace pyvm {

extern Type bytes_iterator_type;
extern Type bytearray_iterator_type;

// The bytearray's storage (never null: an empty bytearray may have no buffer). Valid while its critical section is
// held, since another thread may resize it.
inline char* bytearray_data(Object* o) {
  char* p = reinterpret_cast<PyByteArrayObject*>(o)->ob_start;
  return p ? p : const_cast<char*>("");
}
inline ssize bytearray_size(const Object* o) { return var_size(o); }
// Resizes a bytearray (caller holds its critical section); BufferError while buffers are exported.
[[nodiscard]] int bytearray_resize(Object* o, ssize n);

Object* bytes_empty();  // immortal
hash_t bytes_hash(Object* o);
// Any object exporting a contiguous buffer (bytes, bytearray, C extensions): copies its contents.
// Returns false with TypeError "a bytes-like object is required, not 'X'" otherwise.
[[nodiscard]] bool bytes_like_copy(Object* o, std::string* out);
// bytes(x) / bytearray(x) conversion of one object: buffer, or iterable of ints in range(256) (CPython's
// PyBytes_FromObject; `bytearray_msgs` selects bytearray's wording). Returns false with an error set.
[[nodiscard]] bool bytes_from_object(Object* x, std::string* out, bool bytearray_msgs);
// hex()'s arguments (sep=None, bytes_per_sep=1) for bytes, bytearray and memoryview; *sep is null when not given.
[[nodiscard]] bool parse_hex_args(Object* const* args, ssize nargs, Object* kwnames, Object** sep, int* bytes_per_sep);
// Hex digits of `data` with `sep` (null, or a length-1 ASCII str/bytes) between groups of |bytes_per_sep| bytes,
// counted from the right when positive and from the left when negative (CPython's _Py_strhex_with_sep).
[[nodiscard]] Object* hex_with_sep(std::string_view data, Object* sep, int bytes_per_sep);
// `fmt % args` for bytes and bytearray (CPython's bytes_format); `fmt` is the format's contents.
[[nodiscard]] bool bytes_percent_format(std::string_view fmt, Object* args, std::string* out);

}  // namespace pyvm
