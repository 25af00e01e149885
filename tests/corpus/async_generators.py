# Corpus: async generators driven by hand: async for, asend, athrow, aclose, awaits inside the generator.
class Pause:
    def __await__(self):
        got = yield "pause"
        return got


async def numbers(n):
    for i in range(n):
        extra = await Pause()
        yield i * 10 + (0 if extra is None else len(extra))
    print("numbers done")


async def echo():
    received = []
    try:
        while True:
            v = yield len(received)
            received.append(v)
    except KeyError as e:
        yield f"handled {e!r} after {received}"
    finally:
        print("echo cleanup")


async def main():
    out = []
    async for v in numbers(3):
        out.append(v)
    print("collected", out)
    e = echo()
    print(await e.asend(None))
    print(await e.asend("a"))
    print(await e.asend("bc"))
    print(await e.athrow(KeyError("stop")))
    try:
        await e.asend(None)
    except StopAsyncIteration:
        print("echo finished")
    g = numbers(5)
    print(await g.__anext__())
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("closed generator is exhausted")
    return "ok"


def run(coro):
    sent = None
    while True:
        try:
            request = coro.send(sent)
        except StopIteration as stop:
            return stop.value
        print("driver got", request)
        sent = "xy"


print(run(main()))
agen = numbers(1)
step = agen.__anext__()
print(type(agen).__name__, agen.__name__, type(step).__name__)
step.close()
