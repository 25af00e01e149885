// Prints pyvm's opcode table (name number cache has_arg is_jump, then net stack effects) for comparison with dis.
#include <cstdio>
#include <initializer_list>

#include "vm/opcodes.h"

int main() {
  for (int i = 0; i < 256; i++) {
    const pyvm::OpcodeInfo& o = pyvm::kOpcodeTable[i];
    if (!o.name) continue;
    std::printf("%s %d %d %d %d", o.name, i, o.cache_entries, o.has_arg, o.is_jump);
    // Net stack effect for a spread of opargs (just 0 for opcodes without an argument).
    for (int a : {0, 1, 2, 3, 4, 5, 8, 9, 16, 17, 258}) {
      std::printf(" %d", pyvm::opcode_pushes(i, a) - pyvm::opcode_pops(i, a));
      if (!o.has_arg) break;
    }
    std::printf("\n");
  }
  return 0;
}
