# Corpus: del of names, attributes, items, slices, tuples of targets, globals/locals/cells, and errors.
a = 1
b = 2
del a
print("a" in globals(), b)
try:
    del a
except NameError as e:
    print(type(e).__name__, e)
lst = list(range(10))
del lst[0]
del lst[-1]
del lst[1:3]
del lst[::2]
print(lst)
d = {"x": 1, "y": 2, "z": 3}
del d["y"]
print(d)
try:
    del d["missing"]
except KeyError as e:
    print(type(e).__name__, e)
try:
    del lst[100]
except IndexError as e:
    print(type(e).__name__, e)


class Obj:
    cls_attr = "c"

    def __init__(self):
        self.p = 1
        self.q = 2


o = Obj()
del o.p
print(vars(o))
try:
    del o.p
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del o.cls_attr
except AttributeError as e:
    print(type(e).__name__, e)
del Obj.cls_attr
print(hasattr(Obj, "cls_attr"))
m, n, k = 1, 2, [0, 1, 2]
del m, n, k[1]
print("m" in globals(), "n" in globals(), k)
p1, p2 = 3, 4
del (p1, [p2])
print("p1" in globals(), "p2" in globals())


class Tracker:
    def __init__(self):
        self.log = []

    def __delitem__(self, key):
        self.log.append(("delitem", key))

    def __delattr__(self, name):
        if name == "log":
            raise AttributeError("cannot delete log")
        self.log.append(("delattr", name))


t = Tracker()
del t[1], t["k"], t[1:2], t[::3], t[1, 2]
del t.anything
try:
    del t.log
except AttributeError as e:
    print(type(e).__name__, e)
for entry in t.log:
    print(entry)


def local_del():
    x = 5
    del x
    try:
        return x
    except UnboundLocalError as e:
        return f"{type(e).__name__}: {e}"


print(local_del())


def cell_del():
    c = "cell"

    def reader():
        return c
    before = reader()
    del c
    try:
        reader()
    except NameError as e:
        return before, f"{type(e).__name__}: {e}"


print(cell_del())


def del_in_loop():
    out = []
    for i in range(3):
        tmp = i * 2
        out.append(tmp)
        del tmp
    return out, "tmp" in locals()


print(del_in_loop())
for bad in [(1, 2), "str", frozenset([1])]:
    try:
        del bad[0]
    except TypeError as e:
        print(type(e).__name__, e)
try:
    del o.__class__
except TypeError as e:
    print(type(e).__name__, e)
g = 5


def del_global():
    global g
    del g


del_global()
print("g" in globals())
nested = {"a": [1, {"b": 2, "c": 3}]}
del nested["a"][1]["b"]
print(nested)
