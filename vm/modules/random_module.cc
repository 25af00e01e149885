// The _random module: the Mersenne Twister (MT19937) generator behind random.Random, producing the same streams
// as CPython for the same seeds (random.py builds randint, choice, shuffle, gauss ... on random/getrandbits).
//
// Thread-safety contract: a Random object's state (the 624-word vector and its index) is guarded by the object's
// critical section (ob_mutex). random(), getrandbits(), getstate(), setstate() and seed() each hold it for the
// whole read or update of the state, so concurrent callers sharing one generator each get whole outputs of one
// stream (in some order), never a torn state. Arguments are converted and hashed (which may run Python code)
// before the section is entered, and results are built into Python objects after it is left.
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

using sync::CriticalSection;

constexpr int kN = 624;
constexpr int kM = 397;
constexpr uint32_t kMatrixA = 0x9908b0dfU;
constexpr uint32_t kUpperMask = 0x80000000U;
constexpr uint32_t kLowerMask = 0x7fffffffU;

struct RandomObject {
  Object ob_base;
  int index;  // next word of state to temper; kN means "regenerate first"
  uint32_t state[kN];
};

RandomObject* RO(Object* o) { return reinterpret_cast<RandomObject*>(o); }

// ---- The generator (Matsumoto and Nishimura's reference algorithm). Callers hold the object's section.

void init_genrand(RandomObject* r, uint32_t s) {
  uint32_t* mt = r->state;
  mt[0] = s;
  for (int i = 1; i < kN; i++) mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + uint32_t(i);
  r->index = kN;
}

void init_by_array(RandomObject* r, const uint32_t* key, size_t key_length) {
  uint32_t* mt = r->state;
  init_genrand(r, 19650218U);
  size_t i = 1, j = 0;
  for (size_t k = kN > key_length ? kN : key_length; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + uint32_t(j);
    i++;
    j++;
    if (i >= size_t(kN)) {
      mt[0] = mt[kN - 1];
      i = 1;
    }
    if (j >= key_length) j = 0;
  }
  for (size_t k = kN - 1; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - uint32_t(i);
    i++;
    if (i >= size_t(kN)) {
      mt[0] = mt[kN - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000U;  // the most significant bit set: the state is never all zero
}

uint32_t genrand_uint32(RandomObject* r) {
  static const uint32_t mag01[2] = {0x0U, kMatrixA};
  uint32_t* mt = r->state;
  uint32_t y;
  if (r->index >= kN) {
    int kk;
    for (kk = 0; kk < kN - kM; kk++) {
      y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + kM] ^ (y >> 1) ^ mag01[y & 1U];
    }
    for (; kk < kN - 1; kk++) {
      y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + (kM - kN)] ^ (y >> 1) ^ mag01[y & 1U];
    }
    y = (mt[kN - 1] & kUpperMask) | (mt[0] & kLowerMask);
    mt[kN - 1] = mt[kM - 1] ^ (y >> 1) ^ mag01[y & 1U];
    r->index = 0;
  }
  y = mt[r->index++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

// ---- Conversions between ints and little-endian arrays of 32-bit words.

// The magnitude of an int (sign ignored: CPython seeds with abs(n)) as 32-bit words, least significant first,
// with at least one word and no leading zero words beyond that.
std::vector<uint32_t> int_words(Object* n) {
  std::vector<uint32_t> words;
  const digit* d = int_digits(n);
  ssize nd = int_ndigits(n);
  uint64_t acc = 0;
  int accbits = 0;
  for (ssize i = 0; i < nd; i++) {
    acc |= uint64_t(d[i]) << accbits;
    accbits += PyLong_SHIFT;
    while (accbits >= 32) {
      words.push_back(uint32_t(acc));
      acc >>= 32;
      accbits -= 32;
    }
  }
  if (accbits > 0) words.push_back(uint32_t(acc));
  while (words.size() > 1 && words.back() == 0) words.pop_back();
  if (words.empty()) words.push_back(0);
  return words;
}

// A non-negative int from 32-bit words, least significant first.
Object* int_from_words(const std::vector<uint32_t>& words) {
  std::vector<digit> digits;
  digits.reserve(words.size() * 32 / PyLong_SHIFT + 2);
  uint64_t acc = 0;
  int accbits = 0;
  for (uint32_t w : words) {
    acc |= uint64_t(w) << accbits;
    accbits += 32;
    while (accbits >= PyLong_SHIFT) {
      digits.push_back(digit(acc & PyLong_MASK));
      acc >>= PyLong_SHIFT;
      accbits -= PyLong_SHIFT;
    }
  }
  if (accbits > 0) digits.push_back(digit(acc));
  return int_from_digits(false, digits.data(), ssize(digits.size()));
}

// ---- Seeding.

// The seed key for `arg` (not None): the words of abs(arg) for an int, else those of hash(arg) taken as an
// unsigned machine word. False with an exception (an unhashable argument).
bool seed_key(Object* arg, std::vector<uint32_t>* key) {
  if (type_check(arg, &int_type)) {
    // int or a subclass: the digits are int's own, so an overridden __abs__ is never consulted (as in CPython).
    *key = int_words(arg);
    return true;
  }
  hash_t h = object_hash(arg);
  if (h == -1) return false;
  uint64_t u = uint64_t(h);
  key->assign({uint32_t(u), uint32_t(u >> 32)});
  if ((*key)[1] == 0) key->pop_back();
  return true;
}

// Seeds from the operating system's entropy (624 words), or, failing that, from the time and the process id.
void seed_entropy(Object* self) {
  uint32_t key[kN];
  size_t done = 0;
  char* buf = reinterpret_cast<char*>(key);
  while (done < sizeof key) {
    ssize_t n = getrandom(buf + done, sizeof key - done, GRND_NONBLOCK);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    done += size_t(n);
  }
  CriticalSection cs(self);
  if (done == sizeof key) {
    init_by_array(RO(self), key, kN);
    return;
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  struct timespec mono;
  clock_gettime(CLOCK_MONOTONIC, &mono);
  uint64_t ns = uint64_t(ts.tv_sec) * 1000000000u + uint64_t(ts.tv_nsec);
  uint64_t mns = uint64_t(mono.tv_sec) * 1000000000u + uint64_t(mono.tv_nsec);
  uint32_t fallback[5] = {uint32_t(ns), uint32_t(ns >> 32), uint32_t(getpid()), uint32_t(mns), uint32_t(mns >> 32)};
  init_by_array(RO(self), fallback, 5);
}

// seed(n): None (or absent) seeds from entropy. -1 with an exception on error.
int random_seed(Object* self, Object* arg) {
  if (!arg || arg == none()) {
    seed_entropy(self);
    return 0;
  }
  std::vector<uint32_t> key;
  if (!seed_key(arg, &key)) return -1;
  CriticalSection cs(self);
  init_by_array(RO(self), key.data(), key.size());
  return 0;
}

// ---- Methods.

Object* random_random(Object* self, Object*) {
  uint32_t a, b;
  {
    CriticalSection cs(self);
    a = genrand_uint32(RO(self)) >> 5;
    b = genrand_uint32(RO(self)) >> 6;
  }
  // 53 random bits: a supplies the top 27, b the low 26.
  return float_from_double((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

Object* random_seed_method(Object* self, Object* const* args, ssize nargs) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "seed expected at most 1 argument, got {}", nargs);
  if (random_seed(self, nargs ? args[0] : nullptr) < 0) return nullptr;
  return newref(none());
}

Object* random_getstate(Object* self, Object*) {
  uint32_t copy[kN];
  int index;
  {
    CriticalSection cs(self);
    for (int i = 0; i < kN; i++) copy[i] = RO(self)->state[i];
    index = RO(self)->index;
  }
  ORef t = steal(tuple_new(kN + 1));
  if (!t) return nullptr;
  for (int i = 0; i < kN; i++) {
    Object* v = int_from_u64(copy[i]);
    if (!v) return nullptr;
    tuple_set(t.get(), i, v);
  }
  Object* v = int_from_i64(index);
  if (!v) return nullptr;
  tuple_set(t.get(), kN, v);
  return t.release();
}

// CPython's PyLong_AsUnsignedLong: ints only (no __index__), with its messages.
bool state_word(Object* o, uint32_t* out) {
  if (!type_check(o, &int_type)) {
    set_error(&exc_TypeError, "an integer is required");
    return false;
  }
  if (int_sign(o) < 0) {
    set_error(&exc_OverflowError, "can't convert negative value to unsigned int");
    return false;
  }
  std::vector<uint32_t> w = int_words(o);
  if (w.size() > 2) {
    set_error(&exc_OverflowError, "Python int too large to convert to C unsigned long");
    return false;
  }
  *out = w[0];  // CPython keeps the low 32 bits of the unsigned long
  return true;
}

Object* random_setstate(Object* self, Object* state) {
  if (!type_check(state, &tuple_type)) return set_error(&exc_TypeError, "state vector must be a tuple");
  if (tuple_size(state) != kN + 1) return set_error(&exc_ValueError, "state vector is the wrong size");
  uint32_t words[kN];
  for (int i = 0; i < kN; i++)
    if (!state_word(tuple_get(state, i), &words[i])) return nullptr;
  long index = 0;
  if (!posix::convert_long(tuple_get(state, kN), &index)) {
    if (error_matches(&exc_OverflowError)) {
      error_clear();
      set_error(&exc_OverflowError, "Python int too large to convert to C long");
    }
    return nullptr;
  }
  if (index < 0 || index > kN) return set_error(&exc_ValueError, "invalid state");
  CriticalSection cs(self);
  for (int i = 0; i < kN; i++) RO(self)->state[i] = words[i];
  RO(self)->index = int(index);
  return newref(none());
}

Object* random_getrandbits(Object* self, Object* arg) {
  int k = 0;
  if (!posix::convert_int(arg, &k)) return nullptr;
  if (k < 0) return set_error(&exc_ValueError, "number of bits must be non-negative");
  if (k == 0) return int_from_i64(0);
  if (k <= 32) {
    uint32_t r;
    {
      CriticalSection cs(self);
      r = genrand_uint32(RO(self));
    }
    return int_from_u64(r >> (32 - k));
  }
  // Words from least to most significant; the last one keeps only its top bits.
  std::vector<uint32_t> words(size_t((k - 1) / 32 + 1));
  {
    CriticalSection cs(self);
    int left = k;
    for (uint32_t& w : words) {
      uint32_t r = genrand_uint32(RO(self));
      if (left < 32) r >>= (32 - left);
      w = r;
      left -= 32;
    }
  }
  return int_from_words(words);
}

Object* random_new(Type* type, Object*, Object*) {
  // A fresh generator has an all-zero state until seeded (__init__ seeds it; CPython behaves the same when a
  // subclass's __init__ does not).
  return new_object(type, size_t(type->tp_basicsize));
}

int random_init_slot(Object* self, Object* args, Object* kwds);

void random_dealloc(Object* self) {
  Type* t = type_of(self);
  object_free(self);
  dealloc_type_ref(t);
}

PyMethodDef random_methods[] = {
    {"random", random_random, METH_NOARGS, "random() -> x in the interval [0, 1)."},
    {"seed", as_cfunc(random_seed_method), METH_FASTCALL,
     "seed([n]) -> None.\n\nDefaults to use urandom and falls back to a combination\nof the current time and the "
     "process identifier."},
    {"getstate", random_getstate, METH_NOARGS, "getstate() -> tuple containing the current state."},
    {"setstate", random_setstate, METH_O, "setstate(state) -> None.  Restores generator state."},
    {"getrandbits", random_getrandbits, METH_O, "getrandbits(k) -> x.  Generates an int with k random bits."},
    {nullptr, nullptr, 0, nullptr}};

Type random_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_random.Random",
    .tp_basicsize = sizeof(RandomObject),
    .tp_dealloc = random_dealloc,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_doc = "Random() -> create a random number generator with its own internal state.",
    .tp_methods = random_methods,
    .tp_init = random_init_slot,
    .tp_new = random_new,
};

// Random(n): seeds from the optional argument. Keywords are refused by Random itself and by subclasses that keep
// its __init__ (random.Random defines its own).
int random_init_slot(Object* self, Object* args, Object* kwds) {
  if ((type_of(self) == &random_type || type_of(self)->tp_init == random_type.tp_init) && kwds &&
      dict_size(kwds) > 0) {
    set_error(&exc_TypeError, "Random() takes no keyword arguments");
    return -1;
  }
  if (tuple_size(args) > 1) {
    set_error(&exc_TypeError, "Random() requires 0 or 1 argument");
    return -1;
  }
  return random_seed(self, tuple_size(args) == 1 ? tuple_get(args, 0) : nullptr);
}

}  // namespace

Object* create_random_module() {
  if (type_ready(&random_type) < 0) return nullptr;
  ORef m = steal(module_new(str_interned("_random")));
  if (!m) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("Module implements the Mersenne Twister random number generator."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  if (dict_set_str(d, "Random", reinterpret_cast<Object*>(&random_type)) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
