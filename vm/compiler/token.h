// Token kinds (from tokens.def) and the token record the tokenizer hands to the parser.
#pragma once

#include <cstdint>
#include <string_view>

namespace pyvm::compiler {

// Enumerators keep CPython's token names (LPAR, NEWLINE ...) so that they read like Grammar/Tokens.
enum class Tok : uint8_t {
#define TOKEN(name, spelling) name,
#define KEYWORD(name, spelling) name,
#include "vm/compiler/tokens.def"
  kCount
};

constexpr int kTokCount = static_cast<int>(Tok::kCount);

// The name of a kind as CPython's token.tok_name spells it ("LPAR"); keywords give "NAME".
const char* tok_name(Tok t);
// The source spelling of an operator or keyword ("(", "if"); "" for the other kinds.
const char* tok_spelling(Tok t);
inline bool is_keyword(Tok t) { return t >= Tok::KW_FALSE && t < Tok::kCount; }

// The keyword kind for an identifier's text, or Tok::NAME.
Tok keyword_kind(std::string_view s);

// Longest operator at `p` (which must have at least 3 readable bytes or a NUL before the end); returns its length
// (0 when `p` starts no operator) and stores the kind.
int match_operator(const char* p, Tok* kind);

struct Token {
  Tok kind = Tok::ENDMARKER;
  bool nonascii = false;  // a NAME with non-ASCII characters (to be NFKC-normalised)
  // Set on a '}' '!' or ':' token that ends an f-string replacement field whose expression has the '=' debug
  // specifier: the index+1 of the debug text in Tokenizer::debug_texts() (0: none).
  uint32_t debug_text = 0;
  // Byte offsets of the token's text in the (decoded, newline-normalised) source buffer.
  uint32_t start = 0, end = 0;
  // Positions as CPython's parser sees them: 1-based lines, 0-based UTF-8 byte columns; col_offset is -1 for
  // tokens without text (INDENT, DEDENT, ENDMARKER), as in CPython.
  int32_t lineno = 0, col_offset = -1, end_lineno = 0, end_col_offset = -1;
  // The bracket nesting level after the token (CPython's token->level).
  int32_t level = 0;
  // The parser's memo list for rules starting at this token.
  void* memo = nullptr;
};

}  // namespace pyvm::compiler
