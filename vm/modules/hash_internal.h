// The hash object shared by the _md5, _sha1, _sha2, _sha3 and _blake2 modules (hash_object.cc): its layout, the
// algorithm table each type points at, and the methods, getters and argument checks the five modules have in common.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <utility>

#include "objects/buffer.h"
#include "objects/object.h"
#include "vm/modules/hash_algos.h"

namespace pyvm {

// One running computation of any of the algorithms (trivially copyable, as each member is).
union HashState {
  hashing::Md5 md5;
  hashing::Sha1 sha1;
  hashing::Sha256 sha256;
  hashing::Sha512 sha512;
  hashing::Keccak keccak;
  hashing::Blake2b blake2b;
  hashing::Blake2s blake2s;
};

// What one algorithm's objects share: a row per type, constant.
struct HashSpec {
  const char* name;          // hash.name
  int digest_size;           // 0 for SHAKE; BLAKE2's objects each carry their own (HashObject::digest_size)
  int block_size;            // for SHA-3 and SHAKE also the sponge's rate in bytes
  uint8_t suffix;            // SHA-3 and SHAKE: the domain-separation byte (_suffix); 0 for the others
  void (*init)(HashState*);  // null for BLAKE2, whose objects are initialised from their parameters
  void (*update)(HashState*, const uint8_t*, size_t);
  // Finishes the computation (spending the state) and writes `len` bytes: the digest, truncated to digest_size,
  // or `len` bytes of SHAKE output.
  void (*finish)(HashState*, uint8_t* out, size_t len);
};

// `state` is guarded by the object's critical section once the object is shared (the contract is written at the
// top of hash_object.cc); spec and digest_size never change after creation.
struct HashObject {
  PyObject ob_base;
  const HashSpec* spec;
  int digest_size;
  HashState state;
};
inline HashObject* hash_obj(Object* o) { return reinterpret_cast<HashObject*>(o); }

// A new object of `type` for `spec`, initialised by spec->init when it has one.
[[nodiscard]] Object* hash_object_new(Type* type, const HashSpec* spec);
void hash_object_dealloc(Object* o);
// The data argument of a constructor or update() as CPython's hash modules take it: TypeError "Strings must be
// encoded before hashing" for str, "object supporting the buffer API required" for non-exporters, then a simple
// buffer (BufferError "Buffer must be single dimension" for a multi-dimensional one). -1 with the error set.
[[nodiscard]] int hash_get_data(Object* data, BufferHold* out);
// Absorbs `data` into an object no other thread can see yet (a constructor's initial data).
[[nodiscard]] int hash_absorb_new(Object* self, Object* data);
// The module-level constructors of _md5, _sha1 and _sha2: fname(string=b'', *, usedforsecurity=True).
[[nodiscard]] Object* hash_md_constructor(const char* fname, Type* type, const HashSpec* spec, Object* const* args,
                                          ssize nargs, Object* kwnames);
// A new module `name` with `functions` and the attributes `attrs` (the hash types under their module names). The
// caller has readied the types.
[[nodiscard]] Object* hash_module_new(const char* name, PyMethodDef* functions,
                                      std::initializer_list<std::pair<const char*, Type*>> attrs);
// SystemError for a module whose types could not be readied (when no error says why already).
std::nullptr_t hash_init_failed(const char* module);
// An unsigned argument converted as CPython's unsigned-long (long long) converters do: TypeError "an integer is
// required" for non-ints (no __index__), ValueError "value must be positive" for negatives, OverflowError
// `overflow_msg` above 2**64 - 1 (the caller checks any narrower limit).
[[nodiscard]] bool hash_unsigned_arg(Object* arg, const char* overflow_msg, uint64_t* out);
// The usedforsecurity flag: evaluated for its truth value (which may raise) and otherwise ignored.
[[nodiscard]] bool hash_usedforsecurity(Object* flag);

// Method and getter tables: _md5/_sha1/_sha2 (kMdMethods: CPython's "provided string" docs and its copy() that
// takes no arguments at all), _sha3 (kSha3Methods, kShakeMethods with digest(length)) and _blake2.
extern PyMethodDef kMdMethods[];
extern PyMethodDef kSha3Methods[];
extern PyMethodDef kShakeMethods[];
extern PyMethodDef kBlake2Methods[];
extern PyGetSetDef kMdGetset[];
extern PyGetSetDef kSha3Getset[];
extern PyGetSetDef kBlake2Getset[];

}  // namespace pyvm
