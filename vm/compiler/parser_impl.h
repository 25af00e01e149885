// The parser's internals, shared by its source files: a hand-written PEG parser that follows CPython 3.13's
// Grammar/python.gram rule by rule (ordered choice, backtracking by token mark, memoised rules, a second pass with
// the invalid_* rules for precise error messages), so that it accepts and rejects exactly what CPython does.
//
// Conventions, as in CPython's generated parser: a rule returns null (or false) when it does not match, leaving
// mark_ where it was; after an error (error_ set) every rule returns null at once. Rules are named after the
// grammar's rules.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "vm/compiler/arena.h"
#include "vm/compiler/ast.h"
#include "vm/compiler/parser.h"
#include "vm/compiler/tokenizer.h"

namespace pyvm::compiler {

// Keyword/positional argument collection used while parsing calls (CPython's KeywordOrStarred).
struct KeywordOrStarred {
  void* element;  // Keyword* or Expr* (a Starred)
  bool is_keyword;
};

// Parameters under construction (CPython's NameDefaultPair, SlashWithDefault, StarEtc).
struct NameDefaultPair {
  Arg* arg;
  Expr* value;
};
struct SlashWithDefault {
  Seq<Arg*> plain_names;
  Seq<NameDefaultPair*> names_with_defaults;
};
struct StarEtc {
  Arg* vararg;
  Seq<NameDefaultPair*> kwonlyargs;
  Arg* kwarg;
};
struct KeyValuePair {
  Expr* key;
  Expr* value;
};
struct KeyPatternPair {
  Expr* key;
  Pattern* pattern;
};
struct CmpopExprPair {
  CmpOpKind op;
  Expr* expr;
};

// The rules whose results are memoised. CPython memoises more (and every left-recursive rule); these are the ones
// that are re-parsed at the same position often (measured over the standard library) or whose alternatives would
// otherwise re-parse nested brackets exponentially (the target rules). Results never depend on the memo.
enum class MemoRule : uint8_t {
  kSimpleStmt,
  kBlock,
  kExpression,
  kTPrimary,
  kArguments,
  kStrings,
  kClosedPattern,
  kInvalidNamedExpression,
  kStarTarget,
  kTargetWithStarAtom,
  kDelTarget,
};

class Parser {
 public:
  Parser(std::string_view source, Arena& arena);
  Mod* run(ParseMode mode);
  void set_feature_version(int minor) { feature_version_ = minor; }
  // CPython's CHECK_VERSION: a construct newer than the requested grammar raises "<what> only supported in Python
  // 3.<minor> and greater" at the last token.
  void check_version(int minor, const char* what) {
    if (feature_version_ < minor && !error_)
      raise_syntax_error(fmt::format("{} only supported in Python 3.{} and greater", what, minor));
  }
  const SyntaxErrorInfo& error() const { return err_; }
  std::vector<SyntaxWarningInfo>& warnings() { return warnings_; }

  // ---- tokens (parser.cc)
  Token* tok(int i) { return &blocks_[i >> kBlockShift][i & (kBlockSize - 1)]; }
  // The token at mark_, read from the tokenizer on demand; null after a tokenizer error.
  Token* peek() { return mark_ < fill_ ? tok(mark_) : peek_slow(); }
  Token* peek_slow();
  // Consumes and returns the token at mark_ if it has kind k.
  Token* expect(Tok k) {
    Token* t = peek();
    if (t && t->kind == k) {
      mark_++;
      return t;
    }
    return nullptr;
  }
  bool at(Tok k) {
    Token* t = peek();
    return t && t->kind == k;
  }
  // A NAME token spelling a soft keyword ("match", "case", "type", "_").
  Token* expect_soft(std::string_view kw);
  // CPython's &&tok: the token or an immediate "expected '...'" SyntaxError.
  Token* expect_forced(Tok k, const char* spelling);
  std::string_view text(const Token* t) const { return src_.substr(t->start, t->end - t->start); }
  int fill() const { return fill_; }
  Token* last_non_whitespace_token();

  // ---- positions
  Loc loc_from(int start_mark);  // EXTRA: from the token at start_mark to the last consumed token
  static Loc tok_loc(const Token* t) { return Loc{t->lineno, t->col_offset, t->end_lineno, t->end_col_offset}; }

  // ---- memo
  bool memo_get(MemoRule rule, void** result);
  void memo_put(int mark, MemoRule rule, void* result);

  // ---- errors (parser_errors.cc)
  bool failed() const { return error_; }
  void* raise_error_known_location(SyntaxErrorInfo::Type type, int lineno, int col_offset, int end_lineno,
                                   int end_col_offset, std::string msg);
  void* raise_syntax_error(std::string msg);                // RAISE_SYNTAX_ERROR: at the last token
  void* raise_indentation_error(std::string msg);           // RAISE_INDENTATION_ERROR
  void* raise_syntax_error_on_next_token(std::string msg);  // at the token at mark_
  void* raise_error_at_token(SyntaxErrorInfo::Type type, const Token* t, std::string msg);
  void* raise_known_location(const Loc& a, std::string msg);             // RAISE_SYNTAX_ERROR_KNOWN_LOCATION
  void* raise_known_range(const Loc& a, const Loc& b, std::string msg);  // RAISE_SYNTAX_ERROR_KNOWN_RANGE
  void* raise_starting_from(const Loc& a, std::string msg);              // RAISE_SYNTAX_ERROR_STARTING_FROM
  enum class Targets { kStar, kDel, kFor };
  void* raise_invalid_target(Targets type, Expr* e);  // RAISE_SYNTAX_ERROR_INVALID_TARGET
  static Expr* invalid_target(Expr* e, Targets type);
  void tokenizer_error();
  void set_syntax_error(int last_token);
  void tokenize_full_source_to_check_for_errors();
  void raise_unclosed_parentheses_error();
  int byte_to_char_offset(int lineno, int col_offset);

  // ---- node helpers (parser.cc)
  Expr* new_expr(ExprKind k, const Loc& l) {
    Expr* e = new_node<Expr>(arena_);
    e->kind = k;
    e->loc = l;
    return e;
  }
  Stmt* new_stmt(StmtKind k, const Loc& l) {
    Stmt* s = new_node<Stmt>(arena_);
    s->kind = k;
    s->loc = l;
    return s;
  }
  Pattern* new_pattern(PatternKind k, const Loc& l) {
    Pattern* p = new_node<Pattern>(arena_);
    p->kind = k;
    p->loc = l;
    return p;
  }
  Str identifier(const Token* t);  // the NAME's text, NFKC-normalised when not ASCII
  Expr* name_expr(const Token* t, ExprContext ctx = ExprContext::Load);
  Expr* name_token();  // NAME -> Name(Load)
  Expr* set_expr_context(Expr* e, ExprContext ctx);
  Expr* constant(ConstantValue::Kind k, const Loc& l);
  Arguments* empty_arguments();
  template <class T, unsigned N>
  Seq<T> seq(const SmallVec<T, N>& v) {
    return v.to_seq(arena_);
  }
  template <class T>
  Seq<T> singleton(T v) {
    return arena_.copy_seq(&v, 1);
  }
  template <class T>
  Seq<T> insert_in_front(T a, Seq<T> rest) {
    T* d = arena_.alloc_array<T>(rest.size + 1);
    d[0] = a;
    for (uint32_t i = 0; i < rest.size; i++) d[i + 1] = rest[i];
    return Seq<T>{d, rest.size + 1};
  }

  // ---- statements (parser_stmt.cc)
  Mod* file_rule();
  Mod* eval_rule();
  bool statements(Stmts* out);
  bool statement(SmallVec<Stmt*, 16>& out);
  bool simple_stmts(SmallVec<Stmt*, 16>& out);
  Stmt* simple_stmt();
  Stmt* simple_stmt_raw();
  Stmt* compound_stmt();
  Stmt* assignment();
  Expr* annotated_rhs();
  bool augassign(OperatorKind* op);
  Stmt* return_stmt();
  Stmt* raise_stmt();
  Stmt* global_stmt();
  Stmt* nonlocal_stmt();
  Stmt* del_stmt();
  Stmt* yield_stmt();
  Stmt* assert_stmt();
  Stmt* import_stmt();
  Stmt* import_name();
  Stmt* import_from();
  bool import_from_targets(Aliases* out);
  bool import_from_as_names(Aliases* out);
  Alias* import_from_as_name();
  bool dotted_as_names(Aliases* out);
  Alias* dotted_as_name();
  Expr* dotted_name();
  Expr* dotted_name_raw();
  bool block(Stmts* out);
  bool block_raw(Stmts* out);
  bool decorators(Exprs* out);
  Stmt* class_def();
  Stmt* class_def_raw();
  Stmt* function_def();
  Stmt* function_def_raw();
  Arguments* params();
  Arguments* parameters();
  bool slash_no_default(Args* out);
  SlashWithDefault* slash_with_default();
  StarEtc* star_etc();
  Arg* kwds();
  Arg* param_no_default();
  Arg* param_no_default_star_annotation();
  NameDefaultPair* param_with_default();
  NameDefaultPair* param_maybe_default();
  Arg* param();
  Arg* param_star_annotation();
  Expr* annotation();
  Expr* star_annotation();
  Expr* default_rule();
  Arguments* make_arguments(Seq<Arg*>* slash_without_default, SlashWithDefault* slash_with_default,
                            Seq<Arg*>* plain_names, Seq<NameDefaultPair*>* names_with_default, StarEtc* star_etc);
  Stmt* if_stmt();
  Stmt* elif_stmt();
  bool else_block(Stmts* out);
  Stmt* while_stmt();
  Stmt* for_stmt();
  Stmt* with_stmt();
  WithItem* with_item();
  Stmt* try_stmt();
  ExceptHandler* except_block();
  ExceptHandler* except_star_block();
  bool finally_block(Stmts* out);
  Stmt* type_alias();
  bool type_params(TypeParams* out);
  TypeParam* type_param();
  TypeParam* type_param_raw();

  // ---- match statement (parser_pattern.cc)
  Stmt* match_stmt();
  Expr* subject_expr();
  MatchCase* case_block();
  Expr* guard();
  Pattern* patterns();
  Pattern* pattern();
  Pattern* as_pattern();
  Pattern* or_pattern();
  Pattern* closed_pattern();
  Pattern* closed_pattern_raw();
  Pattern* literal_pattern();
  Expr* literal_expr();
  Expr* complex_number();
  Expr* signed_number();
  Expr* signed_real_number();
  Expr* real_number();
  Expr* imaginary_number();
  Pattern* capture_pattern();
  Expr* pattern_capture_target();
  Pattern* wildcard_pattern();
  Pattern* value_pattern();
  Expr* attr();
  Expr* name_or_attr();
  Pattern* group_pattern();
  Pattern* sequence_pattern();
  bool open_sequence_pattern(Patterns* out);
  bool maybe_sequence_pattern(Patterns* out);
  Pattern* maybe_star_pattern();
  Pattern* star_pattern();
  Pattern* star_pattern_raw();
  Pattern* mapping_pattern();
  bool items_pattern(Seq<KeyPatternPair*>* out);
  KeyPatternPair* key_value_pattern();
  Expr* double_star_pattern();
  Pattern* class_pattern();
  bool positional_patterns(Patterns* out);
  bool keyword_patterns(Seq<KeyPatternPair*>* out);
  KeyPatternPair* keyword_pattern();

  // ---- expressions (parser_expr.cc)
  Expr* expressions();
  Expr* expression();
  Expr* expression_raw();
  Expr* expression_without_invalid();
  Expr* yield_expr();
  Expr* star_expressions();
  Expr* star_expression();
  Expr* star_expression_raw();
  bool star_named_expressions(Exprs* out);
  Expr* star_named_expression();
  Expr* assignment_expression();
  Expr* named_expression();
  Expr* disjunction();
  Expr* disjunction_raw();
  Expr* conjunction();
  Expr* conjunction_raw();
  Expr* inversion();
  Expr* inversion_raw();
  Expr* comparison();
  CmpopExprPair* compare_op_bitwise_or_pair();
  Expr* bitwise_or();
  Expr* bitwise_or_raw();
  Expr* bitwise_xor();
  Expr* bitwise_and();
  Expr* shift_expr();
  Expr* sum();
  Expr* term();
  Expr* factor();
  Expr* factor_raw();
  Expr* power();
  Expr* await_primary();
  Expr* await_primary_raw();
  Expr* primary();
  Expr* primary_raw();
  Expr* slices();
  Expr* slice();
  Expr* atom();
  Expr* group();
  Expr* lambdef();
  Expr* list();
  Expr* tuple();
  Expr* set();
  Expr* dict();
  bool double_starred_kvpairs(Seq<KeyValuePair*>* out);
  KeyValuePair* double_starred_kvpair();
  KeyValuePair* kvpair();
  bool for_if_clauses(Comprehensions* out);
  Comprehension* for_if_clause();
  Expr* listcomp();
  Expr* setcomp();
  Expr* genexp();
  Expr* dictcomp();
  Expr* arguments();
  Expr* arguments_raw();
  Expr* args();
  bool kwargs(Seq<KeywordOrStarred*>* out);
  Expr* starred_expression();
  KeywordOrStarred* kwarg_or_starred();
  KeywordOrStarred* kwarg_or_double_starred();
  Expr* star_targets();
  bool star_targets_list_seq(Exprs* out);
  bool star_targets_tuple_seq(Exprs* out);
  Expr* star_target();
  Expr* star_target_raw();
  Expr* target_with_star_atom();
  Expr* target_with_star_atom_raw();
  Expr* star_atom();
  Expr* single_target();
  Expr* single_subscript_attribute_target();
  Expr* t_primary();
  Expr* t_primary_raw();
  bool t_lookahead();
  bool del_targets(Exprs* out);
  Expr* del_target();
  Expr* del_target_raw();
  Expr* del_t_atom();
  Expr* collect_call_seqs(Seq<Expr*> a, Seq<KeywordOrStarred*>* b, const Loc& l);

  // ---- strings and numbers (parser_string.cc)
  Expr* strings();
  Expr* strings_raw();
  Expr* number_token(Token* t);
  Expr* fstring();
  Expr* fstring_middle();
  Expr* fstring_replacement_field();
  Expr* fstring_format_spec();
  Expr* concatenate_strings(Seq<Expr*> parts, const Loc& l);
  Expr* constant_from_string(Token* t);
  Expr* joined_str(Token* start, Seq<Expr*> parts, Token* end);
  Expr* formatted_value(Expr* e, Token* debug, Token* conv_tok, Expr* conv, Token* colon, Expr* format, Token* rbrace,
                        const Loc& l);
  void warn_escape(const std::string& warning, const Token* t);
  bool decode_string_literal(Token* t, std::string_view body, bool raw, bool is_bytes, std::string* out,
                             bool* no_escapes);

  // ---- invalid_* rules (parser_invalid.cc)
  void* invalid_arguments();
  void* invalid_kwarg();
  void* invalid_legacy_expression();
  void* invalid_expression();
  void* invalid_named_expression();
  void* invalid_named_expression_raw();
  void* invalid_assignment();
  Expr* invalid_ann_assign_target();
  void* invalid_del_stmt();
  void* invalid_block();
  void* invalid_comprehension();
  void* invalid_dict_comprehension();
  void* invalid_parameters();
  void* invalid_default();
  void* invalid_star_etc();
  void* invalid_kwds();
  bool invalid_parameters_helper();
  void* invalid_with_item();
  void* invalid_for_target();
  void* invalid_for_if_clause();
  void* invalid_group();
  void* invalid_import();
  void* invalid_import_from_targets();
  void* invalid_with_stmt();
  void* invalid_with_stmt_indent();
  void* invalid_try_stmt();
  void* invalid_except_stmt();
  void* invalid_finally_stmt();
  void* invalid_except_stmt_indent();
  void* invalid_except_star_stmt_indent();
  void* invalid_match_stmt();
  void* invalid_case_block();
  void* invalid_as_pattern();
  void* invalid_class_pattern();
  bool invalid_class_argument_pattern(Patterns* out);
  void* invalid_if_stmt();
  void* invalid_elif_stmt();
  void* invalid_else_stmt();
  void* invalid_while_stmt();
  void* invalid_for_stmt();
  void* invalid_def_raw();
  void* invalid_class_def_raw();
  void* invalid_double_starred_kvpairs();
  void* invalid_kvpair();
  void* invalid_starred_expression();
  void* invalid_replacement_field();
  void* invalid_arithmetic();
  void* invalid_factor();
  void* invalid_type_params();

  // Lookahead helpers: run a rule and restore the mark.
  template <class F>
  bool lookahead(F&& f) {
    int m = mark_;
    bool r = static_cast<bool>(f());
    mark_ = m;
    return r;
  }

  // Recursion guard: CPython raises when rules nest more than MAXSTACK deep. CPython counts every rule it enters;
  // pyvm guards only the rules that recurse, so a guard may stand for several of CPython's levels (`weight`): a
  // disjunction for CPython's chain of rules from disjunction down to factor, a statement for the rules above its
  // expression. With those weights, chains of unary operators, lambdas, `**` and conditional expressions
  // overflow at CPython's nesting (exactly in eval mode, within a few levels elsewhere).
  struct Depth {
    Parser* p;
    int weight;
    explicit Depth(Parser* parser, int w = 1) : p(parser), weight(w) {
      if ((p->level_ += weight) > kMaxDepth && !p->error_) p->stack_overflow();
    }
    ~Depth() { p->level_ -= weight; }
  };
  static constexpr int kDisjunctionLevels = 21;
  static constexpr int kStatementLevels = 6;
  void stack_overflow();

  static constexpr int kBlockShift = 10;
  static constexpr int kBlockSize = 1 << kBlockShift;
  static constexpr int kMaxDepth = 6000;

  std::string_view src_;
  Arena& arena_;
  int feature_version_ = 13;
  Tokenizer tokenizer_;
  std::vector<std::unique_ptr<Token[]>> blocks_;
  int fill_ = 0;
  int mark_ = 0;
  int level_ = 0;
  bool error_ = false;               // CPython's error_indicator
  bool has_exception_ = false;       // an error was recorded in err_
  bool call_invalid_rules_ = false;  // the second pass
  Token* known_err_token_ = nullptr;
  SyntaxErrorInfo err_;
  std::vector<SyntaxWarningInfo> warnings_;
  ParseMode mode_ = ParseMode::kFile;
  // Parsing a lambda's parameters: the parameter rules then follow the grammar's lambda_* variants (no
  // annotations, ':' instead of ')' after the last one).
  bool lambda_params_ = false;
  bool at_params_end() { return at(lambda_params_ ? Tok::COLON : Tok::RPAR); }
};

}  // namespace pyvm::compiler
