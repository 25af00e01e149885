// Shared between the module-object C-API (module_object.cc) and extension loading (import_ext.cc). Owner: capi-a.
#pragma once

#include "Python.h"

#include <string>

namespace pyvm::capi {

// The full dotted name of the extension module whose PyInit_* runs on this thread (CPython's _Py_PackageContext):
// PyModule_Create2 names a single-phase module after it when the definition's m_name is its last component.
extern thread_local const char* t_package_context;

// Whether a module runs its functions under its own lock (it did not declare Py_MOD_GIL_NOT_USED).
bool module_uses_gil(PyObject* module);
// Gives the module a lock (gil=true) or takes it away.
void module_set_gil(PyObject* module, bool gil);

// Installs the module free hook (objects/module.h) and the extension loader (vm/extension.h). Idempotent.
void install_module_support();

}  // namespace pyvm::capi
