// The _socket module (socket.py's base): its functions (socketpair, the resolver, byte order and address
// conversions, interface names, the default timeout), its constants and exceptions; the socket type itself is in
// socket_object.cc, addresses in socket_addr.cc, sendmsg/recvmsg in socket_msg.cc.
// Thread contract: see socket_internal.h. The lookups here run detached and use the reentrant libc functions
// (getaddrinfo, getnameinfo, gethostbyname_r, getservbyname_r ...), with buffers local to the call.
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <net/ethernet.h>
#include <netdb.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <netpacket/packet.h>
#include <linux/can.h>
#include <linux/can/bcm.h>
#include <linux/can/isotp.h>
#include <linux/can/j1939.h>
#include <linux/can/raw.h>
#include <linux/if_alg.h>
#include <linux/netlink.h>
#include <linux/sockios.h>
#include <linux/tipc.h>
#include <linux/vm_sockets.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/modules/socket_internal.h"
#include "vm/oserror.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

using namespace sock;

constexpr int kFastKw = METH_FASTCALL | METH_KEYWORDS;

Object* fs_str(const char* s) { return str_decode(s, ssize(std::strlen(s)), "utf-8", "surrogateescape"); }

// A "s" argument: a str without NUL characters, as UTF-8.
bool str_arg(const char* fname, int pos, Object* o, std::string* out) {
  if (!type_check(o, &str_type)) {
    set_errorf(&exc_TypeError, "{}() argument {} must be str, not {}", fname, pos, type_name(o));
    return false;
  }
  out->assign(str_view(o));
  if (out->find('\0') != std::string::npos) {
    set_error(&exc_ValueError, "embedded null character");
    return false;
  }
  return true;
}

// ---- socketpair, dup, close ----

Object* socket_socketpair(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("socketpair", nargs, kwnames, 0, 3)) return nullptr;
  int family = AF_UNIX, type = SOCK_STREAM, proto = 0;
  if ((nargs > 0 && !arg_int(args[0], &family)) || (nargs > 1 && !arg_int(args[1], &type)) ||
      (nargs > 2 && !arg_int(args[2], &proto)))
    return nullptr;
  int sv[2];
  if (::socketpair(family, type | SOCK_CLOEXEC, proto, sv) < 0) return raise_errno();
  ORef a = steal(new_socket_object(sv[0], family, type, proto));
  if (!a) {
    ::close(sv[1]);
    return nullptr;
  }
  ORef b = steal(new_socket_object(sv[1], family, type, proto));
  if (!b) return nullptr;
  return tuple_pack({a.get(), b.get()});
}

Object* socket_dup(Object*, Object* arg) {
  int fd;
  if (!arg_int(arg, &fd)) return nullptr;
  int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (nfd < 0) return raise_errno();
  return int_from_i64(nfd);
}

Object* socket_close(Object*, Object* arg) {
  int fd;
  if (!arg_int(arg, &fd)) return nullptr;
  int rc, e;
  {
    BlockingSection detached;
    rc = ::close(fd);
    e = errno;
  }
  if (rc < 0 && e != ECONNRESET) return raise_os_error_objects(e);
  return newref(none());
}

// ---- Timeouts ----

Object* socket_getdefaulttimeout(Object*, Object*) { return timeout_object(default_timeout()); }

Object* socket_setdefaulttimeout(Object*, Object* arg) {
  int64_t t;
  if (!parse_timeout(arg, &t)) return nullptr;
  set_default_timeout(t);
  return newref(none());
}

// ---- Host names ----

Object* socket_gethostname(Object*, Object*) {
  char buf[1024];
  if (gethostname(buf, sizeof(buf) - 1) < 0) return raise_errno();
  buf[sizeof(buf) - 1] = '\0';
  return fs_str(buf);
}

Object* socket_sethostname(Object*, Object* arg) {
  ORef name = steal(posix::fs_converter(arg));
  if (!name) return nullptr;
  if (sethostname(bytes_data(name.get()), size_t(bytes_size(name.get()))) < 0) return raise_errno();
  return newref(none());
}

// A host name argument of the gethostby* functions.
bool host_name_arg(const char* fname, Object* o, std::string* out) {
  if (!type_check(o, &str_type) && !type_check(o, &bytes_type) && !type_check(o, &bytearray_type)) {
    set_errorf(&exc_TypeError, "{}() argument 1 must be str, bytes or bytearray, not {}", fname, type_name(o));
    return false;
  }
  return host_arg(o, out);
}

// The text form of an IPv4 / IPv6 address in binary form.
Object* ip_text(int af, const void* addr) {
  char buf[INET6_ADDRSTRLEN];
  if (!inet_ntop(af, addr, buf, sizeof(buf))) return raise_errno();
  return str_from_utf8(buf);
}

Object* socket_gethostbyname(Object*, Object* arg) {
  std::string name;
  if (!host_name_arg("gethostbyname", arg, &name)) return nullptr;
  SockAddr addr;
  if (set_ip_addr(name, &addr, AF_INET) < 0) return nullptr;
  return ip_text(AF_INET, &addr.in.sin_addr);
}

// CPython's gethost_common: (name, aliases, addresses) from a hostent, or herror.
Object* host_tuple(struct hostent* h, int herr, int af) {
  if (!h) return raise_herror(herr);
  if (h->h_addrtype != af) return raise_os_error_objects(EAFNOSUPPORT);
  ORef aliases = steal(list_new(0));
  ORef addrs = steal(list_new(0));
  if (!aliases || !addrs) return nullptr;
  for (char** p = h->h_aliases; p && *p; p++) {
    ORef s = steal(str_from_utf8(*p));
    if (!s || list_append(aliases.get(), s.get()) < 0) return nullptr;
  }
  for (char** p = h->h_addr_list; p && *p; p++) {
    ORef s = steal(ip_text(af, *p));
    if (!s || list_append(addrs.get(), s.get()) < 0) return nullptr;
  }
  ORef name = steal(str_from_utf8(h->h_name ? h->h_name : ""));
  if (!name) return nullptr;
  return tuple_pack({name.get(), aliases.get(), addrs.get()});
}

Object* socket_gethostbyname_ex(Object*, Object* arg) {
  std::string name;
  if (!host_name_arg("gethostbyname_ex", arg, &name)) return nullptr;
  SockAddr addr;
  if (set_ip_addr(name, &addr, AF_INET) < 0) return nullptr;
  struct hostent he, *h = nullptr;
  std::vector<char> buf(16384);
  int herr = 0;
  {
    BlockingSection detached;
    gethostbyname_r(name.c_str(), &he, buf.data(), buf.size(), &h, &herr);
  }
  return host_tuple(h, herr, addr.sa.sa_family);
}

Object* socket_gethostbyaddr(Object*, Object* arg) {
  std::string name;
  if (!host_name_arg("gethostbyaddr", arg, &name)) return nullptr;
  SockAddr addr;
  if (set_ip_addr(name, &addr, AF_UNSPEC) < 0) return nullptr;
  int af = addr.sa.sa_family;
  const void* ap = af == AF_INET6 ? static_cast<const void*>(&addr.in6.sin6_addr) : &addr.in.sin_addr;
  socklen_t al = af == AF_INET6 ? sizeof(addr.in6.sin6_addr) : sizeof(addr.in.sin_addr);
  struct hostent he, *h = nullptr;
  std::vector<char> buf(16384);
  int herr = 0;
  {
    BlockingSection detached;
    gethostbyaddr_r(ap, al, af, &he, buf.data(), buf.size(), &h, &herr);
  }
  return host_tuple(h, herr, af);
}

// ---- getaddrinfo / getnameinfo ----

Object* socket_getaddrinfo(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[6] = {};
  if (!parse_args("getaddrinfo", args, nargs, kwnames, {"host", "port", "family", "type", "proto", "flags"}, 2, a))
    return nullptr;
  std::string host, port;
  bool has_host = a[0] != none(), has_port = a[1] != none();
  if (has_host) {
    if (type_check(a[0], &str_type)) {
      ORef enc = steal(str_is_ascii(a[0]) ? str_encode(a[0], "ascii", nullptr) : str_encode(a[0], "idna", nullptr));
      if (!enc) return nullptr;
      host.assign(bytes_view(enc.get()));
    } else if (type_check(a[0], &bytes_type)) {
      host.assign(bytes_view(a[0]));
    } else {
      return set_error(&exc_TypeError, "getaddrinfo() argument 1 must be string or None");
    }
  }
  if (has_port) {
    if (type_check(a[1], &int_type)) {
      int overflow = 0;
      int64_t v = int_as_i64(a[1], &overflow);
      if (overflow) return set_error(&exc_OverflowError, "Python int too large to convert to C long");
      port = std::to_string(v);
    } else if (type_check(a[1], &str_type)) {
      port.assign(str_view(a[1]));
    } else if (type_check(a[1], &bytes_type)) {
      port.assign(bytes_view(a[1]));
    } else {
      return set_error(&exc_OSError, "Int or String expected");
    }
  }
  int family = 0, type = 0, proto = 0, flags = 0;
  if ((a[2] && !arg_int(a[2], &family)) || (a[3] && !arg_int(a[3], &type)) || (a[4] && !arg_int(a[4], &proto)) ||
      (a[5] && !arg_int(a[5], &flags)))
    return nullptr;
  struct addrinfo hints = {}, *res = nullptr;
  hints.ai_family = family;
  hints.ai_socktype = type;
  hints.ai_protocol = proto;
  hints.ai_flags = flags;
  int err;
  {
    BlockingSection detached;
    err = getaddrinfo(has_host ? host.c_str() : nullptr, has_port ? port.c_str() : nullptr, &hints, &res);
  }
  if (err) return raise_gaierror(err);
  ORef list = steal(list_new(0));
  for (struct addrinfo* r = res; list && r; r = r->ai_next) {
    ORef fam = steal(int_from_i64(r->ai_family));
    ORef st = steal(int_from_i64(r->ai_socktype));
    ORef pr = steal(int_from_i64(r->ai_protocol));
    ORef canon = steal(str_from_utf8(r->ai_canonname ? r->ai_canonname : ""));
    ORef addr = steal(sockaddr_object(r->ai_addr, r->ai_addrlen));
    ORef item = fam && st && pr && canon && addr
                    ? steal(tuple_pack({fam.get(), st.get(), pr.get(), canon.get(), addr.get()}))
                    : ORef();
    if (!item || list_append(list.get(), item.get()) < 0) list = ORef();
  }
  freeaddrinfo(res);
  return list.release();
}

Object* socket_getnameinfo(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("getnameinfo", nargs, kwnames, 2, 2)) return nullptr;
  Object* sa = args[0];
  if (!type_check(sa, &tuple_type)) return set_error(&exc_TypeError, "getnameinfo() argument 1 must be a tuple");
  ssize n = tuple_size(sa);
  if (n < 2 || n > 4 || !type_check(tuple_get(sa, 0), &str_type))
    return set_error(&exc_TypeError, "getnameinfo(): illegal sockaddr argument");
  std::string host(str_view(tuple_get(sa, 0)));
  int port, flags;
  ORef mask = steal(int_from_u64(0xffffffffu));
  unsigned flowinfo = 0, scope_id = 0;
  if (!arg_int(tuple_get(sa, 1), &port)) return nullptr;
  for (ssize i = 2; i < n; i++) {
    ORef v = steal(number_index(tuple_get(sa, i)));
    ORef low = v && mask ? steal(binary_op(v.get(), mask.get(), NB_AND)) : ORef();
    if (!low) return nullptr;
    int overflow = 0;
    (i == 2 ? flowinfo : scope_id) = unsigned(int_as_i64(low.get(), &overflow));
  }
  if (!arg_int(args[1], &flags)) return nullptr;
  if (flowinfo > 0xfffff) return set_error(&exc_OverflowError, "getnameinfo(): flowinfo must be 0-1048575.");
  std::string pbuf = std::to_string(port);
  struct addrinfo hints = {}, *res = nullptr;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST;
  int err;
  {
    BlockingSection detached;
    err = getaddrinfo(host.c_str(), pbuf.c_str(), &hints, &res);
  }
  if (err) return raise_gaierror(err);
  struct Free {
    struct addrinfo* r;
    ~Free() { freeaddrinfo(r); }
  } guard{res};
  if (res->ai_next) return set_error(&exc_OSError, "sockaddr resolved to multiple addresses");
  SockAddr addr = {};
  std::memcpy(&addr, res->ai_addr, std::min(size_t(res->ai_addrlen), sizeof(addr)));
  if (addr.sa.sa_family == AF_INET) {
    if (n != 2) return set_error(&exc_OSError, "IPv4 sockaddr must be 2 tuple");
  } else if (addr.sa.sa_family == AF_INET6) {
    addr.in6.sin6_flowinfo = htonl(flowinfo);
    addr.in6.sin6_scope_id = scope_id;
  }
  char hbuf[NI_MAXHOST], sbuf[NI_MAXSERV];
  {
    BlockingSection detached;
    err = getnameinfo(&addr.sa, res->ai_addrlen, hbuf, sizeof(hbuf), sbuf, sizeof(sbuf), flags);
  }
  if (err) return raise_gaierror(err);
  ORef h = steal(str_from_utf8(hbuf));
  ORef s = steal(str_from_utf8(sbuf));
  if (!h || !s) return nullptr;
  return tuple_pack({h.get(), s.get()});
}

// ---- Services and protocols ----

Object* socket_getservbyname(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("getservbyname", nargs, kwnames, 1, 2)) return nullptr;
  std::string name, proto;
  if (!str_arg("getservbyname", 1, args[0], &name) || (nargs > 1 && !str_arg("getservbyname", 2, args[1], &proto)))
    return nullptr;
  struct servent se, *sp = nullptr;
  char buf[4096];
  {
    BlockingSection detached;
    getservbyname_r(name.c_str(), nargs > 1 ? proto.c_str() : nullptr, &se, buf, sizeof(buf), &sp);
  }
  if (!sp) return set_error(&exc_OSError, "service/proto not found");
  return int_from_i64(ntohs(uint16_t(sp->s_port)));
}

Object* socket_getservbyport(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("getservbyport", nargs, kwnames, 1, 2)) return nullptr;
  int port;
  std::string proto;
  if (!arg_int(args[0], &port) || (nargs > 1 && !str_arg("getservbyport", 2, args[1], &proto))) return nullptr;
  if (port < 0 || port > 0xffff) return set_error(&exc_OverflowError, "getservbyport: port must be 0-65535.");
  struct servent se, *sp = nullptr;
  char buf[4096];
  {
    BlockingSection detached;
    getservbyport_r(htons(uint16_t(port)), nargs > 1 ? proto.c_str() : nullptr, &se, buf, sizeof(buf), &sp);
  }
  if (!sp) return set_error(&exc_OSError, "port/proto not found");
  return str_from_utf8(sp->s_name);
}

Object* socket_getprotobyname(Object*, Object* arg) {
  std::string name;
  if (!str_arg("getprotobyname", 1, arg, &name)) return nullptr;
  struct protoent pe, *pp = nullptr;
  char buf[4096];
  {
    BlockingSection detached;
    getprotobyname_r(name.c_str(), &pe, buf, sizeof(buf), &pp);
  }
  if (!pp) return set_error(&exc_OSError, "protocol not found");
  return int_from_i64(pp->p_proto);
}

// ---- Address conversions ----

Object* socket_inet_aton(Object*, Object* arg) {
  if (!type_check(arg, &str_type))
    return set_errorf(&exc_TypeError, "inet_aton() argument must be str, not {}", type_name(arg));
  std::string s(str_view(arg));
  struct in_addr a;
  if (s.find('\0') != std::string::npos || inet_aton(s.c_str(), &a) == 0)
    return set_error(&exc_OSError, "illegal IP address string passed to inet_aton");
  return bytes_from(reinterpret_cast<const char*>(&a), 4);
}

Object* socket_inet_ntoa(Object*, Object* arg) {
  BufferHold view;
  if (view.get(arg, PyBUF_SIMPLE) < 0) return nullptr;
  if (view->len != 4) return set_error(&exc_OSError, "packed IP wrong length for inet_ntoa");
  return ip_text(AF_INET, view->buf);
}

Object* socket_inet_pton(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("inet_pton", nargs, kwnames, 2, 2)) return nullptr;
  int af;
  std::string s;
  if (!arg_int(args[0], &af) || !str_arg("inet_pton", 2, args[1], &s)) return nullptr;
  unsigned char buf[sizeof(struct in6_addr)];
  int r = inet_pton(af, s.c_str(), buf);
  if (r < 0) return raise_errno();
  if (r == 0) return set_error(&exc_OSError, "illegal IP address string passed to inet_pton");
  return bytes_from(reinterpret_cast<const char*>(buf), af == AF_INET ? 4 : 16);
}

Object* socket_inet_ntop(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("inet_ntop", nargs, kwnames, 2, 2)) return nullptr;
  int af;
  if (!arg_int(args[0], &af)) return nullptr;
  BufferHold view;
  if (view.get(args[1], PyBUF_SIMPLE) < 0) return nullptr;
  if (af == AF_INET || af == AF_INET6) {
    if (view->len != (af == AF_INET ? 4 : 16))
      return set_error(&exc_ValueError, "invalid length of packed IP address string");
  } else {
    return set_errorf(&exc_ValueError, "unknown address family {}", af);
  }
  return ip_text(af, view->buf);
}

// ---- Byte order ----

Object* short_order(Object* arg, const char* fname) {
  ORef i = steal(number_index(arg));
  if (!i) return nullptr;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow < 0 || (!overflow && v < 0))
    return set_errorf(&exc_OverflowError, "{}: can't convert negative Python int to C 16-bit unsigned integer",
                      fname);
  if (overflow || v > 0xffff)
    return set_errorf(&exc_OverflowError, "{}: Python int too large to convert to C 16-bit unsigned integer", fname);
  return int_from_i64(htons(uint16_t(v)));  // the same swap both ways
}
Object* socket_htons(Object*, Object* arg) { return short_order(arg, "htons"); }
Object* socket_ntohs(Object*, Object* arg) { return short_order(arg, "ntohs"); }

Object* long_order(Object* arg) {
  if (!type_check(arg, &int_type)) return set_errorf(&exc_TypeError, "expected int, {} found", type_name(arg));
  int overflow = 0;
  int64_t v = int_as_i64(arg, &overflow);
  if (overflow < 0 || (!overflow && v < 0))
    return set_error(&exc_OverflowError, "can't convert negative value to unsigned int");
  if (overflow) return set_error(&exc_OverflowError, "Python int too large to convert to C unsigned long");
  if (v > 0xffffffffLL) return set_error(&exc_OverflowError, "int larger than 32 bits");
  return int_from_u64(htonl(uint32_t(v)));
}
Object* socket_htonl(Object*, Object* arg) { return long_order(arg); }
Object* socket_ntohl(Object*, Object* arg) { return long_order(arg); }

// ---- Interfaces ----

Object* socket_if_nameindex(Object*, Object*) {
  struct if_nameindex* ni = if_nameindex();
  if (!ni) return raise_errno();
  ORef list = steal(list_new(0));
  for (struct if_nameindex* p = ni; list && p->if_index != 0; p++) {
    ORef idx = steal(int_from_u64(p->if_index));
    ORef name = steal(fs_str(p->if_name));
    ORef item = idx && name ? steal(tuple_pack({idx.get(), name.get()})) : ORef();
    if (!item || list_append(list.get(), item.get()) < 0) list = ORef();
  }
  if_freenameindex(ni);
  return list.release();
}

Object* socket_if_nametoindex(Object*, Object* arg) {
  ORef name = steal(posix::fs_converter(arg));
  if (!name) return nullptr;
  unsigned idx = if_nametoindex(bytes_data(name.get()));
  if (idx == 0) return set_error(&exc_OSError, "no interface with this name");
  return int_from_u64(idx);
}

Object* socket_if_indextoname(Object*, Object* arg) {
  if (!type_check(arg, &int_type)) return set_error(&exc_TypeError, "an integer is required");
  int overflow = 0;
  int64_t v = int_as_i64(arg, &overflow);
  if (overflow < 0 || (!overflow && v < 0))
    return set_error(&exc_OverflowError, "can't convert negative value to unsigned int");
  if (overflow || v > UINT_MAX) return set_error(&exc_OverflowError, "index too large");
  char name[IF_NAMESIZE + 1];
  if (!if_indextoname(unsigned(v), name)) return raise_errno();
  return fs_str(name);
}

// ---- Ancillary data sizes ----

Object* cmsg_size(Object* arg, bool space, const char* fname) {
  ssize n;
  if (!arg_ssize(arg, &n)) return nullptr;
  // As CPython: a length whose item would not fit a socklen_t-sized int, keeping CMSG_SPACE monotonic.
  ssize limit = space ? ssize(INT_MAX - CMSG_SPACE(1)) : ssize(INT_MAX - CMSG_LEN(0));
  if (n < 0 || n > limit) return set_errorf(&exc_OverflowError, "{}() argument out of range", fname);
  return int_from_i64(int64_t(space ? CMSG_SPACE(size_t(n)) : CMSG_LEN(size_t(n))));
}
Object* socket_cmsg_len(Object*, Object* arg) { return cmsg_size(arg, false, "CMSG_LEN"); }
Object* socket_cmsg_space(Object*, Object* arg) { return cmsg_size(arg, true, "CMSG_SPACE"); }

#define KW(f) as_cfunc(f), kFastKw
PyMethodDef socket_functions[] = {
    {"socketpair", KW(socket_socketpair),
     "socketpair([family[, type [, proto]]]) -> (socket object, socket object)\n\nCreate a pair of socket "
     "objects from the sockets returned by the platform\nsocketpair() function.\nThe arguments are the same as "
     "for socket() except the default family is\nAF_UNIX if defined on the platform; otherwise, the default is "
     "AF_INET."},
    {"dup", socket_dup, METH_O, "dup(integer) -> integer\n\nDuplicate an integer socket file descriptor.  This is "
                                "like os.dup(), but for\nsockets; on some platforms os.dup() won't work for "
                                "socket file descriptors."},
    {"close", socket_close, METH_O, "close(integer) -> None\n\nClose an integer socket file descriptor.\nThis is "
                                    "like os.close(), but for sockets; on some platforms os.close()\nwon't work "
                                    "for socket file descriptors."},
    {"getdefaulttimeout", socket_getdefaulttimeout, METH_NOARGS,
     "getdefaulttimeout() -> timeout\n\nReturns the default timeout in seconds (float) for new socket objects.\nA "
     "value of None indicates that new socket objects have no timeout.\nWhen the socket module is first imported, "
     "the default is None."},
    {"setdefaulttimeout", socket_setdefaulttimeout, METH_O,
     "setdefaulttimeout(timeout)\n\nSet the default timeout in seconds (float) for new socket objects.\nA value "
     "of None indicates that new socket objects have no timeout.\nWhen the socket module is first imported, the "
     "default is None."},
    {"gethostname", socket_gethostname, METH_NOARGS, "gethostname() -> string\n\nReturn the current host name."},
    {"sethostname", socket_sethostname, METH_O, "sethostname(name)\n\nSets the hostname to name."},
    {"gethostbyname", socket_gethostbyname, METH_O,
     "gethostbyname(host) -> address\n\nReturn the IP address (a string of the form '255.255.255.255') for a "
     "host."},
    {"gethostbyname_ex", socket_gethostbyname_ex, METH_O,
     "gethostbyname_ex(host) -> (name, aliaslist, addresslist)\n\nReturn the true host name, a list of aliases, "
     "and a list of IP addresses,\nfor a host.  The host argument is a string giving a host name or IP number."},
    {"gethostbyaddr", socket_gethostbyaddr, METH_O,
     "gethostbyaddr(host) -> (name, aliaslist, addresslist)\n\nReturn the true host name, a list of aliases, and "
     "a list of IP addresses,\nfor a host.  The host argument is a string giving a host name or IP number."},
    {"getaddrinfo", KW(socket_getaddrinfo),
     "getaddrinfo(host, port [, family, type, proto, flags])\n    -> list of (family, type, proto, canonname, "
     "sockaddr)\n\nResolve host and port into addrinfo struct."},
    {"getnameinfo", KW(socket_getnameinfo),
     "getnameinfo(sockaddr, flags) --> (host, port)\n\nGet host and port for a sockaddr."},
    {"getservbyname", KW(socket_getservbyname),
     "getservbyname(servicename[, protocolname]) -> integer\n\nReturn a port number from a service name and "
     "protocol name.\nThe optional protocol name, if given, should be 'tcp' or 'udp',\notherwise any protocol "
     "will match."},
    {"getservbyport", KW(socket_getservbyport),
     "getservbyport(port[, protocolname]) -> string\n\nReturn the service name from a port number and protocol "
     "name.\nThe optional protocol name, if given, should be 'tcp' or 'udp',\notherwise any protocol will "
     "match."},
    {"getprotobyname", socket_getprotobyname, METH_O,
     "getprotobyname(name) -> integer\n\nReturn the protocol number for the named protocol.  (Rarely used.)"},
    {"inet_aton", socket_inet_aton, METH_O,
     "inet_aton(string) -> bytes giving packed 32-bit IP representation\n\nConvert an IP address in string "
     "format (123.45.67.89) to the 32-bit packed\nbinary format used in low-level network functions."},
    {"inet_ntoa", socket_inet_ntoa, METH_O,
     "inet_ntoa(packed_ip) -> ip_address_string\n\nConvert an IP address from 32-bit packed binary format to "
     "string format"},
    {"inet_pton", KW(socket_inet_pton),
     "inet_pton(af, ip) -> packed IP address string\n\nConvert an IP address from string format to a packed "
     "string suitable\nfor use with low-level network functions."},
    {"inet_ntop", KW(socket_inet_ntop),
     "inet_ntop(af, packed_ip) -> string formatted IP address\n\nConvert a packed IP address of the given family "
     "to string format."},
    {"htons", socket_htons, METH_O, "Convert a 16-bit unsigned integer from host to network byte order."},
    {"ntohs", socket_ntohs, METH_O, "Convert a 16-bit unsigned integer from network to host byte order."},
    {"htonl", socket_htonl, METH_O, "htonl(integer) -> integer\n\nConvert a 32-bit integer from host to network "
                                    "byte order."},
    {"ntohl", socket_ntohl, METH_O, "ntohl(integer) -> integer\n\nConvert a 32-bit integer from network to host "
                                    "byte order."},
    {"if_nameindex", socket_if_nameindex, METH_NOARGS,
     "if_nameindex()\n\nReturns a list of network interface information (index, name) tuples."},
    {"if_nametoindex", socket_if_nametoindex, METH_O, "Returns the interface index corresponding to the interface "
                                                      "name if_name."},
    {"if_indextoname", socket_if_indextoname, METH_O,
     "if_indextoname(if_index)\n\nReturns the interface name corresponding to the interface index if_index."},
    {"CMSG_LEN", socket_cmsg_len, METH_O,
     "CMSG_LEN(length) -> control message length\n\nReturn the total length, without trailing padding, of an "
     "ancillary\ndata item with associated data of the given length."},
    {"CMSG_SPACE", socket_cmsg_space, METH_O,
     "CMSG_SPACE(length) -> buffer size\n\nReturn the buffer size needed for recvmsg() to receive an ancillary\n"
     "data item with associated data of the given length."},
    {nullptr, nullptr, 0, nullptr},
};
#undef KW

struct IntConstant {
  const char* name;
  long value;
};

#define SOCKET_CONST(x) {#x, long(x)},
const IntConstant kConstants[] = {
#include "vm/modules/socket_constants.def"
    // Aliases CPython gives the broadcast manager's opcodes and flags (linux/can/bcm.h).
    {"CAN_BCM_TX_SETUP", TX_SETUP}, {"CAN_BCM_TX_DELETE", TX_DELETE}, {"CAN_BCM_TX_READ", TX_READ},
    {"CAN_BCM_TX_SEND", TX_SEND}, {"CAN_BCM_RX_SETUP", RX_SETUP}, {"CAN_BCM_RX_DELETE", RX_DELETE},
    {"CAN_BCM_RX_READ", RX_READ}, {"CAN_BCM_TX_STATUS", TX_STATUS}, {"CAN_BCM_TX_EXPIRED", TX_EXPIRED},
    {"CAN_BCM_RX_STATUS", RX_STATUS}, {"CAN_BCM_RX_TIMEOUT", RX_TIMEOUT}, {"CAN_BCM_RX_CHANGED", RX_CHANGED},
    {"CAN_BCM_SETTIMER", SETTIMER}, {"CAN_BCM_STARTTIMER", STARTTIMER}, {"CAN_BCM_TX_COUNTEVT", TX_COUNTEVT},
    {"CAN_BCM_TX_ANNOUNCE", TX_ANNOUNCE}, {"CAN_BCM_TX_CP_CAN_ID", TX_CP_CAN_ID},
    {"CAN_BCM_RX_FILTER_ID", RX_FILTER_ID}, {"CAN_BCM_RX_CHECK_DLC", RX_CHECK_DLC},
    {"CAN_BCM_RX_NO_AUTOTIMER", RX_NO_AUTOTIMER}, {"CAN_BCM_RX_ANNOUNCE_RESUME", RX_ANNOUNCE_RESUME},
    {"CAN_BCM_TX_RESET_MULTI_IDX", TX_RESET_MULTI_IDX}, {"CAN_BCM_RX_RTR_FRAME", RX_RTR_FRAME},
    {"CAN_BCM_CAN_FD_FRAME", CAN_FD_FRAME},
    // Values CPython defines itself where the C library's headers lack them.
    {"ALG_OP_SIGN", 2}, {"ALG_OP_VERIFY", 3}, {"ALG_SET_PUBKEY", 6},  // linux/if_alg.h of newer kernels
    {"UDPLITE_SEND_CSCOV", 10}, {"UDPLITE_RECV_CSCOV", 11},          // linux/udp.h
    {"IOCTL_VM_SOCKETS_GET_LOCAL_CID", long(_IO(7, 0xb9))},           // linux/vm_sockets.h
    {"AF_DECnet", AF_DECnet},
};
#undef SOCKET_CONST

}  // namespace

Object* create_socket_module() {
  if (type_ready(&socket_type) < 0) return nullptr;
  ORef m = steal(module_new(str_interned("_socket")));
  if (!m || module_add_functions(m.get(), socket_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8(
      "Implementation module for socket operations.\n\nSee the socket module for documentation."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  // The exception classes live as long as the process (a second import reuses them).
  if (!g_herror) {
    g_herror = new_exception_class("socket.herror", reinterpret_cast<Object*>(&exc_OSError), nullptr);
    if (!g_herror) return nullptr;
  }
  if (!g_gaierror) {
    g_gaierror = new_exception_class("socket.gaierror", reinterpret_cast<Object*>(&exc_OSError), nullptr);
    if (!g_gaierror) return nullptr;
  }
  Object* type = reinterpret_cast<Object*>(&socket_type);
  if (dict_set_str(d, "error", reinterpret_cast<Object*>(&exc_OSError)) < 0 ||
      dict_set_str(d, "herror", g_herror) < 0 || dict_set_str(d, "gaierror", g_gaierror) < 0 ||
      dict_set_str(d, "timeout", reinterpret_cast<Object*>(&exc_TimeoutError)) < 0 ||
      dict_set_str(d, "SocketType", type) < 0 || dict_set_str(d, "socket", type) < 0 ||
      dict_set_str(d, "has_ipv6", true_()) < 0)
    return nullptr;
  for (const IntConstant& c : kConstants) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  return m.release();
}

}  // namespace pyvm
