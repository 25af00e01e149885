// Python-level signal handlers: see signals.h for the contract.
#include "vm/signals.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <mutex>

#include "alloc/heap.h"
#include "alloc/refcount.h"
#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/oserror.h"
#include "vm/threads.h"

namespace pyvm::signals {
namespace {

std::atomic<int> g_tripped[NSIG];
std::atomic<bool> g_pending{false};
std::atomic<alloc::ThreadAlloc*> g_main_rec{nullptr};
std::atomic<uintptr_t> g_main_tid{0};

std::mutex g_mu;             // guards g_handlers
Object* g_handlers[NSIG];    // strong references; null: never set from Python

std::atomic<int> g_wakeup_fd{-1};
std::atomic<bool> g_wakeup_warn_full{true};
std::atomic<int> g_wakeup_errno{0};  // a failed wakeup write, reported by run_pending

extern "C" void c_handler(int sig) {
  int saved = errno;
  if (sig > 0 && sig < NSIG) {
    g_tripped[sig].store(1, std::memory_order_relaxed);
    int fd = g_wakeup_fd.load(std::memory_order_relaxed);
    if (fd != -1) {
      unsigned char byte = static_cast<unsigned char>(sig);
      ssize_t n;
      do {
        n = write(fd, &byte, 1);
      } while (n < 0 && errno == EINTR);
      if (n < 0 && (errno != EAGAIN || g_wakeup_warn_full.load(std::memory_order_relaxed)))
        g_wakeup_errno.store(errno, std::memory_order_relaxed);
    }
    g_pending.store(true, std::memory_order_release);
    if (alloc::ThreadAlloc* r = g_main_rec.load(std::memory_order_acquire)) alloc::set_breaker_bits(r, kBreakSignal);
  }
  errno = saved;
}

Object* default_int_handler_impl(Object*, Object* const*, ssize) {
  return set_error_object(reinterpret_cast<Object*>(&exc_KeyboardInterrupt));
}

PyMethodDef g_default_int_handler_def = {
    "default_int_handler", as_cfunc(default_int_handler_impl), METH_FASTCALL,
    "default_int_handler($module, signalnum, frame, /)\n--\n\nThe default handler for SIGINT installed by Python.\n\n"
    "It raises KeyboardInterrupt."};

// The OS's current action as Python shows it: 0 (SIG_DFL), 1 (SIG_IGN) or None (a handler from outside Python).
Object* os_handler(int sig) {
  struct sigaction sa;
  if (sigaction(sig, nullptr, &sa) != 0) return newref(none());
  if (sa.sa_handler == SIG_IGN) return int_from_i64(1);
  if (sa.sa_handler == SIG_DFL) return int_from_i64(0);
  return newref(none());
}

bool is_python_handler(Object* h) { return h && !type_check(h, &int_type) && h != none(); }

int install(int sig, void (*h)(int)) {
  struct sigaction sa = {};
  sa.sa_handler = h;
  sigemptyset(&sa.sa_mask);
  // SA_RESTART: the C library's blocking calls that pyvm retries on EINTR anyway restart by themselves; the
  // handler still runs at the main thread's next eval-breaker check (and time.sleep runs it at once).
  sa.sa_flags = h == c_handler ? (SA_RESTART | SA_ONSTACK) : 0;
  return sigaction(sig, &sa, nullptr);
}

}  // namespace

Object* default_int_handler() {
  static Object* h = [] {
    Object* f = cfunction_new(&g_default_int_handler_def, nullptr, str_interned("_signal"));
    if (f) alloc::make_immortal(f);
    return f;
  }();
  return h;
}

void init_main_thread(bool install_sigint) {
  g_main_tid.store(alloc::thread_id(), std::memory_order_relaxed);
  g_main_rec.store(&alloc::this_thread(), std::memory_order_release);
  if (!install_sigint) return;
  struct sigaction sa;
  if (sigaction(SIGINT, nullptr, &sa) != 0 || sa.sa_handler != SIG_DFL) return;  // ignored (or taken) at startup
  Object* h = default_int_handler();
  if (!h) {
    error_clear();
    return;
  }
  {
    std::lock_guard<std::mutex> g(g_mu);
    g_handlers[SIGINT] = h;  // immortal
  }
  install(SIGINT, c_handler);
}

void after_fork_child() {
  for (auto& t : g_tripped) t.store(0, std::memory_order_relaxed);
  g_pending.store(false, std::memory_order_relaxed);
  if (g_main_tid.load(std::memory_order_relaxed) != 0) init_main_thread(false);
}

bool is_main_thread() {
  uintptr_t t = g_main_tid.load(std::memory_order_relaxed);
  return t != 0 && t == alloc::thread_id();
}

Object* get_handler(int sig) {
  std::lock_guard<std::mutex> g(g_mu);
  Object* h = g_handlers[sig];
  return h ? newref(h) : nullptr;
}

Object* current_handler(int sig) {
  if (Object* h = get_handler(sig)) return h;
  return os_handler(sig);
}

Object* set_handler(int sig, Object* handler) {
  if (!is_main_thread())
    return set_error(&exc_ValueError, "signal only works in main thread of the main interpreter");
  void (*action)(int) = nullptr;  // SIG_DFL is null itself: `chosen` says whether one was picked
  bool chosen = false;
  if (type_check(handler, &int_type)) {
    ssize v = int_as_ssize(handler);
    if (v == -1 && error_occurred()) error_clear();
    if (v == 0 || v == 1) {
      action = v == 0 ? SIG_DFL : SIG_IGN;
      chosen = true;
    }
  }
  if (!chosen) {
    if (!is_callable(handler))
      return set_error(&exc_TypeError,
                       "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
    action = c_handler;
  }
  ORef old = steal(current_handler(sig));
  if (!old) return nullptr;
  if (install(sig, action) != 0) return raise_errno();
  Object* prev;
  {
    std::lock_guard<std::mutex> g(g_mu);
    prev = g_handlers[sig];
    g_handlers[sig] = newref(handler);
  }
  xdecref(prev);
  return old.release();
}

int trip(int sig) {
  if (sig < 1 || sig >= NSIG) return -1;
  {
    std::lock_guard<std::mutex> g(g_mu);
    if (!is_python_handler(g_handlers[sig])) return 0;  // SIG_DFL / SIG_IGN: nothing to run (CPython does nothing)
  }
  c_handler(sig);
  return 0;
}

int set_wakeup_fd(int fd, bool warn_full) {
  g_wakeup_warn_full.store(warn_full, std::memory_order_relaxed);
  return g_wakeup_fd.exchange(fd, std::memory_order_relaxed);
}

int run_pending() {
  if (!g_pending.load(std::memory_order_relaxed) || !is_main_thread()) return 0;
  if (!g_pending.exchange(false, std::memory_order_acquire)) return 0;
  if (int err = g_wakeup_errno.exchange(0, std::memory_order_relaxed)) {
    raise_os_error_objects(err);
    write_unraisable_msg("Exception ignored when trying to write to the signal wakeup fd", nullptr);
  }
  for (int sig = 1; sig < NSIG; sig++) {
    if (!g_tripped[sig].exchange(0, std::memory_order_relaxed)) continue;
    ORef h = steal(get_handler(sig));
    if (!is_python_handler(h.get())) continue;
    ORef num = steal(int_from_i64(sig));
    if (!num) return -1;
    Object* args[2] = {num.get(), none()};
    ORef r = steal(call(h.get(), args, 2, nullptr));
    if (!r) {
      // The others run at the next check.
      for (int s = sig + 1; s < NSIG; s++) {
        if (g_tripped[s].load(std::memory_order_relaxed)) {
          g_pending.store(true, std::memory_order_release);
          if (alloc::ThreadAlloc* m = g_main_rec.load(std::memory_order_acquire))
            alloc::set_breaker_bits(m, kBreakSignal);
          break;
        }
      }
      return -1;
    }
  }
  return 0;
}

}  // namespace pyvm::signals
