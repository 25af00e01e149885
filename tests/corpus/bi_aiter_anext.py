# Corpus: aiter() and anext() with custom async iterators and async generators, driven by hand; errors.
class Later:
    def __await__(self):
        yield "later"


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        await Later()
        if self.n <= 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


def run(aw):
    it = aw.__await__()
    suspends = 0
    while True:
        try:
            it.send(None)
            suspends += 1
        except StopIteration as e:
            return e.value, suspends
        except StopAsyncIteration as e:
            return f"StopAsyncIteration{e.args}", suspends


cd = Countdown(2)
print(aiter(cd) is cd)
print(run(anext(cd)))
print(run(anext(cd)))
print(run(anext(cd)))
print(run(anext(cd, "dflt")))
aw = anext(cd, None)
print(type(aw).__name__)
aw.close()


async def agen():
    yield "g1"
    await Later()
    yield "g2"


g = agen()
print(type(aiter(g)).__name__, aiter(g) is g)
print(run(anext(g)), run(anext(g, "d")), run(anext(g, "d")), run(anext(g)))


async def collect(ait):
    out = []
    while True:
        try:
            out.append(await anext(ait))
        except StopAsyncIteration:
            return out


print(run(collect(aiter(Countdown(3)))))


async def collect_default(ait):
    out = []
    sentinel = object()
    while (v := await anext(ait, sentinel)) is not sentinel:
        out.append(v)
    return out


print(run(collect_default(agen())))
for bad in [[1, 2], 5, "s", None]:
    try:
        aiter(bad)
    except TypeError as e:
        print(type(e).__name__, e)
for bad in [[1, 2], iter([1]), 5]:
    try:
        anext(bad)
    except TypeError as e:
        print(type(e).__name__, e)


class BadAiter:
    def __aiter__(self):
        return 5


try:
    aiter(BadAiter())
except TypeError as e:
    print(type(e).__name__, e)
try:
    aiter()
except TypeError as e:
    print(type(e).__name__, e)
try:
    anext()
except TypeError as e:
    print(type(e).__name__, e)


class AnextReturnsValue:
    def __aiter__(self):
        return self

    def __anext__(self):
        return Ready()


class Ready:
    def __await__(self):
        return "ready value"
        yield


print(run(anext(AnextReturnsValue(), "x")))


async def raises():
    yield 1
    raise ValueError("agen failed")


r = raises()
print(run(anext(r)))
try:
    run(anext(r, "default ignored for other errors"))
except ValueError as e:
    print(type(e).__name__, e)
