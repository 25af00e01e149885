// Comprehensions: list/set/dict comprehensions inlined into their enclosing code (PEP 709) and generator
// expressions compiled into their own code objects, as compile.c's compiler_comprehension does.
#include "objects/str.h"
#include "objects/types.h"
#include "vm/compiler/codegen.h"

namespace pyvm::compiler {

enum { kCompGenexp = 0, kCompList = 1, kCompSet = 2, kCompDict = 3 };

struct InlinedCompState {
  std::vector<std::string> pushed_locals;
  std::vector<std::pair<std::string, int>> temp_symbols;  // name, outer flags
  std::vector<std::string> fast_hidden;
  int cleanup = -1, end = -1;
};

bool Compiler::push_inlined_comprehension_state(SrcLoc loc, SymtableEntry* entry, InlinedCompState* state) {
  CodeUnit* cu = u();
  bool in_class_block = cu->ste->type == BlockType::kClass && !cu->in_inlined_comp;
  cu->in_inlined_comp++;
  for (auto& [k, symbol] : entry->symbols.items()) {
    bool bound_here = ((symbol & kDefLocal) && !(symbol & kDefNonlocal)) || in_class_block;
    if (bound_here && !cu->ste->is_function_like()) {
      auto it = cu->meta.fasthidden.find(k);
      if (it == cu->meta.fasthidden.end() || !it->second) {
        cu->meta.fasthidden[k] = true;
        state->fast_hidden.push_back(k);
      }
    }
    int scope = (symbol >> kScopeOffset) & kScopeMask;
    int outv = cu->ste->symbols.get(k);
    int outsc = (outv >> kScopeOffset) & kScopeMask;
    if ((scope != outsc && scope != int(Scope::kFree) &&
         !(scope == int(Scope::kCell) && outsc == int(Scope::kFree))) ||
        in_class_block) {
      state->temp_symbols.emplace_back(k, outv);
      cu->ste->symbols.set(k, symbol);
    }
    if (bound_here) {
      emit(LOAD_FAST_AND_CLEAR, cu->meta.varnames.add(k), loc);
      if (scope == int(Scope::kCell)) {
        if (outsc == int(Scope::kFree))
          emit(MAKE_CELL, cu->meta.cellvars.size() + cu->meta.freevars.add(k), loc);
        else
          emit(MAKE_CELL, cu->meta.cellvars.add(k), loc);
      }
      state->pushed_locals.push_back(k);
    }
  }
  if (!state->pushed_locals.empty()) {
    emit(SWAP, int(state->pushed_locals.size()) + 1, loc);
    state->cleanup = new_label();
    state->end = new_label();
    emit_jump(kSetupFinally, state->cleanup, loc);
  }
  return true;
}

static void restore_locals(Compiler* c, SrcLoc loc, InlinedCompState* state) {
  int npops = int(state->pushed_locals.size());
  c->emit(SWAP, npops + 1, loc);
  for (int i = npops - 1; i >= 0; --i)
    c->emit(kStoreFastMaybeNull, c->u()->meta.varnames.add(state->pushed_locals[size_t(i)]), loc);
}

bool Compiler::pop_inlined_comprehension_state(SrcLoc loc, InlinedCompState* state) {
  CodeUnit* cu = u();
  cu->in_inlined_comp--;
  if (!state->pushed_locals.empty()) {
    emit(kPopBlock, kNoLoc);
    emit_jump(kJumpNoInterrupt, state->end, kNoLoc);
    use_label(state->cleanup);
    emit(SWAP, 2, kNoLoc);
    emit(POP_TOP, kNoLoc);
    restore_locals(this, loc, state);
    emit(RERAISE, 0, kNoLoc);
    use_label(state->end);
    restore_locals(this, loc, state);
  }
  for (auto& [k, v] : state->temp_symbols) cu->ste->symbols.set(k, v);
  for (auto& k : state->fast_hidden) cu->meta.fasthidden[k] = false;
  return true;
}

bool Compiler::comprehension_generator(SrcLoc loc, const Comprehensions& gens, int idx, int depth, Expr* elt,
                                       Expr* val, int type, bool iter_on_stack) {
  if (gens[uint32_t(idx)]->is_async)
    return async_comprehension_generator(loc, gens, idx, depth, elt, val, type, iter_on_stack);
  return sync_comprehension_generator(loc, gens, idx, depth, elt, val, type, iter_on_stack);
}

bool Compiler::comprehension_element(Expr* elt, Expr* val, int type, int depth, SrcLoc* elt_loc) {
  *elt_loc = loc_of(elt->loc);
  switch (type) {
    case kCompGenexp:
      if (!visit_expr(elt)) return false;
      if (u()->ste->generator && u()->ste->coroutine) emit(CALL_INTRINSIC_1, kIntrinsicAsyncGenWrap, *elt_loc);
      emit(YIELD_VALUE, 0, *elt_loc);
      emit(RESUME, 1, *elt_loc);
      emit(POP_TOP, *elt_loc);
      return true;
    case kCompList:
      if (!visit_expr(elt)) return false;
      emit(LIST_APPEND, depth + 1, *elt_loc);
      return true;
    case kCompSet:
      if (!visit_expr(elt)) return false;
      emit(SET_ADD, depth + 1, *elt_loc);
      return true;
    default:
      if (!visit_expr(elt) || !visit_expr(val)) return false;
      *elt_loc = SrcLoc{elt->loc.lineno, val->loc.end_lineno, elt->loc.col_offset, val->loc.end_col_offset};
      emit(MAP_ADD, depth + 1, *elt_loc);
      return true;
  }
}

bool Compiler::sync_comprehension_generator(SrcLoc loc, const Comprehensions& gens, int idx, int depth, Expr* elt,
                                            Expr* val, int type, bool iter_on_stack) {
  int start = new_label(), if_cleanup = new_label(), anchor = new_label();
  bool have_start = true;
  Comprehension* gen = gens[uint32_t(idx)];
  if (!iter_on_stack) {
    if (idx == 0) {
      emit(LOAD_FAST, 0, loc);
    } else {
      const Exprs* elts = nullptr;
      if (gen->iter->kind == ExprKind::List) elts = &gen->iter->v.List.elts;
      if (gen->iter->kind == ExprKind::Tuple) elts = &gen->iter->v.Tuple.elts;
      if (elts && elts->size == 1 && (*elts)[0]->kind != ExprKind::Starred) {
        if (!visit_expr((*elts)[0])) return false;
        have_start = false;
      }
      if (have_start) {
        if (!visit_expr(gen->iter)) return false;
        emit(GET_ITER, loc_of(gen->iter->loc));
      }
    }
  }
  if (have_start) {
    depth++;
    use_label(start);
    emit_jump(FOR_ITER, anchor, loc_of(gen->iter->loc));
  }
  if (!visit_expr(gen->target)) return false;
  for (Expr* cond : gen->ifs)
    if (!jump_if(loc, cond, if_cleanup, false)) return false;
  SrcLoc elt_loc = loc_of(elt->loc);
  if (++idx < int(gens.size)) {
    if (!comprehension_generator(loc, gens, idx, depth, elt, val, type, false)) return false;
  }
  if (idx >= int(gens.size) && !comprehension_element(elt, val, type, depth, &elt_loc)) return false;
  use_label(if_cleanup);
  if (have_start) {
    emit_jump(kJump, start, elt_loc);
    use_label(anchor);
    emit(END_FOR, kNoLoc);
    emit(POP_TOP, kNoLoc);
  }
  return true;
}

bool Compiler::async_comprehension_generator(SrcLoc loc, const Comprehensions& gens, int idx, int depth,
                                             Expr* elt, Expr* val, int type, bool iter_on_stack) {
  int start = new_label(), except = new_label(), if_cleanup = new_label();
  Comprehension* gen = gens[uint32_t(idx)];
  if (!iter_on_stack) {
    if (idx == 0) {
      emit(LOAD_FAST, 0, loc);
    } else {
      if (!visit_expr(gen->iter)) return false;
      emit(GET_AITER, loc_of(gen->iter->loc));
    }
  }
  use_label(start);
  if (!push_fblock(loc, FBlockType::kAsyncComprehensionGenerator, start, -1, nullptr)) return false;
  emit_jump(kSetupFinally, except, loc);
  emit(GET_ANEXT, loc);
  if (!emit_const(none(), loc) || !add_yield_from(loc, true)) return false;
  emit(kPopBlock, loc);
  if (!visit_expr(gen->target)) return false;
  for (Expr* cond : gen->ifs)
    if (!jump_if(loc, cond, if_cleanup, false)) return false;
  depth++;
  SrcLoc elt_loc = loc_of(elt->loc);
  if (++idx < int(gens.size)) {
    if (!comprehension_generator(loc, gens, idx, depth, elt, val, type, false)) return false;
  }
  if (idx >= int(gens.size) && !comprehension_element(elt, val, type, depth, &elt_loc)) return false;
  use_label(if_cleanup);
  emit_jump(kJump, start, elt_loc);
  pop_fblock();
  use_label(except);
  emit(END_ASYNC_FOR, loc);
  return true;
}

bool Compiler::comprehension(Expr* e, int type, const char* name, const Comprehensions& gens, Expr* elt,
                             Expr* val) {
  SymtableEntry* entry = st_->lookup(e);
  if (!entry) return error("internal error: comprehension without a scope", loc_of(e->loc));
  bool inlined = entry->comp_inlined;
  bool is_async = entry->coroutine;
  ScopeType outer_scope = u()->scope_type;
  SrcLoc loc = loc_of(e->loc);
  Comprehension* outermost = gens[0];
  InlinedCompState state;
  auto comp_iter = [&]() -> bool {
    if (!visit_expr(outermost->iter)) return false;
    emit(outermost->is_async ? GET_AITER : GET_ITER, loc);
    return true;
  };
  if (inlined) {
    if (!comp_iter() || !push_inlined_comprehension_state(loc, entry, &state)) return false;
  } else {
    if (!enter_scope(name, ScopeType::kComprehension, e, e->loc.lineno)) return false;
    u()->meta.argcount = 1;
  }
  auto fail = [&]() {
    if (!inlined) exit_scope();
    return false;
  };
  if (is_async && type != kCompGenexp && outer_scope != ScopeType::kAsyncFunction &&
      outer_scope != ScopeType::kComprehension) {
    error("asynchronous comprehension outside of an asynchronous function", loc);
    return fail();
  }
  if (type != kCompGenexp) {
    emit(type == kCompList ? BUILD_LIST : type == kCompSet ? BUILD_SET : BUILD_MAP, 0, loc);
    if (inlined) emit(SWAP, 2, loc);
  }
  if (!comprehension_generator(loc, gens, 0, 0, elt, val, type, inlined)) return fail();
  if (inlined) return pop_inlined_comprehension_state(loc, &state);
  if (type != kCompGenexp) emit(RETURN_VALUE, loc);
  if (type == kCompGenexp) {
    int handler = new_label();
    u()->instrs.insert(u()->instrs.begin(), Instr{kSetupCleanup, 0, kNoLoc, handler});
    for (int& p : u()->label_pos)
      if (p >= 0) p++;
    if (!emit_const(none(), kNoLoc)) return fail();
    emit(RETURN_VALUE, kNoLoc);
    use_label(handler);
    emit(CALL_INTRINSIC_1, kIntrinsicStopIterationError, kNoLoc);
    emit(RERAISE, 1, kNoLoc);
  }
  Object* co = optimize_and_assemble(true);
  exit_scope();
  if (!co) return false;
  bool ok = make_closure(loc, co, 0);
  decref(co);
  if (!ok || !comp_iter()) return false;
  emit(CALL, 0, loc);
  if (is_async && type != kCompGenexp) {
    emit(GET_AWAITABLE, 0, loc);
    if (!emit_const(none(), loc) || !add_yield_from(loc, true)) return false;
  }
  return true;
}

bool Compiler::annotation(Expr* e) {
  // from __future__ import annotations: CPython stores the unparsed source text; not implemented yet, so a
  // placeholder string keeps the code shape right.
  return emit_const_steal(str_from_utf8("<annotation>"), loc_of(e->loc));
}

}  // namespace pyvm::compiler
