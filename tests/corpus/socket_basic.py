# The socket module over _socket: socketpair echo, TCP and UDP on 127.0.0.1, AF_UNIX paths and the abstract
# namespace, timeouts, non-blocking mode, fd passing, errors with their messages, and the conversion functions.
# Nothing printed depends on ports, pids or timing.
import array
import os
import socket
import tempfile
import threading


def show(label, f, *args, **kw):
    try:
        print(label, repr(f(*args, **kw)))
    except Exception as e:
        print(label, type(e).__name__, e)


# socketpair echo
a, b = socket.socketpair()
print(type(a).__name__, a.family, a.type, a.proto, a.getblocking(), a.gettimeout())
print(repr(a.getsockname()), repr(b.getpeername()))
a.sendall(b"hello")
print(b.recv(100))
buf = bytearray(10)
b.send(b"into")
n = a.recv_into(buf)
print(n, bytes(buf[:n]))
mv = memoryview(bytearray(8))
b.send(b"abcdef")
print(a.recv_into(mv, 3), bytes(mv[:3]), a.recv(10))
b.sendmsg([b"ga", b"th", b"er"])
print(a.recvmsg(100))
b.send(b"scatter")
bufs = [bytearray(3), bytearray(10)]
print(a.recvmsg_into(bufs)[0], bufs)
a.shutdown(socket.SHUT_WR)
print(b.recv(10))
a.close()
b.close()
print(a.fileno(), "[closed]" in repr(a))

# fd passing with SCM_RIGHTS
c, d = socket.socketpair()
r, w = os.pipe()
c.sendmsg([b"F"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [r]).tobytes())])
msg, anc, flags, addr = d.recvmsg(1, socket.CMSG_SPACE(array.array("i").itemsize))
print(msg, [(lvl == socket.SOL_SOCKET, typ == socket.SCM_RIGHTS, len(data)) for lvl, typ, data in anc], flags, addr)
passed = array.array("i", anc[0][2])[0]
os.write(w, b"through the passed fd")
print(os.read(passed, 100))
for fd in (r, w, passed):
    os.close(fd)
c.close()
d.close()

# TCP: a server thread echoing upper-cased lines
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(("127.0.0.1", 0))
srv.listen()
host, port = srv.getsockname()
print(host, port > 0)


server_log = []


def serve():
    conn, peer = srv.accept()
    with conn:
        server_log.append(("server: peer host", peer[0], "timeout", conn.gettimeout()))
        f = conn.makefile("rwb")
        for line in f:
            f.write(line.upper())
            f.flush()
        f.close()


t = threading.Thread(target=serve)
t.start()
cli = socket.create_connection(("127.0.0.1", port), timeout=5)
print("client timeout", cli.gettimeout(), cli.getpeername() == (host, port))
cli.sendall(b"one\ntwo\n")
got = b""
while got.count(b"\n") < 2:
    got += cli.recv(100)
print(got)
cli.close()
t.join()
print(*server_log[0])
srv.close()

# connection refused, on a port nobody listens on (the closed server's)
show("connect_ex refused", lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 111)
s = socket.socket()
try:
    s.connect(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print("ConnectionRefusedError", e.errno, e.strerror)
s.close()

# UDP
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.sendto(b"datagram", u1.getsockname())
data, frm = u1.recvfrom(100)
print(data, frm[1] == u2.getsockname()[1])
u1.sendto(b"reply", 0, frm)
rb = bytearray(10)
nbytes, frm2 = u2.recvfrom_into(rb)
print(nbytes, bytes(rb[:nbytes]), frm2 == u1.getsockname())
u1.close()
u2.close()

# AF_UNIX with a path, and the abstract namespace
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "sock")
    us = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    us.bind(path)
    us.listen(1)
    print(us.getsockname() == path, os.path.exists(path))
    uc = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    uc.connect(path)
    conn, peer = us.accept()
    print("unix peer", repr(peer), conn.getsockname() == path)
    uc.sendall(b"over unix")
    print(conn.recv(100))
    for x in (conn, uc, us):
        x.close()
abstract = b"\0pyvm-socket-basic-" + str(os.getpid()).encode()
ua = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
ua.bind(abstract)
print(ua.getsockname() == abstract)
ub = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
ub.sendto(b"abstract", abstract)
print(ua.recv(100))
ua.close()
ub.close()

# timeouts and non-blocking mode
x, y = socket.socketpair()
x.settimeout(0.05)
print(x.gettimeout(), x.getblocking(), x.timeout)
try:
    x.recv(1)
except TimeoutError as e:
    print(type(e).__name__, e, isinstance(e, socket.timeout), socket.timeout is TimeoutError)
x.setblocking(False)
print(x.gettimeout(), x.getblocking())
try:
    x.recv(1)
except BlockingIOError as e:
    print(type(e).__name__, e.errno)
x.settimeout(None)
print(x.gettimeout(), x.getblocking())
show("settimeout(-1)", x.settimeout, -1)
show("settimeout('x')", x.settimeout, "x")
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(2.5)
z = socket.socket()
print(z.gettimeout(), socket.getdefaulttimeout())
socket.setdefaulttimeout(None)
z.close()
x.close()
y.close()

# fileno, detach, dup and socket(fileno=...)
p, q = socket.socketpair()
p2 = p.dup()
print(p2.family == p.family, p2.type == p.type, p2.fileno() != p.fileno())
fd = p2.detach()
print(p2.fileno())
p3 = socket.socket(fileno=fd)
print(p3.family, p3.type, p3.proto)
p3.sendall(b"via fileno")
print(q.recv(100))
for o in (p, p3, q):
    o.close()
show("socket(fileno=-5)", socket.socket, fileno=-5)
rp, wp = os.pipe()
show("socket(fileno=pipe)", socket.socket, fileno=rp)
os.close(rp)
os.close(wp)

# argument errors
s = socket.socket()
show("bind(5)", s.bind, 5)
show("bind(('a',))", s.bind, ("a",))
show("bind port str", s.bind, ("127.0.0.1", "x"))
show("bind port range", s.bind, ("127.0.0.1", 70000))
show("bind host type", s.bind, (5, 5))
show("bind NUL", s.bind, ("a\0b", 5))
show("recv(-1)", s.recv, -1)
show("recv_into small", s.recv_into, bytearray(2), 5)
show("recv_into bytes", s.recv_into, b"ab")
show("sendto 1 arg", s.sendto, b"x")
show("send str", s.send, "x")
show("getsockopt buflen", s.getsockopt, 1, 2, 5000)
show("recv closed-not-connected", s.recv, 1)
s.close()
show("recv closed", s.recv, 1)
show("AF_UNIX too long", socket.socket(socket.AF_UNIX).bind, "a" * 200)
show("AF_INET6 short", socket.socket(socket.AF_INET6).bind, ("::1",))

# conversions
print(socket.inet_aton("1.2.3.4"), socket.inet_aton("1.2.3"), socket.inet_ntoa(b"\x7f\x00\x00\x01"))
print(socket.inet_pton(socket.AF_INET6, "::1"), socket.inet_ntop(socket.AF_INET6, b"\x00" * 15 + b"\x01"))
print(socket.inet_ntop(socket.AF_INET, socket.inet_pton(socket.AF_INET, "10.0.0.255")))
show("inet_aton bad", socket.inet_aton, "1.2.3.256")
show("inet_pton bad", socket.inet_pton, socket.AF_INET, "x")
show("inet_ntop len", socket.inet_ntop, socket.AF_INET6, b"12")
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(0x01020304))
show("htons(-1)", socket.htons, -1)
show("htonl(2**33)", socket.htonl, 2**33)
print(socket.CMSG_LEN(4), socket.CMSG_SPACE(4))

# the resolver, on numeric names only
print(socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM))
print(socket.getaddrinfo("::1", "80", socket.AF_INET6, socket.SOCK_DGRAM))
print(socket.getaddrinfo(None, 0, socket.AF_INET, socket.SOCK_STREAM, 0, socket.AI_PASSIVE))
print(socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.gethostbyname("127.0.0.1"), socket.gethostbyname_ex("127.0.0.1"))
print(socket.getservbyname("http", "tcp"), socket.getservbyport(80, "tcp"), socket.getprotobyname("udp"))
show("getaddrinfo bad port", socket.getaddrinfo, "127.0.0.1", 1.5)
show("getaddrinfo bad family", socket.getaddrinfo, "127.0.0.1", 80, 12345)
show("getservbyname", socket.getservbyname, "no-such-service")
print(isinstance(socket.gethostname(), str), socket.if_nametoindex("lo") == socket.if_nameindex()[0][0])
print(issubclass(socket.gaierror, OSError), issubclass(socket.herror, OSError), socket.error is OSError)
print(socket.AF_INET, socket.SOCK_DGRAM, socket.SOL_SOCKET, socket.SO_REUSEADDR, socket.IPPROTO_TCP, socket.SHUT_RDWR)
print(repr(socket.AF_UNIX), repr(socket.SOCK_STREAM), socket.has_ipv6)
