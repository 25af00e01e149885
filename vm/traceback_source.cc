// Source lines and caret lines for tracebacks: reads the lines an instruction spans, dedents them, decides with a
// small expression scanner whether and where to draw `~` and `^` (binary operators, subscripts and calls get
// anchors), and lays them out the way CPython 3.13's traceback module does.
#include "vm/traceback_source.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace pyvm {
namespace {

using U32 = std::u32string;

// ---- text helpers (code points, like Python str indexing) ----

U32 decode_utf8(std::string_view s) {
  U32 out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
    char32_t cp = n == 0 ? b : n == 1 ? (b & 0x1f) : n == 2 ? (b & 0x0f) : (b & 0x07);
    bool ok = n >= 0 && i + size_t(n) < s.size();
    for (int k = 1; ok && k <= n; k++) {
      auto c = static_cast<unsigned char>(s[i + size_t(k)]);
      if ((c & 0xc0) != 0x80) ok = false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) {
      out += U'\uFFFD';
      i++;
      continue;
    }
    out += cp;
    i += size_t(n) + 1;
  }
  return out;
}

std::string encode_utf8(const U32& s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    if (c < 0x80) {
      out += char(c);
    } else if (c < 0x800) {
      out += char(0xc0 | (c >> 6));
      out += char(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      out += char(0xe0 | (c >> 12));
      out += char(0x80 | ((c >> 6) & 0x3f));
      out += char(0x80 | (c & 0x3f));
    } else {
      out += char(0xf0 | (c >> 18));
      out += char(0x80 | ((c >> 12) & 0x3f));
      out += char(0x80 | ((c >> 6) & 0x3f));
      out += char(0x80 | (c & 0x3f));
    }
  }
  return out;
}

bool is_space(char32_t c) {
  return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

U32 rstrip(const U32& s) {
  size_t e = s.size();
  while (e > 0 && is_space(s[e - 1])) e--;
  return s.substr(0, e);
}

size_t lstrip_len(const U32& s) {
  size_t a = 0;
  while (a < s.size() && is_space(s[a])) a++;
  return a;
}

bool is_ascii(const U32& s) {
  return std::all_of(s.begin(), s.end(), [](char32_t c) { return c < 0x80; });
}

// East Asian Wide and Fullwidth characters take two columns on a terminal.
// TODO(unicode-data): use the generated EastAsianWidth table once it exists; these are its main W/F blocks.
bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff) ||
         (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
         (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
         (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
         (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x2fffd) || (c >= 0x30000 && c <= 0x3fffd);
}

// The terminal width of line[:offset] (an ASCII line counts offset itself, even past its end).
long display_width(const U32& line, long offset) {
  if (is_ascii(line)) return offset;
  long w = 0;
  for (long i = 0; i < offset && i < long(line.size()); i++) w += is_wide(line[size_t(i)]) ? 2 : 1;
  return w;
}

// The number of characters in the first `offset` UTF-8 bytes of `line` (a cut multi-byte sequence counts as one).
long byte_to_char_offset(const std::string& line, long offset) {
  if (offset <= 0) return 0;
  return long(decode_utf8(std::string_view(line).substr(0, size_t(std::min<long>(offset, long(line.size()))))).size());
}

// textwrap.dedent over lines that have no trailing whitespace: removes the longest common [ \t]* prefix of the
// non-blank lines.
std::vector<U32> dedent(const std::vector<U32>& lines) {
  std::optional<U32> margin;
  for (const U32& l : lines) {
    size_t k = 0;
    while (k < l.size() && (l[k] == ' ' || l[k] == '\t')) k++;
    if (k == l.size()) continue;  // blank
    U32 indent = l.substr(0, k);
    if (!margin) {
      margin = indent;
    } else {
      size_t j = 0;
      while (j < margin->size() && j < indent.size() && (*margin)[j] == indent[j]) j++;
      margin->resize(j);
    }
  }
  std::vector<U32> out;
  for (const U32& l : lines) {
    size_t k = 0;
    while (k < l.size() && (l[k] == ' ' || l[k] == '\t')) k++;
    if (k == l.size()) {
      out.emplace_back();
    } else {
      out.push_back(l.substr(margin ? margin->size() : 0));
    }
  }
  return out;
}

// ---- a scanner for Python expressions, enough to find what CPython's ast would find ----

struct Pos {
  int line = 0;
  long col = 0;
  bool operator==(const Pos& o) const { return line == o.line && col == o.col; }
};

enum class Tok { kName, kKeyword, kNumber, kString, kOp, kNewline, kEnd };

struct Token {
  Tok kind;
  U32 text;  // names, keywords, operators
  Pos start, end;
};

bool is_name_start(char32_t c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool is_name_char(char32_t c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool is_keyword(const U32& s) {
  static const char* const kKeywords[] = {
      "False", "None",   "True",    "and",      "as",       "assert", "async", "await",  "break",
      "class", "continue", "def",   "del",      "elif",     "else",   "except", "finally", "for",
      "from",  "global", "if",      "import",   "in",       "is",     "lambda", "nonlocal", "not",
      "or",    "pass",   "raise",   "return",   "try",      "while",  "with",   "yield"};
  for (const char* k : kKeywords) {
    std::string_view kv(k);
    if (kv.size() == s.size() && std::equal(kv.begin(), kv.end(), s.begin())) return true;
  }
  return false;
}

bool eq(const U32& a, const char* b) {
  std::string_view bv(b);
  return a.size() == bv.size() && std::equal(bv.begin(), bv.end(), a.begin());
}

// Splits `lines` (already split at '\n') into tokens. Inside brackets, or everywhere when `wrapped` (the text is
// taken as if inside parentheses), line ends are insignificant; otherwise a line end at depth 0 is a kNewline.
class Lexer {
 public:
  Lexer(const std::vector<U32>& lines, bool wrapped) : lines_(lines), wrapped_(wrapped) {}

  bool run(std::vector<Token>* out) {
    while (true) {
      if (!skip_blank(out)) return false;
      if (line_ >= int(lines_.size())) break;
      if (!token(out)) return false;
    }
    out->push_back(Token{Tok::kEnd, {}, here(), here()});
    return depth_ == 0;
  }

 private:
  const std::vector<U32>& lines_;
  bool wrapped_;
  int line_ = 0;
  long col_ = 0;
  int depth_ = 0;

  Pos here() const { return Pos{line_, col_}; }
  bool at_end() const { return line_ >= int(lines_.size()); }
  char32_t peek(long ahead = 0) const {
    if (at_end()) return 0;
    const U32& l = lines_[size_t(line_)];
    long c = col_ + ahead;
    return c < long(l.size()) ? l[size_t(c)] : U'\n';
  }
  void advance() {
    if (at_end()) return;
    if (col_ >= long(lines_[size_t(line_)].size())) {
      line_++;
      col_ = 0;
    } else {
      col_++;
    }
  }

  // Skips spaces, comments, continuations and insignificant line ends; emits significant ones.
  bool skip_blank(std::vector<Token>* out) {
    while (!at_end()) {
      char32_t c = peek();
      if (c == ' ' || c == '\t' || c == '\f') {
        advance();
      } else if (c == '#') {
        col_ = long(lines_[size_t(line_)].size());
      } else if (c == '\\' && peek(1) == '\n') {
        line_++;
        col_ = 0;
      } else if (c == '\n') {
        if (!wrapped_ && depth_ == 0) out->push_back(Token{Tok::kNewline, {}, here(), here()});
        line_++;
        col_ = 0;
      } else {
        return true;
      }
    }
    return true;
  }

  bool token(std::vector<Token>* out) {
    Pos start = here();
    char32_t c = peek();
    if (is_name_start(c)) {
      U32 name;
      while (is_name_char(peek()) && peek() != '\n') {
        name += peek();
        advance();
      }
      if ((peek() == '"' || peek() == '\'') && is_string_prefix(name)) return string(out, start, name);
      out->push_back(Token{is_keyword(name) ? Tok::kKeyword : Tok::kName, name, start, here()});
      return true;
    }
    if ((c >= '0' && c <= '9') || (c == '.' && peek(1) >= '0' && peek(1) <= '9')) {
      bool hex = c == '0' && (peek(1) == 'x' || peek(1) == 'X');
      char32_t prev = 0;
      while (true) {
        char32_t d = peek();
        bool sign = (d == '+' || d == '-') && (prev == 'e' || prev == 'E') && !hex;
        if (!(is_name_char(d) || d == '.' || sign) || d == '\n') break;
        prev = d;
        advance();
      }
      out->push_back(Token{Tok::kNumber, {}, start, here()});
      return true;
    }
    if (c == '"' || c == '\'') return string(out, start, U32());
    static const char* const kOps[] = {"**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>",
                                       "<=",  ">=",  "==",  "!=",  "+=",  "-=", "*=", "/=", "%=", "&=", "|=",
                                       "^=",  "@="};
    for (const char* op : kOps) {
      std::string_view ov(op);
      bool match = true;
      for (size_t k = 0; k < ov.size(); k++)
        if (peek(long(k)) != char32_t(ov[k])) match = false;
      if (match) {
        for (size_t k = 0; k < ov.size(); k++) advance();
        out->push_back(Token{Tok::kOp, U32(ov.begin(), ov.end()), start, here()});
        return true;
      }
    }
    if (c == '(' || c == '[' || c == '{') depth_++;
    if (c == ')' || c == ']' || c == '}') {
      if (depth_ == 0) return false;
      depth_--;
    }
    if (std::u32string_view(U"()[]{}+-*/%@&|^~<>=.,:;!").find(c) == std::u32string_view::npos) return false;
    advance();
    out->push_back(Token{Tok::kOp, U32(1, c), start, here()});
    return true;
  }

  static bool is_string_prefix(const U32& p) {
    if (p.size() > 2) return false;
    int r = 0, b = 0, f = 0, u = 0;
    for (char32_t ch : p) {
      if (ch == 'r' || ch == 'R') r++;
      else if (ch == 'b' || ch == 'B') b++;
      else if (ch == 'f' || ch == 'F') f++;
      else if (ch == 'u' || ch == 'U') u++;
      else return false;
    }
    if (r > 1 || b > 1 || f > 1 || u > 1) return false;
    if (u && p.size() > 1) return false;
    return !(b && f);
  }

  // A string literal (the quote is at the cursor); f-strings have their replacement fields scanned as tokens.
  bool string(std::vector<Token>* out, Pos start, const U32& prefix) {
    bool raw = false, fstr = false;
    for (char32_t ch : prefix) {
      if (ch == 'r' || ch == 'R') raw = true;
      if (ch == 'f' || ch == 'F') fstr = true;
    }
    char32_t q = peek();
    bool triple = peek(1) == q && peek(2) == q;
    for (int k = 0; k < (triple ? 3 : 1); k++) advance();
    if (!body(q, triple, raw, fstr, false)) return false;
    out->push_back(Token{Tok::kString, {}, start, here()});
    return true;
  }

  // The body of a string up to and including its closing quote. In a format spec (`spec`), a '}' ends it instead.
  bool body(char32_t q, bool triple, bool raw, bool fstr, bool spec) {
    while (!at_end()) {
      char32_t c = peek();
      if (c == '\n') {
        if (!triple && !spec) return false;
        advance();
        continue;
      }
      if (spec && c == '}') return true;
      if (!spec && c == q && (!triple || (peek(1) == q && peek(2) == q))) {
        for (int k = 0; k < (triple ? 3 : 1); k++) advance();
        return true;
      }
      if (c == '\\') {
        advance();
        if (!raw || peek() != '{') advance();
        continue;
      }
      if (fstr && c == '{') {
        if (peek(1) == '{' && !spec) {
          advance();
          advance();
          continue;
        }
        advance();
        if (!replacement_field(q, triple, raw)) return false;
        continue;
      }
      if (fstr && !spec && c == '}' && peek(1) == '}') {
        advance();
        advance();
        continue;
      }
      advance();
    }
    return false;
  }

  // After the '{' of an f-string replacement field: the expression's tokens, an optional conversion and format spec,
  // and the closing '}'.
  bool replacement_field(char32_t q, bool triple, bool raw) {
    int saved_depth = depth_;
    depth_ = 1;  // inside braces: line ends are insignificant
    std::vector<Token> inner;
    while (true) {
      if (!skip_blank(&inner) || at_end()) return false;
      char32_t c = peek();
      if (depth_ == 1 && c == '}') {
        advance();
        break;
      }
      if (depth_ == 1 && (c == ':' || (c == '!' && peek(1) != '='))) {
        if (c == '!') {
          advance();
          while (is_name_char(peek())) advance();
          if (peek() != ':') continue;
        }
        advance();
        if (!body(q, triple, raw, true, true)) return false;
        advance();  // the '}'
        break;
      }
      if (!token(&inner)) return false;
    }
    depth_ = saved_depth;
    return true;
  }
};

// An expression node: its kind and position as CPython's ast gives them (`start`/`end`), the extent with any
// enclosing parentheses (`ostart`/`oend`), and the children that anchors need.
struct Node {
  enum Kind { kName, kCall, kSubscript, kBinOp, kOther } kind = kOther;
  Pos start, end, ostart, oend;
  Pos left_end;     // BinOp: left operand's end; Subscript: value's end; Call: func's end
  Pos right_start;  // BinOp: right operand's start
  bool func_is_name = false;
};

class Parser {
 public:
  explicit Parser(const std::vector<Token>& toks) : t_(toks) {}
  size_t pos() const { return i_; }
  const Token& cur() const { return t_[i_]; }
  bool is_op(const char* s) const { return cur().kind == Tok::kOp && eq(cur().text, s); }
  bool is_kw(const char* s) const { return cur().kind == Tok::kKeyword && eq(cur().text, s); }

  // namedexpr_test (with a leading '*' allowed): one element of a parenthesised expression.
  std::optional<Node> named() {
    if (is_op("*")) {
      Pos s = cur().start;
      i_++;
      auto e = bitor_();
      if (!e) return std::nullopt;
      return other(s, e->oend);
    }
    auto e = test();
    if (!e) return std::nullopt;
    if (is_op(":=")) {
      i_++;
      auto v = test();
      if (!v) return std::nullopt;
      return other(e->ostart, v->oend);
    }
    return e;
  }

  std::optional<Node> test() {
    if (is_kw("lambda")) {
      Pos s = cur().start;
      int depth = 0;
      while (cur().kind != Tok::kEnd && !(depth == 0 && is_op(":"))) {
        if (is_op("(") || is_op("[") || is_op("{")) depth++;
        if (is_op(")") || is_op("]") || is_op("}")) depth--;
        i_++;
      }
      if (!is_op(":")) return std::nullopt;
      i_++;
      auto body = test();
      if (!body) return std::nullopt;
      return other(s, body->oend);
    }
    auto e = or_();
    if (!e) return std::nullopt;
    if (is_kw("if")) {
      i_++;
      if (!or_() || !is_kw("else")) return std::nullopt;
      i_++;
      auto alt = test();
      if (!alt) return std::nullopt;
      return other(e->ostart, alt->oend);
    }
    return e;
  }

 private:
  const std::vector<Token>& t_;
  size_t i_ = 0;

  static Node other(Pos s, Pos e) {
    Node n;
    n.start = n.ostart = s;
    n.end = n.oend = e;
    return n;
  }

  std::optional<Node> or_() { return boolop("or", &Parser::and_); }
  std::optional<Node> and_() { return boolop("and", &Parser::not_); }
  std::optional<Node> boolop(const char* kw, std::optional<Node> (Parser::*next)()) {
    auto e = (this->*next)();
    if (!e) return std::nullopt;
    while (is_kw(kw)) {
      i_++;
      auto r = (this->*next)();
      if (!r) return std::nullopt;
      e = other(e->ostart, r->oend);
    }
    return e;
  }
  std::optional<Node> not_() {
    if (is_kw("not")) {
      Pos s = cur().start;
      i_++;
      auto e = not_();
      if (!e) return std::nullopt;
      return other(s, e->oend);
    }
    return comparison();
  }
  bool comp_op() {
    for (const char* op : {"<", ">", "==", ">=", "<=", "!="})
      if (is_op(op)) {
        i_++;
        return true;
      }
    if (is_kw("in")) {
      i_++;
      return true;
    }
    if (is_kw("not") && t_[i_ + 1].kind == Tok::kKeyword && eq(t_[i_ + 1].text, "in")) {
      i_ += 2;
      return true;
    }
    if (is_kw("is")) {
      i_++;
      if (is_kw("not")) i_++;
      return true;
    }
    return false;
  }
  std::optional<Node> comparison() {
    auto e = bitor_();
    if (!e) return std::nullopt;
    while (comp_op()) {
      auto r = bitor_();
      if (!r) return std::nullopt;
      e = other(e->ostart, r->oend);
    }
    return e;
  }

  std::optional<Node> bitor_() { return binary(0); }
  std::optional<Node> binary(int level) {
    static const std::vector<std::vector<const char*>> kLevels = {
        {"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "//", "%", "@"}};
    if (level == int(kLevels.size())) return factor();
    auto e = binary(level + 1);
    if (!e) return std::nullopt;
    while (true) {
      bool found = false;
      for (const char* op : kLevels[size_t(level)])
        if (is_op(op)) found = true;
      if (!found) break;
      i_++;
      auto r = binary(level + 1);
      if (!r) return std::nullopt;
      e = binop(*e, *r);
    }
    return e;
  }
  static Node binop(const Node& l, const Node& r) {
    Node n = other(l.ostart, r.oend);
    n.kind = Node::kBinOp;
    n.left_end = l.end;
    n.right_start = r.start;
    return n;
  }
  std::optional<Node> factor() {
    if (is_op("+") || is_op("-") || is_op("~")) {
      Pos s = cur().start;
      i_++;
      auto e = factor();
      if (!e) return std::nullopt;
      return other(s, e->oend);
    }
    return power();
  }
  std::optional<Node> power() {
    std::optional<Node> e;
    if (is_kw("await")) {
      Pos s = cur().start;
      i_++;
      auto p = primary();
      if (!p) return std::nullopt;
      e = other(s, p->oend);
    } else {
      e = primary();
    }
    if (!e) return std::nullopt;
    if (is_op("**")) {
      i_++;
      auto r = factor();
      if (!r) return std::nullopt;
      return binop(*e, *r);
    }
    return e;
  }

  // Skips from an opening bracket to just past its matching closer; returns the closer's end.
  std::optional<Pos> skip_group() {
    int depth = 0;
    while (cur().kind != Tok::kEnd) {
      if (is_op("(") || is_op("[") || is_op("{")) depth++;
      if (is_op(")") || is_op("]") || is_op("}")) {
        depth--;
        if (depth == 0) {
          Pos e = cur().end;
          i_++;
          return e;
        }
      }
      i_++;
    }
    return std::nullopt;
  }

  std::optional<Node> primary() {
    auto a = atom();
    if (!a) return std::nullopt;
    Node e = *a;
    while (true) {
      if (is_op(".")) {
        i_++;
        if (cur().kind != Tok::kName) return std::nullopt;
        Pos end = cur().end;
        i_++;
        e = other(e.ostart, end);
      } else if (is_op("(") || is_op("[")) {
        bool call = is_op("(");
        auto end = skip_group();
        if (!end) return std::nullopt;
        Node n = other(e.ostart, *end);
        n.kind = call ? Node::kCall : Node::kSubscript;
        n.left_end = e.end;
        n.func_is_name = e.kind == Node::kName;
        e = n;
      } else {
        return e;
      }
    }
  }

  std::optional<Node> atom() {
    const Token& t = cur();
    if (t.kind == Tok::kName) {
      i_++;
      Node n = other(t.start, t.end);
      n.kind = Node::kName;
      return n;
    }
    if (t.kind == Tok::kKeyword && (eq(t.text, "None") || eq(t.text, "True") || eq(t.text, "False"))) {
      i_++;
      return other(t.start, t.end);
    }
    if (t.kind == Tok::kNumber || is_op("...")) {
      i_++;
      return other(t.start, t.end);
    }
    if (t.kind == Tok::kString) {
      Pos s = t.start, e = t.end;
      while (cur().kind == Tok::kString) {
        e = cur().end;
        i_++;
      }
      return other(s, e);
    }
    if (is_op("[") || is_op("{")) {
      Pos s = t.start;
      auto e = skip_group();
      if (!e) return std::nullopt;
      return other(s, *e);
    }
    if (is_op("(")) {
      Pos s = t.start;
      size_t open = i_;
      i_++;
      if (is_op(")") || is_kw("yield")) {
        i_ = open;
        auto e = skip_group();
        if (!e) return std::nullopt;
        return other(s, *e);
      }
      auto inner = named();
      if (!inner) return std::nullopt;
      if (is_op(")")) {
        Node n = *inner;
        n.ostart = s;
        n.oend = cur().end;
        i_++;
        return n;
      }
      if (is_op(",") || is_kw("for") || is_kw("async")) {  // a tuple or a generator expression
        i_ = open;
        auto e = skip_group();
        if (!e) return std::nullopt;
        return other(s, *e);
      }
      return std::nullopt;
    }
    return std::nullopt;
  }
};

// Where the secondary carets start and end, relative to the segment's own lines (CPython's _Anchors).
struct Anchors {
  int left_line;
  long left_col;
  int right_line;
  long right_col;
};

std::vector<U32> split_lines(const U32& s) {
  std::vector<U32> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t nl = s.find(U'\n', pos);
    if (nl == U32::npos) {
      if (pos < s.size()) out.push_back(s.substr(pos));
      break;
    }
    out.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

// The anchors of `segment` when it is one binary operation, subscript or call, as CPython's
// _extract_caret_anchors_from_line_segment finds them; nullopt otherwise (or when the text does not scan).
std::optional<Anchors> find_anchors(const U32& segment) {
  std::vector<U32> lines = split_lines(segment);
  std::vector<Token> toks;
  if (!Lexer(lines, true).run(&toks)) return std::nullopt;
  Parser p(toks);
  auto e = p.named();
  if (!e || p.cur().kind != Tok::kEnd) return std::nullopt;
  if (e->kind != Node::kBinOp && e->kind != Node::kSubscript && e->kind != Node::kCall) return std::nullopt;

  bool ok = true;
  auto next_valid = [&](int& ln, long& col) {
    while (ln < int(lines.size()) && col >= long(lines[size_t(ln)].size())) {
      col = 0;
      ln++;
    }
    if (ln >= int(lines.size())) ok = false;
  };
  auto increment_until = [&](int& ln, long& col, auto stop) {
    while (ok) {
      char32_t ch = lines[size_t(ln)][size_t(col)];
      if (ch == '\\' || ch == '#') {
        col = 0;
        ln++;
        next_valid(ln, col);
      } else if (!stop(ch)) {
        col++;
        next_valid(ln, col);
      } else {
        break;
      }
    }
  };
  int ln = e->left_end.line;
  long col = e->left_end.col;
  next_valid(ln, col);
  if (!ok) return std::nullopt;
  if (e->kind == Node::kBinOp) {
    increment_until(ln, col, [](char32_t ch) { return !is_space(ch) && ch != ')'; });
    if (!ok) return std::nullopt;
    long right_col = col + 1;
    const U32& l = lines[size_t(ln)];
    if (right_col < long(l.size()) && (e->right_start.line > ln || right_col < e->right_start.col)) {
      char32_t ch = l[size_t(right_col)];
      if (!is_space(ch) && ch != '\\' && ch != '#') right_col++;
    }
    return Anchors{ln, col, ln, right_col};
  }
  char32_t open = e->kind == Node::kCall ? '(' : '[';
  increment_until(ln, col, [open](char32_t ch) { return ch == open; });
  if (!ok) return std::nullopt;
  return Anchors{ln, col, e->end.line, e->end.col};
}

// CPython's special case: `return f(...)` or `x = anything(...)` whose call is the whole value gets no carets.
bool call_spans_statement(const std::vector<U32>& all_lines, long start_offset, long end_offset) {
  std::vector<Token> toks;
  if (!Lexer(all_lines, false).run(&toks)) return false;
  if (std::all_of(toks.begin(), toks.end(), [](const Token& t) { return t.kind == Tok::kNewline || t.kind == Tok::kEnd; }))
    return true;  // no statement at all (only comments): CPython draws nothing
  size_t skip;
  if (toks.size() > 1 && toks[0].kind == Tok::kKeyword && eq(toks[0].text, "return")) {
    skip = 1;
  } else if (toks.size() > 2 && toks[0].kind == Tok::kName && toks[1].kind == Tok::kOp && eq(toks[1].text, "=")) {
    skip = 2;
  } else {
    return false;
  }
  // Scan the value from its first token.
  std::vector<Token> value(toks.begin() + long(skip), toks.end());
  Parser v(value);
  auto e = v.named();
  if (!e) return false;
  Tok after = v.cur().kind;
  if (!(after == Tok::kEnd || after == Tok::kNewline || (after == Tok::kOp && eq(v.cur().text, ";")))) return false;
  // `return` needs a plain name as the callee; an assignment takes any call.
  if (e->kind != Node::kCall || (skip == 1 && !e->func_is_name)) return false;
  // ast columns are UTF-8 byte offsets; CPython compares them with character offsets as they are.
  std::string first = encode_utf8(all_lines[0].substr(0, size_t(e->start.col)));
  std::string last = encode_utf8(all_lines[size_t(e->end.line)].substr(0, size_t(e->end.col)));
  return e->start.line == 0 && e->end.line == int(all_lines.size()) - 1 && long(first.size()) == start_offset &&
         long(last.size()) == end_offset;
}

// Reads lines [first, last] of a file (1-based), each right-stripped; missing lines are empty (like linecache).
std::mutex g_sources_mu;
std::map<std::string, std::string> g_sources;  // traceback_register_source's texts, guarded by g_sources_mu

std::map<const void*, std::shared_ptr<const std::string>> g_code_sources;  // guarded by g_sources_mu

bool read_lines(const std::string& filename, int first, int last, std::vector<std::string>* out,
                const void* code) {
  std::string line;
  {
    std::lock_guard<std::mutex> g(g_sources_mu);
    const std::string* text = nullptr;
    if (code) {
      auto ct = g_code_sources.find(code);
      if (ct != g_code_sources.end()) text = ct->second.get();
    }
    auto it = g_sources.find(filename);
    if (!text && it != g_sources.end()) text = &it->second;
    if (text) {
      std::istringstream in(*text);
      for (int i = 1; i <= last && std::getline(in, line); i++)
        if (i >= first) out->push_back(line);
      while (int(out->size()) < last - first + 1) out->emplace_back();
      return true;
    }
  }
  std::ifstream in(filename, std::ios::binary);
  if (!in) return false;
  for (int i = 1; i <= last && std::getline(in, line); i++)
    if (i >= first) out->push_back(line);
  while (int(out->size()) < last - first + 1) out->emplace_back();
  return true;
}

}  // namespace

void traceback_register_source(const std::string& filename, std::string text) {
  std::lock_guard<std::mutex> g(g_sources_mu);
  g_sources[filename] = std::move(text);
}

void traceback_register_code_source(const std::vector<const void*>& codes, std::string text) {
  auto shared = std::make_shared<const std::string>(std::move(text));
  std::lock_guard<std::mutex> g(g_sources_mu);
  for (const void* c : codes) g_code_sources[c] = shared;
}

std::string traceback_source_block(const std::string& filename, int lineno, int end_lineno, int col, int end_col,
                                   const void* code) {
  if (lineno < 1 || end_lineno < lineno || end_lineno - lineno > 10000) return {};
  std::vector<std::string> raw;
  if (!read_lines(filename, lineno, end_lineno, &raw, code)) return {};
  std::vector<U32> original;
  for (const std::string& r : raw) original.push_back(rstrip(decode_utf8(r)));
  std::vector<U32> all_lines = dedent(original);
  if (std::all_of(all_lines.begin(), all_lines.end(), [](const U32& l) { return l.empty(); })) return {};

  if (col < 0 || end_col < 0) {
    U32 l = rstrip(original[0]);
    l = l.substr(lstrip_len(l));
    return l.empty() ? std::string("\n") : "    " + encode_utf8(l) + "\n";
  }

  // Character offsets of the instruction, then relative to the dedented lines.
  long start_offset = byte_to_char_offset(encode_utf8(original.front()), col);
  long end_offset = byte_to_char_offset(encode_utf8(original.back()), end_col);
  long dedented = long(original[0].size()) - long(all_lines[0].size());
  start_offset = std::max(0L, start_offset - dedented);
  end_offset = std::max(0L, end_offset - dedented);
  long dp_start = display_width(all_lines.front(), start_offset);
  long dp_end = display_width(all_lines.back(), end_offset);

  // The exact text of the instruction.
  U32 joined;
  for (size_t i = 0; i < all_lines.size(); i++) {
    if (i) joined += U'\n';
    joined += all_lines[i];
  }
  long seg_end = long(joined.size()) - (long(all_lines.back().size()) - end_offset);
  long seg_start = std::min<long>(start_offset, long(joined.size()));
  seg_end = std::clamp<long>(seg_end, 0, long(joined.size()));
  U32 segment = seg_end > seg_start ? joined.substr(size_t(seg_start), size_t(seg_end - seg_start)) : U32();

  std::optional<Anchors> anchors = find_anchors(segment);
  bool show_carets;
  if (call_spans_statement(all_lines, start_offset, end_offset)) {
    show_carets = false;
  } else if (anchors) {
    show_carets = true;
  } else {
    const U32& f = all_lines.front();
    const U32& l = all_lines.back();
    U32 before = f.substr(0, size_t(std::min<long>(start_offset, long(f.size()))));
    U32 after = size_t(end_offset) < l.size() ? l.substr(size_t(end_offset)) : U32();
    show_carets = lstrip_len(before) < before.size() || !rstrip(after).empty();
  }

  int n = int(all_lines.size());
  std::set<int> significant = {0, n - 1};
  long left_off = 0, right_off = 0;
  char32_t primary = '^', secondary = '^';
  if (anchors) {
    left_off = anchors->left_col + (anchors->left_line == 0 ? start_offset : 0);
    right_off = anchors->right_col + (anchors->right_line == 0 ? start_offset : 0);
    left_off = display_width(all_lines[size_t(anchors->left_line)], left_off);
    right_off = display_width(all_lines[size_t(anchors->right_line)], right_off);
    primary = '~';
    secondary = '^';
    for (int d = -1; d <= 1; d++) {
      significant.insert(anchors->left_line + d);
      significant.insert(anchors->right_line + d);
    }
  }
  significant.erase(-1);
  significant.erase(n);

  std::vector<U32> result;
  auto output_line = [&](int ln) {
    const U32& line = all_lines[size_t(ln)];
    result.push_back(line);
    if (!show_carets) return;
    long spaces = long(lstrip_len(line));
    long count = ln == n - 1 ? dp_end : display_width(line, long(line.size()));
    U32 carets;
    for (long c = 0; c < count; c++) {
      if (c < spaces || (ln == 0 && c < dp_start)) {
        carets += U' ';
      } else if (anchors && (ln > anchors->left_line || (ln == anchors->left_line && c >= left_off)) &&
                 (ln < anchors->right_line || (ln == anchors->right_line && c < right_off))) {
        carets += secondary;
      } else {
        carets += primary;
      }
    }
    result.push_back(carets);
  };
  int prev = -1;
  for (int ln : significant) {
    if (prev >= 0) {
      int diff = ln - prev;
      if (diff == 2) {
        output_line(ln - 1);
      } else if (diff > 2) {
        std::string s = fmt::format("...<{} lines>...", diff - 1);
        result.emplace_back(s.begin(), s.end());
      }
    }
    output_line(ln);
    prev = ln;
  }

  std::string out;
  for (const U32& l : dedent(result)) out += "    " + encode_utf8(l) + "\n";
  return out;
}

}  // namespace pyvm
