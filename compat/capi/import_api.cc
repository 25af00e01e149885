// Importing from C: PyImport_Import*, sys.modules access, PyImport_AddModule*, PyImport_ExecCodeModule*, and
// PyImport_AppendInittab. Owner: capi-a. Thin wrappers over vm/import.h and sys.modules (a self-locking dict).
#include <cstdio>
#include <cstring>
#include <string>

#include "Python.h"
#include "compat/capi/embed_internal.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/builtin_modules.h"
#include "vm/code.h"
#include "vm/import.h"
#include "vm/interp.h"
#include "vm/runtime.h"
#include "vm/sysmodule.h"

namespace pyvm::capi {
int append_inittab(const char* name, PyObject* (*initfunc)(void));  // import_ext.cc

namespace {

Object* str_arg(const char* s) { return str_from_utf8(s, ssize(std::strlen(s))); }

// sys.modules[name] when it is a module, else a new empty module stored there (new reference).
Object* add_module(Object* name) {
  Object* modules = sys_modules();
  Object* m = nullptr;
  int r = dict_get(modules, name, &m);
  if (r < 0) return nullptr;
  if (r > 0) {
    if (type_check(m, &module_type)) return m;
    decref(m);
  }
  ORef nm = steal(module_new(name));
  if (!nm || dict_set(modules, name, nm.get()) < 0) return nullptr;
  return nm.release();
}

}  // namespace
}  // namespace pyvm::capi

using namespace pyvm;

extern "C" {

PyObject* PyImport_GetModuleDict(void) { return sys_modules(); }

PyObject* PyImport_GetModule(PyObject* name) {
  Object* m = nullptr;
  if (dict_get(sys_modules(), name, &m) < 0) return nullptr;
  return m;  // null without an error when absent
}

PyObject* PyImport_AddModuleRef(const char* name) {
  ORef n = steal(capi::str_arg(name));
  if (!n) return nullptr;
  return capi::add_module(n.get());
}

// Borrowed: sys.modules keeps the module alive (CPython's own caveat applies if the caller removes it).
PyObject* PyImport_AddModuleObject(PyObject* name) {
  ORef m = steal(capi::add_module(name));
  return m.get();
}

PyObject* PyImport_AddModule(const char* name) {
  ORef m = steal(PyImport_AddModuleRef(name));
  return m.get();
}

PyObject* PyImport_ImportModuleLevelObject(PyObject* name, PyObject* globals, PyObject* locals, PyObject* fromlist,
                                           int level) {
  if (!name) return set_error(&exc_ValueError, "Empty module name");
  if (level < 0) return set_error(&exc_ValueError, "level must be >= 0");
  return import_module_level(name, globals, locals, fromlist, level);
}

PyObject* PyImport_ImportModuleLevel(const char* name, PyObject* globals, PyObject* locals, PyObject* fromlist,
                                     int level) {
  ORef n = steal(capi::str_arg(name));
  if (!n) return nullptr;
  return PyImport_ImportModuleLevelObject(n.get(), globals, locals, fromlist, level);
}

// builtins.__import__(name, globals, None, ['__doc__'], 0) (so that an import hook sees it), then sys.modules[name]:
// the named module itself for a dotted name, as CPython's PyImport_Import.
PyObject* PyImport_Import(PyObject* name) {
  if (!name || !type_check(name, &str_type)) return set_error(&exc_SystemError, "bad argument to internal function");
  ORef imp = steal(get_attr_str(builtins_module(), "__import__"));
  if (!imp) return nullptr;
  ORef fromlist = steal(list_new(0));
  if (!fromlist || list_append(fromlist.get(), strs::doc) < 0) return nullptr;
  ORef zero = steal(int_from_i64(0));
  if (!zero) return nullptr;
  Object* args[5] = {name, module_dict(builtins_module()), none(), fromlist.get(), zero.get()};
  ORef r = steal(call(imp.get(), args, 5, nullptr));
  if (!r) return nullptr;
  Object* m = PyImport_GetModule(name);
  if (!m && !error_occurred()) set_error_value(&exc_KeyError, name);
  return m;
}

PyObject* PyImport_ImportModule(const char* name) {
  ORef n = steal(capi::str_arg(name));
  if (!n) return nullptr;
  return PyImport_Import(n.get());
}

PyObject* PyImport_ExecCodeModuleObject(PyObject* name, PyObject* co, PyObject* pathname, PyObject* cpathname) {
  ORef m = steal(capi::add_module(name));
  if (!m) return nullptr;
  Object* d = module_dict(m.get());
  Object* file = pathname ? pathname : (type_of(co) == &code_type ? as_code(co)->filename : nullptr);
  if (file && dict_set(d, strs::file, file) < 0) return nullptr;
  if (cpathname && dict_set_str(d, "__cached__", cpathname) < 0) return nullptr;
  ORef r = steal(PyEval_EvalCode(co, d, d));
  if (!r) {
    // The failed module leaves sys.modules, as CPython's remove_module does.
    ORef exc = steal(error_take());
    if (dict_del(sys_modules(), name) < 0) error_clear();
    set_error_steal(exc.release());
    return nullptr;
  }
  Object* out = PyImport_GetModule(name);
  if (!out && !error_occurred())
    set_errorf(&exc_ImportError, "Loaded module {} not found in sys.modules", str_view(name));
  return out;
}

PyObject* PyImport_ExecCodeModuleWithPathnames(const char* name, PyObject* co, const char* pathname,
                                               const char* cpathname) {
  ORef n = steal(capi::str_arg(name));
  ORef p = pathname ? steal(capi::str_arg(pathname)) : ORef();
  ORef c = cpathname ? steal(capi::str_arg(cpathname)) : ORef();
  if (!n || (pathname && !p) || (cpathname && !c)) return nullptr;
  return PyImport_ExecCodeModuleObject(n.get(), co, p.get(), c.get());
}

PyObject* PyImport_ExecCodeModuleEx(const char* name, PyObject* co, const char* pathname) {
  return PyImport_ExecCodeModuleWithPathnames(name, co, pathname, nullptr);
}

PyObject* PyImport_ExecCodeModule(const char* name, PyObject* co) {
  return PyImport_ExecCodeModuleWithPathnames(name, co, nullptr, nullptr);
}

int PyImport_AppendInittab(const char* name, PyObject* (*initfunc)(void)) {
  if (capi::runtime_initialized()) {
    std::fputs("PyImport_AppendInittab() may not be called after Py_Initialize()\n", stderr);
    return -1;
  }
  return capi::append_inittab(name, initfunc);
}

}  // extern "C"
