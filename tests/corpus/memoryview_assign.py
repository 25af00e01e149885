# memoryview item and slice assignment on writable buffers, the same-size rule, and read-only views.


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


def setitem(m, k, v):
    m[k] = v


def delitem(m, k):
    del m[k]


ba = bytearray(b"abcdef")
m = memoryview(ba)
m[0] = 65
m[-1] = 70
print(ba)
t("300", lambda: setitem(m, 0, 300))
t("-1", lambda: setitem(m, 0, -1))
t("1.5", lambda: setitem(m, 0, 1.5))
t("str", lambda: setitem(m, 0, "a"))
t("bytes", lambda: setitem(m, 0, b"a"))
t("None", lambda: setitem(m, 0, None))
t("2**100", lambda: setitem(m, 0, 2**100))
t("True", lambda: (setitem(m, 1, True), ba)[1])
t("index 6", lambda: setitem(m, 6, 1))
t("index -7", lambda: setitem(m, -7, 1))
t("index bad and value bad", lambda: setitem(m, 10, "x"))
t("float key", lambda: setitem(m, 1.0, 1))
t("str key", lambda: setitem(m, "x", 1))
t("tuple key", lambda: setitem(m, (1,), 66))
t("tuple key 2", lambda: setitem(m, (1, 2), 66))
t("empty tuple key", lambda: setitem(m, (), 66))
t("ellipsis key", lambda: setitem(m, ..., 66))
t("del", lambda: delitem(m, 0))
t("del slice", lambda: delitem(m, slice(0, 2)))
print(ba)


class Byte:
    def __index__(self):
        return 90


class Bad:
    def __index__(self):
        raise RuntimeError("no index")


t("__index__", lambda: (setitem(m, 2, Byte()), ba)[1])
t("__index__ raises", lambda: setitem(m, 2, Bad()))

# Slice assignment: the right side must be a buffer with the same structure.
m = memoryview(ba)
t("same size", lambda: (setitem(m, slice(0, 2), b"xy"), ba)[1])
t("longer", lambda: setitem(m, slice(0, 2), b"xyz"))
t("shorter", lambda: setitem(m, slice(0, 2), b"x"))
t("int", lambda: setitem(m, slice(0, 2), 5))
t("list", lambda: setitem(m, slice(0, 2), [1, 2]))
t("str", lambda: setitem(m, slice(0, 2), "xy"))
t("bytearray", lambda: (setitem(m, slice(2, 4), bytearray(b"PQ")), ba)[1])
t("memoryview", lambda: (setitem(m, slice(4, 6), memoryview(b"RS")), ba)[1])
t("step", lambda: (setitem(m, slice(None, None, 2), b"135"), ba)[1])
t("negative step", lambda: (setitem(m, slice(None, None, -1), b"abcdef"), ba)[1])
t("empty", lambda: (setitem(m, slice(3, 3), b""), ba)[1])
t("empty step", lambda: (setitem(m, slice(3, 3, 2), b""), ba)[1])
t("other format", lambda: setitem(m, slice(0, 4), memoryview(b"abcd").cast("i")))
t("'c' source", lambda: setitem(m, slice(0, 1), memoryview(b"a").cast("c")))
t("2-D source", lambda: setitem(m, slice(0, 4), memoryview(b"abcd").cast("B", [2, 2])))
t("strided source", lambda: (setitem(m, slice(0, 3), memoryview(b"a1b2c3")[::2]), ba)[1])

# Overlapping copies within one buffer.
ba = bytearray(b"abcdef")
m = memoryview(ba)
m[1:6] = m[0:5]
print(ba)
ba[:] = b"abcdef"
m[0:3] = m[::2]
print(ba)
ba[:] = b"abcdef"
m[::2] = m[1::2]
print(ba)

# Through views: a slice of a view writes into the exporter.
ba = bytearray(10)
m = memoryview(ba)
part = m[2:8:3]
part[0] = 1
part[1] = 2
part[:] = b"\x07\x09"
print(ba, part.tolist())

# Read-only memory.
r = memoryview(b"abc")
t("read-only item", lambda: setitem(r, 0, 1))
t("read-only slice", lambda: setitem(r, slice(0, 1), b"x"))
t("read-only del", lambda: delitem(r, 0))
w = memoryview(bytearray(b"abc"))
ro = w.toreadonly()
t("toreadonly", lambda: setitem(ro, 0, 1))
print(w.readonly, ro.readonly, ro.obj, ro == w, ro.tolist())
t("toreadonly of read-only", lambda: r.toreadonly().readonly)
