// Constant folding as CPython 3.13's AST optimiser (ast_opt.c) does it: constants of literals, unary and binary
// operators within the same size limits, constant tuples and subscripts, __debug__; plus the in-place AST
// rewrites it makes (not-of-comparison inversion, list/set literals iterated or tested with `in`).
#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/compiler/codegen.h"
#include "vm/compiler/pyast.h"

namespace pyvm::compiler {

int binary_op_arg(OperatorKind op, bool inplace);

Object* Compiler::constant_object(const ConstantValue& v) { return constant_to_object(v); }

Object* constant_to_object(const ConstantValue& v) {
  using K = ConstantValue::Kind;
  switch (v.kind) {
    case K::kNone:
      return newref(none());
    case K::kTrue:
      return newref(true_());
    case K::kFalse:
      return newref(false_());
    case K::kEllipsis:
      return newref(ellipsis());
    case K::kInt:
      if (v.big) return int_from_string(v.str.data, ssize(v.str.size), v.base);
      return int_from_i64(v.ival);
    case K::kFloat:
      return float_from_double(v.fval);
    case K::kComplex:
      return complex_from_doubles(0.0, v.fval);
    case K::kStr:
      return str_decode(v.str.data ? v.str.data : "", ssize(v.str.size), "utf-8", "surrogatepass");
    case K::kBytes:
      return bytes_from(v.str.data ? v.str.data : "", ssize(v.str.size));
    case K::kObject:
      return newref(static_cast<Object*>(const_cast<void*>(v.obj)));
  }
  return newref(none());
}

static int64_t num_bits(Object* o) {
  ssize n = int_ndigits(o);
  if (n == 0) return 0;
  const digit* d = int_digits(o);
  uint32_t top = d[n - 1];
  int b = 0;
  while (top) {
    b++;
    top >>= 1;
  }
  return int64_t(n - 1) * 30 + b;
}

static bool is_int(Object* o) { return type_check(o, &int_type); }

static Object* safe_multiply(Object* v, Object* w) {
  if (is_int(v) && is_int(w) && !int_is_zero(v) && !int_is_zero(w)) {
    if (num_bits(v) + num_bits(w) > 128) return nullptr;
  } else if (is_int(v) && type_check(w, &tuple_type)) {
    ssize size = tuple_size(w);
    if (size) {
      int overflow = 0;
      int64_t n = int_as_i64(v, &overflow);
      if (overflow || n < 0 || n > 256 / size) return nullptr;
    }
  } else if (is_int(v) && (type_check(w, &str_type) || type_check(w, &bytes_type))) {
    ssize size = type_check(w, &str_type) ? str_length(w) : bytes_size(w);
    if (size) {
      int overflow = 0;
      int64_t n = int_as_i64(v, &overflow);
      if (overflow || n < 0 || n > 4096 / size) return nullptr;
    }
  } else if (is_int(w) &&
             (type_check(v, &tuple_type) || type_check(v, &str_type) || type_check(v, &bytes_type))) {
    return safe_multiply(w, v);
  }
  return binary_op(v, w, NB_MULTIPLY);
}

static Object* safe_power(Object* v, Object* w) {
  if (is_int(v) && is_int(w) && !int_is_zero(v) && int_sign(w) > 0) {
    int overflow = 0;
    int64_t wb = int_as_i64(w, &overflow);
    if (overflow) return nullptr;
    if (uint64_t(num_bits(v)) > 128 / uint64_t(wb)) return nullptr;
  }
  return number_power(v, w, none());
}

static Object* safe_lshift(Object* v, Object* w) {
  if (is_int(v) && is_int(w) && !int_is_zero(v) && !int_is_zero(w)) {
    int overflow = 0;
    int64_t wb = int_as_i64(w, &overflow);
    if (overflow || wb < 0) return nullptr;
    if (wb > 128 || uint64_t(num_bits(v)) > uint64_t(128 - wb)) return nullptr;
  }
  return binary_op(v, w, NB_LSHIFT);
}

static Object* fold_binop(OperatorKind op, Object* l, Object* r) {
  switch (op) {
    case OperatorKind::Mult:
      return safe_multiply(l, r);
    case OperatorKind::Pow:
      return safe_power(l, r);
    case OperatorKind::LShift:
      return safe_lshift(l, r);
    case OperatorKind::Mod:
      if (type_check(l, &str_type) || type_check(l, &bytes_type)) return nullptr;
      return binary_op(l, r, NB_REMAINDER);
    case OperatorKind::MatMult:
      return nullptr;
    default:
      return binary_op(l, r, binary_op_arg(op, false));
  }
}

Object* Compiler::fold(Expr* e) {
  auto it = fold_cache_.find(e);
  if (it != fold_cache_.end()) return xnewref(it->second);
  Object* v = nullptr;
  switch (e->kind) {
    case ExprKind::Constant:
      v = constant_object(e->v.Constant.value);
      break;
    case ExprKind::Name:
      if (e->v.Name.ctx == ExprContext::Load && e->v.Name.id == "__debug__") v = newref(bool_obj(optimize_ <= 0));
      break;
    case ExprKind::UnaryOp: {
      Ref<> a = steal(fold(e->v.UnaryOp.operand));
      if (!a) break;
      switch (e->v.UnaryOp.op) {
        case UnaryOpKind::Invert:
          v = number_invert(a.get());
          break;
        case UnaryOpKind::Not:
          v = object_not(a.get());
          break;
        case UnaryOpKind::UAdd:
          v = number_positive(a.get());
          break;
        case UnaryOpKind::USub:
          v = number_negative(a.get());
          break;
      }
      break;
    }
    case ExprKind::BinOp: {
      Ref<> l = steal(fold(e->v.BinOp.left));
      if (!l) break;
      Ref<> r = steal(fold(e->v.BinOp.right));
      if (!r) break;
      v = fold_binop(e->v.BinOp.op, l.get(), r.get());
      break;
    }
    case ExprKind::Tuple: {
      if (e->v.Tuple.ctx != ExprContext::Load) break;
      auto& elts = e->v.Tuple.elts;
      Ref<> t = steal(tuple_new(ssize(elts.size)));
      if (!t) break;
      bool all = true;
      for (uint32_t i = 0; i < elts.size; i++) {
        Object* x = elts[i]->kind == ExprKind::Starred ? nullptr : fold(elts[i]);
        if (!x) {
          all = false;
          for (uint32_t j = i; j < elts.size; j++) tuple_set(t.get(), j, newref(none()));
          break;
        }
        tuple_set(t.get(), i, x);
      }
      if (all) v = t.release();
      break;
    }
    case ExprKind::Set: {
      if (!frozen_sets_.count(e)) break;
      auto& elts = e->v.Set.elts;
      Ref<> t = steal(tuple_new(ssize(elts.size)));
      if (!t) break;
      bool all = true;
      for (uint32_t i = 0; i < elts.size; i++) {
        Object* x = elts[i]->kind == ExprKind::Starred ? nullptr : fold(elts[i]);
        if (!x) {
          all = false;
          for (uint32_t j = i; j < elts.size; j++) tuple_set(t.get(), j, newref(none()));
          break;
        }
        tuple_set(t.get(), i, x);
      }
      if (all) v = frozenset_new(t.get());
      break;
    }
    case ExprKind::Subscript: {
      if (e->v.Subscript.ctx != ExprContext::Load) break;
      Ref<> a = steal(fold(e->v.Subscript.value));
      if (!a) break;
      Ref<> i = steal(fold(e->v.Subscript.slice));
      if (!i) break;
      v = get_item(a.get(), i.get());
      break;
    }
    default:
      break;
  }
  if (!v && error_occurred()) error_clear();
  fold_cache_[e] = v;
  return xnewref(v);
}

// ---------------------------------------------------------------------------------------------------------------
// The in-place rewrites of ast_opt.c.

namespace {

// CPython's AST optimiser counts every statement and expression it enters against Py_C_RECURSION_LIMIT (10000),
// starting from the C recursion depth of the compile() call: 3 for a call from Python code that is not yet
// specialised (measured: a chain of 9998 `*` in compile(..., "eval") is the first to fail; 2 once the CALL has
// specialised, deeper under exec()). pyvm takes the common first call's 3. It is the first pass over the tree, so
// its limit is the compiler's: deeper trees raise RecursionError here, before the symbol table and the code
// generator recurse.
constexpr int kCompileRecursionLimit = 10000;
constexpr int kCompileStartDepth = 3;

struct Rewriter {
  Compiler* c;
  bool fold_mode = false;  // the optimized-AST pass: replace every foldable expression by a Constant node
  int depth = kCompileStartDepth;
  bool failed = false;  // RecursionError is set; the walk unwinds without touching the tree further

  // Enters a statement or expression: false (RecursionError set) past the limit or when the C stack runs low.
  bool enter() {
    if (failed) return false;
    if (++depth > kCompileRecursionLimit) {
      set_error(&exc_RecursionError, "maximum recursion depth exceeded during compilation");
      failed = true;
    } else if (!stack_check(" during compilation")) {
      failed = true;
    }
    if (failed) --depth;
    return !failed;
  }

  // Turns `e` into Constant(value) when it folds (CPython's make_const); the value stays owned by the compiler's
  // fold cache for the compilation.
  void to_constant(Expr* e) {
    if (e->kind == ExprKind::Constant) return;
    Object* v = c->fold(e);
    if (!v) return;
    decref(v);
    ConstantValue cv{};
    cv.kind = ConstantValue::Kind::kObject;
    cv.obj = v;
    e->kind = ExprKind::Constant;
    e->v.Constant = {};
    e->v.Constant.value = cv;
  }

  static bool has_starred(const Exprs& elts) {
    for (Expr* x : elts)
      if (x->kind == ExprKind::Starred) return true;
    return false;
  }
  // ast_opt's optimize_format: `'...%s...%r...' % (a, b)` with a constant str on the left, a tuple on the right
  // that is not constant and has no starred item, and only %s / %r / %a units (flags '-' only, width and precision
  // of at most two digits) becomes the f-string JoinedStr it means. Anything else is left alone.
  Expr* str_constant(std::string_view utf8) {
    Expr* k = c->arena_->make<Expr>();
    k->kind = ExprKind::Constant;
    k->loc = Loc{-1, -1, -1, -1};
    k->v.Constant = {};
    k->v.Constant.value.kind = ConstantValue::Kind::kStr;
    k->v.Constant.value.str = c->arena_->copy_str(utf8);
    return k;
  }
  void optimize_format(Expr* e) {
    Expr* rhs = e->v.BinOp.right;
    if (rhs->kind != ExprKind::Tuple || has_starred(rhs->v.Tuple.elts)) return;
    Ref<> folded_rhs = steal(c->fold(rhs));
    if (folded_rhs) return;  // an all-constant tuple folds as a whole instead
    Ref<> lv = steal(c->fold(e->v.BinOp.left));
    if (!lv || type_of(lv.get()) != &str_type) return;
    Ref<> enc = steal(str_encode(lv.get(), "utf-8", "surrogatepass"));
    if (!enc) {
      error_clear();
      return;
    }
    std::string fmt(bytes_data(enc.get()), size_t(bytes_size(enc.get())));
    const Exprs& elts = rhs->v.Tuple.elts;
    std::vector<Expr*> parts;
    size_t pos = 0, n = fmt.size();
    uint32_t cnt = 0;
    while (true) {
      // A literal run, with "%%" standing for "%".
      std::string lit;
      while (pos < n) {
        if (fmt[pos] != '%') {
          lit += fmt[pos++];
        } else if (pos + 1 < n && fmt[pos + 1] == '%') {
          lit += '%';
          pos += 2;
        } else {
          break;
        }
      }
      if (!lit.empty()) parts.push_back(str_constant(lit));
      if (pos >= n) break;
      if (cnt >= elts.size) return;  // more format units than items
      pos++;  // the '%'
      // One unit: flags, width, precision, conversion.
      auto next = [&](char* ch) {
        if (pos >= n) return false;
        *ch = fmt[pos++];
        return true;
      };
      char ch;
      bool ljust = false;
      if (!next(&ch)) return;
      while (ch == '-' || ch == '+' || ch == ' ' || ch == '#' || ch == '0') {
        if (ch == '-') ljust = true;  // '+', ' ', '#' and '0' do nothing to %s, %r and %a
        if (!next(&ch)) return;
      }
      int width = -1, prec = -1;
      if (ch >= '0' && ch <= '9') {
        width = 0;
        int digits = 0;
        while (ch >= '0' && ch <= '9') {
          width = width * 10 + (ch - '0');
          if (!next(&ch)) return;
          if (++digits >= 3) return;
        }
      }
      if (ch == '.') {
        if (!next(&ch)) return;
        prec = 0;
        int digits = 0;
        while (ch >= '0' && ch <= '9') {
          prec = prec * 10 + (ch - '0');
          if (!next(&ch)) return;
          if (++digits >= 3) return;
        }
      }
      if (ch != 's' && ch != 'r' && ch != 'a') return;
      std::string spec;
      if (!ljust && width > 0) spec += '>';
      if (width >= 0) spec += std::to_string(width);
      if (prec >= 0) spec += "." + std::to_string(prec);
      Expr* arg = elts[cnt++];
      Expr* fv = c->arena_->make<Expr>();
      fv->kind = ExprKind::FormattedValue;
      fv->loc = arg->loc;
      fv->v.FormattedValue = {};
      fv->v.FormattedValue.value = arg;
      fv->v.FormattedValue.conversion = ch;
      fv->v.FormattedValue.format_spec = spec.empty() ? nullptr : str_constant(spec);
      parts.push_back(fv);
    }
    if (cnt < elts.size) return;  // more items than format units
    e->kind = ExprKind::JoinedStr;
    e->v.JoinedStr = {};
    e->v.JoinedStr.values = c->arena_->copy_seq(parts.data(), parts.size());
  }
  void fold_iter(Expr* arg) {
    if (arg->kind == ExprKind::List) {
      if (has_starred(arg->v.List.elts)) return;
      Exprs elts = arg->v.List.elts;
      ExprContext ctx = arg->v.List.ctx;
      arg->kind = ExprKind::Tuple;
      arg->v.Tuple.elts = elts;
      arg->v.Tuple.ctx = ctx;
    } else if (arg->kind == ExprKind::Set) {
      c->frozen_sets_.insert(arg);
    }
  }
  void exprs(const Exprs& es) {
    for (Expr* e : es)
      if (e) expr(e);
  }
  void stmts(const Stmts& ss) {
    for (Stmt* s : ss) stmt(s);
  }
  void args(Arguments* a) {
    if (!a) return;
    for (Arg* x : a->posonlyargs)
      if (x->annotation) expr(x->annotation);
    for (Arg* x : a->args)
      if (x->annotation) expr(x->annotation);
    if (a->vararg && a->vararg->annotation) expr(a->vararg->annotation);
    for (Arg* x : a->kwonlyargs)
      if (x->annotation) expr(x->annotation);
    if (a->kwarg && a->kwarg->annotation) expr(a->kwarg->annotation);
    exprs(a->kw_defaults);
    exprs(a->defaults);
  }
  void comps(const Comprehensions& gens) {
    for (Comprehension* g : gens) {
      expr(g->target);
      expr(g->iter);
      exprs(g->ifs);
      fold_iter(g->iter);
    }
  }
  void type_params(const TypeParams& tps) {
    for (TypeParam* tp : tps) {
      switch (tp->kind) {
        case TypeParamKind::TypeVar:
          if (tp->v.TypeVar.bound) expr(tp->v.TypeVar.bound);
          if (tp->v.TypeVar.default_value) expr(tp->v.TypeVar.default_value);
          break;
        case TypeParamKind::ParamSpec:
          if (tp->v.ParamSpec.default_value) expr(tp->v.ParamSpec.default_value);
          break;
        case TypeParamKind::TypeVarTuple:
          if (tp->v.TypeVarTuple.default_value) expr(tp->v.TypeVarTuple.default_value);
          break;
      }
    }
  }
  void pattern(Pattern* p) {
    switch (p->kind) {
      case PatternKind::MatchValue:
        expr(p->v.MatchValue.value);
        break;
      case PatternKind::MatchSequence:
        for (Pattern* q : p->v.MatchSequence.patterns) pattern(q);
        break;
      case PatternKind::MatchMapping:
        exprs(p->v.MatchMapping.keys);
        for (Pattern* q : p->v.MatchMapping.patterns) pattern(q);
        break;
      case PatternKind::MatchClass:
        expr(p->v.MatchClass.cls);
        for (Pattern* q : p->v.MatchClass.patterns) pattern(q);
        for (Pattern* q : p->v.MatchClass.kwd_patterns) pattern(q);
        break;
      case PatternKind::MatchAs:
        if (p->v.MatchAs.pattern) pattern(p->v.MatchAs.pattern);
        break;
      case PatternKind::MatchOr:
        for (Pattern* q : p->v.MatchOr.patterns) pattern(q);
        break;
      default:
        break;
    }
  }
  void expr(Expr* e) {
    if (!enter()) return;
    expr_children(e);
    if (fold_mode && !failed) to_constant(e);
    --depth;
  }
  void expr_children(Expr* e) {
    switch (e->kind) {
      case ExprKind::BoolOp:
        exprs(e->v.BoolOp.values);
        break;
      case ExprKind::NamedExpr:
        expr(e->v.NamedExpr.target);
        expr(e->v.NamedExpr.value);
        break;
      case ExprKind::BinOp:
        expr(e->v.BinOp.left);
        expr(e->v.BinOp.right);
        if (e->v.BinOp.op == OperatorKind::Mod) optimize_format(e);
        break;
      case ExprKind::UnaryOp: {
        expr(e->v.UnaryOp.operand);
        Expr* arg = e->v.UnaryOp.operand;
        if (e->v.UnaryOp.op == UnaryOpKind::Not && arg->kind == ExprKind::Compare && arg->v.Compare.ops.size == 1) {
          CmpOpKind op = arg->v.Compare.ops[0];
          bool ok = true;
          switch (op) {
            case CmpOpKind::Is: op = CmpOpKind::IsNot; break;
            case CmpOpKind::IsNot: op = CmpOpKind::Is; break;
            case CmpOpKind::In: op = CmpOpKind::NotIn; break;
            case CmpOpKind::NotIn: op = CmpOpKind::In; break;
            default: ok = false;
          }
          if (ok) {
            arg->v.Compare.ops[0] = op;
            Loc loc = e->loc;
            *e = *arg;
            (void)loc;
          }
        }
        break;
      }
      case ExprKind::Lambda:
        args(e->v.Lambda.args);
        expr(e->v.Lambda.body);
        break;
      case ExprKind::IfExp:
        expr(e->v.IfExp.test);
        expr(e->v.IfExp.body);
        expr(e->v.IfExp.orelse);
        break;
      case ExprKind::Dict:
        exprs(e->v.Dict.keys);
        exprs(e->v.Dict.values);
        break;
      case ExprKind::Set:
        exprs(e->v.Set.elts);
        break;
      case ExprKind::ListComp:
        expr(e->v.ListComp.elt);
        comps(e->v.ListComp.generators);
        break;
      case ExprKind::SetComp:
        expr(e->v.SetComp.elt);
        comps(e->v.SetComp.generators);
        break;
      case ExprKind::DictComp:
        expr(e->v.DictComp.key);
        expr(e->v.DictComp.value);
        comps(e->v.DictComp.generators);
        break;
      case ExprKind::GeneratorExp:
        expr(e->v.GeneratorExp.elt);
        comps(e->v.GeneratorExp.generators);
        break;
      case ExprKind::Await:
        expr(e->v.Await.value);
        break;
      case ExprKind::Yield:
        if (e->v.Yield.value) expr(e->v.Yield.value);
        break;
      case ExprKind::YieldFrom:
        expr(e->v.YieldFrom.value);
        break;
      case ExprKind::Compare: {
        expr(e->v.Compare.left);
        exprs(e->v.Compare.comparators);
        CmpOpKind last = e->v.Compare.ops.back();
        if (last == CmpOpKind::In || last == CmpOpKind::NotIn) fold_iter(e->v.Compare.comparators.back());
        break;
      }
      case ExprKind::Call:
        expr(e->v.Call.func);
        exprs(e->v.Call.args);
        for (Keyword* k : e->v.Call.keywords) expr(k->value);
        break;
      case ExprKind::FormattedValue:
        expr(e->v.FormattedValue.value);
        if (e->v.FormattedValue.format_spec) expr(e->v.FormattedValue.format_spec);
        break;
      case ExprKind::JoinedStr:
        exprs(e->v.JoinedStr.values);
        break;
      case ExprKind::Attribute:
        expr(e->v.Attribute.value);
        break;
      case ExprKind::Subscript:
        expr(e->v.Subscript.value);
        expr(e->v.Subscript.slice);
        break;
      case ExprKind::Starred:
        expr(e->v.Starred.value);
        break;
      case ExprKind::Slice:
        if (e->v.Slice.lower) expr(e->v.Slice.lower);
        if (e->v.Slice.upper) expr(e->v.Slice.upper);
        if (e->v.Slice.step) expr(e->v.Slice.step);
        break;
      case ExprKind::List:
        exprs(e->v.List.elts);
        break;
      case ExprKind::Tuple:
        exprs(e->v.Tuple.elts);
        break;
      default:
        break;
    }
  }
  void stmt(Stmt* s) {
    if (!enter()) return;
    stmt_body(s);
    --depth;
  }
  void stmt_body(Stmt* s) {
    switch (s->kind) {
      case StmtKind::FunctionDef:
      case StmtKind::AsyncFunctionDef:
        type_params(s->v.FunctionDef.type_params);
        args(s->v.FunctionDef.args);
        stmts(s->v.FunctionDef.body);
        exprs(s->v.FunctionDef.decorator_list);
        if (s->v.FunctionDef.returns) expr(s->v.FunctionDef.returns);
        break;
      case StmtKind::ClassDef:
        type_params(s->v.ClassDef.type_params);
        exprs(s->v.ClassDef.bases);
        for (Keyword* k : s->v.ClassDef.keywords) expr(k->value);
        stmts(s->v.ClassDef.body);
        exprs(s->v.ClassDef.decorator_list);
        break;
      case StmtKind::Return:
        if (s->v.Return.value) expr(s->v.Return.value);
        break;
      case StmtKind::Delete:
        exprs(s->v.Delete.targets);
        break;
      case StmtKind::Assign:
        exprs(s->v.Assign.targets);
        expr(s->v.Assign.value);
        break;
      case StmtKind::TypeAlias:
        type_params(s->v.TypeAlias.type_params);
        expr(s->v.TypeAlias.value);
        break;
      case StmtKind::AugAssign:
        expr(s->v.AugAssign.target);
        expr(s->v.AugAssign.value);
        break;
      case StmtKind::AnnAssign:
        expr(s->v.AnnAssign.target);
        expr(s->v.AnnAssign.annotation);
        if (s->v.AnnAssign.value) expr(s->v.AnnAssign.value);
        break;
      case StmtKind::For:
        expr(s->v.For.target);
        expr(s->v.For.iter);
        stmts(s->v.For.body);
        stmts(s->v.For.orelse);
        fold_iter(s->v.For.iter);
        break;
      case StmtKind::AsyncFor:
        expr(s->v.For.target);
        expr(s->v.For.iter);
        stmts(s->v.For.body);
        stmts(s->v.For.orelse);
        break;
      case StmtKind::While:
        expr(s->v.While.test);
        stmts(s->v.While.body);
        stmts(s->v.While.orelse);
        break;
      case StmtKind::If:
        expr(s->v.If.test);
        stmts(s->v.If.body);
        stmts(s->v.If.orelse);
        break;
      case StmtKind::With:
      case StmtKind::AsyncWith:
        for (WithItem* w : s->v.With.items) {
          expr(w->context_expr);
          if (w->optional_vars) expr(w->optional_vars);
        }
        stmts(s->v.With.body);
        break;
      case StmtKind::Match:
        expr(s->v.Match.subject);
        for (MatchCase* mc : s->v.Match.cases) {
          pattern(mc->pattern);
          if (mc->guard) expr(mc->guard);
          stmts(mc->body);
        }
        break;
      case StmtKind::Raise:
        if (s->v.Raise.exc) expr(s->v.Raise.exc);
        if (s->v.Raise.cause) expr(s->v.Raise.cause);
        break;
      case StmtKind::Try:
      case StmtKind::TryStar:
        stmts(s->v.Try.body);
        for (ExceptHandler* h : s->v.Try.handlers) {
          if (h->type) expr(h->type);
          stmts(h->body);
        }
        stmts(s->v.Try.orelse);
        stmts(s->v.Try.finalbody);
        break;
      case StmtKind::Assert:
        expr(s->v.Assert.test);
        if (s->v.Assert.msg) expr(s->v.Assert.msg);
        break;
      case StmtKind::Expr: {
        bool was_constant = s->v.Expr.value->kind == ExprKind::Constant;
        expr(s->v.Expr.value);
        Expr* v = s->v.Expr.value;
        if (fold_mode && !was_constant && v->kind == ExprKind::Constant &&
            v->v.Constant.value.kind == ConstantValue::Kind::kObject &&
            type_of(static_cast<Object*>(const_cast<void*>(v->v.Constant.value.obj))) == &str_type) {
          // As CPython 3.13: an expression statement folded into a str is wrapped in a JoinedStr, so that it can
          // never read as a docstring.
          Expr* inner = c->arena_->make<Expr>();
          *inner = *v;
          v->kind = ExprKind::JoinedStr;
          v->v.JoinedStr = {};
          v->v.JoinedStr.values = c->arena_->copy_seq(&inner, 1);
        }
        break;
      }
      default:
        break;
    }
  }
};

}  // namespace

bool Compiler::optimize_ast(Mod* mod) {
  if (!rewrite_ast(mod)) return false;
  Rewriter r{this, true};
  switch (mod->kind) {
    case ModKind::Module:
      r.stmts(mod->v.Module.body);
      break;
    case ModKind::Interactive:
      r.stmts(mod->v.Interactive.body);
      break;
    case ModKind::Expression:
      r.expr(mod->v.Expression.body);
      break;
    default:
      break;
  }
  return !r.failed;
}

bool Compiler::rewrite_ast(Mod* mod) {
  Rewriter r{this};
  switch (mod->kind) {
    case ModKind::Module:
      r.stmts(mod->v.Module.body);
      break;
    case ModKind::Interactive:
      r.stmts(mod->v.Interactive.body);
      break;
    case ModKind::Expression:
      r.expr(mod->v.Expression.body);
      break;
    default:
      break;
  }
  return !r.failed;
}

}  // namespace pyvm::compiler
