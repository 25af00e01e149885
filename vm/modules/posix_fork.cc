// os.fork, os.forkpty, os.register_at_fork and os.wait, and the runtime's before/after-fork sequence that they and the C-API
// (PyOS_BeforeFork, PyOS_AfterFork_Parent, PyOS_AfterFork_Child) share.
//
// Fork contract (what makes the child's copy of the runtime consistent):
// - fork_before runs the Python `before` hooks, takes the import lock (waiting detached for another holder), stops
//   the world (vm/threads.h), and then takes the runtime mutexes that threads outside stop-the-world may hold: the
//   _thread handle lists, the allocator's registries (alloc/heap.h fork_prepare), the thread registry. Every
//   attached thread is parked at an eval-breaker check, where it holds no runtime mutex and no critical section
//   (parking suspends them); a detached thread holds none of the mutexes taken here once we own them.
// - fork() runs with all of that held. Exactly one of fork_after_parent / fork_after_child follows, in the process
//   it names: the parent releases in reverse order and restarts the world; the child gives the parking lot, the
//   import lock and the registries fresh synchronisation objects (threads that waited on them are gone), retires
//   every other thread's state as a normal thread exit would (their objects stay valid: biased counts fall back to
//   the shared path for owners that no longer exist), makes the caller the main thread, then restarts the world.
// - The hooks run with nothing held, like any Python code. The hook lists are created with the posix module and only
//   appended to afterwards (list appends hold the list's critical section); a fork runs a copy of each.
//
// Not done, as in CPython: locks that other threads held at the fork (a _thread.lock, a PyMutex) stay held in the
// child. Unlike CPython: the lock of an extension module that runs without Py_MOD_GIL_NOT_USED (compat/capi
// module_lock.cc) stays held if a parked thread was inside that module. A fork from inside a critical section (a
// sort's key function, say) can wait forever for a thread blocked on that section's mutex, as any stop-the-world
// requester there would. Condition variables of objects other threads waited on (a _queue.SimpleQueue's, a
// _thread.lock's until _at_fork_reinit) are not replaced; one whose lost waiter was never woken can block a later
// notify in the child (glibc waits for old waiters to leave their group).
#include <pty.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "alloc/heap.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/modules/thread_internal.h"
#include "vm/oserror.h"
#include "vm/signals.h"
#include "vm/sync/mutex.h"
#include "vm/sysmodule.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

// register_at_fork's lists (strong, never freed), made once with the posix module.
Object* g_before = nullptr;
Object* g_after_child = nullptr;
Object* g_after_parent = nullptr;

// Calls each hook of `list` (a copy: a hook may register more), last first when `reverse`. A hook's exception is
// reported as unraisable, as CPython does.
void run_hooks(Object* list, bool reverse) {
  if (!list) return;
  ORef copy = steal(list_get_slice(list, 0, list_size(list)));
  if (!copy) {
    write_unraisable(list);
    return;
  }
  ssize n = list_size(copy.get());
  for (ssize i = 0; i < n; i++) {
    Object* fn = list_items(copy.get())[reverse ? n - 1 - i : i];
    ORef r = steal(call0(fn));
    if (!r) write_unraisable(fn);
  }
}

// Threads in this process, as the kernel counts them (field 20 of /proc/self/stat); 0 if unknown.
int os_thread_count() {
  FILE* f = std::fopen("/proc/self/stat", "r");
  if (!f) return 0;
  char buf[1024];
  size_t n = std::fread(buf, 1, sizeof(buf) - 1, f);
  std::fclose(f);
  buf[n] = '\0';
  const char* p = std::strrchr(buf, ')');  // the command name may contain spaces
  if (!p) return 0;
  // After ") " come fields 3 (state) onwards; num_threads is field 20.
  int field = 2;
  for (; *p && field < 20; p++)
    if (*p == ' ') field++;
  return std::atoi(p);
}

// CPython 3.12+: forking a multi-threaded process is deprecated. The warning cannot become an exception.
void warn_about_threads(const char* name) {
  int n = os_thread_count();
  if (n <= 0) n = registered_thread_count();
  if (n <= 1) return;
  std::string msg = "This process (pid=" + std::to_string(getpid()) + ") is multi-threaded, use of " + name +
                    "() may lead to deadlocks in the child.";
  if (runtime_warn(&exc_DeprecationWarning, msg.c_str(), 1) < 0) error_clear();
}

// CPython refuses to fork once the interpreter is shutting down (a __del__ run at exit, say).
bool check_not_finalizing() {
  if (!sys_finalizing()) return true;
  set_error(&exc_PythonFinalizationError, "can't fork at interpreter shutdown");
  return false;
}

// fork() or forkpty() between the runtime's before and after steps. Returns the pid (-1 with errno in *err).
pid_t do_fork(const char* name, int* master_fd, int* err) {
  fork_before();
  pid_t pid = master_fd ? forkpty(master_fd, nullptr, nullptr, nullptr) : fork();
  *err = errno;
  if (pid == 0) {
    fork_after_child();
  } else {
    fork_after_parent();
    if (pid > 0) warn_about_threads(name);
  }
  return pid;
}

Object* posix_fork(Object*, Object*) {
  if (!check_not_finalizing()) return nullptr;
  int err = 0;
  pid_t pid = do_fork("fork", nullptr, &err);
  if (error_occurred()) return nullptr;  // a warning filter's own failure was cleared; nothing else raises
  if (pid < 0) return raise_os_error_objects(err);
  return int_from_i64(pid);
}

Object* posix_forkpty(Object*, Object*) {
  if (!check_not_finalizing()) return nullptr;
  int err = 0;
  int master = -1;
  pid_t pid = do_fork("forkpty", &master, &err);
  if (error_occurred()) return nullptr;
  if (pid < 0) return raise_os_error_objects(err);
  ORef p = steal(int_from_i64(pid));
  ORef fd = steal(int_from_i64(master));
  if (!p || !fd) return nullptr;
  return tuple_pack({p.get(), fd.get()});
}

// wait(): waits for any child; (pid, status). Detached while it waits; EINTR runs the signal handlers and retries.
Object* posix_wait(Object*, Object*) {
  for (;;) {
    int status = 0;
    pid_t r;
    int err;
    {
      BlockingSection detached;
      r = wait(&status);
      err = errno;
    }
    if (r >= 0) {
      ORef p = steal(int_from_i64(r));
      ORef s = steal(int_from_i64(status));
      if (!p || !s) return nullptr;
      return tuple_pack({p.get(), s.get()});
    }
    if (err != EINTR) return raise_os_error_objects(err);
    if (signals::run_pending() < 0) return nullptr;
  }
}

Object* posix_register_at_fork(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs > 0) return set_error(&exc_TypeError, "register_at_fork() takes no positional arguments");
  Object* out[3] = {};
  if (!parse_args("register_at_fork", args, nargs, kwnames, {"$before", "$after_in_child", "$after_in_parent"}, 0,
                  out))
    return nullptr;
  if (!out[0] && !out[1] && !out[2]) return set_error(&exc_TypeError, "At least one argument is required.");
  const char* names[3] = {"before", "after_in_child", "after_in_parent"};
  for (int i = 0; i < 3; i++)
    if (out[i] && !is_callable(out[i]))
      return set_errorf(&exc_TypeError, "'{}' must be callable, not {}", names[i], type_name(out[i]));
  Object* lists[3] = {g_before, g_after_child, g_after_parent};
  for (int i = 0; i < 3; i++)
    if (out[i] && list_append(lists[i], out[i]) < 0) return nullptr;
  return newref(none());
}

constexpr const char kForkDoc[] =
    "fork($module, /)\n--\n\nFork a child process.\n\nReturn 0 to child process and PID of child to parent process.";
constexpr const char kForkptyDoc[] =
    "forkpty($module, /)\n--\n\nFork a new process with a new pseudo-terminal as controlling tty.\n\nReturns a tuple "
    "of (pid, master_fd).\nLike fork(), return pid of 0 to the child process,\nand pid of child to the parent "
    "process.\nTo both, return fd of newly opened pseudo-terminal.";
constexpr const char kRegisterDoc[] =
    "register_at_fork($module, /, *, before=<unrepresentable>,\n                 after_in_child=<unrepresentable>,\n"
    "                 after_in_parent=<unrepresentable>)\n--\n\nRegister callables to be called when forking a new "
    "process.\n\n  before\n    A callable to be called in the parent before the fork() syscall.\n  after_in_child\n"
    "    A callable to be called in the child after fork().\n  after_in_parent\n    A callable to be called in the "
    "parent after fork().\n\n'before' callbacks are called in reverse order.\n'after_in_child' and "
    "'after_in_parent' callbacks are called in order.";

PyMethodDef fork_methods[] = {
    {"fork", posix_fork, METH_NOARGS, kForkDoc},
    {"forkpty", posix_forkpty, METH_NOARGS, kForkptyDoc},
    {"wait", posix_wait, METH_NOARGS,
     "wait($module, /)\n--\n\nWait for completion of a child process.\n\nReturns a tuple of information about the "
     "child process:\n    (pid, status)"},
    {"register_at_fork", as_cfunc(posix_register_at_fork), METH_FASTCALL | METH_KEYWORDS, kRegisterDoc},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

void fork_before() {
  run_hooks(g_before, true);
  import_lock_fork_prepare();
  fork_prepare_threads();  // stop the world
  thread_handles_fork_prepare();
  alloc::fork_prepare();
  fork_lock_thread_registry();
}

void fork_after_parent() {
  fork_unlock_thread_registry();
  alloc::fork_parent();
  thread_handles_fork_parent();
  start_the_world();
  import_lock_fork_parent();
  run_hooks(g_after_parent, false);
}

void fork_after_child() {
  sync::parking_lot_after_fork();  // first: anything below may take a PyMutex
  alloc::fork_child();
  thread_handles_fork_child();
  signals::after_fork_child();
  fork_child_threads();
  start_the_world();
  import_lock_fork_child();
  run_hooks(g_after_child, false);
}

namespace posix {

int add_fork_functions(Object* module) {
  if (!g_before) {
    g_before = list_new(0);
    g_after_child = list_new(0);
    g_after_parent = list_new(0);
    if (!g_before || !g_after_child || !g_after_parent) return -1;
  }
  return module_add_functions(module, fork_methods);
}

}  // namespace posix
}  // namespace pyvm
