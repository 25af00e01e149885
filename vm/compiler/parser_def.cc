// Definitions: decorators, classes, functions and their parameters (also a lambda's), type aliases and type
// parameter lists.
#include <fmt/format.h>

#include "vm/compiler/parser_impl.h"

namespace pyvm::compiler {

// decorators: ('@' named_expression NEWLINE)+
bool Parser::decorators(Exprs* out) {
  if (error_) return false;
  SmallVec<Expr*> v;
  for (;;) {
    int m = mark_;
    if (expect(Tok::AT)) {
      Expr* f = named_expression();
      if (f && expect(Tok::NEWLINE)) {
        v.push_back(f);
        continue;
      }
    }
    mark_ = m;
    break;
  }
  if (error_ || v.empty()) return false;
  *out = seq(v);
  return true;
}

// class_def: decorators class_def_raw | class_def_raw
Stmt* Parser::class_def() {
  if (error_) return nullptr;
  int start = mark_;
  Exprs decos;
  if (decorators(&decos)) {
    if (Stmt* b = class_def_raw()) {
      Stmt* s = new_stmt(StmtKind::ClassDef, b->loc);
      s->v.ClassDef = b->v.ClassDef;
      s->v.ClassDef.decorator_list = decos;
      return s;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  return class_def_raw();
}

// class_def_raw: invalid_class_def_raw
//              | 'class' NAME [type_params] ['(' [arguments] ')'] ':' block
Stmt* Parser::class_def_raw() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_class_def_raw();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (expect(Tok::KW_CLASS)) {
    if (Token* a = expect(Tok::NAME)) {
      TypeParams tp{};
      type_params(&tp);
      if (!error_) {
        Expr* b = nullptr;
        int m = mark_;
        if (expect(Tok::LPAR)) {
          Expr* z = arguments();
          if (!error_ && expect(Tok::RPAR)) {
            b = z;
          } else {
            mark_ = m;
          }
        }
        Stmts body;
        if (!error_ && expect(Tok::COLON) && block(&body)) {
          Stmt* s = new_stmt(StmtKind::ClassDef, loc_from(start));
          s->v.ClassDef.name = identifier(a);
          if (b) {
            s->v.ClassDef.bases = b->v.Call.args;
            s->v.ClassDef.keywords = b->v.Call.keywords;
          }
          s->v.ClassDef.body = body;
          s->v.ClassDef.type_params = tp;
          return s;
        }
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// function_def: decorators function_def_raw | function_def_raw
Stmt* Parser::function_def() {
  if (error_) return nullptr;
  int start = mark_;
  Exprs decos;
  if (decorators(&decos)) {
    if (Stmt* f = function_def_raw()) {
      Stmt* s = new_stmt(f->kind, f->loc);
      s->v.FunctionDef = f->v.FunctionDef;
      s->v.FunctionDef.decorator_list = decos;
      return s;
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  return function_def_raw();
}

// function_def_raw: invalid_def_raw
//   | 'def' NAME [type_params] &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
//   | ASYNC 'def' NAME [type_params] &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
Stmt* Parser::function_def_raw() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_def_raw();
    mark_ = start;
    if (error_) return nullptr;
  }
  for (int async = 0; async < 2; async++) {
    mark_ = start;
    if (async && !expect(Tok::KW_ASYNC)) break;
    if (!expect(Tok::KW_DEF)) continue;
    Token* n = expect(Tok::NAME);
    if (!n) continue;
    TypeParams tp{};
    type_params(&tp);
    if (error_) return nullptr;
    if (!expect_forced(Tok::LPAR, "(")) return nullptr;
    Arguments* args = params();
    if (error_) return nullptr;
    if (!expect(Tok::RPAR)) continue;
    Expr* returns = nullptr;
    int m = mark_;
    if (expect(Tok::RARROW)) {
      returns = expression();
      if (!returns) mark_ = m;
    }
    if (error_) return nullptr;
    if (!expect_forced(Tok::COLON, ":")) return nullptr;
    Stmts body;
    if (!block(&body)) {
      if (error_) return nullptr;
      continue;
    }
    Stmt* s = new_stmt(async ? StmtKind::AsyncFunctionDef : StmtKind::FunctionDef, loc_from(start));
    s->v.FunctionDef.name = identifier(n);
    s->v.FunctionDef.args = args ? args : empty_arguments();
    s->v.FunctionDef.body = body;
    s->v.FunctionDef.returns = returns;
    s->v.FunctionDef.type_params = tp;
    return s;
  }
  mark_ = start;
  return nullptr;
}

// params: invalid_parameters | parameters
Arguments* Parser::params() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_parameters();
    mark_ = start;
    if (error_) return nullptr;
  }
  return parameters();
}

// parameters:
//     | slash_no_default param_no_default* param_with_default* [star_etc]
//     | slash_with_default param_with_default* [star_etc]
//     | param_no_default+ param_with_default* [star_etc]
//     | param_with_default+ [star_etc]
//     | star_etc
Arguments* Parser::parameters() {
  if (error_) return nullptr;
  int start = mark_;
  auto no_defaults = [&](Args* out) {
    SmallVec<Arg*> v;
    while (Arg* a = param_no_default()) v.push_back(a);
    *out = seq(v);
    return !v.empty();
  };
  auto with_defaults = [&](Seq<NameDefaultPair*>* out) {
    SmallVec<NameDefaultPair*> v;
    while (NameDefaultPair* a = param_with_default()) v.push_back(a);
    *out = seq(v);
    return !v.empty();
  };
  {
    Args a;
    if (slash_no_default(&a)) {
      Args b;
      Seq<NameDefaultPair*> c;
      no_defaults(&b);
      if (!error_) with_defaults(&c);
      if (!error_) {
        StarEtc* d = star_etc();
        if (!error_) return make_arguments(&a, nullptr, &b, &c, d);
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (SlashWithDefault* a = slash_with_default()) {
    Seq<NameDefaultPair*> b;
    with_defaults(&b);
    if (!error_) {
      StarEtc* c = star_etc();
      if (!error_) return make_arguments(nullptr, a, nullptr, &b, c);
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Args a;
    if (no_defaults(&a)) {
      Seq<NameDefaultPair*> b;
      with_defaults(&b);
      if (!error_) {
        StarEtc* c = star_etc();
        if (!error_) return make_arguments(nullptr, nullptr, &a, &b, c);
      }
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  {
    Seq<NameDefaultPair*> a;
    if (with_defaults(&a)) {
      StarEtc* b = star_etc();
      if (!error_) return make_arguments(nullptr, nullptr, nullptr, &a, b);
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (StarEtc* a = star_etc()) return make_arguments(nullptr, nullptr, nullptr, nullptr, a);
  mark_ = start;
  return nullptr;
}

// slash_no_default: param_no_default+ '/' ',' | param_no_default+ '/' &')'
bool Parser::slash_no_default(Args* out) {
  if (error_) return false;
  int start = mark_;
  SmallVec<Arg*> v;
  while (Arg* a = param_no_default()) v.push_back(a);
  if (!error_ && !v.empty() && expect(Tok::SLASH)) {
    if (expect(Tok::COMMA) || at_params_end()) {
      *out = seq(v);
      return true;
    }
  }
  mark_ = start;
  return false;
}

// slash_with_default: param_no_default* param_with_default+ '/' ',' | ... '/' &')'
SlashWithDefault* Parser::slash_with_default() {
  if (error_) return nullptr;
  int start = mark_;
  SmallVec<Arg*> a;
  while (Arg* x = param_no_default()) a.push_back(x);
  SmallVec<NameDefaultPair*> b;
  while (!error_) {
    NameDefaultPair* y = param_with_default();
    if (!y) break;
    b.push_back(y);
  }
  if (!error_ && !b.empty() && expect(Tok::SLASH)) {
    if (expect(Tok::COMMA) || at_params_end()) {
      return arena_.make<SlashWithDefault>(seq(a), seq(b));
    }
  }
  mark_ = start;
  return nullptr;
}

// star_etc: invalid_star_etc
//     | '*' param_no_default param_maybe_default* [kwds]
//     | '*' param_no_default_star_annotation param_maybe_default* [kwds]
//     | '*' ',' param_maybe_default+ [kwds]
//     | kwds
StarEtc* Parser::star_etc() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_star_etc();
    mark_ = start;
    if (error_) return nullptr;
  }
  auto maybe_defaults = [&]() {
    SmallVec<NameDefaultPair*> v;
    while (NameDefaultPair* p = param_maybe_default()) v.push_back(p);
    return seq(v);
  };
  for (int variant = 0; variant < (lambda_params_ ? 1 : 2); variant++) {
    mark_ = start;
    if (!expect(Tok::STAR)) break;
    Arg* a = variant == 0 ? param_no_default() : param_no_default_star_annotation();
    if (a) {
      Seq<NameDefaultPair*> b = maybe_defaults();
      if (!error_) {
        Arg* c = kwds();
        if (!error_) return arena_.make<StarEtc>(a, b, c);
      }
    }
    if (error_) return nullptr;
  }
  mark_ = start;
  if (expect(Tok::STAR) && expect(Tok::COMMA)) {
    Seq<NameDefaultPair*> b = maybe_defaults();
    if (!error_ && b.size > 0) {
      Arg* c = kwds();
      if (!error_) return arena_.make<StarEtc>(nullptr, b, c);
    }
  }
  mark_ = start;
  if (error_) return nullptr;
  if (Arg* a = kwds()) return arena_.make<StarEtc>(nullptr, Seq<NameDefaultPair*>{}, a);
  mark_ = start;
  return nullptr;
}

// kwds: invalid_kwds | '**' param_no_default
Arg* Parser::kwds() {
  if (error_) return nullptr;
  int start = mark_;
  if (call_invalid_rules_) {
    invalid_kwds();
    mark_ = start;
    if (error_) return nullptr;
  }
  if (expect(Tok::DOUBLESTAR)) {
    if (Arg* a = param_no_default()) return a;
  }
  mark_ = start;
  return nullptr;
}

// param_no_default: param ',' | param &')'
Arg* Parser::param_no_default() {
  if (error_) return nullptr;
  int start = mark_;
  if (Arg* a = param()) {
    if (expect(Tok::COMMA) || at_params_end()) return a;
  }
  mark_ = start;
  return nullptr;
}

// param_no_default_star_annotation: param_star_annotation ',' | param_star_annotation &')'
Arg* Parser::param_no_default_star_annotation() {
  if (error_) return nullptr;
  int start = mark_;
  if (Arg* a = param_star_annotation()) {
    if (expect(Tok::COMMA) || at_params_end()) return a;
  }
  mark_ = start;
  return nullptr;
}

// param_with_default: param default ',' | param default &')'
NameDefaultPair* Parser::param_with_default() {
  if (error_) return nullptr;
  int start = mark_;
  if (Arg* a = param()) {
    if (Expr* c = default_rule()) {
      if (expect(Tok::COMMA) || at_params_end()) return arena_.make<NameDefaultPair>(a, c);
    }
  }
  mark_ = start;
  return nullptr;
}

// param_maybe_default: param default? ',' | param default? &')'
NameDefaultPair* Parser::param_maybe_default() {
  if (error_) return nullptr;
  int start = mark_;
  if (Arg* a = param()) {
    Expr* c = default_rule();
    if (!error_ && (expect(Tok::COMMA) || at_params_end())) return arena_.make<NameDefaultPair>(a, c);
  }
  mark_ = start;
  return nullptr;
}

// param: NAME annotation?   (lambda_param: NAME)
Arg* Parser::param() {
  if (error_) return nullptr;
  int start = mark_;
  Token* a = expect(Tok::NAME);
  if (!a) return nullptr;
  Expr* b = lambda_params_ ? nullptr : annotation();
  if (error_) return nullptr;
  Arg* r = new_node<Arg>(arena_);
  r->arg = identifier(a);
  r->annotation = b;
  r->loc = loc_from(start);
  return r;
}

// param_star_annotation: NAME star_annotation
Arg* Parser::param_star_annotation() {
  if (error_) return nullptr;
  int start = mark_;
  Token* a = expect(Tok::NAME);
  if (!a) return nullptr;
  Expr* b = star_annotation();
  if (!b) {
    mark_ = start;
    return nullptr;
  }
  Arg* r = new_node<Arg>(arena_);
  r->arg = identifier(a);
  r->annotation = b;
  r->loc = loc_from(start);
  return r;
}

// annotation: ':' expression
Expr* Parser::annotation() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::COLON)) {
    if (Expr* a = expression()) return a;
  }
  mark_ = start;
  return nullptr;
}

// star_annotation: ':' star_expression
Expr* Parser::star_annotation() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::COLON)) {
    if (Expr* a = star_expression()) return a;
  }
  mark_ = start;
  return nullptr;
}

// default: '=' expression | invalid_default
Expr* Parser::default_rule() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect(Tok::EQUAL)) {
    if (Expr* a = expression()) return a;
  }
  mark_ = start;
  if (error_) return nullptr;
  if (call_invalid_rules_) {
    invalid_default();
    mark_ = start;
  }
  return nullptr;
}

// CPython's _PyPegen_make_arguments.
Arguments* Parser::make_arguments(Seq<Arg*>* slash_without_default, SlashWithDefault* slash_with_default,
                                  Seq<Arg*>* plain_names, Seq<NameDefaultPair*>* names_with_default,
                                  StarEtc* star_etc) {
  auto names_of = [&](Seq<NameDefaultPair*> s, SmallVec<Arg*>& out) {
    for (NameDefaultPair* p : s) out.push_back(p->arg);
  };
  auto defaults_of = [&](Seq<NameDefaultPair*> s, SmallVec<Expr*>& out) {
    for (NameDefaultPair* p : s) out.push_back(p->value);
  };
  Arguments* r = new_node<Arguments>(arena_);
  if (slash_without_default || slash_with_default) check_version(8, "Positional-only parameters are");
  if (slash_without_default) {
    r->posonlyargs = *slash_without_default;
  } else if (slash_with_default) {
    SmallVec<Arg*> v;
    for (Arg* a : slash_with_default->plain_names) v.push_back(a);
    names_of(slash_with_default->names_with_defaults, v);
    r->posonlyargs = seq(v);
  }
  {
    SmallVec<Arg*> v;
    if (plain_names) {
      for (Arg* a : *plain_names) v.push_back(a);
    }
    if (names_with_default) names_of(*names_with_default, v);
    r->args = seq(v);
  }
  {
    SmallVec<Expr*> v;
    if (slash_with_default) defaults_of(slash_with_default->names_with_defaults, v);
    if (names_with_default) defaults_of(*names_with_default, v);
    r->defaults = seq(v);
  }
  if (star_etc) {
    r->vararg = star_etc->vararg;
    SmallVec<Arg*> n;
    SmallVec<Expr*> d;
    names_of(star_etc->kwonlyargs, n);
    defaults_of(star_etc->kwonlyargs, d);
    r->kwonlyargs = seq(n);
    r->kw_defaults = seq(d);
    r->kwarg = star_etc->kwarg;
  }
  return r;
}

// type_alias: "type" NAME [type_params] '=' expression
Stmt* Parser::type_alias() {
  if (error_) return nullptr;
  int start = mark_;
  if (expect_soft("type")) {
    if (Token* n = expect(Tok::NAME)) {
      TypeParams t{};
      type_params(&t);
      if (!error_ && expect(Tok::EQUAL)) {
        if (Expr* b = expression()) {
          Stmt* s = new_stmt(StmtKind::TypeAlias, loc_from(start));
          s->v.TypeAlias.name = name_expr(n, ExprContext::Store);
          s->v.TypeAlias.type_params = t;
          s->v.TypeAlias.value = b;
          check_version(12, "Type statement is");
          return s;
        }
      }
    }
  }
  mark_ = start;
  return nullptr;
}

// type_params: invalid_type_params | '[' type_param_seq ']'   (the empty-list check runs in both passes)
// type_param_seq: ','.type_param+ [',']
bool Parser::type_params(TypeParams* out) {
  if (error_) return false;
  int start = mark_;
  // CPython 3.13 reports an empty list in the first pass already (before a forced "expected '('").
  invalid_type_params();
  mark_ = start;
  if (error_) return false;
  if (expect(Tok::LSQB)) {
    SmallVec<TypeParam*> v;
    if (TypeParam* a = type_param()) {
      v.push_back(a);
      for (;;) {
        int m = mark_;
        if (expect(Tok::COMMA)) {
          if (TypeParam* b = type_param()) {
            v.push_back(b);
            continue;
          }
        }
        mark_ = m;
        break;
      }
      if (!error_) {
        expect(Tok::COMMA);
        if (!error_ && expect(Tok::RSQB)) {
          *out = seq(v);
          check_version(12, "Type parameter lists are");
          return true;
        }
      }
    }
  }
  mark_ = start;
  return false;
}

TypeParam* Parser::type_param() {
  if (error_) return nullptr;
  return type_param_raw();
}

// type_param:
//     | NAME [type_param_bound] [type_param_default]
//     | '*' NAME ':' expression   (an error: TypeVarTuple cannot have a bound)
//     | '*' NAME [type_param_starred_default]
//     | '**' NAME ':' expression  (an error: ParamSpec cannot have a bound)
//     | '**' NAME [type_param_default]
TypeParam* Parser::type_param_raw() {
  int start = mark_;
  auto opt = [&](Tok lead, bool star) -> Expr* {
    int m = mark_;
    if (expect(lead)) {
      if (Expr* e = star ? star_expression() : expression()) return e;
    }
    mark_ = m;
    return nullptr;
  };
  if (Token* a = expect(Tok::NAME)) {
    Expr* bound = opt(Tok::COLON, false);
    Expr* def = error_ ? nullptr : opt(Tok::EQUAL, false);
    if (error_) return nullptr;
    TypeParam* t = new_node<TypeParam>(arena_);
    t->kind = TypeParamKind::TypeVar;
    t->v.TypeVar.name = identifier(a);
    t->v.TypeVar.bound = bound;
    t->v.TypeVar.default_value = def;
    t->loc = loc_from(start);
    if (def) check_version(13, "Type parameter defaults are");
    return t;
  }
  for (int stars = 1; stars <= 2; stars++) {
    mark_ = start;
    if (error_) return nullptr;
    Tok lead = stars == 1 ? Tok::STAR : Tok::DOUBLESTAR;
    const char* what = stars == 1 ? "TypeVarTuple" : "ParamSpec";
    if (expect(lead) && expect(Tok::NAME)) {
      if (Token* colon = expect(Tok::COLON)) {
        if (Expr* e = expression()) {
          return static_cast<TypeParam*>(raise_starting_from(
              tok_loc(colon),
              fmt::format("cannot use {} with {}", e->kind == ExprKind::Tuple ? "constraints" : "bound", what)));
        }
      }
    }
    mark_ = start;
    if (error_) return nullptr;
    if (expect(lead)) {
      if (Token* a = expect(Tok::NAME)) {
        Expr* def = opt(Tok::EQUAL, stars == 1);
        if (error_) return nullptr;
        TypeParam* t = new_node<TypeParam>(arena_);
        if (stars == 1) {
          t->kind = TypeParamKind::TypeVarTuple;
          t->v.TypeVarTuple.name = identifier(a);
          t->v.TypeVarTuple.default_value = def;
        } else {
          t->kind = TypeParamKind::ParamSpec;
          t->v.ParamSpec.name = identifier(a);
          t->v.ParamSpec.default_value = def;
        }
        t->loc = loc_from(start);
        if (def) check_version(13, "Type parameter defaults are");
        return t;
      }
    }
  }
  mark_ = start;
  return nullptr;
}

}  // namespace pyvm::compiler
