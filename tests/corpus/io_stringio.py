# io.StringIO: newline modes (None, '', '\n', '\r', '\r\n'), positions, writing past the end, errors.
import io


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


text = "a\nb\r\nc\rd"
for nl in [None, "", "\n", "\r", "\r\n"]:
    s = io.StringIO(text, newline=nl)
    print(repr(nl), repr(s.getvalue()), s.readlines(), s.newlines)
    s = io.StringIO(newline=nl)
    s.write("x\ny\r\nz\r")
    print("  write", repr(s.getvalue()), s.newlines)

s = io.StringIO("héllo wörld ✓")
print(s.read(3), s.tell(), s.read(), s.tell(), repr(s.read()))
s.seek(0)
print(s.readline(4), s.readline())
print(s.seek(0, 2), s.seek(0, 1), s.tell())
show("seek nonzero cur", lambda: s.seek(3, 1))
show("seek nonzero end", lambda: s.seek(-1, 2))
show("seek neg", lambda: s.seek(-1))
show("seek whence", lambda: s.seek(0, 5))
s = io.StringIO("abc")
s.seek(6)
print(s.write("Z"), repr(s.getvalue()))
print(s.truncate(2), repr(s.getvalue()), s.tell())
show("truncate neg", lambda: s.truncate(-2))
show("write bytes", lambda: s.write(b"x"))
show("init bytes", lambda: io.StringIO(b"x"))
show("bad newline", lambda: io.StringIO(newline="x"))
show("newline type", lambda: io.StringIO(newline=1))
print(s.readable(), s.writable(), s.seekable(), s.line_buffering, s.isatty())
print(s.encoding, s.errors)
show("fileno", s.fileno)
show("detach", s.detach)
s.close()
print(s.closed)
for name in ["read", "getvalue", "tell", "readline", "readable", "write"]:
    show(name + " closed", lambda: getattr(s, name)() if name != "write" else s.write("x"))
s = io.StringIO("one\ntwo\nthree")
print(list(s), s.tell())
s.seek(0)
print(s.readlines(5))
s = io.StringIO("x")
s.read()
s.extra = "e"
st = s.__getstate__()
print(st)
t = io.StringIO()
t.__setstate__(st)
print(repr(t.getvalue()), t.tell(), t.extra)

class Lines(io.StringIO):
    def readline(self, *args):
        line = super().readline(*args)
        return line.upper()

print(list(Lines("ab\ncd\n")))
with io.StringIO("ctx") as c:
    print(c.read())
print(c.closed, isinstance(c, io.TextIOBase))
print(io.StringIO(None).getvalue() == "")
