// The keyed hash of raw memory behind hash(str), hash(bytes) and hash(memoryview): CPython 3.13's siphash13 with
// its 128-bit secret key, seeded from PYTHONHASHSEED or the OS's random source.
#pragma once

#include <cstddef>
#include <cstdint>

#include "objects/object.h"

namespace pyvm {

// The siphash key (CPython's _Py_HashSecret.siphash.k0/k1, read little-endian from the secret's first 16 bytes).
struct HashKey {
  uint64_t k0 = 0, k1 = 0;
};

// What PYTHONHASHSEED asked for.
struct HashSeedConfig {
  bool use_seed = false;  // false: a random key ("random", unset, empty, or the environment ignored)
  uint32_t seed = 0;      // with use_seed: 0 is the all-zero key (randomization disabled), else the LCG's start
};

// Parses PYTHONHASHSEED's text as CPython does (strtoul base 10: leading blanks and a sign are accepted, nothing may
// follow the digits, the value must fit in 32 bits); null or "" or "random" is random. False for an invalid value.
bool hash_seed_parse(const char* text, HashSeedConfig* out);

// The key for PYTHONHASHSEED=seed (seed != 0): the secret's bytes come from the Microsoft-rand LCG started at seed.
HashKey hash_key_from_seed(uint32_t seed);

// Sets the process's key from PYTHONHASHSEED (ignored when ignore_environment, as under -E) or from getrandom /
// /dev/urandom. On an invalid PYTHONHASHSEED or no random source, prints CPython's fatal error to stderr and
// returns -1; the caller exits with status 1.
//
// Thread contract: called once, by runtime_init inside its call_once, before any string is hashed and before a
// second thread exists. The key is read-only afterwards, so hashing reads it without synchronization (thread
// creation and call_once both order the write before every later read).
[[nodiscard]] int hash_secret_init(bool ignore_environment);

// Whether hashing is randomized: false only for PYTHONHASHSEED=0 (sys.flags.hash_randomization).
bool hash_randomization_enabled();

// SipHash-1-3 of n bytes under the key (64-bit result; CPython's siphash13).
uint64_t siphash13(HashKey key, const void* p, size_t n);

// CPython's Py_HashBuffer: 0 for n == 0, else siphash13 under the process key, with -1 mapped to -2. str hashes its
// code units as stored (n = length * kind bytes), bytes and memoryview their bytes.
hash_t hash_buffer(const void* p, ssize n);

}  // namespace pyvm
