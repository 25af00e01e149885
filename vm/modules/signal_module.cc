// The _signal module, in part: the signal numbers and constants, getsignal(), signal() (Python handlers run on the
// main thread at its next eval-breaker check, see vm/signals.h), default_int_handler, raise_signal(), strsignal()
// and valid_signals().
//
// Not provided yet: set_wakeup_fd, alarm/setitimer, pthread_kill/sigmask, siginterrupt.
//
// Thread-safety: the handler table lives in vm/signals.cc (its contract is in signals.h); sigaction() is
// process-wide and atomic per call.
#include <signal.h>
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

PyMethodDef signal_functions[] = {
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
