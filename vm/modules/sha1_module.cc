// The _sha1 module: sha1() and its hash type (_sha1.sha1, also named SHA1Type) over hash_algos.cc's SHA-1; the
// methods and the locking contract are hash_object.cc's.
#include <cstring>

#include "objects/abstract.h"
#include "objects/methods.h"
#include "objects/types.h"
#include "vm/modules/hash_internal.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

void sha1_spec_init(HashState* s) { hashing::sha1_init(&s->sha1); }
void sha1_spec_update(HashState* s, const uint8_t* p, size_t n) { hashing::sha1_update(&s->sha1, p, n); }
void sha1_spec_finish(HashState* s, uint8_t* out, size_t len) {
  uint8_t d[20];
  hashing::sha1_final(&s->sha1, d);
  std::memcpy(out, d, len);
}
const HashSpec kSha1Spec = {"sha1", 20, 64, 0, sha1_spec_init, sha1_spec_update, sha1_spec_finish};

Type sha1_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_sha1.sha1",
    .tp_basicsize = sizeof(HashObject),
    .tp_dealloc = hash_object_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = kMdMethods,
    .tp_getset = kMdGetset,
};

Object* sha1_new(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return hash_md_constructor("sha1", &sha1_type, &kSha1Spec, args, nargs, kwnames);
}

PyMethodDef sha1_functions[] = {
    {"sha1", as_cfunc(sha1_new), METH_FASTCALL | METH_KEYWORDS,
     "sha1($module, /, string=b'', *, usedforsecurity=True)\n--\n\nReturn a new SHA1 hash object; optionally "
     "initialized with a string."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Object* create_sha1_module() {
  static const int ready = type_ready(&sha1_type);
  if (ready < 0) return hash_init_failed("_sha1");
  return hash_module_new("_sha1", sha1_functions, {{"SHA1Type", &sha1_type}});
}

}  // namespace pyvm
