# Corpus: the warnings CPython writes for coroutines and async-generator awaitables that are never awaited, and for
# the deprecated 3-argument throw()/athrow() (shown for __main__ code, once per line).
async def job(n):
    return n


c = job(1)
print(type(c).__name__, c.cr_frame is not None)
del c
print("dropped an unawaited coroutine")
for i in range(3):
    job(i)
print("dropped three from one line")
c = job(2)
c.close()
del c
print("a closed coroutine does not warn")
c = job(3)
try:
    c.send(None)
except StopIteration as e:
    print("awaited by hand:", e.value)
del c


async def agen():
    yield "x"


g = agen()
g.asend(None)
g.athrow(ValueError)
g.aclose()
print("dropped asend/athrow/aclose awaitables")
aw = g.asend(None)
aw.close()
del aw, g
print("closed awaitables do not warn")


def gen():
    try:
        yield 1
    except KeyError as e:
        yield f"caught {e!r}"


for i in range(2):
    it = gen()
    next(it)
    print(it.throw(KeyError, "k"))
it = gen()
next(it)
print(it.throw(KeyError("single")))
del it
