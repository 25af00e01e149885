// The AST: node structs derived from ast_nodes.def, shaped like CPython's (kind + v.<Kind>.<field>), arena-owned.
//
// Nodes are plain data: identifiers and strings are Str (pointing into the source buffer or the arena), numbers
// are values (big integers keep their digits), and every node with attributes has a Loc with CPython's
// lineno/col_offset/end_lineno/end_col_offset (columns in UTF-8 bytes). Allocate nodes with new_node(), which
// zero-fills them.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#include "vm/compiler/arena.h"

namespace pyvm::compiler {

struct Mod;
struct Stmt;
struct Expr;
struct Pattern;
struct TypeParam;
struct Comprehension;
struct ExceptHandler;
struct Arguments;
struct Arg;
struct Keyword;
struct Alias;
struct WithItem;
struct MatchCase;

// Field types, named so that ast_nodes.def reads like Python.asdl.
using ExprP = Expr*;
using OptExprP = Expr*;  // the Opt* aliases are ASDL's optional fields (expr? ...): null when absent
using Exprs = Seq<Expr*>;
using Stmts = Seq<Stmt*>;
using PatternP = Pattern*;
using OptPatternP = Pattern*;
using Patterns = Seq<Pattern*>;
using TypeParams = Seq<TypeParam*>;
using Comprehensions = Seq<Comprehension*>;
using ExceptHandlers = Seq<ExceptHandler*>;
using ArgumentsP = Arguments*;
using ArgP = Arg*;
using OptArgP = Arg*;
using Args = Seq<Arg*>;
using Keywords = Seq<Keyword*>;
using Aliases = Seq<Alias*>;
using WithItems = Seq<WithItem*>;
using MatchCases = Seq<MatchCase*>;
using Ident = Str;
using OptIdent = Str;
using OptString = Str;  // ASDL's string? (Constant.kind)
using Idents = Seq<Str>;
using Int = int;
using OptInt = int;  // ImportFrom.level (int?): the parser always sets it

// The simple sums (expr_context, boolop, operator, unaryop, cmpop).
#define AST_ENUM(Type, ...) enum class Type : uint8_t { __VA_ARGS__ };
#include "vm/compiler/ast_nodes.def"

using CmpOps = Seq<CmpOpKind>;

const char* enum_name(ExprContext v);
const char* enum_name(BoolOpKind v);
const char* enum_name(OperatorKind v);
const char* enum_name(UnaryOpKind v);
const char* enum_name(CmpOpKind v);

// A Constant's value.
struct ConstantValue {
  // kObject: a constant that only a Python AST can hold (a tuple, a frozenset, a complex with a real part ...),
  // borrowed in `obj` (an Object*) from the objects that outlive the compilation.
  enum class Kind : uint8_t { kNone, kTrue, kFalse, kEllipsis, kInt, kFloat, kComplex, kStr, kBytes, kObject };
  Kind kind;
  // kInt: when `big` the value does not fit in int64_t and `str` holds its digits (no underscores, no prefix) in
  // base `base` (2, 8, 10 or 16); otherwise `ival` holds it.
  bool big;
  uint8_t base;
  int64_t ival;
  double fval;  // kFloat; kComplex: the imaginary part (literals are pure imaginary)
  Str str;      // kStr: UTF-8 (lone surrogates encoded as 3-byte sequences); kBytes: the bytes
  const void* obj;  // kObject
};

struct Loc {
  int32_t lineno, col_offset, end_lineno, end_col_offset;
};

// Kind enums, one per sum type, in ASDL order.
#define AST_SEL_Mod(K, F)
#define AST_SEL_Stmt(K, F)
#define AST_SEL_Expr(K, F)
#define AST_SEL_Pattern(K, F)
#define AST_SEL_TypeParam(K, F)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)

#undef AST_SEL_Mod
#define AST_SEL_Mod(K, F) K,
enum class ModKind : uint8_t {
#include "vm/compiler/ast_nodes.def"
};
#undef AST_SEL_Mod
#define AST_SEL_Mod(K, F)

#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K, F) K,
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
enum class StmtKind : uint8_t {
#include "vm/compiler/ast_nodes.def"
};
#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K, F)

#undef AST_SEL_Expr
#define AST_SEL_Expr(K, F) K,
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
enum class ExprKind : uint8_t {
#include "vm/compiler/ast_nodes.def"
};
#undef AST_SEL_Expr
#define AST_SEL_Expr(K, F)

#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K, F) K,
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
enum class PatternKind : uint8_t {
#include "vm/compiler/ast_nodes.def"
};
#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K, F)

#undef AST_SEL_TypeParam
#define AST_SEL_TypeParam(K, F) K,
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
enum class TypeParamKind : uint8_t {
#include "vm/compiler/ast_nodes.def"
};
#undef AST_SEL_TypeParam
#define AST_SEL_TypeParam(K, F)

// The node structs of the sum types: a kind, a location (Mod has none) and a union of per-kind field structs.
#define F(type, name) type name;

#undef AST_SEL_Mod
#define AST_SEL_Mod(K, Fields) \
  struct {                     \
    Fields                     \
  } K;
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
struct Mod {
  ModKind kind;
  union {
#include "vm/compiler/ast_nodes.def"
  } v;
};
#undef AST_SEL_Mod
#define AST_SEL_Mod(K, F)

#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K, Fields) \
  struct {                      \
    Fields                      \
  } K;
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
struct Stmt {
  StmtKind kind;
  Loc loc;
  union {
#include "vm/compiler/ast_nodes.def"
  } v;
};
#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K, F)

#undef AST_SEL_Expr
#define AST_SEL_Expr(K, Fields) \
  struct {                      \
    Fields                      \
  } K;
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
struct Expr {
  ExprKind kind;
  Loc loc;
  union {
#include "vm/compiler/ast_nodes.def"
  } v;
};
#undef AST_SEL_Expr
#define AST_SEL_Expr(K, F)

#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K, Fields) \
  struct {                         \
    Fields                         \
  } K;
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
struct Pattern {
  PatternKind kind;
  Loc loc;
  union {
#include "vm/compiler/ast_nodes.def"
  } v;
};
#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K, F)

#undef AST_SEL_TypeParam
#define AST_SEL_TypeParam(K, Fields) \
  struct {                           \
    Fields                           \
  } K;
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
struct TypeParam {
  TypeParamKind kind;
  Loc loc;
  union {
#include "vm/compiler/ast_nodes.def"
  } v;
};
#undef AST_SEL_TypeParam
#define AST_SEL_TypeParam(K, F)

// The product types.
#define AST_LOC_0
#define AST_LOC_1 Loc loc;
#define AST_PRODUCT(Type, PyName, HasLoc, Fields) \
  struct Type {                                   \
    Fields AST_LOC_##HasLoc                       \
  };
#include "vm/compiler/ast_nodes.def"
#undef AST_LOC_0
#undef AST_LOC_1
#undef F

#undef AST_SEL_Mod
#undef AST_SEL_Stmt
#undef AST_SEL_Expr
#undef AST_SEL_Pattern
#undef AST_SEL_TypeParam

// Kind names as the ast module spells them ("BinOp").
const char* kind_name(ModKind k);
const char* kind_name(StmtKind k);
const char* kind_name(ExprKind k);
const char* kind_name(PatternKind k);
const char* kind_name(TypeParamKind k);

// A zero-filled node from the arena.
template <class T>
T* new_node(Arena& a) {
  static_assert(std::is_trivially_destructible_v<T>);
  void* p = a.alloc(sizeof(T), alignof(T));
  std::memset(p, 0, sizeof(T));
  return static_cast<T*>(p);
}

// CPython's _PyPegen_get_expr_name: how error messages name an expression ("function call", "literal" ...).
const char* expr_description(const Expr* e);

}  // namespace pyvm::compiler
