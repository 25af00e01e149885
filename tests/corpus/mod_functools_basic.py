# _functools: reduce, cmp_to_key and partial.
import _functools
from _functools import reduce, cmp_to_key, partial

print(reduce(lambda a, b: a + b, [1, 2, 3]), reduce(lambda a, b: a * b, [], 1), reduce(max, "abc", "z"))
k = cmp_to_key(lambda a, b: (a > b) - (a < b))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), type(k).__name__, k(5).obj, k(1) < k(2), k(2) == k(2))
p = partial(max, 1, key=abs)
print(p(-5, 3), p.func, p.args, p.keywords, repr(p))
q = partial(p, 7, key=None); print(repr(q), q(), q.args)
print(partial(print, sep="-")("a", "b", sep="+") )
print(p.__reduce__())
s = partial(max); s.__setstate__((min, (4, 5), None, None)); print(s(), s.keywords, repr(s))
s.attr = 1; print(s.attr, s.__dict__)
class P(partial): pass
print(repr(P(max, 1)), P(max, 2)(5), partial[int])
for f in [lambda: reduce(max), lambda: reduce(max, []), lambda: reduce(max, 1), lambda: partial(),
          lambda: partial(1), lambda: s.__setstate__(1), lambda: k(1) < 2]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
# pyvm leaves out the C LRU cache (functools.py falls back to its pure-Python one), so it is not listed here.
print([n for n in dir(_functools) if not n.startswith("__") and n != "_lru_cache_wrapper"])
