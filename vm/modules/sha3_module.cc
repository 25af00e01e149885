// The _sha3 module: the types sha3_224, sha3_256, sha3_384, sha3_512, shake_128 and shake_256 over hash_algos.cc's
// Keccak sponge (FIPS 202); their methods and the locking contract are hash_object.cc's.
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/hash_internal.h"
#include "vm/modules/io_internal.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

template <uint32_t kRate, uint8_t kSuffix>
void keccak_spec_init(HashState* s) {
  hashing::keccak_init(&s->keccak, kRate, kSuffix);
}
void keccak_spec_update(HashState* s, const uint8_t* p, size_t n) { hashing::keccak_absorb(&s->keccak, p, n); }
void keccak_spec_finish(HashState* s, uint8_t* out, size_t n) { hashing::keccak_final(&s->keccak, out, n); }

// The rate is 200 bytes less twice the digest size (SHA-3) or the security strength (SHAKE); SHA-3 pads with the
// suffix bits 01, SHAKE with 1111 (FIPS 202 sections 6.1 and 6.2).
#define KECCAK_SPEC(var, name, digest, rate, suffix) \
  const HashSpec var = {                             \
      name, digest, rate, suffix, keccak_spec_init<rate, suffix>, keccak_spec_update, keccak_spec_finish};
KECCAK_SPEC(kSha3_224, "sha3_224", 28, 144, 0x06)
KECCAK_SPEC(kSha3_256, "sha3_256", 32, 136, 0x06)
KECCAK_SPEC(kSha3_384, "sha3_384", 48, 104, 0x06)
KECCAK_SPEC(kSha3_512, "sha3_512", 64, 72, 0x06)
KECCAK_SPEC(kShake128, "shake_128", 0, 168, 0x1f)
KECCAK_SPEC(kShake256, "shake_256", 0, 136, 0x1f)
#undef KECCAK_SPEC

// sha3_xxx(data=b'', /, *, usedforsecurity=True); CPython's six types share one argument parser, which names
// itself sha3_224 in its errors.
template <const HashSpec* kSpec>
Object* sha3_new(Type* type, Object* args, Object* kwds) {
  Object* a[2] = {};
  if (!io::parse_tuple_dict("sha3_224", args, kwds, {"/", "$usedforsecurity"}, 0, a)) return nullptr;
  if (a[1] && !hash_usedforsecurity(a[1])) return nullptr;
  ORef o = steal(hash_object_new(type, kSpec));
  if (!o) return nullptr;
  if (a[0] && hash_absorb_new(o.get(), a[0]) < 0) return nullptr;
  return o.release();
}

#define SHA3_DOC(name, bytes)                                                                                     \
  name "([data], *, usedforsecurity=True) -> SHA3 object\n\nReturn a new SHA3 hash object with a hashbit length " \
       "of " bytes " bytes."
#define SHAKE_DOC(name) name "([data], *, usedforsecurity=True) -> SHAKE object\n\nReturn a new SHAKE hash object."
#define SHA3_TYPE(var, name, spec, doc, methods)          \
  Type var = {                                            \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0), \
      .tp_name = "_sha3." name,                           \
      .tp_basicsize = sizeof(HashObject),                 \
      .tp_dealloc = hash_object_dealloc,                  \
      .tp_getattro = generic_getattr,                     \
      .tp_flags = 0,                                      \
      .tp_doc = doc,                                      \
      .tp_methods = methods,                              \
      .tp_getset = kSha3Getset,                           \
      .tp_new = sha3_new<&spec>,                          \
  };
SHA3_TYPE(sha3_224_type, "sha3_224", kSha3_224, SHA3_DOC("sha3_224", "28"), kSha3Methods)
SHA3_TYPE(sha3_256_type, "sha3_256", kSha3_256, SHA3_DOC("sha3_256", "32"), kSha3Methods)
SHA3_TYPE(sha3_384_type, "sha3_384", kSha3_384, SHA3_DOC("sha3_384", "48"), kSha3Methods)
SHA3_TYPE(sha3_512_type, "sha3_512", kSha3_512, SHA3_DOC("sha3_512", "64"), kSha3Methods)
SHA3_TYPE(shake_128_type, "shake_128", kShake128, SHAKE_DOC("shake_128"), kShakeMethods)
SHA3_TYPE(shake_256_type, "shake_256", kShake256, SHAKE_DOC("shake_256"), kShakeMethods)
#undef SHA3_TYPE
#undef SHA3_DOC
#undef SHAKE_DOC

PyMethodDef sha3_functions[] = {
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Object* create_sha3_module() {
  static const int ready = [] {
    for (Type* t : {&sha3_224_type, &sha3_256_type, &sha3_384_type, &sha3_512_type, &shake_128_type, &shake_256_type})
      if (type_ready(t) < 0) return -1;
    return 0;
  }();
  if (ready < 0) return hash_init_failed("_sha3");
  ORef m = steal(hash_module_new("_sha3", sha3_functions,
                                 {{"sha3_224", &sha3_224_type},
                                  {"sha3_256", &sha3_256_type},
                                  {"sha3_384", &sha3_384_type},
                                  {"sha3_512", &sha3_512_type},
                                  {"shake_128", &shake_128_type},
                                  {"shake_256", &shake_256_type}}));
  if (!m) return nullptr;
  // CPython names its backend here ("HACL"); this one is pyvm's own.
  ORef impl = steal(str_from_utf8("pyvm"));
  if (!impl || dict_set_str(module_dict(m.get()), "implementation", impl.get()) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
