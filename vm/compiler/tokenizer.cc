// The tokenizer: source decoding (BOM, coding cookie, newlines) and the lexer state machine.
#include "vm/compiler/tokenizer.h"

#include <fmt/format.h>

#include <cstring>

#include "vm/compiler/unicode.h"

namespace pyvm::compiler {

const char* SyntaxErrorInfo::type_name() const {
  switch (type) {
    case Type::kSyntaxError:
      return "SyntaxError";
    case Type::kIndentationError:
      return "IndentationError";
    case Type::kTabError:
      return "TabError";
    case Type::kMemoryError:
      return "MemoryError";
    case Type::kRecursionError:
      return "RecursionError";
  }
  return "SyntaxError";
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding

namespace {

std::string translate_newlines(std::string_view in) {
  if (!std::memchr(in.data(), '\r', in.size())) {
    std::string out;
    out.reserve(in.size() + 1);
    out.assign(in);
    if (out.empty() || out.back() != '\n') out.push_back('\n');
    return out;
  }
  std::string out;
  out.reserve(in.size() + 1);
  for (size_t i = 0; i < in.size(); i++) {
    char c = in[i];
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < in.size() && in[i + 1] == '\n') i++;
    } else {
      out.push_back(c);
    }
  }
  if (out.empty() || out.back() != '\n') out.push_back('\n');
  return out;
}

// CPython's get_normal_name: folds the spellings of UTF-8 and Latin-1 to "utf-8" and "iso-8859-1".
std::string normal_encoding_name(std::string_view s) {
  std::string buf;
  for (size_t i = 0; i < s.size() && i < 12; i++) {
    char c = s[i];
    buf.push_back(c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  auto is = [&](const char* n) {
    size_t len = std::strlen(n);
    return buf == n || (buf.compare(0, len, n) == 0 && buf.size() > len && buf[len] == '-');
  };
  if (is("utf-8")) return "utf-8";
  if (is("latin-1") || is("iso-8859-1") || is("iso-latin-1")) return "iso-8859-1";
  return std::string(s);
}

// Returns true and sets *spec when `line` holds a coding cookie; *comment_only tells whether the line is blank or
// a comment (then the next line may hold the cookie).
bool find_coding_spec(std::string_view line, std::string* spec, bool* comment_only) {
  *comment_only = true;
  size_t i = 0;
  for (; i < line.size(); i++) {
    char c = line[i];
    if (c == '#' || c == '\n') break;
    if (c != ' ' && c != '\t' && c != '\014') {
      *comment_only = false;
      return false;
    }
  }
  if (i == line.size() || line[i] != '#') return false;
  for (size_t k = 0; k + 6 < line.size(); k++) {
    if (line.compare(k, 6, "coding") != 0) continue;
    size_t t = k + 6;
    if (line[t] != ':' && line[t] != '=') continue;
    do {
      t++;
    } while (t < line.size() && (line[t] == ' ' || line[t] == '\t'));
    size_t begin = t;
    while (t < line.size() &&
           (std::isalnum(static_cast<unsigned char>(line[t])) || line[t] == '-' || line[t] == '_' || line[t] == '.')) {
      t++;
    }
    if (t > begin) {
      *spec = normal_encoding_name(line.substr(begin, t - begin));
      return true;
    }
  }
  return false;
}

// The Python codec name for an encoding spelling ("Latin_1" -> "latin_1"), with the aliases cookies use.
std::string codec_name(std::string_view enc) {
  std::string n;
  for (char c : enc) n.push_back(c == '-' || c == ' ' ? '_' : static_cast<char>(std::tolower(c)));
  if (n == "iso_8859_1" || n == "latin_1" || n == "latin1" || n == "iso8859_1" || n == "l1" || n == "8859" ||
      n == "cp819" || n == "iso_latin_1") {
    return "latin_1";
  }
  if (n == "ascii" || n == "us_ascii" || n == "646") return "ascii";
  if (n == "utf_8" || n == "utf8" || n == "u8") return "utf_8";
  if (n == "windows_1252") return "cp1252";
  if (n == "windows_1251") return "cp1251";
  if (n == "windows_1250") return "cp1250";
  if (n == "koi8r") return "koi8_r";
  if (n == "iso_8859_2" || n == "latin2" || n == "latin_2") return "iso8859_2";
  if (n == "iso_8859_15" || n == "latin9" || n == "latin_9") return "iso8859_15";
  if (n == "macroman") return "mac_roman";
  if (n == "latin" || n == "iso8859" || n == "iso_ir_100" || n == "iso_8859_1_1987") return "latin_1";
  if (n.compare(0, 9, "iso_8859_") == 0) return "iso8859_" + n.substr(9);
  if (n.compare(0, 7, "iso8859") == 0 && n.size() > 7 && n[7] != '_') return "iso8859_" + n.substr(7);
  if (n.compare(0, 8, "windows_") == 0) return "cp" + n.substr(8);
  if (n == "437" || n == "ibm437") return "cp437";
  if (n == "866" || n == "ibm866") return "cp866";
  if (n == "850" || n == "ibm850") return "cp850";
  return n;
}

void set_error(SyntaxErrorInfo* err, std::string msg, int lineno, int offset) {
  err->type = SyntaxErrorInfo::Type::kSyntaxError;
  err->msg = std::move(msg);
  err->lineno = err->end_lineno = lineno;
  err->offset = offset;
  err->end_offset = -1;
}

}  // namespace

std::string normalize_newlines(std::string_view utf8) { return translate_newlines(utf8); }

bool check_file_source(std::string_view bytes, std::string_view filename, SyntaxErrorInfo* err) {
  auto line_of = [&](size_t pos) {
    int line = 1;
    for (size_t i = 0; i < pos; i++)
      if (bytes[i] == '\n') line++;
    return line;
  };
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    size_t pos = static_cast<const char*>(nul) - bytes.data();
    size_t start = bytes.rfind('\n', pos == 0 ? 0 : pos - 1);
    start = start == std::string_view::npos || pos == 0 ? 0 : start + 1;
    int line = line_of(pos);
    set_error(err, "source code cannot contain null bytes", line, 0);
    err->end_lineno = line;
    err->end_offset = 0;
    err->text = std::string(bytes.substr(start, pos - start));
    err->has_text = true;
    return false;
  }
  SyntaxErrorInfo probe;
  std::string decoded;
  if (!decode_source(bytes, &decoded, &probe)) {
    // The cookie's problems, without a position.
    std::string_view m = probe.msg;
    if (m.substr(0, 18) == "unknown encoding: ") {
      set_error(err, fmt::format("encoding problem: {}", m.substr(18)), -1, 0);
      return false;
    }
    if (m.substr(0, 18) == "encoding problem: ") {
      set_error(err, std::string(m), -1, 0);
      return false;
    }
    return true;  // the compiler reports it as compile() would
  }
  // A cookie (even utf-8) hands decoding to the codec, whose errors are compile()'s.
  std::string_view s = bytes;
  if (s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0) return true;
  std::string enc;
  bool comment_only = false;
  size_t nl1 = s.find('\n');
  if (find_coding_spec(s.substr(0, nl1 == std::string_view::npos ? s.size() : nl1 + 1), &enc, &comment_only))
    return true;
  if (comment_only && nl1 != std::string_view::npos) {
    size_t nl2 = s.find('\n', nl1 + 1);
    if (find_coding_spec(s.substr(nl1 + 1, nl2 == std::string_view::npos ? std::string_view::npos : nl2 - nl1),
                         &enc, &comment_only))
      return true;
  }
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      i++;
      continue;
    }
    size_t n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    bool ok = n != 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; k++) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n == 3) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0);  // overlong, surrogate
    }
    if (ok && n == 4) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(b == 0xF0 && b1 < 0x90) && !(b == 0xF4 && b1 >= 0x90);
    }
    if (!ok) {
      set_error(err,
                fmt::format("Non-UTF-8 code starting with '\\x{:02x}' in file {} on line {}, but no encoding "
                            "declared; see https://peps.python.org/pep-0263/ for details",
                            b, filename, line_of(i)),
                -1, 0);
      return false;
    }
    i += n;
  }
  return true;
}

bool decode_source(std::string_view bytes, std::string* out, SyntaxErrorInfo* err) {
  if (std::memchr(bytes.data(), '\0', bytes.size())) {
    set_error(err, "source code string cannot contain null bytes", 0, 0);
    return false;
  }
  std::string text = translate_newlines(bytes);
  std::string_view s = text;
  bool bom = false;
  if (s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    bom = true;
    s.remove_prefix(3);
  }
  std::string enc;
  size_t nl1 = s.find('\n');
  bool comment_only = false;
  if (!find_coding_spec(s.substr(0, nl1 + 1), &enc, &comment_only) && comment_only && nl1 + 1 < s.size()) {
    size_t nl2 = s.find('\n', nl1 + 1);
    find_coding_spec(s.substr(nl1 + 1, nl2 - nl1), &enc, &comment_only);
  }
  if (!enc.empty() && bom && enc != "utf-8") {
    set_error(err, fmt::format("encoding problem: {} with BOM", enc), 0, -1);
    return false;
  }
  std::string codec = enc.empty() ? "utf_8" : codec_name(enc);
  if (codec == "utf_8") {
    out->assign(s.data(), s.size());
    return true;
  }
  const uint16_t* high = nullptr;
  if (codec != "latin_1" && codec != "ascii") {
    high = charmap_high(codec);
    if (!high) {
      set_error(err, fmt::format("unknown encoding: {}", enc), 0, -1);
      return false;
    }
  }
  out->clear();
  out->reserve(s.size() + s.size() / 8);
  for (size_t i = 0; i < s.size(); i++) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(b));
      continue;
    }
    uint32_t cp = b;
    if (codec == "ascii") {
      set_error(err,
                fmt::format("'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)", b,
                            i + (bom ? 3 : 0)),
                0, -1);
      return false;
    }
    if (high) {
      cp = high[b - 0x80];
      if (cp == 0xFFFF) {
        set_error(err,
                  fmt::format("'charmap' codec can't decode byte 0x{:02x} in position {}: character maps to "
                              "<undefined>",
                              b, i),
                  0, -1);
        return false;
      }
    }
    utf8_append(*out, cp);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// The lexer

namespace {

inline bool is_potential_identifier_start(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}

inline bool is_potential_identifier_char(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 128;
}

inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
inline bool is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

Tok one_char(int c) {
  if (c < 128) {
    char buf[4] = {static_cast<char>(c), '\0', '\0', '\0'};
    Tok k;
    if (match_operator(buf, &k) == 1) return k;
  }
  return Tok::OP;
}

}  // namespace

Tokenizer::Tokenizer(std::string_view source)
    : buf_(source.data()),
      end_(source.data() + source.size()),
      cur_(source.data()),
      inp_(source.data()),
      line_start_(source.data()),
      multi_line_start_(source.data()),
      buf_start_(source.data()) {
  indstack_[0] = 0;
  altindstack_[0] = 0;
}

std::string_view Tokenizer::line_text(int lineno) const {
  const char* p = buf_;
  for (int l = 1; l < lineno && p < end_; l++) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', end_ - p));
    if (!nl) return {};
    p = nl + 1;
  }
  const char* nl = static_cast<const char*>(std::memchr(p, '\n', end_ - p));
  return std::string_view(p, (nl ? nl : end_) - p);
}

int Tokenizer::nextc_slow() {
  for (;;) {
    if (cur_ != inp_) return static_cast<unsigned char>(*cur_++);
    if (done_ != TokDone::kOk) return kEOF;
    // CPython's line reader starts a fresh buffer for a line read between tokens.
    if (!start_ && mode_index_ == 0) buf_start_ = inp_;
    if (inp_ == end_ && input_error_at_end_) {
      done_ = TokDone::kInput;
      cur_ = inp_;
      return kEOF;
    }
    if (inp_ == end_) {
      done_ = TokDone::kEof;
      cur_ = inp_;
      return kEOF;
    }
    const char* nl = static_cast<const char*>(std::memchr(inp_, '\n', end_ - inp_));
    lineno_++;
    line_start_ = cur_;
    inp_ = nl ? nl + 1 : end_;
  }
}

Tok Tokenizer::make(Token* t, Tok kind, const char* start, const char* end) {
  t->kind = kind;
  t->nonascii = nonascii_;
  nonascii_ = false;
  t->level = level_;
  t->lineno = (kind == Tok::STRING || kind == Tok::FSTRING_MIDDLE) ? first_lineno_ : lineno_;
  t->end_lineno = lineno_;
  if (start && end) {
    t->start = static_cast<uint32_t>(start - buf_);
    t->end = static_cast<uint32_t>(end - buf_);
    t->col_offset = start_col_;
    t->end_col_offset = static_cast<int32_t>(cur_ - line_start_);
  } else {
    t->start = t->end = static_cast<uint32_t>(cur_ - buf_);
    t->col_offset = t->end_col_offset = -1;
  }
  return kind;
}

Tok Tokenizer::syntax_error_range(const char* msg, int col_offset, int end_col_offset) {
  error_.type = SyntaxErrorInfo::Type::kSyntaxError;
  error_.msg = msg;
  if (col_offset == -1) {
    col_offset = static_cast<int>(utf8_count_replace(std::string_view(line_start_, cur_ - line_start_)));
  }
  if (end_col_offset == -1) end_col_offset = col_offset;
  error_.lineno = error_.end_lineno = lineno_;
  error_.offset = col_offset;
  error_.end_offset = end_col_offset;
  done_ = TokDone::kError;
  return Tok::ERRORTOKEN;
}

Tok Tokenizer::syntax_error(const char* msg) { return syntax_error_range(msg, -1, -1); }

Tok Tokenizer::indent_error() {
  done_ = TokDone::kTabSpace;
  cur_ = inp_;
  return Tok::ERRORTOKEN;
}

Tok Tokenizer::next(Token* t) {
  t->debug_text = 0;
  t->memo = nullptr;
  return modes_[mode_index_].fstring_kind ? fstring_mode(t) : normal_mode(t);
}

int Tokenizer::continuation_line() {
  int c = nextc();
  if (c == '\r') c = nextc();
  if (c != '\n') {
    done_ = TokDone::kLineCont;
    return -1;
  }
  c = nextc();
  if (c == kEOF) {
    done_ = TokDone::kEof;
    cur_ = inp_;
    return -1;
  }
  backup(c);
  return c;
}

bool Tokenizer::lookahead(const char* test) {
  const char* s = test;
  bool res = false;
  for (;;) {
    int c = nextc();
    if (*s == 0) {
      res = !is_potential_identifier_char(c);
    } else if (c == static_cast<unsigned char>(*s)) {
      s++;
      continue;
    }
    backup(c);
    while (s != test) {
      --s;
      backup(static_cast<unsigned char>(*s));
    }
    return res;
  }
}

bool Tokenizer::verify_end_of_number(int c, const char* kind) {
  if (extra_tokens_) return true;  // tokenize is more liberal than the parser
  bool r = false;
  if (c == 'a') {
    r = lookahead("nd");
  } else if (c == 'e') {
    r = lookahead("lse");
  } else if (c == 'f') {
    r = lookahead("or");
  } else if (c == 'i') {
    int c2 = nextc();
    if (c2 == 'f' || c2 == 'n' || c2 == 's') r = true;
    backup(c2);
  } else if (c == 'o') {
    r = lookahead("r");
  } else if (c == 'n') {
    r = lookahead("ot");
  }
  if (r) {
    // A keyword right after the number: only a warning, and the number ends there.
    warn(fmt::format("invalid {} literal", kind));
    return true;
  }
  if (c < 128 && is_potential_identifier_char(c)) {
    backup(c);
    syntax_error(fmt::format("invalid {} literal", kind).c_str());
    return false;
  }
  return true;
}

int Tokenizer::decimal_tail() {
  int c;
  for (;;) {
    do {
      c = nextc();
    } while (is_digit(c));
    if (c != '_') break;
    c = nextc();
    if (!is_digit(c)) {
      backup(c);
      syntax_error("invalid decimal literal");
      return 0;
    }
  }
  return c;
}

bool Tokenizer::verify_identifier() {
  std::string_view s(start_, cur_ - start_);
  if (utf8_validate(s) >= 0) {
    error_.type = SyntaxErrorInfo::Type::kSyntaxError;
    error_.msg = utf8_error_message(s);
    done_ = TokDone::kDecode;
    return false;
  }
  const char* p = s.data();
  const char* e = p + s.size();
  bool first = true;
  while (p < e) {
    uint32_t cp = utf8_next(p);
    bool ok = first ? is_xid_start(cp) : is_xid_continue(cp);
    first = false;
    if (!ok) {
      if (p < e) cur_ = p;
      std::string msg;
      if (is_printable(cp)) {
        std::string ch;
        utf8_append(ch, cp);
        msg = fmt::format("invalid character '{}' (U+{:04X})", ch, cp);
      } else {
        msg = fmt::format("invalid non-printable character U+{:04X}", cp);
      }
      syntax_error(msg.c_str());
      return false;
    }
  }
  return true;
}

void Tokenizer::update_fstring_expr(char c) {
  Mode& m = mode();
  if (c == '{') {
    m.last_expr_start = cur_;
    m.last_expr_end = nullptr;
  } else if (!m.last_expr_end) {
    m.last_expr_end = start_;
  }
}

void Tokenizer::set_fstring_expr(Token* t) {
  Mode& m = mode();
  if (!m.debug || t->debug_text || !m.last_expr_start) return;
  const char* e = m.last_expr_end ? m.last_expr_end : start_;
  std::string_view text(m.last_expr_start, e > m.last_expr_start ? e - m.last_expr_start : 0);
  std::string res;
  if (text.find('#') == std::string_view::npos) {
    res.assign(text);
  } else {
    // Comments inside the expression are dropped from the debug text (up to, not including, the newline).
    for (size_t i = 0; i < text.size(); i++) {
      if (text[i] == '#') {
        while (i < text.size() && text[i] != '\n') i++;
        if (i < text.size()) res.push_back('\n');
      } else {
        res.push_back(text[i]);
      }
    }
  }
  debug_texts_.push_back(std::move(res));
  t->debug_text = static_cast<uint32_t>(debug_texts_.size());
}

Tok Tokenizer::normal_mode(Token* t) {
  int c;
  bool blankline;
nextline:
  start_ = nullptr;
  start_col_ = -1;
  blankline = false;

  if (atbol_) {
    int col = 0, altcol = 0, cont_line_col = 0;
    atbol_ = false;
    for (;;) {
      c = nextc();
      if (c == ' ') {
        col++;
        altcol++;
      } else if (c == '\t') {
        col = (col / 8 + 1) * 8;
        altcol = altcol + 1;
      } else if (c == '\014') {
        col = altcol = 0;
      } else if (c == '\\') {
        // A backslash-continued indentation: the first backslash fixes the level.
        cont_line_col = cont_line_col ? cont_line_col : col;
        if ((c = continuation_line()) == -1) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
      } else {
        break;
      }
    }
    backup(c);
    if (c == '#' || c == '\n' || c == '\r') {
      // Lines with only whitespace and/or comments do not affect indentation and produce no NEWLINE.
      blankline = true;
    }
    if (!blankline && level_ == 0) {
      col = cont_line_col ? cont_line_col : col;
      altcol = cont_line_col ? cont_line_col : altcol;
      if (col == indstack_[indent_]) {
        if (altcol != altindstack_[indent_]) return make(t, indent_error(), nullptr, nullptr);
      } else if (col > indstack_[indent_]) {
        if (indent_ + 1 >= kMaxIndent) {
          done_ = TokDone::kTooDeep;
          cur_ = inp_;
          return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
        }
        if (altcol <= altindstack_[indent_]) return make(t, indent_error(), nullptr, nullptr);
        pendin_++;
        indstack_[++indent_] = col;
        altindstack_[indent_] = altcol;
      } else {
        while (indent_ > 0 && col < indstack_[indent_]) {
          pendin_--;
          indent_--;
        }
        if (col != indstack_[indent_]) {
          done_ = TokDone::kDedent;
          cur_ = inp_;
          return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
        }
        if (altcol != altindstack_[indent_]) return make(t, indent_error(), nullptr, nullptr);
      }
    }
  }

  start_ = cur_;
  start_col_ = static_cast<int>(cur_ - line_start_);
  if (pendin_ != 0) {
    // Extra tokens: a DEDENT sits, empty, where the line's first token starts; an INDENT spans the indentation.
    if (pendin_ < 0) {
      pendin_++;
      return extra_tokens_ ? make(t, Tok::DEDENT, cur_, cur_) : make(t, Tok::DEDENT, nullptr, nullptr);
    }
    pendin_--;
    return extra_tokens_ ? make(t, Tok::INDENT, buf_start_, cur_) : make(t, Tok::INDENT, nullptr, nullptr);
  }

  c = nextc();
  backup(c);

again:
  start_ = nullptr;
  do {
    c = nextc();
  } while (c == ' ' || c == '\t' || c == '\014');
  start_ = cur_ - 1;
  start_col_ = static_cast<int>(start_ - line_start_);

  if (c == '#') {
    while (c != kEOF && c != '\n' && c != '\r') c = nextc();
    if (extra_tokens_) {
      backup(c);  // the newline is a token of its own
      comment_newline_ = blankline;
      return make(t, Tok::COMMENT, start_, cur_);
    }
  }

  if (c == kEOF) {
    if (level_) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
    return make(t, done_ == TokDone::kEof ? Tok::ENDMARKER : Tok::ERRORTOKEN, nullptr, nullptr);
  }

  // Identifiers, keywords and string prefixes.
  if (is_potential_identifier_start(c)) {
    bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
    for (;;) {
      if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) {
        saw_b = true;
      } else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) {
        saw_u = true;
      } else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) {
        saw_r = true;
      } else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) {
        saw_f = true;
      } else {
        break;
      }
      c = nextc();
      if (c == '"' || c == '\'') {
        if (saw_f) return fstring_start(t, c);
        return string(t, c);
      }
    }
    // The rest of the name, scanned in place: a name never extends past the end of its line.
    bool nonascii = c >= 128;
    if (is_potential_identifier_char(c)) {
      while (cur_ < inp_ && is_potential_identifier_char(static_cast<unsigned char>(*cur_))) {
        if (static_cast<unsigned char>(*cur_) >= 128) nonascii = true;
        cur_++;
      }
    } else {
      backup(c);
    }
    if (nonascii && !extra_tokens_ && !verify_identifier()) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
    nonascii_ = nonascii;
    Tok kind = Tok::NAME;
    unsigned char first = static_cast<unsigned char>(*start_);
    if ((first >= 'a' && first <= 'y') || first == 'F' || first == 'N' || first == 'T') {
      kind = keyword_kind(std::string_view(start_, cur_ - start_));
    }
    return make(t, kind, start_, cur_);
  }

  if (c == '\r') c = nextc();

  if (c == '\n') {
    atbol_ = true;
    if (blankline || level_ > 0) {
      if (!extra_tokens_) goto nextline;
      comment_newline_ = false;
      return make(t, Tok::NL, start_, cur_);
    }
    if (comment_newline_ && extra_tokens_) {
      comment_newline_ = false;
      return make(t, Tok::NL, start_, cur_);
    }
    cont_line_ = false;
    return make(t, Tok::NEWLINE, start_, cur_ - 1);
  }

  if (c == '.') {
    c = nextc();
    if (is_digit(c)) return number(t, c, true);
    if (c == '.') {
      c = nextc();
      if (c == '.') return make(t, Tok::ELLIPSIS, start_, cur_);
      backup(c);
      backup('.');
    } else {
      backup(c);
    }
    return make(t, Tok::DOT, start_, cur_);
  }

  if (is_digit(c)) return number(t, c, false);

  if (c == '\'' || c == '"') return string(t, c);

  if (c == '\\') {
    if ((c = continuation_line()) == -1) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
    cont_line_ = true;
    goto again;
  }

  Mode& cur_mode = mode();
  bool in_fstring = mode_index_ > 0;
  bool is_punct = c == ':' || c == '}' || c == '!' || c == '{';
  if (is_punct && in_fstring && cur_mode.expr_start_depth >= 0) {
    // Track the text of the replacement field's expression, for the '=' debug specifier; a ':' at the field's
    // own level starts the format spec.
    int cursor = cur_mode.curly_depth - (c != '{');
    bool in_format_spec = cur_mode.in_format_spec;
    bool cursor_in_format_with_debug = cursor == 1 && (cur_mode.debug || in_format_spec);
    bool cursor_valid = cursor == 0 || cursor_in_format_with_debug;
    if (cursor_valid) update_fstring_expr(static_cast<char>(c));
    if (cursor_valid && c != '{') set_fstring_expr(t);
    if (c == ':' && cursor == cur_mode.expr_start_depth) {
      cur_mode.fstring_kind = true;
      cur_mode.in_format_spec = true;
      return make(t, Tok::COLON, start_, cur_);
    }
  }

  // Two- and three-character operators.
  {
    Tok kind;
    int len = match_operator(start_, &kind);
    if (c == '<' && start_[1] == '>') {
      kind = Tok::NOTEQUAL;
      len = 2;
    }
    if (len >= 2) {
      cur_ += len - 1;
      return make(t, kind, start_, cur_);
    }
  }

  switch (c) {
    case '(':
    case '[':
    case '{':
      if (level_ >= kMaxLevel) return make(t, syntax_error("too many nested parentheses"), nullptr, nullptr);
      paren_stack_[level_] = static_cast<char>(c);
      paren_lineno_[level_] = lineno_;
      paren_col_[level_] = static_cast<int>(start_ - line_start_);
      level_++;
      if (in_fstring) cur_mode.curly_depth++;
      break;
    case ')':
    case ']':
    case '}': {
      if (in_fstring && !cur_mode.curly_depth && c == '}') {
        return make(t, syntax_error("f-string: single '}' is not allowed"), nullptr, nullptr);
      }
      // Extra tokens: unmatched and mismatched brackets are left for the parser to report.
      if (!level_ && !extra_tokens_) {
        return make(t, syntax_error(fmt::format("unmatched '{}'", static_cast<char>(c)).c_str()), nullptr, nullptr);
      }
      int opening = level_ > 0 ? paren_stack_[--level_] : c;
      if (!extra_tokens_ &&
          !((opening == '(' && c == ')') || (opening == '[' && c == ']') || (opening == '{' && c == '}'))) {
        if (in_fstring && opening == '{') {
          int previous_bracket = cur_mode.curly_depth - 1;
          if (previous_bracket == cur_mode.expr_start_depth) {
            return make(t, syntax_error(fmt::format("f-string: unmatched '{}'", static_cast<char>(c)).c_str()), nullptr,
                        nullptr);
          }
        }
        std::string msg;
        if (paren_lineno_[level_] != lineno_) {
          msg = fmt::format("closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                            static_cast<char>(c), static_cast<char>(opening), paren_lineno_[level_]);
        } else {
          msg = fmt::format("closing parenthesis '{}' does not match opening parenthesis '{}'", static_cast<char>(c),
                            static_cast<char>(opening));
        }
        return make(t, syntax_error(msg.c_str()), nullptr, nullptr);
      }
      if (in_fstring) {
        cur_mode.curly_depth--;
        if (cur_mode.curly_depth < 0) {
          return make(t, syntax_error(fmt::format("f-string: unmatched '{}'", static_cast<char>(c)).c_str()), nullptr,
                      nullptr);
        }
        if (c == '}' && cur_mode.curly_depth == cur_mode.expr_start_depth) {
          cur_mode.expr_start_depth--;
          cur_mode.fstring_kind = true;
          cur_mode.in_format_spec = false;
          cur_mode.debug = false;
        }
      }
      break;
    }
    default:
      break;
  }

  if (!is_printable(static_cast<uint32_t>(c))) {
    return make(t, syntax_error(fmt::format("invalid non-printable character U+{:04X}", c).c_str()), nullptr, nullptr);
  }
  if (c == '=' && in_fstring && cur_mode.expr_start_depth >= 0) cur_mode.debug = true;
  return make(t, one_char(c), start_, cur_);
}

Tok Tokenizer::number(Token* t, int c, bool after_dot) {
  // `c` is the first digit, already read; after_dot: the number started with '.'.
  if (after_dot) goto fraction;
  if (c == '0') {
    c = nextc();
    if (c == 'x' || c == 'X') {
      c = nextc();
      do {
        if (c == '_') c = nextc();
        if (!is_xdigit(c)) {
          backup(c);
          return make(t, syntax_error("invalid hexadecimal literal"), nullptr, nullptr);
        }
        do {
          c = nextc();
        } while (is_xdigit(c));
      } while (c == '_');
      if (!verify_end_of_number(c, "hexadecimal")) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
    } else if (c == 'o' || c == 'O') {
      c = nextc();
      do {
        if (c == '_') c = nextc();
        if (c < '0' || c >= '8') {
          if (is_digit(c)) {
            return make(t,
                        syntax_error(fmt::format("invalid digit '{}' in octal literal", static_cast<char>(c)).c_str()),
                        nullptr, nullptr);
          }
          backup(c);
          return make(t, syntax_error("invalid octal literal"), nullptr, nullptr);
        }
        do {
          c = nextc();
        } while ('0' <= c && c < '8');
      } while (c == '_');
      if (is_digit(c)) {
        return make(t, syntax_error(fmt::format("invalid digit '{}' in octal literal", static_cast<char>(c)).c_str()),
                    nullptr, nullptr);
      }
      if (!verify_end_of_number(c, "octal")) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
    } else if (c == 'b' || c == 'B') {
      c = nextc();
      do {
        if (c == '_') c = nextc();
        if (c != '0' && c != '1') {
          if (is_digit(c)) {
            return make(t,
                        syntax_error(fmt::format("invalid digit '{}' in binary literal", static_cast<char>(c)).c_str()),
                        nullptr, nullptr);
          }
          backup(c);
          return make(t, syntax_error("invalid binary literal"), nullptr, nullptr);
        }
        do {
          c = nextc();
        } while (c == '0' || c == '1');
      } while (c == '_');
      if (is_digit(c)) {
        return make(t, syntax_error(fmt::format("invalid digit '{}' in binary literal", static_cast<char>(c)).c_str()),
                    nullptr, nullptr);
      }
      if (!verify_end_of_number(c, "binary")) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
    } else {
      bool nonzero = false;
      // Maybe an old-style octal; '0' itself (and 0_0, 00) is fine.
      for (;;) {
        if (c == '_') {
          c = nextc();
          if (!is_digit(c)) {
            backup(c);
            return make(t, syntax_error("invalid decimal literal"), nullptr, nullptr);
          }
        }
        if (c != '0') break;
        c = nextc();
      }
      const char* zeros_end = cur_;
      if (is_digit(c)) {
        nonzero = true;
        c = decimal_tail();
        if (c == 0) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
      }
      if (c == '.') {
        c = nextc();
        goto fraction;
      } else if (c == 'e' || c == 'E') {
        goto exponent;
      } else if (c == 'j' || c == 'J') {
        goto imaginary;
      } else if (nonzero && !extra_tokens_) {
        backup(c);
        return make(
            t,
            syntax_error_range("leading zeros in decimal integer literals are not permitted; use an 0o "
                               "prefix for octal integers",
                               static_cast<int>(start_ + 1 - line_start_), static_cast<int>(zeros_end - line_start_)),
            nullptr, nullptr);
      }
      if (!verify_end_of_number(c, "decimal")) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
    }
    backup(c);
    return make(t, Tok::NUMBER, start_, cur_);
  }
  // Decimal.
  c = decimal_tail();
  if (c == 0) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
  if (c == '.') {
    c = nextc();
    goto fraction;
  }
  goto after_fraction;

fraction:
  if (is_digit(c)) {
    c = decimal_tail();
    if (c == 0) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
  }
after_fraction:
  if (c == 'e' || c == 'E') {
  exponent : {
    int e = c;
    c = nextc();
    if (c == '+' || c == '-') {
      c = nextc();
      if (!is_digit(c)) {
        backup(c);
        return make(t, syntax_error("invalid decimal literal"), nullptr, nullptr);
      }
    } else if (!is_digit(c)) {
      backup(c);
      if (!verify_end_of_number(e, "decimal")) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
      backup(e);
      return make(t, Tok::NUMBER, start_, cur_);
    }
    c = decimal_tail();
    if (c == 0) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
  }
  }
  if (c == 'j' || c == 'J') {
  imaginary:
    c = nextc();
    if (!verify_end_of_number(c, "imaginary")) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
  } else if (!verify_end_of_number(c, "decimal")) {
    return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
  }
  backup(c);
  return make(t, Tok::NUMBER, start_, cur_);
}

Tok Tokenizer::string(Token* t, int c) {
  int quote = c;
  int quote_size = 1;
  int end_quote_size = 0;
  first_lineno_ = lineno_;
  multi_line_start_ = line_start_;
  c = nextc();
  if (c == quote) {
    c = nextc();
    if (c == quote) {
      quote_size = 3;
    } else {
      end_quote_size = 1;  // an empty string
    }
  }
  if (c != quote) backup(c);
  bool has_escaped_quote = false;
  while (end_quote_size != quote_size) {
    c = nextc();
    if (done_ == TokDone::kError) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
    if (c == kEOF || (quote_size == 1 && c == '\n')) {
      // Report from the opening quote.
      cur_ = start_ + 1;
      line_start_ = multi_line_start_;
      int detected = lineno_;
      lineno_ = first_lineno_;
      if (mode_index_ > 0) {
        Mode& m = mode();
        if (m.quote == quote && m.quote_size == quote_size) {
          return make(t, syntax_error("f-string: expecting '}'"), nullptr, nullptr);
        }
      }
      if (quote_size == 3) {
        syntax_error(fmt::format("unterminated triple-quoted string literal (detected at line {})", detected).c_str());
      } else if (has_escaped_quote) {
        syntax_error(fmt::format("unterminated string literal (detected at line {}); perhaps you escaped the end "
                                 "quote?",
                                 detected)
                         .c_str());
      } else {
        syntax_error(fmt::format("unterminated string literal (detected at line {})", detected).c_str());
      }
      return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
    }
    if (c == quote) {
      end_quote_size++;
    } else {
      end_quote_size = 0;
      if (c == '\\') {
        c = nextc();  // skip the escaped character
        if (c == quote) has_escaped_quote = true;
        if (c == '\r') c = nextc();
      }
    }
  }
  return make(t, Tok::STRING, start_, cur_);
}

Tok Tokenizer::fstring_start(Token* t, int c) {
  int quote = c;
  int quote_size = 1;
  first_lineno_ = lineno_;
  multi_line_start_ = line_start_;
  int after_quote = nextc();
  if (after_quote == quote) {
    int after_after_quote = nextc();
    if (after_after_quote == quote) {
      quote_size = 3;
    } else {
      backup(after_after_quote);
      backup(after_quote);
    }
  }
  if (after_quote != quote) backup(after_quote);
  if (mode_index_ + 1 >= kMaxFStringLevel) {
    return make(t, syntax_error("too many nested f-strings"), nullptr, nullptr);
  }
  Mode& m = modes_[++mode_index_];
  m = Mode();
  m.fstring_kind = true;
  m.in_fstring = true;
  m.quote = static_cast<char>(quote);
  m.quote_size = quote_size;
  m.fstring_start = start_;
  m.fstring_multi_line_start = line_start_;
  m.fstring_line_start = lineno_;
  char p0 = *start_;
  if (p0 == 'f' || p0 == 'F') {
    m.raw = start_[1] == 'r' || start_[1] == 'R';
  } else {
    m.raw = true;
  }
  m.curly_depth = 0;
  m.expr_start_depth = -1;
  return make(t, Tok::FSTRING_START, start_, cur_);
}

Tok Tokenizer::fstring_mode(Token* t) {
  Mode& m = mode();
  start_ = cur_;
  start_col_ = static_cast<int>(cur_ - line_start_);
  first_lineno_ = lineno_;

  // A replacement field right away: nothing literal to return first.
  int start_char = nextc();
  if (start_char == '{') {
    int peek1 = nextc();
    backup(peek1);
    backup(start_char);
    if (peek1 != '{') {
      m.expr_start_depth++;
      if (m.expr_start_depth >= kMaxExprNesting) {
        return make(t, syntax_error("f-string: expressions nested too deeply"), nullptr, nullptr);
      }
      m.fstring_kind = false;
      return normal_mode(t);
    }
  } else {
    backup(start_char);
  }

  // The closing quote(s)?
  for (int i = 0; i < m.quote_size; i++) {
    int q = nextc();
    if (q != m.quote) {
      backup(q);
      goto middle;
    }
  }
  {
    Tok kind = make(t, Tok::FSTRING_END, start_, cur_);
    mode_index_--;
    return kind;
  }

middle : {
  multi_line_start_ = line_start_;
  int end_quote_size = 0;
  bool unicode_escape = false;
  while (end_quote_size != m.quote_size) {
    int c = nextc();
    if (done_ == TokDone::kError) return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
    bool in_format_spec = m.in_format_spec && m.expr_start_depth >= 0;
    if (c == kEOF || (m.quote_size == 1 && c == '\n')) {
      if (in_format_spec && c == '\n') {
        // A newline ends a format spec; the lexer returns to regular tokens.
        backup(c);
        m.fstring_kind = false;
        m.in_format_spec = false;
        return make(t, Tok::FSTRING_MIDDLE, start_, cur_);
      }
      cur_ = m.fstring_start + 1;
      line_start_ = m.fstring_multi_line_start;
      int detected = lineno_;
      lineno_ = m.fstring_line_start;
      if (m.quote_size == 3) {
        syntax_error(
            fmt::format("unterminated triple-quoted f-string literal (detected at line {})", detected).c_str());
        return make(t, Tok::ERRORTOKEN, nullptr, nullptr);
      }
      return make(t, syntax_error(fmt::format("unterminated f-string literal (detected at line {})", detected).c_str()),
                  nullptr, nullptr);
    }
    if (c == m.quote) {
      end_quote_size++;
      continue;
    }
    end_quote_size = 0;
    if (c == '{') {
      update_fstring_expr('{');
      int peek = nextc();
      if (peek != '{' || in_format_spec) {
        backup(peek);
        backup(c);
        m.expr_start_depth++;
        if (m.expr_start_depth >= kMaxExprNesting) {
          return make(t, syntax_error("f-string: expressions nested too deeply"), nullptr, nullptr);
        }
        m.fstring_kind = false;
        m.in_format_spec = false;
        return make(t, Tok::FSTRING_MIDDLE, start_, cur_);
      }
      return make(t, Tok::FSTRING_MIDDLE, start_, cur_ - 1);
    } else if (c == '}') {
      if (unicode_escape) return make(t, Tok::FSTRING_MIDDLE, start_, cur_);
      int peek = nextc();
      int cursor = m.curly_depth;
      if (peek == '}' && !in_format_spec && cursor == 0) return make(t, Tok::FSTRING_MIDDLE, start_, cur_ - 1);
      backup(peek);
      backup(c);
      m.fstring_kind = false;
      m.in_format_spec = false;
      return make(t, Tok::FSTRING_MIDDLE, start_, cur_);
    } else if (c == '\\') {
      int peek = nextc();
      if (peek == '\r') peek = nextc();
      if (peek == '{' || peek == '}') {
        if (!m.raw) warn(fmt::format("invalid escape sequence '\\{}'", static_cast<char>(peek)));
        backup(peek);
        continue;
      }
      if (!m.raw && peek == 'N') {
        peek = nextc();
        if (peek == '{') {
          unicode_escape = true;
        } else {
          backup(peek);
        }
      }
    }
  }
  // Leave the closing quotes for the FSTRING_END token.
  for (int i = 0; i < m.quote_size; i++) backup(m.quote);
  return make(t, Tok::FSTRING_MIDDLE, start_, cur_);
}
}

}  // namespace pyvm::compiler
