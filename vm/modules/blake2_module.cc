// The _blake2 module: the types blake2b and blake2s over hash_algos.cc's BLAKE2 (RFC 7693), with keys, salts,
// personalisation and the tree-hashing parameters; their methods and the locking contract are hash_object.cc's.
#include <climits>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/hash_internal.h"
#include "vm/modules/io_internal.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

// The limits of each variant (the module's BLAKE2B_* / BLAKE2S_* constants and the types' class attributes).
struct Blake2Limits {
  int max_digest;
  int max_key;
  int salt;
  int person;
};
constexpr Blake2Limits kLimitsB = {64, 64, 16, 16};
constexpr Blake2Limits kLimitsS = {32, 32, 8, 8};

template <class Word>
hashing::Blake2<Word>* b2(HashState* s) {
  if constexpr (sizeof(Word) == 8) {
    return &s->blake2b;
  } else {
    return &s->blake2s;
  }
}
template <class Word>
void blake2_spec_update(HashState* s, const uint8_t* p, size_t n) {
  hashing::blake2_update(b2<Word>(s), p, n);
}
template <class Word>
void blake2_spec_finish(HashState* s, uint8_t* out, size_t) {
  hashing::blake2_final(b2<Word>(s), out);
}
const HashSpec kBlake2bSpec = {
    "blake2b", 64, 128, 0, nullptr, blake2_spec_update<uint64_t>, blake2_spec_finish<uint64_t>};
const HashSpec kBlake2sSpec = {
    "blake2s", 32, 64, 0, nullptr, blake2_spec_update<uint32_t>, blake2_spec_finish<uint32_t>};

// An int argument as CPython's "i" converter takes it (__index__, C int range).
bool int_param(Object* o, int* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow || v < INT_MIN || v > INT_MAX) {
    set_error(&exc_OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = int(v);
  return true;
}

// A bytes-like parameter (key, salt, person): CPython's "y*" converter.
bool bytes_param(Object* o, BufferHold* out) { return !o || out->get(o, PyBUF_SIMPLE) == 0; }

// blake2b/blake2s(data=b'', /, *, digest_size, key, salt, person, fanout, depth, leaf_size, node_offset, node_depth,
// inner_size, last_node, usedforsecurity): every argument is converted first, then checked in CPython's order.
template <class Word>
Object* blake2_new(Type* type, Object* args, Object* kwds) {
  constexpr bool kB = sizeof(Word) == 8;
  const Blake2Limits& lim = kB ? kLimitsB : kLimitsS;
  const char* fname = kB ? "blake2b" : "blake2s";
  Object* a[13] = {};
  if (!io::parse_tuple_dict(fname, args, kwds,
                            {"/", "$digest_size", "$key", "$salt", "$person", "$fanout", "$depth", "$leaf_size",
                             "$node_offset", "$node_depth", "$inner_size", "$last_node", "$usedforsecurity"},
                            0, a))
    return nullptr;
  hashing::Blake2Params p = {};
  p.digest_size = lim.max_digest;
  p.fanout = 1;
  p.depth = 1;
  BufferHold key, salt, person;
  uint64_t leaf_size = 0, node_offset = 0;
  if ((a[1] && !int_param(a[1], &p.digest_size)) || !bytes_param(a[2], &key) || !bytes_param(a[3], &salt) ||
      !bytes_param(a[4], &person) || (a[5] && !int_param(a[5], &p.fanout)) || (a[6] && !int_param(a[6], &p.depth)) ||
      (a[7] && !hash_unsigned_arg(a[7], "Python int too large to convert to C unsigned long", &leaf_size)) ||
      (a[8] && !hash_unsigned_arg(a[8], "int too big to convert", &node_offset)) ||
      (a[9] && !int_param(a[9], &p.node_depth)) || (a[10] && !int_param(a[10], &p.inner_size)))
    return nullptr;
  if (a[11]) {
    int last = object_is_true(a[11]);
    if (last < 0) return nullptr;
    p.last_node = last;
  }
  if (a[12] && !hash_usedforsecurity(a[12])) return nullptr;

  if (p.digest_size <= 0 || p.digest_size > lim.max_digest)
    return set_errorf(&exc_ValueError, "digest_size must be between 1 and {} bytes", lim.max_digest);
  if (a[3]) {
    if (salt->len > lim.salt) return set_errorf(&exc_ValueError, "maximum salt length is {} bytes", lim.salt);
    p.salt = static_cast<const uint8_t*>(salt->buf);
    p.salt_len = size_t(salt->len);
  }
  if (a[4]) {
    if (person->len > lim.person) return set_errorf(&exc_ValueError, "maximum person length is {} bytes", lim.person);
    p.person = static_cast<const uint8_t*>(person->buf);
    p.person_len = size_t(person->len);
  }
  if (p.fanout < 0 || p.fanout > 255) return set_error(&exc_ValueError, "fanout must be between 0 and 255");
  if (p.depth <= 0 || p.depth > 255) return set_error(&exc_ValueError, "depth must be between 1 and 255");
  if (leaf_size > 0xffffffffu) return set_error(&exc_OverflowError, "leaf_size is too large");
  p.leaf_size = uint32_t(leaf_size);
  if (!kB && node_offset > 0xffffffffffffu) return set_error(&exc_OverflowError, "node_offset is too large");
  p.node_offset = node_offset;
  if (p.node_depth < 0 || p.node_depth > 255) return set_error(&exc_ValueError, "node_depth must be between 0 and 255");
  if (p.inner_size < 0 || p.inner_size > lim.max_digest)
    return set_errorf(&exc_ValueError, "inner_size must be between 0 and is {}", lim.max_digest);
  if (a[2]) {
    if (key->len > lim.max_key) return set_errorf(&exc_ValueError, "maximum key length is {} bytes", lim.max_key);
    p.key = static_cast<const uint8_t*>(key->buf);
    p.key_len = size_t(key->len);
  }

  ORef o = steal(hash_object_new(type, kB ? &kBlake2bSpec : &kBlake2sSpec));
  if (!o) return nullptr;
  HashObject* h = hash_obj(o.get());
  h->digest_size = p.digest_size;
  hashing::blake2_init(b2<Word>(&h->state), p);
  if (a[0] && hash_absorb_new(o.get(), a[0]) < 0) return nullptr;
  return o.release();
}

#define BLAKE2_DOC(name, title)                                                   \
  name "(data=b'', /, *, digest_size=_blake2." name                               \
       ".MAX_DIGEST_SIZE,\n"                                                      \
       "        key=b'', salt=b'', person=b'', fanout=1, depth=1, leaf_size=0,\n" \
       "        node_offset=0, node_depth=0, inner_size=0, last_node=False,\n"    \
       "        usedforsecurity=True)\n--\n\nReturn a new " title " hash object."
#define BLAKE2_TYPE(var, name, title, word)               \
  Type var = {                                            \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0), \
      .tp_name = "_blake2." name,                         \
      .tp_basicsize = sizeof(HashObject),                 \
      .tp_dealloc = hash_object_dealloc,                  \
      .tp_getattro = generic_getattr,                     \
      .tp_flags = 0,                                      \
      .tp_doc = BLAKE2_DOC(name, title),                  \
      .tp_methods = kBlake2Methods,                       \
      .tp_getset = kBlake2Getset,                         \
      .tp_new = blake2_new<word>,                         \
  };
BLAKE2_TYPE(blake2b_type, "blake2b", "BLAKE2b", uint64_t)
BLAKE2_TYPE(blake2s_type, "blake2s", "BLAKE2s", uint32_t)
#undef BLAKE2_TYPE
#undef BLAKE2_DOC

PyMethodDef blake2_functions[] = {
    {nullptr, nullptr, 0, nullptr},
};

// The limits as class attributes (blake2b.SALT_SIZE ...) or module constants (BLAKE2B_SALT_SIZE ...).
int set_limits(Object* dict, const char* prefix, const Blake2Limits& lim) {
  struct {
    const char* name;
    int value;
  } rows[] = {{"SALT_SIZE", lim.salt},
              {"PERSON_SIZE", lim.person},
              {"MAX_KEY_SIZE", lim.max_key},
              {"MAX_DIGEST_SIZE", lim.max_digest}};
  for (auto& r : rows) {
    ORef v = steal(int_from_i64(r.value));
    std::string name = std::string(prefix) + r.name;
    if (!v || dict_set_str(dict, name.c_str(), v.get()) < 0) return -1;
  }
  return 0;
}

}  // namespace

Object* create_blake2_module() {
  static const int ready = [] {
    if (type_ready(&blake2b_type) < 0 || type_ready(&blake2s_type) < 0) return -1;
    // Before any lookup on the types, so that no attribute cache has seen them missing.
    if (set_limits(blake2b_type.tp_dict, "", kLimitsB) < 0 || set_limits(blake2s_type.tp_dict, "", kLimitsS) < 0)
      return -1;
    return 0;
  }();
  if (ready < 0) return hash_init_failed("_blake2");
  ORef m =
      steal(hash_module_new("_blake2", blake2_functions, {{"blake2b", &blake2b_type}, {"blake2s", &blake2s_type}}));
  if (!m) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("_blake2b provides BLAKE2b for hashlib\n"));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0 || set_limits(d, "BLAKE2B_", kLimitsB) < 0 ||
      set_limits(d, "BLAKE2S_", kLimitsS) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
