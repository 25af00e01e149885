// The module sysconfig reads for a free-threaded (abiflags "t") build, `_sysconfigdata_t_linux_<multiarch>`: the
// build variables of the CPython 3.13 installation whose standard library pyvm runs (its
// `_sysconfigdata__linux_<multiarch>` module), with the ones that describe the ABI changed to what pyvm is, CPython
// 3.13t's free-threaded ABI: Py_GIL_DISABLED 1, ABIFLAGS "t", the cpython-313t extension suffix and SOABI.
//
// Thread-safety: the module is built once per import from immutable inputs; nothing is shared.
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/import.h"
#include "vm/modules/modules.h"

namespace pyvm {

Object* create_sysconfigdata_module() {
  const std::string multiarch = "x86_64-linux-gnu";
  std::string base = "_sysconfigdata__linux_" + multiarch;
  ORef mod = steal(import_module(base.c_str()));
  if (!mod) return nullptr;
  ORef vars = steal(get_attr(mod.get(), str_interned("build_time_vars")));
  if (!vars) return nullptr;
  if (!type_check(vars.get(), &dict_type))
    return set_errorf(&exc_ImportError, "{}.build_time_vars is not a dict", base);
  ORef copy = steal(dict_copy(vars.get()));
  if (!copy) return nullptr;
  ORef one = steal(int_from_i64(1));
  ORef abiflags = steal(str_from_utf8("t"));
  ORef soabi = steal(str_from_utf8("cpython-313t-" + multiarch));
  ORef ext = steal(str_from_utf8(".cpython-313t-" + multiarch + ".so"));
  if (!one || !abiflags || !soabi || !ext) return nullptr;
  if (dict_set_str(copy.get(), "Py_GIL_DISABLED", one.get()) < 0 ||
      dict_set_str(copy.get(), "ABIFLAGS", abiflags.get()) < 0 || dict_set_str(copy.get(), "SOABI", soabi.get()) < 0 ||
      dict_set_str(copy.get(), "EXT_SUFFIX", ext.get()) < 0)
    return nullptr;
  std::string name = "_sysconfigdata_t_linux_" + multiarch;
  ORef m = steal(module_new(str_interned(name.c_str())));
  if (!m || set_attr_str(m.get(), "build_time_vars", copy.get()) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
