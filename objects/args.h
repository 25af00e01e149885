// Argument parsing for built-in functions written in the METH_FASTCALL | METH_KEYWORDS convention.
#pragma once

#include <initializer_list>

#include "objects/object.h"

namespace pyvm {

// Matches positional and keyword arguments to `names` (in order). out[i] receives a borrowed reference, or stays
// null when the argument was not given. The first `required` names must be given. Names after `max_positional`
// are keyword-only (pass -1 for "all may be positional"). A name starting with '$' is keyword-only too and the
// '$' is not part of the name; a name starting with '/' is positional-only (as are all names before it). Raises
// CPython-style TypeErrors naming `fname`. Returns false on error.
[[nodiscard]] bool parse_args(const char* fname, Object* const* args, ssize nargs, Object* kwnames,
                              std::initializer_list<const char*> names, int required, Object** out,
                              int max_positional = -1);
// Checks a positional-only call: min <= nargs <= max and no keywords.
[[nodiscard]] bool check_positional(const char* fname, ssize nargs, Object* kwnames, ssize min, ssize max);
[[nodiscard]] bool no_keywords(const char* fname, Object* kwnames);

}  // namespace pyvm
