// Statement rules of the grammar: modules, simple statements, imports, blocks and the compound statements
// if/while/for/with/try (definitions are in parser_def.cc, match in parser_pattern.cc).
#include <fmt/format.h>

#include "vm/compiler/parser_impl.h"

namespace pyvm::compiler {

// file: [statements] ENDMARKER
Mod* Parser::file_rule() {
  if (error_) return nullptr;
  int start = mark_;
  Stmts body{};
  statements(&body);
  if (error_) return nullptr;
  if (expect(Tok::ENDMARKER)) {
    Mod* m = new_node<Mod>(arena_);
    m->kind = ModKind::Module;
    m->v.Module.body = body;
    return m;
  }
  mark_ = start;
  return nullptr;
}

// eval: expressions NEWLINE* ENDMARKER
Mod* Parser::eval_rule() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* e = expressions();
  if (e) {
    while (expect(Tok::NEWLINE)) {
    }
    if (!error_ && expect(Tok::ENDMARKER)) {
      Mod* m = new_node<Mod>(arena_);
      m->kind = ModKind::Expression;
      m->v.Expression.body = e;
      return m;
    }
  }
  mark_ = start;
  return nullptr;
}

// statements: statement+
bool Parser::statements(Stmts* out) {
  if (error_) return false;
  SmallVec<Stmt*, 16> v;
  int n = 0;
  while (statement(v)) n++;
  if (error_ || n == 0) return false;
  *out = seq(v);
  return true;
}

// statement: compound_stmt | simple_stmts
bool Parser::statement(SmallVec<Stmt*, 16>& out) {
  if (error_) return false;
  Depth depth(this, kStatementLevels);
  if (error_) return false;
  if (Stmt* c = compound_stmt()) {
    out.push_back(c);
    return true;
  }
  if (error_) return false;
  return simple_stmts(out);
}

// simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE
bool Parser::simple_stmts(SmallVec<Stmt*, 16>& out) {
  if (error_) return false;
  int start = mark_;
  Stmt* a = simple_stmt();
  if (a && !at(Tok::SEMI) && expect(Tok::NEWLINE)) {
    out.push_back(a);
    return true;
  }
  mark_ = start;
  if (error_) return false;
  uint32_t base = out.size();
  if (Stmt* s = simple_stmt()) {
    out.push_back(s);
    for (;;) {
      int m = mark_;
      if (!expect(Tok::SEMI)) break;
      Stmt* t = simple_stmt();
      if (!t) {
        mark_ = m;
        break;
      }
      out.push_back(t);
    }
    if (!error_) {
      expect(Tok::SEMI);
      if (!error_ && expect(Tok::NEWLINE)) return true;
    }
  }
  while (out.size() > base) out.pop_back();
  mark_ = start;
  return false;
}

Stmt* Parser::simple_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kSimpleStmt, &r)) return static_cast<Stmt*>(r);
  if (error_) return nullptr;
  Stmt* s = simple_stmt_raw();
  if (error_) return nullptr;
  memo_put(start, MemoRule::kSimpleStmt, s);
  return s;
}

// simple_stmt: assignment | &"type" type_alias | star_expressions | &'return' return_stmt | ... The alternatives
// led by a keyword that cannot start an expression or a target are tried directly: the others cannot match there.
Stmt* Parser::simple_stmt_raw() {
  int start = mark_;
  Token* t = peek();
  if (!t) return nullptr;
  switch (t->kind) {
    case Tok::KW_RETURN:
      return return_stmt();
    case Tok::KW_IMPORT:
    case Tok::KW_FROM:
      return import_stmt();
    case Tok::KW_RAISE:
      return raise_stmt();
    case Tok::KW_PASS:
      mark_++;
      return new_stmt(StmtKind::Pass, loc_from(start));
    case Tok::KW_DEL:
      return del_stmt();
    case Tok::KW_ASSERT:
      return assert_stmt();
    case Tok::KW_BREAK:
      mark_++;
      return new_stmt(StmtKind::Break, loc_from(start));
    case Tok::KW_CONTINUE:
      mark_++;
      return new_stmt(StmtKind::Continue, loc_from(start));
    case Tok::KW_GLOBAL:
      return global_stmt();
    case Tok::KW_NONLOCAL:
      return nonlocal_stmt();
    default:
      break;
  }
  if (Stmt* s = assignment()) return s;
  if (error_) return nullptr;
  if (t->kind == Tok::NAME && text(t) == "type") {
    if (Stmt* s = type_alias()) return s;
    if (error_) return nullptr;
  }
  if (Expr* e = star_expressions()) {
    Stmt* s = new_stmt(StmtKind::Expr, loc_from(start));
    s->v.Expr.value = e;
    return s;
  }
  if (error_) return nullptr;
  if (t->kind == Tok::KW_YIELD) return yield_stmt();
  return nullptr;
}

// compound_stmt: &('def' | '@' | ASYNC) function_def | &'if' if_stmt | &('class' | '@') class_def
//              | &('with' | ASYNC) with_stmt | &('for' | ASYNC) for_stmt | &'try' try_stmt | &'while' while_stmt
//              | match_stmt
Stmt* Parser::compound_stmt() {
  if (error_) return nullptr;
  Token* t = peek();
  if (!t) return nullptr;
  Stmt* s = nullptr;
  switch (t->kind) {
    case Tok::KW_DEF:
      return function_def();
    case Tok::AT:
      if ((s = function_def()) || error_) return s;
      return class_def();
    case Tok::KW_ASYNC:
      if ((s = function_def()) || error_) return s;
      if ((s = with_stmt()) || error_) return s;
      return for_stmt();
    case Tok::KW_IF:
      return if_stmt();
    case Tok::KW_CLASS:
      return class_def();
    case Tok::KW_WITH:
      return with_stmt();
    case Tok::KW_FOR:
      return for_stmt();
    case Tok::KW_TRY:
      return try_stmt();
    case Tok::KW_WHILE:
      return while_stmt();
    case Tok::NAME:
      if (text(t) == "match") return match_stmt();
      return nullptr;
    default:
      return nullptr;
  }
}

static bool aug_op(Tok k, OperatorKind* op) {
  switch (k) {
    case Tok::PLUSEQUAL:
      *op = OperatorKind::Add;
      return true;
    case Tok::MINEQUAL:
      *op = OperatorKind::Sub;
      return true;
    case Tok::STAREQUAL:
      *op = OperatorKind::Mult;
      return true;
    case Tok::ATEQUAL:
      *op = OperatorKind::MatMult;
      return true;
    case Tok::SLASHEQUAL:
      *op = OperatorKind::Div;
      return true;
    case Tok::PERCENTEQUAL:
      *op = OperatorKind::Mod;
      return true;
    case Tok::AMPEREQUAL:
      *op = OperatorKind::BitAnd;
      return true;
    case Tok::VBAREQUAL:
      *op = OperatorKind::BitOr;
      return true;
    case Tok::CIRCUMFLEXEQUAL:
      *op = OperatorKind::BitXor;
      return true;
    case Tok::LEFTSHIFTEQUAL:
      *op = OperatorKind::LShift;
      return true;
    case Tok::RIGHTSHIFTEQUAL:
      *op = OperatorKind::RShift;
      return true;
    case Tok::DOUBLESTAREQUAL:
      *op = OperatorKind::Pow;
      return true;
    case Tok::DOUBLESLASHEQUAL:
      *op = OperatorKind::FloorDiv;
      return true;
    default:
      return false;
  }
}

bool Parser::augassign(OperatorKind* op) {
  Token* t = peek();
  if (t && aug_op(t->kind, op)) {
    mark_++;
    return true;
  }
  return false;
}

// annotated_rhs: yield_expr | star_expressions
Expr* Parser::annotated_rhs() {
  if (error_) return nullptr;
  if (Expr* e = yield_expr()) return e;
  if (error_) return nullptr;
  return star_expressions();
}

// assignment:
//     | NAME ':' expression ['=' annotated_rhs]
//     | ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
//     | (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
//     | single_target augassign ~ (yield_expr | star_expressions)
//     | invalid_assignment
Stmt* Parser::assignment() {
  if (error_) return nullptr;
  int start = mark_;
  auto optional_value = [&]() -> Expr* {
    int m = mark_;
    if (expect(Tok::EQUAL)) {
      if (Expr* d = annotated_rhs()) return d;
    }
    mark_ = m;
    return nullptr;
  };
  if (Token* a = expect(Tok::NAME)) {
    if (expect(Tok::COLON)) {
      if (Expr* b = expression()) {
        Expr* c = optional_value();
        if (!error_) {
          Stmt* s = new_stmt(StmtKind::AnnAssign, loc_from(start));
          s->v.AnnAssign.target = name_expr(a, ExprContext::Store);
          s->v.AnnAssign.annotation = b;
          s->v.AnnAssign.value = c;
          s->v.AnnAssign.simple = 1;
          return s;
        }
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Expr* a = nullptr;
    if (expect(Tok::LPAR)) {
      Expr* b = single_target();
      if (b && expect(Tok::RPAR)) {
        a = b;
      } else {
        mark_ = start;
      }
    }
    if (!a && !error_) a = single_subscript_attribute_target();
    if (a && expect(Tok::COLON)) {
      if (Expr* b = expression()) {
        Expr* c = optional_value();
        if (!error_) {
          Stmt* s = new_stmt(StmtKind::AnnAssign, loc_from(start));
          s->v.AnnAssign.target = a;
          s->v.AnnAssign.annotation = b;
          s->v.AnnAssign.value = c;
          s->v.AnnAssign.simple = 0;
          return s;
        }
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    SmallVec<Expr*> targets;
    for (;;) {
      int m = mark_;
      Expr* z = star_targets();
      if (z && expect(Tok::EQUAL)) {
        targets.push_back(z);
        continue;
      }
      mark_ = m;
      break;
    }
    if (error_) return nullptr;
    if (!targets.empty()) {
      Expr* b = yield_expr();
      if (!b && !error_) b = star_expressions();
      if (b && !at(Tok::EQUAL) && !error_) {
        Stmt* s = new_stmt(StmtKind::Assign, loc_from(start));
        s->v.Assign.targets = seq(targets);
        s->v.Assign.value = b;
        return s;
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Expr* a = single_target();
    OperatorKind op;
    if (a && augassign(&op)) {
      Expr* c = yield_expr();
      if (!c && !error_) c = star_expressions();
      if (c) {
        Stmt* s = new_stmt(StmtKind::AugAssign, loc_from(start));
        s->v.AugAssign.target = a;
        s->v.AugAssign.op = op;
        s->v.AugAssign.value = c;
        return s;
      }
      mark_ = start;
      return nullptr;  // the cut: no other alternative
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_assignment();
    mark_ = start;
  }
  return nullptr;
}

// return_stmt: 'return' [star_expressions]
Stmt* Parser::return_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::KW_RETURN)) {
    Expr* a = star_expressions();
    if (!error_) {
      Stmt* s = new_stmt(StmtKind::Return, loc_from(start));
      s->v.Return.value = a;
      return s;
    }
  }
  mark_ = start;
  return nullptr;
}

// raise_stmt: 'raise' expression ['from' expression] | 'raise'
Stmt* Parser::raise_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::KW_RAISE)) {
    if (Expr* a = expression()) {
      Expr* b = nullptr;
      int m = mark_;
      if (expect(Tok::KW_FROM)) {
        b = expression();
        if (!b) mark_ = m;
      }
      if (!error_) {
        Stmt* s = new_stmt(StmtKind::Raise, loc_from(start));
        s->v.Raise.exc = a;
        s->v.Raise.cause = b;
        return s;
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::KW_RAISE)) return new_stmt(StmtKind::Raise, loc_from(start));
  return nullptr;
}

static bool name_list(Parser* p, Idents* out) {
  SmallVec<Str> names;
  Token* n = p->expect(Tok::NAME);
  if (!n) return false;
  names.push_back(p->identifier(n));
  for (;;) {
    int m = p->mark_;
    if (p->expect(Tok::COMMA)) {
      if (Token* k = p->expect(Tok::NAME)) {
        names.push_back(p->identifier(k));
        continue;
      }
    }
    p->mark_ = m;
    break;
  }
  *out = p->seq(names);
  return true;
}

// global_stmt: 'global' ','.NAME+
Stmt* Parser::global_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  Idents names;
  if (expect(Tok::KW_GLOBAL) && name_list(this, &names)) {
    Stmt* s = new_stmt(StmtKind::Global, loc_from(start));
    s->v.Global.names = names;
    return s;
  }
  mark_ = start;
  return nullptr;
}

// nonlocal_stmt: 'nonlocal' ','.NAME+
Stmt* Parser::nonlocal_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  Idents names;
  if (expect(Tok::KW_NONLOCAL) && name_list(this, &names)) {
    Stmt* s = new_stmt(StmtKind::Nonlocal, loc_from(start));
    s->v.Nonlocal.names = names;
    return s;
  }
  mark_ = start;
  return nullptr;
}

// del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt
Stmt* Parser::del_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  Exprs targets;
  if (expect(Tok::KW_DEL) && del_targets(&targets) && (at(Tok::SEMI) || at(Tok::NEWLINE))) {
    Stmt* s = new_stmt(StmtKind::Delete, loc_from(start));
    s->v.Delete.targets = targets;
    return s;
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_del_stmt();
    mark_ = start;
  }
  return nullptr;
}

// yield_stmt: yield_expr
Stmt* Parser::yield_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (Expr* y = yield_expr()) {
    Stmt* s = new_stmt(StmtKind::Expr, loc_from(start));
    s->v.Expr.value = y;
    return s;
  }
  return nullptr;
}

// assert_stmt: 'assert' expression [',' expression]
Stmt* Parser::assert_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::KW_ASSERT)) {
    if (Expr* a = expression()) {
      Expr* b = nullptr;
      int m = mark_;
      if (expect(Tok::COMMA)) {
        b = expression();
        if (!b) mark_ = m;
      }
      if (!error_) {
        Stmt* s = new_stmt(StmtKind::Assert, loc_from(start));
        s->v.Assert.test = a;
        s->v.Assert.msg = b;
        return s;
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// import_stmt: invalid_import | import_name | import_from
Stmt* Parser::import_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_import();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (Stmt* s = import_name()) return s;
  if (error_) return nullptr;
  return import_from();
}

// import_name: 'import' dotted_as_names
Stmt* Parser::import_name() {
  int start = mark_;
  Aliases names;
  if (expect(Tok::KW_IMPORT) && dotted_as_names(&names)) {
    Stmt* s = new_stmt(StmtKind::Import, loc_from(start));
    s->v.Import.names = names;
    return s;
  }
  mark_ = start;
  return nullptr;
}

// import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets
//            | 'from' ('.' | '...')+ 'import' import_from_targets
Stmt* Parser::import_from() {
  if (error_) return nullptr;
  int start = mark_;
  auto dots = [&]() {
    int level = 0;
    for (;;) {
      if (expect(Tok::DOT)) {
        level += 1;
      } else if (expect(Tok::ELLIPSIS)) {
        level += 3;
      } else {
        return level;
      }
    }
  };
  if (expect(Tok::KW_FROM)) {
    int level = dots();
    Expr* b = dotted_name();
    Aliases names;
    if (b && expect(Tok::KW_IMPORT) && import_from_targets(&names)) {
      Stmt* s = new_stmt(StmtKind::ImportFrom, loc_from(start));
      s->v.ImportFrom.module = b->v.Name.id;
      s->v.ImportFrom.names = names;
      s->v.ImportFrom.level = level;
      return s;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::KW_FROM)) {
    int m = mark_;
    int level = dots();
    Aliases names;
    if (mark_ > m && expect(Tok::KW_IMPORT) && import_from_targets(&names)) {
      Stmt* s = new_stmt(StmtKind::ImportFrom, loc_from(start));
      s->v.ImportFrom.names = names;
      s->v.ImportFrom.level = level;
      return s;
    }
  }
  mark_ = start;
  return nullptr;
}

// import_from_targets: '(' import_from_as_names [','] ')' | import_from_as_names !',' | '*'
//                    | invalid_import_from_targets
bool Parser::import_from_targets(Aliases* out) {
  if (error_) return false;
  int start = mark_;
  if (expect(Tok::LPAR) && import_from_as_names(out)) {
    expect(Tok::COMMA);
    if (!error_ && expect(Tok::RPAR)) return true;
  }
  mark_ = start;
  if (error_) return false;
  if (import_from_as_names(out) && !at(Tok::COMMA)) return true;
  mark_ = start;
  if (error_) return false;
  if (Token* t = expect(Tok::STAR)) {
    Alias* a = new_node<Alias>(arena_);
    a->name = Str{"*", 1};
    a->loc = tok_loc(t);
    *out = singleton(a);
    return true;
  }
  if (error_) return false;
  if (call_invalid_rules_) {
    invalid_import_from_targets();
    mark_ = start;
  }
  return false;
}

// import_from_as_names: ','.import_from_as_name+
bool Parser::import_from_as_names(Aliases* out) {
  if (error_) return false;
  SmallVec<Alias*> v;
  Alias* a = import_from_as_name();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Alias* b = import_from_as_name()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return false;
  *out = seq(v);
  return true;
}

// import_from_as_name: NAME ['as' NAME]
Alias* Parser::import_from_as_name() {
  if (error_) return nullptr;
  int start = mark_;
  Token* a = expect(Tok::NAME);
  if (!a) return nullptr;
  Token* b = nullptr;
  int m = mark_;
  if (expect(Tok::KW_AS)) {
    b = expect(Tok::NAME);
    if (!b) mark_ = m;
  }
  if (error_) return nullptr;
  Alias* al = new_node<Alias>(arena_);
  al->name = identifier(a);
  al->asname = b ? identifier(b) : Str{};
  al->loc = loc_from(start);
  return al;
}

// dotted_as_names: ','.dotted_as_name+
bool Parser::dotted_as_names(Aliases* out) {
  if (error_) return false;
  SmallVec<Alias*> v;
  Alias* a = dotted_as_name();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Alias* b = dotted_as_name()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return false;
  *out = seq(v);
  return true;
}

// dotted_as_name: dotted_name ['as' NAME]
Alias* Parser::dotted_as_name() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* a = dotted_name();
  if (!a) return nullptr;
  Token* b = nullptr;
  int m = mark_;
  if (expect(Tok::KW_AS)) {
    b = expect(Tok::NAME);
    if (!b) mark_ = m;
  }
  if (error_) return nullptr;
  Alias* al = new_node<Alias>(arena_);
  al->name = a->v.Name.id;
  al->asname = b ? identifier(b) : Str{};
  al->loc = loc_from(start);
  return al;
}

// dotted_name: dotted_name '.' NAME | NAME (left-recursive: a loop)
Expr* Parser::dotted_name() {
  if (error_) return nullptr;
  int start = mark_;
  Token* first = expect(Tok::NAME);
  if (!first) return nullptr;
  Expr* e = name_expr(first);
  std::string joined;
  for (;;) {
    int m = mark_;
    if (expect(Tok::DOT)) {
      if (Token* n = expect(Tok::NAME)) {
        if (joined.empty()) joined.assign(e->v.Name.id.view());
        joined += '.';
        joined += identifier(n).view();
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return nullptr;
  if (!joined.empty()) {
    e = new_expr(ExprKind::Name, loc_from(start));
    e->v.Name.id = arena_.copy_str(joined);
  }
  return e;
}

bool Parser::block(Stmts* out) {
  if (error_) return false;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kBlock, &r)) {
    if (!r) return false;
    *out = *static_cast<Stmts*>(r);
    return true;
  }
  if (error_) return false;
  Stmts s{};
  bool ok = block_raw(&s);
  if (error_) return false;
  Stmts* saved = nullptr;
  if (ok) {
    saved = arena_.make<Stmts>(s);
    *out = s;
  }
  memo_put(start, MemoRule::kBlock, saved);
  return ok;
}

// block: NEWLINE INDENT statements DEDENT | simple_stmts | invalid_block
bool Parser::block_raw(Stmts* out) {
  int start = mark_;
  if (expect(Tok::NEWLINE) && expect(Tok::INDENT) && statements(out) && expect(Tok::DEDENT)) return true;
  mark_ = start;
  if (error_) return false;
  SmallVec<Stmt*, 16> v;
  if (simple_stmts(v)) {
    *out = seq(v);
    return true;
  }
  if (error_) return false;
  if (call_invalid_rules_) {
    invalid_block();
    mark_ = start;
  }
  return false;
}

// if_stmt: invalid_if_stmt
//        | 'if' named_expression ':' block elif_stmt
//        | 'if' named_expression ':' block [else_block]
Stmt* Parser::if_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_if_stmt();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (expect(Tok::KW_IF)) {
    Expr* a = named_expression();
    Stmts b;
    if (a && expect(Tok::COLON) && block(&b)) {
      int m = mark_;
      if (Stmt* c = elif_stmt()) {
        Stmt* s = new_stmt(StmtKind::If, loc_from(start));
        s->v.If.test = a;
        s->v.If.body = b;
        s->v.If.orelse = singleton(c);
        return s;
      }
      mark_ = m;
      if (error_) return nullptr;
      Stmts c{};
      else_block(&c);
      if (error_) return nullptr;
      Stmt* s = new_stmt(StmtKind::If, loc_from(start));
      s->v.If.test = a;
      s->v.If.body = b;
      s->v.If.orelse = c;
      return s;
    }
  }
  mark_ = start;
  return nullptr;
}

// elif_stmt: invalid_elif_stmt | 'elif' named_expression ':' block elif_stmt | ... [else_block]
Stmt* Parser::elif_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_elif_stmt();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (expect(Tok::KW_ELIF)) {
    Expr* a = named_expression();
    Stmts b;
    if (a && expect(Tok::COLON) && block(&b)) {
      int m = mark_;
      if (Stmt* c = elif_stmt()) {
        Stmt* s = new_stmt(StmtKind::If, loc_from(start));
        s->v.If.test = a;
        s->v.If.body = b;
        s->v.If.orelse = singleton(c);
        return s;
      }
      mark_ = m;
      if (error_) return nullptr;
      Stmts c{};
      else_block(&c);
      if (error_) return nullptr;
      Stmt* s = new_stmt(StmtKind::If, loc_from(start));
      s->v.If.test = a;
      s->v.If.body = b;
      s->v.If.orelse = c;
      return s;
    }
  }
  mark_ = start;
  return nullptr;
}

// else_block: invalid_else_stmt | 'else' &&':' block
bool Parser::else_block(Stmts* out) {
  if (error_) return false;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_else_stmt();
    mark_ = start;
    if (error_) return false;
  }
  if (expect(Tok::KW_ELSE)) {
    if (!expect_forced(Tok::COLON, ":")) return false;
    if (block(out)) return true;
  }
  mark_ = start;
  return false;
}

// while_stmt: invalid_while_stmt | 'while' named_expression ':' block [else_block]
Stmt* Parser::while_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_while_stmt();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (expect(Tok::KW_WHILE)) {
    Expr* a = named_expression();
    Stmts b;
    if (a && expect(Tok::COLON) && block(&b)) {
      Stmts c{};
      else_block(&c);
      if (error_) return nullptr;
      Stmt* s = new_stmt(StmtKind::While, loc_from(start));
      s->v.While.test = a;
      s->v.While.body = b;
      s->v.While.orelse = c;
      return s;
    }
  }
  mark_ = start;
  return nullptr;
}

// for_stmt: invalid_for_stmt
//     | 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
//     | ASYNC 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
//     | invalid_for_target
Stmt* Parser::for_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_for_stmt();
    mark_ = start;
    if (error_) return nullptr;
  }
  for (int async = 0; async < 2; async++) {
    mark_ = start;
    if (async && !expect(Tok::KW_ASYNC)) break;
    if (!expect(Tok::KW_FOR)) continue;
    Expr* t = star_targets();
    if (!t || !expect(Tok::KW_IN)) {
      if (error_) return nullptr;
      continue;
    }
    // The cut: from here on, failing fails the whole rule.
    Expr* ex = star_expressions();
    Stmts b;
    if (ex && expect(Tok::COLON) && block(&b)) {
      Stmts el{};
      else_block(&el);
      if (error_) return nullptr;
      Stmt* s = new_stmt(async ? StmtKind::AsyncFor : StmtKind::For, loc_from(start));
      s->v.For.target = t;
      s->v.For.iter = ex;
      s->v.For.body = b;
      s->v.For.orelse = el;
      return s;
    }
    mark_ = start;
    return nullptr;
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_for_target();
    mark_ = start;
  }
  return nullptr;
}

// with_stmt: invalid_with_stmt_indent
//     | 'with' '(' ','.with_item+ ','? ')' ':' block
//     | 'with' ','.with_item+ ':' [TYPE_COMMENT] block
//     | ASYNC 'with' '(' ','.with_item+ ','? ')' ':' block
//     | ASYNC 'with' ','.with_item+ ':' [TYPE_COMMENT] block
//     | invalid_with_stmt
Stmt* Parser::with_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_with_stmt_indent();
    mark_ = start;
    if (error_) return nullptr;
  }
  auto items = [&](WithItems* out) {
    SmallVec<WithItem*> v;
    WithItem* a = with_item();
    if (!a) return false;
    v.push_back(a);
    for (;;) {
      int m = mark_;
      if (expect(Tok::COMMA)) {
        if (WithItem* b = with_item()) {
          v.push_back(b);
          continue;
        }
      }
      mark_ = m;
      break;
    }
    if (error_) return false;
    *out = seq(v);
    return true;
  };
  for (int async = 0; async < 2; async++) {
    for (int parens = 1; parens >= 0; parens--) {
      mark_ = start;
      if (async && !expect(Tok::KW_ASYNC)) goto done;
      if (!expect(Tok::KW_WITH)) continue;
      WithItems a;
      if (parens) {
        if (!expect(Tok::LPAR) || !items(&a)) {
          if (error_) return nullptr;
          continue;
        }
        expect(Tok::COMMA);
        if (error_ || !expect(Tok::RPAR)) {
          if (error_) return nullptr;
          continue;
        }
      } else if (!items(&a)) {
        if (error_) return nullptr;
        continue;
      }
      Stmts b;
      if (expect(Tok::COLON) && block(&b)) {
        Stmt* s = new_stmt(async ? StmtKind::AsyncWith : StmtKind::With, loc_from(start));
        s->v.With.items = a;
        s->v.With.body = b;
        return s;
      }
      if (error_) return nullptr;
    }
  }
done:
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_with_stmt();
    mark_ = start;
  }
  return nullptr;
}

// with_item: expression 'as' star_target &(',' | ')' | ':') | invalid_with_item | expression
WithItem* Parser::with_item() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* e = expression();
  if (e && expect(Tok::KW_AS)) {
    Expr* t = star_target();
    if (t && (at(Tok::COMMA) || at(Tok::RPAR) || at(Tok::COLON))) {
      WithItem* w = new_node<WithItem>(arena_);
      w->context_expr = e;
      w->optional_vars = t;
      return w;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_with_item();
    mark_ = start;
    if (error_) return nullptr;
  }
  if ((e = expression())) {
    WithItem* w = new_node<WithItem>(arena_);
    w->context_expr = e;
    return w;
  }
  mark_ = start;
  return nullptr;
}

// try_stmt: invalid_try_stmt
//     | 'try' &&':' block finally_block
//     | 'try' &&':' block except_block+ [else_block] [finally_block]
//     | 'try' &&':' block except_star_block+ [else_block] [finally_block]
Stmt* Parser::try_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_try_stmt();
    mark_ = start;
    if (error_) return nullptr;
  }
  for (int alt = 0; alt < 3; alt++) {
    mark_ = start;
    if (!expect(Tok::KW_TRY)) return nullptr;
    if (!expect_forced(Tok::COLON, ":")) return nullptr;
    Stmts b;
    if (!block(&b)) {
      if (error_) return nullptr;
      continue;
    }
    if (alt == 0) {
      Stmts f;
      if (finally_block(&f)) {
        Stmt* s = new_stmt(StmtKind::Try, loc_from(start));
        s->v.Try.body = b;
        s->v.Try.finalbody = f;
        return s;
      }
      if (error_) return nullptr;
      continue;
    }
    SmallVec<ExceptHandler*> handlers;
    for (;;) {
      ExceptHandler* h = alt == 1 ? except_block() : except_star_block();
      if (!h) break;
      handlers.push_back(h);
    }
    if (error_) return nullptr;
    if (handlers.empty()) continue;
    Stmts el{}, f{};
    else_block(&el);
    if (error_) return nullptr;
    finally_block(&f);
    if (error_) return nullptr;
    Stmt* s = new_stmt(alt == 1 ? StmtKind::Try : StmtKind::TryStar, loc_from(start));
    s->v.Try.body = b;
    s->v.Try.handlers = seq(handlers);
    s->v.Try.orelse = el;
    s->v.Try.finalbody = f;
    if (alt != 1) check_version(11, "Exception groups are");
    return s;
  }
  mark_ = start;
  return nullptr;
}

// except_block: invalid_except_stmt_indent
//     | 'except' expression ['as' NAME] ':' block
//     | 'except' ':' block
//     | invalid_except_stmt
ExceptHandler* Parser::except_block() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_except_stmt_indent();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (expect(Tok::KW_EXCEPT)) {
    if (Expr* e = expression()) {
      Token* name = nullptr;
      int m = mark_;
      if (expect(Tok::KW_AS)) {
        name = expect(Tok::NAME);
        if (!name) mark_ = m;
      }
      Stmts b;
      if (!error_ && expect(Tok::COLON) && block(&b)) {
        ExceptHandler* h = new_node<ExceptHandler>(arena_);
        h->type = e;
        h->name = name ? identifier(name) : Str{};
        h->body = b;
        h->loc = loc_from(start);
        return h;
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::KW_EXCEPT)) {
    Stmts b;
    if (expect(Tok::COLON) && block(&b)) {
      ExceptHandler* h = new_node<ExceptHandler>(arena_);
      h->body = b;
      h->loc = loc_from(start);
      return h;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_except_stmt();
    mark_ = start;
  }
  return nullptr;
}

// except_star_block: invalid_except_star_stmt_indent
//     | 'except' '*' expression ['as' NAME] ':' block
//     | invalid_except_stmt
ExceptHandler* Parser::except_star_block() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_except_star_stmt_indent();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (expect(Tok::KW_EXCEPT) && expect(Tok::STAR)) {
    if (Expr* e = expression()) {
      Token* name = nullptr;
      int m = mark_;
      if (expect(Tok::KW_AS)) {
        name = expect(Tok::NAME);
        if (!name) mark_ = m;
      }
      Stmts b;
      if (!error_ && expect(Tok::COLON) && block(&b)) {
        ExceptHandler* h = new_node<ExceptHandler>(arena_);
        h->type = e;
        h->name = name ? identifier(name) : Str{};
        h->body = b;
        h->loc = loc_from(start);
        return h;
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_except_stmt();
    mark_ = start;
  }
  return nullptr;
}

// finally_block: invalid_finally_stmt | 'finally' &&':' block
bool Parser::finally_block(Stmts* out) {
  if (error_) return false;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_finally_stmt();
    mark_ = start;
    if (error_) return false;
  }
  if (expect(Tok::KW_FINALLY)) {
    if (!expect_forced(Tok::COLON, ":")) return false;
    if (block(out)) return true;
  }
  mark_ = start;
  return false;
}

}  // namespace pyvm::compiler
