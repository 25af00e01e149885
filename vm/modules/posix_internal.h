// Pieces the files of the posix module share (vm/modules/posix_*.cc): argument converters with CPython's
// messages, path encoding, errors and the struct sequence result types.
#pragma once

#include <sys/stat.h>

#include <string>

#include "objects/object.h"

namespace pyvm::posix {

// The calling convention of the functions that take keywords (parsed with parse_args).
constexpr int kFastKw = METH_FASTCALL | METH_KEYWORDS;

// One path argument (CPython's path_t). The function fills `function`, `argname` and the flags, then calls
// convert_path. Accepts str (encoded UTF-8 + surrogateescape), bytes, os.PathLike, and with allow_fd an int fd.
struct Path {
  const char* function;   // for messages: "stat"
  const char* argname;    // "path", "src", "dst"
  bool nullable = false;  // None is accepted and leaves the path absent
  bool allow_fd = false;  // an int is accepted as an open file descriptor
  // Results.
  ORef object;            // what errors report as the filename: the str/bytes (after __fspath__) or the int fd
  std::string narrow;     // the encoded path for the system call
  int fd = -1;            // the file descriptor, when has_fd
  bool has_fd = false;    // the argument was a file descriptor (possibly negative: the call then fails with EBADF)
  bool is_bytes = false;  // names derived from this path are returned as bytes
  bool is_fd() const { return has_fd; }
  bool absent() const { return !object; }
  const char* c_str() const { return narrow.c_str(); }
};
[[nodiscard]] bool convert_path(Object* o, Path* p);

// Argument converters (Argument Clinic's): false with CPython's TypeError / OverflowError / ValueError.
[[nodiscard]] bool convert_int(Object* o, int* out);      // int: "Python int too large to convert to C int"
// PyArg's "i" unit (pid_t, _thread.interrupt_main): "signed integer is greater than maximum" / "less than minimum".
[[nodiscard]] bool convert_int_i(Object* o, int* out);
[[nodiscard]] bool convert_long(Object* o, long* out);    // long, off_t
[[nodiscard]] bool convert_ssize(Object* o, ssize* out);  // Py_ssize_t
[[nodiscard]] bool convert_bool(Object* o, bool* out);    // "p": truth value; a null argument keeps *out
// A file descriptor given as the path argument (CPython's _fd_converter): "fd is greater than maximum".
[[nodiscard]] bool convert_fd(Object* o, int* fd);
// CPython's PyObject_AsFileDescriptor ("fildes" converter): an int, or an object with a fileno() method returning
// one; a negative result is a ValueError. Used by fsync and by the select and fcntl modules.
[[nodiscard]] bool convert_fildes(Object* o, int* fd);
// dir_fd=: null or None means AT_FDCWD; otherwise an int fd ("argument should be integer or None, not float").
[[nodiscard]] bool convert_dir_fd(Object* o, int* fd);
// CPython's follow_symlinks / dir_fd / fd combination checks; false with ValueError set.
[[nodiscard]] bool check_fd_and_follow(const char* function, const Path& p, bool follow_symlinks);
[[nodiscard]] bool check_dir_fd_and_fd(const char* function, const Path& p, int dir_fd);

// os.fsencode of a str/bytes/PathLike (via pyvm::fspath, objects/abstract.h) for functions that take a name (putenv):
// bytes, new reference.
[[nodiscard]] Object* fs_converter(Object* o);
// File names from the system: bytes when as_bytes, else str decoded UTF-8 + surrogateescape.
[[nodiscard]] Object* fs_name(const char* s, size_t n, bool as_bytes);

// OSError from errno naming the path argument(s) as CPython does (the fd for fd arguments).
std::nullptr_t path_error(const Path& p);
std::nullptr_t path_error2(const Path& a, const Path& b);

// The struct sequence types (created once per process, immortal).
Type* stat_result_type();
Type* terminal_size_type();
[[nodiscard]] Object* stat_result_from(const struct stat& st);

// Each file of the module adds its functions (and types) to the module object.
[[nodiscard]] int add_fs_functions(Object* module);       // posix_fs.cc
[[nodiscard]] int add_fd_functions(Object* module);       // posix_fd.cc
[[nodiscard]] int add_scandir_functions(Object* module);  // posix_scandir.cc
[[nodiscard]] int add_process_functions(Object* module);  // posix_proc.cc
[[nodiscard]] int add_fork_functions(Object* module);     // posix_fork.cc

}  // namespace pyvm::posix
