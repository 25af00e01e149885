// The marshal module: loads/load over pyvm's .pyc reader. Writing (dumps/dump) is not implemented yet.
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
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

Object* marshal_dumps_fn(Object*, Object* const*, ssize, Object*) {
  return set_error(&exc_NotImplementedError, "marshal.dumps is not implemented in pyvm yet");
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef marshal_methods[] = {
    {"loads", FAST(marshal_loads_fn), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"load", FAST(marshal_load_fn), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"dumps", FAST(marshal_dumps_fn), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"dump", FAST(marshal_dumps_fn), METH_FASTCALL | METH_KEYWORDS, nullptr},
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
