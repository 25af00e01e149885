// Exception-handling statements: try/except/else/finally, except*, with and async with (compile.c's
// compiler_try_* and compiler_with), emitted with SETUP_* pseudo-instructions for the exception table.
#include "objects/types.h"
#include "vm/compiler/codegen.h"

namespace pyvm::compiler {

bool Compiler::try_finally(Stmt* s) {
  SrcLoc loc = loc_of(s->loc);
  int body_l = new_label(), end = new_label(), exit = new_label(), cleanup = new_label();
  emit_jump(kSetupFinally, end, loc);
  use_label(body_l);
  if (!push_fblock(loc, FBlockType::kFinallyTry, body_l, end, &s->v.Try.finalbody)) return false;
  if (s->v.Try.handlers.size) {
    if (!try_except(s)) return false;
  } else if (!visit_stmts(s->v.Try.body)) {
    return false;
  }
  emit(kPopBlock, kNoLoc);
  pop_fblock();
  if (!visit_stmts(s->v.Try.finalbody)) return false;
  emit_jump(kJump, exit, kNoLoc);
  use_label(end);
  emit_jump(kSetupCleanup, cleanup, kNoLoc);
  emit(PUSH_EXC_INFO, kNoLoc);
  if (!push_fblock(kNoLoc, FBlockType::kFinallyEnd, end, -1, nullptr)) return false;
  if (!visit_stmts(s->v.Try.finalbody)) return false;
  pop_fblock();
  emit(RERAISE, 0, kNoLoc);
  use_label(cleanup);
  pop_except_and_reraise(kNoLoc);
  use_label(exit);
  return true;
}

bool Compiler::try_except(Stmt* s) {
  SrcLoc loc = loc_of(s->loc);
  int body_l = new_label(), except = new_label(), end = new_label(), cleanup = new_label();
  emit_jump(kSetupFinally, except, loc);
  use_label(body_l);
  if (!push_fblock(loc, FBlockType::kTryExcept, body_l, -1, nullptr)) return false;
  if (!visit_stmts(s->v.Try.body)) return false;
  pop_fblock();
  emit(kPopBlock, kNoLoc);
  if (!visit_stmts(s->v.Try.orelse)) return false;
  emit_jump(kJump, end, kNoLoc);
  uint32_t n = s->v.Try.handlers.size;
  use_label(except);
  emit_jump(kSetupCleanup, cleanup, kNoLoc);
  emit(PUSH_EXC_INFO, kNoLoc);
  if (!push_fblock(loc, FBlockType::kExceptionHandler, -1, -1, nullptr)) return false;
  for (uint32_t i = 0; i < n; i++) {
    ExceptHandler* h = s->v.Try.handlers[i];
    SrcLoc hloc = loc_of(h->loc);
    if (!h->type && i < n - 1) return error("default 'except:' must be last", hloc);
    int next_except = new_label();
    if (h->type) {
      if (!visit_expr(h->type)) return false;
      emit(CHECK_EXC_MATCH, hloc);
      emit_jump(POP_JUMP_IF_FALSE, next_except, hloc);
    }
    if (!h->name.is_null()) {
      int cleanup_end = new_label(), cleanup_body = new_label();
      if (!nameop(h->name.view(), ExprContext::Store, hloc)) return false;
      emit_jump(kSetupCleanup, cleanup_end, hloc);
      use_label(cleanup_body);
      if (!push_fblock(hloc, FBlockType::kHandlerCleanup, cleanup_body, -1, &h->name)) return false;
      if (!visit_stmts(h->body)) return false;
      pop_fblock();
      emit(kPopBlock, kNoLoc);
      emit(kPopBlock, kNoLoc);
      emit(POP_EXCEPT, kNoLoc);
      if (!emit_const(none(), kNoLoc) || !nameop(h->name.view(), ExprContext::Store, kNoLoc) ||
          !nameop(h->name.view(), ExprContext::Del, kNoLoc))
        return false;
      emit_jump(kJumpNoInterrupt, end, kNoLoc);
      use_label(cleanup_end);
      if (!emit_const(none(), kNoLoc) || !nameop(h->name.view(), ExprContext::Store, kNoLoc) ||
          !nameop(h->name.view(), ExprContext::Del, kNoLoc))
        return false;
      emit(RERAISE, 1, kNoLoc);
    } else {
      int cleanup_body = new_label();
      emit(POP_TOP, hloc);
      use_label(cleanup_body);
      if (!push_fblock(hloc, FBlockType::kHandlerCleanup, cleanup_body, -1, nullptr)) return false;
      if (!visit_stmts(h->body)) return false;
      pop_fblock();
      emit(kPopBlock, kNoLoc);
      emit(POP_EXCEPT, kNoLoc);
      emit_jump(kJumpNoInterrupt, end, kNoLoc);
    }
    use_label(next_except);
  }
  pop_fblock();
  emit(RERAISE, 0, kNoLoc);
  use_label(cleanup);
  pop_except_and_reraise(kNoLoc);
  use_label(end);
  return true;
}

bool Compiler::try_star_finally(Stmt* s) {
  SrcLoc loc = loc_of(s->loc);
  int body_l = new_label(), end = new_label(), exit = new_label(), cleanup = new_label();
  emit_jump(kSetupFinally, end, loc);
  use_label(body_l);
  if (!push_fblock(loc, FBlockType::kFinallyTry, body_l, end, &s->v.Try.finalbody)) return false;
  if (s->v.Try.handlers.size) {
    if (!try_star_except(s)) return false;
  } else if (!visit_stmts(s->v.Try.body)) {
    return false;
  }
  emit(kPopBlock, kNoLoc);
  pop_fblock();
  if (!visit_stmts(s->v.Try.finalbody)) return false;
  emit_jump(kJump, exit, kNoLoc);
  use_label(end);
  emit_jump(kSetupCleanup, cleanup, kNoLoc);
  emit(PUSH_EXC_INFO, kNoLoc);
  if (!push_fblock(kNoLoc, FBlockType::kFinallyEnd, end, -1, nullptr)) return false;
  if (!visit_stmts(s->v.Try.finalbody)) return false;
  pop_fblock();
  emit(RERAISE, 0, kNoLoc);
  use_label(cleanup);
  pop_except_and_reraise(kNoLoc);
  use_label(exit);
  return true;
}

bool Compiler::try_star_except(Stmt* s) {
  SrcLoc loc = loc_of(s->loc);
  int body_l = new_label(), except = new_label(), orelse = new_label(), end = new_label();
  int cleanup = new_label(), reraise_star = new_label();
  emit_jump(kSetupFinally, except, loc);
  use_label(body_l);
  if (!push_fblock(loc, FBlockType::kTryExcept, body_l, -1, nullptr)) return false;
  if (!visit_stmts(s->v.Try.body)) return false;
  pop_fblock();
  emit(kPopBlock, kNoLoc);
  emit_jump(kJump, orelse, kNoLoc);
  uint32_t n = s->v.Try.handlers.size;
  use_label(except);
  emit_jump(kSetupCleanup, cleanup, kNoLoc);
  emit(PUSH_EXC_INFO, kNoLoc);
  if (!push_fblock(loc, FBlockType::kExceptionGroupHandler, -1, -1, "except handler")) return false;
  for (uint32_t i = 0; i < n; i++) {
    ExceptHandler* h = s->v.Try.handlers[i];
    SrcLoc hloc = loc_of(h->loc);
    int next_except = new_label(), except_with_error = new_label(), no_match = new_label();
    if (i == 0) {
      emit(BUILD_LIST, 0, hloc);
      emit(COPY, 2, hloc);
    }
    if (h->type) {
      if (!visit_expr(h->type)) return false;
      emit(CHECK_EG_MATCH, hloc);
      emit(COPY, 1, hloc);
      emit_jump(POP_JUMP_IF_NONE, no_match, hloc);
    }
    int cleanup_end = new_label(), cleanup_body = new_label();
    if (!h->name.is_null()) {
      if (!nameop(h->name.view(), ExprContext::Store, hloc)) return false;
    } else {
      emit(POP_TOP, hloc);
    }
    emit_jump(kSetupCleanup, cleanup_end, hloc);
    use_label(cleanup_body);
    if (!push_fblock(hloc, FBlockType::kHandlerCleanup, cleanup_body, -1, h->name.is_null() ? nullptr : &h->name))
      return false;
    if (!visit_stmts(h->body)) return false;
    pop_fblock();
    emit(kPopBlock, kNoLoc);
    if (!h->name.is_null()) {
      if (!emit_const(none(), kNoLoc) || !nameop(h->name.view(), ExprContext::Store, kNoLoc) ||
          !nameop(h->name.view(), ExprContext::Del, kNoLoc))
        return false;
    }
    emit_jump(kJump, next_except, kNoLoc);
    use_label(cleanup_end);
    if (!h->name.is_null()) {
      if (!emit_const(none(), kNoLoc) || !nameop(h->name.view(), ExprContext::Store, kNoLoc) ||
          !nameop(h->name.view(), ExprContext::Del, kNoLoc))
        return false;
    }
    emit(LIST_APPEND, 3, kNoLoc);
    emit(POP_TOP, kNoLoc);
    emit_jump(kJump, except_with_error, kNoLoc);
    use_label(next_except);
    emit(NOP, kNoLoc);
    emit_jump(kJump, except_with_error, kNoLoc);
    use_label(no_match);
    emit(POP_TOP, hloc);
    use_label(except_with_error);
    if (i == n - 1) {
      emit(LIST_APPEND, 1, kNoLoc);
      emit_jump(kJump, reraise_star, kNoLoc);
    }
  }
  pop_fblock();
  int reraise = new_label();
  use_label(reraise_star);
  emit(CALL_INTRINSIC_2, kIntrinsicPrepReraiseStar, kNoLoc);
  emit(COPY, 1, kNoLoc);
  emit_jump(POP_JUMP_IF_NOT_NONE, reraise, kNoLoc);
  emit(POP_TOP, kNoLoc);
  emit(kPopBlock, kNoLoc);
  emit(POP_EXCEPT, kNoLoc);
  emit_jump(kJumpNoInterrupt, end, kNoLoc);
  use_label(reraise);
  emit(kPopBlock, kNoLoc);
  emit(SWAP, 2, kNoLoc);
  emit(POP_EXCEPT, kNoLoc);
  emit(RERAISE, 0, kNoLoc);
  use_label(cleanup);
  pop_except_and_reraise(kNoLoc);
  use_label(orelse);
  if (!visit_stmts(s->v.Try.orelse)) return false;
  use_label(end);
  return true;
}

bool Compiler::with_except_finish(int cleanup) {
  int suppress = new_label();
  emit(TO_BOOL, kNoLoc);
  emit_jump(POP_JUMP_IF_TRUE, suppress, kNoLoc);
  emit(RERAISE, 2, kNoLoc);
  use_label(suppress);
  emit(POP_TOP, kNoLoc);
  emit(kPopBlock, kNoLoc);
  emit(POP_EXCEPT, kNoLoc);
  emit(POP_TOP, kNoLoc);
  emit(POP_TOP, kNoLoc);
  int exit = new_label();
  emit_jump(kJumpNoInterrupt, exit, kNoLoc);
  use_label(cleanup);
  pop_except_and_reraise(kNoLoc);
  use_label(exit);
  return true;
}

bool Compiler::with_stmt(Stmt* s, int pos) {
  WithItem* item = s->v.With.items[uint32_t(pos)];
  int block = new_label(), final_l = new_label(), exit = new_label(), cleanup = new_label();
  if (!visit_expr(item->context_expr)) return false;
  SrcLoc loc = loc_of(item->context_expr->loc);
  emit(BEFORE_WITH, loc);
  emit_jump(kSetupWith, final_l, loc);
  use_label(block);
  if (!push_fblock(loc, FBlockType::kWith, block, final_l, s)) return false;
  if (item->optional_vars) {
    if (!visit_expr(item->optional_vars)) return false;
  } else {
    emit(POP_TOP, loc);
  }
  pos++;
  if (pos == int(s->v.With.items.size)) {
    if (!visit_stmts(s->v.With.body)) return false;
  } else if (!with_stmt(s, pos)) {
    return false;
  }
  emit(kPopBlock, kNoLoc);
  pop_fblock();
  if (!call_exit_with_nones(loc)) return false;
  emit(POP_TOP, loc);
  emit_jump(kJump, exit, loc);
  use_label(final_l);
  emit_jump(kSetupCleanup, cleanup, loc);
  emit(PUSH_EXC_INFO, loc);
  emit(WITH_EXCEPT_START, loc);
  if (!with_except_finish(cleanup)) return false;
  use_label(exit);
  return true;
}

bool Compiler::async_with(Stmt* s, int pos) {
  WithItem* item = s->v.With.items[uint32_t(pos)];
  SrcLoc loc = loc_of(s->loc);
  if (u()->scope_type != ScopeType::kAsyncFunction) return error("'async with' outside async function", loc);
  int block = new_label(), final_l = new_label(), exit = new_label(), cleanup = new_label();
  if (!visit_expr(item->context_expr)) return false;
  loc = loc_of(item->context_expr->loc);
  emit(BEFORE_ASYNC_WITH, loc);
  emit(GET_AWAITABLE, 1, loc);
  if (!emit_const(none(), loc) || !add_yield_from(loc, true)) return false;
  emit_jump(kSetupWith, final_l, loc);
  use_label(block);
  if (!push_fblock(loc, FBlockType::kAsyncWith, block, final_l, s)) return false;
  if (item->optional_vars) {
    if (!visit_expr(item->optional_vars)) return false;
  } else {
    emit(POP_TOP, loc);
  }
  pos++;
  if (pos == int(s->v.With.items.size)) {
    if (!visit_stmts(s->v.With.body)) return false;
  } else if (!async_with(s, pos)) {
    return false;
  }
  pop_fblock();
  emit(kPopBlock, loc);
  if (!call_exit_with_nones(loc)) return false;
  emit(GET_AWAITABLE, 2, loc);
  if (!emit_const(none(), loc) || !add_yield_from(loc, true)) return false;
  emit(POP_TOP, loc);
  emit_jump(kJump, exit, loc);
  use_label(final_l);
  emit_jump(kSetupCleanup, cleanup, loc);
  emit(PUSH_EXC_INFO, loc);
  emit(WITH_EXCEPT_START, loc);
  emit(GET_AWAITABLE, 2, loc);
  if (!emit_const(none(), loc) || !add_yield_from(loc, true)) return false;
  if (!with_except_finish(cleanup)) return false;
  use_label(exit);
  return true;
}

}  // namespace pyvm::compiler
