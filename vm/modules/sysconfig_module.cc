// _sysconfig (CPython 3.13): config_vars(), the build settings that the sysconfig module cannot read from a
// Makefile. On POSIX that is only Py_GIL_DISABLED, which is 1 here: pyvm is a free-threaded build.
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

Object* sysconfig_config_vars(Object*, Object*) {
  ORef d = steal(dict_new());
  ORef one = steal(int_from_i64(1));
  if (!d || !one || dict_set_str(d.get(), "Py_GIL_DISABLED", one.get()) < 0) return nullptr;
  return d.release();
}

PyMethodDef sysconfig_methods[] = {
    {"config_vars", sysconfig_config_vars, METH_NOARGS, "Returns a dictionary containing build variables intended "
                                                        "to be exposed by sysconfig."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Object* create_sysconfig_module() {
  ORef m = steal(module_new(str_interned("_sysconfig")));
  if (!m || module_add_functions(m.get(), sysconfig_methods) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
