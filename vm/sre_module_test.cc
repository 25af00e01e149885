// Tests for the _sre module below the `re` package: patterns and scanners shared between threads, long subjects
// that need deep backtracking (kept on the heap), and code validation against corrupted programs (the engine must
// never read outside validated code; run under --config=asan to make that check sharp).
//
// The code arrays are what CPython 3.13's re._compiler emits for the patterns named beside them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

struct Sample {
  const char* pattern;
  int groups;
  std::vector<uint32_t> code;
};

const Sample kSamples[] = {
    {R"((\w+)=(\d+))", 2, {14, 4,  0,  3,  4294967295, 17, 0, 24, 9,          1,  4294967295, 13, 4,  8, 14, 0,  1, 17,
                           1,  16, 61, 17, 2,          24, 9, 1,  4294967295, 13, 4,          8,  10, 0, 1,  17, 3, 1}},
    {R"((?:a|b)*c)", 0, {14, 4, 0, 1, 4294967295, 24, 10, 0, 4294967295, 13, 5, 22, 97, 98, 0, 1, 16, 99, 1}},
    {R"((a|ab)(c|bcd)(d*))", 3, {14, 8,  1,  2,  4294967295, 1,          0,  97,  0,  17,  0,  16, 97, 7,  3,
                                 15, 7,  5,  16, 98,         15,         2,  0,   17, 1,   17, 2,  7,  5,  16,
                                 99, 15, 11, 9,  16,         98,         16, 99,  16, 100, 15, 2,  0,  17, 3,
                                 17, 4,  24, 6,  0,          4294967295, 16, 100, 1,  17,  5,  1}},
    {R"((?i)x[a-f]+?(?=y)|(?<!q)z{2,}+)",
     0,
     {14, 4,   0, 2,  4294967295, 7,  22, 40, 120, 26, 10,  1, 4294967295, 39, 5, 22,         97, 102, 0, 1,  4, 5, 0,
      40, 121, 1, 15, 18,         16, 5,  5,  1,   40, 113, 1, 29,         6,  2, 4294967295, 40, 122, 1, 15, 2, 0, 1}},
    {R"((a)?(?>a+)(?(1)b|c)(?:x\1)*?(?:ab)++)",
     1,
     {14, 4, 0,          4,          4294967295, 23, 9, 0,  1,  17, 0, 16,         97, 17, 1,  18, 27, 9,
      24, 6, 1,          4294967295, 16,         97, 1, 1,  12, 0,  6, 16,         98, 15, 3,  16, 99, 23,
      7,  0, 4294967295, 16,         120,        11, 0, 19, 28, 7,  1, 4294967295, 16, 97, 16, 98, 1,  1}},
    {R"((?:ab|cd)*e)", 0, {14, 4, 0, 1,  4294967295, 23, 19,  0,  4294967295, 7, 7,  16, 97,  16, 98,
                           15, 9, 7, 16, 99,         16, 100, 15, 2,          0, 18, 16, 101, 1}},
};

Object* sre() {
  static Object* m = [] {
    REQUIRE(runtime_init() == 0);
    Object* mod = create_sre_module();
    REQUIRE(mod != nullptr);
    return mod;
  }();
  return m;
}

// _sre.compile(pattern, 0, code, groups, {}, ()): the Pattern, or null with the error set.
ORef compile_code(const char* pattern, const std::vector<uint32_t>& code, int groups) {
  Object* f = nullptr;
  REQUIRE(dict_get_str(module_dict(sre()), "compile", &f) > 0);
  ORef fn = steal(f);
  ORef list = steal(list_new(0));
  for (uint32_t w : code) {
    ORef v = steal(int_from_u64(w));
    REQUIRE(list_append(list.get(), v.get()) == 0);
  }
  ORef src = steal(str_from_utf8(pattern));
  ORef flags = steal(int_from_i64(0));
  ORef ngroups = steal(int_from_i64(groups));
  ORef groupindex = steal(dict_new());
  Object* args[] = {src.get(), flags.get(), list.get(), ngroups.get(), groupindex.get(), tuple_empty()};
  return steal(call(fn.get(), args, 6, nullptr));
}

ORef method(Object* o, const char* name, std::initializer_list<Object*> args) {
  ORef m = steal(get_attr_str(o, name));
  REQUIRE(m);
  std::vector<Object*> a(args);
  return steal(call(m.get(), a.data(), a.size(), nullptr));
}

ORef str(const std::string& s) { return steal(str_from_utf8(s)); }

std::string repr_of(Object* o) {
  std::string out;
  REQUIRE(repr_utf8(o, &out));
  return out;
}

}  // namespace

TEST_CASE("hand-compiled code runs like CPython's") {
  ORef p = compile_code(kSamples[0].pattern, kSamples[0].code, kSamples[0].groups);
  REQUIRE(p);
  ORef r = method(p.get(), "findall", {str("a=1 bb=22 c=").get()});
  REQUIRE(r);
  CHECK(repr_of(r.get()) == "[('a', '1'), ('bb', '22')]");
  ORef q = compile_code(kSamples[2].pattern, kSamples[2].code, kSamples[2].groups);
  REQUIRE(q);
  ORef m = method(q.get(), "fullmatch", {str("abcd").get()});
  REQUIRE(m);
  ORef g = method(m.get(), "groups", {});
  CHECK(repr_of(g.get()) == "('a', 'bcd', '')");
}

TEST_CASE("a pattern is shared by threads without locks") {
  ORef p = compile_code(kSamples[0].pattern, kSamples[0].code, kSamples[0].groups);
  REQUIRE(p);
  std::string text;
  for (int i = 0; i < 500; i++) text += "k" + std::to_string(i) + "=" + std::to_string(i * 7) + " ";
  ORef subject = str(text);
  ORef expected = method(p.get(), "findall", {subject.get()});
  REQUIRE(expected);
  CHECK(list_size(expected.get()) == 500);
  constexpr int kThreads = 4;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; i++) {
        ORef got = method(p.get(), "findall", {subject.get()});
        if (!got || rich_compare_bool(got.get(), expected.get(), Py_EQ) != 1) mismatches[size_t(t)]++;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK_FALSE(error_occurred());
  for (int n : mismatches) CHECK(n == 0);
}

TEST_CASE("a scanner shared by threads hands out every match exactly once") {
  ORef p = compile_code(kSamples[0].pattern, kSamples[0].code, kSamples[0].groups);
  REQUIRE(p);
  std::string text;
  for (int i = 0; i < 3000; i++) text += "w" + std::to_string(i) + "=" + std::to_string(i) + ",";
  ORef subject = str(text);
  ORef scanner = method(p.get(), "scanner", {subject.get()});
  REQUIRE(scanner);
  ORef search = steal(get_attr_str(scanner.get(), "search"));
  REQUIRE(search);
  constexpr int kThreads = 4;
  std::vector<std::vector<int64_t>> starts(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      for (;;) {
        ORef m = steal(call(search.get(), nullptr, 0, nullptr));
        if (!m || m.get() == none()) break;
        ORef start = method(m.get(), "start", {});
        int ovf = 0;
        starts[size_t(t)].push_back(int_as_i64(start.get(), &ovf));
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK_FALSE(error_occurred());
  std::vector<int64_t> all;
  for (auto& s : starts) all.insert(all.end(), s.begin(), s.end());
  std::sort(all.begin(), all.end());
  CHECK(all.size() == 3000);
  CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
}

TEST_CASE("long subjects backtrack on the heap, not the C stack") {
  ORef p = compile_code(kSamples[5].pattern, kSamples[5].code, kSamples[5].groups);
  REQUIRE(p);
  std::string text;
  for (int i = 0; i < 300000; i++) text += (i & 1) ? "cd" : "ab";
  text += "e";
  ORef m = method(p.get(), "match", {str(text).get()});
  REQUIRE(m);
  ORef span = method(m.get(), "span", {});
  CHECK(repr_of(span.get()) == "(0, 600001)");
  text.back() = 'x';  // now every iteration has to be undone
  ORef none_match = method(p.get(), "match", {str(text).get()});
  REQUIRE(none_match);
  CHECK(none_match.get() == none());
}

TEST_CASE("corrupted code is refused or runs safely") {
  const std::string subjects[] = {"aaabcd xyz zzz ab", "ab\u00e9\u00e9 cd\u0100e", "x\U0001F600\u0101aab", ""};
  std::mt19937 rng(12345);
  const uint32_t interesting[] = {0,  1,  2,  3,  4,  5,  7,  9,  13,  15,      16,          17,         18,
                                  19, 23, 24, 27, 28, 29, 42, 43, 255, 0x10000, 4294967295u, 4294967294u};
  int compiled = 0, refused = 0;
  for (const Sample& s : kSamples) {
    for (int round = 0; round < 400; round++) {
      std::vector<uint32_t> code = s.code;
      int edits = 1 + int(rng() % 3);
      for (int e = 0; e < edits; e++) {
        size_t at = rng() % code.size();
        switch (rng() % 4) {
          case 0:
            code[at] = interesting[rng() % std::size(interesting)];
            break;
          case 1:
            code[at] += 1;
            break;
          case 2:
            code[at] -= 1;
            break;
          default:
            code.resize(at + 1);
            break;
        }
      }
      ORef p = compile_code(s.pattern, code, s.groups + int(rng() % 2));
      if (!p) {
        REQUIRE(error_occurred());
        error_clear();
        refused++;
        continue;
      }
      compiled++;
      for (const std::string& subject : subjects) {
        for (const char* fn : {"match", "search", "fullmatch", "findall", "split"}) {
          ORef r = method(p.get(), fn, {str(subject).get()});
          if (!r) {
            // Only the engine's own complaint is acceptable.
            CHECK(error_matches(&exc_RuntimeError));
            error_clear();
          }
        }
      }
    }
  }
  CHECK(compiled > 0);
  CHECK(refused > 0);
}
