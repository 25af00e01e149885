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
  // Per-family attributes (exceptions_extra.cc): OSError errno/strerror/filename/filename2/characters_written,
  // NameError.name, AttributeError name/obj, ImportError msg/name/path/name_from, SyntaxError's fields,
  // UnicodeError's encoding/object/start/end/reason.
  Object* extra[8];
};

inline ExceptionObject* as_exc(Object* o) { return reinterpret_cast<ExceptionObject*>(o); }
bool is_exception_instance(Object* o);
bool is_exception_class(Object* o);
// Sets e.__traceback__ (borrows tb; null clears).
void exception_set_traceback(Object* e, Object* tb);
void exception_set_context(Object* e, Object* ctx);  // steals ctx
void exception_set_cause(Object* e, Object* cause);  // steals cause; sets __suppress_context__

// `except` clauses (CHECK_EXC_MATCH) accept an exception class or a tuple of them; anything else is a TypeError.
[[nodiscard]] int check_except_type_valid(Object* type_or_tuple);

[[nodiscard]] int init_exceptions();
// Installs the constructors, members and str() of the exception families with extra attributes.
void exceptions_extra_setup();
// The same for UnicodeEncodeError, UnicodeDecodeError and UnicodeTranslateError (exceptions_unicode.cc).
void unicode_errors_setup();
// Records name/obj on an AttributeError (or name on a NameError) that does not have them yet.
void exception_set_name_context(Object* exc, Object* name, Object* obj);

}  // namespace pyvm
