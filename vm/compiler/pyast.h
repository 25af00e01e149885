// The AST as Python objects: the _ast module's classes (ast.AST and one class per node kind, derived from
// ast_nodes.def), the conversion of the compiler's AST into them (compile(..., PyCF_ONLY_AST), ast.parse) and back
// (compile() of an ast.AST, after CPython's validation rules).
#pragma once

#include <vector>

#include "objects/object.h"
#include "vm/compiler/arena.h"
#include "vm/compiler/ast.h"

namespace pyvm::compiler {

// The Python object of a constant (new reference); codegen_fold.cc.
[[nodiscard]] Object* constant_to_object(const ConstantValue& v);

// The _ast module (a new module object each call; the classes are created once per process).
[[nodiscard]] Object* create_ast_module();

// 1 when `o` is an instance of ast.AST, 0 when not (also when the classes were never created).
int is_ast_object(Object* o);

// The Python AST of `mod` (new reference), or null with an error set.
[[nodiscard]] Object* ast_to_python(const Mod* mod);

// The compiler's AST of the Python AST `o`, checked to be a Module/Expression/Interactive/FunctionType as
// compile()'s `mode` (0 exec, 1 eval, 2 single, 3 func_type) requires. Nodes and strings go into `arena`; the
// constants that are not literals (tuples, frozensets ...) are kept alive in `keep`. Null with TypeError/ValueError
// as CPython's obj2ast reports them.
[[nodiscard]] Mod* ast_from_python(Object* o, int mode, Arena& arena, std::vector<Ref<>>* keep);

// CPython's AST validator (Python/ast.c): false with ValueError/TypeError set when the tree could not come from
// the parser in a way the code generator relies on (contexts, empty bodies, mismatched lengths ...).
[[nodiscard]] bool ast_validate(const Mod* mod);

}  // namespace pyvm::compiler
