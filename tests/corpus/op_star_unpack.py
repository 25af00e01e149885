# Corpus: star-unpacking everywhere: assignments, calls, literals, for targets, dict merges, errors.
a, *b = [1, 2, 3]
*c, d = "xyz"
e, *f, g = range(5)
h, *i = (9,)
print(a, b, c, d, e, f, g, h, i)
[j, *k], l = [1, 2, 3], 4
print(j, k, l)
(m, n), *rest = [(1, 2), 3, 4]
print(m, n, rest)
for first, *others in [(1, 2, 3), "ab", [4]]:
    print(first, others)

print([*range(3), *"ab", *(), *{7: "x"}])
print((*[1, 2], 3), {*[1, 1, 2], *(3,)}, {**{"a": 1}, "b": 2, **{"a": 3}})
print(*[1, 2, 3], sep="-")


def f(*args, **kwargs):
    return args, sorted(kwargs.items())


print(f(*[1, 2], 3, *(4,), x=1, **{"y": 2}, **{"z": 3}))
print(f(*"hi", *{5: None}, **dict(k="v")))
try:
    f(**{"x": 1}, x=2)
except TypeError as exc:
    print(type(exc).__name__, exc)
try:
    f(**{"a": 1}, **{"a": 2})
except TypeError as exc:
    print(type(exc).__name__, exc)
try:
    f(**{1: 2})
except TypeError as exc:
    print(type(exc).__name__, exc)
try:
    f(*5)
except TypeError as exc:
    print(type(exc).__name__, exc)
try:
    f(**[1])
except TypeError as exc:
    print(type(exc).__name__, exc)

for target, source in [("two", [1]), ("two", [1, 2, 3]), ("star", []), ("plain", 5)]:
    try:
        if target == "two":
            p, q = source
        elif target == "star":
            p, q, *r = source
        else:
            p, q = source
    except (ValueError, TypeError) as exc:
        print(type(exc).__name__, exc)


class Gen:
    def __iter__(self):
        yield from ("g1", "g2", "g3")


u, *v = Gen()
print(u, v, [*Gen()], max(*Gen()))
x = y = [0, 1]
x[0], *x[1:] = "abc"
print(x, y)
dct = {}
dct["k"], *dct["rest"] = 1, 2, 3
print(dct)


class Obj:
    pass


o = Obj()
o.first, *o.tail = range(4)
print(o.first, o.tail)
s1, s2 = {"only": 1, "two": 2}
print(s1, s2)
nested = [[1, [2, 3, 4]], [5, [6]]]
print([(p, q, r) for p, [q, *r] in nested])
print((lambda *a, **k: (a, k))(*[1], **{"k": 2}))


def kwonly(*, a, b=2):
    return a + b


print(kwonly(**{"a": 1}), kwonly(**{"a": 1, "b": 10}))


class MapLike:
    def keys(self):
        return ["m1", "m2"]

    def __getitem__(self, k):
        return k.upper()


print({**MapLike()}, f(**MapLike()))
print(*{3: 1, 1: 2}.items())
