// Module objects and module definitions: PyModule_*, PyModuleDef_Init, single- and multi-phase creation, module
// state, PyState_*, and the per-module lock of modules that did not declare Py_MOD_GIL_NOT_USED. Owner: capi-a.
//
// Thread-safety: a module's dict is the runtime's (self-locking) dict. md_def/md_state/md_gil are written while the
// module is being created (by one thread) and only read afterwards. The PyState_* table has its own mutex. A module
// lock (ModuleLock, module_lock.cc) is recursive, and a thread waiting for it detaches so stop-the-world proceeds.
#include "compat/capi/module_internal.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/threads.h"

namespace pyvm::capi {

constinit thread_local const char* t_package_context = nullptr;

namespace {

ModuleObject* as_module(PyObject* m) { return reinterpret_cast<ModuleObject*>(m); }
bool is_module(PyObject* m) { return m && type_check(m, &module_type); }

// call_method_def, with the common calls without keywords made here directly (module functions are what extensions
// call most; tools/bench/capi measures this path). Everything else, errors included, goes to call_method_def.
inline Object* call_def(PyMethodDef* ml, Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!kwnames) {
    switch (ml->ml_flags) {
      case METH_FASTCALL:
        return reinterpret_cast<PyCFunctionFast>(reinterpret_cast<void*>(ml->ml_meth))(self, args, nargs);
      case METH_FASTCALL | METH_KEYWORDS:
        return reinterpret_cast<PyCFunctionFastWithKeywords>(reinterpret_cast<void*>(ml->ml_meth))(self, args, nargs,
                                                                                                 nullptr);
      case METH_O:
        if (nargs == 1) return ml->ml_meth(self, args[0]);
        break;
      case METH_NOARGS:
        if (nargs == 0) return ml->ml_meth(self, nullptr);
        break;
      default:
        break;
    }
  }
  return call_method_def(ml, self, args, nargs, kwnames);
}

// The vectorcall of the functions of a module's PyMethodDef table: under the module's lock while it has one.
Object* module_function_vectorcall(Object* f, Object* const* args, size_t nargsf, Object* kwnames) {
  auto* c = reinterpret_cast<CFunctionObject*>(f);
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  auto* lock = static_cast<ModuleLock*>(as_module(c->m_self)->md_gil);
  if (!lock || !module_lock_enabled(lock)) return call_def(c->m_ml, c->m_self, args, nargs, kwnames);
  module_lock_acquire(lock);
  Object* r = call_def(c->m_ml, c->m_self, args, nargs, kwnames);
  module_lock_release(lock);
  return r;
}

void free_module_data(Object* o) {
  ModuleObject* m = as_module(o);
  PyModuleDef* def = m->md_def;
  if (def && def->m_free && (def->m_size <= 0 || m->md_state)) def->m_free(o);
  if (m->md_state) {
    std::free(m->md_state);
    m->md_state = nullptr;
  }
  if (m->md_gil) {
    module_lock_drop(static_cast<ModuleLock*>(m->md_gil));
    m->md_gil = nullptr;
  }
}

std::nullptr_t bad_argument() { return set_error(&exc_TypeError, "bad argument type for built-in operation"); }
std::nullptr_t bad_internal_call() { return set_error(&exc_SystemError, "bad argument to internal function"); }

std::string module_name_for_message(PyObject* m) {
  ModuleObject* mo = as_module(m);
  if (mo->md_name && type_check(mo->md_name, &str_type)) return std::string(str_view(mo->md_name));
  return "?";
}

// A PyModuleDef compiled for the default (GIL) CPython ABI has a 16-byte object header whose first word is its
// reference count (1, or 0xFFFFFFFF when immortal); 3.13t's header starts with ob_tid, 0 in a static definition.
bool def_has_wrong_abi(PyModuleDef* def) {
  return def->m_base.ob_base.ob_tid != 0 || def->m_base.ob_base.ob_ref_local != UINT32_MAX;
}

std::atomic<Py_ssize_t> g_next_index{1};

std::mutex g_state_mu;
std::unordered_map<PyModuleDef*, Object*>* g_state_modules = nullptr;  // strong references

void api_version_check(const char* name, int apiver) {
  if (apiver == PYTHON_API_VERSION) return;
  std::string msg = "Python C API version mismatch for module " + std::string(name) + ": This Python has API version " +
                    std::to_string(PYTHON_API_VERSION) + ", module " + name + " has version " + std::to_string(apiver) +
                    ".";
  if (runtime_warn(&exc_RuntimeWarning, msg.c_str(), 1) < 0) error_clear();
}

}  // namespace

bool module_uses_gil(PyObject* module) {
  auto* lock = static_cast<ModuleLock*>(as_module(module)->md_gil);
  return lock && module_lock_enabled(lock);
}

// The module's own functions (PyModule_AddFunctions) take its lock through module_function_vectorcall while it
// uses one, and have the plain cfunction_vectorcall otherwise, which the interpreter calls without any wrapper.
// Switched here whenever the module's lock is turned on or off (during its initialisation, before other threads
// can call them).
void module_functions_follow_lock(PyObject* module, bool gil) {
  Object* d = module_dict(module);
  if (!d) return;
  Object* key;
  Object* value;
  ssize pos = 0;
  while (dict_next(d, &pos, &key, &value)) {
    if (type_of(value) != &builtin_function_type) continue;
    auto* c = reinterpret_cast<CFunctionObject*>(value);
    if (c->m_self != module || !(c->vectorcall == module_function_vectorcall || c->vectorcall == cfunction_vectorcall))
      continue;
    c->vectorcall = gil ? module_function_vectorcall : cfunction_vectorcall;
  }
}

void module_set_gil(PyObject* module, bool gil) {
  ModuleObject* m = as_module(module);
  if (!m->md_gil) {
    if (ModuleLock* pending = module_init_lock()) {
      module_lock_retain(pending);
      m->md_gil = pending;
    } else {
      if (!gil) return;
      m->md_gil = module_lock_new();
    }
  }
  module_lock_set_enabled(static_cast<ModuleLock*>(m->md_gil), gil);
  module_functions_follow_lock(module, gil);
}

}  // namespace pyvm::capi

using namespace pyvm;
using pyvm::capi::as_module;
using pyvm::capi::is_module;

extern "C" {

PyTypeObject PyModuleDef_Type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "moduledef",
    .tp_basicsize = sizeof(PyModuleDef),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

PyObject* PyModule_NewObject(PyObject* name) {
  if (!name || !type_check(name, &str_type)) return capi::bad_internal_call();
  return module_new(name);
}

PyObject* PyModule_New(const char* name) {
  ORef n = steal(str_from_utf8(name, ssize(std::strlen(name))));
  if (!n) return nullptr;
  return module_new(n.get());
}

PyObject* PyModule_GetDict(PyObject* m) {
  if (!is_module(m)) return capi::bad_internal_call();
  return module_dict(m);
}

PyObject* PyModule_GetNameObject(PyObject* m) {
  if (!is_module(m)) return capi::bad_argument();
  Object* name = nullptr;
  int r = dict_get(module_dict(m), strs::name, &name);
  if (r < 0) return nullptr;
  if (r == 0 || !type_check(name, &str_type)) {
    xdecref(name);
    return set_error(&exc_SystemError, "nameless module");
  }
  return name;
}

const char* PyModule_GetName(PyObject* m) {
  ORef name = steal(PyModule_GetNameObject(m));
  if (!name) return nullptr;
  return str_utf8(name.get());  // borrowed from the dict's reference, as in CPython
}

PyObject* PyModule_GetFilenameObject(PyObject* m) {
  if (!is_module(m)) return capi::bad_argument();
  Object* file = nullptr;
  int r = dict_get(module_dict(m), strs::file, &file);
  if (r < 0) return nullptr;
  if (r == 0 || !type_check(file, &str_type)) {
    xdecref(file);
    return set_error(&exc_SystemError, "module filename missing");
  }
  return file;
}

const char* PyModule_GetFilename(PyObject* m) {
  ORef file = steal(PyModule_GetFilenameObject(m));
  if (!file) return nullptr;
  return str_utf8(file.get());
}

PyModuleDef* PyModule_GetDef(PyObject* m) {
  if (!is_module(m)) return capi::bad_argument();
  return as_module(m)->md_def;
}

void* PyModule_GetState(PyObject* m) {
  if (!is_module(m)) return capi::bad_argument();
  return as_module(m)->md_state;
}

PyObject* PyModuleDef_Init(PyModuleDef* def) {
  if (capi::def_has_wrong_abi(def)) {
    const char* who = capi::t_package_context ? capi::t_package_context : "?";
    return set_errorf(&exc_ImportError,
                      "extension module '{}' was built for the default (GIL) CPython ABI, not the free-threaded "
                      "CPython 3.13t ABI that pyvm implements (rebuild it against pyvm's or CPython 3.13t's headers)",
                      who);
  }
  static std::once_flag ready;
  std::call_once(ready, [] {
    if (type_ready(&PyModuleDef_Type) < 0) error_clear();
  });
  if (def->m_base.m_index == 0) {
    Py_ssize_t expected = 0;
    Py_ssize_t idx = capi::g_next_index.fetch_add(1);
    __atomic_compare_exchange_n(&def->m_base.m_index, &expected, idx, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
    def->m_base.ob_base.ob_type = &PyModuleDef_Type;
  }
  return reinterpret_cast<PyObject*>(def);
}

int PyModule_AddFunctions(PyObject* m, PyMethodDef* functions) {
  if (!is_module(m)) {
    capi::bad_internal_call();
    return -1;
  }
  Object* name = as_module(m)->md_name;
  for (PyMethodDef* d = functions; d && d->ml_name; d++) {
    if (d->ml_flags & (METH_CLASS | METH_STATIC)) {
      set_error(&exc_ValueError, "module functions cannot set METH_CLASS or METH_STATIC");
      return -1;
    }
    ORef f = steal(cfunction_new(d, m, name));
    if (!f) return -1;
    if (capi::module_uses_gil(m)) reinterpret_cast<CFunctionObject*>(f.get())->vectorcall = capi::module_function_vectorcall;
    if (set_attr(m, str_interned(d->ml_name), f.get()) < 0) return -1;
  }
  return 0;
}

int PyModule_SetDocString(PyObject* m, const char* doc) {
  ORef v = steal(str_from_utf8(doc, ssize(std::strlen(doc))));
  if (!v) return -1;
  return set_attr(m, strs::doc, v.get());
}

int PyUnstable_Module_SetGIL(PyObject* m, void* gil) {
  if (!is_module(m)) {
    capi::bad_internal_call();
    return -1;
  }
  capi::module_set_gil(m, gil != Py_MOD_GIL_NOT_USED);
  return 0;
}

PyObject* PyModule_Create2(PyModuleDef* def, int apiver) {
  if (!PyModuleDef_Init(def)) return nullptr;
  const char* name = def->m_name;
  capi::api_version_check(name, apiver);
  if (const char* ctx = capi::t_package_context) {
    const char* dot = std::strrchr(ctx, '.');
    if (dot && std::strcmp(name, dot + 1) == 0) name = ctx;
    capi::t_package_context = nullptr;
  }
  ORef m = steal(PyModule_New(name));
  if (!m) return nullptr;
  if (def->m_size > 0) {
    void* state = std::calloc(1, size_t(def->m_size));
    if (!state) return no_memory();
    as_module(m.get())->md_state = state;
  }
  as_module(m.get())->md_def = def;
  capi::module_set_gil(m.get(), true);  // single-phase: the GIL is used unless PyUnstable_Module_SetGIL says not
  if (def->m_methods && PyModule_AddFunctions(m.get(), def->m_methods) < 0) return nullptr;
  if (def->m_doc && PyModule_SetDocString(m.get(), def->m_doc) < 0) return nullptr;
  return m.release();
}

PyObject* PyModule_FromDefAndSpec2(PyModuleDef* def, PyObject* spec, int apiver) {
  if (!PyModuleDef_Init(def)) return nullptr;
  ORef name = steal(get_attr_str(spec, "name"));
  if (!name) return nullptr;
  if (!type_check(name.get(), &str_type))
    return set_errorf(&exc_TypeError, "module name must be a string, not {}", type_name(name.get()));
  std::string sname(str_view(name.get()));
  capi::api_version_check(sname.c_str(), apiver);
  PyObject* (*create)(PyObject*, PyModuleDef*) = nullptr;
  bool has_exec = false, gil_not_used = false, seen_gil = false, seen_multi = false;
  for (PyModuleDef_Slot* s = def->m_slots; s && s->slot; s++) {
    switch (s->slot) {
      case Py_mod_create:
        if (create) return set_errorf(&exc_SystemError, "module {} has multiple create slots", sname);
        create = reinterpret_cast<PyObject* (*)(PyObject*, PyModuleDef*)>(s->value);
        break;
      case Py_mod_exec:
        has_exec = true;
        break;
      case Py_mod_multiple_interpreters:
        if (seen_multi)
          return set_errorf(&exc_SystemError, "module {} has more than one 'multiple interpreters' slots", sname);
        seen_multi = true;
        break;
      case Py_mod_gil:
        if (seen_gil) return set_errorf(&exc_SystemError, "module {} has more than one 'gil' slot", sname);
        seen_gil = true;
        gil_not_used = s->value == Py_MOD_GIL_NOT_USED;
        break;
      default:
        return set_errorf(&exc_SystemError, "module {} uses unknown slot ID {}", sname, s->slot);
    }
  }
  ORef m;
  if (create) {
    m = steal(create(spec, def));
    if (!m) {
      if (!error_occurred())
        return set_errorf(&exc_SystemError, "creation of module {} failed without setting an exception", sname);
      return nullptr;
    }
    if (error_occurred())
      return set_errorf(&exc_SystemError, "creation of module {} raised unreported exception", sname);
  } else {
    m = steal(module_new(name.get()));
    if (!m) return nullptr;
  }
  if (is_module(m.get())) {
    as_module(m.get())->md_state = nullptr;
    as_module(m.get())->md_def = def;
    capi::module_set_gil(m.get(), !gil_not_used);
  } else if (def->m_size > 0 || def->m_traverse || def->m_clear || def->m_free) {
    return set_errorf(&exc_SystemError, "module {} is not a module object, but requests module state", sname);
  } else if (has_exec) {
    return set_errorf(&exc_SystemError, "module {} specifies execution slots, but did not create a ModuleType instance",
                      sname);
  }
  if (def->m_methods) {
    if (is_module(m.get())) {
      if (PyModule_AddFunctions(m.get(), def->m_methods) < 0) return nullptr;
    } else {
      for (PyMethodDef* d = def->m_methods; d->ml_name; d++) {
        ORef f = steal(cfunction_new(d, m.get(), name.get()));
        if (!f || set_attr(m.get(), str_interned(d->ml_name), f.get()) < 0) return nullptr;
      }
    }
  }
  if (def->m_doc && PyModule_SetDocString(m.get(), def->m_doc) < 0) return nullptr;
  return m.release();
}

int PyModule_ExecDef(PyObject* module, PyModuleDef* def) {
  ORef name = steal(PyModule_GetNameObject(module));
  if (!name) return -1;
  std::string sname(str_view(name.get()));
  ModuleObject* m = as_module(module);
  if (def->m_size >= 0 && !m->md_state && def->m_size > 0) {
    m->md_state = std::calloc(1, size_t(def->m_size));
    if (!m->md_state) {
      no_memory();
      return -1;
    }
  }
  for (PyModuleDef_Slot* s = def->m_slots; s && s->slot; s++) {
    if (s->slot != Py_mod_exec) continue;
    int ret = reinterpret_cast<int (*)(PyObject*)>(s->value)(module);
    if (ret != 0) {
      if (!error_occurred())
        set_errorf(&exc_SystemError, "execution of module {} failed without setting an exception", sname);
      return -1;
    }
    if (error_occurred()) {
      set_errorf(&exc_SystemError, "execution of module {} raised unreported exception", sname);
      return -1;
    }
  }
  return 0;
}

PyObject* PyState_FindModule(PyModuleDef* def) {
  if (!def || def->m_slots || def->m_base.m_index == 0) return nullptr;
  std::lock_guard<std::mutex> g(capi::g_state_mu);
  if (!capi::g_state_modules) return nullptr;
  auto it = capi::g_state_modules->find(def);
  return it == capi::g_state_modules->end() ? nullptr : it->second;
}

int PyState_AddModule(PyObject* module, PyModuleDef* def) {
  if (!def) {
    set_error(&exc_SystemError, "module definition is NULL");
    return -1;
  }
  if (def->m_slots) {
    set_error(&exc_SystemError, "PyState_AddModule called on module with slots");
    return -1;
  }
  if (!PyModuleDef_Init(def)) return -1;
  Object* old = nullptr;
  {
    std::lock_guard<std::mutex> g(capi::g_state_mu);
    if (!capi::g_state_modules) capi::g_state_modules = new std::unordered_map<PyModuleDef*, Object*>();
    Object*& slot = (*capi::g_state_modules)[def];
    old = slot;
    slot = newref(module);
  }
  xdecref(old);
  return 0;
}

int PyState_RemoveModule(PyModuleDef* def) {
  if (def->m_slots) {
    set_error(&exc_SystemError, "PyState_RemoveModule called on module with slots");
    return -1;
  }
  if (def->m_base.m_index == 0) {
    set_error(&exc_SystemError, "PyState_RemoveModule: Module index invalid");
    return -1;
  }
  Object* old = nullptr;
  {
    std::lock_guard<std::mutex> g(capi::g_state_mu);
    if (capi::g_state_modules) {
      auto it = capi::g_state_modules->find(def);
      if (it != capi::g_state_modules->end()) {
        old = it->second;
        capi::g_state_modules->erase(it);
      }
    }
  }
  if (!old) {
    set_error(&exc_SystemError, "PyState_RemoveModule: Module index out of bounds.");
    return -1;
  }
  decref(old);
  return 0;
}

}  // extern "C"

namespace pyvm::capi {

void install_module_free_hook() { module_free_hook = free_module_data; }

}  // namespace pyvm::capi
