// The runtime's side of compiling source text: builtins compile(), exec()/eval() of strings and the command line
// reach pyvm's compiler (vm/compiler, which sits on the runtime) through one registered function.
#pragma once

#include <cstddef>
#include <string>

#include "objects/object.h"

namespace pyvm {

struct Frame;

// compile() flag bits (CPython's PyCF_* values).
constexpr int kCfSourceIsUtf8 = 0x0100;
constexpr int kCfDontImplyDedent = 0x0200;
constexpr int kCfOnlyAst = 0x0400;
constexpr int kCfIgnoreCookie = 0x0800;
constexpr int kCfTypeComments = 0x1000;
constexpr int kCfAllowTopLevelAwait = 0x2000;
constexpr int kCfAllowIncompleteInput = 0x4000;
constexpr int kCfOptimizedAst = 0x8000 | kCfOnlyAst;
// pyvm's own: the source is a program file run by pyvm (CPython's file tokenizer's errors for NUL bytes, undeclared
// non-UTF-8 bytes and cookie problems).
constexpr int kCfRunFile = 1 << 30;
// The CO_FUTURE_* bits a caller's __future__ imports leave in co_flags (CPython's PyCF_MASK).
constexpr int kCfFutureMask = 0x1FE0000;
// compile(..., _feature_version=N) for 0 <= N < 13: N + 1 in these bits (pyvm's own; 0 means the current grammar).
constexpr int kCfFeatureShift = 26;
constexpr int kCfFeatureMask = 0xF << kCfFeatureShift;
inline int feature_version_of(int flags) {
  int v = (flags & kCfFeatureMask) >> kCfFeatureShift;
  return v ? v - 1 : 13;
}

// Source modes (the compiler's CompileMode values).
constexpr int kModeExec = 0, kModeEval = 1, kModeSingle = 2, kModeFuncType = 3;

// Compiles source bytes (UTF-8, or honouring a coding cookie unless kCfIgnoreCookie is in `flags`). Returns a new
// code object, or null with SyntaxError (or another exception) set.
using SourceCompiler = Object* (*)(const char* src, size_t len, Object* filename, int mode, int flags, int optimize);

// Installs the compiler; the pyvm binary does this at start-up (vm/compiler/compile.h install_source_compiler).
void set_source_compiler(SourceCompiler fn);

// The parts of the compiler that deal with ast.AST objects (vm/compiler/pyast.h): whether an object is one, compile()
// of one (mode as above), and the _ast module's creator.
struct AstHooks {
  int (*is_ast)(Object* o);
  Object* (*compile_ast)(Object* ast, Object* filename, int mode, int flags, int optimize);
  Object* (*create_module)();
};
void set_ast_hooks(const AstHooks* hooks);
// The _ast module (ImportError when the binary was linked without the compiler).
[[nodiscard]] Object* create_ast_module_hook();

// Calls the installed compiler; NotImplementedError when the binary was linked without one. `filename` is a str.
[[nodiscard]] Object* compile_text(const char* src, size_t len, Object* filename, int mode, int flags, int optimize);

// The builtin compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1).
[[nodiscard]] Object* builtin_compile(Object* self, Object* const* args, ssize nargs, Object* kwnames);

// The source argument of exec()/eval() (str, bytes or a buffer) compiled for `caller` (whose __future__ flags it
// inherits; may be null): "<string>" as the filename, exec or eval mode. New reference, or null with the error set.
[[nodiscard]] Object* compile_exec_source(Object* source, bool is_eval, Frame* caller);

// Reports a compile-time SyntaxWarning at filename:lineno (through warnings.warn_explicit once the warnings module
// is loaded, else printed as CPython's default filter shows it). -1 with the error set when a filter raises.
[[nodiscard]] int compile_warning(Object* filename, int lineno, const std::string& msg);

}  // namespace pyvm
