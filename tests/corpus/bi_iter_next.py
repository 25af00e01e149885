# Corpus: iter() (incl. sentinel form and __getitem__ sequences) and next() with defaults; errors.
it = iter([1, 2])
print(type(it).__name__, next(it), next(it), next(it, "default"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
for obj in ["ab", (1,), {3: 4}, {5}, range(2), b"z", bytearray(b"y"), {"k": 1}.items()]:
    i = iter(obj)
    print(type(i).__name__, list(i))
counter = [0]


def tick():
    counter[0] += 1
    return counter[0]


print(list(iter(tick, 5)), counter)
lines = iter(["a", "b", "", "c"])
print(list(iter(lambda: next(lines), "")), list(lines))
s_it = iter(tick, 100)
print(type(s_it).__name__, next(s_it), iter(s_it) is s_it)


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 11


print(list(iter(Seq())), list(Seq()), 22 in Seq(), type(iter(Seq())).__name__)


class SeqStop:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i


print(list(SeqStop()))


class SeqError:
    def __getitem__(self, i):
        raise KeyError("not an IndexError")


try:
    list(SeqError())
except KeyError as e:
    print(type(e).__name__, e)


class SelfIter:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n


si = SelfIter()
print(iter(si) is si, list(si), list(si), next(si, "exhausted"))


class BadIter:
    def __iter__(self):
        return 5


class NoneIter:
    __iter__ = None


class IterNoNext:
    def __iter__(self):
        return self


for obj in [5, None, BadIter(), NoneIter(), IterNoNext()]:
    try:
        iter(obj)
    except TypeError as e:
        print(type(e).__name__, e)
for args in [(5, 1), ("notcallable", None)]:
    try:
        iter(*args)
    except TypeError as e:
        print(type(e).__name__, e)
for obj in [[1], "s", 5, None]:
    try:
        next(obj)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    iter()
except TypeError as e:
    print(type(e).__name__, e)
try:
    next()
except TypeError as e:
    print(type(e).__name__, e)


def raising_callable():
    raise ValueError("callable failed")


try:
    list(iter(raising_callable, None))
except ValueError as e:
    print(type(e).__name__, e)


def gen():
    yield 1
    return "ret"


g = gen()
print(next(g), next(g, "dflt"), next(g, "again"))
li = [1, 2, 3]
li_it = iter(li)
next(li_it)
li.append(4)
print(list(li_it))
d = {1: 1}
d_it = iter(d)
d[2] = 2
try:
    next(d_it)
except RuntimeError as e:
    print(type(e).__name__, e)
r = reversed([1, 2, 3])
print(next(r), list(r), next(iter(range(5, 0, -2))), list(iter(iter(iter("xy")))))
