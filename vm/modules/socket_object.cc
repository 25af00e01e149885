// The _socket.socket type (subclassed by socket.py's socket.socket): creation from a new or an existing descriptor,
// blocking / non-blocking / timeout modes, and the methods that connect, transfer data and set options.
// Thread contract: see socket_internal.h (fd and timeout are atomics; blocking calls run detached).
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "alloc/refcount.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/socket_internal.h"
#include "vm/oserror.h"
#include "vm/threads.h"

namespace pyvm::sock {

namespace {
std::atomic<int64_t> g_default_timeout{-1};
constexpr int64_t kNsPerSec = 1000000000;
}  // namespace

int64_t default_timeout() { return g_default_timeout.load(std::memory_order_relaxed); }
void set_default_timeout(int64_t ns) { g_default_timeout.store(ns, std::memory_order_relaxed); }

int64_t monotonic_ns() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * kNsPerSec + ts.tv_nsec;
}

bool check_nargs(const char* fname, ssize nargs, Object* kwnames, ssize min, ssize max) {
  if (kwnames && tuple_size(kwnames) > 0) {
    set_errorf(&exc_TypeError, "{}() takes no keyword arguments", fname);
    return false;
  }
  if (nargs >= min && nargs <= max) return true;
  const char* how = min == max ? "exactly" : nargs < min ? "at least" : "at most";
  ssize n = nargs < min ? min : max;
  set_errorf(&exc_TypeError, "{}() takes {} {} argument{} ({} given)", fname, how, n, n == 1 ? "" : "s", nargs);
  return false;
}

bool arg_int(Object* o, int* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow || v < INT_MIN || v > INT_MAX) {
    set_error(&exc_OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = int(v);
  return true;
}

bool arg_ssize(Object* o, ssize* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  *out = int_as_ssize(i.get());
  return !(*out == -1 && error_occurred());
}

bool parse_timeout(Object* o, int64_t* out) {
  if (o == none()) {
    *out = -1;
    return true;
  }
  if (type_check(o, &float_type)) {
    double d = float_value(o);
    if (std::isnan(d)) {
      set_error(&exc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    d *= 1e9;
    d = d >= 0 ? std::ceil(d) : std::floor(d);
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
      set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
      return false;
    }
    *out = int64_t(d);
  } else {
    ORef i = steal(number_index(o));
    if (!i) return false;
    int overflow = 0;
    int64_t v = int_as_i64(i.get(), &overflow);
    if (overflow || __builtin_mul_overflow(v, kNsPerSec, out)) {
      set_error(&exc_OverflowError, "timestamp too large to convert to C PyTime_t");
      return false;
    }
  }
  if (*out < 0) {
    set_error(&exc_ValueError, "Timeout value out of range");
    return false;
  }
  if (*out / 1000000 + (*out % 1000000 != 0) > INT_MAX) {
    set_error(&exc_OverflowError, "timeout doesn't fit into C timeval");
    return false;
  }
  return true;
}

Object* timeout_object(int64_t ns) {
  if (ns < 0) return newref(none());
  return float_from_double(ns % kNsPerSec == 0 ? double(ns / kNsPerSec) : double(ns) / 1e9);
}

int wait_ready(SocketObject* s, bool writing, int64_t ns, bool connect, int* err) {
  int fd = load_fd(s);
  if (fd < 0) return 1;  // closed meanwhile: the call itself fails with EBADF
  struct pollfd p = {fd, short(writing ? POLLOUT : POLLIN), 0};
  if (connect) p.events |= POLLERR;
  int64_t ms64 = ns < 0 ? -1 : ns / 1000000 + (ns % 1000000 != 0);
  int ms = ms64 > INT_MAX ? INT_MAX : int(ms64);
  int n;
  {
    BlockingSection detached;
    n = poll(&p, 1, ms);
    *err = errno;
  }
  if (n < 0) return -1;
  return n == 0 ? 0 : 1;
}

bool sock_call_failed(int e, int* err) {
  if (e == -1) {  // timed out
    if (err) {
      *err = EWOULDBLOCK;
    } else {
      set_error(&exc_TimeoutError, "timed out");
    }
    return false;
  }
  if (err) {
    *err = e;
  } else {
    raise_os_error_objects(e);
  }
  return false;
}

namespace {

// Sets O_NONBLOCK on the descriptor unless `block`; -1 with OSError.
int set_fd_blocking(SocketObject* s, bool block) {
  int fd = load_fd(s);
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return (raise_errno(), -1);
  int want = block ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
  if (want != flags && fcntl(fd, F_SETFL, want) < 0) return (raise_errno(), -1);
  return 0;
}

// CPython's init_sockobject: records the descriptor and its kind and applies the default timeout.
int init_socket(SocketObject* s, int fd, int family, int type, int proto) {
  s->family = family;
  s->type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  s->proto = proto;
  __atomic_store_n(&s->fd, fd, __ATOMIC_RELEASE);
  if (type & SOCK_NONBLOCK) {
    __atomic_store_n(&s->timeout, int64_t(0), __ATOMIC_RELAXED);
    return 0;
  }
  int64_t t = default_timeout();
  __atomic_store_n(&s->timeout, t, __ATOMIC_RELAXED);
  return t >= 0 ? set_fd_blocking(s, false) : 0;
}

Object* sock_new(Type* type, Object*, Object*) {
  Object* o = new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  SO(o)->fd = -1;
  SO(o)->timeout = -1;
  return o;
}

int sock_init(Object* self, Object* args, Object* kwds) {
  std::vector<Object*> flat(tuple_items(args), tuple_items(args) + tuple_size(args));
  ORef kwnames;
  if (kwds && dict_size(kwds) > 0) {
    kwnames = steal(tuple_new(dict_size(kwds)));
    if (!kwnames) return -1;
    ssize pos = 0, k = 0;
    Object *key, *val;
    while (dict_next(kwds, &pos, &key, &val)) {
      tuple_set(kwnames.get(), k++, newref(key));
      flat.push_back(val);
    }
  }
  Object* a[4] = {};
  if (!parse_args("socket", flat.data(), tuple_size(args), kwnames.get(), {"family", "type", "proto", "fileno"}, 0,
                  a))
    return -1;
  int family = -1, type = -1, proto = -1;
  if ((a[0] && !arg_int(a[0], &family)) || (a[1] && !arg_int(a[1], &type)) || (a[2] && !arg_int(a[2], &proto)))
    return -1;
  int fd;
  if (a[3] && a[3] != none()) {
    if (!arg_int(a[3], &fd)) return -1;
    if (fd < 0) {
      set_error(&exc_ValueError, "negative file descriptor");
      return -1;
    }
    // Check that it is a socket, and take what was not given from it.
    SockAddr addr = {};
    socklen_t len = sizeof(addr);
    if (getsockname(fd, &addr.sa, &len) == 0) {
      if (family == -1) family = addr.sa.sa_family;
    } else if (errno == EBADF || errno == ENOTSOCK) {
      raise_errno();
      return -1;
    }
    socklen_t ilen = sizeof(int);
    if (type == -1 && getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &ilen) != 0) return (raise_errno(), -1);
    ilen = sizeof(int);
    if (proto == -1 && getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &ilen) != 0) return (raise_errno(), -1);
  } else {
    if (family == -1) family = AF_INET;
    if (type == -1) type = SOCK_STREAM;
    if (proto == -1) proto = 0;
    fd = socket(family, type | SOCK_CLOEXEC, proto);
    if (fd < 0) return (raise_errno(), -1);
  }
  if (init_socket(SO(self), fd, family, type, proto) < 0) {
    if (!a[3] || a[3] == none()) {
      ::close(fd);
      __atomic_store_n(&SO(self)->fd, -1, __ATOMIC_RELEASE);
    }
    return -1;
  }
  return 0;
}

// ResourceWarning "unclosed <repr>" (CPython's sock_finalize). Deviation: CPython passes the socket as the
// warning's source, which adds the "Enable tracemalloc ..." line; warnings.py's own warn() mishandles a source (it
// becomes WarningMessage's `file`), so the warning goes out without one.
void warn_unclosed(Object* self) {
  ORef r = steal(object_repr(self));
  std::string text;
  if (!r || !object_str_utf8(r.get(), &text)) {
    write_unraisable(self);
    return;
  }
  std::string msg = "unclosed " + text;
  if (runtime_warn(&exc_ResourceWarning, msg.c_str(), 1) < 0) write_unraisable(self);
}

void sock_dealloc(Object* self) {
  if (load_fd(SO(self)) >= 0) {
    // CPython's sock_finalize: warn first (the warning's repr may still call getsockname()), then close.
    ORef pending = steal(error_take());
    alloc::resurrect_start(self);
    warn_unclosed(self);
    int fd = __atomic_exchange_n(&SO(self)->fd, -1, __ATOMIC_ACQ_REL);
    if (fd >= 0) ::close(fd);
    if (pending) set_error_steal(pending.release());
    if (!alloc::resurrect_end(self)) return;
  }
  Type* t = type_of(self);
  object_free(self);
  dealloc_type_ref(t);
}

Object* sock_repr(Object* self) {
  SocketObject* s = SO(self);
  return str_from_utf8(fmt::format("<socket object, fd={}, family={}, type={}, proto={}>", load_fd(s), s->family,
                                   s->type, s->proto));
}

// ---- Descriptor and mode ----

Object* sock_fileno(Object* self, Object*) { return int_from_i64(load_fd(SO(self))); }

Object* sock_detach(Object* self, Object*) {
  return int_from_i64(__atomic_exchange_n(&SO(self)->fd, -1, __ATOMIC_ACQ_REL));
}

Object* sock_close(Object* self, Object*) {
  int fd = __atomic_exchange_n(&SO(self)->fd, -1, __ATOMIC_ACQ_REL);
  if (fd >= 0) {
    int rc, e;
    {
      BlockingSection detached;  // close() may linger (SO_LINGER)
      rc = ::close(fd);
      e = errno;
    }
    // The peer may have reset the connection already: not an error for close() (bpo-30319). No retry on EINTR:
    // the descriptor is gone either way.
    if (rc < 0 && e != ECONNRESET) return raise_os_error_objects(e);
  }
  return newref(none());
}

Object* sock_setblocking(Object* self, Object* arg) {
  int block = object_is_true(arg);
  if (block < 0) return nullptr;
  __atomic_store_n(&SO(self)->timeout, int64_t(block ? -1 : 0), __ATOMIC_RELAXED);
  if (set_fd_blocking(SO(self), block) < 0) return nullptr;
  return newref(none());
}

Object* sock_getblocking(Object* self, Object*) { return newref(bool_obj(load_timeout(SO(self)) != 0)); }

Object* sock_settimeout(Object* self, Object* arg) {
  int64_t t;
  if (!parse_timeout(arg, &t)) return nullptr;
  __atomic_store_n(&SO(self)->timeout, t, __ATOMIC_RELAXED);
  if (set_fd_blocking(SO(self), t < 0) < 0) return nullptr;
  return newref(none());
}

Object* sock_gettimeout(Object* self, Object*) { return timeout_object(load_timeout(SO(self))); }
Object* sock_get_timeout(Object* self, void*) { return timeout_object(load_timeout(SO(self))); }

// ---- Addresses and connections ----

Object* sock_bind(Object* self, Object* arg) {
  SockAddr addr;
  socklen_t len;
  if (!sockaddr_arg(SO(self), arg, &addr, &len, "bind")) return nullptr;
  int rc, e;
  {
    BlockingSection detached;
    rc = ::bind(load_fd(SO(self)), &addr.sa, len);
    e = errno;
  }
  if (rc < 0) return raise_os_error_objects(e);
  return newref(none());
}

Object* sock_listen(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("listen", nargs, kwnames, 0, 1)) return nullptr;
  int backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
  if (nargs == 1 && !arg_int(args[0], &backlog)) return nullptr;
  if (backlog < 0) backlog = 0;
  if (::listen(load_fd(SO(self)), backlog) < 0) return raise_errno();
  return newref(none());
}

// CPython's internal_connect. Returns 0, or an errno when `raise` is false, or -1 with an exception.
int do_connect(SocketObject* s, const SockAddr& addr, socklen_t len, bool raise) {
  int rc, e;
  {
    BlockingSection detached;
    rc = ::connect(load_fd(s), &addr.sa, len);
    e = errno;
  }
  if (rc == 0) return 0;
  int64_t timeout = load_timeout(s);
  // After EINTR the connection goes on asynchronously; in timeout mode EINPROGRESS means the same.
  bool wait = e == EINTR ? timeout != 0 : (timeout > 0 && e == EINPROGRESS);
  if (!wait) {
    if (raise) return (raise_os_error_objects(e), -1);
    return e;
  }
  auto check = [s] {
    int err = 0;
    socklen_t n = sizeof(err);
    if (getsockopt(load_fd(s), SOL_SOCKET, SO_ERROR, &err, &n) < 0) return false;
    if (err == EISCONN || err == 0) return true;
    errno = err;
    return false;
  };
  int err = 0;
  if (!sock_call(s, true, check, raise ? nullptr : &err, true, timeout)) return raise ? -1 : err;
  return 0;
}

Object* sock_connect(Object* self, Object* arg) {
  SockAddr addr;
  socklen_t len;
  if (!sockaddr_arg(SO(self), arg, &addr, &len, "connect")) return nullptr;
  if (do_connect(SO(self), addr, len, true) < 0) return nullptr;
  return newref(none());
}

Object* sock_connect_ex(Object* self, Object* arg) {
  SockAddr addr;
  socklen_t len;
  if (!sockaddr_arg(SO(self), arg, &addr, &len, "connect_ex")) return nullptr;
  int r = do_connect(SO(self), addr, len, false);
  if (r < 0) return nullptr;
  return int_from_i64(r);
}

Object* sock_accept(Object* self, Object*) {
  SocketObject* s = SO(self);
  SockAddr addr = {};
  socklen_t len = sizeof(addr);
  int newfd = -1;
  auto op = [&] {
    len = sizeof(addr);
    newfd = accept4(load_fd(s), &addr.sa, &len, SOCK_CLOEXEC);
    return newfd >= 0;
  };
  if (!sock_call(s, false, op, nullptr, false, load_timeout(s))) return nullptr;
  ORef fd = steal(int_from_i64(newfd));
  if (!fd) {
    ::close(newfd);
    return nullptr;
  }
  ORef a = steal(sockaddr_object(&addr.sa, len));
  if (!a) {
    ::close(newfd);
    return nullptr;
  }
  return tuple_pack({fd.get(), a.get()});
}

Object* sock_name(Object* self, bool peer) {
  SockAddr addr = {};
  socklen_t len = sizeof(addr);
  int fd = load_fd(SO(self));
  if ((peer ? getpeername(fd, &addr.sa, &len) : getsockname(fd, &addr.sa, &len)) < 0) return raise_errno();
  return sockaddr_object(&addr.sa, len);
}
Object* sock_getsockname(Object* self, Object*) { return sock_name(self, false); }
Object* sock_getpeername(Object* self, Object*) { return sock_name(self, true); }

Object* sock_shutdown(Object* self, Object* arg) {
  int how;
  if (!arg_int(arg, &how)) return nullptr;
  if (::shutdown(load_fd(SO(self)), how) < 0) return raise_errno();
  return newref(none());
}

// ---- Receiving ----

// recv(2)/recvfrom(2) into buf; the byte count, or -1 with the error set. `addr` may be null.
ssize recv_some(SocketObject* s, char* buf, ssize n, int flags, SockAddr* addr, socklen_t* alen) {
  ssize_t got = -1;
  auto op = [&] {
    if (addr) {
      *alen = sizeof(*addr);
      got = ::recvfrom(load_fd(s), buf, size_t(n), flags, &addr->sa, alen);
    } else {
      got = ::recv(load_fd(s), buf, size_t(n), flags);
    }
    return got >= 0;
  };
  if (!sock_call(s, false, op, nullptr, false, load_timeout(s))) return -1;
  return ssize(got);
}

// The size and flags arguments of recv / recvfrom.
bool size_flags(const char* fname, Object* const* args, ssize nargs, Object* kwnames, ssize* n, int* flags) {
  if (!check_nargs(fname, nargs, kwnames, 1, 2) || !arg_ssize(args[0], n)) return false;
  if (nargs == 2 && !arg_int(args[1], flags)) return false;
  if (*n < 0) {
    set_errorf(&exc_ValueError, "negative buffersize in {}", fname);
    return false;
  }
  return true;
}

Object* sock_recv(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  ssize n;
  int flags = 0;
  if (!size_flags("recv", args, nargs, kwnames, &n, &flags)) return nullptr;
  std::unique_ptr<char[]> buf(new char[size_t(n ? n : 1)]);
  ssize got = recv_some(SO(self), buf.get(), n, flags, nullptr, nullptr);
  if (got < 0) return nullptr;
  return bytes_from(buf.get(), got);
}

Object* sock_recvfrom(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  ssize n;
  int flags = 0;
  if (!size_flags("recvfrom", args, nargs, kwnames, &n, &flags)) return nullptr;
  std::unique_ptr<char[]> buf(new char[size_t(n ? n : 1)]);
  SockAddr addr = {};
  socklen_t alen = 0;
  ssize got = recv_some(SO(self), buf.get(), n, flags, &addr, &alen);
  if (got < 0) return nullptr;
  ORef data = steal(bytes_from(buf.get(), got));
  ORef a = steal(sockaddr_object(&addr.sa, alen));
  if (!data || !a) return nullptr;
  return tuple_pack({data.get(), a.get()});
}

// The (buffer, nbytes=0, flags=0) arguments of recv_into / recvfrom_into: a writable buffer and the count to read.
bool into_args(const char* fname, Object* const* args, ssize nargs, Object* kwnames, BufferHold* view, ssize* n,
               int* flags, const char* too_small) {
  Object* a[3] = {};
  if (!parse_args(fname, args, nargs, kwnames, {"buffer", "nbytes", "flags"}, 1, a)) return false;
  if (view->get(a[0], PyBUF_WRITABLE) < 0) {
    if (error_matches(&exc_TypeError) || error_matches(&exc_BufferError)) {
      error_clear();
      set_errorf(&exc_TypeError, "{}() argument 1 must be read-write bytes-like object, not {}", fname,
                 type_name(a[0]));
    }
    return false;
  }
  *n = 0;
  if ((a[1] && !arg_ssize(a[1], n)) || (a[2] && !arg_int(a[2], flags))) return false;
  if (*n < 0) {
    set_errorf(&exc_ValueError, "negative buffersize in {}", fname);
    return false;
  }
  if (*n == 0) {
    *n = (*view)->len;
  } else if ((*view)->len < *n) {
    set_error(&exc_ValueError, too_small);
    return false;
  }
  return true;
}

Object* sock_recv_into(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  BufferHold view;
  ssize n;
  int flags = 0;
  if (!into_args("recv_into", args, nargs, kwnames, &view, &n, &flags, "buffer too small for requested bytes"))
    return nullptr;
  ssize got = recv_some(SO(self), static_cast<char*>(view->buf), n, flags, nullptr, nullptr);
  if (got < 0) return nullptr;
  return int_from_i64(got);
}

Object* sock_recvfrom_into(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  BufferHold view;
  ssize n;
  int flags = 0;
  if (!into_args("recvfrom_into", args, nargs, kwnames, &view, &n, &flags,
                 "nbytes is greater than the length of the buffer"))
    return nullptr;
  SockAddr addr = {};
  socklen_t alen = 0;
  ssize got = recv_some(SO(self), static_cast<char*>(view->buf), n, flags, &addr, &alen);
  if (got < 0) return nullptr;
  ORef cnt = steal(int_from_i64(got));
  ORef a = steal(sockaddr_object(&addr.sa, alen));
  if (!cnt || !a) return nullptr;
  return tuple_pack({cnt.get(), a.get()});
}

// ---- Sending ----

// send(2)/sendto(2) once; the byte count or -1 with the error set. MSG_NOSIGNAL: a closed peer is EPIPE
// (BrokenPipeError), as in CPython, which ignores SIGPIPE.
ssize send_some(SocketObject* s, const char* buf, ssize n, int flags, const SockAddr* addr, socklen_t alen,
                int64_t timeout) {
  ssize_t put = -1;
  auto op = [&] {
    put = addr ? ::sendto(load_fd(s), buf, size_t(n), flags | MSG_NOSIGNAL, &addr->sa, alen)
               : ::send(load_fd(s), buf, size_t(n), flags | MSG_NOSIGNAL);
    return put >= 0;
  };
  if (!sock_call(s, true, op, nullptr, false, timeout)) return -1;
  return ssize(put);
}

bool data_flags(const char* fname, Object* const* args, ssize nargs, Object* kwnames, BufferHold* view, int* flags) {
  if (!check_nargs(fname, nargs, kwnames, 1, 2)) return false;
  if (view->get(args[0], PyBUF_SIMPLE) < 0) return false;
  return nargs < 2 || arg_int(args[1], flags);
}

Object* sock_send(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  BufferHold view;
  int flags = 0;
  if (!data_flags("send", args, nargs, kwnames, &view, &flags)) return nullptr;
  ssize put = send_some(SO(self), static_cast<const char*>(view->buf), view->len, flags, nullptr, 0,
                        load_timeout(SO(self)));
  if (put < 0) return nullptr;
  return int_from_i64(put);
}

Object* sock_sendall(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  BufferHold view;
  int flags = 0;
  if (!data_flags("sendall", args, nargs, kwnames, &view, &flags)) return nullptr;
  SocketObject* s = SO(self);
  const char* p = static_cast<const char*>(view->buf);
  ssize left = view->len;
  // The timeout bounds the whole call, not each send().
  int64_t timeout = load_timeout(s);
  int64_t deadline = timeout > 0 ? monotonic_ns() + timeout : 0;
  do {
    int64_t interval = timeout;
    if (timeout > 0) {
      interval = deadline - monotonic_ns();
      if (interval <= 0) return set_error(&exc_TimeoutError, "timed out");
    }
    ssize put = send_some(s, p, left, flags, nullptr, 0, interval);
    if (put < 0) return nullptr;
    p += put;
    left -= put;
    if (eval_breaker_check() < 0) return nullptr;
  } while (left > 0);
  return newref(none());
}

Object* sock_sendto(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) return set_error(&exc_TypeError, "sendto() takes no keyword arguments");
  if (nargs < 2 || nargs > 3) return set_errorf(&exc_TypeError, "sendto() takes 2 or 3 arguments ({} given)", nargs);
  BufferHold view;
  int flags = 0;
  if (view.get(args[0], PyBUF_SIMPLE) < 0) return nullptr;
  if (nargs == 3 && !arg_int(args[1], &flags)) return nullptr;
  SockAddr addr;
  socklen_t alen;
  if (!sockaddr_arg(SO(self), args[nargs - 1], &addr, &alen, "sendto")) return nullptr;
  ssize put = send_some(SO(self), static_cast<const char*>(view->buf), view->len, flags, &addr, alen,
                        load_timeout(SO(self)));
  if (put < 0) return nullptr;
  return int_from_i64(put);
}

// ---- Options ----

Object* sock_getsockopt(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("getsockopt", nargs, kwnames, 2, 3)) return nullptr;
  int level, opt, buflen = 0;
  if (!arg_int(args[0], &level) || !arg_int(args[1], &opt) || (nargs == 3 && !arg_int(args[2], &buflen)))
    return nullptr;
  int fd = load_fd(SO(self));
  if (nargs == 2) {
    int v = 0;
    socklen_t n = sizeof(v);
    if (getsockopt(fd, level, opt, &v, &n) < 0) return raise_errno();
    return int_from_i64(v);
  }
  if (buflen <= 0 || buflen > 1024) return set_error(&exc_OSError, "getsockopt buflen out of range");
  char buf[1024];
  socklen_t n = socklen_t(buflen);
  if (getsockopt(fd, level, opt, buf, &n) < 0) return raise_errno();
  return bytes_from(buf, ssize(n));
}

Object* sock_setsockopt(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) return set_error(&exc_TypeError, "setsockopt() takes no keyword arguments");
  if (nargs != 3 && nargs != 4)
    return set_errorf(&exc_TypeError, "setsockopt() takes exactly {} arguments ({} given)", nargs < 3 ? 3 : 4,
                      nargs);
  int level, opt;
  if (!arg_int(args[0], &level) || !arg_int(args[1], &opt)) return nullptr;
  int fd = load_fd(SO(self));
  int rc;
  if (nargs == 4) {
    // setsockopt(level, opt, None, optlen): a NULL option value of the given length (e.g. ALG_SET_AEAD_AUTHSIZE).
    if (args[2] != none())
      return set_errorf(&exc_TypeError, "setsockopt() argument 3 must be NoneType, not {}", type_name(args[2]));
    int optlen;
    if (!arg_int(args[3], &optlen)) return nullptr;
    rc = setsockopt(fd, level, opt, nullptr, socklen_t(optlen));
  } else if (index_check(args[2])) {
    int v;
    if (!arg_int(args[2], &v)) return nullptr;
    rc = setsockopt(fd, level, opt, &v, sizeof(v));
  } else {
    BufferHold view;
    if (view.get(args[2], PyBUF_SIMPLE) < 0) return nullptr;
    rc = setsockopt(fd, level, opt, view->buf, socklen_t(view->len));
  }
  if (rc < 0) return raise_errno();
  return newref(none());
}

// ---- The type ----

Object* sock_get_family(Object* self, void*) { return int_from_i64(SO(self)->family); }
Object* sock_get_type(Object* self, void*) { return int_from_i64(SO(self)->type); }
Object* sock_get_proto(Object* self, void*) { return int_from_i64(SO(self)->proto); }

#define KW(f) as_cfunc(f), METH_FASTCALL | METH_KEYWORDS
PyMethodDef sock_methods[] = {
    {"_accept", sock_accept, METH_NOARGS,
     "_accept() -> (integer, address info)\n\nWait for an incoming connection.  Return a new socket file "
     "descriptor\nrepresenting the connection, and the address of the client.\nFor IP sockets, the address info "
     "is a pair (hostaddr, port)."},
    {"bind", sock_bind, METH_O,
     "bind(address)\n\nBind the socket to a local address.  For IP sockets, the address is a\npair (host, port); "
     "the host must refer to the local host. For raw packet\nsockets the address is a tuple (ifname, proto [,"
     "pkttype [,hatype [,addr]]])"},
    {"close", sock_close, METH_NOARGS, "close()\n\nClose the socket.  It cannot be used after this call."},
    {"connect", sock_connect, METH_O,
     "connect(address)\n\nConnect the socket to a remote address.  For IP sockets, the address\nis a pair (host, "
     "port)."},
    {"connect_ex", sock_connect_ex, METH_O,
     "connect_ex(address) -> errno\n\nThis is like connect(address), but returns an error code (the errno value)\n"
     "instead of raising an exception when an error occurs."},
    {"detach", sock_detach, METH_NOARGS,
     "detach()\n\nClose the socket object without closing the underlying file descriptor.\nThe object cannot be "
     "used after this call, but the file descriptor\ncan be reused for other purposes.  The file descriptor is "
     "returned."},
    {"fileno", sock_fileno, METH_NOARGS, "fileno() -> integer\n\nReturn the integer file descriptor of the socket."},
    {"getblocking", sock_getblocking, METH_NOARGS,
     "getblocking()\n\nReturns True if socket is in blocking mode, or False if it\nis in non-blocking mode."},
    {"getpeername", sock_getpeername, METH_NOARGS,
     "getpeername() -> address info\n\nReturn the address of the remote endpoint.  For IP sockets, the address\n"
     "info is a pair (hostaddr, port)."},
    {"getsockname", sock_getsockname, METH_NOARGS,
     "getsockname() -> address info\n\nReturn the address of the local endpoint. The format depends on the\n"
     "address family. For IPv4 sockets, the address info is a pair\n(hostaddr, port). For IPv6 sockets, the "
     "address info is a 4-tuple\n(hostaddr, port, flowinfo, scope_id)."},
    {"getsockopt", KW(sock_getsockopt),
     "getsockopt(level, option[, buffersize]) -> value\n\nGet a socket option.  See the Unix manual for level and "
     "option.\nIf a nonzero buffersize argument is given, the return value is a\nstring of that length; otherwise "
     "it is an integer."},
    {"gettimeout", sock_gettimeout, METH_NOARGS,
     "gettimeout() -> timeout\n\nReturns the timeout in seconds (float) associated with socket\noperations. A "
     "timeout of None indicates that timeouts on socket\noperations are disabled."},
    {"listen", KW(sock_listen),
     "listen([backlog])\n\nEnable a server to accept connections.  If backlog is specified, it must be\nat least "
     "0 (if it is lower, it is set to 0); it specifies the number of\nunaccepted connections that the system will "
     "allow before refusing new\nconnections. If not specified, a default reasonable value is chosen."},
    {"recv", KW(sock_recv),
     "recv(buffersize[, flags]) -> data\n\nReceive up to buffersize bytes from the socket.  For the optional flags"
     "\nargument, see the Unix manual.  When no data is available, block until\nat least one byte is available or "
     "until the remote end is closed.  When\nthe remote end is closed and all data is read, return the empty "
     "string."},
    {"recv_into", KW(sock_recv_into),
     "recv_into(buffer, [nbytes[, flags]]) -> nbytes_read\n\nA version of recv() that stores its data into a "
     "buffer rather than creating\na new string.  Receive up to buffersize bytes from the socket.  If buffersize\n"
     "is not specified (or 0), receive up to the size available in the given buffer.\n\nSee recv() for "
     "documentation about the flags."},
    {"recvfrom", KW(sock_recvfrom),
     "recvfrom(buffersize[, flags]) -> (data, address info)\n\nLike recv(buffersize, flags) but also return the "
     "sender's address info."},
    {"recvfrom_into", KW(sock_recvfrom_into),
     "recvfrom_into(buffer[, nbytes[, flags]]) -> (nbytes, address info)\n\nLike recv_into(buffer[, nbytes[, "
     "flags]]) but also return the sender's address info."},
    {"recvmsg", KW(sock_recvmsg),
     "recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)\n\nReceive normal data and "
     "ancillary data from the socket."},
    {"recvmsg_into", KW(sock_recvmsg_into),
     "recvmsg_into(buffers[, ancbufsize[, flags]]) -> (nbytes, ancdata, msg_flags, address)\n\nReceive normal "
     "data and ancillary data from the socket, scattering the\nnon-ancillary data into a series of buffers."},
    {"send", KW(sock_send),
     "send(data[, flags]) -> count\n\nSend a data string to the socket.  For the optional flags\nargument, see the "
     "Unix manual.  Return the number of bytes\nsent; this may be less than len(data) if the network is busy."},
    {"sendall", KW(sock_sendall),
     "sendall(data[, flags])\n\nSend a data string to the socket.  For the optional flags\nargument, see the Unix "
     "manual.  This calls send() repeatedly\nuntil all data is sent.  If an error occurs, it's impossible\nto tell "
     "how much data has been sent."},
    {"sendmsg", KW(sock_sendmsg),
     "sendmsg(buffers[, ancdata[, flags[, address]]]) -> count\n\nSend normal and ancillary data to the socket, "
     "gathering the\nnon-ancillary data from a series of buffers and concatenating it into\na single message."},
    {"sendto", KW(sock_sendto),
     "sendto(data[, flags], address) -> count\n\nLike send(data, flags) but allows specifying the destination "
     "address.\nFor IP sockets, the address is a pair (hostaddr, port)."},
    {"setblocking", sock_setblocking, METH_O,
     "setblocking(flag)\n\nSet the socket to blocking (flag is true) or non-blocking (false).\nsetblocking(True) "
     "is equivalent to settimeout(None);\nsetblocking(False) is equivalent to settimeout(0.0)."},
    {"setsockopt", KW(sock_setsockopt),
     "setsockopt(level, option, value: int)\nsetsockopt(level, option, value: buffer)\nsetsockopt(level, option, "
     "None, optlen: int)\n\nSet a socket option.  See the Unix manual for level and option.\nThe value argument "
     "can either be an integer, a string buffer, or\nNone, optlen."},
    {"settimeout", sock_settimeout, METH_O,
     "settimeout(timeout)\n\nSet a timeout on socket operations.  'timeout' can be a float,\ngiving in seconds, "
     "or None.  Setting a timeout of None disables\nthe timeout feature and is equivalent to setblocking(1).\n"
     "Setting a timeout of zero is the same as setblocking(0)."},
    {"shutdown", sock_shutdown, METH_O,
     "shutdown(flag)\n\nShut down the reading side of the socket (flag == SHUT_RD), the writing side\nof the "
     "socket (flag == SHUT_WR), or both ends (flag == SHUT_RDWR)."},
    {nullptr, nullptr, 0, nullptr},
};
#undef KW

PyGetSetDef sock_getset[] = {
    {"family", sock_get_family, nullptr, "the socket family", nullptr},
    {"type", sock_get_type, nullptr, "the socket type", nullptr},
    {"proto", sock_get_proto, nullptr, "the socket protocol", nullptr},
    {"timeout", sock_get_timeout, nullptr, "the socket timeout", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

Type socket_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_socket.socket",
    .tp_basicsize = sizeof(SocketObject),
    .tp_dealloc = sock_dealloc,
    .tp_repr = sock_repr,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_doc =
        "socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object\nsocket(family=-1, type=-1, proto=-1, "
        "fileno=None) -> socket object\n\nOpen a socket of the given type.  The family argument specifies the\n"
        "address family; it defaults to AF_INET.  The type argument specifies\nwhether this is a stream "
        "(SOCK_STREAM, this is the default)\nor datagram (SOCK_DGRAM) socket.  The protocol argument defaults to 0,"
        "\nspecifying the default protocol.  Keyword arguments are accepted.\nThe socket is created as "
        "non-inheritable.\n\nWhen a fileno is passed in, family, type and proto are auto-detected,\nunless they are "
        "explicitly set.\n\nA socket object represents one endpoint of a network connection.",
    .tp_methods = sock_methods,
    .tp_getset = sock_getset,
    .tp_init = sock_init,
    .tp_new = sock_new,
};

Object* new_socket_object(int fd, int family, int type, int proto) {
  Object* o = sock_new(&socket_type, nullptr, nullptr);
  if (!o) {
    ::close(fd);
    return nullptr;
  }
  if (init_socket(SO(o), fd, family, type, proto) < 0) {
    decref(o);  // closes fd
    return nullptr;
  }
  return o;
}

}  // namespace pyvm::sock
