// The compiler's entry point: Python source to a CPython 3.13 code object.
#pragma once

#include <cstddef>

#include "objects/object.h"

namespace pyvm {

// compile()'s modes.
enum CompileMode : int { kCompileExec = 0, kCompileEval = 1, kCompileSingle = 2, kCompileFuncType = 3 };

// Compiles UTF-8 (or coding-cookie) source text. `filename` is borrowed (a str). `flags` holds CO_FUTURE_* bits
// (from __future__ imports of the caller); `optimize` is -1/0 (asserts and __debug__ kept), 1 (-O) or 2 (-OO).
// Returns a new code object, or null with SyntaxError (or MemoryError ...) set.
[[nodiscard]] Object* compile_source(const char* src, size_t len, Object* filename, int mode, int flags,
                                     int optimize);

// compile() of an ast.AST object (mode as above): the tree converted and validated, then compiled; with
// PyCF_ONLY_AST the validated object itself is returned.
[[nodiscard]] Object* compile_ast_object(Object* ast, Object* filename, int mode, int flags, int optimize);

// Makes compile_source what builtins compile()/exec()/eval() and the import system use (vm/compile_api.h), and registers the _ast module and compile() of ASTs.
void install_source_compiler();

}  // namespace pyvm
