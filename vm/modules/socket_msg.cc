// The _socket.socket methods sendmsg, recvmsg and recvmsg_into: scatter/gather data plus ancillary data (control
// messages such as SCM_RIGHTS) as lists of (level, type, data) tuples.
// Thread contract: see socket_internal.h; the buffers are held as Py_buffer views while the call runs detached.
#include <sys/socket.h>
#include <sys/uio.h>

#include <climits>
#include <cstring>
#include <memory>
#include <vector>

#include "objects/abstract.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/socket_internal.h"

namespace pyvm::sock {
namespace {

// The items of an iterable argument as a tuple, with `msg` as the TypeError for a non-iterable.
Object* items_of(Object* arg, const char* msg) {
  ORef t = steal(sequence_tuple(arg));
  if (!t && error_matches(&exc_TypeError)) {
    error_clear();
    set_error(&exc_TypeError, msg);
  }
  return t.release();
}

// Holds each buffer of `seq` with `flags`, filling iov; false with `msg` as the TypeError when one is not a buffer
// (null msg: keep get_buffer's error).
bool hold_buffers(Object* seq, int flags, const char* msg, std::vector<std::unique_ptr<BufferHold>>* views,
                  std::vector<struct iovec>* iov) {
  for (ssize i = 0; i < tuple_size(seq); i++) {
    views->push_back(std::make_unique<BufferHold>());
    BufferHold& v = *views->back();
    if (v.get(tuple_get(seq, i), flags) < 0) {
      if (msg) {
        error_clear();
        set_error(&exc_TypeError, msg);
      }
      return false;
    }
    iov->push_back({v->buf, size_t(v->len)});
  }
  return true;
}

// The received control messages as a list of (level, type, data).
Object* ancillary_list(struct msghdr* msg) {
  ORef list = steal(list_new(0));
  if (!list) return nullptr;
  if (msg->msg_controllen == 0) return list.release();
  char* end = static_cast<char*>(msg->msg_control) + msg->msg_controllen;
  for (struct cmsghdr* c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c)) {
    if (c->cmsg_len < CMSG_LEN(0)) break;  // truncated (MSG_CTRUNC)
    char* data = reinterpret_cast<char*>(CMSG_DATA(c));
    size_t n = c->cmsg_len - CMSG_LEN(0);
    if (data > end) break;
    if (n > size_t(end - data)) n = size_t(end - data);
    ORef level = steal(int_from_i64(c->cmsg_level));
    ORef type = steal(int_from_i64(c->cmsg_type));
    ORef bytes = steal(bytes_from(data, ssize(n)));
    if (!level || !type || !bytes) return nullptr;
    ORef item = steal(tuple_pack({level.get(), type.get(), bytes.get()}));
    if (!item || list_append(list.get(), item.get()) < 0) return nullptr;
  }
  return list.release();
}

// recvmsg(2) into iov; returns (None, ancdata, msg_flags, address) for the caller to fill in the first item, and
// the byte count in *got_out.
Object* recvmsg_guts(SocketObject* s, std::vector<struct iovec>& iov, ssize ancbufsize, int flags, ssize* got_out) {
  SockAddr addr = {};
  std::unique_ptr<char[]> control(ancbufsize > 0 ? new char[size_t(ancbufsize)]() : nullptr);
  struct msghdr msg = {};
  ssize_t got = -1;
  auto op = [&] {
    std::memset(&addr, 0, sizeof(addr));
    msg.msg_name = &addr;
    msg.msg_namelen = sizeof(addr);
    msg.msg_iov = iov.data();
    msg.msg_iovlen = iov.size();
    msg.msg_control = control.get();
    msg.msg_controllen = size_t(ancbufsize);
    got = ::recvmsg(load_fd(s), &msg, flags);
    return got >= 0;
  };
  if (!sock_call(s, false, op, nullptr, false, load_timeout(s))) return nullptr;
  *got_out = ssize(got);
  ORef anc = steal(ancillary_list(&msg));
  ORef mflags = steal(int_from_i64(msg.msg_flags));
  ORef a = steal(sockaddr_object(&addr.sa, msg.msg_namelen));
  if (!anc || !mflags || !a) return nullptr;
  return tuple_pack({none(), anc.get(), mflags.get(), a.get()});
}

// The ancbufsize and flags arguments (positions 1 and 2).
bool anc_flags(Object* const* args, ssize nargs, ssize* ancbufsize, int* flags) {
  if (nargs > 1 && !arg_ssize(args[1], ancbufsize)) return false;
  if (nargs > 2 && !arg_int(args[2], flags)) return false;
  if (*ancbufsize < 0 || *ancbufsize > INT_MAX) {
    set_error(&exc_ValueError, "invalid ancillary data buffer length");
    return false;
  }
  return true;
}

}  // namespace

Object* sock_recvmsg(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("recvmsg", nargs, kwnames, 1, 3)) return nullptr;
  ssize bufsize, ancbufsize = 0;
  int flags = 0;
  if (!arg_ssize(args[0], &bufsize) || !anc_flags(args, nargs, &ancbufsize, &flags)) return nullptr;
  if (bufsize < 0) return set_error(&exc_ValueError, "negative buffer size in recvmsg()");
  std::unique_ptr<char[]> buf(new char[size_t(bufsize ? bufsize : 1)]);
  std::vector<struct iovec> iov = {{buf.get(), size_t(bufsize)}};
  ssize got = 0;
  ORef r = steal(recvmsg_guts(SO(self), iov, ancbufsize, flags, &got));
  if (!r) return nullptr;
  ORef data = steal(bytes_from(buf.get(), got));
  if (!data) return nullptr;
  tuple_set(r.get(), 0, data.release());  // replaces the immortal None placeholder
  return r.release();
}

Object* sock_recvmsg_into(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("recvmsg_into", nargs, kwnames, 1, 3)) return nullptr;
  ssize ancbufsize = 0;
  int flags = 0;
  if (!anc_flags(args, nargs, &ancbufsize, &flags)) return nullptr;
  ORef seq = steal(items_of(args[0], "recvmsg_into() argument 1 must be an iterable"));
  if (!seq) return nullptr;
  std::vector<std::unique_ptr<BufferHold>> views;
  std::vector<struct iovec> iov;
  if (!hold_buffers(seq.get(), PyBUF_WRITABLE,
                    "recvmsg_into() argument 1 must be an iterable of single-segment read-write buffers", &views,
                    &iov))
    return nullptr;
  ssize got = 0;
  ORef r = steal(recvmsg_guts(SO(self), iov, ancbufsize, flags, &got));
  if (!r) return nullptr;
  ORef n = steal(int_from_i64(got));
  if (!n) return nullptr;
  tuple_set(r.get(), 0, n.release());
  return r.release();
}

Object* sock_sendmsg(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_nargs("sendmsg", nargs, kwnames, 1, 4)) return nullptr;
  SocketObject* s = SO(self);
  ORef seq = steal(items_of(args[0], "sendmsg() argument 1 must be an iterable"));
  if (!seq) return nullptr;
  std::vector<std::unique_ptr<BufferHold>> views;
  std::vector<struct iovec> iov;
  if (!hold_buffers(seq.get(), PyBUF_SIMPLE, nullptr, &views, &iov)) return nullptr;
  // Ancillary data: (level, type, bytes-like) items.
  struct Cmsg {
    int level, type;
    std::unique_ptr<BufferHold> data;
  };
  std::vector<Cmsg> cmsgs;
  if (nargs > 1) {
    ORef anc = steal(items_of(args[1], "sendmsg() argument 2 must be an iterable"));
    if (!anc) return nullptr;
    for (ssize i = 0; i < tuple_size(anc.get()); i++) {
      Object* item = tuple_get(anc.get(), i);
      const char* where = "[sendmsg() ancillary data items]()";
      if (!type_check(item, &tuple_type) && !type_check(item, &list_type))
        return set_errorf(&exc_TypeError, "{} argument must be 3-item sequence, not {}", where, type_name(item));
      ORef t = steal(sequence_tuple(item));
      if (!t) return nullptr;
      if (tuple_size(t.get()) != 3)
        return set_errorf(&exc_TypeError, "{} argument must be sequence of length 3, not {}", where,
                          tuple_size(t.get()));
      Cmsg c{0, 0, std::make_unique<BufferHold>()};
      if (!arg_int(tuple_get(t.get(), 0), &c.level) || !arg_int(tuple_get(t.get(), 1), &c.type) ||
          c.data->get(tuple_get(t.get(), 2), PyBUF_SIMPLE) < 0)
        return nullptr;
      cmsgs.push_back(std::move(c));
    }
  }
  int flags = 0;
  if (nargs > 2 && !arg_int(args[2], &flags)) return nullptr;
  SockAddr addr;
  socklen_t alen = 0;
  if (nargs > 3 && args[3] != none() && !sockaddr_arg(s, args[3], &addr, &alen, "sendmsg")) return nullptr;
  size_t space = 0;
  for (const Cmsg& c : cmsgs) {
    if (size_t((*c.data)->len) > INT_MAX / 2) return set_error(&exc_OSError, "ancillary data item too large");
    space += CMSG_SPACE(size_t((*c.data)->len));
  }
  std::unique_ptr<char[]> control(space ? new char[space]() : nullptr);
  struct msghdr msg = {};
  msg.msg_name = alen ? &addr : nullptr;
  msg.msg_namelen = alen;
  msg.msg_iov = iov.data();
  msg.msg_iovlen = iov.size();
  msg.msg_control = control.get();
  msg.msg_controllen = space;
  struct cmsghdr* h = space ? CMSG_FIRSTHDR(&msg) : nullptr;
  for (const Cmsg& c : cmsgs) {
    h->cmsg_level = c.level;
    h->cmsg_type = c.type;
    h->cmsg_len = CMSG_LEN(size_t((*c.data)->len));
    std::memcpy(CMSG_DATA(h), (*c.data)->buf, size_t((*c.data)->len));
    h = CMSG_NXTHDR(&msg, h);
  }
  ssize_t put = -1;
  auto op = [&] {
    put = ::sendmsg(load_fd(s), &msg, flags | MSG_NOSIGNAL);
    return put >= 0;
  };
  if (!sock_call(s, true, op, nullptr, false, load_timeout(s))) return nullptr;
  return int_from_i64(put);
}

}  // namespace pyvm::sock
