// The control-flow graph of one code unit: basic blocks built from the codegen's labelled instruction sequence,
// the optimisation passes of CPython 3.13's flowgraph.c, and the hand-off to the assembler.
#pragma once

#include <memory>
#include <vector>

#include "vm/compiler/codegen.h"

namespace pyvm::compiler {

struct Block;

struct CfgInstr {
  int opcode;
  int oparg;
  SrcLoc loc;
  Block* target = nullptr;  // jumps and SETUP_*
  Block* except = nullptr;  // the handler covering this instruction
};

struct Block {
  std::vector<CfgInstr> instrs;
  Block* next = nullptr;
  int label = -1;  // >= 0 when some instruction jumps here by label (CPython's IS_LABEL)
  int predecessors = 0;
  int startdepth = -1;
  uint64_t unsafe_locals = 0;
  bool visited = false, except_handler = false, preserve_lasti = false, cold = false, warm = false;
  std::vector<Block*>* except_stack = nullptr;
  int offset = 0;  // assembler: first code unit

  CfgInstr* last() { return instrs.empty() ? nullptr : &instrs.back(); }
};

class Cfg {
 public:
  Block* entry = nullptr;
  Block* new_block() {
    blocks_.push_back(std::make_unique<Block>());
    return blocks_.back().get();
  }
  int max_label = 0;

 private:
  std::vector<std::unique_ptr<Block>> blocks_;
};

// Builds the graph from a unit's instructions; runs every optimisation up to the final block order.
bool cfg_build(CodeUnit* u, Cfg* g);
bool cfg_optimize(CodeUnit* u, Cfg* g, int nparams);
// Stack depth, localsplus layout (MAKE_CELL/COPY_FREE_VARS/RETURN_GENERATOR prefix), pseudo-op conversion and
// jump normalisation. Returns false with an error set.
bool cfg_finalize(CodeUnit* u, Cfg* g, int code_flags, int* stackdepth, int* nlocalsplus);

bool is_block_push(int op);

}  // namespace pyvm::compiler
