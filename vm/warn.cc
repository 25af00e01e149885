// Warnings issued by the runtime itself (never-awaited coroutines, deprecated throw() signatures): they go through
// _warnings (vm/modules/warnings_module.cc), which applies the default filters and prints them.
#include "vm/warn.h"

#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/types.h"
#include "vm/interp.h"
#include "vm/modules/modules.h"

namespace pyvm {

void warn_default(const char* category, const std::string& message, bool main_only, bool tracemalloc_hint) {
  (void)main_only;  // the DeprecationWarning filter (shown for __main__ only) is the default filter list's
  // Callers may be finalisers running while an exception propagates: leave it as it is.
  ORef pending = steal(error_take());
  Object* cat = nullptr;
  if (dict_get_str(g_builtins, category, &cat) > 0) {
    ORef c = steal(cat);
    if (type_check(cat, &type_type) && runtime_warn_ex(reinterpret_cast<Type*>(cat), message, 1, tracemalloc_hint) < 0)
      error_clear();
  }
  error_clear();
  if (pending) set_error_steal(pending.release());
}

}  // namespace pyvm
