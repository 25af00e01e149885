// str: PEP 393 compact strings in CPython 3.13's layout — allocation, construction, hashing, comparison, repr, the
// str type's slots and its iterators.
#include "objects/str.h"

#include <cstring>
#include <mutex>
#include <vector>

#include "alloc/heap.h"
#include "alloc/immortal.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/range.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

// The method table lives with the methods (str_methods.cc).
extern PyMethodDef str_method_table[];

namespace {

constexpr size_t kAsciiHeader = sizeof(PyASCIIObject);
constexpr size_t kCompactHeader = sizeof(PyCompactUnicodeObject);

inline PyASCIIObject* ascii_obj(Object* o) { return reinterpret_cast<PyASCIIObject*>(o); }
inline PyCompactUnicodeObject* compact_obj(Object* o) { return reinterpret_cast<PyCompactUnicodeObject*>(o); }
inline PyUnicodeObject* unicode_obj(Object* o) { return reinterpret_cast<PyUnicodeObject*>(o); }

inline int kind_for(uint32_t maxchar) { return maxchar < 0x100 ? 1 : maxchar < 0x10000 ? 2 : 4; }

inline size_t compact_size(ssize len, uint32_t maxchar) {
  if (maxchar < 0x80) return kAsciiHeader + size_t(len) + 1;
  return kCompactHeader + (size_t(len) + 1) * size_t(kind_for(maxchar));
}

inline void init_header(Object* o, ssize len, uint32_t maxchar) {
  PyASCIIObject* a = ascii_obj(o);
  a->length = len;
  a->hash = -1;
  a->state.interned = 0;
  a->state.kind = unsigned(kind_for(maxchar));
  a->state.compact = 1;
  a->state.ascii = maxchar < 0x80;
  a->state.statically_allocated = 0;
}

template <class T>
uint32_t max_of(const T* p, ssize n) {
  uint32_t m = 0;
  for (ssize i = 0; i < n; i++)
    if (p[i] > m) m = p[i];
  return m;
}

uint32_t max_char(int kind, const void* data, ssize n) {
  switch (kind) {
    case 1:
      return max_of(static_cast<const uint8_t*>(data), n);
    case 2:
      return max_of(static_cast<const uint16_t*>(data), n);
    default:
      return max_of(static_cast<const uint32_t*>(data), n);
  }
}

// Copies n code units of kind `from` into a buffer of kind `to` (to >= from, or the values must fit).
void convert_units(int to, void* dst, int from, const void* src, ssize n) {
  if (to == from) {
    std::memcpy(dst, src, size_t(n) * size_t(to));
    return;
  }
  StrChars c(from, src, n);
  switch (to) {
    case 1:
      for (ssize i = 0; i < n; i++) static_cast<uint8_t*>(dst)[i] = uint8_t(c[i]);
      break;
    case 2:
      for (ssize i = 0; i < n; i++) static_cast<uint16_t*>(dst)[i] = uint16_t(c[i]);
      break;
    default:
      for (ssize i = 0; i < n; i++) static_cast<uint32_t*>(dst)[i] = c[i];
      break;
  }
}

constexpr ssize kMaxLen = PTRDIFF_MAX / 8;  // keeps every size computation below far from overflow

}  // namespace

// ---- Allocation and access ----

Object* str_new(ssize len, uint32_t maxchar) {
  if (len < 0) return set_error(&exc_SystemError, "Negative size passed to str_new");
  if (maxchar > 0x10ffff) return set_error(&exc_SystemError, "invalid maximum character passed to str_new");
  if (len > kMaxLen) return no_memory();
  Object* o = new_object(&str_type, compact_size(len, maxchar));
  if (!o) return nullptr;
  init_header(o, len, maxchar);
  return o;
}

Object* str_copy_immortal(Object* s) {
  ssize len = str_length(s);
  int kind = str_kind(s);
  uint32_t maxchar = str_is_ascii(s) ? 0x7f : kind == 1 ? 0xff : kind == 2 ? 0xffff : 0x10ffff;
  Object* o = alloc::immortal_object(compact_size(len, maxchar), &str_type);
  init_header(o, len, maxchar);
  std::memcpy(str_data(o), str_data(s), size_t(len) * size_t(kind));
  ascii_obj(o)->hash = ascii_obj(s)->hash;
  return o;
}

void* str_data(Object* o) {
  PyASCIIObject* a = ascii_obj(o);
  if (a->state.compact) {
    return reinterpret_cast<char*>(o) + (a->state.ascii ? kAsciiHeader : kCompactHeader);
  }
  return unicode_obj(o)->data.any;
}

uint32_t str_char_at(Object* o, ssize i) { return StrChars(o)[i]; }

Object* str_empty() {
  // Created on first use (before strs::init_all when needed); str_intern makes it the unique immortal "".
  static Object* empty;
  Object* e = __atomic_load_n(&empty, __ATOMIC_ACQUIRE);
  if (e) return e;
  Object* fresh = str_new(0, 0);
  if (!fresh) return nullptr;
  e = str_intern(fresh);
  if (e) __atomic_store_n(&empty, e, __ATOMIC_RELEASE);
  return e;
}

Object* str_from_kind(int kind, const void* data, ssize len) {
  if (len == 0) return newref(str_empty());
  if (len == 1) return str_from_char(StrChars(kind, data, 1)[0]);
  uint32_t m = max_char(kind, data, len);
  Object* o = str_new(len, m);
  if (!o) return nullptr;
  convert_units(str_kind(o), str_data(o), kind, data, len);
  return o;
}

Object* str_from_latin1(const uint8_t* s, ssize len) { return str_from_kind(1, s, len); }

Object* str_from_ucs4(const uint32_t* s, ssize len) { return str_from_kind(4, s, len); }

Object* str_substring(Object* s, ssize start, ssize end) {
  ssize len = str_length(s);
  if (start < 0) start = 0;
  if (end > len) end = len;
  if (start >= end) return newref(str_empty());
  if (start == 0 && end == len && type_check_exact(s, &str_type)) return newref(s);
  int kind = str_kind(s);
  if (str_is_ascii(s)) {
    Object* o = str_new(end - start, 0x7f);
    if (!o) return nullptr;
    std::memcpy(str_data(o), static_cast<char*>(str_data(s)) + start, size_t(end - start));
    return o;
  }
  return str_from_kind(kind, static_cast<char*>(str_data(s)) + start * kind, end - start);
}

// ---- UTF-8 view ----

const char* str_utf8(Object* o, ssize* len) {
  PyASCIIObject* a = ascii_obj(o);
  if (a->state.ascii) {
    if (len) *len = a->length;
    return static_cast<const char*>(str_data(o));
  }
  PyCompactUnicodeObject* c = compact_obj(o);
  // Published with release after utf8_length: a reader that sees the pointer sees the length.
  char* p = __atomic_load_n(&c->utf8, __ATOMIC_ACQUIRE);
  if (p) {
    if (len) *len = __atomic_load_n(&c->utf8_length, __ATOMIC_RELAXED);
    return p;
  }
  ORef b = steal(str_encode(o, "utf-8", "strict"));
  if (!b) return nullptr;
  ssize n = bytes_size(b.get());
  char* buf = static_cast<char*>(alloc::raw_alloc(size_t(n) + 1));
  if (!buf) return no_memory();
  std::memcpy(buf, bytes_data(b.get()), size_t(n) + 1);
  // Every racing thread computes the same bytes and length; the CAS picks one buffer and the losers free theirs.
  __atomic_store_n(&c->utf8_length, n, __ATOMIC_RELAXED);
  char* expected = nullptr;
  if (!__atomic_compare_exchange_n(&c->utf8, &expected, buf, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    alloc::raw_free(buf);
    buf = expected;
  }
  if (len) *len = n;
  return buf;
}

// ---- Hashing ----

// CPython hashes the compact data as stored: length * kind bytes (siphash13, objects/hash.h). A Latin-1 string thus
// hashes like the bytes with the same contents, and equal strings share a kind because strings are canonical.
hash_t str_hash_compute(Object* o) {
  PyASCIIObject* a = ascii_obj(o);
  hash_t h = hash_buffer(str_data(o), a->length * ssize(a->state.kind));
  __atomic_store_n(&a->hash, h, __ATOMIC_RELAXED);  // idempotent: every thread computes the same value
  return h;
}

// ---- Comparison ----

bool str_equal(Object* a, Object* b) {
  if (a == b) return true;
  ssize n = str_length(a);
  if (n != str_length(b)) return false;
  if (str_kind(a) != str_kind(b)) return false;  // canonical strings: different kinds mean different contents
  hash_t ha = __atomic_load_n(&ascii_obj(a)->hash, __ATOMIC_RELAXED);
  hash_t hb = __atomic_load_n(&ascii_obj(b)->hash, __ATOMIC_RELAXED);
  if (ha != -1 && hb != -1 && ha != hb) return false;
  return std::memcmp(str_data(a), str_data(b), size_t(n) * size_t(str_kind(a))) == 0;
}

int str_compare(Object* a, Object* b) {
  if (a == b) return 0;
  ssize na = str_length(a), nb = str_length(b);
  ssize n = na < nb ? na : nb;
  if (str_kind(a) == 1 && str_kind(b) == 1) {
    int c = std::memcmp(str_data(a), str_data(b), size_t(n));
    if (c) return c < 0 ? -1 : 1;
  } else {
    StrChars ca(a), cb(b);
    for (ssize i = 0; i < n; i++) {
      uint32_t x = ca[i], y = cb[i];
      if (x != y) return x < y ? -1 : 1;
    }
  }
  return na < nb ? -1 : na > nb ? 1 : 0;
}

// ---- Searching ----

namespace {

template <class T>
ssize find_units(const T* h, ssize hlen, const T* n, ssize nlen, int dir) {
  if (nlen == 0) return dir > 0 ? 0 : hlen;
  if (nlen > hlen) return -1;
  if (dir > 0) {
    if constexpr (sizeof(T) == 1) {
      const void* p = nlen == 1 ? std::memchr(h, n[0], size_t(hlen)) : memmem(h, size_t(hlen), n, size_t(nlen));
      return p ? static_cast<const T*>(p) - h : -1;
    } else {
      T first = n[0];
      for (ssize i = 0; i <= hlen - nlen; i++)
        if (h[i] == first && std::memcmp(h + i, n, size_t(nlen) * sizeof(T)) == 0) return i;
    }
  } else {
    if constexpr (sizeof(T) == 1) {
      if (nlen == 1) {
        const void* p = memrchr(h, n[0], size_t(hlen));
        return p ? static_cast<const T*>(p) - h : -1;
      }
    }
    T first = n[0];
    for (ssize i = hlen - nlen; i >= 0; i--)
      if (h[i] == first && std::memcmp(h + i, n, size_t(nlen) * sizeof(T)) == 0) return i;
  }
  return -1;
}

template <class T>
ssize count_units(const T* h, ssize hlen, const T* n, ssize nlen) {
  ssize count = 0, i = 0;
  while (i <= hlen - nlen) {
    ssize p = find_units(h + i, hlen - i, n, nlen, 1);
    if (p < 0) break;
    count++;
    i += p + nlen;
  }
  return count;
}

// Brings `sub` to the kind of `s`. Returns false when `sub` cannot occur in `s` (it holds a wider character).
struct Needle {
  std::vector<char> widened;
  const void* data = nullptr;
  ssize len = 0;
  bool prepare(Object* s, Object* sub) {
    int k = str_kind(s), kn = str_kind(sub);
    len = str_length(sub);
    if (kn > k) return false;
    if (kn == k) {
      data = str_data(sub);
      return true;
    }
    widened.resize(size_t(len) * size_t(k) + 4);
    convert_units(k, widened.data(), kn, str_data(sub), len);
    data = widened.data();
    return true;
  }
};

}  // namespace

ssize str_find(Object* s, Object* sub, ssize start, ssize end, int direction) {
  ssize sublen = str_length(sub);
  if (end - start < sublen) return -1;
  if (sublen == 0) return direction > 0 ? start : end;
  Needle nd;
  if (!nd.prepare(s, sub)) return -1;
  int k = str_kind(s);
  const char* base = static_cast<const char*>(str_data(s)) + start * k;
  ssize r;
  switch (k) {
    case 1:
      r = find_units(reinterpret_cast<const uint8_t*>(base), end - start, static_cast<const uint8_t*>(nd.data), nd.len,
                     direction);
      break;
    case 2:
      r = find_units(reinterpret_cast<const uint16_t*>(base), end - start, static_cast<const uint16_t*>(nd.data),
                     nd.len, direction);
      break;
    default:
      r = find_units(reinterpret_cast<const uint32_t*>(base), end - start, static_cast<const uint32_t*>(nd.data),
                     nd.len, direction);
      break;
  }
  return r < 0 ? -1 : r + start;
}

ssize str_count(Object* s, Object* sub, ssize start, ssize end) {
  ssize sublen = str_length(sub);
  if (end - start < sublen) return 0;
  if (sublen == 0) return end - start + 1;
  Needle nd;
  if (!nd.prepare(s, sub)) return 0;
  int k = str_kind(s);
  const char* base = static_cast<const char*>(str_data(s)) + start * k;
  switch (k) {
    case 1:
      return count_units(reinterpret_cast<const uint8_t*>(base), end - start, static_cast<const uint8_t*>(nd.data),
                         nd.len);
    case 2:
      return count_units(reinterpret_cast<const uint16_t*>(base), end - start, static_cast<const uint16_t*>(nd.data),
                         nd.len);
    default:
      return count_units(reinterpret_cast<const uint32_t*>(base), end - start, static_cast<const uint32_t*>(nd.data),
                         nd.len);
  }
}

// ---- Concatenation, join ----

Object* str_concat(Object* a, Object* b) {
  if (!type_check(b, &str_type)) {
    return set_errorf(&exc_TypeError, "can only concatenate str (not \"{}\") to str", type_name(b));
  }
  ssize na = str_length(a), nb = str_length(b);
  if (na == 0 && type_check_exact(b, &str_type)) return newref(b);
  if (nb == 0 && type_check_exact(a, &str_type)) return newref(a);
  if (na > kMaxLen - nb) return set_error(&exc_OverflowError, "strings are too large to concat");
  uint32_t ma = str_is_ascii(a) ? 0x7f : max_char(str_kind(a), str_data(a), na);
  uint32_t mb = str_is_ascii(b) ? 0x7f : max_char(str_kind(b), str_data(b), nb);
  Object* o = str_new(na + nb, ma > mb ? ma : mb);
  if (!o) return nullptr;
  int k = str_kind(o);
  convert_units(k, str_data(o), str_kind(a), str_data(a), na);
  convert_units(k, static_cast<char*>(str_data(o)) + na * k, str_kind(b), str_data(b), nb);
  return o;
}

namespace {

// Joins items[0..n) (borrowed) with `sep`. Caller keeps the items alive (and, for a list, holds its lock).
Object* join_items(Object* sep, Object* const* items, ssize n) {
  if (n == 0) return newref(str_empty());
  if (n == 1 && type_check_exact(items[0], &str_type)) return newref(items[0]);
  ssize seplen = str_length(sep);
  uint32_t maxc = seplen ? max_char(str_kind(sep), str_data(sep), seplen) : 0;
  ssize total = 0;
  for (ssize i = 0; i < n; i++) {
    Object* it = items[i];
    if (!type_check(it, &str_type)) {
      return set_errorf(&exc_TypeError, "sequence item {}: expected str instance, {} found", i, type_name(it));
    }
    ssize l = str_length(it);
    if (total > kMaxLen - l - (i ? seplen : 0)) {
      return set_error(&exc_OverflowError, "join() result is too long for a Python string");
    }
    total += l + (i ? seplen : 0);
    if (!str_is_ascii(it)) {
      uint32_t m = max_char(str_kind(it), str_data(it), l);
      if (m > maxc) maxc = m;
    }
  }
  Object* o = str_new(total, maxc);
  if (!o) return nullptr;
  int k = str_kind(o);
  char* out = static_cast<char*>(str_data(o));
  for (ssize i = 0; i < n; i++) {
    if (i && seplen) {
      convert_units(k, out, str_kind(sep), str_data(sep), seplen);
      out += seplen * k;
    }
    ssize l = str_length(items[i]);
    convert_units(k, out, str_kind(items[i]), str_data(items[i]), l);
    out += l * k;
  }
  return o;
}

}  // namespace

Object* str_join(Object* sep, Object* iterable) {
  if (type_check_exact(iterable, &tuple_type)) {
    return join_items(sep, tuple_items(iterable), tuple_size(iterable));
  }
  if (type_check_exact(iterable, &list_type)) {
    // Only str data is read while the lock is held (no Python code runs), so holding it is safe.
    sync::CriticalSection cs(iterable);
    return join_items(sep, list_items(iterable), list_size(iterable));
  }
  ORef it = steal(get_iter(iterable));
  if (!it) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      set_error(&exc_TypeError, "can only join an iterable");
    }
    return nullptr;
  }
  ORef t = steal(sequence_tuple(it.get()));
  if (!t) return nullptr;
  return join_items(sep, tuple_items(t.get()), tuple_size(t.get()));
}

// ---- Single characters ----

Object* str_from_char(uint32_t ch) {
  if (ch < 0x100) {
    // The Latin-1 singletons live in the intern table (strings.cc); str_interned caches them by pointer.
    static Object* table[256];
    Object* o = __atomic_load_n(&table[ch], __ATOMIC_ACQUIRE);
    if (o) return o;
    uint8_t c = uint8_t(ch);
    Object* fresh = str_new(1, ch);
    if (!fresh) return nullptr;
    static_cast<uint8_t*>(str_data(fresh))[0] = c;
    o = str_intern(fresh);
    if (!o) return nullptr;
    __atomic_store_n(&table[ch], o, __ATOMIC_RELEASE);
    return o;
  }
  Object* o = str_new(1, ch);
  if (!o) return nullptr;
  if (ch < 0x10000) {
    static_cast<uint16_t*>(str_data(o))[0] = uint16_t(ch);
  } else {
    static_cast<uint32_t*>(str_data(o))[0] = ch;
  }
  return o;
}

// ---- repr and ascii ----

namespace {

constexpr char kHex[] = "0123456789abcdef";

template <class Out>
void put_escape(Out& out, uint32_t ch) {
  auto hex = [&](int digits) {
    for (int s = (digits - 1) * 4; s >= 0; s -= 4) out.put(uint8_t(kHex[(ch >> s) & 0xf]));
  };
  out.put('\\');
  if (ch < 0x100) {
    out.put('x');
    hex(2);
  } else if (ch < 0x10000) {
    out.put('u');
    hex(4);
  } else {
    out.put('U');
    hex(8);
  }
}

struct AsciiOut {
  std::string s;
  void put(uint32_t c) { s.push_back(char(c)); }
};

// Writes repr(s) into `out`; escape_non_ascii gives ascii()'s flavour.
template <class Out>
void write_repr(Object* s, Out& out, bool escape_non_ascii) {
  StrChars c(s);
  ssize squote = 0, dquote = 0;
  for (ssize i = 0; i < c.len; i++) {
    uint32_t ch = c[i];
    if (ch == '\'')
      squote++;
    else if (ch == '"')
      dquote++;
  }
  uint32_t quote = (squote && !dquote) ? '"' : '\'';
  out.put(quote);
  for (ssize i = 0; i < c.len; i++) {
    uint32_t ch = c[i];
    if (ch == quote || ch == '\\') {
      out.put('\\');
      out.put(ch);
    } else if (ch == '\t') {
      out.put('\\');
      out.put('t');
    } else if (ch == '\n') {
      out.put('\\');
      out.put('n');
    } else if (ch == '\r') {
      out.put('\\');
      out.put('r');
    } else if (ch < ' ' || ch == 0x7f) {
      put_escape(out, ch);
    } else if (ch < 0x7f) {
      out.put(ch);
    } else if (!escape_non_ascii && uchar_isprintable(ch)) {
      out.put(ch);
    } else {
      put_escape(out, ch);
    }
  }
  out.put(quote);
}

Object* str_from_ascii(const std::string& s) {
  if (s.size() <= 1) return str_from_kind(1, s.data(), ssize(s.size()));
  Object* o = str_new(ssize(s.size()), 0x7f);
  if (!o) return nullptr;
  std::memcpy(str_data(o), s.data(), s.size());
  return o;
}

}  // namespace

Object* str_repr(Object* s) {
  if (str_is_ascii(s)) {
    AsciiOut out;
    out.s.reserve(size_t(str_length(s)) + 2);
    write_repr(s, out, false);
    return str_from_ascii(out.s);
  }
  StrBuilder b;
  b.reserve(str_length(s) + 2);
  write_repr(s, b, false);
  return b.finish();
}

Object* str_ascii(Object* o) {
  ORef r = steal(object_repr(o));
  if (!r) return nullptr;
  if (str_is_ascii(r.get())) return r.release_obj();
  StrChars c(r.get());
  AsciiOut out;
  for (ssize i = 0; i < c.len; i++) {
    uint32_t ch = c[i];
    if (ch < 0x80) {
      out.put(ch);
    } else {
      put_escape(out, ch);
    }
  }
  return str_from_ascii(out.s);
}

// ---- str(), tp_new ----

Object* str_from_object(Object* o) {
  if (type_check_exact(o, &str_type)) return newref(o);
  return object_str(o);
}

namespace {

// Converts a (tuple, dict) call into the fastcall form and runs parse_args on it.
struct TupleDictArgs {
  std::vector<Object*> flat;
  std::vector<ORef> keep;
  ORef kwnames;
  bool parse(const char* fname, Object* args, Object* kwargs, std::initializer_list<const char*> names, int required,
             Object** out) {
    ssize nargs = args ? tuple_size(args) : 0;
    for (ssize i = 0; i < nargs; i++) flat.push_back(tuple_get(args, i));
    ssize nkw = kwargs ? dict_size(kwargs) : 0;
    if (nkw > 0) {
      kwnames = steal(tuple_new(nkw));
      if (!kwnames) return false;
      ssize pos = 0, i = 0;
      Object *k, *v;
      while (i < nkw && dict_next(kwargs, &pos, &k, &v)) {
        tuple_set(kwnames.get(), i++, k);  // steals the key reference
        keep.push_back(steal(v));
        flat.push_back(v);
      }
    }
    return parse_args(fname, flat.data(), nargs, kwnames.get(), names, required, out);
  }
};

bool buffer_like(Object* o) {
  return type_check(o, &bytes_type) || type_check(o, &bytearray_type) ||
         (type_of(o)->tp_as_buffer && type_of(o)->tp_as_buffer->bf_getbuffer);
}

// A non-compact instance of a str subclass holding a copy of `s` (CPython's unicode_subtype_new).
Object* str_subtype_new(Type* type, Object* s) {
  Object* o = type->tp_alloc ? type->tp_alloc(type, 0) : new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  ssize len = str_length(s);
  int kind = str_kind(s);
  void* data = alloc::raw_calloc(size_t(len) + 1, size_t(kind));
  if (!data) {
    decref(o);
    return no_memory();
  }
  std::memcpy(data, str_data(s), size_t(len) * size_t(kind));
  PyUnicodeObject* u = unicode_obj(o);
  PyASCIIObject* a = ascii_obj(o);
  a->length = len;
  a->hash = ascii_obj(s)->hash;
  a->state.interned = 0;
  a->state.kind = unsigned(kind);
  a->state.compact = 0;
  a->state.ascii = str_is_ascii(s);
  a->state.statically_allocated = 0;
  u->data.any = data;
  if (a->state.ascii) {
    u->_base.utf8 = static_cast<char*>(data);
    u->_base.utf8_length = len;
  }
  return o;
}

Object* str_tp_new(Type* type, Object* args, Object* kwargs) {
  Object* argv[3] = {nullptr, nullptr, nullptr};
  // CPython has two paths with different messages: positional calls go through unicode_vectorcall
  // ("str expected at most 3 arguments", "not NoneType"), keyword calls through Argument Clinic ("not None").
  bool keywords = kwargs && dict_size(kwargs) > 0;
  if (!keywords) {
    ssize nargs = args ? tuple_size(args) : 0;
    if (nargs > 3) return set_errorf(&exc_TypeError, "str expected at most 3 arguments, got {}", nargs);
    for (ssize i = 0; i < nargs; i++) argv[i] = tuple_get(args, i);
  } else {
    TupleDictArgs p;
    if (!p.parse("str", args, kwargs, {"object", "encoding", "errors"}, 0, argv)) return nullptr;
  }
  Object *obj = argv[0], *encoding = argv[1], *errors = argv[2];
  const char* names[2] = {"encoding", "errors"};
  for (int i = 0; i < 2; i++) {
    Object* a = argv[i + 1];
    if (a && !type_check(a, &str_type)) {
      return set_errorf(&exc_TypeError, "str() argument '{}' must be str, not {}", names[i],
                        (keywords && a == none()) ? "None" : type_name(a));
    }
  }
  ORef result;
  if (!obj) {
    result = borrow(str_empty());
  } else if (!encoding && !errors) {
    result = steal(object_str(obj));
  } else {
    if (type_check(obj, &str_type)) return set_error(&exc_TypeError, "decoding str is not supported");
    if (!buffer_like(obj)) {
      return set_errorf(&exc_TypeError, "decoding to str: need a bytes-like object, {} found", type_name(obj));
    }
    std::string data;
    if (!bytes_like_copy(obj, &data)) {
      error_clear();
      return set_errorf(&exc_TypeError, "decoding to str: need a bytes-like object, {} found", type_name(obj));
    }
    const char* enc = encoding ? str_utf8(encoding) : "utf-8";
    const char* err = errors ? str_utf8(errors) : "strict";
    if (!enc || !err) return nullptr;
    result = steal(str_decode(data.data(), ssize(data.size()), enc, err));
  }
  if (!result) return nullptr;
  if (type == &str_type) return result.release_obj();
  return str_subtype_new(type, result.get());
}

// ---- Slots ----

void str_dealloc(Object* o) {
  PyASCIIObject* a = ascii_obj(o);
  PyCompactUnicodeObject* c = compact_obj(o);
  if (a->state.compact) {
    if (!a->state.ascii && c->utf8) alloc::raw_free(c->utf8);
  } else {
    void* data = unicode_obj(o)->data.any;
    if (c->utf8 && c->utf8 != data) alloc::raw_free(c->utf8);
    alloc::raw_free(data);
  }
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

Object* str_repr_slot(Object* o) { return str_repr(o); }

Object* str_str_slot(Object* o) {
  if (type_check_exact(o, &str_type)) return newref(o);
  return str_from_kind(str_kind(o), str_data(o), str_length(o));
}

hash_t str_hash_slot(Object* o) { return str_hash(o); }

Object* str_richcompare(Object* a, Object* b, int op) {
  if (!type_check(a, &str_type) || !type_check(b, &str_type)) return newref(not_implemented());
  bool r;
  switch (op) {
    case Py_EQ:
      r = str_equal(a, b);
      break;
    case Py_NE:
      r = !str_equal(a, b);
      break;
    default: {
      int c = str_compare(a, b);
      r = op == Py_LT ? c < 0 : op == Py_LE ? c <= 0 : op == Py_GT ? c > 0 : c >= 0;
    }
  }
  return bool_obj(r);
}

ssize str_len_slot(Object* o) { return str_length(o); }

Object* str_repeat(Object* s, ssize n) {
  ssize len = str_length(s);
  if (n <= 0 || len == 0) return newref(str_empty());
  if (n == 1) return str_str_slot(s);
  if (len > PTRDIFF_MAX / n) return set_error(&exc_OverflowError, "repeated string is too long");
  if (len > kMaxLen / n) return no_memory();  // representable, but more than any machine can hold
  int k = str_kind(s);
  uint32_t m = str_is_ascii(s) ? 0x7f : k == 1 ? 0xff : max_char(k, str_data(s), len);
  Object* o = str_new(len * n, m);
  if (!o) return nullptr;
  // The result has the same kind as s (same maximum character): double the copied prefix.
  char* out = static_cast<char*>(str_data(o));
  size_t unit = size_t(len) * size_t(k), total = unit * size_t(n);
  std::memcpy(out, str_data(s), unit);
  size_t done = unit;
  while (done < total) {
    size_t chunk = done < total - done ? done : total - done;
    std::memcpy(out + done, out, chunk);
    done += chunk;
  }
  return o;
}

Object* str_item(Object* s, ssize i) {
  if (i < 0 || i >= str_length(s)) return set_error(&exc_IndexError, "string index out of range");
  return str_from_char(StrChars(s)[i]);
}

Object* str_subscript(Object* s, Object* key) {
  if (index_check(key)) {
    ssize i = number_as_ssize(key, &exc_IndexError);
    if (i == -1 && error_occurred()) return nullptr;
    if (i < 0) i += str_length(s);
    return str_item(s, i);
  }
  if (type_check(key, &slice_type)) {
    ssize start, stop, step;
    ssize n = slice_adjust(key, str_length(s), &start, &stop, &step);
    if (n < 0) return nullptr;
    if (n == 0) return newref(str_empty());
    if (step == 1) return str_substring(s, start, start + n);
    StrChars c(s);
    if (c.kind == 1) {
      std::string buf(size_t(n), '\0');
      for (ssize i = 0, j = start; i < n; i++, j += step) buf[size_t(i)] = char(c[j]);
      return str_from_kind(1, buf.data(), n);
    }
    std::vector<uint32_t> buf(static_cast<size_t>(n));
    for (ssize i = 0, j = start; i < n; i++, j += step) buf[size_t(i)] = c[j];
    return str_from_ucs4(buf.data(), n);
  }
  return set_errorf(&exc_TypeError, "string indices must be integers, not '{}'", type_name(key));
}

int str_contains(Object* s, Object* sub) {
  if (!type_check(sub, &str_type)) {
    set_errorf(&exc_TypeError, "'in <string>' requires string as left operand, not {}", type_name(sub));
    return -1;
  }
  return str_find(s, sub, 0, str_length(s), 1) >= 0;
}

Object* str_mod(Object* a, Object* b) {
  if (!type_check(a, &str_type)) return newref(not_implemented());
  return str_percent_format(a, b);
}

// ---- Iterators ----

// Layout of CPython's unicodeiterobject. The string is kept until the iterator dies (never cleared at the end),
// so that threads sharing an iterator can at worst repeat or skip items.
struct StrIterObject {
  PyObject ob_base;
  ssize index;  // next index; kIterDropped once next() ran off the end
  Object* seq;
};

// The iterator types are readied by str_types_init(); until the runtime calls it, the first iterator readies them.
void ensure_iter_types() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (str_types_init() < 0) error_clear();
  });
}

Object* str_iter(Object* s) {
  ensure_iter_types();
  Type* t = str_is_ascii(s) ? &str_ascii_iterator_type : &str_iterator_type;
  auto* it = reinterpret_cast<StrIterObject*>(new_object(t, sizeof(StrIterObject)));
  if (!it) return nullptr;
  it->index = 0;
  it->seq = newref(s);
  return reinterpret_cast<Object*>(it);
}

void str_iter_dealloc(Object* o) {
  auto* it = reinterpret_cast<StrIterObject*>(o);
  xdecref(it->seq);
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

Object* str_iter_next(Object* o) {
  auto* it = reinterpret_cast<StrIterObject*>(o);
  ssize i = __atomic_load_n(&it->index, __ATOMIC_RELAXED);
  if (i < 0) return nullptr;
  if (i >= str_length(it->seq)) {
    __atomic_store_n(&it->index, kIterDropped, __ATOMIC_RELAXED);
    return nullptr;
  }
  __atomic_store_n(&it->index, i + 1, __ATOMIC_RELAXED);
  return str_from_char(StrChars(it->seq)[i]);
}

Object* str_iter_length_hint(Object* o, Object*) {
  auto* it = reinterpret_cast<StrIterObject*>(o);
  ssize i = __atomic_load_n(&it->index, __ATOMIC_RELAXED);
  ssize left = i < 0 ? 0 : str_length(it->seq) - i;
  return int_from_ssize(left < 0 ? 0 : left);
}

// (iter, (s,), index); (iter, ('',)) once dropped.
Object* str_iter_reduce(Object* o, Object*) {
  ORef iter = steal(builtin_object("iter"));  // first: the lookup can run code that advances this iterator
  if (!iter) return nullptr;
  auto* it = reinterpret_cast<StrIterObject*>(o);
  ssize i = __atomic_load_n(&it->index, __ATOMIC_RELAXED);
  if (i < 0) {
    ORef empty = steal(str_from_utf8(""));
    if (!empty) return nullptr;
    return iter_reduce_value(iter.get(), empty.get(), nullptr);
  }
  ORef state = steal(int_from_ssize(i));
  if (!state) return nullptr;
  return iter_reduce_value(iter.get(), it->seq, state.get());
}

// Clamps to [0, len]; ignored once dropped.
Object* str_iter_setstate(Object* o, Object* state) {
  auto* it = reinterpret_cast<StrIterObject*>(o);
  ssize i;
  if (!iter_state_ssize(state, &i)) return nullptr;
  if (__atomic_load_n(&it->index, __ATOMIC_RELAXED) < 0) return newref(none());
  if (i < 0) i = 0;
  if (i > str_length(it->seq)) i = str_length(it->seq);
  __atomic_store_n(&it->index, i, __ATOMIC_RELAXED);
  return newref(none());
}

Object* self_iter(Object* o) { return newref(o); }

PyMethodDef str_iter_methods[] = {
    {"__length_hint__", str_iter_length_hint, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", str_iter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", str_iter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr}};

PyNumberMethods str_as_number = {.nb_remainder = str_mod};

PySequenceMethods str_as_sequence = {
    .sq_length = str_len_slot,
    .sq_concat = str_concat,
    .sq_repeat = str_repeat,
    .sq_item = str_item,
    .sq_contains = str_contains,
};

PyMappingMethods str_as_mapping = {
    .mp_length = str_len_slot,
    .mp_subscript = str_subscript,
};

}  // namespace

Type str_ascii_iterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "str_ascii_iterator",
    .tp_basicsize = sizeof(StrIterObject),
    .tp_dealloc = str_iter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = self_iter,
    .tp_iternext = str_iter_next,
    .tp_methods = str_iter_methods,
    .tp_base = &object_type,
    .tp_free = object_free,
};

Type str_iterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "str_iterator",
    .tp_basicsize = sizeof(StrIterObject),
    .tp_dealloc = str_iter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = self_iter,
    .tp_iternext = str_iter_next,
    .tp_methods = str_iter_methods,
    .tp_base = &object_type,
    .tp_free = object_free,
};

Type str_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "str",
    .tp_basicsize = sizeof(PyUnicodeObject),
    .tp_itemsize = 0,
    .tp_dealloc = str_dealloc,
    .tp_repr = str_repr_slot,
    .tp_as_number = &str_as_number,
    .tp_as_sequence = &str_as_sequence,
    .tp_as_mapping = &str_as_mapping,
    .tp_hash = str_hash_slot,
    .tp_str = str_str_slot,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_IMMUTABLETYPE,
    .tp_doc =
        "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\nCreate a new string "
        "object from the given object. If encoding or\nerrors is specified, then the object must expose a "
        "data buffer\nthat will be decoded using the given encoding and error handler.\nOtherwise, returns "
        "the result of object.__str__() (if defined)\nor repr(object).\nencoding defaults to "
        "'utf-8'.\nerrors defaults to 'strict'.",
    .tp_richcompare = str_richcompare,
    .tp_iter = str_iter,
    .tp_methods = str_method_table,
    .tp_base = &object_type,
    .tp_new = str_tp_new,
    .tp_free = object_free,
};

int str_types_init() {
  for (Type* t : {&str_ascii_iterator_type, &str_iterator_type, &bytes_iterator_type, &bytearray_iterator_type}) {
    if (type_ready(t) < 0) return -1;
  }
  return 0;
}

}  // namespace pyvm
