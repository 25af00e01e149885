import sys, threading
# Compared with CPython 3.13's output: sys.settrace/sys.setprofile/sys.monitoring events.
def _here(): pass
THIS = _here.__code__.co_filename
# settrace: call/line/return for nested calls, loops on one line, while loops, comprehensions, with, lambda
def one(): return 1
def loop1():
    s = 0
    for i in range(3): s += i
    while s > 0: s -= 2
    return s
def comp():
    return [x * 2 for x in range(3) if x]
class Ctx:
    def __enter__(self): return self
    def __exit__(self, *a): return False
def withs():
    with Ctx() as c:
        y = 1
    return y
def raiser():
    raise KeyError("k")
def catcher():
    try:
        raiser()
    except KeyError as e:
        return str(e)
    finally:
        z = 2
def nested():
    def inner(a):
        return a + 1
    return inner(one())
out = []
def tr(frame, event, arg):
    if frame.f_code.co_filename != THIS:
        return None
    out.append((frame.f_code.co_name, event, frame.f_lineno))
    return tr
sys.settrace(tr)
loop1(); comp(); withs(); catcher(); nested(); (lambda: one())()
sys.settrace(None)
for o in out: print(o)
# local trace that returns None for some frames, f_trace_lines False
out.clear()
def tr2(frame, event, arg):
    if frame.f_code.co_filename != THIS:
        return None
    out.append((frame.f_code.co_name, event, frame.f_lineno))
    if frame.f_code.co_name == "loop1":
        frame.f_trace_lines = False
    if frame.f_code.co_name == "one":
        return None
    return tr2
sys.settrace(tr2)
loop1(); nested()
sys.settrace(None)
for o in out: print("2", o)
# opcode events
ops = []
def tr3(frame, event, arg):
    if frame.f_code.co_name != "one":
        return None
    frame.f_trace_opcodes = True
    ops.append((event, frame.f_lasti))
    return tr3
sys.settrace(tr3); one(); sys.settrace(None)
print(ops)
# trace function raising stops tracing
def bad(frame, event, arg):
    if event == "line":
        raise RuntimeError("boom")
    return bad
def victim():
    a = 1
    return a
sys.settrace(bad)
try:
    victim()
except RuntimeError as e:
    print("raised", e)
print(sys.gettrace())
# gettrace/getprofile
sys.setprofile(tr); print(sys.getprofile() is tr); sys.setprofile(None); print(sys.getprofile())
# threading.settrace: new threads pick it up
seen = []
def ttr(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "work":
        seen.append(threading.current_thread().name)
    return None
def work(): return 5
threading.settrace(ttr)
t = threading.Thread(target=work, name="T1"); t.start(); t.join()
threading.settrace(None)
print(seen)
# setprofile c_call / c_exception
pv = []
def prof(frame, event, arg):
    if frame.f_code.co_filename == THIS:
        pv.append((event, getattr(arg, "__name__", None)))
def cex():
    try:
        int("x")
    except ValueError:
        pass
    len("ab")
sys.setprofile(prof); cex(); sys.setprofile(None)
print(pv)
