// The posix module: creation, its integer constants, _have_functions, and the environment (environ, putenv,
// unsetenv); the functions live in posix_fs.cc, posix_fd.cc, posix_scandir.cc and posix_proc.cc.
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"
#include "vm/sync/mutex.h"

extern char** environ;

namespace pyvm {
namespace posix {
namespace {

// ---- the environment ----

// The C environment (environ, setenv, unsetenv) is process-global and libc does not lock it. Thread contract:
// every access pyvm makes to it (the environ snapshot taken when posix is created, putenv, unsetenv) holds
// g_env_lock, so Python threads never race each other on it. Native code that calls getenv/setenv directly while
// Python threads call putenv can still race; that is libc's limitation, shared with CPython. posix.environ itself
// is an ordinary dict (protected by its own critical section) and, as in CPython, is not updated by putenv.
PyMutex g_env_lock{};

struct EnvLock {
  EnvLock() { sync::mutex_lock(&g_env_lock); }
  ~EnvLock() { sync::mutex_unlock(&g_env_lock); }
};

// posix.environ: bytes -> bytes, from the C environment; the first of duplicate names wins, as in CPython.
Object* environ_snapshot() {
  ORef d = steal(dict_new());
  if (!d) return nullptr;
  EnvLock lock;
  for (char** e = environ; e && *e; e++) {
    const char* eq = std::strchr(*e, '=');
    if (!eq) continue;
    ORef k = steal(bytes_from(*e, eq - *e));
    ORef v = steal(bytes_from(eq + 1, ssize(std::strlen(eq + 1))));
    if (!k || !v) return nullptr;
    Object* stored = nullptr;
    if (dict_setdefault(d.get(), k.get(), v.get(), &stored) < 0) return nullptr;
    decref(stored);
  }
  return d.release();
}

Object* posix_putenv(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("putenv", nargs, nullptr, 2, 2)) return nullptr;
  ORef name = steal(fs_converter(args[0]));
  if (!name) return nullptr;
  ORef value = steal(fs_converter(args[1]));
  if (!value) return nullptr;
  if (std::strchr(bytes_data(name.get()), '=')) return set_error(&exc_ValueError, "illegal environment variable name");
  int r;
  {
    EnvLock lock;
    r = setenv(bytes_data(name.get()), bytes_data(value.get()), 1);
  }
  if (r != 0) return raise_errno();
  return newref(none());
}

Object* posix_unsetenv(Object*, Object* arg) {
  ORef name = steal(fs_converter(arg));
  if (!name) return nullptr;
  int r;
  {
    EnvLock lock;
    r = unsetenv(bytes_data(name.get()));
  }
  if (r != 0) return raise_errno();
  return newref(none());
}

PyMethodDef env_methods[] = {{"putenv", as_cfunc(posix_putenv), METH_FASTCALL, nullptr},
                             {"unsetenv", posix_unsetenv, METH_O, nullptr},
                             {nullptr, nullptr, 0, nullptr}};

// ---- constants ----

struct IntConstant {
  const char* name;
  long value;
};
#define C(x) \
  { #x, long(x) }
const IntConstant kConstants[] = {
    // access()
    C(F_OK),
    C(R_OK),
    C(W_OK),
    C(X_OK),
    // limits
    C(NGROUPS_MAX),
    C(TMP_MAX),
    // waitpid() options and waitid() codes
    C(WCONTINUED),
    C(WNOHANG),
    C(WUNTRACED),
    C(WEXITED),
    C(WSTOPPED),
    C(WNOWAIT),
    C(P_PID),
    C(P_PGID),
    C(P_ALL),
#ifdef P_PIDFD
    C(P_PIDFD),
#elif defined(__linux__)
    {"P_PIDFD", 3},  // the kernel's value (linux/wait.h); older glibc headers lack it
#endif
    C(CLD_EXITED),
    C(CLD_KILLED),
    C(CLD_DUMPED),
    C(CLD_TRAPPED),
    C(CLD_STOPPED),
    C(CLD_CONTINUED),
    // open() flags
    C(O_RDONLY),
    C(O_WRONLY),
    C(O_RDWR),
    C(O_NDELAY),
    C(O_NONBLOCK),
    C(O_APPEND),
    C(O_DSYNC),
    C(O_RSYNC),
    C(O_SYNC),
    C(O_NOCTTY),
    C(O_CREAT),
    C(O_EXCL),
    C(O_TRUNC),
    C(O_LARGEFILE),
    C(O_PATH),
    C(O_TMPFILE),
    C(O_ACCMODE),
    C(O_FSYNC),
    C(O_ASYNC),
    C(O_DIRECT),
    C(O_DIRECTORY),
    C(O_NOFOLLOW),
    C(O_NOATIME),
    C(O_CLOEXEC),
    // lseek()
    C(SEEK_DATA),
    C(SEEK_HOLE),
    // exit codes (sysexits.h)
    C(EX_OK),
    C(EX_USAGE),
    C(EX_DATAERR),
    C(EX_NOINPUT),
    C(EX_NOUSER),
    C(EX_NOHOST),
    C(EX_UNAVAILABLE),
    C(EX_SOFTWARE),
    C(EX_OSERR),
    C(EX_OSFILE),
    C(EX_CANTCREAT),
    C(EX_IOERR),
    C(EX_TEMPFAIL),
    C(EX_PROTOCOL),
    C(EX_NOPERM),
    C(EX_CONFIG),
    // getpriority()/setpriority() targets
    C(PRIO_PROCESS),
    C(PRIO_PGRP),
    C(PRIO_USER),
    // dlopen() flags (sys.setdlopenflags)
    C(RTLD_LAZY),
    C(RTLD_NOW),
    C(RTLD_GLOBAL),
    C(RTLD_LOCAL),
    C(RTLD_NODELETE),
    C(RTLD_NOLOAD),
    C(RTLD_DEEPBIND),
};
#undef C

// What os.py's supports_fd / supports_dir_fd / supports_follow_symlinks sets are built from. Only features the
// functions here really implement are listed (shutil.rmtree, for one, picks its fd-based algorithm from them).
const char* const kHaveFunctions[] = {
    "HAVE_FACCESSAT",  "HAVE_FCHDIR",    "HAVE_FCHMOD",    "HAVE_FCHMODAT",  "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",   "HAVE_FDOPENDIR", "HAVE_FSTATAT",   "HAVE_FTRUNCATE", "HAVE_FUTIMENS",
    "HAVE_LINKAT",     "HAVE_LCHOWN",    "HAVE_LSTAT",     "HAVE_MKDIRAT",   "HAVE_OPENAT",
    "HAVE_READLINKAT", "HAVE_RENAMEAT",  "HAVE_SYMLINKAT", "HAVE_UNLINKAT",  "HAVE_UTIMENSAT",
};

constexpr const char kDoc[] =
    "Access to the operating system's POSIX interface: files, directories, processes and the environment.\n"
    "Use the os module, which builds on this one, rather than importing posix directly.";

int add_constants(Object* d) {
  for (const IntConstant& c : kConstants) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return -1;
  }
  ORef have = steal(list_new(0));
  if (!have) return -1;
  for (const char* h : kHaveFunctions) {
    ORef s = steal(str_from_utf8(h));
    if (!s || list_append(have.get(), s.get()) < 0) return -1;
  }
  return dict_set_str(d, "_have_functions", have.get());
}

}  // namespace
}  // namespace posix

Object* create_posix_module() {
  ORef m = steal(module_new(str_interned("posix")));
  if (!m) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8(posix::kDoc));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  if (module_add_functions(m.get(), posix::env_methods) < 0 || posix::add_fs_functions(m.get()) < 0 ||
      posix::add_fd_functions(m.get()) < 0 || posix::add_scandir_functions(m.get()) < 0 ||
      posix::add_process_functions(m.get()) < 0 || posix::add_fork_functions(m.get()) < 0)
    return nullptr;
  ORef env = steal(posix::environ_snapshot());
  if (!env || dict_set_str(d, "environ", env.get()) < 0) return nullptr;
  if (dict_set_str(d, "error", reinterpret_cast<Object*>(&exc_OSError)) < 0) return nullptr;
  if (posix::add_constants(d) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
