# _collections.deque: end operations, maxlen, indexing, rotation, iteration, comparison, repr and errors.
import _collections
from _collections import deque

d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), bool(d), bool(deque()))
print(d.pop(), d.popleft(), d)
d.extend(range(5)); d.extendleft("ab")
print(d, d.count(2), d.index(2), d.index(2, 3), 4 in d, 99 in d)
d.rotate(3); print(d)
d.rotate(-5); print(d)
d.reverse(); print(d)
d.insert(2, "x"); d.insert(-1, "y"); d.insert(100, "z"); d.insert(-100, "w"); print(d)
d.remove("x"); print(d, d[0], d[-1], d[5])
d[1] = "Q"; del d[2]; print(d)
print(list(reversed(d)), d.maxlen)
m = deque(range(10), maxlen=3); print(m, m.maxlen)
m.append(10); print(m); m.appendleft(-1); print(m)
m.extend(range(100)); print(m)
print(repr(deque([], 0)), deque("abc", maxlen=0))
big = deque()
for i in range(1000): big.append(i); big.appendleft(-i)
print(len(big), big[0], big[-1], big[500], big[1500], sum(big))
for i in range(700): big.pop(); big.popleft()
print(len(big), list(big)[:3], big[0], big[-1])
big.rotate(123); print(big[0], big[-1]); big.rotate(-123); print(big[0])
print(deque([1, 2]) + deque([3]), deque([1, 2]) * 3, 2 * deque("ab"), deque([1]) * 0)
x = deque([1, 2]); y = x; x += [3, 4]; print(x is y, x); x *= 2; print(x, x is y)
print(deque([1, 2, 3], maxlen=4) * 3)
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) < deque([1, 3]), deque([1]) <= deque([1, 0]),
      deque([2]) > deque([1, 5]), deque([1]) != deque([1]), deque([1]) == [1])
c = d.copy(); print(c == d, c is d, type(c).__name__, d.__copy__() == d)
r = deque([1]); r.append(r); print(r)
print(d.__reduce__()[0], d.__reduce__()[1:3], deque([1], 5).__reduce__()[1])
it = iter(deque([1, 2, 3])); next(it); print(it.__length_hint__(), type(it).__name__, list(it))
print(type(reversed(deque())).__name__, _collections._deque_iterator(deque("abcd"), 2).__next__())
try:
    e = deque([1, 2, 3])
    for v in e: e.append(v)
except RuntimeError as ex: print("RuntimeError", ex)
class D(deque): pass
s = D([1, 2], 5); print(s, type(s.copy()).__name__, s.copy())
print(deque[int], deque.__module__, type(iter(deque())).__module__)
for f in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[3], lambda: deque([1]).index(7),
          lambda: deque([1]).remove(7), lambda: deque([], -1), lambda: deque([1], 1).insert(0, 2),
          lambda: deque([1]) + [1], lambda: hash(deque()), lambda: deque([1]) < [1], lambda: deque(1),
          lambda: deque([1])["a"], lambda: deque([], "a")]:
    try: print(f())
    except Exception as ex: print(type(ex).__name__, ex)
print(sorted(n for n in dir(deque) if not n.startswith("__")))
