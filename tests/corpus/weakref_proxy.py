# Weak proxies: forwarding attributes, operators, calls, len, items, iteration; ReferenceError after death.
import _weakref

proxy = _weakref.proxy


class Box:
    def __init__(self, items):
        self.items = list(items)
        self.label = "box"

    def total(self):
        return sum(self.items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, v):
        self.items[i] = v

    def __delitem__(self, i):
        del self.items[i]

    def __contains__(self, v):
        return v in self.items

    def __iter__(self):
        return iter(self.items)

    def __add__(self, other):
        return ("add", other)

    def __radd__(self, other):
        return ("radd", other)

    def __iadd__(self, other):
        return ("iadd", other)

    def __sub__(self, other):
        return ("sub", other)

    def __mul__(self, other):
        return ("mul", other)

    def __truediv__(self, other):
        return ("truediv", other)

    def __floordiv__(self, other):
        return ("floordiv", other)

    def __mod__(self, other):
        return ("mod", other)

    def __pow__(self, other, mod=None):
        return ("pow", other, mod)

    def __divmod__(self, other):
        return ("divmod", other)

    def __lshift__(self, other):
        return ("lshift", other)

    def __and__(self, other):
        return ("and", other)

    def __or__(self, other):
        return ("or", other)

    def __xor__(self, other):
        return ("xor", other)

    def __matmul__(self, other):
        return ("matmul", other)

    def __neg__(self):
        return "neg"

    def __pos__(self):
        return "pos"

    def __abs__(self):
        return "abs"

    def __invert__(self):
        return "invert"

    def __bool__(self):
        return False

    def __int__(self):
        return 42

    def __float__(self):
        return 2.5

    def __index__(self):
        return 1

    def __eq__(self, other):
        return ("eq", type(other).__name__)

    def __lt__(self, other):
        return "lt"

    def __str__(self):
        return "a box"

    def __bytes__(self):
        return b"box"

    def __reversed__(self):
        return "reversed"

    __hash__ = None


b = Box([1, 2, 3])
p = proxy(b)
print(type(p).__name__, p.label, p.total(), len(p), p[0], 2 in p, 9 in p, list(p))
p[0] = 10
del p[1]
print(b.items, p.items)
p.color = "red"
print(b.color)
del p.color
print(hasattr(b, "color"))
print(p + 1, 1 + p, p - 1, p * 2, p / 2, p // 2, p % 2, p ** 2, pow(p, 2, 5), divmod(p, 3))
print(p << 1, p & 1, p | 1, p ^ 1, p @ 1)
print(-p, +p, abs(p), ~p, bool(p), int(p), float(p), [7, 8][p])
print(p == 1, p == p, p < 0, str(p), bytes(p), reversed(p))
q = p
q += 5
print(q)
print(p.__class__.__name__, isinstance(p, Box), type(p) is _weakref.ProxyType)
print(proxy(b) is p, proxy(b, None) is p)
print(_weakref.getweakrefcount(b))
try:
    hash(p)
except TypeError as exc:
    print("TypeError:", exc)


class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self, step=1, **kw):
        self.n += step
        return (self.n, sorted(kw))

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 8:
            raise StopIteration
        return self.n


c = Counter()
cp = proxy(c)
print(type(cp).__name__, cp(), cp(5, flag=True), next(cp), list(cp))
print(type(proxy(len)).__name__, proxy(len)([1, 2]))


class Plain:
    pass


pl = Plain()
pp = proxy(pl)
for op in (lambda: next(pp), lambda: len(pp), lambda: iter(pp), lambda: pp + 1, lambda: pp(), lambda: pp[0],
           lambda: proxy(pp), lambda: pp.missing):
    try:
        op()
    except (TypeError, AttributeError) as exc:
        print(type(exc).__name__ + ":", exc)

# Callbacks get the proxy; after death every operation raises ReferenceError.
seen = []


def cb(px):
    seen.append(type(px).__name__)
    try:
        px.label
    except ReferenceError as exc:
        seen.append(str(exc))


p2 = proxy(b, cb)
print(p2 is not p)
del b, q
print(seen)
for op in (lambda: p.label, lambda: str(p), lambda: len(p), lambda: p + 1, lambda: 1 + p, lambda: bool(p),
           lambda: p == 1, lambda: iter(p), lambda: p[0], lambda: 1 in p, lambda: -p, lambda: int(p),
           lambda: setattr(p, "x", 1), lambda: delattr(p, "x"), lambda: bytes(p), lambda: hash(p)):
    try:
        print(op())
    except (ReferenceError, TypeError) as exc:
        print(type(exc).__name__ + ":", exc)
del c
try:
    cp()
except ReferenceError as exc:
    print("ReferenceError:", exc)
r = repr(p)
print(r.startswith("<weakproxy at 0x"), r.endswith("; dead>"))
for t in (_weakref.ProxyType, _weakref.CallableProxyType):
    try:
        t(pl)
    except TypeError as exc:
        print("TypeError:", exc)
try:
    class Sub(_weakref.ProxyType):
        pass
except TypeError as exc:
    print("TypeError:", exc)
for call in (lambda: proxy(), lambda: proxy(pl, None, 1), lambda: proxy(pl, callback=None), lambda: proxy(1)):
    try:
        call()
    except TypeError as exc:
        print("TypeError:", exc)
