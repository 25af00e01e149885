# Corpus: OSError construction: errno/strerror/filename/filename2, subclass chosen by errno, str() formats.
for args in [(), ("just message",), (2, "No such file"), (2, "No such file", "a.txt"), (2, "msg", "a.txt", None, "b.txt"),
             (13, "Permission denied", "/root"), (17, "exists", "f", None, "g"), ("a", "b", "c", "d", "e", "f")]:
    e = OSError(*args)
    print(type(e).__name__, "| str:", str(e), "| errno:", e.errno, "| strerror:", e.strerror,
          "| filename:", e.filename, "| filename2:", e.filename2, "| args:", e.args)
errnos = {1: "EPERM", 2: "ENOENT", 3: "ESRCH", 4: "EINTR", 10: "ECHILD", 11: "EAGAIN", 13: "EACCES", 17: "EEXIST",
          20: "ENOTDIR", 21: "EISDIR", 32: "EPIPE", 103: "ECONNABORTED", 104: "ECONNRESET", 110: "ETIMEDOUT",
          111: "ECONNREFUSED", 114: "EALREADY", 115: "EINPROGRESS", 5: "EIO", 28: "ENOSPC", 9999: "unknown"}
for num, name in errnos.items():
    e = OSError(num, name)
    print(num, name, "->", type(e).__name__, isinstance(e, OSError))
print(type(OSError(2)).__name__, type(OSError(2, "x", "f", 5, "g")).__name__, type(OSError("2", "x")).__name__)
print(type(FileNotFoundError(13, "x")).__name__, type(PermissionError(2, "y")).__name__)
for cls in [IOError, EnvironmentError]:
    print(cls.__name__, type(cls(2, "x")).__name__)
f = FileNotFoundError(2, "No such file or directory", "missing.txt")
print(str(f), repr(f), f.errno, f.filename)
f2 = OSError(2, "No such file", b"bytes-name.txt")
print(str(f2))
f3 = OSError(18, "Invalid cross-device link", "src", None, "dst")
print(str(f3), repr(f3), f3.args)
e = OSError(2, "msg")
e.errno = 99
e.strerror = "changed"
e.filename = "set later"
print(str(e), e.args)
e2 = OSError("only", "two")
print(e2.errno, e2.strerror, str(e2))
b = BlockingIOError(11, "would block", 5)
print(b.characters_written, str(b), b.filename)
try:
    BlockingIOError(11, "x").characters_written
except AttributeError as err:
    print(type(err).__name__, err)


class MyOSError(OSError):
    pass


m = MyOSError(2, "custom subclass keeps its type")
print(type(m).__name__, m.errno, str(m))


class WithInit(OSError):
    def __init__(self, path):
        super().__init__(2, "custom init", path)


w = WithInit("p.txt")
print(type(w).__name__, str(w), w.filename)
try:
    raise OSError(2, "raised directly", "r.txt")
except FileNotFoundError as err:
    print("caught as FileNotFoundError:", err)
try:
    raise OSError(111, "refused")
except ConnectionError as err:
    print("caught as ConnectionError:", type(err).__name__, err)
print(str(TimeoutError()), str(TimeoutError(110, "timed out")), ConnectionError.__subclasses__() != [])
print(OSError(2, "x").__reduce__()[1], str(OSError(None, "no errno")), str(OSError(2, None)))
