// Runtime start-up: ready every built-in type, create the interned strings and the builtins module.
#include "vm/runtime.h"
#include "vm/gc.h"

#include <cstdio>
#include <mutex>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/hash.h"
#include "objects/iterators.h"
#include "objects/memoryview.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/slots.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/function.h"
#include "vm/interp.h"
#include "vm/modules/modules.h"
#include "vm/sysmodule.h"
#include "vm/threads.h"
#include "vm/traceback.h"

namespace pyvm {

Object* make_builtins_module();

int init_types() {
  if (strs::init_all() < 0 || init_slotdefs() < 0) return -1;
#define PYVM_READY(name, pyname, csym) \
  if (type_ready(&name) < 0) return -1;
  PYVM_BUILTIN_TYPES(PYVM_READY)
#undef PYVM_READY
  Type* extra[] = {&mappingproxy_type, &traceback_type,     &frame_type,  &coroutine_type, &coroutine_wrapper_type, &async_gen_type, &async_gen_asend_type, &async_gen_athrow_type, &async_gen_wrapped_type,          &enumerate_type,       &zip_type,
                   &map_type,           &filter_type,         &reversed_type,        &list_iterator_type,
                   &list_reverseiterator_type, &tuple_iterator_type, &range_iterator_type, &longrange_iterator_type,
                   &seq_iterator_type,  &callable_iterator_type};
  for (Type* t : extra)
    if (type_ready(t) < 0) return -1;
  if (dict_init_types() < 0 || set_init_types() < 0 || str_types_init() < 0 || memoryview_types_ready() < 0 ||
      weakref_init_types() < 0)
    return -1;
  if (init_exceptions() < 0) return -1;
  return typing_runtime_init();
}

static Object* g_builtins_module = nullptr;

// builtin_object's lookup (CPython's _PyEval_GetBuiltin): the running frame's builtins mapping, else the
// interpreter's. A missing name is AttributeError(name).
static Object* lookup_builtin(const char* name) {
  Frame* f = thread_state().frame;
  Object* builtins = f && f->builtins ? f->builtins : g_builtins;
  ORef key = steal(str_from_utf8(name));
  if (!key) return nullptr;
  if (type_check(builtins, &dict_type)) {
    Object* value = nullptr;
    int r = dict_get(builtins, key.get(), &value);
    if (r < 0) return nullptr;
    if (r > 0) return value;
  } else {
    if (Object* value = get_item(builtins, key.get())) return value;
    if (!error_matches(&exc_KeyError)) return nullptr;
    error_clear();
  }
  return set_errorf(&exc_AttributeError, "{}", name);
}

Object* builtins_module() { return g_builtins_module; }

int runtime_init() {
  static std::once_flag once;
  static int result = 0;
  std::call_once(once, [] {
    // The hash key comes first: interning the static strings hashes them, and a str caches its hash for good.
    if (hash_secret_init(sys_cli_flags().ignore_environment != 0) < 0) {
      result = -1;
      return;
    }
    if (init_types() < 0) {
      std::fputs("pyvm: failed to initialise the built-in types\n", stderr);
      result = -1;
      return;
    }
    g_builtins_module = make_builtins_module();
    if (!g_builtins_module) {
      std::fputs("pyvm: failed to create the builtins module\n", stderr);
      result = -1;
      return;
    }
    g_builtins = module_dict(g_builtins_module);
    set_unraisable_printer(print_unraisable);
    set_warning_issuer(runtime_warn);
    set_builtin_lookup(lookup_builtin);
    gc_set_enabled(true);  // arms the automatic cycle collection (vm/gc.h)
    alloc::make_immortal(g_builtins_module);
    alloc::make_immortal(g_builtins);
  });
  return result;
}

}  // namespace pyvm
