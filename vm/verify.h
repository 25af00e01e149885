// The bytecode verifier: proves, before a code object runs, that its instructions cannot make the interpreter read
// or write outside the frame (operand indices, jump targets, exception handlers, value-stack depth).
#pragma once

#include "vm/code.h"

namespace pyvm {

// Returns true when `co` is safe to run; otherwise sets ValueError("bad marshal data (invalid bytecode: ...)").
[[nodiscard]] bool verify_code(CodeObject* co);

}  // namespace pyvm
