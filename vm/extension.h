// Hooks through which the _imp module reaches the C-API layer (compat/capi, linked into libpyvm.so) without the
// runtime depending on it: loading extension modules and the embedder's PyImport_AppendInittab table. A binary
// linked without the C-API leaves them unset, and _imp reports that it cannot load extensions.
#pragma once

#include "objects/object.h"

namespace pyvm {

struct ExtensionHooks {
  // _imp.create_dynamic(spec): dlopen spec.origin, run PyInit_<name>; a module (new reference) or null with an
  // exception.
  Object* (*create_dynamic)(Object* spec);
  // _imp.exec_dynamic(module): runs the Py_mod_exec slots of a multi-phase module; 0, or -1 with an exception.
  int (*exec_dynamic)(Object* module);
  // The initialisation function PyImport_AppendInittab registered under `name`, or null.
  Object* (*(*find_inittab)(const char* name))(void);
};

void set_extension_hooks(const ExtensionHooks* hooks);
const ExtensionHooks* extension_hooks();  // null until set

}  // namespace pyvm
