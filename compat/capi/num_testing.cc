// A test hook for the numbers/strings C-API tests: reads and clears the current exception as "Type: message", so
// the tests can check CPython's exception types and messages without depending on pyerrors.h (another helper's).
// Not declared in any public header; the tests declare it themselves. Owner: numbers-strings.
#include "Python.h"

#include <cstdio>
#include <string>

#include "objects/abstract.h"
#include "objects/errors.h"

extern "C" Py_EXPORTED_SYMBOL int _PyVM_TestTakeError(char* buf, size_t size) {
  if (size) buf[0] = '\0';
  if (!pyvm::error_occurred()) return 0;
  pyvm::ORef exc = pyvm::steal(pyvm::error_take());
  std::string msg;
  if (!pyvm::object_str_utf8(exc.get(), &msg)) {
    pyvm::error_clear();
    msg = "<str() failed>";
  }
  std::snprintf(buf, size, "%s: %s", pyvm::type_name(exc.get()), msg.c_str());
  return 1;
}
