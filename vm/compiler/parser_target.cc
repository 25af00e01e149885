// Assignment and deletion targets: star_targets, single_target, t_primary (the left-recursive primary that must
// be followed by a trailer) and del_targets.
#include "vm/compiler/parser_impl.h"

namespace pyvm::compiler {

// star_targets: star_target !',' | star_target (',' star_target)* [',']
Expr* Parser::star_targets() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* a = star_target();
  if (!a) return nullptr;
  if (!at(Tok::COMMA)) return a;
  if (error_) return nullptr;
  SmallVec<Expr*> v;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Expr* b = star_target()) {
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
  t->v.Tuple.ctx = ExprContext::Store;
  return t;
}

// star_targets_list_seq: ','.star_target+ [',']
bool Parser::star_targets_list_seq(Exprs* out) {
  if (error_) return false;
  SmallVec<Expr*> v;
  Expr* a = star_target();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Expr* b = star_target()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return false;
  expect(Tok::COMMA);
  *out = seq(v);
  return !error_;
}

// star_targets_tuple_seq: star_target (',' star_target)+ [','] | star_target ','
bool Parser::star_targets_tuple_seq(Exprs* out) {
  if (error_) return false;
  int start = mark_;
  SmallVec<Expr*> v;
  Expr* a = star_target();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Expr* b = star_target()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return false;
  if (v.size() > 1) {
    expect(Tok::COMMA);
  } else if (!expect(Tok::COMMA)) {
    mark_ = start;
    return false;
  }
  *out = seq(v);
  return !error_;
}

Expr* Parser::star_target() {
  if (error_) return nullptr;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kStarTarget, &r)) return static_cast<Expr*>(r);
  if (error_) return nullptr;
  Expr* e = star_target_raw();
  if (error_) return nullptr;
  memo_put(start, MemoRule::kStarTarget, e);
  return e;
}

// star_target: '*' (!'*' star_target) | target_with_star_atom
Expr* Parser::star_target_raw() {
  int start = mark_;
  if (expect(Tok::STAR)) {
    if (!at(Tok::STAR)) {
      if (Expr* a = star_target()) {
        Expr* e = new_expr(ExprKind::Starred, loc_from(start));
        e->v.Starred.value = set_expr_context(a, ExprContext::Store);
        e->v.Starred.ctx = ExprContext::Store;
        return e;
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  return target_with_star_atom();
}

Expr* Parser::target_with_star_atom() {
  if (error_) return nullptr;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kTargetWithStarAtom, &r)) return static_cast<Expr*>(r);
  if (error_) return nullptr;
  Expr* e = target_with_star_atom_raw();
  if (error_) return nullptr;
  memo_put(start, MemoRule::kTargetWithStarAtom, e);
  return e;
}

// The '.' NAME and '[' slices ']' alternatives shared by the target rules: t_primary then a trailer that is not
// followed by another trailer.
static Expr* attribute_or_subscript_target(Parser* p, ExprContext ctx) {
  int start = p->mark_;
  Expr* a = p->t_primary();
  if (!a) return nullptr;
  int m = p->mark_;
  if (p->expect(Tok::DOT)) {
    if (Token* b = p->expect(Tok::NAME)) {
      if (!p->lookahead([&] { return p->t_lookahead(); })) {
        Expr* e = p->new_expr(ExprKind::Attribute, p->loc_from(start));
        e->v.Attribute.value = a;
        e->v.Attribute.attr = p->identifier(b);
        e->v.Attribute.ctx = ctx;
        return e;
      }
    }
  }
  p->mark_ = m;
  if (p->failed()) return nullptr;
  if (p->expect(Tok::LSQB)) {
    Expr* b = p->slices();
    if (b && p->expect(Tok::RSQB) && !p->lookahead([&] { return p->t_lookahead(); })) {
      Expr* e = p->new_expr(ExprKind::Subscript, p->loc_from(start));
      e->v.Subscript.value = a;
      e->v.Subscript.slice = b;
      e->v.Subscript.ctx = ctx;
      return e;
    }
  }
  p->mark_ = start;
  return nullptr;
}

// target_with_star_atom: t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead | star_atom
Expr* Parser::target_with_star_atom_raw() {
  int start = mark_;
  if (Expr* e = attribute_or_subscript_target(this, ExprContext::Store)) return e;
  mark_ = start;
  if (error_) return nullptr;
  return star_atom();
}

// star_atom: NAME | '(' target_with_star_atom ')' | '(' [star_targets_tuple_seq] ')' | '[' [star_targets_list_seq] ']'
Expr* Parser::star_atom() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* a = expect(Tok::NAME)) return name_expr(a, ExprContext::Store);
  if (error_) return nullptr;
  if (expect(Tok::LPAR)) {
    Expr* a = target_with_star_atom();
    if (a && expect(Tok::RPAR)) return set_expr_context(a, ExprContext::Store);
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::LPAR)) {
    Exprs a{};
    star_targets_tuple_seq(&a);
    if (!error_ && expect(Tok::RPAR)) {
      Expr* e = new_expr(ExprKind::Tuple, loc_from(start));
      e->v.Tuple.elts = a;
      e->v.Tuple.ctx = ExprContext::Store;
      return e;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::LSQB)) {
    Exprs a{};
    star_targets_list_seq(&a);
    if (!error_ && expect(Tok::RSQB)) {
      Expr* e = new_expr(ExprKind::List, loc_from(start));
      e->v.List.elts = a;
      e->v.List.ctx = ExprContext::Store;
      return e;
    }
  }
  mark_ = start;
  return nullptr;
}

// single_target: single_subscript_attribute_target | NAME | '(' single_target ')'
Expr* Parser::single_target() {
  if (error_) return nullptr;
  int start = mark_;
  if (Expr* e = single_subscript_attribute_target()) return e;
  if (error_) return nullptr;
  if (Token* a = expect(Tok::NAME)) return name_expr(a, ExprContext::Store);
  if (error_) return nullptr;
  if (expect(Tok::LPAR)) {
    Expr* a = single_target();
    if (a && expect(Tok::RPAR)) return a;
  }
  mark_ = start;
  return nullptr;
}

// single_subscript_attribute_target: t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead
Expr* Parser::single_subscript_attribute_target() {
  if (error_) return nullptr;
  int start = mark_;
  if (Expr* e = attribute_or_subscript_target(this, ExprContext::Store)) return e;
  mark_ = start;
  return nullptr;
}

Expr* Parser::t_primary() {
  if (error_) return nullptr;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kTPrimary, &r)) return static_cast<Expr*>(r);
  if (error_) return nullptr;
  Expr* e = t_primary_raw();
  if (error_) return nullptr;
  memo_put(start, MemoRule::kTPrimary, e);
  return e;
}

// t_primary: t_primary '.' NAME &t_lookahead | t_primary '[' slices ']' &t_lookahead
//          | t_primary genexp &t_lookahead | t_primary '(' [arguments] ')' &t_lookahead | atom &t_lookahead
// (left-recursive: each trailer is taken only when another trailer follows it)
Expr* Parser::t_primary_raw() {
  int start = mark_;
  Expr* a = atom();
  if (!a || !lookahead([&] { return t_lookahead(); })) {
    mark_ = start;
    return nullptr;
  }
  auto la = [&] { return lookahead([&] { return t_lookahead(); }); };
  for (;;) {
    int m = mark_;
    if (expect(Tok::DOT)) {
      if (Token* b = expect(Tok::NAME)) {
        if (la()) {
          Expr* e = new_expr(ExprKind::Attribute, loc_from(start));
          e->v.Attribute.value = a;
          e->v.Attribute.attr = identifier(b);
          e->v.Attribute.ctx = ExprContext::Load;
          a = e;
          continue;
        }
      }
    }
    mark_ = m;
    if (error_) return nullptr;
    if (expect(Tok::LSQB)) {
      Expr* b = slices();
      if (b && expect(Tok::RSQB) && la()) {
        Expr* e = new_expr(ExprKind::Subscript, loc_from(start));
        e->v.Subscript.value = a;
        e->v.Subscript.slice = b;
        e->v.Subscript.ctx = ExprContext::Load;
        a = e;
        continue;
      }
    }
    mark_ = m;
    if (error_) return nullptr;
    if (at(Tok::LPAR)) {
      if (Expr* g = genexp()) {
        if (la()) {
          Expr* e = new_expr(ExprKind::Call, loc_from(start));
          e->v.Call.func = a;
          e->v.Call.args = singleton(g);
          a = e;
          continue;
        }
      }
      mark_ = m;
      if (error_) return nullptr;
      if (expect(Tok::LPAR)) {
        Expr* b = arguments();
        if (!error_ && expect(Tok::RPAR) && la()) {
          Expr* e = new_expr(ExprKind::Call, loc_from(start));
          e->v.Call.func = a;
          if (b) {
            e->v.Call.args = b->v.Call.args;
            e->v.Call.keywords = b->v.Call.keywords;
          }
          a = e;
          continue;
        }
      }
      mark_ = m;
      if (error_) return nullptr;
    }
    break;
  }
  return a;
}

// t_lookahead: '(' | '[' | '.'
bool Parser::t_lookahead() {
  Token* t = peek();
  return t && (t->kind == Tok::LPAR || t->kind == Tok::LSQB || t->kind == Tok::DOT);
}

// del_targets: ','.del_target+ [',']
bool Parser::del_targets(Exprs* out) {
  if (error_) return false;
  SmallVec<Expr*> v;
  Expr* a = del_target();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Expr* b = del_target()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return false;
  expect(Tok::COMMA);
  *out = seq(v);
  return !error_;
}

Expr* Parser::del_target() {
  if (error_) return nullptr;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kDelTarget, &r)) return static_cast<Expr*>(r);
  if (error_) return nullptr;
  Expr* e = del_target_raw();
  if (error_) return nullptr;
  memo_put(start, MemoRule::kDelTarget, e);
  return e;
}

// del_target: t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead | del_t_atom
Expr* Parser::del_target_raw() {
  int start = mark_;
  if (Expr* e = attribute_or_subscript_target(this, ExprContext::Del)) return e;
  mark_ = start;
  if (error_) return nullptr;
  return del_t_atom();
}

// del_t_atom: NAME | '(' del_target ')' | '(' [del_targets] ')' | '[' [del_targets] ']'
Expr* Parser::del_t_atom() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* a = expect(Tok::NAME)) return name_expr(a, ExprContext::Del);
  if (error_) return nullptr;
  if (expect(Tok::LPAR)) {
    Expr* a = del_target();
    if (a && expect(Tok::RPAR)) return set_expr_context(a, ExprContext::Del);
  }
  mark_ = start;
  if (error_) return nullptr;
  for (int bracket = 0; bracket < 2; bracket++) {
    mark_ = start;
    if (expect(bracket ? Tok::LSQB : Tok::LPAR)) {
      Exprs a{};
      del_targets(&a);
      if (!error_ && expect(bracket ? Tok::RSQB : Tok::RPAR)) {
        Expr* e = new_expr(bracket ? ExprKind::List : ExprKind::Tuple, loc_from(start));
        if (bracket) {
          e->v.List.elts = a;
          e->v.List.ctx = ExprContext::Del;
        } else {
          e->v.Tuple.elts = a;
          e->v.Tuple.ctx = ExprContext::Del;
        }
        return e;
      }
    }
    if (error_) return nullptr;
  }
  mark_ = start;
  return nullptr;
}

}  // namespace pyvm::compiler
