// sys.stdin and sys.__stdin__: a text stream over file descriptor 0, made at start-up as CPython's create_stdio
// makes it (an _io.TextIOWrapper over a BufferedReader over a FileIO named '<stdin>', closefd=False).
//
// Thread-safety: runs once on the main thread during start-up, before the program (and any other thread) runs.
// The stream object itself is an ordinary _io object with its own locking.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/builtin_modules.h"
#include "vm/sysmodule.h"

namespace pyvm {
namespace {

// The LC_CTYPE locale name the environment selects (LC_ALL, then LC_CTYPE, then LANG; "C" when none is set).
std::string env_ctype_locale() {
  for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v) return v;
  }
  return "C";
}

// CPython's default error handler for the standard streams: surrogateescape in UTF-8 mode and in the C/POSIX
// locales and their UTF-8 coercion targets, strict elsewhere.
std::string default_stdio_errors() {
  if (sys_cli_flags().utf8_mode) return "surrogateescape";
  const char* u8 = python_getenv("PYTHONUTF8");
  if (u8 && std::strcmp(u8, "1") == 0) return "surrogateescape";
  std::string loc = env_ctype_locale();
  for (const char* name : {"C", "POSIX", "C.UTF-8", "C.utf8", "UTF-8"})
    if (loc == name) return "surrogateescape";
  return "strict";
}

}  // namespace

// The encoding and error handler of sys.stdin (fd 0), sys.stdout (1) and sys.stderr (2), as CPython's
// config_init_stdio_encoding: PYTHONIOENCODING="encoding:errors" (either part may be empty) overrides the locale's
// encoding; an explicit encoding without an error handler means "strict"; stderr always uses backslashreplace.
void stdio_encoding_errors(int fd, std::string* encoding, std::string* errors) {
  *encoding = "utf-8";
  if (!sys_cli_flags().utf8_mode) {
    const char* u8 = python_getenv("PYTHONUTF8");
    bool utf8_env = u8 && std::strcmp(u8, "1") == 0;
    const char* loc = setlocale(LC_CTYPE, nullptr);
    // The C/POSIX locale, kept by LC_ALL or PYTHONCOERCECLOCALE=0 with UTF-8 mode off (-X utf8=0): ASCII.
    if (!utf8_env && loc && (std::strcmp(loc, "C") == 0 || std::strcmp(loc, "POSIX") == 0) &&
        sys_cli_flags().utf8_mode_disabled)
      *encoding = "ascii";
  }
  *errors = default_stdio_errors();
  if (const char* ioenc = python_getenv("PYTHONIOENCODING"); ioenc && *ioenc) {
    std::string spec = ioenc;
    size_t colon = spec.find(':');
    std::string enc = spec.substr(0, colon);
    if (!enc.empty()) {
      *encoding = enc;
      *errors = "strict";
    }
    if (colon != std::string::npos && colon + 1 < spec.size()) *errors = spec.substr(colon + 1);
  }
  if (fd == 2) *errors = "backslashreplace";
}

namespace {

Object* make_stdin() {
  // CPython's is_valid_fd: a closed descriptor 0 gives sys.stdin = None.
  struct stat st;
  if (fstat(0, &st) != 0 && errno == EBADF) return newref(none());
  std::string encoding, errors;
  stdio_encoding_errors(0, &encoding, &errors);
  ORef io = steal(import_builtin_module(str_interned("_io")));
  if (!io) return nullptr;
  ORef open = steal(get_attr_str(io.get(), "open"));
  ORef wrapper_type = open ? steal(get_attr_str(io.get(), "TextIOWrapper")) : ORef();
  if (!wrapper_type) return nullptr;
  ORef fd = steal(int_from_i64(0));
  ORef mode = steal(str_from_utf8("rb"));
  ORef buffering = steal(int_from_i64(-1));
  if (!fd || !mode || !buffering) return nullptr;
  Object* open_args[7] = {fd.get(), mode.get(), buffering.get(), none(), none(), none(), false_()};
  ORef buf = steal(call(open.get(), open_args, 7, nullptr));
  if (!buf) return nullptr;
  ORef raw = steal(get_attr_str(buf.get(), "raw"));
  ORef name = steal(str_from_utf8("<stdin>"));
  if (!raw || !name || set_attr_str(raw.get(), "name", name.get()) < 0) return nullptr;
  ORef enc = steal(str_from_utf8(encoding));
  ORef err = steal(str_from_utf8(errors));
  ORef newline = steal(str_from_utf8("\n"));
  if (!enc || !err || !newline) return nullptr;
  // Line buffering only on a terminal, as CPython; reads go straight through (write_through=True).
  Object* line_buffering = bool_obj(isatty(0));
  Object* wrap_args[6] = {buf.get(), enc.get(), err.get(), newline.get(), line_buffering, true_()};
  ORef text = steal(call(wrapper_type.get(), wrap_args, 6, nullptr));
  if (!text) return nullptr;
  ORef rmode = steal(str_from_utf8("r"));
  if (!rmode || set_attr_str(text.get(), "mode", rmode.get()) < 0) return nullptr;
  return text.release();
}

}  // namespace

int sys_init_stdin() {
  ORef stream = steal(make_stdin());
  if (!stream) return -1;
  Object* d = module_dict(sys_module());
  if (dict_set_str(d, "stdin", stream.get()) < 0 || dict_set_str(d, "__stdin__", stream.get()) < 0) return -1;
  return 0;
}

}  // namespace pyvm
