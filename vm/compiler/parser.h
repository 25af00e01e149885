// Parsing Python 3.13 source into the AST of ast.h, with CPython's SyntaxError messages and positions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vm/compiler/arena.h"
#include "vm/compiler/ast.h"
#include "vm/compiler/tokenizer.h"

namespace pyvm::compiler {

enum class ParseMode : uint8_t {
  kFile,  // a module ("exec"): Module
  kEval,  // an expression ("eval"): Expression
};

struct ParseResult {
  Mod* mod = nullptr;                       // null when the source has a syntax error
  SyntaxErrorInfo error;                    // set when mod is null
  std::vector<SyntaxWarningInfo> warnings;  // in the order CPython emits them
};

// Parses `source`, which must come from decode_source() or normalize_newlines(). The AST is allocated in `arena`
// and may point into `source`: both must outlive it.
// `feature_version` is the minor version of Python 3 whose grammar to accept (ast.parse(feature_version=...)):
// newer constructs are SyntaxErrors "... only supported in Python 3.N and greater", as CPython's CHECK_VERSION.
ParseResult parse(std::string_view source, ParseMode mode, Arena& arena, int feature_version = 13);

// Decodes source bytes (BOM, coding cookie, newlines) into *storage and parses them; *storage must outlive the AST.
ParseResult parse_bytes(std::string_view bytes, ParseMode mode, Arena& arena, std::string* storage,
                        int feature_version = 13);

// Where the parser reads the limit on the digits of a decimal int literal (sys.get_int_max_str_digits(), 0 for
// none), as CPython's parser does when it converts the literal. The runtime installs its getter (compile.cc); the
// parser alone (parse_dump, its tests) uses CPython's default, 4300.
void set_int_max_str_digits_getter(int (*getter)());

}  // namespace pyvm::compiler
