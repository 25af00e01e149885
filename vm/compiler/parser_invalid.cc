// The invalid_* rules of CPython 3.13's grammar, tried only in the second pass: they match common mistakes and
// raise the friendlier SyntaxErrors. Each returns null; an alternative whose action yields no error ends the rule,
// as in CPython's generated parser.
#include <fmt/format.h>

#include "vm/compiler/ast_dump.h"
#include "vm/compiler/parser_impl.h"

namespace pyvm::compiler {

namespace {

bool is_legacy_name(const Expr* e) {
  if (e->kind != ExprKind::Name) return false;
  std::string_view n = e->v.Name.id.view();
  return n == "print" || n == "exec";
}

Expr* last_comprehension_item(Comprehension* c) {
  if (c->ifs.size == 0) return c->iter;
  return c->ifs.back();
}

bool is_soft_keyword(std::string_view s) { return s == "_" || s == "case" || s == "match" || s == "type"; }

}  // namespace

// invalid_arguments:
//     | ((','.(starred_expression | (assignment_expression | expression !':=') !'=')+ ',' kwargs) | kwargs)
//       ',' ','.(starred_expression !'=')+
//     | expression for_if_clauses ',' [args | expression for_if_clauses]
//     | NAME '=' expression for_if_clauses
//     | [args ','] NAME '=' &(',' | ')')
//     | args for_if_clauses
//     | args ',' expression for_if_clauses
//     | args ',' args
void* Parser::invalid_arguments() {
  if (error_) return nullptr;
  int start = mark_;
  {
    // The first alternative: positional arguments after keyword unpacking. args() covers both forms of the
    // prefix (it returns a Call whose keywords come from kwargs).
    Expr* prefix = args();
    if (prefix && prefix->v.Call.keywords.size > 0) {
      if (Token* a = expect(Tok::COMMA)) {
        int m = mark_;
        Expr* s = starred_expression();
        if (s && !at(Tok::EQUAL))
          return raise_starting_from(tok_loc(a), "iterable argument unpacking follows keyword argument unpacking");
        mark_ = m;
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Expr* a = expression();
    Comprehensions b;
    if (a && for_if_clauses(&b) && expect(Tok::COMMA)) {
      int m = mark_;
      if (!args()) {
        mark_ = m;
        if (!error_) {
          Expr* e = expression();
          Comprehensions c;
          if (!(e && for_if_clauses(&c))) mark_ = m;
        }
      }
      if (error_) return nullptr;
      return raise_known_range(a->loc, last_comprehension_item(b.back())->loc,
                               "Generator expression must be parenthesized");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Token* a = expect(Tok::NAME);
    Token* b = a ? expect(Tok::EQUAL) : nullptr;
    Comprehensions c;
    if (b && expression() && for_if_clauses(&c)) {
      return raise_known_range(tok_loc(a), tok_loc(b), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    int m = mark_;
    if (!(args() && expect(Tok::COMMA))) mark_ = m;
    if (error_) return nullptr;
    Token* a = expect(Tok::NAME);
    Token* b = a ? expect(Tok::EQUAL) : nullptr;
    if (b && (at(Tok::COMMA) || at(Tok::RPAR))) {
      return raise_known_range(tok_loc(a), tok_loc(b), "expected argument value expression");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Expr* a = args();
    Comprehensions b;
    if (a && for_if_clauses(&b)) {
      // CPython's _PyPegen_nonparen_genexp_in_call.
      uint32_t len = a->v.Call.args.size;
      if (len <= 1) return nullptr;
      return raise_known_range(a->v.Call.args[len - 1]->loc, last_comprehension_item(b.back())->loc,
                               "Generator expression must be parenthesized");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Expr* e;
    Comprehensions b;
    if (args() && expect(Tok::COMMA) && (e = expression()) && for_if_clauses(&b)) {
      return raise_known_range(e->loc, last_comprehension_item(b.back())->loc,
                               "Generator expression must be parenthesized");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Expr* a = args();
    if (a && expect(Tok::COMMA) && args()) {
      // CPython's _PyPegen_arguments_parsing_error.
      bool keyword_unpacking = false;
      for (Keyword* k : a->v.Call.keywords) {
        if (k->arg.data == nullptr) keyword_unpacking = true;
      }
      return raise_syntax_error(keyword_unpacking ? "positional argument follows keyword argument unpacking"
                                                  : "positional argument follows keyword argument");
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_kwarg:
//     | ('True'|'False'|'None') '='
//     | NAME '=' expression for_if_clauses
//     | !(NAME '=') expression '='
//     | '**' expression '=' expression
void* Parser::invalid_kwarg() {
  if (error_) return nullptr;
  int start = mark_;
  Token* t = peek();
  if (!t) return nullptr;
  if (t->kind == Tok::KW_TRUE || t->kind == Tok::KW_FALSE || t->kind == Tok::KW_NONE) {
    mark_++;
    if (Token* b = expect(Tok::EQUAL)) {
      return raise_known_range(tok_loc(t), tok_loc(b), fmt::format("cannot assign to {}", text(t)));
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Token* a = expect(Tok::NAME);
    Token* b = a ? expect(Tok::EQUAL) : nullptr;
    Comprehensions c;
    if (b && expression() && for_if_clauses(&c)) {
      return raise_known_range(tok_loc(a), tok_loc(b), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    bool name_eq = lookahead([&] { return expect(Tok::NAME) && expect(Tok::EQUAL); });
    if (!name_eq && !error_) {
      Expr* a = expression();
      if (a) {
        if (Token* b = expect(Tok::EQUAL)) {
          return raise_known_range(a->loc, tok_loc(b),
                                   "expression cannot contain assignment, perhaps you meant \"==\"?");
        }
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (Token* a = expect(Tok::DOUBLESTAR)) {
    if (expression() && expect(Tok::EQUAL)) {
      if (Expr* b = expression())
        return raise_known_range(tok_loc(a), b->loc, "cannot assign to keyword argument unpacking");
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_legacy_expression: NAME !'(' star_expressions
void* Parser::invalid_legacy_expression() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* t = expect(Tok::NAME)) {
    if (!at(Tok::LPAR)) {
      if (Expr* b = star_expressions()) {
        Expr* a = name_expr(t);
        if (is_legacy_name(a)) {
          std::string n(a->v.Name.id.view());
          return raise_known_range(a->loc, b->loc,
                                   fmt::format("Missing parentheses in call to '{}'. Did you mean {}(...)?", n, n));
        }
        return nullptr;
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_expression:
//     | !(NAME STRING | SOFT_KEYWORD) disjunction expression_without_invalid
//     | disjunction 'if' disjunction !('else'|':')
//     | 'lambda' [lambda_params] ':' &FSTRING_MIDDLE
void* Parser::invalid_expression() {
  if (error_) return nullptr;
  int start = mark_;
  {
    bool excluded = lookahead([&] {
      Token* t = peek();
      if (!t || t->kind != Tok::NAME) return false;
      if (is_soft_keyword(text(t))) return true;
      mark_++;
      return at(Tok::STRING);
    });
    if (!excluded && !error_) {
      Expr* a = disjunction();
      if (a) {
        if (Expr* b = expression_without_invalid()) {
          if (is_legacy_name(a) || tok(mark_ - 1)->level == 0) return nullptr;
          return raise_known_range(a->loc, b->loc, "invalid syntax. Perhaps you forgot a comma?");
        }
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Expr* a = disjunction();
    if (a && expect(Tok::KW_IF)) {
      if (Expr* b = disjunction()) {
        if (!at(Tok::KW_ELSE) && !at(Tok::COLON)) {
          return raise_known_range(a->loc, b->loc, "expected 'else' after 'if' expression");
        }
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (Token* a = expect(Tok::KW_LAMBDA)) {
    bool saved = lambda_params_;
    lambda_params_ = true;
    params();
    lambda_params_ = saved;
    if (error_) return nullptr;
    if (Token* b = expect(Tok::COLON)) {
      if (at(Tok::FSTRING_MIDDLE)) {
        return raise_known_range(tok_loc(a), tok_loc(b),
                                 "f-string: lambda expressions are not allowed without parentheses");
      }
    }
  }
  mark_ = start;
  return nullptr;
}

void* Parser::invalid_named_expression() {
  if (error_) return nullptr;
  int start = mark_;
  void* r;
  if (memo_get(MemoRule::kInvalidNamedExpression, &r)) return r;
  if (error_) return nullptr;
  void* res = invalid_named_expression_raw();
  if (error_) return nullptr;
  memo_put(start, MemoRule::kInvalidNamedExpression, res);
  return res;
}

// invalid_named_expression:
//     | expression ':=' expression
//     | NAME '=' bitwise_or !('='|':=')
//     | !(list|tuple|genexp|'True'|'None'|'False') bitwise_or '=' bitwise_or !('='|':=')
void* Parser::invalid_named_expression_raw() {
  int start = mark_;
  {
    Expr* a = expression();
    if (a && expect(Tok::COLONEQUAL) && expression()) {
      return raise_known_location(a->loc,
                                  fmt::format("cannot use assignment expressions with {}", expr_description(a)));
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Token* a = expect(Tok::NAME);
    if (a && expect(Tok::EQUAL)) {
      Expr* b = bitwise_or();
      if (b && !at(Tok::EQUAL) && !at(Tok::COLONEQUAL)) {
        return raise_known_range(tok_loc(a), b->loc, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    bool excluded = lookahead([&] {
      Token* t = peek();
      if (!t) return false;
      if (t->kind == Tok::KW_TRUE || t->kind == Tok::KW_NONE || t->kind == Tok::KW_FALSE) return true;
      int m = mark_;
      if (list()) return true;
      mark_ = m;
      if (tuple()) return true;
      mark_ = m;
      return genexp() != nullptr;
    });
    if (!excluded && !error_) {
      Expr* a = bitwise_or();
      if (a && expect(Tok::EQUAL) && bitwise_or() && !at(Tok::EQUAL) && !at(Tok::COLONEQUAL)) {
        return raise_known_location(
            a->loc, fmt::format("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_description(a)));
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_ann_assign_target: list | tuple | '(' invalid_ann_assign_target ')'
Expr* Parser::invalid_ann_assign_target() {
  if (error_) return nullptr;
  int start = mark_;
  if (Expr* e = list()) return e;
  if (error_) return nullptr;
  if (Expr* e = tuple()) return e;
  if (error_) return nullptr;
  if (expect(Tok::LPAR)) {
    Expr* a = invalid_ann_assign_target();
    if (a && expect(Tok::RPAR)) return a;
  }
  mark_ = start;
  return nullptr;
}

// invalid_assignment:
//     | invalid_ann_assign_target ':' expression
//     | star_named_expression ',' star_named_expressions* ':' expression
//     | expression ':' expression
//     | (star_targets '=')* star_expressions '='
//     | (star_targets '=')* yield_expr '='
//     | star_expressions augassign (yield_expr | star_expressions)
void* Parser::invalid_assignment() {
  if (error_) return nullptr;
  int start = mark_;
  {
    Expr* a = invalid_ann_assign_target();
    if (a && expect(Tok::COLON) && expression()) {
      return raise_known_location(a->loc,
                                  fmt::format("only single target (not {}) can be annotated", expr_description(a)));
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Expr* a = star_named_expression();
    if (a && expect(Tok::COMMA)) {
      for (;;) {
        Exprs x;
        int m = mark_;
        if (!star_named_expressions(&x)) {
          mark_ = m;
          break;
        }
      }
      if (!error_ && expect(Tok::COLON) && expression()) {
        return raise_known_location(a->loc, "only single target (not tuple) can be annotated");
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Expr* a = expression();
    if (a && expect(Tok::COLON) && expression()) return raise_known_location(a->loc, "illegal target for annotation");
  }
  mark_ = start;
  if (error_) return nullptr;
  auto skip_targets = [&]() {
    for (;;) {
      int m = mark_;
      if (star_targets() && expect(Tok::EQUAL)) continue;
      mark_ = m;
      break;
    }
  };
  {
    skip_targets();
    if (error_) return nullptr;
    Expr* a = star_expressions();
    if (a && expect(Tok::EQUAL)) return raise_invalid_target(Targets::kStar, a);
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    skip_targets();
    if (error_) return nullptr;
    Expr* a = yield_expr();
    if (a && expect(Tok::EQUAL)) return raise_known_location(a->loc, "assignment to yield expression not possible");
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Expr* a = star_expressions();
    OperatorKind op;
    if (a && augassign(&op) && annotated_rhs()) {
      return raise_known_location(
          a->loc, fmt::format("'{}' is an illegal expression for augmented assignment", expr_description(a)));
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_del_stmt: 'del' star_expressions
void* Parser::invalid_del_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::KW_DEL)) {
    if (Expr* a = star_expressions()) return raise_invalid_target(Targets::kDel, a);
  }
  mark_ = start;
  return nullptr;
}

// invalid_block: NEWLINE !INDENT
void* Parser::invalid_block() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::NEWLINE) && !at(Tok::INDENT)) {
    if (error_) return nullptr;
    return raise_indentation_error("expected an indented block");
  }
  mark_ = start;
  return nullptr;
}

// invalid_comprehension:
//     | ('[' | '(' | '{') starred_expression for_if_clauses
//     | ('[' | '{') star_named_expression ',' star_named_expressions for_if_clauses
//     | ('[' | '{') star_named_expression ',' for_if_clauses
void* Parser::invalid_comprehension() {
  if (error_) return nullptr;
  int start = mark_;
  Token* open = peek();
  if (!open || !(open->kind == Tok::LSQB || open->kind == Tok::LPAR || open->kind == Tok::LBRACE)) return nullptr;
  mark_++;
  {
    Expr* a = starred_expression();
    Comprehensions c;
    if (a && for_if_clauses(&c))
      return raise_known_location(a->loc, "iterable unpacking cannot be used in comprehension");
  }
  mark_ = start;
  if (error_ || open->kind == Tok::LPAR) return nullptr;
  mark_++;
  {
    Expr* a = star_named_expression();
    Exprs b;
    Comprehensions c;
    if (a && expect(Tok::COMMA) && star_named_expressions(&b) && for_if_clauses(&c)) {
      return raise_known_range(a->loc, b.back()->loc, "did you forget parentheses around the comprehension target?");
    }
  }
  mark_ = start + 1;
  if (error_) return nullptr;
  {
    Expr* a = star_named_expression();
    Token* b = a ? expect(Tok::COMMA) : nullptr;
    Comprehensions c;
    if (b && for_if_clauses(&c)) {
      return raise_known_range(a->loc, tok_loc(b), "did you forget parentheses around the comprehension target?");
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_dict_comprehension: '{' '**' bitwise_or for_if_clauses '}'
void* Parser::invalid_dict_comprehension() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LBRACE)) {
    if (Token* a = expect(Tok::DOUBLESTAR)) {
      Comprehensions c;
      if (bitwise_or() && for_if_clauses(&c) && expect(Tok::RBRACE)) {
        return raise_known_location(tok_loc(a), "dict unpacking cannot be used in dict comprehension");
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_parameters (and invalid_lambda_parameters):
//     | "/" ','
//     | (slash_no_default | slash_with_default) param_maybe_default* '/'
//     | slash_no_default? param_no_default* invalid_parameters_helper param_no_default
//     | param_no_default* '(' param_no_default+ ','? ')'          (lambda: '(' ','.lambda_param+ ','? ')')
//     | (slash_no_default | slash_with_default)? param_maybe_default* '*' (',' | param_no_default)
//       param_maybe_default* '/'
//     | param_maybe_default+ '/' '*'
void* Parser::invalid_parameters() {
  if (error_) return nullptr;
  int start = mark_;
  auto slash_any = [&]() {
    Args a;
    if (slash_no_default(&a)) return true;
    if (error_) return false;
    return slash_with_default() != nullptr;
  };
  auto maybe_defaults = [&]() {
    int n = 0;
    while (param_maybe_default()) n++;
    return n;
  };
  if (Token* a = expect(Tok::SLASH)) {
    if (expect(Tok::COMMA)) return raise_known_location(tok_loc(a), "at least one argument must precede /");
  }
  mark_ = start;
  if (error_) return nullptr;
  if (slash_any()) {
    maybe_defaults();
    if (Token* a = error_ ? nullptr : expect(Tok::SLASH))
      return raise_known_location(tok_loc(a), "/ may appear only once");
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    int m = mark_;
    Args x;
    if (!slash_no_default(&x)) mark_ = m;
    while (!error_ && param_no_default()) {
    }
    if (!error_ && invalid_parameters_helper()) {
      if (Arg* a = param_no_default()) {
        return raise_known_location(a->loc, "parameter without a default follows parameter with a default");
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    while (param_no_default()) {
    }
    if (Token* a = error_ ? nullptr : expect(Tok::LPAR)) {
      int n = 0;
      if (lambda_params_) {
        if (param()) {
          n = 1;
          for (;;) {
            int m = mark_;
            if (expect(Tok::COMMA) && param()) {
              n++;
              continue;
            }
            mark_ = m;
            break;
          }
        }
      } else {
        while (param_no_default()) n++;
      }
      if (n > 0 && !error_) {
        expect(Tok::COMMA);
        if (Token* b = expect(Tok::RPAR)) {
          return raise_known_range(tok_loc(a), tok_loc(b),
                                   lambda_params_ ? "Lambda expression parameters cannot be parenthesized"
                                                  : "Function parameters cannot be parenthesized");
        }
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    int m = mark_;
    if (!slash_any()) mark_ = m;
    if (error_) return nullptr;
    maybe_defaults();
    if (!error_ && expect(Tok::STAR)) {
      int m2 = mark_;
      bool ok = expect(Tok::COMMA) != nullptr;
      if (!ok) {
        mark_ = m2;
        ok = param_no_default() != nullptr;
      }
      if (ok) {
        maybe_defaults();
        if (Token* a = error_ ? nullptr : expect(Tok::SLASH))
          return raise_known_location(tok_loc(a), "/ must be ahead of *");
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (maybe_defaults() > 0 && !error_ && expect(Tok::SLASH)) {
    if (Token* a = expect(Tok::STAR)) return raise_known_location(tok_loc(a), "expected comma between / and *");
  }
  mark_ = start;
  return nullptr;
}

// invalid_parameters_helper: slash_with_default | param_with_default+
bool Parser::invalid_parameters_helper() {
  if (error_) return false;
  if (slash_with_default()) return true;
  if (error_) return false;
  int n = 0;
  while (param_with_default()) n++;
  return n > 0 && !error_;
}

// invalid_default: '=' &(')'|',')
void* Parser::invalid_default() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* a = expect(Tok::EQUAL)) {
    if (at(Tok::RPAR) || at(Tok::COMMA)) return raise_known_location(tok_loc(a), "expected default value expression");
  }
  mark_ = start;
  return nullptr;
}

// invalid_star_etc (and invalid_lambda_star_etc):
//     | '*' (')' | ',' (')' | '**'))       (lambda: '*' (':' | ',' (':' | '**')))
//     | '*' param '='
//     | '*' (param_no_default | ',') param_maybe_default* '*' (param_no_default | ',')
void* Parser::invalid_star_etc() {
  if (error_) return nullptr;
  int start = mark_;
  Tok close = lambda_params_ ? Tok::COLON : Tok::RPAR;
  if (Token* a = expect(Tok::STAR)) {
    bool hit = expect(close) != nullptr;
    if (!hit && expect(Tok::COMMA)) hit = expect(close) || expect(Tok::DOUBLESTAR);
    if (hit) {
      if (lambda_params_) return raise_syntax_error("named arguments must follow bare *");
      return raise_known_location(tok_loc(a), "named arguments must follow bare *");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::STAR) && param()) {
    if (Token* a = expect(Tok::EQUAL)) {
      return raise_known_location(tok_loc(a), "var-positional argument cannot have default value");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::STAR)) {
    auto npd_or_comma = [&]() {
      if (param_no_default()) return true;
      if (error_) return false;
      return expect(Tok::COMMA) != nullptr;
    };
    if (npd_or_comma()) {
      while (param_maybe_default()) {
      }
      if (!error_) {
        if (Token* a = expect(Tok::STAR)) {
          if (npd_or_comma()) return raise_known_location(tok_loc(a), "* argument may appear only once");
        }
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_kwds (and invalid_lambda_kwds):
//     | '**' param '='
//     | '**' param ',' param
//     | '**' param ',' ('*'|'**'|'/')
void* Parser::invalid_kwds() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::DOUBLESTAR) && param()) {
    if (Token* a = expect(Tok::EQUAL)) {
      return raise_known_location(tok_loc(a), "var-keyword argument cannot have default value");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::DOUBLESTAR) && param() && expect(Tok::COMMA)) {
    if (Arg* a = param()) return raise_known_location(a->loc, "arguments cannot follow var-keyword argument");
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::DOUBLESTAR) && param() && expect(Tok::COMMA)) {
    Token* a = peek();
    if (a && (a->kind == Tok::STAR || a->kind == Tok::DOUBLESTAR || a->kind == Tok::SLASH)) {
      mark_++;
      return raise_known_location(tok_loc(a), "arguments cannot follow var-keyword argument");
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_with_item: expression 'as' expression &(',' | ')' | ':')
void* Parser::invalid_with_item() {
  if (error_) return nullptr;
  int start = mark_;
  if (expression() && expect(Tok::KW_AS)) {
    if (Expr* a = expression()) {
      if (at(Tok::COMMA) || at(Tok::RPAR) || at(Tok::COLON)) return raise_invalid_target(Targets::kStar, a);
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_for_target: ASYNC? 'for' star_expressions
void* Parser::invalid_for_target() {
  if (error_) return nullptr;
  int start = mark_;
  expect(Tok::KW_ASYNC);
  if (expect(Tok::KW_FOR)) {
    if (Expr* a = star_expressions()) return raise_invalid_target(Targets::kFor, a);
  }
  mark_ = start;
  return nullptr;
}

// invalid_for_if_clause: ASYNC? 'for' (bitwise_or (',' bitwise_or)* [',']) !'in'
void* Parser::invalid_for_if_clause() {
  if (error_) return nullptr;
  int start = mark_;
  expect(Tok::KW_ASYNC);
  if (expect(Tok::KW_FOR) && bitwise_or()) {
    for (;;) {
      int m = mark_;
      if (expect(Tok::COMMA) && bitwise_or()) continue;
      mark_ = m;
      break;
    }
    if (!error_) {
      expect(Tok::COMMA);
      if (!error_ && !at(Tok::KW_IN) && !error_) return raise_syntax_error("'in' expected after for-loop variables");
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_group: '(' starred_expression ')' | '(' '**' expression ')'
void* Parser::invalid_group() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LPAR)) {
    Expr* a = starred_expression();
    if (a && expect(Tok::RPAR)) return raise_known_location(a->loc, "cannot use starred expression here");
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::LPAR)) {
    if (Token* a = expect(Tok::DOUBLESTAR)) {
      if (expression() && expect(Tok::RPAR)) {
        return raise_known_location(tok_loc(a), "cannot use double starred expression here");
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_import: 'import' ','.dotted_name+ 'from' dotted_name | 'import' NEWLINE
void* Parser::invalid_import() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* a = expect(Tok::KW_IMPORT)) {
    if (dotted_name()) {
      for (;;) {
        int m = mark_;
        if (expect(Tok::COMMA) && dotted_name()) continue;
        mark_ = m;
        break;
      }
      if (!error_ && expect(Tok::KW_FROM) && dotted_name()) {
        return raise_starting_from(tok_loc(a), "Did you mean to use 'from ... import ...' instead?");
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::KW_IMPORT)) {
    if (Token* t = expect(Tok::NEWLINE)) {
      return raise_starting_from(tok_loc(t), "Expected one or more names after 'import'");
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_import_from_targets: import_from_as_names ',' NEWLINE | NEWLINE
void* Parser::invalid_import_from_targets() {
  if (error_) return nullptr;
  int start = mark_;
  Aliases names;
  if (import_from_as_names(&names) && expect(Tok::COMMA) && expect(Tok::NEWLINE)) {
    return raise_syntax_error("trailing comma not allowed without surrounding parentheses");
  }
  mark_ = start;
  if (error_) return nullptr;
  if (Token* t = expect(Tok::NEWLINE)) {
    return raise_starting_from(tok_loc(t), "Expected one or more names after 'import'");
  }
  mark_ = start;
  return nullptr;
}

// The item lists of the invalid with-statement rules: ','.(expression ['as' star_target])+ and the same with
// expressions.
static bool with_items_loose(Parser* p, bool plural) {
  auto one = [&]() {
    Expr* e = plural ? p->expressions() : p->expression();
    if (!e) return false;
    int m = p->mark_;
    if (!(p->expect(Tok::KW_AS) && p->star_target())) p->mark_ = m;
    return !p->failed();
  };
  if (!one()) return false;
  for (;;) {
    int m = p->mark_;
    if (p->expect(Tok::COMMA) && one()) continue;
    p->mark_ = m;
    break;
  }
  return !p->failed();
}

// invalid_with_stmt:
//     | [ASYNC] 'with' ','.(expression ['as' star_target])+ NEWLINE
//     | [ASYNC] 'with' '(' ','.(expressions ['as' star_target])+ ','? ')' NEWLINE
void* Parser::invalid_with_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  expect(Tok::KW_ASYNC);
  if (expect(Tok::KW_WITH) && with_items_loose(this, false) && expect(Tok::NEWLINE)) {
    return raise_syntax_error("expected ':'");
  }
  mark_ = start;
  if (error_) return nullptr;
  expect(Tok::KW_ASYNC);
  if (expect(Tok::KW_WITH) && expect(Tok::LPAR) && with_items_loose(this, true)) {
    expect(Tok::COMMA);
    if (!error_ && expect(Tok::RPAR) && expect(Tok::NEWLINE)) return raise_syntax_error("expected ':'");
  }
  mark_ = start;
  return nullptr;
}

// invalid_with_stmt_indent: the same two forms followed by ':' NEWLINE !INDENT
void* Parser::invalid_with_stmt_indent() {
  if (error_) return nullptr;
  int start = mark_;
  for (int parens = 0; parens < 2; parens++) {
    mark_ = start;
    expect(Tok::KW_ASYNC);
    Token* a = expect(Tok::KW_WITH);
    if (!a) continue;
    bool ok;
    if (parens) {
      ok = expect(Tok::LPAR) && with_items_loose(this, true);
      if (ok) {
        expect(Tok::COMMA);
        ok = !error_ && expect(Tok::RPAR);
      }
    } else {
      ok = with_items_loose(this, false);
    }
    if (ok && expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
      return raise_indentation_error(
          fmt::format("expected an indented block after 'with' statement on line {}", a->lineno));
    }
    if (error_) return nullptr;
  }
  mark_ = start;
  return nullptr;
}

// invalid_try_stmt:
//     | 'try' ':' NEWLINE !INDENT
//     | 'try' ':' block !('except' | 'finally')
//     | 'try' ':' block* except_block+ 'except' '*' expression ['as' NAME] ':'
//     | 'try' ':' block* except_star_block+ 'except' [expression ['as' NAME]] ':'
void* Parser::invalid_try_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* a = expect(Tok::KW_TRY)) {
    if (expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
      return raise_indentation_error(
          fmt::format("expected an indented block after 'try' statement on line {}", a->lineno));
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  Stmts b;
  if (expect(Tok::KW_TRY) && expect(Tok::COLON) && block(&b)) {
    if (!at(Tok::KW_EXCEPT) && !at(Tok::KW_FINALLY) && !error_) {
      return raise_syntax_error("expected 'except' or 'finally' block");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  auto as_name = [&]() {
    int m = mark_;
    if (!(expect(Tok::KW_AS) && expect(Tok::NAME))) mark_ = m;
  };
  for (int star = 0; star < 2; star++) {
    mark_ = start;
    if (!(expect(Tok::KW_TRY) && expect(Tok::COLON))) break;
    while (block(&b)) {
    }
    if (error_) return nullptr;
    int n = 0;
    while ((star ? except_star_block() : except_block())) n++;
    if (error_) return nullptr;
    if (n == 0) continue;
    Token* a = expect(Tok::KW_EXCEPT);
    if (!a) continue;
    if (!star) {
      Token* st = expect(Tok::STAR);
      if (st && expression()) {
        as_name();
        if (!error_ && expect(Tok::COLON)) {
          return raise_known_range(tok_loc(a), tok_loc(st),
                                   "cannot have both 'except' and 'except*' on the same 'try'");
        }
      }
    } else {
      int m = mark_;
      if (expression()) {
        as_name();
      } else {
        mark_ = m;
      }
      if (!error_ && expect(Tok::COLON)) {
        return raise_known_location(tok_loc(a), "cannot have both 'except' and 'except*' on the same 'try'");
      }
    }
    if (error_) return nullptr;
  }
  mark_ = start;
  return nullptr;
}

// invalid_except_stmt:
//     | 'except' '*'? expression ',' expressions ['as' NAME] ':'
//     | 'except' '*'? expression ['as' NAME] NEWLINE
//     | 'except' NEWLINE
//     | 'except' '*' (NEWLINE | ':')
void* Parser::invalid_except_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  auto as_name = [&]() {
    int m = mark_;
    if (!(expect(Tok::KW_AS) && expect(Tok::NAME))) mark_ = m;
  };
  if (expect(Tok::KW_EXCEPT)) {
    expect(Tok::STAR);
    Expr* a = expression();
    if (a && expect(Tok::COMMA) && expressions()) {
      as_name();
      if (!error_ && expect(Tok::COLON)) {
        return raise_starting_from(a->loc, "multiple exception types must be parenthesized");
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::KW_EXCEPT)) {
    expect(Tok::STAR);
    if (expression()) {
      as_name();
      if (!error_ && expect(Tok::NEWLINE)) return raise_syntax_error("expected ':'");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::KW_EXCEPT) && expect(Tok::NEWLINE)) return raise_syntax_error("expected ':'");
  mark_ = start;
  if (error_) return nullptr;
  if (expect(Tok::KW_EXCEPT) && expect(Tok::STAR) && (expect(Tok::NEWLINE) || expect(Tok::COLON))) {
    return raise_syntax_error("expected one or more exception types");
  }
  mark_ = start;
  return nullptr;
}

// invalid_finally_stmt: 'finally' ':' NEWLINE !INDENT
void* Parser::invalid_finally_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* a = expect(Tok::KW_FINALLY)) {
    if (expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
      return raise_indentation_error(
          fmt::format("expected an indented block after 'finally' statement on line {}", a->lineno));
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_except_stmt_indent: 'except' expression ['as' NAME] ':' NEWLINE !INDENT | 'except' ':' NEWLINE !INDENT
void* Parser::invalid_except_stmt_indent() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* a = expect(Tok::KW_EXCEPT)) {
    if (expression()) {
      int m = mark_;
      if (!(expect(Tok::KW_AS) && expect(Tok::NAME))) mark_ = m;
      if (!error_ && expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
        return raise_indentation_error(
            fmt::format("expected an indented block after 'except' statement on line {}", a->lineno));
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (Token* a = expect(Tok::KW_EXCEPT)) {
    if (expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
      return raise_indentation_error(
          fmt::format("expected an indented block after 'except' statement on line {}", a->lineno));
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_except_star_stmt_indent: 'except' '*' expression ['as' NAME] ':' NEWLINE !INDENT
void* Parser::invalid_except_star_stmt_indent() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* a = expect(Tok::KW_EXCEPT)) {
    if (expect(Tok::STAR) && expression()) {
      int m = mark_;
      if (!(expect(Tok::KW_AS) && expect(Tok::NAME))) mark_ = m;
      if (!error_ && expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
        return raise_indentation_error(
            fmt::format("expected an indented block after 'except*' statement on line {}", a->lineno));
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// The "expected ':'" / "expected an indented block after ..." pair shared by if, elif and while:
//     | KW named_expression NEWLINE
//     | KW named_expression ':' NEWLINE !INDENT
static void* invalid_cond_stmt(Parser* p, Tok kw, const char* what) {
  int start = p->mark_;
  if (p->expect(kw) && p->named_expression() && p->expect(Tok::NEWLINE)) return p->raise_syntax_error("expected ':'");
  p->mark_ = start;
  if (p->failed()) return nullptr;
  if (Token* a = p->expect(kw)) {
    if (p->named_expression() && p->expect(Tok::COLON) && p->expect(Tok::NEWLINE) && !p->at(Tok::INDENT) &&
        !p->failed()) {
      return p->raise_indentation_error(
          fmt::format("expected an indented block after '{}' statement on line {}", what, a->lineno));
    }
  }
  p->mark_ = start;
  return nullptr;
}

void* Parser::invalid_if_stmt() { return error_ ? nullptr : invalid_cond_stmt(this, Tok::KW_IF, "if"); }
void* Parser::invalid_elif_stmt() { return error_ ? nullptr : invalid_cond_stmt(this, Tok::KW_ELIF, "elif"); }
void* Parser::invalid_while_stmt() { return error_ ? nullptr : invalid_cond_stmt(this, Tok::KW_WHILE, "while"); }

// invalid_else_stmt: 'else' ':' NEWLINE !INDENT
void* Parser::invalid_else_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* a = expect(Tok::KW_ELSE)) {
    if (expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
      return raise_indentation_error(
          fmt::format("expected an indented block after 'else' statement on line {}", a->lineno));
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_for_stmt:
//     | [ASYNC] 'for' star_targets 'in' star_expressions NEWLINE
//     | [ASYNC] 'for' star_targets 'in' star_expressions ':' NEWLINE !INDENT
void* Parser::invalid_for_stmt() {
  if (error_) return nullptr;
  int start = mark_;
  expect(Tok::KW_ASYNC);
  if (expect(Tok::KW_FOR) && star_targets() && expect(Tok::KW_IN) && star_expressions() && expect(Tok::NEWLINE)) {
    return raise_syntax_error("expected ':'");
  }
  mark_ = start;
  if (error_) return nullptr;
  expect(Tok::KW_ASYNC);
  if (Token* a = expect(Tok::KW_FOR)) {
    if (star_targets() && expect(Tok::KW_IN) && star_expressions() && expect(Tok::COLON) && expect(Tok::NEWLINE) &&
        !at(Tok::INDENT) && !error_) {
      return raise_indentation_error(
          fmt::format("expected an indented block after 'for' statement on line {}", a->lineno));
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_def_raw: [ASYNC] 'def' NAME [type_params] '(' [params] ')' ['->' expression] ':' NEWLINE !INDENT
void* Parser::invalid_def_raw() {
  if (error_) return nullptr;
  int start = mark_;
  expect(Tok::KW_ASYNC);
  if (Token* a = expect(Tok::KW_DEF)) {
    if (expect(Tok::NAME)) {
      TypeParams tp;
      type_params(&tp);
      if (!error_ && expect(Tok::LPAR)) {
        params();
        if (!error_ && expect(Tok::RPAR)) {
          int m = mark_;
          if (!(expect(Tok::RARROW) && expression())) mark_ = m;
          if (!error_ && expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
            return raise_indentation_error(
                fmt::format("expected an indented block after function definition on line {}", a->lineno));
          }
        }
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_class_def_raw:
//     | 'class' NAME [type_params] ['(' [arguments] ')'] NEWLINE
//     | 'class' NAME [type_params] ['(' [arguments] ')'] ':' NEWLINE !INDENT
void* Parser::invalid_class_def_raw() {
  if (error_) return nullptr;
  int start = mark_;
  for (int alt = 0; alt < 2; alt++) {
    mark_ = start;
    Token* a = expect(Tok::KW_CLASS);
    if (!a || !expect(Tok::NAME)) break;
    TypeParams tp;
    type_params(&tp);
    if (error_) return nullptr;
    int m = mark_;
    if (expect(Tok::LPAR)) {
      arguments();
      if (error_) return nullptr;
      if (!expect(Tok::RPAR)) mark_ = m;
    }
    if (error_) return nullptr;
    if (alt == 0) {
      if (expect(Tok::NEWLINE)) return raise_syntax_error("expected ':'");
    } else if (expect(Tok::COLON) && expect(Tok::NEWLINE) && !at(Tok::INDENT) && !error_) {
      return raise_indentation_error(
          fmt::format("expected an indented block after class definition on line {}", a->lineno));
    }
    if (error_) return nullptr;
  }
  mark_ = start;
  return nullptr;
}

// invalid_double_starred_kvpairs (after '{'):
//     | ','.double_starred_kvpair+ ',' invalid_kvpair
//     | expression ':' '*' bitwise_or
//     | expression ':' &('}'|',')
void* Parser::invalid_double_starred_kvpairs() {
  if (error_) return nullptr;
  int start = mark_;
  if (double_starred_kvpair()) {
    for (;;) {
      int m = mark_;
      if (expect(Tok::COMMA) && double_starred_kvpair()) continue;
      mark_ = m;
      break;
    }
    if (!error_ && expect(Tok::COMMA)) {
      invalid_kvpair();
      if (error_) return nullptr;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expression() && expect(Tok::COLON)) {
    if (Token* a = expect(Tok::STAR)) {
      if (bitwise_or()) return raise_starting_from(tok_loc(a), "cannot use a starred expression in a dictionary value");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expression()) {
    if (Token* a = expect(Tok::COLON)) {
      if (at(Tok::RBRACE) || at(Tok::COMMA)) {
        return raise_known_location(tok_loc(a), "expression expected after dictionary key and ':'");
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_kvpair:
//     | expression !(':')
//     | expression ':' '*' bitwise_or
//     | expression ':' &('}'|',')
void* Parser::invalid_kvpair() {
  if (error_) return nullptr;
  int start = mark_;
  if (Expr* a = expression()) {
    if (!at(Tok::COLON) && !error_) {
      return raise_error_known_location(SyntaxErrorInfo::Type::kSyntaxError, a->loc.lineno, a->loc.end_col_offset,
                                        a->loc.end_lineno, 0, "':' expected after dictionary key");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expression() && expect(Tok::COLON)) {
    if (Token* a = expect(Tok::STAR)) {
      if (bitwise_or()) return raise_starting_from(tok_loc(a), "cannot use a starred expression in a dictionary value");
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (expression()) {
    if (Token* a = expect(Tok::COLON)) {
      if (at(Tok::RBRACE) || at(Tok::COMMA)) {
        return raise_known_location(tok_loc(a), "expression expected after dictionary key and ':'");
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_starred_expression: '*' expression '=' expression
void* Parser::invalid_starred_expression() {
  if (error_) return nullptr;
  int start = mark_;
  if (Token* a = expect(Tok::STAR)) {
    if (expression() && expect(Tok::EQUAL)) {
      if (Expr* b = expression())
        return raise_known_range(tok_loc(a), b->loc, "cannot assign to iterable argument unpacking");
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_replacement_field (f-strings): the missing or misplaced parts of '{' expr '='? ['!' NAME] [':' spec] '}'.
void* Parser::invalid_replacement_field() {
  if (error_) return nullptr;
  int start = mark_;
  if (!expect(Tok::LBRACE)) return nullptr;
  Token* t = peek();
  if (!t) return nullptr;
  const char* before = nullptr;
  switch (t->kind) {
    case Tok::EQUAL:
      before = "=";
      break;
    case Tok::EXCLAMATION:
      before = "!";
      break;
    case Tok::COLON:
      before = ":";
      break;
    case Tok::RBRACE:
      before = "}";
      break;
    default:
      break;
  }
  if (before)
    return raise_known_location(tok_loc(t), fmt::format("f-string: valid expression required before '{}'", before));
  int after_brace = mark_;
  if (!lookahead([&] { return annotated_rhs(); })) {
    if (error_) return nullptr;
    return raise_syntax_error_on_next_token("f-string: expecting a valid expression after '{'");
  }
  if (error_) return nullptr;
  mark_ = after_brace;
  annotated_rhs();
  if (error_) return nullptr;
  if (!(at(Tok::EQUAL) || at(Tok::EXCLAMATION) || at(Tok::COLON) || at(Tok::RBRACE))) {
    if (error_) return nullptr;
    return raise_syntax_error_on_next_token("f-string: expecting '=', or '!', or ':', or '}'");
  }
  if (expect(Tok::EQUAL)) {
    if (!(at(Tok::EXCLAMATION) || at(Tok::COLON) || at(Tok::RBRACE))) {
      if (error_) return nullptr;
      return raise_syntax_error_on_next_token("f-string: expecting '!', or ':', or '}'");
    }
  }
  int after_eq = mark_;
  // '{' annotated_rhs '='? invalid_conversion_character
  if (expect(Tok::EXCLAMATION)) {
    if (at(Tok::COLON) || at(Tok::RBRACE))
      return raise_syntax_error_on_next_token("f-string: missing conversion character");
    if (!at(Tok::NAME)) {
      if (error_) return nullptr;
      return raise_syntax_error_on_next_token("f-string: invalid conversion character");
    }
  }
  mark_ = after_eq;
  if (error_) return nullptr;
  {
    int m = mark_;
    if (!(expect(Tok::EXCLAMATION) && expect(Tok::NAME))) mark_ = m;
  }
  if (!(at(Tok::COLON) || at(Tok::RBRACE))) {
    if (error_) return nullptr;
    return raise_syntax_error_on_next_token("f-string: expecting ':' or '}'");
  }
  int after_conv = mark_;
  if (expect(Tok::COLON)) {
    while (fstring_format_spec()) {
    }
    if (error_) return nullptr;
    if (!at(Tok::RBRACE)) {
      if (error_) return nullptr;
      return raise_syntax_error_on_next_token("f-string: expecting '}', or format specs");
    }
  }
  mark_ = after_conv;
  if (!at(Tok::RBRACE)) {
    if (error_) return nullptr;
    return raise_syntax_error_on_next_token("f-string: expecting '}'");
  }
  mark_ = start;
  return nullptr;
}

// invalid_arithmetic: sum ('+'|'-'|'*'|'/'|'%'|'//'|'@') 'not' inversion
void* Parser::invalid_arithmetic() {
  if (error_) return nullptr;
  int start = mark_;
  if (sum()) {
    Token* op = peek();
    if (op && (op->kind == Tok::PLUS || op->kind == Tok::MINUS || op->kind == Tok::STAR || op->kind == Tok::SLASH ||
               op->kind == Tok::PERCENT || op->kind == Tok::DOUBLESLASH || op->kind == Tok::AT)) {
      mark_++;
      if (Token* a = expect(Tok::KW_NOT)) {
        if (Expr* b = inversion()) {
          return raise_known_range(tok_loc(a), b->loc, "'not' after an operator must be parenthesized");
        }
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_factor: ('+' | '-' | '~') 'not' factor
void* Parser::invalid_factor() {
  if (error_) return nullptr;
  int start = mark_;
  Token* op = peek();
  if (op && (op->kind == Tok::PLUS || op->kind == Tok::MINUS || op->kind == Tok::TILDE)) {
    mark_++;
    if (Token* a = expect(Tok::KW_NOT)) {
      if (Expr* b = factor())
        return raise_known_range(tok_loc(a), b->loc, "'not' after an operator must be parenthesized");
    }
  }
  mark_ = start;
  return nullptr;
}

// invalid_type_params: '[' ']'
void* Parser::invalid_type_params() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::LSQB)) {
    if (Token* t = expect(Tok::RSQB)) return raise_starting_from(tok_loc(t), "Type parameter list cannot be empty");
  }
  mark_ = start;
  return nullptr;
}

}  // namespace pyvm::compiler
