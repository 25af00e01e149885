// Tests for siphash13 and the hash key: digests and key bytes recorded from CPython 3.13.0 (hash(b) under
// PYTHONHASHSEED=N, and _Py_HashSecret read through ctypes), PYTHONHASHSEED parsing, and the process key's use.
#include "objects/hash.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "objects/bytes.h"
#include "objects/str.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

struct Case {
  const char* data;
  size_t len;
  int64_t hash;
};

std::string range_bytes(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; i++) s.push_back(char(i));
  return s;
}

// hash(b) as CPython computes it, for a given key.
int64_t py_hash(HashKey k, const std::string& b) {
  if (b.empty()) return 0;
  int64_t h = int64_t(siphash13(k, b.data(), b.size()));
  return h == -1 ? -2 : h;
}

void check_cases(HashKey k, const int64_t (&want)[8]) {
  const std::string inputs[8] = {"",         "a",         "abc", "abcdefg", "abcdefgh",
                                 "abcdefghi", range_bytes(63), "\xe9"};
  for (int i = 0; i < 8; i++) {
    INFO("input " << i);
    CHECK(py_hash(k, inputs[i]) == want[i]);
  }
}

}  // namespace

TEST_CASE("siphash13 under the zero key matches CPython with PYTHONHASHSEED=0", "[hash]") {
  check_cases(HashKey{}, {0, 4644417185603328019, -4594863902769663758, 7904145750247929094, 4574395652268504554,
                          -532774252720507163, 4061470857350050649, 6047309291227476195});
}

TEST_CASE("PYTHONHASHSEED=N derives CPython's key bytes", "[hash]") {
  HashKey k1 = hash_key_from_seed(1);
  CHECK(k1.k0 == 0xaed66ce184be2329ull);
  CHECK(k1.k1 == 0xebe9bbf1f1499052ull);
  HashKey k = hash_key_from_seed(12345);
  CHECK(k.k0 == 0x25556dc46dc3dca0ull);
  CHECK(k.k1 == 0xfc3ee4dbd06f6c90ull);
  check_cases(k, {0, -8961251314296359281, 2962436275791859092, 6148946137545281088, 1658905534166424097,
                  -6258168472765736806, 1664918005189561616, 6247654839523334371});
  HashKey kmax = hash_key_from_seed(4294967295u);
  CHECK(kmax.k0 == 0x8d85be4c852e2b23ull);
  CHECK(kmax.k1 == 0x778977fb98719852ull);
}

TEST_CASE("PYTHONHASHSEED parsing follows CPython's strtoul rules", "[hash]") {
  HashSeedConfig c;
  CHECK(hash_seed_parse(nullptr, &c));
  CHECK(!c.use_seed);
  CHECK(hash_seed_parse("", &c));
  CHECK(!c.use_seed);
  CHECK(hash_seed_parse("random", &c));
  CHECK(!c.use_seed);
  CHECK(hash_seed_parse("0", &c));
  CHECK((c.use_seed && c.seed == 0));
  CHECK(hash_seed_parse("-0", &c));
  CHECK((c.use_seed && c.seed == 0));
  CHECK(hash_seed_parse(" +5", &c));
  CHECK((c.use_seed && c.seed == 5));
  CHECK(hash_seed_parse("4294967295", &c));
  CHECK((c.use_seed && c.seed == 4294967295u));
  for (const char* bad : {"abc", "-1", "4294967296", "5 ", "0x10", " ", "99999999999999999999999", "Random"}) {
    INFO(bad);
    CHECK(!hash_seed_parse(bad, &c));
  }
}

TEST_CASE("str, bytes and empty values hash through the process key", "[hash]") {
  REQUIRE(runtime_init() == 0);
  ORef abc = steal(str_from_utf8("abc"));
  ORef babc = steal(bytes_from("abc", 3));
  CHECK(str_hash(abc.get()) == hash_buffer("abc", 3));
  CHECK(bytes_hash(babc.get()) == str_hash(abc.get()));
  CHECK(str_hash(str_empty()) == 0);
  CHECK(hash_buffer("", 0) == 0);
  // A UCS-2 string hashes its 2-byte code units as stored (little-endian here, as on CPython's platforms).
  ORef wide = steal(str_from_utf8("\xc4\x81z"));  // "\u0101z"
  const unsigned char units[] = {0x01, 0x01, 'z', 0x00};
  CHECK(str_hash(wide.get()) == hash_buffer(units, 4));
}
