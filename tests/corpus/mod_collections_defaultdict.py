# _collections.defaultdict, _count_elements and _tuplegetter.
from _collections import defaultdict, _count_elements, _tuplegetter

d = defaultdict(list)
d["a"].append(1); d["b"]; print(d, d.default_factory, isinstance(d, dict))
print(repr(defaultdict()), defaultdict(None, a=1), defaultdict(int, [(1, 2)]))
n = defaultdict(int); n["x"] += 5; print(n["x"], n["y"], n)
try: defaultdict()["k"]
except KeyError as e: print("KeyError", e)
try: defaultdict(5)
except TypeError as e: print("TypeError", e)
c = d.copy(); print(type(c).__name__, c, c.default_factory is list, d.__copy__() == d)
u = d | {"z": 1}; print(type(u).__name__, u); print({"q": 2} | n)
d.default_factory = set; print(d["new"], d.default_factory)
print(d.__reduce__()[0:4], list(d.__reduce__()[4]))
class Sub(defaultdict): pass
print(Sub(int, x=1))
print(d.__missing__("m"), "m" in d)
counts = {}
_count_elements(counts, "abracadabra"); print(sorted(counts.items()))
class M(dict): pass
m = M(); _count_elements(m, [1, 1, 2]); print(m)
class T(tuple):
    x = _tuplegetter(0, "first")
    y = _tuplegetter(1, "second")
t = T((3, 4)); print(t.x, t.y, T.x.__doc__, T.x.__reduce__(), type(T.__dict__["x"]).__name__)
try: T((1,)).y
except IndexError as e: print("IndexError", e)
try: t.x = 1
except AttributeError as e: print("AttributeError", e)
try: T.x.__get__(5)
except TypeError as e: print("TypeError", e)
