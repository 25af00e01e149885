// The symbol table builder (one walk over the AST recording how each block uses each name) and the analysis that
// turns those uses into scopes, following CPython 3.13's rules and error messages.
#include "vm/compiler/symtable.h"

#include <fmt/format.h>

#include <algorithm>

namespace pyvm::compiler {

void SymbolMap::erase(const std::string& name) {
  auto it = index_.find(name);
  if (it == index_.end()) return;
  size_t i = it->second;
  items_.erase(items_.begin() + static_cast<ptrdiff_t>(i));
  index_.erase(it);
  for (auto& [k, v] : index_)
    if (v > i) v--;
}

std::string mangle(std::string_view priv, std::string_view name) {
  if (priv.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_') return std::string(name);
  if ((name.size() >= 2 && name[name.size() - 1] == '_' && name[name.size() - 2] == '_') ||
      name.find('.') != std::string_view::npos)
    return std::string(name);
  size_t i = 0;
  while (i < priv.size() && priv[i] == '_') i++;
  if (i == priv.size()) return std::string(name);
  std::string out = "_";
  out.append(priv.substr(i));
  out.append(name);
  return out;
}

std::string maybe_mangle(std::string_view priv, const SymtableEntry* ste, std::string_view name) {
  if (ste && ste->mangled_names && !ste->mangled_names->count(std::string(name))) return std::string(name);
  return mangle(priv, name);
}

namespace {

const char* kGlobalParam = "name '{}' is parameter and global";
const char* kNonlocalParam = "name '{}' is parameter and nonlocal";
const char* kGlobalAfterAssign = "name '{}' is assigned to before global declaration";
const char* kNonlocalAfterAssign = "name '{}' is assigned to before nonlocal declaration";
const char* kGlobalAfterUse = "name '{}' is used prior to global declaration";
const char* kNonlocalAfterUse = "name '{}' is used prior to nonlocal declaration";
const char* kGlobalAnnot = "annotated name '{}' can't be global";
const char* kNonlocalAnnot = "annotated name '{}' can't be nonlocal";

using NameSet = std::unordered_set<std::string>;

}  // namespace

class SymtableBuilder {
 public:
  SymtableBuilder(Symtable* st, SyntaxErrorInfo* err) : st_(st), err_(err) {}

  bool build(Mod* mod);
  bool analyze();

 private:
  // --- errors
  bool error(std::string msg, const Loc& loc) {
    err_->type = SyntaxErrorInfo::Type::kSyntaxError;
    err_->msg = std::move(msg);
    err_->lineno = loc.lineno;
    err_->offset = loc.col_offset + 1;
    err_->end_lineno = loc.end_lineno;
    err_->end_offset = loc.end_col_offset + 1;
    return false;
  }
  bool error_at_directive(SymtableEntry* ste, const std::string& name, std::string msg) {
    for (auto& [n, loc] : ste->directives)
      if (n == name) return error(std::move(msg), loc);
    return error(std::move(msg), Loc{});
  }

  // --- blocks
  bool enter_block(std::string_view name, BlockType type, const void* key, const Loc& loc);
  void exit_block() {
    stack_.pop_back();
    cur_ = stack_.empty() ? nullptr : stack_.back();
  }
  bool enter_type_param_block(std::string_view name, const void* key, bool has_defaults, bool has_kwdefaults,
                              StmtKind kind, const Loc& loc);

  // --- definitions
  bool add_def_helper(std::string_view name, int flag, SymtableEntry* ste, const Loc& loc);
  bool add_def(std::string_view name, int flag, const Loc& loc) { return add_def_helper(name, flag, cur_, loc); }
  int lookup_entry(SymtableEntry* ste, std::string_view name) {
    return ste->symbols.get(maybe_mangle(private_, ste, name));
  }
  int lookup(std::string_view name) { return lookup_entry(cur_, name); }
  void record_directive(std::string_view name, const Loc& loc) {
    cur_->directives.emplace_back(maybe_mangle(private_, cur_, name), loc);
  }

  // --- visitors
  bool visit_stmt(Stmt* s);
  bool visit_expr(Expr* e);
  bool visit_stmts(const Stmts& s) {
    for (Stmt* x : s)
      if (!visit_stmt(x)) return false;
    return true;
  }
  bool visit_exprs(const Exprs& s) {
    for (Expr* x : s)
      if (x && !visit_expr(x)) return false;
    return true;
  }
  bool visit_pattern(Pattern* p);
  bool visit_type_param(TypeParam* tp);
  bool visit_bound_or_default(Expr* e, Str name, const void* key, const char* info);
  bool visit_params(const Args& args);
  bool visit_arguments(Arguments* a);
  bool visit_annotation(Expr* ann);
  bool visit_argannotations(const Args& args);
  bool visit_annotations(Stmt* s, Arguments* a, Expr* returns);
  bool visit_alias(Alias* a);
  bool visit_comprehension(Comprehension* c);
  bool handle_comprehension(Expr* e, const char* scope_name, const Comprehensions& gens, Expr* elt, Expr* value);
  bool handle_namedexpr(Expr* e);
  bool extend_namedexpr_scope(Expr* target);
  bool raise_if_annotation_block(const char* what, Expr* e);
  bool raise_if_comprehension_block(Expr* e);
  bool function_def(Stmt* s, bool is_async);

  // --- analysis
  bool analyze_block(SymtableEntry* ste, const NameSet* bound, NameSet* free, NameSet* global,
                     NameSet* type_params, SymtableEntry* class_entry);
  bool analyze_name(SymtableEntry* ste, std::unordered_map<std::string, int>& scopes, const std::string& name,
                    int flags, const NameSet* bound, NameSet* local, NameSet* free, NameSet* global,
                    NameSet* type_params, SymtableEntry* class_entry);
  bool inline_comprehension(SymtableEntry* ste, SymtableEntry* comp, std::unordered_map<std::string, int>& scopes,
                            NameSet* comp_free, NameSet* inlined_cells);

  Symtable* st_;
  SyntaxErrorInfo* err_;
  std::vector<SymtableEntry*> stack_;
  SymtableEntry* cur_ = nullptr;
  SymtableEntry* global_ = nullptr;  // the module block (st_global)
  std::string private_;              // the enclosing class name, for mangling
};

bool SymtableBuilder::enter_block(std::string_view name, BlockType type, const void* key, const Loc& loc) {
  auto ste = std::make_unique<SymtableEntry>();
  SymtableEntry* e = ste.get();
  e->name = std::string(name);
  e->type = type;
  e->key = key;
  e->loc = loc;
  if (cur_ && (cur_->nested || cur_->is_function_like())) e->nested = true;
  if (cur_) {
    e->comp_iter_expr = cur_->comp_iter_expr;
    cur_->children.push_back(e);
  }
  // Annotation blocks are never compiled, and their key (the annotation) may be a lambda's own key.
  if (type == BlockType::kAnnotation)
    st_->unkeyed_.push_back(std::move(ste));
  else
    st_->blocks_[key] = std::move(ste);
  stack_.push_back(e);
  cur_ = e;
  if (type == BlockType::kModule) {
    st_->top_ = e;
    global_ = e;
  }
  return true;
}

bool SymtableBuilder::add_def_helper(std::string_view name, int flag, SymtableEntry* ste, const Loc& loc) {
  if ((flag & kDefTypeParam) && ste->mangled_names) ste->mangled_names->insert(std::string(name));
  std::string mangled = maybe_mangle(private_, ste, name);
  int val = ste->symbols.get(mangled);
  if (val) {
    if ((flag & kDefParam) && (val & kDefParam))
      return error(fmt::format("duplicate argument '{}' in function definition", mangled), loc);
    if ((flag & kDefTypeParam) && (val & kDefTypeParam))
      return error(fmt::format("duplicate type parameter '{}'", mangled), loc);
  }
  val |= flag;
  if (ste->comp_iter_target) {
    if (val & (kDefGlobal | kDefNonlocal))
      return error(
          fmt::format("comprehension inner loop cannot rebind assignment expression target '{}'", mangled), loc);
    val |= kDefCompIter;
  }
  ste->symbols.set(mangled, val);
  if (flag & kDefParam) {
    ste->varnames.push_back(mangled);
  } else if (flag & kDefGlobal) {
    int g = flag | global_->symbols.get(mangled);
    global_->symbols.set(mangled, g);
  }
  return true;
}

bool SymtableBuilder::enter_type_param_block(std::string_view name, const void* key, bool has_defaults,
                                             bool has_kwdefaults, StmtKind kind, const Loc& loc) {
  BlockType current = cur_->type;
  if (!enter_block(name, BlockType::kTypeParameters, key, loc)) return false;
  if (current == BlockType::kClass) {
    cur_->can_see_class_scope = true;
    if (!add_def("__classdict__", kUse, loc)) return false;
  }
  if (kind == StmtKind::ClassDef) {
    if (!add_def(".type_params", kDefLocal, loc) || !add_def(".type_params", kUse, loc)) return false;
    if (!add_def(".generic_base", kDefLocal, loc) || !add_def(".generic_base", kUse, loc)) return false;
  }
  if (has_defaults && !add_def(".defaults", kDefParam, loc)) return false;
  if (has_kwdefaults && !add_def(".kwdefaults", kDefParam, loc)) return false;
  return true;
}

static bool has_kwonly_defaults(Arguments* a) {
  for (Expr* d : a->kw_defaults)
    if (d) return true;
  return false;
}

bool SymtableBuilder::build(Mod* mod) {
  static const int kModuleKey = 0;
  if (!enter_block("top", BlockType::kModule, mod ? static_cast<const void*>(mod) : &kModuleKey, Loc{0, 0, 0, 0}))
    return false;
  bool ok = true;
  switch (mod->kind) {
    case ModKind::Module:
      ok = visit_stmts(mod->v.Module.body);
      break;
    case ModKind::Interactive:
      ok = visit_stmts(mod->v.Interactive.body);
      break;
    case ModKind::Expression:
      ok = visit_expr(mod->v.Expression.body);
      break;
    case ModKind::FunctionType:
      ok = error("this compiler does not handle FunctionType", Loc{});
      break;
  }
  if (!ok) return false;
  exit_block();
  return true;
}

bool SymtableBuilder::function_def(Stmt* s, bool is_async) {
  auto& f = s->v.FunctionDef;  // AsyncFunctionDef has the same layout
  if (!add_def(f.name.view(), kDefLocal, s->loc)) return false;
  if (!visit_exprs(f.args->defaults) || !visit_exprs(f.args->kw_defaults)) return false;
  if (!visit_exprs(f.decorator_list)) return false;
  bool generic = f.type_params.size > 0;
  if (generic) {
    if (!enter_type_param_block(f.name.view(), &f.type_params, f.args->defaults.size > 0,
                                has_kwonly_defaults(f.args), StmtKind::FunctionDef, s->loc))
      return false;
    for (TypeParam* tp : f.type_params)
      if (!visit_type_param(tp)) return false;
  }
  if (!visit_annotations(s, f.args, f.returns)) return false;
  if (!enter_block(f.name.view(), BlockType::kFunction, s, s->loc)) return false;
  if (is_async) cur_->coroutine = true;
  if (!visit_arguments(f.args) || !visit_stmts(f.body)) return false;
  exit_block();
  if (generic) exit_block();
  return true;
}

bool SymtableBuilder::visit_stmt(Stmt* s) {
  switch (s->kind) {
    case StmtKind::FunctionDef:
      return function_def(s, false);
    case StmtKind::AsyncFunctionDef:
      return function_def(s, true);
    case StmtKind::ClassDef: {
      auto& c = s->v.ClassDef;
      if (!add_def(c.name.view(), kDefLocal, s->loc)) return false;
      if (!visit_exprs(c.decorator_list)) return false;
      std::string saved = private_;
      bool generic = c.type_params.size > 0;
      if (generic) {
        if (!enter_type_param_block(c.name.view(), &c.type_params, false, false, StmtKind::ClassDef, s->loc))
          return false;
        private_ = std::string(c.name.view());
        cur_->mangled_names = std::make_unique<NameSet>();
        for (TypeParam* tp : c.type_params)
          if (!visit_type_param(tp)) return false;
      }
      if (!visit_exprs(c.bases)) return false;
      for (Keyword* k : c.keywords)
        if (!visit_expr(k->value)) return false;
      if (!enter_block(c.name.view(), BlockType::kClass, s, s->loc)) return false;
      private_ = std::string(c.name.view());
      if (generic) {
        if (!add_def("__type_params__", kDefLocal, s->loc) || !add_def(".type_params", kUse, s->loc)) return false;
      }
      if (!visit_stmts(c.body)) return false;
      exit_block();
      if (generic) exit_block();
      private_ = saved;
      return true;
    }
    case StmtKind::Return:
      if (s->v.Return.value) {
        if (!visit_expr(s->v.Return.value)) return false;
        cur_->returns_value = true;
      }
      return true;
    case StmtKind::Delete:
      return visit_exprs(s->v.Delete.targets);
    case StmtKind::Assign:
      return visit_exprs(s->v.Assign.targets) && visit_expr(s->v.Assign.value);
    case StmtKind::TypeAlias: {
      auto& t = s->v.TypeAlias;
      if (!visit_expr(t.name)) return false;
      std::string_view name = t.name->v.Name.id.view();
      bool in_class = cur_->type == BlockType::kClass;
      bool generic = t.type_params.size > 0;
      if (generic) {
        if (!enter_type_param_block(name, &t.type_params, false, false, StmtKind::TypeAlias, s->loc)) return false;
        for (TypeParam* tp : t.type_params)
          if (!visit_type_param(tp)) return false;
      }
      if (!enter_block(name, BlockType::kTypeAlias, s, s->loc)) return false;
      cur_->can_see_class_scope = in_class;
      if (in_class && !add_def("__classdict__", kUse, t.value->loc)) return false;
      if (!visit_expr(t.value)) return false;
      exit_block();
      if (generic) exit_block();
      return true;
    }
    case StmtKind::AugAssign:
      return visit_expr(s->v.AugAssign.target) && visit_expr(s->v.AugAssign.value);
    case StmtKind::AnnAssign: {
      auto& a = s->v.AnnAssign;
      if (a.target->kind == ExprKind::Name) {
        Expr* t = a.target;
        int cur = lookup(t->v.Name.id.view());
        if ((cur & (kDefGlobal | kDefNonlocal)) && cur_ != global_ && a.simple)
          return error(fmt::format(fmt::runtime((cur & kDefGlobal) ? kGlobalAnnot : kNonlocalAnnot),
                                   t->v.Name.id.view()),
                       s->loc);
        if (a.simple) {
          if (!add_def(t->v.Name.id.view(), kDefAnnot | kDefLocal, t->loc)) return false;
        } else if (a.value && !add_def(t->v.Name.id.view(), kDefLocal, t->loc)) {
          return false;
        }
      } else if (!visit_expr(a.target)) {
        return false;
      }
      if (!visit_annotation(a.annotation)) return false;
      return !a.value || visit_expr(a.value);
    }
    case StmtKind::For:
    case StmtKind::AsyncFor:
      return visit_expr(s->v.For.target) && visit_expr(s->v.For.iter) && visit_stmts(s->v.For.body) &&
             visit_stmts(s->v.For.orelse);
    case StmtKind::While:
      return visit_expr(s->v.While.test) && visit_stmts(s->v.While.body) && visit_stmts(s->v.While.orelse);
    case StmtKind::If:
      return visit_expr(s->v.If.test) && visit_stmts(s->v.If.body) && visit_stmts(s->v.If.orelse);
    case StmtKind::Match:
      if (!visit_expr(s->v.Match.subject)) return false;
      for (MatchCase* mc : s->v.Match.cases) {
        if (!visit_pattern(mc->pattern)) return false;
        if (mc->guard && !visit_expr(mc->guard)) return false;
        if (!visit_stmts(mc->body)) return false;
      }
      return true;
    case StmtKind::Raise:
      if (s->v.Raise.exc && !visit_expr(s->v.Raise.exc)) return false;
      return !s->v.Raise.cause || visit_expr(s->v.Raise.cause);
    case StmtKind::Try:
    case StmtKind::TryStar: {
      auto& t = s->v.Try;
      if (!visit_stmts(t.body) || !visit_stmts(t.orelse)) return false;
      for (ExceptHandler* h : t.handlers) {
        if (h->type && !visit_expr(h->type)) return false;
        if (!h->name.is_null() && !add_def(h->name.view(), kDefLocal, h->loc)) return false;
        if (!visit_stmts(h->body)) return false;
      }
      return visit_stmts(t.finalbody);
    }
    case StmtKind::Assert:
      return visit_expr(s->v.Assert.test) && (!s->v.Assert.msg || visit_expr(s->v.Assert.msg));
    case StmtKind::Import:
      for (Alias* a : s->v.Import.names)
        if (!visit_alias(a)) return false;
      return true;
    case StmtKind::ImportFrom:
      for (Alias* a : s->v.ImportFrom.names)
        if (!visit_alias(a)) return false;
      return true;
    case StmtKind::Global:
    case StmtKind::Nonlocal: {
      bool is_global = s->kind == StmtKind::Global;
      const Idents& names = is_global ? s->v.Global.names : s->v.Nonlocal.names;
      for (Str n : names) {
        std::string_view name = n.view();
        int cur = lookup(name);
        if (cur & (kDefParam | kDefLocal | kUse | kDefAnnot)) {
          const char* msg;
          if (cur & kDefParam)
            msg = is_global ? kGlobalParam : kNonlocalParam;
          else if (cur & kUse)
            msg = is_global ? kGlobalAfterUse : kNonlocalAfterUse;
          else if (cur & kDefAnnot)
            msg = is_global ? kGlobalAnnot : kNonlocalAnnot;
          else
            msg = is_global ? kGlobalAfterAssign : kNonlocalAfterAssign;
          return error(fmt::format(fmt::runtime(msg), name), s->loc);
        }
        if (!add_def(name, is_global ? kDefGlobal : kDefNonlocal, s->loc)) return false;
        record_directive(name, s->loc);
      }
      return true;
    }
    case StmtKind::Expr:
      return visit_expr(s->v.Expr.value);
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue:
      return true;
    case StmtKind::With:
    case StmtKind::AsyncWith:
      for (WithItem* w : s->v.With.items) {
        if (!visit_expr(w->context_expr)) return false;
        if (w->optional_vars && !visit_expr(w->optional_vars)) return false;
      }
      return visit_stmts(s->v.With.body);
  }
  return true;
}

bool SymtableBuilder::raise_if_annotation_block(const char* what, Expr* e) {
  switch (cur_->type) {
    case BlockType::kAnnotation:
      return error(fmt::format("{} cannot be used within an annotation", what), e->loc);
    case BlockType::kTypeVarBound:
      return error(fmt::format("{} cannot be used within {}", what, cur_->scope_info ? cur_->scope_info : "?"),
                   e->loc);
    case BlockType::kTypeAlias:
      return error(fmt::format("{} cannot be used within a type alias", what), e->loc);
    case BlockType::kTypeParameters:
      return error(fmt::format("{} cannot be used within the definition of a generic", what), e->loc);
    default:
      return true;
  }
}

bool SymtableBuilder::raise_if_comprehension_block(Expr* e) {
  const char* what = "generator expression";
  switch (cur_->comprehension) {
    case CompKind::kList:
      what = "list comprehension";
      break;
    case CompKind::kSet:
      what = "set comprehension";
      break;
    case CompKind::kDict:
      what = "dict comprehension";
      break;
    default:
      break;
  }
  return error(fmt::format("'yield' inside {}", what), e->loc);
}

bool SymtableBuilder::extend_namedexpr_scope(Expr* e) {
  std::string_view target = e->v.Name.id.view();
  for (size_t i = stack_.size(); i-- > 0;) {
    SymtableEntry* ste = stack_[i];
    if (ste->comprehension != CompKind::kNone) {
      int in_scope = lookup_entry(ste, target);
      if ((in_scope & kDefCompIter) && (in_scope & kDefLocal))
        return error(fmt::format("assignment expression cannot rebind comprehension iteration variable '{}'", target),
                     e->loc);
      continue;
    }
    if (ste->type == BlockType::kFunction) {
      int in_scope = lookup_entry(ste, target);
      if (!add_def(target, (in_scope & kDefGlobal) ? kDefGlobal : kDefNonlocal, e->loc)) return false;
      record_directive(target, e->loc);
      return add_def_helper(target, kDefLocal, ste, e->loc);
    }
    if (ste->type == BlockType::kModule) {
      if (!add_def(target, kDefGlobal, e->loc)) return false;
      record_directive(target, e->loc);
      return add_def_helper(target, kDefGlobal, ste, e->loc);
    }
    const char* msg = nullptr;
    switch (ste->type) {
      case BlockType::kClass:
        msg = "assignment expression within a comprehension cannot be used in a class body";
        break;
      case BlockType::kTypeVarBound:
        msg = "assignment expression within a comprehension cannot be used in a TypeVar bound";
        break;
      case BlockType::kTypeAlias:
        msg = "assignment expression within a comprehension cannot be used in a type alias";
        break;
      case BlockType::kTypeParameters:
        msg = "assignment expression within a comprehension cannot be used within the definition of a generic";
        break;
      default:
        break;
    }
    if (msg) return error(msg, e->loc);
  }
  return error("internal error: no scope for a named expression target", e->loc);
}

bool SymtableBuilder::handle_namedexpr(Expr* e) {
  if (cur_->comp_iter_expr > 0)
    return error("assignment expression cannot be used in a comprehension iterable expression", e->loc);
  if (cur_->comprehension != CompKind::kNone && !extend_namedexpr_scope(e->v.NamedExpr.target)) return false;
  return visit_expr(e->v.NamedExpr.value) && visit_expr(e->v.NamedExpr.target);
}

bool SymtableBuilder::visit_comprehension(Comprehension* c) {
  cur_->comp_iter_target = true;
  if (!visit_expr(c->target)) return false;
  cur_->comp_iter_target = false;
  cur_->comp_iter_expr++;
  if (!visit_expr(c->iter)) return false;
  cur_->comp_iter_expr--;
  if (!visit_exprs(c->ifs)) return false;
  if (c->is_async) cur_->coroutine = true;
  return true;
}

bool SymtableBuilder::handle_comprehension(Expr* e, const char* scope_name, const Comprehensions& gens, Expr* elt,
                                           Expr* value) {
  bool is_generator = e->kind == ExprKind::GeneratorExp;
  Comprehension* outermost = gens[0];
  cur_->comp_iter_expr++;
  if (!visit_expr(outermost->iter)) return false;
  cur_->comp_iter_expr--;
  if (!enter_block(scope_name, BlockType::kFunction, e, e->loc)) return false;
  switch (e->kind) {
    case ExprKind::ListComp:
      cur_->comprehension = CompKind::kList;
      break;
    case ExprKind::SetComp:
      cur_->comprehension = CompKind::kSet;
      break;
    case ExprKind::DictComp:
      cur_->comprehension = CompKind::kDict;
      break;
    default:
      cur_->comprehension = CompKind::kGenerator;
      break;
  }
  if (outermost->is_async) cur_->coroutine = true;
  if (!add_def(".0", kDefParam, e->loc)) return false;
  cur_->comp_iter_target = true;
  if (!visit_expr(outermost->target)) return false;
  cur_->comp_iter_target = false;
  if (!visit_exprs(outermost->ifs)) return false;
  for (uint32_t i = 1; i < gens.size; i++)
    if (!visit_comprehension(gens[i])) return false;
  if (value && !visit_expr(value)) return false;
  if (!visit_expr(elt)) return false;
  cur_->generator = is_generator;
  bool is_async = cur_->coroutine && !is_generator;
  exit_block();
  if (is_async) {
    // CPython's IS_ASYNC_DEF: the enclosing block is a function whose coroutine flag is already set.
    bool in_async_def = cur_->type == BlockType::kFunction && cur_->coroutine;
    if (!in_async_def && cur_->comprehension == CompKind::kNone)
      return error("asynchronous comprehension outside of an asynchronous function", e->loc);
    cur_->coroutine = true;
  }
  return true;
}

bool SymtableBuilder::visit_expr(Expr* e) {
  switch (e->kind) {
    case ExprKind::NamedExpr:
      if (!raise_if_annotation_block("named expression", e)) return false;
      return handle_namedexpr(e);
    case ExprKind::BoolOp:
      return visit_exprs(e->v.BoolOp.values);
    case ExprKind::BinOp:
      return visit_expr(e->v.BinOp.left) && visit_expr(e->v.BinOp.right);
    case ExprKind::UnaryOp:
      return visit_expr(e->v.UnaryOp.operand);
    case ExprKind::Lambda: {
      Arguments* a = e->v.Lambda.args;
      if (!visit_exprs(a->defaults) || !visit_exprs(a->kw_defaults)) return false;
      if (!enter_block("<lambda>", BlockType::kFunction, e, e->loc)) return false;
      if (!visit_arguments(a) || !visit_expr(e->v.Lambda.body)) return false;
      exit_block();
      return true;
    }
    case ExprKind::IfExp:
      return visit_expr(e->v.IfExp.test) && visit_expr(e->v.IfExp.body) && visit_expr(e->v.IfExp.orelse);
    case ExprKind::Dict:
      return visit_exprs(e->v.Dict.keys) && visit_exprs(e->v.Dict.values);
    case ExprKind::Set:
      return visit_exprs(e->v.Set.elts);
    case ExprKind::GeneratorExp:
      return handle_comprehension(e, "<genexpr>", e->v.GeneratorExp.generators, e->v.GeneratorExp.elt, nullptr);
    case ExprKind::ListComp:
      return handle_comprehension(e, "<listcomp>", e->v.ListComp.generators, e->v.ListComp.elt, nullptr);
    case ExprKind::SetComp:
      return handle_comprehension(e, "<setcomp>", e->v.SetComp.generators, e->v.SetComp.elt, nullptr);
    case ExprKind::DictComp:
      return handle_comprehension(e, "<dictcomp>", e->v.DictComp.generators, e->v.DictComp.key,
                                  e->v.DictComp.value);
    case ExprKind::Yield:
      if (!raise_if_annotation_block("yield expression", e)) return false;
      if (e->v.Yield.value && !visit_expr(e->v.Yield.value)) return false;
      cur_->generator = true;
      if (cur_->comprehension != CompKind::kNone) return raise_if_comprehension_block(e);
      return true;
    case ExprKind::YieldFrom:
      if (!raise_if_annotation_block("yield expression", e)) return false;
      if (!visit_expr(e->v.YieldFrom.value)) return false;
      cur_->generator = true;
      if (cur_->comprehension != CompKind::kNone) return raise_if_comprehension_block(e);
      return true;
    case ExprKind::Await:
      if (!raise_if_annotation_block("await expression", e)) return false;
      if (!visit_expr(e->v.Await.value)) return false;
      cur_->coroutine = true;
      return true;
    case ExprKind::Compare:
      return visit_expr(e->v.Compare.left) && visit_exprs(e->v.Compare.comparators);
    case ExprKind::Call:
      if (!visit_expr(e->v.Call.func) || !visit_exprs(e->v.Call.args)) return false;
      for (Keyword* k : e->v.Call.keywords)
        if (!visit_expr(k->value)) return false;
      return true;
    case ExprKind::FormattedValue:
      if (!visit_expr(e->v.FormattedValue.value)) return false;
      return !e->v.FormattedValue.format_spec || visit_expr(e->v.FormattedValue.format_spec);
    case ExprKind::JoinedStr:
      return visit_exprs(e->v.JoinedStr.values);
    case ExprKind::Constant:
      return true;
    case ExprKind::Attribute:
      return visit_expr(e->v.Attribute.value);
    case ExprKind::Subscript:
      return visit_expr(e->v.Subscript.value) && visit_expr(e->v.Subscript.slice);
    case ExprKind::Starred:
      return visit_expr(e->v.Starred.value);
    case ExprKind::Slice:
      if (e->v.Slice.lower && !visit_expr(e->v.Slice.lower)) return false;
      if (e->v.Slice.upper && !visit_expr(e->v.Slice.upper)) return false;
      return !e->v.Slice.step || visit_expr(e->v.Slice.step);
    case ExprKind::Name: {
      bool load = e->v.Name.ctx == ExprContext::Load;
      if (!add_def(e->v.Name.id.view(), load ? kUse : kDefLocal, e->loc)) return false;
      if (load && cur_->is_function_like() && e->v.Name.id == "super" && !add_def("__class__", kUse, e->loc))
        return false;
      return true;
    }
    case ExprKind::List:
      return visit_exprs(e->v.List.elts);
    case ExprKind::Tuple:
      return visit_exprs(e->v.Tuple.elts);
  }
  return true;
}

bool SymtableBuilder::visit_pattern(Pattern* p) {
  switch (p->kind) {
    case PatternKind::MatchValue:
      return visit_expr(p->v.MatchValue.value);
    case PatternKind::MatchSingleton:
      return true;
    case PatternKind::MatchSequence:
      for (Pattern* q : p->v.MatchSequence.patterns)
        if (!visit_pattern(q)) return false;
      return true;
    case PatternKind::MatchStar:
      return p->v.MatchStar.name.is_null() || add_def(p->v.MatchStar.name.view(), kDefLocal, p->loc);
    case PatternKind::MatchMapping:
      if (!visit_exprs(p->v.MatchMapping.keys)) return false;
      for (Pattern* q : p->v.MatchMapping.patterns)
        if (!visit_pattern(q)) return false;
      return p->v.MatchMapping.rest.is_null() || add_def(p->v.MatchMapping.rest.view(), kDefLocal, p->loc);
    case PatternKind::MatchClass:
      if (!visit_expr(p->v.MatchClass.cls)) return false;
      for (Pattern* q : p->v.MatchClass.patterns)
        if (!visit_pattern(q)) return false;
      for (Pattern* q : p->v.MatchClass.kwd_patterns)
        if (!visit_pattern(q)) return false;
      return true;
    case PatternKind::MatchAs:
      if (p->v.MatchAs.pattern && !visit_pattern(p->v.MatchAs.pattern)) return false;
      return p->v.MatchAs.name.is_null() || add_def(p->v.MatchAs.name.view(), kDefLocal, p->loc);
    case PatternKind::MatchOr:
      for (Pattern* q : p->v.MatchOr.patterns)
        if (!visit_pattern(q)) return false;
      return true;
  }
  return true;
}

bool SymtableBuilder::visit_bound_or_default(Expr* e, Str name, const void* key, const char* info) {
  if (!e) return true;
  bool in_class = cur_->can_see_class_scope;
  if (!enter_block(name.view(), BlockType::kTypeVarBound, key, e->loc)) return false;
  cur_->can_see_class_scope = in_class;
  if (in_class && !add_def("__classdict__", kUse, e->loc)) return false;
  cur_->scope_info = info;
  if (!visit_expr(e)) return false;
  exit_block();
  return true;
}

bool SymtableBuilder::visit_type_param(TypeParam* tp) {
  const char* p = reinterpret_cast<const char*>(tp);
  switch (tp->kind) {
    case TypeParamKind::TypeVar: {
      auto& v = tp->v.TypeVar;
      if (!add_def(v.name.view(), kDefTypeParam | kDefLocal, tp->loc)) return false;
      const char* info = nullptr;
      if (v.bound) info = v.bound->kind == ExprKind::Tuple ? "a TypeVar constraint" : "a TypeVar bound";
      return visit_bound_or_default(v.bound, v.name, p, info) &&
             visit_bound_or_default(v.default_value, v.name, p + 1, "a TypeVar default");
    }
    case TypeParamKind::TypeVarTuple:
      return add_def(tp->v.TypeVarTuple.name.view(), kDefTypeParam | kDefLocal, tp->loc) &&
             visit_bound_or_default(tp->v.TypeVarTuple.default_value, tp->v.TypeVarTuple.name, p,
                                    "a TypeVarTuple default");
    case TypeParamKind::ParamSpec:
      return add_def(tp->v.ParamSpec.name.view(), kDefTypeParam | kDefLocal, tp->loc) &&
             visit_bound_or_default(tp->v.ParamSpec.default_value, tp->v.ParamSpec.name, p,
                                    "a ParamSpec default");
  }
  return true;
}

bool SymtableBuilder::visit_params(const Args& args) {
  for (Arg* a : args)
    if (!add_def(a->arg.view(), kDefParam, a->loc)) return false;
  return true;
}

bool SymtableBuilder::visit_arguments(Arguments* a) {
  if (!visit_params(a->posonlyargs) || !visit_params(a->args) || !visit_params(a->kwonlyargs)) return false;
  if (a->vararg) {
    if (!add_def(a->vararg->arg.view(), kDefParam, a->vararg->loc)) return false;
    cur_->varargs = true;
  }
  if (a->kwarg) {
    if (!add_def(a->kwarg->arg.view(), kDefParam, a->kwarg->loc)) return false;
    cur_->varkeywords = true;
  }
  return true;
}

bool SymtableBuilder::visit_annotation(Expr* ann) {
  bool future = st_->future_features & kFutureAnnotations;
  if (future && !enter_block("_annotation", BlockType::kAnnotation, ann, ann->loc)) return false;
  if (!visit_expr(ann)) return false;
  if (future) exit_block();
  return true;
}

bool SymtableBuilder::visit_argannotations(const Args& args) {
  for (Arg* a : args)
    if (a->annotation && !visit_expr(a->annotation)) return false;
  return true;
}

bool SymtableBuilder::visit_annotations(Stmt* s, Arguments* a, Expr* returns) {
  bool future = st_->future_features & kFutureAnnotations;
  if (future && !enter_block("_annotation", BlockType::kAnnotation, a, s->loc)) return false;
  if (!visit_argannotations(a->posonlyargs) || !visit_argannotations(a->args)) return false;
  if (a->vararg && a->vararg->annotation && !visit_expr(a->vararg->annotation)) return false;
  if (a->kwarg && a->kwarg->annotation && !visit_expr(a->kwarg->annotation)) return false;
  if (!visit_argannotations(a->kwonlyargs)) return false;
  if (future) exit_block();
  return !returns || visit_annotation(returns);
}

bool SymtableBuilder::visit_alias(Alias* a) {
  std::string_view name = a->asname.is_null() ? a->name.view() : a->asname.view();
  if (a->asname.is_null()) {
    size_t dot = name.find('.');
    if (dot != std::string_view::npos) name = name.substr(0, dot);
  }
  if (name == "*") {
    if (cur_->type != BlockType::kModule) return error("import * only allowed at module level", a->loc);
    return true;
  }
  return add_def(name, kDefImport, a->loc);
}

// ---------------------------------------------------------------------------------------------------------------
// Analysis: from the flags of each name to its scope.

using ScopeMap = std::unordered_map<std::string, int>;

bool SymtableBuilder::analyze_name(SymtableEntry* ste, ScopeMap& scopes, const std::string& name, int flags,
                                   const NameSet* bound, NameSet* local, NameSet* free, NameSet* global,
                                   NameSet* type_params, SymtableEntry* class_entry) {
  if (flags & kDefGlobal) {
    if (flags & kDefNonlocal)
      return error_at_directive(ste, name, fmt::format("name '{}' is nonlocal and global", name));
    scopes[name] = int(Scope::kGlobalExplicit);
    global->insert(name);
    if (bound) const_cast<NameSet*>(bound)->erase(name);
    return true;
  }
  if (flags & kDefNonlocal) {
    if (!bound) return error_at_directive(ste, name, "nonlocal declaration not allowed at module level");
    if (!bound->count(name)) return error_at_directive(ste, name, fmt::format("no binding for nonlocal '{}' found", name));
    if (type_params->count(name))
      return error_at_directive(ste, name, fmt::format("nonlocal binding not allowed for type parameter '{}'", name));
    scopes[name] = int(Scope::kFree);
    ste->free = true;
    free->insert(name);
    return true;
  }
  if (flags & kDefBound) {
    scopes[name] = int(Scope::kLocal);
    local->insert(name);
    global->erase(name);
    if (flags & kDefTypeParam)
      type_params->insert(name);
    else
      type_params->erase(name);
    return true;
  }
  if (class_entry) {
    int cf = class_entry->symbols.get(name);
    if (cf & kDefGlobal) {
      scopes[name] = int(Scope::kGlobalExplicit);
      return true;
    }
    if ((cf & kDefBound) && !(cf & kDefNonlocal)) {
      scopes[name] = int(Scope::kGlobalImplicit);
      return true;
    }
  }
  if (bound && bound->count(name)) {
    scopes[name] = int(Scope::kFree);
    ste->free = true;
    free->insert(name);
    return true;
  }
  if (global && global->count(name)) {
    scopes[name] = int(Scope::kGlobalImplicit);
    return true;
  }
  if (ste->nested) ste->free = true;
  scopes[name] = int(Scope::kGlobalImplicit);
  return true;
}

static bool is_free_in_any_child(SymtableEntry* entry, const std::string& name) {
  for (SymtableEntry* c : entry->children)
    if (c->scope_of(name) == Scope::kFree) return true;
  return false;
}

bool SymtableBuilder::inline_comprehension(SymtableEntry* ste, SymtableEntry* comp, ScopeMap& scopes,
                                           NameSet* comp_free, NameSet* inlined_cells) {
  bool remove_dunder_class = false;
  auto items = comp->symbols.items();  // a copy: the loop may not change it, but ste may be comp's sibling map
  for (auto& [k, v] : items) {
    if (v & kDefParam) continue;  // the ".0" argument
    int scope = (v >> kScopeOffset) & kScopeMask;
    int only_flags = v & ((1 << kScopeOffset) - 1);
    if (scope == int(Scope::kCell) || (only_flags & kDefCompCell)) inlined_cells->insert(k);
    bool exists = ste->symbols.contains(k);
    if (scope == int(Scope::kFree) && ste->type == BlockType::kClass && k == "__class__") {
      // __class__ is never free through a class scope: in the class body it is an implicit global (NameError).
      scope = int(Scope::kGlobalImplicit);
      remove_dunder_class = true;
      if (!is_free_in_any_child(comp, k)) comp_free->erase(k);
    }
    if (!exists) {
      ste->symbols.set(k, only_flags);
      scopes[k] = scope;
    } else if ((ste->symbols.get(k) & kDefBound) && !is_free_in_any_child(comp, k) &&
               ste->type != BlockType::kClass) {
      comp_free->erase(k);
    }
  }
  comp->free = !comp_free->empty();
  if (remove_dunder_class) comp->symbols.erase("__class__");
  return true;
}

bool SymtableBuilder::analyze_block(SymtableEntry* ste, const NameSet* bound, NameSet* free, NameSet* global,
                                    NameSet* type_params, SymtableEntry* class_entry) {
  NameSet local, newglobal, newfree, newbound, inlined_cells;
  ScopeMap scopes;
  if (ste->type == BlockType::kClass) {
    newglobal = *global;
    if (bound) newbound = *bound;
  }
  {
    auto items = ste->symbols.items();
    for (auto& [name, flags] : items)
      if (!analyze_name(ste, scopes, name, flags, bound, &local, free, global, type_params, class_entry))
        return false;
  }
  if (ste->type != BlockType::kClass) {
    if (ste->is_function_like()) newbound.insert(local.begin(), local.end());
    if (bound) newbound.insert(bound->begin(), bound->end());
    newglobal.insert(global->begin(), global->end());
  } else {
    newbound.insert("__class__");
    newbound.insert("__classdict__");
  }
  for (SymtableEntry* entry : ste->children) {
    SymtableEntry* new_class_entry = nullptr;
    if (entry->can_see_class_scope) {
      if (ste->type == BlockType::kClass)
        new_class_entry = ste;
      else if (class_entry)
        new_class_entry = class_entry;
    }
    bool inline_comp = entry->comprehension != CompKind::kNone && !entry->generator && !ste->can_see_class_scope;
    // analyze_child_block: the child works on copies of the sets.
    NameSet child_bound = newbound, child_free = newfree, child_global = newglobal, child_tp = *type_params;
    if (!analyze_block(entry, &child_bound, &child_free, &child_global, &child_tp, new_class_entry)) return false;
    if (inline_comp) {
      if (!inline_comprehension(ste, entry, scopes, &child_free, &inlined_cells)) return false;
      entry->comp_inlined = true;
    }
    newfree.insert(child_free.begin(), child_free.end());
  }
  // Splice the children of inlined comprehensions into ours.
  for (size_t i = ste->children.size(); i-- > 0;) {
    SymtableEntry* c = ste->children[i];
    if (c->comp_inlined) {
      std::vector<SymtableEntry*> grand = c->children;
      ste->children.erase(ste->children.begin() + static_cast<ptrdiff_t>(i));
      ste->children.insert(ste->children.begin() + static_cast<ptrdiff_t>(i), grand.begin(), grand.end());
    }
  }
  if (ste->is_function_like()) {
    // analyze_cells: locals that a child uses freely become cells.
    for (auto& [name, scope] : scopes) {
      if (scope != int(Scope::kLocal)) continue;
      if (!newfree.count(name) && !inlined_cells.count(name)) continue;
      scope = int(Scope::kCell);
      newfree.erase(name);
    }
  } else if (ste->type == BlockType::kClass) {
    if (newfree.erase("__class__")) ste->needs_class_closure = true;
    if (newfree.erase("__classdict__")) ste->needs_classdict = true;
  }
  // update_symbols
  bool classflag = ste->type == BlockType::kClass || ste->can_see_class_scope;
  {
    auto items = ste->symbols.items();
    for (auto& [name, flags] : items) {
      int f = flags;
      if (inlined_cells.count(name)) f |= kDefCompCell;
      auto it = scopes.find(name);
      int scope = it == scopes.end() ? 0 : it->second;
      f |= scope << kScopeOffset;
      ste->symbols.set(name, f);
    }
  }
  // Free names of children not bound here propagate up, in a deterministic order.
  std::vector<std::string> frees(newfree.begin(), newfree.end());
  std::sort(frees.begin(), frees.end());
  for (const std::string& name : frees) {
    if (ste->symbols.contains(name)) {
      if (classflag) ste->symbols.set(name, ste->symbols.get(name) | kDefFreeClass);
      continue;
    }
    if (bound && !bound->count(name)) continue;
    ste->symbols.set(name, int(Scope::kFree) << kScopeOffset);
  }
  free->insert(newfree.begin(), newfree.end());
  return true;
}

bool SymtableBuilder::analyze() {
  NameSet free, global, type_params;
  return analyze_block(st_->top_, nullptr, &free, &global, &type_params, nullptr);
}

std::unique_ptr<Symtable> build_symtable(Mod* mod, int future_features, SyntaxErrorInfo* err) {
  auto st = std::make_unique<Symtable>();
  st->future_features = future_features;
  SymtableBuilder b(st.get(), err);
  if (!b.build(mod) || !b.analyze()) return nullptr;
  return st;
}

}  // namespace pyvm::compiler
