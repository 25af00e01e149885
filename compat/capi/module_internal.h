// Shared between the module-object C-API (module_object.cc) and extension loading (import_ext.cc). Owner: capi-a.
#pragma once

#include "Python.h"

#include <string>

namespace pyvm::capi {

// The full dotted name of the extension module whose PyInit_* runs on this thread (CPython's _Py_PackageContext):
// PyModule_Create2 names a single-phase module after it when the definition's m_name is its last component.
extern constinit thread_local const char* t_package_context;

// Whether a module runs its functions under its own lock (it did not declare Py_MOD_GIL_NOT_USED).
bool module_uses_gil(PyObject* module);
// Gives the module a lock (gil=true) or takes it away. A module made while a ModuleInitScope with a lock is active
// on this thread adopts that lock (so types readied before PyModule_Create share it).
void module_set_gil(PyObject* module, bool gil);

// ---- the module lock (module_lock.cc) ----

// A recursive lock owned by one thread at a time; a waiting thread detaches. Reference counted: the module, an
// init scope and each type bound to it hold one.
struct ModuleLock;
ModuleLock* module_lock_new();  // one reference
void module_lock_retain(ModuleLock* l);
void module_lock_drop(ModuleLock* l);
bool module_lock_enabled(ModuleLock* l);
void module_lock_set_enabled(ModuleLock* l, bool on);
void module_lock_acquire(ModuleLock* l);
void module_lock_release(ModuleLock* l);

// While alive, types made or readied on this thread are bound to `l` (null: to none): the module's PyInit_* or
// Py_mod_exec is running.
class ModuleInitScope {
 public:
  explicit ModuleInitScope(ModuleLock* l);
  ~ModuleInitScope();
  ModuleInitScope(const ModuleInitScope&) = delete;
  ModuleInitScope& operator=(const ModuleInitScope&) = delete;

 private:
  ModuleLock* prev_;
};
ModuleLock* module_init_lock();

// Binds a type about to be readied to the lock of the module being initialised on this thread (if any, and if it
// is enabled): its own slot functions, methods and getsets are replaced by trampolines that take the lock.
// 0, or -1 with an exception set.
int type_bind_module_lock(PyTypeObject* t);

// PyEval_SaveThread / PyEval_RestoreThread: release every module lock this thread holds, and take them back.
void module_locks_save();
void module_locks_restore();

// Installs the module free hook (objects/module.h) and the extension loader (vm/extension.h). Idempotent.
void install_module_support();

}  // namespace pyvm::capi
