// Module objects: a namespace dict with a name.
#pragma once

#include "objects/object.h"

namespace pyvm {

struct ModuleObject {
  PyObject ob_base;
  Object* md_dict;
  PyModuleDef* md_def;
  void* md_state;
  Object* md_weaklist;
  Object* md_name;
  void* md_gil;  // 3.13t's field; pyvm: the lock of a module that did not declare Py_MOD_GIL_NOT_USED (compat/capi)
};

// Frees what the C-API attached to a module (md_state, m_free, md_gil); installed by compat/capi, called by
// module_dealloc for modules that have any of them.
using ModuleFreeHook = void (*)(Object* m);
extern ModuleFreeHook module_free_hook;

// The module repr once importlib is loaded: its _module_repr (vm/import.cc installs it; objects/ knows no importlib).
extern Object* (*module_repr_hook)(Object* m);

[[nodiscard]] Object* module_new(Object* name);  // sets __name__, __doc__=None, __package__, __loader__, __spec__
inline Object* module_dict(Object* m) { return reinterpret_cast<ModuleObject*>(m)->md_dict; }
// Adds the functions of a PyMethodDef table (terminated by a null name) to a module.
[[nodiscard]] int module_add_functions(Object* m, PyMethodDef* defs);

}  // namespace pyvm
