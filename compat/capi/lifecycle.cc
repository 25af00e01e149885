// Starting and stopping the runtime from C (embedding): Py_Initialize*, PyConfig/PyStatus, Py_FinalizeEx, and the
// command-line entry point Py_BytesMain. Owner: capi-a.
//
// Thread-safety: initialisation and finalisation are called by the embedder's main thread, once (as in CPython);
// g_state only guards against repeated calls.
#include "Python.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cstdint>
#include <cwchar>
#include <mutex>
#include <string>
#include <vector>

#include "compat/capi/embed_internal.h"
#include "compat/capi/module_internal.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "vm/signals.h"
#include "vm/compiler/compile.h"
#include "vm/import.h"
#include "vm/modules/modules.h"
#include "vm/pyvm_main.h"
#include "vm/runtime.h"
#include "vm/sysmodule.h"
#include "vm/threads.h"

namespace pyvm::capi {
std::vector<std::string> inittab_names();  // import_ext.cc

namespace {

// sys.builtin_module_names gains the embedder's inittab modules (importlib's BuiltinImporter checks it), sorted.
bool add_inittab_names() {
  std::vector<std::string> names = inittab_names();
  if (names.empty()) return true;
  Object* old = sys_get("builtin_module_names");
  ORef l = steal(old ? sequence_list(old) : list_new(0));
  if (!l) return false;
  for (const std::string& n : names) {
    ORef s = steal(str_from_utf8(n));
    if (!s || list_append(l.get(), s.get()) < 0) return false;
  }
  if (list_sort(l.get(), nullptr, false) < 0) return false;
  ORef t = steal(list_as_tuple(l.get()));
  return t && set_attr(sys_module(), str_interned("builtin_module_names"), t.get()) == 0;
}

enum State { kNotStarted = 0, kRunning = 1, kFinalized = 2 };
std::atomic<int> g_state{kNotStarted};
std::mutex g_init_mu;

// Byte strings <-> wchar_t, as UTF-8 with surrogateescape (what CPython's Py_DecodeLocale gives in the UTF-8 mode
// and C-locale coercion pyvm always uses): undecodable bytes become U+DC80..U+DCFF and encode back to themselves.
std::string narrow(const wchar_t* w) {
  std::string out;
  if (!w) return out;
  for (; *w; w++) {
    uint32_t c = uint32_t(*w);
    if (c >= 0xDC80 && c <= 0xDCFF) {
      out += char(c - 0xDC00);
    } else if (c < 0x80) {
      out += char(c);
    } else if (c < 0x800) {
      out += char(0xC0 | (c >> 6));
      out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += char(0xE0 | (c >> 12));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    } else {
      out += char(0xF0 | (c >> 18));
      out += char(0x80 | ((c >> 12) & 0x3F));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    }
  }
  return out;
}

wchar_t* widen_dup(const char* s) {
  size_t n = std::strlen(s);
  auto* w = static_cast<wchar_t*>(std::malloc((n + 1) * sizeof(wchar_t)));
  if (!w) return nullptr;
  size_t k = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  while (*p) {
    unsigned char b = *p;
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    uint32_t c = len == 1 ? b : len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
    bool ok = len > 0;
    for (int i = 1; ok && i < len; i++) {
      if ((p[i] & 0xC0) != 0x80) ok = false;
      else c = (c << 6) | (p[i] & 0x3F);
    }
    if (ok && ((len == 2 && c < 0x80) || (len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
               (len == 4 && (c < 0x10000 || c > 0x10FFFF))))
      ok = false;
    if (!ok) {
      w[k++] = wchar_t(0xDC00 + b);
      p++;
    } else {
      w[k++] = wchar_t(c);
      p += len;
    }
  }
  w[k] = 0;
  return w;
}

wchar_t* wdup(const wchar_t* s) {
  size_t n = std::wcslen(s);
  auto* w = static_cast<wchar_t*>(std::malloc((n + 1) * sizeof(wchar_t)));
  if (w) std::wmemcpy(w, s, n + 1);
  return w;
}

void list_clear(PyWideStringList* l) {
  for (Py_ssize_t i = 0; i < l->length; i++) std::free(l->items[i]);
  std::free(l->items);
  l->length = 0;
  l->items = nullptr;
}

PyStatus status_error(const char* func, const char* msg) {
  PyStatus s{};
  s._type = PyStatus::_PyStatus_TYPE_ERROR;
  s.func = func;
  s.err_msg = msg;
  return s;
}

// The steps after runtime_init, shared by every way of starting: sys (argv), the import system, sys.stdin, the site
// module, __main__. Returns false with an exception set.
bool start(const std::vector<std::string>& args, bool import_site, const PyWideStringList* search_path) {
  thread_attach();
  static char arg0[] = "";
  static char* argv[] = {arg0, nullptr};
  if (sys_init(0, argv, builtins_module(), &args) < 0 || !add_inittab_names()) return false;
  if (import_init(find_stdlib_dir(), "") < 0) return false;
  if (sys_init_stdin() < 0) return false;
  if (search_path) {
    ORef path = steal(list_new(0));
    if (!path) return false;
    for (Py_ssize_t i = 0; i < search_path->length; i++) {
      ORef s = steal(str_from_utf8(narrow(search_path->items[i])));
      if (!s || list_append(path.get(), s.get()) < 0) return false;
    }
    if (set_attr(sys_module(), str_interned("path"), path.get()) < 0) return false;
  }
  if (import_site) {
    ORef site = steal(import_module_level(str_interned("site"), nullptr, nullptr, nullptr, 0));
    if (!site) return false;
  }
  PyObject* main = PyImport_AddModule("__main__");
  if (!main) return false;
  return dict_set(module_dict(main), strs::builtins, builtins_module()) == 0;
}

bool runtime_start() {
  install_source_compiler();
  install_module_support();
  return runtime_init() >= 0;
}

}  // namespace

bool runtime_initialized() { return g_state.load(std::memory_order_acquire) != kNotStarted; }

}  // namespace pyvm::capi

using namespace pyvm;

extern "C" {

// ---- PyStatus ----

PyStatus PyStatus_Ok(void) { return PyStatus{}; }
PyStatus PyStatus_Error(const char* err_msg) { return capi::status_error(nullptr, err_msg); }
PyStatus PyStatus_NoMemory(void) { return capi::status_error(nullptr, "memory allocation failed"); }
PyStatus PyStatus_Exit(int exitcode) {
  PyStatus s{};
  s._type = PyStatus::_PyStatus_TYPE_EXIT;
  s.exitcode = exitcode;
  return s;
}
int PyStatus_IsError(PyStatus err) { return err._type == PyStatus::_PyStatus_TYPE_ERROR; }
int PyStatus_IsExit(PyStatus err) { return err._type == PyStatus::_PyStatus_TYPE_EXIT; }
int PyStatus_Exception(PyStatus err) { return err._type != PyStatus::_PyStatus_TYPE_OK; }

void Py_ExitStatusException(PyStatus err) {
  if (PyStatus_IsExit(err)) std::exit(err.exitcode);
  if (PyStatus_IsError(err)) {
    if (err.func)
      std::fprintf(stderr, "Fatal Python error: %s: %s\n", err.func, err.err_msg ? err.err_msg : "");
    else
      std::fprintf(stderr, "Fatal Python error: %s\n", err.err_msg ? err.err_msg : "");
    std::fflush(stderr);
    std::exit(1);
  }
  std::fputs("Fatal Python error: Py_ExitStatusException: bug: the status is not an error or an exit\n", stderr);
  std::exit(1);
}

// ---- PyWideStringList ----

PyStatus PyWideStringList_Insert(PyWideStringList* list, Py_ssize_t index, const wchar_t* item) {
  if (index < 0) return capi::status_error("PyWideStringList_Insert", "index must be >= 0");
  if (index > list->length) index = list->length;
  wchar_t* copy = capi::wdup(item);
  auto* items = static_cast<wchar_t**>(std::realloc(list->items, size_t(list->length + 1) * sizeof(wchar_t*)));
  if (!copy || !items) {
    std::free(copy);
    if (items) list->items = items;
    return PyStatus_NoMemory();
  }
  std::memmove(items + index + 1, items + index, size_t(list->length - index) * sizeof(wchar_t*));
  items[index] = copy;
  list->items = items;
  list->length++;
  return PyStatus_Ok();
}

PyStatus PyWideStringList_Append(PyWideStringList* list, const wchar_t* item) {
  return PyWideStringList_Insert(list, list->length, item);
}

// ---- PyConfig ----

void PyConfig_InitPythonConfig(PyConfig* c) {
  std::memset(c, 0, sizeof *c);
  c->_config_init = 1;
  c->use_environment = 1;
  c->install_signal_handlers = 1;
  c->parse_argv = 1;
  c->site_import = 1;
  c->user_site_directory = 1;
  c->write_bytecode = 1;
  c->buffered_stdio = 1;
}

void PyConfig_InitIsolatedConfig(PyConfig* c) {
  PyConfig_InitPythonConfig(c);
  c->_config_init = 2;
  c->isolated = 1;
  c->use_environment = 0;
  c->install_signal_handlers = 0;
  c->parse_argv = 0;
  c->user_site_directory = 0;
  c->safe_path = 1;
}

void PyConfig_Clear(PyConfig* c) {
  capi::list_clear(&c->argv);
  capi::list_clear(&c->warnoptions);
  capi::list_clear(&c->module_search_paths);
}

PyStatus PyConfig_SetString(PyConfig*, wchar_t** config_str, const wchar_t* str) {
  wchar_t* copy = nullptr;
  if (str && !(copy = capi::wdup(str))) return PyStatus_NoMemory();
  std::free(*config_str);
  *config_str = copy;
  return PyStatus_Ok();
}

PyStatus PyConfig_SetBytesString(PyConfig*, wchar_t** config_str, const char* str) {
  wchar_t* copy = nullptr;
  if (str && !(copy = capi::widen_dup(str)))
    return capi::status_error("PyConfig_SetBytesString", "memory allocation failed");
  std::free(*config_str);
  *config_str = copy;
  return PyStatus_Ok();
}

PyStatus PyConfig_SetWideStringList(PyConfig*, PyWideStringList* list, Py_ssize_t length, wchar_t** items) {
  PyWideStringList fresh{0, nullptr};
  for (Py_ssize_t i = 0; i < length; i++) {
    PyStatus s = PyWideStringList_Append(&fresh, items[i]);
    if (PyStatus_Exception(s)) {
      capi::list_clear(&fresh);
      return s;
    }
  }
  capi::list_clear(list);
  *list = fresh;
  return PyStatus_Ok();
}

PyStatus PyConfig_SetArgv(PyConfig* c, Py_ssize_t argc, wchar_t* const* argv) {
  return PyConfig_SetWideStringList(c, &c->argv, argc, const_cast<wchar_t**>(argv));
}

PyStatus PyConfig_SetBytesArgv(PyConfig* c, Py_ssize_t argc, char* const* argv) {
  PyWideStringList fresh{0, nullptr};
  for (Py_ssize_t i = 0; i < argc; i++) {
    wchar_t* w = capi::widen_dup(argv[i]);
    if (!w) {
      capi::list_clear(&fresh);
      return capi::status_error("PyConfig_SetBytesArgv", "memory allocation failed");
    }
    PyStatus s = PyWideStringList_Append(&fresh, w);
    std::free(w);
    if (PyStatus_Exception(s)) {
      capi::list_clear(&fresh);
      return s;
    }
  }
  capi::list_clear(&c->argv);
  c->argv = fresh;
  return PyStatus_Ok();
}

// ---- Starting and stopping ----

PyStatus Py_InitializeFromConfig(const PyConfig* c) {
  std::lock_guard<std::mutex> g(capi::g_init_mu);
  if (capi::g_state.load() == capi::kRunning) return PyStatus_Ok();
  if (capi::g_state.load() == capi::kFinalized) {
    capi::g_state.store(capi::kRunning);
    return PyStatus_Ok();
  }
  if (c->parse_argv && c->argv.length > 0)
    return capi::status_error("Py_InitializeFromConfig",
                              "PyConfig.parse_argv = 1 is not supported by pyvm (set it to 0: sys.argv is then "
                              "PyConfig.argv as given)");
  SysCliFlags& f = sys_cli_flags();
  f.isolated = c->isolated;
  f.ignore_environment = c->isolated || !c->use_environment;
  f.no_user_site = c->isolated || !c->user_site_directory;
  f.safe_path = c->isolated || c->safe_path;
  f.no_site = !c->site_import;
  f.dont_write_bytecode = !c->write_bytecode;
  f.optimize = c->optimization_level;
  f.verbose = c->verbose;
  f.quiet = c->quiet;
  f.unbuffered = !c->buffered_stdio;
  for (Py_ssize_t i = 0; i < c->warnoptions.length; i++) f.warnoptions.push_back(capi::narrow(c->warnoptions.items[i]));
  std::vector<std::string> args;
  for (Py_ssize_t i = 0; i < c->argv.length; i++) args.push_back(capi::narrow(c->argv.items[i]));
  if (args.empty()) args.push_back("");
  if (!capi::runtime_start()) return capi::status_error("Py_InitializeFromConfig", "the runtime failed to start");
  if (!capi::start(args, c->site_import != 0, c->module_search_paths_set ? &c->module_search_paths : nullptr)) {
    capi::print_uncaught();
    return capi::status_error("Py_InitializeFromConfig", "sys or the import system failed to start");
  }
  // The calling thread is the main one (signal handlers run there); SIGINT's KeyboardInterrupt handler as asked.
  pyvm::signals::init_main_thread(c->install_signal_handlers != 0);
  capi::g_state.store(capi::kRunning, std::memory_order_release);
  return PyStatus_Ok();
}

void Py_InitializeEx(int initsigs) {
  PyConfig c;
  PyConfig_InitPythonConfig(&c);
  c.parse_argv = 0;
  c.install_signal_handlers = initsigs;
  PyStatus s = Py_InitializeFromConfig(&c);
  PyConfig_Clear(&c);
  if (PyStatus_Exception(s)) Py_ExitStatusException(s);
}

void Py_Initialize(void) { Py_InitializeEx(1); }

int Py_IsInitialized(void) { return capi::g_state.load(std::memory_order_acquire) == capi::kRunning ? 1 : 0; }

int Py_FinalizeEx(void) {
  if (capi::g_state.load(std::memory_order_acquire) != capi::kRunning) return 0;
  // As at the pyvm binary's exit: wait for the non-daemon threads (threading._shutdown), run the atexit callbacks,
  // flush the standard streams.
  Object* threading = nullptr;
  if (dict_get_str(sys_modules(), "threading", &threading) > 0) {
    ORef mod = steal(threading);
    ORef r = steal(call_method0(mod.get(), str_interned("_shutdown")));
    if (!r) write_unraisable(nullptr);
  } else {
    error_clear();
  }
  atexit_run_callbacks();
  io_flush_at_exit();
  int status = 0;
  if (std::fflush(stdout) != 0) status = -1;
  if (std::fflush(stderr) != 0) status = -1;
  capi::g_state.store(capi::kFinalized, std::memory_order_release);
  return status;
}

void Py_Finalize(void) { (void)Py_FinalizeEx(); }

int Py_BytesMain(int argc, char** argv) {
  install_source_compiler();
  capi::install_module_support();
  capi::g_state.store(capi::kRunning, std::memory_order_release);  // for extensions that ask Py_IsInitialized
  return pyvm_main(argc, argv);
}

}  // extern "C"
