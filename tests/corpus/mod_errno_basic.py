import errno

names = sorted(n for n in dir(errno) if n.startswith("E"))
print(len(names))
for n in names:
    print(n, getattr(errno, n), errno.errorcode[getattr(errno, n)])
print(len(errno.errorcode))
print(type(errno.errorcode).__name__, errno.errorcode[errno.ENOENT])
print(errno.EAGAIN == errno.EWOULDBLOCK, errno.errorcode[errno.EWOULDBLOCK])
print(sorted(n for n in dir(errno) if not n.startswith("E")))
e = OSError(errno.ENOENT, "No such file or directory")
print(type(e).__name__, e.errno == errno.ENOENT, errno.errorcode[e.errno])
print(type(OSError(errno.EACCES, "x")).__name__, type(OSError(errno.EAGAIN, "x")).__name__)
