# select (select, poll, epoll) and fcntl on pipes, with CPython's errors.
import fcntl
import os
import select
import tempfile

r, w = os.pipe()
res = select.select([r], [w], [], 0)
print(res[0], res[1] == [w], res[2])
os.write(w, b'x')
res = select.select([r], [w], [], 0.5)
print(res[0] == [r], res[1] == [w])


class F:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd


fr = F(r)
print(select.select((fr,), [], [], 0)[0][0] is fr)

p = select.poll()
p.register(r)
p.register(w, select.POLLOUT)
print(sorted((fd == r, ev) for fd, ev in p.poll(0)))
p.modify(w, select.POLLIN)
p.unregister(w)
print([(fd == r, ev) for fd, ev in p.poll(10)])

e = select.epoll()
e.register(r, select.EPOLLIN)
print([(fd == r, ev) for fd, ev in e.poll(0.1)])
e.modify(r, select.EPOLLOUT)
print(e.poll(0))
e.unregister(r)
print(e.poll(0), e.poll(timeout=0, maxevents=1))
with select.epoll() as e2:
    print(e2.closed, e2.fileno() > 2)
print(e2.closed)

print(fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
fcntl.fcntl(r, fcntl.F_SETFL, os.O_NONBLOCK)
print(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK != 0)
buf = bytearray(4)
print(fcntl.ioctl(r, 0x541B, buf), buf)  # FIONREAD: one byte waiting
print(fcntl.ioctl(r, 0x541B, b'\0' * 4), fcntl.ioctl(r, 0x541B, bytearray(4), False))
print(fcntl.fcntl(r, fcntl.F_GETFD, b'ab'), fcntl.fcntl(r, fcntl.F_GETFD, 'cd'))
with tempfile.TemporaryFile() as f:
    print(fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB), fcntl.flock(f.fileno(), fcntl.LOCK_UN))
    print(fcntl.lockf(f, fcntl.LOCK_EX, 0, 0, 0), fcntl.lockf(f, fcntl.LOCK_UN))


def err(f):
    try:
        print(f())
    except Exception as ex:
        print(type(ex).__name__, ex)


for f in [lambda: select.select([], [], [], -1), lambda: select.select([], [], [], 'x'),
          lambda: select.select(1, [], []), lambda: select.select([-1], [], []),
          lambda: select.select([9999], [], [], 0), lambda: select.select(['a'], [], [], 0),
          lambda: select.select([], [], [], float('nan')), lambda: select.select([], [], [], 1e300),
          lambda: select.select([], [], [], 10**30), lambda: select.select([], [], [], -0.0),
          lambda: p.poll('x'), lambda: p.poll(1e300), lambda: p.poll(2**40), lambda: p.poll(10**30),
          lambda: p.unregister(5), lambda: p.modify(5, 1), lambda: p.register(-1), lambda: p.register(1, -1),
          lambda: p.register(1, 70000), lambda: p.register(1, 1.5), lambda: p.poll(float('nan')),
          lambda: select.epoll(-2), lambda: select.epoll(0), lambda: select.epoll(flags=5),
          lambda: e.poll('x'), lambda: e.poll(1, 0), lambda: e.poll(2**40), lambda: e.poll(1e300),
          lambda: e.unregister(99), lambda: e.modify(99, 1), lambda: e.register(-3),
          lambda: fcntl.fcntl(r, fcntl.F_GETFD, 1.5), lambda: fcntl.fcntl(r, fcntl.F_GETFD, b'x' * 2000),
          lambda: fcntl.fcntl(r, fcntl.F_GETFD, bytearray(b'a')), lambda: fcntl.fcntl(-1, 1),
          lambda: fcntl.fcntl(999, 1), lambda: fcntl.fcntl('a', 1), lambda: fcntl.lockf(r, 0),
          lambda: fcntl.flock(999, 1), lambda: fcntl.ioctl(r, 0x541B, b'\0' * 2000),
          lambda: fcntl.ioctl(r, 0x541B, 1.5), lambda: fcntl.fcntl(r, 2**40),
          lambda: fcntl.fcntl(r, fcntl.F_GETFD, 2**40), lambda: fcntl.fcntl(r, fcntl.F_GETFD, -1)]:
    err(f)
e.close()
for f in [lambda: e.poll(), lambda: e.fileno(), lambda: e.register(0), lambda: e.__enter__()]:
    err(f)
print(e.close(), e.closed)
print(sorted(n for n in dir(select) if not n.startswith('__')))
print(sorted(n for n in dir(fcntl) if not n.startswith('__')))
print(sum(getattr(fcntl, n) for n in dir(fcntl) if n.isupper()), sum(getattr(select, n) for n in dir(select) if n.isupper()))
print(select.error is OSError)

import selectors
with selectors.DefaultSelector() as sel:
    print(type(sel).__name__)
    sel.register(r, selectors.EVENT_READ, 'data')
    print([(k.fd == r, k.data, ev) for k, ev in sel.select(0)])
with selectors.PollSelector() as sel:
    sel.register(w, selectors.EVENT_WRITE)
    print([(k.fd == w, ev) for k, ev in sel.select(0)])
with selectors.SelectSelector() as sel:
    sel.register(r, selectors.EVENT_READ)
    print([(k.fd == r, ev) for k, ev in sel.select(0.1)])
