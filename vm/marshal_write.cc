// Writes CPython 3.13 marshal data (marshal.dumps): the same bytes CPython writes, references included.
//
// CPython marks an object with FLAG_REF (so that later occurrences become TYPE_REF back-references) when its
// reference count is above one at the time it is written, and always for interned strings. Reference counts are
// an implementation detail, so pyvm reproduces the cases that decide CPython's output: objects CPython keeps as
// immortal singletons (small ints, the empty tuple/bytes/str/frozenset, one-character latin-1 strings, one-byte
// bytes: identified by value here, since pyvm may hold several equal copies), interned strings, co_code (which
// CPython caches on the code object, so it always has a second reference), and otherwise the object's own
// reference count, which counts what the caller and containers hold just as CPython's does.
#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/number_format.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/marshal.h"
#include "vm/marshal_format.h"

namespace pyvm {
namespace {

using namespace marshal_format;

enum class WriteError { kNone, kUnmarshallable, kNestedTooDeep, kOther };

// Keys of the singletons CPython shares by value: distinct addresses that no object can have.
struct SingletonKeys {
  char small_int[262];    // -5..256
  char latin1_char[256];  // one-character str
  char one_byte[256];     // one-byte bytes
  char empty_str, empty_bytes, empty_tuple;
};
SingletonKeys g_keys;

class Writer {
 public:
  Writer(int version, bool allow_code) : version_(version), allow_code_(allow_code) {}

  // `held`: references to v that the caller holds only for the writing (not counted as sharing).
  bool write(Object* v, int held = 0) {
    w_object(v, false, held);
    return finish();
  }
  std::string& out() { return out_; }

 private:
  bool finish() {
    switch (error_) {
      case WriteError::kNone:
        return true;
      case WriteError::kUnmarshallable:
        if (!error_occurred()) set_error(&exc_ValueError, "unmarshallable object");
        return false;
      case WriteError::kNestedTooDeep:
        if (!error_occurred()) set_error(&exc_ValueError, "object too deeply nested to marshal");
        return false;
      case WriteError::kOther:
        return false;
    }
    return false;
  }

  void byte(int b) { out_.push_back(char(b)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; i++) out_.push_back(char((v >> (8 * i)) & 0xff));
  }
  void i32(int32_t v) { u32(uint32_t(v)); }
  void size(ssize n) {
    if (n > 0x7fffffff) {
      set_error(&exc_ValueError, "unmarshallable object");
      error_ = WriteError::kOther;
      return;
    }
    u32(uint32_t(n));
  }
  void pstring(const char* p, ssize n) {
    size(n);
    out_.append(p, size_t(n));
  }
  void short_pstring(const char* p, ssize n) {
    byte(int(n));
    out_.append(p, size_t(n));
  }
  void dbl(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    for (int i = 0; i < 8; i++) out_.push_back(char((bits >> (8 * i)) & 0xff));
  }
  void float_text(double d) {
    std::string s = double_to_string(d, 'g', 17, 0);
    short_pstring(s.data(), ssize(s.size()));
  }

  // The identity CPython's reference table would see for `v`.
  static const void* ref_key(Object* v) {
    Type* t = type_of(v);
    if (t == &int_type && int_is_compact(v)) {
      ssize x = int_compact_value(v);
      if (x >= -5 && x <= 256) return &g_keys.small_int[x + 5];
    } else if (t == &str_type) {
      ssize n = str_length(v);
      if (n == 0) return &g_keys.empty_str;
      if (n == 1 && str_char_at(v, 0) < 256) return &g_keys.latin1_char[str_char_at(v, 0)];
    } else if (t == &bytes_type) {
      ssize n = bytes_size(v);
      if (n == 0) return &g_keys.empty_bytes;
      if (n == 1) return &g_keys.one_byte[static_cast<uint8_t>(bytes_data(v)[0])];
    } else if (t == &tuple_type && tuple_size(v) == 0) {
      return &g_keys.empty_tuple;
    }
    return v;
  }

  // Whether CPython would find more than one reference to `v` (see the file comment).
  static bool shared(Object* v, const void* key, bool is_co_code, int held) {
    if (key != v || is_co_code) return true;
    // CPython's empty frozenset is an ordinary object; pyvm's is immortal.
    if (type_of(v) == &frozenset_type && set_size(v) == 0) return alloc::refcount(v) - held > 1 && !alloc::is_immortal(v);
    if (alloc::is_immortal(v)) return true;
    if (type_of(v) == &str_type && str_is_interned(v)) return true;
    return alloc::refcount(v) - held > 1;
  }

  // `fresh_bytes`: a code object's own bytes field (kinds, line and exception tables), which CPython builds in
  // place, so that even one byte long it is not the shared one-byte singleton.
  void w_object(Object* v, bool is_co_code, int held = 0, bool fresh_bytes = false) {
    if (error_ != WriteError::kNone) return;
    if (++depth_ > kMaxDepth) {
      depth_--;
      error_ = WriteError::kNestedTooDeep;
      return;
    }
    if (!v) {
      byte(kTypeNull);
    } else if (v == none()) {
      byte(kTypeNone);
    } else if (v == reinterpret_cast<Object*>(&exc_StopIteration)) {
      byte(kTypeStopIter);
    } else if (v == ellipsis()) {
      byte(kTypeEllipsis);
    } else if (v == false_()) {
      byte(kTypeFalse);
    } else if (v == true_()) {
      byte(kTypeTrue);
    } else {
      int flag = 0;
      bool done = false;
      if (version_ >= 3) {
        bool fresh = fresh_bytes && bytes_size(v) > 0;
        const void* key = fresh ? v : ref_key(v);
        auto it = refs_.find(key);
        if (it != refs_.end()) {
          byte(kTypeRef);
          i32(it->second);
          done = true;
        } else if (fresh ? !alloc::is_immortal(v) && alloc::refcount(v) - held > 1 : shared(v, key, is_co_code, held)) {
          int index = int(refs_.size());
          refs_.emplace(key, index);
          flag = kFlagRef;
        }
      }
      if (!done) w_complex(v, flag);
    }
    depth_--;
  }

  void w_long(Object* v, int flag) {
    // Magnitude in marshal's 15-bit digits (two per 30-bit digit, the top one dropped when zero).
    ssize nd = int_ndigits(v);
    const digit* d = int_digits(v);
    std::vector<uint16_t> m;
    for (ssize i = 0; i < nd; i++) {
      m.push_back(uint16_t(d[i] & kMarshalMask));
      m.push_back(uint16_t((d[i] >> kMarshalShift) & kMarshalMask));
    }
    while (!m.empty() && m.back() == 0) m.pop_back();
    byte(kTypeLong | flag);
    ssize n = ssize(m.size());
    i32(int32_t(int_sign(v) < 0 ? -n : n));
    for (uint16_t x : m) {
      byte(x & 0xff);
      byte(x >> 8);
    }
  }

  void w_str(Object* v, int flag) {
    bool interned = str_is_interned(v);
    if (version_ >= 4 && str_is_ascii(v)) {
      ssize n = str_length(v);
      const char* p = static_cast<const char*>(str_data(v));
      if (n < 256) {
        byte((interned ? kTypeShortAsciiInterned : kTypeShortAscii) | flag);
        short_pstring(p, n);
      } else {
        byte((interned ? kTypeAsciiInterned : kTypeAscii) | flag);
        pstring(p, n);
      }
      return;
    }
    ORef utf8 = steal(str_encode(v, "utf-8", "surrogatepass"));
    if (!utf8) {
      error_ = WriteError::kOther;
      return;
    }
    byte((version_ >= 3 && interned ? kTypeInterned : kTypeUnicode) | flag);
    pstring(bytes_data(utf8.get()), bytes_size(utf8.get()));
  }

  void w_sequence(Object* const* items, ssize n, int held) {
    for (ssize i = 0; i < n && error_ == WriteError::kNone; i++) w_object(items[i], false, held);
  }

  void w_set(Object* v, int flag) {
    byte((type_of(v) == &frozenset_type ? kTypeFrozenSet : kTypeSet) | flag);
    ssize n = set_size(v);
    size(n);
    // Elements in the order of their own marshalled bytes (CPython sorts them so that builds are reproducible
    // whatever the hash seed): each key is marshalled on its own. CPython takes a new reference to each element
    // before marshalling it for the sort key (so a key's FLAG_REF sees the set's reference plus that one; here `k`
    // is it), and its sorting pairs hold one while the element is written afterwards (here `items` does).
    std::vector<std::pair<std::string, ORef>> items;
    ssize pos = 0;
    Object* key = nullptr;
    while (set_next(v, &pos, &key)) {
      ORef k = steal(key);
      Writer sub(version_, allow_code_);
      if (!sub.write(k.get())) {
        error_ = WriteError::kOther;
        return;
      }
      items.emplace_back(std::move(sub.out()), std::move(k));
    }
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [bytes, obj] : items) {
      if (error_ != WriteError::kNone) return;
      w_object(obj.get(), false);
    }
  }

  void w_code(Object* v, int flag) {
    if (!allow_code_) {
      set_error(&exc_ValueError, "marshalling code objects is disallowed");
      error_ = WriteError::kOther;
      return;
    }
    CodeObject* co = as_code(v);
    byte(kTypeCode | flag);
    i32(co->argcount);
    i32(co->posonlyargcount);
    i32(co->kwonlyargcount);
    i32(co->stacksize);
    i32(co->flags);
    w_object(co->code, true);
    w_object(co->consts, false);
    w_object(co->names, false);
    w_object(co->localsplusnames, false);
    w_object(co->localspluskinds, false, 0, true);
    w_object(co->filename, false);
    w_object(co->name, false);
    w_object(co->qualname, false);
    i32(co->firstlineno);
    w_object(co->linetable, false, 0, true);
    w_object(co->exceptiontable, false, 0, true);
  }

  void w_complex(Object* v, int flag) {
    Type* t = type_of(v);
    if (t == &int_type) {
      int ovf = 0;
      int64_t x = int_as_i64(v, &ovf);
      if (!ovf && x >= INT32_MIN && x <= INT32_MAX) {
        byte(kTypeInt | flag);
        i32(int32_t(x));
      } else {
        w_long(v, flag);
      }
    } else if (t == &float_type) {
      double d = reinterpret_cast<PyFloatObject*>(v)->ob_fval;
      if (version_ > 1) {
        byte(kTypeBinaryFloat | flag);
        dbl(d);
      } else {
        byte(kTypeFloat | flag);
        float_text(d);
      }
    } else if (t == &complex_type) {
      Py_complex c = complex_value(v);
      if (version_ > 1) {
        byte(kTypeBinaryComplex | flag);
        dbl(c.real);
        dbl(c.imag);
      } else {
        byte(kTypeComplex | flag);
        float_text(c.real);
        float_text(c.imag);
      }
    } else if (t == &bytes_type) {
      byte(kTypeString | flag);
      pstring(bytes_data(v), bytes_size(v));
    } else if (t == &str_type) {
      w_str(v, flag);
    } else if (t == &tuple_type) {
      ssize n = tuple_size(v);
      if (version_ >= 4 && n < 256) {
        byte(kTypeSmallTuple | flag);
        byte(int(n));
      } else {
        byte(kTypeTuple | flag);
        size(n);
      }
      w_sequence(tuple_items(v), n, 0);
    } else if (t == &list_type) {
      ORef snapshot = steal(list_as_tuple(v));
      if (!snapshot) {
        error_ = WriteError::kOther;
        return;
      }
      byte(kTypeList | flag);
      size(tuple_size(snapshot.get()));
      w_sequence(tuple_items(snapshot.get()), tuple_size(snapshot.get()), 1);
    } else if (t == &dict_type) {
      byte(kTypeDict | flag);
      ssize pos = 0;
      Object *key = nullptr, *value = nullptr;
      while (error_ == WriteError::kNone && dict_next(v, &pos, &key, &value)) {
        ORef k = steal(key), val = steal(value);
        w_object(k.get(), false, 1);
        w_object(val.get(), false, 1);
      }
      byte(kTypeNull);
    } else if (t == &set_type || t == &frozenset_type) {
      w_set(v, flag);
    } else if (t == &code_type) {
      w_code(v, flag);
    } else if (t->tp_as_buffer && t->tp_as_buffer->bf_getbuffer) {
      std::string data;
      if (!bytes_like_copy(v, &data)) {
        error_ = WriteError::kOther;
        return;
      }
      byte(kTypeString | flag);
      pstring(data.data(), ssize(data.size()));
    } else {
      error_ = WriteError::kUnmarshallable;
    }
  }

  std::string out_;
  int version_;
  bool allow_code_;
  int depth_ = 0;
  WriteError error_ = WriteError::kNone;
  std::unordered_map<const void*, int> refs_;
};

}  // namespace

Object* marshal_dumps(Object* value, int version, bool allow_code) {
  Writer w(version, allow_code);
  if (!w.write(value)) return nullptr;
  return bytes_from(w.out().data(), ssize(w.out().size()));
}

}  // namespace pyvm
