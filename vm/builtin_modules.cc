// The table of modules compiled into pyvm and their creation on first import.
#include "vm/builtin_modules.h"

#include "vm/compile_api.h"

#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "vm/modules/modules.h"
#include "vm/sysmodule.h"

namespace pyvm {

// sys and builtins are created at start-up (sys_init) and are in sys.modules from the start, so they are listed in
// sys.builtin_module_names but have no creator here.
const BuiltinModuleDef kBuiltinModules[] = {
    {"_ast", create_ast_module_hook},
    {"_bisect", create_bisect_module},
    {"_blake2", create_blake2_module},
    {"_codecs", create_codecs_module},
    {"_collections", create_collections_module},
    {"_contextvars", create_contextvars_module},
    {"_csv", create_csv_module},
    {"_datetime", create_datetime_module},
    {"_functools", create_functools_module},
    {"_heapq", create_heapq_module},
    {"_imp", create_imp_module},
    {"_io", create_io_module},
    {"_json", create_json_module},
    {"_locale", create_locale_module},
    {"_md5", create_md5_module},
    {"_multiprocessing", create_multiprocessing_module},
    {"_opcode", create_opcode_module},
    {"_operator", create_operator_module},
    {"_pickle", create_pickle_module},
    {"_posixshmem", create_posixshmem_module},
    {"_posixsubprocess", create_posixsubprocess_module},
    {"_queue", create_queue_module},
    {"_random", create_random_module},
    {"_sha1", create_sha1_module},
    {"_sha2", create_sha2_module},
    {"_sha3", create_sha3_module},
    {"_signal", create_signal_module},
    {"_socket", create_socket_module},
    {"_sre", create_sre_module},
    {"_stat", create_stat_module},
    {"_string", create_string_module},
    {"_struct", create_struct_module},
    {"_sysconfigdata_t_linux_x86_64-linux-gnu", create_sysconfigdata_module},
    {"_thread", create_thread_module},
    {"_tokenize", create_tokenize_module},
    {"_typing", create_typing_module},
    {"_warnings", create_warnings_module},
    {"_weakref", create_weakref_module},
    {"array", create_array_module},
    {"atexit", create_atexit_module},
    {"binascii", create_binascii_module},
    {"builtins", nullptr},
    {"cmath", create_cmath_module},
    {"errno", create_errno_module},
    {"_sysconfig", create_sysconfig_module},
    {"termios", create_termios_module},
    {"fcntl", create_fcntl_module},
    {"gc", create_gc_module},
    {"itertools", create_itertools_module},
    {"marshal", create_marshal_module},
    {"math", create_math_module},
    {"posix", create_posix_module},
    {"select", create_select_module},
    {"sys", nullptr},
    {"time", create_time_module},
    {"unicodedata", create_unicodedata_module},
    {"zlib", create_zlib_module},
    {nullptr, nullptr},
};

const BuiltinModuleDef* find_builtin_module(std::string_view name) {
  for (const BuiltinModuleDef* d = kBuiltinModules; d->name; d++)
    if (name == d->name) return d;
  return nullptr;
}

Object* import_builtin_module(Object* name) {
  Object* modules = sys_modules();
  Object* mod = nullptr;
  int r = dict_get(modules, name, &mod);
  if (r < 0) return nullptr;
  if (r > 0) return mod;
  const BuiltinModuleDef* def = find_builtin_module(str_view(name));
  if (!def || !def->create) return set_errorf(&exc_ModuleNotFoundError, "No module named '{}'", str_view(name));
  ORef created = steal(def->create());
  if (!created) return nullptr;
  Object* stored = nullptr;
  if (dict_setdefault(modules, name, created.get(), &stored) < 0) return nullptr;
  return stored;
}

}  // namespace pyvm
