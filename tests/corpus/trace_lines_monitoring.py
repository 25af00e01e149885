import sys
# Compared with CPython 3.13's output: sys.settrace/sys.setprofile/sys.monitoring events.
def _here(): pass
THIS = _here.__code__.co_filename
def a(x):
    while x:
        x -= 1
    return x
def b(n):
    for i in range(n):
        pass
    for j in range(n): pass
    return [k for k in range(n)]
def c(n):
    i = 0
    while True:
        i += 1
        if i > n:
            break
        continue
    return i
def d():
    for i in range(2):
        try:
            if i: raise ValueError
        except ValueError:
            continue
def e():
    yield from range(2)
out = []
def tr(frame, event, arg):
    if frame.f_code.co_filename != THIS: return None
    out.append((frame.f_code.co_name, event, frame.f_lineno))
    return tr
sys.settrace(tr)
a(2); b(2); c(2); d(); list(e())
sys.settrace(None)
for o in out: print(o)
m = sys.monitoring
m.use_tool_id(1, "cov")
lines = []
m.register_callback(1, m.events.LINE, lambda code, line: lines.append((code.co_name, line)))
m.register_callback(1, m.events.BRANCH, lambda code, src, dst: lines.append((code.co_name, "B", src, dst)))
m.register_callback(1, m.events.JUMP, lambda code, src, dst: lines.append((code.co_name, "J", src, dst)))
m.set_events(1, m.events.LINE | m.events.BRANCH | m.events.JUMP)
a(2); b(2); c(2); d(); list(e())
m.set_events(1, 0)
for l in lines: print("M", l)
# DISABLE
cnt = [0]
def once(code, line):
    cnt[0] += 1
    return m.DISABLE
m.register_callback(1, m.events.LINE, once)
m.set_events(1, m.events.LINE)
for _ in range(3): a(1)
m.set_events(1, 0)
print("disable", cnt[0])
m.restart_events()
m.set_events(1, m.events.LINE)
a(1)
m.set_events(1, 0)
print("restart", cnt[0])
# local events
m.register_callback(1, m.events.LINE, lambda code, line: lines.append(("local", code.co_name, line)))
lines.clear()
m.set_local_events(1, a.__code__, m.events.LINE)
a(1); b(1)
print(m.get_local_events(1, a.__code__), m.get_local_events(1, b.__code__))
m.set_local_events(1, a.__code__, 0)
a(1)
print(lines)
m.free_tool_id(1)
