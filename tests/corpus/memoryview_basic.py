# memoryview basics: construction, attributes, len, indexing, slicing (views, not copies), iteration, `in`, repr.


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


def attrs(m):
    return (m.obj, m.nbytes, m.readonly, m.itemsize, m.format, m.ndim, m.shape, m.strides, m.suboffsets,
            m.c_contiguous, m.f_contiguous, m.contiguous)


t("int", lambda: memoryview(1))
t("str", lambda: memoryview("abc"))
t("list", lambda: memoryview([1, 2]))
t("none", lambda: memoryview(None))
t("no args", lambda: memoryview())
t("two args", lambda: memoryview(b"x", 1))
t("keyword", lambda: memoryview(object=b"xy").tobytes())
t("bad keyword", lambda: memoryview(x=1))
t("subclass", lambda: type("M", (memoryview,), {}))

m = memoryview(b"abcdef")
print(attrs(m))
print(attrs(memoryview(bytearray(b"xyz"))))
print(type(m).__name__, len(m), bool(m), bool(memoryview(b"")))
print(repr(m).startswith("<memory at 0x"), str(m) == repr(m))

# Indexing.
for i in [0, 5, -1, -6]:
    t("m[%d]" % i, lambda: m[i])
t("m[6]", lambda: m[6])
t("m[-7]", lambda: m[-7])
t("m[2**70]", lambda: m[2**70])
t("m[1.5]", lambda: m[1.5])
t("m['a']", lambda: m["a"])
t("m[None]", lambda: m[None])
t("m[0,]", lambda: m[0,])
t("m[0, 0]", lambda: m[0, 0])
t("m[()]", lambda: m[()])
t("m[...]", lambda: m[...])
t("m[0:1, 0:1]", lambda: m[0:1, 0:1])


class Idx:
    def __index__(self):
        return 2


t("m[Idx()]", lambda: m[Idx()])
t("m[True]", lambda: m[True])

# Slicing makes views.
for s in [slice(1, 4), slice(None, None, 2), slice(None, None, -1), slice(4, 1, -2), slice(10, 20), slice(-3, None),
          slice(None, None, 3), slice(0, 1, 2), slice(5, 100, 7)]:
    v = m[s]
    print(s, v.tobytes(), v.tolist(), len(v), v.shape, v.strides, v.nbytes, v.c_contiguous, v.obj is m.obj)
sub = m[1:5][::-1][1:]
print(sub.tobytes(), sub.strides, list(sub))

ba = bytearray(b"hello world")
view = memoryview(ba)[6:]
ba[6] = ord("W")
print(view.tobytes(), view[0])

# Iteration and membership.
print(list(m), [x for x in memoryview(b"xyz")[::-1]], list(reversed(memoryview(b"abc"))))
it = iter(memoryview(b"ab"))
print(type(it).__name__, next(it), next(it))
t("exhausted", lambda: next(it))
print(98 in m, 120 in m, b"b" in m, "b" in m, 300 in m)
print(list(enumerate(memoryview(b"hi"))), sum(memoryview(b"\x01\x02\x03")), max(memoryview(b"az")))
print(sorted(memoryview(b"cab")), tuple(memoryview(b"")), list(zip(memoryview(b"ab"), memoryview(b"cd"))))

# Attribute errors.
t("set format", lambda: setattr(m, "format", "B"))
t("new attr", lambda: setattr(m, "foo", 1))
t("missing", lambda: m.foo)
