// Raising, inspecting and clearing the current thread's exception (CPython's error-indicator convention).
#pragma once

#include <fmt/format.h>

#include <string_view>

#include "objects/object.h"

namespace pyvm {

// Exception types, declared once in exceptions.def.
#define PYVM_DECLARE_EXC(name, base) extern Type exc_##name;
#include "objects/exceptions.def"
#undef PYVM_DECLARE_EXC

// Sets the current exception to `type(msg)`. Always returns nullptr, for `return set_error(...)`.
std::nullptr_t set_error(Type* type, std::string_view msg);
template <class... A>
std::nullptr_t set_errorf(Type* type, fmt::format_string<A...> f, A&&... args) {
  return set_error(type, fmt::format(f, std::forward<A>(args)...));
}
// Sets the current exception to an instance (borrowed), or to `type()` when given an exception class.
std::nullptr_t set_error_object(Object* exc_or_type);
// Sets the current exception to the given instance, stealing the reference.
void set_error_steal(Object* exc);
// Sets `type(value)`, or value itself if it is already an instance of type (borrowed).
std::nullptr_t set_error_value(Type* type, Object* value);

bool error_occurred();
Object* error_peek();    // borrowed; null when none
[[nodiscard]] Object* error_take();  // new reference; clears the indicator
void error_clear();
bool error_matches(Type* type);        // the current exception is an instance of `type`
bool exception_matches(Object* exc, Object* type_or_tuple);  // for `except` clauses

// Reports the current exception as CPython's PyErr_WriteUnraisable does, then clears it: "Exception ignored in: "
// + repr(obj) (obj may be null) and the traceback, on stderr. For errors that have no caller to return to
// (weakref callbacks, destructors). The runtime installs the printer (vm/traceback.cc); before that, and in
// tests without a runtime, a one-line report goes to stderr.
void write_unraisable(Object* obj);
// The same with another header line: `msg` (CPython's PyErr_FormatUnraisable text, e.g. "Exception ignored in thread
// started by <function f at ...>") is printed followed by a colon; `obj` is then usually null.
void write_unraisable_msg(const char* msg, Object* obj);
using UnraisablePrinter = void (*)(Object* exc, Object* obj, const char* msg);
void set_unraisable_printer(UnraisablePrinter printer);

// Issues a warning of `category` (CPython's PyErr_WarnEx): through the warnings machinery the runtime installs
// (vm/modules/warnings_module.cc), or nowhere before that. -1 with an exception when the warning became an error.
using WarningIssuer = int (*)(Type* category, const char* message, int stacklevel);
void set_warning_issuer(WarningIssuer issuer);
[[nodiscard]] int issue_warning(Type* category, const char* message, int stacklevel);

// Convenience raisers with CPython's messages.
std::nullptr_t no_memory();
std::nullptr_t type_error_unsupported_operand(const char* op, Object* a, Object* b);

// The exception's type name as CPython prints it in messages ("int", "MyClass").
const char* type_name(Object* o);

}  // namespace pyvm
