# Corpus: a tiny round-robin event loop driving coroutines (no asyncio), with sleeps, joins and cancellation.
class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks

    def __await__(self):
        yield ("sleep", self.ticks)


class Join:
    def __init__(self, task):
        self.task = task

    def __await__(self):
        while not self.task.done:
            yield ("join", self.task.name)
        if self.task.error is not None:
            raise self.task.error
        return self.task.result


class Cancelled(Exception):
    pass


class Task:
    def __init__(self, name, coro):
        self.name = name
        self.coro = coro
        self.done = False
        self.result = None
        self.error = None
        self.wake = 0


class Loop:
    def __init__(self):
        self.tasks = []
        self.now = 0
        self.trace = []

    def spawn(self, name, coro):
        t = Task(name, coro)
        self.tasks.append(t)
        return t

    def cancel(self, task):
        task.pending_cancel = True

    def run(self):
        while any(not t.done for t in self.tasks):
            for t in list(self.tasks):
                if t.done or t.wake > self.now:
                    continue
                try:
                    if getattr(t, "pending_cancel", False):
                        t.pending_cancel = False
                        req = t.coro.throw(Cancelled(t.name))
                    else:
                        req = t.coro.send(None)
                except StopIteration as e:
                    t.done, t.result = True, e.value
                    self.trace.append((self.now, t.name, "done", e.value))
                    continue
                except Exception as e:
                    t.done, t.error = True, e
                    self.trace.append((self.now, t.name, "error", type(e).__name__))
                    continue
                if req[0] == "sleep":
                    t.wake = self.now + req[1]
            self.now += 1
        return self.now


loop = Loop()
out = []


async def ticker(name, n, step):
    for i in range(n):
        out.append(f"{name}{i}@{loop.now}")
        await Sleep(step)
    return name * n


async def failing():
    await Sleep(2)
    raise ValueError("failing task")


async def victim():
    try:
        while True:
            await Sleep(1)
            out.append(f"victim@{loop.now}")
    except Cancelled as e:
        out.append(f"victim cancelled {e}")
        return "cancelled"


async def supervisor(tasks, bad, v):
    results = []
    for t in tasks:
        results.append(await Join(t))
    try:
        await Join(bad)
    except ValueError as e:
        results.append(f"join saw {e}")
    loop.cancel(v)
    results.append(await Join(v))
    return results


a = loop.spawn("a", ticker("a", 3, 1))
b = loop.spawn("b", ticker("b", 2, 3))
bad = loop.spawn("bad", failing())
v = loop.spawn("v", victim())
sup = loop.spawn("sup", supervisor([a, b], bad, v))
end = loop.run()
print("ended at", end)
for line in out:
    print(line)
for entry in loop.trace:
    print(entry)
print(sup.result)
print(type(bad.error).__name__, bad.error)
