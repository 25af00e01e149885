// OSError from errno: CPython's PyErr_SetFromErrnoWithFilenameObject.
#include "vm/oserror.h"

#include <cerrno>
#include <cstring>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"

namespace pyvm {

std::nullptr_t raise_os_error(int err, Object* filename) {
  if (err == EINTR && error_occurred()) return nullptr;  // a signal handler raised
  ORef num = steal(int_from_i64(err));
  ORef msg = steal(str_from_utf8(err ? std::strerror(err) : "Error"));
  if (!num || !msg) return nullptr;
  Object* args[3] = {num.get(), msg.get(), filename};
  Object* exc = call(reinterpret_cast<Object*>(&exc_OSError), args, filename ? 3 : 2, nullptr);
  if (exc) set_error_steal(exc);
  return nullptr;
}

std::nullptr_t raise_os_error(int err, const char* filename) {
  if (!filename) return raise_os_error(err, static_cast<Object*>(nullptr));
  ORef f = steal(str_from_utf8(filename));
  if (!f) return nullptr;
  return raise_os_error(err, f.get());
}

}  // namespace pyvm
