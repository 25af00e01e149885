# Corpus: `async with`: __aenter__/__aexit__ ordering, exception info, suppression, multiple managers, errors.
class Step:
    def __await__(self):
        yield "step"


log = []


class ACM:
    def __init__(self, name, suppress=False, enter_value=None):
        self.name = name
        self.suppress = suppress
        self.enter_value = enter_value

    async def __aenter__(self):
        await Step()
        log.append(f"enter {self.name}")
        return self.enter_value if self.enter_value is not None else self.name.upper()

    async def __aexit__(self, et, ev, tb):
        await Step()
        log.append(f"exit {self.name} {et.__name__ if et else None} {ev!r} tb={tb is not None}")
        return self.suppress


def run(coro):
    steps = 0
    while True:
        try:
            coro.send(None)
            steps += 1
        except StopIteration as e:
            return e.value, steps


async def simple():
    async with ACM("a") as v:
        log.append(f"body {v}")
    return "simple done"


print(run(simple()), log)
log.clear()


async def nested_multi():
    async with ACM("outer") as o, ACM("inner", enter_value=(1, 2)) as (x, y):
        log.append(f"body {o} {x} {y}")
        raise ValueError("escapes")


try:
    run(nested_multi())
except ValueError as e:
    print("propagated", e)
print(log)
log.clear()


async def suppressed():
    async with ACM("outer"), ACM("sup", suppress=True), ACM("inner"):
        raise KeyError("hidden")
    return "after suppressed block"


print(run(suppressed()), log)
log.clear()


async def return_inside():
    for i in range(3):
        async with ACM(f"loop{i}"):
            if i == 1:
                return f"returned at {i}"
            continue


print(run(return_inside()), log)
log.clear()


class RaisingExit:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        raise RuntimeError(f"exit saw {exc[0].__name__ if exc[0] else None}")


async def exit_raises():
    try:
        async with RaisingExit():
            raise IndexError("original")
    except RuntimeError as e:
        return f"{e} / context={e.__context__!r}"


print(run(exit_raises()))


class SyncOnly:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


class NoAexit:
    async def __aenter__(self):
        return self


class AenterNotAwaitable:
    def __aenter__(self):
        return 1

    async def __aexit__(self, *a):
        return False


async def bad(cm):
    try:
        async with cm:
            pass
    except TypeError as e:
        return f"{type(e).__name__}: {e}"


for cm in [SyncOnly(), NoAexit(), AenterNotAwaitable(), 3]:
    print(run(bad(cm))[0])


async def sync_with_in_async():
    try:
        with ACM("x"):
            pass
    except TypeError as e:
        return str(e)


print(run(sync_with_in_async()))
