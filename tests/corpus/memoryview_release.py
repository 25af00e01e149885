# memoryview release: the exporter's lock on resizing, release(), context managers, chained views, re-exports,
# and the ValueError every operation raises on a released view.


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


b = bytearray(b"abcdef")
m = memoryview(b)
t("append", lambda: b.append(1))
t("extend", lambda: b.extend(b"zz"))
t("clear", lambda: b.clear())
t("pop", lambda: b.pop())
t("del item", lambda: b.__delitem__(0))
t("shrink slice", lambda: b.__setitem__(slice(0, 1), b""))
t("grow slice", lambda: b.__setitem__(slice(0, 1), b"xyz"))
t("same-size slice", lambda: (b.__setitem__(slice(0, 1), b"Q"), b)[1])
t("item", lambda: (b.__setitem__(1, 82), b)[1])
t("+=", lambda: b.__iadd__(b"x"))
t("*= 2", lambda: b.__imul__(2))
t("*= 1", lambda: b.__imul__(1))
t("remove", lambda: b.remove(ord("Q")))
t("insert", lambda: b.insert(0, 1))
t("reverse", lambda: (b.reverse(), b.reverse(), b)[2])
t("release", lambda: m.release())
t("release again", lambda: m.release())
t("append after", lambda: (b.append(33), b)[1])

# Every operation on a released view.
ops = {
    "obj": lambda: m.obj, "nbytes": lambda: m.nbytes, "readonly": lambda: m.readonly, "itemsize": lambda: m.itemsize,
    "format": lambda: m.format, "ndim": lambda: m.ndim, "shape": lambda: m.shape, "strides": lambda: m.strides,
    "suboffsets": lambda: m.suboffsets, "c_contiguous": lambda: m.c_contiguous,
    "f_contiguous": lambda: m.f_contiguous, "contiguous": lambda: m.contiguous, "len": lambda: len(m),
    "index": lambda: m[0], "slice": lambda: m[0:1], "setitem": lambda: m.__setitem__(0, 1),
    "setslice": lambda: m.__setitem__(slice(0, 1), b"x"), "tobytes": lambda: m.tobytes(),
    "tolist": lambda: m.tolist(), "hex": lambda: m.hex(), "cast": lambda: m.cast("B"),
    "toreadonly": lambda: m.toreadonly(), "hash": lambda: hash(m), "enter": lambda: m.__enter__(),
    "memoryview": lambda: memoryview(m), "bytes": lambda: bytes(m), "bytearray": lambda: bytearray(m),
    "in": lambda: 1 in m, "list": lambda: list(m), "exit": lambda: m.__exit__(None, None, None),
    "eq self": lambda: m == m, "eq bytes": lambda: m == b, "ne self": lambda: m != m,
    "repr": lambda: repr(m).startswith("<released memory at 0x"),
}
for name, op in ops.items():
    t(name, op)

# Context manager.
with memoryview(b) as v:
    t("inside with", lambda: b.append(1))
    print(v.tobytes())
t("after with", lambda: (b.append(1), len(b))[1])
t("enter returns self", lambda: (lambda x: x.__enter__() is x)(memoryview(b"")))
t("exit with args", lambda: memoryview(b"").__exit__(1, 2, 3, 4))
t("exit keywords", lambda: memoryview(b"").__exit__(x=2))
t("release args", lambda: memoryview(b"").release(1))
try:
    with memoryview(b) as v:
        raise KeyError("inside")
except KeyError as e:
    print("KeyError", e, v.__repr__().startswith("<released"))

# Views made from a view share its export: the exporter stays locked until the last one goes.
m1 = memoryview(b)
m2 = m1[1:3]
m3 = memoryview(m1)
m4 = m1.cast("c")
m5 = m1.toreadonly()
for v in [m1, m2, m3, m4]:
    v.release()
    t("locked", lambda: b.append(1))
del m5
t("unlocked", lambda: (b.append(1), len(b))[1])

# Dropping the last reference releases too.
m1 = memoryview(b)
t("locked", lambda: b.append(1))
del m1
t("unlocked", lambda: (b.append(1), len(b))[1])
m1 = memoryview(b)[2:4]
t("slice holds", lambda: b.append(1))
m1 = None
t("slice dropped", lambda: (b.append(1), len(b))[1])
it = iter(memoryview(b))
t("iterator holds", lambda: b.append(1))
print(len(list(it)))
t("exhausted iterator lets go", lambda: (b.append(1), len(b))[1])

# A view whose buffer is exported cannot be released.
mv = memoryview(b"abc")
m2 = mv.__buffer__(0)
print(m2.obj is mv, type(m2).__name__, m2.tobytes())
t("release exported", lambda: mv.release())
mv.__release_buffer__(m2)
t("release after", lambda: mv.release())

ba = bytearray(b"xyz")
e = ba.__buffer__(0)
t("buffer locks", lambda: ba.append(1))
t("release_buffer type", lambda: ba.__release_buffer__(1))
t("release_buffer other", lambda: ba.__release_buffer__(memoryview(b"x")))
ba.__release_buffer__(e)
t("released", lambda: e.tobytes())
t("unlocked", lambda: (ba.append(1), ba)[1])
t("release twice", lambda: ba.__release_buffer__(e))
t("bytes __buffer__ writable", lambda: b"ab".__buffer__(1))
t("bytes __buffer__", lambda: b"ab".__buffer__(0).tolist())
t("flags type", lambda: b"ab".__buffer__("x"))
t("flags big", lambda: b"ab".__buffer__(2**40))
print(hasattr(bytes, "__release_buffer__"), hasattr(bytearray, "__release_buffer__"), hasattr(memoryview, "__buffer__"))
