// Helpers shared by the containers and abstract-protocol C-API sources (tuple_*, list_*, dict_*, set_*,
// abstract_*, call_*). Internal to compat/capi. Owner: containers-abstract.
#pragma once

#include "Python.h"

#include "objects/errors.h"
#include "objects/object.h"

namespace pyvm::capi {

// PyErr_BadInternalCall: SystemError "<file>:<line>: bad argument to internal function", as CPython words it.
inline std::nullptr_t bad_internal_call(const char* file, int line) {
  return set_errorf(&exc_SystemError, "{}:{}: bad argument to internal function", file, line);
}
#define PYVM_BAD_INTERNAL_CALL() ::pyvm::capi::bad_internal_call(__FILE__, __LINE__)

// SystemError "null argument to internal routine", CPython's null_error() in Objects/abstract.c.
inline std::nullptr_t null_error() {
  if (!error_occurred()) set_error(&exc_SystemError, "null argument to internal routine");
  return nullptr;
}

}  // namespace pyvm::capi
