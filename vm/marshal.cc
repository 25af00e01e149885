// Reads CPython 3.13 marshal data and .pyc files into objects, treating every byte of the input as untrusted.
#include "vm/marshal.h"

#include <locale.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/marshal_format.h"

namespace pyvm {
namespace {

using namespace marshal_format;

// CPython refuses to grow its reference list past this index.
constexpr size_t kMaxRefs = 0x7ffffffe;

// ---------------------------------------------------------------------------------------------------------------
// UTF-8, as CPython's decoder sees it: the same error positions and reasons, so messages match.

struct Utf8Error {
  ssize start = 0;
  ssize end = 0;  // exclusive
  const char* reason = "";
};

inline bool is_continuation(uint8_t b) { return (b & 0xC0) == 0x80; }

// Decodes the code point starting at s[i] (i < n). Returns its length in bytes (1..4) and sets *cp, or returns 0
// and fills *err the way CPython's strict decoder reports the problem. With `surrogatepass`, an encoded surrogate
// (ED A0..BF 80..BF) is accepted, as CPython's "surrogatepass" handler does when the strict decoder rejects it.
int utf8_next(const uint8_t* s, ssize n, ssize i, bool surrogatepass, uint32_t* cp, Utf8Error* err) {
  const uint8_t b = s[i];
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  const ssize left = n - i;
  auto fail = [&](ssize end, const char* reason) {
    *err = Utf8Error{i, end, reason};
    return 0;
  };
  if (b < 0xC2 || b > 0xF4) return fail(i + 1, "invalid start byte");
  if (b < 0xE0) {
    if (left < 2) return fail(n, "unexpected end of data");
    if (!is_continuation(s[i + 1])) return fail(i + 1, "invalid continuation byte");
    *cp = (uint32_t(b & 0x1F) << 6) | (s[i + 1] & 0x3F);
    return 2;
  }
  if (left < 2) return fail(n, "unexpected end of data");
  const uint8_t c1 = s[i + 1];
  if (b < 0xF0) {
    // E0 needs A0..BF (no overlong forms); ED needs 80..9F in strict mode (no surrogates).
    const uint8_t lo = b == 0xE0 ? 0xA0 : 0x80;
    const uint8_t hi = b == 0xED ? 0x9F : 0xBF;
    if (c1 < lo || c1 > hi) {
      const bool encoded_surrogate =
          surrogatepass && b == 0xED && c1 >= 0xA0 && c1 <= 0xBF && left >= 3 && is_continuation(s[i + 2]);
      if (!encoded_surrogate) return fail(i + 1, "invalid continuation byte");
    }
    if (left < 3) return fail(n, "unexpected end of data");
    if (!is_continuation(s[i + 2])) return fail(i + 2, "invalid continuation byte");
    *cp = (uint32_t(b & 0x0F) << 12) | (uint32_t(c1 & 0x3F) << 6) | (s[i + 2] & 0x3F);
    return 3;
  }
  // F0 needs 90..BF (no overlong forms); F4 needs 80..8F (nothing above U+10FFFF).
  const uint8_t lo = b == 0xF0 ? 0x90 : 0x80;
  const uint8_t hi = b == 0xF4 ? 0x8F : 0xBF;
  if (c1 < lo || c1 > hi) return fail(i + 1, "invalid continuation byte");
  if (left < 3) return fail(n, "unexpected end of data");
  if (!is_continuation(s[i + 2])) return fail(i + 2, "invalid continuation byte");
  if (left < 4) return fail(n, "unexpected end of data");
  if (!is_continuation(s[i + 3])) return fail(i + 3, "invalid continuation byte");
  *cp = (uint32_t(b & 0x07) << 18) | (uint32_t(c1 & 0x3F) << 12) | (uint32_t(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
  return 4;
}

// CPython's UnicodeDecodeError text for `err` in `s`.
std::string utf8_error_message(const uint8_t* s, const Utf8Error& err) {
  if (err.end - err.start == 1) {
    return fmt::format("'utf-8' codec can't decode byte 0x{:02x} in position {}: {}", s[err.start], err.start,
                       err.reason);
  }
  return fmt::format("'utf-8' codec can't decode bytes in position {}-{}: {}", err.start, err.end - 1, err.reason);
}

// Decodes with the "replace" error handler into valid UTF-8 (used to quote raw input in messages, as
// PyUnicode_FromFormat's %s does).
std::string utf8_replace(const uint8_t* s, ssize n) {
  std::string out;
  out.reserve(size_t(n));
  ssize i = 0;
  while (i < n) {
    uint32_t cp;
    Utf8Error err;
    int k = utf8_next(s, n, i, /*surrogatepass=*/false, &cp, &err);
    if (k > 0) {
      out.append(reinterpret_cast<const char*>(s + i), size_t(k));
      i += k;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD for the whole invalid range, as the "replace" handler does
      i = err.end;
    }
  }
  return out;
}

// Raises UnicodeDecodeError('utf-8', <the input>, start, end, reason), as CPython's decoder does, so the exception
// carries the same attributes; falls back to a plain message if the exception cannot be built.
std::nullptr_t raise_utf8_error(const uint8_t* s, ssize n, const Utf8Error& err) {
  ORef args[5] = {steal(str_from_utf8("utf-8")), steal(bytes_from(reinterpret_cast<const char*>(s), n)),
                  steal(int_from_ssize(err.start)), steal(int_from_ssize(err.end)), steal(str_from_utf8(err.reason))};
  bool ok = true;
  for (const ORef& a : args) ok = ok && a;
  if (ok) {
    Object* argv[5] = {args[0].get(), args[1].get(), args[2].get(), args[3].get(), args[4].get()};
    if (Object* exc = call(reinterpret_cast<Object*>(&exc_UnicodeDecodeError), argv, 5, nullptr)) {
      set_error_steal(exc);
      return nullptr;
    }
  }
  error_clear();
  return set_error(&exc_UnicodeDecodeError, utf8_error_message(s, err));
}

// A str from UTF-8 with the "surrogatepass" error handler (marshal's 'u' and 't').
Object* str_from_utf8_surrogatepass(const uint8_t* s, ssize n) {
  // One pass to classify: valid or not, and whether an encoded surrogate appears before the first error.
  ssize first_surrogate = -1;
  Utf8Error err;
  bool valid = true;
  for (ssize i = 0; i < n;) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    uint32_t cp;
    int k = utf8_next(s, n, i, /*surrogatepass=*/true, &cp, &err);
    if (k == 0) {
      valid = false;
      break;
    }
    if (first_surrogate < 0 && cp >= 0xD800 && cp <= 0xDFFF) first_surrogate = i;
    i += k;
  }
  if (first_surrogate < 0) {
    // Without surrogates the strict decoder gives the same result (or raises the same error, and its exception
    // carries CPython's attributes), so let the str module do the work.
    Object* r = str_from_utf8(reinterpret_cast<const char*>(s), n);
    if (r != nullptr && !valid) {  // the two decoders disagree: trust the scan
      decref(r);
      return raise_utf8_error(s, n, err);
    }
    return r;
  }
  if (!valid) return raise_utf8_error(s, n, err);
  // Lone surrogates are legal code points in a str; decode to UCS-4 (bounded by the input size).
  std::vector<uint32_t> cps;
  cps.reserve(size_t(n));
  for (ssize i = 0; i < n;) {
    uint32_t cp;
    int k = utf8_next(s, n, i, /*surrogatepass=*/true, &cp, &err);
    if (k == 0) return raise_utf8_error(s, n, err);  // not reached: the scan found no error
    cps.push_back(cp);
    i += k;
  }
  return str_from_ucs4(cps.data(), ssize(cps.size()));
}

// ---------------------------------------------------------------------------------------------------------------
// Text floats ('f' and 'x', format versions 0 and 1): PyOS_string_to_double's grammar, no whitespace, the whole
// string must be consumed; overflow gives +-inf.

bool ascii_ieq(std::string_view a, const char* lower) {
  size_t n = std::strlen(lower);
  if (a.size() != n) return false;
  for (size_t i = 0; i < n; i++) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// Parses `text` (already cut at its first NUL, at most 255 bytes). Returns false with ValueError set.
[[gnu::noinline]] bool parse_text_float(std::string_view text, double* out) {
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (ascii_ieq(body, "inf") || ascii_ieq(body, "infinity")) {
    *out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (ascii_ieq(body, "nan")) {
    *out = std::copysign(std::numeric_limits<double>::quiet_NaN(), negative ? -1.0 : 1.0);
    return true;
  }
  // digits [. digits] with at least one digit, then an optional exponent e[+-]digits.
  size_t i = 0;
  size_t mantissa_digits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') i++, mantissa_digits++;
  if (i < body.size() && body[i] == '.') {
    i++;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') i++, mantissa_digits++;
  }
  bool ok = mantissa_digits > 0;
  if (ok && i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    i++;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) i++;
    size_t exp_digits = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') i++, exp_digits++;
    ok = exp_digits > 0;
  }
  if (!ok || i != body.size()) {
    std::string_view shown = text.substr(0, 200);  // CPython formats with %.200s
    std::string quoted = utf8_replace(reinterpret_cast<const uint8_t*>(shown.data()), ssize(shown.size()));
    set_errorf(&exc_ValueError, "could not convert string to float: '{}'", quoted);
    return false;
  }
  // The text is now plain ASCII decimal; strtod rounds correctly and gives +-HUGE_VAL on overflow, like
  // PyOS_string_to_double without an overflow exception. The "C" locale keeps '.' the decimal point whatever
  // LC_NUMERIC says.
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", locale_t(0));
  std::string copy(text);
  *out = c_locale != locale_t(0) ? strtod_l(copy.c_str(), nullptr, c_locale) : std::strtod(copy.c_str(), nullptr);
  return true;
}

double double_from_le(const uint8_t* p) {
  uint64_t bits = 0;
  for (int i = 7; i >= 0; i--) bits = (bits << 8) | p[i];
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

// ---------------------------------------------------------------------------------------------------------------
// The reader: CPython's RFILE for an in-memory buffer.

class Reader {
 public:
  Reader(const uint8_t* data, size_t len) : p_(data), end_(data + len) {}
  ~Reader() {
    for (Object* o : refs_) xdecref(o);
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // CPython's r_object: a new reference, or null either with an exception set or, for a NULL object ('0'),
  // without one. The callers turn an unexpected NULL into the TypeError CPython raises.
  Object* read_object();

 private:
  size_t left() const { return size_t(end_ - p_); }

  // r_byte for a length byte inside an object: EOFError when the data ends.
  bool read_len_byte(int* out) {
    if (p_ == end_) {
      set_error(&exc_EOFError, "EOF read where not expected");
      return false;
    }
    *out = *p_++;
    return true;
  }
  // r_string: n bytes or EOFError("marshal data too short"). Never moves past the end.
  bool read_bytes(size_t n, const uint8_t** out) {
    if (left() < n) {
      set_error(&exc_EOFError, "marshal data too short");
      return false;
    }
    *out = p_;
    p_ += n;
    return true;
  }
  // r_long: a little-endian signed 32-bit integer.
  bool read_i32(int32_t* out) {
    const uint8_t* b;
    if (!read_bytes(4, &b)) return false;
    *out = int32_t(uint32_t(b[0]) | (uint32_t(b[1]) << 8) | (uint32_t(b[2]) << 16) | (uint32_t(b[3]) << 24));
    return true;
  }
  // A 32-bit size field; a negative one raises ValueError("bad marshal data (<what> size out of range)").
  bool read_size(const char* what, int32_t* out) {
    if (!read_i32(out)) return false;
    if (*out < 0) {
      set_errorf(&exc_ValueError, "bad marshal data ({} size out of range)", what);
      return false;
    }
    return true;
  }

  // The reference list. A reserved slot holds null until its object is complete; 'r' to it is an error, so a
  // back-reference can never see a half-built immutable object.
  bool reserve_ref(bool flag, size_t* idx) {
    if (!flag) return true;
    if (refs_.size() >= kMaxRefs) {
      set_error(&exc_ValueError, "bad marshal data (index list too large)");
      return false;
    }
    *idx = refs_.size();
    refs_.push_back(nullptr);
    return true;
  }
  void fill_ref(bool flag, size_t idx, Object* o) {
    if (flag) refs_[idx] = newref(o);
  }
  // Registers a finished object (or, for mutable containers, one about to be filled). Returns `o`, or null after
  // dropping it on failure.
  Object* add_ref(bool flag, Object* o) {
    size_t idx = 0;
    if (o == nullptr || !flag) return o;
    if (!reserve_ref(true, &idx)) {
      decref(o);
      return nullptr;
    }
    fill_ref(true, idx, o);
    return o;
  }

  Object* read_ref();
  Object* read_long();
  Object* read_text_float_object(bool complex);
  Object* read_bytes_object();
  Object* read_latin1(int type, ssize n);
  Object* read_unicode(bool interned);
  Object* read_tuple(bool flag, ssize n);
  Object* read_list(bool flag);
  Object* read_dict(bool flag);
  Object* read_set(bool flag, bool frozen);
  Object* read_code(bool flag);

  const uint8_t* p_;
  const uint8_t* end_;
  int depth_ = 0;
  std::vector<Object*> refs_;  // owned references; null marks a reserved slot
};

Object* Reader::read_object() {
  if (p_ == end_) return set_error(&exc_EOFError, "EOF read where object expected");
  const int code = *p_++;
  if (depth_ >= kMaxDepth) return set_error(&exc_ValueError, "recursion limit exceeded");
  struct DepthGuard {
    int& d;
    explicit DepthGuard(int& depth) : d(depth) { d++; }
    ~DepthGuard() { d--; }
  } guard(depth_);

  const bool flag = (code & kFlagRef) != 0;
  const int type = code & ~kFlagRef;
  switch (type) {
    // The singletons are never entered in the reference list, even with FLAG_REF (as in CPython).
    case kTypeNull:
      return nullptr;
    case kTypeNone:
      return newref(none());
    case kTypeFalse:
      return newref(false_());
    case kTypeTrue:
      return newref(true_());
    case kTypeStopIter:
      return newref(reinterpret_cast<Object*>(&exc_StopIteration));
    case kTypeEllipsis:
      return newref(ellipsis());

    case kTypeInt: {
      int32_t v;
      if (!read_i32(&v)) return nullptr;
      return add_ref(flag, int_from_i64(v));
    }
    case kTypeInt64: {
      const uint8_t* b;
      if (!read_bytes(8, &b)) return nullptr;
      uint64_t v = 0;
      for (int i = 7; i >= 0; i--) v = (v << 8) | b[i];
      return add_ref(flag, int_from_i64(int64_t(v)));
    }
    case kTypeLong:
      return add_ref(flag, read_long());

    case kTypeFloat:
      return add_ref(flag, read_text_float_object(/*complex=*/false));
    case kTypeComplex:
      return add_ref(flag, read_text_float_object(/*complex=*/true));
    case kTypeBinaryFloat: {
      const uint8_t* b;
      if (!read_bytes(8, &b)) return nullptr;
      return add_ref(flag, float_from_double(double_from_le(b)));
    }
    case kTypeBinaryComplex: {
      const uint8_t* b;
      if (!read_bytes(16, &b)) return nullptr;
      return add_ref(flag, complex_from_doubles(double_from_le(b), double_from_le(b + 8)));
    }

    case kTypeString:
      return add_ref(flag, read_bytes_object());
    case kTypeAscii:
    case kTypeAsciiInterned: {
      int32_t n;
      if (!read_size("string", &n)) return nullptr;
      return add_ref(flag, read_latin1(type, n));
    }
    case kTypeShortAscii:
    case kTypeShortAsciiInterned: {
      int n;
      if (!read_len_byte(&n)) return nullptr;
      return add_ref(flag, read_latin1(type, n));
    }
    case kTypeUnicode:
    case kTypeInterned:
      return add_ref(flag, read_unicode(type == kTypeInterned));

    case kTypeSmallTuple: {
      int n;
      if (!read_len_byte(&n)) return nullptr;
      return read_tuple(flag, n);
    }
    case kTypeTuple: {
      int32_t n;
      if (!read_size("tuple", &n)) return nullptr;
      return read_tuple(flag, n);
    }
    case kTypeList:
      return read_list(flag);
    case kTypeDict:
      return read_dict(flag);
    case kTypeSet:
    case kTypeFrozenSet:
      return read_set(flag, type == kTypeFrozenSet);
    case kTypeCode:
      return read_code(flag);
    case kTypeRef:
      return read_ref();  // FLAG_REF on a reference is ignored, as in CPython
    default:
      return set_error(&exc_ValueError, "bad marshal data (unknown type code)");
  }
}

Object* Reader::read_ref() {
  int32_t n;
  if (!read_i32(&n)) return nullptr;
  if (n < 0 || size_t(n) >= refs_.size() || refs_[size_t(n)] == nullptr) {
    return set_error(&exc_ValueError, "bad marshal data (invalid reference)");
  }
  return newref(refs_[size_t(n)]);
}

// 'l': a sign-magnitude integer of 15-bit digits; the size's sign is the number's sign.
Object* Reader::read_long() {
  int32_t n;
  if (!read_i32(&n)) return nullptr;
  if (n == 0) return int_from_i64(0);
  if (n == std::numeric_limits<int32_t>::min()) {
    return set_error(&exc_ValueError, "bad marshal data (long size out of range)");
  }
  const size_t count = size_t(n < 0 ? -int64_t(n) : int64_t(n));
  // CPython validates the digits one by one as it reads them, so a bad digit is reported before a short read.
  // Digits are stored only when they are all present, so a huge size in a short input allocates nothing.
  const bool complete = left() / 2 >= count;
  std::vector<digit> digits;
  if (complete) digits.assign((count + 1) / 2, 0);
  for (size_t k = 0; k < count; k++) {
    const uint8_t* b;
    if (!read_bytes(2, &b)) return nullptr;
    const int md = int(b[0]) | (int(b[1]) << 8);
    if (md > kMarshalMask) return set_error(&exc_ValueError, "bad marshal data (digit out of range in long)");
    if (md == 0 && k == count - 1) {
      return set_error(&exc_ValueError, "bad marshal data (unnormalized long data)");
    }
    if (complete) digits[k / 2] |= digit(md) << ((k % 2) * kMarshalShift);
  }
  return int_from_digits(n < 0, digits.data(), ssize(digits.size()));
}

Object* Reader::read_text_float_object(bool complex) {
  double parts[2] = {0.0, 0.0};
  for (int i = 0; i < (complex ? 2 : 1); i++) {
    int n;
    const uint8_t* b;
    if (!read_len_byte(&n) || !read_bytes(size_t(n), &b)) return nullptr;
    std::string_view text(reinterpret_cast<const char*>(b), size_t(n));
    text = text.substr(0, text.find('\0'));  // CPython copies into a C string
    if (!parse_text_float(text, &parts[i])) return nullptr;
  }
  return complex ? complex_from_doubles(parts[0], parts[1]) : float_from_double(parts[0]);
}

Object* Reader::read_bytes_object() {
  int32_t n;
  if (!read_size("bytes object", &n)) return nullptr;
  const uint8_t* b;
  if (!read_bytes(size_t(n), &b)) return nullptr;  // checked before anything is allocated
  return bytes_from(reinterpret_cast<const char*>(b), n);
}

// 'a', 'A', 'z', 'Z': one byte per character. CPython does not check that the bytes are ASCII; it builds a
// 1-byte-kind string, i.e. decodes Latin-1, so we do the same.
Object* Reader::read_latin1(int type, ssize n) {
  const uint8_t* b;
  if (!read_bytes(size_t(n), &b)) return nullptr;
  Object* s = str_from_latin1(b, n);
  if (s == nullptr) return nullptr;
  if (type == kTypeAsciiInterned || type == kTypeShortAsciiInterned) return str_intern(s);
  return s;
}

Object* Reader::read_unicode(bool interned) {
  int32_t n;
  if (!read_size("string", &n)) return nullptr;
  Object* s;
  if (n == 0) {
    s = newref(str_empty());
  } else {
    const uint8_t* b;
    if (!read_bytes(size_t(n), &b)) return nullptr;
    s = str_from_utf8_surrogatepass(b, n);
    if (s == nullptr) return nullptr;
  }
  return interned ? str_intern(s) : s;
}

// Tuples are immutable, so their reference slot is reserved first and filled once the tuple is complete (CPython
// registers the half-built tuple instead; a back-reference into it is "invalid reference" here, which is safer:
// a tuple can never contain itself). The items are collected before the tuple is allocated: each item takes at
// least one byte, so a size field larger than the input fails on a short read without a huge allocation.
Object* Reader::read_tuple(bool flag, ssize n) {
  size_t idx = 0;
  if (!reserve_ref(flag, &idx)) return nullptr;
  if (n == 0) {
    Object* t = newref(tuple_empty());
    fill_ref(flag, idx, t);
    return t;
  }
  std::vector<ORef> items;
  items.reserve(std::min(size_t(n), left()));
  for (ssize i = 0; i < n; i++) {
    Object* item = read_object();
    if (item == nullptr) {
      if (!error_occurred()) set_error(&exc_TypeError, "NULL object in marshal data for tuple");
      return nullptr;
    }
    items.push_back(steal(item));
  }
  Object* t = tuple_new(n);
  if (t == nullptr) return nullptr;
  for (ssize i = 0; i < n; i++) tuple_set(t, i, items[size_t(i)].release());
  fill_ref(flag, idx, t);
  return t;
}

// Lists, dicts and sets are registered before their contents are read, as in CPython, so that a list can
// contain itself. They grow item by item (no allocation from the size field), and a back-reference always sees
// a consistent container.
Object* Reader::read_list(bool flag) {
  int32_t n;
  if (!read_size("list", &n)) return nullptr;
  ORef list = steal(add_ref(flag, list_new(0)));
  if (!list) return nullptr;
  for (int32_t i = 0; i < n; i++) {
    ORef item = steal(read_object());
    if (!item) {
      if (!error_occurred()) set_error(&exc_TypeError, "NULL object in marshal data for list");
      return nullptr;
    }
    if (list_append(list.get(), item.get()) < 0) return nullptr;
  }
  return list.release();
}

// Key/value pairs until a NULL object. A NULL value also ends the dict quietly (CPython does the same).
Object* Reader::read_dict(bool flag) {
  ORef dict = steal(add_ref(flag, dict_new()));
  if (!dict) return nullptr;
  for (;;) {
    ORef key = steal(read_object());
    if (!key) break;
    ORef value = steal(read_object());
    if (!value) break;
    if (dict_set(dict.get(), key.get(), value.get()) < 0) break;  // unhashable key: TypeError
  }
  if (error_occurred()) return nullptr;
  return dict.release();
}

Object* Reader::read_set(bool flag, bool frozen) {
  int32_t n;
  if (!read_size("set", &n)) return nullptr;
  if (frozen && n == 0) return add_ref(flag, frozenset_new(nullptr));  // the empty frozenset singleton
  size_t idx = 0;
  ORef set;
  if (frozen) {
    // A frozenset is immutable once published: reserve its slot, add the items to the fresh (unshared) object,
    // then fill the slot. Adding them one by one, as CPython does, gives CPython's table layout and so its
    // iteration order (copying a scratch set would lay the table out again).
    if (!reserve_ref(flag, &idx)) return nullptr;
    set = steal(frozenset_new(nullptr));
  } else {
    set = steal(add_ref(flag, set_new(nullptr)));
  }
  if (!set) return nullptr;
  for (int32_t i = 0; i < n; i++) {
    ORef item = steal(read_object());
    if (!item) {
      if (!error_occurred()) set_error(&exc_TypeError, "NULL object in marshal data for set");
      return nullptr;
    }
    if (set_add(set.get(), item.get()) < 0) return nullptr;  // unhashable item: TypeError
  }
  if (frozen) fill_ref(flag, idx, set.get());
  return set.release();
}

// 'c': a code object in CPython 3.13's field order. Kept out of read_object so that the recursive frame stays
// small. code_new validates the fields' types and shapes.
[[gnu::noinline]] Object* Reader::read_code(bool flag) {
  size_t idx = 0;
  if (!reserve_ref(flag, &idx)) return nullptr;
  int32_t argcount, posonlyargcount, kwonlyargcount, stacksize, flags, firstlineno;
  if (!read_i32(&argcount) || !read_i32(&posonlyargcount) || !read_i32(&kwonlyargcount) || !read_i32(&stacksize) ||
      !read_i32(&flags)) {
    return nullptr;
  }
  // A NULL object in any field propagates as NULL without an error, as in CPython.
  ORef code = steal(read_object());
  if (!code) return nullptr;
  ORef consts = steal(read_object());
  if (!consts) return nullptr;
  ORef names = steal(read_object());
  if (!names) return nullptr;
  ORef localsplusnames = steal(read_object());
  if (!localsplusnames) return nullptr;
  ORef localspluskinds = steal(read_object());
  if (!localspluskinds) return nullptr;
  ORef filename = steal(read_object());
  if (!filename) return nullptr;
  ORef name = steal(read_object());
  if (!name) return nullptr;
  ORef qualname = steal(read_object());
  if (!qualname) return nullptr;
  if (!read_i32(&firstlineno)) return nullptr;
  ORef linetable = steal(read_object());
  if (!linetable) return nullptr;
  ORef exceptiontable = steal(read_object());
  if (!exceptiontable) return nullptr;
  Object* co = code_new(argcount, posonlyargcount, kwonlyargcount, stacksize, flags, code.get(), consts.get(),
                        names.get(), localsplusnames.get(), localspluskinds.get(), filename.get(), name.get(),
                        qualname.get(), firstlineno, linetable.get(), exceptiontable.get());
  if (co == nullptr) return nullptr;
  fill_ref(flag, idx, co);
  return co;
}

// ---------------------------------------------------------------------------------------------------------------
// Files.

// Python's repr() of a path, for OSError messages. Bytes that are not UTF-8 appear as \udcXX escapes, as the
// filesystem encoding's "surrogateescape" handler would show them.
std::string path_repr(const char* path) {
  const ssize n = ssize(std::strlen(path));
  if (Object* s = str_from_utf8(path, n)) {
    ORef owned = steal(s);
    if (ORef r = steal(str_repr(s))) {
      std::string_view v = str_view(r.get());
      if (!v.empty()) return std::string(v);
    }
  }
  error_clear();
  const uint8_t* b = reinterpret_cast<const uint8_t*>(path);
  std::string out = "'";
  for (ssize i = 0; i < n;) {
    uint32_t cp;
    Utf8Error err;
    int k = utf8_next(b, n, i, /*surrogatepass=*/false, &cp, &err);
    if (k == 0) {
      out += fmt::format("\\udc{:02x}", b[i]);
      i++;
    } else if (cp == '\\' || cp == '\'') {
      out += '\\';
      out += char(cp);
      i++;
    } else if (cp == '\t' || cp == '\n' || cp == '\r') {
      out += cp == '\t' ? "\\t" : cp == '\n' ? "\\n" : "\\r";
      i++;
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02x}", cp);
      i++;
    } else {
      out.append(reinterpret_cast<const char*>(b + i), size_t(k));
      i += k;
    }
  }
  out += "'";
  return out;
}

std::nullptr_t set_os_error(int err, const char* path) {
  Type* type = &exc_OSError;
  switch (err) {
    case ENOENT:
      type = &exc_FileNotFoundError;
      break;
    case EACCES:
    case EPERM:
      type = &exc_PermissionError;
      break;
    case EISDIR:
      type = &exc_IsADirectoryError;
      break;
    case ENOTDIR:
      type = &exc_NotADirectoryError;
      break;
    case EINTR:
      type = &exc_InterruptedError;
      break;
    default:
      break;
  }
  return set_errorf(type, "[Errno {}] {}: {}", err, std::strerror(err), path_repr(path));
}

}  // namespace

Object* marshal_loads(const uint8_t* data, size_t len) {
  if (error_occurred()) return nullptr;  // as CPython's read_object: never start with an exception pending
  Reader reader(data, len);
  Object* result = reader.read_object();
  if (result == nullptr && !error_occurred()) {
    set_error(&exc_TypeError, "NULL object in marshal data for object");
  }
  return result;
}

// The header checks follow CPython's run_pyc_file (what `python3.13 file.pyc` reports): a short header is an
// EOFError, a wrong magic number a RuntimeError, and any failure to unmarshal a code object replaces the marshal
// error with "Bad code object in .pyc file". The flags word is not checked (neither does run_pyc_file): the header
// is 16 bytes whether the .pyc is timestamp- or hash-based.
Object* load_pyc_bytes(const uint8_t* data, size_t len) {
  if (len < 4) return set_error(&exc_EOFError, "EOF read where not expected");
  const uint8_t magic[4] = {uint8_t(kPycMagic & 0xFF), uint8_t(kPycMagic >> 8), '\r', '\n'};
  if (std::memcmp(data, magic, 4) != 0) return set_error(&exc_RuntimeError, "Bad magic number in .pyc file");
  if (len < 16) return set_error(&exc_EOFError, "EOF read where not expected");
  Object* co = marshal_loads(data + 16, len - 16);
  if (co == nullptr || !type_check_exact(co, &code_type)) {
    xdecref(co);
    error_clear();
    return set_error(&exc_RuntimeError, "Bad code object in .pyc file");
  }
  return co;
}

Object* load_pyc_file(const char* path) {
  FILE* f = std::fopen(path, "rb");
  if (f == nullptr) return set_os_error(errno, path);
  struct FileCloser {
    FILE* f;
    ~FileCloser() { std::fclose(f); }
  } closer{f};
  struct stat st;
  if (fstat(fileno(f), &st) != 0) return set_os_error(errno, path);
  if (S_ISDIR(st.st_mode)) return set_os_error(EISDIR, path);
  // Read to the end rather than trusting st_size, which is 0 for pipes and may change underneath us.
  constexpr size_t kChunk = 65536;
  std::vector<uint8_t> buf;
  if (S_ISREG(st.st_mode) && st.st_size > 0) buf.reserve(size_t(st.st_size) + 1);
  size_t used = 0;
  for (;;) {
    buf.resize(used + kChunk);
    size_t got = std::fread(buf.data() + used, 1, kChunk, f);
    used += got;
    if (got < kChunk) break;
  }
  buf.resize(used);
  if (std::ferror(f)) return set_os_error(errno != 0 ? errno : EIO, path);
  return load_pyc_bytes(buf.data(), buf.size());
}

}  // namespace pyvm
