// str: PEP 393 compact strings (ASCII, Latin-1, UCS-2, UCS-4 kinds) in CPython 3.13's layout.
#pragma once

#include <string>
#include <string_view>

#include "objects/object.h"

namespace pyvm {

// Construction. Invalid UTF-8 raises UnicodeDecodeError ("'utf-8' codec can't decode byte ...").
[[nodiscard]] Object* str_from_utf8(const char* s, ssize len);
inline Object* str_from_utf8(std::string_view s) { return str_from_utf8(s.data(), ssize(s.size())); }
[[nodiscard]] Object* str_from_latin1(const uint8_t* s, ssize len);
[[nodiscard]] Object* str_from_ucs4(const uint32_t* s, ssize len);  // picks the narrowest kind
// Allocates an uninitialised compact string of `len` code points whose maximum is `maxchar`.
[[nodiscard]] Object* str_new(ssize len, uint32_t maxchar);
// Accessors.
inline ssize str_length(const Object* o) { return reinterpret_cast<const PyASCIIObject*>(o)->length; }
inline int str_kind(const Object* o) { return reinterpret_cast<const PyASCIIObject*>(o)->state.kind; }
inline bool str_is_ascii(const Object* o) { return reinterpret_cast<const PyASCIIObject*>(o)->state.ascii; }
void* str_data(Object* o);  // the code units (kind-sized) of a compact string
uint32_t str_char_at(Object* o, ssize i);
// UTF-8 view (cached on the object for non-ASCII strings; valid while `o` lives). Null with an error for
// strings holding lone surrogates.
const char* str_utf8(Object* o, ssize* len = nullptr);
inline std::string_view str_view(Object* o) {
  ssize n = 0;
  const char* p = str_utf8(o, &n);
  return p ? std::string_view(p, size_t(n)) : std::string_view();
}

hash_t str_hash_compute(Object* o);  // the first str_hash of an object
inline hash_t str_hash(Object* o) {  // cached in the object
  hash_t h = __atomic_load_n(&reinterpret_cast<PyASCIIObject*>(o)->hash, __ATOMIC_RELAXED);
  return h != -1 ? h : str_hash_compute(o);
}
bool str_equal(Object* a, Object* b);  // both str; compares contents
int str_compare(Object* a, Object* b);  // code-point order: -1/0/1
[[nodiscard]] Object* str_concat(Object* a, Object* b);
[[nodiscard]] Object* str_join(Object* sep, Object* iterable);
[[nodiscard]] Object* str_substring(Object* s, ssize start, ssize end);
// The repr of a string with CPython's quote choice and escapes.
[[nodiscard]] Object* str_repr(Object* s);
// format(value, spec) helpers used by format(), f-strings and str.format.
[[nodiscard]] Object* str_format_spec(Object* s, Object* spec);   // str.__format__
[[nodiscard]] Object* format_object(Object* value, Object* spec);  // builtin format(); spec may be null

// Interning: returns the unique immortal instance equal to `s` (steals `s`).
[[nodiscard]] Object* str_intern(Object* s);
// An interned, immortal string for a C literal (cached; cheap after the first call for the same text). Any
// NUL-terminated UTF-8 text is accepted: the cache is keyed by address but checks the contents.
Object* str_interned(const char* s);
inline bool str_is_interned(const Object* o) { return reinterpret_cast<const PyASCIIObject*>(o)->state.interned; }

// One-character strings: the Latin-1 ones are immortal singletons.
Object* str_from_char(uint32_t ch);
Object* str_empty();

}  // namespace pyvm

// ---- Added by the str implementation (str.cc, str_codecs.cc, str_ctype.cc, str_methods.cc, str_format.cc,
// strings.cc). ----
namespace pyvm {

// The iterator types of str (CPython names them str_ascii_iterator and str_iterator). They are not in
// PYVM_BUILTIN_TYPES, so init_types() must call str_types_init() after readying the built-in types.
extern Type str_ascii_iterator_type;
extern Type str_iterator_type;
[[nodiscard]] int str_types_init();  // readies the str and bytes helper types; -1 with an error set

// A borrowed view of a string's code units; valid while the string lives.
struct StrChars {
  int kind;
  const void* data;
  ssize len;
  explicit StrChars(Object* s) : kind(str_kind(s)), data(str_data(s)), len(str_length(s)) {}
  StrChars(int k, const void* d, ssize n) : kind(k), data(d), len(n) {}
  uint32_t operator[](ssize i) const {
    switch (kind) {
      case 1:
        return static_cast<const uint8_t*>(data)[i];
      case 2:
        return static_cast<const uint16_t*>(data)[i];
      default:
        return static_cast<const uint32_t*>(data)[i];
    }
  }
};

// Accumulates code points; finish() builds the narrowest compact string (str_from_ucs4 finds the maximum).
class StrBuilder {
 public:
  void reserve(ssize n) { buf_.reserve(size_t(n)); }
  void put(uint32_t ch) { buf_.push_back(ch); }
  void put_ascii(std::string_view s) {
    for (char c : s) buf_.push_back(uint8_t(c));
  }
  void put_str(Object* s) { put_range(s, 0, str_length(s)); }
  void put_range(Object* s, ssize start, ssize end) {
    StrChars c(s);
    for (ssize i = start; i < end; i++) put(c[i]);
  }
  void put_fill(uint32_t ch, ssize n) {
    for (ssize i = 0; i < n; i++) put(ch);
  }
  ssize size() const { return ssize(buf_.size()); }
  void truncate(ssize n) { buf_.resize(size_t(n)); }
  const std::u32string& chars() const { return buf_; }
  [[nodiscard]] Object* finish() { return str_from_ucs4(reinterpret_cast<const uint32_t*>(buf_.data()), size()); }

 private:
  std::u32string buf_;
};

// Builds a compact string from code units of the given kind, picking the narrowest kind (canonical form).
[[nodiscard]] Object* str_from_kind(int kind, const void* data, ssize len);
// A copy of `s` (any str) allocated in the immortal region; used for interning.
[[nodiscard]] Object* str_copy_immortal(Object* s);
// Searches `sub` in s[start:end] (bounds already clamped to 0..len): the index, or -1. direction > 0 finds the
// first occurrence, otherwise the last (PyUnicode_Find). str_count counts non-overlapping occurrences.
ssize str_find(Object* s, Object* sub, ssize start, ssize end, int direction);
ssize str_count(Object* s, Object* sub, ssize start, ssize end);
// ascii(o): repr(o) with every non-ASCII character escaped.
[[nodiscard]] Object* str_ascii(Object* o);
// str(o) for tp_new and the str() builtin, honouring subclasses of str (exact str result).
[[nodiscard]] Object* str_from_object(Object* o);

// Codecs: only utf-8, ascii and latin-1 (and their aliases) for now; other names raise LookupError
// "unknown encoding: X". Error handlers: strict, ignore, replace, backslashreplace, surrogateescape,
// surrogatepass (utf-8), xmlcharrefreplace (encode only). Null encoding/errors mean utf-8/strict.
[[nodiscard]] Object* str_decode(const char* data, ssize len, const char* encoding, const char* errors);
[[nodiscard]] Object* str_encode(Object* s, const char* encoding, const char* errors);  // returns bytes

// `fmt % args` (printf-style formatting) for str; the nb_remainder slot of str.
[[nodiscard]] Object* str_percent_format(Object* fmt, Object* args);
// str.format(*args, **kwargs): args is a tuple (or null), kwargs a mapping (or null).
[[nodiscard]] Object* str_format_call(Object* fmt, Object* args, Object* kwargs);

// The standard format-spec mini-language ([[fill]align][sign][z][#][0][width][grouping][.precision][type]).
struct FormatSpec {
  uint32_t fill = ' ';
  uint32_t align = 0;  // '<', '>', '=', '^'
  uint32_t sign = 0;   // '+', '-', ' ' or 0
  bool no_neg_0 = false;
  bool alternate = false;
  ssize width = -1;
  uint32_t grouping = 0;  // ',' or '_' or 0
  ssize precision = -1;
  uint32_t type = 0;
};
// Parses spec[start:end] for an object `obj` (used in error messages), as CPython's
// parse_internal_render_format_spec. Returns false with ValueError set.
[[nodiscard]] bool parse_format_spec(Object* obj, Object* spec, ssize start, ssize end, uint32_t default_type,
                                     uint32_t default_align, FormatSpec* out);

// Character properties (str_ctype.cc), from tables generated at build time from Debian's unicode-data by
// tools/gen_unicode.py: exact for every code point of Unicode 15.0 (CPython 3.13 uses 15.1; the generator lists the
// difference). Each predicate is the per-character test of the str method of the same name.
const char* unicode_data_version();  // "15.0.0"
bool uchar_isspace(uint32_t ch);
bool uchar_isprintable(uint32_t ch);
bool uchar_isalpha(uint32_t ch);
bool uchar_isdecimal(uint32_t ch);
bool uchar_isdigit(uint32_t ch);
bool uchar_isnumeric(uint32_t ch);
bool uchar_islower(uint32_t ch);  // the Lowercase property
bool uchar_isupper(uint32_t ch);  // the Uppercase property
bool uchar_istitle(uint32_t ch);  // category Lt
bool uchar_iscased(uint32_t ch);
bool uchar_is_case_ignorable(uint32_t ch);
bool uchar_islinebreak(uint32_t ch);  // a str.splitlines() boundary
int uchar_decimal(uint32_t ch);       // decimal digit value or -1
int uchar_digit(uint32_t ch);         // digit value (decimal digits, superscripts, circled digits ...) or -1
// The numeric value (unicodedata.numeric()); false when the character has none.
bool uchar_numeric_value(uint32_t ch, double* value);
bool uchar_is_xid_start(uint32_t ch);
bool uchar_is_xid_continue(uint32_t ch);
// Simple (one code point) case mappings, from UnicodeData.txt and the C/S rows of CaseFolding.txt.
uint32_t uchar_to_lower_simple(uint32_t ch);
uint32_t uchar_to_upper_simple(uint32_t ch);
uint32_t uchar_to_fold_simple(uint32_t ch);
// Full case mappings (up to 3 code points written to out); return the count. Lower does not apply Final_Sigma:
// str.lower() does that itself.
int uchar_to_lower_full(uint32_t ch, uint32_t* out);
int uchar_to_upper_full(uint32_t ch, uint32_t* out);
int uchar_to_title_full(uint32_t ch, uint32_t* out);
int uchar_to_fold_full(uint32_t ch, uint32_t* out);

}  // namespace pyvm
