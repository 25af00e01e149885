// The binascii module: conversions between binary data and ASCII encodings (hex, base64, uuencode,
// quoted-printable) and the CRC-32 / CRC-CCITT checksums.
//
// Thread-safety: every function works on a buffer acquired for the call and on local state only; a bytearray
// argument is pinned by its export count, not locked, while it is read.
#include <zlib.h>

#include <array>
#include <climits>
#include <cstring>
#include <string>
#include <string_view>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

Object* g_error = nullptr;       // binascii.Error (a ValueError)
Object* g_incomplete = nullptr;  // binascii.Incomplete

std::nullptr_t bin_error(std::string_view msg) { return set_error(reinterpret_cast<Type*>(g_error), msg); }

constexpr char kB64Chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kHexUpper[] = "0123456789ABCDEF";

// base64 character -> value, 0xff for anything else.
constexpr std::array<uint8_t, 256> kB64Values = [] {
  std::array<uint8_t, 256> t{};
  for (auto& v : t) v = 0xff;
  for (int i = 0; i < 64; i++) t[uint8_t(kB64Chars[i])] = uint8_t(i);
  return t;
}();

// The CRC-CCITT table (polynomial 0x1021, most significant bit first), as binhex uses.
constexpr std::array<uint16_t, 256> kCrcHqx = [] {
  std::array<uint16_t, 256> t{};
  for (unsigned i = 0; i < 256; i++) {
    unsigned c = i << 8;
    for (int k = 0; k < 8; k++) c = (c & 0x8000) ? ((c << 1) ^ 0x1021) : (c << 1);
    t[i] = uint16_t(c & 0xffff);
  }
  return t;
}();

int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The input of the a2b_* functions: a bytes-like object or an ASCII-only str (CPython's ascii_buffer_converter).
class AsciiInput {
 public:
  [[nodiscard]] bool get(Object* o) {
    if (type_check(o, &str_type)) {
      if (!str_is_ascii(o)) {
        set_error(&exc_ValueError, "string argument should contain only ASCII characters");
        return false;
      }
      data_ = str_view(o);
      return true;
    }
    if (!has_buffer(o)) {
      set_errorf(&exc_TypeError, "argument should be bytes, buffer or ASCII string, not '{}'", type_name(o));
      return false;
    }
    if (hold_.get(o, PyBUF_SIMPLE) < 0) return false;
    data_ = {static_cast<const char*>(hold_->buf), size_t(hold_->len)};
    return true;
  }
  std::string_view data() const { return data_; }

 private:
  BufferHold hold_;
  std::string_view data_;
};

// The input of the b2a_* functions: any bytes-like object.
class BinInput {
 public:
  [[nodiscard]] bool get(Object* o) {
    if (hold_.get(o, PyBUF_SIMPLE) < 0) return false;
    data_ = {static_cast<const char*>(hold_->buf), size_t(hold_->len)};
    return true;
  }
  std::string_view data() const { return data_; }

 private:
  BufferHold hold_;
  std::string_view data_;
};

Object* to_bytes(const std::string& s) { return bytes_from(s.data(), ssize(s.size())); }

// A keyword flag (CPython's `bool` converter): absent means `dflt`; -1 with an error.
int flag(Object* o, bool dflt) { return o ? object_is_true(o) : int(dflt); }

// The low 32 bits of an int argument, two's complement for negatives (CPython's unsigned_int(bitwise=True)).
bool uint_mask_arg(Object* o, uint32_t* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  ORef mask = steal(int_from_u64(0xffffffffu));
  if (!mask) return false;
  ORef low = steal(binary_op(i.get(), mask.get(), NB_AND));
  if (!low) return false;
  int overflow;
  *out = uint32_t(int_as_i64(low.get(), &overflow));
  return true;
}

// ---- uuencode ----

Object* a2b_uu(Object*, Object* arg) {
  AsciiInput in;
  if (!in.get(arg)) return nullptr;
  std::string_view a = in.data();
  // The first character gives the line's length in bytes; an empty line reads as the terminating NUL, as CPython's
  // does (a length of 32).
  size_t pos = 0;
  unsigned char first = a.empty() ? 0 : uint8_t(a[pos++]);
  ssize bin_len = (first - ' ') & 077;
  std::string out;
  out.reserve(size_t(bin_len));
  unsigned leftchar = 0;
  int leftbits = 0;
  while (bin_len > 0) {
    unsigned ch;
    if (pos >= a.size()) {
      ch = 0;  // whitespace that was stripped at the end of the line
    } else {
      unsigned char c = uint8_t(a[pos++]);
      if (c == '\n' || c == '\r') {
        ch = 0;  // CPython reads on past a line end here, taking it as a zero
      } else {
        // '`' (one past the 64 characters) is accepted as zero, as some encoders write it.
        if (c < ' ' || c > ' ' + 64) return bin_error("Illegal char");
        ch = (c - ' ') & 077;
      }
    }
    leftchar = (leftchar << 6) | ch;
    leftbits += 6;
    if (leftbits >= 8) {
      leftbits -= 8;
      out.push_back(char((leftchar >> leftbits) & 0xff));
      leftchar &= (1u << leftbits) - 1;
      bin_len--;
    }
  }
  // Anything left on the line must be padding or the line end.
  for (; pos < a.size(); pos++) {
    char c = a[pos];
    if (c != ' ' && c != ' ' + 64 && c != '\n' && c != '\r') return bin_error("Trailing garbage");
  }
  return to_bytes(out);
}

Object* b2a_uu(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("b2a_uu", args, nargs, kwnames, {"/data", "$backtick"}, 1, a)) return nullptr;
  int backtick = flag(a[1], false);
  if (backtick < 0) return nullptr;
  BinInput in;
  if (!in.get(a[0])) return nullptr;
  std::string_view d = in.data();
  if (d.size() > 45) return bin_error("At most 45 bytes at once");
  auto put = [&](std::string& out, unsigned v) { out.push_back(backtick && v == 0 ? '`' : char(' ' + v)); };
  std::string out;
  put(out, unsigned(d.size()));
  uint32_t leftchar = 0;
  int leftbits = 0;
  for (size_t i = 0; i < d.size() || leftbits != 0; i++) {
    leftchar = (leftchar << 8) | (i < d.size() ? uint8_t(d[i]) : 0);
    leftbits += 8;
    while (leftbits >= 6) {
      leftbits -= 6;
      put(out, (leftchar >> leftbits) & 0x3f);
    }
    leftchar &= (1u << leftbits) - 1;
  }
  out.push_back('\n');
  return to_bytes(out);
}

// ---- base64 ----

Object* a2b_base64(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("a2b_base64", args, nargs, kwnames, {"/data", "$strict_mode"}, 1, a)) return nullptr;
  int strict = flag(a[1], false);
  if (strict < 0) return nullptr;
  AsciiInput in;
  if (!in.get(a[0])) return nullptr;
  std::string_view s = in.data();
  if (strict && !s.empty() && s[0] == '=') return bin_error("Leading padding not allowed");
  std::string out;
  out.reserve(s.size() / 4 * 3 + 3);
  int quad_pos = 0, pads = 0;
  unsigned leftchar = 0;
  bool padding_started = false;
  for (size_t i = 0; i < s.size(); i++) {
    unsigned char c = uint8_t(s[i]);
    if (c == '=') {
      padding_started = true;
      if (strict && quad_pos == 0) return bin_error("Excess padding not allowed");
      // Enough padding to complete the quad ends the data; in strict mode nothing may follow it.
      if (quad_pos >= 2 && quad_pos + ++pads >= 4) {
        if (strict && i + 1 < s.size()) return bin_error("Excess data after padding");
        return to_bytes(out);
      }
      continue;
    }
    unsigned v = kB64Values[c];
    if (v >= 64) {
      if (strict) return bin_error("Only base64 data is allowed");
      continue;
    }
    if (strict && padding_started) return bin_error("Discontinuous padding not allowed");
    pads = 0;
    switch (quad_pos) {
      case 0:
        leftchar = v;
        break;
      case 1:
        out.push_back(char((leftchar << 2) | (v >> 4)));
        leftchar = v & 0x0f;
        break;
      case 2:
        out.push_back(char((leftchar << 4) | (v >> 2)));
        leftchar = v & 0x03;
        break;
      default:
        out.push_back(char((leftchar << 6) | v));
        leftchar = 0;
        break;
    }
    quad_pos = (quad_pos + 1) & 3;
  }
  if (quad_pos == 1)
    return bin_error(fmt::format(
        "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
        out.size() / 3 * 4 + 1));
  if (quad_pos != 0) return bin_error("Incorrect padding");
  return to_bytes(out);
}

Object* b2a_base64(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("b2a_base64", args, nargs, kwnames, {"/data", "$newline"}, 1, a)) return nullptr;
  int newline = flag(a[1], true);
  if (newline < 0) return nullptr;
  BinInput in;
  if (!in.get(a[0])) return nullptr;
  std::string_view d = in.data();
  std::string out;
  out.reserve((d.size() + 2) / 3 * 4 + 1);
  size_t i = 0;
  for (; i + 3 <= d.size(); i += 3) {
    uint32_t v = uint32_t(uint8_t(d[i])) << 16 | uint32_t(uint8_t(d[i + 1])) << 8 | uint8_t(d[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out.push_back(kB64Chars[(v >> k) & 0x3f]);
  }
  if (size_t rest = d.size() - i) {
    uint32_t v = uint32_t(uint8_t(d[i])) << 16 | (rest > 1 ? uint32_t(uint8_t(d[i + 1])) << 8 : 0);
    out.push_back(kB64Chars[(v >> 18) & 0x3f]);
    out.push_back(kB64Chars[(v >> 12) & 0x3f]);
    out.push_back(rest > 1 ? kB64Chars[(v >> 6) & 0x3f] : '=');
    out.push_back('=');
  }
  if (newline) out.push_back('\n');
  return to_bytes(out);
}

// ---- CRCs ----

Object* crc_hqx(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("binascii.crc_hqx", kwnames) || !check_positional("crc_hqx", nargs, nullptr, 2, 2)) return nullptr;
  uint32_t crc;
  if (!uint_mask_arg(args[1], &crc)) return nullptr;
  BinInput in;
  if (!in.get(args[0])) return nullptr;
  crc &= 0xffff;
  for (char ch : in.data()) crc = ((crc << 8) & 0xff00) ^ kCrcHqx[((crc >> 8) ^ uint8_t(ch)) & 0xff];
  return int_from_u64(crc);
}

Object* bin_crc32(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("binascii.crc32", kwnames) || !check_positional("crc32", nargs, nullptr, 1, 2)) return nullptr;
  uint32_t crc = 0;
  if (nargs > 1 && !uint_mask_arg(args[1], &crc)) return nullptr;
  BinInput in;
  if (!in.get(args[0])) return nullptr;
  std::string_view d = in.data();
  uLong value = crc;
  const Bytef* p = reinterpret_cast<const Bytef*>(d.data());
  size_t n = d.size();
  while (n > 0) {
    uInt chunk = n > 0x40000000u ? 0x40000000u : uInt(n);
    value = crc32(value, p, chunk);
    p += chunk;
    n -= chunk;
  }
  return int_from_u64(value & 0xffffffffu);
}

// ---- hex ----

Object* hexlify_impl(const char* fname, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse_args(fname, args, nargs, kwnames, {"data", "sep", "bytes_per_sep"}, 1, a)) return nullptr;
  int per = 1;
  if (a[2]) {
    ORef i = steal(number_index(a[2]));
    if (!i) return nullptr;
    int overflow;
    int64_t v = int_as_i64(i.get(), &overflow);
    if (overflow || v < INT_MIN || v > INT_MAX)
      return set_error(&exc_OverflowError, "Python int too large to convert to C int");
    per = int(v);
  }
  BinInput in;
  if (!in.get(a[0])) return nullptr;
  ORef text = steal(hex_with_sep(in.data(), a[1], per));
  if (!text) return nullptr;
  std::string_view t = str_view(text.get());
  return bytes_from(t.data(), ssize(t.size()));
}

Object* hexlify(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return hexlify_impl("hexlify", args, nargs, kwnames);
}
Object* b2a_hex(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return hexlify_impl("b2a_hex", args, nargs, kwnames);
}

Object* unhexlify(Object*, Object* arg) {
  AsciiInput in;
  if (!in.get(arg)) return nullptr;
  std::string_view s = in.data();
  if (s.size() % 2) return bin_error("Odd-length string");
  std::string out(s.size() / 2, '\0');
  for (size_t i = 0; i < s.size(); i += 2) {
    int hi = hex_value(uint8_t(s[i])), lo = hex_value(uint8_t(s[i + 1]));
    if (hi < 0 || lo < 0) return bin_error("Non-hexadecimal digit found");
    out[i / 2] = char(hi << 4 | lo);
  }
  return to_bytes(out);
}

// ---- quoted-printable ----

Object* a2b_qp(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("a2b_qp", args, nargs, kwnames, {"data", "header"}, 1, a)) return nullptr;
  int header = flag(a[1], false);
  if (header < 0) return nullptr;
  AsciiInput in;
  if (!in.get(a[0])) return nullptr;
  std::string_view s = in.data();
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '=') {
      if (++i >= s.size()) break;
      if (s[i] == '\n' || s[i] == '\r') {
        // A soft line break: skip to just past the line end.
        if (s[i] != '\n')
          while (i < s.size() && s[i] != '\n') i++;
        if (i < s.size()) i++;
      } else if (s[i] == '=') {
        out.push_back('=');  // "==" as older Python encoders wrote it
        i++;
      } else if (i + 1 < s.size() && hex_value(uint8_t(s[i])) >= 0 && hex_value(uint8_t(s[i + 1])) >= 0) {
        out.push_back(char(hex_value(uint8_t(s[i])) << 4 | hex_value(uint8_t(s[i + 1]))));
        i += 2;
      } else {
        out.push_back('=');
      }
    } else if (header && c == '_') {
      out.push_back(' ');
      i++;
    } else {
      out.push_back(c);
      i++;
    }
  }
  return to_bytes(out);
}

Object* b2a_qp(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[4] = {};
  if (!parse_args("b2a_qp", args, nargs, kwnames, {"data", "quotetabs", "istext", "header"}, 1, a)) return nullptr;
  int quotetabs = flag(a[1], false), istext = flag(a[2], true), header = flag(a[3], false);
  if (quotetabs < 0 || istext < 0 || header < 0) return nullptr;
  BinInput in;
  if (!in.get(a[0])) return nullptr;
  std::string_view d = in.data();
  constexpr size_t kMaxLine = 76;
  // The line ends of the output follow the first line end of the input.
  size_t nl = d.find('\n');
  bool crlf = nl != std::string_view::npos && nl > 0 && d[nl - 1] == '\r';
  std::string out;
  size_t linelen = 0;
  auto soft_break = [&] {
    out.push_back('=');
    if (crlf) out.push_back('\r');
    out.push_back('\n');
    linelen = 0;
  };
  auto put_hex = [&](unsigned char c) {
    out.push_back(kHexUpper[c >> 4]);
    out.push_back(kHexUpper[c & 15]);
  };
  size_t i = 0, n = d.size();
  while (i < n) {
    unsigned char c = uint8_t(d[i]);
    bool last = i + 1 == n;
    bool encode = c > 126 || c == '=' || (header && c == '_') ||
                  (c == '.' && linelen == 0 && (last || d[i + 1] == '\n' || d[i + 1] == '\r' || d[i + 1] == 0)) ||
                  (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && last) ||
                  (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
    if (encode) {
      if (linelen + 3 >= kMaxLine) soft_break();
      out.push_back('=');
      put_hex(c);
      i++;
      linelen += 3;
    } else if (istext && (c == '\n' || (i + 1 < n && c == '\r' && d[i + 1] == '\n'))) {
      linelen = 0;
      // Whitespace at the end of a line would be lost in transit: encode it.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        unsigned char w = uint8_t(out.back());
        out.back() = '=';
        put_hex(w);
      }
      if (crlf) out.push_back('\r');
      out.push_back('\n');
      i += c == '\r' ? 2 : 1;
    } else {
      if (!last && d[i + 1] != '\n' && linelen + 1 >= kMaxLine) soft_break();
      linelen++;
      out.push_back(header && c == ' ' ? '_' : char(c));
      i++;
    }
  }
  return to_bytes(out);
}

#define FAST(f) as_cfunc(f), METH_FASTCALL | METH_KEYWORDS
PyMethodDef binascii_methods[] = {
    {"a2b_uu", a2b_uu, METH_O, "a2b_uu($module, data, /)\n--\n\nDecode a line of uuencoded data."},
    {"b2a_uu", FAST(b2a_uu), "b2a_uu($module, data, /, *, backtick=False)\n--\n\nUuencode line of data."},
    {"a2b_base64", FAST(a2b_base64),
     "a2b_base64($module, data, /, *, strict_mode=False)\n--\n\nDecode a line of base64 data.\n\n  strict_mode\n"
     "    Enable strict mode."},
    {"b2a_base64", FAST(b2a_base64), "b2a_base64($module, data, /, *, newline=True)\n--\n\nBase64-code line of data."},
    {"a2b_qp", FAST(a2b_qp), "a2b_qp($module, /, data, header=False)\n--\n\nDecode a string of qp-encoded data."},
    {"b2a_qp", FAST(b2a_qp),
     "b2a_qp($module, /, data, quotetabs=False, istext=True, header=False)\n--\n\nEncode a string using "
     "quoted-printable encoding.\n\nOn encoding, when istext is set, newlines are not encoded, and white\nspace at "
     "end of lines is.  When istext is not set, \\r and \\n (CR/LF)\nare both encoded.  When quotetabs is set, "
     "space and tabs are encoded."},
    {"crc_hqx", FAST(crc_hqx), "crc_hqx($module, data, crc, /)\n--\n\nCompute CRC-CCITT incrementally."},
    {"crc32", FAST(bin_crc32), "crc32($module, data, crc=0, /)\n--\n\nCompute CRC-32 incrementally."},
    {"b2a_hex", FAST(b2a_hex),
     "b2a_hex($module, /, data, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\nHexadecimal representation of "
     "binary data."},
    {"hexlify", FAST(hexlify),
     "hexlify($module, /, data, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\nHexadecimal representation of "
     "binary data.\n\nThe return value is a bytes object.  This function is also\navailable as \"b2a_hex()\"."},
    {"a2b_hex", unhexlify, METH_O,
     "a2b_hex($module, hexstr, /)\n--\n\nBinary data of hexadecimal representation.\n\nhexstr must contain an even "
     "number of hex digits (upper or lower case).\nThis function is also available as \"unhexlify()\"."},
    {"unhexlify", unhexlify, METH_O,
     "unhexlify($module, hexstr, /)\n--\n\nBinary data of hexadecimal representation.\n\nhexstr must contain an "
     "even number of hex digits (upper or lower case)."},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Object* create_binascii_module() {
  static const int ready = [] {
    g_error = new_exception_class("binascii.Error", reinterpret_cast<Object*>(&exc_ValueError), nullptr);
    if (!g_error) return -1;
    g_incomplete = new_exception_class("binascii.Incomplete", reinterpret_cast<Object*>(&exc_Exception), nullptr);
    return g_incomplete ? 0 : -1;
  }();
  if (ready < 0) {
    if (!error_occurred()) set_error(&exc_SystemError, "binascii: initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("binascii")));
  if (!m || module_add_functions(m.get(), binascii_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  if (dict_set_str(d, "Error", g_error) < 0 || dict_set_str(d, "Incomplete", g_incomplete) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
