// siphash13 keyed by the process's hash secret, and the secret's start-up from PYTHONHASHSEED or the OS.
#include "objects/hash.h"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace pyvm {

namespace {

// Written once by hash_secret_init (see its thread contract in hash.h), read-only afterwards. Until then the key is
// zero, which is also PYTHONHASHSEED=0's key.
HashKey g_key;
bool g_randomized = true;

inline uint64_t load_le64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

inline uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct SipState {
  uint64_t v0, v1, v2, v3;
  inline void round() {
    v0 += v1;
    v1 = rotl(v1, 13) ^ v0;
    v0 = rotl(v0, 32);
    v2 += v3;
    v3 = rotl(v3, 16) ^ v2;
    v0 += v3;
    v3 = rotl(v3, 21) ^ v0;
    v2 += v1;
    v1 = rotl(v1, 17) ^ v2;
    v2 = rotl(v2, 32);
  }
  inline void compress(uint64_t m) {
    v3 ^= m;
    round();  // siphash-1-3: one compression round per word
    v0 ^= m;
  }
};

// Fills buf from getrandom (non-blocking, as CPython does at start-up) or, failing that, /dev/urandom.
bool os_random(unsigned char* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = getrandom(buf + got, n - got, GRND_NONBLOCK);
    if (r > 0) {
      got += size_t(r);
      continue;
    }
    if (r < 0 && errno == EINTR) continue;
    break;  // ENOSYS, EAGAIN (pool not yet initialised), ...: use the device instead
  }
  if (got == n) return true;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  while (got < n) {
    ssize_t r = read(fd, buf + got, n - got);
    if (r > 0) {
      got += size_t(r);
    } else if (!(r < 0 && errno == EINTR)) {
      break;
    }
  }
  close(fd);
  return got == n;
}

HashKey key_from_bytes(const unsigned char* b) { return HashKey{load_le64(b), load_le64(b + 8)}; }

int fatal(const char* func, const char* msg) {
  std::fprintf(stderr, "Fatal Python error: %s: %s\nPython runtime state: preinitialized\n\n", func, msg);
  std::fflush(stderr);
  return -1;
}

}  // namespace

bool hash_seed_parse(const char* text, HashSeedConfig* out) {
  *out = HashSeedConfig{};
  if (!text || !*text || std::strcmp(text, "random") == 0) return true;
  errno = 0;
  char* end = nullptr;
  unsigned long v = std::strtoul(text, &end, 10);
  // strtoul wraps a negative value ("-1" is ULONG_MAX), which the range check then rejects; "-0" is 0.
  if (end == text || *end != '\0' || errno == ERANGE || v > 4294967295ul) return false;
  out->use_seed = true;
  out->seed = uint32_t(v);
  return true;
}

HashKey hash_key_from_seed(uint32_t seed) {
  // CPython fills its whole 24-byte secret from this generator (x = x * 214013 + 2531011 mod 2**32, each byte the
  // state's bits 16..23); the siphash key is the first 16 of those bytes.
  unsigned char b[16];
  uint32_t x = seed;
  for (unsigned char& c : b) {
    x = x * 214013u + 2531011u;
    c = static_cast<unsigned char>((x >> 16) & 0xff);
  }
  return key_from_bytes(b);
}

int hash_secret_init(bool ignore_environment) {
  // CPython reads the variable through its config, which treats an empty value as unset.
  const char* text = ignore_environment ? nullptr : std::getenv("PYTHONHASHSEED");
  HashSeedConfig cfg;
  if (!hash_seed_parse(text, &cfg))
    return fatal("config_init_hash_seed", "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]");
  if (cfg.use_seed) {
    g_randomized = cfg.seed != 0;
    g_key = cfg.seed == 0 ? HashKey{} : hash_key_from_seed(cfg.seed);
    return 0;
  }
  unsigned char b[16];
  if (!os_random(b, sizeof b))
    return fatal("_Py_HashRandomization_Init", "failed to get random numbers to initialize Python");
  g_randomized = true;
  g_key = key_from_bytes(b);
  return 0;
}

bool hash_randomization_enabled() { return g_randomized; }

uint64_t siphash13(HashKey key, const void* p, size_t n) {
  const unsigned char* in = static_cast<const unsigned char*>(p);
  SipState s{key.k0 ^ 0x736f6d6570736575ull, key.k1 ^ 0x646f72616e646f6dull, key.k0 ^ 0x6c7967656e657261ull,
             key.k1 ^ 0x7465646279746573ull};
  uint64_t last = uint64_t(n) << 56;  // the length's low byte tops the final word
  for (; n >= 8; n -= 8, in += 8) s.compress(load_le64(in));
  uint64_t tail = 0;
  for (size_t i = 0; i < n; i++) tail |= uint64_t(in[i]) << (8 * i);
  s.compress(last | tail);
  s.v2 ^= 0xff;
  s.round();  // three finalization rounds
  s.round();
  s.round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

hash_t hash_buffer(const void* p, ssize n) {
  if (n == 0) return 0;  // Py_HASH_CUTOFF is 0 in 3.13: no small-input special case besides the empty one
  hash_t h = hash_t(siphash13(g_key, p, size_t(n)));
  return h == -1 ? -2 : h;
}

}  // namespace pyvm
