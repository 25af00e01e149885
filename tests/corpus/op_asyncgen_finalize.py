# Corpus: async generator finalisation: try/finally on aclose, break out of async for, nested async generators.
class Tick:
    def __await__(self):
        yield "tick"


def run(coro):
    ticks = 0
    while True:
        try:
            coro.send(None)
            ticks += 1
        except StopIteration as e:
            return e.value, ticks


log = []


async def resource(name, n):
    log.append(f"open {name}")
    try:
        for i in range(n):
            await Tick()
            yield f"{name}{i}"
    except GeneratorExit:
        log.append(f"{name} got GeneratorExit")
        raise
    finally:
        await Tick()
        log.append(f"close {name}")


async def consume_all():
    out = []
    async for item in resource("A", 3):
        out.append(item)
    return out


print(run(consume_all()))
print(log)
log.clear()


async def consume_break():
    out = []
    gen = resource("B", 5)
    async for item in gen:
        out.append(item)
        if len(out) == 2:
            break
    log.append("after break")
    await gen.aclose()
    log.append("after aclose")
    return out


print(run(consume_break()))
print(log)
log.clear()


async def chain(*gens):
    for g in gens:
        try:
            async for x in g:
                yield x
        finally:
            await g.aclose()
            log.append("chain closed one")


async def take(agen, k):
    out = []
    async for v in agen:
        out.append(v)
        if len(out) >= k:
            break
    await agen.aclose()
    return out


print(run(take(chain(resource("C", 2), resource("D", 3)), 3)))
print(log)
log.clear()


async def raising_body():
    try:
        yield 1
        raise ValueError("inside body")
    finally:
        log.append("raising_body finally")


async def consume_error():
    got = []
    try:
        async for v in raising_body():
            got.append(v)
    except ValueError as e:
        got.append(f"caught {e}")
    return got


print(run(consume_error()))
print(log)
log.clear()


async def finally_returns():
    try:
        yield "x"
    finally:
        log.append("finally_returns cleanup")
        return


async def close_it():
    g = finally_returns()
    first = await g.__anext__()
    r = await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        return first, r, "exhausted"


print(run(close_it()))
print(log)
g = resource("unstarted", 1)
print(run(g.aclose()))
print(log)
