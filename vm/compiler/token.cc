// Token names, spellings, the keyword lookup and the operator matcher, all derived from tokens.def.
#include "vm/compiler/token.h"

#include <cstring>

namespace pyvm::compiler {

namespace {

struct TokInfo {
  const char* name;
  const char* spelling;
};

constexpr TokInfo kTokInfo[] = {
#define TOKEN(name, spelling) {#name, spelling},
#define KEYWORD(name, spelling) {"NAME", spelling},
#include "vm/compiler/tokens.def"
};
static_assert(sizeof(kTokInfo) / sizeof(kTokInfo[0]) == kTokCount);

// Operators grouped by first character, longest first, built once from the spellings above.
struct OperatorTable {
  struct Entry {
    const char* spelling;
    uint8_t len;
    Tok kind;
  };
  Entry entries[64];
  uint8_t first[128][2];  // [start index, count] per first character
  OperatorTable() {
    int n = 0;
    for (int c = 0; c < 128; c++) {
      first[c][0] = static_cast<uint8_t>(n);
      for (int len = 3; len >= 1; len--) {
        for (int t = 0; t < kTokCount; t++) {
          Tok kind = static_cast<Tok>(t);
          const char* s = kTokInfo[t].spelling;
          if (is_keyword(kind) || static_cast<int>(std::strlen(s)) != len || s[0] != c) continue;
          entries[n++] = Entry{s, static_cast<uint8_t>(len), kind};
        }
      }
      first[c][1] = static_cast<uint8_t>(n - first[c][0]);
    }
  }
};

const OperatorTable& operator_table() {
  static const OperatorTable table;
  return table;
}

// Keywords bucketed by length (2..8 bytes).
struct KeywordTable {
  Tok by_len[9][12];
  int count[9] = {};
  KeywordTable() {
    for (int t = static_cast<int>(Tok::KW_FALSE); t < kTokCount; t++) {
      size_t len = std::strlen(kTokInfo[t].spelling);
      by_len[len][count[len]++] = static_cast<Tok>(t);
    }
  }
};

const KeywordTable& keyword_table() {
  static const KeywordTable table;
  return table;
}

}  // namespace

const char* tok_name(Tok t) { return kTokInfo[static_cast<int>(t)].name; }
const char* tok_spelling(Tok t) { return kTokInfo[static_cast<int>(t)].spelling; }

Tok keyword_kind(std::string_view s) {
  if (s.size() < 2 || s.size() > 8) return Tok::NAME;
  const KeywordTable& kt = keyword_table();
  for (int i = 0; i < kt.count[s.size()]; i++) {
    Tok t = kt.by_len[s.size()][i];
    if (std::memcmp(kTokInfo[static_cast<int>(t)].spelling, s.data(), s.size()) == 0) return t;
  }
  return Tok::NAME;
}

int match_operator(const char* p, Tok* kind) {
  unsigned char c = static_cast<unsigned char>(p[0]);
  if (c >= 128) return 0;
  const OperatorTable& ot = operator_table();
  for (int i = ot.first[c][0], e = i + ot.first[c][1]; i < e; i++) {
    const auto& en = ot.entries[i];
    if (en.len >= 2 && p[1] != en.spelling[1]) continue;
    if (en.len == 3 && p[2] != en.spelling[2]) continue;
    *kind = en.kind;
    return en.len;
  }
  return 0;
}

}  // namespace pyvm::compiler
