// The _ast module's process-wide state, shared by pyast_module.cc (classes, ast2obj) and pyast_convert.cc
// (obj2ast, validation). Created once (ast_state_init) and read-only afterwards.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "objects/object.h"
#include "vm/compiler/ast.h"

namespace pyvm::compiler {

extern Type ast_base_type;  // ast.AST

struct AstState {
  std::vector<std::pair<std::string, Object*>> by_name;  // every node class, in creation order
  std::vector<Ref<>> owned;                               // the references that keep classes and singletons alive

  // The concrete classes, indexed by kind.
  Object* mod_cls[int(ModKind::FunctionType) + 1];
  Object* stmt_cls[int(StmtKind::Continue) + 1];
  Object* expr_cls[int(ExprKind::Slice) + 1];
  Object* pattern_cls[int(PatternKind::MatchOr) + 1];
  Object* type_param_cls[int(TypeParamKind::TypeVarTuple) + 1];
#define F(type, name)
#define AST_PRODUCT(Type, PyName, HasLoc, Fields) Object* Type##_cls;
#include "vm/compiler/ast_nodes.def"
#undef F
  // The abstract bases.
  Object *mod_base, *stmt_base, *expr_base, *pattern_base, *type_param_base, *excepthandler_base;
  Object* expr_context_cls;
  // The instances that stand for the members of the simple sums (ast.Load() ...), in enum order.
#define AST_ENUM(Type, ...) std::vector<Object*> Type##_singletons;
#include "vm/compiler/ast_nodes.def"
  std::vector<Object*> singleton_cls;
  Object* load_singleton;
  Type* generic_alias_type;  // type(list[int])
  Type* union_type;          // type(int | None)

  bool is_list_alias(Object* t) const;
  bool is_optional_union(Object* t) const;
};

// The state, or null before the first ast_state_init().
const AstState* ast_state();
// Creates the classes on first use; null with an error set when that fails.
const AstState* ast_state_init();

}  // namespace pyvm::compiler
