# Corpus: generator close()/throw(): GeneratorExit handling, finally blocks, yield in finally, throw forms.
def tracked(name):
    try:
        yield f"{name}-1"
        yield f"{name}-2"
    except GeneratorExit:
        print(f"  {name}: GeneratorExit")
        raise
    finally:
        print(f"  {name}: finally")


g = tracked("a")
print(next(g))
print("close ->", g.close())
print("close again ->", g.close())
try:
    next(g)
except StopIteration:
    print("exhausted after close")


def catches_everything():
    while True:
        try:
            yield "tick"
        except Exception as e:
            print("  caught", type(e).__name__, e)
            yield "recovered"


g = catches_everything()
next(g)
print(g.throw(ValueError("v1")))
print(next(g))
print(g.throw(KeyError("k")))
g.close()
print("GeneratorExit is not an Exception subclass, so close worked")


def yields_in_finally():
    try:
        yield 1
    finally:
        yield "from finally"


g = yields_in_finally()
next(g)
try:
    g.close()
except RuntimeError as e:
    print(type(e).__name__, e)


def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "value from close"


g = returns_on_exit()
next(g)
print("close returned", repr(g.close()))


def handles_thrown():
    try:
        yield "start"
    except ZeroDivisionError as e:
        yield f"handled {e}"
    yield "end"


g = handles_thrown()
next(g)
print(g.throw(ZeroDivisionError("zd")))
print(next(g))
g = handles_thrown()
try:
    g.throw(ZeroDivisionError("before start"))
except ZeroDivisionError as e:
    print("unstarted throw propagates:", e, "| state:", g.gi_frame)

g = handles_thrown()
next(g)
try:
    g.throw(ZeroDivisionError)
except Exception:
    pass
print("throw with class:", next(g))

g = handles_thrown()
next(g)
try:
    g.throw(TypeError("unhandled"))
except TypeError as e:
    print("unhandled throw:", e, "| tb frames > 1:", e.__traceback__.tb_next is not None)

for args in [(1,), ("str",), (ValueError,), (ValueError("x"),), (StopIteration,)]:
    g = handles_thrown()
    next(g)
    try:
        g.throw(*args)
    except TypeError as e:
        print(type(e).__name__, e)
    except (ValueError, RuntimeError) as e:
        print("raised by throw:", repr(e))
    g.close()


def gen_exit_converted():
    try:
        yield
    except GeneratorExit:
        raise ValueError("converted")


g = gen_exit_converted()
next(g)
try:
    g.close()
except ValueError as e:
    print("close raised:", repr(e), "| ctx:", type(e.__context__).__name__)


def nested_finally():
    try:
        try:
            yield "inner"
        finally:
            print("  inner finally")
    finally:
        print("  outer finally")


g = nested_finally()
next(g)
del g
print("deleted suspended generator")
g = tracked("b")
g.close()
print("closing an unstarted generator runs nothing")
