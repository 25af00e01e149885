// The _md5 module: md5() and its hash type (_md5.md5, also named MD5Type) over hash_algos.cc's MD5; the methods
// and the locking contract are hash_object.cc's.
#include <cstring>

#include "objects/abstract.h"
#include "objects/methods.h"
#include "objects/types.h"
#include "vm/modules/hash_internal.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

void md5_spec_init(HashState* s) { hashing::md5_init(&s->md5); }
void md5_spec_update(HashState* s, const uint8_t* p, size_t n) { hashing::md5_update(&s->md5, p, n); }
void md5_spec_finish(HashState* s, uint8_t* out, size_t len) {
  uint8_t d[16];
  hashing::md5_final(&s->md5, d);
  std::memcpy(out, d, len);
}
const HashSpec kMd5Spec = {"md5", 16, 64, 0, md5_spec_init, md5_spec_update, md5_spec_finish};

Type md5_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_md5.md5",
    .tp_basicsize = sizeof(HashObject),
    .tp_dealloc = hash_object_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = kMdMethods,
    .tp_getset = kMdGetset,
};

Object* md5_new(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return hash_md_constructor("md5", &md5_type, &kMd5Spec, args, nargs, kwnames);
}

PyMethodDef md5_functions[] = {
    {"md5", as_cfunc(md5_new), METH_FASTCALL | METH_KEYWORDS,
     "md5($module, /, string=b'', *, usedforsecurity=True)\n--\n\nReturn a new MD5 hash object; optionally "
     "initialized with a string."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Object* create_md5_module() {
  static const int ready = type_ready(&md5_type);
  if (ready < 0) return hash_init_failed("_md5");
  return hash_module_new("_md5", md5_functions, {{"MD5Type", &md5_type}});
}

}  // namespace pyvm
