// The escape codecs (unicode_escape, raw_unicode_escape, bytes escape_encode/escape_decode) and charmap.
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/codecs.h"
#include "objects/codecs_internal.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/types.h"
#include "objects/unicodedata.h"

namespace pyvm {
namespace codecs {
namespace {

int hexval(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Object* decode_escape(const char* data, ssize len, const char* errors, bool final, ssize* consumed, bool raw) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(data);
  DecodeCtx ctx{raw ? "rawunicodeescape" : "unicodeescape", Codec::kUnknown, lookup_errors(errors), errors, data, len};
  StrBuilder b;
  b.reserve(len);
  ssize i = 0;
  while (i < len) {
    if (s[i] != '\\') {
      b.put(s[i++]);
      continue;
    }
    ssize start = i;
    if (raw) {
      // Only \u and \U after an odd run of backslashes are escapes.
      ssize j = i;
      while (j < len && s[j] == '\\') j++;
      ssize run = j - i;
      if (run % 2 == 0 || j >= len || (s[j] != 'u' && s[j] != 'U')) {
        if (j >= len && run % 2 == 1 && !final) {
          for (ssize k = i; k < j - 1; k++) b.put('\\');
          i = j - 1;
          break;
        }
        for (ssize k = i; k < j; k++) b.put('\\');
        i = j;
        continue;
      }
      for (ssize k = i; k < j - 1; k++) b.put('\\');
      start = i = j - 1;
    }
    if (i + 1 >= len) {
      if (!final) break;
      i = decode_err(ctx, start, len, "\\ at end of string", b);
      if (i < 0) return nullptr;
      continue;
    }
    uint8_t c = s[i + 1];
    int digits = 0;
    const char* reason = nullptr;
    switch (c) {
      case 'x':
        digits = raw ? 0 : 2, reason = "truncated \\xXX escape";
        break;
      case 'u':
        digits = 4, reason = "truncated \\uXXXX escape";
        break;
      case 'U':
        digits = 8, reason = "truncated \\UXXXXXXXX escape";
        break;
      default:
        break;
    }
    if (digits) {
      uint32_t v = 0;
      ssize j = i + 2;
      int n = 0;
      for (; n < digits && j < len; n++, j++) {
        int h = hexval(s[j]);
        if (h < 0) break;
        v = v * 16 + uint32_t(h);
      }
      if (n < digits) {
        if (j >= len && !final) break;
        i = decode_err(ctx, start, j, reason, b);
        if (i < 0) return nullptr;
        continue;
      }
      if (v > 0x10ffff) {
        i = decode_err(ctx, start, j, raw ? "\\Uxxxxxxxx out of range" : "illegal Unicode character", b);
        if (i < 0) return nullptr;
        continue;
      }
      b.put(v);
      i = j;
      continue;
    }
    if (c == 'N') {
      // \N{NAME}: a character name or alias (not a named sequence). The error spans what was read, as CPython's.
      const char* why = "malformed \\N character escape";
      ssize end = i + 2;
      if (end >= len && !final) break;
      if (end < len && s[end] == '{') {
        ssize name_start = end + 1;
        ssize close = name_start;
        while (close < len && s[close] != '}') close++;
        if (close >= len && !final) break;
        end = close;
        if (close < len && close > name_start) {
          uint32_t cps[kUnidataMaxLookup];
          if (unidata_lookup(std::string_view(data + name_start, size_t(close - name_start)), false, cps) == 1) {
            b.put(cps[0]);
            i = close + 1;
            continue;
          }
          why = "unknown Unicode character name";
          end = close + 1;
        }
      }
      i = decode_err(ctx, start, end, why, b);
      if (i < 0) return nullptr;
      continue;
    }
    i += 2;
    switch (c) {
      case '\n':
        break;
      case '\\':
      case '\'':
      case '"':
        b.put(c);
        break;
      case 'b':
        b.put('\b');
        break;
      case 'f':
        b.put('\f');
        break;
      case 't':
        b.put('\t');
        break;
      case 'n':
        b.put('\n');
        break;
      case 'r':
        b.put('\r');
        break;
      case 'v':
        b.put('\v');
        break;
      case 'a':
        b.put('\a');
        break;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        uint32_t v = c - '0';
        for (int n = 0; n < 2 && i < len && s[i] >= '0' && s[i] <= '7'; n++) v = v * 8 + (s[i++] - '0');
        // TODO(codecs): CPython also issues a DeprecationWarning for octal escapes above 0o377.
        b.put(v);
        break;
      }
      default:
        b.put('\\');
        b.put(c);
        break;
    }
  }
  if (consumed) *consumed = i;
  return b.finish();
}

Object* encode_escape(Object* s, bool raw) {
  static const char hex[] = "0123456789abcdef";
  ssize len = str_length(s);
  StrChars c(s);
  std::string out;
  out.reserve(size_t(len));
  for (ssize i = 0; i < len; i++) {
    uint32_t ch = c[i];
    if (raw && ch < 0x100) {
      out.push_back(char(ch));
      continue;
    }
    if (!raw) {
      if (ch == '\\') {
        out += "\\\\";
        continue;
      }
      if (ch == '\t' || ch == '\n' || ch == '\r') {
        out += ch == '\t' ? "\\t" : ch == '\n' ? "\\n" : "\\r";
        continue;
      }
      if (ch >= 0x20 && ch < 0x7f) {
        out.push_back(char(ch));
        continue;
      }
    }
    int digits;
    if (ch < 0x100) {
      out += "\\x";
      digits = 2;
    } else if (ch < 0x10000) {
      out += "\\u";
      digits = 4;
    } else {
      out += "\\U";
      digits = 8;
    }
    for (int k = digits - 1; k >= 0; k--) out.push_back(hex[(ch >> (4 * k)) & 0xf]);
  }
  return bytes_from(out.data(), ssize(out.size()));
}

}  // namespace codecs
}  // namespace pyvm

namespace pyvm {
using namespace codecs;

Object* charmap_decode(const char* data, ssize len, const char* errors, Object* mapping) {
  if (mapping == none()) return str_from_latin1(reinterpret_cast<const uint8_t*>(data), len);
  const uint8_t* s = reinterpret_cast<const uint8_t*>(data);
  DecodeCtx ctx{"charmap", Codec::kUnknown, lookup_errors(errors), errors, data, len};
  StrBuilder b;
  b.reserve(len);
  bool table = type_check(mapping, &str_type);
  ssize tlen = table ? str_length(mapping) : 0;
  for (ssize i = 0; i < len;) {
    if (table) {
      StrChars t(mapping);
      if (s[i] < tlen && t[s[i]] != 0xfffe) {
        b.put(t[s[i]]);
        i++;
        continue;
      }
    } else {
      ORef key = steal(int_from_ssize(s[i]));
      if (!key) return nullptr;
      ORef v = steal(get_item(mapping, key.get()));
      if (!v) {
        if (!error_matches(&exc_LookupError)) return nullptr;
        error_clear();
      } else if (v.get() == none()) {
      } else if (type_check(v.get(), &int_type)) {
        ssize c = int_as_ssize(v.get());
        if (c == -1 && error_occurred()) return nullptr;
        if (c < 0 || c > 0x10ffff) return set_error(&exc_TypeError, "character mapping must be in range(0x110000)");
        b.put(uint32_t(c));
        i++;
        continue;
      } else if (type_check(v.get(), &str_type)) {
        StrChars vc(v.get());
        ssize n = str_length(v.get());
        if (n == 1 && vc[0] == 0xfffe) {
        } else {
          b.put_str(v.get());
          i++;
          continue;
        }
      } else {
        return set_error(&exc_TypeError, "character mapping must return integer, None or str");
      }
    }
    i = decode_err(ctx, i, i + 1, "character maps to <undefined>", b);
    if (i < 0) return nullptr;
  }
  return b.finish();
}

namespace {

// Encodes one character through `mapping`: 1 done, 0 undefined, -1 error.
int charmap_one(Object* mapping, uint32_t ch, std::string& out) {
  ORef key = steal(int_from_ssize(ch));
  if (!key) return -1;
  ORef v = steal(get_item(mapping, key.get()));
  if (!v) {
    if (!error_matches(&exc_LookupError)) return -1;
    error_clear();
    return 0;
  }
  if (v.get() == none()) return 0;
  if (type_check(v.get(), &int_type)) {
    ssize c = int_as_ssize(v.get());
    if (c == -1 && error_occurred()) return -1;
    if (c < 0 || c > 255) {
      set_error(&exc_TypeError, "character mapping must be in range(256)");
      return -1;
    }
    out.push_back(char(c));
    return 1;
  }
  if (type_check(v.get(), &bytes_type)) {
    out.append(bytes_data(v.get()), size_t(bytes_size(v.get())));
    return 1;
  }
  set_errorf(&exc_TypeError, "character mapping must return integer, bytes or None, not {}", type_name(v.get()));
  return -1;
}

}  // namespace

Object* charmap_encode(Object* s, const char* errors, Object* mapping) {
  if (mapping == none()) return codec_encode(Codec::kLatin1, s, errors);
  EncodeCtx ctx{"charmap", Codec::kUnknown, lookup_errors(errors), errors, s};
  const char* reason = "character maps to <undefined>";
  ssize len = str_length(s);
  std::string out;
  for (ssize i = 0; i < len;) {
    int r = charmap_one(mapping, StrChars(s)[i], out);
    if (r < 0) return nullptr;
    if (r > 0) {
      i++;
      continue;
    }
    // Collect the run of unmappable characters.
    ssize e = i + 1;
    for (; e < len; e++) {
      std::string tmp;
      int r2 = charmap_one(mapping, StrChars(s)[e], tmp);
      if (r2 < 0) return nullptr;
      if (r2 > 0) break;
    }
    EncodeRep rep;
    if (!encode_err(ctx, i, e, reason, &rep)) return nullptr;
    if (rep.is_bytes) {
      out += rep.bytes;
    } else {
      for (char32_t ch : rep.chars) {
        int r3 = charmap_one(mapping, uint32_t(ch), out);
        if (r3 < 0) return nullptr;
        if (r3 == 0) return raise_encode(ctx, i, e, reason);
      }
    }
    i = rep.newpos;
  }
  return bytes_from(out.data(), ssize(out.size()));
}

Object* bytes_escape_decode(const char* data, ssize len, const char* errors) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(data);
  std::string out;
  out.reserve(size_t(len));
  for (ssize i = 0; i < len;) {
    if (s[i] != '\\') {
      out.push_back(char(s[i++]));
      continue;
    }
    if (i + 1 >= len) return set_error(&exc_ValueError, "Trailing \\ in string");
    uint8_t c = s[i + 1];
    ssize start = i;
    i += 2;
    switch (c) {
      case '\n':
        break;
      case '\\':
      case '\'':
      case '"':
        out.push_back(char(c));
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 'v':
        out.push_back('\v');
        break;
      case 'a':
        out.push_back('\a');
        break;
      case 'x': {
        int h1 = i < len ? hexval(s[i]) : -1;
        int h2 = i + 1 < len ? hexval(s[i + 1]) : -1;
        if (h1 >= 0 && h2 >= 0) {
          out.push_back(char(h1 * 16 + h2));
          i += 2;
          break;
        }
        if (!errors || !std::strcmp(errors, "strict"))
          return set_errorf(&exc_ValueError, "invalid \\x escape at position {}", start);
        if (!std::strcmp(errors, "replace")) {
          out.push_back('?');
        } else if (std::strcmp(errors, "ignore")) {
          return set_errorf(&exc_ValueError, "decoding error; unknown error handling code: {}", errors);
        }
        i += h1 >= 0 ? 1 : 0;
        break;
      }
      default:
        if (c >= '0' && c <= '7') {
          uint32_t v = c - '0';
          for (int n = 0; n < 2 && i < len && s[i] >= '0' && s[i] <= '7'; n++) v = v * 8 + (s[i++] - '0');
          out.push_back(char(v & 0xff));
        } else {
          // TODO(codecs): CPython issues a DeprecationWarning for invalid escapes here.
          out.push_back('\\');
          out.push_back(char(c));
        }
        break;
    }
  }
  return bytes_from(out.data(), ssize(out.size()));
}

Object* bytes_escape_encode(const char* data, ssize len) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size_t(len));
  for (ssize i = 0; i < len; i++) {
    uint8_t c = uint8_t(data[i]);
    if (c == '\\' || c == '\'') {
      out.push_back('\\');
      out.push_back(char(c));
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7f) {
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xf]);
    } else {
      out.push_back(char(c));
    }
  }
  return bytes_from(out.data(), ssize(out.size()));
}

}  // namespace pyvm
