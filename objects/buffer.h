// The buffer protocol (PEP 3118) for C++ callers: requesting and releasing exporters' buffers, contiguity and
// copies, and the native single-character struct formats that memoryview reads and writes.
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

// True if o's type exports buffers (CPython's PyObject_CheckBuffer).
inline bool has_buffer(Object* o) {
  PyBufferProcs* bp = type_of(o)->tp_as_buffer;
  return bp && bp->bf_getbuffer;
}

// PyObject_GetBuffer: fills *view for `flags` (PyBUF_*). TypeError "a bytes-like object is required, not 'X'"
// when o exports no buffer. On success view->obj holds a new reference, dropped by release_buffer().
[[nodiscard]] int get_buffer(Object* o, Py_buffer* view, int flags);
// PyBuffer_Release: tells the exporter and drops view->obj. A no-op when view->obj is null.
void release_buffer(Py_buffer* view);

// Holds a buffer for a C++ scope.
class BufferHold {
 public:
  BufferHold() { view_.obj = nullptr; }
  ~BufferHold() { release_buffer(&view_); }
  BufferHold(const BufferHold&) = delete;
  BufferHold& operator=(const BufferHold&) = delete;
  [[nodiscard]] int get(Object* o, int flags) { return get_buffer(o, &view_, flags); }
  Py_buffer* view() { return &view_; }
  Py_buffer* operator->() { return &view_; }

 private:
  Py_buffer view_;
};

// PyBuffer_IsContiguous: order is 'C', 'F' or 'A' (either).
bool buffer_is_contiguous(const Py_buffer* view, char order);
// PyBuffer_ToContiguous: copies the items of `src` (any strides, suboffsets allowed) into out[0 .. src->len) in C
// order ('C'), Fortran order ('F'), or, for 'A', the raw memory when src is contiguous and C order otherwise.
// shape/strides may be missing from `src` as the PEP allows for simple requests.
[[nodiscard]] int buffer_to_contiguous(char* out, const Py_buffer* src, char order);
// The contents of any exporter as contiguous bytes in C order (PyBUF_FULL_RO, then a contiguous copy): what
// bytes(x) and bytearray(x) take from a buffer. TypeError as get_buffer.
[[nodiscard]] bool buffer_copy_bytes(Object* o, std::string* out);

// ---- Native single-character struct formats ('B', '@i', ...) ----

// The item size of a native single-character format with an optional '@' prefix ('c', 'b', 'B', 'h', 'H', 'i',
// 'I', 'l', 'L', 'q', 'Q', 'n', 'N', 'f', 'd', 'e', '?', 'P'); stores the character in *code. -1 when `fmt` is
// anything else. A null fmt means "B" (an exporter that did not say).
ssize native_format_size(const char* fmt, char* code);
// The same format as a string with static storage (keeping an '@' prefix), or null when not native.
const char* native_format_static(const char* fmt);
// Reads one item of format `code` (a native format character) at p as a Python object: int, float, bool or a
// 1-byte bytes for 'c'. NotImplementedError "memoryview: format X not supported" for other codes.
[[nodiscard]] Object* unpack_native(char code, const char* p);
// Converts v to one item of format `code`, written to out (itemsize bytes). Follows memoryview's rules: TypeError
// "memoryview: invalid type for format 'X'" / ValueError "memoryview: invalid value for format 'X'" (X is
// `fmt_name`); errors raised by v's own __index__ / __float__ / __bool__ of other types pass through. May run
// Python code, so callers must not hold a lock they need afterwards.
[[nodiscard]] bool pack_native(char code, const char* fmt_name, Object* v, char* out);
// IEEE 754 binary16 ('e'), as CPython's PyFloat_Pack2 / PyFloat_Unpack2 (little-endian storage, round half to
// even). pack_half returns false with OverflowError "float too large to pack with e format" when out of range.
[[nodiscard]] bool pack_half(double x, unsigned char out[2]);
double unpack_half(const unsigned char in[2]);

}  // namespace pyvm
