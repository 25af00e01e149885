# fullext: a GC type, a 2-D buffer exporter and vectorcall in one multi-phase extension (tests/ext/fullext.c).
import gc
import struct
import sys
import weakref

import fullext
from exttest import err, section
from fullext import Adder, Matrix, Node

print("module:", fullext.__name__, fullext.__doc__)
print("types:", Node.__module__, Node.__qualname__, Matrix.__name__, Adder.__name__)


# ---- GC ----
section("gc")
n = Node("root")
print(n, n.value, n.link, gc.is_tracked(n))
n.add(1)
n.add("two")
n.add(Node("child"))
print(n.items()[:2], n.items()[2].value, repr(n))
print("live:", fullext.live_nodes())
refs = gc.get_referents(n)
print("referents:", len(refs), Node in refs, "root" in refs, any(r is n.link for r in refs))
del refs

# A two-node cycle through link: broken by hand, then freed by reference counting (fullext_cycles.py leaves such
# cycles to the cycle collector).
a = Node("a")
b = Node("b", a)
a.link = b
print(a.link.value, b.link.value, a.link.link is a)
wa, wb, wn = weakref.ref(a), weakref.ref(b), weakref.ref(n)
print("live:", fullext.live_nodes(), weakref.getweakrefcount(a))
a.link = None
del a, b
print("pair freed:", wa(), wb(), "live:", fullext.live_nodes())
del n
print("root and child freed:", wn(), "live:", fullext.live_nodes())


# Nodes holding Python objects that point back at them through attributes: the cycles are broken by hand.
class Holder:
    pass


holders = []
nodes = []
for i in range(200):
    x = Node(i)
    h = Holder()
    h.node = x
    x.add(h)  # node -> list -> holder -> node
    x.add([i] * 3)
    nodes.append(weakref.ref(x))
    holders.append(h)
del x, h
print("live with holders:", fullext.live_nodes(), all(r() is not None for r in nodes))
print("referents of one:", [type(o).__name__ for o in gc.get_referents(nodes[7]())])
for h in holders:
    del h.node
del holders, h
print("after dropping the holders:", fullext.live_nodes(), sum(r() is None for r in nodes))


# A subclass (instances get a __dict__; Python attributes hold other nodes).
class SubNode(Node):
    pass


s = SubNode("sub")
s.other = Node("other", link=Node("leaf"))
ws = weakref.ref(s)
print(type(s).__name__, s.value, s.other.link.value, gc.is_tracked(s), fullext.live_nodes())
del s
print("subclass freed:", ws() is None, fullext.live_nodes())
print("value deleted:", err(lambda: Node().__delattr__("value")))
nd = Node(5)
del nd.value
print("value after delete:", err(getattr, nd, "value"))
del nd

# ---- buffer ----
section("buffer")
m = Matrix(3, 4)
print(m.shape, m.exports)
v = memoryview(m)
print(v.format, v.itemsize, v.ndim, v.shape, v.strides, v.readonly, v.nbytes, v.c_contiguous, m.exports)
print(v.tolist())
print(v[1, 2], v[2, 3], err(lambda: v[3, 0]))
v[1, 2] = 100
print("written:", m.get(1, 2), v[1, 2])
print("sub-view:", err(lambda: v[1]))
print("bytes:", bytes(m)[:8], len(bytes(m)), bytes(m) == bytes(v), m.exports)
sl = v[1:]
print("slice:", sl.shape, sl.tolist(), m.exports)
sl2 = v[::2]
print("step slice:", sl2.shape, sl2.strides, sl2.tolist(), sl2.c_contiguous)
print("resize while exported:", err(m.resize, 2, 2))
flat = v.cast("B")
print("cast B:", flat.ndim, flat.shape, flat[:8].tolist(), m.exports)
print("cast i:", v.cast("B").cast("i").tolist())
print("cast to 2-D:", v.cast("B").cast("i", (4, 3)).tolist())
print("unpack_from:", struct.unpack_from("4i", m, 16), struct.unpack_from("<2i", v, 4))
print("tobytes == bytes:", v.tobytes() == bytes(m), v.hex()[:16])
print("exports before release:", m.exports)
flat.release()
sl.release()
sl2.release()
v.release()
print("exports after release:", m.exports)
print("released use:", err(lambda: v.tolist()))
print("resize after release:", err(m.resize, 2, 2), m.shape, memoryview(m).tolist(), m.exports)
with memoryview(m) as w:
    print("in with:", m.exports, w.tolist())
print("after with:", m.exports)
ba = bytearray(m)
print("bytearray copy:", len(ba), ba[:4], m.exports)
print("struct.pack_into:", err(struct.pack_into, "i", m, 0, -7), m.get(0, 0))

# Read-only.
r = Matrix(2, 3, readonly=True)
rv = memoryview(r)
print("readonly:", rv.readonly, rv.tolist(), r.exports)
print("write ro:", err(rv.__setitem__, (0, 0), 1))
print("pack_into ro:", err(struct.pack_into, "i", r, 0, 1), r.exports)
print("bytes ro:", bytes(r).hex())
rv.release()
print("ro exports:", r.exports)
print("empty:", memoryview(Matrix(0, 5)).tolist(), bytes(Matrix(0, 5)))
print("bad:", err(Matrix, -1, 2), err(Matrix, 1))
# Many short-lived exports: the count goes back to zero.
big = Matrix(50, 50)
total = 0
for i in range(300):
    with memoryview(big) as mv:
        total += mv[i % 50, (i * 7) % 50]
print("many exports:", total, big.exports, sum(struct.unpack_from("50i", big, 200 * 4)))

# ---- vectorcall ----
section("vectorcall")
print(fullext.vsum(1, 2, 3), fullext.vsum(1, 2, 3, scale=10), fullext.vsum(offset=5), fullext.vsum(1.5, 2, offset=1, scale=2))
print(fullext.vsum(*range(10), **{"scale": 3}))
print(err(fullext.vsum, 1, bogus=2))
print(err(fullext.vsum, 1, "x"))
print(fullext.describe())
print(fullext.describe(1, 2, x=3, y=4))
print(fullext.describe(*"ab", **{"k": None}))
f = fullext.describe
print(f(1, f=f)[1], type(f).__name__)

add = Adder(10)
mul = Adder(2, mul=True)
print(add(1, 2, 3), add(), mul(3, 4), add.calls, mul.calls, add.base)
print(err(add, x=1))
print("constructed through tp_vectorcall:", fullext.vc_constructs())
print(Adder(base=1)(1), Adder(1, True)(5), fullext.vc_constructs())
print(err(Adder), err(Adder, 1, 2, 3))
print("via call_vc:", fullext.call_vc(add, (5, 5)), fullext.call_vc(fullext.vsum, (1, 2), {"scale": 4}))
print("call_vc py:", fullext.call_vc(lambda *a, **k: (a, sorted(k.items())), (1,), {"b": 2, "a": 1}))
print("call_vc type:", fullext.call_vc(Adder, (7,))(1), fullext.vc_constructs())
print("call_method_vc:", fullext.call_method_vc([3, 1, 2], "index", 2), fullext.call_method_vc("a-b", "split", "-"))
print("map:", list(map(add, range(5))), add.calls)
print("sorted key:", sorted([3, 1, 2], key=Adder(-10)))

# Python subclasses: without __call__ they keep the vectorcall; with one, __call__ wins.
class Sub(Adder):
    pass


class Loud(Adder):
    def __call__(self, *a):
        return ("loud", a)


s = Sub(100)
print("sub:", s(1), s.calls, type(s).__name__, fullext.vc_constructs())
print("loud:", Loud(1)(2, 3))
print("callable:", callable(add), callable(Matrix(1, 1)))

# ---- everything together ----
section("together")
holder = Node(Matrix(2, 2))
holder.add(memoryview(holder.value))
holder.add(Adder(1))
holder.link = Node("next", holder.items()[1])
print(holder.items()[0].tolist(), holder.value.exports, holder.items()[1](41), holder.link.link(1))
wh = weakref.ref(holder)
mat = holder.value
del holder
print("freed:", wh() is None, "matrix exports:", mat.exports, fullext.live_nodes())
print("done")
