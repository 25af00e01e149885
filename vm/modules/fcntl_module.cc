// The fcntl module: fcntl(), ioctl(), flock() and lockf() on file descriptors, and the F_*, LOCK_* and related
// constants, with CPython's argument rules and messages.
//
// Thread-safety: the functions keep no state; each system call that may wait (a lock request, a blocking ioctl)
// runs detached (vm/threads.h BlockingSection). A mutable buffer passed to ioctl() is held (exported) for the call.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/fs.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

constexpr size_t kArgBufSize = 1024;  // CPython's limit on a copied string argument

// An unsigned int with C's wrap-around (CPython's "I" unit: PyLong_AsUnsignedLongMask), from any __index__ object.
bool convert_uint_mask(Object* o, unsigned* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  // The low 32 bits of the two's complement value.
  const digit* d = int_digits(i.get());
  ssize n = int_ndigits(i.get());
  uint64_t v = 0;
  for (ssize k = n - 1; k >= 0; k--) v = (v << PyLong_SHIFT) | d[k];
  if (int_sign(i.get()) < 0) v = ~v + 1;
  *out = unsigned(v);
  return true;
}

// A read-only argument copied to a buffer: str (as UTF-8) or bytes. False when `o` is neither (no exception).
bool string_arg(Object* o, std::string* out) {
  if (type_check(o, &str_type)) {
    ssize n = 0;
    const char* s = str_utf8(o, &n);
    if (!s) return false;
    out->assign(s, size_t(n));
    return true;
  }
  if (type_check(o, &bytes_type)) {
    out->assign(bytes_data(o), size_t(bytes_size(o)));
    return true;
  }
  return false;
}

Object* fcntl_fcntl(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("fcntl", nargs, kwnames, 2, 3)) return nullptr;
  int fd = -1, code = 0;
  if (!posix::convert_fildes(args[0], &fd) || !posix::convert_int(args[1], &code)) return nullptr;
  unsigned int_arg = 0;
  if (nargs == 3) {
    std::string s;
    if (string_arg(args[2], &s)) {
      if (s.size() > kArgBufSize) return set_error(&exc_ValueError, "fcntl string arg too long");
      char buf[kArgBufSize];
      std::memcpy(buf, s.data(), s.size());
      int ret, err = 0;
      do {
        BlockingSection detached;
        ret = fcntl(fd, code, buf);
        err = errno;
      } while (ret == -1 && err == EINTR);
      if (ret < 0) return raise_os_error_objects(err);
      return bytes_from(buf, ssize(s.size()));
    }
    if (error_occurred() || !convert_uint_mask(args[2], &int_arg)) return nullptr;
  }
  int ret, err = 0;
  do {
    BlockingSection detached;
    ret = fcntl(fd, code, int(int_arg));
    err = errno;
  } while (ret == -1 && err == EINTR);
  if (ret < 0) return raise_os_error_objects(err);
  return int_from_i64(ret);
}

Object* fcntl_ioctl(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("ioctl", nargs, kwnames, 2, 4)) return nullptr;
  int fd = -1;
  if (!posix::convert_fildes(args[0], &fd)) return nullptr;
  // The request is an unsigned long taken bitwise (negative values wrap, as in C).
  ORef req = steal(number_index(args[1]));
  if (!req) return nullptr;
  uint64_t code = 0;
  {
    const digit* d = int_digits(req.get());
    for (ssize k = int_ndigits(req.get()) - 1; k >= 0; k--) code = (code << PyLong_SHIFT) | d[k];
    if (int_sign(req.get()) < 0) code = ~code + 1;
  }
  bool mutate = true;
  if (nargs == 4) {
    int t = object_is_true(args[3]);
    if (t < 0) return nullptr;
    mutate = t;
  }
  int ret, err = 0;
  if (nargs >= 3) {
    Object* arg = args[2];
    // A writable buffer (bytearray, a writable memoryview): the kernel writes into it when mutate_flag is true.
    if (has_buffer(arg) && !type_check(arg, &bytes_type)) {
      BufferHold hold;
      if (hold.get(arg, PyBUF_WRITABLE) == 0) {
        char* p = static_cast<char*>(hold->buf);
        size_t len = size_t(hold->len);
        if (mutate) {
          char buf[kArgBufSize + 1];
          bool copy = len <= kArgBufSize;
          if (copy) {
            std::memcpy(buf, p, len);
            buf[len] = 0;
          }
          {
            BlockingSection detached;
            ret = ioctl(fd, code, copy ? buf : p);
            err = errno;
          }
          if (copy) std::memcpy(p, buf, len);
          if (ret < 0) return raise_os_error_objects(err);
          return int_from_i64(ret);
        }
        if (len > kArgBufSize) return set_error(&exc_ValueError, "ioctl string arg too long");
        char buf[kArgBufSize + 1];
        std::memcpy(buf, p, len);
        buf[len] = 0;
        {
          BlockingSection detached;
          ret = ioctl(fd, code, buf);
          err = errno;
        }
        if (ret < 0) return raise_os_error_objects(err);
        return bytes_from(buf, ssize(len));
      }
      error_clear();
    }
    std::string s;
    if (string_arg(arg, &s)) {
      if (s.size() > kArgBufSize) return set_error(&exc_ValueError, "ioctl string arg too long");
      char buf[kArgBufSize + 1];
      std::memcpy(buf, s.data(), s.size());
      buf[s.size()] = 0;
      {
        BlockingSection detached;
        ret = ioctl(fd, code, buf);
        err = errno;
      }
      if (ret < 0) return raise_os_error_objects(err);
      return bytes_from(buf, ssize(s.size()));
    }
    if (error_occurred()) return nullptr;
    int int_arg = 0;
    if (!posix::convert_int(arg, &int_arg)) return nullptr;
    {
      BlockingSection detached;
      ret = ioctl(fd, code, int_arg);
      err = errno;
    }
  } else {
    BlockingSection detached;
    ret = ioctl(fd, code, 0);
    err = errno;
  }
  if (ret < 0) return raise_os_error_objects(err);
  return int_from_i64(ret);
}

Object* fcntl_flock(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("flock", nargs, kwnames, 2, 2)) return nullptr;
  int fd = -1, op = 0;
  if (!posix::convert_fildes(args[0], &fd) || !posix::convert_int(args[1], &op)) return nullptr;
  int ret, err = 0;
  do {
    BlockingSection detached;  // LOCK_EX without LOCK_NB waits for the lock
    ret = flock(fd, op);
    err = errno;
  } while (ret == -1 && err == EINTR);
  if (ret < 0) return raise_os_error_objects(err);
  return newref(none());
}

Object* fcntl_lockf(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("lockf", nargs, kwnames, 2, 5)) return nullptr;
  int fd = -1, code = 0, whence = 0;
  long len = 0, start = 0;
  if (!posix::convert_fildes(args[0], &fd) || !posix::convert_int(args[1], &code) ||
      (nargs > 2 && !posix::convert_long(args[2], &len)) || (nargs > 3 && !posix::convert_long(args[3], &start)) ||
      (nargs > 4 && !posix::convert_int(args[4], &whence)))
    return nullptr;
  struct flock l = {};
  if (code == LOCK_UN)
    l.l_type = F_UNLCK;
  else if (code & LOCK_SH)
    l.l_type = F_RDLCK;
  else if (code & LOCK_EX)
    l.l_type = F_WRLCK;
  else
    return set_error(&exc_ValueError, "unrecognized lockf argument");
  l.l_start = start;
  l.l_len = len;
  l.l_whence = short(whence);
  int ret, err = 0;
  do {
    BlockingSection detached;
    ret = fcntl(fd, (code & LOCK_NB) ? F_SETLK : F_SETLKW, &l);
    err = errno;
  } while (ret == -1 && err == EINTR);
  if (ret < 0) return raise_os_error_objects(err);
  return newref(none());
}

PyMethodDef fcntl_functions[] = {
    {"fcntl", as_cfunc(fcntl_fcntl), METH_FASTCALL | METH_KEYWORDS,
     "fcntl($module, fd, cmd, arg=0, /)\n--\n\nPerform the operation `cmd` on file descriptor fd."},
    {"ioctl", as_cfunc(fcntl_ioctl), METH_FASTCALL | METH_KEYWORDS,
     "ioctl($module, fd, request, arg=0, mutate_flag=True, /)\n--\n\nPerform the operation `request` on file "
     "descriptor `fd`."},
    {"flock", as_cfunc(fcntl_flock), METH_FASTCALL | METH_KEYWORDS,
     "flock($module, fd, operation, /)\n--\n\nPerform the lock operation `operation` on file descriptor `fd`."},
    {"lockf", as_cfunc(fcntl_lockf), METH_FASTCALL | METH_KEYWORDS,
     "lockf($module, fd, cmd, len=0, start=0, whence=0, /)\n--\n\nA wrapper around the fcntl() locking calls."},
    {nullptr, nullptr, 0, nullptr}};

struct IntConstant {
  const char* name;
  long value;
};
#define C(x) {#x, long(x)}
const IntConstant kConstants[] = {
    C(LOCK_SH),        C(LOCK_EX),           C(LOCK_NB),          C(LOCK_UN),
    C(LOCK_MAND),      C(LOCK_READ),         C(LOCK_WRITE),       C(LOCK_RW),
    C(F_DUPFD),        C(F_DUPFD_CLOEXEC),   C(F_GETFD),          C(F_SETFD),
    C(F_GETFL),        C(F_SETFL),           C(F_GETLK),          C(F_SETLK),
    C(F_SETLKW),       C(F_GETOWN),          C(F_SETOWN),         C(F_GETSIG),
    C(F_SETSIG),       C(F_RDLCK),           C(F_WRLCK),          C(F_UNLCK),
    C(F_GETLK64),      C(F_SETLK64),         C(F_SETLKW64),       C(F_GETLEASE),
    C(F_SETLEASE),     C(F_NOTIFY),          C(F_EXLCK),          C(F_SHLCK),
    C(F_GETPIPE_SZ),   C(F_SETPIPE_SZ),      C(F_OFD_GETLK),      C(F_OFD_SETLK),
    C(F_OFD_SETLKW),   C(F_GETOWN_EX),       C(F_SETOWN_EX),      C(F_OWNER_TID),
    C(F_OWNER_PID),    C(F_OWNER_PGRP),      C(F_ADD_SEALS),      C(F_GET_SEALS),
    C(F_SEAL_SEAL),    C(F_SEAL_SHRINK),     C(F_SEAL_GROW),      C(F_SEAL_WRITE),
    C(F_GET_RW_HINT),  C(F_SET_RW_HINT),     C(F_GET_FILE_RW_HINT), C(F_SET_FILE_RW_HINT),
    C(FD_CLOEXEC),     C(FASYNC),            C(DN_ACCESS),        C(DN_MODIFY),
    C(DN_CREATE),      C(DN_DELETE),         C(DN_RENAME),        C(DN_ATTRIB),
    C(FICLONE),        C(FICLONERANGE),
    {"DN_MULTISHOT", long(unsigned(DN_MULTISHOT))},
    // The kernel's values (linux/fcntl.h); glibc's headers do not all define them.
    {"F_SEAL_FUTURE_WRITE", 0x0010},
    {"RWH_WRITE_LIFE_NOT_SET", 0},
    {"RWH_WRITE_LIFE_NONE", 1},
    {"RWH_WRITE_LIFE_SHORT", 2},
    {"RWH_WRITE_LIFE_MEDIUM", 3},
    {"RWH_WRITE_LIFE_LONG", 4},
    {"RWH_WRITE_LIFE_EXTREME", 5},
};
#undef C

}  // namespace

Object* create_fcntl_module() {
  ORef m = steal(module_new(str_interned("fcntl")));
  if (!m || module_add_functions(m.get(), fcntl_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8(
      "This module performs file control and I/O control on file\ndescriptors.  It is an interface to the fcntl() "
      "and ioctl() Unix\nroutines.  File descriptors can be obtained with the fileno() method of\na file or socket "
      "object."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  for (const IntConstant& c : kConstants) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  return m.release();
}

}  // namespace pyvm
