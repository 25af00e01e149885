// Warnings written the way CPython's default filters and showwarning print them (no warnings module yet).
#include "vm/warn.h"

#include <set>
#include <tuple>

#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/object.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/types.h"
#include "vm/function.h"
#include "vm/interp.h"
#include "vm/sync/mutex.h"
#include "vm/sysmodule.h"
#include "vm/traceback_source.h"

namespace pyvm {

// The lines already warned about, per module (keyed by its globals dict): CPython's __warningregistry__. Any thread
// may warn, so the set has its own lock.
static PyMutex g_registry_lock{};
static std::set<std::tuple<const void*, std::string, std::string, int>>* g_registry = nullptr;

static void warn_impl(const char* category, const std::string& message, bool main_only, bool tracemalloc_hint) {
  Frame* f = thread_state().frame;
  std::string file = "sys";
  int line = 1;
  const void* module = nullptr;
  if (f) {
    Object* name = nullptr;
    int r = dict_get(f->globals, strs::name, &name);
    if (r < 0) error_clear();
    bool is_main = r > 0 && type_check(name, &str_type) && str_view(name) == "__main__";
    xdecref(name);
    if (main_only && !is_main) return;
    file = std::string(str_view(f->code->filename));
    line = frame_lineno(f);
    module = f->globals;
  } else if (main_only) {
    return;
  }
  sync::mutex_lock(&g_registry_lock);
  if (!g_registry) g_registry = new std::set<std::tuple<const void*, std::string, std::string, int>>();
  bool first = g_registry->insert({module, message, category, line}).second;
  sync::mutex_unlock(&g_registry_lock);
  if (!first) return;
  std::string text = fmt::format("{}:{}: {}: {}\n", file, line, category, message);
  if (f) {
    std::string src = traceback_source_block(file, line, line, -1, -1);
    size_t start = src.find_first_not_of(' ');
    size_t nl = src.find('\n');
    if (start != std::string::npos && nl != std::string::npos && start < nl)
      text += "  " + src.substr(start, nl - start) + "\n";
  }
  if (tracemalloc_hint)
    text += fmt::format("{}: Enable tracemalloc to get the object allocation traceback\n", category);
  sys_write_stream(2, text.data(), text.size());
}

void warn_default(const char* category, const std::string& message, bool main_only, bool tracemalloc_hint) {
  // Callers may be finalisers running while an exception propagates: leave it as it is.
  ORef pending = steal(error_take());
  warn_impl(category, message, main_only, tracemalloc_hint);
  error_clear();
  if (pending) set_error_steal(pending.release());
}

}  // namespace pyvm
