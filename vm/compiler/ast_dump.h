// Prints an AST exactly as CPython 3.13's ast.dump(tree, include_attributes=True) does, for comparison with it.
#pragma once

#include <string>

#include "vm/compiler/ast.h"

namespace pyvm::compiler {

std::string dump_ast(const Mod* mod);
std::string dump_ast(const Expr* e);
std::string dump_ast(const Stmt* s);

// Python's repr() of the constant (str, bytes, int, float, complex, None ...).
std::string constant_repr(const ConstantValue& v);
// repr() of a str given as UTF-8 (with lone surrogates as 3-byte sequences).
std::string str_repr(std::string_view utf8);
// repr() of a float, as Python prints it ('1e+16', '0.1', 'inf').
std::string float_repr(double d);

}  // namespace pyvm::compiler
