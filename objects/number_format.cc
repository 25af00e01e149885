// The numeric format-spec mini-language and float-to-text conversion, ported from CPython's
// Python/formatter_unicode.c and Python/pystrtod.c, with std::to_chars supplying correctly rounded digits.
#include "objects/number_format.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "objects/errors.h"
#include "objects/str.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/int_impl.h"

namespace pyvm {

// ---- Digits and float text (pystrtod.c's format_float_short).

void double_digits(double v, int mode, int ndigits, std::string* digits, int* decpt) {
  v = std::fabs(v);
  digits->clear();
  if (v == 0.0) {
    *digits = "0";
    *decpt = 1;
    return;
  }
  if (mode == 3) {
    std::vector<char> buf(size_t(ndigits) + 330);
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed, ndigits);
    int point = -1;
    for (char* p = buf.data(); p < r.ptr; p++) {
      if (*p == '.') {
        point = int(digits->size());
      } else {
        digits->push_back(*p);
      }
    }
    if (point < 0) point = int(digits->size());
    size_t lead = 0;
    while (lead < digits->size() && (*digits)[lead] == '0') lead++;
    digits->erase(0, lead);
    *decpt = point - int(lead);
    if (digits->empty()) *decpt = -ndigits;
  } else {
    std::vector<char> buf(size_t(mode == 0 ? 0 : ndigits) + 40);
    std::to_chars_result r = mode == 0
                                 ? std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific)
                                 : std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific,
                                                 ndigits < 1 ? 0 : ndigits - 1);
    char* p = buf.data();
    for (; p < r.ptr && *p != 'e'; p++) {
      if (*p != '.') digits->push_back(*p);
    }
    int exp = 0;
    std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), r.ptr, exp);
    *decpt = exp + 1;
  }
  while (!digits->empty() && digits->back() == '0') digits->pop_back();
  if (digits->empty() && mode != 3) {
    *digits = "0";
  }
}

std::string double_to_string(double v, char type, int precision, int flags) {
  bool upper = false;
  int mode;
  switch (type) {
    case 'E':
      upper = true;
      type = 'e';
      [[fallthrough]];
    case 'e':
      mode = 2;
      precision++;
      break;
    case 'F':
      upper = true;
      type = 'f';
      [[fallthrough]];
    case 'f':
      mode = 3;
      break;
    case 'G':
      upper = true;
      type = 'g';
      [[fallthrough]];
    case 'g':
      mode = 2;
      if (precision == 0) precision = 1;
      break;
    default:  // 'r'
      type = 'r';
      mode = 0;
      break;
  }
  bool always_sign = flags & kDtsfSign, add_dot_0 = flags & kDtsfAddDot0, alt = flags & kDtsfAlt,
       no_neg_0 = flags & kDtsfNoNeg0;
  std::string out;
  bool negative = std::signbit(v);
  if (!std::isfinite(v)) {
    if (std::isnan(v)) negative = false;
    if (negative) {
      out.push_back('-');
    } else if (always_sign) {
      out.push_back('+');
    }
    out += std::isnan(v) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    return out;
  }
  std::string digits;
  int decpt_i;
  double_digits(v, mode, precision, &digits, &decpt_i);
  ssize decpt = decpt_i;
  ssize digits_len = ssize(digits.size());
  if (no_neg_0 && negative && (digits_len == 0 || (digits_len == 1 && digits[0] == '0'))) negative = false;

  // Output the slice vdigits[vdigits_start:vdigits_end] of the digits padded with zeros on both sides, with the
  // point after position decpt.
  ssize vdigits_end = digits_len;
  bool use_exp = false;
  switch (type) {
    case 'e':
      use_exp = true;
      vdigits_end = precision;
      break;
    case 'f':
      vdigits_end = decpt + precision;
      break;
    case 'g':
      if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
      if (alt) vdigits_end = precision;
      break;
    default:  // 'r'
      if (decpt <= -4 || decpt > 16) use_exp = true;
      break;
  }
  int exp = 0;
  if (use_exp) {
    exp = int(decpt - 1);
    decpt = 1;
  }
  ssize vdigits_start = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && add_dot_0) {
    vdigits_end = vdigits_end > decpt ? vdigits_end : decpt + 1;
  } else {
    vdigits_end = vdigits_end > decpt ? vdigits_end : decpt;
  }
  out.reserve(size_t(vdigits_end - vdigits_start + 8));
  if (negative) {
    out.push_back('-');
  } else if (always_sign) {
    out.push_back('+');
  }
  if (decpt <= 0) {
    out.append(size_t(decpt - vdigits_start), '0');
    out.push_back('.');
    out.append(size_t(-decpt), '0');
  } else {
    out.append(size_t(-vdigits_start), '0');
  }
  if (0 < decpt && decpt <= digits_len) {
    out.append(digits, 0, size_t(decpt));
    out.push_back('.');
    out.append(digits, size_t(decpt), std::string::npos);
  } else {
    out += digits;
  }
  if (digits_len < decpt) {
    out.append(size_t(decpt - digits_len), '0');
    out.push_back('.');
    out.append(size_t(vdigits_end - decpt), '0');
  } else {
    out.append(size_t(vdigits_end - digits_len), '0');
  }
  if (out.back() == '.' && !alt) out.pop_back();
  if (use_exp) {
    out.push_back(upper ? 'E' : 'e');
    char buf[16];
    snprintf(buf, sizeof buf, "%+.02d", exp);
    out += buf;
  }
  return out;
}

// ---- The format-spec mini-language (formatter_unicode.c).

namespace {

enum LocaleType : int {
  kNoLocale = 0,
  kDefaultLocale = ',',
  kUnderscoreLocale = '_',
  kUnderFourLocale = '_' + 1,
  kCurrentLocale = '_' + 2,
};

struct Spec {
  uint32_t fill = ' ';
  uint32_t align = '>';
  uint32_t sign = 0;
  bool no_neg_0 = false;
  bool alternate = false;
  ssize width = -1;
  int thousands = kNoLocale;
  ssize precision = -1;
  uint32_t type = 0;
};

struct Locale {
  std::string decimal = ".";
  std::string sep;  // ASCII
  int group = 0;    // digits per group, 0 for none
};

void append_utf8(std::string* out, uint32_t cp, ssize count = 1) {
  char b[4];
  int n;
  if (cp < 0x80) {
    b[0] = char(cp);
    n = 1;
  } else if (cp < 0x800) {
    b[0] = char(0xC0 | (cp >> 6));
    b[1] = char(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = char(0xE0 | (cp >> 12));
    b[1] = char(0x80 | ((cp >> 6) & 0x3F));
    b[2] = char(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = char(0xF0 | (cp >> 18));
    b[1] = char(0x80 | ((cp >> 12) & 0x3F));
    b[2] = char(0x80 | ((cp >> 6) & 0x3F));
    b[3] = char(0x80 | (cp & 0x3F));
    n = 4;
  }
  for (ssize i = 0; i < count; i++) out->append(b, size_t(n));
}

std::string type_code_text(uint32_t t) {
  if (t > 32 && t < 128) return std::string(1, char(t));
  return fmt::format("\\x{:x}", t);
}

std::nullptr_t unknown_presentation_type(uint32_t type, Object* obj) {
  return set_errorf(&exc_ValueError, "Unknown format code '{}' for object of type '{}'", type_code_text(type),
                    type_name(obj));
}

// The format mini-language is parsed once, by str's parse_format_spec; numbers only map its grouping character to
// their locale kinds (an underscore groups by four for b/o/x/X).
bool parse_spec(Object* obj, std::string_view spec_utf8, uint32_t default_type, uint32_t default_align, Spec* f) {
  ORef spec = steal(str_from_utf8(spec_utf8));
  if (!spec) return false;
  FormatSpec fs;
  if (!parse_format_spec(obj, spec.get(), 0, str_length(spec.get()), default_type, default_align, &fs)) return false;
  f->fill = fs.fill;
  f->align = fs.align;
  f->sign = fs.sign;
  f->no_neg_0 = fs.no_neg_0;
  f->alternate = fs.alternate;
  f->width = fs.width;
  f->precision = fs.precision;
  f->type = fs.type;
  f->thousands = fs.grouping == ',' ? kDefaultLocale : fs.grouping == '_' ? kUnderscoreLocale : kNoLocale;
  if (fs.grouping == '_' && (fs.type == 'b' || fs.type == 'o' || fs.type == 'x' || fs.type == 'X'))
    f->thousands = kUnderFourLocale;
  return true;
}

Locale get_locale(int type) {
  Locale l;
  switch (type) {
    case kDefaultLocale:
      l.sep = ",";
      l.group = 3;
      break;
    case kUnderscoreLocale:
      l.sep = "_";
      l.group = 3;
      break;
    case kUnderFourLocale:
      l.sep = "_";
      l.group = 4;
      break;
    default:  // no locale, or the current locale: pyvm runs with LC_NUMERIC "C" (no grouping, '.')
      break;
  }
  return l;
}

// _PyUnicode_InsertThousandsGrouping: groups `digits` right to left, zero-padding to min_width (zeros and
// separators count towards it). Returns ASCII text.
std::string group_digits(std::string_view digits, ssize min_width, const Locale& loc) {
  min_width = std::max<ssize>(0, min_width);
  std::string rev;
  ssize remaining = ssize(digits.size());
  ssize dpos = remaining;
  ssize sep_len = ssize(loc.sep.size());
  bool use_sep = false, loop_broken = false;
  auto fill = [&](ssize n_chars, ssize n_zeros) {
    if (use_sep) rev.append(loc.sep.rbegin(), loc.sep.rend());
    for (ssize i = 0; i < n_chars; i++) rev.push_back(digits[size_t(--dpos)]);
    rev.append(size_t(n_zeros), '0');
  };
  if (loc.group > 0) {
    for (;;) {
      ssize len = std::min<ssize>(loc.group, std::max<ssize>(std::max(remaining, min_width), 1));
      ssize n_zeros = std::max<ssize>(0, len - remaining);
      ssize n_chars = std::max<ssize>(0, std::min(remaining, len));
      fill(n_chars, n_zeros);
      use_sep = true;
      remaining -= n_chars;
      min_width -= len;
      if (remaining <= 0 && min_width <= 0) {
        loop_broken = true;
        break;
      }
      min_width -= sep_len;
    }
  }
  if (!loop_broken) {
    ssize len = std::max<ssize>(std::max(remaining, min_width), 1);
    ssize n_zeros = std::max<ssize>(0, len - remaining);
    ssize n_chars = std::max<ssize>(0, std::min(remaining, len));
    fill(n_chars, n_zeros);
  }
  return std::string(rev.rbegin(), rev.rend());
}

// The parts of a formatted number: <lpad><sign><prefix><spad><grouped digits><decimal><remainder><rpad>
// (calc_number_widths + fill_number). `remainder_width` is in code points.
std::string render_number(const Spec& f, uint32_t sign_char, std::string_view prefix, std::string_view digits,
                          bool has_decimal, std::string_view remainder, ssize remainder_width, const Locale& loc,
                          bool upper) {
  uint32_t sign = 0;
  ssize n_sign = 0;
  if (f.sign == '+') {
    n_sign = 1;
    sign = sign_char == '-' ? '-' : '+';
  } else if (f.sign == ' ') {
    n_sign = 1;
    sign = sign_char == '-' ? '-' : ' ';
  } else if (sign_char == '-') {
    n_sign = 1;
    sign = '-';
  }
  ssize n_decimal = has_decimal ? ssize(loc.decimal.size()) : 0;
  ssize n_non_digit = n_sign + ssize(prefix.size()) + n_decimal + remainder_width;
  ssize min_width = (f.fill == '0' && f.align == '=') ? f.width - n_non_digit : 0;
  std::string grouped = digits.empty() ? std::string() : group_digits(digits, min_width, loc);
  if (upper) {
    for (auto& c : grouped) c = char(toupper(uint8_t(c)));
  }
  ssize n_padding = f.width - (n_non_digit + ssize(grouped.size()));
  ssize lpad = 0, spad = 0, rpad = 0;
  if (n_padding > 0) {
    switch (f.align) {
      case '<':
        rpad = n_padding;
        break;
      case '^':
        lpad = n_padding / 2;
        rpad = n_padding - lpad;
        break;
      case '=':
        spad = n_padding;
        break;
      default:
        lpad = n_padding;
        break;
    }
  }
  std::string out;
  append_utf8(&out, f.fill, lpad);
  if (n_sign) out.push_back(char(sign));
  for (char c : prefix) out.push_back(upper ? char(toupper(uint8_t(c))) : c);
  append_utf8(&out, f.fill, spad);
  out += grouped;
  if (has_decimal) out += loc.decimal;
  out += remainder;
  append_utf8(&out, f.fill, rpad);
  return out;
}

// Splits formatted float text (sign already removed) into digits, a decimal point and the rest.
void parse_number(std::string_view s, std::string_view* digits, bool* has_decimal, std::string_view* rest) {
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') i++;
  *digits = s.substr(0, i);
  *has_decimal = i < s.size() && s[i] == '.';
  *rest = s.substr(i + (*has_decimal ? 1 : 0));
}

bool format_float_internal(double val, const Spec& f, std::string* out) {
  if (f.precision > INT_MAX) {
    set_error(&exc_ValueError, "precision too big");
    return false;
  }
  int precision = int(f.precision);
  int default_precision = 6;
  int flags = 0;
  uint32_t type = f.type;
  bool add_pct = false;
  if (f.alternate) flags |= kDtsfAlt;
  if (f.no_neg_0) flags |= kDtsfNoNeg0;
  if (type == 0) {
    flags |= kDtsfAddDot0;
    type = 'r';
    default_precision = 0;
  }
  if (type == 'n') type = 'g';
  if (type == '%') {
    type = 'f';
    val *= 100;
    add_pct = true;
  }
  if (precision < 0) {
    precision = default_precision;
  } else if (type == 'r') {
    type = 'g';
  }
  std::string buf = double_to_string(val, char(type), precision, flags);
  if (add_pct) buf.push_back('%');
  std::string_view s = buf;
  uint32_t sign_char = 0;
  if (!s.empty() && s[0] == '-') {
    sign_char = '-';
    s.remove_prefix(1);
  }
  std::string_view digits, rest;
  bool has_decimal;
  parse_number(s, &digits, &has_decimal, &rest);
  Locale loc = get_locale(f.type == 'n' ? kCurrentLocale : f.thousands);
  *out = render_number(f, sign_char, {}, digits, has_decimal, rest, ssize(rest.size()), loc, false);
  return true;
}

bool format_long_internal(Object* v, const Spec& f, std::string* out) {
  if (f.precision != -1) {
    set_error(&exc_ValueError, "Precision not allowed in integer format specifier");
    return false;
  }
  if (f.no_neg_0) {
    set_error(&exc_ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
    return false;
  }
  Locale loc = get_locale(f.type == 'n' ? kCurrentLocale : f.thousands);
  if (f.type == 'c') {
    if (f.sign) {
      set_error(&exc_ValueError, "Sign not allowed with integer format specifier 'c'");
      return false;
    }
    if (f.alternate) {
      set_error(&exc_ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
      return false;
    }
    int overflow;
    int64_t x = int_as_i64(v, &overflow);
    if (overflow) {
      set_error(&exc_OverflowError, "Python int too large to convert to C long");
      return false;
    }
    if (x < 0 || x > 0x10ffff) {
      set_error(&exc_OverflowError, "%c arg not in range(0x110000)");
      return false;
    }
    std::string ch;
    append_utf8(&ch, uint32_t(x));
    *out = render_number(f, 0, {}, {}, false, ch, 1, loc, false);
    return true;
  }
  int base = 10;
  const char* prefix = "";
  switch (f.type) {
    case 'b':
      base = 2;
      prefix = "0b";
      break;
    case 'o':
      base = 8;
      prefix = "0o";
      break;
    case 'x':
    case 'X':
      base = 16;
      prefix = "0x";
      break;
    default:
      break;
  }
  std::string text;
  if (!int_to_text(v, base, false, &text)) return false;
  std::string_view digits = text;
  uint32_t sign_char = 0;
  if (!digits.empty() && digits[0] == '-') {
    sign_char = '-';
    digits.remove_prefix(1);
  }
  *out = render_number(f, sign_char, f.alternate ? prefix : "", digits, false, {}, 0, loc, f.type == 'X');
  return true;
}

bool format_complex_internal(double re, double im, const Spec& f, std::string* out) {
  if (f.precision > INT_MAX) {
    set_error(&exc_ValueError, "precision too big");
    return false;
  }
  if (f.fill == '0') {
    set_error(&exc_ValueError, "Zero padding is not allowed in complex format specifier");
    return false;
  }
  if (f.align == '=') {
    set_error(&exc_ValueError, "'=' alignment flag is not allowed in complex format specifier");
    return false;
  }
  int precision = int(f.precision);
  int default_precision = 6;
  int flags = 0;
  uint32_t type = f.type;
  bool skip_re = false, add_parens = false;
  if (f.alternate) flags |= kDtsfAlt;
  if (f.no_neg_0) flags |= kDtsfNoNeg0;
  if (type == 0) {
    type = 'r';
    default_precision = 0;
    if (re == 0.0 && std::copysign(1.0, re) == 1.0) {
      skip_re = true;
    } else {
      add_parens = true;
    }
  }
  if (type == 'n') type = 'g';
  if (precision < 0) {
    precision = default_precision;
  } else if (type == 'r') {
    type = 'g';
  }
  std::string re_buf = double_to_string(re, char(type), precision, flags);
  std::string im_buf = double_to_string(im, char(type), precision, flags);
  Locale loc = get_locale(f.type == 'n' ? kCurrentLocale : f.thousands);
  // The parts are formatted without padding; the whole is padded afterwards.
  Spec tmp = f;
  tmp.fill = 0;
  tmp.align = '<';
  tmp.width = -1;
  auto part = [&](const std::string& buf, const Spec& sp) {
    std::string_view s = buf;
    uint32_t sign_char = 0;
    if (!s.empty() && s[0] == '-') {
      sign_char = '-';
      s.remove_prefix(1);
    }
    std::string_view digits, rest;
    bool has_decimal;
    parse_number(s, &digits, &has_decimal, &rest);
    return render_number(sp, sign_char, {}, digits, has_decimal, rest, ssize(rest.size()), loc, false);
  };
  std::string re_text = part(re_buf, tmp);
  if (!skip_re) tmp.sign = '+';
  std::string im_text = part(im_buf, tmp);
  if (skip_re) re_text.clear();
  std::string body;
  if (add_parens) body.push_back('(');
  body += re_text;
  body += im_text;
  body.push_back('j');
  if (add_parens) body.push_back(')');
  ssize nchars = ssize(body.size());  // ASCII
  ssize total = f.width >= 0 && f.width > nchars ? f.width : nchars;
  ssize lpad = f.align == '>' ? total - nchars : f.align == '^' ? (total - nchars) / 2 : 0;
  ssize rpad = total - nchars - lpad;
  out->clear();
  append_utf8(out, f.fill, lpad);
  *out += body;
  append_utf8(out, f.fill, rpad);
  return true;
}

}  // namespace

bool format_int_spec(Object* v, std::string_view spec, std::string* out) {
  Spec f;
  if (!parse_spec(v, spec, 'd', '>', &f)) return false;
  switch (f.type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n':
      return format_long_internal(v, f, out);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%': {
      bool ok;
      double d = int_as_double(v, &ok);
      if (!ok) return false;
      return format_float_internal(d, f, out);
    }
    default:
      unknown_presentation_type(f.type, v);
      return false;
  }
}

bool format_float_spec(Object* v, double x, std::string_view spec, std::string* out) {
  Spec f;
  if (!parse_spec(v, spec, 0, '>', &f)) return false;
  switch (f.type) {
    case 0:
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%':
      return format_float_internal(x, f, out);
    default:
      unknown_presentation_type(f.type, v);
      return false;
  }
}

bool format_complex_spec(Object* v, double re, double im, std::string_view spec, std::string* out) {
  Spec f;
  if (!parse_spec(v, spec, 0, '>', &f)) return false;
  switch (f.type) {
    case 0:
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
      return format_complex_internal(re, im, f, out);
    default:
      unknown_presentation_type(f.type, v);
      return false;
  }
}

}  // namespace pyvm
