// The posix module's process functions: ids, umask, signals, waiting and wait-status decoding, uname, times,
// cpu_count, sysconf, urandom, strerror and _exit.
#include <signal.h>
#include <sys/random.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
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
namespace {

const StructSeqField kUnameFields[] = {
    {"sysname", "operating system name"},    {"nodename", "name of machine on network (implementation-defined)"},
    {"release", "operating system release"}, {"version", "operating system version"},
    {"machine", "hardware identifier"},      {nullptr, nullptr}};
const StructSeqDesc kUnameDesc = {"posix.uname_result",
                                  "uname_result: Result from os.uname().\n\n"
                                  "A tuple of (sysname, nodename, release, version, machine) whose fields are also "
                                  "attributes.",
                                  kUnameFields, 5};

const StructSeqField kTimesFields[] = {{"user", "user time"},
                                       {"system", "system time"},
                                       {"children_user", "user time of children"},
                                       {"children_system", "system time of children"},
                                       {"elapsed", "elapsed time since an arbitrary point in the past"},
                                       {nullptr, nullptr}};
const StructSeqDesc kTimesDesc = {"posix.times_result",
                                  "times_result: Result from os.times().\n\n"
                                  "A tuple of (user, system, children_user, children_system, elapsed) whose fields "
                                  "are also attributes.",
                                  kTimesFields, 5};

Type* uname_result_type() {
  static Type* t = structseq_new_type(&kUnameDesc);
  return t;
}
Type* times_result_type() {
  static Type* t = structseq_new_type(&kTimesDesc);
  return t;
}

// Fills a fresh struct sequence from new references (any null means an error is set).
Object* fill(Type* t, std::initializer_list<Object*> values) {
  ORef r = t ? steal(structseq_new(t)) : ORef();
  bool ok = bool(r);
  ssize i = 0;
  for (Object* v : values) {
    if (!v) ok = false;
    if (r)
      structseq_set(r.get(), i++, v);
    else
      xdecref(v);
  }
  return ok ? r.release() : nullptr;
}

}  // namespace

// PyArg's "i" unit, whose overflow messages differ from Argument Clinic's int converter.
bool convert_int_i(Object* o, int* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow > 0 || (!overflow && v > INT_MAX)) {
    set_error(&exc_OverflowError, "signed integer is greater than maximum");
    return false;
  }
  if (overflow < 0 || v < INT_MIN) {
    set_error(&exc_OverflowError, "signed integer is less than minimum");
    return false;
  }
  *out = int(v);
  return true;
}

namespace {

// pid_t arguments use the "i" unit.
bool convert_pid(Object* o, pid_t* out) {
  int v = 0;
  if (!convert_int_i(o, &v)) return false;
  *out = pid_t(v);
  return true;
}

// Functions parsed by PyArg_ParseTuple-style format strings report a wrong count this way.
bool exactly(const char* fname, ssize nargs, ssize n) {
  if (nargs == n) return true;
  set_errorf(&exc_TypeError, "{}() takes exactly {} argument{} ({} given)", fname, n, n == 1 ? "" : "s", nargs);
  return false;
}

// ---- ids ----

Object* posix_getpid(Object*, Object*) { return int_from_i64(getpid()); }
Object* posix_getppid(Object*, Object*) { return int_from_i64(getppid()); }
Object* posix_getpgrp(Object*, Object*) { return int_from_i64(getpgrp()); }
Object* posix_getuid(Object*, Object*) { return int_from_u64(getuid()); }

// Sessions and process groups (pty.fork's child calls setsid).
Object* posix_setsid(Object*, Object*) {
  if (setsid() < 0) return raise_errno();
  return newref(none());
}
Object* posix_setpgrp(Object*, Object*) {
  if (setpgid(0, 0) < 0) return raise_errno();
  return newref(none());
}
Object* posix_getsid(Object*, Object* arg) {
  pid_t pid;
  if (!convert_pid(arg, &pid)) return nullptr;
  pid_t r = getsid(pid);
  return r < 0 ? raise_errno() : int_from_i64(r);
}
Object* posix_getpgid(Object*, Object* arg) {
  pid_t pid;
  if (!convert_pid(arg, &pid)) return nullptr;
  pid_t r = getpgid(pid);
  return r < 0 ? raise_errno() : int_from_i64(r);
}
Object* posix_setpgid(Object*, Object* const* args, ssize nargs) {
  pid_t pid, pgrp;
  if (!exactly("setpgid", nargs, 2) || !convert_pid(args[0], &pid) || !convert_pid(args[1], &pgrp)) return nullptr;
  if (setpgid(pid, pgrp) < 0) return raise_errno();
  return newref(none());
}
Object* posix_tcgetpgrp(Object*, Object* arg) {
  int fd = 0;
  if (!convert_int_i(arg, &fd)) return nullptr;
  pid_t r = tcgetpgrp(fd);
  return r < 0 ? raise_errno() : int_from_i64(r);
}
Object* posix_tcsetpgrp(Object*, Object* const* args, ssize nargs) {
  int fd = 0;
  pid_t pgid;
  if (!exactly("tcsetpgrp", nargs, 2) || !convert_int_i(args[0], &fd) || !convert_pid(args[1], &pgid)) return nullptr;
  if (tcsetpgrp(fd, pgid) < 0) return raise_errno();
  return newref(none());
}
Object* posix_geteuid(Object*, Object*) { return int_from_u64(geteuid()); }
Object* posix_getgid(Object*, Object*) { return int_from_u64(getgid()); }
Object* posix_getegid(Object*, Object*) { return int_from_u64(getegid()); }

Object* posix_getlogin(Object*, Object*) {
  char buf[LOGIN_NAME_MAX + 1];
  errno = 0;
  int r = getlogin_r(buf, sizeof buf);
  if (r != 0) {
    if (r > 0) return raise_os_error_objects(r);
    return set_error(&exc_OSError, "unable to determine login name");
  }
  return fs_name(buf, std::strlen(buf), false);
}

Object* posix_umask(Object*, Object* arg) {
  int mask = 0;
  if (!convert_int(arg, &mask)) return nullptr;
  // umask is process-wide by nature: concurrent callers race exactly as they do in CPython.
  return int_from_i64(umask(mode_t(mask)));
}

// ---- signals and waiting ----

Object* kill_impl(const char* fname, Object* const* args, ssize nargs, bool group) {
  if (!exactly(fname, nargs, 2)) return nullptr;
  pid_t pid = 0;
  ssize sig = 0;
  if (!convert_pid(args[0], &pid) || !convert_ssize(args[1], &sig)) return nullptr;
  if (sig < INT_MIN || sig > INT_MAX) return set_error(&exc_OverflowError, "signal number out of range");
  int r = group ? killpg(pid, int(sig)) : kill(pid, int(sig));
  if (r != 0) return raise_errno();
  return newref(none());
}
Object* posix_kill(Object*, Object* const* args, ssize nargs) { return kill_impl("kill", args, nargs, false); }
Object* posix_killpg(Object*, Object* const* args, ssize nargs) { return kill_impl("killpg", args, nargs, true); }

Object* posix_waitpid(Object*, Object* const* args, ssize nargs) {
  if (!exactly("waitpid", nargs, 2)) return nullptr;
  pid_t pid = 0;
  int options = 0;
  if (!convert_pid(args[0], &pid) || !convert_int(args[1], &options)) return nullptr;
  int status = 0;
  pid_t r;
  int err = 0;
  do {
    BlockingSection detached;  // waits for the child unless WNOHANG
    r = waitpid(pid, &status, options);
    err = errno;
  } while (r < 0 && err == EINTR);
  if (r < 0) return raise_os_error_objects(err);
  ORef p = steal(int_from_i64(r));
  ORef s = steal(int_from_i64(status));
  if (!p || !s) return nullptr;
  return tuple_pack({p.get(), s.get()});
}

// The W* macros take `status` by position or keyword.
bool parse_status(const char* fname, Object* const* args, ssize nargs, Object* kwnames, int* status) {
  Object* a[1] = {};
  return parse_args(fname, args, nargs, kwnames, {"status"}, 1, a) && convert_int(a[0], status);
}

#define PYVM_WAIT_MACRO(NAME, EXPR)                                                  \
  Object* posix_##NAME(Object*, Object* const* args, ssize nargs, Object* kwnames) { \
    int status = 0;                                                                  \
    if (!parse_status(#NAME, args, nargs, kwnames, &status)) return nullptr;         \
    return EXPR;                                                                     \
  }
PYVM_WAIT_MACRO(WIFEXITED, newref(bool_obj(WIFEXITED(status))))
PYVM_WAIT_MACRO(WIFSIGNALED, newref(bool_obj(WIFSIGNALED(status))))
PYVM_WAIT_MACRO(WIFSTOPPED, newref(bool_obj(WIFSTOPPED(status))))
PYVM_WAIT_MACRO(WIFCONTINUED, newref(bool_obj(WIFCONTINUED(status))))
PYVM_WAIT_MACRO(WEXITSTATUS, int_from_i64(WEXITSTATUS(status)))
PYVM_WAIT_MACRO(WTERMSIG, int_from_i64(WTERMSIG(status)))
PYVM_WAIT_MACRO(WSTOPSIG, int_from_i64(WSTOPSIG(status)))
#undef PYVM_WAIT_MACRO

Object* posix_WCOREDUMP(Object*, Object* arg) {
  int status = 0;
  if (!convert_int(arg, &status)) return nullptr;
  return newref(bool_obj(WCOREDUMP(status)));
}

Object* posix_waitstatus_to_exitcode(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  int status = 0;
  if (!parse_status("waitstatus_to_exitcode", args, nargs, kwnames, &status)) return nullptr;
  if (WIFEXITED(status)) return int_from_i64(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return int_from_i64(-WTERMSIG(status));
  if (WIFSTOPPED(status))
    return set_errorf(&exc_ValueError, "process stopped by delivery of signal {}", WSTOPSIG(status));
  return set_errorf(&exc_ValueError, "invalid wait status: {}", status);
}

Object* posix__exit(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  int status = 0;
  if (!parse_status("_exit", args, nargs, kwnames, &status)) return nullptr;
  _exit(status);
}

Object* posix_abort(Object*, Object*) { abort(); }

// ---- system information ----

Object* posix_uname(Object*, Object*) {
  struct utsname u;
  if (uname(&u) != 0) return raise_errno();
  auto s = [](const char* c) { return fs_name(c, std::strlen(c), false); };
  return fill(uname_result_type(), {s(u.sysname), s(u.nodename), s(u.release), s(u.version), s(u.machine)});
}

Object* posix_times(Object*, Object*) {
  struct tms t;
  clock_t c = times(&t);
  if (c == clock_t(-1)) return raise_errno();
  double ticks = double(sysconf(_SC_CLK_TCK));
  return fill(times_result_type(),
              {float_from_double(double(t.tms_utime) / ticks), float_from_double(double(t.tms_stime) / ticks),
               float_from_double(double(t.tms_cutime) / ticks), float_from_double(double(t.tms_cstime) / ticks),
               float_from_double(double(c) / ticks)});
}

Object* posix_cpu_count(Object*, Object*) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1) return newref(none());
  return int_from_i64(n);
}

Object* posix_urandom(Object*, Object* arg) {
  ssize size = 0;
  if (!convert_ssize(arg, &size)) return nullptr;
  if (size < 0) return set_error(&exc_ValueError, "negative argument not allowed");
  char* buf = static_cast<char*>(alloc::raw_alloc(size_t(size) + 1));
  if (!buf) return no_memory();
  size_t done = 0;
  while (done < size_t(size)) {
    ssize_t n = getrandom(buf + done, size_t(size) - done, 0);  // blocking (until the pool is initialised)
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      alloc::raw_free(buf);
      return raise_os_error_objects(err);
    }
    done += size_t(n);
  }
  Object* r = bytes_from(buf, size);
  alloc::raw_free(buf);
  return r;
}

Object* posix_strerror(Object*, Object* arg) {
  int code = 0;
  if (!convert_int(arg, &code)) return nullptr;
  return strerror_text(code);
}

// os.sysconf's names (a subset of CPython's table: the ones the standard library and common programs use).
struct ConfName {
  const char* name;
  int value;
};
#define N(x) {#x, _##x}
const ConfName kSysconfNames[] = {
    N(SC_ARG_MAX),        N(SC_CHILD_MAX),       N(SC_CLK_TCK),         N(SC_NGROUPS_MAX),
    N(SC_OPEN_MAX),       N(SC_PAGESIZE),        {"SC_PAGE_SIZE", _SC_PAGESIZE}, N(SC_NPROCESSORS_CONF),
    N(SC_NPROCESSORS_ONLN), N(SC_PHYS_PAGES),    N(SC_AVPHYS_PAGES),    N(SC_IOV_MAX),
    N(SC_LINE_MAX),       N(SC_HOST_NAME_MAX),   N(SC_LOGIN_NAME_MAX),  N(SC_TTY_NAME_MAX),
    N(SC_SEM_NSEMS_MAX),  N(SC_STREAM_MAX),      N(SC_TZNAME_MAX),      N(SC_VERSION),
    N(SC_JOB_CONTROL),    N(SC_SAVED_IDS),       N(SC_GETPW_R_SIZE_MAX), N(SC_GETGR_R_SIZE_MAX),
    N(SC_THREAD_STACK_MIN), N(SC_RTSIG_MAX),     N(SC_SIGQUEUE_MAX),    N(SC_MINSIGSTKSZ),
};
#undef N

// CPython's conv_confname: an int, or a name from the table.
bool sysconf_name(Object* o, int* out) {
  if (type_check(o, &str_type)) {
    std::string_view n = str_view(o);
    for (const ConfName& c : kSysconfNames)
      if (n == c.name) {
        *out = c.value;
        return true;
      }
    set_error(&exc_ValueError, "unrecognized configuration name");
    return false;
  }
  if (!index_check(o)) {
    set_error(&exc_TypeError, "configuration names must be strings or integers");
    return false;
  }
  return convert_int(o, out);
}

Object* posix_sysconf(Object*, Object* arg) {
  int name = 0;
  if (!sysconf_name(arg, &name)) return nullptr;
  errno = 0;
  long v = sysconf(name);
  if (v == -1 && errno != 0) return raise_errno();
  return int_from_i64(v);
}

PyMethodDef proc_methods[] = {{"sysconf", posix_sysconf, METH_O, nullptr},{"getpid", posix_getpid, METH_NOARGS, nullptr},
                              {"getppid", posix_getppid, METH_NOARGS, nullptr},
                              {"getpgrp", posix_getpgrp, METH_NOARGS, nullptr},
                              {"setsid", posix_setsid, METH_NOARGS, nullptr},
                              {"setpgrp", posix_setpgrp, METH_NOARGS, nullptr},
                              {"getsid", posix_getsid, METH_O, nullptr},
                              {"getpgid", posix_getpgid, METH_O, nullptr},
                              {"setpgid", as_cfunc(posix_setpgid), METH_FASTCALL, nullptr},
                              {"tcgetpgrp", posix_tcgetpgrp, METH_O, nullptr},
                              {"tcsetpgrp", as_cfunc(posix_tcsetpgrp), METH_FASTCALL, nullptr},
                              {"getuid", posix_getuid, METH_NOARGS, nullptr},
                              {"geteuid", posix_geteuid, METH_NOARGS, nullptr},
                              {"getgid", posix_getgid, METH_NOARGS, nullptr},
                              {"getegid", posix_getegid, METH_NOARGS, nullptr},
                              {"getlogin", posix_getlogin, METH_NOARGS, nullptr},
                              {"umask", posix_umask, METH_O, nullptr},
                              {"kill", as_cfunc(posix_kill), METH_FASTCALL, nullptr},
                              {"killpg", as_cfunc(posix_killpg), METH_FASTCALL, nullptr},
                              {"waitpid", as_cfunc(posix_waitpid), METH_FASTCALL, nullptr},
                              {"WIFEXITED", as_cfunc(posix_WIFEXITED), kFastKw, nullptr},
                              {"WIFSIGNALED", as_cfunc(posix_WIFSIGNALED), kFastKw, nullptr},
                              {"WIFSTOPPED", as_cfunc(posix_WIFSTOPPED), kFastKw, nullptr},
                              {"WIFCONTINUED", as_cfunc(posix_WIFCONTINUED), kFastKw, nullptr},
                              {"WEXITSTATUS", as_cfunc(posix_WEXITSTATUS), kFastKw, nullptr},
                              {"WTERMSIG", as_cfunc(posix_WTERMSIG), kFastKw, nullptr},
                              {"WSTOPSIG", as_cfunc(posix_WSTOPSIG), kFastKw, nullptr},
                              {"WCOREDUMP", posix_WCOREDUMP, METH_O, nullptr},
                              {"waitstatus_to_exitcode", as_cfunc(posix_waitstatus_to_exitcode), kFastKw, nullptr},
                              {"_exit", as_cfunc(posix__exit), kFastKw, nullptr},
                              {"abort", posix_abort, METH_NOARGS, nullptr},
                              {"uname", posix_uname, METH_NOARGS, nullptr},
                              {"times", posix_times, METH_NOARGS, nullptr},
                              {"cpu_count", posix_cpu_count, METH_NOARGS, nullptr},
                              {"urandom", posix_urandom, METH_O, nullptr},
                              {"strerror", posix_strerror, METH_O, nullptr},
                              {nullptr, nullptr, 0, nullptr}};

}  // namespace

int add_process_functions(Object* module) {
  Type* un = uname_result_type();
  Type* tm = times_result_type();
  if (!un || !tm || module_add_functions(module, proc_methods) < 0) return -1;
  Object* d = module_dict(module);
  ORef names = steal(dict_new());
  if (!names) return -1;
  for (const ConfName& c : kSysconfNames) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(names.get(), c.name, v.get()) < 0) return -1;
  }
  if (dict_set_str(d, "sysconf_names", names.get()) < 0 ||
      dict_set_str(d, "uname_result", reinterpret_cast<Object*>(un)) < 0 ||
      dict_set_str(d, "times_result", reinterpret_cast<Object*>(tm)) < 0)
    return -1;
  return 0;
}

}  // namespace pyvm::posix
