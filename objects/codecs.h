// The built-in codecs (str_codecs.cc, str_codecs_escape.cc) and the error-handler registry they consult; the
// _codecs module (vm/modules/codecs_module.cc) exposes them to Python.
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

enum class Codec : uint8_t {
  kUtf8,
  kAscii,
  kLatin1,
  kUtf16,  // native order, BOM written on encode, read (and stripped) on decode
  kUtf16Le,
  kUtf16Be,
  kUtf32,
  kUtf32Le,
  kUtf32Be,
  kUnicodeEscape,
  kRawUnicodeEscape,
  kUnknown
};

// The built-in codec for an encoding name (CPython's aliases, normalised like encodings.normalize_encoding).
Codec codec_find(const char* encoding);
// The name the codec's UnicodeErrors carry ("utf-16-le", "unicodeescape").
const char* codec_name(Codec c);

// Decodes with a built-in codec. Stateful decoding: with final false a truncated sequence at the end is left
// unconsumed; *consumed (may be null) receives the bytes used. For kUtf16/kUtf32, *byteorder (may be null) is
// in/out: 0 reads a BOM when present (else native order), -1 little endian, 1 big endian; it is set to the order
// the BOM selected. Null errors mean strict. Returns a new str.
[[nodiscard]] Object* codec_decode(Codec c, const char* data, ssize len, const char* errors, bool final,
                                   ssize* consumed, int* byteorder = nullptr);
// Encodes with a built-in codec; for kUtf16/kUtf32 `byteorder` 0 writes a BOM then native order, -1/1 pick little
// or big endian without BOM. Returns new bytes.
[[nodiscard]] Object* codec_encode(Codec c, Object* s, const char* errors, int byteorder = 0);

// The charmap codec: `mapping` is None (latin-1), a decoding-table str, or any mapping (byte -> int/str/None for
// decoding; ord -> int/bytes/None for encoding).
[[nodiscard]] Object* charmap_decode(const char* data, ssize len, const char* errors, Object* mapping);
[[nodiscard]] Object* charmap_encode(Object* s, const char* errors, Object* mapping);
// Python bytes-literal escapes (codecs.escape_decode/escape_encode); results are bytes.
[[nodiscard]] Object* bytes_escape_decode(const char* data, ssize len, const char* errors);
[[nodiscard]] Object* bytes_escape_encode(const char* data, ssize len);

// The error-handler registry (codecs.register_error/lookup_error). Thread-safety contract: the registry is a
// process-wide dict guarded by an internal mutex; handlers are called without holding it. The standard names
// resolve to built-in functions created on first use and cannot be replaced for the built-in codecs' fast paths
// (as in CPython, which also short-circuits them).
[[nodiscard]] int codec_register_error(const char* name, Object* handler);
[[nodiscard]] Object* codec_lookup_error(const char* name);  // new reference; LookupError when unknown

// Encoding through the codec registry for names that are not built in (cp1252, rot13 ...). Installed by the
// _codecs module; `encode` selects str.encode's or bytes.decode's direction and result checks.
using CodecGenericFn = Object* (*)(Object* obj, const char* encoding, const char* errors, bool encode);
void codec_set_generic_hook(CodecGenericFn fn);

}  // namespace pyvm
