// Names of AST kinds and enum members (derived from ast_nodes.def) and the expression descriptions of errors.
#include "vm/compiler/ast.h"

#include <string_view>
#include <vector>

namespace pyvm::compiler {

namespace {

// Splits the stringised member list "Load, Store, Del" of an AST_ENUM once.
std::vector<std::string> split_names(const char* list) {
  std::vector<std::string> out;
  std::string cur;
  for (const char* p = list;; p++) {
    if (*p == ',' || *p == '\0') {
      out.push_back(cur);
      cur.clear();
      if (*p == '\0') break;
    } else if (*p != ' ') {
      cur.push_back(*p);
    }
  }
  return out;
}

}  // namespace

#define AST_ENUM(Type, ...)                                                  \
  const char* enum_name(Type v) {                                            \
    static const std::vector<std::string> names = split_names(#__VA_ARGS__); \
    return names[static_cast<int>(v)].c_str();                               \
  }
#include "vm/compiler/ast_nodes.def"

#define AST_SEL_Mod(K)
#define AST_SEL_Stmt(K)
#define AST_SEL_Expr(K)
#define AST_SEL_Pattern(K)
#define AST_SEL_TypeParam(K)

#undef AST_SEL_Mod
#define AST_SEL_Mod(K) #K,
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind)
const char* kind_name(ModKind k) {
  static const char* const names[] = {
#include "vm/compiler/ast_nodes.def"
  };
  return names[static_cast<int>(k)];
}
#undef AST_SEL_Mod
#define AST_SEL_Mod(K)

#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K) #K,
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind)
const char* kind_name(StmtKind k) {
  static const char* const names[] = {
#include "vm/compiler/ast_nodes.def"
  };
  return names[static_cast<int>(k)];
}
#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K)

#undef AST_SEL_Expr
#define AST_SEL_Expr(K) #K,
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind)
const char* kind_name(ExprKind k) {
  static const char* const names[] = {
#include "vm/compiler/ast_nodes.def"
  };
  return names[static_cast<int>(k)];
}
#undef AST_SEL_Expr
#define AST_SEL_Expr(K)

#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K) #K,
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind)
const char* kind_name(PatternKind k) {
  static const char* const names[] = {
#include "vm/compiler/ast_nodes.def"
  };
  return names[static_cast<int>(k)];
}
#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K)

#undef AST_SEL_TypeParam
#define AST_SEL_TypeParam(K) #K,
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind)
const char* kind_name(TypeParamKind k) {
  static const char* const names[] = {
#include "vm/compiler/ast_nodes.def"
  };
  return names[static_cast<int>(k)];
}

const char* expr_description(const Expr* e) {
  switch (e->kind) {
    case ExprKind::Attribute:
      return "attribute";
    case ExprKind::Subscript:
      return "subscript";
    case ExprKind::Starred:
      return "starred";
    case ExprKind::Name:
      return "name";
    case ExprKind::List:
      return "list";
    case ExprKind::Tuple:
      return "tuple";
    case ExprKind::Lambda:
      return "lambda";
    case ExprKind::Call:
      return "function call";
    case ExprKind::BoolOp:
    case ExprKind::BinOp:
    case ExprKind::UnaryOp:
      return "expression";
    case ExprKind::GeneratorExp:
      return "generator expression";
    case ExprKind::Yield:
    case ExprKind::YieldFrom:
      return "yield expression";
    case ExprKind::Await:
      return "await expression";
    case ExprKind::ListComp:
      return "list comprehension";
    case ExprKind::SetComp:
      return "set comprehension";
    case ExprKind::DictComp:
      return "dict comprehension";
    case ExprKind::Dict:
      return "dict literal";
    case ExprKind::Set:
      return "set display";
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue:
      return "f-string expression";
    case ExprKind::Constant:
      switch (e->v.Constant.value.kind) {
        case ConstantValue::Kind::kNone:
          return "None";
        case ConstantValue::Kind::kFalse:
          return "False";
        case ConstantValue::Kind::kTrue:
          return "True";
        case ConstantValue::Kind::kEllipsis:
          return "ellipsis";
        default:
          return "literal";
      }
    case ExprKind::Compare:
      return "comparison";
    case ExprKind::IfExp:
      return "conditional expression";
    case ExprKind::NamedExpr:
      return "named expression";
    default:
      return "expression";
  }
}

}  // namespace pyvm::compiler
