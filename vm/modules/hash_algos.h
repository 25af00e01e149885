// The digest algorithms behind _md5, _sha1, _sha2, _sha3 and _blake2, written from their specifications: MD5
// (RFC 1321), SHA-1 and SHA-2 (FIPS 180-4), SHA-3 and SHAKE (FIPS 202), and BLAKE2b/BLAKE2s (RFC 7693, with the
// salt, personalisation and tree parameters of the BLAKE2 paper).
//
// Each state is a trivially copyable value: copying one forks the computation, which is what hash.copy() and the
// non-destructive digest() do. Nothing here locks; the Python objects that own a state serialise access to it
// (hash_object.cc).
#pragma once

#include <cstddef>
#include <cstdint>

namespace pyvm::hashing {

// The Merkle-Damgard hashes: chaining words, the bytes hashed so far and the partial block waiting in buf.
template <class Word, int kWords, int kBlock>
struct MdState {
  Word h[kWords];
  uint64_t total;
  uint32_t used;
  uint8_t buf[kBlock];
};
using Md5 = MdState<uint32_t, 4, 64>;
using Sha1 = MdState<uint32_t, 5, 64>;
using Sha256 = MdState<uint32_t, 8, 64>;   // also SHA-224 (other initial words, digest truncated)
using Sha512 = MdState<uint64_t, 8, 128>;  // also SHA-384

// *_final pads and writes the full-width digest (16, 20, 32 and 64 bytes); the state is spent afterwards.
void md5_init(Md5* s);
void md5_update(Md5* s, const uint8_t* p, size_t n);
void md5_final(Md5* s, uint8_t out[16]);
void sha1_init(Sha1* s);
void sha1_update(Sha1* s, const uint8_t* p, size_t n);
void sha1_final(Sha1* s, uint8_t out[20]);
void sha256_init(Sha256* s, bool sha224);
void sha256_update(Sha256* s, const uint8_t* p, size_t n);
void sha256_final(Sha256* s, uint8_t out[32]);
void sha512_init(Sha512* s, bool sha384);
void sha512_update(Sha512* s, const uint8_t* p, size_t n);
void sha512_final(Sha512* s, uint8_t out[64]);

// The Keccak sponge (Keccak-f[1600]) with a rate of `rate` bytes (a multiple of 8) and a domain-separation suffix
// that already carries the first padding bit: 0x06 for SHA-3, 0x1f for SHAKE.
struct Keccak {
  uint64_t lanes[25];
  uint32_t rate;
  uint32_t pos;  // bytes absorbed into the current block
  uint8_t suffix;
};
void keccak_init(Keccak* s, uint32_t rate, uint8_t suffix);
void keccak_absorb(Keccak* s, const uint8_t* p, size_t n);
// Pads, then squeezes `n` bytes of output; the state is spent afterwards.
void keccak_final(Keccak* s, uint8_t* out, size_t n);

// BLAKE2's parameter block as the caller gives it; byte strings no longer than the variant allows (the module
// checks the limits and raises).
struct Blake2Params {
  int digest_size;
  const uint8_t* key;
  size_t key_len;
  const uint8_t* salt;  // shorter salts and personalisations are padded with zeros
  size_t salt_len;
  const uint8_t* person;
  size_t person_len;
  int fanout;
  int depth;
  uint32_t leaf_size;
  uint64_t node_offset;  // 48 bits for BLAKE2s
  int node_depth;
  int inner_size;
  bool last_node;
};

// BLAKE2b (Word = uint64_t, 128-byte blocks) and BLAKE2s (uint32_t, 64-byte blocks). The last block is held back
// in buf until final, which compresses it with the finalisation flags.
template <class Word>
struct Blake2 {
  static constexpr int kBlock = 16 * sizeof(Word);
  Word h[8];
  Word t[2];  // the byte counter
  uint32_t used;
  uint8_t digest_size;
  bool last_node;
  uint8_t buf[kBlock];
};
using Blake2b = Blake2<uint64_t>;
using Blake2s = Blake2<uint32_t>;
template <class Word>
void blake2_init(Blake2<Word>* s, const Blake2Params& p);
template <class Word>
void blake2_update(Blake2<Word>* s, const uint8_t* p, size_t n);
// Writes s->digest_size bytes; the state is spent afterwards.
template <class Word>
void blake2_final(Blake2<Word>* s, uint8_t* out);

}  // namespace pyvm::hashing
