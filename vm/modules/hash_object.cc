// The methods, getters and argument handling that the hash objects of _md5, _sha1, _sha2, _sha3 and _blake2 share
// (CPython writes these five times over; here each module only declares its types and constructors).
//
// Thread-safety contract: a hash object's running state (HashObject::state) is guarded by the object's critical
// section (ob_mutex) once another thread can see the object. update() holds it while absorbing the input, so
// concurrent updates are applied whole, one after another; digest(), hexdigest() and copy() hold it only while
// copying the state out, and finish the private copy after leaving it. spec and digest_size are fixed at creation
// and read without it, and a constructor absorbs its initial data before the object is shared, without it. The
// input's buffer is acquired before the section is entered (acquiring may run Python code through __buffer__) and
// released after it ends: an exporter such as bytearray is kept from resizing by its export count meanwhile, not by
// a lock, so the section never spans Python code or a blocking call and cannot deadlock with the exporter. As in
// zlib, a large update keeps the thread attached and the section held for its whole length.
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/hash_internal.h"
#include "vm/sync/mutex.h"

namespace pyvm {

namespace {

constexpr int kMaxDigest = 64;          // SHA-512, SHA3-512, BLAKE2b
constexpr size_t kMaxShake = 1u << 29;  // CPython's limit on one SHAKE digest ("length is too large")

// The state as of now, copied out under the object's section: finishing then works on the copy, outside it.
void snapshot(Object* self, HashState* out) {
  sync::CriticalSection cs(self);
  std::memcpy(out, &hash_obj(self)->state, sizeof(HashState));
}

Object* hex_str(const uint8_t* p, size_t n) {
  if (n == 0) return str_from_utf8("", 0);
  Object* s = str_new(ssize(2 * n), 0x7f);
  if (!s) return nullptr;
  static constexpr char kHex[] = "0123456789abcdef";
  char* out = static_cast<char*>(str_data(s));
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = kHex[p[i] >> 4];
    out[2 * i + 1] = kHex[p[i] & 15];
  }
  return s;
}

// ---- Methods ----

Object* hash_update(Object* self, Object* data) {
  BufferHold buf;
  if (hash_get_data(data, &buf) < 0) return nullptr;
  HashObject* h = hash_obj(self);
  {
    sync::CriticalSection cs(self);
    h->spec->update(&h->state, static_cast<const uint8_t*>(buf->buf), size_t(buf->len));
  }
  return none();
}

Object* hash_digest(Object* self, Object*) {
  HashObject* h = hash_obj(self);
  HashState st;
  snapshot(self, &st);
  uint8_t out[kMaxDigest];
  h->spec->finish(&st, out, size_t(h->digest_size));
  return bytes_from(reinterpret_cast<const char*>(out), h->digest_size);
}

Object* hash_hexdigest(Object* self, Object*) {
  HashObject* h = hash_obj(self);
  HashState st;
  snapshot(self, &st);
  uint8_t out[kMaxDigest];
  h->spec->finish(&st, out, size_t(h->digest_size));
  return hex_str(out, size_t(h->digest_size));
}

Object* hash_copy(Object* self, Object*) {
  HashObject* h = hash_obj(self);
  ORef o = steal(new_object(type_of(self), sizeof(HashObject)));
  if (!o) return nullptr;
  HashObject* c = hash_obj(o.get());
  c->spec = h->spec;
  c->digest_size = h->digest_size;
  snapshot(self, &c->state);
  return o.release();
}

// copy() of _md5/_sha1/_sha2, whose CPython version takes the defining class and so words its error differently.
Object* hash_md_copy(Object* self, Object* const*, ssize nargs, Object* kwnames) {
  if (nargs || (kwnames && tuple_size(kwnames))) return set_error(&exc_TypeError, "copy() takes no arguments");
  return hash_copy(self, nullptr);
}

// __getstate__ of the instantiable types (SHA-3, SHAKE, BLAKE2). CPython refuses to pickle or copy.copy() them
// because object.__reduce_ex__ sees C state beyond what __dict__ and slots hold; pyvm's object.__reduce_ex__ does
// not check that, so without this it would rebuild an empty hash through __new__.
Object* hash_getstate(Object* self, Object*) {
  return set_errorf(&exc_TypeError, "cannot pickle '{}' object", type_of(self)->tp_name);
}

// An int that fits in 64 bits unsigned (the caller has checked it is not negative).
bool int_to_u64(Object* o, uint64_t* out) {
  ssize n = int_ndigits(o);
  const digit* d = int_digits(o);
  unsigned __int128 v = 0;
  if (n > 3) return false;
  for (ssize i = n - 1; i >= 0; i--) v = (v << PyLong_SHIFT) | d[i];
  if (v > UINT64_MAX) return false;
  *out = uint64_t(v);
  return true;
}

// SHAKE's length argument (CPython's unsigned-long converter), capped.
bool shake_length(Object* arg, size_t* out) {
  uint64_t v;
  if (!hash_unsigned_arg(arg, "Python int too large to convert to C unsigned long", &v)) return false;
  if (v >= kMaxShake) {
    set_error(&exc_ValueError, "length is too large");
    return false;
  }
  *out = size_t(v);
  return true;
}

Object* shake_digest(Object* self, Object* arg) {
  size_t n;
  if (!shake_length(arg, &n)) return nullptr;
  if (n == 0) return bytes_empty();
  HashState st;
  snapshot(self, &st);
  Object* b = bytes_from(nullptr, ssize(n));
  if (!b) return nullptr;
  hash_obj(self)->spec->finish(&st, reinterpret_cast<uint8_t*>(bytes_data(b)), n);
  return b;
}

Object* shake_hexdigest(Object* self, Object* arg) {
  size_t n;
  if (!shake_length(arg, &n)) return nullptr;
  HashState st;
  snapshot(self, &st);
  std::string out(n, '\0');
  if (n) hash_obj(self)->spec->finish(&st, reinterpret_cast<uint8_t*>(out.data()), n);
  return hex_str(reinterpret_cast<const uint8_t*>(out.data()), n);
}

// ---- Getters (of fields fixed at creation: no section needed) ----

Object* get_name(Object* self, void*) { return str_from_utf8(hash_obj(self)->spec->name); }
Object* get_digest_size(Object* self, void*) { return int_from_i64(hash_obj(self)->digest_size); }
Object* get_block_size(Object* self, void*) { return int_from_i64(hash_obj(self)->spec->block_size); }
Object* get_capacity_bits(Object* self, void*) { return int_from_i64(1600 - 8 * hash_obj(self)->spec->block_size); }
Object* get_rate_bits(Object* self, void*) { return int_from_i64(8 * hash_obj(self)->spec->block_size); }
Object* get_suffix(Object* self, void*) {
  char c = char(hash_obj(self)->spec->suffix);
  return bytes_from(&c, 1);
}

#define DOC_COPY "copy($self, /)\n--\n\nReturn a copy of the hash object."
#define DOC_DIGEST "digest($self, /)\n--\n\nReturn the digest value as a bytes object."
#define DOC_HEXDIGEST "hexdigest($self, /)\n--\n\nReturn the digest value as a string of hexadecimal digits."
#define DOC_UPDATE_BYTES \
  "update($self, data, /)\n--\n\nUpdate this hash object's state with the provided bytes-like object."

}  // namespace

PyMethodDef kMdMethods[] = {
    {"copy", as_cfunc(hash_md_copy), METH_FASTCALL | METH_KEYWORDS, DOC_COPY},
    {"digest", hash_digest, METH_NOARGS, DOC_DIGEST},
    {"hexdigest", hash_hexdigest, METH_NOARGS, DOC_HEXDIGEST},
    {"update", hash_update, METH_O,
     "update($self, obj, /)\n--\n\nUpdate this hash object's state with the provided string."},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef kSha3Methods[] = {
    {"copy", hash_copy, METH_NOARGS, DOC_COPY},
    {"digest", hash_digest, METH_NOARGS, DOC_DIGEST},
    {"hexdigest", hash_hexdigest, METH_NOARGS, DOC_HEXDIGEST},
    {"update", hash_update, METH_O, DOC_UPDATE_BYTES},
    {"__getstate__", hash_getstate, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef kShakeMethods[] = {
    {"copy", hash_copy, METH_NOARGS, DOC_COPY},
    {"digest", shake_digest, METH_O, "digest($self, length, /)\n--\n\nReturn the digest value as a bytes object."},
    {"hexdigest", shake_hexdigest, METH_O,
     "hexdigest($self, length, /)\n--\n\nReturn the digest value as a string of hexadecimal digits."},
    {"update", hash_update, METH_O, DOC_UPDATE_BYTES},
    {"__getstate__", hash_getstate, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef kBlake2Methods[] = {
    {"copy", hash_copy, METH_NOARGS, DOC_COPY},
    {"digest", hash_digest, METH_NOARGS, DOC_DIGEST},
    {"hexdigest", hash_hexdigest, METH_NOARGS, DOC_HEXDIGEST},
    {"update", hash_update, METH_O, DOC_UPDATE_BYTES},
    {"__getstate__", hash_getstate, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef kMdGetset[] = {
    {"block_size", get_block_size, nullptr, nullptr, nullptr},
    {"name", get_name, nullptr, nullptr, nullptr},
    {"digest_size", get_digest_size, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyGetSetDef kSha3Getset[] = {
    {"block_size", get_block_size, nullptr, nullptr, nullptr},
    {"name", get_name, nullptr, nullptr, nullptr},
    {"digest_size", get_digest_size, nullptr, nullptr, nullptr},
    {"_capacity_bits", get_capacity_bits, nullptr, nullptr, nullptr},
    {"_rate_bits", get_rate_bits, nullptr, nullptr, nullptr},
    {"_suffix", get_suffix, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyGetSetDef kBlake2Getset[] = {
    {"name", get_name, nullptr, nullptr, nullptr},
    {"block_size", get_block_size, nullptr, nullptr, nullptr},
    {"digest_size", get_digest_size, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

Object* hash_object_new(Type* type, const HashSpec* spec) {
  Object* o = new_object(type, sizeof(HashObject));
  if (!o) return nullptr;
  HashObject* h = hash_obj(o);
  h->spec = spec;
  h->digest_size = spec->digest_size;
  if (spec->init) spec->init(&h->state);
  return o;
}

void hash_object_dealloc(Object* o) { object_free(o); }

int hash_get_data(Object* data, BufferHold* out) {
  if (type_check(data, &str_type)) {
    set_error(&exc_TypeError, "Strings must be encoded before hashing");
    return -1;
  }
  if (!has_buffer(data)) {
    set_error(&exc_TypeError, "object supporting the buffer API required");
    return -1;
  }
  if (out->get(data, PyBUF_SIMPLE) < 0) return -1;
  if ((*out)->ndim > 1) {
    set_error(&exc_BufferError, "Buffer must be single dimension");
    return -1;
  }
  return 0;
}

int hash_absorb_new(Object* self, Object* data) {
  BufferHold buf;
  if (hash_get_data(data, &buf) < 0) return -1;
  HashObject* h = hash_obj(self);
  h->spec->update(&h->state, static_cast<const uint8_t*>(buf->buf), size_t(buf->len));
  return 0;
}

Object* hash_module_new(const char* name, PyMethodDef* functions,
                        std::initializer_list<std::pair<const char*, Type*>> attrs) {
  ORef m = steal(module_new(str_interned(name)));
  if (!m || module_add_functions(m.get(), functions) < 0) return nullptr;
  for (auto& [attr, type] : attrs)
    if (dict_set_str(module_dict(m.get()), attr, reinterpret_cast<Object*>(type)) < 0) return nullptr;
  return m.release();
}

std::nullptr_t hash_init_failed(const char* module) {
  if (!error_occurred()) set_errorf(&exc_SystemError, "{}: initialisation failed", module);
  return nullptr;
}

bool hash_unsigned_arg(Object* arg, const char* overflow_msg, uint64_t* out) {
  if (!type_check(arg, &int_type)) {
    set_error(&exc_TypeError, "an integer is required");
    return false;
  }
  if (int_sign(arg) < 0) {
    set_error(&exc_ValueError, "value must be positive");
    return false;
  }
  if (!int_to_u64(arg, out)) {
    set_error(&exc_OverflowError, overflow_msg);
    return false;
  }
  return true;
}

bool hash_usedforsecurity(Object* flag) { return object_is_true(flag) >= 0; }

Object* hash_md_constructor(const char* fname, Type* type, const HashSpec* spec, Object* const* args, ssize nargs,
                            Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args(fname, args, nargs, kwnames, {"string", "$usedforsecurity"}, 0, a)) return nullptr;
  if (a[1] && !hash_usedforsecurity(a[1])) return nullptr;
  ORef o = steal(hash_object_new(type, spec));
  if (!o) return nullptr;
  if (a[0] && hash_absorb_new(o.get(), a[0]) < 0) return nullptr;
  return o.release();
}

}  // namespace pyvm
