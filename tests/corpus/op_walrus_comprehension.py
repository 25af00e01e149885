# Corpus: assignment expressions: in comprehensions (binding to the enclosing scope), loops, conditions.
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 6], y)
total = 0
running = [total := total + x for x in data]
print(running, total)
print([last := w for w in "abc"], last)
print({k: (sq := k * k) for k in range(3)}, sq)
print(any((hit := v) > 8 for v in data), hit)
print(all((miss := v) < 5 for v in data), miss)


def in_function():
    found = [m for word in ["ant", "bee", "cat"] if (m := word.upper()).startswith("B")]
    return found, m


print(in_function())


def nested_comprehension():
    pairs = [[(inner := a * b) for b in range(3)] for a in range(1, 3)]
    return pairs, inner


print(nested_comprehension())


def closure_sees_walrus():
    [v := i for i in range(4)]

    def get():
        return v
    return get()


print(closure_sees_walrus())


class Body:
    vals = [1, 2, 3]
    doubled = [z * 2 for z in vals]


print(Body.doubled)
stream = iter([5, 6, 0, 7])
collected = []
while (item := next(stream)) != 0:
    collected.append(item)
print(collected, item, list(stream))
print((a := 10, a + 1), a)
print(f"{(fx := 3) * 2} then {fx}")
values = {"x": 1}
print(v2 if (v2 := values.get("x")) is not None else "none")
print(v3 if (v3 := values.get("q")) is not None else "none", v3)


def defaults(p=(dflt := 99)):
    return p


print(defaults(), dflt)
print([(j, jj) for j in range(3) if (jj := j ** 2) % 2 == 0])
matrix = [[1, 2], [3, 4]]
print([s for row in matrix if (s := sum(row)) > 3], s)


def genexp_binding():
    g = ((w := x) for x in range(3))
    list(g)
    return w


print(genexp_binding())
lam = (lambda: (q := 5) + q)
print(lam())
gg = 0


def global_binding():
    global gg
    [gg := i for i in range(7)]
    return gg


print(global_binding(), gg)


def nonlocal_binding():
    nl = "start"

    def inner():
        nonlocal nl
        [nl := c for c in "xyz"]
    inner()
    return nl


print(nonlocal_binding())
print([(i, tmp := i * 10) for i in range(2)], tmp)
print(sorted({(h := c) for c in "hello"}), h)
