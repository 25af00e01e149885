// The code generator's internals: instruction sequences with labels, per-code-unit metadata, and the Compiler
// that walks the AST (codegen*.cc) and hands each finished unit to the flow-graph optimiser and assembler.
#pragma once

#include <memory>
#include <set>
#include <unordered_set>
#include <string>
#include <unordered_map>
#include <vector>

#include "objects/object.h"
#include "vm/compiler/ast.h"
#include "vm/compiler/symtable.h"
#include "vm/opcodes.h"

namespace pyvm::compiler {

// Pseudo-instructions (resolved by the flow-graph passes; numbered after the real opcodes).
enum PseudoOp : int {
  kJump = 256,
  kJumpNoInterrupt,
  kLoadClosure,
  kLoadMethod,
  kLoadSuperMethod,
  kLoadZeroSuperAttr,
  kLoadZeroSuperMethod,
  kPopBlock,
  kSetupCleanup,
  kSetupFinally,
  kSetupWith,
  kStoreFastMaybeNull,
};

// CPython's oparg constants.
enum : int {
  kMakeFunctionDefaults = 1,
  kMakeFunctionKwdefaults = 2,
  kMakeFunctionAnnotations = 4,
  kMakeFunctionClosure = 8,
};
enum : int {  // CALL_INTRINSIC_1
  kIntrinsicPrint = 1,
  kIntrinsicImportStar = 2,
  kIntrinsicStopIterationError = 3,
  kIntrinsicAsyncGenWrap = 4,
  kIntrinsicUnaryPositive = 5,
  kIntrinsicListToTuple = 6,
  kIntrinsicTypeVar = 7,
  kIntrinsicParamSpec = 8,
  kIntrinsicTypeVarTuple = 9,
  kIntrinsicSubscriptGeneric = 10,
  kIntrinsicTypeAlias = 11,
};
enum : int {  // CALL_INTRINSIC_2
  kIntrinsicPrepReraiseStar = 1,
  kIntrinsicTypeVarWithBound = 2,
  kIntrinsicTypeVarWithConstraints = 3,
  kIntrinsicSetFunctionTypeParams = 4,
  kIntrinsicSetTypeparamDefault = 5,
};

struct SrcLoc {
  int lineno, end_lineno, col, end_col;
  bool operator==(const SrcLoc& o) const {
    return lineno == o.lineno && end_lineno == o.end_lineno && col == o.col && end_col == o.end_col;
  }
};
constexpr SrcLoc kNoLoc{-1, -1, -1, -1};
inline SrcLoc loc_of(const Loc& l) { return SrcLoc{l.lineno, l.end_lineno, l.col_offset, l.end_col_offset}; }

inline bool is_pseudo(int op) { return op >= 256; }
bool has_target(int op);  // jumps, SETUP_* and FOR_ITER/SEND
bool is_jump(int op);     // has_target minus SETUP_*
bool is_conditional_jump(int op);
bool is_unconditional_jump(int op);
bool is_scope_exit(int op);  // RETURN_*, RAISE_VARARGS, RERAISE
bool has_arg(int op);
const char* op_name(int op);
int stack_effect(int op, int oparg, bool jump);  // jump: effect when the branch is taken

struct Instr {
  int opcode;
  int oparg;
  SrcLoc loc;
  int target;  // a label id in codegen; an index into the block table in the flow graph (-1 none)
};

// Insertion-ordered name -> index maps (CPython's u_names/u_varnames dicts).
class NameIndex {
 public:
  int add(const std::string& name) {
    auto it = map_.find(name);
    if (it != map_.end()) return it->second;
    int i = static_cast<int>(names_.size());
    map_.emplace(name, i);
    names_.push_back(name);
    return i;
  }
  int find(const std::string& name) const {
    auto it = map_.find(name);
    return it == map_.end() ? -1 : it->second;
  }
  int size() const { return static_cast<int>(names_.size()); }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::unordered_map<std::string, int> map_;
  std::vector<std::string> names_;
};

// The constants of one code unit, deduplicated by value and type (1 and 1.0 and True stay distinct).
class ConstTable {
 public:
  ~ConstTable();
  int add(Object* o);  // borrows; -1 with an error set
  Object* get(int i) const { return items_[static_cast<size_t>(i)]; }
  int size() const { return static_cast<int>(items_.size()); }
  std::vector<Object*>& items() { return items_; }
  void rebuild_index();

 private:
  std::vector<Object*> items_;  // owned
  std::unordered_map<std::string, int> index_;
};
// A key that identifies a constant by type and value (CPython's _PyCode_ConstantKey); false on error.
bool constant_key(Object* o, std::string* out);

enum class ScopeType : uint8_t { kModule, kClass, kFunction, kAsyncFunction, kLambda, kComprehension, kTypeParams };

struct CodeUnitMeta {
  std::string name, qualname;
  NameIndex names, varnames, cellvars, freevars;
  std::unordered_map<std::string, bool> fasthidden;
  int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  int firstlineno = 0;
};

// Frame blocks: what break/continue/return must unwind through.
enum class FBlockType : uint8_t {
  kWhileLoop,
  kForLoop,
  kTryExcept,
  kFinallyTry,
  kFinallyEnd,
  kWith,
  kAsyncWith,
  kHandlerCleanup,
  kPopValue,
  kExceptionHandler,
  kExceptionGroupHandler,
  kAsyncComprehensionGenerator,
  kStopIteration,
};
struct FBlock {
  FBlockType type;
  int block;  // label
  int exit;   // label or -1
  const void* datum;
  SrcLoc loc;
};

struct CodeUnit {
  SymtableEntry* ste = nullptr;
  ScopeType scope_type = ScopeType::kModule;
  CodeUnitMeta meta;
  ConstTable consts;
  std::vector<Instr> instrs;
  std::vector<int> label_pos;  // label id -> index in instrs (-1 until used)
  std::string private_name;    // the enclosing class, for mangling
  std::vector<FBlock> fblocks;
  int in_inlined_comp = 0;
  std::set<std::string> static_attributes;  // self.X stores in methods (class units)
  SrcLoc last_loc{};  // for debug
};

// One compilation: the symbol table, the unit stack and the options.
class Compiler {
 public:
  Compiler(Symtable* st, Object* filename, int flags, int optimize) : st_(st), filename_(filename),
                                                                       flags_(flags), optimize_(optimize) {}
  // Returns a new code object or null with an exception set.
  Object* compile_module(Mod* mod, bool interactive);

  // --- shared by the codegen files
  CodeUnit* u() { return units_.back().get(); }
  int new_label() {
    u()->label_pos.push_back(-1);
    return static_cast<int>(u()->label_pos.size()) - 1;
  }
  void use_label(int l) { u()->label_pos[static_cast<size_t>(l)] = static_cast<int>(u()->instrs.size()); }
  void emit(int op, int arg, SrcLoc loc) { u()->instrs.push_back(Instr{op, arg, loc, -1}); }
  void emit(int op, SrcLoc loc) { emit(op, 0, loc); }
  void emit_jump(int op, int label, SrcLoc loc) { u()->instrs.push_back(Instr{op, 0, loc, label}); }
  bool emit_const(Object* o, SrcLoc loc);     // borrows o
  bool emit_const_steal(Object* o, SrcLoc loc);  // steals o (null: error)
  bool emit_name(int op, std::string_view name, SrcLoc loc);  // ADDOP_NAME: mangles, co_names
  bool emit_varname(int op, const std::string& name, SrcLoc loc) {
    emit(op, u()->meta.varnames.add(name), loc);
    return true;
  }

  bool error(std::string msg, SrcLoc loc);      // SyntaxError at loc
  bool error(std::string msg, const Loc& loc) { return error(std::move(msg), loc_of(loc)); }
  bool warn(std::string msg, SrcLoc loc);       // SyntaxWarning

  // Scopes (codegen_unit.cc)
  bool enter_scope(const std::string& name, ScopeType type, const void* key, int lineno);
  void exit_scope();
  Object* optimize_and_assemble(bool add_return);  // new code object; null on error
  bool make_closure(SrcLoc loc, Object* code, int flags);
  bool nameop(std::string_view name, ExprContext ctx, SrcLoc loc);
  std::string maybe_mangle(std::string_view name) {
    return compiler::maybe_mangle(u()->private_name, u()->ste, name);
  }
  bool push_fblock(SrcLoc loc, FBlockType t, int block, int exit, const void* datum);
  void pop_fblock() { u()->fblocks.pop_back(); }

  // Statements (codegen_stmt.cc)
  bool visit_stmt(Stmt* s);
  bool visit_stmts(const Stmts& body);
  bool body(SrcLoc loc, const Stmts& stmts, bool is_module);
  bool function_def(Stmt* s, bool is_async);
  bool class_def(Stmt* s);
  bool type_alias(Stmt* s);
  bool assign(Stmt* s);
  bool aug_assign(Stmt* s);
  bool ann_assign(Stmt* s);
  bool for_stmt(Stmt* s);
  bool async_for(Stmt* s);
  bool while_stmt(Stmt* s);
  bool if_stmt(Stmt* s);
  bool return_stmt(Stmt* s);
  bool break_continue(Stmt* s, bool is_break);
  bool try_stmt(Stmt* s);
  bool try_except(Stmt* s);
  bool try_finally(Stmt* s);
  bool try_star(Stmt* s);
  bool try_star_except(Stmt* s);
  bool try_star_finally(Stmt* s);
  bool with_stmt(Stmt* s, int pos);
  bool async_with(Stmt* s, int pos);
  bool raise_stmt(Stmt* s);
  bool assert_stmt(Stmt* s);
  bool import_stmt(Stmt* s);
  bool import_from(Stmt* s);
  bool delete_stmt(Stmt* s);
  bool expr_stmt(Stmt* s);
  bool unwind_fblock(FBlock* f, SrcLoc* loc, bool preserve_tos);
  bool unwind_fblock_stack(SrcLoc* loc, bool preserve_tos, FBlock** loop);
  bool with_except_finish(int cleanup);
  bool pop_except_and_reraise(SrcLoc loc);
  bool call_exit_with_nones(SrcLoc loc);
  bool add_yield_from(SrcLoc loc, bool await);
  bool decorators(const Exprs& decos);
  bool apply_decorators(const Exprs& decos);
  int default_arguments(SrcLoc loc, Arguments* args);
  bool kwonly_defaults(SrcLoc loc, Arguments* args, bool* emitted);
  int visit_annotations(SrcLoc loc, Arguments* args, Expr* returns);
  bool function_body(Stmt* s, bool is_async, int funcflags, int firstlineno);
  bool type_params(const TypeParams& tps);
  bool class_body(Stmt* s, int firstlineno);
  bool check_ann_expr(Expr* e);
  bool check_annotation(Stmt* s);
  bool annotation(Expr* e);

  // Expressions (codegen_expr.cc)
  bool visit_expr(Expr* e);
  bool visit_expr_inner(Expr* e, SrcLoc loc);
  bool visit_exprs(const Exprs& es) {
    for (Expr* e : es)
      if (!visit_expr(e)) return false;
    return true;
  }
  bool jump_if(SrcLoc loc, Expr* e, int label, bool cond);
  bool boolop(Expr* e);
  bool compare(SrcLoc loc, Expr* e);
  bool add_compare(SrcLoc loc, CmpOpKind op);
  bool call(Expr* e);
  bool call_helper(SrcLoc loc, int n, const Exprs& args, const Keywords& keywords);
  bool call_simple_kw_helper(SrcLoc loc, const Keywords& keywords, int nkwelts);
  bool maybe_optimize_method_call(Expr* e, bool* done);
  bool load_args_for_super(Expr* e);
  bool is_super_shortcut(Expr* attr);
  bool starunpack_helper(SrcLoc loc, const Exprs& elts, int pushed, int build, int add, int extend, bool tuple);
  bool unpack_helper(SrcLoc loc, const Exprs& elts);
  bool assignment_helper(SrcLoc loc, const Exprs& elts);
  bool list_or_tuple(Expr* e, bool is_tuple);
  bool set_expr(Expr* e);
  bool dict_expr(Expr* e);
  bool subdict(Expr* e, int begin, int end);
  bool subscript(Expr* e);
  bool slice(Expr* e);
  bool slice_parts(Expr* e, int* n);  // for BINARY_SLICE: pushes lower/upper
  bool is_two_element_slice(Expr* e);
  bool attribute(Expr* e);
  bool joined_str(Expr* e);
  bool formatted_value(Expr* e);
  bool lambda(Expr* e);
  bool ifexp(Expr* e);
  bool comprehension(Expr* e, int type, const char* name, const Comprehensions& gens, Expr* elt, Expr* val);
  bool comprehension_generator(SrcLoc loc, const Comprehensions& gens, int idx, int depth, Expr* elt, Expr* val,
                               int type, bool iter_on_stack);
  bool comprehension_element(Expr* elt, Expr* val, int type, int depth, SrcLoc* elt_loc);
  bool sync_comprehension_generator(SrcLoc loc, const Comprehensions& gens, int idx, int depth, Expr* elt,
                                    Expr* val, int type, bool iter_on_stack);
  bool async_comprehension_generator(SrcLoc loc, const Comprehensions& gens, int idx, int depth, Expr* elt,
                                     Expr* val, int type, bool iter_on_stack);
  bool push_inlined_comprehension_state(SrcLoc loc, SymtableEntry* entry, struct InlinedCompState* state);
  bool pop_inlined_comprehension_state(SrcLoc loc, struct InlinedCompState* state);
  bool augassign_target(Stmt* s);
  bool visit_constant(const ConstantValue& v, SrcLoc loc);
  Object* constant_object(const ConstantValue& v);  // new reference
  Object* fold(Expr* e);  // new reference to e's folded value, or null (no error) when not constant
  bool check_caller(Expr* e);
  bool check_subscripter(Expr* e);
  bool check_index(Expr* e, Expr* s);
  bool warn_compare(Expr* e);
  bool forbidden_name(std::string_view name, ExprContext ctx, SrcLoc loc);
  bool validate_kwargs(const Keywords& kws);

  // Patterns (codegen_pattern.cc)
  bool match_stmt(Stmt* s);

  // codegen_fold.cc: ast_opt's in-place rewrites. False with RecursionError set when the tree nests deeper than
  // CPython's compiler allows (kCompileRecursionLimit statements and expressions).
  [[nodiscard]] bool rewrite_ast(Mod* mod);
  // The rewrites plus constant folding applied to the tree itself (PyCF_OPTIMIZED_AST): every expression that folds
  // becomes a Constant node; the values belong to this compiler's fold cache.
  [[nodiscard]] bool optimize_ast(Mod* mod);

  Symtable* st_;
  Arena* arena_ = nullptr;
  int future_lineno_ = 0, future_col_ = 0;  // the end of the __future__ imports
  std::unordered_set<const Expr*> frozen_sets_;  // set literals iterated or tested with `in`
  Object* filename_;
  int flags_;
  int optimize_;
  int future_features_ = 0;
  bool interactive_ = false;
  std::vector<std::unique_ptr<CodeUnit>> units_;
  std::unordered_map<const Expr*, Object*> fold_cache_;  // owned values; null = not constant
  ~Compiler();
};

// The flow-graph optimiser and assembler (flowgraph.cc, assemble.cc): turns a finished unit into a code object.
Object* assemble_unit(CodeUnit* u, Object* filename, int code_flags, int nlocals_hint);

}  // namespace pyvm::compiler
