// Unicode tables (generated in unicode_tables.inc), UTF-8 helpers and NFKC normalisation.
#include "vm/compiler/unicode.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace pyvm::compiler {

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

constexpr uint32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr uint32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

int combining_class(uint32_t cp) {
  if (cp < 0x300) return 0;
  size_t lo = 0, hi = sizeof(kCombiningClass) / sizeof(kCombiningClass[0]);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cp < kCombiningClass[mid][0]) {
      hi = mid;
    } else if (cp > kCombiningClass[mid][1]) {
      lo = mid + 1;
    } else {
      return static_cast<int>(kCombiningClass[mid][2]);
    }
  }
  return 0;
}

void decompose(uint32_t cp, std::vector<uint32_t>& out) {
  if (cp >= kSBase && cp < kSBase + kSCount) {
    uint32_t s = cp - kSBase;
    out.push_back(kLBase + s / kNCount);
    out.push_back(kVBase + (s % kNCount) / kTCount);
    if (s % kTCount) out.push_back(kTBase + s % kTCount);
    return;
  }
  if (cp >= 128) {
    constexpr size_t n = sizeof(kDecompIndex) / sizeof(kDecompIndex[0]);
    auto* it = std::lower_bound(kDecompIndex, kDecompIndex + n, cp,
                                [](const uint32_t(&e)[3], uint32_t v) { return e[0] < v; });
    if (it != kDecompIndex + n && (*it)[0] == cp) {
      for (uint32_t i = 0; i < (*it)[2]; i++) out.push_back(kDecompData[(*it)[1] + i]);
      return;
    }
  }
  out.push_back(cp);
}

uint32_t compose_pair(uint32_t a, uint32_t b) {
  if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount) {
    return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
  }
  if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase && b < kTBase + kTCount) {
    return a + (b - kTBase);
  }
  constexpr size_t n = sizeof(kCompose) / sizeof(kCompose[0]);
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kCompose[mid][0] < a || (kCompose[mid][0] == a && kCompose[mid][1] < b)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo < n && kCompose[lo][0] == a && kCompose[lo][1] == b) return kCompose[lo][2];
  return 0;
}

// The character names of the generated table, decoded into a hash map on first use (\N{...} is rare).
const std::unordered_map<std::string, uint32_t>& name_map() {
  static const std::unordered_map<std::string, uint32_t> map = [] {
    std::unordered_map<std::string, uint32_t> m;
    m.reserve(kNameCount);
    std::vector<std::string_view> words;
    std::string_view all(kNameWords);
    size_t pos = 0;
    while (pos <= all.size()) {
      size_t sp = all.find(' ', pos);
      if (sp == std::string_view::npos) sp = all.size();
      words.push_back(all.substr(pos, sp - pos));
      pos = sp + 1;
    }
    int digit_of[128];
    for (int& d : digit_of) d = -1;
    constexpr int kAlphabetSize = sizeof(kNameAlphabet) - 1;
    for (int i = 0; i < kAlphabetSize; i++) digit_of[static_cast<unsigned char>(kNameAlphabet[i])] = i;
    const int base = kAlphabetSize / 2;
    const char* p = kNameData;
    auto varint = [&]() {
      uint32_t v = 0;
      for (;;) {
        int d = digit_of[static_cast<unsigned char>(*p++)];
        if (d >= base) {
          v = v * base + (d - base);
        } else {
          return v * base + d;
        }
      }
    };
    uint32_t cp = 0;
    std::string name;
    for (int i = 0; i < kNameCount; i++) {
      cp += varint();
      uint32_t n = varint();
      name.clear();
      for (uint32_t k = 0; k < n; k++) {
        if (k) name.push_back(' ');
        name += words[varint()];
      }
      m.emplace(name, cp);
    }
    return m;
  }();
  return map;
}

// "HANGUL SYLLABLE <L><V><T>" with the jamo short names of the Unicode standard.
bool hangul_syllable(std::string_view rest, uint32_t* cp) {
  static const char* const kL[] = {"G",  "GG", "N", "D",  "DD", "R", "M", "B", "BB", "S",
                                   "SS", "",   "J", "JJ", "C",  "K", "T", "P", "H"};
  static const char* const kV[] = {"A",  "AE", "YA", "YAE", "EO", "E",  "YEO", "YE", "O",  "WA", "WAE",
                                   "OE", "YO", "U",  "WEO", "WE", "WI", "YU",  "EU", "YI", "I"};
  static const char* const kT[] = {"",   "G",  "GG", "GS", "N",  "NJ", "NH", "D",  "L", "LG", "LM", "LB", "LS", "LT",
                                   "LP", "LH", "M",  "B",  "BS", "S",  "SS", "NG", "J", "C",  "K",  "T",  "P",  "H"};
  for (uint32_t l = 0; l < kLCount; l++) {
    std::string_view ls(kL[l]);
    if (rest.substr(0, ls.size()) != ls) continue;
    for (uint32_t v = 0; v < kVCount; v++) {
      std::string_view vs(kV[v]);
      if (rest.substr(ls.size(), vs.size()) != vs) continue;
      for (uint32_t t = 0; t < kTCount; t++) {
        if (rest.substr(ls.size() + vs.size()) == kT[t]) {
          *cp = kSBase + (l * kVCount + v) * kTCount + t;
          return true;
        }
      }
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
  std::string up;
  up.reserve(name.size());
  for (char c : name) up.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  static const char* const kHexNamed[] = {"CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-", "TANGUT IDEOGRAPH-",
                                          "KHITAN SMALL SCRIPT CHARACTER-", "NUSHU CHARACTER-"};
  // The algorithmic names are matched case-sensitively, as CPython does (only stored names are not).
  for (int k = 0; k < 5; k++) {
    size_t n = std::strlen(kHexNamed[k]);
    if (name.size() <= n || name.compare(0, n, kHexNamed[k]) != 0) continue;
    if (name.size() - n < 4 || name.size() - n > 5) return false;
    uint32_t v = 0;
    for (size_t i = n; i < name.size(); i++) {
      char c = name[i];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + d;
    }
    for (const auto& r : kHexNamedRanges) {
      if (static_cast<int>(r[0]) == k && v >= r[1] && v <= r[2]) {
        *cp = v;
        return true;
      }
    }
    return false;
  }
  constexpr std::string_view kHangul = "HANGUL SYLLABLE ";
  if (name.substr(0, kHangul.size()) == kHangul && hangul_syllable(name.substr(kHangul.size()), cp)) {
    return true;
  }
  const auto& m = name_map();
  auto it = m.find(up);
  if (it == m.end()) return false;
  *cp = it->second;
  return true;
}

std::string nfkc(std::string_view s) {
  std::vector<uint32_t> cps;
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) decompose(utf8_next(p), cps);
  // Canonical ordering: stable sort of each run of non-starters by combining class.
  for (size_t i = 0; i < cps.size();) {
    if (combining_class(cps[i]) == 0) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < cps.size() && combining_class(cps[j]) != 0) j++;
    std::stable_sort(cps.begin() + i, cps.begin() + j,
                     [](uint32_t a, uint32_t b) { return combining_class(a) < combining_class(b); });
    i = j;
  }
  // Canonical composition.
  if (!cps.empty()) {
    size_t starter = 0;
    bool have_starter = combining_class(cps[0]) == 0;
    int last_cc = have_starter ? 0 : 256;
    std::vector<uint32_t> out;
    out.push_back(cps[0]);
    for (size_t i = 1; i < cps.size(); i++) {
      uint32_t c = cps[i];
      int cc = combining_class(c);
      if (have_starter && (last_cc < cc || (last_cc == 0 && out.size() - 1 == starter))) {
        uint32_t comp = compose_pair(out[starter], c);
        if (comp) {
          out[starter] = comp;
          continue;
        }
      }
      if (cc == 0) {
        starter = out.size();
        have_starter = true;
      }
      last_cc = cc;
      out.push_back(c);
    }
    cps.swap(out);
  }
  std::string r;
  r.reserve(s.size());
  for (uint32_t c : cps) utf8_append(r, c);
  return r;
}

}  // namespace pyvm::compiler
