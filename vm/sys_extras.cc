// Smaller parts of sys: api_version, float_repr_style, stdlib_module_names, call_tracing, _is_interned, the type
// cache clearers, the dlopen flags, __breakpointhook__, _base_executable.
#include <dlfcn.h>

#include <atomic>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sysmodule.h"

namespace pyvm {

namespace {

const char* const kStdlibModuleNames[] = {
#include "vm/stdlib_module_names.inc"
};

// sys.setdlopenflags: read by the extension loader (dlopen of C extensions).
std::atomic<int> g_dlopen_flags{RTLD_NOW};

Object* sys_call_tracing(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "call_tracing expected 2 arguments, got {}", nargs);
  if (!type_check(args[1], &tuple_type))
    return set_errorf(&exc_TypeError, "call_tracing() argument 2 must be tuple, not {}", type_name(args[1]));
  return call(args[0], tuple_items(args[1]), tuple_size(args[1]), nullptr);
}

Object* sys_is_interned(Object*, Object* s) {
  if (!type_check(s, &str_type))
    return set_errorf(&exc_TypeError, "_is_interned() argument must be str, not {}", type_name(s));
  return newref(bool_obj(str_is_interned(s)));
}

Object* sys_clear_type_cache(Object*, Object*) {
  type_cache_invalidate();
  return newref(none());
}

Object* sys_getdlopenflags(Object*, Object*) { return int_from_i64(g_dlopen_flags.load()); }

Object* sys_setdlopenflags(Object*, Object* v) {
  if (!type_check(v, &int_type))
    return set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
  int ovf = 0;
  int64_t n = int_as_i64(v, &ovf);
  if (ovf || n < INT32_MIN || n > INT32_MAX) return set_error(&exc_OverflowError, "Python int too large to convert to C int");
  g_dlopen_flags.store(int(n));
  return newref(none());
}

// sys.getsizeof(object[, default]): type(object).__sizeof__(object) plus the pre-header (managed dict and weak
// reference slots) that sits in front of instances of such types, as CPython 3.13t counts it; `default` is returned
// instead of a TypeError (no __sizeof__, or one that fails with TypeError).
Object* sys_getsizeof(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("getsizeof", args, nargs, kwnames, {"object", "default"}, 1, a)) return nullptr;
  Object* o = a[0];
  Object* dflt = a[1];
  auto fail = [&]() -> Object* {
    if (dflt && error_matches(&exc_TypeError)) {
      error_clear();
      return newref(dflt);
    }
    return nullptr;
  };
  Type* t = type_of(o);
  bool found;
  ORef res = steal(call_special_method(o, str_interned("__sizeof__"), nullptr, 0, &found));
  if (!found) {
    set_errorf(&exc_TypeError, "Type {} doesn't define __sizeof__", t->tp_name);
    return fail();
  }
  if (!res) return fail();
  if (!type_check(res.get(), &int_type)) {  // (CPython converts with PyLong_AsSsize_t: no __index__)
    set_error(&exc_TypeError, "an integer is required");
    return fail();
  }
  ssize size = number_as_ssize(res.get(), &exc_OverflowError);
  if (size == -1 && error_occurred()) return fail();
  if (size < 0) return set_error(&exc_ValueError, "__sizeof__() should return >= 0");
  bool static_type = t == &type_type && !has_flag(reinterpret_cast<Type*>(o), Py_TPFLAGS_HEAPTYPE);
  if (!static_type && has_flag(t, Py_TPFLAGS_PREHEADER)) size += 2 * ssize(sizeof(Object*));
  return int_from_ssize(size);
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef g_methods[] = {
    {"getsizeof", FAST(sys_getsizeof), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"call_tracing", FAST(sys_call_tracing), METH_FASTCALL, nullptr},
    {"_is_interned", sys_is_interned, METH_O, nullptr},
    {"_clear_type_cache", sys_clear_type_cache, METH_NOARGS, nullptr},
    {"_clear_internal_caches", sys_clear_type_cache, METH_NOARGS, nullptr},
    {"getdlopenflags", sys_getdlopenflags, METH_NOARGS, nullptr},
    {"setdlopenflags", sys_setdlopenflags, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr}};
#undef FAST

}  // namespace

int sys_dlopen_flags() { return g_dlopen_flags.load(); }

int sys_extras_init(Object* sys_module, Object* sys_dict) {
  if (module_add_functions(sys_module, g_methods) < 0) return -1;
  ORef api = steal(int_from_i64(1013));  // PYTHON_API_VERSION of CPython 3.13
  ORef repr_style = steal(str_from_utf8("short"));
  ORef framework = steal(str_from_utf8(""));
  if (!api || !repr_style || !framework || dict_set_str(sys_dict, "api_version", api.get()) < 0 ||
      dict_set_str(sys_dict, "float_repr_style", repr_style.get()) < 0 ||
      dict_set_str(sys_dict, "_framework", framework.get()) < 0)
    return -1;
  ORef names = steal(frozenset_new(nullptr));
  if (!names) return -1;
  for (const char* n : kStdlibModuleNames) {
    ORef s = steal(str_from_utf8(n));
    if (!s || set_add(names.get(), s.get()) < 0) return -1;
  }
  if (dict_set_str(sys_dict, "stdlib_module_names", names.get()) < 0) return -1;
  Object* exe = nullptr;
  if (dict_get_str(sys_dict, "executable", &exe) > 0) {
    ORef e = steal(exe);
    if (dict_set_str(sys_dict, "_base_executable", e.get()) < 0) return -1;
  }
  error_clear();
  Object* bp = nullptr;
  if (dict_get_str(sys_dict, "breakpointhook", &bp) > 0) {
    ORef b = steal(bp);
    if (dict_set_str(sys_dict, "__breakpointhook__", b.get()) < 0) return -1;
  }
  error_clear();
  return 0;
}

}  // namespace pyvm
