// Literals: numbers, string and bytes literals (escape decoding with CPython's error messages), implicit
// concatenation, and f-strings (PEP 701: replacement fields, conversions, format specs, the '=' debug specifier).
#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include "vm/compiler/ast_dump.h"
#include "vm/compiler/parser_impl.h"
#include "vm/compiler/unicode.h"

namespace pyvm::compiler {

namespace {

constexpr int kDefaultMaxStrDigits = 4300;  // sys.int_info.default_max_str_digits
std::atomic<int (*)()> g_max_str_digits_getter{nullptr};

inline int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode_error_message(const char* codec, std::string_view buf, size_t start, size_t end,
                                 const char* reason) {
  if (end - start == 1) {
    return fmt::format("'{}' codec can't decode byte 0x{:02x} in position {}: {}", codec,
                       static_cast<unsigned char>(buf[start]), start, reason);
  }
  return fmt::format("'{}' codec can't decode bytes in position {}-{}: {}", codec, start, end - 1, reason);
}

// The warning for the first invalid escape (CPython's warn_invalid_escape_sequence): `at` points at the character
// after the backslash, or at the first of three octal digits for a value above 0o377.
void note_invalid_escape(std::string* warning, const char* at) {
  if (!warning || !warning->empty()) return;
  char c = *at;
  if (c >= '4' && c <= '7') {
    *warning = fmt::format("invalid octal escape sequence '\\{}'", std::string_view(at, 3));
  } else {
    *warning = fmt::format("invalid escape sequence '\\{}'", c);
  }
}

// CPython's decode_unicode_with_escapes + the unicode_escape codec. Positions in error messages refer to the
// codec's input, in which CPython has replaced each non-ASCII character by a 10-byte \UXXXXXXXX escape (and a
// backslash before one by \u005c), so we compute them on that rewritten buffer.
bool decode_unicode_escapes(std::string_view s, std::string* out, std::string* error, std::string* warning) {
  std::string buf;
  buf.reserve(s.size() + 16);
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      buf.push_back('\\');
      i++;
      if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0x80)) {
        buf += "u005c";
        if (i >= s.size()) break;
      }
      c = static_cast<unsigned char>(s[i]);
    }
    if (c & 0x80) {
      // A run of non-ASCII bytes is decoded as UTF-8 on its own (so error positions count from its start).
      size_t j = i;
      while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0x80)) j++;
      std::string_view run = s.substr(i, j - i);
      if (utf8_validate(run) >= 0) {
        *error = utf8_error_message(run);
        return false;
      }
      const char* p = run.data();
      while (p < run.data() + run.size()) {
        uint32_t cp = utf8_next(p);
        char tmp[16];
        std::snprintf(tmp, sizeof tmp, "\\U%08x", cp);
        buf += tmp;
      }
      i = j;
    } else {
      buf.push_back(static_cast<char>(c));
      i++;
    }
  }
  out->clear();
  out->reserve(buf.size());
  size_t p = 0;
  const size_t end = buf.size();
  while (p < end) {
    if (buf[p] != '\\') {
      out->push_back(buf[p++]);
      continue;
    }
    size_t startinpos = p;
    p++;
    const char* message = nullptr;
    int c = static_cast<unsigned char>(buf[p++]);
    int count = 0;
    switch (c) {
      case '\n':
        continue;
      case '\\':
        out->push_back('\\');
        continue;
      case '\'':
        out->push_back('\'');
        continue;
      case '"':
        out->push_back('"');
        continue;
      case 'b':
        out->push_back('\b');
        continue;
      case 'f':
        out->push_back('\014');
        continue;
      case 't':
        out->push_back('\t');
        continue;
      case 'n':
        out->push_back('\n');
        continue;
      case 'r':
        out->push_back('\r');
        continue;
      case 'v':
        out->push_back('\013');
        continue;
      case 'a':
        out->push_back('\007');
        continue;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        uint32_t ch = c - '0';
        if (p < end && buf[p] >= '0' && buf[p] <= '7') {
          ch = (ch << 3) + (buf[p++] - '0');
          if (p < end && buf[p] >= '0' && buf[p] <= '7') ch = (ch << 3) + (buf[p++] - '0');
        }
        if (ch > 0377) note_invalid_escape(warning, buf.data() + p - 3);
        utf8_append(*out, ch);
        continue;
      }
      case 'x':
        count = 2;
        message = "truncated \\xXX escape";
        break;
      case 'u':
        count = 4;
        message = "truncated \\uXXXX escape";
        break;
      case 'U':
        count = 8;
        message = "truncated \\UXXXXXXXX escape";
        break;
      case 'N': {
        message = "malformed \\N character escape";
        if (p < end && buf[p] == '{') {
          size_t name_start = ++p;
          while (p < end && buf[p] != '}') p++;
          if (p < end && p > name_start) {
            std::string_view name(buf.data() + name_start, p - name_start);
            p++;
            uint32_t cp;
            if (unicode_lookup_name(name, &cp)) {
              utf8_append(*out, cp);
              continue;
            }
            message = "unknown Unicode character name";
          }
        }
        *error = decode_error_message("unicodeescape", buf, startinpos, p, message);
        return false;
      }
      default:
        // An invalid escape: kept as is, with a warning.
        note_invalid_escape(warning, buf.data() + p - 1);
        out->push_back('\\');
        out->push_back(static_cast<char>(c));
        continue;
    }
    uint32_t ch = 0;
    for (; count; ++p, --count) {
      if (p >= end) {
        *error = decode_error_message("unicodeescape", buf, startinpos, p, message);
        return false;
      }
      int h = hex_value(static_cast<unsigned char>(buf[p]));
      if (h < 0) {
        *error = decode_error_message("unicodeescape", buf, startinpos, p, message);
        return false;
      }
      ch = (ch << 4) + h;
    }
    if (ch > 0x10FFFF) {
      *error = decode_error_message("unicodeescape", buf, startinpos, p, "illegal Unicode character");
      return false;
    }
    utf8_append(*out, ch);
  }
  return true;
}

// CPython's _PyBytes_DecodeEscape.
bool decode_bytes_escapes(std::string_view s, std::string* out, std::string* error, std::string* warning) {
  out->clear();
  size_t p = 0;
  const size_t end = s.size();
  while (p < end) {
    if (s[p] != '\\') {
      out->push_back(s[p++]);
      continue;
    }
    size_t bs = p++;
    if (p >= end) {
      *error = "Trailing \\ in string";
      return false;
    }
    int c = static_cast<unsigned char>(s[p++]);
    switch (c) {
      case '\n':
        break;
      case '\\':
        out->push_back('\\');
        break;
      case '\'':
        out->push_back('\'');
        break;
      case '"':
        out->push_back('"');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\014');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 'v':
        out->push_back('\013');
        break;
      case 'a':
        out->push_back('\007');
        break;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        int v = c - '0';
        if (p < end && s[p] >= '0' && s[p] <= '7') {
          v = (v << 3) + (s[p++] - '0');
          if (p < end && s[p] >= '0' && s[p] <= '7') v = (v << 3) + (s[p++] - '0');
        }
        if (v > 0377) note_invalid_escape(warning, s.data() + p - 3);
        out->push_back(static_cast<char>(v & 0xFF));
        break;
      }
      case 'x':
        if (p + 1 < end && hex_value(static_cast<unsigned char>(s[p])) >= 0 &&
            hex_value(static_cast<unsigned char>(s[p + 1])) >= 0) {
          out->push_back(static_cast<char>((hex_value(static_cast<unsigned char>(s[p])) << 4) +
                                           hex_value(static_cast<unsigned char>(s[p + 1]))));
          p += 2;
          break;
        }
        *error = fmt::format("invalid \\x escape at position {}", bs);
        return false;
      default:
        note_invalid_escape(warning, s.data() + p - 1);
        out->push_back('\\');
        out->push_back(static_cast<char>(c));
        break;
    }
  }
  return true;
}

}  // namespace

void set_int_max_str_digits_getter(int (*getter)()) {
  g_max_str_digits_getter.store(getter, std::memory_order_relaxed);
}

// CPython's _PyPegen_number_token: int when the whole literal is an integer, else float or imaginary.
Expr* Parser::number_token(Token* t) {
  std::string_view raw = text(t);
  std::string num;
  num.reserve(raw.size());
  for (char c : raw) {
    if (c != '_') num.push_back(c);
  }
  Expr* e = new_expr(ExprKind::Constant, tok_loc(t));
  ConstantValue& v = e->v.Constant.value;
  char last = num.back();
  bool is_int = true;
  int base = 10;
  std::string_view digits = num;
  if (num.size() > 1 && num[0] == '0' && (num[1] == 'x' || num[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
  } else if (num.size() > 1 && num[0] == '0' && (num[1] == 'o' || num[1] == 'O')) {
    base = 8;
    digits.remove_prefix(2);
  } else if (num.size() > 1 && num[0] == '0' && (num[1] == 'b' || num[1] == 'B')) {
    base = 2;
    digits.remove_prefix(2);
  } else {
    for (char c : num) {
      if (c < '0' || c > '9') {
        is_int = false;
        break;
      }
    }
  }
  if (is_int) {
    v.kind = ConstantValue::Kind::kInt;
    uint64_t value = 0;
    bool overflow = false;
    for (char c : digits) {
      int d = hex_value(static_cast<unsigned char>(c));
      if (value > (UINT64_MAX - d) / base) {
        overflow = true;
        break;
      }
      value = value * base + d;
    }
    if (!overflow && value <= static_cast<uint64_t>(INT64_MAX)) {
      v.ival = static_cast<int64_t>(value);
      return e;
    }
    if (base == 10) {
      size_t i = 0;
      while (i + 1 < digits.size() && digits[i] == '0') i++;
      int (*getter)() = g_max_str_digits_getter.load(std::memory_order_relaxed);
      int max_digits = getter ? getter() : kDefaultMaxStrDigits;
      if (max_digits > 0 && digits.size() - i > static_cast<size_t>(max_digits)) {
        return static_cast<Expr*>(raise_error_known_location(
            SyntaxErrorInfo::Type::kSyntaxError, t->lineno, 0, t->end_lineno, 0,
            fmt::format("Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use "
                        "sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge "
                        "integer literals to avoid decimal conversion limits.",
                        max_digits, digits.size() - i)));
      }
    }
    v.big = true;
    v.base = static_cast<uint8_t>(base);
    v.str = arena_.copy_str(digits);
    return e;
  }
  bool imag = last == 'j' || last == 'J';
  if (imag) num.pop_back();
  double d = 0;
  auto r = std::from_chars(num.data(), num.data() + num.size(), d);
  if (r.ec == std::errc::result_out_of_range) {
    // from_chars reports overflow and underflow without a value; strtod gives CPython's inf / 0.0.
    d = std::strtod(num.c_str(), nullptr);
  }
  v.kind = imag ? ConstantValue::Kind::kComplex : ConstantValue::Kind::kFloat;
  v.fval = d;
  return e;
}

// Records the warning for an invalid escape, as CPython does: in the first pass only, and not for a brace in an
// f-string (the tokenizer has warned about that one).
void Parser::warn_escape(const std::string& warning, const Token* t) {
  if (warning.empty() || call_invalid_rules_) return;
  if ((t->kind == Tok::FSTRING_MIDDLE || t->kind == Tok::FSTRING_END) &&
      (warning.find("'\\{'") != std::string::npos || warning.find("'\\}'") != std::string::npos)) {
    return;
  }
  warnings_.push_back(SyntaxWarningInfo{warning, t->lineno});
}

// Decodes the body of a string literal (between the quotes). CPython's _PyPegen_parse_string and the codecs.
bool Parser::decode_string_literal(Token* t, std::string_view body, bool raw, bool is_bytes, std::string* out,
                                   bool* no_escapes) {
  *no_escapes = raw || body.find('\\') == std::string_view::npos;
  if (is_bytes) {
    for (char c : text(t)) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        raise_known_location(tok_loc(t), "bytes can only contain ASCII literal characters");
        return false;
      }
    }
  }
  if (*no_escapes) {
    if (!is_bytes && utf8_validate(body) >= 0) {
      raise_syntax_error("(unicode error) " + utf8_error_message(body));
      return false;
    }
    return true;
  }
  std::string err, warning;
  if (is_bytes) {
    if (!decode_bytes_escapes(body, out, &err, &warning)) {
      raise_syntax_error("(value error) " + err);
      return false;
    }
  } else if (!decode_unicode_escapes(body, out, &err, &warning)) {
    raise_syntax_error("(unicode error) " + err);
    return false;
  }
  warn_escape(warning, t);
  return true;
}

// string: STRING (CPython's _PyPegen_constant_from_string)
Expr* Parser::constant_from_string(Token* t) {
  std::string_view s = text(t);
  bool bytes = false, raw = false;
  size_t i = 0;
  while (i < s.size() && s[i] != '\'' && s[i] != '"') {
    char c = s[i];
    if (c == 'b' || c == 'B') bytes = true;
    if (c == 'r' || c == 'R') raw = true;
    i++;
  }
  char quote = s[i];
  size_t qlen = (s.size() - i >= 6 && s[i + 1] == quote && s[i + 2] == quote) ? 3 : 1;
  std::string_view body = s.substr(i + qlen, s.size() - i - 2 * qlen);
  std::string decoded;
  bool no_escapes;
  if (!decode_string_literal(t, body, raw, bytes, &decoded, &no_escapes)) return nullptr;
  Expr* e = new_expr(ExprKind::Constant, tok_loc(t));
  ConstantValue& v = e->v.Constant.value;
  v.kind = bytes ? ConstantValue::Kind::kBytes : ConstantValue::Kind::kStr;
  v.str = no_escapes ? Str{body.data(), static_cast<uint32_t>(body.size())} : arena_.copy_str(decoded);
  if (s[0] == 'u') e->v.Constant.kind = Str{"u", 1};
  return e;
}

Expr* Parser::strings() {
  if (error_) return nullptr;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kStrings, &r)) return static_cast<Expr*>(r);
  if (error_) return nullptr;
  Expr* e = strings_raw();
  if (error_) return nullptr;
  memo_put(start, MemoRule::kStrings, e);
  return e;
}

// strings: (fstring|string)+
Expr* Parser::strings_raw() {
  int start = mark_;
  SmallVec<Expr*> parts;
  for (;;) {
    Token* t = peek();
    if (!t) return nullptr;
    if (t->kind == Tok::STRING) {
      mark_++;
      Expr* s = constant_from_string(t);
      if (!s) return nullptr;
      parts.push_back(s);
    } else if (t->kind == Tok::FSTRING_START) {
      Expr* f = fstring();
      if (!f) break;
      parts.push_back(f);
    } else {
      break;
    }
  }
  if (error_) return nullptr;
  if (parts.empty()) {
    mark_ = start;
    return nullptr;
  }
  return concatenate_strings(seq(parts), loc_from(start));
}

static bool is_empty_str_constant(const Expr* e) {
  return e->kind == ExprKind::Constant && e->v.Constant.value.kind == ConstantValue::Kind::kStr &&
         e->v.Constant.value.str.size == 0;
}

// CPython's _PyPegen_concatenate_strings: adjacent literals fold into one Constant; with f-strings the result is
// one JoinedStr whose adjacent constants are folded and whose empty constants are dropped.
Expr* Parser::concatenate_strings(Seq<Expr*> parts, const Loc& l) {
  bool f_string_found = false, unicode_found = false, bytes_found = false;
  for (Expr* e : parts) {
    if (e->kind == ExprKind::Constant) {
      if (e->v.Constant.value.kind == ConstantValue::Kind::kBytes) {
        bytes_found = true;
      } else {
        unicode_found = true;
      }
    } else {
      f_string_found = true;
    }
  }
  if ((unicode_found || f_string_found) && bytes_found) {
    return static_cast<Expr*>(raise_syntax_error("cannot mix bytes and nonbytes literals"));
  }
  if (bytes_found) {
    if (parts.size == 1) {
      Expr* e = new_expr(ExprKind::Constant, l);
      e->v.Constant = parts[0]->v.Constant;
      return e;
    }
    std::string all;
    for (Expr* e : parts) all += e->v.Constant.value.str.view();
    Expr* e = new_expr(ExprKind::Constant, l);
    e->v.Constant.value.kind = ConstantValue::Kind::kBytes;
    e->v.Constant.value.str = arena_.copy_str(all);
    e->v.Constant.kind = parts[0]->v.Constant.kind;
    return e;
  }
  if (!f_string_found && parts.size == 1) return parts[0];

  SmallVec<Expr*, 16> flat;
  for (Expr* e : parts) {
    if (e->kind == ExprKind::JoinedStr) {
      for (Expr* x : e->v.JoinedStr.values) flat.push_back(x);
    } else {
      flat.push_back(e);
    }
  }
  SmallVec<Expr*, 16> values;
  for (uint32_t i = 0; i < flat.size(); i++) {
    Expr* elem = flat[i];
    if (elem->kind == ExprKind::Constant) {
      if (i + 1 < flat.size() && flat[i + 1]->kind == ExprKind::Constant) {
        Expr* first = elem;
        Expr* last = elem;
        std::string joined;
        uint32_t j = i;
        for (; j < flat.size() && flat[j]->kind == ExprKind::Constant; j++) {
          joined += flat[j]->v.Constant.value.str.view();
          last = flat[j];
        }
        i = j - 1;
        elem = new_expr(ExprKind::Constant,
                        Loc{first->loc.lineno, first->loc.col_offset, last->loc.end_lineno, last->loc.end_col_offset});
        elem->v.Constant.value.kind = ConstantValue::Kind::kStr;
        elem->v.Constant.value.str = arena_.copy_str(joined);
        elem->v.Constant.kind = first->v.Constant.kind;
      }
      if (f_string_found && is_empty_str_constant(elem)) continue;
    }
    values.push_back(elem);
  }
  if (!f_string_found) return values[0];
  Expr* e = new_expr(ExprKind::JoinedStr, l);
  e->v.JoinedStr.values = seq(values);
  return e;
}

// fstring: FSTRING_START fstring_middle* FSTRING_END
Expr* Parser::fstring() {
  if (error_) return nullptr;
  int start = mark_;
  Token* a = expect(Tok::FSTRING_START);
  if (!a) return nullptr;
  SmallVec<Expr*, 16> parts;
  while (Expr* m = fstring_middle()) parts.push_back(m);
  if (error_) return nullptr;
  if (Token* b = expect(Tok::FSTRING_END)) return joined_str(a, seq(parts), b);
  mark_ = start;
  return nullptr;
}

// fstring_middle: fstring_replacement_field | FSTRING_MIDDLE
// The FSTRING_MIDDLE constant keeps its raw text here; joined_str decodes it.
Expr* Parser::fstring_middle() {
  if (error_) return nullptr;
  if (Expr* f = fstring_replacement_field()) return f;
  if (error_) return nullptr;
  if (Token* t = expect(Tok::FSTRING_MIDDLE)) {
    Expr* e = new_expr(ExprKind::Constant, tok_loc(t));
    e->v.Constant.value.kind = ConstantValue::Kind::kStr;
    std::string_view s = text(t);
    e->v.Constant.value.str = Str{s.data(), static_cast<uint32_t>(s.size())};
    e->v.Constant.value.big = true;  // marks "raw token text, not yet decoded"
    return e;
  }
  return nullptr;
}

// CPython's _PyPegen_joined_str: flattens debug JoinedStrs, decodes the literal parts and drops empty ones.
Expr* Parser::joined_str(Token* start, Seq<Expr*> raw_parts, Token* end) {
  std::string_view prefix = text(start);
  bool is_raw = prefix.find_first_of("rR") != std::string_view::npos;
  SmallVec<Expr*, 16> items;
  for (Expr* e : raw_parts) {
    if (e->kind == ExprKind::JoinedStr) {
      for (Expr* x : e->v.JoinedStr.values) items.push_back(x);
    } else {
      items.push_back(e);
    }
  }
  SmallVec<Expr*, 16> values;
  for (Expr* item : items) {
    if (item->kind == ExprKind::Constant && item->v.Constant.value.big) {
      std::string_view s = item->v.Constant.value.str.view();
      if (s == "{{" || s == "}}") s = s.substr(0, 1);
      Expr* c = new_expr(ExprKind::Constant, item->loc);
      c->v.Constant.value.kind = ConstantValue::Kind::kStr;
      if (is_raw || s.find('\\') == std::string_view::npos) {
        if (utf8_validate(s) >= 0)
          return static_cast<Expr*>(raise_syntax_error("(unicode error) " + utf8_error_message(s)));
        c->v.Constant.value.str = Str{s.data(), static_cast<uint32_t>(s.size())};
      } else {
        std::string decoded, err, warning;
        if (!decode_unicode_escapes(s, &decoded, &err, &warning)) {
          return static_cast<Expr*>(raise_syntax_error("(unicode error) " + err));
        }
        warn_escape(warning, end);
        c->v.Constant.value.str = arena_.copy_str(decoded);
      }
      if (c->v.Constant.value.str.size == 0) continue;
      item = c;
    }
    values.push_back(item);
  }
  Expr* j = new_expr(ExprKind::JoinedStr, Loc{start->lineno, start->col_offset, end->end_lineno, end->end_col_offset});
  j->v.JoinedStr.values = seq(values);
  return j;
}

// fstring_replacement_field:
//     | '{' annotated_rhs '='? [fstring_conversion] [fstring_full_format_spec] '}'
//     | invalid_replacement_field
// fstring_conversion: "!" NAME
// fstring_full_format_spec: ':' fstring_format_spec*
Expr* Parser::fstring_replacement_field() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LBRACE)) {
    if (Expr* a = annotated_rhs()) {
      Token* debug = expect(Tok::EQUAL);
      Token* conv_tok = nullptr;
      Expr* conv = nullptr;
      int m = mark_;
      if (Token* bang = expect(Tok::EXCLAMATION)) {
        if (Token* n = expect(Tok::NAME)) {
          // CPython's _PyPegen_check_fstring_conversion.
          if (bang->lineno != n->lineno || bang->end_col_offset != n->col_offset) {
            return static_cast<Expr*>(raise_known_range(
                tok_loc(bang), tok_loc(n), "f-string: conversion type must come right after the exclamanation mark"));
          }
          conv_tok = bang;
          conv = name_expr(n);
        } else {
          mark_ = m;
        }
      }
      if (error_) return nullptr;
      Token* colon = nullptr;
      Expr* format = nullptr;
      m = mark_;
      if (Token* c = expect(Tok::COLON)) {
        SmallVec<Expr*> spec;
        while (Expr* s = fstring_format_spec()) spec.push_back(s);
        if (error_) return nullptr;
        // CPython's _PyPegen_setup_full_format_spec: empty constants are dropped, and a lone constant (or
        // nothing) stays a JoinedStr of its own.
        SmallVec<Expr*> kept;
        for (Expr* s : spec) {
          if (!is_empty_str_constant(s)) kept.push_back(s);
        }
        Loc l = loc_from(m);
        if (kept.size() == 0 || (kept.size() == 1 && kept[0]->kind == ExprKind::Constant)) {
          format = new_expr(ExprKind::JoinedStr, l);
          format->v.JoinedStr.values = seq(kept);
        } else {
          format = concatenate_strings(seq(kept), l);
          if (!format) return nullptr;
        }
        colon = c;
      }
      if (error_) return nullptr;
      if (Token* rbrace = expect(Tok::RBRACE)) {
        return formatted_value(a, debug, conv_tok, conv, colon, format, rbrace, loc_from(start));
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_replacement_field();
    mark_ = start;
  }
  return nullptr;
}

// fstring_format_spec: FSTRING_MIDDLE | fstring_replacement_field
// (the literal part is decoded right away, never as raw: CPython's _PyPegen_decoded_constant_from_token)
Expr* Parser::fstring_format_spec() {
  if (error_) return nullptr;
  if (Token* t = expect(Tok::FSTRING_MIDDLE)) {
    Expr* e = new_expr(ExprKind::Constant, tok_loc(t));
    e->v.Constant.value.kind = ConstantValue::Kind::kStr;
    std::string_view s = text(t);
    if (s.find('\\') == std::string_view::npos) {
      if (utf8_validate(s) >= 0)
        return static_cast<Expr*>(raise_syntax_error("(unicode error) " + utf8_error_message(s)));
      e->v.Constant.value.str = Str{s.data(), static_cast<uint32_t>(s.size())};
    } else {
      std::string decoded, err, warning;
      if (!decode_unicode_escapes(s, &decoded, &err, &warning)) {
        return static_cast<Expr*>(raise_syntax_error("(unicode error) " + err));
      }
      warn_escape(warning, t);
      e->v.Constant.value.str = arena_.copy_str(decoded);
    }
    return e;
  }
  if (error_) return nullptr;
  return fstring_replacement_field();
}

// CPython's _PyPegen_formatted_value.
Expr* Parser::formatted_value(Expr* e, Token* debug, Token* conv_tok, Expr* conv, Token* colon, Expr* format,
                              Token* rbrace, const Loc& l) {
  int conversion = -1;
  if (conv) {
    std::string_view id = conv->v.Name.id.view();
    if (id.size() > 1 || !(id[0] == 's' || id[0] == 'r' || id[0] == 'a')) {
      std::string name(id);
      return static_cast<Expr*>(raise_known_location(
          conv->loc,
          fmt::format("f-string: invalid conversion character {}: expected 's', 'r', or 'a'", str_repr(name))));
    }
    conversion = id[0];
  } else if (debug && !format) {
    conversion = 'r';
  }
  Expr* fv = new_expr(ExprKind::FormattedValue, l);
  fv->v.FormattedValue.value = e;
  fv->v.FormattedValue.conversion = conversion;
  fv->v.FormattedValue.format_spec = format;
  if (!debug) return fv;
  int end_line, end_offset;
  const Token* meta_tok;
  if (conv) {
    end_line = conv->loc.lineno;
    end_offset = conv->loc.col_offset;
    meta_tok = conv_tok;
  } else if (format) {
    end_line = format->loc.lineno;
    end_offset = format->loc.col_offset + 1;
    meta_tok = colon;
  } else {
    end_line = l.end_lineno;
    end_offset = l.end_col_offset;
    meta_tok = rbrace;
  }
  Expr* text_const = new_expr(ExprKind::Constant, Loc{l.lineno, l.col_offset + 1, end_line, end_offset - 1});
  text_const->v.Constant.value.kind = ConstantValue::Kind::kStr;
  if (meta_tok && meta_tok->debug_text) {
    std::string_view dt = tokenizer_.debug_text(meta_tok->debug_text - 1);
    text_const->v.Constant.value.str = arena_.copy_str(dt);
  } else {
    text_const->v.Constant.value.str = Str{"", 0};
  }
  Expr* j = new_expr(ExprKind::JoinedStr, Loc{l.lineno, l.col_offset, end_line, end_offset});
  Expr* items[2] = {text_const, fv};
  j->v.JoinedStr.values = arena_.copy_seq(items, 2);
  return j;
}

}  // namespace pyvm::compiler
