// Expression code generation (compile.c's compiler_visit_expr and helpers): names, operators, calls with the
// method-call and super() shortcuts, displays with constant folding of literal runs, f-strings, slices,
// conditional jumps and lambdas.
#include <fmt/format.h>

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/set.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/compiler/codegen.h"

namespace pyvm::compiler {

SrcLoc update_start_location_to_match_attr(SrcLoc loc, Expr* attr);
int binary_op_arg(OperatorKind op, bool inplace);
constexpr int kStackUseGuideline = 30;

bool Compiler::forbidden_name(std::string_view name, ExprContext ctx, SrcLoc loc) {
  if (name == "__debug__") {
    if (ctx == ExprContext::Store) return error("cannot assign to __debug__", loc);
    if (ctx == ExprContext::Del) return error("cannot delete __debug__", loc);
  }
  return true;
}

bool Compiler::jump_if(SrcLoc loc, Expr* e, int next, bool cond) {
  Object* folded = fold(e);
  if (folded) {
    decref(folded);
  } else {
    switch (e->kind) {
      case ExprKind::UnaryOp:
        if (e->v.UnaryOp.op == UnaryOpKind::Not) return jump_if(loc, e->v.UnaryOp.operand, next, !cond);
        break;
      case ExprKind::BoolOp: {
        auto& vals = e->v.BoolOp.values;
        bool cond2 = e->v.BoolOp.op == BoolOpKind::Or;
        int next2 = next;
        if (cond2 != cond) next2 = new_label();
        for (uint32_t i = 0; i + 1 < vals.size; i++)
          if (!jump_if(loc, vals[i], next2, cond2)) return false;
        if (!jump_if(loc, vals.back(), next, cond)) return false;
        if (next2 != next) use_label(next2);
        return true;
      }
      case ExprKind::IfExp: {
        int end = new_label(), next2 = new_label();
        if (!jump_if(loc, e->v.IfExp.test, next2, false)) return false;
        if (!jump_if(loc, e->v.IfExp.body, next, cond)) return false;
        emit_jump(kJump, end, kNoLoc);
        use_label(next2);
        if (!jump_if(loc, e->v.IfExp.orelse, next, cond)) return false;
        use_label(end);
        return true;
      }
      case ExprKind::Compare: {
        auto& c = e->v.Compare;
        uint32_t n = c.ops.size - 1;
        if (n > 0) {
          SrcLoc el = loc_of(e->loc);
          int cleanup = new_label();
          if (!visit_expr(c.left)) return false;
          for (uint32_t i = 0; i < n; i++) {
            if (!visit_expr(c.comparators[i])) return false;
            emit(SWAP, 2, el);
            emit(COPY, 2, el);
            add_compare(el, c.ops[i]);
            emit(TO_BOOL, el);
            emit_jump(POP_JUMP_IF_FALSE, cleanup, el);
          }
          if (!visit_expr(c.comparators.back())) return false;
          add_compare(el, c.ops.back());
          emit(TO_BOOL, el);
          emit_jump(cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, next, el);
          int end = new_label();
          emit_jump(kJump, end, kNoLoc);
          use_label(cleanup);
          emit(POP_TOP, el);
          if (!cond) emit_jump(kJump, next, kNoLoc);
          use_label(end);
          return true;
        }
        break;
      }
      default:
        break;
    }
  }
  if (!visit_expr(e)) return false;
  emit(TO_BOOL, loc_of(e->loc));
  emit_jump(cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, next, loc_of(e->loc));
  return true;
}

bool Compiler::boolop(Expr* e) {
  SrcLoc loc = loc_of(e->loc);
  int jumpi = e->v.BoolOp.op == BoolOpKind::And ? POP_JUMP_IF_FALSE : POP_JUMP_IF_TRUE;
  int end = new_label();
  auto& vals = e->v.BoolOp.values;
  for (uint32_t i = 0; i + 1 < vals.size; i++) {
    if (!visit_expr(vals[i])) return false;
    emit(COPY, 1, loc);
    emit(TO_BOOL, loc);
    emit_jump(jumpi, end, loc);
    emit(POP_TOP, loc);
  }
  if (!visit_expr(vals.back())) return false;
  use_label(end);
  return true;
}

bool Compiler::add_compare(SrcLoc loc, CmpOpKind op) {
  int cmp;
  switch (op) {
    case CmpOpKind::Eq: cmp = 2; break;
    case CmpOpKind::NotEq: cmp = 3; break;
    case CmpOpKind::Lt: cmp = 0; break;
    case CmpOpKind::LtE: cmp = 1; break;
    case CmpOpKind::Gt: cmp = 4; break;
    case CmpOpKind::GtE: cmp = 5; break;
    case CmpOpKind::Is: emit(IS_OP, 0, loc); return true;
    case CmpOpKind::IsNot: emit(IS_OP, 1, loc); return true;
    case CmpOpKind::In: emit(CONTAINS_OP, 0, loc); return true;
    case CmpOpKind::NotIn: emit(CONTAINS_OP, 1, loc); return true;
    default: cmp = 2;
  }
  static const int masks[] = {2, 10, 8, 7, 4, 12};
  emit(COMPARE_OP, (cmp << 5) | masks[cmp], loc);
  return true;
}

bool Compiler::compare(SrcLoc loc, Expr* e) {
  auto& c = e->v.Compare;
  if (!visit_expr(c.left)) return false;
  uint32_t n = c.ops.size - 1;
  if (n == 0) {
    if (!visit_expr(c.comparators[0])) return false;
    return add_compare(loc, c.ops[0]);
  }
  int cleanup = new_label();
  for (uint32_t i = 0; i < n; i++) {
    if (!visit_expr(c.comparators[i])) return false;
    emit(SWAP, 2, loc);
    emit(COPY, 2, loc);
    add_compare(loc, c.ops[i]);
    emit(COPY, 1, loc);
    emit(TO_BOOL, loc);
    emit_jump(POP_JUMP_IF_FALSE, cleanup, loc);
    emit(POP_TOP, loc);
  }
  if (!visit_expr(c.comparators.back())) return false;
  add_compare(loc, c.ops.back());
  int end = new_label();
  emit_jump(kJump, end, kNoLoc);
  use_label(cleanup);
  emit(SWAP, 2, loc);
  emit(POP_TOP, loc);
  use_label(end);
  return true;
}

bool Compiler::validate_kwargs(const Keywords& kws) {
  for (uint32_t i = 0; i < kws.size; i++) {
    if (kws[i]->arg.is_null()) continue;
    if (!forbidden_name(kws[i]->arg.view(), ExprContext::Store, loc_of(kws[i]->loc))) return false;
    for (uint32_t j = i + 1; j < kws.size; j++)
      if (!kws[j]->arg.is_null() && kws[i]->arg.view() == kws[j]->arg.view())
        return error(fmt::format("keyword argument repeated: {}", kws[i]->arg.view()), loc_of(kws[j]->loc));
  }
  return true;
}

bool Compiler::call_simple_kw_helper(SrcLoc loc, const Keywords& keywords, int nkwelts) {
  Ref<> names = steal(tuple_new(nkwelts));
  if (!names) return false;
  for (int i = 0; i < nkwelts; i++) {
    Object* s = str_from_utf8(keywords[uint32_t(i)]->arg.view());
    if (!s) return false;
    tuple_set(names.get(), i, s);
  }
  return emit_const(names.get(), loc);
}

static bool subkwargs(Compiler* c, SrcLoc loc, const Keywords& kws, uint32_t begin, uint32_t end) {
  uint32_t n = end - begin;
  bool big = n * 2 > uint32_t(kStackUseGuideline);
  if (n > 1 && !big) {
    for (uint32_t i = begin; i < end; i++)
      if (!c->visit_expr(kws[i]->value)) return false;
    Ref<> keys = steal(tuple_new(n));
    if (!keys) return false;
    for (uint32_t i = begin; i < end; i++) {
      Object* s = str_from_utf8(kws[i]->arg.view());
      if (!s) return false;
      tuple_set(keys.get(), i - begin, s);
    }
    if (!c->emit_const(keys.get(), loc)) return false;
    c->emit(BUILD_CONST_KEY_MAP, int(n), loc);
    return true;
  }
  if (big) c->emit(BUILD_MAP, 0, kNoLoc);
  for (uint32_t i = begin; i < end; i++) {
    if (!c->emit_const_steal(str_from_utf8(kws[i]->arg.view()), loc)) return false;
    if (!c->visit_expr(kws[i]->value)) return false;
    if (big) c->emit(MAP_ADD, 1, kNoLoc);
  }
  if (!big) c->emit(BUILD_MAP, int(n), loc);
  return true;
}

bool Compiler::call_helper(SrcLoc loc, int n, const Exprs& args, const Keywords& keywords) {
  if (!validate_kwargs(keywords)) return false;
  uint32_t nelts = args.size, nkwelts = keywords.size;
  bool ex_call = nelts + nkwelts * 2 > uint32_t(kStackUseGuideline);
  for (Expr* a : args)
    if (a->kind == ExprKind::Starred) ex_call = true;
  for (Keyword* k : keywords)
    if (k->arg.is_null()) ex_call = true;
  if (!ex_call) {
    for (Expr* a : args)
      if (!visit_expr(a)) return false;
    if (nkwelts) {
      for (Keyword* k : keywords)
        if (!visit_expr(k->value)) return false;
      if (!call_simple_kw_helper(loc, keywords, int(nkwelts))) return false;
      emit(CALL_KW, n + int(nelts + nkwelts), loc);
    } else {
      emit(CALL, n + int(nelts), loc);
    }
    return true;
  }
  if (n == 0 && nelts == 1 && args[0]->kind == ExprKind::Starred) {
    if (!visit_expr(args[0]->v.Starred.value)) return false;
  } else if (!starunpack_helper(loc, args, n, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)) {
    return false;
  }
  if (nkwelts) {
    bool have_dict = false;
    uint32_t nseen = 0;
    for (uint32_t i = 0; i < nkwelts; i++) {
      Keyword* kw = keywords[i];
      if (kw->arg.is_null()) {
        if (nseen) {
          if (!subkwargs(this, loc, keywords, i - nseen, i)) return false;
          if (have_dict) emit(DICT_MERGE, 1, loc);
          have_dict = true;
          nseen = 0;
        }
        if (!have_dict) {
          emit(BUILD_MAP, 0, loc);
          have_dict = true;
        }
        if (!visit_expr(kw->value)) return false;
        emit(DICT_MERGE, 1, loc);
      } else {
        nseen++;
      }
    }
    if (nseen) {
      if (!subkwargs(this, loc, keywords, nkwelts - nseen, nkwelts)) return false;
      if (have_dict) emit(DICT_MERGE, 1, loc);
    }
  }
  emit(CALL_FUNCTION_EX, nkwelts > 0 ? 1 : 0, loc);
  return true;
}

bool Compiler::is_super_shortcut(Expr* attr) {
  Expr* e = attr->v.Attribute.value;
  if (e->kind != ExprKind::Call || e->v.Call.func->kind != ExprKind::Name || e->v.Call.func->v.Name.id != "super" ||
      attr->v.Attribute.attr == "__class__" || e->v.Call.keywords.size != 0)
    return false;
  uint32_t nargs = e->v.Call.args.size;
  std::string_view super_name = e->v.Call.func->v.Name.id.view();
  if (u()->ste->scope_of(super_name) != Scope::kGlobalImplicit) return false;
  if (st_->top()->scope_of(super_name) != Scope::kNone) return false;
  if (nargs == 2) {
    for (Expr* a : e->v.Call.args)
      if (a->kind == ExprKind::Starred) return false;
    return true;
  }
  if (nargs != 0) return false;
  if (u()->meta.argcount == 0 && u()->meta.posonlyargcount == 0) return false;
  Scope reftype = (u()->scope_type == ScopeType::kClass) ? Scope::kCell : u()->ste->scope_of("__class__");
  return reftype == Scope::kFree;
}

bool Compiler::load_args_for_super(Expr* e) {
  SrcLoc loc = loc_of(e->loc);
  if (!nameop(e->v.Call.func->v.Name.id.view(), ExprContext::Load, loc_of(e->v.Call.func->loc))) return false;
  if (e->v.Call.args.size == 2) return visit_expr(e->v.Call.args[0]) && visit_expr(e->v.Call.args[1]);
  if (!nameop("__class__", ExprContext::Load, loc)) return false;
  if (u()->meta.varnames.size() == 0) return false;
  return nameop(u()->meta.varnames.names()[0], ExprContext::Load, loc);
}

bool Compiler::maybe_optimize_method_call(Expr* e, bool* done) {
  *done = false;
  Expr* meth = e->v.Call.func;
  auto& args = e->v.Call.args;
  auto& kwds = e->v.Call.keywords;
  if (meth->kind != ExprKind::Attribute || meth->v.Attribute.ctx != ExprContext::Load) return true;
  Expr* base = meth->v.Attribute.value;
  if (base->kind == ExprKind::Name && (st_->top()->symbols.get(base->v.Name.id.view()) & kDefImport)) return true;
  uint32_t argsl = args.size, kwdsl = kwds.size;
  if (argsl + kwdsl + (kwdsl != 0) >= uint32_t(kStackUseGuideline)) return true;
  for (Expr* a : args)
    if (a->kind == ExprKind::Starred) return true;
  for (Keyword* k : kwds)
    if (k->arg.is_null()) return true;
  SrcLoc loc = loc_of(meth->loc);
  if (is_super_shortcut(meth)) {
    if (!load_args_for_super(base)) return false;
    int op = base->v.Call.args.size ? kLoadSuperMethod : kLoadZeroSuperMethod;
    if (!emit_name(op, meth->v.Attribute.attr.view(), loc)) return false;
    loc = update_start_location_to_match_attr(loc, meth);
    emit(NOP, loc);
  } else {
    if (!visit_expr(base)) return false;
    loc = update_start_location_to_match_attr(loc, meth);
    if (!emit_name(kLoadMethod, meth->v.Attribute.attr.view(), loc)) return false;
  }
  if (!visit_exprs(args)) return false;
  if (kwdsl) {
    for (Keyword* k : kwds)
      if (!visit_expr(k->value)) return false;
    if (!call_simple_kw_helper(loc, kwds, int(kwdsl))) return false;
    loc = update_start_location_to_match_attr(loc_of(e->loc), meth);
    emit(CALL_KW, int(argsl + kwdsl), loc);
  } else {
    loc = update_start_location_to_match_attr(loc_of(e->loc), meth);
    emit(CALL, int(argsl), loc);
  }
  *done = true;
  return true;
}

bool Compiler::call(Expr* e) {
  if (!validate_kwargs(e->v.Call.keywords)) return false;
  bool done;
  if (!maybe_optimize_method_call(e, &done)) return false;
  if (done) return true;
  if (!visit_expr(e->v.Call.func)) return false;
  emit(PUSH_NULL, loc_of(e->v.Call.func->loc));
  return call_helper(loc_of(e->loc), 0, e->v.Call.args, e->v.Call.keywords);
}

bool Compiler::starunpack_helper(SrcLoc loc, const Exprs& elts, int pushed, int build, int add, int extend,
                                 bool tuple) {
  uint32_t n = elts.size;
  if (n > 2) {
    std::vector<Object*> vals;
    bool all = true;
    for (Expr* x : elts) {
      Object* v = fold(x);
      if (!v) {
        all = false;
        break;
      }
      vals.push_back(v);
    }
    if (all) {
      Ref<> folded = steal(tuple_new(ssize(n)));
      if (!folded) return false;
      for (uint32_t i = 0; i < n; i++) tuple_set(folded.get(), i, vals[i]);
      vals.clear();
      if (tuple && !pushed) return emit_const(folded.get(), loc);
      if (add == SET_ADD) {
        folded = steal(frozenset_new(folded.get()));
        if (!folded) return false;
      }
      emit(build, pushed, loc);
      if (!emit_const(folded.get(), loc)) return false;
      emit(extend, 1, loc);
      if (tuple) emit(CALL_INTRINSIC_1, kIntrinsicListToTuple, loc);
      return true;
    }
    for (Object* v : vals) decref(v);
  }
  bool big = int(n) + pushed > kStackUseGuideline;
  bool seen_star = false;
  for (Expr* x : elts)
    if (x->kind == ExprKind::Starred) seen_star = true;
  if (!seen_star && !big) {
    for (Expr* x : elts)
      if (!visit_expr(x)) return false;
    emit(tuple ? BUILD_TUPLE : build, int(n) + pushed, loc);
    return true;
  }
  bool built = false;
  if (big) {
    emit(build, pushed, loc);
    built = true;
  }
  for (uint32_t i = 0; i < n; i++) {
    Expr* x = elts[i];
    if (x->kind == ExprKind::Starred) {
      if (!built) {
        emit(build, int(i) + pushed, loc);
        built = true;
      }
      if (!visit_expr(x->v.Starred.value)) return false;
      emit(extend, 1, loc);
    } else {
      if (!visit_expr(x)) return false;
      if (built) emit(add, 1, loc);
    }
  }
  if (tuple) emit(CALL_INTRINSIC_1, kIntrinsicListToTuple, loc);
  return true;
}

bool Compiler::unpack_helper(SrcLoc loc, const Exprs& elts) {
  uint32_t n = elts.size;
  bool seen_star = false;
  for (uint32_t i = 0; i < n; i++) {
    Expr* x = elts[i];
    if (x->kind == ExprKind::Starred && !seen_star) {
      if (i >= (1u << 8) || n - i - 1 >= (INT32_MAX >> 8))
        return error("too many expressions in star-unpacking assignment", loc);
      emit(UNPACK_EX, int(i + ((n - i - 1) << 8)), loc);
      seen_star = true;
    } else if (x->kind == ExprKind::Starred) {
      return error("multiple starred expressions in assignment", loc);
    }
  }
  if (!seen_star) emit(UNPACK_SEQUENCE, int(n), loc);
  return true;
}

bool Compiler::assignment_helper(SrcLoc loc, const Exprs& elts) {
  if (!unpack_helper(loc, elts)) return false;
  for (Expr* x : elts)
    if (!visit_expr(x->kind != ExprKind::Starred ? x : x->v.Starred.value)) return false;
  return true;
}

bool Compiler::list_or_tuple(Expr* e, bool is_tuple) {
  SrcLoc loc = loc_of(e->loc);
  const Exprs& elts = is_tuple ? e->v.Tuple.elts : e->v.List.elts;
  ExprContext ctx = is_tuple ? e->v.Tuple.ctx : e->v.List.ctx;
  if (ctx == ExprContext::Store) return assignment_helper(loc, elts);
  if (ctx == ExprContext::Load) return starunpack_helper(loc, elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, is_tuple);
  return visit_exprs(elts);
}

bool Compiler::subdict(Expr* e, int begin, int end) {
  int n = end - begin;
  bool big = n * 2 > kStackUseGuideline;
  SrcLoc loc = loc_of(e->loc);
  auto& keys = e->v.Dict.keys;
  auto& values = e->v.Dict.values;
  if (n > 1 && !big) {
    std::vector<Object*> kv;
    bool all = true;
    for (int i = begin; i < end; i++) {
      Object* k = keys[uint32_t(i)] && keys[uint32_t(i)]->kind == ExprKind::Constant ? fold(keys[uint32_t(i)])
                                                                                       : fold(keys[uint32_t(i)]);
      if (!k) {
        all = false;
        break;
      }
      kv.push_back(k);
    }
    if (all) {
      for (int i = begin; i < end; i++)
        if (!visit_expr(values[uint32_t(i)])) {
          for (Object* o : kv) decref(o);
          return false;
        }
      Ref<> t = steal(tuple_new(n));
      if (!t) return false;
      for (int i = 0; i < n; i++) tuple_set(t.get(), i, kv[size_t(i)]);
      if (!emit_const(t.get(), loc)) return false;
      emit(BUILD_CONST_KEY_MAP, n, loc);
      return true;
    }
    for (Object* o : kv) decref(o);
  }
  if (big) emit(BUILD_MAP, 0, loc);
  for (int i = begin; i < end; i++) {
    if (!visit_expr(keys[uint32_t(i)]) || !visit_expr(values[uint32_t(i)])) return false;
    if (big) emit(MAP_ADD, 1, loc);
  }
  if (!big) emit(BUILD_MAP, n, loc);
  return true;
}

bool Compiler::dict_expr(Expr* e) {
  SrcLoc loc = loc_of(e->loc);
  int n = int(e->v.Dict.values.size);
  bool have_dict = false;
  int elements = 0;
  for (int i = 0; i < n; i++) {
    bool unpacking = e->v.Dict.keys[uint32_t(i)] == nullptr;
    if (unpacking) {
      if (elements) {
        if (!subdict(e, i - elements, i)) return false;
        if (have_dict) emit(DICT_UPDATE, 1, loc);
        have_dict = true;
        elements = 0;
      }
      if (!have_dict) {
        emit(BUILD_MAP, 0, loc);
        have_dict = true;
      }
      if (!visit_expr(e->v.Dict.values[uint32_t(i)])) return false;
      emit(DICT_UPDATE, 1, loc);
    } else if (elements * 2 > kStackUseGuideline) {
      if (!subdict(e, i - elements, i + 1)) return false;
      if (have_dict) emit(DICT_UPDATE, 1, loc);
      have_dict = true;
      elements = 0;
    } else {
      elements++;
    }
  }
  if (elements) {
    if (!subdict(e, n - elements, n)) return false;
    if (have_dict) emit(DICT_UPDATE, 1, loc);
    have_dict = true;
  }
  if (!have_dict) emit(BUILD_MAP, 0, loc);
  return true;
}

bool Compiler::is_two_element_slice(Expr* s) { return s->kind == ExprKind::Slice && !s->v.Slice.step; }

bool Compiler::slice_parts(Expr* s, int* n) {
  *n = 2;
  SrcLoc loc = loc_of(s->loc);
  if (s->v.Slice.lower) {
    if (!visit_expr(s->v.Slice.lower)) return false;
  } else if (!emit_const(none(), loc)) {
    return false;
  }
  if (s->v.Slice.upper) {
    if (!visit_expr(s->v.Slice.upper)) return false;
  } else if (!emit_const(none(), loc)) {
    return false;
  }
  if (s->v.Slice.step) {
    (*n)++;
    if (!visit_expr(s->v.Slice.step)) return false;
  }
  return true;
}

bool Compiler::subscript(Expr* e) {
  SrcLoc loc = loc_of(e->loc);
  ExprContext ctx = e->v.Subscript.ctx;
  if (!visit_expr(e->v.Subscript.value)) return false;
  if (is_two_element_slice(e->v.Subscript.slice) && ctx != ExprContext::Del) {
    int n;
    if (!slice_parts(e->v.Subscript.slice, &n)) return false;
    emit(ctx == ExprContext::Load ? BINARY_SLICE : STORE_SLICE, loc);
    return true;
  }
  if (!visit_expr(e->v.Subscript.slice)) return false;
  emit(ctx == ExprContext::Load ? BINARY_SUBSCR : ctx == ExprContext::Store ? STORE_SUBSCR : DELETE_SUBSCR, loc);
  return true;
}

bool Compiler::joined_str(Expr* e) {
  SrcLoc loc = loc_of(e->loc);
  auto& vals = e->v.JoinedStr.values;
  if (vals.size > uint32_t(kStackUseGuideline)) {
    if (!emit_const(str_empty(), loc) || !emit_name(kLoadMethod, "join", loc)) return false;
    emit(BUILD_LIST, 0, loc);
    for (Expr* v : vals) {
      if (!visit_expr(v)) return false;
      emit(LIST_APPEND, 1, loc);
    }
    emit(CALL, 1, loc);
    return true;
  }
  if (!visit_exprs(vals)) return false;
  if (vals.size > 1)
    emit(BUILD_STRING, int(vals.size), loc);
  else if (vals.size == 0 && !emit_const(str_empty(), loc))
    return false;
  return true;
}

bool Compiler::formatted_value(Expr* e) {
  auto& f = e->v.FormattedValue;
  if (!visit_expr(f.value)) return false;
  SrcLoc loc = loc_of(e->loc);
  if (f.conversion != -1) {
    int arg = f.conversion == 's' ? 1 : f.conversion == 'r' ? 2 : 3;
    emit(CONVERT_VALUE, arg, loc);
  }
  if (f.format_spec) {
    if (!visit_expr(f.format_spec)) return false;
    emit(FORMAT_WITH_SPEC, loc);
  } else {
    emit(FORMAT_SIMPLE, loc);
  }
  return true;
}

bool Compiler::lambda(Expr* e) {
  Arguments* args = e->v.Lambda.args;
  SrcLoc loc = loc_of(e->loc);
  int funcflags = default_arguments(loc, args);
  if (funcflags < 0) return false;
  if (!enter_scope("<lambda>", ScopeType::kLambda, e, e->loc.lineno)) return false;
  bool ok = u()->consts.add(none()) >= 0;
  u()->meta.argcount = int(args->args.size);
  u()->meta.posonlyargcount = int(args->posonlyargs.size);
  u()->meta.kwonlyargcount = int(args->kwonlyargs.size);
  ok = ok && visit_expr(e->v.Lambda.body);
  Object* co = nullptr;
  if (ok) {
    if (u()->ste->generator) {
      co = optimize_and_assemble(false);
    } else {
      emit(RETURN_VALUE, loc_of(e->v.Lambda.body->loc));
      co = optimize_and_assemble(true);
    }
  }
  exit_scope();
  if (!co) return false;
  ok = make_closure(loc, co, funcflags);
  decref(co);
  return ok;
}

bool Compiler::ifexp(Expr* e) {
  int end = new_label(), next = new_label();
  if (!jump_if(loc_of(e->loc), e->v.IfExp.test, next, false)) return false;
  if (!visit_expr(e->v.IfExp.body)) return false;
  emit_jump(kJump, end, kNoLoc);
  use_label(next);
  if (!visit_expr(e->v.IfExp.orelse)) return false;
  use_label(end);
  return true;
}

static void static_attribute(Compiler* c, Expr* e) {
  Expr* v = e->v.Attribute.value;
  if (v->kind != ExprKind::Name || e->v.Attribute.ctx != ExprContext::Store || v->v.Name.id != "self") return;
  for (size_t i = c->units_.size() - 1; i-- > 0;) {
    if (c->units_[i]->scope_type == ScopeType::kClass) {
      c->units_[i]->static_attributes.insert(std::string(e->v.Attribute.attr.view()));
      break;
    }
  }
}

bool Compiler::visit_expr(Expr* e) {
  // The tree's depth is bounded by rewrite_ast's limit; this only guards a thread with a small C stack.
  if (!stack_check(" during compilation")) return false;
  SrcLoc loc = loc_of(e->loc);
  if (e->kind != ExprKind::Constant) {
    bool load = true;
    if (e->kind == ExprKind::Tuple) load = e->v.Tuple.ctx == ExprContext::Load;
    if (load) {
      if (Object* v = fold(e)) return emit_const_steal(v, loc);
      if (error_occurred()) return false;
    }
  }
  return visit_expr_inner(e, loc);
}

bool Compiler::visit_expr_inner(Expr* e, SrcLoc loc) {
  switch (e->kind) {
    case ExprKind::NamedExpr:
      if (!visit_expr(e->v.NamedExpr.value)) return false;
      emit(COPY, 1, loc);
      return visit_expr(e->v.NamedExpr.target);
    case ExprKind::BoolOp:
      return boolop(e);
    case ExprKind::BinOp:
      if (!visit_expr(e->v.BinOp.left) || !visit_expr(e->v.BinOp.right)) return false;
      emit(BINARY_OP, binary_op_arg(e->v.BinOp.op, false), loc);
      return true;
    case ExprKind::UnaryOp:
      if (!visit_expr(e->v.UnaryOp.operand)) return false;
      switch (e->v.UnaryOp.op) {
        case UnaryOpKind::UAdd:
          emit(CALL_INTRINSIC_1, kIntrinsicUnaryPositive, loc);
          break;
        case UnaryOpKind::Not:
          emit(TO_BOOL, loc);
          emit(UNARY_NOT, loc);
          break;
        case UnaryOpKind::Invert:
          emit(UNARY_INVERT, loc);
          break;
        case UnaryOpKind::USub:
          emit(UNARY_NEGATIVE, loc);
          break;
      }
      return true;
    case ExprKind::Lambda:
      return lambda(e);
    case ExprKind::IfExp:
      return ifexp(e);
    case ExprKind::Dict:
      return dict_expr(e);
    case ExprKind::Set:
      return starunpack_helper(loc, e->v.Set.elts, 0, BUILD_SET, SET_ADD, SET_UPDATE, false);
    case ExprKind::GeneratorExp:
      return comprehension(e, 0, "<genexpr>", e->v.GeneratorExp.generators, e->v.GeneratorExp.elt, nullptr);
    case ExprKind::ListComp:
      return comprehension(e, 1, "<listcomp>", e->v.ListComp.generators, e->v.ListComp.elt, nullptr);
    case ExprKind::SetComp:
      return comprehension(e, 2, "<setcomp>", e->v.SetComp.generators, e->v.SetComp.elt, nullptr);
    case ExprKind::DictComp:
      return comprehension(e, 3, "<dictcomp>", e->v.DictComp.generators, e->v.DictComp.key, e->v.DictComp.value);
    case ExprKind::Yield:
      if (!u()->ste->is_function_like()) return error("'yield' outside function", loc);
      if (e->v.Yield.value) {
        if (!visit_expr(e->v.Yield.value)) return false;
      } else if (!emit_const(none(), loc)) {
        return false;
      }
      if (u()->ste->generator && u()->ste->coroutine) emit(CALL_INTRINSIC_1, kIntrinsicAsyncGenWrap, loc);
      emit(YIELD_VALUE, 0, loc);
      emit(RESUME, 1, loc);
      return true;
    case ExprKind::YieldFrom:
      if (!u()->ste->is_function_like()) return error("'yield' outside function", loc);
      if (u()->scope_type == ScopeType::kAsyncFunction) return error("'yield from' inside async function", loc);
      if (!visit_expr(e->v.YieldFrom.value)) return false;
      emit(GET_YIELD_FROM_ITER, loc);
      return emit_const(none(), loc) && add_yield_from(loc, false);
    case ExprKind::Await:
      if (!u()->ste->is_function_like()) return error("'await' outside function", loc);
      if (u()->scope_type != ScopeType::kAsyncFunction && u()->scope_type != ScopeType::kComprehension)
        return error("'await' outside async function", loc);
      if (!visit_expr(e->v.Await.value)) return false;
      emit(GET_AWAITABLE, 0, loc);
      return emit_const(none(), loc) && add_yield_from(loc, true);
    case ExprKind::Compare:
      return compare(loc, e);
    case ExprKind::Call:
      return call(e);
    case ExprKind::Constant:
      return emit_const_steal(constant_object(e->v.Constant.value), loc);
    case ExprKind::JoinedStr:
      return joined_str(e);
    case ExprKind::FormattedValue:
      return formatted_value(e);
    case ExprKind::Attribute: {
      if (e->v.Attribute.ctx == ExprContext::Load && is_super_shortcut(e)) {
        Expr* base = e->v.Attribute.value;
        if (!load_args_for_super(base)) return false;
        int op = base->v.Call.args.size ? LOAD_SUPER_ATTR : kLoadZeroSuperAttr;
        if (!emit_name(op, e->v.Attribute.attr.view(), loc)) return false;
        emit(NOP, update_start_location_to_match_attr(loc, e));
        return true;
      }
      static_attribute(this, e);
      if (!visit_expr(e->v.Attribute.value)) return false;
      loc = update_start_location_to_match_attr(loc_of(e->loc), e);
      switch (e->v.Attribute.ctx) {
        case ExprContext::Load:
          return emit_name(LOAD_ATTR, e->v.Attribute.attr.view(), loc);
        case ExprContext::Store:
          if (!forbidden_name(e->v.Attribute.attr.view(), ExprContext::Store, loc)) return false;
          return emit_name(STORE_ATTR, e->v.Attribute.attr.view(), loc);
        case ExprContext::Del:
          return emit_name(DELETE_ATTR, e->v.Attribute.attr.view(), loc);
      }
      return true;
    }
    case ExprKind::Subscript:
      return subscript(e);
    case ExprKind::Starred:
      if (e->v.Starred.ctx == ExprContext::Store)
        return error("starred assignment target must be in a list or tuple", loc);
      return error("can't use starred expression here", loc);
    case ExprKind::Slice: {
      int n;
      if (!slice_parts(e, &n)) return false;
      emit(BUILD_SLICE, n, loc);
      return true;
    }
    case ExprKind::Name:
      return nameop(e->v.Name.id.view(), e->v.Name.ctx, loc);
    case ExprKind::List:
      return list_or_tuple(e, false);
    case ExprKind::Tuple:
      return list_or_tuple(e, true);
  }
  return true;
}

}  // namespace pyvm::compiler
