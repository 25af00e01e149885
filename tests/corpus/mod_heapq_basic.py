import _heapq
from _heapq import heappush, heappop, heapify, heapreplace, heappushpop
from _heapq import _heappop_max, _heapify_max, _heapreplace_max

print(sorted(n for n in dir(_heapq) if not n.startswith("__")))
data = [5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 5, 3]
h = []
for x in data:
    heappush(h, x)
    print(h)
print([heappop(h) for _ in range(len(h))])
h = list(data)
heapify(h)
print(h)
print(heapreplace(h, 10), h)
print(heappushpop(h, -1), heappushpop(h, 4), h)
print(heappushpop([], 3))
m = list(data)
_heapify_max(m)
print(m)
print(_heapreplace_max(m, -5), m)
print([_heappop_max(m) for _ in range(len(m))])
big = [(i * 7919) % 1000 for i in range(3000)]
heapify(big)
print(big[:10], all(big[(i - 1) // 2] <= big[i] for i in range(1, len(big))))
out = [heappop(big) for _ in range(len(big))]
print(out == sorted(out), out[:5], out[-5:])
pairs = [(2, "b"), (1, "z"), (1, "a"), (3, "c")]
heapify(pairs)
print([heappop(pairs) for _ in range(4)])


def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


check(lambda: heappush(5, 1))
check(lambda: heappop(5))
check(lambda: heapify(5))
check(lambda: heapreplace(5, 1))
check(lambda: heappushpop(5, 1))
check(lambda: _heappop_max(5))
check(lambda: _heapify_max((1,)))
check(lambda: _heapreplace_max(5, 1))
check(lambda: heappop([]))
check(lambda: heapreplace([], 1))
check(lambda: _heappop_max([]))
check(lambda: _heapreplace_max([], 1))
check(lambda: heappush([]))
check(lambda: heapify([1, "a", 2]))
check(lambda: heappush([1, 2], "a"))


class Evil:
    def __init__(self, heap, v):
        self.heap = heap
        self.v = v

    def __lt__(self, other):
        self.heap.clear()
        return self.v < other.v


h = []
h.append(Evil(h, 3))
check(lambda: heappush(h, Evil(h, 1)))
h = [Evil(None, 1)]
for i in range(5):
    h.append(Evil(h, 5 - i))
check(lambda: heapify(h))
h = [Evil(None, 0), Evil(None, 1), Evil(None, 2)]
for e in h:
    e.heap = h
check(lambda: heappop(h))


class Bad:
    def __lt__(self, other):
        raise ZeroDivisionError("no order")


check(lambda: heapify([Bad(), Bad(), Bad()]))
check(lambda: heappushpop([Bad()], Bad()))
