# Corpus: del on names, list items/slices, dict keys and object attributes.
x = 10
print(x)
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
lst = list(range(10))
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[2:4]
print(lst)
del lst[::2]
print(lst)
try:
    del lst[100]
except IndexError as e:
    print("IndexError:", e)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError:", e)
class Obj:
    def __init__(self):
        self.a = 1
        self.b = 2
o = Obj()
del o.a
print(o.b)
try:
    print(o.a)
except AttributeError as e:
    print("AttributeError:", e)
a, b, c = 1, 2, 3
del a, c
print(b)
def local_del():
    v = "temp"
    print(v)
    del v
    try:
        return v
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(local_del())
nested = {"k": [1, 2, {"inner": 5, "other": 6}]}
del nested["k"][2]["inner"]
del nested["k"][0]
print(nested)
items = [5, 1, 4, 1, 5, 9, 2, 6]
i = 0
while i < len(items):
    if items[i] % 2:
        del items[i]
    else:
        i += 1
print(items)
for k in [1, 2, 3]:
    pass
del k
print("k deleted")
