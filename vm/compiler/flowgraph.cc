// The flow-graph passes of CPython 3.13 (flowgraph.c): basic blocks, exception-handler labelling, inlining of
// small exit blocks, unreachable-code removal, line-number propagation, peephole optimisation, unused-constant
// removal, LOAD_FAST_CHECK insertion, superinstructions, cold-block ordering, stack depth and localsplus layout.
#include "vm/compiler/flowgraph.h"

#include <algorithm>
#include <climits>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"

namespace pyvm::compiler {

bool is_block_push(int op) { return op == kSetupFinally || op == kSetupCleanup || op == kSetupWith; }
bool is_unconditional_jump(int op) {
  return op == kJump || op == kJumpNoInterrupt || op == JUMP_FORWARD || op == JUMP_BACKWARD ||
         op == JUMP_BACKWARD_NO_INTERRUPT;
}
bool is_conditional_jump(int op) {
  return op == POP_JUMP_IF_FALSE || op == POP_JUMP_IF_TRUE || op == POP_JUMP_IF_NONE || op == POP_JUMP_IF_NOT_NONE;
}
bool is_jump(int op) { return is_unconditional_jump(op) || is_conditional_jump(op) || op == FOR_ITER || op == SEND; }
bool has_target(int op) { return is_jump(op) || is_block_push(op); }
bool is_scope_exit(int op) {
  return op == RETURN_VALUE || op == RETURN_CONST || op == RAISE_VARARGS || op == RERAISE;
}

int stack_effect(int op, int oparg, bool jump) {
  switch (op) {
    case kJump:
    case kJumpNoInterrupt:
    case kPopBlock:
      return 0;
    case kSetupFinally:
      return jump ? 1 : 0;
    case kSetupCleanup:
      return jump ? 2 : 0;
    case kSetupWith:
      return jump ? 1 : 0;
    case kLoadClosure:
      return 1;
    case kStoreFastMaybeNull:
      return -1;
    case kLoadMethod:
      return 1;
    default:
      return opcode_pushes(op, oparg) - opcode_pops(op, oparg);
  }
}

static bool bb_no_fallthrough(Block* b) {
  CfgInstr* l = b->last();
  return l && (is_scope_exit(l->opcode) || is_unconditional_jump(l->opcode));
}
static bool bb_has_fallthrough(Block* b) { return !bb_no_fallthrough(b); }
static bool bb_exits_scope(Block* b) {
  CfgInstr* l = b->last();
  return l && is_scope_exit(l->opcode);
}
static bool bb_has_no_lineno(Block* b) {
  for (auto& i : b->instrs)
    if (i.loc.lineno >= 0) return false;
  return true;
}
static bool bb_has_eval_break(Block* b) {
  for (auto& i : b->instrs)
    if (i.opcode == kJump || i.opcode == JUMP_BACKWARD || i.opcode == CALL || i.opcode == CALL_KW ||
        i.opcode == CALL_FUNCTION_EX)
      return true;
  return false;
}
static Block* next_nonempty(Block* b) {
  while (b && b->instrs.empty()) b = b->next;
  return b;
}
static void reset_visited(Cfg* g) {
  for (Block* b = g->entry; b; b = b->next) b->visited = false;
}

bool cfg_build(CodeUnit* u, Cfg* g) {
  // label -> block
  std::vector<Block*> label_block(u->label_pos.size(), nullptr);
  std::vector<std::vector<int>> labels_at(u->instrs.size() + 1);
  for (size_t l = 0; l < u->label_pos.size(); l++)
    if (u->label_pos[l] >= 0) labels_at[size_t(u->label_pos[l])].push_back(int(l));
  g->entry = g->new_block();
  Block* cur = g->entry;
  auto start_block = [&]() {
    Block* nb = g->new_block();
    cur->next = nb;
    cur = nb;
  };
  for (size_t i = 0; i <= u->instrs.size(); i++) {
    if (!labels_at[i].empty()) {
      if (!cur->instrs.empty() || cur->label >= 0) start_block();
      for (int l : labels_at[i]) {
        label_block[size_t(l)] = cur;
        cur->label = l;
      }
    }
    if (i == u->instrs.size()) break;
    CfgInstr* last = cur->last();
    if (last && (is_jump(last->opcode) || is_scope_exit(last->opcode))) start_block();
    const Instr& in = u->instrs[i];
    cur->instrs.push_back(CfgInstr{in.opcode, in.oparg, in.loc, reinterpret_cast<Block*>(intptr_t(in.target)),
                                   nullptr});
  }
  g->max_label = int(u->label_pos.size());
  // Resolve label targets.
  for (Block* b = g->entry; b; b = b->next)
    for (auto& in : b->instrs) {
      if (has_target(in.opcode)) {
        intptr_t l = reinterpret_cast<intptr_t>(in.target);
        if (l < 0 || size_t(l) >= label_block.size() || !label_block[size_t(l)]) {
          set_error(&exc_SystemError, "compiler: jump to an unplaced label");
          return false;
        }
        in.target = label_block[size_t(l)];
      } else {
        in.target = nullptr;
      }
    }
  // Jump targets are labelled blocks; make sure each has a label id (CPython labels every jump target).
  return true;
}

// --- exception handlers -------------------------------------------------------------------------------------

static void label_exception_targets(Cfg* g) {
  for (Block* b = g->entry; b; b = b->next)
    for (auto& in : b->instrs)
      if (is_block_push(in.opcode)) in.target->except_handler = true;
  reset_visited(g);
  std::vector<std::unique_ptr<std::vector<Block*>>> stacks;
  auto make_stack = [&](const std::vector<Block*>* from) {
    stacks.push_back(std::make_unique<std::vector<Block*>>(from ? *from : std::vector<Block*>{}));
    return stacks.back().get();
  };
  std::vector<Block*> todo;
  g->entry->visited = true;
  g->entry->except_stack = make_stack(nullptr);
  todo.push_back(g->entry);
  while (!todo.empty()) {
    Block* b = todo.back();
    todo.pop_back();
    std::vector<Block*>* st = b->except_stack;
    Block* handler = st->empty() ? nullptr : st->back();
    int last_yield_depth = -1;
    for (size_t i = 0; i < b->instrs.size(); i++) {
      CfgInstr& in = b->instrs[i];
      if (is_block_push(in.opcode)) {
        if (!in.target->visited) {
          in.target->except_stack = make_stack(st);
          in.target->visited = true;
          todo.push_back(in.target);
        }
        if (in.opcode == kSetupWith || in.opcode == kSetupCleanup) in.target->preserve_lasti = true;
        st->push_back(in.target);
        handler = in.target;
      } else if (in.opcode == kPopBlock) {
        if (!st->empty()) st->pop_back();
        handler = st->empty() ? nullptr : st->back();
        in.opcode = NOP;
        in.oparg = 0;
      } else if (is_jump(in.opcode)) {
        in.except = handler;
        if (!in.target->visited) {
          in.target->except_stack = make_stack(st);
          in.target->visited = true;
          todo.push_back(in.target);
        }
      } else if (in.opcode == YIELD_VALUE) {
        in.except = handler;
        last_yield_depth = int(st->size());
      } else if (in.opcode == RESUME) {
        in.except = handler;
        if (in.oparg != 0) {
          if (last_yield_depth == 1) in.oparg |= 4;
          last_yield_depth = -1;
        }
      } else {
        in.except = handler;
      }
    }
    if (bb_has_fallthrough(b) && b->next && !b->next->visited) {
      b->next->except_stack = st;
      b->next->visited = true;
      todo.push_back(b->next);
    }
  }
  for (Block* b = g->entry; b; b = b->next) b->except_stack = nullptr;
}

// --- structural passes --------------------------------------------------------------------------------------

static void remove_unreachable(Cfg* g) {
  for (Block* b = g->entry; b; b = b->next) {
    b->predecessors = 0;
    b->visited = false;
  }
  std::vector<Block*> stack{g->entry};
  g->entry->predecessors = 1;
  g->entry->visited = true;
  while (!stack.empty()) {
    Block* b = stack.back();
    stack.pop_back();
    if (b->next && bb_has_fallthrough(b)) {
      if (!b->next->visited) {
        b->next->visited = true;
        stack.push_back(b->next);
      }
      b->next->predecessors++;
    }
    for (auto& in : b->instrs) {
      if (is_jump(in.opcode) || is_block_push(in.opcode)) {
        if (!in.target->visited) {
          in.target->visited = true;
          stack.push_back(in.target);
        }
        in.target->predecessors++;
      }
    }
  }
  for (Block* b = g->entry; b; b = b->next)
    if (b->predecessors == 0) {
      b->instrs.clear();
      b->except_handler = false;
    }
}

static bool inline_small_or_no_lineno(Block* bb) {
  CfgInstr* last = bb->last();
  if (!last || !is_unconditional_jump(last->opcode)) return false;
  Block* target = last->target;
  bool small_exit = bb_exits_scope(target) && target->instrs.size() <= 4;
  bool no_lineno_no_fall = bb_has_no_lineno(target) && !bb_has_fallthrough(target);
  if (!small_exit && !no_lineno_no_fall) return false;
  int removed = last->opcode;
  last->opcode = NOP;
  last->oparg = 0;
  last->target = nullptr;
  std::vector<CfgInstr> copy = target->instrs;
  bb->instrs.insert(bb->instrs.end(), copy.begin(), copy.end());
  if (no_lineno_no_fall) {
    CfgInstr* l = bb->last();
    if (is_unconditional_jump(l->opcode) && removed == kJump) l->opcode = kJump;
  }
  target->predecessors--;
  return true;
}

static Block* copy_block(Cfg* g, Block* b) {
  Block* nb = g->new_block();
  nb->instrs = b->instrs;
  return nb;
}

static void resolve_line_numbers(Cfg* g) {
  // duplicate_exits_without_lineno
  for (Block* b = g->entry; b; b = b->next) {
    CfgInstr* last = b->last();
    if (!last || !is_jump(last->opcode)) continue;
    Block* target = next_nonempty(last->target);
    if (!target) continue;
    bool exit_no_line = (bb_exits_scope(target) || bb_has_eval_break(target)) && bb_has_no_lineno(target);
    if (exit_no_line && target->predecessors > 1) {
      Block* nt = copy_block(g, target);
      nt->instrs[0].loc = last->loc;
      last->target = nt;
      target->predecessors--;
      nt->predecessors = 1;
      nt->next = target->next;
      nt->label = g->max_label++;
      target->next = nt;
    }
  }
  for (Block* b = g->entry; b; b = b->next) {
    if (bb_has_fallthrough(b) && b->next && !b->instrs.empty()) {
      Block* n = b->next;
      if ((bb_exits_scope(n) || bb_has_eval_break(n)) && bb_has_no_lineno(n)) n->instrs[0].loc = b->last()->loc;
    }
  }
  // propagate_line_numbers
  for (Block* b = g->entry; b; b = b->next) {
    CfgInstr* last = b->last();
    if (!last) continue;
    SrcLoc prev = kNoLoc;
    for (auto& in : b->instrs) {
      if (in.loc.lineno < 0)
        in.loc = prev;
      else
        prev = in.loc;
    }
    if (bb_has_fallthrough(b) && b->next && b->next->predecessors == 1 && !b->next->instrs.empty() &&
        b->next->instrs[0].loc.lineno < 0)
      b->next->instrs[0].loc = prev;
    if (is_jump(last->opcode)) {
      Block* t = last->target;
      if (t->predecessors == 1 && !t->instrs.empty() && t->instrs[0].loc.lineno < 0) t->instrs[0].loc = prev;
    }
  }
}

static int remove_redundant_nops_block(Block* bb) {
  size_t dest = 0;
  int prev_lineno = -1;
  size_t n = bb->instrs.size();
  for (size_t src = 0; src < n; src++) {
    CfgInstr in = bb->instrs[src];
    int lineno = in.loc.lineno;
    if (in.opcode == NOP) {
      if (lineno < 0) continue;
      if (prev_lineno == lineno) continue;
      if (src + 1 < n) {
        int next_lineno = bb->instrs[src + 1].loc.lineno;
        if (next_lineno == lineno) continue;
        if (next_lineno < 0) {
          bb->instrs[src + 1].loc = in.loc;
          continue;
        }
      } else {
        Block* next = next_nonempty(bb->next);
        if (next) {
          SrcLoc next_loc = kNoLoc;
          for (auto& ni : next->instrs) {
            if (ni.opcode == NOP && ni.loc.lineno == -1) continue;
            next_loc = ni.loc;
            break;
          }
          if (lineno == next_loc.lineno) continue;
        }
      }
    }
    bb->instrs[dest++] = in;
    prev_lineno = lineno;
  }
  int removed = int(n - dest);
  bb->instrs.resize(dest);
  return removed;
}

static int remove_redundant_nops(Cfg* g) {
  int changes = 0;
  for (Block* b = g->entry; b; b = b->next) changes += remove_redundant_nops_block(b);
  return changes;
}

static int remove_redundant_jumps(Cfg* g) {
  int changes = 0;
  for (Block* b = g->entry; b; b = b->next) {
    CfgInstr* last = b->last();
    if (!last || !is_unconditional_jump(last->opcode)) continue;
    Block* jt = next_nonempty(last->target);
    Block* next = next_nonempty(b->next);
    if (jt == next) {
      changes++;
      last->opcode = NOP;
      last->oparg = 0;
      last->target = nullptr;
    }
  }
  return changes;
}

static void remove_redundant_nops_and_jumps(Cfg* g) {
  for (;;) {
    int a = remove_redundant_nops(g);
    int b = remove_redundant_jumps(g);
    if (a + b == 0) break;
  }
}

static void remove_redundant_nops_and_pairs(Cfg* g) {
  bool done = false;
  while (!done) {
    done = true;
    CfgInstr* instr = nullptr;
    for (Block* b = g->entry; b; b = b->next) {
      remove_redundant_nops_block(b);
      if (b->label >= 0) instr = nullptr;
      for (size_t i = 0; i < b->instrs.size(); i++) {
        CfgInstr* prev = instr;
        instr = &b->instrs[i];
        int prev_op = prev ? prev->opcode : 0, prev_arg = prev ? prev->oparg : 0;
        if (instr->opcode == POP_TOP && (prev_op == LOAD_CONST || (prev_op == COPY && prev_arg == 1))) {
          prev->opcode = NOP;
          prev->oparg = 0;
          instr->opcode = NOP;
          instr->oparg = 0;
          done = false;
        }
      }
      if ((instr && is_jump(instr->opcode)) || !bb_has_fallthrough(b)) instr = nullptr;
    }
  }
}

// --- peephole -----------------------------------------------------------------------------------------------

static bool jump_thread(Block* bb, CfgInstr* inst, CfgInstr* target, int opcode) {
  if (inst->target != target->target) {
    Block* dest = target->target;
    SrcLoc loc = target->loc;
    inst->opcode = NOP;
    inst->oparg = 0;
    inst->target = nullptr;
    bb->instrs.push_back(CfgInstr{opcode, 0, loc, dest, nullptr});
    return true;
  }
  return false;
}

static bool optimize_basic_block(CodeUnit* u, Block* bb) {
  CfgInstr nop{NOP, 0, kNoLoc, nullptr, nullptr};
  int opcode = 0, oparg = 0;
  for (size_t i = 0; i < bb->instrs.size(); i++) {
    CfgInstr* inst = &bb->instrs[i];
    bool is_copy_of_load_const = opcode == LOAD_CONST && inst->opcode == COPY && inst->oparg == 1;
    CfgInstr target = nop;
    if (!is_copy_of_load_const) {
      opcode = inst->opcode;
      oparg = inst->oparg;
    }
    if (has_target(inst->opcode) && !inst->target->instrs.empty()) target = inst->target->instrs[0];
    int nextop = i + 1 < bb->instrs.size() ? bb->instrs[i + 1].opcode : 0;
    switch (opcode) {
      case LOAD_CONST: {
        Object* cnt = u->consts.get(oparg);
        switch (nextop) {
          case POP_JUMP_IF_FALSE:
          case POP_JUMP_IF_TRUE: {
            int t = object_is_true(cnt);
            if (t < 0) return false;
            inst->opcode = NOP;
            inst->oparg = 0;
            bool jump_if_true = nextop == POP_JUMP_IF_TRUE;
            if (bool(t) == jump_if_true) {
              bb->instrs[i + 1].opcode = kJump;
            } else {
              bb->instrs[i + 1].opcode = NOP;
              bb->instrs[i + 1].target = nullptr;
            }
            break;
          }
          case IS_OP: {
            if (cnt != none() || bb->instrs.size() <= i + 2) break;
            CfgInstr* is_instr = &bb->instrs[i + 1];
            CfgInstr* jump_instr = &bb->instrs[i + 2];
            if (jump_instr->opcode == TO_BOOL) {
              jump_instr->opcode = NOP;
              jump_instr->oparg = 0;
              if (bb->instrs.size() <= i + 3) break;
              jump_instr = &bb->instrs[i + 3];
            }
            bool invert = is_instr->oparg;
            if (jump_instr->opcode == POP_JUMP_IF_FALSE)
              invert = !invert;
            else if (jump_instr->opcode != POP_JUMP_IF_TRUE)
              break;
            inst->opcode = NOP;
            inst->oparg = 0;
            is_instr->opcode = NOP;
            is_instr->oparg = 0;
            jump_instr->opcode = invert ? POP_JUMP_IF_NOT_NONE : POP_JUMP_IF_NONE;
            break;
          }
          case RETURN_VALUE:
            inst->opcode = NOP;
            bb->instrs[++i].opcode = RETURN_CONST;
            bb->instrs[i].oparg = oparg;
            inst->oparg = 0;
            break;
          case TO_BOOL: {
            int t = object_is_true(cnt);
            if (t < 0) return false;
            int index = u->consts.add(bool_obj(t));
            if (index < 0) return false;
            inst->opcode = NOP;
            inst->oparg = 0;
            bb->instrs[i + 1].opcode = LOAD_CONST;
            bb->instrs[i + 1].oparg = index;
            break;
          }
        }
        break;
      }
      case BUILD_TUPLE:
        if (nextop == UNPACK_SEQUENCE && oparg == bb->instrs[i + 1].oparg) {
          if (oparg == 1) {
            inst->opcode = NOP;
            inst->oparg = 0;
            bb->instrs[i + 1].opcode = NOP;
            bb->instrs[i + 1].oparg = 0;
            continue;
          }
          if (oparg == 2 || oparg == 3) {
            inst->opcode = NOP;
            inst->oparg = 0;
            bb->instrs[i + 1].opcode = SWAP;
            continue;
          }
        }
        if (int(i) >= oparg) {
          bool all = true;
          for (int k = 1; k <= oparg; k++)
            if (bb->instrs[i - size_t(k)].opcode != LOAD_CONST) all = false;
          if (all) {
            Ref<> t = steal(tuple_new(oparg));
            if (!t) return false;
            for (int k = 0; k < oparg; k++)
              tuple_set(t.get(), k, newref(u->consts.get(bb->instrs[i - size_t(oparg) + size_t(k)].oparg)));
            int index = u->consts.add(t.get());
            if (index < 0) return false;
            for (int k = 0; k < oparg; k++) {
              bb->instrs[i - size_t(oparg) + size_t(k)].opcode = NOP;
              bb->instrs[i - size_t(oparg) + size_t(k)].oparg = 0;
            }
            inst->opcode = LOAD_CONST;
            inst->oparg = index;
          }
        }
        break;
      case POP_JUMP_IF_NOT_NONE:
      case POP_JUMP_IF_NONE:
      case POP_JUMP_IF_FALSE:
      case POP_JUMP_IF_TRUE:
        if (target.opcode == kJump && jump_thread(bb, inst, &bb->instrs[i].target->instrs[0], inst->opcode)) i--;
        break;
      case kJump:
      case kJumpNoInterrupt:
        if (target.opcode == kJump) {
          if (jump_thread(bb, inst, &inst->target->instrs[0], kJump)) i--;
          continue;
        }
        if (target.opcode == kJumpNoInterrupt) {
          if (jump_thread(bb, inst, &inst->target->instrs[0], opcode)) i--;
          continue;
        }
        break;
      case STORE_FAST:
        if (opcode == nextop && oparg == bb->instrs[i + 1].oparg &&
            bb->instrs[i].loc.lineno == bb->instrs[i + 1].loc.lineno) {
          bb->instrs[i].opcode = POP_TOP;
          bb->instrs[i].oparg = 0;
        }
        break;
      case SWAP:
        if (oparg == 1) {
          inst->opcode = NOP;
          inst->oparg = 0;
        }
        break;
      case LOAD_GLOBAL:
        if (nextop == PUSH_NULL && (oparg & 1) == 0) {
          inst->oparg = oparg | 1;
          bb->instrs[i + 1].opcode = NOP;
        }
        break;
      case COMPARE_OP:
        if (nextop == TO_BOOL) {
          inst->opcode = NOP;
          inst->oparg = 0;
          bb->instrs[i + 1].opcode = COMPARE_OP;
          bb->instrs[i + 1].oparg = oparg | 16;
          continue;
        }
        break;
      case CONTAINS_OP:
      case IS_OP:
        if (nextop == TO_BOOL) {
          inst->opcode = NOP;
          inst->oparg = 0;
          bb->instrs[i + 1].opcode = opcode;
          bb->instrs[i + 1].oparg = oparg;
          continue;
        }
        if (nextop == UNARY_NOT) {
          inst->opcode = NOP;
          inst->oparg = 0;
          bb->instrs[i + 1].opcode = opcode;
          bb->instrs[i + 1].oparg = oparg ^ 1;
          continue;
        }
        break;
      case TO_BOOL:
        if (nextop == TO_BOOL) {
          inst->opcode = NOP;
          inst->oparg = 0;
          continue;
        }
        break;
      case UNARY_NOT:
        if (nextop == TO_BOOL) {
          inst->opcode = NOP;
          inst->oparg = 0;
          bb->instrs[i + 1].opcode = UNARY_NOT;
          bb->instrs[i + 1].oparg = 0;
          continue;
        }
        if (nextop == UNARY_NOT) {
          inst->opcode = NOP;
          inst->oparg = 0;
          bb->instrs[i + 1].opcode = NOP;
          bb->instrs[i + 1].oparg = 0;
          continue;
        }
        break;
      case CALL_INTRINSIC_1:
        if (oparg == kIntrinsicListToTuple && nextop == GET_ITER) {
          inst->opcode = NOP;
          inst->oparg = 0;
        }
        break;
    }
  }
  return true;
}

static void remove_unused_consts(CodeUnit* u, Cfg* g) {
  int n = u->consts.size();
  if (n == 0) return;
  std::vector<int> used(size_t(n), -1);
  used[0] = 0;
  for (Block* b = g->entry; b; b = b->next)
    for (auto& in : b->instrs)
      if (in.opcode == LOAD_CONST || in.opcode == RETURN_CONST) used[size_t(in.oparg)] = in.oparg;
  std::vector<int> remap(size_t(n), -1);
  std::vector<Object*> kept;
  auto& items = u->consts.items();
  for (int i = 0; i < n; i++) {
    if (used[size_t(i)] >= 0) {
      remap[size_t(i)] = int(kept.size());
      kept.push_back(items[size_t(i)]);
    } else {
      decref(items[size_t(i)]);
    }
  }
  if (int(kept.size()) == n) return;
  items = kept;
  u->consts.rebuild_index();
  for (Block* b = g->entry; b; b = b->next)
    for (auto& in : b->instrs)
      if (in.opcode == LOAD_CONST || in.opcode == RETURN_CONST) in.oparg = remap[size_t(in.oparg)];
}

static void add_checks_for_uninitialized(Cfg* g, int nlocals, int nparams) {
  if (nlocals == 0) return;
  int limit = std::min(nlocals, 64);
  uint64_t start_mask = 0;
  for (int i = nparams; i < limit; i++) start_mask |= uint64_t(1) << i;
  for (Block* b = g->entry; b; b = b->next) {
    b->unsafe_locals = 0;
    b->visited = false;
  }
  std::vector<Block*> stack;
  auto maybe_push = [&](Block* b, uint64_t mask) {
    uint64_t both = b->unsafe_locals | mask;
    if (b->unsafe_locals != both) {
      b->unsafe_locals = both;
      if (!b->visited) {
        stack.push_back(b);
        b->visited = true;
      }
    }
  };
  g->entry->unsafe_locals = start_mask;
  stack.push_back(g->entry);
  g->entry->visited = true;
  while (!stack.empty()) {
    Block* b = stack.back();
    stack.pop_back();
    b->visited = false;
    uint64_t mask = b->unsafe_locals;
    for (auto& in : b->instrs) {
      if (in.except) maybe_push(in.except, mask);
      if (in.oparg >= 64) continue;
      uint64_t bit = uint64_t(1) << in.oparg;
      switch (in.opcode) {
        case DELETE_FAST:
        case LOAD_FAST_AND_CLEAR:
        case kStoreFastMaybeNull:
          mask |= bit;
          break;
        case STORE_FAST:
          mask &= ~bit;
          break;
        case LOAD_FAST_CHECK:
          mask &= ~bit;
          break;
        case LOAD_FAST:
          if (mask & bit) in.opcode = LOAD_FAST_CHECK;
          mask &= ~bit;
          break;
      }
    }
    if (b->next && bb_has_fallthrough(b)) maybe_push(b->next, mask);
    CfgInstr* last = b->last();
    if (last && is_jump(last->opcode)) maybe_push(last->target, mask);
  }
  for (Block* b = g->entry; b; b = b->next) b->visited = false;
}

static void make_super(CfgInstr* a, CfgInstr* b, int op) {
  int l1 = a->loc.lineno, l2 = b->loc.lineno;
  if (l1 >= 0 && l2 >= 0 && l1 != l2) return;
  if (a->oparg >= 16 || b->oparg >= 16) return;
  a->opcode = op;
  a->oparg = (a->oparg << 4) | b->oparg;
  b->opcode = NOP;
  b->oparg = 0;
}

static void insert_superinstructions(Cfg* g) {
  for (Block* b = g->entry; b; b = b->next)
    for (size_t i = 0; i < b->instrs.size(); i++) {
      CfgInstr* in = &b->instrs[i];
      int nextop = i + 1 < b->instrs.size() ? b->instrs[i + 1].opcode : 0;
      if (in->opcode == LOAD_FAST && nextop == LOAD_FAST) make_super(in, &b->instrs[i + 1], LOAD_FAST_LOAD_FAST);
      else if (in->opcode == STORE_FAST && nextop == LOAD_FAST)
        make_super(in, &b->instrs[i + 1], STORE_FAST_LOAD_FAST);
      else if (in->opcode == STORE_FAST && nextop == STORE_FAST)
        make_super(in, &b->instrs[i + 1], STORE_FAST_STORE_FAST);
    }
  remove_redundant_nops(g);
}

static void push_cold_blocks_to_end(Cfg* g) {
  Block* entry = g->entry;
  if (!entry->next) return;
  // mark_warm
  reset_visited(g);
  std::vector<Block*> stack{entry};
  entry->visited = true;
  while (!stack.empty()) {
    Block* b = stack.back();
    stack.pop_back();
    b->warm = true;
    if (b->next && bb_has_fallthrough(b) && !b->next->visited) {
      stack.push_back(b->next);
      b->next->visited = true;
    }
    for (auto& in : b->instrs)
      if (is_jump(in.opcode) && !in.target->visited) {
        stack.push_back(in.target);
        in.target->visited = true;
      }
  }
  // mark_cold
  reset_visited(g);
  for (Block* b = entry; b; b = b->next)
    if (b->except_handler) {
      stack.push_back(b);
      b->visited = true;
    }
  while (!stack.empty()) {
    Block* b = stack.back();
    stack.pop_back();
    b->cold = true;
    if (b->next && bb_has_fallthrough(b) && !b->next->warm && !b->next->visited) {
      stack.push_back(b->next);
      b->next->visited = true;
    }
    for (auto& in : b->instrs)
      if (is_jump(in.opcode) && !in.target->warm && !in.target->visited) {
        stack.push_back(in.target);
        in.target->visited = true;
      }
  }
  for (Block* b = entry; b; b = b->next) {
    if (b->cold && bb_has_fallthrough(b) && b->next && b->next->warm) {
      Block* j = g->new_block();
      if (b->next->label < 0) b->next->label = g->max_label++;
      j->instrs.push_back(CfgInstr{kJumpNoInterrupt, 0, kNoLoc, b->next, nullptr});
      j->cold = true;
      j->next = b->next;
      j->predecessors = 1;
      b->next = j;
    }
  }
  Block* cold = nullptr;
  Block* cold_tail = nullptr;
  Block* b = entry;
  while (b->next) {
    while (b->next && !b->next->cold) b = b->next;
    if (!b->next) break;
    Block* end = b->next;
    while (end->next && end->next->cold) end = end->next;
    if (!cold)
      cold = b->next;
    else
      cold_tail->next = b->next;
    cold_tail = end;
    b->next = end->next;
    end->next = nullptr;
  }
  b->next = cold;
  if (cold) remove_redundant_nops_and_jumps(g);
}

bool cfg_optimize(CodeUnit* u, Cfg* g, int nparams) {
  label_exception_targets(g);
  // optimize_cfg
  for (;;) {
    bool changes = false;
    for (Block* b = g->entry; b; b = b->next)
      if (inline_small_or_no_lineno(b)) changes = true;
    if (!changes) break;
  }
  remove_unreachable(g);
  resolve_line_numbers(g);
  for (Block* b = g->entry; b; b = b->next)
    if (!optimize_basic_block(u, b)) return false;
  remove_redundant_nops_and_pairs(g);
  remove_unreachable(g);
  remove_redundant_nops_and_jumps(g);
  remove_unused_consts(u, g);
  add_checks_for_uninitialized(g, u->meta.varnames.size(), nparams);
  insert_superinstructions(g);
  push_cold_blocks_to_end(g);
  resolve_line_numbers(g);
  return true;
}

// --- final layout -------------------------------------------------------------------------------------------

static int calculate_stackdepth(Cfg* g) {
  for (Block* b = g->entry; b; b = b->next) b->startdepth = INT_MIN;
  std::vector<Block*> stack;
  int maxdepth = 0;
  auto push = [&](Block* b, int depth) {
    if (b->startdepth < depth && b->startdepth == INT_MIN) {
      b->startdepth = depth;
      stack.push_back(b);
    }
  };
  push(g->entry, 0);
  while (!stack.empty()) {
    Block* b = stack.back();
    stack.pop_back();
    int depth = b->startdepth;
    Block* next = b->next;
    for (auto& in : b->instrs) {
      int nd = depth + stack_effect(in.opcode, in.oparg, false);
      maxdepth = std::max(maxdepth, nd);
      // CPython 3.13 measures the depth while RETURN_CONST is still LOAD_CONST + RETURN_VALUE: the constant's slot
      // counts (so `def f(): pass` has co_stacksize 1).
      if (in.opcode == RETURN_CONST) maxdepth = std::max(maxdepth, depth + 1);
      if (has_target(in.opcode)) {
        int td = depth + stack_effect(in.opcode, in.oparg, true);
        maxdepth = std::max(maxdepth, td);
        push(in.target, td);
      }
      depth = nd;
      if (is_unconditional_jump(in.opcode) || is_scope_exit(in.opcode)) {
        next = nullptr;
        break;
      }
    }
    if (next) push(next, depth);
  }
  return maxdepth;
}

bool cfg_finalize(CodeUnit* u, Cfg* g, int code_flags, int* stackdepth, int* nlocalsplus) {
  *stackdepth = calculate_stackdepth(g);
  auto& m = u->meta;
  int nlocals = m.varnames.size(), ncells = m.cellvars.size(), nfree = m.freevars.size();
  // build_cellfixedoffsets
  std::vector<int> fixed(size_t(ncells + nfree));
  for (int i = 0; i < ncells + nfree; i++) fixed[size_t(i)] = nlocals + i;
  for (int i = 0; i < ncells; i++) {
    int vi = m.varnames.find(m.cellvars.names()[size_t(i)]);
    if (vi >= 0) fixed[size_t(i)] = vi;
  }
  // insert_prefix_instructions
  Block* entry = g->entry;
  auto& ins = entry->instrs;
  if (code_flags & (kCoGenerator | kCoCoroutine | kCoAsyncGenerator)) {
    // Both at the first line: a generator that has not started reports f_lineno == co_firstlineno.
    SrcLoc first{m.firstlineno, m.firstlineno, -1, -1};
    ins.insert(ins.begin(), CfgInstr{RETURN_GENERATOR, 0, first});
    ins.insert(ins.begin() + 1, CfgInstr{POP_TOP, 0, first});
  }
  if (ncells) {
    std::vector<int> sorted(size_t(ncells + nlocals), 0);
    for (int i = 0; i < ncells; i++) sorted[size_t(fixed[size_t(i)])] = i + 1;
    int used = 0;
    for (int i = 0; used < ncells; i++) {
      int old = sorted[size_t(i)] - 1;
      if (old == -1) continue;
      ins.insert(ins.begin() + used, CfgInstr{MAKE_CELL, old, kNoLoc});
      used++;
    }
  }
  if (nfree) ins.insert(ins.begin(), CfgInstr{COPY_FREE_VARS, nfree, kNoLoc});
  // fix_cell_offsets
  int dropped = 0;
  for (int i = 0; i < ncells + nfree; i++) {
    if (fixed[size_t(i)] == i + nlocals)
      fixed[size_t(i)] -= dropped;
    else
      dropped++;
  }
  for (Block* b = g->entry; b; b = b->next)
    for (auto& in : b->instrs)
      switch (in.opcode) {
        case MAKE_CELL:
        case kLoadClosure:
        case LOAD_DEREF:
        case STORE_DEREF:
        case DELETE_DEREF:
        case LOAD_FROM_DICT_OR_DEREF:
          in.oparg = fixed[size_t(in.oparg)];
          break;
      }
  *nlocalsplus = nlocals + ncells + nfree - dropped;
  // convert_pseudo_ops
  for (Block* b = g->entry; b; b = b->next)
    for (auto& in : b->instrs) {
      if (is_block_push(in.opcode)) {
        in.opcode = NOP;
        in.oparg = 0;
        in.target = nullptr;
      } else if (in.opcode == kLoadClosure) {
        in.opcode = LOAD_FAST;
      } else if (in.opcode == kStoreFastMaybeNull) {
        in.opcode = STORE_FAST;
      }
    }
  remove_redundant_nops_and_jumps(g);
  // normalize_jumps
  reset_visited(g);
  for (Block* b = g->entry; b; b = b->next) {
    b->visited = true;
    CfgInstr* last = b->last();
    if (!last || !is_jump(last->opcode) || is_unconditional_jump(last->opcode)) continue;
    if (!last->target->visited) continue;
    int rev = 0;
    switch (last->opcode) {
      case POP_JUMP_IF_NOT_NONE: rev = POP_JUMP_IF_NONE; break;
      case POP_JUMP_IF_NONE: rev = POP_JUMP_IF_NOT_NONE; break;
      case POP_JUMP_IF_FALSE: rev = POP_JUMP_IF_TRUE; break;
      case POP_JUMP_IF_TRUE: rev = POP_JUMP_IF_FALSE; break;
      default: continue;
    }
    Block* target = last->target;
    Block* back = g->new_block();
    back->instrs.push_back(CfgInstr{kJump, 0, last->loc, target, nullptr});
    last->opcode = rev;
    last->target = b->next;
    back->cold = b->cold;
    back->next = b->next;
    b->next = back;
  }
  return true;
}

}  // namespace pyvm::compiler
