import _bisect
from _bisect import bisect_left, bisect_right, insort_left, insort_right

print(sorted(n for n in dir(_bisect) if not n.startswith("__")))
a = [1, 2, 2, 2, 3, 5, 8]
for x in (0, 1, 2, 3, 4, 8, 9):
    print(x, bisect_left(a, x), bisect_right(a, x), bisect_left(a, x, 2), bisect_right(a, x, 1, 4),
          bisect_left(a, x, hi=3), bisect_right(a, x, lo=3, hi=None))
print(bisect_left(a, 2, 0, -1), bisect_left(a, 2, hi=-5), bisect_left((1, 3, 5), 4), bisect_right("aceg", "d"))
recs = [("a", 1), ("b", 3), ("c", 5)]
print(bisect_left(recs, 3, key=lambda r: r[1]), bisect_right(recs, 3, key=lambda r: r[1]))
print(bisect_left(recs, 4, key=lambda r: r[1], lo=1), bisect_right([1, 2, 3], 2, key=None))
l = [1, 3, 5]
insort_left(l, 3)
insort_right(l, 4)
insort_left(l, 0, 0, 1)
insort_right(l, 9, lo=2)
print(l)
r = [("x", 1), ("y", 4)]
insort_left(r, ("z", 2), key=lambda t: t[1])
insort_right(r, ("w", 4), key=lambda t: t[1])
print(r)


class L(list):
    def insert(self, i, x):
        print("insert", i, x)
        list.insert(self, i, x)


m = L([1, 3])
insort_right(m, 2)
insort_left(m, 3)
print(m)


class Cmp:
    calls = 0

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        Cmp.calls += 1
        return self.v < other.v


items = [Cmp(i) for i in range(0, 100, 2)]
print(bisect_left(items, Cmp(51)), Cmp.calls)


def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


check(lambda: bisect_left([1, 2], 1, -1))
check(lambda: bisect_left(5, 1))
check(lambda: bisect_left([1, 2, 3], 2, hi=10))
check(lambda: bisect_left([1, 2], 1, lo=None))
check(lambda: bisect_left([1, 2], 1, lo="a"))
check(lambda: bisect_left([1, 2], 1, hi="a"))
check(lambda: insort_left(5, 1))
check(lambda: bisect_left())
check(lambda: bisect_left([1, 2], 1, 0, 1, 2))
check(lambda: bisect_left([1, "a"], 2))
check(lambda: insort_right((1, 2), 3))
