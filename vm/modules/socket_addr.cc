// Socket addresses for the _socket module: Python address tuples <-> struct sockaddr for AF_INET, AF_INET6 and
// AF_UNIX (with Linux's abstract namespace), host name resolution into an address, and the resolver's exceptions.
// Thread contract: see socket_internal.h; the lookups here run detached and use only local buffers.
#include <arpa/inet.h>
#include <netdb.h>

#include <cstddef>
#include <cstring>

#include "objects/abstract.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/socket_internal.h"
#include "vm/oserror.h"
#include "vm/threads.h"

namespace pyvm::sock {

Object* g_herror = nullptr;
Object* g_gaierror = nullptr;

namespace {

std::nullptr_t raise_pair(Object* cls, int err, const char* msg) {
  ORef code = steal(int_from_i64(err));
  ORef text = steal(str_from_utf8(msg));
  if (!code || !text) return nullptr;
  ORef args = steal(tuple_pack({code.get(), text.get()}));
  if (!args) return nullptr;
  return set_error_value(reinterpret_cast<Type*>(cls), args.get());
}

// getaddrinfo(3) detached, for set_ip_addr.
int lookup(const char* host, const char* port, const struct addrinfo* hints, struct addrinfo** res) {
  BlockingSection detached;
  return getaddrinfo(host, port, hints, res);
}

// An int argument converted as Argument Clinic's "i" (PyLong_AsInt): TypeError for non-integers, OverflowError.
bool int_value(Object* o, int* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow || v < INT32_MIN || v > INT32_MAX) {
    set_error(&exc_OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = int(v);
  return true;
}

// "I": an unsigned int taken modulo 2**32 (PyLong_AsUnsignedLongMask).
bool uint_mask(Object* o, unsigned* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  ORef mask = steal(int_from_u64(0xffffffffu));
  if (!mask) return false;
  ORef low = steal(binary_op(i.get(), mask.get(), NB_AND));
  if (!low) return false;
  int overflow = 0;
  *out = unsigned(int_as_i64(low.get(), &overflow));
  return true;
}

// The (host, port) head of an AF_INET / AF_INET6 address tuple, with CPython's messages.
bool host_port(Object* arg, const char* caller, std::string* host, int* port) {
  if (!host_arg(tuple_get(arg, 0), host)) return false;
  if (!int_value(tuple_get(arg, 1), port)) {
    if (error_matches(&exc_OverflowError)) {
      error_clear();
      set_errorf(&exc_OverflowError, "{}(): port must be 0-65535.", caller);
    }
    return false;
  }
  return true;
}

bool check_port(int port, const char* caller) {
  if (port < 0 || port > 0xffff) {
    set_errorf(&exc_OverflowError, "{}(): port must be 0-65535.", caller);
    return false;
  }
  return true;
}

}  // namespace

std::nullptr_t raise_gaierror(int err) {
  if (err == EAI_SYSTEM) return raise_errno();
  return raise_pair(g_gaierror, err, gai_strerror(err));
}

std::nullptr_t raise_herror(int err) { return raise_pair(g_herror, err, hstrerror(err)); }

bool host_arg(Object* o, std::string* out) {
  if (type_check(o, &bytes_type)) {
    out->assign(bytes_data(o), size_t(bytes_size(o)));
  } else if (type_check(o, &bytearray_type)) {
    out->assign(bytearray_data(o), size_t(bytearray_size(o)));
  } else if (type_check(o, &str_type)) {
    if (str_is_ascii(o)) {
      out->assign(str_view(o));
    } else {
      ORef enc = steal(str_encode(o, "idna", nullptr));
      if (!enc || !type_check(enc.get(), &bytes_type)) {
        error_clear();
        set_error(&exc_TypeError, "encoding of hostname failed");
        return false;
      }
      out->assign(bytes_data(enc.get()), size_t(bytes_size(enc.get())));
    }
  } else {
    set_errorf(&exc_TypeError, "str, bytes or bytearray expected, not {}", type_name(o));
    return false;
  }
  if (out->find('\0') != std::string::npos) {
    set_error(&exc_TypeError, "host name must not contain null character");
    return false;
  }
  return true;
}

int set_ip_addr(const std::string& name, SockAddr* out, int af) {
  std::memset(out, 0, sizeof(*out));
  struct addrinfo hints = {}, *res = nullptr;
  if (name.empty()) {
    // The wildcard address of the family, as getaddrinfo reports it for a passive socket.
    hints.ai_family = af;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_PASSIVE;
    int err = lookup(nullptr, "0", &hints, &res);
    if (err) return (raise_gaierror(err), -1);
    int size = res->ai_family == AF_INET ? 4 : res->ai_family == AF_INET6 ? 16 : 0;
    if (!size || res->ai_next) {
      freeaddrinfo(res);
      set_error(&exc_OSError, size ? "wildcard resolved to multiple address" : "unsupported address family");
      return -1;
    }
    std::memcpy(out, res->ai_addr, std::min(size_t(res->ai_addrlen), sizeof(*out)));
    freeaddrinfo(res);
    return size;
  }
  if (name == "255.255.255.255" || name == "<broadcast>") {
    if (af != AF_INET && af != AF_UNSPEC) {
      set_error(&exc_OSError, "address family mismatched");
      return -1;
    }
    out->in.sin_family = AF_INET;
    out->in.sin_addr.s_addr = INADDR_BROADCAST;
    return 4;
  }
  // Numeric addresses need no lookup (a scope "%eth0" does: getaddrinfo maps the interface name).
  if ((af == AF_UNSPEC || af == AF_INET) && inet_pton(AF_INET, name.c_str(), &out->in.sin_addr) > 0) {
    out->in.sin_family = AF_INET;
    return 4;
  }
  if ((af == AF_UNSPEC || af == AF_INET6) && name.find('%') == std::string::npos &&
      inet_pton(AF_INET6, name.c_str(), &out->in6.sin6_addr) > 0) {
    out->in6.sin6_family = AF_INET6;
    return 16;
  }
  std::memset(out, 0, sizeof(*out));
  hints.ai_family = af;
  int err = lookup(name.c_str(), nullptr, &hints, &res);
  if (err) return (raise_gaierror(err), -1);
  std::memcpy(out, res->ai_addr, std::min(size_t(res->ai_addrlen), sizeof(*out)));
  freeaddrinfo(res);
  switch (out->sa.sa_family) {
    case AF_INET:
      return 4;
    case AF_INET6:
      return 16;
    default:
      set_error(&exc_OSError, "unknown address family");
      return -1;
  }
}

bool sockaddr_arg(SocketObject* s, Object* arg, SockAddr* out, socklen_t* len, const char* caller) {
  std::memset(out, 0, sizeof(*out));
  switch (s->family) {
    case AF_UNIX: {
      // A str is encoded with the file system encoding; bytes-like paths may hold NULs (the abstract namespace).
      ORef path = type_check(arg, &str_type) ? steal(str_encode(arg, "utf-8", "surrogateescape")) : borrow(arg);
      if (!path) return false;
      BufferHold view;
      if (view.get(path.get(), PyBUF_SIMPLE) < 0) return false;
      size_t n = size_t(view->len);
      const char* p = static_cast<const char*>(view->buf);
      bool abstract = n == 0 || p[0] == '\0';  // Linux: autobind, or a name in the abstract namespace
      if (abstract ? n > sizeof(out->un.sun_path) : n >= sizeof(out->un.sun_path)) {
        set_error(&exc_OSError, "AF_UNIX path too long");
        return false;
      }
      out->un.sun_family = AF_UNIX;
      std::memcpy(out->un.sun_path, p, n);
      *len = socklen_t(offsetof(struct sockaddr_un, sun_path) + n + (abstract ? 0 : 1));
      return true;
    }
    case AF_INET: {
      if (!type_check(arg, &tuple_type)) {
        set_errorf(&exc_TypeError, "{}(): AF_INET address must be tuple, not {}", caller, type_name(arg));
        return false;
      }
      if (tuple_size(arg) != 2) {
        set_error(&exc_TypeError, "AF_INET address must be a pair (host, port)");
        return false;
      }
      std::string host;
      int port = 0;
      if (!host_port(arg, caller, &host, &port)) return false;
      if (set_ip_addr(host, out, AF_INET) < 0 || !check_port(port, caller)) return false;
      out->in.sin_family = AF_INET;
      out->in.sin_port = htons(uint16_t(port));
      *len = sizeof(out->in);
      return true;
    }
    case AF_INET6: {
      if (!type_check(arg, &tuple_type)) {
        set_errorf(&exc_TypeError, "{}(): AF_INET6 address must be tuple, not {}", caller, type_name(arg));
        return false;
      }
      ssize n = tuple_size(arg);
      if (n < 2 || n > 4) {
        set_error(&exc_TypeError, "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
        return false;
      }
      std::string host;
      int port = 0;
      unsigned flowinfo = 0, scope_id = 0;
      if (!host_port(arg, caller, &host, &port)) return false;
      if (n > 2 && !uint_mask(tuple_get(arg, 2), &flowinfo)) return false;
      if (n > 3 && !uint_mask(tuple_get(arg, 3), &scope_id)) return false;
      if (set_ip_addr(host, out, AF_INET6) < 0 || !check_port(port, caller)) return false;
      if (flowinfo > 0xfffff) {
        set_errorf(&exc_OverflowError, "{}(): flowinfo must be 0-1048575.", caller);
        return false;
      }
      out->in6.sin6_family = AF_INET6;
      out->in6.sin6_port = htons(uint16_t(port));
      out->in6.sin6_flowinfo = htonl(flowinfo);
      out->in6.sin6_scope_id = scope_id;
      *len = sizeof(out->in6);
      return true;
    }
    default:
      set_errorf(&exc_OSError, "{}(): bad family", caller);
      return false;
  }
}

Object* sockaddr_object(const struct sockaddr* a, socklen_t len) {
  if (len == 0) return newref(none());
  switch (a->sa_family) {
    case AF_INET: {
      auto* in = reinterpret_cast<const struct sockaddr_in*>(a);
      char buf[INET_ADDRSTRLEN];
      if (!inet_ntop(AF_INET, &in->sin_addr, buf, sizeof(buf))) return raise_errno();
      ORef host = steal(str_from_utf8(buf));
      ORef port = steal(int_from_i64(ntohs(in->sin_port)));
      if (!host || !port) return nullptr;
      return tuple_pack({host.get(), port.get()});
    }
    case AF_INET6: {
      auto* in6 = reinterpret_cast<const struct sockaddr_in6*>(a);
      char buf[INET6_ADDRSTRLEN];
      if (!inet_ntop(AF_INET6, &in6->sin6_addr, buf, sizeof(buf))) return raise_errno();
      ORef host = steal(str_from_utf8(buf));
      ORef port = steal(int_from_i64(ntohs(in6->sin6_port)));
      ORef flow = steal(int_from_u64(ntohl(in6->sin6_flowinfo)));
      ORef scope = steal(int_from_u64(in6->sin6_scope_id));
      if (!host || !port || !flow || !scope) return nullptr;
      return tuple_pack({host.get(), port.get(), flow.get(), scope.get()});
    }
    case AF_UNIX: {
      auto* un = reinterpret_cast<const struct sockaddr_un*>(a);
      size_t off = offsetof(struct sockaddr_un, sun_path);
      size_t n = len > off ? std::min(size_t(len) - off, sizeof(un->sun_path)) : 0;
      if (n > 0 && un->sun_path[0] == '\0') return bytes_from(un->sun_path, ssize(n));  // abstract namespace
      return str_decode(un->sun_path, ssize(strnlen(un->sun_path, n)), "utf-8", "surrogateescape");
    }
    default: {
      ORef fam = steal(int_from_i64(a->sa_family));
      ORef data = steal(bytes_from(a->sa_data, sizeof(a->sa_data)));
      if (!fam || !data) return nullptr;
      return tuple_pack({fam.get(), data.get()});
    }
  }
}

}  // namespace pyvm::sock
