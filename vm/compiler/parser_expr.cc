// Expression rules of the grammar: from expression down to atom, displays, comprehensions, call arguments and
// lambdas. Left-recursive rules (bitwise_or ... term, primary) are loops, which give the same trees.
#include "vm/compiler/parser_impl.h"

namespace pyvm::compiler {

// expressions: expression (',' expression)+ [','] | expression ',' | expression
Expr* Parser::expressions() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* a = expression();
  if (!a) return nullptr;
  SmallVec<Expr*> v;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Expr* b = expression()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return nullptr;
  if (v.size() > 1) {
    expect(Tok::COMMA);
  } else if (!expect(Tok::COMMA)) {
    return a;
  }
  Expr* t = new_expr(ExprKind::Tuple, loc_from(start));
  t->v.Tuple.elts = seq(v);
  t->v.Tuple.ctx = ExprContext::Load;
  return t;
}

Expr* Parser::expression() {
  if (error_) return nullptr;
  Depth depth(this);
  if (error_) return nullptr;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kExpression, &r)) return static_cast<Expr*>(r);
  if (error_) return nullptr;
  Expr* e = expression_raw();
  if (error_) return nullptr;
  memo_put(start, MemoRule::kExpression, e);
  return e;
}

// expression: invalid_expression | invalid_legacy_expression
//           | disjunction 'if' disjunction 'else' expression | disjunction | lambdef
Expr* Parser::expression_raw() {
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_expression();
    mark_ = start;
    if (error_) return nullptr;
    invalid_legacy_expression();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (Expr* a = disjunction()) {
    int m = mark_;
    if (expect(Tok::KW_IF)) {
      if (Expr* b = disjunction()) {
        if (expect(Tok::KW_ELSE)) {
          if (Expr* c = expression()) {
            Expr* e = new_expr(ExprKind::IfExp, loc_from(start));
            e->v.IfExp.test = b;
            e->v.IfExp.body = a;
            e->v.IfExp.orelse = c;
            return e;
          }
        }
      }
    }
    mark_ = m;
    if (error_) return nullptr;
    return a;
  }
  mark_ = start;
  if (error_) return nullptr;
  return lambdef();
}

// expression_without_invalid: the same, never calling invalid rules.
Expr* Parser::expression_without_invalid() {
  bool saved = call_invalid_rules_;
  call_invalid_rules_ = false;
  int start = mark_;
  Expr* r = nullptr;
  if (Expr* a = disjunction()) {
    int m = mark_;
    if (expect(Tok::KW_IF)) {
      if (Expr* b = disjunction()) {
        if (expect(Tok::KW_ELSE)) {
          if (Expr* c = expression()) {
            r = new_expr(ExprKind::IfExp, loc_from(start));
            r->v.IfExp.test = b;
            r->v.IfExp.body = a;
            r->v.IfExp.orelse = c;
          }
        }
      }
    }
    if (!r) {
      mark_ = m;
      if (!error_) r = a;
    }
  } else if (!error_) {
    mark_ = start;
    r = lambdef();
  }
  call_invalid_rules_ = saved;
  if (!r) mark_ = start;
  return r;
}

// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
Expr* Parser::yield_expr() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::KW_YIELD)) {
    if (expect(Tok::KW_FROM)) {
      if (Expr* a = expression()) {
        Expr* e = new_expr(ExprKind::YieldFrom, loc_from(start));
        e->v.YieldFrom.value = a;
        return e;
      }
    }
    mark_ = start + 1;
    if (error_) return nullptr;
    Expr* a = star_expressions();
    if (error_) return nullptr;
    Expr* e = new_expr(ExprKind::Yield, loc_from(start));
    e->v.Yield.value = a;
    return e;
  }
  return nullptr;
}

// star_expressions: star_expression (',' star_expression)+ [','] | star_expression ',' | star_expression
Expr* Parser::star_expressions() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* a = star_expression();
  if (!a) return nullptr;
  if (!at(Tok::COMMA)) return a;
  SmallVec<Expr*> v;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Expr* b = star_expression()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return nullptr;
  expect(Tok::COMMA);
  Expr* t = new_expr(ExprKind::Tuple, loc_from(start));
  t->v.Tuple.elts = seq(v);
  t->v.Tuple.ctx = ExprContext::Load;
  return t;
}

Expr* Parser::star_expression() {
  if (error_) return nullptr;
  return star_expression_raw();
}

// star_expression: '*' bitwise_or | expression
Expr* Parser::star_expression_raw() {
  int start = mark_;
  if (expect(Tok::STAR)) {
    if (Expr* a = bitwise_or()) {
      Expr* e = new_expr(ExprKind::Starred, loc_from(start));
      e->v.Starred.value = a;
      e->v.Starred.ctx = ExprContext::Load;
      return e;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  return expression();
}

// star_named_expressions: ','.star_named_expression+ [',']
bool Parser::star_named_expressions(Exprs* out) {
  if (error_) return false;
  SmallVec<Expr*> v;
  Expr* a = star_named_expression();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Expr* b = star_named_expression()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return false;
  expect(Tok::COMMA);
  if (error_) return false;
  *out = seq(v);
  return true;
}

// star_named_expression: '*' bitwise_or | named_expression
Expr* Parser::star_named_expression() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::STAR)) {
    if (Expr* a = bitwise_or()) {
      Expr* e = new_expr(ExprKind::Starred, loc_from(start));
      e->v.Starred.value = a;
      e->v.Starred.ctx = ExprContext::Load;
      return e;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  return named_expression();
}

// assignment_expression: NAME ':=' ~ expression
Expr* Parser::assignment_expression() {
  if (error_) return nullptr;
  int start = mark_;
  Token* a = expect(Tok::NAME);
  if (a && expect(Tok::COLONEQUAL)) {
    if (Expr* b = expression()) {
      Expr* e = new_expr(ExprKind::NamedExpr, loc_from(start));
      e->v.NamedExpr.target = name_expr(a, ExprContext::Store);
      e->v.NamedExpr.value = b;
      check_version(8, "Assignment expressions are");
      return e;
    }
  }
  mark_ = start;
  return nullptr;
}

// named_expression: assignment_expression | invalid_named_expression | expression !':='
Expr* Parser::named_expression() {
  if (error_) return nullptr;
  int start = mark_;
  if (Expr* e = assignment_expression()) return e;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_named_expression();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (Expr* e = expression()) {
    if (!at(Tok::COLONEQUAL)) return e;
  }
  mark_ = start;
  return nullptr;
}

Expr* Parser::disjunction() {
  if (error_) return nullptr;
  Depth depth(this, kDisjunctionLevels);
  return disjunction_raw();
}

// disjunction: conjunction ('or' conjunction)+ | conjunction
Expr* Parser::disjunction_raw() {
  int start = mark_;
  Expr* a = conjunction();
  if (!a) return nullptr;
  if (!at(Tok::KW_OR)) return a;
  SmallVec<Expr*> v;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::KW_OR)) {
      if (Expr* b = conjunction()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return nullptr;
  if (v.size() == 1) return a;
  Expr* e = new_expr(ExprKind::BoolOp, loc_from(start));
  e->v.BoolOp.op = BoolOpKind::Or;
  e->v.BoolOp.values = seq(v);
  return e;
}

Expr* Parser::conjunction() {
  if (error_) return nullptr;
  return conjunction_raw();
}

// conjunction: inversion ('and' inversion)+ | inversion
Expr* Parser::conjunction_raw() {
  int start = mark_;
  Expr* a = inversion();
  if (!a) return nullptr;
  if (!at(Tok::KW_AND)) return a;
  SmallVec<Expr*> v;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::KW_AND)) {
      if (Expr* b = inversion()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return nullptr;
  if (v.size() == 1) return a;
  Expr* e = new_expr(ExprKind::BoolOp, loc_from(start));
  e->v.BoolOp.op = BoolOpKind::And;
  e->v.BoolOp.values = seq(v);
  return e;
}

Expr* Parser::inversion() {
  if (error_) return nullptr;
  Depth depth(this);
  if (error_) return nullptr;
  return inversion_raw();
}

// inversion: 'not' inversion | comparison
Expr* Parser::inversion_raw() {
  int start = mark_;
  if (expect(Tok::KW_NOT)) {
    if (Expr* a = inversion()) {
      Expr* e = new_expr(ExprKind::UnaryOp, loc_from(start));
      e->v.UnaryOp.op = UnaryOpKind::Not;
      e->v.UnaryOp.operand = a;
      return e;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  return comparison();
}

// comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or
Expr* Parser::comparison() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* a = bitwise_or();
  if (!a) return nullptr;
  SmallVec<CmpopExprPair*> pairs;
  while (CmpopExprPair* p = compare_op_bitwise_or_pair()) pairs.push_back(p);
  if (error_) return nullptr;
  if (pairs.empty()) return a;
  Expr* e = new_expr(ExprKind::Compare, loc_from(start));
  e->v.Compare.left = a;
  CmpOpKind* ops = arena_.alloc_array<CmpOpKind>(pairs.size());
  Expr** comps = arena_.alloc_array<Expr*>(pairs.size());
  for (uint32_t i = 0; i < pairs.size(); i++) {
    ops[i] = pairs[i]->op;
    comps[i] = pairs[i]->expr;
  }
  e->v.Compare.ops = CmpOps{ops, pairs.size()};
  e->v.Compare.comparators = Exprs{comps, pairs.size()};
  return e;
}

// compare_op_bitwise_or_pair: '==' bitwise_or | '!=' bitwise_or | ... | 'not' 'in' bitwise_or | 'in' bitwise_or
//                           | 'is' 'not' bitwise_or | 'is' bitwise_or
CmpopExprPair* Parser::compare_op_bitwise_or_pair() {
  if (error_) return nullptr;
  int start = mark_;
  Token* t = peek();
  if (!t) return nullptr;
  CmpOpKind op;
  switch (t->kind) {
    case Tok::EQEQUAL:
      op = CmpOpKind::Eq;
      break;
    case Tok::NOTEQUAL:
      // '<>' is NOTEQUAL only under barry_as_FLUFL.
      if (text(t) != "!=") return nullptr;
      op = CmpOpKind::NotEq;
      break;
    case Tok::LESSEQUAL:
      op = CmpOpKind::LtE;
      break;
    case Tok::LESS:
      op = CmpOpKind::Lt;
      break;
    case Tok::GREATEREQUAL:
      op = CmpOpKind::GtE;
      break;
    case Tok::GREATER:
      op = CmpOpKind::Gt;
      break;
    case Tok::KW_NOT:
      mark_++;
      if (!expect(Tok::KW_IN)) {
        mark_ = start;
        return nullptr;
      }
      if (Expr* b = bitwise_or()) return arena_.make<CmpopExprPair>(CmpOpKind::NotIn, b);
      mark_ = start;
      return nullptr;
    case Tok::KW_IN:
      op = CmpOpKind::In;
      break;
    case Tok::KW_IS:
      mark_++;
      if (expect(Tok::KW_NOT)) {
        if (Expr* b = bitwise_or()) return arena_.make<CmpopExprPair>(CmpOpKind::IsNot, b);
      }
      mark_ = start;
      if (error_) return nullptr;
      op = CmpOpKind::Is;
      break;
    default:
      return nullptr;
  }
  mark_++;
  if (Expr* b = bitwise_or()) return arena_.make<CmpopExprPair>(op, b);
  mark_ = start;
  return nullptr;
}

Expr* Parser::bitwise_or() {
  if (error_) return nullptr;
  return bitwise_or_raw();
}

static Expr* binop(Parser* p, int start, Expr* a, OperatorKind op, Expr* b) {
  Expr* e = p->new_expr(ExprKind::BinOp, p->loc_from(start));
  e->v.BinOp.left = a;
  e->v.BinOp.op = op;
  e->v.BinOp.right = b;
  return e;
}

// A left-recursive binary rule `r: r op next | next` as a loop.
template <class Next, class OpOf>
static Expr* left_assoc(Parser* p, Next next, OpOf op_of) {
  int start = p->mark_;
  Expr* a = (p->*next)();
  if (!a) return nullptr;
  for (;;) {
    Token* t = p->peek();
    OperatorKind op;
    if (!t || !op_of(t->kind, &op)) break;
    int m = p->mark_;
    p->mark_++;
    Expr* b = (p->*next)();
    if (!b) {
      p->mark_ = m;
      break;
    }
    a = binop(p, start, a, op, b);
  }
  if (p->failed()) return nullptr;
  return a;
}

// bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor
Expr* Parser::bitwise_or_raw() {
  return left_assoc(this, &Parser::bitwise_xor, [](Tok k, OperatorKind* op) {
    *op = OperatorKind::BitOr;
    return k == Tok::VBAR;
  });
}

// bitwise_xor: bitwise_xor '^' bitwise_and | bitwise_and
Expr* Parser::bitwise_xor() {
  if (error_) return nullptr;
  return left_assoc(this, &Parser::bitwise_and, [](Tok k, OperatorKind* op) {
    *op = OperatorKind::BitXor;
    return k == Tok::CIRCUMFLEX;
  });
}

// bitwise_and: bitwise_and '&' shift_expr | shift_expr
Expr* Parser::bitwise_and() {
  if (error_) return nullptr;
  return left_assoc(this, &Parser::shift_expr, [](Tok k, OperatorKind* op) {
    *op = OperatorKind::BitAnd;
    return k == Tok::AMPER;
  });
}

// shift_expr: shift_expr '<<' sum | shift_expr '>>' sum | invalid_arithmetic | sum
Expr* Parser::shift_expr() {
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    int start = mark_;
    invalid_arithmetic();
    mark_ = start;
    if (error_) return nullptr;
  }
  return left_assoc(this, &Parser::sum, [](Tok k, OperatorKind* op) {
    if (k == Tok::LEFTSHIFT) {
      *op = OperatorKind::LShift;
      return true;
    }
    if (k == Tok::RIGHTSHIFT) {
      *op = OperatorKind::RShift;
      return true;
    }
    return false;
  });
}

// sum: sum '+' term | sum '-' term | term
Expr* Parser::sum() {
  if (error_) return nullptr;
  return left_assoc(this, &Parser::term, [](Tok k, OperatorKind* op) {
    if (k == Tok::PLUS) {
      *op = OperatorKind::Add;
      return true;
    }
    if (k == Tok::MINUS) {
      *op = OperatorKind::Sub;
      return true;
    }
    return false;
  });
}

// term: term '*' factor | term '/' factor | term '//' factor | term '%' factor | term '@' factor
//     | invalid_factor | factor
Expr* Parser::term() {
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    int start = mark_;
    invalid_factor();
    mark_ = start;
    if (error_) return nullptr;
  }
  return left_assoc(this, &Parser::factor, [](Tok k, OperatorKind* op) {
    switch (k) {
      case Tok::STAR:
        *op = OperatorKind::Mult;
        return true;
      case Tok::SLASH:
        *op = OperatorKind::Div;
        return true;
      case Tok::DOUBLESLASH:
        *op = OperatorKind::FloorDiv;
        return true;
      case Tok::PERCENT:
        *op = OperatorKind::Mod;
        return true;
      case Tok::AT:
        *op = OperatorKind::MatMult;
        return true;
      default:
        return false;
    }
  });
}

Expr* Parser::factor() {
  if (error_) return nullptr;
  Depth depth(this);
  if (error_) return nullptr;
  return factor_raw();
}

// factor: '+' factor | '-' factor | '~' factor | power
Expr* Parser::factor_raw() {
  int start = mark_;
  Token* t = peek();
  if (!t) return nullptr;
  UnaryOpKind op;
  switch (t->kind) {
    case Tok::PLUS:
      op = UnaryOpKind::UAdd;
      break;
    case Tok::MINUS:
      op = UnaryOpKind::USub;
      break;
    case Tok::TILDE:
      op = UnaryOpKind::Invert;
      break;
    default:
      return power();
  }
  mark_++;
  if (Expr* a = factor()) {
    Expr* e = new_expr(ExprKind::UnaryOp, loc_from(start));
    e->v.UnaryOp.op = op;
    e->v.UnaryOp.operand = a;
    return e;
  }
  mark_ = start;
  return nullptr;
}

// power: await_primary '**' factor | await_primary
Expr* Parser::power() {
  if (error_) return nullptr;
  // A level of its own, as CPython's power rule: `a ** b ** ...` then overflows the parser stack at CPython's depth.
  Depth depth(this);
  int start = mark_;
  Expr* a = await_primary();
  if (!a) return nullptr;
  int m = mark_;
  if (expect(Tok::DOUBLESTAR)) {
    if (Expr* b = factor()) return binop(this, start, a, OperatorKind::Pow, b);
  }
  mark_ = m;
  if (error_) return nullptr;
  return a;
}

Expr* Parser::await_primary() {
  if (error_) return nullptr;
  return await_primary_raw();
}

// await_primary: AWAIT primary | primary
Expr* Parser::await_primary_raw() {
  int start = mark_;
  if (expect(Tok::KW_AWAIT)) {
    if (Expr* a = primary()) {
      Expr* e = new_expr(ExprKind::Await, loc_from(start));
      e->v.Await.value = a;
      return e;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  return primary();
}

Expr* Parser::primary() { return primary_raw(); }

static Expr* make_call(Parser* p, int start, Expr* func, Expr* args) {
  Expr* e = p->new_expr(ExprKind::Call, p->loc_from(start));
  e->v.Call.func = func;
  if (args) {
    e->v.Call.args = args->v.Call.args;
    e->v.Call.keywords = args->v.Call.keywords;
  }
  return e;
}

// primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')' | primary '[' slices ']' | atom
Expr* Parser::primary_raw() {
  if (error_) return nullptr;
  Depth depth(this);
  if (error_) return nullptr;
  int start = mark_;
  Expr* a = atom();
  if (!a) return nullptr;
  for (;;) {
    int m = mark_;
    Token* t = peek();
    if (!t) return nullptr;
    if (t->kind == Tok::DOT) {
      mark_++;
      if (Token* n = expect(Tok::NAME)) {
        Expr* e = new_expr(ExprKind::Attribute, loc_from(start));
        e->v.Attribute.value = a;
        e->v.Attribute.attr = identifier(n);
        e->v.Attribute.ctx = ExprContext::Load;
        a = e;
        continue;
      }
      mark_ = m;
      break;
    }
    if (t->kind == Tok::LPAR) {
      if (Expr* g = genexp()) {
        Expr* e = new_expr(ExprKind::Call, loc_from(start));
        e->v.Call.func = a;
        e->v.Call.args = singleton(g);
        a = e;
        continue;
      }
      mark_ = m;
      if (error_) return nullptr;
      mark_++;
      Expr* args = arguments();
      if (!error_ && expect(Tok::RPAR)) {
        a = make_call(this, start, a, args);
        continue;
      }
      mark_ = m;
      if (error_) return nullptr;
      break;
    }
    if (t->kind == Tok::LSQB) {
      mark_++;
      Expr* s = slices();
      if (s && expect(Tok::RSQB)) {
        Expr* e = new_expr(ExprKind::Subscript, loc_from(start));
        e->v.Subscript.value = a;
        e->v.Subscript.slice = s;
        e->v.Subscript.ctx = ExprContext::Load;
        a = e;
        continue;
      }
      mark_ = m;
      if (error_) return nullptr;
      break;
    }
    break;
  }
  if (error_) return nullptr;
  return a;
}

// slices: slice !',' | ','.(slice | starred_expression)+ [',']
Expr* Parser::slices() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* a = slice();
  if (a && !at(Tok::COMMA)) return a;
  mark_ = start;
  if (error_) return nullptr;
  SmallVec<Expr*> v;
  auto item = [&]() -> Expr* {
    Expr* x = slice();
    if (!x && !error_) x = starred_expression();
    return x;
  };
  Expr* first = item();
  if (!first) {
    mark_ = start;
    return nullptr;
  }
  v.push_back(first);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Expr* b = item()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return nullptr;
  expect(Tok::COMMA);
  Expr* t = new_expr(ExprKind::Tuple, loc_from(start));
  t->v.Tuple.elts = seq(v);
  t->v.Tuple.ctx = ExprContext::Load;
  return t;
}

// slice: [expression] ':' [expression] [':' [expression]] | named_expression
Expr* Parser::slice() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* a = expression();
  if (error_) return nullptr;
  if (expect(Tok::COLON)) {
    Expr* b = expression();
    if (error_) return nullptr;
    Expr* c = nullptr;
    int m = mark_;
    if (expect(Tok::COLON)) {
      c = expression();
      if (error_) return nullptr;
    } else {
      mark_ = m;
    }
    Expr* e = new_expr(ExprKind::Slice, loc_from(start));
    e->v.Slice.lower = a;
    e->v.Slice.upper = b;
    e->v.Slice.step = c;
    return e;
  }
  mark_ = start;
  return named_expression();
}

// atom: NAME | 'True' | 'False' | 'None' | &(STRING|FSTRING_START) strings | NUMBER
//     | &'(' (tuple | group | genexp) | &'[' (list | listcomp) | &'{' (dict | set | dictcomp | setcomp) | '...'
Expr* Parser::atom() {
  if (error_) return nullptr;
  Token* t = peek();
  if (!t) return nullptr;
  Expr* e;
  switch (t->kind) {
    case Tok::NAME:
      mark_++;
      return name_expr(t);
    case Tok::KW_TRUE:
      mark_++;
      return constant(ConstantValue::Kind::kTrue, tok_loc(t));
    case Tok::KW_FALSE:
      mark_++;
      return constant(ConstantValue::Kind::kFalse, tok_loc(t));
    case Tok::KW_NONE:
      mark_++;
      return constant(ConstantValue::Kind::kNone, tok_loc(t));
    case Tok::STRING:
    case Tok::FSTRING_START:
      return strings();
    case Tok::NUMBER:
      mark_++;
      return number_token(t);
    case Tok::LPAR:
      if ((e = tuple()) || error_) return e;
      if ((e = group()) || error_) return e;
      return genexp();
    case Tok::LSQB:
      if ((e = list()) || error_) return e;
      return listcomp();
    case Tok::LBRACE:
      if ((e = dict()) || error_) return e;
      if ((e = set()) || error_) return e;
      if ((e = dictcomp()) || error_) return e;
      return setcomp();
    case Tok::ELLIPSIS:
      mark_++;
      return constant(ConstantValue::Kind::kEllipsis, tok_loc(t));
    default:
      return nullptr;
  }
}

// group: '(' (yield_expr | named_expression) ')' | invalid_group
Expr* Parser::group() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LPAR)) {
    Expr* a = yield_expr();
    if (!a && !error_) a = named_expression();
    if (a && expect(Tok::RPAR)) return a;
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_group();
    mark_ = start;
  }
  return nullptr;
}

// lambdef: 'lambda' [lambda_params] ':' expression
Expr* Parser::lambdef() {
  if (error_) return nullptr;
  // A level of its own, as CPython's lambdef rule: nested lambdas overflow the parser stack at CPython's depth.
  Depth depth(this);
  int start = mark_;
  if (expect(Tok::KW_LAMBDA)) {
    bool saved = lambda_params_;
    lambda_params_ = true;
    Arguments* a = params();  // lambda_params: invalid_lambda_parameters | lambda_parameters
    lambda_params_ = saved;
    if (!error_ && expect(Tok::COLON)) {
      if (Expr* b = expression()) {
        Expr* e = new_expr(ExprKind::Lambda, loc_from(start));
        e->v.Lambda.args = a ? a : empty_arguments();
        e->v.Lambda.body = b;
        return e;
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// list: '[' [star_named_expressions] ']'
Expr* Parser::list() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LSQB)) {
    Exprs a{};
    star_named_expressions(&a);
    if (!error_ && expect(Tok::RSQB)) {
      Expr* e = new_expr(ExprKind::List, loc_from(start));
      e->v.List.elts = a;
      e->v.List.ctx = ExprContext::Load;
      return e;
    }
  }
  mark_ = start;
  return nullptr;
}

// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
Expr* Parser::tuple() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LPAR)) {
    Exprs elts{};
    int m = mark_;
    if (Expr* y = star_named_expression()) {
      if (expect(Tok::COMMA)) {
        Exprs z{};
        star_named_expressions(&z);
        if (!error_) elts = insert_in_front(y, z);
      } else {
        mark_ = m;
      }
    }
    if (!error_ && expect(Tok::RPAR)) {
      Expr* e = new_expr(ExprKind::Tuple, loc_from(start));
      e->v.Tuple.elts = elts;
      e->v.Tuple.ctx = ExprContext::Load;
      return e;
    }
  }
  mark_ = start;
  return nullptr;
}

// set: '{' star_named_expressions '}'
Expr* Parser::set() {
  if (error_) return nullptr;
  int start = mark_;
  Exprs a;
  if (expect(Tok::LBRACE) && star_named_expressions(&a) && expect(Tok::RBRACE)) {
    Expr* e = new_expr(ExprKind::Set, loc_from(start));
    e->v.Set.elts = a;
    return e;
  }
  mark_ = start;
  return nullptr;
}

// dict: '{' [double_starred_kvpairs] '}' | '{' invalid_double_starred_kvpairs '}'
Expr* Parser::dict() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LBRACE)) {
    Seq<KeyValuePair*> a{};
    double_starred_kvpairs(&a);
    if (!error_ && expect(Tok::RBRACE)) {
      Expr* e = new_expr(ExprKind::Dict, loc_from(start));
      Expr** keys = arena_.alloc_array<Expr*>(a.size);
      Expr** values = arena_.alloc_array<Expr*>(a.size);
      for (uint32_t i = 0; i < a.size; i++) {
        keys[i] = a[i]->key;
        values[i] = a[i]->value;
      }
      e->v.Dict.keys = Exprs{keys, a.size};
      e->v.Dict.values = Exprs{values, a.size};
      return e;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_ && expect(Tok::LBRACE)) {
    invalid_double_starred_kvpairs();
    mark_ = start;
  }
  return nullptr;
}

// double_starred_kvpairs: ','.double_starred_kvpair+ [',']
bool Parser::double_starred_kvpairs(Seq<KeyValuePair*>* out) {
  if (error_) return false;
  SmallVec<KeyValuePair*> v;
  KeyValuePair* a = double_starred_kvpair();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (KeyValuePair* b = double_starred_kvpair()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return false;
  expect(Tok::COMMA);
  if (error_) return false;
  *out = seq(v);
  return true;
}

// double_starred_kvpair: '**' bitwise_or | kvpair
KeyValuePair* Parser::double_starred_kvpair() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::DOUBLESTAR)) {
    if (Expr* a = bitwise_or()) return arena_.make<KeyValuePair>(nullptr, a);
  }
  mark_ = start;
  if (error_) return nullptr;
  return kvpair();
}

// kvpair: expression ':' expression
KeyValuePair* Parser::kvpair() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* a = expression();
  if (a && expect(Tok::COLON)) {
    if (Expr* b = expression()) return arena_.make<KeyValuePair>(a, b);
  }
  mark_ = start;
  return nullptr;
}

// for_if_clauses: for_if_clause+
bool Parser::for_if_clauses(Comprehensions* out) {
  if (error_) return false;
  SmallVec<Comprehension*> v;
  while (Comprehension* c = for_if_clause()) v.push_back(c);
  if (error_ || v.empty()) return false;
  *out = seq(v);
  return true;
}

// for_if_clause:
//     | ASYNC 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
//     | 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
//     | invalid_for_if_clause
//     | invalid_for_target
Comprehension* Parser::for_if_clause() {
  if (error_) return nullptr;
  int start = mark_;
  for (int async = 1; async >= 0; async--) {
    mark_ = start;
    if (async && !expect(Tok::KW_ASYNC)) continue;
    if (!expect(Tok::KW_FOR)) continue;
    Expr* a = star_targets();
    if (!a || !expect(Tok::KW_IN)) {
      if (error_) return nullptr;
      continue;
    }
    Expr* b = disjunction();
    if (!b) {
      mark_ = start;
      return nullptr;  // the cut
    }
    SmallVec<Expr*> ifs;
    for (;;) {
      int m = mark_;
      if (expect(Tok::KW_IF)) {
        if (Expr* z = disjunction()) {
          ifs.push_back(z);
          continue;
        }
      }
      mark_ = m;
      break;
    }
    if (error_) return nullptr;
    Comprehension* c = new_node<Comprehension>(arena_);
    c->target = a;
    c->iter = b;
    c->ifs = seq(ifs);
    c->is_async = async;
    return c;
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_for_if_clause();
    mark_ = start;
    if (error_) return nullptr;
    invalid_for_target();
    mark_ = start;
  }
  return nullptr;
}

static Expr* comprehension_node(Parser* p, ExprKind k, int start, Expr* elt, Comprehensions gens) {
  Expr* e = p->new_expr(k, p->loc_from(start));
  e->v.ListComp.elt = elt;  // ListComp, SetComp and GeneratorExp share their layout
  e->v.ListComp.generators = gens;
  return e;
}

// listcomp: '[' named_expression for_if_clauses ']' | invalid_comprehension
Expr* Parser::listcomp() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LSQB)) {
    Expr* a = named_expression();
    Comprehensions b;
    if (a && for_if_clauses(&b) && expect(Tok::RSQB)) return comprehension_node(this, ExprKind::ListComp, start, a, b);
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_comprehension();
    mark_ = start;
  }
  return nullptr;
}

// setcomp: '{' named_expression for_if_clauses '}' | invalid_comprehension
Expr* Parser::setcomp() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LBRACE)) {
    Expr* a = named_expression();
    Comprehensions b;
    if (a && for_if_clauses(&b) && expect(Tok::RBRACE)) return comprehension_node(this, ExprKind::SetComp, start, a, b);
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_comprehension();
    mark_ = start;
  }
  return nullptr;
}

// genexp: '(' (assignment_expression | expression !':=') for_if_clauses ')' | invalid_comprehension
Expr* Parser::genexp() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LPAR)) {
    Expr* a = assignment_expression();
    if (!a && !error_) {
      a = expression();
      if (a && at(Tok::COLONEQUAL)) a = nullptr;
    }
    Comprehensions b;
    if (a && for_if_clauses(&b) && expect(Tok::RPAR)) {
      return comprehension_node(this, ExprKind::GeneratorExp, start, a, b);
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_comprehension();
    mark_ = start;
  }
  return nullptr;
}

// dictcomp: '{' kvpair for_if_clauses '}' | invalid_dict_comprehension
Expr* Parser::dictcomp() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LBRACE)) {
    KeyValuePair* a = kvpair();
    Comprehensions b;
    if (a && for_if_clauses(&b) && expect(Tok::RBRACE)) {
      Expr* e = new_expr(ExprKind::DictComp, loc_from(start));
      e->v.DictComp.key = a->key;
      e->v.DictComp.value = a->value;
      e->v.DictComp.generators = b;
      return e;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_dict_comprehension();
    mark_ = start;
  }
  return nullptr;
}

Expr* Parser::arguments() {
  if (error_) return nullptr;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kArguments, &r)) return static_cast<Expr*>(r);
  if (error_) return nullptr;
  Expr* e = arguments_raw();
  if (error_) return nullptr;
  memo_put(start, MemoRule::kArguments, e);
  return e;
}

// arguments: args [','] &')' | invalid_arguments
Expr* Parser::arguments_raw() {
  int start = mark_;
  if (Expr* a = args()) {
    expect(Tok::COMMA);
    if (!error_ && at(Tok::RPAR)) return a;
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_arguments();
    mark_ = start;
  }
  return nullptr;
}

// CPython's _PyPegen_collect_call_seqs: positional arguments, then the starred ones among the keywords.
Expr* Parser::collect_call_seqs(Seq<Expr*> a, Seq<KeywordOrStarred*>* b, const Loc& l) {
  Expr* call = new_expr(ExprKind::Call, l);
  if (!b) {
    call->v.Call.args = a;
    return call;
  }
  SmallVec<Expr*> args;
  SmallVec<Keyword*> kws;
  for (Expr* x : a) args.push_back(x);
  for (KeywordOrStarred* k : *b) {
    if (k->is_keyword) {
      kws.push_back(static_cast<Keyword*>(k->element));
    } else {
      args.push_back(static_cast<Expr*>(k->element));
    }
  }
  call->v.Call.args = seq(args);
  call->v.Call.keywords = seq(kws);
  return call;
}

// args:
//     | ','.(starred_expression | (assignment_expression | expression !':=') !'=')+ [',' kwargs]
//     | kwargs
Expr* Parser::args() {
  if (error_) return nullptr;
  int start = mark_;
  auto item = [&]() -> Expr* {
    if (Expr* s = starred_expression()) return s;
    if (error_) return nullptr;
    int m = mark_;
    Expr* x = assignment_expression();
    if (!x && !error_) {
      x = expression();
      if (x && at(Tok::COLONEQUAL)) x = nullptr;
    }
    if (x && !at(Tok::EQUAL)) return x;
    mark_ = m;
    return nullptr;
  };
  if (Expr* first = item()) {
    SmallVec<Expr*> v;
    v.push_back(first);
    for (;;) {
      int m = mark_;
      if (expect(Tok::COMMA)) {
        if (Expr* b = item()) {
          v.push_back(b);
          continue;
        }
      }
      mark_ = m;
      break;
    }
    if (error_) return nullptr;
    Seq<KeywordOrStarred*> k;
    Seq<KeywordOrStarred*>* kp = nullptr;
    int m = mark_;
    if (expect(Tok::COMMA) && kwargs(&k)) {
      kp = &k;
    } else {
      mark_ = m;
    }
    if (error_) return nullptr;
    return collect_call_seqs(seq(v), kp, loc_from(start));
  }
  mark_ = start;
  if (error_) return nullptr;
  Seq<KeywordOrStarred*> k;
  if (kwargs(&k)) return collect_call_seqs(Seq<Expr*>{}, &k, loc_from(start));
  mark_ = start;
  return nullptr;
}

// kwargs: ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+ | ','.kwarg_or_starred+
//       | ','.kwarg_or_double_starred+
bool Parser::kwargs(Seq<KeywordOrStarred*>* out) {
  if (error_) return false;
  int start = mark_;
  auto gather = [&](bool double_starred, SmallVec<KeywordOrStarred*>& v) {
    auto one = [&]() { return double_starred ? kwarg_or_double_starred() : kwarg_or_starred(); };
    KeywordOrStarred* a = one();
    if (!a) return false;
    v.push_back(a);
    for (;;) {
      int m = mark_;
      if (expect(Tok::COMMA)) {
        if (KeywordOrStarred* b = one()) {
          v.push_back(b);
          continue;
        }
      }
      mark_ = m;
      break;
    }
    return !error_;
  };
  {
    SmallVec<KeywordOrStarred*> v;
    if (gather(false, v)) {
      int m = mark_;
      uint32_t n = v.size();
      if (expect(Tok::COMMA) && gather(true, v)) {
        *out = seq(v);
        return true;
      }
      if (error_) return false;
      // ','.kwarg_or_starred+ alone
      while (v.size() > n) v.pop_back();
      mark_ = m;
      *out = seq(v);
      return true;
    }
  }
  mark_ = start;
  if (error_) return false;
  SmallVec<KeywordOrStarred*> v;
  if (gather(true, v)) {
    *out = seq(v);
    return true;
  }
  mark_ = start;
  return false;
}

// starred_expression: invalid_starred_expression | '*' expression | '*' (an error)
Expr* Parser::starred_expression() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_starred_expression();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (expect(Tok::STAR)) {
    if (Expr* a = expression()) {
      Expr* e = new_expr(ExprKind::Starred, loc_from(start));
      e->v.Starred.value = a;
      e->v.Starred.ctx = ExprContext::Load;
      return e;
    }
    if (error_) return nullptr;
    mark_ = start;
    if (expect(Tok::STAR)) return static_cast<Expr*>(raise_syntax_error("Invalid star expression"));
  }
  mark_ = start;
  return nullptr;
}

static KeywordOrStarred* keyword_arg(Parser* p, int start, Token* name, Expr* value) {
  Keyword* k = new_node<Keyword>(p->arena_);
  if (name) k->arg = p->identifier(name);
  k->value = value;
  k->loc = p->loc_from(start);
  return p->arena_.make<KeywordOrStarred>(k, true);
}

// kwarg_or_starred: invalid_kwarg | NAME '=' expression | starred_expression
KeywordOrStarred* Parser::kwarg_or_starred() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_kwarg();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (Token* a = expect(Tok::NAME)) {
    if (expect(Tok::EQUAL)) {
      if (Expr* b = expression()) return keyword_arg(this, start, a, b);
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (Expr* a = starred_expression()) return arena_.make<KeywordOrStarred>(a, false);
  mark_ = start;
  return nullptr;
}

// kwarg_or_double_starred: invalid_kwarg | NAME '=' expression | '**' expression
KeywordOrStarred* Parser::kwarg_or_double_starred() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_kwarg();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (Token* a = expect(Tok::NAME)) {
    if (expect(Tok::EQUAL)) {
      if (Expr* b = expression()) return keyword_arg(this, start, a, b);
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::DOUBLESTAR)) {
    if (Expr* a = expression()) return keyword_arg(this, start, nullptr, a);
  }
  mark_ = start;
  return nullptr;
}

}  // namespace pyvm::compiler
