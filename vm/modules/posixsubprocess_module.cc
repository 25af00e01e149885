// The _posixsubprocess module: fork_exec(), which subprocess.Popen uses to start a child process with its pipes,
// working directory, environment, ids and closed descriptors set up, reporting failures before exec through the
// error pipe in the "ExceptionName:hex_errno:message" form that subprocess.py parses.
//
// Thread and fork contract: everything the child needs (argv, envp, paths, descriptor lists) is converted to C data
// in the parent before fork(). Unless a preexec_fn is given, the child then makes only async-signal-safe calls (no
// allocation, no locks, no Python objects) up to exec or _exit, so other threads of the parent, and the locks they
// held at the fork, cannot hurt it. With a preexec_fn the child runs Python code, which, as in CPython, is only safe
// when the parent has no other threads. The parent stays attached across fork(), which is quick.
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"

extern char** environ;

namespace pyvm {
namespace {

// A NULL-terminated array of C strings that owns its storage.
struct CStrings {
  std::vector<std::string> strs;
  std::vector<char*> ptrs;
  void finish() {
    ptrs.clear();
    for (std::string& s : strs) ptrs.push_back(s.data());
    ptrs.push_back(nullptr);
  }
};

// Converts each item of a sequence with os.fsencode rules (str, bytes, os.PathLike). An embedded NUL is a
// ValueError, as in CPython.
bool fs_strings(Object* seq, const char* what, CStrings* out) {
  ORef t = steal(sequence_tuple(seq));
  if (!t) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      set_errorf(&exc_TypeError, "{} must be a tuple", what);
    }
    return false;
  }
  for (ssize i = 0; i < tuple_size(t.get()); i++) {
    ORef b = steal(posix::fs_converter(tuple_get(t.get(), i)));
    if (!b) return false;
    std::string_view v = bytes_view(b.get());
    if (v.find('\0') != std::string_view::npos) {
      set_error(&exc_ValueError, "embedded null byte");
      return false;
    }
    out->strs.emplace_back(v);
  }
  out->finish();
  return true;
}

// fds_to_keep: a tuple of distinct non-negative ints in increasing order.
bool keep_list(Object* o, std::vector<int>* out) {
  if (!type_check(o, &tuple_type)) {
    set_errorf(&exc_TypeError, "fork_exec() argument 4 must be tuple, not {}", type_name(o));
    return false;
  }
  long prev = -1;
  for (ssize i = 0; i < tuple_size(o); i++) {
    Object* item = tuple_get(o, i);
    int overflow = 0;
    int64_t v = type_check(item, &int_type) ? int_as_i64(item, &overflow) : -1;
    if (overflow || v < 0 || v <= prev || v > INT_MAX) {
      set_error(&exc_ValueError, "bad value(s) in fds_to_keep");
      return false;
    }
    prev = long(v);
    out->push_back(int(v));
  }
  return true;
}

// A uid/gid argument: None (absent, -1) or a non-negative int.
bool id_arg(Object* o, const char* what, long* out) {
  *out = -1;
  if (o == none()) return true;
  if (!posix::convert_long(o, out)) return false;
  if (*out < 0) {
    set_errorf(&exc_ValueError, "{} must be non-negative", what);
    return false;
  }
  return true;
}

// ---- The child (async-signal-safe up to exec, except for preexec_fn) ----

struct ChildSetup {
  char* const* argv;
  std::vector<char*> exec_list;  // candidate executable paths, tried in order
  char* const* envp;             // null: inherit environ
  const char* cwd;               // null: stay
  const std::vector<int>* keep;  // sorted
  bool close_fds;
  int p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write;
  bool restore_signals, call_setsid;
  pid_t pgid;  // -1: leave
  long gid, uid;
  const std::vector<gid_t>* groups;  // null: leave
  int child_umask;                   // -1: leave
  Object* preexec_fn;                // null: none
  int max_fd;                        // for the close loop when close_range is unavailable
};

void write_all(int fd, const char* s, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    s += w;
    n -= size_t(w);
  }
}

void write_str(int fd, const char* s) { write_all(fd, s, std::strlen(s)); }

// "OSError:<hex errno>:<tag>", the tag saying where the child failed ("noexec" before exec was tried,
// "noexec:chdir" for the working directory, "" for exec itself).
[[noreturn]] void report_errno(int fd, int err, const char* tag) {
  char hex[2 * sizeof(int) + 1];
  char* cur = hex + sizeof hex;
  unsigned u = unsigned(err);
  do {
    *--cur = "0123456789abcdef"[u % 16];
    u /= 16;
  } while (u != 0 && cur != hex);
  write_str(fd, "OSError:");
  write_all(fd, cur, size_t(hex + sizeof hex - cur));
  write_str(fd, ":");
  write_str(fd, tag);
  _exit(255);
}

[[noreturn]] void report_message(int fd, const char* msg) {
  write_str(fd, "SubprocessError:0:");
  write_str(fd, msg);
  _exit(255);
}

int set_inheritable(int fd, bool inheritable) {
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return -1;
  int want = inheritable ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC);
  if (want == flags) return 0;
  return fcntl(fd, F_SETFD, want);
}

bool is_kept(const std::vector<int>& keep, int fd) {
  size_t lo = 0, hi = keep.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (keep[mid] == fd) return true;
    if (keep[mid] < fd)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

void close_range_fallback(int lo, int hi) {
  for (int fd = lo; fd <= hi; fd++) close(fd);
}

// Closes every descriptor >= 3 that is not kept.
void close_open_fds(const ChildSetup& s) {
  int lo = 3;
  for (int k : *s.keep) {
    if (k < lo) continue;
    if (k > lo) {
#ifdef SYS_close_range
      if (syscall(SYS_close_range, unsigned(lo), unsigned(k - 1), 0u) != 0) close_range_fallback(lo, k - 1);
#else
      close_range_fallback(lo, k - 1);
#endif
    }
    lo = k + 1;
  }
#ifdef SYS_close_range
  if (syscall(SYS_close_range, unsigned(lo), ~0u, 0u) == 0) return;
#endif
  close_range_fallback(lo, s.max_fd);
}

[[noreturn]] void child_exec(ChildSetup& s) {
  int errfd = s.errpipe_write;
  // The descriptors to keep survive exec; the error pipe stays close-on-exec so that exec closes it.
  for (int fd : *s.keep)
    if (fd != errfd && set_inheritable(fd, true) < 0) report_errno(errfd, errno, "noexec");
  if (s.p2cwrite != -1) close(s.p2cwrite);
  if (s.c2pread != -1) close(s.c2pread);
  if (s.errread != -1) close(s.errread);
  close(s.errpipe_read);
  // When the child's stdout or stderr end is already fd 0 or 1, move it out of the way of the dup2s below.
  if (s.c2pwrite == 0) {
    s.c2pwrite = dup(s.c2pwrite);
    if (s.c2pwrite < 0 || set_inheritable(s.c2pwrite, false) < 0) report_errno(errfd, errno, "noexec");
  }
  while (s.errwrite == 0 || s.errwrite == 1) {
    s.errwrite = dup(s.errwrite);
    if (s.errwrite < 0 || set_inheritable(s.errwrite, false) < 0) report_errno(errfd, errno, "noexec");
  }
  // dup2 makes the new descriptor inheritable; one already in place needs its close-on-exec flag cleared.
  const int targets[3][2] = {{s.p2cread, 0}, {s.c2pwrite, 1}, {s.errwrite, 2}};
  for (const auto& t : targets) {
    if (t[0] == t[1]) {
      if (set_inheritable(t[0], true) < 0) report_errno(errfd, errno, "noexec");
    } else if (t[0] != -1) {
      if (dup2(t[0], t[1]) < 0) report_errno(errfd, errno, "noexec");
    }
  }
  if (s.cwd && chdir(s.cwd) != 0) report_errno(errfd, errno, "noexec:chdir");
  if (s.child_umask >= 0) umask(mode_t(s.child_umask));
  if (s.restore_signals) {
    signal(SIGPIPE, SIG_DFL);
    signal(SIGXFSZ, SIG_DFL);
  }
  if (s.call_setsid && setsid() < 0) report_errno(errfd, errno, "noexec");
  if (s.pgid >= 0 && setpgid(0, s.pgid) < 0) report_errno(errfd, errno, "noexec");
  if (s.groups && setgroups(s.groups->size(), s.groups->data()) < 0) report_errno(errfd, errno, "noexec");
  if (s.gid >= 0 && setregid(gid_t(s.gid), gid_t(s.gid)) < 0) report_errno(errfd, errno, "noexec");
  if (s.uid >= 0 && setreuid(uid_t(s.uid), uid_t(s.uid)) < 0) report_errno(errfd, errno, "noexec");
  if (s.preexec_fn) {
    // Past this point a failure is reported without "noexec": preexec_fn may have had effects.
    ORef r = steal(call0(s.preexec_fn));
    if (!r) report_message(errfd, "Exception occurred in preexec_fn.");
  }
  if (s.close_fds) close_open_fds(s);
  // Try each candidate (the PATH search was done by subprocess.py); the first error other than "not found" wins.
  int saved = 0;
  for (char* exe : s.exec_list) {
    if (s.envp)
      execve(exe, s.argv, s.envp);
    else
      execv(exe, s.argv);
    if (errno != ENOENT && errno != ENOTDIR && saved == 0) saved = errno;
  }
  report_errno(errfd, saved ? saved : errno, "");  // exec was tried: no tag
}

// fork_exec(args, executable_list, close_fds, pass_fds, cwd, env, p2cread, p2cwrite, c2pread, c2pwrite, errread,
//           errwrite, errpipe_read, errpipe_write, restore_signals, call_setsid, pgid_to_set, gid, extra_groups,
//           uid, child_umask, preexec_fn, allow_vfork, /)
Object* fork_exec(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("fork_exec", nargs, kwnames, 23, 23)) return nullptr;
  bool close_fds = false, restore_signals = false, call_setsid = false;
  int fds[8] = {};
  int pgid = -1, child_umask = -1;
  if (!posix::convert_bool(args[2], &close_fds)) return nullptr;
  for (int i = 0; i < 8; i++)
    if (!posix::convert_int(args[6 + i], &fds[i])) return nullptr;
  if (!posix::convert_bool(args[14], &restore_signals) || !posix::convert_bool(args[15], &call_setsid) ||
      !posix::convert_int(args[16], &pgid) || !posix::convert_int(args[20], &child_umask))
    return nullptr;
  std::vector<int> keep;
  if (!keep_list(args[3], &keep)) return nullptr;
  if (close_fds && fds[7] < 3) return set_error(&exc_ValueError, "errpipe_write must be >= 3");

  CStrings argv, exec_list, envp;
  if (args[0] != none() && !fs_strings(args[0], "argv", &argv)) return nullptr;
  if (args[0] == none()) argv.finish();
  if (!fs_strings(args[1], "executable_list", &exec_list)) return nullptr;
  bool has_env = args[5] != none();
  if (has_env && !fs_strings(args[5], "env", &envp)) return nullptr;
  std::string cwd;
  bool has_cwd = args[4] != none();
  if (has_cwd) {
    ORef b = steal(posix::fs_converter(args[4]));
    if (!b) return nullptr;
    cwd = std::string(bytes_view(b.get()));
  }
  long gid = -1, uid = -1;
  if (!id_arg(args[17], "gid", &gid) || !id_arg(args[19], "uid", &uid)) return nullptr;
  std::vector<gid_t> groups;
  bool has_groups = args[18] != none();
  if (has_groups) {
    ORef t = steal(sequence_tuple(args[18]));
    if (!t) return nullptr;
    for (ssize i = 0; i < tuple_size(t.get()); i++) {
      long g = -1;
      if (!id_arg(tuple_get(t.get(), i), "gid", &g)) return nullptr;
      groups.push_back(gid_t(g));
    }
  }
  Object* preexec_fn = args[21] == none() ? nullptr : args[21];

  ChildSetup s{.argv = argv.ptrs.data(),
               .exec_list = {},
               .envp = has_env ? envp.ptrs.data() : nullptr,
               .cwd = has_cwd ? cwd.c_str() : nullptr,
               .keep = &keep,
               .close_fds = close_fds,
               .p2cread = fds[0],
               .p2cwrite = fds[1],
               .c2pread = fds[2],
               .c2pwrite = fds[3],
               .errread = fds[4],
               .errwrite = fds[5],
               .errpipe_read = fds[6],
               .errpipe_write = fds[7],
               .restore_signals = restore_signals,
               .call_setsid = call_setsid,
               .pgid = pid_t(pgid),
               .gid = gid,
               .uid = uid,
               .groups = has_groups ? &groups : nullptr,
               .child_umask = child_umask,
               .preexec_fn = preexec_fn,
               .max_fd = int(sysconf(_SC_OPEN_MAX))};
  for (size_t i = 0; i + 1 < exec_list.ptrs.size(); i++) s.exec_list.push_back(exec_list.ptrs[i]);
  if (s.max_fd < 0) s.max_fd = 256;

  pid_t pid = fork();
  if (pid == 0) child_exec(s);
  if (pid < 0) return raise_errno();
  return int_from_i64(pid);
}

PyMethodDef posixsubprocess_functions[] = {
    {"fork_exec", as_cfunc(fork_exec), METH_FASTCALL | METH_KEYWORDS,
     "Spawn a fresh new child process.\n\nFork a child process, close parent file descriptors as appropriate in "
     "the\nchild and duplicate the few that are needed before calling exec() in the\nchild process.\n\nIf close_fds "
     "is True, close file descriptors 3 and higher, except those listed\nin the sorted tuple pass_fds.\n\nThe "
     "preexec_fn, if supplied, will be called immediately before closing file\ndescriptors and exec.\n\nWARNING: "
     "preexec_fn is NOT SAFE if your application uses threads.\n         It may trigger infrequent, difficult to "
     "debug deadlocks.\n\nIf an error occurs in the child process before the exec, it is\nserialized and written to "
     "the errpipe_write fd per subprocess.py.\n\nReturns: the child process's PID.\n\nRaises: Only on an error in "
     "the parent process."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Object* create_posixsubprocess_module() {
  ORef m = steal(module_new(str_interned("_posixsubprocess")));
  if (!m || module_add_functions(m.get(), posixsubprocess_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("A POSIX helper for the subprocess module."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
