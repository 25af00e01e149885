// The opcode table, filled from opcodes.def.
#include "vm/opcodes.h"

namespace pyvm {

static const OpcodeInfo* build_table() {
  static OpcodeInfo table[256] = {};
#define PYVM_OP(name, num, cache, arg, jump, pops, pushes) table[num] = OpcodeInfo{#name, cache, arg != 0, jump != 0};
#include "vm/opcodes.def"
#undef PYVM_OP
  return table;
}

const OpcodeInfo* const kOpcodeTable = build_table();

int opcode_pops(int opcode, int oparg) {
  switch (opcode) {
#define PYVM_OP(name, num, cache, arg, jump, pops, pushes) \
  case num:                                                \
    return (pops);
#include "vm/opcodes.def"
#undef PYVM_OP
  }
  return -1;
}

int opcode_pushes(int opcode, int oparg) {
  switch (opcode) {
#define PYVM_OP(name, num, cache, arg, jump, pops, pushes) \
  case num:                                                \
    return (pushes);
#include "vm/opcodes.def"
#undef PYVM_OP
  }
  return -1;
}

}  // namespace pyvm
