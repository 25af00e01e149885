# BufferedReader/Writer/Random/RWPair over files and over Python raw streams: read/peek/read1/readinto/readline,
# seek/tell, flushing order, raw calls made, closed-file errors and reprs.
import io
import posix

base = "/tmp/pyvm_io_buffered_%d" % posix.getpid()
posix.mkdir(base)
posix.chdir(base)


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


with open("data.bin", "wb") as f:
    print(type(f).__name__, f.write(b"0123456789\nabcdefghij\n" * 3), f.raw.mode)

r = open("data.bin", "rb", buffering=8)
print(repr(r), r.name, r.mode, r.raw)
print(r.peek(1)[:1], r.read(3), r.tell(), r.read1(2), r.read1(), r.tell())
print(r.readline(), r.readline(4), r.tell())
buf = bytearray(5)
print(r.readinto(buf), buf, r.readinto1(buf), buf, r.tell())
print(r.seek(2), r.read(3), r.seek(3, 1), r.read(2), r.seek(-4, 2), r.read())
print(r.read(), r.read(5), r.read1(5), r.peek())
r.seek(0)
print(len(r.readlines()), r.seekable(), r.readable(), r.writable(), r.isatty())
show("write on reader", lambda: r.write(b"x"))
show("truncate on reader", lambda: r.truncate())
show("read -2", lambda: r.read(-2))
show("seek whence", lambda: r.seek(0, 7))
r.close()
print(r.closed, repr(r))
for name in ["read", "peek", "read1", "readline", "tell", "flush"]:
    show(name + " closed", getattr(r, name))
show("seek closed", lambda: r.seek(0))
show("fileno closed", r.fileno)

w = open("out.bin", "wb", buffering=4)
print(w.write(b"ab"), open("out.bin", "rb").read())
print(w.write(b"cdefgh"), open("out.bin", "rb").read())
w.flush()
print(open("out.bin", "rb").read(), w.tell())
print(w.seek(1), w.write(b"X"), w.tell())
w.close()
print(open("out.bin", "rb").read())
show("write closed", lambda: w.write(b"x"))

with open("out.bin", "r+b") as rw:
    print(type(rw).__name__, rw.read(2), rw.write(b"__"), rw.tell(), rw.read(2))
    rw.seek(0)
    print(rw.read(), rw.truncate(3), rw.tell())
    rw.seek(0)
    print(rw.read())
print(open("out.bin", "rb").read())


class Raw(io.RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.calls = []

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return False

    def readinto(self, b):
        n = min(len(b), 3, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        self.calls.append(("readinto", len(b), n))
        return n

    def write(self, b):
        self.calls.append(("write", bytes(b)))
        return len(b)


raw = Raw(b"hello world, this is raw")
br = io.BufferedReader(raw, 4)
print(br.read(5), br.read1(10), br.peek(), br.read(), raw.calls)
print(repr(br), br.seekable())
show("tell unseekable", br.tell)
show("seek unseekable", lambda: br.seek(0))
raw = Raw(b"")
bw = io.BufferedWriter(raw, 4)
bw.write(b"ab")
bw.write(b"cd")
bw.write(b"efghijkl")
print(raw.calls)
bw.flush()
print(raw.calls, bw.raw is raw)
d = bw.detach()
print(d is raw)
show("after detach", lambda: bw.write(b"x"))
show("repr detached", lambda: repr(bw))

pair = io.BufferedRWPair(Raw(b"pair data"), Raw(b""), 4)
print(pair.read(4), pair.peek()[:2], pair.write(b"out"), pair.readable(), pair.writable(), pair.closed)
pair.flush()
pair.close()
print(pair.closed)
show("reader unreadable", lambda: io.BufferedReader(io.FileIO("out.bin", "w")))
show("buffer size", lambda: io.BufferedReader(io.BytesIO(), 0))
show("rwpair seek", lambda: pair.seek(0))

br = io.BufferedReader(io.BytesIO(b"a\nb\nc"))
print(list(br), isinstance(br, io.BufferedIOBase))
with io.BufferedWriter(io.BytesIO()) as bw2:
    bw2.write(b"x")
print(bw2.closed)

posix.unlink("data.bin")
posix.unlink("out.bin")
posix.chdir("/")
posix.rmdir(base)
