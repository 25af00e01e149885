# Corpus: `is` / `is not` identity checks on None, singletons, objects and aliases.
a = [1, 2, 3]
b = a
c = [1, 2, 3]
print(a is b, a is c, a == c, a is not c, b is not a)
print(None is None, True is True, False is not True)
x = None
print(x is None, x is not None, x == None)
def maybe(v):
    if v is None:
        return "nothing"
    return "something: " + str(v)
print(maybe(None), maybe(0), maybe(""), maybe([]))
class Thing:
    pass
t1 = Thing()
t2 = t1
t3 = Thing()
print(t1 is t2, t1 is t3, t1 is not t3)
def ident(o):
    return o
print(ident(t1) is t1, ident(a) is a)
lst = [t1, t3]
print(lst[0] is t1, lst[1] is t1, lst.index(t3))
d = {}
d["k"] = a
print(d["k"] is a, d.get("x") is None)
a.append(4)
print(b, c, d["k"])
copy = list(a)
print(copy == a, copy is a)
t = (1, 2)
print(t is t, t is not c, True is (1 == 1))
s = "hello"
s2 = s
print(s is s2)
class Marker:
    pass
SENTINEL = Marker()
def get(d, k, default=SENTINEL):
    if k in d:
        return d[k]
    if default is SENTINEL:
        return "no default given"
    return default
print(get({"a": 1}, "a"), get({}, "b"), get({}, "b", None))
def fn():
    pass
print(fn() is None, print is print)
found = None
for item in [3, 8, 11, 14]:
    if item > 10:
        found = item
        break
print("found" if found is not None else "none", found)
e1 = Exception("x")
print(e1 is e1, e1 is not Exception("x"))
