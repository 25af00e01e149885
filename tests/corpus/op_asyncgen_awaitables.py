# Corpus: the awaitables of async generators: ag_running while a step is in flight, "already running" errors,
# reuse errors, close() of asend/athrow awaitables, athrow/aclose on finished generators, awaitable type names.
class Pause:
    def __await__(self):
        return (yield "paused")


async def agen():
    try:
        yield 1
        await Pause()
        yield 2
    finally:
        print("  agen finally")


def step(aw, value=None):
    try:
        return ("yielded", aw.send(value))
    except StopIteration as e:
        return ("value", e.value)
    except StopAsyncIteration:
        return ("stop",)
    except Exception as e:
        return ("error", type(e).__name__, str(e))


awaitables = [agen().asend(None), agen().athrow(ValueError), agen().aclose()]
print([type(aw).__name__ for aw in awaitables])
for aw in awaitables:
    print(" ", aw.close(), step(aw))
g = agen()
print(step(g.__anext__()), g.ag_running, g.ag_suspended)
pending = g.asend(None)
print(step(pending), g.ag_running, type(g.ag_await).__name__)
for name, aw in (("asend", g.asend(None)), ("athrow", g.athrow(ValueError)), ("aclose", g.aclose())):
    print(name, step(aw))
print("close pending:", pending.close(), g.ag_running, g.ag_frame)
print(step(pending))
print("after end:", step(g.asend(None)), step(g.athrow(KeyError)), step(g.aclose()))

g = agen()
thrower = g.athrow(KeyError("unstarted"))
print(step(thrower), step(thrower))
closer = g.aclose()
print(step(closer), step(closer))

g = agen()
print(step(g.asend(None)))
aw = g.athrow(RuntimeError("boom"))
print(step(aw, "not none"))
print(step(aw), g.ag_frame)


async def swallows():
    while True:
        try:
            yield "tick"
        except ValueError:
            print("  swallowed")


g = swallows()
print(step(g.asend(None)))
aw = g.athrow(ValueError)
print(step(aw), g.ag_running)
print(aw.close(), g.ag_running)
print(step(g.aclose()))
