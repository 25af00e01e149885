// The _warnings module: warn() with CPython's default filters, used by the runtime and by importlib before the
// pure-Python `warnings` module is imported. It exports only warn/warn_explicit, so `warnings` (which imports the
// rest from _warnings when it can) runs its own Python implementation, and warn() hands over to it once it is
// loaded.
//
// Thread-safety contract: the "already shown" registry is guarded by g_registry_mu; nothing else is shared.
#include <fstream>
#include <mutex>
#include <set>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/function.h"
#include "vm/interp.h"
#include "vm/modules/modules.h"
#include "vm/sysmodule.h"

namespace pyvm {
namespace {

std::mutex g_registry_mu;
std::set<std::string> g_shown;  // "category|filename|lineno|text" of warnings already printed ("default" action)

std::string source_line(const std::string& file, int lineno) {
  std::ifstream in(file);
  std::string line;
  for (int i = 1; std::getline(in, line); i++)
    if (i == lineno) {
      size_t a = line.find_first_not_of(" \t\f\r");
      size_t b = line.find_last_not_of(" \t\f\r\n");
      return a == std::string::npos ? std::string() : line.substr(a, b - a + 1);
    }
  return {};
}

// The action of CPython's default filter list for `category` issued from module `module`.
bool default_ignores(Type* category, const std::string& module) {
  if (is_subtype(category, &exc_DeprecationWarning)) return module != "__main__";
  return is_subtype(category, &exc_PendingDeprecationWarning) || is_subtype(category, &exc_ImportWarning) ||
         is_subtype(category, &exc_ResourceWarning);
}

Object* do_warn(Object* message, Object* category, ssize stacklevel, bool tracemalloc_hint = false) {
  // Category: the message's class when the message is a Warning instance.
  Type* cat;
  if (is_exception_instance(message) && type_check(message, &exc_Warning)) {
    cat = type_of(message);
  } else if (!category || category == none()) {
    cat = &exc_UserWarning;
  } else if (type_of(category) == &type_type || is_subtype(type_of(category), &type_type)) {
    cat = reinterpret_cast<Type*>(category);
    if (!is_subtype(cat, &exc_Warning))
      return set_errorf(&exc_TypeError, "category must be a Warning subclass, not '{}'", cat->tp_name);
  } else {
    return set_errorf(&exc_TypeError, "category must be a Warning subclass, not '{}'", type_name(category));
  }
  // Where: the Python frame `stacklevel` levels up.
  std::string filename = "<sys>", module = "sys";
  int lineno = 0;
  Frame* f = thread_state().frame;
  for (ssize i = 1; f && i < stacklevel; i++) f = f->previous;
  if (f) {
    filename = str_view(f->code->filename);
    lineno = frame_lineno(f);
    Object* name = nullptr;
    if (dict_get(f->globals, strs::name, &name) > 0) {
      if (type_check(name, &str_type)) module = str_view(name);
      decref(name);
    }
  }
  if (error_occurred()) return nullptr;
  if (default_ignores(cat, module)) return newref(none());
  std::string text;
  if (!object_str_utf8(message, &text)) return nullptr;
  std::string cname = has_flag(cat, Py_TPFLAGS_HEAPTYPE)
                          ? std::string(str_view(reinterpret_cast<HeapType*>(cat)->ht_name))
                          : std::string(cat->tp_name);
  {
    std::lock_guard<std::mutex> g(g_registry_mu);
    if (!g_shown.insert(cname + "|" + filename + "|" + std::to_string(lineno) + "|" + text).second)
      return newref(none());
  }
  std::string out = filename + ":" + std::to_string(lineno) + ": " + cname + ": " + text + "\n";
  std::string src = source_line(filename, lineno);
  if (!src.empty()) out += "  " + src + "\n";
  if (tracemalloc_hint) out += cname + ": Enable tracemalloc to get the object allocation traceback\n";
  sys_write_stream(2, out.data(), out.size());
  return newref(none());
}

// Once the pure-Python warnings module is loaded (and can find frames), it owns the filters: defer to it.
Object* python_warnings_warn() {
  Object* mods = sys_modules();
  Object* w = nullptr;
  if (!mods || dict_get_str(mods, "warnings", &w) <= 0) return nullptr;
  ORef wm = steal(w);
  if (!sys_get("_getframe")) return nullptr;
  Object* fn = nullptr;
  if (get_attr_optional(w, str_interned("warn"), &fn) <= 0) {
    error_clear();
    return nullptr;
  }
  if (type_of(fn) == &builtin_function_type) {  // it re-exported ours
    decref(fn);
    return nullptr;
  }
  return fn;
}

Object* warnings_warn(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[5] = {};
  if (!parse_args("warn", args, nargs, kwnames, {"message", "category", "stacklevel", "source", "$skip_file_prefixes"},
                  1, out))
    return nullptr;
  ssize level = 1;
  if (out[2]) {
    level = number_as_ssize(out[2], &exc_OverflowError);
    if (level == -1 && error_occurred()) return nullptr;
  }
  if (ORef py = steal(python_warnings_warn())) {
    // The Python frames are the same, so the stack level carries over as it is.
    return call(py.get(), args, size_t(nargs), kwnames);
  }
  return do_warn(out[0], out[1], level);
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef warnings_methods[] = {
    {"warn", FAST(warnings_warn), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Object* create_warnings_module() {
  ORef m = steal(module_new(str_interned("_warnings")));
  if (!m || module_add_functions(m.get(), warnings_methods) < 0) return nullptr;
  return m.release();
}

int runtime_warn(Type* category, const char* message, int stacklevel) {
  return runtime_warn_ex(category, message, stacklevel, false);
}

int runtime_warn_ex(Type* category, const std::string& message, int stacklevel, bool tracemalloc_hint) {
  ORef msg = steal(str_from_utf8(message));
  if (!msg) return -1;
  {
    // The warnings module's filters (warnings.catch_warnings, -W ...) apply once it is loaded. Called from C,
    // warn()'s stacklevel counts from the Python frame that called us, as PyErr_WarnEx's does. A warning about an
    // object (tracemalloc_hint) is passed without it: the pure-Python warn_explicit would take the source for the
    // output file. So the "Enable tracemalloc" line is printed only while the warnings module is not loaded.
    if (ORef py = steal(python_warnings_warn())) {
      ORef level = steal(int_from_i64(stacklevel));
      if (!level) return -1;
      Object* args[3] = {msg.get(), reinterpret_cast<Object*>(category), level.get()};
      ORef r = steal(call(py.get(), args, 3, nullptr));
      return r ? 0 : -1;
    }
  }
  ORef r = steal(do_warn(msg.get(), reinterpret_cast<Object*>(category), stacklevel, tracemalloc_hint));
  return r ? 0 : -1;
}

}  // namespace pyvm
