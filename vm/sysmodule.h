// The sys module and the registry of built-in modules that IMPORT_NAME can load.
#pragma once

#include <string>
#include <vector>

#include "objects/object.h"

namespace pyvm {

// Command-line options that sys.flags reports; pyvm_main fills them in before sys_init.
struct SysCliFlags {
  int dont_write_bytecode = 0;  // -B
  int optimize = 0;             // -O, -OO
  int inspect = 0, interactive = 0;
  int quiet = 0;  // -q
  int ignore_environment = 0;  // -E: PYTHONHASHSEED and the PYTHON* flag variables are not read
};
SysCliFlags& sys_cli_flags();

// Creates sys and registers it and builtins in sys.modules. sys.orig_argv is argv; sys.argv is `args` when given,
// else argv[1:].
[[nodiscard]] int sys_init(int argc, char** argv, Object* builtins_module,
                           const std::vector<std::string>* args = nullptr);
// sys.modules (borrowed; immortal).
Object* sys_modules();
// Looks up sys.<name> (borrowed, or null without an error).
Object* sys_get(const char* name);
// Writes text to the process's stdout/stderr stream under the print lock (whole writes never interleave).
void sys_write_stream(int fd, const char* data, size_t len);
// Writes text to a file object: straight to the stream for pyvm's built-in stdout/stderr, else file.write(str).
[[nodiscard]] int sys_write_text(Object* file, const std::string& text);
// The file descriptor behind one of pyvm's built-in stdout/stderr stream objects, or -1 for any other object.
int sys_stream_fd(Object* stream);

// The sys module (borrowed; immortal; null before sys_init).
Object* sys_module();

}  // namespace pyvm
