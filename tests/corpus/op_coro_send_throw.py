# Corpus: coroutines driven by hand with send/throw/close; cr_* attributes and state errors.
class Suspend:
    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        got = yield self.tag
        return got


async def worker(log):
    log.append("start")
    try:
        a = await Suspend("first")
        log.append(f"got a={a}")
        b = await Suspend("second")
        log.append(f"got b={b}")
    except ValueError as e:
        log.append(f"worker caught {e!r}")
        c = await Suspend("after-error")
        log.append(f"got c={c}")
        return "recovered"
    finally:
        log.append("finally")
    return a + b


log = []
c = worker(log)
print(type(c).__name__, c.cr_running, c.cr_frame is not None, c.cr_await)
print(c.send(None))
print(type(c.cr_await).__name__)
print(c.send(10))
try:
    c.send(32)
except StopIteration as e:
    print("StopIteration value", e.value)
print(log)
print(c.cr_frame)

log = []
c = worker(log)
print(c.send(None))
print(c.throw(ValueError("boom")))
try:
    c.send("x")
except StopIteration as e:
    print("returned", e.value)
print(log)

log = []
c = worker(log)
c.send(None)
c.close()
print("closed", log)
c.close()
try:
    c.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)

c = worker([])
try:
    c.send(1)
except TypeError as e:
    print(type(e).__name__, e)
c.close()

c = worker([])
try:
    c.throw(KeyError("early"))
except KeyError as e:
    print("early throw propagates", repr(e))
try:
    c.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)


async def finished():
    return 5


c = finished()
try:
    c.send(None)
except StopIteration as e:
    print("finished", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    c.throw(ValueError)
except RuntimeError as e:
    print(type(e).__name__, e)


async def stubborn():
    try:
        await Suspend("s")
    except GeneratorExit:
        await Suspend("again")


c = stubborn()
c.send(None)
try:
    c.close()
except RuntimeError as e:
    print(type(e).__name__, e)


async def returns_in_close():
    try:
        await Suspend("r")
    finally:
        return "from finally"


c = returns_in_close()
c.send(None)
print("close returns", c.close())

c = worker([])
it = c.__await__()
print(type(it).__name__)
print(next(it))
c.close()
