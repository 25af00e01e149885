// libFuzzer entry point for pyvm's compiler (tools/fuzz_compiler): any bytes, as source, must compile to a code
// object or raise (SyntaxError, ValueError, RecursionError, MemoryError ...), never crash or hang; also through
// the AST path (ast.parse and compile() of the resulting tree).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "objects/errors.h"
#include "objects/object.h"
#include "objects/str.h"
#include "vm/compile_api.h"
#include "vm/compiler/compile.h"
#include "vm/runtime.h"

namespace {

// Aborts (a finding) when the compiler breaks its contract: an object with no exception set, or null with one.
void finish(pyvm::Object* result, const char* what) {
  const bool raised = pyvm::error_occurred();
  if (result != nullptr && raised) {
    std::fprintf(stderr, "%s returned an object with an exception set\n", what);
    std::abort();
  }
  if (result == nullptr && !raised) {
    std::fprintf(stderr, "%s returned null without an exception\n", what);
    std::abort();
  }
  if (result != nullptr) {
    pyvm::decref(result);
  } else {
    pyvm::error_clear();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pyvm::Object* filename = [] {
    if (pyvm::runtime_init() < 0) std::abort();
    pyvm::install_source_compiler();
    return pyvm::str_from_utf8("<fuzz>");
  }();
  const char* src = reinterpret_cast<const char*>(data);
  // The three modes, as bytes (coding cookies honoured).
  for (int mode : {pyvm::kModeExec, pyvm::kModeEval, pyvm::kModeSingle})
    finish(pyvm::compile_text(src, size, filename, mode, 0, -1), "compile");
  // The AST path: source to ast.AST objects, and those back through the validator and the code generator.
  pyvm::Object* tree = pyvm::compile_text(src, size, filename, pyvm::kModeExec, pyvm::kCfOnlyAst, -1);
  if (tree) {
    finish(pyvm::compile_ast_object(tree, filename, pyvm::kModeExec, 0, -1), "compile(ast)");
    pyvm::decref(tree);
  } else {
    finish(tree, "ast.parse");
  }
  return 0;
}
