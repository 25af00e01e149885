// The _imp module: what CPython's importlib._bootstrap(_external) asks of the runtime — built-in module creation,
// the global import lock, frozen-module queries (pyvm freezes nothing) and extension-module hooks (not yet).
//
// Thread-safety contract: the import lock is a recursive lock owned by one thread at a time (g_import_lock below,
// guarded by its own std::mutex); everything else here is stateless.
#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <new>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/builtin_modules.h"
#include "vm/code.h"
#include "vm/extension.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/threads.h"
#include "vm/sysmodule.h"

namespace pyvm {

static std::atomic<const ExtensionHooks*> g_extension_hooks{nullptr};
void set_extension_hooks(const ExtensionHooks* hooks) { g_extension_hooks.store(hooks, std::memory_order_release); }
const ExtensionHooks* extension_hooks() { return g_extension_hooks.load(std::memory_order_acquire); }

namespace {

// A module of the embedder's inittab (PyImport_AppendInittab), by name; null when there is none.
Object* (*find_inittab(std::string_view name))(void) {
  const ExtensionHooks* h = extension_hooks();
  if (!h || !h->find_inittab) return nullptr;
  std::string n(name);
  return h->find_inittab(n.c_str());
}

struct ImportLock {
  std::mutex mu;
  std::condition_variable cv;
  pthread_t owner{};
  uint64_t count = 0;
} g_import_lock;

void import_lock_acquire() {
  std::unique_lock<std::mutex> g(g_import_lock.mu);
  pthread_t me = pthread_self();
  if (g_import_lock.count > 0 && pthread_equal(g_import_lock.owner, me)) {
    g_import_lock.count++;
    return;
  }
  if (g_import_lock.count == 0) {
    g_import_lock.owner = me;
    g_import_lock.count = 1;
    return;
  }
  // Wait detached: the holder runs Python code under the lock, and that code may stop the world (a collection),
  // which would otherwise wait for this thread forever. The mutex is released before re-attaching.
  g.unlock();
  {
    BlockingSection detached;
    std::unique_lock<std::mutex> w(g_import_lock.mu);
    g_import_lock.cv.wait(w, [] { return g_import_lock.count == 0; });
    g_import_lock.owner = me;
    g_import_lock.count = 1;
  }
}

Object* imp_acquire_lock(Object*, Object*) {
  import_lock_acquire();
  return newref(none());
}

Object* imp_release_lock(Object*, Object*) {
  {
    std::lock_guard<std::mutex> g(g_import_lock.mu);
    if (g_import_lock.count == 0 || !pthread_equal(g_import_lock.owner, pthread_self()))
      return set_error(&exc_RuntimeError, "not holding the import lock");
    if (--g_import_lock.count > 0) return newref(none());
  }
  g_import_lock.cv.notify_one();
  return newref(none());
}

Object* imp_lock_held(Object*, Object*) {
  std::lock_guard<std::mutex> g(g_import_lock.mu);
  return newref(bool_obj(g_import_lock.count > 0));
}

Object* name_arg(Object* o, const char* fn) {
  if (!type_check(o, &str_type)) return set_errorf(&exc_TypeError, "{}() argument must be str, not {}", fn, type_name(o));
  return o;
}

// is_builtin(name): 1 for a built-in module that can be created, -1 for sys/builtins (created at start-up), else 0.
Object* imp_is_builtin(Object*, Object* name) {
  if (!name_arg(name, "is_builtin")) return nullptr;
  const BuiltinModuleDef* def = find_builtin_module(str_view(name));
  if (!def) return int_from_i64(find_inittab(str_view(name)) ? 1 : 0);
  return int_from_i64(def->create ? 1 : -1);
}

Object* imp_create_builtin(Object*, Object* spec) {
  ORef name = steal(get_attr_str(spec, "name"));
  if (!name) return nullptr;
  if (!type_check(name.get(), &str_type))
    return set_errorf(&exc_TypeError, "name must be string, not {}", type_name(name.get()));
  const BuiltinModuleDef* def = find_builtin_module(str_view(name.get()));
  if (!def && find_inittab(str_view(name.get()))) {
    // An embedder's module (PyImport_AppendInittab): created like an extension module, without a file.
    const ExtensionHooks* h = extension_hooks();
    return h->create_dynamic(spec);
  }
  if (!def) {
    // CPython returns None for names it does not know; BuiltinImporter never asks for those.
    return newref(none());
  }
  return import_builtin_module(name.get());
}

Object* imp_exec_builtin(Object*, Object* mod) {
  const ExtensionHooks* h = extension_hooks();
  if (!h) return int_from_i64(0);
  if (h->exec_dynamic(mod) < 0) return nullptr;
  return int_from_i64(0);
}

Object* imp_is_frozen(Object*, Object* name) {
  if (!name_arg(name, "is_frozen")) return nullptr;
  return newref(false_());
}

Object* imp_find_frozen(Object*, Object* const* args, ssize nargs, Object*) {
  if (nargs < 1) return set_error(&exc_TypeError, "find_frozen() missing required argument 'name' (pos 1)");
  if (!name_arg(args[0], "find_frozen")) return nullptr;
  return newref(none());
}

Object* imp_frozen_error(Object*, Object* const* args, ssize nargs) {
  std::string n = nargs > 0 && type_check(args[0], &str_type) ? std::string(str_view(args[0])) : "?";
  ORef msg = steal(str_from_utf8("No such frozen object named '" + n + "'"));
  if (!msg) return nullptr;
  return set_error_value(&exc_ImportError, msg.get());
}

Object* imp_init_frozen(Object*, Object*) { return newref(none()); }

// What CPython 3.13t (free-threaded, x86-64 Linux) returns: its SOABI suffix, then plain '.so'. There is no
// '.abi3.so': the stable ABI is not available in free-threaded builds. Empty when extensions cannot be loaded.
Object* imp_extension_suffixes(Object*, Object*) {
  if (!extension_hooks()) return list_new(0);
  ORef l = steal(list_new(0));
  for (const char* s : {".cpython-313t-x86_64-linux-gnu.so", ".so"}) {
    ORef v = steal(str_from_utf8(s));
    if (!v || list_append(l.get(), v.get()) < 0) return nullptr;
  }
  return l.release();
}

// create_dynamic(spec, file=None)
Object* imp_create_dynamic(Object*, Object* const* args, ssize nargs) {
  if (nargs < 1 || nargs > 2)
    return set_errorf(&exc_TypeError, "create_dynamic expected 1 or 2 arguments, got {}", nargs);
  const ExtensionHooks* h = extension_hooks();
  if (!h) {
    std::string n = "?";
    ORef name = steal(get_attr_str(args[0], "name"));
    if (name && type_check(name.get(), &str_type)) n = str_view(name.get());
    error_clear();
    return set_errorf(&exc_ImportError, "this pyvm binary was built without the C-API; cannot load '{}'", n);
  }
  return h->create_dynamic(args[0]);
}

Object* imp_exec_dynamic(Object*, Object* mod) {
  const ExtensionHooks* h = extension_hooks();
  if (h && h->exec_dynamic(mod) < 0) return nullptr;
  return int_from_i64(0);
}

// _fix_co_filename(code, path): gives the code object (and every nested one) the file name it was loaded from.
void fix_filename(CodeObject* co, Object* oldname, Object* path) {
  if (co->filename != oldname && !str_equal(co->filename, oldname)) return;
  Object* prev = co->filename;
  co->filename = newref(path);
  decref(prev);
  ssize n = tuple_size(co->consts);
  for (ssize i = 0; i < n; i++) {
    Object* c = tuple_get(co->consts, i);
    if (type_of(c) == &code_type) fix_filename(as_code(c), oldname, path);
  }
}

Object* imp_fix_co_filename(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "_fix_co_filename expected 2 arguments, got {}", nargs);
  if (type_of(args[0]) != &code_type)
    return set_errorf(&exc_TypeError, "_fix_co_filename() argument 1 must be code, not {}", type_name(args[0]));
  if (!type_check(args[1], &str_type))
    return set_errorf(&exc_TypeError, "_fix_co_filename() argument 2 must be str, not {}", type_name(args[1]));
  CodeObject* co = as_code(args[0]);
  if (!str_equal(co->filename, args[1])) {
    ORef old = borrow(co->filename);
    fix_filename(co, old.get(), args[1]);
  }
  return newref(none());
}

Object* imp_source_hash(Object*, Object* const*, ssize, Object*) {
  // TODO(import): siphash13 keyed like CPython's _Py_KeyedHash, for hash-based .pyc files.
  return set_error(&exc_NotImplementedError, "_imp.source_hash (hash-based .pyc validation) is not implemented yet");
}

// Test hooks. pyvm has neither frozen modules nor subinterpreters, so both overrides are only recorded (atomically:
// any thread may call them). _override_multi_interp_extensions_check returns the previous setting (CPython raises
// RuntimeError in the main interpreter; test.support only calls it around subinterpreter tests).
std::atomic<int> g_override_frozen{0};
std::atomic<int> g_override_multi_interp{-1};

Object* imp_override_multi_interp(Object*, Object* arg) {
  int v = 0;
  if (!posix::convert_int(arg, &v)) return nullptr;
  return int_from_i64(g_override_multi_interp.exchange(v));
}

Object* imp_override_frozen(Object*, Object* arg) {
  int v = 0;
  if (!posix::convert_int(arg, &v)) return nullptr;
  g_override_frozen.store(v);
  return newref(none());
}
Object* imp_frozen_module_names(Object*, Object*) { return tuple_new(0); }

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef imp_methods[] = {
    {"acquire_lock", imp_acquire_lock, METH_NOARGS, nullptr},
    {"release_lock", imp_release_lock, METH_NOARGS, nullptr},
    {"lock_held", imp_lock_held, METH_NOARGS, nullptr},
    {"is_builtin", imp_is_builtin, METH_O, nullptr},
    {"create_builtin", imp_create_builtin, METH_O, nullptr},
    {"exec_builtin", imp_exec_builtin, METH_O, nullptr},
    {"is_frozen", imp_is_frozen, METH_O, nullptr},
    {"is_frozen_package", FAST(imp_frozen_error), METH_FASTCALL, nullptr},
    {"get_frozen_object", FAST(imp_frozen_error), METH_FASTCALL, nullptr},
    {"find_frozen", FAST(imp_find_frozen), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"init_frozen", imp_init_frozen, METH_O, nullptr},
    {"_frozen_module_names", imp_frozen_module_names, METH_NOARGS, nullptr},
    {"extension_suffixes", imp_extension_suffixes, METH_NOARGS, nullptr},
    {"create_dynamic", FAST(imp_create_dynamic), METH_FASTCALL, nullptr},
    {"exec_dynamic", imp_exec_dynamic, METH_O, nullptr},
    {"_fix_co_filename", FAST(imp_fix_co_filename), METH_FASTCALL, nullptr},
    {"source_hash", FAST(imp_source_hash), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"_override_multi_interp_extensions_check", imp_override_multi_interp, METH_O, nullptr},
    {"_override_frozen_modules_for_tests", imp_override_frozen, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

void import_lock_fork_prepare() { import_lock_acquire(); }

void import_lock_fork_parent() {
  {
    std::lock_guard<std::mutex> g(g_import_lock.mu);
    if (--g_import_lock.count > 0) return;
  }
  g_import_lock.cv.notify_one();
}

void import_lock_fork_child() {
  // Threads that waited for the lock are gone: fresh synchronisation objects (see sync::parking_lot_after_fork).
  // The lock's count is ours (fork_prepare took it once, perhaps inside an import), so only that hold is dropped.
  new (&g_import_lock.mu) std::mutex();
  new (&g_import_lock.cv) std::condition_variable();
  g_import_lock.owner = pthread_self();
  g_import_lock.count--;
}

Object* create_imp_module() {
  ORef m = steal(module_new(str_interned("_imp")));
  if (!m || module_add_functions(m.get(), imp_methods) < 0) return nullptr;
  ORef mode = steal(str_from_utf8("default"));
  if (!mode || dict_set_str(module_dict(m.get()), "check_hash_based_pycs", mode.get()) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
