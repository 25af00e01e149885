// String formatting: format() and the format-spec mini-language for str, str.format / format_map, and
// printf-style `%` formatting for str and bytes (CPython's unicode_format.h, formatter_unicode.c, PyUnicode_Format
// and bytes_format, mirrored step by step so that edge cases and messages match).
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/number_format.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {
namespace {

constexpr ssize kSsizeMax = PTRDIFF_MAX;

// Reads decimal digits (any Unicode Nd) at [*pos, end) into *result; returns the digit count, or -1 with
// "Too many decimal digits in format string" on overflow.
ssize spec_integer(const StrChars& c, ssize* pos, ssize end, ssize* result) {
  ssize acc = 0, n = 0, p = *pos;
  for (; p < end; p++, n++) {
    int d = uchar_decimal(c[p]);
    if (d < 0) break;
    if (acc > (kSsizeMax - d) / 10) {
      set_error(&exc_ValueError, "Too many decimal digits in format string");
      *pos = p;
      return -1;
    }
    acc = acc * 10 + d;
  }
  *pos = p;
  *result = acc;
  return n;
}

inline bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
inline bool is_sign(uint32_t c) { return c == ' ' || c == '+' || c == '-'; }

std::nullptr_t invalid_thousands(uint32_t sep, uint32_t type) {
  if (type > 32 && type < 128) {
    return set_errorf(&exc_ValueError, "Cannot specify '{}' with '{}'.", char(sep), char(type));
  }
  return set_errorf(&exc_ValueError, "Cannot specify '{}' with '\\x{:x}'.", char(sep), type);
}

std::nullptr_t unknown_presentation(uint32_t type, const char* tname) {
  if (type > 32 && type < 128) {
    return set_errorf(&exc_ValueError, "Unknown format code '{}' for object of type '{}'", char(type), tname);
  }
  return set_errorf(&exc_ValueError, "Unknown format code '\\x{:x}' for object of type '{}'", type, tname);
}

}  // namespace

bool parse_format_spec(Object* obj, Object* spec, ssize start, ssize end, uint32_t default_type, uint32_t default_align,
                       FormatSpec* f) {
  StrChars c(spec);
  ssize pos = start;
  bool align_specified = false, fill_specified = false;
  *f = FormatSpec();
  f->align = default_align;
  f->type = default_type;
  if (end - pos >= 2 && is_align(c[pos + 1])) {
    f->align = c[pos + 1];
    f->fill = c[pos];
    fill_specified = align_specified = true;
    pos += 2;
  } else if (end - pos >= 1 && is_align(c[pos])) {
    f->align = c[pos];
    align_specified = true;
    pos++;
  }
  if (end - pos >= 1 && is_sign(c[pos])) f->sign = c[pos++];
  if (end - pos >= 1 && c[pos] == 'z') {
    f->no_neg_0 = true;
    pos++;
  }
  if (end - pos >= 1 && c[pos] == '#') {
    f->alternate = true;
    pos++;
  }
  if (!fill_specified && end - pos >= 1 && c[pos] == '0') {
    f->fill = '0';
    if (!align_specified && default_align == '>') f->align = '=';
    pos++;
  }
  ssize consumed = spec_integer(c, &pos, end, &f->width);
  if (consumed < 0) return false;
  if (consumed == 0) f->width = -1;
  if (end - pos > 0 && c[pos] == ',') {
    f->grouping = ',';
    pos++;
  }
  if (end - pos > 0 && c[pos] == '_') {
    if (f->grouping) {
      set_error(&exc_ValueError, "Cannot specify both ',' and '_'.");
      return false;
    }
    f->grouping = '_';
    pos++;
  }
  if (end - pos > 0 && c[pos] == ',' && f->grouping == '_') {
    set_error(&exc_ValueError, "Cannot specify both ',' and '_'.");
    return false;
  }
  if (end - pos > 0 && c[pos] == '.') {
    pos++;
    consumed = spec_integer(c, &pos, end, &f->precision);
    if (consumed < 0) return false;
    if (consumed == 0) {
      set_error(&exc_ValueError, "Format specifier missing precision");
      return false;
    }
  }
  if (end - pos > 1) {
    ORef actual = steal(str_substring(spec, start, end));
    if (actual) {
      set_errorf(&exc_ValueError, "Invalid format specifier '{}' for object of type '{}'", str_view(actual.get()),
                 type_name(obj));
    }
    return false;
  }
  if (end - pos == 1) f->type = c[pos++];
  if (f->grouping) {
    switch (f->type) {
      case 'd':
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'G':
      case '%':
      case 'F':
      case 0:
        break;
      case 'b':
      case 'o':
      case 'x':
      case 'X':
        if (f->grouping == '_') break;
        invalid_thousands(f->grouping, f->type);
        return false;
      default:
        invalid_thousands(f->grouping, f->type);
        return false;
    }
  }
  return true;
}

Object* str_format_spec(Object* s, Object* spec) {
  ssize end = str_length(spec);
  if (end == 0) return str_from_object(s);
  FormatSpec f;
  if (!parse_format_spec(s, spec, 0, end, 's', '<', &f)) return nullptr;
  if (f.type != 's') return unknown_presentation(f.type, type_name(s));
  if (f.sign) {
    return set_error(&exc_ValueError, f.sign == ' ' ? "Space not allowed in string format specifier"
                                                    : "Sign not allowed in string format specifier");
  }
  if (f.no_neg_0) {
    return set_error(&exc_ValueError, "Negative zero coercion (z) not allowed in string format specifier");
  }
  if (f.alternate) return set_error(&exc_ValueError, "Alternate form (#) not allowed in string format specifier");
  if (f.align == '=') return set_error(&exc_ValueError, "'=' alignment not allowed in string format specifier");
  ssize len = str_length(s);
  if ((f.width == -1 || f.width <= len) && (f.precision == -1 || f.precision >= len)) {
    if (type_check_exact(s, &str_type)) return newref(s);
    return str_from_kind(str_kind(s), str_data(s), len);  // an exact str, as the writer would produce
  }
  if (f.precision >= 0 && len >= f.precision) len = f.precision;
  ssize total = f.width >= 0 ? (f.width > len ? f.width : len) : len;
  ssize lpad = f.align == '>' ? total - len : f.align == '^' ? (total - len) / 2 : 0;
  ssize rpad = total - len - lpad;
  StrBuilder b;
  b.reserve(total);
  b.put_fill(f.fill, lpad);
  b.put_range(s, 0, len);
  b.put_fill(f.fill, rpad);
  return b.finish();
}

Object* format_object(Object* value, Object* spec) {
  if (spec && !type_check(spec, &str_type)) {
    return set_errorf(&exc_SystemError, "Format specifier must be a string, not {}", type_name(spec));
  }
  if (!spec || str_length(spec) == 0) {
    if (type_check_exact(value, &str_type)) return newref(value);
    if (type_check_exact(value, &int_type)) return object_str(value);
  }
  if (!spec) spec = str_empty();
  ORef meth = borrow(type_lookup(type_of(value), strs::format));
  if (!meth) {
    if (!error_occurred()) {
      set_errorf(&exc_TypeError, "Type {} doesn't define __format__", type_of(value)->tp_name);
    }
    return nullptr;
  }
  Object* argv[2] = {value, spec};
  ORef r = steal(call(meth.get(), argv, 2, nullptr));
  if (r && !type_check(r.get(), &str_type)) {
    return set_errorf(&exc_TypeError, "__format__ must return a str, not {}", type_name(r.get()));
  }
  return r.release_obj();
}

// ---- str.format ----

namespace {

struct AutoNumber {
  enum { kInit, kAuto, kManual } state = kInit;
  ssize next = 0;
};

// get_integer of unicode_format.h: -1 when [s, e) is empty or not all decimal, -2 with an error on overflow.
ssize field_integer(const StrChars& c, ssize s, ssize e) {
  if (s >= e) return -1;
  ssize acc = 0;
  for (ssize i = s; i < e; i++) {
    int d = uchar_decimal(c[i]);
    if (d < 0) return -1;
    if (acc > (kSsizeMax - d) / 10) {
      set_error(&exc_ValueError, "Too many decimal digits in format string");
      return -2;
    }
    acc = acc * 10 + d;
  }
  return acc;
}

struct Formatter {
  Object* fmt;
  StrChars c;
  Object* args;    // tuple or null (format_map)
  Object* kwargs;  // mapping or null
  AutoNumber an;

  // Looks up the object named by fmt[s:e) (field_name_split + get_field_object).
  Object* field_object(ssize s, ssize e) {
    ssize i = s;
    while (i < e && c[i] != '[' && c[i] != '.') i++;
    ssize first_end = i;
    ssize index = field_integer(c, s, first_end);
    if (index == -2) return nullptr;
    bool empty = s >= first_end;
    bool numeric = empty || index != -1;
    if (an.state == AutoNumber::kInit && numeric) an.state = empty ? AutoNumber::kAuto : AutoNumber::kManual;
    if (numeric) {
      if (an.state == AutoNumber::kManual && empty) {
        return set_error(&exc_ValueError, "cannot switch from manual field specification to automatic field numbering");
      }
      if (an.state == AutoNumber::kAuto && !empty) {
        return set_error(&exc_ValueError, "cannot switch from automatic field numbering to manual field specification");
      }
    }
    if (empty) index = an.next++;
    ORef obj;
    if (index == -1) {
      ORef key = steal(str_substring(fmt, s, first_end));
      if (!key) return nullptr;
      if (!kwargs) return set_error_value(&exc_KeyError, key.get());
      obj = steal(get_item(kwargs, key.get()));
      if (!obj) return nullptr;
    } else {
      if (!args) return set_error(&exc_ValueError, "Format string contains positional fields");
      if (index >= tuple_size(args)) {
        return set_errorf(&exc_IndexError, "Replacement index {} out of range for positional args tuple", index);
      }
      obj = borrow(tuple_get(args, index));
    }
    // The rest: ('.' name | '[' key ']')*
    i = first_end;
    while (i < e) {
      uint32_t ch = c[i++];
      bool is_attr;
      ssize ns, ne;
      if (ch == '.') {
        is_attr = true;
        ns = i;
        while (i < e && c[i] != '.' && c[i] != '[') i++;
        ne = i;
      } else if (ch == '[') {
        is_attr = false;
        ns = i;
        bool closed = false;
        while (i < e) {
          if (c[i] == ']') {
            closed = true;
            break;
          }
          i++;
        }
        if (!closed) return set_error(&exc_ValueError, "Missing ']' in format string");
        ne = i++;
      } else {
        return set_error(&exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
      }
      ssize idx = is_attr ? -1 : field_integer(c, ns, ne);
      if (idx == -2) return nullptr;
      if (ns == ne) return set_error(&exc_ValueError, "Empty attribute in format string");
      ORef next;
      if (is_attr) {
        ORef name = steal(str_substring(fmt, ns, ne));
        if (!name) return nullptr;
        next = steal(get_attr(obj.get(), name.get()));
      } else if (idx == -1) {
        ORef key = steal(str_substring(fmt, ns, ne));
        if (!key) return nullptr;
        next = steal(get_item(obj.get(), key.get()));
      } else {
        ORef key = steal(int_from_ssize(idx));
        if (!key) return nullptr;
        next = steal(get_item(obj.get(), key.get()));
      }
      if (!next) return nullptr;
      obj = next;
    }
    return obj.release_obj();
  }

  // Renders fmt[pos:end) into out; depth guards nested format specs (CPython starts at 2).
  bool build(ssize pos, ssize end, int depth, StrBuilder& out) {
    if (depth <= 0) {
      set_error(&exc_ValueError, "Max string recursion exceeded");
      return false;
    }
    while (pos < end) {
      // Literal text up to the next '{' or '}' (MarkupIterator_next).
      ssize start = pos;
      uint32_t ch = 0;
      bool markup = false;
      while (pos < end) {
        ch = c[pos++];
        if (ch == '{' || ch == '}') {
          markup = true;
          break;
        }
      }
      bool at_end = pos >= end;
      ssize len = pos - start;
      if (markup && ch == '}' && (at_end || c[pos] != '}')) {
        set_error(&exc_ValueError, "Single '}' encountered in format string");
        return false;
      }
      if (at_end && markup && ch == '{') {
        set_error(&exc_ValueError, "Single '{' encountered in format string");
        return false;
      }
      if (!at_end && markup) {
        if (c[pos] == ch) {
          pos++;
          markup = false;
        } else {
          len--;
        }
      }
      out.put_range(fmt, start, start + len);
      if (!markup) continue;
      // parse_field
      ssize name_start = pos;
      ch = 0;
      while (pos < end) {
        ch = c[pos++];
        if (ch == '{') {
          set_error(&exc_ValueError, "unexpected '{' in field name");
          return false;
        }
        if (ch == '[') {
          while (pos < end && c[pos] != ']') pos++;
          continue;
        }
        if (ch == '}' || ch == ':' || ch == '!') break;
      }
      ssize name_end = pos - 1;
      uint32_t conversion = 0;
      ssize spec_start = 0, spec_end = 0;
      bool expand = false;
      if (ch == '!' || ch == ':') {
        bool done = false;
        if (ch == '!') {
          if (pos >= end) {
            set_error(&exc_ValueError, "end of string while looking for conversion specifier");
            return false;
          }
          conversion = c[pos++];
          if (pos < end) {
            ch = c[pos++];
            if (ch == '}') {
              done = true;
            } else if (ch != ':') {
              set_error(&exc_ValueError, "expected ':' after conversion specifier");
              return false;
            }
          }
        }
        if (!done) {
          spec_start = pos;
          ssize count = 1;
          while (pos < end) {
            ch = c[pos++];
            if (ch == '{') {
              expand = true;
              count++;
            } else if (ch == '}') {
              if (--count == 0) {
                spec_end = pos - 1;
                done = true;
                break;
              }
            }
          }
          if (!done) {
            set_error(&exc_ValueError, "unmatched '{' in format spec");
            return false;
          }
        }
      } else if (ch != '}') {
        set_error(&exc_ValueError, "expected '}' before end of string");
        return false;
      }
      // render_field
      ORef obj = steal(field_object(name_start, name_end));
      if (!obj) return false;
      if (conversion) {
        Object* conv;
        switch (conversion) {
          case 'r':
            conv = object_repr(obj.get());
            break;
          case 's':
            conv = object_str(obj.get());
            break;
          case 'a':
            conv = str_ascii(obj.get());
            break;
          default:
            if (conversion > 32 && conversion < 127) {
              set_errorf(&exc_ValueError, "Unknown conversion specifier {}", char(conversion));
            } else {
              set_errorf(&exc_ValueError, "Unknown conversion specifier \\x{:x}", conversion);
            }
            return false;
        }
        if (!conv) return false;
        obj = steal(conv);
      }
      ORef spec;
      if (expand) {
        StrBuilder sb;
        if (!build(spec_start, spec_end, depth - 1, sb)) return false;
        spec = steal(sb.finish());
      } else {
        spec = steal(str_substring(fmt, spec_start, spec_end));
      }
      if (!spec) return false;
      ORef r = steal(format_object(obj.get(), spec.get()));
      if (!r) return false;
      out.put_str(r.get());
    }
    return true;
  }
};

}  // namespace

Object* str_format_call(Object* fmt, Object* args, Object* kwargs) {
  Formatter f{fmt, StrChars(fmt), args, kwargs, {}};
  StrBuilder out;
  out.reserve(str_length(fmt));
  if (!f.build(0, str_length(fmt), 2, out)) return nullptr;
  return out.finish();
}

// ---- printf-style formatting ----

namespace {

enum : int { kLjust = 1, kSign = 2, kBlank = 4, kAlt = 8, kZero = 16 };

bool number_check(Object* o) {
  PyNumberMethods* nb = type_of(o)->tp_as_number;
  return (nb && (nb->nb_index || nb->nb_int || nb->nb_float)) || type_check(o, &complex_type);
}

// mainformatlong + _PyUnicode_FormatLong: the text of an integer conversion (d i u o x X) with its sign,
// optional base prefix (alternate form) and precision zero padding.
bool format_long(Object* v, uint32_t type, int flags, int prec, std::string* out) {
  ORef iobj;
  bool wrong = !number_check(v);
  if (!wrong) {
    if (type_check(v, &int_type)) {
      iobj = borrow(v);
    } else {
      iobj = steal((type == 'o' || type == 'x' || type == 'X') ? number_index(v) : number_long(v));
      if (!iobj) {
        if (!error_matches(&exc_TypeError)) return false;
        error_clear();
        wrong = true;
      }
    }
  }
  if (wrong) {
    if (type == 'o' || type == 'x' || type == 'X') {
      set_errorf(&exc_TypeError, "%{} format: an integer is required, not {}", char(type), type_name(v));
    } else {
      set_errorf(&exc_TypeError, "%{} format: a real number is required, not {}", char(type), type_name(v));
    }
    return false;
  }
  int base = type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
  std::string digits;
  if (!int_to_string(iobj.get(), base, &digits)) return false;
  bool neg = !digits.empty() && digits[0] == '-';
  if (neg) digits.erase(0, 1);
  if (digits.size() >= 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'o' || digits[1] == 'X')) {
    digits.erase(0, 2);  // tolerate a base prefix from int_to_string
  }
  out->clear();
  if (neg) out->push_back('-');
  if ((flags & kAlt) && base != 10) {
    out->push_back('0');
    out->push_back(type == 'o' ? 'o' : 'x');
  }
  if (prec > ssize(digits.size())) out->append(size_t(prec) - digits.size(), '0');
  out->append(digits);
  if (type == 'X') {
    for (char& ch : *out)
      if (ch >= 'a' && ch <= 'x') ch = char(ch - 'a' + 'A');
  }
  return true;
}

// formatfloat: PyOS_double_to_string(x, type, prec, alt) for e E f F g G.
bool format_float(Object* v, uint32_t type, int flags, int prec, std::string* out) {
  double x;
  if (type_check(v, &float_type)) {
    x = float_value(v);
  } else {
    PyNumberMethods* nb = type_of(v)->tp_as_number;
    if (!nb || (!nb->nb_float && !nb->nb_index)) {
      set_errorf(&exc_TypeError, "must be real number, not {}", type_name(v));
      return false;
    }
    ORef f = steal(number_float(v));
    if (!f) return false;
    x = float_value(f.get());
  }
  if (prec < 0) prec = 6;
  *out = double_to_string(x, char(type), prec, (flags & kAlt) ? kDtsfAlt : 0);
  return true;
}

// The shared engine: `bytes` selects bytes_format's conversions (%b/%s take bytes, %r/%a give ascii(), %c takes
// a byte); code points are collected in a u32string (bytes mode only produces values < 256).
struct Percent {
  StrChars fmt;
  bool bytes;
  ssize pos = 0;
  bool exhausted = false;
  Object* args;
  ORef owned;  // args after a %(key) lookup
  ssize arglen, argidx;
  Object* dict = nullptr;
  std::u32string out;

  bool next(uint32_t* ch) {
    if (pos < fmt.len) {
      *ch = fmt[pos++];
      return true;
    }
    exhausted = true;
    return false;
  }
  uint32_t peek() const { return pos < fmt.len ? fmt[pos] : 0; }

  Object* next_arg() {
    ssize i = argidx;
    if (i < arglen) {
      argidx++;
      return arglen < 0 ? args : tuple_get(args, i);
    }
    return set_error(&exc_TypeError, "not enough arguments for format string");
  }

  void put_ascii(const std::string& s) {
    for (char ch : s) out.push_back(uint8_t(ch));
  }

  bool run() {
    while (pos < fmt.len) {
      if (fmt[pos] != '%') {
        out.push_back(fmt[pos++]);
        continue;
      }
      pos++;
      if (!format_arg()) return false;
    }
    if (argidx < arglen && !dict) {
      set_error(&exc_TypeError, bytes ? "not all arguments converted during bytes formatting"
                                      : "not all arguments converted during string formatting");
      return false;
    }
    return true;
  }

  bool format_arg() {
    uint32_t ch = peek();
    if (ch == '%') {
      pos++;
      out.push_back('%');
      return true;
    }
    int flags = 0;
    ssize width = -1;
    int prec = -1;
    if (ch == '(') {
      if (!dict) {
        set_error(&exc_TypeError, "format requires a mapping");
        return false;
      }
      pos++;
      ssize keystart = pos;
      int pcount = 1;
      while (pcount > 0 && next(&ch)) {
        if (ch == ')') {
          pcount--;
        } else if (ch == '(') {
          pcount++;
        }
      }
      if (exhausted || pcount > 0) {
        set_error(&exc_ValueError, "incomplete format key");
        return false;
      }
      ssize keylen = pos - keystart - 1;
      ORef key;
      if (bytes) {
        std::string k;
        for (ssize i = 0; i < keylen; i++) k.push_back(char(fmt[keystart + i]));
        key = steal(bytes_from(k.data(), keylen));
      } else {
        std::u32string k;
        for (ssize i = 0; i < keylen; i++) k.push_back(fmt[keystart + i]);
        key = steal(str_from_ucs4(reinterpret_cast<const uint32_t*>(k.data()), keylen));
      }
      if (!key) return false;
      owned = steal(get_item(dict, key.get()));
      if (!owned) return false;
      args = owned.get();
      arglen = -1;
      argidx = -2;
    }
    while (next(&ch)) {
      switch (ch) {
        case '-':
          flags |= kLjust;
          continue;
        case '+':
          flags |= kSign;
          continue;
        case ' ':
          flags |= kBlank;
          continue;
        case '#':
          flags |= kAlt;
          continue;
        case '0':
          flags |= kZero;
          continue;
      }
      break;
    }
    if (ch == '*') {
      Object* v = next_arg();
      if (!v) return false;
      if (!type_check(v, &int_type)) {
        set_error(&exc_TypeError, "* wants int");
        return false;
      }
      width = int_as_ssize(v);
      if (width == -1 && error_occurred()) return false;
      if (width < 0) {
        flags |= kLjust;
        width = -width;
      }
      next(&ch);
    } else if (ch >= '0' && ch <= '9') {
      width = ch - '0';
      while (next(&ch)) {
        if (ch < '0' || ch > '9') break;
        if (width > (kSsizeMax - ssize(ch - '0')) / 10) {
          set_error(&exc_ValueError, "width too big");
          return false;
        }
        width = width * 10 + (ch - '0');
      }
    }
    if (ch == '.') {
      prec = 0;
      next(&ch);
      if (ch == '*') {
        Object* v = next_arg();
        if (!v) return false;
        if (!type_check(v, &int_type)) {
          set_error(&exc_TypeError, "* wants int");
          return false;
        }
        int overflow = 0;
        int64_t p = int_as_i64(v, &overflow);
        if (overflow || p > INT_MAX || p < INT_MIN) {
          error_clear();
          set_error(&exc_OverflowError, "Python int too large to convert to C int");
          return false;
        }
        prec = p < 0 ? 0 : int(p);
        next(&ch);
      } else if (ch >= '0' && ch <= '9') {
        prec = int(ch - '0');
        while (next(&ch)) {
          if (ch < '0' || ch > '9') break;
          if (prec > (INT_MAX - int(ch - '0')) / 10) {
            set_error(&exc_ValueError, bytes ? "prec too big" : "precision too big");
            return false;
          }
          prec = prec * 10 + int(ch - '0');
        }
      }
    }
    if (!exhausted && (ch == 'h' || ch == 'l' || ch == 'L')) next(&ch);
    if (exhausted) {
      set_error(&exc_ValueError, "incomplete format");
      return false;
    }
    return convert(ch, flags, width, prec);
  }

  bool convert(uint32_t ch, int flags, ssize width, int prec) {
    Object* v = next_arg();
    if (!v) return false;
    std::u32string text;
    bool sign = false;
    auto take_str = [&](Object* s) {
      StrChars c(s);
      for (ssize i = 0; i < c.len; i++) text.push_back(c[i]);
    };
    switch (ch) {
      case 's':
      case 'r':
      case 'a':
      case 'b': {
        if (bytes && (ch == 's' || ch == 'b')) {
          std::string data;
          if (!bytes_operand(v, &data)) return false;
          for (char c : data) text.push_back(uint8_t(c));
        } else if (bytes && (ch == 'r' || ch == 'a')) {
          ORef s = steal(str_ascii(v));
          if (!s) return false;
          take_str(s.get());
        } else if (ch == 'b') {
          return unsupported(ch);
        } else {
          ORef s;
          if (ch == 's') {
            s = steal(str_from_object(v));
          } else if (ch == 'r') {
            s = steal(object_repr(v));
          } else {
            s = steal(str_ascii(v));
          }
          if (!s) return false;
          take_str(s.get());
        }
        if (prec >= 0 && ssize(text.size()) > prec) text.resize(size_t(prec));
        break;
      }
      case 'i':
      case 'd':
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        uint32_t t = (bytes && ch == 'i') ? 'd' : ch;
        std::string s;
        if (!format_long(v, t, flags, prec, &s)) return false;
        for (char c : s) text.push_back(uint8_t(c));
        sign = true;
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        std::string s;
        if (!format_float(v, ch, flags, prec, &s)) return false;
        for (char c : s) text.push_back(uint8_t(c));
        sign = true;
        break;
      }
      case 'c': {
        uint32_t c;
        if (!(bytes ? byte_char(v, &c) : format_char(v, &c))) return false;
        text.push_back(c);
        break;
      }
      default:
        return unsupported(ch);
    }
    output(ch, flags, width, sign, text);
    if (dict && argidx < arglen) {
      set_error(&exc_TypeError, bytes ? "not all arguments converted during bytes formatting"
                                      : "not all arguments converted during string formatting");
      return false;
    }
    return true;
  }

  bool unsupported(uint32_t ch) {
    set_errorf(&exc_ValueError, "unsupported format character '{}' (0x{:x}) at index {}",
               (ch >= 31 && ch <= 126) ? char(ch) : '?', ch, pos - 1);
    return false;
  }

  // formatchar (str): an int in range(0x110000) or a one-character str.
  bool format_char(Object* v, uint32_t* out_ch) {
    if (type_check(v, &str_type)) {
      if (str_length(v) == 1) {
        *out_ch = str_char_at(v, 0);
        return true;
      }
    } else if (index_check(v)) {
      ORef i = steal(number_index(v));
      if (!i) return false;
      int overflow = 0;
      int64_t x = int_as_i64(i.get(), &overflow);
      if (overflow || x < 0 || x > 0x10ffff) {
        error_clear();
        set_error(&exc_OverflowError, "%c arg not in range(0x110000)");
        return false;
      }
      *out_ch = uint32_t(x);
      return true;
    }
    set_error(&exc_TypeError, "%c requires int or char");
    return false;
  }

  // byte_converter (bytes): a one-byte bytes/bytearray or an int in range(256).
  bool byte_char(Object* v, uint32_t* out_ch) {
    if (type_check(v, &bytes_type) && bytes_size(v) == 1) {
      *out_ch = uint8_t(bytes_data(v)[0]);
      return true;
    }
    if (type_check(v, &bytearray_type) && bytearray_size(v) == 1) {
      *out_ch = uint8_t(bytearray_data(v)[0]);
      return true;
    }
    if (index_check(v)) {
      ORef i = steal(number_index(v));
      if (!i) return false;
      int overflow = 0;
      int64_t x = int_as_i64(i.get(), &overflow);
      if (overflow || x < 0 || x > 255) {
        error_clear();
        set_error(&exc_OverflowError, "%c arg not in range(256)");
        return false;
      }
      *out_ch = uint32_t(x);
      return true;
    }
    set_error(&exc_TypeError, "%c requires an integer in range(256) or a single byte");
    return false;
  }

  // format_obj of bytes_format: bytes, bytearray, __bytes__, or any buffer.
  bool bytes_operand(Object* v, std::string* data) {
    if (type_check(v, &bytes_type) || type_check(v, &bytearray_type)) return bytes_like_copy(v, data);
    static Object* bytes_name = str_interned("__bytes__");
    ORef meth = borrow(type_lookup(type_of(v), bytes_name));
    if (meth) {
      ORef r = steal(call(meth.get(), &v, 1, nullptr));
      if (!r) return false;
      if (!type_check(r.get(), &bytes_type)) {
        set_errorf(&exc_TypeError, "__bytes__ returned non-bytes (type {})", type_name(r.get()));
        return false;
      }
      data->assign(bytes_data(r.get()), size_t(bytes_size(r.get())));
      return true;
    }
    PyBufferProcs* bp = type_of(v)->tp_as_buffer;
    if (bp && bp->bf_getbuffer) return bytes_like_copy(v, data);
    set_errorf(&exc_TypeError, "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
               type_name(v));
    return false;
  }

  // unicode_format_arg_output / the tail of bytes_format: sign, alternate prefix, padding.
  void output(uint32_t ch, int flags, ssize width, bool sign, const std::u32string& str) {
    uint32_t fill = (sign && (flags & kZero)) ? '0' : ' ';
    ssize len = ssize(str.size());
    ssize pindex = 0;
    uint32_t signchar = 0;
    if (sign) {
      uint32_t c0 = len ? str[0] : 0;
      if (c0 == '-' || c0 == '+') {
        signchar = c0;
        len--;
        pindex++;
      } else if (flags & kSign) {
        signchar = '+';
      } else if (flags & kBlank) {
        signchar = ' ';
      } else {
        sign = false;
      }
    }
    if (width < len) width = len;
    if (sign) {
      if (fill != ' ') out.push_back(signchar);
      if (width > len) width--;
    }
    bool prefix = (flags & kAlt) && (ch == 'x' || ch == 'X' || ch == 'o');
    if (prefix) {
      if (fill != ' ') {
        out.push_back(str[size_t(pindex)]);
        out.push_back(str[size_t(pindex) + 1]);
        pindex += 2;
      }
      width -= 2;
      if (width < 0) width = 0;
      len -= 2;
    }
    if (width > len && !(flags & kLjust)) {
      out.append(size_t(width - len), fill);
      width = len;
    }
    if (fill == ' ') {
      if (sign) out.push_back(signchar);
      if (prefix) {
        out.push_back(str[size_t(pindex)]);
        out.push_back(str[size_t(pindex) + 1]);
        pindex += 2;
      }
    }
    out.append(str, size_t(pindex), size_t(len));
    if (width > len) out.append(size_t(width - len), ' ');
  }
};

void init_percent(Percent& p, Object* args, bool bytes) {
  p.bytes = bytes;
  p.args = args;
  if (type_check(args, &tuple_type)) {
    p.arglen = tuple_size(args);
    p.argidx = 0;
  } else {
    p.arglen = -1;
    p.argidx = -2;
  }
  PyMappingMethods* mp = type_of(args)->tp_as_mapping;
  bool mapping = mp && mp->mp_subscript && !type_check(args, &tuple_type) && !type_check(args, &str_type);
  if (bytes) mapping = mapping && !type_check(args, &bytes_type) && !type_check(args, &bytearray_type);
  p.dict = mapping ? args : nullptr;
}

}  // namespace

Object* str_percent_format(Object* fmt, Object* args) {
  Percent p{StrChars(fmt), false};
  init_percent(p, args, false);
  if (!p.run()) return nullptr;
  return str_from_ucs4(reinterpret_cast<const uint32_t*>(p.out.data()), ssize(p.out.size()));
}

bool bytes_percent_format(std::string_view fmt, Object* args, std::string* result) {
  Percent p{StrChars(1, fmt.data(), ssize(fmt.size())), true};
  init_percent(p, args, true);
  if (!p.run()) return false;
  result->resize(p.out.size());
  for (size_t i = 0; i < p.out.size(); i++) (*result)[i] = char(p.out[i]);
  return true;
}

}  // namespace pyvm
