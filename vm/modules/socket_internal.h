// Pieces the files of the _socket module share (socket_module.cc, socket_object.cc, socket_addr.cc): the socket
// object's layout, address conversion, the resolver's errors and timeouts.
//
// Thread-safety contract (the whole module):
// - A socket object's `fd` and `timeout` are read and written only with atomic loads/stores/exchanges (no lock), as
//   CPython 3.13t does. close() and detach() exchange the fd with -1, so exactly one caller closes a descriptor; a
//   thread still blocked in recv() on the old number then sees EBADF or the peer's shutdown from the kernel.
// - `family`, `type` and `proto` are written by __init__ only (before the object is normally shared) and read
//   plainly afterwards.
// - Every system call that may block (connect, accept, recv*, send*, poll, getaddrinfo, gethostbyname_r ...) runs
//   detached (vm/threads.h BlockingSection) and touches no Python object while detached: arguments are copied to
//   C++ values or held as Py_buffer views (whose memory stays put while the view is held) before detaching.
// - The module's default timeout is one atomic int64. The resolver uses only the reentrant libc functions.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cerrno>
#include <cstdint>
#include <string>

#include "objects/object.h"
#include "vm/threads.h"

namespace pyvm::sock {

// _socket.socket's instance layout.
struct SocketObject {
  Object ob_base;
  int fd;           // atomic; -1 when closed or detached
  int family;       // written by __init__ only
  int type;         // SOCK_NONBLOCK / SOCK_CLOEXEC bits removed
  int proto;
  int64_t timeout;  // atomic; nanoseconds: -1 blocking, 0 non-blocking, > 0 timeout mode (the fd is O_NONBLOCK)
};
inline SocketObject* SO(Object* o) { return reinterpret_cast<SocketObject*>(o); }
inline int load_fd(SocketObject* s) { return __atomic_load_n(&s->fd, __ATOMIC_ACQUIRE); }
inline int64_t load_timeout(SocketObject* s) { return __atomic_load_n(&s->timeout, __ATOMIC_RELAXED); }

extern Type socket_type;

// Any socket address the module handles.
union SockAddr {
  struct sockaddr sa;
  struct sockaddr_in in;
  struct sockaddr_in6 in6;
  struct sockaddr_un un;
  struct sockaddr_storage storage;
};

// ---- Errors (socket_addr.cc) ----
// The exception classes socket.herror and socket.gaierror, created once with the module (immortal afterwards).
extern Object* g_herror;
extern Object* g_gaierror;
// gaierror((err, gai_strerror(err))), or OSError from errno for EAI_SYSTEM.
std::nullptr_t raise_gaierror(int err);
// herror((err, hstrerror(err))).
std::nullptr_t raise_herror(int err);

// ---- Addresses (socket_addr.cc) ----
// A host name argument (CPython's idna_converter): str (ASCII, or encoded with the 'idna' codec), bytes or
// bytearray; TypeError for other types and for embedded NUL characters.
[[nodiscard]] bool host_arg(Object* o, std::string* out);
// CPython's setipaddr: resolves `name` ("" = any address, "<broadcast>", a numeric address or a host name, looked
// up detached) into *out for family `af` (AF_INET, AF_INET6 or AF_UNSPEC); returns the address length, or -1 with
// gaierror / OSError set.
[[nodiscard]] int set_ip_addr(const std::string& name, SockAddr* out, int af);
// The C address for a Python address argument of socket `s`'s family (CPython's getsockaddrarg); `caller` names
// the method in messages ("bind", "connect" ...). False with the error set.
[[nodiscard]] bool sockaddr_arg(SocketObject* s, Object* arg, SockAddr* out, socklen_t* len, const char* caller);
// The Python form of an address (CPython's makesockaddr): None when len is 0, (host, port) for AF_INET,
// (host, port, flowinfo, scope_id) for AF_INET6, str or bytes (abstract namespace) for AF_UNIX, else
// (family, bytes).
[[nodiscard]] Object* sockaddr_object(const struct sockaddr* a, socklen_t len);

// ---- Timeouts (socket_object.cc) ----
// A timeout argument (None = -1) in nanoseconds, rounded away from zero; ValueError "Timeout value out of range"
// for negative values.
[[nodiscard]] bool parse_timeout(Object* o, int64_t* out);
[[nodiscard]] Object* timeout_object(int64_t ns);  // None or float seconds
int64_t default_timeout();
void set_default_timeout(int64_t ns);

// ---- Blocking calls (socket_object.cc) ----
// Waits with poll(2), detached, until s's descriptor is readable (writable when `writing`; also errors when
// `connect`) for at most `ns` nanoseconds (-1: forever). 1 ready, 0 timed out, -1 failed (errno in *err).
int wait_ready(SocketObject* s, bool writing, int64_t ns, bool connect, int* err);
int64_t monotonic_ns();

// CPython's sock_call_ex: runs `op` (a callable returning true on success and false with errno set), detached,
// retrying on EINTR. With a timeout (`timeout` > 0, nanoseconds) or for a connect in progress, first waits for the
// descriptor with wait_ready, raising TimeoutError "timed out" when the time is up. On failure returns false with
// OSError raised, or, when `err` is given, with the errno stored there instead (EWOULDBLOCK for a timeout).
template <class Op>
[[nodiscard]] bool sock_call(SocketObject* s, bool writing, Op&& op, int* err, bool connect, int64_t timeout);
[[nodiscard]] bool sock_call_failed(int e, int* err);  // sets the error (or *err); returns false

template <class Op>
bool sock_call(SocketObject* s, bool writing, Op&& op, int* err, bool connect, int64_t timeout) {
  bool has_timeout = timeout > 0;
  int64_t deadline = has_timeout ? monotonic_ns() + timeout : 0;
  for (;;) {
    if (has_timeout || connect) {
      int64_t left = -1;
      if (has_timeout) {
        left = deadline - monotonic_ns();
        if (left < 0) left = 0;
      }
      int e = 0;
      int r = wait_ready(s, writing, left, connect, &e);
      if (r < 0) {
        if (e == EINTR) continue;  // no Python-level signal handlers to run: wait again with the time left
        return sock_call_failed(e, err);
      }
      if (r == 0) return sock_call_failed(-1, err);
    }
    int e;
    for (;;) {
      bool ok;
      {
        BlockingSection detached;
        ok = op();
        e = errno;
      }
      if (ok) {
        if (err) *err = 0;
        return true;
      }
      if (e != EINTR) break;
    }
    // poll() said ready but the data went away (e.g. a bad checksum): wait again.
    if (has_timeout && (e == EWOULDBLOCK || e == EAGAIN)) continue;
    return sock_call_failed(e, err);
  }
}

// A new _socket.socket (exactly that type) for an open descriptor, as socketpair() returns; closes fd on failure.
[[nodiscard]] Object* new_socket_object(int fd, int family, int type, int proto);

// sendmsg / recvmsg / recvmsg_into (socket_msg.cc), METH_FASTCALL methods of the socket type.
[[nodiscard]] Object* sock_sendmsg(Object* self, Object* const* args, ssize nargs, Object* kwnames);
[[nodiscard]] Object* sock_recvmsg(Object* self, Object* const* args, ssize nargs, Object* kwnames);
[[nodiscard]] Object* sock_recvmsg_into(Object* self, Object* const* args, ssize nargs, Object* kwnames);

// Positional-only argument counts with CPython's getargs messages ("recv() takes at least 1 argument (0 given)").
[[nodiscard]] bool check_nargs(const char* fname, ssize nargs, Object* kwnames, ssize min, ssize max);
// Argument converters: "i" (int), "n" (Py_ssize_t), "I" (unsigned int, masked).
[[nodiscard]] bool arg_int(Object* o, int* out);
[[nodiscard]] bool arg_ssize(Object* o, ssize* out);

}  // namespace pyvm::sock
