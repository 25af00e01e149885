// MD5, SHA-1, SHA-2, Keccak (SHA-3/SHAKE) and BLAKE2 from their specifications; see hash_algos.h. Plain portable
// C++: loads and stores go through shifts (which compilers turn into plain moves), no SIMD.
#include "vm/modules/hash_algos.h"

#include <array>
#include <bit>
#include <cstring>

namespace pyvm::hashing {
namespace {

uint32_t load_le32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
uint64_t load_le64(const uint8_t* p) { return uint64_t(load_le32(p)) | uint64_t(load_le32(p + 4)) << 32; }
uint32_t load_be32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}
uint64_t load_be64(const uint8_t* p) { return uint64_t(load_be32(p)) << 32 | uint64_t(load_be32(p + 4)); }
void store_le32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = uint8_t(v >> (8 * i));
}
void store_le64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = uint8_t(v >> (8 * i));
}
void store_be32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = uint8_t(v >> (24 - 8 * i));
}
void store_be64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = uint8_t(v >> (56 - 8 * i));
}
template <class Word>
Word load_le(const uint8_t* p) {
  if constexpr (sizeof(Word) == 8) {
    return load_le64(p);
  } else {
    return load_le32(p);
  }
}
template <class Word>
void store_le(uint8_t* p, Word v) {
  if constexpr (sizeof(Word) == 8) {
    store_le64(p, v);
  } else {
    store_le32(p, v);
  }
}

// ---- The Merkle-Damgard framing shared by MD5 and SHA-1/2 ----

// Hashes whole blocks straight from the input and keeps the tail in buf. Compress(h, blocks, count).
template <auto Compress, class Word, int kWords, int kBlock>
void md_update(MdState<Word, kWords, kBlock>* s, const uint8_t* p, size_t n) {
  s->total += n;
  if (s->used) {
    size_t take = n < size_t(kBlock - s->used) ? n : size_t(kBlock - s->used);
    std::memcpy(s->buf + s->used, p, take);
    s->used += uint32_t(take);
    p += take;
    n -= take;
    if (s->used < uint32_t(kBlock)) return;
    Compress(s->h, s->buf, 1);
    s->used = 0;
  }
  size_t blocks = n / kBlock;
  if (blocks) {
    Compress(s->h, p, blocks);
    p += blocks * kBlock;
    n -= blocks * kBlock;
  }
  std::memcpy(s->buf, p, n);
  s->used = uint32_t(n);
}

// Appends the 1 bit, zeros and the message length in bits (kLenBytes wide; big-endian for SHA, little for MD5).
template <auto Compress, bool kBigEndian, int kLenBytes, class Word, int kWords, int kBlock>
void md_pad(MdState<Word, kWords, kBlock>* s) {
  uint64_t bits_lo = s->total << 3, bits_hi = s->total >> 61;
  s->buf[s->used++] = 0x80;
  if (s->used > uint32_t(kBlock - kLenBytes)) {
    std::memset(s->buf + s->used, 0, kBlock - s->used);
    Compress(s->h, s->buf, 1);
    s->used = 0;
  }
  std::memset(s->buf + s->used, 0, kBlock - s->used);
  if constexpr (kBigEndian) {
    if constexpr (kLenBytes == 16) store_be64(s->buf + kBlock - 16, bits_hi);
    store_be64(s->buf + kBlock - 8, bits_lo);
  } else {
    store_le64(s->buf + kBlock - 8, bits_lo);
  }
  Compress(s->h, s->buf, 1);
}

// ---- MD5 (RFC 1321) ----

// T[i] = floor(2^32 * |sin(i + 1)|), RFC 1321 section 3.4.
constexpr uint32_t kMd5T[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};
// The rotation amounts of the four rounds, four per round.
constexpr int kMd5S[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

// One step: a = b + ((a + f + x + t) <<< s), then the registers rotate (a, b, c, d) <- (d, a, b, c).
inline void md5_step(uint32_t& a, uint32_t& b, uint32_t& c, uint32_t& d, uint32_t f, uint32_t x, int i) {
  uint32_t t = d;
  d = c;
  c = b;
  b = b + std::rotl(a + f + x + kMd5T[i], kMd5S[i >> 4][i & 3]);
  a = t;
}

void md5_compress(uint32_t* h, const uint8_t* p, size_t blocks) {
  for (; blocks; blocks--, p += 64) {
    uint32_t x[16];
    for (int i = 0; i < 16; i++) x[i] = load_le32(p + 4 * i);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 16; i++) md5_step(a, b, c, d, (b & c) | (~b & d), x[i], i);
    for (int i = 16; i < 32; i++) md5_step(a, b, c, d, (b & d) | (c & ~d), x[(5 * i + 1) & 15], i);
    for (int i = 32; i < 48; i++) md5_step(a, b, c, d, b ^ c ^ d, x[(3 * i + 5) & 15], i);
    for (int i = 48; i < 64; i++) md5_step(a, b, c, d, c ^ (b | ~d), x[(7 * i) & 15], i);
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
  }
}

// ---- SHA-1 (FIPS 180-4 section 6.1) ----

void sha1_compress(uint32_t* h, const uint8_t* p, size_t blocks) {
  for (; blocks; blocks--, p += 64) {
    uint32_t w[80];
    for (int t = 0; t < 16; t++) w[t] = load_be32(p + 4 * t);
    for (int t = 16; t < 80; t++) w[t] = std::rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    // The four stages of 20 steps differ in the function f and the constant k.
    auto step = [&](uint32_t f, uint32_t k, uint32_t wt) {
      uint32_t tmp = std::rotl(a, 5) + f + e + k + wt;
      e = d;
      d = c;
      c = std::rotl(b, 30);
      b = a;
      a = tmp;
    };
#pragma GCC unroll 20
    for (int t = 0; t < 20; t++) step((b & c) ^ (~b & d), 0x5a827999, w[t]);
#pragma GCC unroll 20
    for (int t = 20; t < 40; t++) step(b ^ c ^ d, 0x6ed9eba1, w[t]);
#pragma GCC unroll 20
    for (int t = 40; t < 60; t++) step((b & c) ^ (b & d) ^ (c & d), 0x8f1bbcdc, w[t]);
#pragma GCC unroll 20
    for (int t = 60; t < 80; t++) step(b ^ c ^ d, 0xca62c1d6, w[t]);
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
}

// ---- SHA-224/256 and SHA-384/512 (FIPS 180-4 sections 4.2, 5.3 and 6.2-6.5) ----
// The constants are the first 32 (64) bits of the fractional parts of the cube roots of the first 64 (80) primes;
// the initial words those of the square roots of the first 8 primes (SHA-256/512) or of the 9th to 16th
// (SHA-224 takes their second 32 bits, SHA-384 all 64).

constexpr uint32_t kSha256K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};
constexpr uint32_t kSha256Init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
constexpr uint32_t kSha224Init[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                     0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};

constexpr uint64_t kSha512K[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
    0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
    0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
    0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
    0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
    0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
    0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
    0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
    0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
    0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};
constexpr uint64_t kSha512Init[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                                     0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
constexpr uint64_t kSha384Init[8] = {0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
                                     0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};

void sha256_compress(uint32_t* h, const uint8_t* p, size_t blocks) {
  for (; blocks; blocks--, p += 64) {
    uint32_t w[64];
    for (int t = 0; t < 16; t++) w[t] = load_be32(p + 4 * t);
    for (int t = 16; t < 64; t++) {
      uint32_t s0 = std::rotr(w[t - 15], 7) ^ std::rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
      uint32_t s1 = std::rotr(w[t - 2], 17) ^ std::rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int t = 0; t < 64; t++) {
      uint32_t t1 =
          hh + (std::rotr(e, 6) ^ std::rotr(e, 11) ^ std::rotr(e, 25)) + ((e & f) ^ (~e & g)) + kSha256K[t] + w[t];
      uint32_t t2 = (std::rotr(a, 2) ^ std::rotr(a, 13) ^ std::rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
}

void sha512_compress(uint64_t* h, const uint8_t* p, size_t blocks) {
  for (; blocks; blocks--, p += 128) {
    uint64_t w[80];
    for (int t = 0; t < 16; t++) w[t] = load_be64(p + 8 * t);
    for (int t = 16; t < 80; t++) {
      uint64_t s0 = std::rotr(w[t - 15], 1) ^ std::rotr(w[t - 15], 8) ^ (w[t - 15] >> 7);
      uint64_t s1 = std::rotr(w[t - 2], 19) ^ std::rotr(w[t - 2], 61) ^ (w[t - 2] >> 6);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int t = 0; t < 80; t++) {
      uint64_t t1 =
          hh + (std::rotr(e, 14) ^ std::rotr(e, 18) ^ std::rotr(e, 41)) + ((e & f) ^ (~e & g)) + kSha512K[t] + w[t];
      uint64_t t2 = (std::rotr(a, 28) ^ std::rotr(a, 34) ^ std::rotr(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
}

template <class S>
void md_clear(S* s) {
  s->total = 0;
  s->used = 0;
}

// ---- Keccak-f[1600] (FIPS 202 section 3) ----

// The iota constants: bit 2^j - 1 of round ir's constant is rc(j + 7 ir), rc being the output of the LFSR
// x^8 + x^6 + x^5 + x^4 + 1 (FIPS 202 algorithms 5 and 6).
constexpr std::array<uint64_t, 24> kKeccakRc = [] {
  std::array<uint64_t, 24> rc{};
  unsigned lfsr = 1;
  for (int round = 0; round < 24; round++) {
    for (int j = 0; j < 7; j++) {
      if (lfsr & 1) rc[size_t(round)] |= uint64_t(1) << ((1 << j) - 1);
      lfsr = ((lfsr << 1) & 0xff) ^ ((lfsr & 0x80) ? 0x71 : 0);
    }
  }
  return rc;
}();
// The rho offsets of lane x + 5y: (t + 1)(t + 2)/2 along the walk (x, y) <- (y, 2x + 3y) from (1, 0).
constexpr std::array<int, 25> kKeccakRho = [] {
  std::array<int, 25> r{};
  int x = 1, y = 0;
  for (int t = 0; t < 24; t++) {
    r[size_t(x + 5 * y)] = ((t + 1) * (t + 2) / 2) % 64;
    int nx = y, ny = (2 * x + 3 * y) % 5;
    x = nx;
    y = ny;
  }
  return r;
}();
// pi moves lane (x, y) to (y, 2x + 3y).
constexpr std::array<int, 25> kKeccakPi = [] {
  std::array<int, 25> to{};
  for (int x = 0; x < 5; x++)
    for (int y = 0; y < 5; y++) to[size_t(x + 5 * y)] = y + 5 * ((2 * x + 3 * y) % 5);
  return to;
}();

// The loops are unrolled in full so that every lane index and rotation is a constant.
void keccak_f(uint64_t* state) {
  uint64_t a[25];
  std::memcpy(a, state, sizeof a);
  for (int round = 0; round < 24; round++) {
    uint64_t c[5], d[5], b[25];
#pragma GCC unroll 5
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
#pragma GCC unroll 5
    for (int x = 0; x < 5; x++) d[x] = c[(x + 4) % 5] ^ std::rotl(c[(x + 1) % 5], 1);
#pragma GCC unroll 25
    for (int i = 0; i < 25; i++) b[kKeccakPi[size_t(i)]] = std::rotl(a[i] ^ d[i % 5], kKeccakRho[size_t(i)]);
#pragma GCC unroll 25
    for (int i = 0; i < 25; i++) a[i] = b[i] ^ (~b[i - i % 5 + (i + 1) % 5] & b[i - i % 5 + (i + 2) % 5]);
    a[0] ^= kKeccakRc[size_t(round)];
  }
  std::memcpy(state, a, sizeof a);
}

// Byte i of the state: lanes are little-endian (FIPS 202 section 3.1.2 with the usual byte order).
inline void keccak_xor_byte(Keccak* s, uint32_t i, uint8_t v) { s->lanes[i / 8] ^= uint64_t(v) << (8 * (i % 8)); }
inline uint8_t keccak_byte(const Keccak* s, uint32_t i) { return uint8_t(s->lanes[i / 8] >> (8 * (i % 8))); }

// ---- BLAKE2 (RFC 7693) ----

constexpr uint8_t kBlake2Sigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

// The per-variant constants: rounds, G's rotations and the IV (SHA-512's and SHA-256's initial words).
template <class Word>
struct Blake2Traits;
template <>
struct Blake2Traits<uint64_t> {
  static constexpr int kRounds = 12, kR1 = 32, kR2 = 24, kR3 = 16, kR4 = 63;
  static constexpr const uint64_t* kIv = kSha512Init;
};
template <>
struct Blake2Traits<uint32_t> {
  static constexpr int kRounds = 10, kR1 = 16, kR2 = 12, kR3 = 8, kR4 = 7;
  static constexpr const uint32_t* kIv = kSha256Init;
};

template <class Word>
inline void blake2_g(Word* v, int a, int b, int c, int d, Word x, Word y) {
  using T = Blake2Traits<Word>;
  v[a] = v[a] + v[b] + x;
  v[d] = std::rotr(Word(v[d] ^ v[a]), T::kR1);
  v[c] = v[c] + v[d];
  v[b] = std::rotr(Word(v[b] ^ v[c]), T::kR2);
  v[a] = v[a] + v[b] + y;
  v[d] = std::rotr(Word(v[d] ^ v[a]), T::kR3);
  v[c] = v[c] + v[d];
  v[b] = std::rotr(Word(v[b] ^ v[c]), T::kR4);
}

template <class Word>
void blake2_compress(Blake2<Word>* s, const uint8_t* block, bool last) {
  using T = Blake2Traits<Word>;
  Word m[16], v[16];
  for (int i = 0; i < 16; i++) m[i] = load_le<Word>(block + i * sizeof(Word));
  for (int i = 0; i < 8; i++) {
    v[i] = s->h[i];
    v[i + 8] = T::kIv[i];
  }
  v[12] ^= s->t[0];
  v[13] ^= s->t[1];
  if (last) {
    v[14] = ~v[14];
    if (s->last_node) v[15] = ~v[15];
  }
  for (int r = 0; r < T::kRounds; r++) {
    const uint8_t* sg = kBlake2Sigma[r % 10];
    blake2_g(v, 0, 4, 8, 12, m[sg[0]], m[sg[1]]);
    blake2_g(v, 1, 5, 9, 13, m[sg[2]], m[sg[3]]);
    blake2_g(v, 2, 6, 10, 14, m[sg[4]], m[sg[5]]);
    blake2_g(v, 3, 7, 11, 15, m[sg[6]], m[sg[7]]);
    blake2_g(v, 0, 5, 10, 15, m[sg[8]], m[sg[9]]);
    blake2_g(v, 1, 6, 11, 12, m[sg[10]], m[sg[11]]);
    blake2_g(v, 2, 7, 8, 13, m[sg[12]], m[sg[13]]);
    blake2_g(v, 3, 4, 9, 14, m[sg[14]], m[sg[15]]);
  }
  for (int i = 0; i < 8; i++) s->h[i] ^= v[i] ^ v[i + 8];
}

template <class Word>
void blake2_count(Blake2<Word>* s, Word n) {
  s->t[0] += n;
  if (s->t[0] < n) s->t[1]++;
}

}  // namespace

void md5_init(Md5* s) {
  static constexpr uint32_t kInit[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  std::memcpy(s->h, kInit, sizeof kInit);
  md_clear(s);
}
void md5_update(Md5* s, const uint8_t* p, size_t n) { md_update<md5_compress>(s, p, n); }
void md5_final(Md5* s, uint8_t out[16]) {
  md_pad<md5_compress, false, 8>(s);
  for (int i = 0; i < 4; i++) store_le32(out + 4 * i, s->h[i]);
}

void sha1_init(Sha1* s) {
  static constexpr uint32_t kInit[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  std::memcpy(s->h, kInit, sizeof kInit);
  md_clear(s);
}
void sha1_update(Sha1* s, const uint8_t* p, size_t n) { md_update<sha1_compress>(s, p, n); }
void sha1_final(Sha1* s, uint8_t out[20]) {
  md_pad<sha1_compress, true, 8>(s);
  for (int i = 0; i < 5; i++) store_be32(out + 4 * i, s->h[i]);
}

void sha256_init(Sha256* s, bool sha224) {
  std::memcpy(s->h, sha224 ? kSha224Init : kSha256Init, sizeof s->h);
  md_clear(s);
}
void sha256_update(Sha256* s, const uint8_t* p, size_t n) { md_update<sha256_compress>(s, p, n); }
void sha256_final(Sha256* s, uint8_t out[32]) {
  md_pad<sha256_compress, true, 8>(s);
  for (int i = 0; i < 8; i++) store_be32(out + 4 * i, s->h[i]);
}

void sha512_init(Sha512* s, bool sha384) {
  std::memcpy(s->h, sha384 ? kSha384Init : kSha512Init, sizeof s->h);
  md_clear(s);
}
void sha512_update(Sha512* s, const uint8_t* p, size_t n) { md_update<sha512_compress>(s, p, n); }
void sha512_final(Sha512* s, uint8_t out[64]) {
  md_pad<sha512_compress, true, 16>(s);
  for (int i = 0; i < 8; i++) store_be64(out + 8 * i, s->h[i]);
}

void keccak_init(Keccak* s, uint32_t rate, uint8_t suffix) {
  std::memset(s->lanes, 0, sizeof s->lanes);
  s->rate = rate;
  s->pos = 0;
  s->suffix = suffix;
}

void keccak_absorb(Keccak* s, const uint8_t* p, size_t n) {
  while (n) {
    if (s->pos == 0 && n >= s->rate) {
      // A whole block: XOR it in lane by lane.
      for (uint32_t i = 0; i < s->rate / 8; i++) s->lanes[i] ^= load_le64(p + 8 * i);
      keccak_f(s->lanes);
      p += s->rate;
      n -= s->rate;
      continue;
    }
    size_t take = n < size_t(s->rate - s->pos) ? n : size_t(s->rate - s->pos);
    for (size_t k = 0; k < take; k++) keccak_xor_byte(s, s->pos + uint32_t(k), p[k]);
    s->pos += uint32_t(take);
    p += take;
    n -= take;
    if (s->pos == s->rate) {
      keccak_f(s->lanes);
      s->pos = 0;
    }
  }
}

void keccak_final(Keccak* s, uint8_t* out, size_t n) {
  // pad10*1 after the suffix bits: the suffix byte carries the first 1, the last byte of the block the final 1.
  keccak_xor_byte(s, s->pos, s->suffix);
  keccak_xor_byte(s, s->rate - 1, 0x80);
  keccak_f(s->lanes);
  for (;;) {
    size_t take = n < s->rate ? n : s->rate;
    for (size_t k = 0; k < take; k++) out[k] = keccak_byte(s, uint32_t(k));
    out += take;
    n -= take;
    if (!n) break;
    keccak_f(s->lanes);
  }
}

template <class Word>
void blake2_init(Blake2<Word>* s, const Blake2Params& p) {
  // The parameter block (RFC 7693 section 2.5; the BLAKE2 paper's table 2 for the tree fields): 64 bytes for
  // BLAKE2b, 32 for BLAKE2s, read as eight little-endian words and XORed into the IV.
  constexpr bool kB = sizeof(Word) == 8;
  uint8_t pb[8 * sizeof(Word)] = {};
  pb[0] = uint8_t(p.digest_size);
  pb[1] = uint8_t(p.key_len);
  pb[2] = uint8_t(p.fanout);
  pb[3] = uint8_t(p.depth);
  store_le32(pb + 4, p.leaf_size);
  for (int i = 0; i < (kB ? 8 : 6); i++) pb[8 + i] = uint8_t(p.node_offset >> (8 * i));
  pb[kB ? 16 : 14] = uint8_t(p.node_depth);
  pb[kB ? 17 : 15] = uint8_t(p.inner_size);
  if (p.salt_len) std::memcpy(pb + (kB ? 32 : 16), p.salt, p.salt_len);
  if (p.person_len) std::memcpy(pb + (kB ? 48 : 24), p.person, p.person_len);
  for (int i = 0; i < 8; i++) s->h[i] = Blake2Traits<Word>::kIv[i] ^ load_le<Word>(pb + i * sizeof(Word));
  s->t[0] = s->t[1] = 0;
  s->used = 0;
  s->digest_size = uint8_t(p.digest_size);
  s->last_node = p.last_node;
  std::memset(s->buf, 0, sizeof s->buf);
  if (p.key_len) {
    // A key is hashed as a first block of its own, padded with zeros.
    std::memcpy(s->buf, p.key, p.key_len);
    s->used = Blake2<Word>::kBlock;
  }
}

template <class Word>
void blake2_update(Blake2<Word>* s, const uint8_t* p, size_t n) {
  constexpr size_t kBlock = Blake2<Word>::kBlock;
  if (!n) return;
  // A block is compressed only once more input follows it: the last one must wait for the final flag.
  size_t fill = kBlock - s->used;
  if (n > fill) {
    std::memcpy(s->buf + s->used, p, fill);
    blake2_count<Word>(s, Word(kBlock));
    blake2_compress(s, s->buf, false);
    s->used = 0;
    p += fill;
    n -= fill;
    while (n > kBlock) {
      blake2_count<Word>(s, Word(kBlock));
      blake2_compress(s, p, false);
      p += kBlock;
      n -= kBlock;
    }
  }
  std::memcpy(s->buf + s->used, p, n);
  s->used += uint32_t(n);
}

template <class Word>
void blake2_final(Blake2<Word>* s, uint8_t* out) {
  blake2_count<Word>(s, Word(s->used));
  std::memset(s->buf + s->used, 0, Blake2<Word>::kBlock - s->used);
  blake2_compress(s, s->buf, true);
  uint8_t full[8 * sizeof(Word)];
  for (int i = 0; i < 8; i++) store_le<Word>(full + i * sizeof(Word), s->h[i]);
  std::memcpy(out, full, s->digest_size);
}

template void blake2_init(Blake2b*, const Blake2Params&);
template void blake2_init(Blake2s*, const Blake2Params&);
template void blake2_update(Blake2b*, const uint8_t*, size_t);
template void blake2_update(Blake2s*, const uint8_t*, size_t);
template void blake2_final(Blake2b*, uint8_t*);
template void blake2_final(Blake2s*, uint8_t*);

}  // namespace pyvm::hashing
