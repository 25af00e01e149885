# io.BytesIO: reading, writing past the end, seek/tell rules, getbuffer exports, pickling state, closed errors.
import io


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


b = io.BytesIO(b"line one\nline two\nlast")
print(b.read(4), b.read1(3), b.tell())
print(b.readline(), b.readline(2), b.readline())
print(b.readline(), b.read(), b.read(5))
b.seek(0)
print(b.readlines())
b.seek(0)
print(b.readlines(10))
b.seek(0)
print([line for line in b])
print(b.getvalue())

b = io.BytesIO()
print(b.write(b"abc"), b.write(bytearray(b"def")), b.write(memoryview(b"gh")))
print(b.getvalue(), b.tell())
b.seek(12)
b.write(b"Z")
print(b.getvalue())
print(b.seek(-3, 2), b.read())
print(b.seek(-100, 1), b.tell())
print(b.seek(100), b.read(), b.tell())
show("seek neg", lambda: b.seek(-1))
show("seek whence", lambda: b.seek(0, 3))
show("seek float", lambda: b.seek(1.5))
show("read str", lambda: b.read("x"))
show("write str", lambda: b.write("text"))
print(b.truncate(4), b.getvalue(), b.tell())
b.seek(2)
print(b.truncate(), b.getvalue())
show("truncate neg", lambda: b.truncate(-1))
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.flush())

buf = bytearray(4)
b = io.BytesIO(b"0123456789")
print(b.readinto(buf), buf, b.readinto(memoryview(buf)[1:3]), buf)

b = io.BytesIO(b"hello world")
view = b.getbuffer()
print(len(view), bytes(view[:5]), view.readonly)
view[0] = ord("H")
print(b.getvalue())
show("write while exported", lambda: b.write(b"x"))
show("truncate while exported", lambda: b.truncate(2))
show("close while exported", lambda: b.close())
print(b.read(5))
view.release()
print(b.write(b"!"), b.getvalue())
b.close()
print(b.closed)
for name in ["read", "getvalue", "tell", "readline", "getbuffer", "readable", "flush"]:
    show(name + " closed", getattr(b, name))
show("seek closed", lambda: b.seek(0))
show("iter closed", lambda: next(b))
b.close()

b = io.BytesIO(b"state")
b.read(2)
b.extra = 1
st = b.__getstate__()
print(st)
c = io.BytesIO()
c.__setstate__(st)
print(c.read(), c.extra)

class Sub(io.BytesIO):
    pass

s = Sub(b"sub")
print(type(s).__name__, s.read(), isinstance(s, io.BufferedIOBase), isinstance(s, io.IOBase))
print(io.BytesIO(initial_bytes=b"kw").read())
with io.BytesIO(b"ctx") as m:
    print(m.read())
print(m.closed)
show("fileno", lambda: io.BytesIO().fileno())
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
