# Corpus: `await` on custom awaitables: __await__ generators, iterator objects, chained awaits and errors.
class Value:
    def __init__(self, v):
        self.v = v

    def __await__(self):
        received = yield f"need {self.v}"
        return (self.v, received)


class IterAwaitable:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        return Countdown(self.n)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration("liftoff")
        self.n -= 1
        return f"tick {self.n}"

    def send(self, value):
        return self.__next__()


class Immediate:
    def __await__(self):
        return
        yield


class BadAwait:
    def __await__(self):
        return 42


class NoAwait:
    pass


async def inner(x):
    pair = await Value(x)
    return pair


async def outer():
    results = []
    results.append(await inner(1))
    results.append(await IterAwaitable(3))
    results.append(await Immediate())
    results.append(await inner("two"))
    return results


def drive(coro, feed=None):
    """Run coro to completion, replying to every yielded request with feed(request)."""
    value = None
    steps = []
    while True:
        try:
            req = coro.send(value)
        except StopIteration as e:
            return steps, e.value
        steps.append(req)
        value = feed(req) if feed else None


steps, result = drive(outer(), lambda r: r.upper())
print(steps)
print(result)


async def try_await(obj):
    return await obj


for obj in [BadAwait(), NoAwait(), 5, None]:
    try:
        drive(try_await(obj))
    except TypeError as e:
        print(type(e).__name__, e)


async def plain():
    return "plain"


async def await_twice():
    c = plain()
    first = await c
    try:
        await c
    except RuntimeError as e:
        return first, type(e).__name__, str(e)


print(drive(await_twice()))


async def awaiting_generator_coroutine():
    def gen():
        yield "from gen"
    try:
        await gen()
    except TypeError as e:
        return str(e)


print(drive(awaiting_generator_coroutine()))


class Raising:
    def __await__(self):
        yield "about to raise"
        raise LookupError("inside __await__")


async def catches():
    try:
        await Raising()
    except LookupError as e:
        return f"caught {e}"


print(drive(catches()))


async def thrown_into():
    try:
        return await Value("t")
    except KeyError as e:
        return f"handled thrown {e!r}"


c = thrown_into()
print(c.send(None))
try:
    c.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)
