// The Unicode facts the compiler needs: identifier characters, printability (for repr), UTF-8 coding and NFKC.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pyvm::compiler {

bool is_xid_start(uint32_t cp);     // what str.isidentifier() accepts first ('_' and letters)
bool is_xid_continue(uint32_t cp);  // what it accepts after the first character
bool is_printable(uint32_t cp);     // str.isprintable() for one character

// Decodes one code point from well-formed UTF-8 at `p` (the caller has validated the buffer); advances `p`.
// Also accepts encoded surrogates (our strings keep lone surrogates as 3-byte sequences, like CPython's
// "surrogatepass").
uint32_t utf8_next(const char*& p);

// Length in bytes of the sequence starting with byte `b` (1 for continuation or invalid bytes).
inline int utf8_len(unsigned char b) { return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; }

// Appends the encoding of `cp` (surrogates included) to `out`.
void utf8_append(std::string& out, uint32_t cp);

// Checks that `s` is valid UTF-8 (no surrogates, no overlong forms). Returns the byte offset of the first bad
// byte, or -1 if the whole buffer is valid.
long utf8_validate(std::string_view s);

// The first UTF-8 decoding error in `s`, as CPython's strict decoder reports it: false when `s` is valid, else
// *start/*end delimit the bad bytes and *reason is "invalid start byte", "invalid continuation byte" or
// "unexpected end of data".
bool utf8_first_error(std::string_view s, size_t* start, size_t* end, const char** reason);
// CPython's UnicodeDecodeError text for that error: "'utf-8' codec can't decode byte 0xff in position 0: ...".
std::string utf8_error_message(std::string_view s);
// `s` with each invalid sequence replaced by U+FFFD (CPython's "replace" error handler).
std::string utf8_replace_invalid(std::string_view s);

// Number of code points in a UTF-8 buffer, counting each invalid or truncated sequence as one replacement
// character, as CPython's "replace" error handler does.
long utf8_count_replace(std::string_view s);

// The high half (bytes 0x80..0xFF, 0xFFFF where undefined) of a single-byte codec from the generated table, by
// its normalised Python codec name ("cp1252", "koi8_r"); null when we do not have it.
const uint16_t* charmap_high(std::string_view codec);

// The code point of a Unicode character name or alias, as \N{...} accepts it (objects/unicodedata's lookup without
// named sequences); false when unknown.
bool unicode_lookup_name(std::string_view name, uint32_t* cp);

// The NFKC normal form of a UTF-8 string (for identifiers, as CPython normalises them), by objects/unicodedata.
std::string nfkc(std::string_view s);

}  // namespace pyvm::compiler
