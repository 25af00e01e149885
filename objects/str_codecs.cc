// The built-in text codecs between str and bytes (utf-8, ascii, latin-1, utf-16, utf-32 and their variants) with
// CPython's error handlers and messages, plus the error-handler registry that lets Python handlers take part.
#include <bit>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/codecs.h"
#include "objects/codecs_internal.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/unicodedata.h"

namespace pyvm {
namespace codecs {

Err lookup_errors(const char* name) {
  if (!name || !std::strcmp(name, "strict")) return Err::kStrict;
  if (!std::strcmp(name, "ignore")) return Err::kIgnore;
  if (!std::strcmp(name, "replace")) return Err::kReplace;
  if (!std::strcmp(name, "backslashreplace")) return Err::kBackslash;
  if (!std::strcmp(name, "surrogateescape")) return Err::kSurrogateEscape;
  if (!std::strcmp(name, "surrogatepass")) return Err::kSurrogatePass;
  if (!std::strcmp(name, "xmlcharrefreplace")) return Err::kXmlCharRef;
  if (!std::strcmp(name, "namereplace")) return Err::kNameReplace;
  return Err::kCustom;
}

namespace {

// ---- The error-handler registry ----
// Guarded by g_registry_mu; holds a strong reference to each handler. Lookups copy a new reference out under the
// lock so a concurrent register_error cannot free the handler while it is being called.
std::mutex g_registry_mu;
std::map<std::string, Object*>* g_handlers = nullptr;

CodecGenericFn g_generic_hook = nullptr;

Object* make_decode_exc(const DecodeCtx& c, ssize start, ssize end, const char* reason) {
  ORef a0 = steal(str_from_utf8(c.encoding));
  ORef a1 = steal(bytes_from(c.data, c.len));
  ORef a2 = steal(int_from_ssize(start));
  ORef a3 = steal(int_from_ssize(end));
  ORef a4 = steal(str_from_utf8(reason));
  if (!a0 || !a1 || !a2 || !a3 || !a4) return nullptr;
  Object* argv[5] = {a0.get(), a1.get(), a2.get(), a3.get(), a4.get()};
  return call(reinterpret_cast<Object*>(&exc_UnicodeDecodeError), argv, 5, nullptr);
}

Object* make_encode_exc(const EncodeCtx& c, ssize start, ssize end, const char* reason) {
  ORef a0 = steal(str_from_utf8(c.encoding));
  ORef a2 = steal(int_from_ssize(start));
  ORef a3 = steal(int_from_ssize(end));
  ORef a4 = steal(str_from_utf8(reason));
  if (!a0 || !a2 || !a3 || !a4) return nullptr;
  Object* argv[5] = {a0.get(), c.s, a2.get(), a3.get(), a4.get()};
  return call(reinterpret_cast<Object*>(&exc_UnicodeEncodeError), argv, 5, nullptr);
}

// Calls the registered handler `errors` with `exc`; returns its (replacement, position) tuple checked for shape.
Object* call_custom(const char* errors, Object* exc, bool decoding) {
  ORef handler = steal(codec_lookup_error(errors));
  if (!handler) return nullptr;
  ORef r = steal(call(handler.get(), &exc, 1, nullptr));
  if (!r) return nullptr;
  bool ok =
      type_check(r.get(), &tuple_type) && tuple_size(r.get()) == 2 && type_check(tuple_get(r.get(), 1), &int_type) &&
      (type_check(tuple_get(r.get(), 0), &str_type) || (!decoding && type_check(tuple_get(r.get(), 0), &bytes_type)));
  if (!ok) {
    return set_error(&exc_TypeError, decoding ? "decoding error handler must return (str, int) tuple"
                                              : "encoding error handler must return (str/bytes, int) tuple");
  }
  return r.release();
}

// Resolves a handler's position (negative counts from the end) against [0, len].
ssize handler_pos(Object* pos, ssize len) {
  ssize p = int_as_ssize(pos);
  if (p == -1 && error_occurred()) return -1;
  if (p < 0) p += len;
  if (p < 0 || p > len) {
    set_errorf(&exc_IndexError, "position {} from error handler out of bounds", p);
    return -1;
  }
  return p;
}

void put_hex_escape(StrBuilder& b, uint32_t v) {
  static const char hex[] = "0123456789abcdef";
  b.put('\\');
  b.put('x');
  b.put(uint8_t(hex[(v >> 4) & 0xf]));
  b.put(uint8_t(hex[v & 0xf]));
}

inline bool is_surrogate(uint32_t ch) { return ch >= 0xd800 && ch <= 0xdfff; }

uint32_t read_unit(const uint8_t* p, int size, bool big) {
  uint32_t v = 0;
  for (int k = 0; k < size; k++) v |= uint32_t(p[big ? size - 1 - k : k]) << (8 * k);
  return v;
}

void put_unit(std::string& out, uint32_t v, int size, bool big) {
  for (int k = 0; k < size; k++) out.push_back(char(big ? (v >> (8 * (size - 1 - k))) : (v >> (8 * k))));
}

}  // namespace

std::nullptr_t raise_decode(const DecodeCtx& c, ssize start, ssize end, const char* reason) {
  Object* exc = make_decode_exc(c, start, end, reason);
  if (exc) set_error_steal(exc);
  return nullptr;
}

std::nullptr_t raise_encode(const EncodeCtx& c, ssize start, ssize end, const char* reason) {
  Object* exc = make_encode_exc(c, start, end, reason);
  if (exc) set_error_steal(exc);
  return nullptr;
}

ssize decode_err(const DecodeCtx& c, ssize start, ssize end, const char* reason, StrBuilder& b) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(c.data);
  switch (c.err) {
    case Err::kIgnore:
      return end;
    case Err::kReplace:
      b.put(0xfffd);
      return end;
    case Err::kBackslash:
      for (ssize i = start; i < end; i++) put_hex_escape(b, s[i]);
      return end;
    case Err::kSurrogateEscape: {
      // Escapes the leading run of non-ASCII bytes; resumes after it (a decoder may then fail differently).
      ssize i = start;
      for (; i < end && s[i] >= 0x80; i++) b.put(0xdc00 + s[i]);
      if (i == start) return raise_decode(c, start, end, reason), -1;
      return i;
    }
    case Err::kSurrogatePass: {
      ssize avail = c.len - start;
      if (c.family == Codec::kUtf8 && avail >= 3 && (s[start] & 0xf0) == 0xe0 && (s[start + 1] & 0xc0) == 0x80 &&
          (s[start + 2] & 0xc0) == 0x80) {
        uint32_t ch = ((s[start] & 0x0f) << 12) | (uint32_t(s[start + 1] & 0x3f) << 6) | (s[start + 2] & 0x3f);
        if (is_surrogate(ch)) {
          b.put(ch);
          return start + 3;
        }
      }
      int size = (c.family == Codec::kUtf16Le || c.family == Codec::kUtf16Be)   ? 2
                 : (c.family == Codec::kUtf32Le || c.family == Codec::kUtf32Be) ? 4
                                                                                : 0;
      if (size && avail >= size) {
        bool big = c.family == Codec::kUtf16Be || c.family == Codec::kUtf32Be;
        uint32_t ch = read_unit(s + start, size, big);
        if (is_surrogate(ch)) {
          b.put(ch);
          return start + size;
        }
      }
      return raise_decode(c, start, end, reason), -1;
    }
    case Err::kXmlCharRef:
    case Err::kNameReplace:
      set_error(&exc_TypeError, "don't know how to handle UnicodeDecodeError in error callback");
      return -1;
    case Err::kCustom: {
      ORef exc = steal(make_decode_exc(c, start, end, reason));
      if (!exc) return -1;
      ORef r = steal(call_custom(c.errors, exc.get(), true));
      if (!r) return -1;
      b.put_str(tuple_get(r.get(), 0));
      return handler_pos(tuple_get(r.get(), 1), c.len);
    }
    case Err::kStrict:
      break;
  }
  raise_decode(c, start, end, reason);
  return -1;
}

void put_backslash(std::u32string& out, uint32_t ch) {
  char buf[16];
  if (ch < 0x100) {
    std::snprintf(buf, sizeof buf, "\\x%02x", ch);
  } else if (ch < 0x10000) {
    std::snprintf(buf, sizeof buf, "\\u%04x", ch);
  } else {
    std::snprintf(buf, sizeof buf, "\\U%08x", ch);
  }
  for (const char* p = buf; *p; p++) out.push_back(char32_t(*p));
}

bool encode_err(const EncodeCtx& c, ssize start, ssize end, const char* reason, EncodeRep* rep) {
  StrChars ch(c.s);
  rep->newpos = end;
  switch (c.err) {
    case Err::kIgnore:
      rep->is_bytes = true;
      return true;
    case Err::kReplace:
      rep->chars.append(size_t(end - start), U'?');
      return true;
    case Err::kBackslash:
      for (ssize i = start; i < end; i++) put_backslash(rep->chars, ch[i]);
      return true;
    case Err::kXmlCharRef:
      for (ssize i = start; i < end; i++) {
        for (char d : "&#" + std::to_string(ch[i]) + ";") rep->chars.push_back(char32_t(d));
      }
      return true;
    case Err::kSurrogateEscape:
      rep->is_bytes = true;
      for (ssize i = start; i < end; i++) {
        uint32_t v = ch[i];
        if (v < 0xdc80 || v > 0xdcff) return raise_encode(c, start, end, reason), false;
        rep->bytes.push_back(char(v - 0xdc00));
      }
      return true;
    case Err::kSurrogatePass: {
      rep->is_bytes = true;
      int size = 0;
      bool big = c.family == Codec::kUtf16Be || c.family == Codec::kUtf32Be;
      if (c.family == Codec::kUtf16Le || c.family == Codec::kUtf16Be) size = 2;
      if (c.family == Codec::kUtf32Le || c.family == Codec::kUtf32Be) size = 4;
      if (c.family != Codec::kUtf8 && !size) break;
      for (ssize i = start; i < end; i++) {
        if (!is_surrogate(ch[i])) return raise_encode(c, start, end, reason), false;
      }
      for (ssize i = start; i < end; i++) {
        if (size) {
          put_unit(rep->bytes, ch[i], size, big);
        } else {
          put_utf8(rep->bytes, ch[i]);
        }
      }
      return true;
    }
    case Err::kNameReplace:
      // \N{NAME}, or a backslash escape for a code point without a name.
      for (ssize i = start; i < end; i++) {
        std::string name;
        if (!unidata_name(ch[i], &name)) {
          put_backslash(rep->chars, ch[i]);
          continue;
        }
        for (char d : "\\N{" + name + "}") rep->chars.push_back(char32_t(d));
      }
      return true;
    case Err::kCustom: {
      ORef exc = steal(make_encode_exc(c, start, end, reason));
      if (!exc) return false;
      ORef r = steal(call_custom(c.errors, exc.get(), false));
      if (!r) return false;
      Object* v = tuple_get(r.get(), 0);
      if (type_check(v, &bytes_type)) {
        rep->is_bytes = true;
        rep->bytes.assign(bytes_data(v), size_t(bytes_size(v)));
      } else {
        StrChars vc(v);
        for (ssize i = 0, n = str_length(v); i < n; i++) rep->chars.push_back(char32_t(vc[i]));
      }
      rep->newpos = handler_pos(tuple_get(r.get(), 1), str_length(c.s));
      return rep->newpos >= 0;
    }
    case Err::kStrict:
      break;
  }
  raise_encode(c, start, end, reason);
  return false;
}

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

}  // namespace codecs

using namespace codecs;

namespace {

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

Object* decode_utf8(const char* data, ssize len, const char* errors, bool final, ssize* consumed) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(data);
  const uint8_t* end = s + len;
  if (consumed) *consumed = len;
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
  DecodeCtx ctx{"utf-8", Codec::kUtf8, lookup_errors(errors), errors, data, len};
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
      if (!final) break;
      reason = "unexpected end of data";
      eend = len;
    } else if (r == -1) {
      reason = "invalid start byte";
      eend = i + 1;
    } else {
      reason = "invalid continuation byte";
      eend = i + (-r) - 1;
    }
    i = decode_err(ctx, estart, eend, reason, b);
    if (i < 0) return nullptr;
  }
  if (consumed) *consumed = i;
  return b.finish();
}

Object* decode_ascii(const char* data, ssize len, const char* errors) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(data);
  ssize bad = -1;
  for (ssize i = 0; i < len; i++) {
    if (s[i] >= 0x80) {
      bad = i;
      break;
    }
  }
  if (bad < 0) return str_from_kind(1, data, len);
  DecodeCtx ctx{"ascii", Codec::kAscii, lookup_errors(errors), errors, data, len};
  StrBuilder b;
  b.reserve(len);
  for (ssize i = 0; i < len;) {
    if (s[i] < 0x80) {
      b.put(s[i++]);
      continue;
    }
    i = decode_err(ctx, i, i + 1, "ordinal not in range(128)", b);
    if (i < 0) return nullptr;
  }
  return b.finish();
}

// UTF-16 (unit 2) and UTF-32 (unit 4). *bo: 0 reads a BOM, -1 little endian, 1 big endian.
Object* decode_utf16_32(const char* data, ssize len, const char* errors, bool final, ssize* consumed, int* bo,
                        int unit) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(data);
  ssize i = 0;
  if (*bo == 0) {
    if (len >= unit) {
      uint32_t le = read_unit(s, unit, false);
      if (le == 0xfeff) {
        *bo = -1;
        i = unit;
      } else if (read_unit(s, unit, true) == 0xfeff) {
        *bo = 1;
        i = unit;
      }
    } else if (!final) {
      if (consumed) *consumed = 0;
      return str_from_kind(1, "", 0);
    }
  }
  bool big = *bo == 1 || (*bo == 0 && std::endian::native == std::endian::big);
  Codec family = unit == 2 ? (big ? Codec::kUtf16Be : Codec::kUtf16Le) : (big ? Codec::kUtf32Be : Codec::kUtf32Le);
  DecodeCtx ctx{codec_name(family), family, lookup_errors(errors), errors, data, len};
  StrBuilder b;
  b.reserve((len - i) / unit);
  while (i < len) {
    ssize estart = i, eend;
    const char* reason;
    if (len - i < unit) {
      if (!final) break;
      reason = "truncated data";
      eend = len;
    } else {
      uint32_t u = read_unit(s + i, unit, big);
      if (unit == 4) {
        if (u > 0x10ffff) {
          reason = "code point not in range(0x110000)";
        } else if (is_surrogate(u)) {
          reason = "code point in surrogate code point range(0xd800, 0xe000)";
        } else {
          b.put(u);
          i += 4;
          continue;
        }
        eend = i + 4;
      } else if (!is_surrogate(u)) {
        b.put(u);
        i += 2;
        continue;
      } else if (u >= 0xdc00) {
        reason = "illegal encoding";
        eend = i + 2;
      } else if (len - i < 4) {
        if (!final) break;
        reason = "unexpected end of data";
        eend = len;
      } else {
        uint32_t u2 = read_unit(s + i + 2, 2, big);
        if (u2 >= 0xdc00 && u2 <= 0xdfff) {
          b.put(0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00));
          i += 4;
          continue;
        }
        reason = "illegal UTF-16 surrogate";
        eend = i + 2;
      }
    }
    i = decode_err(ctx, estart, eend, reason, b);
    if (i < 0) return nullptr;
  }
  if (consumed) *consumed = i;
  return b.finish();
}

// Writes a handler's replacement. `unit` 0: a byte codec whose str replacements must be below `limit`; 2/4: UTF-16/32,
// whose str replacements must be ASCII and bytes replacements whole units.
bool put_rep(const EncodeCtx& c, const EncodeRep& rep, ssize start, ssize end, const char* reason, std::string& out,
             int unit, bool big, uint32_t limit) {
  if (rep.is_bytes) {
    if (unit && rep.bytes.size() % size_t(unit)) return raise_encode(c, start, end, reason), false;
    out += rep.bytes;
    return true;
  }
  for (char32_t ch : rep.chars) {
    if (uint32_t(ch) >= (unit ? 0x80u : limit)) return raise_encode(c, start, end, reason), false;
    if (unit) {
      put_unit(out, uint32_t(ch), unit, big);
    } else {
      out.push_back(char(ch));
    }
  }
  return true;
}

Object* encode_8bit(Object* s, Codec codec, const char* errors) {
  ssize len = str_length(s);
  if (str_is_ascii(s)) return bytes_from(static_cast<const char*>(str_data(s)), len);
  StrChars c(s);
  EncodeCtx ctx{codec_name(codec), codec, lookup_errors(errors), errors, s};
  std::string out;
  out.reserve(size_t(len) * (codec == Codec::kUtf8 ? 2 : 1));
  bool utf8 = codec == Codec::kUtf8;
  uint32_t limit = utf8 ? 0x80 : codec == Codec::kAscii ? 0x80 : 0x100;
  const char* reason = utf8                     ? "surrogates not allowed"
                       : codec == Codec::kAscii ? "ordinal not in range(128)"
                                                : "ordinal not in range(256)";
  for (ssize i = 0; i < len;) {
    uint32_t ch = c[i];
    if (utf8 ? !is_surrogate(ch) : ch < limit) {
      if (utf8) {
        put_utf8(out, ch);
      } else {
        out.push_back(char(ch));
      }
      i++;
      continue;
    }
    ssize e = i + 1;
    while (e < len && (utf8 ? is_surrogate(c[e]) : c[e] >= limit)) e++;
    EncodeRep rep;
    if (!encode_err(ctx, i, e, reason, &rep) || !put_rep(ctx, rep, i, e, reason, out, 0, false, limit)) return nullptr;
    i = rep.newpos;
  }
  return bytes_from(out.data(), ssize(out.size()));
}

Object* encode_utf16_32(Object* s, const char* errors, int byteorder, int unit) {
  bool big = byteorder == 1 || (byteorder == 0 && std::endian::native == std::endian::big);
  Codec family = unit == 2 ? (big ? Codec::kUtf16Be : Codec::kUtf16Le) : (big ? Codec::kUtf32Be : Codec::kUtf32Le);
  const char* name = byteorder == 0 ? (unit == 2 ? "utf-16" : "utf-32") : codec_name(family);
  EncodeCtx ctx{name, family, lookup_errors(errors), errors, s};
  ssize len = str_length(s);
  StrChars c(s);
  std::string out;
  out.reserve(size_t(len + 1) * size_t(unit));
  if (byteorder == 0) put_unit(out, 0xfeff, unit, big);
  for (ssize i = 0; i < len;) {
    uint32_t ch = c[i];
    if (!is_surrogate(ch)) {
      if (unit == 2 && ch >= 0x10000) {
        put_unit(out, 0xd800 + ((ch - 0x10000) >> 10), 2, big);
        put_unit(out, 0xdc00 + ((ch - 0x10000) & 0x3ff), 2, big);
      } else {
        put_unit(out, ch, unit, big);
      }
      i++;
      continue;
    }
    EncodeRep rep;
    const char* reason = "surrogates not allowed";
    if (!encode_err(ctx, i, i + 1, reason, &rep) || !put_rep(ctx, rep, i, i + 1, reason, out, unit, big, 0))
      return nullptr;
    i = rep.newpos;
  }
  return bytes_from(out.data(), ssize(out.size()));
}

}  // namespace

Codec codec_find(const char* name) {
  std::string n = normalize_encoding(name);
  // The aliases of CPython's encodings/aliases.py for the built-in codecs.
  struct Alias {
    const char* name;
    Codec codec;
  };
  static const Alias aliases[] = {
      {"utf_8", Codec::kUtf8},
      {"utf8", Codec::kUtf8},
      {"u8", Codec::kUtf8},
      {"utf", Codec::kUtf8},
      {"utf8_ucs2", Codec::kUtf8},
      {"utf8_ucs4", Codec::kUtf8},
      {"cp65001", Codec::kUtf8},
      {"ascii", Codec::kAscii},
      {"646", Codec::kAscii},
      {"ansi_x3.4_1968", Codec::kAscii},
      {"ansi_x3_4_1968", Codec::kAscii},
      {"ansi_x3.4_1986", Codec::kAscii},
      {"cp367", Codec::kAscii},
      {"csascii", Codec::kAscii},
      {"ibm367", Codec::kAscii},
      {"iso646_us", Codec::kAscii},
      {"iso_646.irv_1991", Codec::kAscii},
      {"iso_ir_6", Codec::kAscii},
      {"us", Codec::kAscii},
      {"us_ascii", Codec::kAscii},
      {"latin_1", Codec::kLatin1},
      {"latin1", Codec::kLatin1},
      {"8859", Codec::kLatin1},
      {"cp819", Codec::kLatin1},
      {"csisolatin1", Codec::kLatin1},
      {"ibm819", Codec::kLatin1},
      {"iso8859", Codec::kLatin1},
      {"iso8859_1", Codec::kLatin1},
      {"iso_8859_1", Codec::kLatin1},
      {"iso_8859_1_1987", Codec::kLatin1},
      {"iso_ir_100", Codec::kLatin1},
      {"l1", Codec::kLatin1},
      {"latin", Codec::kLatin1},
      {"utf_16", Codec::kUtf16},
      {"u16", Codec::kUtf16},
      {"utf16", Codec::kUtf16},
      {"utf_16_le", Codec::kUtf16Le},
      {"utf_16le", Codec::kUtf16Le},
      {"unicodelittleunmarked", Codec::kUtf16Le},
      {"utf_16_be", Codec::kUtf16Be},
      {"utf_16be", Codec::kUtf16Be},
      {"unicodebigunmarked", Codec::kUtf16Be},
      {"utf_32", Codec::kUtf32},
      {"u32", Codec::kUtf32},
      {"utf32", Codec::kUtf32},
      {"utf_32_le", Codec::kUtf32Le},
      {"utf_32le", Codec::kUtf32Le},
      {"utf_32_be", Codec::kUtf32Be},
      {"utf_32be", Codec::kUtf32Be},
      {"unicode_escape", Codec::kUnicodeEscape},
      {"raw_unicode_escape", Codec::kRawUnicodeEscape},
  };
  for (const Alias& a : aliases)
    if (n == a.name) return a.codec;
  return Codec::kUnknown;
}

const char* codec_name(Codec c) {
  switch (c) {
    case Codec::kUtf8:
      return "utf-8";
    case Codec::kAscii:
      return "ascii";
    case Codec::kLatin1:
      return "latin-1";
    case Codec::kUtf16:
      return "utf-16";
    case Codec::kUtf16Le:
      return "utf-16-le";
    case Codec::kUtf16Be:
      return "utf-16-be";
    case Codec::kUtf32:
      return "utf-32";
    case Codec::kUtf32Le:
      return "utf-32-le";
    case Codec::kUtf32Be:
      return "utf-32-be";
    case Codec::kUnicodeEscape:
      return "unicodeescape";
    case Codec::kRawUnicodeEscape:
      return "rawunicodeescape";
    case Codec::kUnknown:
      break;
  }
  return "unknown";
}

Object* codec_decode(Codec c, const char* data, ssize len, const char* errors, bool final, ssize* consumed,
                     int* byteorder) {
  if (!errors) errors = "strict";
  int bo = 0;
  switch (c) {
    case Codec::kUtf8:
      return decode_utf8(data, len, errors, final, consumed);
    case Codec::kAscii:
      if (consumed) *consumed = len;
      return decode_ascii(data, len, errors);
    case Codec::kLatin1:
      if (consumed) *consumed = len;
      return str_from_latin1(reinterpret_cast<const uint8_t*>(data), len);
    case Codec::kUtf16:
    case Codec::kUtf32: {
      bo = byteorder ? *byteorder : 0;
      Object* r = decode_utf16_32(data, len, errors, final, consumed, &bo, c == Codec::kUtf16 ? 2 : 4);
      if (byteorder) *byteorder = bo;
      return r;
    }
    case Codec::kUtf16Le:
    case Codec::kUtf32Le:
      bo = -1;
      return decode_utf16_32(data, len, errors, final, consumed, &bo, c == Codec::kUtf16Le ? 2 : 4);
    case Codec::kUtf16Be:
    case Codec::kUtf32Be:
      bo = 1;
      return decode_utf16_32(data, len, errors, final, consumed, &bo, c == Codec::kUtf16Be ? 2 : 4);
    case Codec::kUnicodeEscape:
    case Codec::kRawUnicodeEscape:
      return decode_escape(data, len, errors, final, consumed, c == Codec::kRawUnicodeEscape);
    case Codec::kUnknown:
      break;
  }
  return set_error(&exc_SystemError, "codec_decode: unknown codec");
}

Object* codec_encode(Codec c, Object* s, const char* errors, int byteorder) {
  if (!errors) errors = "strict";
  switch (c) {
    case Codec::kUtf8:
    case Codec::kAscii:
    case Codec::kLatin1:
      return encode_8bit(s, c, errors);
    case Codec::kUtf16:
    case Codec::kUtf32:
      return encode_utf16_32(s, errors, byteorder, c == Codec::kUtf16 ? 2 : 4);
    case Codec::kUtf16Le:
    case Codec::kUtf32Le:
      return encode_utf16_32(s, errors, -1, c == Codec::kUtf16Le ? 2 : 4);
    case Codec::kUtf16Be:
    case Codec::kUtf32Be:
      return encode_utf16_32(s, errors, 1, c == Codec::kUtf16Be ? 2 : 4);
    case Codec::kUnicodeEscape:
    case Codec::kRawUnicodeEscape:
      return encode_escape(s, c == Codec::kRawUnicodeEscape);
    case Codec::kUnknown:
      break;
  }
  return set_error(&exc_SystemError, "codec_encode: unknown codec");
}

int codec_register_error(const char* name, Object* handler) {
  incref(handler);
  Object* old = nullptr;
  {
    std::lock_guard<std::mutex> lock(g_registry_mu);
    if (!g_handlers) g_handlers = new std::map<std::string, Object*>();
    Object*& slot = (*g_handlers)[name];
    old = slot;
    slot = handler;
  }
  if (old) decref(old);
  return 0;
}

Object* codec_lookup_error(const char* name) {
  if (!name) name = "strict";
  {
    std::lock_guard<std::mutex> lock(g_registry_mu);
    if (g_handlers) {
      auto it = g_handlers->find(name);
      if (it != g_handlers->end()) {
        incref(it->second);
        return it->second;
      }
    }
  }
  return set_errorf(&exc_LookupError, "unknown error handler name '{}'", name);
}

void codec_set_generic_hook(CodecGenericFn fn) { g_generic_hook = fn; }

Object* str_from_utf8(const char* s, ssize len) { return decode_utf8(s, len, "strict", true, nullptr); }

Object* str_decode(const char* data, ssize len, const char* encoding, const char* errors) {
  if (!encoding) encoding = "utf-8";
  if (!errors) errors = "strict";
  Codec c = codec_find(encoding);
  if (c != Codec::kUnknown) return codec_decode(c, data, len, errors, true, nullptr);
  if (g_generic_hook) {
    ORef b = steal(bytes_from(data, len));
    if (!b) return nullptr;
    return g_generic_hook(b.get(), encoding, errors, false);
  }
  return set_errorf(&exc_LookupError, "unknown encoding: {}", encoding);
}

Object* str_encode(Object* s, const char* encoding, const char* errors) {
  if (!encoding) encoding = "utf-8";
  if (!errors) errors = "strict";
  Codec c = codec_find(encoding);
  if (c != Codec::kUnknown) return codec_encode(c, s, errors);
  if (g_generic_hook) return g_generic_hook(s, encoding, errors, true);
  return set_errorf(&exc_LookupError, "unknown encoding: {}", encoding);
}

}  // namespace pyvm
