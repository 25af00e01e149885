# sys.set_asyncgen_hooks: firstiter at the first iteration, the finalizer instead of closing an unfinished async
# generator, asyncio closing the ones left open, and async generators in reference cycles.
import sys, asyncio, gc
log = []
async def agen(n):
    try:
        for i in range(n):
            yield i
    finally:
        log.append("finally %d" % n)
def first(g): log.append("firstiter " + g.__qualname__)
def fin(g): log.append("finalizer " + g.__qualname__); fin.kept = g
sys.set_asyncgen_hooks(firstiter=first, finalizer=fin)
g = agen(3)
print(log)
a = g.__anext__()
print(log)
try: a.send(None)
except StopIteration as e: print("got", e.value)
del a, g
gc.collect()
print(log)
print(sys.get_asyncgen_hooks().finalizer is fin)
g2 = fin.kept
del fin.kept
sys.set_asyncgen_hooks(None, None)
c = g2.aclose()
try: c.send(None)
except StopIteration: print("closed")
print(log)
# asyncio's shutdown_asyncgens closes async generators left unfinished
async def main():
    g = agen(5)
    async for x in g:
        if x == 1: break
    print("broke at", x)
asyncio.run(main())
print(log)
def bad(g): raise ValueError("bad firstiter")
sys.set_asyncgen_hooks(firstiter=bad)
try:
    agen(1).__anext__()
except ValueError as e: print("ValueError", e)
sys.set_asyncgen_hooks(None, None)
# agen in a reference cycle gets collected (finally runs)
class Holder: pass
h = Holder()
async def cyc():
    try:
        yield h
    finally:
        log.append("cyc finally")
h.g = cyc()
a = h.g.__anext__()
try: a.send(None)
except StopIteration as e: pass
del a, h
gc.collect()
print(log[-1])
