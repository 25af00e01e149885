# Corpus: frame objects: sys._getframe, f_back chains, f_locals kept after the activation ends, tb_frame sharing,
# frame.clear(), tb_next assignment, generator frames after finishing, finalisation of suspended generators.
import sys


def where():
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno - FIRST


FIRST = where.__code__.co_firstlineno


def caller():
    here = where()
    return here, sys._getframe().f_back.f_code.co_name, sys._getframemodulename()


print(caller(), where())


def depth():
    n = 0
    f = sys._getframe()
    while f is not None:
        n += 1
        f = f.f_back
    return n


def nested(k):
    return depth() if k == 0 else nested(k - 1)


print(nested(0) + 3 == nested(3))
try:
    sys._getframe(10_000)
except ValueError as e:
    print(type(e).__name__, e)


def keeps_locals(a):
    b = [a, a]
    frame = sys._getframe()
    c = "late"
    return frame


fr = keeps_locals(7)
print(sorted(k for k in fr.f_locals), fr.f_locals["b"], fr.f_lineno - FIRST, fr.f_back is sys._getframe())
print(fr.f_code is keeps_locals.__code__, fr.f_globals is globals(), type(fr.f_lasti).__name__)
print(fr.clear(), fr.f_locals)
try:
    sys._getframe().clear()
except RuntimeError as e:
    print(type(e).__name__, e)


def fails(x):
    y = x + 1
    raise KeyError(y)


try:
    fails(1)
except KeyError as e:
    tb = e.__traceback__
    inner = tb.tb_next
    print(inner.tb_frame.f_locals, inner.tb_frame.f_code.co_name, inner.tb_lineno - FIRST)
    print(inner.tb_frame.f_back is tb.tb_frame, tb.tb_frame is sys._getframe(), inner.tb_lasti > tb.tb_lasti * 0)
    for bad in (5, inner):
        try:
            inner.tb_next = bad if bad is not inner else tb
        except (TypeError, ValueError) as err:
            print(type(err).__name__, err)
    tb.tb_next = None
    print(tb.tb_next, type(tb).__name__)


def counting():
    total = 0
    for i in range(3):
        total += i
        yield total
    done = True


g = counting()
gf = g.gi_frame
print(gf.f_lineno - FIRST, gf.f_locals, g.gi_suspended)
print(list(g), g.gi_frame, sorted(gf.f_locals.items()), gf.f_lineno - FIRST)


def guarded(tag):
    try:
        yield tag
        yield tag * 2
    finally:
        print("  finally of", tag)


g = guarded("a")
next(g)
del g
print("after del")
g = guarded("b")
print("unstarted", g.gi_frame is not None)
del g
print("after del of unstarted")


def exhausted():
    yield 1
    return "ret"


def delegate(it):
    got = yield from it
    return got


ex = exhausted()
print(list(ex))
d = delegate(ex)
try:
    next(d)
except StopIteration as e:
    print("yield from an exhausted generator:", e.value)
