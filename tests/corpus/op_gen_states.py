# Corpus: generator state: gi_frame/gi_running/gi_suspended/gi_yieldfrom, return values, exhausted behaviour.
def states(g):
    return (g.gi_running, g.gi_suspended, g.gi_frame is not None, g.gi_yieldfrom is not None)


def gen():
    me = yield "first"
    print("  inside: running =", me.gi_running, "suspended =", me.gi_suspended)
    yield "second"
    return "ret"


g = gen()
print(g.__name__, g.__qualname__, type(g).__name__)
print("created", states(g), g.gi_frame.f_lineno == gen.__code__.co_firstlineno)
print(next(g), states(g))
print(g.send(g), states(g))
try:
    next(g)
except StopIteration as e:
    print("returned", repr(e.value), e.args, states(g))
try:
    next(g)
except StopIteration as e:
    print("again", repr(e.value), e.args)
print(g.gi_code.co_name, g.gi_code is gen.__code__)


def inner():
    yield 1
    yield 2
    return "inner-done"


def outer():
    r = yield from inner()
    yield f"outer got {r}"


o = outer()
next(o)
print("delegating", states(o), type(o.gi_yieldfrom).__name__)
print(list(o))
print("finished", states(o))


def running_check():
    try:
        next(self_ref)
    except ValueError as e:
        yield f"{type(e).__name__}: {e}"


self_ref = running_check()
print(next(self_ref))


def frame_locals():
    a = 1
    yield
    b = 2
    yield


fl = frame_locals()
next(fl)
print(sorted(fl.gi_frame.f_locals.items()))
next(fl)
print(sorted(fl.gi_frame.f_locals.items()))
fl.close()
print(fl.gi_frame)


def return_none():
    yield 1
    return


def return_tuple():
    yield 1
    return (1, 2)


def return_stopiteration_instance():
    yield 1
    return StopIteration("inner")


for f in [return_none, return_tuple, return_stopiteration_instance]:
    g = f()
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print(f.__name__, repr(e.value), repr(e))


def raises_stop():
    yield 1
    raise StopIteration("explicit")


g = raises_stop()
next(g)
try:
    next(g)
except RuntimeError as e:
    print(type(e).__name__, e, "| cause:", repr(e.__cause__))
print(states(g))


def empty():
    return
    yield


print(list(empty()), type(empty()).__name__)
g = gen()
g.close()
print("closed before start", states(g), list(g))
g2 = (x * x for x in range(3))
print(g2.__name__, states(g2), list(g2), states(g2))
g = gen()
try:
    g.send("not none")
except TypeError as e:
    print(type(e).__name__, e)
print(iter(g) is g, next(g))
