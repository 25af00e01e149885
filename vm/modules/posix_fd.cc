// The posix module's file-descriptor functions: open/close/read/write/lseek, dup and pipes, fd flags, terminals.
#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/structseq.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"
#include "vm/threads.h"

namespace pyvm::posix {

// CPython's "fildes" converter (fsync, fdatasync): an int, or an object with a fileno() method.
bool convert_fildes(Object* o, int* fd) {
  if (index_check(o)) {
    if (!convert_int(o, fd)) return false;
  } else {
    ORef meth;
    Object* m = nullptr;
    if (get_attr_optional(o, str_interned("fileno"), &m) < 0) return false;
    meth = steal(m);
    if (!meth) {
      set_error(&exc_TypeError, "argument must be an int, or have a fileno() method.");
      return false;
    }
    ORef r = steal(call0(meth.get()));
    if (!r) return false;
    if (!type_check(r.get(), &int_type)) {
      set_error(&exc_TypeError, "fileno() returned a non-integer");
      return false;
    }
    if (!convert_int(r.get(), fd)) return false;
  }
  if (*fd < 0) {
    set_errorf(&exc_ValueError, "file descriptor cannot be a negative integer ({})", *fd);
    return false;
  }
  return true;
}

namespace {

Object* none_result() { return newref(none()); }

// Positional-only functions with several parameters check their count as Argument Clinic does.
bool positional(const char* fname, ssize nargs, ssize min, ssize max) {
  return check_positional(fname, nargs, nullptr, min, max);
}

// ---- open / close ----

Object* posix_open(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[4] = {};
  if (!parse_args("open", args, nargs, kwnames, {"path", "flags", "mode", "$dir_fd"}, 2, a)) return nullptr;
  Path p{.function = "open", .argname = "path"};
  int flags = 0, mode = 0777, dir_fd = AT_FDCWD;
  if (!convert_path(a[0], &p) || !convert_int(a[1], &flags) || (a[2] && !convert_int(a[2], &mode)) ||
      !convert_dir_fd(a[3], &dir_fd))
    return nullptr;
  // PEP 446: descriptors Python creates are not inherited by child processes.
  flags |= O_CLOEXEC;
  int fd;
  do {
    fd = dir_fd != AT_FDCWD ? openat(dir_fd, p.c_str(), flags, mode) : open(p.c_str(), flags, mode);  // blocking
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return path_error(p);
  return int_from_i64(fd);
}

Object* posix_close(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("close", args, nargs, kwnames, {"fd"}, 1, a)) return nullptr;
  int fd = -1;
  if (!convert_int(a[0], &fd)) return nullptr;
  // Not retried on EINTR: on Linux the descriptor is released even then.
  if (close(fd) != 0 && errno != EINTR) return raise_errno();
  return none_result();
}

Object* posix_closerange(Object*, Object* const* args, ssize nargs) {
  if (!positional("closerange", nargs, 2, 2)) return nullptr;
  int lo = 0, hi = 0;
  if (!convert_int(args[0], &lo) || !convert_int(args[1], &hi)) return nullptr;
  for (int fd = lo < 0 ? 0 : lo; fd < hi; fd++) close(fd);
  return none_result();
}

// ---- read / write / seek / sync ----

Object* posix_read(Object*, Object* const* args, ssize nargs) {
  if (!positional("read", nargs, 2, 2)) return nullptr;
  int fd = -1;
  ssize length = 0;
  if (!convert_int(args[0], &fd) || !convert_ssize(args[1], &length)) return nullptr;
  if (length < 0) return raise_os_error_objects(EINVAL);
  // A raw buffer rather than std::string: an absurd length must become MemoryError, not an abort.
  char* buf = static_cast<char*>(alloc::raw_alloc(size_t(length) + 1));
  if (!buf) return no_memory();
  ssize_t n;
  int err = 0;
  do {
    BlockingSection detached;  // a pipe or terminal may wait indefinitely
    n = read(fd, buf, size_t(length));
    err = errno;
  } while (n < 0 && err == EINTR);
  Object* r = n < 0 ? raise_os_error_objects(err) : bytes_from(buf, ssize(n));
  alloc::raw_free(buf);
  return r;
}

Object* posix_write(Object*, Object* const* args, ssize nargs) {
  if (!positional("write", nargs, 2, 2)) return nullptr;
  int fd = -1;
  if (!convert_int(args[0], &fd)) return nullptr;
  std::string data;
  if (!bytes_like_copy(args[1], &data)) return nullptr;
  ssize_t n;
  int err = 0;
  do {
    BlockingSection detached;  // a full pipe waits for its reader
    n = write(fd, data.data(), data.size());
    err = errno;
  } while (n < 0 && err == EINTR);
  if (n < 0) return raise_os_error_objects(err);
  return int_from_i64(n);
}

Object* posix_lseek(Object*, Object* const* args, ssize nargs) {
  if (!positional("lseek", nargs, 3, 3)) return nullptr;
  int fd = -1, whence = 0;
  long pos = 0;
  if (!convert_int(args[0], &fd) || !convert_long(args[1], &pos) || !convert_int(args[2], &whence)) return nullptr;
  off_t r = lseek(fd, off_t(pos), whence);
  if (r < 0) return raise_errno();
  return int_from_i64(r);
}

Object* sync_impl(const char* fname, Object* const* args, ssize nargs, Object* kwnames, bool data_only) {
  Object* a[1] = {};
  if (!parse_args(fname, args, nargs, kwnames, {"fd"}, 1, a)) return nullptr;
  int fd = -1;
  if (!convert_fildes(a[0], &fd)) return nullptr;
  int r;
  do {
    r = data_only ? fdatasync(fd) : fsync(fd);  // blocking
  } while (r != 0 && errno == EINTR);
  if (r != 0) return raise_errno();
  return none_result();
}
Object* posix_fsync(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return sync_impl("fsync", args, nargs, kwnames, false);
}
Object* posix_fdatasync(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return sync_impl("fdatasync", args, nargs, kwnames, true);
}

Object* posix_ftruncate(Object*, Object* const* args, ssize nargs) {
  if (!positional("ftruncate", nargs, 2, 2)) return nullptr;
  int fd = -1;
  long length = 0;
  if (!convert_int(args[0], &fd) || !convert_long(args[1], &length)) return nullptr;
  int r;
  do {
    r = ftruncate(fd, off_t(length));  // blocking
  } while (r != 0 && errno == EINTR);
  if (r != 0) return raise_errno();
  return none_result();
}

// ---- dup and pipes ----

Object* posix_dup(Object*, Object* arg) {
  int fd = -1;
  if (!convert_int(arg, &fd)) return nullptr;
  int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (r < 0) return raise_errno();
  return int_from_i64(r);
}

Object* posix_dup2(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse_args("dup2", args, nargs, kwnames, {"fd", "fd2", "inheritable"}, 2, a)) return nullptr;
  int fd = -1, fd2 = -1;
  bool inheritable = true;
  if (!convert_int(a[0], &fd) || !convert_int(a[1], &fd2) || !convert_bool(a[2], &inheritable)) return nullptr;
  int r;
  if (inheritable) {
    r = dup2(fd, fd2);
  } else if (fd == fd2) {
    // dup3 refuses equal descriptors; CPython checks the fd and makes it non-inheritable instead.
    r = fcntl(fd, F_GETFD);
    if (r >= 0) r = fcntl(fd, F_SETFD, r | FD_CLOEXEC) < 0 ? -1 : fd;
  } else {
    r = dup3(fd, fd2, O_CLOEXEC);
  }
  if (r < 0) return raise_errno();
  return int_from_i64(r);
}

Object* pipe_result(int fds[2]) {
  ORef r = steal(int_from_i64(fds[0]));
  ORef w = steal(int_from_i64(fds[1]));
  if (!r || !w) return nullptr;
  return tuple_pack({r.get(), w.get()});
}

Object* posix_pipe(Object*, Object*) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return raise_errno();
  return pipe_result(fds);
}

// openpty(): (master, slave), both non-inheritable, as CPython's.
Object* posix_openpty(Object*, Object*) {
  int fds[2];
  if (openpty(&fds[0], &fds[1], nullptr, nullptr, nullptr) != 0) return raise_errno();
  for (int fd : fds) {
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0) {
      int err = errno;
      close(fds[0]);
      close(fds[1]);
      return raise_os_error_objects(err);
    }
  }
  return pipe_result(fds);
}

Object* posix_pipe2(Object*, Object* arg) {
  int flags = 0;
  if (!convert_int(arg, &flags)) return nullptr;
  int fds[2];
  if (pipe2(fds, flags) != 0) return raise_errno();
  return pipe_result(fds);
}

// ---- descriptor flags and terminals ----

Object* posix_isatty(Object*, Object* arg) {
  int fd = -1;
  if (!convert_int(arg, &fd)) return nullptr;
  return newref(bool_obj(isatty(fd)));
}

Object* posix_get_inheritable(Object*, Object* arg) {
  int fd = -1;
  if (!convert_int(arg, &fd)) return nullptr;
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return raise_errno();
  return newref(bool_obj(!(flags & FD_CLOEXEC)));
}

Object* posix_set_inheritable(Object*, Object* const* args, ssize nargs) {
  if (!positional("set_inheritable", nargs, 2, 2)) return nullptr;
  int fd = -1, inheritable = 0;
  if (!convert_int(args[0], &fd) || !convert_int(args[1], &inheritable)) return nullptr;
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return raise_errno();
  int updated = inheritable ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC;
  if (updated != flags && fcntl(fd, F_SETFD, updated) < 0) return raise_errno();
  return none_result();
}

Object* posix_get_blocking(Object*, Object* arg) {
  int fd = -1;
  if (!convert_int(arg, &fd)) return nullptr;
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return raise_errno();
  return newref(bool_obj(!(flags & O_NONBLOCK)));
}

Object* posix_set_blocking(Object*, Object* const* args, ssize nargs) {
  if (!positional("set_blocking", nargs, 2, 2)) return nullptr;
  int fd = -1;
  bool blocking = false;
  if (!convert_int(args[0], &fd) || !convert_bool(args[1], &blocking)) return nullptr;
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return raise_errno();
  int updated = blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
  if (updated != flags && fcntl(fd, F_SETFL, updated) < 0) return raise_errno();
  return none_result();
}

Object* posix_device_encoding(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("device_encoding", args, nargs, kwnames, {"fd"}, 1, a)) return nullptr;
  int fd = -1;
  if (!convert_int(a[0], &fd)) return nullptr;
  // pyvm always runs in UTF-8 mode, where CPython reports UTF-8 for terminals.
  if (isatty(fd)) return str_from_utf8("UTF-8");
  return none_result();
}

Object* posix_get_terminal_size(Object*, Object* const* args, ssize nargs) {
  if (!positional("get_terminal_size", nargs, 0, 1)) return nullptr;
  int fd = STDOUT_FILENO;
  if (nargs == 1 && !convert_int(args[0], &fd)) return nullptr;
  struct winsize w;
  if (ioctl(fd, TIOCGWINSZ, &w) != 0) return raise_errno();
  Type* t = terminal_size_type();
  if (!t) return nullptr;
  ORef r = steal(structseq_new(t));
  if (!r) return nullptr;
  Object* cols = int_from_i64(w.ws_col);
  Object* rows = int_from_i64(w.ws_row);
  structseq_set(r.get(), 0, cols);
  structseq_set(r.get(), 1, rows);
  if (!cols || !rows) return nullptr;
  return r.release();
}

PyMethodDef fd_methods[] = {{"open", as_cfunc(posix_open), kFastKw, nullptr},
                            {"close", as_cfunc(posix_close), kFastKw, nullptr},
                            {"closerange", as_cfunc(posix_closerange), METH_FASTCALL, nullptr},
                            {"read", as_cfunc(posix_read), METH_FASTCALL, nullptr},
                            {"write", as_cfunc(posix_write), METH_FASTCALL, nullptr},
                            {"lseek", as_cfunc(posix_lseek), METH_FASTCALL, nullptr},
                            {"fsync", as_cfunc(posix_fsync), kFastKw, nullptr},
                            {"fdatasync", as_cfunc(posix_fdatasync), kFastKw, nullptr},
                            {"ftruncate", as_cfunc(posix_ftruncate), METH_FASTCALL, nullptr},
                            {"dup", posix_dup, METH_O, nullptr},
                            {"dup2", as_cfunc(posix_dup2), kFastKw, nullptr},
                            {"pipe", posix_pipe, METH_NOARGS, nullptr},
                            {"openpty", posix_openpty, METH_NOARGS, nullptr},
                            {"pipe2", posix_pipe2, METH_O, nullptr},
                            {"isatty", posix_isatty, METH_O, nullptr},
                            {"get_inheritable", posix_get_inheritable, METH_O, nullptr},
                            {"set_inheritable", as_cfunc(posix_set_inheritable), METH_FASTCALL, nullptr},
                            {"get_blocking", posix_get_blocking, METH_O, nullptr},
                            {"set_blocking", as_cfunc(posix_set_blocking), METH_FASTCALL, nullptr},
                            {"device_encoding", as_cfunc(posix_device_encoding), kFastKw, nullptr},
                            {"get_terminal_size", as_cfunc(posix_get_terminal_size), METH_FASTCALL, nullptr},
                            {nullptr, nullptr, 0, nullptr}};

}  // namespace

int add_fd_functions(Object* module) { return module_add_functions(module, fd_methods); }

}  // namespace pyvm::posix
