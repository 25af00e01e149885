// Unicode tables (generated in unicode_tables.inc), UTF-8 helpers, and NFKC and \N{...} names over
// objects/unicodedata (the unicodedata module's database).
#include "vm/compiler/unicode.h"

#include <cstdio>
#include <string>

#include "objects/unicodedata.h"

namespace pyvm::compiler {

using pyvm::NormalForm;
using pyvm::kUnidataMaxLookup;
using pyvm::unidata_lookup;
using pyvm::unidata_normalize;

namespace {
#include "vm/compiler/unicode_tables.inc"

template <size_t N>
bool in_ranges(const uint32_t (&r)[N][2], uint32_t cp) {
  size_t lo = 0, hi = N;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cp < r[mid][0]) {
      hi = mid;
    } else if (cp > r[mid][1]) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

}  // namespace

const uint16_t* charmap_high(std::string_view codec) {
  for (const Charmap& m : kCharmaps) {
    if (codec == m.name) return m.high;
  }
  return nullptr;
}

bool is_xid_start(uint32_t cp) {
  if (cp < 128) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
  return in_ranges(kXidStart, cp);
}

bool is_xid_continue(uint32_t cp) {
  if (cp < 128) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_' || (cp >= '0' && cp <= '9');
  return in_ranges(kXidContinue, cp);
}

bool is_printable(uint32_t cp) {
  if (cp < 128) return cp >= 0x20 && cp < 0x7F;
  return in_ranges(kPrintable, cp);
}

uint32_t utf8_next(const char*& p) {
  auto b = static_cast<unsigned char>(*p++);
  if (b < 0x80) return b;
  if (b < 0xE0) {
    uint32_t c = (b & 0x1F) << 6;
    return c | (static_cast<unsigned char>(*p++) & 0x3F);
  }
  if (b < 0xF0) {
    uint32_t c = (b & 0x0F) << 12;
    c |= (static_cast<unsigned char>(*p++) & 0x3F) << 6;
    return c | (static_cast<unsigned char>(*p++) & 0x3F);
  }
  uint32_t c = (b & 0x07) << 18;
  c |= (static_cast<unsigned char>(*p++) & 0x3F) << 12;
  c |= (static_cast<unsigned char>(*p++) & 0x3F) << 6;
  return c | (static_cast<unsigned char>(*p++) & 0x3F);
}

void utf8_append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Length of the valid sequence at s[i..], or 0 when the bytes there are not valid UTF-8.
static int valid_seq_len(std::string_view s, size_t i) {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  size_t n = s.size();
  auto cont = [&](size_t k) { return k < n && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xE0 && b1 < 0xA0) return 0;
    if (b0 == 0xED && b1 >= 0xA0) return 0;  // surrogates
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xF0 && b1 < 0x90) return 0;
    if (b0 == 0xF4 && b1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

long utf8_validate(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      i++;
      continue;
    }
    int n = valid_seq_len(s, i);
    if (n == 0) return static_cast<long>(i);
    i += n;
  }
  return -1;
}

bool utf8_first_error(std::string_view s, size_t* start, size_t* end, const char** reason) {
  size_t n = s.size();
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  for (size_t i = 0; i < n;) {
    unsigned char b0 = byte(i);
    if (b0 < 0x80) {
      i++;
      continue;
    }
    int need;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      need = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      need = 2;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      need = 3;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      *start = i;
      *end = i + 1;
      *reason = "invalid start byte";
      return true;
    }
    for (int k = 1; k <= need; k++) {
      if (i + k >= n) {
        *start = i;
        *end = n;
        *reason = "unexpected end of data";
        return true;
      }
      unsigned char b = byte(i + k);
      bool ok = k == 1 ? (b >= lo && b <= hi) : (b & 0xC0) == 0x80;
      if (!ok) {
        *start = i;
        *end = i + k;
        *reason = "invalid continuation byte";
        return true;
      }
    }
    i += need + 1;
  }
  return false;
}

std::string utf8_error_message(std::string_view s) {
  size_t start, end;
  const char* reason;
  if (!utf8_first_error(s, &start, &end, &reason)) return "";
  char buf[160];
  if (end - start == 1) {
    std::snprintf(buf, sizeof buf, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                  static_cast<unsigned char>(s[start]), start, reason);
  } else {
    std::snprintf(buf, sizeof buf, "'utf-8' codec can't decode bytes in position %zu-%zu: %s", start, end - 1, reason);
  }
  return buf;
}

std::string utf8_replace_invalid(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    size_t start, end;
    const char* reason;
    if (!utf8_first_error(s, &start, &end, &reason)) {
      out.append(s);
      break;
    }
    out.append(s.substr(0, start));
    out += "\xEF\xBF\xBD";
    s.remove_prefix(end);
  }
  return out;
}

long utf8_count_replace(std::string_view s) {
  // CPython's decoder replaces the maximal invalid prefix of a sequence with one U+FFFD; for the offsets we need
  // (a prefix of a line that is itself valid UTF-8, possibly cut inside a character) counting a truncated
  // sequence as one character is exact.
  long count = 0;
  size_t i = 0;
  while (i < s.size()) {
    int n = valid_seq_len(s, i);
    if (n == 0) {
      auto b0 = static_cast<unsigned char>(s[i]);
      int want = utf8_len(b0);
      size_t j = i + 1;
      while (j < s.size() && j < i + want && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) j++;
      n = static_cast<int>(j - i);
    }
    i += n;
    count++;
  }
  return count;
}

bool unicode_lookup_name(std::string_view name, uint32_t* cp) {
  uint32_t cps[kUnidataMaxLookup];
  if (unidata_lookup(name, false, cps) != 1) return false;
  *cp = cps[0];
  return true;
}

std::string nfkc(std::string_view s) {
  std::u32string cps;
  cps.reserve(s.size());
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) cps.push_back(utf8_next(p));
  std::string r;
  r.reserve(s.size());
  for (char32_t c : unidata_normalize(NormalForm::kNFKC, cps)) utf8_append(r, c);
  return r;
}

}  // namespace pyvm::compiler
