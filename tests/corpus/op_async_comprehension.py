# Corpus: async comprehensions: async for in list/set/dict comps and genexps, await inside comprehensions.
class Hop:
    def __init__(self, v):
        self.v = v

    def __await__(self):
        yield ("hop", self.v)
        return self.v * 10


async def agen(n):
    for i in range(n):
        await Hop(i)
        yield i


async def double(x):
    return await Hop(x) // 5


def run(coro):
    hops = []
    while True:
        try:
            hops.append(coro.send(None)[1])
        except StopIteration as e:
            return e.value, len(hops)


async def comps():
    a = [x async for x in agen(5)]
    b = {x % 3 async for x in agen(7)}
    c = {x: x * x async for x in agen(4) if x}
    d = [await double(x) for x in range(4)]
    e = [y async for x in agen(3) for y in range(x)]
    f = [(x, y) for x in range(2) async for y in agen(2)]
    g = [await double(x) async for x in agen(3) if await double(x) > 0]
    return a, sorted(b), c, d, e, f, g


for item in run(comps())[0]:
    print(item)
print("hops", run(comps())[1])


async def genexp():
    ge = (x * 2 async for x in agen(4))
    print(type(ge).__name__)
    out = []
    async for v in ge:
        out.append(v)
    awaiting = (await double(x) for x in range(3))
    print(type(awaiting).__name__)
    out.append([v async for v in awaiting])
    return out


print(run(genexp()))


async def nested():
    return [[y async for y in agen(x)] async for x in agen(4)]


print(run(nested()))


async def scoping():
    x = "outer"
    vals = [x async for x in agen(3)]
    return x, vals


print(run(scoping()))


async def with_walrus():
    last = None
    vals = [last := v async for v in agen(4)]
    return vals, last


print(run(with_walrus()))


async def error_inside():
    try:
        return [1 // (x - 2) async for x in agen(5)]
    except ZeroDivisionError as e:
        return f"{type(e).__name__}: {e}"


print(run(error_inside()))


async def not_async_iterable():
    try:
        return [x async for x in [1, 2, 3]]
    except TypeError as e:
        return f"{type(e).__name__}: {e}"


print(run(not_async_iterable()))


def sync_func_with_async_genexp():
    g = (x async for x in agen(2))
    return type(g).__name__


print(sync_func_with_async_genexp())
