// Raising OSError from a C errno value, with CPython's errno-to-subclass choice, strerror text and filenames.
#include "objects/oserror.h"

#include <cerrno>
#include <cstring>

#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

Object* strerror_str(int err) {
  char buf[256];
  // GNU strerror_r returns a pointer to the message (static text or buf); unlike strerror it is thread-safe.
  const char* msg = strerror_r(err, buf, sizeof buf);
  return str_decode(msg, ssize(std::strlen(msg)), "utf-8", "surrogateescape");
}

std::nullptr_t set_oserror(int err, Object* filename, Object* filename2) {
  ORef code = steal(int_from_i64(err));
  ORef msg = steal(strerror_str(err));
  if (!code || !msg) return nullptr;
  ORef args;
  if (filename2)
    args = steal(tuple_pack({code.get(), msg.get(), filename ? filename : none(), none(), filename2}));
  else if (filename)
    args = steal(tuple_pack({code.get(), msg.get(), filename}));
  else
    args = steal(tuple_pack({code.get(), msg.get()}));
  if (!args) return nullptr;
  // OSError.__new__ maps the errno to its subclass, as PyErr_SetFromErrnoWithFilenameObjects does.
  return set_error_value(&exc_OSError, args.get());
}

std::nullptr_t set_oserror_errno(Object* filename, Object* filename2) {
  int err = errno;
  return set_oserror(err, filename, filename2);
}

}  // namespace pyvm
