// Keyword/positional argument matching for built-in functions, with CPython's error messages.
#include "objects/args.h"

#include <cstring>
#include <string>
#include <vector>

#include "objects/errors.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace pyvm {

bool parse_args(const char* fname, Object* const* args, ssize nargs, Object* kwnames,
                std::initializer_list<const char*> names, int required, Object** out, int max_positional) {
  std::vector<std::string_view> nm;
  int kwonly_from = int(names.size());
  int idx = 0;
  for (const char* n : names) {
    if (n[0] == '$') {
      if (kwonly_from > idx) kwonly_from = idx;
      nm.emplace_back(n + 1);
    } else {
      nm.emplace_back(n);
    }
    idx++;
  }
  if (max_positional >= 0 && max_positional < kwonly_from) kwonly_from = max_positional;
  int total = int(names.size());
  for (int i = 0; i < total; i++) out[i] = nullptr;
  ssize given = nargs + (kwnames ? tuple_size(kwnames) : 0);
  if (given > total) {
    // More arguments than parameters at all: CPython counts them together ("keyword " when none is positional).
    set_errorf(&exc_TypeError, "{}() takes at most {} {}argument{} ({} given)", fname, total,
               nargs == 0 ? "keyword " : "", total == 1 ? "" : "s", given);
    return false;
  }
  if (nargs > kwonly_from) {
    if (kwonly_from == 0)
      set_errorf(&exc_TypeError, "{}() takes no positional arguments", fname);
    else if (required == kwonly_from)
      set_errorf(&exc_TypeError, "{}() takes exactly {} positional argument{} ({} given)", fname, kwonly_from,
                 kwonly_from == 1 ? "" : "s", nargs);
    else
      set_errorf(&exc_TypeError, "{}() takes at most {} positional argument{} ({} given)", fname, kwonly_from,
                 kwonly_from == 1 ? "" : "s", nargs);
    return false;
  }
  for (ssize i = 0; i < nargs; i++) out[i] = args[i];
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  for (ssize k = 0; k < nkw; k++) {
    std::string_view key = str_view(tuple_get(kwnames, k));
    int found = -1;
    for (int i = 0; i < total; i++)
      if (nm[size_t(i)] == key) {
        found = i;
        break;
      }
    if (found < 0) {
      set_errorf(&exc_TypeError, "{}() got an unexpected keyword argument '{}'", fname, key);
      return false;
    }
    if (out[found]) {
      set_errorf(&exc_TypeError, "argument for {}() given by name ('{}') and position ({})", fname, key, found + 1);
      return false;
    }
    out[found] = args[nargs + k];
  }
  for (int i = 0; i < required; i++) {
    if (!out[i]) {
      if (i < kwonly_from)
        set_errorf(&exc_TypeError, "{}() missing required argument '{}' (pos {})", fname, nm[size_t(i)], i + 1);
      else
        set_errorf(&exc_TypeError, "{}() missing required keyword-only argument '{}'", fname, nm[size_t(i)]);
      return false;
    }
  }
  return true;
}

bool no_keywords(const char* fname, Object* kwnames) {
  if (kwnames && tuple_size(kwnames)) {
    set_errorf(&exc_TypeError, "{}() takes no keyword arguments", fname);
    return false;
  }
  return true;
}

bool check_positional(const char* fname, ssize nargs, Object* kwnames, ssize min, ssize max) {
  if (!no_keywords(fname, kwnames)) return false;
  if (nargs < min) {
    if (min == max)
      set_errorf(&exc_TypeError, "{} expected {} argument{}, got {}", fname, min, min == 1 ? "" : "s", nargs);
    else
      set_errorf(&exc_TypeError, "{} expected at least {} argument{}, got {}", fname, min, min == 1 ? "" : "s", nargs);
    return false;
  }
  if (nargs > max) {
    if (min == max)
      set_errorf(&exc_TypeError, "{} expected {} argument{}, got {}", fname, max, max == 1 ? "" : "s", nargs);
    else
      set_errorf(&exc_TypeError, "{} expected at most {} argument{}, got {}", fname, max, max == 1 ? "" : "s", nargs);
    return false;
  }
  return true;
}

}  // namespace pyvm
