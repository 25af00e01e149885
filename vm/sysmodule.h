// The sys module and the registry of built-in modules that IMPORT_NAME can load.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "objects/object.h"

namespace pyvm {

// Command-line options that sys.flags reports; pyvm_main fills them in before sys_init.
struct SysCliFlags {
  int dont_write_bytecode = 0;  // -B
  int optimize = 0;             // -O, -OO
  int inspect = 0, interactive = 0;
  int quiet = 0;               // -q
  int debug = 0;               // -d
  int verbose = 0;             // -v
  int bytes_warning = 0;       // -b
  int no_user_site = 0;        // -s
  int no_site = 0;             // -S
  int ignore_environment = 0;  // -E
  int isolated = 0;            // -I (also sets ignore_environment, no_user_site and safe_path)
  int safe_path = 0;           // -P
  int unbuffered = 0;          // -u
  int dev_mode = 0;            // -X dev
  int utf8_mode = 0;           // -X utf8
  int utf8_mode_disabled = 0;  // -X utf8=0 (UTF-8 mode explicitly off)
  std::vector<std::string> warnoptions;  // -W, in order
  std::vector<std::pair<std::string, std::string>> xoptions;  // -X name[=value] ("\x01" as the value: no '=')
};
SysCliFlags& sys_cli_flags();

// The encoding and error handler of the standard stream on `fd` (0, 1, 2): locale, UTF-8 mode and PYTHONIOENCODING,
// as CPython decides them (vm/sys_stdin.cc).
void stdio_encoding_errors(int fd, std::string* encoding, std::string* errors);
// sys.getdlopenflags(): the flags the extension loader passes to dlopen (vm/sys_extras.cc).
int sys_dlopen_flags();

// getenv for the PYTHON* variables: null under -E / -I, as CPython ignores them then.
const char* python_getenv(const char* name);

// Creates sys and registers it and builtins in sys.modules. sys.orig_argv is argv; sys.argv is `args` when given,
// else argv[1:].
[[nodiscard]] int sys_init(int argc, char** argv, Object* builtins_module,
                           const std::vector<std::string>* args = nullptr);
// Creates sys.stdin and sys.__stdin__ (vm/sys_stdin.cc): a TextIOWrapper over fd 0, or None when fd 0 is closed.
// Needs the import system (it imports _io); pyvm_main calls it after import_init.
[[nodiscard]] int sys_init_stdin();
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
// From now on sys.is_finalizing() returns True (the runtime is shutting down; vm/sys_asyncgen.cc).
void sys_set_finalizing();
bool sys_finalizing();  // what sys.is_finalizing() returns
// The error handler of one of those streams (`stream` must be one: sys_stream_fd(stream) >= 0).
const char* sys_stream_errors(Object* stream);

// The sys module (borrowed; immortal; null before sys_init).
Object* sys_module();

}  // namespace pyvm
