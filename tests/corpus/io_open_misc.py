# open() argument rules, FileIO, reprs, closed-file errors, context managers, io.IOBase subclasses, the ABCs,
# TextIOWrapper over BytesIO (detach, reconfigure, newline decoder) and a text wrapper over fd 1 used by print().
import io
import posix
import sys

base = "/tmp/pyvm_io_open_%d" % posix.getpid()
posix.mkdir(base)
posix.chdir(base)


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(open is io.open, open.__name__, io.DEFAULT_BUFFER_SIZE, io.SEEK_END)
for mode in ["rr", "rw", "q", "rbt", "", "U", "wb+x", "r+b+"]:
    show("mode %r" % mode, lambda: open("f.txt", mode))
show("binary encoding", lambda: open("f.txt", "wb", encoding="utf-8"))
show("binary errors", lambda: open("f.txt", "wb", errors="strict"))
show("binary newline", lambda: open("f.txt", "wb", newline="\n"))
show("unbuffered text", lambda: open("f.txt", "w", buffering=0))
show("bad newline", lambda: open("f.txt", "w", newline="x"))
show("float file", lambda: open(1.5))
show("None file", lambda: open(None))
show("mode type", lambda: open("f.txt", 1))
show("encoding type", lambda: open("f.txt", "w", encoding=1))
show("missing", lambda: open("does-not-exist.txt"))
show("exclusive", lambda: (open("x.txt", "x").close(), open("x.txt", "x")))
show("dir", lambda: open("."))
show("closefd name", lambda: open("f.txt", "w", closefd=False))

with open("f.txt", "w", encoding="utf-8") as f:
    print(repr(f), f.mode, f.name, f.encoding, f.errors, type(f.buffer).__name__, f.closed)
    print(f.readable(), f.writable(), f.seekable(), f.isatty(), f.line_buffering, f.write_through)
    show("read on w", f.read)
    f.write("abc\n")
print(f.closed, repr(f))
for name in ["read", "readline", "tell", "flush", "fileno", "isatty", "seekable", "readable"]:
    show(name + " closed", getattr(f, name))
show("write closed", lambda: f.write("x"))
show("iter closed", lambda: iter(f))
show("enter closed", lambda: f.__enter__())
show("close twice", f.close)

with open("f.txt", "rb", buffering=0) as raw:
    print(repr(raw), type(raw).__name__, raw.read(2), raw.readall(), raw.mode, raw.closefd)
    show("write on rb", lambda: raw.write(b"x"))
    show("truncate on rb", raw.truncate)
print(repr(raw))
fd = posix.open("f.txt", posix.O_RDONLY)
with open(fd, "r", closefd=False) as f2:
    print(f2.name == fd, repr(f2.read()), f2.buffer.raw.closefd)
print(posix.read(fd, 10), posix.close(fd))

opened = []


def opener(path, flags):
    opened.append(path)
    return posix.open(path, flags, 0o644)


with open("op.txt", "w", opener=opener) as f:
    f.write("via opener")
print(opened, open("op.txt").read())
show("bad opener", lambda: open("op.txt", opener=lambda p, fl: -1))
show("opener type", lambda: open("op.txt", opener=lambda p, fl: "x"))

with io.FileIO("op.txt", "r+") as fio:
    print(fio.read(3), fio.seek(0, 2), fio.tell(), fio.truncate(5), fio.tell(), fio.seekable())
    fio.seek(0)
    print(fio.readall(), fio.write(b"!"))
    buf = bytearray(3)
    fio.seek(0)
    print(fio.readinto(buf), buf)
show("negative fd", lambda: io.FileIO(-3))
show("fileio mode", lambda: io.FileIO("op.txt", "rt"))

print(issubclass(io.FileIO, io.RawIOBase), isinstance(io.BytesIO(), io.BufferedIOBase))
print(isinstance(open("op.txt"), io.TextIOBase), issubclass(io.TextIOWrapper, io.IOBase))
print(io.StringIO.__mro__[1:], io.BufferedRandom.__mro__[1:])


class Counter(io.RawIOBase):
    def __init__(self, n):
        self.n = n

    def readable(self):
        return True

    def readinto(self, b):
        if self.n <= 0:
            return 0
        k = min(len(b), self.n)
        b[:k] = b"x" * k
        self.n -= k
        return k


c = Counter(10)
print(c.read(3), c.readall(), c.read(), c.closed)
c.close()
print(c.closed)
show("raw closed read", lambda: c.readline())


class Lines(io.IOBase):
    def __init__(self):
        self.data = [b"a\n", b"b\n"]

    def readline(self, size=-1):
        return self.data.pop(0) if self.data else b""


print(list(Lines()), Lines().readlines(), Lines().readable(), Lines().seekable())
show("iobase seek", lambda: Lines().seek(0))
show("iobase fileno", lambda: Lines().fileno())
show("iobase truncate", lambda: Lines().truncate())
show("check readable", lambda: Lines()._checkReadable())
with Lines() as l:
    print(l.closed)
print(l.closed)
show("iobase closed op", lambda: l.readlines())

t = io.TextIOWrapper(io.BytesIO(b"caf\xc3\xa9\r\nline2\r\n"), encoding="utf-8", newline=None)
print(repr(t), t.readline().encode(), t.newlines)
show("reconfigure after read", lambda: t.reconfigure(encoding="latin-1"))
buf = t.detach()
print(type(buf).__name__)
show("after detach", t.read)
show("repr detached", lambda: repr(t))
t = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
t.write("é")
t.reconfigure(encoding="utf-8")
t.write("é")
t.flush()
print(t.buffer.getvalue(), t.encoding, t.errors)
show("textio newline type", lambda: io.TextIOWrapper(io.BytesIO(), newline=3))
show("textio errors type", lambda: io.TextIOWrapper(io.BytesIO(), errors=3))

d = io.IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode("a\r")), repr(d.decode("\nb\r")), d.getstate(), repr(d.decode("", final=True)), d.newlines)
d.reset()
print(d.newlines, d.getstate())
show("decoder bytes", lambda: io.IncrementalNewlineDecoder(None, False).decode(b"x"))
import codecs
d = io.IncrementalNewlineDecoder(codecs.getincrementaldecoder("utf-8")(), translate=False)
print(repr(d.decode(b"x\xc3")), d.getstate(), repr(d.decode(b"\xa9\r\n", final=True)), d.newlines)
print(io.text_encoding(None) in ("locale", "utf-8"), io.text_encoding("latin-1"))

sys.stdout.flush()
out = open(1, "w", closefd=False, encoding="utf-8")
print("printed through fd 1", file=out)
out.flush()
print(out.name, out.mode, out.buffer.raw.closefd)
sys.stdout.flush()
out.write("written through fd 1\n")
out.close()

for name in ["f.txt", "x.txt", "op.txt"]:
    posix.unlink(name)
posix.chdir("/")
posix.rmdir(base)
