# Corpus: async generator protocol by hand: asend, athrow, aclose, ag_* attributes and state errors.
class Pause:
    def __await__(self):
        return (yield "paused")


def run(aw):
    """Drive an awaitable to completion; every suspension is answered with None."""
    it = aw.__await__()
    pauses = 0
    try:
        while True:
            it.send(None)
            pauses += 1
    except StopIteration as e:
        return ("value", e.value, pauses)
    except StopAsyncIteration:
        return ("stop", None, pauses)
    except Exception as e:
        return ("error", f"{type(e).__name__}: {e}", pauses)


async def acc():
    total = 0
    try:
        while True:
            got = yield total
            await Pause()
            if got is None:
                continue
            total += got
    except ValueError as e:
        yield f"value error {e}"
        yield "after error"
    finally:
        print("acc finally, total", total)


g = acc()
print(type(g).__name__, g.ag_running, g.ag_await)
print(run(g.asend(None)))
print(run(g.asend(5)))
print(run(g.asend(7)))
print(run(g.__anext__()))
print(run(g.athrow(ValueError("bad"))))
print(run(g.asend(None)))
print(run(g.asend(None)))
print(run(g.asend(None)))
print(run(g.aclose()))

g = acc()
print(run(g.asend(None)))
print(run(g.aclose()))
print(run(g.aclose()))
print(run(g.asend(None)))

g = acc()
aw = g.asend(3)
try:
    aw.send(None)
except TypeError as e:
    print(type(e).__name__, e)
aw.close()


async def stubborn():
    try:
        yield 1
    finally:
        yield 2


g = stubborn()
print(run(g.asend(None)))
print(run(g.aclose()))


async def swallow():
    try:
        yield "a"
    except GeneratorExit:
        print("saw GeneratorExit")
        raise
    yield "b"


g = swallow()
print(run(g.asend(None)))
print(run(g.aclose()))

g = swallow()
print(run(g.athrow(KeyError("unstarted"))))
print(run(g.asend(None)))


async def returns_early():
    yield 1
    return


g = returns_early()
print(run(g.__anext__()))
print(run(g.__anext__()))
print(run(g.__anext__()))

aw = acc().asend(None)
print(type(aw).__name__)
try:
    aw.throw(RuntimeError("into awaitable"))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    aw.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)


async def raises_stop():
    yield 1
    raise StopAsyncIteration


g = raises_stop()
print(run(g.asend(None)))
print(run(g.asend(None)))
