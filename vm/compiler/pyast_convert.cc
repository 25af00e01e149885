// compile() of an ast.AST: the Python objects converted into the compiler's AST (CPython's obj2ast: the same
// TypeError/ValueError messages for missing fields, wrong types and non-list sequences) and checked as CPython's
// validator (Python/ast.c) checks them, so that a tree the parser could never produce is rejected with an error
// instead of reaching the code generator.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/compiler/pyast.h"
#include "vm/compiler/pyast_state.h"

namespace pyvm::compiler {

namespace {

std::string repr_or_type(Object* o) {
  std::string r;
  if (!repr_utf8(o, &r)) {
    error_clear();
    r = fmt::format("<{} object>", type_name(o));
  }
  return r;
}

// CPython's validate_constant: the types a Constant may hold. On false, *bad is the offending object (an item of
// a tuple or frozenset when that is what is wrong).
bool valid_constant(Object* v, Object** bad) {
  if (v == none() || v == ellipsis()) return true;
  Type* t = type_of(v);
  if (t == &int_type || t == &float_type || t == &complex_type || t == &bool_type || t == &str_type ||
      t == &bytes_type)
    return true;
  if (t == &tuple_type) {
    for (ssize i = 0; i < tuple_size(v); i++)
      if (!valid_constant(tuple_get(v, i), bad)) return false;
    return true;
  }
  if (t == &frozenset_type) {
    ssize pos = 0;
    Object* k = nullptr;
    while (set_next(v, &pos, &k)) {
      bool ok = valid_constant(k, bad);
      decref(k);  // the frozenset keeps it alive for the caller's message
      if (!ok) return false;
    }
    return true;
  }
  *bad = v;
  return false;
}

class FromPython {
 public:
  FromPython(const AstState* st, Arena& a, std::vector<Ref<>>* keep) : st_(st), a_(a), keep_(keep) {}

  bool node(Object* o, Mod** out);
  bool node(Object* o, Stmt** out);
  bool node(Object* o, Expr** out);
  bool node(Object* o, Pattern** out);
  bool node(Object* o, TypeParam** out);
#define F(type, name)
#define AST_PRODUCT(Type, PyName, HasLoc, Fields) bool node(Object* o, Type** out);
#include "vm/compiler/ast_nodes.def"
#undef F

 private:
  // The attribute `name` of `o` (new reference in *v, null when missing); false on error.
  bool attr(Object* o, const char* name, Object** v) { return get_attr_optional(o, str_interned(name), v) >= 0; }

  bool missing(const char* name, const char* owner) {
    set_errorf(&exc_TypeError, "required field \"{}\" missing from {}", name, owner);
    return false;
  }
  bool required(const char* name, const char* owner) {
    set_errorf(&exc_ValueError, "field '{}' is required for {}", name, owner);
    return false;
  }

  bool str_value(Object* v, Str* out, const char* what) {
    if (!type_check_exact(v, &str_type)) {
      set_errorf(&exc_TypeError, "AST {} must be of type str", what);
      return false;
    }
    if (str_is_ascii(v)) {
      ssize n = 0;
      const char* p = str_utf8(v, &n);
      if (!p) return false;
      *out = a_.copy_str(std::string_view(p, size_t(n)));
      return true;
    }
    ORef b = steal(str_encode(v, "utf-8", "surrogatepass"));
    if (!b) return false;
    *out = a_.copy_str(std::string_view(bytes_data(b.get()), size_t(bytes_size(b.get()))));
    return true;
  }
  bool int_value(Object* v, int* out) {
    if (!type_check(v, &int_type)) {
      set_errorf(&exc_ValueError, "invalid integer value: {}", repr_or_type(v));
      return false;
    }
    int overflow = 0;
    int64_t x = int_as_i64(v, &overflow);
    if (overflow || x > INT32_MAX || x < INT32_MIN) {
      set_error(&exc_OverflowError, "Python int too large to convert to C int");
      return false;
    }
    *out = int(x);
    return true;
  }
  bool constant(Object* v, ConstantValue* out) {
    using K = ConstantValue::Kind;
    *out = ConstantValue{};
    Object* bad = nullptr;
    if (!valid_constant(v, &bad)) {
      set_errorf(&exc_TypeError, "got an invalid type in Constant: {}", type_name(bad));
      return false;
    }
    Type* t = type_of(v);
    if (v == none()) {
      out->kind = K::kNone;
    } else if (v == true_()) {
      out->kind = K::kTrue;
    } else if (v == false_()) {
      out->kind = K::kFalse;
    } else if (v == ellipsis()) {
      out->kind = K::kEllipsis;
    } else if (t == &int_type) {
      int overflow = 0;
      int64_t x = int_as_i64(v, &overflow);
      if (overflow) {
        keep_object(v, out);
      } else {
        out->kind = K::kInt;
        out->ival = x;
      }
    } else if (t == &float_type) {
      out->kind = K::kFloat;
      out->fval = float_value(v);
    } else if (t == &complex_type && complex_value(v).real == 0.0 && !std::signbit(complex_value(v).real)) {
      out->kind = K::kComplex;
      out->fval = complex_value(v).imag;
    } else if (t == &str_type) {
      out->kind = K::kStr;
      if (!str_value(v, &out->str, "string")) return false;
    } else if (t == &bytes_type) {
      out->kind = K::kBytes;
      out->str = a_.copy_str(std::string_view(bytes_data(v), size_t(bytes_size(v))));
    } else {
      keep_object(v, out);
    }
    return true;
  }
  void keep_object(Object* v, ConstantValue* out) {
    keep_->push_back(steal(newref(v)));
    out->kind = ConstantValue::Kind::kObject;
    out->obj = v;
  }

  // One simple-sum member (ast.Load() ...): matched by isinstance against the member classes.
  template <class E>
  bool member(Object* v, const std::vector<Object*>& singletons, const char* sum, E* out) {
    for (size_t i = 0; i < singletons.size(); i++) {
      Object* cls = reinterpret_cast<Object*>(type_of(singletons[i]));
      int r = object_isinstance(v, cls);
      if (r < 0) return false;
      if (r) {
        *out = static_cast<E>(i);
        return true;
      }
    }
    set_errorf(&exc_TypeError, "expected some sort of {}, but got {}", sum, repr_or_type(v));
    return false;
  }

  // A list field: each item converted with `item`.
  template <class T, class Fn>
  bool seq(Object* o, const char* name, const char* owner, Seq<T>* out, Fn item) {
    Object* v = nullptr;
    if (!attr(o, name, &v)) return false;
    if (!v) return missing(name, owner);
    ORef vr = steal(v);
    if (!type_check(v, &list_type)) {
      set_errorf(&exc_TypeError, "{} field \"{}\" must be a list, not a {}", owner, name, type_name(v));
      return false;
    }
    ssize n = list_size(v);
    SmallVec<T> items;
    for (ssize i = 0; i < n; i++) {
      if (list_size(v) != n) {
        set_errorf(&exc_RuntimeError, "{} field \"{}\" changed size during iteration", owner, name);
        return false;
      }
      ORef it = steal(sequence_get_index(v, i));
      if (!it) return false;
      T x{};
      if (!item(it.get(), &x)) return false;
      items.push_back(x);
    }
    if (list_size(v) != n) {
      set_errorf(&exc_RuntimeError, "{} field \"{}\" changed size during iteration", owner, name);
      return false;
    }
    *out = items.to_seq(a_);
    return true;
  }
  // A node-list item: None stays null for expressions, statements and patterns (the validator reports it where
  // it is not allowed); other node kinds must be nodes.
  template <class T>
  bool seq_item(Object* v, T** out, bool none_ok) {
    if (v == none()) {
      if (none_ok) {
        *out = nullptr;
        return true;
      }
    }
    return node(v, out);
  }

  // Single node fields.
  template <class T>
  bool one(Object* o, const char* name, const char* owner, T** out, bool optional) {
    Object* v = nullptr;
    if (!attr(o, name, &v)) return false;
    ORef vr = steal(v);
    if (!v || v == none()) {
      if (optional) {
        *out = nullptr;
        return true;
      }
      return v ? required(name, owner) : missing(name, owner);
    }
    return node(v, out);
  }

 public:
  // One function per field type of ast_nodes.def (the Opt* aliases are the optional ones).
  bool get_ExprP(Object* o, const char* n, const char* w, Expr** out) { return one(o, n, w, out, false); }
  bool get_OptExprP(Object* o, const char* n, const char* w, Expr** out) { return one(o, n, w, out, true); }
  bool get_PatternP(Object* o, const char* n, const char* w, Pattern** out) { return one(o, n, w, out, false); }
  bool get_OptPatternP(Object* o, const char* n, const char* w, Pattern** out) { return one(o, n, w, out, true); }
  bool get_ArgumentsP(Object* o, const char* n, const char* w, Arguments** out) { return one(o, n, w, out, false); }
  bool get_ArgP(Object* o, const char* n, const char* w, Arg** out) { return one(o, n, w, out, false); }
  bool get_OptArgP(Object* o, const char* n, const char* w, Arg** out) { return one(o, n, w, out, true); }
#define NODE_SEQ(Alias, T, NoneOk)                                                                      \
  bool get_##Alias(Object* o, const char* n, const char* w, Seq<T*>* out) {                             \
    return seq(o, n, w, out, [&](Object* v, T** x) { return seq_item(v, x, NoneOk); });                 \
  }
  NODE_SEQ(Exprs, Expr, true)
  NODE_SEQ(Stmts, Stmt, true)
  NODE_SEQ(Patterns, Pattern, true)
  NODE_SEQ(TypeParams, TypeParam, false)
  NODE_SEQ(Comprehensions, Comprehension, false)
  NODE_SEQ(ExceptHandlers, ExceptHandler, false)
  NODE_SEQ(Args, Arg, false)
  NODE_SEQ(Keywords, Keyword, false)
  NODE_SEQ(Aliases, Alias, false)
  NODE_SEQ(WithItems, WithItem, false)
  NODE_SEQ(MatchCases, MatchCase, false)
#undef NODE_SEQ
  bool get_Idents(Object* o, const char* n, const char* w, Seq<Str>* out) {
    return seq(o, n, w, out, [&](Object* v, Str* x) { return str_value(v, x, "identifier"); });
  }
  bool get_CmpOps(Object* o, const char* n, const char* w, Seq<CmpOpKind>* out) {
    return seq(o, n, w, out,
               [&](Object* v, CmpOpKind* x) { return member(v, st_->CmpOpKind_singletons, "cmpop", x); });
  }
  bool get_Ident(Object* o, const char* n, const char* w, Str* out) { return ident(o, n, w, out, false, "identifier"); }
  bool get_OptIdent(Object* o, const char* n, const char* w, Str* out) { return ident(o, n, w, out, true, "identifier"); }
  bool get_OptString(Object* o, const char* n, const char* w, Str* out) { return ident(o, n, w, out, true, "string"); }
  bool get_Int(Object* o, const char* n, const char* w, int* out) {
    Object* v = nullptr;
    if (!attr(o, n, &v)) return false;
    if (!v) return missing(n, w);
    ORef vr = steal(v);
    return int_value(v, out);
  }
  bool get_OptInt(Object* o, const char* n, const char* w, int* out) {
    Object* v = nullptr;
    if (!attr(o, n, &v)) return false;
    ORef vr = steal(v);
    if (!v || v == none()) {
      *out = 0;
      return true;
    }
    return int_value(v, out);
  }
  bool get_ConstantValue(Object* o, const char* n, const char* w, ConstantValue* out) {
    Object* v = nullptr;
    if (!attr(o, n, &v)) return false;
    if (!v) return missing(n, w);
    ORef vr = steal(v);
    return constant(v, out);
  }
#define ENUM_FIELD(Alias, Sum)                                                              \
  bool get_##Alias(Object* o, const char* n, const char* w, Alias* out) {                   \
    Object* v = nullptr;                                                                    \
    if (!attr(o, n, &v)) return false;                                                      \
    if (!v) return missing(n, w);                                                           \
    ORef vr = steal(v);                                                                     \
    return member(v, st_->Alias##_singletons, Sum, out);                                    \
  }
  ENUM_FIELD(ExprContext, "expr_context")
  ENUM_FIELD(BoolOpKind, "boolop")
  ENUM_FIELD(OperatorKind, "operator")
  ENUM_FIELD(UnaryOpKind, "unaryop")
#undef ENUM_FIELD

 private:
  bool ident(Object* o, const char* n, const char* w, Str* out, bool optional, const char* what) {
    Object* v = nullptr;
    if (!attr(o, n, &v)) return false;
    ORef vr = steal(v);
    if (!v || v == none()) {
      if (optional) {
        *out = Str{};
        return true;
      }
      return v ? required(n, w) : missing(n, w);
    }
    return str_value(v, out, what);
  }

 public:
  // The position attributes of a node of sum `owner` (its lineno and col_offset are required; the end positions
  // default to the start).
  bool loc(Object* o, const char* owner, Loc* l) {
    if (!get_Int(o, "lineno", owner, &l->lineno) || !get_Int(o, "col_offset", owner, &l->col_offset)) return false;
    std::string_view ow = owner;
    if (ow == "pattern" || ow == "type_param")  // their end positions are required ints in the ASDL
      return get_Int(o, "end_lineno", owner, &l->end_lineno) && get_Int(o, "end_col_offset", owner, &l->end_col_offset);
    Object* v = nullptr;
    if (!attr(o, "end_lineno", &v)) return false;
    ORef vr = steal(v);
    if (!v || v == none()) {
      l->end_lineno = l->lineno;
    } else if (!int_value(v, &l->end_lineno)) {
      return false;
    }
    if (!attr(o, "end_col_offset", &v)) return false;
    ORef vr2 = steal(v);
    if (!v || v == none()) {
      l->end_col_offset = l->col_offset;
    } else if (!int_value(v, &l->end_col_offset)) {
      return false;
    }
    return true;
  }

  // Which of `classes` (in kind order) `o` is an instance of: the kind index, or -1 with TypeError.
  int kind_of(Object* o, Object* const* classes, int n, const char* sum) {
    Object* t = reinterpret_cast<Object*>(type_of(o));
    for (int i = 0; i < n; i++)
      if (classes[i] == t) return i;
    for (int i = 0; i < n; i++) {
      int r = object_isinstance(o, classes[i]);
      if (r < 0) return -1;
      if (r) return i;
    }
    set_errorf(&exc_TypeError, "expected some sort of {}, but got {}", sum, repr_or_type(o));
    return -1;
  }

  Arena& arena() { return a_; }

  // The fields the compiler has no use for (type comments, Module.type_ignores), still checked as obj2ast does.
  bool extras(Object* o, std::string_view kind) {
    if (kind == "Module") {
      Object* v = nullptr;
      if (!attr(o, "type_ignores", &v)) return false;
      if (!v) return missing("type_ignores", "Module");
      ORef vr = steal(v);
      if (!type_check(v, &list_type)) {
        set_errorf(&exc_TypeError, "Module field \"type_ignores\" must be a list, not a {}", type_name(v));
        return false;
      }
      Object* ti = nullptr;
      for (const auto& [name, cls] : st_->by_name)
        if (name == "TypeIgnore") ti = cls;
      for (ssize i = 0; i < list_size(v); i++) {
        ORef it = steal(sequence_get_index(v, i));
        if (!it) return false;
        int r = ti ? object_isinstance(it.get(), ti) : 1;
        if (r < 0) return false;
        if (!r) {
          set_errorf(&exc_TypeError, "expected some sort of type_ignore, but got {}", repr_or_type(it.get()));
          return false;
        }
      }
      return true;
    }
    if (kind == "FunctionDef" || kind == "AsyncFunctionDef" || kind == "Assign" || kind == "For" ||
        kind == "AsyncFor" || kind == "With" || kind == "AsyncWith" || kind == "arg") {
      Str unused{};
      std::string owner(kind);
      return get_OptString(o, "type_comment", owner.c_str(), &unused);
    }
    return true;
  }

 private:
  const AstState* st_;
  Arena& a_;
  std::vector<Ref<>>* keep_;
};

#define F(type, name) \
  if (!get_##type(o, #name, kname, &x.name)) return false;

#define AST_SEL_Mod(K, F)
#define AST_SEL_Stmt(K, F)
#define AST_SEL_Expr(K, F)
#define AST_SEL_Pattern(K, F)
#define AST_SEL_TypeParam(K, F)

#define CASE(Type, K, Fields)           \
  case int(Type##Kind::K): {            \
    n->kind = Type##Kind::K;            \
    auto& x = n->v.K;                   \
    (void)x;                            \
    const char* kname = #K;             \
    (void)kname;                        \
    Fields;                             \
    if (!extras(o, kname)) return false; \
    break;                              \
  }

#define SUM_BODY(Type, Arr, SumName, HasLoc)                                              \
  CRecursionGuard guard(" while traversing '" SumName "' node");                          \
  if (!guard.ok()) return false;                                                          \
  Type* n = new_node<Type>(a_);                                                           \
  Loc l{};                                                                                \
  if (HasLoc && !loc(o, SumName, &l)) return false;                                       \
  int k = kind_of(o, st_->Arr, int(sizeof(st_->Arr) / sizeof(st_->Arr[0])), SumName);     \
  if (k < 0) return false;

#undef AST_SEL_Mod
#define AST_SEL_Mod(K, Fields) CASE(Mod, K, Fields)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
bool FromPython::node(Object* o, Mod** out) {
  SUM_BODY(Mod, mod_cls, "mod", false)
  (void)l;
  switch (k) {
#include "vm/compiler/ast_nodes.def"
  }
  *out = n;
  return true;
}
#undef AST_SEL_Mod
#define AST_SEL_Mod(K, F)

#define SUM_FN(Type, Arr, SumName, Sel)                \
  bool FromPython::node(Object* o, Type** out) {       \
    SUM_BODY(Type, Arr, SumName, true)                 \
    n->loc = l;                                        \
    switch (k) {                                       \
      Sel                                              \
    }                                                  \
    *out = n;                                          \
    return true;                                       \
  }

#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K, Fields) CASE(Stmt, K, Fields)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
bool FromPython::node(Object* o, Stmt** out) {
  SUM_BODY(Stmt, stmt_cls, "stmt", true)
  n->loc = l;
  switch (k) {
#include "vm/compiler/ast_nodes.def"
  }
  *out = n;
  return true;
}
#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K, F)

#undef AST_SEL_Expr
#define AST_SEL_Expr(K, Fields) CASE(Expr, K, Fields)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
bool FromPython::node(Object* o, Expr** out) {
  SUM_BODY(Expr, expr_cls, "expr", true)
  n->loc = l;
  switch (k) {
#include "vm/compiler/ast_nodes.def"
  }
  *out = n;
  return true;
}
#undef AST_SEL_Expr
#define AST_SEL_Expr(K, F)

#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K, Fields) CASE(Pattern, K, Fields)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
bool FromPython::node(Object* o, Pattern** out) {
  SUM_BODY(Pattern, pattern_cls, "pattern", true)
  n->loc = l;
  switch (k) {
#include "vm/compiler/ast_nodes.def"
  }
  *out = n;
  return true;
}
#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K, F)

#undef AST_SEL_TypeParam
#define AST_SEL_TypeParam(K, Fields) CASE(TypeParam, K, Fields)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
bool FromPython::node(Object* o, TypeParam** out) {
  SUM_BODY(TypeParam, type_param_cls, "type_param", true)
  n->loc = l;
  switch (k) {
#include "vm/compiler/ast_nodes.def"
  }
  *out = n;
  return true;
}
#undef AST_SEL_TypeParam
#define AST_SEL_TypeParam(K, F)

// Products: an isinstance check, then the fields; ExceptHandler takes its positions from the excepthandler sum.
#define AST_LOC_0(owner) (void)0
#define AST_LOC_1(owner) \
  if (!loc(o, owner, &n->loc)) return false
#define AST_PRODUCT(Type, PyName, HasLoc, Fields)                                              \
  bool FromPython::node(Object* o, Type** out) {                                               \
    CRecursionGuard guard(" while traversing '" #PyName "' node");                             \
    if (!guard.ok()) return false;                                                             \
    const char* sum = std::string_view(#PyName) == "ExceptHandler" ? "excepthandler" : #PyName; \
    Type* n = new_node<Type>(a_);                                                              \
    AST_LOC_##HasLoc(sum);                                                                     \
    Object* cls = st_->Type##_cls;                                                             \
    int r = object_isinstance(o, cls);                                                         \
    if (r < 0) return false;                                                                   \
    if (!r) {                                                                                  \
      set_errorf(&exc_TypeError, "expected some sort of {}, but got {}", sum, repr_or_type(o)); \
      return false;                                                                            \
    }                                                                                          \
    auto& x = *n;                                                                              \
    const char* kname = #PyName;                                                               \
    (void)kname;                                                                               \
    Fields;                                                                                    \
    if (!extras(o, kname)) return false;                                                       \
    *out = n;                                                                                  \
    return true;                                                                               \
  }
#include "vm/compiler/ast_nodes.def"
#undef AST_LOC_0
#undef AST_LOC_1
#undef CASE
#undef SUM_BODY
#undef SUM_FN
#undef F
#undef AST_SEL_Mod
#undef AST_SEL_Stmt
#undef AST_SEL_Expr
#undef AST_SEL_Pattern
#undef AST_SEL_TypeParam

// ---- validation (Python/ast.c's rules) ----

const char* ctx_name(ExprContext c) {
  switch (c) {
    case ExprContext::Load:
      return "Load";
    case ExprContext::Store:
      return "Store";
    case ExprContext::Del:
      return "Del";
  }
  return "?";
}

class Validator {
 public:
  bool mod(const Mod* m) {
    switch (m->kind) {
      case ModKind::Module:
        return stmts(m->v.Module.body);
      case ModKind::Interactive:
        return stmts(m->v.Interactive.body);
      case ModKind::Expression:
        return expr(m->v.Expression.body, ExprContext::Load);
      case ModKind::FunctionType:
        return exprs(m->v.FunctionType.argtypes, ExprContext::Load, false) &&
               expr(m->v.FunctionType.returns, ExprContext::Load);
    }
    return fail(&exc_SystemError, "impossible module node");
  }

 private:
  bool fail(Type* t, const std::string& msg) {
    set_error(t, msg.c_str());
    return false;
  }
  bool name(const Str& id) {
    if (id == "None" || id == "True" || id == "False")
      return fail(&exc_ValueError, fmt::format("identifier field can't represent '{}' constant", id.view()));
    return true;
  }
  bool nonempty(uint32_t n, const char* what, const char* owner) {
    if (n == 0) return fail(&exc_ValueError, fmt::format("empty {} on {}", what, owner));
    return true;
  }
  bool body(const Stmts& b, const char* owner) { return nonempty(b.size, "body", owner) && stmts(b); }
  bool stmts(const Stmts& ss) {
    for (Stmt* s : ss) {
      if (!s) return fail(&exc_ValueError, "None disallowed in statement list");
      if (!stmt(s)) return false;
    }
    return true;
  }
  bool exprs(const Exprs& es, ExprContext ctx, bool null_ok) {
    for (Expr* e : es) {
      if (!e) {
        if (null_ok) continue;
        return fail(&exc_ValueError, "None disallowed in expression list");
      }
      if (!expr(e, ctx)) return false;
    }
    return true;
  }
  bool opt(const Expr* e, ExprContext ctx) { return !e || expr(e, ctx); }
  bool keywords(const Keywords& ks) {
    for (Keyword* k : ks)
      if (!expr(k->value, ExprContext::Load)) return false;
    return true;
  }
  bool args(const Args& as) {
    for (Arg* a : as)
      if (!opt(a->annotation, ExprContext::Load)) return false;
    return true;
  }
  bool arguments(const Arguments* a) {
    if (!args(a->posonlyargs) || !args(a->args)) return false;
    if (a->vararg && !opt(a->vararg->annotation, ExprContext::Load)) return false;
    if (!args(a->kwonlyargs)) return false;
    if (a->kwarg && !opt(a->kwarg->annotation, ExprContext::Load)) return false;
    if (a->defaults.size > a->posonlyargs.size + a->args.size)
      return fail(&exc_ValueError, "more positional defaults than args on arguments");
    if (a->kw_defaults.size != a->kwonlyargs.size)
      return fail(&exc_ValueError, "length of kwonlyargs is not the same as kw_defaults on arguments");
    return exprs(a->defaults, ExprContext::Load, false) && exprs(a->kw_defaults, ExprContext::Load, true);
  }
  bool comprehension(const Comprehensions& gens) {
    if (gens.size == 0) return fail(&exc_ValueError, "comprehension with no generators");
    for (Comprehension* c : gens)
      if (!expr(c->target, ExprContext::Store) || !expr(c->iter, ExprContext::Load) ||
          !exprs(c->ifs, ExprContext::Load, false))
        return false;
    return true;
  }
  bool type_params(const TypeParams& tps) {
    for (TypeParam* tp : tps) {
      switch (tp->kind) {
        case TypeParamKind::TypeVar:
          if (!name(tp->v.TypeVar.name) || !opt(tp->v.TypeVar.bound, ExprContext::Load) ||
              !opt(tp->v.TypeVar.default_value, ExprContext::Load))
            return false;
          break;
        case TypeParamKind::ParamSpec:
          if (!name(tp->v.ParamSpec.name) || !opt(tp->v.ParamSpec.default_value, ExprContext::Load)) return false;
          break;
        case TypeParamKind::TypeVarTuple:
          if (!name(tp->v.TypeVarTuple.name) || !opt(tp->v.TypeVarTuple.default_value, ExprContext::Load))
            return false;
          break;
      }
    }
    return true;
  }

  // CPython's VALIDATE_POSITIONS: a node's line and column range must be ordered.
  bool positions(const Loc& l) {
    if (l.lineno > l.end_lineno)
      return fail(&exc_ValueError, fmt::format("AST node line range ({}, {}) is not valid", l.lineno, l.end_lineno));
    if ((l.lineno < 0 && l.end_lineno != l.lineno) || (l.col_offset < 0 && l.col_offset != l.end_col_offset))
      return fail(&exc_ValueError, fmt::format("AST node column range ({}, {}) for line range ({}, {}) is not valid",
                                               l.col_offset, l.end_col_offset, l.lineno, l.end_lineno));
    if (l.lineno == l.end_lineno && l.col_offset > l.end_col_offset)
      return fail(&exc_ValueError, fmt::format("line {}, column {}-{} is not a valid range", l.lineno, l.col_offset,
                                               l.end_col_offset));
    return true;
  }

  bool stmt(const Stmt* s) {
    CRecursionGuard guard(" during compilation");
    if (!guard.ok()) return false;
    if (!positions(s->loc)) return false;
    const auto& v = s->v;
    switch (s->kind) {
      case StmtKind::FunctionDef:
        return body(v.FunctionDef.body, "FunctionDef") && type_params(v.FunctionDef.type_params) &&
               arguments(v.FunctionDef.args) && exprs(v.FunctionDef.decorator_list, ExprContext::Load, false) &&
               opt(v.FunctionDef.returns, ExprContext::Load);
      case StmtKind::AsyncFunctionDef:
        return body(v.AsyncFunctionDef.body, "AsyncFunctionDef") && type_params(v.AsyncFunctionDef.type_params) &&
               arguments(v.AsyncFunctionDef.args) &&
               exprs(v.AsyncFunctionDef.decorator_list, ExprContext::Load, false) &&
               opt(v.AsyncFunctionDef.returns, ExprContext::Load);
      case StmtKind::ClassDef:
        return body(v.ClassDef.body, "ClassDef") && type_params(v.ClassDef.type_params) &&
               exprs(v.ClassDef.bases, ExprContext::Load, false) && keywords(v.ClassDef.keywords) &&
               exprs(v.ClassDef.decorator_list, ExprContext::Load, false);
      case StmtKind::Return:
        return opt(v.Return.value, ExprContext::Load);
      case StmtKind::Delete:
        return nonempty(v.Delete.targets.size, "targets", "Delete") &&
               exprs(v.Delete.targets, ExprContext::Del, false);
      case StmtKind::Assign:
        return nonempty(v.Assign.targets.size, "targets", "Assign") &&
               exprs(v.Assign.targets, ExprContext::Store, false) && expr(v.Assign.value, ExprContext::Load);
      case StmtKind::TypeAlias:
        if (v.TypeAlias.name->kind != ExprKind::Name) return fail(&exc_TypeError, "TypeAlias with non-Name name");
        return expr(v.TypeAlias.name, ExprContext::Store) && type_params(v.TypeAlias.type_params) &&
               expr(v.TypeAlias.value, ExprContext::Load);
      case StmtKind::AugAssign:
        return expr(v.AugAssign.target, ExprContext::Store) && expr(v.AugAssign.value, ExprContext::Load);
      case StmtKind::AnnAssign:
        if (v.AnnAssign.simple && v.AnnAssign.target->kind != ExprKind::Name)
          return fail(&exc_TypeError, "AnnAssign with simple non-Name target");
        return expr(v.AnnAssign.target, ExprContext::Store) && opt(v.AnnAssign.value, ExprContext::Load) &&
               expr(v.AnnAssign.annotation, ExprContext::Load);
      case StmtKind::For:
        return expr(v.For.target, ExprContext::Store) && expr(v.For.iter, ExprContext::Load) &&
               body(v.For.body, "For") && stmts(v.For.orelse);
      case StmtKind::AsyncFor:
        return expr(v.AsyncFor.target, ExprContext::Store) && expr(v.AsyncFor.iter, ExprContext::Load) &&
               body(v.AsyncFor.body, "AsyncFor") && stmts(v.AsyncFor.orelse);
      case StmtKind::While:
        return expr(v.While.test, ExprContext::Load) && body(v.While.body, "While") && stmts(v.While.orelse);
      case StmtKind::If:
        return expr(v.If.test, ExprContext::Load) && body(v.If.body, "If") && stmts(v.If.orelse);
      case StmtKind::With:
      case StmtKind::AsyncWith: {
        bool async = s->kind == StmtKind::AsyncWith;
        const WithItems& items = async ? v.AsyncWith.items : v.With.items;
        const char* owner = async ? "AsyncWith" : "With";
        if (!nonempty(items.size, "items", owner)) return false;
        for (WithItem* it : items)
          if (!expr(it->context_expr, ExprContext::Load) || !opt(it->optional_vars, ExprContext::Store)) return false;
        return body(async ? v.AsyncWith.body : v.With.body, owner);
      }
      case StmtKind::Match:
        if (!expr(v.Match.subject, ExprContext::Load) || !nonempty(v.Match.cases.size, "cases", "Match"))
          return false;
        for (MatchCase* c : v.Match.cases)
          if (!pattern(c->pattern, false) || !opt(c->guard, ExprContext::Load) || !body(c->body, "match_case"))
            return false;
        return true;
      case StmtKind::Raise:
        if (v.Raise.exc) return expr(v.Raise.exc, ExprContext::Load) && opt(v.Raise.cause, ExprContext::Load);
        if (v.Raise.cause) return fail(&exc_ValueError, "Raise with cause but no exception");
        return true;
      case StmtKind::Try:
      case StmtKind::TryStar: {
        bool star = s->kind == StmtKind::TryStar;
        const Stmts& tbody = star ? v.TryStar.body : v.Try.body;
        const ExceptHandlers& handlers = star ? v.TryStar.handlers : v.Try.handlers;
        const Stmts& orelse = star ? v.TryStar.orelse : v.Try.orelse;
        const Stmts& finalbody = star ? v.TryStar.finalbody : v.Try.finalbody;
        const char* owner = star ? "TryStar" : "Try";
        if (!body(tbody, owner)) return false;
        if (handlers.size == 0 && finalbody.size == 0)
          return fail(&exc_ValueError, fmt::format("{} has neither except handlers nor finalbody", owner));
        if (handlers.size == 0 && orelse.size != 0)
          return fail(&exc_ValueError, fmt::format("{} has orelse but no except handlers", owner));
        for (ExceptHandler* h : handlers)
          if (!opt(h->type, ExprContext::Load) || !body(h->body, "ExceptHandler")) return false;
        return stmts(finalbody) && stmts(orelse);
      }
      case StmtKind::Assert:
        return expr(v.Assert.test, ExprContext::Load) && opt(v.Assert.msg, ExprContext::Load);
      case StmtKind::Import:
        return nonempty(v.Import.names.size, "names", "Import");
      case StmtKind::ImportFrom:
        if (v.ImportFrom.level < 0) return fail(&exc_ValueError, "Negative ImportFrom level");
        return nonempty(v.ImportFrom.names.size, "names", "ImportFrom");
      case StmtKind::Global:
        return nonempty(v.Global.names.size, "names", "Global");
      case StmtKind::Nonlocal:
        return nonempty(v.Nonlocal.names.size, "names", "Nonlocal");
      case StmtKind::Expr:
        return expr(v.Expr.value, ExprContext::Load);
      case StmtKind::Pass:
      case StmtKind::Break:
      case StmtKind::Continue:
        return true;
    }
    return fail(&exc_SystemError, "unexpected statement");
  }

  bool expr(const Expr* e, ExprContext ctx) {
    CRecursionGuard guard(" during compilation");
    if (!guard.ok()) return false;
    if (!positions(e->loc)) return false;
    const auto& v = e->v;
    bool has_ctx = true;
    ExprContext actual = ExprContext::Load;
    switch (e->kind) {
      case ExprKind::Attribute:
        actual = v.Attribute.ctx;
        break;
      case ExprKind::Subscript:
        actual = v.Subscript.ctx;
        break;
      case ExprKind::Starred:
        actual = v.Starred.ctx;
        break;
      case ExprKind::Name:
        if (!name(v.Name.id)) return false;
        actual = v.Name.ctx;
        break;
      case ExprKind::List:
        actual = v.List.ctx;
        break;
      case ExprKind::Tuple:
        actual = v.Tuple.ctx;
        break;
      default:
        has_ctx = false;
    }
    if (has_ctx && actual != ctx)
      return fail(&exc_ValueError, fmt::format("expression must have {} context but has {} instead", ctx_name(ctx),
                                               ctx_name(actual)));
    if (!has_ctx && ctx != ExprContext::Load)
      return fail(&exc_ValueError,
                  fmt::format("expression which can't be assigned to in {} context", ctx_name(ctx)));
    const ExprContext L = ExprContext::Load;
    switch (e->kind) {
      case ExprKind::BoolOp:
        if (v.BoolOp.values.size < 2) return fail(&exc_ValueError, "BoolOp with less than 2 values");
        return exprs(v.BoolOp.values, L, false);
      case ExprKind::BinOp:
        return expr(v.BinOp.left, L) && expr(v.BinOp.right, L);
      case ExprKind::UnaryOp:
        return expr(v.UnaryOp.operand, L);
      case ExprKind::Lambda:
        return arguments(v.Lambda.args) && expr(v.Lambda.body, L);
      case ExprKind::IfExp:
        return expr(v.IfExp.test, L) && expr(v.IfExp.body, L) && expr(v.IfExp.orelse, L);
      case ExprKind::Dict:
        if (v.Dict.keys.size != v.Dict.values.size)
          return fail(&exc_ValueError, "Dict doesn't have the same number of keys as values");
        return exprs(v.Dict.keys, L, true) && exprs(v.Dict.values, L, false);
      case ExprKind::Set:
        return exprs(v.Set.elts, L, false);
      case ExprKind::ListComp:
        return comprehension(v.ListComp.generators) && expr(v.ListComp.elt, L);
      case ExprKind::SetComp:
        return comprehension(v.SetComp.generators) && expr(v.SetComp.elt, L);
      case ExprKind::GeneratorExp:
        return comprehension(v.GeneratorExp.generators) && expr(v.GeneratorExp.elt, L);
      case ExprKind::DictComp:
        return comprehension(v.DictComp.generators) && expr(v.DictComp.key, L) && expr(v.DictComp.value, L);
      case ExprKind::Yield:
        return opt(v.Yield.value, L);
      case ExprKind::YieldFrom:
        return expr(v.YieldFrom.value, L);
      case ExprKind::Await:
        return expr(v.Await.value, L);
      case ExprKind::Compare:
        if (v.Compare.comparators.size == 0) return fail(&exc_ValueError, "Compare with no comparators");
        if (v.Compare.comparators.size != v.Compare.ops.size)
          return fail(&exc_ValueError, "Compare has a different number of comparators and operands");
        return exprs(v.Compare.comparators, L, false) && expr(v.Compare.left, L);
      case ExprKind::Call:
        return expr(v.Call.func, L) && exprs(v.Call.args, L, false) && keywords(v.Call.keywords);
      case ExprKind::Constant:
        return true;  // checked when converted
      case ExprKind::JoinedStr:
        return exprs(v.JoinedStr.values, L, false);
      case ExprKind::FormattedValue:
        return expr(v.FormattedValue.value, L) && opt(v.FormattedValue.format_spec, L);
      case ExprKind::Attribute:
        return expr(v.Attribute.value, L);
      case ExprKind::Subscript:
        return expr(v.Subscript.slice, L) && expr(v.Subscript.value, L);
      case ExprKind::Starred:
        return expr(v.Starred.value, ctx);
      case ExprKind::Slice:
        return opt(v.Slice.lower, L) && opt(v.Slice.upper, L) && opt(v.Slice.step, L);
      case ExprKind::List:
        return exprs(v.List.elts, ctx, false);
      case ExprKind::Tuple:
        return exprs(v.Tuple.elts, ctx, false);
      case ExprKind::NamedExpr:
        if (v.NamedExpr.target->kind != ExprKind::Name) return fail(&exc_TypeError, "NamedExpr target must be a Name");
        return expr(v.NamedExpr.value, L);
      case ExprKind::Name:
        return true;
    }
    return fail(&exc_SystemError, "unexpected expression");
  }

  bool capture(const Str& n) {
    if (n == "_") return fail(&exc_ValueError, "can't capture name '_' in patterns");
    return name(n);
  }
  // A MatchValue or mapping key: a number, string or bytes constant, an attribute chain, or what the code
  // generator folds or rejects itself (negations, complex sums, f-strings).
  bool pattern_value(const Expr* e) {
    switch (e->kind) {
      case ExprKind::Constant: {
        if (!expr(e, ExprContext::Load)) return false;
        using K = ConstantValue::Kind;
        const ConstantValue& c = e->v.Constant.value;
        bool ok = c.kind == K::kInt || c.kind == K::kFloat || c.kind == K::kBytes || c.kind == K::kComplex ||
                  c.kind == K::kStr;
        if (c.kind == K::kObject) {
          Type* t = type_of(static_cast<Object*>(const_cast<void*>(c.obj)));
          ok = t == &int_type || t == &complex_type;
        }
        if (!ok) return fail(&exc_ValueError, "unexpected constant inside of a literal pattern");
        return true;
      }
      case ExprKind::Attribute:
      case ExprKind::UnaryOp:
      case ExprKind::BinOp:
      case ExprKind::JoinedStr:
        return true;
      default:
        return fail(&exc_ValueError, "patterns may only match literals and attribute lookups");
    }
  }
  bool pattern(const Pattern* p, bool star_ok) {
    CRecursionGuard guard(" during compilation");
    if (!guard.ok()) return false;
    if (!p) return fail(&exc_ValueError, "None disallowed in pattern list");
    const auto& v = p->v;
    switch (p->kind) {
      case PatternKind::MatchValue:
        return pattern_value(v.MatchValue.value);
      case PatternKind::MatchSingleton: {
        auto k = v.MatchSingleton.value.kind;
        if (k != ConstantValue::Kind::kNone && k != ConstantValue::Kind::kTrue && k != ConstantValue::Kind::kFalse)
          return fail(&exc_ValueError, "MatchSingleton can only contain True, False and None");
        return true;
      }
      case PatternKind::MatchSequence:
        for (Pattern* q : v.MatchSequence.patterns)
          if (!pattern(q, true)) return false;
        return true;
      case PatternKind::MatchMapping:
        if (v.MatchMapping.keys.size != v.MatchMapping.patterns.size)
          return fail(&exc_ValueError, "MatchMapping doesn't have the same number of keys as patterns");
        if (!v.MatchMapping.rest.is_null() && !capture(v.MatchMapping.rest)) return false;
        for (Expr* k : v.MatchMapping.keys) {
          if (!k) return fail(&exc_ValueError, "None disallowed in expression list");
          if (k->kind == ExprKind::Constant) {
            auto ck = k->v.Constant.value.kind;
            if (ck == ConstantValue::Kind::kNone || ck == ConstantValue::Kind::kTrue ||
                ck == ConstantValue::Kind::kFalse)
              continue;
          }
          if (!pattern_value(k)) return false;
        }
        for (Pattern* q : v.MatchMapping.patterns)
          if (!pattern(q, false)) return false;
        return true;
      case PatternKind::MatchClass: {
        const Expr* c = v.MatchClass.cls;
        while (c->kind == ExprKind::Attribute) c = c->v.Attribute.value;
        if (c->kind != ExprKind::Name)
          return fail(&exc_ValueError, "MatchClass cls field can only contain Name or Attribute nodes.");
        if (!expr(v.MatchClass.cls, ExprContext::Load)) return false;
        if (v.MatchClass.kwd_attrs.size != v.MatchClass.kwd_patterns.size)
          return fail(&exc_ValueError, "MatchClass doesn't have the same number of keyword attributes as patterns");
        for (const Str& a : v.MatchClass.kwd_attrs)
          if (!name(a)) return false;
        for (Pattern* q : v.MatchClass.patterns)
          if (!pattern(q, false)) return false;
        for (Pattern* q : v.MatchClass.kwd_patterns)
          if (!pattern(q, false)) return false;
        return true;
      }
      case PatternKind::MatchStar:
        if (!star_ok) return fail(&exc_ValueError, "can't use MatchStar here");
        return v.MatchStar.name.is_null() || capture(v.MatchStar.name);
      case PatternKind::MatchAs:
        if (!v.MatchAs.name.is_null() && !capture(v.MatchAs.name)) return false;
        if (!v.MatchAs.pattern) return true;
        if (v.MatchAs.name.is_null())
          return fail(&exc_ValueError, "MatchAs must specify a target name if a pattern is given");
        return pattern(v.MatchAs.pattern, false);
      case PatternKind::MatchOr:
        if (v.MatchOr.patterns.size < 2) return fail(&exc_ValueError, "MatchOr requires at least 2 patterns");
        for (Pattern* q : v.MatchOr.patterns)
          if (!pattern(q, false)) return false;
        return true;
    }
    return fail(&exc_SystemError, "unexpected pattern");
  }
};

}  // namespace

Mod* ast_from_python(Object* o, int mode, Arena& arena, std::vector<Ref<>>* keep) {
  const AstState* st = ast_state_init();
  if (!st) return nullptr;
  static const char* const kNames[] = {"Module", "Expression", "Interactive", "FunctionType"};
  static const ModKind kKinds[] = {ModKind::Module, ModKind::Expression, ModKind::Interactive, ModKind::FunctionType};
  if (mode < 0 || mode > 3) {
    set_error(&exc_SystemError, "ast_from_python: bad mode");
    return nullptr;
  }
  int r = object_isinstance(o, st->mod_cls[int(kKinds[mode])]);
  if (r < 0) return nullptr;
  if (!r) {
    set_errorf(&exc_TypeError, "expected {} node, got {}", kNames[mode], type_of(o)->tp_name);
    return nullptr;
  }
  FromPython conv(st, arena, keep);
  Mod* m = nullptr;
  if (!conv.node(o, &m)) return nullptr;
  return m;
}

bool ast_validate(const Mod* mod) { return Validator().mod(mod); }

}  // namespace pyvm::compiler
