// The bytecode interpreter and the per-thread interpreter state.
#pragma once

#include "objects/object.h"
#include "vm/function.h"
#include "vm/threads.h"

namespace pyvm {


// The recursion limit (sys.setrecursionlimit).
extern int g_recursion_limit;

// Runs a frame that the caller has set up (arguments bound). Returns the result or null with an error set.
[[nodiscard]] Object* eval_frame(Frame* f, bool throwing = false);
// Executes a code object with the given globals and locals (module bodies, exec, class bodies).
[[nodiscard]] Object* eval_code(Object* code, Object* globals, Object* locals, Object* closure = nullptr);
// The vectorcall entry of Python functions.
[[nodiscard]] Object* function_vectorcall(Object* func, Object* const* args, size_t nargsf, Object* kwnames);
// Resumes a generator frame with `value` sent in (null when throwing: the error is already set).
[[nodiscard]] Object* generator_resume(GeneratorObject* gen, Object* value, bool* returned);

// The builtins module's dict (set at start-up).
extern Object* g_builtins;

}  // namespace pyvm
