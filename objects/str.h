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

hash_t str_hash(Object* o);  // cached in the object
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
// An interned, immortal string for a C literal (cached; cheap after the first call for the same text).
Object* str_interned(const char* s);
inline bool str_is_interned(const Object* o) { return reinterpret_cast<const PyASCIIObject*>(o)->state.interned; }

// One-character strings: the Latin-1 ones are immortal singletons.
Object* str_from_char(uint32_t ch);
Object* str_empty();

}  // namespace pyvm
