// The select module: select(), poll objects and epoll objects over the Linux system calls, with CPython's argument
// rules, timeouts and messages (selectors.py and subprocess.py build on them).
//
// Thread-safety contract: every wait (select, poll, epoll_wait) runs detached (vm/threads.h BlockingSection), so a
// blocked thread never holds up others or a stop-the-world. A poll object's registrations are guarded by its
// critical section; poll() copies them under the section and waits on the copy, and a second poll() on the same
// object while one is waiting raises RuntimeError, as in CPython. An epoll object's descriptor is read and closed
// under its critical section; the kernel serialises the epoll_ctl/epoll_wait calls made on it meanwhile.
#include <limits.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <utility>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"
#include "vm/sync/mutex.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

using sync::CriticalSection;

constexpr int64_t kNsPerSec = 1000000000;

int64_t monotonic_ns() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * kNsPerSec + ts.tv_nsec;
}

// ---- Timeouts, in nanoseconds (CPython's PyTime_t), rounded away from zero (_PyTime_ROUND_TIMEOUT).

// A float or int number of `unit`-nanosecond units as nanoseconds. `type_msg` is the TypeError for other types.
bool timeout_from_object(Object* o, int64_t unit, const char* type_msg, int64_t* out) {
  if (type_check(o, &float_type)) {
    double d = float_value(o);
    if (std::isnan(d)) {
      set_error(&exc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    d *= double(unit);
    d = d >= 0 ? std::ceil(d) : std::floor(d);
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
      set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
      return false;
    }
    *out = int64_t(d);
    return true;
  }
  if (!index_check(o)) {
    set_error(&exc_TypeError, type_msg);
    return false;
  }
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow || __builtin_mul_overflow(v, unit, out)) {
    set_error(&exc_OverflowError, "timestamp too large to convert to C PyTime_t");
    return false;
  }
  return true;
}

// Milliseconds for poll(2)/epoll_wait(2), rounded up; a negative timeout means "wait forever" (-1).
bool timeout_ms(int64_t ns, int* out) {
  if (ns < 0) {
    *out = -1;
    return true;
  }
  int64_t ms = ns / 1000000 + (ns % 1000000 != 0);
  if (ms > INT_MAX) {
    set_error(&exc_OverflowError, "timeout is too large");
    return false;
  }
  *out = int(ms);
  return true;
}

// ---- select() ----

// One of select()'s three arguments: the objects and their descriptors, in order.
struct FdList {
  ORef seq;  // a list or tuple (sequence_fast)
  std::vector<int> fds;
};

bool fd_list(Object* arg, FdList* out, fd_set* set, int* maxfd) {
  // CPython's PySequence_Fast: any iterable, taken as a whole before any descriptor is converted.
  out->seq = type_check_exact(arg, &tuple_type) ? borrow(arg) : steal(sequence_tuple(arg));
  if (!out->seq) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      set_error(&exc_TypeError, "arguments 1-3 must be sequences");
    }
    return false;
  }
  FD_ZERO(set);
  ssize n = tuple_size(out->seq.get());
  for (ssize i = 0; i < n; i++) {
    int fd = -1;
    if (!posix::convert_fildes(tuple_get(out->seq.get(), i), &fd)) return false;
    if (fd >= FD_SETSIZE) {
      set_error(&exc_ValueError, "filedescriptor out of range in select()");
      return false;
    }
    FD_SET(fd, set);
    if (fd > *maxfd) *maxfd = fd;
    out->fds.push_back(fd);
  }
  return true;
}

Object* ready_list(const FdList& l, const fd_set* set) {
  ORef r = steal(list_new(0));
  if (!r) return nullptr;
  for (size_t i = 0; i < l.fds.size(); i++)
    if (FD_ISSET(l.fds[i], set) && list_append(r.get(), tuple_get(l.seq.get(), ssize(i))) < 0) return nullptr;
  return r.release();
}

Object* select_select(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("select", nargs, kwnames, 3, 4)) return nullptr;
  int64_t timeout = -1;
  bool has_timeout = nargs == 4 && args[3] != none();
  if (has_timeout) {
    if (!timeout_from_object(args[3], kNsPerSec, "timeout must be a float or None", &timeout)) return nullptr;
    if (timeout < 0) return set_error(&exc_ValueError, "timeout must be non-negative");
  }
  FdList lists[3];
  fd_set sets[3];
  int maxfd = -1;
  for (int i = 0; i < 3; i++)
    if (!fd_list(args[i], &lists[i], &sets[i], &maxfd)) return nullptr;
  fd_set work[3];
  int64_t deadline = has_timeout ? monotonic_ns() + timeout : 0;
  int n, err = 0;
  for (;;) {
    for (int i = 0; i < 3; i++) work[i] = sets[i];
    struct timeval tv, *tvp = nullptr;
    if (has_timeout) {
      int64_t us = timeout / 1000 + (timeout % 1000 != 0);
      tv.tv_sec = time_t(us / 1000000);
      tv.tv_usec = suseconds_t(us % 1000000);
      tvp = &tv;
    }
    {
      BlockingSection detached;
      n = select(maxfd + 1, &work[0], &work[1], &work[2], tvp);
      err = errno;
    }
    if (n >= 0 || err != EINTR) break;
    // Interrupted by a signal: retry with the time that is left (PEP 475).
    if (has_timeout) {
      timeout = deadline - monotonic_ns();
      if (timeout < 0) timeout = 0;
    }
  }
  if (n < 0) return raise_os_error_objects(err);
  ORef r[3];
  for (int i = 0; i < 3; i++) {
    r[i] = steal(ready_list(lists[i], &work[i]));
    if (!r[i]) return nullptr;
  }
  return tuple_pack({r[0].get(), r[1].get(), r[2].get()});
}

// ---- poll objects ----

struct PollObject {
  Object ob_base;
  // Registrations in the order they were made (CPython keeps them in a dict); owned, freed by dealloc.
  std::vector<std::pair<int, short>>* fds;
  bool running;  // a poll() call is waiting
};
PollObject* PO(Object* o) { return reinterpret_cast<PollObject*>(o); }

// The event mask argument: an unsigned short, with CPython's messages.
bool convert_mask(Object* o, unsigned short* out) {
  if (!index_check(o)) {
    set_error(&exc_TypeError, "an integer is required");
    return false;
  }
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow < 0 || (!overflow && v < 0)) {
    set_error(&exc_ValueError, "value must be positive");
    return false;
  }
  if (overflow || v > USHRT_MAX) {
    set_error(&exc_OverflowError, "Python int too large for C unsigned short");
    return false;
  }
  *out = static_cast<unsigned short>(v);
  return true;
}

Object* poll_register(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("register", nargs, kwnames, 1, 2)) return nullptr;
  int fd = -1;
  unsigned short mask = POLLIN | POLLPRI | POLLOUT;
  if (!posix::convert_fildes(args[0], &fd) || (nargs > 1 && !convert_mask(args[1], &mask))) return nullptr;
  CriticalSection cs(self);
  auto* v = PO(self)->fds;
  for (auto& p : *v)
    if (p.first == fd) {
      p.second = short(mask);
      return newref(none());
    }
  v->emplace_back(fd, short(mask));
  return newref(none());
}

Object* poll_modify(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("modify", nargs, kwnames, 2, 2)) return nullptr;
  int fd = -1;
  unsigned short mask = 0;
  if (!posix::convert_fildes(args[0], &fd) || !convert_mask(args[1], &mask)) return nullptr;
  CriticalSection cs(self);
  for (auto& p : *PO(self)->fds)
    if (p.first == fd) {
      p.second = short(mask);
      return newref(none());
    }
  return raise_os_error_objects(ENOENT);
}

Object* poll_unregister(Object* self, Object* arg) {
  int fd = -1;
  if (!posix::convert_fildes(arg, &fd)) return nullptr;
  {
    CriticalSection cs(self);
    auto* v = PO(self)->fds;
    for (auto it = v->begin(); it != v->end(); ++it)
      if (it->first == fd) {
        v->erase(it);
        return newref(none());
      }
  }
  ORef key = steal(int_from_i64(fd));
  if (!key) return nullptr;
  return set_error_value(&exc_KeyError, key.get());
}

Object* poll_poll(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("poll", nargs, kwnames, 0, 1)) return nullptr;
  int64_t timeout = -1;
  if (nargs == 1 && args[0] != none() &&
      !timeout_from_object(args[0], 1000000, "timeout must be an integer or None", &timeout))
    return nullptr;
  int ms = -1;
  if (!timeout_ms(timeout, &ms)) return nullptr;
  std::vector<struct pollfd> ufds;
  {
    CriticalSection cs(self);
    if (PO(self)->running) return set_error(&exc_RuntimeError, "concurrent poll() invocation");
    for (auto& p : *PO(self)->fds) ufds.push_back({p.first, p.second, 0});
    PO(self)->running = true;
  }
  int64_t deadline = ms >= 0 ? monotonic_ns() + timeout : 0;
  int n, err = 0;
  for (;;) {
    {
      BlockingSection detached;
      n = poll(ufds.data(), nfds_t(ufds.size()), ms);
      err = errno;
    }
    if (n >= 0 || err != EINTR) break;
    if (ms >= 0) {
      int64_t left = deadline - monotonic_ns();
      if (!timeout_ms(left < 0 ? 0 : left, &ms)) break;
    }
  }
  {
    CriticalSection cs(self);
    PO(self)->running = false;
  }
  if (error_occurred()) return nullptr;
  if (n < 0) return raise_os_error_objects(err);
  ORef r = steal(list_new(0));
  if (!r) return nullptr;
  for (const struct pollfd& p : ufds) {
    if (!p.revents) continue;
    ORef fd = steal(int_from_i64(p.fd));
    ORef ev = steal(int_from_i64(p.revents & 0xffff));
    if (!fd || !ev) return nullptr;
    ORef t = steal(tuple_pack({fd.get(), ev.get()}));
    if (!t || list_append(r.get(), t.get()) < 0) return nullptr;
  }
  return r.release();
}

void poll_dealloc(Object* self) {
  Type* t = type_of(self);
  delete PO(self)->fds;
  object_free(self);
  dealloc_type_ref(t);
}

PyMethodDef poll_methods[] = {
    {"register", as_cfunc(poll_register), METH_FASTCALL | METH_KEYWORDS,
     "Register a file descriptor with the polling object.\n\n  fd\n    either an integer, or an object with a "
     "fileno() method returning an int\n  eventmask\n    an optional bitmask describing the type of events to "
     "check for"},
    {"modify", as_cfunc(poll_modify), METH_FASTCALL | METH_KEYWORDS,
     "Modify an already registered file descriptor.\n\n  fd\n    either an integer, or an object with a fileno() "
     "method returning\n    an int\n  eventmask\n    a bitmask describing the type of events to check for"},
    {"unregister", poll_unregister, METH_O, "Remove a file descriptor being tracked by the polling object."},
    {"poll", as_cfunc(poll_poll), METH_FASTCALL | METH_KEYWORDS,
     "Polls the set of registered file descriptors.\n\n  timeout\n    The maximum time to wait in milliseconds, or "
     "else None (or a negative\n    value) to wait indefinitely.\n\nReturns a list containing any descriptors that "
     "have events or errors to\nreport, as a list of (fd, event) 2-tuples."},
    {nullptr, nullptr, 0, nullptr}};

Type poll_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "select.poll",
    .tp_basicsize = sizeof(PollObject),
    .tp_dealloc = poll_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = 0,
    .tp_methods = poll_methods,
};

Object* select_poll(Object*, Object*) {
  Object* o = new_object(&poll_type, sizeof(PollObject));
  if (!o) return nullptr;
  PO(o)->fds = new std::vector<std::pair<int, short>>();
  return o;
}

// ---- epoll objects ----

struct EpollObject {
  Object ob_base;
  int epfd;  // -1 once closed
};
EpollObject* EO(Object* o) { return reinterpret_cast<EpollObject*>(o); }

// The descriptor of an open epoll object, or -1 with ValueError.
int epoll_fd(Object* self) {
  int fd;
  {
    CriticalSection cs(self);
    fd = EO(self)->epfd;
  }
  if (fd < 0) set_error(&exc_ValueError, "I/O operation on closed epoll object");
  return fd;
}

Object* new_epoll(Type* type, int fd) {
  Object* o = new_object(type, size_t(type->tp_basicsize));
  if (!o) {
    close(fd);
    return nullptr;
  }
  EO(o)->epfd = fd;
  return o;
}

Object* epoll_new(Type* type, Object* args, Object* kwds) {
  Object* a[2] = {};
  ssize nargs = tuple_size(args);
  ORef kwnames;
  std::vector<Object*> argv(tuple_items(args), tuple_items(args) + nargs);
  if (kwds && dict_size(kwds) > 0) {
    ORef names = steal(tuple_new(dict_size(kwds)));
    if (!names) return nullptr;
    ssize pos = 0, i = 0;
    Object *k, *v;
    while (dict_next(kwds, &pos, &k, &v)) {
      tuple_set(names.get(), i++, newref(k));
      argv.push_back(v);
    }
    kwnames = std::move(names);
  }
  if (!parse_args("epoll", argv.data(), nargs, kwnames.get(), {"sizehint", "flags"}, 0, a)) return nullptr;
  int sizehint = -1, flags = 0;
  if ((a[0] && !posix::convert_int(a[0], &sizehint)) || (a[1] && !posix::convert_int(a[1], &flags)))
    return nullptr;
  if (sizehint == -1) {
    sizehint = FD_SETSIZE - 1;
  } else if (sizehint <= 0) {
    return set_error(&exc_ValueError, "negative sizehint");
  }
  if (flags && flags != EPOLL_CLOEXEC) return set_error(&exc_OSError, "invalid flags");
  int fd = epoll_create1(EPOLL_CLOEXEC);
  if (fd < 0) return raise_errno();
  return new_epoll(type, fd);
}

Object* epoll_close(Object* self, Object*) {
  int fd;
  {
    CriticalSection cs(self);
    fd = EO(self)->epfd;
    EO(self)->epfd = -1;
  }
  if (fd >= 0 && close(fd) != 0) return raise_errno();
  return newref(none());
}

Object* epoll_closed(Object* self, void*) {
  CriticalSection cs(self);
  return newref(bool_obj(EO(self)->epfd < 0));
}

Object* epoll_fileno(Object* self, Object*) {
  int fd = epoll_fd(self);
  return fd < 0 ? nullptr : int_from_i64(fd);
}

Object* epoll_fromfd(Object* cls, Object* arg) {
  int fd = -1;
  if (!posix::convert_int(arg, &fd)) return nullptr;
  return new_epoll(reinterpret_cast<Type*>(cls), fd);
}

// epoll_ctl for register/modify/unregister. `mask_arg` null: the default (or no mask for EPOLL_CTL_DEL).
Object* epoll_ctl_impl(Object* self, int op, Object* fd_arg, Object* mask_arg) {
  int fd = -1;
  unsigned int events = EPOLLIN | EPOLLPRI | EPOLLOUT;
  if (!posix::convert_fildes(fd_arg, &fd)) return nullptr;
  if (mask_arg) {
    // Argument Clinic's "unsigned int" converter (bitwise: negative values wrap).
    int mask = 0;
    if (!posix::convert_int(mask_arg, &mask)) return nullptr;
    events = unsigned(mask);
  }
  int epfd = epoll_fd(self);
  if (epfd < 0) return nullptr;
  struct epoll_event ev = {};
  ev.events = events;
  ev.data.fd = fd;
  if (epoll_ctl(epfd, op, fd, op == EPOLL_CTL_DEL ? nullptr : &ev) != 0) return raise_errno();
  return newref(none());
}

Object* epoll_register(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("register", args, nargs, kwnames, {"fd", "eventmask"}, 1, a)) return nullptr;
  return epoll_ctl_impl(self, EPOLL_CTL_ADD, a[0], a[1]);
}

Object* epoll_modify(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("modify", args, nargs, kwnames, {"fd", "eventmask"}, 2, a)) return nullptr;
  return epoll_ctl_impl(self, EPOLL_CTL_MOD, a[0], a[1]);
}

Object* epoll_unregister(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("unregister", args, nargs, kwnames, {"fd"}, 1, a)) return nullptr;
  return epoll_ctl_impl(self, EPOLL_CTL_DEL, a[0], nullptr);
}

Object* epoll_poll(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("poll", args, nargs, kwnames, {"timeout", "maxevents"}, 0, a)) return nullptr;
  int64_t timeout = -1;
  if (a[0] && a[0] != none() &&
      !timeout_from_object(a[0], kNsPerSec, "timeout must be an integer or None", &timeout))
    return nullptr;
  int ms = -1;
  if (!timeout_ms(timeout, &ms)) return nullptr;
  int maxevents = -1;
  if (a[1] && !posix::convert_int(a[1], &maxevents)) return nullptr;
  if (maxevents == -1) {
    maxevents = FD_SETSIZE - 1;
  } else if (maxevents < 1) {
    return set_errorf(&exc_ValueError, "maxevents must be greater than 0, got {}", maxevents);
  }
  int epfd = epoll_fd(self);
  if (epfd < 0) return nullptr;
  std::vector<epoll_event> evs(static_cast<size_t>(maxevents));
  int64_t deadline = ms >= 0 ? monotonic_ns() + timeout : 0;
  int n, err = 0;
  for (;;) {
    {
      BlockingSection detached;
      n = epoll_wait(epfd, evs.data(), maxevents, ms);
      err = errno;
    }
    if (n >= 0 || err != EINTR) break;
    if (ms >= 0) {
      int64_t left = deadline - monotonic_ns();
      if (!timeout_ms(left < 0 ? 0 : left, &ms)) return nullptr;
    }
  }
  if (n < 0) return raise_os_error_objects(err);
  ORef r = steal(list_new(0));
  if (!r) return nullptr;
  for (int i = 0; i < n; i++) {
    ORef fd = steal(int_from_i64(evs[size_t(i)].data.fd));
    ORef ev = steal(int_from_u64(evs[size_t(i)].events));
    if (!fd || !ev) return nullptr;
    ORef t = steal(tuple_pack({fd.get(), ev.get()}));
    if (!t || list_append(r.get(), t.get()) < 0) return nullptr;
  }
  return r.release();
}

Object* epoll_enter(Object* self, Object*) {
  if (epoll_fd(self) < 0) return nullptr;
  return newref(self);
}

Object* epoll_exit(Object* self, Object* const*, ssize) { return epoll_close(self, nullptr); }

void epoll_dealloc(Object* self) {
  Type* t = type_of(self);
  if (EO(self)->epfd >= 0) close(EO(self)->epfd);
  object_free(self);
  dealloc_type_ref(t);
}

PyMethodDef epoll_methods[] = {
    {"close", epoll_close, METH_NOARGS,
     "Close the epoll control file descriptor.\n\nFurther operations on the epoll object will raise an exception."},
    {"fileno", epoll_fileno, METH_NOARGS, "Return the epoll control file descriptor."},
    {"fromfd", epoll_fromfd, METH_O | METH_CLASS, "Create an epoll object from a given control fd."},
    {"register", as_cfunc(epoll_register), METH_FASTCALL | METH_KEYWORDS,
     "Registers a new fd or raises an OSError if the fd is already registered."},
    {"modify", as_cfunc(epoll_modify), METH_FASTCALL | METH_KEYWORDS, "Modify event mask for a registered file "
                                                                      "descriptor."},
    {"unregister", as_cfunc(epoll_unregister), METH_FASTCALL | METH_KEYWORDS,
     "Remove a registered file descriptor from the epoll object."},
    {"poll", as_cfunc(epoll_poll), METH_FASTCALL | METH_KEYWORDS,
     "Wait for events on the epoll file descriptor.\n\nReturns a list containing any descriptors that have events "
     "to report,\nas a list of (fd, events) 2-tuples."},
    {"__enter__", epoll_enter, METH_NOARGS, nullptr},
    {"__exit__", as_cfunc(epoll_exit), METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef epoll_getset[] = {{"closed", epoll_closed, nullptr, "True if the epoll handler is closed", nullptr},
                              {nullptr, nullptr, nullptr, nullptr, nullptr}};

Type epoll_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "select.epoll",
    .tp_basicsize = sizeof(EpollObject),
    .tp_dealloc = epoll_dealloc,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_doc =
        "select.epoll(sizehint=-1, flags=0)\n\nReturns an epolling object\n\nsizehint must be a positive integer or "
        "-1 for the default size. The\nsizehint is used to optimize internal data structures. It doesn't limit\nthe "
        "maximum number of monitored events.",
    .tp_methods = epoll_methods,
    .tp_getset = epoll_getset,
    .tp_new = epoll_new,
};

PyMethodDef select_functions[] = {
    {"select", as_cfunc(select_select), METH_FASTCALL | METH_KEYWORDS,
     "select($module, rlist, wlist, xlist, timeout=None, /)\n--\n\nWait until one or more file descriptors are "
     "ready for some kind of I/O."},
    {"poll", select_poll, METH_NOARGS,
     "Returns a polling object.\n\nThis object supports registering and unregistering file descriptors, and then\n"
     "polling them for I/O events."},
    {nullptr, nullptr, 0, nullptr}};

struct IntConstant {
  const char* name;
  long value;
};
#define C(x) {#x, long(x)}
const IntConstant kConstants[] = {
    C(PIPE_BUF),   C(POLLIN),        C(POLLPRI),    C(POLLOUT),     C(POLLERR),     C(POLLHUP),
    C(POLLNVAL),   C(POLLRDNORM),    C(POLLRDBAND), C(POLLWRNORM),  C(POLLWRBAND),  C(POLLMSG),
    C(POLLRDHUP),  C(EPOLLIN),       C(EPOLLOUT),   C(EPOLLPRI),    C(EPOLLERR),    C(EPOLLHUP),
    C(EPOLLRDHUP), C(EPOLLEXCLUSIVE), C(EPOLLRDNORM), C(EPOLLRDBAND), C(EPOLLWRNORM), C(EPOLLWRBAND),
    C(EPOLLMSG),   C(EPOLL_CLOEXEC),
    {"EPOLLET", long(unsigned(EPOLLET))},  {"EPOLLONESHOT", long(unsigned(EPOLLONESHOT))},
};
#undef C

}  // namespace

Object* create_select_module() {
  if (type_ready(&poll_type) < 0 || type_ready(&epoll_type) < 0) return nullptr;
  ORef m = steal(module_new(str_interned("select")));
  if (!m || module_add_functions(m.get(), select_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8(
      "This module supports asynchronous I/O on multiple file descriptors.\n\n*** IMPORTANT NOTICE ***\nOn Windows, "
      "only sockets are supported; on Unix, all file descriptors."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  if (dict_set_str(d, "error", reinterpret_cast<Object*>(&exc_OSError)) < 0 ||
      dict_set_str(d, "epoll", reinterpret_cast<Object*>(&epoll_type)) < 0)
    return nullptr;
  for (const IntConstant& c : kConstants) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  return m.release();
}

}  // namespace pyvm
