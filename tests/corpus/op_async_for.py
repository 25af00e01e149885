# Corpus: `async for` over custom async iterators: __aiter__/__anext__, else clauses, errors, nesting.
class Yield:
    def __await__(self):
        yield "suspend"


class ARange:
    def __init__(self, n, step=1):
        self.n = n
        self.step = step
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await Yield()
        v = self.i
        self.i += self.step
        return v


class SyncAnext:
    """__anext__ returns a plain awaitable object rather than being a coroutine function."""

    def __init__(self, items):
        self.items = list(items)

    def __aiter__(self):
        return self

    def __anext__(self):
        return Ready(self.items.pop(0)) if self.items else Done()


class Ready:
    def __init__(self, v):
        self.v = v

    def __await__(self):
        return self.v
        yield


class Done:
    def __await__(self):
        raise StopAsyncIteration
        yield


def run(coro):
    n = 0
    while True:
        try:
            coro.send(None)
            n += 1
        except StopIteration as e:
            return e.value, n


async def basics():
    out = []
    async for i in ARange(4):
        out.append(i)
    else:
        out.append("else ran")
    async for i in ARange(10, 3):
        if i > 5:
            break
        out.append(i)
    else:
        out.append("not reached")
    async for a, b in SyncAnext([(1, 2), (3, 4)]):
        out.append(a * b)
    async for i in ARange(3):
        async for j in ARange(i):
            out.append((i, j))
    async for i in ARange(5):
        if i % 2:
            continue
        out.append(f"even {i}")
    return out


print(run(basics()))


class NoAiter:
    pass


class AiterNoAnext:
    def __aiter__(self):
        return self


class AnextNotAwaitable:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 5


async def bad(obj):
    try:
        async for _ in obj:
            pass
    except TypeError as e:
        return f"{type(e).__name__}: {e}"


for obj in [NoAiter(), [1, 2], AiterNoAnext(), AnextNotAwaitable()]:
    print(run(bad(obj))[0])


async def raising_iter():
    class Boom:
        def __aiter__(self):
            return self

        async def __anext__(self):
            raise KeyError("from __anext__")
    try:
        async for _ in Boom():
            pass
    except KeyError as e:
        return repr(e)


print(run(raising_iter()))
