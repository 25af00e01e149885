// OSError from errno: CPython's PyErr_SetFromErrnoWithFilenameObject(s).
#include "vm/oserror.h"

#include <cerrno>
#include <cstring>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/types.h"

namespace pyvm {

Object* strerror_text(int err) {
  char buf[256];
  // The GNU strerror_r returns the message (static text or buf); strerror() may share one buffer between threads.
  const char* msg = strerror_r(err, buf, sizeof buf);
  return str_decode(msg, ssize(std::strlen(msg)), "utf-8", "surrogateescape");
}

std::nullptr_t raise_os_error_objects(int err, Object* filename, Object* filename2) {
  if (err == EINTR && error_occurred()) return nullptr;  // a signal handler raised
  ORef num = steal(int_from_i64(err));
  ORef msg = steal(err ? strerror_text(err) : str_from_utf8("Error"));
  if (!num || !msg) return nullptr;
  Object* args[5] = {num.get(), msg.get(), filename ? filename : none(), none(), filename2};
  size_t nargs = filename2 ? 5 : filename ? 3 : 2;
  Object* exc = call(reinterpret_cast<Object*>(&exc_OSError), args, nargs, nullptr);
  if (exc) set_error_steal(exc);
  return nullptr;
}

std::nullptr_t raise_os_error(int err, Object* filename) { return raise_os_error_objects(err, filename); }

std::nullptr_t raise_os_error(int err, const char* filename) {
  if (!filename) return raise_os_error_objects(err);
  ORef f = steal(str_from_utf8(filename));
  if (!f) return nullptr;
  return raise_os_error_objects(err, f.get());
}

std::nullptr_t raise_errno(Object* filename, Object* filename2) {
  int err = errno;
  return raise_os_error_objects(err, filename, filename2);
}

}  // namespace pyvm
