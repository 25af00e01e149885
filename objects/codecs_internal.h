// Shared by the built-in codec files (str_codecs*.cc): error-handler dispatch for decoders and encoders.
#pragma once

#include <string>

#include "objects/codecs.h"
#include "objects/str.h"

namespace pyvm::codecs {

enum class Err {
  kStrict,
  kIgnore,
  kReplace,
  kBackslash,
  kSurrogateEscape,
  kSurrogatePass,
  kXmlCharRef,
  kNameReplace,
  kCustom  // any other name: looked up in the registry when an error happens
};
Err lookup_errors(const char* name);

// What a decoder knows when it hits an error. `family` tells surrogatepass how surrogates are spelt
// (kUtf8, kUtf16Le/Be, kUtf32Le/Be; anything else: surrogatepass acts like strict).
struct DecodeCtx {
  const char* encoding;
  Codec family;
  Err err;
  const char* errors;
  const char* data;
  ssize len;
};
// Handles the undecodable bytes [start, end) and appends the replacement to b. Returns the position to resume at,
// or -1 with an error set.
ssize decode_err(const DecodeCtx& c, ssize start, ssize end, const char* reason, StrBuilder& b);
std::nullptr_t raise_decode(const DecodeCtx& c, ssize start, ssize end, const char* reason);

struct EncodeCtx {
  const char* encoding;
  Codec family;
  Err err;
  const char* errors;
  Object* s;  // the str being encoded (borrowed)
};
// A handler's answer: a replacement str (chars) or bytes (is_bytes), and where to resume.
struct EncodeRep {
  bool is_bytes = false;
  std::string bytes;
  std::u32string chars;
  ssize newpos = 0;
};
// Handles the unencodable characters [start, end). Returns false with an error set.
bool encode_err(const EncodeCtx& c, ssize start, ssize end, const char* reason, EncodeRep* rep);
std::nullptr_t raise_encode(const EncodeCtx& c, ssize start, ssize end, const char* reason);

void put_utf8(std::string& out, uint32_t ch);

}  // namespace pyvm::codecs

namespace pyvm::codecs {
// str_codecs_escape.cc: unicode_escape (raw false) and raw_unicode_escape (raw true).
[[nodiscard]] Object* decode_escape(const char* data, ssize len, const char* errors, bool final, ssize* consumed,
                                    bool raw);
[[nodiscard]] Object* encode_escape(Object* s, bool raw);
}  // namespace pyvm::codecs
