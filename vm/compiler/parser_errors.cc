// Raising syntax errors the way CPython's pegen_errors.c does: which token or node gives the position, how byte
// columns become character offsets, and how tokenizer errors found later in the file take precedence.
#include <fmt/format.h>

#include "vm/compiler/parser_impl.h"
#include "vm/compiler/unicode.h"

namespace pyvm::compiler {

namespace {
// CPython's CURRENT_POS: "wherever the tokenizer is now".
constexpr int kCurrentPos = -5;
}  // namespace

int Parser::byte_to_char_offset(int lineno, int col_offset) {
  // CPython takes the line from the tokenizer's current buffer (with its newline) when the error is on the line
  // being read, and from the source otherwise (without the newline), then decodes its first col_offset bytes.
  // CPython decodes the line with the "replace" handler and re-encodes it before counting, so an invalid byte
  // counts as the three bytes of U+FFFD.
  std::string replaced = utf8_replace_invalid(tokenizer_.line_text(lineno));
  std::string_view line = replaced;
  bool with_newline = lineno >= tokenizer_.lineno();
  long len = static_cast<long>(line.size()) + (with_newline ? 1 : 0);
  long col = col_offset;
  if (col > len + 1) col = len + 1;
  if (col < 0) col = 0;
  long take = col < static_cast<long>(line.size()) ? col : static_cast<long>(line.size());
  long n = utf8_count_replace(line.substr(0, take));
  if (col > static_cast<long>(line.size())) n += col - static_cast<long>(line.size());  // the newline and/or NUL
  return static_cast<int>(n);
}

void* Parser::raise_error_known_location(SyntaxErrorInfo::Type type, int lineno, int col_offset, int end_lineno,
                                         int end_col_offset, std::string msg) {
  if (error_ && has_exception_) return nullptr;
  error_ = true;
  if (end_lineno == kCurrentPos) end_lineno = tokenizer_.lineno();
  if (end_col_offset == kCurrentPos) {
    end_col_offset = static_cast<int>(tokenizer_.cur_offset() - tokenizer_.line_start_offset());
  }
  int col_number = byte_to_char_offset(lineno, col_offset);
  int end_col_number = end_col_offset;
  if (end_col_offset > 0) end_col_number = byte_to_char_offset(lineno, end_col_offset);
  err_.type = type;
  err_.msg = std::move(msg);
  err_.lineno = lineno;
  err_.offset = col_number;
  err_.end_lineno = end_lineno;
  err_.end_offset = end_col_number;
  has_exception_ = true;
  return nullptr;
}

// _PyPegen_raise_error: at the last token read (or the one at the mark), or where the tokenizer stands when that
// token has no position.
static void* raise_error_impl(Parser* p, SyntaxErrorInfo::Type type, bool use_mark, std::string msg) {
  if (p->failed() && p->has_exception_) return nullptr;
  if (p->fill() == 0) return p->raise_error_known_location(type, 0, 0, 0, -1, std::move(msg));
  if (use_mark && p->mark_ == p->fill() && !p->peek()) {
    p->error_ = true;
    return nullptr;
  }
  Token* t = p->known_err_token_ ? p->known_err_token_ : p->tok(use_mark ? p->mark_ : p->fill() - 1);
  int col_offset;
  int end_col_offset = -1;
  if (t->col_offset == -1) {
    col_offset = static_cast<int>(p->tokenizer_.cur_offset() - p->tokenizer_.line_start_offset());
  } else {
    col_offset = t->col_offset + 1;
  }
  if (t->end_col_offset != -1) end_col_offset = t->end_col_offset + 1;
  return p->raise_error_known_location(type, t->lineno, col_offset, t->end_lineno, end_col_offset, std::move(msg));
}

void* Parser::raise_syntax_error(std::string msg) {
  return raise_error_impl(this, SyntaxErrorInfo::Type::kSyntaxError, false, std::move(msg));
}

void* Parser::raise_indentation_error(std::string msg) {
  return raise_error_impl(this, SyntaxErrorInfo::Type::kIndentationError, false, std::move(msg));
}

void* Parser::raise_syntax_error_on_next_token(std::string msg) {
  return raise_error_impl(this, SyntaxErrorInfo::Type::kSyntaxError, true, std::move(msg));
}

void* Parser::raise_error_at_token(SyntaxErrorInfo::Type type, const Token* t, std::string msg) {
  return raise_error_known_location(type, t->lineno, t->col_offset + 1, t->end_lineno, t->end_col_offset + 1,
                                    std::move(msg));
}

void* Parser::raise_known_location(const Loc& a, std::string msg) {
  return raise_error_known_location(SyntaxErrorInfo::Type::kSyntaxError, a.lineno, a.col_offset + 1, a.end_lineno,
                                    a.end_col_offset + 1, std::move(msg));
}

void* Parser::raise_known_range(const Loc& a, const Loc& b, std::string msg) {
  return raise_error_known_location(SyntaxErrorInfo::Type::kSyntaxError, a.lineno, a.col_offset + 1, b.end_lineno,
                                    b.end_col_offset + 1, std::move(msg));
}

void* Parser::raise_starting_from(const Loc& a, std::string msg) {
  return raise_error_known_location(SyntaxErrorInfo::Type::kSyntaxError, a.lineno, a.col_offset + 1, kCurrentPos,
                                    kCurrentPos, std::move(msg));
}

Expr* Parser::invalid_target(Expr* e, Targets type) {
  if (!e) return nullptr;
  switch (e->kind) {
    case ExprKind::List:
    case ExprKind::Tuple: {
      Exprs elts = e->kind == ExprKind::List ? e->v.List.elts : e->v.Tuple.elts;
      for (Expr* x : elts) {
        Expr* c = invalid_target(x, type);
        if (c) return c;
      }
      return nullptr;
    }
    case ExprKind::Starred:
      if (type == Targets::kDel) return e;
      return invalid_target(e->v.Starred.value, type);
    case ExprKind::Compare:
      // `for a in b`: the target was parsed as a comparison; look at its left side.
      if (type == Targets::kFor) {
        if (e->v.Compare.ops[0] == CmpOpKind::In) return invalid_target(e->v.Compare.left, type);
        return nullptr;
      }
      return e;
    case ExprKind::Name:
    case ExprKind::Subscript:
    case ExprKind::Attribute:
      return nullptr;
    default:
      return e;
  }
}

void* Parser::raise_invalid_target(Targets type, Expr* e) {
  Expr* t = invalid_target(e, type);
  if (!t) return nullptr;
  const char* verb = type == Targets::kDel ? "cannot delete" : "cannot assign to";
  return raise_known_location(t->loc, fmt::format("{} {}", verb, expr_description(t)));
}

void Parser::raise_unclosed_parentheses_error() {
  int level = tokenizer_.level();
  int lineno = tokenizer_.paren_lineno(level - 1);
  int col = tokenizer_.paren_col(level - 1);
  raise_error_known_location(SyntaxErrorInfo::Type::kSyntaxError, lineno, col + 1, lineno, 0,
                             fmt::format("'{}' was never closed", tokenizer_.paren_char(level - 1)));
}

// _Pypegen_tokenizer_error: turns the tokenizer's failure into the exception.
void Parser::tokenizer_error() {
  error_ = true;
  if (has_exception_) return;
  using Type = SyntaxErrorInfo::Type;
  Type type = Type::kSyntaxError;
  const char* msg = nullptr;
  int col_offset = -1;
  switch (tokenizer_.done()) {
    case TokDone::kError:
      err_ = tokenizer_.error();
      has_exception_ = true;
      return;
    case TokDone::kEof:
      if (tokenizer_.level()) {
        raise_unclosed_parentheses_error();
      } else {
        raise_syntax_error("unexpected EOF while parsing");
      }
      return;
    case TokDone::kDedent:
      raise_indentation_error("unindent does not match any outer indentation level");
      return;
    case TokDone::kDecode:
      raise_syntax_error("(unicode error) " + tokenizer_.error().msg);
      return;
    case TokDone::kTabSpace:
      type = Type::kTabError;
      msg = "inconsistent use of tabs and spaces in indentation";
      break;
    case TokDone::kTooDeep:
      type = Type::kIndentationError;
      msg = "too many levels of indentation";
      break;
    case TokDone::kLineCont:
      col_offset = static_cast<int>(tokenizer_.cur_offset() - tokenizer_.line_start_offset()) - 1;
      msg = "unexpected character after line continuation character";
      break;
    default:
      msg = "unknown parsing error";
      break;
  }
  raise_error_known_location(type, tokenizer_.lineno(), (col_offset >= 0 ? col_offset : 0) + 1, tokenizer_.lineno(), 0,
                             msg);
}

// _PyPegen_tokenize_full_source_to_check_for_errors: tokenizer errors later in the file replace a parser error,
// and so does an unclosed bracket opened before the error's line.
void Parser::tokenize_full_source_to_check_for_errors() {
  SyntaxErrorInfo saved = err_;
  bool had = has_exception_;
  Token* current = known_err_token_ ? known_err_token_ : tok(fill_ - 1);
  int current_err_line = current->lineno;
  has_exception_ = false;
  tokenizer_.set_warnings(nullptr);
  for (;;) {
    Token t;
    Tok k = tokenizer_.next(&t);
    if (k == Tok::ERRORTOKEN) {
      if (tokenizer_.done() == TokDone::kError) {
        err_ = tokenizer_.error();
        has_exception_ = true;
        break;
      }
      if (tokenizer_.level() != 0) {
        int error_lineno = tokenizer_.paren_lineno(tokenizer_.level() - 1);
        if (current_err_line > error_lineno) raise_unclosed_parentheses_error();
      }
      break;
    }
    if (k == Tok::ENDMARKER) break;
  }
  // A new error wins, except inside an f-string, where the error in the expression part should be kept.
  if (!(has_exception_ && tokenizer_.mode_depth() <= 0)) {
    err_ = saved;
    has_exception_ = had;
  }
}

void Parser::set_syntax_error(int last_token) {
  if (has_exception_) {
    bool tok_ok = tokenizer_.done() == TokDone::kOk;
    if (tok_ok) tokenize_full_source_to_check_for_errors();
    return;
  }
  if (fill_ == 0) {
    raise_syntax_error("error at start before reading any input");
    return;
  }
  Token* lt = tok(last_token);
  if (lt->kind == Tok::ERRORTOKEN && tokenizer_.done() == TokDone::kEof) {
    if (tokenizer_.level()) {
      raise_unclosed_parentheses_error();
    } else {
      raise_syntax_error("unexpected EOF while parsing");
    }
    return;
  }
  if (lt->kind == Tok::INDENT || lt->kind == Tok::DEDENT) {
    raise_indentation_error(lt->kind == Tok::INDENT ? "unexpected indent" : "unexpected unindent");
    return;
  }
  raise_error_at_token(SyntaxErrorInfo::Type::kSyntaxError, lt, "invalid syntax");
  tokenize_full_source_to_check_for_errors();
}

}  // namespace pyvm::compiler
