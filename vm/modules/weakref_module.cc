// The built-in module _weakref: ref, proxy, getweakrefcount, getweakrefs, _remove_dead_weakref and the types.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/modules/modules.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

Object* weakref_getweakrefcount(Object*, Object* obj) { return int_from_ssize(weakref_count(obj)); }

Object* weakref_getweakrefs(Object*, Object* obj) { return weakref_list(obj); }

Object* weakref_proxy(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("_weakref.proxy", kwnames) || !check_positional("proxy", nargs, nullptr, 1, 2)) return nullptr;
  return weakref_proxy_new(args[0], nargs > 1 ? args[1] : nullptr);
}

// Deletes dct[key] if it is a dead weak reference, atomically with respect to other users of the dict (its
// critical section is held from the lookup to the deletion; the dict's own operations re-enter it). A missing key
// is fine: weak-value dicts call this from callbacks that may race with other removals.
Object* weakref_remove_dead_weakref(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("_weakref._remove_dead_weakref", kwnames) ||
      !check_positional("_remove_dead_weakref", nargs, nullptr, 2, 2))
    return nullptr;
  Object* dct = args[0];
  Object* key = args[1];
  if (!type_check(dct, &dict_type))
    return set_errorf(&exc_TypeError, "_remove_dead_weakref() argument 1 must be dict, not {}", type_name(dct));
  sync::CriticalSection cs(dct);
  Object* value = nullptr;
  int r = dict_get(dct, key, &value);
  if (r < 0) return nullptr;
  if (r == 0) return newref(none());
  ORef v = steal(value);
  if (!weakref_check(value)) return set_error(&exc_TypeError, "not a weakref");
  if (weakref_is_dead(value) && dict_del(dct, key) < 0) {
    if (!error_matches(&exc_KeyError)) return nullptr;
    error_clear();
  }
  return newref(none());
}

PyMethodDef weakref_functions[] = {
    {"getweakrefcount", weakref_getweakrefcount, METH_O,
     "getweakrefcount(obj): how many weak references and proxies point to obj."},
    {"getweakrefs", weakref_getweakrefs, METH_O,
     "getweakrefs(obj): a list of the live weak references and proxies to obj."},
    {"proxy", as_cfunc(weakref_proxy), METH_FASTCALL | METH_KEYWORDS,
     "proxy(obj[, callback]): a proxy that forwards operations to obj without keeping it alive;\n"
     "callback(proxy) runs when obj dies."},
    {"_remove_dead_weakref", as_cfunc(weakref_remove_dead_weakref), METH_FASTCALL | METH_KEYWORDS,
     "_remove_dead_weakref(dict, key): delete dict[key] when it is a dead weak reference, in one step."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Object* create_weakref_module() {
  ORef m = steal(module_new(str_interned("_weakref")));
  if (!m || module_add_functions(m.get(), weakref_functions) < 0) return nullptr;
  ORef doc = steal(str_from_utf8("The built-in part of the weakref module."));
  if (!doc || dict_set_str(module_dict(m.get()), "__doc__", doc.get()) < 0) return nullptr;
  struct {
    const char* name;
    Type* type;
  } types[] = {{"ref", &weakref_ref_type},
               {"ReferenceType", &weakref_ref_type},
               {"ProxyType", &weakref_proxy_type},
               {"CallableProxyType", &weakref_callable_proxy_type}};
  for (auto& t : types)
    if (dict_set_str(module_dict(m.get()), t.name, reinterpret_cast<Object*>(t.type)) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
