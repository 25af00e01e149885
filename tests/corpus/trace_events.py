import sys
# Compared with CPython 3.13's output: sys.settrace/sys.setprofile/sys.monitoring events.
def _here(): pass
THIS = _here.__code__.co_filename

def g(n):
    total = 0
    for i in range(n):
        if i % 2:
            total += i
    return total

def h():
    try:
        raise ValueError("x")
    except ValueError:
        pass
    return len([1, 2])

def gen():
    yield 1
    x = yield 2
    return 3

events = []
def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if name in ("tracer", "profiler"):
        return None
    a = arg
    if event == "exception":
        a = (arg[0].__name__, str(arg[1]))
    events.append(("T", name, event, frame.f_lineno, a if not callable(a) else getattr(a, "__name__", "?")))
    return tracer

sys.settrace(tracer)
g(3)
h()
list(gen())
sys.settrace(None)
for e in events:
    print(e)

pev = []
def profiler(frame, event, arg):
    pev.append((frame.f_code.co_name, event, getattr(arg, "__name__", arg if not callable(arg) else "?")))
sys.setprofile(profiler)
g(2)
h()
sys.setprofile(None)
for e in pev:
    print("P", e)

m = sys.monitoring
m.use_tool_id(3, "test")
mev = []
E = m.events
def mk(name):
    def cb(*args):
        out = []
        for a in args:
            if hasattr(a, "co_name"):
                out.append(a.co_name)
            elif a is m.MISSING:
                out.append("MISSING")
            elif isinstance(a, BaseException):
                out.append(type(a).__name__)
            elif type(a).__name__ == "generator":
                out.append("<generator>")
            elif callable(a):
                out.append(getattr(a, "__name__", "?"))
            else:
                out.append(a)
        mev.append((name, *out))
    return cb
for name in ["PY_START", "PY_RETURN", "PY_YIELD", "PY_RESUME", "LINE", "CALL", "C_RETURN", "C_RAISE", "RAISE", "EXCEPTION_HANDLED", "JUMP", "BRANCH", "PY_UNWIND", "RERAISE"]:
    m.register_callback(3, getattr(E, name), mk(name))
def run():
    g(3)
    h()
    list(gen())
m.set_events(3, E.PY_START | E.PY_RETURN | E.PY_YIELD | E.PY_RESUME | E.LINE | E.CALL | E.C_RETURN | E.C_RAISE | E.RAISE | E.EXCEPTION_HANDLED | E.JUMP | E.BRANCH | E.PY_UNWIND | E.RERAISE)
run()
m.set_events(3, 0)
for e in mev:
    print("M", e)
print(m.get_events(3), m.get_tool(3))
m.free_tool_id(3)
print(m.get_tool(3))
