// Loading extension modules (_imp.create_dynamic / exec_dynamic through vm/extension.h's hooks): dlopen the file,
// call PyInit_<last name component>, single-phase (a module) or multi-phase (a PyModuleDef) initialisation, the
// Py_mod_gil check, and the embedder's inittab (PyImport_AppendInittab). Owner: capi-a.
//
// Thread-safety: importlib serialises imports of one name (its module locks); the inittab is written before
// Py_Initialize and read-only afterwards; t_package_context is per thread.
#include <dlfcn.h>

#include <cstring>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "compat/capi/module_internal.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/extension.h"
#include "vm/modules/modules.h"

namespace pyvm::capi {

using InitFunc = PyObject* (*)(void);

namespace {

std::vector<std::pair<std::string, InitFunc>>& inittab() {
  static auto* t = new std::vector<std::pair<std::string, InitFunc>>();
  return *t;
}

InitFunc find_inittab(const char* name) {
  for (auto& [n, f] : inittab())
    if (n == name) return f;
  return nullptr;
}

// ImportError(msg, name=name, path=path), as CPython's PyErr_SetImportError.
std::nullptr_t import_error(const std::string& msg, Object* name, Object* path) {
  ORef m = steal(str_from_utf8(msg));
  ORef kw = steal(tuple_new(2));
  if (!m || !kw) return nullptr;
  tuple_set(kw.get(), 0, newref(str_interned("name")));
  tuple_set(kw.get(), 1, newref(str_interned("path")));
  Object* args[3] = {m.get(), name ? name : none(), path ? path : none()};
  ORef exc = steal(call(reinterpret_cast<Object*>(&exc_ImportError), args, 1, kw.get()));
  if (!exc) return nullptr;
  set_error_object(exc.get());
  return nullptr;
}

// The RuntimeWarning for a module that did not declare Py_MOD_GIL_NOT_USED; -1 when the warning became an error.
int gil_check(Object* module, const std::string& name) {
  if (!type_check(module, &module_type) || !module_uses_gil(module)) return 0;
  std::string msg = "The module '" + name +
                    "' has not declared that it can run safely without the GIL (Py_mod_gil = Py_MOD_GIL_NOT_USED); "
                    "pyvm runs its functions under a lock of the module's own, the rest of the program stays parallel";
  return runtime_warn(&exc_RuntimeWarning, msg.c_str(), 1);
}

Object* load(Object* spec) {
  ORef name = steal(get_attr_str(spec, "name"));
  if (!name) return nullptr;
  if (!type_check(name.get(), &str_type))
    return set_errorf(&exc_TypeError, "spec.name must be a string, not {}", type_name(name.get()));
  std::string sname(str_view(name.get()));
  ORef origin = steal(get_attr_str(spec, "origin"));
  if (!origin) return nullptr;
  bool from_file = type_check(origin.get(), &str_type) && str_view(origin.get()) != "built-in";
  InitFunc init = nullptr;
  if (!from_file) {
    init = find_inittab(sname.c_str());
    if (!init) return import_error("no built-in module named " + sname, name.get(), nullptr);
  } else {
    std::string path(str_view(origin.get()));
    // RTLD_NOW, as CPython's default sys.getdlopenflags(): every undefined symbol is resolved (against libpyvm.so's
    // C-API) before PyInit runs, so a missing API function is an ImportError rather than a crash later.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* err = dlerror();
      return import_error(err ? err : "dlopen failed", name.get(), origin.get());
    }
    size_t dot = sname.rfind('.');
    std::string sym = "PyInit_" + (dot == std::string::npos ? sname : sname.substr(dot + 1));
    init = reinterpret_cast<InitFunc>(dlsym(handle, sym.c_str()));
    if (!init)
      return import_error("dynamic module does not define module export function (" + sym + ")", name.get(),
                          origin.get());
  }
  const char* prev_ctx = t_package_context;
  t_package_context = sname.c_str();
  // The module's lock exists before its module object: static types readied before PyModule_Create bind to it, and
  // the module made here (single-phase, or multi-phase below) adopts it (module_set_gil).
  ModuleLock* pending = module_lock_new();
  ModuleInitScope scope(pending);
  struct DropPending {
    ModuleLock* l;
    ~DropPending() { module_lock_drop(l); }
  } drop_pending{pending};
  ORef m = steal(init());
  t_package_context = prev_ctx;
  if (!m) {
    if (!error_occurred())
      return set_errorf(&exc_SystemError, "initialization of {} failed without raising an exception", sname);
    return nullptr;
  }
  if (error_occurred()) return set_errorf(&exc_SystemError, "initialization of {} raised unreported exception", sname);
  if (type_of(m.get()) == &PyModuleDef_Type) {
    // Multi-phase: the definition; the module comes from its Py_mod_create slot (or is a new module).
    auto* def = reinterpret_cast<PyModuleDef*>(m.get());
    (void)m.release();  // a static definition: no reference to drop
    ORef mod = steal(PyModule_FromDefAndSpec2(def, spec, PYTHON_API_VERSION));
    if (!mod || gil_check(mod.get(), sname) < 0) return nullptr;
    return mod.release();
  }
  // Single-phase: a module made by PyModule_Create.
  if (!type_check(m.get(), &module_type) || !reinterpret_cast<ModuleObject*>(m.get())->md_def)
    return set_errorf(&exc_SystemError, "initialization of {} did not return an extension module", sname);
  PyModuleDef* def = reinterpret_cast<ModuleObject*>(m.get())->md_def;
  def->m_base.m_init = init;
  if (from_file && dict_set(module_dict(m.get()), strs::file, origin.get()) < 0) return nullptr;
  if (PyState_AddModule(m.get(), def) < 0) return nullptr;
  if (gil_check(m.get(), sname) < 0) return nullptr;
  return m.release();
}

int exec(Object* module) {
  if (!type_check(module, &module_type)) return 0;
  auto* m = reinterpret_cast<ModuleObject*>(module);
  if (!m->md_def || m->md_state) return 0;  // not an extension module, or already executed
  ModuleInitScope scope(static_cast<ModuleLock*>(m->md_gil));  // types made by Py_mod_exec bind to the module
  return PyModule_ExecDef(module, m->md_def);
}

const ExtensionHooks g_hooks = {load, exec, find_inittab};

}  // namespace

void install_module_free_hook();  // module_object.cc

void install_module_support() {
  install_module_free_hook();
  set_extension_hooks(&g_hooks);
}

std::vector<std::string> inittab_names() {
  std::vector<std::string> out;
  for (auto& e : inittab()) out.push_back(e.first);
  return out;
}

int append_inittab(const char* name, InitFunc initfunc) {
  inittab().emplace_back(name, initfunc);
  return 0;
}

}  // namespace pyvm::capi
