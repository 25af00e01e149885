// The marshal module: loads/load over pyvm's .pyc reader, dumps/dump over its writer (vm/marshal_write.cc).
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/marshal.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

Object* marshal_loads_fn(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[2] = {};
  if (!parse_args("loads", args, nargs, kwnames, {"/bytes", "$allow_code"}, 1, out)) return nullptr;
  std::string data;
  if (!bytes_like_copy(out[0], &data)) return nullptr;
  // TODO(marshal): honour allow_code=False (reject code objects).
  return marshal_loads(reinterpret_cast<const uint8_t*>(data.data()), data.size());
}

Object* marshal_load_fn(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[2] = {};
  if (!parse_args("load", args, nargs, kwnames, {"/file", "$allow_code"}, 1, out)) return nullptr;
  ORef data = steal(call_method0(out[0], str_interned("read")));
  if (!data) return nullptr;
  if (!type_check(data.get(), &bytes_type))
    return set_errorf(&exc_TypeError, "file.read() returned not bytes but {}", type_name(data.get()));
  return marshal_loads(reinterpret_cast<const uint8_t*>(bytes_data(data.get())), size_t(bytes_size(data.get())));
}

// The version argument and allow_code (keyword-only) shared by dumps and dump.
bool dump_options(Object* version_arg, Object* allow_code_arg, int* version, bool* allow_code) {
  *version = 4;
  *allow_code = true;
  if (version_arg) {
    if (!type_check(version_arg, &int_type))
      return set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(version_arg)),
             false;
    int ovf = 0;
    int64_t v = int_as_i64(version_arg, &ovf);
    if (ovf || v > INT32_MAX || v < INT32_MIN)
      return set_error(&exc_OverflowError, "Python int too large to convert to C int"), false;
    *version = int(v);
  }
  if (allow_code_arg) {
    int t = object_is_true(allow_code_arg);
    if (t < 0) return false;
    *allow_code = t;
  }
  return true;
}

Object* marshal_dumps_fn(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[3] = {};
  if (!parse_args("dumps", args, nargs, kwnames, {"value", "/version", "$allow_code"}, 1, out)) return nullptr;
  int version;
  bool allow_code;
  if (!dump_options(out[1], out[2], &version, &allow_code)) return nullptr;
  return marshal_dumps(out[0], version, allow_code);
}

Object* marshal_dump_fn(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[4] = {};
  if (!parse_args("dump", args, nargs, kwnames, {"value", "file", "/version", "$allow_code"}, 2, out)) return nullptr;
  int version;
  bool allow_code;
  if (!dump_options(out[2], out[3], &version, &allow_code)) return nullptr;
  ORef data = steal(marshal_dumps(out[0], version, allow_code));
  if (!data) return nullptr;
  return call_method1(out[1], str_interned("write"), data.get());
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef marshal_methods[] = {
    {"loads", FAST(marshal_loads_fn), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"load", FAST(marshal_load_fn), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"dumps", FAST(marshal_dumps_fn), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"dump", FAST(marshal_dump_fn), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Object* create_marshal_module() {
  ORef m = steal(module_new(str_interned("marshal")));
  if (!m || module_add_functions(m.get(), marshal_methods) < 0) return nullptr;
  ORef version = steal(int_from_i64(4));
  if (!version || dict_set_str(module_dict(m.get()), "version", version.get()) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
