// The built-in codecs between str and bytes (utf-8, ascii, latin-1) with CPython's error handlers and messages.
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/types.h"

namespace pyvm {
namespace {

enum class Enc { kUtf8, kAscii, kLatin1, kUnknown };
enum class Err {
  kStrict,
  kIgnore,
  kReplace,
  kBackslash,
  kSurrogateEscape,
  kSurrogatePass,
  kXmlCharRef,
  kNameReplace,
  kUnknown
};

// encodings.normalize_encoding + lower(): runs of non-alphanumeric characters (other than '.') become one '_',
// leading and trailing ones are dropped.
std::string normalize_encoding(const char* name) {
  std::string out;
  bool punct = false;
  for (const char* p = name; *p; p++) {
    unsigned char c = static_cast<unsigned char>(*p);
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (alnum || c == '.') {
      if (punct && !out.empty()) out.push_back('_');
      out.push_back(char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
      punct = false;
    } else if (c < 0x80) {
      punct = true;
    }
  }
  return out;
}

Enc lookup_encoding(const char* name) {
  std::string n = normalize_encoding(name);
  // The aliases of CPython's encodings/aliases.py for these three codecs.
  static const char* const utf8[] = {"utf_8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4", "cp65001"};
  static const char* const ascii[] = {"ascii",    "646",     "ansi_x3.4_1968", "ansi_x3_4_1968", "ansi_x3.4_1986",
                                      "cp367",    "csascii", "ibm367",         "iso646_us",      "iso_646.irv_1991",
                                      "iso_ir_6", "us",      "us_ascii"};
  static const char* const latin1[] = {"latin_1",    "latin1",  "8859",      "cp819",      "csisolatin1",
                                       "ibm819",     "iso8859", "iso8859_1", "iso_8859_1", "iso_8859_1_1987",
                                       "iso_ir_100", "l1",      "latin"};
  for (const char* a : utf8)
    if (n == a) return Enc::kUtf8;
  for (const char* a : ascii)
    if (n == a) return Enc::kAscii;
  for (const char* a : latin1)
    if (n == a) return Enc::kLatin1;
  return Enc::kUnknown;
}

const char* encoding_name(Enc e) {
  switch (e) {
    case Enc::kUtf8:
      return "utf-8";
    case Enc::kAscii:
      return "ascii";
    default:
      return "latin-1";
  }
}

Err lookup_errors(const char* name) {
  if (!name || !std::strcmp(name, "strict")) return Err::kStrict;
  if (!std::strcmp(name, "ignore")) return Err::kIgnore;
  if (!std::strcmp(name, "replace")) return Err::kReplace;
  if (!std::strcmp(name, "backslashreplace")) return Err::kBackslash;
  if (!std::strcmp(name, "surrogateescape")) return Err::kSurrogateEscape;
  if (!std::strcmp(name, "surrogatepass")) return Err::kSurrogatePass;
  if (!std::strcmp(name, "xmlcharrefreplace")) return Err::kXmlCharRef;
  if (!std::strcmp(name, "namereplace")) return Err::kNameReplace;
  return Err::kUnknown;
}

std::nullptr_t unknown_handler(const char* errors) {
  return set_errorf(&exc_LookupError, "unknown error handler name '{}'", errors);
}

// Raises UnicodeDecodeError(encoding, bytes, start, end, reason); its str() gives CPython's message.
std::nullptr_t decode_error(Enc enc, const char* data, ssize len, ssize start, ssize end, const char* reason) {
  ORef a0 = steal(str_from_utf8(encoding_name(enc)));
  ORef a1 = steal(bytes_from(data, len));
  ORef a2 = steal(int_from_ssize(start));
  ORef a3 = steal(int_from_ssize(end));
  ORef a4 = steal(str_from_utf8(reason));
  if (!a0 || !a1 || !a2 || !a3 || !a4) return nullptr;
  Object* argv[5] = {a0.get(), a1.get(), a2.get(), a3.get(), a4.get()};
  Object* exc = call(reinterpret_cast<Object*>(&exc_UnicodeDecodeError), argv, 5, nullptr);
  if (exc) set_error_steal(exc);
  return nullptr;
}

std::nullptr_t encode_error(Enc enc, Object* s, ssize start, ssize end, const char* reason) {
  ORef a0 = steal(str_from_utf8(encoding_name(enc)));
  ORef a2 = steal(int_from_ssize(start));
  ORef a3 = steal(int_from_ssize(end));
  ORef a4 = steal(str_from_utf8(reason));
  if (!a0 || !a2 || !a3 || !a4) return nullptr;
  Object* argv[5] = {a0.get(), s, a2.get(), a3.get(), a4.get()};
  Object* exc = call(reinterpret_cast<Object*>(&exc_UnicodeEncodeError), argv, 5, nullptr);
  if (exc) set_error_steal(exc);
  return nullptr;
}

inline bool is_cont(uint8_t b) { return (b & 0xc0) == 0x80; }

// Decodes one UTF-8 sequence at s (s[0] >= 0x80), following CPython's stringlib decoder exactly. Returns the
// number of bytes consumed with *out set, or an error code: 0 truncated ("unexpected end of data"), -1 invalid
// start byte, -2/-3/-4 invalid continuation (the error spans 1/2/3 bytes).
int utf8_one(const uint8_t* s, const uint8_t* end, uint32_t* out) {
  uint32_t ch = s[0];
  ssize avail = end - s;
  if (ch < 0xc2) return -1;
  if (ch < 0xe0) {
    if (avail < 2) return 0;
    if (!is_cont(s[1])) return -2;
    *out = ((ch & 0x1f) << 6) | (s[1] & 0x3f);
    return 2;
  }
  if (ch < 0xf0) {
    if (avail < 3) {
      if (avail < 2) return 0;
      uint8_t c2 = s[1];
      if (!is_cont(c2) || (c2 < 0xa0 ? ch == 0xe0 : ch == 0xed)) return -2;
      return 0;
    }
    uint8_t c2 = s[1], c3 = s[2];
    if (!is_cont(c2)) return -2;
    if (ch == 0xe0 ? c2 < 0xa0 : (ch == 0xed && c2 >= 0xa0)) return -2;
    if (!is_cont(c3)) return -3;
    *out = ((ch & 0x0f) << 12) | (uint32_t(c2 & 0x3f) << 6) | (c3 & 0x3f);
    return 3;
  }
  if (ch < 0xf5) {
    if (avail < 4) {
      if (avail < 2) return 0;
      uint8_t c2 = s[1];
      if (!is_cont(c2) || (c2 < 0x90 ? ch == 0xf0 : ch == 0xf4)) return -2;
      if (avail < 3) return 0;
      if (!is_cont(s[2])) return -3;
      return 0;
    }
    uint8_t c2 = s[1], c3 = s[2], c4 = s[3];
    if (!is_cont(c2)) return -2;
    if (ch == 0xf0 ? c2 < 0x90 : (ch == 0xf4 && c2 >= 0x90)) return -2;
    if (!is_cont(c3)) return -3;
    if (!is_cont(c4)) return -4;
    *out = ((ch & 0x07) << 18) | (uint32_t(c2 & 0x3f) << 12) | (uint32_t(c3 & 0x3f) << 6) | (c4 & 0x3f);
    return 4;
  }
  return -1;
}

void put_hex_escape(StrBuilder& b, uint32_t v) {
  static const char hex[] = "0123456789abcdef";
  b.put('\\');
  b.put('x');
  b.put(uint8_t(hex[(v >> 4) & 0xf]));
  b.put(uint8_t(hex[v & 0xf]));
}

// Handles one decoding error over bytes [start, end). Returns the position to resume at, or -1 with an error set.
ssize decode_error_handler(Enc enc, Err err, const char* errors, const char* data, ssize len, ssize start, ssize end,
                           const char* reason, StrBuilder& b) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(data);
  switch (err) {
    case Err::kIgnore:
      return end;
    case Err::kReplace:
      b.put(0xfffd);
      return end;
    case Err::kBackslash:
      for (ssize i = start; i < end; i++) put_hex_escape(b, s[i]);
      return end;
    case Err::kSurrogateEscape:
      for (ssize i = start; i < end; i++) {
        if (s[i] < 0x80) return decode_error(enc, data, len, start, end, reason), -1;
      }
      for (ssize i = start; i < end; i++) b.put(0xdc00 + s[i]);
      return end;
    case Err::kSurrogatePass:
      if (enc == Enc::kUtf8 && start + 3 <= len && (s[start] & 0xf0) == 0xe0 && is_cont(s[start + 1]) &&
          is_cont(s[start + 2])) {
        uint32_t ch = ((s[start] & 0x0f) << 12) | (uint32_t(s[start + 1] & 0x3f) << 6) | (s[start + 2] & 0x3f);
        if (ch >= 0xd800 && ch <= 0xdfff) {
          b.put(ch);
          return start + 3;
        }
      }
      return decode_error(enc, data, len, start, end, reason), -1;
    case Err::kXmlCharRef:
    case Err::kNameReplace:
      set_error(&exc_TypeError, "don't know how to handle UnicodeDecodeError in error callback");
      return -1;
    case Err::kUnknown:
      unknown_handler(errors);
      return -1;
    case Err::kStrict:
      break;
  }
  decode_error(enc, data, len, start, end, reason);
  return -1;
}

Object* decode_utf8(const char* data, ssize len, Err err, const char* errors) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(data);
  const uint8_t* end = s + len;
  // Fast pass: validate, count and find the widest character; stops at the first error.
  ssize i = 0, nchars = 0;
  uint32_t maxc = 0;
  bool ok = true;
  while (i < len) {
    if (s[i] < 0x80) {
      // Skip ASCII runs eight bytes at a time.
      while (i + 8 <= len) {
        uint64_t w;
        std::memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull) break;
        i += 8;
        nchars += 8;
      }
      if (i < len && s[i] < 0x80) {
        i++;
        nchars++;
      }
      continue;
    }
    uint32_t ch;
    int r = utf8_one(s + i, end, &ch);
    if (r <= 0) {
      ok = false;
      break;
    }
    if (ch > maxc) maxc = ch;
    i += r;
    nchars++;
  }
  if (ok) {
    if (maxc == 0) return str_from_kind(1, data, len);  // pure ASCII
    Object* o = str_new(nchars, maxc);
    if (!o) return nullptr;
    int k = str_kind(o);
    void* out = str_data(o);
    ssize j = 0;
    for (i = 0; i < len; j++) {
      uint32_t ch = s[i];
      if (ch < 0x80) {
        i++;
      } else {
        i += utf8_one(s + i, end, &ch);
      }
      if (k == 1) {
        static_cast<uint8_t*>(out)[j] = uint8_t(ch);
      } else if (k == 2) {
        static_cast<uint16_t*>(out)[j] = uint16_t(ch);
      } else {
        static_cast<uint32_t*>(out)[j] = ch;
      }
    }
    if (nchars == 1) {  // keep the Latin-1 singletons unique
      uint32_t ch = StrChars(o)[0];
      decref(o);
      return str_from_char(ch);
    }
    return o;
  }
  // Slow path: there is an error; decode again through the error handler.
  StrBuilder b;
  b.reserve(len);
  i = 0;
  while (i < len) {
    if (s[i] < 0x80) {
      b.put(s[i++]);
      continue;
    }
    uint32_t ch;
    int r = utf8_one(s + i, end, &ch);
    if (r > 0) {
      b.put(ch);
      i += r;
      continue;
    }
    ssize estart = i, eend;
    const char* reason;
    if (r == 0) {
      reason = "unexpected end of data";
      eend = len;
    } else if (r == -1) {
      reason = "invalid start byte";
      eend = i + 1;
    } else {
      reason = "invalid continuation byte";
      eend = i + (-r) - 1;
    }
    i = decode_error_handler(Enc::kUtf8, err, errors, data, len, estart, eend, reason, b);
    if (i < 0) return nullptr;
  }
  return b.finish();
}

Object* decode_ascii(const char* data, ssize len, Err err, const char* errors) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(data);
  ssize bad = -1;
  for (ssize i = 0; i < len; i++) {
    if (s[i] >= 0x80) {
      bad = i;
      break;
    }
  }
  if (bad < 0) return str_from_kind(1, data, len);
  StrBuilder b;
  b.reserve(len);
  for (ssize i = 0; i < len;) {
    if (s[i] < 0x80) {
      b.put(s[i++]);
      continue;
    }
    i = decode_error_handler(Enc::kAscii, err, errors, data, len, i, i + 1, "ordinal not in range(128)", b);
    if (i < 0) return nullptr;
  }
  return b.finish();
}

// ---- Encoding ----

inline bool is_surrogate(uint32_t ch) { return ch >= 0xd800 && ch <= 0xdfff; }

void put_utf8(std::string& out, uint32_t ch) {
  if (ch < 0x80) {
    out.push_back(char(ch));
  } else if (ch < 0x800) {
    out.push_back(char(0xc0 | (ch >> 6)));
    out.push_back(char(0x80 | (ch & 0x3f)));
  } else if (ch < 0x10000) {
    out.push_back(char(0xe0 | (ch >> 12)));
    out.push_back(char(0x80 | ((ch >> 6) & 0x3f)));
    out.push_back(char(0x80 | (ch & 0x3f)));
  } else {
    out.push_back(char(0xf0 | (ch >> 18)));
    out.push_back(char(0x80 | ((ch >> 12) & 0x3f)));
    out.push_back(char(0x80 | ((ch >> 6) & 0x3f)));
    out.push_back(char(0x80 | (ch & 0x3f)));
  }
}

void put_backslash(std::string& out, uint32_t ch) {
  char buf[16];
  if (ch < 0x100) {
    std::snprintf(buf, sizeof buf, "\\x%02x", ch);
  } else if (ch < 0x10000) {
    std::snprintf(buf, sizeof buf, "\\u%04x", ch);
  } else {
    std::snprintf(buf, sizeof buf, "\\U%08x", ch);
  }
  out += buf;
}

// Handles the unencodable characters s[start:end). Returns false with an error set.
bool encode_error_handler(Enc enc, Err err, const char* errors, Object* s, ssize start, ssize end, const char* reason,
                          std::string& out) {
  StrChars c(s);
  switch (err) {
    case Err::kIgnore:
      return true;
    case Err::kReplace:
      out.append(size_t(end - start), '?');
      return true;
    case Err::kBackslash:
      for (ssize i = start; i < end; i++) put_backslash(out, c[i]);
      return true;
    case Err::kXmlCharRef:
      for (ssize i = start; i < end; i++) out += "&#" + std::to_string(c[i]) + ";";
      return true;
    case Err::kSurrogateEscape:
      for (ssize i = start; i < end; i++) {
        uint32_t ch = c[i];
        if (ch < 0xdc80 || ch > 0xdcff) return encode_error(enc, s, i, end, reason), false;
        out.push_back(char(ch - 0xdc00));
      }
      return true;
    case Err::kSurrogatePass:
      if (enc == Enc::kUtf8) {
        for (ssize i = start; i < end; i++) {
          if (!is_surrogate(c[i])) return encode_error(enc, s, start, end, reason), false;
        }
        for (ssize i = start; i < end; i++) put_utf8(out, c[i]);
        return true;
      }
      break;
    case Err::kNameReplace:
      // TODO(unicode-data): \N{NAME} needs the Unicode name table; until then namereplace fails like strict.
      break;
    case Err::kUnknown:
      unknown_handler(errors);
      return false;
    case Err::kStrict:
      break;
  }
  encode_error(enc, s, start, end, reason);
  return false;
}

Object* encode_str(Object* s, Enc enc, Err err, const char* errors) {
  ssize len = str_length(s);
  if (str_is_ascii(s)) return bytes_from(static_cast<const char*>(str_data(s)), len);
  StrChars c(s);
  std::string out;
  out.reserve(size_t(len) * (enc == Enc::kUtf8 ? 2 : 1));
  if (enc == Enc::kUtf8) {
    for (ssize i = 0; i < len;) {
      uint32_t ch = c[i];
      if (!is_surrogate(ch)) {
        put_utf8(out, ch);
        i++;
        continue;
      }
      ssize e = i + 1;
      while (e < len && is_surrogate(c[e])) e++;
      if (!encode_error_handler(enc, err, errors, s, i, e, "surrogates not allowed", out)) return nullptr;
      i = e;
    }
  } else {
    uint32_t limit = enc == Enc::kAscii ? 0x80 : 0x100;
    const char* reason = enc == Enc::kAscii ? "ordinal not in range(128)" : "ordinal not in range(256)";
    for (ssize i = 0; i < len;) {
      uint32_t ch = c[i];
      if (ch < limit) {
        out.push_back(char(ch));
        i++;
        continue;
      }
      ssize e = i + 1;
      while (e < len && c[e] >= limit) e++;
      if (!encode_error_handler(enc, err, errors, s, i, e, reason, out)) return nullptr;
      i = e;
    }
  }
  return bytes_from(out.data(), ssize(out.size()));
}

}  // namespace

Object* str_from_utf8(const char* s, ssize len) { return decode_utf8(s, len, Err::kStrict, "strict"); }

Object* str_decode(const char* data, ssize len, const char* encoding, const char* errors) {
  if (!encoding) encoding = "utf-8";
  if (!errors) errors = "strict";
  Enc enc = lookup_encoding(encoding);
  Err err = lookup_errors(errors);
  switch (enc) {
    case Enc::kUtf8:
      return decode_utf8(data, len, err, errors);
    case Enc::kAscii:
      return decode_ascii(data, len, err, errors);
    case Enc::kLatin1:
      return str_from_latin1(reinterpret_cast<const uint8_t*>(data), len);
    case Enc::kUnknown:
      break;
  }
  // TODO(codecs): the other standard codecs (utf-16/32, cp1252, ...) come with the codecs module.
  return set_errorf(&exc_LookupError, "unknown encoding: {}", encoding);
}

Object* str_encode(Object* s, const char* encoding, const char* errors) {
  if (!encoding) encoding = "utf-8";
  if (!errors) errors = "strict";
  Enc enc = lookup_encoding(encoding);
  if (enc == Enc::kUnknown) return set_errorf(&exc_LookupError, "unknown encoding: {}", encoding);
  return encode_str(s, enc, lookup_errors(errors), errors);
}

}  // namespace pyvm
