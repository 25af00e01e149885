import sys
# Compared with CPython 3.13: PY_THROW and the events around a throw() into a generator.
def gen():
    try:
        yield 1
    except KeyError:
        yield 2
out = []
def tr(frame, event, arg):
    if frame.f_code.co_name == "gen":
        out.append((event, frame.f_lineno, arg if not isinstance(arg, tuple) else arg[0].__name__))
    return tr
g = gen(); next(g)
sys.settrace(tr)
print(g.throw(KeyError))
sys.settrace(None)
print(out)
m = sys.monitoring
m.use_tool_id(4, "t")
ev = []
for name in ["PY_THROW", "RAISE", "PY_RESUME", "PY_YIELD", "EXCEPTION_HANDLED", "PY_UNWIND"]:
    m.register_callback(4, getattr(m.events, name), (lambda n: lambda code, off, *a: ev.append((n, code.co_name, off, type(a[0]).__name__ if a else None)))(name))
m.set_events(4, m.events.PY_THROW | m.events.RAISE | m.events.PY_RESUME | m.events.PY_YIELD | m.events.EXCEPTION_HANDLED | m.events.PY_UNWIND)
g = gen(); next(g)
g.throw(KeyError)
try:
    g.throw(ValueError)
except ValueError:
    pass
m.set_events(4, 0)
for e in ev: print(e)
