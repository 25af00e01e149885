// The _imp module: what CPython's importlib._bootstrap(_external) asks of the runtime — built-in module creation,
// the global import lock, frozen-module queries (pyvm freezes nothing) and extension-module hooks (not yet).
//
// Thread-safety contract: the import lock is a recursive lock owned by one thread at a time (g_import_lock below,
// guarded by its own std::mutex); everything else here is stateless.
#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

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
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/sysmodule.h"

namespace pyvm {
namespace {

struct ImportLock {
  std::mutex mu;
  std::condition_variable cv;
  pthread_t owner{};
  uint64_t count = 0;
} g_import_lock;

Object* imp_acquire_lock(Object*, Object*) {
  std::unique_lock<std::mutex> g(g_import_lock.mu);
  pthread_t me = pthread_self();
  if (g_import_lock.count > 0 && pthread_equal(g_import_lock.owner, me)) {
    g_import_lock.count++;
    return newref(none());
  }
  // TODO(free-threading): detach the thread state while waiting.
  g_import_lock.cv.wait(g, [] { return g_import_lock.count == 0; });
  g_import_lock.owner = me;
  g_import_lock.count = 1;
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
  if (!def) return int_from_i64(0);
  return int_from_i64(def->create ? 1 : -1);
}

Object* imp_create_builtin(Object*, Object* spec) {
  ORef name = steal(get_attr_str(spec, "name"));
  if (!name) return nullptr;
  if (!type_check(name.get(), &str_type))
    return set_errorf(&exc_TypeError, "name must be string, not {}", type_name(name.get()));
  const BuiltinModuleDef* def = find_builtin_module(str_view(name.get()));
  if (!def) {
    // CPython returns None for names it does not know; BuiltinImporter never asks for those.
    return newref(none());
  }
  return import_builtin_module(name.get());
}

Object* imp_exec_builtin(Object*, Object*) { return int_from_i64(0); }

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

Object* imp_extension_suffixes(Object*, Object*) {
  // TODO(c-api): '.cpython-313t-x86_64-linux-gnu.so', '.abi3.so', '.so' once extensions can be loaded.
  return list_new(0);
}

Object* imp_create_dynamic(Object*, Object* const* args, ssize nargs) {
  std::string n = "?";
  if (nargs > 0) {
    ORef name = steal(get_attr_str(args[0], "name"));
    if (name && type_check(name.get(), &str_type)) n = str_view(name.get());
    error_clear();
  }
  return set_errorf(&exc_ImportError, "pyvm cannot load C extension modules yet ('{}')", n);
}

Object* imp_exec_dynamic(Object*, Object*) { return int_from_i64(0); }

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

Object* create_imp_module() {
  ORef m = steal(module_new(str_interned("_imp")));
  if (!m || module_add_functions(m.get(), imp_methods) < 0) return nullptr;
  ORef mode = steal(str_from_utf8("default"));
  if (!mode || dict_set_str(module_dict(m.get()), "check_hash_based_pycs", mode.get()) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
