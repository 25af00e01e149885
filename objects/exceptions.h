// The layout of exception instances (compatible with CPython's PyBaseExceptionObject prefix) and helpers.
#pragma once

#include "objects/object.h"

namespace pyvm {

struct ExceptionObject {
  PyObject ob_base;
  Object* dict;
  Object* args;  // tuple
  Object* notes;
  Object* traceback;
  Object* context;
  Object* cause;
  char suppress_context;
  Object* value;  // StopIteration.value, SystemExit.code
};

inline ExceptionObject* as_exc(Object* o) { return reinterpret_cast<ExceptionObject*>(o); }
bool is_exception_instance(Object* o);
bool is_exception_class(Object* o);
// Sets e.__traceback__ (borrows tb; null clears).
void exception_set_traceback(Object* e, Object* tb);
void exception_set_context(Object* e, Object* ctx);  // steals ctx
void exception_set_cause(Object* e, Object* cause);  // steals cause; sets __suppress_context__

[[nodiscard]] int init_exceptions();

}  // namespace pyvm
