// Prints pyvm's opcode table (name number cache has_arg is_jump) for comparison with CPython's dis module.
#include <cstdio>

#include "vm/opcodes.h"

int main() {
  for (int i = 0; i < 256; i++) {
    const pyvm::OpcodeInfo& o = pyvm::kOpcodeTable[i];
    if (o.name) std::printf("%s %d %d %d %d\n", o.name, i, o.cache_entries, o.has_arg, o.is_jump);
  }
  return 0;
}
