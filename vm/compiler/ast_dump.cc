// The AST dumper (field order and omissions from ast_nodes.def) and Python's repr of constants.
#include "vm/compiler/ast_dump.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "vm/compiler/unicode.h"

namespace pyvm::compiler {

namespace {

void append_hex(std::string& out, uint32_t v, int digits) {
  static const char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; i--) out.push_back(kHex[(v >> (4 * i)) & 0xF]);
}

// Converts digits in base 2, 8 or 16 to decimal.
std::string to_decimal(std::string_view digits, int base) {
  if (base == 10) {
    size_t i = 0;
    while (i + 1 < digits.size() && digits[i] == '0') i++;
    return std::string(digits.substr(i));
  }
  std::vector<uint32_t> limbs{0};  // base 1e9, little-endian
  for (char ch : digits) {
    uint32_t d = ch >= 'a' ? ch - 'a' + 10 : ch >= 'A' ? ch - 'A' + 10 : ch - '0';
    uint64_t carry = d;
    for (uint32_t& l : limbs) {
      uint64_t v = static_cast<uint64_t>(l) * base + carry;
      l = static_cast<uint32_t>(v % 1000000000);
      carry = v / 1000000000;
    }
    if (carry) limbs.push_back(static_cast<uint32_t>(carry));
  }
  std::string out = std::to_string(limbs.back());
  for (size_t i = limbs.size() - 1; i-- > 0;) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
    out += buf;
  }
  return out;
}

std::string bytes_repr(std::string_view b) {
  bool has_single = b.find('\'') != std::string_view::npos;
  bool has_double = b.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out.push_back(quote);
  for (unsigned char c : b) {
    if (c == quote || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      out += "\\x";
      append_hex(out, c, 2);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back(quote);
  return out;
}

class Dumper {
 public:
  explicit Dumper(std::string& out) : out_(out) {}

  void node(const Mod* m);
  void node(const Stmt* s);
  void node(const Expr* e);
  void node(const Pattern* p);
  void node(const TypeParam* t);
#define F(type, name)
#define AST_PRODUCT(Type, PyName, HasLoc, Fields) void node(const Type* n);
#include "vm/compiler/ast_nodes.def"
#undef F

 private:
  // Whether ast.dump leaves the field out (None or an empty list).
  template <class T>
  static bool omitted(const T* p) {
    return p == nullptr;
  }
  template <class T>
  static bool omitted(const Seq<T>& s) {
    return s.size == 0;
  }
  static bool omitted(const Str& s) { return s.data == nullptr; }
  static bool omitted(int) { return false; }
  static bool omitted(const ConstantValue&) { return false; }
  template <class E>
  static std::enable_if_t<std::is_enum_v<E>, bool> omitted(E) {
    return false;
  }

  template <class T>
  void value(const T* p) {
    if (p == nullptr) {
      out_ += "None";
    } else {
      node(p);
    }
  }
  template <class T>
  void value(const Seq<T>& s) {
    out_.push_back('[');
    for (uint32_t i = 0; i < s.size; i++) {
      if (i) out_ += ", ";
      value(s[i]);
    }
    out_.push_back(']');
  }
  void value(const Str& s) {
    if (s.data == nullptr) {
      out_ += "None";
    } else {
      out_ += str_repr(s.view());
    }
  }
  void value(int v) { out_ += std::to_string(v); }
  void value(const ConstantValue& v) { out_ += constant_repr(v); }
  template <class E>
  std::enable_if_t<std::is_enum_v<E>> value(E e) {
    out_ += enum_name(e);
    out_ += "()";
  }

  template <class T>
  void field(bool& first, const char* name, const T& v) {
    if (omitted(v)) return;
    if (!first) out_ += ", ";
    first = false;
    out_ += name;
    out_.push_back('=');
    value(v);
  }
  void attrs(bool& first, const Loc& l) {
    field(first, "lineno", l.lineno);
    field(first, "col_offset", l.col_offset);
    field(first, "end_lineno", l.end_lineno);
    field(first, "end_col_offset", l.end_col_offset);
  }
  void no_attrs(bool&, const Loc&) {}

  std::string& out_;
};

#define F(type, name) field(first, #name, x.name);

#define AST_SEL_Mod(K, F)
#define AST_SEL_Stmt(K, F)
#define AST_SEL_Expr(K, F)
#define AST_SEL_Pattern(K, F)
#define AST_SEL_TypeParam(K, F)

#define CASE(Type, K, Fields, ATTRS) \
  case Type##Kind::K: {              \
    const auto& x = n->v.K;          \
    (void)x;                         \
    out_ += #K "(";                  \
    bool first = true;               \
    Fields ATTRS;                    \
    out_.push_back(')');             \
    break;                           \
  }

#undef AST_SEL_Mod
#define AST_SEL_Mod(K, Fields) CASE(Mod, K, Fields, (void)first)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
void Dumper::node(const Mod* n) {
  switch (n->kind) {
#include "vm/compiler/ast_nodes.def"
  }
}
#undef AST_SEL_Mod
#define AST_SEL_Mod(K, F)

#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K, Fields) CASE(Stmt, K, Fields, attrs(first, n->loc))
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
void Dumper::node(const Stmt* n) {
  switch (n->kind) {
#include "vm/compiler/ast_nodes.def"
  }
}
#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K, F)

#undef AST_SEL_Expr
#define AST_SEL_Expr(K, Fields) CASE(Expr, K, Fields, attrs(first, n->loc))
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
void Dumper::node(const Expr* n) {
  switch (n->kind) {
#include "vm/compiler/ast_nodes.def"
  }
}
#undef AST_SEL_Expr
#define AST_SEL_Expr(K, F)

#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K, Fields) CASE(Pattern, K, Fields, attrs(first, n->loc))
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
void Dumper::node(const Pattern* n) {
  switch (n->kind) {
#include "vm/compiler/ast_nodes.def"
  }
}
#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K, F)

#undef AST_SEL_TypeParam
#define AST_SEL_TypeParam(K, Fields) CASE(TypeParam, K, Fields, attrs(first, n->loc))
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
void Dumper::node(const TypeParam* n) {
  switch (n->kind) {
#include "vm/compiler/ast_nodes.def"
  }
}

#define AST_LOC_0
#define AST_LOC_1 attrs(first, n->loc);
#define AST_PRODUCT(Type, PyName, HasLoc, Fields) \
  void Dumper::node(const Type* n) {              \
    const auto& x = *n;                           \
    out_ += #PyName "(";                          \
    bool first = true;                            \
    Fields AST_LOC_##HasLoc;                      \
    (void)first;                                  \
    out_.push_back(')');                          \
  }
#include "vm/compiler/ast_nodes.def"
#undef F

}  // namespace

std::string str_repr(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back(quote);
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    unsigned char b = static_cast<unsigned char>(*p);
    if (b < 0x80) {
      p++;
      if (b == static_cast<unsigned char>(quote) || b == '\\') {
        out.push_back('\\');
        out.push_back(static_cast<char>(b));
      } else if (b == '\t') {
        out += "\\t";
      } else if (b == '\n') {
        out += "\\n";
      } else if (b == '\r') {
        out += "\\r";
      } else if (b < 0x20 || b == 0x7F) {
        out += "\\x";
        append_hex(out, b, 2);
      } else {
        out.push_back(static_cast<char>(b));
      }
      continue;
    }
    const char* start = p;
    uint32_t cp = utf8_next(p);
    if (is_printable(cp)) {
      out.append(start, p - start);
    } else if (cp < 0x100) {
      out += "\\x";
      append_hex(out, cp, 2);
    } else if (cp < 0x10000) {
      out += "\\u";
      append_hex(out, cp, 4);
    } else {
      out += "\\U";
      append_hex(out, cp, 8);
    }
  }
  out.push_back(quote);
  return out;
}

std::string float_repr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  // Shortest round-tripping digits, then Python's layout: exponent form when the decimal exponent is < -4 or
  // >= 16, with at least two exponent digits.
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, r.ptr);
  bool neg = sci[0] == '-';
  if (neg) sci.erase(0, 1);
  size_t e = sci.find('e');
  std::string mant = sci.substr(0, e);
  int exp = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits.push_back(c);
  }
  int decpt = exp + 1;  // digits[0] is at 10^(decpt-1)
  std::string out = neg ? "-" : "";
  if (decpt <= -4 || decpt > 16) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) {
      out += '.';
      out += digits.substr(1);
    }
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += eb;
  } else if (decpt <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-decpt), '0');
    out += digits;
  } else if (static_cast<size_t>(decpt) >= digits.size()) {
    out += digits;
    out.append(decpt - digits.size(), '0');
    out += ".0";
  } else {
    out += digits.substr(0, decpt);
    out += '.';
    out += digits.substr(decpt);
  }
  return out;
}

std::string constant_repr(const ConstantValue& v) {
  switch (v.kind) {
    case ConstantValue::Kind::kNone:
      return "None";
    case ConstantValue::Kind::kTrue:
      return "True";
    case ConstantValue::Kind::kFalse:
      return "False";
    case ConstantValue::Kind::kEllipsis:
      return "Ellipsis";
    case ConstantValue::Kind::kInt:
      if (v.big) return to_decimal(v.str.view(), v.base);
      return std::to_string(v.ival);
    case ConstantValue::Kind::kFloat:
      return float_repr(v.fval);
    case ConstantValue::Kind::kComplex: {
      std::string s = float_repr(v.fval);
      if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
      return s + "j";
    }
    case ConstantValue::Kind::kStr:
      return str_repr(v.str.view());
    case ConstantValue::Kind::kBytes:
      return bytes_repr(v.str.view());
    case ConstantValue::Kind::kObject:
      return "<constant object>";  // only ASTs built in Python hold these; the dumper never sees one
  }
  return "?";
}

std::string dump_ast(const Mod* mod) {
  std::string out;
  Dumper(out).node(mod);
  return out;
}

std::string dump_ast(const Expr* e) {
  std::string out;
  Dumper(out).node(e);
  return out;
}

std::string dump_ast(const Stmt* s) {
  std::string out;
  Dumper(out).node(s);
  return out;
}

}  // namespace pyvm::compiler
