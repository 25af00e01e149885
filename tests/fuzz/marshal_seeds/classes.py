# Seed for the marshal fuzzer: classes, generators, async code and exception tables.
class Base:
    attr = 1

    def method(self, other):
        return super().__repr__() + str(other)

    @property
    def prop(self):
        return self.attr


class Child(Base):
    def gen(self, n):
        for i in range(n):
            yield i
        yield from range(3)


async def coro(it):
    async with it as ctx:
        async for x in ctx:
            await x


def handler(v):
    try:
        return 1 / v
    except ZeroDivisionError as e:
        raise ValueError("zero") from e
    finally:
        print(f"done {v!r:>10}")


def group(fs):
    try:
        fs()
    except* TypeError:
        pass
