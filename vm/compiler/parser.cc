// The parser's core: the two passes, token buffering, memoisation, positions and node helpers.
#include "vm/compiler/parser_impl.h"
#include "vm/compiler/unicode.h"

namespace pyvm::compiler {

namespace {

struct Memo {
  MemoRule rule;
  int mark;
  void* result;
  Memo* next;
};

}  // namespace

Parser::Parser(std::string_view source, Arena& arena) : src_(source), arena_(arena), tokenizer_(source) {
  tokenizer_.set_warnings(&warnings_);
}

Token* Parser::peek_slow() {
  if (error_) return nullptr;
  // Read one more token.
  if ((fill_ >> kBlockShift) >= static_cast<int>(blocks_.size())) {
    blocks_.emplace_back(new Token[kBlockSize]);
  }
  Token* t = tok(fill_);
  Tok k = tokenizer_.next(t);
  fill_++;
  if (k == Tok::ERRORTOKEN) {
    tokenizer_error();
    return nullptr;
  }
  return t;
}

Token* Parser::expect_soft(std::string_view kw) {
  Token* t = peek();
  if (t && t->kind == Tok::NAME && text(t) == kw) {
    mark_++;
    return t;
  }
  return nullptr;
}

Token* Parser::expect_forced(Tok k, const char* spelling) {
  if (error_) return nullptr;
  Token* t = peek();
  if (!t) return nullptr;
  if (t->kind != k) {
    raise_error_at_token(SyntaxErrorInfo::Type::kSyntaxError, t, std::string("expected '") + spelling + "'");
    return nullptr;
  }
  mark_++;
  return t;
}

Token* Parser::last_non_whitespace_token() {
  Token* t = nullptr;
  for (int m = mark_ - 1; m >= 0; m--) {
    t = tok(m);
    if (t->kind != Tok::ENDMARKER && (t->kind < Tok::NEWLINE || t->kind > Tok::DEDENT)) break;
  }
  return t;
}

Loc Parser::loc_from(int start_mark) {
  Token* s = tok(start_mark);
  Token* e = last_non_whitespace_token();
  if (!e) e = s;
  return Loc{s->lineno, s->col_offset, e->end_lineno, e->end_col_offset};
}

bool Parser::memo_get(MemoRule rule, void** result) {
  Token* t = peek();
  if (!t) return false;
  for (Memo* m = static_cast<Memo*>(t->memo); m; m = m->next) {
    if (m->rule == rule) {
      mark_ = m->mark;
      *result = m->result;
      return true;
    }
  }
  return false;
}

// Only called after memo_get missed for the same rule and mark, so the entry is new.
void Parser::memo_put(int mark, MemoRule rule, void* result) {
  Token* t = tok(mark);
  Memo* m = arena_.make<Memo>(rule, mark_, result, static_cast<Memo*>(t->memo));
  t->memo = m;
}

void Parser::stack_overflow() {
  // CPython raises MemoryError here (compile_source turns kMemoryError into a bare MemoryError).
  error_ = true;
  if (!has_exception_) {
    has_exception_ = true;
    err_.type = SyntaxErrorInfo::Type::kMemoryError;
    err_.msg = "Parser stack overflowed - Python source too complex to parse";
    err_.lineno = err_.end_lineno = 0;
    err_.offset = err_.end_offset = 0;
  }
}

Str Parser::identifier(const Token* t) {
  std::string_view s = text(t);
  if (t->nonascii) return arena_.copy_str(nfkc(s));
  return Str{s.data(), static_cast<uint32_t>(s.size())};
}

Expr* Parser::name_expr(const Token* t, ExprContext ctx) {
  Expr* e = new_expr(ExprKind::Name, tok_loc(t));
  e->v.Name.id = identifier(t);
  e->v.Name.ctx = ctx;
  return e;
}

Expr* Parser::name_token() {
  Token* t = expect(Tok::NAME);
  return t ? name_expr(t) : nullptr;
}

// CPython's _PyPegen_set_expr_context: a copy of the node with the new context, recursively for tuples, lists and
// starred expressions (other kinds are returned unchanged).
Expr* Parser::set_expr_context(Expr* e, ExprContext ctx) {
  Expr* n = nullptr;
  switch (e->kind) {
    case ExprKind::Name:
      n = new_expr(ExprKind::Name, e->loc);
      n->v.Name.id = e->v.Name.id;
      n->v.Name.ctx = ctx;
      return n;
    case ExprKind::Tuple:
    case ExprKind::List: {
      Exprs elts = e->kind == ExprKind::Tuple ? e->v.Tuple.elts : e->v.List.elts;
      Exprs ne = elts;
      if (elts.size) {
        ne.data = arena_.alloc_array<Expr*>(elts.size);
        for (uint32_t i = 0; i < elts.size; i++) ne.data[i] = set_expr_context(elts[i], ctx);
      }
      n = new_expr(e->kind, e->loc);
      if (e->kind == ExprKind::Tuple) {
        n->v.Tuple.elts = ne;
        n->v.Tuple.ctx = ctx;
      } else {
        n->v.List.elts = ne;
        n->v.List.ctx = ctx;
      }
      return n;
    }
    case ExprKind::Subscript:
      n = new_expr(ExprKind::Subscript, e->loc);
      n->v.Subscript = e->v.Subscript;
      n->v.Subscript.ctx = ctx;
      return n;
    case ExprKind::Attribute:
      n = new_expr(ExprKind::Attribute, e->loc);
      n->v.Attribute = e->v.Attribute;
      n->v.Attribute.ctx = ctx;
      return n;
    case ExprKind::Starred:
      n = new_expr(ExprKind::Starred, e->loc);
      n->v.Starred.value = set_expr_context(e->v.Starred.value, ctx);
      n->v.Starred.ctx = ctx;
      return n;
    default:
      return e;
  }
}

Expr* Parser::constant(ConstantValue::Kind k, const Loc& l) {
  Expr* e = new_expr(ExprKind::Constant, l);
  e->v.Constant.value.kind = k;
  return e;
}

Arguments* Parser::empty_arguments() { return new_node<Arguments>(arena_); }

Mod* Parser::run(ParseMode mode) {
  mode_ = mode;
  Mod* res = mode == ParseMode::kFile ? file_rule() : eval_rule();
  if (res) return res;
  if (has_exception_ && err_.type == SyntaxErrorInfo::Type::kMemoryError) return nullptr;
  // The second pass, with the invalid_* rules, for a precise message.
  int last_token = fill_ - 1;
  for (int i = 0; i < fill_; i++) tok(i)->memo = nullptr;
  mark_ = 0;
  call_invalid_rules_ = true;
  if (mode == ParseMode::kFile) {
    file_rule();
  } else {
    eval_rule();
  }
  set_syntax_error(last_token);
  return nullptr;
}

ParseResult parse(std::string_view source, ParseMode mode, Arena& arena, int feature_version) {
  ParseResult r;
  Parser p(source, arena);
  p.set_feature_version(feature_version);
  r.mod = p.run(mode);
  if (!r.mod) r.error = p.error();
  r.warnings = std::move(p.warnings());
  return r;
}

ParseResult parse_bytes(std::string_view bytes, ParseMode mode, Arena& arena, std::string* storage,
                        int feature_version) {
  ParseResult r;
  if (!decode_source(bytes, storage, &r.error)) return r;
  return parse(*storage, mode, arena, feature_version);
}

}  // namespace pyvm::compiler
