// Python-level signal handlers (the _signal module, _thread.interrupt_main, PyErr_CheckSignals).
//
// Contract:
// - The C-level handler runs on whichever thread the kernel picks, in signal context: it only stores atomics (the
//   signal's tripped flag, the pending flag) and sets the main thread's eval-breaker bit kBreakSignal.
// - The Python handlers run on the main thread only, at its next eval-breaker check (or when a blocking call there
//   is interrupted: time.sleep), as in CPython. A handler that raises makes the check fail with its exception.
// - The handler table (one object per signal: a callable, or the ints SIG_DFL/SIG_IGN) is written by
//   signal.signal() on the main thread and read by any thread, under a mutex; the main thread reads it when it runs
//   handlers.
#pragma once

#include "objects/object.h"

namespace pyvm::signals {

// At startup of the pyvm program (not when embedded): records the main thread and installs SIGINT's default
// Python handler (KeyboardInterrupt) unless SIGINT is ignored, as CPython does.
void init_main_thread(bool install_sigint);

bool is_main_thread();

// In a child of fork(): the forking thread becomes the main thread, and signals that arrived before the fork are
// forgotten (the parent runs their handlers), as in CPython.
void after_fork_child();

// signal.default_int_handler (immortal).
Object* default_int_handler();

// The handler Python set for `sig` (new reference), or nullptr when it never set one.
Object* get_handler(int sig);
// signal.getsignal(sig): the handler Python set, else the OS's action as 0 (SIG_DFL), 1 (SIG_IGN) or None (a
// handler installed outside Python). New reference.
Object* current_handler(int sig);
// Installs `handler` (a callable, or SIG_DFL / SIG_IGN as int 0 / 1) for `sig`. Main thread only. Returns the
// previous Python-visible handler (new reference; None when it was set outside Python) or nullptr with an error.
Object* set_handler(int sig, Object* handler);

// _thread.interrupt_main / PyErr_SetInterruptEx: simulates the arrival of `sig` if a Python handler is set for it;
// does nothing for SIG_DFL / SIG_IGN. Returns -1 only for an invalid signal number (no exception set).
int trip(int sig);

// signal.set_wakeup_fd: from now on the C-level handler writes each arriving signal's number, as one byte, to `fd`
// (-1: to nothing). Returns the previous fd. A write that fails (other than on a full buffer when `warn_full` is
// false) is reported, as CPython's "Exception ignored when trying to write to the signal wakeup fd", at the next
// run_pending. The caller checks that it runs on the main thread and that fd is valid and non-blocking.
int set_wakeup_fd(int fd, bool warn_full);
// Runs the handlers of the signals that arrived, when called on the main thread; 0, or -1 with the handler's
// exception set. Cheap when nothing is pending.
[[nodiscard]] int run_pending();

}  // namespace pyvm::signals
