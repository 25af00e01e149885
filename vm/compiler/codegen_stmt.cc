// Statement code generation: CPython 3.13's instruction sequences for every statement kind (compile.c's
// compiler_visit_stmt and friends), emitted with labels and pseudo-instructions for the flow-graph passes.
#include <fmt/format.h>

#include <algorithm>

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/compiler/codegen.h"

namespace pyvm::compiler {

static bool find_ann(const Stmts& stmts) {
  for (Stmt* s : stmts) {
    switch (s->kind) {
      case StmtKind::AnnAssign:
        return true;
      case StmtKind::For:
      case StmtKind::AsyncFor:
        if (find_ann(s->v.For.body) || find_ann(s->v.For.orelse)) return true;
        break;
      case StmtKind::While:
        if (find_ann(s->v.While.body) || find_ann(s->v.While.orelse)) return true;
        break;
      case StmtKind::If:
        if (find_ann(s->v.If.body) || find_ann(s->v.If.orelse)) return true;
        break;
      case StmtKind::With:
      case StmtKind::AsyncWith:
        if (find_ann(s->v.With.body)) return true;
        break;
      case StmtKind::Try:
      case StmtKind::TryStar:
        for (ExceptHandler* h : s->v.Try.handlers)
          if (find_ann(h->body)) return true;
        if (find_ann(s->v.Try.body) || find_ann(s->v.Try.finalbody) || find_ann(s->v.Try.orelse)) return true;
        break;
      case StmtKind::Match:
        for (MatchCase* mc : s->v.Match.cases)
          if (find_ann(mc->body)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

// The docstring of a body: its first statement when that is a string constant expression.
static const ConstantValue* docstring_of(const Stmts& body) {
  if (body.empty()) return nullptr;
  Stmt* s = body[0];
  if (s->kind != StmtKind::Expr) return nullptr;
  Expr* e = s->v.Expr.value;
  if (e->kind != ExprKind::Constant || e->v.Constant.value.kind != ConstantValue::Kind::kStr) return nullptr;
  return &e->v.Constant.value;
}

// CPython 3.13's _PyCompile_CleanDoc: expand tabs, then remove the common indentation of the lines after the first
// (and the first line's leading spaces).
static std::string clean_doc(std::string_view doc) {
  std::string d;
  {
    int col = 0;
    for (char ch : doc) {
      if (ch == '\t') {
        int n = 8 - (col % 8);
        d.append(size_t(n), ' ');
        col += n;
      } else {
        d.push_back(ch);
        if (ch == '\n' || ch == '\r')
          col = 0;
        else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80)
          col++;
      }
    }
  }
  size_t p = 0, n = d.size();
  while (p < n && d[p++] != '\n') {
  }
  size_t margin = SIZE_MAX;
  while (p < n) {
    size_t s = p;
    while (p < n && d[p] == ' ') p++;
    if (p < n && d[p] != '\n') margin = std::min(margin, p - s);
    while (p < n && d[p++] != '\n') {
    }
  }
  if (margin == SIZE_MAX) margin = 0;
  p = 0;
  while (p < n && d[p] == ' ') p++;
  if (p == 0 && margin == 0) return d;
  std::string out;
  while (p < n) {
    char ch = d[p++];
    out.push_back(ch);
    if (ch == '\n') break;
  }
  while (p < n) {
    for (size_t i = 0; i < margin && p < n; i++, p++)
      if (d[p] != ' ') break;
    while (p < n) {
      char ch = d[p++];
      out.push_back(ch);
      if (ch == '\n') break;
    }
  }
  return out;
}

static Object* doc_object(const ConstantValue* v) {
  std::string cleaned = clean_doc(v->str.view());
  return str_from_utf8(cleaned);
}

bool Compiler::visit_stmts(const Stmts& body) {
  for (Stmt* s : body)
    if (!visit_stmt(s)) return false;
  return true;
}

bool Compiler::body(SrcLoc loc, const Stmts& stmts, bool is_module) {
  if (is_module && !stmts.empty()) loc = loc_of(stmts[0]->loc);
  if (find_ann(stmts)) emit(SETUP_ANNOTATIONS, loc);
  if (stmts.empty()) return true;
  uint32_t first = 0;
  if (const ConstantValue* doc = docstring_of(stmts)) {
    first = 1;
    if (optimize_ < 2) {
      if (!emit_const_steal(doc_object(doc), loc_of(stmts[0]->v.Expr.value->loc))) return false;
      if (!nameop("__doc__", ExprContext::Store, kNoLoc)) return false;
    }
  }
  for (uint32_t i = first; i < stmts.size; i++)
    if (!visit_stmt(stmts[i])) return false;
  return true;
}

Object* Compiler::compile_module(Mod* mod, bool interactive) {
  if (!enter_scope("<module>", ScopeType::kModule, mod, 1)) return nullptr;
  SrcLoc loc{1, 1, 0, 0};
  bool ok = true;
  switch (mod->kind) {
    case ModKind::Module:
      ok = body(loc, mod->v.Module.body, true);
      break;
    case ModKind::Interactive:
      if (find_ann(mod->v.Interactive.body)) emit(SETUP_ANNOTATIONS, loc);
      interactive_ = true;
      ok = visit_stmts(mod->v.Interactive.body);
      break;
    case ModKind::Expression:
      ok = visit_expr(mod->v.Expression.body);
      break;
    default:
      set_error(&exc_SystemError, "compiler: unsupported module kind");
      ok = false;
  }
  (void)interactive;
  Object* co = ok ? optimize_and_assemble(mod->kind != ModKind::Expression) : nullptr;
  exit_scope();
  return co;
}

// --- function and class definitions ------------------------------------------------------------------------

bool Compiler::decorators(const Exprs& decos) { return visit_exprs(decos); }

bool Compiler::apply_decorators(const Exprs& decos) {
  for (uint32_t i = decos.size; i-- > 0;) emit(CALL, 0, loc_of(decos[i]->loc));
  return true;
}

bool Compiler::kwonly_defaults(SrcLoc loc, Arguments* args, bool* emitted) {
  std::vector<std::string> keys;
  for (uint32_t i = 0; i < args->kwonlyargs.size; i++) {
    Expr* d = args->kw_defaults[i];
    if (!d) continue;
    keys.push_back(maybe_mangle(args->kwonlyargs[i]->arg.view()));
    if (!visit_expr(d)) return false;
  }
  *emitted = !keys.empty();
  if (keys.empty()) return true;
  Ref<> t = steal(tuple_new(ssize(keys.size())));
  if (!t) return false;
  for (size_t i = 0; i < keys.size(); i++) {
    Object* s = str_from_utf8(keys[i]);
    if (!s) return false;
    tuple_set(t.get(), ssize(i), s);
  }
  if (!emit_const(t.get(), loc)) return false;
  emit(BUILD_CONST_KEY_MAP, int(keys.size()), loc);
  return true;
}

int Compiler::default_arguments(SrcLoc loc, Arguments* args) {
  int flags = 0;
  if (args->defaults.size > 0) {
    if (!visit_exprs(args->defaults)) return -1;
    emit(BUILD_TUPLE, int(args->defaults.size), loc);
    flags |= kMakeFunctionDefaults;
  }
  if (args->kwonlyargs.size > 0) {
    bool emitted = false;
    if (!kwonly_defaults(loc, args, &emitted)) return -1;
    if (emitted) flags |= kMakeFunctionKwdefaults;
  }
  return flags;
}

int Compiler::visit_annotations(SrcLoc loc, Arguments* args, Expr* returns) {
  int n = 0;
  auto one = [&](Str name, Expr* ann) -> bool {
    if (!ann) return true;
    Ref<> m = steal(str_from_utf8(maybe_mangle(name.view())));
    if (!m || !emit_const(m.get(), loc)) return false;
    if (future_features_ & kFutureAnnotations) {
      if (!annotation(ann)) return false;
    } else if (ann->kind == ExprKind::Starred) {
      if (!visit_expr(ann->v.Starred.value)) return false;
      emit(UNPACK_SEQUENCE, 1, loc);
    } else if (!visit_expr(ann)) {
      return false;
    }
    n += 2;
    return true;
  };
  for (Arg* a : args->args)
    if (!one(a->arg, a->annotation)) return -1;
  for (Arg* a : args->posonlyargs)
    if (!one(a->arg, a->annotation)) return -1;
  if (args->vararg && !one(args->vararg->arg, args->vararg->annotation)) return -1;
  for (Arg* a : args->kwonlyargs)
    if (!one(a->arg, a->annotation)) return -1;
  if (args->kwarg && !one(args->kwarg->arg, args->kwarg->annotation)) return -1;
  if (!one(Str{"return", 6}, returns)) return -1;
  if (n) {
    emit(BUILD_TUPLE, n, loc);
    return 1;
  }
  return 0;
}

static bool check_debug_args(Compiler* c, Arguments* a) {
  auto check = [&](Arg* x) { return !x || x->arg != "__debug__" || c->error("cannot assign to __debug__", x->loc); };
  for (Arg* x : a->posonlyargs)
    if (!check(x)) return false;
  for (Arg* x : a->args)
    if (!check(x)) return false;
  for (Arg* x : a->kwonlyargs)
    if (!check(x)) return false;
  return check(a->vararg) && check(a->kwarg);
}

bool Compiler::function_body(Stmt* s, bool is_async, int funcflags, int firstlineno) {
  auto& f = s->v.FunctionDef;
  if (!enter_scope(std::string(f.name.view()), is_async ? ScopeType::kAsyncFunction : ScopeType::kFunction, s,
                   firstlineno))
    return false;
  uint32_t first = 0;
  const ConstantValue* doc = docstring_of(f.body);
  Object* docobj = nullptr;
  if (doc) {
    first = 1;
    if (optimize_ < 2) docobj = doc_object(doc);
  }
  bool ok = u()->consts.add(docobj ? docobj : none()) >= 0;
  xdecref(docobj);
  if (!ok) {
    exit_scope();
    return false;
  }
  u()->meta.argcount = int(f.args->args.size);
  u()->meta.posonlyargcount = int(f.args->posonlyargs.size);
  u()->meta.kwonlyargcount = int(f.args->kwonlyargs.size);
  int start = new_label();
  use_label(start);
  SymtableEntry* ste = u()->ste;
  bool stop_iter = ste->coroutine || ste->generator;
  if (stop_iter && !push_fblock(kNoLoc, FBlockType::kStopIteration, start, -1, nullptr)) ok = false;
  for (uint32_t i = first; ok && i < f.body.size; i++) ok = visit_stmt(f.body[i]);
  if (ok && stop_iter) {
    // wrap_in_stopiteration_handler
    int handler = new_label();
    u()->instrs.insert(u()->instrs.begin(), Instr{kSetupCleanup, 0, kNoLoc, handler});
    for (int& p : u()->label_pos)
      if (p >= 0) p++;
    ok = emit_const(none(), kNoLoc);
    emit(RETURN_VALUE, kNoLoc);
    use_label(handler);
    emit(CALL_INTRINSIC_1, kIntrinsicStopIterationError, kNoLoc);
    emit(RERAISE, 1, kNoLoc);
    pop_fblock();
  }
  Object* co = ok ? optimize_and_assemble(true) : nullptr;
  exit_scope();
  if (!co) return false;
  ok = make_closure(loc_of(s->loc), co, funcflags);
  decref(co);
  return ok;
}

bool Compiler::function_def(Stmt* s, bool is_async) {
  auto& f = s->v.FunctionDef;
  if (!check_debug_args(this, f.args)) return false;
  if (!decorators(f.decorator_list)) return false;
  int firstlineno = s->loc.lineno;
  if (f.decorator_list.size) firstlineno = f.decorator_list[0]->loc.lineno;
  SrcLoc loc = loc_of(s->loc);
  bool generic = f.type_params.size > 0;
  int funcflags = default_arguments(loc, f.args);
  if (funcflags < 0) return false;
  int ntp_args = 0;
  if (generic) {
    if (funcflags & kMakeFunctionDefaults) ntp_args++;
    if (funcflags & kMakeFunctionKwdefaults) ntp_args++;
    if (ntp_args == 2) emit(SWAP, 2, loc);
    std::string tpname = fmt::format("<generic parameters of {}>", f.name.view());
    if (!enter_scope(tpname, ScopeType::kTypeParams, &f.type_params, firstlineno)) return false;
    if (!type_params(f.type_params)) {
      exit_scope();
      return false;
    }
    for (int i = 0; i < ntp_args; i++) emit(LOAD_FAST, i, loc);
  }
  int ann = visit_annotations(loc, f.args, f.returns);
  if (ann < 0 || !function_body(s, is_async, funcflags | (ann > 0 ? kMakeFunctionAnnotations : 0), firstlineno)) {
    if (generic) exit_scope();
    return false;
  }
  if (generic) {
    emit(SWAP, 2, loc);
    emit(CALL_INTRINSIC_2, kIntrinsicSetFunctionTypeParams, loc);
    u()->meta.argcount = ntp_args;
    Object* co = optimize_and_assemble(false);
    exit_scope();
    if (!co) return false;
    bool ok = make_closure(loc, co, 0);
    decref(co);
    if (!ok) return false;
    if (ntp_args > 0) {
      emit(SWAP, ntp_args + 1, loc);
      emit(CALL, ntp_args - 1, loc);
    } else {
      emit(PUSH_NULL, loc);
      emit(CALL, 0, loc);
    }
  }
  if (!apply_decorators(f.decorator_list)) return false;
  return nameop(f.name.view(), ExprContext::Store, loc);
}

bool Compiler::type_params(const TypeParams& tps) {
  bool seen_default = false;
  for (TypeParam* tp : tps) {
    SrcLoc loc = loc_of(tp->loc);
    Str name;
    Expr* dflt;
    switch (tp->kind) {
      case TypeParamKind::TypeVar:
        name = tp->v.TypeVar.name;
        dflt = tp->v.TypeVar.default_value;
        break;
      case TypeParamKind::TypeVarTuple:
        name = tp->v.TypeVarTuple.name;
        dflt = tp->v.TypeVarTuple.default_value;
        break;
      default:
        name = tp->v.ParamSpec.name;
        dflt = tp->v.ParamSpec.default_value;
        break;
    }
    Ref<> nm = steal(str_from_utf8(name.view()));
    if (!nm || !emit_const(nm.get(), loc)) return false;
    auto bound_or_default = [&](Expr* e, const void* key, bool allow_starred) -> bool {
      if (!enter_scope(std::string(name.view()), ScopeType::kTypeParams, key, e->loc.lineno)) return false;
      bool ok;
      if (allow_starred && e->kind == ExprKind::Starred) {
        ok = visit_expr(e->v.Starred.value);
        emit(UNPACK_SEQUENCE, 1, loc_of(e->loc));
      } else {
        ok = visit_expr(e);
      }
      if (!ok) {
        exit_scope();
        return false;
      }
      emit(RETURN_VALUE, loc_of(e->loc));
      Object* co = optimize_and_assemble(false);
      exit_scope();
      if (!co) return false;
      ok = make_closure(loc_of(e->loc), co, 0);
      decref(co);
      return ok;
    };
    const char* p = reinterpret_cast<const char*>(tp);
    if (tp->kind == TypeParamKind::TypeVar) {
      if (Expr* bound = tp->v.TypeVar.bound) {
        if (!bound_or_default(bound, p, false)) return false;
        emit(CALL_INTRINSIC_2,
             bound->kind == ExprKind::Tuple ? kIntrinsicTypeVarWithConstraints : kIntrinsicTypeVarWithBound, loc);
      } else {
        emit(CALL_INTRINSIC_1, kIntrinsicTypeVar, loc);
      }
    } else {
      emit(CALL_INTRINSIC_1, tp->kind == TypeParamKind::TypeVarTuple ? kIntrinsicTypeVarTuple : kIntrinsicParamSpec,
           loc);
    }
    if (dflt) {
      seen_default = true;
      const void* key = tp->kind == TypeParamKind::TypeVar ? static_cast<const void*>(p + 1) : p;
      if (!bound_or_default(dflt, key, tp->kind == TypeParamKind::TypeVarTuple)) return false;
      emit(CALL_INTRINSIC_2, kIntrinsicSetTypeparamDefault, loc);
    } else if (seen_default) {
      return error(fmt::format("non-default type parameter '{}' follows default type parameter", name.view()),
                   loc);
    }
    emit(COPY, 1, loc);
    if (!nameop(name.view(), ExprContext::Store, loc)) return false;
  }
  emit(BUILD_TUPLE, int(tps.size), loc_of(tps[0]->loc));
  return true;
}

bool Compiler::class_body(Stmt* s, int firstlineno) {
  auto& c = s->v.ClassDef;
  if (!enter_scope(std::string(c.name.view()), ScopeType::kClass, s, firstlineno)) return false;
  SrcLoc loc{firstlineno, firstlineno, 0, 0};
  u()->private_name = std::string(c.name.view());
  auto fail = [&]() {
    exit_scope();
    return false;
  };
  if (!nameop("__name__", ExprContext::Load, loc) || !nameop("__module__", ExprContext::Store, loc)) return fail();
  Ref<> qn = steal(str_from_utf8(u()->meta.qualname));
  if (!qn || !emit_const(qn.get(), loc) || !nameop("__qualname__", ExprContext::Store, loc)) return fail();
  if (!emit_const_steal(int_from_i64(u()->meta.firstlineno), loc) ||
      !nameop("__firstlineno__", ExprContext::Store, loc))
    return fail();
  if (c.type_params.size > 0) {
    if (!nameop(".type_params", ExprContext::Load, loc) || !nameop("__type_params__", ExprContext::Store, loc))
      return fail();
  }
  if (u()->ste->needs_classdict) {
    emit(LOAD_LOCALS, loc);
    emit(STORE_DEREF, u()->meta.cellvars.add("__classdict__"), loc);
  }
  if (!body(loc, c.body, false)) return fail();
  {
    std::vector<std::string> attrs(u()->static_attributes.begin(), u()->static_attributes.end());
    std::sort(attrs.begin(), attrs.end());
    Ref<> t = steal(tuple_new(ssize(attrs.size())));
    if (!t) return fail();
    for (size_t i = 0; i < attrs.size(); i++) {
      Object* a = str_from_utf8(attrs[i]);
      if (!a) return fail();
      tuple_set(t.get(), ssize(i), a);
    }
    if (!emit_const(t.get(), kNoLoc) || !nameop("__static_attributes__", ExprContext::Store, kNoLoc)) return fail();
  }
  if (u()->ste->needs_classdict) {
    emit(kLoadClosure, u()->meta.cellvars.find("__classdict__"), kNoLoc);
    if (!nameop("__classdictcell__", ExprContext::Store, kNoLoc)) return fail();
  }
  if (u()->ste->needs_class_closure) {
    emit(kLoadClosure, u()->meta.cellvars.find("__class__"), kNoLoc);
    emit(COPY, 1, kNoLoc);
    if (!nameop("__classcell__", ExprContext::Store, kNoLoc)) return fail();
  } else if (!emit_const(none(), kNoLoc)) {
    return fail();
  }
  emit(RETURN_VALUE, kNoLoc);
  Object* co = optimize_and_assemble(true);
  exit_scope();
  if (!co) return false;
  loc = loc_of(s->loc);
  emit(LOAD_BUILD_CLASS, loc);
  emit(PUSH_NULL, loc);
  bool ok = make_closure(loc, co, 0);
  decref(co);
  if (!ok) return false;
  Ref<> nm = steal(str_from_utf8(c.name.view()));
  return nm && emit_const(nm.get(), loc);
}

bool Compiler::class_def(Stmt* s) {
  auto& c = s->v.ClassDef;
  if (!decorators(c.decorator_list)) return false;
  int firstlineno = s->loc.lineno;
  if (c.decorator_list.size) firstlineno = c.decorator_list[0]->loc.lineno;
  SrcLoc loc = loc_of(s->loc);
  bool generic = c.type_params.size > 0;
  if (generic) {
    std::string tpname = fmt::format("<generic parameters of {}>", c.name.view());
    if (!enter_scope(tpname, ScopeType::kTypeParams, &c.type_params, firstlineno)) return false;
    u()->private_name = std::string(c.name.view());
    if (!type_params(c.type_params) || !nameop(".type_params", ExprContext::Store, loc)) {
      exit_scope();
      return false;
    }
  }
  if (!class_body(s, firstlineno)) {
    if (generic) exit_scope();
    return false;
  }
  if (generic) {
    bool ok = nameop(".type_params", ExprContext::Load, loc);
    emit(CALL_INTRINSIC_1, kIntrinsicSubscriptGeneric, loc);
    ok = ok && nameop(".generic_base", ExprContext::Store, loc);
    // bases + [Name(".generic_base")]
    Arena& arena = *arena_;
    Exprs bases{};
    bases.size = c.bases.size + 1;
    bases.data = arena.alloc_array<Expr*>(bases.size);
    for (uint32_t i = 0; i < c.bases.size; i++) bases.data[i] = c.bases[i];
    Expr* nm = new_node<Expr>(arena);
    nm->kind = ExprKind::Name;
    nm->loc = s->loc;
    nm->v.Name.id = Str{".generic_base", 13};
    nm->v.Name.ctx = ExprContext::Load;
    bases.data[c.bases.size] = nm;
    ok = ok && call_helper(loc, 2, bases, c.keywords);
    Object* co = ok ? optimize_and_assemble(false) : nullptr;
    exit_scope();
    if (!co) return false;
    ok = make_closure(loc, co, 0);
    decref(co);
    if (!ok) return false;
    emit(PUSH_NULL, loc);
    emit(CALL, 0, loc);
  } else if (!call_helper(loc, 2, c.bases, c.keywords)) {
    return false;
  }
  if (!apply_decorators(c.decorator_list)) return false;
  return nameop(c.name.view(), ExprContext::Store, loc);
}

bool Compiler::type_alias(Stmt* s) {
  auto& t = s->v.TypeAlias;
  SrcLoc loc = loc_of(s->loc);
  std::string name(t.name->v.Name.id.view());
  bool generic = t.type_params.size > 0;
  Ref<> nm = steal(str_from_utf8(name));
  if (!nm) return false;
  if (generic) {
    if (!enter_scope(fmt::format("<generic parameters of {}>", name), ScopeType::kTypeParams, &t.type_params,
                     loc.lineno))
      return false;
    if (!emit_const(nm.get(), loc) || !type_params(t.type_params)) {
      exit_scope();
      return false;
    }
  } else {
    if (!emit_const(nm.get(), loc) || !emit_const(none(), loc)) return false;
  }
  // The body: a function evaluating the value lazily.
  bool ok = enter_scope(name, ScopeType::kFunction, s, loc.lineno);
  if (ok) {
    ok = u()->consts.add(none()) >= 0 && visit_expr(t.value);
    emit(RETURN_VALUE, loc);
    Object* co = ok ? optimize_and_assemble(false) : nullptr;
    exit_scope();
    ok = co && make_closure(loc, co, 0);
    xdecref(co);
  }
  if (ok) {
    emit(BUILD_TUPLE, 3, loc);
    emit(CALL_INTRINSIC_1, kIntrinsicTypeAlias, loc);
  }
  if (generic) {
    Object* co = ok ? optimize_and_assemble(false) : nullptr;
    exit_scope();
    if (!co) return false;
    ok = make_closure(loc, co, 0);
    decref(co);
    if (!ok) return false;
    emit(PUSH_NULL, loc);
    emit(CALL, 0, loc);
  }
  return ok && nameop(name, ExprContext::Store, loc);
}

// --- simple statements -------------------------------------------------------------------------------------

bool Compiler::return_stmt(Stmt* s) {
  SrcLoc loc = loc_of(s->loc);
  Expr* v = s->v.Return.value;
  Object* folded = v ? fold(v) : nullptr;
  bool preserve_tos = v && !folded;
  xdecref(folded);
  if (!u()->ste->is_function_like()) return error("'return' outside function", loc);
  if (v && u()->ste->coroutine && u()->ste->generator) return error("'return' with value in async generator", loc);
  if (preserve_tos) {
    if (!visit_expr(v)) return false;
  } else if (v) {
    loc = loc_of(v->loc);  // a constant return value gives its own location to the return (as CPython)
    emit(NOP, loc);
  }
  if (!v || v->loc.lineno != s->loc.lineno) {
    loc = loc_of(s->loc);
    emit(NOP, loc);
  }
  if (!unwind_fblock_stack(&loc, preserve_tos, nullptr)) return false;
  if (!v) {
    if (!emit_const(none(), loc)) return false;
  } else if (!preserve_tos) {
    if (!emit_const_steal(fold(v), loc)) return false;
  }
  emit(RETURN_VALUE, loc);
  return true;
}

bool Compiler::break_continue(Stmt* s, bool is_break) {
  SrcLoc loc = loc_of(s->loc), origin = loc;
  FBlock* loop = nullptr;
  emit(NOP, loc);
  if (!unwind_fblock_stack(&loc, false, &loop)) return false;
  if (!loop) return error(is_break ? "'break' outside loop" : "'continue' not properly in loop", origin);
  if (is_break) {
    FBlock copy = *loop;
    if (!unwind_fblock(&copy, &loc, false)) return false;
    emit_jump(kJump, copy.exit, loc);
  } else {
    emit_jump(kJump, loop->block, loc);
  }
  return true;
}

bool Compiler::call_exit_with_nones(SrcLoc loc) {
  for (int i = 0; i < 3; i++)
    if (!emit_const(none(), loc)) return false;
  emit(CALL, 2, loc);
  return true;
}

bool Compiler::add_yield_from(SrcLoc loc, bool await) {
  int send = new_label(), fail = new_label(), exit = new_label();
  use_label(send);
  emit_jump(SEND, exit, loc);
  emit_jump(kSetupFinally, fail, loc);
  emit(YIELD_VALUE, 1, loc);
  emit(kPopBlock, kNoLoc);
  emit(RESUME, await ? 3 : 2, loc);
  emit_jump(kJumpNoInterrupt, send, loc);
  use_label(fail);
  emit(CLEANUP_THROW, loc);
  use_label(exit);
  emit(END_SEND, loc);
  return true;
}

bool Compiler::pop_except_and_reraise(SrcLoc loc) {
  emit(COPY, 3, loc);
  emit(POP_EXCEPT, loc);
  emit(RERAISE, 1, loc);
  return true;
}

bool Compiler::unwind_fblock(FBlock* f, SrcLoc* loc, bool preserve_tos) {
  switch (f->type) {
    case FBlockType::kWhileLoop:
    case FBlockType::kExceptionHandler:
    case FBlockType::kExceptionGroupHandler:
    case FBlockType::kAsyncComprehensionGenerator:
    case FBlockType::kStopIteration:
      return true;
    case FBlockType::kForLoop:
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(POP_TOP, *loc);
      return true;
    case FBlockType::kTryExcept:
      emit(kPopBlock, *loc);
      return true;
    case FBlockType::kFinallyTry:
      emit(kPopBlock, *loc);
      if (preserve_tos && !push_fblock(*loc, FBlockType::kPopValue, -1, -1, nullptr)) return false;
      if (!visit_stmts(*static_cast<const Stmts*>(f->datum))) return false;
      if (preserve_tos) pop_fblock();
      *loc = kNoLoc;
      return true;
    case FBlockType::kFinallyEnd:
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(POP_TOP, *loc);
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(kPopBlock, *loc);
      emit(POP_EXCEPT, *loc);
      return true;
    case FBlockType::kWith:
    case FBlockType::kAsyncWith:
      *loc = f->loc;
      emit(kPopBlock, *loc);
      if (preserve_tos) emit(SWAP, 2, *loc);
      if (!call_exit_with_nones(*loc)) return false;
      if (f->type == FBlockType::kAsyncWith) {
        emit(GET_AWAITABLE, 2, *loc);
        if (!emit_const(none(), *loc) || !add_yield_from(*loc, true)) return false;
      }
      emit(POP_TOP, *loc);
      *loc = kNoLoc;
      return true;
    case FBlockType::kHandlerCleanup: {
      const Str* name = static_cast<const Str*>(f->datum);
      if (name) emit(kPopBlock, *loc);
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(kPopBlock, *loc);
      emit(POP_EXCEPT, *loc);
      if (name) {
        if (!emit_const(none(), *loc) || !nameop(name->view(), ExprContext::Store, *loc) ||
            !nameop(name->view(), ExprContext::Del, *loc))
          return false;
      }
      return true;
    }
    case FBlockType::kPopValue:
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(POP_TOP, *loc);
      return true;
  }
  return true;
}

bool Compiler::unwind_fblock_stack(SrcLoc* loc, bool preserve_tos, FBlock** loop) {
  auto& fb = u()->fblocks;
  if (fb.empty()) return true;
  FBlock top = fb.back();
  if (top.type == FBlockType::kExceptionGroupHandler)
    return error("'break', 'continue' and 'return' cannot appear in an except* block", *loc);
  if (loop && (top.type == FBlockType::kWhileLoop || top.type == FBlockType::kForLoop)) {
    *loop = &fb.back();
    return true;
  }
  fb.pop_back();
  bool ok = unwind_fblock(&top, loc, preserve_tos) && unwind_fblock_stack(loc, preserve_tos, loop);
  fb.push_back(top);
  if (loop && *loop) {
    // The loop entry is below the one we put back; the vector may have moved.
    for (size_t i = fb.size(); i-- > 0;)
      if (fb[i].type == FBlockType::kWhileLoop || fb[i].type == FBlockType::kForLoop) {
        *loop = &fb[i];
        break;
      }
  }
  return ok;
}

bool Compiler::assign(Stmt* s) {
  auto& a = s->v.Assign;
  if (!visit_expr(a.value)) return false;
  for (uint32_t i = 0; i < a.targets.size; i++) {
    if (i + 1 < a.targets.size) emit(COPY, 1, loc_of(s->loc));
    if (!visit_expr(a.targets[i])) return false;
  }
  return true;
}

static SrcLoc match_attr_loc(SrcLoc loc, Expr* attr) {
  if (loc.lineno != attr->loc.end_lineno) {
    loc.lineno = attr->loc.end_lineno;
    std::string_view name = attr->v.Attribute.attr.view();
    int len = 0;
    for (unsigned char ch : name)
      if ((ch & 0xC0) != 0x80) len++;
    if (len <= attr->loc.end_col_offset) {
      loc.col = attr->loc.end_col_offset - len;
    } else {
      loc.col = -1;
      loc.end_col = -1;
    }
    loc.end_lineno = std::max(loc.lineno, loc.end_lineno);
    if (loc.lineno == loc.end_lineno) loc.end_col = std::max(loc.col, loc.end_col);
  }
  return loc;
}
SrcLoc update_start_location_to_match_attr(SrcLoc loc, Expr* attr) { return match_attr_loc(loc, attr); }

static int binary_oparg(OperatorKind op, bool inplace) {
  int v = 0;
  switch (op) {
    case OperatorKind::Add: v = 0; break;
    case OperatorKind::BitAnd: v = 1; break;
    case OperatorKind::FloorDiv: v = 2; break;
    case OperatorKind::LShift: v = 3; break;
    case OperatorKind::MatMult: v = 4; break;
    case OperatorKind::Mult: v = 5; break;
    case OperatorKind::Mod: v = 6; break;
    case OperatorKind::BitOr: v = 7; break;
    case OperatorKind::Pow: v = 8; break;
    case OperatorKind::RShift: v = 9; break;
    case OperatorKind::Sub: v = 10; break;
    case OperatorKind::Div: v = 11; break;
    case OperatorKind::BitXor: v = 12; break;
  }
  return inplace ? v + 13 : v;
}
int binary_op_arg(OperatorKind op, bool inplace) { return binary_oparg(op, inplace); }

bool Compiler::aug_assign(Stmt* s) {
  Expr* e = s->v.AugAssign.target;
  SrcLoc loc = loc_of(e->loc);
  switch (e->kind) {
    case ExprKind::Attribute:
      if (!visit_expr(e->v.Attribute.value)) return false;
      emit(COPY, 1, loc);
      loc = match_attr_loc(loc, e);
      if (!emit_name(LOAD_ATTR, e->v.Attribute.attr.view(), loc)) return false;
      break;
    case ExprKind::Subscript:
      if (!visit_expr(e->v.Subscript.value)) return false;
      if (is_two_element_slice(e->v.Subscript.slice)) {
        int n;
        if (!slice_parts(e->v.Subscript.slice, &n)) return false;
        emit(COPY, 3, loc);
        emit(COPY, 3, loc);
        emit(COPY, 3, loc);
        emit(BINARY_SLICE, loc);
      } else {
        if (!visit_expr(e->v.Subscript.slice)) return false;
        emit(COPY, 2, loc);
        emit(COPY, 2, loc);
        emit(BINARY_SUBSCR, loc);
      }
      break;
    case ExprKind::Name:
      if (!nameop(e->v.Name.id.view(), ExprContext::Load, loc)) return false;
      break;
    default:
      set_error(&exc_SystemError, "invalid node type for augmented assignment");
      return false;
  }
  if (!visit_expr(s->v.AugAssign.value)) return false;
  emit(BINARY_OP, binary_oparg(s->v.AugAssign.op, true), loc_of(s->loc));
  loc = loc_of(e->loc);
  switch (e->kind) {
    case ExprKind::Attribute:
      loc = match_attr_loc(loc, e);
      emit(SWAP, 2, loc);
      return emit_name(STORE_ATTR, e->v.Attribute.attr.view(), loc);
    case ExprKind::Subscript:
      if (is_two_element_slice(e->v.Subscript.slice)) {
        emit(SWAP, 4, loc);
        emit(SWAP, 3, loc);
        emit(SWAP, 2, loc);
        emit(STORE_SLICE, loc);
      } else {
        emit(SWAP, 3, loc);
        emit(SWAP, 2, loc);
        emit(STORE_SUBSCR, loc);
      }
      return true;
    default:
      return nameop(e->v.Name.id.view(), ExprContext::Store, loc);
  }
}

bool Compiler::check_ann_expr(Expr* e) {
  if (!visit_expr(e)) return false;
  emit(POP_TOP, loc_of(e->loc));
  return true;
}

static bool check_ann_subscr(Compiler* c, Expr* e) {
  switch (e->kind) {
    case ExprKind::Slice:
      if (e->v.Slice.lower && !c->check_ann_expr(e->v.Slice.lower)) return false;
      if (e->v.Slice.upper && !c->check_ann_expr(e->v.Slice.upper)) return false;
      return !e->v.Slice.step || c->check_ann_expr(e->v.Slice.step);
    case ExprKind::Tuple:
      for (Expr* x : e->v.Tuple.elts)
        if (!check_ann_subscr(c, x)) return false;
      return true;
    default:
      return c->check_ann_expr(e);
  }
}

bool Compiler::ann_assign(Stmt* s) {
  auto& a = s->v.AnnAssign;
  SrcLoc loc = loc_of(s->loc);
  Expr* targ = a.target;
  if (a.value) {
    if (!visit_expr(a.value) || !visit_expr(targ)) return false;
  }
  switch (targ->kind) {
    case ExprKind::Name:
      if (!forbidden_name(targ->v.Name.id.view(), ExprContext::Store, loc)) return false;
      if (a.simple && (u()->scope_type == ScopeType::kModule || u()->scope_type == ScopeType::kClass)) {
        if (future_features_ & kFutureAnnotations) {
          if (!annotation(a.annotation)) return false;
        } else if (!visit_expr(a.annotation)) {
          return false;
        }
        if (!emit_name(LOAD_NAME, "__annotations__", loc)) return false;
        if (!emit_const_steal(str_from_utf8(maybe_mangle(targ->v.Name.id.view())), loc)) return false;
        emit(STORE_SUBSCR, loc);
      }
      break;
    case ExprKind::Attribute:
      if (!forbidden_name(targ->v.Attribute.attr.view(), ExprContext::Store, loc)) return false;
      if (!a.value && !check_ann_expr(targ->v.Attribute.value)) return false;
      break;
    case ExprKind::Subscript:
      if (!a.value && (!check_ann_expr(targ->v.Subscript.value) || !check_ann_subscr(this, targ->v.Subscript.slice)))
        return false;
      break;
    default:
      set_error(&exc_SystemError, "invalid node type for annotated assignment");
      return false;
  }
  if (!a.simple && !(future_features_ & kFutureAnnotations) &&
      (u()->scope_type == ScopeType::kModule || u()->scope_type == ScopeType::kClass))
    return check_ann_expr(a.annotation);
  return true;
}

// --- control flow --------------------------------------------------------------------------------------------

bool Compiler::if_stmt(Stmt* s) {
  int end = new_label();
  int next = s->v.If.orelse.size ? new_label() : end;
  if (!jump_if(loc_of(s->loc), s->v.If.test, next, false)) return false;
  if (!visit_stmts(s->v.If.body)) return false;
  if (s->v.If.orelse.size) {
    emit_jump(kJump, end, kNoLoc);
    use_label(next);
    if (!visit_stmts(s->v.If.orelse)) return false;
  }
  use_label(end);
  return true;
}

bool Compiler::for_stmt(Stmt* s) {
  auto& f = s->v.For;
  SrcLoc loc = loc_of(s->loc);
  int start = new_label(), body_l = new_label(), cleanup = new_label(), end = new_label();
  if (!push_fblock(loc, FBlockType::kForLoop, start, end, nullptr)) return false;
  if (!visit_expr(f.iter)) return false;
  loc = loc_of(f.iter->loc);
  emit(GET_ITER, loc);
  use_label(start);
  emit_jump(FOR_ITER, cleanup, loc);
  emit(NOP, loc_of(f.target->loc));
  use_label(body_l);
  if (!visit_expr(f.target) || !visit_stmts(f.body)) return false;
  emit_jump(kJump, start, kNoLoc);
  use_label(cleanup);
  emit(END_FOR, kNoLoc);
  emit(POP_TOP, kNoLoc);
  pop_fblock();
  if (!visit_stmts(f.orelse)) return false;
  use_label(end);
  return true;
}

bool Compiler::async_for(Stmt* s) {
  auto& f = s->v.For;
  SrcLoc loc = loc_of(s->loc);
  if (u()->scope_type != ScopeType::kAsyncFunction) return error("'async for' outside async function", loc);
  int start = new_label(), except = new_label(), end = new_label();
  if (!visit_expr(f.iter)) return false;
  emit(GET_AITER, loc_of(f.iter->loc));
  use_label(start);
  if (!push_fblock(loc, FBlockType::kForLoop, start, end, nullptr)) return false;
  emit_jump(kSetupFinally, except, loc);
  emit(GET_ANEXT, loc);
  if (!emit_const(none(), loc) || !add_yield_from(loc, true)) return false;
  emit(kPopBlock, loc);
  if (!visit_expr(f.target) || !visit_stmts(f.body)) return false;
  emit_jump(kJump, start, kNoLoc);
  pop_fblock();
  use_label(except);
  emit(END_ASYNC_FOR, loc_of(f.iter->loc));
  if (!visit_stmts(f.orelse)) return false;
  use_label(end);
  return true;
}

bool Compiler::while_stmt(Stmt* s) {
  auto& w = s->v.While;
  int loop = new_label(), body_l = new_label(), end = new_label(), anchor = new_label();
  use_label(loop);
  if (!push_fblock(loc_of(s->loc), FBlockType::kWhileLoop, loop, end, nullptr)) return false;
  if (!jump_if(loc_of(s->loc), w.test, anchor, false)) return false;
  use_label(body_l);
  if (!visit_stmts(w.body)) return false;
  if (!jump_if(loc_of(s->loc), w.test, body_l, true)) return false;
  pop_fblock();
  use_label(anchor);
  if (!visit_stmts(w.orelse)) return false;
  use_label(end);
  return true;
}

bool Compiler::raise_stmt(Stmt* s) {
  int n = 0;
  if (s->v.Raise.exc) {
    if (!visit_expr(s->v.Raise.exc)) return false;
    n++;
    if (s->v.Raise.cause) {
      if (!visit_expr(s->v.Raise.cause)) return false;
      n++;
    }
  }
  emit(RAISE_VARARGS, n, loc_of(s->loc));
  return true;
}

bool Compiler::assert_stmt(Stmt* s) {
  if (optimize_ > 0) return true;
  int end = new_label();
  if (!jump_if(loc_of(s->loc), s->v.Assert.test, end, true)) return false;
  emit(LOAD_ASSERTION_ERROR, loc_of(s->loc));
  if (s->v.Assert.msg) {
    if (!visit_expr(s->v.Assert.msg)) return false;
    emit(CALL, 0, loc_of(s->loc));
  }
  emit(RAISE_VARARGS, 1, loc_of(s->v.Assert.test->loc));
  use_label(end);
  return true;
}

bool Compiler::import_stmt(Stmt* s) {
  SrcLoc loc = loc_of(s->loc);
  for (Alias* a : s->v.Import.names) {
    if (!emit_const_steal(int_from_i64(0), loc) || !emit_const(none(), loc)) return false;
    if (!emit_name(IMPORT_NAME, a->name.view(), loc)) return false;
    std::string_view name = a->name.view();
    if (!a->asname.is_null()) {
      size_t dot = name.find('.');
      if (dot != std::string_view::npos) {
        for (;;) {
          size_t pos = dot + 1;
          dot = name.find('.', pos);
          std::string attr(name.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos));
          emit(IMPORT_FROM, u()->meta.names.add(attr), loc);
          if (dot == std::string_view::npos) break;
          emit(SWAP, 2, loc);
          emit(POP_TOP, loc);
        }
        if (!nameop(a->asname.view(), ExprContext::Store, loc)) return false;
        emit(POP_TOP, loc);
      } else if (!nameop(a->asname.view(), ExprContext::Store, loc)) {
        return false;
      }
    } else {
      size_t dot = name.find('.');
      if (!nameop(name.substr(0, dot), ExprContext::Store, loc)) return false;
    }
  }
  return true;
}

bool Compiler::import_from(Stmt* s) {
  auto& f = s->v.ImportFrom;
  SrcLoc loc = loc_of(s->loc);
  if (!emit_const_steal(int_from_i64(f.level), loc)) return false;
  Ref<> names = steal(tuple_new(f.names.size));
  if (!names) return false;
  for (uint32_t i = 0; i < f.names.size; i++) {
    Object* n = str_from_utf8(f.names[i]->name.view());
    if (!n) return false;
    tuple_set(names.get(), i, n);
  }
  if (f.level == 0 && !f.module.is_null() && f.module == "__future__" &&
      (s->loc.lineno > future_lineno_ || (s->loc.lineno == future_lineno_ && s->loc.col_offset > future_col_)))
    return error("from __future__ imports must occur at the beginning of the file", loc);
  if (!emit_const(names.get(), loc)) return false;
  if (!emit_name(IMPORT_NAME, f.module.is_null() ? std::string_view("") : f.module.view(), loc)) return false;
  for (uint32_t i = 0; i < f.names.size; i++) {
    Alias* a = f.names[i];
    if (i == 0 && a->name.view()[0] == '*') {
      emit(CALL_INTRINSIC_1, kIntrinsicImportStar, loc);
      emit(POP_TOP, kNoLoc);
      return true;
    }
    if (!emit_name(IMPORT_FROM, a->name.view(), loc)) return false;
    if (!nameop(a->asname.is_null() ? a->name.view() : a->asname.view(), ExprContext::Store, loc)) return false;
  }
  emit(POP_TOP, loc);
  return true;
}

bool Compiler::expr_stmt(Stmt* s) {
  Expr* v = s->v.Expr.value;
  SrcLoc loc = loc_of(s->loc);
  if (interactive_ && units_.size() <= 1) {
    if (!visit_expr(v)) return false;
    emit(CALL_INTRINSIC_1, kIntrinsicPrint, loc);
    emit(POP_TOP, kNoLoc);
    return true;
  }
  if (v->kind == ExprKind::Constant) {
    emit(NOP, loc);
    return true;
  }
  if (Object* folded = fold(v)) {
    decref(folded);
    emit(NOP, loc);
    return true;
  }
  if (!visit_expr(v)) return false;
  emit(POP_TOP, kNoLoc);
  return true;
}

bool Compiler::visit_stmt(Stmt* s) {
  if (!stack_check(" during compilation")) return false;  // as in visit_expr
  switch (s->kind) {
    case StmtKind::FunctionDef:
      return function_def(s, false);
    case StmtKind::AsyncFunctionDef:
      return function_def(s, true);
    case StmtKind::ClassDef:
      return class_def(s);
    case StmtKind::TypeAlias:
      return type_alias(s);
    case StmtKind::Return:
      return return_stmt(s);
    case StmtKind::Delete:
      return visit_exprs(s->v.Delete.targets);
    case StmtKind::Assign:
      return assign(s);
    case StmtKind::AugAssign:
      return aug_assign(s);
    case StmtKind::AnnAssign:
      return ann_assign(s);
    case StmtKind::For:
      return for_stmt(s);
    case StmtKind::AsyncFor:
      return async_for(s);
    case StmtKind::While:
      return while_stmt(s);
    case StmtKind::If:
      return if_stmt(s);
    case StmtKind::Match:
      return match_stmt(s);
    case StmtKind::Raise:
      return raise_stmt(s);
    case StmtKind::Try:
      return s->v.Try.finalbody.size ? try_finally(s) : try_except(s);
    case StmtKind::TryStar:
      return s->v.Try.finalbody.size ? try_star_finally(s) : try_star_except(s);
    case StmtKind::Assert:
      return assert_stmt(s);
    case StmtKind::Import:
      return import_stmt(s);
    case StmtKind::ImportFrom:
      return import_from(s);
    case StmtKind::Global:
    case StmtKind::Nonlocal:
      return true;
    case StmtKind::Expr:
      return expr_stmt(s);
    case StmtKind::Pass:
      emit(NOP, loc_of(s->loc));
      return true;
    case StmtKind::Break:
      return break_continue(s, true);
    case StmtKind::Continue:
      return break_continue(s, false);
    case StmtKind::With:
      return with_stmt(s, 0);
    case StmtKind::AsyncWith:
      return async_with(s, 0);
  }
  return true;
}

}  // namespace pyvm::compiler
