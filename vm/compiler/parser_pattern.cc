// The match statement (PEP 634): subjects, case blocks and the pattern rules, with their invalid_* rules.
#include <fmt/format.h>

#include "vm/compiler/parser_impl.h"

namespace pyvm::compiler {

// match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT | invalid_match_stmt
Stmt* Parser::match_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect_soft("match")) {
    Expr* subject = subject_expr();
    if (subject && expect(Tok::COLON) && expect(Tok::NEWLINE) && expect(Tok::INDENT)) {
      SmallVec<MatchCase*> cases;
      while (MatchCase* c = case_block()) cases.push_back(c);
      if (!error_ && !cases.empty() && expect(Tok::DEDENT)) {
        Stmt* s = new_stmt(StmtKind::Match, loc_from(start));
        s->v.Match.subject = subject;
        s->v.Match.cases = seq(cases);
        check_version(10, "Pattern matching is");
        return s;
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_match_stmt();
    mark_ = start;
  }
  return nullptr;
}

// subject_expr: star_named_expression ',' star_named_expressions? | named_expression
Expr* Parser::subject_expr() {
  if (error_) return nullptr;
  int start = mark_;
  if (Expr* value = star_named_expression()) {
    if (expect(Tok::COMMA)) {
      Exprs values{};
      star_named_expressions(&values);
      if (error_) return nullptr;
      Expr* t = new_expr(ExprKind::Tuple, loc_from(start));
      t->v.Tuple.elts = insert_in_front(value, values);
      t->v.Tuple.ctx = ExprContext::Load;
      return t;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  return named_expression();
}

// case_block: invalid_case_block | "case" patterns guard? ':' block
MatchCase* Parser::case_block() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_case_block();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (expect_soft("case")) {
    if (Pattern* p = patterns()) {
      Expr* g = guard();
      Stmts body;
      if (!error_ && expect(Tok::COLON) && block(&body)) {
        MatchCase* c = new_node<MatchCase>(arena_);
        c->pattern = p;
        c->guard = g;
        c->body = body;
        return c;
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// guard: 'if' named_expression
Expr* Parser::guard() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::KW_IF)) {
    if (Expr* e = named_expression()) return e;
  }
  mark_ = start;
  return nullptr;
}

// patterns: open_sequence_pattern | pattern
Pattern* Parser::patterns() {
  if (error_) return nullptr;
  int start = mark_;
  Patterns ps;
  if (open_sequence_pattern(&ps)) {
    Pattern* p = new_pattern(PatternKind::MatchSequence, loc_from(start));
    p->v.MatchSequence.patterns = ps;
    return p;
  }
  mark_ = start;
  if (error_) return nullptr;
  return pattern();
}

// pattern: as_pattern | or_pattern
Pattern* Parser::pattern() {
  if (error_) return nullptr;
  Depth depth(this);
  if (error_) return nullptr;
  if (Pattern* p = as_pattern()) return p;
  if (error_) return nullptr;
  return or_pattern();
}

// as_pattern: or_pattern 'as' pattern_capture_target | invalid_as_pattern
Pattern* Parser::as_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  if (Pattern* p = or_pattern()) {
    if (expect(Tok::KW_AS)) {
      if (Expr* target = pattern_capture_target()) {
        Pattern* r = new_pattern(PatternKind::MatchAs, loc_from(start));
        r->v.MatchAs.pattern = p;
        r->v.MatchAs.name = target->v.Name.id;
        return r;
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_as_pattern();
    mark_ = start;
  }
  return nullptr;
}

// or_pattern: '|'.closed_pattern+
Pattern* Parser::or_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  SmallVec<Pattern*> v;
  Pattern* a = closed_pattern();
  if (!a) return nullptr;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::VBAR)) {
      if (Pattern* b = closed_pattern()) {
        v.push_back(b);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return nullptr;
  if (v.size() == 1) return a;
  Pattern* p = new_pattern(PatternKind::MatchOr, loc_from(start));
  p->v.MatchOr.patterns = seq(v);
  return p;
}

Pattern* Parser::closed_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kClosedPattern, &r)) return static_cast<Pattern*>(r);
  if (error_) return nullptr;
  Pattern* p = closed_pattern_raw();
  if (error_) return nullptr;
  memo_put(start, MemoRule::kClosedPattern, p);
  return p;
}

// closed_pattern: literal_pattern | capture_pattern | wildcard_pattern | value_pattern | group_pattern
//               | sequence_pattern | mapping_pattern | class_pattern
Pattern* Parser::closed_pattern_raw() {
  Pattern* p;
  if ((p = literal_pattern()) || error_) return p;
  if ((p = capture_pattern()) || error_) return p;
  if ((p = wildcard_pattern()) || error_) return p;
  if ((p = value_pattern()) || error_) return p;
  if ((p = group_pattern()) || error_) return p;
  if ((p = sequence_pattern()) || error_) return p;
  if ((p = mapping_pattern()) || error_) return p;
  return class_pattern();
}

static bool at_sign(Parser* p) { return p->at(Tok::PLUS) || p->at(Tok::MINUS); }

// literal_pattern: signed_number !('+' | '-') | complex_number | strings | 'None' | 'True' | 'False'
Pattern* Parser::literal_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* v = signed_number();
  if (v && !at_sign(this)) {
    Pattern* p = new_pattern(PatternKind::MatchValue, loc_from(start));
    p->v.MatchValue.value = v;
    return p;
  }
  mark_ = start;
  if (error_) return nullptr;
  if ((v = complex_number())) {
    Pattern* p = new_pattern(PatternKind::MatchValue, loc_from(start));
    p->v.MatchValue.value = v;
    return p;
  }
  if (error_) return nullptr;
  if (at(Tok::STRING) || at(Tok::FSTRING_START)) {
    if ((v = strings())) {
      Pattern* p = new_pattern(PatternKind::MatchValue, loc_from(start));
      p->v.MatchValue.value = v;
      return p;
    }
    if (error_) return nullptr;
  }
  Token* t = peek();
  if (!t) return nullptr;
  ConstantValue::Kind k;
  switch (t->kind) {
    case Tok::KW_NONE:
      k = ConstantValue::Kind::kNone;
      break;
    case Tok::KW_TRUE:
      k = ConstantValue::Kind::kTrue;
      break;
    case Tok::KW_FALSE:
      k = ConstantValue::Kind::kFalse;
      break;
    default:
      return nullptr;
  }
  mark_++;
  Pattern* p = new_pattern(PatternKind::MatchSingleton, loc_from(start));
  p->v.MatchSingleton.value.kind = k;
  return p;
}

// literal_expr: signed_number !('+' | '-') | complex_number | strings | 'None' | 'True' | 'False'
Expr* Parser::literal_expr() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* v = signed_number();
  if (v && !at_sign(this)) return v;
  mark_ = start;
  if (error_) return nullptr;
  if ((v = complex_number()) || error_) return v;
  if (at(Tok::STRING) || at(Tok::FSTRING_START)) {
    if ((v = strings()) || error_) return v;
  }
  Token* t = peek();
  if (!t) return nullptr;
  switch (t->kind) {
    case Tok::KW_NONE:
      mark_++;
      return constant(ConstantValue::Kind::kNone, tok_loc(t));
    case Tok::KW_TRUE:
      mark_++;
      return constant(ConstantValue::Kind::kTrue, tok_loc(t));
    case Tok::KW_FALSE:
      mark_++;
      return constant(ConstantValue::Kind::kFalse, tok_loc(t));
    default:
      return nullptr;
  }
}

// complex_number: signed_real_number ('+' | '-') imaginary_number
Expr* Parser::complex_number() {
  if (error_) return nullptr;
  int start = mark_;
  if (Expr* real = signed_real_number()) {
    Token* op = peek();
    if (op && (op->kind == Tok::PLUS || op->kind == Tok::MINUS)) {
      mark_++;
      if (Expr* imag = imaginary_number()) {
        Expr* e = new_expr(ExprKind::BinOp, loc_from(start));
        e->v.BinOp.left = real;
        e->v.BinOp.op = op->kind == Tok::PLUS ? OperatorKind::Add : OperatorKind::Sub;
        e->v.BinOp.right = imag;
        return e;
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// signed_number: NUMBER | '-' NUMBER
Expr* Parser::signed_number() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* t = expect(Tok::NUMBER)) return number_token(t);
  if (error_) return nullptr;
  if (expect(Tok::MINUS)) {
    if (Token* t = expect(Tok::NUMBER)) {
      Expr* n = number_token(t);
      if (!n) return nullptr;
      Expr* e = new_expr(ExprKind::UnaryOp, loc_from(start));
      e->v.UnaryOp.op = UnaryOpKind::USub;
      e->v.UnaryOp.operand = n;
      return e;
    }
  }
  mark_ = start;
  return nullptr;
}

// signed_real_number: real_number | '-' real_number
Expr* Parser::signed_real_number() {
  if (error_) return nullptr;
  int start = mark_;
  if (Expr* r = real_number()) return r;
  if (error_) return nullptr;
  if (expect(Tok::MINUS)) {
    if (Expr* r = real_number()) {
      Expr* e = new_expr(ExprKind::UnaryOp, loc_from(start));
      e->v.UnaryOp.op = UnaryOpKind::USub;
      e->v.UnaryOp.operand = r;
      return e;
    }
  }
  mark_ = start;
  return nullptr;
}

// real_number: NUMBER (must not be imaginary)
Expr* Parser::real_number() {
  if (error_) return nullptr;
  Token* t = expect(Tok::NUMBER);
  if (!t) return nullptr;
  Expr* e = number_token(t);
  if (!e) return nullptr;
  if (e->v.Constant.value.kind == ConstantValue::Kind::kComplex) {
    return static_cast<Expr*>(raise_known_location(e->loc, "real number required in complex literal"));
  }
  return e;
}

// imaginary_number: NUMBER (must be imaginary)
Expr* Parser::imaginary_number() {
  if (error_) return nullptr;
  Token* t = expect(Tok::NUMBER);
  if (!t) return nullptr;
  Expr* e = number_token(t);
  if (!e) return nullptr;
  if (e->v.Constant.value.kind != ConstantValue::Kind::kComplex) {
    return static_cast<Expr*>(raise_known_location(e->loc, "imaginary number required in complex literal"));
  }
  return e;
}

// capture_pattern: pattern_capture_target
Pattern* Parser::capture_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  if (Expr* target = pattern_capture_target()) {
    Pattern* p = new_pattern(PatternKind::MatchAs, loc_from(start));
    p->v.MatchAs.name = target->v.Name.id;
    return p;
  }
  return nullptr;
}

static bool at_dot_lpar_eq(Parser* p) { return p->at(Tok::DOT) || p->at(Tok::LPAR) || p->at(Tok::EQUAL); }

// pattern_capture_target: !"_" NAME !('.' | '(' | '=')
Expr* Parser::pattern_capture_target() {
  if (error_) return nullptr;
  int start = mark_;
  Token* t = peek();
  if (!t || t->kind != Tok::NAME || text(t) == "_") return nullptr;
  mark_++;
  if (at_dot_lpar_eq(this) || error_) {
    mark_ = start;
    return nullptr;
  }
  return name_expr(t, ExprContext::Store);
}

// wildcard_pattern: "_"
Pattern* Parser::wildcard_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect_soft("_")) return new_pattern(PatternKind::MatchAs, loc_from(start));
  return nullptr;
}

// value_pattern: attr !('.' | '(' | '=')
Pattern* Parser::value_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* a = attr();
  if (a && !at_dot_lpar_eq(this) && !error_) {
    Pattern* p = new_pattern(PatternKind::MatchValue, loc_from(start));
    p->v.MatchValue.value = a;
    return p;
  }
  mark_ = start;
  return nullptr;
}

// attr: name_or_attr '.' NAME   (a dotted name with at least one dot)
Expr* Parser::attr() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* e = name_or_attr();
  if (e && e->kind == ExprKind::Attribute) return e;
  mark_ = start;
  return nullptr;
}

// name_or_attr: attr | NAME   (left-recursive: NAME ('.' NAME)*)
Expr* Parser::name_or_attr() {
  if (error_) return nullptr;
  int start = mark_;
  Token* n = expect(Tok::NAME);
  if (!n) return nullptr;
  Expr* e = name_expr(n);
  for (;;) {
    int m = mark_;
    if (expect(Tok::DOT)) {
      if (Token* b = expect(Tok::NAME)) {
        Expr* a = new_expr(ExprKind::Attribute, loc_from(start));
        a->v.Attribute.value = e;
        a->v.Attribute.attr = identifier(b);
        a->v.Attribute.ctx = ExprContext::Load;
        e = a;
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_) return nullptr;
  return e;
}

// group_pattern: '(' pattern ')'
Pattern* Parser::group_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LPAR)) {
    Pattern* p = pattern();
    if (p && expect(Tok::RPAR)) return p;
  }
  mark_ = start;
  return nullptr;
}

// sequence_pattern: '[' maybe_sequence_pattern? ']' | '(' open_sequence_pattern? ')'
Pattern* Parser::sequence_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  for (int paren = 0; paren < 2; paren++) {
    mark_ = start;
    if (!expect(paren ? Tok::LPAR : Tok::LSQB)) continue;
    Patterns ps{};
    if (paren) {
      open_sequence_pattern(&ps);
    } else {
      maybe_sequence_pattern(&ps);
    }
    if (error_) return nullptr;
    if (expect(paren ? Tok::RPAR : Tok::RSQB)) {
      Pattern* p = new_pattern(PatternKind::MatchSequence, loc_from(start));
      p->v.MatchSequence.patterns = ps;
      return p;
    }
    if (error_) return nullptr;
  }
  mark_ = start;
  return nullptr;
}

// open_sequence_pattern: maybe_star_pattern ',' maybe_sequence_pattern?
bool Parser::open_sequence_pattern(Patterns* out) {
  if (error_) return false;
  int start = mark_;
  if (Pattern* p = maybe_star_pattern()) {
    if (expect(Tok::COMMA)) {
      Patterns rest{};
      maybe_sequence_pattern(&rest);
      if (error_) return false;
      *out = insert_in_front(p, rest);
      return true;
    }
  }
  mark_ = start;
  return false;
}

// maybe_sequence_pattern: ','.maybe_star_pattern+ ','?
bool Parser::maybe_sequence_pattern(Patterns* out) {
  if (error_) return false;
  SmallVec<Pattern*> v;
  Pattern* a = maybe_star_pattern();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Pattern* b = maybe_star_pattern()) {
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

// maybe_star_pattern: star_pattern | pattern
Pattern* Parser::maybe_star_pattern() {
  if (error_) return nullptr;
  if (Pattern* p = star_pattern()) return p;
  if (error_) return nullptr;
  return pattern();
}

Pattern* Parser::star_pattern() {
  if (error_) return nullptr;
  return star_pattern_raw();
}

// star_pattern: '*' pattern_capture_target | '*' wildcard_pattern
Pattern* Parser::star_pattern_raw() {
  int start = mark_;
  if (expect(Tok::STAR)) {
    if (Expr* target = pattern_capture_target()) {
      Pattern* p = new_pattern(PatternKind::MatchStar, loc_from(start));
      p->v.MatchStar.name = target->v.Name.id;
      return p;
    }
    if (error_) return nullptr;
    if (wildcard_pattern()) return new_pattern(PatternKind::MatchStar, loc_from(start));
  }
  mark_ = start;
  return nullptr;
}

// mapping_pattern:
//     | '{' '}'
//     | '{' double_star_pattern ','? '}'
//     | '{' items_pattern ',' double_star_pattern ','? '}'
//     | '{' items_pattern ','? '}'
//     | invalid_mapping_pattern
Pattern* Parser::mapping_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  auto make = [&](Seq<KeyPatternPair*> items, Expr* rest) {
    Pattern* p = new_pattern(PatternKind::MatchMapping, loc_from(start));
    Expr** keys = arena_.alloc_array<Expr*>(items.size);
    Pattern** pats = arena_.alloc_array<Pattern*>(items.size);
    for (uint32_t i = 0; i < items.size; i++) {
      keys[i] = items[i]->key;
      pats[i] = items[i]->pattern;
    }
    p->v.MatchMapping.keys = Exprs{keys, items.size};
    p->v.MatchMapping.patterns = Patterns{pats, items.size};
    if (rest) p->v.MatchMapping.rest = rest->v.Name.id;
    return p;
  };
  if (expect(Tok::LBRACE) && expect(Tok::RBRACE)) return make(Seq<KeyPatternPair*>{}, nullptr);
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::LBRACE)) {
    if (Expr* rest = double_star_pattern()) {
      expect(Tok::COMMA);
      if (!error_ && expect(Tok::RBRACE)) return make(Seq<KeyPatternPair*>{}, rest);
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::LBRACE)) {
    Seq<KeyPatternPair*> items;
    if (items_pattern(&items) && expect(Tok::COMMA)) {
      if (Expr* rest = double_star_pattern()) {
        expect(Tok::COMMA);
        if (!error_ && expect(Tok::RBRACE)) return make(items, rest);
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::LBRACE)) {
    Seq<KeyPatternPair*> items;
    if (items_pattern(&items)) {
      expect(Tok::COMMA);
      if (!error_ && expect(Tok::RBRACE)) return make(items, nullptr);
    }
  }
  mark_ = start;
  return nullptr;
}

// items_pattern: ','.key_value_pattern+
bool Parser::items_pattern(Seq<KeyPatternPair*>* out) {
  if (error_) return false;
  SmallVec<KeyPatternPair*> v;
  KeyPatternPair* a = key_value_pattern();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (KeyPatternPair* b = key_value_pattern()) {
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

// key_value_pattern: (literal_expr | attr) ':' pattern
KeyPatternPair* Parser::key_value_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  Expr* key = literal_expr();
  if (!key && !error_) key = attr();
  if (key && expect(Tok::COLON)) {
    if (Pattern* p = pattern()) return arena_.make<KeyPatternPair>(key, p);
  }
  mark_ = start;
  return nullptr;
}

// double_star_pattern: '**' pattern_capture_target
Expr* Parser::double_star_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::DOUBLESTAR)) {
    if (Expr* t = pattern_capture_target()) return t;
  }
  mark_ = start;
  return nullptr;
}

// class_pattern:
//     | name_or_attr '(' ')'
//     | name_or_attr '(' positional_patterns ','? ')'
//     | name_or_attr '(' keyword_patterns ','? ')'
//     | name_or_attr '(' positional_patterns ',' keyword_patterns ','? ')'
//     | invalid_class_pattern
Pattern* Parser::class_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  auto make = [&](Expr* cls, Patterns pos, Seq<KeyPatternPair*> kws) {
    Pattern* p = new_pattern(PatternKind::MatchClass, loc_from(start));
    p->v.MatchClass.cls = cls;
    p->v.MatchClass.patterns = pos;
    Str* names = arena_.alloc_array<Str>(kws.size);
    Pattern** pats = arena_.alloc_array<Pattern*>(kws.size);
    for (uint32_t i = 0; i < kws.size; i++) {
      names[i] = kws[i]->key->v.Name.id;
      pats[i] = kws[i]->pattern;
    }
    p->v.MatchClass.kwd_attrs = Idents{names, kws.size};
    p->v.MatchClass.kwd_patterns = Patterns{pats, kws.size};
    return p;
  };
  Expr* cls = name_or_attr();
  if (!cls) return nullptr;
  if (expect(Tok::LPAR)) {
    int inner = mark_;
    if (expect(Tok::RPAR)) return make(cls, Patterns{}, Seq<KeyPatternPair*>{});
    Patterns pos;
    if (positional_patterns(&pos)) {
      int m = mark_;
      expect(Tok::COMMA);
      if (!error_ && expect(Tok::RPAR)) return make(cls, pos, Seq<KeyPatternPair*>{});
      mark_ = m;
    }
    mark_ = inner;
    if (error_) return nullptr;
    Seq<KeyPatternPair*> kws;
    if (keyword_patterns(&kws)) {
      expect(Tok::COMMA);
      if (!error_ && expect(Tok::RPAR)) return make(cls, Patterns{}, kws);
    }
    mark_ = inner;
    if (error_) return nullptr;
    if (positional_patterns(&pos) && expect(Tok::COMMA) && keyword_patterns(&kws)) {
      expect(Tok::COMMA);
      if (!error_ && expect(Tok::RPAR)) return make(cls, pos, kws);
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_class_pattern();
    mark_ = start;
  }
  return nullptr;
}

// positional_patterns: ','.pattern+
bool Parser::positional_patterns(Patterns* out) {
  if (error_) return false;
  SmallVec<Pattern*> v;
  Pattern* a = pattern();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (Pattern* b = pattern()) {
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

// keyword_patterns: ','.keyword_pattern+
bool Parser::keyword_patterns(Seq<KeyPatternPair*>* out) {
  if (error_) return false;
  SmallVec<KeyPatternPair*> v;
  KeyPatternPair* a = keyword_pattern();
  if (!a) return false;
  v.push_back(a);
  for (;;) {
    int m = mark_;
    if (expect(Tok::COMMA)) {
      if (KeyPatternPair* b = keyword_pattern()) {
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

// keyword_pattern: NAME '=' pattern
KeyPatternPair* Parser::keyword_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* n = expect(Tok::NAME)) {
    if (expect(Tok::EQUAL)) {
      if (Pattern* p = pattern()) return arena_.make<KeyPatternPair>(name_expr(n), p);
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_match_stmt:
//     | "match" subject_expr NEWLINE
//     | "match" subject_expr ':' NEWLINE !INDENT
void* Parser::invalid_match_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect_soft("match") && subject_expr() && expect(Tok::NEWLINE)) return raise_syntax_error("expected ':'");
  mark_ = start;
  if (error_) return nullptr;
  if (Token* a = expect_soft("match")) {
    if (subject_expr() && expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
      return raise_indentation_error(
          fmt::format("expected an indented block after 'match' statement on line {}", a->lineno));
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_case_block:
//     | "case" patterns guard? NEWLINE
//     | "case" patterns guard? ':' NEWLINE !INDENT
void* Parser::invalid_case_block() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect_soft("case") && patterns()) {
    guard();
    if (!error_ && expect(Tok::NEWLINE)) return raise_syntax_error("expected ':'");
  }
  mark_ = start;
  if (error_) return nullptr;
  if (Token* a = expect_soft("case")) {
    if (patterns()) {
      guard();
      if (!error_ && expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
        return raise_indentation_error(
            fmt::format("expected an indented block after 'case' statement on line {}", a->lineno));
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_as_pattern: or_pattern 'as' "_" | or_pattern 'as' !NAME expression
void* Parser::invalid_as_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  if (or_pattern() && expect(Tok::KW_AS)) {
    if (Token* a = expect_soft("_")) return raise_known_location(tok_loc(a), "cannot use '_' as a target");
  }
  mark_ = start;
  if (error_) return nullptr;
  if (or_pattern() && expect(Tok::KW_AS) && !at(Tok::NAME) && !error_) {
    if (Expr* a = expression()) return raise_known_location(a->loc, "invalid pattern target");
  }
  mark_ = start;
  return nullptr;
}

// invalid_class_pattern: name_or_attr '(' invalid_class_argument_pattern
void* Parser::invalid_class_pattern() {
  if (error_) return nullptr;
  int start = mark_;
  if (name_or_attr() && expect(Tok::LPAR)) {
    Patterns a;
    if (invalid_class_argument_pattern(&a)) {
      return raise_known_range(a[0]->loc, a.back()->loc, "positional patterns follow keyword patterns");
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_class_argument_pattern: [positional_patterns ','] keyword_patterns ',' positional_patterns
bool Parser::invalid_class_argument_pattern(Patterns* out) {
  if (error_) return false;
  int start = mark_;
  {
    int m = mark_;
    Patterns p;
    if (!(positional_patterns(&p) && expect(Tok::COMMA))) mark_ = m;
  }
  Seq<KeyPatternPair*> k;
  if (!error_ && keyword_patterns(&k) && expect(Tok::COMMA) && positional_patterns(out)) return true;
  mark_ = start;
  return false;
}

}  // namespace pyvm::compiler
