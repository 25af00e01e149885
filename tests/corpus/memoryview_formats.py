# memoryview formats: casts to every native format, unpacking (indexing, tolist) and packing with CPython's errors.


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


raw = bytearray(range(16))
m = memoryview(raw)
formats = ["B", "b", "c", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "f", "d", "e", "?", "P", "@B", "@i"]
for f in formats:
    c = m.cast(f)
    print(f, c.format, c.itemsize, len(c), c.nbytes, c.shape, c.strides, c.tolist()[:3], c[-1])

print(memoryview(b"\xff\x80\x7f").cast("b").tolist(), memoryview(b"\x00\x02\x01").cast("?").tolist())
print(memoryview(b"\x00\x3c\x00\xc0\xff\x7b\x00\x7c\x00\xfc\x01\x00").cast("e").tolist())
print(memoryview(b"\x00\x00\x80\x3f\x00\x00\x00\xc0").cast("f").tolist())

values = [1, -1, 2**7, 2**8, 2**15, 2**16, 2**31, 2**32, 2**63 - 1, 2**63, 2**64 - 1, 2**64, -2**63, -2**63 - 1,
          1.5, True, "a", b"a", b"ab", bytearray(b"a"), None, 1e300, 65504.0, 65520.0, 2**1000, 2**1100, 1j]
buf = bytearray(8)
for f in ["b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "f", "d", "e", "?", "P", "c"]:
    c = memoryview(buf).cast(f)
    results = []
    for v in values:
        try:
            c[0] = v
            results.append(repr(c[0]))
        except Exception as e:
            results.append(type(e).__name__ + ": " + str(e))
    print(f, results)


class Index:
    def __index__(self):
        return 7


class Float:
    def __float__(self):
        return 2.5


class Truthy:
    def __bool__(self):
        raise RuntimeError("boom")


def setitem(mv, k, v):
    mv[k] = v
    return mv[k]


t("index B", lambda: setitem(memoryview(buf), 0, Index()))
t("index h", lambda: setitem(memoryview(buf).cast("h"), 0, Index()))
t("index f", lambda: setitem(memoryview(buf).cast("f"), 0, Index()))
t("float d", lambda: setitem(memoryview(buf).cast("d"), 0, Float()))
t("float i", lambda: setitem(memoryview(buf).cast("i"), 0, Float()))
t("bool raises", lambda: setitem(memoryview(buf).cast("?"), 0, Truthy()))
t("bool list", lambda: setitem(memoryview(buf).cast("?"), 0, []))
t("nan", lambda: setitem(memoryview(buf).cast("d"), 0, float("nan")))
t("@B message", lambda: setitem(memoryview(buf).cast("@B"), 0, 300))
t("@i message", lambda: setitem(memoryview(buf).cast("@i"), 0, "x"))
