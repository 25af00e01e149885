// BaseExceptionGroup / ExceptionGroup (PEP 654) and the helpers behind `except*`.
#pragma once

#include "objects/exceptions.h"

namespace pyvm {

struct ExceptionGroupObject {
  ExceptionObject base;
  Object* msg;   // str
  Object* excs;  // tuple of exceptions
};

bool is_exception_group(Object* o);
// Readies the two group types' layout and methods (called by init_exceptions before readying the hierarchy).
void exception_group_setup();

// CHECK_EG_MATCH: splits `exc` by `match_type` into *match and *rest (new references; None when empty). A naked
// exception that matches is wrapped in ExceptionGroup("", (exc,)). Returns -1 with an error set.
[[nodiscard]] int exception_group_match(Object* exc, Object* match_type, Object** match, Object** rest);
// CALL_INTRINSIC_2 PREP_RERAISE_STAR: the exception an except* block re-raises (or None), from the original
// exception and the list of exceptions raised or re-raised by its clauses.
[[nodiscard]] Object* prep_reraise_star(Object* orig, Object* excs);

}  // namespace pyvm
