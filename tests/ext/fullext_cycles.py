# fullext's GC type in reference cycles that only a cycle collector frees (tests/ext/fullext.c): tp_traverse and
# tp_clear of an extension type, and of a Python subclass of it. The expected output is CPython 3.13's.
import gc
import weakref

import fullext
from fullext import Adder, Matrix, Node

n = Node("root")
n.add(n)  # a cycle through the item list
a = Node("a")
b = Node("b", a)
a.link = b  # a cycle through link
wa, wb, wn = weakref.ref(a), weakref.ref(b), weakref.ref(n)
print("live:", fullext.live_nodes())
del a, b, n
print("alive before collect:", wa() is not None, wb() is not None, wn() is not None)
gc.collect()
print("alive after collect:", wa(), wb(), wn(), "live:", fullext.live_nodes())


class Holder:
    pass


nodes = []
for i in range(200):
    x = Node(i)
    h = Holder()
    h.node = x
    x.add(h)  # node -> list -> holder -> node
    nodes.append(weakref.ref(x))
del x, h
print("live in cycles:", fullext.live_nodes())
gc.collect()
print("after collect:", fullext.live_nodes(), sum(r() is None for r in nodes))


class SubNode(Node):
    pass


s = SubNode("sub")
s.me = s
ws = weakref.ref(s)
del s
gc.collect()
print("subclass cycle collected:", ws() is None, fullext.live_nodes())

holder = Node(Matrix(2, 2))
holder.add(memoryview(holder.value))
holder.add(Adder(1))
holder.link = holder
wh = weakref.ref(holder)
mat = holder.value
del holder
gc.collect()
print("collected:", wh() is None, "matrix exports:", mat.exports, fullext.live_nodes())
