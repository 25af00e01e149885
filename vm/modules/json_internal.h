// Shared pieces of the _json module: json_module.cc (scanstring, Scanner, the string encoders) and
// json_encoder.cc (Encoder).
#pragma once

#include <string>
#include <vector>

#include "objects/object.h"

namespace pyvm::json {

// encode_basestring_ascii(s) / encode_basestring(s) for a str `s` (any subclass): the quoted JSON text.
[[nodiscard]] Object* encode_string(Object* s, bool ascii);
// Appends the ASCII-only JSON text of the str `s` (quotes included) to `out`.
void encode_ascii_into(Object* s, std::string* out);
// The built-in functions above, so the encoder can recognise them and call encode_string directly.
bool is_ascii_encoder(Object* f);
bool is_unicode_encoder(Object* f);

extern Type encoder_type;  // _json.Encoder (make_encoder)

// A (tuple, dict) call converted to the vectorcall form, for the types' tp_new and tp_call.
struct VectorArgs {
  std::vector<Object*> argv;
  ORef kwnames;
  std::vector<ORef> keep;  // the keyword values (argv borrows them)
  ssize nargs = 0;
  [[nodiscard]] bool init(Object* args, Object* kwds);
};

}  // namespace pyvm::json
