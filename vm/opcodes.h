// Opcode numbers and per-opcode tables derived from opcodes.def.
#pragma once

#include <cstdint>

namespace pyvm {

enum Opcode : uint8_t {
#define PYVM_OP(name, num, cache, arg, jump, pops, pushes) name = num,
#include "vm/opcodes.def"
#undef PYVM_OP
};

struct OpcodeInfo {
  const char* name;  // null for unused numbers
  uint8_t cache_entries;
  bool has_arg;
  bool is_jump;
};

// Indexed by opcode number (0..255).
extern const OpcodeInfo* const kOpcodeTable;

// How many stack items the instruction reads and how many it leaves (from opcodes.def); -1 for unknown opcodes.
int opcode_pops(int opcode, int oparg);
int opcode_pushes(int opcode, int oparg);

}  // namespace pyvm
