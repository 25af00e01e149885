// The Python 3.13 tokenizer: decoded source in, tokens out, with CPython's error messages and positions.
//
// It follows the behaviour of CPython's lexer closely (line-at-a-time reading, INDENT/DEDENT, implicit and
// explicit line joining, f-string modes per PEP 701) because error positions depend on exactly where the
// lexer stands when it fails. Tokens carry byte offsets into the source buffer; no token text is copied.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vm/compiler/token.h"

namespace pyvm::compiler {

// A syntax error as CPython reports it: the exception type, message and positions (1-based lines, 1-based
// character offsets; end_offset 0 or -1 where CPython gives those).
struct SyntaxErrorInfo {
  // kMemoryError and kRecursionError are the compiler's resource limits (parser stack, AST depth): CPython raises
  // those types with the bare message, no position.
  enum class Type : uint8_t { kSyntaxError, kIndentationError, kTabError, kMemoryError, kRecursionError };
  Type type = Type::kSyntaxError;
  std::string msg;
  int lineno = 0, offset = 0, end_lineno = 0, end_offset = 0;
  // SyntaxError.text when it is not the source line at lineno (check_file_source: the line up to a NUL byte).
  bool has_text = false;
  std::string text;

  const char* type_name() const;
};

// A SyntaxWarning the compiler reports (CPython prints "file:lineno: SyntaxWarning: msg").
struct SyntaxWarningInfo {
  std::string msg;
  int lineno = 0;
};

// Turns source bytes into what the tokenizer reads: honours a UTF-8 BOM and a PEP 263 coding cookie on the first
// two lines (UTF-8, Latin-1, ASCII and the common single-byte code pages), translates \r\n and \r to \n, and
// appends a final newline if missing, as CPython does for exec input. Returns false (with *err) for undecodable
// input. UTF-8 source is not validated here: like CPython, the tokenizer and the parser check identifiers and
// string literals, and comments may hold any bytes.
bool decode_source(std::string_view bytes, std::string* out, SyntaxErrorInfo* err);

// The checks CPython's file tokenizer makes when it runs a program file (`python FILE.py`), which reads the file
// line by line instead of decoding it whole: a NUL byte is "source code cannot contain null bytes" at its line,
// with the line up to the NUL as the text; without a coding cookie, any byte that is not UTF-8 (comments included)
// is "Non-UTF-8 code starting with ..."; a cookie's problems are "encoding problem: ...". Errors with no position
// have lineno -1 (a bare SyntaxError(msg)). `filename` is the program's path as the message shows it.
bool check_file_source(std::string_view bytes, std::string_view filename, SyntaxErrorInfo* err);

// The same normalisation for text that is already UTF-8 (compile() of a str: the cookie is ignored).
std::string normalize_newlines(std::string_view utf8);

// What stopped the tokenizer (CPython's tok->done).
enum class TokDone : uint8_t {
  kOk,
  kEof,       // end of input reached (not an error by itself)
  kError,     // a SyntaxError was recorded in error()
  kDedent,    // unindent does not match any outer indentation level
  kTabSpace,  // inconsistent use of tabs and spaces
  kTooDeep,   // too many levels of indentation
  kLineCont,  // unexpected character after line continuation character
  kDecode,    // an identifier is not valid UTF-8 (error().msg holds the codec's message)
  kInput,     // the end of the source was reached after set_input_error_at_end()
};

class Tokenizer {
 public:
  // `source` must come from decode_source/normalize_newlines (ends with '\n'); it must outlive the tokenizer.
  explicit Tokenizer(std::string_view source);

  // Produces the next token into *t and returns its kind. After an ERRORTOKEN, done() says why; when it is
  // kError, error() holds the exception. ENDMARKER is returned again at the end.
  Tok next(Token* t);

  std::string_view source() const { return std::string_view(buf_, end_ - buf_); }
  std::string_view text(const Token& t) const { return std::string_view(buf_ + t.start, t.end - t.start); }

  // The _tokenize module's mode (CPython's tok_extra_tokens): COMMENT and NL tokens, INDENT and DEDENT with text
  // and positions, and none of the checks that only the parser needs (identifier characters, number endings,
  // leading zeros, bracket matching).
  void set_extra_tokens() { extra_tokens_ = true; }
  // Reaching the end of the source is an error (done() == kInput) instead of EOF: the caller could not read the
  // input beyond it (CPython's readline raised, or the next line holds a null byte).
  void set_input_error_at_end() { input_error_at_end_ = true; }

  TokDone done() const { return done_; }
  const SyntaxErrorInfo& error() const { return error_; }

  // Lexer state that CPython's parser consults when it reports errors.
  int lineno() const { return lineno_; }
  uint32_t cur_offset() const { return static_cast<uint32_t>(cur_ - buf_); }
  uint32_t line_start_offset() const { return static_cast<uint32_t>(line_start_ - buf_); }
  // The end of the current line (after its newline), where the last string token started its first line, and
  // the start of what CPython's line-reading tokenizer would still hold in its buffer (the lines since the last
  // token boundary; used for the text and offset of its indentation and end-of-file errors).
  uint32_t line_end_offset() const { return static_cast<uint32_t>(inp_ - buf_); }
  uint32_t multi_line_start_offset() const { return static_cast<uint32_t>(multi_line_start_ - buf_); }
  uint32_t buffer_start_offset() const { return static_cast<uint32_t>(buf_start_ - buf_); }
  int level() const { return level_; }
  char paren_char(int i) const { return paren_stack_[i]; }
  int paren_lineno(int i) const { return paren_lineno_[i]; }
  int paren_col(int i) const { return paren_col_[i]; }
  int mode_depth() const { return mode_index_; }
  // The debug text ('=' specifier) with index `i` (Token::debug_text - 1).
  std::string_view debug_text(uint32_t i) const { return debug_texts_[i]; }

  // The line `lineno` of the source without its newline (for error offsets).
  std::string_view line_text(int lineno) const;

  // Where to append warnings (invalid number endings, escapes before braces in f-strings); null: none.
  void set_warnings(std::vector<SyntaxWarningInfo>* w) { warnings_ = w; }
  void warn(std::string msg) {
    if (warnings_) warnings_->push_back(SyntaxWarningInfo{std::move(msg), lineno_});
  }

 private:
  static constexpr int kEOF = -1;
  static constexpr int kMaxIndent = 100;
  static constexpr int kMaxLevel = 200;
  static constexpr int kMaxFStringLevel = 150;
  static constexpr int kMaxExprNesting = 3;

  struct Mode {
    bool fstring_kind = false;  // false: regular tokens; true: inside an f-string's literal part
    bool in_fstring = false;    // this entry belongs to an f-string (index > 0)
    char quote = 0;
    int quote_size = 0;
    bool raw = false;
    bool in_format_spec = false;
    bool debug = false;
    int curly_depth = 0;
    int expr_start_depth = -1;
    const char* fstring_start = nullptr;
    const char* fstring_multi_line_start = nullptr;
    int fstring_line_start = 0;
    const char* last_expr_start = nullptr;  // just after the '{' of the current replacement field
    const char* last_expr_end = nullptr;    // where its expression ended ('!', ':' or '}'), or null
  };

  int nextc() { return cur_ != inp_ ? static_cast<unsigned char>(*cur_++) : nextc_slow(); }
  int nextc_slow();
  void backup(int c) {
    if (c != kEOF) --cur_;
  }
  Tok make(Token* t, Tok kind, const char* start, const char* end);
  Tok normal_mode(Token* t);
  Tok fstring_mode(Token* t);
  Tok number(Token* t, int c, bool after_dot);
  Tok string(Token* t, int c);
  Tok fstring_start(Token* t, int c);
  bool verify_end_of_number(int c, const char* kind);
  int decimal_tail();
  int continuation_line();
  bool verify_identifier();
  bool lookahead(const char* test);
  Tok syntax_error(const char* msg);
  Tok syntax_error_range(const char* msg, int col_offset, int end_col_offset);
  Tok indent_error();
  void update_fstring_expr(char c);
  void set_fstring_expr(Token* t);
  Mode& mode() { return modes_[mode_index_]; }

  const char* buf_;              // start of the source
  const char* end_;              // end of the source (a NUL follows)
  const char* cur_;              // next character
  const char* inp_;              // end of the current line
  const char* line_start_;       // start of the current line
  const char* start_ = nullptr;  // start of the current token
  int start_col_ = -1;           // its byte column on its first line
  const char* multi_line_start_ = nullptr;
  const char* buf_start_;  // see buffer_start_offset()
  int lineno_ = 0;
  int first_lineno_ = 0;
  TokDone done_ = TokDone::kOk;
  bool atbol_ = true;
  int pendin_ = 0;
  int indent_ = 0;
  int indstack_[kMaxIndent];
  int altindstack_[kMaxIndent];
  int level_ = 0;
  char paren_stack_[kMaxLevel];
  int paren_lineno_[kMaxLevel];
  int paren_col_[kMaxLevel];
  bool cont_line_ = false;
  bool nonascii_ = false;  // the NAME being made has non-ASCII characters
  bool extra_tokens_ = false;
  bool input_error_at_end_ = false;
  bool comment_newline_ = false;  // extra tokens: a comment on a blank line was returned; its newline is an NL
  Mode modes_[kMaxFStringLevel];
  int mode_index_ = 0;
  SyntaxErrorInfo error_;
  std::vector<std::string> debug_texts_;
  std::vector<SyntaxWarningInfo>* warnings_ = nullptr;
};

}  // namespace pyvm::compiler
