// The _sha2 module: sha224(), sha256(), sha384(), sha512() and their hash types (_sha2.SHA224Type ...) over
// hash_algos.cc's SHA-256 and SHA-512 (SHA-224 and SHA-384 are those with other initial words, truncated); the
// methods and the locking contract are hash_object.cc's.
#include <cstring>

#include "objects/abstract.h"
#include "objects/methods.h"
#include "objects/types.h"
#include "vm/modules/hash_internal.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

void sha224_init(HashState* s) { hashing::sha256_init(&s->sha256, true); }
void sha256_init(HashState* s) { hashing::sha256_init(&s->sha256, false); }
void sha256_update(HashState* s, const uint8_t* p, size_t n) { hashing::sha256_update(&s->sha256, p, n); }
void sha256_finish(HashState* s, uint8_t* out, size_t len) {
  uint8_t d[32];
  hashing::sha256_final(&s->sha256, d);
  std::memcpy(out, d, len);
}
void sha384_init(HashState* s) { hashing::sha512_init(&s->sha512, true); }
void sha512_init(HashState* s) { hashing::sha512_init(&s->sha512, false); }
void sha512_update(HashState* s, const uint8_t* p, size_t n) { hashing::sha512_update(&s->sha512, p, n); }
void sha512_finish(HashState* s, uint8_t* out, size_t len) {
  uint8_t d[64];
  hashing::sha512_final(&s->sha512, d);
  std::memcpy(out, d, len);
}

const HashSpec kSha224Spec = {"sha224", 28, 64, 0, sha224_init, sha256_update, sha256_finish};
const HashSpec kSha256Spec = {"sha256", 32, 64, 0, sha256_init, sha256_update, sha256_finish};
const HashSpec kSha384Spec = {"sha384", 48, 128, 0, sha384_init, sha512_update, sha512_finish};
const HashSpec kSha512Spec = {"sha512", 64, 128, 0, sha512_init, sha512_update, sha512_finish};

#define SHA2_TYPE(var, tpname)                            \
  Type var = {                                            \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0), \
      .tp_name = tpname,                                  \
      .tp_basicsize = sizeof(HashObject),                 \
      .tp_dealloc = hash_object_dealloc,                  \
      .tp_getattro = generic_getattr,                     \
      .tp_flags = Py_TPFLAGS_DISALLOW_INSTANTIATION,      \
      .tp_methods = kMdMethods,                           \
      .tp_getset = kMdGetset,                             \
  };
SHA2_TYPE(sha224_type, "_sha2.SHA224Type")
SHA2_TYPE(sha256_type, "_sha2.SHA256Type")
SHA2_TYPE(sha384_type, "_sha2.SHA384Type")
SHA2_TYPE(sha512_type, "_sha2.SHA512Type")
#undef SHA2_TYPE

template <const char* kName, Type* kType, const HashSpec* kSpec>
Object* sha2_new(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return hash_md_constructor(kName, kType, kSpec, args, nargs, kwnames);
}
constexpr char kSha224[] = "sha224", kSha256[] = "sha256", kSha384[] = "sha384", kSha512[] = "sha512";

#define SHA2_DOC(name, title)                                                         \
  name "($module, /, string=b'', *, usedforsecurity=True)\n--\n\nReturn a new " title \
       " hash object; optionally initialized with a string."
PyMethodDef sha2_functions[] = {
    {"sha224", as_cfunc(sha2_new<kSha224, &sha224_type, &kSha224Spec>), METH_FASTCALL | METH_KEYWORDS,
     SHA2_DOC("sha224", "SHA-224")},
    {"sha256", as_cfunc(sha2_new<kSha256, &sha256_type, &kSha256Spec>), METH_FASTCALL | METH_KEYWORDS,
     SHA2_DOC("sha256", "SHA-256")},
    {"sha384", as_cfunc(sha2_new<kSha384, &sha384_type, &kSha384Spec>), METH_FASTCALL | METH_KEYWORDS,
     SHA2_DOC("sha384", "SHA-384")},
    {"sha512", as_cfunc(sha2_new<kSha512, &sha512_type, &kSha512Spec>), METH_FASTCALL | METH_KEYWORDS,
     SHA2_DOC("sha512", "SHA-512")},
    {nullptr, nullptr, 0, nullptr},
};
#undef SHA2_DOC

}  // namespace

Object* create_sha2_module() {
  static const int ready = [] {
    for (Type* t : {&sha224_type, &sha256_type, &sha384_type, &sha512_type})
      if (type_ready(t) < 0) return -1;
    return 0;
  }();
  if (ready < 0) return hash_init_failed("_sha2");
  return hash_module_new("_sha2", sha2_functions,
                         {{"SHA224Type", &sha224_type},
                          {"SHA256Type", &sha256_type},
                          {"SHA384Type", &sha384_type},
                          {"SHA512Type", &sha512_type}});
}

}  // namespace pyvm
