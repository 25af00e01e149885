// The _signal module, in part: the signal numbers and constants, getsignal(), signal() (Python handlers run on the
// main thread at its next eval-breaker check, see vm/signals.h), default_int_handler, raise_signal(), strsignal()
// and valid_signals().
//
// set_wakeup_fd(), siginterrupt(), pthread_kill(), pthread_sigmask() and sigpending() too. Not provided yet:
// alarm (test_io's interrupted-write tests hang with it: a blocking write restarts under SA_RESTART instead of
// running the handler), setitimer/getitimer, sigwait/sigwaitinfo/sigtimedwait.
//
// Thread-safety: the handler table lives in vm/signals.cc (its contract is in signals.h); sigaction() is
// process-wide and atomic per call.
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/time.h>
#include <string.h>

#include <cstring>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"
#include "vm/signals.h"

namespace pyvm {
namespace {

bool signum_arg(Object* o, int* sig) {
  if (!posix::convert_int(o, sig)) return false;
  if (*sig < 1 || *sig >= NSIG) {
    set_error(&exc_ValueError, "signal number out of range");
    return false;
  }
  return true;
}

Object* signal_getsignal(Object*, Object* arg) {
  int sig = 0;
  if (!signum_arg(arg, &sig)) return nullptr;
  return signals::current_handler(sig);
}

Object* signal_signal(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("signal", nargs, kwnames, 2, 2)) return nullptr;
  int sig = 0;
  if (!signum_arg(args[0], &sig)) return nullptr;
  return signals::set_handler(sig, args[1]);
}

Object* signal_raise_signal(Object*, Object* arg) {
  int sig = 0;
  if (!signum_arg(arg, &sig)) return nullptr;
  if (raise(sig) != 0) return raise_errno();
  return newref(none());
}

Object* signal_strsignal(Object*, Object* arg) {
  int sig = 0;
  if (!signum_arg(arg, &sig)) return nullptr;
  const char* name = sigdescr_np(sig);
  if (!name) return newref(none());
  return str_from_utf8(name);
}

Object* signal_valid_signals(Object*, Object*) {
  sigset_t all;
  sigfillset(&all);
  ORef s = steal(set_new(nullptr));
  if (!s) return nullptr;
  for (int sig = 1; sig < NSIG; sig++) {
    if (sigismember(&all, sig) != 1) continue;
    ORef v = steal(int_from_i64(sig));
    if (!v || set_add(s.get(), v.get()) < 0) return nullptr;
  }
  return s.release();
}

// set_wakeup_fd(fd, /, *, warn_on_full_buffer=True): main thread only; fd must be open and non-blocking.
Object* signal_set_wakeup_fd(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("set_wakeup_fd", args, nargs, kwnames, {"/fd", "$warn_on_full_buffer"}, 1, a)) return nullptr;
  int fd = 0;
  if (!posix::convert_int(a[0], &fd)) return nullptr;
  bool warn = true;
  if (a[1]) {
    int t = object_is_true(a[1]);
    if (t < 0) return nullptr;
    warn = t != 0;
  }
  if (!signals::is_main_thread())
    return set_error(&exc_ValueError, "set_wakeup_fd only works in main thread of the main interpreter");
  if (fd != -1) {
    struct stat st;
    if (fstat(fd, &st) != 0) return raise_errno();
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return raise_errno();
    if (!(flags & O_NONBLOCK)) return set_errorf(&exc_ValueError, "the fd {} must be in non-blocking mode", fd);
  }
  return int_from_i64(signals::set_wakeup_fd(fd, warn));
}

// siginterrupt(signalnum, flag, /): whether the signal interrupts system calls (no SA_RESTART) or not.
Object* signal_siginterrupt(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("siginterrupt", nargs, kwnames, 2, 2)) return nullptr;
  int sig = 0, flag = 0;
  if (!signum_arg(args[0], &sig) || !posix::convert_int(args[1], &flag)) return nullptr;
  struct sigaction act;
  if (sigaction(sig, nullptr, &act) != 0) return raise_errno();
  if (flag) {
    act.sa_flags &= ~SA_RESTART;
  } else {
    act.sa_flags |= SA_RESTART;
  }
  if (sigaction(sig, &act, nullptr) != 0) return raise_errno();
  return newref(none());
}

// pthread_kill(thread_id, signalnum, /); the handlers of signals sent to this thread run at once, as CPython's.
Object* signal_pthread_kill(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("pthread_kill", nargs, kwnames, 2, 2)) return nullptr;
  if (!type_check(args[0], &int_type))
    return set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[0]));
  int overflow = 0;
  int64_t tid = int_as_i64(args[0], &overflow);  // (thread idents are user-space addresses: below 2**63)
  if (overflow > 0) return set_error(&exc_OverflowError, "Python int too large to convert to C unsigned long");
  if (overflow < 0 || tid < 0) return set_error(&exc_OverflowError, "can't convert negative int to unsigned");
  int sig = 0;
  if (!posix::convert_int(args[1], &sig)) return nullptr;
  if (int err = pthread_kill(static_cast<pthread_t>(tid), sig)) return raise_os_error_objects(err);
  if (signals::run_pending() < 0) return nullptr;
  return newref(none());
}

// A sigset_t from an iterable of signal numbers (ValueError for one out of range).
bool sigset_from(Object* iterable, sigset_t* out) {
  sigemptyset(out);
  ORef it = steal(get_iter(iterable));
  if (!it) return false;
  while (ORef v = steal(iter_next(it.get()))) {
    int sig = 0;
    if (!posix::convert_int(v.get(), &sig)) return false;
    if (sig < 1 || sig >= NSIG) {
      set_errorf(&exc_ValueError, "signal number {} out of range [1; {}]", sig, NSIG - 1);
      return false;
    }
    sigaddset(out, sig);
  }
  return !error_occurred();
}

// The signal numbers in a sigset_t, as a set of ints.
Object* set_from_sigset(const sigset_t* s) {
  ORef r = steal(set_new(nullptr));
  if (!r) return nullptr;
  for (int sig = 1; sig < NSIG; sig++) {
    if (sigismember(s, sig) != 1) continue;
    ORef v = steal(int_from_i64(sig));
    if (!v || set_add(r.get(), v.get()) < 0) return nullptr;
  }
  return r.release();
}

// pthread_sigmask(how, mask, /): the previous mask.
Object* signal_pthread_sigmask(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("pthread_sigmask", nargs, kwnames, 2, 2)) return nullptr;
  int how = 0;
  if (!posix::convert_int(args[0], &how)) return nullptr;
  sigset_t mask, previous;
  if (!sigset_from(args[1], &mask)) return nullptr;
  if (int err = pthread_sigmask(how, &mask, &previous)) return raise_os_error_objects(err);
  if (signals::run_pending() < 0) return nullptr;  // a signal unblocked here runs its handler now
  return set_from_sigset(&previous);
}

Object* signal_sigpending(Object*, Object*) {
  sigset_t s;
  if (sigpending(&s) != 0) return raise_errno();
  return set_from_sigset(&s);
}

PyMethodDef signal_functions[] = {
    {"siginterrupt", as_cfunc(signal_siginterrupt), METH_FASTCALL | METH_KEYWORDS,
     "siginterrupt($module, signalnum, flag, /)\n--\n\nChange system call restart behaviour."},
    {"pthread_kill", as_cfunc(signal_pthread_kill), METH_FASTCALL | METH_KEYWORDS,
     "pthread_kill($module, thread_id, signalnum, /)\n--\n\nSend a signal to a thread."},
    {"pthread_sigmask", as_cfunc(signal_pthread_sigmask), METH_FASTCALL | METH_KEYWORDS,
     "pthread_sigmask($module, how, mask, /)\n--\n\nFetch and/or change the signal mask of the calling thread."},
    {"sigpending", signal_sigpending, METH_NOARGS,
     "sigpending($module, /)\n--\n\nExamine pending signals."},
    {"set_wakeup_fd", as_cfunc(signal_set_wakeup_fd), METH_FASTCALL | METH_KEYWORDS,
     "set_wakeup_fd(fd, /, *, warn_on_full_buffer=True)\n--\n\nSets the fd to be written to (with the signal "
     "number) when a signal comes in.\n\nA library can use this to wakeup select or poll.\nThe previous fd or -1 "
     "is returned.\n\nThe fd must be non-blocking."},

    {"getsignal", signal_getsignal, METH_O,
     "getsignal($module, signalnum, /)\n--\n\nReturn the current action for the given signal."},
    {"signal", as_cfunc(signal_signal), METH_FASTCALL | METH_KEYWORDS,
     "signal($module, signalnum, handler, /)\n--\n\nSet the action for the given signal."},
    {"raise_signal", signal_raise_signal, METH_O,
     "raise_signal($module, signalnum, /)\n--\n\nSend a signal to the executing process."},
    {"strsignal", signal_strsignal, METH_O,
     "strsignal($module, signalnum, /)\n--\n\nReturn the system description of the given signal."},
    {"valid_signals", signal_valid_signals, METH_NOARGS,
     "valid_signals($module, /)\n--\n\nReturn a set of valid signal numbers on this platform."},
    {nullptr, nullptr, 0, nullptr}};

struct IntConstant {
  const char* name;
  long value;
};
#define C(x) {#x, long(x)}
const IntConstant kConstants[] = {
    C(NSIG),      C(SIG_BLOCK), C(SIG_UNBLOCK), C(SIG_SETMASK), C(SIGHUP),    C(SIGINT),    C(SIGQUIT),
    C(SIGILL),    C(SIGTRAP),   C(SIGABRT),     C(SIGIOT),      C(SIGBUS),    C(SIGFPE),    C(SIGKILL),
    C(SIGUSR1),   C(SIGSEGV),   C(SIGUSR2),     C(SIGPIPE),     C(SIGALRM),   C(SIGTERM),   C(SIGSTKFLT),
    C(SIGCHLD),   C(SIGCLD),    C(SIGCONT),     C(SIGSTOP),     C(SIGTSTP),   C(SIGTTIN),   C(SIGTTOU),
    C(SIGURG),    C(SIGXCPU),   C(SIGXFSZ),     C(SIGVTALRM),   C(SIGPROF),   C(SIGWINCH),  C(SIGIO),
    C(SIGPOLL),   C(SIGPWR),    C(SIGSYS),      C(ITIMER_REAL), C(ITIMER_VIRTUAL), C(ITIMER_PROF),
    {"SIG_DFL", 0}, {"SIG_IGN", 1},
};
#undef C

}  // namespace

Object* create_signal_module() {
  ORef m = steal(module_new(str_interned("_signal")));
  if (!m || module_add_functions(m.get(), signal_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("This module provides mechanisms to use signal handlers in Python."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  for (const IntConstant& c : kConstants) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  // SIGRTMIN/SIGRTMAX are functions in glibc (the C library reserves a few real-time signals for itself).
  ORef rtmin = steal(int_from_i64(SIGRTMIN));
  ORef rtmax = steal(int_from_i64(SIGRTMAX));
  if (!rtmin || !rtmax || dict_set_str(d, "SIGRTMIN", rtmin.get()) < 0 || dict_set_str(d, "SIGRTMAX", rtmax.get()) < 0)
    return nullptr;
  Object* handler = signals::default_int_handler();
  if (!handler || dict_set_str(d, "default_int_handler", handler) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
