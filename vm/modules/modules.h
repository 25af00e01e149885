// Creators of the built-in modules in vm/modules/ (one file per module); registered in vm/builtin_modules.cc.
#pragma once

#include "objects/object.h"

namespace pyvm {

[[nodiscard]] Object* create_imp_module();       // _imp
[[nodiscard]] Object* create_io_module();        // _io
[[nodiscard]] Object* create_thread_module();    // _thread
[[nodiscard]] Object* create_warnings_module();  // _warnings
[[nodiscard]] Object* create_marshal_module();   // marshal
[[nodiscard]] Object* create_typing_module();    // _typing
[[nodiscard]] Object* create_weakref_module();   // _weakref

// Issues a warning of `category` through _warnings (CPython's PyErr_WarnEx); -1 with an exception when the
// warning was turned into an error.
[[nodiscard]] int runtime_warn(Type* category, const char* message, int stacklevel);
// Readies the typing types and installs the hooks they need into the interpreter; called by runtime_init.
[[nodiscard]] int typing_runtime_init();

}  // namespace pyvm
