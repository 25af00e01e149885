# Corpus: list slice assignment/deletion with steps, negative indices, growth/shrink and error messages.
def show(label, l):
    print(label, l)

a = list(range(10))
a[2:5] = ["x"]
show("shrink", a)
a[1:1] = [100, 101, 102]
show("insert", a)
a[-2:] = []
show("chop", a)
a[:0] = "ab"
show("prepend", a)
a[len(a):] = (7, 8)
show("append", a)
a[3:1] = ["between"]
show("empty-range", a)
a[100:200] = [0]
show("beyond", a)
a[-100:2] = []
show("neg-start", a)

b = list(range(10))
b[::2] = "abcde"
show("step2", b)
b[1::3] = [None] * 3
show("step3", b)
b[::-1] = range(10)
show("rev", b)
b[8:2:-2] = ["p", "q", "r"]
show("negstep", b)
b[::5] = iter(["i", "j"])
show("iter", b)
b[:] = b[::-1]
show("self-rev", b)
c = [1, 2, 3]
c[:] = c
c[1:2] = c
show("self-insert", c)
c[::2] = c[::2][::-1]
show("self-step", c)

errors = [
    (lambda l: l.__setitem__(slice(None, None, 2), [1, 2]), "step size mismatch"),
    (lambda l: l.__setitem__(slice(None, None, -1), [1]), "reverse mismatch"),
    (lambda l: l.__setitem__(slice(0, 2), 5), "non-iterable"),
    (lambda l: l.__setitem__(slice(None, None, 0), []), "zero step"),
    (lambda l: l.__setitem__(slice(1, 4, 2), None), "None"),
    (lambda l: l.__setitem__(slice("a", 2), []), "bad index"),
    (lambda l: l.__setitem__(10, 1), "index assign"),
    (lambda l: l.__setitem__(-11, 1), "neg index assign"),
    (lambda l: l.__delitem__(slice(None, None, 0)), "del zero step"),
    (lambda l: l.__getitem__(slice(None, None, 0)), "get zero step"),
    (lambda l: l.__setitem__(1.5, 1), "float index"),
]
for op, label in errors:
    l = list(range(5))
    try:
        op(l)
        print(label, "no error", l)
    except (ValueError, TypeError, IndexError) as e:
        print(label, type(e).__name__, e)

# Deleting slices
d = list(range(12))
del d[::4]
show("del step4", d)
del d[-1:-4:-1]
show("del negstep", d)
del d[2:2]
show("del empty", d)
del d[1:-1:2]
show("del middle step", d)
del d[:]
show("del all", d)

# Slices with huge / negative bounds and index()
e = list("abcdef")
print(e[-100:100], e[4:-100:-1], e[::-2], e[1:5:-1], e[5:1:-2], e[-1:-7:-1], e[2:2000000000])
print(slice(1, 10, 3).indices(len(e)), slice(None, None, -1).indices(6), e[slice(1, None)])
# Assigning a generator/string/dict view
f = [0] * 6
f[1:3] = (x * x for x in range(4))
f[::4] = {"k1": 1, "k2": 2}
f[-1:] = "xyz"
show("mixed", f)
# Extended slice assignment with tuple of same size, with objects' references
g = [[0], [1], [2], [3]]
g[::2] = g[1::2]
print(g, g[0] is g[1], g[2] is g[3])
# Multiplication then slice assignment aliasing
h = [[]] * 3
h[0:2] = [[1], [2]]
h[2].append("shared")
print(h)
