// The import system. Finding and loading modules is CPython's own importlib, run from the installed CPython 3.13
// standard library (importlib/_bootstrap.py and _bootstrap_external.py, from their cached .pyc files), exactly as
// CPython runs its frozen copies; this file is the C part around it: __import__ (name resolution, the sys.modules
// fast path, fromlist handling), start-up (sys.path and friends, the bootstrap) and trimming importlib's frames
// from tracebacks.
//
// Thread-safety contract: g_bootstrap and its two functions are written once during start-up, before any thread
// but the main one exists, and are immortal; everything else is per call. Module-level locking is importlib's
// (per-module locks plus _imp's global lock).
#include "vm/import.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "alloc/refcount.h"
#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/int.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/namespace.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/builtin_modules.h"
#include "vm/code.h"
#include "vm/function.h"
#include "vm/interp.h"
#include "vm/marshal.h"
#include "vm/modules/modules.h"
#include "vm/runtime.h"
#include "vm/sysmodule.h"

namespace pyvm {
namespace {

Object* g_bootstrap = nullptr;        // the _frozen_importlib module
Object* g_find_and_load = nullptr;    // _frozen_importlib._find_and_load
inline Object* loaded_find_and_load() { return __atomic_load_n(&g_find_and_load, __ATOMIC_ACQUIRE); }
Object* g_handle_fromlist = nullptr;  // _frozen_importlib._handle_fromlist
std::string* g_stdlib = nullptr;       // the standard library folder (null or empty: none)
std::mutex g_bootstrap_mu;             // serialises the one-time bootstrap

constexpr const char* kBootstrapName = "<frozen importlib._bootstrap>";
constexpr const char* kExternalName = "<frozen importlib._bootstrap_external>";

bool is_file(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool valid_stdlib(const std::string& dir) {
  return !dir.empty() && is_file(dir + "/os.py") &&
         is_file(dir + "/importlib/__pycache__/_bootstrap.cpython-313.pyc") &&
         is_file(dir + "/importlib/__pycache__/_bootstrap_external.cpython-313.pyc");
}

std::string dirname(const std::string& p) {
  size_t slash = p.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return p.substr(0, slash);
}

// ---- relative names ----

// The package a relative import in module `globals` is relative to (CPython's resolve_name), new str or null.
Object* resolve_package(Object* globals) {
  Object* package = nullptr;
  Object* spec = nullptr;
  ORef pr, sr;
  if (dict_get(globals, strs::package, &package) < 0 || dict_get_str(globals, "__spec__", &spec) < 0) return nullptr;
  pr = steal(package);
  sr = steal(spec);
  if (package && package != none()) {
    if (!type_check(package, &str_type)) return set_error(&exc_TypeError, "package must be a string");
    // __package__ wins; CPython 3.13 deprecates its disagreeing with __spec__.parent.
    if (spec && spec != none()) {
      ORef parent = steal(get_attr_str(spec, "parent"));
      if (!parent) return nullptr;
      int same = rich_compare_bool(package, parent.get(), Py_EQ);
      if (same < 0) return nullptr;
      if (!same && runtime_warn(&exc_DeprecationWarning, "__package__ != __spec__.parent", 1) < 0) return nullptr;
    }
    return pr.release();
  }
  if (spec && spec != none()) {
    ORef parent = steal(get_attr_str(spec, "parent"));
    if (!parent) return nullptr;
    if (!type_check(parent.get(), &str_type)) return set_error(&exc_TypeError, "__spec__.parent must be a string");
    return parent.release();
  }
  // Neither: fall back on __name__ and __path__.
  if (runtime_warn(&exc_ImportWarning,
                   "can't resolve package from __spec__ or __package__, falling back on __name__ and __path__", 1) < 0)
    return nullptr;
  Object* name = nullptr;
  int r = dict_get(globals, strs::name, &name);
  if (r < 0) return nullptr;
  if (r == 0) return set_error(&exc_KeyError, "'__name__' not in globals");
  ORef nr = steal(name);
  if (!type_check(name, &str_type)) return set_error(&exc_TypeError, "__name__ must be a string");
  r = dict_contains(globals, str_interned("__path__"));
  if (r < 0) return nullptr;
  if (r) return nr.release();
  std::string n(str_view(name));
  size_t dot = n.rfind('.');
  return str_from_utf8(dot == std::string::npos ? std::string() : n.substr(0, dot));
}

Object* resolve_name(Object* name, Object* globals, int level) {
  if (!globals) return set_error(&exc_KeyError, "'__name__' not in globals");
  if (!type_check(globals, &dict_type)) return set_error(&exc_TypeError, "globals must be a dict");
  ORef package = steal(resolve_package(globals));
  if (!package) return nullptr;
  std::string pkg(str_view(package.get()));
  if (pkg.empty()) return set_error(&exc_ImportError, "attempted relative import with no known parent package");
  // Strip level-1 trailing components.
  std::string base = pkg;
  for (int i = 1; i < level; i++) {
    size_t dot = base.rfind('.');
    if (dot == std::string::npos)
      return set_error(&exc_ImportError, "attempted relative import beyond top-level package");
    base.resize(dot);
  }
  std::string n(str_view(name));
  return str_from_utf8(n.empty() ? base : base + "." + n);
}

// ---- tracebacks ----

bool in_importlib(Object* tb) {
  auto* t = reinterpret_cast<TracebackObject*>(tb);
  auto* fo = reinterpret_cast<FrameObject*>(t->tb_frame);
  std::string_view f = str_view(as_code(fo->code)->filename);
  return f == kBootstrapName || f == kExternalName;
}

// Removes importlib's frames from the current exception's traceback, as CPython's remove_importlib_frames: all of
// them for ImportError, otherwise each run of them that ends in _call_with_frames_removed.
void remove_importlib_frames() {
  Object* exc = error_peek();
  if (!exc || !is_exception_instance(exc)) return;
  Object* base = as_exc(exc)->traceback;
  if (!base) return;
  bool always = type_check(exc, &exc_ImportError);
  std::vector<ORef> tbs;
  for (Object* t = base; t; t = reinterpret_cast<TracebackObject*>(t)->tb_next) tbs.push_back(borrow(t));
  std::vector<bool> removed(tbs.size(), false);
  size_t outer = 0;
  bool in_chunk = false;
  for (size_t i = 0; i < tbs.size(); i++) {
    bool now = in_importlib(tbs[i].get());
    if (now && !in_chunk) outer = i;
    in_chunk = now;
    if (!in_chunk) continue;
    auto* fo = reinterpret_cast<FrameObject*>(reinterpret_cast<TracebackObject*>(tbs[i].get())->tb_frame);
    if (always || str_view(as_code(fo->code)->name) == "_call_with_frames_removed")
      for (size_t k = outer; k <= i; k++) removed[k] = true;
  }
  std::vector<Object*> kept;
  for (size_t i = 0; i < tbs.size(); i++)
    if (!removed[i]) kept.push_back(tbs[i].get());
  if (kept.size() == tbs.size()) return;
  for (size_t i = 0; i < kept.size(); i++) {
    auto* t = reinterpret_cast<TracebackObject*>(kept[i]);
    Object* next = i + 1 < kept.size() ? newref(kept[i + 1]) : nullptr;
    Object* old = t->tb_next;
    t->tb_next = next;
    xdecref(old);
  }
  exception_set_traceback(exc, kept.empty() ? nullptr : kept[0]);
}

// ---- the C part of __import__ ----

Object* sys_modules_get(Object* name) {
  Object* mods = sys_modules();
  Object* mod = nullptr;
  if (type_check(mods, &dict_type)) {
    if (dict_get(mods, name, &mod) < 0) return nullptr;
    return mod;
  }
  mod = get_item(mods, name);
  if (!mod && error_matches(&exc_KeyError)) error_clear();
  return mod;
}

// Waits for a module that another thread is still initialising (its __spec__._initializing is true).
int ensure_initialized(Object* mod, Object* name) {
  if (!g_bootstrap) return 0;
  Object* spec = nullptr;
  if (get_attr_optional(mod, str_interned("__spec__"), &spec) < 0) return -1;
  if (!spec) return 0;
  ORef sr = steal(spec);
  Object* init = nullptr;
  if (get_attr_optional(spec, str_interned("_initializing"), &init) < 0) return -1;
  if (!init) return 0;
  ORef ir = steal(init);
  int busy = object_is_true(init);
  if (busy <= 0) return busy;
  ORef r = steal(call_method1(g_bootstrap, str_interned("_lock_unlock_module"), name));
  return r ? 0 : -1;
}

int bootstrap_importlib();

// module.__repr__ once importlib is loaded: _frozen_importlib._module_repr(m), as CPython's.
Object* importlib_module_repr(Object* m) { return call_method1(g_bootstrap, str_interned("_module_repr"), m); }

Object* find_and_load(Object* abs_name) {
  if (!loaded_find_and_load() && find_builtin_module(str_view(abs_name))) return import_builtin_module(abs_name);
  ORef bootstrap_error;
  if (!loaded_find_and_load() && g_stdlib && !g_stdlib->empty() && bootstrap_importlib() < 0) {
    // importlib itself could not be loaded (a built-in module it needs is missing): only built-in modules can be
    // imported. The failure stays attached as the __cause__ of the ModuleNotFoundError below.
    bootstrap_error = steal(error_take());
  }
  if (!loaded_find_and_load()) {
    // No standard library: only built-in modules exist.
    if (find_builtin_module(str_view(abs_name))) return import_builtin_module(abs_name);
    ORef msg = steal(str_from_utf8("No module named '" + std::string(str_view(abs_name)) + "'"));
    if (!msg) return nullptr;
    set_error_value(&exc_ModuleNotFoundError, msg.get());
    if (Object* e = error_peek()) {
      if (set_attr_str(e, "name", abs_name) < 0) error_clear();
      if (bootstrap_error) exception_set_cause(e, bootstrap_error.release());
    }
    return nullptr;
  }
  Object* import_fn = nullptr;
  if (dict_get_str(g_builtins, "__import__", &import_fn) < 0) return nullptr;
  ORef imp = import_fn ? steal(import_fn) : borrow(none());
  Object* args[2] = {abs_name, imp.get()};
  return call(loaded_find_and_load(), args, 2, nullptr);
}

Object* import_impl(Object* name, Object* globals, Object* fromlist, int level) {
  if (!type_check(name, &str_type)) return set_error(&exc_TypeError, "module name must be a string");
  if (level < 0) return set_error(&exc_ValueError, "level must be >= 0");
  ORef abs_name;
  if (level > 0) {
    abs_name = steal(resolve_name(name, globals, level));
    if (!abs_name) return nullptr;
  } else {
    if (str_length(name) == 0) return set_error(&exc_ValueError, "Empty module name");
    abs_name = borrow(name);
  }
  ORef mod = steal(sys_modules_get(abs_name.get()));
  if (error_occurred()) return nullptr;
  if (mod && mod.get() != none()) {
    if (ensure_initialized(mod.get(), abs_name.get()) < 0) return nullptr;
  } else {
    mod = steal(find_and_load(abs_name.get()));
    if (!mod) return nullptr;
  }
  int has_from = 0;
  if (fromlist && fromlist != none()) {
    has_from = object_is_true(fromlist);
    if (has_from < 0) return nullptr;
  }
  if (!has_from) {
    std::string n(str_view(name));
    if (level == 0 || !n.empty()) {
      size_t dot = n.find('.');
      if (dot == std::string::npos) return mod.release();
      if (level == 0) {
        ORef front = steal(str_from_utf8(n.substr(0, dot)));
        if (!front) return nullptr;
        return import_impl(front.get(), nullptr, nullptr, 0);
      }
      // `from . import` never gets here; `import .a.b` is not syntax: this is __import__('a.b', level=1).
      std::string full(str_view(abs_name.get()));
      size_t cut = n.size() - dot;
      ORef to_return = steal(str_from_utf8(full.substr(0, full.size() - cut)));
      if (!to_return) return nullptr;
      Object* m = sys_modules_get(to_return.get());
      if (!m && !error_occurred()) {
        std::string r;
        if (repr_utf8(to_return.get(), &r)) set_errorf(&exc_KeyError, "{} not in sys.modules as expected", r);
      }
      return m;
    }
    return mod.release();
  }
  Object* path = nullptr;
  if (get_attr_optional(mod.get(), str_interned("__path__"), &path) < 0) return nullptr;
  if (!path || !g_handle_fromlist) return mod.release();
  decref(path);
  Object* import_fn = nullptr;
  if (dict_get_str(g_builtins, "__import__", &import_fn) < 0) return nullptr;
  ORef imp = import_fn ? steal(import_fn) : borrow(none());
  Object* args[3] = {mod.get(), fromlist, imp.get()};
  return call(g_handle_fromlist, args, 3, nullptr);
}

// ---- start-up ----

// Loads one of importlib's bootstrap modules from its cached .pyc under the given module name and frozen file name.
Object* load_bootstrap_module(const std::string& stdlib, const char* file, const char* modname,
                              const char* frozen_name) {
  std::string path = stdlib + "/importlib/__pycache__/" + file + ".cpython-313.pyc";
  ORef code = steal(load_pyc_file(path.c_str()));
  if (!code) return nullptr;
  // CPython's copies are frozen and report <frozen importlib._bootstrap> as their file.
  ORef frozen = steal(str_from_utf8(frozen_name));
  if (!frozen) return nullptr;
  std::vector<CodeObject*> todo{as_code(code.get())};
  while (!todo.empty()) {
    CodeObject* co = todo.back();
    todo.pop_back();
    set_slot(&co->filename, newref(frozen.get()));
    for (ssize i = 0; i < tuple_size(co->consts); i++) {
      Object* c = tuple_get(co->consts, i);
      if (type_of(c) == &code_type) todo.push_back(as_code(c));
    }
  }
  ORef name = steal(str_from_utf8(modname));
  if (!name) return nullptr;
  ORef mod = steal(module_new(name.get()));
  if (!mod) return nullptr;
  Object* d = module_dict(mod.get());
  if (dict_set(d, strs::builtins, builtins_module()) < 0 || dict_set(sys_modules(), name.get(), mod.get()) < 0)
    return nullptr;
  ORef r = steal(eval_code(code.get(), d, d));
  if (!r) return nullptr;
  return mod.release();
}

// True when `fn` is the builtins module's own __import__ (not a replacement a program installed).
bool is_default_import(Object* fn) {
  return type_of(fn) == &builtin_function_type &&
         std::string_view(reinterpret_cast<CFunctionObject*>(fn)->m_ml->ml_name) == "__import__" &&
         reinterpret_cast<CFunctionObject*>(fn)->m_self == builtins_module();
}

int set_sys(const char* name, Object* value) {
  if (!value) return -1;
  ORef keep = steal(value);
  return set_attr_str(sys_module(), name, value);
}

// Loads importlib and installs its finders, the first time a module is imported that is not already loaded or
// built in (programs that import nothing start faster). Returns -1 with the exception set.
int bootstrap_importlib() {
  if (loaded_find_and_load()) return 0;
  std::lock_guard<std::mutex> guard(g_bootstrap_mu);
  if (loaded_find_and_load()) return 0;
  const std::string& stdlib = *g_stdlib;
  ORef imp = steal(import_module("_imp"));
  if (!imp) return -1;
  ORef bootstrap = steal(load_bootstrap_module(stdlib, "_bootstrap", "_frozen_importlib", kBootstrapName));
  if (!bootstrap) return -1;
  Object* args[2] = {sys_module(), imp.get()};
  ORef install = steal(get_attr_str(bootstrap.get(), "_install"));
  if (!install) return -1;
  ORef r = steal(call(install.get(), args, 2, nullptr));
  if (!r) return -1;
  ORef external =
      steal(load_bootstrap_module(stdlib, "_bootstrap_external", "_frozen_importlib_external", kExternalName));
  if (!external) return -1;
  ORef install_ext = steal(get_attr_str(bootstrap.get(), "_install_external_importers"));
  if (!install_ext) return -1;
  r = steal(call0(install_ext.get()));
  if (!r) return -1;
  ORef fal = steal(get_attr_str(bootstrap.get(), "_find_and_load"));
  ORef hfl = steal(get_attr_str(bootstrap.get(), "_handle_fromlist"));
  if (!fal || !hfl) return -1;
  for (Object* o : {bootstrap.get(), fal.get(), hfl.get()}) alloc::make_immortal(o);
  g_bootstrap = bootstrap.release();
  g_handle_fromlist = hfl.release();
  // Published last: other threads test it without the lock (loaded_find_and_load) and then use the others.
  __atomic_store_n(&g_find_and_load, fal.release(), __ATOMIC_RELEASE);
  Object* (*repr)(Object*) = importlib_module_repr;
  __atomic_store_n(&module_repr_hook, repr, __ATOMIC_RELEASE);
  return 0;
}

}  // namespace

std::string find_stdlib_dir() {
  if (const char* env = std::getenv("PYVM_STDLIB"); env && *env) return valid_stdlib(env) ? std::string(env) : "";
  std::vector<std::string> candidates;
  if (const char* py = std::getenv("PYVM_CPYTHON"); py && *py)
    candidates.push_back(dirname(dirname(py)) + "/lib/python3.13");
  if (const char* root = std::getenv("PYENV_ROOT"); root && *root)
    candidates.push_back(std::string(root) + "/versions/3.13.0/lib/python3.13");
  if (const char* home = std::getenv("HOME"); home && *home)
    candidates.push_back(std::string(home) + "/.pyenv/versions/3.13.0/lib/python3.13");
  candidates.push_back("/root/.pyenv/versions/3.13.0/lib/python3.13");
  candidates.push_back("/usr/local/lib/python3.13");
  candidates.push_back("/usr/lib/python3.13");
  for (const std::string& c : candidates)
    if (valid_stdlib(c)) return c;
  return "";
}

int import_init(const std::string& stdlib, const std::string& script_dir) {
  // sys.path: the script's folder, PYTHONPATH, the standard library.
  ORef path = steal(list_new(0));
  if (!path) return -1;
  auto add = [&](const std::string& p) {
    ORef s = steal(str_from_utf8(p));
    return s && list_append(path.get(), s.get()) == 0;
  };
  if (!script_dir.empty() && !add(script_dir)) return -1;
  if (const char* pp = python_getenv("PYTHONPATH"); pp && *pp) {
    std::string all(pp);
    size_t start = 0;
    while (start <= all.size()) {
      size_t colon = all.find(':', start);
      std::string part = all.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (!part.empty() && !add(part)) return -1;
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
  if (!stdlib.empty() && !add(stdlib)) return -1;
  // pyvm's lib-dynload: pyvm-dynload/ beside the library this code is in (libpyvm.so), which holds the C test helper
  // modules CPython's Lib/test imports (compat/testmods); added when it exists. The library may be reached through a
  // symlink (Bazel's _solib folders), so its resolved path is tried too.
  if (Dl_info info; dladdr(reinterpret_cast<void*>(&import_init), &info) && info.dli_fname) {
    std::vector<std::string> dirs{dirname(info.dli_fname)};
    if (char* real = realpath(info.dli_fname, nullptr)) {
      dirs.push_back(dirname(real));
      std::free(real);
    }
    for (const std::string& d : dirs) {
      std::string dynload = d + "/pyvm-dynload";
      struct stat st;
      if (stat(dynload.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!add(dynload)) return -1;
        break;
      }
    }
  }
  if (set_attr_str(sys_module(), "path", path.get()) < 0) return -1;
  if (set_sys("meta_path", list_new(0)) < 0 || set_sys("path_hooks", list_new(0)) < 0 ||
      set_sys("path_importer_cache", dict_new()) < 0)
    return -1;
  const char* nobc = python_getenv("PYTHONDONTWRITEBYTECODE");
  bool no_bytecode = (nobc && *nobc) || sys_cli_flags().dont_write_bytecode;
  if (set_attr_str(sys_module(), "dont_write_bytecode", no_bytecode ? true_() : false_()) < 0 ||
      set_attr_str(sys_module(), "pycache_prefix", none()) < 0)
    return -1;
  std::string prefix = stdlib.empty() ? "/usr/local" : dirname(dirname(stdlib));
  for (const char* n : {"prefix", "exec_prefix", "base_prefix", "base_exec_prefix"})
    if (set_sys(n, str_from_utf8(prefix)) < 0) return -1;
  if (set_sys("platlibdir", str_from_utf8("lib")) < 0) return -1;
  if (set_sys("_stdlib_dir", stdlib.empty() ? newref(none()) : str_from_utf8(stdlib)) < 0) return -1;
  g_stdlib = new std::string(stdlib);
  return 0;
}

Object* import_module_level(Object* name, Object* globals, Object* locals, Object* fromlist, int level) {
  (void)locals;  // as in CPython, locals are not used
  Object* r = import_impl(name, globals, fromlist, level);
  if (!r) remove_importlib_frames();
  return r;
}

Object* import_name(Frame* f, Object* name, Object* fromlist, Object* level) {
  Object* builtins = f->builtins;
  if (builtins && type_check(builtins, &module_type)) builtins = module_dict(builtins);
  Object* import_fn = nullptr;
  if (builtins && type_check(builtins, &dict_type)) {
    if (dict_get_str(builtins, "__import__", &import_fn) < 0) return nullptr;
  } else if (builtins) {
    // exec/eval accept any mapping as __builtins__: a missing key is "not found", other errors propagate.
    import_fn = get_item(builtins, str_interned("__import__"));
    if (!import_fn) {
      if (!error_matches(&exc_KeyError)) return nullptr;
      error_clear();
    }
  }
  if (!import_fn) return set_error(&exc_ImportError, "__import__ not found");
  ORef fn = steal(import_fn);
  Object* locals = f->locals ? f->locals : none();
  if (is_default_import(import_fn)) {
    int ovf = 0;
    int64_t lvl = type_check(level, &int_type) ? int_as_i64(level, &ovf) : 0;
    if (ovf || lvl > INT32_MAX) return set_error(&exc_OverflowError, "Python int too large to convert to C int");
    return import_module_level(name, f->globals, locals, fromlist, int(lvl));
  }
  Object* args[5] = {name, f->globals, locals, fromlist, level};
  return call(import_fn, args, 5, nullptr);
}

Object* import_from(Object* module, Object* name) {
  Object* v = nullptr;
  int r = get_attr_optional(module, name, &v);
  if (r != 0) return r > 0 ? v : nullptr;
  // A submodule that is being imported (circular imports) is in sys.modules before it is bound on its package.
  Object* pkgname = nullptr;
  if (get_attr_optional(module, strs::name, &pkgname) < 0) error_clear();
  ORef pn = steal(pkgname);
  if (pkgname && type_check(pkgname, &str_type)) {
    ORef full = steal(str_from_utf8(std::string(str_view(pkgname)) + "." + std::string(str_view(name))));
    if (!full) return nullptr;
    Object* m = sys_modules_get(full.get());
    if (m) return m;
    if (error_occurred()) return nullptr;
  }
  std::string shown = "<unknown module name>";
  if (pkgname && type_check(pkgname, &str_type) && !repr_utf8(pkgname, &shown)) return nullptr;
  std::string name_repr;
  if (!repr_utf8(name, &name_repr)) return nullptr;
  Object* file = nullptr;
  if (get_attr_optional(module, strs::file, &file) < 0) error_clear();
  ORef fr = steal(file);
  std::string msg;
  if (!file || !type_check(file, &str_type)) {
    msg = "cannot import name " + name_repr + " from " + shown + " (unknown location)";
  } else {
    bool initializing = false;
    Object* spec = nullptr;
    if (get_attr_optional(module, str_interned("__spec__"), &spec) > 0) {
      ORef sr = steal(spec);
      Object* init = nullptr;
      if (get_attr_optional(spec, str_interned("_initializing"), &init) > 0) {
        initializing = object_is_true(init) > 0;
        decref(init);
      }
    }
    error_clear();
    msg = initializing ? "cannot import name " + name_repr + " from partially initialized module " + shown +
                             " (most likely due to a circular import) (" + std::string(str_view(file)) + ")"
                       : "cannot import name " + name_repr + " from " + shown + " (" + std::string(str_view(file)) + ")";
  }
  ORef m = steal(str_from_utf8(msg));
  if (!m) return nullptr;
  set_error_value(&exc_ImportError, m.get());
  if (Object* e = error_peek()) {
    if (pkgname && set_attr_str(e, "name", pkgname) < 0) error_clear();
    if (file && set_attr_str(e, "path", file) < 0) error_clear();
  }
  return nullptr;
}

Object* import_module(const char* name) {
  ORef n = steal(str_from_utf8(name));
  if (!n) return nullptr;
  return import_module_level(n.get(), nullptr, nullptr, nullptr, 0);
}

}  // namespace pyvm
