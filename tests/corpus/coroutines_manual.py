# Corpus: coroutines driven by hand (no asyncio): await chains, custom awaitables, async with, async for.
class Ticket:
    """An awaitable that suspends once, handing a value to the driver."""

    def __init__(self, name):
        self.name = name

    def __await__(self):
        got = yield ("waiting", self.name)
        return f"{self.name}:{got}"


async def leaf(n):
    r = await Ticket(f"leaf{n}")
    return r.upper()


async def middle():
    a = await leaf(1)
    b = await leaf(2)
    return [a, b]


class Resource:
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        self.log.append("enter")
        await Ticket("aenter")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.log.append(f"exit {exc_type.__name__ if exc_type else None}")
        return exc_type is ValueError


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await Ticket(f"tick{self.n}")
        return self.n


async def main():
    log = []
    values = await middle()
    log.append(values)
    async with Resource(log) as r:
        log.append(type(r).__name__)
    async with Resource(log):
        raise ValueError("swallowed by __aexit__")
    total = 0
    async for i in Countdown(3):
        total += i
        log.append(f"got {i}")
    return log, total


def run(coro):
    sent = None
    steps = 0
    while True:
        try:
            request = coro.send(sent)
        except StopIteration as stop:
            return stop.value, steps
        steps += 1
        sent = f"r{steps}"
        print("driver saw", request)


result, steps = run(main())
print(result)
print("steps:", steps)

c = leaf(9)
print(type(c).__name__, c.__name__)
print(c.send(None))
try:
    c.send("x")
except StopIteration as e:
    print("returned", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)


async def bad():
    await 42


try:
    bad().send(None)
except TypeError as e:
    print("TypeError:", e)

c2 = middle()
print(c2.send(None))
try:
    c2.throw(KeyError("boom"))
except KeyError as e:
    print("KeyError propagated:", e)
c3 = middle()
c3.close()
print("closed unstarted coroutine")
