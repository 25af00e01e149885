// Internals shared by float.cc and complex.cc: the pieces of CPython's float text parsing.
#pragma once

#include <string>
#include <string_view>

#include "objects/object.h"

namespace pyvm {

// Parses an optional sign and 'inf', 'infinity' or 'nan' (any case) at s; returns s when there is none.
const char* parse_inf_or_nan(const char* s, const char* end, double* out);
// Parses the longest float literal prefix of [s, end) (sign, digits with optional point and exponent, or
// inf/nan) like PyOS_string_to_double without an overflow exception (overflow gives +-inf). Returns the end of
// what was consumed, s when nothing was.
const char* parse_double_prefix(const char* s, const char* end, double* out);
// Removes underscores that sit between digits; false when one is misplaced or the text holds a NUL.
bool strip_number_underscores(std::string_view s, std::string* out);

}  // namespace pyvm
