# Text files through open(): newline translation on write and read, encodings and error handlers, tell/seek
# cookies (UTF-8 multi-byte, UTF-16 with BOM, cp1252 through the codec registry), append mode, line buffering.
import io
import posix

base = "/tmp/pyvm_io_text_%d" % posix.getpid()
posix.mkdir(base)
posix.chdir(base)


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


def raw(name):
    with open(name, "rb") as f:
        return f.read()


for nl in [None, "", "\n", "\r", "\r\n"]:
    with open("nl.txt", "w", encoding="utf-8", newline=nl) as f:
        f.write("a\nb\r\nc\rd")
    print(repr(nl), raw("nl.txt"))
with open("mixed.txt", "wb") as f:
    f.write(b"one\ntwo\r\nthree\rfour")
for nl in [None, "", "\n", "\r", "\r\n"]:
    with open("mixed.txt", encoding="utf-8", newline=nl) as f:
        lines = f.readlines()
        print(repr(nl), lines, f.newlines)
with open("mixed.txt", encoding="utf-8") as f:
    print(repr(f.read()), f.newlines)

text = "héllo wörld\n✓ done\nend"
with open("u8.txt", "w", encoding="utf-8") as f:
    print(f.write(text), f.tell())
with open("u8.txt", encoding="utf-8") as f:
    positions = []
    while True:
        pos = f.tell()
        ch = f.read(1)
        if not ch:
            break
        positions.append((pos, ch))
    print(positions)
    for pos, ch in positions[::4]:
        f.seek(pos)
        print(pos, repr(f.read(3)), end="; ")
    print()
    f.seek(0)
    print(repr(f.readline()), f.tell(), repr(f.readline()), f.tell())
    show("seek cur", lambda: f.seek(2, 1))
    show("seek end", lambda: f.seek(-2, 2))
    print(f.seek(0, 2), f.seek(0, 1), repr(f.read()))
    show("seek neg", lambda: f.seek(-1))
    show("seek whence", lambda: f.seek(0, 4))

for enc in ["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "ascii"]:
    with open("enc.txt", "w", encoding=enc, errors="replace") as f:
        f.write("Grüße €\n")
        f.write("x")
    data = raw("enc.txt")
    with open("enc.txt", encoding=enc) as f:
        first = f.readline()
        mid = f.tell()
        rest = f.read()
        f.seek(mid)
        again = f.read()
    print(enc, data, repr(first), mid == mid, repr(rest), again == rest, f.encoding)

with open("bad.txt", "wb") as f:
    f.write(b"ok \xff\xfe bad \xc3")
for errors in ["strict", "ignore", "replace", "surrogateescape", "backslashreplace"]:
    with open("bad.txt", encoding="utf-8", errors=errors) as f:
        show(errors, f.read)
with open("enc.txt", "w", encoding="ascii") as f:
    show("encode strict", lambda: f.write("é"))
    f.write("ok")
print(raw("enc.txt"))
with open("enc.txt", "w", encoding="ascii", errors="xmlcharrefreplace") as f:
    f.write("é€")
print(raw("enc.txt"))
show("unknown encoding", lambda: open("enc.txt", encoding="no-such-codec"))
show("not text", lambda: open("enc.txt", encoding="rot13"))

with open("app.txt", "w", encoding="utf-8") as f:
    f.write("first\n")
with open("app.txt", "a", encoding="utf-8") as f:
    print(f.tell(), f.write("second\n"), f.tell())
with open("app.txt", "r+", encoding="utf-8") as f:
    print(repr(f.readline()))
    f.seek(0, 2)
    f.write("third\n")
    f.seek(0)
    print(f.read().splitlines())

with open("u16.txt", "w", encoding="utf-16") as f:
    f.write("ab")
with open("u16.txt", "a", encoding="utf-16") as f:
    f.write("cd")
print(raw("u16.txt"))
with open("u16.txt", "r+", encoding="utf-16") as f:
    print(f.read(1), f.tell())
    f.seek(0)
    f.seek(f.tell())
    print(f.read())

f = open("lb.txt", "w", encoding="utf-8", buffering=1)
print(f.line_buffering)
f.write("no newline")
print(raw("lb.txt"))
f.write(" and\nmore")
print(raw("lb.txt"))
f.reconfigure(line_buffering=False, write_through=True)
f.write("!")
print(raw("lb.txt"), f.write_through)
f.close()

with open("iter.txt", "w", encoding="utf-8") as f:
    f.writelines(["l%d\n" % i for i in range(5)])
with open("iter.txt", encoding="utf-8") as f:
    print(next(f))
    show("tell in iteration", f.tell)
    print(list(f))
    print(f.tell())
with open("iter.txt", encoding="utf-8") as f:
    print(f.readlines(7), f.readline(1), f.readline(0), f.readline(-1))
with open("iter.txt", encoding="utf-8") as f:
    f._CHUNK_SIZE = 3
    print(f._CHUNK_SIZE, f.read(4), f.tell(), f.readline(), f.tell())

for name in ["nl.txt", "mixed.txt", "u8.txt", "enc.txt", "bad.txt", "app.txt", "u16.txt", "lb.txt", "iter.txt"]:
    posix.unlink(name)
posix.chdir("/")
posix.rmdir(base)
