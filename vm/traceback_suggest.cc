// The "Did you mean: 'x'?" hints that CPython 3.13's traceback printing adds to NameError, AttributeError and
// ImportError messages, with the same candidate lists and the same edit-distance rules as its _suggestions module.
#include "vm/traceback_suggest.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/function.h"
#include "vm/runtime.h"

namespace pyvm {
namespace {

constexpr size_t kMaxCandidates = 750;
constexpr size_t kMaxStringSize = 40;
constexpr size_t kMoveCost = 2;
constexpr size_t kCaseCost = 1;

// Same letter in another case costs less than any other substitution.
size_t substitution_cost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c; };
  return lower(a) == lower(b) ? kCaseCost : kMoveCost;
}

// Levenshtein distance over UTF-8 bytes with the costs above; anything over max_cost is reported as max_cost + 1.
size_t edit_distance(std::string_view a, std::string_view b, size_t max_cost) {
  if (a == b) return 0;
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxStringSize || b.size() > kMaxStringSize) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  // One row of the matrix, updated in place: row[i] is the cost of turning b[:j] into a[:i + 1].
  size_t row[kMaxStringSize];
  for (size_t i = 0; i < a.size(); i++) row[i] = (i + 1) * kMoveCost;
  size_t result = 0;
  for (size_t j = 0; j < b.size(); j++) {
    size_t distance = result = j * kMoveCost;
    size_t minimum = SIZE_MAX;
    for (size_t i = 0; i < a.size(); i++) {
      size_t substitute = distance + substitution_cost(b[j], a[i]);
      distance = row[i];
      size_t insert_delete = std::min(result, distance) + kMoveCost;
      result = std::min(insert_delete, substitute);
      row[i] = result;
      minimum = std::min(minimum, result);
    }
    if (minimum > max_cost) return max_cost + 1;
  }
  return result;
}

// The closest candidate: at most a third of the characters involved may change; the first of equals wins.
std::string closest(const std::vector<std::string>& candidates, std::string_view wrong) {
  if (candidates.size() >= kMaxCandidates) return {};
  const std::string* best = nullptr;
  int64_t best_distance = INT64_MAX;
  for (const std::string& c : candidates) {
    if (c == wrong) continue;  // the missing name itself is "found" (e.g. a failing property): never suggest it
    int64_t max_distance = int64_t((wrong.size() + c.size() + 3) * kMoveCost / 6);
    max_distance = std::min(max_distance, best_distance - 1);
    if (max_distance < 0) continue;
    int64_t d = int64_t(edit_distance(wrong, c, size_t(max_distance)));
    if (d > max_distance) continue;
    if (!best || d < best_distance) {
      best = &c;
      best_distance = d;
    }
  }
  return best ? *best : std::string();
}

// Appends the str items of a list (anything else makes the candidate list unusable, as in CPython).
bool add_names(Object* list, std::vector<std::string>* out) {
  for (ssize i = 0; i < list_size(list); i++) {
    Object* item = list_items(list)[i];
    if (!type_check(item, &str_type)) return false;
    out->emplace_back(str_view(item));
  }
  return true;
}
bool add_keys(Object* mapping, std::vector<std::string>* out) {
  ORef keys = steal(sequence_list(mapping));
  return keys && add_names(keys.get(), out);
}

Object* builtin(const char* name) {
  Object* v = nullptr;
  ORef key = steal(str_from_utf8(name));
  if (!key || dict_get(module_dict(builtins_module()), key.get(), &v) <= 0) return nullptr;
  return v;
}

// dir(o), optionally without the names starting with '_'.
bool dir_names(Object* o, bool hide_underscored, std::vector<std::string>* out) {
  ORef dir = steal(builtin("dir"));
  if (!dir) return false;
  ORef names = steal(call1(dir.get(), o));
  if (!names || !type_check(names.get(), &list_type)) return false;
  std::vector<std::string> all;
  if (!add_names(names.get(), &all)) return false;
  for (std::string& n : all)
    if (!hide_underscored || n.empty() || n[0] != '_') out->push_back(std::move(n));
  return true;
}

Object* last_frame(Object* tb) {
  if (!tb || !type_check(tb, &traceback_type)) return nullptr;
  while (reinterpret_cast<TracebackObject*>(tb)->tb_next) tb = reinterpret_cast<TracebackObject*>(tb)->tb_next;
  return reinterpret_cast<TracebackObject*>(tb)->tb_frame;
}

// frame.f_locals where frames provide it (new reference, or null).
Object* frame_locals(Object* frame) {
  Object* v = nullptr;
  ORef name = steal(str_from_utf8("f_locals"));
  if (!name || get_attr_optional(frame, name.get(), &v) <= 0) return nullptr;
  return v;
}

// Whether frame.f_locals['self'] is `obj` (false where frames do not expose their locals).
bool self_is(Object* frame, Object* obj) {
  ORef locals = steal(frame_locals(frame));
  if (!locals || !type_check(locals.get(), &dict_type)) return false;
  Object* self = nullptr;
  ORef key = steal(str_from_utf8("self"));
  if (!key || dict_get(locals.get(), key.get(), &self) <= 0) return false;
  decref(self);
  return self == obj;
}

// The names visible where a NameError happened: the frame's locals, then its globals, then its builtins. Frames
// that cannot list their locals contribute their code's local names instead.
bool name_candidates(Object* frame, std::vector<std::string>* out, std::string* self_hint, std::string_view wrong) {
  auto* fo = reinterpret_cast<FrameObject*>(frame);
  ORef locals = steal(frame_locals(frame));
  if (locals) {
    if (!add_keys(locals.get(), out)) return false;
    if (type_check(locals.get(), &dict_type)) {
      Object* self = nullptr;
      ORef key = steal(str_from_utf8("self"));
      if (key && dict_get(locals.get(), key.get(), &self) > 0) {
        ORef sr = steal(self);
        ORef attr = steal(str_from_utf8(wrong));
        Object* v = nullptr;
        if (attr && get_attr_optional(self, attr.get(), &v) > 0) {
          decref(v);
          *self_hint = "self." + std::string(wrong);
          return true;
        }
        error_clear();
      }
    }
  } else {
    error_clear();
    CodeObject* co = as_code(fo->f_code);
    if (co->flags & kCoOptimized) {
      for (ssize i = 0; i < tuple_size(co->localsplusnames); i++)
        out->emplace_back(str_view(tuple_get(co->localsplusnames, i)));
    } else if (!add_keys(fo->f_globals, out)) {  // module level: the locals are the globals
      return false;
    }
  }
  if (!add_keys(fo->f_globals, out)) return false;
  Object* builtins = nullptr;
  ORef key = steal(str_from_utf8("__builtins__"));
  if (key && dict_get(fo->f_globals, key.get(), &builtins) > 0) {
    ORef br = steal(builtins);
    if (type_check(builtins, &module_type)) return add_keys(module_dict(builtins), out);
    if (type_check(builtins, &dict_type)) return add_keys(builtins, out);
  }
  return add_keys(module_dict(builtins_module()), out);
}

bool is_stdlib_module(std::string_view name) {
  static const char* const kNames[] = {
#define PYVM_STDLIB_MODULE(n) n,
#include "vm/stdlib_module_names.def"
#undef PYVM_STDLIB_MODULE
  };
  return std::binary_search(std::begin(kNames), std::end(kNames), name,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

// getattr(exc, name, None) as a str, or empty when absent, None or not a str.
bool str_attr(Object* exc, const char* name, std::string* out) {
  Object* v = nullptr;
  ORef n = steal(str_from_utf8(name));
  if (!n || get_attr_optional(exc, n.get(), &v) <= 0) return false;
  ORef vr = steal(v);
  if (!type_check(v, &str_type)) return false;
  *out = str_view(v);
  return true;
}
bool attr_is_none(Object* exc, const char* name) {
  Object* v = nullptr;
  ORef n = steal(str_from_utf8(name));
  if (!n || get_attr_optional(exc, n.get(), &v) <= 0) return true;
  decref(v);
  return v == none();
}

std::string suggestion_for(Object* exc, Object* tb, const std::string& wrong) {
  std::vector<std::string> candidates;
  if (type_check(exc, &exc_AttributeError)) {
    Object* obj = nullptr;
    ORef n = steal(str_from_utf8("obj"));
    if (!n || get_attr_optional(exc, n.get(), &obj) < 0) return {};
    ORef objr = obj ? steal(obj) : borrow(none());
    bool hide = wrong.empty() || wrong[0] != '_';
    if (hide) {
      if (Object* frame = last_frame(tb))
        if (self_is(frame, objr.get())) hide = false;
    }
    if (!dir_names(objr.get(), hide, &candidates)) return {};
  } else if (type_check(exc, &exc_ImportError)) {
    std::string module;
    Object* name = nullptr;
    ORef n = steal(str_from_utf8("name"));
    if (!n || get_attr_optional(exc, n.get(), &name) <= 0) return {};
    ORef namer = steal(name);
    ORef import = steal(builtin("__import__"));
    if (!import) return {};
    ORef mod = steal(call1(import.get(), name));
    if (!mod || !dir_names(mod.get(), wrong.empty() || wrong[0] != '_', &candidates)) return {};
  } else {
    Object* frame = last_frame(tb);
    if (!frame) return {};
    std::string self_hint;
    if (!name_candidates(frame, &candidates, &self_hint, wrong)) return {};
    if (!self_hint.empty()) return self_hint;
  }
  return closest(candidates, wrong);
}

}  // namespace

std::string exception_suggestion(Object* exc, Object* tb) {
  std::string out, wrong;
  bool name_error = type_check(exc, &exc_NameError);
  if (type_check(exc, &exc_ImportError)) {
    if (attr_is_none(exc, "name_from")) return {};
    if (!str_attr(exc, "name_from", &wrong)) return {};
  } else if (name_error || type_check(exc, &exc_AttributeError)) {
    if (attr_is_none(exc, "name")) return {};
    if (!str_attr(exc, "name", &wrong)) return {};
  } else {
    return {};
  }
  std::string s = suggestion_for(exc, tb, wrong);
  error_clear();
  if (!s.empty()) out = ". Did you mean: '" + s + "'?";
  if (name_error && is_stdlib_module(wrong))
    out += s.empty() ? ". Did you forget to import '" + wrong + "'?" : " Or did you forget to import '" + wrong + "'?";
  return out;
}

}  // namespace pyvm
