// Lookups in the generated Unicode Character Database (objects/unicodedata_db.inc): properties, decompositions,
// normalization (UAX #15) and character names.
#include "objects/unicodedata.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace pyvm {
namespace {

#include "objects/unicodedata_db.inc"

constexpr uint32_t kMaxCodePoint = 0x10ffff;

static_assert(kMaxNamedSequence <= kUnidataMaxLookup, "kUnidataMaxLookup is below the longest named sequence");

// One level down a generated three-level index (see tools/gen_unicode.py's best_split).
template <int kLow, int kMid, typename Top, typename Mid, typename Low>
uint32_t three_level(const Top& top, const Mid& mid, const Low& low, uint32_t cp) {
  uint32_t t = top[cp >> (kLow + kMid)];
  uint32_t m = mid[(t << kMid) + ((cp >> kLow) & ((1u << kMid) - 1))];
  return low[(m << kLow) + (cp & ((1u << kLow) - 1))];
}

const UnidataRecord& record_of(uint32_t cp) {
  if (cp > kMaxCodePoint) cp = 0x10ffff;  // not reached from Python (a str holds code points only)
  return kUnidataRecords[three_level<kUnidataLowShift, kUnidataMidShift>(kUnidataTop, kUnidataMid, kUnidataLow, cp)];
}

uint32_t decomposition_offset(uint32_t cp) {
  if (cp > kMaxCodePoint) return 0;
  return three_level<kDecompositionLowShift, kDecompositionMidShift>(kDecompositionTop, kDecompositionMid,
                                                                     kDecompositionLow, cp);
}

// Hangul syllables (Unicode 15.0, section 3.12): composed and decomposed arithmetically.
constexpr uint32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr uint32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;
const char* const kJamoL[kLCount] = {"G",  "GG", "N", "D",  "DD", "R", "M", "B", "BB", "S",
                                     "SS", "",   "J", "JJ", "C",  "K", "T", "P", "H"};
const char* const kJamoV[kVCount] = {"A",  "AE", "YA", "YAE", "EO", "E",  "YEO", "YE", "O",  "WA", "WAE",
                                     "OE", "YO", "U",  "WEO", "WE", "WI", "YU",  "EU", "YI", "I"};
const char* const kJamoT[kTCount] = {"",   "G",  "GG", "GS", "N",  "NJ", "NH", "D",  "L", "LG", "LM", "LB", "LS", "LT",
                                     "LP", "LH", "M",  "B",  "BS", "S",  "SS", "NG", "J", "C",  "K",  "T",  "P",  "H"};

bool is_hangul_syllable(uint32_t cp) { return cp >= kSBase && cp < kSBase + kSCount; }

void decompose(uint32_t cp, bool compat, std::u32string& out) {
  if (is_hangul_syllable(cp)) {
    uint32_t s = cp - kSBase;
    out.push_back(kLBase + s / kNCount);
    out.push_back(kVBase + (s % kNCount) / kTCount);
    if (s % kTCount) out.push_back(kTBase + s % kTCount);
    return;
  }
  uint32_t off = decomposition_offset(cp);
  if (off == 0 || (!compat && (kDecompositionData[off] >> 8) != 0)) {
    out.push_back(cp);
    return;
  }
  uint32_t n = kDecompositionData[off] & 0xff;
  for (uint32_t i = 0; i < n; i++) decompose(kDecompositionData[off + 1 + i], compat, out);
}

uint32_t compose_pair(uint32_t a, uint32_t b) {
  if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount) {
    return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
  }
  if (is_hangul_syllable(a) && (a - kSBase) % kTCount == 0 && b > kTBase && b < kTBase + kTCount) {
    return a + (b - kTBase);
  }
  auto it = std::lower_bound(std::begin(kCompositions), std::end(kCompositions), std::make_pair(a, b),
                             [](const uint32_t(&e)[3], std::pair<uint32_t, uint32_t> key) {
                               return e[0] < key.first || (e[0] == key.first && e[1] < key.second);
                             });
  if (it != std::end(kCompositions) && (*it)[0] == a && (*it)[1] == b) return (*it)[2];
  return 0;
}

// Canonical ordering: a stable sort of each run of non-starters by combining class.
void reorder(std::u32string& s) {
  for (size_t i = 0; i < s.size();) {
    if (unidata_combining(s[i]) == 0) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < s.size() && unidata_combining(s[j]) != 0) j++;
    if (j - i > 1) {
      std::stable_sort(s.begin() + long(i), s.begin() + long(j),
                       [](char32_t a, char32_t b) { return unidata_combining(a) < unidata_combining(b); });
    }
    i = j;
  }
}

// Canonical composition of a canonically ordered string: each character joins the last starter unless a character
// between them (still in the output) is a starter or has a class at least its own.
std::u32string compose(const std::u32string& s) {
  std::u32string out;
  out.reserve(s.size());
  size_t starter = 0;
  bool have_starter = false;
  int last_cc = 0;  // class of out.back() when it is not the starter
  for (char32_t ch : s) {
    int cc = unidata_combining(ch);
    if (have_starter) {
      bool adjacent = out.size() - 1 == starter;
      if (adjacent || (last_cc != 0 && last_cc < cc)) {
        if (uint32_t c = compose_pair(out[starter], ch)) {
          out[starter] = c;
          continue;
        }
      }
    }
    if (cc == 0) {
      starter = out.size();
      have_starter = true;
    }
    last_cc = cc;
    out.push_back(ch);
  }
  return out;
}

// ---- Names ----

// The words of kNameWords, split once (thread-safe static initialisation).
const std::vector<std::string_view>& name_words() {
  static const std::vector<std::string_view> words = [] {
    std::vector<std::string_view> w;
    w.reserve(kNameWordCount);
    std::string_view all(kNameWords, sizeof(kNameWords) - 1);
    size_t pos = 0;
    for (;;) {
      size_t sp = all.find(' ', pos);
      w.push_back(all.substr(pos, sp == std::string_view::npos ? std::string_view::npos : sp - pos));
      if (sp == std::string_view::npos) break;
      pos = sp + 1;
    }
    return w;
  }();
  return words;
}

// Decodes the stored names from block `b` on, calling fn(cp, name) until it returns false.
template <typename Fn>
void for_names_from(size_t b, Fn fn) {
  const auto& words = name_words();
  const uint8_t* p = kNameData + kNameBlocks[b][1];
  const uint8_t* end = kNameData + sizeof(kNameData);
  uint32_t cp = kNameBlocks[b][0];
  int in_block = 0;
  std::string name;
  while (p < end) {
    if (in_block == kNameBlockSize) {
      b++;
      cp = kNameBlocks[b][0];
      in_block = 0;
    }
    uint8_t head = *p++;
    uint32_t gap = head >> 4;
    if (gap == 15) {
      uint32_t rest = 0;
      for (int shift = 0;; shift += 7) {
        uint8_t byte = *p++;
        rest |= uint32_t(byte & 0x7f) << shift;
        if (!(byte & 0x80)) break;
      }
      gap += rest;
    }
    if (in_block) cp += gap + 1;  // a block's first name carries its code point in kNameBlocks
    name.clear();
    for (int k = 0, n = head & 15; k < n; k++) {
      uint32_t w = *p++;
      if (w >= 0xC0) w = 0xC0 + ((w - 0xC0) << 8) + *p++;
      if (k) name.push_back(' ');
      name.append(words[w]);
    }
    in_block++;
    if (!fn(cp, name)) return;
  }
}

// Every stored name, alias and named sequence (upper case) -> its code point, or kSequenceFlag | index into
// kNamedSequences, or kAliasFlag | code point; built on first use (lookups are rare: \N{...} and lookup()).
constexpr uint32_t kSequenceFlag = 1u << 30, kAliasFlag = 1u << 29;
struct NameIndex {
  std::deque<std::string> storage;  // a deque: the map's keys point into its elements
  std::unordered_map<std::string_view, uint32_t> map;
};

const NameIndex& name_index() {
  static const NameIndex* index = [] {
    auto* ix = new NameIndex;  // lives for the whole process
    ix->map.reserve(size_t(kNameCount) + std::size(kNameAliases) + std::size(kNamedSequences));
    for_names_from(0, [&](uint32_t cp, const std::string& name) {
      ix->storage.push_back(name);
      ix->map.emplace(ix->storage.back(), cp);
      return true;
    });
    for (const NameAlias& a : kNameAliases) ix->map.emplace(a.name, kAliasFlag | a.cp);
    for (size_t i = 0; i < std::size(kNamedSequences); i++) {
      ix->map.emplace(kNamedSequences[i].name, kSequenceFlag | uint32_t(i));
    }
    return ix;
  }();
  return *index;
}

// Longest match among the jamo short names of one column (CPython's find_syllable); returns its length.
size_t longest_jamo(std::string_view s, const char* const* names, uint32_t count, uint32_t* which) {
  size_t best = 0;
  bool found = false;
  for (uint32_t i = 0; i < count; i++) {
    size_t n = std::strlen(names[i]);
    if ((found && n <= best) || s.substr(0, n) != names[i]) continue;
    best = n;
    *which = i;
    found = true;
  }
  return best;
}

bool hex_value(std::string_view s, uint32_t* v) {
  *v = 0;
  for (char c : s) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return false;
    *v = *v * 16 + uint32_t(d);
  }
  return true;
}

bool in_hex_range(uint32_t prefix, uint32_t cp) {
  for (const auto& r : kHexNameRanges) {
    if (r[0] == prefix && cp >= r[1] && cp <= r[2]) return true;
  }
  return false;
}

}  // namespace

const char* unidata_version() { return kUnidataVersion; }
const char* unidata_category(uint32_t cp) { return kCategoryNames[record_of(cp).category]; }
const char* unidata_bidirectional(uint32_t cp) { return kBidiNames[record_of(cp).bidirectional]; }
const char* unidata_east_asian_width(uint32_t cp) { return kWidthNames[record_of(cp).east_asian_width]; }
int unidata_combining(uint32_t cp) { return cp < 0x300 ? 0 : record_of(cp).combining; }
bool unidata_mirrored(uint32_t cp) { return record_of(cp).mirrored != 0; }

std::string unidata_decomposition(uint32_t cp) {
  uint32_t off = decomposition_offset(cp);
  if (off == 0) return "";
  std::string out = kDecompositionTags[kDecompositionData[off] >> 8];
  uint32_t n = kDecompositionData[off] & 0xff;
  for (uint32_t i = 0; i < n; i++) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04X", unsigned(kDecompositionData[off + 1 + i]));
    if (!out.empty()) out.push_back(' ');
    out += buf;
  }
  return out;
}

bool unidata_parse_form(std::string_view name, NormalForm* form) {
  if (name == "NFC") {
    *form = NormalForm::kNFC;
  } else if (name == "NFD") {
    *form = NormalForm::kNFD;
  } else if (name == "NFKC") {
    *form = NormalForm::kNFKC;
  } else if (name == "NFKD") {
    *form = NormalForm::kNFKD;
  } else {
    return false;
  }
  return true;
}

std::u32string unidata_normalize(NormalForm form, std::u32string_view s) {
  bool compat = form == NormalForm::kNFKC || form == NormalForm::kNFKD;
  std::u32string d;
  d.reserve(s.size());
  for (char32_t ch : s) decompose(ch, compat, d);
  reorder(d);
  if (form == NormalForm::kNFD || form == NormalForm::kNFKD) return d;
  return compose(d);
}

bool unidata_name(uint32_t cp, std::string* out) {
  if (cp > kMaxCodePoint) return false;
  if (is_hangul_syllable(cp)) {
    uint32_t s = cp - kSBase;
    *out = "HANGUL SYLLABLE ";
    *out += kJamoL[s / kNCount];
    *out += kJamoV[(s % kNCount) / kTCount];
    *out += kJamoT[s % kTCount];
    return true;
  }
  for (const auto& r : kHexNameRanges) {
    if (cp >= r[1] && cp <= r[2]) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04X", unsigned(cp));
      *out = std::string(kHexNamePrefixes[r[0]]) + buf;
      return true;
    }
  }
  // The last block starting at or before cp, then its names in order.
  auto it = std::upper_bound(std::begin(kNameBlocks), std::end(kNameBlocks), cp,
                             [](uint32_t v, const uint32_t(&b)[2]) { return v < b[0]; });
  if (it == std::begin(kNameBlocks)) return false;
  bool found = false;
  for_names_from(size_t(it - std::begin(kNameBlocks) - 1), [&](uint32_t at, const std::string& name) {
    if (at == cp) {
      *out = name;
      found = true;
    }
    return at < cp;
  });
  return found;
}

int unidata_lookup(std::string_view name, bool named_sequences, uint32_t* out) {
  // The algorithmic names are matched as written (CPython compares them case-sensitively).
  constexpr std::string_view kHangul = "HANGUL SYLLABLE ";
  if (name.substr(0, kHangul.size()) == kHangul) {
    std::string_view rest = name.substr(kHangul.size());
    uint32_t l = 0, v = 0, t = 0;
    size_t pos = longest_jamo(rest, kJamoL, kLCount, &l);
    bool has_v = false;
    for (uint32_t i = 0; i < kVCount; i++) has_v |= rest.substr(pos, std::strlen(kJamoV[i])) == kJamoV[i];
    if (!has_v) return 0;
    pos += longest_jamo(rest.substr(pos), kJamoV, kVCount, &v);
    pos += longest_jamo(rest.substr(pos), kJamoT, kTCount, &t);
    if (pos != rest.size()) return 0;
    out[0] = kSBase + (l * kVCount + v) * kTCount + t;
    return 1;
  }
  std::string_view cjk = kHexNamePrefixes[0];
  if (name.substr(0, cjk.size()) == cjk) {
    std::string_view hex = name.substr(cjk.size());
    uint32_t cp;
    if ((hex.size() != 4 && hex.size() != 5) || !hex_value(hex, &cp) || !in_hex_range(0, cp)) return 0;
    out[0] = cp;
    return 1;
  }
  std::string up(name);
  for (char& c : up) c = char(std::toupper(static_cast<unsigned char>(c)));
  // The other hex-named characters are stored names in CPython: any case, exactly the four or five digits.
  for (uint32_t k = 1; k < std::size(kHexNamePrefixes); k++) {
    std::string_view prefix = kHexNamePrefixes[k];
    if (up.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view hex = std::string_view(up).substr(prefix.size());
    uint32_t cp;
    char canon[16];
    if (!hex_value(hex, &cp) || cp > kMaxCodePoint) return 0;
    std::snprintf(canon, sizeof canon, "%04X", unsigned(cp));
    if (hex != canon || !in_hex_range(k, cp)) return 0;
    out[0] = cp;
    return 1;
  }
  const NameIndex& ix = name_index();
  auto it = ix.map.find(up);
  if (it == ix.map.end()) return 0;
  uint32_t v = it->second;
  if (v & kSequenceFlag) {
    if (!named_sequences) return 0;
    const NamedSequence& seq = kNamedSequences[v & ~kSequenceFlag];
    for (uint32_t i = 0; i < seq.length; i++) out[i] = seq.cps[i];
    return int(seq.length);
  }
  out[0] = v & ~kAliasFlag;
  return 1;
}

}  // namespace pyvm
