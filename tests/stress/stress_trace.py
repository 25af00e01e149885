# Tracing hooks switched on and off while threads run: sys.monitoring events toggled from the main thread (every
# thread's frames switch dispatch tables at their eval-breaker checks), callbacks registered from many threads,
# per-thread sys.settrace/sys.setprofile, and threading.settrace_all_threads. Every worker's result must be exact,
# callbacks must see well-formed arguments, and replaced callbacks must be freed.
import sys
import threading
import weakref

m = sys.monitoring
E = m.events
WORKERS = 4
TOOL = 2


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


EXPECTED = {12: 144, 16: 987}


def work(n, funcs):
    for f in funcs:
        f()
    for _ in range(3):
        if fib(n) != EXPECTED[n]:
            raise AssertionError("wrong result")


funcs = []
for i in range(20):
    ns = {}
    exec("def f(): return None", ns)
    funcs.append(ns["f"])

bad = []
counts = {"line": 0, "call": 0}
count_lock = threading.Lock()


def on_line(code, line):
    if not isinstance(line, int) or line < 1:
        bad.append(("line", line))
    with count_lock:
        counts["line"] += 1


def on_call(code, offset, callable, arg0):
    if offset % 2:
        bad.append(("call", offset))
    with count_lock:
        counts["call"] += 1


# 1. sys.monitoring toggled while threads run.
m.use_tool_id(TOOL, "stress")
m.register_callback(TOOL, E.LINE, on_line)
m.register_callback(TOOL, E.CALL, on_call)
threads = [threading.Thread(target=work, args=(16, funcs)) for _ in range(WORKERS)]
for t in threads:
    t.start()
on = False
while any(t.is_alive() for t in threads):
    m.set_events(TOOL, (E.LINE | E.CALL) if on else 0)
    on = not on
for t in threads:
    t.join()
m.set_events(TOOL, E.LINE | E.CALL)  # whatever the toggling caught, both kinds are seen from here
work(12, funcs)
m.set_events(TOOL, 0)
print("monitoring events seen:", counts["line"] > 0 and counts["call"] > 0, "bad:", bad)

# 2. Callbacks registered from many threads: the replaced ones are freed.
refs = []


def register():
    for _ in range(100):
        def cb(*args):
            pass
        m.register_callback(TOOL, E.LINE, cb)
    refs.append(weakref.ref(cb))


threads = [threading.Thread(target=register) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
m.register_callback(TOOL, E.LINE, None)
print("callbacks freed:", all(r() is None for r in refs))
m.free_tool_id(TOOL)

# 3. Each thread traces itself; threading.settrace_all_threads reaches running threads.
per_thread = {}


def traced_worker(k):
    events = []

    def tr(frame, event, arg):
        if frame.f_code is fib.__code__:
            events.append(event)
        return tr
    sys.settrace(tr)
    fib(8)
    sys.settrace(None)
    per_thread[k] = (events.count("call"), events.count("return"))


threads = [threading.Thread(target=traced_worker, args=(k,)) for k in range(WORKERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("per-thread traces:", sorted(per_thread.values()))

stop = threading.Event()
seen_threads = set()
seen_lock = threading.Lock()


def spinner():
    while not stop.is_set():
        fib(5)


def all_tracer(frame, event, arg):
    if event == "call" and frame.f_code is fib.__code__:
        with seen_lock:
            seen_threads.add(threading.get_ident())
    return None


threads = [threading.Thread(target=spinner) for _ in range(WORKERS)]
for t in threads:
    t.start()
threading.settrace_all_threads(all_tracer)
while True:
    with seen_lock:
        if len(seen_threads) >= WORKERS:
            break
    fib(3)
threading.settrace_all_threads(None)
stop.set()
for t in threads:
    t.join()
print("settrace_all_threads reached", len(seen_threads) >= WORKERS, "threads")
print("trace after reset:", sys.gettrace())
