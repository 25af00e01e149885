// The _typing module (TypeVar, ParamSpec, Generic, TypeAliasType, ...) and the interpreter hooks its types use.
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "objects/typevar.h"
#include "vm/function.h"
#include "vm/interp.h"
#include "vm/modules/modules.h"
#include "vm/sysmodule.h"

namespace pyvm {

namespace {

// __module__ of the Python function whose frame is running (CPython's caller() in typevarobject.c).
Object* caller_module() {
  Frame* f = thread_state().frame;
  if (!f || !f->func || type_of(f->func) != &function_type) return nullptr;
  return reinterpret_cast<FunctionObject*>(f->func)->module;
}

// sys.modules['typing'] when the typing module has been imported (CPython's C code calls into it then).
Object* loaded_typing_module() {
  Object* modules = sys_modules();
  if (!modules) return nullptr;
  Object* m = nullptr;
  int r = dict_get_str(modules, "typing", &m);
  if (r <= 0) {
    if (r < 0) error_clear();
    return nullptr;
  }
  decref(m);  // sys.modules keeps it alive; the hook returns a borrowed reference
  return m == none() ? nullptr : m;
}

Object* typing_idfunc(Object*, Object* x) { return newref(x); }

PyMethodDef typing_functions[] = {{"_idfunc", typing_idfunc, METH_O, nullptr}, {nullptr, nullptr, 0, nullptr}};

}  // namespace

int typing_runtime_init() {
  g_typing_hooks.caller_module = caller_module;
  g_typing_hooks.typing_module = loaded_typing_module;
  if (typing_init_types() < 0) return -1;
  // The interpreter's generic classes: generator[int, None, None] and friends.
  for (Type* t : {&generator_type, &coroutine_type, &async_gen_type})
    if (generic_alias_install_class_getitem(t) < 0) return -1;
  return 0;
}

Object* create_typing_module() {
  ORef m = steal(module_new(str_interned("_typing")));
  if (!m) return nullptr;
  if (module_add_functions(m.get(), typing_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("Primitives and accelerators for the typing module.\n"));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  struct {
    const char* name;
    Object* value;
  } objs[] = {
      {"TypeVar", reinterpret_cast<Object*>(&typevar_type)},
      {"ParamSpec", reinterpret_cast<Object*>(&paramspec_type)},
      {"TypeVarTuple", reinterpret_cast<Object*>(&typevartuple_type)},
      {"ParamSpecArgs", reinterpret_cast<Object*>(&paramspecargs_type)},
      {"ParamSpecKwargs", reinterpret_cast<Object*>(&paramspeckwargs_type)},
      {"TypeAliasType", reinterpret_cast<Object*>(&typealias_type)},
      {"Generic", reinterpret_cast<Object*>(&generic_type)},
      {"NoDefault", no_default()},
  };
  for (auto& o : objs)
    if (dict_set_str(d, o.name, o.value) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
