// Helpers shared by the built-in modules in this folder.
#include <string_view>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"

namespace pyvm {

Object* new_exception_class(const char* dotted_name, Object* base, const char* doc) {
  std::string_view full = dotted_name;
  size_t dot = full.rfind('.');
  if (dot == std::string_view::npos)
    return set_error(&exc_SystemError, "new_exception_class: name must be module.class");
  ORef name = steal(str_from_utf8(full.substr(dot + 1)));
  ORef module = steal(str_from_utf8(full.substr(0, dot)));
  ORef bases = steal(type_check(base, &tuple_type) ? newref(base) : tuple_pack({base}));
  ORef ns = steal(dict_new());
  if (!name || !module || !bases || !ns || dict_set_str(ns.get(), "__module__", module.get()) < 0) return nullptr;
  if (doc) {
    ORef d = steal(str_from_utf8(doc));
    if (!d || dict_set_str(ns.get(), "__doc__", d.get()) < 0) return nullptr;
  }
  Object* a[3] = {name.get(), bases.get(), ns.get()};
  return call(reinterpret_cast<Object*>(&type_type), a, 3, nullptr);
}

}  // namespace pyvm
